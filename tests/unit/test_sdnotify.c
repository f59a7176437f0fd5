/* sdnotify: messages reach a fake $NOTIFY_SOCKET, the watchdog pings at half
 * its interval and not before, and WATCHDOG_PID for another process is
 * ignored. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "sdnotify.h"

static int listen_fd = -1;
static char sock_path[108];

static int setup(void **state)
{
    (void)state;
    snprintf(sock_path, sizeof(sock_path), "/tmp/kiosk-notify-%d", (int)getpid());
    unlink(sock_path);
    listen_fd = socket(AF_UNIX, SOCK_DGRAM, 0);
    struct sockaddr_un a = {.sun_family = AF_UNIX};
    snprintf(a.sun_path, sizeof(a.sun_path), "%s", sock_path);
    if (listen_fd < 0 || bind(listen_fd, (struct sockaddr *)&a, sizeof(a)) < 0)
        return -1;
    setenv("NOTIFY_SOCKET", sock_path, 1);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    close(listen_fd);
    unlink(sock_path);
    unsetenv("NOTIFY_SOCKET");
    unsetenv("WATCHDOG_USEC");
    unsetenv("WATCHDOG_PID");
    return 0;
}

/* Next datagram, or "" when none is waiting. */
static const char *receive(void)
{
    static char buf[256];
    ssize_t n = recv(listen_fd, buf, sizeof(buf) - 1, MSG_DONTWAIT);
    buf[n > 0 ? n : 0] = '\0';
    return buf;
}

static void test_ready_reaches_socket(void **state)
{
    (void)state;
    assert_int_equal(sdnotify_send("READY=1"), 1);
    assert_string_equal(receive(), "READY=1");
}

static void test_no_socket_is_noop(void **state)
{
    (void)state;
    unsetenv("NOTIFY_SOCKET");
    assert_int_equal(sdnotify_send("READY=1"), 0);
    setenv("NOTIFY_SOCKET", "relative/path", 1);
    assert_int_equal(sdnotify_send("READY=1"), -1);
    setenv("NOTIFY_SOCKET", sock_path, 1);
}

static void test_watchdog_pings_at_half_interval(void **state)
{
    (void)state;
    setenv("WATCHDOG_USEC", "2000000", 1); /* 2 s */
    char pid[16];
    snprintf(pid, sizeof(pid), "%d", (int)getpid());
    setenv("WATCHDOG_PID", pid, 1);
    sdnotify_watchdog w;
    sdnotify_watchdog_init(&w, 10000);
    assert_int_equal(w.interval_ms, 2000);
    assert_int_equal(sdnotify_watchdog_tick(&w, 10500), 0);
    assert_string_equal(receive(), "");
    assert_int_equal(sdnotify_watchdog_tick(&w, 11000), 1);
    assert_string_equal(receive(), "WATCHDOG=1");
    /* The next ping is due one half-interval after the last one. */
    assert_int_equal(sdnotify_watchdog_tick(&w, 11999), 0);
    assert_int_equal(sdnotify_watchdog_tick(&w, 12000), 1);
    assert_string_equal(receive(), "WATCHDOG=1");
}

static void test_watchdog_for_other_pid_ignored(void **state)
{
    (void)state;
    setenv("WATCHDOG_USEC", "2000000", 1);
    setenv("WATCHDOG_PID", "1", 1);
    assert_int_equal(sdnotify_watchdog_usec(), 0);
    sdnotify_watchdog w;
    sdnotify_watchdog_init(&w, 0);
    assert_int_equal(sdnotify_watchdog_tick(&w, 100000), 0);
    assert_string_equal(receive(), "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_ready_reaches_socket, setup, teardown),
        cmocka_unit_test_setup_teardown(test_no_socket_is_noop, setup, teardown),
        cmocka_unit_test_setup_teardown(test_watchdog_pings_at_half_interval, setup, teardown),
        cmocka_unit_test_setup_teardown(test_watchdog_for_other_pid_ignored, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
