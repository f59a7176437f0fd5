#include "shotup.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fsutil.h"
#include "kfile.h"
#include "health.h"
#include "http.h"
#include "klimits.h"
#include "log.h"

#define LOG "screenshot"
#define CONNECT_TIMEOUT_MS 5000
#define TOTAL_TIMEOUT_MS 30000

struct shotup {
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    char *url;
    char *pending; /* path waiting for upload, or NULL */
    atomic_int stop;
    unsigned long done, failures;
};

static int stop_requested(void *ctx)
{
    return atomic_load(&((shotup *)ctx)->stop); /* non-zero aborts the transfer */
}

static int upload(shotup *s, const char *path)
{
    char *data = NULL, url[4096];
    size_t len = 0;
    if (kfile_read(path, KIOSK_MAX_SCREENSHOT_BYTES, 0, &data, &len) != 0) {
        log_warn(LOG, "read %s failed", path);
        return -1;
    }
    size_t ul = strlen(s->url);
    if (ul && s->url[ul - 1] == '/') {
        const char *base = strrchr(path, '/');
        snprintf(url, sizeof url, "%s%s", s->url, base ? base + 1 : path);
    } else {
        snprintf(url, sizeof url, "%s", s->url);
    }
    http_options o = {.connect_timeout_ms = CONNECT_TIMEOUT_MS,
                      .timeout_ms = TOTAL_TIMEOUT_MS,
                      .cancelled = stop_requested,
                      .cancel_ctx = s};
    http_client *h = http_client_new(&o);
    http_response res;
    int rc = -1;
    if (!h)
        log_warn(LOG, "PUT %s: out of memory", url);
    else if (http_put(h, url, "image/png", data, len, &res) != UPDATE_OK)
        log_warn(LOG, "PUT %s: %s", url, res.detail);
    else
        rc = 0;
    http_client_free(h);
    free(data);
    return rc;
}

static void *thread_main(void *arg)
{
    shotup *s = arg;
    pthread_mutex_lock(&s->mu);
    while (!s->stop) {
        if (!s->pending) {
            pthread_cond_wait(&s->cv, &s->mu);
            continue;
        }
        char *path = s->pending;
        s->pending = NULL;
        pthread_mutex_unlock(&s->mu);
        int rc = upload(s, path);
        free(path);
        pthread_mutex_lock(&s->mu);
        if (rc == 0) {
            s->done++;
        } else if (!s->stop) {
            s->failures++;
            health_error(HEALTH_ERR_IO);
        }
    }
    pthread_mutex_unlock(&s->mu);
    return NULL;
}

shotup *shotup_start(const char *url)
{
    shotup *s = calloc(1, sizeof *s);
    if (!s || !(s->url = strdup(url))) {
        free(s);
        return NULL;
    }
    http_global_init(); /* reference-counted; the updater and the exporter call it too */
    pthread_mutex_init(&s->mu, NULL);
    pthread_cond_init(&s->cv, NULL);
    if (pthread_create(&s->thread, NULL, thread_main, s) != 0) {
        log_error(LOG, "cannot start the upload thread");
        pthread_mutex_destroy(&s->mu);
        pthread_cond_destroy(&s->cv);
        free(s->url);
        free(s);
        return NULL;
    }
    return s;
}

void shotup_submit(shotup *s, const char *path)
{
    if (!s)
        return;
    char *copy = strdup(path);
    if (!copy)
        return;
    pthread_mutex_lock(&s->mu);
    free(s->pending); /* an older shot nobody uploaded yet: the newer one wins */
    s->pending = copy;
    pthread_cond_signal(&s->cv);
    pthread_mutex_unlock(&s->mu);
}

void shotup_stop(shotup *s)
{
    if (!s)
        return;
    pthread_mutex_lock(&s->mu);
    s->stop = 1;
    pthread_cond_signal(&s->cv);
    pthread_mutex_unlock(&s->mu);
    pthread_join(s->thread, NULL);
    pthread_mutex_destroy(&s->mu);
    pthread_cond_destroy(&s->cv);
    free(s->pending);
    free(s->url);
    free(s); /* no http_global_cleanup(): the updater may still use it */
}

unsigned long shotup_done(shotup *s)
{
    pthread_mutex_lock(&s->mu);
    unsigned long n = s->done;
    pthread_mutex_unlock(&s->mu);
    return n;
}

unsigned long shotup_failures(shotup *s)
{
    pthread_mutex_lock(&s->mu);
    unsigned long n = s->failures;
    pthread_mutex_unlock(&s->mu);
    return n;
}
