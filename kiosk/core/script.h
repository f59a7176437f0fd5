/* script.h — the --script language that drives the kiosk without a finger.
 *
 * One command a line; '#' starts a comment; coordinates are relative (0..1):
 *
 *   tap X Y                  a short touch at (X, Y)
 *   swipe X1 Y1 X2 Y2 MS     a finger moved from 1 to 2 in MS milliseconds
 *   hold2 X Y MS             two fingers down at (X, Y) and (X + 0.08, Y), held
 *                            still MS milliseconds, lifted (X at most 0.92)
 *   doubletap X Y            two taps at (X, Y), 150 ms apart
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

typedef enum {
    SCRIPT_TAP,
    SCRIPT_SWIPE,
    SCRIPT_WAIT,
    SCRIPT_SHOT,
    SCRIPT_QUIT,
    SCRIPT_HOLD2,
    SCRIPT_DOUBLETAP
} script_op;

/* hold2: where the second finger goes down, right of the first (relative) */
#define SCRIPT_HOLD2_SPREAD 0.08
/* doubletap: time between the two taps */
#define SCRIPT_DOUBLETAP_GAP_MS 150

typedef struct script_cmd {
    script_op op;
    double x1, y1, x2, y2;  /* TAP, DOUBLETAP: x1, y1 (x2, y2 the same);
                             * HOLD2: first finger x1, y1, second x2, y2 */
    unsigned ms;            /* SWIPE, WAIT, HOLD2 */
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
