/* standby.c — the display out of opening hours. See standby.h. */
#include "standby.h"

#define DAY_S 86400

int standby_check(standby *sb, const schedule *sc, uint64_t now, time_t wall_s, int *open)
{
    int on = 1;
    *open = 1;
    if (sc->enabled) {
        *open = schedule_is_open(sc, wall_s);
        if (!sb->next_change || wall_s >= sb->next_change) {
            sb->next_change = schedule_next_change(sc, wall_s);
            if (!sb->next_change) /* never changes within the window: look again in a day */
                sb->next_change = wall_s + DAY_S;
        }
        on = *open || now < sb->woken_until;
    }
    if (on == !sb->off)
        return 0;
    sb->off = !on;
    if (!on)
        sb->woken_until = 0;
    return 1;
}

int standby_pointer(standby *sb, pointer_kind k, int wake_on_touch, uint64_t awake_ms,
                    uint64_t now)
{
    if (sb->off) {
        if (k != PTR_DOWN || !wake_on_touch)
            return STANDBY_EAT;
        sb->woken_until = now + awake_ms;
        sb->wake_swallow = 1;
        return STANDBY_WAKE;
    }
    if (sb->wake_swallow) {
        if (k == PTR_UP)
            sb->wake_swallow = 0;
        return STANDBY_EAT;
    }
    if (k == PTR_DOWN && sb->woken_until)
        sb->woken_until = now + awake_ms; /* still in use out of hours */
    return STANDBY_PASS;
}

uint64_t standby_deadline(const standby *sb, const schedule *sc, uint64_t now, int64_t wall_ms)
{
    if (!sc->enabled)
        return UINT64_MAX;
    int64_t left = (int64_t)sb->next_change * 1000 - wall_ms;
    uint64_t due = now + (left > 0 ? (uint64_t)left : 1000);
    if (sb->woken_until && sb->woken_until < due)
        due = sb->woken_until;
    return due;
}
