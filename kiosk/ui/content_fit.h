/* content_fit.h — does every text of the content fit the screens it will
 * be shown on? `kiosk --check` asks before anyone publishes.
 *
 * Every scene of the content (each slide, the menu, each page) is built by
 * the screen's own layout (layout.h) at the five sizes the kiosk is made
 * for — 800x480, 1280x800, 1920x1080, 1080x1920, 3840x2160 — with and
 * without large text, in each language the content is written in, and held
 * to layout_check.h's rules for text: a text cut with an ellipsis
 * (LC_ELLIPSIS) or running out of the screen or of its box (LC_CUT) is a
 * warning at the file, line and column the author wrote it
 * (kcontent.sources), one per text and problem, naming the first screens
 * it happens on. The measure must be the screen's (the renderer's fonts),
 * or the verdict is about some other screen. Pure core. */
#ifndef KIOSK_CONTENT_FIT_H
#define KIOSK_CONTENT_FIT_H

#include "content.h"
#include "diag.h"
#include "layout.h"

/* The sizes checked, as in every layout test. */
#define CONTENT_FIT_SIZES 5
extern const int content_fit_sizes[CONTENT_FIT_SIZES][2];

/* Builds and checks every scene of c with the measure m; each text that
 * does not fit becomes a warning in d. Returns the number of warnings
 * added, or -1 when memory ran out (also reported in d). */
int content_fit_check(const kcontent *c, const layout_measure *m, diag_list *d);

#endif
