/* manifest_parse.c — reads a manifest or a notice document (manifest.h),
 * or a list of publishing keys (keylist.h),
 * from libyaml's events: only known keys, no aliases, every limit from
 * klimits.h, and an error message with the line and column of the problem.
 * A parser of its own rather than yamltree: a manifest arrives from the
 * network and its errors are part of the update protocol's reports. */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "keylist.h"
#include "klimits.h"
#include "manifest.h"
#include "manifest_impl.h"

struct ps {
    yaml_parser_t p;
    yaml_event_t ev;
    int have;
    manifest_error rc;
    char *err;
    size_t errsize;
};

static int fail(struct ps *s, manifest_error rc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int fail(struct ps *s, manifest_error rc, const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    if (s->have)
        manifest_set_err(s->err, s->errsize, "%lu:%lu: %s", (unsigned long)s->ev.start_mark.line + 1,
                (unsigned long)s->ev.start_mark.column + 1, msg);
    else
        manifest_set_err(s->err, s->errsize, "%s", msg);
    s->rc = rc;
    return -1;
}

static int next(struct ps *s)
{
    if (s->have)
        yaml_event_delete(&s->ev);
    s->have = 0;
    if (!yaml_parser_parse(&s->p, &s->ev)) {
        manifest_set_err(s->err, s->errsize, "%lu:%lu: YAML: %s", (unsigned long)s->p.problem_mark.line + 1,
                (unsigned long)s->p.problem_mark.column + 1,
                s->p.problem ? s->p.problem : "syntax error");
        s->rc = MANIFEST_E_SYNTAX;
        return -1;
    }
    s->have = 1;
    if (s->ev.type == YAML_ALIAS_EVENT)
        return fail(s, MANIFEST_E_SYNTAX, "aliases are not allowed in a manifest");
    return 0;
}

static int expect(struct ps *s, yaml_event_type_t t, const char *what)
{
    if (next(s))
        return -1;
    if (s->ev.type != t)
        return fail(s, MANIFEST_E_SYNTAX, "expected %s", what);
    return 0;
}

/* The current event's scalar as a C string (borrowed until the next event). */
static const char *scalar(struct ps *s, const char *what)
{
    if (s->ev.type != YAML_SCALAR_EVENT) {
        fail(s, MANIFEST_E_SYNTAX, "expected %s", what);
        return NULL;
    }
    const char *v = (const char *)s->ev.data.scalar.value;
    if (strlen(v) != s->ev.data.scalar.length) {
        fail(s, MANIFEST_E_SYNTAX, "NUL byte in %s", what);
        return NULL;
    }
    return v;
}

static int next_scalar(struct ps *s, const char *what, const char **out)
{
    if (next(s))
        return -1;
    *out = scalar(s, what);
    return *out ? 0 : -1;
}

/* The next key of the mapping being read: 0 with *k (what names it in an
 * error), 1 at the end of the mapping, -1 on an error. */
static int next_key(struct ps *s, const char *what, const char **k)
{
    if (next(s))
        return -1;
    if (s->ev.type == YAML_MAPPING_END_EVENT)
        return 1;
    *k = scalar(s, what);
    return *k ? 0 : -1;
}

/* The next key of a mapping whose keys are keys[] (NULL-terminated), each
 * allowed once: 0 with *bit (1 << its index) added to *seen, 1 at the end
 * of the mapping, -1 on an error. where ("" at the top level) says in
 * which mapping an unknown or repeated key is. */
static int next_field(struct ps *s, const char *const *keys, const char *where, unsigned *seen,
                      unsigned *bit)
{
    const char *k;
    int end = next_key(s, "a key", &k);
    if (end)
        return end;
    *bit = 0;
    for (unsigned i = 0; keys[i]; i++)
        if (strcmp(k, keys[i]) == 0)
            *bit = 1u << i;
    if (!*bit)
        return fail(s, MANIFEST_E_SYNTAX, "unknown key '%.32s'%s", k, where);
    if (*seen & *bit)
        return *where ? fail(s, MANIFEST_E_SYNTAX, "duplicate key%s", where)
                      : fail(s, MANIFEST_E_SYNTAX, "duplicate key '%s'", k);
    *seen |= *bit;
    return 0;
}

/* Every field of the mapping being read (its keys keys[], each once):
 * value(s, obj, bit) reads each value. The keys seen go to *seen (bits as
 * in next_field). 0, or -1. */
static int parse_fields(struct ps *s, const char *const *keys, const char *where,
                        int (*value)(struct ps *, void *, unsigned), void *obj, unsigned *seen)
{
    unsigned bit;
    *seen = 0;
    for (;;) {
        int end = next_field(s, keys, where, seen, &bit);
        if (end)
            return end < 0 ? -1 : 0;
        if (value(s, obj, bit))
            return -1;
    }
}

static int parse_u64(struct ps *s, const char *what, uint64_t *out)
{
    const char *v;
    if (next_scalar(s, what, &v))
        return -1;
    if (!*v || strlen(v) > 20)
        return fail(s, MANIFEST_E_SYNTAX, "%s: expected a number", what);
    uint64_t n = 0;
    for (const char *p = v; *p; p++) {
        if (*p < '0' || *p > '9')
            return fail(s, MANIFEST_E_SYNTAX, "%s: expected a number", what);
        uint64_t d = (uint64_t)(*p - '0');
        if (n > (UINT64_MAX - d) / 10)
            return fail(s, MANIFEST_E_SYNTAX, "%s: number too large", what);
        n = n * 10 + d;
    }
    *out = n;
    return 0;
}

static int parse_file(struct ps *s, void *obj)
{
    manifest *m = obj;
    if (s->ev.type != YAML_MAPPING_START_EVENT)
        return fail(s, MANIFEST_E_SYNTAX, "expected a file entry (path, size, sha256)");
    if (m->n_files >= KIOSK_MAX_FILES)
        return fail(s, MANIFEST_E_LIMIT, "more than %d files", KIOSK_MAX_FILES);
    char path[KIOSK_MAX_PATH + 1] = "";
    char hex[MANIFEST_HEX_LEN + 1] = "";
    uint64_t size = 0;
    static const char *const keys[] = {"path", "size", "sha256", NULL};
    unsigned seen = 0, bit;
    for (;;) {
        int end = next_field(s, keys, " in a file entry", &seen, &bit);
        if (end < 0)
            return -1;
        if (end)
            break;
        const char *v;
        if (bit == 1) {
            if (next_scalar(s, "a path", &v))
                return -1;
            if (!manifest_path_valid(v))
                return fail(s, MANIFEST_E_PATH, "invalid path '%.80s'", v);
            snprintf(path, sizeof(path), "%s", v);
        } else if (bit == 2) {
            if (parse_u64(s, "size", &size))
                return -1;
            if (size > KIOSK_MAX_OBJECT_BYTES)
                return fail(s, MANIFEST_E_LIMIT, "file of %" PRIu64 " bytes exceeds the limit of %d",
                            size, KIOSK_MAX_OBJECT_BYTES);
        } else {
            if (next_scalar(s, "sha256", &v))
                return -1;
            if (!manifest_hex_valid(v))
                return fail(s, MANIFEST_E_SYNTAX, "sha256: expected 64 lower-case hex digits");
            memcpy(hex, v, sizeof(hex));
        }
    }
    if (seen != 7)
        return fail(s, MANIFEST_E_SYNTAX, "a file entry needs path, size and sha256");
    if (m->total_bytes + size > (uint64_t)KIOSK_MAX_TREE_BYTES)
        return fail(s, MANIFEST_E_LIMIT, "content tree exceeds the limit of %lld bytes",
                    (long long)KIOSK_MAX_TREE_BYTES);
    if (manifest_add(m, path, size, hex))
        return fail(s, MANIFEST_E_NOMEM, "out of memory");
    return 0;
}

static int notice_text(struct ps *s, const char *what, char **out)
{
    const char *v;
    if (*out)
        return fail(s, MANIFEST_E_SYNTAX, "duplicate key '%s'", what);
    if (next_scalar(s, what, &v))
        return -1;
    const char *why = manifest_notice_text_problem(v, strlen(v));
    if (why)
        return fail(s, why[0] == 't' ? MANIFEST_E_LIMIT : MANIFEST_E_SYNTAX, "notice text %s: %s", what, why);
    if (!(*out = strdup(v)))
        return fail(s, MANIFEST_E_NOMEM, "out of memory");
    return 0;
}

static int notice_time(struct ps *s, const char *what, int *seen, int64_t *out)
{
    const char *v;
    if (*seen)
        return fail(s, MANIFEST_E_SYNTAX, "duplicate key '%s'", what);
    *seen = 1;
    if (next_scalar(s, what, &v))
        return -1;
    if (strlen(v) > 40 || manifest_time_parse(v, out) != 0)
        return fail(s, MANIFEST_E_SYNTAX, "%s: expected a time like 2026-11-25T08:00:00+01:00", what);
    return 0;
}

/* The notice's texts by language, a mapping. */
static int parse_notice_texts(struct ps *s, manifest_notice *n)
{
    if (expect(s, YAML_MAPPING_START_EVENT, "texts by language (de, en, leicht)"))
        return -1;
    for (;;) {
        const char *l;
        int end = next_key(s, "a language", &l);
        if (end < 0)
            return -1;
        if (end)
            return 0;
        int rc = strcmp(l, "de") == 0       ? notice_text(s, "de", &n->de)
                 : strcmp(l, "en") == 0     ? notice_text(s, "en", &n->en)
                 : strcmp(l, "leicht") == 0 ? notice_text(s, "leicht", &n->leicht)
                                            : fail(s, MANIFEST_E_SYNTAX,
                                                   "unknown language '%.32s' (de, en, leicht)", l);
        if (rc)
            return -1;
    }
}

/* The notice mapping; the current event is its MAPPING_START. */
static int parse_notice(struct ps *s, manifest_notice *n)
{
    if (s->ev.type != YAML_MAPPING_START_EVENT)
        return fail(s, MANIFEST_E_SYNTAX, "expected a notice (text, starts, ends)");
    int have_text = 0, have_starts = 0, have_ends = 0;
    for (;;) {
        const char *k;
        int end = next_key(s, "a key", &k);
        if (end < 0)
            return -1;
        if (end)
            break;
        if (strcmp(k, "text") == 0) {
            if (have_text++)
                return fail(s, MANIFEST_E_SYNTAX, "duplicate key 'text'");
            if (parse_notice_texts(s, n))
                return -1;
        } else if (strcmp(k, "starts") == 0) {
            if (notice_time(s, "starts", &have_starts, &n->starts))
                return -1;
        } else if (strcmp(k, "ends") == 0) {
            if (notice_time(s, "ends", &have_ends, &n->ends))
                return -1;
        } else {
            return fail(s, MANIFEST_E_SYNTAX, "unknown key '%.32s' in the notice", k);
        }
    }
    if (!n->de || !n->en)
        return fail(s, MANIFEST_E_SYNTAX, "a notice needs text in de and en");
    if (!have_starts || !have_ends)
        return fail(s, MANIFEST_E_SYNTAX, "a notice needs starts and ends");
    if (n->ends <= n->starts)
        return fail(s, MANIFEST_E_SYNTAX, "the notice ends before it starts");
    return 0;
}

/* Top-level keys, in the order of their bits in parse_top's "seen". */
enum { TOP_FORMAT = 1, TOP_CHANNEL = 2, TOP_VERSION = 4, TOP_PUBLISHED = 8, TOP_FILES = 16,
       TOP_NOTICE = 32, TOP_EXPIRES = 64 };

/* A string value of the top level kept in *out (channel, published). */
static int keep_top(struct ps *s, const char *v, char **out)
{
    free(*out);
    if (!(*out = strdup(v)))
        return fail(s, MANIFEST_E_NOMEM, "out of memory");
    return 0;
}

static int parse_published(struct ps *s, manifest *m)
{
    const char *v;
    if (next_scalar(s, "published", &v))
        return -1;
    if (strlen(v) > 64)
        return fail(s, MANIFEST_E_SYNTAX, "published: too long");
    /* a time stamp: [0-9A-Za-z:.+-], so emitting it again needs no escaping */
    for (const char *p = v; *p; p++)
        if (!manifest_alnum(*p) && *p != ':' && *p != '.' && *p != '+' && *p != '-')
            return fail(s, MANIFEST_E_SYNTAX, "published: unexpected character");
    return keep_top(s, v, &m->published);
}

/* A sequence (what names it in an error), item(s, obj) for each entry
 * with the entry's first event current. */
static int parse_seq(struct ps *s, const char *what, int (*item)(struct ps *, void *), void *obj)
{
    if (expect(s, YAML_SEQUENCE_START_EVENT, what))
        return -1;
    for (;;) {
        if (next(s))
            return -1;
        if (s->ev.type == YAML_SEQUENCE_END_EVENT)
            return 0;
        if (item(s, obj))
            return -1;
    }
}

/* The value of the top-level key whose bit is key. */
static int parse_top_value(struct ps *s, void *obj, unsigned key)
{
    manifest *m = obj;
    const char *v;
    uint64_t n;
    switch (key) {
    case TOP_FORMAT:
        if (parse_u64(s, "format", &n))
            return -1;
        if (n != MANIFEST_FORMAT && n != MANIFEST_FORMAT_NOTICE)
            return fail(s, MANIFEST_E_SYNTAX, "unsupported manifest format %" PRIu64, n);
        m->format = (int)n;
        return 0;
    case TOP_CHANNEL:
        if (next_scalar(s, "channel", &v))
            return -1;
        if (!manifest_channel_valid(v))
            return fail(s, MANIFEST_E_SYNTAX, "invalid channel name");
        return keep_top(s, v, &m->channel);
    case TOP_VERSION:
        return parse_u64(s, "version", &m->version);
    case TOP_PUBLISHED:
        return parse_published(s, m);
    case TOP_FILES:
        return parse_seq(s, "a list of files", parse_file, m);
    case TOP_EXPIRES: {
        int seen = 0;
        if (notice_time(s, "expires", &seen, &m->expires))
            return -1;
        return m->expires > 0 ? 0 : fail(s, MANIFEST_E_SYNTAX, "expires: before 1970");
    }
    default: /* TOP_NOTICE */
        if (!(m->notice = calloc(1, sizeof(*m->notice))))
            return fail(s, MANIFEST_E_NOMEM, "out of memory");
        if (next(s) || parse_notice(s, m->notice))
            return -1;
        return 0;
    }
}

/* A whole manifest document into the manifest obj. */
static int parse_top(struct ps *s, void *obj)
{
    manifest *m = obj;
    static const char *const keys[] = {"format", "channel", "version", "published",
                                       "files",  "notice",  "expires", NULL};
    if (expect(s, YAML_STREAM_START_EVENT, "a YAML stream"))
        return -1;
    if (next(s))
        return -1;
    if (s->ev.type != YAML_DOCUMENT_START_EVENT)
        return fail(s, MANIFEST_E_SYNTAX, "empty manifest");
    if (expect(s, YAML_MAPPING_START_EVENT, "a mapping at the top level"))
        return -1;
    unsigned seen;
    if (parse_fields(s, keys, "", parse_top_value, m, &seen))
        return -1;
    if ((seen & 31) != 31)
        return fail(s, MANIFEST_E_SYNTAX, "a manifest needs format, channel, version, published and files");
    /* the format says whether a notice is there, so an old kiosk refuses
     * the manifest rather than ignore the notice */
    if ((m->format == MANIFEST_FORMAT_NOTICE) != (m->notice != NULL))
        return fail(s, MANIFEST_E_SYNTAX, m->notice ? "a notice needs format %d" : "format %d needs a notice",
                    MANIFEST_FORMAT_NOTICE);
    if (expect(s, YAML_DOCUMENT_END_EVENT, "the end of the document"))
        return -1;
    if (expect(s, YAML_STREAM_END_EVENT, "a single document"))
        return -1;
    return 0;
}

/* A standalone notice document into the notice obj. */
static int notice_document(struct ps *s, void *obj)
{
    if (expect(s, YAML_STREAM_START_EVENT, "a YAML stream") == 0 &&
        expect(s, YAML_DOCUMENT_START_EVENT, "a notice") == 0 && next(s) == 0 && parse_notice(s, obj) == 0 &&
        expect(s, YAML_DOCUMENT_END_EVENT, "the end of the document") == 0 &&
        expect(s, YAML_STREAM_END_EVENT, "a single document") == 0)
        return 0;
    return -1;
}

/* Runs body(s, obj) over buf[0..len) with a fresh libyaml parser. 0, or -1
 * (s->rc says why when it knows). */
static int parse_with(struct ps *s, const char *buf, size_t len, int (*body)(struct ps *, void *),
                      void *obj)
{
    if (!yaml_parser_initialize(&s->p)) {
        s->rc = MANIFEST_E_NOMEM;
        return -1;
    }
    yaml_parser_set_input_string(&s->p, (const unsigned char *)buf, len);
    int rc = body(s, obj);
    if (s->have)
        yaml_event_delete(&s->ev);
    yaml_parser_delete(&s->p);
    return rc;
}

manifest_error manifest_parse(const char *buf, size_t len, manifest **out, char *err, size_t errsize)
{
    *out = NULL;
    manifest_set_err(err, errsize, "%s", "");
    if (len > KIOSK_MAX_MANIFEST_BYTES) {
        manifest_set_err(err, errsize, "manifest of %zu bytes exceeds the limit of %d", len,
                KIOSK_MAX_MANIFEST_BYTES);
        return MANIFEST_E_LIMIT;
    }
    manifest *m = manifest_new("", 0, "");
    if (!m)
        return MANIFEST_E_NOMEM;
    struct ps s = {.rc = MANIFEST_OK, .err = err, .errsize = errsize};
    int rc = parse_with(&s, buf, len, parse_top, m);
    if (rc == 0 && manifest_finish(m, err, errsize) != 0) {
        /* duplicates and file/directory clashes are path problems; only
         * the size cap is a limit */
        s.rc = m->total_bytes > (uint64_t)KIOSK_MAX_TREE_BYTES ? MANIFEST_E_LIMIT : MANIFEST_E_PATH;
        rc = -1;
    }
    if (rc != 0) {
        manifest_free(m);
        return s.rc != MANIFEST_OK ? s.rc : MANIFEST_E_SYNTAX;
    }
    *out = m;
    return MANIFEST_OK;
}

manifest_error manifest_notice_parse(const char *buf, size_t len, manifest_notice **out, char *err,
                                     size_t errsize)
{
    *out = NULL;
    manifest_set_err(err, errsize, "%s", "");
    if (len > KIOSK_MAX_NOTICE_BYTES) {
        manifest_set_err(err, errsize, "notice of %zu bytes is too big", len);
        return MANIFEST_E_LIMIT;
    }
    manifest_notice *n = calloc(1, sizeof(*n));
    if (!n)
        return MANIFEST_E_NOMEM;
    struct ps s = {.rc = MANIFEST_OK, .err = err, .errsize = errsize};
    int rc = parse_with(&s, buf, len, notice_document, n);
    if (rc != 0) {
        manifest_notice_free(n);
        return s.rc != MANIFEST_OK ? s.rc : MANIFEST_E_SYNTAX;
    }
    *out = n;
    return MANIFEST_OK;
}


/* --- the list of publishing keys (keylist.h) ---------------------------------- */

/* A time value ("added", "revoked", ...) after 1970 into *out. */
static int keylist_time(struct ps *s, const char *what, int64_t *out)
{
    int seen = 0;
    if (notice_time(s, what, &seen, out))
        return -1;
    return *out > 0 ? 0 : fail(s, MANIFEST_E_SYNTAX, "%s: must be after 1970-01-01T00:00:00Z", what);
}

/* One field of a key entry; bit says which (keys[] of parse_key_entry). */
static int key_field(struct ps *s, void *obj, unsigned bit)
{
    keylist_key *k = obj;
    const char *v;
    if (bit == 4)
        return keylist_time(s, "added", &k->added);
    if (bit == 16)
        return keylist_time(s, "revoked", &k->revoked);
    if (next_scalar(s, bit == 1 ? "id" : bit == 2 ? "public" : "note", &v))
        return -1;
    if (bit == 1) {
        if (strlen(v) != MANIFEST_KEYID_LEN || strspn(v, "0123456789abcdef") != MANIFEST_KEYID_LEN)
            return fail(s, MANIFEST_E_SYNTAX, "id: expected %d lower-case hex digits", MANIFEST_KEYID_LEN);
        memcpy(k->id, v, MANIFEST_KEYID_LEN + 1);
        return 0;
    }
    if (bit == 2)
        return manifest_parse_public(v, strlen(v), k->pk) == 0
                   ? 0
                   : fail(s, MANIFEST_E_SYNTAX, "public: expected \"kiosk-ed25519-public <base64>\"");
    const char *why = keylist_note_problem(v);
    if (why)
        return fail(s, why[0] == 't' ? MANIFEST_E_LIMIT : MANIFEST_E_SYNTAX, "note: %s", why);
    if (!(k->note = strdup(v)))
        return fail(s, MANIFEST_E_NOMEM, "out of memory");
    return 0;
}

/* One key entry; the current event is its MAPPING_START. */
static int parse_key_entry(struct ps *s, void *obj)
{
    keylist *l = obj;
    static const char *const keys[] = {"id", "public", "added", "note", "revoked", NULL};
    if (s->ev.type != YAML_MAPPING_START_EVENT)
        return fail(s, MANIFEST_E_SYNTAX, "expected a key entry (id, public, added)");
    if (l->n_keys >= KEYLIST_MAX_KEYS)
        return fail(s, MANIFEST_E_LIMIT, "more than %d keys", KEYLIST_MAX_KEYS);
    keylist_key *k = &l->keys[l->n_keys++];
    memset(k, 0, sizeof(*k));
    unsigned seen;
    if (parse_fields(s, keys, " in a key entry", key_field, k, &seen))
        return -1;
    if ((seen & 7) != 7)
        return fail(s, MANIFEST_E_SYNTAX, "a key entry needs id, public and added");
    char id[MANIFEST_KEYID_LEN + 1];
    manifest_key_id(k->pk, id);
    if (strcmp(id, k->id) != 0)
        return fail(s, MANIFEST_E_SYNTAX, "id %s is not the id of its public key (%s)", k->id, id);
    for (size_t i = 0; i + 1 < l->n_keys; i++)
        if (strcmp(l->keys[i].id, k->id) == 0)
            return fail(s, MANIFEST_E_SYNTAX, "key %s listed twice", k->id);
    return 0;
}

/* The value of the key list's top-level key whose bit is key. */
static int keylist_top_value(struct ps *s, void *obj, unsigned key)
{
    keylist *l = obj;
    uint64_t n;
    switch (key) {
    case 1:
        if (parse_u64(s, "format", &n))
            return -1;
        return n == KEYLIST_FORMAT ? 0 : fail(s, MANIFEST_E_SYNTAX, "unsupported key list format %" PRIu64, n);
    case 2:
        return parse_u64(s, "version", &l->version);
    case 4:
        return keylist_time(s, "published", &l->published);
    case 8:
        return keylist_time(s, "expires", &l->expires);
    default:
        return parse_seq(s, "a list of keys", parse_key_entry, l);
    }
}

static int keylist_document(struct ps *s, void *obj)
{
    static const char *const keys[] = {"format", "version", "published", "expires", "keys", NULL};
    if (expect(s, YAML_STREAM_START_EVENT, "a YAML stream") || expect(s, YAML_DOCUMENT_START_EVENT, "a key list") ||
        expect(s, YAML_MAPPING_START_EVENT, "a mapping at the top level"))
        return -1;
    unsigned seen;
    if (parse_fields(s, keys, "", keylist_top_value, obj, &seen))
        return -1;
    if (seen != 31)
        return fail(s, MANIFEST_E_SYNTAX, "a key list needs format, version, published, expires and keys");
    if (expect(s, YAML_DOCUMENT_END_EVENT, "the end of the document"))
        return -1;
    return expect(s, YAML_STREAM_END_EVENT, "a single document");
}

manifest_error keylist_parse(const char *buf, size_t len, keylist **out, char *err, size_t errsize)
{
    *out = NULL;
    manifest_set_err(err, errsize, "%s", "");
    if (len > KEYLIST_MAX_BYTES) {
        manifest_set_err(err, errsize, "key list of %zu bytes exceeds the limit of %d", len, KEYLIST_MAX_BYTES);
        return MANIFEST_E_LIMIT;
    }
    keylist *l = keylist_new();
    if (!l)
        return MANIFEST_E_NOMEM;
    struct ps s = {.rc = MANIFEST_OK, .err = err, .errsize = errsize};
    if (parse_with(&s, buf, len, keylist_document, l) != 0) {
        keylist_free(l);
        return s.rc != MANIFEST_OK ? s.rc : MANIFEST_E_SYNTAX;
    }
    *out = l;
    return MANIFEST_OK;
}
