/* kstrings.h — the UI's own words, one table for every language.
 *
 * Everything the kiosk writes or says that does not come from the content —
 * button labels, the idle warning, the speech hints, the announcements —
 * is one entry here, with its text in each language (content.h: lang).
 * The screen (the layout) and the speech (reading, narrator) look up the
 * same entry, so a label is written once. Adding a language is adding a
 * column to every entry.
 *
 * Some entries are printf formats (the announcements: "Seite %s", counts
 * with their plural forms as separate entries); each entry declares the
 * conversions it takes, and every language's text must take exactly those
 * (tests/unit/test_kstrings.c checks it). Pure core. */
#ifndef KIOSK_KSTRINGS_H
#define KIOSK_KSTRINGS_H

#include <stddef.h>
#include <stdint.h>

#include "content.h"

struct arena;

typedef enum {
    /* controls, on screen and spoken */
    STR_BACK,
    STR_HOME,
    STR_LANG_NAME,     /* the language's name in itself: "Deutsch", "English" */
    STR_LANG_SHORT,    /* the same, short: "DE", "EN" */
    STR_CONTRAST,      /* the high-contrast toggle's label */
    STR_HIGH_CONTRAST, /* ... and what it is called when read aloud */
    STR_LARGE_TEXT,
    STR_ON,            /* a toggle's state, read aloud after its name */
    STR_OFF,
    STR_MORE_TIME,
    STR_READ_ALOUD,
    STR_SPEECH_OFF,
    STR_NEXT,
    STR_PREVIOUS,
    /* the screen's texts */
    STR_A11Y,           /* the bar's accessibility button */
    STR_LANGUAGE,       /* the bar's language button when the languages do not fit */
    STR_CLOSE,          /* a sheet's close button */
    STR_SPEECH_MARK,    /* on the control bar while speech mode is on */
    STR_SPEECH_GESTURE, /* the attract loop: how speech mode starts */
    STR_STILL_THERE,    /* the idle warning */
    STR_RETURNING,
    STR_TOUCH_TO_STAY,
    STR_SCAN_QR,        /* under a link's QR code */
    STR_NOTICE,         /* the emergency notice's heading */
    STR_DIAG_HEAD,      /* the preview's content errors: count, then which version shows */
    STR_DIAG_NO_GOOD,
    STR_DIAG_LAST_GOOD,
    STR_AS_OF,          /* a slide's and a page's date: month name, year */
    STR_JANUARY,        /* the months, STR_JANUARY + 0 .. 11 */
    STR_FEBRUARY,
    STR_MARCH,
    STR_APRIL,
    STR_MAY,
    STR_JUNE,
    STR_JULY,
    STR_AUGUST,
    STR_SEPTEMBER,
    STR_OCTOBER,
    STR_NOVEMBER,
    STR_DECEMBER,
    /* announcements: where the visitor is */
    STR_SECONDS_LEFT_1, /* the idle warning, 1 second */
    STR_SECONDS_LEFT_N,
    STR_TOPICS_1,       /* the menu, 1 topic */
    STR_TOPICS_N,
    STR_PAGE,           /* a page: its domain and tab */
    STR_SECTIONS_1,     /* ... and its sections, appended */
    STR_SECTIONS_N,
    /* the narrator */
    STR_SPEECH_HOWTO,   /* at a session's start: how speech mode starts */
    STR_SPEECH_HELP,    /* speech mode on: how it works */
    STR_SPEECH_IS_OFF,
    STR_END_OF_PAGE,
    STR_TOP_OF_PAGE,
    STR_COUNT
} str_id;

/* The text of id in lg; never NULL ("" for an id or language out of range). */
const char *kstrings_get(lang lg, str_id id);
/* The conversions id's text takes, in order, without the '%': "" for plain
 * text, "d", "zu", "s", "zu s". */
const char *kstrings_args(str_id id);
/* id's text in lg, formatted with the arguments its conversions take, in
 * arena a; NULL when out of memory. */
char *kstrings_printf(struct arena *a, lang lg, str_id id, ...);
/* The time range starts..ends (unix seconds) in local time, as a notice
 * shows it: "25.11.2026 08:00 – 18:00" within one day, else "... –
 * 26.11.2026 12:00"; "" when the times cannot be shown. */
void kstrings_when(int64_t starts, int64_t ends, char *buf, size_t size);

#endif
