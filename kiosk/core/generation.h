/* generation.h — one content generation, as the UI receives it.
 *
 * Whoever loads content (start-up, SIGHUP, --watch, the updater) hands the
 * UI a generation: the content, the emergency notice that came with it and
 * its version. The UI owns it from then on and gives it back with
 * generation_release() once nothing points into it any more — after the
 * next one is shown, or when it is replaced unseen. The release callback
 * tells the maker: the updater keeps a generation's tree on disk (images are
 * read from there) until exactly then, instead of guessing how long. */
#ifndef KIOSK_GENERATION_H
#define KIOSK_GENERATION_H

#include <stdint.h>

#include "content.h"
#include "manifest.h"

typedef struct generation generation;
typedef void (*generation_release_fn)(void *ctx, const generation *g);

struct generation {
    kcontent *content;        /* owned; never NULL */
    manifest_notice *notice;  /* owned, or NULL: no notice */
    uint64_t version;         /* the manifest's version; 0: not from a channel */
    generation_release_fn on_release; /* told just before the memory goes, or NULL */
    void *release_ctx;
};

/* A generation of content c (taken), with notice n (taken, may be NULL).
 * NULL when out of memory (c and n are freed then). */
generation *generation_new(kcontent *c, manifest_notice *n, uint64_t version);
/* Tell the maker (on_release), then free the content, the notice and g.
 * Accepts NULL. */
void generation_release(generation *g);

#endif
