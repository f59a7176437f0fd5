/* store.h — the updater's state directory: what survives a restart.
 *
 *   STATE_DIR/lock                          held (flock) by the one updater
 *                                           working on the directory
 *   STATE_DIR/current  -> trees/<version>   the tree to show (symbolic link)
 *   STATE_DIR/previous -> trees/<version>   the one before, for rollback
 *   STATE_DIR/trees/<version>/...           complete trees; files are hard
 *                                           links into objects/
 *   STATE_DIR/trees/.stage-<version>/       a tree being built
 *   STATE_DIR/objects/<sha256>              verified objects (the cache)
 *   STATE_DIR/objects/.tmp-<sha256>-*       an object being downloaded
 *   STATE_DIR/etag                          "<version> <ETag>" of current
 *   STATE_DIR/expires                       "<version> <unix time>": the expiry of
 *                                           current's manifest (0: none)
 *   STATE_DIR/highest                       the highest version ever installed
 *                                           (fsynced; no manifest below it is
 *                                           accepted, even with trees/ wiped)
 *   STATE_DIR/keys                          the newest key list accepted (root key
 *                                           only): its signature line, then its
 *                                           text (trust.h); fsynced
 *   STATE_DIR/notice.yaml                   the emergency notice of the newest
 *                                           verified manifest (manifest.h's
 *                                           notice document); absent: none
 *
 * Power may fail at any instant: objects and trees are made durable before
 * a link is renamed, so after a restart "current" is the old tree or the new
 * one, whole. Leftovers of an interrupted cycle are removed by the next one
 * (store_prune). Nothing here touches the network.
 *
 * The directory may be writable by an account that must not reach beyond
 * it: STATE_DIR itself is opened once (as configured), and every entry below
 * it only through directory descriptors that never follow a symbolic link
 * (fsat.h). "current" and "previous" are the only links, and count only
 * when they name trees/<number>, a real directory. A link or other odd
 * entry where a directory or file belongs refuses the cycle (a detail that
 * names it) or is reported and left alone; nothing outside is touched.
 *
 * A store is opened for one cycle (store_open takes the lock, store_close
 * releases it); the functions that take only a directory read links and
 * need no lock. */
#ifndef KIOSK_STORE_H
#define KIOSK_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "fsutil.h"
#include "manifest.h"
#include "update_reason.h"
#include "updater.h"

#define STORE_NOTICE_FILE "notice.yaml"
#define STORE_KEYS_FILE "keys"

typedef struct store {
    const char *dir;                 /* borrowed */
    int dfd, objfd, treesfd;         /* STATE_DIR, objects/, trees/; -1: not open */
    int lockfd;                      /* -1: not locked */
    uint64_t cur, prev;              /* what current and previous name; 0: none */
    uint64_t highest;                /* the highest version installed; 0: none */
    int64_t expires;                 /* current's manifest's expiry; 0: none */
} store;

/* A store not open yet (store_close does nothing to it). */
void store_init(store *s);
/* Create the directories, take the lock, read current and previous
 * (res->version is current's from the start, for the messages). A current
 * link whose tree is missing counts as none. The highest version comes
 * from STATE_DIR/highest; where that is missing (a state directory of an
 * older kiosk) it is seeded from what current and previous name, and
 * written. A link (or anything but a
 * directory or a file) in place of objects/, trees/ or lock: local_error,
 * the detail names it. Call store_close() whatever it returns. */
update_reason store_open(store *s, const char *dir, updater_result *res);
void store_close(store *s);

/* The version a state link ("current", "previous") names, 0 when none or
 * when it names anything but trees/<number> (logged). */
uint64_t store_link_version(const char *dir, const char *name);
/* The tree "current" (which = 0) or "previous" (which = 1) points at,
 * resolved to dir/trees/<version>, so loaded content keeps pointing at its
 * own files after a later swap. 0 and the path in buf, or -1 when none. */
int store_tree(const char *dir, int which, char *buf, size_t size, uint64_t *version);
/* The content directory to show at start: the resolved current tree of dir
 * when there is one, else fallback (the installed content). */
const char *store_content_dir(const char *dir, const char *fallback, char *buf, size_t size);

/* The ETag stored with current's version for the manifest at url into buf
 * ("" when none). A validator belongs to one resource: sent to another URL
 * (a changed channel), a server's ETag of mtime and size could match by
 * chance and its 304 would hide that channel's manifest. */
void store_etag(const store *s, const char *url, char *buf, size_t size);
/* Remember etag as version's, fetched from url (only saves a download next
 * time). */
void store_save_etag(const store *s, uint64_t version, const char *url, const char *etag);

/* Replace the stored notice with n, or remove it (n NULL). */
void store_save_notice(const store *s, const manifest_notice *n);
/* The stored notice of dir (start-up, before any network), or NULL: none,
 * or a damaged file (logged). */
manifest_notice *store_load_notice(const char *dir);

/* The key list kept in STATE_DIR/keys: its text and signature line (each
 * malloc'd and NUL-terminated; nothing is checked here). 0, or -1 when
 * there is none or it cannot be read (logged unless missing). */
int store_load_keys(const store *s, char **text, size_t *len, char **sig, size_t *slen);
/* Keep a key list (text and signature line) in STATE_DIR/keys: written
 * atomically and fsynced. */
update_reason store_save_keys(const store *s, const char *text, size_t len, const char *sig, updater_result *res);

/* Which of m's objects are not in the cache whole (a damaged entry is
 * removed): missing[i] set for each to download, each object once. Fails
 * with disk_full when the file system has no room for them. */
update_reason store_missing(const store *s, const manifest *m, unsigned char *missing, updater_result *res);
/* A temporary file for object sha256 in the cache: the descriptor, its
 * name (an entry of objects/) in tmp, or -1 (res says why). */
int store_object_create(const store *s, const char *sha256, char *tmp, size_t size, updater_result *res,
                        update_reason *why);
/* Close fd and, when r is ok, move the downloaded object into the cache
 * under its hash; otherwise drop it. Returns r or the failure of the move. */
update_reason store_object_finish(const store *s, int fd, const char *tmp, const char *sha256, update_reason r,
                                  updater_result *res);
/* Make the objects' data and names durable (one syncfs for all). */
update_reason store_sync(const store *s, updater_result *res);
/* Build m's tree from the cache as trees/<version>: staged under a
 * temporary name, every file a hard link to its object (a copy where links
 * are not possible), made durable, renamed. The tree's path in buf. */
update_reason store_build_tree(const store *s, const manifest *m, char *buf, size_t size, updater_result *res);
/* Remove trees/<version>. */
void store_drop_tree(const store *s, uint64_t version);
/* Make m's version current and the old current previous; it becomes the
 * highest when it is higher (written and fsynced before the swap), and m's
 * expiry is kept with it. */
update_reason store_swap(store *s, const manifest *m, updater_result *res);
/* Remove every tree but cur, prev and keep[0..n_keep); temporary files of
 * interrupted cycles; with objects set, objects no tree links to. */
void store_prune(const store *s, uint64_t cur, uint64_t prev, const uint64_t *keep, size_t n_keep, int objects);

#endif
