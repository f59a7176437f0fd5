#include "health_export.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "health.h"
#include "http.h"
#include "klimits.h"
#include "log.h"
#include "version.h"

#define COMPONENT "health"
/* While a failure repeats, log it again only every this many attempts. */
#define LOG_EVERY_N_FAILURES 100

void health_exporter_config_init(health_exporter_config *cfg)
{
    memset(cfg, 0, sizeof(*cfg));
    cfg->interval_s = HEALTH_DEFAULT_INTERVAL_S;
    cfg->push_timeout_ms = HEALTH_DEFAULT_PUSH_TIMEOUT_MS;
}

static int parse_uint(const char *s, unsigned min, unsigned max, unsigned *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < (long)min || v > (long)max)
        return -1;
    *out = (unsigned)v;
    return 0;
}

int health_exporter_option(health_exporter_config *cfg, const char *name, const char *value,
                           char *err, size_t errsize)
{
    if (strcmp(name, "metrics-file") == 0)
        cfg->metrics_file = value;
    else if (strcmp(name, "pushgateway") == 0)
        cfg->pushgateway_url = value;
    else if (strcmp(name, "kiosk-id") == 0)
        cfg->kiosk_id = value;
    else if (strcmp(name, "location") == 0)
        cfg->location = value;
    else if (strcmp(name, "metrics-interval") == 0) {
        if (parse_uint(value, 1, 3600, &cfg->interval_s) < 0) {
            snprintf(err, errsize, "--metrics-interval: expected 1..3600 seconds, got '%s'", value);
            return -1;
        }
    } else if (strcmp(name, "push-timeout-ms") == 0) {
        if (parse_uint(value, 100, 60000, &cfg->push_timeout_ms) < 0) {
            snprintf(err, errsize, "--push-timeout-ms: expected 100..60000, got '%s'", value);
            return -1;
        }
    } else
        return 0;
    return 1;
}

int health_exporter_enabled(const health_exporter_config *cfg)
{
    return (cfg->metrics_file && *cfg->metrics_file) ||
           (cfg->pushgateway_url && *cfg->pushgateway_url);
}

/* The id becomes a URL path segment and a label: keep it to characters that
 * need no encoding, starting with a letter or digit (so never "." or ".."). */
static int valid_id(const char *id)
{
    size_t n = strlen(id);
    if (n == 0 || n > KIOSK_MAX_ID)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = id[i];
        int alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!alnum && (i == 0 || (c != '.' && c != '_' && c != '-')))
            return 0;
    }
    return 1;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* The kiosk id to use: the configured one, else the host name. */
static int resolve_id(const health_exporter_config *cfg, char *buf, size_t size)
{
    if (cfg->kiosk_id && *cfg->kiosk_id)
        return snprintf(buf, size, "%s", cfg->kiosk_id) < (int)size ? 0 : -1;
    char host[256];
    if (gethostname(host, sizeof(host)) < 0)
        return -1;
    host[sizeof(host) - 1] = '\0';
    char *dot = strchr(host, '.'); /* the short name is the id */
    if (dot)
        *dot = '\0';
    return snprintf(buf, size, "%s", host) < (int)size ? 0 : -1;
}

int health_exporter_config_check(const health_exporter_config *cfg, char *err, size_t errsize)
{
    char id[KIOSK_MAX_ID + 2];
    if (!health_exporter_enabled(cfg)) {
        snprintf(err, errsize, "metrics: neither a metrics file nor a Pushgateway is set");
        return -1;
    }
    if (cfg->metrics_file && *cfg->metrics_file &&
        (!ends_with(cfg->metrics_file, ".prom") || strlen(cfg->metrics_file) >= KIOSK_MAX_PATH)) {
        snprintf(err, errsize,
                 "--metrics-file: '%s' must end in .prom (node_exporter reads only those) "
                 "and be shorter than %d bytes",
                 cfg->metrics_file, KIOSK_MAX_PATH);
        return -1;
    }
    const char *url = cfg->pushgateway_url;
    if (url && *url &&
        ((strncmp(url, "http://", 7) != 0 && strncmp(url, "https://", 8) != 0) ||
         strlen(url) >= KIOSK_MAX_URL - 2 * KIOSK_MAX_ID - 64)) {
        snprintf(err, errsize, "--pushgateway: expected an http:// or https:// URL, got '%s'", url);
        return -1;
    }
    if (resolve_id(cfg, id, sizeof(id)) < 0 || !valid_id(id)) {
        snprintf(err, errsize,
                 "--kiosk-id: '%s' must be 1..%d of A-Z a-z 0-9 . _ -, starting with a letter "
                 "or digit",
                 cfg->kiosk_id ? cfg->kiosk_id : id, KIOSK_MAX_ID);
        return -1;
    }
    if (cfg->location && strlen(cfg->location) > KIOSK_MAX_LABEL) {
        snprintf(err, errsize, "--location: longer than %d bytes", KIOSK_MAX_LABEL);
        return -1;
    }
    if (cfg->interval_s < 1 || cfg->push_timeout_ms < 100) {
        snprintf(err, errsize, "metrics: interval must be >= 1 s and push timeout >= 100 ms");
        return -1;
    }
    return 0;
}

/* ---- textfile ---------------------------------------------------------------- */

int health_write_textfile(const char *path, const char *text, size_t len)
{
    char tmp[KIOSK_MAX_PATH + 32], dir[KIOSK_MAX_PATH];
    int fd = -1, saved;
    /* Not ending in .prom, so node_exporter never reads a half-written file. */
    if (snprintf(tmp, sizeof(tmp), "%s.tmp.%ld", path, (long)getpid()) >= (int)sizeof(tmp) ||
        snprintf(dir, sizeof(dir), "%s", path) >= (int)sizeof(dir)) {
        errno = ENAMETOOLONG;
        return -1;
    }
    fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return -1;
    for (size_t off = 0; off < len;) {
        ssize_t n = write(fd, text + off, len - off);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            goto fail;
        off += (size_t)n;
    }
    if (fsync(fd) < 0)
        goto fail;
    if (close(fd) < 0) {
        fd = -1;
        goto fail;
    }
    fd = -1;
    if (rename(tmp, path) < 0)
        goto fail;
    /* Make the rename itself durable; failure here loses nothing readers see. */
    char *slash = strrchr(dir, '/');
    if (slash == dir)
        dir[1] = '\0';
    else if (slash)
        *slash = '\0';
    else
        snprintf(dir, sizeof(dir), ".");
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        fsync(dfd);
        close(dfd);
    }
    return 0;
fail:
    saved = errno;
    if (fd >= 0)
        close(fd);
    unlink(tmp);
    errno = saved;
    return -1;
}

/* ---- push ----------------------------------------------------------------------- */

static int cancel_requested(void *ctx)
{
    return atomic_load((const atomic_int *)ctx); /* non-zero aborts the transfer */
}

/* PUT text to <base>/metrics/job/kiosk/instance/<id>. 0, or -1 with a reason
 * in why. The client is reused between pushes to keep the connection. */
static int push(http_client *http, const char *base, const char *id, const char *text, size_t len, char *why,
                size_t whysize)
{
    char url[KIOSK_MAX_URL];
    size_t blen = strlen(base);
    while (blen && base[blen - 1] == '/')
        blen--;
    snprintf(url, sizeof(url), "%.*s/metrics/job/kiosk/instance/%s", (int)blen, base, id);
    http_response res;
    if (http_put(http, url, "text/plain; version=0.0.4", text, len, &res) != UPDATE_OK) {
        snprintf(why, whysize, "%s", res.detail);
        return -1;
    }
    return 0;
}

/* ---- export rounds ------------------------------------------------------------- */

/* State kept between rounds: the HTTP client, the text buffer and what was
 * last logged, so a failure that repeats is not logged every round. */
typedef struct round_state {
    http_client *http;
    char *text;
    char last_push_error[512];
    unsigned long push_failures_in_row;
    int file_failing;
} round_state;

static int round_init(round_state *st)
{
    memset(st, 0, sizeof(*st));
    st->text = malloc(KIOSK_MAX_METRICS_BYTES);
    return st->text ? 0 : -1;
}

static void round_free(round_state *st)
{
    http_client_free(st->http);
    free(st->text);
}

static void apply_identity(const health_exporter_config *cfg)
{
    char id[KIOSK_MAX_ID + 2] = "";
    if (resolve_id(cfg, id, sizeof(id)) < 0)
        id[0] = '\0';
    health_set_identity(id, cfg->location ? cfg->location : "");
    health_set_build(kiosk_version(), kiosk_revision());
}

static int run_round(const health_exporter_config *cfg, round_state *st, time_t now,
                     atomic_int *cancel)
{
    int rc = 0;
    health_snapshot snap;
    health_snapshot_take(&snap, now);
    health_collect_platform(&snap, cfg->proc_root, cfg->sys_root);
    snap.log_dropped = log_dropped();
    size_t len;
    if (health_format(&snap, st->text, KIOSK_MAX_METRICS_BYTES, &len) < 0) {
        log_error(COMPONENT, "metrics text needs %zu bytes, more than %d", len,
                  KIOSK_MAX_METRICS_BYTES);
        return -1;
    }

    if (cfg->metrics_file && *cfg->metrics_file) {
        if (health_write_textfile(cfg->metrics_file, st->text, len) < 0) {
            int e = errno;
            health_file_failed();
            if (!st->file_failing)
                log_warn(COMPONENT, "writing %s: %s", cfg->metrics_file, strerror(e));
            st->file_failing = 1;
            rc = -1;
        } else {
            if (st->file_failing)
                log_info(COMPONENT, "writing %s works again", cfg->metrics_file);
            st->file_failing = 0;
        }
    }

    if (cfg->pushgateway_url && *cfg->pushgateway_url) {
        char id[KIOSK_MAX_ID + 2], why[512];
        if (!st->http) {
            http_options o = {.connect_timeout_ms = cfg->push_timeout_ms,
                              .timeout_ms = cfg->push_timeout_ms,
                              .cancelled = cancel ? cancel_requested : NULL,
                              .cancel_ctx = cancel};
            st->http = http_client_new(&o);
        }
        if (resolve_id(cfg, id, sizeof(id)) < 0 || !valid_id(id)) {
            snprintf(why, sizeof(why), "no valid kiosk id");
            goto push_failed;
        }
        if (!st->http) {
            snprintf(why, sizeof(why), "cannot initialise libcurl");
            goto push_failed;
        }
        if (push(st->http, cfg->pushgateway_url, id, st->text, len, why, sizeof(why)) < 0)
            goto push_failed;
        health_push_succeeded(now);
        if (st->push_failures_in_row)
            log_info(COMPONENT, "push to %s works again after %lu failures", cfg->pushgateway_url,
                     st->push_failures_in_row);
        st->push_failures_in_row = 0;
        st->last_push_error[0] = '\0';
        return rc;
    push_failed:
        health_push_failed();
        st->push_failures_in_row++;
        if (strcmp(why, st->last_push_error) != 0 ||
            st->push_failures_in_row % LOG_EVERY_N_FAILURES == 0)
            log_warn(COMPONENT, "push to %s failed (%lu in a row): %s", cfg->pushgateway_url,
                     st->push_failures_in_row, why);
        snprintf(st->last_push_error, sizeof(st->last_push_error), "%s", why);
        rc = -1;
    }
    return rc;
}

int health_export_once(const health_exporter_config *cfg, time_t now)
{
    char err[256];
    if (health_exporter_config_check(cfg, err, sizeof(err)) < 0) {
        log_error(COMPONENT, "%s", err);
        return -1;
    }
    round_state st;
    if (round_init(&st) < 0)
        return -1;
    apply_identity(cfg);
    int rc = run_round(cfg, &st, now, NULL);
    round_free(&st);
    return rc;
}

/* ---- background thread ------------------------------------------------------- */

struct health_exporter {
    health_exporter_config cfg; /* strings point into the copies below */
    char metrics_file[KIOSK_MAX_PATH];
    char url[KIOSK_MAX_URL];
    char id[KIOSK_MAX_ID + 2];
    char location[KIOSK_MAX_LABEL + 1];
    char proc_root[KIOSK_MAX_PATH];
    char sys_root[KIOSK_MAX_PATH];

    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv; /* on CLOCK_MONOTONIC: wall-clock jumps do not matter */
    int stop;
    atomic_int cancel; /* read by the HTTP client during a push */
    round_state st;
};

static const char *copy_opt(char *dst, size_t size, const char *src)
{
    if (!src)
        return NULL;
    snprintf(dst, size, "%s", src);
    return dst;
}

static void *exporter_main(void *arg)
{
    health_exporter *x = arg;
    pthread_mutex_lock(&x->mu);
    while (!x->stop) {
        pthread_mutex_unlock(&x->mu);
        run_round(&x->cfg, &x->st, time(NULL), &x->cancel);
        pthread_mutex_lock(&x->mu);
        struct timespec until;
        clock_gettime(CLOCK_MONOTONIC, &until);
        until.tv_sec += x->cfg.interval_s;
        while (!x->stop && pthread_cond_timedwait(&x->cv, &x->mu, &until) != ETIMEDOUT) {
        }
    }
    pthread_mutex_unlock(&x->mu);
    return NULL;
}

health_exporter *health_exporter_start(const health_exporter_config *cfg, char *err,
                                       size_t errsize)
{
    health_exporter *x = NULL;
    pthread_condattr_t ca;
    int have_ca = 0, have_mu = 0, have_cv = 0, have_http = 0;
    if (health_exporter_config_check(cfg, err, errsize) < 0)
        return NULL;
    x = calloc(1, sizeof(*x));
    if (!x || round_init(&x->st) < 0)
        goto fail;
    x->cfg = *cfg;
    x->cfg.metrics_file = copy_opt(x->metrics_file, sizeof(x->metrics_file), cfg->metrics_file);
    x->cfg.pushgateway_url = copy_opt(x->url, sizeof(x->url), cfg->pushgateway_url);
    x->cfg.location = copy_opt(x->location, sizeof(x->location), cfg->location);
    x->cfg.proc_root = copy_opt(x->proc_root, sizeof(x->proc_root), cfg->proc_root);
    x->cfg.sys_root = copy_opt(x->sys_root, sizeof(x->sys_root), cfg->sys_root);
    /* Resolve the host name once: the id must not change while running. */
    if (resolve_id(cfg, x->id, sizeof(x->id)) < 0)
        goto fail;
    x->cfg.kiosk_id = x->id;
    atomic_init(&x->cancel, 0);
    if (http_global_init() != 0)
        goto fail;
    have_http = 1;
    if (pthread_condattr_init(&ca) != 0)
        goto fail;
    have_ca = 1;
    if (pthread_condattr_setclock(&ca, CLOCK_MONOTONIC) != 0 || pthread_cond_init(&x->cv, &ca) != 0)
        goto fail;
    have_cv = 1;
    if (pthread_mutex_init(&x->mu, NULL) != 0)
        goto fail;
    have_mu = 1;
    apply_identity(&x->cfg);
    if (pthread_create(&x->thread, NULL, exporter_main, x) != 0)
        goto fail;
    pthread_condattr_destroy(&ca);
    const char *file = x->cfg.metrics_file && *x->cfg.metrics_file ? x->cfg.metrics_file : NULL;
    const char *url = x->cfg.pushgateway_url && *x->cfg.pushgateway_url ? x->cfg.pushgateway_url
                                                                        : NULL;
    log_info(COMPONENT, "metrics of kiosk '%s' every %u s%s%s%s%s", x->id, x->cfg.interval_s,
             file ? " to file " : "", file ? file : "", url ? " to Pushgateway " : "",
             url ? url : "");
    return x;
fail:
    snprintf(err, errsize, "metrics: cannot start the exporter");
    if (have_mu)
        pthread_mutex_destroy(&x->mu);
    if (have_cv)
        pthread_cond_destroy(&x->cv);
    if (have_ca)
        pthread_condattr_destroy(&ca);
    if (have_http)
        http_global_cleanup();
    if (x)
        round_free(&x->st);
    free(x);
    return NULL;
}

void health_exporter_stop(health_exporter *x)
{
    if (!x)
        return;
    pthread_mutex_lock(&x->mu);
    x->stop = 1;
    atomic_store(&x->cancel, 1);
    pthread_cond_broadcast(&x->cv);
    pthread_mutex_unlock(&x->mu);
    pthread_join(x->thread, NULL);
    pthread_mutex_destroy(&x->mu);
    pthread_cond_destroy(&x->cv);
    round_free(&x->st);
    http_global_cleanup();
    free(x);
}
