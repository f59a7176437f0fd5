/* rotate.h — screen rotation: the panel is mounted turned, the picture is
 * drawn turned to match, and every touch must be turned back.
 *
 * `deg` is 0, 90, 180 or 270: how far the picture is rotated clockwise on
 * the panel. The scene is laid out for the logical size (width and height
 * swapped at 90 and 270) and copied onto the panel rotated; touch and mouse
 * positions arrive in panel coordinates and are mapped into the scene's with
 * rotate_to_logical(). Coordinates are relative, 0..1, so the same functions
 * serve SDL's normalised finger events and pixel positions. Pure. */
#ifndef KIOSK_ROTATE_H
#define KIOSK_ROTATE_H

/* 1 for 0, 90, 180, 270. */
int rotate_valid(int deg);
/* The scene's size for a panel of pw x ph. */
void rotate_logical_size(int deg, int pw, int ph, int *lw, int *lh);
/* A point on the panel → the same point in the scene. */
void rotate_to_logical(int deg, double px, double py, double *lx, double *ly);
/* A point in the scene → where it shows on the panel (the inverse). */
void rotate_to_panel(int deg, double lx, double ly, double *px, double *py);

#endif
