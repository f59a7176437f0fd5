/* manifest.h — the signed manifest of a published content tree.
 *
 * A channel on the update server is two files, manifest.yaml and its
 * detached signature manifest.yaml.sig, next to a shared store of
 * content-addressed objects (objects/<sha256>). The manifest names every file
 * of the content tree by logical path, size and SHA-256, plus a content
 * version that only ever grows and the publish time:
 *
 *   format: 1
 *   channel: rathaus
 *   version: 1764096000123
 *   published: 2026-11-25T18:40:00.123Z
 *   files:
 *     - path: "kiosk.yaml"
 *       size: 1234
 *       sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
 *
 * An emergency notice (optional) makes the manifest format 2, so a kiosk
 * that does not know notices refuses it instead of silently ignoring it:
 *
 *   format: 2
 *   ...
 *   notice:
 *     text:
 *       de: "Bürgerbüro heute geschlossen"
 *       en: "Citizens' office closed today"
 *       leicht: "..."                      (optional)
 *     starts: "2026-11-25T07:00:00Z"       (RFC 3339; an offset is required)
 *     ends: "2026-11-25T17:00:00Z"         (after starts)
 *
 * A notice is covered by the signature like everything else. The same
 * mapping on its own is the notice file kiosk-publish --notice reads and the
 * kiosk keeps in its state directory (manifest_notice_parse/_emit).
 *
 * Everything here treats the manifest as hostile input: the parser is strict
 * (known keys only, no aliases, every limit from klimits.h), logical paths are
 * validated so they can never leave the content tree, and hashes are exactly
 * 64 lower-case hex digits, so they are safe as object file names.
 *
 * Keys and signatures are Ed25519 (libsodium), stored as one text line each:
 *
 *   kiosk.pub:          kiosk-ed25519-public <base64 of 32 bytes>
 *   kiosk.key:          kiosk-ed25519-secret <base64 of 64 bytes>
 *   manifest.yaml.sig:  kiosk-ed25519-sig <key id> <base64 of 64 bytes>
 *
 * The key id (16 hex digits, from the public key's SHA-256) lets a kiosk tell
 * "signed with another key" from "signature broken".
 *
 * Pure core: no network, no files. Shared by the kiosk and kiosk-publish. */
#ifndef KIOSK_MANIFEST_H
#define KIOSK_MANIFEST_H

#include <stddef.h>
#include <stdint.h>

#define MANIFEST_FORMAT 1
#define MANIFEST_FORMAT_NOTICE 2  /* a manifest that carries a notice */
#define MANIFEST_HEX_LEN 64       /* SHA-256 in hex, without the NUL */
#define MANIFEST_KEYID_LEN 16
#define MANIFEST_PK_BYTES 32
#define MANIFEST_SK_BYTES 64
#define MANIFEST_SIG_TEXT_MAX 160 /* one signature line, with the NUL */
#define MANIFEST_KEY_TEXT_MAX 160 /* one key line, with the NUL */

/* An emergency notice: shown full-screen from starts (inclusive) to ends
 * (exclusive), unix seconds. Texts are valid UTF-8, 1..KIOSK_MAX_NOTICE_TEXT
 * bytes, no control characters but '\n'. leicht may be NULL. */
typedef struct manifest_notice {
    char *de, *en, *leicht;
    int64_t starts, ends;
} manifest_notice;

typedef struct manifest_file {
    char *path;                     /* validated logical path */
    uint64_t size;
    char sha256[MANIFEST_HEX_LEN + 1]; /* validated lower-case hex */
} manifest_file;

/* A parsed or built manifest. Owns its strings and file array; free with
 * manifest_free(). Files are sorted by path (parse and build both sort). */
typedef struct manifest {
    int format;
    char *channel;
    uint64_t version;
    char *published;                /* RFC 3339 UTC, informative */
    int64_t expires;                /* unix seconds after which a kiosk reports the
                                     * manifest expired; 0: never (older manifests) */
    manifest_file *files;
    size_t n_files;
    size_t files_cap;               /* allocated entries */
    uint64_t total_bytes;           /* sum of the sizes */
    manifest_notice *notice;        /* owned, or NULL */
} manifest;

/* Why a manifest was refused. */
typedef enum {
    MANIFEST_OK = 0,
    MANIFEST_E_SYNTAX,   /* not YAML, or not the manifest's shape */
    MANIFEST_E_PATH,     /* a logical path that is absolute, has "..", odd characters, ... */
    MANIFEST_E_LIMIT,    /* a file, the tree or the manifest too big, too many files */
    MANIFEST_E_NOMEM
} manifest_error;

/* Parse buf[0..len). On success *out owns a new manifest and MANIFEST_OK is
 * returned; otherwise *out is NULL and err (when not NULL) holds a message
 * with line:column. */
manifest_error manifest_parse(const char *buf, size_t len, manifest **out, char *err, size_t errsize);
void manifest_free(manifest *m); /* accepts NULL */

/* Build an empty manifest to be filled with manifest_add(). */
manifest *manifest_new(const char *channel, uint64_t version, const char *published);
/* Add a file. The path must be valid and new, the hash valid hex. 0 or -1. */
int manifest_add(manifest *m, const char *path, uint64_t size, const char *sha256_hex);
/* Sort files by path and check for duplicates and file/directory clashes
 * ("a" and "a/b"). 0 or -1 with a message. */
int manifest_finish(manifest *m, char *err, size_t errsize);
/* Emit the manifest text. Returns a malloc'd NUL-terminated string the
 * caller frees, length in *len; NULL on out-of-memory. */
char *manifest_emit(const manifest *m, size_t *len);
/* 1 when both list the same files (paths, sizes and hashes). */
int manifest_same_files(const manifest *a, const manifest *b);
/* 1 when a and b say the same in every field (channel, version, published,
 * files, notice; the format follows from the notice). */
int manifest_equal(const manifest *a, const manifest *b);
/* The entry for path, or NULL. Binary search: files must be sorted. */
const manifest_file *manifest_find(const manifest *m, const char *path);

/* Notices. A standalone notice document (the mapping under "notice:").
 * Same contract as manifest_parse(). */
manifest_error manifest_notice_parse(const char *buf, size_t len, manifest_notice **out, char *err,
                                     size_t errsize);
/* Emit a standalone notice document (malloc'd, NUL-terminated), or NULL. */
char *manifest_notice_emit(const manifest_notice *n, size_t *len);
void manifest_notice_free(manifest_notice *n); /* accepts NULL */
/* A copy of n (NULL for NULL, or when out of memory). */
manifest_notice *manifest_notice_dup(const manifest_notice *n);
/* 1 when both are NULL or equal in every field. */
int manifest_notice_same(const manifest_notice *a, const manifest_notice *b);
/* 1 when now (unix seconds) is inside [starts, ends). */
int manifest_notice_active(const manifest_notice *n, int64_t now);
/* RFC 3339 date-time ("2026-11-25T08:00:00+01:00", "...Z", fractions
 * ignored) to unix seconds. 0, or -1 when malformed or when the instant,
 * after its offset, is outside 1970..9999 (0..MANIFEST_TIME_MAX). */
#define MANIFEST_TIME_MAX 253402300799LL /* 9999-12-31T23:59:59Z */
int manifest_time_parse(const char *s, int64_t *out);
/* Unix seconds (0..MANIFEST_TIME_MAX) as "YYYY-MM-DDTHH:MM:SSZ" (buf of
 * at least 21 bytes). */
void manifest_time_format(int64_t t, char *buf, size_t size);

/* Validation of untrusted names. Each returns 1 when valid.
 * A logical path is relative, '/'-separated, at most KIOSK_MAX_PATH bytes
 * and KIOSK_MAX_PATH_DEPTH components; each component is [A-Za-z0-9._-],
 * starts with a letter, digit or '_' (so no ".", "..", hidden files or
 * option-like names), and there are no empty components. */
int manifest_path_valid(const char *path);
int manifest_hex_valid(const char *hex);     /* 64 lower-case hex digits */
int manifest_channel_valid(const char *name); /* [a-z0-9_-], 1..64, starts alnum */

/* SHA-256 of data as lower-case hex (hex has MANIFEST_HEX_LEN + 1 bytes). */
int manifest_sha256_hex(const void *data, size_t len, char *hex);

/* Keys. A new key pair from the system's random source. */
int manifest_keypair(unsigned char pk[MANIFEST_PK_BYTES], unsigned char sk[MANIFEST_SK_BYTES]);
/* Format a key as its one-line text (with '\n'). 0, or -1 when buf is too small. */
int manifest_format_public(const unsigned char pk[MANIFEST_PK_BYTES], char *buf, size_t size);
int manifest_format_secret(const unsigned char sk[MANIFEST_SK_BYTES], char *buf, size_t size);
/* Parse a key file's text (trailing whitespace allowed). 0 or -1. */
int manifest_parse_public(const char *text, size_t len, unsigned char pk[MANIFEST_PK_BYTES]);
int manifest_parse_secret(const char *text, size_t len, unsigned char sk[MANIFEST_SK_BYTES]);
/* The key id of a public key: 16 hex digits and a NUL. */
void manifest_key_id(const unsigned char pk[MANIFEST_PK_BYTES], char id[MANIFEST_KEYID_LEN + 1]);

/* Checks that a secret key is whole: its public half is the one its seed
 * makes, and a test message it signs verifies with that half. Writes the
 * public key to pk (when not NULL). 0, or -1 for a damaged key. */
int manifest_key_check(const unsigned char sk[MANIFEST_SK_BYTES], unsigned char pk[MANIFEST_PK_BYTES]);

/* Sign msg: writes the signature line (with '\n') into buf. 0 or -1. */
int manifest_sign(const void *msg, size_t len, const unsigned char sk[MANIFEST_SK_BYTES], char *buf,
                  size_t size);

typedef enum {
    MANIFEST_SIG_OK = 0,
    MANIFEST_SIG_MALFORMED, /* not a signature line */
    MANIFEST_SIG_WRONG_KEY, /* made with another key than the one we trust */
    MANIFEST_SIG_BAD        /* our key, but it does not match these bytes */
} manifest_sig_status;

/* The key id a signature line names (16 hex digits and a NUL in id). 0, or
 * -1 when sig is no signature line. */
int manifest_sig_key_id(const char *sig, size_t siglen, char id[MANIFEST_KEYID_LEN + 1]);

/* Check a signature line against msg and the trusted public key. */
manifest_sig_status manifest_verify(const void *msg, size_t len, const char *sig, size_t siglen,
                                    const unsigned char pk[MANIFEST_PK_BYTES]);

#endif
