/* --script parser: commands, comments, errors with file:line:col. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "script.h"

static void test_parse_all_commands(void **st)
{
    (void)st;
    const char *text = "# a comment\n"
                       "tap 0.5 0.25\n"
                       "\n"
                       "  swipe 0.9 0.5 0.1 0.5 300   # left\n"
                       "wait 61000\n"
                       "shot out/menu.png\n"
                       "quit";
    script s;
    diag_list d;
    diag_init(&d);
    assert_int_equal(script_parse(text, strlen(text), "t.script", &s, &d), 0);
    assert_int_equal(d.errors, 0);
    assert_int_equal(s.n, 5);
    assert_int_equal(s.cmds[0].op, SCRIPT_TAP);
    assert_true(s.cmds[0].x1 == 0.5 && s.cmds[0].y1 == 0.25);
    assert_int_equal(s.cmds[0].line, 2);
    assert_int_equal(s.cmds[1].op, SCRIPT_SWIPE);
    assert_true(s.cmds[1].x2 == 0.1);
    assert_int_equal(s.cmds[1].ms, 300);
    assert_int_equal(s.cmds[2].op, SCRIPT_WAIT);
    assert_int_equal(s.cmds[2].ms, 61000);
    assert_int_equal(s.cmds[3].op, SCRIPT_SHOT);
    assert_string_equal(s.cmds[3].file, "out/menu.png");
    assert_int_equal(s.cmds[4].op, SCRIPT_QUIT);
    script_free(&s);
    diag_free(&d);
}

static void test_parse_hold2_and_doubletap(void **st)
{
    (void)st;
    const char *text = "hold2 0.4 0.5 2500\n"
                       "doubletap 0.25 0.75  # activate\n"
                       "hold2 0.92 1 1\n";
    script s;
    diag_list d;
    diag_init(&d);
    assert_int_equal(script_parse(text, strlen(text), "t.script", &s, &d), 0);
    assert_int_equal(d.errors, 0);
    assert_int_equal(s.n, 3);
    assert_int_equal(s.cmds[0].op, SCRIPT_HOLD2);
    assert_true(s.cmds[0].x1 == 0.4 && s.cmds[0].y1 == 0.5);
    /* the second finger, right of the first */
    assert_true(s.cmds[0].x2 > 0.4799 && s.cmds[0].x2 < 0.4801);
    assert_true(s.cmds[0].y2 == 0.5);
    assert_int_equal(s.cmds[0].ms, 2500);
    assert_int_equal(s.cmds[1].op, SCRIPT_DOUBLETAP);
    assert_true(s.cmds[1].x1 == 0.25 && s.cmds[1].y1 == 0.75);
    assert_true(s.cmds[1].x2 == 0.25 && s.cmds[1].y2 == 0.75);
    assert_int_equal(s.cmds[1].line, 2);
    /* the rightmost hold that keeps both fingers on the screen */
    assert_int_equal(s.cmds[2].op, SCRIPT_HOLD2);
    assert_true(s.cmds[2].x2 <= 1.0);
    assert_int_equal(s.cmds[2].ms, 1);
    script_free(&s);
    diag_free(&d);
}

static void expect_error(const char *text, const char *want)
{
    script s;
    diag_list d;
    diag_init(&d);
    assert_int_equal(script_parse(text, strlen(text), "x.script", &s, &d), -1);
    assert_int_equal(s.n, 0);
    assert_true(d.errors >= 1);
    char buf[512];
    diag_format(&d.items[0], buf, sizeof buf);
    if (!strstr(buf, want))
        fail_msg("got '%s', wanted '%s'", buf, want);
    diag_free(&d);
}

static void test_errors(void **st)
{
    (void)st;
    expect_error("tap 0.5\n", "x.script:1:1: error: 'tap' takes 2 arguments");
    expect_error("wait 10\njump 1\n", "x.script:2:1: error: unknown command 'jump'");
    expect_error("tap 1.5 0.5\n", "x.script:1:5: error: expected a relative coordinate");
    expect_error("tap 0.5 nan\n", "x.script:1:9:");
    expect_error("wait -3\n", "expected milliseconds");
    expect_error("wait 99999999999\n", "expected milliseconds");
    expect_error("swipe 0 0 1 1 0\n", "expected a duration");
    expect_error("shot\n", "'shot' takes 1 argument");
    expect_error("quit now\n", "'quit' takes 0 arguments");
    expect_error("hold2 0.5 0.5\n", "x.script:1:1: error: 'hold2' takes 3 arguments: hold2 X Y MS");
    expect_error("hold2 0.5 0.5 0\n", "x.script:1:15: error: expected a duration");
    expect_error("hold2 0.5 0.5 2s\n", "x.script:1:15: error: expected a duration");
    expect_error("hold2 0.5 -0.1 2000\n", "x.script:1:11: error: expected a relative coordinate");
    expect_error("hold2 0.95 0.5 2000\n", "x.script:1:7: error: hold2 needs X at most 0.92");
    expect_error("doubletap 0.5\n", "'doubletap' takes 2 arguments: doubletap X Y");
    expect_error("doubletap 0.5 2\n", "x.script:1:15: error: expected a relative coordinate");
    expect_error("doubletab 0.5 0.5\n", "unknown command 'doubletab' (expected tap, doubletap, swipe, hold2");
    /* every error is reported, not only the first */
    script s;
    diag_list d;
    diag_init(&d);
    const char *text = "tap\nwait x\nshot a.png\nfoo\n";
    assert_int_equal(script_parse(text, strlen(text), "x", &s, &d), -1);
    assert_int_equal(d.errors, 3);
    diag_free(&d);
}

static void test_hostile_input(void **st)
{
    (void)st;
    script s;
    diag_list d;
    diag_init(&d);
    char nul[] = {'t', 'a', 'p', ' ', '0', '\0', ' ', '0', '\n'};
    assert_int_equal(script_parse(nul, sizeof nul, "x", &s, &d), -1);
    diag_free(&d);
    static char big[3000];
    memset(big, 'a', sizeof big);
    diag_init(&d);
    assert_int_equal(script_parse(big, sizeof big, "x", &s, &d), -1);
    diag_free(&d);
    diag_init(&d);
    assert_int_equal(script_parse("", 0, "x", &s, &d), 0);
    assert_int_equal(s.n, 0);
    script_free(&s);
    diag_free(&d);
    diag_init(&d);
    assert_int_equal(script_load("/nonexistent/x.script", &s, &d), -1);
    assert_int_equal(d.errors, 1);
    diag_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_all_commands),
        cmocka_unit_test(test_parse_hold2_and_doubletap),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_hostile_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
