/* render_text.c — the renderer's text: its faces, each line ordered by the
 * bidirectional algorithm (bidi.h) into runs, each run cut where its face
 * changes (Arabic script in Noto Sans Arabic, everything else in Noto
 * Sans) and shaped by SDL2_ttf's HarfBuzz with its direction and script.
 * Measure and drawing go through the same segments, so what the layout
 * wraps is what is drawn. A line without right-to-left text in a
 * left-to-right scene is one segment, set exactly as before (no bidi, no
 * shaping settings, no Arabic face). See render.h. */
#include <SDL_ttf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bidi.h"
#include "health.h"
#include "kfile.h"
#include "klimits.h"
#include "log.h"
#include "render_impl.h"
#include "utf8.h"

#define SEGS_MAX 64 /* segments of one line; a line with more is set as one */

static const char *face_file(int face)
{
    return face < DL_FONTS ? scene_font_file[face] : scene_font_arabic[face - DL_FONTS];
}

/* The face's file in memory, read on first use: 0, or -1 (logged once). */
static int face_read(render *rd, int face)
{
    if (rd->font_data[face])
        return 0;
    if (rd->font_failed[face])
        return -1;
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", rd->fonts_dir, face_file(face));
    if (kfile_read(path, KIOSK_MAX_FONT_BYTES, 0, &rd->font_data[face], &rd->font_len[face])) {
        log_error("render", "cannot read font %s: %s", path, strerror(errno));
        health_error(HEALTH_ERR_FONT);
        rd->font_failed[face] = 1;
        return -1;
    }
    return 0;
}

int rd_fonts_read(render *rd)
{
    for (int i = 0; i < DL_FONTS; i++)
        if (face_read(rd, i))
            return -1;
    return 0;
}

TTF_Font *rd_font(render *rd, int face, int px)
{
    px = px < 4 ? 4 : px > 1000 ? 1000 : px;
    if (face < 0 || face >= RD_FACES)
        face = DL_FONT_REGULAR;
    font_slot *lru = &rd->fonts[0];
    for (int i = 0; i < FONT_SLOTS; i++) {
        font_slot *f = &rd->fonts[i];
        if (f->font && f->bold == face && f->px == px) {
            f->used = ++rd->tick;
            return f->font;
        }
        if (!f->font || (lru->font && f->used < lru->used))
            lru = f;
    }
    if (face_read(rd, face))
        return NULL;
    SDL_RWops *rw = SDL_RWFromConstMem(rd->font_data[face], (int)rd->font_len[face]);
    TTF_Font *font = rw ? TTF_OpenFontRW(rw, 1, px) : NULL;
    if (!font) {
        log_error("render", "cannot open font %s/%s: %s", rd->fonts_dir, face_file(face),
                  TTF_GetError());
        health_error(HEALTH_ERR_FONT);
        return NULL;
    }
    TTF_SetFontHinting(font, TTF_HINTING_LIGHT);
    if (lru->font)
        TTF_CloseFont(lru->font);
    *lru = (font_slot){face, px, font, ++rd->tick};
    return font;
}

/* Zero-width format characters (bidi marks, joiners): no glyph is needed. */
static int ignorable(uint32_t c)
{
    return (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) ||
           (c >= 0x2066 && c <= 0x2069);
}

/* Copy s[0..len) into rd->buf, NUL-terminated, with every code point the
 * font cannot draw (and every invalid byte) replaced by U+FFFD or '?'
 * (kiosk --check reports them: render_missing_glyph). */
static const char *prep(render *rd, TTF_Font *font, const char *s, size_t len)
{
    size_t need = len * 3 + 4;
    if (need > rd->buf_size) {
        char *nb = realloc(rd->buf, need);
        if (!nb)
            return NULL;
        rd->buf = nb;
        rd->buf_size = need;
    }
    char *o = rd->buf;
    int has_fffd = TTF_GlyphIsProvided32(font, 0xFFFD);
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        size_t n = utf8_decode(s + i, len - i, &cp);
        int ok = n > 0 && (cp < 0x20 ? 0 : cp == 0x20 || cp == 0xA0 || TTF_GlyphIsProvided32(font, cp));
        if (ok) {
            memcpy(o, s + i, n);
            o += n;
        } else if (n && (cp == '\t')) {
            *o++ = ' ';
        } else if (n && ignorable(cp)) {
            /* dropped: the runs are already ordered */
        } else if (has_fffd) {
            memcpy(o, "\xEF\xBF\xBD", 3);
            o += 3;
        } else {
            *o++ = '?';
        }
        i += n ? n : 1;
    }
    *o = '\0';
    return rd->buf;
}

/* A piece of a line set in one face and direction: bytes of the line. */
typedef struct seg {
    int face;
    size_t start, len;
    int rtl;
    int plain; /* the whole line, left to right: no shaping settings */
} seg;

static int arabic_of(int face)
{
    return face == DL_FONT_BOLD ? RD_FACE_ARABIC_BOLD : RD_FACE_ARABIC;
}

static int has_arabic(const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t n = utf8_decode(s + i, len - i, &cp);
        if (n && bidi_is_arabic(cp))
            return 1;
        i += n ? n : 1;
    }
    return 0;
}

/* The face of cp: in a right-to-left run with Arabic letters the Arabic
 * face for all it has (spaces and punctuation shape with the letters);
 * elsewhere the Arabic face for Arabic characters only. */
static int face_of(render *rd, int face, int arabic_run, uint32_t cp, int px)
{
    if (arabic_run) {
        TTF_Font *f = rd_font(rd, arabic_of(face), px);
        return f && TTF_GlyphIsProvided32(f, cp) ? arabic_of(face) : face;
    }
    return bidi_is_arabic(cp) ? arabic_of(face) : face;
}

/* Run r of s cut where the face changes, appended to out in visual order
 * (a right-to-left run's pieces right to left). */
static size_t run_segments(render *rd, int face, int px, const char *s, const bidi_run *r, seg *out,
                           size_t n)
{
    int arabic_run = r->rtl && has_arabic(s + r->start, r->len);
    size_t first = n;
    for (size_t i = r->start, e = r->start + r->len; i < e;) {
        uint32_t cp;
        size_t k = utf8_decode(s + i, e - i, &cp);
        int f = face_of(rd, face, arabic_run, k ? cp : 0xFFFD, px);
        k = k ? k : 1;
        if (n > first && out[n - 1].face == f)
            out[n - 1].len += k;
        else if (n < SEGS_MAX)
            out[n++] = (seg){f, i, k, r->rtl, 0};
        else
            out[n - 1].len = i + k - out[n - 1].start; /* no room: the rest with the last */
        i += k;
    }
    for (size_t a = first, b = n; r->rtl && a + 1 < b; a++, b--) {
        seg t = out[a];
        out[a] = out[b - 1];
        out[b - 1] = t;
    }
    return n;
}

/* The segments of the line s in visual order, left to right. */
static size_t segments(render *rd, int face, int rtl, int px, const char *s, size_t len, seg *out)
{
    bidi_run runs[SEGS_MAX];
    size_t nr = 0;
    if (face != DL_FONT_ICON && (rtl || bidi_has_rtl(s, len)))
        nr = bidi_runs(s, len, rtl, runs, SEGS_MAX);
    if (nr == 0 || nr > SEGS_MAX) { /* plain text, or more runs than a line has */
        out[0] = (seg){face, 0, len, 0, 1};
        return 1;
    }
    size_t n = 0;
    for (size_t i = 0; i < nr; i++)
        n = run_segments(rd, face, px, s, &runs[i], out, n);
    return n;
}

/* The script HarfBuzz shapes a segment as: Arabic, or the first letter's. */
static const char *script_of(const seg *g, const char *s)
{
    if (g->face >= DL_FONTS)
        return "Arab";
    for (size_t i = g->start, e = g->start + g->len; i < e;) {
        uint32_t cp;
        size_t k = utf8_decode(s + i, e - i, &cp);
        if (k && cp >= 0x0370 && cp < 0x0400)
            return "Grek";
        if (k && cp >= 0x0400 && cp < 0x0530)
            return "Cyrl";
        if (k && ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z'))
            return "Latn";
        i += k ? k : 1;
    }
    return "Zyyy";
}

/* The font of segment g set for it (prep'd text in rd->buf), or NULL. */
static TTF_Font *seg_font(render *rd, const seg *g, int px, const char *s, const char **t)
{
    TTF_Font *font = rd_font(rd, g->face, px);
    if (!font)
        return NULL;
    if (!g->plain) {
        TTF_SetFontDirection(font, g->rtl ? TTF_DIRECTION_RTL : TTF_DIRECTION_LTR);
        TTF_SetFontScriptName(font, script_of(g, s));
    }
    *t = prep(rd, font, s + g->start, g->len);
    return font;
}

/* Back to the defaults after a shaped segment: plain text is set as ever. */
static void seg_done(TTF_Font *font, const seg *g)
{
    if (!g->plain) {
        TTF_SetFontDirection(font, TTF_DIRECTION_LTR);
        TTF_SetFontScriptName(font, "Zzzz");
    }
}

int rd_measure_text(void *ctx, int face, int px, const char *s, size_t len, int rtl)
{
    render *rd = ctx;
    uint64_t seed = 1469598103934665603ull ^ ((uint64_t)px << 3 | (uint64_t)rtl << 2 | (uint64_t)face);
    uint64_t key = rd_hash(s, len, seed) | 1;
    size_t slot = (size_t)(key >> 17) % MEASURE_SLOTS;
    if (rd->widths[slot].key == key)
        return rd->widths[slot].w;
    seg g[SEGS_MAX];
    size_t n = segments(rd, face, rtl, px, s, len, g);
    int total = 0;
    for (size_t i = 0; i < n; i++) {
        const char *t = NULL;
        TTF_Font *font = seg_font(rd, &g[i], px, s, &t);
        int w = 0, h = 0;
        int rc = font && t ? TTF_SizeUTF8(font, t, &w, &h) : -1;
        if (font)
            seg_done(font, &g[i]);
        if (rc != 0)
            return (int)len * px / 2;
        total += w;
    }
    rd->widths[slot].key = key;
    rd->widths[slot].w = total;
    return total;
}

/* One segment rendered white (NULL for nothing to draw); its face's ascent. */
static SDL_Surface *seg_surface(render *rd, const seg *g, int px, const char *s, int *asc)
{
    const char *t = NULL;
    SDL_Surface *part = NULL;
    SDL_Color white = {255, 255, 255, 255};
    TTF_Font *font = seg_font(rd, g, px, s, &t);
    if (font && t && *t && !(part = TTF_RenderUTF8_Blended(font, t, white)))
        log_warn("render", "cannot render text (%d px): %s", px, TTF_GetError());
    if (font)
        seg_done(font, g);
    *asc = font ? TTF_FontAscent(font) : 0;
    return part;
}

/* The segments rendered side by side on their common baseline into one
 * surface (a single segment: its own, as plain text always was); *above:
 * how far its top lies above the line's face's. */
static SDL_Surface *compose(render *rd, int face, int px, const char *s, const seg *g, size_t n,
                            int *above)
{
    SDL_Surface *part[SEGS_MAX] = {0};
    int asc[SEGS_MAX], w = 0, top = 0, bottom = 0;
    for (size_t i = 0; i < n; i++) {
        part[i] = seg_surface(rd, &g[i], px, s, &asc[i]);
        if (part[i]) {
            w += part[i]->w;
            top = asc[i] > top ? asc[i] : top;
            bottom = part[i]->h - asc[i] > bottom ? part[i]->h - asc[i] : bottom;
        }
    }
    TTF_Font *base = g[0].face == face && n == 1 ? NULL : rd_font(rd, face, px);
    *above = base ? top - TTF_FontAscent(base) : 0;
    if (n == 1)
        return part[0];
    SDL_Surface *out =
        w > 0 ? SDL_CreateRGBSurfaceWithFormat(0, w, top + bottom, 32, SDL_PIXELFORMAT_ARGB8888) : NULL;
    int x = 0;
    for (size_t i = 0; i < n; i++) {
        if (!part[i])
            continue;
        SDL_Rect dst = {x, top - asc[i], part[i]->w, part[i]->h};
        SDL_SetSurfaceBlendMode(part[i], SDL_BLENDMODE_NONE); /* side by side: copy, not blend */
        if (out)
            SDL_BlitSurface(part[i], NULL, out, &dst);
        x += part[i]->w;
        SDL_FreeSurface(part[i]);
    }
    return out;
}

entry *rd_text_tex(render *rd, int face, int rtl, int px, const char *s, size_t len)
{
    uint64_t h;
    entry *e = rd_cache_find(rd, K_TEXT, face | rtl << 4, px, s, len, &h);
    if (e)
        return e;
    seg g[SEGS_MAX];
    size_t n = segments(rd, face, rtl, px, s, len, g);
    int above = 0;
    SDL_Surface *surf = compose(rd, face, px, s, g, n, &above);
    SDL_Texture *tex = surf ? SDL_CreateTextureFromSurface(rd->r, surf) : NULL;
    int w = surf ? surf->w : 0, ht = surf ? surf->h : 0;
    if (!tex) {
        if (surf)
            log_warn("render", "cannot make a texture of text (%d px): %s", px, SDL_GetError());
        SDL_FreeSurface(surf);
        return NULL;
    }
    SDL_FreeSurface(surf);
    SDL_SetTextureBlendMode(tex, SDL_BLENDMODE_BLEND);
    e = rd_cache_add(rd, h, K_TEXT, face | rtl << 4, px, s, len, tex, w, ht);
    if (e)
        e->oy = above;
    return e;
}

int render_missing_glyph(render *rd, int face, int px, const char *s, size_t len, uint32_t *cp,
                         size_t *off)
{
    seg g[SEGS_MAX];
    size_t n = segments(rd, face, 0, px, s, len, g);
    for (size_t i = 0; i < n; i++) {
        TTF_Font *font = rd_font(rd, g[i].face, px);
        for (size_t j = g[i].start, e = g[i].start + g[i].len; j < e;) {
            uint32_t c;
            size_t k = utf8_decode(s + j, e - j, &c);
            if (k && c > 0x20 && c != 0xA0 && !ignorable(c) &&
                !(font && TTF_GlyphIsProvided32(font, c))) {
                *cp = c;
                *off = j;
                return 1;
            }
            j += k ? k : 1;
        }
    }
    return 0;
}
