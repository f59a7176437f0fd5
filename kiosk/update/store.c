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
#include "fsat.h"
#include "keylist.h"
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

/* STATE_DIR itself, as configured (it may be a link the installer made);
 * everything below it only through this descriptor. */
static int open_state_dir(const char *dir)
{
    return open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
}

/* The version the link name of dfd names; 0 (and a warning when warn is
 * set) when it is anything but a link to trees/<number>. */
static uint64_t link_version_at(int dfd, const char *dir, const char *name, int warn)
{
    char target[256], what[320];
    uint64_t v = 0;
    ssize_t n = readlinkat(dfd, name, target, sizeof(target) - 1);
    if (n <= 0) {
        if (warn && errno != ENOENT) {
            fsat_describe(dfd, name, what, sizeof(what));
            log_warn(LOG, "%s/%s is %s, not a link into trees/: ignored", dir, name, what);
        }
        return 0;
    }
    target[n] = '\0';
    if (strncmp(target, "trees/", 6) != 0 || parse_version(target + 6, &v) != 0 || v == 0) {
        if (warn)
            log_warn(LOG, "%s/%s points at '%s', not at trees/<version>: ignored, not followed", dir, name, target);
        return 0;
    }
    return v;
}

uint64_t store_link_version(const char *dir, const char *name)
{
    int dfd = open_state_dir(dir);
    if (dfd < 0)
        return 0;
    uint64_t v = link_version_at(dfd, dir, name, 1);
    close(dfd);
    return v;
}

/* 1 when trees/<v> below dfd is a real directory (no link on the way). */
static int tree_present(int dfd, uint64_t v)
{
    char name[32];
    struct stat st;
    int tfd = fsat_dir(dfd, "trees", 0, 0);
    if (tfd < 0)
        return 0;
    snprintf(name, sizeof(name), "%" PRIu64, v);
    int ok = fstatat(tfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode);
    close(tfd);
    return ok;
}

int store_tree(const char *dir, int which, char *buf, size_t size, uint64_t *version)
{
    int dfd = open_state_dir(dir);
    if (dfd < 0)
        return -1;
    uint64_t v = link_version_at(dfd, dir, which ? "previous" : "current", 1);
    int ok = v != 0 && tree_present(dfd, v);
    close(dfd);
    if (!ok || fsutil_pathf(buf, size, "%s/trees/%" PRIu64, dir, v))
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

/* A failure to open an entry of STATE_DIR: a planted link or another odd
 * entry is named, never followed. */
static update_reason entry_refused(store *s, const char *name, updater_result *res)
{
    int e = errno;
    char what[320];
    struct stat st;
    if (fstatat(s->dfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
        (S_ISLNK(st.st_mode) || (strcmp(name, "lock") == 0) == S_ISDIR(st.st_mode))) {
        fsat_describe(s->dfd, name, what, sizeof(what));
        updater_set_detail(res, "%s/%s is %s: not followed, nothing written (remove it)", s->dir, name, what);
        return UPDATE_LOCAL_ERROR;
    }
    if (e == EROFS || e == EACCES || e == EPERM) {
        updater_set_detail(res, "state directory %s is not writable: %s", s->dir, strerror(e));
        return errno_reason(e);
    }
    errno = e;
    return fs_failed(res, "state directory", s->dir);
}

/* The lock: a regular file of our own, never a link's target. */
static update_reason take_lock(store *s, updater_result *res)
{
    struct stat st;
    s->lockfd = openat(s->dfd, "lock", O_RDWR | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0644);
    if (s->lockfd >= 0 && (fstat(s->lockfd, &st) != 0 || !S_ISREG(st.st_mode))) {
        close(s->lockfd);
        s->lockfd = -1;
        errno = ELOOP;
    }
    if (s->lockfd < 0)
        return entry_refused(s, "lock", res);
    if (flock(s->lockfd, LOCK_EX | LOCK_NB) != 0) {
        updater_set_detail(res, "state directory %s is busy (another updater?): %s", s->dir, strerror(errno));
        close(s->lockfd);
        s->lockfd = -1;
        return UPDATE_LOCAL_ERROR;
    }
    return UPDATE_OK;
}

/* STATE_DIR/highest: read it, or seed it from the links (a state directory
 * an older kiosk made). A damaged record is reseeded the same way: the
 * links are what the directory shows. */
static void load_highest(store *s)
{
    char *text = NULL, line[32];
    size_t len = 0;
    uint64_t v = 0;
    if (kfile_read_at(s->dfd, "highest", 30, &text, &len) == 0) {
        char *nl = strchr(text, '\n');
        if (nl)
            *nl = '\0';
        int ok = parse_version(text, &v) == 0;
        free(text);
        if (ok) {
            s->highest = v;
            return;
        }
        log_warn(LOG, "%s/highest is damaged; seeding it again from current and previous", s->dir);
    } else if (errno != ENOENT) {
        log_warn(LOG, "%s/highest: %s; seeding it again from current and previous", s->dir, strerror(errno));
    }
    v = s->cur > s->prev ? s->cur : s->prev;
    s->highest = v;
    if (v == 0)
        return;
    snprintf(line, sizeof(line), "%" PRIu64 "\n", v);
    if (fsat_write_atomic(s->dfd, "highest", line, strlen(line), 0644) == 0)
        log_info(LOG, "highest accepted version recorded: %" PRIu64, v);
}

/* STATE_DIR/expires, when it is current's. */
static void load_expires(store *s)
{
    char *text = NULL;
    size_t len = 0;
    uint64_t v = 0, t = 0;
    s->expires = 0;
    if (!s->cur || kfile_read_at(s->dfd, "expires", 64, &text, &len) != 0)
        return;
    char *sp = strchr(text, ' ');
    if (sp) {
        *sp = '\0';
        char *nl = strchr(sp + 1, '\n');
        if (nl)
            *nl = '\0';
        if (parse_version(text, &v) == 0 && v == s->cur && parse_version(sp + 1, &t) == 0 && t <= INT64_MAX)
            s->expires = (int64_t)t;
    }
    free(text);
}

int store_load_keys(const store *s, char **text, size_t *len, char **sig, size_t *slen)
{
    char *all = NULL;
    size_t n = 0;
    *text = *sig = NULL;
    if (kfile_read_at(s->dfd, STORE_KEYS_FILE, KEYLIST_MAX_BYTES + KIOSK_MAX_SIG_BYTES, &all, &n) != 0) {
        if (errno != ENOENT)
            log_warn(LOG, "%s/" STORE_KEYS_FILE ": %s; no key list accepted yet", s->dir, strerror(errno));
        return -1;
    }
    char *nl = memchr(all, '\n', n);
    size_t head = nl ? (size_t)(nl - all) + 1 : 0;
    if (!nl || !(*sig = malloc(head + 1)) || !(*text = malloc(n - head + 1))) {
        log_warn(LOG, "%s/" STORE_KEYS_FILE " is damaged (or out of memory); no key list accepted yet", s->dir);
        free(*sig);
        *sig = NULL;
        free(all);
        return -1;
    }
    memcpy(*sig, all, head);
    (*sig)[head] = '\0';
    *slen = head;
    memcpy(*text, all + head, n - head);
    (*text)[n - head] = '\0';
    *len = n - head;
    free(all);
    return 0;
}

update_reason store_save_keys(const store *s, const char *text, size_t len, const char *sig, updater_result *res)
{
    size_t slen = strlen(sig);
    char *all = malloc(slen + len + 1);
    if (!all) {
        updater_set_detail(res, "out of memory");
        return UPDATE_LOCAL_ERROR;
    }
    memcpy(all, sig, slen);
    memcpy(all + slen, text, len);
    int rc = fsat_write_atomic(s->dfd, STORE_KEYS_FILE, all, slen + len, 0644);
    free(all);
    return rc == 0 ? UPDATE_OK : fs_failed(res, "write", STORE_KEYS_FILE);
}

void store_init(store *s)
{
    memset(s, 0, sizeof(*s));
    s->dfd = s->objfd = s->treesfd = s->lockfd = -1;
}

update_reason store_open(store *s, const char *dir, updater_result *res)
{
    store_init(s);
    s->dir = dir;
    if (fsutil_mkdir_p(dir, 0755) != 0 || (s->dfd = open_state_dir(dir)) < 0)
        return fs_failed(res, "state directory", dir);
    /* What is shown, for the messages of every outcome. */
    s->cur = link_version_at(s->dfd, dir, "current", 0);
    res->version = s->cur;
    update_reason r = take_lock(s, res);
    if (r != UPDATE_OK)
        return r;
    if ((s->objfd = fsat_dir(s->dfd, "objects", 1, 0755)) < 0)
        return entry_refused(s, "objects", res);
    if ((s->treesfd = fsat_dir(s->dfd, "trees", 1, 0755)) < 0)
        return entry_refused(s, "trees", res);
    s->cur = link_version_at(s->dfd, dir, "current", 1);
    s->prev = link_version_at(s->dfd, dir, "previous", 1);
    load_highest(s);
    if (s->cur && !tree_present(s->dfd, s->cur)) {
        /* someone removed the tree: what "current" names is not shown, so
         * it must not count as installed */
        log_warn(LOG, "%s/current points at a missing tree; installing again", dir);
        s->cur = 0;
    }
    load_expires(s);
    res->version = s->cur;
    res->expires = s->expires;
    res->expiry_known = 1;
    return UPDATE_OK;
}

void store_close(store *s)
{
    if (s->lockfd >= 0)
        close(s->lockfd); /* releases the lock */
    if (s->objfd >= 0)
        close(s->objfd);
    if (s->treesfd >= 0)
        close(s->treesfd);
    if (s->dfd >= 0)
        close(s->dfd);
    s->lockfd = s->objfd = s->treesfd = s->dfd = -1;
}

/* --- ETag and notice ------------------------------------------------------------- */

/* The etag file: "<version> <url> <etag>\n" (an older kiosk's "<version>
 * <etag>" matches no URL: one download more, then the new form). */
void store_etag(const store *s, const char *url, char *buf, size_t size)
{
    char *text = NULL;
    size_t len;
    uint64_t v;
    buf[0] = '\0';
    if (!s->cur || kfile_read_at(s->dfd, "etag", KIOSK_ETAG_LINE, &text, &len) != 0)
        return;
    char *u = strchr(text, ' ');
    char *e = u ? strchr(u + 1, ' ') : NULL;
    if (e) {
        *u++ = '\0';
        *e++ = '\0';
        char *nl = strchr(e, '\n');
        if (nl)
            *nl = '\0';
        if (parse_version(text, &v) == 0 && v == s->cur && strcmp(u, url) == 0)
            snprintf(buf, size, "%s", e);
    }
    free(text);
}

void store_save_etag(const store *s, uint64_t version, const char *url, const char *etag)
{
    char line[KIOSK_ETAG_LINE];
    if (!etag[0] || strchr(url, ' '))
        return;
    int n = snprintf(line, sizeof(line), "%" PRIu64 " %s %s\n", version, url, etag);
    if (n < 0 || (size_t)n >= sizeof(line))
        return;
    fsat_write_atomic(s->dfd, "etag", line, (size_t)n, 0644); /* only saves a download next time */
}

/* The notice follows the newest signed manifest: written (or removed) as
 * soon as a newer manifest is verified, before its objects are fetched, so
 * an emergency notice does not wait for a large download and survives a
 * restart without network. */
void store_save_notice(const store *s, const manifest_notice *n)
{
    if (!n) {
        if (unlinkat(s->dfd, STORE_NOTICE_FILE, 0) == 0) {
            fsync(s->dfd);
            log_info(LOG, "notice cleared");
        } else if (errno != ENOENT) {
            log_warn(LOG, "remove %s/%s: %s", s->dir, STORE_NOTICE_FILE, strerror(errno));
        }
        return;
    }
    size_t len = 0;
    char *text = manifest_notice_emit(n, &len);
    if (!text || fsat_write_atomic(s->dfd, STORE_NOTICE_FILE, text, len, 0644) != 0)
        log_warn(LOG, "cannot write %s/%s: %s", s->dir, STORE_NOTICE_FILE, text ? strerror(errno) : "out of memory");
    else
        log_info(LOG, "notice saved (%lld..%lld)", (long long)n->starts, (long long)n->ends);
    free(text);
}

manifest_notice *store_load_notice(const char *dir)
{
    char *text = NULL, err[256];
    size_t len = 0;
    manifest_notice *n = NULL;
    int dfd = dir ? open_state_dir(dir) : -1;
    if (dfd < 0)
        return NULL;
    int rc = kfile_read_at(dfd, STORE_NOTICE_FILE, KIOSK_MAX_NOTICE_BYTES, &text, &len);
    int e = errno;
    close(dfd);
    if (rc != 0) {
        if (e != ENOENT) {
            log_warn("ui", "notice %s/%s: %s", dir, STORE_NOTICE_FILE, strerror(e));
            health_error(HEALTH_ERR_IO);
        }
        return NULL;
    }
    /* validated by the updater, parsed again: a damaged file shows nothing */
    if (manifest_notice_parse(text, len, &n, err, sizeof err) != MANIFEST_OK) {
        log_warn("ui", "notice %s/%s: %s", dir, STORE_NOTICE_FILE, err);
        health_error(HEALTH_ERR_IO);
        n = NULL;
    }
    free(text);
    return n;
}

/* --- objects ----------------------------------------------------------------------- */

/* 1 when the cached object has the announced size and hash. */
static int object_ok(const store *s, const manifest_file *f)
{
    int fd = openat(s->objfd, f->sha256, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
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
    uint64_t need = 0;
    for (size_t i = 0; i < m->n_files; i++) {
        missing[i] = 0;
        if (object_ok(s, &m->files[i]))
            continue;
        unlinkat(s->objfd, m->files[i].sha256, 0); /* damaged cache entry (or a link), if any */
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
    if (fstatvfs(s->dfd, &vfs) == 0 && (uint64_t)vfs.f_bavail * vfs.f_frsize < need + DISK_MARGIN) {
        updater_set_detail(res, "%" PRIu64 " bytes to download, %" PRIu64 " free in %s", need,
                           (uint64_t)vfs.f_bavail * vfs.f_frsize, s->dir);
        return UPDATE_DISK_FULL;
    }
    return UPDATE_OK;
}

int store_object_create(const store *s, const char *sha256, char *tmp, size_t size, updater_result *res,
                        update_reason *why)
{
    static unsigned long counter;
    unsigned long n = __atomic_add_fetch(&counter, 1, __ATOMIC_RELAXED);
    if (fsutil_pathf(tmp, size, ".tmp-%s-%ld-%lu", sha256, (long)getpid(), n)) {
        updater_set_detail(res, "object path too long");
        *why = UPDATE_LOCAL_ERROR;
        return -1;
    }
    int fd = openat(s->objfd, tmp, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0)
        *why = fs_failed(res, "create objects/", tmp);
    return fd;
}

update_reason store_object_finish(const store *s, int fd, const char *tmp, const char *sha256, update_reason r,
                                  updater_result *res)
{
    /* No fsync here: store_sync() flushes the whole file system once before
     * anything links to the objects, and a cached object is re-hashed
     * before every use, so one damaged by a power cut is fetched again. */
    if (r == UPDATE_OK && fchmod(fd, 0644) != 0)
        r = fs_failed(res, "chmod objects/", tmp);
    close(fd);
    if (r == UPDATE_OK && renameat(s->objfd, tmp, s->objfd, sha256) != 0)
        r = fs_failed(res, "rename objects/", sha256);
    if (r != UPDATE_OK)
        unlinkat(s->objfd, tmp, 0);
    else
        res->objects++;
    return r;
}

update_reason store_sync(const store *s, updater_result *res)
{
    if (syncfs(s->dfd) != 0)
        return fs_failed(res, "sync", s->dir);
    return UPDATE_OK;
}

/* --- trees ------------------------------------------------------------------------- */

/* Copy object sha256 to name in dfd (where hard links are not possible). */
static int copy_object(const store *s, const char *sha256, int dfd, const char *name)
{
    char *data = NULL;
    size_t len = 0;
    if (kfile_read_at(s->objfd, sha256, KIOSK_MAX_OBJECT_BYTES, &data, &len) != 0)
        return -1;
    int fd = openat(dfd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
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

/* Link (or copy) file f from the cache into the stage directory sfd. */
static int stage_file(const store *s, int sfd, const manifest_file *f)
{
    char dir[FSUTIL_PATH_MAX];
    /* f->path passed manifest_path_valid(): relative, no "..", no hidden
     * names, plain characters, so it stays below the stage. */
    const char *slash = strrchr(f->path, '/');
    const char *base = slash ? slash + 1 : f->path;
    if (fsutil_pathf(dir, sizeof(dir), "%.*s", slash ? (int)(slash - f->path) : 0, f->path)) {
        errno = ENAMETOOLONG;
        return -1;
    }
    int dfd = dir[0] ? fsat_dir_path(sfd, dir, 1, 0755) : sfd;
    if (dfd < 0)
        return -1;
    int rc = linkat(s->objfd, f->sha256, dfd, base, 0) == 0 || copy_object(s, f->sha256, dfd, base) == 0 ? 0 : -1;
    int e = errno;
    if (dfd != sfd)
        close(dfd);
    errno = e;
    return rc;
}

/* Link (or copy) every file of m from the cache into trees/<stage>. */
static update_reason stage_files(const store *s, const manifest *m, const char *stage, updater_result *res)
{
    int sfd = fsat_dir(s->treesfd, stage, 1, 0755);
    if (sfd < 0)
        return fs_failed(res, "mkdir trees/", stage);
    update_reason r = UPDATE_OK;
    for (size_t i = 0; r == UPDATE_OK && i < m->n_files; i++)
        if (stage_file(s, sfd, &m->files[i]) != 0)
            r = fs_failed(res, "stage", m->files[i].path);
    close(sfd);
    if (r == UPDATE_OK && fsat_fsync_tree(s->treesfd, stage) != 0)
        return fs_failed(res, "fsync trees/", stage);
    return r;
}

update_reason store_build_tree(const store *s, const manifest *m, char *tree, size_t size, updater_result *res)
{
    char stage[64], name[32];
    /* The tree gets its final path before it is loaded, so the loaded
     * content's root stays valid. */
    snprintf(stage, sizeof(stage), ".stage-%" PRIu64, m->version);
    snprintf(name, sizeof(name), "%" PRIu64, m->version);
    if (fsutil_pathf(tree, size, "%s/trees/%s", s->dir, name)) {
        updater_set_detail(res, "path too long");
        return UPDATE_LOCAL_ERROR;
    }
    fsat_rm_rf(s->treesfd, stage);
    fsat_rm_rf(s->treesfd, name); /* leftover of an interrupted cycle; never current (version > cur) */
    update_reason r = stage_files(s, m, stage, res);
    if (r == UPDATE_OK && (renameat(s->treesfd, stage, s->treesfd, name) != 0 || fsync(s->treesfd) != 0))
        r = fs_failed(res, "rename", tree);
    if (r != UPDATE_OK) {
        fsat_rm_rf(s->treesfd, stage);
        fsat_rm_rf(s->treesfd, name);
    }
    return r;
}

void store_drop_tree(const store *s, uint64_t version)
{
    char name[32];
    snprintf(name, sizeof(name), "%" PRIu64, version);
    fsat_rm_rf(s->treesfd, name);
}

update_reason store_swap(store *s, const manifest *m, updater_result *res)
{
    char target[64];
    uint64_t version = m->version;
    /* the record first: after a crash it may be ahead of current (the
     * channel's genuine manifest installs again), never behind */
    if (version > s->highest) {
        snprintf(target, sizeof(target), "%" PRIu64 "\n", version);
        if (fsat_write_atomic(s->dfd, "highest", target, strlen(target), 0644) != 0)
            return fs_failed(res, "write", "highest");
        s->highest = version;
    }
    /* "previous" first: a crash between the two renames leaves it pointing
     * at what is still current, which is harmless. */
    if (s->cur) {
        snprintf(target, sizeof(target), "trees/%" PRIu64, s->cur);
        if (fsat_symlink_atomic(s->dfd, target, "previous") != 0)
            log_warn(LOG, "previous link: %s", strerror(errno));
        else
            s->prev = s->cur;
    }
    /* before the swap: after a crash between the two, the record names
     * the new version and the old one counts as without expiry */
    snprintf(target, sizeof(target), "%" PRIu64 " %lld\n", version, (long long)m->expires);
    if (fsat_write_atomic(s->dfd, "expires", target, strlen(target), 0644) != 0)
        log_warn(LOG, "cannot write %s/expires: %s", s->dir, strerror(errno));
    snprintf(target, sizeof(target), "trees/%" PRIu64, version);
    if (fsat_symlink_atomic(s->dfd, target, "current") != 0)
        return fs_failed(res, "swap", "current");
    s->cur = version;
    s->expires = m->expires;
    res->expires = m->expires;
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

/* An entry that has no business in the state directory: named in the
 * log, left alone. */
static void unexpected(const store *s, int dfd, const char *where, const char *name)
{
    char what[320];
    fsat_describe(dfd, name, what, sizeof(what));
    log_warn(LOG, "%s/%s%s is %s: not expected here, left alone", s->dir, where, name, what);
}

/* The entries of the directory fd (a duplicate is read; fd stays open). */
static DIR *open_entries(int fd)
{
    int dup_fd = fcntl(fd, F_DUPFD_CLOEXEC, 0);
    DIR *d = dup_fd >= 0 ? fdopendir(dup_fd) : NULL;
    if (!d && dup_fd >= 0)
        close(dup_fd);
    else if (d)
        rewinddir(d);
    return d;
}

static void prune_trees(const store *s, uint64_t cur, uint64_t prev, const uint64_t *keep, size_t n_keep)
{
    struct dirent *e;
    DIR *d = open_entries(s->treesfd);
    if (!d)
        return;
    while ((e = readdir(d)) != NULL) {
        uint64_t v;
        struct stat st;
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        int ours = parse_version(e->d_name, &v) == 0 || strncmp(e->d_name, ".stage-", 7) == 0;
        if (ours && parse_version(e->d_name, &v) == 0 && v && kept(v, cur, prev, keep, n_keep))
            continue;
        if (!ours || fstatat(s->treesfd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISDIR(st.st_mode))
            unexpected(s, s->treesfd, "trees/", e->d_name);
        else if (fsat_rm_rf(s->treesfd, e->d_name) != 0)
            log_warn(LOG, "prune %s/trees/%s: %s", s->dir, e->d_name, strerror(errno));
    }
    closedir(d);
}

/* A failed cycle keeps its objects, so a retry after a dropped connection
 * resumes; only temporary files go then. */
static void prune_objects(const store *s, int objects)
{
    struct dirent *e;
    DIR *d = open_entries(s->objfd);
    if (!d)
        return;
    while ((e = readdir(d)) != NULL) {
        struct stat st;
        int tmp = strncmp(e->d_name, ".tmp-", 5) == 0;
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if ((!tmp && !manifest_hex_valid(e->d_name)) || fstatat(s->objfd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
            !S_ISREG(st.st_mode))
            unexpected(s, s->objfd, "objects/", e->d_name);
        else if (tmp || (objects && st.st_nlink == 1))
            unlinkat(s->objfd, e->d_name, 0);
    }
    closedir(d);
}

void store_prune(const store *s, uint64_t cur, uint64_t prev, const uint64_t *keep, size_t n_keep, int objects)
{
    struct dirent *e;
    DIR *d;
    prune_trees(s, cur, prev, keep, n_keep);
    prune_objects(s, objects);
    /* temporary links and files of an interrupted swap or write: the
     * entries themselves, never what a link points at */
    if ((d = open_entries(s->dfd)) != NULL) {
        while ((e = readdir(d)) != NULL)
            if (strncmp(e->d_name, "current.tmp-", 12) == 0 || strncmp(e->d_name, "previous.tmp-", 13) == 0 ||
                strncmp(e->d_name, "etag.tmp-", 9) == 0 || strncmp(e->d_name, "highest.tmp-", 12) == 0 ||
                strncmp(e->d_name, "expires.tmp-", 12) == 0 || strncmp(e->d_name, STORE_NOTICE_FILE ".tmp-", 16) == 0 ||
                strncmp(e->d_name, STORE_KEYS_FILE ".tmp-", sizeof(STORE_KEYS_FILE ".tmp-") - 1) == 0)
                unlinkat(s->dfd, e->d_name, 0);
        closedir(d);
    }
}
