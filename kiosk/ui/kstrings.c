/* kstrings.c — the UI's own words. See kstrings.h. */
#include "kstrings.h"

#include <stdarg.h>
#include <stdio.h>
#include <time.h>

#include "arena.h"

typedef struct entry {
    const char *args;          /* the conversions every language's text takes */
    const char *t[LANG_COUNT]; /* de, en, Leichte Sprache */
} entry;

static const entry table[STR_COUNT] = {
    [STR_BACK] = {"", {"Zurück", "Back", "Zurück"}},
    [STR_HOME] = {"", {"Übersicht", "Overview", "Alle Themen"}},
    [STR_LANG_NAME] = {"", {"Deutsch", "English", "Leichte Sprache"}},
    [STR_LANG_SHORT] = {"", {"DE", "EN", "Leicht"}},
    [STR_CONTRAST] = {"", {"Kontrast", "Contrast", "Kontrast"}},
    [STR_HIGH_CONTRAST] = {"", {"Hoher Kontrast", "High Contrast", "Hoher Kontrast"}},
    [STR_LARGE_TEXT] = {"", {"Große Schrift", "Large text", "Große Schrift"}},
    [STR_ON] = {"", {"an", "on", "an"}},
    [STR_OFF] = {"", {"aus", "off", "aus"}},
    [STR_MORE_TIME] = {"", {"Mehr Zeit", "More time", "Mehr Zeit"}},
    [STR_READ_ALOUD] = {"", {"Vorlesen", "Read aloud", "Vorlesen"}},
    [STR_SPEECH_OFF] = {"", {"Vorlesen aus", "Speech off", "Vorlesen aus"}},
    [STR_NEXT] = {"", {"Weiter", "Next", "Weiter"}},
    [STR_PREVIOUS] = {"", {"Vorige", "Previous", "Vorige"}},

    [STR_A11Y] = {"", {"Bedienhilfen", "Accessibility", "Hilfen"}},
    [STR_LANGUAGE] = {"", {"Sprache · Language", "Language · Sprache", "Sprache · Language"}},
    [STR_CLOSE] = {"", {"Schließen", "Close", "Schließen"}},
    [STR_SPEECH_MARK] = {"", {"Vorlesen an", "Speech on", "Vorlesen ist an"}},
    [STR_SPEECH_GESTURE] = {"",
                            {"Vorlesen: zwei Finger 2 Sekunden still halten",
                             "Read aloud: hold two fingers still for 2 seconds",
                             "Vorlesen: zwei Finger 2 Sekunden still halten"}},
    [STR_STILL_THERE] = {"", {"Sind Sie noch da?", "Are you still there?", "Sind Sie noch da?"}},
    [STR_RETURNING] = {"",
                       {"Gleich geht es zurück zum Start.", "Returning to the start screen in",
                        "Gleich kommt wieder die Start-Seite."}},
    [STR_TOUCH_TO_STAY] = {"",
                           {"Berühren Sie den Bildschirm, um weiterzulesen.",
                            "Touch the screen to keep reading.",
                            "Wollen Sie weiter lesen? Dann tippen Sie auf den Bildschirm."}},
    [STR_SCAN_QR] = {"",
                     {"Mit dem Handy scannen und mitnehmen", "Scan with your phone to take it home",
                      "Mit dem Handy fotografieren. Dann haben Sie die Seite."}},
    [STR_NOTICE] = {"", {"Wichtiger Hinweis", "Important notice", "Wichtiger Hinweis"}},
    [STR_DIAG_HEAD] = {"zu s",
                       {"Inhalt fehlerhaft (%zu Fehler) – %s", "Content has errors (%zu) – %s",
                        "Inhalt fehlerhaft (%zu Fehler) – %s"}},
    [STR_DIAG_NO_GOOD] = {"",
                          {"es gibt noch keinen gültigen Stand", "there is no valid version yet",
                           "es gibt noch keinen gültigen Stand"}},
    [STR_DIAG_LAST_GOOD] = {"",
                            {"angezeigt wird der letzte gültige Stand",
                             "showing the last valid version",
                             "angezeigt wird der letzte gültige Stand"}},

    [STR_AS_OF] = {"s d", {"Stand: %s %d", "As of %s %d", "Stand: %s %d"}},
    [STR_JANUARY] = {"", {"Januar", "January", "Januar"}},
    [STR_FEBRUARY] = {"", {"Februar", "February", "Februar"}},
    [STR_MARCH] = {"", {"März", "March", "März"}},
    [STR_APRIL] = {"", {"April", "April", "April"}},
    [STR_MAY] = {"", {"Mai", "May", "Mai"}},
    [STR_JUNE] = {"", {"Juni", "June", "Juni"}},
    [STR_JULY] = {"", {"Juli", "July", "Juli"}},
    [STR_AUGUST] = {"", {"August", "August", "August"}},
    [STR_SEPTEMBER] = {"", {"September", "September", "September"}},
    [STR_OCTOBER] = {"", {"Oktober", "October", "Oktober"}},
    [STR_NOVEMBER] = {"", {"November", "November", "November"}},
    [STR_DECEMBER] = {"", {"Dezember", "December", "Dezember"}},
    [STR_SECONDS_LEFT_1] = {"d",
                            {"Noch %d Sekunde. Mehr Zeit?", "%d second left. More time?",
                             "Noch %d Sekunde. Wollen Sie mehr Zeit?"}},
    [STR_SECONDS_LEFT_N] = {"d",
                            {"Noch %d Sekunden. Mehr Zeit?", "%d seconds left. More time?",
                             "Noch %d Sekunden. Wollen Sie mehr Zeit?"}},
    [STR_TOPICS_1] = {"zu",
                      {"Themenübersicht, %zu Thema", "Topics, %zu topic",
                       "Alle Themen, %zu Thema"}},
    [STR_TOPICS_N] = {"zu",
                      {"Themenübersicht, %zu Themen", "Topics, %zu topics",
                       "Alle Themen, %zu Themen"}},
    [STR_PAGE] = {"s", {"Seite %s", "Page %s", "Seite %s"}},
    [STR_SECTIONS_1] = {"zu", {"%zu Abschnitt", "%zu section", "%zu Abschnitt"}},
    [STR_SECTIONS_N] = {"zu", {"%zu Abschnitte", "%zu sections", "%zu Abschnitte"}},

    [STR_SPEECH_HOWTO] =
        {"",
         {"Zum Vorlesen zwei Finger zwei Sekunden lang still auf den Bildschirm halten.",
          "To hear the screen read aloud, hold two fingers still on it for two seconds.",
          "Zum Vorlesen zwei Finger zwei Sekunden lang still auf den Bildschirm halten."}},
    [STR_SPEECH_HELP] =
        {"",
         {"Vorlesen ist an. Tippen Sie auf den Bildschirm, dann hören Sie, was dort "
          "steht. Zweimal schnell tippen öffnet es. Nach rechts oder links wischen: "
          "das nächste oder das vorige Element.",
          "Speech is on. Touch the screen to hear what is there. Tap twice quickly to "
          "open it. Swipe right or left for the next or the previous item.",
          "Vorlesen ist an. Tippen Sie auf den Bildschirm. Dann hören Sie, was dort "
          "steht. Zweimal schnell tippen: Das öffnet es. Nach rechts wischen: weiter. "
          "Nach links wischen: zurück."}},
    [STR_SPEECH_IS_OFF] = {"", {"Vorlesen ist aus.", "Speech is off.", "Vorlesen ist aus."}},
    [STR_END_OF_PAGE] = {"", {"Ende der Seite.", "End of the page.", "Ende."}},
    [STR_TOP_OF_PAGE] = {"", {"Anfang der Seite.", "Top of the page.", "Anfang."}},
};

const char *kstrings_get(lang lg, str_id id)
{
    if ((unsigned)id >= STR_COUNT || (unsigned)lg >= LANG_COUNT || !table[id].t[lg])
        return "";
    return table[id].t[lg];
}

const char *kstrings_args(str_id id)
{
    return (unsigned)id < STR_COUNT && table[id].args ? table[id].args : "";
}

char *kstrings_printf(struct arena *a, lang lg, str_id id, ...)
{
    va_list ap;
    va_start(ap, id);
    /* The format is the table's, not a literal the compiler could check:
     * test_kstrings checks every language's against the entry's args. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    char *s = arena_vprintf(a, kstrings_get(lg, id), ap);
#pragma GCC diagnostic pop
    va_end(ap);
    return s;
}

void kstrings_when(int64_t starts, int64_t ends, char *buf, size_t size)
{
    struct tm a, b;
    time_t t0 = (time_t)starts, t1 = (time_t)ends;
    char x[64], y[64];
    if (!localtime_r(&t0, &a) || !localtime_r(&t1, &b)) {
        buf[0] = '\0';
        return;
    }
    strftime(x, sizeof x, "%d.%m.%Y %H:%M", &a);
    if (a.tm_year == b.tm_year && a.tm_yday == b.tm_yday)
        strftime(y, sizeof y, "%H:%M", &b);
    else
        strftime(y, sizeof y, "%d.%m.%Y %H:%M", &b);
    snprintf(buf, size, "%s \xE2\x80\x93 %s", x, y);
}
