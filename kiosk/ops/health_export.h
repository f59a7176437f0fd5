/* health_export.h — getting the health metrics (health.h) off the kiosk.
 *
 * Two ways, either or both:
 *   - a file for node_exporter's textfile collector, rewritten atomically
 *     (temporary file in the same directory, fsync, rename) every interval;
 *   - an HTTP PUT to a Prometheus Pushgateway at
 *     <url>/metrics/job/kiosk/instance/<kiosk id>, replacing the kiosk's
 *     whole group, so series that went away (an old scene) go away there too.
 *
 * health_exporter_start() runs both from a background thread. A push has a
 * hard timeout and is cancelled by health_exporter_stop(); the registry lock
 * is held only to copy a snapshot, never during I/O, so a slow or dead
 * Pushgateway cannot stall the UI. Failures are counted in the metrics and
 * logged on change, not on every attempt.
 *
 * Wiring in main() (the kiosk's options, options.h, fill the config):
 *
 *   health_reset(time(NULL));
 *   health_exporter_config hc;
 *   health_exporter_config_init(&hc);
 *   ...   set its fields, or for each option --NAME VALUE:
 *         if (health_exporter_option(&hc, NAME, VALUE, err, sizeof err) < 0) usage error
 *   health_exporter *hx = health_exporter_enabled(&hc) ? health_exporter_start(&hc, err, sizeof err) : NULL;
 *   ... run the UI ...
 *   health_exporter_stop(hx);
 *
 * libcurl's global set-up is not thread-safe everywhere: main() should call
 * http_global_init() (http.h) once before starting any thread (start()
 * calls it too; it counts). */
#ifndef KIOSK_HEALTH_EXPORT_H
#define KIOSK_HEALTH_EXPORT_H

#include <stddef.h>
#include <time.h>

#define HEALTH_DEFAULT_INTERVAL_S 15
#define HEALTH_DEFAULT_PUSH_TIMEOUT_MS 5000

typedef struct health_exporter_config {
    const char *metrics_file;    /* textfile collector file, "*.prom"; NULL: none */
    const char *pushgateway_url; /* "http://monitor:9091"; NULL: no push */
    const char *kiosk_id;        /* [A-Za-z0-9][A-Za-z0-9._-]*; NULL: the host name */
    const char *location;        /* free text, e.g. "Rathaus, Foyer EG"; NULL: "" */
    unsigned interval_s;         /* seconds between rounds */
    unsigned push_timeout_ms;    /* whole push, connect included */
    const char *proc_root;       /* NULL: "/proc"; tests point these at fixtures */
    const char *sys_root;        /* NULL: "/sys" */
} health_exporter_config;

/* Defaults: nothing exported, HEALTH_DEFAULT_INTERVAL_S, ..._PUSH_TIMEOUT_MS. */
void health_exporter_config_init(health_exporter_config *cfg);

/* The command-line (or config-file) hook: set option `name` (without the
 * leading "--") to `value`. Strings are borrowed: they must outlive the
 * config (argv does). Returns 1 when name is one of ours and was set, 0 when
 * it is not ours, -1 when the value is invalid (message in err). */
int health_exporter_option(health_exporter_config *cfg, const char *name, const char *value,
                           char *err, size_t errsize);

/* 1 when a metrics file or a Pushgateway is configured. */
int health_exporter_enabled(const health_exporter_config *cfg);
/* Check the configuration; 0, or -1 with a message in err. */
int health_exporter_config_check(const health_exporter_config *cfg, char *err, size_t errsize);

/* Write text to path atomically: readers see the old file or the new one,
 * never a part. 0, or -1 with errno set. */
int health_write_textfile(const char *path, const char *text, size_t len);

/* One export round, synchronously, in the calling thread: snapshot, then the
 * file and the push as configured. Sets the registry's identity from cfg.
 * Returns 0 when everything configured succeeded, -1 otherwise (counted in
 * the metrics and logged). For tests and one-shot tools; the kiosk runs
 * rounds with health_exporter_start(). */
int health_export_once(const health_exporter_config *cfg, time_t now);

typedef struct health_exporter health_exporter;

/* Check cfg, copy it, set the registry's identity and start the background
 * thread, which runs its first round at once and then one per interval.
 * Returns NULL (message in err) when cfg is invalid or the thread cannot be
 * started. */
health_exporter *health_exporter_start(const health_exporter_config *cfg, char *err,
                                       size_t errsize);
/* Stop the thread, cancelling a push in flight, and free the exporter.
 * Accepts NULL. */
void health_exporter_stop(health_exporter *x);

#endif
