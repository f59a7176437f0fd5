/* as_of.h — the date a slide's or a page's facts are as of, shown with
 * them (on a page at the top of its body, on the attract loop beside the
 * organisation or under the slide's text): "Stand: März 2017", "As of March 2017" (kstrings.h: STR_AS_OF and
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
/* The room a caption takes under a text w wide: a gap and its lines; 0 for
 * none. With any, the room of the longest the content has (the attract
 * loop keeps one zone for every slide). */
int as_of_room(pen *l, kdate d, int w);
int as_of_room_any(pen *l, int w);
/* Puts the caption of d at (x, y), w wide, on ground bg, after the gap
 * as_of_room counts. Returns the height used (as_of_room's). */
int as_of_put(pen *l, kdate d, int x, int y, int w, kcolor bg);
/* The same at the top of a page's body, where a resident sees it without
 * scrolling: the caption, then the gap. */
int as_of_dateline(pen *l, kdate d, int x, int y, int w, kcolor bg);

/* The attract loop: the caption of the slide shown goes in the head's first
 * row, after the organisation, where that row holds the longest caption
 * (pw is the panel's width, the logo's room kept free); else under each
 * slide's text, in room taken from the bottom of the text's zone. */
int as_of_slide_room(pen *l, int pw);                 /* the room to take */
void as_of_slide(pen *l, kdate d, int x, int y, int w, int pw, kcolor bg); /* under the text */
void as_of_head(pen *l, int px, int py, int pw, kcolor bg); /* in the head's row */

#endif
