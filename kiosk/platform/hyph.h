/* hyph.h — hyphenation patterns for the layout, at the edge.
 *
 * Loads Debian's hyphen-de, hyphen-en-us and hyphen-uk patterns
 * (libhyphen's .dic files, bundled in assets/hyphen/; HYPH_SYSTEM_DIR when
 * the bundle is missing) and answers the layout's question where a word
 * may break (layout_measure.hyphenate). English text uses the English
 * patterns, German and Leichte Sprache the German ones (the layout never
 * asks for Leichte Sprache: it is not hyphenated), Ukrainian the Ukrainian
 * ones; other languages (Turkish, Arabic: Debian has no patterns) none.
 *
 * The patterns load on a thread of their own, at a low priority, so the
 * first frame never waits for them (the bundled German file takes some
 * 0.06 s, Debian's full one seconds): until they are there, hyph_marks
 * answers -1 and the layout breaks words only where it must; hyph_ready
 * turns 1 once, and the caller lays the scene out again. */
#ifndef KIOSK_HYPH_H
#define KIOSK_HYPH_H

#include <stddef.h>

#include "content.h"

typedef struct hyph hyph;

/* Where Debian's hyphen-* packages put their patterns. */
#define HYPH_SYSTEM_DIR "/usr/share/hyphen"

/* Starts loading the patterns from dir, each one missing there from
 * fallback (either may be NULL). NULL only when out of memory or no thread
 * could start. */
hyph *hyph_open(const char *dir, const char *fallback);
/* Waits for the loader; accepts NULL. */
void hyph_free(hyph *h);
/* 1 once the loader has finished (whatever it found). */
int hyph_ready(hyph *h);
/* Blocks until the loader has finished: for screenshots, which must look
 * as the screen will. */
void hyph_wait(hyph *h);
/* layout_measure.hyphenate: marks[i] = 1 where a hyphen may follow byte i
 * of the len bytes of UTF-8 at word. Returns the number of marks, or -1
 * (not loaded yet, no patterns for lg, a letter the patterns cannot
 * spell). */
int hyph_marks(void *h, const char *lg, const char *word, size_t len, char *marks);

#endif
