/* publish_store.c — what publish and gc share about OUT_DIR: its lock, and
 * sets of the object hashes that manifests list (publish_impl.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "fsutil.h"
#include "publish_impl.h"

int publish_hashset_add(struct publish_hashset *h, const char *hex)
{
    if (h->n == h->cap) {
        size_t cap = h->cap ? h->cap * 2 : 1024;
        void *p = realloc(h->hex, cap * sizeof(*h->hex));
        if (!p)
            return -1;
        h->hex = p;
        h->cap = cap;
    }
    memcpy(h->hex[h->n++], hex, MANIFEST_HEX_LEN + 1);
    return 0;
}

static int hex_cmp(const void *a, const void *b)
{
    return strcmp(a, b);
}

void publish_hashset_finish(struct publish_hashset *h)
{
    if (h->n == 0)
        return;
    qsort(h->hex, h->n, sizeof(*h->hex), hex_cmp);
    size_t w = 1;
    for (size_t r = 1; r < h->n; r++)
        if (strcmp(h->hex[r], h->hex[w - 1]) != 0)
            memmove(h->hex[w++], h->hex[r], MANIFEST_HEX_LEN + 1);
    h->n = w;
}

int publish_hashset_has(const struct publish_hashset *h, const char *hex)
{
    return h->n && bsearch(hex, h->hex, h->n, sizeof(*h->hex), hex_cmp) != NULL;
}

int publish_lock_dir(const char *dir, int op, const char *holder, int *fd)
{
    char path[FSUTIL_PATH_MAX];
    *fd = -1;
    if (snprintf(path, sizeof(path), "%s/.lock", dir) >= (int)sizeof(path)) {
        fprintf(stderr, "kiosk-publish: %s: path too long\n", dir);
        return -1;
    }
    int f = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (f < 0)
        goto fail;
    if (flock(f, op | LOCK_NB) != 0) {
        if (errno != EWOULDBLOCK)
            goto fail;
        fprintf(stderr, "kiosk-publish: waiting for %s in %s to finish\n", holder, dir);
        if (flock(f, op) != 0)
            goto fail;
    }
    *fd = f;
    return 0;
fail:
    fprintf(stderr, "kiosk-publish: lock %s: %s\n", path, strerror(errno));
    if (f >= 0)
        close(f);
    return -1;
}
