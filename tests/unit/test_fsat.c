/* fsat: below a directory descriptor, nothing follows a symbolic link —
 * opening, creating, reading, writing, removing and syncing all refuse or
 * act on the link itself, and a victim directory the links point at keeps
 * every file. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fsat.h"
#include "kfile.h"
#include "fsutil.h"

static char dir[64], victim[96], base[96];
static int dfd = -1;

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof(dir), "/tmp/kiosk-test-fsat.XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    snprintf(victim, sizeof(victim), "%s/victim", dir);
    snprintf(base, sizeof(base), "%s/base", dir);
    char file[128];
    snprintf(file, sizeof(file), "%s/precious", victim);
    if (fsutil_mkdir_p(victim, 0755) || fsutil_mkdir_p(base, 0755) || fsutil_write_atomic(file, "keep", 4, 0644))
        return -1;
    dfd = open(base, O_RDONLY | O_DIRECTORY);
    return dfd >= 0 ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    close(dfd);
    return fsutil_rm_rf(dir);
}

/* The victim still holds exactly its one file, unchanged. */
static void assert_victim_intact(void)
{
    char file[128], *text = NULL;
    size_t len = 0;
    snprintf(file, sizeof(file), "%s/precious", victim);
    int vfd = open(victim, O_RDONLY | O_DIRECTORY);
    assert_true(vfd >= 0);
    assert_int_equal(kfile_read_at(vfd, "precious", 100, &text, &len), 0);
    assert_string_equal(text, "keep");
    free(text);
    struct stat st;
    assert_int_equal(fstatat(vfd, "new", &st, AT_SYMLINK_NOFOLLOW), -1);
    assert_int_equal(fstatat(vfd, "sub", &st, AT_SYMLINK_NOFOLLOW), -1);
    close(vfd);
}

static void test_dirs(void **state)
{
    (void)state;
    int fd = fsat_dir(dfd, "a", 1, 0755);
    assert_true(fd >= 0);
    close(fd);
    fd = fsat_dir_path(dfd, "a/b/c", 1, 0755);
    assert_true(fd >= 0);
    close(fd);
    assert_int_equal(fsat_dir_path(dfd, "a/x", 0, 0755), -1); /* missing, not created */
    assert_int_equal(errno, ENOENT);
    assert_int_equal(symlinkat(victim, dfd, "link"), 0);
    assert_int_equal(fsat_dir(dfd, "link", 1, 0755), -1);
    assert_int_equal(fsat_dir_path(dfd, "link/sub", 1, 0755), -1);
    assert_int_equal(symlinkat(victim, dfd, "a/b/link"), 0);
    assert_int_equal(fsat_dir_path(dfd, "a/b/link/sub", 1, 0755), -1);
    char what[300];
    fsat_describe(dfd, "link", what, sizeof(what));
    assert_non_null(strstr(what, "a symbolic link to '"));
    assert_non_null(strstr(what, victim));
    fsat_describe(dfd, "a", what, sizeof(what));
    assert_string_equal(what, "a directory");
    fsat_describe(dfd, "nothing", what, sizeof(what));
    assert_string_equal(what, "missing");
    assert_victim_intact();
}

static void test_files(void **state)
{
    (void)state;
    char *text = NULL, tgt[160];
    size_t len = 0;
    assert_int_equal(fsat_write_atomic(dfd, "f", "hello", 5, 0600), 0);
    assert_int_equal(kfile_read_at(dfd, "f", 100, &text, &len), 0);
    assert_int_equal(len, 5);
    assert_string_equal(text, "hello");
    free(text);
    assert_int_equal(kfile_read_at(dfd, "f", 4, &text, &len), -1);
    assert_int_equal(errno, EFBIG);
    assert_null(text);
    /* a link to a file is neither read nor written through */
    snprintf(tgt, sizeof(tgt), "%s/precious", victim);
    assert_int_equal(symlinkat(tgt, dfd, "flink"), 0);
    assert_int_equal(kfile_read_at(dfd, "flink", 100, &text, &len), -1);
    assert_int_equal(fsat_write_atomic(dfd, "flink", "evil", 4, 0644), 0); /* replaces the link itself */
    struct stat st;
    assert_int_equal(fstatat(dfd, "flink", &st, AT_SYMLINK_NOFOLLOW), 0);
    assert_true(S_ISREG(st.st_mode));
    /* a dangling link to a file that would be created */
    snprintf(tgt, sizeof(tgt), "%s/new", victim);
    assert_int_equal(symlinkat(tgt, dfd, "dangling"), 0);
    assert_int_equal(fsat_symlink_atomic(dfd, "trees/1", "dangling"), 0);
    char buf[32];
    ssize_t n = readlinkat(dfd, "dangling", buf, sizeof(buf) - 1);
    assert_int_equal(n, 7);
    assert_victim_intact();
}

static void test_rm_and_sync(void **state)
{
    (void)state;
    int fd = fsat_dir_path(dfd, "t/x/y", 1, 0755);
    assert_true(fd >= 0);
    assert_int_equal(fsat_write_atomic(fd, "file", "1", 1, 0644), 0);
    assert_int_equal(symlinkat(victim, fd, "tovictim"), 0);
    close(fd);
    fd = fsat_dir(dfd, "t", 0, 0);
    assert_int_equal(symlinkat(victim, fd, "top"), 0);
    close(fd);
    assert_int_equal(fsat_fsync_tree(dfd, "t"), 0);
    assert_int_equal(fsat_rm_rf(dfd, "t"), 0);
    struct stat st;
    assert_int_equal(fstatat(dfd, "t", &st, AT_SYMLINK_NOFOLLOW), -1);
    assert_int_equal(fsat_rm_rf(dfd, "t"), 0); /* missing is fine */
    /* a link in place of a tree: the link goes, its target stays */
    assert_int_equal(symlinkat(victim, dfd, "tree"), 0);
    assert_int_equal(fsat_rm_rf(dfd, "tree"), 0);
    assert_int_equal(fstatat(dfd, "tree", &st, AT_SYMLINK_NOFOLLOW), -1);
    assert_victim_intact();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dirs),
        cmocka_unit_test(test_files),
        cmocka_unit_test(test_rm_and_sync),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
