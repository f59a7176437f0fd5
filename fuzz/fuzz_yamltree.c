/* libFuzzer target: arbitrary bytes through the YAML tree builder and its
 * lookup helpers. Nothing may crash, leak or read out of bounds, whatever
 * the input. */
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "diag.h"
#include "yamltree.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Walks the tree as the loader does, touching every node and string. */
static size_t walk(const ynode *n, int depth)
{
    long v;
    size_t sum = 1 + (size_t)ynode_is_null(n) + (size_t)(ynode_int(n, &v) == 0);
    sum += ynode_describe(n)[0];
    if (depth > 64) /* the tree's own limit is far below this */
        __builtin_trap();
    if (n->kind == YNODE_SCALAR)
        return sum + n->len + (n->len ? (unsigned char)n->str[n->len - 1] : 0);
    for (size_t i = 0; i < n->n; i++) {
        sum += walk(n->items[i], depth + 1);
        if (n->kind == YNODE_MAP) {
            sum += walk(n->keys[i], depth + 1);
            if (ymap_get(n, n->keys[i]->str) != n->items[i])
                __builtin_trap(); /* keys are unique: lookup finds this pair */
        }
    }
    return sum;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    arena *a = arena_new();
    diag_list d;
    diag_init(&d);
    ynode *root = ytree_parse(a, (const char *)data, size, "fuzz.yaml", &d);
    if (root) {
        volatile size_t sink = walk(root, 0);
        (void)sink;
    } else if (d.errors == 0) {
        __builtin_trap(); /* a refused file always says why */
    }
    diag_free(&d);
    arena_free(a);
    return 0;
}
