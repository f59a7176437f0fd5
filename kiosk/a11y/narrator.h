/* narrator.h — speech mode in the running kiosk: what is said, and when.
 *
 * The app tells the narrator about every scene it builds while speech mode
 * is on; the narrator keeps that scene's reading (reading.h) and the
 * visitor's focus (explore.h) and speaks through a voice (voice.h):
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
 * The voice — the speech engine and the audio device — starts on first use,
 * so a kiosk that nobody asks to speak never loads either. With trace set,
 * every utterance is printed as "trace: say <lang> <text>".
 *
 * Not pure core: it speaks. */
#ifndef KIOSK_NARRATOR_H
#define KIOSK_NARRATOR_H

#include "content.h"
#include "layout.h"
#include "nav.h"

typedef struct narrator_options {
    const char *data_dir;  /* espeak-ng data, or NULL: its own */
    const char *wav_out;   /* also write everything said to this WAV, or NULL */
    int sync;              /* synthesize in the caller's thread (scripted runs) */
    int trace;
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
void narrator_session(narrator *n);
/* Speech mode was switched on (say how it works) or off. */
void narrator_speech(narrator *n, lang l, int on);
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
