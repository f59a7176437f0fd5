/* gesture.h — turns pointer events (a finger or the mouse) into gestures: press, tap,
 * double tap, drag, fling (momentum), swipe, and the two-finger hold.
 *
 * Touch comes first; the mouse is a fallback for preview windows. Pure:
 * sdl_input.h turns SDL's events into pointer events (and drops SDL's
 * synthetic ones). Thresholds are relative to the screen size. Times come
 * from the caller's clock (real or virtual).
 *
 * One finger is followed for taps, drags, flings and swipes. A second finger
 * going down while the first is still down ends that: the touch then yields
 * no TAP, DRAG, FLING or SWIPE, only exactly one GEST_CANCEL when the first
 * of the two fingers lifts (the app clears its pressed state). If both
 * fingers stay within the tap slop of where they went down for
 * INPUT_HOLD2_MS after the second went down (and the first had not dragged
 * before), input_tick() reports GEST_HOLD2 once, at their midpoint; the
 * CANCEL still comes at the first lift. Should the first lift come after the
 * hold completed but before input_tick() reported it, that lift gives
 * GEST_HOLD2 instead of GEST_CANCEL. A third finger, a finger that moves
 * past the slop or lifts early stops the hold. Further fingers are ignored
 * until both tracked fingers are up. The mouse has one pointer: no hold.
 *
 * Every GEST_TAP carries taps: 2 when it came at most INPUT_DOUBLE_TAP_MS
 * after the previous TAP (lift to lift) and within 4 % of the short side of
 * where that one went down, else 1 (a third quick tap counts as 1 again).
 * The app decides what a double means; each tap is a TAP. A touch that
 * ends in anything but a TAP breaks the pair. Other gestures have taps 0. */
#ifndef KIOSK_GESTURE_H
#define KIOSK_GESTURE_H

#include <stdint.h>

#define INPUT_HOLD2_MS 2000     /* two fingers held still this long: GEST_HOLD2 */
#define INPUT_DOUBLE_TAP_MS 400 /* a TAP this soon after the previous one: taps 2 */

typedef enum {
    GEST_NONE,
    GEST_PRESS,       /* finger down at x, y */
    GEST_DRAG,        /* finger moved by dx, dy since the last event (past the tap slop) */
    GEST_TAP,         /* finger lifted near where it went down: at x, y (down position); taps */
    GEST_FLING,       /* finger lifted after a vertical drag: vy px/ms for momentum */
    GEST_SWIPE_LEFT,  /* quick horizontal drag to the left: "next" */
    GEST_SWIPE_RIGHT, /* to the right: "previous" */
    GEST_CANCEL,      /* lifted after a drag that was neither, or a two-finger touch ended */
    GEST_HOLD2        /* two fingers held still INPUT_HOLD2_MS: at x, y (their midpoint) */
} gesture_kind;

typedef struct gesture {
    gesture_kind kind;
    int x, y;
    int dx, dy;
    double vy;
    int taps; /* GEST_TAP: 1, or 2 for the second tap of a double tap; else 0 */
} gesture;

typedef struct input {
    int active;
    int mouse;            /* the pointer is the mouse, not a finger */
    int64_t finger;
    int sx, sy, lx, ly;   /* start and last position, pixels */
    uint64_t t0, tl;
    int dragging;
    double vy;            /* smoothed vertical velocity, px/ms */
    /* a second finger during this touch */
    int two;              /* it went down: no single-finger gestures any more */
    int64_t finger2;
    int sx2, sy2;         /* where it went down */
    int up1, up2;         /* which of the two has lifted */
    int hold;             /* the two-finger hold is pending */
    uint64_t hold_at;     /* when it completes */
    /* the previous TAP, for double taps */
    int tap_taps;         /* its taps; 0: none that a new tap could pair with */
    int tap_x, tap_y;
    uint64_t tap_t;
} input;

/* One pointer event: a finger (id) or the mouse, at pixels x, y; a wheel
 * scrolls by wheel notches. */
typedef enum { PTR_DOWN, PTR_MOVE, PTR_UP, PTR_WHEEL } pointer_kind;
typedef struct pointer {
    pointer_kind kind;
    int mouse; /* the mouse, not a finger */
    int64_t id; /* the finger */
    int x, y;
    int wheel;
} pointer;

void input_init(input *in);
/* Feed one pointer event. w, h: drawable size in pixels. Returns 1 and
 * fills g when a gesture results. */
int input_pointer(input *in, const pointer *p, int w, int h, uint64_t now, gesture *g);
/* Time passes: returns 1 and fills g (GEST_HOLD2) when the two-finger hold
 * completed by now, else 0. */
int input_tick(input *in, uint64_t now, gesture *g);
/* When input_tick should next be called: UINT64_MAX when nothing pends. */
uint64_t input_deadline(const input *in);
/* Momentum after a fling: a scroll offset moving at *vel px/ms glides on
 * for dt ms, slowing exponentially with time constant tau_ms, and stops
 * (*vel 0) at 0, at max, or when hardly moving. */
void input_glide(double *scroll, double *vel, double dt, double tau_ms, double max);

#endif
