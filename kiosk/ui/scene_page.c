/* scene_page.c — a domain page. See scene_page.h. */
#include "scene_page.h"

#include <string.h>

#include "arena.h"
#include "as_of.h"
#include "kstrings.h"
#include "widgets.h"

/* ---- blocks ---------------------------------------------------------------- */

static int block_gap(const pen *l)
{
    return pen_u(l, 3.2);
}

static int card_pad(const pen *l)
{
    return pen_u(l, 3);
}

/* A comfortable line length, wider on small screens that need the room;
 * with large text (double-size letters) the lines may be twice as long. */
static int measure_w(const pen *l, int large)
{
    int W = l->p->w, m = pen_s(l, 16);
    int cw = imin(W - 2 * m, imax(pen_u(l, 112), imin(W * 72 / 100, pen_u(l, 118))));
    return large ? imin(W - 2 * imax(m, pen_scrollbar_lane(l)), cw * 2) : cw;
}

/* The width of an average character of running text at px. */
static int char_w(const pen *l, int px)
{
    static const char sample[] = "Die Stadt und ihre digitale Zukunft, kurz erklärt";
    return imax(1, pen_width(l, 0, px, sample, sizeof sample - 1) / (int)(sizeof sample - 2));
}

/* Portrait: running text a step up the type scale (body to lead, Leichte
 * Sprache lead to 28 u) where the ordinary line still holds 45 characters
 * at that size, doubled with large text like every size; 0 where it does
 * not (landscape, a narrow screen). */
static int portrait_px(const pen *l)
{
    if (l->p->h <= l->p->w)
        return 0;
    int up = pen_s(l, klang_easy(l->c, l->lg) ? 28 : 24);
    if (measure_w(l, 0) < 45 * char_w(l, up))
        return 0;
    return l->large ? 2 * up : up;
}

/* The size of running text: Leichte Sprache is set larger, at the lead
 * size (wrap.c sets it one sentence a line, never hyphenated; pen_block
 * left-aligned); in portrait a step larger where the width allows. */
static int text_px(const pen *l)
{
    int up = portrait_px(l);
    return up ? up : klang_easy(l->c, l->lg) ? l->lead : l->body;
}

/* The page's measure: at most about 70 characters of portrait's larger
 * running text. */
static int page_w(const pen *l)
{
    int cw = measure_w(l, l->large), up = portrait_px(l);
    return up ? imin(cw, 70 * char_w(l, up)) : cw;
}

/* A heading set at px in width, or smaller, down to the body size (with
 * large text the ordinary one), so that no word of it is broken; Leichte
 * Sprache's running text too (it is never hyphenated). Others' running
 * text breaks with hyphens instead. */
static int whole_px(const pen *l, const char *s, int bold, int px, int width)
{
    return wrap_fit_px(l->p->m, s, bold, px, imin(px, l->large ? l->body / 2 : l->body), width);
}

/* The size of running text t in width. */
static int run_px(const pen *l, const ktext *t, int width)
{
    int px = text_px(l);
    return klang_easy(l->c, l->lg) ? whole_px(l, pen_tx(t, l->lg), 0, px, width) : px;
}

/* A key figure's colour: the domain's, darkened towards the text colour
 * until it reads at 4.5:1 on bg (yellow in high contrast). */
static kcolor figure_color(const pen *l, kcolor bg, kcolor col)
{
    if (l->hc)
        return COLOR_YELLOW;
    kcolor text = color_readable(bg, l->th.text, l->ratio), c = col;
    for (int k = 1; k <= 10 && color_contrast(c, bg) < 4.5; k++)
        c = color_mix(col, text, k / 10.0);
    return color_contrast(c, bg) >= 4.5 ? c : text;
}

/* A key figure: a card with an accent stripe, the figure beside its text
 * or, when it is long, above it. Returns its height. */
static int put_fact(pen *l, const kdomain *d, const kblock *b, int x, int y, int w)
{
    kcolor surf = l->th.surface;
    kcolor fg = color_readable(surf, l->th.text, l->ratio);
    kcolor fig = figure_color(l, surf, d->color);
    int pad = card_pad(l);
    const char *val = pen_tx(&b->value, l->lg), *txt = pen_tx(&b->text, l->lg);
    x += pen_u(l, 1); /* room for the accent stripe */
    w -= pen_u(l, 1);
    int fpx = l->fact;
    int vw = pen_width(l, 1, fpx, val, strlen(val));
    int inner = w - 2 * pad;
    /* a long figure ("15. März 2017") gets smaller before it crowds the text */
    while (vw > inner * 45 / 100 && fpx > l->h1) {
        fpx = imax(fpx * 90 / 100, l->h1);
        vw = pen_width(l, 1, fpx, val, strlen(val));
    }
    int side = vw <= inner * 45 / 100 + 1;
    int tw0 = side ? inner - vw - pen_u(l, 4) : inner;
    int tpx = run_px(l, &b->text, tw0);
    if (side && wrap_widest_word(l->p->m, txt, 0, tpx) > tw0 && klang_easy(l->c, l->lg)) {
        side = 0; /* a word that must stay whole needs the card's width */
        tw0 = inner;
        tpx = run_px(l, &b->text, tw0);
    }
    int th = pen_height(l, tw0, txt, 0, tpx, 1.4, 0, NULL);
    int vh = side ? wrap_line_box(fpx) : pen_height(l, inner, val, 1, fpx, 1.05, 0, NULL);
    int h = side ? imax(th, vh) + 2 * pad : vh + pen_u(l, 1.5) + th + 2 * pad;
    pen_rect(l, x - pen_u(l, 1), y, w + pen_u(l, 1), h, surf, pen_u(l, 2.2), 255);
    pen_rect(l, x - pen_u(l, 1) + pen_u(l, 1.4), y + pad, pen_u(l, 0.8), h - 2 * pad, fig,
             pen_u(l, 0.4), 255);
    if (side) {
        pen_run(l, x + pad, y + (h - vh) / 2, val, strlen(val), vw, 1, fpx, fig); /* one line, vw */
        pen_block(l, x + pad + vw + pen_u(l, 4), y + (h - th) / 2, tw0, txt, 0, tpx, 1.4, fg, 0, 0);
    } else {
        pen_block(l, x + pad, y + pad, inner, val, 1, fpx, 1.05, fig, 0, 0);
        pen_block(l, x + pad, y + pad + vh + pen_u(l, 1.5), inner, txt, 0, tpx, 1.4, fg, 0, 0);
    }
    return h;
}

/* An address set in width at (x, y) — or, with dry, only measured: no
 * text in a language, so it breaks at its slashes and hyphens and is never
 * hyphenated (an added hyphen would change what a visitor types). */
static int put_address(pen *l, int x, int y, int width, const char *url, kcolor fg, int dry)
{
    layout_measure words = l->m;
    l->m.hyphenate = NULL;
    l->m.lg = LANG_DE; /* not an easy language: breaks at its hyphens */
    size_t first = l->sc->n_items;
    int h = dry ? pen_height(l, width, url, 0, l->body, 1.3, 0, NULL)
                : pen_block(l, x, y, width, url, 0, l->body, 1.3, fg, 0, 0);
    l->m = words;
    for (size_t i = first; i < l->sc->n_items; i++) /* lines of an address, for the checks */
        if (l->sc->items[i].kind == DL_TEXT)
            l->sc->items[i].ref = url;
    return h;
}

/* A link: a card with its QR code, the label, the address and how to take
 * it home. Returns its height. */
static int put_link(pen *l, const kblock *b, int x, int y, int w)
{
    kcolor surf = l->th.surface;
    kcolor fg = color_readable(surf, l->th.text, l->ratio);
    kcolor muted = color_readable(surf, l->th.muted, l->ratio);
    int pad = card_pad(l);
    int inner = w - 2 * pad;
    int q = imin(imax(pen_u(l, 22), l->p->min_target * 3), inner);
    const char *label = pen_tx(&b->text, l->lg);
    const char *url = b->url ? b->url : "";
    const char *hint = kstrings_get(l->c, l->lg, STR_SCAN_QR);
    int side = inner - q - pen_u(l, 4) >= pen_u(l, 30);
    int tw0 = side ? inner - q - pen_u(l, 4) : inner;
    int lpx = klang_easy(l->c, l->lg) ? whole_px(l, label, 1, l->lead, tw0) : l->lead;
    int lh = pen_height(l, tw0, label, 1, lpx, 1.3, 0, NULL);
    int uh = put_address(l, 0, 0, tw0, url, fg, 1);
    int hh = pen_height(l, tw0, hint, 0, l->small, 1.3, 0, NULL);
    int text_h = lh + pen_u(l, 1.5) + uh + pen_u(l, 2) + hh;
    int h = side ? imax(q, text_h) + 2 * pad : q + pen_u(l, 3) + text_h + 2 * pad;
    pen_rect(l, x, y, w, h, surf, pen_u(l, 2.2), 255);
    int qy = side ? y + (h - q) / 2 : y + pad;
    dl_item *it = pen_item(l, DL_QR, x + pad, qy, q, q);
    if (it)
        it->ref = url;
    int tx0 = side ? x + pad + q + pen_u(l, 4) : x + pad;
    int ty = side ? y + (h - text_h) / 2 : y + pad + q + pen_u(l, 3);
    ty += pen_block(l, tx0, ty, tw0, label, 1, lpx, 1.3, fg, 0, 0) + pen_u(l, 1.5);
    ty += put_address(l, tx0, ty, tw0, url, fg, 0) + pen_u(l, 2);
    pen_block(l, tx0, ty, tw0, hint, 0, l->small, 1.3, muted, 0, 0);
    return h;
}

/* An image, at most max_h high, with its caption. Returns the height. */
static int put_image(pen *l, const kblock *b, int x, int y, int w, int max_h)
{
    int iw, ih, dw, dh;
    pen_image_size(l, b->image, 16, 9, &iw, &ih);
    pen_contain(iw, ih, w, max_h, &dw, &dh);
    pen_image(l, x + (w - dw) / 2, y, dw, dh, b->image);
    int h = dh;
    const char *cap = pen_tx(&b->text, l->lg);
    if (*cap) {
        kcolor muted = color_readable(l->th.background, l->th.muted, l->ratio);
        h += pen_u(l, 1.5);
        h += pen_block(l, x, y + h, w, cap, 0, l->small, 1.35, muted, 0, 0);
    }
    return h;
}

static int put_bullets(pen *l, const kblock *b, int x, int y, int w, kcolor fg, kcolor mark)
{
    int px = text_px(l);
    int ind = pen_u(l, 4.5), dot = imax(4, px / 3), y0 = y;
    for (size_t k = 0; k < b->n_items; k++) {
        pen_rect(l, x + pen_u(l, 0.8), y + (wrap_line_box(px) - dot) / 2, dot, dot, mark, dot / 2,
                 255);
        y += pen_block(l, x + ind, y, w - ind, pen_tx(&b->items[k], l->lg), 0,
                       run_px(l, &b->items[k], w - ind), 1.45, fg, 0, 0);
        if (k + 1 < b->n_items)
            y += pen_u(l, 1.4);
    }
    return y - y0;
}

/* The page's blocks in the scrolling layer from top, cw wide; its title
 * only when no tab shows it and it says more than the domain's. Returns
 * the layer's height. */
static int page_body(pen *l, const kdomain *d, const kpage *pg, int cw, int top, int dated)
{
    int W = l->p->w;
    kcolor bg = l->th.background;
    kcolor fg = color_readable(bg, l->th.text, l->ratio);
    kcolor mark = pen_mark(l, bg, d->color);
    int cx = (W - cw) / 2;
    int cy = top + pen_s(l, top && l->large ? 4 : 16);
    const char *pt = pen_tx(&pg->title, l->lg);
    if (d->n_pages == 1 && *pt && strcmp(pt, pen_tx(&d->title, l->lg)) != 0)
        cy += pen_block(l, cx, cy, cw, pt, DL_FONT_BOLD, whole_px(l, pt, DL_FONT_BOLD, l->h1, cw),
                        1.12, fg, 0, 0) +
              pen_s(l, 16);
    if (!dated)
        cy += as_of_dateline(l, d->as_of, cx, cy, cw, bg);
    for (size_t i = 0; i < pg->n_blocks; i++) {
        const kblock *b = &pg->blocks[i];
        switch (b->kind) {
        case BLOCK_HEADING:
            if (i > 0)
                cy += pen_u(l, 1.5);
            cy += pen_block(l, cx, cy, cw, pen_tx(&b->text, l->lg), 1,
                            whole_px(l, pen_tx(&b->text, l->lg), 1, l->h2, cw), 1.2, fg, 0, 0);
            cy += pen_u(l, 1.8);
            continue;
        case BLOCK_PARAGRAPH:
            cy += pen_block(l, cx, cy, cw, pen_tx(&b->text, l->lg), 0, run_px(l, &b->text, cw), 1.5,
                            fg, 0, 0);
            break;
        case BLOCK_BULLETS:
            cy += put_bullets(l, b, cx, cy, cw, fg, mark);
            break;
        case BLOCK_FACT:
            cy += put_fact(l, d, b, cx, cy, cw);
            break;
        case BLOCK_IMAGE:
            cy += put_image(l, b, cx, cy, cw, l->sc->view_h * 65 / 100);
            break;
        case BLOCK_LINK:
            cy += put_link(l, b, cx, cy, cw);
            break;
        }
        cy += block_gap(l);
    }
    return cy + pen_u(l, 4);
}

/* ---- the header: the domain's title and its pages' tabs --------------------- */

/* How the header is laid out. */
typedef struct header {
    const char *title;
    int m, gap, bh, ic;  /* margin, gap, a tab's height, the icon disc */
    int tpx, tab_px;     /* the title's and the tabs' sizes */
    int title_w, tabs_w; /* their widths in one row */
    int two_rows;        /* the tabs in rows of their own under the title */
    int hh;
} header;

/* A tab's padding: a little more than half its letters' size. */
static int tab_pad(const header *h)
{
    return h->tab_px * 6 / 10;
}

/* Tab i's width. */
static int tab_w(const pen *l, const kdomain *d, const header *h, size_t i)
{
    const char *t = pen_tx(&d->pages[i].title, l->lg);
    return imax(l->p->min_target, pen_width(l, DL_FONT_BOLD, h->tab_px, t, strlen(t)) + 2 * tab_pad(h));
}

/* Tab i at (x, y), w wide: the selected one in the selected style. */
static void tab_put(pen *l, const kdomain *d, const header *h, size_t i, int x, int y, int w)
{
    int on = (int)i == l->s->page;
    kcolor surf = l->th.surface, sel, sel_fg;
    widget_selected(l, &sel, &sel_fg);
    kcolor tint = color_mix(surf, l->th.text, 0.08);
    if (on)
        pen_rect(l, x, y, w, h->bh, sel, h->bh / 2, 255);
    else
        pen_panel(l, x, y, w, h->bh, tint, h->bh / 2, 255);
    /* one line: the tab is as wide as its label (tab_w) */
    const char *t = pen_tx(&d->pages[i].title, l->lg);
    int tw = pen_width(l, DL_FONT_BOLD, h->tab_px, t, strlen(t));
    pen_run(l, x + (w - tw) / 2, y + (h->bh - wrap_line_box(h->tab_px)) / 2, t, strlen(t), tw,
            DL_FONT_BOLD, h->tab_px, on ? sel_fg : color_readable(tint, l->th.text, l->ratio));
    char *name = arena_printf(l->sc->strings, "tab:%s", d->pages[i].id ? d->pages[i].id : "?");
    pen_target(l, x, y, w, h->bh, h->bh / 2, NAV_OPEN_PAGE, (int)i, name);
}

/* The tabs from (x, y) within x..right, wrapping into rows. Returns their
 * height; with dry set only measures. */
static int page_tabs(pen *l, const kdomain *d, const header *h, int x0, int y, int right, int dry)
{
    int x = x0, y0 = y;
    for (size_t i = 0; i < d->n_pages; i++) {
        int w = tab_w(l, d, h, i);
        if (x > x0 && x + w > right) {
            x = x0;
            y += h->bh + h->gap;
        }
        if (!dry)
            tab_put(l, d, h, i, x, y, w);
        x += w + h->gap;
    }
    return y + h->bh - y0;
}

/* The width tabs a..b-1 take in the strip from x0 to right, with the edge
 * of the tab before (a > 0) and after (b < n) showing. */
static int strip_w(const pen *l, const kdomain *d, const header *h, int a, int b, int edge)
{
    int w = (a > 0 ? edge + h->gap : 0) + (b < (int)d->n_pages ? edge + h->gap : 0) - h->gap;
    for (int i = a; i < b; i++)
        w += tab_w(l, d, h, (size_t)i) + h->gap;
    return w;
}

/* The edge of tab i, showing from x, w wide, at the screen's side (left
 * or right): a part of its pill running past the screen's edge, with an
 * arrow; a tap there opens it. */
static void strip_edge(pen *l, const kdomain *d, const header *h, size_t i, int x, int y, int w,
                       int left)
{
    kcolor fill = color_mix(l->th.surface, l->th.text, 0.08);
    int pill = imax(tab_w(l, d, h, i), w + h->bh); /* always past the screen's edge */
    int px = left ? x + w - pill : x;
    for (int k = 0; k < (l->hc ? 2 : 1); k++) { /* high contrast: the outline, then black */
        int b = k ? l->bw : 0;
        dl_item *it = pen_item(l, DL_RECT, px + b, y + b, pill - 2 * b, h->bh - 2 * b);
        if (!it)
            return;
        it->color = l->hc ? (k ? COLOR_BLACK : COLOR_YELLOW) : fill;
        it->radius = (h->bh - 2 * b) / 2;
        it->deco = 1; /* it runs past the screen's edge on purpose */
    }
    int ipx = h->tab_px * 6 / 5;
    widget_icon(l, x + (w - ipx) / 2, y + (h->bh - ipx) / 2, left ? ICON_LEFT : ICON_RIGHT, ipx,
                color_readable(l->hc ? COLOR_BLACK : fill, l->th.text, l->ratio));
    char *name = arena_printf(l->sc->strings, "tab:%s", d->pages[i].id ? d->pages[i].id : "?");
    pen_target(l, x, y, w, h->bh, h->bh / 2, NAV_OPEN_PAGE, (int)i, name);
}

/* Tabs that do not fit one row, in one row all the same: a window onto
 * them holding the selected tab whole, as many of its neighbours as fit,
 * and the edge of the tab before and after the window at the screen's
 * sides. A tap on an edge, or a swipe on the page, opens the next tab and
 * the window moves on with it. 0 when not even the selected tab fits. */
static int tab_strip(pen *l, const kdomain *d, const header *h, int x0, int y, int right)
{
    int n = (int)d->n_pages, sel = l->s->page, avail = right - x0;
    int edge = imax(l->p->min_target, pen_s(l, 40));
    int a = sel, b = sel + 1;
    if (strip_w(l, d, h, a, b, edge) > avail)
        return 0;
    for (int grown = 1; grown;) { /* the tabs after first, then those before */
        grown = 0;
        if (b < n && strip_w(l, d, h, a, b + 1, edge) <= avail) {
            b++;
            grown = 1;
        }
        if (a > 0 && strip_w(l, d, h, a - 1, b, edge) <= avail) {
            a--;
            grown = 1;
        }
    }
    int x = x0;
    if (a > 0) { /* the edge from the screen's side to x0 + edge */
        strip_edge(l, d, h, (size_t)(a - 1), 0, y, x0 + edge, 1);
        x += edge + h->gap;
    }
    for (int i = a; i < b; i++) {
        int w = tab_w(l, d, h, (size_t)i);
        tab_put(l, d, h, (size_t)i, x, y, w);
        x += w + h->gap;
    }
    if (b < n) /* at the screen's side, whatever room the window leaves */
        strip_edge(l, d, h, (size_t)b, right - edge, y, l->p->w - (right - edge), 0);
    return 1;
}

/* Title and tabs in one row when they fit: a smaller title, then smaller
 * tabs (never below the floor). */
static int header_try(pen *l, const kdomain *d, header *h)
{
    int W = l->p->w, avail = W - 2 * h->m - (h->ic ? h->ic + h->gap : 0);
    int tabs = d->n_pages > 1 && !l->reach;
    const int sizes[][2] = {{l->h2, l->body}, {l->h3, l->body}, {l->h3, l->small}};
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        h->tpx = sizes[k][0];
        h->tab_px = sizes[k][1];
        h->title_w = pen_width(l, DL_FONT_BOLD, h->tpx, h->title, strlen(h->title));
        h->tabs_w = 0;
        if (tabs)
            for (size_t i = 0; i < d->n_pages; i++) {
                const char *t = pen_tx(&d->pages[i].title, l->lg);
                h->tabs_w += imax(l->p->min_target,
                                  pen_width(l, DL_FONT_BOLD, h->tab_px, t, strlen(t)) +
                                      2 * tab_pad(h)) +
                             h->gap;
            }
        h->two_rows = tabs && h->title_w + pen_s(l, 16) + h->tabs_w - h->gap > avail;
        if (!h->two_rows)
            return 1;
    }
    return 0;
}

/* Title and tabs in one row, with the domain's icon if there is room;
 * else the tabs in rows under the title. */
static void header_fit(pen *l, const kdomain *d, header *h)
{
    int ic = h->ic;
    for (int with_icon = 1; with_icon >= 0; with_icon--) {
        h->ic = with_icon ? ic : 0;
        if (header_try(l, d, h))
            return;
    }
    h->ic = ic;
    h->tpx = l->h2;
    h->tab_px = l->body;
    h->title_w = pen_width(l, DL_FONT_BOLD, h->tpx, h->title, strlen(h->title));
}

/* Instead of tabs that would take too much room (large text): one row,
 * "Vorige" and "Weiter" around the page's number and title (or the number
 * alone), at y on bg. Returns the height it takes, with a gap above and
 * below. */
static int pager(pen *l, const kdomain *d, int y, kcolor bg, int number_only, int dry)
{
    int W = l->p->w, m = pen_s(l, 12), gap = pen_s(l, 8), px = l->small;
    int bh = widget_button_h_for(l, px), pg = l->s->page, n = (int)d->n_pages;
    kcolor fg = color_readable(bg, l->th.text, l->ratio);
    const char *prev = kstrings_get(l->c, l->lg, STR_PREVIOUS), *next = kstrings_get(l->c, l->lg, STR_NEXT);
    int wp = widget_button(l, 0, 0, bh, ICON_BACK, prev, px, WB_PLAIN, bg, NAV_OPEN_PAGE, 0, "", 1);
    int wn = widget_button(l, 0, 0, bh, ICON_ARROW, next, px, WB_PLAIN, bg, NAV_OPEN_PAGE, 0, "", 1);
    char *mid = number_only ? arena_printf(l->sc->strings, "%d / %d", pg + 1, n)
                            : arena_printf(l->sc->strings, "%d / %d  %s", pg + 1, n,
                                           pen_tx(&d->pages[pg].title, l->lg));
    int mw = W - 2 * m - wp - wn - 2 * gap;
    pen_keep(l, &d->pages[pg].title); /* the title's names whole around its number */
    int mh = mid ? pen_height(l, mw, mid, DL_FONT_BOLD, px, 1.1, 0, NULL) : 0;
    int h = imax(bh, mh);
    if (dry) {
        pen_text_end(l);
        return h + 2 * gap;
    }
    y += gap;
    const char *id_p = pg > 0 ? d->pages[pg - 1].id : NULL;
    const char *id_n = pg + 1 < n ? d->pages[pg + 1].id : NULL;
    widget_button(l, m, y + (h - bh) / 2, bh, ICON_BACK, prev, px, pg > 0 ? WB_PLAIN : WB_DISABLED,
                  bg, NAV_OPEN_PAGE, pg - 1,
                  arena_printf(l->sc->strings, "tab:%s", id_p ? id_p : "?"), 0);
    widget_button(l, W - m - wn, y + (h - bh) / 2, bh, ICON_ARROW, next, px,
                  pg + 1 < n ? WB_PLAIN : WB_DISABLED, bg, NAV_OPEN_PAGE, pg + 1,
                  arena_printf(l->sc->strings, "tab:%s", id_n ? id_n : "?"), 0);
    if (mid)
        pen_block(l, m + wp + gap, y + (h - mh) / 2, mw, mid, DL_FONT_BOLD, px, 1.1, fg, 0, 1);
    pen_text_end(l);
    return h + 2 * gap;
}

/* The tabs fit one row from x to right at the header's sizes. */
static int tabs_one_row(pen *l, const kdomain *d, const header *h, int x, int right)
{
    return page_tabs(l, d, h, x, 0, right, 1) <= h->bh;
}

/* The header band: the domain's icon in its colour, its title and the tabs
 * in one row, a stripe in the domain's colour under it. When title and
 * tabs do not share a row, the tabs keep it and the title goes to the top
 * of the page (*title_below); tabs that do not fit one row show as a strip
 * (tab_strip), or, when not even the selected one fits, the pager; with
 * below, the title goes to the page in any case. Returns its height. */
static int page_header(pen *l, const kdomain *d, int below, int *title_below)
{
    int W = l->p->w;
    header h = {.title = pen_tx(&d->title, l->lg), .m = pen_s(l, 12), .gap = pen_s(l, 8),
                .bh = widget_button_h(l)};
    h.ic = d->icon ? pen_s(l, 36) : 0;
    header_fit(l, d, &h);
    int tabs = d->n_pages > 1;
    *title_below = tabs && (h.two_rows || below);
    int row = imax(pen_s(l, 56), h.bh + 2 * pen_s(l, 4));
    int tx = h.m + (h.ic ? h.ic + h.gap : 0), tw = W - h.m - tx;
    int t_h = pen_height(l, tabs ? h.title_w : tw, h.title, DL_FONT_BOLD, h.tpx, 1.1, 0, NULL);
    if (!*title_below)
        row = imax(row, t_h + 2 * pen_s(l, 8));
    int strip = 0;
    if (*title_below) { /* the row is the tabs' alone, at the floor if need be */
        h.tab_px = l->body;
        if (!tabs_one_row(l, d, &h, h.m, W - h.m))
            h.tab_px = l->small;
        strip = !tabs_one_row(l, d, &h, h.m, W - h.m);
    }
    int stripe = imax(2, pen_s(l, 4));
    h.hh = row + stripe;
    kcolor surf = l->th.surface, fg = color_readable(surf, l->th.text, l->ratio);
    pen_rect(l, 0, 0, W, h.hh, surf, 0, 255);
    pen_rect(l, 0, h.hh - stripe, W, stripe, pen_mark(l, surf, d->color), 0, 255);
    if (strip && !tab_strip(l, d, &h, h.m, (row - h.bh) / 2, W - h.m)) {
        pager(l, d, (row - pager(l, d, 0, surf, 0, 1)) / 2, surf, 0, 0);
        return h.hh;
    }
    if (strip)
        return h.hh;
    if (*title_below) {
        page_tabs(l, d, &h, h.m, (row - h.bh) / 2, W - h.m, 0);
        return h.hh;
    }
    if (h.ic) {
        kcolor disc = pen_fill(l, d);
        pen_panel(l, h.m, (row - h.ic) / 2, h.ic, h.ic, disc, h.ic / 2, 255);
        int s2 = h.ic * 64 / 100;
        pen_image(l, h.m + (h.ic - s2) / 2, (row - s2) / 2, s2, s2, d->icon);
    }
    pen_block(l, tx, (row - t_h) / 2, tabs ? h.title_w : tw, h.title, DL_FONT_BOLD, h.tpx, 1.1,
              fg, 0, 0);
    if (tabs)
        page_tabs(l, d, &h, tx + h.title_w + pen_s(l, 16), (row - h.bh) / 2, W - h.m, 0);
    return h.hh;
}

/* At the top of the scrolling page from y0 (large text, low reach,
 * portrait, or a header row the tabs need): the domain's title; with large text the date its
 * facts are as of beside it when it fits (*dated). Returns the height. */
static int title_in_body(pen *l, const kdomain *d, int cx, int cw, int y0, int *dated)
{
    kcolor bg = l->th.background, fg = color_readable(bg, l->th.text, l->ratio);
    const char *t = pen_tx(&d->title, l->lg);
    /* large text: a step above the body (not two), and the date beside it
     * when there is room, so that five lines of body fit under it at
     * 800x480 */
    int y = y0 + pen_s(l, l->large ? 4 : 16);
    int up = portrait_px(l) != 0; /* over portrait's larger running text */
    int px = l->large ? (up ? l->h2 : l->h3) : up ? l->h1 : l->h2;
    px = whole_px(l, t, DL_FONT_BOLD, px, cw);
    int h = pen_block(l, cx, y, cw, t, DL_FONT_BOLD, px, 1.12, fg, 0, 0);
    int tw = pen_width(l, DL_FONT_BOLD, px, t, strlen(t));
    *dated = l->large && h <= wrap_line_box(px) &&
             as_of_beside(l, d->as_of, cx + cw, y + h, cw - tw - pen_s(l, 24), bg);
    return y + h;
}

/* low_reach: the tabs right above the bar in one row (a strip of them
 * when they do not fit), or the pager. Returns the height taken. */
static int reach_tabs(pen *l, const kdomain *d, int bottom)
{
    header h = {.m = pen_s(l, 12), .gap = pen_s(l, 8)};
    for (int k = 0; k < 2; k++) { /* smaller words rather than a second row */
        h.tab_px = k ? l->small : l->body;
        h.bh = widget_button_h_for(l, h.tab_px);
        if (tabs_one_row(l, d, &h, h.m, l->p->w - h.m)) {
            page_tabs(l, d, &h, h.m, bottom - pen_s(l, 8) - h.bh, l->p->w - h.m, 0);
            return h.bh + 2 * pen_s(l, 8);
        }
    }
    if (tab_strip(l, d, &h, h.m, bottom - pen_s(l, 8) - h.bh, l->p->w - h.m))
        return h.bh + 2 * pen_s(l, 8);
    kcolor bg = l->th.background;
    int ph = pager(l, d, 0, bg, 0, 1);
    pager(l, d, bottom - ph, bg, 0, 0);
    return ph;
}

/* Portrait: the domain's picture at the head of the page, cw wide at cx,
 * cropped to fill a 5:3 box, the illustrations' central 60 % (at most
 * 36 % of the viewport). Returns the
 * height it takes, its margin above included; 0 without one. */
static int portrait_picture(pen *l, const kdomain *d, int cx, int cw)
{
    if (!d->image || l->p->h <= l->p->w)
        return 0;
    int top = pen_s(l, 16), h = imin(cw * 3 / 5, l->sc->view_h * 36 / 100);
    pen_cover(l, cx, top, cw, h, d->image, pen_fill(l, d));
    return top + h;
}

/* The page's body in the scrolling viewport from y to bottom: the title
 * first when the header does not hold it; with large text the tabs' pager
 * at its foot, where reading ends (and within reach): at the top it would
 * leave the page's first view two lines of text. */
static void page_scroll(pen *l, const kdomain *d, int y, int bottom, int title_below)
{
    int W = l->p->w;
    pen_viewport(l, y, bottom);
    int cw = page_w(l), dated = 0, top = 0;
    if (title_below) {
        top = portrait_picture(l, d, (W - cw) / 2, cw);
        top = title_in_body(l, d, (W - cw) / 2, cw, top, &dated);
    }
    int h = page_body(l, d, &d->pages[l->s->page], cw, top, dated);
    if (l->large && d->n_pages > 1)
        h += pager(l, d, h, l->th.background, 0, 0);
    l->sc->content_h = h;
    l->layer = DL_FIXED;
}

void scene_page(pen *l)
{
    const kdomain *d = &l->c->domains[l->s->domain];
    pen_ground(l);
    /* large text and low_reach: the title scrolls with the page, which
     * needs the room (the bar, the tabs and speech still say where one is) */
    int title_below = 1;
    /* portrait: the picture heads the page, the title under it; the
     * header holds the tabs alone, or is not there */
    int portrait = l->p->h > l->p->w && d->image;
    int y = l->large || l->reach || (portrait && d->n_pages < 2)
                ? 0
                : page_header(l, d, portrait, &title_below);
    int bottom = l->p->h - widget_bar(l, 0);
    if (d->n_pages > 1 && l->reach && !l->large)
        bottom -= reach_tabs(l, d, bottom);
    page_scroll(l, d, y, bottom, title_below);
    widget_sheet(l);
}
