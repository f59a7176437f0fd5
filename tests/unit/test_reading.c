/* Reading order: every scene of the bundled content, in German and in
 * English, on the big and the small screen, reads every visible text once,
 * top to bottom, names every control, and announces where the visitor is. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <ctype.h>
#include <stdio.h>
#include <cmocka.h>

#include "layout.h"
#include "measure_ttf.h"
#include "reading.h"
#include "utf8.h"
#include "uistrings.h"

#define MIN_TARGET 40

static const layout_measure real = {.text_width = measure_ttf_width, .image_size = measure_image};

static kcontent *content;

static int setup(void **st)
{
    (void)st;
    if (TTF_Init() != 0)
        return -1;
    diag_list d;
    diag_init(&d);
    content = content_load("content", &d);
    if (content)
        content_load_strings(content, "assets/strings", &d);
    diag_free(&d);
    return content ? 0 : -1;
}

static int teardown(void **st)
{
    (void)st;
    content_free(content);
    measure_ttf_quit();
    return 0;
}

static const int sizes[][2] = {{1920, 1080}, {800, 480}};
static const lang langs[] = {LANG_DE, LANG_EN};

/* A text as spoken: white space runs as one space, none at the ends. */
static void squeeze(const char *s, char *out, size_t size)
{
    size_t o = 0;
    for (; *s && o + 1 < size; s++) {
        char ch = (*s == '\n' || *s == '\t' || *s == '\r') ? ' ' : *s;
        if (ch == ' ' && (o == 0 || out[o - 1] == ' '))
            continue;
        out[o++] = ch;
    }
    while (o > 0 && out[o - 1] == ' ')
        o--;
    out[o] = '\0';
}

/* How many elements (tabs left out when no_tabs) say exactly want. */
static int count_said(const reading *r, const char *want, int no_tabs)
{
    char w[4096];
    squeeze(want, w, sizeof w);
    int n = 0;
    for (size_t i = 0; i < r->n_items; i++)
        if (!(no_tabs && r->items[i].role == READ_TAB) && strcmp(r->items[i].text, w) == 0)
            n++;
    return n;
}

static int has_letter(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)s[i];
        if ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'))
            return 1;
    }
    return 0;
}

/* 1 when hay contains needle, ASCII letters compared in any case. */
static int has_ci(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (; *hay; hay++) {
        size_t i = 0;
        while (i < n && hay[i] && tolower((unsigned char)hay[i]) == tolower((unsigned char)needle[i]))
            i++;
        if (i == n)
            return 1;
    }
    return n == 0;
}

/* The checks every scene passes; returns the reading for scene-specific ones. */
static reading *check_reading(const scene *sc, const nav_state *s, const char *what)
{
    reading *r = reading_build(sc, content, s);
    assert_non_null(r);
    assert_non_null(r->announce);
    if (!*r->announce)
        fail_msg("%s: empty announcement", what);
    assert_int_equal(r->n_owner, sc->n_items);

    /* every visible text is read, by one element, and that element says it
     * (controls say their own name, which the drawn label contains); under
     * a modal card or sheet only what it covers is not */
    for (size_t i = 0; i < sc->n_items; i++) {
        const dl_item *d = &sc->items[i];
        if (d->kind != DL_TEXT || d->alpha == 0 || !has_letter(d->text, d->len) ||
            (sc->modal_z > 0 && d->z < sc->modal_z))
            continue;
        int o = r->owner[i];
        if (o < 0 || (size_t)o >= r->n_items)
            fail_msg("%s: '%.*s' is not read", what, (int)d->len, d->text);
        const reading_item *it = &r->items[o];
        char run[1024];
        size_t len = d->len < sizeof run - 1 ? d->len : sizeof run - 1;
        memcpy(run, d->text, len);
        run[len] = '\0';
        /* a control's drawn label may carry a symbol first ("← Back") */
        const char *word = run;
        for (;;) {
            uint32_t cp;
            size_t n = utf8_decode(word, strlen(word), &cp);
            if (!n || (cp < 0x80 && isalnum((int)cp)) || (cp >= 0xC0 && cp < 0x2000))
                break;
            word += n;
        }
        char sq[1024];
        squeeze(it->target >= 0 ? word : run, sq, sizeof sq);
        /* a short label ("DE" for "Deutsch") is said in full: any case */
        if (!has_ci(it->text, sq))
            fail_msg("%s: '%s' is drawn but its element says '%s'", what, sq, it->text);
    }

    /* every element has something to say; order is top to bottom, except
     * that a scrolled page is read whole before the footer under it */
    int band_prev = 0;
    for (size_t i = 0; i < r->n_items; i++) {
        const reading_item *it = &r->items[i];
        assert_non_null(it->text);
        if (!*it->text || strchr(it->text, '\n'))
            fail_msg("%s: element %zu (%s) says '%s'", what, i, reading_role_name(it->role),
                     it->text);
        int scrolled = 0;
        for (size_t k = 0; k < sc->n_items; k++)
            if (r->owner[k] == (int)i && sc->items[k].layer == DL_SCROLL)
                scrolled = 1;
        int band = scrolled ? 1 : sc->view_h && it->y >= sc->view_y + sc->view_h ? 2 : 0;
        if (band < band_prev)
            fail_msg("%s: '%s' (band %d) is read after band %d", what, it->text, band, band_prev);
        if (i > 0 && band == band_prev) {
            const reading_item *p = &r->items[i - 1];
            if (it->y + it->h / 2 < p->y)
                fail_msg("%s: '%s' (y %d) is read after '%s' (y %d) below it", what, it->text,
                         it->y, p->text, p->y);
        }
        band_prev = band;
    }

    /* every touch target is one element with a spoken label */
    for (size_t t = 0; t < sc->n_targets; t++) {
        int n = 0;
        for (size_t i = 0; i < r->n_items; i++)
            if (r->items[i].target == (int)t) {
                n++;
                assert_true(strlen(r->items[i].text) > 1);
            }
        if (n != 1)
            fail_msg("%s: target %s is read %d times", what, sc->targets[t].name, n);
    }
    return r;
}

static scene *build(const nav_state *s, int w, int h)
{
    nav_config cfg;
    nav_config_default(&cfg);
    layout_params p = {.w = w, .h = h, .min_target = MIN_TARGET, .m = &real, .now = 1000000,
                       .cfg = &cfg};
    scene *sc = layout_build(content, s, &p);
    assert_non_null(sc);
    return sc;
}

static const char *t(const ktext *k, lang lg)
{
    return ktext_get(k, lg);
}

static void test_attract(void **st)
{
    (void)st;
    char what[160];
    for (size_t z = 0; z < 2; z++)
        for (size_t g = 0; g < 2; g++) {
            nav_state s;
            nav_init(&s, content, 0);
            s.language = langs[g];
            s.prev_slide = -1;
            for (size_t i = 0; i < content->n_slides; i++) {
                s.slide = (int)i;
                snprintf(what, sizeof what, "slide %s %dx%d %s", content->slides[i].id,
                         sizes[z][0], sizes[z][1], content_lang_code(NULL, langs[g]));
                scene *sc = build(&s, sizes[z][0], sizes[z][1]);
                reading *r = check_reading(sc, &s, what);
                const char *title = t(&content->slides[i].title, langs[g]);
                assert_string_equal(r->announce, title);
                assert_int_equal(count_said(r, title, 1), 1);
                /* the slide's title is a heading, read before its text */
                size_t h = 0, x = 0;
                for (size_t k = 0; k < r->n_items; k++) {
                    if (strcmp(r->items[k].text, title) == 0) {
                        h = k;
                        assert_int_equal(r->items[k].role, READ_HEADING);
                    }
                    if (r->items[k].role == READ_TEXT &&
                        strncmp(r->items[k].text, t(&content->slides[i].text, langs[g]), 20) == 0)
                        x = k;
                }
                assert_true(h < x);
                /* the touch-anywhere control comes last and says the invitation */
                const reading_item *last = &r->items[r->n_items - 1];
                assert_int_equal(last->role, READ_BUTTON);
                assert_true(last->target >= 0);
                assert_int_equal(sc->targets[last->target].action, NAV_START);
                /* both languages of the invitation, the visitor's first */
                const char *inv = t(&content->invitation, langs[g]);
                assert_memory_equal(last->text, inv, strlen(inv));
                assert_non_null(strstr(last->text, t(&content->invitation, LANG_DE)));
                assert_non_null(strstr(last->text, t(&content->invitation, LANG_EN)));
                reading_free(r);
                scene_free(sc);
            }
        }
}

static void test_menu(void **st)
{
    (void)st;
    char what[160];
    for (size_t z = 0; z < 2; z++)
        for (size_t g = 0; g < 2; g++) {
            nav_state s;
            nav_init(&s, content, 0);
            s.language = langs[g];
            s.scene = NAV_MENU;
            snprintf(what, sizeof what, "menu %dx%d %s", sizes[z][0], sizes[z][1],
                     content_lang_code(NULL, langs[g]));
            scene *sc = build(&s, sizes[z][0], sizes[z][1]);
            reading *r = check_reading(sc, &s, what);
            char want[64];
            snprintf(want, sizeof want, langs[g] == LANG_EN ? "Topics, %zu topics"
                                                            : "Themen\xC3\xBC" "bersicht, %zu Themen",
                     content->n_domains);
            assert_string_equal(r->announce, want);
            assert_int_equal(count_said(r, t(&content->menu_title, langs[g]), 0), 1);
            /* the tiles in menu order (rows left to right), each with its
             * title and summary */
            size_t next = 0;
            int en_seen = 0;
            for (size_t k = 0; k < r->n_items; k++) {
                const reading_item *it = &r->items[k];
                /* English: in the bar, or behind its language button */
                if (it->role == READ_BUTTON && it->target >= 0 &&
                    sc->targets[it->target].action == NAV_SHEET &&
                    sc->targets[it->target].arg == NAV_SHEET_LANG)
                    en_seen = 1;
                if (it->role == READ_BUTTON && strcmp(it->text, "English") == 0) {
                    en_seen = 1;
                    assert_int_equal(it->selected, langs[g] == LANG_EN);
                }
                if (it->role != READ_TILE)
                    continue;
                assert_true(next < content->n_domains);
                const kdomain *d = &content->domains[next++];
                assert_int_equal(sc->targets[it->target].arg, (int)(next - 1));
                assert_true(strncmp(it->text, t(&d->title, langs[g]), strlen(t(&d->title, langs[g]))) == 0);
                assert_non_null(strstr(it->text, t(&d->summary, langs[g])));
            }
            assert_int_equal(next, content->n_domains);
            assert_true(en_seen);
            reading_free(r);
            scene_free(sc);
        }
}

static void test_pages(void **st)
{
    (void)st;
    char what[160];
    for (size_t z = 0; z < 2; z++)
        for (size_t g = 0; g < 2; g++)
            for (size_t di = 0; di < content->n_domains; di++)
                for (size_t pi = 0; pi < content->domains[di].n_pages; pi++) {
                    const kdomain *d = &content->domains[di];
                    const kpage *pg = &d->pages[pi];
                    lang lg = langs[g];
                    nav_state s;
                    nav_init(&s, content, 0);
                    s.language = lg;
                    s.scene = NAV_PAGE;
                    s.domain = (int)di;
                    s.page = (int)pi;
                    snprintf(what, sizeof what, "page %s/%s %dx%d %s", d->id, pg->id,
                             sizes[z][0], sizes[z][1], content_lang_code(NULL, lg));
                    scene *sc = build(&s, sizes[z][0], sizes[z][1]);
                    reading *r = check_reading(sc, &s, what);

                    /* announcement: the page and how many sections it has */
                    size_t heads = 0;
                    for (size_t b = 0; b < pg->n_blocks; b++)
                        heads += pg->blocks[b].kind == BLOCK_HEADING;
                    char want[256], sub[160] = "";
                    if (d->n_pages > 1)
                        snprintf(sub, sizeof sub, ": %s", t(&pg->title, lg));
                    if (heads)
                        snprintf(want, sizeof want, "%s %s%s, %zu %s",
                                 lg == LANG_EN ? "Page" : "Seite", t(&d->title, lg), sub, heads,
                                 lg == LANG_EN ? (heads == 1 ? "section" : "sections")
                                               : (heads == 1 ? "Abschnitt" : "Abschnitte"));
                    else
                        snprintf(want, sizeof want, "%s %s%s", lg == LANG_EN ? "Page" : "Seite",
                                 t(&d->title, lg), sub);
                    assert_string_equal(r->announce, want);

                    /* the header first (the domain's title, its tabs), then
                     * the page, then the bar at the foot: back, then home */
                    assert_int_equal(r->items[0].role, READ_HEADING);
                    size_t back = 0, home = 0, first_body = r->n_items;
                    for (size_t k = 0; k < r->n_items; k++) {
                        if (r->items[k].target >= 0 &&
                            sc->targets[r->items[k].target].action == NAV_BACK)
                            back = k;
                        if (r->items[k].target >= 0 &&
                            sc->targets[r->items[k].target].action == NAV_HOME)
                            home = k;
                        if (first_body == r->n_items && r->items[k].target < 0 &&
                            r->items[k].y >= sc->view_y)
                            first_body = k;
                    }
                    assert_string_equal(r->items[back].text,
                                        lg == LANG_EN ? "Back" : "Zur\xC3\xBC" "ck");
                    assert_true(first_body < back && back < home);

                    /* every text of the page is said exactly once, in order */
                    assert_int_equal(count_said(r, t(&d->title, lg), 1), 1);
                    /* the page's title once: by its tab, with no heading
                     * repeating it, or (one page) as the heading */
                    assert_int_equal(count_said(r, t(&pg->title, lg), 0), 1);
                    if (d->n_pages > 1)
                        assert_int_equal(count_said(r, t(&pg->title, lg), 1), 0);
                    size_t prev = 0;
                    for (size_t b = 0; b < pg->n_blocks; b++) {
                        const kblock *k = &pg->blocks[b];
                        const char *say = NULL;
                        reading_role role = READ_TEXT;
                        switch (k->kind) {
                        case BLOCK_HEADING:
                            say = t(&k->text, lg);
                            role = READ_HEADING;
                            break;
                        case BLOCK_PARAGRAPH:
                            say = t(&k->text, lg);
                            break;
                        case BLOCK_FACT:
                            assert_int_equal(count_said(r, t(&k->value, lg), 1), 1);
                            say = t(&k->text, lg);
                            break;
                        case BLOCK_LINK:
                            assert_int_equal(count_said(r, k->url, 1), 1);
                            say = t(&k->text, lg);
                            role = READ_LINK;
                            break;
                        case BLOCK_BULLETS:
                            for (size_t q = 0; q < k->n_items; q++)
                                assert_int_equal(count_said(r, t(&k->items[q], lg), 1), 1);
                            break;
                        case BLOCK_IMAGE:
                            if (t(&k->text, lg) && *t(&k->text, lg))
                                say = t(&k->text, lg);
                            break;
                        }
                        if (!say)
                            continue;
                        if (count_said(r, say, 1) != 1)
                            fail_msg("%s: block %zu ('%.40s') is said %d times", what, b, say,
                                     count_said(r, say, 1));
                        char sq[4096];
                        squeeze(say, sq, sizeof sq);
                        size_t at = 0;
                        for (size_t q = 0; q < r->n_items; q++)
                            if (r->items[q].role != READ_TAB && strcmp(r->items[q].text, sq) == 0)
                                at = q;
                        assert_int_equal(r->items[at].role, role);
                        if (at <= prev)
                            fail_msg("%s: block %zu is read before the one above it", what, b);
                        prev = at;
                    }
                    /* the footer (the toggles below the viewport) after the
                     * whole page, however far the page scrolls */
                    for (size_t k = 0; k < r->n_items; k++)
                        if (r->items[k].target >= 0 &&
                            sc->targets[r->items[k].target].action == NAV_CONTRAST && k <= prev)
                            fail_msg("%s: the footer is read inside the page (at %zu, last block at %zu)",
                                     what, k, prev);
                    /* one tab per page, the open one selected */
                    size_t tabs = 0;
                    for (size_t k = 0; k < r->n_items; k++)
                        if (r->items[k].role == READ_TAB) {
                            assert_string_equal(r->items[k].text, t(&d->pages[tabs].title, lg));
                            assert_int_equal(r->items[k].selected, tabs == pi);
                            tabs++;
                        }
                    assert_int_equal(tabs, d->n_pages > 1 ? d->n_pages : 0);
                    reading_free(r);
                    scene_free(sc);
                }
}

/* A slide text too long for the small screen is shown in parts, never cut
 * with "…": the lines of the part on screen are one element. */
static void test_cut_text(void **st)
{
    (void)st;
    static char longtext[6000];
    size_t o = 0;
    while (o + 64 < sizeof longtext)
        o += (size_t)snprintf(longtext + o, sizeof longtext - o, "Wort%zu und noch mehr Text. ", o);
    const char *saved = content->slides[0].text.t[LANG_DE];
    content->slides[0].text.t[LANG_DE] = longtext;
    nav_state s;
    nav_init(&s, content, 0);
    s.prev_slide = -1;
    s.slide = 0;
    s.slide_since = 1000000; /* just shown: its first part */
    scene *sc = build(&s, 800, 480);
    size_t cuts = 0;
    for (size_t i = 0; i < sc->n_items; i++)
        if (sc->items[i].kind == DL_TEXT && sc->items[i].len > 3 &&
            memcmp(sc->items[i].text + sc->items[i].len - 3, "\xE2\x80\xA6", 3) == 0)
            cuts++;
    assert_int_equal(cuts, 0);
    reading *r = check_reading(sc, &s, "slide text in parts");
    size_t found = 0;
    for (size_t k = 0; k < r->n_items; k++)
        if (strncmp(r->items[k].text, "Wort0 und", 9) == 0) {
            found++;
            assert_non_null(strstr(r->items[k].text, "Wort26 und")); /* the next sentence */
            assert_null(strstr(r->items[k].text, "\xE2\x80\xA6"));
        }
    assert_int_equal(found, 1);
    reading_free(r);
    scene_free(sc);
    content->slides[0].text.t[LANG_DE] = saved;
}

/* The toggles say what they do and their state in the scene's language;
 * "more time" is a button; the countdown announces the seconds left and
 * nothing under its card is read; the attract loop reads the speech hint. */
static void test_accessibility_controls(void **st)
{
    (void)st;
    char what[160];
    nav_config cfg;
    nav_config_default(&cfg);
    for (size_t z = 0; z < 2; z++)
        for (size_t g = 0; g < 2; g++)
            for (int on = 0; on < 2; on++) {
                nav_state s;
                nav_init(&s, content, 0);
                s.language = langs[g];
                s.scene = NAV_PAGE;
                s.domain = 0;
                s.page = 0;
                s.contrast = on;
                s.large = on;
                s.sheet = NAV_SHEET_A11Y; /* the toggles are on its sheet */
                snprintf(what, sizeof what, "page %dx%d %s, contrast and large %d", sizes[z][0],
                         sizes[z][1], content_lang_code(NULL, langs[g]), on);
                scene *sc = build(&s, sizes[z][0], sizes[z][1]);
                reading *r = check_reading(sc, &s, what);
                const char *hc = langs[g] == LANG_EN ? (on ? "High Contrast, on" : "High Contrast, off")
                                                     : (on ? "Hoher Kontrast, an" : "Hoher Kontrast, aus");
                const char *lt = langs[g] == LANG_EN ? (on ? "Large text, on" : "Large text, off")
                                                     : (on ? "Gro\xC3\x9F" "e Schrift, an"
                                                           : "Gro\xC3\x9F" "e Schrift, aus");
                int seen = 0;
                for (size_t k = 0; k < r->n_items; k++) {
                    const reading_item *it = &r->items[k];
                    if (it->target < 0)
                        continue;
                    nav_action a = sc->targets[it->target].action;
                    if (a == NAV_CONTRAST) {
                        assert_string_equal(it->text, hc);
                        assert_int_equal(it->role, READ_BUTTON);
                        assert_int_equal(it->selected, on);
                        seen |= 1;
                    }
                    if (a == NAV_LARGE) {
                        assert_string_equal(it->text, lt);
                        assert_int_equal(it->selected, on);
                        seen |= 2;
                    }
                }
                assert_int_equal(seen, 3);
                reading_free(r);
                scene_free(sc);

                /* the idle countdown over that page */
                uint64_t now = nav_idle_ms(&s, &cfg) + 2500;
                s.last_input = 0;
                nav_tick(&s, content, &cfg, now);
                assert_true(s.warning);
                int secs = nav_countdown(&s, &cfg, now);
                layout_params p = {.w = sizes[z][0], .h = sizes[z][1], .min_target = MIN_TARGET,
                                   .m = &real, .now = now, .cfg = &cfg};
                sc = layout_build(content, &s, &p);
                assert_non_null(sc);
                r = reading_build(sc, content, &s);
                assert_non_null(r);
                char want[80];
                if (langs[g] == LANG_EN)
                    snprintf(want, sizeof want, "%d seconds left. More time?", secs);
                else
                    snprintf(want, sizeof want, "Noch %d Sekunden. Mehr Zeit?", secs);
                assert_string_equal(r->announce, want);
                int more = 0;
                for (size_t k = 0; k < r->n_items; k++) {
                    const reading_item *it = &r->items[k];
                    if (it->target >= 0) {
                        assert_int_equal(sc->targets[it->target].action, NAV_MORE_TIME);
                        assert_string_equal(it->text, langs[g] == LANG_EN ? "More time" : "Mehr Zeit");
                        more++;
                    }
                    /* the page under the card is not read */
                    const char *title = t(&content->domains[0].pages[0].title, langs[g]);
                    if (strcmp(it->text, title) == 0)
                        fail_msg("%s: '%s' under the countdown is read", what, title);
                }
                assert_int_equal(more, 1);
                assert_int_equal(count_said(r, langs[g] == LANG_EN ? "Are you still there?"
                                                                   : "Sind Sie noch da?", 0), 1);
                reading_free(r);
                scene_free(sc);
            }
    /* the attract loop: the gesture in both languages, the visitor's first */
    for (size_t g = 0; g < 2; g++) {
        nav_state s;
        nav_init(&s, content, 0);
        s.language = langs[g];
        scene *sc = build(&s, 800, 480);
        reading *r = check_reading(sc, &s, "attract with the speech hint");
        int de = -1, en = -1;
        for (size_t k = 0; k < r->n_items; k++) {
            if (strcmp(r->items[k].text, "Vorlesen: zwei Finger 2 Sekunden still halten") == 0)
                de = (int)k;
            if (strcmp(r->items[k].text, "Read aloud: hold two fingers still for 2 seconds") == 0)
                en = (int)k;
        }
        assert_true(de >= 0 && en >= 0);
        assert_true(langs[g] == LANG_EN ? en < de : de < en);
        reading_free(r);
        scene_free(sc);
    }
}

/* The as-of date is read where it stands: on a page after its title and
 * before the body's first text, on a slide with the head. */
static void test_as_of(void **st)
{
    (void)st;
    int dom = content_domain_index(content, "bewerbung");
    assert_true(dom >= 0);
    static const struct {
        lang lg;
        const char *date;
    } want[] = {{LANG_DE, "Stand: Juni 2017"}, {LANG_EN, "As of June 2017"}};
    for (size_t k = 0; k < sizeof want / sizeof want[0]; k++) {
        nav_state s;
        nav_init(&s, content, 0);
        s.language = want[k].lg;
        s.scene = NAV_PAGE;
        s.domain = dom;
        s.page = 0;
        scene *sc = build(&s, 1280, 800);
        reading *r = reading_build(sc, content, &s);
        assert_non_null(r);
        const char *first = ktext_get(&content->domains[dom].pages[0].blocks[0].text, want[k].lg);
        int at = -1, body = -1;
        for (size_t i = 0; i < r->n_items; i++) {
            if (at < 0 && strcmp(r->items[i].text, want[k].date) == 0)
                at = (int)i;
            if (body < 0 && strncmp(r->items[i].text, first, 12) == 0)
                body = (int)i;
        }
        if (at < 0 || body < 0 || at > body)
            fail_msg("'%s' is not read before the body (at %d, body at %d)", want[k].date, at,
                     body);
        reading_free(r);
        scene_free(sc);
    }
    nav_state s;
    nav_init(&s, content, 0);
    s.slide = 0;
    scene *sc = build(&s, 1920, 1080);
    reading *r = reading_build(sc, content, &s);
    int found = 0;
    for (size_t i = 0; i < r->n_items; i++)
        found |= strcmp(r->items[i].text, "Stand: März 2017") == 0;
    if (!found)
        fail_msg("the first slide's 'Stand: März 2017' is not read");
    reading_free(r);
    scene_free(sc);
}

/* The entry key of language code's table as assets/strings/<code>.yaml
 * writes it (read here apart from kstrings.h), quotes taken off. */
static void table_entry(const char *code, const char *key, char *out, size_t size)
{
    char path[128], line[1024];
    snprintf(path, sizeof path, "assets/strings/%s.yaml", code);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    out[0] = '\0';
    size_t kl = strlen(key);
    while (fgets(line, sizeof line, f)) {
        const char *v = line;
        while (*v == ' ')
            v++;
        if (strncmp(v, key, kl) != 0 || v[kl] != ':')
            continue;
        v += kl + 1;
        while (*v == ' ')
            v++;
        size_t n = strcspn(v, "\n");
        if (n >= 2 && v[0] == '"' && v[n - 1] == '"')
            v++, n -= 2;
        snprintf(out, size, "%.*s", (int)n, v);
        break;
    }
    fclose(f);
    if (!out[0])
        fail_msg("%s has no '%s'", path, key);
}

/* The actions of the navigation bar's controls (under the viewport), in
 * reading order. */
static size_t bar_actions(const scene *sc, const reading *r, int *out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < r->n_items && n < max; i++) {
        const reading_item *it = &r->items[i];
        if (it->target >= 0 && sc->view_h > 0 && it->y >= sc->view_y + sc->view_h)
            out[n++] = sc->targets[it->target].action;
    }
    return n;
}

/* Every declared language: the menu is announced from its own table of
 * the UI's words; a right-to-left scene is read right to left along each
 * row, its bar in the same order as the German one, Back first. */
static void test_languages(void **st)
{
    (void)st;
    char what[160], fmt[512], want[600];
    int de_bar[32];
    size_t de_n = 0;
    for (size_t z = 0; z < 2; z++)
        for (size_t g = 0; g < content->n_langs; g++) {
            const char *code = content_lang_code(content, (lang)g);
            nav_state s;
            nav_init(&s, content, 0);
            s.language = (lang)g;
            s.scene = NAV_MENU;
            snprintf(what, sizeof what, "menu %dx%d %s", sizes[z][0], sizes[z][1], code);
            scene *sc = build(&s, sizes[z][0], sizes[z][1]);
            reading *r = check_reading(sc, &s, what);
            table_entry(code, content->n_domains == 1 ? "topics_1" : "topics_n", fmt, sizeof fmt);
            const char *pct = strstr(fmt, "%zu");
            assert_non_null(pct);
            snprintf(want, sizeof want, "%.*s%zu%s", (int)(pct - fmt), fmt, content->n_domains, pct + 3);
            if (strcmp(r->announce, want) != 0)
                fail_msg("%s: announced '%s', its table says '%s'", what, r->announce, want);
            reading_free(r);
            scene_free(sc);

            s.scene = NAV_PAGE;
            s.domain = 0;
            s.page = 0;
            snprintf(what, sizeof what, "page %dx%d %s", sizes[z][0], sizes[z][1], code);
            sc = build(&s, sizes[z][0], sizes[z][1]);
            assert_int_equal(sc->rtl, content_lang(content, (lang)g)->rtl);
            r = check_reading(sc, &s, what);
            int bar[32];
            size_t n = bar_actions(sc, r, bar, 32);
            if (g == 0) {
                memcpy(de_bar, bar, sizeof bar);
                de_n = n;
                assert_true(n >= 2);
                assert_int_equal(bar[0], NAV_BACK);
            } else if (n != de_n || memcmp(bar, de_bar, n * sizeof *bar) != 0) {
                fail_msg("%s: the bar is not read in German's order (%zu controls, first %d)", what,
                         n, n ? bar[0] : -1);
            }
            /* side by side: in the writing direction */
            for (size_t i = 1; i < r->n_items; i++) {
                const reading_item *a = &r->items[i - 1], *b = &r->items[i];
                if (a->y + a->h / 2 < b->y || b->y + b->h / 2 < a->y)
                    continue; /* not in one row */
                int ok = sc->rtl ? a->x + a->w >= b->x + b->w : a->x <= b->x;
                if (!ok && a->target >= 0 && b->target >= 0)
                    fail_msg("%s: '%s' is read before '%s', %s of it", what, a->text, b->text,
                             sc->rtl ? "left" : "right");
            }
            reading_free(r);
            scene_free(sc);
        }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_attract),
        cmocka_unit_test(test_menu),
        cmocka_unit_test(test_pages),
        cmocka_unit_test(test_cut_text),
        cmocka_unit_test(test_accessibility_controls),
        cmocka_unit_test(test_as_of),
        cmocka_unit_test(test_languages),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
