/* bidi: embedding levels and visual runs of mixed Arabic, Latin and digits
 * (FriBidi), bracket pairs, a paragraph broken into lines. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "bidi.h"

/* "العربية 2017 Kaiserslautern": the Arabic word is 14 bytes, then a
 * space (14), "2017" (15..18), a space (19), "Kaiserslautern" (20..33). */
#define MIXED "\xD8\xA7\xD9\x84\xD8\xB9\xD8\xB1\xD8\xA8\xD9\x8A\xD8\xA9 2017 Kaiserslautern"
#define ARABIC_WORD_BYTES 14

static void run_is(const bidi_run *r, size_t start, size_t len, int rtl)
{
    assert_int_equal(r->start, start);
    assert_int_equal(r->len, len);
    assert_int_equal(r->rtl, rtl);
}

/* In an Arabic paragraph the Latin word stands leftmost, then the number
 * (its digits in their order), then the Arabic word at the right edge. */
static void test_mixed_rtl(void **state)
{
    (void)state;
    bidi_run r[8];
    size_t n = bidi_runs(MIXED, strlen(MIXED), 1, r, 8);
    assert_int_equal(n, 4);
    run_is(&r[0], 20, 14, 0);          /* Kaiserslautern */
    run_is(&r[1], 19, 1, 1);           /* the space between, right to left */
    run_is(&r[2], 15, 4, 0);           /* 2017, left to right */
    run_is(&r[3], 0, ARABIC_WORD_BYTES + 1, 1); /* the word and its space */
    bidi_par *p = bidi_par_new(MIXED, strlen(MIXED), 1);
    assert_non_null(p);
    assert_int_equal(bidi_level(p, 0), 1);
    assert_int_equal(bidi_level(p, 1), 1); /* inside a code point: its level */
    assert_int_equal(bidi_level(p, 15), 2);
    assert_int_equal(bidi_level(p, 20), 2);
    assert_int_equal(bidi_level(p, strlen(MIXED)), -1);
    bidi_par_free(p);
}

/* The same text in a left-to-right paragraph: the number after the Arabic
 * word belongs to it (an Arabic number, rule W2), so the two stand right to
 * left as a pair at the left, then the Latin rest in order. */
static void test_mixed_ltr(void **state)
{
    (void)state;
    bidi_run r[8];
    size_t n = bidi_runs(MIXED, strlen(MIXED), 0, r, 8);
    assert_int_equal(n, 3);
    run_is(&r[0], 15, 4, 0);
    run_is(&r[1], 0, ARABIC_WORD_BYTES + 1, 1);
    run_is(&r[2], 19, strlen(MIXED) - 19, 0);
}

/* German and English text is one run, as it was; with the right-to-left
 * base only the final full stop moves (to the left edge). */
static void test_pure_ltr(void **state)
{
    (void)state;
    const char *s = "Kaiserslautern wird digital (2025), \xC3\xBC" "berall.";
    bidi_run r[4];
    assert_int_equal(bidi_runs(s, strlen(s), 0, r, 4), 1);
    run_is(&r[0], 0, strlen(s), 0);
    bidi_par *p = bidi_par_new(s, strlen(s), 0); /* the algorithm itself agrees */
    assert_non_null(p);
    assert_int_equal(bidi_line(p, 0, strlen(s), r, 4), 1);
    run_is(&r[0], 0, strlen(s), 0);
    bidi_par_free(p);
    assert_int_equal(bidi_runs(s, strlen(s), 1, r, 4), 2);
    run_is(&r[0], strlen(s) - 1, 1, 1);
    run_is(&r[1], 0, strlen(s) - 1, 0);
    assert_int_equal(bidi_runs("", 0, 1, r, 4), 0);
}

/* Brackets pair: "(KL)" after a Latin word inside Arabic stays with it,
 * left to right, unmirrored; brackets around Arabic take its direction and
 * are drawn mirrored. */
static void test_brackets(void **state)
{
    (void)state;
    /* "مدينة Kaiserslautern (KL) الرقمية" */
    const char *s = "\xD9\x85\xD8\xAF\xD9\x8A\xD9\x86\xD8\xA9 Kaiserslautern (KL) "
                    "\xD8\xA7\xD9\x84\xD8\xB1\xD9\x82\xD9\x85\xD9\x8A\xD8\xA9";
    bidi_run r[8];
    size_t n = bidi_runs(s, strlen(s), 1, r, 8);
    assert_int_equal(n, 3);
    run_is(&r[0], 30, 15, 1);          /* its space and الرقمية */
    run_is(&r[1], 11, 19, 0);          /* "Kaiserslautern (KL)" */
    run_is(&r[2], 0, 11, 1);           /* مدينة and its space */
    bidi_par *p = bidi_par_new(s, strlen(s), 1);
    assert_non_null(p);
    const char *op = strchr(s, '('), *cl = strchr(s, ')');
    assert_int_equal(bidi_level(p, (size_t)(op - s)), 2);
    assert_int_equal(bidi_level(p, (size_t)(cl - s)), 2);
    bidi_par_free(p);
    /* "نعم (قال)": the brackets are right to left: mirrored on screen */
    const char *t = "\xD9\x86\xD8\xB9\xD9\x85 (\xD9\x82\xD8\xA7\xD9\x84)";
    p = bidi_par_new(t, strlen(t), 1);
    assert_non_null(p);
    assert_int_equal(bidi_level(p, 7), 1);
    assert_int_equal(bidi_level(p, strlen(t) - 1), 1);
    bidi_par_free(p);
    assert_int_equal(bidi_runs(t, strlen(t), 1, r, 8), 1);
    assert_int_equal(bidi_mirror('('), ')');
    assert_int_equal(bidi_mirror(')'), '(');
    assert_int_equal(bidi_mirror(0xAB), 0xBB); /* « » */
    assert_int_equal(bidi_mirror('a'), 'a');
}

/* The mixed paragraph broken after "2017 ": each line ordered on its own,
 * with the levels of the whole paragraph; the trailing space goes to the
 * paragraph's side (the left). */
static void test_line_break(void **state)
{
    (void)state;
    bidi_par *p = bidi_par_new(MIXED, strlen(MIXED), 1);
    assert_non_null(p);
    bidi_run r[8];
    size_t n = bidi_line(p, 0, 20, r, 8);
    assert_int_equal(n, 3);
    run_is(&r[0], 19, 1, 1);
    run_is(&r[1], 15, 4, 0);
    run_is(&r[2], 0, ARABIC_WORD_BYTES + 1, 1);
    n = bidi_line(p, 20, strlen(MIXED), r, 8);
    assert_int_equal(n, 1);
    run_is(&r[0], 20, 14, 0);
    assert_int_equal(r[0].level, 2); /* Latin inside the Arabic paragraph */
    assert_int_equal(bidi_line(p, 20, 20, r, 8), 0);
    assert_int_equal(bidi_line(p, 0, 20, NULL, 0), 3); /* counting */
    bidi_par_free(p);
}

static void test_scripts(void **state)
{
    (void)state;
    assert_true(bidi_has_rtl(MIXED, strlen(MIXED)));
    assert_false(bidi_has_rtl("\xD0\x9A\xD0\xB8\xD1\x97\xD0\xB2 \xC4\xB0stanbul", 13));
    assert_true(bidi_is_arabic(0x0627));
    assert_true(bidi_is_arabic(0xFEFB)); /* a presentation form */
    assert_false(bidi_is_arabic('A'));
    assert_false(bidi_is_arabic(0x05D0)); /* Hebrew: right to left, not Arabic */
    assert_false(bidi_is_arabic('2'));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mixed_rtl), cmocka_unit_test(test_mixed_ltr),
        cmocka_unit_test(test_pure_ltr),  cmocka_unit_test(test_brackets),
        cmocka_unit_test(test_line_break), cmocka_unit_test(test_scripts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
