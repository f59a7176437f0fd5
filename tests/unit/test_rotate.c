/* rotate: the panel ⇄ scene mapping for all four rotations. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "rotate.h"

#define EPS 1e-9

static void check(int deg, double px, double py, double want_lx, double want_ly)
{
    double lx, ly, bx, by;
    rotate_to_logical(deg, px, py, &lx, &ly);
    assert_float_equal(lx, want_lx, EPS);
    assert_float_equal(ly, want_ly, EPS);
    rotate_to_panel(deg, lx, ly, &bx, &by); /* and back where it came from */
    assert_float_equal(bx, px, EPS);
    assert_float_equal(by, py, EPS);
}

static void test_identity(void **state)
{
    (void)state;
    check(0, 0.25, 0.75, 0.25, 0.75);
    check(0, 0, 0, 0, 0);
}

/* 90: the scene's top-left shows at the panel's top-right; a touch at the
 * panel's top-right is the scene's top-left. */
static void test_90(void **state)
{
    (void)state;
    check(90, 1, 0, 0, 0);
    check(90, 1, 1, 1, 0); /* panel bottom-right: scene top-right */
    check(90, 0, 0, 0, 1); /* panel top-left: scene bottom-left */
    check(90, 0.9, 0.2, 0.2, 0.1);
}

static void test_180(void **state)
{
    (void)state;
    check(180, 0, 0, 1, 1);
    check(180, 0.9, 0.2, 0.1, 0.8);
}

static void test_270(void **state)
{
    (void)state;
    check(270, 0, 1, 0, 0); /* scene top-left at the panel's bottom-left */
    check(270, 0, 0, 1, 0);
    check(270, 0.9, 0.2, 0.8, 0.9);
}

static void test_size(void **state)
{
    (void)state;
    int w, h;
    rotate_logical_size(90, 1080, 1920, &w, &h);
    assert_int_equal(w, 1920);
    assert_int_equal(h, 1080);
    rotate_logical_size(270, 800, 480, &w, &h);
    assert_int_equal(w, 480);
    assert_int_equal(h, 800);
    rotate_logical_size(180, 800, 480, &w, &h);
    assert_int_equal(w, 800);
    assert_int_equal(h, 480);
    assert_true(rotate_valid(0) && rotate_valid(90) && rotate_valid(180) && rotate_valid(270));
    assert_false(rotate_valid(45) || rotate_valid(-90) || rotate_valid(360));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_identity), cmocka_unit_test(test_90), cmocka_unit_test(test_180),
        cmocka_unit_test(test_270),      cmocka_unit_test(test_size),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
