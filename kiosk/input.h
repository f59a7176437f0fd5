/* input.h — turns SDL touch and mouse events into gestures: press, tap,
 * drag, fling (momentum), swipe.
 *
 * Touch comes first; the mouse is a fallback for preview windows. SDL's
 * synthetic events are dropped, so one touch never acts twice: mouse events
 * made from touches (which == SDL_TOUCH_MOUSEID) and touches made from the
 * mouse (touchId == SDL_MOUSE_TOUCHID). Only one finger is followed at a time.
 * Thresholds are relative to the screen size. Times come from the caller's
 * clock (real or virtual), not from SDL. */
#ifndef KIOSK_INPUT_H
#define KIOSK_INPUT_H

#include <SDL.h>
#include <stdint.h>

typedef enum {
    GEST_NONE,
    GEST_PRESS,       /* finger down at x, y */
    GEST_DRAG,        /* finger moved by dx, dy since the last event (past the tap slop) */
    GEST_TAP,         /* finger lifted near where it went down: at x, y (down position) */
    GEST_FLING,       /* finger lifted after a vertical drag: vy px/ms for momentum */
    GEST_SWIPE_LEFT,  /* quick horizontal drag to the left: "next" */
    GEST_SWIPE_RIGHT, /* to the right: "previous" */
    GEST_CANCEL       /* lifted after a drag that was neither */
} gesture_kind;

typedef struct gesture {
    gesture_kind kind;
    int x, y;
    int dx, dy;
    double vy;
} gesture;

typedef struct input {
    int active;
    int mouse;            /* the pointer is the mouse, not a finger */
    SDL_FingerID finger;
    int sx, sy, lx, ly;   /* start and last position, pixels */
    uint64_t t0, tl;
    int dragging;
    double vy;            /* smoothed vertical velocity, px/ms */
} input;

void input_init(input *in);
/* Feed one SDL event. w, h: drawable size in pixels; scale_x/y: window to
 * drawable factor (HiDPI). Returns 1 and fills g when a gesture results. */
int input_event(input *in, const SDL_Event *e, int w, int h, double scale_x, double scale_y,
                uint64_t now, gesture *g);

#endif
