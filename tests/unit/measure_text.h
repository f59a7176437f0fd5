/* measure_text.h — the measures the layout's tests set text with: a
 * deterministic fake font (58 % of the size a character, 64 % bold), the
 * bundled font through SDL2_ttf (measure_ttf.h), and a hyphenation that
 * allows a break wherever German patterns could, so every word-breaking
 * path of the layout is taken. Included by tests/unit/test_*.c. */
#ifndef KIOSK_TEST_MEASURE_TEXT_H
#define KIOSK_TEST_MEASURE_TEXT_H

#include <stdint.h>

#include "layout.h"
#include "measure_ttf.h"
#include "utf8.h"

static inline int fake_width(void *ctx, int bold, int px, const char *s, size_t len, int rtl)
{
    (void)ctx;
    (void)rtl;
    return (int)(utf8_count(s, len) * (size_t)px * (bold ? 64 : 58) / 100);
}

/* A hyphenation that allows what German patterns allow at most: a break
 * between any two letters, two letters or more before it, three after. It
 * puts every word-breaking path of the layout to work. */
static inline int test_hyphenate(void *ctx, const char *lg, const char *word, size_t len, char *marks)
{
    (void)ctx;
    (void)lg;
    size_t ends[256], n = 0;
    for (size_t i = 0; i < len && n < 256;) {
        uint32_t cp;
        size_t k = utf8_decode(word + i, len - i, &cp);
        if (!k || !(cp >= 0x80 || (cp | 0x20) - 'a' < 26))
            return -1; /* only words of letters */
        i += k;
        ends[n++] = i;
    }
    int marked = 0;
    for (size_t c = 1; c + 3 < n; c++) {
        marks[ends[c] - 1] = 1;
        marked++;
    }
    return marked;
}

static const layout_measure fake = {.text_width = fake_width, .image_size = measure_image,
                                    .hyphenate = test_hyphenate};

static const layout_measure real = {.text_width = measure_ttf_width, .image_size = measure_image,
                                    .hyphenate = test_hyphenate};

/* cmocka group setup and teardown for tests that measure with the font. */
static inline int measure_text_setup(void **st)
{
    (void)st;
    return TTF_Init();
}

static inline int measure_text_teardown(void **st)
{
    (void)st;
    measure_ttf_quit();
    return 0;
}

#endif
