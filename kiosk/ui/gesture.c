#include "gesture.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void input_init(input *in)
{
    memset(in, 0, sizeof *in);
}

static int short_side(int w, int h)
{
    return w < h ? w : h;
}

/* how far a finger may tremble and still tap (or hold): 2.5 % of the short side */
static int slop(int w, int h)
{
    return short_side(w, h) * 25 / 1000 + 2;
}

static int down(input *in, int mouse, int64_t f, int x, int y, uint64_t now, gesture *g)
{
    if (in->active) {
        if (mouse || in->mouse)
            return 0; /* a finger while the mouse is pressed, or the reverse: ignored */
        in->tap_taps = 0;
        if (in->two) {
            in->hold = 0; /* a third finger is no two-finger hold */
            return 0;
        }
        /* a second finger: the touch is no tap, drag or swipe any more */
        in->two = 1;
        in->finger2 = f;
        in->sx2 = x;
        in->sy2 = y;
        in->up1 = in->up2 = 0;
        in->hold = !in->dragging;
        in->hold_at = now + INPUT_HOLD2_MS;
        return 0;
    }
    in->active = 1;
    in->mouse = mouse;
    in->finger = f;
    in->sx = in->lx = x;
    in->sy = in->ly = y;
    in->t0 = in->tl = now;
    in->dragging = 0;
    in->vy = 0;
    in->two = 0;
    in->hold = 0;
    *g = (gesture){GEST_PRESS, x, y, 0, 0, 0, 0};
    return 1;
}

static int move(input *in, int x, int y, int w, int h, uint64_t now, gesture *g)
{
    int s = slop(w, h);
    if (!in->dragging && abs(x - in->sx) <= s && abs(y - in->sy) <= s)
        return 0;
    int dx = x - in->lx, dy = y - in->ly;
    uint64_t dt = now > in->tl ? now - in->tl : 1;
    double v = dy / (double)dt;
    in->vy = in->dragging ? 0.6 * v + 0.4 * in->vy : v;
    in->dragging = 1;
    in->lx = x;
    in->ly = y;
    in->tl = now;
    *g = (gesture){GEST_DRAG, x, y, dx, dy, in->vy, 0};
    return 1;
}

/* the tap count of a TAP at x, y lifted at now; remembers it for the next */
static int count_taps(input *in, int x, int y, int w, int h, uint64_t now)
{
    int near = short_side(w, h) * 4 / 100;
    double dist = hypot(x - in->tap_x, y - in->tap_y);
    int taps = in->tap_taps == 1 && now - in->tap_t <= INPUT_DOUBLE_TAP_MS && dist <= near ? 2 : 1;
    in->tap_taps = taps;
    in->tap_x = x;
    in->tap_y = y;
    in->tap_t = now;
    return taps;
}

static int up(input *in, int x, int y, int w, int h, uint64_t now, gesture *g)
{
    in->active = 0;
    if (!in->dragging) {
        int taps = count_taps(in, in->sx, in->sy, w, h, now);
        *g = (gesture){GEST_TAP, in->sx, in->sy, 0, 0, 0, taps};
        return 1;
    }
    in->tap_taps = 0;
    int tdx = x - in->sx, tdy = y - in->sy;
    uint64_t dur = now - in->t0;
    /* a swipe: mostly horizontal, at least 12 % of the width, within a second */
    if (abs(tdx) >= w * 12 / 100 && abs(tdx) > 2 * abs(tdy) && dur <= 1000) {
        *g = (gesture){tdx < 0 ? GEST_SWIPE_LEFT : GEST_SWIPE_RIGHT, x, y, tdx, tdy, 0, 0};
        return 1;
    }
    /* a finger that rested before lifting throws nothing */
    double vy = now - in->tl > 80 ? 0 : in->vy;
    if (abs(tdy) >= abs(tdx) && fabs(vy) > 0.05) {
        *g = (gesture){GEST_FLING, x, y, tdx, tdy, vy, 0};
        return 1;
    }
    *g = (gesture){GEST_CANCEL, x, y, tdx, tdy, 0, 0};
    return 1;
}

static void hold2(const input *in, gesture *g)
{
    *g = (gesture){GEST_HOLD2, (in->sx + in->sx2) / 2, (in->sy + in->sy2) / 2, 0, 0, 0, 0};
}

/* Gives HOLD2 when the hold was complete by now but not yet reported: an
 * event that ends the hold must not swallow one that already happened. */
static int hold_due(input *in, uint64_t now, gesture *g)
{
    if (!in->hold || now < in->hold_at)
        return 0;
    in->hold = 0;
    hold2(in, g);
    return 1;
}

/* a finger of a two-finger touch moved (second: which one) */
static int two_move(input *in, int second, int x, int y, int w, int h, uint64_t now, gesture *g)
{
    int s = slop(w, h);
    int sx = second ? in->sx2 : in->sx, sy = second ? in->sy2 : in->sy;
    if (abs(x - sx) <= s && abs(y - sy) <= s)
        return 0;
    if (hold_due(in, now, g))
        return 1;
    in->hold = 0;
    return 0;
}

/* a finger of a two-finger touch lifted: the first lift ends the gesture */
static int two_up(input *in, int second, uint64_t now, gesture *g)
{
    int first_lift = !in->up1 && !in->up2;
    if (second)
        in->up2 = 1;
    else
        in->up1 = 1;
    if (in->up1 && in->up2) {
        in->active = 0;
        in->two = 0;
    }
    if (!first_lift)
        return 0;
    if (hold_due(in, now, g))
        return 1;
    in->hold = 0;
    *g = (gesture){GEST_CANCEL, in->lx, in->ly, 0, 0, 0, 0};
    return 1;
}

/* the one finger or the mouse pointer of a single-pointer touch */
static int single(input *in, const pointer *p, int w, int h, uint64_t now, gesture *g)
{
    if (!in->active || in->mouse != p->mouse || (!p->mouse && in->finger != p->id))
        return 0;
    if (p->kind == PTR_MOVE)
        return move(in, p->x, p->y, w, h, now, g);
    return up(in, p->x, p->y, w, h, now, g);
}

int input_pointer(input *in, const pointer *p, int w, int h, uint64_t now, gesture *g)
{
    if (p->kind == PTR_WHEEL) {
        if (in->active)
            return 0;
        *g = (gesture){GEST_DRAG, 0, 0, 0, p->wheel * short_side(w, h) / 12, 0, 0};
        return 1;
    }
    if (p->kind == PTR_DOWN)
        return down(in, p->mouse, p->id, p->x, p->y, now, g);
    if (!p->mouse && in->active && !in->mouse && in->two) {
        int second;
        if (p->id == in->finger && !in->up1)
            second = 0;
        else if (p->id == in->finger2 && !in->up2)
            second = 1;
        else
            return 0;
        if (p->kind == PTR_MOVE)
            return two_move(in, second, p->x, p->y, w, h, now, g);
        return two_up(in, second, now, g);
    }
    return single(in, p, w, h, now, g);
}

int input_tick(input *in, uint64_t now, gesture *g)
{
    return in->active && in->two ? hold_due(in, now, g) : 0;
}

uint64_t input_deadline(const input *in)
{
    return in->active && in->two && in->hold ? in->hold_at : UINT64_MAX;
}

void input_glide(double *scroll, double *vel, double dt, double tau_ms, double max)
{
    *scroll -= *vel * tau_ms * (1 - exp(-dt / tau_ms));
    *vel *= exp(-dt / tau_ms);
    if (*scroll <= 0 || *scroll >= max || fabs(*vel) < 0.02) {
        *scroll = *scroll < 0 ? 0 : *scroll > max ? max : *scroll;
        *vel = 0;
    }
}
