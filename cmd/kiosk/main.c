/* kiosk — a public information kiosk for town halls.
 *
 * How the program fits together (start reading here):
 *
 *   content tree ────content_load()──► kcontent (content.h, one arena)
 *                                        │
 *   main() builds the settings (config.h: compiled-in defaults, then
 *   --config FILE, then the command line; options.h is the one table of
 *   every setting, which also makes --help and getopt's options) and
 *   picks a mode:
 *     --print-config   print the effective configuration, exit
 *     --check DIR      validate a content tree, print diagnostics, exit
 *     --update-once    one update cycle from the channel (updater.h), exit
 *     --speak-content  every text of the content spoken into a WAV (speech.h), exit
 *     (default)        run the UI on the content (app.h); with --channel the
 *                      updater thread hands new content to the app, with
 *                      metrics configured the exporter thread (health_export.h)
 *                      writes or pushes them; SIGHUP re-reads the configuration
 *                      and the content (reload_cb) and takes over the settings
 *                      the table marks reloadable
 *
 * Where things live (README "Repository layout"):
 *
 *   kiosk/core/     pure: content.h (model) and content_load.h (loader),
 *                   yamltree.h, diag.h (file:line:col), config.h and
 *                   options.h (settings), script.h
 *                   (--script commands), schedule.h (opening hours),
 *                   manifest.h (signed update manifests), klimits.h
 *   kiosk/ui/       pure: nav.h (attract ⇄ menu ⇄ page, idle, language),
 *                   gesture.h (pointer events → gestures), layout.h (scene →
 *                   display list, wrapping, hit targets), rotate.h
 *   kiosk/a11y/     speech mode: reading.h (a scene in reading order, pure),
 *                   explore.h (the focus, pure), narrator.h (what is said when)
 *   kiosk/update/   updater.h: signed content updates, on their own thread
 *   kiosk/platform/ app.h (window, main loop), render.h (SDL drawing),
 *                   sdl_input.h (SDL events → pointer events), voice.h and
 *                   speech.h (espeak-ng through SDL audio), sdnotify.h,
 *                   watch.h (--watch), fsutil.h
 *   kiosk/ops/      health.h (metrics), health_export.h (file, Pushgateway),
 *                   shotup.h (screenshot upload), log.h
 *
 * The pure core (core, ui, a11y) has no SDL, no network, no files and no
 * clock of its own: the Makefile compiles it apart, and a call to any of
 * them there is a compile error (kiosk/core/pure.h).
 *
 * Exit codes: 0 success, 1 failure (bad content, run-time error), 2 usage. */
#include <curl/curl.h>
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
#include "options.h"
#include "content.h"
#include "diag.h"
#include "health.h"
#include "health_export.h"
#include "klimits.h"
#include "log.h"
#include "script.h"
#include "speech.h"
#include "updater.h"
#include "version.h"
#include "watch.h"

#define EXIT_USAGE 2
#define PATH_BUF 4096 /* the kiosk's own bound, like FSUTIL_PATH_MAX */

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

/* --- content updates (updater.h) ----------------------------------------------- */

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


/* --- settings: defaults, then --config FILE, then the command line --------------- */

#define MAX_OVERRIDES 64

/* The command line: every option parsed into `given` (over the defaults),
 * and which rows it set, in order, so a reload (SIGHUP) can lay them over
 * the re-read file again. */
typedef struct cli {
    kiosk_config given;
    const kiosk_option *over[MAX_OVERRIDES];
    size_t n_over;
} cli;

/* Everything a run needs: the settings, and what the updater, the exporter
 * and the app take of them (strings point into cfg, never copied). */
typedef struct settings {
    kiosk_config cfg;
    updater_config upd;
    health_exporter_config hx;
    app_options app;
    const char *state_dir; /* show STATE_DIR/current when there is one */
} settings;

/* Where a setting goes in the updater's, the exporter's or the app's
 * configuration, and how: a text ("" = NULL), a number, seconds as ms, the
 * schedule (display.hours and display.holidays are one). */
typedef enum { TO_TEXT, TO_NUM, TO_MS, TO_SCHEDULE } link_kind;
typedef enum { IN_APP, IN_UPD, IN_HX } link_target;
typedef struct setting_link {
    const char *name; /* the row's key, or its command-line name */
    link_target in;
    size_t at;
    link_kind kind;
} setting_link;

#define APP(f) IN_APP, offsetof(app_options, f)
#define UPD(f) IN_UPD, offsetof(updater_config, f)
#define HX(f) IN_HX, offsetof(health_exporter_config, f)

static const setting_link links[] = {
    {"idle_timeout", APP(nav.idle_ms), TO_MS},
    {"countdown", APP(nav.warn_ms), TO_MS},
    {"default_language", APP(default_lang), TO_NUM},
    {"rotation", APP(rotation), TO_NUM},
    {"display.hours", APP(display), TO_SCHEDULE},
    {"display.wake_on_touch", APP(wake_on_touch), TO_NUM},
    {"speech", APP(speech), TO_NUM},
    {"speech_data", APP(speech_data), TO_TEXT},
    {"warning_sound", APP(warning_sound), TO_NUM},
    {"low_reach", APP(low_reach), TO_NUM},
    {"screenshot_dir", APP(ops_screenshot_dir), TO_TEXT},
    {"screenshot_url", APP(ops_screenshot_url), TO_TEXT},
    {"screenshot_interval", APP(ops_screenshot_interval_s), TO_NUM},
    {"renderer", APP(renderer), TO_NUM},
    {"trace", APP(trace), TO_NUM},
    {"screenshot", APP(screenshot), TO_TEXT},
    {"screenshot-all", APP(screenshot_dir), TO_TEXT},
    {"audio-out", APP(audio_out), TO_TEXT},
    {"channel", UPD(channel_url), TO_TEXT},
    {"public_key", UPD(public_key_file), TO_TEXT},
    {"pinned_server_key", UPD(pinned_public_key), TO_TEXT},
    {"poll_interval", UPD(interval_s), TO_NUM},
    {"update-timeout", UPD(timeout_s), TO_NUM},
    {"update-min-rate", UPD(low_speed_bytes), TO_NUM},
    {"update-ca", UPD(ca_file), TO_TEXT},
    {"metrics_file", HX(metrics_file), TO_TEXT},
    {"pushgateway", HX(pushgateway_url), TO_TEXT},
    {"location", HX(location), TO_TEXT},
    {"metrics_interval", HX(interval_s), TO_NUM},
    {"push-timeout-ms", HX(push_timeout_ms), TO_NUM},
};

_Static_assert(sizeof(app_renderer) == sizeof(int) && APP_RENDER_AUTO == 0 && APP_RENDER_SOFTWARE == 1 &&
                   APP_RENDER_ACCELERATED == 2,
               "--renderer's words are options.c's, in this order");

static const kiosk_option *row(const char *name)
{
    const kiosk_option *o = option_by_key(name);
    return o ? o : option_by_cli(name);
}

/* The links whose row has all of `flags`, from k into the targets given
 * (a NULL target is skipped). */
static void apply_links(const kiosk_config *k, unsigned flags, app_options *app, updater_config *upd,
                        health_exporter_config *hx)
{
    for (size_t i = 0; i < sizeof links / sizeof links[0]; i++) {
        const setting_link *l = &links[i];
        const kiosk_option *o = row(l->name);
        char *base = l->in == IN_APP ? (char *)app : l->in == IN_UPD ? (char *)upd : (char *)hx;
        if (!o)
            abort(); /* a link to no row: a typo here */
        if (!base || (o->flags & flags) != flags)
            continue;
        const char *from = (const char *)k + o->offset;
        void *to = base + l->at;
        switch (l->kind) {
        case TO_TEXT:
            *(const char **)to = *from ? from : NULL;
            break;
        case TO_NUM: /* an int, an unsigned or an enum: one size */
            memcpy(to, from, sizeof(int));
            break;
        case TO_MS:
            *(uint64_t *)to = (uint64_t)*(const unsigned *)(const void *)from * 1000;
            break;
        case TO_SCHEDULE:
            memcpy(to, from, sizeof(schedule));
            break;
        }
    }
}

/* The settings into what the run's parts take. */
static void derive(settings *s)
{
    const kiosk_config *k = &s->cfg;
    app_options_default(&s->app);
    updater_config_defaults(&s->upd);
    health_exporter_config_init(&s->hx);
    apply_links(k, 0, &s->app, &s->upd, &s->hx);
    s->app.window_w = k->window.w;
    s->app.window_h = k->window.h;
    if (k->fake_time.year) {
        struct tm tm = {.tm_year = k->fake_time.year - 1900, .tm_mon = k->fake_time.month - 1,
                        .tm_mday = k->fake_time.day, .tm_hour = k->fake_time.hour,
                        .tm_min = k->fake_time.minute, .tm_isdst = -1};
        time_t t = mktime(&tm);
        s->app.fake_time = t == (time_t)-1 ? 0 : t;
    }
    s->upd.state_dir = k->state_dir[0] ? k->state_dir : "/var/lib/kiosk";
    /* the trickle window may not outlast the whole transfer */
    unsigned t = k->update_timeout_s;
    s->upd.low_speed_time_s = t >= 120 ? 30 : t / 4 ? t / 4 : 1;
    /* the compiled-in id "kiosk" names no one: then the host name does */
    s->hx.kiosk_id = strcmp(k->id, "kiosk") != 0 ? k->id : NULL;
    s->state_dir = s->upd.channel_url ? s->upd.state_dir : k->state_dir[0] ? k->state_dir : NULL;
}

/* The row getopt_long returned: an index into the table, or a short name. */
static const kiosk_option *cli_row(int opt)
{
    if (opt >= 256)
        return &kiosk_options[opt - 256];
    for (size_t i = 0; i < kiosk_n_options; i++)
        if (kiosk_options[i].short_name == opt)
            return &kiosk_options[i];
    return NULL;
}

/* getopt_long's arrays, from the table. */
static void cli_spec(struct option *longs, char *shorts)
{
    size_t n = 0, ns = 0;
    for (size_t i = 0; i < kiosk_n_options && n + 1 < KIOSK_MAX_OPTIONS; i++) {
        const kiosk_option *o = &kiosk_options[i];
        if (!o->cli)
            continue;
        longs[n++] = (struct option){o->cli, o->type == OPT_FLAG ? no_argument : required_argument, NULL,
                                     o->short_name ? o->short_name : (int)(256 + i)};
        if (o->short_name)
            shorts[ns++] = o->short_name;
    }
    longs[n] = (struct option){NULL, 0, NULL, 0};
    shorts[ns] = '\0';
}

/* Parse argv into c. 0, 1 for --help/--version (done), or EXIT_USAGE. */
static int parse_cli(cli *c, int argc, char **argv)
{
    static struct option longs[KIOSK_MAX_OPTIONS];
    char shorts[16], err[256];
    cli_spec(longs, shorts);
    memset(c, 0, sizeof *c);
    config_defaults(&c->given);
    int opt;
    while ((opt = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
        const kiosk_option *o = cli_row(opt);
        if (!o) {
            fprintf(stderr, "Try 'kiosk --help' for more information.\n");
            return EXIT_USAGE;
        }
        if (option_set(&c->given, o, optarg ? optarg : "", err, sizeof err) != 0) {
            if (o->key) /* the message names the file's key: say which option */
                fprintf(stderr, "kiosk: --%s: %s\n", o->cli, err);
            else
                fprintf(stderr, "kiosk: %s\n", err);
            return EXIT_USAGE;
        }
        if (c->given.help) {
            options_help(stdout);
            return 1;
        }
        if (c->given.version) {
            printf("kiosk %s (%s)\n", kiosk_version(), kiosk_revision());
            return 1;
        }
        if (c->n_over == MAX_OVERRIDES) {
            fprintf(stderr, "kiosk: too many options\n");
            return EXIT_USAGE;
        }
        c->over[c->n_over++] = o;
    }
    if (optind < argc) {
        fprintf(stderr, "kiosk: unexpected argument '%s'\nTry 'kiosk --help' for more information.\n",
                argv[optind]);
        return EXIT_USAGE;
    }
    return 0;
}

/* Defaults, the file, the command line. 0, or 1 on errors in the file
 * (printed as file:line:column: error:). */
static int load_settings(settings *s, const cli *c)
{
    config_defaults(&s->cfg);
    if (c->given.config_file[0]) {
        diag_list d;
        diag_init(&d);
        int r = config_load_file(&s->cfg, c->given.config_file, &d);
        diag_print(&d, stderr, c->given.max_errors);
        diag_free(&d);
        if (r != 0)
            return 1;
    }
    for (size_t i = 0; i < c->n_over; i++)
        option_copy(&s->cfg, &c->given, c->over[i]);
    derive(s);
    return 0;
}

/* The tree to show: with a state directory the last tree the updater
 * installed, else the one before, else the content installed with the
 * kiosk. Its path goes to tree; diagnostics of the last attempt to d. */
static kcontent *load_shown(const char *state_dir, const char *content_dir, diag_list *d, char *tree,
                            size_t size)
{
    kcontent *c = NULL;
    for (int which = 0; state_dir && which < 2 && !c; which++) {
        if (updater_state_tree(state_dir, which, tree, size, NULL) != 0)
            continue;
        c = content_load(tree, d);
        if (!c) {
            log_warn("main", "%s does not load (%zu errors); falling back", tree, d->errors);
            diag_free(d);
        }
    }
    if (!c) {
        snprintf(tree, size, "%s", content_dir);
        c = content_load(content_dir, d);
    }
    return c;
}

/* --- SIGHUP: the configuration and the content again ----------------------- */

typedef struct reloader {
    const cli *c;
    kiosk_config *live;    /* the settings in use: SIGHUP takes reloadable keys over */
    const char *state_dir; /* where the tree shown comes from, as at start */
    const char *content_dir;
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

static kcontent *reload_cb(void *ctx, app_options *o)
{
    reloader *r = ctx;
    settings *ns = calloc(1, sizeof *ns);
    log_info("config", "SIGHUP: reloading the configuration and the content");
    if (ns && load_settings(ns, r->c) == 0) {
        log_changes(r->live, &ns->cfg);
        char later[512];
        options_take_reloadable(r->live, &ns->cfg, later, sizeof later);
        if (later[0])
            log_warn("config", "%s: changed, applied on a restart only", later);
        log_set_level(r->live->log_level);
        apply_links(r->live, OPTION_RELOAD, o, NULL, NULL);
    } else {
        log_error("config", "%s has errors (see above): keeping the configuration in use",
                  r->c->given.config_file[0] ? r->c->given.config_file : "the command line");
    }
    free(ns);
    diag_list d;
    diag_init(&d);
    char tree[PATH_BUF];
    kcontent *c = load_shown(r->state_dir, r->content_dir, &d, tree, sizeof tree);
    if (!c) {
        diag_print(&d, stderr, KIOSK_MAX_DIAG_PRINTED);
        log_error("config", "%s: the content has errors: keeping the content shown", tree);
    } else {
        log_info("config", "content reloaded from %s", tree);
    }
    diag_free(&d);
    return c;
}

/* Where operator screenshots go: the configured place, else
 * STATE_DIR/screenshots, else, when they are asked for at all, a private
 * temporary directory (the path is logged). The path is built in buf. */
static const char *ops_screenshot_dir(const app_options *o, const char *state_dir, char *buf, size_t size)
{
    if (o->ops_screenshot_dir)
        return o->ops_screenshot_dir;
    if (state_dir && snprintf(buf, size, "%s/screenshots", state_dir) < (int)size)
        return buf;
    if (!o->ops_screenshot_url && !o->ops_screenshot_interval_s)
        return NULL;
    const char *t = getenv("TMPDIR");
    if (snprintf(buf, size, "%s/kiosk-screenshots.XXXXXX", t && *t ? t : "/tmp") < (int)size && mkdtemp(buf))
        return buf;
    return NULL;
}

/* What runs beside the UI and is stopped after it. */
typedef struct sidecars {
    watch *w;
    updater *upd;
    health_exporter *hx;
} sidecars;

/* New content from the watched tree (--watch), else from SIGHUP and the
 * updater's thread (with a channel); the metrics exporter unless the run
 * only takes pictures. 0, or -1 when the watch cannot start. */
static int start_sidecars(sidecars *sc, settings *s, app_options *o, reloader *rl, diag_list *d)
{
    if (s->cfg.watch) {
        sc->w = watch_new(s->cfg.content_dir);
        if (!sc->w)
            return -1;
        watch_set_diags(sc->w, d);
        o->poll = watch_poll;
        o->poll_diags = watch_diags;
        o->poll_ctx = sc->w;
        o->swap_now = 1;
    } else {
        o->reload = reload_cb;
        o->reload_ctx = rl;
        if (s->upd.channel_url) {
            sc->upd = updater_start(&s->upd);
            if (sc->upd) {
                o->poll = updater_poll;
                o->poll_ctx = sc->upd;
            } /* else logged: the kiosk runs on without updates */
        }
    }
    if (health_exporter_enabled(&s->hx) && !o->script && !o->screenshot && !o->screenshot_dir) {
        char err[256];
        sc->hx = health_exporter_start(&s->hx, err, sizeof err);
        if (!sc->hx) /* monitoring is not worth a dark kiosk */
            log_error("main", "metrics: %s; running without them", err);
    }
    return 0;
}

/* The UI modes: load, then hand everything to app_run(). */
static int run_ui(settings *s, const cli *c)
{
    char assets[PATH_BUF], fonts[PATH_BUF + 8], tree[PATH_BUF], notice[PATH_BUF], shots[PATH_BUF];
    const kiosk_config *k = &s->cfg;
    script sc = {0};
    sidecars side = {0};
    diag_list d;
    int rc = 1;
    diag_init(&d);
    app_options o = s->app;
    const char *given = k->assets_dir[0] ? k->assets_dir : NULL;
    if (find_assets(given, assets, sizeof assets) != 0) {
        fprintf(stderr, "kiosk: cannot find the fonts (fonts/DejaVuSans.ttf) in %s; use --assets DIR\n",
                given ? given : "the usual places");
        goto out;
    }
    snprintf(fonts, sizeof fonts, "%s/fonts", assets);
    o.fonts_dir = fonts;
    if (k->script[0]) {
        if (script_load(k->script, &sc, &d) != 0) {
            diag_print(&d, stderr, k->max_errors);
            rc = EXIT_USAGE;
            goto out;
        }
        o.script = &sc;
    }
    const char *state_dir = k->watch ? NULL : s->state_dir;
    if (state_dir) { /* the updater keeps the channel's emergency notice there */
        snprintf(notice, sizeof notice, "%s/%s", state_dir, UPDATER_NOTICE_FILE);
        o.notice_file = notice;
    }
    o.ops_screenshot_dir = ops_screenshot_dir(&o, state_dir, shots, sizeof shots);
    kcontent *kc = load_shown(state_dir, k->content_dir, &d, tree, sizeof tree);
    if (!kc && !k->watch) {
        diag_print(&d, stderr, k->max_errors);
        fprintf(stderr, "kiosk: %s: the content has errors (see above); nothing to show\n", tree);
        goto out;
    }
    reloader rl = {.c = c, .live = &s->cfg, .state_dir = state_dir, .content_dir = k->content_dir};
    if (start_sidecars(&side, s, &o, &rl, &d) == 0)
        rc = app_run(kc, &o); /* takes kc */
    else
        content_free(kc);
out:
    health_exporter_stop(side.hx);
    updater_stop(side.upd);
    watch_free(side.w);
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
    r = load_settings(&s, &c);
    if (r)
        return r;
    const kiosk_config *k = &s.cfg;
    log_set_level(k->log_level);
    if (k->print_config) {
        config_print(k, stdout);
        return 0;
    }
    if (k->check_dir[0])
        return run_check(k->check_dir, k->max_errors);
    if (k->speak_wav[0])
        return run_speak(k->content_dir, k->speak_wav, k->max_errors);
    char err[256];
    if (health_exporter_enabled(&s.hx) && health_exporter_config_check(&s.hx, err, sizeof err) != 0) {
        fprintf(stderr, "kiosk: %s: metrics: %s\n", k->config_file[0] ? k->config_file : "options", err);
        return 1;
    }
    /* before any thread: curl_global_init is not thread-safe everywhere */
    curl_global_init(CURL_GLOBAL_DEFAULT);
    health_reset(time(NULL));
    r = k->update_once ? run_update_once(&s.upd) : run_ui(&s, &c);
    curl_global_cleanup();
    return r;
}
