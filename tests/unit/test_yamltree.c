/* Unit tests for yamltree: the DOM, positions, and every refusal. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "arena.h"
#include "fixture.h"
#include "klimits.h"
#include "yamltree.h"

typedef struct parsed {
    arena *a;
    diag_list d;
    ynode *root;
} parsed;

static parsed *parse_n(const char *text, size_t len)
{
    parsed *p = calloc(1, sizeof(*p));
    p->a = arena_new();
    diag_init(&p->d);
    p->root = ytree_parse(p->a, text, len, "t.yaml", &p->d);
    return p;
}

static parsed *parse(const char *text)
{
    return parse_n(text, strlen(text));
}

static void done(parsed *p)
{
    arena_free(p->a);
    diag_free(&p->d);
    free(p);
}

/* Parses text and asserts exactly one diagnostic, want. */
static void expect_one(const char *text, size_t len, const char *want, int usable)
{
    parsed *p = parse_n(text, len);
    if (p->d.n != 1 || !fx_has_line(&p->d, want))
        fail_msg("wanted exactly:\n  %s\ngot:\n%s", want, fx_diags(&p->d));
    assert_int_equal(p->d.errors, 1);
    if (usable)
        assert_non_null(p->root);
    else
        assert_null(p->root);
    done(p);
}

static void test_tree_and_positions(void **state)
{
    (void)state;
    parsed *p = parse("# comment\n"
                      "name: Kaiserslautern\n"
                      "count: 8\n"
                      "quoted: \"8\"\n"
                      "list:\n"
                      "  - a\n"
                      "  - b: c\n"
                      "flow: [x, 'y']\n"
                      "empty:\n"
                      "text: |\n"
                      "  Zeile eins\n"
                      "umlaut: Übergröße\n");
    assert_int_equal(p->d.n, 0);
    assert_non_null(p->root);
    assert_int_equal(p->root->kind, YNODE_MAP);
    assert_int_equal(p->root->n, 8);
    assert_int_equal(p->root->line, 2);
    assert_int_equal(p->root->col, 1);

    ynode *name = ymap_get(p->root, "name");
    assert_string_equal(name->str, "Kaiserslautern");
    assert_int_equal(name->line, 2);
    assert_int_equal(name->col, 7);
    ynode *key = ymap_key(p->root, "count");
    assert_int_equal(key->line, 3);
    assert_int_equal(key->col, 1);

    long v = 0;
    assert_int_equal(ynode_int(ymap_get(p->root, "count"), &v), 0);
    assert_int_equal(v, 8);
    assert_string_equal(ynode_describe(ymap_get(p->root, "count")), "a number");
    ynode *q = ymap_get(p->root, "quoted");
    assert_false(q->plain);
    assert_int_equal(ynode_int(q, &v), -1);
    assert_string_equal(ynode_describe(q), "a string");

    ynode *list = ymap_get(p->root, "list");
    assert_int_equal(list->kind, YNODE_SEQ);
    assert_int_equal(list->n, 2);
    assert_int_equal(list->items[1]->kind, YNODE_MAP);
    assert_int_equal(list->items[1]->line, 7);
    assert_int_equal(list->items[1]->col, 5);
    assert_string_equal(ymap_get(list->items[1], "b")->str, "c");
    assert_string_equal(ynode_describe(list), "a list");

    ynode *flow = ymap_get(p->root, "flow");
    assert_int_equal(flow->n, 2);
    assert_true(flow->items[0]->plain);
    assert_false(flow->items[1]->plain);
    assert_int_equal(flow->items[1]->col, 11);

    assert_true(ynode_is_null(ymap_get(p->root, "empty")));
    assert_string_equal(ynode_describe(ymap_get(p->root, "empty")), "nothing");
    assert_string_equal(ymap_get(p->root, "text")->str, "Zeile eins\n");
    assert_false(ymap_get(p->root, "text")->plain);
    assert_string_equal(ymap_get(p->root, "umlaut")->str, "Übergröße");
    assert_null(ymap_get(p->root, "missing"));
    assert_null(ymap_get(name, "x")); /* not a mapping */
    done(p);
}

static void test_int_forms(void **state)
{
    (void)state;
    parsed *p = parse("a: -3\nb: +4\nc: 1.5\nd: 12a\ne: 0x10\nf: \"-\"\n");
    long v;
    assert_int_equal(ynode_int(ymap_get(p->root, "a"), &v), 0);
    assert_int_equal(v, -3);
    assert_int_equal(ynode_int(ymap_get(p->root, "b"), &v), 0);
    assert_int_equal(v, 4);
    assert_int_equal(ynode_int(ymap_get(p->root, "c"), &v), -1);
    assert_int_equal(ynode_int(ymap_get(p->root, "d"), &v), -1);
    assert_int_equal(ynode_int(ymap_get(p->root, "e"), &v), -1);
    assert_int_equal(ynode_int(ymap_get(p->root, "f"), &v), -1);
    assert_int_equal(ynode_int(NULL, &v), -1);
    done(p);
    p = parse("a: ~\nb: null\nc: ''\nd: NULL\n");
    assert_true(ynode_is_null(ymap_get(p->root, "a")));
    assert_true(ynode_is_null(ymap_get(p->root, "b")));
    assert_false(ynode_is_null(ymap_get(p->root, "c"))); /* quoted: an empty string */
    assert_true(ynode_is_null(ymap_get(p->root, "d")));
    done(p);
}

static void test_syntax_errors(void **state)
{
    (void)state;
    const char *t = "a: [1, 2\nb: 3\n";
    expect_one(t, strlen(t),
               "t.yaml:2:2: error: did not find expected ',' or ']' (while parsing a flow sequence "
               "that starts at line 1, column 4)",
               0);
    t = "a: b: c\n";
    expect_one(t, strlen(t), "t.yaml:1:5: error: mapping values are not allowed in this context",
               0);
    t = "a:\n  - x\n b: y\n";
    expect_one(t, strlen(t),
               "t.yaml:3:2: error: did not find expected key (while parsing a block mapping that "
               "starts at line 1, column 1)",
               0);
    t = "a: \"open\n";
    expect_one(t, strlen(t),
               "t.yaml:2:1: error: found unexpected end of stream (while scanning a quoted scalar "
               "that starts at line 1, column 4)",
               0);
    t = "a:\tb\n\tc: d\n";
    parsed *p = parse(t);
    assert_null(p->root);
    assert_int_equal(p->d.errors, 1);
    done(p);
}

static void test_duplicate_and_nonscalar_keys(void **state)
{
    (void)state;
    const char *t = "title: a\nsummary: b\ntitle: c\n";
    parsed *p = parse(t);
    assert_diag(&p->d, "t.yaml:3:1: error: duplicate key 'title' (first at line 1, column 1)");
    assert_int_equal(p->d.n, 1);
    /* The first value stays; the tree is still usable. */
    assert_non_null(p->root);
    assert_int_equal(p->root->n, 2);
    assert_string_equal(ymap_get(p->root, "title")->str, "a");
    done(p);

    t = "x:\n  de: a\n  \"de\": b\n";
    expect_one(t, strlen(t), "t.yaml:3:3: error: duplicate key 'de' (first at line 2, column 3)",
               1);
    t = "? [a, b]\n: 1\nc: 2\n";
    p = parse(t);
    assert_diag(&p->d, "t.yaml:1:3: error: a key must be a string, not a list");
    assert_int_equal(p->root->n, 1);
    done(p);
    t = "{a: 1}: x\n";
    expect_one(t, strlen(t), "t.yaml:1:1: error: a key must be a string, not a mapping", 1);
}

static void test_many_keys(void **state)
{
    (void)state;
    /* Three times the same key: both repeats point at the first. */
    const char *t = "k: 1\nx: 2\nk: 3\nk: 4\n";
    parsed *p = parse(t);
    assert_int_equal(p->d.errors, 2);
    assert_diag(&p->d, "t.yaml:3:1: error: duplicate key 'k' (first at line 1, column 1)");
    assert_diag(&p->d, "t.yaml:4:1: error: duplicate key 'k' (first at line 1, column 1)");
    assert_int_equal(p->root->n, 2);
    assert_string_equal(p->root->keys[1]->str, "x"); /* order kept */
    assert_string_equal(ymap_get(p->root, "k")->str, "1");
    done(p);

    /* A file full of large mappings (all keys distinct) is accepted, with
     * every key found again by lookup. */
    size_t cap = KIOSK_MAX_FILE_BYTES, n = 0;
    char *buf = malloc(cap);
    int maps = 0;
    while (maps < 20) { /* 20 x 8193 nodes: under KIOSK_MAX_NODES */
        n += (size_t)snprintf(buf + n, cap - n, "m%d:\n", maps++);
        for (int i = 0; i < KIOSK_MAX_ITEMS; i++)
            n += (size_t)snprintf(buf + n, cap - n, " k%d: 1\n", i);
    }
    p = parse_n(buf, n);
    assert_int_equal(p->d.n, 0);
    assert_int_equal(p->root->n, maps);
    ynode *last = ymap_get(p->root, "m0");
    assert_int_equal(last->n, KIOSK_MAX_ITEMS);
    assert_string_equal(ymap_get(last, "k4095")->str, "1");
    done(p);
    free(buf);
}

static void test_anchors_aliases_tags(void **state)
{
    (void)state;
    const char *t = "a: &x 1\nb: *x\n";
    expect_one(t, strlen(t),
               "t.yaml:1:4: error: YAML anchors ('&x') are not supported in content; write the "
               "value out",
               0);
    t = "a: *x\n";
    expect_one(t, strlen(t),
               "t.yaml:1:4: error: YAML aliases ('*x') are not supported in content; write the "
               "value out",
               0);
    t = "a: !!str 1\n";
    expect_one(t, strlen(t),
               "t.yaml:1:4: error: YAML tags ('tag:yaml.org,2002:str') are not supported in "
               "content; quote a string instead",
               1);
    t = "- &l [1]\n";
    expect_one(t, strlen(t),
               "t.yaml:1:3: error: YAML anchors ('&l') are not supported in content; write the "
               "value out",
               0);
}

static void test_billion_laughs(void **state)
{
    (void)state;
    const char *t =
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
        "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
        "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
        "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
        "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
        "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
        "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
        "i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n";
    parsed *p = parse(t);
    assert_null(p->root);
    assert_int_equal(p->d.errors, 1);
    assert_diag(&p->d, "t.yaml:1:4: error: YAML anchors ('&a') are not supported in content; "
                       "write the value out");
    assert_true(arena_used(p->a) < 4096); /* nothing was expanded */
    done(p);
}

static void test_documents(void **state)
{
    (void)state;
    const char *t = "a: 1\n---\nb: 2\n";
    expect_one(
        t, strlen(t),
        "t.yaml:2:1: error: more than one YAML document in this file ('---' starts a new one)", 0);
    parsed *p = parse("---\na: 1\n...\n");
    assert_int_equal(p->d.n, 0);
    assert_non_null(p->root);
    done(p);
}

static void test_empty_and_top_level(void **state)
{
    (void)state;
    expect_one("", 0, "t.yaml: error: file is empty", 0);
    const char *t = "# nur ein Kommentar\n\n   \n";
    expect_one(t, strlen(t), "t.yaml: error: file is empty", 0);
    t = "---\n";
    expect_one(t, strlen(t), "t.yaml: error: file is empty", 0);
    t = "- a\n- b\n";
    expect_one(t, strlen(t),
               "t.yaml:1:1: error: expected a mapping ('key: value' lines) at the top level, got a "
               "list",
               0);
    t = "\n  hello\n";
    expect_one(t, strlen(t),
               "t.yaml:2:3: error: expected a mapping ('key: value' lines) at the top level, got a "
               "string",
               0);
}

static void test_depth(void **state)
{
    (void)state;
    char buf[256];
    /* KIOSK_MAX_DEPTH levels (the top mapping plus 31 lists) are fine. */
    size_t n = 0;
    n += (size_t)snprintf(buf, sizeof(buf), "a: ");
    for (int i = 0; i < KIOSK_MAX_DEPTH - 1; i++)
        buf[n++] = '[';
    for (int i = 0; i < KIOSK_MAX_DEPTH - 1; i++)
        buf[n++] = ']';
    parsed *p = parse_n(buf, n);
    assert_int_equal(p->d.n, 0);
    assert_non_null(p->root);
    done(p);
    /* One more is refused at the opening bracket that goes too deep. */
    n = (size_t)snprintf(buf, sizeof(buf), "a: ");
    for (int i = 0; i < KIOSK_MAX_DEPTH; i++)
        buf[n++] = '[';
    for (int i = 0; i < KIOSK_MAX_DEPTH; i++)
        buf[n++] = ']';
    expect_one(buf, n, "t.yaml:1:35: error: nesting is deeper than 32 levels", 0);
}

static void test_depth_bomb(void **state)
{
    (void)state;
    size_t n = KIOSK_MAX_FILE_BYTES / 2;
    char *buf = malloc(n);
    memcpy(buf, "a: ", 3);
    memset(buf + 3, '[', n - 3);
    parsed *p = parse_n(buf, n);
    assert_null(p->root);
    assert_int_equal(p->d.errors, 1);
    assert_diag(&p->d, "t.yaml:1:35: error: nesting is deeper than 32 levels");
    done(p);
    /* Block style: "- - - - ..." */
    for (size_t i = 0; i + 1 < n; i += 2)
        buf[i] = '-', buf[i + 1] = ' ';
    p = parse_n(buf, n);
    assert_null(p->root);
    assert_int_equal(p->d.errors, 1);
    assert_diag(&p->d, "t.yaml:1:65: error: nesting is deeper than 32 levels");
    done(p);
    free(buf);
}

static void test_huge_scalar(void **state)
{
    (void)state;
    size_t n = 3 + KIOSK_MAX_SCALAR + 1;
    char *buf = malloc(n);
    memcpy(buf, "a: ", 3);
    memset(buf + 3, 'x', n - 3);
    expect_one(buf, n, "t.yaml:1:4: error: string is longer than 65536 bytes (65537)", 0);
    parsed *p = parse_n(buf, n - 1); /* exactly the limit is fine */
    assert_int_equal(p->d.n, 0);
    assert_int_equal(ymap_get(p->root, "a")->len, KIOSK_MAX_SCALAR);
    done(p);
    free(buf);
}

static void test_too_many_items(void **state)
{
    (void)state;
    size_t cap = 3 + 2 * (KIOSK_MAX_ITEMS + 1) + 2;
    char *buf = malloc(cap);
    size_t n = 0;
    memcpy(buf, "a: [", 4);
    n = 4;
    for (int i = 0; i <= KIOSK_MAX_ITEMS; i++) {
        buf[n++] = '1';
        buf[n++] = ',';
    }
    buf[n - 1] = ']';
    expect_one(buf, n, "t.yaml:1:4: error: list has more than 4096 entries", 0);
    free(buf);
}

static void test_too_many_nodes(void **state)
{
    (void)state;
    /* 50 lists of 4001 numbers: more than 200000 nodes in under 1 MiB. */
    size_t cap = 50 * (4 + 2 * 4001) + 16, n = 0;
    char *buf = malloc(cap);
    for (int l = 0; l < 50; l++) {
        memcpy(buf + n, "- [", 3);
        n += 3;
        for (int i = 0; i < 4001; i++) {
            buf[n++] = '1';
            buf[n++] = ',';
        }
        buf[n - 1] = ']';
        buf[n++] = '\n';
    }
    char *doc = malloc(n + 8);
    memcpy(doc, "a:\n", 3);
    memcpy(doc + 3, buf, n);
    parsed *p = parse_n(doc, n + 3);
    assert_null(p->root);
    assert_int_equal(p->d.errors, 1);
    assert_true(strstr(fx_diags(&p->d), "error: file has more than 200000 YAML nodes") != NULL);
    done(p);
    free(doc);
    free(buf);
}

static void test_invalid_utf8(void **state)
{
    (void)state;
    const char *t = "a: b\nc: d\xff\n";
    expect_one(t, strlen(t), "t.yaml:2:5: error: invalid UTF-8 (byte 0xFF); save the file as UTF-8",
               0);
    /* The column counts characters, like libyaml's: "ä" is one. */
    t = "x: \xc3\xa4\xc3\xa4\xc3\n";
    expect_one(t, strlen(t), "t.yaml:1:6: error: invalid UTF-8 (byte 0xC3); save the file as UTF-8",
               0);
    /* Latin-1 "ü" as saved by an old editor, on a CRLF line. */
    t = "a: 1\r\nb: Gr\xfc\x65n\r\n";
    expect_one(t, strlen(t), "t.yaml:2:6: error: invalid UTF-8 (byte 0xFC); save the file as UTF-8",
               0);
    /* Overlong and surrogate encodings are invalid too. */
    t = "a: \xc0\xaf\n";
    expect_one(t, strlen(t), "t.yaml:1:4: error: invalid UTF-8 (byte 0xC0); save the file as UTF-8",
               0);
    t = "a: \xed\xa0\x80\n";
    expect_one(t, strlen(t), "t.yaml:1:4: error: invalid UTF-8 (byte 0xED); save the file as UTF-8",
               0);
}

static void test_control_characters(void **state)
{
    (void)state;
    const char *t = "a: x\x01y\n";
    expect_one(t, strlen(t), "t.yaml:1:5: error: control characters are not allowed (U+0001)", 0);
    t = "a: \"x\\0y\"\n";
    expect_one(t, strlen(t), "t.yaml:1:4: error: string contains the control character U+0000", 1);
    t = "a: \"x\\ty\\ny\"\n";
    parsed *p = parse(t);
    assert_int_equal(p->d.n, 0);
    done(p);
    /* a key with a NUL beside the same key without: the NUL key is reported
     * and dropped, so every key left is found by its name */
    t = "\"e\\0\": 1\ne: 2\n";
    p = parse(t);
    assert_int_equal(p->d.errors, 1);
    assert_non_null(p->root);
    assert_int_equal(p->root->n, 1);
    assert_ptr_equal(ymap_get(p->root, "e"), p->root->items[0]);
    assert_string_equal(p->root->items[0]->str, "2");
    done(p);
}

static void test_binary(void **state)
{
    (void)state;
    unsigned char buf[4096];
    uint32_t x = 12345;
    for (size_t i = 0; i < sizeof(buf); i++) {
        x = x * 1103515245u + 12345u;
        buf[i] = (unsigned char)(x >> 16);
    }
    parsed *p = parse_n((const char *)buf, sizeof(buf));
    assert_null(p->root);
    assert_int_equal(p->d.errors, 1);
    done(p);
    /* A PNG header: valid bytes for nothing. */
    p = parse_n("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
    assert_null(p->root);
    assert_diag(&p->d, "t.yaml:1:1: error: invalid UTF-8 (byte 0x89); save the file as UTF-8");
    done(p);
    /* NUL bytes in otherwise fine text. */
    p = parse_n("a: b\0c\n", 7);
    assert_null(p->root);
    assert_diag(&p->d, "t.yaml:1:5: error: control characters are not allowed (U+0000)");
    done(p);
}

static void test_file_too_big(void **state)
{
    (void)state;
    size_t n = KIOSK_MAX_FILE_BYTES + 1;
    char *buf = malloc(n);
    memset(buf, '#', n);
    expect_one(buf, n, "t.yaml: error: file is too big (1048577 bytes; the limit is 1048576)", 0);
    free(buf);
}

static void test_bom_and_crlf(void **state)
{
    (void)state;
    parsed *p = parse("\xef\xbb\xbftitle: a\r\nlist:\r\n  - b\r\n");
    assert_int_equal(p->d.n, 0);
    assert_string_equal(ymap_get(p->root, "title")->str, "a");
    ynode *b = ymap_get(p->root, "list")->items[0];
    assert_int_equal(b->line, 3);
    assert_int_equal(b->col, 5);
    done(p);
    /* The mark is not a character of the line. */
    const char *t = "\xef\xbb\xbf"
                    "a: \xff\n";
    expect_one(t, strlen(t), "t.yaml:1:4: error: invalid UTF-8 (byte 0xFF); save the file as UTF-8",
               0);
    /* UTF-16 (as Windows Notepad's "Unicode") is refused. */
    expect_one("\xff\xfe"
               "a\0:\0 \0"
               "1\0",
               10, "t.yaml:1:1: error: invalid UTF-8 (byte 0xFF); save the file as UTF-8", 0);
    t = "a: 1\r\nb: \xff\r\n";
    expect_one(t, strlen(t), "t.yaml:2:4: error: invalid UTF-8 (byte 0xFF); save the file as UTF-8",
               0);
}

static void test_clip(void **state)
{
    (void)state;
    char buf[YTREE_CLIP + 8];
    assert_string_equal(ytree_clip("kurz", buf, sizeof(buf)), "kurz");
    assert_string_equal(ytree_clip("a\nb\tc", buf, sizeof(buf)), "a?b?c");
    char lng[200];
    memset(lng, 'k', sizeof(lng));
    lng[sizeof(lng) - 1] = '\0';
    ytree_clip(lng, buf, sizeof(buf));
    assert_int_equal(strlen(buf), YTREE_CLIP + strlen("…"));
    assert_string_equal(buf + YTREE_CLIP, "…");
    /* Never cut inside a character: 79 ASCII bytes, then "ä". */
    memset(lng, 'x', 79);
    memcpy(lng + 79, "\xc3\xa4\xc3\xa4", 5);
    ytree_clip(lng, buf, sizeof(buf));
    assert_string_equal(buf + 79, "…");
    /* Messages quote keys through it: one diagnostic, one line. */
    const char *t = "\"a\\nb\": 1\n\"a\\nb\": 2\n";
    expect_one(t, strlen(t), "t.yaml:2:1: error: duplicate key 'a?b' (first at line 1, column 1)",
               1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tree_and_positions),
        cmocka_unit_test(test_int_forms),
        cmocka_unit_test(test_syntax_errors),
        cmocka_unit_test(test_duplicate_and_nonscalar_keys),
        cmocka_unit_test(test_many_keys),
        cmocka_unit_test(test_anchors_aliases_tags),
        cmocka_unit_test(test_billion_laughs),
        cmocka_unit_test(test_documents),
        cmocka_unit_test(test_empty_and_top_level),
        cmocka_unit_test(test_depth),
        cmocka_unit_test(test_depth_bomb),
        cmocka_unit_test(test_huge_scalar),
        cmocka_unit_test(test_too_many_items),
        cmocka_unit_test(test_too_many_nodes),
        cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_control_characters),
        cmocka_unit_test(test_binary),
        cmocka_unit_test(test_file_too_big),
        cmocka_unit_test(test_bom_and_crlf),
        cmocka_unit_test(test_clip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
