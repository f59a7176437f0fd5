/* health: the registry counts what the UI and the updater report, the text
 * output is exact Prometheus 0.0.4 (labels escaped, histogram cumulative,
 * absent readings left out), platform readings come from fixture trees,
 * the textfile is replaced atomically, and a hanging Pushgateway neither
 * blocks the registry nor keeps the exporter from stopping. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "health.h"
#include "health_export.h"
#include "klimits.h"

#define T0 1790000000

static char text[KIOSK_MAX_METRICS_BYTES];
static char tmpdir[64];

static int setup(void **state)
{
    (void)state;
    health_reset(T0);
    snprintf(tmpdir, sizeof(tmpdir), "/tmp/kiosk-health-XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

/* The registry as text, at time T0 + 60, without platform readings. */
static const char *render(void)
{
    health_snapshot s;
    health_snapshot_take(&s, T0 + 60);
    size_t len;
    assert_int_equal(health_format(&s, text, sizeof(text), &len), 0);
    assert_int_equal(strlen(text), len);
    return text;
}

/* 1 when `line` is a whole line of t. */
static int has_line(const char *t, const char *line)
{
    size_t n = strlen(line);
    for (const char *p = t; (p = strstr(p, line)) != NULL; p++)
        if ((p == t || p[-1] == '\n') && p[n] == '\n')
            return 1;
    return 0;
}

#define assert_line(t, l)                                                                 \
    do {                                                                                  \
        if (!has_line((t), (l)))                                                          \
            fail_msg("missing line: %s\n--- output ---\n%s", (l), (t));                   \
    } while (0)

static void write_file(const char *path, const char *content)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(content, f);
    fclose(f);
}

static void make_dirs(const char *path)
{
    char buf[512];
    snprintf(buf, sizeof(buf), "%s", path);
    for (char *p = buf + 1; *p; p++)
        if (*p == '/') {
            *p = '\0';
            mkdir(buf, 0755);
            *p = '/';
        }
    mkdir(buf, 0755);
}

/* A thermal zone in the fixture tree <tmpdir>/sys. */
static void zone(int n, const char *type, const char *temp)
{
    char dir[256], path[300];
    snprintf(dir, sizeof(dir), "%s/sys/class/thermal/thermal_zone%d", tmpdir, n);
    make_dirs(dir);
    snprintf(path, sizeof(path), "%s/type", dir);
    write_file(path, type);
    if (temp) {
        snprintf(path, sizeof(path), "%s/temp", dir);
        write_file(path, temp);
    }
}

static void test_counters_exact_lines(void **state)
{
    (void)state;
    health_set_build("1.2.3", "abc1234");
    health_set_identity("rathaus-eg", "Rathaus, Foyer EG");
    for (int i = 0; i < 7; i++)
        health_touch();
    health_session();
    health_session();
    health_domain_view("mobilitaet");
    health_domain_view("energie");
    health_domain_view("mobilitaet");
    health_update_attempt(T0 + 10);
    health_update_failed(UPDATE_HTTP_5XX);
    health_update_attempt(T0 + 20);
    health_update_failed(UPDATE_SIGNATURE);
    health_error(HEALTH_ERR_IMAGE);
    health_set_scene(HEALTH_SCENE_PAGE);
    health_content_shown("2026-11-25.3", T0 - 3600, T0 + 5);
    health_access_used(HEALTH_ACCESS_SPEECH);
    health_access_used(HEALTH_ACCESS_MORE_TIME);
    health_access_used(HEALTH_ACCESS_MORE_TIME);
    health_access_used((health_access)99); /* ignored */
    health_set_notice(1);
    const char *t = render();

    assert_line(t, "# HELP kiosk_touches_total Touches on the screen.");
    assert_line(t, "# TYPE kiosk_touches_total counter");
    assert_line(t, "kiosk_touches_total 7");
    assert_line(t, "kiosk_sessions_total 2");
    assert_line(t, "# TYPE kiosk_accessibility_used_total counter");
    assert_line(t, "kiosk_accessibility_used_total{feature=\"speech\"} 1");
    assert_line(t, "kiosk_accessibility_used_total{feature=\"more_time\"} 2");
    assert_line(t, "kiosk_accessibility_used_total{feature=\"contrast\"} 0");
    assert_line(t, "kiosk_accessibility_used_total{feature=\"large_text\"} 0");
    assert_line(t, "kiosk_notice_shown 1");
    assert_line(t, "kiosk_info{id=\"rathaus-eg\",location=\"Rathaus, Foyer EG\"} 1");
    assert_line(t, "kiosk_build_info{version=\"1.2.3\",revision=\"abc1234\"} 1");
    assert_line(t, "kiosk_start_time_seconds 1790000000");
    assert_line(t, "kiosk_uptime_seconds 60");
    assert_line(t, "kiosk_domain_views_total{domain=\"mobilitaet\"} 2");
    assert_line(t, "kiosk_domain_views_total{domain=\"energie\"} 1");
    assert_line(t, "kiosk_update_attempts_total 2");
    assert_line(t, "kiosk_update_failures_total{reason=\"http_5xx\"} 1");
    assert_line(t, "kiosk_update_failures_total{reason=\"signature\"} 1");
    assert_line(t, "kiosk_update_failures_total{reason=\"network\"} 0");
    assert_line(t, "kiosk_update_consecutive_failures 2");
    assert_line(t, "kiosk_update_expired 0");
    assert_line(t, "kiosk_update_last_failure{reason=\"signature\"} 1");
    assert_line(t, "kiosk_last_update_attempt_timestamp_seconds 1790000020");
    assert_line(t, "kiosk_errors_total{kind=\"image\"} 1");
    assert_line(t, "kiosk_errors_total{kind=\"font\"} 0");
    assert_line(t, "kiosk_scene{scene=\"page\"} 1");
    assert_line(t, "kiosk_scene{scene=\"attract\"} 0");
    assert_line(t, "kiosk_content_info{version=\"2026-11-25.3\"} 1");
    assert_line(t, "kiosk_content_published_timestamp_seconds 1789996400");
    assert_line(t, "kiosk_content_loaded_timestamp_seconds 1790000005");
    /* Never succeeded, display state unknown: no sample rather than 0. */
    assert_null(strstr(t, "kiosk_last_update_success_timestamp_seconds"));
    assert_null(strstr(t, "kiosk_display_power"));
    /* Exactly one scene is 1. */
    int ones = 0;
    for (const char *p = t; (p = strstr(p, "kiosk_scene{")) != NULL; p++)
        ones += strstr(p, "} 1\n") == strchr(p, '}');
    assert_int_equal(ones, 1);

    /* A success clears the failure streak and the last-failure series. */
    health_update_attempt(T0 + 30);
    health_update_succeeded(T0 + 31, 1);
    health_set_display(HEALTH_DISPLAY_STANDBY);
    t = render();
    assert_line(t, "kiosk_update_consecutive_failures 0");
    assert_null(strstr(t, "kiosk_update_last_failure"));
    assert_null(strstr(t, "kiosk_update_keys_version")); /* no root key: no sample */
    health_set_update_expired(1);
    health_set_keys_version(3);
    t = render();
    assert_line(t, "kiosk_update_expired 1");
    assert_line(t, "kiosk_update_keys_version 3");
    assert_line(t, "kiosk_last_update_success_timestamp_seconds 1790000031");
    assert_line(t, "kiosk_updates_applied_total 1");
    assert_line(t, "kiosk_update_failures_total{reason=\"signature\"} 1");
    assert_line(t, "kiosk_display_power{state=\"standby\"} 1");
    assert_line(t, "kiosk_display_power{state=\"on\"} 0");
}

/* Every family has HELP and TYPE once, before its samples, and no family is
 * split: what Prometheus' parser insists on. */
static void test_families_well_formed(void **state)
{
    (void)state;
    health_domain_view("bildung");
    health_set_display(HEALTH_DISPLAY_ON);
    const char *t = render();
    char current[128] = "";
    char seen[4096] = " ";
    for (const char *line = t; *line;) {
        const char *end = strchr(line, '\n');
        assert_non_null(end);
        char buf[512];
        snprintf(buf, sizeof(buf), "%.*s", (int)(end - line), line);
        if (strncmp(buf, "# HELP ", 7) == 0) {
            sscanf(buf + 7, "%127s", current);
            char key[140];
            snprintf(key, sizeof(key), " %s ", current);
            if (strstr(seen, key))
                fail_msg("family %s appears twice", current);
            size_t used = strlen(seen);
            snprintf(seen + used, sizeof(seen) - used, "%s", key + 1);
        } else if (strncmp(buf, "# TYPE ", 7) == 0) {
            assert_int_equal(strncmp(buf + 7, current, strlen(current)), 0);
        } else {
            /* A sample belongs to the current family (histograms add suffixes). */
            if (strncmp(buf, current, strlen(current)) != 0)
                fail_msg("sample '%s' outside its family %s", buf, current);
        }
        line = end + 1;
    }
}

static void test_label_escaping(void **state)
{
    (void)state;
    health_set_identity("k1", "Foyer \"Nord\"\\2. OG\nlinks");
    const char *t = render();
    assert_line(t, "kiosk_info{id=\"k1\",location=\"Foyer \\\"Nord\\\"\\\\2. OG\\nlinks\"} 1");

    char buf[64];
    assert_int_equal(health_escape_label("a\"b", buf, sizeof(buf)), 0);
    assert_string_equal(buf, "a\\\"b");
    /* Umlauts pass unchanged; a stray byte becomes U+FFFD, never raw. */
    assert_int_equal(health_escape_label("Gr\xC3\xBC\xC3\x9F" "e \xFF!", buf, sizeof(buf)), 0);
    assert_string_equal(buf, "Gr\xC3\xBC\xC3\x9F" "e \xEF\xBF\xBD!");
    /* Too small a buffer is an error, not a truncated escape. */
    assert_int_equal(health_escape_label("\"\"\"", buf, 6), -1);
}

static void test_label_truncated_at_character(void **state)
{
    (void)state;
    char loc[KIOSK_MAX_LABEL + 20];
    memset(loc, 'x', KIOSK_MAX_LABEL - 1);
    /* "ü" straddles the limit: it must go whole, not half. */
    snprintf(loc + KIOSK_MAX_LABEL - 1, sizeof(loc) - KIOSK_MAX_LABEL + 1, "\xC3\xBCzzz");
    health_set_identity("k", loc);
    health_snapshot s;
    health_snapshot_take(&s, T0);
    assert_int_equal(strlen(s.location), KIOSK_MAX_LABEL - 1);
    assert_int_equal(strspn(s.location, "x"), KIOSK_MAX_LABEL - 1);
}

static void test_histogram_cumulative(void **state)
{
    (void)state;
    /* On a bound counts into that bucket (le = less or equal). */
    double ms[] = {1, 2, 3, 16.7, 16.8, 40, 250, 251, 1000, -5};
    for (size_t i = 0; i < sizeof(ms) / sizeof(ms[0]); i++)
        health_frame(ms[i]);
    const char *t = render();
    assert_line(t, "# TYPE kiosk_frame_duration_seconds histogram");
    assert_line(t, "kiosk_frame_duration_seconds_bucket{le=\"0.002\"} 3"); /* -5 clamps to 0 */
    assert_line(t, "kiosk_frame_duration_seconds_bucket{le=\"0.004\"} 4");
    assert_line(t, "kiosk_frame_duration_seconds_bucket{le=\"0.008\"} 4");
    assert_line(t, "kiosk_frame_duration_seconds_bucket{le=\"0.0167\"} 5");
    assert_line(t, "kiosk_frame_duration_seconds_bucket{le=\"0.033\"} 6");
    assert_line(t, "kiosk_frame_duration_seconds_bucket{le=\"0.05\"} 7");
    assert_line(t, "kiosk_frame_duration_seconds_bucket{le=\"0.1\"} 7");
    assert_line(t, "kiosk_frame_duration_seconds_bucket{le=\"0.25\"} 8");
    assert_line(t, "kiosk_frame_duration_seconds_bucket{le=\"+Inf\"} 10");
    assert_line(t, "kiosk_frame_duration_seconds_count 10");
    assert_line(t, "kiosk_frames_presented_total 10");
    const char *sum = strstr(t, "\nkiosk_frame_duration_seconds_sum ");
    assert_non_null(sum);
    double v = strtod(sum + strlen("\nkiosk_frame_duration_seconds_sum "), NULL);
    assert_true(v > 1.5805 - 1e-9 && v < 1.5805 + 1e-9);
    /* Buckets appear in increasing order, +Inf last, then sum and count. */
    const char *a = strstr(t, "le=\"0.002\""), *b = strstr(t, "le=\"0.25\""),
               *c = strstr(t, "le=\"+Inf\""), *d = strstr(t, "_sum "), *e = strstr(t, "_count ");
    assert_true(a < b && b < c && c < d && d < e);
}

static void test_domains_bounded(void **state)
{
    (void)state;
    char id[32];
    for (int i = 0; i < KIOSK_MAX_DOMAINS + 6; i++) {
        snprintf(id, sizeof(id), "d%d", i);
        health_domain_view(id);
    }
    health_domain_view("d0"); /* a known one still counts */
    health_domain_view("");   /* and nothing is ignored silently but empty ids */
    const char *t = render();
    int labels = 0;
    for (const char *p = t; (p = strstr(p, "kiosk_domain_views_total{")) != NULL; p++)
        labels++;
    assert_int_equal(labels, KIOSK_MAX_DOMAINS);
    assert_line(t, "kiosk_domain_views_total{domain=\"d0\"} 2");
    assert_line(t, "kiosk_domain_views_overflow_total 6");
}

static void test_temperature_fixture(void **state)
{
    (void)state;
    char sys[128], proc[128];
    snprintf(sys, sizeof(sys), "%s/sys", tmpdir);
    snprintf(proc, sizeof(proc), "%s/proc", tmpdir);
    double c;
    /* No thermal zones at all: no reading, and no line, not 0. */
    assert_int_equal(health_read_temperature(sys, &c), -1);
    health_snapshot s;
    health_snapshot_take(&s, T0);
    health_collect_platform(&s, proc, sys);
    assert_false(s.has_temperature);
    assert_int_equal(health_format(&s, text, sizeof(text), NULL), 0);
    assert_null(strstr(text, "kiosk_cpu_temperature_celsius"));

    /* The CPU zone wins over zone 0 (an ACPI sensor on a PC). */
    zone(0, "acpitz\n", "27800\n");
    zone(1, "x86_pkg_temp\n", "61500\n");
    assert_int_equal(health_read_temperature(sys, &c), 0);
    assert_true(c == 61.5);
    health_collect_platform(&s, proc, sys);
    assert_true(s.has_temperature);
    assert_int_equal(health_format(&s, text, sizeof(text), NULL), 0);
    assert_line(text, "kiosk_cpu_temperature_celsius 61.5");

    /* A sensor that reads nonsense is left out. */
    zone(1, "cpu-thermal\n", "-273000\n");
    assert_int_equal(health_read_temperature(sys, &c), -1);
    zone(1, "cpu-thermal\n", "garbage\n");
    assert_int_equal(health_read_temperature(sys, &c), -1);
}

static void test_temperature_zone0_fallback(void **state)
{
    (void)state;
    char sys[128];
    snprintf(sys, sizeof(sys), "%s/sys", tmpdir);
    zone(0, "board\n", "44000\n");
    zone(2, "battery\n", "30000\n");
    double c = 0;
    assert_int_equal(health_read_temperature(sys, &c), 0);
    assert_true(c == 44.0);
}

static void test_rss_fixture(void **state)
{
    (void)state;
    char dir[128], path[160];
    snprintf(dir, sizeof(dir), "%s/proc/self", tmpdir);
    make_dirs(dir);
    snprintf(path, sizeof(path), "%s/statm", dir);
    write_file(path, "5000 1000 300 10 0 700 0\n");
    snprintf(dir, sizeof(dir), "%s/proc", tmpdir);
    uint64_t bytes = 0;
    assert_int_equal(health_read_rss(dir, &bytes), 0);
    assert_int_equal(bytes, 1000ull * (uint64_t)sysconf(_SC_PAGESIZE));
    write_file(path, "junk\n");
    assert_int_equal(health_read_rss(dir, &bytes), -1);
    /* The real /proc works on Linux. */
    assert_int_equal(health_read_rss(NULL, &bytes), 0);
    assert_true(bytes > 0);
}

static void test_buffer_too_small(void **state)
{
    (void)state;
    health_snapshot s;
    health_snapshot_take(&s, T0);
    size_t need = 0;
    char small[100];
    assert_int_equal(health_format(&s, small, sizeof(small), &need), -1);
    assert_true(need > sizeof(small));
    assert_int_equal(strlen(small), sizeof(small) - 1);
    char *big = malloc(need + 1);
    assert_non_null(big);
    size_t len;
    assert_int_equal(health_format(&s, big, need + 1, &len), 0);
    assert_int_equal(len, need);
    /* The stream writer produces the same text. */
    char *mem = NULL;
    size_t memlen = 0;
    FILE *f = open_memstream(&mem, &memlen);
    assert_int_equal(health_write(&s, f), 0);
    fclose(f);
    assert_string_equal(mem, big);
    free(mem);
    free(big);
}

static void test_names(void **state)
{
    (void)state;
    /* the reason labels are update_reason's names: valid label values */
    for (int r = 0; r < UPDATE_REASON_COUNT; r++) {
        const char *n = update_reason_name((update_reason)r);
        assert_int_equal(strspn(n, "abcdefghijklmnopqrstuvwxyz0123456789_"), strlen(n));
        update_reason back;
        assert_int_equal(update_reason_parse(n, &back), 0);
        assert_int_equal(back, r);
    }
    update_reason r;
    assert_int_equal(update_reason_parse("nonsense", &r), -1);
    assert_string_equal(update_reason_name(UPDATE_WRONG_KEY), "wrong_key");
    assert_string_equal(update_reason_name((update_reason)99), "unknown");
    health_scene sc;
    assert_int_equal(health_scene_parse("attract", &sc), 0);
    assert_int_equal(sc, HEALTH_SCENE_ATTRACT);
    assert_string_equal(health_display_name(HEALTH_DISPLAY_OFF), "off");
    assert_string_equal(health_error_name(HEALTH_ERR_MEMORY), "memory");
    /* Out-of-range values from a caller count as "local_error" (update
     * reasons) or "other" (errors), not out of bounds. */
    health_update_failed((update_reason)1000);
    health_error((health_error_kind)-1);
    const char *t = render();
    assert_line(t, "kiosk_update_failures_total{reason=\"local_error\"} 1");
    assert_line(t, "kiosk_errors_total{kind=\"other\"} 1");
}

/* Two writers, as the UI and updater threads are: nothing is lost. */
static void *writer(void *arg)
{
    (void)arg;
    for (int i = 0; i < 20000; i++) {
        health_frame(10);
        health_touch();
        health_domain_view(i % 2 ? "energie" : "mobilitaet");
        if (i % 100 == 0)
            health_update_failed(UPDATE_TIMEOUT);
    }
    return NULL;
}

static void test_threads_lose_nothing(void **state)
{
    (void)state;
    pthread_t a, b;
    assert_int_equal(pthread_create(&a, NULL, writer, NULL), 0);
    assert_int_equal(pthread_create(&b, NULL, writer, NULL), 0);
    health_snapshot s;
    for (int i = 0; i < 50; i++) /* readers meanwhile see consistent copies */
        health_snapshot_take(&s, T0);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    health_snapshot_take(&s, T0);
    assert_int_equal(s.frames, 40000);
    assert_int_equal(s.frame_buckets[3], 40000);
    assert_int_equal(s.touches, 40000);
    assert_int_equal(s.n_domains, 2);
    assert_int_equal(s.domains[0].views + s.domains[1].views, 40000);
    assert_int_equal(s.update_failures[UPDATE_TIMEOUT], 400);
}

static int count_entries(const char *dir)
{
    DIR *d = opendir(dir);
    int n = 0;
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL)
        if (e->d_name[0] != '.')
            n++;
    if (d)
        closedir(d);
    return n;
}

static void test_textfile_atomic(void **state)
{
    (void)state;
    char path[160];
    snprintf(path, sizeof(path), "%s/kiosk.prom", tmpdir);
    assert_int_equal(health_write_textfile(path, "a 1\n", 4), 0);
    assert_int_equal(health_write_textfile(path, "b 2\n", 4), 0);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char buf[16] = "";
    assert_non_null(fgets(buf, sizeof(buf), f));
    fclose(f);
    assert_string_equal(buf, "b 2\n");
    assert_int_equal(count_entries(tmpdir), 1); /* no temporary file left */

    /* A directory that is not there: an error, and nothing left behind. */
    char bad[200];
    snprintf(bad, sizeof(bad), "%s/missing/kiosk.prom", tmpdir);
    assert_int_equal(health_write_textfile(bad, "x 1\n", 4), -1);
    assert_int_equal(count_entries(tmpdir), 1);
}

static void test_export_once_file_and_refused_push(void **state)
{
    (void)state;
    /* A port nobody listens on: bind, learn the port, close. */
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t al = sizeof(a);
    assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof(a)), 0);
    assert_int_equal(getsockname(fd, (struct sockaddr *)&a, &al), 0);
    close(fd);
    char url[64], path[160], err[256];
    snprintf(url, sizeof(url), "http://127.0.0.1:%d", ntohs(a.sin_port));
    snprintf(path, sizeof(path), "%s/kiosk.prom", tmpdir);

    health_exporter_config cfg;
    health_exporter_config_init(&cfg);
    assert_int_equal(health_exporter_option(&cfg, "metrics-file", path, err, sizeof(err)), 1);
    assert_int_equal(health_exporter_option(&cfg, "pushgateway", url, err, sizeof(err)), 1);
    assert_int_equal(health_exporter_option(&cfg, "kiosk-id", "stadtbib-1", err, sizeof(err)), 1);
    assert_int_equal(health_exporter_option(&cfg, "location", "Stadtbibliothek", err, sizeof(err)), 1);
    assert_int_equal(health_exporter_option(&cfg, "push-timeout-ms", "2000", err, sizeof(err)), 1);
    health_touch();
    /* The push fails, the file is still written, and the failure is counted. */
    assert_int_equal(health_export_once(&cfg, T0 + 1), -1);
    health_snapshot s;
    health_snapshot_take(&s, T0 + 2);
    assert_int_equal(s.push_failures, 1);
    assert_int_equal(s.file_failures, 0);
    assert_string_equal(s.kiosk_id, "stadtbib-1");
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    size_t n = fread(text, 1, sizeof(text) - 1, f);
    fclose(f);
    text[n] = '\0';
    assert_line(text, "kiosk_info{id=\"stadtbib-1\",location=\"Stadtbibliothek\"} 1");
    assert_line(text, "kiosk_touches_total 1");
}

static void test_config_checked(void **state)
{
    (void)state;
    health_exporter_config cfg;
    char err[256];
    health_exporter_config_init(&cfg);
    assert_false(health_exporter_enabled(&cfg));
    assert_int_equal(health_exporter_config_check(&cfg, err, sizeof(err)), -1);
    assert_int_equal(health_exporter_option(&cfg, "content", "x", err, sizeof(err)), 0);
    assert_int_equal(health_exporter_option(&cfg, "metrics-interval", "0", err, sizeof(err)), -1);
    assert_non_null(strstr(err, "--metrics-interval"));
    assert_int_equal(health_exporter_option(&cfg, "metrics-interval", "5s", err, sizeof(err)), -1);
    assert_int_equal(health_exporter_option(&cfg, "metrics-interval", "5", err, sizeof(err)), 1);
    assert_int_equal(cfg.interval_s, 5);

    cfg.metrics_file = "/run/kiosk/metrics.txt"; /* node_exporter would ignore it */
    assert_int_equal(health_exporter_config_check(&cfg, err, sizeof(err)), -1);
    assert_non_null(strstr(err, ".prom"));
    cfg.metrics_file = "/run/kiosk/kiosk.prom";
    cfg.kiosk_id = "ok-1";
    assert_int_equal(health_exporter_config_check(&cfg, err, sizeof(err)), 0);

    const char *bad_ids[] = {"..", "a/b", "-x", "a b", "k%2F"};
    for (size_t i = 0; i < sizeof(bad_ids) / sizeof(bad_ids[0]); i++) {
        cfg.kiosk_id = bad_ids[i];
        assert_int_equal(health_exporter_config_check(&cfg, err, sizeof(err)), -1);
    }
    cfg.kiosk_id = NULL; /* the host name, which is a valid id here */
    assert_int_equal(health_exporter_config_check(&cfg, err, sizeof(err)), 0);
    cfg.pushgateway_url = "ftp://monitor:9091";
    assert_int_equal(health_exporter_config_check(&cfg, err, sizeof(err)), -1);
    cfg.pushgateway_url = "http://monitor:9091/";
    assert_int_equal(health_exporter_config_check(&cfg, err, sizeof(err)), 0);
}

/* A Pushgateway that accepts the connection and never answers. */
static void test_hanging_push_does_not_block(void **state)
{
    (void)state;
    int lfd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t al = sizeof(a);
    assert_int_equal(bind(lfd, (struct sockaddr *)&a, sizeof(a)), 0);
    assert_int_equal(listen(lfd, 4), 0);
    assert_int_equal(getsockname(lfd, (struct sockaddr *)&a, &al), 0);
    char url[64], err[256];
    snprintf(url, sizeof(url), "http://127.0.0.1:%d", ntohs(a.sin_port));

    health_exporter_config cfg;
    health_exporter_config_init(&cfg);
    cfg.pushgateway_url = url;
    cfg.kiosk_id = "hung";
    cfg.push_timeout_ms = 60000; /* far longer than this test may take */
    cfg.interval_s = 1;
    alarm(30); /* a hang here is a failure, not a stuck test suite */
    health_exporter *x = health_exporter_start(&cfg, err, sizeof(err));
    assert_non_null(x);

    /* Wait until the request has arrived: the push is now in flight. */
    int cfd = accept(lfd, NULL, NULL);
    assert_true(cfd >= 0);
    char req[4096] = "";
    size_t got = 0;
    while (!strstr(req, "kiosk_touches_total") && got < sizeof(req) - 1) {
        ssize_t n = recv(cfd, req + got, sizeof(req) - 1 - got, 0);
        assert_true(n > 0);
        got += (size_t)n;
        req[got] = '\0';
    }
    assert_non_null(strstr(req, "PUT /metrics/job/kiosk/instance/hung HTTP/1.1"));
    assert_non_null(strstr(req, "Content-Type: text/plain; version=0.0.4"));

    /* While it hangs, the UI's calls and snapshots go through. */
    for (int i = 0; i < 1000; i++) {
        health_frame(16);
        health_touch();
    }
    health_snapshot s;
    health_snapshot_take(&s, T0);
    assert_int_equal(s.touches, 1000);

    /* Stopping cancels the push in flight instead of waiting a minute. */
    health_exporter_stop(x);
    alarm(0);
    health_snapshot_take(&s, T0);
    assert_int_equal(s.push_failures, 1);
    close(cfd);
    close(lfd);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_counters_exact_lines, setup, teardown),
        cmocka_unit_test_setup_teardown(test_families_well_formed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_label_escaping, setup, teardown),
        cmocka_unit_test_setup_teardown(test_label_truncated_at_character, setup, teardown),
        cmocka_unit_test_setup_teardown(test_histogram_cumulative, setup, teardown),
        cmocka_unit_test_setup_teardown(test_domains_bounded, setup, teardown),
        cmocka_unit_test_setup_teardown(test_temperature_fixture, setup, teardown),
        cmocka_unit_test_setup_teardown(test_temperature_zone0_fallback, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rss_fixture, setup, teardown),
        cmocka_unit_test_setup_teardown(test_buffer_too_small, setup, teardown),
        cmocka_unit_test_setup_teardown(test_names, setup, teardown),
        cmocka_unit_test_setup_teardown(test_threads_lose_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_textfile_atomic, setup, teardown),
        cmocka_unit_test_setup_teardown(test_export_once_file_and_refused_push, setup, teardown),
        cmocka_unit_test_setup_teardown(test_config_checked, setup, teardown),
        cmocka_unit_test_setup_teardown(test_hanging_push_does_not_block, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
