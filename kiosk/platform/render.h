/* render.h — draws a scene (layout.h) with SDL2: rounded rectangles, text,
 * images, QR codes.
 *
 * Pictures (a dl_item with cover) are cropped to fill their box, centred,
 * zoomed and panned as the item says, never stretched; an SVG is rasterized
 * through SDL2_image at the box's size (plus the zoom's margin), once per
 * size, and kept in the cache like every texture.
 *
 * Every text line, image and QR code becomes a texture once and is kept in a
 * bounded LRU cache (entries and bytes), so an unchanged screen costs no
 * font rendering. Text is rendered white and tinted when drawn, so one
 * texture serves every colour. Fonts are opened per pixel size on demand.
 *
 * Each line is ordered by the bidirectional algorithm (bidi.h; the item's
 * rtl flag is its paragraph's direction) and shaped run by run through
 * SDL2_ttf's HarfBuzz with the run's direction and script: Arabic joins
 * and reads right to left, numbers and Latin words keep their order.
 * Arabic script is set in Noto Sans Arabic, read from its file the first
 * time a text needs it; German and English never open it.
 *
 * A missing or broken image gets a neutral placeholder and one log line; a
 * character the font lacks is drawn as U+FFFD (or '?'); nothing here aborts
 * at run time. The renderer provides the layout's measure callbacks, so what
 * the layout measures is exactly what is drawn. */
#ifndef KIOSK_RENDER_H
#define KIOSK_RENDER_H

#include <SDL.h>

#include "layout.h"

typedef struct render render;

/* fonts_dir holds the files of scene_font_file and scene_font_arabic
 * (scene.h; the Arabic ones are read when a text first needs them, and
 * their absence costs only that text its glyphs). content_root is
 * where content-relative image paths start (copied). NULL on failure (the
 * reason is logged). */
render *render_new(SDL_Renderer *r, const char *fonts_dir, const char *content_root);
void render_free(render *rd); /* accepts NULL */
/* A new content generation: drops cached images (same name, new file). */
int render_set_content_root(render *rd, const char *content_root);
/* The screen shows something render_scene() did not draw: draw it whole. */
void render_forget(render *rd);
/* Drop every texture (after SDL_RENDER_TARGETS_RESET / DEVICE_RESET). */
void render_flush(render *rd);
/* Measure callbacks for layout_build(); valid while rd lives. */
const layout_measure *render_measure(render *rd);
/* The measure hyphenates once the patterns have loaded (hyph.h): 1 the
 * first time it is asked after that (lay the scene out again), else 0. */
int render_hyphens_arrived(render *rd);
/* Wait for the patterns: a scripted run or a screenshot sets its text as
 * the screen will, every time the same. */
void render_hyphens_wait(render *rd);
/* Draw sc with the page scrolled by scroll pixels; pressed is the target
 * index under a finger (highlighted), or -1. Does not present. With the
 * software renderer, whose frame stays, only what changed since the last
 * scene is drawn again; render_forget() after drawing anything else. */
void render_scene(render *rd, const scene *sc, int scroll, int pressed);
/* Draw a focus ring (yellow between black lines) around target, the
 * control speech mode is on; -1 draws nothing. After render_scene(). */
void render_focus(render *rd, const scene *sc, int target);
/* Save what was drawn (before SDL_RenderPresent) as PNG. 0 on success. */
int render_save_png(render *rd, const char *path);
/* The same into the file fd (open for writing; closed here). 0, or -1. */
int render_save_png_fd(render *rd, int fd);
/* With on, SVG pictures not yet rasterized are not made now: their boxes
 * show their ground colour (the first frame must not wait for them). Off
 * again, render_deferred() says how many waited: draw once more. */
void render_defer(render *rd, int on);
unsigned render_deferred(const render *rd);
/* kiosk --check: 1 when a code point of the line s[0..len) has no glyph in
 * the face that would draw it (face DL_FONT_REGULAR or DL_FONT_BOLD, and
 * Noto Sans Arabic for Arabic script), with it in *cp and its byte offset
 * in *off; else 0. The screen would show it as U+FFFD. */
int render_missing_glyph(render *rd, int face, int px, const char *s, size_t len, uint32_t *cp,
                         size_t *off);
/* Cache statistics, for logs and tests. */
void render_stats(const render *rd, size_t *entries, size_t *bytes, unsigned long *misses);

#endif
