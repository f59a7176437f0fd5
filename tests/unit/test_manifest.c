/* manifest: format round trip, refusal of bad manifests, path validation,
 * Ed25519 signatures (good, tampered, wrong key, malformed), key files. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "klimits.h"
#include "manifest.h"

#define H1 "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
#define H2 "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752"

static manifest *sample(void)
{
    manifest *m = manifest_new("rathaus", 1764096000123ull, "2026-11-25T18:40:00.123Z");
    assert_non_null(m);
    assert_int_equal(manifest_add(m, "kiosk.yaml", 1234, H1), 0);
    assert_int_equal(manifest_add(m, "domains/energie.yaml", 99, H2), 0);
    assert_int_equal(manifest_add(m, "images/icons/energie.png", 0, H1), 0); /* same object twice is fine */
    assert_int_equal(manifest_finish(m, NULL, 0), 0);
    return m;
}

static manifest *parse_ok(const char *text)
{
    manifest *m = NULL;
    char err[256];
    manifest_error e = manifest_parse(text, strlen(text), &m, err, sizeof(err));
    if (e != MANIFEST_OK)
        fail_msg("parse failed: %s", err);
    return m;
}

static manifest_error parse_err(const char *text, char *err, size_t size)
{
    manifest *m = (manifest *)1;
    manifest_error e = manifest_parse(text, strlen(text), &m, err, size);
    assert_null(m);
    return e;
}

static void test_round_trip(void **state)
{
    (void)state;
    manifest *m = sample();
    size_t len = 0;
    char *text = manifest_emit(m, &len);
    assert_non_null(text);
    assert_int_equal(strlen(text), len);
    manifest *back = parse_ok(text);
    assert_string_equal(back->channel, "rathaus");
    assert_true(back->version == 1764096000123ull);
    assert_string_equal(back->published, "2026-11-25T18:40:00.123Z");
    assert_int_equal(back->n_files, 3);
    /* sorted by path */
    assert_string_equal(back->files[0].path, "domains/energie.yaml");
    assert_string_equal(back->files[1].path, "images/icons/energie.png");
    assert_string_equal(back->files[2].path, "kiosk.yaml");
    assert_true(back->files[2].size == 1234);
    assert_string_equal(back->files[2].sha256, H1);
    assert_true(back->total_bytes == 1234 + 99);
    assert_true(manifest_same_files(m, back));
    assert_non_null(manifest_find(back, "kiosk.yaml"));
    assert_null(manifest_find(back, "missing.yaml"));
    assert_true(back->expires == 0); /* none given: none written, none read */
    assert_null(strstr(text, "expires"));
    /* emitting again gives the same bytes: what is signed is stable */
    size_t len2 = 0;
    char *text2 = manifest_emit(back, &len2);
    assert_int_equal(len, len2);
    assert_memory_equal(text, text2, len);
    free(text);
    free(text2);
    manifest_free(m);
    manifest_free(back);
}

static void test_same_files(void **state)
{
    (void)state;
    manifest *a = sample();
    manifest *b = manifest_new("rathaus", 2, "x");
    assert_int_equal(manifest_add(b, "kiosk.yaml", 1234, H2), 0); /* other hash */
    assert_int_equal(manifest_add(b, "domains/energie.yaml", 99, H2), 0);
    assert_int_equal(manifest_add(b, "images/icons/energie.png", 0, H1), 0);
    assert_int_equal(manifest_finish(b, NULL, 0), 0);
    assert_false(manifest_same_files(a, b));
    manifest_free(a);
    manifest_free(b);
    manifest_free(NULL);
}

static void test_empty_file_list(void **state)
{
    (void)state;
    manifest *m = manifest_new("x", 1, "t");
    char *text = manifest_emit(m, NULL);
    manifest *back = parse_ok(text);
    assert_int_equal(back->n_files, 0);
    free(text);
    manifest_free(m);
    manifest_free(back);
}

#define HEAD "format: 1\nchannel: rathaus\nversion: 5\npublished: \"t\"\n"

/* expires: written in UTC, read with any offset, part of what must read
 * back equal. */
static void test_expires(void **state)
{
    (void)state;
    manifest *m = sample();
    m->expires = 1798761600; /* 2027-01-01T00:00:00Z */
    size_t len = 0;
    char *text = manifest_emit(m, &len);
    assert_non_null(strstr(text, "\nexpires: \"2027-01-01T00:00:00Z\"\n"));
    manifest *back = parse_ok(text);
    assert_true(back->expires == 1798761600);
    assert_true(manifest_equal(m, back));
    back->expires++;
    assert_false(manifest_equal(m, back));
    manifest_free(back);
    free(text);
    back = parse_ok(HEAD "expires: \"2027-01-01T01:00:00+01:00\"\nfiles: []\n");
    assert_true(back->expires == 1798761600);
    manifest_free(back);
    manifest_free(m);
}

static void test_bad_manifests(void **state)
{
    (void)state;
    char err[256];
    static const struct {
        const char *text;
        manifest_error want;
        const char *msg;
    } cases[] = {
        {"", MANIFEST_E_SYNTAX, "empty"},
        {"- a\n- b\n", MANIFEST_E_SYNTAX, "mapping"},
        {"format: \"1\n", MANIFEST_E_SYNTAX, "YAML"},
        {HEAD "files: []\nextra: 1\n", MANIFEST_E_SYNTAX, "unknown key 'extra'"},
        {HEAD "files: []\nversion: 6\n", MANIFEST_E_SYNTAX, "duplicate key"},
        {HEAD "expires: soon\nfiles: []\n", MANIFEST_E_SYNTAX, "expires: expected a time"},
        {HEAD "expires: \"1970-01-01T00:30:00+01:00\"\nfiles: []\n", MANIFEST_E_SYNTAX, "expires"},
        {HEAD "expires: \"2027-01-01T00:00:00Z\"\nexpires: \"2027-01-01T00:00:00Z\"\nfiles: []\n",
         MANIFEST_E_SYNTAX, "duplicate key"},
        {"format: 2\nchannel: r\nversion: 5\npublished: t\nfiles: []\n", MANIFEST_E_SYNTAX, "format 2"},
        {"format: 1\nchannel: r\npublished: t\nfiles: []\n", MANIFEST_E_SYNTAX, "needs"},
        {"format: 1\nchannel: ../r\nversion: 1\npublished: t\nfiles: []\n", MANIFEST_E_SYNTAX, "channel"},
        {"format: 1\nchannel: r\nversion: -1\npublished: t\nfiles: []\n", MANIFEST_E_SYNTAX, "number"},
        {"format: 1\nchannel: r\nversion: 99999999999999999999\npublished: t\nfiles: []\n", MANIFEST_E_SYNTAX,
         "too large"},
        {HEAD "files:\n  - path: a\n    size: 1\n", MANIFEST_E_SYNTAX, "path, size and sha256"},
        {HEAD "files:\n  - path: a\n    size: 1\n    sha256: " H1 "\n    mode: 777\n", MANIFEST_E_SYNTAX,
         "unknown key 'mode'"},
        {HEAD "files:\n  - path: a\n    size: 1\n    sha256: ABC\n", MANIFEST_E_SYNTAX, "hex"},
        {HEAD "files:\n  - path: a\n    size: 1\n    sha256: " H1 "0\n", MANIFEST_E_SYNTAX, "hex"},
        {HEAD "files:\n  - path: ../etc/passwd\n    size: 1\n    sha256: " H1 "\n", MANIFEST_E_PATH, "path"},
        {HEAD "files:\n  - path: /etc/passwd\n    size: 1\n    sha256: " H1 "\n", MANIFEST_E_PATH, "path"},
        {HEAD "files:\n  - path: \"a\\0b\"\n    size: 1\n    sha256: " H1 "\n", MANIFEST_E_SYNTAX, "NUL"},
        {HEAD "files:\n  - path: a\n    size: 1\n    sha256: " H1 "\n  - path: a\n    size: 2\n    sha256: " H1
              "\n",
         MANIFEST_E_PATH, "twice"},
        {HEAD "files:\n  - path: a\n    size: 1\n    sha256: " H1 "\n  - path: a/b\n    size: 2\n    sha256: " H1
              "\n",
         MANIFEST_E_PATH, "both a file and the directory"},
        {HEAD "files:\n  - path: a\n    size: 99999999999\n    sha256: " H1 "\n", MANIFEST_E_LIMIT, "exceeds"},
        {HEAD "files:\n  - &x path: a\n    size: 1\n    sha256: " H1 "\n  - *x\n", MANIFEST_E_SYNTAX, "alias"},
        {HEAD "files: []\n---\n" HEAD "files: []\n", MANIFEST_E_SYNTAX, "single document"},
        /* found by fuzzing: a quote in the time stamp broke the re-emitted YAML */
        {"format: 1\nchannel: x\nversion: 1\npublished: p\"t\"\nfiles: []\n", MANIFEST_E_SYNTAX, "published"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        manifest_error e = parse_err(cases[i].text, err, sizeof(err));
        if (e != cases[i].want || !strstr(err, cases[i].msg))
            fail_msg("case %zu: got %d '%s', wanted %d '%s'", i, e, err, cases[i].want, cases[i].msg);
    }
}

static void test_limits(void **state)
{
    (void)state;
    char err[256];
    /* a manifest bigger than the limit is refused before parsing */
    size_t big = KIOSK_MAX_MANIFEST_BYTES + 1;
    char *text = malloc(big + 1);
    memset(text, '#', big);
    text[big] = '\0';
    manifest *m = NULL;
    assert_int_equal(manifest_parse(text, big, &m, err, sizeof(err)), MANIFEST_E_LIMIT);
    assert_null(m);
    free(text);
    /* the tree total: many files each under the per-file cap */
    size_t n = (size_t)(KIOSK_MAX_TREE_BYTES / KIOSK_MAX_OBJECT_BYTES) + 1;
    size_t cap = 200 + n * 120;
    text = malloc(cap);
    size_t len = (size_t)snprintf(text, cap, HEAD "files:\n");
    for (size_t i = 0; i < n; i++)
        len += (size_t)snprintf(text + len, cap - len, "  - path: f%zu\n    size: %d\n    sha256: " H1 "\n", i,
                                KIOSK_MAX_OBJECT_BYTES);
    assert_int_equal(manifest_parse(text, len, &m, err, sizeof(err)), MANIFEST_E_LIMIT);
    free(text);
}

static void test_paths(void **state)
{
    (void)state;
    static const char *good[] = {"kiosk.yaml", "domains/energie.yaml", "images/a-b_c.1.PNG", "_x", "9/8/7",
                                 "a..b"};
    static const char *bad[] = {"", "/abs", "..", "../x", "a/../b", "a/..", ".", "./a", "a/./b", ".hidden",
                                "a//b", "a/", "-rf", "a/-b", "a b", "a\\b", "ä.yaml", "a:b", "a\nb", "C:x",
                                "a/b/c/d/e/f/g/h/i"};
    for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
        if (!manifest_path_valid(good[i]))
            fail_msg("'%s' should be valid", good[i]);
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        if (manifest_path_valid(bad[i]))
            fail_msg("'%s' should be refused", bad[i]);
    assert_false(manifest_path_valid(NULL));
    char longp[KIOSK_MAX_PATH + 2];
    memset(longp, 'a', sizeof(longp) - 1);
    longp[sizeof(longp) - 1] = '\0';
    assert_false(manifest_path_valid(longp));
    longp[KIOSK_MAX_PATH] = '\0';
    assert_true(manifest_path_valid(longp));

    assert_true(manifest_hex_valid(H1));
    assert_false(manifest_hex_valid("9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08"));
    assert_false(manifest_hex_valid(H1 "0"));
    assert_false(manifest_hex_valid("../../../../etc/passwd"));
    assert_false(manifest_hex_valid(NULL));

    assert_true(manifest_channel_valid("rathaus"));
    assert_true(manifest_channel_valid("bibliothek-2"));
    assert_false(manifest_channel_valid("Rathaus"));
    assert_false(manifest_channel_valid("../x"));
    assert_false(manifest_channel_valid("-x"));
    assert_false(manifest_channel_valid(""));

    /* manifest_add refuses what the parser refuses */
    manifest *m = manifest_new("r", 1, "t");
    assert_int_equal(manifest_add(m, "../x", 1, H1), -1);
    assert_int_equal(manifest_add(m, "x", 1, "zz"), -1);
    assert_int_equal(m->n_files, 0);
    manifest_free(m);
}

static void test_sha256(void **state)
{
    (void)state;
    char hex[MANIFEST_HEX_LEN + 1];
    assert_int_equal(manifest_sha256_hex("test", 4, hex), 0);
    assert_string_equal(hex, H1);
}

static void test_signatures(void **state)
{
    (void)state;
    unsigned char pk[MANIFEST_PK_BYTES], sk[MANIFEST_SK_BYTES];
    unsigned char pk2[MANIFEST_PK_BYTES], sk2[MANIFEST_SK_BYTES];
    assert_int_equal(manifest_keypair(pk, sk), 0);
    assert_int_equal(manifest_keypair(pk2, sk2), 0);
    const char msg[] = HEAD "files: []\n";
    char sig[MANIFEST_SIG_TEXT_MAX];
    assert_int_equal(manifest_sign(msg, strlen(msg), sk, sig, sizeof(sig)), 0);
    size_t slen = strlen(sig);

    assert_int_equal(manifest_verify(msg, strlen(msg), sig, slen, pk), MANIFEST_SIG_OK);
    /* one byte of the manifest changed */
    char tampered[sizeof(msg)];
    memcpy(tampered, msg, sizeof(msg));
    tampered[strlen(HEAD) - 3] ^= 1;
    assert_int_equal(manifest_verify(tampered, strlen(tampered), sig, slen, pk), MANIFEST_SIG_BAD);
    /* truncated manifest */
    assert_int_equal(manifest_verify(msg, strlen(msg) - 1, sig, slen, pk), MANIFEST_SIG_BAD);
    /* another key */
    assert_int_equal(manifest_verify(msg, strlen(msg), sig, slen, pk2), MANIFEST_SIG_WRONG_KEY);
    /* a signature of the right key id but a flipped bit */
    char bad[MANIFEST_SIG_TEXT_MAX];
    memcpy(bad, sig, slen + 1);
    char *b64 = strrchr(bad, ' ') + 1;
    b64[3] = b64[3] == 'A' ? 'B' : 'A';
    assert_int_equal(manifest_verify(msg, strlen(msg), bad, slen, pk), MANIFEST_SIG_BAD);
    /* malformed lines */
    static const char *malformed[] = {"", "kiosk-ed25519-sig", "kiosk-ed25519-sig 0011223344556677",
                                      "kiosk-ed25519-sig 0011223344556677 !!!!",
                                      "other-sig 0011223344556677 AAAA", "kiosk-ed25519-sig 00 AAAA"};
    for (size_t i = 0; i < sizeof(malformed) / sizeof(malformed[0]); i++)
        assert_int_equal(manifest_verify(msg, strlen(msg), malformed[i], strlen(malformed[i]), pk),
                         MANIFEST_SIG_MALFORMED);
    /* a NUL inside the signature file */
    char withnul[MANIFEST_SIG_TEXT_MAX];
    memcpy(withnul, sig, slen);
    withnul[5] = '\0';
    assert_int_equal(manifest_verify(msg, strlen(msg), withnul, slen, pk), MANIFEST_SIG_MALFORMED);
}

static void test_key_files(void **state)
{
    (void)state;
    unsigned char pk[MANIFEST_PK_BYTES], sk[MANIFEST_SK_BYTES];
    unsigned char pk_back[MANIFEST_PK_BYTES], sk_back[MANIFEST_SK_BYTES];
    char pub[MANIFEST_KEY_TEXT_MAX], sec[MANIFEST_KEY_TEXT_MAX];
    assert_int_equal(manifest_keypair(pk, sk), 0);
    assert_int_equal(manifest_format_public(pk, pub, sizeof(pub)), 0);
    assert_int_equal(manifest_format_secret(sk, sec, sizeof(sec)), 0);
    assert_int_equal(manifest_parse_public(pub, strlen(pub), pk_back), 0);
    assert_int_equal(manifest_parse_secret(sec, strlen(sec), sk_back), 0);
    assert_memory_equal(pk, pk_back, sizeof(pk));
    assert_memory_equal(sk, sk_back, sizeof(sk));
    /* a secret key is not a public key, and vice versa */
    assert_int_equal(manifest_parse_public(sec, strlen(sec), pk_back), -1);
    assert_int_equal(manifest_parse_secret(pub, strlen(pub), sk_back), -1);
    /* wrong length, garbage, trailing words */
    assert_int_equal(manifest_parse_public("kiosk-ed25519-public AAAA\n", 26, pk_back), -1);
    assert_int_equal(manifest_parse_public("kiosk-ed25519-public\n", 21, pk_back), -1);
    char extra[MANIFEST_KEY_TEXT_MAX + 8];
    snprintf(extra, sizeof(extra), "%.*s x\n", (int)strlen(pub) - 1, pub);
    assert_int_equal(manifest_parse_public(extra, strlen(extra), pk_back), -1);
    /* too small a buffer */
    assert_int_equal(manifest_format_public(pk, pub, 10), -1);
    char id[MANIFEST_KEYID_LEN + 1];
    manifest_key_id(pk, id);
    assert_int_equal(strlen(id), MANIFEST_KEYID_LEN);
}

/* --- emergency notices --------------------------------------------------- */

#define NOTICE_DOC                                                                                         \
    "text:\n  de: \"B\xC3\xBCrgerb\xC3\xBCro heute geschlossen\"\n  en: \"Citizens' office closed today\"\n" \
    "starts: 2026-11-25T08:00:00+01:00\nends: 2026-11-25T18:00:00+01:00\n"

static void test_times(void **state)
{
    (void)state;
    int64_t t;
    assert_int_equal(manifest_time_parse("1970-01-01T00:00:00Z", &t), 0);
    assert_true(t == 0);
    assert_int_equal(manifest_time_parse("2026-11-25T08:00:00+01:00", &t), 0);
    assert_true(t == 1795590000); /* 07:00 UTC */
    assert_int_equal(manifest_time_parse("2026-11-25T07:00:00.250Z", &t), 0);
    assert_true(t == 1795590000);
    assert_int_equal(manifest_time_parse("2026-11-24T23:30:00-07:30", &t), 0);
    assert_true(t == 1795590000);
    assert_int_equal(manifest_time_parse("2024-02-29T12:00:00Z", &t), 0); /* leap year */
    char buf[32];
    manifest_time_format(1795590000, buf, sizeof buf);
    assert_string_equal(buf, "2026-11-25T07:00:00Z");
    manifest_time_format(951782400, buf, sizeof buf); /* 2000-02-29 */
    assert_string_equal(buf, "2000-02-29T00:00:00Z");
    static const char *bad[] = {
        "", "2026-11-25", "2026-11-25T08:00:00", /* no offset: which time zone? */
        "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2025-02-29T00:00:00Z", "2026-11-25T24:00:00Z",
        "2026-11-25T08:00:00+1:00", "2026-11-25T08:00:00+01:00x", "1969-12-31T23:59:59Z", "2026-11-25T08:00:00.Z",
        "20261125T080000Z", "2026-11-25T08:60:00Z", "2026-11-25T08:00:00+24:00", NULL,
    };
    for (int i = 0; bad[i]; i++)
        if (manifest_time_parse(bad[i], &t) == 0)
            fail_msg("accepted bad time '%s'", bad[i]);
}

static void test_notice_round_trip(void **state)
{
    (void)state;
    manifest_notice *n = NULL;
    char err[256];
    assert_int_equal(manifest_notice_parse(NOTICE_DOC, strlen(NOTICE_DOC), &n, err, sizeof err), MANIFEST_OK);
    assert_string_equal(n->de, "B\xC3\xBCrgerb\xC3\xBCro heute geschlossen");
    assert_string_equal(n->en, "Citizens' office closed today");
    assert_null(n->leicht);
    assert_true(n->starts == 1795590000 && n->ends == 1795590000 + 10 * 3600);
    assert_false(manifest_notice_active(n, n->starts - 1));
    assert_true(manifest_notice_active(n, n->starts));
    assert_true(manifest_notice_active(n, n->ends - 1));
    assert_false(manifest_notice_active(n, n->ends));
    assert_false(manifest_notice_active(NULL, n->starts));

    /* quotes, backslashes and line breaks survive emit + parse */
    free(n->en);
    n->en = strdup("Closed \"today\"\\tomorrow\nopen again");
    n->leicht = strdup("Heute zu.");
    manifest *m = sample();
    m->notice = n;
    size_t len;
    char *text = manifest_emit(m, &len);
    assert_non_null(strstr(text, "format: 2\n"));
    manifest *back = parse_ok(text);
    assert_non_null(back->notice);
    assert_true(manifest_notice_same(m->notice, back->notice));
    assert_string_equal(back->notice->en, "Closed \"today\"\\tomorrow\nopen again");
    char *text2 = manifest_emit(back, NULL);
    assert_string_equal(text, text2);
    /* the standalone document (the kiosk's notice file) round-trips too */
    char *doc = manifest_notice_emit(n, &len);
    manifest_notice *n2 = NULL;
    assert_int_equal(manifest_notice_parse(doc, len, &n2, err, sizeof err), MANIFEST_OK);
    assert_true(manifest_notice_same(n, n2));
    n2->ends++;
    assert_false(manifest_notice_same(n, n2));
    assert_false(manifest_notice_same(n, NULL));
    assert_true(manifest_notice_same(NULL, NULL));
    /* without a notice the manifest stays format 1 */
    manifest_notice_free(back->notice);
    back->notice = NULL;
    free(text2);
    text2 = manifest_emit(back, NULL);
    assert_non_null(strstr(text2, "format: 1\n"));
    assert_null(strstr(text2, "notice"));
    manifest_notice_free(n2);
    free(doc);
    free(text);
    free(text2);
    manifest_free(m);
    manifest_free(back);
}

static void notice_refused(const char *doc, manifest_error want, const char *needle)
{
    manifest_notice *n = (manifest_notice *)1;
    char err[256];
    manifest_error e = manifest_notice_parse(doc, strlen(doc), &n, err, sizeof err);
    assert_null(n);
    if (e != want || !strstr(err, needle))
        fail_msg("'%s': got %d '%s', want %d '%s'", doc, e, err, want, needle);
}

static void test_bad_notices(void **state)
{
    (void)state;
#define T(de, en) "text:\n  de: " de "\n  en: " en "\n"
#define W "starts: 2026-11-25T08:00:00Z\nends: 2026-11-25T18:00:00Z\n"
    notice_refused(T("a", "b") "starts: 2026-11-25T18:00:00Z\nends: 2026-11-25T08:00:00Z\n", MANIFEST_E_SYNTAX,
                   "ends before");
    notice_refused(T("a", "b") "starts: 2026-11-25T08:00:00Z\nends: 2026-11-25T08:00:00Z\n", MANIFEST_E_SYNTAX,
                   "ends before");
    notice_refused(T("a", "b") "starts: 2026-11-25T08:00:00\nends: 2026-11-25T18:00:00Z\n", MANIFEST_E_SYNTAX,
                   "starts");
    notice_refused(T("a", "b") "starts: tomorrow\nends: 2026-11-25T18:00:00Z\n", MANIFEST_E_SYNTAX, "starts");
    notice_refused(T("a", "b") "ends: 2026-11-25T18:00:00Z\n", MANIFEST_E_SYNTAX, "starts and ends");
    notice_refused("text:\n  de: a\n" W, MANIFEST_E_SYNTAX, "de and en");
    notice_refused(T("a", "b") "  fr: c\n" W, MANIFEST_E_SYNTAX, "unknown language");
    notice_refused(T("a", "b") "  de: c\n" W, MANIFEST_E_SYNTAX, "duplicate");
    notice_refused(T("a", "b") W "colour: red\n", MANIFEST_E_SYNTAX, "unknown key");
    notice_refused(T("\"\"", "b") W, MANIFEST_E_SYNTAX, "empty");
    notice_refused(T("\"a\\tb\"", "b") W, MANIFEST_E_SYNTAX, "control");
    notice_refused(T("[a]", "b") W, MANIFEST_E_SYNTAX, "expected de");
    notice_refused(T("a", "b") W "---\n" T("a", "b") W, MANIFEST_E_SYNTAX, "single document");
    /* text limits: KIOSK_MAX_NOTICE_TEXT bytes pass, one more does not */
    char *big = malloc(KIOSK_MAX_NOTICE_TEXT + 200);
    char *doc = malloc(KIOSK_MAX_NOTICE_TEXT + 400);
    memset(big, 'x', KIOSK_MAX_NOTICE_TEXT);
    big[KIOSK_MAX_NOTICE_TEXT] = '\0';
    snprintf(doc, KIOSK_MAX_NOTICE_TEXT + 400, T("%s", "b") W, big);
    manifest_notice *n = NULL;
    assert_int_equal(manifest_notice_parse(doc, strlen(doc), &n, NULL, 0), MANIFEST_OK);
    manifest_notice_free(n);
    big[KIOSK_MAX_NOTICE_TEXT] = 'x';
    big[KIOSK_MAX_NOTICE_TEXT + 1] = '\0';
    snprintf(doc, KIOSK_MAX_NOTICE_TEXT + 400, T("%s", "b") W, big);
    notice_refused(doc, MANIFEST_E_LIMIT, "too long");
    /* invalid UTF-8 */
    notice_refused(T("\xff", "b") W, MANIFEST_E_SYNTAX, "UTF-8");
    free(big);
    free(doc);

    /* in a manifest: format and notice go together */
    char err[256];
    assert_int_equal(parse_err("format: 1\nchannel: r\nversion: 5\npublished: t\nfiles: []\nnotice:\n"
                               "  " "text: {de: a, en: b}\n  starts: 2026-11-25T08:00:00Z\n"
                               "  ends: 2026-11-25T18:00:00Z\n",
                               err, sizeof err),
                     MANIFEST_E_SYNTAX);
    assert_non_null(strstr(err, "format 2"));
    manifest *m = parse_ok("format: 2\nchannel: r\nversion: 5\npublished: t\nfiles: []\nnotice:\n"
                           "  text: {de: a, en: b, leicht: c}\n  starts: 2026-11-25T08:00:00Z\n"
                           "  ends: 2026-11-25T18:00:00Z\n");
    assert_string_equal(m->notice->leicht, "c");
    manifest_free(m);
    assert_int_equal(parse_err("format: 2\nchannel: r\nversion: 5\npublished: t\nfiles: []\nnotice:\n"
                               "  text: {de: a, en: b}\n  starts: 2026-11-25T18:00:00Z\n"
                               "  ends: 2026-11-25T08:00:00Z\n",
                               err, sizeof err),
                     MANIFEST_E_SYNTAX);
    assert_non_null(strstr(err, "ends before"));
#undef T
#undef W
}

/* Attack 5: what the publisher once signed and no kiosk could read. C1
 * controls (NEL among them), the line and paragraph separators (U+2028
 * followed by "---" read as a document marker) and times whose offset
 * moves them out of 1970..9999 are refused where the notice is read, by
 * the publisher and the kiosk alike; the writer escapes every such code
 * point anyway, so a text can never end its string, line or document. */
static void test_unreadable_notices(void **state)
{
    (void)state;
#define T(de) "text:\n  de: " de "\n  en: b\n"
#define W "starts: 2026-11-25T08:00:00Z\nends: 2026-11-25T18:00:00Z\n"
    notice_refused(T("\"a\\x85b\"") W, MANIFEST_E_SYNTAX, "control character");
    notice_refused(T("\"a\\x9b31mb\"") W, MANIFEST_E_SYNTAX, "control character");
    notice_refused(T("\"a\\u0080\"") W, MANIFEST_E_SYNTAX, "control character");
    notice_refused(T("\"a\\x7f\"") W, MANIFEST_E_SYNTAX, "control character");
    notice_refused(T("\"a\\u2028--- b\"") W, MANIFEST_E_SYNTAX, "separator");
    notice_refused(T("\"a\\u2029b\"") W, MANIFEST_E_SYNTAX, "separator");
    notice_refused(T("\"\\ufeffa\"") W, MANIFEST_E_SYNTAX, "invisible");
    notice_refused(T("a") "starts: 1970-01-01T00:30:00+01:00\nends: 2026-11-25T18:00:00Z\n",
                   MANIFEST_E_SYNTAX, "starts");
    notice_refused(T("a") "starts: 2026-11-25T08:00:00Z\nends: 9999-12-31T23:30:00-01:00\n",
                   MANIFEST_E_SYNTAX, "ends");
    int64_t t;
    assert_int_equal(manifest_time_parse("9999-12-31T23:59:59Z", &t), 0);
    assert_true(t == MANIFEST_TIME_MAX);
    assert_int_equal(manifest_time_parse("9999-12-31T23:30:00+01:00", &t), 0);
    assert_int_equal(manifest_time_parse("1970-01-01T00:30:00-01:00", &t), 0);
    /* umlauts, dashes and emoji are printable and stay as they are */
    manifest_notice *n = NULL;
    const char *ok = T("\"Bürgerbüro – heute zu \xF0\x9F\x9A\xAA\"") W;
    assert_int_equal(manifest_notice_parse(ok, strlen(ok), &n, NULL, 0), MANIFEST_OK);
    /* the writer escapes what the parser would never let in */
    free(n->en);
    n->en = strdup("a\xC2\x85" "b\xE2\x80\xA8---\x1b[31m\x7f\xEF\xBB\xBF");
    size_t len;
    char *doc = manifest_notice_emit(n, &len);
    assert_non_null(strstr(doc, "en: \"a\\x85b\\u2028---\\x1b[31m\\x7f\\ufeff\"\n"));
    assert_non_null(strstr(doc, "Bürgerbüro – heute zu \xF0\x9F\x9A\xAA"));
    for (size_t i = 0; i < len; i++)
        assert_true((unsigned char)doc[i] >= 0x20 || doc[i] == '\n');
    manifest_notice *back = (manifest_notice *)1;
    char err[256];
    assert_int_equal(manifest_notice_parse(doc, len, &back, err, sizeof err), MANIFEST_E_SYNTAX);
    assert_null(back);
    free(doc);
    /* manifest_equal: every field counts */
    manifest *m = sample(), *m2 = sample();
    assert_true(manifest_equal(m, m2));
    m2->version++;
    assert_false(manifest_equal(m, m2));
    m2->version--;
    m->notice = n;
    assert_false(manifest_equal(m, m2));
    manifest_free(m);
    manifest_free(m2);
#undef T
#undef W
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_expires),   cmocka_unit_test(test_same_files),
        cmocka_unit_test(test_empty_file_list), cmocka_unit_test(test_bad_manifests),
        cmocka_unit_test(test_limits),       cmocka_unit_test(test_paths),
        cmocka_unit_test(test_sha256),       cmocka_unit_test(test_signatures),
        cmocka_unit_test(test_key_files),    cmocka_unit_test(test_times),
        cmocka_unit_test(test_notice_round_trip), cmocka_unit_test(test_bad_notices),
        cmocka_unit_test(test_unreadable_notices),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
