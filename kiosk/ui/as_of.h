/* as_of.h — the date a slide's or a page's facts are as of, shown with
 * them (on a page at the top of its body or, with large text, beside the
 * title above it; on the attract loop under the slide's text): "Stand: März 2017", "As of March 2017" (kstrings.h: STR_AS_OF and
 * the months). The content says it (as_of: in kiosk.yaml, a domain, a
 * slide; content.h kdate), so a resident who reads the kiosk years later
 * knows how old what it says is.
 *
 * A caption: the caption size (the type floor), the theme's muted colour
 * made readable on the ground it lies on (4.5:1, 7:1 in high contrast),
 * never cut (it wraps). As text on the scene, reading order reads it with
 * the rest. Internal to the layout (scene_attract.c, scene_page.c). Pure
 * core. */
#ifndef KIOSK_AS_OF_H
#define KIOSK_AS_OF_H

#include "pen.h"

/* The caption of d in the pen's language, in the scene's arena; NULL when
 * d has no date (or memory ran out). */
const char *as_of_text(pen *l, kdate d);
/* Puts the caption of d at the top of a page's body, at (x, y), w wide, on
 * ground bg, where a resident sees it without scrolling: the caption, then
 * a gap. Returns the height used. */
int as_of_dateline(pen *l, kdate d, int x, int y, int w, kcolor bg);

/* Beside a title (a page's with large text, where the lines under it are
 * few): the caption of d on one line ending at right, its foot at bottom,
 * when it fits in room. Returns 1 when it was placed. */
int as_of_beside(pen *l, kdate d, int right, int bottom, int room, kcolor bg);

/* The attract loop: the caption of d at the foot of the room the attract
 * plan keeps under a slide's text (attract_plan.h: caption), from y, w wide
 * (a caption too long for one line there wraps rather than being cut). */
void as_of_in(pen *l, kdate d, int x, int y, int w, int room, kcolor bg);

#endif
