/* uistrings.h — the UI's own words as data: which there are, and the
 * tables that hold them.
 *
 * KSTRINGS is the one list of the kiosk's own words: each entry's name (the
 * key of a table, lower-cased: "back", "seconds_left_n") and the printf
 * conversions its text takes ("" plain, "d", "zu", "s", "zu s"). The texts
 * are data, one table per language (content/README.md "UI strings"):
 * assets/strings/<code>.yaml, installed beside the fonts, or the content's
 * own strings/<code>.yaml, which wins. A table is read into the content's
 * arena and hung on its klang (content.h: klang.strings); kstrings.h looks
 * texts up. Pure core. */
#ifndef KIOSK_UISTRINGS_H
#define KIOSK_UISTRINGS_H

#include <stddef.h>

#include "content.h"
#include "diag.h"

#define KSTRINGS(X) \
    /* controls, on screen and spoken */ \
    X(BACK, "") \
    X(HOME, "") \
    X(LANG_NAME, "") /* the language's name in itself: "Deutsch", "English" */ \
    X(LANG_SHORT, "") /* the same, short: "DE", "EN" */ \
    X(CONTRAST, "") /* the high-contrast toggle's label */ \
    X(HIGH_CONTRAST, "") /* ... and what it is called when read aloud */ \
    X(LARGE_TEXT, "") \
    X(ON, "") /* a toggle's state, read aloud after its name */ \
    X(OFF, "") \
    X(MORE_TIME, "") \
    X(READ_ALOUD, "") \
    X(SPEECH_OFF, "") \
    X(NEXT, "") \
    X(PREVIOUS, "") \
    /* the screen's texts */ \
    X(A11Y, "") /* the bar's accessibility button */ \
    X(LANGUAGE, "") /* the bar's language button when the languages do not fit */ \
    X(CLOSE, "") /* a sheet's close button */ \
    X(SPEECH_MARK, "") /* on the control bar while speech mode is on */ \
    X(SPEECH_GESTURE, "") /* the attract loop: how speech mode starts */ \
    X(STILL_THERE, "") /* the idle warning */ \
    X(RETURNING, "") \
    X(TOUCH_TO_STAY, "") \
    X(SCAN_QR, "") /* under a link's QR code */ \
    X(NOTICE, "") /* the emergency notice's heading */ \
    X(DIAG_HEAD, "zu s") /* the preview's content errors: count, then which version shows */ \
    X(DIAG_NO_GOOD, "") \
    X(DIAG_LAST_GOOD, "") \
    X(AS_OF, "s d") /* a slide's and a page's date: month name, year */ \
    X(JANUARY, "") /* the months, STR_JANUARY + 0 .. 11 */ \
    X(FEBRUARY, "") \
    X(MARCH, "") \
    X(APRIL, "") \
    X(MAY, "") \
    X(JUNE, "") \
    X(JULY, "") \
    X(AUGUST, "") \
    X(SEPTEMBER, "") \
    X(OCTOBER, "") \
    X(NOVEMBER, "") \
    X(DECEMBER, "") \
    /* announcements: where the visitor is */ \
    X(SECONDS_LEFT_1, "d") /* the idle warning, 1 second */ \
    X(SECONDS_LEFT_N, "d") \
    X(TOPICS_1, "zu") /* the menu, 1 topic */ \
    X(TOPICS_N, "zu") \
    X(PAGE, "s") /* a page: its domain and tab */ \
    X(SECTIONS_1, "zu") /* ... and its sections, appended */ \
    X(SECTIONS_N, "zu") \
    /* the narrator */ \
    X(SPEECH_HOWTO, "") /* at a session's start: how speech mode starts */ \
    X(SPEECH_HELP, "") /* speech mode on: how it works */ \
    X(SPEECH_IS_OFF, "") \
    X(END_OF_PAGE, "") \
    X(TOP_OF_PAGE, "")

typedef enum {
#define KSTRINGS_ENUM(name, args) STR_##name,
    KSTRINGS(KSTRINGS_ENUM)
#undef KSTRINGS_ENUM
    STR_COUNT
} str_id;

/* id's key in a table ("back") in buf; "" out of range. Returns buf. */
const char *uistrings_key(str_id id, char *buf, size_t size);
/* The conversions id's text takes, in order, without the '%'. */
const char *uistrings_args(str_id id);
/* 1 when the printf conversions of text are exactly args ("zu s"). */
int uistrings_args_match(const char *text, const char *args);

/* Reads the table of language code from buf (file names it in messages)
 * into *out, its texts in arena a; problems to d at their position: a
 * key that is no entry, a text whose conversions are not the entry's, a
 * `language:` that is not code. Returns 0 when it had no errors. */
int uistrings_parse(struct arena *a, const char *buf, size_t len, const char *file,
                    const char *code, kstrtab *out, diag_list *d);

/* The content tree's own tables (root/strings/<code>.yaml, each declared
 * language's when there), read while the tree loads: note(ctx, rel) for
 * each file kept. They win over the kiosk's. */
void content_strings_of_tree(kcontent *c, const char *root, diag_list *d,
                             void (*note)(void *ctx, const char *rel), void *ctx);

/* Reads the table dir/<code>.yaml into *out (texts in arena a): 0, 1 when
 * there is no such file (nothing reported), -1 after reporting a problem
 * (an error when required, else a warning). */
int uistrings_read(struct arena *a, const char *dir, const char *code, int required,
                   kstrtab *out, diag_list *d);

/* Reports each entry t leaves out (an error when required, else a
 * warning: the language's fallback shows). -1 when required and one is. */
int uistrings_complete(const kstrtab *t, const char *code, int required, diag_list *d);

/* Gives each language of c its assets table dir/<code>.yaml (read through
 * kfile); where the content brought its own, that one wins and the assets'
 * fill only the entries it leaves out. A language with no table anywhere is a warning at
 * its declaration; an entry a table leaves out is a warning (the language's
 * fallback chain shows); German without a whole table is an error: the
 * kiosk's installation is broken. Returns -1 after an error. */
int content_load_strings(kcontent *c, const char *dir, diag_list *d);

#endif
