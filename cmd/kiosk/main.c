/* kiosk — a public information kiosk for town halls.
 *
 * How the program fits together (start reading here):
 *
 *   content tree ────content_load()──► kcontent (content.h, one arena)
 *                                        │
 *   main() builds the settings (settings.h, beside this file: compiled-in
 *   defaults, then --config FILE, then the command line; options.h is the
 *   one table of every setting, which also makes --help and getopt's
 *   options) and picks a mode:
 *     --print-config   print the effective configuration, exit
 *     --check DIR      validate a content tree as the screen will show it
 *                      (check.h), print diagnostics, exit; --strict: warnings fail
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
 *   kiosk/core/     pure: content.h (model and loader), kfile.h (the core's
 *                   one edge to files), yamltree.h, diag.h (file:line:col),
 *                   config.h and options.h (settings), script.h (--script
 *                   commands), schedule.h (opening hours), manifest.h
 *                   (signed update manifests), update_reason.h (why an
 *                   update failed: log and metric names), klimits.h
 *   kiosk/ui/       pure: session.h (the UI's state and decisions, no window),
 *                   nav.h (attract ⇄ menu ⇄ page, idle, language),
 *                   touch.h (what a tap may act on), screen.h (the
 *                   typical screen of each size: px per mm),
 *                   gesture.h (pointer events → gestures), layout.h (state →
 *                   scene.h, a display list with hit targets; built by the
 *                   scene_*.h modules with pen.h, widgets.h, wrap.h, color.h),
 *                   kstrings.h (the UI's own words, every language: the
 *                   tables of uistrings.h, read beside the fonts by words.h),
 *                   standby.h, rotate.h
 *   kiosk/a11y/     pure: speech mode: reading.h (a scene in reading order),
 *                   explore.h (the focus), narrator.h (what is said when)
 *   kiosk/update/   updater.h: signed content updates, on their own thread;
 *                   store.h (the state directory), fetch.h (a cycle's HTTP)
 *   kiosk/platform/ app.h (window, main loop; shots.c, scripted.c), render.h,
 *                   sdl_input.h (SDL events → pointer events), voice.h and
 *                   speech.h (espeak-ng through SDL audio), sdnotify.h,
 *                   watch.h (--watch), fsutil.h, fsat.h (no link followed
 *                   below a directory), http.h (the one HTTP client)
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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "arena.h"
#include "check.h"
#include "content.h"
#include "diag.h"
#include "health.h"
#include "health_export.h"
#include "http.h"
#include "klimits.h"
#include "log.h"
#include "script.h"
#include "settings.h"
#include "speech.h"
#include "store.h"
#include "uistrings.h"
#include "updater.h"
#include "watch.h"

#define PATH_BUF 4096 /* the kiosk's own bound, like FSUTIL_PATH_MAX */

/* Where --speak-content puts language code's speech: "x.wav" -> "x.tr.wav". */
static int lang_wav(const char *wav, const char *code, char *out, size_t size)
{
    size_t n = strlen(wav);
    int stem = n > 4 && strcmp(wav + n - 4, ".wav") == 0 ? (int)(n - 4) : (int)n;
    return snprintf(out, size, "%.*s.%s.wav", stem, wav, code) < (int)size ? 0 : -1;
}

/* Language l of --speak-content, said into samples [from, to) of the
 * buffer: saved on its own beside wav, one line printed. */
static int save_lang(const speech *sp, const kcontent *c, lang l, const char *wav, size_t from,
                     size_t to, const speech_count *n)
{
    const klang *k = content_lang(c, l);
    if (n->own == 0) {
        printf("%s (%s): no text of its own, not said\n", k->code, k->name);
        return 0;
    }
    char path[PATH_BUF];
    if (lang_wav(wav, k->code, path, sizeof path) != 0) {
        fprintf(stderr, "kiosk: %s: %s\n", wav, strerror(ENAMETOOLONG));
        return -1;
    }
    if (speech_write_wav_part(sp, path, from, to - from) != 0) {
        fprintf(stderr, "kiosk: %s: %s\n", path, strerror(errno));
        return -1;
    }
    int has = speech_has_voice(sp, k->voice);
    printf("%s (%s): voice %s%s%s%s, %zu characters (%zu its own), %.1f s: %s\n", k->code, k->name,
           has ? k->voice : "de", has ? "" : " (espeak-ng has no '", has ? "" : k->voice, has ? "" : "')",
           n->chars, n->own, (double)(to - from) / speech_rate(sp), path);
    return 0;
}

/* --speak-content: the whole content through the speech engine, in each
 * declared language as its visitors read it (speech_say_content), into one
 * WAV and each language into a WAV of its own beside it; prints what was
 * said, for the record. A language with no text of its own (everything
 * its fallback's) is not said: that would be its fallback's speech again. */
static int run_speak(const char *dir, const char *wav, size_t max_errors)
{
    diag_list d;
    diag_init(&d);
    int rc = 1;
    speech *sp = NULL;
    kcontent *c = content_load(dir, &d);
    diag_print(&d, stderr, max_errors);
    if (!c || !(sp = speech_new(NULL)))
        goto out;
    size_t at[LANG_MAX + 1], chars = 0;
    speech_count n[LANG_MAX];
    for (size_t l = 0; l < c->n_langs; l++) {
        speech_samples(sp, &at[l]);
        n[l] = (speech_count){0, 0};
        if (speech_say_content(sp, c, (lang)l, &n[l]) != 0)
            goto out;
        if (n[l].own == 0)
            speech_truncate(sp, at[l]);
        else
            chars += n[l].chars;
    }
    speech_samples(sp, &at[c->n_langs]);
    if (speech_write_wav(sp, wav) != 0) {
        fprintf(stderr, "kiosk: %s: %s\n", wav, strerror(errno));
        goto out;
    }
    for (size_t l = 0; l < c->n_langs; l++)
        if (save_lang(sp, c, (lang)l, wav, at[l], at[l + 1], &n[l]) != 0)
            goto out;
    printf("%s: %zu characters, %.1f s at %d Hz\n", wav, chars, (double)at[c->n_langs] / speech_rate(sp),
           speech_rate(sp));
    rc = 0;
out:
    speech_free(sp);
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

static int has_fonts(const char *dir)
{
    char path[PATH_BUF];
    struct stat st;
    if (snprintf(path, sizeof path, "%s/fonts/NotoSans-Regular.ttf", dir) >= (int)sizeof path)
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
    const settings_cli *c;
    settings *live;        /* the settings in use: SIGHUP takes reloadable ones over */
    const char *state_dir; /* where the tree shown comes from, as at start */
    const char *content_dir;
    updater *upd;          /* keeps the trees of the state directory, or NULL */
} reloader;

static generation *reload_cb(void *ctx, app_options *o)
{
    reloader *r = ctx;
    log_info("config", "SIGHUP: reloading the configuration and the content");
    if (settings_reload(r->live, r->c, o) != 0)
        log_error("config", "%s has errors (see above): keeping the configuration in use",
                  r->c->given.config_file[0] ? r->c->given.config_file : "the command line");
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
 * updater's thread (with a channel: new generations, notice changes, and
 * the tree of the generation shown kept while it is); the metrics exporter
 * unless the run only takes pictures. 0, or -1 when the watch cannot start. */
static int start_sidecars(sidecars *sc, settings *s, app_options *o, reloader *rl, diag_list *d, generation *shown)
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
                o->notice_poll = updater_poll_notice;
                o->notice_ctx = sc->upd;
                updater_adopt(sc->upd, shown);
                rl->upd = sc->upd; /* SIGHUP's generations too */
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

/* --check: the content as the screen will show it (check.h), measured
 * with the fonts the screen uses. */
static int run_check(const kiosk_config *k)
{
    char assets[PATH_BUF], fonts[PATH_BUF + 8], words[PATH_BUF + 8];
    const char *given = k->assets_dir[0] ? k->assets_dir : NULL;
    if (find_assets(given, assets, sizeof assets) != 0) {
        fprintf(stderr, "kiosk: cannot find the fonts (fonts/NotoSans-Regular.ttf) in %s; use --assets DIR\n",
                given ? given : "the usual places");
        return 1;
    }
    snprintf(fonts, sizeof fonts, "%s/fonts", assets);
    snprintf(words, sizeof words, "%s/strings", assets);
    return check_content(k->check_dir, fonts, words, k->strict, k->max_errors);
}

/* The kiosk's own words in German (assets/strings/de.yaml) are part of its
 * installation, like the fonts: without them it does not start. */
static int german_words(const char *dir)
{
    diag_list d;
    diag_init(&d);
    arena *a = arena_new();
    kstrtab t;
    int rc = a ? uistrings_read(a, dir, "de", 1, &t, &d) : -1;
    if (rc == 0 && uistrings_complete(&t, "de", 1, &d) != 0)
        rc = -1;
    diag_print(&d, stderr, 20);
    if (rc != 0)
        fprintf(stderr, "kiosk: the kiosk's own words in German (%s/de.yaml) are %s; "
                        "reinstall the kiosk or use --assets DIR\n",
                dir, rc == 1 ? "missing" : "unusable");
    diag_free(&d);
    arena_free(a);
    return rc == 0 ? 0 : 1;
}

/* The UI modes: load, then hand everything to app_run(). */
static int run_ui(settings *s, const settings_cli *c)
{
    char assets[PATH_BUF], fonts[PATH_BUF + 8], words[PATH_BUF + 8], tree[PATH_BUF], shots[PATH_BUF];
    const kiosk_config *k = &s->cfg;
    script sc = {0};
    sidecars side = {0};
    diag_list d;
    int rc = 1;
    diag_init(&d);
    app_options o = s->app;
    const char *given = k->assets_dir[0] ? k->assets_dir : NULL;
    if (find_assets(given, assets, sizeof assets) != 0) {
        fprintf(stderr, "kiosk: cannot find the fonts (fonts/NotoSans-Regular.ttf) in %s; use --assets DIR\n",
                given ? given : "the usual places");
        goto out;
    }
    snprintf(fonts, sizeof fonts, "%s/fonts", assets);
    snprintf(words, sizeof words, "%s/strings", assets);
    o.fonts_dir = fonts;
    o.strings_dir = words;
    if (german_words(words) != 0)
        goto out;
    if (k->script[0]) {
        if (script_load(k->script, &sc, &d) != 0) {
            diag_print(&d, stderr, k->max_errors);
            rc = EXIT_USAGE;
            goto out;
        }
        o.script = &sc;
    }
    const char *state_dir = k->watch ? NULL : s->state_dir;
    o.ops_screenshot_dir = ops_screenshot_dir(&o, state_dir, shots, sizeof shots);
    generation *kc = load_generation(state_dir, k->content_dir, NULL, &d, tree, sizeof tree);
    if (!kc && !k->watch) {
        diag_print(&d, stderr, k->max_errors);
        fprintf(stderr, "kiosk: %s: the content has errors (see above); nothing to show\n", tree);
        goto out;
    }
    reloader rl = {.c = c, .live = s, .state_dir = state_dir, .content_dir = k->content_dir};
    if (start_sidecars(&side, s, &o, &rl, &d, kc) == 0)
        rc = app_run(kc, &o); /* takes kc */
    else
        generation_release(kc);
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
    static settings_cli c;
    static settings s;
    int r = settings_parse_cli(&c, argc, argv);
    if (r)
        return r == 1 ? 0 : r;
    r = settings_load(&s, &c);
    if (r)
        return r;
    const kiosk_config *k = &s.cfg;
    log_set_level(k->log_level);
    if (k->print_config) {
        config_print(k, stdout);
        return 0;
    }
    if (k->check_dir[0])
        return run_check(k);
    if (k->speak_wav[0])
        return run_speak(k->content_dir, k->speak_wav, k->max_errors);
    char err[256];
    if (health_exporter_enabled(&s.hx) && health_exporter_config_check(&s.hx, err, sizeof err) != 0) {
        fprintf(stderr, "kiosk: %s: metrics: %s\n", k->config_file[0] ? k->config_file : "options", err);
        return 1;
    }
    /* before any thread: libcurl's global set-up is not thread-safe everywhere */
    http_global_init();
    health_reset(time(NULL));
    r = k->update_once ? run_update_once(&s.upd) : run_ui(&s, &c);
    http_global_cleanup();
    return r;
}
