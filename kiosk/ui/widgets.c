/* widgets.c — the controls every scene shares. See widgets.h. */
#include "widgets.h"

#include <string.h>

#include "arena.h"

int widget_button_h(const pen *l)
{
    return imax(imax(l->p->min_target, pen_s(l, 48)), wrap_line_box(l->body) + 2 * pen_s(l, 6));
}

int widget_langs_inset(const pen *l)
{
    return l->large ? imax(1, pen_s(l, 2)) : imax(2, pen_s(l, 3));
}

int widget_button_h_for(const pen *l, int px)
{
    return imax(imax(l->p->min_target, pen_s(l, 48)), wrap_line_box(px) + 2 * pen_s(l, 6));
}

int widget_reach_y(const pen *l)
{
    return (l->p->h * LAYOUT_REACH_TOP_PERCENT + 99) / 100;
}

void widget_selected(const pen *l, kcolor *fill, kcolor *fg)
{
    if (l->hc) {
        *fill = COLOR_YELLOW;
        *fg = COLOR_BLACK;
        return;
    }
    *fill = color_readable(l->th.background, l->th.text, l->ratio);
    *fg = color_readable(*fill, l->th.background, l->ratio);
}

void widget_icon(pen *l, int x, int y, const char *icon, int px, kcolor col)
{
    dl_item *it = pen_item(l, DL_TEXT, x, y, px, px); /* a glyph one em square */
    if (!it)
        return;
    it->text = icon;
    it->len = strlen(icon);
    it->bold = DL_FONT_ICON;
    it->px = px;
    it->color = col;
}

/* The icon's size beside a label of px: a little larger than the letters. */
static int icon_px(int px)
{
    return px * 6 / 5;
}

int widget_button(pen *l, int x, int y, int h, const char *icon, const char *label, int px,
                  int style, kcolor bg, nav_action a, int arg, const char *name, int dry)
{
    int ipx = icon_px(px);
    int pad = pen_s(l, 14), ig = icon ? pen_s(l, 6) : 0, iw = icon ? ipx : 0;
    int tw = pen_width(l, DL_FONT_BOLD, px, label, strlen(label));
    int w = imax(l->p->min_target, pad + iw + ig + tw + pad);
    if (dry)
        return w;
    kcolor fill = color_mix(bg, l->th.text, 0.08), fg;
    if (style == WB_SELECTED) {
        widget_selected(l, &fill, &fg);
        pen_rect(l, x, y, w, h, fill, h / 2, 255);
    } else if (style == WB_DISABLED) {
        fill = bg;
        fg = color_readable(bg, l->th.muted, l->ratio);
    } else {
        fg = color_readable(fill, l->th.text, l->ratio);
        pen_panel(l, x, y, w, h, fill, h / 2, 255);
    }
    int cx = x + (w - (iw + ig + tw)) / 2;
    if (icon)
        widget_icon(l, cx, y + (h - ipx) / 2, icon, ipx, fg);
    pen_run(l, cx + iw + ig, y + (h - wrap_line_box(px)) / 2, label, strlen(label), tw,
            DL_FONT_BOLD, px, fg);
    if (style != WB_DISABLED)
        pen_target(l, x, y, w, h, h / 2, a, arg, name);
    return w;
}

int widget_langs(pen *l, int x, int y, int h, int px, kcolor bg, int dry)
{
    int pad = pen_s(l, 12), inset = widget_langs_inset(l);
    int ws[LANG_MAX] = {0};
    int total = 2 * inset, n = (int)content_n_langs(l->c);
    for (int i = 0; i < n; i++) {
        if (!layout_lang_shown(l->c, (lang)i))
            continue;
        const char *s = content_lang(l->c, (lang)i)->name;
        ws[i] = imax(l->p->min_target, pen_width(l, DL_FONT_BOLD, px, s, strlen(s)) + 2 * pad);
        total += ws[i];
    }
    if (dry)
        return total;
    kcolor tint = color_mix(bg, l->th.text, 0.08), sel, sel_fg;
    widget_selected(l, &sel, &sel_fg);
    pen_panel(l, x, y, total, h, tint, h / 2, 255);
    int cx = x + inset, sh = h - 2 * inset;
    for (int i = 0; i < n; i++) {
        if (!ws[i])
            continue;
        const char *s = content_lang(l->c, (lang)i)->name;
        int on = l->lg == (lang)i;
        if (on)
            pen_rect(l, cx, y + inset, ws[i], sh, sel, sh / 2, 255);
        kcolor col = on ? sel_fg : color_readable(tint, l->th.text, l->ratio);
        int tw = pen_width(l, DL_FONT_BOLD, px, s, strlen(s));
        pen_run(l, cx + (ws[i] - tw) / 2, y + (h - wrap_line_box(px)) / 2, s, strlen(s), tw,
                DL_FONT_BOLD, px, col);
        /* the target spans the full pill height: easier to hit */
        pen_target(l, cx, y, ws[i], h, sh / 2, NAV_LANG, i,
                   arena_printf(l->sc->strings, "lang:%s", content_lang_code(l->c, (lang)i)));
        cx += ws[i];
    }
    return total;
}

/* ---- the navigation bar ---------------------------------------------------- */

/* The bar's parts and how they are laid out. */
typedef struct bar {
    int m, gap, rgap, pad, bh;
    int px;             /* the buttons' words: body size, or the floor when that saves a row */
    int wb, wh, wl, wa; /* back, home, the languages (switch or button), accessibility */
    int lang_button;    /* the languages behind one button (globe, current language) */
    int rows;
    int lang_last;      /* in rows: Bedienhilfen before the languages */
    kcolor bg;
} bar;

static int bar_part(pen *l, const bar *b, int kind, int x, int y, int dry)
{
    int menu = l->s->scene != NAV_PAGE;
    switch (kind) {
    case 0:
        return widget_button(l, x, y, b->bh, ICON_BACK, kstrings_get(l->c, l->lg, STR_BACK), b->px, WB_PLAIN,
                             b->bg, NAV_BACK, 0, "back", dry);
    case 1: /* Home on the menu itself: shown, in its place, but disabled */
        return widget_button(l, x, y, b->bh, ICON_HOME, kstrings_get(l->c, l->lg, STR_HOME), b->px,
                             menu ? WB_DISABLED : WB_PLAIN, b->bg, NAV_HOME, 0, "home", dry);
    case 2: /* never smaller than body text: the control English speakers need first */
        if (b->lang_button) /* the globe and the current language, in few words */
            return widget_button(l, x, y, b->bh, ICON_LANGUAGE, content_lang(l->c, l->lg)->name, l->body,
                                 l->s->sheet == NAV_SHEET_LANG ? WB_SELECTED : WB_PLAIN, b->bg,
                                 NAV_SHEET, NAV_SHEET_LANG, "languages", dry);
        return widget_langs(l, x, y, b->bh, l->body, b->bg, dry);
    default:
        return widget_button(l, x, y, b->bh, ICON_A11Y, kstrings_get(l->c, l->lg, STR_A11Y), b->px,
                             l->s->sheet == NAV_SHEET_A11Y ? WB_SELECTED : WB_PLAIN, b->bg,
                             NAV_SHEET, NAV_SHEET_A11Y, "a11y", dry);
    }
}

/* Rows the parts take, packed left to right in order into width. */
static int pack_rows(const int *ws, int n, int width, int gap)
{
    int rows = 1, x = 0;
    for (int i = 0; i < n; i++) {
        if (x > 0 && x + gap + ws[i] > width) {
            rows++;
            x = 0;
        }
        x += (x > 0 ? gap : 0) + ws[i];
    }
    return rows;
}

/* One row when everything fits (the language switch, else its button);
 * else as many rows as the words need, never fewer words. */
static void bar_measure(pen *l, bar *b)
{
    int avail = l->p->w - 2 * b->m, best = 0;
    for (int k = 0; k < 4; k++) {
        bar t = *b;
        t.px = k < 2 ? l->body : l->small;
        t.lang_button = k % 2;
        /* the languages' words are body size in every row (large text: rows
         * no higher than their line box, the page needs the room) */
        t.bh = l->large ? imax(imax(l->p->min_target, pen_s(l, 48)), wrap_line_box(l->body))
                        : widget_button_h_for(l, l->body);
        if (!t.lang_button) /* the switch's words and its inset */
            t.bh = imax(t.bh, wrap_line_box(l->body) + 2 * widget_langs_inset(l));
        int ws[4] = {bar_part(l, &t, 0, 0, 0, 1), bar_part(l, &t, 1, 0, 0, 1),
                     bar_part(l, &t, 2, 0, 0, 1), bar_part(l, &t, 3, 0, 0, 1)};
        if (ws[2] > avail && !t.lang_button)
            continue;
        int swapped[4] = {ws[0], ws[1], ws[3], ws[2]};
        int rows = pack_rows(ws, 4, avail, b->gap);
        int rows2 = pack_rows(swapped, 4, avail, b->gap);
        t.lang_last = rows2 < rows;
        rows = imin(rows, rows2);
        /* low_reach and large text count pixels: the room above the bar is scarce */
        int cost = l->reach || l->large ? rows * t.bh : rows;
        if (best && cost >= best)
            continue;
        best = cost;
        t.wb = ws[0];
        t.wh = ws[1];
        t.wl = ws[2];
        t.wa = ws[3];
        t.rows = rows;
        *b = t;
    }
}

static void bar_init(pen *l, bar *b)
{
    *b = (bar){.m = pen_s(l, 12), .gap = pen_s(l, 8), .rgap = pen_s(l, l->large ? 2 : 8),
               .pad = pen_s(l, l->large ? 2 : 6), .bh = widget_button_h(l)};
    b->bg = l->th.surface;
    bar_measure(l, b);
}

static int bar_height(const bar *b)
{
    return b->rows * b->bh + (b->rows - 1) * b->rgap + 2 * b->pad;
}

/* The parts in rows from y, left to right (two rows and more). */
static void bar_rows(pen *l, const bar *b, int y)
{
    int W = l->p->w, x = b->m;
    int kinds[4] = {0, 1, 2, 3}, ws[4] = {b->wb, b->wh, b->wl, b->wa};
    if (b->lang_last) {
        kinds[2] = 3;
        kinds[3] = 2;
        ws[2] = b->wa;
        ws[3] = b->wl;
    }
    for (int i = 0; i < 4; i++) {
        if (x > b->m && x + ws[i] > W - b->m) {
            x = b->m;
            y += b->bh + b->rgap;
        }
        x += bar_part(l, b, kinds[i], x, y, 0) + b->gap;
    }
}

int widget_bar(pen *l, int dry)
{
    int W = l->p->w, H = l->p->h;
    bar b;
    bar_init(l, &b);
    int height = bar_height(&b);
    if (dry)
        return height;
    int y0 = H - height, z = l->z;
    l->z = DL_Z_CHROME;
    pen_rect(l, 0, y0, W, height, b.bg, 0, 255);
    pen_rect(l, 0, y0, W, imax(1, pen_s(l, 1)),
             l->hc ? COLOR_YELLOW : color_mix(b.bg, l->th.text, 0.16), 0, 255);
    int y = y0 + b.pad;
    if (b.rows == 1) {
        bar_part(l, &b, 0, b.m, y, 0);
        bar_part(l, &b, 1, b.m + b.wb + b.gap, y, 0);
        bar_part(l, &b, 3, W - b.m - b.wa, y, 0);
        /* the same place in every language: centred when that is free */
        int lo = b.m + b.wb + b.wh + 2 * b.gap, hi = W - b.m - b.wa - b.gap;
        int x = (W - b.wl) / 2;
        bar_part(l, &b, 2, x < lo ? lo : x + b.wl > hi ? hi - b.wl : x, y, 0);
    } else {
        bar_rows(l, &b, y);
    }
    l->z = z;
    return height;
}

/* ---- the sheets ------------------------------------------------------------ */

/* One row of a sheet: icon and label, the selected style and a check mark
 * when on. */
static void sheet_row(pen *l, int x, int y, int w, int h, const char *icon, const char *label,
                      int on, nav_action a, int arg, const char *name)
{
    kcolor fill = color_mix(l->th.surface, l->th.text, 0.08), fg;
    if (on) {
        widget_selected(l, &fill, &fg);
        pen_rect(l, x, y, w, h, fill, pen_s(l, 12), 255);
    } else {
        fg = color_readable(fill, l->th.text, l->ratio);
        pen_panel(l, x, y, w, h, fill, pen_s(l, 12), 255);
    }
    int px = l->body, ipx = icon_px(px), pad = pen_s(l, 14);
    int tx = x + pad + (icon ? ipx + pen_s(l, 10) : 0);
    if (icon)
        widget_icon(l, x + pad, y + (h - ipx) / 2, icon, ipx, fg);
    if (on)
        widget_icon(l, x + w - pad - ipx, y + (h - ipx) / 2, ICON_CHECK, ipx, fg);
    pen_block(l, tx, y + (h - wrap_line_box(px)) / 2, x + w - pad - ipx - pen_s(l, 8) - tx, label,
              DL_FONT_BOLD, px, 1.1, fg, 0, 0);
    pen_target(l, x, y, w, h, pen_s(l, 12), a, arg, name);
}

/* The rows a sheet holds. */
typedef struct sheet_item {
    const char *icon, *label;
    int on;
    nav_action a;
    int arg;
    const char *name;
} sheet_item;

static size_t sheet_items(pen *l, sheet_item *it)
{
    size_t n = 0;
    if (l->s->sheet == NAV_SHEET_LANG) {
        for (int i = 0; i < (int)content_n_langs(l->c); i++)
            if (layout_lang_shown(l->c, (lang)i))
                it[n++] = (sheet_item){ICON_LANGUAGE, content_lang(l->c, (lang)i)->name,
                                       l->lg == (lang)i, NAV_LANG, i,
                                       arena_printf(l->sc->strings, "lang:%s",
                                                    content_lang_code(l->c, (lang)i))};
        return n;
    }
    it[n++] = (sheet_item){ICON_CONTRAST, kstrings_get(l->c, l->lg, STR_CONTRAST), l->s->contrast,
                           NAV_CONTRAST, 0, "contrast"};
    it[n++] = (sheet_item){ICON_LARGE, kstrings_get(l->c, l->lg, STR_LARGE_TEXT), l->s->large, NAV_LARGE,
                           0, "large"};
    if (l->p->speech)
        it[n++] = (sheet_item){ICON_SPEECH, kstrings_get(l->c, l->lg, STR_READ_ALOUD), l->s->speech,
                               NAV_SPEECH, !l->s->speech, "speech"};
    return n;
}

/* Keep only the bar's targets (those from bar_top down). */
static void keep_bar_targets(scene *sc, int bar_top)
{
    size_t k = 0;
    for (size_t i = 0; i < sc->n_targets; i++)
        if (sc->targets[i].layer == DL_FIXED && sc->targets[i].y >= bar_top)
            sc->targets[k++] = sc->targets[i];
    sc->n_targets = k;
}

void widget_sheet(pen *l)
{
    /* the idle countdown covers everything, the sheet too */
    if (l->s->sheet == NAV_SHEET_NONE || l->s->scene == NAV_ATTRACT || l->s->warning)
        return;
    int W = l->p->w, H = l->p->h, bar_top = H - widget_bar(l, 1);
    keep_bar_targets(l->sc, bar_top);
    l->sc->modal_z = DL_Z_OVERLAY * DL_Z_STEP;
    l->z = DL_Z_OVERLAY;
    l->layer = DL_FIXED;
    sheet_item it[LANG_MAX + 3];
    size_t n = sheet_items(l, it);
    int m = pen_s(l, 12), pad = pen_s(l, 14), gap = pen_s(l, 8), bh = widget_button_h(l);
    const char *title = kstrings_get(l->c, l->lg, l->s->sheet == NAV_SHEET_LANG ? STR_LANGUAGE : STR_A11Y);
    const char *close = kstrings_get(l->c, l->lg, STR_CLOSE);
    kcolor surf = l->th.surface, fg = color_readable(surf, l->th.text, l->ratio);
    int cw = imin(W - 2 * m, imax(pen_s(l, 440), l->large ? W * 3 / 4 : 0));
    int close_w = widget_button(l, 0, 0, bh, ICON_CLOSE, close, l->body, WB_PLAIN, surf, NAV_SHEET, 0,
                                "sheet:close", 1);
    int tw = cw - 2 * pad - close_w - gap;
    int th = pen_height(l, tw, title, DL_FONT_BOLD, l->h3, 1.15, 0, NULL);
    int head = imax(bh, th);
    int ch = pad + head + gap + (int)n * (bh + gap) - gap + pad;
    /* over the button that opened it: the languages in the middle */
    int cx = l->s->sheet == NAV_SHEET_LANG ? (W - cw) / 2 : W - m - cw, cy = bar_top - gap - ch;
    int covered = bar_top;
    if (cy < m) { /* no room above the bar: over it, and the bar rests */
        keep_bar_targets(l->sc, H);
        cy = imax(m, (H - ch) / 2);
        covered = H;
    }
    pen_rect(l, 0, 0, W, covered, COLOR_BLACK, 0, l->hc ? 230 : 110);
    pen_panel(l, cx, cy, cw, ch, surf, pen_s(l, 16), 255);
    pen_block(l, cx + pad, cy + pad + (head - th) / 2, tw, title, DL_FONT_BOLD, l->h3, 1.15, fg, 0,
              0);
    widget_button(l, cx + cw - pad - close_w, cy + pad + (head - bh) / 2, bh, ICON_CLOSE, close,
                  l->body, WB_PLAIN, surf, NAV_SHEET, 0, "sheet:close", 0);
    int y = cy + pad + head + gap;
    for (size_t i = 0; i < n; i++, y += bh + gap)
        sheet_row(l, cx + pad, y, cw - 2 * pad, bh, it[i].icon, it[i].label, it[i].on, it[i].a,
                  it[i].arg, it[i].name);
}
