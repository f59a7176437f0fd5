/* narrator.h — speech mode in the running kiosk: what is said, and when.
 *
 * The app tells the narrator about every scene it builds while speech mode
 * is on; the narrator keeps that scene's reading (reading.h) and the
 * visitor's focus (explore.h) and hands what is to be said to a sink
 * (narrator_sink) that the caller connects to a voice:
 *
 *   - a new place (scene, domain, page or language): its announcement,
 *     "Seite Energie, 3 Abschnitte", interrupting whatever was being said;
 *   - a touch: the element under the finger; a swipe: the next or previous
 *     element; the app activates narrator_target() on a double tap;
 *   - a session's start: how to switch speech mode on (a blind visitor
 *     cannot read the attract loop's hint);
 *   - the idle warning: a chime (also outside speech mode, with
 *     warning_sound) and, in speech mode, the countdown's announcement.
 *
 * Pure core: it decides what is said; the sink speaks (in the kiosk a voice
 * that starts on first use, so a kiosk nobody asks to speak never loads the
 * speech engine; in tests a list). */
#ifndef KIOSK_NARRATOR_H
#define KIOSK_NARRATOR_H

#include "content.h"
#include "layout.h"
#include "nav.h"

/* Where utterances go. Texts are borrowed for the call only. */
typedef struct narrator_sink {
    void *ctx;
    /* Say text in language l: with interrupt, instead of whatever is being
     * said; else after it. */
    void (*say)(void *ctx, lang l, const char *text, int interrupt);
    void (*chime)(void *ctx); /* the idle warning's soft chime */
    void (*stop)(void *ctx);  /* silence now */
} narrator_sink;

typedef struct narrator_options {
    narrator_sink sink;
    int warning_sound;     /* chime when the idle warning appears */
    int hint;              /* at each session's start, say how speech mode starts */
} narrator_options;

typedef struct narrator narrator;

narrator *narrator_new(const narrator_options *o); /* NULL only when out of memory */
void narrator_free(narrator *n);                   /* accepts NULL */

enum {
    NARRATOR_QUIET,          /* the same place, changed: keep the focus, say nothing */
    NARRATOR_ANNOUNCE,       /* somewhere new: say where at once, focus afresh */
    NARRATOR_ANNOUNCE_AFTER  /* the same, after what is being said */
};
/* The scene on screen now, built from c and s; how: NARRATOR_*. */
void narrator_scene(narrator *n, const scene *sc, const kcontent *c, const nav_state *s, int how);
/* A session starts (the first touch on the attract loop): with hint set,
 * say in German and English how to switch speech mode on — quietly useful,
 * as the sound goes to the headphone jack. */
void narrator_session(narrator *n, const kcontent *c);
/* Speech mode was switched on (say how it works) or off. */
void narrator_speech(narrator *n, const kcontent *c, lang l, int on);
/* A touch at (x, y) with the page scrolled by scroll: say what is there. */
void narrator_touch(narrator *n, const scene *sc, int x, int y, int scroll);
/* A swipe: say the next (dir +1) or previous (-1) element. */
void narrator_step(narrator *n, int dir);
/* The scroll offset that shows the focused element (after a swipe moved
 * the focus to one scrolled out of view), given the current one. */
int narrator_follow(const narrator *n, const scene *sc, int scroll);
/* Say the focused element again (after it changed, e.g. a toggle). */
void narrator_repeat(narrator *n);
/* The focused element's touch target in the last scene, or -1. */
int narrator_target(const narrator *n);
/* The idle warning appeared. */
void narrator_warning(narrator *n, const nav_state *s);
/* Silence, and forget the focus (the session ended). */
void narrator_stop(narrator *n);

#endif
