/* helper_updater — runs the updater's polling thread the way the UI does,
 * for tests/it/it_update.sh: updater_start(), then updater_poll() about every
 * 50 ms (the app polls once a second; faster here to keep the test short),
 * updater_stop() after SECONDS or, with --until-update, after the first new
 * generation; notice changes with updater_poll_notice() meanwhile. Prints
 * what it took and the counters:
 *
 *   took <version> <root> <n_domains>
 *   generation notice <starts> <ends>   (the generation carries a notice)
 *   notice <starts> <ends> | notice none (a notice change, taken)
 *   cycles=N updates=N not_modified=N failures=N <reason>=N ... version=N
 *   health attempts=N applied=N failures=N content=<version>
 *   health expired=0|1
 *   health keys_version=N               (0: no key list; root key only)
 *   stopped in <ms> ms
 *   held N missing M          (--hold)
 *
 *   helper_updater URL PUBKEY STATE_DIR SECONDS [--until-update | --hold]
 *
 * PUBKEY "root:FILE" configures FILE as the root key (root_key) instead.
 *
 * --hold keeps every generation it took until the end, like an app that
 * has not reached a scene boundary yet, and then checks that the tree of
 * each is still on disk (the updater must not prune what may be shown). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

#include "content.h"
#include "generation.h"
#include "health.h"
#include "manifest.h"
#include "updater.h"

/* A notice change the updater hands over before the objects arrive. */
static void take_notice(updater *u)
{
    manifest_notice *n = NULL;
    if (!updater_poll_notice(u, &n))
        return;
    if (n)
        printf("notice %lld %lld\n", (long long)n->starts, (long long)n->ends);
    else
        printf("notice none\n");
    fflush(stdout);
    manifest_notice_free(n);
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

int main(int argc, char **argv)
{
    if (argc < 5) {
        fprintf(stderr, "usage: helper_updater URL PUBKEY STATE_DIR SECONDS [--until-update]\n");
        return 2;
    }
    int until_update = argc > 5 && strcmp(argv[5], "--until-update") == 0;
    int hold = argc > 5 && strcmp(argv[5], "--hold") == 0;
    generation *held[64];
    size_t n_held = 0;
    health_reset(time(NULL));
    updater_config cfg;
    updater_config_defaults(&cfg);
    cfg.channel_url = argv[1];
    if (strncmp(argv[2], "root:", 5) == 0)
        cfg.root_key_file = argv[2] + 5;
    else
        cfg.public_key_file = argv[2];
    cfg.state_dir = argv[3];
    cfg.interval_s = 1;
    cfg.retry_min_s = 1;
    cfg.timeout_s = 10;
    updater *u = updater_start(&cfg);
    if (!u)
        return 1;
    double end = now_ms() + atof(argv[4]) * 1000.0;
    int took = 0;
    while (now_ms() < end) {
        take_notice(u);
        generation *g = updater_poll(u);
        if (g) {
            const kcontent *c = g->content;
            const char *slash = strrchr(c->root, '/');
            printf("took %s %s %zu\n", slash ? slash + 1 : c->root, c->root, c->n_domains);
            if (g->notice)
                printf("generation notice %lld %lld\n", (long long)g->notice->starts, (long long)g->notice->ends);
            fflush(stdout);
            if (hold && n_held < sizeof(held) / sizeof(held[0]))
                held[n_held++] = g;
            else
                generation_release(g);
            took++;
            if (until_update)
                break;
        }
        usleep(50000);
    }
    take_notice(u); /* one published in the cycle that ended the loop */
    double t = now_ms();
    updater_stats st;
    updater_get_stats(u, &st);
    updater_stop(u);
    unsigned long failures = 0;
    for (int i = 0; i < UPDATE_REASON_COUNT; i++)
        failures += st.failures[i];
    printf("cycles=%lu updates=%lu not_modified=%lu failures=%lu", st.cycles, st.updates, st.not_modified,
           failures);
    for (int i = 0; i < UPDATE_REASON_COUNT; i++)
        if (st.failures[i])
            printf(" %s=%lu", update_reason_name((update_reason)i), st.failures[i]);
    printf(" version=%" PRIu64 "\n", st.version);
    health_snapshot hs;
    health_snapshot_take(&hs, time(NULL));
    uint64_t hf = 0;
    for (int i = 0; i < UPDATE_REASON_COUNT; i++)
        hf += hs.update_failures[i];
    printf("health attempts=%" PRIu64 " applied=%" PRIu64 " failures=%" PRIu64 " content=%s\n",
           hs.update_attempts, hs.updates_applied, hf, hs.has_content ? hs.content_version : "-");
    printf("health expired=%d\n", hs.update_expired);
    printf("health keys_version=%" PRIu64 "\n", hs.keys_version);
    printf("stopped in %.0f ms\n", now_ms() - t);
    if (hold) {
        size_t missing = 0;
        for (size_t i = 0; i < n_held; i++) {
            struct stat fst;
            char path[4096];
            snprintf(path, sizeof(path), "%s/kiosk.yaml", held[i]->content->root);
            if (stat(path, &fst) != 0)
                missing++;
            generation_release(held[i]);
        }
        printf("held %zu missing %zu\n", n_held, missing);
    }
    return until_update && !took ? 1 : 0;
}
