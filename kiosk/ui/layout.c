/* layout.c — the scene builder's entry: one scene for a state. See layout.h.
 *
 * The work is done by the modules beside it: pen (the builder's context
 * and primitives), widgets (the shared controls), scene_attract,
 * scene_menu, scene_page (one scene each) and scene_overlay (countdown,
 * content errors, notice), drawing through wrap (text) and color. */
#include "layout.h"

#include <string.h>

#include "arena.h"
#include "pen.h"
#include "scene_attract.h"
#include "scene_menu.h"
#include "scene_overlay.h"
#include "scene_page.h"
#include "widgets.h"

int layout_has_lang(const kcontent *c, lang lg)
{
    if (!c)
        return 0;
    if (ktext_has(&c->title, lg) || ktext_has(&c->invitation, lg) || ktext_has(&c->menu_title, lg))
        return 1;
    for (size_t i = 0; i < c->n_slides; i++)
        if (ktext_has(&c->slides[i].title, lg) || ktext_has(&c->slides[i].text, lg))
            return 1;
    for (size_t i = 0; i < c->n_domains; i++) {
        const kdomain *d = &c->domains[i];
        if (ktext_has(&d->title, lg) || ktext_has(&d->summary, lg))
            return 1;
        for (size_t j = 0; j < d->n_pages; j++) {
            if (ktext_has(&d->pages[j].title, lg))
                return 1;
            for (size_t k = 0; k < d->pages[j].n_blocks; k++)
                if (ktext_has(&d->pages[j].blocks[k].text, lg))
                    return 1;
        }
    }
    return 0;
}

int layout_lang_shown(const kcontent *c, lang lg)
{
    if (lg >= content_n_langs(c))
        return 0;
    return lg == LANG_DE || !klang_easy(c, lg) || layout_has_lang(c, lg);
}

/* The scene of s's place in the content, and the countdown over it. */
static void build_place(pen *l)
{
    const kcontent *c = l->c;
    const nav_state *s = l->s;
    switch (s->scene) {
    case NAV_ATTRACT:
        scene_attract(l);
        break;
    case NAV_MENU:
        scene_menu(l);
        break;
    case NAV_PAGE:
        if (s->domain >= 0 && (size_t)s->domain < c->n_domains && s->page >= 0 &&
            (size_t)s->page < c->domains[s->domain].n_pages)
            scene_page(l);
        else
            scene_menu(l);
        break;
    }
    int secs = l->p->cfg ? nav_countdown(s, l->p->cfg, l->p->now) : -1;
    if (secs >= 0)
        scene_countdown(l, secs);
}

/* 1 for an icon that points along the line (back, forward, the pager's
 * chevrons): it points the other way in a right-to-left scene. */
static int icon_points(const dl_item *it)
{
    static const char *const pointing[] = {ICON_BACK, ICON_ARROW, ICON_LEFT, ICON_RIGHT};
    for (size_t i = 0; i < sizeof pointing / sizeof pointing[0]; i++)
        if (it->len == strlen(pointing[i]) && memcmp(it->text, pointing[i], it->len) == 0)
            return 1;
    return 0;
}

void layout_mirror(scene *sc)
{
    int to_rtl = !sc->rtl;
    for (size_t i = 0; i < sc->n_items; i++) {
        dl_item *it = &sc->items[i];
        it->x = sc->w - it->x - it->w;
        if (it->kind == DL_TEXT)
            it->rtl = !to_rtl ? 0 : it->bold == DL_FONT_ICON ? (uint8_t)icon_points(it) : 1;
    }
    for (size_t i = 0; i < sc->n_targets; i++)
        sc->targets[i].x = sc->w - sc->targets[i].x - sc->targets[i].w;
    if (sc->view_h)
        sc->view_x = sc->w - sc->view_x - sc->view_w;
    sc->rtl = to_rtl;
}

scene *layout_build(const kcontent *c, const nav_state *s, const layout_params *given)
{
    /* the visitor's language decides the direction; p->rtl also forces it
     * (the tests lay German out mirrored to test the mechanics) */
    layout_params rp = *given;
    const layout_params *p = &rp;
    if (c && s->language < c->n_langs && c->langs[s->language].rtl)
        rp.rtl = 1;
    scene *sc = scene_new(p->w, p->h);
    if (!sc)
        return NULL;
    pen l;
    pen_init(&l, sc, c, s, p);
    if (c)
        build_place(&l);
    if (p->diags && p->diags->errors)
        scene_diags(&l, p->diags);
    if (p->notice && p->notice->de && p->notice->en)
        scene_notice(&l, p->notice);
    if (p->rtl)
        layout_mirror(sc);
    scene_sort(sc);
    if (arena_failed(sc->strings))
        sc->overflow++;
    return sc;
}
