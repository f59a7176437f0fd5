/* standby.h — the display out of opening hours: when it is off, and the
 * touch that wakes it.
 *
 * Outside the schedule's opening hours the display is off. With
 * wake_on_touch a finger going down wakes it for awake_ms (the idle time
 * and the warning), and that touch does nothing else until it lifts; every
 * further touch while woken extends the time. The session (session.h)
 * decides what the display shows; this only says on or off.
 *
 * Pure core: the caller passes the time (now, any monotonic origin, ms) and
 * the wall clock. */
#ifndef KIOSK_STANDBY_H
#define KIOSK_STANDBY_H

#include <stdint.h>
#include <time.h>

#include "gesture.h"
#include "schedule.h"

typedef struct standby {
    int off;              /* the display is off */
    int wake_swallow;     /* the touch that woke it: ignored until it lifts */
    uint64_t woken_until; /* woken by a touch out of hours until then; 0: not */
    time_t next_change;   /* the schedule's next change (cached), 0: unknown */
} standby;

/* What standby_pointer() did with a pointer event. */
enum {
    STANDBY_PASS, /* nothing: the event is the visitor's */
    STANDBY_EAT,  /* swallowed */
    STANDBY_WAKE  /* swallowed: it woke the display (call standby_check) */
};

/* Whether the display should be on now, at wall clock wall_s; *open: inside
 * the opening hours (1 without a schedule). Switches sb->off and returns 1
 * when that changed, else 0. */
int standby_check(standby *sb, const schedule *sc, uint64_t now, time_t wall_s, int *open);
/* A pointer event of kind k: STANDBY_*. awake_ms: how long a touch keeps
 * the display on out of hours. */
int standby_pointer(standby *sb, pointer_kind k, int wake_on_touch, uint64_t awake_ms,
                    uint64_t now);
/* When the display may next switch (on now's clock; wall_ms the wall clock
 * now), or UINT64_MAX without a schedule. */
uint64_t standby_deadline(const standby *sb, const schedule *sc, uint64_t now, int64_t wall_ms);

#endif
