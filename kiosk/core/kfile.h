/* kfile.h — the core's one edge to the file system, and the kiosk's one
 * bounded file reader.
 *
 * The pure core reads content, configuration and scripts only through here
 * (pure.h poisons every other file-system call in the core); the shell and
 * the publisher use the same reader, so there is one place where a size
 * limit, a symbolic link or a FIFO is handled.
 *
 * Functions return 0 (or a pointer) on success and -1 (NULL) with errno
 * set: what the system said, or one of the reader's own:
 *   EISDIR  a directory where a file was wanted
 *   EINVAL  neither a regular file nor a directory (a FIFO, a device)
 *   EFBIG   bigger than the limit
 *   EXDEV   a path that leaves its root folder */
#ifndef KIOSK_KFILE_H
#define KIOSK_KFILE_H

#include <stddef.h>

/* KFILE_LINK only from kfile_lstat: the other calls follow links. */
typedef enum kfile_type { KFILE_REGULAR, KFILE_DIR, KFILE_OTHER, KFILE_LINK } kfile_type;

typedef struct kfile_info {
    kfile_type type;
    long long size;     /* bytes */
    long long mtime_ns; /* modification time, nanoseconds since the epoch */
} kfile_info;

/* kfile_read's flags. */
#define KFILE_NOFOLLOW 1u /* the last component must not be a symbolic link (ELOOP) */
#define KFILE_STREAM 2u   /* any readable file, a pipe too: read to its end; no type check */

/* Reads the regular file path whole, at most max bytes, into *out (malloc'd,
 * NUL-terminated; *len excludes the NUL; the caller frees it). It is opened
 * without blocking (a FIFO cannot hang the reader) and read as big as it was
 * when opened, so a file that grows meanwhile still respects max. */
int kfile_read(const char *path, size_t max, unsigned flags, char **out, size_t *len);

/* Reads the regular file root/rel like kfile_read, where no component of
 * rel may be a symbolic link (ELOOP): each folder is opened from the one
 * before, so a link put in place meanwhile is refused too. */
int kfile_read_in(const char *root, const char *rel, size_t max, char **out, size_t *len);

/* Reads the regular file name in the open folder dfd like kfile_read, the
 * name itself never followed when it is a symbolic link (ELOOP). */
int kfile_read_at(int dfd, const char *name, size_t max, char **out, size_t *len);

/* Reads up to n bytes from the start of path (a magic number), opened
 * without blocking: how many were read, or -1. */
long kfile_head(const char *path, void *buf, size_t n);

/* Type, size and time of path, following symbolic links. */
int kfile_stat(const char *path, kfile_info *info);

/* Like kfile_stat, but a symbolic link itself is described (KFILE_LINK). */
int kfile_lstat(const char *path, kfile_info *info);

/* The canonical absolute path of an existing path (malloc'd). */
char *kfile_real(const char *path);

/* Resolves rel inside the folder root (a path kfile_real returned),
 * following symbolic links, and stats it into *info: the real path
 * (malloc'd), or NULL with errno (EXDEV: it resolves outside root). */
char *kfile_inside(const char *root, const char *rel, kfile_info *info);

/* Calls fn(ctx, name) for each entry of the folder dir but "." and "..",
 * in the file system's order, until fn returns non-zero. Returns that value,
 * 0 when every entry was seen, or -1 when dir cannot be opened. */
typedef int (*kfile_entry_fn)(void *ctx, const char *name);
int kfile_list(const char *dir, kfile_entry_fn fn, void *ctx);

#endif
