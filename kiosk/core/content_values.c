/* content_values.c — the content loader's checks of keys and single values
 * (content_check.h): texts in their languages, ids, colours, durations and
 * the length of lists, each reported at its position with a suggestion
 * where a typo is likely. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "content_check.h"
#include "klimits.h"
#include "suggest.h"

#define MIN_DURATION_S 2
#define MAX_DURATION_S 120

void cl_err(cl_loader *L, const ynode *n, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    diag_add(L->d, DIAG_ERROR, L->file, n ? n->line : 0, n ? n->col : 0, "%s", buf);
}

const char *cl_clip(cl_clipbuf *b, const char *s)
{
    return ytree_clip(s, b->s, sizeof(b->s));
}

/* ---- keys and suggestions ---------------------------------------------- */

/* The allowed word closest to s, when it is close enough to be a typo.
 * Case is ignored ("Title", "EN"): every allowed word is lower case. */
const char *cl_suggest(const char *s, const char *const *allowed)
{
    char low[KIOSK_MAX_ID + 1];
    size_t n = strlen(s);
    if (n > KIOSK_MAX_ID)
        return NULL;
    for (size_t i = 0; i <= n; i++)
        low[i] = (char)tolower((unsigned char)s[i]);
    return suggest_closest(low, allowed);
}

int cl_in_list(const char *s, const char *const *list)
{
    for (size_t i = 0; list && list[i]; i++)
        if (strcmp(s, list[i]) == 0)
            return 1;
    return 0;
}

/* Reports an unknown key; returns the allowed key it is a typo of, or NULL. */
const char *cl_unknown_key(cl_loader *L, const ynode *key, const char *const *allowed)
{
    cl_clipbuf cb;
    const char *hint = cl_suggest(key->str, allowed);
    if (hint)
        cl_err(L, key, "unknown key '%s' (did you mean '%s'?)", cl_clip(&cb, key->str), hint);
    else
        cl_err(L, key, "unknown key '%s'", cl_clip(&cb, key->str));
    return hint;
}

/* Reports keys of map not in allowed and required keys missing from it. */
void cl_check_keys(cl_loader *L, const ynode *map, const char *const *allowed,
                   const char *const *required)
{
    const char *typo_for[8] = {0}; /* required keys already explained by a typo */
    size_t n_typos = 0;
    for (size_t i = 0; i < map->n; i++) {
        if (cl_in_list(map->keys[i]->str, allowed))
            continue;
        const char *hint = cl_unknown_key(L, map->keys[i], allowed);
        if (hint && n_typos < 8)
            typo_for[n_typos++] = hint;
    }
    for (size_t i = 0; required && required[i]; i++) {
        int explained = 0;
        for (size_t j = 0; j < n_typos; j++)
            explained |= strcmp(typo_for[j], required[i]) == 0;
        if (!explained && !ymap_key(map, required[i]))
            cl_err(L, map, "missing required key '%s'", required[i]);
    }
}

/* ---- values -------------------------------------------------------------- */

static int blank(const char *s)
{
    for (; *s; s++)
        if (!isspace((unsigned char)*s))
            return 0;
    return 1;
}

const char *cl_keep(cl_loader *L, const ynode *n)
{
    return arena_strndup(L->a, n->str, n->len);
}

/* A text for the screen: without the line break that YAML's block styles
 * (`|`, `>`) leave at the end, which would show as an empty line. */
static const char *keep_text(cl_loader *L, const ynode *n)
{
    size_t len = n->len;
    while (len > 0 && isspace((unsigned char)n->str[len - 1]))
        len--;
    return arena_strndup(L->a, n->str, len);
}

/* A language key of a text's mapping: its index, or -1 after reporting. */
static int text_lang(cl_loader *L, const ynode *k)
{
    int l = content_lang_index(L->c, k->str);
    if (l >= 0)
        return l;
    cl_clipbuf cb;
    const char *buf[LANG_MAX + 1];
    char list[LANG_MAX * (LANG_CODE_MAX + 5)];
    const char *hint = cl_suggest(k->str, cl_lang_codes(L->c, buf));
    if (hint)
        cl_err(L, k, "unknown language '%s' (did you mean '%s'?)", cl_clip(&cb, k->str), hint);
    else
        cl_err(L, k, "unknown language '%s' (the languages are %s)", cl_clip(&cb, k->str),
               cl_lang_list(L->c, " and ", list, sizeof list));
    return -1;
}

/* A text: a plain string (the same in every language) or a mapping of
 * languages with German required. 0 when it is valid. */
int cl_get_text(cl_loader *L, const ynode *n, ktext *out)
{
    memset(out, 0, sizeof(*out));
    if (n->kind == YNODE_SCALAR && !ynode_is_null(n)) {
        if (blank(n->str)) {
            cl_err(L, n, "empty text");
            return -1;
        }
        const char *s = keep_text(L, n);
        cl_note_source(L, s, n);
        for (size_t l = 0; l < L->c->n_langs; l++)
            out->t[l] = s;
        return 0;
    }
    if (n->kind != YNODE_MAP) {
        cl_err(L, n, "expected a text (a string or a mapping of languages), got %s",
               ynode_describe(n));
        return -1;
    }
    int rc = 0, de_seen = 0;
    for (size_t i = 0; i < n->n; i++) {
        const ynode *k = n->keys[i], *v = n->items[i];
        int l = text_lang(L, k);
        if (l < 0) {
            rc = -1;
            continue;
        }
        de_seen |= l == LANG_DE;
        if (v->kind != YNODE_SCALAR || ynode_is_null(v)) {
            cl_err(L, v, "expected a string for '%s', got %s", k->str, ynode_describe(v));
            rc = -1;
        } else if (blank(v->str)) {
            cl_err(L, v, "empty text for '%s'", k->str);
            rc = -1;
        } else {
            out->t[l] = keep_text(L, v);
            cl_note_source(L, out->t[l], v);
        }
    }
    if (!de_seen) {
        cl_err(L, n,
               "missing German text ('de'); German is required, other languages fall back to it");
        rc = -1;
    }
    for (size_t l = 1; l < L->c->n_langs; l++)
        if (L->c->langs[l].required && !out->t[l]) {
            cl_err(L, n, "missing text in '%s' (kiosk.yaml declares it required)",
                   L->c->langs[l].code);
            rc = -1;
        }
    cl_fill_fallbacks(L->c, out);
    return rc;
}

int cl_valid_id(const char *s, size_t len)
{
    /* Explicit ranges, not islower(): ids must not depend on the locale. */
    if (len < 1 || len > KIOSK_MAX_ID || s[0] == '-' || s[0] == '_')
        return 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
            return 0;
    }
    return 1;
}

int cl_get_month(cl_loader *L, const ynode *n, kdate *out)
{
    cl_clipbuf cb;
    int y = 0, m = 0, used = 0;
    if (n->kind != YNODE_SCALAR || ynode_is_null(n)) {
        cl_err(L, n, "expected a month as YYYY-MM (e.g. \"2017-03\"), got %s", ynode_describe(n));
        return -1;
    }
    if (n->len != 7 || sscanf(n->str, "%4d-%2d%n", &y, &m, &used) != 2 || used != 7 ||
        !isdigit((unsigned char)n->str[0]) || !isdigit((unsigned char)n->str[5])) {
        cl_err(L, n, "'%s' is not a month: write it as YYYY-MM (e.g. \"2017-03\")",
               cl_clip(&cb, n->str));
        return -1;
    }
    if (y < 1900 || y > 2999 || m < 1 || m > 12) {
        cl_err(L, n, "'%s' is not a month: the year is 1900 to 2999, the month 01 to 12",
               cl_clip(&cb, n->str));
        return -1;
    }
    *out = (kdate){y, m};
    return 0;
}

/* An id: returns the kept copy, or NULL after reporting. */
const char *cl_get_id(cl_loader *L, const ynode *n)
{
    if (n->kind != YNODE_SCALAR || ynode_is_null(n)) {
        cl_err(L, n, "expected an id, got %s", ynode_describe(n));
        return NULL;
    }
    if (!cl_valid_id(n->str, n->len)) {
        cl_clipbuf cb;
        cl_err(L, n,
               "invalid id '%s': use 1 to %d characters a-z, 0-9, '-' and '_', starting with a "
               "letter or digit",
               cl_clip(&cb, n->str), KIOSK_MAX_ID);
        return NULL;
    }
    return cl_keep(L, n);
}

int cl_get_color(cl_loader *L, const ynode *n, kcolor *out)
{
    if (ynode_is_null(n)) {
        cl_err(L, n,
               "missing colour: write it in quotes, e.g. \"#0a3d62\" (a bare # starts a YAML "
               "comment)");
        return -1;
    }
    if (n->kind != YNODE_SCALAR) {
        cl_err(L, n, "expected a colour \"#rrggbb\", got %s", ynode_describe(n));
        return -1;
    }
    if (kcolor_parse(n->str, out)) {
        cl_clipbuf cb;
        cl_err(L, n, "invalid colour '%s' (expected \"#rrggbb\" or \"#rgb\")",
               cl_clip(&cb, n->str));
        return -1;
    }
    return 0;
}

int cl_get_duration(cl_loader *L, const ynode *n, unsigned *ms)
{
    long v;
    if (n->kind == YNODE_SCALAR && !n->plain) {
        cl_err(L, n,
               "expected a whole number of seconds, got a quoted string (write it without quotes)");
        return -1;
    }
    if (ynode_int(n, &v)) {
        cl_clipbuf cb;
        if (n->kind == YNODE_SCALAR && !ynode_is_null(n))
            cl_err(L, n, "expected a whole number of seconds (%d to %d), got '%s'", MIN_DURATION_S,
                   MAX_DURATION_S, cl_clip(&cb, n->str));
        else
            cl_err(L, n, "expected a whole number of seconds (%d to %d), got %s", MIN_DURATION_S,
                   MAX_DURATION_S, ynode_describe(n));
        return -1;
    }
    if (v < MIN_DURATION_S || v > MAX_DURATION_S) {
        cl_err(L, n, "duration %ld is out of range (%d to %d seconds)", v, MIN_DURATION_S,
               MAX_DURATION_S);
        return -1;
    }
    *ms = (unsigned)v * 1000u;
    return 0;
}

/* A list of at least min and at most max entries. 0 when it is one. */
int cl_get_list(cl_loader *L, const ynode *n, size_t min, size_t max, const char *what)
{
    if (n->kind != YNODE_SEQ) {
        cl_err(L, n, "expected a list of %s, got %s", what, ynode_describe(n));
        return -1;
    }
    if (n->n < min) {
        cl_err(L, n, "the list of %s is empty", what);
        return -1;
    }
    if (n->n > max) {
        cl_err(L, n, "too many %s (%zu; at most %zu)", what, n->n, max);
        return -1;
    }
    return 0;
}
