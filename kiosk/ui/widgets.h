/* widgets.h — the controls every scene shares: pill buttons, the language
 * switch, and the control bar at the foot of the menu and the pages (the
 * contrast and large-text toggles; with low_reach also back, home and the
 * languages, below the reach line).
 *
 * Each returns the width or height it takes; with dry set it only measures,
 * so a scene can try labels of several lengths before it places any.
 * Internal to the layout. Pure core. */
#ifndef KIOSK_WIDGETS_H
#define KIOSK_WIDGETS_H

#include "pen.h"
#include "kstrings.h"

/* Icons: the same in every language. */
#define ICON_BACK "\xE2\x86\x90"     /* ← */
#define ICON_HOME "\xE2\x8C\x82"     /* ⌂ */
#define ICON_CONTRAST "\xE2\x97\x90" /* ◐ */
#define ICON_LARGE "A+"
#define ICON_CHECK "\xE2\x9C\x93"    /* ✓ */
#define ICON_SPEECH "\xE2\x9C\x8C"   /* ✌: two fingers, the speech gesture */
#define ICON_ARROW "\xE2\x86\x92"    /* → */

/* The height of a button: the minimum target, or the label with padding. */
int widget_button_h(const pen *l);
/* The height of the header of menu and pages. */
int widget_header_h(const pen *l);
/* The line below which low_reach puts every control. */
int widget_reach_y(const pen *l);

/* "icon word": an icon and the word id in the scene's language (a copy in
 * the scene's arena; the icon alone when out of memory). */
const char *widget_label(pen *l, const char *icon, str_id id);

/* A pill button with a label, filled with fill at fill_alpha (0: no fill).
 * Returns its width. */
int widget_button(pen *l, int x, int y, int h, const char *label, int px, kcolor fill,
                  uint8_t fill_alpha, kcolor fg, nav_action a, int arg, const char *name, int dry);
/* The language switch, a segmented pill right-aligned at x_right, with the
 * languages' short names when compact. Returns its width. */
int widget_langs(pen *l, int x_right, int y, int h, int compact, kcolor bg, kcolor fg,
                 kcolor active_bg, int dry);
/* The control bar along the bottom (page: with back and home under
 * low_reach). Labels get shorter before the bar takes a second row; shows
 * the speech mode mark where a row has room. Returns its height. */
int widget_bar(pen *l, int page, int dry);

#endif
