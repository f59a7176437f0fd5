/* Display schedule: parsing of opening hours, and on/off decisions across
 * days, midnight, holidays and both daylight-saving changes (Europe/Berlin). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "schedule.h"

/* Local time in Europe/Berlin → time_t. */
static time_t at(int y, int mo, int d, int h, int mi)
{
    struct tm tm = {.tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d, .tm_hour = h,
                    .tm_min = mi, .tm_isdst = -1};
    return mktime(&tm);
}

static void set_day(schedule *s, int wd, const char *hours)
{
    char err[128];
    assert_int_equal(schedule_parse_day(hours, s->spans[wd], &s->n_spans[wd], err, sizeof(err)), 0);
}

/* Mon–Fri 08:00–12:00 and 14:00–18:00, Sat 09:00–13:00, Sun closed. */
static schedule town_hall(void)
{
    schedule s;
    memset(&s, 0, sizeof(s));
    s.enabled = 1;
    for (int wd = 0; wd < 5; wd++)
        set_day(&s, wd, "08:00-12:00, 14:00-18:00");
    set_day(&s, 5, "09:00-13:00");
    set_day(&s, 6, "closed");
    return s;
}

static void test_parse_day(void **state)
{
    (void)state;
    sched_span sp[SCHED_MAX_SPANS];
    int n;
    char err[128];
    assert_int_equal(schedule_parse_day("08:00-12:00, 14:00-18:30", sp, &n, err, sizeof(err)), 0);
    assert_int_equal(n, 2);
    assert_int_equal(sp[0].open_min, 480);
    assert_int_equal(sp[1].close_min, 1110);
    assert_int_equal(schedule_parse_day("closed", sp, &n, err, sizeof(err)), 0);
    assert_int_equal(n, 0);
    assert_int_equal(schedule_parse_day("24h", sp, &n, err, sizeof(err)), 0);
    assert_int_equal(sp[0].close_min, 1440);
    assert_int_equal(schedule_parse_day("18:00-08:00", sp, &n, err, sizeof(err)), -1);
    assert_string_equal(err, "closing time must be after opening time");
    assert_int_equal(schedule_parse_day("8-18", sp, &n, err, sizeof(err)), -1);
    assert_int_equal(schedule_parse_day("08:00-12:00, 11:00-13:00", sp, &n, err, sizeof(err)), -1);
    assert_string_equal(err, "opening spans must be in order and not overlap");
    assert_int_equal(schedule_parse_day("08:60-12:00", sp, &n, err, sizeof(err)), -1);
    assert_int_equal(schedule_parse_day("08:00-24:01", sp, &n, err, sizeof(err)), -1);
    assert_int_equal(schedule_parse_day("08:00-12:00;", sp, &n, err, sizeof(err)), -1);
}

static void test_parse_date_and_weekday(void **state)
{
    (void)state;
    sched_date d;
    assert_int_equal(schedule_parse_date("2026-12-24", &d), 0);
    assert_int_equal(d.month, 12);
    assert_int_equal(schedule_parse_date("2026-02-29", &d), -1);
    assert_int_equal(schedule_parse_date("2028-02-29", &d), 0);
    assert_int_equal(schedule_parse_date("2026-13-01", &d), -1);
    assert_int_equal(schedule_parse_date("2026-1-01", &d), -1);
    assert_int_equal(schedule_weekday("mon"), 0);
    assert_int_equal(schedule_weekday("Sunday"), 6);
    assert_int_equal(schedule_weekday("mo"), -1);
}

static void test_open_and_closed(void **state)
{
    (void)state;
    schedule s = town_hall();
    /* 2026-11-25 is a Wednesday. */
    assert_false(schedule_is_open(&s, at(2026, 11, 25, 7, 59)));
    assert_true(schedule_is_open(&s, at(2026, 11, 25, 8, 0)));
    assert_false(schedule_is_open(&s, at(2026, 11, 25, 12, 0))); /* lunch */
    assert_true(schedule_is_open(&s, at(2026, 11, 25, 17, 59)));
    assert_false(schedule_is_open(&s, at(2026, 11, 25, 18, 0)));
    assert_true(schedule_is_open(&s, at(2026, 11, 28, 10, 0)));  /* Saturday */
    assert_false(schedule_is_open(&s, at(2026, 11, 29, 10, 0))); /* Sunday */
    s.enabled = 0;
    assert_true(schedule_is_open(&s, at(2026, 11, 29, 3, 0)));
    assert_int_equal(schedule_next_change(&s, at(2026, 11, 29, 3, 0)), 0);
}

static void test_holiday_closes_whole_day(void **state)
{
    (void)state;
    schedule s = town_hall();
    s.holidays[s.n_holidays++] = (sched_date){2026, 12, 24};
    assert_false(schedule_is_open(&s, at(2026, 12, 24, 10, 0))); /* a Thursday */
    assert_true(schedule_is_open(&s, at(2026, 12, 23, 10, 0)));
    /* Closed Wed evening → the next opening skips the holiday to Friday. */
    assert_int_equal(schedule_next_change(&s, at(2026, 12, 23, 19, 0)), at(2026, 12, 25, 8, 0));
}

static void test_next_change_over_midnight_and_weekend(void **state)
{
    (void)state;
    schedule s = town_hall();
    assert_int_equal(schedule_next_change(&s, at(2026, 11, 25, 9, 0)), at(2026, 11, 25, 12, 0));
    assert_int_equal(schedule_next_change(&s, at(2026, 11, 25, 12, 30)), at(2026, 11, 25, 14, 0));
    assert_int_equal(schedule_next_change(&s, at(2026, 11, 25, 23, 0)), at(2026, 11, 26, 8, 0));
    /* Saturday after closing → Monday morning. */
    assert_int_equal(schedule_next_change(&s, at(2026, 11, 28, 13, 0)), at(2026, 11, 30, 8, 0));
    /* Open until midnight, then a closed day: closes at 00:00. */
    set_day(&s, 5, "20:00-24:00");
    assert_true(schedule_is_open(&s, at(2026, 11, 28, 23, 59)));
    assert_false(schedule_is_open(&s, at(2026, 11, 29, 0, 0)));
    assert_int_equal(schedule_next_change(&s, at(2026, 11, 28, 21, 0)), at(2026, 11, 29, 0, 0));
}

static void test_daylight_saving_changes(void **state)
{
    (void)state;
    schedule s = town_hall();
    set_day(&s, 6, "01:00-04:00"); /* a Sunday span across the switch hour */
    /* Spring forward: Sunday 2026-03-29, 02:00 → 03:00 (CET → CEST). The span
     * closes at 04:00 local time, which is only 2 real hours after 01:00. */
    time_t open = at(2026, 3, 29, 1, 0);
    assert_true(schedule_is_open(&s, open));
    time_t close = schedule_next_change(&s, open + 60);
    assert_int_equal(close, at(2026, 3, 29, 4, 0));
    assert_int_equal(close - open, 2 * 3600);
    /* Fall back: Sunday 2026-10-25, 03:00 → 02:00: 4 real hours. */
    open = at(2026, 10, 25, 1, 0);
    close = schedule_next_change(&s, open + 60);
    assert_int_equal(close - open, 4 * 3600);
    /* Monday 08:00 after the switch is 08:00 local time. */
    time_t mon = schedule_next_change(&s, at(2026, 10, 25, 5, 0));
    struct tm tm;
    localtime_r(&mon, &tm);
    assert_int_equal(tm.tm_hour, 8);
    assert_int_equal(tm.tm_mday, 26);
}

int main(void)
{
    setenv("TZ", "Europe/Berlin", 1);
    tzset();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_day),
        cmocka_unit_test(test_parse_date_and_weekday),
        cmocka_unit_test(test_open_and_closed),
        cmocka_unit_test(test_holiday_closes_whole_day),
        cmocka_unit_test(test_next_change_over_midnight_and_weekend),
        cmocka_unit_test(test_daylight_saving_changes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
