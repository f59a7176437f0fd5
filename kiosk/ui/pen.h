/* pen.h — what the scene builders share: the scene under construction and
 * the pen that puts items into it.
 *
 * The pen knows what it draws with now (z level, layer, alpha, a vertical
 * offset for text settling in), the visitor's choices (high contrast, large
 * text, low reach), the theme and the type scale, and the unit: pen_u(l, 1)
 * is 1 % of the screen's short side, so one content looks the same on
 * 800x480 and on 4K. Texts placed through it are wrapped, never cut;
 * their formatted copies (a line with its hyphen) live in the scene's arena.
 *
 * Internal to the layout (layout.c, widgets.c, scene_*.c). Pure core. */
#ifndef KIOSK_PEN_H
#define KIOSK_PEN_H

#include <stddef.h>
#include <stdint.h>

#include "color.h"
#include "content.h"
#include "layout.h"
#include "nav.h"
#include "scene.h"
#include "wrap.h"

typedef struct pen {
    scene *sc;
    const layout_params *p; /* the caller's, with m set to this scene's measure */
    layout_params params;
    layout_measure m;       /* the caller's measure, setting text in the scene's language */
    const kcontent *c;
    const nav_state *s;
    lang lg;
    double u;        /* 1 % of the short side, pixels */
    double du;       /* the design unit: min(w / 800, h / 480) pixels */
    int z;           /* level of items added now (DL_Z_*) */
    int layer;
    uint8_t alpha;   /* multiplied into items added now */
    int dy;          /* vertical offset of items added now (slide-in) */
    size_t seq;
    /* the visitor's choices: high contrast, large text; low_reach layout */
    int hc, large, reach;
    double ratio;    /* contrast every text must reach: 4.5, or 7 in high contrast */
    ktheme th;       /* the content's theme, or the high-contrast one */
    int bw;          /* outline width in high contrast */
    /* font sizes: the type scale in design units (caption 18, body 20,
     * lead 24, h3 22, h2 28, h1 36, display 48, figure 40) times s */
    int small, body, lead, h3, h2, h1, hero, fact;
} pen;

/* The smallest text anywhere, in design units. */
#define PEN_TYPE_FLOOR 18

static inline int imax(int a, int b)
{
    return a > b ? a : b;
}

static inline int imin(int a, int b)
{
    return a < b ? a : b;
}

/* x units in pixels. */
static inline int pen_u(const pen *l, double x)
{
    return (int)(x * l->u + 0.5);
}

/* x design units in pixels. */
static inline int pen_s(const pen *l, double x)
{
    return (int)(x * l->du + 0.5);
}

/* A pen for scene sc: the visitor's choices from s, the type scale from the
 * screen size (doubled with large text), the theme from c or high contrast. */
void pen_init(pen *l, scene *sc, const kcontent *c, const nav_state *s, const layout_params *p);

/* t in language lg, German when lg was not written, "" when neither. */
const char *pen_tx(const ktext *t, lang lg);
/* The same, and the texts measured and placed from now on are set in the
 * language that text is in (hyphenated by its patterns; German where t
 * falls back to German), with t's German original as the words a
 * translation never hyphenates (names: "Kaiserslautern"). For a scene
 * that shows a text in another language than its own (the attract loop's
 * invitation in both); pen_text_end() returns to the scene's language. */
const char *pen_text(pen *l, const ktext *t, lang lg);
/* The texts set from now on (until pen_text_end) never hyphenate a word
 * of t's German original: for a text composed around t in another
 * language ("2 / 3  Why Kaiserslautern"). A content text passed as it
 * is needs none of this: the pen finds its original itself. */
void pen_keep(pen *l, const ktext *t);
void pen_text_end(pen *l);

/* A new item of kind at (x, y) with the pen's z, layer, alpha and offset;
 * NULL when memory ran out. */
dl_item *pen_item(pen *l, dl_kind kind, int x, int y, int w, int h);
void pen_rect(pen *l, int x, int y, int w, int h, kcolor col, int radius, uint8_t alpha);
/* The ground of a menu or page: the theme's background under everything,
 * then the pen at the chrome's level. */
void pen_ground(pen *l);
/* The scrolling viewport, the screen's width from top to bottom, its
 * scroll bar in the muted colour; the pen draws into it, at the body's
 * level, from now on. */
void pen_viewport(pen *l, int top, int bottom);
/* The width the renderer's scroll bar takes at the viewport's right, its
 * margins included, and a little air: text keeps out of it. */
int pen_scrollbar_lane(const pen *l);
/* A card or control's background: filled, or in high contrast black with a
 * yellow outline (colour would make the text harder to read, not easier). */
void pen_panel(pen *l, int x, int y, int w, int h, kcolor fill, int radius, uint8_t alpha);
/* An image (content-relative path). */
void pen_image(pen *l, int x, int y, int w, int h, const char *path);
/* A picture (content-relative path) cropped to fill w x h, centred, never
 * stretched, on ground while it is not ready. Returns its item (to set
 * its motion), NULL when memory ran out. */
dl_item *pen_cover(pen *l, int x, int y, int w, int h, const char *path, kcolor ground);
/* The size of the image at path, or fw x fh when it cannot be shown (the
 * layout then reserves a placeholder of that shape). */
void pen_image_size(const pen *l, const char *path, int fw, int fh, int *w, int *h);
/* iw x ih scaled to fit in bw x bh, keeping its shape: *dw x *dh. */
void pen_contain(int iw, int ih, int bw, int bh, int *dw, int *dh);
void pen_target(pen *l, int x, int y, int w, int h, int radius, nav_action a, int arg,
                const char *name);

/* A domain's colour as a fill: none in high contrast (black). */
kcolor pen_fill(const pen *l, const kdomain *d);
/* Marks (bars, bullets, figures) in colour col on bg: yellow in high contrast. */
kcolor pen_mark(const pen *l, kcolor bg, kcolor col);

int pen_width(const pen *l, int bold, int px, const char *s, size_t len);
/* One text run (a line) of len bytes at (x, y), w wide. */
void pen_run(pen *l, int x, int y, const char *s, size_t len, int w, int bold, int px, kcolor col);
/* Wrapped text at (x, y) in a box width wide, line height lh, every line
 * of it (max_lines 0). A caller that measured it to take at most
 * max_lines lines and finds more has made a layout error: only those
 * lines are placed and the scene's overflow counts it (layout_check
 * reports it as cut). align: 0 left, 1 centre, 2 right. Returns the
 * height used. */
int pen_block(pen *l, int x, int y, int width, const char *s, int bold, int px, double lh,
              kcolor col, int max_lines, int align);
/* Lines first .. first + count - 1 of s wrapped as pen_block wraps it,
 * from y, aligned as pen_block's, none cut: a text shown in parts.
 * Returns the height used. */
int pen_lines(pen *l, int x, int y, int width, const char *s, int bold, int px, double lh,
              kcolor col, int first, int count, int align);
/* The height pen_block would use, without placing anything. */
int pen_height(const pen *l, int width, const char *s, int bold, int px, double lh, int max_lines,
               size_t *n_lines);

#endif
