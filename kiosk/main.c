/* kiosk — a public information kiosk for town halls.
 *
 * How the program fits together (start reading here):
 *
 *   content tree ────content_load()──► kcontent (content.h, one arena)
 *                                        │
 *   main() parses options and picks a mode:
 *     --check DIR      validate a content tree, print diagnostics, exit
 *     --update-once    one update cycle from the channel (updater.h), exit
 *     (default)        run the UI on the content (app.h); with --channel the
 *                      updater thread hands new content to the app
 *
 *   app.h    window and main loop; swaps in new content generations
 *   nav.h    what is on screen: attract ⇄ menu ⇄ page, idle, language (pure)
 *   layout.h how it looks: scene → display list, wrapping, hit targets (pure)
 *   render.h SDL drawing with a texture cache;  input.h touch → gestures
 *   script.h --script commands (pure);          watch.h --watch reloading
 *   updater.h signed content updates from a channel, on their own thread
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
#include <sys/stat.h>
#include <unistd.h>

#include "app.h"
#include "content.h"
#include "diag.h"
#include "limits.h"
#include "log.h"
#include "script.h"
#include "updater.h"
#include "version.h"
#include "watch.h"

#define EXIT_USAGE 2
#define PATH_BUF 4096 /* <limits.h> is shadowed by kiosk/limits.h */

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
            "  -h, --help           show this help and exit\n"
            "  -V, --version        show the version and exit\n"
            "\n"
            "  --screenshot FILE    save the first frame as PNG and exit\n"
            "  --screenshot-all DIR save every scene (attract, menu, each page, idle\n"
            "                       countdown) as PNG into DIR and exit\n"
            "  --script FILE        drive the UI from FILE (tap X Y, swipe X1 Y1 X2 Y2 MS,\n"
            "                       wait MS, shot FILE.png, quit; X, Y relative 0..1),\n"
            "                       on a virtual clock, then exit\n"
            "\n"
            "Options:\n"
            "  --content DIR        content tree to show (default: content)\n"
            "  --window WxH         a window of that size instead of fullscreen (preview;\n"
            "                       Escape or q closes it)\n"
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

/* --- operator screenshots (app.h: ops_screenshot_*) -------------------------- */

enum { OPT_OPS_FIRST = 640, OPT_OPS_SHOT_DIR = OPT_OPS_FIRST, OPT_OPS_SHOT_URL, OPT_OPS_SHOT_INTERVAL,
       OPT_OPS_LAST = OPT_OPS_SHOT_INTERVAL };

#define OPS_LONG_OPTIONS                                                                                    \
    {"screenshot-dir", required_argument, NULL, OPT_OPS_SHOT_DIR},                                         \
        {"screenshot-url", required_argument, NULL, OPT_OPS_SHOT_URL},                                     \
        {"screenshot-interval", required_argument, NULL, OPT_OPS_SHOT_INTERVAL}

/* One of the options above into o. 0, or EXIT_USAGE with a message. */
static int parse_ops_option(app_options *o, int opt, const char *arg)
{
    char *end;
    long n;
    switch (opt) {
    case OPT_OPS_SHOT_DIR:
        o->ops_screenshot_dir = arg;
        break;
    case OPT_OPS_SHOT_URL:
        if (strncmp(arg, "http://", 7) != 0 && strncmp(arg, "https://", 8) != 0) {
            fprintf(stderr, "kiosk: --screenshot-url: expected an http:// or https:// URL\n");
            return EXIT_USAGE;
        }
        o->ops_screenshot_url = arg;
        break;
    case OPT_OPS_SHOT_INTERVAL:
        n = strtol(arg, &end, 10);
        if (*end || n < 1 || n > 7 * 24 * 3600) {
            fprintf(stderr, "kiosk: --screenshot-interval: expected seconds, got '%s'\n", arg);
            return EXIT_USAGE;
        }
        o->ops_screenshot_interval_s = (unsigned)n;
        break;
    }
    return 0;
}

/* Options of the UI modes, collected by main(). */
typedef struct ui_opts {
    const char *content;
    const char *assets;
    const char *script;
    int watch;
    app_options app;
    const updater_config *update; /* channel configured: poll it */
    const char *state_dir;        /* show STATE_DIR/current when there is one */
} ui_opts;

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

/* The UI modes: load, then hand everything to app_run(). */
static int run_ui(ui_opts *u, size_t max_errors)
{
    char assets[PATH_BUF], fonts[PATH_BUF + 8];
    script sc = {0};
    watch *w = NULL;
    updater *upd = NULL;
    kcontent *c = NULL;
    diag_list d;
    int rc = 1;
    diag_init(&d);
    if (find_assets(u->assets, assets, sizeof assets) != 0) {
        fprintf(stderr, "kiosk: cannot find the fonts (fonts/DejaVuSans.ttf) in %s; use --assets DIR\n",
                u->assets ? u->assets : "the usual places");
        goto out;
    }
    snprintf(fonts, sizeof fonts, "%s/fonts", assets);
    u->app.fonts_dir = fonts;
    if (u->script) {
        if (script_load(u->script, &sc, &d) != 0) {
            diag_print(&d, stderr, max_errors);
            rc = EXIT_USAGE;
            goto out;
        }
        u->app.script = &sc;
    }
    char tree[PATH_BUF], notice[PATH_BUF], shots[PATH_BUF];
    if (u->state_dir) {
        /* the updater keeps the channel's emergency notice there */
        snprintf(notice, sizeof notice, "%s/%s", u->state_dir, UPDATER_NOTICE_FILE);
        u->app.notice_file = notice;
        if (!u->app.ops_screenshot_dir &&
            snprintf(shots, sizeof shots, "%s/screenshots", u->state_dir) < (int)sizeof shots)
            u->app.ops_screenshot_dir = shots;
    }
    if (!u->app.ops_screenshot_dir && (u->app.ops_screenshot_url || u->app.ops_screenshot_interval_s)) {
        /* asked for screenshots but told no place: a private temporary
         * directory (the path is logged) */
        const char *t = getenv("TMPDIR");
        if (snprintf(shots, sizeof shots, "%s/kiosk-screenshots.XXXXXX", t && *t ? t : "/tmp") <
                (int)sizeof shots &&
            mkdtemp(shots))
            u->app.ops_screenshot_dir = shots;
    }
    const char *dir = u->content;
    if (u->state_dir && !u->watch) {
        /* the last tree the updater installed, else the one before, else
         * the content installed with the kiosk */
        for (int which = 0; which < 2 && !c; which++) {
            if (updater_state_tree(u->state_dir, which, tree, sizeof tree, NULL) != 0)
                continue;
            c = content_load(tree, &d);
            if (!c) {
                log_warn("main", "%s does not load (%zu errors); falling back", tree, d.errors);
                diag_free(&d);
            }
        }
        if (c)
            dir = tree;
    }
    if (!c)
        c = content_load(dir, &d);
    if (!c && !u->watch) {
        diag_print(&d, stderr, max_errors);
        fprintf(stderr, "kiosk: %s: the content has errors (see above); nothing to show\n", dir);
        goto out;
    }
    if (u->watch) {
        w = watch_new(u->content);
        if (!w)
            goto out;
        watch_set_diags(w, &d);
        u->app.poll = watch_poll;
        u->app.poll_diags = watch_diags;
        u->app.poll_ctx = w;
        u->app.swap_now = 1;
    } else if (u->update) {
        upd = updater_start(u->update);
        if (upd) {
            u->app.poll = updater_poll;
            u->app.poll_ctx = upd;
        } /* else logged: the kiosk runs on without updates */
    }
    rc = app_run(c, &u->app); /* takes c */
out:
    updater_stop(upd);
    watch_free(w);
    script_free(&sc);
    diag_free(&d);
    return rc;
}

int main(int argc, char **argv)
{
    enum {
        OPT_CHECK = 256, OPT_CONTENT, OPT_MAX_ERRORS, OPT_WINDOW, OPT_WATCH, OPT_IDLE,
        OPT_COUNTDOWN, OPT_ASSETS, OPT_RENDERER, OPT_TRACE, OPT_SCRIPT, OPT_SHOT, OPT_SHOT_ALL
    };
    static const struct option opts[] = {
        {"check", required_argument, NULL, OPT_CHECK},
        {"content", required_argument, NULL, OPT_CONTENT},
        {"max-errors", required_argument, NULL, OPT_MAX_ERRORS},
        {"window", required_argument, NULL, OPT_WINDOW},
        {"watch", no_argument, NULL, OPT_WATCH},
        {"idle-timeout", required_argument, NULL, OPT_IDLE},
        {"countdown", required_argument, NULL, OPT_COUNTDOWN},
        {"assets", required_argument, NULL, OPT_ASSETS},
        {"renderer", required_argument, NULL, OPT_RENDERER},
        {"trace", no_argument, NULL, OPT_TRACE},
        {"script", required_argument, NULL, OPT_SCRIPT},
        {"screenshot", required_argument, NULL, OPT_SHOT},
        {"screenshot-all", required_argument, NULL, OPT_SHOT_ALL},
        UPDATE_LONG_OPTIONS,
        OPS_LONG_OPTIONS,
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    const char *check_dir = NULL;
    size_t max_errors = KIOSK_MAX_DIAG_PRINTED;
    ui_opts ui = {.content = "content"};
    app_options_default(&ui.app);
    updater_config ucfg;
    updater_config_defaults(&ucfg);
    ucfg.state_dir = "/var/lib/kiosk";
    int update_once = 0;
    int opt;
    while ((opt = getopt_long(argc, argv, "hV", opts, NULL)) != -1) {
        if (opt >= OPT_UPDATE_FIRST && opt <= OPT_UPDATE_LAST) {
            if (parse_update_option(&ucfg, opt, optarg, &update_once) != 0)
                return EXIT_USAGE;
            if (opt == OPT_STATE_DIR)
                ui.state_dir = optarg;
            continue;
        }
        if (opt >= OPT_OPS_FIRST && opt <= OPT_OPS_LAST) {
            if (parse_ops_option(&ui.app, opt, optarg) != 0)
                return EXIT_USAGE;
            continue;
        }
        switch (opt) {
        case OPT_CHECK:
            check_dir = optarg;
            break;
        case OPT_CONTENT:
            ui.content = optarg;
            break;
        case OPT_WINDOW:
            if (parse_size(optarg, &ui.app.window_w, &ui.app.window_h) != 0) {
                fprintf(stderr, "kiosk: --window: expected WxH (e.g. 1280x800), got '%s'\n", optarg);
                return EXIT_USAGE;
            }
            break;
        case OPT_WATCH:
            ui.watch = 1;
            break;
        case OPT_IDLE:
        case OPT_COUNTDOWN:
            if (parse_seconds(optarg, opt == OPT_IDLE ? &ui.app.nav.idle_ms : &ui.app.nav.warn_ms)) {
                fprintf(stderr, "kiosk: --%s: expected seconds 1..86400, got '%s'\n",
                        opt == OPT_IDLE ? "idle-timeout" : "countdown", optarg);
                return EXIT_USAGE;
            }
            break;
        case OPT_ASSETS:
            ui.assets = optarg;
            break;
        case OPT_RENDERER:
            if (strcmp(optarg, "auto") == 0)
                ui.app.renderer = APP_RENDER_AUTO;
            else if (strcmp(optarg, "software") == 0)
                ui.app.renderer = APP_RENDER_SOFTWARE;
            else if (strcmp(optarg, "accelerated") == 0)
                ui.app.renderer = APP_RENDER_ACCELERATED;
            else {
                fprintf(stderr, "kiosk: --renderer: expected auto, software or accelerated\n");
                return EXIT_USAGE;
            }
            break;
        case OPT_TRACE:
            ui.app.trace = 1;
            break;
        case OPT_SCRIPT:
            ui.script = optarg;
            break;
        case OPT_SHOT:
            ui.app.screenshot = optarg;
            break;
        case OPT_SHOT_ALL:
            ui.app.screenshot_dir = optarg;
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
    if (ucfg.channel_url) {
        ui.update = &ucfg;
        ui.state_dir = ucfg.state_dir;
    }
    return run_ui(&ui, max_errors);
}
