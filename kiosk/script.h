/* script.h — the --script language that drives the kiosk without a finger.
 *
 * One command a line; '#' starts a comment; coordinates are relative (0..1):
 *
 *   tap X Y                  a short touch at (X, Y)
 *   swipe X1 Y1 X2 Y2 MS     a finger moved from 1 to 2 in MS milliseconds
 *   wait MS                  let MS milliseconds of kiosk time pass
 *   shot FILE.png            save the screen
 *   quit                     stop (the end of the script stops too)
 *
 * Errors are reported as "file:line:col: error: ..." into a diag_list.
 * Pure core: parsing only; the app executes. */
#ifndef KIOSK_SCRIPT_H
#define KIOSK_SCRIPT_H

#include <stddef.h>

#include "diag.h"

typedef enum { SCRIPT_TAP, SCRIPT_SWIPE, SCRIPT_WAIT, SCRIPT_SHOT, SCRIPT_QUIT } script_op;

typedef struct script_cmd {
    script_op op;
    double x1, y1, x2, y2;  /* TAP uses x1, y1 */
    unsigned ms;            /* SWIPE, WAIT */
    char *file;             /* SHOT; owned by the script */
    int line;
} script_cmd;

typedef struct script {
    script_cmd *cmds;
    size_t n;
} script;

/* Parse text[0..len) (name is used in diagnostics). Returns 0 and fills out,
 * or -1 with every error added to d (out is then empty). */
int script_parse(const char *text, size_t len, const char *name, script *out, diag_list *d);
/* Read and parse a file. */
int script_load(const char *path, script *out, diag_list *d);
void script_free(script *s); /* accepts an empty script */

#endif
