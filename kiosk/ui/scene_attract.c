/* scene_attract.c — the attract loop. See scene_attract.h. */
#include "scene_attract.h"

#include <string.h>

#include "as_of.h"
#include "attract_plan.h"
#include "kstrings.h"
#include "widgets.h"

#define TITLE_LH 1.12
#define TEXT_LH 1.42
/* A text shown in parts: each part fades in and out over this time. */
#define PART_FADE_MS 400

/* The slow motion of a picture: a pan across the margin its zoom by
 * DL_ZOOM_MAX per mille leaves, eased (slow in, slow out) over the slide's
 * time on screen, to the right and to the left by turns. At that zoom the
 * picture is drawn pixel for pixel: moving it costs a copy, not a scaling.
 * The pan goes in whole pixels of the box w wide, so the frames between two
 * steps are the same and the renderer draws nothing new for them. */
static void picture_motion(const pen *l, int index, const kslide *sl, uint64_t since, int w,
                           int *zoom, int *pan)
{
    uint64_t dur = sl->duration_ms ? sl->duration_ms : 8000;
    uint64_t el = l->p->now > since ? l->p->now - since : 0;
    double t = el >= dur ? 1.0 : (double)el / (double)dur;
    double e = t * t * (3 - 2 * t);
    int margin = (int)((long)w * DL_ZOOM_MAX / 2000); /* pixels either way */
    double v = (index % 2 ? -1 : 1) * (2 * e - 1) * margin;
    int px = (int)(v < 0 ? v - 0.5 : v + 0.5);
    *zoom = 1000 + DL_ZOOM_MAX;
    *pan = margin > 0 ? px * 1000 / margin : 0;
}

/* A slide's picture in the plan's picture box, at the pen's alpha; its
 * ground is the slide's colour (shown while the picture is not ready, or
 * for a slide without one). */
static void slide_picture(pen *l, const attract_plan *p, int index, const kslide *sl,
                          uint64_t since, kcolor ground)
{
    const ap_box *b = &p->pic;
    if (!sl->image) {
        pen_rect(l, b->x, b->y, b->w, b->h, ground, 0, 255);
        return;
    }
    dl_item *it = pen_cover(l, b->x, b->y, b->w, b->h, sl->image, ground);
    if (!it)
        return;
    picture_motion(l, index, sl, since, b->w, &it->zoom, &it->pan_x);
}

/* The next slide's picture, invisible: the renderer prepares it while the
 * current one is shown, so the cross-fade does not wait for it. */
static void next_picture(pen *l, const attract_plan *p)
{
    const kcontent *c = l->c;
    if (!p->pic.w || c->n_slides < 2 || l->s->slide < 0)
        return;
    const kslide *sl = &c->slides[((size_t)l->s->slide + 1) % c->n_slides];
    if (!sl->image)
        return;
    uint8_t a = l->alpha;
    l->alpha = 0;
    pen_cover(l, p->pic.x, p->pic.y, p->pic.w, p->pic.h, sl->image, (kcolor){0});
    l->alpha = a;
}

/* AP_TEXT: a slide's image beside its text (landscape), or above it. */
static void slide_image(pen *l, const attract_plan *p, const ap_slide *s, const kslide *sl)
{
    int W = l->p->w, H = l->p->h, m = pen_u(l, 5), landscape = W * 10 >= H * 12;
    int iw, ih, bx, by = p->top, bw, bh;
    pen_image_size(l, sl->image, 16, 10, &iw, &ih);
    if (landscape) {
        bw = s->pic_w;
        bh = p->bottom - p->top;
        bx = W - m - bw;
    } else {
        bw = W - 2 * m;
        bh = (p->bottom - p->top) * 38 / 100;
        bx = m;
    }
    int dw, dh;
    pen_contain(iw, ih, bw, bh, &dw, &dh);
    pen_image(l, bx + (bw - dw) / 2, by + (bh - dh) / 2, dw, dh, sl->image);
}

/* Which part of a text in parts shows now (of slide index, on screen since
 * its slide_since), and the alpha it fades with. */
static int text_part(const pen *l, int index, const ap_slide *s, int *alpha)
{
    uint64_t dur = nav_slide_ms(&l->c->slides[index], s->parts); /* each part a slide's time */
    uint64_t since = index == l->s->slide ? l->s->slide_since : 0;
    uint64_t el = l->p->now > since ? l->p->now - since : 0;
    if (index != l->s->slide || el >= dur)
        el = dur - 1;
    uint64_t part_ms = dur / (uint64_t)s->parts;
    int k = imin((int)(el / part_ms), s->parts - 1);
    uint64_t in = el - (uint64_t)k * part_ms, left = part_ms - in;
    *alpha = 255;
    if (k > 0 && in < PART_FADE_MS)
        *alpha = (int)(255 * in / PART_FADE_MS);
    else if (k + 1 < s->parts && left < PART_FADE_MS)
        *alpha = (int)(255 * left / PART_FADE_MS);
    return k;
}

/* A slide's title, an accent bar and its text (or the part of it shown
 * now) in its zone, vertically centred with room for a caption below. */
static void slide_text(pen *l, const attract_plan *p, int index, kcolor bg, kcolor fg)
{
    const kslide *sl = &l->c->slides[index];
    const ap_slide *s = &p->s[index];
    int gap = p->gap, bar = pen_u(l, 1), adv = wrap_advance(s->lead, TEXT_LH);
    int shown = imin(s->lines, s->per_part), first = 0, count = s->lines, a = 255;
    if (s->parts > 1) {
        int k = text_part(l, index, s, &a);
        first = s->part_first[k];
        count = s->part_first[k + 1] - first;
    }
    int bh = shown ? (shown - 1) * adv + wrap_line_box(s->lead) : 0;
    int total = s->th + 2 * gap + bar + bh + p->caption;
    int y = s->top + imax(0, (p->bottom - s->top - total) / 2);
    const char *title = pen_text(l, &sl->title, l->lg);
    l->m.keep = title; /* a headline keeps its words whole */
    y += pen_block(l, s->x, y, s->tw, title, 1, s->hero, TITLE_LH, fg, 0, 0) + gap;
    pen_rect(l, s->x, y, pen_u(l, 12), bar, pen_mark(l, bg, l->th.accent), bar / 2, 255);
    y += bar + gap;
    const char *text = pen_text(l, &sl->text, l->lg);
    uint8_t alpha = l->alpha;
    l->alpha = (uint8_t)(alpha * a / 255);
    pen_lines(l, s->x, y, s->tw, text, 0, s->lead, TEXT_LH, fg, first, count, 0);
    l->alpha = alpha;
    pen_text_end(l);
    as_of_in(l, sl->as_of, s->x, y + bh, s->tw, p->caption, bg);
}

/* The slide's colour at col: its ground without the picture box (a fade
 * then fills it once, opaque, instead of blending a second ground over the
 * first across the screen). */
static void ground(pen *l, const attract_plan *p, kcolor col)
{
    const ap_box *g = &p->ground, *pic = &p->pic;
    if (p->kind != AP_BAND) {
        pen_rect(l, g->x, g->y, g->w, g->h, col, 0, 255);
        return;
    }
    pen_rect(l, 0, 0, pic->x, g->h, col, 0, 255); /* left of the picture, and below it */
    pen_rect(l, pic->x, pic->h, g->w - pic->x, g->h - pic->h, col, 0, 255);
}

/* One slide: its ground (unless the fade drew it: mixed) and picture at
 * bg_alpha, its text at l->alpha. */
static void slide_body(pen *l, const attract_plan *p, int index, uint8_t bg_alpha, int mixed)
{
    const kslide *sl = &l->c->slides[index];
    kcolor bg = l->hc ? COLOR_BLACK : sl->color;
    uint8_t content_alpha = l->alpha;
    int dy = l->dy; /* the background stays put while the text settles */
    l->alpha = bg_alpha;
    l->dy = 0;
    if (!mixed)
        pen_rect(l, p->ground.x, p->ground.y, p->ground.w, p->ground.h, bg, 0, 255);
    if (p->pic.w)
        slide_picture(l, p, index, sl, index == l->s->slide ? l->s->slide_since : 0, bg);
    l->alpha = content_alpha;
    l->dy = dy;
    if (p->s[index].image)
        slide_image(l, p, &p->s[index], sl);
    slide_text(l, p, index, bg, color_readable(bg, l->th.text, l->ratio));
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

/* The pill in the accent colour with the touch hint, and the texts, each
 * set in its own language. */
static void invitation_place(pen *l, const ap_box *b, const ap_invitation *v)
{
    int m = pen_u(l, 5), mark = v->mark, x0 = b->x + m;
    kcolor acc = l->th.accent;
    kcolor on_acc = color_readable(acc, COLOR_INK, l->ratio);
    pen_rect(l, x0, v->y, v->w, v->h, acc, imin(v->h / 2, pen_u(l, 6)), 255);
    int mx = x0 + pen_u(l, 4), my = v->y + (v->h - mark) / 2;
    touch_mark(l, mx, my, mark, on_acc);
    int tx0 = mx + mark + pen_u(l, 3), tw0 = x0 + v->w - pen_u(l, 4) - tx0;
    int ty = v->y + (v->h - v->text_h) / 2;
    const ktext *inv = &l->c->invitation;
    ty += pen_block(l, tx0, ty, tw0, pen_text(l, inv, LANG_DE), 1, v->px_de, 1.15, on_acc, 0, 0);
    if (v->two)
        pen_block(l, tx0, ty + v->gap_en, tw0, pen_text(l, inv, content_second_lang(l->c)), 0, v->px_en, 1.15,
                  on_acc, 0, 0);
    pen_text_end(l);
}

/* The speech gesture, announced above the invitation in both languages
 * (the visitor has not chosen one yet), the visitor's first, each set in
 * its own language; the hand shows two fingers. */
static void speech_hint(pen *l, const ap_box *b, int y, kcolor fg)
{
    int m = pen_u(l, 5), px = l->small, x0 = b->x + m;
    lang second = content_second_lang(l->c), other = l->lg == second ? LANG_DE : second;
    const char *hint1 = kstrings_get(l->c, l->lg, STR_SPEECH_GESTURE);
    const char *hint2 = kstrings_get(l->c, other, STR_SPEECH_GESTURE);
    int sym_w = pen_width(l, DL_FONT_ICON, px, ICON_SPEECH, strlen(ICON_SPEECH)) + pen_u(l, 1.5);
    int w = b->w - 2 * m - sym_w;
    pen_run(l, x0, y, ICON_SPEECH, strlen(ICON_SPEECH), sym_w - pen_u(l, 1.5), DL_FONT_ICON, px,
            fg);
    attract_hint_lang(l, 0);
    y += pen_block(l, x0 + sym_w, y, w, hint1, 0, px, 1.25, fg, 0, 0) + pen_u(l, 0.4);
    attract_hint_lang(l, 1);
    pen_block(l, x0 + sym_w, y, w, hint2, 0, px, 1.25, fg, 0, 0);
    pen_text_end(l);
}

/* The change of slide: the old text fades out in the first half while the
 * background colours blend, the new text fades in and settles in the
 * second half. Texts never show on top of each other. Returns the
 * background the chrome lies on. */
static kcolor slides(pen *l, const attract_plan *p)
{
    const kcontent *c = l->c;
    const nav_state *s = l->s;
    int t = nav_transition(s, l->p->cfg, l->p->now);
    double f = t / 1000.0;
    int cur = s->slide >= 0 && (size_t)s->slide < c->n_slides;
    int old = s->prev_slide >= 0 && (size_t)s->prev_slide < c->n_slides && t < 1000;
    /* beside a picture box the grounds blend into one colour, drawn once */
    int mixed = old && cur && p->kind != AP_TEXT && !l->hc;
    if (old) {
        l->z = DL_Z_SLIDE_OLD;
        if (mixed)
            ground(l, p, color_mix(c->slides[s->prev_slide].color, c->slides[s->slide].color, f));
        l->alpha = (uint8_t)(f < 0.5 ? 255 * (1 - 2 * f) : 0);
        slide_body(l, p, s->prev_slide, 255, mixed);
    }
    l->z = DL_Z_SLIDE;
    if (!cur) {
        pen_rect(l, 0, 0, l->p->w, l->p->h, l->th.background, 0, 255);
        return l->th.background;
    }
    const kslide *sl = &c->slides[s->slide];
    double g = f < 0.5 ? 0 : 2 * f - 1;
    double e = 1 - (1 - g) * (1 - g) * (1 - g); /* ease-out: a gentle landing */
    l->alpha = (uint8_t)(255 * g + 0.5);
    l->dy = (int)((1 - e) * pen_u(l, 3));
    slide_body(l, p, s->slide, (uint8_t)(255 * f + 0.5), mixed);
    l->alpha = 255;
    l->dy = 0;
    return l->hc ? COLOR_BLACK : sl->color;
}

/* Who runs this kiosk (the plan's ap_head): the logo at the right, the
 * organisation and the title, whole. */
static void head(pen *l, const attract_plan *p, kcolor fg)
{
    const kcontent *c = l->c;
    const ap_head *hd = &p->hd;
    int m = pen_u(l, 5), x0 = p->panel.x + m, y = p->panel.y + m;
    if (hd->logo_w)
        pen_image(l, p->panel.x + p->panel.w - m - hd->logo_w, y + (p->head_h - hd->logo_h) / 2,
                  hd->logo_w, hd->logo_h, c->logo);
    y += imax(pen_block(l, x0, y, hd->tw, pen_tx(&c->organisation, l->lg), 0, l->small, 1.15, fg, 0,
                        0),
              wrap_line_box(l->small)) +
         pen_u(l, 0.8);
    /* a smaller title on the line a full-size one would take */
    y += imax(0, wrap_line_box(p->head_px) - hd->title_h);
    pen_block(l, x0, y, hd->tw, pen_tx(&c->title, l->lg), 1, hd->title_px, 1.1, fg, 0, 0);
}

/* Progress: one dot per slide, the current one long; beside the
 * invitation, or above the hint at dots_y. */
static void dots(pen *l, const ap_box *b, const ap_invitation *v, int dots_y, kcolor fg)
{
    const kcontent *c = l->c;
    int W = b->x + b->w, m = pen_u(l, 5);
    int d = pen_u(l, 1.4), gap = pen_u(l, 1.2), longd = pen_u(l, 4);
    int total = (int)(c->n_slides - 1) * (d + gap) + longd;
    int x = W - m - total, dy = v->y + (v->h - d) / 2;
    if (v->dots_above) {
        x = b->x + m + pen_u(l, 1);
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
    l->sc->clear = l->th.background;
    const attract_plan *p = attract_plan_get(l);
    if (l->s->slide >= 0 && (size_t)l->s->slide < l->c->n_slides)
        l->sc->slide_parts = p->s[l->s->slide].parts; /* nav gives it the time */
    kcolor bg = slides(l, p);
    next_picture(l, p);

    /* chrome: who runs this kiosk, the invitation, where we are in the loop */
    l->z = DL_Z_CHROME;
    kcolor fg = color_readable(bg, l->th.text, l->ratio);
    head(l, p, fg);
    invitation_place(l, &p->chrome, &p->v);
    speech_hint(l, &p->chrome, p->hint_y, fg);
    if (l->c->n_slides > 1)
        dots(l, &p->chrome, &p->v, p->hint_y - pen_u(l, 2.5), fg);
    pen_target(l, 0, 0, l->p->w, l->p->h, 0, NAV_START, 0, "start");
}
