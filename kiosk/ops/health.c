#include "health.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "utf8.h"

const double health_frame_bounds_ms[HEALTH_FRAME_BUCKETS] = {2, 4, 8, 16.7, 33, 50, 100, 250};

static const char *const scene_names[HEALTH_SCENE_COUNT] = {"starting", "attract", "menu", "page"};
static const char *const display_names[HEALTH_DISPLAY_COUNT] = {"unknown", "on", "standby", "off"};
static const char *const access_names[HEALTH_ACCESS_COUNT] = {"speech", "contrast", "large_text",
                                                                "more_time"};
static const char *const error_names[HEALTH_ERR_COUNT] = {"content", "image",  "font", "render",
                                                         "io",      "memory", "other"};

const char *health_scene_name(health_scene s)
{
    return (unsigned)s < HEALTH_SCENE_COUNT ? scene_names[s] : "starting";
}

int health_scene_parse(const char *s, health_scene *out)
{
    for (int i = 0; i < HEALTH_SCENE_COUNT; i++)
        if (s && strcmp(s, scene_names[i]) == 0) {
            *out = (health_scene)i;
            return 0;
        }
    return -1;
}

const char *health_display_name(health_display d)
{
    return (unsigned)d < HEALTH_DISPLAY_COUNT ? display_names[d] : "unknown";
}

const char *health_error_name(health_error_kind k)
{
    return (unsigned)k < HEALTH_ERR_COUNT ? error_names[k] : "other";
}

/* ---- the registry ---------------------------------------------------------- */

/* The registry is a snapshot guarded by a mutex: taking a snapshot is one
 * struct copy, and no call ever holds the lock across I/O. */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static health_snapshot reg = {.update_last_failure = -1};

/* Copy src into dst (room for max bytes + NUL), cut at a character boundary,
 * invalid UTF-8 replaced by U+FFFD: label values must be UTF-8, and a
 * kiosk must not be able to break the exposition with a stray byte. */
static void copy_label(char *dst, size_t max, const char *src)
{
    size_t o = 0;
    size_t len = src ? strlen(src) : 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t n = utf8_decode(src + i, len - i, &cp);
        const char *piece = src + i;
        size_t plen = n;
        if (n == 0) {
            piece = "\xEF\xBF\xBD";
            plen = 3;
            n = 1;
        }
        if (o + plen > max)
            break;
        memcpy(dst + o, piece, plen);
        o += plen;
        i += n;
    }
    dst[o] = '\0';
}

#define LABEL(dst, src) copy_label((dst), sizeof(dst) - 1, (src))

void health_reset(time_t now)
{
    pthread_mutex_lock(&lock);
    memset(&reg, 0, sizeof(reg));
    reg.update_last_failure = -1;
    reg.start_time = now;
    pthread_mutex_unlock(&lock);
}

void health_set_build(const char *version, const char *revision)
{
    pthread_mutex_lock(&lock);
    LABEL(reg.version, version);
    LABEL(reg.revision, revision);
    pthread_mutex_unlock(&lock);
}

void health_set_identity(const char *kiosk_id, const char *location)
{
    pthread_mutex_lock(&lock);
    LABEL(reg.kiosk_id, kiosk_id);
    LABEL(reg.location, location);
    pthread_mutex_unlock(&lock);
}

void health_content_shown(const char *version, time_t published, time_t loaded)
{
    pthread_mutex_lock(&lock);
    reg.has_content = 1;
    LABEL(reg.content_version, version);
    reg.content_published = published;
    reg.content_loaded = loaded;
    pthread_mutex_unlock(&lock);
}

void health_update_attempt(time_t now)
{
    pthread_mutex_lock(&lock);
    reg.update_attempts++;
    reg.last_update_attempt = now;
    pthread_mutex_unlock(&lock);
}

void health_update_succeeded(time_t now, int changed)
{
    pthread_mutex_lock(&lock);
    if (changed)
        reg.updates_applied++;
    reg.last_update_success = now;
    reg.update_consecutive_failures = 0;
    reg.update_last_failure = -1;
    pthread_mutex_unlock(&lock);
}

void health_update_failed(update_reason reason)
{
    if (!update_reason_is_failure(reason))
        reason = UPDATE_LOCAL_ERROR;
    pthread_mutex_lock(&lock);
    reg.update_failures[reason]++;
    reg.update_consecutive_failures++;
    reg.update_last_failure = (int)reason;
    pthread_mutex_unlock(&lock);
}

void health_frame(double ms)
{
    if (isnan(ms))
        return;
    if (ms < 0)
        ms = 0;
    size_t b = 0;
    while (b < HEALTH_FRAME_BUCKETS && ms > health_frame_bounds_ms[b])
        b++;
    pthread_mutex_lock(&lock);
    reg.frame_buckets[b]++;
    reg.frames++;
    reg.frame_seconds_sum += ms / 1000.0;
    pthread_mutex_unlock(&lock);
}

void health_touch(void)
{
    pthread_mutex_lock(&lock);
    reg.touches++;
    pthread_mutex_unlock(&lock);
}

void health_session(void)
{
    pthread_mutex_lock(&lock);
    reg.sessions++;
    pthread_mutex_unlock(&lock);
}

void health_access_used(health_access feature)
{
    if ((unsigned)feature >= HEALTH_ACCESS_COUNT)
        return;
    pthread_mutex_lock(&lock);
    reg.access[feature]++;
    pthread_mutex_unlock(&lock);
}

void health_set_notice(int shown)
{
    pthread_mutex_lock(&lock);
    reg.notice_shown = shown != 0;
    pthread_mutex_unlock(&lock);
}

void health_set_update_expired(int expired)
{
    pthread_mutex_lock(&lock);
    reg.update_expired = expired != 0;
    pthread_mutex_unlock(&lock);
}

void health_set_keys_version(uint64_t version)
{
    pthread_mutex_lock(&lock);
    reg.keys_version = version;
    pthread_mutex_unlock(&lock);
}

void health_domain_view(const char *domain_id)
{
    if (!domain_id || !*domain_id)
        return;
    char id[KIOSK_MAX_ID + 1];
    LABEL(id, domain_id);
    pthread_mutex_lock(&lock);
    size_t i = 0;
    while (i < reg.n_domains && strcmp(reg.domains[i].id, id) != 0)
        i++;
    if (i < reg.n_domains) {
        reg.domains[i].views++;
    } else if (reg.n_domains < KIOSK_MAX_DOMAINS) {
        /* Content generations may rename domains; the label set is capped so
         * a long uptime cannot grow the series without bound. */
        memcpy(reg.domains[i].id, id, sizeof(id));
        reg.domains[i].views = 1;
        reg.n_domains++;
    } else {
        reg.domain_views_overflow++;
    }
    pthread_mutex_unlock(&lock);
}

void health_set_scene(health_scene s)
{
    if ((unsigned)s >= HEALTH_SCENE_COUNT)
        return;
    pthread_mutex_lock(&lock);
    reg.scene = s;
    pthread_mutex_unlock(&lock);
}

void health_set_display(health_display d)
{
    if ((unsigned)d >= HEALTH_DISPLAY_COUNT)
        d = HEALTH_DISPLAY_UNKNOWN;
    pthread_mutex_lock(&lock);
    reg.display = d;
    pthread_mutex_unlock(&lock);
}

void health_error(health_error_kind kind)
{
    if ((unsigned)kind >= HEALTH_ERR_COUNT)
        kind = HEALTH_ERR_OTHER;
    pthread_mutex_lock(&lock);
    reg.errors[kind]++;
    pthread_mutex_unlock(&lock);
}

void health_push_failed(void)
{
    pthread_mutex_lock(&lock);
    reg.push_failures++;
    pthread_mutex_unlock(&lock);
}

void health_push_succeeded(time_t now)
{
    pthread_mutex_lock(&lock);
    reg.last_push_success = now;
    pthread_mutex_unlock(&lock);
}

void health_file_failed(void)
{
    pthread_mutex_lock(&lock);
    reg.file_failures++;
    pthread_mutex_unlock(&lock);
}

void health_snapshot_take(health_snapshot *out, time_t now)
{
    pthread_mutex_lock(&lock);
    *out = reg;
    pthread_mutex_unlock(&lock);
    out->now = now;
}

/* ---- platform readings --------------------------------------------------- */

/* Read a small file into buf as a string. 0, or -1. */
static int read_small(const char *path, char *buf, size_t size)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    size_t n = fread(buf, 1, size - 1, f);
    int bad = ferror(f);
    fclose(f);
    if (bad || n == 0)
        return -1;
    buf[n] = '\0';
    return 0;
}

int health_read_rss(const char *proc_root, uint64_t *bytes)
{
    char path[KIOSK_MAX_PATH + 32], buf[256];
    snprintf(path, sizeof(path), "%s/self/statm", proc_root ? proc_root : "/proc");
    if (read_small(path, buf, sizeof(buf)) < 0)
        return -1;
    /* statm: size resident shared text lib data dt, in pages. */
    unsigned long long size, resident;
    if (sscanf(buf, "%llu %llu", &size, &resident) != 2)
        return -1;
    long page = sysconf(_SC_PAGESIZE);
    if (page <= 0)
        return -1;
    *bytes = (uint64_t)resident * (uint64_t)page;
    return 0;
}

/* 1 when a thermal zone type names the processor: "cpu-thermal" on a
 * Raspberry Pi, "x86_pkg_temp" on a PC, "soc-thermal" on other boards. */
static int is_cpu_zone(const char *type)
{
    return strstr(type, "cpu") || strstr(type, "soc") || strstr(type, "x86_pkg") ||
           strstr(type, "CPU");
}

static int read_zone_temp(const char *dir, int zone, double *celsius)
{
    char path[KIOSK_MAX_PATH + 64], buf[64];
    snprintf(path, sizeof(path), "%s/thermal_zone%d/temp", dir, zone);
    if (read_small(path, buf, sizeof(buf)) < 0)
        return -1;
    char *end;
    errno = 0;
    long milli = strtol(buf, &end, 10);
    if (errno || end == buf || (*end && *end != '\n'))
        return -1;
    double c = (double)milli / 1000.0;
    /* A disconnected sensor reads -273 or huge values: no sample then. */
    if (c < -50 || c > 200)
        return -1;
    *celsius = c;
    return 0;
}

int health_read_temperature(const char *sys_root, double *celsius)
{
    char dir[KIOSK_MAX_PATH + 32];
    snprintf(dir, sizeof(dir), "%s/class/thermal", sys_root ? sys_root : "/sys");
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    int best = -1;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        int zone;
        char tail;
        if (sscanf(e->d_name, "thermal_zone%d%c", &zone, &tail) != 1 || zone < 0)
            continue;
        char path[KIOSK_MAX_PATH + 64], type[64];
        snprintf(path, sizeof(path), "%s/thermal_zone%d/type", dir, zone);
        if (read_small(path, type, sizeof(type)) == 0 && is_cpu_zone(type) &&
            (best < 0 || zone < best))
            best = zone;
    }
    closedir(d);
    return read_zone_temp(dir, best >= 0 ? best : 0, celsius);
}

/* log.c is outside the pure core; the exporter passes log_dropped() in. */
void health_collect_platform(health_snapshot *s, const char *proc_root, const char *sys_root)
{
    s->has_rss = health_read_rss(proc_root, &s->rss_bytes) == 0;
    s->has_temperature = health_read_temperature(sys_root, &s->temperature_celsius) == 0;
}

/* ---- text exposition format 0.0.4 ---------------------------------------- */

/* Output goes to a caller buffer or a stream; `len` counts everything that
 * would have been written, so a caller can size its buffer. */
typedef struct out {
    char *buf;
    size_t size;
    size_t len;
    FILE *f;
    int err;
} out;

__attribute__((format(printf, 2, 3))) static void put(out *o, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (o->f) {
        if (vfprintf(o->f, fmt, ap) < 0)
            o->err = 1;
    } else {
        size_t room = o->len < o->size ? o->size - o->len : 0;
        int n = vsnprintf(room ? o->buf + o->len : NULL, room, fmt, ap);
        if (n < 0)
            o->err = 1;
        else
            o->len += (size_t)n;
    }
    va_end(ap);
}

int health_escape_label(const char *value, char *buf, size_t size)
{
    char clean[4 * KIOSK_MAX_LABEL + 4];
    copy_label(clean, sizeof(clean) - 1, value);
    size_t o = 0;
    for (const char *p = clean; *p; p++) {
        const char *rep = NULL;
        if (*p == '\\')
            rep = "\\\\";
        else if (*p == '"')
            rep = "\\\"";
        else if (*p == '\n')
            rep = "\\n";
        size_t n = rep ? 2 : 1;
        if (o + n >= size)
            return -1;
        if (rep)
            memcpy(buf + o, rep, 2);
        else
            buf[o] = *p;
        o += n;
    }
    if (o >= size)
        return -1;
    buf[o] = '\0';
    return 0;
}

/* A label value, escaped; values are at most KIOSK_MAX_LABEL bytes and
 * escaping at most doubles them. */
typedef struct esc {
    char s[2 * (KIOSK_MAX_LABEL + 1) + 1];
} esc;

static esc escaped(const char *v)
{
    esc e = {{0}};
    if (health_escape_label(v, e.s, sizeof(e.s)) < 0)
        e.s[0] = '\0';
    return e;
}

/* A float the way Prometheus reads it back: shortest round-trip form. */
typedef struct num {
    char s[40];
} num;

static num fmt_double(double v)
{
    num n;
    if (isnan(v))
        snprintf(n.s, sizeof(n.s), "NaN");
    else if (isinf(v))
        snprintf(n.s, sizeof(n.s), v > 0 ? "+Inf" : "-Inf");
    else {
        snprintf(n.s, sizeof(n.s), "%.15g", v);
        if (strtod(n.s, NULL) != v)
            snprintf(n.s, sizeof(n.s), "%.17g", v);
    }
    return n;
}

static void family(out *o, const char *name, const char *type, const char *help)
{
    put(o, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

static void counter(out *o, const char *name, const char *help, uint64_t v)
{
    family(o, name, "counter", help);
    put(o, "%s %llu\n", name, (unsigned long long)v);
}

static void gauge_int(out *o, const char *name, const char *help, long long v)
{
    family(o, name, "gauge", help);
    put(o, "%s %lld\n", name, v);
}

/* A timestamp gauge; "never" (0) is left out rather than claiming 1970. */
static void timestamp(out *o, const char *name, const char *help, time_t t)
{
    if (t > 0)
        gauge_int(o, name, help, (long long)t);
}

/* Who this kiosk is and what it shows. */
static void emit_identity(out *o, const health_snapshot *s)
{
    family(o, "kiosk_info", "gauge", "Identity of this kiosk; always 1.");
    put(o, "kiosk_info{id=\"%s\",location=\"%s\"} 1\n", escaped(s->kiosk_id).s,
        escaped(s->location).s);
    family(o, "kiosk_build_info", "gauge", "Version of the kiosk software; always 1.");
    put(o, "kiosk_build_info{version=\"%s\",revision=\"%s\"} 1\n", escaped(s->version).s,
        escaped(s->revision).s);
    timestamp(o, "kiosk_start_time_seconds", "When the kiosk process started, seconds since the epoch.",
              s->start_time);
    if (s->start_time > 0)
        gauge_int(o, "kiosk_uptime_seconds", "Seconds since the kiosk process started.",
                  (long long)(s->now - s->start_time));

    if (s->has_content) {
        family(o, "kiosk_content_info", "gauge", "Version of the content on screen; always 1.");
        put(o, "kiosk_content_info{version=\"%s\"} 1\n", escaped(s->content_version).s);
        timestamp(o, "kiosk_content_published_timestamp_seconds",
                  "When the content on screen was published, seconds since the epoch.",
                  s->content_published);
        timestamp(o, "kiosk_content_loaded_timestamp_seconds",
                  "When the content on screen was loaded, seconds since the epoch.",
                  s->content_loaded);
    }
}

/* Content updates; the reason labels are update_reason's names. */
static void emit_updates(out *o, const health_snapshot *s)
{
    counter(o, "kiosk_update_attempts_total", "Content update polls started.", s->update_attempts);
    counter(o, "kiosk_updates_applied_total", "Content updates that put new content on screen.",
            s->updates_applied);
    family(o, "kiosk_update_failures_total", "counter", "Content update polls that failed, by reason.");
    for (int r = 0; r < UPDATE_REASON_COUNT; r++)
        if (update_reason_is_failure((update_reason)r))
            put(o, "kiosk_update_failures_total{reason=\"%s\"} %llu\n", update_reason_name((update_reason)r),
                (unsigned long long)s->update_failures[r]);
    gauge_int(o, "kiosk_update_consecutive_failures",
              "Update polls failed in a row since the last success.",
              (long long)s->update_consecutive_failures);
    gauge_int(o, "kiosk_update_expired",
              "1 while the content shown comes from a manifest past its expiry (the channel is not refreshed).",
              (long long)s->update_expired);
    if (s->keys_version)
        gauge_int(o, "kiosk_update_keys_version",
                  "Version of the root-signed list of publishing keys accepted last (root_key only).",
                  (long long)s->keys_version);
    if (update_reason_is_failure((update_reason)s->update_last_failure)) {
        family(o, "kiosk_update_last_failure", "gauge",
               "Reason of the last update poll, present while it failed; always 1.");
        put(o, "kiosk_update_last_failure{reason=\"%s\"} 1\n",
            update_reason_name((update_reason)s->update_last_failure));
    }
    timestamp(o, "kiosk_last_update_attempt_timestamp_seconds",
              "When the last update poll started, seconds since the epoch.", s->last_update_attempt);
    timestamp(o, "kiosk_last_update_success_timestamp_seconds",
              "When an update poll last succeeded, seconds since the epoch.", s->last_update_success);
}

/* Frames and what visitors do. */
static void emit_use(out *o, const health_snapshot *s)
{
    counter(o, "kiosk_frames_presented_total", "Frames presented on the display.", s->frames);
    family(o, "kiosk_frame_duration_seconds", "histogram", "Time to produce one frame.");
    uint64_t cum = 0;
    for (int b = 0; b < HEALTH_FRAME_BUCKETS; b++) {
        cum += s->frame_buckets[b];
        put(o, "kiosk_frame_duration_seconds_bucket{le=\"%s\"} %llu\n",
            fmt_double(health_frame_bounds_ms[b] / 1000.0).s, (unsigned long long)cum);
    }
    cum += s->frame_buckets[HEALTH_FRAME_BUCKETS];
    put(o, "kiosk_frame_duration_seconds_bucket{le=\"+Inf\"} %llu\n", (unsigned long long)cum);
    put(o, "kiosk_frame_duration_seconds_sum %s\n", fmt_double(s->frame_seconds_sum).s);
    put(o, "kiosk_frame_duration_seconds_count %llu\n", (unsigned long long)cum);

    counter(o, "kiosk_touches_total", "Touches on the screen.", s->touches);
    counter(o, "kiosk_sessions_total", "Visitor sessions: the attract loop left by a touch.",
            s->sessions);
    if (s->n_domains) {
        family(o, "kiosk_domain_views_total", "counter", "Pages opened, by domain.");
        for (size_t i = 0; i < s->n_domains && i < KIOSK_MAX_DOMAINS; i++)
            put(o, "kiosk_domain_views_total{domain=\"%s\"} %llu\n", escaped(s->domains[i].id).s,
                (unsigned long long)s->domains[i].views);
    }
    counter(o, "kiosk_domain_views_overflow_total",
            "Pages opened in domains beyond the label limit.", s->domain_views_overflow);

    family(o, "kiosk_accessibility_used_total", "counter",
           "Accessibility features switched on by visitors, by feature.");
    for (int i = 0; i < HEALTH_ACCESS_COUNT; i++)
        put(o, "kiosk_accessibility_used_total{feature=\"%s\"} %llu\n", access_names[i],
            (unsigned long long)s->access[i]);
}

/* What the screen and the display are doing. */
static void emit_screen(out *o, const health_snapshot *s)
{
    gauge_int(o, "kiosk_notice_shown", "1 while the emergency notice covers the screen.",
              s->notice_shown);
    family(o, "kiosk_scene", "gauge", "What the screen shows; 1 for the current scene.");
    for (int i = 0; i < HEALTH_SCENE_COUNT; i++)
        put(o, "kiosk_scene{scene=\"%s\"} %d\n", scene_names[i], s->scene == (health_scene)i);
    if (s->display != HEALTH_DISPLAY_UNKNOWN && (unsigned)s->display < HEALTH_DISPLAY_COUNT) {
        family(o, "kiosk_display_power", "gauge", "Display power state; 1 for the current state.");
        for (int i = HEALTH_DISPLAY_ON; i < HEALTH_DISPLAY_COUNT; i++)
            put(o, "kiosk_display_power{state=\"%s\"} %d\n", display_names[i],
                s->display == (health_display)i);
    }
}

/* The process itself: errors, exporters, resources. */
static void emit_process(out *o, const health_snapshot *s)
{
    family(o, "kiosk_errors_total", "counter", "Run-time errors the kiosk survived, by kind.");
    for (int k = 0; k < HEALTH_ERR_COUNT; k++)
        put(o, "kiosk_errors_total{kind=\"%s\"} %llu\n", error_names[k],
            (unsigned long long)s->errors[k]);
    counter(o, "kiosk_log_lines_dropped_total", "Log lines suppressed by the rate limit.",
            s->log_dropped);
    counter(o, "kiosk_metrics_push_failures_total", "Failed pushes to the Pushgateway.",
            s->push_failures);
    timestamp(o, "kiosk_metrics_last_push_success_timestamp_seconds",
              "When a push to the Pushgateway last succeeded, seconds since the epoch.",
              s->last_push_success);
    counter(o, "kiosk_metrics_file_failures_total", "Failed writes of the metrics file.",
            s->file_failures);
    if (s->has_rss)
        gauge_int(o, "kiosk_resident_memory_bytes", "Resident memory of the kiosk process.",
                  (long long)s->rss_bytes);
    if (s->has_temperature) {
        family(o, "kiosk_cpu_temperature_celsius", "gauge", "CPU temperature.");
        put(o, "kiosk_cpu_temperature_celsius %s\n", fmt_double(s->temperature_celsius).s);
    }
}

static void emit(out *o, const health_snapshot *s)
{
    emit_identity(o, s);
    emit_updates(o, s);
    emit_use(o, s);
    emit_screen(o, s);
    emit_process(o, s);
}

int health_format(const health_snapshot *s, char *buf, size_t size, size_t *len)
{
    out o = {.buf = buf, .size = size};
    if (size)
        buf[0] = '\0';
    emit(&o, s);
    if (len)
        *len = o.len;
    return o.err || o.len >= size ? -1 : 0;
}

int health_write(const health_snapshot *s, FILE *f)
{
    out o = {.f = f};
    emit(&o, s);
    return o.err || ferror(f) ? -1 : 0;
}
