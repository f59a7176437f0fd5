/* content_tree.c — one walk over a content tree, one rule for its entries
 * (content_tree.h). */
#include "content_tree.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "klimits.h"

#define CT_PATH_MAX 4096

int content_tree_uses(const kcontent *c, const char *rel)
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
 * kept in the repository, never shipped to kiosks, which never show it. */
static int is_doc(const char *name)
{
    size_t n = strlen(name);
    return n > 3 && strcasecmp(name + n - 3, ".md") == 0;
}

struct ct_walk {
    const char *root;
    const kcontent *c;
    ct_fn fn;
    void *ctx;
};

struct ct_dir {
    struct ct_walk *w;
    const char *dir, *rel;
    int depth, rc;
};

static int walk_dir(struct ct_walk *w, const char *rel, int depth);

/* The rule for one entry of a folder that is no folder itself. */
static ct_kind classify(const kcontent *c, const char *rel, const char *name,
                        const kfile_info *st)
{
    if (st->type == KFILE_LINK)
        return CT_LINK;
    if (st->type != KFILE_REGULAR)
        return CT_SPECIAL;
    if (content_tree_uses(c, rel))
        return CT_USED;
    return is_doc(name) ? CT_DOC : CT_UNUSED;
}

/* One entry of a folder (kfile_list); non-zero stops the walk. */
static int walk_entry(void *ctx, const char *name)
{
    struct ct_dir *wd = ctx;
    struct ct_walk *w = wd->w;
    if (name[0] == '.')
        return 0;
    char full[CT_PATH_MAX], sub[CT_PATH_MAX];
    if (snprintf(full, sizeof full, "%s/%s", wd->dir, name) >= (int)sizeof full ||
        snprintf(sub, sizeof sub, "%s%s%s", wd->rel, *wd->rel ? "/" : "", name) >=
            (int)sizeof sub) {
        snprintf(sub, sizeof sub, "%s/%s", wd->dir, name);
        wd->rc = w->fn(w->ctx, sub, CT_TOO_LONG, NULL);
        return wd->rc != 0;
    }
    kfile_info st;
    if (kfile_lstat(full, &st) != 0)
        wd->rc = w->fn(w->ctx, sub, CT_UNREADABLE, NULL);
    else if (st.type == KFILE_DIR && wd->depth + 1 >= KIOSK_MAX_PATH_DEPTH)
        wd->rc = w->fn(w->ctx, sub, CT_TOO_DEEP, &st);
    else if (st.type == KFILE_DIR)
        wd->rc = walk_dir(w, sub, wd->depth + 1);
    else
        wd->rc = w->fn(w->ctx, sub, classify(w->c, sub, name, &st), &st);
    return wd->rc != 0;
}

/* Recursive walk; rel is the path below the root ("" at the top). */
static int walk_dir(struct ct_walk *w, const char *rel, int depth)
{
    char dir[CT_PATH_MAX];
    if (snprintf(dir, sizeof dir, "%s%s%s", w->root, *rel ? "/" : "", rel) >= (int)sizeof dir)
        return w->fn(w->ctx, rel, CT_TOO_LONG, NULL);
    struct ct_dir wd = {.w = w, .dir = dir, .rel = rel, .depth = depth};
    if (kfile_list(dir, walk_entry, &wd) < 0 && !wd.rc) {
        int e = errno;
        int rc = w->fn(w->ctx, *rel ? rel : ".", CT_UNREADABLE, NULL);
        errno = e;
        return rc;
    }
    return wd.rc;
}

int content_tree_walk(const char *root, const kcontent *c, ct_fn fn, void *ctx)
{
    struct ct_walk w = {.root = root, .c = c, .fn = fn, .ctx = ctx};
    return walk_dir(&w, "", 0);
}
