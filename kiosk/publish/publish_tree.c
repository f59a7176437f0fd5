/* publish_tree.c — walks a content tree for publishing: every file that a
 * kiosk may hold becomes a manifest entry and, when new or damaged on the
 * server, a content-addressed object OUT_DIR/objects/<sha256>
 * (publish_impl.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fsutil.h"
#include "kfile.h"
#include "klimits.h"
#include "publish_impl.h"


/* 1 when the published object exists and really has this hash. */
static int object_intact(const char *path, const char *hex)
{
    char *data = NULL;
    size_t len = 0;
    char have[MANIFEST_HEX_LEN + 1];
    if (kfile_read(path, KIOSK_MAX_OBJECT_BYTES, 0, &data, &len) != 0)
        return 0;
    int ok = manifest_sha256_hex(data, len, have) == 0 && strcmp(have, hex) == 0;
    free(data);
    return ok;
}

static int add_file(struct publish_walk *w, const char *full, const char *rel, const kfile_info *st)
{
    if (!manifest_path_valid(rel)) {
        fprintf(stderr,
                "kiosk-publish: %s: name not allowed in a content tree (letters, digits, '.', '_', '-';\n"
                "  no spaces or umlauts, at most %d bytes and %d levels); rename it\n",
                rel, KIOSK_MAX_PATH, KIOSK_MAX_PATH_DEPTH);
        w->errors++;
        return 0;
    }
    if (st->size > KIOSK_MAX_OBJECT_BYTES) {
        fprintf(stderr, "kiosk-publish: %s: %lld bytes, more than the limit of %d\n", rel,
                st->size, KIOSK_MAX_OBJECT_BYTES);
        w->errors++;
        return 0;
    }
    char *data = NULL;
    size_t len = 0;
    char hex[MANIFEST_HEX_LEN + 1];
    char obj[FSUTIL_PATH_MAX];
    if (kfile_read(full, KIOSK_MAX_OBJECT_BYTES, 0, &data, &len) != 0) {
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

struct walk_dir {
    struct publish_walk *w;
    const char *dir, *rel;
    int depth, rc;
};

/* One entry of a folder of the tree (kfile_list); non-zero stops the walk. */
static int walk_entry(void *ctx, const char *name)
{
    struct walk_dir *wd = ctx;
    struct publish_walk *w = wd->w;
    const char *rel = wd->rel;
    if (name[0] == '.')
        return 0;
    char full[FSUTIL_PATH_MAX], sub[FSUTIL_PATH_MAX];
    if (snprintf(full, sizeof(full), "%s/%s", wd->dir, name) >= (int)sizeof(full) ||
        snprintf(sub, sizeof(sub), "%s%s%s", rel, *rel ? "/" : "", name) >= (int)sizeof(sub)) {
        fprintf(stderr, "kiosk-publish: %s/%s: path too long\n", wd->dir, name);
        w->errors++;
        return 0;
    }
    kfile_info st;
    if (kfile_stat(full, &st) != 0) {
        fprintf(stderr, "kiosk-publish: %s: %s\n", full, strerror(errno));
        wd->rc = -1;
    } else if (st.type == KFILE_DIR) {
        if (wd->depth + 1 >= KIOSK_MAX_PATH_DEPTH) {
            fprintf(stderr, "kiosk-publish: %s: nested too deep (limit %d levels)\n", sub,
                    KIOSK_MAX_PATH_DEPTH);
            w->errors++;
        } else {
            wd->rc = publish_walk_dir(w, sub, wd->depth + 1);
        }
    } else if (st.type == KFILE_REGULAR) {
        wd->rc = add_file(w, full, sub, &st);
    } else {
        fprintf(stderr, "kiosk-publish: %s: not a regular file, skipped\n", sub);
    }
    return wd->rc != 0;
}

/* Recursive walk; rel is the path below the root ("" at the top). Hidden
 * entries (".git", ".DS_Store", editor swap files) are not content. */
int publish_walk_dir(struct publish_walk *w, const char *rel, int depth)
{
    char dir[FSUTIL_PATH_MAX];
    if (snprintf(dir, sizeof(dir), "%s%s%s", w->root, *rel ? "/" : "", rel) >= (int)sizeof(dir))
        return -1;
    struct walk_dir wd = {.w = w, .dir = dir, .rel = rel, .depth = depth};
    if (kfile_list(dir, walk_entry, &wd) < 0) {
        fprintf(stderr, "kiosk-publish: open %s: %s\n", dir, strerror(errno));
        return -1;
    }
    return wd.rc;
}
