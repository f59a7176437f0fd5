#include "rotate.h"

int rotate_valid(int deg)
{
    return deg == 0 || deg == 90 || deg == 180 || deg == 270;
}

void rotate_logical_size(int deg, int pw, int ph, int *lw, int *lh)
{
    int swap = deg == 90 || deg == 270;
    *lw = swap ? ph : pw;
    *lh = swap ? pw : ph;
}

/* Turning the picture clockwise by 90 degrees (y grows downwards) takes the
 * scene's top-left corner to the panel's top-right one: (x, y) → (1-y, x). */
void rotate_to_panel(int deg, double lx, double ly, double *px, double *py)
{
    switch (deg) {
    case 90:
        *px = 1 - ly;
        *py = lx;
        break;
    case 180:
        *px = 1 - lx;
        *py = 1 - ly;
        break;
    case 270:
        *px = ly;
        *py = 1 - lx;
        break;
    default:
        *px = lx;
        *py = ly;
    }
}

/* Turning back is turning on by the rest of a full turn. */
void rotate_to_logical(int deg, double px, double py, double *lx, double *ly)
{
    rotate_to_panel((360 - deg) % 360, px, py, lx, ly);
}
