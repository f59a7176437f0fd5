/* as_of.c — "Stand: März 2017" under a slide's text and a page's body
 * (as_of.h). */
#include "as_of.h"

#include <string.h>

#include "kstrings.h"

#define AS_OF_LH 1.3

const char *as_of_text(pen *l, kdate d)
{
    if (!d.year || d.month < 1 || d.month > 12)
        return NULL;
    const char *month = kstrings_get(l->c, l->lg, (str_id)(STR_JANUARY + d.month - 1));
    return kstrings_printf(l->sc->strings, l->c, l->lg, STR_AS_OF, month, d.year);
}

static int gap(const pen *l)
{
    return pen_u(l, 1.5);
}

/* The height of the caption's lines, as put() sets them. */
static int lines_h(pen *l, const char *t, int w)
{
    if (pen_width(l, 0, l->small, t, strlen(t)) > w)
        return pen_height(l, w, t, 0, l->small, AS_OF_LH, 0, NULL);
    return wrap_line_box(l->small);
}

/* The caption's lines at (x, y); their height, 0 for none. */
static int put(pen *l, kdate d, int x, int y, int w, kcolor bg)
{
    const char *t = as_of_text(l, d);
    if (!t)
        return 0;
    kcolor muted = color_readable(bg, l->th.muted, l->ratio);
    int tw = pen_width(l, 0, l->small, t, strlen(t));
    if (tw > w) /* a narrow column: wrapped, never cut */
        return pen_block(l, x, y, w, t, 0, l->small, AS_OF_LH, muted, 0, 0);
    /* one line, also in Leichte Sprache, whose rules would break it after
     * "Stand:" as after a sentence */
    pen_run(l, x, y, t, strlen(t), tw, 0, l->small, muted);
    return wrap_line_box(l->small);
}

int as_of_dateline(pen *l, kdate d, int x, int y, int w, kcolor bg)
{
    int h = put(l, d, x, y, w, bg);
    return h ? h + gap(l) : 0;
}

int as_of_beside(pen *l, kdate d, int right, int bottom, int room, kcolor bg)
{
    const char *t = as_of_text(l, d);
    if (!t || pen_width(l, 0, l->small, t, strlen(t)) > room)
        return 0;
    int tw = pen_width(l, 0, l->small, t, strlen(t));
    put(l, d, right - tw, bottom - wrap_line_box(l->small), tw, bg);
    return 1;
}

/* ---- the attract loop ------------------------------------------------------ */

void as_of_in(pen *l, kdate d, int x, int y, int w, int room, kcolor bg)
{
    const char *t = as_of_text(l, d);
    if (!t)
        return;
    int h = lines_h(l, t, w);
    put(l, d, x, y + imax(0, room - h), w, bg);
}
