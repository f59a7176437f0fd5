/* explore.h — speech mode's focus: the element a visitor who cannot see the
 * screen is on, found by touch or stepped to by swipes.
 *
 * A single touch focuses the element under the finger (explore by touch), a
 * swipe moves the focus to the next or previous element in reading order
 * (reading.h), and a double tap anywhere activates the focused element's
 * touch target. This module only keeps the focus and finds elements; the
 * app speaks and acts.
 *
 * Pure core: no SDL, no speech engine. */
#ifndef KIOSK_EXPLORE_H
#define KIOSK_EXPLORE_H

#include "layout.h"
#include "reading.h"

typedef struct explore {
    int focus; /* index into the reading's items, -1: none */
} explore;

void explore_reset(explore *e);

/* The element under (x, y), in screen pixels, with the page scrolled by
 * scroll pixels: the touch target there, else the topmost spoken text.
 * Focuses it and returns its index, or -1 (the focus stays). */
int explore_at(explore *e, const reading *r, const scene *sc, int x, int y, int scroll);

/* Move the focus by dir (+1 next, -1 previous) in reading order, stopping
 * at the ends; from no focus, +1 goes to the first element and -1 to the
 * last. Returns the new focus, or -1 when there is nothing further. */
int explore_step(explore *e, const reading *r, int dir);

/* The focused element's touch target (an index into sc->targets), or -1. */
int explore_target(const explore *e, const reading *r);

/* Where the focused element lies in the scene's scrolled layer: its top
 * and bottom relative to the viewport's top at scroll 0. Returns 1, or 0
 * when it is not in that layer (nothing to scroll to). */
int explore_scroll_span(const explore *e, const reading *r, const scene *sc, int *top,
                        int *bottom);

/* The scroll offset that shows the span [top, bottom) in the viewport,
 * moving as little as possible from scroll (within 0 .. max). */
int explore_scroll_to(const scene *sc, int scroll, int top, int bottom);

#endif
