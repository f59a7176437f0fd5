/* syncfs(): one flush for all objects of a cycle instead of one per file */
#define _GNU_SOURCE
#include "store.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "health.h"
#include "kfile.h"
#include "klimits.h"
#include "log.h"

#define LOG "updater"
#define DISK_MARGIN (256 * 1024) /* left free for the trees' directories and the log */

static update_reason errno_reason(int e)
{
    return e == ENOSPC || e == EDQUOT ? UPDATE_DISK_FULL : UPDATE_LOCAL_ERROR;
}

/* A failed file-system call: the detail, and its reason from errno. */
static update_reason fs_failed(updater_result *res, const char *what, const char *path)
{
    int e = errno;
    updater_set_detail(res, "%s %s: %s", what, path, strerror(e));
    return errno_reason(e);
}

static int parse_version(const char *s, uint64_t *out)
{
    if (!*s || strlen(s) > 20)
        return -1;
    uint64_t v = 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return -1;
        uint64_t d = (uint64_t)(*s - '0');
        if (v > (UINT64_MAX - d) / 10)
            return -1;
        v = v * 10 + d;
    }
    *out = v;
    return 0;
}

uint64_t store_link_version(const char *dir, const char *name)
{
    char path[FSUTIL_PATH_MAX], target[256];
    uint64_t v = 0;
    if (fsutil_pathf(path, sizeof(path), "%s/%s", dir, name))
        return 0;
    ssize_t n = readlink(path, target, sizeof(target) - 1);
    if (n <= 0)
        return 0;
    target[n] = '\0';
    if (strncmp(target, "trees/", 6) != 0 || parse_version(target + 6, &v) != 0)
        return 0;
    return v;
}

int store_tree(const char *dir, int which, char *buf, size_t size, uint64_t *version)
{
    uint64_t v = store_link_version(dir, which ? "previous" : "current");
    struct stat st;
    if (v == 0 || fsutil_pathf(buf, size, "%s/trees/%" PRIu64, dir, v) || stat(buf, &st) != 0 ||
        !S_ISDIR(st.st_mode))
        return -1;
    if (version)
        *version = v;
    return 0;
}

const char *store_content_dir(const char *dir, const char *fallback, char *buf, size_t size)
{
    if (dir && store_tree(dir, 0, buf, size, NULL) == 0)
        return buf;
    return fallback;
}

/* --- opening: directories, lock, links ------------------------------------------ */

update_reason store_open(store *s, const char *dir, updater_result *res)
{
    char lockp[FSUTIL_PATH_MAX], path[FSUTIL_PATH_MAX];
    memset(s, 0, sizeof(*s));
    s->dir = dir;
    s->lockfd = -1;
    if (fsutil_pathf(s->objects, sizeof(s->objects), "%s/objects", dir) ||
        fsutil_pathf(s->trees, sizeof(s->trees), "%s/trees", dir) ||
        fsutil_pathf(lockp, sizeof(lockp), "%s/lock", dir)) {
        updater_set_detail(res, "state directory path too long");
        return UPDATE_LOCAL_ERROR;
    }
    if (fsutil_mkdir_p(s->objects, 0755) != 0 || fsutil_mkdir_p(s->trees, 0755) != 0)
        return fs_failed(res, "state directory", dir);
    /* What is shown, for the messages of every outcome. */
    s->cur = store_link_version(dir, "current");
    res->version = s->cur;
    s->lockfd = open(lockp, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (s->lockfd < 0) {
        /* e.g. EROFS: a storage card the kernel remounted read-only */
        int e = errno;
        updater_set_detail(res, "state directory %s is not writable: %s", dir, strerror(e));
        return errno_reason(e);
    }
    if (flock(s->lockfd, LOCK_EX | LOCK_NB) != 0) {
        updater_set_detail(res, "state directory %s is busy (another updater?): %s", dir, strerror(errno));
        close(s->lockfd);
        s->lockfd = -1;
        return UPDATE_LOCAL_ERROR;
    }
    s->prev = store_link_version(dir, "previous");
    if (s->cur && store_tree(dir, 0, path, sizeof(path), NULL) != 0) {
        /* someone removed the tree: what "current" names is not shown, so
         * it must not count as installed */
        log_warn(LOG, "%s/current points at a missing tree; installing again", dir);
        s->cur = 0;
    }
    res->version = s->cur;
    return UPDATE_OK;
}

void store_close(store *s)
{
    if (s->lockfd >= 0)
        close(s->lockfd); /* releases the lock */
    s->lockfd = -1;
}

/* --- ETag and notice ------------------------------------------------------------- */

void store_etag(const store *s, char *buf, size_t size)
{
    char path[FSUTIL_PATH_MAX], *text = NULL;
    size_t len;
    uint64_t v;
    buf[0] = '\0';
    if (!s->cur || fsutil_pathf(path, sizeof(path), "%s/etag", s->dir) ||
        kfile_read(path, KIOSK_MAX_ETAG + 32, 0, &text, &len) != 0)
        return;
    char *sp = strchr(text, ' ');
    if (sp) {
        *sp = '\0';
        char *nl = strchr(sp + 1, '\n');
        if (nl)
            *nl = '\0';
        if (parse_version(text, &v) == 0 && v == s->cur)
            snprintf(buf, size, "%s", sp + 1);
    }
    free(text);
}

void store_save_etag(const store *s, uint64_t version, const char *etag)
{
    char path[FSUTIL_PATH_MAX], line[KIOSK_MAX_ETAG + 32];
    if (!etag[0] || fsutil_pathf(path, sizeof(path), "%s/etag", s->dir))
        return;
    snprintf(line, sizeof(line), "%" PRIu64 " %s\n", version, etag);
    fsutil_write_atomic(path, line, strlen(line), 0644); /* only saves a download next time */
}

/* The notice follows the newest signed manifest: written (or removed) as
 * soon as a newer manifest is verified, before its objects are fetched, so
 * an emergency notice does not wait for a large download and survives a
 * restart without network. */
void store_save_notice(const store *s, const manifest_notice *n)
{
    char path[FSUTIL_PATH_MAX];
    if (fsutil_pathf(path, sizeof(path), "%s/%s", s->dir, STORE_NOTICE_FILE))
        return;
    if (!n) {
        if (unlink(path) == 0) {
            fsutil_fsync_parent(path);
            log_info(LOG, "notice cleared");
        } else if (errno != ENOENT) {
            log_warn(LOG, "remove %s: %s", path, strerror(errno));
        }
        return;
    }
    size_t len = 0;
    char *text = manifest_notice_emit(n, &len);
    if (!text || fsutil_write_atomic(path, text, len, 0644) != 0)
        log_warn(LOG, "cannot write %s: %s", path, text ? strerror(errno) : "out of memory");
    else
        log_info(LOG, "notice saved (%lld..%lld)", (long long)n->starts, (long long)n->ends);
    free(text);
}

manifest_notice *store_load_notice(const char *dir)
{
    char path[FSUTIL_PATH_MAX], *text = NULL, err[256];
    size_t len = 0;
    manifest_notice *n = NULL;
    if (!dir || fsutil_pathf(path, sizeof(path), "%s/%s", dir, STORE_NOTICE_FILE))
        return NULL;
    if (kfile_read(path, KIOSK_MAX_NOTICE_BYTES, 0, &text, &len) != 0) {
        if (errno != ENOENT) {
            log_warn("ui", "notice %s: %s", path, strerror(errno));
            health_error(HEALTH_ERR_IO);
        }
        return NULL;
    }
    /* validated by the updater, parsed again: a damaged file shows nothing */
    if (manifest_notice_parse(text, len, &n, err, sizeof err) != MANIFEST_OK) {
        log_warn("ui", "notice %s: %s", path, err);
        health_error(HEALTH_ERR_IO);
        n = NULL;
    }
    free(text);
    return n;
}

/* --- objects ----------------------------------------------------------------------- */

/* 1 when the cached object has the announced size and hash. */
static int object_ok(const char *path, const manifest_file *f)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0)
        return 0;
    struct stat st;
    int ok = 0;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (uint64_t)st.st_size == f->size) {
        crypto_hash_sha256_state sha;
        crypto_hash_sha256_init(&sha);
        unsigned char buf[65536];
        ssize_t n;
        while ((n = read(fd, buf, sizeof(buf))) > 0)
            crypto_hash_sha256_update(&sha, buf, (size_t)n);
        unsigned char h[crypto_hash_sha256_BYTES];
        char hex[MANIFEST_HEX_LEN + 1];
        crypto_hash_sha256_final(&sha, h);
        sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
        ok = n == 0 && strcmp(hex, f->sha256) == 0;
    }
    close(fd);
    return ok;
}

update_reason store_missing(const store *s, const manifest *m, unsigned char *missing, updater_result *res)
{
    char path[FSUTIL_PATH_MAX];
    uint64_t need = 0;
    for (size_t i = 0; i < m->n_files; i++) {
        missing[i] = 0;
        if (fsutil_pathf(path, sizeof(path), "%s/%s", s->objects, m->files[i].sha256) == 0 &&
            object_ok(path, &m->files[i]))
            continue;
        unlink(path); /* damaged cache entry, if any */
        /* the same object listed under two paths is fetched once */
        int dup = 0;
        for (size_t j = 0; j < i && !dup; j++)
            dup = missing[j] && strcmp(m->files[j].sha256, m->files[i].sha256) == 0;
        if (!dup) {
            missing[i] = 1;
            need += m->files[i].size;
        }
    }
    struct statvfs vfs;
    if (statvfs(s->dir, &vfs) == 0 && (uint64_t)vfs.f_bavail * vfs.f_frsize < need + DISK_MARGIN) {
        updater_set_detail(res, "%" PRIu64 " bytes to download, %" PRIu64 " free in %s", need,
                           (uint64_t)vfs.f_bavail * vfs.f_frsize, s->dir);
        return UPDATE_DISK_FULL;
    }
    return UPDATE_OK;
}

int store_object_create(const store *s, const char *sha256, char *tmp, size_t size, updater_result *res,
                        update_reason *why)
{
    if (fsutil_pathf(tmp, size, "%s/.tmp-%s-XXXXXX", s->objects, sha256)) {
        updater_set_detail(res, "object path too long");
        *why = UPDATE_LOCAL_ERROR;
        return -1;
    }
    int fd = mkstemp(tmp);
    if (fd < 0)
        *why = fs_failed(res, "create", tmp);
    return fd;
}

update_reason store_object_finish(const store *s, int fd, const char *tmp, const char *sha256, update_reason r,
                                  updater_result *res)
{
    char path[FSUTIL_PATH_MAX];
    if (r == UPDATE_OK && fsutil_pathf(path, sizeof(path), "%s/%s", s->objects, sha256)) {
        updater_set_detail(res, "object path too long");
        r = UPDATE_LOCAL_ERROR;
    }
    /* No fsync here: store_sync() flushes the whole file system once before
     * anything links to the objects, and a cached object is re-hashed
     * before every use, so one damaged by a power cut is fetched again. */
    if (r == UPDATE_OK && fchmod(fd, 0644) != 0)
        r = fs_failed(res, "chmod", tmp);
    close(fd);
    if (r == UPDATE_OK && rename(tmp, path) != 0) {
        updater_set_detail(res, "rename %s: %s", path, strerror(errno));
        r = UPDATE_LOCAL_ERROR;
    }
    if (r != UPDATE_OK)
        unlink(tmp);
    else
        res->objects++;
    return r;
}

update_reason store_sync(const store *s, updater_result *res)
{
    int fd = open(s->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0 || syncfs(fd) != 0) {
        update_reason r = fs_failed(res, "sync", s->dir);
        if (fd >= 0)
            close(fd);
        return r;
    }
    close(fd);
    return UPDATE_OK;
}

/* --- trees ------------------------------------------------------------------------- */

static int copy_file(const char *from, const char *to)
{
    char *data = NULL;
    size_t len = 0;
    if (kfile_read(from, KIOSK_MAX_OBJECT_BYTES, 0, &data, &len) != 0)
        return -1;
    int fd = open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    int rc = -1;
    if (fd >= 0) {
        rc = fsutil_write_all(fd, data, len) == 0 && fsync(fd) == 0 ? 0 : -1;
        int e = errno;
        close(fd);
        errno = e;
    }
    free(data);
    return rc;
}

/* Link (or copy) every file of m from the cache into stage. */
static update_reason stage_files(const store *s, const manifest *m, const char *stage, updater_result *res)
{
    if (mkdir(stage, 0755) != 0)
        return fs_failed(res, "mkdir", stage);
    for (size_t i = 0; i < m->n_files; i++) {
        const manifest_file *f = &m->files[i];
        char obj[FSUTIL_PATH_MAX], dst[FSUTIL_PATH_MAX];
        /* f->path passed manifest_path_valid(): relative, no "..", no
         * hidden names, plain characters, so it stays below stage. */
        if (fsutil_pathf(obj, sizeof(obj), "%s/%s", s->objects, f->sha256) ||
            fsutil_pathf(dst, sizeof(dst), "%s/%s", stage, f->path)) {
            updater_set_detail(res, "path too long: %s", f->path);
            return UPDATE_LOCAL_ERROR;
        }
        char *slash = strrchr(dst, '/');
        *slash = '\0';
        if (fsutil_mkdir_p(dst, 0755) != 0)
            return fs_failed(res, "mkdir", dst);
        *slash = '/';
        if (link(obj, dst) != 0 && copy_file(obj, dst) != 0)
            return fs_failed(res, "stage", f->path);
    }
    if (fsutil_fsync_tree_dirs(stage) != 0)
        return fs_failed(res, "fsync", stage);
    return UPDATE_OK;
}

update_reason store_build_tree(const store *s, const manifest *m, char *tree, size_t size, updater_result *res)
{
    char stage[FSUTIL_PATH_MAX];
    /* The tree gets its final path before it is loaded, so the loaded
     * content's root stays valid. */
    if (fsutil_pathf(stage, sizeof(stage), "%s/.stage-%" PRIu64, s->trees, m->version) ||
        fsutil_pathf(tree, size, "%s/%" PRIu64, s->trees, m->version)) {
        updater_set_detail(res, "path too long");
        return UPDATE_LOCAL_ERROR;
    }
    fsutil_rm_rf(stage);
    fsutil_rm_rf(tree); /* leftover of an interrupted cycle; never current (version > cur) */
    update_reason r = stage_files(s, m, stage, res);
    if (r == UPDATE_OK && (rename(stage, tree) != 0 || fsutil_fsync_dir(s->trees) != 0))
        r = fs_failed(res, "rename", tree);
    if (r != UPDATE_OK) {
        fsutil_rm_rf(stage);
        fsutil_rm_rf(tree);
    }
    return r;
}

void store_drop_tree(const store *s, uint64_t version)
{
    char tree[FSUTIL_PATH_MAX];
    if (fsutil_pathf(tree, sizeof(tree), "%s/%" PRIu64, s->trees, version) == 0)
        fsutil_rm_rf(tree);
}

update_reason store_swap(store *s, uint64_t version, updater_result *res)
{
    char target[64], curp[FSUTIL_PATH_MAX], prevp[FSUTIL_PATH_MAX];
    if (fsutil_pathf(curp, sizeof(curp), "%s/current", s->dir) ||
        fsutil_pathf(prevp, sizeof(prevp), "%s/previous", s->dir))
        return UPDATE_LOCAL_ERROR;
    /* "previous" first: a crash between the two renames leaves it pointing
     * at what is still current, which is harmless. */
    if (s->cur) {
        snprintf(target, sizeof(target), "trees/%" PRIu64, s->cur);
        if (fsutil_symlink_atomic(target, prevp) != 0)
            log_warn(LOG, "previous link: %s", strerror(errno));
        else
            s->prev = s->cur;
    }
    snprintf(target, sizeof(target), "trees/%" PRIu64, version);
    if (fsutil_symlink_atomic(target, curp) != 0)
        return fs_failed(res, "swap", curp);
    s->cur = version;
    return UPDATE_OK;
}

/* --- pruning ----------------------------------------------------------------------- */

static int kept(uint64_t v, uint64_t a, uint64_t b, const uint64_t *keep, size_t n_keep)
{
    if (v == a || v == b)
        return 1;
    for (size_t i = 0; i < n_keep; i++)
        if (v == keep[i])
            return 1;
    return 0;
}

static void prune_trees(const store *s, uint64_t cur, uint64_t prev, const uint64_t *keep, size_t n_keep)
{
    char path[FSUTIL_PATH_MAX];
    struct dirent *e;
    DIR *d = opendir(s->trees);
    if (!d)
        return;
    while ((e = readdir(d)) != NULL) {
        uint64_t v;
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (parse_version(e->d_name, &v) == 0 && v && kept(v, cur, prev, keep, n_keep))
            continue;
        if (fsutil_pathf(path, sizeof(path), "%s/%s", s->trees, e->d_name) == 0 && fsutil_rm_rf(path) != 0)
            log_warn(LOG, "prune %s: %s", path, strerror(errno));
    }
    closedir(d);
}

/* A failed cycle keeps its objects, so a retry after a dropped connection
 * resumes; only temporary files go then. */
static void prune_objects(const store *s, int objects)
{
    char path[FSUTIL_PATH_MAX];
    struct dirent *e;
    DIR *d = opendir(s->objects);
    if (!d)
        return;
    while ((e = readdir(d)) != NULL) {
        struct stat st;
        int tmp = strncmp(e->d_name, ".tmp-", 5) == 0;
        if (!tmp && !manifest_hex_valid(e->d_name))
            continue;
        if (fsutil_pathf(path, sizeof(path), "%s/%s", s->objects, e->d_name) || lstat(path, &st) != 0)
            continue;
        if (tmp || (objects && S_ISREG(st.st_mode) && st.st_nlink == 1))
            unlink(path);
    }
    closedir(d);
}

void store_prune(const store *s, uint64_t cur, uint64_t prev, const uint64_t *keep, size_t n_keep, int objects)
{
    char path[FSUTIL_PATH_MAX];
    struct dirent *e;
    DIR *d;
    prune_trees(s, cur, prev, keep, n_keep);
    prune_objects(s, objects);
    /* temporary links of an interrupted swap */
    if ((d = opendir(s->dir)) != NULL) {
        while ((e = readdir(d)) != NULL)
            if (strncmp(e->d_name, "current.tmp-", 12) == 0 || strncmp(e->d_name, "previous.tmp-", 13) == 0 ||
                strncmp(e->d_name, "etag.tmp-", 9) == 0)
                if (fsutil_pathf(path, sizeof(path), "%s/%s", s->dir, e->d_name) == 0)
                    unlink(path);
        closedir(d);
    }
}
