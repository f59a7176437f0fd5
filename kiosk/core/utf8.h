/* utf8.h — UTF-8 validation and decoding (strict: no overlongs, no
 * surrogates, nothing above U+10FFFF). */
#ifndef KIOSK_UTF8_H
#define KIOSK_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Returns 1 when s[0..len) is valid UTF-8. Otherwise 0, and *bad_offset is the
 * offset of the first byte of the invalid sequence. */
int utf8_valid(const char *s, size_t len, size_t *bad_offset);
/* Decode one code point at s (at most len bytes). Returns its length in bytes
 * (1..4) and sets *cp; returns 0 on an invalid sequence. */
size_t utf8_decode(const char *s, size_t len, uint32_t *cp);
/* Number of code points in a valid UTF-8 string. */
size_t utf8_count(const char *s, size_t len);

#endif
