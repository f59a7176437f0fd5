/* app.c — the kiosk's window and main loop. See app.h.
 *
 * The decisions live in the session (session.h); this file translates SDL's
 * events into session calls and carries out what the session asks for:
 * drawing (render.h), speaking (voice.h), metrics (health.h), systemd
 * (sdnotify.h) and tracing. */
#include "app.h"

#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "app_shell.h"
#include "generation.h"
#include "words.h"
#include "kfile.h"
#include "health.h"
#include "log.h"
#include "manifest.h"
#include "rotate.h"
#include "screen.h"
#include "sdl_input.h"

#define MAX_WAIT_MS 60000
#define RELOAD_CHECK_MS 1000 /* how soon a SIGHUP is noticed */
#define NOTICE_CHECK_MS 1000

static volatile sig_atomic_t hup_pending;

static void on_sighup(int sig)
{
    (void)sig;
    hup_pending = 1;
}

static double mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

void app_options_default(app_options *o)
{
    memset(o, 0, sizeof *o);
    nav_config_default(&o->nav);
    o->poll_interval_ms = 1000;
    o->wake_on_touch = 1;
    o->speech = 1;
    o->warning_sound = 1;
}

static uint64_t app_now(const app *a)
{
    return a->o.script ? a->vclock : SDL_GetTicks64();
}

/* The wall clock in milliseconds, as the schedule sees it. */
static int64_t wall_ms(const app *a, uint64_t now)
{
    /* scripted runs: the schedule follows the virtual clock */
    if (a->o.script)
        return (int64_t)a->wall0 * 1000 + (int64_t)now;
    if (a->o.fake_time)
        return (int64_t)a->wall0 * 1000 + (int64_t)(mono_ms() - a->mono0);
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- tracing ------------------------------------------------------------- */

static void trace_state(app *a, uint64_t now, const char *why)
{
    const kcontent *c = session_content(a->s);
    if (!a->o.trace || !c)
        return;
    const nav_state *s = session_nav(a->s);
    /* one line per visible change, not per animation step */
    int key[6] = {(int)s->scene, s->domain, s->page, (int)s->language, s->slide, s->warning};
    if (memcmp(key, a->traced, sizeof key) == 0 && strcmp(why, "start") != 0)
        return;
    memcpy(a->traced, key, sizeof key);
    const char *dom = "-", *page = "-";
    if (s->scene == NAV_PAGE) {
        dom = c->domains[s->domain].id;
        page = c->domains[s->domain].pages[s->page].id;
    }
    printf("trace: t=%" PRIu64 " %s scene=%s domain=%s page=%s lang=%s slide=%d warning=%d\n",
           now, why, nav_scene_name(s->scene), dom, page, content_lang_code(c, s->language), s->slide,
           s->warning);
    fflush(stdout);
}

static void trace_targets(const app *a, const scene *sc)
{
    if (!a->o.trace || !sc)
        return;
    for (size_t i = 0; i < sc->n_targets; i++) {
        const dl_target *t = &sc->targets[i];
        /* the centre as a script's position, then the box in pixels */
        printf("trace: target %s %.4f %.4f %d %d %d %d\n", t->name ? t->name : "?",
               (t->x + t->w / 2.0) / a->w, (t->y + t->h / 2.0) / a->h, t->x, t->y, t->w, t->h);
    }
    fflush(stdout);
}

static void trace_line(const app *a, uint64_t now, const char *what, const char *arg)
{
    if (!a->o.trace)
        return;
    printf("trace: t=%" PRIu64 " %s %s\n", now, what, arg);
    fflush(stdout);
}

/* ---- drawing ------------------------------------------------------------- */

static void clear_black(app *a)
{
    SDL_SetRenderTarget(a->ren, NULL);
    SDL_SetRenderDrawColor(a->ren, 0, 0, 0, 255);
    SDL_RenderClear(a->ren);
    render_forget(a->rd);
}

/* On a rotated panel the scene is drawn into a texture of its own size and
 * copied turned; without target textures it is drawn unturned (and logged). */
static SDL_Texture *turned_target(app *a)
{
    if (!a->o.rotation)
        return NULL;
    if (!a->turned) {
        a->turned = SDL_CreateTexture(a->ren, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET,
                                      a->w, a->h);
        if (!a->turned)
            log_error("ui", "rotation %d: no target texture: %s", a->o.rotation, SDL_GetError());
    }
    return a->turned;
}

void app_draw(app *a, uint64_t now)
{
    session_view v;
    session_view_at(a->s, now, &v);
    if (v.black) {
        clear_black(a);
        session_drawn(a->s, now);
        return;
    }
    if (!v.sc)
        return;
    SDL_Texture *t = turned_target(a);
    if (t)
        SDL_SetRenderTarget(a->ren, t);
    render_scene(a->rd, v.sc, v.scroll, v.pressed);
    render_focus(a->rd, v.sc, v.focus);
    if (t) {
        clear_black(a);
        SDL_Rect dst = {(a->pw - a->w) / 2, (a->ph - a->h) / 2, a->w, a->h};
        SDL_RenderCopyEx(a->ren, t, NULL, &dst, a->o.rotation, NULL, SDL_FLIP_NONE);
    }
    session_drawn(a->s, now);
}

/* ---- what the session reports -------------------------------------------- */

static void notify_status(const app *a)
{
    char st[160];
    const kcontent *c = session_content(a->s);
    if (session_display_off(a->s))
        snprintf(st, sizeof st, "STATUS=display off (outside opening hours)");
    else if (c)
        snprintf(st, sizeof st, "STATUS=showing content: %zu slides, %zu domains, %zu pages",
                 c->n_slides, c->n_domains, content_page_count(c));
    else
        snprintf(st, sizeof st, "STATUS=waiting for content that loads");
    sdnotify_send(st);
}

static void on_display(app *a, const session_event *e)
{
    if (e->arg) {
        health_set_display(HEALTH_DISPLAY_ON);
        SDL_DisableScreenSaver();
        log_info("ui", "display on (%s)", e->arg2 ? "opening hours" : "woken by a touch");
    } else {
        health_set_display(HEALTH_DISPLAY_STANDBY);
        SDL_EnableScreenSaver(); /* where the video driver can, let the panel sleep */
        log_info("ui", "display off (outside opening hours)");
    }
    trace_line(a, e->now, "display", e->arg ? "on" : "off");
    if (a->ready)
        notify_status(a);
}

static void on_content(app *a)
{
    const kcontent *c = session_content(a->s);
    render_set_content_root(a->rd, c->root);
    log_info("ui", "content switched (%zu slides, %zu domains)", c->n_slides, c->n_domains);
    if (a->ready)
        notify_status(a);
}

static health_scene health_scene_of(nav_scene sc)
{
    return sc == NAV_PAGE ? HEALTH_SCENE_PAGE : sc == NAV_MENU ? HEALTH_SCENE_MENU
                                                               : HEALTH_SCENE_ATTRACT;
}

static void on_session_event(void *ctx, const session_event *e)
{
    static const health_access access[] = {
        [SESSION_ACCESS_SPEECH] = HEALTH_ACCESS_SPEECH,
        [SESSION_ACCESS_CONTRAST] = HEALTH_ACCESS_CONTRAST,
        [SESSION_ACCESS_LARGE_TEXT] = HEALTH_ACCESS_LARGE_TEXT,
        [SESSION_ACCESS_MORE_TIME] = HEALTH_ACCESS_MORE_TIME,
    };
    app *a = ctx;
    char to[32];
    switch (e->kind) {
    case SESSION_EV_SCENE:
        health_set_scene(health_scene_of((nav_scene)e->arg));
        break;
    case SESSION_EV_VISIT:
        health_session();
        break;
    case SESSION_EV_DOMAIN:
        health_domain_view(e->text);
        break;
    case SESSION_EV_ACCESS:
        health_access_used(access[e->arg]);
        break;
    case SESSION_EV_TOUCH:
        health_touch();
        break;
    case SESSION_EV_NOTICE:
        health_set_notice(e->arg);
        log_info("ui", "notice %s", e->arg ? "shown" : "hidden");
        trace_line(a, e->now, "notice", e->arg ? "on" : "off");
        break;
    case SESSION_EV_DISPLAY:
        on_display(a, e);
        break;
    case SESSION_EV_CONTENT:
        on_content(a);
        break;
    case SESSION_EV_STATE:
        trace_state(a, e->now, e->text);
        break;
    case SESSION_EV_TARGETS:
        trace_targets(a, session_scene(a->s));
        break;
    case SESSION_EV_SCROLL:
        snprintf(to, sizeof to, "%d", e->arg);
        trace_line(a, e->now, "scroll", to);
        break;
    }
}

/* ---- what the narrator says ----------------------------------------------- */

/* The voice, started on first use. */
static voice *get_voice(app *a)
{
    if (!a->v && !a->voice_failed) {
        a->v = voice_new(a->o.speech_data, a->o.audio_out, a->o.script != NULL);
        if (!a->v) {
            a->voice_failed = 1;
            log_error("narrator", "no speech output: the speech engine did not start");
        }
    }
    return a->v;
}

static void voice_sink_say(void *ctx, lang l, const char *text, int interrupt)
{
    app *a = ctx;
    if (a->o.trace) {
        printf("trace: say %s %s\n", content_lang_code(session_content(a->s), l), text);
        fflush(stdout);
    }
    voice *v = get_voice(a);
    if (v)
        voice_say(v, content_lang(session_content(a->s), l)->voice, text, interrupt);
}

static void voice_sink_chime(void *ctx)
{
    app *a = ctx;
    voice *v = get_voice(a);
    if (v)
        voice_beep(v);
    if (a->o.trace) {
        printf("trace: chime\n");
        fflush(stdout);
    }
}

static void voice_sink_stop(void *ctx)
{
    app *a = ctx;
    if (a->v)
        voice_stop(a->v);
}

/* ---- content generations and notice changes --------------------------------- */

static void poll_content(app *a, uint64_t now)
{
    if (!a->o.poll)
        return;
    if (a->last_poll && now - a->last_poll < a->o.poll_interval_ms)
        return;
    a->last_poll = now;
    generation *g = a->o.poll(a->o.poll_ctx);
    words_attach(g ? g->content : NULL, a->o.strings_dir);
    session_offer(a->s, g, now);
    if (a->o.poll_diags) {
        const diag_list *d = a->o.poll_diags(a->o.poll_ctx);
        if (d != a->diags || g) {
            a->diags = d;
            session_set_diags(a->s, d);
        }
    }
}

/* A notice change (options.notice_poll: the updater hands one over as soon
 * as it has verified a newer manifest). */
static void poll_notice(app *a, uint64_t now, int force)
{
    if (!a->o.notice_poll)
        return;
    if (!force && a->last_notice_check && now - a->last_notice_check < NOTICE_CHECK_MS)
        return;
    a->last_notice_check = now;
    manifest_notice *n = NULL;
    if (a->o.notice_poll(a->o.notice_ctx, &n))
        session_set_notice(a->s, n);
}

/* ---- the loop -------------------------------------------------------------- */

static void on_resize(app *a)
{
    int w = 0, h = 0, ww = 0, wh = 0;
    SDL_GetRendererOutputSize(a->ren, &w, &h);
    SDL_GetWindowSize(a->win, &ww, &wh);
    if (w <= 0 || h <= 0)
        return;
    a->pw = w;
    a->ph = h;
    rotate_logical_size(a->o.rotation, w, h, &a->w, &a->h);
    a->scale_x = ww > 0 ? (double)w / ww : 1.0;
    a->scale_y = wh > 0 ? (double)h / wh : 1.0;
    if (a->turned) {
        SDL_DestroyTexture(a->turned);
        a->turned = NULL;
    }
    if (a->s)
        session_resize(a->s, a->w, a->h);
}

/* A touch or mouse event from panel into scene coordinates (rotate.h).
 * Mouse positions come out in renderer pixels: pass scale 1 with them. */
static void turn_event(const app *a, SDL_Event *e)
{
    int r = a->o.rotation;
    double x, y, x2, y2;
    switch (e->type) {
    case SDL_FINGERDOWN:
    case SDL_FINGERUP:
    case SDL_FINGERMOTION:
        rotate_to_logical(r, e->tfinger.x, e->tfinger.y, &x, &y);
        rotate_to_logical(r, e->tfinger.x + e->tfinger.dx, e->tfinger.y + e->tfinger.dy, &x2, &y2);
        e->tfinger.x = (float)x;
        e->tfinger.y = (float)y;
        e->tfinger.dx = (float)(x2 - x);
        e->tfinger.dy = (float)(y2 - y);
        break;
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
        rotate_to_logical(r, e->button.x * a->scale_x / a->pw, e->button.y * a->scale_y / a->ph, &x, &y);
        e->button.x = (Sint32)(x * a->w + 0.5);
        e->button.y = (Sint32)(y * a->h + 0.5);
        break;
    case SDL_MOUSEMOTION:
        rotate_to_logical(r, e->motion.x * a->scale_x / a->pw, e->motion.y * a->scale_y / a->ph, &x, &y);
        e->motion.x = (Sint32)(x * a->w + 0.5);
        e->motion.y = (Sint32)(y * a->h + 0.5);
        break;
    }
}

static void on_event(app *a, const SDL_Event *e, uint64_t now)
{
    switch (e->type) {
    case SDL_QUIT: /* SIGTERM, SIGINT, or the preview window closed */
        a->quit = 1;
        return;
    case SDL_KEYDOWN:
        /* visitors have no keyboard, but a kiosk must not be quittable by a
         * stray one: keys quit only the preview window */
        if (a->o.window_w && (e->key.keysym.sym == SDLK_ESCAPE || e->key.keysym.sym == SDLK_q))
            a->quit = 1;
        return;
    case SDL_WINDOWEVENT:
        if (e->window.event == SDL_WINDOWEVENT_SIZE_CHANGED ||
            e->window.event == SDL_WINDOWEVENT_RESIZED)
            on_resize(a);
        else if (e->window.event == SDL_WINDOWEVENT_EXPOSED)
            session_redraw(a->s);
        return;
    case SDL_RENDER_TARGETS_RESET:
    case SDL_RENDER_DEVICE_RESET:
        render_flush(a->rd);
        session_redraw(a->s);
        return;
    default: {
        SDL_Event m = *e;
        double sx = a->scale_x, sy = a->scale_y;
        pointer p;
        if (a->o.rotation) {
            turn_event(a, &m);
            sx = sy = 1;
        }
        if (sdl_pointer(&m, a->w, a->h, sx, sy, &p))
            session_pointer(a->s, &p, now);
    }
    }
}

void app_pump(app *a, uint64_t now)
{
    SDL_Event e;
    SDL_PumpEvents();
    while (SDL_PollEvent(&e))
        on_event(a, &e, now);
}

static void session_options_of(const app_options *o, session_options *so)
{
    memset(so, 0, sizeof *so);
    so->nav = o->nav;
    snprintf(so->default_lang, sizeof so->default_lang, "%s", o->default_lang ? o->default_lang : "");
    so->display = o->display;
    so->wake_on_touch = o->wake_on_touch;
    so->swap_now = o->swap_now;
    so->speech = o->speech;
    so->low_reach = o->low_reach;
    so->warning_sound = o->warning_sound;
    /* scripted runs speak only into a WAV file, so tests need no sound card */
    so->narrate = (o->speech || o->warning_sound) && !o->screenshot && !o->screenshot_dir &&
                  (!o->script || o->audio_out);
}

/* SIGHUP: the reloadable options and a fresh content generation. */
static void reload(app *a, uint64_t now)
{
    app_options o = a->o;
    generation *ng = a->o.reload(a->o.reload_ctx, &o);
    int turned = o.rotation != a->o.rotation && rotate_valid(o.rotation);
    a->o.nav = o.nav;
    a->o.default_lang = o.default_lang;
    if (turned)
        a->o.rotation = o.rotation;
    a->o.display = o.display;
    a->o.wake_on_touch = o.wake_on_touch;
    a->o.low_reach = o.low_reach;
    session_options so;
    session_options_of(&a->o, &so);
    session_set_options(a->s, &so);
    if (turned)
        on_resize(a);
    words_attach(ng ? ng->content : NULL, a->o.strings_dir);
    if (ng)
        session_offer(a->s, ng, now);
}

void app_step(app *a, uint64_t now)
{
    if (hup_pending && a->o.reload) {
        hup_pending = 0;
        reload(a, now);
    }
    if (render_hyphens_arrived(a->rd)) /* words may break better now */
        session_resize(a->s, a->w, a->h);
    session_tick(a->s, now, wall_ms(a, now));
    poll_notice(a, now, 0);
    poll_content(a, now);
}

static uint64_t earliest(uint64_t a, uint64_t b)
{
    return a < b ? a : b;
}

uint32_t app_wait_ms(const app *a, uint64_t now)
{
    uint64_t due = session_deadline(a->s, now);
    if (!session_animating(a->s, now)) {
        due = earliest(due, now + MAX_WAIT_MS);
        if (a->wd.interval_ms) /* the watchdog pings from this loop only */
            due = earliest(due, a->wd.last_ping_ms + a->wd.interval_ms / 2);
        if (a->o.reload && !a->o.script)
            due = earliest(due, now + RELOAD_CHECK_MS);
        if (a->o.poll)
            due = earliest(due, a->last_poll + a->o.poll_interval_ms);
        if (a->o.notice_poll)
            due = earliest(due, a->last_notice_check + NOTICE_CHECK_MS);
        if (!a->o.script)
            due = earliest(due, shots_deadline(a, now));
    }
    return due > now ? (uint32_t)(due - now) : 0;
}

static void present(app *a, uint64_t now, double woke)
{
    if (session_draw_due(a->s)) {
        app_draw(a, now);
        SDL_RenderPresent(a->ren);
        health_frame(mono_ms() - woke);
    }
}

static void ready(app *a, uint64_t now)
{
    /* systemd: ready once a frame is on screen; the watchdog is fed by this
     * loop alone, so a UI that hangs stops feeding it */
    sdnotify_send("READY=1");
    a->ready = 1;
    notify_status(a);
    sdnotify_watchdog_init(&a->wd, SDL_GetTicks64());
    if (a->wd.interval_ms)
        log_info("ui", "systemd watchdog: %" PRIu64 " ms", a->wd.interval_ms);
    shots_start(a, now);
}

static void loop(app *a)
{
    while (!a->quit) {
        uint64_t now = app_now(a);
        sdnotify_watchdog_tick(&a->wd, now);
        SDL_Event e;
        uint32_t t = session_draw_due(a->s) ? 0 : app_wait_ms(a, now);
        int got = t == 0 ? SDL_PollEvent(&e) : SDL_WaitEventTimeout(&e, (int)t);
        double woke = mono_ms();
        now = app_now(a);
        if (got) {
            on_event(a, &e, now);
            while (SDL_PollEvent(&e))
                on_event(a, &e, now);
        }
        app_step(a, now);
        if (session_animating(a->s, now) && now < session_deadline(a->s, now) &&
            !session_draw_due(a->s))
            continue;
        present(a, now, woke);
        shots_poll(a, now);
    }
    sdnotify_send("STOPPING=1");
}

/* ---- set-up -------------------------------------------------------------- */

static int pick_software(const app_options *o)
{
    if (o->renderer != APP_RENDER_AUTO)
        return o->renderer == APP_RENDER_SOFTWARE;
    /* Under X11 and headless drivers the GL path only loads Mesa to upload
     * a frame the CPU drew anyway; KMSDRM and Wayland have real GPUs. */
    const char *drv = SDL_GetCurrentVideoDriver();
    return !drv || strcmp(drv, "x11") == 0 || strcmp(drv, "offscreen") == 0 ||
           strcmp(drv, "dummy") == 0;
}

static int min_target_px(void)
{
    float ddpi = 0;
    double dpi = 96;
    if (SDL_GetDisplayDPI(0, &ddpi, NULL, NULL) == 0 && ddpi >= 50 && ddpi <= 1000)
        dpi = ddpi;
    int px = (int)(9.0 * dpi / 25.4 + 0.5); /* 9 mm */
    return px < 40 ? 40 : px;
}

/* SDL falls back to its offscreen driver when it finds no display; a kiosk
 * that then runs on unseen is no use to anyone, so say how to see it. Headless
 * runs (screenshots, scripts, SDL_VIDEODRIVER=offscreen) want exactly that. */
static int no_display(const app *a)
{
    const char *drv = SDL_GetCurrentVideoDriver();
    const char *asked = getenv("SDL_VIDEODRIVER");
    if (!drv || (strcmp(drv, "offscreen") != 0 && strcmp(drv, "dummy") != 0))
        return 0;
    if ((asked && *asked) || a->o.screenshot || a->o.screenshot_dir || a->o.script)
        return 0;
    log_error("ui", "no display found. To see the kiosk: run it in a window under X11 or "
                    "Wayland (DISPLAY or WAYLAND_DISPLAY set), or on a text console with "
                    "SDL_VIDEODRIVER=kmsdrm (as a member of the groups video, render and "
                    "input), or save a frame with --screenshot FILE. SDL_VIDEODRIVER=offscreen "
                    "runs it without a display on purpose.");
    return 1;
}

static int init_sdl(void)
{
    SDL_SetHint(SDL_HINT_VIDEO_X11_NET_WM_BYPASS_COMPOSITOR, "0");
    SDL_SetHint(SDL_HINT_RENDER_SCALE_QUALITY, "1");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
        log_error("ui", "SDL_Init: %s", SDL_GetError());
        return -1;
    }
    if (TTF_Init() != 0) {
        log_error("ui", "TTF_Init: %s", TTF_GetError());
        return -1;
    }
    IMG_Init(IMG_INIT_PNG | IMG_INIT_JPG);
    return 0;
}

static int open_window(app *a, int software)
{
    Uint32 flags = SDL_WINDOW_SHOWN;
    int w = a->o.window_w, h = a->o.window_h;
    if (!w) {
        SDL_DisplayMode dm;
        flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
        if (SDL_GetDesktopDisplayMode(0, &dm) == 0) {
            w = dm.w;
            h = dm.h;
        } else {
            w = 1280;
            h = 800;
        }
    }
    a->win = SDL_CreateWindow("Kiosk", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, w, h, flags);
    if (!a->win) {
        log_error("ui", "SDL_CreateWindow: %s", SDL_GetError());
        return -1;
    }
    a->ren = SDL_CreateRenderer(a->win, -1,
                                software ? SDL_RENDERER_SOFTWARE
                                         : SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
    if (!a->ren && !software)
        a->ren = SDL_CreateRenderer(a->win, -1, SDL_RENDERER_SOFTWARE);
    if (!a->ren) {
        log_error("ui", "SDL_CreateRenderer: %s", SDL_GetError());
        return -1;
    }
    if (!a->o.window_w)
        SDL_ShowCursor(SDL_DISABLE);
    return 0;
}

static int setup(app *a, const char *content_root)
{
    if (init_sdl() != 0 || no_display(a))
        return -1;
    int software = pick_software(&a->o);
    if (software)
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    if (open_window(a, software) != 0)
        return -1;
    SDL_RendererInfo info;
    if (SDL_GetRendererInfo(a->ren, &info) == 0)
        log_info("ui", "video driver %s, renderer %s", SDL_GetCurrentVideoDriver(), info.name);
    a->rd = render_new(a->ren, a->o.fonts_dir, content_root);
    if (!a->rd)
        return -1;
    if (a->o.script || a->o.screenshot || a->o.screenshot_dir)
        render_hyphens_wait(a->rd);
    a->min_target = min_target_px();
    on_resize(a);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sighup;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGHUP, &sa, NULL);
    return 0;
}

static void teardown(app *a)
{
    if (a->rd) { /* bounded by design; the soak test reads this line */
        size_t entries, bytes;
        unsigned long misses;
        render_stats(a->rd, &entries, &bytes, &misses);
        log_info("ui", "texture cache at exit: %zu entries, %zu bytes, %lu misses", entries, bytes,
                 misses);
    }
    shotup_stop(a->up);
    session_free(a->s); /* the scene first, then the generations it points into */
    voice_free(a->v);   /* writes audio_out */
    if (a->turned)
        SDL_DestroyTexture(a->turned);
    render_free(a->rd);
    if (a->ren)
        SDL_DestroyRenderer(a->ren);
    if (a->win)
        SDL_DestroyWindow(a->win);
    IMG_Quit();
    if (TTF_WasInit())
        TTF_Quit();
    SDL_Quit();
}

/* The session on generation g (taken), its first tick and the notice. */
static int start_session(app *a, generation *g, uint64_t now)
{
    session_options so;
    session_options_of(&a->o, &so);
    words_attach(g ? g->content : NULL, a->o.strings_dir);
    session_hooks hooks = {.ctx = a, .event = on_session_event,
                           .voice = {.ctx = a, .say = voice_sink_say, .chime = voice_sink_chime,
                                     .stop = voice_sink_stop}};
    a->s = session_new(&so, &hooks, render_measure(a->rd), a->w, a->h, a->min_target, g, now);
    if (!a->s)
        return -1;
    health_set_display(HEALTH_DISPLAY_ON);
    /* scripted runs speak only into a WAV file, so tests need no sound card
     * (SDL_AUDIODRIVER in the environment still wins over this hint) */
    if (a->o.script)
        SDL_SetHint(SDL_HINT_AUDIODRIVER, "dummy");
    session_tick(a->s, now, wall_ms(a, now)); /* the display schedule, before any frame */
    if (a->o.poll_diags) {
        a->diags = a->o.poll_diags(a->o.poll_ctx);
        session_set_diags(a->s, a->diags);
    }
    if (a->o.trace) /* the size's typical screen (screen.h), for tests in millimetres */
        printf("trace: screen %dx%d %.2f px/mm\n", a->w, a->h, screen_px_per_mm(a->w, a->h));
    trace_state(a, now, "start");
    poll_notice(a, now, 1); /* g's notice (the state directory's) shows in the first frame */
    return 0;
}

static int first_frame(app *a, uint64_t now, double t_start)
{
    render_defer(a->rd, !a->o.screenshot); /* SVG pictures: their ground, then them */
    app_draw(a, now);
    render_defer(a->rd, 0);
    if (a->o.screenshot)
        return render_save_png(a->rd, a->o.screenshot) == 0 ? 0 : 1;
    SDL_RenderPresent(a->ren);
    if (render_deferred(a->rd))
        session_redraw(a->s);
    const kcontent *c = session_content(a->s);
    health_set_scene(c ? health_scene_of(session_nav(a->s)->scene) : HEALTH_SCENE_STARTING);
    log_info("ui", "first frame %dx%d after %.0f ms", a->w, a->h, mono_ms() - t_start);
    return -1;
}

int app_run(generation *g, const app_options *o)
{
    double t_start = mono_ms();
    app a0, *a = &a0;
    memset(a, 0, sizeof *a);
    a->o = *o;
    if (!a->o.poll_interval_ms)
        a->o.poll_interval_ms = 1000;
    if (!rotate_valid(a->o.rotation))
        a->o.rotation = 0;
    a->wall0 = a->o.fake_time ? a->o.fake_time : time(NULL);
    a->mono0 = mono_ms();
    int rc = 1;
    if (setup(a, g ? g->content->root : NULL) != 0) {
        generation_release(g);
        goto out;
    }
    uint64_t now = app_now(a);
    if (start_session(a, g, now) != 0)
        goto out;
    if (a->o.screenshot_dir) {
        rc = shots_tour(a);
        goto out;
    }
    rc = first_frame(a, now, t_start);
    if (rc >= 0)
        goto out;
    if (a->o.script) {
        rc = scripted_run(a);
        goto out;
    }
    ready(a, now);
    loop(a);
    rc = 0;
out:
    teardown(a);
    return rc;
}
