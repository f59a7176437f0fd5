#include "app.h"

#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fsutil.h"
#include "kfile.h"
#include "health.h"
#include "sdl_input.h"
#include "layout.h"
#include "log.h"
#include "manifest.h"
#include "narrator.h"
#include "render.h"
#include "rotate.h"
#include "sdnotify.h"
#include "shotup.h"

#define FRAME_MS 16
#define FADE_FRAME_MS 33 /* a cross-fade looks as smooth at 30 fps, for half the CPU */
#define SWAP_WHEN_IDLE_MS 15000
#define MOMENTUM_TAU_MS 325.0
#define MAX_WAIT_MS 60000
#define RELOAD_CHECK_MS 1000 /* how soon a SIGHUP is noticed */

static volatile sig_atomic_t hup_pending;

static void on_sighup(int sig)
{
    (void)sig;
    hup_pending = 1;
}

#define NOTICE_CHECK_MS 1000
#define SHOT_SIGNAL_MS 250 /* how soon a SIGUSR1 is noticed while idle */

static volatile sig_atomic_t shot_requested;

static void on_sigusr1(int sig)
{
    (void)sig;
    shot_requested = 1; /* async-signal-safe: the loop takes the shot */
}

typedef struct app {
    app_options o;
    SDL_Window *win;
    SDL_Renderer *ren;
    render *rd;
    generation *gen;      /* shown, or NULL before the first that loads */
    kcontent *c;          /* gen's content, or NULL */
    generation *pending;  /* to show at the next scene boundary, or NULL */
    const diag_list *diags;
    nav_state nav;
    scene *sc;
    int need_layout; /* the scene must be rebuilt */
    int need_draw;   /* the screen must be redrawn */
    int countdown;   /* the number the scene shows, -1 none */
    int w, h;
    double scale_x, scale_y;
    int min_target;
    input in;
    int pressed;     /* target under the finger, -1 */
    int swallow;     /* this touch only dismissed the idle warning */
    double scroll, vel;
    uint64_t last_step;
    uint64_t vclock;
    uint64_t last_poll;
    uint64_t last_frame;
    int quit;
    int trace_targets;
    int traced[6];   /* the state last traced */
    nav_state reported; /* the state last reported to health */
    int pw, ph;      /* the panel's size; w, h are the scene's (rotate.h) */
    SDL_Texture *turned; /* the scene, drawn here first when the panel is rotated */
    sdnotify_watchdog wd;
    int ready;       /* READY=1 sent */
    int display_off; /* outside opening hours: black, not rendering */
    int wake_swallow; /* the touch that woke the display: ignored until released */
    uint64_t woken_until; /* a touch shows the kiosk out of hours until then */
    time_t next_change;   /* the schedule's next change (cached), 0 unknown */
    time_t wall0;         /* --script, fake_time: the wall clock at the start */
    double mono0;         /* fake_time: the monotonic clock at the start */
    /* emergency notice */
    manifest_notice *notice;  /* the newest received, or NULL */
    uint64_t last_notice_check;
    int notice_on;            /* shown now */
    char notice_when[160];
    /* operator screenshots */
    shotup *up;
    uint64_t last_shot;
    /* speech (narrator.h) */
    narrator *nr;             /* NULL: the kiosk does not speak */
    nav_state spoken;         /* the state the narrator last heard of */
} app;

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
    o->default_lang = -1;
    o->wake_on_touch = 1;
    o->speech = 1;
    o->warning_sound = 1;
}

static uint64_t app_now(const app *a)
{
    return a->o.script ? a->vclock : SDL_GetTicks64();
}

/* ---- tracing ------------------------------------------------------------- */

static void trace_state(app *a, uint64_t now, const char *why)
{
    if (!a->o.trace || !a->c)
        return;
    const nav_state *s = &a->nav;
    /* one line per visible change, not per animation step */
    int key[6] = {(int)s->scene, s->domain, s->page, (int)s->language, s->slide, s->warning};
    if (memcmp(key, a->traced, sizeof key) == 0 && strcmp(why, "start") != 0)
        return;
    memcpy(a->traced, key, sizeof key);
    const char *dom = "-", *page = "-";
    if (s->scene == NAV_PAGE) {
        dom = a->c->domains[s->domain].id;
        page = a->c->domains[s->domain].pages[s->page].id;
    }
    printf("trace: t=%" PRIu64 " %s scene=%s domain=%s page=%s lang=%s slide=%d warning=%d\n",
           now, why, nav_scene_name(s->scene), dom, page, lang_code(s->language), s->slide,
           s->warning);
    fflush(stdout);
}

static void trace_targets(app *a)
{
    if (!a->o.trace || !a->sc)
        return;
    for (size_t i = 0; i < a->sc->n_targets; i++) {
        const dl_target *t = &a->sc->targets[i];
        printf("trace: target %s %.4f %.4f\n", t->name ? t->name : "?",
               (t->x + t->w / 2.0) / a->w, (t->y + t->h / 2.0) / a->h);
    }
    fflush(stdout);
}

/* ---- scene --------------------------------------------------------------- */

static void relayout(app *a, uint64_t now)
{
    layout_notice ln;
    layout_params p = {.w = a->w, .h = a->h, .min_target = a->min_target,
                       .m = render_measure(a->rd), .now = now, .cfg = &a->o.nav,
                       .diags = a->diags, .low_reach = a->o.low_reach};
    if (a->notice_on && a->notice) {
        ln = (layout_notice){.de = a->notice->de, .en = a->notice->en, .leicht = a->notice->leicht,
                             .when = a->notice_when};
        p.notice = &ln;
    }
    scene_free(a->sc);
    a->sc = NULL;
    nav_state fallback;
    const nav_state *s = &a->nav;
    if (!a->c) {
        memset(&fallback, 0, sizeof fallback);
        s = &fallback;
    }
    a->sc = layout_build(a->c, s, &p);
    a->countdown = a->c ? nav_countdown(&a->nav, &a->o.nav, now) : -1;
    a->need_layout = 0;
    a->need_draw = 1;
    if (a->sc) {
        int max = scene_max_scroll(a->sc);
        if (a->scroll > max)
            a->scroll = max;
    }
    if (a->trace_targets) {
        trace_targets(a);
        a->trace_targets = 0;
    }
}

static void clear_black(app *a)
{
    SDL_SetRenderTarget(a->ren, NULL);
    SDL_SetRenderDrawColor(a->ren, 0, 0, 0, 255);
    SDL_RenderClear(a->ren);
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

static void draw(app *a, uint64_t now)
{
    if (a->display_off) {
        clear_black(a);
        a->need_draw = 0;
        a->last_frame = now;
        return;
    }
    if (a->need_layout || !a->sc)
        relayout(a, now);
    if (!a->sc)
        return;
    SDL_Texture *t = turned_target(a);
    if (t)
        SDL_SetRenderTarget(a->ren, t);
    render_scene(a->rd, a->sc, (int)(a->scroll + 0.5), a->pressed);
    if (a->nr && a->nav.speech) /* the control speech mode is on, for who sees a little */
        render_focus(a->rd, a->sc, narrator_target(a->nr));
    if (t) {
        clear_black(a);
        SDL_Rect dst = {(a->pw - a->w) / 2, (a->ph - a->h) / 2, a->w, a->h};
        SDL_RenderCopyEx(a->ren, t, NULL, &dst, a->o.rotation, NULL, SDL_FLIP_NONE);
    }
    a->need_draw = 0;
    a->last_frame = now;
}

/* ---- content generations ------------------------------------------------- */

/* The configured start language overrides the content's, when the content
 * has that language at all. */
static void apply_default_lang(const app *a, kcontent *c)
{
    if (c && a->o.default_lang >= 0 && a->o.default_lang < LANG_COUNT &&
        layout_has_lang(c, (lang)a->o.default_lang))
        c->default_lang = (lang)a->o.default_lang;
}

static void notify_status(const app *a)
{
    char st[160];
    if (a->display_off)
        snprintf(st, sizeof st, "STATUS=display off (outside opening hours)");
    else if (a->c)
        snprintf(st, sizeof st, "STATUS=showing content: %zu slides, %zu domains, %zu pages",
                 a->c->n_slides, a->c->n_domains, content_page_count(a->c));
    else
        snprintf(st, sizeof st, "STATUS=waiting for content that loads");
    sdnotify_send(st);
}

static void swap_content(app *a, uint64_t now)
{
    kcontent *old = a->c;
    generation *old_gen = a->gen;
    kcontent *nc = a->pending->content;
    a->gen = a->pending;
    a->pending = NULL;
    apply_default_lang(a, nc);
    if (old)
        nav_rebind(&a->nav, old, nc, now);
    else
        nav_init(&a->nav, nc, now);
    /* the scene points into the old generation: drop it before freeing */
    scene_free(a->sc);
    a->sc = NULL;
    a->c = nc;
    render_set_content_root(a->rd, nc->root);
    generation_release(old_gen); /* its maker may now drop its files */
    a->pressed = -1;
    a->need_layout = 1;
    a->trace_targets = 1;
    log_info("ui", "content switched (%zu slides, %zu domains)", nc->n_slides, nc->n_domains);
    if (a->ready)
        notify_status(a);
    trace_state(a, now, "content");
}

static void set_notice(app *a, manifest_notice *n);

/* A new generation: shown at the next scene boundary; its notice at once. */
static void take_generation(app *a, generation *g)
{
    set_notice(a, g->notice);
    g->notice = NULL;
    generation_release(a->pending); /* superseded before it was shown */
    a->pending = g;
}

/* The generation to start with (NULL: none loads yet); its notice shows in
 * the first frame, without network. */
static void start_with(app *a, generation *g)
{
    a->gen = g;
    a->c = g ? g->content : NULL;
    if (g) {
        set_notice(a, g->notice);
        g->notice = NULL;
    }
}

static void poll_content(app *a, uint64_t now)
{
    if (!a->o.poll)
        return;
    if (a->last_poll && now - a->last_poll < a->o.poll_interval_ms)
        return;
    a->last_poll = now;
    generation *ng = a->o.poll(a->o.poll_ctx);
    if (ng)
        take_generation(a, ng);
    if (a->o.poll_diags) {
        const diag_list *d = a->o.poll_diags(a->o.poll_ctx);
        if (d != a->diags || ng) {
            a->diags = d;
            a->need_layout = 1;
        }
    }
}

/* ---- emergency notice ------------------------------------------------------ */

/* "25.11.2026 08:00 – 18:00" (one day) or "... – 26.11.2026 12:00", local time. */
static void format_when(const manifest_notice *n, char *buf, size_t size)
{
    struct tm a, b;
    time_t s = (time_t)n->starts, e = (time_t)n->ends;
    char x[64], y[64];
    if (!localtime_r(&s, &a) || !localtime_r(&e, &b)) {
        buf[0] = '\0';
        return;
    }
    strftime(x, sizeof x, "%d.%m.%Y %H:%M", &a);
    if (a.tm_year == b.tm_year && a.tm_yday == b.tm_yday)
        strftime(y, sizeof y, "%H:%M", &b);
    else
        strftime(y, sizeof y, "%d.%m.%Y %H:%M", &b);
    snprintf(buf, size, "%s \xE2\x80\x93 %s", x, y);
}

/* The notice to show from now on (taken; NULL: none). */
static void set_notice(app *a, manifest_notice *n)
{
    manifest_notice_free(a->notice);
    a->notice = n;
    if (n)
        format_when(n, a->notice_when, sizeof a->notice_when);
    a->last_notice_check = 0; /* look at it at the next step */
}

/* Take a notice change; show or hide the card when the wall clock crosses
 * its start or end. */
static void poll_notice(app *a, uint64_t now, int force)
{
    if (!a->o.notice_poll && !a->notice && !a->notice_on)
        return;
    if (!force && a->last_notice_check && now - a->last_notice_check < NOTICE_CHECK_MS)
        return;
    a->last_notice_check = now;
    manifest_notice *n = NULL;
    if (a->o.notice_poll && a->o.notice_poll(a->o.notice_ctx, &n))
        set_notice(a, n);
    int on = manifest_notice_active(a->notice, (int64_t)time(NULL));
    if (on != a->notice_on) {
        a->notice_on = on;
        health_set_notice(on);
        a->need_layout = 1;
        a->pressed = -1;
        log_info("ui", "notice %s", on ? "shown" : "hidden");
        if (a->o.trace) {
            printf("trace: t=%" PRIu64 " notice %s\n", now, on ? "on" : "off");
            fflush(stdout);
        }
    }
}

/* ---- screenshots for operators ---------------------------------------------- */

static void ops_shot(app *a, uint64_t now, int asked)
{
    char path[4096], tmp[4200];
    a->last_shot = now;
    if (snprintf(path, sizeof path, "%s/screen.png", a->o.ops_screenshot_dir) >= (int)sizeof path)
        return;
    snprintf(tmp, sizeof tmp, "%s/.screen.png.tmp", a->o.ops_screenshot_dir);
    if (fsutil_mkdir_p(a->o.ops_screenshot_dir, 0755) != 0) {
        log_warn("screenshot", "%s: %s", a->o.ops_screenshot_dir, strerror(errno));
        health_error(HEALTH_ERR_IO);
        return;
    }
    draw(a, now); /* what is on screen, drawn again into the back buffer */
    int ok = render_save_png(a->rd, tmp) == 0 && rename(tmp, path) == 0;
    SDL_RenderPresent(a->ren);
    if (!ok) {
        log_warn("screenshot", "cannot save %s: %s", path, strerror(errno));
        unlink(tmp);
        health_error(HEALTH_ERR_IO);
        return;
    }
    log_msg(asked ? LOG_INFO : LOG_DEBUG, "screenshot", "saved %s", path); /* timer shots stay quiet */
    if (a->up)
        shotup_submit(a->up, path);
}

static void poll_shot(app *a, uint64_t now)
{
    if (!a->o.ops_screenshot_dir) {
        if (shot_requested)
            log_warn("screenshot", "SIGUSR1 ignored: no screenshot directory (--screenshot-dir)");
        shot_requested = 0;
        return;
    }
    unsigned iv = a->o.ops_screenshot_interval_s;
    if (shot_requested || (iv && now - a->last_shot >= (uint64_t)iv * 1000)) {
        int asked = shot_requested != 0;
        shot_requested = 0;
        ops_shot(a, now, asked);
    }
}

/* ---- navigation ---------------------------------------------------------- */

static health_scene health_scene_of(const nav_state *s)
{
    return s->scene == NAV_PAGE ? HEALTH_SCENE_PAGE
           : s->scene == NAV_MENU ? HEALTH_SCENE_MENU
                                  : HEALTH_SCENE_ATTRACT;
}

/* Metrics for the operators: scene, sessions, which domains are read. */
static void report_move(app *a, const nav_state *before)
{
    const nav_state *s = &a->nav;
    health_set_scene(health_scene_of(s));
    if (before->scene == NAV_ATTRACT && s->scene != NAV_ATTRACT)
        health_session();
    if (s->scene == NAV_PAGE && (before->scene != NAV_PAGE || before->domain != s->domain))
        health_domain_view(a->c->domains[s->domain].id);
}

/* Tell the narrator what changed: speech mode on or off, a new place, the
 * idle warning. */
static void narrate(app *a, int r, uint64_t now)
{
    if (!a->nr || !a->c)
        return;
    const nav_state *s = &a->nav;
    nav_state was = a->spoken;
    a->spoken = *s;
    if (s->speech != was.speech && !s->speech) {
        if (s->scene == NAV_ATTRACT)
            narrator_stop(a->nr); /* the visitor left: no goodbye to the next one */
        else
            narrator_speech(a->nr, s->language, 0);
        return;
    }
    int warn = s->warning && !was.warning;
    if (!s->speech) {
        if (was.scene == NAV_ATTRACT && s->scene != NAV_ATTRACT)
            narrator_session(a->nr);
        if (warn)
            narrator_warning(a->nr, s);
        return;
    }
    if (!(r & (NAV_CHANGED | NAV_MOVED)) && was.speech)
        return;
    relayout(a, now); /* the narrator reads the scene the visitor will see */
    if (!a->sc)
        return;
    int how = NARRATOR_QUIET;
    if (!was.speech) {
        narrator_speech(a->nr, s->language, 1);
        how = NARRATOR_ANNOUNCE_AFTER;
    } else if ((r & NAV_MOVED) || s->language != was.language) {
        how = NARRATOR_ANNOUNCE;
    }
    narrator_scene(a->nr, a->sc, a->c, s, how);
    if (warn)
        narrator_warning(a->nr, s);
}

static void nav_result(app *a, int r, uint64_t now, const char *why)
{
    if (r & NAV_CHANGED) {
        a->need_layout = 1;
        a->trace_targets = 1;
    }
    if (r & NAV_MOVED) {
        report_move(a, &a->reported);
        a->reported = a->nav;
        a->scroll = 0;
        a->vel = 0;
        a->pressed = -1;
        if (a->pending)
            swap_content(a, now);
    }
    if (r & (NAV_CHANGED | NAV_MOVED))
        trace_state(a, now, why);
    narrate(a, r, now);
}

/* For the operators: which accessibility features visitors switch on. */
static void report_access(const nav_state *before, const nav_state *s, nav_action act_, int r)
{
    if (s->speech && !before->speech)
        health_access_used(HEALTH_ACCESS_SPEECH);
    if (s->contrast && !before->contrast)
        health_access_used(HEALTH_ACCESS_CONTRAST);
    if (s->large && !before->large)
        health_access_used(HEALTH_ACCESS_LARGE_TEXT);
    if (act_ == NAV_MORE_TIME && r)
        health_access_used(HEALTH_ACCESS_MORE_TIME);
}

/* Returns nav_apply()'s NAV_* bits. */
static int act(app *a, nav_action act_, int arg, uint64_t now)
{
    if (!a->c)
        return 0;
    nav_state before = a->nav;
    int r = nav_apply(&a->nav, a->c, &a->o.nav, act_, arg, now);
    report_access(&before, &a->nav, act_, r);
    nav_result(a, r, now, "input");
    return r;
}

/* A press on the idle warning's "more time" button asks for more time
 * (any other touch only dismisses the warning). Returns 1 when it was. */
static int more_time_press(app *a, const gesture *g, uint64_t now)
{
    if (!a->nav.warning)
        return 0;
    if (a->need_layout || !a->sc)
        relayout(a, now);
    int t = a->sc ? scene_hit(a->sc, g->x, g->y) : -1;
    if (t < 0 || a->sc->targets[t].action != NAV_MORE_TIME)
        return 0;
    act(a, NAV_MORE_TIME, 0, now);
    a->swallow = 1; /* the lift of this finger does nothing more */
    a->pressed = -1;
    a->need_draw = 1;
    return 1;
}

/* A finger went down: the idle timer restarts, and a touch on the idle
 * warning only dismisses it (swallow: its lift does nothing more) — or,
 * with more_time_button, asks for more time when it is on that button. */
static void press(app *a, const gesture *g, uint64_t now, int more_time_button)
{
    a->vel = 0;
    health_touch();
    if (more_time_button && more_time_press(a, g, now))
        return;
    int r = nav_apply(&a->nav, a->c, &a->o.nav, NAV_TOUCH, 0, now);
    a->swallow = (r & NAV_CONSUMED) != 0;
    nav_result(a, r, now, "touch");
}

/* Speech mode: a touch reads, a double tap activates, swipes step through
 * the reading order; holding two fingers again switches it off. Dragging
 * still scrolls. Returns 1 when the gesture was handled here. */
static int speech_gesture(app *a, const gesture *g, uint64_t now)
{
    switch (g->kind) {
    case GEST_TAP:
        a->pressed = -1;
        a->need_draw = 1;
        if (!a->nr || !a->sc)
            return 1;
        if (g->taps == 2) {
            int t = narrator_target(a->nr);
            if (t < 0 || (size_t)t >= a->sc->n_targets) {
                narrator_repeat(a->nr);
                return 1;
            }
            lang l = a->nav.language;
            int r = act(a, a->sc->targets[t].action, a->sc->targets[t].arg, now);
            if (!(r & NAV_MOVED) && a->nav.language == l && a->nav.speech)
                narrator_repeat(a->nr); /* a toggle: say its new state */
        } else {
            narrator_touch(a->nr, a->sc, g->x, g->y, (int)(a->scroll + 0.5));
        }
        return 1;
    case GEST_SWIPE_LEFT:
    case GEST_SWIPE_RIGHT:
        a->pressed = -1;
        a->need_draw = 1;
        if (a->nr && a->sc) {
            narrator_step(a->nr, g->kind == GEST_SWIPE_RIGHT ? +1 : -1);
            /* the page follows the focus, for a visitor who sees a little */
            int to = narrator_follow(a->nr, a->sc, (int)(a->scroll + 0.5));
            if (to != (int)(a->scroll + 0.5) && a->o.trace) {
                printf("trace: t=%" PRIu64 " scroll %d\n", now, to);
                fflush(stdout);
            }
            a->scroll = to;
            a->vel = 0;
        }
        return 1;
    case GEST_HOLD2:
        act(a, NAV_SPEECH, 0, now);
        return 1;
    case GEST_PRESS:
        press(a, g, now, 0);
        a->pressed = -1; /* nothing lights up: the finger explores */
        return 1;
    default:
        return 0;
    }
}

static void on_gesture(app *a, const gesture *g, uint64_t now)
{
    if (!a->c)
        return;
    if (a->notice_on) {
        /* the notice card covers everything: no taps, no swipes through it */
        if (g->kind == GEST_PRESS)
            health_touch();
        a->pressed = -1;
        return;
    }
    if (a->nav.speech && speech_gesture(a, g, now))
        return;
    switch (g->kind) {
    case GEST_PRESS: {
        press(a, g, now, 1);
        if (a->need_layout)
            relayout(a, now);
        a->pressed = a->swallow || !a->sc ? -1 : scene_hit(a->sc, g->x, g->y);
        a->need_draw = 1;
        break;
    }
    case GEST_DRAG:
        if (a->pressed >= 0) {
            a->pressed = -1;
            a->need_draw = 1;
        }
        a->nav.last_input = now;
        if (a->sc && scene_max_scroll(a->sc) > 0 && !a->swallow) {
            double max = scene_max_scroll(a->sc);
            a->scroll -= g->dy;
            if (a->scroll < 0)
                a->scroll = 0;
            if (a->scroll > max)
                a->scroll = max;
            a->need_draw = 1;
        }
        break;
    case GEST_TAP: {
        int was = a->pressed;
        a->pressed = -1;
        a->need_draw = 1;
        if (a->swallow || !a->sc)
            break;
        if (a->need_layout)
            relayout(a, now);
        int t = scene_hit(a->sc, g->x, g->y);
        if (t < 0 || (was >= 0 && t != was))
            break;
        act(a, a->sc->targets[t].action, a->sc->targets[t].arg, now);
        break;
    }
    case GEST_FLING:
        a->pressed = -1;
        if (!a->swallow && a->sc && scene_max_scroll(a->sc) > 0) {
            a->vel = g->vy;
            a->last_step = now;
        }
        a->need_draw = 1;
        break;
    case GEST_SWIPE_LEFT:
    case GEST_SWIPE_RIGHT:
        a->pressed = -1;
        a->need_draw = 1;
        if (!a->swallow)
            act(a, g->kind == GEST_SWIPE_LEFT ? NAV_NEXT : NAV_PREV, 0, now);
        break;
    case GEST_HOLD2:
        a->pressed = -1;
        a->need_draw = 1;
        if (a->o.speech)
            act(a, NAV_SPEECH, 1, now);
        break;
    case GEST_CANCEL:
    case GEST_NONE:
        a->pressed = -1;
        a->need_draw = 1;
        break;
    }
}

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
    a->need_layout = 1;
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

/* ---- display schedule ---------------------------------------------------- */

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

static time_t wall_now(const app *a, uint64_t now)
{
    return (time_t)(wall_ms(a, now) / 1000);
}

static void trace_display(const app *a, uint64_t now)
{
    if (!a->o.trace)
        return;
    printf("trace: t=%" PRIu64 " display %s\n", now, a->display_off ? "off" : "on");
    fflush(stdout);
}

/* Switch the display on or off as the schedule (and a waking touch) says. */
static void check_display(app *a, uint64_t now)
{
    int on = 1, open = 1;
    if (a->o.display.enabled) {
        time_t t = wall_now(a, now);
        open = schedule_is_open(&a->o.display, t);
        if (!a->next_change || t >= a->next_change) {
            a->next_change = schedule_next_change(&a->o.display, t);
            if (!a->next_change) /* never changes within the window: look again in a day */
                a->next_change = t + 86400;
        }
        on = open || now < a->woken_until;
    }
    if (on == !a->display_off)
        return;
    a->display_off = !on;
    if (on) {
        health_set_display(HEALTH_DISPLAY_ON);
        SDL_DisableScreenSaver();
        if (a->c) { /* back from standby: a fresh start in the attract loop */
            nav_init(&a->nav, a->c, now);
            report_move(a, &a->reported);
            a->reported = a->nav;
        }
        a->scroll = 0;
        a->vel = 0;
        a->pressed = -1;
        a->need_layout = 1;
        a->trace_targets = 1;
        log_info("ui", "display on (%s)", open ? "opening hours" : "woken by a touch");
    } else {
        a->woken_until = 0;
        health_set_display(HEALTH_DISPLAY_STANDBY);
        SDL_EnableScreenSaver(); /* where the video driver can, let the panel sleep */
        input_init(&a->in);
        log_info("ui", "display off (outside opening hours)");
    }
    a->need_draw = 1;
    trace_display(a, now);
    if (a->ready)
        notify_status(a);
}

/* Out of hours: a touch wakes the display (with wake_on_touch); that touch
 * itself only wakes it. Returns 1 when the event was consumed here. */
static int standby_input(app *a, const SDL_Event *e, uint64_t now)
{
    int down = e->type == SDL_FINGERDOWN || e->type == SDL_MOUSEBUTTONDOWN;
    int up = e->type == SDL_FINGERUP || e->type == SDL_MOUSEBUTTONUP;
    uint64_t awake = a->o.nav.idle_ms + a->o.nav.warn_ms;
    if (a->display_off) {
        if (down && a->o.wake_on_touch) {
            health_touch();
            a->woken_until = now + awake;
            a->wake_swallow = 1;
            check_display(a, now);
        }
        return 1;
    }
    if (a->wake_swallow) {
        if (up)
            a->wake_swallow = 0;
        return 1;
    }
    if (down && a->woken_until)
        a->woken_until = now + awake; /* still in use out of hours */
    return 0;
}

static void on_event(app *a, const SDL_Event *e, uint64_t now)
{
    gesture g;
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
            a->need_draw = 1;
        return;
    case SDL_RENDER_TARGETS_RESET:
    case SDL_RENDER_DEVICE_RESET:
        render_flush(a->rd);
        a->need_draw = 1;
        return;
    default: {
        SDL_Event m = *e;
        double sx = a->scale_x, sy = a->scale_y;
        if (a->o.rotation) {
            turn_event(a, &m);
            sx = sy = 1;
        }
        if ((a->display_off || a->wake_swallow || a->woken_until) && standby_input(a, &m, now))
            return;
        if (input_event(&a->in, &m, a->w, a->h, sx, sy, now, &g))
            on_gesture(a, &g, now);
    }
    }
}

/* SIGHUP: the reloadable options and a fresh content generation. */
static void reload(app *a)
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
    a->next_change = 0;
    if (turned)
        on_resize(a);
    if (ng)
        take_generation(a, ng);
    a->need_layout = 1;
}

/* Let time pass: timers, momentum, content polling. */
static void step(app *a, uint64_t now)
{
    if (hup_pending && a->o.reload) {
        hup_pending = 0;
        reload(a);
    }
    check_display(a, now);
    if (a->display_off) {
        poll_content(a, now);
        if (a->pending)
            swap_content(a, now);
        return;
    }
    poll_notice(a, now, 0);
    if (!a->c) {
        poll_content(a, now);
        if (a->pending) /* the first generation that loads */
            swap_content(a, now);
        return;
    }
    gesture g;
    if (input_tick(&a->in, now, &g))
        on_gesture(a, &g, now);
    int r = nav_tick(&a->nav, a->c, &a->o.nav, now);
    nav_result(a, r, now, "timer");
    if (a->nav.scene == NAV_ATTRACT && a->nav.prev_slide >= 0 &&
        (a->o.script || now - a->last_frame >= FADE_FRAME_MS))
        a->need_layout = 1; /* the next cross-fade frame */
    if (nav_countdown(&a->nav, &a->o.nav, now) != a->countdown)
        a->need_layout = 1;
    if (a->vel != 0) {
        double dt = (double)(now - a->last_step);
        a->last_step = now;
        double max = a->sc ? scene_max_scroll(a->sc) : 0;
        a->scroll -= a->vel * MOMENTUM_TAU_MS * (1 - exp(-dt / MOMENTUM_TAU_MS));
        a->vel *= exp(-dt / MOMENTUM_TAU_MS);
        if (a->scroll <= 0 || a->scroll >= max || fabs(a->vel) < 0.02) {
            a->scroll = a->scroll < 0 ? 0 : a->scroll > max ? max : a->scroll;
            a->vel = 0;
        }
        a->need_draw = 1;
    }
    poll_content(a, now);
    /* nobody reads the attract loop closely: it can change at any moment */
    if (a->pending && (a->o.swap_now || a->nav.scene == NAV_ATTRACT ||
                       (!a->in.active && now - a->nav.last_input >= SWAP_WHEN_IDLE_MS)))
        swap_content(a, now);
}

static int animating(const app *a, uint64_t now)
{
    if (a->display_off)
        return 0;
    if (a->vel != 0)
        return 1;
    return a->c && a->nav.scene == NAV_ATTRACT && a->nav.prev_slide >= 0 &&
           nav_transition(&a->nav, &a->o.nav, now) < 1000;
}

/* Milliseconds until something is due. */
static uint32_t wait_ms(const app *a, uint64_t now)
{
    if (animating(a, now)) {
        uint64_t next = a->last_frame + (a->vel != 0 ? FRAME_MS : FADE_FRAME_MS);
        return next > now ? (uint32_t)(next - now) : 0;
    }
    uint64_t due = now + MAX_WAIT_MS;
    if (a->o.display.enabled) {
        int64_t left = (int64_t)a->next_change * 1000 - wall_ms(a, now);
        uint64_t d = now + (left > 0 ? (uint64_t)left : 1000);
        if (d < due)
            due = d;
        if (a->woken_until && a->woken_until < due)
            due = a->woken_until;
    }
    if (a->wd.interval_ms) { /* the watchdog pings from this loop only */
        uint64_t d = a->wd.last_ping_ms + a->wd.interval_ms / 2;
        if (d < due)
            due = d;
    }
    if (a->o.reload && !a->o.script && now + RELOAD_CHECK_MS < due)
        due = now + RELOAD_CHECK_MS;
    if (a->c && !a->display_off) {
        uint64_t d = nav_deadline(&a->nav, a->c, &a->o.nav, now);
        if (d < due)
            due = d;
        d = input_deadline(&a->in); /* a two-finger hold completes by time */
        if (d < due)
            due = d > now ? d : now;
    }
    if (a->o.poll) {
        uint64_t d = a->last_poll + a->o.poll_interval_ms;
        if (d < due)
            due = d;
    }
    if ((a->o.notice_poll || a->notice) && a->last_notice_check + NOTICE_CHECK_MS < due)
        due = a->last_notice_check + NOTICE_CHECK_MS;
    if (a->o.ops_screenshot_dir && !a->o.script && now + SHOT_SIGNAL_MS < due)
        due = now + SHOT_SIGNAL_MS;
    return due > now ? (uint32_t)(due - now) : 0;
}

/* Something to draw: out of hours only the one black frame. */
static int draw_due(const app *a)
{
    return a->display_off ? a->need_draw : a->need_layout || a->need_draw || !a->sc;
}

static void present(app *a, uint64_t now, double woke)
{
    if (draw_due(a)) {
        draw(a, now);
        SDL_RenderPresent(a->ren);
        health_frame(mono_ms() - woke);
    }
}

/* ---- scripted runs ------------------------------------------------------- */

static void pump(app *a)
{
    SDL_Event e;
    SDL_PumpEvents();
    while (SDL_PollEvent(&e))
        on_event(a, &e, a->vclock);
}

static void push_finger(app *a, Uint32 type, SDL_FingerID finger, double x, double y)
{
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = type;
    e.tfinger.touchId = 1;
    e.tfinger.fingerId = finger;
    e.tfinger.x = (float)x;
    e.tfinger.y = (float)y;
    e.tfinger.pressure = type == SDL_FINGERUP ? 0.0f : 1.0f;
    SDL_PushEvent(&e);
    pump(a);
}

/* Advance the virtual clock by ms, in frame steps while something moves. */
static void advance(app *a, uint64_t ms)
{
    uint64_t end = a->vclock + ms;
    while (a->vclock < end && !a->quit) {
        uint64_t dt = wait_ms(a, a->vclock);
        if (dt == 0)
            dt = animating(a, a->vclock) ? FRAME_MS : 1;
        if (a->vclock + dt > end)
            dt = end - a->vclock;
        a->vclock += dt;
        if (animating(a, a->vclock))
            a->last_frame = a->vclock;
        step(a, a->vclock);
        pump(a);
        if (a->o.trace && a->trace_targets && a->need_layout && !a->display_off)
            relayout(a, a->vclock); /* so the trace shows the new targets at once */
    }
}

#define SCRIPT_TAP_MS 61 /* a scripted tap: 60 ms down, 1 ms after the lift */

static void script_tap(app *a, double x, double y)
{
    push_finger(a, SDL_FINGERDOWN, 1, x, y);
    advance(a, SCRIPT_TAP_MS - 1);
    push_finger(a, SDL_FINGERUP, 1, x, y);
    advance(a, 1);
}

static int run_script(app *a)
{
    const script *s = a->o.script;
    for (size_t i = 0; i < s->n && !a->quit; i++) {
        const script_cmd *cmd = &s->cmds[i];
        switch (cmd->op) {
        case SCRIPT_TAP:
            script_tap(a, cmd->x1, cmd->y1);
            break;
        case SCRIPT_DOUBLETAP:
            script_tap(a, cmd->x1, cmd->y1);
            advance(a, SCRIPT_DOUBLETAP_GAP_MS - SCRIPT_TAP_MS); /* first to second tap */
            script_tap(a, cmd->x1, cmd->y1);
            break;
        case SCRIPT_HOLD2:
            push_finger(a, SDL_FINGERDOWN, 1, cmd->x1, cmd->y1);
            push_finger(a, SDL_FINGERDOWN, 2, cmd->x2, cmd->y2); /* SCRIPT_HOLD2_SPREAD apart */
            advance(a, cmd->ms);
            push_finger(a, SDL_FINGERUP, 2, cmd->x2, cmd->y2);
            push_finger(a, SDL_FINGERUP, 1, cmd->x1, cmd->y1);
            advance(a, 1);
            break;
        case SCRIPT_SWIPE: {
            push_finger(a, SDL_FINGERDOWN, 1, cmd->x1, cmd->y1);
            unsigned n = cmd->ms / FRAME_MS + 1;
            for (unsigned k = 1; k <= n; k++) {
                double f = (double)k / n;
                advance(a, cmd->ms / n ? cmd->ms / n : 1);
                push_finger(a, SDL_FINGERMOTION, 1, cmd->x1 + (cmd->x2 - cmd->x1) * f,
                            cmd->y1 + (cmd->y2 - cmd->y1) * f);
            }
            push_finger(a, SDL_FINGERUP, 1, cmd->x2, cmd->y2);
            advance(a, 1);
            break;
        }
        case SCRIPT_WAIT:
            advance(a, cmd->ms);
            break;
        case SCRIPT_SHOT:
            draw(a, a->vclock);
            if (render_save_png(a->rd, cmd->file) != 0) {
                fprintf(stderr, "%s: cannot save %s\n", "script", cmd->file);
                return 1;
            }
            SDL_RenderPresent(a->ren);
            break;
        case SCRIPT_QUIT:
            a->quit = 1;
            break;
        }
    }
    return 0;
}

/* ---- every scene, for reviews and documentation ------------------------- */

static int shoot(app *a, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.png", a->o.screenshot_dir, name);
    a->need_layout = 1;
    draw(a, a->vclock);
    if (render_save_png(a->rd, path) != 0)
        return -1;
    SDL_RenderPresent(a->ren);
    return 0;
}

static int shoot_all(app *a)
{
    kcontent *c = a->c;
    const nav_config *cfg = &a->o.nav;
    char name[512];
    int rc = 0;
    if (!c)
        return shoot(a, "diagnostics");
    fsutil_mkdir_p(a->o.screenshot_dir, 0755);
    a->vclock = 1000000;
    nav_init(&a->nav, c, a->vclock);
    rc |= shoot(a, "attract");
    if (c->n_slides > 1) {
        a->nav.slide = 1;
        a->nav.prev_slide = 0;
        a->nav.slide_since = a->vclock - cfg->transition_ms / 2;
        rc |= shoot(a, "attract-fade");
        a->nav.prev_slide = -1;
        a->nav.slide = 0;
    }
    a->nav.scene = NAV_MENU;
    a->nav.last_input = a->vclock;
    rc |= shoot(a, "menu");
    a->nav.language = LANG_EN;
    rc |= shoot(a, "menu-en");
    if (layout_has_lang(c, LANG_LS)) {
        a->nav.language = LANG_LS;
        rc |= shoot(a, "menu-leicht");
    }
    a->nav.language = c->default_lang;
    for (size_t d = 0; d < c->n_domains; d++)
        for (size_t p = 0; p < c->domains[d].n_pages; p++) {
            a->nav.scene = NAV_PAGE;
            a->nav.domain = (int)d;
            a->nav.page = (int)p;
            a->scroll = 0;
            snprintf(name, sizeof name, "page-%s-%s", c->domains[d].id, c->domains[d].pages[p].id);
            rc |= shoot(a, name);
        }
    if (c->n_domains) {
        a->nav.scene = NAV_PAGE;
        a->nav.domain = 0;
        a->nav.page = 0;
        a->nav.language = LANG_EN;
        rc |= shoot(a, "page-en");
        a->nav.language = c->default_lang;
        a->nav.last_input = a->vclock - cfg->idle_ms - cfg->warn_ms + 7000;
        a->nav.warning = 1;
        rc |= shoot(a, "idle-countdown");
        a->nav.warning = 0;
        a->nav.last_input = a->vclock;
        /* the visitor's accessibility choices */
        a->nav.contrast = 1;
        rc |= shoot(a, "page-contrast");
        a->nav.large = 1;
        rc |= shoot(a, "page-contrast-large");
        a->nav.contrast = 0;
        rc |= shoot(a, "page-large");
        a->nav.scene = NAV_MENU;
        rc |= shoot(a, "menu-large");
        a->nav.large = 0;
        a->nav.contrast = 1;
        rc |= shoot(a, "menu-contrast");
        a->nav.contrast = 0;
    }
    return rc ? 1 : 0;
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

static int setup(app *a)
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
    int software = pick_software(&a->o);
    if (software)
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
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
    SDL_RendererInfo info;
    if (SDL_GetRendererInfo(a->ren, &info) == 0)
        log_info("ui", "video driver %s, renderer %s", SDL_GetCurrentVideoDriver(), info.name);
    a->rd = render_new(a->ren, a->o.fonts_dir, a->c ? a->c->root : NULL);
    if (!a->rd)
        return -1;
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
    narrator_free(a->nr); /* writes audio_out */
    manifest_notice_free(a->notice);
    scene_free(a->sc);
    if (a->turned)
        SDL_DestroyTexture(a->turned);
    render_free(a->rd);
    if (a->ren)
        SDL_DestroyRenderer(a->ren);
    if (a->win)
        SDL_DestroyWindow(a->win);
    generation_release(a->pending);
    generation_release(a->gen);
    IMG_Quit();
    if (TTF_WasInit())
        TTF_Quit();
    SDL_Quit();
}

int app_run(generation *g_take, const app_options *o)
{
    double t_start = mono_ms();
    app a0, *a = &a0;
    memset(a, 0, sizeof *a);
    a->o = *o;
    if (!a->o.poll_interval_ms)
        a->o.poll_interval_ms = 1000;
    start_with(a, g_take);
    a->pressed = -1;
    a->countdown = -1;
    a->trace_targets = 1;
    if (!rotate_valid(a->o.rotation))
        a->o.rotation = 0;
    a->wall0 = a->o.fake_time ? a->o.fake_time : time(NULL);
    a->mono0 = mono_ms();
    input_init(&a->in);
    apply_default_lang(a, a->c);
    int rc = 1;
    if (setup(a) != 0)
        goto out;
    uint64_t now = app_now(a);
    if (a->c)
        nav_init(&a->nav, a->c, now);
    a->reported = a->nav;
    a->spoken = a->nav;
    /* scripted runs speak only into a WAV file, so tests need no sound card
     * (SDL_AUDIODRIVER in the environment still wins over this hint) */
    if (a->o.script)
        SDL_SetHint(SDL_HINT_AUDIODRIVER, "dummy");
    if ((a->o.speech || a->o.warning_sound) && !a->o.screenshot && !a->o.screenshot_dir &&
        (!a->o.script || a->o.audio_out)) {
        narrator_options no = {.data_dir = a->o.speech_data, .wav_out = a->o.audio_out,
                               .sync = a->o.script != NULL, .trace = a->o.trace,
                               .warning_sound = a->o.warning_sound, .hint = a->o.speech};
        a->nr = narrator_new(&no);
    }
    health_set_display(HEALTH_DISPLAY_ON);
    check_display(a, now);
    if (a->o.poll_diags)
        a->diags = a->o.poll_diags(a->o.poll_ctx);
    trace_state(a, now, "start");
    poll_notice(a, now, 1);
    if (a->o.screenshot_dir) {
        rc = shoot_all(a);
        goto out;
    }
    draw(a, now);
    if (a->o.screenshot) {
        rc = render_save_png(a->rd, a->o.screenshot) == 0 ? 0 : 1;
        goto out;
    }
    SDL_RenderPresent(a->ren);
    health_set_scene(a->c ? health_scene_of(&a->nav) : HEALTH_SCENE_STARTING);
    log_info("ui", "first frame %dx%d after %.0f ms", a->w, a->h, mono_ms() - t_start);
    if (a->o.script) {
        rc = run_script(a);
        goto out;
    }
    /* systemd: ready once a frame is on screen; the watchdog is fed by this
     * loop alone, so a UI that hangs stops feeding it */
    sdnotify_send("READY=1");
    a->ready = 1;
    notify_status(a);
    sdnotify_watchdog_init(&a->wd, SDL_GetTicks64());
    if (a->wd.interval_ms)
        log_info("ui", "systemd watchdog: %" PRIu64 " ms", a->wd.interval_ms);
    /* always caught, so a stray SIGUSR1 cannot end a kiosk without a
     * screenshot directory */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigusr1;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGUSR1, &sa, NULL);
    if (a->o.ops_screenshot_dir) {
        if (a->o.ops_screenshot_url)
            a->up = shotup_start(a->o.ops_screenshot_url);
        a->last_shot = now;
        log_info("screenshot", "SIGUSR1%s saves %s/screen.png%s%s", a->o.ops_screenshot_interval_s ? " and a timer" : "",
                 a->o.ops_screenshot_dir, a->o.ops_screenshot_url ? ", uploaded to " : "",
                 a->o.ops_screenshot_url ? a->o.ops_screenshot_url : "");
    }
    while (!a->quit) {
        now = app_now(a);
        sdnotify_watchdog_tick(&a->wd, now);
        SDL_Event e;
        uint32_t t = draw_due(a) ? 0 : wait_ms(a, now);
        int got = t == 0 ? SDL_PollEvent(&e) : SDL_WaitEventTimeout(&e, (int)t);
        double woke = mono_ms();
        now = app_now(a);
        if (got) {
            on_event(a, &e, now);
            while (SDL_PollEvent(&e))
                on_event(a, &e, now);
        }
        step(a, now);
        if (animating(a, now) && now - a->last_frame < (a->vel != 0 ? FRAME_MS : FADE_FRAME_MS) &&
            !a->need_layout && !a->need_draw)
            continue;
        present(a, now, woke);
        poll_shot(a, now);
    }
    sdnotify_send("STOPPING=1");
    rc = 0;
out:
    teardown(a);
    return rc;
}
