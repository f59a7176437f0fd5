/* updater.h — fetches new content from the channel and swaps it in whole.
 *
 * One update cycle: GET <channel>/manifest.yaml with If-None-Match (an
 * unchanged channel costs one request and no body), GET its signature and
 * check it against the configured Ed25519 key, refuse a version older than
 * the one shown, fetch only the objects (<channel>/../objects/<sha256>) not
 * already in the local cache, check every size and SHA-256, stage a complete
 * tree, load it with content_load() — the loader the UI uses — and only then
 * swap it in by renaming a symbolic link. Any failure leaves the shown
 * content as it was and is logged and counted with its reason.
 *
 * State directory (one updater per directory; a lock file enforces it):
 *
 *   STATE_DIR/current  -> trees/<version>   the tree to show (symbolic link)
 *   STATE_DIR/previous -> trees/<version>   the one before, for rollback
 *   STATE_DIR/trees/<version>/...           complete trees; files are hard
 *                                           links into objects/
 *   STATE_DIR/objects/<sha256>              verified objects (the cache)
 *   STATE_DIR/etag                          "<version> <ETag>" of current
 *   STATE_DIR/notice.yaml                   the emergency notice of the newest
 *                                           verified manifest (manifest.h's
 *                                           notice document); absent: none
 *
 * Power may fail at any instant: objects and trees are fsync'ed before the
 * link is renamed, so after a restart "current" is the old tree or the new
 * one, whole. Leftovers of an interrupted cycle are removed by the next one.
 *
 * Threading: updater_start() runs cycles on its own thread; the UI thread
 * only calls updater_take() (never blocks on the network). */
#ifndef KIOSK_UPDATER_H
#define KIOSK_UPDATER_H

#include <stddef.h>
#include <stdint.h>

#include "content.h"

/* The notice hand-over to the UI is this file, not a call: the updater
 * replaces it atomically (or removes it) whenever it verifies a newer
 * manifest, even before the objects arrive; the UI re-reads it when it
 * changes (app.h, options.notice_file). That is also what keeps the notice
 * across a restart without network. */
#define UPDATER_NOTICE_FILE "notice.yaml"

/* Why a cycle failed. Names (updater_reason_name) are stable: they appear
 * in log lines ("reason=not_found") and metrics labels. */
typedef enum {
    UPDATER_OK = 0,          /* updated, or already current */
    UPDATER_SERVER_DOWN,     /* connection refused, host unknown */
    UPDATER_NOT_FOUND,       /* HTTP 404 / 410 */
    UPDATER_SERVER_ERROR,    /* HTTP 5xx */
    UPDATER_HTTP_ERROR,      /* any other unexpected HTTP status */
    UPDATER_TIMEOUT,         /* connect or total time limit reached */
    UPDATER_TOO_SLOW,        /* body trickled below the minimum rate */
    UPDATER_TRUNCATED,       /* fewer bytes than announced */
    UPDATER_NETWORK,         /* TLS, reset connection, other transfer errors */
    UPDATER_HASH_MISMATCH,   /* an object is not what the manifest says */
    UPDATER_SIG_MISSING,     /* no manifest.yaml.sig */
    UPDATER_SIG_BAD,         /* signature does not match the manifest */
    UPDATER_WRONG_KEY,       /* signed, but not with our key */
    UPDATER_BAD_MANIFEST,    /* signed, but not a valid manifest */
    UPDATER_BAD_PATH,        /* a path that would leave the content tree */
    UPDATER_OVERSIZE,        /* a file, the tree or a response too big */
    UPDATER_DOWNGRADE,       /* version older than the one shown */
    UPDATER_INVALID_CONTENT, /* signed and complete, but content_load refuses it */
    UPDATER_DISK_FULL,       /* not enough space in the state directory */
    UPDATER_LOCAL_ERROR,     /* file-system error, out of memory, busy state dir */
    UPDATER_STOPPED,         /* interrupted by updater_stop() */
    UPDATER_REASON_COUNT
} updater_reason;

const char *updater_reason_name(updater_reason r); /* "not_found", ... */

typedef struct updater_config {
    const char *channel_url;      /* "https://host/kiosk/rathaus/"; objects at ../objects/ */
    const char *public_key_file;  /* kiosk.pub from kiosk-publish keygen */
    const char *state_dir;        /* see above; created when missing */
    unsigned interval_s;          /* poll period (default 300), jittered by ±10 % */
    unsigned retry_min_s;         /* first retry after a failure (default 10), doubling up to interval_s */
    unsigned connect_timeout_s;   /* default 10 */
    unsigned timeout_s;           /* whole transfer of one file (default 120) */
    unsigned low_speed_bytes;     /* abort a transfer slower than this many bytes/s ... (default 256) */
    unsigned low_speed_time_s;    /* ... for this many seconds (default 30) */
    const char *pinned_public_key;/* optional: CURLOPT_PINNEDPUBLICKEY, "sha256//..." */
    const char *ca_file;          /* optional: CA bundle for a private CA (else the system's) */
} updater_config;

void updater_config_defaults(updater_config *c);
/* Check a configuration without touching the network: URL scheme, key file.
 * 0, or -1 with a message in err. */
int updater_config_check(const updater_config *c, char *err, size_t errsize);

/* What one cycle did. */
typedef struct updater_result {
    updater_reason reason;
    int updated;                  /* 1 when a new tree was swapped in */
    uint64_t version;             /* version shown after the cycle (0: none yet) */
    unsigned long requests;       /* HTTP requests made */
    unsigned long objects;        /* objects downloaded */
    unsigned long long bytes;     /* body bytes downloaded */
    char detail[256];             /* human-readable reason */
} updater_result;

/* One cycle on the calling thread (for --update-once). 0 when the content is
 * up to date afterwards, -1 otherwise; res says why. */
int updater_run_once(const updater_config *cfg, updater_result *res);

/* Counters for the health module. failures[] is indexed by updater_reason. */
typedef struct updater_stats {
    unsigned long cycles;
    unsigned long not_modified;   /* cycles answered by 304 */
    unsigned long updates;        /* trees swapped in */
    unsigned long failures[UPDATER_REASON_COUNT];
    unsigned long requests;
    unsigned long objects;
    unsigned long long bytes;
    uint64_t version;             /* version in STATE_DIR/current, 0 none */
    long long last_success;       /* unix time of the last good cycle, 0 never */
    updater_reason last_reason;
} updater_stats;

typedef struct updater updater;

/* Start the polling thread. The configuration is copied. NULL when the
 * configuration is unusable (logged). */
updater *updater_start(const updater_config *cfg);
/* Stop the thread (interrupting a transfer), free everything, including a
 * generation nobody took. Accepts NULL. */
void updater_stop(updater *u);
/* Non-blocking. A newly validated content generation, or NULL. Ownership
 * passes to the caller, who frees it with content_free() once it shows the
 * next one. Its root is STATE_DIR/trees/<version> (images are opened from
 * there while it is shown). The updater never prunes the tree of the last
 * two generations it handed over, nor of any handed over in the last ten
 * minutes, nor the one the kiosk started with until two others followed:
 * the app may show a generation late or drop one unseen. */
kcontent *updater_take(updater *u);
/* updater_take() in the shape of the app's content poll hook:
 * kcontent *(*)(void *ctx) with ctx an updater *. */
kcontent *updater_poll(void *ctx);
void updater_get_stats(updater *u, updater_stats *out);

/* The tree to show from a state directory: STATE_DIR/trees/<version> that
 * "current" (which = 0) or "previous" (which = 1) points at, resolved, so the
 * loaded content keeps pointing at its own files after a later swap.
 * 0 and the path in buf, or -1 when there is none. */
int updater_state_tree(const char *state_dir, int which, char *buf, size_t size, uint64_t *version);

/* The content directory to show at start: the resolved current tree of
 * state_dir when there is one, else fallback (the installed content). */
const char *updater_content_dir(const char *state_dir, const char *fallback, char *buf, size_t size);

#endif
