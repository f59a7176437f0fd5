/* app_shell.h — what app.c shares with shots.c (screenshots) and
 * scripted.c (--script): the window, the session it shows, the clocks.
 * Internal to the platform layer; app.h is the public face. */
#ifndef KIOSK_APP_SHELL_H
#define KIOSK_APP_SHELL_H

#include <SDL.h>
#include <stdint.h>
#include <sys/stat.h>
#include <time.h>

#include "app.h"
#include "render.h"
#include "sdnotify.h"
#include "session.h"
#include "shotup.h"
#include "voice.h"

typedef struct app {
    app_options o;
    SDL_Window *win;
    SDL_Renderer *ren;
    render *rd;
    SDL_Texture *turned;  /* the scene, drawn here first when the panel is rotated */
    session *s;
    const diag_list *diags;
    int w, h;             /* the scene's size; pw, ph the panel's (rotate.h) */
    int pw, ph;
    double scale_x, scale_y;
    int min_target;
    uint64_t vclock;      /* scripted runs and the tour: the virtual clock */
    uint64_t last_poll;
    int quit;
    int ready;            /* READY=1 sent */
    int traced[6];        /* the state last traced */
    sdnotify_watchdog wd;
    time_t wall0;         /* --script, fake_time: the wall clock at the start */
    double mono0;         /* fake_time: the monotonic clock at the start */
    uint64_t last_notice_check;
    shotup *up;           /* operator screenshots' upload */
    uint64_t last_shot;
    voice *v;             /* speech, started on first use */
    int voice_failed;
} app;

/* Draw the session's view at now into the back buffer. */
void app_draw(app *a, uint64_t now);
/* Let time pass: SIGHUP, the session's timers, the notice file, polling. */
void app_step(app *a, uint64_t now);
/* Milliseconds until something is due. */
uint32_t app_wait_ms(const app *a, uint64_t now);
/* Handle every SDL event queued. */
void app_pump(app *a, uint64_t now);

/* shots.c */
int shots_tour(app *a);            /* --screenshot-dir: every scene; exit status */
void shots_start(app *a, uint64_t now); /* operator screenshots: SIGUSR1, timer, upload */
void shots_poll(app *a, uint64_t now);
uint64_t shots_deadline(const app *a, uint64_t now);
/* scripted.c */
int scripted_run(app *a);          /* --script; exit status */

#endif
