/* log: whatever a message quotes, one call writes one line, with control
 * characters shown escaped (a forged journal line stays inside the real
 * one), and a URL logged through logsafe_url carries no password. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "logsafe.h"

/* Runs the logging in fn with stderr going to a file; returns what it
 * wrote (static buffer). */
static const char *captured(void (*fn)(void))
{
    static char text[4096];
    char path[] = "/tmp/kiosk-test-log.XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    fflush(stderr);
    int saved = dup(2);
    dup2(fd, 2);
    fn();
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    size_t n = fread(text, 1, sizeof(text) - 1, f);
    text[n] = '\0';
    fclose(f);
    close(fd);
    unlink(path);
    return text;
}

static void forged(void)
{
    log_warn("updater", "manifest: invalid path '%s'",
             "x\n2026-11-25T18:40:00Z info updater: installed version 9\x1b[2K");
}

static void test_one_line(void **state)
{
    (void)state;
    const char *out = captured(forged);
    /* one line: the only newline ends it */
    assert_non_null(strstr(out, " warn updater: manifest: invalid path 'x\\n2026-11-25T18:40:00Z info "
                                "updater: installed version 9\\x1b[2K'\n"));
    assert_ptr_equal(strchr(out, '\n'), out + strlen(out) - 1);
    assert_null(strchr(out, '\x1b'));
}

static void with_password(void)
{
    char where[256];
    logsafe_url(where, sizeof(where), "https://kiosk:s3cret@push.example:9091/metrics");
    log_warn("health", "push to %s failed", where);
}

static void test_url_without_password(void **state)
{
    (void)state;
    const char *out = captured(with_password);
    assert_non_null(strstr(out, "push to https://push.example:9091/metrics failed\n"));
    assert_null(strstr(out, "s3cret"));
    assert_null(strstr(out, "kiosk:"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_one_line),
        cmocka_unit_test(test_url_without_password),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
