/* scene.c — the display list. See scene.h. */
#include "scene.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"

const char *const scene_font_file[DL_FONTS] = {
    "NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "MaterialIcons-Regular.ttf"};
const char *const scene_font_arabic[2] = {"NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf"};

scene *scene_new(int w, int h)
{
    scene *sc = calloc(1, sizeof *sc);
    if (!sc)
        return NULL;
    sc->strings = arena_new();
    if (!sc->strings) {
        free(sc);
        return NULL;
    }
    sc->w = w;
    sc->h = h;
    sc->items_above_scroll_z = (DL_Z_BODY + 1) * DL_Z_STEP;
    sc->countdown = -1;
    return sc;
}

void scene_free(scene *sc)
{
    if (!sc)
        return;
    free(sc->items);
    free(sc->targets);
    arena_free(sc->strings);
    free(sc);
}

/* A new zeroed element at the end of a growing array (*arr, *n used, *cap
 * room), the array moved if it had to grow; NULL when memory ran out (the
 * array is then untouched, and the miss counted as overflow). */
static void *push(scene *sc, void **arr, size_t *n, size_t *cap, size_t size, size_t first)
{
    if (*n == *cap) {
        size_t c = *cap ? *cap * 2 : first;
        void *p = realloc(*arr, c * size);
        if (!p) {
            sc->overflow++;
            return NULL;
        }
        *arr = p;
        *cap = c;
    }
    void *el = (char *)*arr + (*n)++ * size;
    memset(el, 0, size);
    return el;
}

dl_item *scene_add_item(scene *sc)
{
    void *arr = sc->items;
    dl_item *it = push(sc, &arr, &sc->n_items, &sc->cap_items, sizeof *it, 256);
    sc->items = arr;
    return it;
}

dl_target *scene_add_target(scene *sc)
{
    void *arr = sc->targets;
    dl_target *t = push(sc, &arr, &sc->n_targets, &sc->cap_targets, sizeof *t, 32);
    sc->targets = arr;
    return t;
}

static int cmp_z(const void *a, const void *b)
{
    const dl_item *x = a, *y = b;
    return (x->z > y->z) - (x->z < y->z);
}

void scene_sort(scene *sc)
{
    qsort(sc->items, sc->n_items, sizeof *sc->items, cmp_z);
}

int scene_target_box(const scene *sc, size_t i, int scroll, int *x, int *y, int *w, int *h)
{
    const dl_target *t = &sc->targets[i];
    *x = t->x;
    *y = t->y;
    *w = t->w;
    *h = t->h;
    if (t->layer != DL_SCROLL)
        return 1;
    *y -= scroll;
    int top = *y > sc->view_y ? *y : sc->view_y;
    int bottom = *y + *h < sc->view_y + sc->view_h ? *y + *h : sc->view_y + sc->view_h;
    *h = bottom - top;
    *y = top;
    return *h > 0;
}

int scene_hit(const scene *sc, int x, int y)
{
    /* later targets lie on top */
    for (size_t i = sc->n_targets; i-- > 0;) {
        int tx, ty, tw, th;
        if (scene_target_box(sc, i, sc->scroll, &tx, &ty, &tw, &th) && x >= tx && x < tx + tw &&
            y >= ty && y < ty + th)
            return (int)i;
    }
    return -1;
}

int scene_max_scroll(const scene *sc)
{
    if (sc->view_h <= 0 || sc->content_h <= sc->view_h)
        return 0;
    return sc->content_h - sc->view_h;
}
