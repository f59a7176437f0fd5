#include "watch.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kfile.h"
#include "klimits.h"
#include "log.h"

struct watch {
    char *dir;
    uint64_t sig;
    diag_list diags;
    int has_diags;
};

static uint64_t mix64(uint64_t h, uint64_t v)
{
    h ^= v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
    return h;
}

static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    while (*s)
        h = (h ^ (unsigned char)*s++) * 1099511628211ull;
    return h;
}

/* Order-independent signature of the tree: a sum of per-file hashes. */
struct walk {
    uint64_t sig;
    int files;
};

struct walk_dir {
    struct walk *w;
    const char *dir;
    int depth;
};

static void walk(struct walk *w, const char *dir, int depth);

/* One entry of a folder (kfile_list); non-zero stops at the file limit. */
static int walk_entry(void *ctx, const char *name)
{
    const struct walk_dir *wd = ctx;
    struct walk *w = wd->w;
    if (w->files >= KIOSK_MAX_FILES)
        return 1;
    if (name[0] == '.')
        return 0;
    char path[4096];
    if (snprintf(path, sizeof path, "%s/%s", wd->dir, name) >= (int)sizeof path)
        return 0;
    kfile_info st;
    if (kfile_stat(path, &st) != 0)
        return 0;
    w->files++;
    uint64_t h = hash_str(path);
    h = mix64(h, (uint64_t)st.size);
    h = mix64(h, (uint64_t)st.mtime_ns);
    w->sig += h;
    if (st.type == KFILE_DIR)
        walk(w, path, wd->depth + 1);
    return 0;
}

static void walk(struct walk *w, const char *dir, int depth)
{
    if (depth > KIOSK_MAX_DEPTH)
        return;
    struct walk_dir wd = {.w = w, .dir = dir, .depth = depth};
    kfile_list(dir, walk_entry, &wd);
}

static uint64_t signature(const char *dir)
{
    struct walk w = {0};
    walk(&w, dir, 0);
    return w.sig;
}

watch *watch_new(const char *dir)
{
    watch *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    w->dir = strdup(dir);
    if (!w->dir) {
        free(w);
        return NULL;
    }
    diag_init(&w->diags);
    w->sig = signature(dir);
    return w;
}

void watch_free(watch *w)
{
    if (!w)
        return;
    diag_free(&w->diags);
    free(w->dir);
    free(w);
}

void watch_set_diags(watch *w, const diag_list *d)
{
    diag_free(&w->diags);
    w->has_diags = 0;
    if (!d || !d->errors)
        return;
    for (size_t i = 0; i < d->n; i++) {
        const diag *g = &d->items[i];
        diag_add(&w->diags, g->level, g->file, g->line, g->col, "%s", g->msg);
    }
    w->diags.errors = d->errors;
    w->diags.warnings = d->warnings;
    w->has_diags = 1;
}

generation *watch_poll(void *ctx)
{
    watch *w = ctx;
    uint64_t sig = signature(w->dir);
    if (sig == w->sig)
        return NULL;
    w->sig = sig;
    diag_list d;
    diag_init(&d);
    kcontent *c = content_load(w->dir, &d);
    diag_sort(&d);
    if (c) {
        log_info("watch", "%s changed: reloaded", w->dir);
        watch_set_diags(w, NULL);
    } else {
        log_warn("watch", "%s changed: %zu errors, keeping the last good content", w->dir,
                 d.errors);
        watch_set_diags(w, &d);
    }
    diag_free(&d);
    return c ? generation_new(c, NULL, 0) : NULL; /* a preview: no notice, no channel version */
}

const diag_list *watch_diags(void *ctx)
{
    watch *w = ctx;
    return w->has_diags ? &w->diags : NULL;
}
