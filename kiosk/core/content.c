/* content.c — small accessors of the content model (content.h). The loader
 * that builds the model is content_load.c. */
#include "content.h"

#include <stdio.h>
#include <string.h>

#include "arena.h"

/* The three languages every tree had before languages were declared. */
static const klang default_langs[] = {
    {.code = "de", .name = "Deutsch", .voice = "de", .required = 1, .fallback = -1, .variant_of = -1},
    {.code = "en", .name = "English", .voice = "en", .fallback = -1, .variant_of = -1},
    {.code = "leicht", .name = "Leichte Sprache", .voice = "de", .easy = 1, .fallback = -1,
     .variant_of = 0},
};

void content_default_langs(kcontent *c)
{
    size_t n = sizeof default_langs / sizeof default_langs[0];
    memcpy(c->langs, default_langs, sizeof default_langs);
    c->n_langs = n;
}

const klang *content_lang(const kcontent *c, lang l)
{
    if (c && c->n_langs)
        return l < c->n_langs ? &c->langs[l] : &c->langs[0];
    return l < sizeof default_langs / sizeof default_langs[0] ? &default_langs[l] : &default_langs[0];
}

size_t content_n_langs(const kcontent *c)
{
    return c && c->n_langs ? c->n_langs : sizeof default_langs / sizeof default_langs[0];
}

int content_lang_index(const kcontent *c, const char *code)
{
    for (size_t i = 0; code && i < content_n_langs(c); i++)
        if (strcmp(content_lang(c, (lang)i)->code, code) == 0)
            return (int)i;
    return -1;
}

const char *content_lang_code(const kcontent *c, lang l)
{
    return content_lang(c, l)->code;
}

int klang_easy(const kcontent *c, lang l)
{
    return content_lang(c, l)->easy;
}

lang content_second_lang(const kcontent *c)
{
    for (size_t i = 1; i < content_n_langs(c); i++)
        if (!content_lang(c, (lang)i)->easy && content_lang(c, (lang)i)->variant_of != 0)
            return (lang)i;
    return LANG_DE;
}

static int lower_run(const char *s, int min, int max)
{
    int n = 0;
    while (s[n] >= 'a' && s[n] <= 'z')
        n++;
    return n >= min && n <= max ? n : -1;
}

int lang_code_valid(const char *code)
{
    if (!code)
        return 0;
    if (strcmp(code, "leicht") == 0)
        return 1;
    int n = lower_run(code, 2, 3);
    if (n < 0)
        return 0;
    const char *r = code + n;
    if (!*r)
        return 1;
    if (*r++ != '-')
        return 0;
    int upper = r[0] >= 'A' && r[0] <= 'Z' && r[1] >= 'A' && r[1] <= 'Z' && !r[2];
    int digits = r[0] >= '0' && r[0] <= '9' && r[1] >= '0' && r[1] <= '9' && r[2] >= '0' &&
                 r[2] <= '9' && !r[3];
    return upper || digits;
}

const char *ktext_get(const ktext *t, lang l)
{
    if (l < LANG_MAX && t->t[l])
        return t->t[l];
    return t->t[LANG_DE];
}

lang ktext_written_in(const ktext *t, lang l)
{
    if (ktext_has(t, l))
        return l;
    for (int i = 0; l < LANG_MAX && t->t[l] && i < LANG_MAX; i++)
        if (ktext_has(t, (lang)i) && t->t[i] == t->t[l])
            return (lang)i;
    return LANG_DE;
}

int ktext_has(const ktext *t, lang l)
{
    return l < LANG_MAX && t->t[l] != NULL && !(t->filled & (1u << l));
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

int kcolor_parse(const char *s, kcolor *out)
{
    if (!s || s[0] != '#')
        return -1;
    size_t n = strlen(s + 1);
    if (n != 6 && n != 3)
        return -1;
    int v[6] = {0};
    for (size_t i = 0; i < n; i++)
        if ((v[i] = hexval(s[1 + i])) < 0)
            return -1;
    if (n == 3) {
        out->r = (uint8_t)(v[0] * 17);
        out->g = (uint8_t)(v[1] * 17);
        out->b = (uint8_t)(v[2] * 17);
    } else {
        out->r = (uint8_t)(v[0] * 16 + v[1]);
        out->g = (uint8_t)(v[2] * 16 + v[3]);
        out->b = (uint8_t)(v[4] * 16 + v[5]);
    }
    return 0;
}

void content_free(kcontent *c)
{
    if (c)
        arena_free(c->arena); /* the kcontent itself lives in its arena */
}

int content_domain_index(const kcontent *c, const char *id)
{
    for (size_t i = 0; c && id && i < c->n_domains; i++)
        if (c->domains[i].id && strcmp(c->domains[i].id, id) == 0)
            return (int)i;
    return -1;
}

int content_path(const kcontent *c, const char *rel, char *buf, size_t size)
{
    int n = snprintf(buf, size, "%s/%s", c->root, rel);
    return n < 0 || (size_t)n >= size ? -1 : 0;
}

size_t content_page_count(const kcontent *c)
{
    size_t n = 0;
    for (size_t i = 0; c && i < c->n_domains; i++)
        n += c->domains[i].n_pages;
    return n;
}

const ksource *content_source(const kcontent *c, const char *p)
{
    uintptr_t a = (uintptr_t)p;
    for (size_t i = 0; c && p && i < c->n_sources; i++) {
        uintptr_t s = (uintptr_t)c->sources[i].s;
        if (a >= s && a <= s + c->sources[i].len)
            return &c->sources[i];
    }
    return NULL;
}

const ksource *content_source_find(const kcontent *c, const char *text, size_t len)
{
    for (size_t i = 0; c && text && len && i < c->n_sources; i++) {
        const ksource *k = &c->sources[i];
        for (size_t at = 0; at + len <= k->len; at++)
            if (memcmp(k->s + at, text, len) == 0)
                return k;
    }
    return NULL;
}
