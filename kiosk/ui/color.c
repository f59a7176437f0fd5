/* color.c — colour maths for the layout. See color.h. */
#include "color.h"

#include <math.h>

const kcolor COLOR_WHITE = {255, 255, 255};
const kcolor COLOR_INK = {17, 24, 39};
const kcolor COLOR_BLACK = {0, 0, 0};
const kcolor COLOR_YELLOW = {255, 215, 0};
const kcolor COLOR_PALE_GREY = {224, 224, 224};

static double channel(uint8_t v)
{
    double c = v / 255.0;
    return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

static double luminance(kcolor c)
{
    return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
}

double color_contrast(kcolor a, kcolor b)
{
    double la = luminance(a), lb = luminance(b);
    return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

/* One of white and ink always reaches 4.5:1. */
kcolor color_readable(kcolor bg, kcolor want, double min)
{
    if (color_contrast(want, bg) >= min)
        return want;
    double cw = color_contrast(COLOR_WHITE, bg), ci = color_contrast(COLOR_INK, bg);
    if (cw >= ci)
        return COLOR_WHITE;
    return ci >= 4.5 ? COLOR_INK : COLOR_BLACK;
}

kcolor color_mix(kcolor a, kcolor b, double t)
{
    kcolor r = {(uint8_t)(a.r + (b.r - a.r) * t + 0.5), (uint8_t)(a.g + (b.g - a.g) * t + 0.5),
                (uint8_t)(a.b + (b.b - a.b) * t + 0.5)};
    return r;
}

/* Moved away from fg, not towards it. */
kcolor color_tint(kcolor bg, kcolor fg)
{
    int light_fg = luminance(fg) > luminance(bg);
    return color_mix(bg, light_fg ? COLOR_BLACK : COLOR_WHITE, light_fg ? 0.22 : 0.28);
}

kcolor color_accent_on(kcolor bg, kcolor col)
{
    kcolor toward = luminance(bg) < 0.3 ? COLOR_WHITE : COLOR_BLACK;
    for (int i = 0; i <= 10; i++) {
        kcolor c = color_mix(col, toward, i * 0.08);
        if (color_contrast(c, bg) >= 3.6) /* 3:1 is the rule; a little more reads better */
            return c;
    }
    return toward;
}

ktheme color_high_contrast(void)
{
    return (ktheme){.background = COLOR_BLACK,
                    .surface = COLOR_BLACK,
                    .text = COLOR_WHITE,
                    .muted = COLOR_PALE_GREY,
                    .accent = COLOR_YELLOW};
}
