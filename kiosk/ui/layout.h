/* layout.h — text wrapping and the scene builder.
 *
 * layout_build() turns (content, navigation state, screen size, time) into a
 * scene: a display list of rounded rectangles, text lines, images and QR
 * codes in pixels, plus the hit targets a tap can land on. Sizes are derived
 * from the screen's short side (1 u = 1 % of it), so one content looks the
 * same on 800x480 and on 4K. Text is measured through a callback (the
 * renderer's fonts, or a fake in tests); nothing here draws or calls SDL.
 *
 * A scene owns its arrays and formatted strings; text items point into the
 * content generation it was built from (borrowed: valid while that content
 * lives). Pages scroll: items in the DL_SCROLL layer are positioned relative
 * to the scene's viewport top and moved by the renderer, so scrolling needs
 * no new layout.
 *
 * The visitor's accessibility choices in nav_state change the scene, not
 * the content: high contrast (s->contrast) draws black, white and yellow
 * (#FFD700) only, cards and controls outlined instead of filled with the
 * domain colours, every text at 7:1 or more; large text (s->large) doubles
 * every font size and reflows (pages scroll longer, the menu takes fewer
 * tiles a row). Menu and pages carry a control bar at the bottom with the
 * two toggles ("contrast", "large"); layout_params.low_reach moves every
 * control there (back, home, language, tabs), below the reach line, for a
 * visitor in a wheelchair. The idle countdown is a modal card with a large
 * "more time" button; the attract loop announces the speech gesture.
 *
 * Pure core: no SDL. */
#ifndef KIOSK_LAYOUT_H
#define KIOSK_LAYOUT_H

#include <stddef.h>
#include <stdint.h>

#include "content.h"
#include "diag.h"
#include "nav.h"

/* Measures text and images for the layout. text_width gets len bytes of
 * UTF-8 (not NUL-terminated) and returns the width in pixels at font size px.
 * image_size returns 0 and the size, or -1 when the image cannot be shown
 * (the layout then reserves a placeholder). */
typedef struct layout_measure {
    void *ctx;
    int (*text_width)(void *ctx, int bold, int px, const char *s, size_t len);
    int (*image_size)(void *ctx, const char *path, int *w, int *h);
} layout_measure;

typedef enum { DL_RECT, DL_TEXT, DL_IMAGE, DL_QR } dl_kind;
enum { DL_FIXED = 0, DL_SCROLL = 1 };

typedef struct dl_item {
    dl_kind kind;
    uint8_t layer;     /* DL_FIXED or DL_SCROLL */
    uint8_t alpha;
    uint8_t bold;      /* DL_TEXT */
    uint8_t deco;      /* decoration: may reach past the screen's edge */
    int z;             /* drawing order (items are sorted by it) */
    int x, y, w, h;
    kcolor color;      /* fill or text colour */
    int radius;        /* DL_RECT: rounded corners */
    int px;            /* DL_TEXT: font size */
    const char *text;  /* DL_TEXT: len bytes, not NUL-terminated */
    size_t len;
    const char *ref;   /* DL_IMAGE: content-relative path; DL_QR: the URL */
} dl_item;

typedef struct dl_target {
    int x, y, w, h;
    int radius;
    nav_action action;
    int arg;
    const char *name;  /* for traces and tests: "domain:energie", "back", ... */
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
    struct arena *strings;              /* formatted strings of this scene */
} scene;

/* An emergency notice to draw over the whole scene (app.h reads it from
 * the updater's notice file; texts are borrowed). de and en are required,
 * leicht may be NULL; when is the time range, formatted by the caller in
 * local time. A scene with a notice has no tap targets. */
typedef struct layout_notice {
    const char *de, *en, *leicht;
    const char *when;
} layout_notice;

typedef struct layout_params {
    int w, h;                  /* screen size in pixels */
    int min_target;            /* smallest touch target, pixels (~9 mm) */
    const layout_measure *m;
    uint64_t now;
    const nav_config *cfg;
    const diag_list *diags;    /* content errors to show (preview), or NULL */
    const layout_notice *notice; /* emergency notice over everything, or NULL */
    int low_reach;             /* 1: every control below the reach line (wheelchair) */
} layout_params;

/* With low_reach, no touch target's top edge lies above this share of the
 * screen's height (the upper part is out of reach from a wheelchair). */
#define LAYOUT_REACH_TOP_PERCENT 40

typedef struct layout_line {
    const char *s;
    size_t len;
    int w;
} layout_line;

/* Greedy word wrap of text into lines at most width wide, breaking at
 * spaces, after hyphens and slashes, at '\n', and inside a word only when the
 * word alone is wider than a line. Returns the number of lines (may exceed
 * max; only max are stored). */
size_t layout_wrap(const layout_measure *m, int bold, int px, const char *text, int width,
                   layout_line *lines, size_t max);

/* Build the scene for state s. Returns NULL only when out of memory. */
scene *layout_build(const kcontent *c, const nav_state *s, const layout_params *p);
void scene_free(scene *sc);

/* The target under pixel (x, y), or -1. */
int scene_hit(const scene *sc, int x, int y);
/* Largest useful scroll offset of the scene's viewport. */
int scene_max_scroll(const scene *sc);

/* Check a scene for anything cut off or overlapping: items outside the
 * screen (or outside the viewport, for scrolled ones), text lines that
 * overlap each other, targets smaller than min_target or overlapping. Writes
 * the first problem into why. Returns the number of problems. */
int layout_check(const scene *sc, int min_target, char *why, size_t why_size);

/* WCAG 2 contrast ratio of two colours, 1.0 .. 21.0. */
double layout_contrast(kcolor a, kcolor b);
/* 1 when the content has any text in Leichte Sprache. */
int layout_has_lang(const kcontent *c, lang l);

#endif
