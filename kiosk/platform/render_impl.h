/* render_impl.h — what render.c and render_picture.c share: the texture
 * cache and its entries, the renderer's state, and the few drawing helpers
 * both use. Internal to the renderer (render.h is its interface). */
#ifndef KIOSK_RENDER_IMPL_H
#define KIOSK_RENDER_IMPL_H

#include <SDL.h>
#include <SDL_ttf.h>
#include <stdint.h>

#include "hyph.h"
#include "render.h"

#define CACHE_ENTRIES 768
#define CACHE_BYTES (96u * 1024 * 1024)
#define FONT_SLOTS 24
#define CIRCLE_MAX_R 256 /* larger circles are drawn scaled up */
#define MEASURE_SLOTS 8192 /* remembered text widths (direct-mapped) */

enum { K_TEXT, K_IMAGE, K_QR, K_CIRCLE, K_SVG };

/* The faces: scene.h's (DL_FONT_*), then Noto Sans Arabic regular and bold,
 * read from their files only when a text in Arabic script needs them. */
enum { RD_FACE_ARABIC = DL_FONTS, RD_FACE_ARABIC_BOLD, RD_FACES };

typedef struct entry {
    uint64_t hash;
    int kind, a, b;   /* K_TEXT: a = face | rtl << 4, b = px; K_CIRCLE: a = radius */
    char *key;
    size_t keylen;
    SDL_Texture *tex; /* NULL: failed (placeholder), remembered so it logs once */
    int w, h;
    int oy;           /* K_TEXT: drawn this far above the line's top (a taller face) */
    size_t bytes;
    uint64_t used;
    int opaque; /* no transparent pixel: drawn without blending when fully shown */
} entry;

typedef struct font_slot {
    int bold, px;
    TTF_Font *font;
    uint64_t used;
} font_slot;

struct render {
    SDL_Renderer *r;
    char *fonts_dir;
    /* Each face's file, read once: every size opens from this memory, so
     * fonts hold no file descriptor and a new size costs no file access. */
    char *font_data[RD_FACES];
    size_t font_len[RD_FACES];
    int font_failed[RD_FACES]; /* its file could not be read: logged once */
    char *root;
    layout_measure measure;
    hyph *hy;         /* hyphenation patterns, loading on their own thread */
    int hy_seen;      /* render_hyphens_arrived said so */
    entry cache[CACHE_ENTRIES];
    size_t n, bytes;
    unsigned long misses;
    int software;       /* the renderer keeps the last frame: redraw what changed */
    struct last_frame {  /* what the screen shows now (render_damage.c) */
        dl_item *items;
        uint64_t *texts; /* the items' texts hashed: their memory goes with the scene */
        size_t n, cap;
        int w, h, valid;
        kcolor clear;
    } last;
    int defer;          /* SVG pictures wait (the first frame) */
    unsigned deferred;  /* pictures that waited since render_defer() */
    uint64_t tick;
    font_slot fonts[FONT_SLOTS];
    char *buf; /* scratch for NUL-terminated, glyph-checked text */
    size_t buf_size;
    /* Layout measures the same strings every frame of an animation; shaping
     * them again each time would cost more than drawing. Keyed by a 64-bit
     * hash of (face, direction, px, text); 0 marks an empty slot. */
    struct {
        uint64_t key;
        int w;
    } widths[MEASURE_SLOTS];
};

/* The cached texture of (kind, a, b, key), or NULL; *hash_out for rd_cache_add. */
entry *rd_cache_find(render *rd, int kind, int a, int b, const char *key, size_t keylen,
                     uint64_t *hash_out);
/* Make room, then add. Takes the texture (may be NULL for a failure). */
entry *rd_cache_add(render *rd, uint64_t h, int kind, int a, int b, const char *key,
                    size_t keylen, SDL_Texture *tex, int w, int ht);
void rd_fill_rect(render *rd, int x, int y, int w, int h, kcolor c, uint8_t a);
/* A neutral "picture" mark where an image cannot be shown. */
void rd_placeholder(render *rd, int x, int y, int w, int h, uint8_t a);

uint64_t rd_hash(const void *p, size_t n, uint64_t h);

/* render_text.c: faces, shaping and text textures. */
/* Reads the files of scene.h's faces (the Arabic ones wait): 0, or -1. */
int rd_fonts_read(render *rd);
/* Face (RD_FACE_*) at px, opened on first use; NULL on failure (logged). */
TTF_Font *rd_font(render *rd, int face, int px);
/* The layout's text_width (layout.h): the line shaped as it is drawn. */
int rd_measure_text(void *ctx, int face, int px, const char *s, size_t len, int rtl);
/* The white texture of a line of text, cached. */
entry *rd_text_tex(render *rd, int face, int rtl, int px, const char *s, size_t len);

/* render_damage.c: what changed since the last frame. Up to max rectangles
 * to draw again (0: nothing changed), or -1: draw everything. */
#define RD_DAMAGE_MAX 4
int rd_damage(const render *rd, const scene *sc, int scroll, int pressed, SDL_Rect *rects);
/* sc is on screen now (render_forget(), render.h: the screen is unknown). */
void rd_remember(render *rd, const scene *sc);

/* render_picture.c: images and pictures. */
entry *rd_image_tex(render *rd, const char *rel); /* PNG or JPEG at its own size */
int rd_is_svg(const char *rel);
/* The SVG rel rasterized for a box bw x bh (NULL while deferred). */
entry *rd_svg_tex(render *rd, const char *rel, int bw, int bh);
/* A picture cropped to fill its box, zoomed and panned (dl_item.cover). */
void rd_draw_picture(render *rd, const dl_item *it, int x, int y);

#endif
