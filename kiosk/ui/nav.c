#include "nav.h"

#include <string.h>

void nav_config_default(nav_config *cfg)
{
    cfg->idle_ms = NAV_DEFAULT_IDLE_MS;
    cfg->warn_ms = NAV_DEFAULT_WARN_MS;
    cfg->transition_ms = NAV_DEFAULT_TRANSITION_MS;
}

const char *nav_scene_name(nav_scene sc)
{
    switch (sc) {
    case NAV_ATTRACT:
        return "attract";
    case NAV_MENU:
        return "menu";
    case NAV_PAGE:
        return "page";
    }
    return "?";
}

static void to_attract(nav_state *s, const kcontent *c, uint64_t now)
{
    s->scene = NAV_ATTRACT;
    s->domain = -1;
    s->page = -1;
    s->slide = c && c->n_slides ? 0 : -1;
    s->prev_slide = -1;
    s->slide_since = now;
    s->warning = 0;
    /* the session is over: the next visitor starts with the defaults */
    s->contrast = 0;
    s->large = 0;
    s->speech = 0;
    s->more = 0;
    s->sheet = NAV_SHEET_NONE;
}

uint64_t nav_idle_ms(const nav_state *s, const nav_config *cfg)
{
    uint64_t ms = cfg->idle_ms * (uint64_t)(1 + s->more);
    return s->speech ? ms * NAV_SPEECH_IDLE_FACTOR : ms;
}

uint64_t nav_warn_ms(const nav_state *s, const nav_config *cfg)
{
    return s->speech ? cfg->warn_ms * NAV_SPEECH_WARN_FACTOR : cfg->warn_ms;
}

void nav_init(nav_state *s, const kcontent *c, uint64_t now)
{
    memset(s, 0, sizeof *s);
    s->language = c ? c->default_lang : LANG_DE;
    s->last_input = now;
    to_attract(s, c, now);
}

static int open_domain(nav_state *s, const kcontent *c, int d)
{
    if (d < 0 || (size_t)d >= c->n_domains || c->domains[d].n_pages == 0)
        return 0;
    s->scene = NAV_PAGE;
    s->domain = d;
    s->page = 0;
    s->n_hist = 0;
    return NAV_CHANGED | NAV_MOVED;
}

/* Switch tabs, remembering where the visitor came from. */
static int goto_page(nav_state *s, int p)
{
    if (s->n_hist == NAV_HISTORY) {
        memmove(s->hist, s->hist + 1, sizeof s->hist - sizeof s->hist[0]);
        s->n_hist--;
    }
    s->hist[s->n_hist++] = s->page;
    s->page = p;
    return NAV_CHANGED | NAV_MOVED;
}

static int show_slide(nav_state *s, const kcontent *c, int next, uint64_t now)
{
    if (!c->n_slides || next == s->slide)
        return 0;
    s->prev_slide = s->slide;
    s->slide = next;
    s->slide_since = now;
    s->slide_parts = 0; /* until the layout says */
    return NAV_CHANGED;
}

/* "More time" and speech mode are deliberate choices that the idle
 * warning must not swallow. */
static int more_time(nav_state *s)
{
    if (s->scene == NAV_ATTRACT)
        return 0;
    if (s->more < NAV_MORE_TIME_MAX)
        s->more++;
    s->warning = 0;
    return NAV_CHANGED;
}

static int set_speech(nav_state *s, int on)
{
    int was_warning = s->warning;
    s->warning = 0;
    if (on && s->scene == NAV_ATTRACT) {
        s->scene = NAV_MENU; /* to_attract() ends speech mode: start a session */
        s->speech = 1;
        return NAV_CHANGED | NAV_MOVED;
    }
    if (s->speech == on && !was_warning)
        return 0;
    s->speech = on;
    return NAV_CHANGED;
}

static int start(nav_state *s, const kcontent *c)
{
    if (s->scene != NAV_ATTRACT)
        return 0;
    if (s->slide >= 0 && c->slides[s->slide].domain >= 0 &&
        open_domain(s, c, c->slides[s->slide].domain))
        return NAV_CHANGED | NAV_MOVED;
    s->scene = NAV_MENU;
    return NAV_CHANGED | NAV_MOVED;
}

/* A swipe: the next or previous slide, or tab. */
static int step(nav_state *s, const kcontent *c, int dir, uint64_t now)
{
    int n = (int)c->n_slides;
    if (s->scene == NAV_ATTRACT && n > 0)
        return show_slide(s, c, ((s->slide < 0 ? 0 : s->slide) + dir + n) % n, now);
    if (s->scene == NAV_PAGE) {
        int p = s->page + dir;
        if (p < 0 || (size_t)p >= c->domains[s->domain].n_pages)
            return 0;
        return goto_page(s, p);
    }
    return 0;
}

static int back(nav_state *s, const kcontent *c, uint64_t now)
{
    if (s->scene == NAV_PAGE) {
        if (s->n_hist > 0)
            s->page = s->hist[--s->n_hist];
        else
            s->scene = NAV_MENU;
        return NAV_CHANGED | NAV_MOVED;
    }
    if (s->scene == NAV_MENU) {
        to_attract(s, c, now);
        return NAV_CHANGED | NAV_MOVED;
    }
    return 0;
}

static int toggle(nav_state *s, nav_action a)
{
    if (s->scene == NAV_ATTRACT)
        return 0;
    if (a == NAV_CONTRAST)
        s->contrast = !s->contrast;
    else
        s->large = !s->large;
    return NAV_CHANGED;
}

static int apply(nav_state *s, const kcontent *c, nav_action a, int arg, uint64_t now);

static int sheet(nav_state *s, int which)
{
    if (s->scene == NAV_ATTRACT || which < NAV_SHEET_NONE || which > NAV_SHEET_LANG)
        return 0;
    s->sheet = s->sheet == which ? NAV_SHEET_NONE : which;
    return NAV_CHANGED;
}

int nav_apply(nav_state *s, const kcontent *c, const nav_config *cfg, nav_action a, int arg,
              uint64_t now)
{
    (void)cfg;
    int r = apply(s, c, a, arg, now);
    /* a sheet belongs to the place it was opened on; a language chosen in
     * the chooser closes it */
    if ((r & NAV_MOVED) || (a == NAV_LANG && s->sheet == NAV_SHEET_LANG && (r & NAV_CHANGED)))
        s->sheet = NAV_SHEET_NONE;
    return r;
}

static int apply(nav_state *s, const kcontent *c, nav_action a, int arg, uint64_t now)
{
    s->last_input = now;
    if (a == NAV_MORE_TIME)
        return more_time(s);
    if (a == NAV_SPEECH)
        return set_speech(s, arg != 0);
    if (s->warning) {
        /* The first touch after the warning appeared only says "I am still
         * here"; acting on it would surprise the visitor. */
        s->warning = 0;
        return NAV_CHANGED | NAV_CONSUMED;
    }
    switch (a) {
    case NAV_START:
        return start(s, c);
    case NAV_OPEN_DOMAIN:
        if (s->scene == NAV_PAGE && s->domain == arg)
            return 0;
        return open_domain(s, c, arg);
    case NAV_OPEN_PAGE:
        if (s->scene != NAV_PAGE || arg < 0 || (size_t)arg >= c->domains[s->domain].n_pages ||
            arg == s->page)
            return 0;
        return goto_page(s, arg);
    case NAV_NEXT:
    case NAV_PREV:
        return step(s, c, a == NAV_NEXT ? 1 : -1, now);
    case NAV_BACK:
        return back(s, c, now);
    case NAV_HOME:
        if (s->scene == NAV_MENU)
            return 0;
        s->scene = NAV_MENU;
        return NAV_CHANGED | NAV_MOVED;
    case NAV_LANG:
        if (arg < 0 || arg >= (int)content_n_langs(c) || (lang)arg == s->language)
            return 0;
        s->language = (lang)arg;
        return NAV_CHANGED;
    case NAV_CONTRAST:
    case NAV_LARGE:
        return toggle(s, a);
    case NAV_SHEET:
        return sheet(s, arg);
    case NAV_TOUCH:
    case NAV_MORE_TIME: /* handled above */
    case NAV_SPEECH:
        return 0;
    }
    return 0;
}

uint64_t nav_slide_ms(const kslide *sl, int parts)
{
    uint64_t d = sl->duration_ms ? sl->duration_ms : 8000;
    return d * (uint64_t)(parts > 1 ? parts : 1);
}

static uint64_t slide_end(const nav_state *s, const kcontent *c)
{
    return s->slide_since + nav_slide_ms(&c->slides[s->slide], s->slide_parts);
}

int nav_tick(nav_state *s, const kcontent *c, const nav_config *cfg, uint64_t now)
{
    int r = 0;
    if (s->scene == NAV_ATTRACT) {
        if (s->prev_slide >= 0 && now >= s->slide_since + cfg->transition_ms) {
            s->prev_slide = -1; /* the fade is over */
            r |= NAV_CHANGED;
        }
        if (s->slide >= 0 && c->n_slides > 1 && now >= slide_end(s, c))
            r |= show_slide(s, c, (s->slide + 1) % (int)c->n_slides, now);
        return r;
    }
    uint64_t idle = nav_idle_ms(s, cfg), warn = nav_warn_ms(s, cfg);
    if (now >= s->last_input + idle + warn) {
        to_attract(s, c, now);
        s->language = c->default_lang;
        return NAV_CHANGED | NAV_MOVED;
    }
    if (!s->warning && now >= s->last_input + idle) {
        s->warning = 1;
        return NAV_CHANGED;
    }
    return 0;
}

uint64_t nav_deadline(const nav_state *s, const kcontent *c, const nav_config *cfg, uint64_t now)
{
    if (s->scene == NAV_ATTRACT) {
        if (s->prev_slide >= 0)
            return now; /* fading: every frame */
        if (s->slide >= 0 && c->n_slides > 1)
            return slide_end(s, c);
        return UINT64_MAX;
    }
    uint64_t warn_at = s->last_input + nav_idle_ms(s, cfg);
    if (!s->warning)
        return warn_at;
    /* next whole second of the countdown, so the number changes on time */
    uint64_t end = warn_at + nav_warn_ms(s, cfg);
    if (now >= end)
        return end;
    uint64_t left = end - now;
    uint64_t next = now + (left % 1000 ? left % 1000 : 1000);
    return next < end ? next : end;
}

int nav_countdown(const nav_state *s, const nav_config *cfg, uint64_t now)
{
    if (!s->warning || s->scene == NAV_ATTRACT)
        return -1;
    uint64_t end = s->last_input + nav_idle_ms(s, cfg) + nav_warn_ms(s, cfg);
    if (now >= end)
        return 0;
    return (int)((end - now + 999) / 1000);
}

int nav_transition(const nav_state *s, const nav_config *cfg, uint64_t now)
{
    if (s->prev_slide < 0 || !cfg->transition_ms || now >= s->slide_since + cfg->transition_ms)
        return 1000;
    if (now < s->slide_since)
        return 0;
    return (int)((now - s->slide_since) * 1000 / cfg->transition_ms);
}

int nav_fading(const nav_state *s, const nav_config *cfg, uint64_t now)
{
    return s->scene == NAV_ATTRACT && nav_transition(s, cfg, now) < 1000;
}

static int page_index(const kdomain *d, const char *id)
{
    for (size_t i = 0; i < d->n_pages; i++)
        if (d->pages[i].id && id && strcmp(d->pages[i].id, id) == 0)
            return (int)i;
    return -1;
}

static int domain_index(const kcontent *c, const char *id)
{
    for (size_t i = 0; i < c->n_domains; i++)
        if (c->domains[i].id && id && strcmp(c->domains[i].id, id) == 0)
            return (int)i;
    return -1;
}

void nav_rebind(nav_state *s, const kcontent *old_c, const kcontent *new_c, uint64_t now)
{
    /* the language by its code: the new content may order them otherwise */
    int lg = content_lang_index(new_c, content_lang_code(old_c, s->language));
    s->language = lg >= 0 ? (lang)lg : new_c->default_lang;
    if (s->scene == NAV_PAGE) {
        const kdomain *od = &old_c->domains[s->domain];
        const char *page_id = od->pages[s->page].id;
        int d = domain_index(new_c, od->id);
        if (d < 0 || new_c->domains[d].n_pages == 0) {
            s->scene = NAV_MENU;
        } else {
            int p = page_index(&new_c->domains[d], page_id);
            s->domain = d;
            s->page = p >= 0 ? p : 0;
            s->n_hist = 0; /* page indices of the old generation mean nothing now */
        }
    }
    if (s->scene == NAV_ATTRACT) {
        int keep = -1;
        if (s->slide >= 0 && old_c && (size_t)s->slide < old_c->n_slides)
            for (size_t i = 0; i < new_c->n_slides; i++)
                if (strcmp(new_c->slides[i].id, old_c->slides[s->slide].id) == 0)
                    keep = (int)i;
        s->slide = keep >= 0 ? keep : (new_c->n_slides ? 0 : -1);
        s->prev_slide = -1;
        if (keep < 0)
            s->slide_since = now;
    }
}
