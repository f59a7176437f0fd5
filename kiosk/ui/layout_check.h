/* layout_check.h — the test oracle for built scenes: what a visitor would
 * see as broken. Used by the unit tests at every resolution and mode.
 * Pure core. */
#ifndef KIOSK_LAYOUT_CHECK_H
#define KIOSK_LAYOUT_CHECK_H

#include <stddef.h>

#include "scene.h"

/* Check a scene for anything cut off or overlapping: items outside the
 * screen (or outside the viewport, for scrolled ones), text lines that
 * overlap each other, targets smaller than min_target or overlapping, and
 * problems the builder met. Writes the first problem into why. Returns the
 * number of problems. */
int layout_check(const scene *sc, int min_target, char *why, size_t why_size);

#endif
