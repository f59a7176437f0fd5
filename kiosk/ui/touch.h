/* touch.h — what a tap may act on, so that touch forgives and never misfires.
 *
 *   - Held off: a tap whose finger went down less than TOUCH_HOLD_OFF_MS
 *     after a scene change, or while one happened, does not act. The second
 *     tap of a double tap then cannot land on whatever the first one opened,
 *     and Back goes back one step per press however fast it is pressed.
 *     The session decides what a scene change is and leaves speech mode's
 *     own double tap out of this.
 *   - Forgiving: a tap that hits no target goes to the nearest target whose
 *     edge is within TOUCH_REACH_MM (screen.h turns it into pixels), unless
 *     another target is as near.
 *   - Seen: on the attract loop a tap acts on the slide that showed when
 *     its finger went down, not on the one a cross-fade brought in since.
 *
 * Pure core: times come from the caller's clock. */
#ifndef KIOSK_TOUCH_H
#define KIOSK_TOUCH_H

#include <stdint.h>

#include "layout.h"
#include "nav.h"

#define TOUCH_HOLD_OFF_MS 500
#define TOUCH_REACH_MM 3.0

typedef struct touch {
    int changed;          /* a scene changed since the first one showed */
    uint64_t changed_at;  /* when it last did */
    uint64_t down_at;     /* when the finger of this touch went down */
    int slide;            /* the attract loop's slide on screen then, or -1 */
} touch;

void touch_init(touch *t);
/* The scene changed at now (a tap, the idle return, new content ...). */
void touch_scene_changed(touch *t, uint64_t now);
/* A finger went down at now on the state st. */
void touch_press(touch *t, const nav_state *st, const nav_config *cfg, uint64_t now);
/* 1 when the tap of the current touch must not act. */
int touch_held_off(const touch *t);

/* The slide on the attract loop's screen at now: during a cross-fade the old
 * one for its first half (the layout shows its text then), else the current
 * one; -1 when none. */
int touch_slide_shown(const nav_state *st, const nav_config *cfg, uint64_t now);

/* Before a tap on the attract loop acts (NAV_START opens the current
 * slide's domain): the slide that showed at the press becomes the current
 * one, its cross-fade over. */
void touch_seen(const touch *t, nav_state *st);

/* The target a tap at pixel (x, y) acts on: the one under it (scene_hit),
 * else the nearest one whose edge is at most reach pixels from the pixel's
 * near side, when no other is as near; -1. */
int touch_hit(const scene *sc, int x, int y, double reach);

#endif
