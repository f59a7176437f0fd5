/* reading.h — what a screen reader says about a scene.
 *
 * reading_build() walks a built scene (layout.h) and lists its elements in
 * reading order — top to bottom, then in the writing direction by position
 * (left to right; in a mirrored right-to-left scene right to left, so Back
 * is read first there too), so the header's controls come first, then the
 * page, then the footer — each with the text
 * to speak in the scene's language, a role, and the touch target it stands
 * for, if any. Wrapped lines of one text are one element; a button, tab or
 * tile is one element however many text runs it draws. It also gives a
 * one-line announcement of the scene ("Seite Energie, 3 Abschnitte"; over
 * the idle countdown "Noch 10 Sekunden. Mehr Zeit?"). The toggles say
 * their state ("Hoher Kontrast, aus"), and so does `selected`. Under the
 * countdown's modal card (scene.modal_z) nothing is read but the card.
 * The words that are not the content's come from kstrings.h, the table the
 * screen's labels come from too.
 *
 * The result owns its strings and arrays (one arena); it borrows nothing
 * from the scene or the content, so it may outlive both.
 *
 * Pure core: no SDL, no speech engine. */
#ifndef KIOSK_READING_H
#define KIOSK_READING_H

#include <stddef.h>

#include "content.h"
#include "layout.h"
#include "nav.h"

typedef enum {
    READ_HEADING,
    READ_TEXT,
    READ_BUTTON, /* back, home, language, "touch the screen", the toggles,
                  * "more time" */
    READ_TAB,    /* a page of the domain; selected marks the open one */
    READ_TILE,   /* a domain on the menu */
    READ_LINK    /* a link's label or address, shown as a QR code */
} reading_role;

typedef struct reading_item {
    reading_role role;
    const char *text;   /* to speak, never empty, no line breaks */
    int x, y, w, h;     /* screen position (scrolled text: at scroll 0) */
    int target;         /* index into the scene's targets, or -1 */
    int selected;       /* READ_TAB, READ_BUTTON of a language: the current one;
                         * a toggle: on */
} reading_item;

typedef struct reading {
    struct arena *arena;  /* owns everything below */
    reading_item *items;
    size_t n_items;
    const char *announce; /* one line: where the visitor is */
    int *owner;           /* per scene item: index into items, or -1 (not spoken) */
    size_t n_owner;
} reading;

/* The reading of scene sc, built by layout_build() from c and s. Returns
 * NULL only when out of memory. */
reading *reading_build(const scene *sc, const kcontent *c, const nav_state *s);
void reading_free(reading *r); /* accepts NULL */

const char *reading_role_name(reading_role r); /* "heading", "button", ... */

#endif
