/* yamltree.h — a small YAML document tree, built with libyaml's event API.
 *
 * ytree_parse() turns one YAML file into scalar / list / mapping nodes, each
 * with its 1-based line and column, so the content loader can say exactly
 * where a problem is. Only what content needs is accepted: one document whose
 * top level is a mapping, no anchors or aliases (which is what defeats the
 * "billion laughs" expansion), no tags, scalar keys without duplicates, and
 * the size, depth and count limits of klimits.h. Everything else is reported
 * into a diag_list as "file:line:col: error: ...".
 *
 * All nodes and strings live in the arena passed in; the caller frees the
 * arena when done with the tree (the loader uses a scratch arena per file). */
#ifndef KIOSK_YAMLTREE_H
#define KIOSK_YAMLTREE_H

#include <stddef.h>

#include "arena.h"
#include "diag.h"

typedef enum { YNODE_SCALAR, YNODE_SEQ, YNODE_MAP } ynode_kind;

typedef struct ynode {
    ynode_kind kind;
    int line, col;         /* 1-based position of the node's first character */
    /* YNODE_SCALAR */
    const char *str;       /* NUL-terminated; a NUL inside is refused */
    size_t len;
    int plain;             /* 1 when unquoted: `8` is a number, `"8"` a string */
    /* YNODE_SEQ: items[n]. YNODE_MAP: keys[n] (scalars, unique), items[n] values */
    size_t n;
    struct ynode **items;
    struct ynode **keys;
    struct ynode *next;    /* sibling link, used while building */
} ynode;

/* Parse buf[0..len) (the text of file, a name used only in diagnostics).
 * Returns the top-level mapping, or NULL when the file cannot be used at all
 * (syntax error, invalid UTF-8, a limit, not a mapping, empty). Problems that
 * leave a usable tree — a duplicate or non-scalar key (dropped), a tag — are
 * reported and the tree is still returned; check d->errors. */
ynode *ytree_parse(arena *a, const char *buf, size_t len, const char *file, diag_list *d);

/* The value for key in a mapping, or NULL (also when map is not a mapping). */
ynode *ymap_get(const ynode *map, const char *key);
/* The key node itself, for diagnostics that point at the key. */
ynode *ymap_key(const ynode *map, const char *key);
/* 1 for an empty or null plain scalar: `key:`, `key: ~`, `key: null`. */
int ynode_is_null(const ynode *n);
/* A plain decimal integer (`8`, `-3`): 0 and *out set; -1 otherwise. */
int ynode_int(const ynode *n, long *out);
/* "a list", "a mapping", "nothing", "a number" or "a string", for messages. */
const char *ynode_describe(const ynode *n);
/* A user's string made fit to quote in a one-line message: control
 * characters become '?', and it is cut at a character boundary with "…"
 * when longer than YTREE_CLIP bytes. Returns buf. */
#define YTREE_CLIP 80
const char *ytree_clip(const char *s, char *buf, size_t size);

#endif
