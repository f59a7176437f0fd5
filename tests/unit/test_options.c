/* The option table: every row is sound, the file and the command line read
 * a value the same way and refuse the same values with the range, printed
 * settings read back to the same settings, SIGHUP takes over exactly the
 * reloadable rows, and --help names every command-line option. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "nav.h"
#include "options.h"

static char path[64];

/* Load text as a configuration file over c; the diagnostics as one string. */
static int load(kiosk_config *c, const char *text, char *diags, size_t size)
{
    snprintf(path, sizeof(path), "/tmp/kiosk-options-%d.yaml", (int)getpid());
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    diag_list d;
    diag_init(&d);
    int rc = config_load_file(c, path, &d);
    diags[0] = '\0';
    for (size_t i = 0; i < d.n; i++) {
        size_t n = strlen(diags);
        diag_format(&d.items[i], diags + n, size - n);
    }
    diag_free(&d);
    unlink(path);
    return rc;
}

static char *printed(const kiosk_config *c)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    assert_non_null(m);
    config_print(c, m);
    fclose(m);
    return buf;
}

/* A value of o's type other than its default; NULL for structure. */
static const char *other_value(const kiosk_option *o)
{
    static char num[16];
    switch (o->type) {
    case OPT_TEXT:
        return "/a path \"quoted\" \\ and more";
    case OPT_ID:
        return "foyer-2";
    case OPT_URL:
        return "https://content.example/kiosk/rathaus/";
    case OPT_UINT:
        snprintf(num, sizeof(num), "%u", o->def && strtoul(o->def, NULL, 10) == o->max ? o->min : o->max);
        return num;
    case OPT_LANG:
        return "leicht";
    case OPT_ROTATION:
        return "270";
    case OPT_BOOL:
        return strcmp(o->def, "true") == 0 ? "false" : "true";
    case OPT_LEVEL:
        return "error";
    case OPT_SIZE:
        return "800x480";
    case OPT_CHOICE:
        return o->choices[1];
    case OPT_TIME:
        return "2026-11-25 07:59";
    case OPT_FLAG:
        return "";
    default:
        return NULL;
    }
}

static void test_every_row_is_sound(void **state)
{
    (void)state;
    char err[256];
    for (size_t i = 0; i < kiosk_n_options; i++) {
        const kiosk_option *o = &kiosk_options[i];
        kiosk_config c;
        memset(&c, 0, sizeof(c));
        assert_true(o->key || o->cli);
        assert_true(o->type == OPT_SECTION || o->offset + o->size <= sizeof(kiosk_config));
        if (o->def) { /* a valid default, inside the range */
            assert_int_equal(option_set(&c, o, o->def, err, sizeof(err)), 0);
            if (o->type == OPT_UINT) {
                unsigned long d = strtoul(o->def, NULL, 10);
                assert_true(d >= o->min && d <= o->max);
            }
        }
        if (o->cli) { /* described, and reachable only by its own name */
            assert_non_null(o->help);
            assert_true(o->group < OPTG_COUNT);
            assert_ptr_equal(option_by_cli(o->cli), o);
            assert_true((o->arg == NULL) == (o->type == OPT_FLAG));
            assert_true(strstr(o->help, "{}") == NULL || o->def);
        }
        if (o->key)
            assert_ptr_equal(option_by_key(o->key), o);
        /* the file's types: the command line's own have no key */
        if (o->key)
            assert_true(o->type != OPT_FLAG && o->type != OPT_SIZE && o->type != OPT_CHOICE &&
                        o->type != OPT_TIME);
        if (o->flags & OPTION_RELOAD)
            assert_non_null(o->key);
    }
    /* the defaults the UI and the help agree on */
    kiosk_config c;
    config_defaults(&c);
    assert_int_equal(c.idle_timeout_s * 1000, NAV_DEFAULT_IDLE_MS);
    assert_int_equal(c.countdown_s * 1000, NAV_DEFAULT_WARN_MS);
    assert_int_equal(c.max_errors, KIOSK_MAX_DIAG_PRINTED);
}

/* Every row on both paths: a good value lands the same; a bad one is
 * refused on both, numbers with their range in the message. */
static void test_file_and_command_line_agree(void **state)
{
    (void)state;
    char err[256], diags[2048], text[512], range[64];
    for (size_t i = 0; i < kiosk_n_options; i++) {
        const kiosk_option *o = &kiosk_options[i];
        if (!o->key || !o->cli)
            continue;
        kiosk_config by_file, by_cli;
        config_defaults(&by_file);
        config_defaults(&by_cli);
        snprintf(text, sizeof(text), "%s: '%s'\n", o->key, other_value(o));
        assert_int_equal(load(&by_file, text, diags, sizeof(diags)), 0);
        assert_int_equal(option_set(&by_cli, option_by_cli(o->cli), other_value(o), err, sizeof(err)), 0);
        assert_true(option_equal(&by_file, &by_cli, o));
        if (o->type == OPT_TEXT)
            continue; /* any text is good */
        const char *bad = o->type == OPT_UINT ? "99999999" : "-x y";
        snprintf(text, sizeof(text), "%s: '%s'\n", o->key, bad);
        assert_int_equal(load(&by_file, text, diags, sizeof(diags)), -1);
        assert_int_equal(option_set(&by_cli, o, bad, err, sizeof(err)), -1);
        assert_non_null(strstr(diags, err)); /* the same words on both paths */
        if (o->type == OPT_UINT) {
            snprintf(range, sizeof(range), "from %u to %u", o->min, o->max);
            assert_non_null(strstr(err, range));
        }
    }
}

/* A section's keys only under it, with "did you mean" at every level. */
static void test_keys_by_level(void **state)
{
    (void)state;
    kiosk_config c;
    char diags[2048];
    config_defaults(&c);
    assert_int_equal(load(&c,
                          "display.wake_on_touch: false\n"
                          "wake_on_touch: false\n"
                          "display:\n"
                          "  idle_timeout: 30\n"
                          "  wake_on_tuoch: false\n",
                          diags, sizeof(diags)),
                     -1);
    assert_non_null(strstr(diags, ":1:1: error: unknown key 'display.wake_on_touch'"));
    assert_non_null(strstr(diags, ":2:1: error: unknown key 'wake_on_touch'"));
    assert_non_null(strstr(diags, ":4:3: error: unknown key 'idle_timeout'"));
    assert_non_null(strstr(diags, ":5:3: error: unknown key 'wake_on_tuoch' (did you mean 'wake_on_touch'?)"));
    assert_int_equal(c.wake_on_touch, 1);
    assert_int_equal(c.idle_timeout_s, 60);
}

static void test_out_of_range_is_refused(void **state)
{
    (void)state;
    char err[256], v[32], range[64];
    for (size_t i = 0; i < kiosk_n_options; i++) {
        const kiosk_option *o = &kiosk_options[i];
        if (o->type != OPT_UINT)
            continue;
        kiosk_config c;
        config_defaults(&c);
        snprintf(range, sizeof(range), "from %u to %u", o->min, o->max);
        snprintf(v, sizeof(v), "%lu", (unsigned long)o->max + 1);
        assert_int_equal(option_set(&c, o, v, err, sizeof(err)), -1);
        assert_non_null(strstr(err, range));
        if (o->min > 0) {
            snprintf(v, sizeof(v), "%u", o->min - 1);
            assert_int_equal(option_set(&c, o, v, err, sizeof(err)), -1);
            assert_non_null(strstr(err, range));
        }
        assert_int_equal(option_set(&c, o, "-1", err, sizeof(err)), -1);
        assert_int_equal(option_set(&c, o, "", err, sizeof(err)), -1);
    }
}

/* Every key set away from its default, printed, read back, printed again. */
static void test_print_is_a_fixed_point(void **state)
{
    (void)state;
    static kiosk_config c, back;
    char err[256], diags[2048];
    config_defaults(&c);
    for (size_t i = 0; i < kiosk_n_options; i++) {
        const kiosk_option *o = &kiosk_options[i];
        if (o->key && other_value(o))
            assert_int_equal(option_set(&c, o, other_value(o), err, sizeof(err)), 0);
    }
    assert_int_equal(load(&c,
                          "display:\n"
                          "  hours:\n"
                          "    monday: \"08:00-12:00, 14:00-18:00\"\n"
                          "    sunday: closed\n"
                          "  holidays: [2026-12-24]\n",
                          diags, sizeof(diags)),
                     0);
    char *first = printed(&c);
    for (size_t i = 0; i < kiosk_n_options; i++) {
        const kiosk_option *o = &kiosk_options[i];
        char line[96];
        if (!o->key)
            continue;
        const char *dot = strchr(o->key, '.');
        snprintf(line, sizeof(line), "\n%s%s:", dot ? "  " : "", dot ? dot + 1 : o->key);
        assert_non_null(strstr(first, line)); /* every key is printed */
    }
    config_defaults(&back);
    assert_int_equal(load(&back, first, diags, sizeof(diags)), 0);
    char *second = printed(&back);
    assert_string_equal(first, second);
    for (size_t i = 0; i < kiosk_n_options; i++)
        if (kiosk_options[i].key)
            assert_true(option_equal(&c, &back, &kiosk_options[i]));
    free(first);
    free(second);
}

/* Only the rows marked OPTION_RELOAD change on SIGHUP; the others that
 * changed are named, in the table's order. */
static void test_reload_takes_exactly_the_reloadable_keys(void **state)
{
    (void)state;
    static kiosk_config live, next, before;
    char err[256], diags[256], later[1024], expect_later[1024] = "";
    config_defaults(&live);
    config_defaults(&next);
    for (size_t i = 0; i < kiosk_n_options; i++) {
        const kiosk_option *o = &kiosk_options[i];
        if (o->key && other_value(o))
            assert_int_equal(option_set(&next, o, other_value(o), err, sizeof(err)), 0);
    }
    assert_int_equal(load(&next, "display:\n  holidays: [2026-12-24]\n", diags, sizeof(diags)), 0);
    before = live;
    options_take_reloadable(&live, &next, later, sizeof(later));
    for (size_t i = 0; i < kiosk_n_options; i++) {
        const kiosk_option *o = &kiosk_options[i];
        if (!o->key || o->type == OPT_SECTION)
            continue;
        if (o->flags & OPTION_RELOAD) {
            assert_true(option_equal(&live, &next, o));
        } else {
            assert_true(option_equal(&live, &before, o));
            size_t n = strlen(expect_later);
            snprintf(expect_later + n, sizeof(expect_later) - n, "%s%s", n ? ", " : "", o->key);
        }
    }
    assert_string_equal(later, expect_later);
    /* the reloadable keys, as the README and kiosk.yaml.example name them */
    const char *reloadable[] = {"idle_timeout", "default_language", "rotation", "log_level",
                                "warning_sound", "low_reach", "display.wake_on_touch",
                                "display.hours", "display.holidays"};
    size_t n = 0;
    for (size_t i = 0; i < kiosk_n_options; i++)
        n += (kiosk_options[i].flags & OPTION_RELOAD) != 0;
    assert_int_equal(n, sizeof(reloadable) / sizeof(reloadable[0]));
    for (size_t i = 0; i < n; i++)
        assert_true(option_by_key(reloadable[i])->flags & OPTION_RELOAD);
}

static void test_help_lists_every_option(void **state)
{
    (void)state;
    char *buf = NULL, want[64];
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    assert_non_null(m);
    options_help(m);
    fclose(m);
    for (size_t i = 0; i < kiosk_n_options; i++) {
        const kiosk_option *o = &kiosk_options[i];
        if (!o->cli)
            continue;
        snprintf(want, sizeof(want), "--%s%s%s", o->cli, o->arg ? " " : "", o->arg ? o->arg : "");
        assert_non_null(strstr(buf, want));
    }
    assert_non_null(strstr(buf, "-h, --help"));
    assert_non_null(strstr(buf, "(default 60)"));   /* "{}": the idle timeout's default */
    assert_null(strstr(buf, "{}"));
    assert_non_null(strstr(buf, "Exit status: 0 success, 1 failure, 2 usage error."));
    free(buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_row_is_sound),
        cmocka_unit_test(test_file_and_command_line_agree),
        cmocka_unit_test(test_keys_by_level),
        cmocka_unit_test(test_out_of_range_is_refused),
        cmocka_unit_test(test_print_is_a_fixed_point),
        cmocka_unit_test(test_reload_takes_exactly_the_reloadable_keys),
        cmocka_unit_test(test_help_lists_every_option),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
