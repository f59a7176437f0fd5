/* keylist.c — the list of publishing keys (keylist.h): building it, looking
 * keys up, and checking a manifest's signature against it. Parsing is in
 * manifest_parse.c, emitting in manifest_emit.c (one parser, one writer). */
#include "keylist.h"

#include <stdlib.h>
#include <string.h>

#include "manifest_impl.h"

keylist *keylist_new(void)
{
    return calloc(1, sizeof(keylist));
}

void keylist_free(keylist *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->n_keys; i++)
        free(l->keys[i].note);
    free(l);
}

const keylist_key *keylist_find(const keylist *l, const char *id)
{
    for (size_t i = 0; i < l->n_keys; i++)
        if (strcmp(l->keys[i].id, id) == 0)
            return &l->keys[i];
    return NULL;
}

const char *keylist_note_problem(const char *note)
{
    size_t len = strlen(note);
    if (len > KEYLIST_NOTE_MAX)
        return "too long";
    if (memchr(note, '\n', len))
        return "line break";
    return manifest_notice_text_problem(note, len);
}

int keylist_add(keylist *l, const unsigned char pk[MANIFEST_PK_BYTES], const char *note, int64_t added,
                char *err, size_t errsize)
{
    char id[MANIFEST_KEYID_LEN + 1];
    const char *why = note ? keylist_note_problem(note) : NULL;
    manifest_key_id(pk, id);
    const keylist_key *have = keylist_find(l, id);
    if (have) {
        manifest_set_err(err, errsize, "key %s is on the list already%s", id,
                         have->revoked ? ", revoked (a revoked key cannot come back: make a new one)" : "");
        return -1;
    }
    if (why) {
        manifest_set_err(err, errsize, "note: %s", why);
        return -1;
    }
    if (l->n_keys >= KEYLIST_MAX_KEYS) {
        manifest_set_err(err, errsize, "the list holds %d keys, the most it may", KEYLIST_MAX_KEYS);
        return -1;
    }
    keylist_key *k = &l->keys[l->n_keys];
    memset(k, 0, sizeof(*k));
    if (note && !(k->note = strdup(note))) {
        manifest_set_err(err, errsize, "out of memory");
        return -1;
    }
    memcpy(k->id, id, sizeof(k->id));
    memcpy(k->pk, pk, MANIFEST_PK_BYTES);
    k->added = added;
    l->n_keys++;
    return 0;
}

int keylist_revoke(keylist *l, const char *id, int64_t when, char *err, size_t errsize)
{
    keylist_key *k = (keylist_key *)keylist_find(l, id);
    if (!k) {
        manifest_set_err(err, errsize, "key %.32s is not on the list", id);
        return -1;
    }
    if (k->revoked) {
        manifest_set_err(err, errsize, "key %s is revoked already", id);
        return -1;
    }
    k->revoked = when > 0 ? when : 1;
    return 0;
}

static int same_note(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

int keylist_equal(const keylist *a, const keylist *b)
{
    if (a->version != b->version || a->published != b->published || a->expires != b->expires ||
        a->n_keys != b->n_keys)
        return 0;
    for (size_t i = 0; i < a->n_keys; i++) {
        const keylist_key *x = &a->keys[i], *y = &b->keys[i];
        if (strcmp(x->id, y->id) != 0 || memcmp(x->pk, y->pk, MANIFEST_PK_BYTES) != 0 ||
            x->added != y->added || x->revoked != y->revoked || !same_note(x->note, y->note))
            return 0;
    }
    return 1;
}

keylist_sig_status keylist_verify(const keylist *l, const void *msg, size_t len, const char *sig, size_t siglen,
                                  char id[MANIFEST_KEYID_LEN + 1])
{
    char signer[MANIFEST_KEYID_LEN + 1];
    if (manifest_sig_key_id(sig, siglen, signer) != 0) {
        if (id)
            id[0] = '\0';
        return KEYLIST_SIG_MALFORMED;
    }
    if (id)
        memcpy(id, signer, sizeof(signer));
    const keylist_key *k = keylist_find(l, signer);
    if (!k)
        return KEYLIST_SIG_UNKNOWN;
    if (k->revoked)
        return KEYLIST_SIG_REVOKED;
    /* the id matched, so anything but OK means these bytes are not what
     * the key signed */
    return manifest_verify(msg, len, sig, siglen, k->pk) == MANIFEST_SIG_OK ? KEYLIST_SIG_OK : KEYLIST_SIG_BAD;
}
