/* scene_menu.c — the domain menu. See scene_menu.h. */
#include "scene_menu.h"

#include <math.h>
#include <string.h>

#include "arena.h"
#include "utf8.h"
#include "kstrings.h"
#include "widgets.h"

/* How the tiles are laid out: one width and one height for all, the
 * picture strip on top of each (0: none), the icon disc beside the title
 * when there is no picture, one title size and one summary size. */
typedef struct grid {
    int cols, rows, tw, th, gap, pad, inner_gap, pic_h, ic, tpx, spx, aw;
    int uniform; /* every row th high (a grid that fits); else each row as
                  * high as its longest text (a menu that scrolls) */
} grid;

/* The type scale: a tile's title a step above its summary; Leichte
 * Sprache's summary at its lead size, its title one step above that. */
static int title_size(const pen *l)
{
    return klang_easy(l->c, l->lg) ? l->h2 : l->h3;
}

static int summary_size(const pen *l)
{
    return klang_easy(l->c, l->lg) ? l->lead : l->body;
}

/* The width beside the icon and before the arrow: the title's. */
static int title_width(const pen *l, const grid *g)
{
    int inner = g->tw - 2 * g->pad;
    return inner - (g->ic ? g->ic + pen_s(l, 10) : 0) - g->aw - pen_s(l, 8);
}

static const char *tile_title(const pen *l, int i)
{
    return pen_tx(&l->c->domains[i].title, l->lg);
}

static const char *tile_summary(const pen *l, int i)
{
    return pen_tx(&l->c->domains[i].summary, l->lg);
}

/* A title's height: it breaks between words only (its words fit whole,
 * and a hyphen in a heading reads badly). */
static int title_h(const pen *l, const grid *g, const char *title)
{
    layout_measure words = *l->p->m;
    words.hyphenate = NULL;
    return wrap_height(&words, title_width(l, g), title, DL_FONT_BOLD, g->tpx, 1.15, 0, NULL);
}

/* Domain i's tile without its picture strip: title row, gap, summary. */
static int tile_text_h(const pen *l, const grid *g, int i)
{
    int th = title_h(l, g, tile_title(l, i));
    int row = imax(imax(th, g->ic), wrap_line_box(g->tpx));
    const char *sum = tile_summary(l, i);
    int sh = *sum ? g->inner_gap + pen_height(l, g->tw - 2 * g->pad, sum, 0, g->spx, 1.35, 0, NULL)
                  : 0;
    return row + sh;
}

/* The grid's sizes at cols columns gw wide, with or without pictures: one
 * title size whose words all fit whole (smaller down to the floor rather
 * than a word broken), the tiles as high as the longest text needs. 0 when
 * the tiles would be too narrow for a title or for reading. */
static int grid_size(const pen *l, grid *g, int cols, int gw, int pics)
{
    int n = (int)l->c->n_domains;
    g->cols = cols;
    g->rows = (n + cols - 1) / cols;
    g->tw = (gw - (cols - 1) * g->gap) / cols;
    g->pad = l->large ? pen_s(l, 12) : pen_s(l, 16);
    g->inner_gap = pen_s(l, l->large ? 8 : 10);
    g->spx = summary_size(l);
    /* lines of at least some 16 letters: fewer columns before narrower */
    if (g->tw - 2 * g->pad < g->spx * 8 || g->tw < l->p->min_target)
        return 0;
    g->tpx = title_size(l);
    g->aw = g->tpx; /* an icon glyph is one em square */
    g->ic = pics ? 0 : imin(pen_s(l, 40), wrap_line_box(g->tpx) * 5 / 4);
    int need = 0;
    for (int i = 0; i < n; i++)
        g->tpx = imin(g->tpx, wrap_fit_px(l->p->m, tile_title(l, i), DL_FONT_BOLD, g->tpx, l->small,
                                          title_width(l, g)));
    for (int i = 0; i < n; i++)
        if (wrap_widest_word(l->p->m, tile_title(l, i), DL_FONT_BOLD, g->tpx) > title_width(l, g))
            return 0;
    g->spx = imin(g->spx, g->tpx); /* never a summary above its title */
    for (int i = 0; i < n; i++)
        need = imax(need, tile_text_h(l, g, i));
    g->pic_h = pics ? imax(pen_s(l, 64), g->tw / 4) : 0;
    g->th = 2 * g->pad + need + (pics ? g->pic_h + g->inner_gap : 0);
    g->uniform = 1;
    return 1;
}

/* Row r's height. */
static int row_h(const pen *l, const grid *g, int r)
{
    if (g->uniform)
        return g->th;
    int n = (int)l->c->n_domains, need = 0;
    for (int i = r * g->cols; i < n && i < (r + 1) * g->cols; i++)
        need = imax(need, tile_text_h(l, g, i));
    return 2 * g->pad + need + (g->pic_h ? g->pic_h + g->inner_gap : 0);
}

static int grid_height(const pen *l, const grid *g)
{
    int h = (g->rows - 1) * g->gap;
    for (int r = 0; r < g->rows; r++)
        h += row_h(l, g, r);
    return h;
}

/* The columns whose tiles fit the height vh, closest to a pleasant 3:2
 * (the picture takes what the text leaves); 0 when none fits. */
static int grid_fit(const pen *l, grid *g, int gw, int vh, int pics)
{
    int n = (int)l->c->n_domains;
    double best = 1e9;
    grid t = *g, found = *g;
    for (int cols = 1; cols <= n; cols++) {
        if (!grid_size(l, &t, cols, gw, pics) || grid_height(l, &t) > vh)
            continue;
        int th = (vh - (t.rows - 1) * t.gap) / t.rows;
        double score = fabs(log((double)t.tw / th / 1.45)) + (n % cols ? 0.18 : 0);
        if (score < best) {
            best = score;
            found = t;
        }
    }
    if (best > 1e8)
        return 0;
    *g = found;
    if (pics) { /* the picture strip grows into the room the text leaves */
        int th = (vh - (g->rows - 1) * g->gap) / g->rows;
        int grow = imin(th - g->th, g->tw * 9 / 16 - g->pic_h);
        if (grow > 0) {
            g->pic_h += grow;
            g->th += grow;
        }
    }
    return 1;
}

/* The grid for gw x vh: with pictures when they fit; when nothing fits,
 * the menu scrolls: the most columns that leave lines long enough to read,
 * with pictures unless the text is large. Tiles without pictures that fit
 * unscrolled come before scrolling only where there are no pictures to
 * show (none in the content, or large text): else a language with shorter
 * texts would lose the pictures another keeps. */
static void grid_plan(const pen *l, grid *g, int gw, int vh)
{
    int pics = 0;
    for (size_t i = 0; i < l->c->n_domains && !pics; i++)
        pics = l->c->domains[i].image != NULL;
    if (pics && grid_fit(l, g, gw, vh, 1))
        return;
    if ((!pics || l->large) && grid_fit(l, g, gw, vh, 0))
        return;
    pics = pics && !l->large;
    int n = (int)l->c->n_domains;
    for (int cols = imin(n, 3); cols >= 1; cols--) {
        grid t = *g;
        if (grid_size(l, &t, cols, gw, pics) && (t.tw - 2 * t.pad >= t.spx * 10 || cols == 1)) {
            *g = t;
            break;
        }
    }
    if (!g->cols)
        grid_size(l, g, 1, gw, pics);
    g->uniform = 0;
    if (g->pic_h) /* more of the picture: the page scrolls anyway */
        g->pic_h = imax(g->pic_h, g->tw / 3);
}

/* The domain's icon in a round badge in its colour, ic wide at (x, y);
 * without one, the title's first letter. */
static void tile_icon(pen *l, const kdomain *d, const char *title, int x, int y, int ic)
{
    kcolor disc = pen_fill(l, d);
    kcolor fg = color_readable(disc, COLOR_WHITE, l->ratio);
    pen_panel(l, x, y, ic, ic, disc, ic / 2, 255);
    if (d->icon) {
        int s2 = ic * 64 / 100;
        pen_image(l, x + (ic - s2) / 2, y + (ic - s2) / 2, s2, s2, d->icon);
        return;
    }
    uint32_t cp;
    size_t n = utf8_decode(title, strlen(title), &cp);
    if (n) {
        int ipx = ic * 52 / 100;
        int lw = pen_width(l, 1, ipx, title, n);
        pen_run(l, x + (ic - lw) / 2, y + (ic - wrap_line_box(ipx)) / 2, title, n, lw, 1, ipx, fg);
    }
}

/* The picture strip at the top of a tile: the domain's picture cropped to
 * fill, or its colour with its icon when it has none. */
static void tile_picture(pen *l, const kdomain *d, int x, int y, int w, int h)
{
    int r = pen_s(l, 10);
    if (!d->image) {
        pen_rect(l, x, y, w, h, pen_fill(l, d), r, 255);
        int ic = imin(h * 2 / 3, pen_s(l, 56));
        tile_icon(l, d, pen_tx(&d->title, l->lg), x + (w - ic) / 2, y + (h - ic) / 2, ic);
        return;
    }
    pen_cover(l, x, y, w, h, d->image, pen_fill(l, d));
}

/* Domain i's tile at (x, y): the picture, the title with the arrow that
 * says it opens, the summary whole. */
static void tile(pen *l, const grid *g, int i, int x, int y, int h)
{
    const kdomain *d = &l->c->domains[i];
    kcolor bg = l->th.surface;
    kcolor fg = color_readable(bg, l->th.text, l->ratio);
    int radius = pen_s(l, 16), inner = g->tw - 2 * g->pad, cy = y + g->pad;
    pen_panel(l, x, y, g->tw, h, bg, radius, 255);
    if (g->pic_h) {
        tile_picture(l, d, x + g->pad, cy, inner, g->pic_h);
        cy += g->pic_h + g->inner_gap;
    }
    const char *title = tile_title(l, i);
    int tw = title_width(l, g);
    int th = title_h(l, g, title);
    int row = imax(imax(th, g->ic), wrap_line_box(g->tpx));
    int tx = x + g->pad;
    if (g->ic) {
        tile_icon(l, d, title, tx, cy + (row - g->ic) / 2, g->ic);
        tx += g->ic + pen_s(l, 10);
    }
    layout_measure words = l->m;
    l->m.hyphenate = NULL;
    pen_block(l, tx, cy + (row - th) / 2, tw, title, DL_FONT_BOLD, g->tpx, 1.15, fg, 0, 0);
    l->m = words;
    widget_icon(l, x + g->tw - g->pad - g->aw, cy + (row - g->tpx) / 2, ICON_ARROW, g->tpx,
                color_readable(bg, pen_mark(l, bg, d->color), l->ratio));
    cy += row + g->inner_gap;
    pen_block(l, x + g->pad, cy, inner, tile_summary(l, i), 0, g->spx, 1.35,
              color_readable(bg, l->th.muted, l->ratio), 0, 0);
    char *name = arena_printf(l->sc->strings, "domain:%s", d->id ? d->id : "?");
    pen_target(l, x, y, g->tw, h, radius, NAV_OPEN_DOMAIN, i, name);
}

/* The tiles from (gx, gy), an incomplete last row centred. */
static void grid_put(pen *l, const grid *g, int gx, int gy)
{
    int n = (int)l->c->n_domains;
    for (int r = 0; r < g->rows; r++) {
        int h = row_h(l, g, r);
        int in_row = (r == g->rows - 1 && n % g->cols) ? n % g->cols : g->cols;
        int off = (g->cols - in_row) * (g->tw + g->gap) / 2;
        for (int k = 0; k < in_row; k++)
            tile(l, g, r * g->cols + k, gx + off + k * (g->tw + g->gap), gy, h);
        gy += h + g->gap;
    }
}

/* The heading: the menu's title, and the town's name at the right when
 * there is room for it (speech mode's mark in its place). Returns its
 * height; with dry set only measures. */
static int heading(pen *l, int y, int mr, int dry)
{
    int W = l->p->w, m = pen_s(l, 16);
    kcolor bg = l->th.background;
    kcolor fg = color_readable(bg, l->th.text, l->ratio);
    const char *mt = pen_tx(&l->c->menu_title, l->lg);
    const char *org = l->s->speech ? kstrings_get(l->c, l->lg, STR_SPEECH_MARK) : pen_tx(&l->c->title, l->lg);
    int ipx = l->s->speech ? l->body : 0, ig = ipx ? pen_s(l, 6) : 0;
    int tw = W - m - mr;
    int px = wrap_fit_px(l->p->m, mt, DL_FONT_BOLD, l->h2, l->small, tw);
    int th = pen_height(l, tw, mt, DL_FONT_BOLD, px, 1.1, 0, NULL);
    int hh = th + 2 * pen_s(l, 12);
    if (dry)
        return hh;
    int mw = pen_width(l, DL_FONT_BOLD, px, mt, strlen(mt));
    int ow = pen_width(l, DL_FONT_REGULAR, l->small, org, strlen(org));
    pen_block(l, m, y + (hh - th) / 2, tw, mt, DL_FONT_BOLD, px, 1.1, fg, 0, 0);
    kcolor muted = color_readable(bg, l->th.muted, l->ratio);
    if (!*org || mw + pen_s(l, 24) + ipx + ig + ow > tw || th > wrap_line_box(px))
        return hh;
    if (ipx)
        widget_icon(l, W - mr - ow - ig - ipx, y + (hh - ipx) / 2, ICON_SPEECH, ipx, muted);
    pen_run(l, W - mr - ow, y + (hh - wrap_line_box(l->small)) / 2, org, strlen(org), ow,
            DL_FONT_REGULAR, l->small, muted);
    return hh;
}

/* More follows below: the tiles fade into the ground at the viewport's
 * foot, over a downward chevron (the scroll bar shows how much more). */
static void more_hint(pen *l, int bottom)
{
    int W = l->p->w, fh = pen_s(l, 40), steps = 8;
    kcolor bg = l->th.background;
    l->z = DL_Z_BODY + 1;
    for (int k = 0; k < steps; k++) {
        dl_item *it = pen_item(l, DL_RECT, 0, bottom - fh + k * fh / steps, W, fh / steps + 1);
        if (!it)
            return;
        it->color = bg;
        it->alpha = (uint8_t)(40 + 200 * k / (steps - 1));
        it->deco = 1;
    }
    int ipx = pen_s(l, 28), disc = ipx + pen_s(l, 8), dy = bottom - disc - pen_s(l, 4);
    pen_panel(l, (W - disc) / 2, dy, disc, disc, bg, disc / 2, 255);
    widget_icon(l, (W - ipx) / 2, dy + (disc - ipx) / 2, ICON_MORE, ipx,
                color_readable(bg, l->th.muted, l->ratio));
}

void scene_menu(pen *l)
{
    int W = l->p->w, m = pen_s(l, 16);
    pen_ground(l);
    int bar_top = l->p->h - widget_bar(l, 0);
    int hh = heading(l, 0, m, 1);
    /* low_reach: the tiles from the reach line down, the heading above them */
    int top = l->reach ? imax(0, widget_reach_y(l) - hh) : 0;
    scene *sc = l->sc;
    pen_viewport(l, top, bar_top);
    int n = (int)l->c->n_domains, foot = pen_s(l, 16), mr = m;
    grid g = {.gap = pen_s(l, l->large ? 10 : 14)};
    if (n > 0) {
        grid_plan(l, &g, W - 2 * m, sc->view_h - hh - foot);
        if (!g.uniform) { /* the scroll bar gets a lane of its own at the right */
            grid t = {.gap = g.gap};
            mr = imax(m, pen_scrollbar_lane(l));
            grid_plan(l, &t, W - m - mr, sc->view_h - hh - foot);
            g = t;
        }
        grid_put(l, &g, m, hh);
    }
    heading(l, 0, mr, 0);
    sc->content_h = hh + (n > 0 ? grid_height(l, &g) : 0) + foot;
    l->layer = DL_FIXED;
    if (sc->content_h > sc->view_h) {
        sc->content_h += pen_s(l, 40); /* the last row clear of the fade */
        more_hint(l, bar_top);
    }
    l->z = DL_Z_CHROME;
    widget_sheet(l);
}
