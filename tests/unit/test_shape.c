/* test_shape.c — Arabic through the screen's own path (render.h: bidi
 * runs, Noto Sans Arabic, SDL2_ttf's HarfBuzz) against the same text
 * shaped by HarfBuzz directly with the same font file and size: the
 * widths agree, and the letters join (their glyphs are not the isolated
 * forms). Then a page whose text is Arabic, laid out right to left and
 * drawn: nothing cut or overlapping, and a PNG to look at
 * (build/shape/arabic-page-<W>x<H>.png). Draws with SDL's software
 * renderer into a surface: no window, no video driver. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>
#include <hb-ot.h>
#include <hb.h>

#include "content.h"
#include "fixture.h"
#include "layout.h"
#include "layout_check.h"
#include "render.h"
#include "scene.h"
#include "screen.h"

#define ARABIC_FONT "assets/fonts/NotoSansArabic-Regular.ttf"
#define SALAM "\xD8\xB3\xD9\x84\xD8\xA7\xD9\x85" /* سلام */
/* "أهلا وسهلا بكم في المدينة" — welcome to the town */
#define WELCOME "\xD8\xA3\xD9\x87\xD9\x84\xD8\xA7 \xD9\x88\xD8\xB3\xD9\x87\xD9\x84\xD8\xA7 " \
                "\xD8\xA8\xD9\x83\xD9\x85 \xD9\x81\xD9\x8A \xD8\xA7\xD9\x84\xD9\x85\xD8\xAF\xD9\x8A\xD9\x86\xD8\xA9"

typedef struct canvas {
    SDL_Surface *s;
    SDL_Renderer *r;
    render *rd;
} canvas;

static void canvas_open(canvas *c, int w, int h)
{
    c->s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    assert_non_null(c->s);
    c->r = SDL_CreateSoftwareRenderer(c->s);
    assert_non_null(c->r);
    c->rd = render_new(c->r, "assets/fonts", "content");
    assert_non_null(c->rd);
}

static void canvas_close(canvas *c)
{
    render_free(c->rd);
    SDL_DestroyRenderer(c->r);
    SDL_FreeSurface(c->s);
}

/* HarfBuzz alone: s shaped right to left as Arabic at px pixels; the glyph
 * ids into ids (up to max) and the total advance in pixels returned. */
static double hb_direct(const char *s, int px, unsigned *ids, size_t max, size_t *n)
{
    hb_blob_t *blob = hb_blob_create_from_file(ARABIC_FONT);
    hb_face_t *face = hb_face_create(blob, 0);
    hb_font_t *font = hb_font_create(face);
    hb_font_set_scale(font, px * 64, px * 64);
    hb_buffer_t *buf = hb_buffer_create();
    hb_buffer_add_utf8(buf, s, -1, 0, -1);
    hb_buffer_set_direction(buf, HB_DIRECTION_RTL);
    hb_buffer_set_script(buf, HB_SCRIPT_ARABIC);
    hb_buffer_set_language(buf, hb_language_from_string("ar", -1));
    hb_shape(font, buf, NULL, 0);
    unsigned len = 0;
    hb_glyph_info_t *info = hb_buffer_get_glyph_infos(buf, &len);
    hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(buf, &len);
    long adv = 0;
    for (unsigned i = 0; i < len; i++) {
        adv += pos[i].x_advance;
        if (i < max)
            ids[i] = info[i].codepoint;
    }
    *n = len;
    hb_buffer_destroy(buf);
    hb_font_destroy(font);
    hb_face_destroy(face);
    hb_blob_destroy(blob);
    return adv / 64.0;
}

static int kiosk_width(canvas *c, const char *s, int px)
{
    const layout_measure *m = render_measure(c->rd);
    return m->text_width(m->ctx, DL_FONT_REGULAR, px, s, strlen(s), 1);
}

/* The kiosk's width of a text is HarfBuzz's advance of it, within a pixel,
 * at several sizes. */
static void test_width_matches_harfbuzz(void **st)
{
    (void)st;
    canvas c;
    canvas_open(&c, 64, 64);
    const char *texts[] = {SALAM, WELCOME};
    const int sizes[] = {20, 36, 72};
    for (size_t t = 0; t < 2; t++)
        for (size_t k = 0; k < 3; k++) {
            unsigned ids[64];
            size_t n;
            double hb = hb_direct(texts[t], sizes[k], ids, 64, &n);
            int w = kiosk_width(&c, texts[t], sizes[k]);
            print_message("%zu at %d px: kiosk %d, HarfBuzz %.2f\n", t, sizes[k], w, hb);
            assert_true(w >= hb - 1.0 && w <= hb + 1.0);
        }
    canvas_close(&c);
}

/* سلام joins: seen takes its initial form, lam and alef become their
 * ligature, meem after alef (which joins only to the right) stays
 * isolated, in HarfBuzz's glyphs; and the kiosk's width is the joined
 * one, not the isolated letters' side by side. */
static void test_letters_join(void **st)
{
    (void)st;
    canvas c;
    canvas_open(&c, 64, 64);
    const int px = 48;
    unsigned joined[8], iso[4];
    size_t n, k;
    double jw = hb_direct(SALAM, px, joined, 8, &n);
    double iw = 0;
    for (size_t i = 0; i < 4; i++) { /* each letter alone: its isolated form */
        char one[3] = {SALAM[2 * i], SALAM[2 * i + 1], 0};
        iw += hb_direct(one, px, &iso[i], 1, &k);
        assert_int_equal(k, 1);
    }
    assert_int_equal(n, 3);            /* visual order: meem, lam-alef, seen */
    assert_int_equal(joined[0], iso[3]); /* meem: isolated */
    assert_true(joined[1] != iso[1] && joined[1] != iso[2]); /* the lam-alef ligature */
    assert_true(joined[2] != iso[0]);  /* seen: initial */
    int w = kiosk_width(&c, SALAM, px);
    assert_true(w >= jw - 1.0 && w <= jw + 1.0);
    assert_true(iw - jw > 4.0); /* the isolated letters are clearly wider */
    assert_true(w < iw - 3.0);
    /* drawn: the texture is the measured width (what the layout placed) */
    scene *sc = scene_new(64, 64);
    assert_non_null(sc);
    dl_item *it = scene_add_item(sc);
    *it = (dl_item){.kind = DL_TEXT, .alpha = 255, .x = 0, .y = 0, .w = w, .h = px, .px = px,
                    .text = SALAM, .len = strlen(SALAM), .rtl = 1, .color = {0, 0, 0}};
    sc->clear = (kcolor){255, 255, 255};
    render_scene(c.rd, sc, 0, -1);
    size_t entries = 0;
    render_stats(c.rd, &entries, NULL, NULL);
    assert_true(entries >= 1);
    scene_free(sc);
    canvas_close(&c);
}

/* The text drawn into a fresh scene: its ink's horizontal extent. */
static void ink_extent(canvas *c, const char *s, int px, int rtl, int *x0, int *x1)
{
    SDL_SetRenderDrawColor(c->r, 255, 255, 255, 255);
    SDL_RenderClear(c->r);
    scene *sc = scene_new(c->s->w, c->s->h);
    assert_non_null(sc);
    dl_item *it = scene_add_item(sc);
    *it = (dl_item){.kind = DL_TEXT, .alpha = 255, .x = 10, .y = 10, .w = 500, .h = px, .px = px,
                    .text = s, .len = strlen(s), .rtl = (uint8_t)rtl, .color = {0, 0, 0}};
    sc->clear = (kcolor){255, 255, 255};
    render_forget(c->rd);
    render_scene(c->rd, sc, 0, -1);
    scene_free(sc);
    *x0 = c->s->w;
    *x1 = -1;
    const Uint32 *p = c->s->pixels;
    for (int y = 0; y < c->s->h; y++)
        for (int x = 0; x < c->s->w; x++)
            if ((p[y * (c->s->pitch / 4) + x] & 0xFF) < 128) {
                *x0 = x < *x0 ? x : *x0;
                *x1 = x > *x1 ? x : *x1;
            }
}

/* "2017" inside Arabic stays "2017": drawn as the digits alone are, at the
 * left of the Arabic word in a right-to-left line. */
static void test_digits_keep_their_order(void **st)
{
    (void)st;
    canvas c;
    canvas_open(&c, 700, 120);
    int d0, d1, a0, a1, m0, m1;
    ink_extent(&c, "2017", 40, 1, &d0, &d1);
    ink_extent(&c, SALAM, 40, 1, &a0, &a1);
    ink_extent(&c, SALAM " 2017", 40, 1, &m0, &m1);
    /* the mixed line starts (left) with the digits: its left part is
     * exactly the digits' image */
    SDL_Surface *digits = SDL_CreateRGBSurfaceWithFormat(0, 700, 120, 32, SDL_PIXELFORMAT_ARGB8888);
    ink_extent(&c, "2017", 40, 1, &d0, &d1);
    SDL_BlitSurface(c.s, NULL, digits, NULL);
    ink_extent(&c, SALAM " 2017", 40, 1, &m0, &m1);
    int same = 1;
    const Uint32 *pd = digits->pixels, *pm = c.s->pixels;
    for (int y = 0; y < 120 && same; y++)
        for (int x = d0; x <= d1; x++)
            if (pd[y * (digits->pitch / 4) + x] != pm[y * (c.s->pitch / 4) + x])
                same = 0;
    SDL_FreeSurface(digits);
    assert_true(same);
    assert_true(m1 - m0 > (d1 - d0) + (a1 - a0)); /* both, with a space between */
    canvas_close(&c);
}

/* A page whose texts are Arabic, laid out right to left with the screen's
 * measure and drawn: the layout check finds nothing; the PNG is kept. */
static void arabic_page(int w, int h)
{
    diag_list d;
    diag_init(&d);
    kcontent *c = content_load("content", &d);
    diag_free(&d);
    assert_non_null(c);
    kpage *pg = &c->domains[0].pages[0];
    /* sample texts for the mechanics, not content: "a sample text to test
     * right-to-left display: the numbers 2017 and 800x480 and Latin words
     * such as Kaiserslautern keep their order" */
    pg->title.t[LANG_DE] = "\xD9\x86\xD8\xB5 \xD8\xAA\xD8\xAC\xD8\xB1\xD9\x8A\xD8\xA8\xD9\x8A";
    for (size_t i = 0; i < pg->n_blocks; i++)
        if (pg->blocks[i].text.t[LANG_DE])
            pg->blocks[i].text.t[LANG_DE] =
                "\xD9\x87\xD8\xB0\xD8\xA7 \xD9\x86\xD8\xB5 \xD8\xAA\xD8\xAC\xD8\xB1\xD9\x8A\xD8\xA8\xD9\x8A "
                "\xD9\x84\xD8\xA7\xD8\xAE\xD8\xAA\xD8\xA8\xD8\xA7\xD8\xB1 \xD8\xA7\xD9\x84\xD8\xB9\xD8\xB1"
                "\xD8\xB6 \xD9\x85\xD9\x86 \xD8\xA7\xD9\x84\xD9\x8A\xD9\x85\xD9\x8A\xD9\x86 \xD8\xA5\xD9\x84"
                "\xD9\x89 \xD8\xA7\xD9\x84\xD9\x8A\xD8\xB3\xD8\xA7\xD8\xB1: \xD8\xA7\xD9\x84\xD8\xA3\xD8\xB1"
                "\xD9\x82\xD8\xA7\xD9\x85 2017 \xD9\x88 800x480 \xD9\x88\xD8\xA7\xD9\x84\xD9\x83\xD9\x84\xD9"
                "\x85\xD8\xA7\xD8\xAA \xD8\xA7\xD9\x84\xD9\x84\xD8\xA7\xD8\xAA\xD9\x8A\xD9\x86\xD9\x8A\xD8"
                "\xA9 \xD9\x85\xD8\xAB\xD9\x84 Kaiserslautern \xD8\xAA\xD8\xA8\xD9\x82\xD9\x89 \xD8\xA8\xD8\xAA"
                "\xD8\xB1\xD8\xAA\xD9\x8A\xD8\xA8\xD9\x87\xD8\xA7.";
    canvas cv;
    canvas_open(&cv, w, h);
    render_hyphens_wait(cv.rd);
    nav_state s;
    nav_init(&s, c, 1000000);
    s.scene = NAV_PAGE;
    s.domain = s.page = 0; /* the first page, whose texts are Arabic now */
    nav_config cfg;
    nav_config_default(&cfg);
    layout_rules r = {.min_target = screen_mm_to_px(w, h, 9.0), .floor_px = 18 * h / 480};
    layout_params p = {.w = w, .h = h, .min_target = r.min_target, .m = render_measure(cv.rd),
                       .now = 1000000, .cfg = &cfg, .rtl = 1};
    scene *sc = layout_build(c, &s, &p);
    assert_non_null(sc);
    layout_report rep;
    layout_check_rules(sc, &r, &rep);
    for (int k = 0; k < LC_COUNT; k++)
        if (rep.n[k])
            print_message("%s: %s\n", layout_problem_name(k), rep.why[k]);
    for (int k = 0; k < LC_COUNT; k++)
        assert_int_equal(rep.n[k], 0);
    render_scene(cv.rd, sc, 0, -1);
    mkdir("build/shape", 0755);
    char path[128];
    snprintf(path, sizeof path, "build/shape/arabic-page-%dx%d.png", w, h);
    assert_int_equal(render_save_png(cv.rd, path), 0);
    scene_free(sc);
    canvas_close(&cv);
    content_free(c);
}

static void test_arabic_page(void **st)
{
    (void)st;
    arabic_page(800, 480);
    arabic_page(1920, 1080);
}

/* The Arabic face is read only when a text needs it: a renderer whose
 * fonts folder lacks it starts and draws German; Arabic text then falls
 * back to Noto Sans (U+FFFD boxes), and the width differs from the shaped one. */
static void test_arabic_face_is_lazy(void **st)
{
    (void)st;
    char *dir = fx_mkdtemp();
    for (int i = 0; i < DL_FONTS; i++) {
        char path[256];
        snprintf(path, sizeof path, "assets/fonts/%s", scene_font_file[i]);
        size_t len = 0;
        void *data = SDL_LoadFile(path, &len);
        assert_non_null(data);
        fx_write_bytes(dir, scene_font_file[i], data, len);
        SDL_free(data);
    }
    canvas full;
    canvas_open(&full, 64, 64);
    SDL_Surface *surf = SDL_CreateRGBSurfaceWithFormat(0, 400, 80, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *ren = SDL_CreateSoftwareRenderer(surf);
    render *rd = render_new(ren, dir, "content");
    assert_non_null(rd); /* started without Noto Sans Arabic */
    const layout_measure *m = render_measure(rd);
    const char *de = "Gr\xC3\xBC\xC3\x9F Gott, Kaiserslautern";
    const layout_measure *fm = render_measure(full.rd);
    assert_int_equal(m->text_width(m->ctx, DL_FONT_REGULAR, 30, de, strlen(de), 0),
                     fm->text_width(fm->ctx, DL_FONT_REGULAR, 30, de, strlen(de), 0));
    int shaped = kiosk_width(&full, WELCOME, 30);
    assert_true(m->text_width(m->ctx, DL_FONT_REGULAR, 30, WELCOME, strlen(WELCOME), 1) != shaped);
    render_free(rd);
    SDL_DestroyRenderer(ren);
    SDL_FreeSurface(surf);
    canvas_close(&full);
    fx_rmtree(dir);
}

static int setup(void **st)
{
    (void)st;
    return TTF_Init();
}

static int teardown(void **st)
{
    (void)st;
    TTF_Quit();
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_width_matches_harfbuzz),
        cmocka_unit_test(test_letters_join),
        cmocka_unit_test(test_digits_keep_their_order),
        cmocka_unit_test(test_arabic_page),
        cmocka_unit_test(test_arabic_face_is_lazy),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
