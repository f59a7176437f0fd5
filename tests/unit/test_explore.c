/* Speech mode's focus: a touch finds the control or the text under the
 * finger (also on a scrolled page), swipes walk the reading order and stop
 * at its ends, and the focused control's target is what a double tap
 * activates. Scenes of the bundled content, measured with a fixed-width
 * fake font. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "explore.h"
#include "fake_measure.h"
#include "uistrings.h"
static kcontent *content;

static int setup(void **st)
{
    (void)st;
    diag_list d;
    diag_init(&d);
    content = content_load("content", &d);
    if (content)
        content_load_strings(content, "assets/strings", &d);
    diag_free(&d);
    return content ? 0 : -1;
}

static int teardown(void **st)
{
    (void)st;
    content_free(content);
    return 0;
}

static scene *build(const nav_state *s, int w, int h)
{
    nav_config cfg;
    nav_config_default(&cfg);
    layout_params p = {.w = w, .h = h, .min_target = 40, .m = &fake, .now = 1000, .cfg = &cfg};
    scene *sc = layout_build(content, s, &p);
    assert_non_null(sc);
    return sc;
}

static void test_touch_finds_controls(void **st)
{
    (void)st;
    nav_state s;
    nav_init(&s, content, 0);
    s.scene = NAV_MENU;
    scene *sc = build(&s, 1920, 1080);
    reading *r = reading_build(sc, content, &s);
    assert_non_null(r);
    explore e;
    explore_reset(&e);
    assert_int_equal(explore_target(&e, r), -1);
    assert_true(sc->n_targets > 4);
    for (size_t t = 0; t < sc->n_targets; t++) {
        const dl_target *tg = &sc->targets[t];
        /* a tile below the viewport's foot: scrolled up until it shows whole */
        int scroll = 0, x, y, w, h;
        if (tg->layer == DL_SCROLL && tg->y + tg->h > sc->view_y + sc->view_h)
            scroll = tg->y + tg->h - (sc->view_y + sc->view_h);
        if (scroll > scene_max_scroll(sc))
            scroll = scene_max_scroll(sc);
        sc->scroll = scroll;
        assert_true(scene_target_box(sc, t, scroll, &x, &y, &w, &h));
        int i = explore_at(&e, r, sc, x + w / 2, y + h / 2, scroll);
        assert_true(i >= 0);
        assert_int_equal(e.focus, i);
        /* the element found is the one standing for that control */
        assert_int_equal(r->items[i].target, (int)t);
        assert_int_equal(explore_target(&e, r), (int)t);
    }
    sc->scroll = 0;
    /* a heading is found by its text, and has no target */
    int heading = -1;
    for (size_t i = 0; i < r->n_items && heading < 0; i++)
        if (r->items[i].role == READ_HEADING)
            heading = (int)i;
    assert_true(heading >= 0);
    const reading_item *it = &r->items[heading];
    assert_int_equal(explore_at(&e, r, sc, it->x + 2, it->y + it->h / 2, 0), heading);
    assert_int_equal(explore_target(&e, r), -1);
    /* nothing under the finger: the focus stays */
    explore_at(&e, r, sc, it->x + 2, it->y + it->h / 2, 0);
    reading_free(r);
    scene_free(sc);
}

static void test_swipes_walk_reading_order(void **st)
{
    (void)st;
    nav_state s;
    nav_init(&s, content, 0);
    s.scene = NAV_MENU;
    scene *sc = build(&s, 800, 480);
    reading *r = reading_build(sc, content, &s);
    explore e;
    explore_reset(&e);
    int n = (int)r->n_items;
    assert_true(n > 3);
    for (int i = 0; i < n; i++)
        assert_int_equal(explore_step(&e, r, +1), i);
    assert_int_equal(explore_step(&e, r, +1), -1); /* the end: stays */
    assert_int_equal(e.focus, n - 1);
    assert_int_equal(explore_step(&e, r, -1), n - 2);
    explore_reset(&e);
    assert_int_equal(explore_step(&e, r, -1), n - 1); /* backwards from nothing: the last */
    explore_reset(&e);
    explore_step(&e, r, +1);
    assert_int_equal(explore_step(&e, r, -1), -1);
    assert_int_equal(e.focus, 0);
    reading_free(r);
    scene_free(sc);
}

/* The longest page, on the small screen, scrolls: what lies under a finger
 * depends on the scroll offset, and text scrolled out of the viewport is
 * not found through the header above it. */
static void test_scrolled_page(void **st)
{
    (void)st;
    nav_state s;
    nav_init(&s, content, 0);
    scene *sc = NULL;
    int best = 0;
    for (size_t d = 0; d < content->n_domains; d++)
        for (size_t p = 0; p < content->domains[d].n_pages; p++) {
            nav_state t = s;
            t.scene = NAV_PAGE;
            t.domain = (int)d;
            t.page = (int)p;
            scene *x = build(&t, 800, 480);
            if (scene_max_scroll(x) > best) {
                best = scene_max_scroll(x);
                scene_free(sc);
                sc = x;
                s = t;
            } else {
                scene_free(x);
            }
        }
    assert_non_null(sc);
    assert_true(best > sc->view_h / 2);
    reading *r = reading_build(sc, content, &s);
    explore e;
    explore_reset(&e);
    /* a text of the scrolled layer that starts below the viewport at scroll 0 */
    const dl_item *far = NULL;
    int far_owner = -1;
    for (size_t i = 0; i < sc->n_items; i++) {
        const dl_item *d = &sc->items[i];
        if (d->layer == DL_SCROLL && d->kind == DL_TEXT && r->owner[i] >= 0 &&
            d->y > sc->view_h && d->y - sc->view_h / 2 <= best) {
            far = d;
            far_owner = r->owner[i];
            break;
        }
    }
    assert_non_null(far);
    int scroll = far->y - sc->view_h / 2;
    int x = far->x + 2, y = sc->view_y + sc->view_h / 2 + far->h / 2;
    assert_int_equal(explore_at(&e, r, sc, x, y, scroll), far_owner);
    assert_int_equal(e.focus, far_owner);
    /* at scroll 0 something else lies there */
    int other = explore_at(&e, r, sc, x, y, 0);
    assert_true(other != far_owner);
    /* scrolled up under the header, it is not found through the header */
    explore_reset(&e);
    int hx = far->x + 2, hy = sc->view_y - 2;
    assert_true(hy >= 0);
    assert_true(explore_at(&e, r, sc, hx, hy, far->y + sc->view_y - hy) != far_owner);
    reading_free(r);
    scene_free(sc);
}

/* Stepping through a long page, every element of the scrolled layer gets a
 * scroll offset that shows it whole (or its start, when taller than the
 * view), and fixed controls need none. */
static void test_scroll_follows_focus(void **st)
{
    (void)st;
    nav_state s;
    nav_init(&s, content, 0);
    s.scene = NAV_PAGE;
    s.domain = 0;
    s.page = 0;
    scene *sc = build(&s, 800, 480);
    assert_true(scene_max_scroll(sc) > 0);
    reading *r = reading_build(sc, content, &s);
    explore e;
    explore_reset(&e);
    int scroll = 0, in_layer = 0, fixed = 0, moved = 0;
    while (explore_step(&e, r, +1) >= 0) {
        int top = 0, bottom = 0;
        if (!explore_scroll_span(&e, r, sc, &top, &bottom)) {
            fixed++;
            continue;
        }
        in_layer++;
        int next = explore_scroll_to(sc, scroll, top, bottom);
        assert_true(next >= 0 && next <= scene_max_scroll(sc));
        if (bottom - top <= sc->view_h * 8 / 10 && bottom <= scene_max_scroll(sc) + sc->view_h) {
            assert_true(top >= next);
            assert_true(bottom <= next + sc->view_h);
        }
        moved += next != scroll;
        scroll = next;
    }
    assert_true(fixed >= 3);    /* back, home, languages, toggles */
    assert_true(in_layer >= 3); /* the page's texts */
    assert_true(moved >= 1);    /* the page had to scroll to follow */
    assert_true(scroll > 0);
    /* a span already in view does not move the page */
    assert_int_equal(explore_scroll_to(sc, 0, sc->view_h / 5, sc->view_h / 3), 0);
    reading_free(r);
    scene_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_touch_finds_controls),
        cmocka_unit_test(test_swipes_walk_reading_order),
        cmocka_unit_test(test_scrolled_page),
        cmocka_unit_test(test_scroll_follows_focus),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
