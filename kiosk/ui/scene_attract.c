/* scene_attract.c — the attract loop. See scene_attract.h. */
#include "scene_attract.h"

#include <string.h>

#include "as_of.h"
#include "kstrings.h"
#include "widgets.h"

/* Where the attract loop's text goes (the panel) and its picture. With
 * pictures the screen is split: landscape, text panel left (45 %) and the
 * picture right at full height; portrait, the picture on top (50 %) and the
 * text below. Without pictures, with large text, or on a screen between
 * (5:3, 16:10), the panel is the whole screen and the picture a box beside
 * the text. */
typedef struct box {
    int x, y, w, h;
} box;

typedef struct frame {
    box panel, pic;
    int pictured;
} frame;

static int has_pictures(const kcontent *c)
{
    for (size_t i = 0; i < c->n_slides; i++)
        if (c->slides[i].image)
            return 1;
    return 0;
}

static void frame_init(const pen *l, frame *f)
{
    int W = l->p->w, H = l->p->h;
    /* large text needs the whole screen, and so does the type on screens
     * less wide than 16:9: the text first, the picture beside it smaller */
    int wide = W * 100 >= H * 170, portrait = W < H;
    *f = (frame){{0, 0, W, H}, {0, 0, 0, 0}, has_pictures(l->c) && !l->large && (wide || portrait)};
    if (!f->pictured)
        return;
    if (wide) {
        int pw = W * 45 / 100;
        f->panel = (box){0, 0, pw, H};
        f->pic = (box){pw, 0, W - pw, H};
    } else {
        int ph = H * 50 / 100;
        f->pic = (box){0, 0, W, ph};
        f->panel = (box){0, ph, W, H - ph};
    }
}

/* The slow motion of a picture: a pan across the margin its zoom by
 * DL_ZOOM_MAX per mille leaves, eased (slow in, slow out) over the slide's
 * time on screen, to the right and to the left by turns. At that zoom the
 * picture is drawn pixel for pixel: moving it costs a copy, not a scaling. */
static void picture_motion(const pen *l, int index, const kslide *sl, uint64_t since, int *zoom,
                           int *pan)
{
    uint64_t dur = sl->duration_ms ? sl->duration_ms : 8000;
    uint64_t el = l->p->now > since ? l->p->now - since : 0;
    double t = el >= dur ? 1.0 : (double)el / (double)dur;
    double e = t * t * (3 - 2 * t);
    *zoom = 1000 + DL_ZOOM_MAX;
    *pan = (int)((index % 2 ? -1 : 1) * (2000 * e - 1000));
}

/* A slide's picture in the picture box, at the pen's alpha; its ground is
 * the slide's colour (shown while the picture is not ready, or for a slide
 * without one). */
static void slide_picture(pen *l, const frame *f, int index, const kslide *sl, uint64_t since,
                          kcolor ground)
{
    const box *b = &f->pic;
    if (!sl->image) {
        pen_rect(l, b->x, b->y, b->w, b->h, ground, 0, 255);
        return;
    }
    dl_item *it = pen_item(l, DL_IMAGE, b->x, b->y, b->w, b->h);
    if (!it)
        return;
    it->ref = sl->image;
    it->cover = 1;
    it->color = ground;
    picture_motion(l, index, sl, since, &it->zoom, &it->pan_x);
}

/* The next slide's picture, invisible: the renderer prepares it while the
 * current one is shown, so the cross-fade does not wait for it. */
static void next_picture(pen *l, const frame *f)
{
    const kcontent *c = l->c;
    if (!f->pictured || c->n_slides < 2 || l->s->slide < 0)
        return;
    const kslide *sl = &c->slides[((size_t)l->s->slide + 1) % c->n_slides];
    if (!sl->image)
        return;
    uint8_t a = l->alpha;
    l->alpha = 0;
    dl_item *it = pen_item(l, DL_IMAGE, f->pic.x, f->pic.y, f->pic.w, f->pic.h);
    if (it) {
        it->ref = sl->image;
        it->cover = 1;
        it->zoom = 1000;
    }
    l->alpha = a;
}

/* A slide's image in the zone from *top to bottom when the loop has no
 * pictures to frame: beside the text in landscape (the text gets narrower:
 * *tw), above it in portrait (the zone gets shorter). */
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

/* The sizes of a slide's title (hero) and text (lead), shrunk until both
 * fit in avail at width tw, and their heights: 1 when they fit. */
static int slide_sizes(const pen *l, const kslide *sl, int tw, int avail, int *hero, int *lead,
                       int *th, int *bh)
{
    const char *title = pen_tx(&sl->title, l->lg), *text = pen_tx(&sl->text, l->lg);
    int gap = pen_u(l, 3.5), bar = pen_u(l, 1);
    *hero = l->hero;
    *lead = l->lead;
    for (int i = 0; i < 6; i++) {
        *th = pen_height(l, tw, title, 1, *hero, 1.12, 4, NULL);
        *bh = pen_height(l, tw, text, 0, *lead, 1.42, 0, NULL);
        if (*th + gap * 2 + bar + *bh <= avail)
            return 1;
        if (i < 5) {
            *hero = *hero * 88 / 100;
            *lead = imax(*lead * 92 / 100, l->body);
        }
    }
    return 0;
}

/* A slide's title, an accent bar and its text in the zone from top to
 * bottom, tw wide at x: shrunk until they fit, vertically centred; what
 * still does not fit is cut. */
static void slide_text(pen *l, const kslide *sl, int x, int tw, int top, int bottom, kcolor fg)
{
    const char *title = pen_tx(&sl->title, l->lg), *text = pen_tx(&sl->text, l->lg);
    int hero, lead, th, bh, gap = pen_u(l, 3.5), bar = pen_u(l, 1);
    slide_sizes(l, sl, tw, bottom - top, &hero, &lead, &th, &bh);
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

/* One slide: its background (and picture) at bg_alpha, its text at
 * l->alpha. */
static void slide_body(pen *l, const frame *f, int index, int top, int bottom, uint8_t bg_alpha)
{
    const kslide *sl = &l->c->slides[index];
    const box *pb = &f->panel;
    int W = l->p->w, H = l->p->h, m = pen_u(l, 5);
    kcolor bg = l->hc ? COLOR_BLACK : sl->color;
    uint8_t content_alpha = l->alpha;
    int dy = l->dy; /* the background stays put while the text settles */
    l->alpha = bg_alpha;
    l->dy = 0;
    pen_rect(l, pb->x, pb->y, pb->w, pb->h, bg, 0, 255);
    if (f->pictured)
        slide_picture(l, f, index, sl, index == l->s->slide ? l->s->slide_since : 0, bg);
    l->alpha = content_alpha;
    l->dy = dy;
    int landscape = W * 10 >= H * 12;
    int tw = pb->w - 2 * m;
    if (landscape && !f->pictured) /* long lines tire the eye: about 60 characters */
        tw = imin(tw, (int)(W * 0.74));
    int h, t, b0, b1, tw_pic = W - 3 * m - (W - 3 * m) * 42 / 100;
    if (sl->image && !f->pictured && /* the picture beside the text only where the text fits */
        (!landscape || slide_sizes(l, sl, tw_pic, bottom - top, &h, &t, &b0, &b1)))
        slide_image(l, sl, landscape, &top, bottom, &tw);
    slide_text(l, sl, pb->x + m, tw, top, bottom, color_readable(bg, l->th.text, l->ratio));
    as_of_slide(l, sl->as_of, pb->x + m, bottom, tw, pb->w, bg);
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
static void invitation_measure(pen *l, const box *pb, invitation *v)
{
    const kcontent *c = l->c;
    int W = pb->w, m = pen_u(l, 5);
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
    v->y = pb->y + pb->h - m - v->h;
}

/* The touch hint: a dot and a ring around it that swells and fades, once
 * every ATTRACT_PULSE_MS, gently (a small area, far below the flash limit). */
#define ATTRACT_PULSE_MS 2400

static void touch_mark(pen *l, int mx, int my, int mark, kcolor col)
{
    double t = (double)(l->p->now % ATTRACT_PULSE_MS) / ATTRACT_PULSE_MS;
    double e = 1 - (1 - t) * (1 - t); /* ease-out: it swells fast, then settles */
    int grow = (int)(mark * 0.18 * e + 0.5);
    int r = mark + 2 * grow;
    pen_rect(l, mx - grow, my - grow, r, r, col, r / 2, (uint8_t)(90 * (1 - e) + 0.5));
    pen_rect(l, mx, my, mark, mark, col, mark / 2, 70);
    pen_rect(l, mx + mark / 4, my + mark / 4, mark - mark / 2, mark - mark / 2, col, mark / 4, 255);
}

/* The pill in the accent colour with the touch hint, and the texts. */
static void invitation_place(pen *l, const box *pb, const invitation *v)
{
    int m = pen_u(l, 5), mark = v->mark, x0 = pb->x + m;
    kcolor acc = l->th.accent;
    kcolor on_acc = color_readable(acc, COLOR_INK, l->ratio);
    pen_rect(l, x0, v->y, v->w, v->h, acc, imin(v->h / 2, pen_u(l, 6)), 255);
    int mx = x0 + pen_u(l, 4), my = v->y + (v->h - mark) / 2;
    touch_mark(l, mx, my, mark, on_acc);
    int tx0 = mx + mark + pen_u(l, 3), tw0 = x0 + v->w - pen_u(l, 4) - tx0;
    int ty = v->y + (v->h - v->text_h) / 2;
    ty += pen_block(l, tx0, ty, tw0, v->de, 1, v->px_de, 1.15, on_acc, 3, 0);
    if (v->two)
        pen_block(l, tx0, ty + v->gap_en, tw0, v->en, 0, v->px_en, 1.15, on_acc, 3, 0);
}

/* The speech gesture, announced above the invitation in both languages
 * (the visitor has not chosen one yet), the visitor's first; the hand
 * shows two fingers. Its height; placed at y unless dry. */
static int speech_hint(pen *l, const box *pb, int y, kcolor fg, int dry)
{
    int W = pb->w, m = pen_u(l, 5), px = l->small, x0 = pb->x + m;
    const char *hint1 = kstrings_get(l->lg, STR_SPEECH_GESTURE);
    const char *hint2 = kstrings_get(l->lg == LANG_EN ? LANG_DE : LANG_EN, STR_SPEECH_GESTURE);
    int sym_w = pen_width(l, DL_FONT_ICON, px, ICON_SPEECH, strlen(ICON_SPEECH)) + pen_u(l, 1.5);
    int w = W - 2 * m - sym_w;
    int h1 = pen_height(l, w, hint1, 0, px, 1.25, 0, NULL);
    int h = h1 + pen_u(l, 0.4) + pen_height(l, w, hint2, 0, px, 1.25, 0, NULL);
    if (dry)
        return h;
    pen_run(l, x0, y, ICON_SPEECH, strlen(ICON_SPEECH), sym_w - pen_u(l, 1.5), DL_FONT_ICON, px,
            fg);
    pen_block(l, x0 + sym_w, y, w, hint1, 0, px, 1.25, fg, 0, 0);
    pen_block(l, x0 + sym_w, y + h1 + pen_u(l, 0.4), w, hint2, 0, px, 1.25, fg, 0, 0);
    return h;
}

/* The change of slide: the old text fades out in the first half while the
 * background colours blend, the new text fades in and settles in the
 * second half. Texts never show on top of each other. Returns the
 * background the chrome lies on. */
static kcolor slides(pen *l, const frame *fr, int top, int bottom)
{
    const kcontent *c = l->c;
    const nav_state *s = l->s;
    int t = nav_transition(s, l->p->cfg, l->p->now);
    double f = t / 1000.0;
    if (s->prev_slide >= 0 && (size_t)s->prev_slide < c->n_slides && t < 1000) {
        l->z = DL_Z_SLIDE_OLD;
        l->alpha = (uint8_t)(f < 0.5 ? 255 * (1 - 2 * f) : 0);
        slide_body(l, fr, s->prev_slide, top, bottom, 255);
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
    slide_body(l, fr, s->slide, top, bottom, (uint8_t)(255 * f + 0.5));
    l->alpha = 255;
    l->dy = 0;
    return l->hc ? COLOR_BLACK : sl->color;
}

/* Who runs this kiosk: the logo at the right, the organisation and the
 * title, head_h high. */
static void head(pen *l, const box *pb, int head_h, kcolor fg)
{
    const kcontent *c = l->c;
    int W = pb->w, m = pen_u(l, 5), x0 = pb->x + m;
    int y = pb->y + m;
    int logo_w = 0;
    const char *title = pen_tx(&c->title, l->lg);
    int title_min = pen_width(l, 1, l->body, title, strlen(title));
    if (c->logo && title_min <= W - 2 * m - W / 4 - pen_u(l, 3)) { /* the title first */
        int iw, ih, lh = head_h;
        pen_image_size(l, c->logo, 1, 1, &iw, &ih);
        logo_w = imin((int)((long)lh * iw / ih), W / 4);
        lh = (int)((long)logo_w * ih / iw);
        pen_image(l, pb->x + W - m - logo_w, y + (head_h - lh) / 2, logo_w, lh, c->logo);
        logo_w += pen_u(l, 3);
    }
    int tw = W - 2 * m - logo_w;
    pen_fit(l, x0, y, tw, pen_tx(&c->organisation, l->lg), 0, l->small, fg, 0);
    y += wrap_line_box(l->small) + pen_u(l, 0.8);
    int title_px = l->h2;
    while (title_px > l->body && pen_width(l, 1, title_px, title, strlen(title)) > tw)
        title_px = imax(title_px * 92 / 100, l->body);
    pen_fit(l, x0, y + wrap_line_box(l->h2) - wrap_line_box(title_px), tw, title, 1, title_px, fg,
            0);
}

/* Progress: one dot per slide, the current one long; beside the
 * invitation, or above the hint at dots_y. */
static void dots(pen *l, const box *pb, const invitation *v, int dots_y, kcolor fg)
{
    const kcontent *c = l->c;
    int W = pb->x + pb->w, m = pen_u(l, 5);
    int d = pen_u(l, 1.4), gap = pen_u(l, 1.2), longd = pen_u(l, 4);
    int total = (int)(c->n_slides - 1) * (d + gap) + longd;
    int x = W - m - total, dy = v->y + (v->h - d) / 2;
    if (v->dots_above) {
        x = pb->x + m + pen_u(l, 1);
        dy = dots_y - d;
    }
    for (size_t i = 0; i < c->n_slides; i++) {
        int cur = (int)i == l->s->slide;
        int w = cur ? longd : d;
        pen_rect(l, x, dy, w, d, cur ? l->th.accent : fg, d / 2, cur ? 255 : 110);
        x += w + gap;
    }
}

/* The zone the slides' text gets in frame fr, from *top to *bottom, below
 * the head and above the hint and the invitation (measured into v). */
static void text_zone(pen *l, const frame *fr, invitation *v, int *hint_y, int *top, int *bottom)
{
    const box *pb = &fr->panel;
    int m = pen_u(l, 5);
    invitation_measure(l, pb, v);
    *hint_y = v->y - pen_u(l, 2) - speech_hint(l, pb, 0, l->th.text, 1);
    *top = pb->y + m + wrap_line_box(l->small) + pen_u(l, 0.8) + wrap_line_box(l->h2) + pen_u(l, 3);
    *bottom = *hint_y - pen_u(l, 3) - (v->dots_above ? pen_u(l, 5) : 0);
}

/* 1 when every slide's text fits in the zone, tw wide. */
static int all_fit(const pen *l, int tw, int top, int bottom)
{
    int h, t, b0, b1;
    for (size_t i = 0; i < l->c->n_slides; i++)
        if (!slide_sizes(l, &l->c->slides[i], tw, bottom - top, &h, &t, &b0, &b1))
            return 0;
    return 1;
}

void scene_attract(pen *l)
{
    int W = l->p->w, H = l->p->h, m = pen_u(l, 5);
    l->sc->clear = l->th.background;
    frame fr;
    frame_init(l, &fr);
    invitation v;
    int hint_y, top, bottom;
    text_zone(l, &fr, &v, &hint_y, &top, &bottom);
    if (fr.pictured && !all_fit(l, fr.panel.w - 2 * m, top, bottom)) {
        fr = (frame){{0, 0, W, H}, {0, 0, 0, 0}, 0}; /* the text first: the whole screen */
        text_zone(l, &fr, &v, &hint_y, &top, &bottom);
    }
    const box *pb = &fr.panel;
    int head_h = wrap_line_box(l->small) + pen_u(l, 0.8) + wrap_line_box(l->h2);
    kcolor bg = slides(l, &fr, top, bottom - as_of_slide_room(l, pb->w));
    next_picture(l, &fr);

    /* chrome: who runs this kiosk, the invitation, where we are in the loop */
    l->z = DL_Z_CHROME;
    kcolor fg = color_readable(bg, l->th.text, l->ratio);
    head(l, pb, head_h, fg);
    as_of_head(l, pb->x, pb->y, pb->w, bg);
    invitation_place(l, pb, &v);
    speech_hint(l, pb, hint_y, fg, 0);
    if (l->c->n_slides > 1)
        dots(l, pb, &v, hint_y - pen_u(l, 2.5), fg);
    pen_target(l, 0, 0, W, H, 0, NAV_START, 0, "start");
}
