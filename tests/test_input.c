/* Input: touch and mouse become taps, drags, flings and swipes; SDL's
 * synthetic events (mouse from touch, touch from mouse) never act twice. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "input.h"

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

static void test_second_finger_ignored(void **st)
{
    (void)st;
    input in;
    gesture g;
    input_init(&in);
    feed(&in, finger(SDL_FINGERDOWN, 1, 1, 0.5f, 0.5f), 0, &g);
    assert_int_equal(feed(&in, finger(SDL_FINGERDOWN, 1, 2, 0.9f, 0.9f), 10, &g), 0);
    assert_int_equal(feed(&in, finger(SDL_FINGERUP, 1, 2, 0.9f, 0.9f), 20, &g), 0);
    assert_int_equal(feed(&in, finger(SDL_FINGERUP, 1, 1, 0.5f, 0.5f), 30, &g), 1);
    assert_int_equal(g.kind, GEST_TAP);
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
        cmocka_unit_test(test_second_finger_ignored),
        cmocka_unit_test(test_drag_and_fling),
        cmocka_unit_test(test_swipe),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
