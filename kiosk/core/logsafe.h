/* logsafe.h — text that is safe to put on one log line or a terminal.
 *
 * Log lines and --check's diagnostics quote what others wrote: YAML tags,
 * paths from a manifest, server messages, URLs. Raw, a newline in them
 * forges a second journal line, an escape sequence repaints the operator's
 * terminal, and a URL may carry a password. Every line the kiosk logs or
 * prints as a diagnostic passes through here (log.c, diag.c).
 *
 * Pure core: string functions only. */
#ifndef KIOSK_LOGSAFE_H
#define KIOSK_LOGSAFE_H

#include <stddef.h>

/* Copies in to out (size bytes, always NUL-terminated) with every control
 * character shown escaped: "\n", "\r", "\t", other C0 and DEL as "\x1b",
 * C1 and the line and paragraph separators as "\u0085", "\u2028", bytes
 * that are not UTF-8 as "\xff". Printable text, umlauts too, is copied as
 * it is; a backslash stays one backslash. Cut short at a whole character
 * or escape when out is too small. Returns the length written. Idempotent:
 * escaping escaped text changes nothing. */
size_t logsafe_text(char *out, size_t size, const char *in);

/* A URL fit for a log line: "scheme://user:password@host/..." without
 * "user:password@" (a channel or Pushgateway URL may carry credentials),
 * then escaped as logsafe_text does (a longer URL than 4 KiB is cut). */
size_t logsafe_url(char *out, size_t size, const char *url);

#endif
