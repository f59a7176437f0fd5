/* shots.c — screenshots: every scene for reviews (--screenshot-dir), and
 * the operators' view of the running kiosk (SIGUSR1, a timer, an upload). */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app_shell.h"
#include "fsat.h"
#include "fsutil.h"
#include "health.h"
#include "layout.h"
#include "log.h"
#include "manifest.h"

#define SHOT_SIGNAL_MS 250 /* how soon a SIGUSR1 is noticed while idle */
#define TOUR_T0 1000000    /* the tour's virtual clock starts here */

static volatile sig_atomic_t shot_requested;

static void on_sigusr1(int sig)
{
    (void)sig;
    shot_requested = 1; /* async-signal-safe: the loop takes the shot */
}

/* ---- every scene, for reviews and documentation ------------------------- */

static int shoot(app *a, const char *name, uint64_t t)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.png", a->o.screenshot_dir, name);
    app_draw(a, t);
    if (render_save_png(a->rd, path) != 0)
        return -1;
    SDL_RenderPresent(a->ren);
    return 0;
}

/* The scene as it is now, its scroll layer moved by scroll pixels. */
static int shoot_scrolled(app *a, const char *name, uint64_t t, int scroll)
{
    char path[4096];
    session_view v;
    snprintf(path, sizeof path, "%s/%s.png", a->o.screenshot_dir, name);
    session_view_at(a->s, t, &v);
    if (!v.sc || v.black)
        return -1;
    render_forget(a->rd);
    render_scene(a->rd, v.sc, scroll, -1);
    if (render_save_png(a->rd, path) != 0)
        return -1;
    SDL_RenderPresent(a->ren);
    render_forget(a->rd);
    return 0;
}

/* Every slide of the attract loop in every language the content has, each
 * after its cross-fade: attract-<language>-<slide>. */
static int tour_slides(app *a, const kcontent *c, uint64_t t)
{
    char name[512];
    int rc = 0;
    for (int lg = 0; lg < (int)content_n_langs(c); lg++) {
        if (lg != (int)c->default_lang && !layout_has_lang(c, (lang)lg))
            continue;
        session_restart(a->s, t);
        session_act(a->s, NAV_LANG, lg, t);
        for (size_t i = 0; i < c->n_slides; i++) {
            if (i > 0)
                session_act(a->s, NAV_NEXT, 0, t);
            snprintf(name, sizeof name, "attract-%s-%s", content_lang_code(c, (lang)lg), c->slides[i].id);
            rc |= shoot(a, name, t + a->o.nav.transition_ms);
        }
    }
    session_restart(a->s, t);
    return rc;
}

/* Page p of domain d, reached from the menu. */
static void open_page(app *a, size_t d, size_t p, uint64_t t)
{
    session_act(a->s, NAV_HOME, 0, t);
    session_act(a->s, NAV_OPEN_DOMAIN, (int)d, t);
    if (p > 0)
        session_act(a->s, NAV_OPEN_PAGE, (int)p, t);
}

/* The first page with a link, scrolled so that its QR code shows: page-qr. */
static int tour_qr(app *a, const kcontent *c, uint64_t t)
{
    for (size_t d = 0; d < c->n_domains; d++)
        for (size_t p = 0; p < c->domains[d].n_pages; p++) {
            open_page(a, d, p, t);
            session_view v;
            session_view_at(a->s, t, &v);
            for (size_t i = 0; v.sc && i < v.sc->n_items; i++) {
                const dl_item *it = &v.sc->items[i];
                if (it->kind != DL_QR)
                    continue;
                int scroll = 0;
                if (it->layer == DL_SCROLL && it->y + it->h > v.sc->view_h) /* into view */
                    scroll = it->y + it->h + it->h / 4 - v.sc->view_h;
                if (scroll > scene_max_scroll(v.sc))
                    scroll = scene_max_scroll(v.sc);
                return shoot_scrolled(a, "page-qr", t, scroll < 0 ? 0 : scroll);
            }
        }
    return 0;
}

/* An emergency notice over the menu, as a kiosk shows one (an example
 * that says so), then gone again: notice. */
static int tour_notice(app *a, uint64_t t)
{
    manifest_notice *n = calloc(1, sizeof *n);
    if (!n)
        return -1;
    n->de = strdup("Beispiel: So erscheint eine dringende Mitteilung der Stadt auf jedem Kiosk.");
    n->en = strdup("Example: this is how an urgent notice from the city appears on every kiosk.");
    n->leicht = strdup("Das ist ein Beispiel. So sieht eine wichtige Nachricht von der Stadt aus.");
    n->starts = (int64_t)a->wall0 - 60;
    n->ends = (int64_t)a->wall0 + 3600;
    if (!n->de || !n->en || !n->leicht) {
        manifest_notice_free(n);
        return -1;
    }
    int64_t wall = (int64_t)a->wall0 * 1000 + (int64_t)(t - TOUR_T0);
    session_set_notice(a->s, n);
    session_tick(a->s, t, wall);
    int rc = shoot(a, "notice", t);
    session_set_notice(a->s, NULL);
    session_tick(a->s, t, wall);
    return rc;
}

/* Every page of every domain, each reached from the menu. */
static int tour_pages(app *a, const kcontent *c, uint64_t t)
{
    char name[512];
    int rc = 0;
    for (size_t d = 0; d < c->n_domains; d++)
        for (size_t p = 0; p < c->domains[d].n_pages; p++) {
            open_page(a, d, p, t);
            snprintf(name, sizeof name, "page-%s-%s", c->domains[d].id, c->domains[d].pages[p].id);
            rc |= shoot(a, name, t);
        }
    return rc;
}

/* The first page in English, the idle countdown, the visitor's
 * accessibility choices on a page and on the menu, and the bar's sheets. */
static int tour_choices(app *a, const kcontent *c, uint64_t t)
{
    const nav_config *cfg = &a->o.nav;
    int rc = 0;
    session_act(a->s, NAV_HOME, 0, t);
    session_act(a->s, NAV_OPEN_DOMAIN, 0, t);
    char name[64];
    lang second = content_second_lang(c);
    snprintf(name, sizeof name, "page-%s", content_lang_code(c, second));
    session_act(a->s, NAV_LANG, second, t);
    rc |= shoot(a, name, t);
    session_act(a->s, NAV_LANG, c->default_lang, t);
    t += cfg->idle_ms + cfg->warn_ms - 7000; /* seven seconds left */
    session_tick(a->s, t, (int64_t)a->wall0 * 1000 + (int64_t)(t - TOUR_T0));
    rc |= shoot(a, "idle-countdown", t);
    session_act(a->s, NAV_TOUCH, 0, t); /* dismisses the warning */
    session_act(a->s, NAV_CONTRAST, 0, t);
    rc |= shoot(a, "page-contrast", t);
    session_act(a->s, NAV_LARGE, 0, t);
    rc |= shoot(a, "page-contrast-large", t);
    session_act(a->s, NAV_CONTRAST, 0, t);
    rc |= shoot(a, "page-large", t);
    session_act(a->s, NAV_HOME, 0, t);
    rc |= shoot(a, "menu-large", t);
    session_act(a->s, NAV_LARGE, 0, t);
    session_act(a->s, NAV_CONTRAST, 0, t);
    rc |= shoot(a, "menu-contrast", t);
    session_act(a->s, NAV_CONTRAST, 0, t);
    session_act(a->s, NAV_SHEET, NAV_SHEET_A11Y, t);
    rc |= shoot(a, "menu-a11y", t);
    session_act(a->s, NAV_SHEET, NAV_SHEET_LANG, t);
    rc |= shoot(a, "menu-languages", t);
    session_act(a->s, NAV_SHEET, NAV_SHEET_NONE, t);
    return rc;
}

int shots_tour(app *a)
{
    const kcontent *c = session_content(a->s);
    uint64_t t = TOUR_T0;
    int rc = 0;
    if (!c)
        return shoot(a, "diagnostics", a->vclock) ? 1 : 0;
    a->o.trace = 0; /* the tour's steps are no visitor's: nothing to trace */
    fsutil_mkdir_p(a->o.screenshot_dir, 0755);
    session_restart(a->s, t);
    rc |= shoot(a, "attract", t);
    if (c->n_slides > 1) {
        session_act(a->s, NAV_NEXT, 0, t);
        rc |= shoot(a, "attract-fade", t + a->o.nav.transition_ms / 2);
        session_restart(a->s, t);
    }
    rc |= tour_slides(a, c, t);
    session_act(a->s, NAV_HOME, 0, t);
    rc |= shoot(a, "menu", t);
    for (int lg = 0; lg < (int)content_n_langs(c); lg++) {
        char name[64];
        if (lg == (int)c->default_lang || !layout_has_lang(c, (lang)lg))
            continue;
        snprintf(name, sizeof name, "menu-%s", content_lang_code(c, (lang)lg));
        session_act(a->s, NAV_LANG, lg, t);
        rc |= shoot(a, name, t);
    }
    session_act(a->s, NAV_LANG, c->default_lang, t);
    rc |= tour_pages(a, c, t);
    if (c->n_domains) {
        rc |= tour_qr(a, c, t);
        rc |= tour_choices(a, c, t);
    }
    rc |= tour_notice(a, t);
    return rc ? 1 : 0;
}

/* ---- screenshots for operators ---------------------------------------------- */

/* The screenshot directory, created when missing, opened without
 * following a link in its place: by default it lies in the state
 * directory, which another account may be able to write. -1 (errno). */
static int open_shot_dir(const char *dir)
{
    char parent[4096];
    if (snprintf(parent, sizeof parent, "%s", dir) >= (int)sizeof parent) {
        errno = ENAMETOOLONG;
        return -1;
    }
    size_t n = strlen(parent);
    while (n > 1 && parent[n - 1] == '/')
        parent[--n] = '\0';
    char *slash = strrchr(parent, '/');
    const char *name = slash ? slash + 1 : parent, *up = slash ? parent : ".";
    if (slash == parent)
        up = "/";
    if (slash)
        *slash = '\0';
    if (fsutil_mkdir_p(up, 0755) != 0)
        return -1;
    int pfd = open(up, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (pfd < 0)
        return -1;
    int fd = fsat_dir(pfd, name, 1, 0755);
    int e = errno;
    close(pfd);
    errno = e;
    return fd;
}

static void ops_shot(app *a, uint64_t now, int asked)
{
    char path[4096];
    static const char tmp[] = ".screen.png.tmp";
    a->last_shot = now;
    if (snprintf(path, sizeof path, "%s/screen.png", a->o.ops_screenshot_dir) >= (int)sizeof path)
        return;
    int dfd = open_shot_dir(a->o.ops_screenshot_dir);
    if (dfd < 0) {
        log_warn("screenshot", "%s: %s", a->o.ops_screenshot_dir,
                 errno == ELOOP || errno == ENOTDIR ? "a symbolic link or not a directory: not followed"
                                                    : strerror(errno));
        health_error(HEALTH_ERR_IO);
        return;
    }
    app_draw(a, now); /* what is on screen, drawn again into the back buffer */
    unlinkat(dfd, tmp, 0); /* a leftover, or anything planted: never written through */
    int fd = openat(dfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    int ok = fd >= 0 && render_save_png_fd(a->rd, fd) == 0 && renameat(dfd, tmp, dfd, "screen.png") == 0;
    SDL_RenderPresent(a->ren);
    if (!ok) {
        log_warn("screenshot", "cannot save %s: %s", path, strerror(errno));
        unlinkat(dfd, tmp, 0);
        close(dfd);
        health_error(HEALTH_ERR_IO);
        return;
    }
    close(dfd);
    log_msg(asked ? LOG_INFO : LOG_DEBUG, "screenshot", "saved %s", path); /* timer shots stay quiet */
    if (a->up)
        shotup_submit(a->up, path);
}

void shots_poll(app *a, uint64_t now)
{
    if (!a->o.ops_screenshot_dir) {
        if (shot_requested)
            log_warn("screenshot", "SIGUSR1 ignored: no screenshot directory (--screenshot-dir)");
        shot_requested = 0;
        return;
    }
    unsigned iv = a->o.ops_screenshot_interval_s;
    if (shot_requested || (iv && now - a->last_shot >= (uint64_t)iv * 1000)) {
        int asked = shot_requested != 0;
        shot_requested = 0;
        ops_shot(a, now, asked);
    }
}

uint64_t shots_deadline(const app *a, uint64_t now)
{
    return a->o.ops_screenshot_dir ? now + SHOT_SIGNAL_MS : UINT64_MAX;
}

void shots_start(app *a, uint64_t now)
{
    /* always caught, so a stray SIGUSR1 cannot end a kiosk without a
     * screenshot directory */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigusr1;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGUSR1, &sa, NULL);
    if (!a->o.ops_screenshot_dir)
        return;
    if (a->o.ops_screenshot_url)
        a->up = shotup_start(a->o.ops_screenshot_url);
    a->last_shot = now;
    log_info("screenshot", "SIGUSR1%s saves %s/screen.png%s%s",
             a->o.ops_screenshot_interval_s ? " and a timer" : "", a->o.ops_screenshot_dir,
             a->o.ops_screenshot_url ? ", uploaded to " : "",
             a->o.ops_screenshot_url ? a->o.ops_screenshot_url : "");
}
