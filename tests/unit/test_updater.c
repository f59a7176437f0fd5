/* updater: what can be checked without a server — reason names,
 * configuration checks, reading the state directory's links (which must
 * never lead outside trees/), and that the polling thread starts and stops
 * promptly. The network paths are covered by tests/it/it_update.sh with nginx. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fsutil.h"
#include "manifest.h"
#include "store.h"
#include "updater.h"

static char dir[64];
static char keyfile[128];

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof(dir), "/tmp/kiosk-test-upd.XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    unsigned char pk[MANIFEST_PK_BYTES], sk[MANIFEST_SK_BYTES];
    char text[MANIFEST_KEY_TEXT_MAX];
    snprintf(keyfile, sizeof(keyfile), "%s/kiosk.pub", dir);
    if (manifest_keypair(pk, sk) != 0 || manifest_format_public(pk, text, sizeof(text)) != 0)
        return -1;
    return fsutil_write_atomic(keyfile, text, strlen(text), 0644);
}

static int teardown(void **state)
{
    (void)state;
    return fsutil_rm_rf(dir);
}

static void test_reason_names(void **state)
{
    (void)state;
    for (int i = 0; i < UPDATE_REASON_COUNT; i++) {
        const char *n = update_reason_name((update_reason)i);
        assert_non_null(n);
        assert_string_not_equal(n, "unknown");
        for (int j = 0; j < i; j++)
            assert_string_not_equal(n, update_reason_name((update_reason)j));
        update_reason back;
        assert_int_equal(update_reason_parse(n, &back), 0);
        assert_int_equal(back, i);
    }
    assert_string_equal(update_reason_name(UPDATE_HTTP_404), "http_404");
    assert_string_equal(update_reason_name(UPDATE_REASON_COUNT), "unknown");
    update_reason r;
    assert_int_equal(update_reason_parse("nonsense", &r), -1);
    assert_int_equal(update_reason_parse(NULL, &r), -1);
    assert_false(update_reason_is_failure(UPDATE_OK));
    assert_false(update_reason_is_failure(UPDATE_STOPPED));
    assert_false(update_reason_is_failure(UPDATE_REASON_COUNT));
    assert_true(update_reason_is_failure(UPDATE_SIGNATURE));
}

static void test_config_check(void **state)
{
    (void)state;
    updater_config c;
    char err[256];
    updater_config_defaults(&c);
    assert_int_equal(c.interval_s, 300);
    c.public_key_file = keyfile;
    c.state_dir = dir;
    c.channel_url = "https://content.example/kiosk/rathaus/";
    assert_int_equal(updater_config_check(&c, err, sizeof(err)), 0);
    c.channel_url = "https://content.example/kiosk/rathaus"; /* slash optional */
    assert_int_equal(updater_config_check(&c, err, sizeof(err)), 0);
    static const char *bad[] = {"ftp://h/x/", "file:///etc/", "https://h/", "https://h", "http://h/x y/",
                                "https://h/x/?q=1", ""};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        c.channel_url = bad[i];
        if (updater_config_check(&c, err, sizeof(err)) != -1)
            fail_msg("'%s' should be refused", bad[i]);
    }
    c.channel_url = "http://h/k/";
    c.public_key_file = "/nonexistent/kiosk.pub";
    assert_int_equal(updater_config_check(&c, err, sizeof(err)), -1);
    assert_non_null(strstr(err, "public key"));
    c.public_key_file = keyfile;
    c.interval_s = 0;
    assert_int_equal(updater_config_check(&c, err, sizeof(err)), -1);
}

static void test_state_links(void **state)
{
    (void)state;
    char st[128], path[256], buf[256];
    uint64_t v = 0;
    snprintf(st, sizeof(st), "%s/state", dir);
    snprintf(path, sizeof(path), "%s/trees/123", st);
    assert_int_equal(fsutil_mkdir_p(path, 0755), 0);
    /* no links yet: fall back to the installed content */
    assert_int_equal(store_tree(st, 0, buf, sizeof(buf), &v), -1);
    assert_string_equal(store_content_dir(st, "content", buf, sizeof(buf)), "content");
    snprintf(path, sizeof(path), "%s/current", st);
    assert_int_equal(fsutil_symlink_atomic("trees/123", path), 0);
    assert_int_equal(store_tree(st, 0, buf, sizeof(buf), &v), 0);
    assert_true(v == 123);
    char want[256];
    snprintf(want, sizeof(want), "%s/trees/123", st);
    assert_string_equal(buf, want);
    assert_string_equal(store_content_dir(st, "content", buf, sizeof(buf)), want);
    /* links that do not name trees/<number>, or name a missing tree */
    static const char *bad[] = {"../../etc", "/etc", "trees/abc", "trees/124", "trees/../trees/123", "trees/"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        assert_int_equal(fsutil_symlink_atomic(bad[i], path), 0);
        if (store_tree(st, 0, buf, sizeof(buf), &v) != -1)
            fail_msg("current -> '%s' should be refused", bad[i]);
    }
    /* previous */
    snprintf(path, sizeof(path), "%s/previous", st);
    assert_int_equal(fsutil_symlink_atomic("trees/123", path), 0);
    assert_int_equal(store_tree(st, 1, buf, sizeof(buf), &v), 0);
}

static void test_thread_start_stop(void **state)
{
    (void)state;
    updater_config c;
    updater_config_defaults(&c);
    c.public_key_file = keyfile;
    c.state_dir = dir;
    c.channel_url = "http://127.0.0.1:1/kiosk/rathaus/"; /* nothing listens on port 1 */
    c.interval_s = 1;
    updater *u = updater_start(&c);
    assert_non_null(u);
    assert_null(updater_take(u));
    assert_null(updater_poll(u));
    updater_stats st;
    updater_get_stats(u, &st);
    assert_true(st.updates == 0);
    updater_stop(u); /* joins the thread; must not wait for a poll interval */
    updater_stop(NULL);
    assert_null(updater_take(NULL));

    c.channel_url = "gopher://h/x/";
    assert_null(updater_start(&c));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reason_names),
        cmocka_unit_test(test_config_check),
        cmocka_unit_test(test_state_links),
        cmocka_unit_test(test_thread_start_stop),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
