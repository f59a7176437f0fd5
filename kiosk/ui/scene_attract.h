/* scene_attract.h — the attract loop: the slides cross-fading, who runs the
 * kiosk, the invitation to touch (never cut: it decides how much room the
 * slides get) with its pulsing touch hint, how speech mode starts, and one
 * dot per slide. Where text, picture and chrome go and how large each
 * slide is set comes from attract_plan.h, decided once for a content, size
 * and language; a slide's picture fills its box, cropped, and pans slowly
 * over the slide's time in whole pixels; a text too long for any frame
 * shows in parts. The whole screen is one target. Internal to the layout.
 * Pure core. */
#ifndef KIOSK_SCENE_ATTRACT_H
#define KIOSK_SCENE_ATTRACT_H

#include "pen.h"

void scene_attract(pen *l);

#endif
