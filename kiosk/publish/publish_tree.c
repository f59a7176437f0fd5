/* publish_tree.c — walks a content tree for publishing: every file that
 * the content uses becomes a manifest entry and, when new or damaged on the
 * server, a content-addressed object OUT_DIR/objects/<sha256>
 * (publish_impl.h). Nothing else leaves the tree: not a link, not a file
 * no YAML names (the walk and its rule: content_tree.h, which
 * `kiosk --check` shares). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content_tree.h"
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

/* One entry of the tree by the rule of content_tree.h: a file the content
 * uses is added; anything else that is not documentation stops the
 * publish, since a link or a stray file may be a secret (a key, a password
 * file). Non-zero stops the walk. */
static int walk_entry(void *ctx, const char *rel, ct_kind kind, const kfile_info *st)
{
    struct publish_walk *w = ctx;
    switch (kind) {
    case CT_USED:
        return add_file(w, rel, st);
    case CT_DOC:
        printf("%s: documentation, not published (a kiosk does not show it)\n", rel);
        return 0;
    case CT_LINK:
        fprintf(stderr, "kiosk-publish: %s: a symbolic link; a content tree is published without "
                        "links (copy the file in, or remove the link)\n", rel);
        break;
    case CT_SPECIAL:
        fprintf(stderr, "kiosk-publish: %s: not a regular file (a FIFO, socket or device); "
                        "remove it\n", rel);
        break;
    case CT_UNUSED:
        fprintf(stderr, "kiosk-publish: %s: not used by the content (no YAML file names it); "
                        "only what the content uses is published: remove it or move it out of "
                        "the tree\n", rel);
        break;
    case CT_TOO_DEEP:
        fprintf(stderr, "kiosk-publish: %s: nested too deep (limit %d levels)\n", rel,
                KIOSK_MAX_PATH_DEPTH);
        break;
    case CT_TOO_LONG:
        fprintf(stderr, "kiosk-publish: %s: path too long\n", rel);
        break;
    case CT_UNREADABLE:
        fprintf(stderr, "kiosk-publish: %s/%s: %s\n", w->root, rel, strerror(errno));
        return -1;
    }
    w->errors++;
    return 0;
}

int publish_walk_tree(struct publish_walk *w)
{
    return content_tree_walk(w->root, w->content, walk_entry, w);
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
