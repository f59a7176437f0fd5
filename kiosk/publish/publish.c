/* publish.c — key pairs and publishing a content tree to a channel
 * (publish.h). */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "content.h"
#include "diag.h"
#include "fsutil.h"
#include "kfile.h"
#include "klimits.h"
#include "manifest.h"
#include "publish.h"
#include "publish_impl.h"

/* DIR/NAME.key (secret, 0600) and DIR/NAME.pub: publish_keygen and
 * publish_root_init. */
static int keygen_named(const char *dir, const char *name)
{
    unsigned char pk[MANIFEST_PK_BYTES], sk[MANIFEST_SK_BYTES];
    char pub[MANIFEST_KEY_TEXT_MAX], sec[MANIFEST_KEY_TEXT_MAX];
    char kpath[FSUTIL_PATH_MAX], ppath[FSUTIL_PATH_MAX];
    int rc = 1;
    struct stat st;
    if (snprintf(kpath, sizeof(kpath), "%s/%s.key", dir, name) >= (int)sizeof(kpath) ||
        snprintf(ppath, sizeof(ppath), "%s/%s.pub", dir, name) >= (int)sizeof(ppath)) {
        fprintf(stderr, "kiosk-publish: %s: path too long\n", dir);
        return 1;
    }
    if (lstat(kpath, &st) == 0) {
        /* a lost secret key means re-keying every kiosk: never overwrite */
        fprintf(stderr, "kiosk-publish: %s exists; not overwriting a key (move it away first)\n", kpath);
        return 1;
    }
    if (fsutil_mkdir_p(dir, 0700) != 0) {
        fprintf(stderr, "kiosk-publish: mkdir %s: %s\n", dir, strerror(errno));
        return 1;
    }
    /* sign and verify before anything is written: a pair that does not
     * match would sign manifests no kiosk accepts */
    if (manifest_keypair(pk, sk) != 0 || manifest_key_check(sk, NULL) != 0 ||
        manifest_format_public(pk, pub, sizeof(pub)) != 0 ||
        manifest_format_secret(sk, sec, sizeof(sec)) != 0) {
        fprintf(stderr, "kiosk-publish: cannot create a key pair\n");
        goto out;
    }
    if (fsutil_write_atomic(kpath, sec, strlen(sec), 0600) != 0) {
        fprintf(stderr, "kiosk-publish: write %s: %s\n", kpath, strerror(errno));
        goto out;
    }
    if (fsutil_write_atomic(ppath, pub, strlen(pub), 0644) != 0) {
        fprintf(stderr, "kiosk-publish: write %s: %s\n", ppath, strerror(errno));
        goto out;
    }
    char id[MANIFEST_KEYID_LEN + 1];
    manifest_key_id(pk, id);
    printf("wrote %s (secret) and %s (public), key id %s\n", kpath, ppath, id);
    rc = 0;
out:
    memset(sk, 0, sizeof(sk));
    memset(sec, 0, sizeof(sec));
    return rc;
}

int publish_keygen(const char *dir)
{
    return keygen_named(dir, "kiosk");
}

int publish_root_init(const char *dir)
{
    return keygen_named(dir, "root");
}

uint64_t publish_now_ms(void)
{
    struct timeval tv;
    gettimeofday(&tv, NULL);
    return (uint64_t)tv.tv_sec * 1000u + (uint64_t)tv.tv_usec / 1000u;
}

static void rfc3339_now(char *buf, size_t size)
{
    struct timeval tv;
    gettimeofday(&tv, NULL);
    struct tm tm;
    time_t t = tv.tv_sec;
    gmtime_r(&t, &tm);
    char base[32];
    strftime(base, sizeof(base), "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(buf, size, "%s.%03dZ", base, (int)(tv.tv_usec / 1000));
}

/* The public key file beside a secret key (DIR/NAME.pub for DIR/NAME.key)
 * must, when it exists, be the key's own half: kiosks are given that file. */
static int check_public_beside(const char *path, const unsigned char pk[MANIFEST_PK_BYTES])
{
    char ppath[FSUTIL_PATH_MAX], *text = NULL;
    size_t n = strlen(path), len = 0;
    unsigned char have[MANIFEST_PK_BYTES];
    if (n < 4 || strcmp(path + n - 4, ".key") != 0 || n >= sizeof(ppath))
        return 0;
    snprintf(ppath, sizeof(ppath), "%.*s.pub", (int)(n - 4), path);
    if (kfile_read(ppath, 1024, 0, &text, &len) != 0)
        return errno == ENOENT ? 0 : -1;
    int rc = manifest_parse_public(text, len, have) == 0 && memcmp(have, pk, sizeof(have)) == 0 ? 0 : -1;
    free(text);
    if (rc != 0)
        fprintf(stderr, "kiosk-publish: %s does not belong to the secret key %s; nothing published\n",
                ppath, path);
    return rc;
}

/* Reads the secret key: only from a file no one else may read, and only
 * when the pair is whole (manifest_key_check). pk gets its public half. */
int publish_load_secret_key(const char *path, unsigned char sk[MANIFEST_SK_BYTES],
                            unsigned char pk[MANIFEST_PK_BYTES])
{
    char *text = NULL;
    size_t len = 0;
    struct stat st;
    if (stat(path, &st) == 0 && (st.st_mode & 077)) {
        fprintf(stderr, "kiosk-publish: %s is open to other users (mode %03o); chmod 600 it, and "
                        "make a new key if others may have read it\n",
                path, (unsigned)(st.st_mode & 0777));
        return -1;
    }
    if (kfile_read(path, KIOSK_MAX_KEY_FILE_BYTES, 0, &text, &len) != 0) {
        fprintf(stderr, "kiosk-publish: read key %s: %s\n", path, strerror(errno));
        return -1;
    }
    int rc = manifest_parse_secret(text, len, sk);
    memset(text, 0, len);
    free(text);
    if (rc != 0) {
        fprintf(stderr, "kiosk-publish: %s: not a kiosk secret key (kiosk-publish keygen makes one)\n", path);
        return -1;
    }
    if (manifest_key_check(sk, pk) != 0) {
        fprintf(stderr, "kiosk-publish: %s is damaged: its public half does not match its secret "
                        "half; nothing published\n", path);
        return -1;
    }
    return check_public_beside(path, pk);
}

/* The manifest currently published on the channel, or NULL when there is
 * none. *bad is set when one exists but cannot be read: publishing must not
 * then restart the version count. */
static manifest *previous_manifest(const char *path, int *bad)
{
    char *text = NULL;
    size_t len = 0;
    *bad = 0;
    if (kfile_read(path, KIOSK_MAX_MANIFEST_BYTES, 0, &text, &len) != 0) {
        if (errno == ENOENT)
            return NULL;
        fprintf(stderr, "kiosk-publish: read %s: %s\n", path, strerror(errno));
        *bad = 1;
        return NULL;
    }
    manifest *m = NULL;
    char err[256];
    if (manifest_parse(text, len, &m, err, sizeof(err)) != MANIFEST_OK) {
        fprintf(stderr, "kiosk-publish: %s: %s\n", path, err);
        *bad = 1;
    }
    free(text);
    return m;
}

/* The notice file given with --notice: parsed by the same code as the
 * kiosk's, and refused when it is already over. NULL on error (printed). */
static manifest_notice *load_notice(const char *path)
{
    char *text = NULL, err[256];
    size_t len = 0;
    manifest_notice *n = NULL;
    if (kfile_read(path, KIOSK_MAX_NOTICE_BYTES, 0, &text, &len) != 0) {
        fprintf(stderr, "kiosk-publish: --notice %s: %s\n", path, strerror(errno));
        return NULL;
    }
    if (manifest_notice_parse(text, len, &n, err, sizeof(err)) != MANIFEST_OK)
        fprintf(stderr, "kiosk-publish: %s:%s\n", path, err);
    else if (n->ends <= (int64_t)time(NULL)) {
        fprintf(stderr, "kiosk-publish: %s: the notice is already over (ends in the past)\n", path);
        manifest_notice_free(n);
        n = NULL;
    }
    free(text);
    return n;
}


/* Give the objects prev lists and m does not a fresh modification time.
 * gc's grace period counts from an object's mtime: without this, a file
 * published long ago and dropped just now would look old, and gc could
 * remove it while kiosks are still fetching the version that listed it. */
static void touch_dropped(const manifest *prev, const manifest *m, const char *objects)
{
    struct publish_hashset now = {0};
    for (size_t i = 0; i < m->n_files; i++)
        if (publish_hashset_add(&now, m->files[i].sha256) != 0)
            goto out; /* out of memory: gc just has a shorter grace */
    publish_hashset_finish(&now);
    for (size_t i = 0; i < prev->n_files; i++) {
        char obj[FSUTIL_PATH_MAX];
        if (publish_hashset_has(&now, prev->files[i].sha256) ||
            snprintf(obj, sizeof(obj), "%s/%s", objects, prev->files[i].sha256) >= (int)sizeof(obj))
            continue;
        if (utimensat(AT_FDCWD, obj, NULL, 0) != 0 && errno != ENOENT)
            fprintf(stderr, "kiosk-publish: warning: touch %s: %s\n", obj, strerror(errno));
    }
out:
    free(now.hex);
}

/* One publish: its paths, key, locks and manifests, freed by job_free. */
struct job {
    const publish_options *o;
    char objects[FSUTIL_PATH_MAX], chan_dir[FSUTIL_PATH_MAX];
    char mpath[FSUTIL_PATH_MAX], spath[FSUTIL_PATH_MAX];
    unsigned char sk[MANIFEST_SK_BYTES], pk[MANIFEST_PK_BYTES];
    int lockfd, gclockfd;
    manifest *m, *prev;
    manifest_notice *notice;
    kcontent *content;
};

static int job_paths(struct job *j)
{
    const char *out_dir = j->o->out_dir;
    if (snprintf(j->objects, sizeof(j->objects), "%s/objects", out_dir) >= (int)sizeof(j->objects) ||
        snprintf(j->chan_dir, sizeof(j->chan_dir), "%s/%s", out_dir, j->o->channel) >= (int)sizeof(j->chan_dir) ||
        snprintf(j->mpath, sizeof(j->mpath), "%s/manifest.yaml", j->chan_dir) >= (int)sizeof(j->mpath) ||
        snprintf(j->spath, sizeof(j->spath), "%s/manifest.yaml.sig", j->chan_dir) >= (int)sizeof(j->spath)) {
        fprintf(stderr, "kiosk-publish: %s: path too long\n", out_dir);
        return -1;
    }
    return 0;
}

/* The content as the kiosk's own loader reads it, when it passes: what
 * passes here, a kiosk will show, and its list of files is all that is
 * published. Its diagnostics are printed either way. NULL on errors. */
static kcontent *content_clean(const publish_options *o)
{
    diag_list d;
    diag_init(&d);
    kcontent *c = content_load(o->content_dir, &d);
    diag_print(&d, stderr, o->max_errors);
    diag_free(&d);
    if (!c)
        fprintf(stderr, "kiosk-publish: %s has errors; nothing published\n", o->content_dir);
    return c;
}

static int lock_channel(struct job *j)
{
    const char *out_dir = j->o->out_dir;
    char lpath[FSUTIL_PATH_MAX];
    /* OUT_DIR/.lock, shared: publishes run side by side, but gc (which
     * holds it exclusively) never deletes an old unlisted object that this
     * publish found intact and is about to list again. */
    if (fsutil_mkdir_p(out_dir, 0755) != 0 ||
        publish_lock_dir(out_dir, LOCK_SH, "kiosk-publish gc", &j->gclockfd) != 0)
        return -1;
    /* One publisher per channel at a time: two would read the same previous
     * version and could hand out one version number for two trees. */
    if (fsutil_mkdir_p(j->chan_dir, 0755) != 0 ||
        snprintf(lpath, sizeof(lpath), "%s/.lock", j->chan_dir) >= (int)sizeof(lpath) ||
        (j->lockfd = open(lpath, O_RDWR | O_CREAT | O_CLOEXEC, 0644)) < 0 ||
        flock(j->lockfd, LOCK_EX) != 0) {
        fprintf(stderr, "kiosk-publish: lock %s: %s\n", j->chan_dir, strerror(errno));
        return -1;
    }
    return 0;
}

/* An empty j->m after the channel's current manifest j->prev: a version
 * above it (the publish time in ms), the notice j->notice (taken), the
 * expiry. 0, or -1 (printed). */
static int new_manifest(struct job *j)
{
    char published[40];
    uint64_t version = publish_now_ms();
    if (j->prev && version <= j->prev->version)
        version = j->prev->version + 1; /* a clock set back must not downgrade kiosks */
    rfc3339_now(published, sizeof(published));
    j->m = manifest_new(j->o->channel, version, published);
    if (!j->m) {
        fprintf(stderr, "kiosk-publish: out of memory\n");
        return -1;
    }
    j->m->notice = j->notice;
    j->notice = NULL;
    if (j->o->expires_days > 0)
        j->m->expires = (int64_t)time(NULL) + (int64_t)j->o->expires_days * 86400;
    return 0;
}

/* The new manifest j->m, after the channel's current one j->prev: a
 * version above it, the notice, and every file of the tree stored as an
 * object. 0, or -1 (printed). */
static int build_manifest(struct job *j, struct publish_walk *w)
{
    char err[256];
    int bad = 0;
    j->prev = previous_manifest(j->mpath, &bad);
    if (bad) {
        fprintf(stderr, "kiosk-publish: cannot read the channel's current manifest; fix or remove %s\n",
                j->mpath);
        return -1;
    }
    if (new_manifest(j) != 0)
        return -1;
    /* the whole tree is checked before the first object is written */
    *w = (struct publish_walk){
        .root = j->o->content_dir, .objects = j->objects, .m = j->m, .content = j->content};
    if (publish_walk_tree(w) != 0 || w->errors) {
        fprintf(stderr, "kiosk-publish: nothing published\n");
        return -1;
    }
    if (manifest_finish(j->m, err, sizeof(err)) != 0) {
        fprintf(stderr, "kiosk-publish: %s; nothing published\n", err);
        return -1;
    }
    if (publish_walk_all_found(w) != 0) {
        fprintf(stderr, "kiosk-publish: nothing published\n");
        return -1;
    }
    if (fsutil_mkdir_p(j->objects, 0755) != 0) {
        fprintf(stderr, "kiosk-publish: %s: %s\n", j->objects, strerror(errno));
        return -1;
    }
    if (publish_store_objects(w) != 0) {
        fprintf(stderr, "kiosk-publish: nothing published\n");
        return -1;
    }
    if (fsutil_fsync_dir(j->objects) != 0) {
        fprintf(stderr, "kiosk-publish: fsync %s: %s\n", j->objects, strerror(errno));
        return -1;
    }
    return 0;
}

/* The manifest about to be published, read back as a kiosk reads it: the
 * kiosk's parser and signature check, with the key's public half. Anything
 * it would refuse, or read differently from what was meant, stops the
 * publish before a byte is written: a kiosk must never be offered a
 * manifest it refuses (every later publish and gc would stop on it too). */
static int reread_check(const struct job *j, const char *text, size_t len, const char *sig)
{
    manifest *back = NULL;
    char err[256];
    const char *why = NULL;
    if (manifest_parse(text, len, &back, err, sizeof(err)) != MANIFEST_OK)
        why = err;
    else if (manifest_verify(text, len, sig, strlen(sig), j->pk) != MANIFEST_SIG_OK)
        why = "the signature does not verify";
    else if (!manifest_equal(j->m, back))
        why = "it reads back different from what was written";
    manifest_free(back);
    if (why)
        fprintf(stderr, "kiosk-publish: a kiosk would refuse this manifest (%s); nothing published\n",
                why);
    return why ? -1 : 0;
}

/* Signs j->m and writes it: signature, then manifest. The manifest's rename
 * is the moment the new version becomes visible, and everything it names is
 * already there. 0, or -1 (printed). */
static int write_manifest(struct job *j)
{
    char sig[MANIFEST_SIG_TEXT_MAX];
    size_t text_len = 0;
    char *text = manifest_emit(j->m, &text_len);
    if (!text || manifest_sign(text, text_len, j->sk, sig, sizeof(sig)) != 0) {
        fprintf(stderr, "kiosk-publish: cannot sign the manifest\n");
        free(text);
        return -1;
    }
    if (reread_check(j, text, text_len, sig) != 0) {
        free(text);
        return -1;
    }
    if (j->prev)
        touch_dropped(j->prev, j->m, j->objects);
    /* Web servers derive the ETag from modification time (in seconds) and
     * size: a second publish within the same second, with a manifest of the
     * same size, would look unchanged to a kiosk asking If-None-Match. So
     * the manifest's time always moves forward by at least a second. */
    long long mtime = (long long)time(NULL);
    kfile_info pst;
    if (kfile_stat(j->mpath, &pst) == 0 && pst.mtime_ns / 1000000000LL >= mtime)
        mtime = pst.mtime_ns / 1000000000LL + 1;
    int rc = 0;
    if (fsutil_write_atomic(j->spath, sig, strlen(sig), 0644) != 0 ||
        fsutil_write_atomic_mtime(j->mpath, text, text_len, 0644, mtime) != 0) {
        fprintf(stderr, "kiosk-publish: write %s: %s\n", j->chan_dir, strerror(errno));
        rc = -1;
    }
    free(text);
    return rc;
}

/* The channel name, paths and key every command on a channel needs. 0, or
 * the exit status (printed). */
static int job_start(struct job *j)
{
    const publish_options *o = j->o;
    if (!manifest_channel_valid(o->channel)) {
        fprintf(stderr, "kiosk-publish: channel '%s': use 1 to %d of a-z, 0-9, '-', '_'\n", o->channel,
                KIOSK_MAX_CHANNEL);
        return PUBLISH_EXIT_USAGE;
    }
    if (job_paths(j) != 0 || publish_load_secret_key(o->key_path, j->sk, j->pk) != 0 ||
        publish_key_listed(o->out_dir, j->pk) != 0)
        return 1;
    return 0;
}

static int run_job(struct job *j)
{
    const publish_options *o = j->o;
    int rc = job_start(j);
    if (rc != 0)
        return rc;
    if (o->notice_path && !(j->notice = load_notice(o->notice_path)))
        return PUBLISH_EXIT_USAGE;
    if (!(j->content = content_clean(o)) || lock_channel(j) != 0)
        return 1;
    struct publish_walk w;
    if (build_manifest(j, &w) != 0)
        return 1;
    if (j->prev && manifest_same_files(j->prev, j->m) &&
        manifest_notice_same(j->prev->notice, j->m->notice)) {
        printf("%s: unchanged since version %" PRIu64 ", nothing published\n", o->channel,
               j->prev->version);
        return 0;
    }
    if (write_manifest(j) != 0)
        return 1;
    printf("%s: published version %" PRIu64 ": %zu files, %" PRIu64 " bytes; %zu new objects (%" PRIu64
           " bytes)\n",
           o->channel, j->m->version, j->m->n_files, j->m->total_bytes, w.new_objects, w.new_bytes);
    return 0;
}

/* 0 when the channel's manifest on disk carries a good signature by this
 * key: refresh re-signs only what this key signed, never a manifest someone
 * changed on the server. */
static int current_signed_by_key(const struct job *j)
{
    char *text = NULL, *sig = NULL;
    size_t len = 0, slen = 0;
    int ok = kfile_read(j->mpath, KIOSK_MAX_MANIFEST_BYTES, 0, &text, &len) == 0 &&
             kfile_read(j->spath, KIOSK_MAX_SIG_BYTES, 0, &sig, &slen) == 0 &&
             manifest_verify(text, len, sig, slen, j->pk) == MANIFEST_SIG_OK;
    free(text);
    free(sig);
    if (!ok)
        fprintf(stderr, "kiosk-publish: %s does not carry a good signature by %s; nothing refreshed "
                        "(publish the content again instead)\n", j->mpath, j->o->key_path);
    return ok ? 0 : -1;
}

static int run_refresh(struct job *j)
{
    int bad = 0, rc = job_start(j);
    char err[256];
    if (rc != 0)
        return rc;
    if (lock_channel(j) != 0)
        return 1;
    if (!(j->prev = previous_manifest(j->mpath, &bad))) {
        if (!bad)
            fprintf(stderr, "kiosk-publish: %s: no manifest to refresh; publish first\n", j->mpath);
        return 1;
    }
    if (current_signed_by_key(j) != 0)
        return 1;
    if (j->prev->notice && !(j->notice = manifest_notice_dup(j->prev->notice)))
        return 1;
    if (new_manifest(j) != 0)
        return 1;
    for (size_t i = 0; i < j->prev->n_files; i++) {
        const manifest_file *f = &j->prev->files[i];
        if (manifest_add(j->m, f->path, f->size, f->sha256) != 0) {
            fprintf(stderr, "kiosk-publish: out of memory\n");
            return 1;
        }
    }
    if (manifest_finish(j->m, err, sizeof(err)) != 0 || write_manifest(j) != 0)
        return 1;
    char t[40];
    manifest_time_format(j->m->expires, t, sizeof(t));
    printf("%s: refreshed version %" PRIu64 " as version %" PRIu64 ", expires %s\n", j->o->channel,
           j->prev->version, j->m->version, t);
    return 0;
}

static void job_free(struct job *j)
{
    if (j->lockfd >= 0)
        close(j->lockfd); /* releases the lock */
    if (j->gclockfd >= 0)
        close(j->gclockfd);
    memset(j->sk, 0, sizeof(j->sk));
    manifest_notice_free(j->notice);
    manifest_free(j->m);
    manifest_free(j->prev);
    content_free(j->content);
}

int publish_refresh(const publish_options *o)
{
    struct job j = {.o = o, .lockfd = -1, .gclockfd = -1};
    int rc = run_refresh(&j);
    job_free(&j);
    return rc;
}

int publish_channel(const publish_options *o)
{
    struct job j = {.o = o, .lockfd = -1, .gclockfd = -1};
    int rc = run_job(&j);
    job_free(&j);
    return rc;
}

