/* scene_menu.c — the domain menu. See scene_menu.h. */
#include "scene_menu.h"

#include <math.h>
#include <string.h>

#include "arena.h"
#include "utf8.h"
#include "kstrings.h"
#include "widgets.h"

/* How a tile's title is set: beside the icon or under it (stacked), at x,
 * w wide, at size px; row is the height of icon and title together. */
typedef struct tile_title {
    int stacked, x, w, px, row;
} tile_title;

/* Icon and title side by side; in a tall tile, or when a word of the title
 * would have to break, the title goes under the icon instead. Shrink the
 * title rather than cut it. The tile's inner box: x, w, pad; ih high. */
static void tile_title_fit(pen *l, const char *title, int x, int w, int h, int pad, int ic,
                           tile_title *t)
{
    int ih = h - 2 * pad;
    int top_px = l->tile_px ? imin(l->h3, l->tile_px) : l->h3;
    t->stacked = ic && h > w * 9 / 10;
    for (int attempt = 0; attempt < 2; attempt++) {
        t->x = t->stacked || !ic ? x + pad : x + pad + ic + pen_u(l, 2.2);
        t->w = x + w - pad - t->x;
        t->px = top_px;
        for (int k = 0; k < 6; k++) {
            if (wrap_widest_word(l->p->m, title, 1, t->px) <= t->w &&
                wrap_lines(l->p->m, 1, t->px, title, t->w, NULL, 0) <= 2 &&
                pen_height(l, t->w, title, 1, t->px, 1.1, 2, NULL) +
                        (t->stacked ? ic + pen_u(l, 2) : 0) <=
                    ih)
                break;
            t->px = imax(t->px * 9 / 10, l->small);
        }
        if (t->stacked || !ic || wrap_widest_word(l->p->m, title, 1, t->px) <= t->w)
            break;
        t->stacked = 1;
    }
    int th = pen_height(l, t->w, title, 1, t->px, 1.1, 2, NULL);
    t->row = t->stacked ? ic + pen_u(l, 2) + th : imax(ic, th);
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

/* The summary from sy down to bottom in x..x+iw, as many lines as the tile
 * holds; the arrow in the bottom corner gives way when the summary needs
 * its line. */
static void tile_summary(pen *l, const char *sum, int x, int iw, int sy, int bottom, kcolor fg,
                         kcolor arrow)
{
    int sum_px = l->body, arrow_px = l->h3, right = x + iw;
    int adv = wrap_advance(sum_px, 1.35), box = wrap_line_box(sum_px);
    int aw = pen_width(l, DL_FONT_ICON, arrow_px, ICON_ARROW, strlen(ICON_ARROW));
    size_t need = wrap_lines(l->p->m, 0, sum_px, sum, iw, NULL, 0);
    size_t need_short = wrap_lines(l->p->m, 0, sum_px, sum, iw - aw - pen_u(l, 2), NULL, 0);
    int fit_all = bottom - sy >= box ? (bottom - sy - box) / adv + 1 : 0;
    int room_arrow = bottom - wrap_line_box(arrow_px) - pen_u(l, 0.5) - sy;
    int fit_above = room_arrow >= box ? (room_arrow - box) / adv + 1 : 0;
    int show_arrow = 1;
    int lines;
    if ((size_t)fit_above >= need) {
        lines = (int)need; /* everything above the arrow's line */
    } else if ((size_t)fit_all >= need_short && fit_all > 0) {
        /* the last line shares the bottom with the arrow: wrap narrower */
        lines = (int)need_short;
        iw -= aw + pen_u(l, 2);
    } else {
        lines = fit_all;
        show_arrow = 0;
    }
    if (lines > 0)
        pen_block(l, x, sy, iw, sum, 0, sum_px, 1.35, fg, lines, 0);
    if (show_arrow)
        widget_icon(l, right - aw, bottom - arrow_px, ICON_ARROW, arrow_px, arrow);
}

/* Domain i's tile. With dry set it only answers whether the title fits
 * the tile whole (no word broken, at most two lines). */
static int tile(pen *l, int i, int x, int y, int w, int h, int dry)
{
    const kdomain *d = &l->c->domains[i];
    kcolor bg = l->th.surface;
    kcolor fg = color_readable(bg, l->th.text, l->ratio);
    /* large text: the letters need the room more than the margins */
    int pad =
        l->large ? imax(pen_u(l, 1.8), imin(w, h) / 20) : imax(pen_u(l, 2.6), imin(w, h) / 14);
    if (!dry)
        pen_panel(l, x, y, w, h, bg, pen_u(l, 2.4), 255);
    int ih = h - 2 * pad;
    int ic = imin(pen_u(l, 10), h > w * 9 / 10 ? ih / 4 : ih / 3);
    const char *title = pen_tx(&d->title, l->lg);
    /* large text in a small tile: the title is what counts, the icon goes */
    if (l->large && ic < pen_u(l, 7))
        ic = 0;
    tile_title t;
    tile_title_fit(l, title, x, w, h, pad, ic, &t);
    if (dry) {
        l->tile_px_min = imin(l->tile_px_min, t.px);
        return wrap_widest_word(l->p->m, title, 1, t.px) <= t.w &&
               wrap_lines(l->p->m, 1, t.px, title, t.w, NULL, 0) <= 2 && t.row <= ih;
    }
    int ry = y + pad;
    if (ic)
        tile_icon(l, d, title, x + pad, t.stacked ? ry : ry + (t.row - ic) / 2, ic);
    int th = pen_height(l, t.w, title, 1, t.px, 1.1, 2, NULL);
    int title_y = t.stacked ? ry + ic + pen_u(l, 2) : ry + (t.row - th) / 2;
    pen_block(l, t.x, title_y, t.w, title, 1, t.px, 1.1, fg, 2, 0);
    tile_summary(l, pen_tx(&d->summary, l->lg), x + pad, w - 2 * pad, ry + t.row + pen_u(l, 2),
                 y + h - pad, color_readable(bg, l->th.muted, l->ratio),
                 color_readable(bg, pen_mark(l, bg, d->color), l->ratio));
    char *name = arena_printf(l->sc->strings, "domain:%s", d->id ? d->id : "?");
    pen_target(l, x, y, w, h, pen_u(l, 2.4), NAV_OPEN_DOMAIN, i, name);
    return 1;
}

/* The grid's columns: as many as give tiles closest to a pleasant 4:3;
 * with whole set only among those where every title fits whole. 0 when
 * none will do. */
static int menu_cols(pen *l, int n, int gw, int gh, int gap, int whole)
{
    int best_cols = 0;
    double best = 1e9;
    for (int cols = 1; cols <= n; cols++) {
        int rows = (n + cols - 1) / cols;
        double tw1 = (gw - (cols - 1) * gap) / (double)cols;
        double th1 = (gh - (rows - 1) * gap) / (double)rows;
        if (tw1 < l->p->min_target || th1 < l->p->min_target)
            continue;
        if (whole) {
            int ok = 1;
            for (int i = 0; i < n && ok; i++)
                ok = tile(l, i, 0, 0, (int)tw1, (int)th1, 1);
            if (!ok)
                continue;
        }
        double score = fabs(log(tw1 / th1 / 1.45));
        /* an incomplete last row looks unfinished: a small penalty */
        if (n % cols)
            score += 0.18;
        if (score < best) {
            best = score;
            best_cols = cols;
        }
    }
    return best_cols;
}

/* The grid from y = *gy to gb: its columns, among those whose titles fit
 * whole; low_reach keeps it below the reach line, and only when the titles
 * cannot fit whole there (large text on a small screen) does it grow
 * upwards, moving *gy. */
static int grid_cols(pen *l, int n, int gw, int *gy, int gb, int gap)
{
    int cols = 0;
    if (l->reach) {
        for (int top = imax(*gy, widget_reach_y(l)); top >= *gy && !cols;
             top -= imax(1, pen_u(l, 2))) {
            cols = menu_cols(l, n, gw, gb - top, gap, 1);
            if (cols)
                *gy = top;
        }
    } else {
        cols = menu_cols(l, n, gw, gb - *gy, gap, 1);
    }
    if (!cols)
        cols = menu_cols(l, n, gw, gb - *gy, gap, 0);
    return cols ? cols : 1;
}

/* The tiles in cols columns from (gx, gy), gw x gh, one title size for
 * every tile: the smallest any of them needs. */
static void grid(pen *l, int n, int cols, int gx, int gy, int gw, int gh, int gap)
{
    int rows = (n + cols - 1) / cols;
    int tw1 = (gw - (cols - 1) * gap) / cols;
    int th1 = (gh - (rows - 1) * gap) / rows;
    l->tile_px_min = l->h2;
    for (int i = 0; i < n; i++)
        tile(l, i, 0, 0, tw1, th1, 1);
    l->tile_px = l->tile_px_min;
    l->z = DL_Z_BODY;
    for (int i = 0; i < n; i++) {
        int r = i / cols, k = i % cols;
        int in_row = (r == rows - 1 && n % cols) ? n % cols : cols;
        /* centre an incomplete last row */
        int off = (cols - in_row) * (tw1 + gap) / 2;
        tile(l, i, gx + off + k * (tw1 + gap), gy + r * (th1 + gap), tw1, th1, 0);
    }
}

/* The header row: the menu's title, and the town's name at the right when
 * there is room for it (the attract loop shows it too). Returns its height;
 * placed from y (low_reach: right above the tiles). */
static int heading(pen *l, int y, int dry)
{
    int W = l->p->w, m = pen_s(l, 16);
    kcolor bg = l->th.background;
    kcolor fg = color_readable(bg, l->th.text, l->ratio);
    const char *mt = pen_tx(&l->c->menu_title, l->lg);
    /* speech mode on: its mark takes the town's place */
    const char *org = l->s->speech ? kstrings_get(l->lg, STR_SPEECH_MARK) : pen_tx(&l->c->title, l->lg);
    int ipx = l->s->speech ? l->body : 0, ig = ipx ? pen_s(l, 6) : 0;
    int tw = W - 2 * m;
    int th = pen_height(l, tw, mt, DL_FONT_BOLD, l->h2, 1.1, 0, NULL);
    int hh = imax(pen_s(l, 56), th + 2 * pen_s(l, 8));
    /* large text on a short screen: the tiles need the room more than the
     * heading (the bar, the tiles and speech still say where one is) */
    if (l->large && hh > l->p->h * 12 / 100)
        return 0;
    if (dry)
        return hh;
    int mw = pen_width(l, DL_FONT_BOLD, l->h2, mt, strlen(mt));
    int ow = pen_width(l, DL_FONT_REGULAR, l->small, org, strlen(org));
    pen_block(l, m, y + (hh - th) / 2, tw, mt, DL_FONT_BOLD, l->h2, 1.1, fg, 0, 0);
    kcolor muted = color_readable(bg, l->th.muted, l->ratio);
    if (!*org || mw + pen_s(l, 24) + ipx + ig + ow > tw)
        return hh;
    if (ipx)
        widget_icon(l, W - m - ow - ig - ipx, y + (hh - ipx) / 2, ICON_SPEECH, ipx, muted);
    pen_run(l, W - m - ow, y + (hh - wrap_line_box(l->small)) / 2, org, strlen(org), ow,
            DL_FONT_REGULAR, l->small, muted);
    return hh;
}

void scene_menu(pen *l)
{
    int W = l->p->w, H = l->p->h, m = pen_s(l, 16);
    pen_ground(l);
    int hh = heading(l, 0, 1);
    int bar = widget_bar(l, 0);

    int n = (int)l->c->n_domains;
    int gy = hh;
    int gw = W - 2 * m, gb = H - bar - pen_s(l, 12);
    int gap = pen_s(l, l->large ? 8 : 12);
    int cols = grid_cols(l, n, gw, &gy, gb, gap);
    int ty = 0;
    if (l->reach && n > 0) /* the title right above the tiles it names */
        ty = imax(0, gy - hh);
    l->z = DL_Z_CHROME;
    heading(l, ty, 0);
    if (n > 0)
        grid(l, n, cols, m, gy, gw, gb - gy, gap);
    widget_sheet(l);
}
