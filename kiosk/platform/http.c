#include "http.h"

#include <curl/curl.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "version.h"

struct http_client {
    CURL *curl;
    http_options o;
    char errbuf[CURL_ERROR_SIZE];
};

/* One transfer's state, seen by the callbacks. */
struct xfer {
    http_response *res;
    http_body_fn body;
    void *ctx;
    size_t max;
    int over;     /* more than max bytes arrived */
    int body_err; /* the body callback's errno */
    char reply[128]; /* start of a PUT's answer: the server says why */
    size_t reply_len;
};

int http_global_init(void)
{
    return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK ? 0 : -1;
}

void http_global_cleanup(void)
{
    curl_global_cleanup();
}

static int on_progress(void *ud, curl_off_t dt, curl_off_t dn, curl_off_t ut, curl_off_t un)
{
    (void)dt, (void)dn, (void)ut, (void)un;
    const http_client *h = ud;
    return h->o.cancelled && h->o.cancelled(h->o.cancel_ctx) ? 1 : 0;
}

http_client *http_client_new(const http_options *o)
{
    http_client *h = calloc(1, sizeof(*h));
    if (!h)
        return NULL;
    h->o = *o;
    h->curl = curl_easy_init();
    if (!h->curl) {
        free(h);
        return NULL;
    }
    return h;
}

void http_client_free(http_client *h)
{
    if (!h)
        return;
    curl_easy_cleanup(h->curl);
    free(h);
}

void http_client_set_timeout(http_client *h, unsigned timeout_ms)
{
    h->o.timeout_ms = timeout_ms ? timeout_ms : 1;
}

/* The options every request shares. Reset first: a request never inherits
 * the last one's method, body or headers. */
static void setup(http_client *h, const char *url)
{
    CURL *c = h->curl;
    const http_options *o = &h->o;
    char ua[64];
    snprintf(ua, sizeof(ua), "kiosk/%s", kiosk_version());
    curl_easy_reset(c);
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_USERAGENT, ua);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L); /* no SIGALRM in a threaded program */
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    /* what starts on https may not be redirected to plain http */
    curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, strncmp(url, "https://", 8) == 0 ? "https" : "http,https");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, o->follow_redirects ? 1L : 0L);
    curl_easy_setopt(c, CURLOPT_MAXREDIRS, 3L);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS,
                     (long)(o->connect_timeout_ms < o->timeout_ms ? o->connect_timeout_ms : o->timeout_ms));
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, (long)o->timeout_ms);
    if (o->low_speed_bytes && o->low_speed_time_s) {
        curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, (long)o->low_speed_bytes);
        curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, (long)o->low_speed_time_s);
    }
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
    if (o->pinned_public_key && *o->pinned_public_key)
        curl_easy_setopt(c, CURLOPT_PINNEDPUBLICKEY, o->pinned_public_key);
    if (o->ca_file && *o->ca_file)
        curl_easy_setopt(c, CURLOPT_CAINFO, o->ca_file);
    curl_easy_setopt(c, CURLOPT_FAILONERROR, 1L);
    h->errbuf[0] = '\0';
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, h->errbuf);
    curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
    curl_easy_setopt(c, CURLOPT_XFERINFODATA, h);
}

static size_t on_body(char *p, size_t size, size_t n, void *ud)
{
    struct xfer *x = ud;
    size_t len = size * n;
    if (!x->body) { /* a PUT's answer: keep its start for the log */
        size_t take = sizeof(x->reply) - 1 - x->reply_len;
        take = len < take ? len : take;
        memcpy(x->reply + x->reply_len, p, take);
        x->reply_len += take;
        x->reply[x->reply_len] = '\0';
        return len;
    }
    if (len > x->max - x->res->bytes) {
        x->over = 1; /* abort: the server sends more than announced */
        return 0;
    }
    int e = x->body(x->ctx, p, len);
    if (e) {
        x->body_err = e;
        return 0;
    }
    x->res->bytes += len;
    return len;
}

static size_t on_header(char *p, size_t size, size_t n, void *ud)
{
    http_response *res = ud;
    size_t len = size * n;
    if (len >= 5 && strncmp(p, "HTTP/", 5) == 0)
        res->etag[0] = '\0'; /* a new response (after a redirect): forget the last one's */
    if (len > 5 && strncasecmp(p, "etag:", 5) == 0) {
        size_t i = 5, j = len;
        while (i < j && (p[i] == ' ' || p[i] == '\t'))
            i++;
        while (j > i && (p[j - 1] == '\r' || p[j - 1] == '\n' || p[j - 1] == ' '))
            j--;
        int ok = j - i < sizeof(res->etag);
        for (size_t k = i; ok && k < j; k++)
            ok = p[k] > 0x20 && p[k] < 0x7f;
        if (ok && j > i)
            snprintf(res->etag, sizeof(res->etag), "%.*s", (int)(j - i), p + i);
    }
    return len;
}

static update_reason status_reason(long status)
{
    if (status == 404 || status == 410)
        return UPDATE_HTTP_404;
    if (status >= 500 && status <= 599)
        return UPDATE_HTTP_5XX;
    return UPDATE_HTTP_ERROR;
}

static update_reason errno_reason(int e)
{
    return e == ENOSPC || e == EDQUOT ? UPDATE_DISK_FULL : UPDATE_LOCAL_ERROR;
}

/* The reason for a transfer curl reports as failed, with its detail. */
static update_reason transfer_reason(const http_client *h, const struct xfer *x, CURLcode rc)
{
    http_response *res = x->res;
    const char *why = h->errbuf[0] ? h->errbuf : curl_easy_strerror(rc);
    switch (rc) {
    case CURLE_HTTP_RETURNED_ERROR:
        snprintf(res->detail, sizeof(res->detail), "HTTP %ld", res->status);
        return status_reason(res->status);
    case CURLE_WRITE_ERROR:
    case CURLE_FILESIZE_EXCEEDED:
        if (x->over || rc == CURLE_FILESIZE_EXCEEDED) {
            snprintf(res->detail, sizeof(res->detail), "more than the %zu bytes expected", x->max);
            return UPDATE_TOO_LARGE;
        }
        snprintf(res->detail, sizeof(res->detail), "writing: %s", strerror(x->body_err));
        return errno_reason(x->body_err);
    default:
        break;
    }
    snprintf(res->detail, sizeof(res->detail), "%s", why);
    switch (rc) {
    case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
        return UPDATE_NETWORK;
    case CURLE_OPERATION_TIMEDOUT:
        /* curl reports both limits with one code; its message tells them apart */
        return strstr(h->errbuf, "too slow") ? UPDATE_TOO_SLOW : UPDATE_TIMEOUT;
    case CURLE_PARTIAL_FILE:
        return UPDATE_TRUNCATED;
    case CURLE_ABORTED_BY_CALLBACK:
        return UPDATE_STOPPED;
    case CURLE_OUT_OF_MEMORY:
        return UPDATE_LOCAL_ERROR;
    default:
        return UPDATE_NETWORK;
    }
}

/* Run the request set up on h; the reason and res->status. */
static update_reason perform(http_client *h, struct xfer *x, struct curl_slist *hdr)
{
    curl_easy_setopt(h->curl, CURLOPT_HTTPHEADER, hdr);
    curl_easy_setopt(h->curl, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(h->curl, CURLOPT_WRITEDATA, x);
    curl_easy_setopt(h->curl, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(h->curl, CURLOPT_HEADERDATA, x->res);
    CURLcode rc = curl_easy_perform(h->curl);
    curl_easy_setopt(h->curl, CURLOPT_HTTPHEADER, NULL);
    curl_slist_free_all(hdr);
    curl_easy_getinfo(h->curl, CURLINFO_RESPONSE_CODE, &x->res->status);
    return rc == CURLE_OK ? UPDATE_OK : transfer_reason(h, x, rc);
}

static void response_init(http_response *res)
{
    memset(res, 0, sizeof(*res));
}

update_reason http_get(http_client *h, const char *url, const char *if_none_match, int gzip, size_t max,
                       http_body_fn body, void *ctx, http_response *res)
{
    struct xfer x = {.res = res, .body = body, .ctx = ctx, .max = max};
    struct curl_slist *hdr = NULL;
    int conditional = if_none_match && *if_none_match;
    response_init(res);
    if (conditional) {
        char line[KIOSK_MAX_ETAG + 32];
        snprintf(line, sizeof(line), "If-None-Match: %s", if_none_match);
        if (!(hdr = curl_slist_append(NULL, line))) {
            snprintf(res->detail, sizeof(res->detail), "out of memory");
            return UPDATE_LOCAL_ERROR;
        }
    }
    setup(h, url);
    curl_easy_setopt(h->curl, CURLOPT_ACCEPT_ENCODING, gzip ? "" : NULL);
    curl_easy_setopt(h->curl, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)max);
    update_reason r = perform(h, &x, hdr);
    if (r == UPDATE_OK && res->status != 200 && !(res->status == 304 && conditional)) {
        snprintf(res->detail, sizeof(res->detail), "HTTP %ld", res->status);
        r = status_reason(res->status);
    }
    return r;
}

update_reason http_put(http_client *h, const char *url, const char *content_type, const void *data, size_t len,
                       http_response *res)
{
    struct xfer x = {.res = res};
    char line[128];
    response_init(res);
    snprintf(line, sizeof(line), "Content-Type: %s", content_type);
    struct curl_slist *hdr = curl_slist_append(NULL, line);
    if (!hdr) {
        snprintf(res->detail, sizeof(res->detail), "out of memory");
        return UPDATE_LOCAL_ERROR;
    }
    setup(h, url);
    /* a 4xx/5xx answer's body says why: read it instead of failing early */
    curl_easy_setopt(h->curl, CURLOPT_FAILONERROR, 0L);
    curl_easy_setopt(h->curl, CURLOPT_CUSTOMREQUEST, "PUT");
    curl_easy_setopt(h->curl, CURLOPT_POSTFIELDS, data);
    curl_easy_setopt(h->curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
    update_reason r = perform(h, &x, hdr);
    if (r == UPDATE_OK && (res->status < 200 || res->status > 299)) {
        for (char *p = x.reply; *p; p++) /* one log line */
            if (*p == '\n' || *p == '\r')
                *p = ' ';
        snprintf(res->detail, sizeof(res->detail), "HTTP %ld %s", res->status, x.reply);
        r = status_reason(res->status);
    }
    return r;
}
