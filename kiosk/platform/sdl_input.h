/* sdl_input.h — SDL's touch and mouse events as gesture.h's pointer events.
 *
 * SDL's synthetic events are dropped, so one touch never acts twice: mouse
 * events made from touches (which == SDL_TOUCH_MOUSEID) and touches made
 * from the mouse (touchId == SDL_MOUSE_TOUCHID). */
#ifndef KIOSK_SDL_INPUT_H
#define KIOSK_SDL_INPUT_H

#include <SDL.h>

#include "gesture.h"

/* e as a pointer event in drawable pixels: 1, or 0 when it is none (or a
 * synthetic one). w, h: drawable size; scale_x/y: window to drawable factor
 * (HiDPI). */
int sdl_pointer(const SDL_Event *e, int w, int h, double scale_x, double scale_y, pointer *p);
/* Feed one SDL event to in: sdl_pointer(), then input_pointer(). */
int input_event(input *in, const SDL_Event *e, int w, int h, double scale_x, double scale_y,
                uint64_t now, gesture *g);

#endif
