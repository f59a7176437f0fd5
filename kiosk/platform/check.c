/* check.c — `kiosk --check` (check.h): the loader's checks, then what only
 * the screen's own libraries can tell: whether each image decodes, and
 * whether each text fits, measured with the screen's fonts. */
#include "check.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>

#include "content.h"
#include "content_fit.h"
#include "content_length.h"
#include "content_tree.h"
#include "diag.h"
#include "render.h"
#include "speech.h"
#include "uistrings.h"
#include "utf8.h"

/* ---- the tree: one rule with the publisher -------------------------------- */

static int tree_entry(void *ctx, const char *rel, ct_kind kind, const kfile_info *st)
{
    diag_list *d = ctx;
    (void)st;
    switch (kind) {
    case CT_USED:
    case CT_DOC:
        break;
    case CT_UNUSED:
        diag_add(d, DIAG_WARNING, rel, 0, 0,
                 "no content file names this file; it is not published: remove it or move it "
                 "out of the content folder");
        break;
    case CT_LINK:
        diag_add(d, DIAG_ERROR, rel, 0, 0,
                 "a symbolic link; a content tree holds plain files and folders only (copy the "
                 "file in, or remove the link)");
        break;
    case CT_SPECIAL:
        diag_add(d, DIAG_ERROR, rel, 0, 0,
                 "not a plain file (a FIFO, socket or device); remove it");
        break;
    case CT_TOO_DEEP:
        diag_add(d, DIAG_ERROR, rel, 0, 0, "folders nested too deep");
        break;
    case CT_TOO_LONG:
        diag_add(d, DIAG_ERROR, rel, 0, 0, "path too long");
        break;
    case CT_UNREADABLE:
        diag_add(d, DIAG_ERROR, rel, 0, 0, "cannot read: %s", strerror(errno));
        break;
    }
    return 0;
}

/* ---- images: decoded as the screen decodes them ---------------------------- */

/* 0 when the image at rel decodes: PNG and JPEG whole, SVG rasterized. */
static int decodes(const kcontent *c, const char *rel, char *why, size_t size)
{
    char path[4096];
    if (content_path(c, rel, path, sizeof path) != 0) {
        snprintf(why, size, "path too long");
        return -1;
    }
    size_t n = strlen(rel);
    int svg = n > 4 && SDL_strcasecmp(rel + n - 4, ".svg") == 0;
    SDL_Surface *s = NULL;
    if (svg) {
        SDL_RWops *rw = SDL_RWFromFile(path, "rb");
        s = rw ? IMG_LoadSizedSVG_RW(rw, 256, 0) : NULL;
        if (rw)
            SDL_RWclose(rw);
    } else {
        s = IMG_Load(path);
    }
    if (s && s->w > 0 && s->h > 0) {
        SDL_FreeSurface(s);
        return 0;
    }
    snprintf(why, size, "%s", s ? "it has no pixels" : IMG_GetError());
    SDL_FreeSurface(s);
    return -1;
}

static void check_image(const kcontent *c, const char *rel, diag_list *d)
{
    char why[256];
    if (!rel || decodes(c, rel, why, sizeof why) == 0)
        return;
    const ksource *src = content_source(c, rel);
    diag_add(d, DIAG_ERROR, src ? src->file : rel, src ? src->line : 0, src ? src->col : 0,
             "image '%s' does not decode (%s); the screen would show a grey box", rel, why);
}

static void check_images(const kcontent *c, diag_list *d)
{
    check_image(c, c->logo, d);
    for (size_t i = 0; i < c->n_slides; i++)
        check_image(c, c->slides[i].image, d);
    for (size_t i = 0; i < c->n_domains; i++) {
        const kdomain *dom = &c->domains[i];
        check_image(c, dom->icon, d);
        check_image(c, dom->image, d);
        for (size_t p = 0; p < dom->n_pages; p++)
            for (size_t b = 0; b < dom->pages[p].n_blocks; b++)
                if (dom->pages[p].blocks[b].kind == BLOCK_IMAGE)
                    check_image(c, dom->pages[p].blocks[b].image, d);
    }
}

/* ---- texts: every character has a glyph ----------------------------------- */

/* 1 when p is one of the model's image paths (a source, but not a text). */
static int is_image_path(const kcontent *c, const char *p)
{
    if (p == c->logo)
        return 1;
    for (size_t i = 0; i < c->n_slides; i++)
        if (p == c->slides[i].image)
            return 1;
    for (size_t i = 0; i < c->n_domains; i++) {
        const kdomain *dom = &c->domains[i];
        if (p == dom->icon || p == dom->image)
            return 1;
        for (size_t j = 0; j < dom->n_pages; j++)
            for (size_t b = 0; b < dom->pages[j].n_blocks; b++)
                if (p == dom->pages[j].blocks[b].image)
                    return 1;
    }
    return 0;
}

/* Every text in every language against the faces that will draw it (Noto
 * Sans, Noto Sans Arabic for Arabic script, regular and bold): a character
 * none has would be a box on screen, so it is an error here. */
static void check_glyphs(const kcontent *c, render *rd, diag_list *d)
{
    for (size_t i = 0; i < c->n_sources; i++) {
        const ksource *k = &c->sources[i];
        if (!k->s || is_image_path(c, k->s))
            continue;
        for (int face = DL_FONT_REGULAR; face <= DL_FONT_BOLD; face++) {
            uint32_t cp;
            size_t off;
            if (!render_missing_glyph(rd, face, 20, k->s, k->len, &cp, &off))
                continue;
            uint32_t same;
            size_t n = utf8_decode(k->s + off, k->len - off, &same);
            diag_add(d, DIAG_ERROR, k->file, k->line, k->col,
                     "character U+%04X ('%.*s', character %zu of the text) is in none of the "
                     "screen's fonts; it would show as a box",
                     (unsigned)cp, (int)(n ? n : 1), k->s + off, utf8_count(k->s, off) + 1);
            break;
        }
    }
}

/* ---- texts: laid out as the screen lays them out --------------------------- */

/* The layout with the renderer's own measure (its fonts, its hyphenation),
 * on a software renderer: no window, no display needed. */
static void check_fit(const kcontent *c, const char *fonts_dir, diag_list *d)
{
    SDL_Surface *surf = SDL_CreateRGBSurfaceWithFormat(0, 16, 16, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *ren = surf ? SDL_CreateSoftwareRenderer(surf) : NULL;
    render *rd = ren && TTF_Init() == 0 ? render_new(ren, fonts_dir, c->root) : NULL;
    if (!rd) {
        diag_add(d, DIAG_ERROR, "", 0, 0,
                 "cannot measure the texts with the screen's fonts in %s: %s", fonts_dir,
                 SDL_GetError());
    } else {
        render_hyphens_wait(rd);
        check_glyphs(c, rd, d);
        content_fit_check(c, render_measure(rd), d);
    }
    render_free(rd);
    if (ren)
        SDL_DestroyRenderer(ren);
    SDL_FreeSurface(surf);
    if (TTF_WasInit())
        TTF_Quit();
}

/* ---- languages: the UI's words and a voice for each -------------------------- */

static void check_voices(const kcontent *c, diag_list *d)
{
    speech *sp = speech_new(NULL);
    for (size_t l = 0; sp && l < c->n_langs; l++) {
        const klang *k = &c->langs[l];
        if (!speech_has_voice(sp, k->voice))
            diag_add(d, DIAG_WARNING, "kiosk.yaml", k->line, k->col,
                     "espeak-ng has no voice '%s' for '%s': it would be read aloud in German",
                     k->voice, k->code);
    }
    if (!sp)
        diag_add(d, DIAG_WARNING, "", 0, 0, "the speech engine does not start: voices not checked");
    speech_free(sp);
}

int check_content(const char *dir, const char *fonts_dir, const char *strings_dir, int strict,
                  size_t max)
{
    diag_list d;
    diag_init(&d);
    kcontent *c = content_load(dir, &d);
    if (c) {
        content_load_strings(c, strings_dir, &d);
        check_voices(c, &d);
        content_tree_walk(dir, c, tree_entry, &d);
        check_images(c, &d);
        content_length_check(c, &d);
        check_fit(c, fonts_dir, &d);
        diag_sort(&d);
    }
    diag_print(&d, stderr, max);
    int rc = !c || d.errors ? 1 : strict && d.warnings ? 1 : 0;
    if (c && !d.errors)
        printf("%s: %s (%zu slides, %zu domains, %zu pages)\n", dir,
               rc ? "warnings fail the check with --strict" : "ok", c->n_slides, c->n_domains,
               content_page_count(c));
    content_free(c);
    diag_free(&d);
    return rc;
}
