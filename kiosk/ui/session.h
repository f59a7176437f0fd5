/* session.h — the kiosk's UI state and its decisions, without a window.
 *
 * A session holds what the visitor sees and does: the content generation
 * shown (and the one waiting to be shown), the navigation (nav.h), the
 * gestures (gesture.h), the scene built from them (layout.h), scrolling and
 * its momentum, the pressed target, the display schedule, the emergency
 * notice and speech mode (narrator.h). The shell (app.h) feeds it pointer
 * events and the passing of time, draws what it exposes and does what it
 * reports; scripted runs and the screenshot tour drive it with a virtual
 * clock.
 *
 * Pure core: no SDL, no clock of its own. Every call takes the time in
 * milliseconds (any monotonic origin); session_tick() also takes the wall
 * clock (ms since the epoch) for the opening hours and the notice, and a
 * touch uses the wall clock of the last tick shifted by the time since.
 *
 * Decisions made here:
 *   - a press, drag, tap, fling, swipe or two-finger hold becomes a nav
 *     action (every scene change goes through nav_apply); a touch on the
 *     idle warning only dismisses it, unless it is on "more time";
 *   - a tap acts as touch.h says: not when its finger went down within
 *     TOUCH_HOLD_OFF_MS of a scene change (a new scene, domain or page, a
 *     sheet opening or closing, the idle return, new content, the notice
 *     coming or going) or while one
 *     happened — speech mode's taps excepted, which only read or activate
 *     the focus; on the nearest control within TOUCH_REACH_MM of the
 *     screen's typical size (screen.h); on the attract loop, with the slide
 *     shown when the finger went down;
 *   - momentum: a fling scrolls on, slowing with a time constant of 325 ms;
 *   - a new generation (session_offer) is shown at once on the attract loop,
 *     at the next scene change, after 15 s without a touch, with swap_now,
 *     while the display is off, or when nothing is shown yet; the old one
 *     is released (generation_release) once nothing points into it;
 *   - outside the opening hours the display is black; with wake_on_touch a
 *     touch shows the attract loop for the idle time (that touch does
 *     nothing else), and each further touch extends it;
 *   - the notice covers every scene while the wall clock is inside its
 *     window, and takes the touches.
 *
 * What to report goes to hooks.event (session_event); what to say goes to
 * hooks.voice through the narrator. */
#ifndef KIOSK_SESSION_H
#define KIOSK_SESSION_H

#include <stdint.h>

#include "diag.h"
#include "gesture.h"
#include "generation.h"
#include "layout.h"
#include "narrator.h"
#include "nav.h"
#include "schedule.h"

#define SESSION_FRAME_MS 16
#define SESSION_FADE_FRAME_MS 33   /* a cross-fade looks as smooth at 30 fps, for half the CPU */
/* The attract loop's slow motion between cross-fades (the picture's pan, a
 * few pixels a second; the touch hint's pulse): about three frames a second
 * show it, and keep the loop's CPU near what a still loop needs. */
#define SESSION_MOTION_FRAME_MS 300
#define SESSION_SWAP_IDLE_MS 15000 /* a new generation waits this long for a pause */
#define SESSION_MOMENTUM_TAU_MS 325.0

typedef struct session_options {
    nav_config nav;
    char default_lang[LANG_CODE_MAX]; /* a language's code to start in, or "": the content's default */
    schedule display;   /* opening hours; outside them the screen is black */
    int wake_on_touch;  /* a touch out of hours shows the kiosk for the idle time */
    int swap_now;       /* show a new generation at once (preview) */
    int speech;         /* the two-finger hold switches speech mode on */
    int low_reach;      /* every control in the lower part (layout.h) */
    int narrate;        /* have a narrator: speech mode and the warning chime */
    int warning_sound;  /* chime when the idle warning appears */
} session_options;

typedef enum {
    SESSION_EV_SCENE,   /* arg: the nav_scene now shown */
    SESSION_EV_VISIT,   /* a visitor left the attract loop: a new visit */
    SESSION_EV_DOMAIN,  /* text: the id of a domain opened */
    SESSION_EV_ACCESS,  /* arg: a session_access feature switched on */
    SESSION_EV_TOUCH,   /* a finger went down */
    SESSION_EV_NOTICE,  /* arg: 1 the notice is shown, 0 hidden */
    SESSION_EV_DISPLAY, /* arg: 1 on, 0 standby; arg2 when on: 1 opening hours, 0 a touch */
    SESSION_EV_CONTENT, /* a new generation is shown (session_content()) */
    SESSION_EV_STATE,   /* text: why ("input", "touch", "timer", "content") the
                         * navigation state changed visibly */
    SESSION_EV_TARGETS, /* a scene with new touch targets was built */
    SESSION_EV_SCROLL   /* arg: the page scrolled there to follow the speech focus */
} session_event_kind;

typedef enum {
    SESSION_ACCESS_SPEECH,
    SESSION_ACCESS_CONTRAST,
    SESSION_ACCESS_LARGE_TEXT,
    SESSION_ACCESS_MORE_TIME
} session_access;

typedef struct session_event {
    session_event_kind kind;
    int arg, arg2;
    const char *text;
    uint64_t now;
} session_event;

typedef struct session_hooks {
    void *ctx;
    void (*event)(void *ctx, const session_event *e); /* or NULL */
    narrator_sink voice; /* where the narrator speaks (with options.narrate) */
} session_hooks;

/* What to draw now. */
typedef struct session_view {
    int black;          /* the display is off: one black frame */
    const scene *sc;    /* else this scene (NULL: out of memory) */
    int scroll;         /* its viewport scrolled by this many pixels */
    int pressed;        /* the target under the finger, -1 */
    int focus;          /* speech mode: the focused target to outline, -1 */
} session_view;

typedef struct session session;

/* A session showing g (taken; may be NULL: nothing loads yet) on a screen
 * of w x h pixels whose text is measured with m (borrowed). NULL when out
 * of memory (g is released then). */
session *session_new(const session_options *o, const session_hooks *hooks,
                     const layout_measure *m, int w, int h, int min_target, generation *g, uint64_t now);
void session_free(session *s); /* releases both generations; accepts NULL */

/* The screen's size changed. */
void session_resize(session *s, int w, int h);
/* New options (SIGHUP); the session's state stays. */
void session_set_options(session *s, const session_options *o);
/* Diagnostics of a failed load to show (preview), or NULL. Borrowed. */
void session_set_diags(session *s, const diag_list *d);
/* The emergency notice, as last handed over (taken; NULL: none). From then
 * on it takes the place of the shown generation's own notice, NULL too: a
 * channel that cleared its notice hides it before the content that says so
 * is shown. */
void session_set_notice(session *s, manifest_notice *n);
/* A new content generation (taken): shown when the swap policy allows. */
void session_offer(session *s, generation *g, uint64_t now);
/* Start afresh on the attract loop, as after a timeout. */
void session_restart(session *s, uint64_t now);

/* A pointer event in scene pixels. */
void session_pointer(session *s, const pointer *p, uint64_t now);
/* A visitor's action, as if a target with it had been tapped. Returns
 * nav_apply()'s NAV_* bits. */
int session_act(session *s, nav_action a, int arg, uint64_t now);
/* Time passes: the display schedule, the notice, timers, momentum and the
 * swap policy. wall_ms: the wall clock now. */
void session_tick(session *s, uint64_t now, int64_t wall_ms);

/* When the session next needs a tick (absolute, on now's clock), or
 * UINT64_MAX; now itself when a frame of an animation is due. */
uint64_t session_deadline(const session *s, uint64_t now);
/* 1 while something moves (momentum, a cross-fade, the attract loop's slow
 * motion, which holds still under a finger but for its fade): draw frame
 * by frame. */
int session_animating(const session *s, uint64_t now);
/* The frame interval of the animation running (SESSION_*FRAME_MS). */
unsigned session_frame_ms(const session *s);
/* 1 when the screen must be drawn again. */
int session_draw_due(const session *s);
/* 1 when the scene will be rebuilt with new touch targets. */
int session_targets_due(const session *s);
/* What to draw at now (builds the scene when needed). */
void session_view_at(session *s, uint64_t now, session_view *v);
/* The screen must be drawn again (it was exposed, the renderer reset). */
void session_redraw(session *s);
/* The scene last built, or NULL. */
const scene *session_scene(const session *s);
/* The frame of session_view_at() is on screen. */
void session_drawn(session *s, uint64_t now);

const nav_state *session_nav(const session *s);
const kcontent *session_content(const session *s); /* NULL: nothing shown yet */
int session_display_off(const session *s);
int session_notice_on(const session *s);

#endif
