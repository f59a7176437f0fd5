/* libFuzzer target: the --script parser never crashes, leaks or reads out of
 * bounds, and what it accepts is within its limits. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "diag.h"
#include "klimits.h"
#include "script.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    script s;
    diag_list d;
    diag_init(&d);
    if (script_parse((const char *)data, size, "fuzz.script", &s, &d) == 0) {
        for (size_t i = 0; i < s.n; i++) {
            const script_cmd *c = &s.cmds[i];
            if (c->x1 < 0 || c->x1 > 1 || c->y1 < 0 || c->y1 > 1 || c->ms > KIOSK_MAX_SCRIPT_MS)
                abort();
            if ((c->op != SCRIPT_WAIT && c->op != SCRIPT_SHOT && c->op != SCRIPT_QUIT) &&
                (c->x2 < 0 || c->x2 > 1 || c->y2 < 0 || c->y2 > 1))
                abort();
            if (c->op == SCRIPT_SHOT && !c->file)
                abort();
        }
        script_free(&s);
    } else if (d.errors == 0) {
        abort(); /* a refusal always says why */
    }
    diag_free(&d);
    return 0;
}
