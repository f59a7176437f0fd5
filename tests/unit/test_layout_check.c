/* layout_check: the oracle of issue 14's "Done when". Every scene of the
 * bundled content (the slides, the menu, every page, the idle countdown)
 * at all five sizes, in every mode (high contrast, large text, low reach,
 * speech) and language, built with the bundled font and a hyphenation
 * that breaks wherever it may, and held to the rules: no text cut with an
 * ellipsis or clipped (off the screen, or out of the card it is set on), no word broken without a hyphen, nothing
 * overlapping, every target at least 9 mm on that size's typical screen
 * (screen.h), no text under the floor of 18 u, the language controls'
 * words no smaller than that mode's body text, at 800x480 the chrome at
 * most a quarter of the height, and in Leichte Sprache no line ending in a
 * hyphen inside a word. Every rule holds in every scene: a failure names
 * its kind of scene, how many broke it and the first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "layout.h"
#include "layout_check.h"
#include "measure_text.h"
#include "screen.h"
#include "uistrings.h"

/* The kinds of scene, for the report of what broke a rule where. */
enum { S_SLIDE, S_MENU, S_PAGE, S_COUNTDOWN, S_COUNT };
static const char *const scene_names[S_COUNT] = {"slide", "menu", "page", "idle countdown"};

/* ---- the checker itself ---------------------------------------------------- */

static scene blank(int w, int h)
{
    return (scene){.w = w, .h = h};
}

static void test_overflow_is_detected(void **st)
{
    (void)st;
    /* the checker itself must catch what it claims to catch */
    scene sc = blank(100, 100);
    dl_item items[2];
    memset(items, 0, sizeof items);
    items[0] = (dl_item){.kind = DL_TEXT, .x = 10, .y = 10, .w = 50, .h = 10, .text = "a", .len = 1};
    items[1] = (dl_item){.kind = DL_TEXT, .x = 40, .y = 15, .w = 50, .h = 10, .text = "b", .len = 1};
    sc.items = items;
    sc.n_items = 2;
    char why[256];
    assert_int_equal(layout_check(&sc, 40, why, sizeof why), 1); /* overlap */
    items[1].y = 50;
    items[1].x = 80; /* 80 + 50 > 100: cut off */
    assert_int_equal(layout_check(&sc, 40, why, sizeof why), 1);
    items[1].x = 40;
    assert_int_equal(layout_check(&sc, 40, why, sizeof why), 0);
    dl_target t = {.x = 0, .y = 0, .w = 30, .h = 60, .name = "small"};
    sc.targets = &t;
    sc.n_targets = 1;
    assert_int_equal(layout_check(&sc, 40, why, sizeof why), 1); /* too small to hit */
}

static void test_checker_catches(void **st)
{
    (void)st;
    scene sc = blank(800, 480);
    /* "Wett" of "Wettbewerb", cut without a hyphen; an ellipsis; small text */
    static const char *para = "Wettbewerb";
    dl_item items[4] = {
        {.kind = DL_TEXT, .x = 10, .y = 300, .w = 50, .h = 20, .px = 20, .text = para, .len = 4},
        {.kind = DL_TEXT, .x = 10, .y = 330, .w = 50, .h = 20, .px = 20,
         .text = "Themen \xE2\x80\xA6", .len = 10},
        {.kind = DL_TEXT, .x = 10, .y = 360, .w = 50, .h = 20, .px = 12, .text = "Deutsch", .len = 7},
        /* chrome: a header 130 px high (27 %) */
        {.kind = DL_RECT, .x = 0, .y = 0, .w = 800, .h = 130, .z = DL_Z_CHROME * DL_Z_STEP},
    };
    sc.items = items;
    sc.n_items = 4;
    dl_target t = {10, 400, 40, 40, 0, NAV_BACK, 0, "back", DL_FIXED};
    sc.targets = &t;
    sc.n_targets = 1;
    layout_rules r = {.min_target = 47, .floor_px = 18, .chrome_percent = 25};
    layout_report rep;
    assert_int_equal(layout_check_rules(&sc, &r, &rep), 5);
    assert_int_equal(rep.n[LC_BROKEN], 1);
    assert_int_equal(rep.n[LC_ELLIPSIS], 1);
    assert_int_equal(rep.n[LC_FLOOR], 1);
    assert_int_equal(rep.n[LC_CHROME], 1);
    assert_int_equal(rep.n[LC_TARGET], 1);
    assert_non_null(strstr(rep.why[LC_CHROME], "27 %"));
    /* the same, by the rules kept: a hyphenated line, whole words, 9 mm */
    items[0].text = "Wett-";
    items[0].len = 5;
    items[1].len = 6; /* "Themen" */
    items[2].px = 18;
    items[3].h = 120;
    t.w = t.h = 47;
    assert_int_equal(layout_check_rules(&sc, &r, &rep), 0);
    /* a tile's initial is no broken word */
    items[0].text = para;
    items[0].len = 1;
    assert_int_equal(layout_check_rules(&sc, &r, &rep), 0);
    /* a text running out of the card it is set on is clipped */
    dl_item card[2] = {
        {.kind = DL_RECT, .x = 100, .y = 200, .w = 200, .h = 60},
        {.kind = DL_TEXT, .x = 110, .y = 210, .w = 180, .h = 20, .px = 20, .text = "Themen",
         .len = 6},
    };
    sc.items = card;
    sc.n_items = 2;
    assert_int_equal(layout_check_rules(&sc, &r, &rep), 0);
    card[1].w = 200;
    assert_int_equal(layout_check_rules(&sc, &r, &rep), 1);
    assert_non_null(strstr(rep.why[LC_CUT], "runs out of its 200x60 box"));
    /* Leichte Sprache keeps its words whole: no line ends in a hyphen
     * inside one, but it may end in one before a space ("Kinder- und") */
    card[1].w = 180;
    static const char *land = "Rheinland-Pfalz", *pair = "Kinder- und Jugendarbeit";
    card[1].text = land;
    card[1].len = 10;
    r.whole_words = 1;
    assert_int_equal(layout_check_rules(&sc, &r, &rep), 1);
    assert_int_equal(rep.n[LC_HYPHEN], 1);
    card[1].text = "Wett-";
    card[1].len = 5;
    assert_int_equal(layout_check_rules(&sc, &r, &rep), 1);
    card[1].text = pair;
    card[1].len = 7;
    assert_int_equal(layout_check_rules(&sc, &r, &rep), 0);
    r.whole_words = 0;
    card[1].text = land;
    card[1].len = 10;
    assert_int_equal(layout_check_rules(&sc, &r, &rep), 0);
    /* the language switch's words at least body size; its icon is no word */
    static const char *globe = "\xEE\xA2\x94";
    dl_item langs[3] = {
        {.kind = DL_TEXT, .x = 310, .y = 430, .w = 80, .h = 45, .px = 36, .text = "English",
         .len = 7},
        {.kind = DL_TEXT, .x = 410, .y = 430, .w = 40, .h = 40, .px = 30, .bold = DL_FONT_ICON,
         .text = globe, .len = 3},
        {.kind = DL_TEXT, .x = 460, .y = 430, .w = 80, .h = 45, .px = 36, .text = "Sprache",
         .len = 7},
    };
    dl_target lt[2] = {{300, 425, 100, 55, 0, NAV_LANG, 1, "lang:en", DL_FIXED},
                       {400, 425, 150, 55, 0, NAV_SHEET, 1, "languages", DL_FIXED}};
    sc.items = langs;
    sc.n_items = 3;
    sc.targets = lt;
    sc.n_targets = 2;
    r.min_target = 47;
    assert_int_equal(layout_check_rules(&sc, &r, &rep), 0); /* no lang_px: any size */
    r.lang_px = 40;
    assert_int_equal(layout_check_rules(&sc, &r, &rep), 2);
    assert_int_equal(rep.n[LC_LANG], 2);
    assert_non_null(strstr(rep.why[LC_LANG], "smaller than body text (40 px)"));
    langs[0].px = langs[2].px = 40;
    assert_int_equal(layout_check_rules(&sc, &r, &rep), 0);
}

/* ---- every scene of the bundled content ------------------------------------ */

static const int sizes[][2] = {{800, 480}, {1280, 800}, {1920, 1080}, {1080, 1920}, {3840, 2160}};

/* What broke each rule, by kind of scene: how many scenes, and the first. */
typedef struct tally {
    int scenes[LC_COUNT][S_COUNT];
    char first[LC_COUNT][S_COUNT][512];
} tally;

/* The rules at w x h for a scene of kind scn: 9 mm targets, 18 u text, and
 * on the 7" display a quarter of the height for the chrome of menu and
 * pages (the attract loop has none; the countdown lies over a page). */
static layout_rules rules_at(int w, int h, int scn, int large)
{
    double s = w / 800.0 < h / 480.0 ? w / 800.0 : h / 480.0;
    layout_rules r = {.min_target = screen_mm_to_px(w, h, 9.0), .floor_px = (int)(18 * s)};
    /* the language controls: body size (20 u), doubled with large text */
    r.lang_px = (int)(20 * s + 0.5) * (large && scn != S_SLIDE ? 2 : 1);
    if (w == 800 && h == 480 && (scn == S_MENU || scn == S_PAGE))
        r.chrome_percent = 25;
    return r;
}

static void check_one(const kcontent *c, const nav_state *s, int w, int h, int low_reach,
                      int rtl, const char *what, tally *t)
{
    nav_config cfg;
    nav_config_default(&cfg);
    int scn = s->warning ? S_COUNTDOWN : s->scene == NAV_ATTRACT ? S_SLIDE
                                         : s->scene == NAV_MENU  ? S_MENU
                                                                 : S_PAGE;
    layout_rules r = rules_at(w, h, scn, s->large);
    r.whole_words = s->language == LANG_LS;
    layout_params p = {.w = w, .h = h, .min_target = r.min_target, .m = &real, .now = 1000000,
                       .cfg = &cfg, .low_reach = low_reach, .rtl = rtl};
    scene *sc = layout_build(c, s, &p);
    assert_non_null(sc);
    layout_report rep;
    layout_check_rules(sc, &r, &rep);
    if (getenv("LAYOUT_CHECK_ALL"))
        for (int k = 0; k < LC_COUNT; k++)
            if (rep.n[k])
                print_message("%s|%s|%dx%d|%s|c%d l%d r%d s%d rtl%d|%s\n", layout_problem_name(k), what,
                              w, h, content_lang_code(NULL, s->language), s->contrast, s->large, low_reach,
                              s->speech, rtl, rep.why[k]);
    for (int k = 0; k < LC_COUNT; k++)
        if (rep.n[k] && !t->scenes[k][scn]++)
            snprintf(t->first[k][scn], sizeof t->first[k][scn],
                     "%s at %dx%d (%s, contrast %d, large %d, low reach %d, speech %d, rtl %d): %s",
                     what, w, h, content_lang_code(NULL, s->language), s->contrast, s->large, low_reach, s->speech,
                     rtl, rep.why[k]);
    scene_free(sc);
}

/* Every scene of c at w x h in state s0's mode and language. */
static void every_scene(const kcontent *c, const nav_state *s0, int w, int h, int low_reach,
                        int rtl, tally *t)
{
    char what[128];
    nav_state s = *s0;
    for (size_t i = 0; i < c->n_slides; i++) {
        s.slide = (int)i;
        snprintf(what, sizeof what, "slide %s", c->slides[i].id);
        check_one(c, &s, w, h, low_reach, rtl, what, t);
    }
    s.scene = NAV_MENU;
    check_one(c, &s, w, h, low_reach, rtl, "menu", t);
    s.scene = NAV_PAGE;
    for (size_t d = 0; d < c->n_domains; d++)
        for (size_t pg = 0; pg < c->domains[d].n_pages; pg++) {
            s.domain = (int)d;
            s.page = (int)pg;
            snprintf(what, sizeof what, "page %s/%s", c->domains[d].id,
                     c->domains[d].pages[pg].id);
            check_one(c, &s, w, h, low_reach, rtl, what, t);
        }
    s.last_input = 1000000 - 65000; /* the idle countdown over the last page */
    s.warning = 1;
    check_one(c, &s, w, h, low_reach, rtl, "idle countdown", t);
}

/* The bundled content, which loads without errors. */
static kcontent *bundled(void)
{
    diag_list d;
    diag_init(&d);
    kcontent *c = content_load("content", &d);
    if (c)
        content_load_strings(c, "assets/strings", &d);
    diag_free(&d);
    assert_non_null(c);
    return c;
}

static void test_every_scene_by_the_rules(void **st)
{
    (void)st;
    kcontent *c = bundled();
    tally t;
    memset(&t, 0, sizeof t);
    /* modes 16..31: the same laid out right to left (the mechanics, on the
     * German text, until the content has a right-to-left language) */
    for (int mode = 0; mode < 32; mode++)
        for (size_t r = 0; r < sizeof sizes / sizeof sizes[0]; r++)
            for (int lg = 0; lg < (mode < 16 ? LANG_COUNT : 1); lg++) {
                nav_state s;
                nav_init(&s, c, 1000000);
                s.language = (lang)lg;
                s.contrast = mode & 1;
                s.large = (mode >> 1) & 1;
                s.speech = (mode >> 3) & 1;
                every_scene(c, &s, sizes[r][0], sizes[r][1], (mode >> 2) & 1, mode >> 4, &t);
            }
    content_free(c);
    int failed = 0;
    for (int k = 0; k < LC_COUNT; k++)
        for (int scn = 0; scn < S_COUNT; scn++) {
            int n = t.scenes[k][scn];
            if (n)
                print_message("FAILS %s in %s: %d scenes, first: %s\n", layout_problem_name(k),
                              scene_names[scn], n, t.first[k][scn]);
            failed += n > 0;
        }
    assert_int_equal(failed, 0);
}

/* ---- right to left: the mirrored layout ------------------------------------ */

static const dl_target *target_named(const scene *sc, const char *name)
{
    for (size_t i = 0; i < sc->n_targets; i++)
        if (sc->targets[i].name && strcmp(sc->targets[i].name, name) == 0)
            return &sc->targets[i];
    return NULL;
}

/* A page laid out right to left is the left-to-right one mirrored: Back at
 * the right edge, the bar's order reversed (Back, Home, the languages from
 * the right), every target and box at its mirrored place, text lines set
 * right to left, the back arrow mirrored, the scroll bar's lane at the left. */
static void test_rtl_mirrors(void **st)
{
    (void)st;
    kcontent *c = bundled();
    nav_config cfg;
    nav_config_default(&cfg);
    nav_state s;
    nav_init(&s, c, 1000000);
    s.scene = NAV_PAGE;
    s.domain = 0;
    s.page = 0;
    layout_params p = {.w = 800, .h = 480, .min_target = 40, .m = &real, .now = 1000000, .cfg = &cfg};
    scene *ltr = layout_build(c, &s, &p);
    p.rtl = 1;
    scene *rtl = layout_build(c, &s, &p);
    assert_non_null(ltr);
    assert_non_null(rtl);
    assert_int_equal(rtl->rtl, 1);
    assert_int_equal(ltr->rtl, 0);
    const dl_target *back = target_named(rtl, "back"), *home = target_named(rtl, "home");
    const dl_target *lback = target_named(ltr, "back");
    assert_non_null(back);
    assert_non_null(home);
    assert_non_null(lback);
    assert_true(lback->x < 800 / 4);            /* left to right: Back at the left */
    assert_true(back->x + back->w > 800 * 3 / 4); /* right to left: at the right */
    assert_int_equal(back->x + back->w, 800 - lback->x);
    assert_true(home->x < back->x);             /* Home follows Back, leftwards */
    const dl_target *lg = NULL;
    for (size_t i = 0; i < rtl->n_targets && !lg; i++)
        if (strncmp(rtl->targets[i].name, "lang", 4) == 0)
            lg = &rtl->targets[i];
    assert_non_null(lg);
    assert_true(lg->x < home->x);
    assert_int_equal(rtl->n_targets, ltr->n_targets);
    for (size_t i = 0; i < rtl->n_targets; i++) {
        assert_int_equal(rtl->targets[i].x, 800 - ltr->targets[i].x - ltr->targets[i].w);
        assert_int_equal(rtl->targets[i].y, ltr->targets[i].y);
    }
    assert_int_equal(rtl->n_items, ltr->n_items);
    int arrows = 0;
    for (size_t i = 0; i < rtl->n_items; i++) {
        const dl_item *a = &ltr->items[i], *b = &rtl->items[i];
        assert_int_equal(b->x, 800 - a->x - a->w);
        assert_int_equal(b->y, a->y);
        assert_int_equal(a->rtl, 0);
        if (b->kind == DL_TEXT && b->bold != DL_FONT_ICON)
            assert_int_equal(b->rtl, 1);
        if (b->kind == DL_TEXT && b->bold == DL_FONT_ICON)
            arrows += b->rtl;
    }
    assert_true(arrows >= 1); /* the back arrow points right */
    assert_int_equal(rtl->view_x, 800 - ltr->view_x - ltr->view_w);
    layout_mirror(rtl); /* mirrored twice: as it was */
    for (size_t i = 0; i < rtl->n_items; i++) {
        assert_int_equal(rtl->items[i].x, ltr->items[i].x);
        assert_int_equal(rtl->items[i].rtl, 0);
    }
    assert_int_equal(rtl->rtl, 0);
    scene_free(ltr);
    scene_free(rtl);
    content_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_overflow_is_detected),
        cmocka_unit_test(test_checker_catches),
        cmocka_unit_test(test_rtl_mirrors),
        cmocka_unit_test(test_every_scene_by_the_rules),
    };
    return cmocka_run_group_tests(tests, measure_text_setup, measure_text_teardown);
}
