/* scripted.c — --script runs: the script's fingers go straight to the
 * session, on a virtual clock, so a minute of kiosk time passes in
 * milliseconds and every run is the same. */
#include <stdio.h>

#include "app_shell.h"
#include "rotate.h"

#define SCRIPT_TAP_MS 61 /* a scripted tap: 60 ms down, 1 ms after the lift */

/* A finger at (x, y), relative to the panel, as a touch screen reports it
 * (single precision), turned into the scene's pixels. */
static void finger(app *a, pointer_kind kind, int64_t id, double x, double y)
{
    float fx = (float)x, fy = (float)y;
    if (a->o.rotation) {
        double lx, ly;
        rotate_to_logical(a->o.rotation, fx, fy, &lx, &ly);
        fx = (float)lx;
        fy = (float)ly;
    }
    pointer p = {.kind = kind, .id = id, .x = (int)(fx * a->w + 0.5),
                 .y = (int)(fy * a->h + 0.5)};
    session_pointer(a->s, &p, a->vclock);
    app_pump(a, a->vclock);
}

/* Advance the virtual clock by ms, in frame steps while something moves. */
static void advance(app *a, uint64_t ms)
{
    uint64_t end = a->vclock + ms;
    while (a->vclock < end && !a->quit) {
        uint64_t dt = app_wait_ms(a, a->vclock);
        if (dt == 0 && session_animating(a->s, a->vclock)) {
            session_view v; /* the frame due: laid out as the window would, not drawn */
            session_view_at(a->s, a->vclock, &v);
            session_drawn(a->s, a->vclock);
            dt = app_wait_ms(a, a->vclock);
        }
        if (dt == 0)
            dt = session_animating(a->s, a->vclock) ? SESSION_FRAME_MS : 1;
        if (a->vclock + dt > end)
            dt = end - a->vclock;
        a->vclock += dt;
        app_step(a, a->vclock);
        app_pump(a, a->vclock);
        if (a->o.trace && session_targets_due(a->s)) {
            session_view v; /* so the trace shows the new targets at once */
            session_view_at(a->s, a->vclock, &v);
        }
    }
}

static void tap(app *a, double x, double y)
{
    finger(a, PTR_DOWN, 1, x, y);
    advance(a, SCRIPT_TAP_MS - 1);
    finger(a, PTR_UP, 1, x, y);
    advance(a, 1);
}

static void swipe(app *a, const script_cmd *cmd)
{
    finger(a, PTR_DOWN, 1, cmd->x1, cmd->y1);
    unsigned n = cmd->ms / SESSION_FRAME_MS + 1;
    for (unsigned k = 1; k <= n; k++) {
        double f = (double)k / n;
        advance(a, cmd->ms / n ? cmd->ms / n : 1);
        finger(a, PTR_MOVE, 1, cmd->x1 + (cmd->x2 - cmd->x1) * f,
               cmd->y1 + (cmd->y2 - cmd->y1) * f);
    }
    finger(a, PTR_UP, 1, cmd->x2, cmd->y2);
    advance(a, 1);
}

static int run_cmd(app *a, const script_cmd *cmd)
{
    switch (cmd->op) {
    case SCRIPT_TAP:
        tap(a, cmd->x1, cmd->y1);
        break;
    case SCRIPT_DOUBLETAP:
        tap(a, cmd->x1, cmd->y1);
        advance(a, SCRIPT_DOUBLETAP_GAP_MS - SCRIPT_TAP_MS); /* first to second tap */
        tap(a, cmd->x1, cmd->y1);
        break;
    case SCRIPT_HOLD2:
        finger(a, PTR_DOWN, 1, cmd->x1, cmd->y1);
        finger(a, PTR_DOWN, 2, cmd->x2, cmd->y2); /* SCRIPT_HOLD2_SPREAD apart */
        advance(a, cmd->ms);
        finger(a, PTR_UP, 2, cmd->x2, cmd->y2);
        finger(a, PTR_UP, 1, cmd->x1, cmd->y1);
        advance(a, 1);
        break;
    case SCRIPT_SWIPE:
        swipe(a, cmd);
        break;
    case SCRIPT_WAIT:
        advance(a, cmd->ms);
        break;
    case SCRIPT_SHOT:
        app_draw(a, a->vclock);
        if (render_save_png(a->rd, cmd->file) != 0) {
            fprintf(stderr, "%s: cannot save %s\n", "script", cmd->file);
            return 1;
        }
        SDL_RenderPresent(a->ren);
        break;
    case SCRIPT_QUIT:
        a->quit = 1;
        break;
    }
    return 0;
}

int scripted_run(app *a)
{
    const script *s = a->o.script;
    for (size_t i = 0; i < s->n && !a->quit; i++)
        if (run_cmd(a, &s->cmds[i]) != 0)
            return 1;
    return 0;
}
