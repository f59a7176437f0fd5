#include "layout.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "utf8.h"

#define ELLIPSIS "\xE2\x80\xA6"
#define MAX_LINES 4096

/* Drawing order, lowest first. */
enum { Z_BACK = 0, Z_BODY = 10, Z_CHROME = 20, Z_SLIDE_OLD = 5, Z_SLIDE = 6, Z_OVERLAY = 30,
       Z_DIAG = 40, Z_NOTICE = 50 };

static const kcolor WHITE = {255, 255, 255};
static const kcolor INK = {17, 24, 39};
static const kcolor BLACK = {0, 0, 0};
/* high contrast: yellow on black is 14.9:1 */
static const kcolor YELLOW = {255, 215, 0};
static const kcolor PALE_GREY = {224, 224, 224};

/* Builder context: one scene under construction. */
typedef struct L {
    scene *sc;
    const layout_params *p;
    const kcontent *c;
    const nav_state *s;
    lang lg;
    double u;        /* 1 % of the short side, pixels */
    int z;           /* z of items added now */
    int layer;
    uint8_t alpha;   /* multiplied into items added now */
    int dy;          /* vertical offset of items added now (slide-in) */
    size_t seq;
    /* the visitor's choices: high contrast, large text; low_reach layout */
    int hc, large, reach;
    int tile_px;     /* menu tiles: one title size for all (0: not yet known) */
    int tile_px_min; /* the smallest title size a dry tile() needed */
    double ratio;    /* contrast every text must reach: 4.5, or 7 in high contrast */
    ktheme th;       /* the content's theme, or the high-contrast one */
    int bw;          /* outline width in high contrast */
    /* font sizes */
    int small, body, lead, h2, h1, hero, fact;
} L;

static int U(const L *l, double x)
{
    return (int)(x * l->u + 0.5);
}

static int imax(int a, int b)
{
    return a > b ? a : b;
}

static int imin(int a, int b)
{
    return a < b ? a : b;
}

static const char *tx(const ktext *t, lang lg)
{
    if (t->t[lg])
        return t->t[lg];
    return t->t[LANG_DE] ? t->t[LANG_DE] : "";
}

/* ---- colour -------------------------------------------------------------- */

static double channel(uint8_t v)
{
    double c = v / 255.0;
    return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

static double luminance(kcolor c)
{
    return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
}

double layout_contrast(kcolor a, kcolor b)
{
    double la = luminance(a), lb = luminance(b);
    return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

/* want, if it reads on bg at ratio min; else white or ink, whichever reads
 * better (one of them always reaches 4.5:1; black as the last resort). */
static kcolor readable(kcolor bg, kcolor want, double min)
{
    if (layout_contrast(want, bg) >= min)
        return want;
    double cw = layout_contrast(WHITE, bg), ci = layout_contrast(INK, bg);
    if (cw >= ci)
        return WHITE;
    return ci >= 4.5 ? INK : BLACK;
}

static kcolor mix(kcolor a, kcolor b, double t)
{
    kcolor r = {(uint8_t)(a.r + (b.r - a.r) * t + 0.5), (uint8_t)(a.g + (b.g - a.g) * t + 0.5),
                (uint8_t)(a.b + (b.b - a.b) * t + 0.5)};
    return r;
}

/* A fill for a control on bg that sets it apart and still lets fg read better
 * than on bg itself: moved away from fg, not towards it. */
static kcolor tint(kcolor bg, kcolor fg)
{
    int light_fg = luminance(fg) > luminance(bg);
    return mix(bg, light_fg ? BLACK : WHITE, light_fg ? 0.22 : 0.28);
}

/* The domain's colour for marks on bg (bullets, bars, figures): lightened or
 * darkened just enough to stand out (3:1 at least), so it keeps its hue. */
static kcolor accent_on(kcolor bg, kcolor col)
{
    kcolor toward = luminance(bg) < 0.3 ? WHITE : BLACK;
    for (int i = 0; i <= 10; i++) {
        kcolor c = mix(col, toward, i * 0.08);
        if (layout_contrast(c, bg) >= 3.6) /* 3:1 is the rule; a little more reads better */
            return c;
    }
    return toward;
}

int layout_has_lang(const kcontent *c, lang lg)
{
    if (!c)
        return 0;
    if (c->title.t[lg] || c->invitation.t[lg] || c->menu_title.t[lg])
        return 1;
    for (size_t i = 0; i < c->n_slides; i++)
        if (c->slides[i].title.t[lg] || c->slides[i].text.t[lg])
            return 1;
    for (size_t i = 0; i < c->n_domains; i++) {
        const kdomain *d = &c->domains[i];
        if (d->title.t[lg] || d->summary.t[lg])
            return 1;
        for (size_t j = 0; j < d->n_pages; j++) {
            if (d->pages[j].title.t[lg])
                return 1;
            for (size_t k = 0; k < d->pages[j].n_blocks; k++)
                if (d->pages[j].blocks[k].text.t[lg])
                    return 1;
        }
    }
    return 0;
}

/* ---- display list -------------------------------------------------------- */

/* Room for one more element in a growing array (arr, n used, *cap): the
 * array, moved if it had to grow, or NULL when memory ran out (arr is then
 * untouched, and the miss counted as overflow: the scene is drawn without). */
static void *grow(scene *sc, void *arr, size_t n, size_t *cap, size_t size, size_t first)
{
    if (n < *cap)
        return arr;
    size_t c = *cap ? *cap * 2 : first;
    void *p = realloc(arr, c * size);
    if (!p) {
        sc->overflow++;
        return NULL;
    }
    *cap = c;
    return p;
}

static dl_item *add(L *l, dl_kind kind, int x, int y, int w, int h)
{
    scene *sc = l->sc;
    dl_item *items = grow(sc, sc->items, sc->n_items, &sc->cap_items, sizeof *items, 256);
    if (!items)
        return NULL;
    sc->items = items;
    dl_item *it = &sc->items[sc->n_items++];
    memset(it, 0, sizeof *it);
    it->kind = kind;
    it->layer = (uint8_t)l->layer;
    it->alpha = l->alpha;
    /* order within one z by insertion: the sort key is z, then sequence */
    it->z = l->z * 1000000 + (int)(l->seq++ % 1000000);
    it->x = x;
    it->y = y + l->dy;
    it->w = w;
    it->h = h;
    return it;
}

static void rect(L *l, int x, int y, int w, int h, kcolor col, int radius, uint8_t alpha)
{
    if (w <= 0 || h <= 0)
        return;
    dl_item *it = add(l, DL_RECT, x, y, w, h);
    if (!it)
        return;
    it->color = col;
    it->radius = imin(radius, imin(w, h) / 2);
    it->alpha = (uint8_t)(alpha * l->alpha / 255);
}

/* A domain's colour as a fill: in high contrast there are no coloured
 * fills, only black with yellow outlines. */
static kcolor dcolor(const L *l, const kdomain *d)
{
    return l->hc ? BLACK : d->color;
}

/* Marks (bars, bullets, figures) in a domain's colour on bg. */
static kcolor mark_on(const L *l, kcolor bg, kcolor col)
{
    return l->hc ? YELLOW : accent_on(bg, col);
}

/* A card or control's background: filled, or in high contrast black with a
 * yellow outline (colour would make the text harder to read, not easier). */
static void panel(L *l, int x, int y, int w, int h, kcolor fill, int radius, uint8_t alpha)
{
    if (!l->hc) {
        rect(l, x, y, w, h, fill, radius, alpha);
        return;
    }
    int b = l->bw;
    rect(l, x, y, w, h, YELLOW, radius, alpha);
    rect(l, x + b, y + b, w - 2 * b, h - 2 * b, BLACK, imax(0, radius - b), alpha);
}

static int text_w(const L *l, int bold, int px, const char *s, size_t len)
{
    return l->p->m->text_width(l->p->m->ctx, bold, px, s, len);
}

/* Height of a text line's box: DejaVu's ascent + descent is 1.164 em. */
static int line_box(int px)
{
    return (px * 1164 + 999) / 1000;
}

static void text_run(L *l, int x, int y, const char *s, size_t len, int w, int bold, int px,
                     kcolor col)
{
    if (!len)
        return;
    dl_item *it = add(l, DL_TEXT, x, y, w, line_box(px));
    if (!it)
        return;
    it->text = s;
    it->len = len;
    it->bold = (uint8_t)bold;
    it->px = px;
    it->color = col;
}

static dl_target *target(L *l, int x, int y, int w, int h, int radius, nav_action a, int arg,
                         const char *name)
{
    scene *sc = l->sc;
    dl_target *targets = grow(sc, sc->targets, sc->n_targets, &sc->cap_targets, sizeof *targets, 32);
    if (!targets)
        return NULL;
    sc->targets = targets;
    dl_target *t = &sc->targets[sc->n_targets++];
    t->x = x;
    t->y = y;
    t->w = w;
    t->h = h;
    t->radius = radius;
    t->action = a;
    t->arg = arg;
    t->name = name;
    return t;
}

/* ---- wrapping ------------------------------------------------------------ */

static int is_space(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\r';
}

/* End of the next word starting at s: up to a space or newline, or just after
 * a hyphen or slash (good places to break German compounds and URLs). */
static const char *word_end(const char *s)
{
    while (*s && is_space(*s))
        s++;
    while (*s && !is_space(*s) && *s != '\n') {
        char ch = *s++;
        if ((ch == '-' || ch == '/') && *s && !is_space(*s) && *s != '\n')
            break;
    }
    return s;
}

/* Longest prefix of s[0..len) (whole code points, at least one) that fits. */
static size_t fit_chars(const layout_measure *m, int bold, int px, const char *s, size_t len,
                        int width)
{
    size_t best = 0, off = 0;
    while (off < len) {
        uint32_t cp;
        size_t n = utf8_decode(s + off, len - off, &cp);
        if (!n)
            n = 1;
        if (m->text_width(m->ctx, bold, px, s, off + n) > width && best > 0)
            break;
        off += n;
        best = off;
    }
    return best;
}

size_t layout_wrap(const layout_measure *m, int bold, int px, const char *text, int width,
                   layout_line *lines, size_t max)
{
    size_t n = 0;
    const char *s = text ? text : "";
    if (width < 1)
        width = 1;
    while (*s && n < MAX_LINES) {
        while (is_space(*s))
            s++;
        if (!*s)
            break;
        const char *start = s, *end = s, *q = s;
        if (*s == '\n') { /* an empty line keeps its place */
            if (n < max)
                lines[n] = (layout_line){start, 0, 0};
            n++;
            s++;
            continue;
        }
        int w = 0;
        for (;;) {
            const char *e = word_end(q);
            int ew = m->text_width(m->ctx, bold, px, start, (size_t)(e - start));
            if (ew <= width) {
                end = e;
                w = ew;
                q = e;
                if (!*q || *q == '\n')
                    break;
                continue;
            }
            if (end == start) { /* one word wider than the line: break inside it */
                const char *ws = start;
                size_t k = fit_chars(m, bold, px, ws, (size_t)(e - ws), width);
                end = ws + k;
                w = m->text_width(m->ctx, bold, px, start, (size_t)(end - start));
            }
            break;
        }
        size_t len = (size_t)(end - start);
        while (len && is_space(start[len - 1]))
            len--;
        if (n < max)
            lines[n] = (layout_line){start, len, w};
        n++;
        s = end;
        if (*s == '\n')
            s++;
    }
    return n;
}

/* Place wrapped text at (x, y) in a box width wide. At most max_lines lines
 * (0: no limit); what does not fit ends in an ellipsis. align: 0 left,
 * 1 centre, 2 right. Returns the height used. */
static int text_block(L *l, int x, int y, int width, const char *s, int bold, int px, double lh,
                      kcolor col, int max_lines, int align)
{
    static layout_line lines[MAX_LINES];
    size_t n = layout_wrap(l->p->m, bold, px, s, width, lines, MAX_LINES);
    if (n > MAX_LINES)
        n = MAX_LINES;
    size_t shown = n;
    if (max_lines > 0 && n > (size_t)max_lines)
        shown = (size_t)max_lines;
    int adv = (int)(px * lh + 0.5);
    if (adv < line_box(px))
        adv = line_box(px);
    for (size_t i = 0; i < shown; i++) {
        const char *ls = lines[i].s;
        size_t len = lines[i].len;
        int w = lines[i].w;
        if (i + 1 == shown && shown < n) {
            /* last visible line: cut so that the ellipsis fits */
            int ew = text_w(l, bold, px, ELLIPSIS, strlen(ELLIPSIS));
            const char *rest = ls;
            size_t rl = strlen(rest);
            size_t k = fit_chars(l->p->m, bold, px, rest, rl, width - ew);
            while (k > 0 && is_space(rest[k - 1]))
                k--;
            char *cut = arena_printf(l->sc->strings, "%.*s" ELLIPSIS, (int)k, rest);
            if (cut) {
                ls = cut;
                len = strlen(cut);
                w = text_w(l, bold, px, ls, len);
            }
        }
        int lx = x;
        if (align == 1)
            lx = x + (width - w) / 2;
        else if (align == 2)
            lx = x + width - w;
        text_run(l, lx, y + (int)i * adv, ls, len, w, bold, px, col);
    }
    if (!shown)
        return 0;
    return (int)(shown - 1) * adv + line_box(px);
}

/* Height text_block would use, without placing anything. */
static int text_height(L *l, int width, const char *s, int bold, int px, double lh, int max_lines,
                       size_t *n_lines)
{
    size_t n = layout_wrap(l->p->m, bold, px, s, width, NULL, 0);
    if (n_lines)
        *n_lines = n;
    if (max_lines > 0 && n > (size_t)max_lines)
        n = (size_t)max_lines;
    if (!n)
        return 0;
    int adv = imax((int)(px * lh + 0.5), line_box(px));
    return (int)(n - 1) * adv + line_box(px);
}

/* One line, ellipsized to width. Returns its width. */
static int text_fit(L *l, int x, int y, int width, const char *s, int bold, int px, kcolor col,
                    int align)
{
    int w = text_w(l, bold, px, s, strlen(s));
    if (w <= width) {
        int lx = align == 1 ? x + (width - w) / 2 : align == 2 ? x + width - w : x;
        text_run(l, lx, y, s, strlen(s), w, bold, px, col);
        return w;
    }
    int ew = text_w(l, bold, px, ELLIPSIS, strlen(ELLIPSIS));
    size_t k = fit_chars(l->p->m, bold, px, s, strlen(s), width - ew);
    char *cut = arena_printf(l->sc->strings, "%.*s" ELLIPSIS, (int)k, s);
    if (!cut)
        return 0;
    w = text_w(l, bold, px, cut, strlen(cut));
    text_run(l, x, y, cut, strlen(cut), w, bold, px, col);
    return w;
}

/* ---- shared chrome ------------------------------------------------------- */

static const char *ui_str(lang lg, const char *de, const char *en, const char *ls)
{
    return lg == LANG_EN ? en : lg == LANG_LS ? ls : de;
}

static int button_h(const L *l)
{
    /* large text needs taller buttons: the label plus its padding */
    return imax(imax(l->p->min_target, U(l, 8.5)), line_box(l->body) + 2 * U(l, 1.5));
}

/* A pill button with a label; returns its width. With dry set it only
 * measures. */
static int button(L *l, int x, int y, int h, const char *label, int px, kcolor fill,
                  uint8_t fill_alpha, kcolor fg, nav_action a, int arg, const char *name, int dry)
{
    int pad = imax(U(l, 2.6), h / 3);
    int w = imax(l->p->min_target, text_w(l, 1, px, label, strlen(label)) + 2 * pad);
    if (dry)
        return w;
    if (fill_alpha)
        panel(l, x, y, w, h, fill, h / 2, fill_alpha);
    text_fit(l, x + pad, y + (h - line_box(px)) / 2, w - 2 * pad, label, 1, px, fg, 1);
    target(l, x, y, w, h, h / 2, a, arg, name);
    return w;
}

/* The language switch: a segmented pill, right-aligned at x_right. Returns
 * its width. */
static int lang_toggle(L *l, int x_right, int y, int h, int compact, kcolor bg, kcolor fg,
                       kcolor active_bg, int dry)
{
    static const char *full[LANG_COUNT] = {"Deutsch", "English", "Leichte Sprache"};
    static const char *brief[LANG_COUNT] = {"DE", "EN", "Leicht"};
    static const char *names[LANG_COUNT] = {"lang:de", "lang:en", "lang:leicht"};
    int px = l->small;
    int pad = U(l, 2.2);
    int inset = imax(2, U(l, 0.5));
    int ws[LANG_COUNT] = {0};
    int total = inset;
    for (int i = 0; i < LANG_COUNT; i++) {
        if (i == LANG_LS && !layout_has_lang(l->c, LANG_LS))
            continue;
        const char *s = compact ? brief[i] : full[i];
        ws[i] = imax(l->p->min_target, text_w(l, 1, px, s, strlen(s)) + 2 * pad);
        total += ws[i];
    }
    total += inset;
    if (dry)
        return total;
    int x = x_right - total;
    panel(l, x, y, total, h, tint(bg, fg), h / 2, 255);
    int cx = x + inset;
    kcolor active_fg = readable(active_bg, bg, l->ratio);
    for (int i = 0; i < LANG_COUNT; i++) {
        if (!ws[i])
            continue;
        const char *s = compact ? brief[i] : full[i];
        int on = l->lg == (lang)i;
        int sh = h - 2 * inset;
        if (on)
            rect(l, cx, y + inset, ws[i], sh, active_bg, sh / 2, 255);
        kcolor col = on ? active_fg : readable(tint(bg, fg), fg, l->ratio);
        text_fit(l, cx + pad, y + (h - line_box(px)) / 2, ws[i] - 2 * pad, s, 1, px, col, 1);
        /* the target spans the full pill height: easier to hit */
        target(l, cx, y, ws[i], h, sh / 2, NAV_LANG, i, names[i]);
        cx += ws[i];
    }
    return total;
}

/* ---- attract loop -------------------------------------------------------- */

/* One slide: its background at bg_alpha, everything on it at l->alpha. */
static void slide_body(L *l, const kslide *sl, int top, int bottom, uint8_t bg_alpha)
{
    const layout_params *p = l->p;
    int W = p->w, H = p->h, m = U(l, 5);
    kcolor bg = l->hc ? BLACK : sl->color;
    kcolor fg = readable(bg, l->th.text, l->ratio);
    uint8_t content_alpha = l->alpha;
    int dy = l->dy; /* the background stays put while the text settles */
    l->alpha = bg_alpha;
    l->dy = 0;
    rect(l, 0, 0, W, H, bg, 0, 255);
    l->alpha = content_alpha;
    l->dy = dy;
    int landscape = W * 10 >= H * 12;
    int tx0 = m, tw0 = W - 2 * m;
    if (landscape) /* long lines tire the eye: about 60 characters of lead text */
        tw0 = imin(tw0, (int)(W * 0.74));
    int ztop = top, zbot = bottom;
    if (sl->image) {
        int iw, ih;
        if (p->m->image_size(p->m->ctx, sl->image, &iw, &ih) != 0 || iw <= 0 || ih <= 0) {
            iw = 16;
            ih = 10;
        }
        int bx, by, bw, bh;
        if (landscape) {
            bw = (W - 3 * m) * 42 / 100;
            bh = zbot - ztop;
            bx = W - m - bw;
            by = ztop;
            tw0 = W - 3 * m - bw;
        } else {
            bw = W - 2 * m;
            bh = (zbot - ztop) * 38 / 100;
            bx = m;
            by = ztop;
            ztop += bh + U(l, 4);
        }
        /* contain */
        int dw = bw, dh = (int)((long)bw * ih / iw);
        if (dh > bh) {
            dh = bh;
            dw = (int)((long)bh * iw / ih);
        }
        dl_item *it = add(l, DL_IMAGE, bx + (bw - dw) / 2, by + (bh - dh) / 2, dw, dh);
        if (it)
            it->ref = sl->image;
    }
    /* title and text, shrunk until they fit the zone, vertically centred */
    const char *title = tx(&sl->title, l->lg), *text = tx(&sl->text, l->lg);
    int hero = l->hero, lead = l->lead, th = 0, bh = 0, gap = 0, bar = U(l, 1);
    for (int i = 0; i < 6; i++) {
        th = text_height(l, tw0, title, 1, hero, 1.12, 4, NULL);
        gap = U(l, 3.5);
        bh = text_height(l, tw0, text, 0, lead, 1.42, 0, NULL);
        if (th + gap * 2 + bar + bh <= zbot - ztop)
            break;
        hero = hero * 88 / 100;
        lead = imax(lead * 92 / 100, l->body);
    }
    int avail = zbot - ztop;
    int total = th + 2 * gap + bar + bh;
    int max_text_lines = 0, title_lines = 4;
    if (total > avail) { /* still too long: cut the text with an ellipsis */
        int adv = imax((int)(lead * 1.42 + 0.5), line_box(lead));
        int room = avail - th - 2 * gap - bar - line_box(lead);
        max_text_lines = room >= 0 ? room / adv + 1 : -1;
        if (max_text_lines < 0) { /* no room for the text at all (large text) */
            int tadv = imax((int)(hero * 1.12 + 0.5), line_box(hero));
            title_lines = imax(1, imin(4, (avail - line_box(hero)) / tadv + 1));
            th = text_height(l, tw0, title, 1, hero, 1.12, title_lines, NULL);
        }
        total = max_text_lines < 0 ? th : avail;
    }
    int y = ztop + (avail - total) / 2;
    y += text_block(l, tx0, y, tw0, title, 1, hero, 1.12, fg, title_lines, 0) + gap;
    if (max_text_lines < 0)
        return;
    rect(l, tx0, y, U(l, 12), bar, l->th.accent, bar / 2, 255);
    y += bar + gap;
    text_block(l, tx0, y, tw0, text, 0, lead, 1.42, fg, max_text_lines, 0);
}

static void build_attract(L *l)
{
    const kcontent *c = l->c;
    const nav_state *s = l->s;
    const layout_params *p = l->p;
    int W = p->w, H = p->h, m = U(l, 5);
    l->sc->clear = l->th.background;

    /* The invitation first: it must never be cut, so it decides how much room
     * the slides get. German large and bold, English below it. */
    const char *inv_de = c->invitation.t[LANG_DE] ? c->invitation.t[LANG_DE] : "";
    const char *inv_en = tx(&c->invitation, LANG_EN);
    int two = strcmp(inv_de, inv_en) != 0;
    int dots_w = c->n_slides > 1 ? (int)(c->n_slides - 1) * U(l, 2.6) + U(l, 4) : 0;
    int max_pill = W - 2 * m, dots_above = 0;
    if (dots_w && max_pill - dots_w - U(l, 3) >= U(l, 70))
        max_pill -= dots_w + U(l, 3);
    else
        dots_above = dots_w > 0;
    int px_de = l->lead, px_en = l->body, mark = line_box(px_de);
    int room = max_pill - mark - U(l, 3) - 2 * U(l, 4);
    while (px_de > l->body && (text_w(l, 1, px_de, inv_de, strlen(inv_de)) > room ||
                               (two && text_w(l, 0, px_en, inv_en, strlen(inv_en)) > room))) {
        px_de = imax(px_de * 92 / 100, l->body);
        px_en = imax(px_en * 92 / 100, l->small);
        mark = line_box(px_de);
        room = max_pill - mark - U(l, 3) - 2 * U(l, 4);
    }
    /* still too long: up to three lines each rather than an ellipsis */
    size_t n_de = layout_wrap(p->m, 1, px_de, inv_de, room, NULL, 0);
    size_t n_en = two ? layout_wrap(p->m, 0, px_en, inv_en, room, NULL, 0) : 0;
    if (n_de > 3)
        n_de = 3;
    if (n_en > 3)
        n_en = 3;
    int gap_en = U(l, 0.6);
    int text_h = text_height(l, room, inv_de, 1, px_de, 1.15, 3, NULL) +
                 (two ? gap_en + text_height(l, room, inv_en, 0, px_en, 1.15, 3, NULL) : 0);
    int inner = 0;
    if (n_de == 1 && n_en <= 1)
        inner = imax(text_w(l, 1, px_de, inv_de, strlen(inv_de)),
                     two ? text_w(l, 0, px_en, inv_en, strlen(inv_en)) : 0);
    else
        inner = room;
    int inv_pad = U(l, 2.4);
    int pill_h = imax(text_h + 2 * inv_pad, p->min_target);
    int pill_w = imin(max_pill, inner + mark + U(l, 3) + 2 * U(l, 4));
    int py = H - m - pill_h;

    /* The speech gesture, announced above the invitation in both languages
     * (the visitor has not chosen one yet), the visitor's first; the hand
     * shows two fingers. */
    const char *hint_sym = "\xE2\x9C\x8C";
    const char *hint_de = "Vorlesen: zwei Finger 2 Sekunden still halten";
    const char *hint_en = "Read aloud: hold two fingers still for 2 seconds";
    const char *hint1 = l->lg == LANG_EN ? hint_en : hint_de;
    const char *hint2 = l->lg == LANG_EN ? hint_de : hint_en;
    int hint_px = l->small;
    int sym_w = text_w(l, 0, hint_px, hint_sym, strlen(hint_sym)) + U(l, 1.5);
    int hint_w = W - 2 * m - sym_w;
    int hint_h1 = text_height(l, hint_w, hint1, 0, hint_px, 1.25, 0, NULL);
    int hint_h = hint_h1 + U(l, 0.4) + text_height(l, hint_w, hint2, 0, hint_px, 1.25, 0, NULL);
    int hint_y = py - U(l, 2) - hint_h;
    int dots_y = hint_y - U(l, 2.5);

    int head_h = line_box(l->small) + U(l, 0.8) + line_box(l->h2);
    int top = m + head_h + U(l, 3);
    int bottom = hint_y - U(l, 3) - (dots_above ? U(l, 5) : 0);

    /* The change of slide: the old text fades out in the first half while
     * the background colours blend, the new text fades in and settles in the
     * second half. Texts never show on top of each other. */
    int t = nav_transition(s, p->cfg, p->now);
    double f = t / 1000.0;
    if (s->prev_slide >= 0 && (size_t)s->prev_slide < c->n_slides && t < 1000) {
        l->z = Z_SLIDE_OLD;
        l->alpha = (uint8_t)(f < 0.5 ? 255 * (1 - 2 * f) : 0);
        slide_body(l, &c->slides[s->prev_slide], top, bottom, 255);
    }
    kcolor bg = l->th.background;
    if (s->slide >= 0 && (size_t)s->slide < c->n_slides) {
        const kslide *sl = &c->slides[s->slide];
        bg = l->hc ? BLACK : sl->color;
        l->z = Z_SLIDE;
        double g = f < 0.5 ? 0 : 2 * f - 1;
        double e = 1 - (1 - g) * (1 - g) * (1 - g); /* ease-out: a gentle landing */
        l->alpha = (uint8_t)(255 * g + 0.5);
        l->dy = (int)((1 - e) * U(l, 3));
        slide_body(l, sl, top, bottom, (uint8_t)(255 * f + 0.5));
        l->alpha = 255;
        l->dy = 0;
    } else {
        l->z = Z_SLIDE;
        rect(l, 0, 0, W, H, bg, 0, 255);
    }

    /* chrome: who runs this kiosk, the invitation, where we are in the loop */
    l->z = Z_CHROME;
    kcolor fg = readable(bg, l->th.text, l->ratio);
    int y = m;
    int logo_w = 0;
    if (c->logo) {
        int iw, ih, lh = head_h;
        if (p->m->image_size(p->m->ctx, c->logo, &iw, &ih) != 0 || iw <= 0 || ih <= 0) {
            iw = 1;
            ih = 1;
        }
        logo_w = imin((int)((long)lh * iw / ih), W / 4);
        lh = (int)((long)logo_w * ih / iw);
        dl_item *it = add(l, DL_IMAGE, W - m - logo_w, m + (head_h - lh) / 2, logo_w, lh);
        if (it)
            it->ref = c->logo;
        logo_w += U(l, 3);
    }
    text_fit(l, m, y, W - 2 * m - logo_w, tx(&c->organisation, l->lg), 0, l->small, fg, 0);
    y += line_box(l->small) + U(l, 0.8);
    const char *title = tx(&c->title, l->lg);
    int title_px = l->h2;
    while (title_px > l->body && text_w(l, 1, title_px, title, strlen(title)) > W - 2 * m - logo_w)
        title_px = imax(title_px * 92 / 100, l->body);
    text_fit(l, m, y + line_box(l->h2) - line_box(title_px), W - 2 * m - logo_w, title, 1, title_px,
             fg, 0);

    /* the invitation: a large accent pill with a "touch" mark */
    kcolor acc = l->th.accent;
    kcolor on_acc = readable(acc, INK, l->ratio);
    rect(l, m, py, pill_w, pill_h, acc, imin(pill_h / 2, U(l, 6)), 255);
    int mx = m + U(l, 4), my = py + (pill_h - mark) / 2;
    rect(l, mx, my, mark, mark, on_acc, mark / 2, 70);
    rect(l, mx + mark / 4, my + mark / 4, mark - mark / 2, mark - mark / 2, on_acc, mark / 4, 255);
    int tx0 = mx + mark + U(l, 3), tw0 = m + pill_w - U(l, 4) - tx0;
    int ty = py + (pill_h - text_h) / 2;
    ty += text_block(l, tx0, ty, tw0, inv_de, 1, px_de, 1.15, on_acc, 3, 0);
    if (two)
        text_block(l, tx0, ty + gap_en, tw0, inv_en, 0, px_en, 1.15, on_acc, 3, 0);

    text_run(l, m, hint_y, hint_sym, strlen(hint_sym), sym_w - U(l, 1.5), 0, hint_px, fg);
    text_block(l, m + sym_w, hint_y, hint_w, hint1, 0, hint_px, 1.25, fg, 0, 0);
    text_block(l, m + sym_w, hint_y + hint_h1 + U(l, 0.4), hint_w, hint2, 0, hint_px, 1.25, fg, 0, 0);

    /* progress: one dot per slide, the current one long */
    if (c->n_slides > 1) {
        int d = U(l, 1.4), gap = U(l, 1.2), longd = U(l, 4);
        int total = (int)(c->n_slides - 1) * (d + gap) + longd;
        int x = W - m - total, dy = py + (pill_h - d) / 2;
        if (dots_above) {
            x = m + U(l, 1);
            dy = dots_y - d;
        }
        for (size_t i = 0; i < c->n_slides; i++) {
            int cur = (int)i == s->slide;
            int w = cur ? longd : d;
            rect(l, x, dy, w, d, cur ? acc : fg, d / 2, cur ? 255 : 110);
            x += w + gap;
        }
    }
    target(l, 0, 0, W, H, 0, NAV_START, 0, "start");
}

/* ---- menu ---------------------------------------------------------------- */

/* Header shared by menu and pages: returns its height. */
static int header_h(const L *l)
{
    return imax(U(l, 13), button_h(l) + 2 * U(l, 2.2));
}

/* Width of the widest word of s: a line can be no narrower without
 * breaking a word. */
static int widest_word(L *l, const char *s, int bold, int px)
{
    int best = 0;
    while (*s) {
        while (*s == ' ' || *s == '\n')
            s++;
        const char *e = s;
        while (*e && *e != ' ' && *e != '\n')
            e++;
        if (e > s)
            best = imax(best, text_w(l, bold, px, s, (size_t)(e - s)));
        s = e;
    }
    return best;
}

/* A domain's tile. With dry set it only answers whether the title fits
 * the tile whole (no word broken, at most two lines). */
static int tile(L *l, int i, int x, int y, int w, int h, int dry)
{
    const kdomain *d = &l->c->domains[i];
    const layout_params *p = l->p;
    kcolor bg = dcolor(l, d);
    kcolor fg = readable(bg, WHITE, l->ratio);
    /* large text: the letters need the room more than the margins */
    int pad = l->large ? imax(U(l, 1.8), imin(w, h) / 20) : imax(U(l, 2.6), imin(w, h) / 14);
    if (!dry)
        panel(l, x, y, w, h, bg, U(l, 2.4), 255);
    int iw = w - 2 * pad;
    int ih = h - 2 * pad;
    int top_px = l->tile_px ? imin(l->h2, l->tile_px) : l->h2;
    int title_px = top_px;
    int sum_px = l->body;
    int ic = imin(U(l, 10), h > w * 9 / 10 ? ih / 4 : ih / 3);
    const char *title = tx(&d->title, l->lg);
    const char *sum = tx(&d->summary, l->lg);
    /* large text in a small tile: the title is what counts, the icon goes */
    if (l->large && ic < U(l, 7))
        ic = 0;
    /* Icon and title side by side; in a tall tile, or when a word of the
     * title would have to break, the title goes under the icon instead.
     * Shrink the title rather than cut it. */
    int stacked = ic && h > w * 9 / 10;
    int tx0, tw0, th = 0;
    for (int attempt = 0; attempt < 2; attempt++) {
        tx0 = stacked || !ic ? x + pad : x + pad + ic + U(l, 2.2);
        tw0 = x + w - pad - tx0;
        title_px = top_px;
        for (int k = 0; k < 6; k++) {
            if (widest_word(l, title, 1, title_px) <= tw0 &&
                layout_wrap(l->p->m, 1, title_px, title, tw0, NULL, 0) <= 2 &&
                text_height(l, tw0, title, 1, title_px, 1.1, 2, NULL) + (stacked ? ic + U(l, 2) : 0) <= ih)
                break;
            title_px = imax(title_px * 9 / 10, l->body);
        }
        if (stacked || !ic || widest_word(l, title, 1, title_px) <= tw0)
            break;
        stacked = 1;
    }
    th = text_height(l, tw0, title, 1, title_px, 1.1, 2, NULL);
    int row = stacked ? ic + U(l, 2) + th : imax(ic, th);
    if (dry) {
        l->tile_px_min = imin(l->tile_px_min, title_px);
        return widest_word(l, title, 1, title_px) <= tw0 &&
               layout_wrap(l->p->m, 1, title_px, title, tw0, NULL, 0) <= 2 && row <= ih;
    }
    int ry = y + pad;
    int cx = x + pad, cy = stacked ? ry : ry + (row - ic) / 2;
    if (ic) {
        panel(l, cx, cy, ic, ic, tint(bg, fg), ic / 2, 255);
        if (d->icon) {
            int s2 = ic * 64 / 100;
            dl_item *it = add(l, DL_IMAGE, cx + (ic - s2) / 2, cy + (ic - s2) / 2, s2, s2);
            if (it)
                it->ref = d->icon;
        } else {
            uint32_t cp;
            size_t n = utf8_decode(title, strlen(title), &cp);
            if (n) {
                int ipx = ic * 52 / 100;
                int lw = text_w(l, 1, ipx, title, n);
                text_run(l, cx + (ic - lw) / 2, cy + (ic - line_box(ipx)) / 2, title, n, lw, 1, ipx, fg);
            }
        }
    }
    if (stacked)
        text_block(l, tx0, ry + ic + U(l, 2), tw0, title, 1, title_px, 1.1, fg, 2, 0);
    else
        text_block(l, tx0, ry + (row - th) / 2, tw0, title, 1, title_px, 1.1, fg, 2, 0);
    /* summary under the row, as many lines as the tile holds; the arrow in
     * the corner gives way when the summary needs its line */
    int sy = ry + row + U(l, 2);
    int arrow_px = l->h2;
    int adv = imax((int)(sum_px * 1.35 + 0.5), line_box(sum_px));
    int bottom = y + h - pad;
    const char *arrow = "\xE2\x86\x92";
    int aw = text_w(l, 1, arrow_px, arrow, strlen(arrow));
    size_t need = layout_wrap(l->p->m, 0, sum_px, sum, iw, NULL, 0);
    size_t need_short = layout_wrap(l->p->m, 0, sum_px, sum, iw - aw - U(l, 2), NULL, 0);
    int fit_all = bottom - sy >= line_box(sum_px) ? (bottom - sy - line_box(sum_px)) / adv + 1 : 0;
    int room_arrow = bottom - line_box(arrow_px) - U(l, 0.5) - sy;
    int fit_above = room_arrow >= line_box(sum_px) ? (room_arrow - line_box(sum_px)) / adv + 1 : 0;
    int show_arrow = 1;
    int lines;
    if ((size_t)fit_above >= need) {
        lines = (int)need; /* everything above the arrow's line */
    } else if ((size_t)fit_all >= need_short && fit_all > 0) {
        /* the last line shares the bottom with the arrow: wrap narrower */
        lines = (int)need_short;
        iw -= aw + U(l, 2);
    } else {
        lines = fit_all;
        show_arrow = 0;
    }
    if (lines > 0)
        text_block(l, x + pad, sy, iw, sum, 0, sum_px, 1.35, fg, lines, 0);
    if (show_arrow)
        text_run(l, x + w - pad - aw, bottom - line_box(arrow_px), arrow, strlen(arrow), aw, 1,
                 arrow_px, fg);
    char *name = arena_printf(l->sc->strings, "domain:%s", d->id ? d->id : "?");
    target(l, x, y, w, h, U(l, 2.4), NAV_OPEN_DOMAIN, i, name);
    (void)p;
    return 1;
}

/* ---- control bar --------------------------------------------------------- */

enum { W_BACK, W_HOME, W_LANG, W_CONTRAST, W_LARGE, W_COUNT };

#define CHECK_MARK "\xE2\x9C\x93 "

/* A toggle for one of the visitor's choices: a pill, filled in the accent
 * colour and checked when on, plain when off, so the state shows without
 * colour too. It is as wide in both states: a tap does not move it. */
static int toggle(L *l, int kind, int compact, int x, int y, int h, kcolor bg, kcolor fg, int dry)
{
    const char *label;
    if (kind == W_CONTRAST)
        label = compact ? "\xE2\x97\x90" : ui_str(l->lg, "Kontrast", "Contrast", "Kontrast");
    else
        label = compact ? "A+" : ui_str(l->lg, "Gro\xC3\x9F" "e Schrift", "Large text",
                                        "Gro\xC3\x9F" "e Schrift");
    int on = kind == W_CONTRAST ? l->s->contrast : l->s->large;
    int px = l->body;
    int pad = imax(U(l, 2.6), h / 3);
    char *checked = arena_printf(l->sc->strings, CHECK_MARK "%s", label);
    if (!checked)
        return l->p->min_target;
    int w = imax(l->p->min_target, text_w(l, 1, px, checked, strlen(checked)) + 2 * pad);
    if (dry)
        return w;
    kcolor fill = on ? l->th.accent : tint(bg, fg);
    kcolor col = on ? readable(fill, INK, l->ratio) : readable(fill, fg, l->ratio);
    if (on)
        rect(l, x, y, w, h, fill, h / 2, 255);
    else
        panel(l, x, y, w, h, fill, h / 2, 255);
    text_fit(l, x + pad, y + (h - line_box(px)) / 2, w - 2 * pad, on ? checked : label, 1, px, col,
             1);
    target(l, x, y, w, h, h / 2, kind == W_CONTRAST ? NAV_CONTRAST : NAV_LARGE, 0,
           kind == W_CONTRAST ? "contrast" : "large");
    return w;
}

/* One control of the bar at (x, y); its width. level 1: short language
 * names and arrows for back and home, level 2: the toggles as symbols too. */
static int widget(L *l, int kind, int level, int x, int y, int h, kcolor bg, kcolor fg, int dry)
{
    kcolor fill = tint(bg, fg), on_fill = readable(fill, fg, l->ratio);
    switch (kind) {
    case W_BACK:
        return button(l, x, y, h,
                      level ? "\xE2\x86\x90"
                            : ui_str(l->lg, "\xE2\x86\x90 Zur\xC3\xBC" "ck", "\xE2\x86\x90 Back",
                                     "\xE2\x86\x90 Zur\xC3\xBC" "ck"),
                      l->body, fill, 255, on_fill, NAV_BACK, 0, "back", dry);
    case W_HOME:
        return button(l, x, y, h,
                      level ? "\xE2\x8C\x82"
                            : ui_str(l->lg, "\xE2\x8C\x82 \xC3\x9C" "bersicht",
                                     "\xE2\x8C\x82 Overview", "\xE2\x8C\x82 Alle Themen"),
                      l->body, fill, 255, on_fill, NAV_HOME, 0, "home", dry);
    case W_LANG: {
        int w = lang_toggle(l, 0, y, h, level >= 1, bg, fg, l->th.accent, 1);
        if (!dry)
            lang_toggle(l, x + w, y, h, level >= 1, bg, fg, l->th.accent, 0);
        return w;
    }
    default:
        return toggle(l, kind, level >= 2, x, y, h, bg, fg, dry);
    }
}

/* Rows the widgets take when packed left to right into width. */
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

/* The control bar along the bottom of the menu and the pages: the two
 * toggles, and with low_reach also back and home (pages) and the language
 * switch. Labels get shorter before the bar takes a second row. Shows the
 * speech mode mark where a row has room. Returns its height; with dry set
 * it only measures. */
static int control_bar(L *l, int page, int dry)
{
    const layout_params *p = l->p;
    int W = p->w, H = p->h, m = U(l, 4.5);
    int bh = button_h(l), gap = U(l, 2), pad = U(l, 1.8);
    kcolor bg = l->th.surface;
    kcolor fg = readable(bg, l->th.text, l->ratio);
    int kinds[W_COUNT], n = 0, n_left = 0;
    if (l->reach && page) {
        kinds[n++] = W_BACK;
        kinds[n++] = W_HOME;
        n_left = 2;
    }
    if (l->reach)
        kinds[n++] = W_LANG;
    kinds[n++] = W_CONTRAST;
    kinds[n++] = W_LARGE;
    /* words while the bar stays low (two rows at most, a sixth of the
     * screen), else the fewest rows */
    int ws[W_COUNT], level = 0, rows = 0, found = 0;
    for (int lv = 0; lv < 3 && !found; lv++) {
        int w2[W_COUNT];
        for (int i = 0; i < n; i++)
            w2[i] = widget(l, kinds[i], lv, 0, 0, bh, bg, fg, 1);
        int r = pack_rows(w2, n, W - 2 * m, gap);
        found = r == 1 || (r == 2 && 2 * bh + gap + 2 * pad <= H / 6);
        if (lv == 0 || r < rows || found) {
            level = lv;
            rows = r;
            memcpy(ws, w2, sizeof w2);
        }
    }
    int height = rows * bh + (rows - 1) * gap + 2 * pad;
    if (dry)
        return height;
    int y0 = H - height;
    int z = l->z;
    l->z = Z_CHROME;
    rect(l, 0, y0, W, height, bg, 0, 255);
    if (l->hc)
        rect(l, 0, y0, W, l->bw, YELLOW, 0, 255);
    int y = y0 + pad;
    int free_x = m, free_w = 0; /* room for the speech mark */
    if (rows == 1) {
        int x = m;
        for (int i = 0; i < n_left; i++)
            x += widget(l, kinds[i], level, x, y, bh, bg, fg, 0) + gap;
        int right = 0;
        for (int i = n_left; i < n; i++)
            right += ws[i] + (i > n_left ? gap : 0);
        free_x = x;
        free_w = W - m - right - gap - x;
        x = W - m - right;
        for (int i = n_left; i < n; i++)
            x += widget(l, kinds[i], level, x, y, bh, bg, fg, 0) + gap;
    } else {
        int x = m;
        for (int i = 0; i < n; i++) {
            if (x > m && x + ws[i] > W - m) {
                x = m;
                y += bh + gap;
            }
            x += widget(l, kinds[i], level, x, y, bh, bg, fg, 0) + gap;
        }
        free_x = x;
        free_w = W - m - x;
    }
    if (l->s->speech) {
        const char *mark = ui_str(l->lg, "\xE2\x9C\x8C Vorlesen an", "\xE2\x9C\x8C Speech on",
                                  "\xE2\x9C\x8C Vorlesen ist an");
        int mw = text_w(l, 1, l->small, mark, strlen(mark));
        if (mw <= free_w)
            text_run(l, free_x, y + (bh - line_box(l->small)) / 2, mark, strlen(mark), mw, 1,
                     l->small, fg);
    }
    l->z = z;
    return height;
}

/* The line below which low_reach puts every control. */
static int reach_y(const L *l)
{
    return (l->p->h * LAYOUT_REACH_TOP_PERCENT + 99) / 100;
}

/* The grid's columns: as many as give tiles closest to a pleasant 4:3;
 * with whole set only among those where every title fits whole. 0 when
 * none will do. */
static int menu_cols(L *l, int n, int gw, int gh, int gap, int whole)
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

static void build_menu(L *l)
{
    const kcontent *c = l->c;
    const layout_params *p = l->p;
    int W = p->w, H = p->h, m = U(l, 4.5);
    kcolor bg = l->th.background;
    kcolor fg = readable(bg, l->th.text, l->ratio);
    kcolor muted = readable(bg, l->th.muted, l->ratio);
    l->sc->clear = bg;
    l->z = Z_BACK;
    rect(l, 0, 0, W, H, bg, 0, 255);

    l->z = Z_CHROME;
    int bh = button_h(l);
    /* large text on a short screen: the tiles need the room more than the
     * town's name over the menu title (the attract loop shows it) */
    int org = !(l->large && line_box(l->small) + line_box(l->h1) > H * 16 / 100);
    int th = (org ? line_box(l->small) + U(l, 0.6) : 0) + line_box(l->h1);
    int hh = imax(header_h(l), th + 2 * U(l, 1.5));
    int lw = 0, compact = 0;
    if (!l->reach) { /* the language switch in the header; low_reach: in the bar */
        lw = lang_toggle(l, W - m, 0, bh, 0, bg, fg, l->th.accent, 1);
        if (lw > (W - 2 * m) / 2) {
            compact = 1;
            lw = lang_toggle(l, W - m, 0, bh, 1, bg, fg, l->th.accent, 1);
        }
        lang_toggle(l, W - m, (hh - bh) / 2 + U(l, 1), bh, compact, bg, fg, l->th.accent, 0);
        lw += U(l, 3);
    }
    int bar = control_bar(l, 0, 0);

    /* the grid: as many columns as give tiles closest to a pleasant 4:3,
     * among those whose titles fit whole; low_reach keeps it below the
     * reach line, the title above */
    int n = (int)c->n_domains;
    int gx = m, gy = hh + U(l, 3);
    int gw = W - 2 * m, gb = H - bar - U(l, 2.5);
    int gap = U(l, l->large ? 1.8 : 2.6);
    int best_cols = 0;
    if (l->reach) {
        /* from the reach line down; only when the titles cannot fit whole
         * there (large text on a small screen) does the grid grow upwards */
        for (int top = imax(gy, reach_y(l)); top >= gy && !best_cols; top -= imax(1, U(l, 2))) {
            best_cols = menu_cols(l, n, gw, gb - top, gap, 1);
            if (best_cols)
                gy = top;
        }
    } else {
        best_cols = menu_cols(l, n, gw, gb - gy, gap, 1);
    }
    if (!best_cols)
        best_cols = menu_cols(l, n, gw, gb - gy, gap, 0);
    if (!best_cols)
        best_cols = 1;
    int gh = gb - gy;
    int tw0 = W - 2 * m - lw;
    int ty = (hh - th) / 2 + U(l, 1);
    if (l->reach && n > 0) /* the title right above the tiles it names */
        ty = imax(ty, gy - U(l, 3) - th);
    if (org) {
        text_fit(l, m, ty, tw0, tx(&c->title, l->lg), 0, l->small, muted, 0);
        ty += line_box(l->small) + U(l, 0.6);
    }
    const char *mt = tx(&c->menu_title, l->lg);
    int mpx = l->h1;
    while (mpx > l->h2 && text_w(l, 1, mpx, mt, strlen(mt)) > tw0)
        mpx = imax(mpx * 92 / 100, l->h2);
    text_fit(l, m, ty + line_box(l->h1) - line_box(mpx), tw0, mt, 1, mpx, fg, 0);
    if (n == 0)
        return;
    int cols = best_cols, rows = (n + cols - 1) / cols;
    int tw1 = (gw - (cols - 1) * gap) / cols;
    int th1 = (gh - (rows - 1) * gap) / rows;
    /* one title size for every tile: the smallest any of them needs */
    l->tile_px_min = l->h2;
    for (int i = 0; i < n; i++)
        tile(l, i, 0, 0, tw1, th1, 1);
    l->tile_px = l->tile_px_min;
    l->z = Z_BODY;
    for (int i = 0; i < n; i++) {
        int r = i / cols, k = i % cols;
        int in_row = (r == rows - 1 && n % cols) ? n % cols : cols;
        /* centre an incomplete last row */
        int off = (cols - in_row) * (tw1 + gap) / 2;
        tile(l, i, gx + off + k * (tw1 + gap), gy + r * (th1 + gap), tw1, th1, 0);
    }
}

/* ---- domain pages -------------------------------------------------------- */

static int block_gap(const L *l)
{
    return U(l, 3.2);
}

static int card_pad(const L *l)
{
    return U(l, 3);
}

static int put_fact(L *l, const kdomain *d, const kblock *b, int x, int y, int w)
{
    kcolor surf = l->th.surface;
    kcolor fg = readable(surf, l->th.text, l->ratio);
    kcolor fig = mark_on(l, surf, d->color); /* large text: AA needs 3:1 */
    int pad = card_pad(l);
    const char *val = tx(&b->value, l->lg), *txt = tx(&b->text, l->lg);
    x += U(l, 1); /* room for the accent stripe */
    w -= U(l, 1);
    int fpx = l->fact;
    int vw = text_w(l, 1, fpx, val, strlen(val));
    int inner = w - 2 * pad;
    /* a long figure ("15. März 2017") gets smaller before it crowds the text */
    while (vw > inner * 45 / 100 && fpx > l->h1) {
        fpx = imax(fpx * 90 / 100, l->h1);
        vw = text_w(l, 1, fpx, val, strlen(val));
    }
    int side = vw <= inner * 45 / 100 + 1;
    int h;
    if (side) {
        int tw0 = inner - vw - U(l, 4);
        int th = text_height(l, tw0, txt, 0, l->body, 1.4, 0, NULL);
        int vh = line_box(fpx);
        h = imax(th, vh) + 2 * pad;
        rect(l, x - U(l, 1), y, w + U(l, 1), h, surf, U(l, 2.2), 255);
        rect(l, x - U(l, 1) + U(l, 1.4), y + pad, U(l, 0.8), h - 2 * pad, fig, U(l, 0.4), 255);
        text_block(l, x + pad, y + (h - vh) / 2, vw, val, 1, fpx, 1.0, fig, 1, 0);
        text_block(l, x + pad + vw + U(l, 4), y + (h - th) / 2, tw0, txt, 0, l->body, 1.4, fg, 0,
                   0);
    } else {
        int vh = text_height(l, inner, val, 1, fpx, 1.05, 0, NULL);
        int th = text_height(l, inner, txt, 0, l->body, 1.4, 0, NULL);
        h = vh + U(l, 1.5) + th + 2 * pad;
        rect(l, x - U(l, 1), y, w + U(l, 1), h, surf, U(l, 2.2), 255);
        rect(l, x - U(l, 1) + U(l, 1.4), y + pad, U(l, 0.8), h - 2 * pad, fig, U(l, 0.4), 255);
        text_block(l, x + pad, y + pad, inner, val, 1, fpx, 1.05, fig, 0, 0);
        text_block(l, x + pad, y + pad + vh + U(l, 1.5), inner, txt, 0, l->body, 1.4, fg, 0, 0);
    }
    return h;
}

static int put_link(L *l, const kblock *b, int x, int y, int w)
{
    kcolor surf = l->th.surface;
    kcolor fg = readable(surf, l->th.text, l->ratio);
    kcolor muted = readable(surf, l->th.muted, l->ratio);
    int pad = card_pad(l);
    int inner = w - 2 * pad;
    int q = imax(U(l, 22), l->p->min_target * 3);
    if (q > inner)
        q = inner;
    const char *label = tx(&b->text, l->lg);
    const char *url = b->url ? b->url : "";
    const char *hint = ui_str(l->lg, "Mit dem Handy scannen und mitnehmen",
                              "Scan with your phone to take it home",
                              "Mit dem Handy fotografieren. Dann haben Sie die Seite.");
    int side = inner - q - U(l, 4) >= U(l, 30);
    int tw0 = side ? inner - q - U(l, 4) : inner;
    int lh = text_height(l, tw0, label, 1, l->lead, 1.3, 0, NULL);
    int uh = text_height(l, tw0, url, 0, l->body, 1.3, 0, NULL);
    int hh = text_height(l, tw0, hint, 0, l->small, 1.3, 0, NULL);
    int text_h = lh + U(l, 1.5) + uh + U(l, 2) + hh;
    int h = side ? imax(q, text_h) + 2 * pad : q + U(l, 3) + text_h + 2 * pad;
    rect(l, x, y, w, h, surf, U(l, 2.2), 255);
    int qy = side ? y + (h - q) / 2 : y + pad;
    dl_item *it = add(l, DL_QR, x + pad, qy, q, q);
    if (it)
        it->ref = url;
    int tx0 = side ? x + pad + q + U(l, 4) : x + pad;
    int ty = side ? y + (h - text_h) / 2 : y + pad + q + U(l, 3);
    ty += text_block(l, tx0, ty, tw0, label, 1, l->lead, 1.3, fg, 0, 0) + U(l, 1.5);
    ty += text_block(l, tx0, ty, tw0, url, 0, l->body, 1.3, fg, 0, 0) + U(l, 2);
    text_block(l, tx0, ty, tw0, hint, 0, l->small, 1.3, muted, 0, 0);
    return h;
}

static int put_image(L *l, const kblock *b, int x, int y, int w, int max_h)
{
    const layout_params *p = l->p;
    int iw, ih;
    if (p->m->image_size(p->m->ctx, b->image, &iw, &ih) != 0 || iw <= 0 || ih <= 0) {
        iw = 16;
        ih = 9;
    }
    int dw = w, dh = (int)((long)w * ih / iw);
    if (dh > max_h) {
        dh = max_h;
        dw = (int)((long)max_h * iw / ih);
    }
    dl_item *it = add(l, DL_IMAGE, x + (w - dw) / 2, y, dw, dh);
    if (it)
        it->ref = b->image;
    int h = dh;
    const char *cap = tx(&b->text, l->lg);
    if (*cap) {
        kcolor muted = readable(l->th.background, l->th.muted, l->ratio);
        h += U(l, 1.5);
        h += text_block(l, x, y + h, w, cap, 0, l->small, 1.35, muted, 0, 0);
    }
    return h;
}

/* The tabs of a domain with several pages, in rows from y (wrapping on
 * narrow screens). Returns their height; with dry set only measures. */
static int page_tabs(L *l, const kdomain *d, int y, int dry)
{
    const layout_params *p = l->p;
    int W = p->w, m = U(l, 4.5);
    int th = button_h(l);
    int tg = U(l, 1.6);
    int x = m, y0 = y;
    kcolor surf = l->th.surface;
    kcolor act_bg = l->hc ? YELLOW : d->color;
    kcolor act_fg = l->hc ? readable(act_bg, INK, l->ratio) : readable(act_bg, WHITE, l->ratio);
    kcolor tab_fg = readable(surf, l->th.text, l->ratio);
    for (size_t i = 0; i < d->n_pages; i++) {
        const char *t = tx(&d->pages[i].title, l->lg);
        int pad = U(l, 3);
        int w = imax(p->min_target, text_w(l, 1, l->body, t, strlen(t)) + 2 * pad);
        if (w > W - 2 * m)
            w = W - 2 * m;
        if (x > m && x + w > W - m) {
            x = m;
            y += th + tg;
        }
        if (!dry) {
            int on_tab = (int)i == l->s->page;
            if (on_tab)
                rect(l, x, y, w, th, act_bg, th / 2, 255);
            else
                panel(l, x, y, w, th, surf, th / 2, 255);
            text_fit(l, x + pad, y + (th - line_box(l->body)) / 2, w - 2 * pad, t, 1, l->body,
                     on_tab ? act_fg : tab_fg, 1);
            char *name =
                arena_printf(l->sc->strings, "tab:%s", d->pages[i].id ? d->pages[i].id : "?");
            target(l, x, y, w, th, th / 2, NAV_OPEN_PAGE, (int)i, name);
        }
        x += w + tg;
    }
    return y + th - y0;
}

static void build_page(L *l)
{
    const kcontent *c = l->c;
    const nav_state *s = l->s;
    const layout_params *p = l->p;
    const kdomain *d = &c->domains[s->domain];
    const kpage *pg = &d->pages[s->page];
    int W = p->w, H = p->h, m = U(l, 4.5);
    kcolor bg = l->th.background;
    kcolor fg = readable(bg, l->th.text, l->ratio);
    l->sc->clear = bg;
    l->z = Z_BACK;
    rect(l, 0, 0, W, H, bg, 0, 255);

    /* header band in the domain's colour: back, title, language, home
     * (low_reach: the title alone, the controls go to the bar) */
    l->z = Z_CHROME;
    int hh = header_h(l);
    int bh = button_h(l);
    kcolor band = dcolor(l, d);
    kcolor on = readable(band, WHITE, l->ratio);
    const char *back_full = ui_str(l->lg, "\xE2\x86\x90 Zur\xC3\xBC" "ck", "\xE2\x86\x90 Back",
                                   "\xE2\x86\x90 Zur\xC3\xBC" "ck");
    const char *home_full = ui_str(l->lg, "\xE2\x8C\x82 \xC3\x9C" "bersicht",
                                   "\xE2\x8C\x82 Overview", "\xE2\x8C\x82 Alle Themen");
    const char *back_s = "\xE2\x86\x90", *home_s = "\xE2\x8C\x82";
    int gap = U(l, 2);
    /* as much as fits: full labels, then short language names, then icons */
    const char *title = tx(&d->title, l->lg);
    int title_w = text_w(l, 1, l->h2, title, strlen(title));
    int wb = 0, wh = 0, wl = 0, compact = 0;
    if (!l->reach)
        for (int level = 0; level < 3; level++) {
            compact = level >= 1;
            if (level == 2) {
                back_full = back_s;
                home_full = home_s;
            }
            wb = button(l, 0, 0, bh, back_full, l->body, on, 0, band, NAV_BACK, 0, "back", 1);
            wh = button(l, 0, 0, bh, home_full, l->body, on, 0, band, NAV_HOME, 0, "home", 1);
            wl = lang_toggle(l, 0, 0, bh, compact, band, on, on, 1);
            if (m + wb + U(l, 3) + imin(title_w, U(l, 40)) + U(l, 3) + wl + gap + wh + m <= W)
                break;
        }
    int tx0 = l->reach ? m : m + wb + U(l, 3);
    int tw0 = l->reach ? W - 2 * m : W - m - wh - gap - wl - U(l, 3) - tx0;
    /* a smaller title rather than a cut one; large text may take two lines,
     * or a row of its own under the buttons */
    int tpx = l->h2, tlines = 1, title_y = 0, by = (hh - bh) / 2;
    for (int own_row = 0; own_row < 2; own_row++) {
        if (own_row) {
            tx0 = m;
            tw0 = W - 2 * m;
        }
        tpx = l->h2;
        tlines = 1;
        if (tw0 <= 0)
            continue;
        while (tpx > l->body && text_w(l, 1, tpx, title, strlen(title)) > tw0)
            tpx = imax(tpx * 92 / 100, l->body);
        if (text_w(l, 1, tpx, title, strlen(title)) > tw0 && l->large &&
            widest_word(l, title, 1, tpx) <= tw0)
            tlines = 2;
        int fits = widest_word(l, title, 1, tpx) <= tw0 &&
                   layout_wrap(l->p->m, 1, tpx, title, tw0, NULL, 0) <= (size_t)tlines;
        int t_h = text_height(l, tw0, title, 1, tpx, 1.1, tlines, NULL);
        if (!own_row && (fits || l->reach || !l->large)) {
            hh = imax(hh, t_h + 2 * U(l, 1.5));
            by = (hh - bh) / 2;
            title_y = (hh - t_h) / 2;
            break;
        }
        if (own_row) {
            by = U(l, 2.2);
            title_y = by + bh + U(l, 1.5);
            hh = title_y + t_h + U(l, 2);
        }
    }
    rect(l, 0, 0, W, hh, band, 0, 255);
    if (l->hc)
        rect(l, 0, hh - l->bw, W, l->bw, YELLOW, 0, 255);
    if (!l->reach) {
        kcolor btn_fill = tint(band, on);
        kcolor btn_fg = readable(btn_fill, on, l->ratio);
        button(l, m, by, bh, back_full, l->body, btn_fill, 255, btn_fg, NAV_BACK, 0, "back", 0);
        button(l, W - m - wh, by, bh, home_full, l->body, btn_fill, 255, btn_fg, NAV_HOME, 0,
               "home", 0);
        lang_toggle(l, W - m - wh - gap, by, bh, compact, band, on, on, 0);
    }
    if (tw0 > 0) {
        if (tlines == 2)
            text_block(l, tx0, title_y, tw0, title, 1, tpx, 1.1, on, 2, 0);
        else
            text_fit(l, tx0, title_y, tw0, title, 1, tpx, on, 0);
    }

    /* tabs for a domain with several pages: under the header, or with
     * low_reach just above the bar */
    int bar = control_bar(l, 1, 0);
    int y = hh, bottom = H - bar;
    if (d->n_pages > 1) {
        if (l->reach) {
            int tabs_h = page_tabs(l, d, 0, 1);
            bottom -= tabs_h + U(l, 2);
            page_tabs(l, d, bottom + U(l, 1), 0);
        } else {
            y = hh + U(l, 2.2);
            y += page_tabs(l, d, y, 0) + U(l, 1);
        }
    }

    /* the body scrolls under the header */
    scene *sc = l->sc;
    sc->view_x = 0;
    sc->view_y = y;
    sc->view_w = W;
    sc->view_h = bottom - y;
    sc->scrollbar = readable(bg, l->th.muted, 3.0);
    l->layer = DL_SCROLL;
    l->z = Z_BODY;
    /* a comfortable line length, wider on small screens that need the room */
    int cw = imin(W - 2 * m, imax(U(l, 112), imin(W * 72 / 100, U(l, 118))));
    if (l->large) /* double-size letters: the lines may be twice as long */
        cw = imin(W - 2 * m, cw * 2);
    int cx = (W - cw) / 2;
    int cy = U(l, 4);
    kcolor muted = readable(bg, l->th.muted, l->ratio);
    cy += text_block(l, cx, cy, cw, tx(&pg->title, l->lg), 1, l->h1, 1.12, fg, 0, 0);
    cy += U(l, 2);
    kcolor mark = mark_on(l, bg, d->color);
    rect(l, cx, cy, U(l, 10), U(l, 0.8), mark, U(l, 0.4), 255);
    cy += U(l, 0.8) + block_gap(l);
    for (size_t i = 0; i < pg->n_blocks; i++) {
        const kblock *b = &pg->blocks[i];
        switch (b->kind) {
        case BLOCK_HEADING:
            if (i > 0)
                cy += U(l, 1.5);
            cy += text_block(l, cx, cy, cw, tx(&b->text, l->lg), 1, l->h2, 1.2, fg, 0, 0);
            cy += U(l, 1.8);
            continue;
        case BLOCK_PARAGRAPH:
            cy += text_block(l, cx, cy, cw, tx(&b->text, l->lg), 0, l->body, 1.5, fg, 0, 0);
            break;
        case BLOCK_BULLETS: {
            int ind = U(l, 4.5), dot = imax(4, l->body / 3);
            for (size_t k = 0; k < b->n_items; k++) {
                rect(l, cx + U(l, 0.8), cy + (line_box(l->body) - dot) / 2, dot, dot, mark,
                     dot / 2, 255);
                cy += text_block(l, cx + ind, cy, cw - ind, tx(&b->items[k], l->lg), 0, l->body,
                                 1.45, fg, 0, 0);
                if (k + 1 < b->n_items)
                    cy += U(l, 1.4);
            }
            break;
        }
        case BLOCK_FACT:
            cy += put_fact(l, d, b, cx, cy, cw);
            break;
        case BLOCK_IMAGE:
            cy += put_image(l, b, cx, cy, cw, sc->view_h * 65 / 100);
            break;
        case BLOCK_LINK:
            cy += put_link(l, b, cx, cy, cw);
            break;
        }
        cy += block_gap(l);
    }
    (void)muted;
    sc->content_h = cy + U(l, 4);
    l->layer = DL_FIXED;
}

/* ---- overlays ------------------------------------------------------------ */

/* The idle warning: a modal card with the seconds left and a large "more
 * time" button. Nothing under it can be tapped (a touch anywhere only
 * dismisses the warning). When the card would not fit (large text on a
 * small screen), the number gets smaller first, then the last hint goes:
 * the button says the same. */
static void build_countdown(L *l, int secs)
{
    const layout_params *p = l->p;
    int W = p->w, H = p->h, m = U(l, 4);
    l->z = Z_OVERLAY;
    l->layer = DL_FIXED;
    l->sc->modal_z = Z_OVERLAY * 1000000;
    l->sc->countdown = secs;
    l->sc->n_targets = 0;
    rect(l, 0, 0, W, H, BLACK, 0, l->hc ? 255 : 170);
    kcolor surf = l->th.surface;
    kcolor fg = readable(surf, l->th.text, l->ratio);
    kcolor acc = readable(surf, l->th.accent, l->hc ? l->ratio : 3.0);
    const char *q = ui_str(l->lg, "Sind Sie noch da?", "Are you still there?",
                           "Sind Sie noch da?");
    const char *t1 = ui_str(l->lg, "Gleich geht es zur\xC3\xBC" "ck zum Start.",
                            "Returning to the start screen in", "Gleich kommt wieder die Start-Seite.");
    const char *t2 = ui_str(l->lg, "Ber\xC3\xBChren Sie den Bildschirm, um weiterzulesen.",
                            "Touch the screen to keep reading.",
                            "Wollen Sie weiter lesen? Dann tippen Sie auf den Bildschirm.");
    const char *more = ui_str(l->lg, "Mehr Zeit", "More time", "Mehr Zeit");
    char *num = arena_printf(l->sc->strings, "%d", secs);
    int cw = imin(W - 2 * m, imax(U(l, 92), l->large ? W * 80 / 100 : 0));
    int pad = U(l, 4);
    int inner = cw - 2 * pad;
    int gap = U(l, 2.2);
    int mpx = l->lead;
    int more_h = imax(button_h(l), line_box(mpx) + 2 * U(l, 2.5));
    int more_w = imin(inner, imax(inner * 3 / 4, text_w(l, 1, mpx, more, strlen(more)) + 2 * U(l, 4)));
    if (text_w(l, 1, mpx, more, strlen(more)) > more_w - 2 * U(l, 2))
        mpx = l->body; /* a smaller label rather than a cut one */
    int h1 = text_height(l, inner, q, 1, l->h1, 1.15, 0, NULL);
    int h2 = text_height(l, inner, t1, 0, l->lead, 1.35, 0, NULL);
    int npx = l->fact * 3 / 2;
    int hn = line_box(npx);
    int h3 = text_height(l, inner, t2, 0, l->body, 1.4, 0, NULL);
    int ch = 2 * pad + h1 + gap + h2 + gap + hn + gap + more_h + gap + h3;
    if (ch > H - 2 * m) {
        npx = l->fact;
        hn = line_box(npx);
        ch = 2 * pad + h1 + gap + h2 + gap + hn + gap + more_h + gap + h3;
    }
    int show_t2 = ch <= H - 2 * m;
    if (!show_t2)
        ch -= gap + h3;
    if (ch > H - 2 * m) { /* the question goes too: the button remains */
        ch -= h1 + gap;
        h1 = -1;
    }
    int x = (W - cw) / 2, y = (H - ch) / 2;
    if (l->reach) /* the button within reach: the card at the bottom */
        y = H - m - ch;
    panel(l, x, y, cw, ch, surf, U(l, 3), 255);
    y += pad;
    if (h1 >= 0)
        y += text_block(l, x + pad, y, inner, q, 1, l->h1, 1.15, fg, 0, 1) + gap;
    y += text_block(l, x + pad, y, inner, t1, 0, l->lead, 1.35, fg, 0, 1) + gap;
    y += text_block(l, x + pad, y, inner, num, 1, npx, 1.0, acc, 1, 1) + gap;
    /* the button: filled in the accent colour, the action nobody can miss */
    int bx = x + (cw - more_w) / 2;
    kcolor bfill = l->th.accent;
    rect(l, bx, y, more_w, more_h, bfill, more_h / 2, 255);
    text_fit(l, bx + U(l, 2), y + (more_h - line_box(mpx)) / 2, more_w - 2 * U(l, 2), more, 1, mpx,
             readable(bfill, INK, l->ratio), 1);
    target(l, bx, y, more_w, more_h, more_h / 2, NAV_MORE_TIME, 0, "more-time");
    y += more_h + gap;
    if (show_t2)
        text_block(l, x + pad, y, inner, t2, 0, l->body, 1.4, fg, 0, 1);
}

static void build_diags(L *l, const diag_list *dl)
{
    const layout_params *p = l->p;
    int W = p->w, H = p->h, m = U(l, 3);
    kcolor bg = {127, 29, 29};
    int whole = l->c == NULL; /* nothing good to show behind the errors */
    l->z = Z_DIAG;
    l->layer = DL_FIXED;
    int px = l->small;
    int adv = imax((int)(px * 1.35), line_box(px));
    int ph = whole ? H : H * 45 / 100;
    int y0 = H - ph;
    rect(l, 0, y0, W, ph, bg, 0, 245);
    int y = y0 + m;
    char *head = arena_printf(l->sc->strings, "Inhalt fehlerhaft (%zu Fehler) \xE2\x80\x93 %s",
                              dl->errors,
                              whole ? "es gibt noch keinen g\xC3\xBCltigen Stand"
                                    : "angezeigt wird der letzte g\xC3\xBCltige Stand");
    y += text_block(l, m, y, W - 2 * m, head ? head : "", 1, l->body, 1.3, WHITE, 2, 0) + U(l, 1.5);
    for (size_t i = 0; i < dl->n && y + line_box(px) <= H - m; i++) {
        char buf[512];
        diag_format(&dl->items[i], buf, sizeof buf);
        char *s = arena_strdup(l->sc->strings, buf);
        if (!s)
            break;
        int room = (H - m - y - line_box(px)) / adv + 1;
        y += text_block(l, m, y, W - 2 * m, s, 0, px, 1.35, WHITE, room < 2 ? room : 2, 0) +
             U(l, 0.8);
    }
}

/* The emergency notice: a full-screen card in high contrast (white on deep
 * red, 9:1) that covers whatever scene is below, both languages in large
 * type and the time range. The type steps down until everything fits. */
static void build_notice(L *l, const layout_notice *n)
{
    static const kcolor RED = {127, 29, 29};
    static const kcolor PALE = {254, 226, 226};
    const layout_params *p = l->p;
    int W = p->w, H = p->h, m = U(l, 6);
    int inner = W - 2 * m;
    const char *head = "Wichtiger Hinweis \xC2\xB7 Important notice";
    const int sizes[3][3] = {{l->hero, l->h1, l->lead}, {l->h1, l->lead, l->body}, {l->lead, l->body, l->small}};
    int gap = U(l, 3), step = 0, total = 0;
    for (step = 0; step < 3; step++) {
        const int *sz = sizes[step];
        total = line_box(l->body) + gap + text_height(l, inner, n->de, 1, sz[0], 1.15, 0, NULL) + gap +
                text_height(l, inner, n->en, 1, sz[1], 1.2, 0, NULL) + gap +
                (n->leicht ? text_height(l, inner, n->leicht, 0, sz[2], 1.3, 0, NULL) + gap : 0) +
                (n->when ? line_box(l->body) : 0);
        if (total <= H - 2 * m)
            break;
    }
    if (step == 3)
        step = 2;
    const int *sz = sizes[step];
    /* texts too long even then: each gets a third of the room left, cut
     * with an ellipsis */
    int n_texts = n->leicht ? 3 : 2;
    int share = (H - 2 * m - line_box(l->body) * 2 - gap * (n_texts + 1)) / n_texts;
    int cap[3];
    const double lh[3] = {1.15, 1.2, 1.3};
    for (int i = 0; i < 3; i++)
        cap[i] = imax(1, share / imax((int)(sz[i] * lh[i] + 0.5), line_box(sz[i])));
    const char *txt[3] = {n->de, n->en, n->leicht};
    total = line_box(l->body) + gap + (n->when ? line_box(l->body) : 0);
    for (int i = 0; i < n_texts; i++)
        total += text_height(l, inner, txt[i], i < 2, sz[i], lh[i], cap[i], NULL) + gap;
    int room = H - 2 * m;
    l->z = Z_NOTICE;
    l->layer = DL_FIXED;
    l->dy = 0;
    l->alpha = 255;
    rect(l, 0, 0, W, H, RED, 0, 255);
    int y = m + (total < room ? (room - total) / 2 : 0);
    y += text_block(l, m, y, inner, head, 0, l->body, 1.2, PALE, 1, 1) + gap;
    for (int i = 0; i < n_texts; i++)
        y += text_block(l, m, y, inner, txt[i], i < 2, sz[i], lh[i], WHITE, cap[i], 1) + gap;
    if (n->when && y + line_box(l->body) <= H)
        text_block(l, m, y, inner, n->when, 0, l->body, 1.2, PALE, 1, 1);
    l->sc->n_targets = 0; /* nothing under the card can be tapped */
    l->sc->modal_z = Z_NOTICE * 1000000; /* nor read, nor does a countdown show */
    l->sc->countdown = -1;
}

/* ---- scene --------------------------------------------------------------- */

static int cmp_z(const void *a, const void *b)
{
    const dl_item *x = a, *y = b;
    return (x->z > y->z) - (x->z < y->z);
}

scene *layout_build(const kcontent *c, const nav_state *s, const layout_params *p)
{
    scene *sc = calloc(1, sizeof *sc);
    if (!sc)
        return NULL;
    sc->strings = arena_new();
    if (!sc->strings) {
        free(sc);
        return NULL;
    }
    sc->w = p->w;
    sc->h = p->h;
    sc->items_above_scroll_z = (Z_BODY + 1) * 1000000;
    sc->countdown = -1;
    L l = {.sc = sc, .p = p, .c = c, .s = s, .lg = s->language, .alpha = 255};
    l.u = (p->w < p->h ? p->w : p->h) / 100.0;
    l.hc = s->contrast != 0;
    l.large = s->large != 0;
    l.reach = p->low_reach != 0;
    l.ratio = l.hc ? 7.0 : 4.5;
    l.bw = imax(2, U(&l, 0.4));
    if (c)
        l.th = c->theme;
    if (l.hc)
        l.th = (ktheme){.background = BLACK, .surface = BLACK, .text = WHITE, .muted = PALE_GREY,
                        .accent = YELLOW};
    /* type scale; the floors keep the small 7" screen readable */
    l.small = imax(U(&l, 2.5), 13);
    l.body = imax(U(&l, 3.2), 15);
    l.lead = imax(U(&l, 3.9), 17);
    l.h2 = imax(U(&l, 4.6), 19);
    l.h1 = imax(U(&l, 6.0), 24);
    l.hero = imax(U(&l, 7.6), 28);
    l.fact = imax(U(&l, 9.0), 32);
    if (l.large) { /* 200 %: every text, the layout makes room */
        int *sz[] = {&l.small, &l.body, &l.lead, &l.h2, &l.h1, &l.hero, &l.fact};
        for (size_t i = 0; i < sizeof sz / sizeof sz[0]; i++)
            *sz[i] *= 2;
    }
    if (c) {
        switch (s->scene) {
        case NAV_ATTRACT:
            build_attract(&l);
            break;
        case NAV_MENU:
            build_menu(&l);
            break;
        case NAV_PAGE:
            if (s->domain >= 0 && (size_t)s->domain < c->n_domains && s->page >= 0 &&
                (size_t)s->page < c->domains[s->domain].n_pages)
                build_page(&l);
            else
                build_menu(&l);
            break;
        }
        int secs = p->cfg ? nav_countdown(s, p->cfg, p->now) : -1;
        if (secs >= 0)
            build_countdown(&l, secs);
    }
    if (p->diags && p->diags->errors)
        build_diags(&l, p->diags);
    if (p->notice && p->notice->de && p->notice->en)
        build_notice(&l, p->notice);
    qsort(sc->items, sc->n_items, sizeof *sc->items, cmp_z);
    if (arena_failed(sc->strings))
        sc->overflow++;
    return sc;
}

void scene_free(scene *sc)
{
    if (!sc)
        return;
    free(sc->items);
    free(sc->targets);
    arena_free(sc->strings);
    free(sc);
}

int scene_hit(const scene *sc, int x, int y)
{
    /* later targets lie on top */
    for (size_t i = sc->n_targets; i-- > 0;) {
        const dl_target *t = &sc->targets[i];
        if (x >= t->x && x < t->x + t->w && y >= t->y && y < t->y + t->h)
            return (int)i;
    }
    return -1;
}

int scene_max_scroll(const scene *sc)
{
    if (sc->view_h <= 0 || sc->content_h <= sc->view_h)
        return 0;
    return sc->content_h - sc->view_h;
}

static int overlaps(int ax, int ay, int aw, int ah, int bx, int by, int bw, int bh)
{
    return ax < bx + bw && bx < ax + aw && ay < by + bh && by < ay + ah;
}

int layout_check(const scene *sc, int min_target, char *why, size_t why_size)
{
    int bad = sc->overflow;
    if (bad && why_size)
        snprintf(why, why_size, "the builder met %d problems", sc->overflow);
#define PROBLEM(...)                                      \
    do {                                                  \
        if (!bad++ && why_size)                           \
            snprintf(why, why_size, __VA_ARGS__);         \
    } while (0)
    for (size_t i = 0; i < sc->n_items; i++) {
        const dl_item *it = &sc->items[i];
        if (it->deco)
            continue;
        if (it->layer == DL_FIXED) {
            if (it->x < 0 || it->y < 0 || it->x + it->w > sc->w || it->y + it->h > sc->h)
                PROBLEM("item %zu (%s%.*s) at %d,%d %dx%d is outside the %dx%d screen", i,
                        it->kind == DL_TEXT ? "text " : "", it->kind == DL_TEXT ? (int)it->len : 0,
                        it->text ? it->text : "", it->x, it->y, it->w, it->h, sc->w, sc->h);
        } else if (it->x < sc->view_x || it->x + it->w > sc->view_x + sc->view_w || it->y < 0 ||
                   it->y + it->h > sc->content_h) {
            PROBLEM("scrolled item %zu (%.*s) at %d,%d %dx%d is outside the viewport", i,
                    it->kind == DL_TEXT ? (int)it->len : 0, it->text ? it->text : "", it->x, it->y,
                    it->w, it->h);
        }
        if (it->kind != DL_TEXT)
            continue;
        for (size_t j = i + 1; j < sc->n_items; j++) {
            const dl_item *o = &sc->items[j];
            int za = it->z / 1000000, zb = o->z / 1000000;
            if (o->kind != DL_TEXT || o->layer != it->layer)
                continue;
            /* overlays cover the scene on purpose; so does a slide fading in */
            if (za >= Z_OVERLAY || zb >= Z_OVERLAY || (za == Z_SLIDE_OLD) != (zb == Z_SLIDE_OLD))
                continue;
            if (overlaps(it->x, it->y, it->w, it->h, o->x, o->y, o->w, o->h))
                PROBLEM("text '%.*s' overlaps '%.*s'", (int)it->len, it->text, (int)o->len,
                        o->text);
        }
    }
    for (size_t i = 0; i < sc->n_targets; i++) {
        const dl_target *t = &sc->targets[i];
        if (t->w < min_target || t->h < min_target)
            PROBLEM("target %s is %dx%d, smaller than %d px", t->name, t->w, t->h, min_target);
        if (t->x < 0 || t->y < 0 || t->x + t->w > sc->w || t->y + t->h > sc->h)
            PROBLEM("target %s is outside the screen", t->name);
        for (size_t j = i + 1; j < sc->n_targets; j++) {
            const dl_target *o = &sc->targets[j];
            if (overlaps(t->x, t->y, t->w, t->h, o->x, o->y, o->w, o->h))
                PROBLEM("targets %s and %s overlap", t->name, o->name);
        }
    }
#undef PROBLEM
    return bad;
}
