/* http.h — the kiosk's one HTTP client: the content updater's downloads,
 * the Pushgateway export and the screenshot upload all go through it.
 *
 * One set-up for all of them: connect and total time limits, an optional
 * minimum transfer rate, only http and https (redirects too, and a channel
 * on https is never redirected to http), a cap on every response body
 * (after decompression, so a compression bomb stops there), TLS peers
 * verified (optionally against a private CA file or a pinned key), a user
 * agent "kiosk/<version>", no signals (threads), and a cancel hook polled
 * during transfers. Every outcome is an update_reason (update_reason.h)
 * with a one-line detail, so log lines and metrics use the same words.
 *
 * A client is used by one thread at a time; it keeps its connection between
 * requests. http_global_init() once before any thread starts. */
#ifndef KIOSK_HTTP_H
#define KIOSK_HTTP_H

#include <stddef.h>

#include "klimits.h"
#include "update_reason.h"

typedef struct http_options {
    unsigned connect_timeout_ms;
    unsigned timeout_ms;         /* whole transfer */
    unsigned low_speed_bytes;    /* abort below this many bytes/s ... (0: no minimum) */
    unsigned low_speed_time_s;   /* ... for this many seconds */
    const char *ca_file;         /* CA bundle, or NULL: the system's */
    const char *pinned_public_key; /* "sha256//...", or NULL */
    int follow_redirects;        /* up to 3 */
    int (*cancelled)(void *ctx); /* non-zero aborts the transfer (UPDATE_STOPPED); or NULL */
    void *cancel_ctx;
} http_options;

typedef struct http_response {
    long status;                 /* HTTP status of the last response, 0: none */
    char etag[KIOSK_MAX_ETAG];   /* its ETag (printable ASCII), "" when none */
    size_t bytes;                /* body bytes received */
    char detail[256];            /* why it failed, for the log */
} http_response;

/* Receives the body in pieces: 0, or an errno value to abort (a failed
 * write; ENOSPC and EDQUOT become UPDATE_DISK_FULL). */
typedef int (*http_body_fn)(void *ctx, const char *data, size_t len);

typedef struct http_client http_client;

/* libcurl's process-wide set-up (reference-counted): 0, or -1. */
int http_global_init(void);
void http_global_cleanup(void);

/* NULL when out of memory. The options' strings must outlive the client. */
http_client *http_client_new(const http_options *o);
void http_client_free(http_client *h); /* accepts NULL */

/* The whole-transfer limit of the next requests (a deadline shrinks it). */
void http_client_set_timeout(http_client *h, unsigned timeout_ms);

/* GET url. UPDATE_OK for 200, and for 304 when if_none_match was given
 * (res->status tells them apart); anything else is a failure with its
 * reason: 404/410 → http_404, 5xx → http_5xx, more than max body bytes →
 * too_large, the connection → network/timeout/too_slow/truncated.
 * gzip: accept a compressed body. */
update_reason http_get(http_client *h, const char *url, const char *if_none_match, int gzip, size_t max,
                       http_body_fn body, void *ctx, http_response *res);

/* PUT len bytes of data with the given Content-Type. UPDATE_OK for a 2xx
 * answer; the detail of another one holds the start of the server's body. */
update_reason http_put(http_client *h, const char *url, const char *content_type, const void *data, size_t len,
                       http_response *res);

#endif
