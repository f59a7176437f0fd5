/* bench_frame — how long the kiosk takes to produce a frame, at 800x480,
 * 1920x1080 and 3840x2160, with the software renderer the kiosk uses under
 * X11 and headless (SDL_HINT_FRAMEBUFFER_ACCELERATION off).
 *
 * A frame is what the UI loop does for it: build the scene (layout_build),
 * draw it (render_scene) and present it. Three kinds of frames on the
 * bundled content:
 *   fade    the attract loop's cross-fade, every 33 ms of each of its
 *           transitions, two loops (the first with an empty texture cache)
 *   scroll  a long page scrolled by 24 px a frame, down and up (no new
 *           layout: the scroll layer moves)
 *   scene   the first frame of a new scene: the menu, then each domain's
 *           first page, twice (cold and warm texture cache)
 * Prints p50, p99 and max in milliseconds. Runs headless (SDL's offscreen
 * driver unless SDL_VIDEODRIVER says otherwise), so presenting costs only
 * the copy into the window surface; tests/bench/bench.sh runs it once more under
 * Xvfb (SDL_VIDEODRIVER=x11), where presenting includes sending the frame to
 * the X server. Lines start with "frame" for tests/bench/bench.sh. */
#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "content.h"
#include "uistrings.h"
#include "layout.h"
#include "nav.h"
#include "render.h"
#include "bench_util.h"

#define MAX_FRAMES 4096

typedef struct run {
    SDL_Renderer *ren;
    render *rd;
    const kcontent *c;
    layout_params p;
    nav_config cfg;
    double t[MAX_FRAMES];
    int n;
} run;

/* One frame of state s at time now, scrolled by scroll; scene kept in *keep
 * when keep is not NULL (for scrolling without a new layout). */
static int frame(run *r, const nav_state *s, uint64_t now, int scroll, scene **keep)
{
    double t0 = now_ms();
    scene *sc = keep && *keep ? *keep : NULL;
    if (!sc) {
        r->p.now = now;
        sc = layout_build(r->c, s, &r->p);
        if (!sc)
            return -1;
    }
    render_scene(r->rd, sc, scroll, -1);
    SDL_RenderPresent(r->ren);
    if (r->n < MAX_FRAMES)
        r->t[r->n++] = now_ms() - t0;
    if (keep)
        *keep = sc;
    else
        scene_free(sc);
    return 0;
}

static void report(run *r, int w, int h, const char *kind)
{
    if (r->n == 0)
        return;
    qsort(r->t, (size_t)r->n, sizeof r->t[0], cmp_double);
    int p99 = (int)(0.99 * (r->n - 1) + 0.5);
    char size[32];
    snprintf(size, sizeof size, "%dx%d", w, h);
    printf("frame %-10s %-7s %6d %8.2f %8.2f %8.2f\n", size, kind, r->n, r->t[r->n / 2], r->t[p99],
           r->t[r->n - 1]);
    fflush(stdout);
    r->n = 0;
}

static int bench_size(const kcontent *c, const char *fonts, int w, int h)
{
    int rc = -1;
    scene *sc = NULL;
    run *r = calloc(1, sizeof *r);
    /* under X11 the window must be mapped, or presenting copies nothing */
    const char *drv = SDL_GetCurrentVideoDriver();
    Uint32 flags = drv && strcmp(drv, "x11") == 0 ? SDL_WINDOW_SHOWN | SDL_WINDOW_BORDERLESS
                                                   : SDL_WINDOW_HIDDEN;
    SDL_Window *win = SDL_CreateWindow("bench", 0, 0, w, h, flags);
    if (!r || !win)
        goto out;
    r->ren = SDL_CreateRenderer(win, -1, SDL_RENDERER_SOFTWARE);
    if (!r->ren)
        goto out;
    r->rd = render_new(r->ren, fonts, c->root);
    if (!r->rd)
        goto out;
    r->c = c;
    nav_config_default(&r->cfg);
    r->p = (layout_params){.w = w, .h = h, .min_target = 40, .m = render_measure(r->rd),
                           .cfg = &r->cfg};

    nav_state s;
    uint64_t t0 = 1000000;
    nav_init(&s, c, t0);
    /* fades: two loops through every transition, 30 frames a second */
    for (int loop = 0; loop < 2; loop++)
        for (size_t k = 0; k < c->n_slides && c->n_slides > 1; k++) {
            s.scene = NAV_ATTRACT;
            s.prev_slide = (int)((k + c->n_slides - 1) % c->n_slides);
            s.slide = (int)k;
            s.slide_since = t0;
            for (uint64_t t = 0; t <= r->cfg.transition_ms; t += 33)
                if (frame(r, &s, t0 + t, 0, NULL) != 0)
                    goto out;
        }
    report(r, w, h, "fade");

    /* scroll: the longest first page, down to its end and back */
    int best = 0, best_h = -1;
    for (size_t d = 0; d < c->n_domains; d++) {
        nav_state ps = s;
        ps.scene = NAV_PAGE;
        ps.domain = (int)d;
        ps.page = 0;
        r->p.now = t0;
        scene *probe = layout_build(c, &ps, &r->p);
        if (probe && scene_max_scroll(probe) > best_h) {
            best_h = scene_max_scroll(probe);
            best = (int)d;
        }
        scene_free(probe);
    }
    s.scene = NAV_PAGE;
    s.domain = best;
    s.page = 0;
    s.prev_slide = -1;
    if (frame(r, &s, t0, 0, &sc) != 0)
        goto out;
    r->n = 0;
    int max = scene_max_scroll(sc);
    for (int pass = 0; pass < 2; pass++)
        for (int y = 0; y <= max; y += 24) {
            if (frame(r, &s, t0, pass == 0 ? y : max - y, &sc) != 0)
                goto out;
            if (max == 0)
                break;
        }
    scene_free(sc);
    sc = NULL;
    report(r, w, h, "scroll");

    /* scene changes: cold cache, then warm */
    render_flush(r->rd);
    for (int round = 0; round < 2; round++) {
        s.scene = NAV_MENU;
        if (frame(r, &s, t0, 0, NULL) != 0)
            goto out;
        for (size_t d = 0; d < c->n_domains; d++) {
            s.scene = NAV_PAGE;
            s.domain = (int)d;
            s.page = 0;
            if (frame(r, &s, t0, 0, NULL) != 0)
                goto out;
        }
    }
    report(r, w, h, "scene");
    rc = 0;
out:
    if (rc != 0)
        fprintf(stderr, "bench_frame: %dx%d: %s\n", w, h, SDL_GetError());
    scene_free(sc);
    if (r)
        render_free(r->rd);
    if (r && r->ren)
        SDL_DestroyRenderer(r->ren);
    if (win)
        SDL_DestroyWindow(win);
    free(r);
    return rc;
}

int main(void)
{
    static const int sizes[][2] = {{800, 480}, {1920, 1080}, {3840, 2160}};
    int rc = 0;
    if (!getenv("SDL_VIDEODRIVER"))
        setenv("SDL_VIDEODRIVER", "offscreen", 1);
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        fprintf(stderr, "bench_frame: SDL_Init: %s\n", SDL_GetError());
        return 1;
    }
    if (TTF_Init() != 0) {
        fprintf(stderr, "bench_frame: TTF_Init: %s\n", TTF_GetError());
        SDL_Quit();
        return 1;
    }
    IMG_Init(IMG_INIT_PNG | IMG_INIT_JPG);
    diag_list d;
    diag_init(&d);
    kcontent *c = content_load("content", &d);
    if (c)
        content_load_strings(c, "assets/strings", &d);
    if (!c) {
        diag_print(&d, stderr, 20);
        diag_free(&d);
        TTF_Quit();
        SDL_Quit();
        return 1;
    }
    printf("frame times, software renderer, %s driver (ms)\n", SDL_GetCurrentVideoDriver());
    printf("frame %-10s %-7s %6s %8s %8s %8s\n", "size", "kind", "frames", "p50", "p99", "max");
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
        rc |= bench_size(c, "assets/fonts", sizes[i][0], sizes[i][1]);
    content_free(c);
    diag_free(&d);
    IMG_Quit();
    TTF_Quit();
    SDL_Quit();
    return rc ? 1 : 0;
}
