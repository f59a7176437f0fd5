/* screen.c — the physical screens the kiosk is made for. See screen.h. */
#include "screen.h"

#include <math.h>

static const screen_size sizes[] = {
    {800, 480, 5.19, "7\" Raspberry Pi display (154 x 86 mm)"},
    {1280, 800, 5.9, "10.1\" panel"},
    {1920, 1080, 2.71, "32\" landscape"},
    {1080, 1920, 2.71, "32\" portrait"},
    {3840, 2160, 3.18, "55\" landscape"},
};

const screen_size *screen_sizes(size_t *n)
{
    *n = sizeof sizes / sizeof sizes[0];
    return sizes;
}

/* How unlike two sizes are: 0 for the same, growing with either side's
 * ratio, whichever way. */
static double unlike(int w, int h, const screen_size *z)
{
    return fabs(log((double)w / z->w)) + fabs(log((double)h / z->h));
}

double screen_px_per_mm(int w, int h)
{
    if (w <= 0 || h <= 0)
        return sizes[0].px_per_mm;
    const screen_size *best = &sizes[0];
    for (size_t i = 1; i < sizeof sizes / sizeof sizes[0]; i++)
        if (unlike(w, h, &sizes[i]) < unlike(w, h, best))
            best = &sizes[i];
    if (best->w == w && best->h == h)
        return best->px_per_mm;
    return best->px_per_mm * hypot(w, h) / hypot(best->w, best->h);
}

int screen_mm_to_px(int w, int h, double mm)
{
    return (int)lround(mm * screen_px_per_mm(w, h));
}
