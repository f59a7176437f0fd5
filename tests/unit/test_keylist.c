/* keylist: the root-signed list of publishing keys — round trip, strict
 * parsing (ids checked against keys, duplicates, unknown keys, limits),
 * adding and revoking, and manifest signatures checked against a list
 * (in use, revoked, unknown, tampered, malformed). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keylist.h"
#include "manifest.h"

#define T0 1764655200 /* 2025-12-02T06:00:00Z */

static unsigned char pk_a[MANIFEST_PK_BYTES], sk_a[MANIFEST_SK_BYTES];
static unsigned char pk_b[MANIFEST_PK_BYTES], sk_b[MANIFEST_SK_BYTES];
static unsigned char pk_c[MANIFEST_PK_BYTES], sk_c[MANIFEST_SK_BYTES];

static int setup(void **state)
{
    (void)state;
    return manifest_keypair(pk_a, sk_a) || manifest_keypair(pk_b, sk_b) || manifest_keypair(pk_c, sk_c);
}

/* A list of A (with a note) and B, B revoked, version 7. */
static keylist *sample(void)
{
    keylist *l = keylist_new();
    assert_non_null(l);
    l->version = 7;
    l->published = T0;
    l->expires = T0 + 365 * 86400;
    assert_int_equal(keylist_add(l, pk_a, "Rathaus \"Publisher\" ü", T0 - 100, NULL, 0), 0);
    assert_int_equal(keylist_add(l, pk_b, NULL, T0 - 50, NULL, 0), 0);
    char id[MANIFEST_KEYID_LEN + 1];
    manifest_key_id(pk_b, id);
    assert_int_equal(keylist_revoke(l, id, T0, NULL, 0), 0);
    return l;
}

static keylist *parse_ok(const char *text)
{
    keylist *l = NULL;
    char err[256];
    if (keylist_parse(text, strlen(text), &l, err, sizeof(err)) != MANIFEST_OK)
        fail_msg("parse failed: %s", err);
    return l;
}

static void test_round_trip(void **state)
{
    (void)state;
    keylist *l = sample();
    size_t len = 0;
    char *text = keylist_emit(l, &len);
    assert_non_null(text);
    assert_int_equal(strlen(text), len);
    keylist *back = parse_ok(text);
    assert_true(keylist_equal(l, back));
    assert_true(back->version == 7);
    assert_int_equal(back->n_keys, 2);
    assert_string_equal(back->keys[0].note, "Rathaus \"Publisher\" ü");
    assert_null(back->keys[1].note);
    assert_true(back->keys[1].revoked == T0);
    assert_memory_equal(back->keys[0].pk, pk_a, MANIFEST_PK_BYTES);
    /* a change of one field is seen */
    back->keys[1].revoked = 0;
    assert_false(keylist_equal(l, back));
    free(text);
    keylist_free(back);
    /* an empty list round-trips too */
    keylist *e = keylist_new();
    e->version = 1, e->published = T0, e->expires = T0 + 1;
    text = keylist_emit(e, NULL);
    back = parse_ok(text);
    assert_true(keylist_equal(e, back));
    assert_int_equal(back->n_keys, 0);
    free(text);
    keylist_free(back);
    keylist_free(e);
    keylist_free(l);
}

static void test_add_revoke(void **state)
{
    (void)state;
    keylist *l = sample();
    char err[256], id[MANIFEST_KEYID_LEN + 1];
    assert_int_equal(keylist_add(l, pk_a, NULL, T0, err, sizeof(err)), -1);
    assert_non_null(strstr(err, "on the list already"));
    assert_int_equal(keylist_add(l, pk_b, NULL, T0, err, sizeof(err)), -1);
    assert_non_null(strstr(err, "revoked"));
    assert_int_equal(keylist_add(l, pk_c, "a\nb", T0, err, sizeof(err)), -1);
    assert_non_null(strstr(err, "note"));
    assert_int_equal(keylist_add(l, pk_c, "\xc2\x85", T0, err, sizeof(err)), -1); /* NEL */
    assert_int_equal(l->n_keys, 2);
    manifest_key_id(pk_b, id);
    assert_int_equal(keylist_revoke(l, id, T0 + 5, err, sizeof(err)), -1);
    assert_non_null(strstr(err, "revoked already"));
    assert_int_equal(keylist_revoke(l, "0123456789abcdef", T0, err, sizeof(err)), -1);
    assert_non_null(strstr(err, "not on the list"));
    manifest_key_id(pk_c, id);
    assert_null(keylist_find(l, id));
    assert_int_equal(keylist_add(l, pk_c, NULL, T0, err, sizeof(err)), 0);
    assert_non_null(keylist_find(l, id));
    keylist_free(l);
}

static void test_verify(void **state)
{
    (void)state;
    keylist *l = sample();
    static const char msg[] = "format: 1\nchannel: rathaus\n";
    char sig[MANIFEST_SIG_TEXT_MAX], id[MANIFEST_KEYID_LEN + 1], want[MANIFEST_KEYID_LEN + 1];
    assert_int_equal(manifest_sign(msg, strlen(msg), sk_a, sig, sizeof(sig)), 0);
    assert_int_equal(keylist_verify(l, msg, strlen(msg), sig, strlen(sig), id), KEYLIST_SIG_OK);
    manifest_key_id(pk_a, want);
    assert_string_equal(id, want);
    /* other bytes with a key in use */
    assert_int_equal(keylist_verify(l, msg, strlen(msg) - 1, sig, strlen(sig), id), KEYLIST_SIG_BAD);
    /* a revoked key, whatever it signed */
    assert_int_equal(manifest_sign(msg, strlen(msg), sk_b, sig, sizeof(sig)), 0);
    assert_int_equal(keylist_verify(l, msg, strlen(msg), sig, strlen(sig), id), KEYLIST_SIG_REVOKED);
    manifest_key_id(pk_b, want);
    assert_string_equal(id, want);
    /* a key never on the list */
    assert_int_equal(manifest_sign(msg, strlen(msg), sk_c, sig, sizeof(sig)), 0);
    assert_int_equal(keylist_verify(l, msg, strlen(msg), sig, strlen(sig), NULL), KEYLIST_SIG_UNKNOWN);
    /* C's signature claiming A's id: A's key does not verify it */
    manifest_key_id(pk_a, want);
    memcpy(sig + strlen("kiosk-ed25519-sig "), want, MANIFEST_KEYID_LEN);
    assert_int_equal(keylist_verify(l, msg, strlen(msg), sig, strlen(sig), NULL), KEYLIST_SIG_BAD);
    assert_int_equal(keylist_verify(l, msg, strlen(msg), "kiosk-ed25519-sig x y\n", 22, id),
                     KEYLIST_SIG_MALFORMED);
    assert_string_equal(id, "");
    keylist_free(l);
}

/* text with the line starting with `from` replaced by `to` ("" drops it) */
static char *edit(const char *text, const char *from, const char *to)
{
    const char *at = strstr(text, from);
    assert_non_null(at);
    const char *eol = strchr(at, '\n') + 1;
    char *out = malloc(strlen(text) + strlen(to) + 2);
    sprintf(out, "%.*s%s%s", (int)(at - text), text, to, eol);
    return out;
}

static void expect_refused(const char *text, manifest_error want, const char *msg)
{
    keylist *l = (keylist *)1;
    char err[256];
    assert_int_equal(keylist_parse(text, strlen(text), &l, err, sizeof(err)), want);
    assert_null(l);
    if (!strstr(err, msg))
        fail_msg("expected '%s' in: %s", msg, err);
}

static void test_refused(void **state)
{
    (void)state;
    keylist *l = sample();
    char *text = keylist_emit(l, NULL), *t;
    char other[MANIFEST_KEY_TEXT_MAX], line[640], id_a[MANIFEST_KEYID_LEN + 1];
    manifest_key_id(pk_a, id_a);
    struct { const char *from, *to; manifest_error e; const char *msg; } cases[] = {
        {"format:", "format: 2\n", MANIFEST_E_SYNTAX, "unsupported key list format 2"},
        {"version:", "", MANIFEST_E_SYNTAX, "needs format, version"},
        {"expires:", "", MANIFEST_E_SYNTAX, "needs format, version"},
        {"version:", "version: -1\n", MANIFEST_E_SYNTAX, "version: expected a number"},
        {"expires:", "expires: \"soon\"\n", MANIFEST_E_SYNTAX, "expires: expected a time"},
        {"format:", "format: 1\nextra: 1\n", MANIFEST_E_SYNTAX, "unknown key 'extra'"},
        {"format:", "format: 1\nformat: 1\n", MANIFEST_E_SYNTAX, "duplicate key 'format'"},
        {"    added:", "", MANIFEST_E_SYNTAX, "needs id, public and added"},
        {"    public:", "    public: \"kiosk-ed25519-public AAAA\"\n", MANIFEST_E_SYNTAX, "public: expected"},
        {"  - id:", "  - id: 0123456789ABCDEF\n", MANIFEST_E_SYNTAX, "id: expected 16 lower-case hex"},
        {"  - id:", "  - id: 0123456789abcdef\n", MANIFEST_E_SYNTAX, "is not the id of its public key"},
        {"    note:", "    note: \"a\\nb\"\n", MANIFEST_E_SYNTAX, "note: line break"},
        {"    note:", "    trust: everything\n", MANIFEST_E_SYNTAX, "unknown key 'trust' in a key entry"},
        {"    added:", "    added: \"1970-01-01T00:00:00Z\"\n", MANIFEST_E_SYNTAX, "added: must be after 1970"},
        {"    added:", "    added: \"1969-12-31T23:00:00Z\"\n", MANIFEST_E_SYNTAX, "added: expected a time"},
        {"    added:", "    added: \"1969-12-31T23:00:00Z\"\n", MANIFEST_E_SYNTAX, "added: expected a time"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        t = edit(text, cases[i].from, cases[i].to);
        expect_refused(t, cases[i].e, cases[i].msg);
        free(t);
    }
    /* an alias */
    char *anchored = edit(text, "format:", "format: &a 1\n");
    t = edit(anchored, "version:", "version: *a\n");
    expect_refused(t, MANIFEST_E_SYNTAX, "aliases");
    free(t);
    free(anchored);
    /* the same key twice */
    assert_int_equal(manifest_format_public(pk_a, other, sizeof(other)), 0);
    other[strcspn(other, "\n")] = '\0';
    snprintf(line, sizeof(line), "keys:\n  - id: %s\n    public: \"%s\"\n    added: \"2026-01-01T00:00:00Z\"\n"
             "  - id: %s\n    public: \"%s\"\n    added: \"2026-01-01T00:00:00Z\"\n", id_a, other, id_a, other);
    t = edit(text, "keys:", line);
    t[strstr(t, line) - t + strlen(line)] = '\0'; /* the sample's own entries go */
    expect_refused(t, MANIFEST_E_SYNTAX, "listed twice");
    free(t);
    expect_refused("", MANIFEST_E_SYNTAX, "expected a key list");
    expect_refused("- 1\n", MANIFEST_E_SYNTAX, "a mapping at the top level");
    expect_refused("format: 1\n---\nformat: 1\n", MANIFEST_E_SYNTAX, "");
    char *big = calloc(1, KEYLIST_MAX_BYTES + 2);
    memset(big, '#', KEYLIST_MAX_BYTES + 1);
    expect_refused(big, MANIFEST_E_LIMIT, "exceeds the limit");
    free(big);
    free(text);
    keylist_free(l);
}

static void test_limit_of_keys(void **state)
{
    (void)state;
    keylist *l = keylist_new();
    unsigned char pk[MANIFEST_PK_BYTES], sk[MANIFEST_SK_BYTES];
    char err[256];
    l->version = 1, l->published = T0, l->expires = T0 + 1;
    for (int i = 0; i < KEYLIST_MAX_KEYS; i++) {
        assert_int_equal(manifest_keypair(pk, sk), 0);
        assert_int_equal(keylist_add(l, pk, NULL, T0, err, sizeof(err)), 0);
    }
    assert_int_equal(manifest_keypair(pk, sk), 0);
    assert_int_equal(keylist_add(l, pk, NULL, T0, err, sizeof(err)), -1);
    assert_non_null(strstr(err, "the most it may"));
    /* a list with one entry more than the limit (written by hand) is refused */
    char *text = keylist_emit(l, NULL), pub[MANIFEST_KEY_TEXT_MAX], id[MANIFEST_KEYID_LEN + 1];
    manifest_key_id(pk, id);
    manifest_format_public(pk, pub, sizeof(pub));
    pub[strcspn(pub, "\n")] = '\0';
    char *more = malloc(strlen(text) + 256);
    sprintf(more, "%s  - id: %s\n    public: \"%s\"\n    added: \"2026-01-01T00:00:00Z\"\n", text, id, pub);
    expect_refused(more, MANIFEST_E_LIMIT, "more than 64 keys");
    free(more);
    free(text);
    keylist_free(l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip), cmocka_unit_test(test_add_revoke), cmocka_unit_test(test_verify),
        cmocka_unit_test(test_refused),    cmocka_unit_test(test_limit_of_keys),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
