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
 * The state directory (store.h) keeps the trees, the object cache and the
 * emergency notice; one updater per directory (a lock file enforces it).
 * The HTTP side of a cycle is fetch.h; this file is the policy: the cycle
 * as a sequence of steps, backoff and jitter, the thread.
 *
 * Threading: updater_start() runs cycles on its own thread; the UI thread
 * only calls updater_take(), updater_take_notice(), updater_adopt() and
 * generation_release() (none blocks on the network or the disk). */
#ifndef KIOSK_UPDATER_H
#define KIOSK_UPDATER_H

#include <stddef.h>
#include <stdint.h>

#include "content.h"
#include "generation.h"
#include "manifest.h"
#include "update_reason.h"

typedef struct updater_config {
    const char *channel_url;      /* "https://host/kiosk/rathaus/"; objects at ../objects/ */
    const char *channel_name;     /* the "channel:" its manifests must name; NULL or "": the
                                   * URL's last part ("rathaus") */
    const char *public_key_file;  /* kiosk.pub from kiosk-publish keygen; or: */
    const char *root_key_file;    /* root.pub from kiosk-publish root-init: manifests must be
                                   * signed by a key on the root-signed keys.list (trust.h).
                                   * Exactly one of the two. */
    const char *state_dir;        /* store.h; created when missing */
    unsigned interval_s;          /* poll period (default 300), jittered by ±10 % */
    unsigned retry_min_s;         /* first retry after a failure (default 10), doubling up to interval_s */
    unsigned connect_timeout_s;   /* default 10 */
    unsigned timeout_s;           /* whole transfer of one file (default 120) */
    unsigned cycle_timeout_s;     /* a whole cycle, every request (default 300): each
                                   * request's limit shrinks to what is left */
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
    update_reason reason;
    int updated;                  /* 1 when a new tree was swapped in */
    uint64_t version;             /* version shown after the cycle (0: none yet) */
    unsigned long requests;       /* HTTP requests made */
    unsigned long objects;        /* objects downloaded */
    unsigned long long bytes;     /* body bytes downloaded */
    char detail[256];             /* human-readable reason */
    int expiry_known;             /* the state directory was read: expires is valid */
    int64_t expires;              /* expiry of the shown content's manifest (0: none) */
    int expired;                  /* expiry_known, and expires has passed; or keys_expired */
    int keys_expired;             /* root key: the accepted key list has expired */
    uint64_t keys_version;        /* root key: the accepted key list's version (0: none) */
} updater_result;

/* Set res->detail, printf-style (the cycle's steps in store.c, fetch.c). */
void updater_set_detail(updater_result *res, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* One cycle on the calling thread (for --update-once). 0 when the content is
 * up to date afterwards, -1 otherwise; res says why. */
int updater_run_once(const updater_config *cfg, updater_result *res);

/* Counters for the health module. failures[] is indexed by update_reason. */
typedef struct updater_stats {
    unsigned long cycles;
    unsigned long not_modified;   /* cycles answered by 304 */
    unsigned long updates;        /* trees swapped in */
    unsigned long failures[UPDATE_REASON_COUNT]; /* by update_reason */
    unsigned long requests;
    unsigned long objects;
    unsigned long long bytes;
    uint64_t version;             /* version in STATE_DIR/current, 0 none */
    long long last_success;       /* unix time of the last good cycle, 0 never */
    update_reason last_reason;
} updater_stats;

typedef struct updater updater;

/* Start the polling thread. The configuration is copied. NULL when the
 * configuration is unusable (logged). */
updater *updater_start(const updater_config *cfg);
/* Stop the thread (interrupting a transfer), free everything, including a
 * generation nobody took. Generations still alive are detached: releasing
 * them later is fine (on the thread that called updater_stop), but their
 * trees are no longer protected. Accepts NULL. */
void updater_stop(updater *u);
/* Content hand-over. Each new tree reaches the UI as a generation
 * (generation.h): its content, the notice of its manifest and its version.
 * The updater keeps a generation's tree (STATE_DIR/trees/<version>; images
 * are read from there while it is shown) on disk exactly while the
 * generation is alive — from the hand-over until generation_release() —
 * besides the trees "current" and "previous" name. So the app may show a
 * generation late, or drop one unseen, without the updater guessing how
 * long a tree is needed.
 *
 * Non-blocking: the newest validated generation, or NULL. Ownership passes
 * to the caller, who gives it back with generation_release(). */
generation *updater_take(updater *u);
/* updater_take() in the shape of the app's content poll hook (app.h):
 * generation *(*)(void *ctx) with ctx an updater *. */
generation *updater_poll(void *ctx);
/* A generation the caller loaded itself from the state directory (at
 * start, on SIGHUP): its tree is kept until its release, the same way.
 * Ignores NULL and generations of version 0 (not from the state directory). */
void updater_adopt(updater *u, generation *g);

/* The emergency notice. A newer verified manifest's notice (or its absence)
 * does not wait for the manifest's objects: non-blocking, 1 once per change,
 * with the new notice in *out (owned by the caller; NULL: none), else 0.
 * The generation of that manifest carries the same notice when it arrives.
 * STATE_DIR/notice.yaml keeps it for a start without network
 * (store_load_notice). */
int updater_take_notice(updater *u, manifest_notice **out);
/* updater_take_notice() in the shape of the app's notice poll hook. */
int updater_poll_notice(void *ctx, manifest_notice **out);

void updater_get_stats(updater *u, updater_stats *out);

#endif
