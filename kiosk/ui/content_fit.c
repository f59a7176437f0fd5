/* content_fit.c — every scene of the content at every size, by the
 * screen's own layout and layout_check's rules (content_fit.h). */
#include "content_fit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout_check.h"
#include "nav.h"
#include "scene.h"
#include "screen.h"

const int content_fit_sizes[CONTENT_FIT_SIZES][2] = {
    {800, 480}, {1280, 800}, {1920, 1080}, {1080, 1920}, {3840, 2160}};

/* The screens a text did not fit, kept for the first FIT_VIEWS. */
#define FIT_VIEWS 3

typedef struct fit_hit {
    const ksource *src;  /* where the text was written, or NULL: */
    const char *file;    /* then the scene's file */
    layout_problem kind;
    const char *scene;   /* "the attract loop", "the menu", "its page" */
    int n;               /* screens it happens on */
    char views[FIT_VIEWS][48];
} fit_hit;

typedef struct fit_run {
    const kcontent *c;
    const char *scene_file; /* the file of the scene being checked */
    const char *scene_name; /* "the menu", ... */
    const char *cands[2 + 2 * 64]; /* the scene's own texts, in its language */
    size_t n_cands;
    char view[48];          /* "800x480 (leicht, large text)" */
    fit_hit *hits;
    size_t n_hits, cap_hits;
    int oom;
} fit_run;

/* The bytes of an item's text before a hyphen the layout added (and the
 * spaces before it). */
static size_t own_len(const dl_item *it)
{
    size_t n = it->len;
    while (n && it->text[n - 1] == ' ')
        n--;
    if (n && it->text[n - 1] == '-')
        n--;
    return n;
}

/* 1 when the n bytes at t stand in s. */
static int holds(const char *s, size_t len, const char *t, size_t n)
{
    for (size_t at = 0; s && n && at + n <= len; at++)
        if (memcmp(s + at, t, n) == 0)
            return 1;
    return 0;
}

/* Where the author wrote the text of item it: the model's string it points
 * into, else (a copy the layout made) the first of the scene's own texts
 * that holds it, else the first string of the scene's file, else of any
 * file. A sentence may stand on a slide and on a page alike. */
static const ksource *source_of(const fit_run *r, const dl_item *it)
{
    const kcontent *c = r->c;
    const ksource *k = content_source(c, it->text);
    size_t n = own_len(it);
    for (size_t i = 0; !k && i < r->n_cands; i++)
        if (r->cands[i] && holds(r->cands[i], strlen(r->cands[i]), it->text, n))
            k = content_source(c, r->cands[i]);
    for (size_t i = 0; !k && i < c->n_sources; i++)
        if (strcmp(c->sources[i].file, r->scene_file) == 0 &&
            holds(c->sources[i].s, c->sources[i].len, it->text, n))
            k = &c->sources[i];
    return k ? k : content_source_find(c, it->text, n);
}

static void on_problem(void *ctx, layout_problem p, const dl_item *it)
{
    fit_run *r = ctx;
    if (it->kind != DL_TEXT || (p != LC_CUT && p != LC_ELLIPSIS))
        return;
    const ksource *src = source_of(r, it);
    if (!src && p == LC_CUT)
        return; /* not the author's text: the screen's own words */
    fit_hit *h = NULL;
    for (size_t i = 0; i < r->n_hits && !h; i++)
        if (r->hits[i].src == src && r->hits[i].kind == p && r->hits[i].scene == r->scene_name &&
            (src || strcmp(r->hits[i].file, r->scene_file) == 0))
            h = &r->hits[i];
    if (!h) {
        if (r->n_hits == r->cap_hits) {
            size_t ncap = r->cap_hits ? r->cap_hits * 2 : 16;
            fit_hit *nh = realloc(r->hits, ncap * sizeof *nh);
            if (!nh) {
                r->oom = 1;
                return;
            }
            r->hits = nh;
            r->cap_hits = ncap;
        }
        h = &r->hits[r->n_hits++];
        *h = (fit_hit){.src = src, .file = r->scene_file, .kind = p, .scene = r->scene_name};
    }
    /* one scene may cut a text on several lines: count the screen once */
    if (h->n && strcmp(h->views[(h->n < FIT_VIEWS ? h->n : FIT_VIEWS) - 1], r->view) == 0)
        return;
    if (h->n < FIT_VIEWS)
        snprintf(h->views[h->n], sizeof h->views[h->n], "%s", r->view);
    h->n++;
}

static void check_scene(fit_run *r, const nav_state *s, const layout_params *p)
{
    scene *sc = layout_build(r->c, s, p);
    if (!sc) {
        r->oom = 1;
        return;
    }
    double u = p->w / 800.0 < p->h / 480.0 ? p->w / 800.0 : p->h / 480.0;
    layout_rules rules = {.min_target = p->min_target, .floor_px = (int)(18 * u),
                          .whole_words = klang_easy(r->c, s->language), .each = on_problem, .ctx = r};
    layout_report rep;
    layout_check_rules(sc, &rules, &rep);
    scene_free(sc);
}

/* Every scene of the content in state s0's language and text size. */
static void every_scene(fit_run *r, const nav_state *s0, const layout_params *p)
{
    nav_state s = *s0;
    const kcontent *c = r->c;
    lang lg = s.language;
    r->scene_file = "attract.yaml";
    r->scene_name = "the attract loop";
    for (size_t i = 0; i < c->n_slides; i++) {
        s.slide = (int)i;
        r->cands[0] = ktext_get(&c->slides[i].title, lg);
        r->cands[1] = ktext_get(&c->slides[i].text, lg);
        r->n_cands = 2;
        check_scene(r, &s, p);
    }
    s.scene = NAV_MENU;
    r->scene_file = "kiosk.yaml";
    r->scene_name = "the menu";
    r->n_cands = 0;
    for (size_t d = 0; d < c->n_domains && r->n_cands + 4 <= sizeof r->cands / sizeof r->cands[0];
         d++) {
        r->cands[r->n_cands++] = ktext_get(&c->domains[d].title, lg);
        r->cands[r->n_cands++] = ktext_get(&c->domains[d].summary, lg);
    }
    r->cands[r->n_cands++] = ktext_get(&c->menu_title, lg);
    r->cands[r->n_cands++] = ktext_get(&c->title, lg);
    check_scene(r, &s, p);
    s.scene = NAV_PAGE;
    r->scene_name = "its page";
    r->n_cands = 0;
    for (size_t d = 0; d < c->n_domains; d++) {
        r->scene_file = r->c->domains[d].file;
        for (size_t pg = 0; pg < r->c->domains[d].n_pages; pg++) {
            s.domain = (int)d;
            s.page = (int)pg;
            check_scene(r, &s, p);
        }
    }
}

static const char *problem_words(layout_problem p)
{
    return p == LC_ELLIPSIS ? "is cut off with an ellipsis" : "runs out of its box";
}

static void report(const fit_run *r, diag_list *d)
{
    for (size_t i = 0; i < r->n_hits; i++) {
        const fit_hit *h = &r->hits[i];
        char where[4 * 52] = "";
        for (int v = 0; v < h->n && v < FIT_VIEWS; v++)
            snprintf(where + strlen(where), sizeof where - strlen(where), "%s%s",
                     v ? "; " : "", h->views[v]);
        char more[32] = "";
        if (h->n > FIT_VIEWS)
            snprintf(more, sizeof more, " and %d more", h->n - FIT_VIEWS);
        if (h->src)
            diag_add(d, DIAG_WARNING, h->src->file, h->src->line, h->src->col,
                     "text %s on %s at %s%s; shorten it", problem_words(h->kind), h->scene, where,
                     more);
        else
            diag_add(d, DIAG_WARNING, h->file, 0, 0, "a text %s on %s at %s%s; shorten it",
                     problem_words(h->kind), h->scene, where, more);
    }
}

int content_fit_check(const kcontent *c, const layout_measure *m, diag_list *d)
{
    fit_run r = {.c = c};
    nav_config cfg;
    nav_config_default(&cfg);
    for (size_t z = 0; z < CONTENT_FIT_SIZES; z++) {
        int w = content_fit_sizes[z][0], h = content_fit_sizes[z][1];
        layout_params p = {.w = w, .h = h, .min_target = screen_mm_to_px(w, h, 9.0), .m = m,
                           .now = 1000000, .cfg = &cfg};
        for (int large = 0; large < 2; large++)
            for (int lg = 0; lg < (int)content_n_langs(c); lg++) {
                if (lg != LANG_DE && !layout_has_lang(c, (lang)lg))
                    continue;
                nav_state s;
                nav_init(&s, c, p.now);
                s.language = (lang)lg;
                s.large = large;
                snprintf(r.view, sizeof r.view, "%dx%d (%s%s)", w, h, content_lang_code(c, (lang)lg),
                         large ? ", large text" : "");
                every_scene(&r, &s, &p);
            }
    }
    report(&r, d);
    size_t n = r.n_hits;
    free(r.hits);
    if (r.oom) {
        diag_add(d, DIAG_ERROR, "", 0, 0, "out of memory while laying out the content");
        return -1;
    }
    return (int)n;
}
