/* words.c — the UI's own words for a generation. See words.h. */
#include "words.h"

#include "diag.h"
#include "log.h"
#include "uistrings.h"

int words_attach(kcontent *c, const char *dir)
{
    if (!c || !dir)
        return 0;
    diag_list d;
    diag_init(&d);
    int rc = content_load_strings(c, dir, &d);
    for (size_t i = 0; i < d.n; i++) {
        char line[512];
        diag_format(&d.items[i], line, sizeof line);
        if (d.items[i].level == DIAG_ERROR)
            log_error("words", "%s", line);
        else
            log_warn("words", "%s", line);
    }
    diag_free(&d);
    return rc;
}
