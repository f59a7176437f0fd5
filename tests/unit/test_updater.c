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

#include "arena.h"
#include "fetch.h"
#include "fsutil.h"
#include "generation.h"
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
    c.interval_s = 300;
    assert_int_equal(updater_config_check(&c, err, sizeof(err)), 0);
    /* the channel's name: the URL's last part, or channel_name */
    char name[KIOSK_MAX_CHANNEL + 1];
    c.channel_url = "https://h/kiosk/rathaus";
    assert_int_equal(fetch_channel_name(&c, name, sizeof(name), err, sizeof(err)), 0);
    assert_string_equal(name, "rathaus");
    c.channel_url = "https://h/kiosk/Rathaus/";
    assert_int_equal(updater_config_check(&c, err, sizeof(err)), -1);
    assert_non_null(strstr(err, "--update-channel-name"));
    c.channel_name = "rathaus";
    assert_int_equal(fetch_channel_name(&c, name, sizeof(name), err, sizeof(err)), 0);
    assert_string_equal(name, "rathaus");
    c.channel_name = "../x";
    assert_int_equal(updater_config_check(&c, err, sizeof(err)), -1);
    assert_non_null(strstr(err, "channel name '../x'"));
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

/* The state directory: one updater at a time, the notice kept for the next
 * start, and pruning that spares current, previous and every tree a live
 * generation still shows. */
static void test_store(void **state)
{
    (void)state;
    char st[128], path[256];
    snprintf(st, sizeof(st), "%s/store", dir);
    store s, busy;
    updater_result res;
    memset(&res, 0, sizeof(res));
    assert_int_equal(store_open(&s, st, &res), UPDATE_OK);
    assert_int_equal(store_open(&busy, st, &res), UPDATE_LOCAL_ERROR);
    assert_non_null(strstr(res.detail, "busy"));
    store_close(&busy);

    assert_null(store_load_notice(st));
    manifest_notice n = {.de = "Heute geschlossen", .en = "Closed today", .starts = 100, .ends = 200};
    store_save_notice(&s, &n);
    manifest_notice *back = store_load_notice(st);
    assert_non_null(back);
    assert_true(manifest_notice_same(back, &n));
    manifest_notice *copy = manifest_notice_dup(back);
    assert_true(manifest_notice_same(copy, &n));
    manifest_notice_free(copy);
    manifest_notice_free(back);
    store_save_notice(&s, NULL);
    assert_null(store_load_notice(st));

    for (int v = 1; v <= 4; v++) {
        snprintf(path, sizeof(path), "%s/trees/%d", st, v);
        assert_int_equal(fsutil_mkdir_p(path, 0755), 0);
    }
    const uint64_t live[] = {2};
    store_prune(&s, 4, 3, live, 1, 1);
    for (int v = 1; v <= 4; v++) {
        struct stat sb;
        snprintf(path, sizeof(path), "%s/trees/%d", st, v);
        if ((stat(path, &sb) == 0) != (v != 1))
            fail_msg("tree %d %s", v, v == 1 ? "should be pruned" : "should be kept");
    }
    store_close(&s);
}

/* A link planted where the store keeps a directory or its lock refuses the
 * cycle with a detail naming it, and nothing is created in its target; a
 * link or file in trees/ or objects/ is left alone by pruning, and a
 * "current" or "previous" that points into the victim counts as none. */
static void test_store_planted_links(void **state)
{
    (void)state;
    static const char *const names[] = {"objects", "trees", "lock"};
    char st[128], victim[128], path[256];
    snprintf(st, sizeof(st), "%s/planted", dir);
    snprintf(victim, sizeof(victim), "%s/victim", dir);
    assert_int_equal(fsutil_mkdir_p(victim, 0755), 0);
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        store s;
        updater_result res;
        memset(&res, 0, sizeof(res));
        fsutil_rm_rf(st);
        assert_int_equal(fsutil_mkdir_p(st, 0755), 0);
        snprintf(path, sizeof(path), "%s/%s", st, names[i]);
        char target[160];
        snprintf(target, sizeof(target), "%s/%s", victim, names[i]); /* dangling: would be created */
        assert_int_equal(symlink(target, path), 0);
        assert_int_equal(store_open(&s, st, &res), UPDATE_LOCAL_ERROR);
        if (!strstr(res.detail, "is a symbolic link to") || !strstr(res.detail, names[i]))
            fail_msg("%s: detail '%s'", names[i], res.detail);
        store_close(&s);
        struct stat sb;
        assert_int_equal(lstat(target, &sb), -1);
    }
    fsutil_rm_rf(st);
    store s;
    updater_result res;
    memset(&res, 0, sizeof(res));
    assert_int_equal(store_open(&s, st, &res), UPDATE_OK);
    char file[160];
    snprintf(file, sizeof(file), "%s/precious", victim);
    assert_int_equal(fsutil_write_atomic(file, "x", 1, 0644), 0);
    snprintf(path, sizeof(path), "%s/trees/7", st);
    assert_int_equal(symlink(victim, path), 0);
    snprintf(path, sizeof(path), "%s/objects/%064d", st, 0);
    assert_int_equal(symlink(file, path), 0);
    snprintf(path, sizeof(path), "%s/current", st);
    assert_int_equal(symlink(victim, path), 0);
    store_prune(&s, 0, 0, NULL, 0, 1);
    store_close(&s);
    struct stat sb;
    snprintf(path, sizeof(path), "%s/trees/7", st);
    assert_int_equal(lstat(path, &sb), 0); /* reported, left alone */
    assert_int_equal(stat(file, &sb), 0);
    char buf[256];
    assert_true(store_link_version(st, "current") == 0);
    assert_int_equal(store_tree(st, 0, buf, sizeof(buf), NULL), -1);
    /* current -> trees/7, where trees/7 is a link out: not a tree */
    assert_int_equal(fsutil_symlink_atomic("trees/7", path), 0);
    assert_int_equal(store_tree(st, 0, buf, sizeof(buf), NULL), -1);
}

/* The least content_free() accepts: a kcontent in its own arena. */
static kcontent *empty_content(void)
{
    arena *a = arena_new();
    kcontent *c = a ? arena_alloc(a, sizeof(*c)) : NULL;
    if (c)
        c->arena = a;
    return c;
}

/* Generations the app loaded itself are held and given back; those still
 * alive at updater_stop() are detached, so a later release is harmless. */
static void test_adopt_release(void **state)
{
    (void)state;
    updater_config c;
    updater_config_defaults(&c);
    c.public_key_file = keyfile;
    c.state_dir = dir;
    c.channel_url = "http://127.0.0.1:1/kiosk/rathaus/";
    updater *u = updater_start(&c);
    assert_non_null(u);
    manifest_notice *n = NULL;
    assert_int_equal(updater_take_notice(u, &n), 0);
    assert_int_equal(updater_poll_notice(u, &n), 0);
    assert_int_equal(updater_take_notice(NULL, &n), 0);
    assert_null(n);
    kcontent *k1 = empty_content();
    kcontent *k2 = empty_content();
    assert_non_null(k1);
    assert_non_null(k2);
    generation *a = generation_new(k1, NULL, 7), *b = generation_new(k2, NULL, 8);
    updater_adopt(u, a);
    updater_adopt(u, b);
    updater_adopt(u, NULL);
    assert_ptr_equal(a->release_ctx, u);
    generation_release(a); /* while running */
    updater_stop(u);
    assert_null(b->on_release);
    generation_release(b); /* after the stop */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reason_names),
        cmocka_unit_test(test_config_check),
        cmocka_unit_test(test_state_links),
        cmocka_unit_test(test_thread_start_stop),
        cmocka_unit_test(test_store),
        cmocka_unit_test(test_store_planted_links),
        cmocka_unit_test(test_adopt_release),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
