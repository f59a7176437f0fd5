/* sdnotify.h — systemd's notify protocol (Type=notify, WatchdogSec=).
 *
 * The protocol is one datagram of "KEY=VALUE" lines to the unix socket named
 * in $NOTIFY_SOCKET; systemd documents it as stable for reimplementation, so
 * the kiosk speaks it directly instead of linking libsystemd. Without
 * $NOTIFY_SOCKET (not started by systemd) every call is a no-op.
 *
 * The main loop calls sdnotify_watchdog_due() each iteration and pings when
 * it says so: a hung UI stops pinging and systemd restarts it. */
#ifndef KIOSK_SDNOTIFY_H
#define KIOSK_SDNOTIFY_H

#include <stdint.h>

/* Send a state string, e.g. "READY=1" or "STATUS=showing content v42".
 * Returns 1 when sent, 0 when there is no $NOTIFY_SOCKET, -1 on error. */
int sdnotify_send(const char *state);

/* The watchdog interval systemd asks for ($WATCHDOG_USEC, for this process
 * when $WATCHDOG_PID is set), in microseconds; 0 when there is none. */
uint64_t sdnotify_watchdog_usec(void);

typedef struct sdnotify_watchdog {
    uint64_t interval_ms;  /* 0: disabled */
    uint64_t last_ping_ms;
} sdnotify_watchdog;

/* Read the interval from the environment; ping at half of it. */
void sdnotify_watchdog_init(sdnotify_watchdog *w, uint64_t now_ms);
/* Send WATCHDOG=1 when half the interval has passed since the last ping.
 * Returns 1 when it pinged. */
int sdnotify_watchdog_tick(sdnotify_watchdog *w, uint64_t now_ms);

#endif
