/* hyph: the bundled patterns, loaded on their own thread, tell the layout
 * where German and English words may break. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "hyph.h"

/* The word with a '-' wherever a break may come, into out. */
static const char *marked(hyph *h, const char *lg, const char *word, char *out)
{
    char marks[64] = {0};
    size_t len = strlen(word), o = 0;
    if (hyph_marks(h, lg, word, len, marks) < 0)
        return "(none)";
    for (size_t i = 0; i < len; i++) {
        out[o++] = word[i];
        if (marks[i])
            out[o++] = '-';
    }
    out[o] = '\0';
    return out;
}

static void test_patterns(void **st)
{
    (void)st;
    hyph *h = hyph_open("assets/hyphen", NULL);
    assert_non_null(h);
    hyph_wait(h);
    assert_true(hyph_ready(h));
    char buf[128];
    /* German: the letters outside ASCII count as one, capitals as small */
    assert_string_equal(marked(h, "de", "Wettbewerbsf\xC3\xA4higkeit", buf),
                        "Wett-be-werbs-f\xC3\xA4-hig-keit");
    assert_string_equal(marked(h, "de", "\xC3\x9C" "berraschung", buf),
                        "\xC3\x9C" "ber-ra-schung");
    assert_string_equal(marked(h, "de", "Digitalisierungsstrategie", buf),
                        "Di-gi-ta-li-sie-rungs-stra-te-gie");
    /* English with its own patterns */
    assert_string_equal(marked(h, "en", "hyphenation", buf), "hy-phen-ation");
    assert_string_equal(marked(h, "en", "competitiveness", buf), "com-pet-i-tive-ness");
    /* a German name set by the English patterns breaks where no German
     * would (the layout keeps such names whole in English text: test_wrap) */
    assert_string_equal(marked(h, "de", "Kaiserslautern", buf), "Kai-sers-lau-tern");
    assert_string_equal(marked(h, "en", "Kaiserslautern", buf), "Kaiser-slautern");
    /* Ukrainian with its own patterns, capitals (Cyrillic, Ґ) as small */
    assert_string_equal(marked(h, "uk", "Україна", buf), "Украї-на");
    assert_string_equal(marked(h, "uk", "УКРАЇНА", buf), "УКРАЇ-НА");
    assert_string_equal(marked(h, "uk", "ҐАНОК", buf), "ҐА-НОК");
    assert_string_equal(marked(h, "uk", "інфраструктура", buf), "інфра-структура");
    /* no patterns for Turkish or Arabic in Debian: never hyphenated */
    assert_string_equal(marked(h, "tr", "dijitalleştirme", buf), "(none)");
    assert_string_equal(marked(h, "ar", "والمعلومات", buf), "(none)");
    /* a letter the German patterns cannot spell: no answer, no guess */
    assert_string_equal(marked(h, "de", "\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0", buf),
                        "(none)");
    hyph_free(h);
}

/* Without patterns the layout still sets text: every answer is "no". */
static void test_no_patterns(void **st)
{
    (void)st;
    hyph *h = hyph_open("/nonexistent", NULL);
    assert_non_null(h);
    hyph_wait(h);
    assert_true(hyph_ready(h));
    char marks[16] = {0};
    assert_int_equal(hyph_marks(h, "en", "information", 11, marks), -1);
    assert_int_equal(hyph_marks(h, "de", "Information", 11, marks), -1);
    hyph_free(h);
    /* a missing bundle falls back to the second place */
    h = hyph_open("/nonexistent", "assets/hyphen");
    hyph_wait(h);
    assert_true(hyph_marks(h, "en", "information", 11, marks) > 0);
    hyph_free(h);
    hyph_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_patterns),
        cmocka_unit_test(test_no_patterns),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
