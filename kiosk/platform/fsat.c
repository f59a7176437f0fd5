/* fdopendir(), O_DIRECTORY/O_NOFOLLOW, the *at() calls */
#define _GNU_SOURCE
#include "fsat.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fsutil.h"

#define DIR_FLAGS (O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)

int fsat_dir(int dfd, const char *name, int create, mode_t mode)
{
    if (create && mkdirat(dfd, name, mode) != 0 && errno != EEXIST)
        return -1;
    return openat(dfd, name, DIR_FLAGS);
}

int fsat_dir_path(int dfd, const char *path, int create, mode_t mode)
{
    char part[FSUTIL_PATH_MAX];
    int fd = openat(dfd, ".", DIR_FLAGS);
    while (fd >= 0 && *path) {
        size_t n = strcspn(path, "/");
        if (n == 0 || n >= sizeof(part)) {
            close(fd);
            errno = EINVAL;
            return -1;
        }
        memcpy(part, path, n);
        part[n] = '\0';
        int next = fsat_dir(fd, part, create, mode);
        int e = errno;
        close(fd);
        errno = e;
        fd = next;
        path += n + (path[n] == '/');
    }
    return fd;
}

/* A temporary name next to name, unique in this process and among
 * processes: "<name>.tmp-<pid>-<n>". */
static int tmp_name(const char *name, char *buf, size_t size)
{
    static unsigned long counter;
    unsigned long n = __atomic_add_fetch(&counter, 1, __ATOMIC_RELAXED);
    if (fsutil_pathf(buf, size, "%s.tmp-%ld-%lu", name, (long)getpid(), n) != 0) {
        errno = ENAMETOOLONG;
        return -1;
    }
    return 0;
}

int fsat_write_atomic(int dfd, const char *name, const void *data, size_t len, mode_t mode)
{
    char tmp[FSUTIL_PATH_MAX];
    if (tmp_name(name, tmp, sizeof(tmp)))
        return -1;
    int fd = openat(dfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
    if (fd < 0)
        return -1;
    int rc = fchmod(fd, mode) == 0 && fsutil_write_all(fd, data, len) == 0 && fsync(fd) == 0 ? 0 : -1;
    int e = errno;
    if (close(fd) != 0 && rc == 0) {
        rc = -1;
        e = errno;
    }
    if (rc == 0 && renameat(dfd, tmp, dfd, name) != 0) {
        rc = -1;
        e = errno;
    }
    if (rc != 0) {
        unlinkat(dfd, tmp, 0);
        errno = e;
        return -1;
    }
    return fsync(dfd);
}

int fsat_symlink_atomic(int dfd, const char *target, const char *name)
{
    char tmp[FSUTIL_PATH_MAX];
    if (tmp_name(name, tmp, sizeof(tmp)) || symlinkat(target, dfd, tmp) != 0)
        return -1;
    if (renameat(dfd, tmp, dfd, name) != 0) {
        int e = errno;
        unlinkat(dfd, tmp, 0);
        errno = e;
        return -1;
    }
    return fsync(dfd);
}

/* Call fn on every entry of the directory fd (closed here), depth-first. */
static int each_entry(int fd, int depth, int (*fn)(int dfd, const char *name, int depth))
{
    DIR *d = fdopendir(fd);
    if (!d) {
        int e = errno;
        close(fd);
        errno = e;
        return -1;
    }
    int rc = 0, e = 0;
    struct dirent *ent;
    while ((ent = readdir(d)) != NULL) {
        if (strcmp(ent->d_name, ".") == 0 || strcmp(ent->d_name, "..") == 0)
            continue;
        if (fn(dirfd(d), ent->d_name, depth) != 0 && rc == 0) {
            rc = -1;
            e = errno;
        }
    }
    closedir(d);
    errno = e;
    return rc;
}

/* Open name below dfd for a walk at depth: its descriptor; -2 when it is
 * not a directory (nothing opened); -1 on error. */
static int walk_open(int dfd, const char *name, int depth)
{
    struct stat st;
    if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
        return -1;
    if (!S_ISDIR(st.st_mode))
        return -2;
    if (depth >= FSAT_MAX_DEPTH) {
        errno = ELOOP;
        return -1;
    }
    return openat(dfd, name, DIR_FLAGS);
}

static int rm_at(int dfd, const char *name, int depth)
{
    int fd = walk_open(dfd, name, depth);
    if (fd == -2)
        return unlinkat(dfd, name, 0) == 0 || errno == ENOENT ? 0 : -1;
    if (fd < 0)
        return errno == ENOENT ? 0 : -1;
    int rc = each_entry(fd, depth + 1, rm_at);
    int e = errno;
    if (unlinkat(dfd, name, AT_REMOVEDIR) != 0 && errno != ENOENT)
        return -1;
    errno = e;
    return rc;
}

int fsat_rm_rf(int dfd, const char *name)
{
    return rm_at(dfd, name, 0);
}

static int sync_at(int dfd, const char *name, int depth)
{
    int fd = walk_open(dfd, name, depth);
    if (fd == -2)
        return 0;
    if (fd < 0)
        return -1;
    if (fsync(fd) != 0) {
        int e = errno;
        close(fd);
        errno = e;
        return -1;
    }
    return each_entry(fd, depth + 1, sync_at);
}

int fsat_fsync_tree(int dfd, const char *name)
{
    return sync_at(dfd, name, 0);
}

void fsat_describe(int dfd, const char *name, char *buf, size_t size)
{
    struct stat st;
    char target[256];
    if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
        snprintf(buf, size, "%s", errno == ENOENT ? "missing" : strerror(errno));
    } else if (S_ISLNK(st.st_mode)) {
        ssize_t n = readlinkat(dfd, name, target, sizeof(target) - 1);
        target[n > 0 ? n : 0] = '\0';
        snprintf(buf, size, "a symbolic link to '%s'", target);
    } else {
        snprintf(buf, size, "%s",
                 S_ISDIR(st.st_mode)    ? "a directory"
                 : S_ISREG(st.st_mode)  ? "a regular file"
                 : S_ISFIFO(st.st_mode) ? "a FIFO"
                 : S_ISSOCK(st.st_mode) ? "a socket"
                                        : "a device");
    }
}
