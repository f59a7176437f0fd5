/* bidi.h — the Unicode bidirectional algorithm (UAX #9) through FriBidi:
 * which parts of a text run right to left and in which order a line's
 * parts stand on screen.
 *
 * A paragraph (bidi_par_new) is a text with a base direction (the
 * language's: rtl 1 for Arabic); it gets each code point's embedding level
 * (fribidi_get_par_embedding_levels_ex, brackets paired). A line of it (a
 * byte range, after wrapping in logical order) becomes runs in visual order,
 * left to right: each a byte range of the paragraph set in one direction.
 * A run is shaped on its own (HarfBuzz: an RTL run gives its glyphs in
 * visual order and mirrors brackets itself; bidi_mirror says which).
 * Numbers and Latin words inside Arabic text keep their order: they are
 * runs of their own.
 *
 * The paragraph owns copies of its code points and levels, not the text
 * (borrowed: valid while the paragraph is used). Pure core: no SDL. */
#ifndef KIOSK_BIDI_H
#define KIOSK_BIDI_H

#include <stddef.h>
#include <stdint.h>

typedef struct bidi_par bidi_par;

typedef struct bidi_run {
    size_t start, len; /* bytes of the paragraph's text */
    int rtl;           /* 1: set right to left (an odd embedding level) */
    int level;
} bidi_run;

/* The paragraph s[0..len) (UTF-8; an invalid byte counts as one neutral
 * code point) with base direction rtl. NULL when out of memory. */
bidi_par *bidi_par_new(const char *s, size_t len, int rtl);
void bidi_par_free(bidi_par *p); /* accepts NULL */
/* The embedding level of the code point starting at byte off (its byte
 * within a code point: that code point's); -1 past the end. */
int bidi_level(const bidi_par *p, size_t off);
/* The line of bytes [start, end) of the paragraph (clamped to whole code
 * points) as runs in visual order, left to right; trailing spaces take the
 * paragraph's level (rule L1). Returns the number of runs (only max are
 * stored; runs may be NULL with max 0 to count); 0 for an empty line. */
size_t bidi_line(const bidi_par *p, size_t start, size_t end, bidi_run *runs, size_t max);

/* The text s[0..len) as one line of its own paragraph: bidi_line of all of
 * it. Without any right-to-left character and with rtl 0, one LTR run and
 * no work (German and English text costs nothing). 0 also when out of
 * memory: the caller draws the text as one run then. */
size_t bidi_runs(const char *s, size_t len, int rtl, bidi_run *runs, size_t max);

/* 1 when s[0..len) has a character of a right-to-left script (Hebrew,
 * Arabic, Syriac, Thaana, N'Ko...). */
int bidi_has_rtl(const char *s, size_t len);
/* 1 when cp is a letter or mark of the Arabic script (its blocks and
 * presentation forms): set with the Arabic face. */
int bidi_is_arabic(uint32_t cp);
/* The mirrored form of cp for a right-to-left run ('(' -> ')'), or cp. */
uint32_t bidi_mirror(uint32_t cp);

#endif
