/* log.h — leveled log lines on stderr, for journald and humans:
 *
 *   2026-11-25T18:40:00Z warn updater: GET manifest.yaml: HTTP 500
 *
 * Thread-safe. Rate-limited per component, so a failing server cannot flood
 * the journal: a burst of LOG_BURST lines, then one line a second; what was
 * dropped is counted and reported in the next line that passes. Every
 * message is escaped (logsafe.h): a newline or an escape sequence in what
 * it quotes shows as "\n" or "\x1b" and never starts a line of its own.
 * Log a URL through logsafe_url, which drops its user and password. */
#ifndef KIOSK_LOG_H
#define KIOSK_LOG_H

#include "loglevel.h"

void log_set_level(log_level min);
void log_msg(log_level level, const char *component, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Lines dropped by the rate limit so far (for metrics). */
unsigned long log_dropped(void);

#define log_debug(c, ...) log_msg(LOG_DEBUG, c, __VA_ARGS__)
#define log_info(c, ...) log_msg(LOG_INFO, c, __VA_ARGS__)
#define log_warn(c, ...) log_msg(LOG_WARN, c, __VA_ARGS__)
#define log_error(c, ...) log_msg(LOG_ERROR, c, __VA_ARGS__)

#endif
