/* color.h — colour maths for the layout: WCAG contrast, readable text
 * colours, tints and accents, and the high-contrast theme.
 *
 * Every text colour the layout picks goes through color_readable(), so text
 * reaches the ratio the visitor's mode asks for (4.5:1, or 7:1 in high
 * contrast) whatever colours the content chose. Pure core. */
#ifndef KIOSK_COLOR_H
#define KIOSK_COLOR_H

#include "content.h"

extern const kcolor COLOR_WHITE;
extern const kcolor COLOR_INK;   /* near-black text */
extern const kcolor COLOR_BLACK;
extern const kcolor COLOR_YELLOW; /* high contrast: on black 14.9:1 */
extern const kcolor COLOR_PALE_GREY;

/* WCAG 2 contrast ratio of two colours, 1.0 .. 21.0. */
double color_contrast(kcolor a, kcolor b);
/* want, if it reads on bg at ratio min; else white or ink, whichever reads
 * better (black as the last resort). */
kcolor color_readable(kcolor bg, kcolor want, double min);
/* a blended towards b by t (0..1). */
kcolor color_mix(kcolor a, kcolor b, double t);
/* A fill for a control on bg that sets it apart and lets fg read better
 * than on bg itself. */
kcolor color_tint(kcolor bg, kcolor fg);
/* col lightened or darkened just enough to stand out on bg (3:1 and a
 * little more), keeping its hue: bullets, bars, figures. */
kcolor color_accent_on(kcolor bg, kcolor col);
/* The high-contrast theme: black, white and yellow only. */
ktheme color_high_contrast(void);

#endif
