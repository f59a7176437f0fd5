/* publish.h — kiosk-publish's work: key pairs, publishing a content tree to
 * a channel, and removing the objects no channel lists any more (gc).
 *
 * Publishing checks the tree with the kiosk's own loader (content_load) and
 * refuses broken content, then writes every file as a content-addressed
 * object OUT_DIR/objects/<sha256> (shared by all channels: unchanged files
 * cost nothing) and the channel's signed manifest OUT_DIR/NAME/manifest.yaml
 * with manifest.yaml.sig. Objects first, manifest last, each written
 * atomically, so a server copying OUT_DIR at any moment never offers a
 * manifest whose objects are missing. See docs/updates.md.
 *
 * gc removes objects that no channel's current manifest lists and that are
 * older than the grace period (kiosks half-way through an update may still
 * fetch them); a publish gives the objects it drops a fresh mtime, so the
 * grace counts from then. A manifest it cannot parse stops it before
 * anything is deleted. Locking: every publish holds OUT_DIR/.lock shared (and its
 * channel's lock exclusively); gc holds OUT_DIR/.lock exclusively while it
 * reads the manifests and deletes, so it never sees a publish half-way,
 * including one that reuses an old object it is about to list.
 *
 * Each function prints what it did to stdout and its problems to stderr
 * ("kiosk-publish: ..."), and returns the program's exit status: 0 done (or
 * nothing changed), 1 failure, PUBLISH_EXIT_USAGE for a bad argument. */
#ifndef KIOSK_PUBLISH_H
#define KIOSK_PUBLISH_H

#include <stddef.h>

#define PUBLISH_EXIT_USAGE 2

/* Writes DIR/kiosk.key (secret, 0600) and DIR/kiosk.pub; never overwrites
 * an existing key. */
int publish_keygen(const char *dir);

/* Writes DIR/root.key (secret, 0600) and DIR/root.pub, the root key that
 * signs the list of publishing keys; never overwrites an existing key. */
int publish_root_init(const char *dir);

/* The list of publishing keys, OUT_DIR/keys.list (keylist.h) with
 * keys.list.sig by the root key. Every change writes the next version,
 * signature first, and reads it back with the kiosk's parser and
 * signature check before a byte is written. */
typedef enum { PUBLISH_KEYS_ADD, PUBLISH_KEYS_REVOKE, PUBLISH_KEYS_REFRESH, PUBLISH_KEYS_LIST } publish_keys_op;
typedef struct publish_keys_options {
    publish_keys_op op;
    const char *out_dir;
    const char *root_key;  /* root.key: add, revoke, refresh */
    const char *root_pub;  /* root.pub: list checks the signature with it (optional) */
    const char *pub;       /* add: the publishing key's kiosk.pub */
    const char *key_id;    /* revoke: the key's id */
    const char *note;      /* add: optional note */
    long expires_days;     /* the list expires this many days after signing */
} publish_keys_options;
int publish_keys(const publish_keys_options *o);

typedef struct publish_options {
    const char *key_path;    /* the secret key that signs the manifest */
    const char *channel;     /* [a-z0-9_-] */
    const char *content_dir; /* the tree to publish */
    const char *out_dir;     /* what the web server serves */
    const char *notice_path; /* an emergency notice to attach, or NULL */
    long expires_days;       /* the manifest expires this many days after signing; 0: never */
    size_t max_errors;       /* content diagnostics printed at most */
} publish_options;

/* Publishes o->content_dir to the channel, unless it is unchanged. */
int publish_channel(const publish_options *o);

/* Re-signs the channel's current manifest (it must verify with o->key_path's
 * public half) as the next version with the same files and notice and a new
 * expiry, o->expires_days from now. content_dir is not used. */
int publish_refresh(const publish_options *o);

/* Removes objects of out_dir no channel lists and older than keep_hours;
 * with dry_run only says which. */
int publish_gc(const char *out_dir, long keep_hours, int dry_run);

#endif
