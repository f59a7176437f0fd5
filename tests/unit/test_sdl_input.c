/* Input: touch and mouse become taps, double taps, drags, flings, swipes
 * and the two-finger hold; SDL's synthetic events (mouse from touch, touch
 * from mouse) never act twice. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "sdl_input.h"

#define W 1000
#define H 800

static SDL_Event finger(Uint32 type, SDL_TouchID touch, SDL_FingerID id, float x, float y)
{
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = type;
    e.tfinger.touchId = touch;
    e.tfinger.fingerId = id;
    e.tfinger.x = x;
    e.tfinger.y = y;
    return e;
}

static SDL_Event mouse(Uint32 type, Uint32 which, int x, int y)
{
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = type;
    if (type == SDL_MOUSEMOTION) {
        e.motion.which = which;
        e.motion.x = x;
        e.motion.y = y;
    } else {
        e.button.which = which;
        e.button.button = SDL_BUTTON_LEFT;
        e.button.x = x;
        e.button.y = y;
    }
    return e;
}

static int feed(input *in, SDL_Event e, uint64_t now, gesture *g)
{
    return input_event(in, &e, W, H, 1.0, 1.0, now, g);
}

static void test_tap_by_finger(void **st)
{
    (void)st;
    input in;
    gesture g;
    input_init(&in);
    assert_int_equal(feed(&in, finger(SDL_FINGERDOWN, 1, 7, 0.5f, 0.25f), 0, &g), 1);
    assert_int_equal(g.kind, GEST_PRESS);
    assert_int_equal(g.x, 500);
    assert_int_equal(g.y, 200);
    /* a tremble within the slop is still a tap */
    assert_int_equal(feed(&in, finger(SDL_FINGERMOTION, 1, 7, 0.505f, 0.25f), 30, &g), 0);
    assert_int_equal(feed(&in, finger(SDL_FINGERUP, 1, 7, 0.505f, 0.25f), 80, &g), 1);
    assert_int_equal(g.kind, GEST_TAP);
    assert_int_equal(g.x, 500);
}

static void test_synthetic_events_ignored(void **st)
{
    (void)st;
    input in;
    gesture g;
    input_init(&in);
    /* a real touch arrives with a mouse twin: only the touch counts */
    assert_int_equal(feed(&in, finger(SDL_FINGERDOWN, 1, 1, 0.1f, 0.1f), 0, &g), 1);
    assert_int_equal(feed(&in, mouse(SDL_MOUSEBUTTONDOWN, SDL_TOUCH_MOUSEID, 100, 80), 0, &g), 0);
    assert_int_equal(feed(&in, mouse(SDL_MOUSEBUTTONUP, SDL_TOUCH_MOUSEID, 100, 80), 50, &g), 0);
    assert_int_equal(feed(&in, finger(SDL_FINGERUP, 1, 1, 0.1f, 0.1f), 50, &g), 1);
    assert_int_equal(g.kind, GEST_TAP);
    /* a real click arrives with a touch twin: only the click counts */
    assert_int_equal(feed(&in, mouse(SDL_MOUSEBUTTONDOWN, 0, 300, 300), 100, &g), 1);
    assert_int_equal(g.kind, GEST_PRESS);
    assert_int_equal(feed(&in, finger(SDL_FINGERDOWN, SDL_MOUSE_TOUCHID, 0, 0.3f, 0.375f), 100, &g), 0);
    assert_int_equal(feed(&in, finger(SDL_FINGERUP, SDL_MOUSE_TOUCHID, 0, 0.3f, 0.375f), 150, &g), 0);
    assert_int_equal(feed(&in, mouse(SDL_MOUSEBUTTONUP, 0, 300, 300), 150, &g), 1);
    assert_int_equal(g.kind, GEST_TAP);
}

/* a second finger ends the first one's tap: one CANCEL at the first lift, no TAP */
static void test_two_fingers_no_tap(void **st)
{
    (void)st;
    input in;
    gesture g;
    input_init(&in);
    assert_int_equal(feed(&in, finger(SDL_FINGERDOWN, 1, 1, 0.5f, 0.5f), 0, &g), 1);
    assert_int_equal(g.kind, GEST_PRESS);
    assert_int_equal(feed(&in, finger(SDL_FINGERDOWN, 1, 2, 0.9f, 0.9f), 10, &g), 0);
    assert_int_equal(feed(&in, finger(SDL_FINGERUP, 1, 2, 0.9f, 0.9f), 20, &g), 1);
    assert_int_equal(g.kind, GEST_CANCEL);
    assert_int_equal(feed(&in, finger(SDL_FINGERUP, 1, 1, 0.5f, 0.5f), 30, &g), 0);
    assert_int_equal(in.active, 0);
    /* the other order, and after a drag: still no TAP, FLING or SWIPE */
    feed(&in, finger(SDL_FINGERDOWN, 1, 1, 0.8f, 0.5f), 100, &g);
    assert_int_equal(feed(&in, finger(SDL_FINGERMOTION, 1, 1, 0.5f, 0.5f), 120, &g), 1);
    assert_int_equal(g.kind, GEST_DRAG);
    assert_int_equal(feed(&in, finger(SDL_FINGERDOWN, 1, 2, 0.6f, 0.6f), 130, &g), 0);
    assert_int_equal(feed(&in, finger(SDL_FINGERMOTION, 1, 1, 0.2f, 0.5f), 140, &g), 0);
    assert_int_equal(feed(&in, finger(SDL_FINGERUP, 1, 1, 0.2f, 0.5f), 150, &g), 1);
    assert_int_equal(g.kind, GEST_CANCEL);
    assert_int_equal(feed(&in, finger(SDL_FINGERUP, 1, 2, 0.6f, 0.6f), 160, &g), 0);
    /* a dragging first finger makes no hold */
    assert_int_equal(input_deadline(&in), UINT64_MAX);
    assert_int_equal(input_tick(&in, 5000, &g), 0);
    /* afterwards one finger taps as before */
    feed(&in, finger(SDL_FINGERDOWN, 1, 3, 0.3f, 0.3f), 1000, &g);
    assert_int_equal(feed(&in, finger(SDL_FINGERUP, 1, 3, 0.3f, 0.3f), 1050, &g), 1);
    assert_int_equal(g.kind, GEST_TAP);
    assert_int_equal(g.taps, 1);
}

/* both fingers down at t0; returns with the hold pending */
static void two_down(input *in, uint64_t t0)
{
    gesture g;
    input_init(in);
    assert_int_equal(feed(in, finger(SDL_FINGERDOWN, 1, 1, 0.4f, 0.5f), t0, &g), 1);
    assert_int_equal(feed(in, finger(SDL_FINGERDOWN, 1, 2, 0.48f, 0.5f), t0, &g), 0);
    assert_int_equal(input_deadline(in), t0 + INPUT_HOLD2_MS);
}

static void test_hold2(void **st)
{
    (void)st;
    input in;
    gesture g;
    input_init(&in);
    assert_int_equal(input_deadline(&in), UINT64_MAX);
    two_down(&in, 1000);
    /* trembling within the slop keeps it */
    assert_int_equal(feed(&in, finger(SDL_FINGERMOTION, 1, 1, 0.405f, 0.505f), 1500, &g), 0);
    assert_int_equal(feed(&in, finger(SDL_FINGERMOTION, 1, 2, 0.475f, 0.5f), 1600, &g), 0);
    assert_int_equal(input_tick(&in, 1000 + INPUT_HOLD2_MS - 1, &g), 0);
    assert_int_equal(input_deadline(&in), 1000 + INPUT_HOLD2_MS);
    assert_int_equal(input_tick(&in, 1000 + INPUT_HOLD2_MS, &g), 1);
    assert_int_equal(g.kind, GEST_HOLD2);
    assert_int_equal(g.x, 440); /* the midpoint */
    assert_int_equal(g.y, 400);
    assert_int_equal(g.taps, 0);
    /* once */
    assert_int_equal(input_deadline(&in), UINT64_MAX);
    assert_int_equal(input_tick(&in, 9000, &g), 0);
    /* the lift: one CANCEL, then nothing */
    assert_int_equal(feed(&in, finger(SDL_FINGERUP, 1, 1, 0.4f, 0.5f), 9000, &g), 1);
    assert_int_equal(g.kind, GEST_CANCEL);
    assert_int_equal(feed(&in, finger(SDL_FINGERUP, 1, 2, 0.48f, 0.5f), 9001, &g), 0);
    assert_int_equal(in.active, 0);

    /* a lift after the hold completed but before the tick reports the hold */
    two_down(&in, 0);
    assert_int_equal(feed(&in, finger(SDL_FINGERUP, 1, 2, 0.48f, 0.5f), 2500, &g), 1);
    assert_int_equal(g.kind, GEST_HOLD2);
    assert_int_equal(feed(&in, finger(SDL_FINGERUP, 1, 1, 0.4f, 0.5f), 2600, &g), 0);

    /* the second finger may come later: the time counts from it */
    input_init(&in);
    feed(&in, finger(SDL_FINGERDOWN, 1, 1, 0.4f, 0.5f), 0, &g);
    feed(&in, finger(SDL_FINGERDOWN, 1, 2, 0.48f, 0.5f), 300, &g);
    assert_int_equal(input_tick(&in, 2000, &g), 0);
    assert_int_equal(input_tick(&in, 2300, &g), 1);
    assert_int_equal(g.kind, GEST_HOLD2);
}

static void test_hold2_prevented(void **st)
{
    (void)st;
    input in;
    gesture g;
    /* one finger moves past the slop */
    two_down(&in, 0);
    assert_int_equal(feed(&in, finger(SDL_FINGERMOTION, 1, 2, 0.48f, 0.56f), 1000, &g), 0);
    assert_int_equal(input_deadline(&in), UINT64_MAX);
    assert_int_equal(input_tick(&in, 3000, &g), 0);
    /* it coming back does not restart it */
    assert_int_equal(feed(&in, finger(SDL_FINGERMOTION, 1, 2, 0.48f, 0.5f), 1100, &g), 0);
    assert_int_equal(input_tick(&in, 5000, &g), 0);
    assert_int_equal(feed(&in, finger(SDL_FINGERUP, 1, 1, 0.4f, 0.5f), 5000, &g), 1);
    assert_int_equal(g.kind, GEST_CANCEL);
    assert_int_equal(feed(&in, finger(SDL_FINGERUP, 1, 2, 0.48f, 0.5f), 5000, &g), 0);

    /* the first finger moves past the slop */
    two_down(&in, 0);
    assert_int_equal(feed(&in, finger(SDL_FINGERMOTION, 1, 1, 0.3f, 0.5f), 500, &g), 0);
    assert_int_equal(input_tick(&in, 3000, &g), 0);
    feed(&in, finger(SDL_FINGERUP, 1, 1, 0.3f, 0.5f), 3000, &g);
    feed(&in, finger(SDL_FINGERUP, 1, 2, 0.48f, 0.5f), 3000, &g);

    /* one finger lifts early: CANCEL, and no hold when the other stays */
    two_down(&in, 0);
    assert_int_equal(feed(&in, finger(SDL_FINGERUP, 1, 1, 0.4f, 0.5f), 1999, &g), 1);
    assert_int_equal(g.kind, GEST_CANCEL);
    assert_int_equal(input_deadline(&in), UINT64_MAX);
    assert_int_equal(input_tick(&in, 4000, &g), 0);
    assert_int_equal(feed(&in, finger(SDL_FINGERUP, 1, 2, 0.48f, 0.5f), 4000, &g), 0);
    assert_int_equal(in.active, 0);

    /* a third finger */
    two_down(&in, 0);
    assert_int_equal(feed(&in, finger(SDL_FINGERDOWN, 1, 3, 0.7f, 0.5f), 100, &g), 0);
    assert_int_equal(input_tick(&in, 3000, &g), 0);
    assert_int_equal(feed(&in, finger(SDL_FINGERUP, 1, 3, 0.7f, 0.5f), 3000, &g), 0);
    feed(&in, finger(SDL_FINGERUP, 1, 1, 0.4f, 0.5f), 3000, &g);
    feed(&in, finger(SDL_FINGERUP, 1, 2, 0.48f, 0.5f), 3000, &g);
    assert_int_equal(in.active, 0);

    /* the mouse has one pointer: a touch during a click is ignored, no hold */
    input_init(&in);
    assert_int_equal(feed(&in, mouse(SDL_MOUSEBUTTONDOWN, 0, 400, 400), 0, &g), 1);
    assert_int_equal(feed(&in, finger(SDL_FINGERDOWN, 1, 1, 0.48f, 0.5f), 0, &g), 0);
    assert_int_equal(input_deadline(&in), UINT64_MAX);
    assert_int_equal(input_tick(&in, 3000, &g), 0);
    assert_int_equal(feed(&in, mouse(SDL_MOUSEBUTTONUP, 0, 400, 400), 3000, &g), 1);
    assert_int_equal(g.kind, GEST_TAP);
}

static int tap_at(input *in, float x, float y, uint64_t t, gesture *g)
{
    feed(in, finger(SDL_FINGERDOWN, 1, 1, x, y), t, g);
    assert_int_equal(feed(in, finger(SDL_FINGERUP, 1, 1, x, y), t + 60, g), 1);
    assert_int_equal(g->kind, GEST_TAP);
    return g->taps;
}

static void test_double_tap(void **st)
{
    (void)st;
    input in;
    gesture g;
    input_init(&in);
    /* the short side is 800 px: near is within 32 px */
    assert_int_equal(tap_at(&in, 0.5f, 0.5f, 0, &g), 1);
    assert_int_equal(tap_at(&in, 0.52f, 0.52f, 150, &g), 2); /* 28 px away, 150 ms */
    assert_int_equal(g.x, 520);
    /* a third quick tap starts again */
    assert_int_equal(tap_at(&in, 0.52f, 0.52f, 300, &g), 1);
    assert_int_equal(tap_at(&in, 0.52f, 0.52f, 300 + INPUT_DOUBLE_TAP_MS, &g), 2); /* lift to lift */
    /* too slow */
    assert_int_equal(tap_at(&in, 0.2f, 0.2f, 2000, &g), 1);
    assert_int_equal(tap_at(&in, 0.2f, 0.2f, 2000 + INPUT_DOUBLE_TAP_MS + 1, &g), 1);
    /* too far: 40 px */
    assert_int_equal(tap_at(&in, 0.2f, 0.2f, 5000, &g), 1);
    assert_int_equal(tap_at(&in, 0.24f, 0.2f, 5100, &g), 1);
    /* a drag between breaks the pair */
    assert_int_equal(tap_at(&in, 0.5f, 0.5f, 8000, &g), 1);
    feed(&in, finger(SDL_FINGERDOWN, 1, 1, 0.5f, 0.5f), 8070, &g);
    feed(&in, finger(SDL_FINGERMOTION, 1, 1, 0.5f, 0.6f), 8080, &g);
    feed(&in, finger(SDL_FINGERMOTION, 1, 1, 0.5f, 0.5f), 8090, &g);
    feed(&in, finger(SDL_FINGERUP, 1, 1, 0.5f, 0.5f), 8100, &g);
    assert_int_equal(tap_at(&in, 0.5f, 0.5f, 8150, &g), 1);
    /* so does a second finger */
    assert_int_equal(tap_at(&in, 0.5f, 0.5f, 9000, &g), 1);
    feed(&in, finger(SDL_FINGERDOWN, 1, 1, 0.5f, 0.5f), 9070, &g);
    feed(&in, finger(SDL_FINGERDOWN, 1, 2, 0.6f, 0.5f), 9075, &g);
    feed(&in, finger(SDL_FINGERUP, 1, 1, 0.5f, 0.5f), 9080, &g);
    feed(&in, finger(SDL_FINGERUP, 1, 2, 0.6f, 0.5f), 9085, &g);
    assert_int_equal(tap_at(&in, 0.5f, 0.5f, 9100, &g), 1);
    /* other gestures carry no taps */
    assert_int_equal(feed(&in, finger(SDL_FINGERDOWN, 1, 1, 0.5f, 0.5f), 12000, &g), 1);
    assert_int_equal(g.taps, 0);
    assert_int_equal(feed(&in, finger(SDL_FINGERMOTION, 1, 1, 0.5f, 0.7f), 12010, &g), 1);
    assert_int_equal(g.taps, 0);
    /* the mouse double-clicks too */
    input_init(&in);
    feed(&in, mouse(SDL_MOUSEBUTTONDOWN, 0, 300, 300), 0, &g);
    feed(&in, mouse(SDL_MOUSEBUTTONUP, 0, 300, 300), 50, &g);
    assert_int_equal(g.taps, 1);
    feed(&in, mouse(SDL_MOUSEBUTTONDOWN, 0, 302, 300), 150, &g);
    feed(&in, mouse(SDL_MOUSEBUTTONUP, 0, 302, 300), 200, &g);
    assert_int_equal(g.kind, GEST_TAP);
    assert_int_equal(g.taps, 2);
}

static void test_drag_and_fling(void **st)
{
    (void)st;
    input in;
    gesture g;
    input_init(&in);
    feed(&in, finger(SDL_FINGERDOWN, 1, 1, 0.5f, 0.8f), 0, &g);
    assert_int_equal(feed(&in, finger(SDL_FINGERMOTION, 1, 1, 0.5f, 0.7f), 16, &g), 1);
    assert_int_equal(g.kind, GEST_DRAG);
    assert_int_equal(g.dy, -80);
    assert_int_equal(feed(&in, finger(SDL_FINGERMOTION, 1, 1, 0.5f, 0.6f), 32, &g), 1);
    assert_int_equal(feed(&in, finger(SDL_FINGERUP, 1, 1, 0.5f, 0.6f), 40, &g), 1);
    assert_int_equal(g.kind, GEST_FLING);
    assert_true(g.vy < -1.0); /* upwards, fast */
    /* a finger that rests before lifting does not throw */
    feed(&in, finger(SDL_FINGERDOWN, 1, 1, 0.5f, 0.8f), 1000, &g);
    feed(&in, finger(SDL_FINGERMOTION, 1, 1, 0.5f, 0.6f), 1016, &g);
    assert_int_equal(feed(&in, finger(SDL_FINGERUP, 1, 1, 0.5f, 0.6f), 1400, &g), 1);
    assert_int_equal(g.kind, GEST_CANCEL);
}

static void test_swipe(void **st)
{
    (void)st;
    input in;
    gesture g;
    input_init(&in);
    feed(&in, finger(SDL_FINGERDOWN, 1, 1, 0.8f, 0.5f), 0, &g);
    feed(&in, finger(SDL_FINGERMOTION, 1, 1, 0.5f, 0.51f), 100, &g);
    feed(&in, finger(SDL_FINGERMOTION, 1, 1, 0.2f, 0.52f), 200, &g);
    assert_int_equal(feed(&in, finger(SDL_FINGERUP, 1, 1, 0.2f, 0.52f), 210, &g), 1);
    assert_int_equal(g.kind, GEST_SWIPE_LEFT);
    feed(&in, finger(SDL_FINGERDOWN, 1, 1, 0.2f, 0.5f), 1000, &g);
    feed(&in, finger(SDL_FINGERMOTION, 1, 1, 0.6f, 0.5f), 1100, &g);
    feed(&in, finger(SDL_FINGERUP, 1, 1, 0.6f, 0.5f), 1110, &g);
    assert_int_equal(g.kind, GEST_SWIPE_RIGHT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tap_by_finger),
        cmocka_unit_test(test_synthetic_events_ignored),
        cmocka_unit_test(test_two_fingers_no_tap),
        cmocka_unit_test(test_hold2),
        cmocka_unit_test(test_hold2_prevented),
        cmocka_unit_test(test_double_tap),
        cmocka_unit_test(test_drag_and_fling),
        cmocka_unit_test(test_swipe),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
