/* The UI session without a window: taps, momentum, the idle warning, the
 * swap policy, the display schedule, the notice, speech mode and the wake
 * deadline, on a virtual clock with a fixed-width fake font. */
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
    o->default_lang = -1;
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

/* Not in speech mode, a double tap is two taps: on the attract loop the
 * first opens the menu, the second acts on the menu's tile under it. */
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
    ptr(s, PTR_UP, 1, x, y, T0 + 310);
    assert_int_equal(session_nav(s)->scene, NAV_PAGE);
    assert_int_equal(rec.events[SESSION_EV_VISIT], 1); /* one visit */
    assert_int_equal(rec.events[SESSION_EV_DOMAIN], 1);
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

static void test_speech_mode(void **st)
{
    (void)st;
    session *s = open_default();
    uint64_t t = T0 + 100;
    /* two fingers held still for two seconds */
    ptr(s, PTR_DOWN, 1, 300, 240, t);
    ptr(s, PTR_DOWN, 2, 364, 240, t + 10);
    assert_int_equal(session_deadline(s, t + 20), t + 10 + INPUT_HOLD2_MS);
    session_tick(s, t + 10 + INPUT_HOLD2_MS, 0);
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

int main(void)
{
    (void)fixture_free; /* generations free their content themselves */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tap_changes_scene),
        cmocka_unit_test(test_double_tap_on_attract),
        cmocka_unit_test(test_momentum_decays_and_stops),
        cmocka_unit_test(test_idle_warning_then_attract),
        cmocka_unit_test(test_touch_on_warning_is_swallowed),
        cmocka_unit_test(test_swap_policy),
        cmocka_unit_test(test_display_schedule),
        cmocka_unit_test(test_swipe_next_tab),
        cmocka_unit_test(test_notice_by_wall_clock),
        cmocka_unit_test(test_speech_mode),
        cmocka_unit_test(test_wake_deadline),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
