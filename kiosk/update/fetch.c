#include "fetch.h"


#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "fsutil.h"
#include "kfile.h"
#include "logsafe.h"

int fetch_load_public_key(const char *path, unsigned char pk[MANIFEST_PK_BYTES], char *err, size_t errsize)
{
    char *text = NULL;
    size_t len = 0;
    if (!path || kfile_read(path, KIOSK_MAX_KEY_FILE_BYTES, 0, &text, &len) != 0) {
        snprintf(err, errsize, "public key %s: %s", path ? path : "(none)",
                 path ? strerror(errno) : "not configured");
        return -1;
    }
    int rc = manifest_parse_public(text, len, pk);
    free(text);
    if (rc != 0)
        snprintf(err, errsize, "public key %s: not a kiosk public key (kiosk-publish keygen makes one)", path);
    return rc;
}

int fetch_channel_urls(const char *url, char *base, size_t bsize, char *objects, size_t osize)
{
    if (!url || (strncmp(url, "http://", 7) != 0 && strncmp(url, "https://", 8) != 0))
        return -1;
    size_t len = strlen(url);
    if (len == 0 || len > KIOSK_MAX_URL)
        return -1;
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)url[i] <= 0x20 || (unsigned char)url[i] >= 0x7f || url[i] == '?' || url[i] == '#')
            return -1;
    if (fsutil_pathf(base, bsize, "%s%s", url, url[len - 1] == '/' ? "" : "/"))
        return -1;
    const char *host = strstr(base, "://") + 3;
    const char *first = strchr(host, '/');  /* start of the path */
    size_t blen = strlen(base);
    const char *last = NULL;                /* slash before the channel's name */
    for (const char *p = base + blen - 2; p >= first; p--)
        if (*p == '/') {
            last = p;
            break;
        }
    if (!last || last + 1 >= base + blen - 1)
        return -1; /* no channel component: "https://host/" */
    return fsutil_pathf(objects, osize, "%.*sobjects/", (int)(last - base + 1), base);
}

int fetch_channel_name(const updater_config *cfg, char *name, size_t size, char *err, size_t errsize)
{
    char base[FETCH_URL_MAX], objects[FETCH_URL_MAX], where[FETCH_URL_MAX];
    name[0] = '\0';
    if (cfg->channel_name && *cfg->channel_name) {
        snprintf(name, size, "%s", cfg->channel_name);
        if (manifest_channel_valid(cfg->channel_name) && strlen(cfg->channel_name) < size)
            return 0;
        snprintf(err, errsize, "channel name '%.80s': 1 to %d of a-z, 0-9, -, _", cfg->channel_name,
                 KIOSK_MAX_CHANNEL);
        return -1;
    }
    if (fetch_channel_urls(cfg->channel_url, base, sizeof(base), objects, sizeof(objects)) != 0)
        return -1;
    /* base ends in "/<last>/"; objects is base up to <last> */
    size_t from = strlen(objects) - strlen("objects/"), len = strlen(base) - 1 - from;
    if (len < size) {
        memcpy(name, base + from, len);
        name[len] = '\0';
    }
    if (len < size && manifest_channel_valid(name))
        return 0;
    logsafe_url(where, sizeof(where), cfg->channel_url);
    snprintf(err, errsize,
             "channel URL '%s': its last part is not a channel name (1 to %d of a-z, 0-9, -, _); "
             "set the channel's name with --update-channel-name",
             where, KIOSK_MAX_CHANNEL);
    return -1;
}

/* Seconds to milliseconds, saturating (the configuration caps them anyway). */
static unsigned ms(unsigned s)
{
    return s > UINT_MAX / 1000u ? UINT_MAX : s * 1000u;
}

static uint64_t mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static int stop_requested(void *ctx)
{
    volatile int *stop = ctx;
    return stop && __atomic_load_n(stop, __ATOMIC_RELAXED);
}

update_reason fetch_open(fetch *f, const updater_config *cfg, volatile int *stop, updater_result *res)
{
    char err[256];
    memset(f, 0, sizeof(*f));
    f->cfg = cfg;
    f->res = res;
    f->stop = stop;
    f->rooted = cfg->root_key_file != NULL;
    if (fetch_load_public_key(f->rooted ? cfg->root_key_file : cfg->public_key_file, f->pk, err, sizeof(err))) {
        updater_set_detail(res, "%s", err);
        return UPDATE_LOCAL_ERROR;
    }
    if (fetch_channel_urls(cfg->channel_url, f->base, sizeof(f->base), f->objects_url, sizeof(f->objects_url)) ||
        fsutil_pathf(f->keys_url, sizeof(f->keys_url), "%.*skeys.list",
                     (int)(strlen(f->objects_url) - strlen("objects/")), f->objects_url)) {
        char where[FETCH_URL_MAX];
        logsafe_url(where, sizeof(where), cfg->channel_url ? cfg->channel_url : "");
        updater_set_detail(res, "bad channel URL '%s'", where);
        return UPDATE_LOCAL_ERROR;
    }
    if (fetch_channel_name(cfg, f->channel, sizeof(f->channel), err, sizeof(err)) != 0) {
        updater_set_detail(res, "%s", err);
        return UPDATE_LOCAL_ERROR;
    }
    http_options o = {
        .connect_timeout_ms = ms(cfg->connect_timeout_s),
        .timeout_ms = ms(cfg->timeout_s),
        .low_speed_bytes = cfg->low_speed_bytes,
        .low_speed_time_s = cfg->low_speed_time_s,
        .ca_file = cfg->ca_file,
        .pinned_public_key = cfg->pinned_public_key,
        .follow_redirects = 1,
        .cancelled = stop_requested,
        .cancel_ctx = (void *)stop,
    };
    f->deadline_ms = mono_ms() + (uint64_t)ms(cfg->cycle_timeout_s);
    f->http = http_client_new(&o);
    if (!f->http) {
        updater_set_detail(res, "cannot initialise libcurl");
        return UPDATE_LOCAL_ERROR;
    }
    return UPDATE_OK;
}

void fetch_close(fetch *f)
{
    http_client_free(f->http);
    f->http = NULL;
}

/* One GET: counted, and its failure described as "GET <url>: <why>". */
static update_reason get(fetch *f, const char *url, const char *inm, int gzip, size_t max, http_body_fn body,
                         void *ctx, http_response *hr)
{
    /* the whole cycle has one budget: each request gets what is left */
    uint64_t now = mono_ms(), per = ms(f->cfg->timeout_s);
    uint64_t left = f->deadline_ms > now ? f->deadline_ms - now : 0;
    memset(hr, 0, sizeof(*hr));
    if (left == 0) {
        updater_set_detail(f->res, "the update cycle reached its limit of %u s before GET %s",
                           f->cfg->cycle_timeout_s, url);
        return UPDATE_TIMEOUT;
    }
    http_client_set_timeout(f->http, (unsigned)(left < per ? left : per));
    update_reason r = http_get(f->http, url, inm, gzip, max, body, ctx, hr);
    f->res->requests++;
    f->res->bytes += hr->bytes;
    if (r == UPDATE_TIMEOUT && left < per)
        updater_set_detail(f->res, "GET %s: %s (the update cycle's limit of %u s)", url, hr->detail,
                           f->cfg->cycle_timeout_s);
    else if (r != UPDATE_OK)
        updater_set_detail(f->res, "GET %s: %s", url, hr->detail);
    return r;
}

struct mem {
    char *p;
    size_t len;
};

static int to_mem(void *ctx, const char *data, size_t len)
{
    struct mem *m = ctx;
    memcpy(m->p + m->len, data, len); /* http_get stops at max, the buffer's size */
    m->len += len;
    return 0;
}

/* GET a small file (manifest, signature) into memory; NULL text on 304. */
static update_reason get_mem(fetch *f, const char *url, size_t max, const char *inm, int gzip, char **out,
                             size_t *len)
{
    struct mem m = {.p = malloc(max + 1)};
    http_response hr;
    *out = NULL;
    *len = 0;
    if (!m.p)
        return UPDATE_LOCAL_ERROR;
    update_reason r = get(f, url, inm, gzip, max, to_mem, &m, &hr);
    snprintf(f->etag, sizeof(f->etag), "%s", hr.etag);
    if (r != UPDATE_OK || hr.status == 304) {
        free(m.p);
        return r;
    }
    m.p[m.len] = '\0';
    *out = m.p;
    *len = m.len;
    return UPDATE_OK;
}

static void sleep_ms(unsigned ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
}

/* What a signed file's signature must satisfy: UPDATE_OK, or why not
 * (the detail set); *retry when it may be a publish caught in between. */
typedef update_reason (*check_fn)(fetch *f, const char *url, const char *text, size_t len, const char *sig,
                                  size_t slen, int *retry);

/* A signature line that is malformed or does not match what (the file at
 * url): perhaps a publish caught between its two renames, so *retry. */
static update_reason bad_signature(fetch *f, const char *url, int malformed, const char *what, int *retry)
{
    if (malformed)
        updater_set_detail(f->res, "%s: signature file is malformed", url);
    else
        updater_set_detail(f->res, "%s: signature does not match the %s", url, what);
    *retry = 1;
    return UPDATE_SIGNATURE;
}

/* A manifest's signature: by the configured key, or by a key in use on
 * the accepted key list. */
static update_reason check_manifest_sig(fetch *f, const char *url, const char *text, size_t len, const char *sig,
                                        size_t slen, int *retry)
{
    char id[MANIFEST_KEYID_LEN + 1] = "";
    if (f->rooted && !f->keys) { /* trust_keys runs first; never reached */
        updater_set_detail(f->res, "no key list accepted");
        return UPDATE_UNKNOWN_KEY;
    }
    if (f->rooted) {
        keylist_sig_status k = keylist_verify(f->keys, text, len, sig, slen, id);
        if (k == KEYLIST_SIG_OK)
            return UPDATE_OK;
        if (k == KEYLIST_SIG_REVOKED || k == KEYLIST_SIG_UNKNOWN) {
            updater_set_detail(f->res, "%s is signed with key %s, %s the key list (version %" PRIu64 ")", url, id,
                               k == KEYLIST_SIG_REVOKED ? "revoked on" : "not on", f->keys->version);
            return k == KEYLIST_SIG_REVOKED ? UPDATE_REVOKED_KEY : UPDATE_UNKNOWN_KEY;
        }
    } else {
        manifest_sig_status v = manifest_verify(text, len, sig, slen, f->pk);
        if (v == MANIFEST_SIG_OK)
            return UPDATE_OK;
        if (v == MANIFEST_SIG_WRONG_KEY) {
            updater_set_detail(f->res, "%s is signed with another key than %s", url, f->cfg->public_key_file);
            return UPDATE_WRONG_KEY;
        }
    }
    return bad_signature(f, url, manifest_sig_key_id(sig, slen, id) != 0, "manifest", retry);
}

/* The key list's signature: by the root key. */
static update_reason check_keys_sig(fetch *f, const char *url, const char *text, size_t len, const char *sig,
                                    size_t slen, int *retry)
{
    manifest_sig_status v = manifest_verify(text, len, sig, slen, f->pk);
    if (v == MANIFEST_SIG_OK)
        return UPDATE_OK;
    if (v == MANIFEST_SIG_WRONG_KEY) {
        updater_set_detail(f->res, "%s is signed with another root key than %s", url, f->cfg->root_key_file);
        return UPDATE_WRONG_KEY;
    }
    return bad_signature(f, url, v == MANIFEST_SIG_MALFORMED, "key list", retry);
}

/* The signature at surl of the text just fetched from url, checked. */
static update_reason check_signature(fetch *f, const char *url, const char *surl, const char *text, size_t len,
                                     check_fn check, int *retry)
{
    char *sig = NULL, etag[KIOSK_MAX_ETAG];
    size_t slen = 0;
    *retry = 0;
    snprintf(etag, sizeof(etag), "%s", f->etag);
    update_reason r = get_mem(f, surl, KIOSK_MAX_SIG_BYTES, NULL, 0, &sig, &slen);
    snprintf(f->etag, sizeof(f->etag), "%s", etag); /* the signed file's ETag is the one to keep */
    if (r == UPDATE_HTTP_404) {
        updater_set_detail(f->res, "no signature at %s", surl);
        r = UPDATE_SIGNATURE;
    }
    if (r != UPDATE_OK)
        return r;
    r = check(f, url, text, len, sig, slen, retry);
    if (r == UPDATE_OK)
        snprintf(f->sig, sizeof(f->sig), "%s", sig); /* checked: a line of at most that size */
    free(sig);
    return r;
}

/* GET url (at most max bytes) and url.sig, checked. A file and its
 * signature are two files: a poll that falls between the publisher's two
 * renames sees a mismatch. One retry settles that. */
static update_reason fetch_signed(fetch *f, const char *url, size_t max, const char *inm, check_fn check,
                                  char **text, size_t *len)
{
    char surl[FETCH_URL_MAX];
    *text = NULL;
    if (fsutil_pathf(surl, sizeof(surl), "%s.sig", url))
        return UPDATE_LOCAL_ERROR;
    for (int attempt = 0;; attempt++) {
        int retry;
        update_reason r = get_mem(f, url, max, attempt ? NULL : inm, 1, text, len);
        if (r != UPDATE_OK || !*text)
            return r;
        r = check_signature(f, url, surl, *text, *len, check, &retry);
        if (r == UPDATE_OK)
            return r;
        free(*text);
        *text = NULL;
        if (!retry || attempt >= 1 || stop_requested((void *)f->stop))
            return r;
        sleep_ms(1000);
    }
}

update_reason fetch_manifest(fetch *f, const char *inm, char **text, size_t *len)
{
    char murl[FETCH_URL_MAX];
    if (fsutil_pathf(murl, sizeof(murl), "%smanifest.yaml", f->base))
        return UPDATE_LOCAL_ERROR;
    return fetch_signed(f, murl, KIOSK_MAX_MANIFEST_BYTES, inm, check_manifest_sig, text, len);
}

update_reason fetch_keys(fetch *f, const char *inm, char **text, size_t *len)
{
    return fetch_signed(f, f->keys_url, KEYLIST_MAX_BYTES, inm, check_keys_sig, text, len);
}

struct obj {
    int fd;
    crypto_hash_sha256_state sha;
};

static int to_file(void *ctx, const char *data, size_t len)
{
    struct obj *o = ctx;
    if (fsutil_write_all(o->fd, data, len) != 0)
        return errno;
    crypto_hash_sha256_update(&o->sha, (const unsigned char *)data, len);
    return 0;
}

update_reason fetch_object(fetch *f, const manifest_file *mf, int fd)
{
    char url[FETCH_URL_MAX];
    struct obj o = {.fd = fd};
    http_response hr;
    if (fsutil_pathf(url, sizeof(url), "%s%s", f->objects_url, mf->sha256)) {
        updater_set_detail(f->res, "object path too long");
        return UPDATE_LOCAL_ERROR;
    }
    crypto_hash_sha256_init(&o.sha);
    update_reason r = get(f, url, NULL, 0, (size_t)mf->size, to_file, &o, &hr);
    if (r != UPDATE_OK)
        return r;
    if (hr.bytes != mf->size) {
        updater_set_detail(f->res, "GET %s: %zu of %" PRIu64 " bytes", url, hr.bytes, mf->size);
        return UPDATE_TRUNCATED;
    }
    unsigned char h[crypto_hash_sha256_BYTES];
    char hex[MANIFEST_HEX_LEN + 1];
    crypto_hash_sha256_final(&o.sha, h);
    sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
    if (strcmp(hex, mf->sha256) != 0) {
        updater_set_detail(f->res, "object for %s: SHA-256 %.16s..., expected %.16s...", mf->path, hex,
                           mf->sha256);
        return UPDATE_HASH;
    }
    return UPDATE_OK;
}
