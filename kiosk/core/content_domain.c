/* content_domain.c — checks one domains/<id>.yaml: its title, summary,
 * colour and icon, its pages and their blocks. */
#include <string.h>

#include "content_check.h"
#include "klimits.h"

static const char *const block_kinds[] = {"heading", "paragraph", "bullets", "image",
                                          "link",    "fact",      NULL}; /* block_kind order */
static const char *const block_keys[] = {"heading", "paragraph", "bullets", "image", "link",
                                         "fact",    "caption",   "label",   "text",  NULL};

/* The kind of block n: the index in block_kinds of its one kind key, or -1
 * after reporting. A second kind key is reported and ignored. */
static int block_kind_of(cl_loader *L, const ynode *n)
{
    const ynode *kind_key = NULL;
    int kind = -1;
    for (size_t i = 0; i < n->n; i++) {
        for (int k = 0; block_kinds[k]; k++) {
            if (strcmp(n->keys[i]->str, block_kinds[k]) != 0)
                continue;
            if (kind_key) {
                cl_err(L, n->keys[i],
                       "'%s' cannot share a block with '%s'; start a new block with '- %s:'",
                       block_kinds[k], kind_key->str, block_kinds[k]);
            } else {
                kind_key = n->keys[i];
                kind = k;
            }
        }
    }
    if (kind >= 0)
        return kind;
    int unknown = 0;
    for (size_t i = 0; i < n->n; i++) {
        if (!cl_in_list(n->keys[i]->str, block_keys)) {
            cl_unknown_key(L, n->keys[i], block_keys);
            unknown = 1;
        }
    }
    if (!unknown)
        cl_err(L, n, "a block needs one of heading, paragraph, bullets, fact, image or link");
    return -1;
}

/* Reports the keys a block of this kind has no use for, and its required
 * second key (extra: a fact's text, a link's label) when missing. */
static void block_check_keys(cl_loader *L, const ynode *n, int kind, const char *extra)
{
    const char *allowed[] = {block_kinds[kind], extra, NULL};
    const char *required[] = {kind == BLOCK_IMAGE ? NULL : extra, NULL};
    for (size_t i = 0; i < n->n; i++) {
        const char *k = n->keys[i]->str;
        if (cl_in_list(k, allowed) || cl_in_list(k, block_kinds))
            continue;
        if (cl_in_list(k, block_keys))
            cl_err(L, n->keys[i], "a %s block has no '%s'", block_kinds[kind], k);
        else
            cl_unknown_key(L, n->keys[i], allowed);
    }
    if (required[0] && !ymap_key(n, required[0]))
        cl_err(L, n, "missing required key '%s' (a %s block needs it)", required[0],
               block_kinds[kind]);
}

/* Checks and keeps the values of a block whose kind is known. */
static void block_values(cl_loader *L, const ynode *n, kblock *b, const char *extra)
{
    const ynode *v = ymap_get(n, block_kinds[b->kind]);
    const ynode *x = extra ? ymap_get(n, extra) : NULL;
    switch (b->kind) {
    case BLOCK_HEADING:
    case BLOCK_PARAGRAPH:
        cl_get_text(L, v, &b->text);
        break;
    case BLOCK_BULLETS:
        if (cl_get_list(L, v, 1, KIOSK_MAX_ITEMS, "bullet points"))
            break;
        b->items = arena_array(L->a, v->n, sizeof(ktext));
        if (!b->items)
            break;
        for (size_t i = 0; i < v->n; i++)
            cl_get_text(L, v->items[i], &b->items[i]);
        b->n_items = v->n;
        break;
    case BLOCK_IMAGE:
        b->image = cl_get_image(L, v);
        if (x)
            cl_get_text(L, x, &b->text);
        break;
    case BLOCK_LINK:
        b->url = cl_get_url(L, v);
        if (x)
            cl_get_text(L, x, &b->text);
        break;
    case BLOCK_FACT:
        cl_get_text(L, v, &b->value);
        if (x)
            cl_get_text(L, x, &b->text);
        break;
    }
}

static void check_block(cl_loader *L, const ynode *n, kblock *b)
{
    if (n->kind != YNODE_MAP) {
        cl_err(L, n, "expected a block (heading, paragraph, bullets, fact, image or link), got %s",
               ynode_describe(n));
        return;
    }
    b->line = n->line;
    int kind = block_kind_of(L, n);
    if (kind < 0)
        return;
    b->kind = (block_kind)kind;
    const char *extra = kind == BLOCK_FACT    ? "text"
                        : kind == BLOCK_LINK  ? "label"
                        : kind == BLOCK_IMAGE ? "caption"
                                              : NULL;
    block_check_keys(L, n, kind, extra);
    block_values(L, n, b, extra);
}

static void check_page(cl_loader *L, const ynode *n, kpage *pg)
{
    static const char *const keys[] = {"id", "title", "blocks", NULL};
    if (n->kind != YNODE_MAP) {
        cl_err(L, n, "expected a page (a mapping with id, title and blocks), got %s",
               ynode_describe(n));
        return;
    }
    cl_check_keys(L, n, keys, keys);
    const ynode *v;
    if ((v = ymap_get(n, "id")))
        pg->id = cl_get_id(L, v);
    if ((v = ymap_get(n, "title")))
        cl_get_text(L, v, &pg->title);
    if ((v = ymap_get(n, "blocks")) && cl_get_list(L, v, 1, KIOSK_MAX_BLOCKS, "blocks") == 0) {
        pg->blocks = arena_array(L->a, v->n, sizeof(kblock));
        if (!pg->blocks)
            return;
        pg->n_blocks = v->n;
        for (size_t i = 0; i < v->n; i++)
            check_block(L, v->items[i], &pg->blocks[i]);
    }
}

void cl_check_domain(cl_loader *L, const ynode *root, kdomain *dom)
{
    static const char *const keys[] = {"title", "summary", "color", "icon",
                                       "image", "pages",   "as_of", NULL};
    static const char *const required[] = {"title", "summary", "color", "pages", NULL};
    cl_check_keys(L, root, keys, required);
    const ynode *v;
    if ((v = ymap_get(root, "title")))
        cl_get_text(L, v, &dom->title);
    if ((v = ymap_get(root, "summary")))
        cl_get_text(L, v, &dom->summary);
    if ((v = ymap_get(root, "color")))
        cl_get_color(L, v, &dom->color);
    if ((v = ymap_get(root, "icon")))
        dom->icon = cl_get_image(L, v);
    if ((v = ymap_get(root, "image")))
        dom->image = cl_get_picture(L, v);
    dom->as_of = L->c->as_of;
    if ((v = ymap_get(root, "as_of")))
        cl_get_month(L, v, &dom->as_of);
    v = ymap_get(root, "pages");
    if (!v || cl_get_list(L, v, 1, KIOSK_MAX_PAGES, "pages"))
        return;
    dom->pages = arena_array(L->a, v->n, sizeof(kpage));
    if (!dom->pages)
        return;
    dom->n_pages = v->n;
    for (size_t i = 0; i < v->n; i++) {
        const ynode *p = v->items[i];
        check_page(L, p, &dom->pages[i]);
        if (!dom->pages[i].id)
            continue;
        for (size_t j = 0; j < i; j++) {
            if (dom->pages[j].id && strcmp(dom->pages[j].id, dom->pages[i].id) == 0) {
                const ynode *id = ymap_get(p, "id");
                const ynode *first = ymap_get(v->items[j], "id");
                cl_err(L, id, "duplicate page id '%s' (first at line %d, column %d)",
                       dom->pages[i].id, first->line, first->col);
                break;
            }
        }
    }
}
