/* wrap.h — word wrap and text measure, through the layout's measure
 * callback (layout.h: the renderer's fonts, or a fake in tests).
 *
 * Lines break at spaces, after hyphens and slashes (good places in German
 * compounds and URLs), at '\n', and inside a word where the measure's
 * hyphenation allows (layout.h), with a visible hyphen: when the word alone
 * is wider than a line, or when the line would otherwise stay a fifth or
 * more empty. A word wider than a line with no such place is cut where it
 * must, with a hyphen too (not in an address: "/" or "@" in it).
 *
 * Leichte Sprache (the measure's lg is an easy language: klang_easy) is set by its rules: one
 * sentence a line (a new line after ". ", "? ", "! ", ": "), no
 * hyphenation, and no break at a hyphen inside a word ("Rheinland-Pfalz").
 * A word the measure keeps (layout.h: keep, a translation's German
 * original) is not hyphenated either; it may still be cut where it alone
 * is wider than a line.
 * Pure core. */
#ifndef KIOSK_WRAP_H
#define KIOSK_WRAP_H

#include <stddef.h>

#include "layout.h"

#define WRAP_MAX_LINES 4096

#define WRAP_HYPHEN "-"

typedef struct wrap_line {
    const char *s; /* into the wrapped text */
    size_t len;
    int w;         /* with the hyphen, when there is one */
    int hyphen;    /* 1: the line breaks inside a word; draw WRAP_HYPHEN after it */
} wrap_line;

/* Greedy word wrap of text into lines at most width wide. Returns the
 * number of lines (may exceed max; only max are stored; lines may be NULL
 * with max 0 to count). */
size_t wrap_lines(const layout_measure *m, int bold, int px, const char *text, int width,
                  wrap_line *lines, size_t max);
/* Length of the longest prefix of s[0..len) — whole code points, at least
 * one — that fits width. */
size_t wrap_fit(const layout_measure *m, int bold, int px, const char *s, size_t len, int width);
/* Width of the widest word of s: a line can be no narrower without
 * breaking a word. */
int wrap_widest_word(const layout_measure *m, const char *s, int bold, int px);

/* The largest size from px down to min_px (shrinking by steps of about 8 %)
 * at which every word of s fits width whole: a title or a text that must
 * not be hyphenated gets smaller rather than cut. min_px when none does. */
int wrap_fit_px(const layout_measure *m, const char *s, int bold, int px, int min_px, int width);

/* 1 when s..e (up to a NUL) looks like an address — a "/", an "@", or a
 * dot before a letter (www.kaiserslautern.de) — where an added hyphen would
 * change what a visitor types. */
int wrap_is_address(const char *s, const char *e);

/* 1 when the len bytes at w occur in keep (NULL: never) as a word of their
 * own: the measure's keep, words never hyphenated. */
int wrap_kept(const char *keep, const char *w, size_t len);

/* Height of a text line's box: the font's ascent + descent. */
int wrap_line_box(int px);
/* Distance from one line to the next at line height lh (a factor of px),
 * never less than the line box. */
int wrap_advance(int px, double lh);
/* Height of s wrapped into width: at most max_lines lines (0: no limit).
 * The number of lines unlimited goes to *n_lines unless NULL. */
int wrap_height(const layout_measure *m, int width, const char *s, int bold, int px, double lh,
                int max_lines, size_t *n_lines);

#endif
