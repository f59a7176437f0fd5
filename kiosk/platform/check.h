/* check.h — `kiosk --check DIR`: what the screen would get wrong, found
 * before anything is published.
 *
 * Errors (the content cannot be published):
 *   - everything content_load() reports (content.h);
 *   - an image that does not decode: every PNG and JPEG is decoded whole
 *     through SDL2_image, every SVG rasterized, as the screen will (a valid
 *     header on broken data shows a grey square there); at the line and
 *     column of the image:, icon:, logo: that names it;
 *   - an entry of the tree that is not a plain file or folder: a symbolic
 *     link, a FIFO, socket or device (content_tree.h, the publisher's rule);
 *   - a table of the UI's words with an unknown entry or a text whose printf
 *     conversions are not its entry's (uistrings.h), German's incomplete.
 * Warnings (the content works, but a resident is served badly):
 *   - a text cut off or running out of its box at one of the five screen
 *     sizes, with or without large text, in any language (content_fit.h);
 *   - a text longer than a resident reads at a kiosk (content_length.h);
 *   - a file in the tree no content names (documentation, *.md, excepted);
 *   - a declared language without a table of the UI's words (neither the
 *     kiosk's assets/strings/ nor the tree's strings/), or an entry its table
 *     leaves out (its fallback shows);
 *   - a declared language whose voice espeak-ng does not have.
 * With strict, warnings fail the check too (for CI). */
#ifndef KIOSK_CHECK_H
#define KIOSK_CHECK_H

#include <stddef.h>

/* Checks the tree at dir, measuring text with the fonts in fonts_dir and
 * taking the UI's words from strings_dir (besides the tree's own);
 * prints the diagnostics (at most max, then a count) to stderr and a
 * summary line to stdout. Returns the exit status: 0 clean (or warnings
 * without strict), 1 errors (or warnings with strict). */
int check_content(const char *dir, const char *fonts_dir, const char *strings_dir, int strict,
                  size_t max);

#endif
