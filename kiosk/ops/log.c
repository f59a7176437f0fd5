/* log.c — see log.h. */
#include "log.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "logsafe.h"

#define LOG_BURST 20
#define LOG_SLOTS 16

/* One token bucket per component name. */
struct bucket {
    char component[24];
    double tokens;
    time_t last;
    unsigned long dropped;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static log_level min_level = LOG_INFO;
static struct bucket buckets[LOG_SLOTS];
static unsigned long total_dropped;


void log_set_level(log_level min)
{
    min_level = min;
}

static struct bucket *bucket_for(const char *component, time_t now)
{
    struct bucket *free_slot = NULL;
    for (int i = 0; i < LOG_SLOTS; i++) {
        if (buckets[i].component[0] == '\0') {
            if (!free_slot)
                free_slot = &buckets[i];
        } else if (strncmp(buckets[i].component, component, sizeof(buckets[i].component) - 1) == 0) {
            return &buckets[i];
        }
    }
    if (!free_slot)
        free_slot = &buckets[LOG_SLOTS - 1]; /* too many components: share one */
    snprintf(free_slot->component, sizeof(free_slot->component), "%s", component);
    free_slot->tokens = LOG_BURST;
    free_slot->last = now;
    return free_slot;
}

void log_msg(log_level level, const char *component, const char *fmt, ...)
{
    if (level < min_level)
        return;
    time_t now = time(NULL);
    pthread_mutex_lock(&lock);
    struct bucket *b = bucket_for(component, now);
    b->tokens += (double)(now - b->last);
    if (b->tokens > LOG_BURST)
        b->tokens = LOG_BURST;
    b->last = now;
    if (b->tokens < 1.0) {
        b->dropped++;
        total_dropped++;
        pthread_mutex_unlock(&lock);
        return;
    }
    b->tokens -= 1.0;
    unsigned long dropped = b->dropped;
    b->dropped = 0;

    char raw[1024], msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(raw, sizeof(raw), fmt, ap);
    va_end(ap);
    /* one line per call, whatever a server or a file put into the message */
    logsafe_text(msg, sizeof(msg), raw);
    struct tm tm;
    gmtime_r(&now, &tm);
    char ts[32];
    strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%SZ", &tm);
    if (dropped)
        fprintf(stderr, "%s %s %s: %s (%lu earlier lines suppressed)\n", ts, log_level_name(level),
                component, msg, dropped);
    else
        fprintf(stderr, "%s %s %s: %s\n", ts, log_level_name(level), component, msg);
    pthread_mutex_unlock(&lock);
}

unsigned long log_dropped(void)
{
    pthread_mutex_lock(&lock);
    unsigned long n = total_dropped;
    pthread_mutex_unlock(&lock);
    return n;
}
