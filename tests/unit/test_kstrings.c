/* The UI's words: every entry has a text in every language; a format takes
 * the same conversions, in the same order, in every language (the ones the
 * entry declares), so no translation can make printf read the wrong
 * argument; texts to be spoken have no line breaks or stray spaces; and
 * formatting fills them in. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "arena.h"
#include "kstrings.h"
#include "uistrings.h"

/* The default three languages with the tables the kiosk ships (the tests
 * run from the repository's root). */
static kcontent *W;

static int setup(void **st)
{
    (void)st;
    arena *a = arena_new();
    W = a ? arena_alloc(a, sizeof *W) : NULL;
    if (!W)
        return -1;
    W->arena = a;
    content_default_langs(W);
    diag_list d;
    diag_init(&d);
    int rc = content_load_strings(W, "assets/strings", &d);
    for (size_t i = 0; i < d.n; i++)
        fprintf(stderr, "%s:%d: %s\n", d.items[i].file, d.items[i].line, d.items[i].msg);
    rc |= d.n ? -1 : 0;
    diag_free(&d);
    return rc;
}

static int teardown(void **st)
{
    (void)st;
    content_free(W);
    return 0;
}

/* The conversions of printf format f, without the '%', separated by single
 * spaces ("zu s"); "%%" is none. -1 when f has a conversion this table
 * does not use (anything but d, zu and s, or flags and widths). */
static int conversions(const char *f, char *out, size_t size)
{
    size_t n = 0;
    out[0] = '\0';
    for (const char *p = f; *p; p++) {
        if (*p != '%')
            continue;
        p++;
        if (*p == '%')
            continue;
        const char *conv = *p == 'd'                  ? "d"
                           : *p == 's'                ? "s"
                           : strncmp(p, "zu", 2) == 0 ? "zu"
                                                      : NULL;
        if (!conv)
            return -1;
        p += strlen(conv) - 1;
        int w = snprintf(out + n, size - n, "%s%s", n ? " " : "", conv);
        if (w < 0 || (size_t)w >= size - n)
            return -1;
        n += (size_t)w;
    }
    return 0;
}

static void test_every_language_has_every_text(void **st)
{
    (void)st;
    for (int id = 0; id < STR_COUNT; id++)
        for (int lg = 0; lg < LANG_COUNT; lg++) {
            const char *t = kstrings_get(W, (lang)lg, (str_id)id);
            assert_non_null(t);
            if (!*t)
                fail_msg("entry %d has no text in %s", id, content_lang_code(NULL, (lang)lg));
        }
}

static void test_formats_agree(void **st)
{
    (void)st;
    for (int id = 0; id < STR_COUNT; id++)
        for (int lg = 0; lg < LANG_COUNT; lg++) {
            const char *t = kstrings_get(W, (lang)lg, (str_id)id);
            char got[64];
            if (conversions(t, got, sizeof got) != 0)
                fail_msg("entry %d in %s: a conversion the table does not use: %s", id,
                         content_lang_code(NULL, (lang)lg), t);
            if (strcmp(got, kstrings_args((str_id)id)) != 0)
                fail_msg("entry %d in %s takes \"%s\", declared \"%s\": %s", id,
                         content_lang_code(NULL, (lang)lg), got, kstrings_args((str_id)id), t);
        }
}

static void test_texts_are_one_clean_line(void **st)
{
    (void)st;
    for (int id = 0; id < STR_COUNT; id++)
        for (int lg = 0; lg < LANG_COUNT; lg++) {
            const char *t = kstrings_get(W, (lang)lg, (str_id)id);
            size_t n = strlen(t);
            if (n == 0)
                continue; /* test_every_language_has_every_text fails on it */
            if (strpbrk(t, "\n\r\t") || t[0] == ' ' || t[n - 1] == ' ' || strstr(t, "  "))
                fail_msg("entry %d in %s is not one clean line: '%s'", id, content_lang_code(NULL, (lang)lg), t);
        }
}

static void test_printf_fills_in(void **st)
{
    (void)st;
    arena *a = arena_new();
    assert_non_null(a);
    assert_string_equal(kstrings_printf(a, W, LANG_DE, STR_PAGE, "Energie"), "Seite Energie");
    assert_string_equal(kstrings_printf(a, W, LANG_EN, STR_SECONDS_LEFT_N, 10),
                        "10 seconds left. More time?");
    assert_string_equal(kstrings_printf(a, W, LANG_DE, STR_SECONDS_LEFT_1, 1),
                        "Noch 1 Sekunde. Mehr Zeit?");
    assert_string_equal(kstrings_printf(a, W, LANG_LS, STR_TOPICS_N, (size_t)7),
                        "Alle Themen, 7 Themen");
    assert_string_equal(kstrings_printf(a, W, LANG_EN, STR_SECTIONS_1, (size_t)1), "1 section");
    assert_string_equal(kstrings_printf(a, W, LANG_DE, STR_DIAG_HEAD, (size_t)2, "x"),
                        "Inhalt fehlerhaft (2 Fehler) \xE2\x80\x93 x");
    assert_false(arena_failed(a));
    arena_free(a);
}

static void test_labels_and_ranges(void **st)
{
    (void)st;
    /* each language is named in itself */
    assert_string_equal(kstrings_get(W, LANG_DE, STR_LANG_NAME), "Deutsch");
    assert_string_equal(kstrings_get(W, LANG_EN, STR_LANG_NAME), "English");
    assert_string_equal(kstrings_get(W, LANG_LS, STR_LANG_NAME), "Leichte Sprache");
    assert_string_equal(kstrings_get(W, LANG_DE, STR_BACK), "Zur\xC3\xBC"
                                                         "ck");
    assert_string_equal(kstrings_get(W, LANG_LS, STR_HOME), "Alle Themen");
    /* out of range: empty, never NULL */
    assert_string_equal(kstrings_get(W, LANG_COUNT, STR_BACK), "");
    assert_string_equal(kstrings_get(W, LANG_DE, STR_COUNT), "");
    assert_string_equal(kstrings_args(STR_COUNT), "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_language_has_every_text),
        cmocka_unit_test(test_formats_agree),
        cmocka_unit_test(test_texts_are_one_clean_line),
        cmocka_unit_test(test_printf_fills_in),
        cmocka_unit_test(test_labels_and_ranges),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
