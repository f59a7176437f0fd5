/* fixture.h — helpers for tests that build content trees in a temp dir and
 * compare diagnostics as text. Included by tests/test_*.c only. */
#ifndef KIOSK_TEST_FIXTURE_H
#define KIOSK_TEST_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"

/* All diagnostics of d, one formatted line each, in a static buffer. */
static inline const char *fx_diags(const diag_list *d)
{
    static char out[1 << 16];
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < d->n && used < sizeof(out) - 1; i++) {
        char line[1400];
        diag_format(&d->items[i], line, sizeof(line));
        int n = snprintf(out + used, sizeof(out) - used, "%s\n", line);
        if (n < 0)
            break;
        used += (size_t)n;
    }
    return out;
}

/* 1 when the diagnostics contain want as a whole line. */
static inline int fx_has_line(const diag_list *d, const char *want)
{
    char line[1400];
    for (size_t i = 0; i < d->n; i++) {
        diag_format(&d->items[i], line, sizeof(line));
        if (strcmp(line, want) == 0)
            return 1;
    }
    return 0;
}

#define assert_diag(d, want)                                                                       \
    do {                                                                                           \
        if (!fx_has_line((d), (want)))                                                             \
            fail_msg("missing diagnostic:\n  %s\ngot:\n%s", (want), fx_diags(d));                  \
    } while (0)

static inline char *fx_mkdtemp(void)
{
    const char *tmp = getenv("TMPDIR");
    char buf[512];
    snprintf(buf, sizeof(buf), "%s/kiosk-test.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    char *dir = mkdtemp(buf);
    return dir ? strdup(dir) : NULL;
}

static inline void fx_mkdirs(const char *path)
{
    char buf[1024];
    snprintf(buf, sizeof(buf), "%s", path);
    for (char *p = buf + 1; *p; p++) {
        if (*p == '/') {
            *p = '\0';
            mkdir(buf, 0755);
            *p = '/';
        }
    }
    mkdir(buf, 0755);
}

/* Writes len bytes to dir/rel, creating folders on the way. */
static inline void fx_write_bytes(const char *dir, const char *rel, const void *data, size_t len)
{
    char path[1024];
    snprintf(path, sizeof(path), "%s/%s", dir, rel);
    char *slash = strrchr(path, '/');
    *slash = '\0';
    fx_mkdirs(path);
    *slash = '/';
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, len, f) != len) {
        fprintf(stderr, "cannot write %s\n", path);
        abort();
    }
    fclose(f);
}

static inline void fx_write(const char *dir, const char *rel, const char *text)
{
    fx_write_bytes(dir, rel, text, strlen(text));
}

static inline void fx_remove(const char *dir, const char *rel)
{
    char path[1024];
    snprintf(path, sizeof(path), "%s/%s", dir, rel);
    unlink(path);
}

static inline void fx_system(const char *cmd)
{
    if (system(cmd) != 0) {
        fprintf(stderr, "failed: %s\n", cmd);
        abort();
    }
}

/* A fresh copy of tests/fixtures/good (tests run from the repository root). */
static inline char *fx_good_tree(void)
{
    char *dir = fx_mkdtemp();
    char cmd[1024];
    if (!dir)
        abort();
    snprintf(cmd, sizeof(cmd), "cp -R tests/fixtures/good/. '%s'", dir);
    fx_system(cmd);
    return dir;
}

static inline void fx_rmtree(char *dir)
{
    char cmd[1024];
    if (dir) {
        snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
        fx_system(cmd);
    }
    free(dir);
}

#endif
