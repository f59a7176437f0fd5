/* widgets.c — the controls every scene shares. See widgets.h. */
#include "widgets.h"

#include <string.h>

#include "arena.h"

int widget_button_h(const pen *l)
{
    /* large text needs taller buttons: the label plus its padding */
    return imax(imax(l->p->min_target, pen_u(l, 8.5)), wrap_line_box(l->body) + 2 * pen_u(l, 1.5));
}

int widget_header_h(const pen *l)
{
    return imax(pen_u(l, 13), widget_button_h(l) + 2 * pen_u(l, 2.2));
}

int widget_reach_y(const pen *l)
{
    return (l->p->h * LAYOUT_REACH_TOP_PERCENT + 99) / 100;
}

const char *widget_label(pen *l, const char *icon, str_id id)
{
    const char *s = arena_printf(l->sc->strings, "%s %s", icon, kstrings_get(l->lg, id));
    return s ? s : icon;
}

int widget_button(pen *l, int x, int y, int h, const char *label, int px, kcolor fill,
                  uint8_t fill_alpha, kcolor fg, nav_action a, int arg, const char *name, int dry)
{
    int pad = imax(pen_u(l, 2.6), h / 3);
    int w = imax(l->p->min_target, pen_width(l, 1, px, label, strlen(label)) + 2 * pad);
    if (dry)
        return w;
    if (fill_alpha)
        pen_panel(l, x, y, w, h, fill, h / 2, fill_alpha);
    pen_fit(l, x + pad, y + (h - wrap_line_box(px)) / 2, w - 2 * pad, label, 1, px, fg, 1);
    pen_target(l, x, y, w, h, h / 2, a, arg, name);
    return w;
}

int widget_langs(pen *l, int x_right, int y, int h, int compact, kcolor bg, kcolor fg,
                 kcolor active_bg, int dry)
{
    str_id label = compact ? STR_LANG_SHORT : STR_LANG_NAME;
    int px = l->small;
    int pad = pen_u(l, 2.2);
    int inset = imax(2, pen_u(l, 0.5));
    int ws[LANG_COUNT] = {0};
    int total = inset;
    for (int i = 0; i < LANG_COUNT; i++) {
        if (i == LANG_LS && !layout_has_lang(l->c, LANG_LS))
            continue;
        const char *s = kstrings_get((lang)i, label);
        ws[i] = imax(l->p->min_target, pen_width(l, 1, px, s, strlen(s)) + 2 * pad);
        total += ws[i];
    }
    total += inset;
    if (dry)
        return total;
    int x = x_right - total;
    pen_panel(l, x, y, total, h, color_tint(bg, fg), h / 2, 255);
    int cx = x + inset;
    kcolor active_fg = color_readable(active_bg, bg, l->ratio);
    for (int i = 0; i < LANG_COUNT; i++) {
        if (!ws[i])
            continue;
        const char *s = kstrings_get((lang)i, label);
        int on = l->lg == (lang)i;
        int sh = h - 2 * inset;
        if (on)
            pen_rect(l, cx, y + inset, ws[i], sh, active_bg, sh / 2, 255);
        kcolor col = on ? active_fg : color_readable(color_tint(bg, fg), fg, l->ratio);
        pen_fit(l, cx + pad, y + (h - wrap_line_box(px)) / 2, ws[i] - 2 * pad, s, 1, px, col, 1);
        /* the target spans the full pill height: easier to hit */
        pen_target(l, cx, y, ws[i], h, sh / 2, NAV_LANG, i,
                   arena_printf(l->sc->strings, "lang:%s", lang_code((lang)i)));
        cx += ws[i];
    }
    return total;
}

/* ---- the control bar ------------------------------------------------------ */

enum { W_BACK, W_HOME, W_LANG, W_CONTRAST, W_LARGE, W_COUNT };

/* A toggle for one of the visitor's choices: a pill, filled in the accent
 * colour and checked when on, plain when off, so the state shows without
 * colour too. It is as wide in both states: a tap does not move it. */
static int toggle(pen *l, int kind, int compact, int x, int y, int h, kcolor bg, kcolor fg, int dry)
{
    const char *label;
    if (kind == W_CONTRAST)
        label = compact ? ICON_CONTRAST : kstrings_get(l->lg, STR_CONTRAST);
    else
        label = compact ? ICON_LARGE : kstrings_get(l->lg, STR_LARGE_TEXT);
    int on = kind == W_CONTRAST ? l->s->contrast : l->s->large;
    int px = l->body;
    int pad = imax(pen_u(l, 2.6), h / 3);
    char *checked = arena_printf(l->sc->strings, ICON_CHECK " %s", label);
    if (!checked)
        return l->p->min_target;
    int w = imax(l->p->min_target, pen_width(l, 1, px, checked, strlen(checked)) + 2 * pad);
    if (dry)
        return w;
    kcolor fill = on ? l->th.accent : color_tint(bg, fg);
    kcolor col =
        on ? color_readable(fill, COLOR_INK, l->ratio) : color_readable(fill, fg, l->ratio);
    if (on)
        pen_rect(l, x, y, w, h, fill, h / 2, 255);
    else
        pen_panel(l, x, y, w, h, fill, h / 2, 255);
    pen_fit(l, x + pad, y + (h - wrap_line_box(px)) / 2, w - 2 * pad, on ? checked : label, 1, px,
            col, 1);
    pen_target(l, x, y, w, h, h / 2, kind == W_CONTRAST ? NAV_CONTRAST : NAV_LARGE, 0,
               kind == W_CONTRAST ? "contrast" : "large");
    return w;
}

/* One control of the bar at (x, y); its width. level 1: short language
 * names and arrows for back and home, level 2: the toggles as symbols too. */
static int control(pen *l, int kind, int level, int x, int y, int h, kcolor bg, kcolor fg, int dry)
{
    kcolor fill = color_tint(bg, fg), on_fill = color_readable(fill, fg, l->ratio);
    switch (kind) {
    case W_BACK:
        return widget_button(l, x, y, h, level ? ICON_BACK : widget_label(l, ICON_BACK, STR_BACK),
                             l->body, fill, 255, on_fill, NAV_BACK, 0, "back", dry);
    case W_HOME:
        return widget_button(l, x, y, h, level ? ICON_HOME : widget_label(l, ICON_HOME, STR_HOME),
                             l->body, fill, 255, on_fill, NAV_HOME, 0, "home", dry);
    case W_LANG: {
        int w = widget_langs(l, 0, y, h, level >= 1, bg, fg, l->th.accent, 1);
        if (!dry)
            widget_langs(l, x + w, y, h, level >= 1, bg, fg, l->th.accent, 0);
        return w;
    }
    default:
        return toggle(l, kind, level >= 2, x, y, h, bg, fg, dry);
    }
}

/* Rows the controls take when packed left to right into width. */
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

/* What the bar holds and how it is laid out. */
typedef struct bar {
    int kinds[W_COUNT], n, n_left; /* the first n_left at the left, the rest right */
    int ws[W_COUNT], level, rows;
    int m, bh, gap, pad;
    kcolor bg, fg;
} bar;

/* Words while the bar stays low (two rows at most, a sixth of the
 * screen), else the fewest rows. */
static void bar_measure(pen *l, bar *b)
{
    int found = 0;
    for (int lv = 0; lv < 3 && !found; lv++) {
        int w2[W_COUNT];
        for (int i = 0; i < b->n; i++)
            w2[i] = control(l, b->kinds[i], lv, 0, 0, b->bh, b->bg, b->fg, 1);
        int r = pack_rows(w2, b->n, l->p->w - 2 * b->m, b->gap);
        found = r == 1 || (r == 2 && 2 * b->bh + b->gap + 2 * b->pad <= l->p->h / 6);
        if (lv == 0 || r < b->rows || found) {
            b->level = lv;
            b->rows = r;
            memcpy(b->ws, w2, sizeof w2);
        }
    }
}

/* Place the controls from y; the room left free in the last row goes to
 * *free_x, *free_w, and that row's top to *row_y. */
static void bar_place(pen *l, const bar *b, int y, int *free_x, int *free_w, int *row_y)
{
    int W = l->p->w, m = b->m, gap = b->gap;
    int x = m;
    if (b->rows == 1) {
        for (int i = 0; i < b->n_left; i++)
            x += control(l, b->kinds[i], b->level, x, y, b->bh, b->bg, b->fg, 0) + gap;
        int right = 0;
        for (int i = b->n_left; i < b->n; i++)
            right += b->ws[i] + (i > b->n_left ? gap : 0);
        *free_x = x;
        *free_w = W - m - right - gap - x;
        x = W - m - right;
        for (int i = b->n_left; i < b->n; i++)
            x += control(l, b->kinds[i], b->level, x, y, b->bh, b->bg, b->fg, 0) + gap;
    } else {
        for (int i = 0; i < b->n; i++) {
            if (x > m && x + b->ws[i] > W - m) {
                x = m;
                y += b->bh + gap;
            }
            x += control(l, b->kinds[i], b->level, x, y, b->bh, b->bg, b->fg, 0) + gap;
        }
        *free_x = x;
        *free_w = W - m - x;
    }
    *row_y = y;
}

int widget_bar(pen *l, int page, int dry)
{
    int W = l->p->w, H = l->p->h;
    bar b = {
        .m = pen_u(l, 4.5), .bh = widget_button_h(l), .gap = pen_u(l, 2), .pad = pen_u(l, 1.8)};
    b.bg = l->th.surface;
    b.fg = color_readable(b.bg, l->th.text, l->ratio);
    if (l->reach && page) {
        b.kinds[b.n++] = W_BACK;
        b.kinds[b.n++] = W_HOME;
        b.n_left = 2;
    }
    if (l->reach)
        b.kinds[b.n++] = W_LANG;
    b.kinds[b.n++] = W_CONTRAST;
    b.kinds[b.n++] = W_LARGE;
    bar_measure(l, &b);
    int height = b.rows * b.bh + (b.rows - 1) * b.gap + 2 * b.pad;
    if (dry)
        return height;
    int y0 = H - height;
    int z = l->z;
    l->z = DL_Z_CHROME;
    pen_rect(l, 0, y0, W, height, b.bg, 0, 255);
    if (l->hc)
        pen_rect(l, 0, y0, W, l->bw, COLOR_YELLOW, 0, 255);
    int free_x, free_w, y;
    bar_place(l, &b, y0 + b.pad, &free_x, &free_w, &y);
    if (l->s->speech) {
        const char *mark = widget_label(l, ICON_SPEECH, STR_SPEECH_MARK);
        int mw = pen_width(l, 1, l->small, mark, strlen(mark));
        if (mw <= free_w)
            pen_run(l, free_x, y + (b.bh - wrap_line_box(l->small)) / 2, mark, strlen(mark), mw, 1,
                    l->small, b.fg);
    }
    l->z = z;
    return height;
}
