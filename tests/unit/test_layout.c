/* Layout: every scene at every target resolution fits
 * with nothing cut off or overlapping, touch targets large enough, text
 * readable (WCAG AA) — measured with the bundled font through SDL2_ttf (no
 * window needed), and with a deterministic fake measure. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "color.h"
#include "fixture_content.h"
#include "layout.h"
#include "layout_check.h"
#include "measure_text.h"
#include "wrap.h"
#include "utf8.h"
#include "widgets.h"
#include "uistrings.h"

#define MIN_TARGET 40

/* The bid's content as shipped; the test fails when it does not load. */
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

static void test_contrast(void **st)
{
    (void)st;
    kcolor w = {255, 255, 255}, b = {0, 0, 0}, g = {0x77, 0x77, 0x77};
    assert_true(color_contrast(w, b) > 20.9);
    assert_true(color_contrast(w, w) < 1.01);
    assert_true(color_contrast(w, g) > 4.4 && color_contrast(w, g) < 4.6);
}

/* ---- scenes -------------------------------------------------------------- */

static const char *lang_code_(lang l)
{
    return l == LANG_EN ? "en" : l == LANG_LS ? "leicht" : "de";
}

static const int sizes[][2] = {{800, 480}, {1280, 800}, {1920, 1080}, {1080, 1920}, {3840, 2160}};

/* The colour under (x, y) after drawing the rectangles before item i. */
static kcolor backdrop(const scene *sc, size_t upto, int x, int y)
{
    kcolor c = sc->clear;
    for (size_t i = 0; i < upto; i++) {
        const dl_item *it = &sc->items[i];
        if (it->kind != DL_RECT)
            continue;
        int ry = it->layer == DL_SCROLL ? sc->view_y + it->y : it->y;
        if (x < it->x || x >= it->x + it->w || y < ry || y >= ry + it->h)
            continue;
        double a = it->alpha / 255.0;
        c.r = (uint8_t)(c.r + (it->color.r - c.r) * a + 0.5);
        c.g = (uint8_t)(c.g + (it->color.g - c.g) * a + 0.5);
        c.b = (uint8_t)(c.b + (it->color.b - c.b) * a + 0.5);
    }
    return c;
}

/* Every text reads on what lies under it: 4.5:1, or 3:1 for large text;
 * in high contrast 7:1 for every text, whatever its size. */
static int check_contrast_min(const scene *sc, double hc_min, char *why, size_t size)
{
    int bad = 0;
    for (size_t i = 0; i < sc->n_items; i++) {
        const dl_item *it = &sc->items[i];
        if (it->kind != DL_TEXT || it->alpha < 255)
            continue;
        int y = it->layer == DL_SCROLL ? sc->view_y + it->y : it->y;
        kcolor bg = backdrop(sc, i, it->x + 1, y + it->h / 2);
        double need = (it->px >= 32 || (it->bold && it->px >= 24)) ? 3.0 : 4.5;
        if (hc_min > 0)
            need = hc_min;
        double got = color_contrast(it->color, bg);
        if (got < need && !bad++)
            snprintf(why, size, "'%.*s' has contrast %.2f on #%02x%02x%02x", (int)it->len,
                     it->text, got, bg.r, bg.g, bg.b);
    }
    return bad;
}

static int check_contrast(const scene *sc, char *why, size_t size)
{
    return check_contrast_min(sc, 0, why, size);
}

/* A mode of the kiosk: the visitor's choices and the configured layout. */
typedef struct mode {
    int contrast, large, low_reach;
} mode;

static const mode modes[] = {{0, 0, 0}, {1, 0, 0}, {0, 1, 0}, {1, 1, 0},
                             {0, 0, 1}, {1, 0, 1}, {0, 1, 1}, {1, 1, 1}};

static int is_ellipsized(const dl_item *it)
{
    return it->kind == DL_TEXT && it->len >= 3 &&
           memcmp(it->text + it->len - 3, "\xE2\x80\xA6", 3) == 0;
}

static void check_scene_mode(const kcontent *c, const nav_state *s0, int w, int h,
                             const layout_measure *m, const mode *md, const char *what)
{
    nav_config cfg;
    nav_config_default(&cfg);
    nav_state st = *s0;
    const nav_state *s = &st;
    st.contrast = md->contrast;
    st.large = md->large;
    layout_params p = {.w = w, .h = h, .min_target = MIN_TARGET, .m = m, .now = 1000000,
                       .cfg = &cfg, .low_reach = md->low_reach};
    scene *sc = layout_build(c, s, &p);
    assert_non_null(sc);
    char why[512] = "";
    int bad = layout_check(sc, MIN_TARGET, why, sizeof why);
    if (bad)
        fail_msg("%s at %dx%d (%s, contrast %d, large %d, low reach %d): %d problems, first: %s",
                 what, w, h, lang_code_(s->language), md->contrast, md->large, md->low_reach, bad,
                 why);
    bad = check_contrast_min(sc, md->contrast ? 7.0 : 0, why, sizeof why);
    if (bad)
        fail_msg("%s at %dx%d (contrast %d, large %d): %d texts hard to read, first: %s", what, w,
                 h, md->contrast, md->large, bad, why);
    assert_true(sc->n_items > 3);
    assert_true(sc->n_targets >= 1);
    if (md->low_reach) { /* every control below the reach line */
        int line = (h * LAYOUT_REACH_TOP_PERCENT + 99) / 100;
        for (size_t i = 0; i < sc->n_targets; i++) {
            const dl_target *t = &sc->targets[i];
            if (t->w == w && t->h == h) /* the whole screen: reachable anywhere */
                continue;
            /* menu tiles with large text on a small screen may grow above the
             * line rather than cut their titles (layout.c: build_menu) */
            if (t->action == NAV_OPEN_DOMAIN && md->large)
                continue;
            if (t->y < line)
                fail_msg("%s at %dx%d (low reach, large %d): target %s at y %d, above the reach "
                         "line %d", what, w, h, md->large, t->name, t->y, line);
        }
    }
    if (s->scene != NAV_ATTRACT && !s->warning && s->sheet == NAV_SHEET_NONE) {
        /* the bar on every menu and page: back, the languages (or their
         * button) and the accessibility button; on its sheet the toggles,
         * named and wired, and that scene passes every check too */
        int found = 0;
        for (size_t i = 0; i < sc->n_targets; i++) {
            const dl_target *t = &sc->targets[i];
            if (strcmp(t->name, "back") == 0 && t->action == NAV_BACK)
                found |= 1;
            if (strcmp(t->name, "a11y") == 0 && t->action == NAV_SHEET && t->arg == NAV_SHEET_A11Y)
                found |= 2;
            if (t->action == NAV_LANG || (t->action == NAV_SHEET && t->arg == NAV_SHEET_LANG))
                found |= 4;
        }
        if (found != 7)
            fail_msg("%s at %dx%d: the bar is missing controls (%d)", what, w, h, found);
        st.sheet = NAV_SHEET_A11Y;
        scene *sh = layout_build(c, &st, &p);
        assert_non_null(sh);
        found = 0;
        for (size_t i = 0; i < sh->n_targets; i++) {
            const dl_target *t = &sh->targets[i];
            if (strcmp(t->name, "contrast") == 0 && t->action == NAV_CONTRAST)
                found |= 1;
            if (strcmp(t->name, "large") == 0 && t->action == NAV_LARGE)
                found |= 2;
        }
        if (found != 3)
            fail_msg("%s at %dx%d: the toggles are missing (%d)", what, w, h, found);
        bad = layout_check(sh, MIN_TARGET, why, sizeof why);
        if (!bad)
            bad = check_contrast_min(sh, md->contrast ? 7.0 : 0, why, sizeof why);
        if (bad)
            fail_msg("%s at %dx%d with the sheet open (contrast %d, large %d, low reach %d): %s",
                     what, w, h, md->contrast, md->large, md->low_reach, why);
        scene_free(sh);
        st.sheet = NAV_SHEET_NONE;
        /* a page scrolls: nothing on it is cut; the menu's tile titles are whole */
        for (size_t i = 0; i < sc->n_items; i++) {
            const dl_item *it = &sc->items[i];
            if (it->kind == DL_TEXT && s->scene == NAV_MENU)
                for (size_t d = 0; d < c->n_domains; d++) {
                    const char *t = c->domains[d].title.t[s->language]
                                        ? c->domains[d].title.t[s->language]
                                        : c->domains[d].title.t[LANG_DE];
                    /* a line of a title must end where a word ends */
                    if (t && it->text >= t && it->text < t + strlen(t) && it->len > 1) {
                        char next = it->text[it->len], last = it->text[it->len - 1];
                        if (next && next != ' ' && next != '\n' && last != '-')
                            fail_msg("%s at %dx%d (large %d, low reach %d): title word broken: '%.*s'",
                                     what, w, h, md->large, md->low_reach, (int)it->len, it->text);
                    }
                }
            if (!is_ellipsized(it))
                continue;
            if (it->layer == DL_SCROLL)
                fail_msg("%s at %dx%d (large %d): page text cut: '%.*s'", what, w, h, md->large,
                         (int)it->len, it->text);
            for (size_t d = 0; d < c->n_domains; d++) {
                const char *t = c->domains[d].title.t[s->language] ? c->domains[d].title.t[s->language]
                                                                   : c->domains[d].title.t[LANG_DE];
                if (t && strncmp(t, it->text, it->len - 3) == 0)
                    fail_msg("%s at %dx%d (large %d): domain title cut: '%.*s'", what, w, h,
                             md->large, (int)it->len, it->text);
            }
        }
    }
    scene_free(sc);
}

/* Every scene, every language, every resolution, in the modes given. */
static void scenes_of(kcontent *c, const layout_measure *m, size_t n_modes);

static void all_scenes(const layout_measure *m)
{
    kcontent *c = fixture_content(NULL);
    scenes_of(c, m, sizeof modes / sizeof modes[0]);
    fixture_free(c);
}

static void scenes_of(kcontent *c, const layout_measure *m, size_t n_modes)
{
    char what[128];
    for (size_t md = 0; md < n_modes; md++)
    for (size_t r = 0; r < sizeof sizes / sizeof sizes[0]; r++) {
        int w = sizes[r][0], h = sizes[r][1];
        for (int lg = 0; lg < LANG_COUNT; lg++) {
            nav_state s;
            nav_init(&s, c, 1000000);
            s.language = (lang)lg;
            for (size_t i = 0; i < c->n_slides; i++) {
                s.slide = (int)i;
                snprintf(what, sizeof what, "slide %s", c->slides[i].id);
                check_scene_mode(c, &s, w, h, m, &modes[md], what);
            }
            s.scene = NAV_MENU;
            check_scene_mode(c, &s, w, h, m, &modes[md], "menu");
            s.speech = 1; /* the speech mark must find its place or stay away */
            check_scene_mode(c, &s, w, h, m, &modes[md], "menu in speech mode");
            s.speech = 0;
            for (size_t d = 0; d < c->n_domains; d++)
                for (size_t pg = 0; pg < c->domains[d].n_pages; pg++) {
                    s.scene = NAV_PAGE;
                    s.domain = (int)d;
                    s.page = (int)pg;
                    snprintf(what, sizeof what, "page %s/%s", c->domains[d].id,
                             c->domains[d].pages[pg].id);
                    check_scene_mode(c, &s, w, h, m, &modes[md], what);
                }
            /* the idle countdown over a page */
            s.last_input = 1000000 - 65000;
            s.warning = 1;
            check_scene_mode(c, &s, w, h, m, &modes[md], "idle countdown");
        }
    }
}

/* The bundled content of the bid, as the kiosk will show it. */
static void test_bundled_content_fits(void **st)
{
    (void)st;
    diag_list d;
    diag_init(&d);
    kcontent *c = content_load("content", &d);
    if (c)
        content_load_strings(c, "assets/strings", &d);
    if (!c)
        fail_msg("content/ does not load (%zu errors)", d.errors);
    scenes_of(c, &real, sizeof modes / sizeof modes[0]);
    content_free(c);
}

static void test_no_overflow_real_font(void **st)
{
    (void)st;
    all_scenes(&real);
}

static void test_no_overflow_fake_measure(void **st)
{
    (void)st;
    all_scenes(&fake);
}

static int find_target(const scene *sc, const char *name)
{
    for (size_t i = 0; i < sc->n_targets; i++)
        if (strcmp(sc->targets[i].name, name) == 0)
            return (int)i;
    return -1;
}

/* 1 when the scene of s has the language target name: in the bar's
 * switch, or on the chooser its language button opens. */
static int lang_target(const kcontent *c, const nav_state *s, const layout_params *p,
                       const char *name)
{
    nav_state st = *s;
    scene *sc = layout_build(c, &st, p);
    assert_non_null(sc);
    int found = find_target(sc, name) >= 0;
    int button = find_target(sc, "languages") >= 0;
    scene_free(sc);
    if (found || !button)
        return found;
    st.sheet = NAV_SHEET_LANG;
    sc = layout_build(c, &st, p);
    assert_non_null(sc);
    found = find_target(sc, name) >= 0;
    scene_free(sc);
    return found;
}

static void test_targets(void **st)
{
    (void)st;
    kcontent *c = fixture_content(NULL);
    nav_config cfg;
    nav_config_default(&cfg);
    for (size_t r = 0; r < sizeof sizes / sizeof sizes[0]; r++) {
        layout_params p = {.w = sizes[r][0], .h = sizes[r][1], .min_target = MIN_TARGET,
                           .m = &real, .now = 0, .cfg = &cfg};
        nav_state s;
        nav_init(&s, c, 0);
        /* attract: the whole screen starts */
        scene *sc = layout_build(c, &s, &p);
        int t = scene_hit(sc, p.w / 2, p.h / 2);
        assert_true(t >= 0);
        assert_int_equal(sc->targets[t].action, NAV_START);
        scene_free(sc);
        /* menu: a tile per domain, a tap in its middle opens it */
        s.scene = NAV_MENU;
        sc = layout_build(c, &s, &p);
        for (size_t d = 0; d < c->n_domains; d++) {
            char name[80];
            snprintf(name, sizeof name, "domain:%s", c->domains[d].id);
            int i = find_target(sc, name);
            assert_true(i >= 0);
            const dl_target *tg = &sc->targets[i];
            int hit = scene_hit(sc, tg->x + tg->w / 2, tg->y + tg->h / 2);
            assert_int_equal(sc->targets[hit].action, NAV_OPEN_DOMAIN);
            assert_int_equal(sc->targets[hit].arg, (int)d);
        }
        scene_free(sc);
        assert_true(lang_target(c, &s, &p, "lang:de"));
        assert_true(lang_target(c, &s, &p, "lang:en"));
        assert_true(lang_target(c, &s, &p, "lang:leicht")); /* the fixture has some */
        /* a page with tabs: back, home, languages, one tab per page */
        s.scene = NAV_PAGE;
        s.domain = 5;
        s.page = 0;
        sc = layout_build(c, &s, &p);
        assert_true(find_target(sc, "back") >= 0);
        assert_true(find_target(sc, "home") >= 0);
        assert_true(find_target(sc, "tab:zeitplan") >= 0);
        assert_int_equal(sc->targets[find_target(sc, "tab:unterstuetzung")].arg, 2);
        scene_free(sc);
        assert_true(lang_target(c, &s, &p, "lang:en"));
    }
    fixture_free(c);
}

static void test_no_leichte_sprache_no_button(void **st)
{
    (void)st;
    kcontent *c = fixture_content(NULL);
    c->menu_title.t[LANG_LS] = NULL;
    c->domains[0].pages[0].title.t[LANG_LS] = NULL;
    c->domains[0].pages[0].blocks[0].text.t[LANG_LS] = NULL;
    for (size_t d = 0; d < c->n_domains; d++)
        for (size_t p = 0; p < c->domains[d].n_pages; p++)
            c->domains[d].pages[p].title.t[LANG_LS] = NULL;
    assert_false(layout_has_lang(c, LANG_LS));
    nav_config cfg;
    nav_config_default(&cfg);
    layout_params p = {.w = 1280, .h = 800, .min_target = MIN_TARGET, .m = &real, .cfg = &cfg};
    nav_state s;
    nav_init(&s, c, 0);
    s.scene = NAV_MENU;
    assert_true(lang_target(c, &s, &p, "lang:en"));
    assert_false(lang_target(c, &s, &p, "lang:leicht"));
    fixture_free(c);
}

static void test_long_page_scrolls_and_language_changes_text(void **st)
{
    (void)st;
    kcontent *c = fixture_content(NULL);
    nav_config cfg;
    nav_config_default(&cfg);
    layout_params p = {.w = 800, .h = 480, .min_target = MIN_TARGET, .m = &real, .cfg = &cfg};
    nav_state s;
    nav_init(&s, c, 0);
    s.scene = NAV_PAGE;
    s.domain = 1; /* has a missing image and a very long word */
    s.page = 0;
    scene *de = layout_build(c, &s, &p);
    assert_true(de->view_h > 0);
    assert_true(scene_max_scroll(de) > 0);
    size_t images = 0, qr = 0;
    for (size_t i = 0; i < de->n_items; i++) {
        images += de->items[i].kind == DL_IMAGE;
        qr += de->items[i].kind == DL_QR;
        if (de->items[i].kind == DL_QR) /* a QR code big enough to scan: 3 px a module */
            assert_true(de->items[i].w >= 3 * 37);
    }
    assert_int_equal(images, 1); /* the placeholder keeps its place */
    assert_int_equal(qr, 1);
    s.language = LANG_EN;
    scene *en = layout_build(c, &s, &p);
    int found_de = 0, found_en = 0;
    for (size_t i = 0; i < de->n_items; i++)
        if (de->items[i].kind == DL_TEXT && de->items[i].len >= 7 &&
            memcmp(de->items[i].text, "Energie", 7) == 0)
            found_de = 1;
    for (size_t i = 0; i < en->n_items; i++)
        if (en->items[i].kind == DL_TEXT && en->items[i].len >= 6 &&
            memcmp(en->items[i].text, "Energy", 6) == 0)
            found_en = 1;
    assert_true(found_de);
    assert_true(found_en);
    scene_free(de);
    scene_free(en);
    fixture_free(c);
}

static void test_diagnostics_overlay(void **st)
{
    (void)st;
    /* --watch shows the loader's errors on screen, in the compiler's format */
    kcontent *c = fixture_content(NULL);
    diag_list d;
    diag_init(&d);
    for (int i = 0; i < 40; i++)
        diag_add(&d, DIAG_ERROR, "domains/energie.yaml", 12 + i, 7,
                 "unknown key 'titel' (did you mean 'title'?)");
    nav_config cfg;
    nav_config_default(&cfg);
    for (size_t r = 0; r < sizeof sizes / sizeof sizes[0]; r++) {
        layout_params p = {.w = sizes[r][0], .h = sizes[r][1], .min_target = MIN_TARGET,
                           .m = &real, .cfg = &cfg, .diags = &d};
        nav_state s;
        nav_init(&s, c, 0);
        s.scene = NAV_MENU;
        scene *sc = layout_build(c, &s, &p);
        char why[256];
        assert_int_equal(layout_check(sc, MIN_TARGET, why, sizeof why), 0);
        int found = 0;
        for (size_t i = 0; i < sc->n_items; i++)
            if (sc->items[i].kind == DL_TEXT && sc->items[i].len > 24 &&
                memcmp(sc->items[i].text, "domains/energie.yaml:12:7", 25) == 0)
                found = 1;
        assert_true(found);
        scene_free(sc);
        /* no content at all (the first load failed): only the errors */
        sc = layout_build(NULL, &s, &p);
        assert_non_null(sc);
        assert_true(sc->n_items > 2);
        assert_int_equal(layout_check(sc, MIN_TARGET, why, sizeof why), 0);
        scene_free(sc);
    }
    diag_free(&d);
    fixture_free(c);
}

/* The emergency notice covers every scene at every size: the topmost item
 * is a full-screen rectangle, the texts fit and read well, nothing can be
 * tapped; a text too long for the screen is shown in pages, not spilled. */
static void test_notice_card(void **st)
{
    (void)st;
    kcontent *c = fixture_content(NULL);
    nav_config cfg;
    nav_config_default(&cfg);
    static char longer[700];
    memset(longer, 0, sizeof longer);
    for (size_t i = 0; i + 6 < sizeof longer - 1; i += 6)
        memcpy(longer + i, "Wort  ", 6);
    layout_notice n1 = {.de = "B\xC3\xBCrgerb\xC3\xBCro heute geschlossen", .en = "Citizens' office closed today",
                        .leicht = "Das B\xC3\xBCrger-B\xC3\xBCro ist heute zu.", .when = "25.11.2026 08:00 \xE2\x80\x93 18:00"};
    layout_notice n2 = {.de = longer, .en = longer, .leicht = longer, .when = "x"};
    const layout_notice *ns[] = {&n1, &n2};
    for (size_t k = 0; k < 2; k++)
        for (size_t r = 0; r < sizeof sizes / sizeof sizes[0]; r++)
            for (int scn = 0; scn < 3; scn++) {
                layout_params p = {.w = sizes[r][0], .h = sizes[r][1], .min_target = MIN_TARGET, .m = &real,
                                   .now = 0, .cfg = &cfg, .notice = ns[k]};
                nav_state s;
                nav_init(&s, c, 0);
                s.scene = scn == 0 ? NAV_ATTRACT : scn == 1 ? NAV_MENU : NAV_PAGE;
                s.domain = 0;
                s.page = 0;
                scene *sc = layout_build(c, &s, &p);
                assert_non_null(sc);
                assert_int_equal(sc->n_targets, 0);
                assert_int_equal(scene_hit(sc, p.w / 2, p.h / 2), -1);
                /* the first item of the card: a full-screen rectangle */
                size_t first = 0;
                while (first < sc->n_items && !(sc->items[first].kind == DL_RECT && sc->items[first].w == p.w &&
                                                sc->items[first].h == p.h && sc->items[first].x == 0 &&
                                                sc->items[first].y == 0 && sc->items[first].alpha == 255 &&
                                                sc->items[first].color.r == 127))
                    first++;
                assert_true(first < sc->n_items);
                int texts = 0;
                for (size_t i = first + 1; i < sc->n_items; i++) {
                    const dl_item *it = &sc->items[i];
                    assert_int_equal(it->layer, DL_FIXED);
                    if (it->kind == DL_TEXT) {
                        texts++;
                        assert_true(it->y >= 0 && it->y + it->h <= p.h);
                        assert_true(it->x >= 0 && it->x + it->w <= p.w);
                    }
                }
                assert_true(texts >= 4);
                char why[512] = "";
                if (check_contrast(sc, why, sizeof why))
                    fail_msg("notice at %dx%d: %s", p.w, p.h, why);
                scene_free(sc);
            }
    fixture_free(c);
}

/* ---- the visitor's choices --------------------------------------------------- */

static scene *build_mode(const kcontent *c, const nav_state *s, int w, int h, int low_reach,
                         uint64_t now)
{
    static nav_config cfg;
    nav_config_default(&cfg);
    layout_params p = {.w = w, .h = h, .min_target = MIN_TARGET, .m = &real, .now = now,
                       .cfg = &cfg, .low_reach = low_reach};
    scene *sc = layout_build(c, s, &p);
    assert_non_null(sc);
    return sc;
}

/* The text drawn inside target t starting with prefix, or NULL. */
static const dl_item *text_in(const scene *sc, const dl_target *t, const char *prefix)
{
    for (size_t i = 0; i < sc->n_items; i++) {
        const dl_item *it = &sc->items[i];
        int cx = it->x + it->w / 2, cy = it->y + it->h / 2;
        if (it->kind == DL_TEXT && it->layer == DL_FIXED && cx >= t->x && cx < t->x + t->w &&
            cy >= t->y && cy < t->y + t->h && it->len >= strlen(prefix) &&
            memcmp(it->text, prefix, strlen(prefix)) == 0)
            return it;
    }
    return NULL;
}

static const dl_item *find_text(const scene *sc, const char *prefix)
{
    for (size_t i = 0; i < sc->n_items; i++) {
        const dl_item *it = &sc->items[i];
        if (it->kind == DL_TEXT && it->len >= strlen(prefix) &&
            memcmp(it->text, prefix, strlen(prefix)) == 0)
            return it;
    }
    return NULL;
}

/* The toggles show their state with a check mark (not by colour alone),
 * are labelled in the scene's language, and a tap in their middle hits
 * them. */
static void test_toggles(void **st)
{
    (void)st;
    kcontent *c = fixture_content(NULL);
    static const char *want[3][2] = {{"Kontrast", "Gro\xC3\x9F" "e Schrift"},
                                     {"Contrast", "Large text"},
                                     {"Kontrast", "Gro\xC3\x9F" "e Schrift"}};
    for (int lg = 0; lg < LANG_COUNT; lg++)
        for (int on = 0; on < 2; on++)
            for (int scn = 0; scn < 2; scn++) {
                nav_state s;
                nav_init(&s, c, 0);
                s.language = (lang)lg;
                s.scene = scn ? NAV_PAGE : NAV_MENU;
                s.domain = 5;
                s.page = 1;
                s.contrast = on;
                s.large = on;
                s.sheet = NAV_SHEET_A11Y; /* the toggles are on the bar's sheet */
                scene *sc = build_mode(c, &s, 1280, 800, 0, 0);
                const char *names[2] = {"contrast", "large"};
                const nav_action acts[2] = {NAV_CONTRAST, NAV_LARGE};
                for (int k = 0; k < 2; k++) {
                    int i = find_target(sc, names[k]);
                    assert_true(i >= 0);
                    const dl_target *t = &sc->targets[i];
                    assert_int_equal(t->action, acts[k]);
                    int hit = scene_hit(sc, t->x + t->w / 2, t->y + t->h / 2);
                    assert_int_equal(hit, i);
                    const dl_item *label = text_in(sc, t, want[lg][k]);
                    if (!label)
                        fail_msg("toggle %s (%s, on %d): no label '%s'", names[k],
                                 lang_code_((lang)lg), on, want[lg][k]);
                    /* the check mark, an icon of the one icon set */
                    const dl_item *check = text_in(sc, t, ICON_CHECK);
                    assert_int_equal(check != NULL, on);
                    if (check)
                        assert_int_equal(check->bold, DL_FONT_ICON);
                }
                scene_free(sc);
            }
    fixture_free(c);
}

/* The first line of paragraph para in sc: the text itself, or its copy
 * when the line ends in a hyphen (the scene's arena holds "Wett-"). */
static const dl_item *first_line_of(const scene *sc, const char *para)
{
    for (size_t i = 0; i < sc->n_items; i++) {
        const dl_item *it = &sc->items[i];
        if (it->kind == DL_TEXT &&
            (it->text == para || (it->len > 1 && it->text[it->len - 1] == '-' &&
                                  strncmp(it->text, para, it->len - 1) == 0)))
            return it;
    }
    return NULL;
}

/* The state of page pg of domain d in language lg, all else as it starts. */
static nav_state page_state(const kcontent *c, int d, int pg, lang lg)
{
    nav_state s;
    nav_init(&s, c, 0);
    s.scene = NAV_PAGE;
    s.domain = d;
    s.page = pg;
    s.language = lg;
    return s;
}

/* Large text doubles every text size; high contrast draws only black,
 * white, pale grey and yellow, never a domain's colour, and outlines
 * instead of fills. */
static void test_large_and_contrast(void **st)
{
    (void)st;
    kcontent *c = bundled();
    for (size_t r = 0; r < sizeof sizes / sizeof sizes[0]; r++) {
        nav_state s;
        nav_init(&s, c, 0);
        s.scene = NAV_PAGE;
        s.domain = 0;
        s.page = 0;
        scene *a = build_mode(c, &s, sizes[r][0], sizes[r][1], 0, 0);
        s.large = 1;
        scene *b = build_mode(c, &s, sizes[r][0], sizes[r][1], 0, 0);
        /* the first paragraph of the page, in both */
        const char *para = NULL;
        for (size_t k = 0; k < c->domains[0].pages[0].n_blocks && !para; k++)
            if (c->domains[0].pages[0].blocks[k].kind == BLOCK_PARAGRAPH)
                para = c->domains[0].pages[0].blocks[k].text.t[LANG_DE];
        assert_non_null(para);
        const dl_item *pa = first_line_of(a, para), *pb = first_line_of(b, para);
        assert_non_null(pa);
        assert_non_null(pb);
        assert_int_equal(pb->px, 2 * pa->px);
        /* the page scrolls longer, it is not cut */
        assert_true(b->content_h > a->content_h);
        scene_free(a);
        scene_free(b);

        static const kcolor ok[] = {{0, 0, 0}, {255, 255, 255}, {224, 224, 224}, {255, 215, 0},
                                    {17, 24, 39}};
        for (int scn = 0; scn < 4; scn++) {
            nav_init(&s, c, 0);
            s.contrast = 1;
            s.scene = scn == 0 ? NAV_ATTRACT : scn == 1 ? NAV_MENU : NAV_PAGE;
            s.domain = 2;
            s.page = 0;
            uint64_t now = 0;
            if (scn == 3) { /* the countdown */
                now = 65000;
                s.warning = 1;
            }
            scene *sc = build_mode(c, &s, sizes[r][0], sizes[r][1], 0, now);
            int outlines = 0;
            for (size_t i = 0; i < sc->n_items; i++) {
                const dl_item *it = &sc->items[i];
                if (it->kind != DL_RECT && it->kind != DL_TEXT)
                    continue;
                int good = 0;
                for (size_t k = 0; k < sizeof ok / sizeof ok[0]; k++)
                    good |= it->color.r == ok[k].r && it->color.g == ok[k].g &&
                            it->color.b == ok[k].b;
                if (!good)
                    fail_msg("high contrast, scene %d at %dx%d: %s in #%02x%02x%02x", scn,
                             sizes[r][0], sizes[r][1], it->kind == DL_TEXT ? "text" : "rect",
                             it->color.r, it->color.g, it->color.b);
                outlines += it->kind == DL_RECT && it->color.r == 255 && it->color.b == 0;
            }
            if (scn)
                assert_true(outlines >= 2);
            char why[256];
            if (check_contrast_min(sc, 7.0, why, sizeof why))
                fail_msg("high contrast, scene %d: %s", scn, why);
            scene_free(sc);
        }
    }
    content_free(c);
}

/* Marks in seen the bytes of s (n long) that the scene's texts show. */
static void mark_shown(const scene *sc, const char *s, size_t n, char *seen)
{
    for (size_t i = 0; i < sc->n_items; i++) {
        const dl_item *it = &sc->items[i];
        if (it->kind == DL_TEXT && it->text >= s && it->text < s + n)
            memset(seen + (it->text - s), 1, it->len);
    }
}

/* 1 when every byte of s but spaces and line breaks is marked in seen. */
static int all_shown(const char *s, size_t n, const char *seen)
{
    for (size_t i = 0; i < n; i++)
        if (!seen[i] && s[i] != ' ' && s[i] != '\n')
            return 0;
    return 1;
}

static int has_ellipsis(const scene *sc)
{
    for (size_t i = 0; i < sc->n_items; i++)
        if (sc->items[i].kind == DL_TEXT && is_ellipsized(&sc->items[i]))
            return 1;
    return 0;
}

/* Nothing is cut with an ellipsis: at 800x480 an organisation of 200
 * characters and a long kiosk title on the attract loop wrap whole (the
 * head grows), and a notice of 30 lines shows every line, in pages one
 * after the other, the scene due to change when the next is. */
static void test_no_ellipsis_long_texts(void **st)
{
    (void)st;
    kcontent *c = bundled();
    static char org[201];
    for (size_t i = 0; i < 200; i += 10)
        memcpy(org + i, i % 20 ? "Amt und R " : "Rat für A ", 10);
    memcpy(org + 195, "Ende.", 5);
    const char *saved = c->organisation.t[LANG_DE];
    c->organisation.t[LANG_DE] = org;
    for (int w = 0; w < 2; w++) {
        nav_state s;
        nav_init(&s, c, 0);
        scene *sc = build_mode(c, &s, w ? 1080 : 800, w ? 1920 : 480, 0, 0);
        char seen[200] = {0};
        mark_shown(sc, org, 200, seen);
        assert_false(has_ellipsis(sc));
        assert_true(all_shown(org, 200, seen));
        char why[256] = "";
        if (layout_check(sc, MIN_TARGET, why, sizeof why))
            fail_msg("attract with a long organisation: %s", why);
        scene_free(sc);
    }
    c->organisation.t[LANG_DE] = saved;
    content_free(c);

    c = fixture_content(NULL);
    nav_config cfg;
    nav_config_default(&cfg);
    static char de[1024];
    size_t n = 0;
    for (int i = 1; i <= 30; i++)
        n += (size_t)snprintf(de + n, sizeof de - n, "Zeile %d: Rathaus zu.\n", i);
    layout_notice nt = {.de = de, .en = "Town hall closed", .when = "heute"};
    char seen[1024] = {0};
    int frames = 0;
    for (uint64_t now = 0; now < 10 * 60000; now += 6000) {
        layout_params p = {.w = 800, .h = 480, .min_target = MIN_TARGET, .m = &real, .now = now,
                           .cfg = &cfg, .notice = &nt};
        nav_state s;
        nav_init(&s, c, 0);
        scene *sc = layout_build(c, &s, &p);
        assert_non_null(sc);
        assert_false(has_ellipsis(sc));
        assert_true(sc->changes_at > now); /* more than one page: the next is due */
        char why[256] = "";
        if (layout_check(sc, MIN_TARGET, why, sizeof why))
            fail_msg("notice of 30 lines at %llu ms: %s", (unsigned long long)now, why);
        mark_shown(sc, de, n, seen);
        frames++;
        scene_free(sc);
    }
    assert_true(frames > 1);
    assert_true(all_shown(de, n, seen));
    fixture_free(c);
}

/* 1 when byte c belongs to a word (non-ASCII letters included). */
static int word_byte(unsigned char c)
{
    return c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Adds to words (n of them, at most cap) each word of de of 6 letters or
 * more that en has as a word too: a name both share ("Kaiserslautern"). */
static void shared_words(const ktext *t, char (*words)[64], size_t *n, size_t cap)
{
    const char *de = t->t[LANG_DE], *en = t->t[LANG_EN];
    for (const char *p = de; de && en && *p;) {
        while (*p && !word_byte((unsigned char)*p))
            p++;
        const char *e = p;
        while (word_byte((unsigned char)*e))
            e++;
        size_t len = (size_t)(e - p);
        for (const char *q = en; len >= 6 && len < 64 && *n < cap && (q = strstr(q, "")) && *q; q++)
            if (strncmp(q, p, len) == 0 && (q == en || !word_byte((unsigned char)q[-1])) &&
                !word_byte((unsigned char)q[len])) {
                memcpy(words[*n], p, len);
                words[(*n)++][len] = '\0';
                break;
            }
        p = e;
    }
}

/* English never hyphenates a German name: on the menu and every page, at
 * every size, with and without large text, no line ends in a part of a
 * word the German original has too ("Kaiser-" / "slautern"). */
static void test_english_keeps_german_names(void **st)
{
    (void)st;
    kcontent *c = bundled();
    static char words[512][64];
    size_t n = 0;
    shared_words(&c->title, words, &n, 512);
    shared_words(&c->menu_title, words, &n, 512);
    for (size_t d = 0; d < c->n_domains; d++) {
        shared_words(&c->domains[d].title, words, &n, 512);
        shared_words(&c->domains[d].summary, words, &n, 512);
        for (size_t pg = 0; pg < c->domains[d].n_pages; pg++) {
            const kpage *p = &c->domains[d].pages[pg];
            shared_words(&p->title, words, &n, 512);
            for (size_t k = 0; k < p->n_blocks; k++) {
                shared_words(&p->blocks[k].text, words, &n, 512);
                for (size_t m = 0; m < p->blocks[k].n_items; m++)
                    shared_words(&p->blocks[k].items[m], words, &n, 512);
            }
        }
    }
    assert_true(n > 0);
    for (size_t r = 0; r < sizeof sizes / sizeof sizes[0]; r++)
        for (int large = 0; large < 2; large++)
            for (int d = -1; d < (int)c->n_domains; d++)
                for (size_t pg = 0; pg < (d < 0 ? 1 : c->domains[d].n_pages); pg++) {
                    nav_state s;
                    nav_init(&s, c, 0);
                    s.language = LANG_EN;
                    s.large = large;
                    s.scene = d < 0 ? NAV_MENU : NAV_PAGE;
                    s.domain = d < 0 ? 0 : d;
                    s.page = (int)pg;
                    scene *sc = build_mode(c, &s, sizes[r][0], sizes[r][1], 0, 0);
                    for (size_t i = 0; i < sc->n_items; i++) {
                        const dl_item *it = &sc->items[i];
                        if (it->kind != DL_TEXT || it->len < 2 || it->text[it->len - 1] != '-' ||
                            !word_byte((unsigned char)it->text[it->len - 2]))
                            continue;
                        size_t a = it->len - 1;
                        while (a > 0 && word_byte((unsigned char)it->text[a - 1]))
                            a--;
                        size_t flen = it->len - 1 - a;
                        for (size_t w = 0; w < n; w++)
                            if (strlen(words[w]) > flen && strncmp(words[w], it->text + a, flen) == 0 &&
                                (a == 0 || it->text[a - 1] != '-'))
                                fail_msg("%dx%d large %d %s: '%.*s' breaks '%s'", sizes[r][0],
                                         sizes[r][1], large, d < 0 ? "menu" : c->domains[d].id,
                                         (int)it->len, it->text, words[w]);
                    }
                    scene_free(sc);
                }
    content_free(c);
}

/* Leichte Sprache on the landscape attract loop: every slide with a
 * picture shows it, its text in parts where it must be (the scene says how
 * many: nav gives the slide that many times its duration), and no part
 * ends on a colon ("Malu Dreyer hat gesagt:" goes with what she said). */
static void test_leicht_attract(void **st)
{
    (void)st;
    kcontent *c = bundled();
    static const int land[][2] = {{800, 480}, {1280, 800}, {1920, 1080}, {3840, 2160}};
    int in_parts = 0;
    for (size_t r = 0; r < sizeof land / sizeof land[0]; r++)
        for (size_t i = 0; i < c->n_slides; i++) {
            const kslide *sl = &c->slides[i];
            const char *text = sl->text.t[LANG_LS] ? sl->text.t[LANG_LS] : sl->text.t[LANG_DE];
            nav_state s;
            nav_init(&s, c, 0);
            s.language = LANG_LS;
            s.slide = (int)i;
            s.prev_slide = -1;
            s.slide_since = 1000000;
            scene *sc = build_mode(c, &s, land[r][0], land[r][1], 0, 1000000);
            int parts = sc->slide_parts;
            assert_true(parts >= 1);
            int pic = 0;
            for (size_t k = 0; k < sc->n_items; k++)
                pic |= sc->items[k].kind == DL_IMAGE && sc->items[k].ref == sl->image &&
                       sc->items[k].alpha > 0 && sc->items[k].w >= land[r][0] / 5 &&
                       sc->items[k].h >= land[r][1] / 5;
            if (sl->image && !pic)
                fail_msg("%dx%d slide %s: no picture", land[r][0], land[r][1], sl->id);
            scene_free(sc);
            in_parts += parts > 1;
            uint64_t part_ms = nav_slide_ms(sl, parts) / (uint64_t)parts;
            for (int k = 0; k + 1 < parts; k++) { /* the middle of each part but the last */
                s.slide_parts = parts;
                sc = build_mode(c, &s, land[r][0], land[r][1], 0,
                                1000000 + (uint64_t)k * part_ms + part_ms / 2);
                const dl_item *last = NULL;
                for (size_t j = 0; j < sc->n_items; j++) {
                    const dl_item *it = &sc->items[j];
                    if (it->kind == DL_TEXT && it->text >= text && it->text < text + strlen(text) &&
                        (!last || it->y > last->y))
                        last = it;
                }
                assert_non_null(last);
                if (last->text[last->len - 1] == ':')
                    fail_msg("%dx%d slide %s: part %d ends on '%.*s'", land[r][0], land[r][1],
                             sl->id, k + 1, (int)last->len, last->text);
                scene_free(sc);
            }
        }
    assert_true(in_parts > 0); /* the rule was put to the test */
    content_free(c);
}

/* Portrait: each page of a domain with a picture begins with it, cropped
 * to fill, above the domain's title; running text is a step up the type
 * scale from landscape's (Leichte Sprache too), and a line holds at most about 70
 * characters of it. */
static void test_portrait_page(void **st)
{
    (void)st;
    kcontent *c = bundled();
    for (int lg = LANG_DE; lg < LANG_COUNT; lg++)
        for (size_t d = 0; d < c->n_domains; d++)
            for (size_t pg = 0; pg < c->domains[d].n_pages; pg++) {
                const kdomain *dm = &c->domains[d];
                if (!dm->image)
                    continue;
                const char *para = NULL;
                for (size_t k = 0; k < dm->pages[pg].n_blocks && !para; k++)
                    if (dm->pages[pg].blocks[k].kind == BLOCK_PARAGRAPH)
                        para = dm->pages[pg].blocks[k].text.t[lg];
                nav_state s = page_state(c, (int)d, (int)pg, (lang)lg);
                scene *p = build_mode(c, &s, 1080, 1920, 0, 0);
                scene *l = build_mode(c, &s, 1920, 1080, 0, 0);
                const dl_item *pic = NULL;
                for (size_t i = 0; i < p->n_items && !pic; i++)
                    if (p->items[i].kind == DL_IMAGE && p->items[i].cover &&
                        p->items[i].ref == dm->image)
                        pic = &p->items[i];
                const dl_item *title = first_line_of(p, dm->title.t[lg] ? dm->title.t[lg]
                                                                        : dm->title.t[LANG_DE]);
                assert_non_null(pic);
                assert_non_null(title);
                assert_true(pic->layer == title->layer && pic->y + pic->h <= title->y);
                assert_true(pic->w >= p->w / 2);
                for (size_t i = 0; i < l->n_items; i++) /* landscape: no picture on the page */
                    assert_false(l->items[i].kind == DL_IMAGE && l->items[i].ref == dm->image);
                if (para) {
                    const dl_item *a = first_line_of(p, para), *b = first_line_of(l, para);
                    assert_non_null(a);
                    assert_non_null(b);
                    /* in design units (px / min(w / 800, h / 480)): 1.35 and 2.25 */
                    assert_true(a->px / 1.35 > b->px / 2.25 + 1);
                    /* about 70 characters at most: 75 of a sample of the text */
                    assert_true(a->w <= 75 * real.text_width(real.ctx, 0, a->px, para, 60, 0) / 60 ||
                                strlen(para) < 60);
                }
                scene_free(p);
                scene_free(l);
            }
    content_free(c);
}

/* Large text on the 7" display leaves the page room to read: under the
 * title that scrolls with it, the viewport holds at least five lines of
 * body text on every page (in low reach too), and the first page, which
 * begins with a paragraph, shows five of them whole before any scrolling. */
static void test_large_text_body_room(void **st)
{
    (void)st;
    kcontent *c = bundled();
    int body = 40; /* 20 u at 800x480, doubled */
    int five = 4 * wrap_advance(body, 1.5) + wrap_line_box(body);
    for (int reach = 0; reach < 2; reach++)
        for (int lg = LANG_DE; lg <= LANG_EN; lg++)
            for (size_t d = 0; d < c->n_domains; d++)
                for (size_t pg = 0; pg < c->domains[d].n_pages; pg++) {
                    nav_state s = page_state(c, (int)d, (int)pg, (lang)lg);
                    s.large = 1;
                    scene *sc = build_mode(c, &s, 800, 480, reach, 0);
                    /* the title's lines first, then where the page's blocks begin (a
                     * card's top, a text's) */
                    const char *title = c->domains[d].title.t[lg] ? c->domains[d].title.t[lg]
                                                                 : c->domains[d].title.t[LANG_DE];
                    int top = -1, whole = 0;
                    for (size_t i = 0; i < sc->n_items; i++) {
                        const dl_item *it = &sc->items[i];
                        if (it->layer != DL_SCROLL)
                            continue;
                        int in_title = it->kind == DL_TEXT && it->text >= title &&
                                       it->text < title + strlen(title);
                        if (!in_title && (top < 0 || it->y < top))
                            top = it->y;
                        whole += it->kind == DL_TEXT && !in_title && it->px == body &&
                                 it->y + it->h <= sc->view_h;
                    }
                    assert_true(top >= 0);
                    if (sc->view_h - top < five)
                        fail_msg("page %s/%s (%s, low reach %d): %d px under the title, "
                                 "less than five lines (%d px)",
                                 c->domains[d].id, c->domains[d].pages[pg].id,
                                 content_lang_code(NULL, (lang)lg), reach, sc->view_h - top, five);
                    if (d == 0 && pg == 0 && whole < 5)
                        fail_msg("the first page (%s, low reach %d) shows %d lines whole",
                                 content_lang_code(NULL, (lang)lg), reach, whole);
                    scene_free(sc);
                }
    content_free(c);
}

/* Tabs that do not fit one row (seven, with long titles, at 800x480; in
 * low reach too): one row all the same, the selected tab whole, the tab after it (and the one
 * before) at least as an edge at the screen's side that opens it; nothing
 * cut or overlapping, the chrome within a quarter of the height. */
static void test_tab_strip(void **st)
{
    (void)st;
    kcontent *c = fixture_content(NULL);
    kdomain *d = &c->domains[5];
    static const char *const titles[] = {
        "\xC3\x9C" "berblick \xC3\xBC" "ber alles", "Der Zeitplan der Bewerbung",
        "Unterst\xC3\xBCtzung durch das Land", "Die Partner aus der Wirtschaft",
        "Forschung und Hochschulen", "Was die Stadt gewinnt", "Wie es weitergeht"};
    static const char *const ids[] = {"p0", "p1", "p2", "p3", "p4", "p5", "p6"};
    size_t n = sizeof titles / sizeof titles[0];
    kpage *pages = arena_array(c->arena, n, sizeof *pages);
    assert_non_null(pages);
    for (size_t i = 0; i < n; i++) {
        pages[i] = d->pages[i % d->n_pages];
        pages[i].id = ids[i];
        pages[i].title = fx_t(titles[i], titles[i]);
    }
    d->pages = pages;
    d->n_pages = n;
    layout_rules r = {.min_target = MIN_TARGET, .floor_px = 18, .chrome_percent = 25};
    for (int sel = 0; sel < (int)n; sel++) {
        nav_state s;
        nav_init(&s, c, 0);
        s.scene = NAV_PAGE;
        s.domain = 5;
        s.page = sel;
        s.contrast = sel % 2; /* both themes, over the header and above the bar */
        scene *sc = build_mode(c, &s, 800, 480, sel % 3 == 2, 0);
        layout_report rep;
        if (layout_check_rules(sc, &r, &rep))
            for (int k = 0; k < LC_COUNT; k++)
                if (rep.n[k])
                    fail_msg("tab %d selected: %s: %s", sel, layout_problem_name((layout_problem)k),
                             rep.why[k]);
        int tabs = 0, past_edge = 0;
        for (size_t i = 0; i < sc->n_targets; i++)
            tabs += sc->targets[i].action == NAV_OPEN_PAGE;
        for (size_t i = 0; i < sc->n_items; i++)
            past_edge += sc->items[i].deco && sc->items[i].kind == DL_RECT &&
                         (sc->items[i].x < 0 || sc->items[i].x + sc->items[i].w > 800);
        assert_true(tabs < (int)n); /* a window onto them */
        assert_true(past_edge > 0);
        char name[16];
        for (int k = sel - 1; k <= sel + 1; k++) {
            if (k < 0 || k >= (int)n)
                continue;
            snprintf(name, sizeof name, "tab:p%d", k);
            int t = find_target(sc, name);
            if (t < 0)
                fail_msg("tab %d selected: no target for tab %d", sel, k);
            assert_int_equal(sc->targets[t].arg, k);
        }
        scene_free(sc);
    }
    fixture_free(c);
}

/* The idle countdown: a modal card with nav_countdown's number (longer in
 * speech mode) and one large "more time" button, nothing else to tap. */
static void test_countdown_more_time(void **st)
{
    (void)st;
    kcontent *c = fixture_content(NULL);
    nav_config cfg;
    nav_config_default(&cfg);
    for (size_t r = 0; r < sizeof sizes / sizeof sizes[0]; r++)
        for (int speech = 0; speech < 2; speech++)
            for (int reach = 0; reach < 2; reach++) {
                nav_state s;
                nav_init(&s, c, 0);
                s.scene = NAV_MENU;
                s.speech = speech;
                s.language = speech ? LANG_EN : LANG_DE;
                uint64_t now = nav_idle_ms(&s, &cfg) + 3500;
                nav_tick(&s, c, &cfg, now);
                assert_true(s.warning);
                int secs = nav_countdown(&s, &cfg, now);
                assert_true(secs > 0);
                scene *sc = build_mode(c, &s, sizes[r][0], sizes[r][1], reach, now);
                assert_int_equal(sc->countdown, secs);
                assert_true(sc->modal_z > 0);
                assert_int_equal(sc->n_targets, 1);
                const dl_target *t = &sc->targets[0];
                assert_string_equal(t->name, "more-time");
                assert_int_equal(t->action, NAV_MORE_TIME);
                assert_true(t->h >= MIN_TARGET && t->w >= 3 * MIN_TARGET);
                assert_non_null(text_in(sc, t, speech ? "More time" : "Mehr Zeit"));
                char num[16];
                snprintf(num, sizeof num, "%d", secs);
                const dl_item *n = find_text(sc, num);
                assert_non_null(n);
                assert_int_equal(n->len, strlen(num));
                if (reach)
                    assert_true(t->y >= sizes[r][1] * LAYOUT_REACH_TOP_PERCENT / 100);
                scene_free(sc);
            }
    fixture_free(c);
}

/* The attract loop announces the speech gesture, whole, on the small and
 * the tall screen; the speech mark shows on the menu only in speech mode. */
static void test_speech_hint_and_mark(void **st)
{
    (void)st;
    kcontent *c = bundled();
    for (size_t r = 0; r < sizeof sizes / sizeof sizes[0]; r++) {
        nav_state s;
        nav_init(&s, c, 0);
        scene *sc = build_mode(c, &s, sizes[r][0], sizes[r][1], 0, 0);
        const dl_item *de = find_text(sc, "Vorlesen: zwei Finger");
        const dl_item *en = find_text(sc, "Read aloud: hold two fingers");
        assert_non_null(de);
        assert_non_null(en);
        /* the gesture hint sits above the invitation and the slide stays above it */
        assert_true(de->y < en->y);
        for (size_t i = 0; i < sc->n_items; i++)
            if (is_ellipsized(&sc->items[i]) &&
                (find_text(sc, "Vorlesen") == &sc->items[i] || find_text(sc, "Read aloud") == &sc->items[i]))
                fail_msg("the speech hint is cut at %dx%d", sizes[r][0], sizes[r][1]);
        char why[256];
        assert_int_equal(layout_check(sc, MIN_TARGET, why, sizeof why), 0);
        scene_free(sc);

        s.scene = NAV_MENU;
        sc = build_mode(c, &s, sizes[r][0], sizes[r][1], 0, 0);
        assert_null(find_text(sc, "Vorlesen an"));
        scene_free(sc);
        s.speech = 1;
        sc = build_mode(c, &s, sizes[r][0], sizes[r][1], 0, 0);
        const dl_item *mark = find_text(sc, "Vorlesen an");
        assert_non_null(find_text(sc, ICON_SPEECH));
        assert_non_null(mark);
        assert_int_equal(scene_hit(sc, mark->x + mark->w / 2, mark->y + mark->h / 2), -1);
        scene_free(sc);
    }
    content_free(c);
}

/* ---- the attract loop's pictures ---------------------------------------- */

/* The picture shown (not the next one prepared invisibly), or NULL. */
static const dl_item *shown_picture(const scene *sc)
{
    for (size_t i = 0; i < sc->n_items; i++)
        if (sc->items[i].kind == DL_IMAGE && sc->items[i].cover && sc->items[i].alpha == 255)
            return &sc->items[i];
    return NULL;
}

/* Every slide of the bid at every size, in every language, with and
 * without high contrast: the picture fills its part of the screen (right
 * of the text in landscape, above it in portrait), in German and English
 * at every size; the text panel keeps every word (no ellipsis), and the
 * picture pans slowly from the slide's start to its end. */
static void test_attract_pictures(void **st)
{
    (void)st;
    kcontent *c = bundled();
    int splits = 0;
    for (size_t r = 0; r < sizeof sizes / sizeof sizes[0]; r++)
        for (int lg = 0; lg < LANG_COUNT; lg++)
            for (int hc = 0; hc < 2; hc++)
                for (size_t i = 0; i < c->n_slides; i++) {
                    int w = sizes[r][0], h = sizes[r][1], landscape = w > h;
                    nav_state s;
                    nav_init(&s, c, 0);
                    s.language = (lang)lg;
                    s.contrast = hc;
                    s.slide = (int)i;
                    s.prev_slide = -1;
                    s.slide_since = 100000;
                    scene *sc = build_mode(c, &s, w, h, 0, 100000);
                    const dl_item *pic = shown_picture(sc);
                    splits += pic != NULL;
                    if (!pic) { /* where the text does not fit beside it: the text first */
                        if (lg != LANG_LS)
                            fail_msg("slide %s at %dx%d (%s): no picture", c->slides[i].id, w,
                                     h, content_lang_code(NULL, s.language));
                        for (size_t k = 0; k < sc->n_items; k++)
                            if (is_ellipsized(&sc->items[k]))
                                fail_msg("slide %s at %dx%d (%s): cut", c->slides[i].id, w, h,
                                         content_lang_code(NULL, s.language));
                        scene_free(sc);
                        continue;
                    }
                    assert_non_null(pic);
                    assert_string_equal(pic->ref, c->slides[i].image);
                    if (landscape) /* at the right, from the top, full height unless the
                                    * chrome takes a band across the foot (small screens) */
                        assert_true(pic->x >= w * 45 / 100 - 1 && pic->x <= w * 70 / 100 &&
                                    pic->x + pic->w == w && pic->y == 0 && pic->h >= h / 2);
                    else if (!(pic->y == 0 && pic->w == w &&
                               pic->h >= (lg == LANG_LS ? h * 35 / 100 : h / 2) - 1))
                        /* Leichte Sprache's longer texts may take more room */
                        fail_msg("slide %s at %dx%d (%s): the picture %dx%d at y %d",
                                 c->slides[i].id, w, h, content_lang_code(NULL, s.language), pic->w, pic->h,
                                 pic->y);
                    for (size_t k = 0; k < sc->n_items; k++) {
                        const dl_item *it = &sc->items[k];
                        if (it->kind != DL_TEXT)
                            continue;
                        if (is_ellipsized(it))
                            fail_msg("slide %s at %dx%d (%s): '%.*s' is cut", c->slides[i].id, w,
                                     h, content_lang_code(NULL, s.language), (int)it->len, it->text);
                        if (it->x < pic->x + pic->w && pic->x < it->x + it->w &&
                            it->y < pic->y + pic->h && pic->y < it->y + it->h)
                            fail_msg("slide %s at %dx%d: text on the picture", c->slides[i].id,
                                     w, h);
                    }
                    char why[256];
                    if (layout_check(sc, MIN_TARGET, why, sizeof why))
                        fail_msg("slide %s at %dx%d: %s", c->slides[i].id, w, h, why);
                    assert_int_equal(pic->zoom, 1000 + DL_ZOOM_MAX);
                    int pan0 = pic->pan_x;
                    assert_int_equal(abs(pan0), 1000);
                    scene_free(sc);
                    /* halfway it is centred; at the end of its time, across */
                    sc = build_mode(c, &s, w, h, 0, 100000 + c->slides[i].duration_ms / 2);
                    assert_int_equal(shown_picture(sc)->pan_x, 0);
                    scene_free(sc);
                    sc = build_mode(c, &s, w, h, 0, 100000 + c->slides[i].duration_ms);
                    pic = shown_picture(sc);
                    assert_non_null(pic);
                    assert_int_equal(pic->pan_x, -pan0);
                    scene_free(sc);
                }
    assert_true(splits > 0); /* portrait, at least */
    content_free(c);
}

/* ---- no flashing (WCAG 2.3.1) -------------------------------------------- */

/* Average relative luminance of the screen, sampled on a grid: the
 * rectangles as drawn (alpha blended in order), text as ink covering a
 * third of its box. */
static double screen_luminance(const scene *sc)
{
    double sum = 0;
    int n = 0;
    for (int gy = 0; gy < 12; gy++)
        for (int gx = 0; gx < 20; gx++) {
            int x = sc->w * (2 * gx + 1) / 40, y = sc->h * (2 * gy + 1) / 24;
            double lr = sc->clear.r, lgc = sc->clear.g, lb = sc->clear.b;
            for (size_t i = 0; i < sc->n_items; i++) {
                const dl_item *it = &sc->items[i];
                if (it->kind != DL_RECT && it->kind != DL_TEXT)
                    continue;
                int iy = it->layer == DL_SCROLL ? sc->view_y + it->y : it->y;
                if (x < it->x || x >= it->x + it->w || y < iy || y >= iy + it->h)
                    continue;
                double a = it->alpha / 255.0 * (it->kind == DL_TEXT ? 1 / 3.0 : 1.0);
                lr += (it->color.r - lr) * a;
                lgc += (it->color.g - lgc) * a;
                lb += (it->color.b - lb) * a;
            }
            kcolor k = {(uint8_t)(lr + 0.5), (uint8_t)(lgc + 0.5), (uint8_t)(lb + 0.5)};
            /* relative luminance from the contrast against black */
            sum += (color_contrast(k, (kcolor){0, 0, 0}) - 1) * 0.05;
            n++;
        }
    return sum / n;
}

/* The most direction reversals of a luminance series (one sample every
 * step_ms) within any one second. A change counts once it moved by more
 * than min_delta from the last turning point. */
static int max_reversals_per_second(const double *lum, size_t n, unsigned step_ms, double min_delta)
{
    static uint64_t when[1 << 16];
    size_t nw = 0;
    int dir = 0;
    double ext = n ? lum[0] : 0;
    for (size_t i = 1; i < n; i++) {
        double v = lum[i];
        if (dir == 0) {
            if (v - ext > min_delta || ext - v > min_delta) {
                dir = v > ext ? 1 : -1;
                ext = v;
            }
        } else if (dir > 0 ? v >= ext : v <= ext) {
            ext = v; /* still going the same way */
        } else if (dir > 0 ? ext - v > min_delta : v - ext > min_delta) {
            if (nw < sizeof when / sizeof when[0])
                when[nw++] = i * step_ms;
            dir = -dir;
            ext = v;
        }
    }
    int best = 0;
    for (size_t i = 0, j = 0; j < nw; j++) {
        while (when[j] - when[i] >= 1000)
            i++;
        if ((int)(j - i + 1) > best)
            best = (int)(j - i + 1);
    }
    return best;
}

static void test_no_flashing(void **st)
{
    (void)st;
    /* the detector itself: a 5 Hz blink is caught, a slow fade is not */
    static double series[600];
    for (size_t i = 0; i < 60; i++)
        series[i] = (i / 3) % 2 ? 0.9 : 0.1; /* 100 ms on, 100 ms off, sampled at 30 Hz */
    assert_true(max_reversals_per_second(series, 60, 33, 0.02) > 3);
    for (size_t i = 0; i < 60; i++)
        series[i] = i < 30 ? 0.1 + i * 0.02 : 0.7 - (i - 30) * 0.02;
    assert_true(max_reversals_per_second(series, 60, 33, 0.02) <= 1);

    /* the attract loop of the bid through a full cycle, at 30 frames a second */
    kcontent *c = bundled();
    assert_true(c->n_slides > 1);
    nav_config cfg;
    nav_config_default(&cfg);
    uint64_t cycle = 0;
    for (size_t i = 0; i < c->n_slides; i++)
        cycle += c->slides[i].duration_ms ? c->slides[i].duration_ms : 8000;
    const unsigned step = 33;
    size_t n = (size_t)(cycle / step) + 2;
    double *lum = calloc(n, sizeof *lum);
    assert_non_null(lum);
    nav_state s;
    nav_init(&s, c, 0);
    int fades = 0, was_fading = 0;
    for (size_t i = 0; i < n; i++) {
        uint64_t now = (uint64_t)i * step;
        nav_tick(&s, c, &cfg, now);
        int t = nav_transition(&s, &cfg, now);
        fades += t < 1000 && !was_fading;
        was_fading = t < 1000;
        layout_params p = {.w = 800, .h = 480, .min_target = MIN_TARGET, .m = &fake, .now = now,
                           .cfg = &cfg};
        scene *sc = layout_build(c, &s, &p);
        assert_non_null(sc);
        lum[i] = screen_luminance(sc);
        scene_free(sc);
    }
    /* every slide change was sampled, and none flashes */
    assert_true(fades >= (int)c->n_slides - 1);
    int rev = max_reversals_per_second(lum, n, step, 0.02);
    if (rev > 3)
        fail_msg("the attract loop reverses its brightness %d times within a second", rev);
    free(lum);
    content_free(c);
}

/* The colours the bid's content and the themes use, as authored (before
 * the layout has to correct anything): text on the background and on the
 * surface, white on every domain colour (tiles, page headers), the theme's
 * text on every slide; the high-contrast colours at 7:1. */
static void test_content_colours(void **st)
{
    (void)st;
    kcontent *c = bundled();
    const kcolor white = {255, 255, 255}, black = {0, 0, 0}, yellow = {255, 215, 0},
                 grey = {224, 224, 224};
    const ktheme *t = &c->theme;
    assert_true(color_contrast(t->text, t->background) >= 7.0);
    assert_true(color_contrast(t->text, t->surface) >= 7.0);
    assert_true(color_contrast(t->muted, t->background) >= 4.5);
    assert_true(color_contrast(t->muted, t->surface) >= 4.5);
    assert_true(color_contrast(t->accent, t->background) >= 3.0);
    for (size_t i = 0; i < c->n_domains; i++)
        if (color_contrast(white, c->domains[i].color) < 4.5)
            fail_msg("white on domain %s's colour: %.2f", c->domains[i].id,
                     color_contrast(white, c->domains[i].color));
    /* the slides' text: the theme's, or white where the slide is dark */
    for (size_t i = 0; i < c->n_slides; i++) {
        kcolor ink = color_readable(c->slides[i].color, t->text, 4.5);
        if (color_contrast(ink, c->slides[i].color) < 4.5)
            fail_msg("text on slide %s: %.2f", c->slides[i].id,
                     color_contrast(ink, c->slides[i].color));
    }
    /* high contrast: every pair it draws */
    assert_true(color_contrast(white, black) >= 7.0);
    assert_true(color_contrast(grey, black) >= 7.0);
    assert_true(color_contrast(yellow, black) >= 7.0);
    assert_true(color_contrast((kcolor){17, 24, 39}, yellow) >= 7.0);
    content_free(c);
}

/* The as-of date's caption in scene sc: the line that says want, read on
 * what lies under it (4.5:1, 7:1 in high contrast), whole, at the scene's
 * smallest text size. Fails with what otherwise. */
static void check_caption(const scene *sc, const char *want, int hc, const char *what)
{
    size_t n = strlen(want);
    int smallest = 1 << 20;
    for (size_t i = 0; i < sc->n_items; i++)
        if (sc->items[i].kind == DL_TEXT && sc->items[i].alpha == 255 && sc->items[i].bold == 0)
            smallest = sc->items[i].px < smallest ? sc->items[i].px : smallest;
    for (size_t i = 0; i < sc->n_items; i++) {
        const dl_item *it = &sc->items[i];
        if (it->kind != DL_TEXT || it->len != n || memcmp(it->text, want, n) != 0)
            continue;
        int y = it->layer == DL_SCROLL ? sc->view_y + it->y : it->y;
        double got = color_contrast(it->color, backdrop(sc, i, it->x + 1, y + it->h / 2));
        if (got < (hc ? 7.0 : 4.5))
            fail_msg("%s: '%s' has contrast %.2f", what, want, got);
        if (it->px != smallest)
            fail_msg("%s: '%s' is %d px, not the caption size %d px", what, want, it->px,
                     smallest);
        if (it->alpha != 255)
            fail_msg("%s: '%s' is not fully shown", what, want);
        return;
    }
    fail_msg("%s: no '%s'", what, want);
}

/* Every slide and every page shows the date its facts are as of
 * ("Stand: Juni 2017"), at every size, in every mode and language. */
static void test_as_of_caption(void **st)
{
    (void)st;
    kcontent *c = bundled();
    static const char *const months[LANG_COUNT][12] = {
        {"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
         "Oktober", "November", "Dezember"},
        {"January", "February", "March", "April", "May", "June", "July", "August", "September",
         "October", "November", "December"},
        {"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
         "Oktober", "November", "Dezember"}};
    static const char *const word[LANG_COUNT] = {"Stand:", "As of", "Stand:"};
    char want[64], what[160];
    for (size_t z = 0; z < sizeof sizes / sizeof sizes[0]; z++)
        for (int md = 0; md < 4; md++)
            for (int lg = 0; lg < LANG_COUNT; lg++) {
                nav_state s;
                nav_init(&s, c, 1000000);
                s.language = (lang)lg;
                s.contrast = md & 1;
                s.large = md >> 1;
                for (size_t i = 0; i < c->n_slides; i++) {
                    kdate d = c->slides[i].as_of;
                    assert_true(d.year > 0);
                    s.slide = (int)i;
                    snprintf(want, sizeof want, "%s %s %d", word[lg], months[lg][d.month - 1], d.year);
                    snprintf(what, sizeof what, "slide %s at %dx%d, %s, mode %d",
                             c->slides[i].id, sizes[z][0], sizes[z][1], content_lang_code(NULL, (lang)lg), md);
                    scene *sc = build_mode(c, &s, sizes[z][0], sizes[z][1], 0, 1005000);
                    check_caption(sc, want, s.contrast, what);
                    scene_free(sc);
                }
                s.scene = NAV_PAGE;
                for (size_t di = 0; di < c->n_domains; di++)
                    for (size_t pi = 0; pi < c->domains[di].n_pages; pi++) {
                        kdate d = c->domains[di].as_of;
                        assert_true(d.year > 0);
                        s.domain = (int)di;
                        s.page = (int)pi;
                        snprintf(want, sizeof want, "%s %s %d", word[lg], months[lg][d.month - 1], d.year);
                        snprintf(what, sizeof what, "page %s/%s at %dx%d, %s, mode %d",
                                 c->domains[di].id, c->domains[di].pages[pi].id, sizes[z][0],
                                 sizes[z][1], content_lang_code(NULL, (lang)lg), md);
                        scene *sc = build_mode(c, &s, sizes[z][0], sizes[z][1], 0, 1005000);
                        check_caption(sc, want, s.contrast, what);
                        scene_free(sc);
                    }
            }
    content_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_contrast),
        cmocka_unit_test(test_no_overflow_fake_measure),
        cmocka_unit_test(test_no_overflow_real_font),
        cmocka_unit_test(test_bundled_content_fits),
        cmocka_unit_test(test_targets),
        cmocka_unit_test(test_no_leichte_sprache_no_button),
        cmocka_unit_test(test_long_page_scrolls_and_language_changes_text),
        cmocka_unit_test(test_diagnostics_overlay),
        cmocka_unit_test(test_notice_card),
        cmocka_unit_test(test_no_ellipsis_long_texts),
        cmocka_unit_test(test_toggles),
        cmocka_unit_test(test_large_and_contrast),
        cmocka_unit_test(test_portrait_page),
        cmocka_unit_test(test_leicht_attract),
        cmocka_unit_test(test_english_keeps_german_names),
        cmocka_unit_test(test_large_text_body_room),
        cmocka_unit_test(test_tab_strip),
        cmocka_unit_test(test_countdown_more_time),
        cmocka_unit_test(test_speech_hint_and_mark),
        cmocka_unit_test(test_attract_pictures),
        cmocka_unit_test(test_no_flashing),
        cmocka_unit_test(test_content_colours),
        cmocka_unit_test(test_as_of_caption),
    };
    return cmocka_run_group_tests(tests, measure_text_setup, measure_text_teardown);
}
