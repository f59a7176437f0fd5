/* reading.c — reading order and spoken labels of a scene. See reading.h. */
#include "reading.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "kstrings.h"
#include "utf8.h"
#include "wrap.h"

static const char *tx(const ktext *t, lang lg)
{
    const char *s = ktext_get(t, lg);
    return s ? s : "";
}

const char *reading_role_name(reading_role r)
{
    static const char *names[] = {"heading", "text", "button", "tab", "tile", "link"};
    return (size_t)r < sizeof names / sizeof names[0] ? names[r] : "?";
}

/* 1 when p points into any language's version of t. Compared as integers:
 * the texts are unrelated objects. */
static int in_text(const char *p, const ktext *t)
{
    uintptr_t q = (uintptr_t)p;
    for (int i = 0; i < LANG_MAX; i++) {
        const char *s = t->t[i];
        if (s && q >= (uintptr_t)s && q <= (uintptr_t)s + strlen(s))
            return 1;
    }
    return 0;
}

/* A run with no letter or digit (an arrow, a bullet, an ellipsis) is
 * decoration: a screen reader skips it. */
static int has_word(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        size_t n = utf8_decode(s + i, len - i, &cp);
        if (!n)
            return 0;
        if ((cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z'))
            return 1;
        if (cp >= 0xC0 && !(cp >= 0x2000 && cp <= 0x2BFF) && !(cp >= 0xE000 && cp <= 0xF8FF))
            return 1;
        i += n;
    }
    return 0;
}

static int item_y(const scene *sc, const dl_item *it)
{
    return it->layer == DL_SCROLL ? sc->view_y + it->y : it->y;
}

static int is_space_byte(char ch)
{
    return ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r';
}

/* 1 when run b continues run a in the same source text: b starts after a
 * ends, with only white space between (a line break of a wrapped text). */
static int continues(const dl_item *a, const dl_item *b)
{
    uintptr_t end = (uintptr_t)a->text + a->len, start = (uintptr_t)b->text;
    if (start < end || start - end > 8)
        return 0;
    for (const char *p = a->text + a->len; p < b->text; p++)
        if (!is_space_byte(*p))
            return 0;
    return 1;
}

typedef struct builder {
    const scene *sc;
    const kcontent *c;
    const nav_state *s;
    reading *r;
    size_t cap;
} builder;

static reading_item *new_item(builder *b, reading_role role, int x, int y, int w, int h, int target)
{
    reading *r = b->r;
    if (r->n_items == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 32;
        reading_item *items = arena_array(r->arena, cap, sizeof *items);
        if (!items)
            return NULL;
        if (r->n_items)
            memcpy(items, r->items, r->n_items * sizeof *items);
        r->items = items;
        b->cap = cap;
    }
    reading_item *it = &r->items[r->n_items++];
    memset(it, 0, sizeof *it);
    it->role = role;
    it->x = x;
    it->y = y;
    it->w = w;
    it->h = h;
    it->target = target;
    return it;
}

/* What a control is called, in the scene's language. */
static const char *target_label(builder *b, const dl_target *t)
{
    const kcontent *c = b->c;
    const nav_state *s = b->s;
    lang lg = s->language;
    arena *a = b->r->arena;
    switch (t->action) {
    case NAV_BACK:
        return kstrings_get(c, lg, STR_BACK);
    case NAV_HOME:
        return kstrings_get(c, lg, STR_HOME);
    case NAV_LANG:
        return t->arg >= 0 && (size_t)t->arg < c->n_langs ? c->langs[t->arg].name : "?";
    case NAV_OPEN_PAGE:
        if (s->scene == NAV_PAGE && s->domain >= 0 && (size_t)s->domain < c->n_domains &&
            t->arg >= 0 && (size_t)t->arg < c->domains[s->domain].n_pages)
            return tx(&c->domains[s->domain].pages[t->arg].title, lg);
        break;
    case NAV_OPEN_DOMAIN:
        if (t->arg >= 0 && (size_t)t->arg < c->n_domains) {
            const kdomain *d = &c->domains[t->arg];
            const char *sum = tx(&d->summary, lg);
            return *sum ? arena_printf(a, "%s. %s", tx(&d->title, lg), sum) : tx(&d->title, lg);
        }
        break;
    case NAV_START: {
        /* the screen shows the invitation in German and the second
         * language: say both, the visitor's language first */
        const char *mine = tx(&c->invitation, lg);
        lang second = content_second_lang(c);
        const char *other = tx(&c->invitation, lg == second ? LANG_DE : second);
        if (strcmp(mine, other) == 0)
            return mine;
        return arena_printf(a, "%s %s", mine, other);
    }
    case NAV_CONTRAST: /* what the toggle does, then its state */
        return arena_printf(a, "%s, %s", kstrings_get(c, lg, STR_HIGH_CONTRAST),
                            kstrings_get(c, lg, s->contrast ? STR_ON : STR_OFF));
    case NAV_LARGE:
        return arena_printf(a, "%s, %s", kstrings_get(c, lg, STR_LARGE_TEXT),
                            kstrings_get(c, lg, s->large ? STR_ON : STR_OFF));
    case NAV_MORE_TIME:
        return kstrings_get(c, lg, STR_MORE_TIME);
    case NAV_SPEECH:
        return kstrings_get(c, lg, s->speech ? STR_SPEECH_OFF : STR_READ_ALOUD);
    case NAV_SHEET: /* the language button shows the language now: said too */
        if (t->arg == NAV_SHEET_LANG)
            return arena_printf(a, "%s, %s", kstrings_get(c, lg, STR_LANGUAGE),
                                content_lang(c, lg)->name);
        return kstrings_get(c, lg, t->arg == NAV_SHEET_A11Y ? STR_A11Y : STR_CLOSE);
    case NAV_NEXT:
        return kstrings_get(c, lg, STR_NEXT);
    case NAV_PREV:
        return kstrings_get(c, lg, STR_PREVIOUS);
    default:
        break;
    }
    return t->name ? t->name : "?";
}

static reading_role target_role(const dl_target *t)
{
    switch (t->action) {
    case NAV_OPEN_PAGE:
        return READ_TAB;
    case NAV_OPEN_DOMAIN:
        return READ_TILE;
    default:
        return READ_BUTTON;
    }
}

/* The role of a free text by where it comes from in the content. */
static reading_role text_role(builder *b, const char *p)
{
    const kcontent *c = b->c;
    const nav_state *s = b->s;
    switch (s->scene) {
    case NAV_ATTRACT:
        if (in_text(p, &c->title))
            return READ_HEADING;
        for (size_t i = 0; i < c->n_slides; i++)
            if (in_text(p, &c->slides[i].title))
                return READ_HEADING;
        break;
    case NAV_MENU:
        if (in_text(p, &c->menu_title))
            return READ_HEADING;
        break;
    case NAV_PAGE: {
        if (s->domain < 0 || (size_t)s->domain >= c->n_domains)
            break;
        const kdomain *d = &c->domains[s->domain];
        if (in_text(p, &d->title))
            return READ_HEADING;
        if (s->page < 0 || (size_t)s->page >= d->n_pages)
            break;
        const kpage *pg = &d->pages[s->page];
        if (in_text(p, &pg->title))
            return READ_HEADING;
        for (size_t i = 0; i < pg->n_blocks; i++) {
            const kblock *k = &pg->blocks[i];
            if (k->kind == BLOCK_HEADING && in_text(p, &k->text))
                return READ_HEADING;
            if (k->kind == BLOCK_LINK && k->url &&
                (in_text(p, &k->text) || ((uintptr_t)p >= (uintptr_t)k->url &&
                                          (uintptr_t)p <= (uintptr_t)k->url + strlen(k->url))))
                return READ_LINK;
        }
        break;
    }
    }
    return READ_TEXT;
}

typedef struct run_ref {
    const dl_item *it;
    size_t idx;
    int y;
} run_ref;

/* Runs by their place in memory (a text's lines in order), then from the
 * top. */
static int run_before(const run_ref *a, const run_ref *b)
{
    uintptr_t pa = (uintptr_t)a->it->text, pb = (uintptr_t)b->it->text;
    if (pa != pb)
        return pa < pb;
    return a->y < b->y;
}

static int cmp_run(const void *pa, const void *pb)
{
    const run_ref *a = pa, *b = pb;
    return run_before(a, b) ? -1 : run_before(b, a) ? 1 : 0;
}

/* Reading order: by band first — the header and whatever else is fixed
 * above the viewport's bottom, then the scrolled page however long it is,
 * then the footer below the viewport — then a is read before b when its
 * middle is above b's top; elements side by side (overlapping rows) go in
 * the writing direction: left to right, or in a right-to-left (mirrored)
 * scene right to left, by their right edges, so its bar is read in the
 * same order as the left-to-right one, Back first. */
static int read_before(const reading_item *a, int band_a, const reading_item *b, int band_b, int rtl)
{
    if (band_a != band_b)
        return band_a < band_b;
    if (a->y + a->h / 2 < b->y)
        return 1;
    if (b->y + b->h / 2 < a->y)
        return 0;
    if (rtl && a->x + a->w != b->x + b->w)
        return a->x + a->w > b->x + b->w;
    if (!rtl && a->x != b->x)
        return a->x < b->x;
    return a->y < b->y;
}

/* Join runs [from, to) of one text into a spoken string: the source
 * between wrapped lines is kept (so a word broken after a hyphen stays one
 * word), line breaks become spaces. */
static char *join_runs(arena *a, const run_ref *runs, size_t from, size_t to)
{
    size_t cap = 1;
    for (size_t i = from; i < to; i++)
        cap += runs[i].it->len + 9;
    char *buf = arena_alloc(a, cap);
    if (!buf)
        return NULL;
    size_t n = 0;
    for (size_t i = from; i < to; i++) {
        const dl_item *it = runs[i].it;
        if (i > from) {
            const dl_item *prev = runs[i - 1].it;
            if (continues(prev, it)) {
                for (const char *p = prev->text + prev->len; p < it->text; p++)
                    buf[n++] = ' ';
            } else {
                buf[n++] = ' ';
            }
        }
        memcpy(buf + n, it->text, it->len);
        n += it->len;
    }
    buf[n] = '\0';
    /* one space for any run of white space, none at the ends */
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        char ch = is_space_byte(buf[i]) ? ' ' : buf[i];
        if (ch == ' ' && (o == 0 || buf[o - 1] == ' '))
            continue;
        buf[o++] = ch;
    }
    while (o > 0 && buf[o - 1] == ' ')
        o--;
    buf[o] = '\0';
    return buf;
}

/* "Seite Energie: Idee, 3 Abschnitte": the domain, the tab when there are
 * several, and how many sections the page has. */
static const char *announce_page(builder *b)
{
    const kcontent *c = b->c;
    const nav_state *s = b->s;
    lang lg = s->language;
    arena *a = b->r->arena;
    const kdomain *d = &c->domains[s->domain];
    const char *sub = "";
    size_t sections = 0;
    if (s->page >= 0 && (size_t)s->page < d->n_pages) {
        const kpage *pg = &d->pages[s->page];
        if (d->n_pages > 1)
            sub = tx(&pg->title, lg);
        for (size_t i = 0; i < pg->n_blocks; i++)
            sections += pg->blocks[i].kind == BLOCK_HEADING;
    }
    const char *place = arena_printf(a, "%s%s%s", tx(&d->title, lg), *sub ? ": " : "", sub);
    const char *page = place ? kstrings_printf(a, c, lg, STR_PAGE, place) : NULL;
    if (!page || !sections)
        return page;
    const char *count =
        kstrings_printf(a, c, lg, sections == 1 ? STR_SECTIONS_1 : STR_SECTIONS_N, sections);
    return count ? arena_printf(a, "%s, %s", page, count) : NULL;
}

static const char *announce(builder *b)
{
    const kcontent *c = b->c;
    const nav_state *s = b->s;
    lang lg = s->language;
    arena *a = b->r->arena;
    int left = b->sc->countdown;
    if (left >= 0) /* the idle warning: the time left and the way out */
        return kstrings_printf(a, c, lg, left == 1 ? STR_SECONDS_LEFT_1 : STR_SECONDS_LEFT_N, left);
    switch (s->scene) {
    case NAV_ATTRACT:
        if (s->slide >= 0 && (size_t)s->slide < c->n_slides)
            return tx(&c->slides[s->slide].title, lg);
        return tx(&c->title, lg);
    case NAV_MENU:
        return kstrings_printf(a, c, lg, c->n_domains == 1 ? STR_TOPICS_1 : STR_TOPICS_N,
                               c->n_domains);
    case NAV_PAGE:
        if (s->domain >= 0 && (size_t)s->domain < c->n_domains)
            return announce_page(b);
        break;
    }
    return tx(&c->title, lg);
}

/* Controls: every target is one element; the texts drawn on it are its
 * label (the whole-screen "start" target owns the invitation instead,
 * whose element goes to *start). Returns -1 when out of memory. */
static int read_targets(builder *b, int *start)
{
    const scene *sc = b->sc;
    const nav_state *s = b->s;
    reading *r = b->r;
    *start = -1;
    for (size_t t = 0; t < sc->n_targets; t++) {
        const dl_target *tg = &sc->targets[t];
        reading_item *it = new_item(b, target_role(tg), tg->x, tg->y, tg->w, tg->h, (int)t);
        if (!it)
            return -1;
        /* a copy: the result outlives the scene and the content */
        const char *label = target_label(b, tg);
        it->text = label ? arena_strdup(r->arena, label) : NULL;
        if (!it->text)
            return -1;
        if (tg->action == NAV_LANG)
            it->selected = tg->arg == (int)s->language;
        if (tg->action == NAV_OPEN_PAGE)
            it->selected = tg->arg == s->page;
        if (tg->action == NAV_CONTRAST)
            it->selected = s->contrast != 0;
        if (tg->action == NAV_LARGE)
            it->selected = s->large != 0;
        if (tg->action == NAV_START) {
            *start = (int)(r->n_items - 1);
            continue;
        }
        for (size_t i = 0; i < sc->n_items; i++) {
            const dl_item *d = &sc->items[i];
            /* a scrolled target's texts scroll with it */
            if (d->kind != DL_TEXT || d->layer != tg->layer || r->owner[i] >= 0 ||
                (sc->modal_z > 0 && d->z < sc->modal_z))
                continue;
            int cx = d->x + d->w / 2, cy = item_y(sc, d) + d->h / 2;
            if (cx >= tg->x && cx < tg->x + tg->w && cy >= tg->y && cy < tg->y + tg->h)
                r->owner[i] = (int)(r->n_items - 1);
        }
    }
    return 0;
}

/* The free texts' runs: visible, not a control's label, with a word, and
 * not under the countdown's card (not what the visitor faces now); sorted
 * by their place in memory. Returns how many. */
static size_t collect_runs(const builder *b, run_ref *runs)
{
    const scene *sc = b->sc;
    size_t n_runs = 0;
    for (size_t i = 0; i < sc->n_items; i++) {
        const dl_item *d = &sc->items[i];
        if (d->kind != DL_TEXT || d->alpha == 0 || b->r->owner[i] >= 0 ||
            !has_word(d->text, d->len))
            continue;
        if (sc->modal_z > 0 && d->z < sc->modal_z)
            continue;
        runs[n_runs++] = (run_ref){d, i, item_y(sc, d)};
    }
    qsort(runs, n_runs, sizeof *runs, cmp_run);
    return n_runs;
}

/* 1 when run e may be a later line of the text whose last run so far is
 * p at y: same layer and type, a little below. */
static int same_text_below(const dl_item *p, int y, const dl_item *e, int ey)
{
    return e->layer == p->layer && e->px == p->px && e->bold == p->bold && ey > y &&
           ey - y <= 3 * p->h;
}

/* The end of the text whose first run is runs[i]: the runs that continue
 * it. */
static size_t text_end(const run_ref *runs, size_t n_runs, size_t i)
{
    size_t j = i + 1;
    while (j < n_runs && same_text_below(runs[j - 1].it, runs[j - 1].y, runs[j].it, runs[j].y) &&
           continues(runs[j - 1].it, runs[j].it))
        j++;
    return j;
}

typedef struct box {
    int x0, y0, x1, y1, any;
} box;

/* Grow bx to hold runs [i, j). */
static void box_add(box *bx, const run_ref *runs, size_t i, size_t j)
{
    for (size_t k = i; k < j; k++) {
        const dl_item *d = runs[k].it;
        if (!bx->any || d->x < bx->x0)
            bx->x0 = d->x;
        if (!bx->any || runs[k].y < bx->y0)
            bx->y0 = runs[k].y;
        if (!bx->any || d->x + d->w > bx->x1)
            bx->x1 = d->x + d->w;
        if (!bx->any || runs[k].y + d->h > bx->y1)
            bx->y1 = runs[k].y + d->h;
        bx->any = 1;
    }
}

/* Free texts: the runs of each source text grouped into one element; the
 * invitation's runs belong to the start target (element start), which
 * takes their place. Returns -1 when out of memory. */
static int read_texts(builder *b, run_ref *runs, size_t n_runs, int start)
{
    reading *r = b->r;
    box inv = {0};
    for (size_t i = 0; i < n_runs;) {
        size_t j = text_end(runs, n_runs, i);
        int elem;
        if (start >= 0 && in_text(runs[i].it->text, &b->c->invitation)) {
            elem = start; /* the invitation is what the whole screen does when touched */
            box_add(&inv, runs, i, j);
        } else {
            box bx = {0};
            box_add(&bx, runs, i, j);
            reading_item *it = new_item(b, text_role(b, runs[i].it->text), bx.x0, bx.y0,
                                        bx.x1 - bx.x0, bx.y1 - bx.y0, -1);
            if (!it)
                return -1;
            it->text = join_runs(r->arena, runs, i, j);
            if (!it->text)
                return -1;
            elem = (int)(r->n_items - 1);
        }
        for (size_t k = i; k < j; k++)
            r->owner[runs[k].idx] = elem;
        i = j;
    }
    if (start >= 0 && inv.any) {
        reading_item *it = &r->items[start];
        it->x = inv.x0;
        it->y = inv.y0;
        it->w = inv.x1 - inv.x0;
        it->h = inv.y1 - inv.y0;
    }
    return 0;
}

/* Put the elements in reading order; the owners follow them to their new
 * places. Returns -1 when out of memory. */
static int sort_items(builder *b)
{
    const scene *sc = b->sc;
    reading *r = b->r;
    size_t n = r->n_items;
    int *where = calloc(n ? n : 1, sizeof *where);
    size_t *order = calloc(n ? n : 1, sizeof *order);
    int *band = calloc(n ? n : 1, sizeof *band);
    reading_item *sorted = arena_array(r->arena, n ? n : 1, sizeof *sorted);
    int rc = -1;
    if (!where || !order || !band || !sorted)
        goto out;
    if (sc->view_h > 0) {
        for (size_t i = 0; i < n; i++) {
            int t = r->items[i].target;
            band[i] = t >= 0 && sc->targets[t].layer == DL_SCROLL       ? 1
                      : r->items[i].y >= sc->view_y + sc->view_h ? 2
                                                                  : 0;
        }
        for (size_t i = 0; i < sc->n_items; i++)
            if (r->owner[i] >= 0 && sc->items[i].layer == DL_SCROLL)
                band[r->owner[i]] = 1;
    }
    for (size_t i = 0; i < n; i++) { /* insertion sort: stable, and few elements */
        size_t k = i;
        while (k > 0 &&
               read_before(&r->items[i], band[i], &r->items[order[k - 1]], band[order[k - 1]], sc->rtl)) {
            order[k] = order[k - 1];
            k--;
        }
        order[k] = i;
    }
    for (size_t i = 0; i < n; i++) {
        sorted[i] = r->items[order[i]];
        where[order[i]] = (int)i;
    }
    for (size_t i = 0; i < sc->n_items; i++)
        if (r->owner[i] >= 0)
            r->owner[i] = where[r->owner[i]];
    r->items = sorted;
    rc = 0;
out:
    free(where);
    free(order);
    free(band);
    return rc;
}

reading *reading_build(const scene *sc, const kcontent *c, const nav_state *s)
{
    reading *r = calloc(1, sizeof *r);
    run_ref *runs = NULL;
    if (!r)
        return NULL;
    r->arena = arena_new();
    if (!r->arena)
        goto fail;
    builder b = {.sc = sc, .c = c, .s = s, .r = r};
    r->n_owner = sc->n_items;
    r->owner = arena_array(r->arena, sc->n_items ? sc->n_items : 1, sizeof *r->owner);
    if (!r->owner)
        goto fail;
    for (size_t i = 0; i < sc->n_items; i++)
        r->owner[i] = -1;
    int start;
    if (read_targets(&b, &start) != 0)
        goto fail;
    runs = calloc(sc->n_items ? sc->n_items : 1, sizeof *runs);
    if (!runs)
        goto fail;
    size_t n_runs = collect_runs(&b, runs);
    if (read_texts(&b, runs, n_runs, start) != 0 || sort_items(&b) != 0)
        goto fail;
    const char *an = announce(&b);
    r->announce = an ? arena_strdup(r->arena, an) : NULL;
    if (!r->announce || arena_failed(r->arena))
        goto fail;
    free(runs);
    return r;
fail:
    free(runs);
    reading_free(r);
    return NULL;
}

void reading_free(reading *r)
{
    if (!r)
        return;
    arena_free(r->arena);
    free(r);
}
