/* nftw() needs the X/Open extensions */
#define _XOPEN_SOURCE 700
#include "fsutil.h"

#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

int fsutil_pathf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n >= 0 && (size_t)n < size ? 0 : -1;
}

/* A temporary name next to path: "<path>.tmp-<pid>-<n>". The counter keeps
 * two threads of one process apart. */
static int tmp_name(const char *path, char *buf, size_t size)
{
    static unsigned long counter;
    unsigned long n = __atomic_add_fetch(&counter, 1, __ATOMIC_RELAXED);
    int w = snprintf(buf, size, "%s.tmp-%ld-%lu", path, (long)getpid(), n);
    if (w < 0 || (size_t)w >= size) {
        errno = ENAMETOOLONG;
        return -1;
    }
    return 0;
}

int fsutil_fsync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    int rc = fsync(fd);
    int e = errno;
    close(fd);
    errno = e;
    return rc;
}

int fsutil_fsync_parent(const char *path)
{
    char dir[FSUTIL_PATH_MAX];
    const char *slash = strrchr(path, '/');
    if (!slash)
        return fsutil_fsync_dir(".");
    if (slash == path)
        return fsutil_fsync_dir("/");
    int w = snprintf(dir, sizeof(dir), "%.*s", (int)(slash - path), path);
    if (w < 0 || (size_t)w >= sizeof(dir)) {
        errno = ENAMETOOLONG;
        return -1;
    }
    return fsutil_fsync_dir(dir);
}

int fsutil_write_all(int fd, const void *data, size_t len)
{
    const char *p = data;
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

int fsutil_write_atomic(const char *path, const void *data, size_t len, mode_t mode)
{
    return fsutil_write_atomic_mtime(path, data, len, mode, 0);
}

int fsutil_write_atomic_mtime(const char *path, const void *data, size_t len, mode_t mode, long long mtime)
{
    char tmp[FSUTIL_PATH_MAX];
    if (tmp_name(path, tmp, sizeof(tmp)))
        return -1;
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    if (fd < 0)
        return -1;
    if (fchmod(fd, mode) != 0) /* the umask must not widen or narrow a key's mode */
        goto fail;
    if (fsutil_write_all(fd, data, len) != 0)
        goto fail;
    if (mtime > 0) {
        struct timespec ts[2] = {{.tv_nsec = UTIME_OMIT}, {.tv_sec = (time_t)mtime}};
        if (futimens(fd, ts) != 0)
            goto fail;
    }
    if (fsync(fd) != 0)
        goto fail;
    if (close(fd) != 0) {
        fd = -1;
        goto fail;
    }
    fd = -1;
    if (rename(tmp, path) != 0)
        goto fail;
    return fsutil_fsync_parent(path);
fail: {
    int e = errno;
    if (fd >= 0)
        close(fd);
    unlink(tmp);
    errno = e;
    return -1;
}
}

int fsutil_mkdir_p(const char *path, mode_t mode)
{
    char buf[FSUTIL_PATH_MAX];
    int w = snprintf(buf, sizeof(buf), "%s", path);
    if (w < 0 || (size_t)w >= sizeof(buf)) {
        errno = ENAMETOOLONG;
        return -1;
    }
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(buf, mode) != 0 && errno != EEXIST)
            return -1;
        *p = '/';
    }
    if (mkdir(buf, mode) != 0 && errno != EEXIST)
        return -1;
    struct stat st;
    if (stat(buf, &st) != 0)
        return -1;
    if (!S_ISDIR(st.st_mode)) {
        errno = ENOTDIR;
        return -1;
    }
    return 0;
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)ftw;
    int rc = (flag == FTW_DP) ? rmdir(path) : unlink(path);
    if (rc != 0 && errno != ENOENT)
        return -1;
    return 0;
}

int fsutil_rm_rf(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return errno == ENOENT ? 0 : -1;
    if (!S_ISDIR(st.st_mode))
        return unlink(path);
    /* FTW_PHYS: never follow a symbolic link out of the tree */
    return nftw(path, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

int fsutil_symlink_atomic(const char *target, const char *path)
{
    char tmp[FSUTIL_PATH_MAX];
    if (tmp_name(path, tmp, sizeof(tmp)))
        return -1;
    if (symlink(target, tmp) != 0)
        return -1;
    if (rename(tmp, path) != 0) {
        int e = errno;
        unlink(tmp);
        errno = e;
        return -1;
    }
    return fsutil_fsync_parent(path);
}

static int sync_dir(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)ftw;
    if (flag == FTW_D || flag == FTW_DP)
        return fsutil_fsync_dir(path);
    return 0;
}

int fsutil_fsync_tree_dirs(const char *dir)
{
    return nftw(dir, sync_dir, 16, FTW_PHYS);
}
