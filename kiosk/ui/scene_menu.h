/* scene_menu.h — the domain menu: the menu's title and the town's name, a
 * grid of tiles (one a domain: its picture cropped to fill, or its icon;
 * its title; its summary, whole) and the navigation bar. The grid takes
 * the columns that fit the screen closest to a pleasant 3:2, with
 * pictures where they fit; when nothing fits, the menu scrolls (by drag,
 * the tiles fading into the ground over a chevron at the foot) with fewer
 * columns, each row as high as its longest text. One title size for all
 * tiles, never below the summary's. With low_reach the tiles begin at the
 * reach line. Internal to the layout. Pure core. */
#ifndef KIOSK_SCENE_MENU_H
#define KIOSK_SCENE_MENU_H

#include "pen.h"

void scene_menu(pen *l);

#endif
