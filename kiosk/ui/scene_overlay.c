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
    /* the button's label: smaller rather than cut, down to the floor, then
     * on more lines (the button grows) */
    int mpx = l->lead;
    int more_w = imin(
        inner, imax(inner * 3 / 4, pen_width(l, 1, mpx, more, strlen(more)) + 2 * pen_u(l, 4)));
    int label_w = more_w - 2 * pen_u(l, 2);
    for (int k = 0; k < 2 && pen_width(l, 1, mpx, more, strlen(more)) > label_w; k++)
        mpx = k ? l->small : l->body;
    int label_h = pen_height(l, label_w, more, 1, mpx, 1.1, 0, NULL);
    int more_h = imax(widget_button_h(l), label_h + 2 * pen_u(l, 2.5));
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
    y += pen_block(l, x + pad, y, inner, num, 1, npx, 1.0, acc, 0, 1) + gap;
    /* the button: filled in the accent colour, the action nobody can miss */
    int bx = x + (cw - more_w) / 2;
    kcolor bfill = l->th.accent;
    pen_rect(l, bx, y, more_w, more_h, bfill, more_h / 2, 255);
    pen_block(l, bx + pen_u(l, 2), y + (more_h - label_h) / 2, label_w, more, 1, mpx, 1.1,
              color_readable(bfill, COLOR_INK, l->ratio), 0, 1);
    pen_target(l, bx, y, more_w, more_h, more_h / 2, NAV_MORE_TIME, 0, "more-time");
    y += more_h + gap;
    if (show_t2)
        pen_block(l, x + pad, y, inner, t2, 0, l->body, 1.4, fg, 0, 1);
}

/* An overlay too long for the screen shows in pages, one after the other
 * (nobody can scroll it: nothing under the notice takes a touch), each
 * this long. */
#define OVERLAY_PAGE_MS 12000

/* Which of n pages shows now; the scene changes when the next one is due. */
static int overlay_page(pen *l, int n)
{
    if (n <= 1)
        return 0;
    uint64_t k = l->p->now / OVERLAY_PAGE_MS;
    l->sc->changes_at = (k + 1) * OVERLAY_PAGE_MS;
    return (int)(k % (uint64_t)n);
}

/* Texts flowing, line by line, into pages room high from y0: the lines of
 * page sel are placed (sel -1: none) in w at x, aligned as pen_block's. */
typedef struct flow {
    int x, w, y0, room, gap, align;
    int page, y; /* where the next line goes */
    int sel;
} flow;

static void flow_text(pen *l, flow *f, const char *s, int bold, int px, double lh, kcolor col)
{
    size_t n = 0;
    pen_height(l, f->w, s, bold, px, lh, 0, &n);
    int adv = wrap_advance(px, lh), box = wrap_line_box(px);
    if (f->y > 0)
        f->y += f->gap;
    for (size_t i = 0; i < n;) {
        int fit = f->y + box <= f->room ? 1 + (f->room - f->y - box) / adv : f->y == 0;
        if (!fit) { /* the next page */
            f->page++;
            f->y = 0;
            continue;
        }
        size_t k = n - i < (size_t)fit ? n - i : (size_t)fit;
        if (f->page == f->sel)
            pen_lines(l, f->x, f->y0 + f->y, f->w, s, bold, px, lh, col, (int)i, (int)k, f->align);
        f->y += (int)(k - 1) * adv + box;
        i += k;
    }
}

/* The content errors, each whole, flowed into f: the number of pages. */
static int diags_flow(pen *l, flow *f, const diag_list *dl)
{
    f->page = f->y = 0;
    for (size_t i = 0; i < dl->n; i++) {
        char buf[512];
        diag_format(&dl->items[i], buf, sizeof buf);
        char *s = f->sel < 0 ? buf : arena_strdup(l->sc->strings, buf);
        if (s)
            flow_text(l, f, s, 0, l->small, 1.35, COLOR_WHITE);
    }
    return f->page + 1;
}

void scene_diags(pen *l, const diag_list *dl)
{
    const layout_params *p = l->p;
    int W = p->w, H = p->h, m = pen_u(l, 3);
    kcolor bg = {127, 29, 29};
    int whole = l->c == NULL; /* nothing good to show behind the errors */
    l->z = DL_Z_DIAG;
    l->layer = DL_FIXED;
    int ph = whole ? H : H * 45 / 100;
    int y0 = H - ph;
    pen_rect(l, 0, y0, W, ph, bg, 0, 245);
    /* for the content's editors, who write German; too many for the panel:
     * in pages, in turn */
    char *head =
        kstrings_printf(l->sc->strings, l->c, LANG_DE, STR_DIAG_HEAD, dl->errors,
                        kstrings_get(l->c, LANG_DE, whole ? STR_DIAG_NO_GOOD : STR_DIAG_LAST_GOOD));
    /* measured with the widest page number it may carry */
    const char *widest = head ? arena_printf(l->sc->strings, "%s \xC2\xB7 %zu / %zu", head, dl->n, dl->n) : NULL;
    int head_h =
        pen_height(l, W - 2 * m, widest ? widest : "", 1, l->body, 1.3, 0, NULL) + pen_u(l, 1.5);
    flow f = {.x = m, .w = W - 2 * m, .y0 = y0 + m + head_h, .room = ph - 2 * m - head_h,
              .gap = pen_u(l, 0.8), .sel = -1};
    int pages = diags_flow(l, &f, dl), page = overlay_page(l, pages);
    if (head && pages > 1)
        head = arena_printf(l->sc->strings, "%s \xC2\xB7 %d / %d", head, page + 1, pages);
    pen_block(l, m, y0 + m, W - 2 * m, head ? head : "", 1, l->body, 1.3, COLOR_WHITE, 0, 0);
    f.sel = page;
    diags_flow(l, &f, dl);
}

/* The notice's texts at sizes sz (German, English, Leichte Sprache) and
 * the time range, flowed into f: the number of pages they take. */
static int notice_flow(pen *l, flow *f, const layout_notice *n, const int *sz, kcolor pale)
{
    static const double lh[3] = {1.15, 1.2, 1.3};
    const char *txt[3] = {n->de, n->en, n->leicht};
    f->page = f->y = 0;
    for (int i = 0; i < 3; i++)
        if (txt[i])
            flow_text(l, f, txt[i], i < 2, sz[i], lh[i], COLOR_WHITE);
    if (n->when)
        flow_text(l, f, n->when, 0, l->body, 1.2, pale);
    return f->page + 1;
}

/* The emergency notice: a full-screen card in high contrast (white on deep
 * red, 9:1) that covers whatever scene is below, both languages in large
 * type and the time range. The type steps down until everything fits, to
 * the floor; what is longer still shows in pages, in turn. */
void scene_notice(pen *l, const layout_notice *n)
{
    static const kcolor RED = {127, 29, 29};
    static const kcolor PALE = {254, 226, 226};
    const layout_params *p = l->p;
    int W = p->w, H = p->h, m = pen_u(l, 6);
    const int sizes[][3] = {{l->hero, l->h1, l->lead}, {l->h1, l->lead, l->body},
                            {l->lead, l->body, l->small}, {l->small, l->small, l->small}};
    const size_t n_sizes = sizeof sizes / sizeof sizes[0];
    int gap = pen_u(l, 3), head_h = wrap_line_box(l->body) + gap;
    flow f = {.x = m, .w = W - 2 * m, .room = H - 2 * m - head_h, .gap = gap, .align = 1,
              .sel = -1};
    size_t step = 0;
    int pages = 1;
    for (; step < n_sizes; step++)
        if ((pages = notice_flow(l, &f, n, sizes[step], PALE)) == 1 || step + 1 == n_sizes)
            break;
    int page = overlay_page(l, pages);
    l->z = DL_Z_NOTICE;
    l->layer = DL_FIXED;
    l->dy = 0;
    l->alpha = 255;
    pen_rect(l, 0, 0, W, H, RED, 0, 255);
    /* one page: in the middle of the card; more: from the top, numbered */
    int used = pages == 1 ? f.y : f.room;
    f.y0 = m + (f.room - used) / 2 + head_h;
    /* both languages: the notice is for everyone; it is written in German
     * and English (manifest.h), so its heading is too */
    int en = content_lang_index(l->c, "en");
    const char *head = kstrings_get(l->c, LANG_DE, STR_NOTICE);
    if (en > 0)
        head = arena_printf(l->sc->strings, "%s \xC2\xB7 %s", head,
                            kstrings_get(l->c, (lang)en, STR_NOTICE));
    if (head && pages > 1)
        head = arena_printf(l->sc->strings, "%s \xC2\xB7 %d / %d", head, page + 1, pages);
    if (head)
        pen_block(l, m, f.y0 - head_h, W - 2 * m, head, 0, l->body, 1.2, PALE, 0, 1);
    f.sel = page;
    notice_flow(l, &f, n, sizes[step], PALE);
    l->sc->n_targets = 0;                     /* nothing under the card can be tapped */
    l->sc->modal_z = DL_Z_NOTICE * DL_Z_STEP; /* nor read, nor does a countdown show */
    l->sc->countdown = -1;
}
