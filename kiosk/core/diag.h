/* diag.h — diagnostics in the compiler's format: "file:line:col: error: msg".
 *
 * Loaders report every problem they find, not only the first, into a
 * diag_list. The list owns copies of all strings. It stores at most
 * KIOSK_MAX_DIAG_STORED entries but counts all, so a huge broken file costs
 * bounded memory and the summary still tells the truth. */
#ifndef KIOSK_DIAG_H
#define KIOSK_DIAG_H

#include <stddef.h>
#include <stdio.h>

typedef enum { DIAG_ERROR, DIAG_WARNING } diag_level;

typedef struct diag {
    diag_level level;
    char *file;  /* as given to diag_add; may be "" */
    int line;    /* 1-based; 0 when the problem concerns the whole file */
    int col;     /* 1-based; 0 when unknown */
    char *msg;
} diag;

typedef struct diag_list {
    diag *items;
    size_t n, cap;
    size_t errors, warnings;  /* counted, including those not stored */
} diag_list;

void diag_init(diag_list *d);
void diag_free(diag_list *d);  /* frees entries; the list can be reused */
void diag_add(diag_list *d, diag_level level, const char *file, int line, int col,
              const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* Stable sort by file, line, column: the order a reader scans a file in. */
void diag_sort(diag_list *d);
/* Format one diagnostic into buf ("file:line:col: error: msg"). */
void diag_format(const diag *g, char *buf, size_t size);
/* Print up to max diagnostics, then a line for the rest and a summary. */
void diag_print(const diag_list *d, FILE *out, size_t max);

#endif
