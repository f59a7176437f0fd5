/* scene_page.c — a domain page. See scene_page.h. */
#include "scene_page.h"

#include <string.h>

#include "arena.h"
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

/* The size of running text: Leichte Sprache is set larger, at the lead
 * size (wrap.c sets it one sentence a line, never hyphenated; pen_block
 * left-aligned). */
static int text_px(const pen *l)
{
    return l->lg == LANG_LS ? l->lead : l->body;
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
    return l->lg == LANG_LS ? whole_px(l, pen_tx(t, l->lg), 0, px, width) : px;
}

/* A key figure: a card with an accent stripe, the figure beside its text
 * or, when it is long, above it. Returns its height. */
static int put_fact(pen *l, const kdomain *d, const kblock *b, int x, int y, int w)
{
    kcolor surf = l->th.surface;
    kcolor fg = color_readable(surf, l->th.text, l->ratio);
    kcolor fig = pen_mark(l, surf, d->color); /* large text: AA needs 3:1 */
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
    if (side && wrap_widest_word(l->p->m, txt, 0, tpx) > tw0 && l->lg == LANG_LS) {
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
        pen_block(l, x + pad, y + (h - vh) / 2, vw, val, 1, fpx, 1.0, fig, 1, 0);
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
    l->m.lg = LANG_EN;
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
    const char *hint = kstrings_get(l->lg, STR_SCAN_QR);
    int side = inner - q - pen_u(l, 4) >= pen_u(l, 30);
    int tw0 = side ? inner - q - pen_u(l, 4) : inner;
    int lpx = l->lg == LANG_LS ? whole_px(l, label, 1, l->lead, tw0) : l->lead;
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

/* The page's title, a bar in the domain's colour, and its blocks, from the
 * top of the scrolling layer, cw wide. Returns the layer's height. */
static int page_body(pen *l, const kdomain *d, const kpage *pg, int cw)
{
    int W = l->p->w;
    kcolor bg = l->th.background;
    kcolor fg = color_readable(bg, l->th.text, l->ratio);
    int cx = (W - cw) / 2;
    int cy = pen_u(l, 4);
    const char *title = pen_tx(&pg->title, l->lg);
    cy += pen_block(l, cx, cy, cw, title, 1, whole_px(l, title, 1, l->h1, cw), 1.12, fg, 0, 0);
    cy += pen_u(l, 2);
    kcolor mark = pen_mark(l, bg, d->color);
    pen_rect(l, cx, cy, pen_u(l, 10), pen_u(l, 0.8), mark, pen_u(l, 0.4), 255);
    cy += pen_u(l, 0.8) + block_gap(l);
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

/* ---- tabs and header --------------------------------------------------------- */

/* The tabs of a domain with several pages, in rows from y (wrapping on
 * narrow screens). Returns their height; with dry set only measures. */
static int page_tabs(pen *l, const kdomain *d, int y, int dry)
{
    int W = l->p->w, m = pen_u(l, 4.5);
    int th = widget_button_h(l);
    int tg = pen_u(l, 1.6), pad = pen_u(l, 3);
    int x = m, y0 = y;
    kcolor surf = l->th.surface;
    kcolor act_bg = l->hc ? COLOR_YELLOW : d->color;
    kcolor act_fg = color_readable(act_bg, l->hc ? COLOR_INK : COLOR_WHITE, l->ratio);
    kcolor tab_fg = color_readable(surf, l->th.text, l->ratio);
    for (size_t i = 0; i < d->n_pages; i++) {
        const char *t = pen_tx(&d->pages[i].title, l->lg);
        int w = imin(imax(l->p->min_target, pen_width(l, 1, l->body, t, strlen(t)) + 2 * pad),
                     W - 2 * m);
        if (x > m && x + w > W - m) {
            x = m;
            y += th + tg;
        }
        if (!dry) {
            int on_tab = (int)i == l->s->page;
            if (on_tab)
                pen_rect(l, x, y, w, th, act_bg, th / 2, 255);
            else
                pen_panel(l, x, y, w, th, surf, th / 2, 255);
            pen_fit(l, x + pad, y + (th - wrap_line_box(l->body)) / 2, w - 2 * pad, t, 1, l->body,
                    on_tab ? act_fg : tab_fg, 1);
            char *name =
                arena_printf(l->sc->strings, "tab:%s", d->pages[i].id ? d->pages[i].id : "?");
            pen_target(l, x, y, w, th, th / 2, NAV_OPEN_PAGE, (int)i, name);
        }
        x += w + tg;
    }
    return y + th - y0;
}

/* The header band: how it is laid out. */
typedef struct header {
    const char *title, *back, *home;
    int compact;     /* short language names */
    int wb, wh, wl;  /* widths of back, home, the languages (0 with low_reach) */
    int tx, tw, tpx; /* the title: x, width, size */
    int tlines, title_y;
    int hh, by; /* the band's height, the buttons' top */
    kcolor band, on;
} header;

/* As much as fits beside the title: full labels, then short language
 * names, then icons for back and home. */
static void header_controls(pen *l, header *h)
{
    int W = l->p->w, m = pen_u(l, 4.5), bh = widget_button_h(l), gap = pen_u(l, 2);
    int title_w = pen_width(l, 1, l->h2, h->title, strlen(h->title));
    h->back = widget_label(l, ICON_BACK, STR_BACK);
    h->home = widget_label(l, ICON_HOME, STR_HOME);
    for (int level = 0; level < 3; level++) {
        h->compact = level >= 1;
        if (level == 2) {
            h->back = ICON_BACK;
            h->home = ICON_HOME;
        }
        h->wb =
            widget_button(l, 0, 0, bh, h->back, l->body, h->on, 0, h->band, NAV_BACK, 0, "back", 1);
        h->wh =
            widget_button(l, 0, 0, bh, h->home, l->body, h->on, 0, h->band, NAV_HOME, 0, "home", 1);
        h->wl = widget_langs(l, 0, 0, bh, h->compact, h->band, h->on, h->on, 1);
        if (m + h->wb + pen_u(l, 3) + imin(title_w, pen_u(l, 40)) + pen_u(l, 3) + h->wl + gap +
                h->wh + m <=
            W)
            break;
    }
}

/* A smaller title rather than a cut one; large text may take two lines, or
 * a row of its own under the buttons. Sets the band's height. */
static void header_title(pen *l, header *h)
{
    int W = l->p->w, m = pen_u(l, 4.5), bh = widget_button_h(l);
    const char *title = h->title;
    for (int own_row = 0; own_row < 2; own_row++) {
        if (own_row) {
            h->tx = m;
            h->tw = W - 2 * m;
        }
        h->tpx = l->h2;
        h->tlines = 1;
        if (h->tw <= 0)
            continue;
        while (h->tpx > l->body && pen_width(l, 1, h->tpx, title, strlen(title)) > h->tw)
            h->tpx = imax(h->tpx * 92 / 100, l->body);
        int widest = wrap_widest_word(l->p->m, title, 1, h->tpx);
        if (pen_width(l, 1, h->tpx, title, strlen(title)) > h->tw && l->large && widest <= h->tw)
            h->tlines = 2;
        int fits = widest <= h->tw &&
                   wrap_lines(l->p->m, 1, h->tpx, title, h->tw, NULL, 0) <= (size_t)h->tlines;
        int t_h = pen_height(l, h->tw, title, 1, h->tpx, 1.1, h->tlines, NULL);
        if (!own_row && (fits || l->reach || !l->large)) {
            h->hh = imax(h->hh, t_h + 2 * pen_u(l, 1.5));
            h->by = (h->hh - bh) / 2;
            h->title_y = (h->hh - t_h) / 2;
            return;
        }
        if (own_row) {
            h->by = pen_u(l, 2.2);
            h->title_y = h->by + bh + pen_u(l, 1.5);
            h->hh = h->title_y + t_h + pen_u(l, 2);
        }
    }
}

/* The header band in the domain's colour: back, title, language, home
 * (low_reach: the title alone, the controls go to the bar). Returns its
 * height. */
static int page_header(pen *l, const kdomain *d)
{
    int W = l->p->w, m = pen_u(l, 4.5), bh = widget_button_h(l), gap = pen_u(l, 2);
    header h = {.title = pen_tx(&d->title, l->lg), .band = pen_fill(l, d)};
    h.on = color_readable(h.band, COLOR_WHITE, l->ratio);
    h.hh = widget_header_h(l);
    h.by = (h.hh - bh) / 2;
    if (!l->reach)
        header_controls(l, &h);
    h.tx = l->reach ? m : m + h.wb + pen_u(l, 3);
    h.tw = l->reach ? W - 2 * m : W - m - h.wh - gap - h.wl - pen_u(l, 3) - h.tx;
    header_title(l, &h);
    pen_rect(l, 0, 0, W, h.hh, h.band, 0, 255);
    if (l->hc)
        pen_rect(l, 0, h.hh - l->bw, W, l->bw, COLOR_YELLOW, 0, 255);
    if (!l->reach) {
        kcolor btn_fill = color_tint(h.band, h.on);
        kcolor btn_fg = color_readable(btn_fill, h.on, l->ratio);
        widget_button(l, m, h.by, bh, h.back, l->body, btn_fill, 255, btn_fg, NAV_BACK, 0, "back",
                      0);
        widget_button(l, W - m - h.wh, h.by, bh, h.home, l->body, btn_fill, 255, btn_fg, NAV_HOME,
                      0, "home", 0);
        widget_langs(l, W - m - h.wh - gap, h.by, bh, h.compact, h.band, h.on, h.on, 0);
    }
    if (h.tw > 0) {
        if (h.tlines == 2)
            pen_block(l, h.tx, h.title_y, h.tw, h.title, 1, h.tpx, 1.1, h.on, 2, 0);
        else
            pen_fit(l, h.tx, h.title_y, h.tw, h.title, 1, h.tpx, h.on, 0);
    }
    return h.hh;
}

void scene_page(pen *l)
{
    const kdomain *d = &l->c->domains[l->s->domain];
    int W = l->p->w, H = l->p->h, m = pen_u(l, 4.5);
    kcolor bg = l->th.background;
    l->sc->clear = bg;
    l->z = DL_Z_BACK;
    pen_rect(l, 0, 0, W, H, bg, 0, 255);
    l->z = DL_Z_CHROME;
    int hh = page_header(l, d);

    /* tabs for a domain with several pages: under the header, or with
     * low_reach just above the bar */
    int bar = widget_bar(l, 1, 0);
    int y = hh, bottom = H - bar;
    if (d->n_pages > 1) {
        if (l->reach) {
            int tabs_h = page_tabs(l, d, 0, 1);
            bottom -= tabs_h + pen_u(l, 2);
            page_tabs(l, d, bottom + pen_u(l, 1), 0);
        } else {
            y = hh + pen_u(l, 2.2);
            y += page_tabs(l, d, y, 0) + pen_u(l, 1);
        }
    }

    /* the body scrolls under the header */
    scene *sc = l->sc;
    sc->view_x = 0;
    sc->view_y = y;
    sc->view_w = W;
    sc->view_h = bottom - y;
    sc->scrollbar = color_readable(bg, l->th.muted, 3.0);
    l->layer = DL_SCROLL;
    l->z = DL_Z_BODY;
    /* a comfortable line length, wider on small screens that need the room */
    int cw = imin(W - 2 * m, imax(pen_u(l, 112), imin(W * 72 / 100, pen_u(l, 118))));
    if (l->large) /* double-size letters: the lines may be twice as long */
        cw = imin(W - 2 * m, cw * 2);
    sc->content_h = page_body(l, d, &d->pages[l->s->page], cw);
    l->layer = DL_FIXED;
}
