/* scene_page.h — a domain page: a header band in the domain's colour (back,
 * the domain's title, the languages, home), tabs for a domain with several
 * pages, the page's blocks in a scrolling viewport (headings, paragraphs,
 * bullets, key figures, images, links as QR codes) and the control bar.
 * With low_reach the header keeps only the title and the tabs sit just
 * above the bar. Internal to the layout. Pure core. */
#ifndef KIOSK_SCENE_PAGE_H
#define KIOSK_SCENE_PAGE_H

#include "pen.h"

/* The page l->s names; the caller checked that it exists. */
void scene_page(pen *l);

#endif
