/* fsat.h — file operations below a directory descriptor that never follow
 * a symbolic link.
 *
 * The updater's state directory may be writable by an account that is not
 * to be trusted with anything outside it. Every name here is one entry of
 * the directory dfd (fsat_dir_path: a relative path of such entries); none
 * is resolved through a link: a link where a directory or file is expected
 * fails with ELOOP (or ENOTDIR), a link being removed is removed itself, and
 * a walk never leaves the tree. Writes are atomic and durable as in
 * fsutil.h. Functions return 0 (or a descriptor the caller closes) on
 * success and -1 with errno set. */
#ifndef KIOSK_FSAT_H
#define KIOSK_FSAT_H

#include <stddef.h>
#include <sys/types.h>

/* Deepest directory a walk descends into (trees are at most 8 levels). */
#define FSAT_MAX_DEPTH 16

/* Open the directory name below dfd (created with mode first when create
 * is set). A link, file or anything else there: -1, ELOOP or ENOTDIR. */
int fsat_dir(int dfd, const char *name, int create, mode_t mode);
/* The same for a relative path "a/b/c", one entry at a time. */
int fsat_dir_path(int dfd, const char *path, int create, mode_t mode);
/* Reading a file below dfd: kfile_read_at (kfile.h), the one bounded reader. */
/* Write name atomically (a temporary entry, fsync, renameat, fsync dfd). */
int fsat_write_atomic(int dfd, const char *name, const void *data, size_t len, mode_t mode);
/* Point the link name at target atomically (renamed over the old link). */
int fsat_symlink_atomic(int dfd, const char *target, const char *name);
/* Remove name: a file or link itself, or a directory tree (never through a
 * link). Missing is success. */
int fsat_rm_rf(int dfd, const char *name);
/* fsync the directory name and every directory below it. */
int fsat_fsync_tree(int dfd, const char *name);
/* What name is, for a message: "a directory", "a symbolic link to '...'",
 * "a regular file", "missing", ... (the link target unescaped: log lines
 * escape it). */
void fsat_describe(int dfd, const char *name, char *buf, size_t size);

#endif
