/* pure.h — forced into every module of the pure core (kiosk/core, kiosk/ui,
 * kiosk/a11y) by the Makefile, before anything else.
 *
 * The core decides; the shell touches the world. So that this stays true
 * without anyone checking by hand, the calls that reach the file system,
 * the clock, the environment or other processes are declared as errors
 * here: a core module that calls one does not compile. SDL and curl need no poison: the
 * core is compiled without their include paths. Files reach the core
 * through kfile.h, its one edge. */
#ifndef KIOSK_PURE_H
#define KIOSK_PURE_H

/* The system headers first, so that their own declarations are seen before
 * the poison and later #includes of them are no-ops. */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

/* Each redeclared with an error attribute: a call compiles to an error that
 * says why, while a field or variable of the same name (nav's "open", a
 * struct stat) stays allowed. */
#define KIOSK_IMPURE __attribute__((error("the pure core does not touch the world: " \
                                           "files come through kfile.h, time as an argument")))
FILE *fopen(const char *, const char *) KIOSK_IMPURE;
FILE *freopen(const char *, const char *, FILE *) KIOSK_IMPURE;
FILE *fdopen(int, const char *) KIOSK_IMPURE;
FILE *popen(const char *, const char *) KIOSK_IMPURE;
int open(const char *, int, ...) KIOSK_IMPURE;
int openat(int, const char *, int, ...) KIOSK_IMPURE;
int creat(const char *, mode_t) KIOSK_IMPURE;
DIR *opendir(const char *) KIOSK_IMPURE;
DIR *fdopendir(int) KIOSK_IMPURE;
struct dirent *readdir(DIR *) KIOSK_IMPURE;
char *realpath(const char *, char *) KIOSK_IMPURE;
ssize_t readlink(const char *, char *, size_t) KIOSK_IMPURE;
int stat(const char *, struct stat *) KIOSK_IMPURE;
int lstat(const char *, struct stat *) KIOSK_IMPURE;
int fstat(int, struct stat *) KIOSK_IMPURE;
int fstatat(int, const char *, struct stat *, int) KIOSK_IMPURE;
int access(const char *, int) KIOSK_IMPURE;
int unlink(const char *) KIOSK_IMPURE;
int unlinkat(int, const char *, int) KIOSK_IMPURE;
int rename(const char *, const char *) KIOSK_IMPURE;
int mkdir(const char *, mode_t) KIOSK_IMPURE;
int rmdir(const char *) KIOSK_IMPURE;
int remove(const char *) KIOSK_IMPURE;
time_t time(time_t *) KIOSK_IMPURE;
int clock_gettime(clockid_t, struct timespec *) KIOSK_IMPURE;
int gettimeofday(struct timeval *, void *) KIOSK_IMPURE;
char *getenv(const char *) KIOSK_IMPURE;
int system(const char *) KIOSK_IMPURE;
pid_t fork(void) KIOSK_IMPURE;

#endif
