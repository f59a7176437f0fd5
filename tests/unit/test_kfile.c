/* kfile: the one bounded reader (limits, types, symbolic links, FIFOs that
 * must not hang it), stat, containment in a root folder, folder listing. */
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

#include "kfile.h"

static char dir[64];
static char *root; /* kfile_real(dir) */

static void path_of(char *buf, size_t size, const char *name)
{
    snprintf(buf, size, "%s/%s", dir, name);
}

static void put(const char *name, const char *text)
{
    char p[160];
    path_of(p, sizeof(p), name);
    FILE *f = fopen(p, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof(dir), "/tmp/kiosk-test-kfile.XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    root = kfile_real(dir);
    return root ? 0 : -1;
}

static const char *const made[] = {"ten", "fifo", "link", "sub/inner", "out",
                                   "sub", "a",    "b",    "c",         NULL};

static int teardown(void **state)
{
    (void)state;
    char p[160];
    for (size_t i = 0; made[i]; i++) {
        path_of(p, sizeof(p), made[i]);
        if (unlink(p) != 0)
            rmdir(p);
    }
    free(root);
    return rmdir(dir);
}

static void test_read_limits(void **state)
{
    (void)state;
    char path[160];
    char *data = (char *)1;
    size_t len = 1;
    put("ten", "0123456789");
    path_of(path, sizeof(path), "ten");
    assert_int_equal(kfile_read(path, 10, 0, &data, &len), 0);
    assert_int_equal(len, 10);
    assert_string_equal(data, "0123456789"); /* NUL-terminated */
    free(data);
    assert_int_equal(kfile_read(path, 9, 0, &data, &len), -1);
    assert_int_equal(errno, EFBIG);
    assert_null(data);
    assert_int_equal(kfile_read(path, 9, KFILE_STREAM, &data, &len), -1);
    assert_int_equal(errno, EFBIG);
    assert_int_equal(kfile_read(path, 10, KFILE_STREAM, &data, &len), 0);
    assert_int_equal(len, 10);
    free(data);
    assert_int_equal(kfile_read(dir, 100, 0, &data, &len), -1); /* a directory */
    assert_int_equal(errno, EISDIR);
    path_of(path, sizeof(path), "none");
    assert_int_equal(kfile_read(path, 100, 0, &data, &len), -1);
    assert_int_equal(errno, ENOENT);
}

static void test_read_fifo_and_links(void **state)
{
    (void)state;
    char path[160], target[160];
    char *data = NULL;
    size_t len = 0;
    path_of(path, sizeof(path), "fifo");
    assert_int_equal(mkfifo(path, 0600), 0);
    /* no writer: a blocking open would hang here */
    assert_int_equal(kfile_read(path, 100, 0, &data, &len), -1);
    assert_int_equal(errno, EINVAL);
    put("ten", "0123456789");
    path_of(target, sizeof(target), "ten");
    path_of(path, sizeof(path), "link");
    assert_int_equal(symlink(target, path), 0);
    assert_int_equal(kfile_read(path, 100, KFILE_NOFOLLOW, &data, &len), -1);
    assert_int_equal(errno, ELOOP);
    assert_int_equal(kfile_read(path, 100, 0, &data, &len), 0);
    assert_string_equal(data, "0123456789");
    free(data);
}

static void test_head_and_stat(void **state)
{
    (void)state;
    char path[160], buf[8] = {0};
    kfile_info st;
    put("ten", "0123456789");
    path_of(path, sizeof(path), "ten");
    assert_int_equal(kfile_head(path, buf, 4), 4);
    assert_memory_equal(buf, "0123", 4);
    put("a", "xy");
    path_of(path, sizeof(path), "a");
    assert_int_equal(kfile_head(path, buf, sizeof(buf)), 2);
    assert_int_equal(kfile_stat(path, &st), 0);
    assert_int_equal(st.type, KFILE_REGULAR);
    assert_int_equal(st.size, 2);
    assert_true(st.mtime_ns > 0);
    assert_int_equal(kfile_stat(dir, &st), 0);
    assert_int_equal(st.type, KFILE_DIR);
    path_of(path, sizeof(path), "none");
    assert_int_equal(kfile_head(path, buf, 4), -1);
    assert_int_equal(kfile_stat(path, &st), -1);
    assert_int_equal(errno, ENOENT);
}

static void test_inside(void **state)
{
    (void)state;
    char path[160];
    kfile_info st;
    path_of(path, sizeof(path), "sub");
    assert_int_equal(mkdir(path, 0755), 0);
    put("sub/inner", "x");
    char *sub = kfile_real(path);
    assert_non_null(sub);
    char *real = kfile_inside(root, "sub/inner", &st);
    assert_non_null(real);
    assert_int_equal(st.type, KFILE_REGULAR);
    assert_int_equal(st.size, 1);
    free(real);
    /* "sub/../ten" stays inside the root, but not inside sub */
    put("ten", "0123456789");
    real = kfile_inside(root, "sub/../ten", &st);
    assert_non_null(real);
    free(real);
    assert_null(kfile_inside(sub, "../ten", &st));
    assert_int_equal(errno, EXDEV);
    /* a symbolic link out of the folder */
    path_of(path, sizeof(path), "out");
    assert_int_equal(symlink("/", path), 0);
    assert_null(kfile_inside(root, "out", &st));
    assert_int_equal(errno, EXDEV);
    assert_null(kfile_inside(root, "missing", &st));
    assert_int_equal(errno, ENOENT);
    /* everything is inside "/" */
    real = kfile_inside("/", root + 1, &st);
    assert_non_null(real);
    assert_int_equal(st.type, KFILE_DIR);
    free(real);
    free(sub);
}

struct seen {
    int n, dots, stop_at;
};

static int count_entry(void *ctx, const char *name)
{
    struct seen *s = ctx;
    s->dots += strcmp(name, ".") == 0 || strcmp(name, "..") == 0;
    return ++s->n == s->stop_at ? 7 : 0;
}

static void test_list(void **state)
{
    (void)state;
    put("a", "");
    put("b", "");
    put("c", "");
    struct seen s = {0};
    assert_int_equal(kfile_list(dir, count_entry, &s), 0);
    assert_true(s.n >= 3);
    assert_int_equal(s.dots, 0);
    struct seen stop = {.stop_at = 2};
    assert_int_equal(kfile_list(dir, count_entry, &stop), 7);
    assert_int_equal(stop.n, 2);
    char path[160];
    path_of(path, sizeof(path), "none");
    assert_int_equal(kfile_list(path, count_entry, &s), -1);
    assert_int_equal(errno, ENOENT);
}

/* kfile_read_in: a file below a root, with no link anywhere on the way;
 * kfile_lstat describes a link instead of following it. */
static void test_read_in_and_lstat(void **state)
{
    (void)state;
    char p[160], q[160], *buf = NULL;
    size_t len = 0;
    path_of(p, sizeof(p), "rin");
    assert_int_equal(mkdir(p, 0755), 0);
    put("rin/in.txt", "inside");
    assert_int_equal(kfile_read_in(dir, "rin/in.txt", 100, &buf, &len), 0);
    assert_string_equal(buf, "inside");
    free(buf);
    /* a linked folder on the way, a linked file at the end */
    path_of(q, sizeof(q), "linkdir");
    assert_int_equal(symlink("rin", q), 0);
    assert_int_equal(kfile_read_in(dir, "linkdir/in.txt", 100, &buf, &len), -1);
    assert_true(errno == ELOOP || errno == ENOTDIR);
    path_of(q, sizeof(q), "rin/link.txt");
    assert_int_equal(symlink("in.txt", q), 0);
    assert_int_equal(kfile_read_in(dir, "rin/link.txt", 100, &buf, &len), -1);
    assert_int_equal(errno, ELOOP);
    assert_null(buf);
    assert_int_equal(kfile_read_in(dir, "rin//in.txt", 100, &buf, &len), -1);
    assert_int_equal(kfile_read_in(dir, "rin/in.txt", 3, &buf, &len), -1);
    assert_int_equal(errno, EFBIG);
    kfile_info st;
    assert_int_equal(kfile_lstat(q, &st), 0);
    assert_int_equal(st.type, KFILE_LINK);
    assert_int_equal(kfile_stat(q, &st), 0);
    assert_int_equal(st.type, KFILE_REGULAR);
    unlink(q);
    path_of(q, sizeof(q), "linkdir");
    unlink(q);
    path_of(q, sizeof(q), "rin/in.txt");
    unlink(q);
    rmdir(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_read_limits),   cmocka_unit_test(test_read_fifo_and_links),
        cmocka_unit_test(test_head_and_stat), cmocka_unit_test(test_inside),
        cmocka_unit_test(test_list),          cmocka_unit_test(test_read_in_and_lstat),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
