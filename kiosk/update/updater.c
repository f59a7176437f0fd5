/* syncfs(): one flush for all objects of a cycle instead of one per file */
#define _GNU_SOURCE
#include "updater.h"

#include <curl/curl.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

#include "fsutil.h"
#include "kfile.h"
#include "health.h"
#include "klimits.h"
#include "log.h"
#include "manifest.h"
#include "version.h"

#define LOG "updater"
#define URL_MAX (KIOSK_MAX_URL + 128)
#define DISK_MARGIN (256 * 1024) /* left free for the trees' directories and the log */

static const char *const reason_names[UPDATER_REASON_COUNT] = {
    [UPDATER_OK] = "ok",
    [UPDATER_SERVER_DOWN] = "server_down",
    [UPDATER_NOT_FOUND] = "not_found",
    [UPDATER_SERVER_ERROR] = "server_error",
    [UPDATER_HTTP_ERROR] = "http_error",
    [UPDATER_TIMEOUT] = "timeout",
    [UPDATER_TOO_SLOW] = "too_slow",
    [UPDATER_TRUNCATED] = "truncated",
    [UPDATER_NETWORK] = "network",
    [UPDATER_HASH_MISMATCH] = "hash_mismatch",
    [UPDATER_SIG_MISSING] = "signature_missing",
    [UPDATER_SIG_BAD] = "bad_signature",
    [UPDATER_WRONG_KEY] = "wrong_key",
    [UPDATER_BAD_MANIFEST] = "bad_manifest",
    [UPDATER_BAD_PATH] = "bad_path",
    [UPDATER_OVERSIZE] = "oversize",
    [UPDATER_DOWNGRADE] = "downgrade",
    [UPDATER_INVALID_CONTENT] = "invalid_content",
    [UPDATER_DISK_FULL] = "disk_full",
    [UPDATER_LOCAL_ERROR] = "local_error",
    [UPDATER_STOPPED] = "stopped",
};

const char *updater_reason_name(updater_reason r)
{
    return (unsigned)r < UPDATER_REASON_COUNT ? reason_names[r] : "unknown";
}

void updater_config_defaults(updater_config *c)
{
    memset(c, 0, sizeof(*c));
    c->interval_s = 300;
    c->retry_min_s = 10;
    c->connect_timeout_s = 10;
    c->timeout_s = 120;
    c->low_speed_bytes = 256;
    c->low_speed_time_s = 30;
}

static void set_detail(updater_result *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void set_detail(updater_result *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->detail, sizeof(r->detail), fmt, ap);
    va_end(ap);
}

/* Path join into a fixed buffer; -1 (never a truncated path) when too long. */
static int pathf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int pathf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n >= 0 && (size_t)n < size ? 0 : -1;
}

static int load_public_key(const char *path, unsigned char pk[MANIFEST_PK_BYTES], char *err, size_t errsize)
{
    char *text = NULL;
    size_t len = 0;
    if (!path || kfile_read(path, 1024, 0, &text, &len) != 0) {
        snprintf(err, errsize, "public key %s: %s", path ? path : "(none)",
                 path ? strerror(errno) : "not configured");
        return -1;
    }
    int rc = manifest_parse_public(text, len, pk);
    free(text);
    if (rc != 0)
        snprintf(err, errsize, "public key %s: not a kiosk public key (kiosk-publish keygen makes one)", path);
    return rc;
}

/* "<scheme>://host/dir/channel/" → base with a trailing slash, and the
 * shared object store "<scheme>://host/dir/objects/". */
static int channel_urls(const char *url, char *base, size_t bsize, char *objects, size_t osize)
{
    if (!url || (strncmp(url, "http://", 7) != 0 && strncmp(url, "https://", 8) != 0))
        return -1;
    size_t len = strlen(url);
    if (len == 0 || len > KIOSK_MAX_URL)
        return -1;
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)url[i] <= 0x20 || (unsigned char)url[i] >= 0x7f || url[i] == '?' || url[i] == '#')
            return -1;
    if (pathf(base, bsize, "%s%s", url, url[len - 1] == '/' ? "" : "/"))
        return -1;
    const char *host = strstr(base, "://") + 3;
    const char *first = strchr(host, '/');  /* start of the path */
    size_t blen = strlen(base);
    const char *last = NULL;                /* slash before the channel's name */
    for (const char *p = base + blen - 2; p >= first; p--)
        if (*p == '/') {
            last = p;
            break;
        }
    if (!last || last + 1 >= base + blen - 1)
        return -1; /* no channel component: "https://host/" */
    return pathf(objects, osize, "%.*sobjects/", (int)(last - base + 1), base);
}

int updater_config_check(const updater_config *c, char *err, size_t errsize)
{
    char base[URL_MAX], objects[URL_MAX];
    unsigned char pk[MANIFEST_PK_BYTES];
    if (channel_urls(c->channel_url, base, sizeof(base), objects, sizeof(objects)) != 0) {
        snprintf(err, errsize, "channel URL '%s': expected http(s)://host/path/CHANNEL/",
                 c->channel_url ? c->channel_url : "");
        return -1;
    }
    if (!c->state_dir || !*c->state_dir) {
        snprintf(err, errsize, "no state directory configured");
        return -1;
    }
    if (c->interval_s < 1 || c->timeout_s < 1 || c->connect_timeout_s < 1) {
        snprintf(err, errsize, "intervals and timeouts must be at least 1 second");
        return -1;
    }
    return load_public_key(c->public_key_file, pk, err, errsize);
}

/* --- reading the state directory ----------------------------------------------- */

static int parse_version(const char *s, uint64_t *out)
{
    if (!*s || strlen(s) > 20)
        return -1;
    uint64_t v = 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return -1;
        uint64_t d = (uint64_t)(*s - '0');
        if (v > (UINT64_MAX - d) / 10)
            return -1;
        v = v * 10 + d;
    }
    *out = v;
    return 0;
}

/* Version a state link points at ("trees/<version>"), 0 when none. */
static uint64_t link_version(const char *state_dir, const char *name)
{
    char path[FSUTIL_PATH_MAX], target[256];
    uint64_t v = 0;
    if (pathf(path, sizeof(path), "%s/%s", state_dir, name))
        return 0;
    ssize_t n = readlink(path, target, sizeof(target) - 1);
    if (n <= 0)
        return 0;
    target[n] = '\0';
    if (strncmp(target, "trees/", 6) != 0 || parse_version(target + 6, &v) != 0)
        return 0;
    return v;
}

const char *updater_content_dir(const char *state_dir, const char *fallback, char *buf, size_t size)
{
    if (state_dir && updater_state_tree(state_dir, 0, buf, size, NULL) == 0)
        return buf;
    return fallback;
}

int updater_state_tree(const char *state_dir, int which, char *buf, size_t size, uint64_t *version)
{
    uint64_t v = link_version(state_dir, which ? "previous" : "current");
    struct stat st;
    if (v == 0 || pathf(buf, size, "%s/trees/%" PRIu64, state_dir, v) || stat(buf, &st) != 0 ||
        !S_ISDIR(st.st_mode))
        return -1;
    if (version)
        *version = v;
    return 0;
}

/* --- HTTP ---------------------------------------------------------------------- */

/* Where a response body goes: memory (manifest, signature) or a file
 * (objects, hashed while written). Both stop at max bytes. */
struct sink {
    char *mem;
    size_t len, max;
    int fd;
    crypto_hash_sha256_state sha;
    int over;      /* more than max bytes arrived */
    int io_errno;  /* a write to fd failed */
};

struct cycle {
    const updater_config *cfg;
    unsigned char pk[MANIFEST_PK_BYTES];
    CURL *curl;
    char base[URL_MAX], objects_url[URL_MAX];
    char errbuf[CURL_ERROR_SIZE];
    char etag[KIOSK_MAX_ETAG];
    volatile int *stop;
    updater_result *res;
    const uint64_t *keep; /* versions the UI may still show: never pruned */
    size_t n_keep;
};

static size_t on_body(char *p, size_t size, size_t n, void *ud)
{
    struct sink *s = ud;
    size_t len = size * n;
    if (len > s->max - s->len) {
        s->over = 1; /* abort: the server sends more than announced */
        return 0;
    }
    if (s->fd >= 0) {
        size_t done = 0;
        while (done < len) {
            ssize_t w = write(s->fd, p + done, len - done);
            if (w < 0) {
                if (errno == EINTR)
                    continue;
                s->io_errno = errno;
                return 0;
            }
            done += (size_t)w;
        }
        crypto_hash_sha256_update(&s->sha, (const unsigned char *)p, len);
    } else {
        memcpy(s->mem + s->len, p, len);
    }
    s->len += len;
    return len;
}

static size_t on_header(char *p, size_t size, size_t n, void *ud)
{
    struct cycle *c = ud;
    size_t len = size * n;
    if (len >= 5 && strncmp(p, "HTTP/", 5) == 0)
        c->etag[0] = '\0'; /* a new response (after a redirect): forget the last one's */
    if (len > 5 && strncasecmp(p, "etag:", 5) == 0) {
        size_t i = 5, j = len;
        while (i < j && (p[i] == ' ' || p[i] == '\t'))
            i++;
        while (j > i && (p[j - 1] == '\r' || p[j - 1] == '\n' || p[j - 1] == ' '))
            j--;
        int ok = j - i < sizeof(c->etag);
        for (size_t k = i; ok && k < j; k++)
            ok = p[k] > 0x20 && p[k] < 0x7f;
        if (ok && j > i)
            snprintf(c->etag, sizeof(c->etag), "%.*s", (int)(j - i), p + i);
    }
    return len;
}

static int on_progress(void *ud, curl_off_t dt, curl_off_t dn, curl_off_t ut, curl_off_t un)
{
    (void)dt, (void)dn, (void)ut, (void)un;
    struct cycle *c = ud;
    return c->stop && __atomic_load_n(c->stop, __ATOMIC_RELAXED) ? 1 : 0;
}

static int setup_curl(struct cycle *c)
{
    const updater_config *cfg = c->cfg;
    CURL *h = curl_easy_init();
    if (!h)
        return -1;
    c->curl = h;
    char ua[64];
    snprintf(ua, sizeof(ua), "kiosk/%s", kiosk_version());
    /* Every bound the brief of a public screen needs: time, size, protocols. */
    curl_easy_setopt(h, CURLOPT_USERAGENT, ua);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    /* a channel on https may not be redirected to plain http */
    curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR,
                     strncmp(c->base, "https://", 8) == 0 ? "https" : "http,https");
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(h, CURLOPT_MAXREDIRS, 3L);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, (long)cfg->connect_timeout_s);
    curl_easy_setopt(h, CURLOPT_TIMEOUT, (long)cfg->timeout_s);
    curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, (long)cfg->low_speed_bytes);
    curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, (long)cfg->low_speed_time_s);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
    if (cfg->pinned_public_key && *cfg->pinned_public_key)
        curl_easy_setopt(h, CURLOPT_PINNEDPUBLICKEY, cfg->pinned_public_key);
    if (cfg->ca_file && *cfg->ca_file)
        curl_easy_setopt(h, CURLOPT_CAINFO, cfg->ca_file);
    curl_easy_setopt(h, CURLOPT_FAILONERROR, 1L);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, c->errbuf);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, c);
    curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, on_progress);
    curl_easy_setopt(h, CURLOPT_XFERINFODATA, c);
    return 0;
}

static updater_reason status_reason(long status)
{
    if (status == 404 || status == 410)
        return UPDATER_NOT_FOUND;
    if (status >= 500 && status <= 599)
        return UPDATER_SERVER_ERROR;
    return UPDATER_HTTP_ERROR;
}

/* GET url into s. *status is the HTTP status (0 when there was none).
 * gzip: accept a compressed body (manifests); the cap applies to the
 * decompressed bytes, so a compression bomb stops at max. */
static updater_reason fetch(struct cycle *c, const char *url, struct sink *s, const char *if_none_match,
                            int gzip, long *status)
{
    CURL *h = c->curl;
    struct curl_slist *hdr = NULL;
    char line[KIOSK_MAX_ETAG + 32];
    *status = 0;
    c->errbuf[0] = '\0';
    c->etag[0] = '\0';
    if (if_none_match && *if_none_match) {
        snprintf(line, sizeof(line), "If-None-Match: %s", if_none_match);
        hdr = curl_slist_append(NULL, line);
        if (!hdr)
            return UPDATER_LOCAL_ERROR;
    }
    curl_easy_setopt(h, CURLOPT_URL, url);
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdr);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, s);
    curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, gzip ? "" : NULL);
    curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)s->max);
    CURLcode rc = curl_easy_perform(h);
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, NULL);
    curl_slist_free_all(hdr);
    c->res->requests++;
    c->res->bytes += s->len;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, status);
    const char *why = c->errbuf[0] ? c->errbuf : curl_easy_strerror(rc);
    updater_reason r;
    switch (rc) {
    case CURLE_OK:
        return UPDATER_OK;
    case CURLE_HTTP_RETURNED_ERROR:
        set_detail(c->res, "GET %s: HTTP %ld", url, *status);
        return status_reason(*status);
    case CURLE_WRITE_ERROR:
        if (s->over) {
            set_detail(c->res, "GET %s: more than the %zu bytes expected", url, s->max);
            return UPDATER_OVERSIZE;
        }
        set_detail(c->res, "GET %s: writing: %s", url, strerror(s->io_errno));
        return s->io_errno == ENOSPC || s->io_errno == EDQUOT ? UPDATER_DISK_FULL : UPDATER_LOCAL_ERROR;
    case CURLE_FILESIZE_EXCEEDED:
        set_detail(c->res, "GET %s: more than the %zu bytes expected", url, s->max);
        return UPDATER_OVERSIZE;
    case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
        r = UPDATER_SERVER_DOWN;
        break;
    case CURLE_OPERATION_TIMEDOUT:
        /* curl reports both limits with one code; its message tells them apart */
        r = strstr(c->errbuf, "too slow") ? UPDATER_TOO_SLOW : UPDATER_TIMEOUT;
        break;
    case CURLE_PARTIAL_FILE:
        r = UPDATER_TRUNCATED;
        break;
    case CURLE_ABORTED_BY_CALLBACK:
        r = UPDATER_STOPPED;
        break;
    case CURLE_OUT_OF_MEMORY:
        r = UPDATER_LOCAL_ERROR;
        break;
    default:
        r = UPDATER_NETWORK;
        break;
    }
    set_detail(c->res, "GET %s: %s", url, why);
    return r;
}

/* GET a small file (manifest, signature) into memory. */
static updater_reason fetch_mem(struct cycle *c, const char *url, size_t max, const char *inm, int gzip,
                                char **out, size_t *len, long *status)
{
    struct sink s = {.fd = -1, .max = max};
    s.mem = malloc(max + 1);
    if (!s.mem)
        return UPDATER_LOCAL_ERROR;
    updater_reason r = fetch(c, url, &s, inm, gzip, status);
    if (r != UPDATER_OK || *status != 200) {
        if (r == UPDATER_OK && *status != 304) {
            set_detail(c->res, "GET %s: HTTP %ld", url, *status);
            r = status_reason(*status);
        }
        free(s.mem);
        *out = NULL;
        *len = 0;
        return r;
    }
    s.mem[s.len] = '\0';
    *out = s.mem;
    *len = s.len;
    return UPDATER_OK;
}

/* --- objects ------------------------------------------------------------------- */

/* 1 when the cached object has the announced size and hash. */
static int object_ok(const char *path, const manifest_file *f)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0)
        return 0;
    struct stat st;
    int ok = 0;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (uint64_t)st.st_size == f->size) {
        crypto_hash_sha256_state sha;
        crypto_hash_sha256_init(&sha);
        unsigned char buf[65536];
        ssize_t n;
        while ((n = read(fd, buf, sizeof(buf))) > 0)
            crypto_hash_sha256_update(&sha, buf, (size_t)n);
        unsigned char h[crypto_hash_sha256_BYTES];
        char hex[MANIFEST_HEX_LEN + 1];
        crypto_hash_sha256_final(&sha, h);
        sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
        ok = n == 0 && strcmp(hex, f->sha256) == 0;
    }
    close(fd);
    return ok;
}

/* Download one object into the cache: temp file, check size and hash,
 * fsync, rename. The file name is the validated hex hash, never a name
 * from the server. */
static updater_reason fetch_object(struct cycle *c, const manifest_file *f, const char *objdir)
{
    char url[URL_MAX], path[FSUTIL_PATH_MAX], tmp[FSUTIL_PATH_MAX];
    if (pathf(url, sizeof(url), "%s%s", c->objects_url, f->sha256) ||
        pathf(path, sizeof(path), "%s/%s", objdir, f->sha256) ||
        pathf(tmp, sizeof(tmp), "%s/.tmp-%s-XXXXXX", objdir, f->sha256)) {
        set_detail(c->res, "object path too long");
        return UPDATER_LOCAL_ERROR;
    }
    struct sink s = {.max = (size_t)f->size};
    s.fd = mkstemp(tmp);
    if (s.fd < 0) {
        set_detail(c->res, "create %s: %s", tmp, strerror(errno));
        return errno == ENOSPC || errno == EDQUOT ? UPDATER_DISK_FULL : UPDATER_LOCAL_ERROR;
    }
    crypto_hash_sha256_init(&s.sha);
    long status;
    updater_reason r = fetch(c, url, &s, NULL, 0, &status);
    if (r == UPDATER_OK && status != 200) {
        set_detail(c->res, "GET %s: HTTP %ld", url, status);
        r = status_reason(status);
    }
    if (r == UPDATER_OK && s.len != f->size) {
        set_detail(c->res, "GET %s: %zu of %" PRIu64 " bytes", url, s.len, f->size);
        r = UPDATER_TRUNCATED;
    }
    if (r == UPDATER_OK) {
        unsigned char h[crypto_hash_sha256_BYTES];
        char hex[MANIFEST_HEX_LEN + 1];
        crypto_hash_sha256_final(&s.sha, h);
        sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
        if (strcmp(hex, f->sha256) != 0) {
            set_detail(c->res, "object for %s: SHA-256 %.16s..., expected %.16s...", f->path, hex, f->sha256);
            r = UPDATER_HASH_MISMATCH;
        }
    }
    /* No fsync here: run_cycle() flushes the whole file system once before
     * anything links to the objects, and a cached object is re-hashed
     * before every use, so one damaged by a power cut is fetched again. */
    if (r == UPDATER_OK && fchmod(s.fd, 0644) != 0) {
        set_detail(c->res, "chmod %s: %s", tmp, strerror(errno));
        r = errno == ENOSPC || errno == EDQUOT ? UPDATER_DISK_FULL : UPDATER_LOCAL_ERROR;
    }
    close(s.fd);
    if (r == UPDATER_OK && rename(tmp, path) != 0) {
        set_detail(c->res, "rename %s: %s", path, strerror(errno));
        r = UPDATER_LOCAL_ERROR;
    }
    if (r != UPDATER_OK)
        unlink(tmp);
    else
        c->res->objects++;
    return r;
}

static int copy_file(const char *from, const char *to)
{
    char *data = NULL;
    size_t len = 0;
    if (kfile_read(from, KIOSK_MAX_OBJECT_BYTES, 0, &data, &len) != 0)
        return -1;
    int fd = open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    int rc = -1;
    if (fd >= 0) {
        size_t done = 0;
        while (done < len) {
            ssize_t w = write(fd, data + done, len - done);
            if (w < 0 && errno == EINTR)
                continue;
            if (w < 0)
                break;
            done += (size_t)w;
        }
        rc = done == len && fsync(fd) == 0 ? 0 : -1;
        int e = errno;
        close(fd);
        errno = e;
    }
    free(data);
    return rc;
}

static updater_reason errno_reason(int e)
{
    return e == ENOSPC || e == EDQUOT ? UPDATER_DISK_FULL : UPDATER_LOCAL_ERROR;
}

/* Build the complete tree in stage: every file a hard link to its verified
 * object (a copy where links are not possible). */
static updater_reason stage_tree(struct cycle *c, const manifest *m, const char *objdir, const char *stage)
{
    if (mkdir(stage, 0755) != 0) {
        set_detail(c->res, "mkdir %s: %s", stage, strerror(errno));
        return errno_reason(errno);
    }
    for (size_t i = 0; i < m->n_files; i++) {
        const manifest_file *f = &m->files[i];
        char obj[FSUTIL_PATH_MAX], dst[FSUTIL_PATH_MAX];
        /* f->path passed manifest_path_valid(): relative, no "..", no
         * hidden names, plain characters, so it stays below stage. */
        if (pathf(obj, sizeof(obj), "%s/%s", objdir, f->sha256) ||
            pathf(dst, sizeof(dst), "%s/%s", stage, f->path)) {
            set_detail(c->res, "path too long: %s", f->path);
            return UPDATER_LOCAL_ERROR;
        }
        char *slash = strrchr(dst, '/');
        *slash = '\0';
        if (fsutil_mkdir_p(dst, 0755) != 0) {
            set_detail(c->res, "mkdir %s: %s", dst, strerror(errno));
            return errno_reason(errno);
        }
        *slash = '/';
        if (link(obj, dst) != 0 && copy_file(obj, dst) != 0) {
            set_detail(c->res, "stage %s: %s", f->path, strerror(errno));
            return errno_reason(errno);
        }
    }
    if (fsutil_fsync_tree_dirs(stage) != 0) {
        set_detail(c->res, "fsync %s: %s", stage, strerror(errno));
        return errno_reason(errno);
    }
    return UPDATER_OK;
}

/* Remove what no link needs any more: trees other than current, previous
 * and the one the UI may still show; temporary files of interrupted cycles;
 * with objects set, objects no tree links to (link count 1). A failed cycle
 * keeps its objects, so a retry after a dropped connection resumes. */
static int kept(uint64_t v, uint64_t a, uint64_t b, const uint64_t *keep, size_t n_keep)
{
    if (v == a || v == b)
        return 1;
    for (size_t i = 0; i < n_keep; i++)
        if (v == keep[i])
            return 1;
    return 0;
}

static void prune(const char *state, uint64_t keep1, uint64_t keep2, const uint64_t *keep, size_t n_keep,
                  int objects)
{
    char dir[FSUTIL_PATH_MAX], path[FSUTIL_PATH_MAX];
    struct dirent *e;
    DIR *d;
    if (pathf(dir, sizeof(dir), "%s/trees", state) == 0 && (d = opendir(dir)) != NULL) {
        while ((e = readdir(d)) != NULL) {
            uint64_t v;
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            if (parse_version(e->d_name, &v) == 0 && v && kept(v, keep1, keep2, keep, n_keep))
                continue;
            if (pathf(path, sizeof(path), "%s/%s", dir, e->d_name) == 0 && fsutil_rm_rf(path) != 0)
                log_warn(LOG, "prune %s: %s", path, strerror(errno));
        }
        closedir(d);
    }
    if (pathf(dir, sizeof(dir), "%s/objects", state) == 0 && (d = opendir(dir)) != NULL) {
        while ((e = readdir(d)) != NULL) {
            struct stat st;
            int tmp = strncmp(e->d_name, ".tmp-", 5) == 0;
            if (!tmp && !manifest_hex_valid(e->d_name))
                continue;
            if (pathf(path, sizeof(path), "%s/%s", dir, e->d_name) || lstat(path, &st) != 0)
                continue;
            if (tmp || (objects && S_ISREG(st.st_mode) && st.st_nlink == 1))
                unlink(path);
        }
        closedir(d);
    }
    /* temporary links of an interrupted swap */
    if ((d = opendir(state)) != NULL) {
        while ((e = readdir(d)) != NULL)
            if (strncmp(e->d_name, "current.tmp-", 12) == 0 || strncmp(e->d_name, "previous.tmp-", 13) == 0 ||
                strncmp(e->d_name, "etag.tmp-", 9) == 0)
                if (pathf(path, sizeof(path), "%s/%s", state, e->d_name) == 0)
                    unlink(path);
        closedir(d);
    }
}

/* --- one cycle ------------------------------------------------------------------ */

/* Make everything written to the state directory's file system durable:
 * the objects' data and names. */
static int sync_state(const char *state)
{
    int fd = open(state, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    int rc = syncfs(fd);
    int e = errno;
    close(fd);
    errno = e;
    return rc;
}

struct memo { /* what a polling thread remembers between cycles */
    char rejected_etag[KIOSK_MAX_ETAG];
    updater_reason rejected_reason;
    char rejected_detail[sizeof(((updater_result *)0)->detail)];
};

/* A manifest refused for what it says (not for how it travelled) stays
 * refused until the channel changes: remember its ETag so the next polls
 * cost a 304 instead of the whole manifest again. */
static int permanent(updater_reason r)
{
    return r == UPDATER_BAD_MANIFEST || r == UPDATER_BAD_PATH || r == UPDATER_OVERSIZE ||
           r == UPDATER_DOWNGRADE || r == UPDATER_INVALID_CONTENT || r == UPDATER_WRONG_KEY;
}

static void sleep_ms(unsigned ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
}

static updater_reason fetch_signed(struct cycle *c, const char *inm, int *not_modified, char **mtext,
                                   size_t *mlen)
{
    char murl[URL_MAX], surl[URL_MAX];
    *not_modified = 0;
    *mtext = NULL;
    if (pathf(murl, sizeof(murl), "%smanifest.yaml", c->base) ||
        pathf(surl, sizeof(surl), "%smanifest.yaml.sig", c->base))
        return UPDATER_LOCAL_ERROR;
    /* Manifest and signature are two files: a poll that falls between the
     * publisher's two renames sees a mismatch. One retry settles that. */
    for (int attempt = 0;; attempt++) {
        long status;
        char *sig = NULL;
        size_t slen = 0;
        updater_reason r = fetch_mem(c, murl, KIOSK_MAX_MANIFEST_BYTES, attempt ? NULL : inm, 1, mtext,
                                     mlen, &status);
        if (r != UPDATER_OK)
            return r;
        if (status == 304) {
            *not_modified = 1;
            return UPDATER_OK;
        }
        char etag[KIOSK_MAX_ETAG];
        snprintf(etag, sizeof(etag), "%s", c->etag);
        r = fetch_mem(c, surl, KIOSK_MAX_SIG_BYTES, NULL, 0, &sig, &slen, &status);
        snprintf(c->etag, sizeof(c->etag), "%s", etag); /* the manifest's ETag is the one to keep */
        if (r == UPDATER_NOT_FOUND) {
            set_detail(c->res, "no signature at %s", surl);
            r = UPDATER_SIG_MISSING;
        }
        if (r != UPDATER_OK) {
            free(*mtext);
            *mtext = NULL;
            return r;
        }
        manifest_sig_status v = manifest_verify(*mtext, *mlen, sig, slen, c->pk);
        free(sig);
        if (v == MANIFEST_SIG_OK)
            return UPDATER_OK;
        free(*mtext);
        *mtext = NULL;
        if (v == MANIFEST_SIG_WRONG_KEY) {
            set_detail(c->res, "%s is signed with another key than %s", murl, c->cfg->public_key_file);
            return UPDATER_WRONG_KEY;
        }
        if (attempt >= 1 || (c->stop && *c->stop)) {
            set_detail(c->res, "%s: %s", murl,
                       v == MANIFEST_SIG_MALFORMED ? "signature file is malformed"
                                                   : "signature does not match the manifest");
            return UPDATER_SIG_BAD;
        }
        sleep_ms(1000);
    }
}

/* STATE_DIR/notice.yaml follows the newest signed manifest: written (or
 * removed) as soon as a newer manifest is verified, before its objects are
 * fetched, so an emergency notice does not wait for a large download and
 * survives a restart without network. */
static void save_notice(const char *state, const manifest_notice *n)
{
    char path[FSUTIL_PATH_MAX];
    if (pathf(path, sizeof(path), "%s/%s", state, UPDATER_NOTICE_FILE))
        return;
    if (!n) {
        if (unlink(path) == 0) {
            fsutil_fsync_parent(path);
            log_info(LOG, "notice cleared");
        } else if (errno != ENOENT) {
            log_warn(LOG, "remove %s: %s", path, strerror(errno));
        }
        return;
    }
    size_t len = 0;
    char *text = manifest_notice_emit(n, &len);
    if (!text || fsutil_write_atomic(path, text, len, 0644) != 0)
        log_warn(LOG, "cannot write %s: %s", path, text ? strerror(errno) : "out of memory");
    else
        log_info(LOG, "notice saved (%lld..%lld)", (long long)n->starts, (long long)n->ends);
    free(text);
}

static updater_reason run_cycle(struct cycle *c, struct memo *memo, kcontent **out)
{
    const char *state = c->cfg->state_dir;
    updater_result *res = c->res;
    char objdir[FSUTIL_PATH_MAX], trees[FSUTIL_PATH_MAX], stage[FSUTIL_PATH_MAX], tree[FSUTIL_PATH_MAX];
    char lockp[FSUTIL_PATH_MAX], path[FSUTIL_PATH_MAX], err[256];
    char *mtext = NULL, *etagtext = NULL;
    manifest *m = NULL;
    kcontent *content = NULL;
    int lockfd = -1;
    uint64_t cur = 0, prev = 0;
    updater_reason r = UPDATER_LOCAL_ERROR;
    *out = NULL;

    if (pathf(objdir, sizeof(objdir), "%s/objects", state) || pathf(trees, sizeof(trees), "%s/trees", state) ||
        pathf(lockp, sizeof(lockp), "%s/lock", state)) {
        set_detail(res, "state directory path too long");
        goto done;
    }
    if (fsutil_mkdir_p(objdir, 0755) != 0 || fsutil_mkdir_p(trees, 0755) != 0) {
        set_detail(res, "state directory %s: %s", state, strerror(errno));
        r = errno_reason(errno);
        goto done;
    }
    /* What is shown, for the messages of every outcome below. */
    cur = link_version(state, "current");
    res->version = cur;
    lockfd = open(lockp, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (lockfd < 0) {
        /* e.g. EROFS: a storage card the kernel remounted read-only */
        set_detail(res, "state directory %s is not writable: %s", state, strerror(errno));
        r = errno_reason(errno);
        goto done;
    }
    if (flock(lockfd, LOCK_EX | LOCK_NB) != 0) {
        set_detail(res, "state directory %s is busy (another updater?): %s", state, strerror(errno));
        goto done;
    }
    prev = link_version(state, "previous");
    if (cur && updater_state_tree(state, 0, path, sizeof(path), NULL) != 0) {
        /* someone removed the tree: what "current" names is not shown, so
         * it must not count as installed */
        log_warn(LOG, "%s/current points at a missing tree; installing again", state);
        cur = 0;
    }
    res->version = cur;

    /* The ETag stored with the current version, or the one of a manifest
     * this thread already refused. */
    char inm[KIOSK_MAX_ETAG] = "";
    size_t elen;
    if (memo && memo->rejected_etag[0]) {
        snprintf(inm, sizeof(inm), "%s", memo->rejected_etag);
    } else if (cur && pathf(path, sizeof(path), "%s/etag", state) == 0 &&
               kfile_read(path, KIOSK_MAX_ETAG + 32, 0, &etagtext, &elen) == 0) {
        char *sp = strchr(etagtext, ' ');
        uint64_t ev;
        if (sp) {
            *sp = '\0';
            char *nl = strchr(sp + 1, '\n');
            if (nl)
                *nl = '\0';
            if (parse_version(etagtext, &ev) == 0 && ev == cur)
                snprintf(inm, sizeof(inm), "%s", sp + 1);
        }
    }

    int not_modified = 0;
    size_t mlen = 0;
    r = fetch_signed(c, inm, &not_modified, &mtext, &mlen);
    if (r != UPDATER_OK)
        goto done;
    if (not_modified) {
        if (memo && memo->rejected_etag[0]) {
            r = memo->rejected_reason;
            set_detail(res, "%s (channel unchanged since)", memo->rejected_detail);
        } else {
            r = UPDATER_OK;
            log_debug(LOG, "channel unchanged (version %" PRIu64 ")", cur);
        }
        goto done;
    }
    char etag[KIOSK_MAX_ETAG];
    snprintf(etag, sizeof(etag), "%s", c->etag);

    manifest_error me = manifest_parse(mtext, mlen, &m, err, sizeof(err));
    if (me != MANIFEST_OK) {
        set_detail(res, "manifest: %s", err);
        r = me == MANIFEST_E_PATH    ? UPDATER_BAD_PATH
            : me == MANIFEST_E_LIMIT ? UPDATER_OVERSIZE
            : me == MANIFEST_E_NOMEM ? UPDATER_LOCAL_ERROR
                                     : UPDATER_BAD_MANIFEST;
        goto reject;
    }
    if (m->version < cur) {
        set_detail(res, "manifest version %" PRIu64 " is older than the shown %" PRIu64, m->version, cur);
        r = UPDATER_DOWNGRADE;
        goto reject;
    }
    if (m->version == cur) {
        /* same manifest, new ETag (e.g. the server copied the files again) */
        char line[KIOSK_MAX_ETAG + 32];
        snprintf(line, sizeof(line), "%" PRIu64 " %s\n", cur, etag);
        if (pathf(path, sizeof(path), "%s/etag", state) == 0 && etag[0])
            fsutil_write_atomic(path, line, strlen(line), 0644);
        r = UPDATER_OK;
        goto done;
    }

    save_notice(state, m->notice);

    /* Which objects are missing, and does the disk have room for them? */
    uint64_t need = 0;
    unsigned char *missing = calloc(m->n_files ? m->n_files : 1, 1);
    if (!missing) {
        set_detail(res, "out of memory");
        r = UPDATER_LOCAL_ERROR;
        goto done;
    }
    for (size_t i = 0; i < m->n_files; i++) {
        if (pathf(path, sizeof(path), "%s/%s", objdir, m->files[i].sha256) == 0 &&
            object_ok(path, &m->files[i]))
            continue;
        unlink(path); /* damaged cache entry, if any */
        /* the same object listed under two paths is fetched once */
        int dup = 0;
        for (size_t j = 0; j < i && !dup; j++)
            dup = missing[j] && strcmp(m->files[j].sha256, m->files[i].sha256) == 0;
        if (!dup) {
            missing[i] = 1;
            need += m->files[i].size;
        }
    }
    struct statvfs vfs;
    if (statvfs(state, &vfs) == 0 && (uint64_t)vfs.f_bavail * vfs.f_frsize < need + DISK_MARGIN) {
        set_detail(res, "%" PRIu64 " bytes to download, %" PRIu64 " free in %s", need,
                   (uint64_t)vfs.f_bavail * vfs.f_frsize, state);
        free(missing);
        r = UPDATER_DISK_FULL;
        goto done;
    }
    for (size_t i = 0; i < m->n_files; i++) {
        if (!missing[i])
            continue;
        r = fetch_object(c, &m->files[i], objdir);
        if (r != UPDATER_OK)
            break;
    }
    free(missing);
    if (r != UPDATER_OK)
        goto done;
    if (sync_state(state) != 0) {
        set_detail(res, "sync %s: %s", state, strerror(errno));
        r = errno_reason(errno);
        goto done;
    }

    /* Stage, then rename into trees/<version>: the tree gets its final path
     * before it is loaded, so the loaded content's root stays valid. */
    if (pathf(stage, sizeof(stage), "%s/.stage-%" PRIu64, trees, m->version) ||
        pathf(tree, sizeof(tree), "%s/%" PRIu64, trees, m->version)) {
        set_detail(res, "path too long");
        r = UPDATER_LOCAL_ERROR;
        goto done;
    }
    fsutil_rm_rf(stage);
    fsutil_rm_rf(tree); /* leftover of an interrupted cycle; never current (version > cur) */
    r = stage_tree(c, m, objdir, stage);
    if (r == UPDATER_OK && (rename(stage, tree) != 0 || fsutil_fsync_dir(trees) != 0)) {
        set_detail(res, "rename %s: %s", tree, strerror(errno));
        r = errno_reason(errno);
    }
    if (r != UPDATER_OK) {
        fsutil_rm_rf(stage);
        fsutil_rm_rf(tree);
        goto done;
    }

    diag_list d;
    diag_init(&d);
    content = content_load(tree, &d);
    if (!content) {
        char first[256] = "";
        for (size_t i = 0; i < d.n && i < 5; i++) {
            char line[512];
            diag_format(&d.items[i], line, sizeof(line));
            log_warn(LOG, "new content: %s", line);
            if (i == 0)
                snprintf(first, sizeof(first), "%.200s", line);
        }
        set_detail(res, "version %" PRIu64 " does not load (%zu errors): %s", m->version, d.errors, first);
        diag_free(&d);
        fsutil_rm_rf(tree);
        r = UPDATER_INVALID_CONTENT;
        goto reject;
    }
    diag_free(&d);

    /* The swap. "previous" first: a crash between the two renames leaves it
     * pointing at what is still current, which is harmless. */
    char target[64], curp[FSUTIL_PATH_MAX], prevp[FSUTIL_PATH_MAX];
    if (pathf(curp, sizeof(curp), "%s/current", state) || pathf(prevp, sizeof(prevp), "%s/previous", state)) {
        r = UPDATER_LOCAL_ERROR;
        goto done;
    }
    if (cur) {
        snprintf(target, sizeof(target), "trees/%" PRIu64, cur);
        if (fsutil_symlink_atomic(target, prevp) != 0)
            log_warn(LOG, "previous link: %s", strerror(errno));
        else
            prev = cur;
    }
    snprintf(target, sizeof(target), "trees/%" PRIu64, m->version);
    if (fsutil_symlink_atomic(target, curp) != 0) {
        set_detail(res, "swap %s: %s", curp, strerror(errno));
        r = errno_reason(errno);
        goto done;
    }
    res->updated = 1;
    res->version = m->version;
    if (etag[0]) {
        char line[KIOSK_MAX_ETAG + 32];
        snprintf(line, sizeof(line), "%" PRIu64 " %s\n", m->version, etag);
        if (pathf(path, sizeof(path), "%s/etag", state) == 0)
            fsutil_write_atomic(path, line, strlen(line), 0644); /* only saves a download next time */
    }
    prune(state, m->version, prev, c->keep, c->n_keep, 1);
    if (memo)
        memo->rejected_etag[0] = '\0';
    *out = content;
    content = NULL;
    r = UPDATER_OK;
    goto done;

reject:
    if (memo && permanent(r) && etag[0]) {
        snprintf(memo->rejected_etag, sizeof(memo->rejected_etag), "%s", etag);
        memo->rejected_reason = r;
        snprintf(memo->rejected_detail, sizeof(memo->rejected_detail), "%s", res->detail);
    }
done:
    if (r != UPDATER_OK && r != UPDATER_STOPPED && lockfd >= 0)
        prune(state, cur, prev, c->keep, c->n_keep, 0); /* drop what this cycle left behind */
    content_free(content);
    manifest_free(m);
    free(mtext);
    free(etagtext);
    if (lockfd >= 0)
        close(lockfd); /* releases the lock */
    res->reason = r;
    return r;
}

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static void curl_init_once(void)
{
    curl_global_init(CURL_GLOBAL_DEFAULT);
}

/* Set up and run one cycle; the shared part of run_once and the thread. */
static updater_reason cycle_once(const updater_config *cfg, volatile int *stop, struct memo *memo,
                                 const uint64_t *keep, size_t n_keep, updater_result *res, kcontent **out)
{
    struct cycle c = {.cfg = cfg, .stop = stop, .res = res, .keep = keep, .n_keep = n_keep};
    char err[256];
    memset(res, 0, sizeof(*res));
    *out = NULL;
    pthread_once(&curl_once, curl_init_once);
    if (load_public_key(cfg->public_key_file, c.pk, err, sizeof(err)) != 0) {
        set_detail(res, "%s", err);
        res->reason = UPDATER_LOCAL_ERROR;
        return res->reason;
    }
    if (channel_urls(cfg->channel_url, c.base, sizeof(c.base), c.objects_url, sizeof(c.objects_url)) != 0) {
        set_detail(res, "bad channel URL '%s'", cfg->channel_url ? cfg->channel_url : "");
        res->reason = UPDATER_LOCAL_ERROR;
        return res->reason;
    }
    if (setup_curl(&c) != 0) {
        set_detail(res, "cannot initialise libcurl");
        res->reason = UPDATER_LOCAL_ERROR;
        return res->reason;
    }
    updater_reason r = run_cycle(&c, memo, out);
    curl_easy_cleanup(c.curl);
    if (r == UPDATER_OK) {
        if (res->updated)
            log_info(LOG, "updated to version %" PRIu64 " (%lu objects, %llu bytes, %lu requests)",
                     res->version, res->objects, res->bytes, res->requests);
    } else if (r != UPDATER_STOPPED) {
        log_warn(LOG, "update failed, reason=%s: %s; still showing version %" PRIu64, updater_reason_name(r),
                 res->detail, res->version);
    }
    return r;
}

int updater_run_once(const updater_config *cfg, updater_result *res)
{
    kcontent *c = NULL;
    updater_reason r = cycle_once(cfg, NULL, NULL, NULL, 0, res, &c);
    content_free(c);
    return r == UPDATER_OK ? 0 : -1;
}

/* --- the polling thread ------------------------------------------------------------ */

/* The metrics' fixed set of reasons is coarser than ours. */
static health_fail_reason health_reason(updater_reason r)
{
    switch (r) {
    case UPDATER_SERVER_DOWN:
    case UPDATER_NETWORK: return HEALTH_FAIL_NETWORK;
    case UPDATER_NOT_FOUND: return HEALTH_FAIL_HTTP_404;
    case UPDATER_SERVER_ERROR: return HEALTH_FAIL_HTTP_5XX;
    case UPDATER_TIMEOUT: return HEALTH_FAIL_TIMEOUT;
    case UPDATER_TOO_SLOW: return HEALTH_FAIL_TOO_SLOW;
    case UPDATER_TRUNCATED: return HEALTH_FAIL_TRUNCATED;
    case UPDATER_HASH_MISMATCH: return HEALTH_FAIL_HASH;
    case UPDATER_SIG_MISSING:
    case UPDATER_SIG_BAD: return HEALTH_FAIL_SIGNATURE;
    case UPDATER_WRONG_KEY: return HEALTH_FAIL_WRONG_KEY;
    case UPDATER_BAD_PATH: return HEALTH_FAIL_BAD_PATH;
    case UPDATER_OVERSIZE: return HEALTH_FAIL_TOO_LARGE;
    case UPDATER_DOWNGRADE: return HEALTH_FAIL_DOWNGRADE;
    case UPDATER_INVALID_CONTENT: return HEALTH_FAIL_INVALID_CONTENT;
    case UPDATER_DISK_FULL: return HEALTH_FAIL_DISK_FULL;
    default: return HEALTH_FAIL_OTHER;
    }
}

#define TAKEN_KEPT 4
#define TAKEN_KEEP_S 600

struct updater {
    updater_config cfg;
    char *url, *key, *state, *pin, *ca; /* owned copies of cfg's strings */
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    volatile int stop;
    kcontent *pending;   /* validated, not yet taken */
    uint64_t pending_version;
    /* Versions handed to the UI, newest at n_taken - 1 (mod TAKEN_KEPT). The
     * app shows a generation it took only at the next scene boundary and
     * may drop one unseen for a newer one, so the tree on screen can be
     * any recent hand-over, or the one it started with: none of them is
     * pruned while recent. */
    uint64_t taken[TAKEN_KEPT];
    time_t taken_at[TAKEN_KEPT];
    size_t n_taken;
    updater_stats stats;
};

/* Uniformly random in [lo, hi] milliseconds. */
static unsigned long jitter_ms(unsigned long lo, unsigned long hi)
{
    if (hi <= lo)
        return lo;
    unsigned long span = hi - lo;
    if (span > UINT32_MAX - 1)
        span = UINT32_MAX - 1;
    return lo + randombytes_uniform((uint32_t)span + 1);
}

/* Wait up to ms or until stopped. Returns 1 when stopped. */
static int wait_ms(updater *u, unsigned long ms)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    ts.tv_sec += (time_t)(ms / 1000);
    ts.tv_nsec += (long)(ms % 1000) * 1000000L;
    if (ts.tv_nsec >= 1000000000L) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000L;
    }
    pthread_mutex_lock(&u->mu);
    while (!u->stop && pthread_cond_timedwait(&u->cv, &u->mu, &ts) == 0) {
    }
    int stopped = u->stop;
    pthread_mutex_unlock(&u->mu);
    return stopped;
}

static void *thread_main(void *arg)
{
    updater *u = arg;
    struct memo memo;
    memset(&memo, 0, sizeof(memo));
    unsigned failures = 0;
    unsigned long interval_ms = (unsigned long)u->cfg.interval_s * 1000ul;
    /* A power cut switches a whole town hall on again at once: spread the
     * first polls. */
    unsigned long delay = jitter_ms(0, interval_ms < 30000 ? interval_ms : 30000);
    while (!wait_ms(u, delay)) {
        pthread_mutex_lock(&u->mu);
        uint64_t keep[TAKEN_KEPT];
        size_t n_keep = 0;
        time_t now = time(NULL);
        for (size_t i = 0; i < TAKEN_KEPT; i++) {
            /* the last two hand-overs always; older ones while recent */
            size_t k = (u->n_taken + TAKEN_KEPT - 1 - i) % TAKEN_KEPT;
            if (u->taken[k] && (i < 2 || now - u->taken_at[k] < TAKEN_KEEP_S))
                keep[n_keep++] = u->taken[k];
        }
        pthread_mutex_unlock(&u->mu);
        updater_result res;
        kcontent *fresh = NULL;
        health_update_attempt(time(NULL));
        updater_reason r = cycle_once(&u->cfg, &u->stop, &memo, keep, n_keep, &res, &fresh);
        if (r == UPDATER_OK)
            health_update_succeeded(time(NULL), res.updated);
        else if (r != UPDATER_STOPPED)
            health_update_failed(health_reason(r));
        pthread_mutex_lock(&u->mu);
        u->stats.cycles++;
        u->stats.requests += res.requests;
        u->stats.objects += res.objects;
        u->stats.bytes += res.bytes;
        u->stats.last_reason = r;
        if (res.version)
            u->stats.version = res.version;
        if (r == UPDATER_OK) {
            u->stats.last_success = (long long)time(NULL);
            if (res.requests == 1 && !res.updated && res.bytes == 0)
                u->stats.not_modified++;
        } else if (r != UPDATER_STOPPED) {
            u->stats.failures[r]++;
        }
        if (fresh) {
            u->stats.updates++;
            content_free(u->pending); /* superseded before the UI took it */
            u->pending = fresh;
            u->pending_version = res.version;
        }
        pthread_mutex_unlock(&u->mu);
        if (r == UPDATER_STOPPED)
            break;
        if (r == UPDATER_OK) {
            failures = 0;
            delay = jitter_ms(interval_ms - interval_ms / 10, interval_ms + interval_ms / 10);
        } else {
            /* exponential backoff with jitter, capped at the poll interval */
            unsigned long base = (unsigned long)u->cfg.retry_min_s * 1000ul;
            for (unsigned i = 0; i < failures && base < interval_ms; i++)
                base *= 2;
            if (base > interval_ms)
                base = interval_ms;
            failures++;
            delay = jitter_ms(base / 2, base);
        }
    }
    return NULL;
}

static char *dup_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}

updater *updater_start(const updater_config *cfg)
{
    char err[256];
    if (updater_config_check(cfg, err, sizeof(err)) != 0) {
        log_error(LOG, "not started: %s", err);
        return NULL;
    }
    updater *u = calloc(1, sizeof(*u));
    if (!u)
        return NULL;
    u->cfg = *cfg;
    u->url = dup_or_null(cfg->channel_url);
    u->key = dup_or_null(cfg->public_key_file);
    u->state = dup_or_null(cfg->state_dir);
    u->pin = dup_or_null(cfg->pinned_public_key);
    u->ca = dup_or_null(cfg->ca_file);
    u->cfg.channel_url = u->url;
    u->cfg.public_key_file = u->key;
    u->cfg.state_dir = u->state;
    u->cfg.pinned_public_key = u->pin;
    u->cfg.ca_file = u->ca;
    u->taken[0] = link_version(cfg->state_dir, "current"); /* what main() loaded */
    u->taken_at[0] = time(NULL);
    u->n_taken = 1;
    u->stats.version = u->taken[0];
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_mutex_init(&u->mu, NULL);
    pthread_cond_init(&u->cv, &ca);
    pthread_condattr_destroy(&ca);
    pthread_once(&curl_once, curl_init_once);
    if (!u->url || !u->key || !u->state || (cfg->pinned_public_key && !u->pin) || (cfg->ca_file && !u->ca) ||
        pthread_create(&u->thread, NULL, thread_main, u) != 0) {
        log_error(LOG, "not started: out of resources");
        pthread_mutex_destroy(&u->mu);
        pthread_cond_destroy(&u->cv);
        free(u->url), free(u->key), free(u->state), free(u->pin), free(u->ca);
        free(u);
        return NULL;
    }
    log_info(LOG, "polling %s every %u s", u->url, u->cfg.interval_s);
    return u;
}

void updater_stop(updater *u)
{
    if (!u)
        return;
    pthread_mutex_lock(&u->mu);
    __atomic_store_n(&u->stop, 1, __ATOMIC_RELAXED);
    pthread_cond_broadcast(&u->cv);
    pthread_mutex_unlock(&u->mu);
    pthread_join(u->thread, NULL);
    content_free(u->pending);
    pthread_mutex_destroy(&u->mu);
    pthread_cond_destroy(&u->cv);
    free(u->url), free(u->key), free(u->state), free(u->pin), free(u->ca);
    free(u);
}

kcontent *updater_take(updater *u)
{
    if (!u)
        return NULL;
    pthread_mutex_lock(&u->mu);
    kcontent *c = u->pending;
    uint64_t version = u->pending_version;
    if (c) {
        u->pending = NULL;
        u->taken[u->n_taken % TAKEN_KEPT] = version;
        u->taken_at[u->n_taken % TAKEN_KEPT] = time(NULL);
        u->n_taken++;
    }
    pthread_mutex_unlock(&u->mu);
    if (c) {
        /* the version is the publish time in ms (kiosk-publish), close enough
         * for "how old is what the screen shows" */
        char v[32];
        snprintf(v, sizeof(v), "%" PRIu64, version);
        health_content_shown(v, (time_t)(version / 1000), time(NULL));
    }
    return c;
}

kcontent *updater_poll(void *ctx)
{
    return updater_take(ctx);
}

void updater_get_stats(updater *u, updater_stats *out)
{
    pthread_mutex_lock(&u->mu);
    *out = u->stats;
    pthread_mutex_unlock(&u->mu);
}
