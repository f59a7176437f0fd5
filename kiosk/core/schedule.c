#include "schedule.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const day_names[7] = {"monday", "tuesday", "wednesday", "thursday",
                                         "friday", "saturday", "sunday"};

int schedule_weekday(const char *name)
{
    size_t len = strlen(name);
    for (int i = 0; i < 7; i++)
        if ((len == 3 || len == strlen(day_names[i])) && strncasecmp(name, day_names[i], len) == 0)
            return i;
    return -1;
}

/* "HH:MM" at *p, advancing it; minutes since midnight or -1. "24:00" ok. */
static int parse_hhmm(const char **p)
{
    const char *s = *p;
    if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9' || s[2] != ':' || s[3] < '0' ||
        s[3] > '5' || s[4] < '0' || s[4] > '9')
        return -1;
    int h = (s[0] - '0') * 10 + (s[1] - '0');
    int m = (s[3] - '0') * 10 + (s[4] - '0');
    if (h > 24 || (h == 24 && m != 0))
        return -1;
    *p = s + 5;
    return h * 60 + m;
}

int schedule_parse_day(const char *s, sched_span *spans, int *n, char *err, size_t err_size)
{
    *n = 0;
    while (*s == ' ')
        s++;
    if (strcmp(s, "closed") == 0)
        return 0;
    if (strcmp(s, "24h") == 0) {
        spans[0] = (sched_span){0, 1440};
        *n = 1;
        return 0;
    }
    for (;;) {
        while (*s == ' ')
            s++;
        int open = parse_hhmm(&s);
        while (*s == ' ')
            s++;
        if (open < 0 || *s++ != '-') {
            snprintf(err, err_size, "expected hours like \"08:00-18:00\", \"closed\" or \"24h\"");
            return -1;
        }
        while (*s == ' ')
            s++;
        int close = parse_hhmm(&s);
        if (close < 0) {
            snprintf(err, err_size, "expected a closing time like \"18:00\"");
            return -1;
        }
        if (close <= open) {
            snprintf(err, err_size, "closing time must be after opening time");
            return -1;
        }
        if (*n > 0 && open < spans[*n - 1].close_min) {
            snprintf(err, err_size, "opening spans must be in order and not overlap");
            return -1;
        }
        if (*n == SCHED_MAX_SPANS) {
            snprintf(err, err_size, "at most %d spans per day", SCHED_MAX_SPANS);
            return -1;
        }
        spans[(*n)++] = (sched_span){open, close};
        while (*s == ' ')
            s++;
        if (*s == '\0')
            return 0;
        if (*s++ != ',') {
            snprintf(err, err_size, "separate spans with ','");
            return -1;
        }
    }
}

int schedule_parse_date(const char *s, sched_date *out)
{
    int y, m, d;
    char tail;
    if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
        return -1;
    static const int mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 2000 || y > 2200 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
        return -1;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (m == 2 && d == 29 && !leap)
        return -1;
    *out = (sched_date){y, m, d};
    return 0;
}

static int is_holiday(const schedule *s, const struct tm *tm)
{
    for (int i = 0; i < s->n_holidays; i++)
        if (s->holidays[i].year == tm->tm_year + 1900 && s->holidays[i].month == tm->tm_mon + 1 &&
            s->holidays[i].day == tm->tm_mday)
            return 1;
    return 0;
}

int schedule_is_open(const schedule *s, time_t t)
{
    if (!s->enabled)
        return 1;
    struct tm tm;
    localtime_r(&t, &tm);
    if (is_holiday(s, &tm))
        return 0;
    int wd = (tm.tm_wday + 6) % 7; /* tm_wday 0 is Sunday */
    int minute = tm.tm_hour * 60 + tm.tm_min;
    for (int i = 0; i < s->n_spans[wd]; i++)
        if (minute >= s->spans[wd][i].open_min && minute < s->spans[wd][i].close_min)
            return 1;
    return 0;
}

/* Local midnight of the day d days after t's day (DST-safe through mktime). */
static time_t local_day_start(time_t t, int d)
{
    struct tm tm;
    localtime_r(&t, &tm);
    tm.tm_mday += d;
    tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
    tm.tm_isdst = -1;
    return mktime(&tm);
}

static time_t local_at(time_t day_start, int minute)
{
    struct tm tm;
    localtime_r(&day_start, &tm);
    tm.tm_hour = minute / 60;
    tm.tm_min = minute % 60;
    tm.tm_sec = 0;
    tm.tm_isdst = -1;
    return mktime(&tm);
}

time_t schedule_next_change(const schedule *s, time_t t)
{
    if (!s->enabled)
        return 0;
    int now_open = schedule_is_open(s, t);
    time_t best = 0;
    /* Candidates: every span edge and every midnight (holidays start and end
     * there), over the next 8 days. The earliest one after t where the state
     * differs is the answer. */
    for (int d = 0; d <= 8 && !best; d++) {
        time_t day = local_day_start(t, d);
        struct tm tm;
        localtime_r(&day, &tm);
        int wd = (tm.tm_wday + 6) % 7;
        time_t cand[2 * SCHED_MAX_SPANS + 1];
        int nc = 0;
        cand[nc++] = day;
        for (int i = 0; i < s->n_spans[wd]; i++) {
            cand[nc++] = local_at(day, s->spans[wd][i].open_min);
            cand[nc++] = s->spans[wd][i].close_min == 1440 ? local_day_start(t, d + 1)
                                                            : local_at(day, s->spans[wd][i].close_min);
        }
        for (int i = 0; i < nc; i++)
            if (cand[i] > t && schedule_is_open(s, cand[i]) != now_open &&
                (!best || cand[i] < best))
                best = cand[i];
    }
    return best;
}
