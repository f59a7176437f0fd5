/* words.h — the UI's own words for the content the kiosk shows.
 *
 * Every generation the app receives gets the tables of the kiosk's words
 * (uistrings.h) for each language it has no table of its own for, from
 * the assets' strings/ folder (beside fonts/). What is missing is logged;
 * a generation without German words cannot be, as the kiosk refuses to
 * start without them (main.c). */
#ifndef KIOSK_WORDS_H
#define KIOSK_WORDS_H

#include "content.h"

/* The tables of dir for c (NULL: nothing to do). Problems go to the log.
 * Returns -1 when German's table could not be read. */
int words_attach(kcontent *c, const char *dir);

#endif
