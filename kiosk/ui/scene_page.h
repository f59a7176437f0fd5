/* scene_page.h — a domain page: a header row with the domain's icon and
 * title and the tabs of a domain with several pages (when both do not fit
 * one row the tabs keep it and the title scrolls with the page; tabs that
 * do not fit one row show as a window onto them, the selected tab whole
 * and the edge of the next one at the screen's side), the page's blocks in a
 * scrolling viewport (headings, paragraphs, bullets, key figures, images,
 * links as QR codes, room for a caption line at the foot) and the
 * navigation bar. With large text and with low_reach the title scrolls
 * with the page: with large text the pager sits at the page's foot, with
 * low_reach the tabs sit in one row just above the bar. Internal to the
 * layout. Pure core. */
#ifndef KIOSK_SCENE_PAGE_H
#define KIOSK_SCENE_PAGE_H

#include "pen.h"

/* The page l->s names; the caller checked that it exists. */
void scene_page(pen *l);

#endif
