/* manifest_sign.c — SHA-256 of objects, Ed25519 key pairs and their one-line
 * text form, signing and verifying a manifest (manifest.h), with libsodium. */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "klimits.h"
#include "manifest.h"

#define PUB_PREFIX "kiosk-ed25519-public"
#define SEC_PREFIX "kiosk-ed25519-secret"
#define SIG_PREFIX "kiosk-ed25519-sig"

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

int manifest_key_check(const unsigned char sk[MANIFEST_SK_BYTES], unsigned char pk[MANIFEST_PK_BYTES])
{
    static const char probe[] = "kiosk key check";
    unsigned char seed[crypto_sign_SEEDBYTES], want[MANIFEST_PK_BYTES], sk2[MANIFEST_SK_BYTES];
    unsigned char sig[crypto_sign_BYTES];
    if (!sodium_ready())
        return -1;
    /* libsodium signs with the public half stored in sk: a damaged half
     * still signs, and every kiosk would refuse what it signed */
    crypto_sign_ed25519_sk_to_seed(seed, sk);
    int rc = crypto_sign_seed_keypair(want, sk2, seed) == 0 &&
                     sodium_memcmp(want, sk + crypto_sign_SEEDBYTES, MANIFEST_PK_BYTES) == 0 &&
                     crypto_sign_detached(sig, NULL, (const unsigned char *)probe, sizeof(probe), sk) == 0 &&
                     crypto_sign_verify_detached(sig, (const unsigned char *)probe, sizeof(probe), want) == 0
                 ? 0
                 : -1;
    sodium_memzero(seed, sizeof(seed));
    sodium_memzero(sk2, sizeof(sk2));
    if (rc == 0 && pk)
        memcpy(pk, want, MANIFEST_PK_BYTES);
    return rc;
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

int manifest_sig_key_id(const char *sig, size_t siglen, char id[MANIFEST_KEYID_LEN + 1])
{
    char tok[3][128];
    unsigned char bin[crypto_sign_BYTES];
    id[0] = '\0';
    if (!sodium_ready() || siglen > KIOSK_MAX_SIG_BYTES || memchr(sig, '\0', siglen))
        return -1;
    if (split_line(sig, siglen, tok, 3) != 3 || strcmp(tok[0], SIG_PREFIX) != 0 ||
        strlen(tok[1]) != MANIFEST_KEYID_LEN || decode_b64(tok[2], bin, sizeof(bin)) != 0)
        return -1;
    memcpy(id, tok[1], MANIFEST_KEYID_LEN + 1);
    return 0;
}

manifest_sig_status manifest_verify(const void *msg, size_t len, const char *sig, size_t siglen,
                                    const unsigned char pk[MANIFEST_PK_BYTES])
{
    char tok[3][128];
    unsigned char bin[crypto_sign_BYTES];
    char id[MANIFEST_KEYID_LEN + 1], signer[MANIFEST_KEYID_LEN + 1];
    if (manifest_sig_key_id(sig, siglen, signer) != 0)
        return MANIFEST_SIG_MALFORMED;
    split_line(sig, siglen, tok, 3); /* checked by manifest_sig_key_id */
    decode_b64(tok[2], bin, sizeof(bin));
    manifest_key_id(pk, id);
    if (strcmp(id, signer) != 0)
        return MANIFEST_SIG_WRONG_KEY;
    return crypto_sign_verify_detached(bin, msg, len, pk) == 0 ? MANIFEST_SIG_OK : MANIFEST_SIG_BAD;
}

