#include "options.h"

#include <stdlib.h>
#include <string.h>

#include "content.h"
#include "logsafe.h"
#include "suggest.h"

#define STR_(x) #x
#define XSTR(x) STR_(x)
#define AT(f) .offset = offsetof(kiosk_config, f), .size = sizeof(((kiosk_config *)0)->f)

static const char *const renderers[] = {"auto", "software", "accelerated", NULL};
static const char *const day_keys[] = {"monday", "tuesday", "wednesday", "thursday",
                                       "friday", "saturday", "sunday", NULL};

/* The order of the rows is the order of --print-config; --help shows them
 * by group, in this order within each. */
const kiosk_option kiosk_options[] = {
    /* modes */
    {.cli = "check", .type = OPT_TEXT, AT(check_dir), .group = OPTG_MODES, .arg = "DIR",
     .help = "validate the content tree DIR, print diagnostics as\n"
             "file:line:column: error: message; exit 0 when clean,\n1 on errors"},
    {.cli = "strict", .type = OPT_FLAG, AT(strict), .group = OPTG_MODES,
     .help = "with --check: warnings (a text cut off on a screen,\n"
             "too long to read, a file nothing uses) exit 1 too"},
    {.cli = "speak-content", .type = OPT_TEXT, AT(speak_wav), .group = OPTG_MODES, .arg = "WAV",
     .help = "speak every text of the content (slides, menu, pages)\n"
             "in each declared language with its voice into the WAV\n"
             "file, each language also into one beside it (x.wav:\n"
             "x.de.wav, x.tr.wav, ...), and exit"},
    {.cli = "help", .short_name = 'h', .type = OPT_FLAG, AT(help), .group = OPTG_MODES,
     .help = "show this help and exit"},
    {.cli = "version", .short_name = 'V', .type = OPT_FLAG, AT(version), .group = OPTG_MODES,
     .help = "show the version and exit"},
    {.cli = "screenshot", .type = OPT_TEXT, AT(screenshot), .group = OPTG_OUTPUT, .arg = "FILE",
     .help = "save the first frame as PNG and exit"},
    {.cli = "screenshot-all", .type = OPT_TEXT, AT(screenshot_all), .group = OPTG_OUTPUT, .arg = "DIR",
     .help = "save every scene (attract, menu, each page, idle\ncountdown) as PNG into DIR and exit"},
    {.cli = "script", .type = OPT_TEXT, AT(script), .group = OPTG_OUTPUT, .arg = "FILE",
     .help = "drive the UI from FILE (tap X Y, swipe X1 Y1 X2 Y2 MS,\n"
             "wait MS, shot FILE.png, quit; X, Y relative 0..1),\n"
             "on a virtual clock, then exit; also hold2 X Y MS\n(two fingers held) and doubletap X Y"},
    {.cli = "audio-out", .type = OPT_TEXT, AT(audio_out), .group = OPTG_OUTPUT, .arg = "WAV",
     .help = "write everything the kiosk says to WAV (with\n"
             "--script: speech is synthesized only with this)"},
    {.cli = "config", .type = OPT_TEXT, AT(config_file), .group = OPTG_CONFIG, .arg = "FILE",
     .help = "read the configuration (YAML, see tools/kiosk.yaml.example);\n"
             "errors as file:line:column: error: message, exit 1"},
    {.cli = "print-config", .type = OPT_FLAG, AT(print_config), .group = OPTG_CONFIG,
     .help = "print the effective configuration and exit"},

    /* the settings, in the file's order */
    {.key = "id", .cli = "kiosk-id", .type = OPT_ID, AT(id), .def = "kiosk", .group = OPTG_METRICS,
     .arg = "ID", .help = "this kiosk's name in the metrics (default: host name)"},
    {.key = "location", .cli = "location", .type = OPT_TEXT, AT(location), .group = OPTG_METRICS,
     .arg = "TEXT", .help = "where this kiosk stands, e.g. \"Rathaus, Foyer\""},
    {.key = "content", .cli = "content", .type = OPT_TEXT, AT(content_dir), .def = "content",
     .group = OPTG_OPTIONS, .arg = "DIR", .help = "content tree to show (default: {})"},
    {.cli = "window", .type = OPT_SIZE, AT(window), .min = 64, .max = 16384, .group = OPTG_OPTIONS,
     .arg = "WxH", .help = "a window of that size instead of fullscreen (preview;\nEscape or q closes it)"},
    {.key = "assets", .cli = "assets", .type = OPT_TEXT, AT(assets_dir), .group = OPTG_OPTIONS,
     .arg = "DIR",
     .help = "where fonts/ is (default: next to the program, ./assets,\nor " KIOSK_DATADIR "/assets)"},
    {.key = "state_dir", .cli = "state-dir", .type = OPT_TEXT, AT(state_dir), .group = OPTG_UPDATES,
     .arg = "DIR",
     .help = "where updates live (default /var/lib/kiosk); with a channel\n"
             "or this option the kiosk shows DIR/current (else\nDIR/previous, else --content)"},
    {.key = "channel", .cli = "channel", .type = OPT_URL, AT(channel), .group = OPTG_UPDATES,
     .arg = "URL", .help = "channel to poll, e.g. https://content.example/kiosk/rathaus/"},
    {.key = "channel_name", .cli = "update-channel-name", .type = OPT_TEXT, AT(channel_name),
     .group = OPTG_UPDATES, .arg = "NAME",
     .help = "the channel name its manifests must carry (default: the\nlast part of the channel URL)"},
    {.key = "public_key", .cli = "public-key", .type = OPT_TEXT, AT(public_key), .group = OPTG_UPDATES,
     .arg = "FILE", .help = "the publisher's kiosk.pub; manifests must be signed with it"},
    {.key = "root_key", .cli = "root-key", .type = OPT_TEXT, AT(root_key), .group = OPTG_UPDATES,
     .arg = "FILE",
     .help = "instead of --public-key: the root.pub that signs the list\n"
             "of publishing keys (keys.list beside the channels)"},
    {.key = "pinned_server_key", .cli = "update-pin", .type = OPT_TEXT, AT(pinned_key),
     .group = OPTG_UPDATES, .arg = "PIN", .help = "TLS public key pin of the server (sha256//BASE64)"},
    {.key = "poll_interval", .cli = "update-interval", .type = OPT_UINT, AT(poll_interval_s), .min = 1,
     .max = 86400, .def = "300", .group = OPTG_UPDATES, .arg = "S",
     .help = "seconds between polls (default {}, jittered)"},
    {.cli = "update-timeout", .type = OPT_UINT, AT(update_timeout_s), .min = 1, .max = 604800,
     .def = "120", .group = OPTG_UPDATES, .arg = "S", .help = "limit for one download (default {})"},
    {.cli = "update-cycle-timeout", .type = OPT_UINT, AT(update_cycle_timeout_s), .min = 1, .max = 604800,
     .def = "300", .group = OPTG_UPDATES, .arg = "S",
     .help = "limit for a whole update cycle, every request (default {})"},
    {.cli = "update-min-rate", .type = OPT_UINT, AT(update_min_rate), .min = 1, .max = 604800,
     .def = "256", .group = OPTG_UPDATES, .arg = "B",
     .help = "abort a download slower than B bytes/s (default {})"},
    {.cli = "update-ca", .type = OPT_TEXT, AT(update_ca), .group = OPTG_UPDATES, .arg = "FILE",
     .help = "CA certificates for the server (default: the system's)"},
    {.cli = "update-once", .type = OPT_FLAG, AT(update_once), .group = OPTG_UPDATES,
     .help = "run one update cycle and exit: 0 updated or already\n"
             "current, 1 failed (the reason is logged)"},
    {.key = "idle_timeout", .cli = "idle-timeout", .type = OPT_UINT, AT(idle_timeout_s), .min = 1,
     .max = 3600, .def = "60", .flags = OPTION_RELOAD, .group = OPTG_OPTIONS, .arg = "SEC",
     .help = "seconds without a touch before the countdown back to\nthe attract loop (default {})"},
    {.cli = "countdown", .type = OPT_UINT, AT(countdown_s), .min = 1, .max = 86400, .def = "10",
     .group = OPTG_OPTIONS, .arg = "SEC", .help = "length of that countdown (default {})"},
    {.key = "default_language", .type = OPT_LANG, AT(default_lang), .def = "", .flags = OPTION_RELOAD},
    {.key = "rotation", .cli = "rotation", .type = OPT_ROTATION, AT(rotation), .def = "0",
     .flags = OPTION_RELOAD, .group = OPTG_OPTIONS, .arg = "DEG",
     .help = "0, 90, 180 or 270: the picture turned clockwise to suit\n"
             "how the screen is mounted; touch is turned back"},
    {.cli = "watch", .type = OPT_FLAG, AT(watch), .group = OPTG_OPTIONS,
     .help = "reload the content when its files change and show\nits errors on screen (for content authors)"},
    {.cli = "renderer", .type = OPT_CHOICE, AT(renderer), .def = "auto", .group = OPTG_OPTIONS,
     .arg = "KIND", .choices = renderers,
     .help = "auto, software or accelerated (default auto: software\n"
             "under X11 and headless, the GPU under KMSDRM/Wayland)"},
    {.cli = "trace", .type = OPT_FLAG, AT(trace), .group = OPTG_OPTIONS,
     .help = "print scene changes and tap targets on stdout"},
    {.cli = "fake-time", .type = OPT_TIME, AT(fake_time), .group = OPTG_OPTIONS, .arg = "T",
     .help = "for tests: start the display schedule's clock at T\n(\"YYYY-MM-DD HH:MM\", local time)"},
    {.cli = "max-errors", .type = OPT_UINT, AT(max_errors), .min = 1, .max = KIOSK_MAX_DIAG_STORED,
     .def = XSTR(KIOSK_MAX_DIAG_PRINTED), .group = OPTG_OPTIONS, .arg = "N",
     .help = "print at most N diagnostics (default {})"},
    {.key = "metrics_file", .cli = "metrics-file", .type = OPT_TEXT, AT(metrics_file),
     .group = OPTG_METRICS, .arg = "FILE",
     .help = "write metrics to FILE (*.prom) for node_exporter's\n"
             "textfile collector, atomically, every interval"},
    {.key = "pushgateway", .cli = "pushgateway", .type = OPT_URL, AT(pushgateway), .group = OPTG_METRICS,
     .arg = "URL", .help = "push metrics to the Pushgateway at URL every interval"},
    {.key = "metrics_interval", .cli = "metrics-interval", .type = OPT_UINT, AT(metrics_interval_s),
     .min = 1, .max = 3600, .def = "15", .group = OPTG_METRICS, .arg = "S",
     .help = "seconds between metrics updates (default {})"},
    {.cli = "push-timeout-ms", .type = OPT_UINT, AT(push_timeout_ms), .min = 100, .max = 60000,
     .def = "5000", .group = OPTG_METRICS, .arg = "MS",
     .help = "give up a push after MS milliseconds (default {})"},
    {.key = "screenshot_dir", .cli = "screenshot-dir", .type = OPT_TEXT, AT(screenshot_dir),
     .group = OPTG_OPS, .arg = "DIR",
     .help = "save the screen as DIR/screen.png on SIGUSR1 and on the\n"
             "timer (default STATE_DIR/screenshots with a state dir,\n"
             "else a new temporary directory when asked for below)"},
    {.key = "screenshot_url", .cli = "screenshot-url", .type = OPT_URL, AT(screenshot_url),
     .group = OPTG_OPS, .arg = "URL",
     .help = "upload each such screenshot there with HTTP PUT (a URL\nending in / gets screen.png appended)"},
    {.key = "screenshot_interval", .cli = "screenshot-interval", .type = OPT_UINT,
     AT(screenshot_interval_s), .min = 0, .max = 86400, .def = "0", .group = OPTG_OPS, .arg = "S",
     .help = "also every S seconds (default: only on SIGUSR1)"},
    {.key = "log_level", .type = OPT_LEVEL, AT(log_level), .def = "info", .flags = OPTION_RELOAD},
    {.key = "speech", .type = OPT_BOOL, AT(speech), .def = "true"},
    {.key = "speech_data", .type = OPT_TEXT, AT(speech_data)},
    {.key = "warning_sound", .type = OPT_BOOL, AT(warning_sound), .def = "true", .flags = OPTION_RELOAD},
    {.key = "low_reach", .type = OPT_BOOL, AT(low_reach), .def = "false", .flags = OPTION_RELOAD},
    {.key = "display", .type = OPT_SECTION},
    {.key = "display.wake_on_touch", .type = OPT_BOOL, AT(wake_on_touch), .def = "true",
     .flags = OPTION_RELOAD},
    {.key = "display.hours", .type = OPT_HOURS, AT(display), .flags = OPTION_RELOAD},
    {.key = "display.holidays", .type = OPT_HOLIDAYS, AT(display), .flags = OPTION_RELOAD},
};
const size_t kiosk_n_options = sizeof(kiosk_options) / sizeof(kiosk_options[0]);
_Static_assert(sizeof(kiosk_options) / sizeof(kiosk_options[0]) < KIOSK_MAX_OPTIONS,
               "raise KIOSK_MAX_OPTIONS");

const kiosk_option *option_by_key(const char *key)
{
    for (size_t i = 0; i < kiosk_n_options; i++)
        if (kiosk_options[i].key && strcmp(kiosk_options[i].key, key) == 0)
            return &kiosk_options[i];
    return NULL;
}

const kiosk_option *option_by_cli(const char *name)
{
    for (size_t i = 0; i < kiosk_n_options; i++)
        if (kiosk_options[i].cli && strcmp(kiosk_options[i].cli, name) == 0)
            return &kiosk_options[i];
    return NULL;
}

const char *option_name(const kiosk_option *o)
{
    const char *dot = o->key ? strchr(o->key, '.') : NULL;
    return dot ? dot + 1 : o->key ? o->key : o->cli;
}

/* How a message names the option: its key, else "--name". */
static const char *label(const kiosk_option *o, char *buf, size_t size)
{
    if (o->key)
        return option_name(o);
    snprintf(buf, size, "--%s", o->cli);
    return buf;
}

/* ---- values ------------------------------------------------------------------ */

static int valid_id(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > KIOSK_MAX_ID)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        int ok = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || (i > 0 && (ch == '-' || ch == '_'));
        if (!ok)
            return 0;
    }
    return 1;
}

static int valid_url(const char *s)
{
    if (strncmp(s, "http://", 7) != 0 && strncmp(s, "https://", 8) != 0)
        return 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p <= ' ' || *p == 0x7f)
            return 0;
    return strlen(s) > 8;
}

/* A whole number from min to max, nothing else: 0, or -1. */
static int parse_uint(const char *v, unsigned min, unsigned max, unsigned *out)
{
    char *end;
    unsigned long n = strtoul(v, &end, 10);
    if (!*v || *end || v[0] == '-' || n < min || n > max)
        return -1;
    *out = (unsigned)n;
    return 0;
}

static int set_text(const kiosk_option *o, const char *name, char *field, const char *v, char *err, size_t err_size)
{
    if (strlen(v) >= o->size) {
        snprintf(err, err_size, "'%s' is too long (at most %zu characters)", name, o->size - 1);
        return -1;
    }
    if (o->type == OPT_ID && !valid_id(v)) {
        snprintf(err, err_size, "invalid %s '%s': use 1 to %d characters a-z, 0-9, '-' and '_'", name, v,
                 KIOSK_MAX_ID);
        return -1;
    }
    if (o->type == OPT_URL && *v && !valid_url(v)) {
        char shown[256]; /* an error is printed: no password in it */
        logsafe_url(shown, sizeof(shown), v);
        snprintf(err, err_size, "invalid %s '%s': expected an http:// or https:// URL", name, shown);
        return -1;
    }
    snprintf(field, o->size, "%s", v);
    return 0;
}

/* "a, b or c" */
static void join_choices(const char *const *w, char *out, size_t size)
{
    out[0] = '\0';
    for (size_t i = 0; w[i]; i++) {
        size_t len = strlen(out);
        snprintf(out + len, size - len, "%s%s", i == 0 ? "" : w[i + 1] ? ", " : " or ", w[i]);
    }
}

static int set_choice(const kiosk_option *o, const char *name, int *field, const char *v, char *err, size_t err_size)
{
    for (int i = 0; o->choices[i]; i++)
        if (strcmp(o->choices[i], v) == 0) {
            *field = i;
            return 0;
        }
    char words[128];
    join_choices(o->choices, words, sizeof(words));
    snprintf(err, err_size, "invalid %s '%s': expected %s", name, v, words);
    return -1;
}

static int set_size(const kiosk_option *o, const char *name, config_size *field, const char *v, char *err, size_t err_size)
{
    char *end;
    long a = strtol(v, &end, 10), b = 0;
    int ok = end != v && (*end == 'x' || *end == 'X');
    if (ok) {
        const char *p = end + 1;
        b = strtol(p, &end, 10);
        ok = end != p && !*end && a >= o->min && b >= o->min && a <= o->max && b <= o->max;
    }
    if (!ok) {
        snprintf(err, err_size, "invalid %s '%s': expected WxH (e.g. 1280x800), each from %u to %u",
                 name, v, o->min, o->max);
        return -1;
    }
    field->w = (int)a;
    field->h = (int)b;
    return 0;
}

static int set_time(const char *name, config_time *field, const char *v, char *err, size_t err_size)
{
    config_time t;
    char extra;
    if (sscanf(v, "%d-%d-%d %d:%d%c", &t.year, &t.month, &t.day, &t.hour, &t.minute, &extra) != 5 ||
        t.year < 1970 || t.year > 9999 || t.month < 1 || t.month > 12 || t.day < 1 || t.day > 31 ||
        t.hour < 0 || t.hour > 23 || t.minute < 0 || t.minute > 59) {
        snprintf(err, err_size, "invalid %s '%s': expected \"YYYY-MM-DD HH:MM\"", name, v);
        return -1;
    }
    *field = t;
    return 0;
}

/* The small enumerations: language, rotation, boolean, log level. */
static int set_word(const kiosk_option *o, const char *name, void *field, const char *v, char *err, size_t err_size)
{
    const char *expected = NULL;
    int *n = field;
    log_level lv;
    switch (o->type) {
    case OPT_ROTATION:
        if (strcmp(v, "0") && strcmp(v, "90") && strcmp(v, "180") && strcmp(v, "270"))
            expected = "0, 90, 180 or 270";
        else
            *n = atoi(v);
        break;
    case OPT_BOOL:
        if (strcmp(v, "true") == 0 || strcmp(v, "yes") == 0)
            *n = 1;
        else if (strcmp(v, "false") == 0 || strcmp(v, "no") == 0)
            *n = 0;
        else
            expected = "true or false";
        break;
    default: /* OPT_LEVEL */
        if (log_parse_level(v, &lv) == 0)
            *(log_level *)field = lv;
        else
            expected = "debug, info, warn or error";
        break;
    }
    if (!expected)
        return 0;
    snprintf(err, err_size, "invalid %s '%s': expected %s", name, v, expected);
    return -1;
}

int option_set(kiosk_config *c, const kiosk_option *o, const char *v, char *err, size_t err_size)
{
    void *field = (char *)c + o->offset;
    char buf[48];
    const char *name = label(o, buf, sizeof(buf));
    switch (o->type) {
    case OPT_TEXT:
    case OPT_ID:
    case OPT_URL:
        return set_text(o, name, field, v, err, err_size);
    case OPT_LANG: /* a code; "" (unset): the content decides */
        if (*v && !lang_code_valid(v)) {
            snprintf(err, err_size,
                     "invalid %s '%s': expected a language code the content declares "
                     "(de, en, leicht, tr, ...)",
                     name, v);
            return -1;
        }
        return set_text(o, name, field, v, err, err_size);
    case OPT_UINT:
        if (parse_uint(v, o->min, o->max, field) == 0)
            return 0;
        snprintf(err, err_size, "invalid %s '%s': expected a whole number from %u to %u", name, v,
                 o->min, o->max);
        return -1;
    case OPT_FLAG:
        *(int *)field = 1;
        return 0;
    case OPT_SIZE:
        return set_size(o, name, field, v, err, err_size);
    case OPT_CHOICE:
        return set_choice(o, name, field, v, err, err_size);
    case OPT_TIME:
        return set_time(name, field, v, err, err_size);
    case OPT_HOURS:
    case OPT_HOLIDAYS:
    case OPT_SECTION:
        snprintf(err, err_size, "'%s' has structure: set it in the configuration file", name);
        return -1;
    default:
        return set_word(o, name, field, v, err, err_size);
    }
}

/* ---- structured values: the display schedule ----------------------------------- */

static const ynode *expect(diag_list *d, const char *file, const ynode *n, ynode_kind kind,
                           const char *key)
{
    if (n && n->kind == kind)
        return n;
    static const char *const what[] = {"a single value", "a list", "a mapping"};
    diag_add(d, DIAG_ERROR, file, n ? n->line : 0, n ? n->col : 0, "'%s' must be %s, not %s", key,
             what[kind], ynode_describe(n));
    return NULL;
}

static void unknown_key(diag_list *d, const char *file, const ynode *k, const char *const *allowed)
{
    const char *s = suggest_closest(k->str, allowed);
    if (s)
        diag_add(d, DIAG_ERROR, file, k->line, k->col, "unknown key '%s' (did you mean '%s'?)", k->str, s);
    else
        diag_add(d, DIAG_ERROR, file, k->line, k->col, "unknown key '%s'", k->str);
}

static void set_hours(schedule *s, const ynode *v, const char *file, diag_list *d)
{
    char err[256];
    s->enabled = 1;
    for (size_t j = 0; j < v->n; j++) {
        const ynode *dk = v->keys[j], *dv = v->items[j];
        int wd = schedule_weekday(dk->str);
        if (wd < 0 || strcmp(dk->str, day_keys[wd]) != 0) {
            unknown_key(d, file, dk, day_keys);
            continue;
        }
        if (!expect(d, file, dv, YNODE_SCALAR, dk->str))
            continue;
        if (schedule_parse_day(dv->str, s->spans[wd], &s->n_spans[wd], err, sizeof(err)))
            diag_add(d, DIAG_ERROR, file, dv->line, dv->col, "%s: %s", dk->str, err);
    }
}

static void set_holidays(schedule *s, const ynode *v, const char *file, diag_list *d)
{
    for (size_t j = 0; j < v->n; j++) {
        const ynode *h = v->items[j];
        if (!expect(d, file, h, YNODE_SCALAR, "holidays entry"))
            continue;
        if (s->n_holidays == SCHED_MAX_HOLIDAYS) {
            diag_add(d, DIAG_ERROR, file, h->line, h->col, "at most %d holidays", SCHED_MAX_HOLIDAYS);
            break;
        }
        if (schedule_parse_date(h->str, &s->holidays[s->n_holidays]))
            diag_add(d, DIAG_ERROR, file, h->line, h->col, "invalid date '%s': expected YYYY-MM-DD", h->str);
        else
            s->n_holidays++;
    }
}

void option_set_node(kiosk_config *c, const kiosk_option *o, const ynode *v, const char *file,
                     diag_list *d)
{
    char err[256];
    const char *name = option_name(o);
    schedule *s = (schedule *)(void *)((char *)c + o->offset);
    if (o->type == OPT_HOURS) {
        if (expect(d, file, v, YNODE_MAP, name))
            set_hours(s, v, file, d);
    } else if (o->type == OPT_HOLIDAYS) {
        if (expect(d, file, v, YNODE_SEQ, name))
            set_holidays(s, v, file, d);
    } else if (expect(d, file, v, YNODE_SCALAR, name) &&
               option_set(c, o, ynode_is_null(v) ? "" : v->str, err, sizeof(err))) {
        diag_add(d, DIAG_ERROR, file, v->line, v->col, "%s", err);
    }
}

/* ---- the file: a YAML tree walked by the table ------------------------------------ */

/* The keys of one level, NULL-terminated: section "" is the top level
 * (with "display" itself), else the keys under that section. */
static void level_keys(const char *section, const char **names)
{
    size_t n = 0, slen = strlen(section);
    for (size_t i = 0; i < kiosk_n_options; i++) {
        const char *k = kiosk_options[i].key, *dot = k ? strchr(k, '.') : NULL;
        if (k && !slen && !dot)
            names[n++] = k;
        else if (k && slen && dot && (size_t)(dot - k) == slen && strncmp(k, section, slen) == 0)
            names[n++] = dot + 1;
    }
    names[n] = NULL;
}

void options_load_tree(kiosk_config *c, const ynode *map, const char *section, const char *file,
                       diag_list *d)
{
    const char *names[KIOSK_MAX_OPTIONS];
    char full[96];
    level_keys(section, names);
    for (size_t i = 0; i < map->n; i++) {
        const ynode *k = map->keys[i], *v = map->items[i];
        snprintf(full, sizeof(full), "%s%s%s", section, *section ? "." : "", k->str);
        /* "display.hours" is the table's name, not the file's */
        const kiosk_option *o = strchr(k->str, '.') ? NULL : option_by_key(full);
        if (!o)
            unknown_key(d, file, k, names);
        else if (o->type != OPT_SECTION)
            option_set_node(c, o, v, file, d);
        else if (expect(d, file, v, YNODE_MAP, k->str))
            options_load_tree(c, v, o->key, file, d);
    }
}

/* ---- printing ------------------------------------------------------------------------ */

/* A YAML double-quoted scalar, so any value prints back safely. */
static void print_quoted(FILE *out, const char *s)
{
    fputc('"', out);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            fprintf(out, "\\%c", *s);
        else if ((unsigned char)*s < 0x20)
            fprintf(out, "\\x%02x", (unsigned char)*s);
        else
            fputc(*s, out);
    }
    fputc('"', out);
}

static void print_schedule(const kiosk_option *o, const schedule *s, FILE *out)
{
    if (o->type == OPT_HOURS && s->enabled) {
        fprintf(out, "  hours:\n");
        for (int wd = 0; wd < 7; wd++) {
            fprintf(out, "    %s: \"", day_keys[wd]);
            if (s->n_spans[wd] == 0)
                fprintf(out, "closed");
            for (int j = 0; j < s->n_spans[wd]; j++) {
                const sched_span *sp = &s->spans[wd][j];
                fprintf(out, "%s%02d:%02d-%02d:%02d", j ? ", " : "", sp->open_min / 60,
                        sp->open_min % 60, sp->close_min / 60, sp->close_min % 60);
            }
            fprintf(out, "\"\n");
        }
    }
    if (o->type == OPT_HOLIDAYS && s->n_holidays) {
        fprintf(out, "  holidays:\n");
        for (int i = 0; i < s->n_holidays; i++)
            fprintf(out, "    - %04d-%02d-%02d\n", s->holidays[i].year, s->holidays[i].month,
                    s->holidays[i].day);
    }
}

void option_print(const kiosk_config *c, const kiosk_option *o, FILE *out)
{
    const void *field = (const char *)c + o->offset;
    const int *n = field;
    if (o->type == OPT_HOURS || o->type == OPT_HOLIDAYS) {
        print_schedule(o, field, out);
        return;
    }
    if (o->type == OPT_SECTION) {
        fprintf(out, "%s:\n", o->key);
        return;
    }
    fprintf(out, "%s%s: ", strchr(o->key, '.') ? "  " : "", option_name(o));
    switch (o->type) {
    case OPT_UINT:
        fprintf(out, "%u", *(const unsigned *)field);
        break;
    case OPT_LANG:
        fprintf(out, "%s", *(const char *)field ? (const char *)field : "~  # the content's default");
        break;
    case OPT_ROTATION:
        fprintf(out, "%d", *n);
        break;
    case OPT_BOOL:
        fprintf(out, "%s", *n ? "true" : "false");
        break;
    case OPT_LEVEL:
        fprintf(out, "%s", log_level_name(*(const log_level *)field));
        break;
    default: /* text; the command line's own types have no key */
        print_quoted(out, field);
        break;
    }
    fputc('\n', out);
}

int option_equal(const kiosk_config *a, const kiosk_config *b, const kiosk_option *o)
{
    const char *fa = (const char *)a + o->offset, *fb = (const char *)b + o->offset;
    if (o->type == OPT_TEXT || o->type == OPT_ID || o->type == OPT_URL)
        return strcmp(fa, fb) == 0;
    return memcmp(fa, fb, o->size) == 0;
}

void option_copy(kiosk_config *dst, const kiosk_config *src, const kiosk_option *o)
{
    memcpy((char *)dst + o->offset, (const char *)src + o->offset, o->size);
}

void options_take_reloadable(kiosk_config *live, const kiosk_config *next, char *later, size_t size)
{
    later[0] = '\0';
    for (size_t i = 0; i < kiosk_n_options; i++) {
        const kiosk_option *o = &kiosk_options[i];
        if (!o->key || option_equal(live, next, o))
            continue;
        if (o->flags & OPTION_RELOAD) {
            option_copy(live, next, o);
        } else {
            size_t n = strlen(later);
            snprintf(later + n, size - n, "%s%s", n ? ", " : "", o->key);
        }
    }
}

/* ---- --help -------------------------------------------------------------------------- */

static const char *const group_heads[OPTG_COUNT] = {
    [OPTG_MODES] = "Usage: kiosk [OPTION]...\n"
                   "Public information kiosk: shows the content tree fullscreen, touch to browse.\n"
                   "\n"
                   "Modes:\n"
                   "  (default)            run the kiosk fullscreen on the content tree\n",
    [OPTG_OUTPUT] = "\n",
    [OPTG_CONFIG] = "\nConfiguration: compiled-in defaults, then the --config file, then the\n"
                    "options below, each overriding the one before.\n",
    [OPTG_OPTIONS] = "\nOptions:\n",
    [OPTG_UPDATES] = "\nContent updates (see docs/updates.md):\n",
    [OPTG_METRICS] = "\nMetrics (Prometheus):\n",
    [OPTG_OPS] = "\nSignals: SIGTERM and SIGINT quit; SIGHUP re-reads the configuration and the\n"
                 "content (a configuration with errors is logged and the old one kept).\n"
                 "Under systemd (Type=notify) the kiosk reports READY=1 after its first frame\n"
                 "and feeds WatchdogSec= from its main loop. SIGUSR1 saves a screenshot.\n",
};

/* One option: "  --name ARG" in a column of 20, then its help, every
 * further line indented to the same column; "{}" is the default. */
static void help_option(const kiosk_option *o, FILE *out)
{
    char head[64];
    snprintf(head, sizeof(head), "%s%s--%s%s%s", o->short_name ? "-" : "",
             o->short_name ? (char[]){o->short_name, ',', ' ', '\0'} : "", o->cli, o->arg ? " " : "",
             o->arg ? o->arg : "");
    fprintf(out, strlen(head) > 20 ? "  %s  " : "  %-20s ", head);
    for (const char *p = o->help; *p; p++) {
        if (p[0] == '{' && p[1] == '}') {
            fputs(o->def, out);
            p++;
        } else {
            fputc(*p, out);
            if (*p == '\n')
                fprintf(out, "%23s", "");
        }
    }
    fputc('\n', out);
}

/* The keys SIGHUP applies at once (a section's by its name), wrapped. */
static void help_reload(FILE *out)
{
    int col = fprintf(out, "SIGHUP applies at once:");
    const char *last = NULL;
    int last_len = 0;
    for (size_t i = 0; i < kiosk_n_options; i++) {
        const kiosk_option *o = &kiosk_options[i];
        if (!(o->flags & OPTION_RELOAD))
            continue;
        const char *dot = strchr(o->key, '.');
        int len = dot ? (int)(dot - o->key) : (int)strlen(o->key);
        if (last && len == last_len && strncmp(last, o->key, (size_t)len) == 0)
            continue; /* one more key of the same section */
        if (last)
            col += fprintf(out, ",");
        col = col + len + 1 > 78 ? fprintf(out, "\n") - 1 : col + fprintf(out, " ");
        col += fprintf(out, "%.*s", len, o->key);
        last = o->key;
        last_len = len;
    }
    fprintf(out, ";%sthe rest of the file on a restart.\n", col + 36 > 78 ? "\n" : " ");
}

void options_help(FILE *out)
{
    for (int g = 0; g < OPTG_COUNT; g++) {
        fputs(group_heads[g], out);
        if (g == OPTG_OPS) {
            help_reload(out);
            fputs("\nOperations (see docs/operations.md):\n", out);
        }
        for (size_t i = 0; i < kiosk_n_options; i++)
            if (kiosk_options[i].cli && kiosk_options[i].group == (option_group)g)
                help_option(&kiosk_options[i], out);
    }
    fputs("\nExit status: 0 success, 1 failure, 2 usage error.\n", out);
}
