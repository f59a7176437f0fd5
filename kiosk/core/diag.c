#include "diag.h"

#include "klimits.h"
#include "logsafe.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void diag_init(diag_list *d)
{
    memset(d, 0, sizeof(*d));
}

void diag_free(diag_list *d)
{
    for (size_t i = 0; i < d->n; i++) {
        free(d->items[i].file);
        free(d->items[i].msg);
    }
    free(d->items);
    diag_init(d);
}

void diag_add(diag_list *d, diag_level level, const char *file, int line, int col,
              const char *fmt, ...)
{
    if (level == DIAG_ERROR)
        d->errors++;
    else
        d->warnings++;
    if (d->n >= KIOSK_MAX_DIAG_STORED)
        return;
    if (d->n == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 16;
        diag *items = realloc(d->items, cap * sizeof(*items));
        if (!items)
            return; /* counted above; the text is lost, the verdict is not */
        d->items = items;
        d->cap = cap;
    }
    char buf[1024], msg[1024], fname[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    /* a diagnostic quotes what the file says (a YAML tag, a path): it is
     * printed on a terminal and logged, so nothing in it may end the line
     * or start an escape sequence */
    logsafe_text(msg, sizeof(msg), buf);
    logsafe_text(fname, sizeof(fname), file ? file : "");
    diag *g = &d->items[d->n];
    g->level = level;
    g->line = line;
    g->col = col;
    g->file = strdup(fname);
    g->msg = strdup(msg);
    if (!g->file || !g->msg) {
        free(g->file);
        free(g->msg);
        return;
    }
    d->n++;
}

static int diag_cmp(const diag *a, const diag *b)
{
    int c = strcmp(a->file, b->file);
    if (c)
        return c;
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    if (a->col != b->col)
        return a->col < b->col ? -1 : 1;
    return 0;
}

void diag_sort(diag_list *d)
{
    /* Insertion sort: stable, and lists are short (capped). */
    for (size_t i = 1; i < d->n; i++) {
        diag g = d->items[i];
        size_t j = i;
        while (j > 0 && diag_cmp(&d->items[j - 1], &g) > 0) {
            d->items[j] = d->items[j - 1];
            j--;
        }
        d->items[j] = g;
    }
}

void diag_format(const diag *g, char *buf, size_t size)
{
    const char *lvl = g->level == DIAG_ERROR ? "error" : "warning";
    if (g->line > 0)
        snprintf(buf, size, "%s:%d:%d: %s: %s", g->file, g->line, g->col > 0 ? g->col : 1, lvl,
                 g->msg);
    else
        snprintf(buf, size, "%s: %s: %s", g->file, lvl, g->msg);
}

void diag_print(const diag_list *d, FILE *out, size_t max)
{
    char buf[1400];
    size_t shown = d->n < max ? d->n : max;
    for (size_t i = 0; i < shown; i++) {
        diag_format(&d->items[i], buf, sizeof(buf));
        fprintf(out, "%s\n", buf);
    }
    size_t total = d->errors + d->warnings;
    if (total > shown)
        fprintf(out, "... %zu more not shown\n", total - shown);
    if (total)
        fprintf(out, "%zu error%s, %zu warning%s\n", d->errors, d->errors == 1 ? "" : "s",
                d->warnings, d->warnings == 1 ? "" : "s");
}
