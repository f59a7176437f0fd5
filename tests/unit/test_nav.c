/* Navigation state machine: attract ⇄ menu ⇄ page, back, home, tabs,
 * language, idle warning and timeout, slide advance, content rebinding. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "fixture_content.h"
#include "nav.h"

static nav_config cfg(void)
{
    nav_config c;
    nav_config_default(&c);
    return c;
}

static void test_start_opens_menu_or_slide_domain(void **st)
{
    (void)st;
    kcontent *c = fixture_content(NULL);
    nav_config k = cfg();
    nav_state s;
    nav_init(&s, c, 0);
    assert_int_equal(s.scene, NAV_ATTRACT);
    assert_int_equal(s.slide, 0);
    /* slide 0 leads nowhere: a touch opens the menu */
    int r = nav_apply(&s, c, &k, NAV_START, 0, 100);
    assert_true(r & NAV_MOVED);
    assert_int_equal(s.scene, NAV_MENU);
    /* back from the menu returns to the loop */
    nav_apply(&s, c, &k, NAV_BACK, 0, 200);
    assert_int_equal(s.scene, NAV_ATTRACT);
    /* slide 1 leads to domain 5: a touch there opens it */
    nav_apply(&s, c, &k, NAV_NEXT, 0, 300);
    assert_int_equal(s.slide, 1);
    nav_apply(&s, c, &k, NAV_START, 0, 400);
    assert_int_equal(s.scene, NAV_PAGE);
    assert_int_equal(s.domain, 5);
    assert_int_equal(s.page, 0);
    fixture_free(c);
}

static void test_menu_page_tabs_back_home(void **st)
{
    (void)st;
    kcontent *c = fixture_content(NULL);
    nav_config k = cfg();
    nav_state s;
    nav_init(&s, c, 0);
    nav_apply(&s, c, &k, NAV_START, 0, 10);
    assert_true(nav_apply(&s, c, &k, NAV_OPEN_DOMAIN, 5, 20) & NAV_MOVED);
    assert_int_equal(s.scene, NAV_PAGE);
    assert_int_equal(s.domain, 5);
    /* tabs, then back walks the tabs back, then to the menu */
    nav_apply(&s, c, &k, NAV_OPEN_PAGE, 2, 30);
    assert_int_equal(s.page, 2);
    nav_apply(&s, c, &k, NAV_PREV, 0, 40);
    assert_int_equal(s.page, 1);
    assert_int_equal(nav_apply(&s, c, &k, NAV_OPEN_PAGE, 7, 50), 0); /* no such tab */
    nav_apply(&s, c, &k, NAV_BACK, 0, 60);
    assert_int_equal(s.page, 2);
    nav_apply(&s, c, &k, NAV_BACK, 0, 70);
    assert_int_equal(s.page, 0);
    nav_apply(&s, c, &k, NAV_BACK, 0, 80);
    assert_int_equal(s.scene, NAV_MENU);
    /* home from a page goes to the menu at once */
    nav_apply(&s, c, &k, NAV_OPEN_DOMAIN, 1, 90);
    nav_apply(&s, c, &k, NAV_NEXT, 0, 95); /* one-page domain: nothing */
    assert_int_equal(s.page, 0);
    nav_apply(&s, c, &k, NAV_HOME, 0, 100);
    assert_int_equal(s.scene, NAV_MENU);
    /* a bad domain index changes nothing */
    assert_int_equal(nav_apply(&s, c, &k, NAV_OPEN_DOMAIN, 99, 110), 0);
    assert_int_equal(nav_apply(&s, c, &k, NAV_OPEN_DOMAIN, -1, 110), 0);
    assert_int_equal(s.scene, NAV_MENU);
    fixture_free(c);
}

static void test_idle_warning_and_timeout(void **st)
{
    (void)st;
    kcontent *c = fixture_content(NULL);
    nav_config k = cfg(); /* 60 s + 10 s */
    nav_state s;
    nav_init(&s, c, 0);
    nav_apply(&s, c, &k, NAV_START, 0, 1000);
    nav_apply(&s, c, &k, NAV_OPEN_DOMAIN, 2, 2000);
    nav_apply(&s, c, &k, NAV_LANG, LANG_EN, 3000);
    assert_int_equal(s.language, LANG_EN);
    assert_int_equal(nav_deadline(&s, c, &k, 3000), 63000u);
    assert_int_equal(nav_tick(&s, c, &k, 62999), 0);
    assert_int_equal(nav_countdown(&s, &k, 62999), -1);
    assert_true(nav_tick(&s, c, &k, 63000) & NAV_CHANGED);
    assert_true(s.warning);
    assert_int_equal(nav_countdown(&s, &k, 63000), 10);
    assert_int_equal(nav_countdown(&s, &k, 63001), 10);
    assert_int_equal(nav_countdown(&s, &k, 64000), 9);
    assert_int_equal(nav_deadline(&s, c, &k, 63500), 64000u);
    /* the first touch only dismisses the warning */
    int r = nav_apply(&s, c, &k, NAV_TOUCH, 0, 65000);
    assert_true(r & NAV_CONSUMED);
    assert_false(s.warning);
    assert_int_equal(s.scene, NAV_PAGE);
    /* untouched again: warning, then back to the loop in the default language */
    nav_tick(&s, c, &k, 125000);
    assert_true(s.warning);
    r = nav_tick(&s, c, &k, 135000);
    assert_true(r & NAV_MOVED);
    assert_int_equal(s.scene, NAV_ATTRACT);
    assert_int_equal(s.language, LANG_DE);
    assert_int_equal(s.slide, 0);
    assert_false(s.warning);
    /* the loop itself never times out */
    assert_int_equal(nav_countdown(&s, &k, 999999), -1);
    fixture_free(c);
}

static void test_slide_advance(void **st)
{
    (void)st;
    kcontent *c = fixture_content(NULL);
    c->slides[0].duration_ms = 5000;
    nav_config k = cfg();
    nav_state s;
    nav_init(&s, c, 1000);
    assert_int_equal(nav_deadline(&s, c, &k, 1000), 6000u);
    assert_int_equal(nav_tick(&s, c, &k, 5999), 0);
    assert_true(nav_tick(&s, c, &k, 6000) & NAV_CHANGED);
    assert_int_equal(s.slide, 1);
    assert_int_equal(s.prev_slide, 0);
    /* cross-fade in progress: due every frame, half way at half time */
    assert_int_equal(nav_deadline(&s, c, &k, 6100), 6100u);
    assert_int_equal(nav_transition(&s, &k, 6000 + k.transition_ms / 2), 500);
    nav_tick(&s, c, &k, 6000 + k.transition_ms);
    assert_int_equal(s.prev_slide, -1);
    assert_int_equal(nav_transition(&s, &k, 6000 + k.transition_ms), 1000);
    /* 8 s default duration for slide 1, then slide 2, then wrap to 0 */
    nav_tick(&s, c, &k, 14000);
    assert_int_equal(s.slide, 2);
    nav_tick(&s, c, &k, 14000 + k.transition_ms);
    nav_tick(&s, c, &k, 22000);
    assert_int_equal(s.slide, 0);
    /* swipes move through the slides both ways */
    nav_apply(&s, c, &k, NAV_PREV, 0, 22100);
    assert_int_equal(s.slide, 2);
    fixture_free(c);
}

/* A slide whose text the layout shows in parts stays a slide's time for
 * each part; the next slide starts unknown (its parts not yet laid out). */
static void test_slide_time_by_parts(void **st)
{
    (void)st;
    kcontent *c = fixture_content(NULL);
    c->slides[0].duration_ms = 5000;
    assert_int_equal(nav_slide_ms(&c->slides[0], 0), 5000u);
    assert_int_equal(nav_slide_ms(&c->slides[0], 1), 5000u);
    assert_int_equal(nav_slide_ms(&c->slides[0], 3), 15000u);
    assert_int_equal(nav_slide_ms(&c->slides[1], 2), 16000u); /* 8 s by default */
    nav_config k = cfg();
    nav_state s;
    nav_init(&s, c, 1000);
    s.slide_parts = 3;
    assert_int_equal(nav_deadline(&s, c, &k, 1000), 16000u);
    assert_int_equal(nav_tick(&s, c, &k, 6000), 0);
    assert_int_equal(nav_tick(&s, c, &k, 15999), 0);
    assert_true(nav_tick(&s, c, &k, 16000) & NAV_CHANGED);
    assert_int_equal(s.slide, 1);
    assert_int_equal(s.slide_parts, 0);
    fixture_free(c);
}

static void test_language(void **st)
{
    (void)st;
    kcontent *c = fixture_content(NULL);
    c->default_lang = LANG_EN;
    nav_config k = cfg();
    nav_state s;
    nav_init(&s, c, 0);
    assert_int_equal(s.language, LANG_EN);
    assert_true(nav_apply(&s, c, &k, NAV_LANG, LANG_LS, 10) & NAV_CHANGED);
    assert_int_equal(s.language, LANG_LS);
    assert_int_equal(nav_apply(&s, c, &k, NAV_LANG, LANG_LS, 20), 0);
    assert_int_equal(nav_apply(&s, c, &k, NAV_LANG, 17, 30), 0);
    assert_int_equal(s.language, LANG_LS);
    fixture_free(c);
}

static void test_rebind(void **st)
{
    (void)st;
    kcontent *a = fixture_content(NULL), *b = fixture_content(NULL);
    nav_config k = cfg();
    nav_state s;
    nav_init(&s, a, 0);
    nav_apply(&s, a, &k, NAV_START, 0, 1);
    nav_apply(&s, a, &k, NAV_OPEN_DOMAIN, 5, 2);
    nav_apply(&s, a, &k, NAV_OPEN_PAGE, 1, 3);
    /* the new generation lost domain 0: bewerbung moves to index 4 */
    memmove(&b->domains[0], &b->domains[1], 5 * sizeof b->domains[0]);
    b->n_domains = 5;
    nav_rebind(&s, a, b, 10);
    assert_int_equal(s.scene, NAV_PAGE);
    assert_int_equal(s.domain, 4);
    assert_int_equal(s.page, 1);
    assert_int_equal(s.n_hist, 0);
    /* the page went away: first page of the domain */
    b->domains[4].n_pages = 1;
    nav_rebind(&s, b, b, 20);
    assert_int_equal(s.page, 0);
    /* the domain went away: the menu */
    s.page = 0;
    kcontent *cc = fixture_content(NULL);
    cc->n_domains = 1;
    nav_rebind(&s, b, cc, 30);
    assert_int_equal(s.scene, NAV_MENU);
    fixture_free(a);
    fixture_free(b);
    fixture_free(cc);
}

/* Accessibility choices: toggles, "more time", speech mode with longer
 * timeouts, and all of it reset when the session ends. */
static void test_access_choices_and_session_end(void **st)
{
    (void)st;
    kcontent *c = fixture_content(NULL);
    nav_config k = cfg();
    nav_state s;
    nav_init(&s, c, 0);
    /* the attract loop has no toggles */
    assert_int_equal(nav_apply(&s, c, &k, NAV_CONTRAST, 0, 5), 0);
    assert_int_equal(s.contrast, 0);
    nav_apply(&s, c, &k, NAV_START, 0, 10);
    assert_int_equal(nav_apply(&s, c, &k, NAV_CONTRAST, 0, 20), NAV_CHANGED);
    assert_int_equal(nav_apply(&s, c, &k, NAV_LARGE, 0, 30), NAV_CHANGED);
    assert_int_equal(s.contrast, 1);
    assert_int_equal(s.large, 1);
    /* moving around keeps them */
    nav_apply(&s, c, &k, NAV_OPEN_DOMAIN, 5, 40);
    assert_int_equal(s.contrast, 1);
    assert_int_equal(s.large, 1);
    nav_apply(&s, c, &k, NAV_LARGE, 0, 50);
    assert_int_equal(s.large, 0);
    nav_apply(&s, c, &k, NAV_LARGE, 0, 60);

    /* the warning comes after idle_ms; "more time" is not swallowed by it
     * and doubles the next idle period */
    uint64_t t = 60;
    assert_int_equal(nav_idle_ms(&s, &k), k.idle_ms);
    nav_tick(&s, c, &k, t + k.idle_ms);
    assert_int_equal(s.warning, 1);
    t += k.idle_ms + 1000;
    assert_int_equal(nav_apply(&s, c, &k, NAV_MORE_TIME, 0, t), NAV_CHANGED);
    assert_int_equal(s.warning, 0);
    assert_int_equal(s.more, 1);
    assert_int_equal(nav_idle_ms(&s, &k), 2 * k.idle_ms);
    assert_int_equal(nav_tick(&s, c, &k, t + k.idle_ms), 0); /* no warning yet */
    assert_int_equal(nav_deadline(&s, c, &k, t + 1), t + 2 * k.idle_ms);
    nav_tick(&s, c, &k, t + 2 * k.idle_ms);
    assert_int_equal(s.warning, 1);
    /* capped at ten idle periods in all */
    for (int i = 0; i < 20; i++)
        nav_apply(&s, c, &k, NAV_MORE_TIME, 0, t);
    assert_int_equal(s.more, NAV_MORE_TIME_MAX);
    assert_int_equal(nav_idle_ms(&s, &k), (NAV_MORE_TIME_MAX + 1) * k.idle_ms);

    /* the session ends by timeout: every choice is gone */
    t += 1000;
    nav_apply(&s, c, &k, NAV_TOUCH, 0, t);
    uint64_t end = t + nav_idle_ms(&s, &k) + nav_warn_ms(&s, &k);
    nav_tick(&s, c, &k, end - 1);
    assert_int_equal(s.scene, NAV_PAGE);
    assert_true(nav_tick(&s, c, &k, end) & NAV_MOVED);
    assert_int_equal(s.scene, NAV_ATTRACT);
    assert_int_equal(s.contrast, 0);
    assert_int_equal(s.large, 0);
    assert_int_equal(s.more, 0);
    assert_int_equal(nav_idle_ms(&s, &k), k.idle_ms);
    fixture_free(c);
}

static void test_speech_mode(void **st)
{
    (void)st;
    kcontent *c = fixture_content(NULL);
    nav_config k = cfg();
    nav_state s;
    nav_init(&s, c, 0);
    /* on the attract loop the gesture starts a session in speech mode */
    int r = nav_apply(&s, c, &k, NAV_SPEECH, 1, 100);
    assert_true(r & NAV_MOVED);
    assert_int_equal(s.scene, NAV_MENU);
    assert_int_equal(s.speech, 1);
    /* listening takes longer: the timeouts stretch */
    assert_int_equal(nav_idle_ms(&s, &k), NAV_SPEECH_IDLE_FACTOR * k.idle_ms);
    assert_int_equal(nav_warn_ms(&s, &k), NAV_SPEECH_WARN_FACTOR * k.warn_ms);
    assert_int_equal(nav_tick(&s, c, &k, 100 + k.idle_ms), 0);
    assert_int_equal(s.warning, 0);
    nav_tick(&s, c, &k, 100 + NAV_SPEECH_IDLE_FACTOR * k.idle_ms);
    assert_int_equal(s.warning, 1);
    assert_int_equal(nav_countdown(&s, &k, 100 + NAV_SPEECH_IDLE_FACTOR * k.idle_ms),
                     (int)(NAV_SPEECH_WARN_FACTOR * k.warn_ms / 1000));
    /* asking again while it is on changes nothing but the warning */
    uint64_t t = 100 + NAV_SPEECH_IDLE_FACTOR * k.idle_ms + 10;
    assert_int_equal(nav_apply(&s, c, &k, NAV_SPEECH, 1, t), NAV_CHANGED);
    assert_int_equal(s.warning, 0);
    assert_int_equal(nav_apply(&s, c, &k, NAV_SPEECH, 1, t + 1), 0);
    /* off by request */
    assert_int_equal(nav_apply(&s, c, &k, NAV_SPEECH, 0, t + 2), NAV_CHANGED);
    assert_int_equal(s.speech, 0);
    /* on again, then the session ends by going back to the loop */
    nav_apply(&s, c, &k, NAV_SPEECH, 1, t + 3);
    assert_int_equal(s.scene, NAV_MENU);
    nav_apply(&s, c, &k, NAV_BACK, 0, t + 4);
    assert_int_equal(s.scene, NAV_ATTRACT);
    assert_int_equal(s.speech, 0);
    fixture_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_start_opens_menu_or_slide_domain),
        cmocka_unit_test(test_menu_page_tabs_back_home),
        cmocka_unit_test(test_idle_warning_and_timeout),
        cmocka_unit_test(test_slide_advance),
        cmocka_unit_test(test_slide_time_by_parts),
        cmocka_unit_test(test_language),
        cmocka_unit_test(test_rebind),
        cmocka_unit_test(test_access_choices_and_session_end),
        cmocka_unit_test(test_speech_mode),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
