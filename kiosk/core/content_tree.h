/* content_tree.h — what a content tree holds beyond what its YAML names.
 *
 * One walk over the tree's folders and one rule for each entry in it,
 * shared by kiosk-publish (which publishes the files the content uses and
 * refuses the rest: a link or a stray file may be a secret) and by
 * `kiosk --check` (which reports the same entries before anyone publishes).
 * The rule: hidden entries (".git", ".DS_Store", editor swap files) are not
 * content and are skipped; a plain file the content uses (kcontent.files)
 * is content; documentation (*.md: README.md, SOURCES.md,
 * images/LICENSE.md) stays beside it and is never shipped; anything else —
 * a symbolic link, a FIFO, socket or device, a file no YAML names — does
 * not belong in the tree.
 *
 * Pure core: folders are read through kfile.h and never followed through a
 * link. */
#ifndef KIOSK_CONTENT_TREE_H
#define KIOSK_CONTENT_TREE_H

#include "content.h"
#include "kfile.h"

typedef enum {
    CT_USED,       /* a plain file the content uses */
    CT_DOC,        /* documentation (*.md), not shipped */
    CT_UNUSED,     /* a plain file no content file names */
    CT_LINK,       /* a symbolic link (to a file or a folder, in or out of the tree) */
    CT_SPECIAL,    /* a FIFO, socket or device */
    CT_TOO_DEEP,   /* a folder nested deeper than KIOSK_MAX_PATH_DEPTH levels */
    CT_TOO_LONG,   /* a path longer than the walk can name */
    CT_UNREADABLE  /* lstat or listing failed: errno says why */
} ct_kind;

/* Called for every entry that is not a folder walked into; rel is relative
 * to the root, st is NULL for CT_TOO_LONG and CT_UNREADABLE. A non-zero
 * return stops the walk. */
typedef int (*ct_fn)(void *ctx, const char *rel, ct_kind kind, const kfile_info *st);

/* Walks the tree at root for the content c. Returns 0, or the callback's
 * non-zero that stopped it. */
int content_tree_walk(const char *root, const kcontent *c, ct_fn fn, void *ctx);

/* 1 when the content uses the file rel (kcontent.files, sorted). */
int content_tree_uses(const kcontent *c, const char *rel);

#endif
