/* kiosk — a public information kiosk for town halls.
 *
 * How the program fits together (start reading here):
 *
 *   content tree ────content_load()──► kcontent (content.h, one arena)
 *                                        │
 *   main() parses options and picks a mode:
 *     --check DIR      validate a content tree, print diagnostics, exit
 *     --update-once    one update cycle from the channel (updater.h), exit
 *     (default)        run the UI on the content (app.h)
 *
 * The pure core — content model and loader, YAML tree, diagnostics — has no
 * SDL and no network, so it is unit-tested and fuzzed on its own (see the
 * Makefile's CORE_MODULES). SDL, libcurl, files and clocks sit at the edges.
 *
 * Exit codes: 0 success, 1 failure (bad content, run-time error), 2 usage. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content.h"
#include "diag.h"
#include "limits.h"
#include "updater.h"
#include "version.h"

#define EXIT_USAGE 2

static void usage(FILE *out)
{
    fprintf(out,
            "Usage: kiosk [OPTION]...\n"
            "Public information kiosk: shows the content tree fullscreen, touch to browse.\n"
            "\n"
            "Modes:\n"
            "  --check DIR          validate the content tree DIR, print diagnostics as\n"
            "                       file:line:column: error: message; exit 0 when clean,\n"
            "                       1 on errors\n"
            "  -h, --help           show this help and exit\n"
            "  -V, --version        show the version and exit\n"
            "\n"
            "Options:\n"
            "  --content DIR        content tree to show (default: content)\n"
            "  --max-errors N       print at most N diagnostics (default %d)\n"
            "\n"
            "Content updates (see docs/updates.md):\n"
            "  --channel URL        channel to poll, e.g. https://content.example/kiosk/rathaus/\n"
            "  --public-key FILE    the publisher's kiosk.pub; manifests must be signed with it\n"
            "  --state-dir DIR      where updates live (default /var/lib/kiosk); the kiosk shows\n"
            "                       DIR/current when it exists, else --content\n"
            "  --update-once        run one update cycle and exit: 0 updated or already\n"
            "                       current, 1 failed (the reason is logged)\n"
            "  --update-interval S  seconds between polls (default 300, jittered)\n"
            "  --update-timeout S   limit for one download (default 120)\n"
            "  --update-min-rate B  abort a download slower than B bytes/s (default 256)\n"
            "  --update-pin PIN     TLS public key pin of the server (sha256//BASE64)\n"
            "  --update-ca FILE     CA certificates for the server (default: the system's)\n"
            "\n"
            "Exit status: 0 success, 1 failure, 2 usage error.\n",
            KIOSK_MAX_DIAG_PRINTED);
}

/* --check: validate, print every diagnostic (capped), summarise. */
static int run_check(const char *dir, size_t max_errors)
{
    diag_list d;
    diag_init(&d);
    kcontent *c = content_load(dir, &d);
    diag_print(&d, stderr, max_errors);
    int rc = c ? 0 : 1;
    if (c)
        printf("%s: ok (%zu slides, %zu domains, %zu pages)\n", dir, c->n_slides, c->n_domains,
               content_page_count(c));
    content_free(c);
    diag_free(&d);
    return rc;
}

/* --- content updates (updater.h): options and --update-once ------------------ */

enum {
    OPT_UPDATE_FIRST = 512,
    OPT_CHANNEL = OPT_UPDATE_FIRST,
    OPT_PUBLIC_KEY,
    OPT_STATE_DIR,
    OPT_UPDATE_ONCE,
    OPT_UPDATE_INTERVAL,
    OPT_UPDATE_TIMEOUT,
    OPT_UPDATE_MIN_RATE,
    OPT_UPDATE_PIN,
    OPT_UPDATE_CA,
    OPT_UPDATE_LAST = OPT_UPDATE_CA
};

#define UPDATE_LONG_OPTIONS                                                                                 \
    {"channel", required_argument, NULL, OPT_CHANNEL},                                                     \
        {"public-key", required_argument, NULL, OPT_PUBLIC_KEY},                                           \
        {"state-dir", required_argument, NULL, OPT_STATE_DIR},                                             \
        {"update-once", no_argument, NULL, OPT_UPDATE_ONCE},                                               \
        {"update-interval", required_argument, NULL, OPT_UPDATE_INTERVAL},                                 \
        {"update-timeout", required_argument, NULL, OPT_UPDATE_TIMEOUT},                                   \
        {"update-min-rate", required_argument, NULL, OPT_UPDATE_MIN_RATE},                                 \
        {"update-pin", required_argument, NULL, OPT_UPDATE_PIN},                                           \
        {"update-ca", required_argument, NULL, OPT_UPDATE_CA}

/* One of the options above into cfg. 0, or EXIT_USAGE with a message. */
static int parse_update_option(updater_config *cfg, int opt, const char *arg, int *once)
{
    long n = 0;
    if (opt == OPT_UPDATE_INTERVAL || opt == OPT_UPDATE_TIMEOUT || opt == OPT_UPDATE_MIN_RATE) {
        char *end;
        n = strtol(arg, &end, 10);
        if (*end || n < 1 || n > 7 * 24 * 3600) {
            fprintf(stderr, "kiosk: expected a positive number, got '%s'\n", arg);
            return EXIT_USAGE;
        }
    }
    switch (opt) {
    case OPT_CHANNEL:
        cfg->channel_url = arg;
        break;
    case OPT_PUBLIC_KEY:
        cfg->public_key_file = arg;
        break;
    case OPT_STATE_DIR:
        cfg->state_dir = arg;
        break;
    case OPT_UPDATE_ONCE:
        *once = 1;
        break;
    case OPT_UPDATE_INTERVAL:
        cfg->interval_s = (unsigned)n;
        break;
    case OPT_UPDATE_TIMEOUT:
        cfg->timeout_s = (unsigned)n;
        /* the trickle window may not outlast the whole transfer */
        cfg->low_speed_time_s = n >= 120 ? 30 : (unsigned)(n / 4 ? n / 4 : 1);
        break;
    case OPT_UPDATE_MIN_RATE:
        cfg->low_speed_bytes = (unsigned)n;
        break;
    case OPT_UPDATE_PIN:
        cfg->pinned_public_key = arg;
        break;
    case OPT_UPDATE_CA:
        cfg->ca_file = arg;
        break;
    }
    return 0;
}

/* --update-once: one cycle, a one-line verdict, the reason in the exit code. */
static int run_update_once(const updater_config *cfg)
{
    char err[256];
    if (updater_config_check(cfg, err, sizeof(err)) != 0) {
        fprintf(stderr, "kiosk: --update-once: %s\n", err);
        return EXIT_USAGE;
    }
    updater_result res;
    if (updater_run_once(cfg, &res) != 0) {
        fprintf(stderr, "kiosk: update failed, reason=%s: %s\n", updater_reason_name(res.reason), res.detail);
        return 1;
    }
    if (res.updated)
        printf("updated to version %llu (%lu objects, %llu bytes downloaded)\n",
               (unsigned long long)res.version, res.objects, res.bytes);
    else
        printf("already current: version %llu (%llu bytes downloaded)\n", (unsigned long long)res.version,
               res.bytes);
    return 0;
}

int main(int argc, char **argv)
{
    enum { OPT_CHECK = 256, OPT_CONTENT, OPT_MAX_ERRORS };
    static const struct option opts[] = {
        {"check", required_argument, NULL, OPT_CHECK},
        {"content", required_argument, NULL, OPT_CONTENT},
        {"max-errors", required_argument, NULL, OPT_MAX_ERRORS},
        UPDATE_LONG_OPTIONS,
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    const char *check_dir = NULL;
    size_t max_errors = KIOSK_MAX_DIAG_PRINTED;
    updater_config ucfg;
    updater_config_defaults(&ucfg);
    ucfg.state_dir = "/var/lib/kiosk";
    int update_once = 0;
    int opt;
    while ((opt = getopt_long(argc, argv, "hV", opts, NULL)) != -1) {
        if (opt >= OPT_UPDATE_FIRST && opt <= OPT_UPDATE_LAST) {
            if (parse_update_option(&ucfg, opt, optarg, &update_once) != 0)
                return EXIT_USAGE;
            continue;
        }
        switch (opt) {
        case OPT_CHECK:
            check_dir = optarg;
            break;
        case OPT_CONTENT:
            break;
        case OPT_MAX_ERRORS: {
            char *end;
            long n = strtol(optarg, &end, 10);
            if (*end || n < 1 || n > KIOSK_MAX_DIAG_STORED) {
                fprintf(stderr, "kiosk: --max-errors: expected 1..%d, got '%s'\n",
                        KIOSK_MAX_DIAG_STORED, optarg);
                return EXIT_USAGE;
            }
            max_errors = (size_t)n;
            break;
        }
        case 'h':
            usage(stdout);
            return 0;
        case 'V':
            printf("kiosk %s (%s)\n", kiosk_version(), kiosk_revision());
            return 0;
        default:
            fprintf(stderr, "Try 'kiosk --help' for more information.\n");
            return EXIT_USAGE;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "kiosk: unexpected argument '%s'\nTry 'kiosk --help' for more information.\n",
                argv[optind]);
        return EXIT_USAGE;
    }
    if (check_dir)
        return run_check(check_dir, max_errors);
    if (update_once)
        return run_update_once(&ucfg);
    fprintf(stderr, "kiosk: the UI is not built yet; use --check DIR\n");
    return 1;
}

