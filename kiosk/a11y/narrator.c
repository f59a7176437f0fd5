/* narrator.c — speech mode in the running kiosk. See narrator.h. */
#include "narrator.h"

#include <stdlib.h>

#include "explore.h"
#include "kstrings.h"
#include "reading.h"

struct narrator {
    narrator_options o;
    reading *r;        /* of the last scene */
    lang l;            /* its language */
    const kcontent *c; /* its content: the UI's words in l */
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
    n->c = c;
    if (n->ex.focus >= (int)r->n_items)
        explore_reset(&n->ex);
    if (how != NARRATOR_QUIET) {
        explore_reset(&n->ex);
        say(n, n->l, r->announce, how == NARRATOR_ANNOUNCE);
    }
}

void narrator_session(narrator *n, const kcontent *c)
{
    if (!n->o.hint)
        return;
    /* in German and in the second language, as the attract loop shows it */
    lang second = content_second_lang(c);
    say(n, LANG_DE, kstrings_get(c, LANG_DE, STR_SPEECH_HOWTO), 1);
    if (second != LANG_DE)
        say(n, second, kstrings_get(c, second, STR_SPEECH_HOWTO), 0);
}

void narrator_speech(narrator *n, const kcontent *c, lang l, int on)
{
    explore_reset(&n->ex);
    say(n, l, kstrings_get(c, l, on ? STR_SPEECH_HELP : STR_SPEECH_IS_OFF), 1);
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
    else
        say(n, n->l, kstrings_get(n->c, n->l, dir > 0 ? STR_END_OF_PAGE : STR_TOP_OF_PAGE), 1);
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
