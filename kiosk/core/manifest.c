/* manifest.c — a channel's manifest (manifest.h): the names it may hold
 * (paths, hashes, channels) and building one file by file. Notices, emitting,
 * parsing and signatures are in the other manifest_*.c (manifest_impl.h). */
#include "manifest.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "klimits.h"
#include "manifest_impl.h"

/* --- names ---------------------------------------------------------------- */

int manifest_alnum(char c)
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
        if (!(manifest_alnum(*p) || *p == '_'))
            return 0;
        p++;
        while (manifest_alnum(*p) || *p == '_' || *p == '-' || *p == '.')
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

void manifest_set_err(char *err, size_t size, const char *fmt, ...)
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
            manifest_set_err(err, errsize, "file '%s' listed twice", m->files[i].path);
            return -1;
        }
    /* A file may not also be a directory of another file: "a" and "a/b". */
    for (size_t i = 0; i < m->n_files; i++) {
        char prefix[KIOSK_MAX_PATH + 1];
        const char *path = m->files[i].path;
        for (const char *s = strchr(path, '/'); s; s = strchr(s + 1, '/')) {
            snprintf(prefix, sizeof(prefix), "%.*s", (int)(s - path), path);
            if (manifest_find(m, prefix)) {
                manifest_set_err(err, errsize, "'%s' is both a file and the directory of '%s'", prefix, path);
                return -1;
            }
        }
    }
    if (m->total_bytes > (uint64_t)KIOSK_MAX_TREE_BYTES) {
        manifest_set_err(err, errsize, "content tree of %" PRIu64 " bytes exceeds the limit of %lld",
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

int manifest_equal(const manifest *a, const manifest *b)
{
    /* the format is not compared: it follows from the notice when written */
    return a->version == b->version && a->expires == b->expires && strcmp(a->channel, b->channel) == 0 &&
           strcmp(a->published, b->published) == 0 && a->total_bytes == b->total_bytes &&
           manifest_same_files(a, b) && manifest_notice_same(a->notice, b->notice);
}

