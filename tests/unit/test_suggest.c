/* suggest: typo distances and the "did you mean" choice. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "suggest.h"

static void test_distance(void **state)
{
    (void)state;
    assert_int_equal(suggest_distance("title", "title", 3), 0);
    assert_int_equal(suggest_distance("titel", "title", 3), 1);  /* swapped neighbours */
    assert_int_equal(suggest_distance("tite", "title", 3), 1);   /* one missing */
    assert_int_equal(suggest_distance("summry", "summary", 3), 1);
    assert_int_equal(suggest_distance("colour", "color", 3), 1);
    assert_int_equal(suggest_distance("abc", "xyz", 3), 3);
    assert_int_equal(suggest_distance("abc", "uvwxyz", 2), 3);   /* capped at max + 1 */
}

static void test_closest(void **state)
{
    (void)state;
    const char *keys[] = {"title", "summary", "color", "icon", "pages", NULL};
    assert_string_equal(suggest_closest("titel", keys), "title");
    assert_string_equal(suggest_closest("colour", keys), "color");
    assert_string_equal(suggest_closest("Pages", keys), "pages");
    assert_null(suggest_closest("background", keys)); /* nothing close */
    assert_null(suggest_closest("x", keys));
    const char *ids[] = {"mobilitaet", "energie", NULL};
    assert_string_equal(suggest_closest("mobilität", ids), "mobilitaet");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_distance),
        cmocka_unit_test(test_closest),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
