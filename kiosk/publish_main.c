/* kiosk-publish — publish a content tree for kiosks to fetch.
 *
 *   kiosk-publish keygen --out DIR
 *   kiosk-publish --key FILE --channel NAME CONTENT_DIR OUT_DIR
 *
 * Publishing checks the tree with the kiosk's own loader (content_load) and
 * refuses broken content, then writes every file as a content-addressed
 * object OUT_DIR/objects/<sha256> (shared by all channels: unchanged files
 * cost nothing) and the channel's signed manifest OUT_DIR/NAME/manifest.yaml
 * with manifest.yaml.sig. Objects first, manifest last, each written
 * atomically, so a server copying OUT_DIR at any moment never offers a
 * manifest whose objects are missing. See docs/updates.md.
 *
 * Exit codes: 0 published (or nothing changed), 1 failure, 2 usage. */
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

static void usage(FILE *out)
{
    fprintf(out,
            "Usage: kiosk-publish --key FILE --channel NAME CONTENT_DIR OUT_DIR\n"
            "       kiosk-publish keygen --out DIR\n"
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
            "  -h, --help         show this help and exit\n"
            "  -V, --version      show the version and exit\n"
            "\n"
            "CONTENT_DIR is checked with the kiosk's loader first; broken content is not\n"
            "published. OUT_DIR/objects/ receives the files by SHA-256 and OUT_DIR/NAME/\n"
            "the signed manifest (manifest.yaml, manifest.yaml.sig). Serve OUT_DIR with any\n"
            "static HTTP server (see tools/nginx-kiosk.conf).\n"
            "\n"
            "Exit status: 0 published or unchanged, 1 failure, 2 usage error.\n",
            KIOSK_MAX_DIAG_PRINTED);
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
    if (fsutil_read_file(path, 1024, &text, &len) != 0) {
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
    if (fsutil_read_file(path, 16 * 1024, &text, &len) != 0) {
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

static int publish(const char *key_path, const char *channel, const char *content_dir, const char *out_dir,
                   size_t max_errors, const char *notice_path)
{
    unsigned char sk[MANIFEST_SK_BYTES];
    char objects[FSUTIL_PATH_MAX], chan_dir[FSUTIL_PATH_MAX], mpath[FSUTIL_PATH_MAX], spath[FSUTIL_PATH_MAX];
    char published[40], err[256], sig[MANIFEST_SIG_TEXT_MAX];
    char lpath[FSUTIL_PATH_MAX];
    int lockfd = -1;
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
    memset(sk, 0, sizeof(sk));
    free(text);
    manifest_notice_free(notice);
    manifest_free(m);
    manifest_free(prev);
    diag_free(&d);
    return rc;
}

int main(int argc, char **argv)
{
    enum { OPT_KEY = 256, OPT_CHANNEL, OPT_OUT, OPT_MAX_ERRORS, OPT_NOTICE };
    static const struct option opts[] = {
        {"key", required_argument, NULL, OPT_KEY},
        {"channel", required_argument, NULL, OPT_CHANNEL},
        {"out", required_argument, NULL, OPT_OUT},
        {"max-errors", required_argument, NULL, OPT_MAX_ERRORS},
        {"notice", required_argument, NULL, OPT_NOTICE},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    const char *key = NULL, *channel = NULL, *out = NULL, *notice = NULL;
    size_t max_errors = KIOSK_MAX_DIAG_PRINTED;
    int opt;
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
        case OPT_MAX_ERRORS: {
            char *end;
            long n = strtol(optarg, &end, 10);
            if (*end || n < 1 || n > KIOSK_MAX_DIAG_STORED) {
                fprintf(stderr, "kiosk-publish: --max-errors: expected 1..%d, got '%s'\n",
                        KIOSK_MAX_DIAG_STORED, optarg);
                return EXIT_USAGE;
            }
            max_errors = (size_t)n;
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
