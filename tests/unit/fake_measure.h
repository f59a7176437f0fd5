/* fake_measure.h — text measured with a fixed-width fake font (half the
 * pixel size per byte) and every image 800 x 600, for tests that build
 * scenes without fonts. Header-only. */
#ifndef KIOSK_FAKE_MEASURE_H
#define KIOSK_FAKE_MEASURE_H

#include "layout.h"

static int fake_width(void *ctx, int bold, int px, const char *s, size_t len, int rtl)
{
    (void)ctx;
    (void)rtl;
    (void)bold;
    (void)s;
    return (int)len * px / 2;
}

static int fake_image(void *ctx, const char *path, int *w, int *h)
{
    (void)ctx;
    (void)path;
    *w = 800;
    *h = 600;
    return 0;
}

static const layout_measure fake = {.text_width = fake_width, .image_size = fake_image};

#endif
