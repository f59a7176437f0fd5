/* publish_keys.c — the root key's commands (publish.h): adding, revoking
 * and re-signing the list of publishing keys OUT_DIR/keys.list, and showing
 * it. The root key is meant to live offline: these commands run there, and
 * OUT_DIR/keys.list and keys.list.sig are then copied to the server. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "fsutil.h"
#include "keylist.h"
#include "kfile.h"
#include "klimits.h"
#include "manifest.h"
#include "publish.h"
#include "publish_impl.h"

#define LIST_NAME "keys.list"
#define SIG_NAME "keys.list.sig"

struct kjob {
    const publish_keys_options *o;
    char lpath[FSUTIL_PATH_MAX], spath[FSUTIL_PATH_MAX];
    unsigned char sk[MANIFEST_SK_BYTES], pk[MANIFEST_PK_BYTES]; /* the root's */
    keylist *list;  /* the list on disk (verified), then the next one */
    int lockfd;
};

/* A public key file into pk. 0, or -1 (printed). */
static int read_public(const char *path, unsigned char pk[MANIFEST_PK_BYTES])
{
    char *text = NULL;
    size_t len = 0;
    if (kfile_read(path, KIOSK_MAX_KEY_FILE_BYTES, 0, &text, &len) != 0) {
        fprintf(stderr, "kiosk-publish: read %s: %s\n", path, strerror(errno));
        return -1;
    }
    int rc = manifest_parse_public(text, len, pk);
    free(text);
    if (rc != 0)
        fprintf(stderr, "kiosk-publish: %s: not a kiosk public key\n", path);
    return rc;
}

/* The list in OUT_DIR into j->list (NULL when there is none), its
 * signature checked with pk when pk is given. 0, or -1 (printed) when one
 * is there but cannot be read, does not verify or does not parse: a
 * change must never start over from nothing, nor build on a list the root
 * did not sign. */
static int read_list(struct kjob *j, const unsigned char *pk)
{
    char *text = NULL, *sig = NULL, err[256];
    size_t len = 0, slen = 0;
    j->list = NULL;
    if (kfile_read(j->lpath, KEYLIST_MAX_BYTES, 0, &text, &len) != 0) {
        if (errno == ENOENT)
            return 0;
        fprintf(stderr, "kiosk-publish: read %s: %s\n", j->lpath, strerror(errno));
        return -1;
    }
    const char *why = NULL, *where = j->lpath;
    manifest_sig_status v = MANIFEST_SIG_OK;
    if (kfile_read(j->spath, KIOSK_MAX_SIG_BYTES, 0, &sig, &slen) != 0)
        why = strerror(errno), where = j->spath;
    else if (pk && (v = manifest_verify(text, len, sig, slen, pk)) != MANIFEST_SIG_OK)
        why = v == MANIFEST_SIG_WRONG_KEY ? "signed by another root key" : "the signature does not match";
    if (why)
        fprintf(stderr, "kiosk-publish: %s: %s; nothing changed\n", where, why);
    else if (keylist_parse(text, len, &j->list, err, sizeof(err)) != MANIFEST_OK)
        fprintf(stderr, "kiosk-publish: %s:%s; nothing changed\n", j->lpath, err);
    free(text);
    free(sig);
    return j->list ? 0 : -1;
}

/* Signs j->list as the next version and writes it, signature first. The
 * text is read back with the kiosk's parser and signature check first. */
static int write_list(struct kjob *j)
{
    keylist *l = j->list, *back = NULL;
    char sig[MANIFEST_SIG_TEXT_MAX], err[256];
    int64_t now = (int64_t)(publish_now_ms() / 1000);
    size_t len = 0;
    l->version++;
    l->published = now;
    l->expires = now + (int64_t)j->o->expires_days * 86400;
    char *text = keylist_emit(l, &len);
    int rc = -1;
    if (!text || manifest_sign(text, len, j->sk, sig, sizeof(sig)) != 0)
        fprintf(stderr, "kiosk-publish: cannot sign the key list\n");
    else if (keylist_parse(text, len, &back, err, sizeof(err)) != MANIFEST_OK || !keylist_equal(l, back) ||
             manifest_verify(text, len, sig, strlen(sig), j->pk) != MANIFEST_SIG_OK)
        fprintf(stderr, "kiosk-publish: a kiosk would refuse this key list (%s); nothing changed\n",
                back ? "it reads back different" : err);
    else if (fsutil_write_atomic(j->spath, sig, strlen(sig), 0644) != 0 ||
             fsutil_write_atomic(j->lpath, text, len, 0644) != 0)
        fprintf(stderr, "kiosk-publish: write %s: %s\n", j->lpath, strerror(errno));
    else
        rc = 0;
    keylist_free(back);
    free(text);
    return rc;
}

static size_t in_use(const keylist *l)
{
    size_t n = 0;
    for (size_t i = 0; i < l->n_keys; i++)
        n += !l->keys[i].revoked;
    return n;
}

/* The change an operation makes to j->list. 0, or -1 (printed). */
static int change(struct kjob *j)
{
    const publish_keys_options *o = j->o;
    char err[256], id[MANIFEST_KEYID_LEN + 1];
    unsigned char pk[MANIFEST_PK_BYTES];
    if (o->op == PUBLISH_KEYS_REFRESH)
        return 0;
    if (o->op == PUBLISH_KEYS_REVOKE) {
        if (keylist_revoke(j->list, o->key_id, (int64_t)(publish_now_ms() / 1000), err, sizeof(err)) == 0)
            return 0;
        fprintf(stderr, "kiosk-publish: %s; nothing changed\n", err);
        return -1;
    }
    if (read_public(o->pub, pk) != 0)
        return -1;
    if (memcmp(pk, j->pk, sizeof(pk)) == 0) {
        fprintf(stderr, "kiosk-publish: %s is the root key; the root signs only the key list (make a "
                        "publishing key with kiosk-publish keygen)\n", o->pub);
        return -1;
    }
    manifest_key_id(pk, id);
    if (keylist_add(j->list, pk, o->note, (int64_t)(publish_now_ms() / 1000), err, sizeof(err)) != 0) {
        fprintf(stderr, "kiosk-publish: %s; nothing changed\n", err);
        return -1;
    }
    return 0;
}

/* add, revoke, refresh: the list on disk, changed, signed as the next
 * version. */
static int run_change(struct kjob *j)
{
    const publish_keys_options *o = j->o;
    if (fsutil_mkdir_p(o->out_dir, 0755) != 0) {
        fprintf(stderr, "kiosk-publish: mkdir %s: %s\n", o->out_dir, strerror(errno));
        return 1;
    }
    if (publish_load_secret_key(o->root_key, j->sk, j->pk) != 0 ||
        publish_lock_dir(o->out_dir, LOCK_EX, "a publish or gc", &j->lockfd) != 0 || read_list(j, j->pk) != 0)
        return 1;
    if (!j->list) {
        if (o->op != PUBLISH_KEYS_ADD) {
            fprintf(stderr, "kiosk-publish: %s: no key list yet (kiosk-publish keys add makes one)\n", j->lpath);
            return 1;
        }
        if (!(j->list = keylist_new()))
            return 1;
    }
    uint64_t was = j->list->version;
    if (change(j) != 0 || write_list(j) != 0)
        return 1;
    char t[40];
    manifest_time_format(j->list->expires, t, sizeof(t));
    printf("%s: version %" PRIu64 " (was %" PRIu64 "), %zu keys in use, %zu revoked, expires %s\n", j->lpath,
           j->list->version, was, in_use(j->list), j->list->n_keys - in_use(j->list), t);
    if (in_use(j->list) == 0)
        printf("no key is in use: kiosks accept no manifest until one is added (kiosk-publish keys add)\n");
    printf("copy %s and then %s to the server (kiosks fetch them beside the channels)\n", SIG_NAME, LIST_NAME);
    return 0;
}

static void print_list(const keylist *l)
{
    char t[40];
    for (size_t i = 0; i < l->n_keys; i++) {
        const keylist_key *k = &l->keys[i];
        manifest_time_format(k->added, t, sizeof(t));
        printf("  %s  %-8s added %s", k->id, k->revoked ? "revoked" : "in use", t);
        if (k->revoked) {
            manifest_time_format(k->revoked, t, sizeof(t));
            printf(", revoked %s", t);
        }
        printf("%s%s\n", k->note ? "  " : "", k->note ? k->note : "");
    }
}

static int run_list(struct kjob *j)
{
    const publish_keys_options *o = j->o;
    char t[40], id[MANIFEST_KEYID_LEN + 1];
    if (o->root_pub && read_public(o->root_pub, j->pk) != 0)
        return 1;
    if (read_list(j, o->root_pub ? j->pk : NULL) != 0)
        return 1;
    if (!j->list) {
        fprintf(stderr, "kiosk-publish: %s: no key list\n", j->lpath);
        return 1;
    }
    const keylist *l = j->list;
    manifest_key_id(j->pk, id);
    manifest_time_format(l->expires, t, sizeof(t));
    printf("%s: version %" PRIu64 ", expires %s%s; signature %s%s\n", j->lpath, l->version, t,
           l->expires <= (int64_t)(publish_now_ms() / 1000) ? " (EXPIRED: kiosk-publish keys refresh)" : "",
           o->root_pub ? "good, root key " : "not checked (give --root-pub)", o->root_pub ? id : "");
    print_list(l);
    return 0;
}

int publish_key_listed(const char *out_dir, const unsigned char pk[MANIFEST_PK_BYTES])
{
    struct kjob j = {.lockfd = -1};
    char id[MANIFEST_KEYID_LEN + 1];
    if (snprintf(j.lpath, sizeof(j.lpath), "%s/%s", out_dir, LIST_NAME) >= (int)sizeof(j.lpath) ||
        snprintf(j.spath, sizeof(j.spath), "%s/%s", out_dir, SIG_NAME) >= (int)sizeof(j.spath))
        return -1;
    if (read_list(&j, NULL) != 0)
        return -1;
    if (!j.list)
        return 0; /* no list: kiosks with the key itself (public_key) */
    manifest_key_id(pk, id);
    const keylist_key *k = keylist_find(j.list, id);
    if (!k || k->revoked)
        fprintf(stderr, "kiosk-publish: key %s is %s %s: kiosks with a root key would refuse the manifest; "
                        "nothing published\n", id, k ? "revoked on" : "not on", j.lpath);
    int rc = k && !k->revoked ? 0 : -1;
    keylist_free(j.list);
    return rc;
}

int publish_keys(const publish_keys_options *o)
{
    struct kjob j = {.o = o, .lockfd = -1};
    int rc;
    if (snprintf(j.lpath, sizeof(j.lpath), "%s/%s", o->out_dir, LIST_NAME) >= (int)sizeof(j.lpath) ||
        snprintf(j.spath, sizeof(j.spath), "%s/%s", o->out_dir, SIG_NAME) >= (int)sizeof(j.spath)) {
        fprintf(stderr, "kiosk-publish: %s: path too long\n", o->out_dir);
        return 1;
    }
    rc = o->op == PUBLISH_KEYS_LIST ? run_list(&j) : run_change(&j);
    if (j.lockfd >= 0)
        close(j.lockfd);
    memset(j.sk, 0, sizeof(j.sk));
    keylist_free(j.list);
    return rc;
}
