/* kfile.c — see kfile.h. The one file of the core that may touch the file
 * system (the Makefile's CORE_EDGE). */
#include "kfile.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void fill_info(const struct stat *st, kfile_info *info)
{
    info->type = S_ISREG(st->st_mode)   ? KFILE_REGULAR
                 : S_ISDIR(st->st_mode) ? KFILE_DIR
                 : S_ISLNK(st->st_mode) ? KFILE_LINK
                                        : KFILE_OTHER;
    info->size = (long long)st->st_size;
    info->mtime_ns = (long long)st->st_mtim.tv_sec * 1000000000LL + st->st_mtim.tv_nsec;
}

/* errno for a file that is not a regular one. */
static int not_regular(const struct stat *st)
{
    return S_ISDIR(st->st_mode) ? EISDIR : EINVAL;
}

/* Reads up to want bytes from fd into buf: how many (fewer at the end of
 * the file), or -1. */
static long read_upto(int fd, char *buf, size_t want)
{
    size_t got = 0;
    while (got < want) {
        ssize_t r = read(fd, buf + got, want - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return -1;
        if (r == 0)
            break;
        got += (size_t)r;
    }
    return (long)got;
}

/* How many bytes to read from the open file fd: what fstat promises for a
 * regular file, one more than max for a stream (to tell that it is too
 * big). -1 with errno when the file does not qualify. */
static long long read_budget(int fd, size_t max, unsigned flags)
{
    if (flags & KFILE_STREAM)
        return (long long)max + 1;
    struct stat st;
    if (fstat(fd, &st) != 0)
        return -1;
    if (!S_ISREG(st.st_mode)) {
        errno = not_regular(&st);
        return -1;
    }
    if ((unsigned long long)st.st_size > max) {
        errno = EFBIG;
        return -1;
    }
    return (long long)st.st_size;
}

/* Reads the open file fd whole into *out (kfile_read's contract); closes
 * fd. */
static int read_fd(int fd, size_t max, unsigned flags, char **out, size_t *len)
{
    char *buf = NULL;
    long long want = read_budget(fd, max, flags);
    if (want < 0)
        goto fail;
    buf = malloc((size_t)want + 1);
    if (!buf)
        goto fail;
    long got = read_upto(fd, buf, (size_t)want);
    if (got < 0)
        goto fail;
    if ((size_t)got > max) {
        errno = EFBIG;
        goto fail;
    }
    buf[got] = '\0';
    close(fd);
    *out = buf;
    *len = (size_t)got;
    return 0;
fail : {
    int e = errno;
    free(buf);
    close(fd);
    errno = e;
    return -1;
}
}

int kfile_read(const char *path, size_t max, unsigned flags, char **out, size_t *len)
{
    *out = NULL;
    *len = 0;
    int oflags = O_RDONLY | O_CLOEXEC;
    if (flags & KFILE_NOFOLLOW)
        oflags |= O_NOFOLLOW;
    if (!(flags & KFILE_STREAM))
        oflags |= O_NONBLOCK;
    int fd = open(path, oflags);
    if (fd < 0)
        return -1;
    return read_fd(fd, max, flags, out, len);
}

int kfile_read_in(const char *root, const char *rel, size_t max, char **out, size_t *len)
{
    char part[4096];
    *out = NULL;
    *len = 0;
    int dfd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    while (dfd >= 0) {
        const char *slash = strchr(rel, '/');
        size_t n = slash ? (size_t)(slash - rel) : strlen(rel);
        if (n == 0 || n >= sizeof(part)) {
            close(dfd);
            errno = EINVAL;
            return -1;
        }
        memcpy(part, rel, n);
        part[n] = '\0';
        int fd = openat(dfd, part,
                        O_RDONLY | O_NOFOLLOW | O_CLOEXEC | (slash ? O_DIRECTORY : O_NONBLOCK));
        int e = errno;
        close(dfd);
        errno = e;
        if (fd < 0)
            return -1;
        if (!slash)
            return read_fd(fd, max, 0, out, len);
        dfd = fd;
        rel = slash + 1;
    }
    return -1;
}

int kfile_read_at(int dfd, const char *name, size_t max, char **out, size_t *len)
{
    *out = NULL;
    *len = 0;
    int fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    return fd < 0 ? -1 : read_fd(fd, max, 0, out, len);
}

long kfile_head(const char *path, void *buf, size_t n)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return -1;
    long got = read_upto(fd, buf, n);
    int e = errno;
    close(fd);
    errno = e;
    return got;
}

/* stat (follow) or lstat of path into *info. */
static int info_of(const char *path, int follow, kfile_info *info)
{
    struct stat st;
    if ((follow ? stat(path, &st) : lstat(path, &st)) != 0)
        return -1;
    fill_info(&st, info);
    return 0;
}

int kfile_stat(const char *path, kfile_info *info)
{
    return info_of(path, 1, info);
}

int kfile_lstat(const char *path, kfile_info *info)
{
    return info_of(path, 0, info);
}

char *kfile_real(const char *path)
{
    return realpath(path, NULL);
}

/* 1 when the resolved path real lies inside the folder root. */
static int under(const char *root, const char *real)
{
    size_t n = strlen(root);
    if (n == 1) /* the root folder is "/" */
        return 1;
    return strncmp(real, root, n) == 0 && real[n] == '/';
}

char *kfile_inside(const char *root, const char *rel, kfile_info *info)
{
    size_t n = strlen(root) + strlen(rel) + 2;
    char *path = malloc(n);
    if (!path)
        return NULL;
    snprintf(path, n, "%s/%s", root, rel);
    char *real = realpath(path, NULL);
    int e = errno;
    free(path);
    if (!real) {
        errno = e;
        return NULL;
    }
    if (!under(root, real)) {
        free(real);
        errno = EXDEV;
        return NULL;
    }
    if (kfile_stat(real, info) != 0) {
        e = errno;
        free(real);
        errno = e;
        return NULL;
    }
    return real;
}

int kfile_list(const char *dir, kfile_entry_fn fn, void *ctx)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    int rc = 0;
    struct dirent *e;
    while (rc == 0 && (e = readdir(d))) {
        const char *name = e->d_name;
        if (strcmp(name, ".") != 0 && strcmp(name, "..") != 0)
            rc = fn(ctx, name);
    }
    closedir(d);
    return rc;
}
