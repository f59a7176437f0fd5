/* nav.h — the navigation state machine: attract loop ⇄ domain menu ⇄ domain
 * pages, language, idle warning and timeout, slide advance.
 *
 * Pure core: no SDL, no clock reads. Every function takes the current time
 * in milliseconds (any monotonic origin) and the content generation it
 * navigates, so tests drive it with a fake clock and the UI with a real or a
 * virtual one. The state holds indices into the content, never pointers;
 * nav_rebind() maps them onto a new content generation. */
#ifndef KIOSK_NAV_H
#define KIOSK_NAV_H

#include <stdint.h>

#include "content.h"

typedef enum { NAV_ATTRACT, NAV_MENU, NAV_PAGE } nav_scene;

/* What a visitor did, already resolved to an intention (a tapped button, a
 * swipe). arg is a domain, page, slide or language index where it applies. */
typedef enum {
    NAV_TOUCH,        /* any finger down: resets the idle timer */
    NAV_START,        /* tap on the attract loop */
    NAV_OPEN_DOMAIN,  /* arg = domain index */
    NAV_OPEN_PAGE,    /* arg = page index in the current domain (a tab) */
    NAV_NEXT,         /* swipe: next slide / next tab */
    NAV_PREV,         /* swipe: previous slide / previous tab */
    NAV_BACK,         /* previous tab → menu → attract */
    NAV_HOME,         /* → menu */
    NAV_LANG,         /* arg = lang */
    NAV_MORE_TIME,    /* the idle warning's "more time" button */
    NAV_CONTRAST,     /* toggle high contrast for this session */
    NAV_LARGE,        /* toggle large text (200 %) for this session */
    NAV_SPEECH,       /* arg 1: speech mode on (from the attract loop it also
                       * opens the menu), 0: off */
    NAV_SHEET         /* arg = NAV_SHEET_*: open that sheet, or close it when
                       * it is open; NAV_SHEET_NONE closes any */
} nav_action;

/* The small sheets the navigation bar opens over menu and pages. */
enum { NAV_SHEET_NONE = 0, NAV_SHEET_A11Y = 1, NAV_SHEET_LANG = 2 };

/* Result bits of nav_apply() and nav_tick(). */
enum {
    NAV_CHANGED = 1,  /* something visible changed: rebuild the scene */
    NAV_CONSUMED = 2, /* the touch only dismissed the idle warning */
    NAV_MOVED = 4     /* scene, domain or page changed: a scene boundary */
};

typedef struct nav_config {
    uint64_t idle_ms;       /* no input for this long → warning (default 60 s) */
    uint64_t warn_ms;       /* length of the visible countdown (default 10 s) */
    uint64_t transition_ms; /* slide cross-fade */
} nav_config;

#define NAV_DEFAULT_IDLE_MS 60000u
#define NAV_DEFAULT_WARN_MS 10000u
#define NAV_DEFAULT_TRANSITION_MS 700u

#define NAV_HISTORY 16
/* Speech mode: listening takes longer than reading. */
#define NAV_SPEECH_IDLE_FACTOR 3
#define NAV_SPEECH_WARN_FACTOR 2
/* "More time" adds one idle period each time, up to ten in all (WCAG 2.2.1
 * asks that a time limit can be extended at least ten times). */
#define NAV_MORE_TIME_MAX 9

typedef struct nav_state {
    nav_scene scene;
    int domain;          /* NAV_PAGE: index into content->domains */
    int page;            /* NAV_PAGE: index into that domain's pages */
    lang language;
    int slide;           /* NAV_ATTRACT: current slide, -1 when there is none */
    int prev_slide;      /* the slide fading out, -1 when none */
    uint64_t slide_since;
    int slide_parts;     /* the parts the layout shows the current slide's text
                          * in (scene.slide_parts; 0 until it has) */
    uint64_t last_input;
    int warning;         /* 1 while the idle countdown shows */
    int hist[NAV_HISTORY]; /* pages (tabs) visited before, for NAV_BACK */
    int n_hist;
    /* The visitor's accessibility choices. They belong to one session and
     * reset whenever the attract loop returns. */
    int contrast;        /* high contrast theme */
    int large;           /* text at 200 % */
    int speech;          /* speech mode: explore by touch, timeouts longer */
    int more;            /* how often "more time" was asked (capped) */
    int sheet;           /* the open sheet, NAV_SHEET_*; closes on every move */
} nav_state;

/* How long slide sl shows when its text is shown in parts (1: whole):
 * its duration for each part, so that each is as readable as a slide. */
uint64_t nav_slide_ms(const kslide *sl, int parts);

void nav_config_default(nav_config *cfg);
void nav_init(nav_state *s, const kcontent *c, uint64_t now);
/* Apply a visitor's action. Returns NAV_* bits. */
int nav_apply(nav_state *s, const kcontent *c, const nav_config *cfg, nav_action a, int arg,
              uint64_t now);
/* Let time pass: slide advance, idle warning, idle timeout. Returns NAV_* bits. */
int nav_tick(nav_state *s, const kcontent *c, const nav_config *cfg, uint64_t now);
/* Absolute time of the next timer event (slide change, warning, countdown
 * second, timeout), or UINT64_MAX when none is pending. */
uint64_t nav_deadline(const nav_state *s, const kcontent *c, const nav_config *cfg, uint64_t now);
/* The idle time and the warning's length that apply to this session:
 * cfg's, stretched by speech mode and by "more time". */
uint64_t nav_idle_ms(const nav_state *s, const nav_config *cfg);
uint64_t nav_warn_ms(const nav_state *s, const nav_config *cfg);
/* Seconds left on the idle countdown (rounded up), or -1 when none shows. */
int nav_countdown(const nav_state *s, const nav_config *cfg, uint64_t now);
/* Cross-fade progress 0..1000 of the current slide, 1000 when settled. */
int nav_transition(const nav_state *s, const nav_config *cfg, uint64_t now);
/* 1 while the attract loop cross-fades from one slide to the next. */
int nav_fading(const nav_state *s, const nav_config *cfg, uint64_t now);
/* Map the state from content generation old_c onto new_c: keeps the domain
 * and page when their ids still exist, otherwise falls back to the menu or
 * the attract loop; keeps the language by its code (gone: new_c's default
 * language). */
void nav_rebind(nav_state *s, const kcontent *old_c, const kcontent *new_c, uint64_t now);
const char *nav_scene_name(nav_scene sc);

#endif
