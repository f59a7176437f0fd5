/* content_load.c — reads a content tree (content/README.md) into a kcontent,
 * checking everything and reporting every problem with its position.
 *
 * Each YAML file is parsed into a yamltree in a scratch arena that is freed
 * right after the file is checked; only what the model keeps is copied into
 * the model's arena. A file with a syntax error stops only itself: the other
 * files are still checked, so one run of `kiosk --check` shows everything. */
#include "content.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "klimits.h"
#include "suggest.h"
#include "yamltree.h"

#define DEFAULT_DURATION_S 8
#define MIN_DURATION_S 2
#define MAX_DURATION_S 120

typedef struct loader {
    const char *dir;
    char *rootreal;   /* realpath of dir (malloc'd), for containment checks */
    diag_list *d;
    kcontent *c;
    arena *a;         /* where kept strings go: the model's arena */
    const char *file; /* the file being checked, relative to dir */
    char **dfiles;    /* ids of domains/<id>.yaml found, sorted (malloc'd) */
    size_t n_dfiles;
    int menu_ok;      /* kiosk.yaml had a usable menu, so "not in the menu" is known */
} loader;

/* An error at node n (or about the whole file when n is NULL). */
static void err(loader *L, const ynode *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void err(loader *L, const ynode *n, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    diag_add(L->d, DIAG_ERROR, L->file, n ? n->line : 0, n ? n->col : 0, "%s", buf);
}

/* A user's value fit to quote in a message (see ytree_clip). */
typedef struct clipbuf {
    char s[YTREE_CLIP + 8];
} clipbuf;

static const char *clip(clipbuf *b, const char *s)
{
    return ytree_clip(s, b->s, sizeof(b->s));
}

/* ---- keys and suggestions ---------------------------------------------- */

/* The allowed word closest to s, when it is close enough to be a typo.
 * Case is ignored ("Title", "EN"): every allowed word is lower case. */
static const char *suggest(const char *s, const char *const *allowed)
{
    char low[KIOSK_MAX_ID + 1];
    size_t n = strlen(s);
    if (n > KIOSK_MAX_ID)
        return NULL;
    for (size_t i = 0; i <= n; i++)
        low[i] = (char)tolower((unsigned char)s[i]);
    return suggest_closest(low, allowed);
}

static int in_list(const char *s, const char *const *list)
{
    for (size_t i = 0; list && list[i]; i++)
        if (strcmp(s, list[i]) == 0)
            return 1;
    return 0;
}

/* Reports an unknown key; returns the allowed key it is a typo of, or NULL. */
static const char *unknown_key(loader *L, const ynode *key, const char *const *allowed)
{
    clipbuf cb;
    const char *hint = suggest(key->str, allowed);
    if (hint)
        err(L, key, "unknown key '%s' (did you mean '%s'?)", clip(&cb, key->str), hint);
    else
        err(L, key, "unknown key '%s'", clip(&cb, key->str));
    return hint;
}

/* Reports keys of map not in allowed and required keys missing from it. */
static void check_keys(loader *L, const ynode *map, const char *const *allowed,
                       const char *const *required)
{
    const char *typo_for[8] = {0}; /* required keys already explained by a typo */
    size_t n_typos = 0;
    for (size_t i = 0; i < map->n; i++) {
        if (in_list(map->keys[i]->str, allowed))
            continue;
        const char *hint = unknown_key(L, map->keys[i], allowed);
        if (hint && n_typos < 8)
            typo_for[n_typos++] = hint;
    }
    for (size_t i = 0; required && required[i]; i++) {
        int explained = 0;
        for (size_t j = 0; j < n_typos; j++)
            explained |= strcmp(typo_for[j], required[i]) == 0;
        if (!explained && !ymap_key(map, required[i]))
            err(L, map, "missing required key '%s'", required[i]);
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

static const char *keep(loader *L, const ynode *n)
{
    return arena_strndup(L->a, n->str, n->len);
}

/* A text for the screen: without the line break that YAML's block styles
 * (`|`, `>`) leave at the end, which would show as an empty line. */
static const char *keep_text(loader *L, const ynode *n)
{
    size_t len = n->len;
    while (len > 0 && isspace((unsigned char)n->str[len - 1]))
        len--;
    return arena_strndup(L->a, n->str, len);
}

static const char *const lang_keys[] = {"de", "en", "leicht", NULL};

/* A text: a plain string (the same in every language) or a mapping of
 * languages with German required. 0 when it is valid. */
static int get_text(loader *L, const ynode *n, ktext *out)
{
    memset(out, 0, sizeof(*out));
    if (n->kind == YNODE_SCALAR && !ynode_is_null(n)) {
        if (blank(n->str)) {
            err(L, n, "empty text");
            return -1;
        }
        const char *s = keep_text(L, n);
        for (int l = 0; l < LANG_COUNT; l++)
            out->t[l] = s;
        return 0;
    }
    if (n->kind != YNODE_MAP) {
        err(L, n, "expected a text (a string or a mapping of languages), got %s",
            ynode_describe(n));
        return -1;
    }
    int rc = 0, de_seen = 0;
    for (size_t i = 0; i < n->n; i++) {
        const ynode *k = n->keys[i], *v = n->items[i];
        lang l;
        if (lang_parse(k->str, &l)) {
            clipbuf cb;
            const char *hint = suggest(k->str, lang_keys);
            if (hint)
                err(L, k, "unknown language '%s' (did you mean '%s'?)", clip(&cb, k->str), hint);
            else
                err(L, k, "unknown language '%s' (the languages are de, en and leicht)",
                    clip(&cb, k->str));
            rc = -1;
            continue;
        }
        de_seen |= l == LANG_DE;
        if (v->kind != YNODE_SCALAR || ynode_is_null(v)) {
            err(L, v, "expected a string for '%s', got %s", k->str, ynode_describe(v));
            rc = -1;
        } else if (blank(v->str)) {
            err(L, v, "empty text for '%s'", k->str);
            rc = -1;
        } else {
            out->t[l] = keep_text(L, v);
        }
    }
    if (!de_seen) {
        err(L, n,
            "missing German text ('de'); German is required, other languages fall back to it");
        rc = -1;
    }
    return rc;
}

static int valid_id(const char *s, size_t len)
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

/* An id: returns the kept copy, or NULL after reporting. */
static const char *get_id(loader *L, const ynode *n)
{
    if (n->kind != YNODE_SCALAR || ynode_is_null(n)) {
        err(L, n, "expected an id, got %s", ynode_describe(n));
        return NULL;
    }
    if (!valid_id(n->str, n->len)) {
        clipbuf cb;
        err(L, n,
            "invalid id '%s': use 1 to %d characters a-z, 0-9, '-' and '_', starting with a "
            "letter or digit",
            clip(&cb, n->str), KIOSK_MAX_ID);
        return NULL;
    }
    return keep(L, n);
}

static int get_color(loader *L, const ynode *n, kcolor *out)
{
    if (ynode_is_null(n)) {
        err(L, n,
            "missing colour: write it in quotes, e.g. \"#0a3d62\" (a bare # starts a YAML "
            "comment)");
        return -1;
    }
    if (n->kind != YNODE_SCALAR) {
        err(L, n, "expected a colour \"#rrggbb\", got %s", ynode_describe(n));
        return -1;
    }
    if (kcolor_parse(n->str, out)) {
        clipbuf cb;
        err(L, n, "invalid colour '%s' (expected \"#rrggbb\" or \"#rgb\")", clip(&cb, n->str));
        return -1;
    }
    return 0;
}

static int get_duration(loader *L, const ynode *n, unsigned *ms)
{
    long v;
    if (n->kind == YNODE_SCALAR && !n->plain) {
        err(L, n,
            "expected a whole number of seconds, got a quoted string (write it without quotes)");
        return -1;
    }
    if (ynode_int(n, &v)) {
        clipbuf cb;
        if (n->kind == YNODE_SCALAR && !ynode_is_null(n))
            err(L, n, "expected a whole number of seconds (%d to %d), got '%s'", MIN_DURATION_S,
                MAX_DURATION_S, clip(&cb, n->str));
        else
            err(L, n, "expected a whole number of seconds (%d to %d), got %s", MIN_DURATION_S,
                MAX_DURATION_S, ynode_describe(n));
        return -1;
    }
    if (v < MIN_DURATION_S || v > MAX_DURATION_S) {
        err(L, n, "duration %ld is out of range (%d to %d seconds)", v, MIN_DURATION_S,
            MAX_DURATION_S);
        return -1;
    }
    *ms = (unsigned)v * 1000u;
    return 0;
}

/* A list of at least min and at most max entries. 0 when it is one. */
static int get_list(loader *L, const ynode *n, size_t min, size_t max, const char *what)
{
    if (n->kind != YNODE_SEQ) {
        err(L, n, "expected a list of %s, got %s", what, ynode_describe(n));
        return -1;
    }
    if (n->n < min) {
        err(L, n, "the list of %s is empty", what);
        return -1;
    }
    if (n->n > max) {
        err(L, n, "too many %s (%zu; at most %zu)", what, n->n, max);
        return -1;
    }
    return 0;
}

/* ---- files ------------------------------------------------------------- */

static char *join(const char *dir, const char *rel)
{
    size_t n = strlen(dir) + strlen(rel) + 2;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/%s", dir, rel);
    return p;
}

/* 1 when the resolved path real lies inside the content folder. */
static int inside(const loader *L, const char *real)
{
    size_t n = strlen(L->rootreal);
    if (n == 1) /* the content folder is "/" */
        return 1;
    return strncmp(real, L->rootreal, n) == 0 && real[n] == '/';
}

/* Resolves rel inside the content folder and stats it. Returns the real
 * path (malloc'd) or NULL with errno set (EXDEV: it leaves the folder). */
static char *resolve(const loader *L, const char *rel, struct stat *st)
{
    char *path = join(L->dir, rel);
    if (!path)
        return NULL;
    char *real = realpath(path, NULL);
    int e = errno;
    free(path);
    if (!real) {
        errno = e;
        return NULL;
    }
    if (!inside(L, real)) {
        free(real);
        errno = EXDEV;
        return NULL;
    }
    if (stat(real, st)) {
        e = errno;
        free(real);
        errno = e;
        return NULL;
    }
    return real;
}

/* Reads a YAML file of the tree into a malloc'd buffer; NULL after
 * reporting. A missing file is reported only when it is required. */
static char *read_yaml(loader *L, const char *rel, size_t *len)
{
    struct stat st;
    char *buf = NULL;
    int fd = -1;
    char *real = resolve(L, rel, &st);
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
    if (!S_ISREG(st.st_mode)) {
        diag_add(L->d, DIAG_ERROR, rel, 0, 0, "not a regular file");
        goto done;
    }
    if (st.st_size > KIOSK_MAX_FILE_BYTES) {
        diag_add(L->d, DIAG_ERROR, rel, 0, 0, "file is too big (%lld bytes; the limit is %d)",
                 (long long)st.st_size, KIOSK_MAX_FILE_BYTES);
        goto done;
    }
    /* Read what stat promised, no more: a file that grows meanwhile is
     * read as it was, and the size limit holds. */
    size_t want = (size_t)st.st_size;
    fd = open(real, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    buf = malloc(want + 1);
    if (fd < 0 || !buf) {
        diag_add(L->d, DIAG_ERROR, rel, 0, 0, "cannot read: %s", strerror(errno));
        goto fail;
    }
    size_t n = 0;
    while (n < want) {
        ssize_t r = read(fd, buf + n, want - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            diag_add(L->d, DIAG_ERROR, rel, 0, 0, "cannot read: %s", strerror(errno));
            goto fail;
        }
        if (r == 0)
            break;
        n += (size_t)r;
    }
    *len = n;
    goto done;
fail:
    free(buf);
    buf = NULL;
done:
    if (fd >= 0)
        close(fd);
    free(real);
    return buf;
}

/* Parses one file of the tree with a fresh scratch arena (*scratch). */
static ynode *parse_file(loader *L, const char *rel, arena **scratch)
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

static int has_ext(const char *s, const char *ext)
{
    size_t n = strlen(s), e = strlen(ext);
    return n > e && strcasecmp(s + n - e, ext) == 0;
}

/* An image path: checked for form, existence, size, type and that it stays
 * inside the content folder. Returns the kept path or NULL after reporting. */
static const char *get_image(loader *L, const ynode *n)
{
    clipbuf cb;
    if (n->kind != YNODE_SCALAR || ynode_is_null(n)) {
        err(L, n, "expected an image path, got %s", ynode_describe(n));
        return NULL;
    }
    const char *p = n->str, *q = clip(&cb, p);
    if (n->len > KIOSK_MAX_PATH) {
        err(L, n, "image path is longer than %d bytes", KIOSK_MAX_PATH);
        return NULL;
    }
    if (p[0] == '/') {
        err(L, n, "image path '%s' is absolute; write it relative to the content folder", q);
        return NULL;
    }
    if (strchr(p, '\\')) {
        err(L, n, "image path '%s' contains '\\'; use '/' between folders", q);
        return NULL;
    }
    for (const char *s = p; *s; s++) {
        if ((unsigned char)*s < 0x20 || *s == 0x7F) {
            err(L, n, "image path contains a control character");
            return NULL;
        }
    }
    for (const char *seg = p;;) {
        const char *end = strchr(seg, '/');
        size_t len = end ? (size_t)(end - seg) : strlen(seg);
        if (len == 2 && seg[0] == '.' && seg[1] == '.') {
            err(L, n, "image path '%s' contains '..'; images must stay inside the content folder",
                q);
            return NULL;
        }
        if (len == 0 || (len == 1 && seg[0] == '.')) {
            err(L, n, "image path '%s' has an empty or '.' segment", q);
            return NULL;
        }
        if (!end)
            break;
        seg = end + 1;
    }
    int png = has_ext(p, ".png");
    if (!png && !has_ext(p, ".jpg") && !has_ext(p, ".jpeg")) {
        err(L, n, "image '%s' has an unsupported type; use .png, .jpg or .jpeg", q);
        return NULL;
    }
    struct stat st;
    char *real = resolve(L, p, &st);
    if (!real) {
        if (errno == ENOENT || errno == ENOTDIR)
            err(L, n, "image '%s' not found", q);
        else if (errno == EXDEV)
            err(L, n, "image '%s' is outside the content folder (through a symbolic link)", q);
        else
            err(L, n, "cannot open image '%s': %s", q, strerror(errno));
        return NULL;
    }
    const char *kept = NULL;
    int fd = -1;
    if (!S_ISREG(st.st_mode)) {
        err(L, n, "image '%s' is not a regular file", q);
        goto done;
    }
    if (st.st_size > KIOSK_MAX_IMAGE_BYTES) {
        err(L, n, "image '%s' is too big (%lld bytes; the limit is %d MiB)", q,
            (long long)st.st_size, KIOSK_MAX_IMAGE_BYTES / (1024 * 1024));
        goto done;
    }
    /* The extension must tell the truth: a renamed file fails here, not on
     * the kiosk's screen. */
    unsigned char magic[8] = {0};
    fd = open(real, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        err(L, n, "cannot open image '%s': %s", q, strerror(errno));
        goto done;
    }
    ssize_t got = read(fd, magic, sizeof(magic));
    int ok = png ? got == 8 && memcmp(magic, "\x89PNG\r\n\x1a\n", 8) == 0
                 : got >= 3 && memcmp(magic, "\xFF\xD8\xFF", 3) == 0;
    if (!ok) {
        err(L, n, "image '%s' is not a %s file", q, png ? "PNG" : "JPEG");
        goto done;
    }
    kept = keep(L, n);
done:
    if (fd >= 0)
        close(fd);
    free(real);
    return kept;
}

static const char *get_url(loader *L, const ynode *n)
{
    clipbuf cb;
    if (n->kind != YNODE_SCALAR || ynode_is_null(n)) {
        err(L, n, "expected a web address, got %s", ynode_describe(n));
        return NULL;
    }
    const char *u = n->str;
    if (n->len > KIOSK_MAX_URL) {
        err(L, n, "web address is longer than %d bytes", KIOSK_MAX_URL);
        return NULL;
    }
    size_t scheme = strncasecmp(u, "https://", 8) == 0  ? 8
                    : strncasecmp(u, "http://", 7) == 0 ? 7
                                                        : 0;
    if (!scheme) {
        err(L, n, "web address '%s' must start with https:// or http://", clip(&cb, u));
        return NULL;
    }
    for (const char *s = u; *s; s++) {
        if ((unsigned char)*s <= 0x20 || *s == 0x7F) {
            err(L, n, "web address '%s' contains a space or control character", clip(&cb, u));
            return NULL;
        }
    }
    if (u[scheme] == '\0' || u[scheme] == '/') {
        err(L, n, "web address '%s' has no host name", clip(&cb, u));
        return NULL;
    }
    return keep(L, n);
}

/* ---- domains/<id>.yaml ------------------------------------------------- */

static const char *const block_kinds[] = {"heading", "paragraph", "bullets", "image",
                                          "link",    "fact",      NULL}; /* block_kind order */
static const char *const block_keys[] = {"heading", "paragraph", "bullets", "image", "link",
                                         "fact",    "caption",   "label",   "text",  NULL};

static void check_block(loader *L, const ynode *n, kblock *b)
{
    if (n->kind != YNODE_MAP) {
        err(L, n, "expected a block (heading, paragraph, bullets, fact, image or link), got %s",
            ynode_describe(n));
        return;
    }
    b->line = n->line;
    const ynode *kind_key = NULL;
    int kind = -1;
    for (size_t i = 0; i < n->n; i++) {
        for (int k = 0; block_kinds[k]; k++) {
            if (strcmp(n->keys[i]->str, block_kinds[k]) != 0)
                continue;
            if (kind_key) {
                err(L, n->keys[i],
                    "'%s' cannot share a block with '%s'; start a new block with '- %s:'",
                    block_kinds[k], kind_key->str, block_kinds[k]);
            } else {
                kind_key = n->keys[i];
                kind = k;
            }
        }
    }
    if (kind < 0) {
        int unknown = 0;
        for (size_t i = 0; i < n->n; i++) {
            if (!in_list(n->keys[i]->str, block_keys)) {
                unknown_key(L, n->keys[i], block_keys);
                unknown = 1;
            }
        }
        if (!unknown)
            err(L, n, "a block needs one of heading, paragraph, bullets, fact, image or link");
        return;
    }
    b->kind = (block_kind)kind;
    const char *extra = kind == BLOCK_FACT    ? "text"
                        : kind == BLOCK_LINK  ? "label"
                        : kind == BLOCK_IMAGE ? "caption"
                                              : NULL;
    const char *allowed[] = {block_kinds[kind], extra, NULL};
    const char *required[] = {kind == BLOCK_IMAGE ? NULL : extra, NULL};
    for (size_t i = 0; i < n->n; i++) {
        const char *k = n->keys[i]->str;
        if (in_list(k, allowed) || in_list(k, block_kinds))
            continue;
        if (in_list(k, block_keys))
            err(L, n->keys[i], "a %s block has no '%s'", block_kinds[kind], k);
        else
            unknown_key(L, n->keys[i], allowed);
    }
    if (required[0] && !ymap_key(n, required[0]))
        err(L, n, "missing required key '%s' (a %s block needs it)", required[0],
            block_kinds[kind]);

    const ynode *v = ymap_get(n, block_kinds[kind]);
    const ynode *x = extra ? ymap_get(n, extra) : NULL;
    switch (b->kind) {
    case BLOCK_HEADING:
    case BLOCK_PARAGRAPH:
        get_text(L, v, &b->text);
        break;
    case BLOCK_BULLETS:
        if (get_list(L, v, 1, KIOSK_MAX_ITEMS, "bullet points"))
            break;
        b->items = arena_array(L->a, v->n, sizeof(ktext));
        if (!b->items)
            break;
        for (size_t i = 0; i < v->n; i++)
            get_text(L, v->items[i], &b->items[i]);
        b->n_items = v->n;
        break;
    case BLOCK_IMAGE:
        b->image = get_image(L, v);
        if (x)
            get_text(L, x, &b->text);
        break;
    case BLOCK_LINK:
        b->url = get_url(L, v);
        if (x)
            get_text(L, x, &b->text);
        break;
    case BLOCK_FACT:
        get_text(L, v, &b->value);
        if (x)
            get_text(L, x, &b->text);
        break;
    }
}

static void check_page(loader *L, const ynode *n, kpage *pg)
{
    static const char *const keys[] = {"id", "title", "blocks", NULL};
    if (n->kind != YNODE_MAP) {
        err(L, n, "expected a page (a mapping with id, title and blocks), got %s",
            ynode_describe(n));
        return;
    }
    check_keys(L, n, keys, keys);
    const ynode *v;
    if ((v = ymap_get(n, "id")))
        pg->id = get_id(L, v);
    if ((v = ymap_get(n, "title")))
        get_text(L, v, &pg->title);
    if ((v = ymap_get(n, "blocks")) && get_list(L, v, 1, KIOSK_MAX_BLOCKS, "blocks") == 0) {
        pg->blocks = arena_array(L->a, v->n, sizeof(kblock));
        if (!pg->blocks)
            return;
        pg->n_blocks = v->n;
        for (size_t i = 0; i < v->n; i++)
            check_block(L, v->items[i], &pg->blocks[i]);
    }
}

static void check_domain(loader *L, const ynode *root, kdomain *dom)
{
    static const char *const keys[] = {"title", "summary", "color", "icon", "pages", NULL};
    static const char *const required[] = {"title", "summary", "color", "pages", NULL};
    check_keys(L, root, keys, required);
    const ynode *v;
    if ((v = ymap_get(root, "title")))
        get_text(L, v, &dom->title);
    if ((v = ymap_get(root, "summary")))
        get_text(L, v, &dom->summary);
    if ((v = ymap_get(root, "color")))
        get_color(L, v, &dom->color);
    if ((v = ymap_get(root, "icon")))
        dom->icon = get_image(L, v);
    v = ymap_get(root, "pages");
    if (!v || get_list(L, v, 1, KIOSK_MAX_PAGES, "pages"))
        return;
    dom->pages = arena_array(L->a, v->n, sizeof(kpage));
    if (!dom->pages)
        return;
    dom->n_pages = v->n;
    for (size_t i = 0; i < v->n; i++) {
        const ynode *p = v->items[i];
        check_page(L, p, &dom->pages[i]);
        if (!dom->pages[i].id)
            continue;
        for (size_t j = 0; j < i; j++) {
            if (dom->pages[j].id && strcmp(dom->pages[j].id, dom->pages[i].id) == 0) {
                const ynode *id = ymap_get(p, "id");
                const ynode *first = ymap_get(v->items[j], "id");
                err(L, id, "duplicate page id '%s' (first at line %d, column %d)", dom->pages[i].id,
                    first->line, first->col);
                break;
            }
        }
    }
}

static void load_domain(loader *L, kdomain *dom, const char *id)
{
    arena *scratch;
    dom->id = arena_strdup(L->a, id);
    dom->file = arena_printf(L->a, "domains/%s.yaml", id);
    if (!dom->id || !dom->file)
        return;
    ynode *root = parse_file(L, dom->file, &scratch);
    if (root)
        check_domain(L, root, dom);
    arena_free(scratch);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Lists the domains/<id>.yaml files into L->dfiles, sorted; reports odd names. */
static void list_domains(loader *L)
{
    char *path = join(L->dir, "domains");
    DIR *dir = path ? opendir(path) : NULL;
    free(path);
    if (!dir)
        return; /* each menu entry then reports its missing file */
    size_t cap = 0, seen = 0;
    struct dirent *e;
    while ((e = readdir(dir))) {
        const char *name = e->d_name;
        if (name[0] == '.')
            continue;
        if (++seen > KIOSK_MAX_FILES) {
            diag_add(L->d, DIAG_ERROR, "domains", 0, 0, "more than %d files in this folder",
                     KIOSK_MAX_FILES);
            break;
        }
        size_t len = strlen(name);
        char rel[300];
        snprintf(rel, sizeof(rel), "domains/%s", name);
        if (has_ext(name, ".yml")) {
            diag_add(L->d, DIAG_WARNING, rel, 0, 0, "ignored: domain files end in .yaml");
            continue;
        }
        if (!has_ext(name, ".yaml") || len < 5 || strcmp(name + len - 5, ".yaml") != 0)
            continue;
        if (!valid_id(name, len - 5)) {
            diag_add(L->d, DIAG_ERROR, rel, 0, 0,
                     "invalid domain file name: the name before .yaml is the domain's id, 1 to %d "
                     "characters a-z, 0-9, '-' and '_'",
                     KIOSK_MAX_ID);
            continue;
        }
        if (L->n_dfiles == cap) {
            size_t ncap = cap ? cap * 2 : 16;
            char **p = realloc(L->dfiles, ncap * sizeof(*p));
            if (!p)
                break;
            L->dfiles = p;
            cap = ncap;
        }
        if (!(L->dfiles[L->n_dfiles] = strndup(name, len - 5)))
            break;
        L->n_dfiles++;
    }
    closedir(dir);
    if (L->n_dfiles)
        qsort(L->dfiles, L->n_dfiles, sizeof(*L->dfiles), cmp_str);
}

static int has_domain_file(const loader *L, const char *id)
{
    for (size_t i = 0; i < L->n_dfiles; i++)
        if (strcmp(L->dfiles[i], id) == 0)
            return 1;
    return 0;
}

/* ---- kiosk.yaml ------------------------------------------------------------ */

static void check_theme(loader *L, const ynode *n, ktheme *t)
{
    static const char *const keys[] = {"background", "surface", "text", "muted", "accent", NULL};
    kcolor *slots[] = {&t->background, &t->surface, &t->text, &t->muted, &t->accent};
    if (n->kind != YNODE_MAP) {
        err(L, n,
            "expected a mapping of colours (background, surface, text, muted, accent), got %s",
            ynode_describe(n));
        return;
    }
    check_keys(L, n, keys, NULL);
    for (size_t i = 0; keys[i]; i++) {
        const ynode *v = ymap_get(n, keys[i]);
        if (v)
            get_color(L, v, slots[i]);
    }
}

/* Checks kiosk.yaml and loads the domains of its menu, in menu order. */
static void load_kiosk(loader *L)
{
    static const char *const keys[] = {"schema",     "title",      "subtitle", "organisation",
                                       "invitation", "menu_title", "logo",     "default_language",
                                       "theme",      "menu",       NULL};
    static const char *const required[] = {
        "schema", "title", "organisation", "invitation", "menu_title", "menu", NULL};
    kcontent *c = L->c;
    arena *scratch;
    const ynode *root = parse_file(L, "kiosk.yaml", &scratch), *v;
    if (!root)
        goto done;
    check_keys(L, root, keys, required);
    long schema;
    if ((v = ymap_get(root, "schema"))) {
        if (ynode_int(v, &schema))
            err(L, v, "expected the schema version 1, got %s", ynode_describe(v));
        else if (schema != 1)
            err(L, v, "unsupported schema version %ld (this kiosk reads schema 1)", schema);
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
            get_text(L, v, texts[i].out);
    if ((v = ymap_get(root, "logo")))
        c->logo = get_image(L, v);
    if ((v = ymap_get(root, "default_language"))) {
        clipbuf cb;
        if (v->kind != YNODE_SCALAR || ynode_is_null(v))
            err(L, v, "expected a language (de, en or leicht), got %s", ynode_describe(v));
        else if (lang_parse(v->str, &c->default_lang))
            err(L, v, "unknown language '%s' (the languages are de, en and leicht)",
                clip(&cb, v->str));
    }
    if ((v = ymap_get(root, "theme")))
        check_theme(L, v, &c->theme);

    const ynode *menu = ymap_get(root, "menu");
    if (!menu || get_list(L, menu, 1, KIOSK_MAX_DOMAINS, "domain ids"))
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
        const char *id = get_id(L, item);
        for (size_t j = 0; id && j < i; j++) {
            if (ids[j] && strcmp(ids[j], id) == 0) {
                err(L, item, "domain '%s' is already in the menu (first at line %d, column %d)", id,
                    menu->items[j]->line, menu->items[j]->col);
                id = NULL;
            }
        }
        if (id && !has_domain_file(L, id)) {
            err(L, item, "the menu lists '%s', but there is no domains/%s.yaml", id, id);
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
static void load_unlisted(loader *L)
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

static void check_slide(loader *L, const ynode *n, kslide *s)
{
    static const char *const keys[] = {"id",    "title",    "text",   "image",
                                       "color", "duration", "domain", NULL};
    static const char *const required[] = {"id", "title", "text", NULL};
    s->color = L->c->theme.background;
    s->duration_ms = DEFAULT_DURATION_S * 1000u;
    s->domain = -1;
    if (n->kind != YNODE_MAP) {
        err(L, n, "expected a slide (a mapping with id, title and text), got %s",
            ynode_describe(n));
        return;
    }
    check_keys(L, n, keys, required);
    const ynode *v;
    if ((v = ymap_get(n, "id")))
        s->id = get_id(L, v);
    if ((v = ymap_get(n, "title")))
        get_text(L, v, &s->title);
    if ((v = ymap_get(n, "text")))
        get_text(L, v, &s->text);
    if ((v = ymap_get(n, "image")))
        s->image = get_image(L, v);
    if ((v = ymap_get(n, "color")))
        get_color(L, v, &s->color);
    if ((v = ymap_get(n, "duration")))
        get_duration(L, v, &s->duration_ms);
    if ((v = ymap_get(n, "domain"))) {
        const char *id = get_id(L, v);
        const char *sid = s->id ? s->id : "?";
        if (!id)
            return;
        s->domain = content_domain_index(L->c, id);
        if (s->domain >= 0)
            return;
        if (has_domain_file(L, id)) {
            if (L->menu_ok) /* otherwise kiosk.yaml's menu error says it all */
                err(L, v, "slide '%s' refers to domain '%s', which is not in the menu", sid, id);
        } else {
            err(L, v, "slide '%s' refers to domain '%s', which does not exist", sid, id);
        }
    }
}

static void load_attract(loader *L)
{
    static const char *const keys[] = {"slides", NULL};
    arena *scratch;
    const ynode *root = parse_file(L, "attract.yaml", &scratch), *v;
    if (!root)
        goto done;
    check_keys(L, root, keys, keys);
    v = ymap_get(root, "slides");
    if (!v || get_list(L, v, 1, KIOSK_MAX_SLIDES, "slides"))
        goto done;
    L->c->slides = arena_array(L->a, v->n, sizeof(kslide));
    if (!L->c->slides)
        goto done;
    L->c->n_slides = v->n;
    for (size_t i = 0; i < v->n; i++) {
        kslide *s = &L->c->slides[i];
        check_slide(L, v->items[i], s);
        for (size_t j = 0; s->id && j < i; j++) {
            if (L->c->slides[j].id && strcmp(L->c->slides[j].id, s->id) == 0) {
                const ynode *first = ymap_get(v->items[j], "id");
                err(L, ymap_get(v->items[i], "id"),
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

static const ktheme default_theme = {
    .background = {0x0d, 0x1b, 0x2a},
    .surface = {0x1b, 0x26, 0x3b},
    .text = {0xf1, 0xf5, 0xf9},
    .muted = {0xa8, 0xb2, 0xc1},
    .accent = {0xf4, 0xa2, 0x61},
};

kcontent *content_load(const char *dir, diag_list *d)
{
    size_t errors_before = d->errors;
    loader L = {.dir = dir, .d = d};
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
    c->theme = default_theme;
    L.c = c;
    L.a = a;
    struct stat st;
    L.rootreal = realpath(dir, NULL);
    if (!L.rootreal || stat(L.rootreal, &st) || !S_ISDIR(st.st_mode)) {
        diag_add(d, DIAG_ERROR, dir, 0, 0, "cannot open the content folder: %s",
                 L.rootreal ? "not a folder" : strerror(errno));
        goto done;
    }
    list_domains(&L);
    load_kiosk(&L);
    load_unlisted(&L);
    load_attract(&L);
done:
    if (arena_failed(a))
        diag_add(d, DIAG_ERROR, dir, 0, 0, "out of memory while loading");
    for (size_t i = 0; i < L.n_dfiles; i++)
        free(L.dfiles[i]);
    free(L.dfiles);
    free(L.rootreal);
    diag_sort(d);
    if (d->errors > errors_before) {
        content_free(c);
        return NULL;
    }
    return c;
}
