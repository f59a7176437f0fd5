/* logsafe: every control character of a quoted text shown escaped, so a
 * log line or a diagnostic stays one line and repaints no terminal; URLs
 * without their user and password. Also the two users, diag and (in
 * test_log) the log. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "diag.h"
#include "logsafe.h"

static void expect_text(const char *in, const char *want)
{
    char out[256];
    size_t n = logsafe_text(out, sizeof(out), in);
    assert_string_equal(out, want);
    assert_int_equal(n, strlen(want));
    /* idempotent */
    char again[256];
    logsafe_text(again, sizeof(again), out);
    assert_string_equal(again, out);
}

static void test_text(void **state)
{
    (void)state;
    expect_text("plain text: 100 % fine", "plain text: 100 % fine");
    expect_text("B\xC3\xBCrgerb\xC3\xBCro \xE2\x80\x93 \xE2\x80\x9Ezu\xE2\x80\x9C", "B\xC3\xBCrgerb\xC3\xBCro \xE2\x80\x93 \xE2\x80\x9Ezu\xE2\x80\x9C");
    expect_text("a\nb\rc\td", "a\\nb\\rc\\td");
    /* a forged journal line and a terminal escape */
    expect_text("x\n2026-11-25T18:40:00Z error updater: forged", "x\\n2026-11-25T18:40:00Z error updater: forged");
    expect_text("\x1b[2J\x1b]0;title\x07", "\\x1b[2J\\x1b]0;title\\x07");
    expect_text("del\x7f", "del\\x7f");
    expect_text("c1 \xC2\x9b" "31m nel \xC2\x85", "c1 \\u009b31m nel \\u0085");
    expect_text("ls \xE2\x80\xA8 ps \xE2\x80\xA9", "ls \\u2028 ps \\u2029");
    expect_text("bad \xff\xfe utf8 \xC3", "bad \\xff\\xfe utf8 \\xc3");
    expect_text("back\\slash", "back\\slash");
    expect_text("", "");
}

static void test_text_cut(void **state)
{
    (void)state;
    char out[8];
    /* never half an escape or half a character */
    assert_int_equal(logsafe_text(out, sizeof(out), "abcdef\n"), 6);
    assert_string_equal(out, "abcdef");
    assert_int_equal(logsafe_text(out, sizeof(out), "abcdef\xC3\xBC"), 6);
    assert_string_equal(out, "abcdef");
    assert_int_equal(logsafe_text(out, 1, "abc"), 0);
    assert_string_equal(out, "");
    assert_int_equal(logsafe_text(out, 0, "abc"), 0);
}

static void expect_url(const char *in, const char *want)
{
    char out[256];
    logsafe_url(out, sizeof(out), in);
    assert_string_equal(out, want);
}

static void test_url(void **state)
{
    (void)state;
    expect_url("https://kiosk.example/rathaus/", "https://kiosk.example/rathaus/");
    expect_url("https://user:s3cret@kiosk.example/rathaus/", "https://kiosk.example/rathaus/");
    expect_url("http://user@kiosk.example:8080/x", "http://kiosk.example:8080/x");
    expect_url("http://a:b@c:p%40ss@host/path", "http://host/path");
    /* an '@' after the host is no user information */
    expect_url("https://host/path/@name?q=a@b#f@g", "https://host/path/@name?q=a@b#f@g");
    expect_url("http://u:p@host?x", "http://host?x");
    expect_url("http://u:p@host", "http://host");
    expect_url("http://host/\nforged", "http://host/\\nforged");
    expect_url("not a url", "not a url");
    expect_url("u:p@host/x", "host/x");
}

static void test_diagnostics_escaped(void **state)
{
    (void)state;
    diag_list d;
    diag_init(&d);
    diag_add(&d, DIAG_ERROR, "domains/a\nb.yaml", 3, 1, "YAML tags ('%s') are not supported",
             "!x\n\x1b[31mkiosk.yaml:1:1: error: forged");
    char line[512];
    diag_format(&d.items[0], line, sizeof(line));
    assert_string_equal(line, "domains/a\\nb.yaml:3:1: error: YAML tags ('!x\\n\\x1b[31mkiosk.yaml:1:1: "
                              "error: forged') are not supported");
    assert_null(strchr(line, '\n'));
    diag_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text),
        cmocka_unit_test(test_text_cut),
        cmocka_unit_test(test_url),
        cmocka_unit_test(test_diagnostics_escaped),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
