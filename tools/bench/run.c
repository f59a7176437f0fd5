/* bench-run — start a program under an X server and measure it from outside:
 * time to its first visible frame, memory and CPU of its whole process tree.
 * Used by tests/bench/bench.sh the same way for the kiosk and for a browser, so
 * both are measured by one method.
 *
 *   bench-run [options] -- PROGRAM [ARG]...
 *     --display NAME   X display (default $DISPLAY)
 *     --expect RRGGBB  the colour the first frame fills most of the screen with
 *     --timeout MS     give up when no frame came after this long (20000)
 *     --settle MS      after the first frame, wait this long (3000)
 *     --idle MS        then measure CPU for this long (0: not at all)
 *     --xserver PID    also report the X server's CPU while idle (it
 *                      composites what either program presents)
 *     --fades LIST     transition start times in ms after the first frame,
 *                      comma-separated, one cycle; with --cycle MS and
 *                      --fade-ms MS, CPU is also split into transitions and
 *                      still screens
 *
 * First frame: the screen is polled every few milliseconds with XGetImage
 * on ten rows; "mapped" is the first change from the empty background,
 * "frame" the first time at least half of the sampled pixels have the
 * expected colour (so a blank window or a half-drawn page does not count).
 * Memory: PSS summed over the process tree (/proc/PID/smaps_rollup), so
 * pages shared between processes of the tree are counted once. CPU:
 * utime + stime of the tree. The program is started in its own process
 * group with this process as child subreaper, so helpers that daemonise
 * stay in the tree; at the end every process of the tree gets SIGTERM, then
 * SIGKILL, and all are reaped.
 *
 * Prints "key value" lines: mapped_ms frame_ms peak_pss_kb steady_pss_kb
 * procs cpu_pct fade_cpu_pct still_cpu_pct xserver_cpu_pct (absent when
 * not measured).
 * Exit status 0, 1 when no frame was seen or on errors. */
#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define ROWS 10
#define STEP 8         /* every 8th pixel of a row */
#define MAX_PROCS 512
#define MAX_BINS 6000  /* 100 ms CPU bins: 10 minutes */
#define MAX_FADES 64

typedef struct proc {
    int pid;
    unsigned long long ticks; /* utime + stime, last seen */
} proc;

static proc seen[MAX_PROCS];
static int n_seen;
static int root_pid;

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void sleep_ms(double ms)
{
    struct timespec ts = {(time_t)(ms / 1000), (long)((ms - (time_t)(ms / 1000) * 1000) * 1e6)};
    nanosleep(&ts, NULL);
}

/* ---- process tree ------------------------------------------------------- */

static int read_stat(int pid, int *ppid, unsigned long long *ticks)
{
    char path[64], buf[1024];
    snprintf(path, sizeof path, "/proc/%d/stat", pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    char *p = strrchr(buf, ')');
    if (!p)
        return -1;
    /* after ") ": state ppid pgrp session tty tpgid flags minflt cminflt
     * majflt cmajflt utime stime */
    char state;
    unsigned long long ut, st;
    if (sscanf(p + 2, "%c %d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &state, ppid, &ut,
               &st) != 4)
        return -1;
    if (state == 'Z')
        return -1; /* gone: its last ticks were recorded while it ran */
    *ticks = ut + st;
    return 0;
}

/* The live processes of the tree under root_pid: pids into out, returns n. */
static int tree(int *out, int max)
{
    static int pids[32768], ppids[32768];
    int n = 0;
    DIR *d = opendir("/proc");
    if (!d)
        return 0;
    struct dirent *e;
    unsigned long long t;
    while ((e = readdir(d)) && n < 32768) {
        int pid = atoi(e->d_name);
        if (pid > 0 && read_stat(pid, &ppids[n], &t) == 0)
            pids[n++] = pid;
    }
    closedir(d);
    int k = 0;
    for (int i = 0; i < n; i++)
        if (pids[i] == root_pid && k < max)
            out[k++] = root_pid;
    /* breadth-first: children of anything already in the tree */
    for (int head = 0; head < k; head++)
        for (int i = 0; i < n && k < max; i++)
            if (ppids[i] == out[head])
                out[k++] = pids[i];
    return k;
}

static long pss_kb(int pid)
{
    char path[64], line[256];
    long kb = 0;
    snprintf(path, sizeof path, "/proc/%d/smaps_rollup", pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    while (fgets(line, sizeof line, f))
        if (sscanf(line, "Pss: %ld kB", &kb) == 1)
            break;
    fclose(f);
    return kb;
}

typedef struct sample {
    long pss_kb; /* -1: not measured */
    int procs;
    unsigned long long ticks; /* of every process seen so far */
} sample;

static void take(sample *s, int with_pss)
{
    int pids[MAX_PROCS];
    int n = tree(pids, MAX_PROCS);
    s->procs = n;
    s->pss_kb = with_pss ? 0 : -1;
    for (int i = 0; i < n; i++) {
        int ppid;
        unsigned long long t;
        if (read_stat(pids[i], &ppid, &t) != 0)
            continue;
        int j;
        for (j = 0; j < n_seen && seen[j].pid != pids[i]; j++)
            ;
        if (j == n_seen && n_seen < MAX_PROCS)
            seen[n_seen++].pid = pids[i];
        if (j < MAX_PROCS)
            seen[j].ticks = t;
        if (with_pss)
            s->pss_kb += pss_kb(pids[i]);
    }
    s->ticks = 0;
    for (int j = 0; j < n_seen; j++)
        s->ticks += seen[j].ticks;
}

static void kill_tree(void)
{
    int pids[MAX_PROCS];
    kill(-root_pid, SIGTERM);
    int n = tree(pids, MAX_PROCS);
    for (int i = 0; i < n; i++)
        kill(pids[i], SIGTERM);
    for (int waited = 0; waited < 40; waited++) {
        while (waitpid(-1, NULL, WNOHANG) > 0)
            ;
        if (tree(pids, MAX_PROCS) == 0)
            break;
        sleep_ms(50);
    }
    kill(-root_pid, SIGKILL);
    n = tree(pids, MAX_PROCS);
    for (int i = 0; i < n; i++)
        kill(pids[i], SIGKILL);
    /* reap everything: the program and whatever was reparented to us */
    while (waitpid(-1, NULL, 0) > 0 || errno == EINTR)
        ;
}

/* Interrupted (^C, or timeout(1) giving up): take the tree down with us. */
static void on_signal(int sig)
{
    if (root_pid > 0) {
        kill(-root_pid, SIGKILL);
        for (int j = 0; j < n_seen; j++)
            kill(seen[j].pid, SIGKILL);
    }
    _exit(128 + sig);
}

/* ---- screen ------------------------------------------------------------- */

static Display *dpy;
static int scr_w, scr_h;

static int near(unsigned long px, unsigned long rgb)
{
    int dr = (int)((px >> 16) & 255) - (int)((rgb >> 16) & 255);
    int dg = (int)((px >> 8) & 255) - (int)((rgb >> 8) & 255);
    int db = (int)(px & 255) - (int)(rgb & 255);
    return abs(dr) <= 4 && abs(dg) <= 4 && abs(db) <= 4;
}

/* Samples the screen: how many sampled pixels differ from bg, how many are
 * near expect, of how many. */
static void look(unsigned long bg, unsigned long expect, int *differ, int *match, int *total)
{
    Window root = DefaultRootWindow(dpy);
    *differ = *match = *total = 0;
    for (int r = 0; r < ROWS; r++) {
        int y = scr_h * (2 * r + 1) / (2 * ROWS);
        XImage *img = XGetImage(dpy, root, 0, y, (unsigned)scr_w, 1, AllPlanes, ZPixmap);
        if (!img)
            continue;
        for (int x = STEP / 2; x < scr_w; x += STEP) {
            unsigned long px = XGetPixel(img, x, 0) & 0xffffff;
            (*total)++;
            *differ += px != bg;
            *match += near(px, expect);
        }
        XDestroyImage(img);
    }
}

static int parse_list(const char *s, double *out, int max)
{
    int n = 0;
    while (s && *s && n < max) {
        char *end;
        out[n++] = strtod(s, &end);
        s = *end == ',' ? end + 1 : NULL;
    }
    return n;
}

static int cmp_long(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    const char *display = getenv("DISPLAY");
    unsigned long expect = 0;
    double timeout = 20000, settle = 3000, idle = 0, cycle = 0, fade_ms = 700;
    double fades[MAX_FADES];
    int n_fades = 0, xserver = 0;
    int i;
    for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i += 2) {
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!v)
            break;
        if (!strcmp(argv[i], "--display"))
            display = v;
        else if (!strcmp(argv[i], "--expect"))
            expect = strtoul(v[0] == '#' ? v + 1 : v, NULL, 16);
        else if (!strcmp(argv[i], "--timeout"))
            timeout = atof(v);
        else if (!strcmp(argv[i], "--settle"))
            settle = atof(v);
        else if (!strcmp(argv[i], "--idle"))
            idle = atof(v);
        else if (!strcmp(argv[i], "--xserver"))
            xserver = atoi(v);
        else if (!strcmp(argv[i], "--fades"))
            n_fades = parse_list(v, fades, MAX_FADES);
        else if (!strcmp(argv[i], "--cycle"))
            cycle = atof(v);
        else if (!strcmp(argv[i], "--fade-ms"))
            fade_ms = atof(v);
        else
            break;
    }
    if (i >= argc - 1 || strcmp(argv[i], "--") != 0) {
        fprintf(stderr, "usage: bench-run [--display D] [--expect RRGGBB] [--timeout MS] "
                        "[--settle MS] [--idle MS] [--fades LIST --cycle MS --fade-ms MS] -- PROGRAM [ARG]...\n");
        return 2;
    }
    char **cmd = argv + i + 1;
    dpy = XOpenDisplay(display);
    if (!dpy) {
        fprintf(stderr, "bench-run: cannot open display %s\n", display ? display : "(unset)");
        return 1;
    }
    scr_w = DisplayWidth(dpy, DefaultScreen(dpy));
    scr_h = DisplayHeight(dpy, DefaultScreen(dpy));

    /* the screen must be empty: one colour everywhere (a previous run gone) */
    unsigned long bg = 0;
    int differ = 1, match, total;
    for (double t0 = now_ms(); now_ms() - t0 < 5000; sleep_ms(20)) {
        XImage *img = XGetImage(dpy, DefaultRootWindow(dpy), 0, 0, 1, 1, AllPlanes, ZPixmap);
        if (img) {
            bg = XGetPixel(img, 0, 0) & 0xffffff;
            XDestroyImage(img);
        }
        look(bg, expect, &differ, &match, &total);
        if (differ == 0)
            break;
    }
    if (differ != 0) {
        fprintf(stderr, "bench-run: the screen is not empty before the start\n");
        return 1;
    }
    if (near(bg, expect)) {
        fprintf(stderr, "bench-run: the expected colour is the background's\n");
        return 1;
    }

    prctl(PR_SET_CHILD_SUBREAPER, 1);
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    signal(SIGHUP, on_signal);
    double t_start = now_ms();
    root_pid = fork();
    if (root_pid < 0) {
        perror("bench-run: fork");
        return 1;
    }
    if (root_pid == 0) {
        setpgid(0, 0);
        execvp(cmd[0], cmd);
        fprintf(stderr, "bench-run: %s: %s\n", cmd[0], strerror(errno));
        _exit(127);
    }
    setpgid(root_pid, root_pid);

    double mapped = -1, frame = -1, last_mem = 0;
    long peak = 0;
    int procs = 0;
    sample s;
    while (frame < 0 && now_ms() - t_start < timeout) {
        look(bg, expect, &differ, &match, &total);
        double t = now_ms() - t_start;
        if (differ && mapped < 0)
            mapped = t;
        if (total && match * 2 >= total)
            frame = t;
        if (now_ms() - last_mem >= 100) {
            take(&s, 1);
            last_mem = now_ms();
            peak = s.pss_kb > peak ? s.pss_kb : peak;
            procs = s.procs > procs ? s.procs : procs;
        }
        int st;
        if (waitpid(root_pid, &st, WNOHANG) == root_pid) {
            fprintf(stderr, "bench-run: %s exited before its first frame\n", cmd[0]);
            root_pid = -root_pid; /* nothing left to kill by this id */
            break;
        }
        sleep_ms(4);
    }
    if (frame < 0) {
        if (root_pid > 0)
            kill_tree();
        fprintf(stderr, "bench-run: no frame of colour #%06lx within %.0f ms\n", expect, timeout);
        printf("mapped_ms %.1f\n", mapped);
        return 1;
    }
    double t_frame = t_start + frame;
    /* settle: the peak of start-up is usually just after the first frame */
    while (now_ms() - t_frame < settle) {
        take(&s, 1);
        peak = s.pss_kb > peak ? s.pss_kb : peak;
        procs = s.procs > procs ? s.procs : procs;
        sleep_ms(200);
    }
    take(&s, 1);
    long steady[1024];
    int n_steady = 0;
    steady[n_steady++] = s.pss_kb;
    peak = s.pss_kb > peak ? s.pss_kb : peak;

    static unsigned long long bins[MAX_BINS + 1];
    static double bin_t[MAX_BINS + 1];
    int n_bins = 0;
    double cpu = -1, fade_cpu = -1, still_cpu = -1, x_cpu = -1;
    if (idle > 0) {
        long hz = sysconf(_SC_CLK_TCK);
        int ppid;
        unsigned long long x0 = 0, x1 = 0;
        if (xserver > 0 && read_stat(xserver, &ppid, &x0) != 0)
            xserver = 0;
        double t0 = now_ms(), next_mem = t0 + 1000;
        take(&s, 0);
        bins[0] = s.ticks;
        bin_t[0] = t0 - t_frame;
        n_bins = 1;
        while (now_ms() - t0 < idle && n_bins <= MAX_BINS) {
            sleep_ms(100 - (now_ms() - t0 - (n_bins - 1) * 100.0) > 0
                         ? 100 - (now_ms() - t0 - (n_bins - 1) * 100.0)
                         : 0);
            take(&s, 0);
            bins[n_bins] = s.ticks;
            bin_t[n_bins] = now_ms() - t_frame;
            n_bins++;
            if (now_ms() >= next_mem && n_steady < 1024) {
                take(&s, 1);
                steady[n_steady++] = s.pss_kb;
                peak = s.pss_kb > peak ? s.pss_kb : peak;
                next_mem += 1000;
            }
        }
        double wall = bin_t[n_bins - 1] - bin_t[0];
        cpu = 100.0 * (double)(bins[n_bins - 1] - bins[0]) / hz / (wall / 1000.0);
        if (xserver > 0 && read_stat(xserver, &ppid, &x1) == 0)
            x_cpu = 100.0 * (double)(x1 - x0) / hz / ((now_ms() - t0) / 1000.0);
        if (n_fades && cycle > 0) {
            double ft = 0, fw = 0, st = 0, sw = 0;
            for (int b = 1; b < n_bins; b++) {
                double a = bin_t[b - 1], z = bin_t[b];
                double ph_a = a - cycle * (long)(a / cycle), ph_z = ph_a + (z - a);
                int in = 0, near_fade = 0;
                for (int k = 0; k < n_fades; k++)
                    for (int wrap = -1; wrap <= 1; wrap++) {
                        double f0 = fades[k] + wrap * cycle;
                        if (ph_a >= f0 - 50 && ph_z <= f0 + fade_ms + 150)
                            in = 1;
                        if (ph_z > f0 - 500 && ph_a < f0 + fade_ms + 1000)
                            near_fade = 1;
                    }
                double dt = (double)(bins[b] - bins[b - 1]) / hz;
                if (in) {
                    ft += dt;
                    fw += (z - a) / 1000.0;
                } else if (!near_fade) {
                    st += dt;
                    sw += (z - a) / 1000.0;
                }
            }
            if (fw > 0)
                fade_cpu = 100.0 * ft / fw;
            if (sw > 0)
                still_cpu = 100.0 * st / sw;
        }
    }
    kill_tree();
    qsort(steady, (size_t)n_steady, sizeof steady[0], cmp_long);
    printf("mapped_ms %.1f\nframe_ms %.1f\npeak_pss_kb %ld\nsteady_pss_kb %ld\nprocs %d\n", mapped,
           frame, peak, steady[n_steady / 2], procs);
    if (cpu >= 0)
        printf("cpu_pct %.2f\n", cpu);
    if (fade_cpu >= 0)
        printf("fade_cpu_pct %.2f\n", fade_cpu);
    if (still_cpu >= 0)
        printf("still_cpu_pct %.2f\n", still_cpu);
    if (x_cpu >= 0)
        printf("xserver_cpu_pct %.2f\n", x_cpu);
    XCloseDisplay(dpy);
    return 0;
}
