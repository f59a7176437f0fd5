/* scene_menu.h — the domain menu: the content's title and menu title, the
 * language switch, a grid of tiles (one a domain: icon, title, summary) and
 * the control bar. The grid takes as many columns as give tiles closest to
 * a pleasant 4:3 among those where every title fits whole, one title size
 * for all; with low_reach it stays below the reach line where it can.
 * Internal to the layout. Pure core. */
#ifndef KIOSK_SCENE_MENU_H
#define KIOSK_SCENE_MENU_H

#include "pen.h"

void scene_menu(pen *l);

#endif
