/* scene.h — the display list a layout builds: rounded rectangles, text
 * lines, images and QR codes in pixels, plus the touch targets a tap can
 * land on.
 *
 * A scene owns its arrays and its formatted strings (an arena); text items
 * point into the content generation it was built from (borrowed: valid
 * while that content lives). Items in the DL_SCROLL layer are positioned
 * relative to the scene's viewport top and moved by the renderer, so
 * scrolling needs no new layout. Pure core. */
#ifndef KIOSK_SCENE_H
#define KIOSK_SCENE_H

#include <stddef.h>
#include <stdint.h>

#include "content.h"
#include "nav.h"

typedef enum { DL_RECT, DL_TEXT, DL_IMAGE, DL_QR } dl_kind;

/* The faces a text item is set in (dl_item.bold): Noto Sans Regular and
 * Bold, and Material Icons, whose glyphs are the one icon set of every
 * control. The files, bundled in assets/fonts/ with their licences: */
enum { DL_FONT_REGULAR = 0, DL_FONT_BOLD = 1, DL_FONT_ICON = 2, DL_FONTS = 3 };
extern const char *const scene_font_file[DL_FONTS];
/* Text in Arabic script is set in Noto Sans Arabic of the same weight
 * (regular, bold), opened only when a text needs it (render.h). */
extern const char *const scene_font_arabic[2];
enum { DL_FIXED = 0, DL_SCROLL = 1 };

/* Drawing order by level, lowest first. An item's z is its level times
 * DL_Z_STEP plus the order it was added in, so one level keeps its items'
 * order. */
enum {
    DL_Z_BACK = 0,
    DL_Z_SLIDE_OLD = 5, /* the attract loop's slide fading out */
    DL_Z_SLIDE = 6,
    DL_Z_BODY = 10,
    DL_Z_CHROME = 20,
    DL_Z_OVERLAY = 30,  /* the idle countdown */
    DL_Z_DIAG = 40,     /* content errors in the preview */
    DL_Z_NOTICE = 50    /* the emergency notice */
};
#define DL_Z_STEP 1000000

typedef struct dl_item {
    dl_kind kind;
    uint8_t layer;     /* DL_FIXED or DL_SCROLL */
    uint8_t alpha;
    uint8_t bold;      /* DL_TEXT: the face, DL_FONT_* */
    uint8_t deco;      /* decoration: may reach past the screen's edge */
    uint8_t rtl;       /* DL_TEXT: the line's paragraph runs right to left (bidi.h);
                        * DL_FONT_ICON: the icon drawn mirrored (a direction) */
    int z;             /* drawing order (items are sorted by it) */
    int x, y, w, h;
    kcolor color;      /* fill or text colour */
    int radius;        /* DL_RECT: rounded corners */
    int px;            /* DL_TEXT: font size */
    const char *text;  /* DL_TEXT: len bytes, not NUL-terminated */
    size_t len;
    const char *ref;   /* DL_IMAGE: content-relative path; DL_QR: the URL;
                        * DL_TEXT: the address it is a line of, or NULL */
    /* DL_IMAGE with cover: cropped to fill w x h, centred, never stretched;
     * zoom (per mille over filling, 1000 .. 1000 + DL_ZOOM_MAX) and pan
     * (per mille of the margin zooming leaves, -1000 .. 1000) move it; color
     * is the ground shown while the picture is not ready. With alpha 0 the
     * renderer only prepares it (the next slide's picture). */
    uint8_t cover;
    int zoom, pan_x, pan_y;
} dl_item;

/* The most a picture is zoomed: the renderer rasterizes an SVG this much
 * larger than its box, so zooming never enlarges pixels. */
#define DL_ZOOM_MAX 40

typedef struct dl_target {
    int x, y, w, h;
    int radius;
    nav_action action;
    int arg;
    const char *name;  /* for traces and tests: "domain:energie", "back", ... */
    uint8_t layer;     /* DL_SCROLL: moves with the viewport; x, y are where it
                        * shows unscrolled, and it can be hit only inside it */
} dl_target;

typedef struct scene {
    int w, h;
    kcolor clear;
    dl_item *items;
    size_t n_items, cap_items;
    dl_target *targets;
    size_t n_targets, cap_targets;
    int view_x, view_y, view_w, view_h; /* scroll viewport; view_h 0 when none */
    int content_h;                      /* height of the DL_SCROLL layer */
    int overflow;                       /* problems the builder met while placing */
    kcolor scrollbar;
    int items_above_scroll_z;           /* items from this z on cover the scroll bar */
    int modal_z;                        /* items below this z lie under a modal card
                                         * (the idle countdown); 0 when none */
    int countdown;                      /* seconds the countdown shows, -1 when none */
    int scroll;                         /* the viewport's offset now (scene_hit): the
                                         * session keeps it current, 0 unscrolled */
    int rtl;                            /* laid out right to left (layout.h): the
                                         * scroll bar at the viewport's left */
    int slide_parts;                    /* the attract loop: the parts the current
                                         * slide's text shows in (1: whole) */
    uint64_t changes_at;                /* when the scene changes by itself (an
                                         * overlay's next page), on the layout's
                                         * clock; 0 when never */
    struct arena *strings;              /* formatted strings of this scene */
} scene;

/* An empty w x h scene. NULL only when out of memory. */
scene *scene_new(int w, int h);
void scene_free(scene *sc); /* accepts NULL */

/* A new zeroed item or target at the end, or NULL when memory ran out (the
 * miss is counted in sc->overflow: the scene is drawn without it). */
dl_item *scene_add_item(scene *sc);
dl_target *scene_add_target(scene *sc);
/* Sort the items into drawing order (by z). */
void scene_sort(scene *sc);

/* The target under pixel (x, y) with the viewport at sc->scroll, or -1. */
int scene_hit(const scene *sc, int x, int y);
/* Target i's box on screen with the viewport scrolled by scroll: a
 * scrolled one moved and cut to the viewport. 0 when nothing of it shows. */
int scene_target_box(const scene *sc, size_t i, int scroll, int *x, int *y, int *w, int *h);
/* Largest useful scroll offset of the scene's viewport. */
int scene_max_scroll(const scene *sc);

#endif
