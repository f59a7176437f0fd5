/* publish_impl.h — what the publisher's files share and nothing else uses
 * (publish.h is the layer's public face):
 *
 *   publish.c        keygen and publishing a channel
 *   publish_keys.c   the root key and the list of publishing keys it signs
 *   publish_tree.c   the content tree into objects and manifest entries
 *   publish_gc.c     removing objects no channel lists
 *   publish_store.c  OUT_DIR's lock, sets of object hashes */
#ifndef KIOSK_PUBLISH_IMPL_H
#define KIOSK_PUBLISH_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include "content.h"
#include "manifest.h"

/* ---- publish.c ---- */
/* Reads a secret key: only from a file no one else may read, only when the
 * pair is whole (manifest_key_check) and NAME.pub beside it is its public
 * half. pk gets the public half. 0, or -1 (printed). */
int publish_load_secret_key(const char *path, unsigned char sk[MANIFEST_SK_BYTES],
                            unsigned char pk[MANIFEST_PK_BYTES]);
/* The time in milliseconds since 1970. */
uint64_t publish_now_ms(void);

/* ---- publish_keys.c ---- */
/* When OUT_DIR/keys.list exists, pk must be in use on it: kiosks with a
 * root key refuse a manifest by any other key. 0, or -1 (printed). The
 * list's signature is not checked here (no root key at hand); kiosks do. */
int publish_key_listed(const char *out_dir, const unsigned char pk[MANIFEST_PK_BYTES]);

/* ---- publish_tree.c ---- */
struct publish_walk {
    const char *root;
    const kcontent *content; /* the loaded tree: its files are what is published */
    const char *objects; /* OUT_DIR/objects */
    manifest *m;
    size_t new_objects;
    uint64_t new_bytes;
    int errors;
};
/* Adds every file below w->root that the content uses to w->m (the walk
 * and its rule: content_tree.h); nothing is written yet. Never follows a
 * symbolic link. A link, a device, a FIFO or a file the content does not
 * use is an error naming it (it might be a secret: a key, a password file);
 * documentation (*.md) is skipped with a note. -1 on a failure that stops
 * the walk (printed); files that cannot be published count in w->errors. */
int publish_walk_tree(struct publish_walk *w);
/* After the walk and manifest_finish (w->m sorted): every file the content uses was found as a plain file
 * (not only through a link). 0, or -1 (printed). */
int publish_walk_all_found(struct publish_walk *w);
/* Then stores every file of w->m the server lacks (or has damaged) as its
 * object, checking that it has not changed since the walk. 0, or -1. */
int publish_store_objects(struct publish_walk *w);

/* ---- publish_store.c ---- */
/* A set of object hashes: add, then finish (sorts), then look up. */
struct publish_hashset {
    char (*hex)[MANIFEST_HEX_LEN + 1];
    size_t n, cap;
};
int publish_hashset_add(struct publish_hashset *h, const char *hex);
/* Sort and drop duplicates (channels share objects). */
void publish_hashset_finish(struct publish_hashset *h);
int publish_hashset_has(const struct publish_hashset *h, const char *hex);

/* Lock DIR/.lock with op (LOCK_SH or LOCK_EX), waiting for the holder;
 * when it has to wait, says so first, naming who it waits for. The lock
 * lasts until *fd is closed. 0, or -1 (printed). */
int publish_lock_dir(const char *dir, int op, const char *holder, int *fd);

#endif
