/* touch.c — what a tap may act on. See touch.h. */
#include "touch.h"

#include <string.h>

void touch_init(touch *t)
{
    memset(t, 0, sizeof *t);
    t->slide = -1;
}

void touch_scene_changed(touch *t, uint64_t now)
{
    t->changed = 1;
    t->changed_at = now;
}

void touch_press(touch *t, const nav_state *st, const nav_config *cfg, uint64_t now)
{
    t->down_at = now;
    t->slide = st->scene == NAV_ATTRACT ? touch_slide_shown(st, cfg, now) : -1;
}

int touch_held_off(const touch *t)
{
    /* a change after the finger went down counts too: the finger lifts from
     * a scene it never saw */
    return t->changed && t->down_at < t->changed_at + TOUCH_HOLD_OFF_MS;
}

int touch_slide_shown(const nav_state *st, const nav_config *cfg, uint64_t now)
{
    if (st->prev_slide >= 0 && nav_transition(st, cfg, now) < 500)
        return st->prev_slide;
    return st->slide;
}

void touch_seen(const touch *t, nav_state *st)
{
    if (st->scene != NAV_ATTRACT || t->slide < 0)
        return;
    st->slide = t->slide;
    st->prev_slide = -1;
}

/* How far pixel v lies outside [lo, lo + len) along one axis: 0 inside or
 * for the first pixel past an edge, else the pixels between that edge and
 * the pixel's near side. */
static long outside(int v, int lo, int len)
{
    if (v < lo)
        return (long)lo - v - 1;
    if (v >= lo + len)
        return (long)v - (lo + len);
    return 0;
}

int touch_hit(const scene *sc, int x, int y, double reach)
{
    int hit = scene_hit(sc, x, y);
    if (hit >= 0 || reach <= 0)
        return hit;
    long best = -1;
    int tie = 0;
    for (size_t i = 0; i < sc->n_targets; i++) {
        int rx, ry, rw, rh;
        if (!scene_target_box(sc, i, sc->scroll, &rx, &ry, &rw, &rh))
            continue;
        long dx = outside(x, rx, rw), dy = outside(y, ry, rh);
        long d = dx * dx + dy * dy;
        if ((double)d > reach * reach)
            continue;
        if (best < 0 || d < best) {
            best = d;
            hit = (int)i;
            tie = 0;
        } else if (d == best) {
            tie = 1;
        }
    }
    return tie ? -1 : hit;
}
