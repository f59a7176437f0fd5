/* kstrings.c — the UI's own words. See kstrings.h. */
#include "kstrings.h"

#include <stdarg.h>
#include <stdio.h>
#include <time.h>

#include "arena.h"

/* id's text in language l's own table, or NULL. */
static const char *own(const kcontent *c, int l, str_id id)
{
    const kstrtab *t = &c->langs[l].strings;
    return t->texts && (size_t)id < t->n ? t->texts[id] : NULL;
}

const char *kstrings_get(const kcontent *c, lang lg, str_id id)
{
    if (!c || (unsigned)id >= STR_COUNT || lg >= c->n_langs)
        return "";
    int l = lg;
    const char *s = own(c, l, id);
    /* the declared fallback chain (it ends at German: content_langs.c) */
    for (size_t steps = 0; !s && l > 0 && steps <= c->n_langs; steps++) {
        l = c->langs[l].fallback > 0 ? c->langs[l].fallback : 0;
        s = own(c, l, id);
    }
    return s ? s : "";
}

const char *kstrings_args(str_id id)
{
    return uistrings_args(id);
}

char *kstrings_printf(struct arena *a, const kcontent *c, lang lg, str_id id, ...)
{
    va_list ap;
    va_start(ap, id);
    /* The format is the table's, not a literal the compiler could check:
     * every table's text was checked against the entry's args when read
     * (uistrings.c). */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    char *s = arena_vprintf(a, kstrings_get(c, lg, id), ap);
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
