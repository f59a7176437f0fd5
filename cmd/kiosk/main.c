/* kiosk — a public information kiosk for town halls.
 *
 * How the program fits together (start reading here):
 *
 *   content tree ────content_load()──► kcontent (content.h, one arena)
 *                                        │
 *   main() builds the configuration (config.h: compiled-in defaults, then
 *   --config FILE, then the command line) and picks a mode:
 *     --print-config   print the effective configuration, exit
 *     --check DIR      validate a content tree, print diagnostics, exit
 *     --update-once    one update cycle from the channel (updater.h), exit
 *     --speak-content  every text of the content spoken into a WAV (speech.h), exit
 *     (default)        run the UI on the content (app.h); with --channel the
 *                      updater thread hands new content to the app, with
 *                      metrics configured the exporter thread (health_export.h)
 *                      writes or pushes them; SIGHUP re-reads the configuration
 *                      and the content (reload_cb)
 *
 * Where things live (README "Repository layout"):
 *
 *   kiosk/core/     pure: content.h (model and loader), kfile.h (the core's
 *                   one edge to files), yamltree.h, diag.h (file:line:col),
 *                   config.h, script.h (--script commands), schedule.h
 *                   (opening hours), manifest.h (signed update manifests),
 *                   update_reason.h (why an update failed: log and metric
 *                   names), klimits.h
 *   kiosk/ui/       pure: session.h (the UI's state and decisions, no window),
 *                   nav.h (attract ⇄ menu ⇄ page, idle, language),
 *                   gesture.h (pointer events → gestures), layout.h (scene →
 *                   display list, wrapping, hit targets), standby.h, rotate.h
 *   kiosk/a11y/     pure: speech mode: reading.h (a scene in reading order),
 *                   explore.h (the focus), narrator.h (what is said when)
 *   kiosk/update/   updater.h: signed content updates, on their own thread;
 *                   store.h (the state directory), fetch.h (a cycle's HTTP)
 *   kiosk/platform/ app.h (window, main loop; shots.c, scripted.c), render.h,
 *                   sdl_input.h (SDL events → pointer events), voice.h and
 *                   speech.h (espeak-ng through SDL audio), sdnotify.h,
 *                   watch.h (--watch), fsutil.h, http.h (the one HTTP client)
 *   kiosk/ops/      health.h (metrics), health_export.h (file, Pushgateway),
 *                   shotup.h (screenshot upload), log.h
 *   kiosk/publish/  publish.h: kiosk-publish's keygen, publish and gc
 *
 * The pure core (core, ui, a11y) has no SDL, no network, no files and no
 * clock of its own: the Makefile compiles it apart, and a call to any of
 * them there is a compile error (kiosk/core/pure.h). Files reach it through
 * kfile.h alone, its one edge.
 *
 * Exit codes: 0 success, 1 failure (bad content, run-time error), 2 usage. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "config.h"
#include "content.h"
#include "diag.h"
#include "health.h"
#include "health_export.h"
#include "http.h"
#include "klimits.h"
#include "log.h"
#include "script.h"
#include "speech.h"
#include "store.h"
#include "updater.h"
#include "version.h"
#include "watch.h"

#define EXIT_USAGE 2
#define PATH_BUF 4096 /* the kiosk's own bound, like FSUTIL_PATH_MAX */

static void usage(FILE *out)
{
    fprintf(out,
            "Usage: kiosk [OPTION]...\n"
            "Public information kiosk: shows the content tree fullscreen, touch to browse.\n"
            "\n"
            "Modes:\n"
            "  (default)            run the kiosk fullscreen on the content tree\n"
            "  --check DIR          validate the content tree DIR, print diagnostics as\n"
            "                       file:line:column: error: message; exit 0 when clean,\n"
            "                       1 on errors\n"
            "  --speak-content WAV  speak every text of the content (slides, menu, pages)\n"
            "                       in German, then in English, into the WAV file and exit\n"
            "  -h, --help           show this help and exit\n"
            "  -V, --version        show the version and exit\n"
            "\n"
            "  --screenshot FILE    save the first frame as PNG and exit\n"
            "  --screenshot-all DIR save every scene (attract, menu, each page, idle\n"
            "                       countdown) as PNG into DIR and exit\n"
            "  --script FILE        drive the UI from FILE (tap X Y, swipe X1 Y1 X2 Y2 MS,\n"
            "                       wait MS, shot FILE.png, quit; X, Y relative 0..1),\n"
            "                       on a virtual clock, then exit; also hold2 X Y MS\n"
            "                       (two fingers held) and doubletap X Y\n"
            "  --audio-out WAV      write everything the kiosk says to WAV (with\n"
            "                       --script: speech is synthesized only with this)\n"
            "\n"
            "Configuration: compiled-in defaults, then the --config file, then the\n"
            "options below, each overriding the one before.\n"
            "  --config FILE        read the configuration (YAML, see tools/kiosk.yaml.example);\n"
            "                       errors as file:line:column: error: message, exit 1\n"
            "  --print-config       print the effective configuration and exit\n"
            "\n"
            "Options:\n"
            "  --content DIR        content tree to show (default: content)\n"
            "  --window WxH         a window of that size instead of fullscreen (preview;\n"
            "                       Escape or q closes it)\n"
            "  --rotation DEG       0, 90, 180 or 270: the picture turned clockwise to suit\n"
            "                       how the screen is mounted; touch is turned back\n"
            "  --watch              reload the content when its files change and show\n"
            "                       its errors on screen (for content authors)\n"
            "  --idle-timeout SEC   seconds without a touch before the countdown back to\n"
            "                       the attract loop (default %u)\n"
            "  --countdown SEC      length of that countdown (default %u)\n"
            "  --assets DIR         where fonts/ is (default: next to the program, ./assets,\n"
            "                       or %s/assets)\n"
            "  --renderer KIND      auto, software or accelerated (default auto: software\n"
            "                       under X11 and headless, the GPU under KMSDRM/Wayland)\n"
            "  --trace              print scene changes and tap targets on stdout\n"
            "  --fake-time T        for tests: start the display schedule's clock at T\n"
            "                       (\"YYYY-MM-DD HH:MM\", local time)\n"
            "  --max-errors N       print at most N diagnostics (default %d)\n"
            "\n"
            "Content updates (see docs/updates.md):\n"
            "  --channel URL        channel to poll, e.g. https://content.example/kiosk/rathaus/\n"
            "  --public-key FILE    the publisher's kiosk.pub; manifests must be signed with it\n"
            "  --state-dir DIR      where updates live (default /var/lib/kiosk); with a channel\n"
            "                       or this option the kiosk shows DIR/current (else\n"
            "                       DIR/previous, else --content)\n"
            "  --update-once        run one update cycle and exit: 0 updated or already\n"
            "                       current, 1 failed (the reason is logged)\n"
            "  --update-interval S  seconds between polls (default 300, jittered)\n"
            "  --update-timeout S   limit for one download (default 120)\n"
            "  --update-min-rate B  abort a download slower than B bytes/s (default 256)\n"
            "  --update-pin PIN     TLS public key pin of the server (sha256//BASE64)\n"
            "  --update-ca FILE     CA certificates for the server (default: the system's)\n"
            "\n" HEALTH_EXPORTER_OPTIONS_HELP
            "\n"
            "Signals: SIGTERM and SIGINT quit; SIGHUP re-reads the configuration and the\n"
            "content (a configuration with errors is logged and the old one kept).\n"
            "Under systemd (Type=notify) the kiosk reports READY=1 after its first frame\n"
            "and feeds WatchdogSec= from its main loop. SIGUSR1 saves a screenshot.\n"
            "\n"
            "Operations (see docs/operations.md):\n"
            "  --screenshot-dir DIR save the screen as DIR/screen.png on SIGUSR1 and on the\n"
            "                       timer (default STATE_DIR/screenshots with a state dir,\n"
            "                       else a new temporary directory when asked for below)\n"
            "  --screenshot-url URL upload each such screenshot there with HTTP PUT (a URL\n"
            "                       ending in / gets screen.png appended)\n"
            "  --screenshot-interval S  also every S seconds (default: only on SIGUSR1)\n"
            "\n"
            "Exit status: 0 success, 1 failure, 2 usage error.\n",
            NAV_DEFAULT_IDLE_MS / 1000, NAV_DEFAULT_WARN_MS / 1000, KIOSK_DATADIR,
            KIOSK_MAX_DIAG_PRINTED);
}

/* --speak-content: the whole content through the speech engine, German
 * then English, into one WAV; prints what was said, for the record. */
static int run_speak(const char *dir, const char *wav, size_t max_errors)
{
    diag_list d;
    diag_init(&d);
    int rc = 1;
    speech *sp = NULL;
    kcontent *c = content_load(dir, &d);
    diag_print(&d, stderr, max_errors);
    if (!c)
        goto out;
    sp = speech_new(NULL);
    if (!sp)
        goto out;
    size_t chars = 0;
    if (speech_say_content(sp, c, LANG_DE, &chars) != 0 ||
        speech_say_content(sp, c, LANG_EN, &chars) != 0)
        goto out;
    if (speech_write_wav(sp, wav) != 0) {
        fprintf(stderr, "kiosk: %s: %s\n", wav, strerror(errno));
        goto out;
    }
    size_t n;
    speech_samples(sp, &n);
    printf("%s: %zu characters, %.1f s at %d Hz\n", wav, chars,
           (double)n / speech_rate(sp), speech_rate(sp));
    rc = 0;
out:
    speech_free(sp);
    content_free(c);
    diag_free(&d);
    return rc;
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
        fprintf(stderr, "kiosk: update failed, reason=%s: %s\n", update_reason_name(res.reason), res.detail);
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

static int parse_size(const char *s, int *w, int *h)
{
    char *end;
    long a = strtol(s, &end, 10);
    if (end == s || (*end != 'x' && *end != 'X'))
        return -1;
    const char *p = end + 1;
    long b = strtol(p, &end, 10);
    if (end == p || *end || a < 64 || b < 64 || a > 16384 || b > 16384)
        return -1;
    *w = (int)a;
    *h = (int)b;
    return 0;
}

static int parse_seconds(const char *s, uint64_t *ms)
{
    char *end;
    double v = strtod(s, &end);
    if (end == s || *end || !(v >= 1 && v <= 86400))
        return -1;
    *ms = (uint64_t)(v * 1000 + 0.5);
    return 0;
}

static int has_fonts(const char *dir)
{
    char path[PATH_BUF];
    struct stat st;
    if (snprintf(path, sizeof path, "%s/fonts/DejaVuSans.ttf", dir) >= (int)sizeof path)
        return 0;
    return stat(path, &st) == 0;
}

/* The assets directory: --assets, else next to the binary (build/kiosk and
 * build/asan/kiosk in a source tree), else ./assets, else the installed one. */
static int find_assets(const char *given, char *out, size_t size)
{
    if (given) {
        snprintf(out, size, "%s", given);
        return has_fonts(out) ? 0 : -1;
    }
    char exe[PATH_BUF / 2];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash)
            *slash = '\0';
        static const char *rel[] = {"assets", "../assets", "../../assets",
                                    "../share/kiosk/assets"};
        for (size_t i = 0; i < sizeof rel / sizeof rel[0]; i++) {
            if (snprintf(out, size, "%s/%s", exe, rel[i]) < (int)size && has_fonts(out))
                return 0;
        }
    }
    snprintf(out, size, "assets");
    if (has_fonts(out))
        return 0;
    snprintf(out, size, "%s/assets", KIOSK_DATADIR);
    return has_fonts(out) ? 0 : -1;
}


/* --- configuration: defaults, then --config FILE, then the command line ------ */

enum {
    OPT_CHECK = 256, OPT_CONTENT, OPT_MAX_ERRORS, OPT_WINDOW, OPT_WATCH, OPT_IDLE,
    OPT_COUNTDOWN, OPT_ASSETS, OPT_RENDERER, OPT_TRACE, OPT_SCRIPT, OPT_SHOT, OPT_SHOT_ALL,
    OPT_CONFIG, OPT_PRINT_CONFIG, OPT_ROTATION, OPT_FAKE_TIME, OPT_SPEAK, OPT_AUDIO_OUT,
    /* Metrics: the names are health_exporter_option()'s */
    OPT_HEALTH_FIRST, OPT_METRICS_FILE = OPT_HEALTH_FIRST, OPT_PUSHGATEWAY, OPT_KIOSK_ID,
    OPT_LOCATION, OPT_METRICS_INTERVAL, OPT_PUSH_TIMEOUT, OPT_HEALTH_LAST = OPT_PUSH_TIMEOUT,
    /* operator screenshots (app.h: ops_screenshot_*), configuration keys screenshot_* */
    OPT_SHOT_DIR, OPT_SHOT_URL, OPT_SHOT_INTERVAL
};

static const struct option long_opts[] = {
    {"config", required_argument, NULL, OPT_CONFIG},
    {"print-config", no_argument, NULL, OPT_PRINT_CONFIG},
    {"check", required_argument, NULL, OPT_CHECK},
    {"speak-content", required_argument, NULL, OPT_SPEAK},
    {"content", required_argument, NULL, OPT_CONTENT},
    {"max-errors", required_argument, NULL, OPT_MAX_ERRORS},
    {"window", required_argument, NULL, OPT_WINDOW},
    {"rotation", required_argument, NULL, OPT_ROTATION},
    {"fake-time", required_argument, NULL, OPT_FAKE_TIME},
    {"watch", no_argument, NULL, OPT_WATCH},
    {"idle-timeout", required_argument, NULL, OPT_IDLE},
    {"countdown", required_argument, NULL, OPT_COUNTDOWN},
    {"assets", required_argument, NULL, OPT_ASSETS},
    {"renderer", required_argument, NULL, OPT_RENDERER},
    {"trace", no_argument, NULL, OPT_TRACE},
    {"script", required_argument, NULL, OPT_SCRIPT},
    {"screenshot", required_argument, NULL, OPT_SHOT},
    {"screenshot-all", required_argument, NULL, OPT_SHOT_ALL},
    {"audio-out", required_argument, NULL, OPT_AUDIO_OUT},
    UPDATE_LONG_OPTIONS,
    {"metrics-file", required_argument, NULL, OPT_METRICS_FILE},
    {"pushgateway", required_argument, NULL, OPT_PUSHGATEWAY},
    {"kiosk-id", required_argument, NULL, OPT_KIOSK_ID},
    {"location", required_argument, NULL, OPT_LOCATION},
    {"metrics-interval", required_argument, NULL, OPT_METRICS_INTERVAL},
    {"push-timeout-ms", required_argument, NULL, OPT_PUSH_TIMEOUT},
    {"screenshot-dir", required_argument, NULL, OPT_SHOT_DIR},
    {"screenshot-url", required_argument, NULL, OPT_SHOT_URL},
    {"screenshot-interval", required_argument, NULL, OPT_SHOT_INTERVAL},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0},
};

static const char *long_name(int opt)
{
    for (size_t i = 0; long_opts[i].name; i++)
        if (long_opts[i].val == opt)
            return long_opts[i].name;
    return "?";
}

#define MAX_OVERRIDES 64

/* The command line: flags of the run itself, and the options that override
 * the configuration file, kept in order so a reload (SIGHUP) can lay them
 * over the re-read file again. */
typedef struct cli {
    const char *config_file;
    int print_config;
    const char *check_dir;
    const char *speak_wav; /* --speak-content */
    size_t max_errors;
    const char *script;
    int watch;
    int update_once;
    app_options ui; /* the UI-only flags: window, renderer, trace, screenshots */
    uint64_t warn_ms;
    struct { int opt; const char *arg; } over[MAX_OVERRIDES];
    size_t n_over;
} cli;

/* Everything a run needs, derived from a kiosk_config. The updater and
 * exporter configurations point into cfg and argv: never copied by value. */
typedef struct settings {
    kiosk_config cfg;
    updater_config upd;
    health_exporter_config hx;
    app_options app;
    const char *state_dir; /* show STATE_DIR/current when there is one */
} settings;

/* "YYYY-MM-DD HH:MM" in local time. */
static int parse_local_time(const char *s, time_t *out)
{
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    char extra;
    if (sscanf(s, "%d-%d-%d %d:%d%c", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
               &extra) != 5 ||
        tm.tm_year < 1970 || tm.tm_mon < 1 || tm.tm_mon > 12 || tm.tm_mday < 1 || tm.tm_mday > 31 ||
        tm.tm_hour < 0 || tm.tm_hour > 23 || tm.tm_min < 0 || tm.tm_min > 59)
        return -1;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    tm.tm_isdst = -1;
    time_t t = mktime(&tm);
    if (t == (time_t)-1)
        return -1;
    *out = t;
    return 0;
}

/* Parse argv into c. 0, 1 for --help/--version (done), or EXIT_USAGE. */
static int parse_cli(cli *c, int argc, char **argv)
{
    memset(c, 0, sizeof *c);
    c->max_errors = KIOSK_MAX_DIAG_PRINTED;
    app_options_default(&c->ui);
    int opt;
    while ((opt = getopt_long(argc, argv, "hV", long_opts, NULL)) != -1) {
        switch (opt) {
        case OPT_CONFIG:
            c->config_file = optarg;
            break;
        case OPT_PRINT_CONFIG:
            c->print_config = 1;
            break;
        case OPT_CHECK:
            c->check_dir = optarg;
            break;
        case OPT_SPEAK:
            c->speak_wav = optarg;
            break;
        case OPT_WINDOW:
            if (parse_size(optarg, &c->ui.window_w, &c->ui.window_h) != 0) {
                fprintf(stderr, "kiosk: --window: expected WxH (e.g. 1280x800), got '%s'\n", optarg);
                return EXIT_USAGE;
            }
            break;
        case OPT_WATCH:
            c->watch = 1;
            break;
        case OPT_FAKE_TIME:
            if (parse_local_time(optarg, &c->ui.fake_time) != 0) {
                fprintf(stderr, "kiosk: --fake-time: expected \"YYYY-MM-DD HH:MM\", got '%s'\n", optarg);
                return EXIT_USAGE;
            }
            break;
        case OPT_COUNTDOWN:
            if (parse_seconds(optarg, &c->warn_ms)) {
                fprintf(stderr, "kiosk: --countdown: expected seconds 1..86400, got '%s'\n", optarg);
                return EXIT_USAGE;
            }
            break;
        case OPT_RENDERER:
            if (strcmp(optarg, "auto") == 0)
                c->ui.renderer = APP_RENDER_AUTO;
            else if (strcmp(optarg, "software") == 0)
                c->ui.renderer = APP_RENDER_SOFTWARE;
            else if (strcmp(optarg, "accelerated") == 0)
                c->ui.renderer = APP_RENDER_ACCELERATED;
            else {
                fprintf(stderr, "kiosk: --renderer: expected auto, software or accelerated\n");
                return EXIT_USAGE;
            }
            break;
        case OPT_TRACE:
            c->ui.trace = 1;
            break;
        case OPT_SCRIPT:
            c->script = optarg;
            break;
        case OPT_SHOT:
            c->ui.screenshot = optarg;
            break;
        case OPT_SHOT_ALL:
            c->ui.screenshot_dir = optarg;
            break;
        case OPT_AUDIO_OUT:
            c->ui.audio_out = optarg;
            break;
        case OPT_UPDATE_ONCE:
            c->update_once = 1;
            break;
        case OPT_MAX_ERRORS: {
            char *end;
            long n = strtol(optarg, &end, 10);
            if (*end || n < 1 || n > KIOSK_MAX_DIAG_STORED) {
                fprintf(stderr, "kiosk: --max-errors: expected 1..%d, got '%s'\n",
                        KIOSK_MAX_DIAG_STORED, optarg);
                return EXIT_USAGE;
            }
            c->max_errors = (size_t)n;
            break;
        }
        case 'h':
            usage(stdout);
            return 1;
        case 'V':
            printf("kiosk %s (%s)\n", kiosk_version(), kiosk_revision());
            return 1;
        case '?':
        case ':':
            fprintf(stderr, "Try 'kiosk --help' for more information.\n");
            return EXIT_USAGE;
        default: /* overrides the configuration: applied over the file */
            if (c->n_over == MAX_OVERRIDES) {
                fprintf(stderr, "kiosk: too many options\n");
                return EXIT_USAGE;
            }
            c->over[c->n_over].opt = opt;
            c->over[c->n_over].arg = optarg;
            c->n_over++;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "kiosk: unexpected argument '%s'\nTry 'kiosk --help' for more information.\n",
                argv[optind]);
        return EXIT_USAGE;
    }
    return 0;
}

/* Copy a command-line value into a configuration field (for --print-config);
 * the command line may hold what the file may not (a channel given as a
 * path), so this does not validate. */
#define CFG_COPY(field, value) snprintf((field), sizeof(field), "%s", (value))

/* The configuration into the run's settings. */
static void derive(settings *s)
{
    const kiosk_config *k = &s->cfg;
    app_options_default(&s->app);
    s->app.nav.idle_ms = (uint64_t)k->idle_timeout_s * 1000;
    s->app.default_lang = k->default_lang;
    s->app.rotation = k->rotation;
    s->app.display = k->display;
    s->app.wake_on_touch = k->wake_on_touch;
    s->app.speech = k->speech;
    s->app.speech_data = k->speech_data[0] ? k->speech_data : NULL;
    s->app.warning_sound = k->warning_sound;
    s->app.low_reach = k->low_reach;

    updater_config_defaults(&s->upd);
    s->upd.channel_url = k->channel[0] ? k->channel : NULL;
    s->upd.public_key_file = k->public_key[0] ? k->public_key : NULL;
    s->upd.state_dir = k->state_dir[0] ? k->state_dir : "/var/lib/kiosk";
    s->upd.pinned_public_key = k->pinned_key[0] ? k->pinned_key : NULL;
    s->upd.interval_s = k->poll_interval_s;

    health_exporter_config_init(&s->hx);
    s->hx.metrics_file = k->metrics_file[0] ? k->metrics_file : NULL;
    s->hx.pushgateway_url = k->pushgateway[0] ? k->pushgateway : NULL;
    /* the compiled-in id "kiosk" names no one: then the host name does */
    s->hx.kiosk_id = k->id[0] && strcmp(k->id, "kiosk") != 0 ? k->id : NULL;
    s->hx.location = k->location[0] ? k->location : NULL;
    s->hx.interval_s = k->metrics_interval_s;
}

/* Lay the command line over s. 0, or EXIT_USAGE with a message. */
static int apply_cli(settings *s, const cli *c)
{
    kiosk_config *k = &s->cfg;
    char err[256];
    int once = 0;
    for (size_t i = 0; i < c->n_over; i++) {
        int opt = c->over[i].opt;
        const char *arg = c->over[i].arg;
        if (opt >= OPT_UPDATE_FIRST && opt <= OPT_UPDATE_LAST) {
            if (parse_update_option(&s->upd, opt, arg, &once) != 0)
                return EXIT_USAGE;
            if (opt == OPT_CHANNEL)
                CFG_COPY(k->channel, arg);
            else if (opt == OPT_PUBLIC_KEY)
                CFG_COPY(k->public_key, arg);
            else if (opt == OPT_STATE_DIR)
                CFG_COPY(k->state_dir, arg);
            else if (opt == OPT_UPDATE_PIN)
                CFG_COPY(k->pinned_key, arg);
            else if (opt == OPT_UPDATE_INTERVAL)
                k->poll_interval_s = s->upd.interval_s;
            continue;
        }
        if (opt >= OPT_HEALTH_FIRST && opt <= OPT_HEALTH_LAST) {
            if (health_exporter_option(&s->hx, long_name(opt), arg, err, sizeof err) != 1) {
                fprintf(stderr, "kiosk: --%s: %s\n", long_name(opt), err);
                return EXIT_USAGE;
            }
            if (opt == OPT_METRICS_FILE)
                CFG_COPY(k->metrics_file, arg);
            else if (opt == OPT_PUSHGATEWAY)
                CFG_COPY(k->pushgateway, arg);
            else if (opt == OPT_LOCATION)
                CFG_COPY(k->location, arg);
            else if (opt == OPT_METRICS_INTERVAL)
                k->metrics_interval_s = s->hx.interval_s;
            continue;
        }
        switch (opt) {
        case OPT_CONTENT:
            CFG_COPY(k->content_dir, arg);
            break;
        case OPT_ASSETS:
            CFG_COPY(k->assets_dir, arg);
            break;
        case OPT_IDLE:
            if (parse_seconds(arg, &s->app.nav.idle_ms)) {
                fprintf(stderr, "kiosk: --idle-timeout: expected seconds 1..86400, got '%s'\n", arg);
                return EXIT_USAGE;
            }
            k->idle_timeout_s = (unsigned)(s->app.nav.idle_ms / 1000);
            break;
        case OPT_ROTATION:
            if (config_set(k, "rotation", arg, err, sizeof err) != 0) {
                fprintf(stderr, "kiosk: --rotation: %s\n", err);
                return EXIT_USAGE;
            }
            s->app.rotation = k->rotation;
            break;
        case OPT_SHOT_DIR:
        case OPT_SHOT_URL:
        case OPT_SHOT_INTERVAL: {
            const char *key = opt == OPT_SHOT_DIR   ? "screenshot_dir"
                              : opt == OPT_SHOT_URL ? "screenshot_url"
                                                    : "screenshot_interval";
            if (config_set(k, key, arg, err, sizeof err) != 0) {
                fprintf(stderr, "kiosk: --%s: %s\n", long_name(opt), err);
                return EXIT_USAGE;
            }
            break;
        }
        }
    }
    s->app.ops_screenshot_dir = k->screenshot_dir[0] ? k->screenshot_dir : NULL;
    s->app.ops_screenshot_url = k->screenshot_url[0] ? k->screenshot_url : NULL;
    s->app.ops_screenshot_interval_s = k->screenshot_interval_s;
    if (c->warn_ms)
        s->app.nav.warn_ms = c->warn_ms;
    s->state_dir = k->state_dir[0] ? k->state_dir : NULL;
    if (s->upd.channel_url)
        s->state_dir = s->upd.state_dir;
    return 0;
}

/* Defaults, the file, the command line. 0, 1 on errors in the file (printed
 * as file:line:column: error:), EXIT_USAGE on a bad option. */
static int load_settings(settings *s, const cli *c, size_t max_errors)
{
    config_defaults(&s->cfg);
    if (c->config_file) {
        diag_list d;
        diag_init(&d);
        int r = config_load_file(&s->cfg, c->config_file, &d);
        diag_print(&d, stderr, max_errors);
        diag_free(&d);
        if (r != 0)
            return 1;
    }
    derive(s);
    return apply_cli(s, c);
}

/* The tree to show: with a state directory the last tree the updater
 * installed, else the one before, else the content installed with the
 * kiosk. Its path goes to tree, its version (0: not from the state
 * directory) to *version; diagnostics of the last attempt to d. */
static kcontent *load_shown(const char *state_dir, const char *content_dir, diag_list *d, char *tree,
                            size_t size, uint64_t *version)
{
    kcontent *c = NULL;
    *version = 0;
    for (int which = 0; state_dir && which < 2 && !c; which++) {
        if (store_tree(state_dir, which, tree, size, version) != 0)
            continue;
        c = content_load(tree, d);
        if (!c) {
            log_warn("main", "%s does not load (%zu errors); falling back", tree, d->errors);
            diag_free(d);
        }
    }
    if (!c) {
        *version = 0;
        snprintf(tree, size, "%s", content_dir);
        c = content_load(content_dir, d);
    }
    return c;
}

/* load_shown() as a generation for the app, with the notice the state
 * directory keeps (read once: the updater hands over later changes). The
 * updater, when there is one, keeps the tree until the generation's
 * release. NULL when nothing loads (d says why). */
static generation *load_generation(const char *state_dir, const char *content_dir, updater *upd, diag_list *d,
                                   char *tree, size_t size)
{
    uint64_t version;
    kcontent *c = load_shown(state_dir, content_dir, d, tree, size, &version);
    if (!c)
        return NULL;
    generation *g = generation_new(c, state_dir ? store_load_notice(state_dir) : NULL, version);
    updater_adopt(upd, g);
    return g;
}

/* --- SIGHUP: the configuration and the content again ----------------------- */

typedef struct reloader {
    const cli *c;
    kiosk_config last;     /* as last loaded: to log what changed */
    const char *state_dir; /* where the tree shown comes from, as at start */
    const char *content_dir;
    updater *upd;          /* keeps the trees of the state directory, or NULL */
} reloader;

/* The configuration as "key: value" lines, to log what a reload changed. */
static char *config_text(const kiosk_config *k)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return NULL;
    config_print(k, f);
    fclose(f);
    return buf;
}

static void log_changes(const kiosk_config *old, const kiosk_config *new_)
{
    char *a = config_text(old), *b = config_text(new_);
    int changed = 0;
    if (a && b) {
        /* line by line: config_print writes the keys in a fixed order */
        char *sa, *sb;
        char *la = strtok_r(a, "\n", &sa), *lb = strtok_r(b, "\n", &sb);
        for (; la && lb; la = strtok_r(NULL, "\n", &sa), lb = strtok_r(NULL, "\n", &sb))
            if (strcmp(la, lb) != 0) {
                log_info("config", "changed: %s (was: %s)", lb, la);
                changed = 1;
            }
        if (la || lb) {
            log_info("config", "display schedule changed");
            changed = 1;
        }
    }
    if (!changed)
        log_info("config", "reloaded: no change");
    free(a);
    free(b);
}

static generation *reload_cb(void *ctx, app_options *o)
{
    reloader *r = ctx;
    settings *ns = calloc(1, sizeof *ns);
    log_info("config", "SIGHUP: reloading the configuration and the content");
    if (ns && load_settings(ns, r->c, KIOSK_MAX_DIAG_PRINTED) == 0) {
        log_changes(&r->last, &ns->cfg);
        const kiosk_config *a = &r->last, *b = &ns->cfg;
        if (strcmp(a->channel, b->channel) || strcmp(a->state_dir, b->state_dir) ||
            strcmp(a->public_key, b->public_key) || strcmp(a->content_dir, b->content_dir) ||
            strcmp(a->metrics_file, b->metrics_file) || strcmp(a->pushgateway, b->pushgateway) ||
            strcmp(a->assets_dir, b->assets_dir))
            log_warn("config", "content source, updates, assets and metrics change on a restart only");
        log_set_level(b->log_level);
        o->nav.idle_ms = ns->app.nav.idle_ms;
        o->default_lang = ns->app.default_lang;
        o->rotation = ns->app.rotation;
        o->display = ns->app.display;
        o->wake_on_touch = ns->app.wake_on_touch;
        o->low_reach = ns->app.low_reach;
        o->warning_sound = ns->app.warning_sound;
        r->last = ns->cfg;
    } else {
        log_error("config", "%s has errors (see above): keeping the configuration in use",
                  r->c->config_file ? r->c->config_file : "the command line");
    }
    free(ns);
    diag_list d;
    diag_init(&d);
    char tree[PATH_BUF];
    generation *g = load_generation(r->state_dir, r->content_dir, r->upd, &d, tree, sizeof tree);
    if (!g) {
        diag_print(&d, stderr, KIOSK_MAX_DIAG_PRINTED);
        log_error("config", "%s: the content has errors: keeping the content shown", tree);
    } else {
        log_info("config", "content reloaded from %s", tree);
    }
    diag_free(&d);
    return g;
}

/* The updater thread wired into the app: new generations, notice changes,
 * and the tree of the generation shown kept while it is. NULL when it does
 * not start (logged: the kiosk runs on without updates). */
static updater *start_updates(const updater_config *cfg, app_options *o, reloader *rl, generation *shown)
{
    updater *upd = updater_start(cfg);
    if (!upd)
        return NULL;
    o->poll = updater_poll;
    o->poll_ctx = upd;
    o->notice_poll = updater_poll_notice;
    o->notice_ctx = upd;
    updater_adopt(upd, shown);
    rl->upd = upd; /* SIGHUP's generations too */
    return upd;
}

/* The UI modes: load, then hand everything to app_run(). */
static int run_ui(settings *s, const cli *c)
{
    char assets[PATH_BUF], fonts[PATH_BUF + 8], tree[PATH_BUF];
    script sc = {0};
    watch *w = NULL;
    updater *upd = NULL;
    health_exporter *hx = NULL;
    generation *k = NULL;
    diag_list d;
    int rc = 1;
    diag_init(&d);
    app_options o = s->app;
    o.window_w = c->ui.window_w;
    o.window_h = c->ui.window_h;
    o.renderer = c->ui.renderer;
    o.trace = c->ui.trace;
    o.screenshot = c->ui.screenshot;
    o.screenshot_dir = c->ui.screenshot_dir;
    o.fake_time = c->ui.fake_time;
    o.audio_out = c->ui.audio_out;
    const char *given = s->cfg.assets_dir[0] ? s->cfg.assets_dir : NULL;
    const char *content_dir = s->cfg.content_dir;
    if (find_assets(given, assets, sizeof assets) != 0) {
        fprintf(stderr, "kiosk: cannot find the fonts (fonts/DejaVuSans.ttf) in %s; use --assets DIR\n",
                given ? given : "the usual places");
        goto out;
    }
    snprintf(fonts, sizeof fonts, "%s/fonts", assets);
    o.fonts_dir = fonts;
    if (c->script) {
        if (script_load(c->script, &sc, &d) != 0) {
            diag_print(&d, stderr, c->max_errors);
            rc = EXIT_USAGE;
            goto out;
        }
        o.script = &sc;
    }
    const char *state_dir = c->watch ? NULL : s->state_dir;
    char shots[PATH_BUF];
    if (state_dir) {
        if (!o.ops_screenshot_dir &&
            snprintf(shots, sizeof shots, "%s/screenshots", state_dir) < (int)sizeof shots)
            o.ops_screenshot_dir = shots;
    }
    if (!o.ops_screenshot_dir && (o.ops_screenshot_url || o.ops_screenshot_interval_s)) {
        /* asked for screenshots but told no place: a private temporary
         * directory (the path is logged) */
        const char *t = getenv("TMPDIR");
        if (snprintf(shots, sizeof shots, "%s/kiosk-screenshots.XXXXXX", t && *t ? t : "/tmp") <
                (int)sizeof shots &&
            mkdtemp(shots))
            o.ops_screenshot_dir = shots;
    }
    k = load_generation(state_dir, content_dir, NULL, &d, tree, sizeof tree);
    if (!k && !c->watch) {
        diag_print(&d, stderr, c->max_errors);
        fprintf(stderr, "kiosk: %s: the content has errors (see above); nothing to show\n", tree);
        goto out;
    }
    reloader rl = {.c = c, .last = s->cfg, .state_dir = state_dir, .content_dir = content_dir};
    if (c->watch) {
        w = watch_new(content_dir);
        if (!w)
            goto out;
        watch_set_diags(w, &d);
        o.poll = watch_poll;
        o.poll_diags = watch_diags;
        o.poll_ctx = w;
        o.swap_now = 1;
    } else {
        o.reload = reload_cb;
        o.reload_ctx = &rl;
        if (s->upd.channel_url)
            upd = start_updates(&s->upd, &o, &rl, k);
    }
    if (health_exporter_enabled(&s->hx) && !o.script && !o.screenshot && !o.screenshot_dir) {
        char err[256];
        hx = health_exporter_start(&s->hx, err, sizeof err);
        if (!hx) /* monitoring is not worth a dark kiosk */
            log_error("main", "metrics: %s; running without them", err);
    }
    rc = app_run(k, &o); /* takes k */
    k = NULL;
out:
    generation_release(k);
    health_exporter_stop(hx);
    updater_stop(upd);
    watch_free(w);
    script_free(&sc);
    diag_free(&d);
    return rc;
}

int main(int argc, char **argv)
{
    static cli c;
    static settings s;
    int r = parse_cli(&c, argc, argv);
    if (r)
        return r == 1 ? 0 : r;
    r = load_settings(&s, &c, c.max_errors);
    if (r)
        return r;
    log_set_level(s.cfg.log_level);
    if (c.print_config) {
        config_print(&s.cfg, stdout);
        return 0;
    }
    if (c.check_dir)
        return run_check(c.check_dir, c.max_errors);
    if (c.speak_wav)
        return run_speak(s.cfg.content_dir, c.speak_wav, c.max_errors);
    char err[256];
    if (health_exporter_enabled(&s.hx) && health_exporter_config_check(&s.hx, err, sizeof err) != 0) {
        fprintf(stderr, "kiosk: %s: metrics: %s\n", c.config_file ? c.config_file : "options", err);
        return 1;
    }
    /* before any thread: libcurl's global set-up is not thread-safe everywhere */
    http_global_init();
    health_reset(time(NULL));
    if (c.update_once)
        r = run_update_once(&s.upd);
    else
        r = run_ui(&s, &c);
    http_global_cleanup();
    return r;
}
