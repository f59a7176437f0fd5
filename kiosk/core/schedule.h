/* schedule.h — the display schedule: opening hours per weekday and holidays.
 *
 * Outside opening hours the kiosk switches its display off. The decisions
 * are made in local time (the process's TZ), so "08:00" stays 08:00 across
 * daylight-saving changes. Pure: the caller passes the time in.
 *
 * A schedule with enabled == 0 is always open. */
#ifndef KIOSK_SCHEDULE_H
#define KIOSK_SCHEDULE_H

#include <time.h>

#define SCHED_MAX_SPANS    4    /* opening spans per day */
#define SCHED_MAX_HOLIDAYS 64   /* closed dates */

typedef struct sched_span {
    int open_min;   /* minutes since local midnight, 0..1439 */
    int close_min;  /* > open_min, up to 1440 (midnight) */
} sched_span;

typedef struct sched_date {
    int year, month, day;
} sched_date;

typedef struct schedule {
    int enabled;
    sched_span spans[7][SCHED_MAX_SPANS]; /* [0] is Monday */
    int n_spans[7];
    sched_date holidays[SCHED_MAX_HOLIDAYS];
    int n_holidays;
} schedule;

/* Parse one day's hours: "08:00-18:00", "08:00-12:00, 14:00-18:30",
 * "closed", or "24h". Returns 0, or -1 with a reason in err. */
int schedule_parse_day(const char *s, sched_span *spans, int *n, char *err, size_t err_size);
/* Parse a date "YYYY-MM-DD". Returns 0 or -1. */
int schedule_parse_date(const char *s, sched_date *out);
/* Weekday index 0..6 (Monday first) for "mon".."sun" or "monday".."sunday",
 * or -1. */
int schedule_weekday(const char *name);

/* 1 when the display should be on at time t. */
int schedule_is_open(const schedule *s, time_t t);
/* The first time after t at which schedule_is_open changes, looking at most
 * 8 days ahead; 0 when it never changes in that window. */
time_t schedule_next_change(const schedule *s, time_t t);

#endif
