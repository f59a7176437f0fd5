/* render_picture.c — images and pictures for render.c: PNG and JPEG loaded
 * at their own size, SVG pictures rasterized through SDL2_image at the size
 * of their box (once per size), and a picture drawn cropped to fill its box,
 * centred, zoomed and panned, never stretched. */
#include <SDL_image.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "health.h"
#include "klimits.h"
#include "log.h"
#include "render_impl.h"

/* The file of the content-relative image rel in path, 0 when it exists and
 * is small enough to load; otherwise logs why (once: the failure is cached). */
static int image_path(render *rd, const char *rel, char *path, size_t size)
{
    struct stat st;
    snprintf(path, size, "%s/%s", rd->root ? rd->root : ".", rel);
    if (stat(path, &st) != 0) {
        log_warn("render", "image %s: missing; showing a placeholder", rel);
        health_error(HEALTH_ERR_IMAGE);
        return -1;
    }
    if (st.st_size > KIOSK_MAX_IMAGE_BYTES) {
        log_warn("render", "image %s: larger than %d bytes; showing a placeholder", rel,
                 KIOSK_MAX_IMAGE_BYTES);
        return -1;
    }
    return 0;
}

/* 1 when no pixel of s is transparent. */
static int surface_opaque(SDL_Surface *s)
{
    if (!SDL_ISPIXELFORMAT_ALPHA(s->format->format))
        return 1;
    if (s->format->BytesPerPixel != 4 || SDL_LockSurface(s) != 0)
        return 0;
    int opaque = 1;
    for (int y = 0; y < s->h && opaque; y++) {
        const Uint32 *row = (const Uint32 *)((const Uint8 *)s->pixels + (size_t)y * s->pitch);
        for (int x = 0; x < s->w; x++)
            if ((row[x] & s->format->Amask) != s->format->Amask) {
                opaque = 0;
                break;
            }
    }
    SDL_UnlockSurface(s);
    return opaque;
}

/* A texture of surf (freed here) into the cache under (kind, a, b, rel), or
 * a remembered failure when surf is NULL. */
static entry *image_add(render *rd, uint64_t h, int kind, int a, int b, const char *rel,
                        SDL_Surface *surf)
{
    SDL_Texture *tex = NULL;
    int w = 0, ht = 0, opaque = 0;
    if (surf && (opaque = surface_opaque(surf)) != 0) {
        /* in the window's own format, an opaque picture is copied and scaled
         * row by row; in another, pixel by pixel through a conversion */
        SDL_Window *win = SDL_RenderGetWindow(rd->r);
        Uint32 fmt = win ? SDL_GetWindowPixelFormat(win) : SDL_PIXELFORMAT_UNKNOWN;
        SDL_Surface *conv = fmt != SDL_PIXELFORMAT_UNKNOWN && fmt != surf->format->format &&
                                    !SDL_ISPIXELFORMAT_INDEXED(fmt)
                                ? SDL_ConvertSurfaceFormat(surf, fmt, 0)
                                : NULL;
        if (conv) {
            SDL_FreeSurface(surf);
            surf = conv;
        }
    }
    if (surf) {
        tex = SDL_CreateTextureFromSurface(rd->r, surf);
        w = surf->w;
        ht = surf->h;
        SDL_FreeSurface(surf);
        if (!tex)
            log_warn("render", "image %s: %s; showing a placeholder", rel, SDL_GetError());
        else
            SDL_SetTextureBlendMode(tex, SDL_BLENDMODE_BLEND);
    }
    entry *e = rd_cache_add(rd, h, kind, a, b, rel, strlen(rel), tex, w, ht);
    if (e)
        e->opaque = opaque;
    return e;
}

entry *rd_image_tex(render *rd, const char *rel)
{
    uint64_t h;
    size_t len = strlen(rel);
    entry *e = rd_cache_find(rd, K_IMAGE, 0, 0, rel, len, &h);
    if (e)
        return e;
    char path[KIOSK_MAX_PATH * 2 + 1024];
    SDL_Surface *surf = NULL;
    if (image_path(rd, rel, path, sizeof path) == 0) {
        surf = IMG_Load(path);
        if (!surf) {
            log_warn("render", "image %s: %s; showing a placeholder", rel, IMG_GetError());
            health_error(HEALTH_ERR_IMAGE);
        }
    }
    return image_add(rd, h, K_IMAGE, 0, 0, rel, surf);
}

int rd_is_svg(const char *rel)
{
    size_t n = strlen(rel);
    return n > 4 && strcasecmp(rel + n - 4, ".svg") == 0;
}

/* The SVG at path rasterized to cover w x h: scaled by the width (by_w) or
 * by the height, keeping its shape. */
static SDL_Surface *svg_raster(const char *path, int w, int h, int by_w)
{
    SDL_RWops *rw = SDL_RWFromFile(path, "rb");
    if (!rw)
        return NULL;
    SDL_Surface *s = IMG_LoadSizedSVG_RW(rw, by_w ? w : 0, by_w ? 0 : h);
    SDL_RWclose(rw);
    return s;
}

/* The SVG picture rel rasterized once for a box of bw x bh: exactly large
 * enough to fill the box at the largest zoom (DL_ZOOM_MAX), so the picture
 * is never enlarged. NULL while rasterizing is deferred. */
entry *rd_svg_tex(render *rd, const char *rel, int bw, int bh)
{
    uint64_t h;
    size_t len = strlen(rel);
    entry *e = rd_cache_find(rd, K_SVG, bw, bh, rel, len, &h);
    if (e)
        return e;
    if (rd->defer) {
        rd->deferred++;
        return NULL;
    }
    char path[KIOSK_MAX_PATH * 2 + 1024];
    SDL_Surface *surf = NULL;
    if (image_path(rd, rel, path, sizeof path) == 0) {
        int tw = (int)ceil(bw * (1000.0 + DL_ZOOM_MAX) / 1000), th = (int)ceil(bh * (1000.0 + DL_ZOOM_MAX) / 1000);
        int by_w = tw >= th; /* most pictures are square: one try fits */
        surf = svg_raster(path, tw, th, by_w);
        if (surf && (by_w ? surf->h < th : surf->w < tw)) {
            SDL_FreeSurface(surf);
            surf = svg_raster(path, tw, th, !by_w);
        }
        if (!surf) {
            log_warn("render", "image %s: %s; showing a placeholder", rel, IMG_GetError());
            health_error(HEALTH_ERR_IMAGE);
        }
    }
    return image_add(rd, h, K_SVG, bw, bh, rel, surf);
}

/* A picture cropped to fill its box (dl_item.cover), zoomed and panned; its
 * ground colour while it is not ready, a placeholder when it cannot be shown. */
void rd_draw_picture(render *rd, const dl_item *it, int x, int y)
{
    if (it->w <= 0 || it->h <= 0 || !it->ref)
        return;
    int svg = rd_is_svg(it->ref);
    entry *e = svg ? rd_svg_tex(rd, it->ref, it->w, it->h) : rd_image_tex(rd, it->ref);
    if (!e || !e->tex || e->w <= 0 || e->h <= 0) {
        rd_fill_rect(rd, x, y, it->w, it->h, it->color, it->alpha);
        if (e)
            rd_placeholder(rd, x, y, it->w, it->h, it->alpha);
        return;
    }
    double zoom = (it->zoom < 1000 ? 1000 : it->zoom) / 1000.0;
    double sx = (double)it->w / e->w, sy = (double)it->h / e->h;
    double scale = (sx > sy ? sx : sy) * zoom; /* screen pixels per picture pixel */
    double sw = it->w / scale, sh = it->h / scale;
    /* a pan moves within what the zoom adds, not across the whole crop: the
     * motif stays in the middle */
    double mx = fmin((e->w - sw) / 2, sw * (zoom - 1) / 2);
    double my = fmin((e->h - sh) / 2, sh * (zoom - 1) / 2);
    double px = (e->w - sw) / 2 + mx * it->pan_x / 1000.0;
    double py = (e->h - sh) / 2 + my * it->pan_y / 1000.0;
    SDL_Rect src = {(int)lround(px), (int)lround(py), (int)lround(sw), (int)lround(sh)};
    if (abs(src.w - it->w) <= 2 && abs(src.h - it->h) <= 2 && e->w >= it->w && e->h >= it->h) {
        src.w = it->w; /* pixel for pixel (the raster's rounding aside): a copy */
        src.h = it->h;
    }
    if (src.w > e->w)
        src.w = e->w;
    if (src.h > e->h)
        src.h = e->h;
    if (src.x < 0 || src.x + src.w > e->w)
        src.x = src.x < 0 ? 0 : e->w - src.w;
    if (src.y < 0 || src.y + src.h > e->h)
        src.y = src.y < 0 ? 0 : e->h - src.h;
    SDL_Rect dst = {x, y, it->w, it->h};
    SDL_SetTextureBlendMode(e->tex, e->opaque && it->alpha == 255 ? SDL_BLENDMODE_NONE
                                                                   : SDL_BLENDMODE_BLEND);
    SDL_SetTextureAlphaMod(e->tex, it->alpha);
    SDL_RenderCopy(rd->r, e->tex, &src, &dst);
}
