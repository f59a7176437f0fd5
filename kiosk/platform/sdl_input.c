#include "sdl_input.h"

static int finger(const SDL_Event *e, int w, int h, pointer *p)
{
    if (e->tfinger.touchId == SDL_MOUSE_TOUCHID)
        return 0;
    p->kind = e->type == SDL_FINGERDOWN ? PTR_DOWN : e->type == SDL_FINGERMOTION ? PTR_MOVE : PTR_UP;
    p->id = (int64_t)e->tfinger.fingerId;
    p->x = (int)(e->tfinger.x * w + 0.5);
    p->y = (int)(e->tfinger.y * h + 0.5);
    return 1;
}

int sdl_pointer(const SDL_Event *e, int w, int h, double scale_x, double scale_y, pointer *p)
{
    *p = (pointer){0};
    switch (e->type) {
    case SDL_FINGERDOWN:
    case SDL_FINGERMOTION:
    case SDL_FINGERUP:
        return finger(e, w, h, p);
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
        if (e->button.which == SDL_TOUCH_MOUSEID || e->button.button != SDL_BUTTON_LEFT)
            return 0;
        *p = (pointer){e->type == SDL_MOUSEBUTTONDOWN ? PTR_DOWN : PTR_UP, 1, 0,
                       (int)(e->button.x * scale_x), (int)(e->button.y * scale_y), 0};
        return 1;
    case SDL_MOUSEMOTION:
        if (e->motion.which == SDL_TOUCH_MOUSEID)
            return 0;
        *p = (pointer){PTR_MOVE, 1, 0, (int)(e->motion.x * scale_x), (int)(e->motion.y * scale_y), 0};
        return 1;
    case SDL_MOUSEWHEEL:
        if (e->wheel.which == SDL_TOUCH_MOUSEID)
            return 0;
        *p = (pointer){PTR_WHEEL, 1, 0, 0, 0, e->wheel.y};
        return 1;
    default:
        return 0;
    }
}

int input_event(input *in, const SDL_Event *e, int w, int h, double scale_x, double scale_y,
                uint64_t now, gesture *g)
{
    pointer p;
    return sdl_pointer(e, w, h, scale_x, scale_y, &p) && input_pointer(in, &p, w, h, now, g);
}
