/* bench_util.h — the clock and the sorting every benchmark uses.
 * Header-only: each benchmark is one program. */
#ifndef KIOSK_BENCH_UTIL_H
#define KIOSK_BENCH_UTIL_H

#include <stdlib.h>
#include <time.h>

/* Monotonic milliseconds, for intervals. */
static inline double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* qsort comparator for doubles, ascending. */
static inline int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

#endif
