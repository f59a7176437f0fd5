/* content_load.c — reads a content tree (content/README.md) into a kcontent,
 * checking everything and reporting every problem with its position.
 *
 * Each YAML file is parsed into a yamltree in a scratch arena that is freed
 * right after the file is checked; only what the model keeps is copied into
 * the model's arena. A file with a syntax error stops only itself: the other
 * files are still checked, so one run of `kiosk --check` shows everything.
 * This file walks the tree and checks kiosk.yaml and attract.yaml; the
 * other checks are in content_values.c, content_media.c and
 * content_domain.c (content_check.h). Files are read through kfile.h. */
#include "content.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "content_check.h"
#include "uistrings.h"
#include "kfile.h"
#include "klimits.h"
#include "yamltree.h"

#define DEFAULT_DURATION_S 8

/* ---- files ------------------------------------------------------------- */

void cl_note_file(cl_loader *L, const char *rel)
{
    if (L->n_used == L->cap_used) {
        size_t ncap = L->cap_used ? L->cap_used * 2 : 32;
        char **p = realloc(L->used, ncap * sizeof(*p));
        if (!p) {
            diag_add(L->d, DIAG_ERROR, rel, 0, 0, "out of memory");
            return;
        }
        L->used = p;
        L->cap_used = ncap;
    }
    if (!(L->used[L->n_used] = strdup(rel)))
        diag_add(L->d, DIAG_ERROR, rel, 0, 0, "out of memory");
    else
        L->n_used++;
}

void cl_note_source(cl_loader *L, const char *s, const ynode *n)
{
    if (!s || L->a != L->c->arena)
        return;
    if (L->n_src == L->cap_src) {
        size_t ncap = L->cap_src ? L->cap_src * 2 : 64;
        ksource *p = realloc(L->src, ncap * sizeof(*p));
        if (!p) {
            diag_add(L->d, DIAG_ERROR, L->file, 0, 0, "out of memory");
            return;
        }
        L->src = p;
        L->cap_src = ncap;
    }
    L->src[L->n_src++] = (ksource){.s = s, .len = strlen(s), .file = L->file,
                                   .line = n->line, .col = n->col};
}

/* Reads a YAML file of the tree into a malloc'd buffer; NULL after
 * reporting. */
static char *read_yaml(cl_loader *L, const char *rel, size_t *len)
{
    kfile_info st;
    char *buf = NULL;
    char *real = kfile_inside(L->rootreal, rel, &st);
    if (!real) {
        if (errno == ENOENT)
            diag_add(L->d, DIAG_ERROR, rel, 0, 0, "missing file");
        else if (errno == EXDEV)
            diag_add(L->d, DIAG_ERROR, rel, 0, 0,
                     "file is outside the content folder (through a "
                     "symbolic link)");
        else
            diag_add(L->d, DIAG_ERROR, rel, 0, 0, "cannot open: %s", strerror(errno));
        return NULL;
    }
    if (st.type != KFILE_REGULAR)
        diag_add(L->d, DIAG_ERROR, rel, 0, 0, "not a regular file");
    else if (st.size > KIOSK_MAX_FILE_BYTES)
        diag_add(L->d, DIAG_ERROR, rel, 0, 0, "file is too big (%lld bytes; the limit is %d)",
                 st.size, KIOSK_MAX_FILE_BYTES);
    else if (kfile_read(real, KIOSK_MAX_FILE_BYTES, KFILE_NOFOLLOW, &buf, len) != 0)
        diag_add(L->d, DIAG_ERROR, rel, 0, 0, "cannot read: %s", strerror(errno));
    else
        cl_note_file(L, rel);
    free(real);
    return buf;
}

/* Parses one file of the tree with a fresh scratch arena (*scratch). */
static ynode *parse_file(cl_loader *L, const char *rel, arena **scratch)
{
    size_t len = 0;
    L->file = rel;
    *scratch = NULL;
    char *buf = read_yaml(L, rel, &len);
    if (!buf)
        return NULL;
    *scratch = arena_new();
    ynode *root = *scratch ? ytree_parse(*scratch, buf, len, rel, L->d) : NULL;
    if (!*scratch)
        diag_add(L->d, DIAG_ERROR, rel, 0, 0, "out of memory");
    free(buf);
    return root;
}

static void load_domain(cl_loader *L, kdomain *dom, const char *id)
{
    arena *scratch;
    dom->id = arena_strdup(L->a, id);
    dom->file = arena_printf(L->a, "domains/%s.yaml", id);
    if (!dom->id || !dom->file)
        return;
    ynode *root = parse_file(L, dom->file, &scratch);
    if (root)
        cl_check_domain(L, root, dom);
    arena_free(scratch);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

struct domain_list {
    cl_loader *L;
    size_t cap, seen;
};

/* One entry of domains/ (kfile_list); non-zero stops the listing. */
static int domain_entry(void *ctx, const char *name)
{
    struct domain_list *dl = ctx;
    cl_loader *L = dl->L;
    if (name[0] == '.')
        return 0;
    if (++dl->seen > KIOSK_MAX_FILES) {
        diag_add(L->d, DIAG_ERROR, "domains", 0, 0, "more than %d files in this folder",
                 KIOSK_MAX_FILES);
        return 1;
    }
    size_t len = strlen(name);
    char rel[300];
    snprintf(rel, sizeof(rel), "domains/%s", name);
    if (cl_has_ext(name, ".yml")) {
        diag_add(L->d, DIAG_WARNING, rel, 0, 0, "ignored: domain files end in .yaml");
        return 0;
    }
    if (!cl_has_ext(name, ".yaml") || len < 5 || strcmp(name + len - 5, ".yaml") != 0)
        return 0;
    if (!cl_valid_id(name, len - 5)) {
        diag_add(L->d, DIAG_ERROR, rel, 0, 0,
                 "invalid domain file name: the name before .yaml is the domain's id, 1 to %d "
                 "characters a-z, 0-9, '-' and '_'",
                 KIOSK_MAX_ID);
        return 0;
    }
    if (L->n_dfiles == dl->cap) {
        size_t ncap = dl->cap ? dl->cap * 2 : 16;
        char **p = realloc(L->dfiles, ncap * sizeof(*p));
        if (!p)
            return 1;
        L->dfiles = p;
        dl->cap = ncap;
    }
    if (!(L->dfiles[L->n_dfiles] = strndup(name, len - 5)))
        return 1;
    L->n_dfiles++;
    return 0;
}

/* Lists the domains/<id>.yaml files into L->dfiles, sorted; reports odd names. */
static void list_domains(cl_loader *L)
{
    struct domain_list dl = {.L = L};
    size_t n = strlen(L->dir) + sizeof("/domains");
    char *path = malloc(n);
    if (!path)
        return;
    snprintf(path, n, "%s/domains", L->dir);
    /* A missing folder is no error here: each menu entry reports its file. */
    kfile_list(path, domain_entry, &dl);
    free(path);
    if (L->n_dfiles)
        qsort(L->dfiles, L->n_dfiles, sizeof(*L->dfiles), cmp_str);
}

static int has_domain_file(const cl_loader *L, const char *id)
{
    for (size_t i = 0; i < L->n_dfiles; i++)
        if (strcmp(L->dfiles[i], id) == 0)
            return 1;
    return 0;
}

/* ---- kiosk.yaml ------------------------------------------------------------ */

static void check_theme(cl_loader *L, const ynode *n, ktheme *t)
{
    static const char *const keys[] = {"background", "surface", "text", "muted", "accent", NULL};
    kcolor *slots[] = {&t->background, &t->surface, &t->text, &t->muted, &t->accent};
    if (n->kind != YNODE_MAP) {
        cl_err(L, n,
               "expected a mapping of colours (background, surface, text, muted, accent), got %s",
               ynode_describe(n));
        return;
    }
    cl_check_keys(L, n, keys, NULL);
    for (size_t i = 0; keys[i]; i++) {
        const ynode *v = ymap_get(n, keys[i]);
        if (v)
            cl_get_color(L, v, slots[i]);
    }
}

/* Checks kiosk.yaml and loads the domains of its menu, in menu order. */
static void load_kiosk(cl_loader *L)
{
    static const char *const keys[] = {"schema",     "title",      "subtitle", "organisation",
                                       "invitation", "menu_title", "logo",     "default_language",
                                       "theme",      "menu",       "as_of",    "languages", NULL};
    static const char *const required[] = {
        "schema", "title", "organisation", "invitation", "menu_title", "menu", NULL};
    kcontent *c = L->c;
    arena *scratch;
    const ynode *root = parse_file(L, "kiosk.yaml", &scratch), *v;
    if (!root)
        goto done;
    cl_check_keys(L, root, keys, required);
    cl_get_langs(L, ymap_get(root, "languages")); /* before any text */
    long schema;
    if ((v = ymap_get(root, "schema"))) {
        if (ynode_int(v, &schema))
            cl_err(L, v, "expected the schema version 1, got %s", ynode_describe(v));
        else if (schema != 1)
            cl_err(L, v, "unsupported schema version %ld (this kiosk reads schema 1)", schema);
    }
    struct {
        const char *key;
        ktext *out;
    } texts[] = {{"title", &c->title},
                 {"subtitle", &c->subtitle},
                 {"organisation", &c->organisation},
                 {"invitation", &c->invitation},
                 {"menu_title", &c->menu_title}};
    for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
        if ((v = ymap_get(root, texts[i].key)))
            cl_get_text(L, v, texts[i].out);
    if ((v = ymap_get(root, "logo")))
        c->logo = cl_get_image(L, v);
    if ((v = ymap_get(root, "default_language")))
        cl_get_default_lang(L, v);
    if ((v = ymap_get(root, "theme")))
        check_theme(L, v, &c->theme);
    if ((v = ymap_get(root, "as_of"))) /* before the domains: their default */
        cl_get_month(L, v, &c->as_of);

    const ynode *menu = ymap_get(root, "menu");
    if (!menu || cl_get_list(L, menu, 1, KIOSK_MAX_DOMAINS, "domain ids"))
        goto done;
    L->menu_ok = 1;
    c->domains = arena_array(L->a, menu->n, sizeof(kdomain));
    if (!c->domains)
        goto done;
    /* Check the menu entries first: load_domain() changes L->file. */
    const char **ids = calloc(menu->n, sizeof(*ids));
    if (!ids)
        goto done;
    for (size_t i = 0; i < menu->n; i++) {
        const ynode *item = menu->items[i];
        const char *id = cl_get_id(L, item);
        for (size_t j = 0; id && j < i; j++) {
            if (ids[j] && strcmp(ids[j], id) == 0) {
                cl_err(L, item, "domain '%s' is already in the menu (first at line %d, column %d)",
                       id, menu->items[j]->line, menu->items[j]->col);
                id = NULL;
            }
        }
        if (id && !has_domain_file(L, id)) {
            cl_err(L, item, "the menu lists '%s', but there is no domains/%s.yaml", id, id);
            id = NULL;
        }
        ids[i] = id;
    }
    for (size_t i = 0; i < menu->n; i++)
        if (ids[i])
            load_domain(L, &c->domains[c->n_domains++], ids[i]);
    free(ids);
done:
    arena_free(scratch);
}

/* Domain files not in the menu: checked, then dropped, with a warning. */
static void load_unlisted(cl_loader *L)
{
    for (size_t i = 0; i < L->n_dfiles; i++) {
        const char *id = L->dfiles[i];
        if (content_domain_index(L->c, id) >= 0)
            continue;
        char rel[300];
        snprintf(rel, sizeof(rel), "domains/%s.yaml", id);
        if (L->menu_ok)
            diag_add(L->d, DIAG_WARNING, rel, 0, 0,
                     "domain '%s' is not in the menu of kiosk.yaml and is not shown", id);
        arena *model = L->a;
        kdomain unused = {0};
        L->a = arena_new();
        if (L->a)
            load_domain(L, &unused, id);
        arena_free(L->a);
        L->a = model;
    }
}

/* ---- attract.yaml ---------------------------------------------------------- */

static void check_slide(cl_loader *L, const ynode *n, kslide *s)
{
    static const char *const keys[] = {"id",       "title",  "text",  "image", "color",
                                       "duration", "domain", "as_of", NULL};
    static const char *const required[] = {"id", "title", "text", NULL};
    s->color = L->c->theme.background;
    s->duration_ms = DEFAULT_DURATION_S * 1000u;
    s->domain = -1;
    if (n->kind != YNODE_MAP) {
        cl_err(L, n, "expected a slide (a mapping with id, title and text), got %s",
               ynode_describe(n));
        return;
    }
    cl_check_keys(L, n, keys, required);
    const ynode *v;
    if ((v = ymap_get(n, "id")))
        s->id = cl_get_id(L, v);
    if ((v = ymap_get(n, "title")))
        cl_get_text(L, v, &s->title);
    if ((v = ymap_get(n, "text")))
        cl_get_text(L, v, &s->text);
    if ((v = ymap_get(n, "image")))
        s->image = cl_get_picture(L, v);
    if ((v = ymap_get(n, "color")))
        cl_get_color(L, v, &s->color);
    if ((v = ymap_get(n, "duration")))
        cl_get_duration(L, v, &s->duration_ms);
    if ((v = ymap_get(n, "as_of")))
        cl_get_month(L, v, &s->as_of);
    if ((v = ymap_get(n, "domain"))) {
        const char *id = cl_get_id(L, v);
        const char *sid = s->id ? s->id : "?";
        if (!id)
            return;
        s->domain = content_domain_index(L->c, id);
        if (s->domain >= 0) {
            if (!s->as_of.year)
                s->as_of = L->c->domains[s->domain].as_of;
            return;
        }
        if (has_domain_file(L, id)) {
            if (L->menu_ok) /* otherwise kiosk.yaml's menu error says it all */
                cl_err(L, v, "slide '%s' refers to domain '%s', which is not in the menu", sid, id);
        } else {
            cl_err(L, v, "slide '%s' refers to domain '%s', which does not exist", sid, id);
        }
    }
}

static void load_attract(cl_loader *L)
{
    static const char *const keys[] = {"slides", NULL};
    arena *scratch;
    const ynode *root = parse_file(L, "attract.yaml", &scratch), *v;
    if (!root)
        goto done;
    cl_check_keys(L, root, keys, keys);
    v = ymap_get(root, "slides");
    if (!v || cl_get_list(L, v, 1, KIOSK_MAX_SLIDES, "slides"))
        goto done;
    L->c->slides = arena_array(L->a, v->n, sizeof(kslide));
    if (!L->c->slides)
        goto done;
    L->c->n_slides = v->n;
    for (size_t i = 0; i < v->n; i++) {
        kslide *s = &L->c->slides[i];
        check_slide(L, v->items[i], s);
        if (!s->as_of.year)
            s->as_of = L->c->as_of;
        for (size_t j = 0; s->id && j < i; j++) {
            if (L->c->slides[j].id && strcmp(L->c->slides[j].id, s->id) == 0) {
                const ynode *first = ymap_get(v->items[j], "id");
                cl_err(L, ymap_get(v->items[i], "id"),
                       "duplicate slide id '%s' (first at line %d, column %d)", s->id, first->line,
                       first->col);
                break;
            }
        }
    }
done:
    arena_free(scratch);
}

/* ---- the whole tree -------------------------------------------------------- */

/* L->used, sorted and each once, into the model's c->files. */
static void keep_used(cl_loader *L)
{
    kcontent *c = L->c;
    if (L->n_used) {
        qsort(L->used, L->n_used, sizeof(*L->used), cmp_str);
        c->files = arena_array(c->arena, L->n_used, sizeof(*c->files));
    }
    for (size_t i = 0; c->files && i < L->n_used; i++)
        if (c->n_files == 0 || strcmp(c->files[c->n_files - 1], L->used[i]) != 0)
            c->files[c->n_files++] = arena_strdup(c->arena, L->used[i]);
    c->sources = L->n_src ? arena_array(c->arena, L->n_src, sizeof(*c->sources)) : NULL;
    if (c->sources) {
        memcpy(c->sources, L->src, L->n_src * sizeof(*c->sources));
        c->n_sources = L->n_src;
    }
}

static const ktheme default_theme = {
    .background = {0x0d, 0x1b, 0x2a},
    .surface = {0x1b, 0x26, 0x3b},
    .text = {0xf1, 0xf5, 0xf9},
    .muted = {0xa8, 0xb2, 0xc1},
    .accent = {0xf4, 0xa2, 0x61},
};

static void note_strings(void *ctx, const char *rel)
{
    cl_note_file(ctx, rel);
}

kcontent *content_load(const char *dir, diag_list *d)
{
    size_t errors_before = d->errors;
    cl_loader L = {.dir = dir, .d = d};
    arena *a = arena_new();
    kcontent *c = a ? arena_alloc(a, sizeof(*c)) : NULL;
    if (!c) {
        arena_free(a);
        diag_add(d, DIAG_ERROR, dir, 0, 0, "out of memory");
        return NULL;
    }
    c->arena = a;
    c->root = arena_strdup(a, dir);
    c->default_lang = LANG_DE;
    content_default_langs(c);
    c->theme = default_theme;
    L.c = c;
    L.a = a;
    kfile_info st;
    L.rootreal = kfile_real(dir);
    if (!L.rootreal || kfile_stat(L.rootreal, &st) || st.type != KFILE_DIR) {
        diag_add(d, DIAG_ERROR, dir, 0, 0, "cannot open the content folder: %s",
                 L.rootreal ? "not a folder" : strerror(errno));
        goto done;
    }
    list_domains(&L);
    load_kiosk(&L);
    content_strings_of_tree(c, L.rootreal, d, note_strings, &L);
    load_unlisted(&L);
    load_attract(&L);
    keep_used(&L);
done:
    if (arena_failed(a))
        diag_add(d, DIAG_ERROR, dir, 0, 0, "out of memory while loading");
    for (size_t i = 0; i < L.n_dfiles; i++)
        free(L.dfiles[i]);
    free(L.dfiles);
    for (size_t i = 0; i < L.n_used; i++)
        free(L.used[i]);
    free(L.used);
    free(L.src);
    free(L.rootreal);
    diag_sort(d);
    if (d->errors > errors_before) {
        content_free(c);
        return NULL;
    }
    return c;
}
