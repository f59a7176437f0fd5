#include "settings.h"

#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "log.h"
#include "version.h"

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
    {"default_language", APP(default_lang), TO_TEXT},
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
    {"channel_name", UPD(channel_name), TO_TEXT},
    {"public_key", UPD(public_key_file), TO_TEXT},
    {"root_key", UPD(root_key_file), TO_TEXT},
    {"pinned_server_key", UPD(pinned_public_key), TO_TEXT},
    {"poll_interval", UPD(interval_s), TO_NUM},
    {"update-timeout", UPD(timeout_s), TO_NUM},
    {"update-cycle-timeout", UPD(cycle_timeout_s), TO_NUM},
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
static void cli_spec(struct option *longs, char *shorts, size_t shorts_size)
{
    size_t n = 0, ns = 0;
    for (size_t i = 0; i < kiosk_n_options && n + 1 < KIOSK_MAX_OPTIONS; i++) {
        const kiosk_option *o = &kiosk_options[i];
        if (!o->cli)
            continue;
        longs[n++] = (struct option){o->cli, o->type == OPT_FLAG ? no_argument : required_argument, NULL,
                                     o->short_name ? o->short_name : (int)(256 + i)};
        if (o->short_name && ns + 1 < shorts_size)
            shorts[ns++] = o->short_name;
    }
    longs[n] = (struct option){NULL, 0, NULL, 0};
    shorts[ns] = '\0';
}

/* The flag an option's value names when getopt took the flag as that
 * value ("--check --strict DIR"), or NULL. */
static const kiosk_option *flag_named(const char *value)
{
    for (size_t i = 0; value && strncmp(value, "--", 2) == 0 && i < kiosk_n_options; i++)
        if (kiosk_options[i].cli && kiosk_options[i].type == OPT_FLAG &&
            strcmp(kiosk_options[i].cli, value + 2) == 0)
            return &kiosk_options[i];
    return NULL;
}

/* Records option o with value v in c. 0, or the exit status. */
static int take(settings_cli *c, const kiosk_option *o, const char *v)
{
    char err[256];
    if (option_set(&c->given, o, v, err, sizeof err) != 0) {
        if (o->key) /* the message names the file's key: say which option */
            fprintf(stderr, "kiosk: --%s: %s\n", o->cli, err);
        else
            fprintf(stderr, "kiosk: %s\n", err);
        return EXIT_USAGE;
    }
    if (c->n_over == SETTINGS_MAX_OVERRIDES) {
        fprintf(stderr, "kiosk: too many options\n");
        return EXIT_USAGE;
    }
    c->over[c->n_over++] = o;
    return 0;
}

int settings_parse_cli(settings_cli *c, int argc, char **argv)
{
    static struct option longs[KIOSK_MAX_OPTIONS];
    char shorts[16];
    cli_spec(longs, shorts, sizeof shorts);
    memset(c, 0, sizeof *c);
    config_defaults(&c->given);
    int opt, r;
    const kiosk_option *pending = NULL; /* its value follows the options */
    while ((opt = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
        const kiosk_option *o = cli_row(opt), *flag = flag_named(optarg);
        if (!o) {
            fprintf(stderr, "Try 'kiosk --help' for more information.\n");
            return EXIT_USAGE;
        }
        if (flag && !pending) { /* "--check --strict DIR": the flag, and DIR later */
            pending = o;
            o = flag;
        }
        if ((r = take(c, o, o == flag ? "" : optarg ? optarg : "")) != 0)
            return r;
        if (c->given.help) {
            options_help(stdout);
            return 1;
        }
        if (c->given.version) {
            printf("kiosk %s (%s)\n", kiosk_version(), kiosk_revision());
            return 1;
        }
    }
    if (pending && optind == argc) {
        fprintf(stderr, "kiosk: --%s needs %s\nTry 'kiosk --help' for more information.\n",
                pending->cli, pending->arg ? pending->arg : "a value");
        return EXIT_USAGE;
    }
    if (pending && (r = take(c, pending, argv[optind++])) != 0)
        return r;
    if (optind < argc) {
        fprintf(stderr, "kiosk: unexpected argument '%s'\nTry 'kiosk --help' for more information.\n",
                argv[optind]);
        return EXIT_USAGE;
    }
    return 0;
}

int settings_load(settings *s, const settings_cli *c)
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

int settings_reload(settings *s, const settings_cli *c, app_options *app)
{
    settings *next = calloc(1, sizeof *next);
    int rc = -1;
    if (next && settings_load(next, c) == 0) {
        char later[512];
        log_changes(&s->cfg, &next->cfg);
        options_take_reloadable(&s->cfg, &next->cfg, later, sizeof later);
        if (later[0])
            log_warn("config", "%s: changed, applied on a restart only", later);
        log_set_level(s->cfg.log_level);
        apply_links(&s->cfg, OPTION_RELOAD, app, NULL, NULL);
        rc = 0;
    }
    free(next);
    return rc;
}
