/* fsutil: atomic writes (content, mode, mtime, no temporary left behind),
 * mkdir -p, rm -rf that never follows a symbolic link out of
 * the tree, atomic symlink replacement. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fsutil.h"
#include "kfile.h"

static char dir[64];

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof(dir), "/tmp/kiosk-test-fs.XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    return fsutil_rm_rf(dir);
}

static size_t entries(const char *path)
{
    DIR *d = opendir(path);
    size_t n = 0;
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            n++;
    if (d)
        closedir(d);
    return n;
}

static void test_write_atomic(void **state)
{
    (void)state;
    char sub[128], path[160];
    snprintf(sub, sizeof(sub), "%s/w", dir);
    assert_int_equal(fsutil_mkdir_p(sub, 0755), 0);
    snprintf(path, sizeof(path), "%s/key", sub);
    mode_t old = umask(0);
    assert_int_equal(fsutil_write_atomic(path, "secret", 6, 0600), 0);
    umask(old);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    char *data = NULL;
    size_t len = 0;
    assert_int_equal(kfile_read(path, 100, 0, &data, &len), 0);
    assert_int_equal(len, 6);
    assert_string_equal(data, "secret");
    free(data);
    /* replace: new content, still one file, no temporary left */
    assert_int_equal(fsutil_write_atomic_mtime(path, "new", 3, 0644, 1000000000LL), 0);
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_size, 3);
    assert_true(st.st_mtime == 1000000000);
    assert_int_equal(entries(sub), 1);
    /* a missing directory fails and leaves nothing */
    snprintf(path, sizeof(path), "%s/missing/x", sub);
    assert_int_equal(fsutil_write_atomic(path, "x", 1, 0644), -1);
}

static void test_mkdir_p(void **state)
{
    (void)state;
    char path[160], file[160];
    snprintf(path, sizeof(path), "%s/a/b/c/d", dir);
    assert_int_equal(fsutil_mkdir_p(path, 0755), 0);
    assert_int_equal(fsutil_mkdir_p(path, 0755), 0); /* again: fine */
    snprintf(file, sizeof(file), "%s/a/f", dir);
    assert_int_equal(fsutil_write_atomic(file, "x", 1, 0644), 0);
    snprintf(path, sizeof(path), "%s/a/f/g", dir);
    assert_int_equal(fsutil_mkdir_p(path, 0755), -1); /* a file in the way */
    assert_int_equal(fsutil_mkdir_p(file, 0755), -1);
    assert_int_equal(errno, ENOTDIR);
    snprintf(path, sizeof(path), "%s/a", dir);
    assert_int_equal(fsutil_fsync_tree_dirs(path), 0);
}

static void test_rm_rf_stays_inside(void **state)
{
    (void)state;
    char outside[100], keep[160], tree[100], link[200], file[200];
    snprintf(outside, sizeof(outside), "%s/outside", dir);
    snprintf(keep, sizeof(keep), "%s/precious", outside);
    snprintf(tree, sizeof(tree), "%s/tree/sub", dir);
    assert_int_equal(fsutil_mkdir_p(outside, 0755), 0);
    assert_int_equal(fsutil_write_atomic(keep, "x", 1, 0644), 0);
    assert_int_equal(fsutil_mkdir_p(tree, 0755), 0);
    snprintf(link, sizeof(link), "%s/escape", tree);
    assert_int_equal(symlink(outside, link), 0);
    snprintf(file, sizeof(file), "%s/file", tree);
    assert_int_equal(fsutil_write_atomic(file, "y", 1, 0644), 0);
    snprintf(tree, sizeof(tree), "%s/tree", dir);
    assert_int_equal(fsutil_rm_rf(tree), 0);
    struct stat st;
    assert_int_equal(lstat(tree, &st), -1);
    assert_int_equal(stat(keep, &st), 0); /* the link was removed, not followed */
    assert_int_equal(fsutil_rm_rf(tree), 0); /* missing is fine */
}

static void test_symlink_atomic(void **state)
{
    (void)state;
    char path[160], target[64];
    snprintf(path, sizeof(path), "%s/current", dir);
    assert_int_equal(fsutil_symlink_atomic("trees/1", path), 0);
    assert_int_equal(fsutil_symlink_atomic("trees/2", path), 0); /* replaces */
    ssize_t n = readlink(path, target, sizeof(target) - 1);
    assert_true(n > 0);
    target[n] = '\0';
    assert_string_equal(target, "trees/2");
    /* only "current" and what the other tests left: no temporary links */
    DIR *d = opendir(dir);
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        assert_null(strstr(e->d_name, ".tmp-"));
    closedir(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_write_atomic),
        cmocka_unit_test(test_mkdir_p),       cmocka_unit_test(test_rm_rf_stays_inside),
        cmocka_unit_test(test_symlink_atomic),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
