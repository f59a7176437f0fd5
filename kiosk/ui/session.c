/* session.c — the kiosk's UI state and its decisions. See session.h. */
#include "session.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kstrings.h"
#include "screen.h"
#include "standby.h"
#include "touch.h"

struct session {
    session_options o;
    session_hooks hooks;
    const layout_measure *m;
    generation *g;       /* shown, or NULL */
    generation *pending; /* waiting for the swap policy, or NULL */
    const diag_list *diags;
    nav_state nav;
    nav_state reported;  /* the state last reported (scene metrics) */
    nav_state spoken;    /* the state the narrator last heard of */
    scene *sc;
    int need_layout;     /* the scene must be rebuilt */
    int need_draw;       /* the screen must be drawn again */
    int targets_due;     /* the next scene has new targets to report */
    int countdown;       /* the number the scene shows, -1 none */
    int w, h, min_target;
    input in;
    int pressed;         /* target under the finger, -1 */
    touch tc;            /* what the finger's tap may act on */
    int swallow;         /* this touch only dismissed the idle warning */
    double scroll, vel;
    uint64_t last_step, last_frame, last_now;
    int64_t wall_off;    /* wall clock minus now, at the last tick (ms) */
    standby sb;          /* the display out of opening hours */
    /* emergency notice */
    manifest_notice *file_notice; /* set by session_set_notice, or NULL */
    int notice_set;               /* it was: file_notice wins, NULL too */
    int notice_on;
    char notice_when[160];
    narrator *nr;        /* NULL: the kiosk does not speak */
};

static void emit(session *s, session_event_kind k, int arg, int arg2, const char *text,
                 uint64_t now)
{
    session_event e = {.kind = k, .arg = arg, .arg2 = arg2, .text = text, .now = now};
    if (s->hooks.event)
        s->hooks.event(s->hooks.ctx, &e);
}

static kcontent *content(const session *s)
{
    return s->g ? s->g->content : NULL;
}

/* The notice set last when one was set (NULL: none), else the generation's
 * own. */
static const manifest_notice *notice(const session *s)
{
    if (s->notice_set)
        return s->file_notice;
    return s->g ? s->g->notice : NULL;
}

/* ---- the scene ------------------------------------------------------------ */

static void relayout(session *s, uint64_t now)
{
    layout_notice ln;
    layout_params p = {.w = s->w, .h = s->h, .min_target = s->min_target, .m = s->m,
                       .now = now, .cfg = &s->o.nav, .diags = s->diags,
                       .low_reach = s->o.low_reach, .speech = s->o.speech && s->o.narrate};
    const manifest_notice *n = notice(s);
    if (s->notice_on && n) {
        ln = (layout_notice){.de = n->de, .en = n->en, .leicht = n->leicht,
                             .when = s->notice_when};
        p.notice = &ln;
    }
    scene_free(s->sc);
    s->sc = NULL;
    nav_state fallback;
    const nav_state *st = &s->nav;
    if (!content(s)) {
        memset(&fallback, 0, sizeof fallback);
        st = &fallback;
    }
    s->sc = layout_build(content(s), st, &p);
    if (s->sc && content(s) && s->nav.scene == NAV_ATTRACT)
        s->nav.slide_parts = s->sc->slide_parts; /* its time: each part a slide's */
    s->countdown = content(s) ? nav_countdown(&s->nav, &s->o.nav, now) : -1;
    s->need_layout = 0;
    s->need_draw = 1;
    if (s->sc) {
        int max = scene_max_scroll(s->sc);
        if (s->scroll > max)
            s->scroll = max;
    }
    if (s->targets_due) {
        s->targets_due = 0;
        emit(s, SESSION_EV_TARGETS, 0, 0, NULL, now);
    }
}

static scene *current_scene(session *s, uint64_t now)
{
    if (s->need_layout || !s->sc)
        relayout(s, now);
    return s->sc;
}

/* ---- content generations -------------------------------------------------- */

/* The configured start language overrides the content's, when the content
 * has that language at all. */
static void apply_default_lang(const session *s, kcontent *c)
{
    int l = c ? content_lang_index(c, s->o.default_lang) : -1;
    if (l >= 0 && layout_has_lang(c, (lang)l))
        c->default_lang = (lang)l;
}

static void swap(session *s, uint64_t now)
{
    generation *old = s->g, *ng = s->pending;
    s->pending = NULL;
    apply_default_lang(s, ng->content);
    if (old)
        nav_rebind(&s->nav, old->content, ng->content, now);
    else
        nav_init(&s->nav, ng->content, now);
    /* the scene points into the old generation: drop it before releasing */
    scene_free(s->sc);
    s->sc = NULL;
    s->g = ng;
    if (!s->notice_set && ng->notice)
        kstrings_when(ng->notice->starts, ng->notice->ends, s->notice_when,
                      sizeof s->notice_when);
    s->pressed = -1;
    s->need_layout = 1;
    s->targets_due = 1;
    if (old)
        touch_scene_changed(&s->tc, now);
    emit(s, SESSION_EV_CONTENT, 0, 0, NULL, now);
    generation_release(old);
    emit(s, SESSION_EV_STATE, 0, 0, "content", now);
}

/* Nobody reads the attract loop closely: it can change at any moment; a
 * page waits for a scene change or a pause. */
static void swap_if_due(session *s, uint64_t now)
{
    if (!s->pending)
        return;
    if (!s->g || s->sb.off || s->o.swap_now || s->nav.scene == NAV_ATTRACT ||
        (!s->in.active && now - s->nav.last_input >= SESSION_SWAP_IDLE_MS))
        swap(s, now);
}

void session_offer(session *s, generation *g, uint64_t now)
{
    if (!g)
        return;
    generation_release(s->pending); /* superseded before it was shown */
    s->pending = g;
    swap_if_due(s, now);
}

void session_set_diags(session *s, const diag_list *d)
{
    s->diags = d;
    s->need_layout = 1;
}

/* ---- navigation ----------------------------------------------------------- */

/* Metrics for the operators: scene, visits, which domains are read. */
static void report_move(session *s, uint64_t now)
{
    const nav_state *st = &s->nav, *before = &s->reported;
    emit(s, SESSION_EV_SCENE, (int)st->scene, 0, NULL, now);
    if (before->scene == NAV_ATTRACT && st->scene != NAV_ATTRACT)
        emit(s, SESSION_EV_VISIT, 0, 0, NULL, now);
    if (st->scene == NAV_PAGE && (before->scene != NAV_PAGE || before->domain != st->domain))
        emit(s, SESSION_EV_DOMAIN, st->domain, 0, content(s)->domains[st->domain].id, now);
    s->reported = s->nav;
}

/* Speech mode just came on: say how it works and where the visitor is. */
static int narrate_how(session *s, const nav_state *was, int r)
{
    const nav_state *st = &s->nav;
    if (!was->speech) {
        narrator_speech(s->nr, content(s), st->language, 1);
        return NARRATOR_ANNOUNCE_AFTER;
    }
    if ((r & NAV_MOVED) || st->language != was->language)
        return NARRATOR_ANNOUNCE;
    return NARRATOR_QUIET;
}

/* Tell the narrator what changed: speech mode on or off, a new place, the
 * idle warning. */
static void narrate(session *s, int r, uint64_t now)
{
    if (!s->nr || !content(s))
        return;
    const nav_state *st = &s->nav;
    nav_state was = s->spoken;
    s->spoken = *st;
    if (st->speech != was.speech && !st->speech) {
        if (st->scene == NAV_ATTRACT)
            narrator_stop(s->nr); /* the visitor left: no goodbye to the next one */
        else
            narrator_speech(s->nr, content(s), st->language, 0);
        return;
    }
    int warn = st->warning && !was.warning;
    if (!st->speech) {
        if (was.scene == NAV_ATTRACT && st->scene != NAV_ATTRACT)
            narrator_session(s->nr, content(s));
        if (warn)
            narrator_warning(s->nr, st);
        return;
    }
    if (!(r & (NAV_CHANGED | NAV_MOVED)) && was.speech)
        return;
    relayout(s, now); /* the narrator reads the scene the visitor will see */
    if (!s->sc)
        return;
    narrator_scene(s->nr, s->sc, content(s), st, narrate_how(s, &was, r));
    if (warn)
        narrator_warning(s->nr, st);
}

static void nav_result(session *s, int r, uint64_t now, const char *why)
{
    if (r & NAV_CHANGED) {
        s->need_layout = 1;
        s->targets_due = 1;
    }
    if (r & NAV_MOVED) {
        touch_scene_changed(&s->tc, now);
        report_move(s, now);
        s->scroll = 0;
        s->vel = 0;
        s->pressed = -1;
        if (s->pending)
            swap(s, now);
    }
    if (r & (NAV_CHANGED | NAV_MOVED))
        emit(s, SESSION_EV_STATE, 0, 0, why, now);
    narrate(s, r, now);
}

/* For the operators: which accessibility features visitors switch on. */
static void report_access(session *s, const nav_state *before, nav_action a, int r,
                          uint64_t now)
{
    const nav_state *st = &s->nav;
    if (st->speech && !before->speech)
        emit(s, SESSION_EV_ACCESS, SESSION_ACCESS_SPEECH, 0, NULL, now);
    if (st->contrast && !before->contrast)
        emit(s, SESSION_EV_ACCESS, SESSION_ACCESS_CONTRAST, 0, NULL, now);
    if (st->large && !before->large)
        emit(s, SESSION_EV_ACCESS, SESSION_ACCESS_LARGE_TEXT, 0, NULL, now);
    if (a == NAV_MORE_TIME && r)
        emit(s, SESSION_EV_ACCESS, SESSION_ACCESS_MORE_TIME, 0, NULL, now);
}

int session_act(session *s, nav_action a, int arg, uint64_t now)
{
    if (!content(s))
        return 0;
    nav_state before = s->nav;
    int r = nav_apply(&s->nav, content(s), &s->o.nav, a, arg, now);
    report_access(s, &before, a, r, now);
    if (s->nav.sheet != before.sheet) /* a sheet opening or closing is a new scene too */
        touch_scene_changed(&s->tc, now);
    nav_result(s, r, now, "input");
    return r;
}

void session_restart(session *s, uint64_t now)
{
    if (content(s)) {
        nav_init(&s->nav, content(s), now);
        report_move(s, now);
    }
    s->scroll = 0;
    s->vel = 0;
    s->pressed = -1;
    s->need_layout = 1;
    s->targets_due = 1;
    touch_scene_changed(&s->tc, now);
}

/* ---- gestures ------------------------------------------------------------- */

static int scroll_px(const session *s)
{
    return (int)(s->scroll + 0.5);
}

/* The target a finger at (x, y) acts on, forgiving a few millimetres, with
 * the viewport where it is now. */
static int hit(const session *s, scene *sc, int x, int y)
{
    if (!sc)
        return -1;
    sc->scroll = scroll_px(s);
    return touch_hit(sc, x, y, TOUCH_REACH_MM * screen_px_per_mm(s->w, s->h));
}

/* A press on the idle warning's "more time" button asks for more time
 * (any other touch only dismisses the warning). Returns 1 when it was. */
static int more_time_press(session *s, const gesture *g, uint64_t now)
{
    if (!s->nav.warning)
        return 0;
    scene *sc = current_scene(s, now);
    int t = hit(s, sc, g->x, g->y);
    if (t < 0 || sc->targets[t].action != NAV_MORE_TIME)
        return 0;
    session_act(s, NAV_MORE_TIME, 0, now);
    s->swallow = 1; /* the lift of this finger does nothing more */
    s->pressed = -1;
    s->need_draw = 1;
    return 1;
}

/* A finger went down: the idle timer restarts, and a touch on the idle
 * warning only dismisses it (swallow: its lift does nothing more) — or,
 * with more_time_button, asks for more time when it is on that button. */
static void press(session *s, const gesture *g, uint64_t now, int more_time_button)
{
    s->vel = 0;
    touch_press(&s->tc, &s->nav, &s->o.nav, now);
    emit(s, SESSION_EV_TOUCH, 0, 0, NULL, now);
    if (more_time_button && more_time_press(s, g, now))
        return;
    int r = nav_apply(&s->nav, content(s), &s->o.nav, NAV_TOUCH, 0, now);
    s->swallow = (r & NAV_CONSUMED) != 0;
    nav_result(s, r, now, "touch");
}

/* Speech mode's double tap: activate the focused element, or say it again
 * when it has no target. */
static void speech_activate(session *s, uint64_t now)
{
    int t = narrator_target(s->nr);
    if (t < 0 || (size_t)t >= s->sc->n_targets) {
        narrator_repeat(s->nr);
        return;
    }
    lang l = s->nav.language;
    int r = session_act(s, s->sc->targets[t].action, s->sc->targets[t].arg, now);
    if (!(r & NAV_MOVED) && s->nav.language == l && s->nav.speech)
        narrator_repeat(s->nr); /* a toggle: say its new state */
}

/* Speech mode's swipe: the next or previous element, and the page follows
 * the focus for a visitor who sees a little. */
static void speech_step(session *s, int dir, uint64_t now)
{
    narrator_step(s->nr, dir);
    int to = narrator_follow(s->nr, s->sc, scroll_px(s));
    if (to != scroll_px(s))
        emit(s, SESSION_EV_SCROLL, to, 0, NULL, now);
    s->scroll = to;
    s->vel = 0;
}

/* Speech mode: a touch reads, a double tap activates, swipes step through
 * the reading order (right: next, in every language, as phones' screen
 * readers do; the order itself runs right to left in a right-to-left scene,
 * reading.h); holding two fingers again switches it off. Dragging still
 * scrolls. Returns 1 when the gesture was handled here. */
static int speech_gesture(session *s, const gesture *g, uint64_t now)
{
    switch (g->kind) {
    case GEST_TAP:
        s->pressed = -1;
        s->need_draw = 1;
        if (!s->nr || !s->sc)
            return 1;
        if (g->taps == 2)
            speech_activate(s, now);
        else
            narrator_touch(s->nr, s->sc, g->x, g->y, s->sc->scroll = scroll_px(s));
        return 1;
    case GEST_SWIPE_LEFT:
    case GEST_SWIPE_RIGHT:
        s->pressed = -1;
        s->need_draw = 1;
        if (s->nr && s->sc)
            speech_step(s, g->kind == GEST_SWIPE_RIGHT ? +1 : -1, now);
        return 1;
    case GEST_HOLD2:
        session_act(s, NAV_SPEECH, 0, now);
        return 1;
    case GEST_PRESS:
        press(s, g, now, 0);
        s->pressed = -1; /* nothing lights up: the finger explores */
        return 1;
    default:
        return 0;
    }
}

static void drag(session *s, const gesture *g, uint64_t now)
{
    if (s->pressed >= 0) {
        s->pressed = -1;
        s->need_draw = 1;
    }
    s->nav.last_input = now;
    if (s->sc && scene_max_scroll(s->sc) > 0 && !s->swallow) {
        double max = scene_max_scroll(s->sc);
        s->scroll -= g->dy;
        if (s->scroll < 0)
            s->scroll = 0;
        if (s->scroll > max)
            s->scroll = max;
        s->need_draw = 1;
    }
}

/* A tap acts on the target under it (touch.h), if the finger went down on
 * that one; on the attract loop, with the slide shown at that moment. */
static void tap(session *s, const gesture *g, uint64_t now)
{
    int was = s->pressed;
    s->pressed = -1;
    s->need_draw = 1;
    if (s->swallow || !s->sc || touch_held_off(&s->tc))
        return;
    scene *sc = current_scene(s, now);
    int t = hit(s, sc, g->x, g->y);
    if (t < 0 || (was >= 0 && t != was))
        return;
    if (sc->targets[t].action == NAV_START)
        touch_seen(&s->tc, &s->nav);
    session_act(s, sc->targets[t].action, sc->targets[t].arg, now);
}

static void on_gesture(session *s, const gesture *g, uint64_t now)
{
    if (!content(s))
        return;
    if (s->notice_on) {
        /* the notice card covers everything: no taps, no swipes through it */
        if (g->kind == GEST_PRESS)
            emit(s, SESSION_EV_TOUCH, 0, 0, NULL, now);
        s->pressed = -1;
        return;
    }
    if (s->nav.speech && speech_gesture(s, g, now))
        return;
    switch (g->kind) {
    case GEST_PRESS: {
        press(s, g, now, 1);
        scene *sc = s->need_layout ? current_scene(s, now) : s->sc;
        s->pressed = s->swallow || touch_held_off(&s->tc) ? -1 : hit(s, sc, g->x, g->y);
        break;
    }
    case GEST_DRAG:
        drag(s, g, now);
        return;
    case GEST_TAP:
        tap(s, g, now);
        return;
    case GEST_FLING:
        s->pressed = -1;
        if (!s->swallow && s->sc && scene_max_scroll(s->sc) > 0) {
            s->vel = g->vy;
            s->last_step = now;
        }
        break;
    case GEST_SWIPE_LEFT:
    case GEST_SWIPE_RIGHT:
        s->pressed = -1;
        if (!s->swallow)
            session_act(s, g->kind == GEST_SWIPE_LEFT ? NAV_NEXT : NAV_PREV, 0, now);
        break;
    case GEST_HOLD2:
        s->pressed = -1;
        if (s->o.speech)
            session_act(s, NAV_SPEECH, 1, now);
        break;
    case GEST_CANCEL:
    case GEST_NONE:
        s->pressed = -1;
        break;
    }
    s->need_draw = 1;
}

/* ---- display schedule ----------------------------------------------------- */

static int64_t wall_at(const session *s, uint64_t now)
{
    return (int64_t)now + s->wall_off;
}

/* Switch the display on or off as the schedule (and a waking touch) says. */
static void check_display(session *s, uint64_t now)
{
    int open;
    if (!standby_check(&s->sb, &s->o.display, now, (time_t)(wall_at(s, now) / 1000), &open))
        return;
    int on = !s->sb.off;
    if (on)
        session_restart(s, now); /* back from standby: a fresh start in the attract loop */
    else
        input_init(&s->in);
    s->need_draw = 1;
    emit(s, SESSION_EV_DISPLAY, on, open, NULL, now);
}

void session_pointer(session *s, const pointer *p, uint64_t now)
{
    gesture g;
    uint64_t awake = s->o.nav.idle_ms + s->o.nav.warn_ms;
    switch (standby_pointer(&s->sb, p->kind, s->o.wake_on_touch, awake, now)) {
    case STANDBY_WAKE:
        emit(s, SESSION_EV_TOUCH, 0, 0, NULL, now);
        check_display(s, now);
        return;
    case STANDBY_EAT:
        return;
    }
    if (input_pointer(&s->in, p, s->w, s->h, now, &g))
        on_gesture(s, &g, now);
}

/* ---- emergency notice ----------------------------------------------------- */

/* Show or hide the card as the wall clock crosses the notice's window. */
static void check_notice(session *s, uint64_t now)
{
    if (s->sb.off)
        return; /* looked at again when the display is back */
    int on = manifest_notice_active(notice(s), wall_at(s, now) / 1000);
    if (on == s->notice_on)
        return;
    s->notice_on = on;
    s->need_layout = 1;
    s->pressed = -1;
    touch_scene_changed(&s->tc, now);
    emit(s, SESSION_EV_NOTICE, on, 0, NULL, now);
}

void session_set_notice(session *s, manifest_notice *n)
{
    manifest_notice_free(s->file_notice);
    s->file_notice = n;
    s->notice_set = 1;
    if (n)
        kstrings_when(n->starts, n->ends, s->notice_when, sizeof s->notice_when);
    s->need_layout = 1;
    check_notice(s, s->last_now);
}

/* ---- time ----------------------------------------------------------------- */

/* Momentum (input_glide) since the last step. */
static void glide(session *s, uint64_t now)
{
    double dt = (double)(now - s->last_step);
    s->last_step = now;
    input_glide(&s->scroll, &s->vel, dt, SESSION_MOMENTUM_TAU_MS,
                s->sc ? scene_max_scroll(s->sc) : 0);
    s->need_draw = 1;
}

void session_tick(session *s, uint64_t now, int64_t wall_ms)
{
    s->wall_off = wall_ms - (int64_t)now;
    s->last_now = now;
    check_display(s, now);
    if (s->sb.off) {
        swap_if_due(s, now);
        return;
    }
    check_notice(s, now);
    if (s->sc && s->sc->changes_at && now >= s->sc->changes_at)
        s->need_layout = 1; /* an overlay's next page */
    if (!content(s)) { /* the first generation that loads */
        swap_if_due(s, now);
        return;
    }
    gesture g;
    if (input_tick(&s->in, now, &g))
        on_gesture(s, &g, now);
    int r = nav_tick(&s->nav, content(s), &s->o.nav, now);
    nav_result(s, r, now, "timer");
    if (session_animating(s, now) && s->vel == 0 && now - s->last_frame >= session_frame_ms(s))
        s->need_layout = 1; /* the next frame of the cross-fade or the slow motion */
    if (nav_countdown(&s->nav, &s->o.nav, now) != s->countdown)
        s->need_layout = 1;
    if (s->vel != 0)
        glide(s, now);
    swap_if_due(s, now);
}

int session_animating(const session *s, uint64_t now)
{
    if (s->sb.off)
        return 0;
    if (s->vel != 0)
        return 1;
    return content(s) && s->nav.scene == NAV_ATTRACT && !s->notice_on &&
           (!s->in.active || nav_fading(&s->nav, &s->o.nav, now));
}

unsigned session_frame_ms(const session *s)
{
    int fade = nav_fading(&s->nav, &s->o.nav, s->last_now);
    return s->vel != 0 ? SESSION_FRAME_MS : fade ? SESSION_FADE_FRAME_MS : SESSION_MOTION_FRAME_MS;
}

static uint64_t earliest(uint64_t a, uint64_t b)
{
    return a < b ? a : b;
}

/* When the wall clock reaches wall_s (seconds), on now's clock. */
static uint64_t at_wall(const session *s, uint64_t now, int64_t wall_s)
{
    int64_t left = wall_s * 1000 - wall_at(s, now);
    return now + (left > 0 ? (uint64_t)left : 1000);
}

uint64_t session_deadline(const session *s, uint64_t now)
{
    uint64_t next = s->last_frame + session_frame_ms(s), due = UINT64_MAX;
    if (session_animating(s, now)) /* the next frame, unless an event comes first */
        due = next > now ? next : now;
    due = earliest(due, standby_deadline(&s->sb, &s->o.display, now, wall_at(s, now)));
    if (s->sc && s->sc->changes_at && !s->sb.off)
        due = earliest(due, s->sc->changes_at > now ? s->sc->changes_at : now);
    if (content(s) && !s->sb.off) {
        if (!nav_fading(&s->nav, &s->o.nav, now)) /* a fade goes frame by frame */
            due = earliest(due, nav_deadline(&s->nav, content(s), &s->o.nav, now));
        uint64_t d = input_deadline(&s->in); /* a two-finger hold completes by time */
        if (d != UINT64_MAX)
            due = earliest(due, d > now ? d : now);
        const manifest_notice *n = notice(s);
        int64_t wall_s = wall_at(s, now) / 1000;
        if (n && wall_s < n->starts)
            due = earliest(due, at_wall(s, now, n->starts));
        else if (n && wall_s < n->ends)
            due = earliest(due, at_wall(s, now, n->ends));
    }
    return due;
}

/* ---- drawing -------------------------------------------------------------- */

int session_draw_due(const session *s)
{
    return s->sb.off ? s->need_draw : s->need_layout || s->need_draw || !s->sc;
}

int session_targets_due(const session *s)
{
    return s->targets_due && s->need_layout && !s->sb.off;
}

void session_view_at(session *s, uint64_t now, session_view *v)
{
    memset(v, 0, sizeof *v);
    v->pressed = v->focus = -1;
    if (s->sb.off) {
        v->black = 1;
        return;
    }
    v->sc = current_scene(s, now);
    v->scroll = scroll_px(s);
    if (s->sc)
        s->sc->scroll = v->scroll;
    v->pressed = s->pressed;
    if (s->nr && s->nav.speech) /* the focus shows, for who sees a little */
        v->focus = narrator_target(s->nr);
}

void session_redraw(session *s)
{
    s->need_draw = 1;
}

const scene *session_scene(const session *s)
{
    return s->sc;
}

void session_drawn(session *s, uint64_t now)
{
    s->need_draw = 0;
    s->last_frame = now;
}

/* ---- set-up --------------------------------------------------------------- */

static narrator *make_narrator(const session *s)
{
    if (!s->o.narrate)
        return NULL;
    narrator_options no = {.sink = s->hooks.voice, .warning_sound = s->o.warning_sound,
                           .hint = s->o.speech};
    return narrator_new(&no);
}

session *session_new(const session_options *o, const session_hooks *hooks,
                     const layout_measure *m, int w, int h, int min_target, generation *g, uint64_t now)
{
    session *s = calloc(1, sizeof *s);
    if (!s) {
        generation_release(g);
        return NULL;
    }
    s->o = *o;
    s->hooks = *hooks;
    s->m = m;
    s->w = w;
    s->h = h;
    s->min_target = min_target;
    s->g = g;
    s->pressed = -1;
    s->countdown = -1;
    s->targets_due = 1;
    s->need_layout = 1;
    s->last_now = now;
    input_init(&s->in);
    touch_init(&s->tc);
    if (g) {
        apply_default_lang(s, g->content);
        nav_init(&s->nav, g->content, now);
        if (g->notice)
            kstrings_when(g->notice->starts, g->notice->ends, s->notice_when, sizeof s->notice_when);
    }
    s->reported = s->nav;
    s->spoken = s->nav;
    s->nr = make_narrator(s);
    return s;
}

void session_free(session *s)
{
    if (!s)
        return;
    narrator_free(s->nr);
    scene_free(s->sc);
    manifest_notice_free(s->file_notice);
    generation_release(s->pending);
    generation_release(s->g);
    free(s);
}

void session_resize(session *s, int w, int h)
{
    s->w = w;
    s->h = h;
    s->need_layout = 1;
}

void session_set_options(session *s, const session_options *o)
{
    s->o.nav = o->nav;
    memcpy(s->o.default_lang, o->default_lang, sizeof s->o.default_lang);
    s->o.display = o->display;
    s->o.wake_on_touch = o->wake_on_touch;
    s->o.low_reach = o->low_reach;
    s->sb.next_change = 0;
    s->need_layout = 1;
}

const nav_state *session_nav(const session *s)
{
    return &s->nav;
}

const kcontent *session_content(const session *s)
{
    return content(s);
}

int session_display_off(const session *s)
{
    return s->sb.off;
}

int session_notice_on(const session *s)
{
    return s->notice_on;
}
