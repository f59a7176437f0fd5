/* The UI session without a window: taps (held off after a scene change,
 * forgiving near a control, on the slide shown), momentum, the idle
 * warning, the swap policy, the display schedule, the notice, speech mode
 * and the wake deadline, on a virtual clock with a fixed-width fake font;
 * the table of typical screens. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "fixture_content.h"
#include "session.h"
#include "fake_measure.h"
#include "screen.h"
#include "touch.h"

#define W 800
#define H 480
#define T0 100000

/* What the session reported and said. */
typedef struct record {
    int events[SESSION_EV_SCROLL + 1];
    int last_arg[SESSION_EV_SCROLL + 1];
    int said, interrupts, chimes;
} record;

static void on_event(void *ctx, const session_event *e)
{
    record *r = ctx;
    r->events[e->kind]++;
    r->last_arg[e->kind] = e->arg;
}

static void on_say(void *ctx, lang l, const char *text, int interrupt)
{
    record *r = ctx;
    (void)l;
    assert_non_null(text);
    r->said++;
    r->interrupts += interrupt != 0;
}

static void on_chime(void *ctx)
{
    ((record *)ctx)->chimes++;
}

static void on_stop(void *ctx)
{
    (void)ctx;
}

static record rec;

static void options(session_options *o)
{
    memset(o, 0, sizeof *o);
    nav_config_default(&o->nav);
    o->wake_on_touch = 1;
    o->speech = 1;
    o->narrate = 1;
    o->warning_sound = 1;
}

static generation *gen(void)
{
    generation *g = generation_new(fixture_content("/nonexistent"), NULL, 0);
    assert_non_null(g);
    return g;
}

static session *open_with(const session_options *o)
{
    memset(&rec, 0, sizeof rec);
    session_hooks h = {.ctx = &rec, .event = on_event,
                       .voice = {.ctx = &rec, .say = on_say, .chime = on_chime, .stop = on_stop}};
    session *s = session_new(o, &h, &fake, W, H, 40, gen(), T0);
    assert_non_null(s);
    session_tick(s, T0, 0);
    return s;
}

static session *open_default(void)
{
    session_options o;
    options(&o);
    return open_with(&o);
}

static void ptr(session *s, pointer_kind k, int64_t id, int x, int y, uint64_t t)
{
    pointer p = {.kind = k, .id = id, .x = x, .y = y};
    session_pointer(s, &p, t);
}

static void tap_at(session *s, int x, int y, uint64_t t)
{
    ptr(s, PTR_DOWN, 1, x, y, t);
    ptr(s, PTR_UP, 1, x, y, t + 60);
    session_tick(s, t + 61, 0);
}

/* The centre of the first target of the current scene with action a. */
static int target_of(session *s, nav_action a, int *x, int *y, uint64_t t)
{
    session_view v;
    session_view_at(s, t, &v);
    for (size_t i = 0; v.sc && i < v.sc->n_targets; i++)
        if (v.sc->targets[i].action == a) {
            *x = v.sc->targets[i].x + v.sc->targets[i].w / 2;
            *y = v.sc->targets[i].y + v.sc->targets[i].h / 2;
            return 1;
        }
    return 0;
}

/* A domain with more than one tab. */
static int tabbed_domain(const session *s)
{
    const kcontent *c = session_content(s);
    for (size_t d = 0; d < c->n_domains; d++)
        if (c->domains[d].n_pages > 1)
            return (int)d;
    fail_msg("no domain has tabs");
    return 0;
}

static void test_tap_changes_scene(void **st)
{
    (void)st;
    session *s = open_default();
    assert_int_equal(session_nav(s)->scene, NAV_ATTRACT);
    int x, y;
    assert_true(target_of(s, NAV_START, &x, &y, T0));
    tap_at(s, x, y, T0 + 100);
    assert_int_not_equal(session_nav(s)->scene, NAV_ATTRACT);
    assert_int_equal(rec.events[SESSION_EV_VISIT], 1);
    assert_true(rec.events[SESSION_EV_SCENE] >= 1);
    assert_true(rec.events[SESSION_EV_TOUCH] >= 1);
    assert_true(session_draw_due(s));
    session_free(s);
}

/* Not in speech mode, a double tap is two taps, and the second comes too
 * soon after the scene change the first one made: on the attract loop it
 * opens the menu, and the menu's tile under the finger stays shut. A touch
 * half a second after the change acts again. */
static void test_double_tap_on_attract(void **st)
{
    (void)st;
    session *menu = open_default();
    session_act(menu, NAV_HOME, 0, T0);
    int x, y;
    assert_true(target_of(menu, NAV_OPEN_DOMAIN, &x, &y, T0));
    session_free(menu);
    session *s = open_default();
    ptr(s, PTR_DOWN, 1, x, y, T0 + 100);
    ptr(s, PTR_UP, 1, x, y, T0 + 160);
    assert_int_equal(session_nav(s)->scene, NAV_MENU);
    ptr(s, PTR_DOWN, 1, x, y, T0 + 250);
    session_view v;
    session_view_at(s, T0 + 250, &v);
    assert_int_equal(v.pressed, -1); /* nothing lights up that will not act */
    ptr(s, PTR_UP, 1, x, y, T0 + 310);
    assert_int_equal(session_nav(s)->scene, NAV_MENU);
    assert_int_equal(rec.events[SESSION_EV_VISIT], 1); /* one visit */
    assert_int_equal(rec.events[SESSION_EV_DOMAIN], 0);
    /* a finger down 499 ms after the change: still held off */
    tap_at(s, x, y, T0 + 160 + TOUCH_HOLD_OFF_MS - 1);
    assert_int_equal(session_nav(s)->scene, NAV_MENU);
    /* 500 ms after: a tap as any other */
    tap_at(s, x, y, T0 + 160 + TOUCH_HOLD_OFF_MS);
    assert_int_equal(session_nav(s)->scene, NAV_PAGE);
    assert_int_equal(rec.events[SESSION_EV_DOMAIN], 1);
    session_free(s);
}

/* A double tap on Back goes back one step; a press after the pause, one more. */
static void test_double_tap_on_back(void **st)
{
    (void)st;
    session *s = open_default();
    uint64_t t = T0 + 100;
    session_act(s, NAV_OPEN_DOMAIN, tabbed_domain(s), t);
    session_act(s, NAV_OPEN_PAGE, 1, t);
    session_act(s, NAV_OPEN_PAGE, 2, t);
    int x, y;
    t += 2000;
    assert_true(target_of(s, NAV_BACK, &x, &y, t));
    tap_at(s, x, y, t);
    tap_at(s, x, y, t + 150);
    assert_int_equal(session_nav(s)->scene, NAV_PAGE);
    assert_int_equal(session_nav(s)->page, 1);
    assert_true(target_of(s, NAV_BACK, &x, &y, t + 700));
    tap_at(s, x, y, t + 700);
    tap_at(s, x, y, t + 850);
    assert_int_equal(session_nav(s)->scene, NAV_PAGE);
    assert_int_equal(session_nav(s)->page, 0);
    session_free(s);
}

/* Any scene change holds taps off: the idle return, new content, and one
 * that happens while the finger is down. */
static void test_hold_off_after_any_change(void **st)
{
    (void)st;
    session_options o;
    options(&o);
    session *s = open_default();
    uint64_t t = T0 + 100;
    session_act(s, NAV_HOME, 0, t);
    uint64_t back = t + o.nav.idle_ms + o.nav.warn_ms;
    session_tick(s, back, 0);
    assert_int_equal(session_nav(s)->scene, NAV_ATTRACT);
    tap_at(s, W / 2, H / 2, back + 200);
    assert_int_equal(session_nav(s)->scene, NAV_ATTRACT);
    /* new content on the attract loop, shown at once */
    t = back + 5000;
    session_offer(s, gen(), t);
    tap_at(s, W / 2, H / 2, t + 100);
    assert_int_equal(session_nav(s)->scene, NAV_ATTRACT);
    /* while the finger is down: it lifts from a scene it never saw */
    t += 5000;
    ptr(s, PTR_DOWN, 1, W / 2, H / 2, t);
    session_offer(s, gen(), t + 30);
    ptr(s, PTR_UP, 1, W / 2, H / 2, t + 60);
    assert_int_equal(session_nav(s)->scene, NAV_ATTRACT);
    tap_at(s, W / 2, H / 2, t + 1000);
    assert_int_not_equal(session_nav(s)->scene, NAV_ATTRACT);
    session_free(s);
}

/* The centre of the current scene's target called name. */
static int target_named(session *s, const char *name, int *x, int *y, uint64_t t)
{
    session_view v;
    session_view_at(s, t, &v);
    for (size_t i = 0; v.sc && i < v.sc->n_targets; i++)
        if (v.sc->targets[i].name && strcmp(v.sc->targets[i].name, name) == 0) {
            *x = v.sc->targets[i].x + v.sc->targets[i].w / 2;
            *y = v.sc->targets[i].y + v.sc->targets[i].h / 2;
            return 1;
        }
    return 0;
}

/* A sheet opening or closing holds taps off as a scene change does: a
 * double tap on "Bedienhilfen" opens the sheet and leaves it open; a tap
 * half a second later closes it, and the next one right after does not
 * open it again. */
static void test_double_tap_on_sheet_button(void **st)
{
    (void)st;
    session *s = open_default();
    uint64_t t = T0 + 100;
    session_act(s, NAV_HOME, 0, t);
    int x, y;
    t += 2000;
    assert_true(target_named(s, "a11y", &x, &y, t));
    tap_at(s, x, y, t);
    assert_int_equal(session_nav(s)->sheet, NAV_SHEET_A11Y);
    tap_at(s, x, y, t + 150);
    assert_int_equal(session_nav(s)->sheet, NAV_SHEET_A11Y);
    /* 499 ms after the sheet opened: still held off */
    tap_at(s, x, y, t + 60 + TOUCH_HOLD_OFF_MS - 1);
    assert_int_equal(session_nav(s)->sheet, NAV_SHEET_A11Y);
    t += 60 + TOUCH_HOLD_OFF_MS;
    assert_true(target_named(s, "a11y", &x, &y, t));
    tap_at(s, x, y, t);
    assert_int_equal(session_nav(s)->sheet, NAV_SHEET_NONE);
    tap_at(s, x, y, t + 150);
    assert_int_equal(session_nav(s)->sheet, NAV_SHEET_NONE);
    assert_int_equal(session_nav(s)->scene, NAV_MENU);
    session_free(s);
}

/* A page that scrolls at this size, opened through nav_apply. */
static session *open_long_page(uint64_t t)
{
    session *s = open_default();
    for (int d = 0; d < 6; d++) {
        session_act(s, NAV_HOME, 0, t);
        session_act(s, NAV_OPEN_DOMAIN, d, t);
        session_view v;
        session_view_at(s, t, &v);
        if (v.sc && scene_max_scroll(v.sc) > 200)
            return s;
    }
    fail_msg("no page scrolls");
    return s;
}

static int scroll_at(session *s, uint64_t t)
{
    session_view v;
    session_view_at(s, t, &v);
    return v.scroll;
}

static void test_momentum_decays_and_stops(void **st)
{
    (void)st;
    uint64_t t = T0 + 1000;
    session *s = open_long_page(t);
    /* a quick flick upwards */
    ptr(s, PTR_DOWN, 1, 400, 400, t);
    ptr(s, PTR_MOVE, 1, 400, 380, t + 8);
    ptr(s, PTR_MOVE, 1, 400, 360, t + 16);
    ptr(s, PTR_UP, 1, 400, 350, t + 24);
    t += 24;
    assert_true(session_animating(s, t));
    assert_true(session_deadline(s, t) <= t + SESSION_FRAME_MS);
    int prev = scroll_at(s, t), first_step = -1, slowest = 1 << 30;
    for (int i = 0; i < 500 && session_animating(s, t); i++) {
        t += SESSION_FRAME_MS;
        session_tick(s, t, 0);
        int now = scroll_at(s, t);
        assert_true(now >= prev); /* on in the flick's direction */
        if (first_step < 0)
            first_step = now - prev;
        if (now - prev < slowest)
            slowest = now - prev;
        prev = now;
    }
    assert_false(session_animating(s, t)); /* it stops */
    assert_true(first_step > 0);
    assert_true(slowest * 2 < first_step); /* after slowing down */
    t += 1000;
    session_tick(s, t, 0);
    assert_int_equal(scroll_at(s, t), prev); /* and stays */
    session_free(s);
}

static void test_idle_warning_then_attract(void **st)
{
    (void)st;
    session *s = open_default();
    uint64_t t = T0 + 100;
    session_act(s, NAV_HOME, 0, t);
    assert_int_equal(session_nav(s)->scene, NAV_MENU);
    session_options o;
    options(&o);
    assert_int_equal(session_deadline(s, t + 1), t + o.nav.idle_ms);
    session_tick(s, t + o.nav.idle_ms, 0);
    assert_true(session_nav(s)->warning);
    assert_int_equal(rec.chimes, 1); /* the warning sounds */
    /* the countdown's next second */
    assert_int_equal(session_deadline(s, t + o.nav.idle_ms + 500), t + o.nav.idle_ms + 1000);
    session_tick(s, t + o.nav.idle_ms + o.nav.warn_ms, 0);
    assert_int_equal(session_nav(s)->scene, NAV_ATTRACT);
    session_free(s);
}

static void test_touch_on_warning_is_swallowed(void **st)
{
    (void)st;
    session *s = open_default();
    uint64_t t = T0 + 100;
    session_act(s, NAV_OPEN_DOMAIN, 0, t);
    assert_int_equal(session_nav(s)->scene, NAV_PAGE);
    int hx, hy, x, y;
    assert_true(target_of(s, NAV_HOME, &hx, &hy, t));
    t += 60000;
    session_tick(s, t, 0);
    assert_true(session_nav(s)->warning);
    assert_true(target_of(s, NAV_MORE_TIME, &x, &y, t));
    /* a tap on "home" only says "still here" */
    tap_at(s, hx, hy, t + 100);
    assert_false(session_nav(s)->warning);
    assert_int_equal(session_nav(s)->scene, NAV_PAGE);
    /* "more time" is not swallowed */
    t += 60100;
    session_tick(s, t, 0);
    assert_true(session_nav(s)->warning);
    assert_true(target_of(s, NAV_MORE_TIME, &x, &y, t));
    tap_at(s, x, y, t + 100);
    assert_int_equal(session_nav(s)->more, 1);
    assert_int_equal(rec.last_arg[SESSION_EV_ACCESS], SESSION_ACCESS_MORE_TIME);
    session_free(s);
}

static void test_swap_policy(void **st)
{
    (void)st;
    /* on the attract loop: at once, the old generation released */
    session *s = open_default();
    const kcontent *first = session_content(s);
    session_offer(s, gen(), T0 + 10);
    assert_ptr_not_equal(session_content(s), first);
    assert_int_equal(rec.events[SESSION_EV_CONTENT], 1);
    /* on a page: not at once ... */
    uint64_t t = T0 + 100;
    session_act(s, NAV_OPEN_DOMAIN, 0, t);
    const kcontent *shown = session_content(s);
    session_offer(s, gen(), t + 10);
    session_tick(s, t + 20, 0);
    assert_ptr_equal(session_content(s), shown);
    /* ... but at the next scene change */
    session_act(s, NAV_OPEN_DOMAIN, 1, t + 30);
    assert_ptr_not_equal(session_content(s), shown);
    /* or after 15 s without a touch */
    shown = session_content(s);
    session_offer(s, gen(), t + 40);
    session_tick(s, t + 30 + SESSION_SWAP_IDLE_MS - 1, 0);
    assert_ptr_equal(session_content(s), shown);
    session_tick(s, t + 30 + SESSION_SWAP_IDLE_MS, 0);
    assert_ptr_not_equal(session_content(s), shown);
    session_free(s);
    /* swap_now: at once, even on a page */
    session_options o;
    options(&o);
    o.swap_now = 1;
    s = open_with(&o);
    session_act(s, NAV_OPEN_DOMAIN, 0, t);
    shown = session_content(s);
    session_offer(s, gen(), t + 10);
    assert_ptr_not_equal(session_content(s), shown);
    assert_int_equal(session_nav(s)->scene, NAV_PAGE); /* the page is kept */
    session_free(s);
}

/* The configured start language, by its code; the visitor's choice kept
 * across a new generation, by its code too. */
static void test_languages_by_code(void **st)
{
    (void)st;
    session_options o;
    options(&o);
    snprintf(o.default_lang, sizeof o.default_lang, "en");
    session *s = open_with(&o);
    assert_int_equal(session_nav(s)->language, LANG_EN);
    assert_int_equal(session_content(s)->default_lang, LANG_EN);
    session_free(s);
    /* a code the content does not have: the content's own choice */
    snprintf(o.default_lang, sizeof o.default_lang, "tr");
    s = open_with(&o);
    assert_int_equal(session_nav(s)->language, LANG_DE);
    /* chosen on a page, kept when the next generation comes */
    uint64_t t = T0 + 100;
    session_act(s, NAV_OPEN_DOMAIN, 0, t);
    session_act(s, NAV_LANG, LANG_LS, t + 10);
    session_offer(s, gen(), t + 20);
    session_act(s, NAV_OPEN_DOMAIN, 1, t + 30); /* the swap happens here */
    assert_int_equal(session_nav(s)->language, LANG_LS);
    assert_string_equal(content_lang_code(session_content(s), session_nav(s)->language), "leicht");
    session_free(s);
}

/* ms since the epoch of a local time today-ish (2026-11-25, a Wednesday). */
static int64_t local_ms(int hour, int min)
{
    struct tm tm = {.tm_year = 126, .tm_mon = 10, .tm_mday = 25, .tm_hour = hour,
                    .tm_min = min, .tm_isdst = -1};
    return (int64_t)mktime(&tm) * 1000;
}

static void test_display_schedule(void **st)
{
    (void)st;
    session_options o;
    options(&o);
    o.display.enabled = 1;
    for (int d = 0; d < 7; d++) {
        o.display.spans[d][0] = (sched_span){8 * 60, 18 * 60};
        o.display.n_spans[d] = 1;
    }
    session *s = open_with(&o);
    int64_t off = local_ms(7, 0) - T0; /* wall = now + off */
    uint64_t t = T0 + 10;
    session_tick(s, t, (int64_t)t + off);
    assert_true(session_display_off(s));
    assert_int_equal(rec.last_arg[SESSION_EV_DISPLAY], 0);
    session_view v;
    session_view_at(s, t, &v);
    assert_true(v.black);
    /* asleep until the opening at 08:00 */
    assert_int_equal(session_deadline(s, t), (uint64_t)(local_ms(8, 0) - off));
    /* a touch wakes it for the idle time; that touch does nothing else */
    ptr(s, PTR_DOWN, 1, 400, 240, t + 100);
    assert_false(session_display_off(s));
    assert_int_equal(session_nav(s)->scene, NAV_ATTRACT);
    ptr(s, PTR_UP, 1, 400, 240, t + 160);
    session_tick(s, t + 161, (int64_t)(t + 161) + off);
    assert_int_equal(session_nav(s)->scene, NAV_ATTRACT);
    /* a further touch while woken keeps it on longer */
    uint64_t t2 = t + 10000;
    ptr(s, PTR_DOWN, 1, 400, 240, t2);
    ptr(s, PTR_UP, 1, 400, 240, t2 + 60);
    uint64_t until = t2 + o.nav.idle_ms + o.nav.warn_ms;
    assert_true(session_deadline(s, t2 + 100) <= until);
    session_tick(s, until - 1, (int64_t)(until - 1) + off);
    assert_false(session_display_off(s));
    session_tick(s, until, (int64_t)until + off);
    assert_true(session_display_off(s));
    /* on at the opening */
    uint64_t open = (uint64_t)(local_ms(8, 0) - off);
    session_tick(s, open, local_ms(8, 0));
    assert_false(session_display_off(s));
    assert_int_equal(rec.last_arg[SESSION_EV_DISPLAY], 1);
    session_free(s);
}

static void swipe_left(session *s, uint64_t t)
{
    ptr(s, PTR_DOWN, 1, 600, 300, t);
    ptr(s, PTR_MOVE, 1, 500, 300, t + 30);
    ptr(s, PTR_MOVE, 1, 400, 300, t + 60);
    ptr(s, PTR_UP, 1, 350, 300, t + 90);
}

static void test_swipe_next_tab(void **st)
{
    (void)st;
    session *s = open_default();
    session_act(s, NAV_OPEN_DOMAIN, tabbed_domain(s), T0);
    swipe_left(s, T0 + 100);
    assert_int_equal(session_nav(s)->page, 1);
    session_free(s);
}

static manifest_notice *notice(int64_t starts, int64_t ends)
{
    manifest_notice *n = calloc(1, sizeof *n);
    assert_non_null(n);
    n->de = strdup("Heute geschlossen");
    n->en = strdup("Closed today");
    n->starts = starts;
    n->ends = ends;
    return n;
}

static void test_notice_by_wall_clock(void **st)
{
    (void)st;
    session *s = open_default();
    int64_t wall0 = 1800000000000; /* ms */
    session_tick(s, T0, wall0);
    session_act(s, NAV_HOME, 0, T0);
    session_set_notice(s, notice(wall0 / 1000 + 10, wall0 / 1000 + 20));
    assert_false(session_notice_on(s));
    /* woken at its start */
    assert_int_equal(session_deadline(s, T0), T0 + 10000);
    session_tick(s, T0 + 10000, wall0 + 10000);
    assert_true(session_notice_on(s));
    assert_int_equal(rec.last_arg[SESSION_EV_NOTICE], 1);
    /* the card takes the touches: no taps, no swipes through it */
    int x = W / 2, y = H / 2;
    assert_true(target_of(s, NAV_OPEN_DOMAIN, &x, &y, T0 + 10500) == 0); /* none shows */
    ptr(s, PTR_DOWN, 1, x, y, T0 + 11000);
    ptr(s, PTR_UP, 1, x, y, T0 + 11060);
    assert_int_equal(session_nav(s)->scene, NAV_MENU);
    session_act(s, NAV_OPEN_DOMAIN, tabbed_domain(s), T0 + 12000);
    swipe_left(s, T0 + 12000);
    assert_int_equal(session_nav(s)->page, 0);
    session_tick(s, T0 + 20000, wall0 + 20000);
    assert_false(session_notice_on(s));
    assert_int_equal(rec.events[SESSION_EV_NOTICE], 2);
    session_free(s);
}

/* A generation's own notice shows; a notice handed over later takes its
 * place, and so does "none": a channel that cleared its notice hides it
 * before the content that says so is shown. */
static void test_notice_of_generation_and_later(void **st)
{
    (void)st;
    int64_t wall0 = 1800000000000; /* ms */
    session_options o;
    options(&o);
    memset(&rec, 0, sizeof rec);
    session_hooks h = {.ctx = &rec, .event = on_event};
    generation *g = gen();
    g->notice = notice(wall0 / 1000 - 10, wall0 / 1000 + 100);
    session *s = session_new(&o, &h, &fake, W, H, 40, g, T0);
    assert_non_null(s);
    session_tick(s, T0, wall0);
    assert_true(session_notice_on(s));
    session_set_notice(s, notice(wall0 / 1000 + 50, wall0 / 1000 + 60)); /* a later one, not yet due */
    assert_false(session_notice_on(s));
    session_set_notice(s, notice(wall0 / 1000 - 5, wall0 / 1000 + 60));
    assert_true(session_notice_on(s));
    session_set_notice(s, NULL); /* cleared: the generation's own no longer counts */
    assert_false(session_notice_on(s));
    session_tick(s, T0 + 1000, wall0 + 1000);
    assert_false(session_notice_on(s));
    session_free(s);
}

/* Two fingers go down at t, 64 px apart: the time their hold completes. */
static uint64_t two_fingers_down(session *s, uint64_t t)
{
    ptr(s, PTR_DOWN, 1, 300, 240, t);
    ptr(s, PTR_DOWN, 2, 364, 240, t + 10);
    return t + 10 + INPUT_HOLD2_MS;
}

static void test_speech_mode(void **st)
{
    (void)st;
    session *s = open_default();
    uint64_t t = T0 + 100;
    /* two fingers held still for two seconds */
    uint64_t held = two_fingers_down(s, t);
    assert_int_equal(session_deadline(s, t + 20), held);
    session_tick(s, held, 0);
    assert_true(session_nav(s)->speech);
    assert_int_equal(session_nav(s)->scene, NAV_MENU);
    assert_true(rec.said >= 2); /* how it works, then where the visitor is */
    assert_int_equal(rec.last_arg[SESSION_EV_ACCESS], SESSION_ACCESS_SPEECH);
    t += 10 + INPUT_HOLD2_MS;
    ptr(s, PTR_UP, 2, 364, 240, t + 10);
    ptr(s, PTR_UP, 1, 300, 240, t + 20);
    session_tick(s, t + 21, 0);
    /* a tap reads what is under the finger, and does not open it */
    int x, y;
    assert_true(target_of(s, NAV_OPEN_DOMAIN, &x, &y, t + 30));
    int said = rec.said, interrupts = rec.interrupts;
    tap_at(s, x, y, t + 1000);
    assert_int_equal(rec.said, said + 1);
    assert_int_equal(rec.interrupts, interrupts + 1); /* at once, not queued */
    assert_int_equal(session_nav(s)->scene, NAV_MENU);
    session_view v;
    session_view_at(s, t + 1100, &v);
    assert_true(v.focus >= 0); /* and outlines it */
    /* a double tap anywhere opens the focused element */
    tap_at(s, 100, 400, t + 3000);
    tap_at(s, 100, 400, t + 3200);
    assert_int_equal(session_nav(s)->scene, NAV_PAGE);
    session_free(s);
}

static void test_wake_deadline(void **st)
{
    (void)st;
    session *s = open_default();
    /* the attract loop: its slow motion at a calm frame rate, the next
     * slide on time */
    assert_true(session_animating(s, T0 + 1));
    session_drawn(s, T0 + 1);
    assert_int_equal(session_deadline(s, T0 + 1), T0 + 1 + SESSION_MOTION_FRAME_MS);
    session_tick(s, T0 + 1 + SESSION_MOTION_FRAME_MS, 0);
    assert_true(session_draw_due(s));
    assert_int_equal(session_nav(s)->slide, 0);
    session_tick(s, T0 + 8000, 0);
    assert_int_equal(session_nav(s)->slide, 1);
    /* a cross-fade: frame by frame */
    assert_true(session_animating(s, T0 + 8000));
    assert_true(session_deadline(s, T0 + 8000) <= T0 + 8000 + SESSION_FADE_FRAME_MS);
    session_drawn(s, T0 + 8000);
    assert_int_equal(session_deadline(s, T0 + 8000), T0 + 8000 + SESSION_FADE_FRAME_MS);
    session_free(s);
}

/* The table of typical screens: the five sizes as DESIGN says, any other
 * size from the nearest one (same physical screen, more or fewer pixels). */
static void test_screen_table(void **st)
{
    (void)st;
    size_t n;
    const screen_size *z = screen_sizes(&n);
    assert_int_equal(n, 5);
    assert_true(screen_px_per_mm(800, 480) == 5.19);
    assert_true(screen_px_per_mm(1280, 800) == 5.9);
    assert_true(screen_px_per_mm(1920, 1080) == 2.71);
    assert_true(screen_px_per_mm(1080, 1920) == 2.71);
    assert_true(screen_px_per_mm(3840, 2160) == 3.18);
    for (size_t i = 0; i < n; i++)
        assert_true(screen_px_per_mm(z[i].w, z[i].h) == z[i].px_per_mm);
    /* half of 1080p is nearest the 7" display: that screen with its pixels */
    double half = screen_px_per_mm(960, 540);
    assert_true(half > 6.1 && half < 6.2);
    /* portrait sizes follow the portrait screen */
    double p = screen_px_per_mm(720, 1280);
    assert_true(p > 1.80 && p < 1.81);
    assert_int_equal(screen_mm_to_px(800, 480, 9), 47);
    assert_int_equal(screen_mm_to_px(800, 480, TOUCH_REACH_MM), 16);
}

static dl_target box(int x, int y, int w, int h, const char *name)
{
    return (dl_target){.x = x, .y = y, .w = w, .h = h, .action = NAV_HOME, .name = name};
}

/* touch_hit on a scene of its own: under the finger first, then the only
 * nearest within reach (counted from the edge to the pixel's near side);
 * ties and anything farther hit nothing. */
static void test_touch_hit_nearest(void **st)
{
    (void)st;
    dl_target t[3] = {box(100, 100, 100, 50, "a"), box(300, 100, 100, 50, "b"),
                      box(100, 300, 100, 50, "c")};
    scene sc = {.w = W, .h = H, .targets = t, .n_targets = 3};
    assert_int_equal(touch_hit(&sc, 150, 120, 16), 0);
    assert_int_equal(touch_hit(&sc, 199, 149, 16), 0);
    assert_int_equal(touch_hit(&sc, 216, 120, 16), 0);   /* 16 px right of a */
    assert_int_equal(touch_hit(&sc, 217, 120, 16), -1);  /* 17: too far */
    assert_int_equal(touch_hit(&sc, 216, 120, 15.57), -1);
    assert_int_equal(touch_hit(&sc, 215, 120, 15.57), 0);
    assert_int_equal(touch_hit(&sc, 150, 83, 16), 0);    /* above a */
    assert_int_equal(touch_hit(&sc, 150, 82, 16), -1);
    assert_int_equal(touch_hit(&sc, 283, 120, 16), 1);   /* left of b */
    assert_int_equal(touch_hit(&sc, 150, 283, 16), 2);   /* above c */
    assert_int_equal(touch_hit(&sc, 150, 120, 0), 0);
    assert_int_equal(touch_hit(&sc, 216, 120, 0), -1);   /* no reach: exact only */
    /* off a corner the true distance counts: 11 and 11 px is 15.6, 12 and 12 is 17 */
    assert_int_equal(touch_hit(&sc, 211, 161, 16), 0);
    assert_int_equal(touch_hit(&sc, 212, 162, 16), -1);
    /* between a and b, 10 px from each: nobody's */
    t[1].x = 221;
    assert_int_equal(touch_hit(&sc, 210, 120, 16), -1);
    assert_int_equal(touch_hit(&sc, 209, 120, 16), 0);   /* 9 from a, 11 from b */
    assert_int_equal(touch_hit(&sc, 211, 120, 16), 1);
}

/* Pixels between target r's edge and the near side of pixel (x, y). */
static double gap(const dl_target *r, int x, int y)
{
    double dx = x < r->x ? r->x - x - 1 : x >= r->x + r->w ? x - r->x - r->w : 0;
    double dy = y < r->y ? r->y - y - 1 : y >= r->y + r->h ? y - r->y - r->h : 0;
    return sqrt(dx * dx + dy * dy);
}

/* A pixel d px outside target i of sc, off the middle of one of its edges,
 * with every other target more than clear px away: 1 and its position. */
static int clear_spot(const scene *sc, size_t i, int d, double clear, int *px, int *py)
{
    const dl_target *r = &sc->targets[i];
    const int xs[4] = {r->x + r->w + d, r->x - 1 - d, r->x + r->w / 2, r->x + r->w / 2};
    const int ys[4] = {r->y + r->h / 2, r->y + r->h / 2, r->y + r->h + d, r->y - 1 - d};
    for (int k = 0; k < 4; k++) {
        int ok = xs[k] >= 0 && xs[k] < sc->w && ys[k] >= 0 && ys[k] < sc->h;
        for (size_t j = 0; ok && j < sc->n_targets; j++)
            ok = j == i || gap(&sc->targets[j], xs[k], ys[k]) > clear;
        if (ok) {
            *px = xs[k];
            *py = ys[k];
            return 1;
        }
    }
    return 0;
}

static session *open_menu(uint64_t t)
{
    session *s = open_default();
    session_act(s, NAV_HOME, 0, t);
    return s;
}

/* What a tap at (x, y) on the menu makes of the state, a second after the
 * menu opened. */
static nav_state tap_on_menu(int x, int y)
{
    session *s = open_menu(T0 + 100);
    tap_at(s, x, y, T0 + 1100);
    nav_state after = *session_nav(s);
    session_free(s);
    return after;
}

/* What target i's action does to the menu's state; 0 when nothing. */
static int act_on_menu(const dl_target *t, nav_state *after)
{
    session *s = open_menu(T0 + 100);
    int r = session_act(s, t->action, t->arg, T0 + 1100);
    *after = *session_nav(s);
    session_free(s);
    return r;
}

static int same_place(const nav_state *a, const nav_state *b)
{
    return a->scene == b->scene && a->domain == b->domain && a->page == b->page &&
           a->language == b->language && a->contrast == b->contrast && a->large == b->large &&
           a->sheet == b->sheet;
}

/* On the menu, a tap 3 mm outside the edge of a control with nothing else
 * near still acts on it (and lights it up while the finger is down); 1 mm
 * farther it acts on nothing. */
static void test_tap_forgives_three_mm(void **st)
{
    (void)st;
    double reach = TOUCH_REACH_MM * screen_px_per_mm(W, H);
    int d = (int)reach; /* 3 mm, in whole pixels */
    int far = (int)(reach + screen_px_per_mm(W, H)) + 1; /* more than 4 mm */
    session *s = open_menu(T0 + 100);
    session_view v;
    session_view_at(s, T0 + 1100, &v);
    const nav_state menu = *session_nav(s);
    int tried = 0;
    for (size_t i = 0; i < v.sc->n_targets; i++) {
        int x, y, fx, fy;
        nav_state want;
        if (!clear_spot(v.sc, i, far, reach, &fx, &fy) || !clear_spot(v.sc, i, d, reach, &x, &y) ||
            !act_on_menu(&v.sc->targets[i], &want))
            continue;
        tried++;
        assert_int_equal(scene_hit(v.sc, x, y), -1); /* a miss, strictly */
        nav_state got = tap_on_menu(x, y);
        assert_true(same_place(&got, &want));
        assert_false(same_place(&got, &menu));
        got = tap_on_menu(fx, fy);
        assert_true(same_place(&got, &menu));
    }
    assert_true(tried > 0);
    /* the press lights the control up */
    for (size_t i = 0; i < v.sc->n_targets; i++) {
        int x, y;
        if (!clear_spot(v.sc, i, d, reach, &x, &y))
            continue;
        ptr(s, PTR_DOWN, 1, x, y, T0 + 1200);
        session_view pv;
        session_view_at(s, T0 + 1200, &pv);
        assert_int_equal(pv.pressed, (int)i);
        break;
    }
    session_free(s);
}

/* Slide 1 opens the tabbed domain, slides 0 and 2 the menu. A tap in the
 * first half of the cross-fade from 1 to 2 (its text still shows) opens
 * slide 1's domain; in the second half, slide 2's menu; a finger that went
 * down before the change and lifts after acts on slide 1. */
static void test_tap_during_crossfade(void **st)
{
    (void)st;
    uint64_t change = T0 + 16000; /* 8 s a slide */
    for (int k = 0; k < 3; k++) {
        session *s = open_default();
        session_tick(s, T0 + 8000, 0);
        session_tick(s, T0 + 9000, 0);
        assert_int_equal(session_nav(s)->slide, 1);
        uint64_t down = k == 0 ? change + 50 : k == 1 ? change + 400 : change - 30;
        if (k == 2)
            ptr(s, PTR_DOWN, 1, W / 2, H / 2, down);
        session_tick(s, change, 0);
        assert_int_equal(session_nav(s)->slide, 2);
        if (k == 2)
            ptr(s, PTR_UP, 1, W / 2, H / 2, down + 60);
        else
            tap_at(s, W / 2, H / 2, down);
        if (k == 1) {
            assert_int_equal(session_nav(s)->scene, NAV_MENU);
        } else {
            assert_int_equal(session_nav(s)->scene, NAV_PAGE);
            assert_int_equal(session_nav(s)->domain, 5);
        }
        session_free(s);
    }
}

/* Speech mode's own double tap acts right after a scene change: the hold
 * that switched speech mode on opened the menu a moment ago. */
static void test_speech_double_tap_not_held_off(void **st)
{
    (void)st;
    session *s = open_default();
    uint64_t t = T0 + 100;
    t = two_fingers_down(s, t);
    session_tick(s, t, 0);
    assert_int_equal(session_nav(s)->scene, NAV_MENU);
    ptr(s, PTR_UP, 2, 364, 240, t + 5);
    ptr(s, PTR_UP, 1, 300, 240, t + 10);
    int x, y;
    assert_true(target_of(s, NAV_OPEN_DOMAIN, &x, &y, t + 20));
    int said = rec.said;
    tap_at(s, x, y, t + 100); /* reads the tile */
    assert_int_equal(rec.said, said + 1);
    tap_at(s, 100, 400, t + 250);
    tap_at(s, 100, 400, t + 400);
    assert_int_equal(session_nav(s)->scene, NAV_PAGE);
    session_free(s);
}

int main(void)
{
    (void)fixture_free; /* generations free their content themselves */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tap_changes_scene),
        cmocka_unit_test(test_double_tap_on_attract),
        cmocka_unit_test(test_double_tap_on_back),
        cmocka_unit_test(test_hold_off_after_any_change),
        cmocka_unit_test(test_double_tap_on_sheet_button),
        cmocka_unit_test(test_screen_table),
        cmocka_unit_test(test_touch_hit_nearest),
        cmocka_unit_test(test_tap_forgives_three_mm),
        cmocka_unit_test(test_tap_during_crossfade),
        cmocka_unit_test(test_speech_double_tap_not_held_off),
        cmocka_unit_test(test_momentum_decays_and_stops),
        cmocka_unit_test(test_idle_warning_then_attract),
        cmocka_unit_test(test_touch_on_warning_is_swallowed),
        cmocka_unit_test(test_swap_policy),
        cmocka_unit_test(test_languages_by_code),
        cmocka_unit_test(test_display_schedule),
        cmocka_unit_test(test_swipe_next_tab),
        cmocka_unit_test(test_notice_by_wall_clock),
        cmocka_unit_test(test_notice_of_generation_and_later),
        cmocka_unit_test(test_speech_mode),
        cmocka_unit_test(test_wake_deadline),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
