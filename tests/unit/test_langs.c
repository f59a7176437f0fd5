/* Languages as data: kiosk.yaml's `languages:` (every error at its
 * position), the default three without it, the fallback chain of a text
 * and of the UI's words, the tables of the UI's words (content over
 * assets, a missing entry, a wrong conversion), and the language a visitor
 * chose kept across a content swap by its code. The fixture
 * tests/fixtures/langs declares a fourth language, Polish (the kiosk ships
 * no table of its words), falling back to English. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "arena.h"
#include "content.h"
#include "fixture.h"
#include "kstrings.h"
#include "nav.h"
#include "uistrings.h"

#define PL 3 /* Polish in tests/fixtures/langs */

static kcontent *load_words(const char *dir, diag_list *d)
{
    diag_init(d);
    kcontent *c = content_load(dir, d);
    if (c)
        content_load_strings(c, "assets/strings", d);
    return c;
}

static void test_default_three(void **st)
{
    (void)st;
    diag_list d;
    diag_init(&d);
    kcontent *c = content_load("tests/fixtures/good", &d);
    if (!c || d.n)
        fail_msg("%s", fx_diags(&d));
    assert_int_equal(c->n_langs, 3);
    assert_string_equal(c->langs[LANG_DE].code, "de");
    assert_string_equal(c->langs[LANG_EN].code, "en");
    assert_string_equal(c->langs[LANG_LS].code, "leicht");
    assert_string_equal(c->langs[LANG_LS].name, "Leichte Sprache");
    assert_false(klang_easy(c, LANG_EN));
    assert_true(klang_easy(c, LANG_LS));
    assert_string_equal(c->langs[LANG_LS].voice, "de");
    assert_string_equal(c->langs[LANG_EN].voice, "en");
    assert_true(c->langs[LANG_DE].required);
    assert_false(c->langs[LANG_EN].required);
    assert_int_equal(content_second_lang(c), LANG_EN);
    /* a model built by hand (no table) has the same three */
    assert_int_equal(content_n_langs(NULL), 3);
    assert_string_equal(content_lang_code(NULL, LANG_LS), "leicht");
    content_free(c);
    diag_free(&d);
}

static void test_declared_and_fallbacks(void **st)
{
    (void)st;
    diag_list d;
    kcontent *c = load_words("tests/fixtures/langs", &d);
    if (!c || d.errors)
        fail_msg("%s", fx_diags(&d));
    assert_int_equal(c->n_langs, 4);
    assert_int_equal(content_lang_index(c, "pl"), PL);
    const klang *pl = &c->langs[PL];
    assert_string_equal(pl->name, "Polski");
    assert_string_equal(pl->voice, "pl"); /* the code, when no voice is given */
    assert_int_equal(pl->fallback, LANG_EN);
    assert_false(pl->rtl);
    assert_string_equal(c->langs[LANG_EN].voice, "en-gb");
    assert_int_equal(c->langs[LANG_LS].fallback, LANG_DE); /* variant_of: de */
    /* written in Polish */
    assert_string_equal(ktext_get(&c->title, PL), "Kaiserslautern \xE2\x80\x93 Cyfrowe Miasto");
    assert_true(ktext_has(&c->title, PL));
    /* not written in Polish: English, its fallback, then German */
    assert_string_equal(ktext_get(&c->menu_title, PL), "Topics");
    assert_false(ktext_has(&c->menu_title, PL));
    assert_int_equal(ktext_written_in(&c->menu_title, PL), LANG_EN);
    const ktext *sub = &c->domains[0].pages[0].title; /* de and en */
    assert_string_equal(ktext_get(sub, PL), "Overview");
    /* a text written once is the same in every language */
    assert_string_equal(ktext_get(&c->subtitle, PL), "Testinhalt");
    assert_true(ktext_has(&c->subtitle, PL));
    content_free(c);
    diag_free(&d);
}

/* kiosk.yaml's head with languages lang (YAML lines), then a good rest. */
static void expect_kiosk(const char *langs, const char *rest, const char *want)
{
    char *dir = fx_good_tree();
    char text[4096];
    snprintf(text, sizeof text,
             "schema: 1\n"                 /* 1 */
             "languages:\n"                /* 2 */
             "%s"                          /* 3.. */
             "title: Kiosk\n"
             "organisation: Stadt\n"
             "invitation: Bitte tippen\n"
             "menu_title: Themen\n"
             "%s"
             "menu: [energie, mobilitaet]\n",
             langs, rest);
    fx_write(dir, "kiosk.yaml", text);
    diag_list d;
    diag_init(&d);
    kcontent *c = content_load(dir, &d);
    if (c || !fx_has_line(&d, want))
        fail_msg("wanted:\n  %s\ngot (%zu errors):\n%s", want, d.errors, fx_diags(&d));
    diag_free(&d);
    fx_rmtree(dir);
}

static void test_declaration_errors(void **st)
{
    (void)st;
    /* lines 3-6; the good tree's other files have German and English */
    const char *de = "  - code: de\n    name: Deutsch\n  - code: en\n    name: English\n";
    char buf[2048];
    snprintf(buf, sizeof buf, "%s  - code: tr\n    name: T\n    voic: tr\n", de);
    expect_kiosk(buf, "", "kiosk.yaml:9:5: error: unknown key 'voic' (did you mean 'voice'?)");
    snprintf(buf, sizeof buf, "%s  - code: de\n    name: D\n", de);
    expect_kiosk(buf, "", "kiosk.yaml:7:11: error: language 'de' is declared twice");
    snprintf(buf, sizeof buf, "%s  - code: Turkish\n    name: T\n", de);
    expect_kiosk(buf, "",
                 "kiosk.yaml:7:11: error: 'Turkish' is not a language code (two or three lowercase "
                 "letters, optionally a region: \"de\", \"tr\", \"pt-BR\"; or \"leicht\")");
    snprintf(buf, sizeof buf, "%s  - code: ar\n    name: A\n    direction: rtl-ish\n", de);
    expect_kiosk(buf, "", "kiosk.yaml:9:16: error: unknown direction 'rtl-ish' (ltr or rtl)");
    snprintf(buf, sizeof buf, "%s  - code: ls\n    name: L\n    variant_of: dee\n", de);
    expect_kiosk(buf, "",
                 "kiosk.yaml:9:17: error: variant_of 'dee' is not a declared language (did you "
                 "mean 'de'?)");
    snprintf(buf, sizeof buf, "%s  - code: tr\n    name: T\n    fallback: turkish\n", de);
    expect_kiosk(buf, "",
                 "kiosk.yaml:9:15: error: fallback 'turkish' is not a declared language (the "
                 "languages are de, en and tr)");
    snprintf(buf, sizeof buf,
             "%s  - code: tr\n    name: T\n    fallback: uk\n  - code: uk\n    name: U\n"
             "    fallback: tr\n",
             de);
    expect_kiosk(buf, "",
                 "kiosk.yaml:9:15: error: the fallbacks of 'tr' go round in a circle; every chain "
                 "must end at German");
    expect_kiosk("  - code: en\n    name: English\n" /* 3-4 */, "",
                 "kiosk.yaml:3:5: error: German (de) must come first: every text falls back to it");
    /* more than LANG_MAX: the 13th is the one too many */
    size_t o = (size_t)snprintf(buf, sizeof buf, "%s", de);
    for (int i = 0; i < LANG_MAX; i++)
        o += (size_t)snprintf(buf + o, sizeof buf - o, "  - code: x%c\n    name: X\n", 'a' + i);
    expect_kiosk(buf, "", "kiosk.yaml:27:5: error: more than 12 languages; a kiosk shows at most 12");
    /* default_language must be declared; texts take declared codes only */
    expect_kiosk(de, "default_language: uk\n",
                 "kiosk.yaml:11:19: error: unknown language 'uk' (the languages are de and en)");
    snprintf(buf, sizeof buf, "%s  - code: tr\n    name: T\n", de);
    expect_kiosk(buf, "subtitle:\n  de: Test\n  tk: Deneme\n",
                 "kiosk.yaml:15:3: error: unknown language 'tk' (did you mean 'tr'?)");
    expect_kiosk(de, "subtitle:\n  de: Test\n  ukr: Test\n",
                 "kiosk.yaml:13:3: error: unknown language 'ukr' (the languages are de and en)");
    /* a required language must be in every text */
    expect_kiosk("  - code: de\n    name: Deutsch\n  - code: en\n    name: E\n    required: true\n",
                 "subtitle:\n  de: Test\n",
                 "kiosk.yaml:13:3: error: missing text in 'en' (kiosk.yaml declares it required)");
}

static void test_words(void **st)
{
    (void)st;
    diag_list d;
    kcontent *c = load_words("tests/fixtures/langs", &d);
    assert_non_null(c);
    /* the tree's own Polish table */
    assert_string_equal(kstrings_get(c, PL, STR_BACK), "Wstecz");
    assert_string_equal(c->langs[PL].name, kstrings_get(c, PL, STR_LANG_NAME));
    arena *a = arena_new();
    assert_string_equal(kstrings_printf(a, c, PL, STR_SECONDS_LEFT_N, 5),
                        "Zosta\xC5\x82o 5 s. Wi\xC4\x99" "cej czasu?");
    /* an entry it leaves out: English, its fallback, from the kiosk's table */
    assert_string_equal(kstrings_get(c, PL, STR_CLOSE), "Close");
    assert_string_equal(kstrings_get(c, LANG_LS, STR_HOME), "Alle Themen");
    /* ... and said so once, for the whole table */
    assert_diag(&d, "strings/pl.yaml: warning: 48 of the kiosk's 52 words missing in 'pl' "
                    "(lang_short, contrast, high_contrast, large_text, on, off, ...): they show "
                    "in its fallback");
    /* the table is a file of the tree (kiosk-publish publishes it) */
    int listed = 0;
    for (size_t i = 0; i < c->n_files; i++)
        listed |= strcmp(c->files[i], "strings/pl.yaml") == 0;
    assert_true(listed);
    arena_free(a);
    content_free(c);
    diag_free(&d);
}

/* A tree with a strings/<code>.yaml of text, loaded: its diagnostics. */
static kcontent *tree_with_table(const char *code, const char *text, diag_list *d)
{
    char *dir = fx_good_tree();
    char rel[64];
    snprintf(rel, sizeof rel, "strings/%s.yaml", code);
    fx_write(dir, rel, text);
    kcontent *c = load_words(dir, d);
    fx_rmtree(dir);
    return c;
}

static void test_table_errors(void **st)
{
    (void)st;
    diag_list d;
    kcontent *c = tree_with_table("en",
                                  "language: en\n"
                                  "strings:\n"
                                  "  back: Go back\n"
                                  "  seconds_left_n: \"%s seconds\"\n"
                                  "  bakc: Back\n",
                                  &d);
    assert_null(c);
    assert_diag(&d, "strings/en.yaml:4:19: error: 'seconds_left_n' must take exactly the "
                    "conversions \"d\" (printf's %d, %zu or %s), in that order");
    assert_diag(&d, "strings/en.yaml:5:3: error: unknown string 'bakc' (did you mean 'back'?)");
    diag_free(&d);
    c = tree_with_table("en", "language: de\nstrings:\n  back: Go back\n", &d);
    assert_null(c);
    assert_diag(&d, "strings/en.yaml:1:11: error: expected 'language: en' (the table of language "
                    "'en')");
    diag_free(&d);
    /* a plain text with a '%' in it is no conversion only when written %% */
    c = tree_with_table("en", "language: en\nstrings:\n  back: 100% back\n", &d);
    assert_null(c);
    diag_free(&d);
    /* the content's table wins over the kiosk's, entry by entry: what it
     * leaves out is the kiosk's */
    c = tree_with_table("en", "language: en\nstrings:\n  back: Go back\n", &d);
    assert_non_null(c);
    assert_int_equal(d.n, 0);
    assert_string_equal(kstrings_get(c, LANG_EN, STR_BACK), "Go back");
    assert_string_equal(kstrings_get(c, LANG_EN, STR_HOME), "Overview");
    content_free(c);
    diag_free(&d);
}

static void test_missing_tables(void **st)
{
    (void)st;
    diag_list d;
    diag_init(&d);
    kcontent *c = content_load("tests/fixtures/good", &d);
    assert_non_null(c);
    /* no German table: the installation is broken */
    assert_int_equal(content_load_strings(c, "tests/fixtures/nonexistent", &d), -1);
    assert_diag(&d, "tests/fixtures/nonexistent: error: the kiosk's own words in German (de.yaml) "
                    "are missing: the installation is broken (use --assets DIR)");
    assert_diag(&d, "kiosk.yaml: warning: no table of the kiosk's own words for 'en' (neither "
                    "tests/fixtures/nonexistent/en.yaml nor the content's strings/en.yaml): "
                    "buttons and announcements fall back");
    assert_string_equal(kstrings_get(c, LANG_EN, STR_BACK), "");
    content_free(c);
    diag_free(&d);
    /* a declared language without a table anywhere: a warning at its declaration */
    char *dir = fx_good_tree();
    fx_write(dir, "kiosk.yaml",
             "schema: 1\nlanguages:\n  - code: de\n    name: Deutsch\n  - code: en\n"
             "    name: English\n  - code: pl\n    name: P\ntitle: Kiosk\norganisation: Stadt\ninvitation: Bitte\n"
             "menu_title: Themen\nmenu: [energie, mobilitaet]\n");
    c = load_words(dir, &d);
    assert_non_null(c);
    assert_diag(&d, "kiosk.yaml:7:5: warning: no table of the kiosk's own words for 'pl' (neither "
                    "assets/strings/pl.yaml nor the content's strings/pl.yaml): buttons and "
                    "announcements fall back");
    assert_string_equal(kstrings_get(c, 2, STR_BACK), "Zur\xC3\xBC" "ck");
    content_free(c);
    diag_free(&d);
    fx_rmtree(dir);
}

/* The visitor's language survives a new generation by its code, wherever
 * the new content puts it; a language the new one lacks gives its default. */
static void test_kept_across_swap(void **st)
{
    (void)st;
    diag_list d;
    diag_init(&d);
    kcontent *a = content_load("tests/fixtures/langs", &d); /* de en leicht pl */
    char *dir = fx_good_tree();
    fx_write(dir, "kiosk.yaml",
             "schema: 1\nlanguages:\n  - code: de\n    name: Deutsch\n  - code: pl\n"
             "    name: T\n  - code: en\n    name: E\ntitle: Kiosk\norganisation: Stadt\n"
             "invitation: Bitte\nmenu_title: Themen\nmenu: [energie, mobilitaet]\n");
    kcontent *b = content_load(dir, &d); /* de pl en */
    if (!a || !b)
        fail_msg("%s", fx_diags(&d));
    nav_state s;
    nav_init(&s, a, 0);
    s.language = PL;
    nav_rebind(&s, a, b, 10);
    assert_int_equal(s.language, 1);
    assert_string_equal(content_lang_code(b, s.language), "pl");
    s.language = 2; /* en in b */
    nav_rebind(&s, b, a, 20);
    assert_int_equal(s.language, LANG_EN);
    s.language = LANG_LS; /* b has no leicht: its default */
    nav_rebind(&s, a, b, 30);
    assert_int_equal(s.language, b->default_lang);
    content_free(a);
    content_free(b);
    diag_free(&d);
    fx_rmtree(dir);
}

static void test_codes(void **st)
{
    (void)st;
    assert_true(lang_code_valid("de"));
    assert_true(lang_code_valid("tr"));
    assert_true(lang_code_valid("ckb"));
    assert_true(lang_code_valid("pt-BR"));
    assert_true(lang_code_valid("es-419"));
    assert_true(lang_code_valid("leicht"));
    assert_false(lang_code_valid("d"));
    assert_false(lang_code_valid("deut"));
    assert_false(lang_code_valid("DE"));
    assert_false(lang_code_valid("pt-br"));
    assert_false(lang_code_valid("pt_BR"));
    assert_false(lang_code_valid("en-"));
    assert_false(lang_code_valid(""));
    assert_false(lang_code_valid(NULL));
    assert_true(uistrings_args_match("Noch %d Sekunden", "d"));
    assert_true(uistrings_args_match("%zu Fehler \xE2\x80\x93 %s", "zu s"));
    assert_true(uistrings_args_match("100%% sicher", ""));
    assert_false(uistrings_args_match("%s %zu", "zu s"));
    assert_false(uistrings_args_match("%5d", "d"));
    assert_false(uistrings_args_match("Noch Sekunden", "d"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default_three),  cmocka_unit_test(test_declared_and_fallbacks),
        cmocka_unit_test(test_declaration_errors), cmocka_unit_test(test_words),
        cmocka_unit_test(test_table_errors),   cmocka_unit_test(test_missing_tables),
        cmocka_unit_test(test_kept_across_swap), cmocka_unit_test(test_codes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
