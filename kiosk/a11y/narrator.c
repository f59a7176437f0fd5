/* narrator.c — speech mode in the running kiosk. See narrator.h. */
#include "narrator.h"

#include <stdlib.h>

#include "explore.h"
#include "reading.h"

struct narrator {
    narrator_options o;
    reading *r;        /* of the last scene */
    lang l;            /* its language */
    explore ex;
};

narrator *narrator_new(const narrator_options *o)
{
    narrator *n = calloc(1, sizeof *n);
    if (!n)
        return NULL;
    n->o = *o;
    explore_reset(&n->ex);
    return n;
}

void narrator_free(narrator *n)
{
    if (!n)
        return;
    reading_free(n->r);
    free(n);
}

static void say(narrator *n, lang l, const char *text, int interrupt)
{
    if (text && *text && n->o.sink.say)
        n->o.sink.say(n->o.sink.ctx, l, text, interrupt);
}

static void silence(narrator *n)
{
    if (n->o.sink.stop)
        n->o.sink.stop(n->o.sink.ctx);
}

void narrator_scene(narrator *n, const scene *sc, const kcontent *c, const nav_state *s, int how)
{
    reading *r = reading_build(sc, c, s);
    if (!r) /* out of memory: this scene is not read, the last one stays */
        return;
    reading_free(n->r);
    n->r = r;
    n->l = s->language;
    if (n->ex.focus >= (int)r->n_items)
        explore_reset(&n->ex);
    if (how != NARRATOR_QUIET) {
        explore_reset(&n->ex);
        say(n, n->l, r->announce, how == NARRATOR_ANNOUNCE);
    }
}

void narrator_session(narrator *n)
{
    if (!n->o.hint)
        return;
    say(n, LANG_DE, "Zum Vorlesen zwei Finger zwei Sekunden lang still auf den Bildschirm halten.", 1);
    say(n, LANG_EN, "To hear the screen read aloud, hold two fingers still on it for two seconds.", 0);
}

void narrator_speech(narrator *n, lang l, int on)
{
    static const char *const on_text[LANG_COUNT] = {
        [LANG_DE] = "Vorlesen ist an. Tippen Sie auf den Bildschirm, dann hören Sie, was dort "
                    "steht. Zweimal schnell tippen öffnet es. Nach rechts oder links wischen: "
                    "das nächste oder das vorige Element.",
        [LANG_EN] = "Speech is on. Touch the screen to hear what is there. Tap twice quickly to "
                    "open it. Swipe right or left for the next or the previous item.",
        [LANG_LS] = "Vorlesen ist an. Tippen Sie auf den Bildschirm. Dann hören Sie, was dort "
                    "steht. Zweimal schnell tippen: Das öffnet es. Nach rechts wischen: weiter. "
                    "Nach links wischen: zurück.",
    };
    static const char *const off_text[LANG_COUNT] = {
        [LANG_DE] = "Vorlesen ist aus.",
        [LANG_EN] = "Speech is off.",
        [LANG_LS] = "Vorlesen ist aus.",
    };
    explore_reset(&n->ex);
    say(n, l, on ? on_text[l] : off_text[l], 1);
}

static void say_focus(narrator *n, int interrupt)
{
    if (n->r && n->ex.focus >= 0 && (size_t)n->ex.focus < n->r->n_items)
        say(n, n->l, n->r->items[n->ex.focus].text, interrupt);
}

void narrator_touch(narrator *n, const scene *sc, int x, int y, int scroll)
{
    if (!n->r)
        return;
    if (explore_at(&n->ex, n->r, sc, x, y, scroll) >= 0)
        say_focus(n, 1);
    else
        silence(n); /* nothing there: a touch still silences */
}

void narrator_step(narrator *n, int dir)
{
    if (!n->r)
        return;
    if (explore_step(&n->ex, n->r, dir) >= 0)
        say_focus(n, 1);
    else {
        static const char *const end[LANG_COUNT] = {
            [LANG_DE] = "Ende der Seite.", [LANG_EN] = "End of the page.", [LANG_LS] = "Ende.",
        };
        static const char *const start[LANG_COUNT] = {
            [LANG_DE] = "Anfang der Seite.", [LANG_EN] = "Top of the page.", [LANG_LS] = "Anfang.",
        };
        say(n, n->l, dir > 0 ? end[n->l] : start[n->l], 1);
    }
}

int narrator_follow(const narrator *n, const scene *sc, int scroll)
{
    int top, bottom;
    if (!explore_scroll_span(&n->ex, n->r, sc, &top, &bottom))
        return scroll;
    return explore_scroll_to(sc, scroll, top, bottom);
}

void narrator_repeat(narrator *n)
{
    say_focus(n, 1);
}

int narrator_target(const narrator *n)
{
    return explore_target(&n->ex, n->r);
}

void narrator_warning(narrator *n, const nav_state *s)
{
    if (n->o.warning_sound && n->o.sink.chime)
        n->o.sink.chime(n->o.sink.ctx);
    if (s->speech && n->r)
        say(n, n->l, n->r->announce, 0); /* behind the chime */
}

void narrator_stop(narrator *n)
{
    explore_reset(&n->ex);
    silence(n);
}
