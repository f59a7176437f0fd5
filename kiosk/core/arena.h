/* arena.h — bump allocator for data that lives and dies together.
 *
 * A loaded content generation lives in one arena and is freed whole when the
 * next generation replaces it: no per-node frees, no leaks by omission.
 * Allocation never fails silently: on out-of-memory it returns NULL and the
 * arena remembers it (arena_failed), so a loader can check once at the end. */
#ifndef KIOSK_ARENA_H
#define KIOSK_ARENA_H

#include <stdarg.h>
#include <stddef.h>

typedef struct arena arena;

arena *arena_new(void);
void arena_free(arena *a);                 /* accepts NULL */
void *arena_alloc(arena *a, size_t n);     /* zeroed, aligned for any type */
void *arena_array(arena *a, size_t n, size_t size); /* overflow-checked */
char *arena_strndup(arena *a, const char *s, size_t n);
char *arena_strdup(arena *a, const char *s);
char *arena_printf(arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *arena_vprintf(arena *a, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
int arena_failed(const arena *a);          /* 1 once any allocation failed */
size_t arena_used(const arena *a);         /* bytes handed out, for metrics */

#endif
