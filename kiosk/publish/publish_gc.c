/* publish_gc.c — removes the objects of OUT_DIR that no channel's current
 * manifest lists and that are older than the grace period (publish.h). */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fsutil.h"
#include "kfile.h"
#include "klimits.h"
#include "manifest.h"
#include "publish.h"
#include "publish_impl.h"

struct collect {
    const char *out_dir;
    struct publish_hashset *h;
    size_t *channels;
    int rc;
};

/* The hashes a channel's manifest lists into c->h. */
static void collect_manifest(struct collect *c, const char *mpath)
{
    char *text = NULL, err[256];
    size_t len = 0;
    manifest *m = NULL;
    if (kfile_read(mpath, KIOSK_MAX_MANIFEST_BYTES, 0, &text, &len) != 0) {
        fprintf(stderr, "kiosk-publish: gc: read %s: %s\n", mpath, strerror(errno));
        c->rc = -1;
    } else if (manifest_parse(text, len, &m, err, sizeof(err)) != MANIFEST_OK) {
        fprintf(stderr, "kiosk-publish: gc: %s: %s\n", mpath, err);
        c->rc = -1;
    } else {
        for (size_t i = 0; c->rc == 0 && i < m->n_files; i++)
            if (publish_hashset_add(c->h, m->files[i].sha256) != 0) {
                fprintf(stderr, "kiosk-publish: gc: out of memory\n");
                c->rc = -1;
            }
        (*c->channels)++;
    }
    manifest_free(m);
    free(text);
}

/* One entry of out_dir (kfile_list); non-zero stops at an error. */
static int collect_entry(void *ctx, const char *name)
{
    struct collect *c = ctx;
    if (name[0] == '.' || strcmp(name, "objects") == 0)
        return 0;
    char dir[FSUTIL_PATH_MAX], mpath[FSUTIL_PATH_MAX];
    if (snprintf(dir, sizeof(dir), "%s/%s", c->out_dir, name) >= (int)sizeof(dir) ||
        snprintf(mpath, sizeof(mpath), "%s/manifest.yaml", dir) >= (int)sizeof(mpath)) {
        fprintf(stderr, "kiosk-publish: gc: %s/%s: path too long\n", c->out_dir, name);
        c->rc = -1;
        return 1;
    }
    kfile_info info;
    if (kfile_stat(dir, &info) != 0 || info.type != KFILE_DIR)
        return 0;
    struct stat st;
    if (lstat(mpath, &st) != 0 && errno == ENOENT)
        return 0; /* not a channel (e.g. a first publish that was refused) */
    collect_manifest(c, mpath);
    return c->rc != 0;
}

/* Every channel of out_dir: each directory (not hidden, not objects/) with
 * a manifest.yaml. Adds their hashes to h and counts them in *channels.
 * A manifest that cannot be read or parsed is an error: with it unknown,
 * any object could be one a kiosk needs. 0, or -1 (printed). */
static int gc_collect(const char *out_dir, struct publish_hashset *h, size_t *channels)
{
    struct collect c = {.out_dir = out_dir, .h = h, .channels = channels};
    if (kfile_list(out_dir, collect_entry, &c) < 0) {
        fprintf(stderr, "kiosk-publish: gc: open %s: %s\n", out_dir, strerror(errno));
        return -1;
    }
    if (c.rc != 0)
        fprintf(stderr, "kiosk-publish: gc: nothing removed (fix or remove the manifest above first)\n");
    return c.rc;
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

/* What gc found and did in objects/. */
struct sweep {
    const char *objects;
    const struct publish_hashset *h;
    long long now, keep_secs;
    int dry_run;
    size_t in_use, removed, young, failed, other;
    uint64_t removed_bytes;
};

/* One entry of objects/ (kfile_list): kept, or removed when no channel
 * lists it and it is older than the grace period. */
static int sweep_entry(void *ctx, const char *name)
{
    struct sweep *s = ctx;
    char path[FSUTIL_PATH_MAX];
    struct stat st;
    if (snprintf(path, sizeof(path), "%s/%s", s->objects, name) >= (int)sizeof(path)) {
        fprintf(stderr, "kiosk-publish: gc: %s/%s: path too long, left alone\n", s->objects, name);
        s->other++;
        return 0;
    }
    if (lstat(path, &st) != 0) {
        if (errno != ENOENT) {
            fprintf(stderr, "kiosk-publish: gc: %s: %s\n", path, strerror(errno));
            s->failed++;
        }
        return 0;
    }
    int is_object = manifest_hex_valid(name);
    if (!S_ISREG(st.st_mode)) {
        printf("objects/%s: not a regular file, left alone\n", name);
        s->other++;
        return 0;
    }
    if (is_object && publish_hashset_has(s->h, name)) {
        s->in_use++;
        return 0;
    }
    long long age = s->now - (long long)st.st_mtime;
    if (age <= s->keep_secs) {
        s->young++;
        return 0;
    }
    char size[32];
    human_bytes((uint64_t)st.st_size, size, sizeof(size));
    const char *what = is_object ? "" : " (not an object: temporary file?)";
    if (s->dry_run) {
        printf("would remove objects/%s, %s, %lld h old%s\n", name, size, age / 3600, what);
    } else if (unlink(path) != 0 && errno != ENOENT) {
        fprintf(stderr, "kiosk-publish: gc: remove %s: %s\n", path, strerror(errno));
        s->failed++;
        return 0;
    } else {
        printf("removed objects/%s, %s, %lld h old%s\n", name, size, age / 3600, what);
    }
    s->removed++;
    s->removed_bytes += (uint64_t)st.st_size;
    return 0;
}

static void sweep_report(const struct sweep *s, size_t channels, long keep_hours)
{
    char total[32];
    human_bytes(s->removed_bytes, total, sizeof(total));
    printf("gc: %zu channel%s, %zu objects in use, %zu %s (%s), %zu kept (younger than %ld h)", channels,
           channels == 1 ? "" : "s", s->in_use, s->removed, s->dry_run ? "would be removed" : "removed",
           total, s->young, keep_hours);
    if (s->other)
        printf(", %zu left alone (not regular files)", s->other);
    printf("\n");
    if (s->in_use < s->h->n)
        fprintf(stderr,
                "kiosk-publish: gc: warning: %zu objects listed by a manifest are missing from %s; "
                "publish those channels again\n",
                s->h->n - s->in_use, s->objects);
}

/* 0 when out_dir is a directory (printed otherwise). */
static int gc_out_dir_ok(const char *out_dir)
{
    kfile_info st;
    if (kfile_stat(out_dir, &st) != 0) {
        fprintf(stderr, "kiosk-publish: gc: %s: %s\n", out_dir, strerror(errno));
        return -1;
    }
    if (st.type != KFILE_DIR) {
        fprintf(stderr, "kiosk-publish: gc: %s: not a directory\n", out_dir);
        return -1;
    }
    return 0;
}

int publish_gc(const char *out_dir, long keep_hours, int dry_run)
{
    char objects[FSUTIL_PATH_MAX];
    struct publish_hashset h = {0};
    size_t channels = 0;
    int lockfd = -1, rc = 1;

    if (snprintf(objects, sizeof(objects), "%s/objects", out_dir) >= (int)sizeof(objects)) {
        fprintf(stderr, "kiosk-publish: gc: %s: path too long\n", out_dir);
        goto out;
    }
    if (gc_out_dir_ok(out_dir) != 0)
        goto out;
    /* Exclusive: no publish runs while the manifests are read and objects
     * deleted. A dry run deletes nothing and takes no lock, so it also
     * works on a read-only copy. */
    if (!dry_run && publish_lock_dir(out_dir, LOCK_EX, "a publish", &lockfd) != 0)
        goto out;
    if (gc_collect(out_dir, &h, &channels) != 0)
        goto out;
    if (channels == 0) {
        /* every object would be unlisted: far more likely a wrong OUT_DIR
         * (or one the manifests were not copied to) than a wish */
        fprintf(stderr, "kiosk-publish: gc: no channel (NAME/manifest.yaml) in %s; nothing removed\n", out_dir);
        goto out;
    }
    publish_hashset_finish(&h);
    struct sweep s = {.objects = objects, .h = &h, .now = (long long)time(NULL),
                      .keep_secs = (long long)keep_hours * 3600, .dry_run = dry_run};
    if (kfile_list(objects, sweep_entry, &s) < 0 && errno != ENOENT) {
        fprintf(stderr, "kiosk-publish: gc: open %s: %s\n", objects, strerror(errno));
        goto out;
    }
    sweep_report(&s, channels, keep_hours);
    rc = s.failed ? 1 : 0;
out:
    if (lockfd >= 0)
        close(lockfd);
    free(h.hex);
    return rc;
}
