/* attract_plan.h — where the attract loop puts its text, its picture and
 * its chrome, and how large it sets each slide: decided once for a content,
 * screen size and mode, and kept for the frames that follow (the loop lays
 * out a few frames a second; measuring every slide's text each time cost
 * more than drawing it).
 *
 * The frames, in the order they are tried, the first in which every slide's
 * title, text and a caption line fit (at the type scale's sizes shrunk at
 * most to h2 / body first, then to h3 / the 18 u floor, then with less room
 * around the accent bar):
 *   AP_SPLIT     landscape: the text panel left (45, 50 or 55 % of the
 *                width), the picture right at full height; the chrome (the
 *                speech hint, the invitation, the dots) in the panel
 *   AP_BAND      landscape: the same, the picture above a band across the
 *                whole width that holds the chrome (where the invitation
 *                would wrap to many lines in the panel)
 *   (the same two with the panel at 60, 65 or 70 %: a narrower picture)
 *   AP_PORTRAIT  portrait: the picture on top (50, 42 or 35 %), text below
 *   AP_TEXT      the text first, on the whole screen: each slide's picture
 *                beside (landscape) or above its text where that fits,
 *                else none; a text still too long at the floor is shown in
 *                parts, one after another over the slide's time (in
 *                Leichte Sprache each part begins with a sentence)
 * A headline keeps its words whole. Nothing is cut with an ellipsis. Texts are measured in their language
 * (pen_text), Leichte Sprache by its rules.
 *
 * One plan is kept (the last content, size, language and mode; content
 * text and measure are part of its key): the layout runs on one thread.
 * Internal to the layout. Pure core. */
#ifndef KIOSK_ATTRACT_PLAN_H
#define KIOSK_ATTRACT_PLAN_H

#include "klimits.h"
#include "pen.h"

typedef struct ap_box {
    int x, y, w, h;
} ap_box;

typedef enum { AP_SPLIT, AP_BAND, AP_PORTRAIT, AP_TEXT } ap_kind;

/* The invitation to touch: German large and bold, English below it, in a
 * pill at the foot of the chrome box; never cut (it shrinks, then wraps). */
typedef struct ap_invitation {
    int two;                /* English differs from German */
    int dots_above;         /* the slide dots go above the pill, not beside it */
    int px_de, px_en, mark; /* sizes of both texts and of the touch mark */
    int gap_en, text_h;
    int w, h, y; /* the pill */
} ap_invitation;

/* The most parts a text is shown in. */
#define AP_MAX_PARTS 24

/* How one slide is set. */
typedef struct ap_slide {
    int hero, lead; /* title and text sizes, pixels */
    int th;         /* the title's height */
    int lines;      /* the text's lines */
    int per_part;   /* lines shown at once: fewer than lines, the text in parts */
    int parts;      /* 1, or the number of parts */
    int part_first[AP_MAX_PARTS + 1]; /* the line each part begins with; then lines */
    int image;      /* AP_TEXT: the slide's picture beside or above the text */
    int pic_w;      /* AP_TEXT, landscape: the width of the picture's box */
    int x, tw, top; /* where its text goes, how wide, its zone's top */
} ap_slide;

/* Who runs this kiosk, at the panel's top: the logo at the right, the
 * organisation at the floor and the kiosk's title below it, both wrapped
 * onto more lines rather than cut (the head grows, the slides' zone
 * shrinks). */
typedef struct ap_head {
    int logo_w, logo_h; /* 0: no logo */
    int tw;             /* the texts' width */
    int title_px;       /* the plan's head_px, or smaller down to the floor */
    int org_h, title_h; /* the heights of both texts */
} ap_head;

typedef struct attract_plan {
    ap_kind kind;
    ap_box ground; /* the slide's colour */
    ap_box panel;  /* who runs the kiosk and the slides' text */
    ap_box pic;    /* the picture (w 0: none) */
    ap_box chrome; /* the speech hint, the invitation and the dots */
    int head_px;   /* the kiosk's title */
    int head_h;    /* who runs the kiosk, at the panel's top */
    ap_head hd;
    int top, bottom, hint_y;
    int gap;       /* above and below the accent bar */
    int caption;   /* room kept below a slide's text for one caption line */
    ap_invitation v;
    ap_slide s[KIOSK_MAX_SLIDES];
} attract_plan;

/* The plan for l's content, size and mode: the kept one when nothing it
 * depends on changed, else made now. */
const attract_plan *attract_plan_get(pen *l);

/* The speech gesture's hint, in the visitor's language and the other one,
 * w wide (its icon included): its height. */
int attract_hint_height(pen *l, int w);
/* The measure for the hint's first text (other 0: the visitor's language,
 * Leichte Sprache's set as German: an instruction of one line where it
 * fits, not running text) or its second (1), its words kept whole;
 * pen_text_end() returns. */
void attract_hint_lang(pen *l, int other);

#endif
