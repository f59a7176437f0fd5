/* wrap: word wrap, hyphenation through the measure, and Leichte Sprache
 * set by its rules (one sentence a line, no hyphenation, no break at a
 * word's hyphen). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "measure_text.h"
#include "wrap.h"

static void test_wrap(void **st)
{
    (void)st;
    wrap_line ln[16];
    /* 10 px a character at px 10 (bold off: 5.8 px; use width in chars * 5.8) */
    size_t n = wrap_lines(&fake, 0, 10, "eins zwei drei vier", 60, ln, 16);
    assert_int_equal(n, 2);
    assert_int_equal(ln[0].len, 9); /* "eins zwei" = 9 chars = 52 px */
    assert_memory_equal(ln[0].s, "eins zwei", 9);
    assert_memory_equal(ln[1].s, "drei vier", 9);
    for (size_t i = 0; i < n; i++)
        assert_true(ln[i].w <= 60);
    /* hard line breaks are kept; empty lines count */
    n = wrap_lines(&fake, 0, 10, "a\n\nb", 600, ln, 16);
    assert_int_equal(n, 3);
    assert_int_equal(ln[1].len, 0);
    /* a word longer than the line is broken inside, never overflows */
    const char *longword = "Donaudampfschifffahrtsgesellschaftskapit\xC3\xA4nswitwe";
    n = wrap_lines(&fake, 0, 10, longword, 100, ln, 16);
    assert_true(n >= 3);
    size_t total = 0;
    for (size_t i = 0; i < n; i++) {
        assert_true(ln[i].w <= 100);
        assert_true(ln[i].len > 0);
        total += ln[i].len;
    }
    assert_int_equal(total, strlen(longword)); /* nothing lost, umlaut kept whole */
    /* hyphenated compounds break after the hyphen */
    n = wrap_lines(&fake, 0, 10, "Hochschul-Forschungsstadt", 70, ln, 16);
    assert_int_equal(ln[0].len, strlen("Hochschul-"));
    /* width 0 or empty text does not loop or crash */
    assert_int_equal(wrap_lines(&fake, 0, 10, "", 100, ln, 16), 0);
    assert_true(wrap_lines(&fake, 0, 10, "abc", 0, ln, 16) >= 1);
}

/* Hyphenation as a dictionary would give it, for a few words. */
static int table_hyphenate(void *ctx, const char *lg, const char *word, size_t len, char *marks)
{
    (void)ctx;
    (void)lg;
    static const char *const words[] = {"Wett-be-werbs-f\xC3\xA4-hig-keit", "Rhein-land",
                                        "Pfalz", "Stadt-ent-wick-lung"};
    for (size_t w = 0; w < sizeof words / sizeof words[0]; w++) {
        const char *d = words[w];
        size_t i = 0, k = 0;
        int n = 0;
        char m[64] = {0};
        for (; d[k] && i < len; k++) {
            if (d[k] == '-') {
                m[i - 1] = 1;
                n++;
            } else if (d[k] == word[i]) {
                i++;
            } else {
                break;
            }
        }
        if (i == len && !d[k]) {
            memcpy(marks, m, len);
            return n;
        }
    }
    return -1;
}

static void test_hyphenation(void **st)
{
    (void)st;
    layout_measure m = fake;
    m.hyphenate = table_hyphenate;
    wrap_line ln[16];
    int hw = fake_width(NULL, 0, 10, "-", 1, 0);
    /* the next word does not fit: as much of it as fits, with a hyphen */
    const char *t = "Die Wettbewerbsf\xC3\xA4higkeit der Stadt";
    int width = fake_width(NULL, 0, 10, "Die Wettbewerbs-", 16, 0);
    size_t n = wrap_lines(&m, 0, 10, t, width, ln, 16);
    assert_true(n >= 2);
    assert_int_equal(ln[0].len, strlen("Die Wettbewerbs"));
    assert_true(ln[0].hyphen);
    assert_int_equal(ln[0].w, fake_width(NULL, 0, 10, "Die Wettbewerbs", 15, 0) + hw);
    assert_memory_equal(ln[1].s, "f\xC3\xA4hig", 6);
    assert_false(ln[n - 1].hyphen);
    for (size_t i = 0; i < n; i++)
        assert_true(ln[i].w <= width);
    /* a line nearly full keeps the next word whole for the next line */
    const char *full = "Die Stadt macht mit bei dem Wettbewerb da"; /* 41 of 50 */
    char text[128];
    snprintf(text, sizeof text, "%s Stadtentwicklung", full);
    n = wrap_lines(&m, 0, 10, text, fake_width(NULL, 0, 10, text, 50, 0), ln, 16);
    assert_int_equal(n, 2);
    assert_int_equal(ln[0].len, strlen(full));
    assert_false(ln[0].hyphen);
    /* a line with room left takes a part */
    n = wrap_lines(&m, 0, 10, "Eine Stadtentwicklung", fake_width(NULL, 0, 10, "Eine Stadtent-", 14, 0),
                   ln, 16);
    assert_int_equal(ln[0].len, strlen("Eine Stadtent"));
    assert_true(ln[0].hyphen);
    /* a word cut where no pattern allows still shows where it goes on */
    n = wrap_lines(&fake, 0, 10, "Donaudampfschifffahrt", 60, ln, 16);
    assert_true(n >= 2);
    assert_true(ln[0].hyphen);
    assert_true(ln[0].w <= 60);
    /* an address is cut without a hyphen that would change it */
    n = wrap_lines(&fake, 0, 10, "https://www.kaiserslautern.de/digital", 60, ln, 16);
    for (size_t i = 0; i < n; i++)
        assert_false(ln[i].hyphen);
    /* Leichte Sprache: no hyphenation, no break at a word's hyphen, one
     * sentence a line */
    m.lg = LANG_LS;
    width = fake_width(NULL, 0, 10, "Das Land Rheinland-", 19, 0);
    n = wrap_lines(&m, 0, 10, "Das Land Rheinland-Pfalz hilft.", width, ln, 16);
    for (size_t i = 0; i < n; i++) {
        assert_false(ln[i].hyphen);
        assert_true(ln[i].len == 0 || ln[i].s[ln[i].len - 1] != '-');
    }
    assert_memory_equal(ln[1].s, "Rheinland-Pfalz", 15);
    n = wrap_lines(&m, 0, 10, "Die Stadt macht mit. Wer hat gewonnen? Das war am 1. Mai: gut!", 2000,
                   ln, 16);
    assert_int_equal(n, 4);
    assert_memory_equal(ln[0].s, "Die Stadt macht mit.", ln[0].len);
    assert_memory_equal(ln[1].s, "Wer hat gewonnen?", ln[1].len);
    assert_memory_equal(ln[2].s, "Das war am 1. Mai:", ln[2].len);
    assert_memory_equal(ln[3].s, "gut!", ln[3].len);
    n = wrap_lines(&m, 0, 10, "Das war im Jahr 2017. Am 24. Oktober kam das Ende.", 2000, ln, 16);
    assert_int_equal(n, 2);
    assert_memory_equal(ln[0].s, "Das war im Jahr 2017.", ln[0].len);
    n = wrap_lines(&m, 0, 10, "Die Wettbewerbsf\xC3\xA4higkeit", fake_width(NULL, 0, 10, "Die Wettbewerbs-", 16, 0),
                   ln, 16);
    assert_int_equal(ln[0].len, 3); /* the word goes whole to the next line */
    /* German, the same text: the hyphen in Rheinland-Pfalz is a place to break */
    m.lg = LANG_DE;
    n = wrap_lines(&m, 0, 10, "Das Land Rheinland-Pfalz hilft.", width, ln, 16);
    assert_int_equal(ln[0].len, strlen("Das Land Rheinland-"));
}

/* A hyphenation that records the language it was asked for (its code). */
static const char *asked_lg = "";

static int lang_hyphenate(void *ctx, const char *lg, const char *word, size_t len, char *marks)
{
    asked_lg = lg;
    return test_hyphenate(ctx, lg, word, len, marks);
}

/* Each text is hyphenated in its own language; a translation never breaks
 * a word its German original has (a name: "Kaiserslautern"). */
static void test_language_and_names(void **st)
{
    (void)st;
    layout_measure m = fake;
    m.hyphenate = lang_hyphenate;
    wrap_line ln[16];
    const char *en = "The city of Kaiserslautern applied";
    int width = fake_width(NULL, 0, 10, "The city of Kaiser", 18, 0);
    /* without its original, English breaks the name as its patterns allow */
    m.lg = LANG_EN;
    size_t n = wrap_lines(&m, 0, 10, en, width, ln, 16);
    assert_string_equal(asked_lg, "en");
    assert_true(ln[0].hyphen);
    /* with it, the name goes whole to the next line */
    m.keep = "Kaiserslautern bewarb sich als digitale Stadt";
    asked_lg = "";
    n = wrap_lines(&m, 0, 10, en, width, ln, 16);
    assert_true(n >= 2);
    assert_false(ln[0].hyphen);
    assert_int_equal(ln[0].len, strlen("The city of"));
    assert_memory_equal(ln[1].s, "Kaiserslautern", 14);
    /* words of the English text that the German one lacks still break */
    n = wrap_lines(&m, 0, 10, "The competition", fake_width(NULL, 0, 10, "The competi-", 12, 0), ln,
                   16);
    assert_true(ln[0].hyphen);
    assert_string_equal(asked_lg, "en");
    /* a kept word is a whole word of the original, not a part of one */
    assert_true(wrap_kept(m.keep, "Stadt", 5));
    assert_false(wrap_kept(m.keep, "Kaiser", 6));
    assert_false(wrap_kept(m.keep, "digital", 7));
    assert_false(wrap_kept(NULL, "Stadt", 5));
    /* German text asks the German patterns */
    m.lg = LANG_DE;
    m.keep = NULL;
    wrap_lines(&m, 0, 10, "Die Wettbewerbsfähigkeit", fake_width(NULL, 0, 10, "Die Wettbe-", 11, 0), ln,
               16);
    assert_string_equal(asked_lg, "de");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_language_and_names),
        cmocka_unit_test(test_wrap),
        cmocka_unit_test(test_hyphenation),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
