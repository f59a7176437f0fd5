/* layout_check.c — the test oracle for built scenes. See layout_check.h. */
#include "layout_check.h"

#include <stdio.h>

static int overlaps(int ax, int ay, int aw, int ah, int bx, int by, int bw, int bh)
{
    return ax < bx + bw && bx < ax + aw && ay < by + bh && by < ay + ah;
}

int layout_check(const scene *sc, int min_target, char *why, size_t why_size)
{
    int bad = sc->overflow;
    if (bad && why_size)
        snprintf(why, why_size, "the builder met %d problems", sc->overflow);
#define PROBLEM(...)                                                                               \
    do {                                                                                           \
        if (!bad++ && why_size)                                                                    \
            snprintf(why, why_size, __VA_ARGS__);                                                  \
    } while (0)
    for (size_t i = 0; i < sc->n_items; i++) {
        const dl_item *it = &sc->items[i];
        if (it->deco)
            continue;
        if (it->layer == DL_FIXED) {
            if (it->x < 0 || it->y < 0 || it->x + it->w > sc->w || it->y + it->h > sc->h)
                PROBLEM("item %zu (%s%.*s) at %d,%d %dx%d is outside the %dx%d screen", i,
                        it->kind == DL_TEXT ? "text " : "", it->kind == DL_TEXT ? (int)it->len : 0,
                        it->text ? it->text : "", it->x, it->y, it->w, it->h, sc->w, sc->h);
        } else if (it->x < sc->view_x || it->x + it->w > sc->view_x + sc->view_w || it->y < 0 ||
                   it->y + it->h > sc->content_h) {
            PROBLEM("scrolled item %zu (%.*s) at %d,%d %dx%d is outside the viewport", i,
                    it->kind == DL_TEXT ? (int)it->len : 0, it->text ? it->text : "", it->x, it->y,
                    it->w, it->h);
        }
        if (it->kind != DL_TEXT)
            continue;
        for (size_t j = i + 1; j < sc->n_items; j++) {
            const dl_item *o = &sc->items[j];
            int za = it->z / DL_Z_STEP, zb = o->z / DL_Z_STEP;
            if (o->kind != DL_TEXT || o->layer != it->layer)
                continue;
            /* overlays cover the scene on purpose; so does a slide fading in */
            if (za >= DL_Z_OVERLAY || zb >= DL_Z_OVERLAY ||
                (za == DL_Z_SLIDE_OLD) != (zb == DL_Z_SLIDE_OLD))
                continue;
            if (overlaps(it->x, it->y, it->w, it->h, o->x, o->y, o->w, o->h))
                PROBLEM("text '%.*s' overlaps '%.*s'", (int)it->len, it->text, (int)o->len,
                        o->text);
        }
    }
    for (size_t i = 0; i < sc->n_targets; i++) {
        const dl_target *t = &sc->targets[i];
        if (t->w < min_target || t->h < min_target)
            PROBLEM("target %s is %dx%d, smaller than %d px", t->name, t->w, t->h, min_target);
        if (t->x < 0 || t->y < 0 || t->x + t->w > sc->w || t->y + t->h > sc->h)
            PROBLEM("target %s is outside the screen", t->name);
        for (size_t j = i + 1; j < sc->n_targets; j++) {
            const dl_target *o = &sc->targets[j];
            if (overlaps(t->x, t->y, t->w, t->h, o->x, o->y, o->w, o->h))
                PROBLEM("targets %s and %s overlap", t->name, o->name);
        }
    }
#undef PROBLEM
    return bad;
}
