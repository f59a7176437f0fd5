/* app.h — the kiosk's window and main loop.
 *
 * app_run() owns the SDL window and the renderer (render.h). What the kiosk
 * decides lives in a session (session.h, pure): app_run() turns SDL's
 * events into pointer events for it (sdl_input.h, rotate.h), lets time pass
 * on it, draws what it exposes only when something changed, and carries out
 * what it reports (metrics, health.h; systemd, sdnotify.h; the voice,
 * voice.h; --trace lines). When nothing moves it sleeps in
 * SDL_WaitEventTimeout until the session's next deadline or its own
 * (content poll, the watchdog, SIGHUP, SIGUSR1).
 *
 * Content swapping. The app shows one content generation at a time and can
 * take a new one while running, without a restart:
 *
 *   typedef generation *(*app_content_poll_fn)(void *ctx);
 *
 * If options.poll is set, the loop calls poll(poll_ctx) about once a second
 * (options.poll_interval_ms; on the app's thread, so it must not block: an
 * updater thread should only hand over what it has already loaded and
 * validated). When it returns a generation (generation.h), ownership passes
 * to the app, which shows it as the session's swap policy says — at once
 * while the attract loop runs, else when a visitor changes scene or after
 * 15 s without a touch (always at once with options.swap_now) — keeps the
 * current scene when its domain and page ids still exist (nav_rebind), and
 * releases the old generation (generation_release) after dropping every
 * pointer into it. A second generation that arrives before the first was
 * shown replaces it (the older one is released unseen). If
 * options.poll_diags is set, it is called after each poll and may return
 * the diagnostics of a failed load (shown on screen, for content authors)
 * or NULL when all is well.
 *
 * systemd (sdnotify.h): READY=1 after the first frame, WATCHDOG=1 from this
 * loop only (so a hung UI stops pinging), STATUS= lines, STOPPING=1 on quit.
 *
 * Display schedule: outside options.display's opening hours the app draws
 * one black frame, stops rendering and sleeps until the next opening (or a
 * touch, with wake_on_touch, which shows the attract loop for the idle time).
 *
 * Emergency notice. A generation carries the notice of its manifest
 * (generation.notice); the one the app starts with carries the state
 * directory's, so it shows in the first frame without network. A notice
 * change can come sooner than its content: options.notice_poll,
 *
 *   typedef int (*app_notice_poll_fn)(void *ctx, manifest_notice **out);
 *
 * called about once a second with notice_ctx (the updater's
 * updater_poll_notice), returns 1 and the new notice (taken; NULL: none)
 * when it changed; it takes the place of the generation's from then on
 * (session_set_notice). While the wall clock is inside the notice's
 * [starts, ends), a full-screen card (layout.h, layout_notice) covers every
 * scene and takes the taps; the loop keeps running beneath it (timers,
 * content swaps) and the card goes away at ends by itself. With --trace,
 * "trace: notice on" and "trace: notice off" mark the changes.
 *
 * Screenshots for operators (shots.c). With options.ops_screenshot_dir set,
 * SIGUSR1 (the handler only sets a flag) and, when ops_screenshot_interval_s
 * > 0, a timer make the loop save the current frame as
 * ops_screenshot_dir/screen.png (written to a temporary name and renamed).
 * With ops_screenshot_url set, shotup.h then PUTs it from its own thread.
 * Not in scripted or --screenshot runs. --screenshot-dir saves every scene,
 * each reached through the session's actions on a virtual clock.
 *
 * Accessibility. Holding two fingers still for two seconds (gesture.h)
 * switches speech mode on (nav.h) when options.speech is set; then a touch
 * reads the element under the finger, a double tap activates the focused
 * element, a swipe right or left moves to the next or previous element, and
 * every new place is announced (narrator.h, spoken through voice.h). A press
 * on the idle warning's "more time" button asks for more time. The
 * visitor's choices end with the session.
 *
 * Scripted runs (options.script, scripted.c) feed the script's fingers to
 * the session on a virtual clock: "wait 60000" lets a minute of kiosk time
 * pass in milliseconds, so tests are fast and deterministic. */
#ifndef KIOSK_APP_H
#define KIOSK_APP_H

#include <stdint.h>
#include <time.h>

#include "content.h"
#include "diag.h"
#include "generation.h"
#include "manifest.h"
#include "nav.h"
#include "schedule.h"
#include "script.h"

typedef generation *(*app_content_poll_fn)(void *ctx);
typedef int (*app_notice_poll_fn)(void *ctx, manifest_notice **out);
struct app_options;
/* SIGHUP: re-read the configuration into *o (only the fields marked
 * "reloadable" below are taken over) and return a freshly loaded content
 * generation (taken by the app), or NULL to keep the current one. Called on
 * the app's thread. */
typedef generation *(*app_reload_fn)(void *ctx, struct app_options *o);
typedef const diag_list *(*app_diag_fn)(void *ctx);

typedef enum { APP_RENDER_AUTO, APP_RENDER_SOFTWARE, APP_RENDER_ACCELERATED } app_renderer;

typedef struct app_options {
    int window_w, window_h;     /* 0: fullscreen on the whole display */
    const char *fonts_dir;      /* holds the fonts of scene_font_file (scene.h) */
    const char *strings_dir;    /* the tables of the UI's words (words.h), or NULL */
    nav_config nav;
    app_renderer renderer;
    const script *script;       /* drive the UI from a script (virtual clock) */
    const char *screenshot;     /* save the first frame as PNG and exit */
    const char *screenshot_dir; /* save every scene as PNG into this directory and exit */
    int trace;                  /* print scene changes and tap targets on stdout */
    app_content_poll_fn poll;   /* new content generations, or NULL */
    app_diag_fn poll_diags;     /* diagnostics of a failed load, or NULL */
    void *poll_ctx;
    unsigned poll_interval_ms;  /* default 1000 */
    int swap_now;               /* switch to new content at once (preview) */
    /* reloadable: */
    const char *default_lang;   /* a language's code to start in, or NULL: the content's */
    int rotation;               /* 0, 90, 180, 270: picture turned clockwise (rotate.h) */
    schedule display;           /* opening hours; outside them the screen is black */
    int wake_on_touch;          /* a touch out of hours shows the kiosk for the idle time */
    time_t fake_time;           /* tests only: the wall clock at start for the schedule
                                 * (then running on the app's clock); 0: the real one */
    /* SIGHUP: */
    app_reload_fn reload;
    void *reload_ctx;
    app_notice_poll_fn notice_poll; /* notice changes (updater.h), or NULL */
    void *notice_ctx;
    const char *ops_screenshot_dir; /* SIGUSR1 / timer screenshots go here, or NULL: off */
    const char *ops_screenshot_url; /* PUT each one there (shotup.h), or NULL */
    unsigned ops_screenshot_interval_s; /* 0: only on SIGUSR1 */
    /* accessibility (narrator.h) */
    int speech;                 /* the two-finger hold switches speech mode on */
    const char *speech_data;    /* espeak-ng data, or NULL */
    int warning_sound;          /* chime when the idle warning appears */
    int low_reach;              /* every control in the lower part (layout.h) */
    const char *audio_out;      /* also write everything said to this WAV; scripted
                                 * runs speak only with it (synchronously) */
} app_options;

void app_options_default(app_options *o);
/* Run the UI on generation g (taken: the app releases it and every later
 * one). g may be NULL only with poll_diags set (a preview of content that
 * does not load yet). Returns the process exit status: 0 on a clean quit
 * (SIGTERM, SIGINT, a script's end), 1 on an error at start-up. */
int app_run(generation *g, const app_options *o);

#endif
