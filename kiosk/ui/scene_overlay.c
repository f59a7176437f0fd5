/* scene_overlay.c — what covers a scene. See scene_overlay.h. */
#include "scene_overlay.h"

#include <string.h>

#include "arena.h"
#include "kstrings.h"
#include "widgets.h"

/* The idle warning: a modal card with the seconds left and a large "more
 * time" button. Nothing under it can be tapped (a touch anywhere only
 * dismisses the warning). When the card would not fit (large text on a
 * small screen), the number gets smaller first, then the last hint goes:
 * the button says the same. */
void scene_countdown(pen *l, int secs)
{
    const layout_params *p = l->p;
    int W = p->w, H = p->h, m = pen_u(l, 4);
    l->z = DL_Z_OVERLAY;
    l->layer = DL_FIXED;
    l->sc->modal_z = DL_Z_OVERLAY * DL_Z_STEP;
    l->sc->countdown = secs;
    l->sc->n_targets = 0;
    pen_rect(l, 0, 0, W, H, COLOR_BLACK, 0, l->hc ? 255 : 170);
    kcolor surf = l->th.surface;
    kcolor fg = color_readable(surf, l->th.text, l->ratio);
    kcolor acc = color_readable(surf, l->th.accent, l->hc ? l->ratio : 3.0);
    const char *q = kstrings_get(l->c, l->lg, STR_STILL_THERE);
    const char *t1 = kstrings_get(l->c, l->lg, STR_RETURNING);
    const char *t2 = kstrings_get(l->c, l->lg, STR_TOUCH_TO_STAY);
    const char *more = kstrings_get(l->c, l->lg, STR_MORE_TIME);
    char *num = arena_printf(l->sc->strings, "%d", secs);
    int cw = imin(W - 2 * m, imax(pen_u(l, 92), l->large ? W * 80 / 100 : 0));
    int pad = pen_u(l, 4);
    int inner = cw - 2 * pad;
    int gap = pen_u(l, 2.2);
    int mpx = l->lead;
    int more_h = imax(widget_button_h(l), wrap_line_box(mpx) + 2 * pen_u(l, 2.5));
    int more_w = imin(
        inner, imax(inner * 3 / 4, pen_width(l, 1, mpx, more, strlen(more)) + 2 * pen_u(l, 4)));
    if (pen_width(l, 1, mpx, more, strlen(more)) > more_w - 2 * pen_u(l, 2))
        mpx = l->body; /* a smaller label rather than a cut one */
    /* the sizes, smaller step by step while the card does not fit */
    const int steps[][3] = {{l->h1, l->lead, l->fact * 3 / 2}, {l->h1, l->lead, l->fact},
                            {l->h2, l->body, l->h1}};
    int qpx = 0, tpx = 0, npx = 0, h1 = 0, h2 = 0, hn = 0, ch = 0;
    int h3 = pen_height(l, inner, t2, 0, l->body, 1.4, 0, NULL);
    for (size_t k = 0; k < sizeof steps / sizeof steps[0]; k++) {
        qpx = steps[k][0];
        tpx = steps[k][1];
        npx = steps[k][2];
        h1 = pen_height(l, inner, q, 1, qpx, 1.15, 0, NULL);
        h2 = pen_height(l, inner, t1, 0, tpx, 1.35, 0, NULL);
        hn = wrap_line_box(npx);
        ch = 2 * pad + h1 + gap + h2 + gap + hn + gap + more_h + gap + h3;
        if (ch <= H - 2 * m)
            break;
    }
    int show_t2 = ch <= H - 2 * m;
    if (!show_t2)
        ch -= gap + h3;
    if (ch > H - 2 * m) { /* the question goes too: the button remains */
        ch -= h1 + gap;
        h1 = -1;
    }
    int x = (W - cw) / 2, y = (H - ch) / 2;
    if (l->reach) /* the button within reach: the card at the bottom */
        y = H - m - ch;
    pen_panel(l, x, y, cw, ch, surf, pen_u(l, 3), 255);
    y += pad;
    if (h1 >= 0)
        y += pen_block(l, x + pad, y, inner, q, 1, qpx, 1.15, fg, 0, 1) + gap;
    y += pen_block(l, x + pad, y, inner, t1, 0, tpx, 1.35, fg, 0, 1) + gap;
    y += pen_block(l, x + pad, y, inner, num, 1, npx, 1.0, acc, 1, 1) + gap;
    /* the button: filled in the accent colour, the action nobody can miss */
    int bx = x + (cw - more_w) / 2;
    kcolor bfill = l->th.accent;
    pen_rect(l, bx, y, more_w, more_h, bfill, more_h / 2, 255);
    pen_fit(l, bx + pen_u(l, 2), y + (more_h - wrap_line_box(mpx)) / 2, more_w - 2 * pen_u(l, 2),
            more, 1, mpx, color_readable(bfill, COLOR_INK, l->ratio), 1);
    pen_target(l, bx, y, more_w, more_h, more_h / 2, NAV_MORE_TIME, 0, "more-time");
    y += more_h + gap;
    if (show_t2)
        pen_block(l, x + pad, y, inner, t2, 0, l->body, 1.4, fg, 0, 1);
}

void scene_diags(pen *l, const diag_list *dl)
{
    const layout_params *p = l->p;
    int W = p->w, H = p->h, m = pen_u(l, 3);
    kcolor bg = {127, 29, 29};
    int whole = l->c == NULL; /* nothing good to show behind the errors */
    l->z = DL_Z_DIAG;
    l->layer = DL_FIXED;
    int px = l->small;
    int adv = imax((int)(px * 1.35), wrap_line_box(px));
    int ph = whole ? H : H * 45 / 100;
    int y0 = H - ph;
    pen_rect(l, 0, y0, W, ph, bg, 0, 245);
    int y = y0 + m;
    /* for the content's editors, who write German */
    char *head =
        kstrings_printf(l->sc->strings, l->c, LANG_DE, STR_DIAG_HEAD, dl->errors,
                        kstrings_get(l->c, LANG_DE, whole ? STR_DIAG_NO_GOOD : STR_DIAG_LAST_GOOD));
    y += pen_block(l, m, y, W - 2 * m, head ? head : "", 1, l->body, 1.3, COLOR_WHITE, 2, 0) +
         pen_u(l, 1.5);
    for (size_t i = 0; i < dl->n && y + wrap_line_box(px) <= H - m; i++) {
        char buf[512];
        diag_format(&dl->items[i], buf, sizeof buf);
        char *s = arena_strdup(l->sc->strings, buf);
        if (!s)
            break;
        int room = (H - m - y - wrap_line_box(px)) / adv + 1;
        y += pen_block(l, m, y, W - 2 * m, s, 0, px, 1.35, COLOR_WHITE, room < 2 ? room : 2, 0) +
             pen_u(l, 0.8);
    }
}

/* The emergency notice: a full-screen card in high contrast (white on deep
 * red, 9:1) that covers whatever scene is below, both languages in large
 * type and the time range. The type steps down until everything fits. */
void scene_notice(pen *l, const layout_notice *n)
{
    static const kcolor RED = {127, 29, 29};
    static const kcolor PALE = {254, 226, 226};
    const layout_params *p = l->p;
    int W = p->w, H = p->h, m = pen_u(l, 6);
    int inner = W - 2 * m;
    /* both languages: the notice is for everyone; it is written in German
     * and English (manifest.h), so its heading is too */
    int en = content_lang_index(l->c, "en");
    const char *head = kstrings_get(l->c, LANG_DE, STR_NOTICE);
    if (en > 0)
        head = arena_printf(l->sc->strings, "%s \xC2\xB7 %s", head,
                            kstrings_get(l->c, (lang)en, STR_NOTICE));
    const int sizes[3][3] = {
        {l->hero, l->h1, l->lead}, {l->h1, l->lead, l->body}, {l->lead, l->body, l->small}};
    int gap = pen_u(l, 3), step = 0, total = 0;
    for (step = 0; step < 3; step++) {
        const int *sz = sizes[step];
        total = wrap_line_box(l->body) + gap +
                pen_height(l, inner, n->de, 1, sz[0], 1.15, 0, NULL) + gap +
                pen_height(l, inner, n->en, 1, sz[1], 1.2, 0, NULL) + gap +
                (n->leicht ? pen_height(l, inner, n->leicht, 0, sz[2], 1.3, 0, NULL) + gap : 0) +
                (n->when ? wrap_line_box(l->body) : 0);
        if (total <= H - 2 * m)
            break;
    }
    if (step == 3)
        step = 2;
    const int *sz = sizes[step];
    /* texts too long even then: each gets a third of the room left, cut
     * with an ellipsis */
    int n_texts = n->leicht ? 3 : 2;
    int share = (H - 2 * m - wrap_line_box(l->body) * 2 - gap * (n_texts + 1)) / n_texts;
    int cap[3];
    const double lh[3] = {1.15, 1.2, 1.3};
    for (int i = 0; i < 3; i++)
        cap[i] = imax(1, share / wrap_advance(sz[i], lh[i]));
    const char *txt[3] = {n->de, n->en, n->leicht};
    total = wrap_line_box(l->body) + gap + (n->when ? wrap_line_box(l->body) : 0);
    for (int i = 0; i < n_texts; i++)
        total += pen_height(l, inner, txt[i], i < 2, sz[i], lh[i], cap[i], NULL) + gap;
    int room = H - 2 * m;
    l->z = DL_Z_NOTICE;
    l->layer = DL_FIXED;
    l->dy = 0;
    l->alpha = 255;
    pen_rect(l, 0, 0, W, H, RED, 0, 255);
    int y = m + (total < room ? (room - total) / 2 : 0);
    y += pen_block(l, m, y, inner, head, 0, l->body, 1.2, PALE, 1, 1) + gap;
    for (int i = 0; i < n_texts; i++)
        y += pen_block(l, m, y, inner, txt[i], i < 2, sz[i], lh[i], COLOR_WHITE, cap[i], 1) + gap;
    if (n->when && y + wrap_line_box(l->body) <= H)
        pen_block(l, m, y, inner, n->when, 0, l->body, 1.2, PALE, 1, 1);
    l->sc->n_targets = 0;                     /* nothing under the card can be tapped */
    l->sc->modal_z = DL_Z_NOTICE * DL_Z_STEP; /* nor read, nor does a countdown show */
    l->sc->countdown = -1;
}
