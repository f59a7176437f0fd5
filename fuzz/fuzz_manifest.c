/* libFuzzer target: the manifest parser, the key list parser (keylist.h),
 * the signature line and the path validator, all of which read bytes from
 * the network. Besides "no crash, no leak" it checks invariants: a parsed
 * manifest or key list re-emits to text that parses to the same, and no
 * path that passes validation can leave the content tree. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "keylist.h"
#include "klimits.h"
#include "manifest.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int path_escapes(const char *p)
{
    if (p[0] == '/' || p[0] == '\0')
        return 1;
    for (const char *c = p; c; c = strchr(c, '/')) {
        if (*c == '/')
            c++;
        if (*c == '.' || *c == '/' || *c == '\0' || *c == '-')
            return 1; /* ".", "..", hidden, empty or option-like component */
    }
    return strchr(p, '\\') != NULL;
}

/* 1 when the emitted text holds a byte sequence a YAML reader could take
 * for a line break or a control: C0 but '\n', DEL, C1, U+2028/2029. */
static int emits_control(const char *t, size_t len)
{
    const unsigned char *u = (const unsigned char *)t;
    for (size_t i = 0; i < len; i++) {
        if ((u[i] < 0x20 && u[i] != '\n') || u[i] == 0x7f)
            return 1;
        if (u[i] == 0xC2 && i + 1 < len && u[i + 1] >= 0x80 && u[i + 1] <= 0x9f)
            return 1;
        if (u[i] == 0xE2 && i + 2 < len && u[i + 1] == 0x80 && (u[i + 2] == 0xA8 || u[i + 2] == 0xA9))
            return 1;
    }
    return 0;
}

/* A time that parses is in range and reads back the same once written. */
static void check_time(const char *s)
{
    int64_t t, back;
    char buf[40];
    if (manifest_time_parse(s, &t) != 0)
        return;
    manifest_time_format(t, buf, sizeof(buf));
    if (t < 0 || t > MANIFEST_TIME_MAX || manifest_time_parse(buf, &back) != 0 || back != t)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    manifest *m = NULL;
    char err[256];
    if (manifest_parse(text, size, &m, err, sizeof(err)) == MANIFEST_OK) {
        size_t len = 0;
        char *out = manifest_emit(m, &len);
        manifest *back = NULL;
        if (!out || emits_control(out, len) || manifest_parse(out, len, &back, err, sizeof(err)) != MANIFEST_OK)
            abort();
        if (!manifest_equal(m, back) || !manifest_same_files(m, back) || back->version != m->version ||
            strcmp(back->channel, m->channel) != 0 || !manifest_notice_same(m->notice, back->notice) ||
            (m->notice && m->notice->ends <= m->notice->starts))
            abort();
        for (size_t i = 0; i < m->n_files; i++)
            if (path_escapes(m->files[i].path) || !manifest_hex_valid(m->files[i].sha256) ||
                m->files[i].size > KIOSK_MAX_OBJECT_BYTES)
                abort();
        free(out);
        manifest_free(back);
        manifest_free(m);
    }

    /* the same bytes as a standalone notice (the kiosk's notice file) */
    manifest_notice *n = NULL;
    if (manifest_notice_parse(text, size, &n, err, sizeof(err)) == MANIFEST_OK) {
        size_t len = 0;
        char *out = manifest_notice_emit(n, &len);
        manifest_notice *back = NULL;
        if (!out || emits_control(out, len) ||
            manifest_notice_parse(out, len, &back, err, sizeof(err)) != MANIFEST_OK ||
            !manifest_notice_same(n, back))
            abort();
        free(out);
        manifest_notice_free(back);
        manifest_notice_free(n);
    }

    /* the same bytes as a list of publishing keys */
    keylist *l = NULL;
    if (keylist_parse(text, size, &l, err, sizeof(err)) == MANIFEST_OK) {
        size_t len = 0;
        char *out = keylist_emit(l, &len);
        keylist *back = NULL;
        if (!out || emits_control(out, len) || keylist_parse(out, len, &back, err, sizeof(err)) != MANIFEST_OK ||
            !keylist_equal(l, back) || l->n_keys > KEYLIST_MAX_KEYS)
            abort();
        for (size_t i = 0; i < l->n_keys; i++) {
            char id[MANIFEST_KEYID_LEN + 1];
            manifest_key_id(l->keys[i].pk, id);
            if (strcmp(id, l->keys[i].id) != 0 || keylist_find(l, id) != &l->keys[i])
                abort();
        }
        (void)keylist_verify(l, "x", 1, text, size, NULL);
        free(out);
        keylist_free(back);
        keylist_free(l);
    }

    static const unsigned char pk[MANIFEST_PK_BYTES] = {1, 2, 3};
    (void)manifest_verify("x", 1, text, size, pk);
    unsigned char key[MANIFEST_SK_BYTES];
    (void)manifest_parse_public(text, size, key);
    (void)manifest_parse_secret(text, size, key);

    char path[KIOSK_MAX_PATH + 8];
    if (size < sizeof(path)) {
        memcpy(path, data, size);
        path[size] = '\0';
        check_time(path);
        if (manifest_path_valid(path) && path_escapes(path))
            abort();
    }
    return 0;
}
