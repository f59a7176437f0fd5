/* explore.c — speech mode's focus. See explore.h. */
#include "explore.h"

void explore_reset(explore *e)
{
    e->focus = -1;
}

static int inside(int x, int y, int rx, int ry, int rw, int rh)
{
    return x >= rx && x < rx + rw && y >= ry && y < ry + rh;
}

int explore_at(explore *e, const reading *r, const scene *sc, int x, int y, int scroll)
{
    if (!r || !sc)
        return -1;
    /* a control first: what a tap there would do is what the visitor wants to hear */
    int t = scene_hit(sc, x, y);
    if (t >= 0)
        for (size_t i = 0; i < r->n_items; i++)
            if (r->items[i].target == t) {
                e->focus = (int)i;
                return e->focus;
            }
    /* else the text drawn there; items are sorted by z, so the last hit is on top */
    int found = -1;
    for (size_t i = 0; i < sc->n_items && i < r->n_owner; i++) {
        const dl_item *d = &sc->items[i];
        if (r->owner[i] < 0)
            continue;
        int iy = d->y;
        if (d->layer == DL_SCROLL) {
            /* scrolled text counts only where the viewport shows it */
            if (!inside(x, y, sc->view_x, sc->view_y, sc->view_w, sc->view_h))
                continue;
            iy = sc->view_y + d->y - scroll;
        }
        if (inside(x, y, d->x, iy, d->w, d->h))
            found = r->owner[i];
    }
    if (found >= 0)
        e->focus = found;
    return found;
}

int explore_step(explore *e, const reading *r, int dir)
{
    if (!r || !r->n_items)
        return -1;
    int n = (int)r->n_items, next;
    if (e->focus < 0 || e->focus >= n)
        next = dir > 0 ? 0 : n - 1;
    else
        next = e->focus + (dir > 0 ? 1 : -1);
    if (next < 0 || next >= n)
        return -1;
    e->focus = next;
    return next;
}

int explore_target(const explore *e, const reading *r)
{
    if (!r || e->focus < 0 || (size_t)e->focus >= r->n_items)
        return -1;
    return r->items[e->focus].target;
}

int explore_scroll_span(const explore *e, const reading *r, const scene *sc, int *top,
                        int *bottom)
{
    if (!r || !sc || e->focus < 0 || !sc->view_h)
        return 0;
    int found = 0;
    for (size_t i = 0; i < sc->n_items && i < r->n_owner; i++) {
        const dl_item *d = &sc->items[i];
        if (r->owner[i] != e->focus || d->layer != DL_SCROLL)
            continue;
        if (!found || d->y < *top)
            *top = d->y;
        if (!found || d->y + d->h > *bottom)
            *bottom = d->y + d->h;
        found = 1;
    }
    return found;
}

int explore_scroll_to(const scene *sc, int scroll, int top, int bottom)
{
    int max = scene_max_scroll(sc), margin = sc->view_h / 10;
    if (bottom - top > sc->view_h - 2 * margin)
        scroll = top - margin; /* taller than the view: show its start */
    else if (top < scroll + margin)
        scroll = top - margin;
    else if (bottom > scroll + sc->view_h - margin)
        scroll = bottom - sc->view_h + margin;
    return scroll < 0 ? 0 : scroll > max ? max : scroll;
}
