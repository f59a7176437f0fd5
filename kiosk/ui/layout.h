/* layout.h — the scene builder.
 *
 * layout_build() turns (content, navigation state, screen size, time) into a
 * scene (scene.h): a display list of rounded rectangles, text lines, images
 * and QR codes in pixels, plus the hit targets a tap can land on. Sizes are
 * derived from the screen's short side (1 u = 1 % of it), so one content
 * looks the same on 800x480 and on 4K. Text is measured through a callback
 * (the renderer's fonts, or a fake in tests) and wrapped by wrap.h; nothing
 * here draws or calls SDL. The UI's own words come from kstrings.h.
 *
 * The visitor's accessibility choices in nav_state change the scene, not
 * the content: high contrast (s->contrast) draws black, white and yellow
 * (#FFD700) only, cards and controls outlined instead of filled with the
 * domain colours, every text at 7:1 or more; large text (s->large) doubles
 * every font size and reflows (pages scroll longer, the menu takes fewer
 * tiles a row). Menu and pages carry one navigation bar at the bottom
 * (widgets.c): Back, Home, the languages (a switch, or one button with the
 * current language that opens the language sheet) and the accessibility
 * button, whose sheet holds contrast, large text and speech — at the same
 * place and size in every scene and mode; layout_params.low_reach moves
 * every other control (tabs) below the reach line too, for a visitor in a
 * wheelchair. A language declared right to left gets the scene mirrored
 * (layout_mirror). No text is ever cut: it wraps, shrinks to the floor or
 * scrolls. The idle countdown is a modal card with a large "more time"
 * button; the attract loop announces the speech gesture.
 *
 * Pure core: no SDL. */
#ifndef KIOSK_LAYOUT_H
#define KIOSK_LAYOUT_H

#include <stddef.h>
#include <stdint.h>

#include "content.h"
#include "diag.h"
#include "nav.h"
#include "scene.h"

/* Measures text and images for the layout. text_width gets len bytes of
 * UTF-8 (not NUL-terminated) and returns the width in pixels at font size px,
 * set as one line of a paragraph in direction rtl (bidi.h: the runs shaped
 * as they are drawn).
 * image_size returns 0 and the size, or -1 when the image cannot be shown
 * (the layout then reserves a placeholder).
 *
 * hyphenate (NULL: words break only where they must, see wrap.h) finds
 * where a word of len bytes may break in language lg (a code: "de"): it sets marks[i] to 1
 * when a hyphen may follow byte i (marks has len bytes, zeroed by the
 * caller) and returns the number of marks, or -1 when it cannot tell (no
 * patterns for lg, or not loaded yet). hctx is its own context: the
 * patterns are loaded at the edge (platform/), never by the layout.
 * lg is the language of the text being set: the layout sets it per scene,
 * and per text where a scene shows another language too (pen.h,
 * pen_text); Leichte Sprache is set by its own rules (wrap.h). No word that
 * occurs in keep (NULL: none) is hyphenated: a translation's German
 * original, so that names both share ("Kaiserslautern") are never broken
 * by another language's patterns. */
typedef struct layout_measure {
    void *ctx;
    int (*text_width)(void *ctx, int bold, int px, const char *s, size_t len, int rtl);
    int (*image_size)(void *ctx, const char *path, int *w, int *h);
    int (*hyphenate)(void *hctx, const char *lg, const char *word, size_t len, char *marks);
    void *hctx;
    lang lg;
    const kcontent *c; /* the languages lg indexes (NULL: the default three) */
    const char *keep;
    int rtl;           /* the text's direction: right to left (layout_params.rtl) */
} layout_measure;

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
    int speech;                /* 1: speech mode is available: the accessibility
                                * sheet offers "Vorlesen" */
    int rtl;                   /* 1: the scene is in a right-to-left language:
                                * laid out mirrored (layout_mirror) */
} layout_params;

/* With low_reach, no touch target's top edge lies above this share of the
 * screen's height (the upper part is out of reach from a wheelchair). */
#define LAYOUT_REACH_TOP_PERCENT 40

/* Build the scene for state s. Returns NULL only when out of memory. */
scene *layout_build(const kcontent *c, const nav_state *s, const layout_params *p);
/* A right-to-left scene (layout_params.rtl) is built as the left-to-right
 * one and mirrored here, in one place: every box and target moves to the
 * other side (Back at the right, the bar's order reversed, tiles flowing
 * right to left, the scroll bar's lane at the left); each text line keeps
 * its measured box, so a left-aligned line now ends at its column's right
 * edge, and is drawn right to left (dl_item.rtl: bidi order, shaped); the
 * icons that point (back, forward, chevrons) are drawn mirrored. Pictures
 * are not mirrored. Applied twice, the scene is as it was. */
void layout_mirror(scene *sc);
/* 1 when the content has any text written in language l itself. */
int layout_has_lang(const kcontent *c, lang l);
/* 1 when the language switch offers l: German and every declared language,
 * an easy-to-read variant only when the content has texts written in it. */
int layout_lang_shown(const kcontent *c, lang l);

#endif
