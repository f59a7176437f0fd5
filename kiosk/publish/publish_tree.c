/* publish_tree.c — walks a content tree for publishing: every file that
 * the content uses becomes a manifest entry and, when new or damaged on the
 * server, a content-addressed object OUT_DIR/objects/<sha256>
 * (publish_impl.h). Nothing else leaves the tree: not a link, not a file
 * no YAML names. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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

static int add_file(struct publish_walk *w, const char *rel, const kfile_info *st)
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
    if (kfile_read_in(w->root, rel, KIOSK_MAX_OBJECT_BYTES, &data, &len) != 0) {
        fprintf(stderr, "kiosk-publish: read %s/%s: %s\n", w->root, rel, strerror(errno));
        return -1;
    }
    int rc = manifest_sha256_hex(data, len, hex);
    free(data);
    if (rc != 0)
        return -1;
    if (manifest_add(w->m, rel, len, hex) != 0) {
        fprintf(stderr, "kiosk-publish: %s: too many files (limit %d)\n", rel, KIOSK_MAX_FILES);
        return -1;
    }
    return 0;
}

/* Stores the file f as its object, unless the server already has it intact. */
static int store_object(struct publish_walk *w, const manifest_file *f)
{
    char obj[FSUTIL_PATH_MAX], hex[MANIFEST_HEX_LEN + 1];
    char *data = NULL;
    size_t len = 0;
    if (snprintf(obj, sizeof(obj), "%s/%s", w->objects, f->sha256) >= (int)sizeof(obj))
        return -1;
    if (object_intact(obj, f->sha256))
        return 0;
    if (kfile_read_in(w->root, f->path, KIOSK_MAX_OBJECT_BYTES, &data, &len) != 0) {
        fprintf(stderr, "kiosk-publish: read %s/%s: %s\n", w->root, f->path, strerror(errno));
        return -1;
    }
    int rc = -1;
    if (manifest_sha256_hex(data, len, hex) != 0 || strcmp(hex, f->sha256) != 0) {
        fprintf(stderr, "kiosk-publish: %s changed while it was published; publish again\n", f->path);
    } else if (fsutil_write_atomic(obj, data, len, 0644) != 0) {
        /* new, or damaged on the server (then kiosks would refuse it with
         * hash_mismatch forever): objects are immutable, 0644 for the web server */
        fprintf(stderr, "kiosk-publish: write %s: %s\n", obj, strerror(errno));
    } else {
        w->new_objects++;
        w->new_bytes += len;
        rc = 0;
    }
    free(data);
    return rc;
}

int publish_store_objects(struct publish_walk *w)
{
    for (size_t i = 0; i < w->m->n_files; i++)
        if (store_object(w, &w->m->files[i]) != 0)
            return -1;
    return 0;
}

/* 1 when the content's YAML names the file rel (kcontent.files). */
static int is_used(const kcontent *c, const char *rel)
{
    for (size_t lo = 0, hi = c->n_files; lo < hi;) {
        size_t mid = lo + (hi - lo) / 2;
        int d = strcmp(rel, c->files[mid]);
        if (d == 0)
            return 1;
        if (d < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return 0;
}

/* Documentation beside the content (README.md, SOURCES.md, LICENSE.md):
 * kept in the repository, not shipped to kiosks, which never show it. */
static int is_doc(const char *name)
{
    size_t n = strlen(name);
    return n > 3 && strcasecmp(name + n - 3, ".md") == 0;
}

/* An entry that is not published, and why: it stops the publish, since a
 * link or a stray file may be a secret (a key, a password file). */
static void refuse(struct publish_walk *w, const char *rel, kfile_type type)
{
    if (type == KFILE_LINK)
        fprintf(stderr, "kiosk-publish: %s: a symbolic link; a content tree is published without "
                        "links (copy the file in, or remove the link)\n", rel);
    else if (type != KFILE_REGULAR)
        fprintf(stderr, "kiosk-publish: %s: not a regular file (a FIFO, socket or device); "
                        "remove it\n", rel);
    else
        fprintf(stderr, "kiosk-publish: %s: not used by the content (no YAML file names it); "
                        "only what the content uses is published: remove it or move it out of "
                        "the tree\n", rel);
    w->errors++;
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
    if (kfile_lstat(full, &st) != 0) {
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
    } else if (st.type == KFILE_REGULAR && is_used(w->content, sub)) {
        wd->rc = add_file(w, sub, &st);
    } else if (st.type == KFILE_REGULAR && is_doc(name)) {
        printf("%s: documentation, not published (a kiosk does not show it)\n", sub);
    } else {
        refuse(w, sub, st.type);
    }
    return wd->rc != 0;
}

int publish_walk_all_found(struct publish_walk *w)
{
    int rc = 0;
    for (size_t i = 0; i < w->content->n_files; i++) {
        if (!manifest_find(w->m, w->content->files[i])) {
            fprintf(stderr, "kiosk-publish: %s: reached only through a symbolic link or a hidden "
                            "folder; publish it as a plain file\n", w->content->files[i]);
            rc = -1;
        }
    }
    return rc;
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
