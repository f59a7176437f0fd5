/* kstrings.h — the UI's own words, looked up in the content's languages.
 *
 * Everything the kiosk writes or says that does not come from the content —
 * button labels, the idle warning, the speech hints, the announcements —
 * is one entry (uistrings.h: KSTRINGS), with its text in each language's
 * table (assets/strings/<code>.yaml, or the content's own). The screen (the
 * layout) and the speech (reading, narrator) look up the same entry, so a
 * label is written once. Adding a language is adding a table.
 *
 * Some entries are printf formats (the announcements: "Seite %s", counts
 * with their plural forms as separate entries); each entry declares the
 * conversions it takes, and every table's text must take exactly those
 * (checked when the table is read). Pure core. */
#ifndef KIOSK_KSTRINGS_H
#define KIOSK_KSTRINGS_H

#include <stddef.h>
#include <stdint.h>

#include "content.h"
#include "uistrings.h"

struct arena;

/* The text of id in language lg of c: its own table's, else its fallback
 * chain's, else German's; never NULL ("" for an id or language out of
 * range, or no table loaded: content_load_strings()). */
const char *kstrings_get(const kcontent *c, lang lg, str_id id);
/* The conversions id's text takes, in order, without the '%': "" for plain
 * text, "d", "zu", "s", "zu s". */
const char *kstrings_args(str_id id);
/* id's text in lg, formatted with the arguments its conversions take, in
 * arena a; NULL when out of memory. */
char *kstrings_printf(struct arena *a, const kcontent *c, lang lg, str_id id, ...);
/* The time range starts..ends (unix seconds) in local time, as a notice
 * shows it: "25.11.2026 08:00 – 18:00" within one day, else "... –
 * 26.11.2026 12:00"; "" when the times cannot be shown. */
void kstrings_when(int64_t starts, int64_t ends, char *buf, size_t size);

#endif
