/* Unit tests for content_load: the model of a good tree, and one broken
 * fixture for every diagnostic, compared as exact "file:line:col: ..." text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>

#include "content.h"
#include "fixture.h"
#include "klimits.h"

#define MOB "domains/mobilitaet.yaml"

/* A valid domain file whose lines the cases below refer to. */
static const char mob_ok[] = "title: Mobilität\n"         /* 1 */
                             "summary: Bus und Rad\n"     /* 2 */
                             "color: \"#2a9d8f\"\n"       /* 3 */
                             "pages:\n"                   /* 4 */
                             "  - id: start\n"            /* 5 */
                             "    title: Start\n"         /* 6 */
                             "    blocks:\n"              /* 7 */
                             "      - paragraph: Text\n"; /* 8 */

static const char mob_head[] = "title: Mobilität\n"
                               "summary: Bus und Rad\n"
                               "color: \"#2a9d8f\"\n"
                               "pages:\n"
                               "  - id: start\n"
                               "    title: Start\n"
                               "    blocks:\n"; /* blocks follow from line 8 */

/* Loads dir; returns the model (or NULL) and fills d. */
static kcontent *load(const char *dir, diag_list *d)
{
    diag_init(d);
    return content_load(dir, d);
}

/* A good tree with file replaced by text, loaded: the result must be refused
 * with exactly one error, want. */
/* One good tree shared by the expect_error() cases: each writes its file,
 * loads, and puts the original back (much faster than a copy per case). */
static char *shared_tree;

static void restore(const char *dir, const char *rel)
{
    char path[512];
    snprintf(path, sizeof(path), "tests/fixtures/good/%s", rel);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    static char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof(buf), f);
    fclose(f);
    fx_write_bytes(dir, rel, buf, n);
}

static void expect_error(const char *file, const char *text, const char *want)
{
    if (!shared_tree)
        shared_tree = fx_good_tree();
    diag_list d;
    fx_write(shared_tree, file, text);
    kcontent *c = load(shared_tree, &d);
    restore(shared_tree, file);
    if (c || d.errors != 1 || d.warnings != 0 || !fx_has_line(&d, want))
        fail_msg("wanted exactly:\n  %s\ngot (%zu errors, %zu warnings):\n%s", want, d.errors,
                 d.warnings, fx_diags(&d));
    content_free(c);
    diag_free(&d);
}

static int teardown(void **state)
{
    (void)state;
    fx_rmtree(shared_tree);
    shared_tree = NULL;
    return 0;
}

/* A domain file made of mob_head and the blocks given. */
static void expect_block_error(const char *blocks, const char *want)
{
    char text[4096];
    snprintf(text, sizeof(text), "%s%s", mob_head, blocks);
    expect_error(MOB, text, want);
}

static void test_good_tree(void **state)
{
    (void)state;
    char *dir = fx_good_tree();
    diag_list d;
    kcontent *c = load(dir, &d);
    if (!c || d.n)
        fail_msg("good tree refused:\n%s", fx_diags(&d));
    assert_string_equal(c->root, dir);
    assert_string_equal(ktext_get(&c->title, LANG_DE), "Kaiserslautern – digitale Stadt");
    assert_string_equal(ktext_get(&c->title, LANG_EN), "Kaiserslautern – Digital City");
    assert_string_equal(ktext_get(&c->title, LANG_LS), "Kaiserslautern – digitale Stadt");
    assert_true(ktext_has(&c->title, LANG_EN));
    assert_false(ktext_has(&c->title, LANG_LS));
    /* A plain string is the same text in every language. */
    assert_true(ktext_has(&c->subtitle, LANG_EN));
    assert_string_equal(ktext_get(&c->subtitle, LANG_LS), "Testinhalt");
    assert_string_equal(ktext_get(&c->invitation, LANG_LS), "Tippen Sie auf den Bildschirm");
    assert_string_equal(c->logo, "images/logo.png");
    assert_int_equal(c->default_lang, LANG_DE);
    assert_int_equal(c->theme.background.r, 0x0d);
    assert_int_equal(c->theme.accent.g, 0xa2);
    assert_int_equal(c->theme.surface.r, 0x1b); /* not in the file: the default */

    assert_int_equal(c->n_domains, 2);
    assert_string_equal(c->domains[0].id, "energie"); /* menu order, not file order */
    assert_string_equal(c->domains[1].id, "mobilitaet");
    assert_string_equal(c->domains[0].file, "domains/energie.yaml");
    assert_int_equal(content_domain_index(c, "mobilitaet"), 1);
    assert_int_equal(content_domain_index(c, "nix"), -1);
    assert_int_equal(content_page_count(c), 3);

    const kdomain *e = &c->domains[0];
    assert_int_equal(e->color.r, 0xe9);
    assert_string_equal(e->icon, "images/energie.png");
    assert_int_equal(e->n_pages, 2);
    assert_string_equal(e->pages[0].id, "ueberblick");
    assert_string_equal(ktext_get(&e->pages[0].title, LANG_EN), "Overview");
    const kpage *p = &e->pages[0];
    assert_int_equal(p->n_blocks, 4);
    assert_int_equal(p->blocks[0].kind, BLOCK_HEADING);
    assert_string_equal(ktext_get(&p->blocks[0].text, LANG_EN), "Grids");
    assert_int_equal(p->blocks[1].kind, BLOCK_PARAGRAPH);
    assert_int_equal(p->blocks[2].kind, BLOCK_BULLETS);
    assert_int_equal(p->blocks[2].n_items, 2);
    assert_string_equal(ktext_get(&p->blocks[2].items[0], LANG_EN), "Smart meters");
    assert_string_equal(ktext_get(&p->blocks[2].items[1], LANG_EN), "Photovoltaik");
    assert_int_equal(p->blocks[3].kind, BLOCK_FACT);
    assert_string_equal(ktext_get(&p->blocks[3].value, LANG_DE), "2018");
    assert_string_equal(ktext_get(&p->blocks[3].text, LANG_EN), "Funding starts in early 2018.");
    assert_int_equal(p->blocks[3].line, 25);
    p = &e->pages[1];
    assert_int_equal(p->blocks[0].kind, BLOCK_IMAGE);
    assert_string_equal(p->blocks[0].image, "images/energie.png");
    assert_string_equal(ktext_get(&p->blocks[0].text, LANG_DE), "Ein Bild");
    assert_int_equal(p->blocks[1].kind, BLOCK_LINK);
    assert_string_equal(p->blocks[1].url, "https://www.wir-tun-was.de");
    assert_string_equal(ktext_get(&p->blocks[1].text, LANG_EN), "More about the bid");
    assert_null(c->domains[1].icon);

    assert_int_equal(c->n_slides, 2);
    assert_string_equal(c->slides[0].id, "leuchtturm");
    assert_int_equal(c->slides[0].duration_ms, 10000);
    assert_int_equal(c->slides[0].domain, 0);
    assert_int_equal(c->slides[0].color.r, 0x0d); /* default: the theme's background */
    assert_int_equal(c->slides[1].duration_ms, 8000);
    assert_int_equal(c->slides[1].domain, -1);
    assert_int_equal(c->slides[1].color.g, 0x22); /* "#123" */
    assert_string_equal(c->slides[1].image, "images/energie.png");
    assert_false(ktext_has(&c->slides[1].text, LANG_EN));
    assert_string_equal(ktext_get(&c->slides[1].text, LANG_EN), "Bringen Sie Ihre Ideen ein.");

    char path[512];
    assert_int_equal(content_path(c, "images/logo.png", path, sizeof(path)), 0);
    assert_true(strstr(path, "/images/logo.png") != NULL);
    assert_int_equal(content_path(c, "images/logo.png", path, 8), -1);
    content_free(c);
    diag_free(&d);
    fx_rmtree(dir);
}

/* kcontent.files: what the loader read and accepted, sorted, each once;
 * never a file no YAML names (kiosk-publish publishes exactly this list). */
static void test_used_files(void **state)
{
    (void)state;
    static const char *const want[] = {"attract.yaml",       "domains/energie.yaml",
                                       "domains/mobilitaet.yaml", "images/energie.png",
                                       "images/logo.png",    "kiosk.yaml"};
    char *dir = fx_good_tree();
    fx_write(dir, "notes.txt", "not content\n");
    fx_write(dir, "images/spare.png", "\x89PNG\r\n\x1a\n");
    diag_list d;
    kcontent *c = load(dir, &d);
    if (!c)
        fail_msg("good tree refused:\n%s", fx_diags(&d));
    assert_int_equal(c->n_files, sizeof(want) / sizeof(want[0]));
    for (size_t i = 0; i < c->n_files; i++)
        assert_string_equal(c->files[i], want[i]);
    content_free(c);
    diag_free(&d);
    /* a domain not in the menu is read and checked, so it is listed */
    fx_write(dir, "domains/extra.yaml",
             "title: Extra\nsummary: s\ncolor: \"#123456\"\npages:\n  - id: a\n    title: A\n"
             "    blocks:\n      - paragraph: x\n");
    c = load(dir, &d);
    assert_non_null(c);
    assert_int_equal(c->n_files, sizeof(want) / sizeof(want[0]) + 1);
    assert_string_equal(c->files[2], "domains/extra.yaml");
    content_free(c);
    diag_free(&d);
    fx_rmtree(dir);
}

static void test_bundled_content(void **state)
{
    (void)state;
    if (access("content/kiosk.yaml", F_OK) != 0)
        skip(); /* the bundled content is not in this tree yet */
    diag_list d;
    kcontent *c = load("content", &d);
    if (!c || d.n)
        fail_msg("bundled content is not clean:\n%s", fx_diags(&d));
    assert_true(c->n_domains >= 1);
    assert_true(c->n_slides >= 1);
    content_free(c);
    diag_free(&d);
}

static void test_block_styles(void **state)
{
    (void)state;
    char *dir = fx_good_tree();
    char text[1024];
    diag_list d;
    snprintf(text, sizeof(text),
             "%s      - paragraph: >\n          Eine lange Zeile,\n          umbrochen.\n"
             "      - paragraph:\n          de: |\n            Zeile eins\n            Zeile zwei\n\n",
             mob_head);
    fx_write(dir, MOB, text);
    kcontent *c = load(dir, &d);
    if (!c || d.n)
        fail_msg("refused:\n%s", fx_diags(&d));
    const kblock *b = c->domains[1].pages[0].blocks;
    assert_string_equal(ktext_get(&b[0].text, LANG_DE), "Eine lange Zeile, umbrochen.");
    assert_string_equal(ktext_get(&b[1].text, LANG_DE), "Zeile eins\nZeile zwei");
    content_free(c);
    diag_free(&d);
    fx_rmtree(dir);
}

static void test_model_helpers(void **state)
{
    (void)state;
    kcolor k;
    assert_int_equal(kcolor_parse("#0a3D62", &k), 0);
    assert_int_equal(k.r, 0x0a);
    assert_int_equal(k.g, 0x3d);
    assert_int_equal(k.b, 0x62);
    assert_int_equal(kcolor_parse("#fff", &k), 0);
    assert_int_equal(k.b, 0xff);
    assert_int_equal(kcolor_parse("0a3d62", &k), -1);
    assert_int_equal(kcolor_parse("#0a3d6", &k), -1);
    assert_int_equal(kcolor_parse("#0a3d6g", &k), -1);
    assert_int_equal(kcolor_parse("#0a3d622", &k), -1);
    assert_int_equal(kcolor_parse(NULL, &k), -1);
    assert_int_equal(content_lang_index(NULL, "leicht"), LANG_LS);
    assert_int_equal(content_lang_index(NULL, "fr"), -1);
    assert_string_equal(content_lang_code(NULL, LANG_EN), "en");
    ktext t = {{"Hallo", NULL, NULL}, 0};
    assert_string_equal(ktext_get(&t, LANG_EN), "Hallo");
    assert_false(ktext_has(&t, LANG_EN));
    assert_int_equal(content_page_count(NULL), 0);
    content_free(NULL);
}

static void test_missing_dir_and_files(void **state)
{
    (void)state;
    diag_list d;
    assert_null(load("/nonexistent/kiosk-content", &d));
    assert_diag(&d, "/nonexistent/kiosk-content: error: cannot open the content folder: No such "
                    "file or directory");
    diag_free(&d);

    assert_null(load("tests/fixtures/good/kiosk.yaml", &d));
    assert_diag(&d, "tests/fixtures/good/kiosk.yaml: error: cannot open the content folder: not a "
                    "folder");
    assert_int_equal(d.errors, 1);
    diag_free(&d);

    char *dir = fx_good_tree();
    fx_remove(dir, "kiosk.yaml");
    fx_remove(dir, "attract.yaml");
    assert_null(load(dir, &d));
    assert_diag(&d, "kiosk.yaml: error: missing file");
    assert_diag(&d, "attract.yaml: error: missing file");
    /* Without a menu, nothing more is said about the domains. */
    assert_int_equal(d.errors, 2);
    assert_int_equal(d.warnings, 0);
    diag_free(&d);
    fx_rmtree(dir);
}

static void test_keys(void **state)
{
    (void)state;
    expect_error(MOB,
                 "titel: Mobilität\nsummary: Bus\ncolor: \"#2a9d8f\"\npages:\n  - id: start\n"
                 "    title: Start\n    blocks:\n      - paragraph: Text\n",
                 MOB ":1:1: error: unknown key 'titel' (did you mean 'title'?)");
    expect_error(MOB,
                 "Title: Mobilität\nsummary: Bus\ncolor: \"#2a9d8f\"\npages:\n  - id: start\n"
                 "    title: Start\n    blocks:\n      - paragraph: Text\n",
                 MOB ":1:1: error: unknown key 'Title' (did you mean 'title'?)");
    char text[1024];
    snprintf(text, sizeof(text), "%sfarbe: rot\n", mob_ok);
    expect_error(MOB, text, MOB ":9:1: error: unknown key 'farbe'");
    expect_error(MOB,
                 "title: Mobilität\ncolor: \"#2a9d8f\"\npages:\n  - id: start\n"
                 "    title: Start\n    blocks:\n      - paragraph: Text\n",
                 MOB ":1:1: error: missing required key 'summary'");
    expect_error(MOB, "# Mobilität\n\ntitle: Mobilität\nsummary: Bus\ncolor: \"#2a9d8f\"\n",
                 MOB ":3:1: error: missing required key 'pages'");
    expect_error(MOB,
                 "title: Mobilität\nsummary: Bus\ncolor: \"#2a9d8f\"\npages:\n  - id: start\n"
                 "    blocks:\n      - paragraph: Text\n",
                 MOB ":5:5: error: missing required key 'title'");
    expect_error(MOB,
                 "title: a\nsummary: b\ntitle: c\ncolor: \"#2a9d8f\"\npages:\n  - id: start\n"
                 "    title: Start\n    blocks:\n      - paragraph: Text\n",
                 MOB ":3:1: error: duplicate key 'title' (first at line 1, column 1)");
}

static void test_texts(void **state)
{
    (void)state;
    char text[1024];
    const char *rest = strchr(mob_ok, '\n') + 1; /* everything after the title line */
    snprintf(text, sizeof(text), "title: [a, b]\n%s", rest);
    expect_error(MOB, text,
                 MOB
                 ":1:8: error: expected a text (a string or a mapping of languages), got a list");
    snprintf(text, sizeof(text), "title:\n%s", rest);
    expect_error(MOB, text,
                 MOB
                 ":1:7: error: expected a text (a string or a mapping of languages), got nothing");
    snprintf(text, sizeof(text), "title:\n  en: Mobility\n%s", rest);
    expect_error(MOB, text,
                 MOB ":2:3: error: missing German text ('de'); German is required, other languages "
                     "fall back to it");
    snprintf(text, sizeof(text), "title:\n  de: Mobilität\n  EN: Mobility\n%s", rest);
    expect_error(MOB, text, MOB ":3:3: error: unknown language 'EN' (did you mean 'en'?)");
    snprintf(text, sizeof(text), "title:\n  de: Mobilität\n  leichte: Bus\n%s", rest);
    expect_error(MOB, text, MOB ":3:3: error: unknown language 'leichte' (did you mean 'leicht'?)");
    snprintf(text, sizeof(text), "title:\n  de: Mobilität\n  fr: Mobilité\n%s", rest);
    expect_error(MOB, text,
                 MOB ":3:3: error: unknown language 'fr' (the languages are de, en and leicht)");
    snprintf(text, sizeof(text), "title: \"\"\n%s", rest);
    expect_error(MOB, text, MOB ":1:8: error: empty text");
    snprintf(text, sizeof(text), "title:\n  de: Mobilität\n  en: \"  \"\n%s", rest);
    expect_error(MOB, text, MOB ":3:7: error: empty text for 'en'");
    snprintf(text, sizeof(text), "title:\n  de: [Mobilität]\n%s", rest);
    expect_error(MOB, text, MOB ":2:7: error: expected a string for 'de', got a list");
}

static void test_ids(void **state)
{
    (void)state;
    expect_error(MOB,
                 "title: M\nsummary: B\ncolor: \"#2a9d8f\"\npages:\n  - id: Start\n"
                 "    title: Start\n    blocks:\n      - paragraph: Text\n",
                 MOB
                 ":5:9: error: invalid id 'Start': use 1 to 64 characters a-z, 0-9, '-' and '_', "
                 "starting with a letter or digit");
    expect_error(MOB,
                 "title: M\nsummary: B\ncolor: \"#2a9d8f\"\npages:\n  - id: mobilität\n"
                 "    title: Start\n    blocks:\n      - paragraph: Text\n",
                 MOB
                 ":5:9: error: invalid id 'mobilität': use 1 to 64 characters a-z, 0-9, '-' and "
                 "'_', starting with a letter or digit");
    expect_error(MOB,
                 "title: M\nsummary: B\ncolor: \"#2a9d8f\"\npages:\n  - id: -x\n"
                 "    title: Start\n    blocks:\n      - paragraph: Text\n",
                 MOB ":5:9: error: invalid id '-x': use 1 to 64 characters a-z, 0-9, '-' and '_', "
                     "starting with a letter or digit");
    expect_error(MOB,
                 "title: M\nsummary: B\ncolor: \"#2a9d8f\"\npages:\n  - id: [a]\n"
                 "    title: Start\n    blocks:\n      - paragraph: Text\n",
                 MOB ":5:9: error: expected an id, got a list");
    expect_error(MOB,
                 "title: M\nsummary: B\ncolor: \"#2a9d8f\"\npages:\n"
                 "  - id: start\n    title: A\n    blocks:\n      - paragraph: Text\n"
                 "  - id: start\n    title: B\n    blocks:\n      - paragraph: Text\n",
                 MOB ":9:9: error: duplicate page id 'start' (first at line 5, column 9)");
}

static void test_colours(void **state)
{
    (void)state;
    const char *rest =
        "pages:\n  - id: start\n    title: Start\n    blocks:\n      - paragraph: T\n";
    char text[1024];
    snprintf(text, sizeof(text), "title: M\nsummary: B\ncolor: #2a9d8f\n%s", rest);
    expect_error(MOB, text,
                 MOB ":3:7: error: missing colour: write it in quotes, e.g. \"#0a3d62\" (a bare # "
                     "starts a YAML comment)");
    snprintf(text, sizeof(text), "title: M\nsummary: B\ncolor: green\n%s", rest);
    expect_error(MOB, text,
                 MOB ":3:8: error: invalid colour 'green' (expected \"#rrggbb\" or \"#rgb\")");
    snprintf(text, sizeof(text), "title: M\nsummary: B\ncolor: \"#2a9d8\"\n%s", rest);
    expect_error(MOB, text,
                 MOB ":3:8: error: invalid colour '#2a9d8' (expected \"#rrggbb\" or \"#rgb\")");
    snprintf(text, sizeof(text), "title: M\nsummary: B\ncolor: [1, 2, 3]\n%s", rest);
    expect_error(MOB, text, MOB ":3:8: error: expected a colour \"#rrggbb\", got a list");
    expect_error("kiosk.yaml",
                 "schema: 1\ntitle: T\norganisation: O\ninvitation: I\nmenu_title: M\n"
                 "theme:\n  backgound: \"#000000\"\nmenu: [energie, mobilitaet]\n",
                 "kiosk.yaml:7:3: error: unknown key 'backgound' (did you mean 'background'?)");
    expect_error(
        "kiosk.yaml",
        "schema: 1\ntitle: T\norganisation: O\ninvitation: I\nmenu_title: M\n"
        "theme:\n  accent: \"#00000g\"\nmenu: [energie, mobilitaet]\n",
        "kiosk.yaml:7:11: error: invalid colour '#00000g' (expected \"#rrggbb\" or \"#rgb\")");
    expect_error("kiosk.yaml",
                 "schema: 1\ntitle: T\norganisation: O\ninvitation: I\nmenu_title: M\n"
                 "theme: dark\nmenu: [energie, mobilitaet]\n",
                 "kiosk.yaml:6:8: error: expected a mapping of colours (background, surface, text, "
                 "muted, accent), got a string");
}

static void test_kiosk_file(void **state)
{
    (void)state;
    const char *head = "schema: 1\ntitle: T\norganisation: O\ninvitation: I\nmenu_title: M\n";
    char text[1024];
    snprintf(text, sizeof(text), "%smenu: [energie, mobilitaet, energie]\n", head);
    expect_error("kiosk.yaml", text,
                 "kiosk.yaml:6:29: error: domain 'energie' is already in the menu (first at line "
                 "6, column 8)");
    snprintf(text, sizeof(text), "%smenu:\n  - energie\n  - mobilitaet\n  - verwaltung\n", head);
    expect_error("kiosk.yaml", text,
                 "kiosk.yaml:9:5: error: the menu lists 'verwaltung', but there is no "
                 "domains/verwaltung.yaml");
    snprintf(text, sizeof(text), "%smenu: []\n", head);
    expect_error("kiosk.yaml", text, "kiosk.yaml:6:7: error: the list of domain ids is empty");
    snprintf(text, sizeof(text), "%smenu: energie\n", head);
    expect_error("kiosk.yaml", text,
                 "kiosk.yaml:6:7: error: expected a list of domain ids, got a string");
    expect_error("kiosk.yaml",
                 "schema: 2\ntitle: T\norganisation: O\ninvitation: I\nmenu_title: M\n"
                 "menu: [energie, mobilitaet]\n",
                 "kiosk.yaml:1:9: error: unsupported schema version 2 (this kiosk reads schema 1)");
    expect_error("kiosk.yaml",
                 "schema: \"1\"\ntitle: T\norganisation: O\ninvitation: I\nmenu_title: M\n"
                 "menu: [energie, mobilitaet]\n",
                 "kiosk.yaml:1:9: error: expected the schema version 1, got a string");
    snprintf(text, sizeof(text), "%sdefault_language: fr\nmenu: [energie, mobilitaet]\n", head);
    expect_error("kiosk.yaml", text,
                 "kiosk.yaml:6:19: error: unknown language 'fr' (the languages are de, en and "
                 "leicht)");
    snprintf(text, sizeof(text), "%sdefault_language: [de]\nmenu: [energie, mobilitaet]\n", head);
    expect_error("kiosk.yaml", text,
                 "kiosk.yaml:6:19: error: expected a language (de, en or leicht), got a list");
    expect_error("kiosk.yaml",
                 "schema: 1\ntitle: T\ninvitation: I\nmenu_title: M\nmenu: [energie, mobilitaet]\n",
                 "kiosk.yaml:1:1: error: missing required key 'organisation'");

    /* default_language is used; the menu order is the file's. */
    char *dir = fx_good_tree();
    snprintf(text, sizeof(text), "%sdefault_language: leicht\nmenu: [mobilitaet, energie]\n", head);
    fx_write(dir, "kiosk.yaml", text);
    diag_list d;
    kcontent *c = load(dir, &d);
    assert_non_null(c);
    assert_int_equal(d.n, 0);
    assert_int_equal(c->default_lang, LANG_LS);
    assert_string_equal(c->domains[0].id, "mobilitaet");
    assert_int_equal(c->slides[0].domain, 1);
    content_free(c);
    diag_free(&d);
    fx_rmtree(dir);
}

static void test_domain_files(void **state)
{
    (void)state;
    char *dir = fx_good_tree();
    diag_list d;
    fx_write(dir, "domains/entwurf.yaml", mob_ok);
    fx_write(dir, "domains/alt.yml", mob_ok);
    fx_write(dir, "domains/README.md", "notes");
    fx_write(dir, "domains/.entwurf.yaml.swp", "x");
    kcontent *c = load(dir, &d);
    /* Warnings only: the content is still shown. */
    assert_non_null(c);
    assert_int_equal(d.errors, 0);
    assert_int_equal(d.warnings, 2);
    assert_diag(&d, "domains/entwurf.yaml: warning: domain 'entwurf' is not in the menu of "
                    "kiosk.yaml and is not shown");
    assert_diag(&d, "domains/alt.yml: warning: ignored: domain files end in .yaml");
    assert_int_equal(c->n_domains, 2);
    content_free(c);
    diag_free(&d);

    /* A file not in the menu is still checked. */
    fx_write(dir, "domains/entwurf.yaml", "title: x\n");
    assert_null(load(dir, &d));
    assert_diag(&d, "domains/entwurf.yaml:1:1: error: missing required key 'summary'");
    diag_free(&d);
    fx_remove(dir, "domains/entwurf.yaml");

    fx_write(dir, "domains/Gross.yaml", mob_ok);
    assert_null(load(dir, &d));
    assert_diag(&d, "domains/Gross.yaml: error: invalid domain file name: the name before .yaml is "
                    "the domain's id, 1 to 64 characters a-z, 0-9, '-' and '_'");
    assert_int_equal(d.errors, 1);
    diag_free(&d);
    fx_remove(dir, "domains/Gross.yaml");

    /* A folder where a domain file should be. */
    fx_remove(dir, MOB);
    char path[1024];
    snprintf(path, sizeof(path), "%s/" MOB, dir);
    assert_int_equal(mkdir(path, 0755), 0);
    assert_null(load(dir, &d));
    assert_diag(&d, MOB ": error: not a regular file");
    assert_int_equal(d.errors, 1);
    diag_free(&d);
    fx_rmtree(dir);
}

static void test_pages_and_blocks(void **state)
{
    (void)state;
    expect_block_error("      - heading: H\n        paragraph: P\n",
                       MOB ":9:9: error: 'paragraph' cannot share a block with 'heading'; start a "
                           "new block with '- paragraph:'");
    expect_block_error("      - paragraf: P\n",
                       MOB ":8:9: error: unknown key 'paragraf' (did you mean 'paragraph'?)");
    expect_block_error("      - text: T\n",
                       MOB ":8:9: error: a block needs one of heading, paragraph, bullets, fact, "
                           "image or link");
    expect_block_error("      - fact: 150+\n",
                       MOB ":8:9: error: missing required key 'text' (a fact block needs it)");
    expect_block_error("      - link: https://example.org\n",
                       MOB ":8:9: error: missing required key 'label' (a link block needs it)");
    expect_block_error("      - paragraph: P\n        caption: C\n",
                       MOB ":9:9: error: a paragraph block has no 'caption'");
    expect_block_error("      - image: images/logo.png\n        captoin: C\n",
                       MOB ":9:9: error: unknown key 'captoin' (did you mean 'caption'?)");
    expect_block_error("      - bullets: []\n",
                       MOB ":8:18: error: the list of bullet points is empty");
    expect_block_error("      - bullets: eins\n",
                       MOB ":8:18: error: expected a list of bullet points, got a string");
    expect_block_error("      - bullets:\n          - eins\n          - [zwei]\n", MOB
                       ":10:13: error: expected a text (a string or a mapping of languages), got "
                       "a list");
    expect_block_error("      - Text\n", MOB
                       ":8:9: error: expected a block (heading, paragraph, bullets, fact, image "
                       "or link), got a string");
    expect_error(MOB,
                 "title: M\nsummary: B\ncolor: \"#2a9d8f\"\npages:\n  - id: start\n"
                 "    title: Start\n    blocks: []\n",
                 MOB ":7:13: error: the list of blocks is empty");
    expect_error(MOB, "title: M\nsummary: B\ncolor: \"#2a9d8f\"\npages: []\n",
                 MOB ":4:8: error: the list of pages is empty");
    expect_error(MOB, "title: M\nsummary: B\ncolor: \"#2a9d8f\"\npages:\n  - start\n",
                 MOB ":5:5: error: expected a page (a mapping with id, title and blocks), got a "
                     "string");
}

static void test_links(void **state)
{
    (void)state;
    expect_block_error("      - link: ftp://example.org\n        label: L\n",
                       MOB ":8:15: error: web address 'ftp://example.org' must start with https:// "
                           "or http://");
    expect_block_error("      - link: www.example.org\n        label: L\n",
                       MOB ":8:15: error: web address 'www.example.org' must start with https:// "
                           "or http://");
    expect_block_error("      - link: \"https://example.org/a b\"\n        label: L\n", MOB
                       ":8:15: error: web address 'https://example.org/a b' contains a space or "
                       "control character");
    expect_block_error("      - link: \"https://example.org/\\ta\"\n        label: L\n",
                       MOB ":8:15: error: web address 'https://example.org/?a' contains a space or "
                           "control character");
    expect_block_error("      - link: https:///pfad\n        label: L\n",
                       MOB ":8:15: error: web address 'https:///pfad' has no host name");
    expect_block_error("      - link: [https://example.org]\n        label: L\n",
                       MOB ":8:15: error: expected a web address, got a list");
    char blocks[3000] = "      - link: https://example.org/";
    size_t n = strlen(blocks);
    memset(blocks + n, 'a', KIOSK_MAX_URL);
    snprintf(blocks + n + KIOSK_MAX_URL, sizeof(blocks) - n - KIOSK_MAX_URL,
             "\n        label: L\n");
    expect_block_error(blocks, MOB ":8:15: error: web address is longer than 2048 bytes");
}

static void expect_image_error(const char *path, const char *want)
{
    char text[1024];
    snprintf(text, sizeof(text), "%s      - image: %s\n", mob_head, path);
    expect_error(MOB, text, want);
}

static void test_images(void **state)
{
    (void)state;
    expect_image_error("/etc/passwd.png",
                       MOB ":8:16: error: image path '/etc/passwd.png' is absolute; write it "
                           "relative to the content folder");
    expect_image_error("images/../../x.png",
                       MOB ":8:16: error: image path 'images/../../x.png' contains '..'; images "
                           "must stay inside the content folder");
    expect_image_error("'images\\logo.png'",
                       MOB ":8:16: error: image path 'images\\logo.png' contains '\\'; use '/' "
                           "between folders");
    expect_image_error("images//logo.png", MOB
                       ":8:16: error: image path 'images//logo.png' has an empty or '.' segment");
    expect_image_error("./images/logo.png",
                       MOB ":8:16: error: image path './images/logo.png' has an empty or '.' "
                           "segment");
    expect_image_error("images/logo.gif",
                       MOB ":8:16: error: image 'images/logo.gif' has an unsupported type; use "
                           ".png, .jpg or .jpeg");
    expect_image_error("images/fehlt.png", MOB ":8:16: error: image 'images/fehlt.png' not found");
    expect_image_error("images/logo.png/x.png",
                       MOB ":8:16: error: image 'images/logo.png/x.png' not found");
    expect_image_error("\"images/\\t.png\"", MOB ":8:16: error: image path contains a control "
                                                 "character");
    char longpath[400];
    memset(longpath, 'a', KIOSK_MAX_PATH);
    snprintf(longpath + KIOSK_MAX_PATH, sizeof(longpath) - KIOSK_MAX_PATH, ".png");
    expect_image_error(longpath, MOB ":8:16: error: image path is longer than 256 bytes");

    char *dir = fx_good_tree();
    char text[2048], path[1024], target[1024];
    diag_list d;
    struct {
        const char *rel;
        const char *want;
    } cases[] = {
        {"images/ordner.png", MOB ":8:16: error: image 'images/ordner.png' is not a regular file"},
        {"images/gross.png", MOB ":8:16: error: image 'images/gross.png' is too big (16777217 "
                                 "bytes; the limit is 16 MiB)"},
        {"images/raus.png", MOB ":8:16: error: image 'images/raus.png' is outside the content "
                                "folder (through a symbolic link)"},
        {"images/text.png", MOB ":8:16: error: image 'images/text.png' is not a PNG file"},
        {"images/foto.jpg", MOB ":8:16: error: image 'images/foto.jpg' is not a JPEG file"},
        {"images/leer.jpeg", MOB ":8:16: error: image 'images/leer.jpeg' is not a JPEG file"},
        {"images/kaputt.png", MOB ":8:16: error: image 'images/kaputt.png' not found"},
    };
    snprintf(path, sizeof(path), "%s/images/ordner.png", dir);
    assert_int_equal(mkdir(path, 0755), 0);
    snprintf(path, sizeof(path), "%s/images/gross.png", dir);
    int fd = open(path, O_WRONLY | O_CREAT, 0644);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, "\x89PNG\r\n\x1a\n", 8), 8);
    assert_int_equal(ftruncate(fd, KIOSK_MAX_IMAGE_BYTES + 1), 0); /* sparse: costs no disk */
    close(fd);
    /* A symbolic link that leaves the tree, to a real PNG elsewhere. */
    char *outside = fx_good_tree();
    snprintf(target, sizeof(target), "%s/images/logo.png", outside);
    snprintf(path, sizeof(path), "%s/images/raus.png", dir);
    assert_int_equal(symlink(target, path), 0);
    fx_write(dir, "images/text.png", "not an image");
    fx_write(dir, "images/foto.jpg", "\x89PNG\r\n\x1a\n");
    fx_write(dir, "images/leer.jpeg", "");
    snprintf(path, sizeof(path), "%s/images/kaputt.png", dir);
    assert_int_equal(symlink("nirgends.png", path), 0);
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        snprintf(text, sizeof(text), "%s      - image: %s\n", mob_head, cases[i].rel);
        fx_write(dir, MOB, text);
        kcontent *c = load(dir, &d);
        if (c || d.errors != 1 || !fx_has_line(&d, cases[i].want))
            fail_msg("wanted exactly:\n  %s\ngot:\n%s", cases[i].want, fx_diags(&d));
        diag_free(&d);
    }
    /* A symbolic link inside the tree is fine, and so is a JPEG. */
    snprintf(path, sizeof(path), "%s/images/auch.png", dir);
    assert_int_equal(symlink("logo.png", path), 0);
    fx_write(dir, "images/foto.jpg", "\xFF\xD8\xFF\xE0 JFIF");
    snprintf(text, sizeof(text),
             "%s      - image: images/auch.png\n      - image: images/foto.jpg\n", mob_head);
    fx_write(dir, MOB, text);
    kcontent *c = load(dir, &d);
    if (!c || d.n)
        fail_msg("refused:\n%s", fx_diags(&d));
    assert_string_equal(c->domains[1].pages[0].blocks[0].image, "images/auch.png");
    content_free(c);
    diag_free(&d);
    /* A YAML file may not leave the tree either. */
    fx_remove(dir, MOB);
    snprintf(target, sizeof(target), "%s/" MOB, outside);
    snprintf(path, sizeof(path), "%s/" MOB, dir);
    assert_int_equal(symlink(target, path), 0);
    assert_null(load(dir, &d));
    assert_diag(&d, MOB ": error: file is outside the content folder (through a symbolic link)");
    diag_free(&d);
    fx_rmtree(outside);
    fx_rmtree(dir);
}

/* Pictures (slide and domain `image:`): PNG, JPEG or SVG; the SVG must be
 * one, closed and sized. Icons, logos and page images stay PNG or JPEG. */
static void test_pictures(void **state)
{
    (void)state;
    char *dir = fx_good_tree();
    static const char svg_ok[] =
        "<?xml version=\"1.0\"?>\n<!-- a drawing -->\n"
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 100 50\">"
        "<rect width=\"100\" height=\"50\" fill=\"#0f4c81\"/></svg>\n";
    fx_write(dir, "images/bild.svg", svg_ok);
    fx_write(dir, "images/html.svg", "<html><body>no</body></html>\n");
    fx_write(dir, "images/halb.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" "
                                     "viewBox=\"0 0 10 10\"><rect width=\"10\" height=\"");
    fx_write(dir, "images/offen.svg", "<svg viewBox=\"0 0 10 10\"");
    fx_write(dir, "images/ohne.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>");
    fx_write_bytes(dir, "images/png.svg", "\x89PNG\r\n\x1a\n\0\0", 10);
    struct {
        const char *rel, *want;
    } cases[] = {
        {"images/fehlt.svg", MOB ":2:8: error: image 'images/fehlt.svg' not found"},
        {"images/bild.gif", MOB ":2:8: error: image 'images/bild.gif' has an unsupported type; use "
                                ".png, .jpg, .jpeg or .svg"},
        {"images/html.svg", MOB ":2:8: error: image 'images/html.svg' is not an SVG file (it does "
                                "not start with <svg>)"},
        {"images/png.svg", MOB ":2:8: error: image 'images/png.svg' is not an SVG file (it does "
                               "not start with <svg>)"},
        {"images/halb.svg", MOB ":2:8: error: image 'images/halb.svg' is a broken SVG file: it "
                                "ends before </svg>"},
        {"images/offen.svg", MOB ":2:8: error: image 'images/offen.svg' is a broken SVG file: its "
                                 "<svg> tag is not closed"},
        {"images/ohne.svg", MOB ":2:8: error: image 'images/ohne.svg' is an SVG without a size; "
                                "give its <svg> a viewBox"},
    };
    char text[2048];
    diag_list d;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        snprintf(text, sizeof(text), "title: Mobilität\nimage: %s\n%s", cases[i].rel,
                 mob_ok + strlen("title: Mobilität\n"));
        fx_write(dir, MOB, text);
        kcontent *c = load(dir, &d);
        if (c || d.errors != 1 || !fx_has_line(&d, cases[i].want))
            fail_msg("wanted exactly:\n  %s\ngot:\n%s", cases[i].want, fx_diags(&d));
        diag_free(&d);
    }
    /* the same checks for a slide's picture, at its own position */
    fx_write(dir, "attract.yaml",
             "slides:\n  - id: a\n    title: T\n    text: X\n    image: images/halb.svg\n");
    assert_null(load(dir, &d));
    assert_diag(&d, "attract.yaml:5:12: error: image 'images/halb.svg' is a broken SVG file: it "
                    "ends before </svg>");
    diag_free(&d);
    /* an icon is no picture: SVG is not offered there */
    snprintf(text, sizeof(text), "title: Mobilität\nicon: images/bild.svg\n%s",
             mob_ok + strlen("title: Mobilität\n"));
    fx_write(dir, MOB, text);
    assert_null(load(dir, &d));
    assert_diag(&d, MOB ":2:7: error: image 'images/bild.svg' has an unsupported type; use .png, "
                    ".jpg or .jpeg");
    diag_free(&d);
    /* valid: an SVG for the domain and the slide, a JPEG photo too */
    fx_write(dir, "images/foto.jpeg", "\xFF\xD8\xFF\xE0 JFIF");
    snprintf(text, sizeof(text), "title: Mobilität\nimage: images/bild.svg\n%s",
             mob_ok + strlen("title: Mobilität\n"));
    fx_write(dir, MOB, text);
    fx_write(dir, "attract.yaml",
             "slides:\n  - id: a\n    title: T\n    text: X\n    image: images/bild.svg\n"
             "  - id: b\n    title: T\n    text: X\n    image: images/foto.jpeg\n");
    kcontent *c = load(dir, &d);
    if (!c || d.n)
        fail_msg("refused:\n%s", fx_diags(&d));
    assert_string_equal(c->domains[content_domain_index(c, "mobilitaet")].image,
                        "images/bild.svg");
    assert_string_equal(c->slides[0].image, "images/bild.svg");
    assert_string_equal(c->slides[1].image, "images/foto.jpeg");
    content_free(c);
    diag_free(&d);
    fx_rmtree(dir);
}

static void test_attract(void **state)
{
    (void)state;
    expect_error("attract.yaml",
                 "slides:\n  - id: a\n    title: T\n    text: X\n"
                 "  - id: a\n    title: T\n    text: X\n",
                 "attract.yaml:5:9: error: duplicate slide id 'a' (first at line 2, column 9)");
    expect_error("attract.yaml",
                 "slides:\n  - id: a\n    title: T\n    text: X\n    domain: zeitplann\n",
                 "attract.yaml:5:13: error: slide 'a' refers to domain 'zeitplann', which does not "
                 "exist");
    expect_error(
        "attract.yaml", "slides:\n  - id: a\n    title: T\n    text: X\n    duration: \"8\"\n",
        "attract.yaml:5:15: error: expected a whole number of seconds, got a quoted string "
        "(write it without quotes)");
    expect_error(
        "attract.yaml", "slides:\n  - id: a\n    title: T\n    text: X\n    duration: 8.5\n",
        "attract.yaml:5:15: error: expected a whole number of seconds (2 to 120), got '8.5'");
    expect_error("attract.yaml", "slides:\n  - id: a\n    title: T\n    text: X\n    duration:\n",
                 "attract.yaml:5:14: error: expected a whole number of seconds (2 to 120), got "
                 "nothing");
    expect_error("attract.yaml",
                 "slides:\n  - id: a\n    title: T\n    text: X\n    duration: 121\n",
                 "attract.yaml:5:15: error: duration 121 is out of range (2 to 120 seconds)");
    expect_error("attract.yaml", "slides:\n  - id: a\n    title: T\n    text: X\n    duration: 1\n",
                 "attract.yaml:5:15: error: duration 1 is out of range (2 to 120 seconds)");
    expect_error("attract.yaml",
                 "slides:\n  - id: a\n    title: T\n    text: X\n    duration: 99999999999999\n",
                 "attract.yaml:5:15: error: duration 99999999999999 is out of range (2 to 120 "
                 "seconds)");
    expect_error("attract.yaml",
                 "slides:\n  - id: a\n    title: T\n    text: X\n    color: \"#12345\"\n",
                 "attract.yaml:5:12: error: invalid colour '#12345' (expected \"#rrggbb\" or "
                 "\"#rgb\")");
    expect_error("attract.yaml", "slides: []\n",
                 "attract.yaml:1:9: error: the list of slides is empty");
    expect_error("attract.yaml", "slides: [{id: a, title: T, text: X}]\nfolien: []\n",
                 "attract.yaml:2:1: error: unknown key 'folien'");
    expect_error("attract.yaml", "slides:\n  - id: a\n    titel: T\n    text: X\n",
                 "attract.yaml:3:5: error: unknown key 'titel' (did you mean 'title'?)");
    expect_error("attract.yaml", "slides:\n  - leuchtturm\n",
                 "attract.yaml:2:5: error: expected a slide (a mapping with id, title and text), "
                 "got a string");

    /* A slide may point only at a domain that is shown. */
    char *dir = fx_good_tree();
    diag_list d;
    fx_write(dir, "domains/entwurf.yaml", mob_ok);
    fx_write(dir, "attract.yaml",
             "slides:\n  - id: a\n    title: T\n    text: X\n    domain: entwurf\n");
    assert_null(load(dir, &d));
    assert_diag(&d,
                "attract.yaml:5:13: error: slide 'a' refers to domain 'entwurf', which is not in "
                "the menu");
    assert_int_equal(d.errors, 1);
    diag_free(&d);
    fx_rmtree(dir);
}

static void test_count_limits(void **state)
{
    (void)state;
    size_t cap = 64 * 1024, n = 0;
    char *text = malloc(cap);
    n += (size_t)snprintf(text + n, cap - n, "slides:\n");
    for (int i = 0; i <= KIOSK_MAX_SLIDES; i++)
        n += (size_t)snprintf(text + n, cap - n, "  - {id: s%d, title: T, text: X}\n", i);
    expect_error("attract.yaml", text, "attract.yaml:2:3: error: too many slides (65; at most 64)");

    n = (size_t)snprintf(text, cap, "%s", mob_head);
    for (int i = 0; i <= KIOSK_MAX_BLOCKS; i++)
        n += (size_t)snprintf(text + n, cap - n, "      - paragraph: P\n");
    expect_error(MOB, text, MOB ":8:7: error: too many blocks (513; at most 512)");

    n = (size_t)snprintf(text, cap, "title: M\nsummary: B\ncolor: \"#2a9d8f\"\npages:\n");
    for (int i = 0; i <= KIOSK_MAX_PAGES; i++)
        n += (size_t)snprintf(text + n, cap - n,
                              "  - {id: p%d, title: T, blocks: [paragraph: P]}\n", i);
    expect_error(MOB, text, MOB ":5:3: error: too many pages (257; at most 256)");
    free(text);
}

static void test_domain_limits(void **state)
{
    (void)state;
    char *dir = fx_good_tree();
    diag_list d;
    /* More domains in the menu than the kiosk shows. */
    size_t cap = 8192, n = 0;
    char *text = malloc(cap);
    n += (size_t)snprintf(text + n, cap - n,
                          "schema: 1\ntitle: T\norganisation: O\ninvitation: I\nmenu_title: M\n"
                          "menu:\n");
    for (int i = 0; i <= KIOSK_MAX_DOMAINS; i++)
        n += (size_t)snprintf(text + n, cap - n, "  - d%d\n", i);
    fx_write(dir, "kiosk.yaml", text);
    free(text);
    assert_null(load(dir, &d));
    assert_diag(&d, "kiosk.yaml:7:3: error: too many domain ids (65; at most 64)");
    assert_int_equal(d.errors, 1);
    diag_free(&d);
    fx_rmtree(dir);

    /* A domains folder with more files than a content tree may hold. */
    dir = fx_good_tree();
    char first[512], path[512];
    snprintf(first, sizeof(first), "%s/domains/notiz.txt", dir);
    fx_write(dir, "domains/notiz.txt", "");
    for (int i = 0; i < KIOSK_MAX_FILES; i++) { /* hard links: one cheap call each */
        snprintf(path, sizeof(path), "%s/domains/notiz-%d.txt", dir, i);
        assert_int_equal(link(first, path), 0);
    }
    assert_null(load(dir, &d));
    assert_diag(&d, "domains: error: more than 4096 files in this folder");
    diag_free(&d);
    fx_rmtree(dir);
}

static void test_file_limits(void **state)
{
    (void)state;
    char *dir = fx_good_tree();
    diag_list d;
    size_t n = KIOSK_MAX_FILE_BYTES + 1;
    char *big = malloc(n);
    memset(big, '#', n);
    fx_write_bytes(dir, "attract.yaml", big, n);
    free(big);
    assert_null(load(dir, &d));
    assert_diag(&d, "attract.yaml: error: file is too big (1048577 bytes; the limit is 1048576)");
    assert_int_equal(d.errors, 1);
    diag_free(&d);

    fx_write(dir, "attract.yaml", "");
    assert_null(load(dir, &d));
    assert_diag(&d, "attract.yaml: error: file is empty");
    assert_int_equal(d.errors, 1);
    diag_free(&d);

    fx_write(dir, "attract.yaml", "slides:\n  - id: a\n    title: Gr\xfc\xdf\x65\n");
    assert_null(load(dir, &d));
    assert_diag(&d, "attract.yaml:3:14: error: invalid UTF-8 (byte 0xFC); save the file as UTF-8");
    assert_int_equal(d.errors, 1);
    diag_free(&d);
    fx_rmtree(dir);
}

/* A syntax error stops only its file: the others are still checked and all
 * problems come out sorted by file and position. */
static void test_every_problem_reported(void **state)
{
    (void)state;
    char *dir = fx_good_tree();
    diag_list d;
    fx_write(dir, MOB, "title: [Mobilität\nsummary: x\n");
    fx_write(dir, "attract.yaml",
             "slides:\n  - id: a\n    title: T\n    text: X\n    duration: 1\n"
             "  - id: B\n    title: T\n    text: X\n");
    fx_write(dir, "domains/energie.yaml",
             "title: E\nsumary: S\ncolor: \"#fff\"\npages:\n  - id: p\n    title: P\n"
             "    blocks:\n      - link: mailto:x@example.org\n        label: Mail\n");
    assert_null(load(dir, &d));
    const char *want =
        "attract.yaml:5:15: error: duration 1 is out of range (2 to 120 seconds)\n"
        "attract.yaml:6:9: error: invalid id 'B': use 1 to 64 characters a-z, 0-9, "
        "'-' and '_', starting with a letter or digit\n"
        "domains/energie.yaml:2:1: error: unknown key 'sumary' (did you mean "
        "'summary'?)\n"
        "domains/energie.yaml:8:15: error: web address 'mailto:x@example.org' must "
        "start with https:// or http://\n"
        "domains/mobilitaet.yaml:2:8: error: did not find expected ',' or ']' (while "
        "parsing a flow sequence that starts at line 1, column 8)\n";
    assert_string_equal(fx_diags(&d), want);
    assert_int_equal(d.errors, 5);
    diag_free(&d);
    fx_rmtree(dir);
}

/* Loading and freeing leaves nothing behind (ASan's leak checker watches),
 * also when a load fails half-way, and hostile files cost bounded work. */
static void test_no_leaks_and_hostile_files(void **state)
{
    (void)state;
    char *dir = fx_good_tree();
    diag_list d;
    for (int i = 0; i < 3; i++) {
        kcontent *c = load(dir, &d);
        assert_non_null(c);
        content_free(c);
        diag_free(&d);
    }
    fx_write(dir, "attract.yaml",
             "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
             "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
             "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
             "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n");
    assert_null(load(dir, &d));
    assert_diag(&d, "attract.yaml:1:4: error: YAML anchors ('&a') are not supported in content; "
                    "write the value out");
    diag_free(&d);

    unsigned char bin[2048];
    uint32_t x = 7;
    for (size_t i = 0; i < sizeof(bin); i++) {
        x = x * 1103515245u + 12345u;
        bin[i] = (unsigned char)(x >> 16);
    }
    fx_write_bytes(dir, "attract.yaml", bin, sizeof(bin));
    fx_write_bytes(dir, MOB, bin + 1, sizeof(bin) - 1);
    assert_null(load(dir, &d));
    assert_true(d.errors >= 2);
    diag_free(&d);
    fx_rmtree(dir);
}

/* The bid's content offers Leichte Sprache where the accessibility
 * requirements ask for it: every slide of the attract loop and every
 * domain's title and summary. */
static void test_bundled_content_has_leichte_sprache(void **state)
{
    (void)state;
    diag_list d;
    diag_init(&d);
    kcontent *c = content_load("content", &d);
    assert_non_null(c);
    assert_int_equal(d.errors, 0);
    assert_true(c->n_slides >= 4);
    for (size_t i = 0; i < c->n_slides; i++) {
        if (!ktext_has(&c->slides[i].title, LANG_LS) || !ktext_has(&c->slides[i].text, LANG_LS))
            fail_msg("slide %s has no Leichte Sprache", c->slides[i].id);
    }
    for (size_t i = 0; i < c->n_domains; i++) {
        if (!ktext_has(&c->domains[i].title, LANG_LS) || !ktext_has(&c->domains[i].summary, LANG_LS))
            fail_msg("domain %s has no Leichte Sprache title or summary", c->domains[i].id);
    }
    content_free(c);
    diag_free(&d);
}

/* as_of: "YYYY-MM" in kiosk.yaml (the default), a domain, a slide; a slide
 * without one takes its domain's. A bad month is an error at its value. */
static void test_as_of(void **state)
{
    (void)state;
    const char *head = "schema: 1\ntitle: T\norganisation: O\ninvitation: I\nmenu_title: M\n";
    char text[2048];
    static const struct {
        const char *value, *want;
    } bad[] = {
        {"2017-13", "'2017-13' is not a month: the year is 1900 to 2999, the month 01 to 12"},
        {"März 2017", "'März 2017' is not a month: write it as YYYY-MM (e.g. \"2017-03\")"},
        {"2017-3", "'2017-3' is not a month: write it as YYYY-MM (e.g. \"2017-03\")"},
        {"[2017]", "expected a month as YYYY-MM (e.g. \"2017-03\"), got a list"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char want[256];
        snprintf(text, sizeof(text), "%sas_of: %s\nmenu: [energie, mobilitaet]\n", head,
                 bad[i].value);
        snprintf(want, sizeof want, "kiosk.yaml:6:8: error: %s", bad[i].want);
        expect_error("kiosk.yaml", text, want);
    }
    snprintf(text, sizeof(text), "as_of: \"0000-01\"\n%s", mob_ok);
    expect_error(MOB, text,
                 MOB ":1:8: error: '0000-01' is not a month: the year is 1900 to 2999, the month "
                 "01 to 12");
    expect_error("attract.yaml",
                 "slides:\n  - id: a\n    title: T\n    text: X\n    as_of: \"2017-00\"\n",
                 "attract.yaml:5:12: error: '2017-00' is not a month: the year is 1900 to 2999, "
                 "the month 01 to 12");

    /* kiosk.yaml's is every domain's default; a domain's, its slides' */
    char *dir = fx_good_tree();
    snprintf(text, sizeof(text), "%sas_of: \"2017-03\"\nmenu: [energie, mobilitaet]\n", head);
    fx_write(dir, "kiosk.yaml", text);
    snprintf(text, sizeof(text), "%sas_of: 2019-07\n", mob_ok);
    fx_write(dir, MOB, text);
    fx_write(dir, "attract.yaml",
             "slides:\n"
             "  - {id: a, title: T, text: X, domain: mobilitaet}\n"
             "  - {id: b, title: T, text: X, domain: mobilitaet, as_of: 2017-06}\n"
             "  - {id: c, title: T, text: X}\n"
             "  - {id: d, title: T, text: X, domain: energie}\n");
    diag_list d;
    kcontent *c = load(dir, &d);
    if (!c || d.n)
        fail_msg("%s", fx_diags(&d));
    assert_int_equal(c->as_of.year, 2017);
    assert_int_equal(c->as_of.month, 3);
    assert_int_equal(c->domains[0].as_of.month, 3);  /* energie: the default */
    assert_int_equal(c->domains[1].as_of.year, 2019); /* mobilitaet: its own */
    assert_int_equal(c->domains[1].as_of.month, 7);
    assert_int_equal(c->slides[0].as_of.year, 2019); /* its domain's */
    assert_int_equal(c->slides[1].as_of.month, 6);   /* its own */
    assert_int_equal(c->slides[2].as_of.month, 3);   /* no domain: the default */
    assert_int_equal(c->slides[3].as_of.month, 3);
    content_free(c);
    diag_free(&d);
    /* none anywhere: no date */
    restore(dir, "kiosk.yaml");
    restore(dir, MOB);
    restore(dir, "attract.yaml");
    c = load(dir, &d);
    assert_non_null(c);
    assert_int_equal(c->as_of.year, 0);
    assert_int_equal(c->domains[1].as_of.year, 0);
    assert_int_equal(c->slides[0].as_of.year, 0);
    content_free(c);
    diag_free(&d);
    fx_rmtree(dir);
}

/* Every text and image path of the model keeps where it was written, so a
 * problem found after loading (kiosk --check) names its line and column. */
static void test_sources(void **state)
{
    (void)state;
    diag_list d;
    kcontent *c = load("tests/fixtures/good", &d);
    assert_non_null(c);
    const kdomain *e = &c->domains[0]; /* energie */
    const ksource *k = content_source(c, e->title.t[LANG_EN]);
    assert_non_null(k);
    assert_string_equal(k->file, "domains/energie.yaml");
    assert_int_equal(k->line, 3);
    assert_int_equal(k->col, 7);
    k = content_source(c, e->icon);
    assert_non_null(k);
    assert_int_equal(k->line, 8);
    assert_int_equal(k->col, 7);
    /* a pointer into the middle of a text (a wrapped line) */
    k = content_source(c, c->domains[0].pages[0].blocks[1].text.t[LANG_DE] + 6);
    assert_non_null(k);
    assert_int_equal(k->line, 19);
    assert_int_equal(k->col, 15);
    /* a copy (a hyphenated line): found by its bytes */
    k = content_source_find(c, "Touch the screen to", 19);
    assert_non_null(k);
    assert_string_equal(k->file, "kiosk.yaml");
    assert_int_equal(k->line, 10);
    assert_null(content_source_find(c, "nirgends geschrieben", 20));
    static const char elsewhere[] = "Energie";
    assert_null(content_source(c, elsewhere));
    content_free(c);
    diag_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good_tree),
        cmocka_unit_test(test_used_files),
        cmocka_unit_test(test_bundled_content),
        cmocka_unit_test(test_block_styles),
        cmocka_unit_test(test_model_helpers),
        cmocka_unit_test(test_missing_dir_and_files),
        cmocka_unit_test(test_keys),
        cmocka_unit_test(test_texts),
        cmocka_unit_test(test_ids),
        cmocka_unit_test(test_colours),
        cmocka_unit_test(test_kiosk_file),
        cmocka_unit_test(test_domain_files),
        cmocka_unit_test(test_pages_and_blocks),
        cmocka_unit_test(test_links),
        cmocka_unit_test(test_images),
        cmocka_unit_test(test_attract),
        cmocka_unit_test(test_count_limits),
        cmocka_unit_test(test_domain_limits),
        cmocka_unit_test(test_file_limits),
        cmocka_unit_test(test_every_problem_reported),
        cmocka_unit_test(test_no_leaks_and_hostile_files),
        cmocka_unit_test(test_bundled_content_has_leichte_sprache),
        cmocka_unit_test(test_pictures),
        cmocka_unit_test(test_as_of),
        cmocka_unit_test(test_sources),
    };
    return cmocka_run_group_tests(tests, NULL, teardown);
}
