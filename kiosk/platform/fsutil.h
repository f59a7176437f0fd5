/* fsutil.h — file-system helpers that survive a power cut.
 *
 * A public screen loses power whenever the town hall switches off the lights,
 * so anything the kiosk or the publisher writes goes through here: a file is
 * written to a temporary name in the same directory, fsync'ed, renamed over
 * the target and the directory fsync'ed, so after a crash the target is
 * either the old file or the new one, whole. Files are read with kfile.h.
 *
 * Functions return 0 on success and -1 with errno set. */
#ifndef KIOSK_FSUTIL_H
#define KIOSK_FSUTIL_H

#include <stddef.h>
#include <sys/types.h>

/* Longest file-system path the kiosk builds: its own bound, the same on
 * every platform, rather than PATH_MAX. */
#define FSUTIL_PATH_MAX 4096

/* printf into buf as a path (or URL): 0, or -1 when it does not fit —
 * never a truncated path. */
int fsutil_pathf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* write() all len bytes of data to fd, retrying after EINTR. */
int fsutil_write_all(int fd, const void *data, size_t len);
/* Write data to path atomically with the given mode (e.g. 0644, 0600). */
int fsutil_write_atomic(const char *path, const void *data, size_t len, mode_t mode);
/* The same, with the file's modification time set to mtime (seconds since
 * the epoch) before it appears; 0 leaves it at "now". */
int fsutil_write_atomic_mtime(const char *path, const void *data, size_t len, mode_t mode, long long mtime);
/* fsync a directory, so the entries created or renamed in it are durable. */
int fsutil_fsync_dir(const char *dir);
/* fsync the directory that contains path. */
int fsutil_fsync_parent(const char *path);
/* mkdir -p with mode for each directory created. */
int fsutil_mkdir_p(const char *path, mode_t mode);
/* Remove a file or a directory tree. Never follows symbolic links; a missing
 * path is success. */
int fsutil_rm_rf(const char *path);
/* Point the symbolic link path at target, atomically: a temporary link is
 * created next to it and renamed over it, then the directory is fsync'ed. */
int fsutil_symlink_atomic(const char *target, const char *path);
/* fsync every directory below and including dir (not the files). */
int fsutil_fsync_tree_dirs(const char *dir);

#endif
