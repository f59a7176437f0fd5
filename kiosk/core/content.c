/* content.c — small accessors of the content model (content.h). The loader
 * that builds the model is content_load.c. */
#include "content.h"

#include <stdio.h>
#include <string.h>

#include "arena.h"

static const char *const lang_codes[LANG_COUNT] = {"de", "en", "leicht"};

const char *lang_code(lang l)
{
    return (unsigned)l < LANG_COUNT ? lang_codes[l] : "de";
}

int lang_parse(const char *code, lang *out)
{
    for (int i = 0; i < LANG_COUNT; i++) {
        if (code && strcmp(code, lang_codes[i]) == 0) {
            *out = (lang)i;
            return 0;
        }
    }
    return -1;
}

const char *ktext_get(const ktext *t, lang l)
{
    if ((unsigned)l < LANG_COUNT && t->t[l])
        return t->t[l];
    return t->t[LANG_DE];
}

int ktext_has(const ktext *t, lang l)
{
    return (unsigned)l < LANG_COUNT && t->t[l] != NULL;
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
