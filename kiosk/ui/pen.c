/* pen.c — the scene builders' pen. See pen.h. */
#include "pen.h"

#include <string.h>

#include "arena.h"

void pen_init(pen *l, scene *sc, const kcontent *c, const nav_state *s, const layout_params *p)
{
    *l = (pen){.sc = sc, .c = c, .s = s, .lg = s->language, .alpha = 255};
    /* every text of the scene is set (hyphenated, broken) as its language wants */
    l->m = *p->m;
    l->m.lg = s->language;
    l->m.c = c;
    l->m.keep = NULL;
    l->m.rtl = p->rtl != 0; /* measured as drawn: right to left (layout_mirror) */
    l->params = *p;
    l->params.m = &l->m;
    l->p = &l->params;
    l->u = (p->w < p->h ? p->w : p->h) / 100.0;
    l->hc = s->contrast != 0;
    /* large text is a session's choice: the attract loop, between
     * sessions, never has it */
    l->large = s->large != 0 && s->scene != NAV_ATTRACT;
    l->reach = p->low_reach != 0;
    l->ratio = l->hc ? 7.0 : 4.5;
    l->bw = imax(2, pen_u(l, 0.4));
    if (c)
        l->th = c->theme;
    if (l->hc)
        l->th = color_high_contrast();
    double sw = p->w / 800.0, sh = p->h / 480.0;
    l->du = sw < sh ? sw : sh;
    /* one type scale; nothing below PEN_TYPE_FLOOR units */
    l->small = pen_s(l, PEN_TYPE_FLOOR);
    l->body = pen_s(l, 20);
    l->lead = pen_s(l, 24);
    l->h3 = pen_s(l, 22);
    l->h2 = pen_s(l, 28);
    l->h1 = pen_s(l, 36);
    l->hero = pen_s(l, 48);
    l->fact = pen_s(l, 40);
    if (l->large) { /* 200 %: every text, the layout makes room */
        int *sz[] = {&l->small, &l->body, &l->lead, &l->h3, &l->h2, &l->h1, &l->hero, &l->fact};
        for (size_t i = 0; i < sizeof sz / sizeof sz[0]; i++)
            *sz[i] *= 2;
    }
}

const char *pen_tx(const ktext *t, lang lg)
{
    const char *s = ktext_get(t, lg);
    return s ? s : "";
}

const char *pen_text(pen *l, const ktext *t, lang lg)
{
    lang in = ktext_written_in(t, lg);
    l->m.lg = in;
    l->m.keep = in != LANG_DE ? t->t[LANG_DE] : NULL;
    return pen_tx(t, lg);
}

void pen_keep(pen *l, const ktext *t)
{
    l->m.keep = l->lg != LANG_DE ? t->t[LANG_DE] : NULL;
}

void pen_text_end(pen *l)
{
    l->m.lg = l->lg;
    l->m.keep = NULL;
}

dl_item *pen_item(pen *l, dl_kind kind, int x, int y, int w, int h)
{
    dl_item *it = scene_add_item(l->sc);
    if (!it)
        return NULL;
    it->kind = kind;
    it->layer = (uint8_t)l->layer;
    it->alpha = l->alpha;
    /* order within one level by insertion: the sort key is z, then sequence */
    it->z = l->z * DL_Z_STEP + (int)(l->seq++ % DL_Z_STEP);
    it->x = x;
    it->y = y + l->dy;
    it->w = w;
    it->h = h;
    return it;
}

void pen_ground(pen *l)
{
    kcolor bg = l->th.background;
    l->sc->clear = bg;
    l->z = DL_Z_BACK;
    pen_rect(l, 0, 0, l->p->w, l->p->h, bg, 0, 255);
    l->z = DL_Z_CHROME;
}

void pen_viewport(pen *l, int top, int bottom)
{
    scene *sc = l->sc;
    sc->view_x = 0;
    sc->view_y = top;
    sc->view_w = l->p->w;
    sc->view_h = bottom - top;
    sc->scrollbar = color_readable(l->th.background, l->th.muted, 3.0);
    l->layer = DL_SCROLL;
    l->z = DL_Z_BODY;
}

int pen_scrollbar_lane(const pen *l)
{
    /* render.c, draw_scrollbar: a bar w / 160 + 3 wide, twice that from the edge */
    return 4 * (l->p->w / 160 + 3);
}

void pen_rect(pen *l, int x, int y, int w, int h, kcolor col, int radius, uint8_t alpha)
{
    if (w <= 0 || h <= 0)
        return;
    dl_item *it = pen_item(l, DL_RECT, x, y, w, h);
    if (!it)
        return;
    it->color = col;
    it->radius = imin(radius, imin(w, h) / 2);
    it->alpha = (uint8_t)(alpha * l->alpha / 255);
}

void pen_panel(pen *l, int x, int y, int w, int h, kcolor fill, int radius, uint8_t alpha)
{
    if (!l->hc) {
        pen_rect(l, x, y, w, h, fill, radius, alpha);
        return;
    }
    int b = l->bw;
    pen_rect(l, x, y, w, h, COLOR_YELLOW, radius, alpha);
    pen_rect(l, x + b, y + b, w - 2 * b, h - 2 * b, COLOR_BLACK, imax(0, radius - b), alpha);
}

void pen_image(pen *l, int x, int y, int w, int h, const char *path)
{
    dl_item *it = pen_item(l, DL_IMAGE, x, y, w, h);
    if (it)
        it->ref = path;
}

dl_item *pen_cover(pen *l, int x, int y, int w, int h, const char *path, kcolor ground)
{
    dl_item *it = pen_item(l, DL_IMAGE, x, y, w, h);
    if (!it)
        return NULL;
    it->ref = path;
    it->cover = 1;
    it->zoom = 1000;
    it->color = ground;
    return it;
}

void pen_image_size(const pen *l, const char *path, int fw, int fh, int *w, int *h)
{
    const layout_measure *m = l->p->m;
    if (m->image_size(m->ctx, path, w, h) != 0 || *w <= 0 || *h <= 0) {
        *w = fw;
        *h = fh;
    }
}

void pen_contain(int iw, int ih, int bw, int bh, int *dw, int *dh)
{
    *dw = bw;
    *dh = (int)((long)bw * ih / iw);
    if (*dh > bh) {
        *dh = bh;
        *dw = (int)((long)bh * iw / ih);
    }
}

void pen_target(pen *l, int x, int y, int w, int h, int radius, nav_action a, int arg,
                const char *name)
{
    dl_target *t = scene_add_target(l->sc);
    if (!t)
        return;
    /* a scrolled one where it shows unscrolled */
    if (l->layer == DL_SCROLL)
        y += l->sc->view_y;
    *t = (dl_target){x, y, w, h, radius, a, arg, name, (uint8_t)l->layer};
}

kcolor pen_fill(const pen *l, const kdomain *d)
{
    return l->hc ? COLOR_BLACK : d->color;
}

kcolor pen_mark(const pen *l, kcolor bg, kcolor col)
{
    return l->hc ? COLOR_YELLOW : color_accent_on(bg, col);
}

int pen_width(const pen *l, int bold, int px, const char *s, size_t len)
{
    return l->p->m->text_width(l->p->m->ctx, bold, px, s, len, l->p->m->rtl);
}

void pen_run(pen *l, int x, int y, const char *s, size_t len, int w, int bold, int px, kcolor col)
{
    if (!len)
        return;
    dl_item *it = pen_item(l, DL_TEXT, x, y, w, wrap_line_box(px));
    if (!it)
        return;
    it->text = s;
    it->len = len;
    it->bold = (uint8_t)bold;
    it->px = px;
    it->color = col;
}

static int aligned_x(int x, int width, int w, int align)
{
    return align == 1 ? x + (width - w) / 2 : align == 2 ? x + width - w : x;
}

/* Lines first .. first + count - 1 of the n wrapped into lines, placed
 * from y. Returns the height used. */
static int place_lines(pen *l, int x, int y, int width, const wrap_line *lines, size_t first,
                       size_t count, int bold, int px, double lh, kcolor col, int align)
{
    int adv = wrap_advance(px, lh);
    for (size_t i = 0; i < count; i++) {
        const wrap_line *ln = &lines[first + i];
        const char *ls = ln->s;
        size_t len = ln->len;
        int w = ln->w;
        if (ln->hyphen) { /* a word broken here shows its hyphen */
            char *h = arena_printf(l->sc->strings, "%.*s" WRAP_HYPHEN, (int)len, ls);
            if (h) {
                ls = h;
                len = strlen(h);
            }
        }
        pen_run(l, aligned_x(x, width, w, align), y + (int)i * adv, ls, len, w, bold, px, col);
    }
    return count ? (int)(count - 1) * adv + wrap_line_box(px) : 0;
}

/* s wrapped into width: the lines (kept until the next call), their number
 * in *n. */
/* 1 when s is t's text in language lg (its own, or the fallback's that
 * stands in for it): *in the language it is written in. */
static int text_is(const ktext *t, lang lg, const char *s, lang *in)
{
    if (!s || ktext_get(t, lg) != s)
        return 0;
    *in = ktext_written_in(t, lg);
    return 1;
}

/* The content's text that s is, in the scene's language, on this scene
 * (the kiosk's own texts, the domains' titles and summaries, the open
 * domain's pages), or NULL. */
static const ktext *content_text(const pen *l, const char *s, lang *in)
{
    const kcontent *c = l->c;
    lang lg = l->lg;
    if (!c)
        return NULL;
    const ktext *top[] = {&c->title, &c->organisation, &c->menu_title};
    for (size_t i = 0; i < sizeof top / sizeof top[0]; i++)
        if (text_is(top[i], lg, s, in))
            return top[i];
    for (size_t i = 0; i < c->n_domains; i++) {
        const kdomain *d = &c->domains[i];
        if (text_is(&d->title, lg, s, in) || text_is(&d->summary, lg, s, in))
            return text_is(&d->title, lg, s, in) ? &d->title : &d->summary;
        int open = l->s->scene == NAV_PAGE && (size_t)l->s->domain == i;
        for (size_t j = 0; j < d->n_pages; j++) {
            const kpage *pg = &d->pages[j];
            if (text_is(&pg->title, lg, s, in))
                return &pg->title;
            for (size_t k = 0; open && k < pg->n_blocks; k++) {
                const kblock *b = &pg->blocks[k];
                if (text_is(&b->text, lg, s, in))
                    return &b->text;
                if (text_is(&b->value, lg, s, in))
                    return &b->value;
                for (size_t m = 0; m < b->n_items; m++)
                    if (text_is(&b->items[m], lg, s, in))
                        return &b->items[m];
            }
        }
    }
    return NULL;
}

/* The measure to set s with: for a text of the content, as pen_text sets
 * it (in the language it is written in, never hyphenating a word of its
 * German original: names like "Kaiserslautern"); else the pen's. */
static const layout_measure *measure_for(const pen *l, const char *s, layout_measure *buf)
{
    lang in;
    const ktext *t = l->p->m->keep ? NULL : content_text(l, s, &in);
    if (!t)
        return l->p->m;
    *buf = *l->p->m;
    buf->lg = klang_easy(l->c, l->lg) ? l->lg : in; /* Leichte Sprache's rules hold on its scenes */
    buf->keep = in != LANG_DE ? t->t[LANG_DE] : NULL;
    return buf;
}

static const wrap_line *wrapped(const pen *l, const char *s, int bold, int px, int width,
                                size_t *n)
{
    static wrap_line lines[WRAP_MAX_LINES];
    layout_measure buf;
    *n = wrap_lines(measure_for(l, s, &buf), bold, px, s, width, lines, WRAP_MAX_LINES);
    if (*n > WRAP_MAX_LINES)
        *n = WRAP_MAX_LINES;
    return lines;
}

int pen_block(pen *l, int x, int y, int width, const char *s, int bold, int px, double lh,
              kcolor col, int max_lines, int align)
{
    size_t n;
    const wrap_line *lines = wrapped(l, s, bold, px, width, &n);
    size_t shown = n;
    if (max_lines > 0 && n > (size_t)max_lines) { /* more than measured: a layout error */
        shown = (size_t)max_lines;
        l->sc->overflow++;
    }
    return place_lines(l, x, y, width, lines, 0, shown, bold, px, lh, col, align);
}

int pen_lines(pen *l, int x, int y, int width, const char *s, int bold, int px, double lh,
              kcolor col, int first, int count, int align)
{
    size_t n;
    const wrap_line *lines = wrapped(l, s, bold, px, width, &n);
    size_t f = first > 0 ? (size_t)first : 0;
    if (f >= n || count <= 0)
        return 0;
    size_t k = f + (size_t)count > n ? n - f : (size_t)count;
    return place_lines(l, x, y, width, lines, f, k, bold, px, lh, col, align);
}

int pen_height(const pen *l, int width, const char *s, int bold, int px, double lh, int max_lines,
               size_t *n_lines)
{
    layout_measure buf;
    return wrap_height(measure_for(l, s, &buf), width, s, bold, px, lh, max_lines, n_lines);
}
