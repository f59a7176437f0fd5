/* attract_plan.c — the attract loop's plan. See attract_plan.h. */
#include "attract_plan.h"

#include <limits.h>
#include <string.h>

#include "kstrings.h"
#include "widgets.h"

#define TITLE_LH 1.12
#define TEXT_LH 1.42

static int has_pictures(const kcontent *c)
{
    for (size_t i = 0; i < c->n_slides; i++)
        if (c->slides[i].image)
            return 1;
    return 0;
}

/* ---- the chrome ------------------------------------------------------------ */

int attract_hint_height(pen *l, int w)
{
    int px = l->small;
    const char *hint1 = kstrings_get(l->c, l->lg, STR_SPEECH_GESTURE);
    lang second = content_second_lang(l->c);
    const char *hint2 = kstrings_get(l->c, l->lg == second ? LANG_DE : second, STR_SPEECH_GESTURE);
    int sym_w = pen_width(l, DL_FONT_ICON, px, ICON_SPEECH, strlen(ICON_SPEECH)) + pen_u(l, 1.5);
    attract_hint_lang(l, 0);
    int h = pen_height(l, w - sym_w, hint1, 0, px, 1.25, 0, NULL) + pen_u(l, 0.4);
    attract_hint_lang(l, 1);
    h += pen_height(l, w - sym_w, hint2, 0, px, 1.25, 0, NULL);
    pen_text_end(l);
    return h;
}

void attract_hint_lang(pen *l, int other)
{
    lang second = content_second_lang(l->c), in = other ? (l->lg == second ? LANG_DE : second) : l->lg;
    l->m.lg = klang_easy(l->c, in) ? LANG_DE : in;
    l->m.keep = kstrings_get(l->c, in, STR_SPEECH_GESTURE);
}

/* The invitation in the chrome box b: it shrinks, then wraps to three lines
 * each, rather than be cut. */
static void invitation_measure(pen *l, const ap_box *b, ap_invitation *v)
{
    const kcontent *c = l->c;
    int m = pen_u(l, 5);
    lang second = content_second_lang(c);
    const char *de = pen_tx(&c->invitation, LANG_DE), *en = pen_tx(&c->invitation, second);
    v->two = strcmp(de, en) != 0;
    int dots_w = c->n_slides > 1 ? (int)(c->n_slides - 1) * pen_u(l, 2.6) + pen_u(l, 4) : 0;
    int max_pill = b->w - 2 * m;
    v->dots_above = 0;
    if (dots_w && max_pill - dots_w - pen_u(l, 3) >= pen_u(l, 70))
        max_pill -= dots_w + pen_u(l, 3);
    else
        v->dots_above = dots_w > 0;
    size_t len_de = strlen(de), len_en = strlen(en);
    v->px_de = l->lead;
    v->px_en = l->body;
    v->mark = wrap_line_box(v->px_de);
    int room = max_pill - v->mark - pen_u(l, 3) - 2 * pen_u(l, 4);
    while (v->px_de > l->body && (pen_width(l, 1, v->px_de, de, len_de) > room ||
                                  (v->two && pen_width(l, 0, v->px_en, en, len_en) > room))) {
        v->px_de = imax(v->px_de * 92 / 100, l->body);
        v->px_en = imax(v->px_en * 92 / 100, l->small);
        v->mark = wrap_line_box(v->px_de);
        room = max_pill - v->mark - pen_u(l, 3) - 2 * pen_u(l, 4);
    }
    l->m.lg = LANG_DE;
    size_t n_de = wrap_lines(l->p->m, 1, v->px_de, de, room, NULL, 0);
    v->text_h = pen_height(l, room, de, 1, v->px_de, 1.15, 0, NULL);
    size_t n_en = 0;
    v->gap_en = pen_u(l, 0.6);
    if (v->two) {
        pen_text(l, &c->invitation, second);
        n_en = wrap_lines(l->p->m, 0, v->px_en, en, room, NULL, 0);
        v->text_h += v->gap_en + pen_height(l, room, en, 0, v->px_en, 1.15, 0, NULL);
    }
    pen_text_end(l);
    int inner = room;
    if (n_de == 1 && n_en <= 1)
        inner = imax(pen_width(l, 1, v->px_de, de, len_de),
                     v->two ? pen_width(l, 0, v->px_en, en, len_en) : 0);
    v->h = imax(v->text_h + 2 * pen_u(l, 2.4), l->p->min_target);
    v->w = imin(max_pill, inner + v->mark + pen_u(l, 3) + 2 * pen_u(l, 4));
    v->y = b->y + b->h - m - v->h;
}

/* The head (ap_head) for p->panel with the title at p->head_px: its
 * height into p->head_h. The logo is as high as a head of one line each. */
static void head_fit(pen *l, attract_plan *p)
{
    const kcontent *c = l->c;
    ap_head *hd = &p->hd;
    int W = p->panel.w, m = pen_u(l, 5), gap = pen_u(l, 0.8);
    int one = wrap_line_box(l->small) + gap + wrap_line_box(p->head_px);
    const char *title = pen_tx(&c->title, l->lg), *org = pen_tx(&c->organisation, l->lg);
    *hd = (ap_head){0};
    int title_min = pen_width(l, 1, l->body, title, strlen(title));
    if (c->logo && title_min <= W - 2 * m - W / 4 - pen_u(l, 3)) { /* the title first */
        int iw, ih;
        pen_image_size(l, c->logo, 1, 1, &iw, &ih);
        hd->logo_w = imin((int)((long)one * iw / ih), W / 4);
        hd->logo_h = (int)((long)hd->logo_w * ih / iw);
    }
    hd->tw = W - 2 * m - (hd->logo_w ? hd->logo_w + pen_u(l, 3) : 0);
    /* the title smaller down to the floor, then on more lines */
    int px = p->head_px;
    while (px > l->small && pen_width(l, 1, px, title, strlen(title)) > hd->tw)
        px = imax(px * 92 / 100, l->small);
    hd->title_px = px;
    hd->org_h = pen_height(l, hd->tw, org, 0, l->small, 1.15, 0, NULL);
    hd->title_h = pen_height(l, hd->tw, title, 1, px, 1.1, 0, NULL);
    p->head_h = imax(one, imax(hd->org_h, wrap_line_box(l->small)) + gap +
                              imax(hd->title_h, wrap_line_box(p->head_px)));
}

/* The chrome in p->chrome and, below the head, the zone for the slides'
 * text: p->top to p->bottom. */
static void zone(pen *l, attract_plan *p, int tight)
{
    int m = pen_u(l, 5);
    invitation_measure(l, &p->chrome, &p->v);
    p->hint_y = p->v.y - pen_u(l, 2) - attract_hint_height(l, p->chrome.w - 2 * m);
    /* beside a picture the slide's headline may be set smaller: the kiosk's
     * title stays below it */
    p->head_px = p->kind == AP_PORTRAIT ? l->h2 : l->h3;
    head_fit(l, p);
    p->top = p->panel.y + m + p->head_h + pen_u(l, 3);
    p->bottom = p->hint_y - pen_u(l, 3) - (p->v.dots_above ? pen_u(l, 5) : 0);
    p->gap = pen_u(l, tight ? 2 : 3.5);
    p->caption = wrap_line_box(l->small) + pen_u(l, tight ? 1 : 2);
}

/* ---- the slides ------------------------------------------------------------ */

/* 1 when the widest word of s at px fits w: headlines, and Leichte Sprache
 * everywhere, keep their words whole. */
static int words_fit(pen *l, const char *s, int bold, int px, int w)
{
    return wrap_widest_word(l->p->m, s, bold, px) <= w;
}

/* Slide sl set at hero / lead in width tw into o: 1 when its title, the
 * accent bar between gaps, its text and a caption line fit avail. */
static int slide_at(pen *l, const kslide *sl, int tw, int avail, int hero, int lead, int gap,
                    int caption, ap_slide *o)
{
    int bar = pen_u(l, 1), ls = klang_easy(l->c, l->lg);
    const char *title = pen_text(l, &sl->title, l->lg);
    l->m.keep = title; /* a headline keeps its words whole */
    int th = pen_height(l, tw, title, 1, hero, TITLE_LH, 0, NULL);
    int whole = words_fit(l, title, 1, hero, tw);
    const char *text = pen_text(l, &sl->text, l->lg);
    size_t n;
    int bh = pen_height(l, tw, text, 0, lead, TEXT_LH, 0, &n);
    whole = whole && (!ls || words_fit(l, text, 0, lead, tw));
    pen_text_end(l);
    *o = (ap_slide){.hero = hero, .lead = lead, .th = th, .lines = (int)n, .per_part = (int)n,
                    .parts = 1, .tw = tw};
    o->part_first[1] = o->lines;
    return whole && th + 2 * gap + bar + bh + caption <= avail;
}

/* Sizes for slide sl in width tw and height avail: the largest of the
 * steps from the type scale's down to min_hero and min_lead at which it
 * fits (slide_at), found by halving; 1 and o set then. 0 when it does not
 * fit even at the smallest, o set at those. Measuring is what costs: a
 * frame that cannot hold the slide is known after one try. */
static int slide_fit(pen *l, const kslide *sl, int tw, int avail, int min_hero, int min_lead,
                     int gap, int caption, ap_slide *o)
{
    int hero[32], lead[32], n = 1;
    hero[0] = l->hero;
    lead[0] = l->lead;
    while (n < 32 && (hero[n - 1] > min_hero || lead[n - 1] > min_lead)) {
        hero[n] = imax(hero[n - 1] * 90 / 100, min_hero);
        lead[n] = imax(lead[n - 1] * 95 / 100, min_lead);
        n++;
    }
    if (!slide_at(l, sl, tw, avail, hero[n - 1], lead[n - 1], gap, caption, o))
        return 0;
    int lo = 0, hi = n - 1; /* hi fits */
    ap_slide t;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (slide_at(l, sl, tw, avail, hero[mid], lead[mid], gap, caption, &t)) {
            hi = mid;
            *o = t;
        } else {
            lo = mid + 1;
        }
    }
    return 1;
}

/* Every slide set in the panel at sizes down to min_hero / min_lead: 1
 * when all fit. */
static int slides_fit(pen *l, attract_plan *p, int min_hero, int min_lead)
{
    int m = pen_u(l, 5);
    for (size_t i = 0; i < l->c->n_slides; i++) {
        ap_slide *s = &p->s[i];
        if (!slide_fit(l, &l->c->slides[i], p->panel.w - 2 * m, p->bottom - p->top, min_hero,
                       min_lead, p->gap, p->caption, s))
            return 0;
        s->x = p->panel.x + m;
        s->top = p->top;
    }
    return 1;
}

/* ---- the frames ------------------------------------------------------------ */

static void frame(pen *l, attract_plan *p, ap_kind kind, int share, int tight)
{
    int W = l->p->w, H = l->p->h;
    ap_box all = {0, 0, W, H};
    memset(p, 0, sizeof *p);
    p->kind = kind;
    p->ground = p->panel = p->chrome = all;
    if (kind == AP_SPLIT || kind == AP_BAND) {
        int pw = W * share / 100;
        p->panel.w = pw;
        p->pic = (ap_box){pw, 0, W - pw, H};
        if (kind == AP_SPLIT)
            p->ground = p->chrome = p->panel;
    } else if (kind == AP_PORTRAIT) {
        int ph = H * share / 100;
        p->pic = (ap_box){0, 0, W, ph};
        p->ground = p->panel = p->chrome = (ap_box){0, ph, W, H - ph};
    }
    zone(l, p, tight);
    if (kind == AP_BAND) /* the picture ends above the chrome's band */
        p->pic.h = p->bottom;
}

/* The character line j - 1 ends with (0 at a hyphen it was broken at). */
static char end_before(const wrap_line *lines, size_t j)
{
    const wrap_line *b = &lines[j - 1];
    return b->len && !b->hyphen ? b->s[b->len - 1] : 0;
}

/* 1 when line j begins a sentence that stands alone: the line before ends
 * one, not with a colon (what was said follows it). */
static int sentence_starts(const wrap_line *lines, size_t j)
{
    char e = end_before(lines, j);
    return e == '.' || e == '?' || e == '!';
}

/* Where the part from line first ends (the next begins), at most per
 * lines on: in Leichte Sprache at a sentence's start where one is in
 * reach, and never right after a colon ("Malu Dreyer hat gesagt:" goes
 * with what she said). */
static size_t part_end(const pen *l, const wrap_line *lines, size_t n, size_t first, size_t per)
{
    size_t next = first + per;
    if (!klang_easy(l->c, l->lg) || next >= n)
        return next;
    for (size_t j = next; j > first; j--)
        if (sentence_starts(lines, j))
            return j;
    for (size_t j = next; j > first; j--)
        if (end_before(lines, j) != ':')
            return j;
    return next;
}

/* Where each part of slide sl's text begins: at most s->per_part lines
 * each, ended as part_end says. Returns 1 when no part but the last ends
 * on a colon. */
static int split_parts(pen *l, const kslide *sl, ap_slide *s)
{
    static wrap_line lines[AP_MAX_PARTS * 16];
    const char *text = pen_text(l, &sl->text, l->lg);
    size_t n = wrap_lines(l->p->m, 0, s->lead, text, s->tw, lines, AP_MAX_PARTS * 16);
    pen_text_end(l);
    if (n > AP_MAX_PARTS * 16)
        n = AP_MAX_PARTS * 16;
    size_t first = 0, per = (size_t)s->per_part;
    int ok = 1;
    s->parts = 0;
    while (first < n && s->parts < AP_MAX_PARTS) {
        s->part_first[s->parts++] = (int)first;
        first = part_end(l, lines, n, first, per);
        ok = ok && (first >= n || end_before(lines, first) != ':');
    }
    s->part_first[s->parts] = s->lines;
    return ok;
}

/* Slide sl at the floor's sizes in width tw and height avail, its text in
 * parts, as many lines as fit: 1 when no word of it is broken, no part
 * ends on a colon and each part holds two lines or more (in Leichte
 * Sprache, one sentence a line, one). */
static int in_parts(pen *l, const kslide *sl, int tw, int avail, int g, int c, ap_slide *s)
{
    int whole = slide_at(l, sl, tw, INT_MAX / 2, l->h3, l->small, g, c, s);
    int room = avail - s->th - 2 * g - pen_u(l, 1) - c;
    int adv = wrap_advance(s->lead, TEXT_LH);
    s->per_part = imax(1, (room - wrap_line_box(s->lead)) / adv + 1);
    int ends = s->per_part >= s->lines || split_parts(l, sl, s);
    return whole && ends && s->per_part >= (klang_easy(l->c, l->lg) ? 1 : 2);
}

/* AP_TEXT: each slide on the whole screen, its picture beside or above the
 * text where both fit (in landscape beside its text in parts), else the
 * text alone, in parts if it must. */
static void text_first(pen *l, attract_plan *p)
{
    int W = l->p->w, H = l->p->h, m = pen_u(l, 5), landscape = W * 10 >= H * 12;
    int floor_hero = l->h3, floor_lead = l->small;
    frame(l, p, AP_TEXT, 0, 1);
    int tw = landscape ? imin(W - 2 * m, (int)(W * 0.74)) : W - 2 * m;
    int tw_pic = W - 3 * m - (W - 3 * m) * 42 / 100, avail = p->bottom - p->top;
    int pic_h = avail * 38 / 100 + pen_u(l, 4);
    for (size_t i = 0; i < l->c->n_slides; i++) {
        const kslide *sl = &l->c->slides[i];
        ap_slide *s = &p->s[i];
        int g = p->gap, c = p->caption;
        int img = sl->image && (landscape ? slide_fit(l, sl, tw_pic, avail, floor_hero, floor_lead,
                                                      g, c, s)
                                          : slide_fit(l, sl, tw, avail - pic_h, floor_hero,
                                                      floor_lead, g, c, s));
        int pic_w = (W - 3 * m) * 42 / 100;
        /* landscape: rather the picture and the text in parts beside it
         * (Leichte Sprache's long lines), the picture narrower if need be,
         * than the text alone */
        if (!img && landscape && sl->image)
            img = in_parts(l, sl, tw_pic, avail, g, c, s);
        if (!img && landscape && sl->image) {
            pic_w = (W - 3 * m) * 30 / 100;
            img = in_parts(l, sl, W - 3 * m - pic_w, avail, g, c, s);
        }
        if (!img && !slide_fit(l, sl, tw, avail, floor_hero, floor_lead, g, c, s))
            in_parts(l, sl, tw, avail, g, c, s); /* the last resort */
        s->image = img;
        s->pic_w = pic_w;
        s->x = m;
        s->top = p->top + (img && !landscape ? pic_h : 0);
    }
}

/* 1 when every slide fits in a frame of kind k with the text panel (or
 * the picture, in portrait) at a share of the screen from shares[0] to
 * shares[n - 1], tried in that order; p holds the first that does. */
static int try_frames(pen *l, attract_plan *p, ap_kind k, const int *shares, int n, int pass)
{
    int min_hero = pass ? l->h3 : l->h2, min_lead = pass ? l->small : l->body;
    for (int i = 0; i < n; i++) {
        frame(l, p, k, shares[i], pass == 2);
        if (slides_fit(l, p, min_hero, min_lead))
            return 1;
    }
    return 0;
}

/* The first frame, in the order of attract_plan.h, in which every slide
 * fits: at the larger sizes, then down to the floor, then with less room
 * around the accent bar; a picture narrower than the text panel last. */
static void plan_make(pen *l, attract_plan *p)
{
    static const int panel[] = {45, 50, 55}, wider[] = {60, 65, 70}, high[] = {50, 42, 35};
    if (has_pictures(l->c)) {
        int portrait = l->p->w < l->p->h;
        for (int pass = 0; pass < 3; pass++)
            if (portrait ? try_frames(l, p, AP_PORTRAIT, high, 3, pass)
                         : try_frames(l, p, AP_SPLIT, panel, 3, pass) ||
                               try_frames(l, p, AP_BAND, panel, 3, pass))
                return;
        if (!portrait && (try_frames(l, p, AP_SPLIT, wider, 3, 2) ||
                          try_frames(l, p, AP_BAND, wider, 3, 2)))
            return;
    }
    text_first(l, p);
}

/* ---- the kept plan ---------------------------------------------------------- */

static uint64_t mix(uint64_t h, const void *data, size_t n)
{
    const unsigned char *b = data;
    for (size_t i = 0; i < n; i++)
        h = (h ^ b[i]) * 1099511628211ull;
    return h;
}

static uint64_t mix_s(uint64_t h, const char *s)
{
    return s ? mix(h, s, strlen(s) + 1) : mix(h, "", 1);
}

/* What the plan depends on: the content's texts and pictures on the attract
 * loop, the screen, the mode, the measure (and whether its hyphenation
 * answers yet: the patterns load after the first frame). */
static uint64_t plan_key(const pen *l)
{
    const layout_measure *m = l->p->m;
    const kcontent *c = l->c;
    char marks[16] = {0};
    int hy = m->hyphenate ? m->hyphenate(m->hctx, "de", "Wettbewerb", 10, marks) > 0 : 0;
    int v[] = {l->p->w, l->p->h, l->p->min_target, (int)l->lg, hy, (int)c->n_slides, m->rtl};
    const void *fn[] = {c, (const void *)m->text_width, m->ctx, m->hctx};
    uint64_t h = mix(1469598103934665603ull, v, sizeof v);
    h = mix(h, fn, sizeof fn);
    h = mix_s(mix_s(h, c->invitation.t[LANG_DE]), c->invitation.t[content_second_lang(c)]);
    h = mix_s(mix_s(h, pen_tx(&c->title, l->lg)), pen_tx(&c->organisation, l->lg));
    for (size_t i = 0; i < c->n_slides; i++) {
        const kslide *sl = &c->slides[i];
        h = mix_s(mix_s(h, pen_tx(&sl->title, l->lg)), pen_tx(&sl->text, l->lg));
        h = mix_s(mix_s(h, sl->title.t[LANG_DE]), sl->text.t[LANG_DE]);
        h = mix_s(h, sl->image);
    }
    return h;
}

const attract_plan *attract_plan_get(pen *l)
{
    static attract_plan kept;
    static uint64_t kept_key;
    static int valid;
    uint64_t key = plan_key(l);
    if (!valid || key != kept_key) {
        plan_make(l, &kept);
        kept_key = key;
        valid = 1;
    }
    return &kept;
}
