#include "updater.h"

#include <inttypes.h>
#include <pthread.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fetch.h"
#include "health.h"
#include "http.h"
#include "klimits.h"
#include "log.h"
#include "logsafe.h"
#include "manifest.h"
#include "store.h"
#include "trust.h"

#define LOG "updater"

void updater_config_defaults(updater_config *c)
{
    memset(c, 0, sizeof(*c));
    c->interval_s = 300;
    c->retry_min_s = 10;
    c->connect_timeout_s = 10;
    c->timeout_s = 120;
    c->cycle_timeout_s = 300;
    c->low_speed_bytes = 256;
    c->low_speed_time_s = 30;
}

void updater_set_detail(updater_result *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->detail, sizeof(r->detail), fmt, ap);
    va_end(ap);
}

int updater_config_check(const updater_config *c, char *err, size_t errsize)
{
    char base[FETCH_URL_MAX], objects[FETCH_URL_MAX];
    unsigned char pk[MANIFEST_PK_BYTES];
    if (fetch_channel_urls(c->channel_url, base, sizeof(base), objects, sizeof(objects)) != 0) {
        char where[FETCH_URL_MAX];
        logsafe_url(where, sizeof(where), c->channel_url ? c->channel_url : "");
        snprintf(err, errsize, "channel URL '%s': expected http(s)://host/path/CHANNEL/", where);
        return -1;
    }
    if (fetch_channel_name(c, base, sizeof(base), err, errsize) != 0)
        return -1;
    if (!c->state_dir || !*c->state_dir) {
        snprintf(err, errsize, "no state directory configured");
        return -1;
    }
    if (c->interval_s < 1 || c->timeout_s < 1 || c->connect_timeout_s < 1 || c->cycle_timeout_s < 1) {
        snprintf(err, errsize, "intervals and timeouts must be at least 1 second");
        return -1;
    }
    if (c->public_key_file && c->root_key_file) {
        /* which one would count is a question with no safe answer */
        snprintf(err, errsize, "both public_key and root_key are set: a kiosk that pins the root key "
                               "takes its publishing keys from keys.list only; remove public_key");
        return -1;
    }
    return fetch_load_public_key(c->root_key_file ? c->root_key_file : c->public_key_file, pk, err, errsize);
}

/* --- the polling thread's state, and the generations alive ------------------ */

/* A generation handed to the UI (or adopted) and not yet released: its
 * tree stays on disk. */
struct hold {
    generation *g;
    uint64_t version;
    struct hold *next;
};

struct updater {
    updater_config cfg;
    char *url, *key, *root, *state, *pin, *ca, *name; /* owned copies of cfg's strings */
    pthread_t thread;
    pthread_mutex_t mu;                 /* guards everything below */
    pthread_cond_t cv;
    volatile int stop;
    generation *pending;                /* validated, not yet taken */
    struct hold *holds;
    manifest_notice *notice;            /* a notice change not yet taken */
    int notice_changed;
    updater_stats stats;
};

/* The versions of the generations alive, malloc'd (NULL when none). 0, or
 * -1 when out of memory. */
static int live_versions(updater *u, uint64_t **out, size_t *n)
{
    pthread_mutex_lock(&u->mu);
    size_t count = 0;
    for (const struct hold *h = u->holds; h; h = h->next)
        count++;
    uint64_t *v = count ? malloc(count * sizeof(*v)) : NULL;
    if (v)
        for (const struct hold *h = u->holds; h; h = h->next)
            v[(*n)++] = h->version;
    pthread_mutex_unlock(&u->mu);
    *out = v;
    return count && !v ? -1 : 0;
}

/* generation_release() of a generation we hold: its tree may go. */
static void on_release(void *ctx, const generation *g)
{
    updater *u = ctx;
    pthread_mutex_lock(&u->mu);
    for (struct hold **p = &u->holds; *p; p = &(*p)->next)
        if ((*p)->g == g) {
            struct hold *h = *p;
            *p = h->next;
            free(h);
            break;
        }
    pthread_mutex_unlock(&u->mu);
}

/* Keep g's tree until g is released. Called with u->mu held. */
static void hold_locked(updater *u, generation *g)
{
    struct hold *h = malloc(sizeof(*h));
    if (!h) {
        log_warn(LOG, "out of memory: version %" PRIu64 " may be pruned while shown", g->version);
        return;
    }
    *h = (struct hold){.g = g, .version = g->version, .next = u->holds};
    u->holds = h;
    g->on_release = on_release;
    g->release_ctx = u;
}

/* A newer manifest's notice, for updater_take_notice(). */
static void publish_notice(updater *u, const manifest_notice *n)
{
    manifest_notice *copy = manifest_notice_dup(n);
    if (n && !copy) {
        log_warn(LOG, "out of memory: the new notice shows after a restart");
        return;
    }
    pthread_mutex_lock(&u->mu);
    manifest_notice_free(u->notice);
    u->notice = copy;
    u->notice_changed = 1;
    pthread_mutex_unlock(&u->mu);
}

/* --- one cycle ------------------------------------------------------------------ */

struct memo { /* what a polling thread remembers between cycles */
    char rejected_etag[KIOSK_MAX_ETAG];
    update_reason rejected_reason;
    char rejected_detail[sizeof(((updater_result *)0)->detail)];
    char keys_etag[KIOSK_MAX_ETAG]; /* of the key list accepted last (root key) */
};

/* One cycle's state, passed from step to step. */
struct cycle {
    const updater_config *cfg;
    updater_result *res;
    struct memo *memo;    /* NULL for --update-once */
    updater *u;           /* the polling thread's, or NULL for --update-once */
    store st;
    fetch f;
    char *mtext;          /* the verified manifest's text; NULL: unchanged */
    size_t mlen;
    char etag[KIOSK_MAX_ETAG];
    manifest *m;
    keylist *keys;        /* root key: the key list manifests are checked against */
    kcontent *content;    /* the new tree, loaded */
};

/* Remove what no link and no live generation needs any more (store_prune);
 * with objects, unreferenced objects too. */
static void prune(const struct cycle *c, int objects)
{
    uint64_t *keep = NULL;
    size_t n_keep = 0;
    if (c->u && live_versions(c->u, &keep, &n_keep) != 0)
        return; /* out of memory: keeping everything is safe */
    store_prune(&c->st, c->st.cur, c->st.prev, keep, n_keep, objects);
    free(keep);
}

/* A manifest refused for what it says (not for how it travelled) stays
 * refused until the channel changes. */
static int permanent(update_reason r)
{
    return r == UPDATE_BAD_MANIFEST || r == UPDATE_BAD_PATH || r == UPDATE_TOO_LARGE || r == UPDATE_DOWNGRADE ||
           r == UPDATE_INVALID_CONTENT || r == UPDATE_WRONG_KEY || r == UPDATE_WRONG_CHANNEL || r == UPDATE_EXPIRED;
}

/* Remember a refused manifest's ETag so the next polls cost a 304 instead
 * of the whole manifest again. Returns r. */
static update_reason reject(struct cycle *c, update_reason r)
{
    if (c->memo && permanent(r) && c->etag[0]) {
        snprintf(c->memo->rejected_etag, sizeof(c->memo->rejected_etag), "%s", c->etag);
        c->memo->rejected_reason = r;
        snprintf(c->memo->rejected_detail, sizeof(c->memo->rejected_detail), "%s", c->res->detail);
    }
    return r;
}

/* Step 1: the signed manifest, unless the channel is unchanged since the
 * current version (its stored ETag) or since a manifest this thread
 * refused. c->mtext stays NULL then. */
static update_reason step_manifest(struct cycle *c)
{
    char inm[KIOSK_MAX_ETAG] = "";
    struct memo *memo = c->memo;
    if (memo && memo->rejected_etag[0])
        snprintf(inm, sizeof(inm), "%s", memo->rejected_etag);
    else
        store_etag(&c->st, c->f.base, inm, sizeof(inm));
    update_reason r = fetch_manifest(&c->f, inm, &c->mtext, &c->mlen);
    if (r != UPDATE_OK || c->mtext)
        return r;
    if (memo && memo->rejected_etag[0]) {
        updater_set_detail(c->res, "%s (channel unchanged since)", memo->rejected_detail);
        return memo->rejected_reason;
    }
    log_debug(LOG, "channel unchanged (version %" PRIu64 ")", c->st.cur);
    return UPDATE_OK;
}

/* Step 2: what the manifest says — valid, and newer than what is shown.
 * *same: it is the current version (nothing to do). */
static update_reason step_check(struct cycle *c, int *same)
{
    char err[256];
    *same = 0;
    snprintf(c->etag, sizeof(c->etag), "%s", c->f.etag);
    manifest_error me = manifest_parse(c->mtext, c->mlen, &c->m, err, sizeof(err));
    if (me != MANIFEST_OK) {
        updater_set_detail(c->res, "manifest: %s", err);
        return reject(c, me == MANIFEST_E_PATH    ? UPDATE_BAD_PATH
                         : me == MANIFEST_E_LIMIT ? UPDATE_TOO_LARGE
                         : me == MANIFEST_E_NOMEM ? UPDATE_LOCAL_ERROR
                                                  : UPDATE_BAD_MANIFEST);
    }
    /* Before the version: another channel's manifest must not pass for a
     * newer (or an older) version of this one. */
    if (strcmp(c->m->channel, c->f.channel) != 0) {
        updater_set_detail(c->res, "manifest of channel '%s', this kiosk's channel is '%s'", c->m->channel,
                           c->f.channel);
        return reject(c, UPDATE_WRONG_CHANNEL);
    }
    uint64_t cur = c->st.cur;
    if (c->m->version < cur) {
        updater_set_detail(c->res, "manifest version %" PRIu64 " is older than the shown %" PRIu64,
                           c->m->version, cur);
        return reject(c, UPDATE_DOWNGRADE);
    }
    /* a newer manifest past its expiry is stale, whatever its version: a
     * server (or a man in the middle) offering only that is refused */
    int64_t now = (int64_t)time(NULL);
    if (c->m->version > cur && c->m->expires && c->m->expires <= now) {
        char t[40];
        manifest_time_format(c->m->expires, t, sizeof(t));
        updater_set_detail(c->res, "manifest version %" PRIu64 " expired at %s (kiosk-publish refresh renews it)",
                           c->m->version, t);
        return reject(c, UPDATE_EXPIRED);
    }
    /* the record outlives the trees: a replayed manifest stays refused on
     * a kiosk whose trees were removed (the same version installs again) */
    if (c->m->version < c->st.highest) {
        updater_set_detail(c->res, "manifest version %" PRIu64 " is older than %" PRIu64 ", the highest installed",
                           c->m->version, c->st.highest);
        return reject(c, UPDATE_DOWNGRADE);
    }
    if (c->m->version == cur) {
        /* same manifest, new ETag (e.g. the server copied the files again) */
        store_save_etag(&c->st, cur, c->f.base, c->etag);
        *same = 1;
    }
    return UPDATE_OK;
}

/* Step 3: the notice at once, then every object not in the cache. */
static update_reason step_objects(struct cycle *c)
{
    const manifest *m = c->m;
    store_save_notice(&c->st, m->notice);
    if (c->u)
        publish_notice(c->u, m->notice);
    unsigned char *missing = calloc(m->n_files ? m->n_files : 1, 1);
    if (!missing) {
        updater_set_detail(c->res, "out of memory");
        return UPDATE_LOCAL_ERROR;
    }
    update_reason r = store_missing(&c->st, m, missing, c->res);
    for (size_t i = 0; r == UPDATE_OK && i < m->n_files; i++) {
        if (!missing[i])
            continue;
        char tmp[FSUTIL_PATH_MAX];
        int fd = store_object_create(&c->st, m->files[i].sha256, tmp, sizeof(tmp), c->res, &r);
        if (fd >= 0)
            r = store_object_finish(&c->st, fd, tmp, m->files[i].sha256, fetch_object(&c->f, &m->files[i], fd),
                                    c->res);
    }
    free(missing);
    return r == UPDATE_OK ? store_sync(&c->st, c->res) : r;
}

/* Step 4: the tree, built and loaded with the UI's own loader. */
static update_reason step_tree(struct cycle *c)
{
    char tree[FSUTIL_PATH_MAX];
    update_reason r = store_build_tree(&c->st, c->m, tree, sizeof(tree), c->res);
    if (r != UPDATE_OK)
        return r;
    diag_list d;
    diag_init(&d);
    c->content = content_load(tree, &d);
    if (!c->content) {
        char first[256] = "";
        for (size_t i = 0; i < d.n && i < 5; i++) {
            char line[512];
            diag_format(&d.items[i], line, sizeof(line));
            log_warn(LOG, "new content: %s", line);
            if (i == 0)
                snprintf(first, sizeof(first), "%.200s", line);
        }
        updater_set_detail(c->res, "version %" PRIu64 " does not load (%zu errors): %s", c->m->version,
                           d.errors, first);
        store_drop_tree(&c->st, c->m->version);
        r = reject(c, UPDATE_INVALID_CONTENT);
    }
    diag_free(&d);
    return r;
}

/* Step 5: the swap, then what no link needs any more goes. */
static update_reason step_swap(struct cycle *c)
{
    update_reason r = store_swap(&c->st, c->m, c->res);
    if (r != UPDATE_OK)
        return r;
    c->res->updated = 1;
    c->res->version = c->m->version;
    store_save_etag(&c->st, c->m->version, c->f.base, c->etag);
    prune(c, 1);
    if (c->memo)
        c->memo->rejected_etag[0] = '\0';
    return UPDATE_OK;
}

/* Step 0, with a root key: the key list (trust.h). */
static update_reason step_keys(struct cycle *c)
{
    char none[KIOSK_MAX_ETAG] = "";
    char *etag = c->memo ? c->memo->keys_etag : none;
    update_reason r = trust_keys(&c->st, &c->f, etag, KIOSK_MAX_ETAG, c->res, &c->keys);
    c->f.keys = c->keys;
    if (c->keys)
        c->res->keys_version = c->keys->version;
    return r;
}

static update_reason run_steps(struct cycle *c)
{
    int same = 0;
    update_reason r = store_open(&c->st, c->cfg->state_dir, c->res);
    if (r == UPDATE_OK && c->f.rooted)
        r = step_keys(c);
    if (r == UPDATE_OK)
        r = step_manifest(c);
    if (r != UPDATE_OK || !c->mtext)
        return r;
    r = step_check(c, &same);
    if (r != UPDATE_OK || same)
        return r;
    r = step_objects(c);
    if (r == UPDATE_OK)
        r = step_tree(c);
    if (r == UPDATE_OK)
        r = step_swap(c);
    return r;
}

static pthread_once_t http_once = PTHREAD_ONCE_INIT;
static void http_init_once(void)
{
    http_global_init(); /* a failure shows as the client's, in the cycle's detail */
}

/* The generation of a cycle that swapped in new content: the content, the
 * manifest's notice, its version. NULL when there is none. */
static generation *new_generation(struct cycle *c)
{
    if (!c->content)
        return NULL;
    manifest_notice *n = c->m->notice;
    c->m->notice = NULL; /* the generation owns it now */
    generation *g = generation_new(c->content, n, c->m->version);
    c->content = NULL;
    if (!g)
        log_warn(LOG, "out of memory: version %" PRIu64 " shows after a restart", c->res->version);
    return g;
}

/* A shown content whose manifest expired stays on screen, but says so:
 * in the log each cycle, and in the metrics (record_cycle). */
static void report_expiry(updater_result *res)
{
    char t[40];
    res->expired = res->expiry_known && res->expires && res->expires <= (int64_t)time(NULL);
    if (!res->expired) {
        res->expired = res->keys_expired; /* logged by trust_keys */
        return;
    }
    manifest_time_format(res->expires, t, sizeof(t));
    log_warn(LOG, "the content shown (version %" PRIu64 ") comes from a manifest that expired at %s: "
                  "the channel is not refreshed (kiosk-publish refresh)", res->version, t);
}

/* Set up and run one cycle; the shared part of run_once and the thread.
 * *out: the new generation when the cycle swapped one in. */
static update_reason cycle_once(const updater_config *cfg, volatile int *stop, struct memo *memo, updater *u,
                                updater_result *res, generation **out)
{
    struct cycle c = {.cfg = cfg, .res = res, .memo = memo, .u = u};
    store_init(&c.st);
    memset(res, 0, sizeof(*res));
    *out = NULL;
    pthread_once(&http_once, http_init_once);
    update_reason r = fetch_open(&c.f, cfg, stop, res);
    if (r == UPDATE_OK) {
        r = run_steps(&c);
        if (r != UPDATE_OK && r != UPDATE_STOPPED && c.st.lockfd >= 0)
            prune(&c, 0); /* drop what this cycle left behind */
    }
    if (r == UPDATE_OK)
        *out = new_generation(&c);
    fetch_close(&c.f);
    store_close(&c.st);
    content_free(c.content);
    keylist_free(c.keys);
    manifest_free(c.m);
    free(c.mtext);
    res->reason = r;
    report_expiry(res);
    if (r == UPDATE_OK) {
        if (res->updated)
            log_info(LOG, "updated to version %" PRIu64 " (%lu objects, %llu bytes, %lu requests)",
                     res->version, res->objects, res->bytes, res->requests);
    } else if (r != UPDATE_STOPPED) {
        log_warn(LOG, "update failed, reason=%s: %s; still showing version %" PRIu64, update_reason_name(r),
                 res->detail, res->version);
    }
    return r;
}

int updater_run_once(const updater_config *cfg, updater_result *res)
{
    generation *g = NULL;
    update_reason r = cycle_once(cfg, NULL, NULL, NULL, res, &g);
    generation_release(g);
    return r == UPDATE_OK ? 0 : -1;
}

/* --- the polling thread ------------------------------------------------------------ */

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

/* Count a cycle's outcome; a new generation waits for updater_take(). */
static void record_cycle(updater *u, update_reason r, const updater_result *res, generation *fresh)
{
    generation *dropped = NULL;
    if (r == UPDATE_OK)
        health_update_succeeded(time(NULL), res->updated);
    else if (r != UPDATE_STOPPED)
        health_update_failed(r);
    if (res->expiry_known || res->keys_expired)
        health_set_update_expired(res->expired);
    if (res->keys_version)
        health_set_keys_version(res->keys_version);
    pthread_mutex_lock(&u->mu);
    u->stats.cycles++;
    u->stats.requests += res->requests;
    u->stats.objects += res->objects;
    u->stats.bytes += res->bytes;
    u->stats.last_reason = r;
    if (res->version)
        u->stats.version = res->version;
    if (r == UPDATE_OK) {
        u->stats.last_success = (long long)time(NULL);
        if (res->requests == 1 && !res->updated && res->bytes == 0)
            u->stats.not_modified++;
    } else if (r != UPDATE_STOPPED) {
        u->stats.failures[r]++;
    }
    if (fresh) {
        u->stats.updates++;
        dropped = u->pending; /* superseded before the UI took it */
        u->pending = fresh;
        hold_locked(u, fresh);
    }
    pthread_mutex_unlock(&u->mu);
    generation_release(dropped); /* its release callback takes the lock */
}

/* The wait before the next cycle: the interval ±10 % after a good one,
 * else exponential backoff with jitter, capped at the interval. */
static unsigned long next_delay(const updater *u, update_reason r, unsigned *failures)
{
    unsigned long interval_ms = (unsigned long)u->cfg.interval_s * 1000ul;
    if (r == UPDATE_OK) {
        *failures = 0;
        return jitter_ms(interval_ms - interval_ms / 10, interval_ms + interval_ms / 10);
    }
    unsigned long base = (unsigned long)u->cfg.retry_min_s * 1000ul;
    for (unsigned i = 0; i < *failures && base < interval_ms; i++)
        base *= 2;
    if (base > interval_ms)
        base = interval_ms;
    (*failures)++;
    return jitter_ms(base / 2, base);
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
        updater_result res;
        generation *fresh = NULL;
        health_update_attempt(time(NULL));
        update_reason r = cycle_once(&u->cfg, &u->stop, &memo, u, &res, &fresh);
        record_cycle(u, r, &res, fresh);
        if (r == UPDATE_STOPPED)
            break;
        delay = next_delay(u, r, &failures);
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
    u->root = dup_or_null(cfg->root_key_file);
    u->state = dup_or_null(cfg->state_dir);
    u->pin = dup_or_null(cfg->pinned_public_key);
    u->ca = dup_or_null(cfg->ca_file);
    u->name = dup_or_null(cfg->channel_name);
    u->cfg.channel_url = u->url;
    u->cfg.public_key_file = u->key;
    u->cfg.root_key_file = u->root;
    u->cfg.state_dir = u->state;
    u->cfg.pinned_public_key = u->pin;
    u->cfg.ca_file = u->ca;
    u->cfg.channel_name = u->name;
    u->stats.version = store_link_version(cfg->state_dir, "current");
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_mutex_init(&u->mu, NULL);
    pthread_cond_init(&u->cv, &ca);
    pthread_condattr_destroy(&ca);
    pthread_once(&http_once, http_init_once);
    if (!u->url || (cfg->public_key_file && !u->key) || (cfg->root_key_file && !u->root) || !u->state ||
        (cfg->pinned_public_key && !u->pin) || (cfg->ca_file && !u->ca) ||
        (cfg->channel_name && !u->name) ||
        pthread_create(&u->thread, NULL, thread_main, u) != 0) {
        log_error(LOG, "not started: out of resources");
        pthread_mutex_destroy(&u->mu);
        pthread_cond_destroy(&u->cv);
        free(u->url), free(u->key), free(u->root), free(u->state), free(u->pin), free(u->ca), free(u->name);
        free(u);
        return NULL;
    }
    char where[FETCH_URL_MAX];
    logsafe_url(where, sizeof(where), u->url);
    log_info(LOG, "polling %s every %u s", where, u->cfg.interval_s);
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
    generation_release(u->pending); /* nobody took it */
    /* generations still alive outlive us: they no longer report back */
    while (u->holds) {
        struct hold *h = u->holds;
        u->holds = h->next;
        h->g->on_release = NULL;
        h->g->release_ctx = NULL;
        free(h);
    }
    manifest_notice_free(u->notice);
    pthread_mutex_destroy(&u->mu);
    pthread_cond_destroy(&u->cv);
    free(u->url), free(u->key), free(u->root), free(u->state), free(u->pin), free(u->ca), free(u->name);
    free(u);
}

generation *updater_take(updater *u)
{
    if (!u)
        return NULL;
    pthread_mutex_lock(&u->mu);
    generation *g = u->pending;
    u->pending = NULL;
    pthread_mutex_unlock(&u->mu);
    if (g) {
        /* the version is the publish time in ms (kiosk-publish), close enough
         * for "how old is what the screen shows" */
        char v[32];
        snprintf(v, sizeof(v), "%" PRIu64, g->version);
        health_content_shown(v, (time_t)(g->version / 1000), time(NULL));
    }
    return g;
}

generation *updater_poll(void *ctx)
{
    return updater_take(ctx);
}

void updater_adopt(updater *u, generation *g)
{
    if (!u || !g || !g->version)
        return;
    pthread_mutex_lock(&u->mu);
    hold_locked(u, g);
    pthread_mutex_unlock(&u->mu);
}

int updater_take_notice(updater *u, manifest_notice **out)
{
    if (!u)
        return 0;
    pthread_mutex_lock(&u->mu);
    int changed = u->notice_changed;
    if (changed) {
        *out = u->notice;
        u->notice = NULL;
        u->notice_changed = 0;
    }
    pthread_mutex_unlock(&u->mu);
    return changed;
}

int updater_poll_notice(void *ctx, manifest_notice **out)
{
    return updater_take_notice(ctx, out);
}

void updater_get_stats(updater *u, updater_stats *out)
{
    pthread_mutex_lock(&u->mu);
    *out = u->stats;
    pthread_mutex_unlock(&u->mu);
}
