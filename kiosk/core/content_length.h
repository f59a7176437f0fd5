/* content_length.h — texts longer than a resident reads at a kiosk.
 *
 * A resident stands in front of the screen, often on the way to somewhere
 * else, and reads about 200 words (some 1,300 characters of German) a
 * minute. The limits, in characters of each language's text:
 *
 *   title (kiosk, slide, domain, page), heading, fact figure   60
 *       one line at the title size on the 7" screen; read at a glance
 *   summary (menu tile), slide text, caption, link label,
 *   subtitle, invitation                                        120..200
 *       a tile's or a slide's text is read in passing: a slide shows
 *       for 8 s, enough for about 25 words (slide text 200, the rest 120)
 *   bullet, the text under a fact's figure                      300
 *       one point, read in about 15 s
 *   paragraph                                                   600
 *       about 90 words, half a minute: a longer one is left unread
 *
 * Past a limit is a warning at the text's position (kcontent.sources):
 * the text may still fit the screen, but few will read it. Pure core. */
#ifndef KIOSK_CONTENT_LENGTH_H
#define KIOSK_CONTENT_LENGTH_H

#include "content.h"
#include "diag.h"

#define CONTENT_MAX_TITLE 60
#define CONTENT_MAX_SHORT 120
#define CONTENT_MAX_SLIDE_TEXT 200
#define CONTENT_MAX_BULLET 300
#define CONTENT_MAX_PARAGRAPH 600

/* Warns in d about every text of c past its limit. Returns the number of
 * warnings added. */
int content_length_check(const kcontent *c, diag_list *d);

#endif
