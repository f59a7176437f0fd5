/* widgets.h — the controls every scene shares: buttons with an icon and a
 * word, the language switch, and the one navigation bar at the foot of the
 * menu and the pages (Back, Home, the languages, "Bedienhilfen"), with the
 * small sheets it opens (the accessibility toggles; the language chooser
 * when the languages do not fit in the bar).
 *
 * Each returns the width or height it takes; with dry set it only measures,
 * so a scene can try layouts before it places anything. "Selected" looks
 * the same everywhere: the theme's text colour as the fill with the
 * background's colour on it (navy and white in the bundled theme), yellow
 * and black in high contrast. Internal to the layout. Pure core. */
#ifndef KIOSK_WIDGETS_H
#define KIOSK_WIDGETS_H

#include "pen.h"
#include "kstrings.h"

/* Icons: glyphs of Material Icons (DL_FONT_ICON), the one icon set. */
#define ICON_BACK "\xEE\x97\x84"     /* arrow_back */
#define ICON_HOME "\xEE\xA2\x8A"     /* home */
#define ICON_A11Y "\xEE\xA4\xAC"     /* accessibility_new */
#define ICON_LANGUAGE "\xEE\xA2\x94" /* language */
#define ICON_CONTRAST "\xEE\xA2\x91" /* invert_colors */
#define ICON_LARGE "\xEE\x89\x85"    /* format_size */
#define ICON_SPEECH "\xEE\xA4\x9F"   /* record_voice_over */
#define ICON_CHECK "\xEE\x97\x8A"    /* check */
#define ICON_CLOSE "\xEE\x97\x8D"    /* close */
#define ICON_ARROW "\xEE\x97\x88"    /* arrow_forward */
#define ICON_MORE "\xEE\x97\x8F"     /* expand_more */
#define ICON_LEFT "\xEE\x97\x8B"     /* chevron_left */
#define ICON_RIGHT "\xEE\x97\x8C"    /* chevron_right */

/* A button's look. */
enum { WB_PLAIN, WB_SELECTED, WB_DISABLED };

/* The height of a control: 48 units, the minimum target, or the label with
 * its padding (large text). */
int widget_button_h(const pen *l);
/* ... with words of px. */
int widget_button_h_for(const pen *l, int px);
/* The line below which low_reach puts every control. */
int widget_reach_y(const pen *l);
/* The selected style's fill and text colour. */
void widget_selected(const pen *l, kcolor *fill, kcolor *fg);
/* An icon glyph of px at (x, y) in colour col. */
void widget_icon(pen *l, int x, int y, const char *icon, int px, kcolor col);

/* A pill button h high at (x, y): icon (or NULL) and label in size px on
 * bg, in the look of style; WB_DISABLED has no target. Returns its width. */
int widget_button(pen *l, int x, int y, int h, const char *icon, const char *label, int px,
                  int style, kcolor bg, nav_action a, int arg, const char *name, int dry);
/* The language switch: a segmented pill at (x, y), each language named in
 * itself at px (body size or larger), the current one selected. Returns
 * its width. */
int widget_langs(pen *l, int x, int y, int h, int px, kcolor bg, int dry);
/* The switch's inset around the selected language. */
int widget_langs_inset(const pen *l);

/* The navigation bar along the bottom. Returns its height (one row, or two
 * when the words do not fit in one: no word is ever dropped). */
int widget_bar(pen *l, int dry);
/* The open sheet over the scene, if any: call last, after every other
 * target; nothing above the bar but the sheet can be tapped then. */
void widget_sheet(pen *l);

#endif
