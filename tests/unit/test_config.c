/* Configuration: defaults, every option from a file, command-line overrides,
 * and every bad value rejected with its position. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "content.h"

static char path[64];

static void write_file(const char *text)
{
    snprintf(path, sizeof(path), "/tmp/kiosk-config-%d.yaml", (int)getpid());
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* Load text as a config file; return the diagnostics as one string. */
static const char *load(kiosk_config *c, const char *text, int *rc)
{
    static char out[4096];
    write_file(text);
    diag_list d;
    diag_init(&d);
    *rc = config_load_file(c, path, &d);
    out[0] = '\0';
    for (size_t i = 0; i < d.n; i++) {
        char line[1400];
        diag_format(&d.items[i], line, sizeof(line));
        /* Strip the temp path so expectations are stable. */
        const char *p = strstr(line, ".yaml:");
        strncat(out, p ? p + 5 : line, sizeof(out) - strlen(out) - 2);
        strcat(out, "\n");
    }
    diag_free(&d);
    unlink(path);
    return out;
}

static void test_defaults(void **state)
{
    (void)state;
    kiosk_config c;
    config_defaults(&c);
    assert_string_equal(c.content_dir, "content");
    assert_int_equal(c.poll_interval_s, 300);
    assert_int_equal(c.idle_timeout_s, 60);
    assert_string_equal(c.default_lang, "");
    assert_int_equal(c.display.enabled, 0);
    assert_string_equal(c.channel, "");
    assert_int_equal(c.speech, 1);        /* accessible unless switched off */
    assert_int_equal(c.warning_sound, 1);
    assert_int_equal(c.low_reach, 0);
}

static void test_every_option_from_file(void **state)
{
    (void)state;
    kiosk_config c;
    config_defaults(&c);
    int rc;
    const char *diags = load(&c,
        "id: rathaus-foyer\n"
        "location: \"Rathaus, Foyer\"\n"
        "content: /usr/share/kiosk/content\n"
        "assets: /usr/share/kiosk/assets\n"
        "state_dir: /var/lib/kiosk\n"
        "channel: https://content.example/kiosk/rathaus/\n"
        "public_key: /etc/kiosk/kiosk.pub\n"
        "pinned_server_key: \"sha256//YhKJKSzoTt2b5FP18fvpHo7fJYqQCjAa3HWY3tvRMwE=\"\n"
        "poll_interval: 600\n"
        "idle_timeout: 90\n"
        "default_language: en\n"
        "rotation: 90\n"
        "metrics_file: /var/lib/node_exporter/kiosk.prom\n"
        "pushgateway: http://monitor.example:9091\n"
        "metrics_interval: 10\n"
        "screenshot_dir: /var/lib/kiosk/shots\n"
        "screenshot_url: https://ops.example/shots/foyer.png\n"
        "screenshot_interval: 3600\n"
        "log_level: debug\n"
        "display:\n"
        "  wake_on_touch: false\n"
        "  hours:\n"
        "    monday: \"08:00-12:00, 14:00-18:00\"\n"
        "    saturday: closed\n"
        "  holidays: [2026-12-24, 2026-12-25]\n", &rc);
    assert_string_equal(diags, "");
    assert_int_equal(rc, 0);
    assert_string_equal(c.id, "rathaus-foyer");
    assert_string_equal(c.location, "Rathaus, Foyer");
    assert_string_equal(c.state_dir, "/var/lib/kiosk");
    assert_string_equal(c.channel, "https://content.example/kiosk/rathaus/");
    assert_int_equal(c.poll_interval_s, 600);
    assert_int_equal(c.idle_timeout_s, 90);
    assert_string_equal(c.default_lang, "en");
    assert_int_equal(c.rotation, 90);
    assert_int_equal(c.metrics_interval_s, 10);
    assert_int_equal(c.screenshot_interval_s, 3600);
    assert_int_equal(c.log_level, LOG_DEBUG);
    assert_int_equal(c.wake_on_touch, 0);
    assert_int_equal(c.display.enabled, 1);
    assert_int_equal(c.display.n_spans[0], 2);
    assert_int_equal(c.display.n_spans[5], 0);
    assert_int_equal(c.display.n_holidays, 2);
    assert_int_equal(c.display.holidays[1].day, 25);
}

/* the error that quotes a bad URL leaves out its user and password */
static void test_bad_url_error_has_no_password(void **state)
{
    (void)state;
    kiosk_config c;
    config_defaults(&c);
    int rc;
    const char *diags = load(&c, "channel: ftp://kiosk:s3cret@content.example/x\n", &rc);
    assert_int_equal(rc, -1);
    assert_string_equal(diags,
        ":1:10: error: invalid channel 'ftp://content.example/x': expected an http:// or https:// URL\n");
}

static void test_bad_values_have_positions(void **state)
{
    (void)state;
    kiosk_config c;
    config_defaults(&c);
    int rc;
    const char *diags = load(&c,
        "id: Rathaus Foyer\n"
        "poll_interval: 0\n"
        "idle_timout: 60\n"
        "rotation: 45\n"
        "channel: ftp://x\n"
        "default_language: French\n"
        "log_level: loud\n"
        "display:\n"
        "  hours:\n"
        "    mondey: \"08:00-18:00\"\n"
        "    friday: \"18:00-08:00\"\n"
        "  holidays: [2026-02-30]\n"
        "location: [a, b]\n", &rc);
    assert_int_equal(rc, -1);
    assert_string_equal(diags,
        ":1:5: error: invalid id 'Rathaus Foyer': use 1 to 64 characters a-z, 0-9, '-' and '_'\n"
        ":2:16: error: invalid poll_interval '0': expected a whole number from 1 to 86400\n"
        ":3:1: error: unknown key 'idle_timout' (did you mean 'idle_timeout'?)\n"
        ":4:11: error: invalid rotation '45': expected 0, 90, 180 or 270\n"
        ":5:10: error: invalid channel 'ftp://x': expected an http:// or https:// URL\n"
        ":6:19: error: invalid default_language 'French': expected a language code the content "
        "declares (de, en, leicht, tr, ...)\n"
        ":7:12: error: invalid log_level 'loud': expected debug, info, warn or error\n"
        ":10:5: error: unknown key 'mondey' (did you mean 'monday'?)\n"
        ":11:13: error: friday: closing time must be after opening time\n"
        ":12:14: error: invalid date '2026-02-30': expected YYYY-MM-DD\n"
        ":13:11: error: 'location' must be a single value, not a list\n");
}

static void test_missing_file_and_syntax_error(void **state)
{
    (void)state;
    kiosk_config c;
    config_defaults(&c);
    diag_list d;
    diag_init(&d);
    assert_int_equal(config_load_file(&c, "/nonexistent/kiosk.yaml", &d), -1);
    assert_int_equal(d.errors, 1);
    assert_non_null(strstr(d.items[0].msg, "cannot open"));
    diag_free(&d);
    int rc;
    const char *diags = load(&c, "id: [unclosed\n", &rc);
    assert_int_equal(rc, -1);
    assert_non_null(strstr(diags, "error:"));
}

static void test_command_line_overrides(void **state)
{
    (void)state;
    kiosk_config c;
    config_defaults(&c);
    char err[256];
    assert_int_equal(config_set(&c, "idle_timeout", "120", err, sizeof(err)), 0);
    assert_int_equal(c.idle_timeout_s, 120);
    assert_int_equal(config_set(&c, "idle_timeout", "-1", err, sizeof(err)), -1);
    assert_string_equal(err, "invalid idle_timeout '-1': expected a whole number from 1 to 3600");
    assert_int_equal(config_set(&c, "colour", "x", err, sizeof(err)), -1);
    assert_string_equal(err, "unknown option 'colour'");
    assert_int_equal(config_set(&c, "channel", "", err, sizeof(err)), 0); /* "" turns updates off */
}

static void test_print_reads_back(void **state)
{
    (void)state;
    kiosk_config c, back;
    config_defaults(&c);
    char err[256];
    assert_int_equal(config_set(&c, "location", "Foyer \"Nord\"", err, sizeof(err)), 0);
    assert_int_equal(config_set(&c, "default_language", "en", err, sizeof(err)), 0);
    assert_int_equal(config_set(&c, "speech", "false", err, sizeof(err)), 0);
    assert_int_equal(config_set(&c, "low_reach", "yes", err, sizeof(err)), 0);
    assert_int_equal(config_set(&c, "speech_data", "/opt/espeak", err, sizeof(err)), 0);
    assert_int_not_equal(config_set(&c, "warning_sound", "loud", err, sizeof(err)), 0);
    assert_non_null(strstr(err, "expected true or false"));
    c.display.enabled = 1;
    assert_int_equal(schedule_parse_day("08:00-18:00", c.display.spans[2], &c.display.n_spans[2], err, sizeof(err)), 0);
    char buf[8192];
    FILE *m = fmemopen(buf, sizeof(buf), "w");
    config_print(&c, m);
    fclose(m);
    config_defaults(&back);
    int rc;
    const char *diags = load(&back, buf, &rc);
    assert_string_equal(diags, "");
    assert_string_equal(back.location, "Foyer \"Nord\"");
    assert_string_equal(back.default_lang, "en");
    assert_int_equal(back.display.n_spans[2], 1);
    assert_int_equal(back.display.n_spans[0], 0);
    /* the accessibility switches, booleans as the file writes them */
    assert_int_equal(back.speech, 0);
    assert_int_equal(back.low_reach, 1);
    assert_int_equal(back.warning_sound, 1);
    assert_string_equal(back.speech_data, "/opt/espeak");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_every_option_from_file),
        cmocka_unit_test(test_bad_values_have_positions),
        cmocka_unit_test(test_bad_url_error_has_no_password),
        cmocka_unit_test(test_missing_file_and_syntax_error),
        cmocka_unit_test(test_command_line_overrides),
        cmocka_unit_test(test_print_reads_back),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
