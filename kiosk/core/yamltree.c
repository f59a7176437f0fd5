#include "yamltree.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "klimits.h"
#include "utf8.h"

/* An open list or mapping: its children so far, as a linked list. */
typedef struct frame {
    ynode *node;
    ynode *head, *tail;
    size_t count;
} frame;

typedef struct builder {
    arena *a;
    const char *file;
    diag_list *d;
    frame stack[KIOSK_MAX_DEPTH];
    int depth;
    size_t nodes;
    int docs;
    ynode *root;
} builder;

/* Line and column (1-based, in characters like libyaml) of a byte offset. */
static void offset_pos(const char *buf, size_t len, size_t off, int *line, int *col)
{
    int l = 1, c = 1;
    for (size_t i = 0; i < off && i < len; i++) {
        unsigned char ch = (unsigned char)buf[i];
        if (ch == '\n' || (ch == '\r' && (i + 1 >= len || buf[i + 1] != '\n'))) {
            l++;
            c = 1;
        } else if ((ch & 0xC0) != 0x80 && ch != '\r') {
            c++;
        }
    }
    *line = l;
    *col = c;
}

static void syntax_error(builder *b, const yaml_parser_t *p, const char *buf, size_t len)
{
    int line, col;
    switch (p->error) {
    case YAML_MEMORY_ERROR:
        diag_add(b->d, DIAG_ERROR, b->file, 0, 0, "out of memory while parsing");
        return;
    case YAML_READER_ERROR:
        offset_pos(buf, len, p->problem_offset, &line, &col);
        if (p->problem_value >= 0)
            diag_add(b->d, DIAG_ERROR, b->file, line, col, "%s (U+%04X)",
                     p->problem ? p->problem : "cannot read", (unsigned)p->problem_value);
        else
            diag_add(b->d, DIAG_ERROR, b->file, line, col, "%s",
                     p->problem ? p->problem : "cannot read");
        return;
    default:
        line = (int)p->problem_mark.line + 1;
        col = (int)p->problem_mark.column + 1;
        if (p->context)
            diag_add(b->d, DIAG_ERROR, b->file, line, col,
                     "%s (%s that starts at line %d, column %d)",
                     p->problem ? p->problem : "syntax error", p->context,
                     (int)p->context_mark.line + 1, (int)p->context_mark.column + 1);
        else
            diag_add(b->d, DIAG_ERROR, b->file, line, col, "%s",
                     p->problem ? p->problem : "syntax error");
    }
}

typedef struct keyref {
    const ynode *key;
    size_t index; /* position in the mapping */
} keyref;

static int keyref_cmp(const void *pa, const void *pb)
{
    const keyref *a = pa, *b = pb;
    size_t n = a->key->len < b->key->len ? a->key->len : b->key->len;
    int c = memcmp(a->key->str, b->key->str, n);
    if (c)
        return c;
    if (a->key->len != b->key->len)
        return a->key->len < b->key->len ? -1 : 1;
    return a->index < b->index ? -1 : a->index > b->index;
}

/* Checks a finished mapping's keys and stores keys[] / items[]. Non-scalar
 * and duplicate keys are reported and their pair dropped. Duplicates are
 * found by sorting, so a hostile file of many large mappings costs
 * n log n, not n squared. */
static int finish_map(builder *b, frame *f)
{
    ynode *m = f->node;
    size_t pairs = f->count / 2, n = 0;
    m->keys = arena_array(b->a, pairs ? pairs : 1, sizeof(ynode *));
    m->items = arena_array(b->a, pairs ? pairs : 1, sizeof(ynode *));
    if (!m->keys || !m->items)
        return -1;
    for (ynode *k = f->head; k && k->next; k = k->next->next) {
        if (k->kind != YNODE_SCALAR) {
            diag_add(b->d, DIAG_ERROR, b->file, k->line, k->col, "a key must be a string, not %s",
                     ynode_describe(k));
            continue;
        }
        if (memchr(k->str, '\0', k->len)) /* reported by add_scalar; no lookup could find it */
            continue;
        m->keys[n] = k;
        m->items[n] = k->next;
        n++;
    }
    if (n > 1) {
        keyref *r = malloc(n * sizeof(*r));
        if (!r) {
            diag_add(b->d, DIAG_ERROR, b->file, m->line, m->col, "out of memory");
            return -1;
        }
        for (size_t i = 0; i < n; i++)
            r[i] = (keyref){m->keys[i], i};
        qsort(r, n, sizeof(*r), keyref_cmp);
        size_t first = 0;
        for (size_t i = 1; i < n; i++) {
            const ynode *k = r[i].key, *k0 = r[first].key;
            if (k->len != k0->len || memcmp(k->str, k0->str, k->len) != 0) {
                first = i;
                continue;
            }
            char clip[YTREE_CLIP + 8];
            diag_add(b->d, DIAG_ERROR, b->file, k->line, k->col,
                     "duplicate key '%s' (first at line %d, column %d)",
                     ytree_clip(k->str, clip, sizeof(clip)), k0->line, k0->col);
            m->keys[r[i].index] = NULL; /* keep the first value */
        }
        free(r);
    }
    for (size_t i = 0; i < n; i++) {
        if (m->keys[i]) {
            m->keys[m->n] = m->keys[i];
            m->items[m->n] = m->items[i];
            m->n++;
        }
    }
    return 0;
}

static void finish_seq(builder *b, frame *f)
{
    ynode *s = f->node;
    s->items = arena_array(b->a, f->count ? f->count : 1, sizeof(ynode *));
    if (!s->items)
        return;
    for (ynode *n = f->head; n; n = n->next)
        s->items[s->n++] = n;
}

/* Creates a node at the event's position and hangs it into its parent. */
static ynode *add_node(builder *b, const yaml_event_t *ev, ynode_kind kind)
{
    int line = (int)ev->start_mark.line + 1, col = (int)ev->start_mark.column + 1;
    if (++b->nodes > KIOSK_MAX_NODES) {
        diag_add(b->d, DIAG_ERROR, b->file, line, col, "file has more than %d YAML nodes",
                 KIOSK_MAX_NODES);
        return NULL;
    }
    ynode *n = arena_alloc(b->a, sizeof(*n));
    if (!n) {
        diag_add(b->d, DIAG_ERROR, b->file, line, col, "out of memory");
        return NULL;
    }
    n->kind = kind;
    n->line = line;
    n->col = col;
    if (b->depth == 0) {
        b->root = n;
        return n;
    }
    frame *f = &b->stack[b->depth - 1];
    size_t limit = f->node->kind == YNODE_MAP ? 2 * (size_t)KIOSK_MAX_ITEMS : KIOSK_MAX_ITEMS;
    if (++f->count > limit) {
        diag_add(b->d, DIAG_ERROR, b->file, f->node->line, f->node->col,
                 "%s has more than %d entries", f->node->kind == YNODE_MAP ? "mapping" : "list",
                 KIOSK_MAX_ITEMS);
        return NULL;
    }
    if (f->tail)
        f->tail->next = n;
    else
        f->head = n;
    f->tail = n;
    return n;
}

static int add_scalar(builder *b, const yaml_event_t *ev)
{
    size_t len = ev->data.scalar.length;
    const char *s = (const char *)ev->data.scalar.value;
    int line = (int)ev->start_mark.line + 1, col = (int)ev->start_mark.column + 1;
    if (len > KIOSK_MAX_SCALAR) {
        diag_add(b->d, DIAG_ERROR, b->file, line, col, "string is longer than %d bytes (%zu)",
                 KIOSK_MAX_SCALAR, len);
        return -1;
    }
    ynode *n = add_node(b, ev, YNODE_SCALAR);
    if (!n)
        return -1;
    n->str = arena_strndup(b->a, s, len);
    if (!n->str) {
        diag_add(b->d, DIAG_ERROR, b->file, line, col, "out of memory");
        return -1;
    }
    n->len = len;
    n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
    /* Escapes in double quotes can make bytes no text should hold. A
     * control character would be drawn as a box or cut the string short. */
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F) {
            diag_add(b->d, DIAG_ERROR, b->file, line, col,
                     "string contains the control character U+%04X", c);
            break;
        }
    }
    return 0;
}

static int check_props(builder *b, const yaml_event_t *ev, const yaml_char_t *anchor,
                       const yaml_char_t *tag)
{
    int line = (int)ev->start_mark.line + 1, col = (int)ev->start_mark.column + 1;
    if (anchor) {
        diag_add(b->d, DIAG_ERROR, b->file, line, col,
                 "YAML anchors ('&%s') are not supported in content; write the value out",
                 (const char *)anchor);
        return -1;
    }
    if (tag)
        diag_add(b->d, DIAG_ERROR, b->file, line, col,
                 "YAML tags ('%s') are not supported in content; quote a string instead",
                 (const char *)tag);
    return 0;
}

static int handle(builder *b, const yaml_event_t *ev)
{
    int line = (int)ev->start_mark.line + 1, col = (int)ev->start_mark.column + 1;
    switch (ev->type) {
    case YAML_DOCUMENT_START_EVENT:
        if (++b->docs > 1) {
            diag_add(b->d, DIAG_ERROR, b->file, line, col,
                     "more than one YAML document in this file ('---' starts a new one)");
            return -1;
        }
        return 0;
    case YAML_ALIAS_EVENT:
        diag_add(b->d, DIAG_ERROR, b->file, line, col,
                 "YAML aliases ('*%s') are not supported in content; write the value out",
                 (const char *)ev->data.alias.anchor);
        return -1;
    case YAML_SCALAR_EVENT:
        if (check_props(b, ev, ev->data.scalar.anchor,
                        ev->data.scalar.plain_implicit || ev->data.scalar.quoted_implicit
                            ? NULL
                            : ev->data.scalar.tag))
            return -1;
        return add_scalar(b, ev);
    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT: {
        int seq = ev->type == YAML_SEQUENCE_START_EVENT;
        if (check_props(
                b, ev, seq ? ev->data.sequence_start.anchor : ev->data.mapping_start.anchor,
                seq ? (ev->data.sequence_start.implicit ? NULL : ev->data.sequence_start.tag)
                    : (ev->data.mapping_start.implicit ? NULL : ev->data.mapping_start.tag)))
            return -1;
        if (b->depth >= KIOSK_MAX_DEPTH) {
            diag_add(b->d, DIAG_ERROR, b->file, line, col, "nesting is deeper than %d levels",
                     KIOSK_MAX_DEPTH);
            return -1;
        }
        ynode *n = add_node(b, ev, seq ? YNODE_SEQ : YNODE_MAP);
        if (!n)
            return -1;
        b->stack[b->depth++] = (frame){.node = n};
        return 0;
    }
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT: {
        if (b->depth == 0)
            return -1; /* libyaml never does this; be safe anyway */
        frame *f = &b->stack[--b->depth];
        if (f->node->kind == YNODE_MAP)
            return finish_map(b, f);
        finish_seq(b, f);
        return 0;
    }
    default:
        return 0;
    }
}

ynode *ytree_parse(arena *a, const char *buf, size_t len, const char *file, diag_list *d)
{
    builder b = {.a = a, .file = file, .d = d};
    if (len > KIOSK_MAX_FILE_BYTES) {
        diag_add(d, DIAG_ERROR, file, 0, 0, "file is too big (%zu bytes; the limit is %d)", len,
                 KIOSK_MAX_FILE_BYTES);
        return NULL;
    }
    /* A UTF-8 byte order mark, as some Windows editors write it. libyaml
     * skips it only when it guesses the encoding, which it must not: UTF-16
     * is refused below as invalid UTF-8. */
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
        buf += 3, len -= 3;
    size_t bad;
    if (!utf8_valid(buf, len, &bad)) {
        int line, col;
        offset_pos(buf, len, bad, &line, &col);
        diag_add(d, DIAG_ERROR, file, line, col,
                 "invalid UTF-8 (byte 0x%02X); save the file as UTF-8", (unsigned char)buf[bad]);
        return NULL;
    }
    yaml_parser_t p;
    if (!yaml_parser_initialize(&p)) {
        diag_add(d, DIAG_ERROR, file, 0, 0, "out of memory");
        return NULL;
    }
    yaml_parser_set_input_string(&p, (const unsigned char *)buf, len);
    yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
    int ok = 0;
    for (;;) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&p, &ev)) {
            syntax_error(&b, &p, buf, len);
            break;
        }
        int end = ev.type == YAML_STREAM_END_EVENT;
        int rc = handle(&b, &ev);
        yaml_event_delete(&ev);
        if (rc)
            break;
        if (end) {
            ok = 1;
            break;
        }
    }
    yaml_parser_delete(&p);
    if (!ok)
        return NULL;
    if (!b.root || ynode_is_null(b.root)) {
        diag_add(d, DIAG_ERROR, file, 0, 0, "file is empty");
        return NULL;
    }
    if (b.root->kind != YNODE_MAP) {
        diag_add(d, DIAG_ERROR, file, b.root->line, b.root->col,
                 "expected a mapping ('key: value' lines) at the top level, got %s",
                 ynode_describe(b.root));
        return NULL;
    }
    return b.root;
}

ynode *ymap_key(const ynode *map, const char *key)
{
    if (!map || map->kind != YNODE_MAP)
        return NULL;
    for (size_t i = 0; i < map->n; i++)
        if (strcmp(map->keys[i]->str, key) == 0)
            return map->keys[i];
    return NULL;
}

ynode *ymap_get(const ynode *map, const char *key)
{
    if (!map || map->kind != YNODE_MAP)
        return NULL;
    for (size_t i = 0; i < map->n; i++)
        if (strcmp(map->keys[i]->str, key) == 0)
            return map->items[i];
    return NULL;
}

int ynode_is_null(const ynode *n)
{
    if (!n || n->kind != YNODE_SCALAR || !n->plain)
        return 0;
    return n->len == 0 || strcmp(n->str, "~") == 0 || strcmp(n->str, "null") == 0 ||
           strcmp(n->str, "Null") == 0 || strcmp(n->str, "NULL") == 0;
}

int ynode_int(const ynode *n, long *out)
{
    if (!n || n->kind != YNODE_SCALAR || !n->plain || n->len == 0 || n->len > 18)
        return -1;
    const char *s = n->str;
    size_t i = (s[0] == '-' || s[0] == '+') ? 1 : 0;
    if (i == n->len)
        return -1;
    for (size_t j = i; j < n->len; j++)
        if (s[j] < '0' || s[j] > '9')
            return -1;
    *out = strtol(s, NULL, 10);
    return 0;
}

const char *ynode_describe(const ynode *n)
{
    long v;
    if (!n)
        return "nothing";
    if (n->kind == YNODE_SEQ)
        return "a list";
    if (n->kind == YNODE_MAP)
        return "a mapping";
    if (ynode_is_null(n))
        return "nothing";
    if (ynode_int(n, &v) == 0)
        return "a number";
    return "a string";
}

const char *ytree_clip(const char *s, char *buf, size_t size)
{
    size_t n = strlen(s), cut = n;
    if (size < 8)
        return "";
    if (cut > YTREE_CLIP)
        cut = YTREE_CLIP;
    if (cut > size - 5) /* room for "…" and the NUL */
        cut = size - 5;
    while (cut > 0 && cut < n && ((unsigned char)s[cut] & 0xC0) == 0x80)
        cut--;
    for (size_t i = 0; i < cut; i++)
        buf[i] = (unsigned char)s[i] < 0x20 || s[i] == 0x7F ? '?' : s[i];
    buf[cut] = '\0';
    if (cut < n)
        memcpy(buf + cut, "…", sizeof("…"));
    return buf;
}
