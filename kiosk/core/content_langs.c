/* content_langs.c — kiosk.yaml's `languages:` (content_check.h): each
 * declaration checked at its position, the fallback chains resolved, and a
 * text's missing languages filled from them. */
#include <stdio.h>
#include <string.h>

#include "content_check.h"

static const char *const lang_keys[] = {"code",       "name",     "voice",    "direction",
                                        "fallback",   "variant_of", "required", NULL};

const char *const *cl_lang_codes(const kcontent *c, const char **buf)
{
    size_t i = 0;
    for (; i < c->n_langs && i < LANG_MAX; i++)
        buf[i] = c->langs[i].code;
    buf[i] = NULL;
    return buf;
}

const char *cl_lang_list(const kcontent *c, const char *last, char *buf, size_t size)
{
    size_t o = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < c->n_langs && o < size; i++) {
        const char *sep = i == 0 ? "" : i + 1 == c->n_langs ? last : ", ";
        int n = snprintf(buf + o, size - o, "%s%s", sep, c->langs[i].code);
        if (n < 0)
            break;
        o += (size_t)n;
    }
    return buf;
}

/* A scalar value of a declaration's key, or NULL after reporting. */
static const char *scalar(cl_loader *L, const ynode *m, const char *key)
{
    const ynode *v = ymap_get(m, key);
    if (!v)
        return NULL;
    if (v->kind != YNODE_SCALAR || ynode_is_null(v) || !v->len) {
        cl_err(L, v, "expected a string for '%s', got %s", key, ynode_describe(v));
        return NULL;
    }
    return cl_keep(L, v);
}

/* The index of a declared language named by the declaration's key, -1 when
 * absent, -2 after reporting one that is not declared. */
static int named_lang(cl_loader *L, const ynode *m, const char *key)
{
    const ynode *v = ymap_get(m, key);
    if (!v || v->kind != YNODE_SCALAR || ynode_is_null(v))
        return v ? (cl_err(L, v, "expected a language code for '%s'", key), -2) : -1;
    int i = content_lang_index(L->c, v->str);
    if (i >= 0)
        return i;
    const char *buf[LANG_MAX + 1];
    const char *hint = cl_suggest(v->str, cl_lang_codes(L->c, buf));
    cl_clipbuf cb;
    char list[LANG_MAX * (LANG_CODE_MAX + 5)];
    cl_err(L, v, "%s '%s' is not a declared language (%s%s%s)", key, cl_clip(&cb, v->str),
           hint ? "did you mean '" : "the languages are ", hint ? hint : cl_lang_list(L->c, " and ", list, sizeof list),
           hint ? "'?" : "");
    return -2;
}

/* One declaration's code, name and form; 0 when it may be kept. */
static int declare(cl_loader *L, const ynode *m, klang *k)
{
    static const char *const required[] = {"code", "name", NULL};
    cl_clipbuf cb;
    if (m->kind != YNODE_MAP) {
        cl_err(L, m, "expected a language (code, name, ...), got %s", ynode_describe(m));
        return -1;
    }
    cl_check_keys(L, m, lang_keys, required);
    const ynode *code = ymap_get(m, "code");
    k->code = scalar(L, m, "code");
    k->name = scalar(L, m, "name");
    k->line = m->line;
    k->col = m->col;
    k->fallback = k->variant_of = -1;
    if (!k->code || !k->name)
        return -1;
    if (!lang_code_valid(k->code) || strlen(k->code) >= LANG_CODE_MAX) {
        cl_err(L, code,
               "'%s' is not a language code (two or three lowercase letters, optionally "
               "a region: \"de\", \"tr\", \"pt-BR\"; or \"leicht\")",
               cl_clip(&cb, k->code));
        return -1;
    }
    for (size_t i = 0; i < L->c->n_langs; i++)
        if (strcmp(L->c->langs[i].code, k->code) == 0) {
            cl_err(L, code, "language '%s' is declared twice", k->code);
            return -1;
        }
    return 0;
}

/* A declaration's direction, voice and required flag. */
static void properties(cl_loader *L, const ynode *m, klang *k)
{
    cl_clipbuf cb;
    const ynode *v = ymap_get(m, "direction");
    const char *dir = scalar(L, m, "direction");
    if (dir && strcmp(dir, "rtl") == 0)
        k->rtl = 1;
    else if (dir && strcmp(dir, "ltr") != 0)
        cl_err(L, v, "unknown direction '%s' (ltr or rtl)", cl_clip(&cb, dir));
    k->voice = scalar(L, m, "voice");
    if ((v = ymap_get(m, "required"))) {
        int yes = v->kind == YNODE_SCALAR && v->plain && strcmp(v->str, "true") == 0;
        if (!yes && !(v->kind == YNODE_SCALAR && v->plain && strcmp(v->str, "false") == 0))
            cl_err(L, v, "expected true or false for 'required', got %s", ynode_describe(v));
        k->required = yes;
    }
}

/* Each declaration's fallback and variant_of, once every code is known,
 * and every fallback chain followed to its end. */
static void links(cl_loader *L, const ynode *n, const int *at)
{
    kcontent *c = L->c;
    for (size_t i = 0; i < c->n_langs; i++) {
        const ynode *m = n->items[at[i]];
        klang *k = &c->langs[i];
        int f = named_lang(L, m, "fallback"), v = named_lang(L, m, "variant_of");
        if (v >= 0) {
            k->variant_of = v;
            k->easy = 1;
            if (!k->voice)
                k->voice = c->langs[v].voice ? c->langs[v].voice : c->langs[v].code;
        }
        k->fallback = f >= 0 ? f : v >= 0 ? v : -1;
        if (!k->voice)
            k->voice = strcmp(k->code, "leicht") == 0 ? "de" : k->code;
    }
    for (size_t i = 0; i < c->n_langs; i++) {
        int l = (int)i;
        for (size_t steps = 0; l > 0 && steps <= c->n_langs; steps++)
            l = c->langs[l].fallback;
        if (l > 0)
            cl_err(L, ymap_get(n->items[at[i]], "fallback"),
                   "the fallbacks of '%s' go round in a circle; every chain must end at German",
                   c->langs[i].code);
    }
}

void cl_get_langs(cl_loader *L, const ynode *n)
{
    kcontent *c = L->c;
    content_default_langs(c);
    if (!n)
        return;
    if (n->kind != YNODE_SEQ || n->n == 0) {
        cl_err(L, n, "expected a list of languages, German (de) first, got %s", ynode_describe(n));
        return;
    }
    if (n->n > LANG_MAX)
        cl_err(L, n->items[LANG_MAX], "more than %d languages; a kiosk shows at most %d",
               LANG_MAX, LANG_MAX);
    c->n_langs = 0;
    int at[LANG_MAX];
    for (size_t i = 0; i < n->n && i < LANG_MAX; i++) {
        klang k = {0};
        if (declare(L, n->items[i], &k))
            continue;
        properties(L, n->items[i], &k);
        if (c->n_langs == 0 && strcmp(k.code, "de") != 0) {
            cl_err(L, n->items[i], "German (de) must come first: every text falls back to it");
            continue;
        }
        if (c->n_langs == 0)
            k.required = 1;
        at[c->n_langs] = (int)i;
        c->langs[c->n_langs++] = k;
    }
    if (c->n_langs == 0 || strcmp(c->langs[0].code, "de") != 0) {
        if (c->n_langs == 0)
            cl_err(L, n, "German (de) must be declared");
        content_default_langs(c);
        return;
    }
    links(L, n, at);
}

void cl_get_default_lang(cl_loader *L, const ynode *v)
{
    cl_clipbuf cb;
    char list[LANG_MAX * (LANG_CODE_MAX + 5)];
    int l = v->kind == YNODE_SCALAR ? content_lang_index(L->c, v->str) : -1;
    if (v->kind != YNODE_SCALAR || ynode_is_null(v))
        cl_err(L, v, "expected a language (%s), got %s", cl_lang_list(L->c, " or ", list, sizeof list),
               ynode_describe(v));
    else if (l < 0)
        cl_err(L, v, "unknown language '%s' (the languages are %s)", cl_clip(&cb, v->str),
               cl_lang_list(L->c, " and ", list, sizeof list));
    else
        L->c->default_lang = (lang)l;
}

void cl_fill_fallbacks(const kcontent *c, ktext *t)
{
    for (size_t i = 1; i < c->n_langs; i++) {
        if (t->t[i])
            continue;
        int l = c->langs[i].fallback;
        for (size_t steps = 0; l > 0 && !t->t[l] && steps <= c->n_langs; steps++)
            l = c->langs[l].fallback;
        if (l > 0 && t->t[l]) {
            t->t[i] = t->t[l];
            t->filled |= (uint16_t)(1u << i);
        }
    }
}
