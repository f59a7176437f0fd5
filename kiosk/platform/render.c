#include "render.h"

#include <SDL_image.h>
#include <SDL_ttf.h>
#include <math.h>
#include <qrencode.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hyph.h"
#include "klimits.h"
#include "log.h"
#include "render_impl.h"

uint64_t rd_hash(const void *p, size_t n, uint64_t h)
{
    const unsigned char *s = p;
    for (size_t i = 0; i < n; i++) {
        h ^= s[i];
        h *= 1099511628211ull;
    }
    return h;
}

/* ---- cache --------------------------------------------------------------- */

static void entry_drop(render *rd, entry *e)
{
    if (e->tex)
        SDL_DestroyTexture(e->tex);
    free(e->key);
    rd->bytes -= e->bytes;
    *e = rd->cache[--rd->n];
}

entry *rd_cache_find(render *rd, int kind, int a, int b, const char *key, size_t keylen,
                         uint64_t *hash_out)
{
    uint64_t h = rd_hash(key, keylen, 1469598103934665603ull ^ (uint64_t)(kind * 31 + a * 7 + b));
    *hash_out = h;
    for (size_t i = 0; i < rd->n; i++) {
        entry *e = &rd->cache[i];
        if (e->hash == h && e->kind == kind && e->a == a && e->b == b && e->keylen == keylen &&
            memcmp(e->key, key, keylen) == 0) {
            e->used = ++rd->tick;
            return e;
        }
    }
    return NULL;
}

/* Make room, then add. Takes the texture (may be NULL for a failure). */
entry *rd_cache_add(render *rd, uint64_t h, int kind, int a, int b, const char *key,
                        size_t keylen, SDL_Texture *tex, int w, int ht)
{
    size_t bytes = tex ? (size_t)w * (size_t)ht * 4 : 0;
    while (rd->n > 0 && (rd->n == CACHE_ENTRIES || rd->bytes + bytes > CACHE_BYTES)) {
        size_t lru = 0;
        for (size_t i = 1; i < rd->n; i++)
            if (rd->cache[i].used < rd->cache[lru].used)
                lru = i;
        entry_drop(rd, &rd->cache[lru]);
    }
    char *k = malloc(keylen + 1);
    if (!k) {
        if (tex)
            SDL_DestroyTexture(tex);
        return NULL;
    }
    memcpy(k, key, keylen);
    k[keylen] = '\0';
    entry *e = &rd->cache[rd->n++];
    *e = (entry){h, kind, a, b, k, keylen, tex, w, ht, 0, bytes, ++rd->tick, 0};
    rd->bytes += bytes;
    rd->misses++;
    return e;
}

static int measure_image(void *ctx, const char *path, int *w, int *h)
{
    if (rd_is_svg(path)) /* any size: the layout gives it its box */
        return -1;
    entry *e = rd_image_tex(ctx, path);
    if (!e || !e->tex)
        return -1;
    *w = e->w;
    *h = e->h;
    return 0;
}

static entry *qr_tex(render *rd, const char *url)
{
    uint64_t h;
    size_t len = strlen(url);
    entry *e = rd_cache_find(rd, K_QR, 0, 0, url, len, &h);
    if (e)
        return e;
    SDL_Texture *tex = NULL;
    int side = 0;
    QRcode *qr = QRcode_encodeString(url, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!qr) {
        log_warn("render", "cannot encode a QR code for %.80s", url);
    } else {
        const int quiet = 4; /* the quiet zone scanners need */
        side = qr->width + 2 * quiet;
        SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, side, side, 32, SDL_PIXELFORMAT_ARGB8888);
        if (s) {
            Uint32 *px = s->pixels;
            int pitch = s->pitch / 4;
            for (int y = 0; y < side; y++)
                for (int x = 0; x < side; x++) {
                    int mx = x - quiet, my = y - quiet;
                    int dark = mx >= 0 && my >= 0 && mx < qr->width && my < qr->width &&
                               (qr->data[my * qr->width + mx] & 1);
                    px[y * pitch + x] = dark ? 0xFF000000u : 0xFFFFFFFFu;
                }
            tex = SDL_CreateTextureFromSurface(rd->r, s);
            SDL_FreeSurface(s);
            if (tex)
                SDL_SetTextureScaleMode(tex, SDL_ScaleModeNearest);
        }
        QRcode_free(qr);
    }
    return rd_cache_add(rd, h, K_QR, 0, 0, url, len, tex, side, side);
}

/* A white anti-aliased disc of radius r: coverage from the distance of each
 * pixel centre to the rim (one square root a pixel, fast enough at start-up). */
static entry *circle_tex(render *rd, int r)
{
    uint64_t h;
    entry *e = rd_cache_find(rd, K_CIRCLE, r, 0, "", 0, &h);
    if (e)
        return e;
    int d = 2 * r;
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, d, d, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Texture *tex = NULL;
    if (s) {
        Uint32 *px = s->pixels;
        int pitch = s->pitch / 4;
        for (int y = 0; y < d; y++)
            for (int x = 0; x < d; x++) {
                double fx = x + 0.5 - r, fy = y + 0.5 - r;
                double cover = r + 0.5 - sqrt(fx * fx + fy * fy);
                Uint32 a = cover >= 1 ? 255 : cover <= 0 ? 0 : (Uint32)(cover * 255);
                px[y * pitch + x] = (a << 24) | 0xFFFFFFu;
            }
        tex = SDL_CreateTextureFromSurface(rd->r, s);
        SDL_FreeSurface(s);
        if (tex)
            SDL_SetTextureBlendMode(tex, SDL_BLENDMODE_BLEND);
    }
    return rd_cache_add(rd, h, K_CIRCLE, r, 0, "", 0, tex, d, d);
}

/* ---- drawing ------------------------------------------------------------- */

void rd_fill_rect(render *rd, int x, int y, int w, int h, kcolor c, uint8_t a)
{
    if (w <= 0 || h <= 0)
        return;
    SDL_Rect rc = {x, y, w, h};
    SDL_SetRenderDrawBlendMode(rd->r, a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(rd->r, c.r, c.g, c.b, a);
    SDL_RenderFillRect(rd->r, &rc);
}

static void round_rect(render *rd, int x, int y, int w, int h, int r, kcolor c, uint8_t a)
{
    if (r > w / 2)
        r = w / 2;
    if (r > h / 2)
        r = h / 2;
    if (r <= 1) {
        rd_fill_rect(rd, x, y, w, h, c, a);
        return;
    }
    int rt = r > CIRCLE_MAX_R ? CIRCLE_MAX_R : r;
    entry *e = circle_tex(rd, rt);
    if (!e || !e->tex) {
        rd_fill_rect(rd, x, y, w, h, c, a);
        return;
    }
    /* the middle and the four edges, then the corners: no pixel twice, so a
     * translucent fill stays even */
    rd_fill_rect(rd, x + r, y, w - 2 * r, h, c, a);
    rd_fill_rect(rd, x, y + r, r, h - 2 * r, c, a);
    rd_fill_rect(rd, x + w - r, y + r, r, h - 2 * r, c, a);
    SDL_SetTextureColorMod(e->tex, c.r, c.g, c.b);
    SDL_SetTextureAlphaMod(e->tex, a);
    SDL_Rect src[4] = {{0, 0, rt, rt}, {rt, 0, rt, rt}, {0, rt, rt, rt}, {rt, rt, rt, rt}};
    SDL_Rect dst[4] = {{x, y, r, r}, {x + w - r, y, r, r}, {x, y + h - r, r, r},
                       {x + w - r, y + h - r, r, r}};
    for (int i = 0; i < 4; i++)
        SDL_RenderCopy(rd->r, e->tex, &src[i], &dst[i]);
}

void rd_placeholder(render *rd, int x, int y, int w, int h, uint8_t a)
{
    kcolor grey = {120, 128, 140};
    round_rect(rd, x, y, w, h, (w < h ? w : h) / 20, grey, (uint8_t)(a * 90 / 255));
    /* a simple "picture" mark: a sun and a hill */
    int s = (w < h ? w : h) / 4;
    if (s < 4)
        return;
    round_rect(rd, x + w / 2 + s / 2, y + h / 2 - s, s / 2, s / 2, s / 4, grey, a);
    round_rect(rd, x + w / 2 - s, y + h / 2, 2 * s, s / 2, s / 4, grey, a);
}

static void draw_item(render *rd, const dl_item *it, int x, int y)
{
    switch (it->kind) {
    case DL_RECT:
        round_rect(rd, x, y, it->w, it->h, it->radius, it->color, it->alpha);
        break;
    case DL_TEXT: {
        entry *e = rd_text_tex(rd, it->bold, it->bold != DL_FONT_ICON && it->rtl, it->px, it->text,
                               it->len);
        if (!e || !e->tex)
            break;
        SDL_SetTextureColorMod(e->tex, it->color.r, it->color.g, it->color.b);
        SDL_SetTextureAlphaMod(e->tex, it->alpha);
        SDL_Rect dst = {x, y - e->oy, e->w, e->h};
        /* an icon that points (back, forward) points the other way in a
         * right-to-left scene */
        SDL_RendererFlip flip = it->bold == DL_FONT_ICON && it->rtl ? SDL_FLIP_HORIZONTAL : SDL_FLIP_NONE;
        SDL_RenderCopyEx(rd->r, e->tex, NULL, &dst, 0, NULL, flip);
        break;
    }
    case DL_IMAGE: {
        if (it->cover || (it->ref && rd_is_svg(it->ref))) {
            rd_draw_picture(rd, it, x, y);
            break;
        }
        entry *e = it->ref ? rd_image_tex(rd, it->ref) : NULL;
        if (!e || !e->tex) {
            rd_placeholder(rd, x, y, it->w, it->h, it->alpha);
            break;
        }
        SDL_SetTextureAlphaMod(e->tex, it->alpha);
        SDL_Rect dst = {x, y, it->w, it->h};
        SDL_RenderCopy(rd->r, e->tex, NULL, &dst);
        break;
    }
    case DL_QR: {
        kcolor white = {255, 255, 255};
        entry *e = it->ref ? qr_tex(rd, it->ref) : NULL;
        round_rect(rd, x, y, it->w, it->h, it->w / 24, white, it->alpha);
        if (!e || !e->tex || e->w <= 0) {
            rd_placeholder(rd, x, y, it->w, it->h, it->alpha);
            break;
        }
        /* whole pixels per module keep the code sharp and scannable */
        int mod = it->w / e->w;
        if (mod < 1)
            mod = 1;
        int side = mod * e->w;
        SDL_Rect dst = {x + (it->w - side) / 2, y + (it->h - side) / 2, side, side};
        SDL_SetTextureAlphaMod(e->tex, it->alpha);
        SDL_RenderCopy(rd->r, e->tex, NULL, &dst);
        break;
    }
    }
}

/* Scroll bar: only when there is more than fits. */
static void draw_scrollbar(render *rd, const scene *sc, int scroll)
{
    int max = scene_max_scroll(sc);
    if (max <= 0)
        return;
    int w = sc->w / 160 + 3;
    int pad = w * 2;
    int track = sc->view_h - 2 * pad;
    int th = track * sc->view_h / sc->content_h;
    if (th < w * 6)
        th = w * 6;
    int ty = sc->view_y + pad + (int)((long)(track - th) * scroll / max);
    int x = sc->rtl ? sc->view_x + pad : sc->view_x + sc->view_w - w - pad;
    round_rect(rd, x, ty, w, th, w / 2, sc->scrollbar, 200);
}

/* The whole scene. */
static void draw_all(render *rd, const scene *sc, int scroll, int pressed)
{
    kcolor c = sc->clear;
    SDL_SetRenderDrawColor(rd->r, c.r, c.g, c.b, 255);
    SDL_RenderClear(rd->r);
    SDL_Rect view = {sc->view_x, sc->view_y, sc->view_w, sc->view_h};
    int clipped = 0, bar = 0;
    for (size_t i = 0; i < sc->n_items; i++) {
        const dl_item *it = &sc->items[i];
        if (it->layer == DL_SCROLL) {
            if (it->alpha == 0)
                continue;
            int y = sc->view_y + it->y - scroll;
            if (y + it->h < sc->view_y || y > sc->view_y + sc->view_h)
                continue; /* not visible: cheap to skip, and keeps the cache warm */
            if (!clipped) {
                SDL_RenderSetClipRect(rd->r, &view);
                clipped = 1;
            }
            draw_item(rd, it, it->x, y);
            continue;
        }
        if (clipped) {
            SDL_RenderSetClipRect(rd->r, NULL);
            clipped = 0;
        }
        if (!bar && it->z >= sc->items_above_scroll_z) {
            /* the bar belongs to the page: under the chrome and overlays */
            draw_scrollbar(rd, sc, scroll);
            bar = 1;
        }
        if (it->alpha)
            draw_item(rd, it, it->x, it->y);
    }
    if (clipped)
        SDL_RenderSetClipRect(rd->r, NULL);
    if (!bar)
        draw_scrollbar(rd, sc, scroll);
    int px, py, pw, ph;
    if (pressed >= 0 && (size_t)pressed < sc->n_targets &&
        scene_target_box(sc, (size_t)pressed, scroll, &px, &py, &pw, &ph)) {
        if (pw < sc->w || ph < sc->h) { /* the whole-screen target needs no flash */
            kcolor white = {255, 255, 255};
            round_rect(rd, px, py, pw, ph, sc->targets[pressed].radius, white, 60);
        }
    }
}

/* The part r of a scene without a scroll layer, over the last frame. */
static void draw_part(render *rd, const scene *sc, const SDL_Rect *r)
{
    SDL_RenderSetClipRect(rd->r, r);
    rd_fill_rect(rd, r->x, r->y, r->w, r->h, sc->clear, 255);
    for (size_t i = 0; i < sc->n_items; i++) {
        const dl_item *it = &sc->items[i];
        SDL_Rect box = {it->x, it->y, it->w, it->h};
        if (it->alpha && SDL_HasIntersection(&box, r))
            draw_item(rd, it, it->x, it->y);
    }
    SDL_RenderSetClipRect(rd->r, NULL);
}

void render_scene(render *rd, const scene *sc, int scroll, int pressed)
{
    SDL_Rect rects[RD_DAMAGE_MAX];
    unsigned deferred = rd->deferred;
    int n = rd_damage(rd, sc, scroll, pressed, rects);
    if (n < 0)
        draw_all(rd, sc, scroll, pressed);
    for (int i = 0; i < n; i++)
        draw_part(rd, sc, &rects[i]);
    for (size_t i = 0; i < sc->n_items; i++) { /* the next picture, made while little moves */
        const dl_item *it = &sc->items[i];
        if (!it->alpha && it->kind == DL_IMAGE && it->cover && it->ref && rd_is_svg(it->ref))
            rd_svg_tex(rd, it->ref, it->w, it->h);
    }
    if (pressed < 0 && rd->deferred == deferred)
        rd_remember(rd, sc);
    else
        render_forget(rd); /* a highlight or a ground waiting for its picture: draw it all next */
}

void render_focus(render *rd, const scene *sc, int target)
{
    if (target < 0 || (size_t)target >= sc->n_targets)
        return;
    render_forget(rd); /* the ring lies over the scene: the next frame draws it all */
    dl_target box = sc->targets[target];
    if (!scene_target_box(sc, (size_t)target, sc->scroll, &box.x, &box.y, &box.w, &box.h))
        return; /* scrolled out of sight */
    const dl_target *t = &box;
    if (t->w >= sc->w && t->h >= sc->h)
        return; /* the whole screen: no ring */
    int short_side = sc->w < sc->h ? sc->w : sc->h;
    int k = short_side / 160 > 3 ? short_side / 160 : 3; /* ring thickness */
    /* yellow between two black lines: visible on any background */
    static const struct { int off; uint8_t r, g, b; } rings[] = {
        {0, 0, 0, 0}, {1, 255, 215, 0}, {2, 0, 0, 0}};
    for (size_t i = 0; i < sizeof rings / sizeof rings[0]; i++) {
        int o = k * (rings[i].off + 1), th = i == 1 ? k : k / 2 + 1;
        SDL_Rect sides[4] = {
            {t->x - o, t->y - o, t->w + 2 * o, th},
            {t->x - o, t->y + t->h + o - th, t->w + 2 * o, th},
            {t->x - o, t->y - o, th, t->h + 2 * o},
            {t->x + t->w + o - th, t->y - o, th, t->h + 2 * o},
        };
        SDL_SetRenderDrawBlendMode(rd->r, SDL_BLENDMODE_NONE);
        SDL_SetRenderDrawColor(rd->r, rings[i].r, rings[i].g, rings[i].b, 255);
        SDL_RenderFillRects(rd->r, sides, 4);
    }
}

/* ---- life cycle ---------------------------------------------------------- */

static char *dup_str(const char *s)
{
    return s ? strdup(s) : NULL;
}

render *render_new(SDL_Renderer *r, const char *fonts_dir, const char *content_root)
{
    render *rd = calloc(1, sizeof *rd);
    if (!rd)
        return NULL;
    rd->r = r;
    rd->fonts_dir = dup_str(fonts_dir);
    rd->root = dup_str(content_root);
    if (!rd->fonts_dir || (content_root && !rd->root))
        goto fail;
    rd->measure = (layout_measure){.ctx = rd, .text_width = rd_measure_text, .image_size = measure_image};
    SDL_RendererInfo info;
    rd->software = SDL_GetRendererInfo(r, &info) == 0 && (info.flags & SDL_RENDERER_SOFTWARE);
    /* the patterns are bundled beside the fonts: assets/hyphen/ */
    char hdir[4096];
    snprintf(hdir, sizeof hdir, "%s/../hyphen", fonts_dir);
    rd->hy = hyph_open(hdir, HYPH_SYSTEM_DIR);
    if (rd->hy) {
        rd->measure.hyphenate = hyph_marks;
        rd->measure.hctx = rd->hy;
    }
    if (rd_fonts_read(rd) || !rd_font(rd, DL_FONT_REGULAR, 16) || !rd_font(rd, DL_FONT_BOLD, 16) ||
        !rd_font(rd, DL_FONT_ICON, 16))
        goto fail;
    return rd;
fail:
    render_free(rd);
    return NULL;
}

void render_flush(render *rd)
{
    render_forget(rd);
    while (rd->n)
        entry_drop(rd, &rd->cache[rd->n - 1]);
}

static void drop_images(render *rd)
{
    for (size_t i = rd->n; i-- > 0;)
        if (rd->cache[i].kind == K_IMAGE || rd->cache[i].kind == K_SVG)
            entry_drop(rd, &rd->cache[i]);
}

int render_set_content_root(render *rd, const char *content_root)
{
    char *root = dup_str(content_root);
    if (content_root && !root)
        return -1;
    free(rd->root);
    rd->root = root;
    drop_images(rd);
    render_forget(rd);
    return 0;
}

void render_free(render *rd)
{
    if (!rd)
        return;
    render_flush(rd);
    hyph_free(rd->hy);
    for (int i = 0; i < FONT_SLOTS; i++)
        if (rd->fonts[i].font)
            TTF_CloseFont(rd->fonts[i].font);
    for (int i = 0; i < RD_FACES; i++)
        free(rd->font_data[i]);
    free(rd->last.items);
    free(rd->last.texts);
    free(rd->fonts_dir);
    free(rd->root);
    free(rd->buf);
    free(rd);
}

const layout_measure *render_measure(render *rd)
{
    return &rd->measure;
}

int render_hyphens_arrived(render *rd)
{
    if (rd->hy_seen || !hyph_ready(rd->hy))
        return 0;
    rd->hy_seen = 1;
    return 1;
}

void render_hyphens_wait(render *rd)
{
    hyph_wait(rd->hy);
}

/* The picture on screen as a PNG into path, or (path NULL) into dst. */
static int save_png(render *rd, const char *path, SDL_RWops *dst)
{
    int w, h, rc = -1;
    if (SDL_GetRendererOutputSize(rd->r, &w, &h) != 0) {
        if (dst)
            SDL_RWclose(dst);
        return -1;
    }
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (s && SDL_RenderReadPixels(rd->r, NULL, SDL_PIXELFORMAT_ARGB8888, s->pixels, s->pitch) == 0 &&
        (path ? IMG_SavePNG(s, path) : IMG_SavePNG_RW(s, dst, 0)) == 0)
        rc = 0;
    else
        log_error("render", "cannot save %s: %s", path ? path : "a screenshot", SDL_GetError());
    if (dst && SDL_RWclose(dst) != 0)
        rc = -1;
    SDL_FreeSurface(s);
    return rc;
}

int render_save_png(render *rd, const char *path)
{
    return save_png(rd, path, NULL);
}

int render_save_png_fd(render *rd, int fd)
{
    FILE *f = fdopen(fd, "wb");
    SDL_RWops *dst = f ? SDL_RWFromFP(f, SDL_TRUE) : NULL;
    if (!dst) {
        if (f)
            fclose(f);
        else
            close(fd);
        return -1;
    }
    return save_png(rd, NULL, dst);
}

void render_defer(render *rd, int on)
{
    rd->defer = on;
    if (on)
        rd->deferred = 0;
}

unsigned render_deferred(const render *rd)
{
    return rd->deferred;
}

void render_stats(const render *rd, size_t *entries, size_t *bytes, unsigned long *misses)
{
    if (entries)
        *entries = rd->n;
    if (bytes)
        *bytes = rd->bytes;
    if (misses)
        *misses = rd->misses;
}
