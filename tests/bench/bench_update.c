/* bench_update: what a content update costs, against a real nginx on
 * 127.0.0.1 (started here from a private prefix, stopped at the end).
 *
 *   - bytes on the wire for a poll of an unchanged channel (the 304 path);
 *   - first install of a 500-file tree;
 *   - time from publish to swap for a one-file change in that tree:
 *     kiosk-publish, then one update cycle (fetch, verify, stage, load, swap);
 *   - the same through the polling thread and updater_take(), as the UI sees it.
 *
 * Needs nginx and build/kiosk-publish ($NGINX, $PUBLISH override); prints
 * "skipped" without nginx. Run by `make bench`. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "content.h"
#include "generation.h"
#include "fsutil.h"
#include "log.h"
#include "updater.h"
#include "bench_util.h"

#define N_FILES 500

static char dir[256];
static char nginx_bin[256] = "/usr/sbin/nginx";
static const char *publish_bin = "build/kiosk-publish";
static int port;

static int run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int run(const char *fmt, ...)
{
    char cmd[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof(cmd), fmt, ap);
    va_end(ap);
    return system(cmd);
}

static int write_file(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    size_t n = fwrite(data, 1, len, f);
    return fclose(f) == 0 && n == len ? 0 : -1;
}

static void write_page(const char *src, int rev)
{
    char path[512], text[1024];
    snprintf(path, sizeof(path), "%s/domains/energie.yaml", src);
    snprintf(text, sizeof(text),
             "title:\n  de: Energie\n  en: Energy\nsummary:\n  de: Intelligente Netze\n  en: Smart grids\n"
             "color: \"#e9c46a\"\npages:\n  - id: ueberblick\n    title:\n      de: Überblick\n"
             "    blocks:\n      - paragraph:\n          de: Fassung %d\n",
             rev);
    write_file(path, text, strlen(text));
}

static int make_tree(const char *src)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/images", src);
    if (fsutil_mkdir_p(path, 0755) != 0)
        return -1;
    snprintf(path, sizeof(path), "%s/domains", src);
    fsutil_mkdir_p(path, 0755);
    static const char kiosk[] = "schema: 1\ntitle:\n  de: Benchmark\norganisation: Stadt Kaiserslautern\n"
                                "invitation:\n  de: Bildschirm berühren\nmenu_title:\n  de: Themen\n"
                                "menu: [energie]\n";
    static const char attract[] = "slides:\n  - id: start\n    title:\n      de: Willkommen\n"
                                  "    text:\n      de: Kaiserslautern.\n    domain: energie\n";
    snprintf(path, sizeof(path), "%s/kiosk.yaml", src);
    write_file(path, kiosk, sizeof(kiosk) - 1);
    snprintf(path, sizeof(path), "%s/attract.yaml", src);
    write_file(path, attract, sizeof(attract) - 1);
    write_page(src, 1);
    /* the rest: files of 1..16 KiB, like small images */
    static unsigned char buf[16384];
    unsigned seed = 12345;
    for (int i = 0; i < N_FILES - 3; i++) {
        size_t len = 1024 + (size_t)(i * 7919) % 15360;
        for (size_t k = 0; k < len; k++) {
            seed = seed * 1103515245u + 12345u;
            buf[k] = (unsigned char)(seed >> 16);
        }
        snprintf(path, sizeof(path), "%s/images/bild-%03d.png", src, i);
        if (write_file(path, buf, len) != 0)
            return -1;
    }
    return 0;
}

static int nginx_start(void)
{
    char conf[512], path[512];
    snprintf(path, sizeof(path), "%s/nginx/logs", dir);
    fsutil_mkdir_p(path, 0755);
    snprintf(conf, sizeof(conf), "%s/nginx/nginx.conf", dir);
    srand((unsigned)getpid());
    for (int tries = 0; tries < 20; tries++) {
        port = 20000 + rand() % 30000;
        FILE *f = fopen(conf, "w");
        if (!f)
            return -1;
        fprintf(f,
                "%s\nworker_processes 1;\ndaemon on;\npid %s/nginx/nginx.pid;\n"
                "error_log %s/nginx/logs/error.log warn;\nevents { worker_connections 64; }\n"
                "http {\n  log_format wire '$request_uri $status $request_length $bytes_sent';\n"
                "  access_log %s/nginx/logs/access.log wire;\n"
                "  client_body_temp_path %s/nginx/body; proxy_temp_path %s/nginx/proxy;\n"
                "  fastcgi_temp_path %s/nginx/fcgi; uwsgi_temp_path %s/nginx/uwsgi; scgi_temp_path %s/nginx/scgi;\n"
                "  server {\n    listen 127.0.0.1:%d;\n    location /pub/ { alias %s/www/; etag on; }\n  }\n}\n",
                getuid() == 0 ? "user root;" : "", dir, dir, dir, dir, dir, dir, dir, dir, port, dir);
        fclose(f);
        if (run("'%s' -p '%s/nginx' -c '%s' 2>'%s/nginx/start.err'", nginx_bin, dir, conf, dir) == 0) {
            usleep(200000);
            return 0;
        }
    }
    return -1;
}

static void nginx_stop(void)
{
    run("[ -f '%s/nginx/nginx.pid' ] && kill $(cat '%s/nginx/nginx.pid') 2>/dev/null; sleep 0.2", dir, dir);
}

/* Request and response bytes of the last access-log line for uri. */
static int wire_bytes(const char *uri, long *req, long *resp, int *status)
{
    char path[512], line[1024], u[512];
    snprintf(path, sizeof(path), "%s/nginx/logs/access.log", dir);
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    int found = -1;
    while (fgets(line, sizeof(line), f)) {
        long a, b;
        int s;
        if (sscanf(line, "%511s %d %ld %ld", u, &s, &a, &b) == 4 && strcmp(u, uri) == 0) {
            *req = a;
            *resp = b;
            *status = s;
            found = 0;
        }
    }
    fclose(f);
    return found;
}

int main(void)
{
    const char *e;
    if ((e = getenv("NGINX")) != NULL)
        snprintf(nginx_bin, sizeof(nginx_bin), "%s", e);
    if ((e = getenv("PUBLISH")) != NULL)
        publish_bin = e;
    if (access(nginx_bin, X_OK) != 0 || access(publish_bin, X_OK) != 0) {
        printf("bench_update: skipped (needs %s and %s)\n", nginx_bin, publish_bin);
        return 0;
    }
    log_set_level(LOG_WARN);
    snprintf(dir, sizeof(dir), "/tmp/kiosk-bench.XXXXXX");
    if (!mkdtemp(dir))
        return 1;
    int rc = 1;
    char src[300], url[300], key[300], pub[300], state[300];
    snprintf(src, sizeof(src), "%s/src", dir);
    snprintf(key, sizeof(key), "%s/keys/kiosk.key", dir);
    snprintf(pub, sizeof(pub), "%s/keys/kiosk.pub", dir);
    snprintf(state, sizeof(state), "%s/state", dir);
    updater_config cfg;
    updater_config_defaults(&cfg);
    cfg.public_key_file = pub;
    cfg.state_dir = state;
    updater_result res;

    if (make_tree(src) != 0 || run("'%s' keygen --out '%s/keys' >/dev/null", publish_bin, dir) != 0 ||
        run("'%s' --key '%s' --channel rathaus '%s' '%s/www' >/dev/null", publish_bin, key, src, dir) != 0) {
        fprintf(stderr, "bench_update: setup failed\n");
        goto out;
    }
    if (nginx_start() != 0) {
        fprintf(stderr, "bench_update: nginx does not start\n");
        goto out;
    }
    snprintf(url, sizeof(url), "http://127.0.0.1:%d/pub/rathaus/", port);
    cfg.channel_url = url;

    double t0 = now_ms();
    if (updater_run_once(&cfg, &res) != 0) {
        fprintf(stderr, "bench_update: first install failed: %s\n", res.detail);
        goto out;
    }
    printf("bench_update: first install of %d files: %.0f ms, %lu requests, %llu bytes\n", N_FILES,
           now_ms() - t0, res.requests, res.bytes);

    /* the 304 path */
    long req = 0, resp = 0;
    int status = 0;
    if (updater_run_once(&cfg, &res) != 0 || res.updated ||
        wire_bytes("/pub/rathaus/manifest.yaml", &req, &resp, &status) != 0) {
        fprintf(stderr, "bench_update: no-change poll failed: %s\n", res.detail);
        goto out;
    }
    printf("bench_update: no-change poll: %lu request, HTTP %d, %llu body bytes, %ld bytes on the wire "
           "(request %ld + response %ld, plus TCP/TLS)\n",
           res.requests, status, res.bytes, req + resp, req, resp);

    /* one-file change: publish, then one cycle */
    write_page(src, 2);
    t0 = now_ms();
    run("'%s' --key '%s' --channel rathaus '%s' '%s/www' >/dev/null", publish_bin, key, src, dir);
    double t1 = now_ms();
    if (updater_run_once(&cfg, &res) != 0 || !res.updated) {
        fprintf(stderr, "bench_update: one-file update failed: %s\n", res.detail);
        goto out;
    }
    double t2 = now_ms();
    printf("bench_update: one-file change in a %d-file tree: publish %.0f ms + update cycle %.0f ms "
           "(%lu object, %lu requests, %llu bytes) = publish to swap %.0f ms\n",
           N_FILES, t1 - t0, t2 - t1, res.objects, res.requests, res.bytes, t2 - t0);

    /* the same through the thread, as the UI sees it */
    cfg.interval_s = 1;
    updater *u = updater_start(&cfg);
    if (!u)
        goto out;
    write_page(src, 3);
    t0 = now_ms();
    run("'%s' --key '%s' --channel rathaus '%s' '%s/www' >/dev/null", publish_bin, key, src, dir);
    generation *c = NULL;
    while (!(c = updater_take(u)) && now_ms() - t0 < 20000)
        usleep(5000);
    t1 = now_ms();
    updater_stats st;
    updater_get_stats(u, &st);
    updater_stop(u);
    if (!c) {
        fprintf(stderr, "bench_update: the polling thread delivered nothing\n");
        goto out;
    }
    generation_release(c);
    printf("bench_update: polling thread (1 s interval, jittered): publish to updater_take %.0f ms "
           "(%lu cycles, %lu updates)\n",
           t1 - t0, st.cycles, st.updates);
    rc = 0;
out:
    nginx_stop();
    run("rm -rf '%s'", dir);
    return rc;
}
