/* watch.h — reload a content tree when its files change (--watch preview).
 *
 * Polls the tree's file names, sizes and modification times (cheap: a
 * directory walk, no reading) and reloads with content_load() when they
 * change. Plugs into app_options.poll / poll_diags: watch_poll() returns a
 * new generation (the caller owns it; no notice, version 0) or NULL; watch_diags() returns the
 * diagnostics of the last failed load, or NULL after a good one. */
#ifndef KIOSK_WATCH_H
#define KIOSK_WATCH_H

#include "content.h"
#include "diag.h"
#include "generation.h"

typedef struct watch watch;

/* Remembers dir's current state; the first change after this reloads. */
watch *watch_new(const char *dir);
void watch_free(watch *w); /* accepts NULL */
/* Take the result of a load that already happened (e.g. the first one at
 * start-up): its diagnostics are shown until the next good load. */
void watch_set_diags(watch *w, const diag_list *d);
generation *watch_poll(void *w);
const diag_list *watch_diags(void *w);

#endif
