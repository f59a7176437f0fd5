/* kiosk-publish — publish a content tree for kiosks to fetch.
 *
 *   kiosk-publish keygen --out DIR
 *   kiosk-publish --key FILE --channel NAME CONTENT_DIR OUT_DIR
 *   kiosk-publish gc [--keep-hours H] [--dry-run] OUT_DIR
 *
 * Publishing checks the tree with the kiosk's own loader (content_load) and
 * refuses broken content, then writes every file as a content-addressed
 * object OUT_DIR/objects/<sha256> (shared by all channels: unchanged files
 * cost nothing) and the channel's signed manifest OUT_DIR/NAME/manifest.yaml
 * with manifest.yaml.sig. Objects first, manifest last, each written
 * atomically, so a server copying OUT_DIR at any moment never offers a
 * manifest whose objects are missing. See docs/updates.md.
 *
 * gc removes objects that no channel's current manifest lists and that are
 * older than the grace period (kiosks half-way through an update may still
 * fetch them); a publish gives the objects it drops a fresh mtime, so the
 * grace counts from then. A manifest it cannot parse stops it before
 * anything is deleted. Locking: every publish holds OUT_DIR/.lock shared (and its
 * channel's lock exclusively); gc holds OUT_DIR/.lock exclusively while it
 * reads the manifests and deletes, so it never sees a publish half-way,
 * including one that reuses an old object it is about to list.
 *
 * Exit codes: 0 published (or nothing changed) / gc done, 1 failure, 2 usage. */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "content.h"
#include "diag.h"
#include "fsutil.h"
#include "klimits.h"
#include "manifest.h"
#include "version.h"

#define EXIT_USAGE 2
#define GC_KEEP_HOURS_DEFAULT 24
#define GC_KEEP_HOURS_MAX (24 * 366 * 10)

static void usage(FILE *out)
{
    fprintf(out,
            "Usage: kiosk-publish --key FILE --channel NAME CONTENT_DIR OUT_DIR\n"
            "       kiosk-publish keygen --out DIR\n"
            "       kiosk-publish gc [--keep-hours H] [--dry-run] OUT_DIR\n"
            "Publish a content tree for kiosks to fetch over HTTP(S).\n"
            "\n"
            "  keygen --out DIR   create a signing key pair: DIR/kiosk.key (secret, mode\n"
            "                     0600; keep it off the web server) and DIR/kiosk.pub (give\n"
            "                     it to the kiosks). An existing key is never overwritten.\n"
            "  --key FILE         secret key that signs the manifest\n"
            "  --channel NAME     channel (kiosk group) to publish to: [a-z0-9_-]\n"
            "  --max-errors N     print at most N content diagnostics (default %d)\n"
            "  --notice FILE      attach the emergency notice in FILE (YAML: text: {de, en,\n"
            "                     leicht}, starts, ends; see docs/operations.md) to the\n"
            "                     manifest; publishing without --notice clears it\n"
            "  gc OUT_DIR         remove objects that no channel's current manifest lists\n"
            "                     and that are older than --keep-hours (a kiosk half-way\n"
            "                     through an update may still fetch them); also stale\n"
            "                     temporary files in OUT_DIR/objects/. Refuses to delete\n"
            "                     anything if a channel's manifest cannot be read\n"
            "  --keep-hours H     gc: keep unlisted objects younger than H hours (default %d)\n"
            "  --dry-run          gc: only list what would be removed\n"
            "  -h, --help         show this help and exit\n"
            "  -V, --version      show the version and exit\n"
            "\n"
            "CONTENT_DIR is checked with the kiosk's loader first; broken content is not\n"
            "published. OUT_DIR/objects/ receives the files by SHA-256 and OUT_DIR/NAME/\n"
            "the signed manifest (manifest.yaml, manifest.yaml.sig). Serve OUT_DIR with any\n"
            "static HTTP server (see tools/nginx-kiosk.conf).\n"
            "\n"
            "Exit status: 0 published, unchanged or gc done, 1 failure, 2 usage error.\n",
            KIOSK_MAX_DIAG_PRINTED, GC_KEEP_HOURS_DEFAULT);
}

static int keygen(const char *dir)
{
    unsigned char pk[MANIFEST_PK_BYTES], sk[MANIFEST_SK_BYTES];
    char pub[MANIFEST_KEY_TEXT_MAX], sec[MANIFEST_KEY_TEXT_MAX];
    char kpath[FSUTIL_PATH_MAX], ppath[FSUTIL_PATH_MAX];
    int rc = 1;
    struct stat st;
    if (snprintf(kpath, sizeof(kpath), "%s/kiosk.key", dir) >= (int)sizeof(kpath) ||
        snprintf(ppath, sizeof(ppath), "%s/kiosk.pub", dir) >= (int)sizeof(ppath)) {
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
    if (manifest_keypair(pk, sk) != 0 || manifest_format_public(pk, pub, sizeof(pub)) != 0 ||
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

/* --- walking the content tree ---------------------------------------------- */

struct walk {
    const char *root;
    const char *objects;  /* OUT_DIR/objects */
    manifest *m;
    size_t new_objects;
    uint64_t new_bytes;
    int errors;
};

/* 1 when the published object exists and really has this hash. */
static int object_intact(const char *path, const char *hex)
{
    char *data = NULL;
    size_t len = 0;
    char have[MANIFEST_HEX_LEN + 1];
    if (fsutil_read_file(path, KIOSK_MAX_OBJECT_BYTES, &data, &len) != 0)
        return 0;
    int ok = manifest_sha256_hex(data, len, have) == 0 && strcmp(have, hex) == 0;
    free(data);
    return ok;
}

static int add_file(struct walk *w, const char *full, const char *rel, const struct stat *st)
{
    if (!manifest_path_valid(rel)) {
        fprintf(stderr,
                "kiosk-publish: %s: name not allowed in a content tree (letters, digits, '.', '_', '-';\n"
                "  no spaces or umlauts, at most %d bytes and %d levels); rename it\n",
                rel, KIOSK_MAX_PATH, KIOSK_MAX_PATH_DEPTH);
        w->errors++;
        return 0;
    }
    if (st->st_size > KIOSK_MAX_OBJECT_BYTES) {
        fprintf(stderr, "kiosk-publish: %s: %lld bytes, more than the limit of %d\n", rel,
                (long long)st->st_size, KIOSK_MAX_OBJECT_BYTES);
        w->errors++;
        return 0;
    }
    char *data = NULL;
    size_t len = 0;
    char hex[MANIFEST_HEX_LEN + 1];
    char obj[FSUTIL_PATH_MAX];
    if (fsutil_read_file(full, KIOSK_MAX_OBJECT_BYTES, &data, &len) != 0) {
        fprintf(stderr, "kiosk-publish: read %s: %s\n", full, strerror(errno));
        return -1;
    }
    if (manifest_sha256_hex(data, len, hex) != 0 ||
        snprintf(obj, sizeof(obj), "%s/%s", w->objects, hex) >= (int)sizeof(obj)) {
        free(data);
        return -1;
    }
    if (!object_intact(obj, hex)) {
        /* new, or damaged on the server (then kiosks would refuse it with
         * hash_mismatch forever): objects are immutable, 0644 for the web server */
        if (fsutil_write_atomic(obj, data, len, 0644) != 0) {
            fprintf(stderr, "kiosk-publish: write %s: %s\n", obj, strerror(errno));
            free(data);
            return -1;
        }
        w->new_objects++;
        w->new_bytes += len;
    }
    free(data);
    if (manifest_add(w->m, rel, len, hex) != 0) {
        fprintf(stderr, "kiosk-publish: %s: too many files (limit %d)\n", rel, KIOSK_MAX_FILES);
        return -1;
    }
    return 0;
}

/* Recursive walk; rel is the path below the root ("" at the top). Hidden
 * entries (".git", ".DS_Store", editor swap files) are not content. */
static int walk_dir(struct walk *w, const char *rel, int depth)
{
    char dir[FSUTIL_PATH_MAX];
    if (snprintf(dir, sizeof(dir), "%s%s%s", w->root, *rel ? "/" : "", rel) >= (int)sizeof(dir))
        return -1;
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "kiosk-publish: open %s: %s\n", dir, strerror(errno));
        return -1;
    }
    int rc = 0;
    struct dirent *e;
    while (rc == 0 && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char full[FSUTIL_PATH_MAX], sub[FSUTIL_PATH_MAX];
        if (snprintf(full, sizeof(full), "%s/%s", dir, e->d_name) >= (int)sizeof(full) ||
            snprintf(sub, sizeof(sub), "%s%s%s", rel, *rel ? "/" : "", e->d_name) >= (int)sizeof(sub)) {
            fprintf(stderr, "kiosk-publish: %s/%s: path too long\n", dir, e->d_name);
            w->errors++;
            continue;
        }
        struct stat st;
        if (stat(full, &st) != 0) {
            fprintf(stderr, "kiosk-publish: %s: %s\n", full, strerror(errno));
            rc = -1;
        } else if (S_ISDIR(st.st_mode)) {
            if (depth + 1 >= KIOSK_MAX_PATH_DEPTH) {
                fprintf(stderr, "kiosk-publish: %s: nested too deep (limit %d levels)\n", sub,
                        KIOSK_MAX_PATH_DEPTH);
                w->errors++;
            } else {
                rc = walk_dir(w, sub, depth + 1);
            }
        } else if (S_ISREG(st.st_mode)) {
            rc = add_file(w, full, sub, &st);
        } else {
            fprintf(stderr, "kiosk-publish: %s: not a regular file, skipped\n", sub);
        }
    }
    closedir(d);
    return rc;
}

static uint64_t now_ms(void)
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

static int load_secret_key(const char *path, unsigned char sk[MANIFEST_SK_BYTES])
{
    char *text = NULL;
    size_t len = 0;
    struct stat st;
    if (stat(path, &st) == 0 && (st.st_mode & 077))
        fprintf(stderr, "kiosk-publish: warning: %s is readable by others; chmod 600 it\n", path);
    if (fsutil_read_file(path, KIOSK_MAX_KEY_FILE_BYTES, &text, &len) != 0) {
        fprintf(stderr, "kiosk-publish: read key %s: %s\n", path, strerror(errno));
        return -1;
    }
    int rc = manifest_parse_secret(text, len, sk);
    memset(text, 0, len);
    free(text);
    if (rc != 0)
        fprintf(stderr, "kiosk-publish: %s: not a kiosk secret key (kiosk-publish keygen makes one)\n", path);
    return rc;
}

/* The manifest currently published on the channel, or NULL when there is
 * none. *bad is set when one exists but cannot be read: publishing must not
 * then restart the version count. */
static manifest *previous_manifest(const char *path, int *bad)
{
    char *text = NULL;
    size_t len = 0;
    *bad = 0;
    if (fsutil_read_file(path, KIOSK_MAX_MANIFEST_BYTES, &text, &len) != 0) {
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
    if (fsutil_read_file(path, KIOSK_MAX_NOTICE_BYTES, &text, &len) != 0) {
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

/* A set of object hashes: add, then finish (sorts), then look up. */
struct hashset {
    char (*hex)[MANIFEST_HEX_LEN + 1];
    size_t n, cap;
};

static int hashset_add(struct hashset *h, const char *hex)
{
    if (h->n == h->cap) {
        size_t cap = h->cap ? h->cap * 2 : 1024;
        void *p = realloc(h->hex, cap * sizeof(*h->hex));
        if (!p)
            return -1;
        h->hex = p;
        h->cap = cap;
    }
    memcpy(h->hex[h->n++], hex, MANIFEST_HEX_LEN + 1);
    return 0;
}

static int hex_cmp(const void *a, const void *b)
{
    return strcmp(a, b);
}

/* Sort and drop duplicates (channels share objects). */
static void hashset_finish(struct hashset *h)
{
    if (h->n == 0)
        return;
    qsort(h->hex, h->n, sizeof(*h->hex), hex_cmp);
    size_t w = 1;
    for (size_t r = 1; r < h->n; r++)
        if (strcmp(h->hex[r], h->hex[w - 1]) != 0)
            memmove(h->hex[w++], h->hex[r], MANIFEST_HEX_LEN + 1);
    h->n = w;
}

static int hashset_has(const struct hashset *h, const char *hex)
{
    return h->n && bsearch(hex, h->hex, h->n, sizeof(*h->hex), hex_cmp) != NULL;
}

/* Lock DIR/.lock with op (LOCK_SH or LOCK_EX), waiting for the holder;
 * when it has to wait, says so first, naming who it waits for. The lock
 * lasts until *fd is closed. 0, or -1 (printed). */
static int lock_dir(const char *dir, int op, const char *holder, int *fd)
{
    char path[FSUTIL_PATH_MAX];
    *fd = -1;
    if (snprintf(path, sizeof(path), "%s/.lock", dir) >= (int)sizeof(path)) {
        fprintf(stderr, "kiosk-publish: %s: path too long\n", dir);
        return -1;
    }
    int f = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (f < 0)
        goto fail;
    if (flock(f, op | LOCK_NB) != 0) {
        if (errno != EWOULDBLOCK)
            goto fail;
        fprintf(stderr, "kiosk-publish: waiting for %s in %s to finish\n", holder, dir);
        if (flock(f, op) != 0)
            goto fail;
    }
    *fd = f;
    return 0;
fail:
    fprintf(stderr, "kiosk-publish: lock %s: %s\n", path, strerror(errno));
    if (f >= 0)
        close(f);
    return -1;
}

/* Give the objects prev lists and m does not a fresh modification time.
 * gc's grace period counts from an object's mtime: without this, a file
 * published long ago and dropped just now would look old, and gc could
 * remove it while kiosks are still fetching the version that listed it. */
static void touch_dropped(const manifest *prev, const manifest *m, const char *objects)
{
    struct hashset now = {0};
    for (size_t i = 0; i < m->n_files; i++)
        if (hashset_add(&now, m->files[i].sha256) != 0)
            goto out; /* out of memory: gc just has a shorter grace */
    hashset_finish(&now);
    for (size_t i = 0; i < prev->n_files; i++) {
        char obj[FSUTIL_PATH_MAX];
        if (hashset_has(&now, prev->files[i].sha256) ||
            snprintf(obj, sizeof(obj), "%s/%s", objects, prev->files[i].sha256) >= (int)sizeof(obj))
            continue;
        if (utimensat(AT_FDCWD, obj, NULL, 0) != 0 && errno != ENOENT)
            fprintf(stderr, "kiosk-publish: warning: touch %s: %s\n", obj, strerror(errno));
    }
out:
    free(now.hex);
}

static int publish(const char *key_path, const char *channel, const char *content_dir, const char *out_dir,
                   size_t max_errors, const char *notice_path)
{
    unsigned char sk[MANIFEST_SK_BYTES];
    char objects[FSUTIL_PATH_MAX], chan_dir[FSUTIL_PATH_MAX], mpath[FSUTIL_PATH_MAX], spath[FSUTIL_PATH_MAX];
    char published[40], err[256], sig[MANIFEST_SIG_TEXT_MAX];
    char lpath[FSUTIL_PATH_MAX];
    int lockfd = -1, gclockfd = -1;
    manifest *m = NULL, *prev = NULL;
    manifest_notice *notice = NULL;
    char *text = NULL;
    size_t text_len = 0;
    int rc = 1;
    diag_list d;
    diag_init(&d);

    if (!manifest_channel_valid(channel)) {
        fprintf(stderr, "kiosk-publish: channel '%s': use 1 to %d of a-z, 0-9, '-', '_'\n", channel,
                KIOSK_MAX_CHANNEL);
        rc = EXIT_USAGE;
        goto out;
    }
    if (snprintf(objects, sizeof(objects), "%s/objects", out_dir) >= (int)sizeof(objects) ||
        snprintf(chan_dir, sizeof(chan_dir), "%s/%s", out_dir, channel) >= (int)sizeof(chan_dir) ||
        snprintf(mpath, sizeof(mpath), "%s/manifest.yaml", chan_dir) >= (int)sizeof(mpath) ||
        snprintf(spath, sizeof(spath), "%s/manifest.yaml.sig", chan_dir) >= (int)sizeof(spath)) {
        fprintf(stderr, "kiosk-publish: %s: path too long\n", out_dir);
        goto out;
    }
    if (load_secret_key(key_path, sk) != 0)
        goto out;
    if (notice_path && !(notice = load_notice(notice_path))) {
        rc = EXIT_USAGE;
        goto out;
    }

    /* The same loader as the kiosk: what passes here, a kiosk will show. */
    kcontent *c = content_load(content_dir, &d);
    diag_print(&d, stderr, max_errors);
    if (!c) {
        fprintf(stderr, "kiosk-publish: %s has errors; nothing published\n", content_dir);
        goto out;
    }
    content_free(c);

    /* OUT_DIR/.lock, shared: publishes run side by side, but gc (which
     * holds it exclusively) never deletes an old unlisted object that this
     * publish found intact and is about to list again. */
    if (fsutil_mkdir_p(out_dir, 0755) != 0 || lock_dir(out_dir, LOCK_SH, "kiosk-publish gc", &gclockfd) != 0)
        goto out;
    /* One publisher per channel at a time: two would read the same previous
     * version and could hand out one version number for two trees. */
    if (fsutil_mkdir_p(chan_dir, 0755) != 0 ||
        snprintf(lpath, sizeof(lpath), "%s/.lock", chan_dir) >= (int)sizeof(lpath) ||
        (lockfd = open(lpath, O_RDWR | O_CREAT | O_CLOEXEC, 0644)) < 0 || flock(lockfd, LOCK_EX) != 0) {
        fprintf(stderr, "kiosk-publish: lock %s: %s\n", chan_dir, strerror(errno));
        goto out;
    }
    int bad = 0;
    prev = previous_manifest(mpath, &bad);
    if (bad) {
        fprintf(stderr, "kiosk-publish: cannot read the channel's current manifest; fix or remove %s\n",
                mpath);
        goto out;
    }
    uint64_t version = now_ms();
    if (prev && version <= prev->version)
        version = prev->version + 1; /* a clock set back must not downgrade kiosks */
    rfc3339_now(published, sizeof(published));
    m = manifest_new(channel, version, published);
    if (m) {
        m->notice = notice; /* taken */
        notice = NULL;
    }
    if (!m || fsutil_mkdir_p(objects, 0755) != 0 || fsutil_mkdir_p(chan_dir, 0755) != 0) {
        fprintf(stderr, "kiosk-publish: %s: %s\n", out_dir, strerror(errno));
        goto out;
    }

    struct walk w = {.root = content_dir, .objects = objects, .m = m};
    if (walk_dir(&w, "", 0) != 0 || w.errors) {
        fprintf(stderr, "kiosk-publish: nothing published\n");
        goto out;
    }
    if (manifest_finish(m, err, sizeof(err)) != 0) {
        fprintf(stderr, "kiosk-publish: %s; nothing published\n", err);
        goto out;
    }
    if (fsutil_fsync_dir(objects) != 0) {
        fprintf(stderr, "kiosk-publish: fsync %s: %s\n", objects, strerror(errno));
        goto out;
    }
    if (prev && manifest_same_files(prev, m) && manifest_notice_same(prev->notice, m->notice)) {
        printf("%s: unchanged since version %" PRIu64 ", nothing published\n", channel, prev->version);
        rc = 0;
        goto out;
    }
    if (prev)
        touch_dropped(prev, m, objects);
    text = manifest_emit(m, &text_len);
    if (!text || manifest_sign(text, text_len, sk, sig, sizeof(sig)) != 0) {
        fprintf(stderr, "kiosk-publish: cannot sign the manifest\n");
        goto out;
    }
    /* Signature, then manifest: the manifest's rename is the moment the new
     * version becomes visible, and everything it names is already there. */
    /* Web servers derive the ETag from modification time (in seconds) and
     * size: a second publish within the same second, with a manifest of the
     * same size, would look unchanged to a kiosk asking If-None-Match. So
     * the manifest's time always moves forward by at least a second. */
    long long mtime = (long long)time(NULL);
    struct stat pst;
    if (stat(mpath, &pst) == 0 && (long long)pst.st_mtime >= mtime)
        mtime = (long long)pst.st_mtime + 1;
    if (fsutil_write_atomic(spath, sig, strlen(sig), 0644) != 0 ||
        fsutil_write_atomic_mtime(mpath, text, text_len, 0644, mtime) != 0) {
        fprintf(stderr, "kiosk-publish: write %s: %s\n", chan_dir, strerror(errno));
        goto out;
    }
    printf("%s: published version %" PRIu64 ": %zu files, %" PRIu64 " bytes; %zu new objects (%" PRIu64
           " bytes)\n",
           channel, version, m->n_files, m->total_bytes, w.new_objects, w.new_bytes);
    rc = 0;
out:
    if (lockfd >= 0)
        close(lockfd); /* releases the lock */
    if (gclockfd >= 0)
        close(gclockfd);
    memset(sk, 0, sizeof(sk));
    free(text);
    manifest_notice_free(notice);
    manifest_free(m);
    manifest_free(prev);
    diag_free(&d);
    return rc;
}

/* --- gc: removing objects no channel lists ----------------------------------- */

/* Every channel of out_dir: each directory (not hidden, not objects/) with
 * a manifest.yaml. Adds their hashes to h and counts them in *channels.
 * A manifest that cannot be read or parsed is an error: with it unknown,
 * any object could be one a kiosk needs. 0, or -1 (printed). */
static int gc_collect(const char *out_dir, struct hashset *h, size_t *channels)
{
    DIR *d = opendir(out_dir);
    if (!d) {
        fprintf(stderr, "kiosk-publish: gc: open %s: %s\n", out_dir, strerror(errno));
        return -1;
    }
    int rc = 0;
    struct dirent *e;
    while (rc == 0 && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.' || strcmp(e->d_name, "objects") == 0)
            continue;
        char dir[FSUTIL_PATH_MAX], mpath[FSUTIL_PATH_MAX], err[256];
        struct stat st;
        if (snprintf(dir, sizeof(dir), "%s/%s", out_dir, e->d_name) >= (int)sizeof(dir) ||
            snprintf(mpath, sizeof(mpath), "%s/manifest.yaml", dir) >= (int)sizeof(mpath)) {
            fprintf(stderr, "kiosk-publish: gc: %s/%s: path too long\n", out_dir, e->d_name);
            rc = -1;
            break;
        }
        if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
            continue;
        if (lstat(mpath, &st) != 0 && errno == ENOENT)
            continue; /* not a channel (e.g. a first publish that was refused) */
        char *text = NULL;
        size_t len = 0;
        manifest *m = NULL;
        if (fsutil_read_file(mpath, KIOSK_MAX_MANIFEST_BYTES, &text, &len) != 0) {
            fprintf(stderr, "kiosk-publish: gc: read %s: %s\n", mpath, strerror(errno));
            rc = -1;
        } else if (manifest_parse(text, len, &m, err, sizeof(err)) != MANIFEST_OK) {
            fprintf(stderr, "kiosk-publish: gc: %s: %s\n", mpath, err);
            rc = -1;
        } else {
            for (size_t i = 0; rc == 0 && i < m->n_files; i++)
                if (hashset_add(h, m->files[i].sha256) != 0) {
                    fprintf(stderr, "kiosk-publish: gc: out of memory\n");
                    rc = -1;
                }
            (*channels)++;
        }
        manifest_free(m);
        free(text);
    }
    closedir(d);
    if (rc != 0)
        fprintf(stderr, "kiosk-publish: gc: nothing removed (fix or remove the manifest above first)\n");
    return rc;
}

/* "4.1 MB": decimal units, as file managers and df -H show them. */
static void human_bytes(uint64_t n, char *buf, size_t size)
{
    static const char *const unit[] = {"kB", "MB", "GB", "TB"};
    if (n < 1000) {
        snprintf(buf, size, "%" PRIu64 " bytes", n);
        return;
    }
    double v = (double)n / 1000.0;
    size_t u = 0;
    while (v >= 999.95 && u + 1 < sizeof(unit) / sizeof(unit[0])) {
        v /= 1000.0;
        u++;
    }
    snprintf(buf, size, "%.1f %s", v, unit[u]);
}

static int gc(const char *out_dir, long keep_hours, int dry_run)
{
    char objects[FSUTIL_PATH_MAX];
    struct hashset h = {0};
    size_t channels = 0, in_use = 0, removed = 0, young = 0, failed = 0, other = 0;
    uint64_t removed_bytes = 0;
    int lockfd = -1, rc = 1;
    DIR *d = NULL;
    struct stat st;

    if (snprintf(objects, sizeof(objects), "%s/objects", out_dir) >= (int)sizeof(objects)) {
        fprintf(stderr, "kiosk-publish: gc: %s: path too long\n", out_dir);
        goto out;
    }
    if (stat(out_dir, &st) != 0) {
        fprintf(stderr, "kiosk-publish: gc: %s: %s\n", out_dir, strerror(errno));
        goto out;
    }
    if (!S_ISDIR(st.st_mode)) {
        fprintf(stderr, "kiosk-publish: gc: %s: not a directory\n", out_dir);
        goto out;
    }
    /* Exclusive: no publish runs while the manifests are read and objects
     * deleted. A dry run deletes nothing and takes no lock, so it also
     * works on a read-only copy. */
    if (!dry_run && lock_dir(out_dir, LOCK_EX, "a publish", &lockfd) != 0)
        goto out;
    if (gc_collect(out_dir, &h, &channels) != 0)
        goto out;
    if (channels == 0) {
        /* every object would be unlisted: far more likely a wrong OUT_DIR
         * (or one the manifests were not copied to) than a wish */
        fprintf(stderr, "kiosk-publish: gc: no channel (NAME/manifest.yaml) in %s; nothing removed\n", out_dir);
        goto out;
    }
    hashset_finish(&h);
    d = opendir(objects);
    if (!d && errno != ENOENT) {
        fprintf(stderr, "kiosk-publish: gc: open %s: %s\n", objects, strerror(errno));
        goto out;
    }
    time_t now = time(NULL);
    long long keep_secs = (long long)keep_hours * 3600;
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char path[FSUTIL_PATH_MAX];
        if (snprintf(path, sizeof(path), "%s/%s", objects, e->d_name) >= (int)sizeof(path)) {
            fprintf(stderr, "kiosk-publish: gc: %s/%s: path too long, left alone\n", objects, e->d_name);
            other++;
            continue;
        }
        if (lstat(path, &st) != 0) {
            if (errno != ENOENT) {
                fprintf(stderr, "kiosk-publish: gc: %s: %s\n", path, strerror(errno));
                failed++;
            }
            continue;
        }
        int is_object = manifest_hex_valid(e->d_name);
        if (!S_ISREG(st.st_mode)) {
            printf("objects/%s: not a regular file, left alone\n", e->d_name);
            other++;
            continue;
        }
        if (is_object && hashset_has(&h, e->d_name)) {
            in_use++;
            continue;
        }
        long long age = (long long)now - (long long)st.st_mtime;
        if (age <= keep_secs) {
            young++;
            continue;
        }
        char size[32];
        human_bytes((uint64_t)st.st_size, size, sizeof(size));
        const char *what = is_object ? "" : " (not an object: temporary file?)";
        if (dry_run) {
            printf("would remove objects/%s, %s, %lld h old%s\n", e->d_name, size, age / 3600, what);
        } else if (unlink(path) != 0 && errno != ENOENT) {
            fprintf(stderr, "kiosk-publish: gc: remove %s: %s\n", path, strerror(errno));
            failed++;
            continue;
        } else {
            printf("removed objects/%s, %s, %lld h old%s\n", e->d_name, size, age / 3600, what);
        }
        removed++;
        removed_bytes += (uint64_t)st.st_size;
    }
    char total[32];
    human_bytes(removed_bytes, total, sizeof(total));
    printf("gc: %zu channel%s, %zu objects in use, %zu %s (%s), %zu kept (younger than %ld h)", channels,
           channels == 1 ? "" : "s", in_use, removed, dry_run ? "would be removed" : "removed", total, young,
           keep_hours);
    if (other)
        printf(", %zu left alone (not regular files)", other);
    printf("\n");
    if (in_use < h.n)
        fprintf(stderr,
                "kiosk-publish: gc: warning: %zu objects listed by a manifest are missing from %s; "
                "publish those channels again\n",
                h.n - in_use, objects);
    rc = failed ? 1 : 0;
out:
    if (d)
        closedir(d);
    if (lockfd >= 0)
        close(lockfd);
    free(h.hex);
    return rc;
}

int main(int argc, char **argv)
{
    enum { OPT_KEY = 256, OPT_CHANNEL, OPT_OUT, OPT_MAX_ERRORS, OPT_NOTICE, OPT_KEEP_HOURS, OPT_DRY_RUN };
    static const struct option opts[] = {
        {"key", required_argument, NULL, OPT_KEY},
        {"channel", required_argument, NULL, OPT_CHANNEL},
        {"out", required_argument, NULL, OPT_OUT},
        {"max-errors", required_argument, NULL, OPT_MAX_ERRORS},
        {"notice", required_argument, NULL, OPT_NOTICE},
        {"keep-hours", required_argument, NULL, OPT_KEEP_HOURS},
        {"dry-run", no_argument, NULL, OPT_DRY_RUN},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    const char *key = NULL, *channel = NULL, *out = NULL, *notice = NULL;
    size_t max_errors = KIOSK_MAX_DIAG_PRINTED;
    long keep_hours = -1; /* -1: not given */
    int opt, dry_run = 0, max_errors_given = 0;
    while ((opt = getopt_long(argc, argv, "hV", opts, NULL)) != -1) {
        switch (opt) {
        case OPT_KEY:
            key = optarg;
            break;
        case OPT_CHANNEL:
            channel = optarg;
            break;
        case OPT_OUT:
            out = optarg;
            break;
        case OPT_NOTICE:
            notice = optarg;
            break;
        case OPT_DRY_RUN:
            dry_run = 1;
            break;
        case OPT_KEEP_HOURS: {
            char *end;
            errno = 0;
            long n = strtol(optarg, &end, 10);
            if (errno || end == optarg || *end || n < 0 || n > GC_KEEP_HOURS_MAX) {
                fprintf(stderr, "kiosk-publish: --keep-hours: expected 0..%d, got '%s'\n", GC_KEEP_HOURS_MAX,
                        optarg);
                return EXIT_USAGE;
            }
            keep_hours = n;
            break;
        }
        case OPT_MAX_ERRORS: {
            char *end;
            long n = strtol(optarg, &end, 10);
            if (*end || n < 1 || n > KIOSK_MAX_DIAG_STORED) {
                fprintf(stderr, "kiosk-publish: --max-errors: expected 1..%d, got '%s'\n",
                        KIOSK_MAX_DIAG_STORED, optarg);
                return EXIT_USAGE;
            }
            max_errors = (size_t)n;
            max_errors_given = 1;
            break;
        }
        case 'h':
            usage(stdout);
            return 0;
        case 'V':
            printf("kiosk-publish %s (%s)\n", kiosk_version(), kiosk_revision());
            return 0;
        default:
            fprintf(stderr, "Try 'kiosk-publish --help' for more information.\n");
            return EXIT_USAGE;
        }
    }
    int nargs = argc - optind;
    int gc_opts = keep_hours >= 0 || dry_run;
    if (nargs >= 1 && strcmp(argv[optind], "gc") == 0) {
        if (nargs != 2 || key || channel || out || notice || max_errors_given) {
            fprintf(stderr, "kiosk-publish: usage: kiosk-publish gc [--keep-hours H] [--dry-run] OUT_DIR\n");
            return EXIT_USAGE;
        }
        return gc(argv[optind + 1], keep_hours >= 0 ? keep_hours : GC_KEEP_HOURS_DEFAULT, dry_run);
    }
    if (gc_opts) {
        fprintf(stderr, "kiosk-publish: --keep-hours and --dry-run belong to gc: "
                        "kiosk-publish gc [--keep-hours H] [--dry-run] OUT_DIR\n");
        return EXIT_USAGE;
    }
    if (nargs >= 1 && strcmp(argv[optind], "keygen") == 0) {
        if (nargs != 1 || !out || key || channel) {
            fprintf(stderr, "kiosk-publish: usage: kiosk-publish keygen --out DIR\n");
            return EXIT_USAGE;
        }
        return keygen(out);
    }
    if (nargs != 2 || !key || !channel || out) {
        fprintf(stderr, "kiosk-publish: usage: kiosk-publish --key FILE --channel NAME CONTENT_DIR OUT_DIR\n"
                        "Try 'kiosk-publish --help' for more information.\n");
        return EXIT_USAGE;
    }
    return publish(key, channel, argv[optind], argv[optind + 1], max_errors, notice);
}
