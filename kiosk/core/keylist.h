/* keylist.h — the root-signed list of publishing keys (key rotation).
 *
 * A kiosk may pin a root key (kept offline) instead of one publishing key.
 * The root signs OUT_DIR/keys.list, served beside the channels, which names
 * the publishing keys whose manifests kiosks accept:
 *
 *   # kiosk publishing keys, written by kiosk-publish. Signed by the root key: do not edit.
 *   format: 1
 *   version: 2
 *   published: "2026-12-02T06:00:00Z"
 *   expires: "2027-12-02T06:00:00Z"
 *   keys:
 *     - id: 3a848c5dcfa9a33a
 *       public: "kiosk-ed25519-public <base64>"
 *       added: "2026-11-02T06:00:00Z"
 *       note: "Rathaus publishing machine"     (optional)
 *     - id: 9c0e2b7d41a8f310
 *       public: "kiosk-ed25519-public <base64>"
 *       added: "2026-11-02T06:00:00Z"
 *       revoked: "2026-12-02T06:00:00Z"        (optional: refused since)
 *
 * with keys.list.sig beside it, the manifest's signature line made with the
 * root key. The version only grows (a kiosk refuses a list older than the
 * newest it accepted); a revoked key stays on the list, so a kiosk can tell
 * "revoked" from "never on the list". Every id is checked against its
 * public key; a key appears once.
 *
 * Pure core: parsing is manifest_parse.c's strict event parser, emitting
 * manifest_emit.c's; the list's own logic is keylist.c. */
#ifndef KIOSK_KEYLIST_H
#define KIOSK_KEYLIST_H

#include <stddef.h>
#include <stdint.h>

#include "manifest.h"

#define KEYLIST_FORMAT 1
#define KEYLIST_MAX_KEYS 64      /* keys on one list, revoked ones included */
#define KEYLIST_MAX_BYTES 32768  /* keys.list */
#define KEYLIST_NOTE_MAX 200     /* bytes of a note */

typedef struct keylist_key {
    char id[MANIFEST_KEYID_LEN + 1];
    unsigned char pk[MANIFEST_PK_BYTES];
    int64_t added;    /* unix seconds */
    int64_t revoked;  /* unix seconds; 0: in use */
    char *note;       /* owned; NULL: none */
} keylist_key;

/* A parsed or built list; owns its keys. Free with keylist_free(). */
typedef struct keylist {
    uint64_t version;
    int64_t published; /* unix seconds */
    int64_t expires;   /* unix seconds; required */
    keylist_key keys[KEYLIST_MAX_KEYS];
    size_t n_keys;
} keylist;

/* An empty list (version 0: keylist_add/_revoke do not change it). */
keylist *keylist_new(void);
void keylist_free(keylist *l); /* accepts NULL */

/* Same contract as manifest_parse(): *out owns a new list, or is NULL and
 * err holds line:column and why. */
manifest_error keylist_parse(const char *buf, size_t len, keylist **out, char *err, size_t errsize);
/* The list's text (malloc'd, NUL-terminated, length in *len), or NULL when
 * out of memory. */
char *keylist_emit(const keylist *l, size_t *len);
/* 1 when both say the same in every field. */
int keylist_equal(const keylist *a, const keylist *b);

/* The entry of key id, or NULL. */
const keylist_key *keylist_find(const keylist *l, const char *id);
/* Add pk, in use from added, with an optional note (no control
 * characters, at most KEYLIST_NOTE_MAX bytes). 0, or -1 with a message:
 * already on the list, list full, bad note, out of memory. */
int keylist_add(keylist *l, const unsigned char pk[MANIFEST_PK_BYTES], const char *note, int64_t added,
                char *err, size_t errsize);
/* Mark key id revoked at `when`. 0, or -1 with a message (not on the list,
 * already revoked). */
int keylist_revoke(keylist *l, const char *id, int64_t when, char *err, size_t errsize);
/* Why a note cannot go on a list, or NULL when it can. */
const char *keylist_note_problem(const char *note);

typedef enum {
    KEYLIST_SIG_OK = 0,
    KEYLIST_SIG_MALFORMED, /* not a signature line */
    KEYLIST_SIG_UNKNOWN,   /* made with a key that is not on the list */
    KEYLIST_SIG_REVOKED,   /* made with a key the list revokes */
    KEYLIST_SIG_BAD        /* a key of the list, but not matching these bytes */
} keylist_sig_status;

/* Check a manifest's signature line against the keys in use on l. The
 * signing key's id goes to id (when not NULL, "" when malformed). */
keylist_sig_status keylist_verify(const keylist *l, const void *msg, size_t len, const char *sig, size_t siglen,
                                  char id[MANIFEST_KEYID_LEN + 1]);

#endif
