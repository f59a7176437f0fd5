#include "input.h"

#include <math.h>
#include <string.h>

void input_init(input *in)
{
    memset(in, 0, sizeof *in);
}

static int short_side(int w, int h)
{
    return w < h ? w : h;
}

static int down(input *in, int mouse, SDL_FingerID f, int x, int y, uint64_t now, gesture *g)
{
    if (in->active)
        return 0; /* a second finger: ignored */
    in->active = 1;
    in->mouse = mouse;
    in->finger = f;
    in->sx = in->lx = x;
    in->sy = in->ly = y;
    in->t0 = in->tl = now;
    in->dragging = 0;
    in->vy = 0;
    *g = (gesture){GEST_PRESS, x, y, 0, 0, 0};
    return 1;
}

static int move(input *in, int x, int y, int w, int h, uint64_t now, gesture *g)
{
    int slop = short_side(w, h) * 25 / 1000 + 2; /* 2.5 % of the short side */
    if (!in->dragging && abs(x - in->sx) <= slop && abs(y - in->sy) <= slop)
        return 0;
    int dx = x - in->lx, dy = y - in->ly;
    uint64_t dt = now > in->tl ? now - in->tl : 1;
    double v = dy / (double)dt;
    in->vy = in->dragging ? 0.6 * v + 0.4 * in->vy : v;
    in->dragging = 1;
    in->lx = x;
    in->ly = y;
    in->tl = now;
    *g = (gesture){GEST_DRAG, x, y, dx, dy, in->vy};
    return 1;
}

static int up(input *in, int x, int y, int w, int h, uint64_t now, gesture *g)
{
    (void)h;
    in->active = 0;
    if (!in->dragging) {
        *g = (gesture){GEST_TAP, in->sx, in->sy, 0, 0, 0};
        return 1;
    }
    int tdx = x - in->sx, tdy = y - in->sy;
    uint64_t dur = now - in->t0;
    /* a swipe: mostly horizontal, at least 12 % of the width, within a second */
    if (abs(tdx) >= w * 12 / 100 && abs(tdx) > 2 * abs(tdy) && dur <= 1000) {
        *g = (gesture){tdx < 0 ? GEST_SWIPE_LEFT : GEST_SWIPE_RIGHT, x, y, tdx, tdy, 0};
        return 1;
    }
    /* a finger that rested before lifting throws nothing */
    double vy = now - in->tl > 80 ? 0 : in->vy;
    if (abs(tdy) >= abs(tdx) && fabs(vy) > 0.05) {
        *g = (gesture){GEST_FLING, x, y, tdx, tdy, vy};
        return 1;
    }
    *g = (gesture){GEST_CANCEL, x, y, tdx, tdy, 0};
    return 1;
}

int input_event(input *in, const SDL_Event *e, int w, int h, double scale_x, double scale_y,
                uint64_t now, gesture *g)
{
    switch (e->type) {
    case SDL_FINGERDOWN:
    case SDL_FINGERMOTION:
    case SDL_FINGERUP: {
        if (e->tfinger.touchId == SDL_MOUSE_TOUCHID)
            return 0;
        int x = (int)(e->tfinger.x * w + 0.5), y = (int)(e->tfinger.y * h + 0.5);
        if (e->type == SDL_FINGERDOWN)
            return down(in, 0, e->tfinger.fingerId, x, y, now, g);
        if (!in->active || in->mouse || in->finger != e->tfinger.fingerId)
            return 0;
        if (e->type == SDL_FINGERMOTION)
            return move(in, x, y, w, h, now, g);
        return up(in, x, y, w, h, now, g);
    }
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP: {
        if (e->button.which == SDL_TOUCH_MOUSEID || e->button.button != SDL_BUTTON_LEFT)
            return 0;
        int x = (int)(e->button.x * scale_x), y = (int)(e->button.y * scale_y);
        if (e->type == SDL_MOUSEBUTTONDOWN)
            return down(in, 1, 0, x, y, now, g);
        if (!in->active || !in->mouse)
            return 0;
        return up(in, x, y, w, h, now, g);
    }
    case SDL_MOUSEMOTION:
        if (e->motion.which == SDL_TOUCH_MOUSEID || !in->active || !in->mouse)
            return 0;
        return move(in, (int)(e->motion.x * scale_x), (int)(e->motion.y * scale_y), w, h, now, g);
    case SDL_MOUSEWHEEL:
        if (e->wheel.which == SDL_TOUCH_MOUSEID || in->active)
            return 0;
        *g = (gesture){GEST_DRAG, 0, 0, 0, e->wheel.y * short_side(w, h) / 12, 0};
        return 1;
    default:
        return 0;
    }
}
