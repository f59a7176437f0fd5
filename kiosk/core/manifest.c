#include "manifest.h"

#include <inttypes.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "klimits.h"
#include "utf8.h"

#define PUB_PREFIX "kiosk-ed25519-public"
#define SEC_PREFIX "kiosk-ed25519-secret"
#define SIG_PREFIX "kiosk-ed25519-sig"

/* --- validation ----------------------------------------------------------- */

static int is_alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

int manifest_path_valid(const char *path)
{
    if (!path)
        return 0;
    size_t len = strlen(path);
    if (len == 0 || len > KIOSK_MAX_PATH)
        return 0;
    int depth = 0;
    const char *p = path;
    for (;;) {
        /* one component: first character restricted so ".", "..", hidden
         * files and names that look like options are impossible */
        if (!(is_alnum(*p) || *p == '_'))
            return 0;
        p++;
        while (is_alnum(*p) || *p == '_' || *p == '-' || *p == '.')
            p++;
        if (++depth > KIOSK_MAX_PATH_DEPTH)
            return 0;
        if (*p == '\0')
            return 1;
        if (*p != '/')
            return 0;
        p++;
    }
}

int manifest_hex_valid(const char *hex)
{
    if (!hex)
        return 0;
    for (int i = 0; i < MANIFEST_HEX_LEN; i++)
        if (!((hex[i] >= '0' && hex[i] <= '9') || (hex[i] >= 'a' && hex[i] <= 'f')))
            return 0;
    return hex[MANIFEST_HEX_LEN] == '\0';
}

int manifest_channel_valid(const char *name)
{
    if (!name)
        return 0;
    size_t len = strlen(name);
    if (len == 0 || len > KIOSK_MAX_CHANNEL)
        return 0;
    if (!((name[0] >= 'a' && name[0] <= 'z') || (name[0] >= '0' && name[0] <= '9')))
        return 0;
    for (size_t i = 0; i < len; i++) {
        char c = name[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
            return 0;
    }
    return 1;
}

/* --- building ------------------------------------------------------------- */

manifest *manifest_new(const char *channel, uint64_t version, const char *published)
{
    manifest *m = calloc(1, sizeof(*m));
    if (!m)
        return NULL;
    m->format = MANIFEST_FORMAT;
    m->version = version;
    m->channel = strdup(channel ? channel : "");
    m->published = strdup(published ? published : "");
    if (!m->channel || !m->published) {
        manifest_free(m);
        return NULL;
    }
    return m;
}

void manifest_free(manifest *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->n_files; i++)
        free(m->files[i].path);
    free(m->files);
    free(m->channel);
    free(m->published);
    manifest_notice_free(m->notice);
    free(m);
}

/* --- notices and times ------------------------------------------------------ */

void manifest_notice_free(manifest_notice *n)
{
    if (!n)
        return;
    free(n->de);
    free(n->en);
    free(n->leicht);
    free(n);
}

static char *dup_or_null(const char *s, int *failed)
{
    char *d = s ? strdup(s) : NULL;
    if (s && !d)
        *failed = 1;
    return d;
}

manifest_notice *manifest_notice_dup(const manifest_notice *n)
{
    int failed = 0;
    manifest_notice *d = n ? calloc(1, sizeof(*d)) : NULL;
    if (!d)
        return NULL;
    d->de = dup_or_null(n->de, &failed);
    d->en = dup_or_null(n->en, &failed);
    d->leicht = dup_or_null(n->leicht, &failed);
    d->starts = n->starts;
    d->ends = n->ends;
    if (failed) {
        manifest_notice_free(d);
        return NULL;
    }
    return d;
}

static int str_same(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

int manifest_notice_same(const manifest_notice *a, const manifest_notice *b)
{
    if (!a || !b)
        return !a && !b;
    return str_same(a->de, b->de) && str_same(a->en, b->en) && str_same(a->leicht, b->leicht) &&
           a->starts == b->starts && a->ends == b->ends;
}

int manifest_notice_active(const manifest_notice *n, int64_t now)
{
    return n && now >= n->starts && now < n->ends;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
 * days_from_civil), so no time zone database and no libc state is needed. */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

static int digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

int manifest_time_parse(const char *s, int64_t *out)
{
    static const unsigned mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y, mo, d, h, mi, se, oh = 0, om = 0, sign = 0;
    if (!s || strlen(s) < 20 || digits(s, 4, &y) || s[4] != '-' || digits(s + 5, 2, &mo) || s[7] != '-' ||
        digits(s + 8, 2, &d) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || digits(s + 11, 2, &h) ||
        s[13] != ':' || digits(s + 14, 2, &mi) || s[16] != ':' || digits(s + 17, 2, &se))
        return -1;
    const char *p = s + 19;
    if (*p == '.') {
        p++;
        if (*p < '0' || *p > '9')
            return -1;
        while (*p >= '0' && *p <= '9')
            p++;
    }
    if ((*p == 'Z' || *p == 'z') && p[1] == '\0') {
        sign = 0;
    } else if ((*p == '+' || *p == '-') && strlen(p) == 6 && !digits(p + 1, 2, &oh) && p[3] == ':' &&
               !digits(p + 4, 2, &om) && oh <= 23 && om <= 59) {
        sign = *p == '+' ? 1 : -1;
    } else {
        return -1;
    }
    if (y < 1970 || mo < 1 || mo > 12 || d < 1 || (unsigned)d > mdays[mo - 1] || h > 23 || mi > 59 || se > 60)
        return -1;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (mo == 2 && d == 29 && !leap)
        return -1;
    int64_t t = days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 + h * 3600 + mi * 60 + (se == 60 ? 59 : se);
    t -= sign * (oh * 3600 + om * 60);
    *out = t;
    return 0;
}

void manifest_time_format(int64_t t, char *buf, size_t size)
{
    /* civil_from_days */
    int64_t z = (t >= 0 ? t : t - 86399) / 86400;
    int64_t secs = t - z * 86400;
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t y = (int64_t)yoe + era * 400;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    unsigned d = doy - (153 * mp + 2) / 5 + 1;
    unsigned m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
    snprintf(buf, size, "%04lld-%02u-%02uT%02d:%02d:%02dZ", (long long)y, m, d, (int)(secs / 3600),
             (int)(secs / 60 % 60), (int)(secs % 60));
}

/* A notice text: valid UTF-8, not empty, bounded, no control characters
 * except line breaks. NULL when fine, else why not. */
static const char *notice_text_problem(const char *v, size_t len)
{
    if (len == 0)
        return "empty";
    if (len > KIOSK_MAX_NOTICE_TEXT)
        return "too long";
    size_t bad;
    if (!utf8_valid(v, len, &bad))
        return "not valid UTF-8";
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)v[i];
        if ((ch < 0x20 && ch != '\n') || ch == 0x7f)
            return "control character";
    }
    return NULL;
}

/* Append without checks beyond validity; manifest_finish() sorts and finds
 * duplicates for the whole list at once. */
int manifest_add(manifest *m, const char *path, uint64_t size, const char *sha256_hex)
{
    if (!manifest_path_valid(path) || !manifest_hex_valid(sha256_hex))
        return -1;
    if (m->n_files >= KIOSK_MAX_FILES)
        return -1;
    /* grow by doubling; the cap above bounds it */
    if (m->n_files == m->files_cap) {
        size_t cap = m->files_cap ? m->files_cap * 2 : 16;
        manifest_file *f = realloc(m->files, cap * sizeof(*f));
        if (!f)
            return -1;
        m->files = f;
        m->files_cap = cap;
    }
    manifest_file *f = &m->files[m->n_files];
    f->path = strdup(path);
    if (!f->path)
        return -1;
    f->size = size;
    memcpy(f->sha256, sha256_hex, MANIFEST_HEX_LEN + 1);
    m->n_files++;
    m->total_bytes += size;
    return 0;
}

static int cmp_file(const void *a, const void *b)
{
    return strcmp(((const manifest_file *)a)->path, ((const manifest_file *)b)->path);
}

static void set_err(char *err, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void set_err(char *err, size_t size, const char *fmt, ...)
{
    if (!err || size == 0)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, size, fmt, ap);
    va_end(ap);
}

const manifest_file *manifest_find(const manifest *m, const char *path)
{
    manifest_file key = {.path = (char *)path};
    return bsearch(&key, m->files, m->n_files, sizeof(key), cmp_file);
}

int manifest_finish(manifest *m, char *err, size_t errsize)
{
    if (m->n_files > 1)
        qsort(m->files, m->n_files, sizeof(m->files[0]), cmp_file);
    for (size_t i = 0; i + 1 < m->n_files; i++)
        if (strcmp(m->files[i].path, m->files[i + 1].path) == 0) {
            set_err(err, errsize, "file '%s' listed twice", m->files[i].path);
            return -1;
        }
    /* A file may not also be a directory of another file: "a" and "a/b". */
    for (size_t i = 0; i < m->n_files; i++) {
        char prefix[KIOSK_MAX_PATH + 1];
        const char *path = m->files[i].path;
        for (const char *s = strchr(path, '/'); s; s = strchr(s + 1, '/')) {
            snprintf(prefix, sizeof(prefix), "%.*s", (int)(s - path), path);
            if (manifest_find(m, prefix)) {
                set_err(err, errsize, "'%s' is both a file and the directory of '%s'", prefix, path);
                return -1;
            }
        }
    }
    if (m->total_bytes > (uint64_t)KIOSK_MAX_TREE_BYTES) {
        set_err(err, errsize, "content tree of %" PRIu64 " bytes exceeds the limit of %lld",
                m->total_bytes, (long long)KIOSK_MAX_TREE_BYTES);
        return -1;
    }
    return 0;
}

int manifest_same_files(const manifest *a, const manifest *b)
{
    if (a->n_files != b->n_files)
        return 0;
    for (size_t i = 0; i < a->n_files; i++)
        if (strcmp(a->files[i].path, b->files[i].path) != 0 || a->files[i].size != b->files[i].size ||
            strcmp(a->files[i].sha256, b->files[i].sha256) != 0)
            return 0;
    return 1;
}

/* --- emitting ------------------------------------------------------------- */

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

static void emit_quoted(struct buf *b, const char *v)
{
    /* YAML double-quoted: only '"', '\\' and line breaks need escapes; the
     * parser refused every other control character */
    buf_printf(b, "\"");
    for (const char *p = v; *p; p++) {
        if (*p == '"' || *p == '\\')
            buf_printf(b, "\\%c", *p);
        else if (*p == '\n')
            buf_printf(b, "\\n");
        else
            buf_printf(b, "%c", *p);
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
    struct buf b = {.cap = 512};
    b.p = malloc(b.cap);
    if (!b.p)
        return NULL;
    b.p[0] = '\0';
    buf_printf(&b, "# kiosk emergency notice\n");
    emit_notice(&b, n, "");
    if (b.failed) {
        free(b.p);
        return NULL;
    }
    if (len)
        *len = b.len;
    return b.p;
}

char *manifest_emit(const manifest *m, size_t *len)
{
    struct buf b = {.cap = 256 + m->n_files * 128};
    b.p = malloc(b.cap);
    if (!b.p)
        return NULL;
    b.p[0] = '\0';
    /* Every value written here was validated (channel, paths, hex) or is a
     * number, so no YAML quoting rules can be broken; paths are quoted anyway
     * so a path like "yes" or "1.0" stays a string for any YAML reader. */
    buf_printf(&b, "# kiosk content manifest, written by kiosk-publish. Signed: do not edit.\n");
    buf_printf(&b, "format: %d\nchannel: %s\nversion: %" PRIu64 "\npublished: \"%s\"\n",
               m->notice ? MANIFEST_FORMAT_NOTICE : MANIFEST_FORMAT, m->channel, m->version, m->published);
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
    if (b.failed) {
        free(b.p);
        return NULL;
    }
    if (len)
        *len = b.len;
    return b.p;
}

/* --- parsing -------------------------------------------------------------- */

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
        set_err(s->err, s->errsize, "%lu:%lu: %s", (unsigned long)s->ev.start_mark.line + 1,
                (unsigned long)s->ev.start_mark.column + 1, msg);
    else
        set_err(s->err, s->errsize, "%s", msg);
    s->rc = rc;
    return -1;
}

static int next(struct ps *s)
{
    if (s->have)
        yaml_event_delete(&s->ev);
    s->have = 0;
    if (!yaml_parser_parse(&s->p, &s->ev)) {
        set_err(s->err, s->errsize, "%lu:%lu: YAML: %s", (unsigned long)s->p.problem_mark.line + 1,
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

static int parse_file(struct ps *s, manifest *m)
{
    if (s->ev.type != YAML_MAPPING_START_EVENT)
        return fail(s, MANIFEST_E_SYNTAX, "expected a file entry (path, size, sha256)");
    if (m->n_files >= KIOSK_MAX_FILES)
        return fail(s, MANIFEST_E_LIMIT, "more than %d files", KIOSK_MAX_FILES);
    char path[KIOSK_MAX_PATH + 1] = "";
    char hex[MANIFEST_HEX_LEN + 1] = "";
    uint64_t size = 0;
    unsigned seen = 0;
    for (;;) {
        if (next(s))
            return -1;
        if (s->ev.type == YAML_MAPPING_END_EVENT)
            break;
        const char *k = scalar(s, "a key");
        if (!k)
            return -1;
        unsigned bit;
        if (strcmp(k, "path") == 0)
            bit = 1;
        else if (strcmp(k, "size") == 0)
            bit = 2;
        else if (strcmp(k, "sha256") == 0)
            bit = 4;
        else
            return fail(s, MANIFEST_E_SYNTAX, "unknown key '%.32s' in a file entry", k);
        if (seen & bit)
            return fail(s, MANIFEST_E_SYNTAX, "duplicate key in a file entry");
        seen |= bit;
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
    const char *why = notice_text_problem(v, strlen(v));
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

/* The notice mapping; the current event is its MAPPING_START. */
static int parse_notice(struct ps *s, manifest_notice *n)
{
    if (s->ev.type != YAML_MAPPING_START_EVENT)
        return fail(s, MANIFEST_E_SYNTAX, "expected a notice (text, starts, ends)");
    int have_text = 0, have_starts = 0, have_ends = 0;
    for (;;) {
        if (next(s))
            return -1;
        if (s->ev.type == YAML_MAPPING_END_EVENT)
            break;
        const char *k = scalar(s, "a key");
        if (!k)
            return -1;
        if (strcmp(k, "text") == 0) {
            if (have_text++)
                return fail(s, MANIFEST_E_SYNTAX, "duplicate key 'text'");
            if (expect(s, YAML_MAPPING_START_EVENT, "texts by language (de, en, leicht)"))
                return -1;
            for (;;) {
                if (next(s))
                    return -1;
                if (s->ev.type == YAML_MAPPING_END_EVENT)
                    break;
                const char *l = scalar(s, "a language");
                if (!l)
                    return -1;
                int rc = strcmp(l, "de") == 0       ? notice_text(s, "de", &n->de)
                         : strcmp(l, "en") == 0     ? notice_text(s, "en", &n->en)
                         : strcmp(l, "leicht") == 0 ? notice_text(s, "leicht", &n->leicht)
                                                    : fail(s, MANIFEST_E_SYNTAX,
                                                           "unknown language '%.32s' (de, en, leicht)", l);
                if (rc)
                    return -1;
            }
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

static int parse_top(struct ps *s, manifest *m)
{
    if (expect(s, YAML_STREAM_START_EVENT, "a YAML stream"))
        return -1;
    if (next(s))
        return -1;
    if (s->ev.type != YAML_DOCUMENT_START_EVENT)
        return fail(s, MANIFEST_E_SYNTAX, "empty manifest");
    if (expect(s, YAML_MAPPING_START_EVENT, "a mapping at the top level"))
        return -1;
    unsigned seen = 0;
    for (;;) {
        if (next(s))
            return -1;
        if (s->ev.type == YAML_MAPPING_END_EVENT)
            break;
        const char *k = scalar(s, "a key");
        if (!k)
            return -1;
        static const char *const keys[] = {"format", "channel", "version", "published", "files", "notice"};
        unsigned bit = 0;
        for (unsigned i = 0; i < 6; i++)
            if (strcmp(k, keys[i]) == 0)
                bit = 1u << i;
        if (!bit)
            return fail(s, MANIFEST_E_SYNTAX, "unknown key '%.32s'", k);
        if (seen & bit)
            return fail(s, MANIFEST_E_SYNTAX, "duplicate key '%s'", k);
        seen |= bit;
        const char *v;
        uint64_t n;
        switch (bit) {
        case 1:
            if (parse_u64(s, "format", &n))
                return -1;
            if (n != MANIFEST_FORMAT && n != MANIFEST_FORMAT_NOTICE)
                return fail(s, MANIFEST_E_SYNTAX, "unsupported manifest format %" PRIu64, n);
            m->format = (int)n;
            break;
        case 2:
            if (next_scalar(s, "channel", &v))
                return -1;
            if (!manifest_channel_valid(v))
                return fail(s, MANIFEST_E_SYNTAX, "invalid channel name");
            free(m->channel);
            if (!(m->channel = strdup(v)))
                return fail(s, MANIFEST_E_NOMEM, "out of memory");
            break;
        case 4:
            if (parse_u64(s, "version", &m->version))
                return -1;
            break;
        case 8:
            if (next_scalar(s, "published", &v))
                return -1;
            if (strlen(v) > 64)
                return fail(s, MANIFEST_E_SYNTAX, "published: too long");
            /* a time stamp: [0-9A-Za-z:.+-], so emitting it again needs no escaping */
            for (const char *p = v; *p; p++)
                if (!is_alnum(*p) && *p != ':' && *p != '.' && *p != '+' && *p != '-')
                    return fail(s, MANIFEST_E_SYNTAX, "published: unexpected character");
            free(m->published);
            if (!(m->published = strdup(v)))
                return fail(s, MANIFEST_E_NOMEM, "out of memory");
            break;
        case 16:
            if (expect(s, YAML_SEQUENCE_START_EVENT, "a list of files"))
                return -1;
            for (;;) {
                if (next(s))
                    return -1;
                if (s->ev.type == YAML_SEQUENCE_END_EVENT)
                    break;
                if (parse_file(s, m))
                    return -1;
            }
            break;
        case 32:
            if (!(m->notice = calloc(1, sizeof(*m->notice))))
                return fail(s, MANIFEST_E_NOMEM, "out of memory");
            if (next(s) || parse_notice(s, m->notice))
                return -1;
            break;
        }
    }
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

manifest_error manifest_parse(const char *buf, size_t len, manifest **out, char *err, size_t errsize)
{
    *out = NULL;
    set_err(err, errsize, "%s", "");
    if (len > KIOSK_MAX_MANIFEST_BYTES) {
        set_err(err, errsize, "manifest of %zu bytes exceeds the limit of %d", len,
                KIOSK_MAX_MANIFEST_BYTES);
        return MANIFEST_E_LIMIT;
    }
    manifest *m = manifest_new("", 0, "");
    if (!m)
        return MANIFEST_E_NOMEM;
    struct ps s = {.rc = MANIFEST_OK, .err = err, .errsize = errsize};
    if (!yaml_parser_initialize(&s.p)) {
        manifest_free(m);
        return MANIFEST_E_NOMEM;
    }
    yaml_parser_set_input_string(&s.p, (const unsigned char *)buf, len);
    int rc = parse_top(&s, m);
    if (s.have)
        yaml_event_delete(&s.ev);
    yaml_parser_delete(&s.p);
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
    set_err(err, errsize, "%s", "");
    if (len > KIOSK_MAX_NOTICE_BYTES) {
        set_err(err, errsize, "notice of %zu bytes is too big", len);
        return MANIFEST_E_LIMIT;
    }
    manifest_notice *n = calloc(1, sizeof(*n));
    if (!n)
        return MANIFEST_E_NOMEM;
    struct ps s = {.rc = MANIFEST_OK, .err = err, .errsize = errsize};
    if (!yaml_parser_initialize(&s.p)) {
        free(n);
        return MANIFEST_E_NOMEM;
    }
    yaml_parser_set_input_string(&s.p, (const unsigned char *)buf, len);
    int rc = -1;
    if (expect(&s, YAML_STREAM_START_EVENT, "a YAML stream") == 0 &&
        expect(&s, YAML_DOCUMENT_START_EVENT, "a notice") == 0 && next(&s) == 0 && parse_notice(&s, n) == 0 &&
        expect(&s, YAML_DOCUMENT_END_EVENT, "the end of the document") == 0 &&
        expect(&s, YAML_STREAM_END_EVENT, "a single document") == 0)
        rc = 0;
    if (s.have)
        yaml_event_delete(&s.ev);
    yaml_parser_delete(&s.p);
    if (rc != 0) {
        manifest_notice_free(n);
        return s.rc != MANIFEST_OK ? s.rc : MANIFEST_E_SYNTAX;
    }
    *out = n;
    return MANIFEST_OK;
}

/* --- hashing, keys, signatures --------------------------------------------- */

static int sodium_ready(void)
{
    return sodium_init() >= 0; /* 0 first time, 1 after; idempotent and thread-safe */
}

int manifest_sha256_hex(const void *data, size_t len, char *hex)
{
    unsigned char h[crypto_hash_sha256_BYTES];
    if (!sodium_ready())
        return -1;
    crypto_hash_sha256(h, data, len);
    sodium_bin2hex(hex, MANIFEST_HEX_LEN + 1, h, sizeof(h));
    return 0;
}

int manifest_keypair(unsigned char pk[MANIFEST_PK_BYTES], unsigned char sk[MANIFEST_SK_BYTES])
{
    if (!sodium_ready())
        return -1;
    return crypto_sign_keypair(pk, sk) == 0 ? 0 : -1;
}

void manifest_key_id(const unsigned char pk[MANIFEST_PK_BYTES], char id[MANIFEST_KEYID_LEN + 1])
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, pk, MANIFEST_PK_BYTES);
    sodium_bin2hex(id, MANIFEST_KEYID_LEN + 1, h, MANIFEST_KEYID_LEN / 2);
}

static int format_line(const char *prefix, const char *id, const unsigned char *bin, size_t n, char *buf,
                       size_t size)
{
    char b64[sodium_base64_ENCODED_LEN(MANIFEST_SK_BYTES, sodium_base64_VARIANT_ORIGINAL)];
    sodium_bin2base64(b64, sizeof(b64), bin, n, sodium_base64_VARIANT_ORIGINAL);
    int w = id ? snprintf(buf, size, "%s %s %s\n", prefix, id, b64)
               : snprintf(buf, size, "%s %s\n", prefix, b64);
    return w > 0 && (size_t)w < size ? 0 : -1;
}

int manifest_format_public(const unsigned char pk[MANIFEST_PK_BYTES], char *buf, size_t size)
{
    return sodium_ready() ? format_line(PUB_PREFIX, NULL, pk, MANIFEST_PK_BYTES, buf, size) : -1;
}

int manifest_format_secret(const unsigned char sk[MANIFEST_SK_BYTES], char *buf, size_t size)
{
    return sodium_ready() ? format_line(SEC_PREFIX, NULL, sk, MANIFEST_SK_BYTES, buf, size) : -1;
}

/* Split "word word ..." (space separated, trailing whitespace allowed) into
 * at most max tokens copied into tok[i] (each < tsize). Returns the count, or
 * -1 on anything unexpected. */
static int split_line(const char *text, size_t len, char tok[][128], int max)
{
    size_t end = len;
    while (end > 0 && (text[end - 1] == '\n' || text[end - 1] == '\r' || text[end - 1] == ' '))
        end--;
    int n = 0;
    size_t i = 0;
    while (i < end) {
        size_t j = i;
        while (j < end && text[j] != ' ')
            j++;
        if (j == i || n == max || j - i >= 128)
            return -1;
        for (size_t k = i; k < j; k++)
            if (text[k] < 0x21 || text[k] > 0x7e)
                return -1;
        memcpy(tok[n], text + i, j - i);
        tok[n][j - i] = '\0';
        n++;
        i = j < end ? j + 1 : j;
    }
    return n;
}

static int decode_b64(const char *b64, unsigned char *bin, size_t n)
{
    size_t got = 0;
    const char *end = NULL;
    if (sodium_base642bin(bin, n, b64, strlen(b64), NULL, &got, &end, sodium_base64_VARIANT_ORIGINAL) != 0)
        return -1;
    return got == n && end && *end == '\0' ? 0 : -1;
}

static int parse_key(const char *prefix, const char *text, size_t len, unsigned char *key, size_t n)
{
    char tok[2][128];
    if (!sodium_ready() || split_line(text, len, tok, 2) != 2 || strcmp(tok[0], prefix) != 0)
        return -1;
    return decode_b64(tok[1], key, n);
}

int manifest_parse_public(const char *text, size_t len, unsigned char pk[MANIFEST_PK_BYTES])
{
    return parse_key(PUB_PREFIX, text, len, pk, MANIFEST_PK_BYTES);
}

int manifest_parse_secret(const char *text, size_t len, unsigned char sk[MANIFEST_SK_BYTES])
{
    return parse_key(SEC_PREFIX, text, len, sk, MANIFEST_SK_BYTES);
}

int manifest_sign(const void *msg, size_t len, const unsigned char sk[MANIFEST_SK_BYTES], char *buf,
                  size_t size)
{
    unsigned char sig[crypto_sign_BYTES];
    unsigned char pk[MANIFEST_PK_BYTES];
    char id[MANIFEST_KEYID_LEN + 1];
    if (!sodium_ready())
        return -1;
    if (crypto_sign_detached(sig, NULL, msg, len, sk) != 0)
        return -1;
    crypto_sign_ed25519_sk_to_pk(pk, sk);
    manifest_key_id(pk, id);
    return format_line(SIG_PREFIX, id, sig, sizeof(sig), buf, size);
}

manifest_sig_status manifest_verify(const void *msg, size_t len, const char *sig, size_t siglen,
                                    const unsigned char pk[MANIFEST_PK_BYTES])
{
    char tok[3][128];
    unsigned char bin[crypto_sign_BYTES];
    char id[MANIFEST_KEYID_LEN + 1];
    if (!sodium_ready())
        return MANIFEST_SIG_MALFORMED;
    if (siglen > KIOSK_MAX_SIG_BYTES || memchr(sig, '\0', siglen))
        return MANIFEST_SIG_MALFORMED;
    if (split_line(sig, siglen, tok, 3) != 3 || strcmp(tok[0], SIG_PREFIX) != 0 ||
        strlen(tok[1]) != MANIFEST_KEYID_LEN || decode_b64(tok[2], bin, sizeof(bin)) != 0)
        return MANIFEST_SIG_MALFORMED;
    manifest_key_id(pk, id);
    if (strcmp(id, tok[1]) != 0)
        return MANIFEST_SIG_WRONG_KEY;
    return crypto_sign_verify_detached(bin, msg, len, pk) == 0 ? MANIFEST_SIG_OK : MANIFEST_SIG_BAD;
}
