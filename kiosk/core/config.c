#include "config.h"

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "content.h"
#include "kfile.h"
#include "suggest.h"
#include "yamltree.h"

typedef enum { T_TEXT, T_ID, T_URL, T_UINT, T_LANG, T_ROTATION, T_BOOL, T_LEVEL } opt_type;

/* One scalar option: its key, where it lives in kiosk_config, its range. */
typedef struct opt {
    const char *key;
    opt_type type;
    size_t offset, size;
    unsigned min, max;
} opt;

#define STR(k, t, f) {k, t, offsetof(kiosk_config, f), sizeof(((kiosk_config *)0)->f), 0, 0}
#define NUM(k, f, lo, hi) {k, T_UINT, offsetof(kiosk_config, f), 0, lo, hi}
#define INT(k, t, f) {k, t, offsetof(kiosk_config, f), 0, 0, 0}

static const opt opts[] = {
    STR("id", T_ID, id),
    STR("location", T_TEXT, location),
    STR("content", T_TEXT, content_dir),
    STR("assets", T_TEXT, assets_dir),
    STR("state_dir", T_TEXT, state_dir),
    STR("channel", T_URL, channel),
    STR("public_key", T_TEXT, public_key),
    STR("pinned_server_key", T_TEXT, pinned_key),
    NUM("poll_interval", poll_interval_s, 10, 86400),
    NUM("idle_timeout", idle_timeout_s, 10, 3600),
    INT("default_language", T_LANG, default_lang),
    INT("rotation", T_ROTATION, rotation),
    STR("metrics_file", T_TEXT, metrics_file),
    STR("pushgateway", T_URL, pushgateway),
    NUM("metrics_interval", metrics_interval_s, 1, 3600),
    STR("screenshot_dir", T_TEXT, screenshot_dir),
    STR("screenshot_url", T_URL, screenshot_url),
    NUM("screenshot_interval", screenshot_interval_s, 0, 86400),
    INT("log_level", T_LEVEL, log_level),
    INT("speech", T_BOOL, speech),
    STR("speech_data", T_TEXT, speech_data),
    INT("warning_sound", T_BOOL, warning_sound),
    INT("low_reach", T_BOOL, low_reach),
};
#define N_OPTS (sizeof(opts) / sizeof(opts[0]))

/* Keys of the top level that are not scalar options. */
static const char *const top_keys[] = {
    "id", "location", "content", "assets", "state_dir", "channel", "public_key",
    "pinned_server_key", "poll_interval", "idle_timeout", "default_language", "rotation",
    "metrics_file", "pushgateway", "metrics_interval", "screenshot_dir", "screenshot_url",
    "screenshot_interval", "log_level", "speech", "speech_data", "warning_sound", "low_reach",
    "display", NULL,
};
static const char *const display_keys[] = {"hours", "holidays", "wake_on_touch", NULL};
static const char *const day_keys[] = {"monday", "tuesday", "wednesday", "thursday",
                                       "friday", "saturday", "sunday", NULL};

void config_defaults(kiosk_config *c)
{
    memset(c, 0, sizeof(*c));
    snprintf(c->id, sizeof(c->id), "kiosk");
    snprintf(c->content_dir, sizeof(c->content_dir), "content");
    c->poll_interval_s = 300;
    c->idle_timeout_s = 60;
    c->default_lang = -1;
    c->metrics_interval_s = 15;
    c->log_level = LOG_INFO;
    c->wake_on_touch = 1;
    c->speech = 1;
    c->warning_sound = 1;
}

static const opt *find_opt(const char *key)
{
    for (size_t i = 0; i < N_OPTS; i++)
        if (strcmp(opts[i].key, key) == 0)
            return &opts[i];
    return NULL;
}

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

static int set_opt(kiosk_config *c, const opt *o, const char *v, char *err, size_t err_size)
{
    char *field = (char *)c + o->offset;
    switch (o->type) {
    case T_TEXT:
    case T_ID:
    case T_URL:
        if (strlen(v) >= o->size) {
            snprintf(err, err_size, "'%s' is too long (at most %zu characters)", o->key, o->size - 1);
            return -1;
        }
        if (o->type == T_ID && !valid_id(v)) {
            snprintf(err, err_size,
                     "invalid %s '%s': use 1 to %d characters a-z, 0-9, '-' and '_'", o->key, v,
                     KIOSK_MAX_ID);
            return -1;
        }
        if (o->type == T_URL && *v && !valid_url(v)) {
            snprintf(err, err_size, "invalid %s '%s': expected an http:// or https:// URL", o->key, v);
            return -1;
        }
        snprintf(field, o->size, "%s", v);
        return 0;
    case T_UINT: {
        char *end;
        unsigned long n = strtoul(v, &end, 10);
        if (!*v || *end || v[0] == '-' || n < o->min || n > o->max) {
            snprintf(err, err_size, "invalid %s '%s': expected a whole number from %u to %u", o->key,
                     v, o->min, o->max);
            return -1;
        }
        *(unsigned *)(void *)field = (unsigned)n;
        return 0;
    }
    case T_LANG: {
        lang l;
        if (!*v) { /* unset: the content decides */
            *(int *)(void *)field = -1;
            return 0;
        }
        if (lang_parse(v, &l) != 0) {
            snprintf(err, err_size, "invalid %s '%s': expected de, en or leicht", o->key, v);
            return -1;
        }
        *(int *)(void *)field = (int)l;
        return 0;
    }
    case T_ROTATION: {
        int r = atoi(v);
        if ((strcmp(v, "0") && strcmp(v, "90") && strcmp(v, "180") && strcmp(v, "270"))) {
            snprintf(err, err_size, "invalid rotation '%s': expected 0, 90, 180 or 270", v);
            return -1;
        }
        *(int *)(void *)field = r;
        return 0;
    }
    case T_BOOL:
        if (strcmp(v, "true") == 0 || strcmp(v, "yes") == 0)
            *(int *)(void *)field = 1;
        else if (strcmp(v, "false") == 0 || strcmp(v, "no") == 0)
            *(int *)(void *)field = 0;
        else {
            snprintf(err, err_size, "invalid %s '%s': expected true or false", o->key, v);
            return -1;
        }
        return 0;
    case T_LEVEL: {
        log_level l;
        if (log_parse_level(v, &l) != 0) {
            snprintf(err, err_size, "invalid %s '%s': expected debug, info, warn or error", o->key, v);
            return -1;
        }
        *(log_level *)(void *)field = l;
        return 0;
    }
    }
    return -1;
}

int config_set(kiosk_config *c, const char *key, const char *value, char *err, size_t err_size)
{
    const opt *o = find_opt(key);
    if (!o) {
        snprintf(err, err_size, "unknown option '%s'", key);
        return -1;
    }
    return set_opt(c, o, value, err, err_size);
}

static void unknown_key(diag_list *d, const char *file, const ynode *k, const char *const *allowed)
{
    const char *s = suggest_closest(k->str, allowed);
    if (s)
        diag_add(d, DIAG_ERROR, file, k->line, k->col, "unknown key '%s' (did you mean '%s'?)", k->str, s);
    else
        diag_add(d, DIAG_ERROR, file, k->line, k->col, "unknown key '%s'", k->str);
}

static int is_known(const char *key, const char *const *allowed)
{
    for (size_t i = 0; allowed[i]; i++)
        if (strcmp(allowed[i], key) == 0)
            return 1;
    return 0;
}

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

static void load_display(kiosk_config *c, const ynode *disp, const char *file, diag_list *d)
{
    char err[256];
    for (size_t i = 0; i < disp->n; i++) {
        const ynode *k = disp->keys[i], *v = disp->items[i];
        if (!is_known(k->str, display_keys)) {
            unknown_key(d, file, k, display_keys);
        } else if (strcmp(k->str, "wake_on_touch") == 0) {
            static const opt wake = {"wake_on_touch", T_BOOL, offsetof(kiosk_config, wake_on_touch), 0, 0, 0};
            if (expect(d, file, v, YNODE_SCALAR, k->str) && set_opt(c, &wake, v->str, err, sizeof(err)))
                diag_add(d, DIAG_ERROR, file, v->line, v->col, "%s", err);
        } else if (strcmp(k->str, "hours") == 0) {
            if (!expect(d, file, v, YNODE_MAP, k->str))
                continue;
            c->display.enabled = 1;
            for (size_t j = 0; j < v->n; j++) {
                const ynode *dk = v->keys[j], *dv = v->items[j];
                int wd = is_known(dk->str, day_keys) ? schedule_weekday(dk->str) : -1;
                if (wd < 0) {
                    unknown_key(d, file, dk, day_keys);
                    continue;
                }
                if (!expect(d, file, dv, YNODE_SCALAR, dk->str))
                    continue;
                if (schedule_parse_day(dv->str, c->display.spans[wd], &c->display.n_spans[wd], err,
                                       sizeof(err)))
                    diag_add(d, DIAG_ERROR, file, dv->line, dv->col, "%s: %s", dk->str, err);
            }
        } else { /* holidays */
            if (!expect(d, file, v, YNODE_SEQ, k->str))
                continue;
            for (size_t j = 0; j < v->n; j++) {
                const ynode *h = v->items[j];
                if (!expect(d, file, h, YNODE_SCALAR, "holidays entry"))
                    continue;
                if (c->display.n_holidays == SCHED_MAX_HOLIDAYS) {
                    diag_add(d, DIAG_ERROR, file, h->line, h->col, "at most %d holidays",
                             SCHED_MAX_HOLIDAYS);
                    break;
                }
                if (schedule_parse_date(h->str, &c->display.holidays[c->display.n_holidays]))
                    diag_add(d, DIAG_ERROR, file, h->line, h->col,
                             "invalid date '%s': expected YYYY-MM-DD", h->str);
                else
                    c->display.n_holidays++;
            }
        }
    }
}

int config_load_file(kiosk_config *c, const char *path, diag_list *d)
{
    size_t errors_before = d->errors;
    char *buf = NULL;
    size_t len = 0;
    arena *a = NULL;
    /* A stream: the configuration may come through a pipe. */
    if (kfile_read(path, KIOSK_MAX_FILE_BYTES, KFILE_STREAM, &buf, &len) != 0) {
        if (errno == EFBIG) {
            diag_add(d, DIAG_ERROR, path, 0, 0, "file is larger than %d bytes",
                     KIOSK_MAX_FILE_BYTES);
        } else if (errno == ENOMEM) {
            diag_add(d, DIAG_ERROR, path, 0, 0, "out of memory");
        } else {
            diag_add(d, DIAG_ERROR, path, 0, 0, "cannot open: %s", strerror(errno));
            return -1;
        }
        goto done;
    }
    a = arena_new();
    if (!a) {
        diag_add(d, DIAG_ERROR, path, 0, 0, "out of memory");
        goto done;
    }
    const ynode *root = ytree_parse(a, buf, len, path, d);
    if (!root)
        goto done;
    char err[256];
    for (size_t i = 0; i < root->n; i++) {
        const ynode *k = root->keys[i], *v = root->items[i];
        if (!is_known(k->str, top_keys)) {
            unknown_key(d, path, k, top_keys);
        } else if (strcmp(k->str, "display") == 0) {
            if (expect(d, path, v, YNODE_MAP, k->str))
                load_display(c, v, path, d);
        } else if (expect(d, path, v, YNODE_SCALAR, k->str)) {
            if (set_opt(c, find_opt(k->str), ynode_is_null(v) ? "" : v->str, err, sizeof(err)))
                diag_add(d, DIAG_ERROR, path, v->line, v->col, "%s", err);
        }
    }
done:
    arena_free(a);
    free(buf);
    diag_sort(d);
    return d->errors > errors_before ? -1 : 0;
}

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

void config_print(const kiosk_config *c, FILE *out)
{
    static const char *const levels[] = {"debug", "info", "warn", "error"};
    fprintf(out, "# effective kiosk configuration\n");
    for (size_t i = 0; i < N_OPTS; i++) {
        const opt *o = &opts[i];
        const char *field = (const char *)c + o->offset;
        fprintf(out, "%s: ", o->key);
        switch (o->type) {
        case T_TEXT:
        case T_ID:
        case T_URL:
            print_quoted(out, field);
            break;
        case T_UINT:
            fprintf(out, "%u", *(const unsigned *)(const void *)field);
            break;
        case T_LANG: {
            int l = *(const int *)(const void *)field;
            fprintf(out, "%s", l < 0 ? "~  # the content's default" : lang_code((lang)l));
            break;
        }
        case T_ROTATION:
            fprintf(out, "%d", *(const int *)(const void *)field);
            break;
        case T_BOOL:
            fprintf(out, "%s", *(const int *)(const void *)field ? "true" : "false");
            break;
        case T_LEVEL:
            fprintf(out, "%s", levels[*(const log_level *)(const void *)field]);
            break;
        }
        fputc('\n', out);
    }
    fprintf(out, "display:\n  wake_on_touch: %s\n", c->wake_on_touch ? "true" : "false");
    if (c->display.enabled) {
        fprintf(out, "  hours:\n");
        for (int wd = 0; wd < 7; wd++) {
            fprintf(out, "    %s: \"", day_keys[wd]);
            if (c->display.n_spans[wd] == 0)
                fprintf(out, "closed");
            for (int j = 0; j < c->display.n_spans[wd]; j++) {
                const sched_span *sp = &c->display.spans[wd][j];
                fprintf(out, "%s%02d:%02d-%02d:%02d", j ? ", " : "", sp->open_min / 60,
                        sp->open_min % 60, sp->close_min / 60, sp->close_min % 60);
            }
            fprintf(out, "\"\n");
        }
    }
    if (c->display.n_holidays) {
        fprintf(out, "  holidays:\n");
        for (int i = 0; i < c->display.n_holidays; i++)
            fprintf(out, "    - %04d-%02d-%02d\n", c->display.holidays[i].year,
                    c->display.holidays[i].month, c->display.holidays[i].day);
    }
}
