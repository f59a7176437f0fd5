/* manifest_emit.c — writes a manifest, a notice document or a key list
 * (keylist.h) as the YAML that manifest_parse.c reads back (manifest.h). */
#include <inttypes.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keylist.h"
#include "manifest.h"
#include "utf8.h"

struct buf {
    char *p;
    size_t len, cap;
    int failed;
};

static void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void buf_printf(struct buf *b, const char *fmt, ...)
{
    if (b->failed)
        return;
    for (;;) {
        va_list ap;
        va_start(ap, fmt);
        int n = vsnprintf(b->p + b->len, b->cap - b->len, fmt, ap);
        va_end(ap);
        if (n < 0) {
            b->failed = 1;
            return;
        }
        if ((size_t)n < b->cap - b->len) {
            b->len += (size_t)n;
            return;
        }
        size_t cap = b->cap * 2 + (size_t)n + 1;
        char *p = realloc(b->p, cap);
        if (!p) {
            b->failed = 1;
            return;
        }
        b->p = p;
        b->cap = cap;
    }
}

/* An empty buffer of cap bytes; 0, or -1 when out of memory. */
static int buf_start(struct buf *b, size_t cap)
{
    *b = (struct buf){.cap = cap, .p = malloc(cap)};
    if (!b->p)
        return -1;
    b->p[0] = '\0';
    return 0;
}

/* The text written into b (its length in *len when len is not NULL), or
 * NULL when a write failed (b freed). */
static char *buf_finish(struct buf *b, size_t *len)
{
    if (b->failed) {
        free(b->p);
        return NULL;
    }
    if (len)
        *len = b->len;
    return b->p;
}

/* One code point of a double-quoted scalar: printable ones as they are,
 * every other one as a YAML escape, so no byte of a text can end the
 * string, the line or the document, whatever the parser let through. */
static void emit_code_point(struct buf *b, uint32_t cp, const char *raw, size_t n)
{
    if (cp == '"' || cp == '\\')
        buf_printf(b, "\\%c", (char)cp);
    else if (cp == '\n')
        buf_printf(b, "\\n");
    else if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f))
        buf_printf(b, "\\x%02x", (unsigned)cp);
    else if (cp == 0x2028 || cp == 0x2029 || cp == 0xfeff || cp == 0xfffe || cp == 0xffff)
        buf_printf(b, "\\u%04x", (unsigned)cp);
    else
        buf_printf(b, "%.*s", (int)n, raw);
}

static void emit_quoted(struct buf *b, const char *v)
{
    size_t len = strlen(v);
    buf_printf(b, "\"");
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t n = utf8_decode(v + i, len - i, &cp);
        if (n == 0) { /* not UTF-8: never written raw; reads back different, and is refused */
            n = 1;
            buf_printf(b, "\\ufffd");
        } else {
            emit_code_point(b, cp, v + i, n);
        }
        i += n;
    }
    buf_printf(b, "\"\n");
}

static void emit_notice(struct buf *b, const manifest_notice *n, const char *ind)
{
    char t[40];
    buf_printf(b, "%stext:\n%s  de: ", ind, ind);
    emit_quoted(b, n->de);
    buf_printf(b, "%s  en: ", ind);
    emit_quoted(b, n->en);
    if (n->leicht) {
        buf_printf(b, "%s  leicht: ", ind);
        emit_quoted(b, n->leicht);
    }
    manifest_time_format(n->starts, t, sizeof(t));
    buf_printf(b, "%sstarts: \"%s\"\n", ind, t);
    manifest_time_format(n->ends, t, sizeof(t));
    buf_printf(b, "%sends: \"%s\"\n", ind, t);
}

char *manifest_notice_emit(const manifest_notice *n, size_t *len)
{
    struct buf b;
    if (buf_start(&b, 512) != 0)
        return NULL;
    buf_printf(&b, "# kiosk emergency notice\n");
    emit_notice(&b, n, "");
    return buf_finish(&b, len);
}

char *manifest_emit(const manifest *m, size_t *len)
{
    struct buf b;
    if (buf_start(&b, 256 + m->n_files * 128) != 0)
        return NULL;
    /* Every value written here was validated (channel, paths, hex) or is a
     * number, so no YAML quoting rules can be broken; paths are quoted anyway
     * so a path like "yes" or "1.0" stays a string for any YAML reader. */
    buf_printf(&b, "# kiosk content manifest, written by kiosk-publish. Signed: do not edit.\n");
    buf_printf(&b, "format: %d\nchannel: %s\nversion: %" PRIu64 "\npublished: \"%s\"\n",
               m->notice ? MANIFEST_FORMAT_NOTICE : MANIFEST_FORMAT, m->channel, m->version, m->published);
    if (m->expires > 0) {
        char t[40];
        manifest_time_format(m->expires, t, sizeof(t));
        buf_printf(&b, "expires: \"%s\"\n", t);
    }
    if (m->notice) {
        buf_printf(&b, "notice:\n");
        emit_notice(&b, m->notice, "  ");
    }
    if (m->n_files == 0)
        buf_printf(&b, "files: []\n");
    else
        buf_printf(&b, "files:\n");
    for (size_t i = 0; i < m->n_files; i++)
        buf_printf(&b, "  - path: \"%s\"\n    size: %" PRIu64 "\n    sha256: %s\n", m->files[i].path,
                   m->files[i].size, m->files[i].sha256);
    return buf_finish(&b, len);
}


/* `<ind>key: "<time>"` */
static void emit_time(struct buf *b, const char *ind, const char *key, int64_t t)
{
    char s[40];
    manifest_time_format(t, s, sizeof(s));
    buf_printf(b, "%s%s: \"%s\"\n", ind, key, s);
}

char *keylist_emit(const keylist *l, size_t *len)
{
    struct buf b;
    if (buf_start(&b, 512 + l->n_keys * 256) != 0)
        return NULL;
    buf_printf(&b, "# kiosk publishing keys, written by kiosk-publish. Signed by the root key: do not edit.\n");
    buf_printf(&b, "format: %d\nversion: %" PRIu64 "\n", KEYLIST_FORMAT, l->version);
    emit_time(&b, "", "published", l->published);
    emit_time(&b, "", "expires", l->expires);
    buf_printf(&b, l->n_keys ? "keys:\n" : "keys: []\n");
    for (size_t i = 0; i < l->n_keys; i++) {
        const keylist_key *k = &l->keys[i];
        char pub[MANIFEST_KEY_TEXT_MAX];
        if (manifest_format_public(k->pk, pub, sizeof(pub)) != 0) {
            b.failed = 1;
            break;
        }
        pub[strcspn(pub, "\n")] = '\0';
        buf_printf(&b, "  - id: %s\n    public: \"%s\"\n", k->id, pub);
        emit_time(&b, "    ", "added", k->added);
        if (k->note) {
            buf_printf(&b, "    note: ");
            emit_quoted(&b, k->note);
        }
        if (k->revoked)
            emit_time(&b, "    ", "revoked", k->revoked);
    }
    return buf_finish(&b, len);
}
