/* helper_notify — a stand-in for systemd's notify socket (tests/it/it_systemd.sh).
 *
 *   helper_notify SOCKET-PATH SECONDS
 *
 * Binds a unix datagram socket at SOCKET-PATH and prints every line of every
 * datagram as "MS LINE" (milliseconds since start) on stdout, flushed at
 * once, for SECONDS; then removes the socket and exits 0. */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

static long long ms_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: helper_notify SOCKET-PATH SECONDS\n");
        return 2;
    }
    struct sockaddr_un addr;
    memset(&addr, 0, sizeof addr);
    addr.sun_family = AF_UNIX;
    if (strlen(argv[1]) >= sizeof addr.sun_path) {
        fprintf(stderr, "helper_notify: path too long\n");
        return 2;
    }
    snprintf(addr.sun_path, sizeof addr.sun_path, "%s", argv[1]);
    int fd = socket(AF_UNIX, SOCK_DGRAM, 0);
    unlink(argv[1]);
    if (fd < 0 || bind(fd, (struct sockaddr *)&addr, sizeof addr) != 0) {
        fprintf(stderr, "helper_notify: %s: %s\n", argv[1], strerror(errno));
        return 1;
    }
    long long start = ms_now(), end = start + atol(argv[2]) * 1000;
    char buf[4096];
    for (long long now = start; now < end; now = ms_now()) {
        struct pollfd p = {.fd = fd, .events = POLLIN};
        if (poll(&p, 1, (int)(end - now)) <= 0)
            continue;
        ssize_t n = recv(fd, buf, sizeof buf - 1, 0);
        if (n <= 0)
            continue;
        buf[n] = '\0';
        long long t = ms_now() - start;
        for (char *save, *line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
            printf("%lld %s\n", t, line);
        fflush(stdout);
    }
    close(fd);
    unlink(argv[1]);
    return 0;
}
