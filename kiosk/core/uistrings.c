/* uistrings.c — the UI's own words as data: the tables' reader and their
 * checks (uistrings.h). */
#include "uistrings.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "kfile.h"
#include "klimits.h"
#include "suggest.h"
#include "yamltree.h"

#define KEY_MAX 24

static const char *const names[STR_COUNT] = {
#define KSTRINGS_NAME(name, args) #name,
    KSTRINGS(KSTRINGS_NAME)
#undef KSTRINGS_NAME
};

static const char *const conv[STR_COUNT] = {
#define KSTRINGS_ARGS(name, args) args,
    KSTRINGS(KSTRINGS_ARGS)
#undef KSTRINGS_ARGS
};

/* Every entry's key, lower-cased from its name ("SECONDS_LEFT_N"). */
typedef struct keyset {
    char k[STR_COUNT][KEY_MAX];
    const char *list[STR_COUNT + 1];
} keyset;

static void keys_init(keyset *ks)
{
    for (int i = 0; i < STR_COUNT; i++)
        ks->list[i] = uistrings_key((str_id)i, ks->k[i], KEY_MAX);
    ks->list[STR_COUNT] = NULL;
}

const char *uistrings_key(str_id id, char *buf, size_t size)
{
    size_t j = 0;
    for (; (unsigned)id < STR_COUNT && names[id][j] && j + 1 < size; j++)
        buf[j] = (char)tolower((unsigned char)names[id][j]);
    buf[j] = '\0';
    return buf;
}

const char *uistrings_args(str_id id)
{
    return (unsigned)id < STR_COUNT ? conv[id] : "";
}

int uistrings_args_match(const char *text, const char *args)
{
    char got[64];
    size_t n = 0;
    got[0] = '\0';
    for (const char *p = text; *p; p++) {
        if (*p != '%')
            continue;
        p++;
        if (*p == '%')
            continue;
        const char *c = *p == 'd' ? "d" : *p == 's' ? "s" : strncmp(p, "zu", 2) == 0 ? "zu" : NULL;
        if (!c)
            return 0; /* a flag, a width, another conversion: never what an entry takes */
        p += strlen(c) - 1;
        int w = snprintf(got + n, sizeof got - n, "%s%s", n ? " " : "", c);
        if (w < 0 || (size_t)w >= sizeof got - n)
            return 0;
        n += (size_t)w;
    }
    return strcmp(got, args) == 0;
}

static int key_index(const keyset *ks, const char *key)
{
    for (int i = 0; i < STR_COUNT; i++)
        if (strcmp(ks->k[i], key) == 0)
            return i;
    return -1;
}

/* One entry of the strings: mapping; 0 when it was kept. */
static int entry(arena *a, const keyset *ks, const ynode *k, const ynode *v, const char *file,
                 kstrtab *out, diag_list *d)
{
    char clip[YTREE_CLIP + 8];
    int id = key_index(ks, k->str);
    if (id < 0) {
        const char *hint = suggest_closest(k->str, ks->list);
        diag_add(d, DIAG_ERROR, file, k->line, k->col, "unknown string '%s'%s%s%s",
                 ytree_clip(k->str, clip, sizeof clip), hint ? " (did you mean '" : "",
                 hint ? hint : "", hint ? "'?)" : "");
        return -1;
    }
    if (v->kind != YNODE_SCALAR || ynode_is_null(v) || !v->len) {
        diag_add(d, DIAG_ERROR, file, v->line, v->col, "expected a text for '%s', got %s", k->str,
                 ynode_describe(v));
        return -1;
    }
    if (!uistrings_args_match(v->str, conv[id])) {
        diag_add(d, DIAG_ERROR, file, v->line, v->col,
                 "'%s' must take exactly the conversions \"%s\" (%s), in that order", k->str,
                 conv[id], *conv[id] ? "printf's %d, %zu or %s" : "none: write %% for a %");
        return -1;
    }
    out->texts[id] = arena_strndup(a, v->str, v->len);
    return 0;
}

int uistrings_parse(struct arena *a, const char *buf, size_t len, const char *file,
                    const char *code, kstrtab *out, diag_list *d)
{
    size_t before = d->errors;
    arena *scratch = arena_new();
    keyset ks;
    memset(&ks, 0, sizeof ks);
    keys_init(&ks);
    memset(out, 0, sizeof *out);
    out->texts = arena_array(a, STR_COUNT, sizeof *out->texts);
    out->n = STR_COUNT;
    out->file = arena_strdup(a, file);
    const ynode *root = scratch && out->texts ? ytree_parse(scratch, buf, len, file, d) : NULL;
    if (!scratch || !out->texts)
        diag_add(d, DIAG_ERROR, file, 0, 0, "out of memory");
    if (!root)
        goto done;
    for (size_t i = 0; i < root->n; i++)
        if (strcmp(root->keys[i]->str, "language") && strcmp(root->keys[i]->str, "strings"))
            diag_add(d, DIAG_ERROR, file, root->keys[i]->line, root->keys[i]->col,
                     "unknown key '%s' (a strings table has language: and strings:)",
                     root->keys[i]->str);
    const ynode *l = ymap_get(root, "language"), *s = ymap_get(root, "strings");
    if (!l || l->kind != YNODE_SCALAR || strcmp(l->str, code) != 0)
        diag_add(d, DIAG_ERROR, file, l ? l->line : 1, l ? l->col : 1,
                 "expected 'language: %s' (the table of language '%s')", code, code);
    if (!s || s->kind != YNODE_MAP) {
        diag_add(d, DIAG_ERROR, file, s ? s->line : 1, s ? s->col : 1,
                 "expected 'strings:', a mapping of the kiosk's words");
        goto done;
    }
    for (size_t i = 0; i < s->n; i++)
        entry(a, &ks, s->keys[i], s->items[i], file, out, d);
done:
    arena_free(scratch);
    return d->errors > before ? -1 : 0;
}

/* The content's own tables, strings/<code>.yaml, read with the tree (the
 * content's win over the kiosk's). */
void content_strings_of_tree(kcontent *c, const char *root, diag_list *d,
                             void (*note)(void *ctx, const char *rel), void *ctx)
{
    for (size_t l = 0; l < c->n_langs; l++) {
        klang *k = &c->langs[l];
        char *rel = arena_printf(c->arena, "strings/%s.yaml", k->code), *buf = NULL;
        size_t len = 0;
        if (!rel || kfile_read_in(root, rel, KIOSK_MAX_FILE_BYTES, &buf, &len) != 0) {
            if (rel && errno != ENOENT)
                diag_add(d, DIAG_ERROR, rel, 0, 0, "cannot read: %s", strerror(errno));
            continue;
        }
        kstrtab t;
        if (uistrings_parse(c->arena, buf, len, rel, k->code, &t, d) == 0) {
            k->strings = t;
            note(ctx, rel);
        }
        free(buf);
    }
}

int uistrings_read(struct arena *a, const char *dir, const char *code, int required,
                   kstrtab *out, diag_list *d)
{
    char *path = arena_printf(a, "%s/%s.yaml", dir, code), *buf = NULL;
    size_t len = 0;
    if (!path || kfile_read(path, KIOSK_MAX_FILE_BYTES, 0, &buf, &len) != 0) {
        int missing = path && errno == ENOENT;
        if (!missing)
            diag_add(d, required ? DIAG_ERROR : DIAG_WARNING, path ? path : dir, 0, 0,
                     "cannot read the kiosk's own words in '%s': %s", code,
                     path ? strerror(errno) : "out of memory");
        return missing ? 1 : -1;
    }
    int rc = uistrings_parse(a, buf, len, path, code, out, d);
    free(buf);
    return rc;
}

int uistrings_complete(const kstrtab *t, const char *code, int required, diag_list *d)
{
    int missing = 0;
    char list[256] = "";
    size_t o = 0;
    for (int id = 0; t->texts && id < STR_COUNT; id++) {
        if (t->texts[id])
            continue;
        char key[KEY_MAX];
        uistrings_key((str_id)id, key, sizeof key);
        if (missing < 6 && o < sizeof list) {
            int n = snprintf(list + o, sizeof list - o, "%s%s", missing ? ", " : "", key);
            o += n > 0 ? (size_t)n : 0;
        }
        missing++;
    }
    if (missing)
        diag_add(d, required ? DIAG_ERROR : DIAG_WARNING, t->file, 0, 0,
                 "%d of the kiosk's %d words missing in '%s' (%s%s): %s", missing, STR_COUNT, code,
                 list, missing > 6 ? ", ..." : "",
                 required ? "German must have every one" : "they show in its fallback");
    return missing && required ? -1 : 0;
}

int content_load_strings(kcontent *c, const char *dir, diag_list *d)
{
    size_t before = d->errors;
    for (size_t l = 0; l < c->n_langs; l++) {
        klang *k = &c->langs[l];
        kstrtab t;
        int rc = uistrings_read(c->arena, dir, k->code, l == 0 && !k->strings.texts, &t, d);
        if (rc == 0 && !k->strings.texts)
            k->strings = t;
        else if (rc == 0) /* the content's table wins; its gaps are the kiosk's */
            for (size_t id = 0; id < t.n && id < k->strings.n; id++)
                if (!k->strings.texts[id])
                    k->strings.texts[id] = t.texts[id];
        if (rc <= 0 || k->strings.texts)
            continue;
        if (l == 0)
            diag_add(d, DIAG_ERROR, dir, 0, 0,
                     "the kiosk's own words in German (de.yaml) are missing: the installation "
                     "is broken (use --assets DIR)");
        else
            diag_add(d, DIAG_WARNING, "kiosk.yaml", k->line, k->col,
                     "no table of the kiosk's own words for '%s' (neither %s/%s.yaml nor the "
                     "content's strings/%s.yaml): buttons and announcements fall back",
                     k->code, dir, k->code, k->code);
    }
    for (size_t l = 0; l < c->n_langs; l++)
        if (c->langs[l].strings.texts)
            uistrings_complete(&c->langs[l].strings, c->langs[l].code, l == 0, d);
    return d->errors > before ? -1 : 0;
}
