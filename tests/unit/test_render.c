/* test_render.c — pictures as the renderer draws them: an SVG cropped to
 * fill its box, centred, never stretched, at two aspect ratios; the ground
 * colour while rasterizing waits for the first frame. Draws with SDL's
 * software renderer into a surface: no window, no video driver. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>

#include "fixture.h"
#include "render.h"
#include "scene.h"

/* A 100 x 100 drawing: white ground, a black disc of radius 40 in the
 * middle. Cropped to fill, its disc keeps its shape; stretched, it would
 * become an ellipse. */
static const char disc_svg[] =
    "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 100 100\">"
    "<rect width=\"100\" height=\"100\" fill=\"#ffffff\"/>"
    "<circle cx=\"50\" cy=\"50\" r=\"40\" fill=\"#000000\"/></svg>\n";

typedef struct canvas {
    SDL_Surface *s;
    SDL_Renderer *r;
    render *rd;
    char *dir;
} canvas;

static void canvas_open(canvas *c, int w, int h)
{
    c->dir = fx_mkdtemp();
    fx_write(c->dir, "disc.svg", disc_svg);
    c->s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    assert_non_null(c->s);
    c->r = SDL_CreateSoftwareRenderer(c->s);
    assert_non_null(c->r);
    c->rd = render_new(c->r, "assets/fonts", c->dir);
    assert_non_null(c->rd);
}

static void canvas_close(canvas *c)
{
    render_free(c->rd);
    SDL_DestroyRenderer(c->r);
    SDL_FreeSurface(c->s);
    fx_rmtree(c->dir);
}

/* One picture item filling a scene of the canvas's size; red ground. */
static void draw_picture(canvas *c, int zoom)
{
    scene *sc = scene_new(c->s->w, c->s->h);
    assert_non_null(sc);
    dl_item *it = scene_add_item(sc);
    assert_non_null(it);
    *it = (dl_item){.kind = DL_IMAGE, .alpha = 255, .w = c->s->w, .h = c->s->h,
                    .color = {255, 0, 0}, .ref = "disc.svg", .cover = 1, .zoom = zoom};
    render_scene(c->rd, sc, 0, -1);
    SDL_RenderPresent(c->r);
    scene_free(sc);
}

static Uint32 pixel(const canvas *c, int x, int y)
{
    return ((const Uint32 *)((const Uint8 *)c->s->pixels + (size_t)y * c->s->pitch))[x] &
           0xFFFFFF;
}

static int dark(const canvas *c, int x, int y)
{
    return (pixel(c, x, y) & 0xFF) < 128;
}

/* The length of the dark run through the middle, across (row) or down. */
static int run(const canvas *c, int across)
{
    int n = 0, len = across ? c->s->w : c->s->h;
    for (int i = 0; i < len; i++)
        n += across ? dark(c, i, c->s->h / 2) : dark(c, c->s->w / 2, i);
    return n;
}

static int reddish(const canvas *c)
{
    int n = 0;
    for (int y = 0; y < c->s->h; y++)
        for (int x = 0; x < c->s->w; x++)
            n += pixel(c, x, y) == 0xFF0000;
    return n;
}

static void test_svg_cropped_to_fill(void **st)
{
    (void)st;
    /* wide: filled by the width, the disc 160 px across, cut at top and
     * bottom (stretched it would be 80 high, contained 80 wide) */
    canvas c;
    canvas_open(&c, 200, 100);
    draw_picture(&c, 1000);
    assert_int_equal(reddish(&c), 0); /* filled to every edge */
    assert_in_range(run(&c, 1), 156, 164);
    assert_int_equal(run(&c, 0), 100);
    assert_false(dark(&c, 5, 50)); /* the white ground beside the disc */
    /* the corners of the box are the drawing's corners cropped: at its top
     * row the disc is sqrt(80^2 - 50^2) = 62 px to each side */
    int top = 0;
    for (int x = 0; x < 200; x++)
        top += dark(&c, x, 0);
    assert_in_range(top, 2 * 62 - 6, 2 * 62 + 6);
    /* zoomed in: larger, still round and centred */
    draw_picture(&c, 1000 + DL_ZOOM_MAX);
    assert_in_range(run(&c, 1), 162, 171);
    canvas_close(&c);

    /* tall: filled by the height, the same disc turned */
    canvas_open(&c, 100, 200);
    draw_picture(&c, 1000);
    assert_int_equal(reddish(&c), 0);
    assert_in_range(run(&c, 0), 156, 164);
    assert_int_equal(run(&c, 1), 100);
    canvas_close(&c);
}

static void test_first_frame_does_not_wait(void **st)
{
    (void)st;
    canvas c;
    canvas_open(&c, 120, 80);
    render_defer(c.rd, 1);
    draw_picture(&c, 1000);
    assert_int_equal(render_deferred(c.rd), 1);
    assert_int_equal(reddish(&c), 120 * 80); /* the ground colour only */
    render_defer(c.rd, 0);
    draw_picture(&c, 1000);
    assert_int_equal(reddish(&c), 0);
    size_t entries;
    unsigned long misses;
    render_stats(c.rd, &entries, NULL, &misses);
    draw_picture(&c, 1000 + DL_ZOOM_MAX / 2); /* rasterized once per size */
    unsigned long again;
    render_stats(c.rd, NULL, NULL, &again);
    assert_int_equal(again, misses);
    canvas_close(&c);
}

int main(void)
{
    if (SDL_Init(0) != 0 || TTF_Init() != 0)
        return 1;
    IMG_Init(0);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_svg_cropped_to_fill),
        cmocka_unit_test(test_first_frame_does_not_wait),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    IMG_Quit();
    TTF_Quit();
    SDL_Quit();
    return rc;
}
