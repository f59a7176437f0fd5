/* render_damage.c — what changed on screen since the last frame. The
 * software renderer keeps the last frame in the window's surface, so a frame
 * of the attract loop's slow motion (the picture moving a pixel, the touch
 * hint's ring) draws only the rectangles around the items that changed,
 * not the whole screen. Anything unusual (another size, a scroll layer, a
 * pressed control, a render target, a picture still waiting) draws it all. */
#include <stdlib.h>
#include <string.h>

#include "render_impl.h"

#define HASH0 1469598103934665603ull

static uint64_t text_hash(const dl_item *it)
{
    return it->kind == DL_TEXT && it->text ? rd_hash(it->text, it->len, HASH0) : 0;
}

/* 1 when item a (its text hashed as ha) draws the same pixels as b. */
static int same_item(const dl_item *a, uint64_t ha, const dl_item *b)
{
    return a->kind == b->kind && a->layer == b->layer && a->alpha == b->alpha &&
           a->bold == b->bold && a->z == b->z && a->x == b->x && a->y == b->y && a->w == b->w &&
           a->h == b->h && a->color.r == b->color.r && a->color.g == b->color.g &&
           a->color.b == b->color.b && a->radius == b->radius && a->px == b->px &&
           a->len == b->len && a->ref == b->ref && a->cover == b->cover && a->zoom == b->zoom &&
           a->pan_x == b->pan_x && a->pan_y == b->pan_y && a->rtl == b->rtl && ha == text_hash(b);
}

static int overlaps(const SDL_Rect *a, const SDL_Rect *b)
{
    return a->x < b->x + b->w && b->x < a->x + a->w && a->y < b->y + b->h && b->y < a->y + a->h;
}

static void unite(SDL_Rect *a, const SDL_Rect *b)
{
    SDL_Rect u;
    SDL_UnionRect(a, b, &u);
    *a = u;
}

/* Add the box of it (clipped to the screen, with a pixel of margin for
 * anti-aliased edges) to the n rectangles. */
static int add_box(const dl_item *it, int w, int h, SDL_Rect *rects, int n)
{
    SDL_Rect screen = {0, 0, w, h}, r = {it->x - 1, it->y - 1, it->w + 2, it->h + 2}, c;
    if (it->alpha == 0 || !SDL_IntersectRect(&r, &screen, &c))
        return n;
    for (int i = 0; i < n; i++)
        if (overlaps(&rects[i], &c)) {
            unite(&rects[i], &c);
            return n;
        }
    if (n < RD_DAMAGE_MAX) {
        rects[n] = c;
        return n + 1;
    }
    unite(&rects[0], &c);
    return n;
}

int rd_damage(const render *rd, const scene *sc, int scroll, int pressed, SDL_Rect *rects)
{
    const struct last_frame *l = &rd->last;
    if (!rd->software || !l->valid || SDL_GetRenderTarget(rd->r) || l->w != sc->w ||
        l->h != sc->h || l->n != sc->n_items || sc->view_h > 0 || scroll != 0 || pressed >= 0 ||
        memcmp(&l->clear, &sc->clear, sizeof l->clear) != 0)
        return -1;
    int n = 0;
    long area = 0;
    for (size_t i = 0; i < sc->n_items; i++) {
        if (same_item(&l->items[i], l->texts[i], &sc->items[i]))
            continue;
        n = add_box(&l->items[i], sc->w, sc->h, rects, n);
        n = add_box(&sc->items[i], sc->w, sc->h, rects, n);
    }
    for (int i = 0; i < n; i++)
        area += (long)rects[i].w * rects[i].h;
    return area * 10 > (long)sc->w * sc->h * 6 ? -1 : n; /* most of it: draw it all */
}

void rd_remember(render *rd, const scene *sc)
{
    struct last_frame *l = &rd->last;
    l->valid = 0;
    if (!rd->software)
        return;
    if (sc->n_items > l->cap) {
        size_t cap = sc->n_items + 64;
        dl_item *items = realloc(l->items, cap * sizeof *items);
        if (items)
            l->items = items;
        uint64_t *texts = items ? realloc(l->texts, cap * sizeof *texts) : NULL;
        if (!texts)
            return;
        l->texts = texts;
        l->cap = cap;
    }
    memcpy(l->items, sc->items, sc->n_items * sizeof *sc->items);
    for (size_t i = 0; i < sc->n_items; i++)
        l->texts[i] = text_hash(&sc->items[i]);
    l->n = sc->n_items;
    l->w = sc->w;
    l->h = sc->h;
    l->clear = sc->clear;
    l->valid = 1;
}

void render_forget(render *rd)
{
    rd->last.valid = 0;
}
