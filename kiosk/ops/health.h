/* health.h — what the kiosk knows about itself, as Prometheus metrics.
 *
 * One process-wide registry of counters and gauges. The UI thread and the
 * updater thread write to it with the calls below; each call takes a mutex for
 * a few nanoseconds and never blocks on I/O, so the UI can call health_frame()
 * every frame. Exporters (health_export.h) copy the registry into a
 * health_snapshot and turn the snapshot into text with health_format():
 *
 *   health_frame(ms) ─┐                       ┌─► textfile (node_exporter)
 *   health_touch()   ─┼─► registry ─snapshot─► health_format() ─┤
 *   health_update_*() ┘                       └─► Pushgateway (HTTP PUT)
 *
 * The snapshot and the formatter are plain data and a pure function, so tests
 * build a snapshot by hand and compare the exact text. Every metric is named
 * kiosk_* so it cannot collide with node_exporter's own metrics in the
 * textfile collector. Only anonymous counts are kept: no touch positions, no
 * session contents, nothing that identifies a visitor.
 *
 * Strings given to the setters are copied (truncated to KIOSK_MAX_LABEL bytes
 * at a character boundary, invalid UTF-8 replaced), so callers keep theirs.
 *
 * Pure core: no SDL, no network. */
#ifndef KIOSK_HEALTH_H
#define KIOSK_HEALTH_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "klimits.h"
#include "update_reason.h"

/* What the screen shows: kiosk_scene{scene="..."}, one-hot. */
typedef enum {
    HEALTH_SCENE_STARTING, /* before the first frame of content */
    HEALTH_SCENE_ATTRACT,  /* the attract loop, nobody at the screen */
    HEALTH_SCENE_MENU,     /* the domain menu */
    HEALTH_SCENE_PAGE,     /* a domain page */
    HEALTH_SCENE_COUNT
} health_scene;

const char *health_scene_name(health_scene s);
int health_scene_parse(const char *s, health_scene *out);

/* Display power: kiosk_display_power{state="..."}, one-hot; no sample while
 * unknown. */
typedef enum {
    HEALTH_DISPLAY_UNKNOWN,
    HEALTH_DISPLAY_ON,
    HEALTH_DISPLAY_STANDBY, /* blanked on purpose, e.g. outside opening hours */
    HEALTH_DISPLAY_OFF,
    HEALTH_DISPLAY_COUNT
} health_display;

const char *health_display_name(health_display d); /* "unknown", "on", ... */

/* Run-time errors the kiosk survived: kiosk_errors_total{kind="..."}. */
typedef enum {
    HEALTH_ERR_CONTENT, /* a content tree failed to load at run time */
    HEALTH_ERR_IMAGE,   /* an image could not be decoded */
    HEALTH_ERR_FONT,    /* a font could not be opened or rendered */
    HEALTH_ERR_RENDER,  /* the renderer reported an error */
    HEALTH_ERR_IO,      /* a file could not be read or written */
    HEALTH_ERR_MEMORY,  /* an allocation failed */
    HEALTH_ERR_OTHER,
    HEALTH_ERR_COUNT
} health_error_kind;

const char *health_error_name(health_error_kind k);

/* Upper bounds of the frame-time histogram buckets, milliseconds: from a
 * smooth 60 Hz frame (16.7) to a visible stall (250). */
#define HEALTH_FRAME_BUCKETS 8
extern const double health_frame_bounds_ms[HEALTH_FRAME_BUCKETS];

/* The visitors' accessibility choices, each counted when switched on:
 * kiosk_accessibility_used_total{feature="..."}. */
typedef enum {
    HEALTH_ACCESS_SPEECH,     /* speech mode (the two-finger hold) */
    HEALTH_ACCESS_CONTRAST,   /* high contrast */
    HEALTH_ACCESS_LARGE_TEXT, /* large text */
    HEALTH_ACCESS_MORE_TIME,  /* "more time" on the idle warning */
    HEALTH_ACCESS_COUNT
} health_access;

/* ---- writing: any thread -------------------------------------------------- */

/* Forget everything and start again at time `now`. main() calls it once
 * before starting threads; tests call it before each case. The exporter
 * sets the build info from version.h. */
void health_reset(time_t now);

void health_set_build(const char *version, const char *revision);
/* Who and where this kiosk is: kiosk_info{id="...",location="..."} 1. */
void health_set_identity(const char *kiosk_id, const char *location);
/* A content tree went on screen: its version (from the manifest, or "" for
 * a tree loaded from disk without one), when it was published (0: unknown)
 * and when it was loaded. */
void health_content_shown(const char *version, time_t published, time_t loaded);

/* The updater: one call when a poll starts, then exactly one of
 * health_update_succeeded() or health_update_failed(). `changed` is 1 when
 * new content was swapped in, 0 for "not modified". */
void health_update_attempt(time_t now);
void health_update_succeeded(time_t now, int changed);
void health_update_failed(update_reason reason); /* a failure (update_reason_is_failure); else local_error */

/* The UI: one call per presented frame with the time it took to produce,
 * ms: from the end of the event wait to SDL_RenderPresent() returning. Not
 * the time between frames — an idle kiosk waits seconds for events and
 * must not look slow for it. */
void health_frame(double ms);
void health_touch(void);
/* A visitor started using the kiosk (left the attract loop by touch). */
void health_session(void);
/* A page of domain `domain_id` was opened. At most KIOSK_MAX_DOMAINS
 * distinct ids are kept as labels; views of more are counted in
 * kiosk_domain_views_overflow_total. */
void health_domain_view(const char *domain_id);
void health_set_scene(health_scene s);
void health_set_display(health_display d);
void health_error(health_error_kind kind);
void health_access_used(health_access feature);
/* The emergency notice covers the screen (1) or not (0): kiosk_notice_shown. */
void health_set_notice(int shown);
/* The content shown comes from a manifest past its expiry (1) or not (0):
 * kiosk_update_expired. */
void health_set_update_expired(int expired);
/* The version of the root-signed key list the updater accepted last
 * (root_key kiosks only; 0: none, no sample): kiosk_update_keys_version. */
void health_set_keys_version(uint64_t version);

/* The exporters count their own failures here. */
void health_push_failed(void);
void health_push_succeeded(time_t now);
void health_file_failed(void);

/* ---- reading ------------------------------------------------------------- */

typedef struct health_domain_views {
    char id[KIOSK_MAX_ID + 1];
    uint64_t views;
} health_domain_views;

/* Everything the text output says, as plain data. Timestamps are seconds
 * since the epoch, 0 for "never" (then no sample is written). */
typedef struct health_snapshot {
    time_t now;
    char version[KIOSK_MAX_LABEL + 1];
    char revision[KIOSK_MAX_LABEL + 1];
    char kiosk_id[KIOSK_MAX_LABEL + 1];
    char location[KIOSK_MAX_LABEL + 1];
    time_t start_time;

    int has_content;
    char content_version[KIOSK_MAX_LABEL + 1];
    time_t content_published;
    time_t content_loaded;

    uint64_t update_attempts;
    uint64_t updates_applied; /* successes that changed the content */
    uint64_t update_failures[UPDATE_REASON_COUNT]; /* kiosk_update_failures_total{reason=update_reason_name} */
    uint64_t update_consecutive_failures;
    int update_last_failure; /* an update_reason while the last poll failed, else -1 */
    int update_expired;      /* the shown content's manifest has expired */
    uint64_t keys_version;   /* the accepted key list's version; 0: none */
    time_t last_update_attempt;
    time_t last_update_success;

    uint64_t frame_buckets[HEALTH_FRAME_BUCKETS + 1]; /* per bucket, last = above all bounds */
    uint64_t frames;
    double frame_seconds_sum;

    uint64_t touches;
    uint64_t sessions;
    size_t n_domains;
    health_domain_views domains[KIOSK_MAX_DOMAINS];
    uint64_t domain_views_overflow;

    uint64_t access[HEALTH_ACCESS_COUNT];
    int notice_shown;

    health_scene scene;
    health_display display;
    uint64_t errors[HEALTH_ERR_COUNT];

    uint64_t push_failures;
    time_t last_push_success;
    uint64_t file_failures;

    /* Filled by health_collect_platform(), not by the registry. */
    uint64_t log_dropped;
    int has_rss;
    uint64_t rss_bytes;
    int has_temperature;
    double temperature_celsius;
} health_snapshot;

/* Copy the registry into *out, consistent at one instant, with out->now set
 * to `now`. The platform fields are left empty. */
void health_snapshot_take(health_snapshot *out, time_t now);

/* Resident memory of this process from <proc_root>/self/statm. 0, or -1
 * when it cannot be read. */
int health_read_rss(const char *proc_root, uint64_t *bytes);
/* CPU temperature from <sys_root>/class/thermal/thermal_zone<N>/temp
 * (millidegrees Celsius): the first zone whose type names the CPU or SoC,
 * else thermal_zone0. 0, or -1 when the board has no such sensor or it
 * reports nonsense — then the metric is left out, never written as 0. */
int health_read_temperature(const char *sys_root, double *celsius);
/* Fill the memory and temperature fields (log_dropped is the caller's:
 * log.c is outside the pure core). NULL roots mean "/proc" and "/sys". */
void health_collect_platform(health_snapshot *s, const char *proc_root, const char *sys_root);

/* The snapshot in the Prometheus text exposition format 0.0.4. Writes at
 * most size bytes including a terminating NUL into buf; *len (when not
 * NULL) gets the length of the whole text. Returns 0, or -1 when it did not
 * fit (buf then holds a truncated text; retry with *len + 1 bytes). */
int health_format(const health_snapshot *s, char *buf, size_t size, size_t *len);
/* The same text to a stream. 0, or -1 on a write error. */
int health_write(const health_snapshot *s, FILE *f);

/* Escape a label value for the text format (\ " and newline) into buf;
 * invalid UTF-8 becomes U+FFFD. Returns 0, or -1 when it did not fit. */
int health_escape_label(const char *value, char *buf, size_t size);

#endif
