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
    const char *month = kstrings_get(l->lg, (str_id)(STR_JANUARY + d.month - 1));
    return kstrings_printf(l->sc->strings, l->lg, STR_AS_OF, month, d.year);
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

int as_of_room(pen *l, kdate d, int w)
{
    const char *t = as_of_text(l, d);
    return t ? gap(l) + lines_h(l, t, w) : 0;
}

int as_of_room_any(pen *l, int w)
{
    int room = as_of_room(l, l->c->as_of, w);
    for (size_t i = 0; i < l->c->n_slides; i++)
        room = imax(room, as_of_room(l, l->c->slides[i].as_of, w));
    return room;
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

int as_of_put(pen *l, kdate d, int x, int y, int w, kcolor bg)
{
    int h = put(l, d, x, y + gap(l), w, bg);
    return h ? gap(l) + h : 0;
}

int as_of_dateline(pen *l, kdate d, int x, int y, int w, kcolor bg)
{
    int h = put(l, d, x, y, w, bg);
    return h ? h + gap(l) : 0;
}

/* ---- the attract loop ------------------------------------------------------ */

/* The width of the widest caption the slides have, or 0. */
static int widest(pen *l)
{
    int w = 0;
    for (size_t i = 0; i < l->c->n_slides; i++) {
        const char *t = as_of_text(l, l->c->slides[i].as_of);
        if (t)
            w = imax(w, pen_width(l, 0, l->small, t, strlen(t)));
    }
    return w;
}

/* The head's first row as scene_attract.c lays it: the organisation at the
 * margin, the logo up to a quarter of the panel at the right. 1 when the
 * row holds the organisation, a gap and the widest caption. */
static int head_holds(pen *l, int pw)
{
    const char *org = pen_tx(&l->c->organisation, l->lg);
    int row = pw - 2 * pen_u(l, 5) - pw / 4 - pen_u(l, 3);
    int cw = widest(l);
    return cw && pen_width(l, 0, l->small, org, strlen(org)) + pen_u(l, 3) + cw <= row;
}

int as_of_slide_room(pen *l, int pw)
{
    return head_holds(l, pw) ? 0 : as_of_room_any(l, pw - 2 * pen_u(l, 5));
}

void as_of_slide(pen *l, kdate d, int x, int y, int w, int pw, kcolor bg)
{
    if (!head_holds(l, pw))
        as_of_put(l, d, x, y, w, bg);
}

void as_of_head(pen *l, int px, int py, int pw, kcolor bg)
{
    const nav_state *s = l->s;
    if (s->slide < 0 || (size_t)s->slide >= l->c->n_slides || !head_holds(l, pw))
        return;
    const char *org = pen_tx(&l->c->organisation, l->lg);
    const char *t = as_of_text(l, l->c->slides[s->slide].as_of);
    if (!t)
        return;
    int m = pen_u(l, 5), x = px + m + pen_width(l, 0, l->small, org, strlen(org)) + pen_u(l, 3);
    pen_run(l, x, py + m, t, strlen(t), pen_width(l, 0, l->small, t, strlen(t)), 0, l->small,
            color_readable(bg, l->th.muted, l->ratio));
}
