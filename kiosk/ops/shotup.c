#include "shotup.h"

#include <curl/curl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fsutil.h"
#include "kfile.h"
#include "health.h"
#include "log.h"
#include "logsafe.h"

#define LOG "screenshot"
#define CONNECT_TIMEOUT_S 5L
#define TOTAL_TIMEOUT_S 30L
#define MAX_SHOT_BYTES (64L * 1024 * 1024)

struct shotup {
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    char *url;
    char *pending; /* path waiting for upload, or NULL */
    atomic_int stop;
    unsigned long done, failures;
};

struct body {
    const char *p;
    size_t len, off;
};

static size_t on_read(char *buf, size_t size, size_t n, void *ud)
{
    struct body *b = ud;
    size_t want = size * n, left = b->len - b->off;
    if (want > left)
        want = left;
    memcpy(buf, b->p + b->off, want);
    b->off += want;
    return want;
}

static size_t on_write(char *p, size_t size, size_t n, void *ud)
{
    (void)p;
    (void)ud;
    return size * n; /* the server's answer body is not needed */
}

static int on_progress(void *ud, curl_off_t dt, curl_off_t dn, curl_off_t ut, curl_off_t un)
{
    (void)dt;
    (void)dn;
    (void)ut;
    (void)un;
    return ((shotup *)ud)->stop; /* non-zero aborts the transfer */
}

static int upload(shotup *s, const char *path)
{
    char *data = NULL, url[4096];
    size_t len = 0;
    int rc = -1;
    if (kfile_read(path, MAX_SHOT_BYTES, 0, &data, &len) != 0) {
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
    CURL *h = curl_easy_init();
    if (!h) {
        free(data);
        return -1;
    }
    struct body b = {.p = data, .len = len};
    struct curl_slist *hdr = curl_slist_append(NULL, "Content-Type: image/png");
    curl_easy_setopt(h, CURLOPT_URL, url);
    curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(h, CURLOPT_READFUNCTION, on_read);
    curl_easy_setopt(h, CURLOPT_READDATA, &b);
    curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, (curl_off_t)len);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_write);
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdr);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, CONNECT_TIMEOUT_S);
    curl_easy_setopt(h, CURLOPT_TIMEOUT, TOTAL_TIMEOUT_S);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, on_progress);
    curl_easy_setopt(h, CURLOPT_XFERINFODATA, s);
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    CURLcode cc = curl_easy_perform(h);
    long status = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    char where[512];
    logsafe_url(where, sizeof(where), url);
    if (cc != CURLE_OK)
        log_warn(LOG, "PUT %s: %s", where, curl_easy_strerror(cc));
    else if (status < 200 || status > 299)
        log_warn(LOG, "PUT %s: HTTP %ld", where, status);
    else
        rc = 0;
    curl_slist_free_all(hdr);
    curl_easy_cleanup(h);
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
    curl_global_init(CURL_GLOBAL_DEFAULT); /* reference-counted; the updater calls it too */
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
    free(s); /* no curl_global_cleanup(): the updater may still use curl */
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
