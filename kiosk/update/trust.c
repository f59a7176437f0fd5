/* trust.c — the key list a root-pinning kiosk checks manifests against
 * (trust.h). */
#include "trust.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "log.h"

#define LOG "updater"

/* The list kept in STATE_DIR/keys, checked again with the root key (the
 * directory may be writable by others); its text in *text. NULL when
 * there is none or it does not verify (logged). */
static keylist *kept_list(const store *st, const fetch *f, char **text, size_t *len)
{
    char *sig = NULL, err[256];
    size_t slen = 0;
    keylist *l = NULL;
    if (store_load_keys(st, text, len, &sig, &slen) != 0)
        return NULL;
    if (manifest_verify(*text, *len, sig, slen, f->pk) != MANIFEST_SIG_OK)
        log_warn(LOG, "%s/" STORE_KEYS_FILE " does not carry the root key's signature: ignored", st->dir);
    else if (keylist_parse(*text, *len, &l, err, sizeof(err)) != MANIFEST_OK)
        log_warn(LOG, "%s/" STORE_KEYS_FILE ": %s: ignored", st->dir, err);
    free(sig);
    if (!l) {
        free(*text);
        *text = NULL;
    }
    return l;
}

/* The list fetched (text, signed by the root) against the kept one: *out
 * is the list to use. */
static update_reason take_list(const store *st, fetch *f, keylist **kept, const char *kept_text, size_t kept_len,
                               const char *text, size_t len, updater_result *res, keylist **out)
{
    keylist *l = NULL;
    char err[256], t[40];
    if (keylist_parse(text, len, &l, err, sizeof(err)) != MANIFEST_OK) {
        updater_set_detail(res, "%s: %s", f->keys_url, err);
        return UPDATE_BAD_MANIFEST;
    }
    update_reason r = UPDATE_OK;
    if (*kept && l->version < (*kept)->version) {
        updater_set_detail(res, "key list version %" PRIu64 " is older than version %" PRIu64 ", the newest accepted",
                           l->version, (*kept)->version);
        r = UPDATE_KEYS_ROLLBACK;
    } else if (*kept && l->version == (*kept)->version) {
        if (len == kept_len && memcmp(text, kept_text, len) == 0) {
            *out = *kept; /* the same list */
            *kept = NULL;
        } else {
            updater_set_detail(res, "key list version %" PRIu64 " differs from the accepted list of that version",
                               l->version);
            r = UPDATE_KEYS_ROLLBACK;
        }
    } else if (l->expires <= (int64_t)time(NULL)) {
        manifest_time_format(l->expires, t, sizeof(t));
        updater_set_detail(res, "key list version %" PRIu64 " expired at %s (kiosk-publish keys refresh renews it)",
                           l->version, t);
        r = UPDATE_EXPIRED;
    } else if ((r = store_save_keys(st, text, len, f->sig, res)) == UPDATE_OK) {
        size_t n = 0;
        for (size_t i = 0; i < l->n_keys; i++)
            n += !l->keys[i].revoked;
        log_info(LOG, "key list version %" PRIu64 " accepted: %zu keys in use, %zu revoked", l->version, n,
                 l->n_keys - n);
        *out = l;
        return UPDATE_OK;
    }
    keylist_free(l);
    return r;
}

update_reason trust_keys(const store *st, fetch *f, char *etag, size_t etag_size, updater_result *res,
                         keylist **out)
{
    char *kept_text = NULL, *text = NULL;
    size_t kept_len = 0, len = 0;
    *out = NULL;
    keylist *kept = kept_list(st, f, &kept_text, &kept_len);
    update_reason r = fetch_keys(f, kept && etag[0] ? etag : NULL, &text, &len);
    if (r == UPDATE_OK && !text) { /* 304: the list this thread accepted, and kept */
        *out = kept;
        kept = NULL;
    } else if (r == UPDATE_OK) {
        r = take_list(st, f, &kept, kept_text, kept_len, text, len, res, out);
    }
    if (r == UPDATE_OK)
        snprintf(etag, etag_size, "%s", f->etag);
    keylist_free(kept);
    free(kept_text);
    free(text);
    if (r != UPDATE_OK)
        return r;
    if ((*out)->expires <= (int64_t)time(NULL)) {
        char t[40];
        manifest_time_format((*out)->expires, t, sizeof(t));
        log_warn(LOG, "the key list (version %" PRIu64 ") expired at %s: the root key's holder has not renewed it "
                      "(kiosk-publish keys refresh)", (*out)->version, t);
        res->keys_expired = 1;
    }
    return UPDATE_OK;
}
