/* scene_attract.h — the attract loop: the slides cross-fading, who runs the
 * kiosk, the invitation to touch (never cut: it decides how much room the
 * slides get) with its pulsing touch hint, how speech mode starts, and one
 * dot per slide. When the slides have pictures the screen is split: text
 * beside the picture (landscape) or below it (portrait); the picture fills
 * its part, cropped, and pans slowly over the slide's time. The whole
 * screen is one target. Internal to the layout. Pure core. */
#ifndef KIOSK_SCENE_ATTRACT_H
#define KIOSK_SCENE_ATTRACT_H

#include "pen.h"

void scene_attract(pen *l);

#endif
