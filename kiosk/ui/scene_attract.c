/* scene_attract.c — the attract loop. See scene_attract.h. */
#include "scene_attract.h"

#include <string.h>

#include "kstrings.h"
#include "widgets.h"

/* A slide's image in the zone from *top to bottom: beside the text in
 * landscape (the text gets narrower: *tw), above it in portrait (the zone
 * gets shorter). */
static void slide_image(pen *l, const kslide *sl, int landscape, int *top, int bottom, int *tw)
{
    int W = l->p->w, m = pen_u(l, 5);
    int iw, ih;
    pen_image_size(l, sl->image, 16, 10, &iw, &ih);
    int bx, by = *top, bw, bh;
    if (landscape) {
        bw = (W - 3 * m) * 42 / 100;
        bh = bottom - *top;
        bx = W - m - bw;
        *tw = W - 3 * m - bw;
    } else {
        bw = W - 2 * m;
        bh = (bottom - *top) * 38 / 100;
        bx = m;
        *top += bh + pen_u(l, 4);
    }
    int dw, dh;
    pen_contain(iw, ih, bw, bh, &dw, &dh);
    pen_image(l, bx + (bw - dw) / 2, by + (bh - dh) / 2, dw, dh, sl->image);
}

/* A slide's title, an accent bar and its text in the zone from top to
 * bottom, tw wide at x: shrunk until they fit, vertically centred; what
 * still does not fit is cut. */
static void slide_text(pen *l, const kslide *sl, int x, int tw, int top, int bottom, kcolor fg)
{
    const char *title = pen_tx(&sl->title, l->lg), *text = pen_tx(&sl->text, l->lg);
    int hero = l->hero, lead = l->lead, th = 0, bh = 0, gap = 0, bar = pen_u(l, 1);
    for (int i = 0; i < 6; i++) {
        th = pen_height(l, tw, title, 1, hero, 1.12, 4, NULL);
        gap = pen_u(l, 3.5);
        bh = pen_height(l, tw, text, 0, lead, 1.42, 0, NULL);
        if (th + gap * 2 + bar + bh <= bottom - top)
            break;
        hero = hero * 88 / 100;
        lead = imax(lead * 92 / 100, l->body);
    }
    int avail = bottom - top;
    int total = th + 2 * gap + bar + bh;
    int max_text_lines = 0, title_lines = 4;
    if (total > avail) { /* still too long: cut the text with an ellipsis */
        int room = avail - th - 2 * gap - bar - wrap_line_box(lead);
        max_text_lines = room >= 0 ? room / wrap_advance(lead, 1.42) + 1 : -1;
        if (max_text_lines < 0) { /* no room for the text at all (large text) */
            int tadv = wrap_advance(hero, 1.12);
            title_lines = imax(1, imin(4, (avail - wrap_line_box(hero)) / tadv + 1));
            th = pen_height(l, tw, title, 1, hero, 1.12, title_lines, NULL);
        }
        total = max_text_lines < 0 ? th : avail;
    }
    int y = top + (avail - total) / 2;
    y += pen_block(l, x, y, tw, title, 1, hero, 1.12, fg, title_lines, 0) + gap;
    if (max_text_lines < 0)
        return;
    pen_rect(l, x, y, pen_u(l, 12), bar, l->th.accent, bar / 2, 255);
    y += bar + gap;
    pen_block(l, x, y, tw, text, 0, lead, 1.42, fg, max_text_lines, 0);
}

/* One slide: its background at bg_alpha, everything on it at l->alpha. */
static void slide_body(pen *l, const kslide *sl, int top, int bottom, uint8_t bg_alpha)
{
    int W = l->p->w, H = l->p->h, m = pen_u(l, 5);
    kcolor bg = l->hc ? COLOR_BLACK : sl->color;
    uint8_t content_alpha = l->alpha;
    int dy = l->dy; /* the background stays put while the text settles */
    l->alpha = bg_alpha;
    l->dy = 0;
    pen_rect(l, 0, 0, W, H, bg, 0, 255);
    l->alpha = content_alpha;
    l->dy = dy;
    int landscape = W * 10 >= H * 12;
    int tw = W - 2 * m;
    if (landscape) /* long lines tire the eye: about 60 characters of lead text */
        tw = imin(tw, (int)(W * 0.74));
    if (sl->image)
        slide_image(l, sl, landscape, &top, bottom, &tw);
    slide_text(l, sl, m, tw, top, bottom, color_readable(bg, l->th.text, l->ratio));
}

/* The invitation to touch: German large and bold, English below it, in a
 * pill at the foot of the screen. */
typedef struct invitation {
    const char *de, *en;
    int two;                /* English differs from German */
    int dots_above;         /* the slide dots go above the pill, not beside it */
    int px_de, px_en, mark; /* sizes of both texts and of the touch mark */
    int gap_en, text_h;
    int w, h, y; /* the pill */
} invitation;

/* Measure the invitation: it must never be cut, so it shrinks, then wraps
 * to three lines each, before anything else is placed. */
static void invitation_measure(pen *l, invitation *v)
{
    const kcontent *c = l->c;
    int W = l->p->w, H = l->p->h, m = pen_u(l, 5);
    v->de = pen_tx(&c->invitation, LANG_DE);
    v->en = pen_tx(&c->invitation, LANG_EN);
    v->two = strcmp(v->de, v->en) != 0;
    int dots_w = c->n_slides > 1 ? (int)(c->n_slides - 1) * pen_u(l, 2.6) + pen_u(l, 4) : 0;
    int max_pill = W - 2 * m;
    v->dots_above = 0;
    if (dots_w && max_pill - dots_w - pen_u(l, 3) >= pen_u(l, 70))
        max_pill -= dots_w + pen_u(l, 3);
    else
        v->dots_above = dots_w > 0;
    size_t len_de = strlen(v->de), len_en = strlen(v->en);
    v->px_de = l->lead;
    v->px_en = l->body;
    v->mark = wrap_line_box(v->px_de);
    int room = max_pill - v->mark - pen_u(l, 3) - 2 * pen_u(l, 4);
    while (v->px_de > l->body && (pen_width(l, 1, v->px_de, v->de, len_de) > room ||
                                  (v->two && pen_width(l, 0, v->px_en, v->en, len_en) > room))) {
        v->px_de = imax(v->px_de * 92 / 100, l->body);
        v->px_en = imax(v->px_en * 92 / 100, l->small);
        v->mark = wrap_line_box(v->px_de);
        room = max_pill - v->mark - pen_u(l, 3) - 2 * pen_u(l, 4);
    }
    /* still too long: up to three lines each rather than an ellipsis */
    size_t n_de = wrap_lines(l->p->m, 1, v->px_de, v->de, room, NULL, 0);
    size_t n_en = v->two ? wrap_lines(l->p->m, 0, v->px_en, v->en, room, NULL, 0) : 0;
    v->gap_en = pen_u(l, 0.6);
    v->text_h = pen_height(l, room, v->de, 1, v->px_de, 1.15, 3, NULL) +
                (v->two ? v->gap_en + pen_height(l, room, v->en, 0, v->px_en, 1.15, 3, NULL) : 0);
    int inner = room;
    if (n_de == 1 && n_en <= 1)
        inner = imax(pen_width(l, 1, v->px_de, v->de, len_de),
                     v->two ? pen_width(l, 0, v->px_en, v->en, len_en) : 0);
    v->h = imax(v->text_h + 2 * pen_u(l, 2.4), l->p->min_target);
    v->w = imin(max_pill, inner + v->mark + pen_u(l, 3) + 2 * pen_u(l, 4));
    v->y = H - m - v->h;
}

/* The pill in the accent colour with a "touch" mark, and the texts. */
static void invitation_place(pen *l, const invitation *v)
{
    int m = pen_u(l, 5), mark = v->mark;
    kcolor acc = l->th.accent;
    kcolor on_acc = color_readable(acc, COLOR_INK, l->ratio);
    pen_rect(l, m, v->y, v->w, v->h, acc, imin(v->h / 2, pen_u(l, 6)), 255);
    int mx = m + pen_u(l, 4), my = v->y + (v->h - mark) / 2;
    pen_rect(l, mx, my, mark, mark, on_acc, mark / 2, 70);
    pen_rect(l, mx + mark / 4, my + mark / 4, mark - mark / 2, mark - mark / 2, on_acc, mark / 4,
             255);
    int tx0 = mx + mark + pen_u(l, 3), tw0 = m + v->w - pen_u(l, 4) - tx0;
    int ty = v->y + (v->h - v->text_h) / 2;
    ty += pen_block(l, tx0, ty, tw0, v->de, 1, v->px_de, 1.15, on_acc, 3, 0);
    if (v->two)
        pen_block(l, tx0, ty + v->gap_en, tw0, v->en, 0, v->px_en, 1.15, on_acc, 3, 0);
}

/* The speech gesture, announced above the invitation in both languages
 * (the visitor has not chosen one yet), the visitor's first; the hand
 * shows two fingers. Its height; placed at y unless dry. */
static int speech_hint(pen *l, int y, kcolor fg, int dry)
{
    int W = l->p->w, m = pen_u(l, 5), px = l->small;
    const char *hint1 = kstrings_get(l->lg, STR_SPEECH_GESTURE);
    const char *hint2 = kstrings_get(l->lg == LANG_EN ? LANG_DE : LANG_EN, STR_SPEECH_GESTURE);
    int sym_w = pen_width(l, DL_FONT_ICON, px, ICON_SPEECH, strlen(ICON_SPEECH)) + pen_u(l, 1.5);
    int w = W - 2 * m - sym_w;
    int h1 = pen_height(l, w, hint1, 0, px, 1.25, 0, NULL);
    int h = h1 + pen_u(l, 0.4) + pen_height(l, w, hint2, 0, px, 1.25, 0, NULL);
    if (dry)
        return h;
    pen_run(l, m, y, ICON_SPEECH, strlen(ICON_SPEECH), sym_w - pen_u(l, 1.5), DL_FONT_ICON, px, fg);
    pen_block(l, m + sym_w, y, w, hint1, 0, px, 1.25, fg, 0, 0);
    pen_block(l, m + sym_w, y + h1 + pen_u(l, 0.4), w, hint2, 0, px, 1.25, fg, 0, 0);
    return h;
}

/* The change of slide: the old text fades out in the first half while the
 * background colours blend, the new text fades in and settles in the
 * second half. Texts never show on top of each other. Returns the
 * background the chrome lies on. */
static kcolor slides(pen *l, int top, int bottom)
{
    const kcontent *c = l->c;
    const nav_state *s = l->s;
    int t = nav_transition(s, l->p->cfg, l->p->now);
    double f = t / 1000.0;
    if (s->prev_slide >= 0 && (size_t)s->prev_slide < c->n_slides && t < 1000) {
        l->z = DL_Z_SLIDE_OLD;
        l->alpha = (uint8_t)(f < 0.5 ? 255 * (1 - 2 * f) : 0);
        slide_body(l, &c->slides[s->prev_slide], top, bottom, 255);
    }
    l->z = DL_Z_SLIDE;
    if (s->slide < 0 || (size_t)s->slide >= c->n_slides) {
        pen_rect(l, 0, 0, l->p->w, l->p->h, l->th.background, 0, 255);
        return l->th.background;
    }
    const kslide *sl = &c->slides[s->slide];
    double g = f < 0.5 ? 0 : 2 * f - 1;
    double e = 1 - (1 - g) * (1 - g) * (1 - g); /* ease-out: a gentle landing */
    l->alpha = (uint8_t)(255 * g + 0.5);
    l->dy = (int)((1 - e) * pen_u(l, 3));
    slide_body(l, sl, top, bottom, (uint8_t)(255 * f + 0.5));
    l->alpha = 255;
    l->dy = 0;
    return l->hc ? COLOR_BLACK : sl->color;
}

/* Who runs this kiosk: the logo at the right, the organisation and the
 * title, head_h high. */
static void head(pen *l, int head_h, kcolor fg)
{
    const kcontent *c = l->c;
    int W = l->p->w, m = pen_u(l, 5);
    int y = m;
    int logo_w = 0;
    if (c->logo) {
        int iw, ih, lh = head_h;
        pen_image_size(l, c->logo, 1, 1, &iw, &ih);
        logo_w = imin((int)((long)lh * iw / ih), W / 4);
        lh = (int)((long)logo_w * ih / iw);
        pen_image(l, W - m - logo_w, m + (head_h - lh) / 2, logo_w, lh, c->logo);
        logo_w += pen_u(l, 3);
    }
    int tw = W - 2 * m - logo_w;
    pen_fit(l, m, y, tw, pen_tx(&c->organisation, l->lg), 0, l->small, fg, 0);
    y += wrap_line_box(l->small) + pen_u(l, 0.8);
    const char *title = pen_tx(&c->title, l->lg);
    int title_px = l->h2;
    while (title_px > l->body && pen_width(l, 1, title_px, title, strlen(title)) > tw)
        title_px = imax(title_px * 92 / 100, l->body);
    pen_fit(l, m, y + wrap_line_box(l->h2) - wrap_line_box(title_px), tw, title, 1, title_px, fg,
            0);
}

/* Progress: one dot per slide, the current one long; beside the
 * invitation, or above the hint at dots_y. */
static void dots(pen *l, const invitation *v, int dots_y, kcolor fg)
{
    const kcontent *c = l->c;
    int W = l->p->w, m = pen_u(l, 5);
    int d = pen_u(l, 1.4), gap = pen_u(l, 1.2), longd = pen_u(l, 4);
    int total = (int)(c->n_slides - 1) * (d + gap) + longd;
    int x = W - m - total, dy = v->y + (v->h - d) / 2;
    if (v->dots_above) {
        x = m + pen_u(l, 1);
        dy = dots_y - d;
    }
    for (size_t i = 0; i < c->n_slides; i++) {
        int cur = (int)i == l->s->slide;
        int w = cur ? longd : d;
        pen_rect(l, x, dy, w, d, cur ? l->th.accent : fg, d / 2, cur ? 255 : 110);
        x += w + gap;
    }
}

void scene_attract(pen *l)
{
    int W = l->p->w, H = l->p->h, m = pen_u(l, 5);
    l->sc->clear = l->th.background;
    invitation v;
    invitation_measure(l, &v);
    int hint_y = v.y - pen_u(l, 2) - speech_hint(l, 0, l->th.text, 1);
    int head_h = wrap_line_box(l->small) + pen_u(l, 0.8) + wrap_line_box(l->h2);
    int top = m + head_h + pen_u(l, 3);
    int bottom = hint_y - pen_u(l, 3) - (v.dots_above ? pen_u(l, 5) : 0);
    kcolor bg = slides(l, top, bottom);

    /* chrome: who runs this kiosk, the invitation, where we are in the loop */
    l->z = DL_Z_CHROME;
    kcolor fg = color_readable(bg, l->th.text, l->ratio);
    head(l, head_h, fg);
    invitation_place(l, &v);
    speech_hint(l, hint_y, fg, 0);
    if (l->c->n_slides > 1)
        dots(l, &v, hint_y - pen_u(l, 2.5), fg);
    pen_target(l, 0, 0, W, H, 0, NAV_START, 0, "start");
}
