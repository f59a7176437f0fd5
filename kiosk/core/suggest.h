/* suggest.h — "did you mean" for misspelt keys and ids. Pure. */
#ifndef KIOSK_SUGGEST_H
#define KIOSK_SUGGEST_H

#include <stddef.h>

/* Edit distance (insertions, deletions, substitutions, and swaps of two
 * neighbouring characters) between a and b, stopping early above max: the
 * result is then max + 1. Strings longer than 64 bytes count as far apart. */
size_t suggest_distance(const char *a, const char *b, size_t max);

/* The candidate closest to word when it is close enough to be a likely typo
 * (distance at most 1 for short words, 2 from five characters, 3 from nine),
 * or NULL. candidates is NULL-terminated. */
const char *suggest_closest(const char *word, const char *const *candidates);

#endif
