/* fixture_content.h — a content generation built by hand, for tests that
 * need a realistic kcontent without the YAML loader: six domains, tabs,
 * every block kind, German, English and some Leichte Sprache, a missing
 * image and a very long word. Header-only; everything lives in one arena,
 * freed by fixture_free(). */
#ifndef KIOSK_FIXTURE_CONTENT_H
#define KIOSK_FIXTURE_CONTENT_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "content.h"
#include "uistrings.h"

static ktext fx_t(const char *de, const char *en)
{
    ktext t;
    memset(&t, 0, sizeof t);
    t.t[LANG_DE] = de;
    t.t[LANG_EN] = en;
    return t;
}

static ktext fx_t3(const char *de, const char *en, const char *ls)
{
    ktext t = fx_t(de, en);
    t.t[LANG_LS] = ls;
    return t;
}

/* The kiosk's own words, from the tables the kiosk ships (tests run from
 * the repository's root). */
static void fx_words(kcontent *c)
{
    diag_list d;
    diag_init(&d);
    if (content_load_strings(c, "assets/strings", &d) != 0 || d.n)
        fprintf(stderr, "fixture: the UI's words: %zu problems\n", d.n);
    diag_free(&d);
}

static kcolor fx_rgb(unsigned v)
{
    kcolor c = {(uint8_t)(v >> 16), (uint8_t)(v >> 8), (uint8_t)v};
    return c;
}

static kblock fx_block(block_kind k, ktext text)
{
    kblock b;
    memset(&b, 0, sizeof b);
    b.kind = k;
    b.text = text;
    return b;
}

static kpage fx_page(arena *a, const char *id, ktext title, const kblock *blocks, size_t n)
{
    kpage p;
    p.id = id;
    p.title = title;
    p.blocks = arena_array(a, n, sizeof *blocks);
    memcpy(p.blocks, blocks, n * sizeof *blocks);
    p.n_blocks = n;
    return p;
}

static kcontent *fixture_content(const char *root)
{
    arena *a = arena_new();
    kcontent *c = arena_alloc(a, sizeof *c);
    c->arena = a;
    c->root = root ? root : ".";
    c->title = fx_t("Kaiserslautern \xE2\x80\x93 digitale Stadt", "Kaiserslautern \xE2\x80\x93 Digital City");
    c->subtitle = fx_t("Unsere Bewerbung im Wettbewerb \xE2\x80\x9E" "digitale Stadt\xE2\x80\x9C",
                       "Our bid in the \xE2\x80\x9C" "digital city\xE2\x80\x9D competition");
    c->organisation = fx_t("Stadt Kaiserslautern", "City of Kaiserslautern");
    c->invitation = fx_t("Ber\xC3\xBChren Sie den Bildschirm", "Touch the screen to explore");
    c->menu_title = fx_t3("Themen", "Topics", "Das k\xC3\xB6nnen Sie lesen");
    c->default_lang = LANG_DE;
    content_default_langs(c);
    fx_words(c);
    c->theme.background = fx_rgb(0x0d1b2a);
    c->theme.surface = fx_rgb(0x1b2d42);
    c->theme.text = fx_rgb(0xf1f5f9);
    c->theme.muted = fx_rgb(0xa9b8c9);
    c->theme.accent = fx_rgb(0xf4a261);

    static const struct { const char *id, *de_t, *en_t, *de_x, *en_x; unsigned col; int dom; } sl[] = {
        {"leuchtturm", "Kaiserslautern will digitale Leuchtturm-Stadt werden",
         "Kaiserslautern wants to become Germany's digital lighthouse city",
         "Als einzige Stadt in Rheinland-Pfalz bewirbt sich Kaiserslautern im Wettbewerb \xE2\x80\x9E"
         "digitale Stadt\xE2\x80\x9C von Bitkom und dem Deutschen St\xC3\xA4" "dte- und Gemeindebund.",
         "Kaiserslautern is the only city in Rhineland-Palatinate competing in the \xE2\x80\x9C"
         "digital city\xE2\x80\x9D contest run by Bitkom and the German Association of Towns and Municipalities.",
         0x0d1b2a, -1},
        {"menschen", "\xC3\x9C" "ber 150 Menschen arbeiten an der Bewerbung",
         "More than 150 people are working on the bid",
         "Politik, Wissenschaft, Wirtschaft und viele gesellschaftliche Gruppen gestalten gemeinsam die Zukunft der Stadt.",
         "Politics, research, business and many groups of society shape the city's future together.",
         0x14324a, 1},
        {"foerderung", "Millionen f\xC3\xBCr Mobilit\xC3\xA4t, Energie, Gesundheit und Bildung",
         "Millions for mobility, energy, health and education",
         "Die Gewinnerstadt erh\xC3\xA4lt ab Anfang 2018 F\xC3\xB6rdermittel und Preisgelder von mehreren Millionen Euro.",
         "From early 2018 the winning city receives funding and prize money worth several million euros.",
         0x1d3557, -1},
    };
    c->n_slides = sizeof sl / sizeof sl[0];
    c->slides = arena_array(a, c->n_slides, sizeof *c->slides);
    for (size_t i = 0; i < c->n_slides; i++) {
        kslide *s = &c->slides[i];
        s->id = sl[i].id;
        s->title = fx_t(sl[i].de_t, sl[i].en_t);
        s->text = fx_t(sl[i].de_x, sl[i].en_x);
        s->color = fx_rgb(sl[i].col);
        s->duration_ms = 8000;
        s->domain = sl[i].dom;
    }

    static const struct { const char *id, *de, *en, *sde, *sen; unsigned col; } dm[] = {
        {"mobilitaet", "Mobilit\xC3\xA4t", "Mobility", "Vernetzt unterwegs in Stadt und Region",
         "Connected travel in the city and region", 0x2a9d8f},
        {"energie", "Energie", "Energy", "Intelligente Netze f\xC3\xBCr Strom und W\xC3\xA4rme",
         "Smart grids for power and heat", 0xe9c46a},
        {"gesundheit", "Gesundheit", "Health", "Digitale Hilfe f\xC3\xBCr Patienten und Pflege",
         "Digital help for patients and care", 0xe76f51},
        {"bildung", "Bildung", "Education", "Lernen mit digitalen Werkzeugen in Schule und Hochschule",
         "Learning with digital tools at school and university", 0x8ab17d},
        {"forschung", "Forschung", "Research", "Weltweit bekannte Institute im IT-Bereich",
         "World-renowned IT research institutes", 0x6d597a},
        {"bewerbung", "Die Bewerbung", "The bid", "Zeitplan, Beteiligte und wie es weitergeht",
         "Timeline, people involved and what comes next", 0x457b9d},
    };
    c->n_domains = sizeof dm / sizeof dm[0];
    c->domains = arena_array(a, c->n_domains, sizeof *c->domains);
    for (size_t i = 0; i < c->n_domains; i++) {
        kdomain *d = &c->domains[i];
        d->id = dm[i].id;
        d->title = fx_t(dm[i].de, dm[i].en);
        d->summary = fx_t(dm[i].sde, dm[i].sen);
        d->color = fx_rgb(dm[i].col);
        d->file = arena_printf(a, "domains/%s.yaml", dm[i].id);
        kblock b[9];
        size_t n = 0;
        b[n++] = fx_block(BLOCK_PARAGRAPH,
            fx_t3("Kaiserslautern ist eine renommierte Hochschul- und Forschungsstadt, die den Wandel in das "
                  "digitale Zeitalter seit Jahren voranbringt. Mit dem Wettbewerb sollen wichtige "
                  "Infrastrukturen mit neuesten digitalen Anwendungen ausgestattet werden.",
                  "Kaiserslautern is a renowned university and research city that has driven the change to the "
                  "digital age for years. The competition is to equip important infrastructure with the "
                  "newest digital applications.",
                  i == 0 ? "Kaiserslautern hat viele Hoch-Schulen. Die Stadt will digital werden." : NULL));
        b[n++] = fx_block(BLOCK_HEADING, fx_t("Was geplant ist", "What is planned"));
        b[n] = fx_block(BLOCK_BULLETS, fx_t(NULL, NULL));
        b[n].n_items = 3;
        b[n].items = arena_array(a, 3, sizeof(ktext));
        b[n].items[0] = fx_t("Neue digitale Anwendungen ab Anfang 2018", "New digital applications from early 2018");
        b[n].items[1] = fx_t("Gemeinsam mit Wissenschaft und Wirtschaft", "Together with research and business");
        b[n].items[2] = fx_t("Offen f\xC3\xBCr alle B\xC3\xBCrgerinnen und B\xC3\xBCrger der Stadt",
                             "Open to every citizen of the city");
        n++;
        b[n] = fx_block(BLOCK_FACT, fx_t("Menschen aus Politik, Wissenschaft und Wirtschaft arbeiten an der Bewerbung.",
                                         "people from politics, research and business are working on the bid."));
        b[n++].value = fx_t("150+", NULL);
        b[n] = fx_block(BLOCK_LINK, fx_t("Mehr zur Bewerbung", "More about the bid"));
        b[n++].url = "https://www.wir-tun-was.de";
        if (i == 1) {
            b[n] = fx_block(BLOCK_IMAGE, fx_t("Ein Bild, das fehlt", "A missing picture"));
            b[n++].image = "images/fehlt.png";
            b[n++] = fx_block(BLOCK_PARAGRAPH,
                fx_t("Donaudampfschifffahrtsgesellschaftskapit\xC3\xA4nswitwenrentenversicherungsanstaltsdirektorinnenstellvertretung",
                     NULL));
        }
        d->n_pages = i == 5 ? 3 : 1;
        d->pages = arena_array(a, d->n_pages, sizeof *d->pages);
        d->pages[0] = fx_page(a, "ueberblick", fx_t3("\xC3\x9C" "berblick", "Overview", "Das Wichtigste"), b, n);
        if (d->n_pages > 1) {
            kblock z[3];
            z[0] = fx_block(BLOCK_FACT, fx_t("Abgabe der Bewerbung", "The bid is handed in"));
            z[0].value = fx_t("15. M\xC3\xA4rz 2017", "15 March 2017");
            z[1] = fx_block(BLOCK_FACT, fx_t("Die drei Finalisten werden verk\xC3\xBCndet", "The three finalists are announced"));
            z[1].value = fx_t("31. M\xC3\xA4rz 2017", "31 March 2017");
            z[2] = fx_block(BLOCK_FACT, fx_t("Die Finalisten entwickeln ihre Konzepte weiter", "Finalists refine their concepts"));
            z[2].value = fx_t("15. Mai 2017", "15 May 2017");
            d->pages[1] = fx_page(a, "zeitplan", fx_t("Zeitplan", "Timeline"), z, 3);
            kblock u[2];
            u[0] = fx_block(BLOCK_PARAGRAPH,
                fx_t("Ministerpr\xC3\xA4sidentin Malu Dreyer unterst\xC3\xBCtzt die Bewerbung und will der Stadt "
                     "unabh\xC3\xA4ngig vom Ausgang des Wettbewerbs bei der Umsetzung ihrer Vision helfen.",
                     "Minister-President Malu Dreyer supports the bid and promises to help the city realise its "
                     "vision whatever the outcome of the competition."));
            u[1] = fx_block(BLOCK_LINK, fx_t("Digitale D\xC3\xB6rfer: das Projekt f\xC3\xBCr den l\xC3\xA4ndlichen Raum",
                                             "Digital villages: the project for rural areas"));
            u[1].url = "https://www.wir-tun-was.de/digitale-doerfer";
            d->pages[2] = fx_page(a, "unterstuetzung", fx_t("Unterst\xC3\xBCtzung", "Support"), u, 2);
        }
    }
    c->slides[1].domain = 5;
    return c;
}

static void fixture_free(kcontent *c)
{
    if (c)
        arena_free(c->arena);
}

#endif
