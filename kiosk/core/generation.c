#include "generation.h"

#include <stdlib.h>

generation *generation_new(kcontent *c, manifest_notice *n, uint64_t version)
{
    generation *g = calloc(1, sizeof *g);
    if (!g) {
        content_free(c);
        manifest_notice_free(n);
        return NULL;
    }
    g->content = c;
    g->notice = n;
    g->version = version;
    return g;
}

void generation_release(generation *g)
{
    if (!g)
        return;
    if (g->on_release)
        g->on_release(g->release_ctx, g);
    content_free(g->content);
    manifest_notice_free(g->notice);
    free(g);
}
