/* scene_overlay.h — what covers a scene: the idle countdown (a modal card
 * with a large "more time" button), the preview's content errors, and the
 * emergency notice over everything. Each leaves no target under it that a
 * tap could reach. Internal to the layout. Pure core. */
#ifndef KIOSK_SCENE_OVERLAY_H
#define KIOSK_SCENE_OVERLAY_H

#include "diag.h"
#include "pen.h"

/* The idle warning with secs seconds left. */
void scene_countdown(pen *l, int secs);
/* Content errors in the lower part of the screen, or over all of it when
 * there is no good content to show (l->c NULL). */
void scene_diags(pen *l, const diag_list *dl);
void scene_notice(pen *l, const layout_notice *n);

#endif
