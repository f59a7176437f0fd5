/* screen.h — the physical screens the kiosk is made for.
 *
 * One table of the five target sizes and the typical screen behind each
 * (the official 7" Pi display at 800x480, a 10.1" panel at 1280x800, 32"
 * landscape and portrait at 1920x1080 and 1080x1920, 55" at 3840x2160), so
 * that millimetres on the glass — a 9 mm target, a finger's 3 mm of
 * forgiveness — become pixels the same way in the layout, the session and
 * the tests.
 *
 * Pure core. */
#ifndef KIOSK_SCREEN_H
#define KIOSK_SCREEN_H

#include <stddef.h>

typedef struct screen_size {
    int w, h;          /* pixels */
    double px_per_mm;  /* of the typical screen with that many pixels */
    const char *what;  /* "7\" Pi display", ... */
} screen_size;

/* The table, in the order of the sizes above. */
const screen_size *screen_sizes(size_t *n);
/* Pixels per millimetre of a w x h screen: the table's value for a size in
 * it; for any other, the nearest size's screen (by the ratio of width and of
 * height, so orientation counts) taken at the same physical size, its
 * px/mm scaled by the ratio of the diagonals in pixels. */
double screen_px_per_mm(int w, int h);
/* mm millimetres in pixels on a w x h screen, rounded. */
int screen_mm_to_px(int w, int h, double mm);

#endif
