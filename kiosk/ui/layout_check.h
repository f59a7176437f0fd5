/* layout_check.h — the test oracle for built scenes: what a visitor would
 * see as broken. Used by the unit tests at every resolution and mode.
 *
 * Each kind of problem is counted on its own, so a test can tell what is
 * wrong and which rule a scene breaks:
 *   LC_CUT       an item outside the screen (or a scrolled one outside the
 *                viewport), a text running out of the rectangle it is set
 *                on, or a problem the builder met while placing
 *   LC_OVERLAP   text lines overlapping each other, targets overlapping
 *   LC_TARGET    a target smaller than the rules' min_target, or off screen
 *   LC_ELLIPSIS  a text cut with "…" (nothing an author wrote may be)
 *   LC_BROKEN    a word broken across lines without a visible hyphen (an
 *                address, a text item with ref set, breaks without one)
 *   LC_FLOOR     text smaller than the rules' floor_px
 *   LC_CHROME    the fixed chrome (header, tabs, bar: items at the
 *                DL_Z_CHROME level) covering more than chrome_percent of
 *                the height
 *   LC_HYPHEN    with the rules' whole_words (Leichte Sprache): a line
 *                that ends in a hyphen inside a word, its own or one
 *                added ("Rheinland-" / "Pfalz", "Wett-" / "bewerb")
 *   LC_LANG      a word of the language controls (the text on a target
 *                named "lang:<code>" or "languages") smaller than the
 *                rules' lang_px: the body text's size in that mode
 * Pure core. */
#ifndef KIOSK_LAYOUT_CHECK_H
#define KIOSK_LAYOUT_CHECK_H

#include <stddef.h>

#include "scene.h"

typedef enum {
    LC_CUT,
    LC_OVERLAP,
    LC_TARGET,
    LC_ELLIPSIS,
    LC_BROKEN,
    LC_FLOOR,
    LC_CHROME,
    LC_HYPHEN,
    LC_LANG,
    LC_COUNT
} layout_problem;

typedef struct layout_rules {
    int min_target;     /* pixels, both sides */
    int floor_px;       /* smallest text size; 0: any */
    int chrome_percent; /* most of the height the chrome may take; 0: any */
    int whole_words;    /* 1: no line may end in a hyphen inside a word */
    int lang_px;        /* smallest text on the language controls; 0: any */
    /* When set, called for each problem found at an item (its kind and the
     * item; not for the builder's own count): kiosk --check maps a text
     * item back to where the author wrote it. */
    void (*each)(void *ctx, layout_problem p, const dl_item *it);
    void *ctx;
} layout_rules;

typedef struct layout_report {
    int n[LC_COUNT];          /* problems of each kind */
    char why[LC_COUNT][256];  /* the first of each kind */
} layout_report;

/* Check sc against rules: the problems of each kind into *rep (zeroed
 * first). Returns the number of problems of every kind. */
int layout_check_rules(const scene *sc, const layout_rules *rules, layout_report *rep);
/* The first name of a kind: "cut", "overlap", "target", ... */
const char *layout_problem_name(layout_problem p);

/* Check a scene for anything cut off or overlapping, and targets smaller
 * than min_target (LC_CUT, LC_OVERLAP, LC_TARGET). Writes the first problem
 * into why. Returns the number of problems. */
int layout_check(const scene *sc, int min_target, char *why, size_t why_size);

#endif
