/* layout_check.c — the test oracle for built scenes. See layout_check.h. */
#include "layout_check.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"
#include "wrap.h"

static const char *const names[LC_COUNT] = {"cut",   "overlap", "target", "ellipsis", "broken word",
                                            "floor", "chrome",  "hyphen", "language size"};

const char *layout_problem_name(layout_problem p)
{
    return p < LC_COUNT ? names[p] : "?";
}

/* A check's rules and report, and the item a problem is at (or NULL). */
typedef struct lc_ctx {
    const layout_rules *r;
    layout_report *rep;
} lc_ctx;

static void note(const lc_ctx *k, const dl_item *at, layout_problem p, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void note(const lc_ctx *k, const dl_item *at, layout_problem p, const char *fmt, ...)
{
    layout_report *rep = k->rep;
    if (at && k->r->each)
        k->r->each(k->r->ctx, p, at);
    if (!rep->n[p]++) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(rep->why[p], sizeof rep->why[p], fmt, ap);
        va_end(ap);
    }
}

static int overlaps(int ax, int ay, int aw, int ah, int bx, int by, int bw, int bh)
{
    return ax < bx + bw && bx < ax + aw && ay < by + bh && by < ay + ah;
}

static int is_ellipsized(const dl_item *it)
{
    return it->len >= 3 && memcmp(it->text + it->len - 3, "\xE2\x80\xA6", 3) == 0;
}

/* A byte that belongs to a word: a letter or digit, or any byte of a
 * non-ASCII letter. */
static int wordish(char ch)
{
    unsigned char c = (unsigned char)ch;
    return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* 1 when the word going on at s is part of an address (wrap.h), which
 * breaks without a hyphen. */
static int in_address(const char *s)
{
    size_t n = strcspn(s, " \n");
    return wrap_is_address(s, s + n);
}

/* A line that ends inside a word without a hyphen: its text goes on with a
 * letter right after it (every text is a NUL-terminated string, so the byte
 * after a line can be read). A single letter (a tile's initial) is no line. */
static int broken_word(const dl_item *it)
{
    if (it->len < 2 || utf8_count(it->text, it->len) < 2)
        return 0;
    return wordish(it->text[it->len - 1]) && wordish(it->text[it->len]) &&
           !in_address(it->text + it->len) && !in_address(it->text);
}

/* An item outside the screen, or a scrolled one outside its viewport. */
static void check_bounds(const scene *sc, size_t i, const lc_ctx *rep)
{
    const dl_item *it = &sc->items[i];
    int text = it->kind == DL_TEXT;
    if (it->layer == DL_FIXED) {
        if (it->x < 0 || it->y < 0 || it->x + it->w > sc->w || it->y + it->h > sc->h)
            note(rep, it, LC_CUT, "item %zu (%s%.*s) at %d,%d %dx%d is outside the %dx%d screen", i,
                 text ? "text " : "", text ? (int)it->len : 0, it->text ? it->text : "", it->x,
                 it->y, it->w, it->h, sc->w, sc->h);
    } else if (it->x < sc->view_x || it->x + it->w > sc->view_x + sc->view_w || it->y < 0 ||
               it->y + it->h > sc->content_h) {
        note(rep, it, LC_CUT, "scrolled item %zu (%.*s) at %d,%d %dx%d is outside the viewport", i,
             text ? (int)it->len : 0, it->text ? it->text : "", it->x, it->y, it->w, it->h);
    }
}

/* Text i against the texts after it on its layer. Overlays cover the scene
 * on purpose; so does a slide fading in. */
static void check_text_overlap(const scene *sc, size_t i, const lc_ctx *rep)
{
    const dl_item *it = &sc->items[i];
    for (size_t j = i + 1; j < sc->n_items; j++) {
        const dl_item *o = &sc->items[j];
        int za = it->z / DL_Z_STEP, zb = o->z / DL_Z_STEP;
        if (o->kind != DL_TEXT || o->layer != it->layer)
            continue;
        if (za >= DL_Z_OVERLAY || zb >= DL_Z_OVERLAY ||
            (za == DL_Z_SLIDE_OLD) != (zb == DL_Z_SLIDE_OLD))
            continue;
        if (overlaps(it->x, it->y, it->w, it->h, o->x, o->y, o->w, o->h))
            note(rep, it, LC_OVERLAP, "text '%.*s' overlaps '%.*s'", (int)it->len, it->text,
                 (int)o->len, o->text);
    }
}

/* Text i clipped by what it is set on: the rectangle drawn last before it,
 * on its layer, under the text's first point must hold the whole text (a
 * card's text may not run out of the card). Items are in drawing order. */
static void check_text_inside(const scene *sc, size_t i, const lc_ctx *rep)
{
    const dl_item *it = &sc->items[i];
    for (size_t j = i; j-- > 0;) {
        const dl_item *o = &sc->items[j];
        if (o->kind != DL_RECT || o->deco || o->layer != it->layer || it->x < o->x ||
            it->x >= o->x + o->w || it->y < o->y || it->y >= o->y + o->h)
            continue;
        if (it->x + it->w > o->x + o->w || it->y + it->h > o->y + o->h)
            note(rep, it, LC_CUT, "'%.*s' at %d,%d %dx%d runs out of its %dx%d box at %d,%d",
                 (int)it->len, it->text, it->x, it->y, it->w, it->h, o->w, o->h, o->x, o->y);
        return;
    }
}

static void check_text(const scene *sc, size_t i, const layout_rules *r, const lc_ctx *rep)
{
    const dl_item *it = &sc->items[i];
    check_text_overlap(sc, i, rep);
    check_text_inside(sc, i, rep);
    if (is_ellipsized(it))
        note(rep, it, LC_ELLIPSIS, "'%.*s' is cut with an ellipsis", (int)it->len, it->text);
    else if (broken_word(it) && !it->ref)
        note(rep, it, LC_BROKEN, "'%.*s' breaks a word without a hyphen", (int)it->len, it->text);
    if (r->whole_words && !it->ref && it->len && it->text[it->len - 1] == '-' &&
        it->text[it->len] != ' ' &&
        it->text[it->len] != '\n' && !in_address(it->text) && !in_address(it->text + it->len))
        note(rep, it, LC_HYPHEN, "'%.*s' ends in a hyphen inside a word", (int)it->len, it->text);
    if (it->px < r->floor_px)
        note(rep, it, LC_FLOOR, "'%.*s' is %d px, under the floor of %d px", (int)it->len, it->text,
             it->px, r->floor_px);
}

static void check_targets(const scene *sc, const layout_rules *r, const lc_ctx *rep)
{
    for (size_t i = 0; i < sc->n_targets; i++) {
        const dl_target *t = &sc->targets[i];
        if (t->w < r->min_target || t->h < r->min_target)
            note(rep, NULL, LC_TARGET, "target %s is %dx%d, smaller than %d px", t->name, t->w, t->h,
                 r->min_target);
        /* a scrolled one lies in the viewport's width and the layer's height */
        int scr = t->layer == DL_SCROLL;
        int x0 = scr ? sc->view_x : 0, y0 = scr ? sc->view_y : 0;
        int x1 = scr ? sc->view_x + sc->view_w : sc->w, y1 = scr ? sc->view_y + sc->content_h : sc->h;
        if (t->x < x0 || t->y < y0 || t->x + t->w > x1 || t->y + t->h > y1)
            note(rep, NULL, LC_TARGET, "target %s is outside the %s", t->name,
                 scr ? "viewport" : "screen");
        for (size_t j = i + 1; j < sc->n_targets; j++) {
            const dl_target *o = &sc->targets[j];
            if (o->layer == t->layer && overlaps(t->x, t->y, t->w, t->h, o->x, o->y, o->w, o->h))
                note(rep, NULL, LC_OVERLAP, "targets %s and %s overlap", t->name, o->name);
        }
    }
}

/* A language control: the switch's segments, or the button that opens
 * the language sheet. */
static int is_lang_target(const dl_target *t)
{
    return t->name && (strncmp(t->name, "lang:", 5) == 0 || strcmp(t->name, "languages") == 0);
}

/* The words on the language controls (not their icons) against the body
 * size: a text whose middle lies on a language target, on its layer. */
static void check_lang_size(const scene *sc, const layout_rules *r, const lc_ctx *rep)
{
    if (!r->lang_px)
        return;
    for (size_t i = 0; i < sc->n_targets; i++) {
        const dl_target *t = &sc->targets[i];
        if (!is_lang_target(t))
            continue;
        int ty = t->layer == DL_SCROLL ? t->y - sc->view_y : t->y;
        for (size_t j = 0; j < sc->n_items; j++) {
            const dl_item *it = &sc->items[j];
            int cx = it->x + it->w / 2, cy = it->y + it->h / 2;
            if (it->kind != DL_TEXT || it->bold == DL_FONT_ICON || it->layer != t->layer ||
                cx < t->x || cx >= t->x + t->w || cy < ty || cy >= ty + t->h)
                continue;
            if (it->px < r->lang_px)
                note(rep, it, LC_LANG, "'%.*s' on %s is %d px, smaller than body text (%d px)",
                     (int)it->len, it->text, t->name, it->px, r->lang_px);
        }
    }
}

/* The rows of the screen the chrome covers, against the rules' share. */
static void check_chrome(const scene *sc, const layout_rules *r, const lc_ctx *rep)
{
    if (!r->chrome_percent || sc->h <= 0)
        return;
    char *row = calloc((size_t)sc->h, 1);
    if (!row)
        return;
    for (size_t i = 0; i < sc->n_items; i++) {
        const dl_item *it = &sc->items[i];
        if (it->deco || it->layer != DL_FIXED || it->z / DL_Z_STEP != DL_Z_CHROME)
            continue;
        for (int y = it->y < 0 ? 0 : it->y; y < it->y + it->h && y < sc->h; y++)
            row[y] = 1;
    }
    int covered = 0;
    for (int y = 0; y < sc->h; y++)
        covered += row[y];
    free(row);
    if (covered * 100 > r->chrome_percent * sc->h)
        note(rep, NULL, LC_CHROME, "the chrome takes %d of %d px (%d %%, at most %d %%)", covered, sc->h,
             covered * 100 / sc->h, r->chrome_percent);
}

int layout_check_rules(const scene *sc, const layout_rules *r, layout_report *out)
{
    layout_report *rep = out;
    lc_ctx ck = {.r = r, .rep = out};
    memset(rep, 0, sizeof *rep);
    if (sc->overflow) {
        rep->n[LC_CUT] = sc->overflow;
        snprintf(rep->why[LC_CUT], sizeof rep->why[LC_CUT], "the builder met %d problems",
                 sc->overflow);
    }
    for (size_t i = 0; i < sc->n_items; i++) {
        const dl_item *it = &sc->items[i];
        if (it->deco)
            continue;
        check_bounds(sc, i, &ck);
        if (it->kind == DL_TEXT)
            check_text(sc, i, r, &ck);
    }
    check_targets(sc, r, &ck);
    check_chrome(sc, r, &ck);
    check_lang_size(sc, r, &ck);
    int total = 0;
    for (int k = 0; k < LC_COUNT; k++)
        total += rep->n[k];
    return total;
}

int layout_check(const scene *sc, int min_target, char *why, size_t why_size)
{
    layout_rules r = {.min_target = min_target};
    layout_report rep;
    layout_check_rules(sc, &r, &rep);
    static const layout_problem kinds[] = {LC_CUT, LC_OVERLAP, LC_TARGET};
    int bad = 0;
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        if (rep.n[kinds[k]] && !bad && why_size)
            snprintf(why, why_size, "%s", rep.why[kinds[k]]);
        bad += rep.n[kinds[k]];
    }
    return bad;
}
