/* measure_ttf.h — the layout's measure for tests that need the screen's
 * own: text through the bundled font with SDL2_ttf (no window needed), so
 * wraps and cuts happen where they happen on screen; images all 800x600,
 * except those named "fehlt" (missing). Included by tests/unit/test_*.c. */
#ifndef KIOSK_TEST_MEASURE_TTF_H
#define KIOSK_TEST_MEASURE_TTF_H

#include <stdio.h>
#include <string.h>

#include <SDL_ttf.h>

#include "layout.h"

static TTF_Font *measure_fonts[DL_FONTS][1024];

static inline int measure_ttf_width(void *ctx, int bold, int px, const char *s, size_t len,
                                    int rtl)
{
    (void)ctx;
    (void)rtl; /* Latin text: one run either way */
    if (px < 1 || px >= 1024 || bold < 0 || bold >= DL_FONTS)
        return -1;
    if (!measure_fonts[bold][px]) {
        char path[256];
        snprintf(path, sizeof path, "assets/fonts/%s", scene_font_file[bold]);
        measure_fonts[bold][px] = TTF_OpenFont(path, px);
        if (!measure_fonts[bold][px])
            fail_msg("cannot open the bundled font: %s", TTF_GetError());
    }
    char buf[4096];
    if (len >= sizeof buf)
        len = sizeof buf - 1;
    memcpy(buf, s, len);
    buf[len] = '\0';
    int w = 0, h = 0;
    TTF_SizeUTF8(measure_fonts[bold][px], buf, &w, &h);
    return w;
}

static inline int measure_image(void *ctx, const char *path, int *w, int *h)
{
    (void)ctx;
    if (strstr(path, "fehlt"))
        return -1;
    *w = 800;
    *h = 600;
    return 0;
}

/* The fonts opened so far closed, and SDL2_ttf with them. */
static inline void measure_ttf_quit(void)
{
    for (int b = 0; b < DL_FONTS; b++)
        for (int i = 0; i < 1024; i++)
            if (measure_fonts[b][i]) {
                TTF_CloseFont(measure_fonts[b][i]);
                measure_fonts[b][i] = NULL;
            }
    TTF_Quit();
}

#endif
