/* bench-html — the content tree as static HTML and CSS, for the side-by-side
 * benchmark against a browser kiosk (tests/bench/bench.sh).
 *
 *   bench-html CONTENT_DIR FONTS_DIR OUT_DIR
 *
 * Writes OUT_DIR/index.html (the attract loop), menu.html (the domain menu),
 * one <domain>-<page>.html per page, style.css, and copies the fonts and every
 * image the content uses. It mirrors what the kiosk draws at any resolution:
 * the same Noto Sans, the theme's colours, sizes in vmin (1 % of the short
 * side, the kiosk layout's unit) with the kiosk's type scale, the attract
 * loop's slide durations and cross-fade as a CSS animation (no script), QR
 * codes as inline SVG from the same encoder. It is what a web developer would
 * build for the same screens, not a pixel copy: the benchmark compares the
 * cost of showing equivalent content, so the page must be neither poorer nor
 * richer than the kiosk's scenes. Uses the project's loader, so it reads
 * exactly the content the kiosk reads. */
#include <errno.h>
#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "content.h"
#include "nav.h"

#define TRANSITION_S (NAV_DEFAULT_TRANSITION_MS / 1000.0)

static const char *out_dir;

static FILE *create(const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", out_dir, name);
    FILE *f = fopen(path, "w");
    if (!f)
        fprintf(stderr, "bench-html: %s: %s\n", path, strerror(errno));
    return f;
}

/* mkdir -p for the directories of a relative path below out_dir. */
static void make_parents(const char *rel)
{
    char path[4096];
    int n = snprintf(path, sizeof path, "%s/%s", out_dir, rel);
    if (n < 0 || (size_t)n >= sizeof path)
        return;
    for (char *p = path + strlen(out_dir) + 1; *p; p++)
        if (*p == '/') {
            *p = '\0';
            mkdir(path, 0755);
            *p = '/';
        }
}

static int copy_file(const char *from, const char *rel_to)
{
    char to[4096];
    int rc = -1;
    make_parents(rel_to);
    snprintf(to, sizeof to, "%s/%s", out_dir, rel_to);
    FILE *in = fopen(from, "rb"), *out = in ? fopen(to, "wb") : NULL;
    if (in && out) {
        char buf[65536];
        size_t n;
        rc = 0;
        while ((n = fread(buf, 1, sizeof buf, in)) > 0)
            if (fwrite(buf, 1, n, out) != n)
                rc = -1;
    }
    if (!in || !out)
        fprintf(stderr, "bench-html: cannot copy %s to %s\n", from, to);
    if (in)
        fclose(in);
    if (out && fclose(out) != 0)
        rc = -1;
    return rc;
}

static int copy_image(const kcontent *c, const char *rel)
{
    char from[4096];
    if (!rel)
        return 0;
    if (content_path(c, rel, from, sizeof from) != 0)
        return -1;
    return copy_file(from, rel);
}

static void esc(FILE *f, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '&': fputs("&amp;", f); break;
        case '"': fputs("&quot;", f); break;
        default: fputc(*s, f);
        }
    }
}

static void text(FILE *f, const ktext *t, lang l)
{
    esc(f, ktext_get(t, l));
}

static void hex(FILE *f, kcolor c)
{
    fprintf(f, "#%02x%02x%02x", c.r, c.g, c.b);
}

/* The darker shade the kiosk uses for discs and buttons on a coloured field. */
static kcolor shade(kcolor c, int pct)
{
    kcolor o = {(uint8_t)(c.r * pct / 100), (uint8_t)(c.g * pct / 100), (uint8_t)(c.b * pct / 100)};
    return o;
}

static void head(FILE *f, const kcontent *c, const char *title_suffix)
{
    fputs("<!DOCTYPE html>\n<html lang=\"de\"><head><meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
          f);
    text(f, &c->title, c->default_lang);
    if (title_suffix) {
        fputs(" – ", f);
        esc(f, title_suffix);
    }
    fputs("</title>\n<link rel=\"stylesheet\" href=\"style.css\">\n</head>\n", f);
}

static int write_css(const kcontent *c)
{
    FILE *f = create("style.css");
    if (!f)
        return -1;
    const ktheme *t = &c->theme;
    fputs("@font-face { font-family: 'Kiosk Sans'; font-weight: 400; src: url(fonts/NotoSans-Regular.ttf); }\n"
          "@font-face { font-family: 'Kiosk Sans'; font-weight: 700; src: url(fonts/NotoSans-Bold.ttf); }\n",
          f);
    fputs(":root {\n", f);
    fputs("  --bg: ", f), hex(f, t->background), fputs(";\n  --surface: ", f), hex(f, t->surface);
    fputs(";\n  --text: ", f), hex(f, t->text), fputs(";\n  --muted: ", f), hex(f, t->muted);
    fputs(";\n  --accent: ", f), hex(f, t->accent), fputs(";\n", f);
    /* the kiosk layout's type scale, in its unit: 1 % of the short side */
    fputs("  --small: 2.5vmin; --body: 3.2vmin; --lead: 3.9vmin; --h2: 4.6vmin;\n"
          "  --h1: 6vmin; --hero: 7.6vmin; --fact: 9vmin; --m: 5vmin;\n}\n", f);
    fputs("* { box-sizing: border-box; margin: 0; padding: 0; }\n"
          "html, body { width: 100vw; height: 100vh; overflow: hidden; background: var(--bg);\n"
          "  color: var(--text); font-family: 'Kiosk Sans', sans-serif; cursor: none;\n"
          "  user-select: none; -webkit-tap-highlight-color: transparent; }\n"
          "a { color: inherit; text-decoration: none; }\n"
          /* attract loop */
          ".slide { position: absolute; inset: 0; padding: var(--m); display: flex;\n"
          "  flex-direction: column; }\n"
          ".org { font-size: var(--small); line-height: 1.3; }\n"
          ".kiosk-title { font-size: var(--h2); font-weight: 700; margin-top: 0.8vmin; }\n"
          ".logo { position: absolute; right: var(--m); top: var(--m); height: 10vmin; }\n"
          ".body { flex: 1; display: flex; flex-direction: column; justify-content: center;\n"
          "  max-width: 72%; }\n"
          ".body h1 { font-size: var(--hero); line-height: 1.12; font-weight: 700; }\n"
          ".bar { width: 12vmin; height: 1vmin; border-radius: 0.5vmin; background: var(--accent);\n"
          "  margin: 3.5vmin 0; }\n"
          ".body p { font-size: var(--lead); line-height: 1.42; }\n"
          ".foot { display: flex; align-items: center; justify-content: space-between; }\n"
          ".invite { display: flex; align-items: center; gap: 3vmin; background: var(--accent);\n"
          "  color: var(--bg); border-radius: 8vmin; padding: 2.4vmin 4vmin; }\n"
          ".mark { width: 4.8vmin; height: 4.8vmin; border-radius: 50%; background: rgba(0,0,0,.25);\n"
          "  display: flex; align-items: center; justify-content: center; }\n"
          ".mark::after { content: ''; width: 2.4vmin; height: 2.4vmin; border-radius: 50%;\n"
          "  background: var(--bg); }\n"
          ".invite b { display: block; font-size: var(--lead); line-height: 1.15; }\n"
          ".invite span { display: block; font-size: var(--body); line-height: 1.15; margin-top: 0.6vmin; }\n"
          ".dots { display: flex; gap: 1.6vmin; align-items: center; }\n"
          ".dots i { width: 1vmin; height: 1vmin; border-radius: 0.5vmin; background: rgba(255,255,255,.5); }\n"
          ".dots i.on { width: 3vmin; background: var(--accent); }\n",
          f);
    /* menu */
    fputs(".screen { position: absolute; inset: 0; padding: 3.5vmin; display: flex; flex-direction: column; }\n"
          ".top { display: flex; justify-content: space-between; align-items: center; margin-bottom: 3vmin; }\n"
          ".top small { display: block; font-size: var(--small); color: var(--muted); }\n"
          ".top h1 { font-size: var(--h1); line-height: 1.1; font-weight: 700; }\n"
          ".langs { display: flex; background: rgba(0,0,0,.3); border-radius: 5vmin; padding: 0.6vmin; }\n"
          ".langs a { font-size: var(--small); font-weight: 700; padding: 1.8vmin 2.6vmin; border-radius: 5vmin; }\n"
          ".langs a.on { background: var(--accent); color: var(--bg); }\n"
          ".tiles { flex: 1; display: flex; flex-wrap: wrap; justify-content: center; gap: 2vmin; align-content: stretch; }\n"
          ".tile { position: relative; width: calc((100% - 6vmin) / 4); border-radius: 2vmin;\n"
          "  padding: 2vmin; display: flex; flex-direction: column; gap: 2vmin; }\n"
          ".disc { width: 6.2vmin; height: 6.2vmin; border-radius: 50%; display: flex;\n"
          "  align-items: center; justify-content: center; }\n"
          ".disc img { width: 3.6vmin; height: 3.6vmin; }\n"
          ".tile h2 { font-size: var(--h2); line-height: 1.1; font-weight: 700; }\n"
          ".tile p { font-size: var(--body); line-height: 1.35; padding-right: 6vmin; }\n"
          ".tile .arrow { position: absolute; right: 2vmin; bottom: 2vmin; font-size: var(--h2); font-weight: 700; }\n",
          f);
    /* page */
    fputs(".header { position: absolute; left: 0; right: 0; top: 0; height: 13vmin; display: flex;\n"
          "  align-items: center; gap: 2.4vmin; padding: 0 3.5vmin; }\n"
          ".header h1 { flex: 1; font-size: var(--h2); font-weight: 700; }\n"
          ".btn { font-size: var(--body); font-weight: 700; padding: 1.8vmin 3vmin; border-radius: 5vmin; }\n"
          ".header .langs a.on { background: var(--text); }\n"
          ".tabs { display: flex; gap: 1.5vmin; margin-bottom: 3vmin; }\n"
          ".tabs a { font-size: var(--body); padding: 1.4vmin 2.6vmin; border-radius: 5vmin; background: var(--surface); }\n"
          ".view { position: absolute; left: 0; right: 0; top: 13vmin; bottom: 0; overflow-y: auto;\n"
          "  padding: 3.5vmin 0; scrollbar-width: thin; }\n"
          ".col { width: 66%; margin: 0 auto; }\n"
          ".col h2 { font-size: var(--h1); line-height: 1.15; font-weight: 700; }\n"
          ".col h2 + .rule { width: 7.5vmin; height: 0.8vmin; border-radius: 0.4vmin; margin: 2vmin 0 3vmin; }\n"
          ".col h3 { font-size: var(--h2); line-height: 1.2; font-weight: 700; margin: 4vmin 0 1.5vmin; }\n"
          ".col p { font-size: var(--body); line-height: 1.45; margin-bottom: 2vmin; }\n"
          ".col ul { list-style: none; margin-bottom: 2.5vmin; }\n"
          ".col li { font-size: var(--body); line-height: 1.45; padding-left: 3.5vmin; position: relative; margin-bottom: 0.6vmin; }\n"
          ".col li::before { content: ''; position: absolute; left: 0.6vmin; top: 0.6em; width: 1vmin;\n"
          "  height: 1vmin; border-radius: 50%; background: var(--dom-light); }\n"
          ".card { background: var(--surface); border-radius: 2vmin; padding: 2.4vmin; margin-bottom: 2.5vmin;\n"
          "  display: flex; align-items: center; gap: 3vmin; }\n"
          ".fact b { font-size: var(--fact); font-weight: 700; color: var(--dom-light);\n"
          "  border-left: 0.6vmin solid var(--dom-light); padding-left: 2vmin; line-height: 1; }\n"
          ".fact span, .link span { font-size: var(--body); line-height: 1.35; }\n"
          ".link svg { width: 20vmin; height: 20vmin; background: #fff; border-radius: 1vmin; flex: none; }\n"
          ".link b { display: block; font-size: var(--h2); margin-bottom: 1vmin; }\n"
          ".figure img { width: 100%; border-radius: 1.5vmin; }\n"
          ".figure figcaption { font-size: var(--small); color: var(--muted); margin: 1vmin 0 2.5vmin; }\n",
          f);
    /* The attract loop: one layer per slide, stacked in order. Slide 0 is
     * always underneath; each later slide fades in over the one before and
     * vanishes once the next one covers it; the last one fades out to reveal
     * slide 0 again. Same durations and cross-fade length as the kiosk.
     * The keyframes run TRANSITION_S behind the loop (animation-delay with
     * backwards fill) so the fade back to slide 0 lies at the end of a cycle
     * and the page opens on slide 0 alone. */
    double total = 0;
    for (size_t i = 0; i < c->n_slides; i++)
        total += c->slides[i].duration_ms / 1000.0;
    double start = 0;
    for (size_t i = 0; i < c->n_slides; i++) {
        fprintf(f, "#s%zu { background: ", i);
        hex(f, c->slides[i].color);
        fprintf(f, "; z-index: %zu;", i);
        if (i > 0)
            fprintf(f, " opacity: 0; animation: f%zu %.3fs linear %.3fs infinite backwards;", i,
                    total, TRANSITION_S);
        fputs(" }\n", f);
        if (i > 0) {
            double in0 = 100 * (start - TRANSITION_S) / total, in1 = 100 * start / total;
            fprintf(f, "@keyframes f%zu { 0%% { opacity: 0; } %.3f%% { opacity: 0; } %.3f%% { opacity: 1; } ",
                    i, in0, in1);
            if (i + 1 < c->n_slides) {
                double gone = 100 * (start + c->slides[i].duration_ms / 1000.0) / total;
                fprintf(f, "%.3f%% { opacity: 1; } %.3f%% { opacity: 0; } 100%% { opacity: 0; } }\n",
                        gone, gone + 0.001);
            } else {
                fprintf(f, "%.3f%% { opacity: 1; } 100%% { opacity: 0; } }\n",
                        100 * (total - TRANSITION_S) / total);
            }
        }
        start += c->slides[i].duration_ms / 1000.0;
    }
    return fclose(f) == 0 ? 0 : -1;
}

static void page_link(char *buf, size_t size, const kdomain *d, size_t page)
{
    snprintf(buf, size, "%s-%s.html", d->id, d->pages[page].id);
}

static int write_attract(const kcontent *c)
{
    FILE *f = create("index.html");
    if (!f)
        return -1;
    lang l = c->default_lang;
    head(f, c, NULL);
    fputs("<body>\n", f);
    for (size_t i = 0; i < c->n_slides; i++) {
        const kslide *s = &c->slides[i];
        char href[512] = "menu.html";
        if (s->domain >= 0)
            page_link(href, sizeof href, &c->domains[s->domain], 0);
        fprintf(f, "<a class=\"slide\" id=\"s%zu\" href=\"%s\">\n<div class=\"org\">", i, href);
        text(f, &c->organisation, l);
        fputs("</div>\n<div class=\"kiosk-title\">", f);
        text(f, &c->title, l);
        fputs("</div>\n", f);
        if (c->logo) {
            fputs("<img class=\"logo\" alt=\"\" src=\"", f);
            esc(f, c->logo);
            fputs("\">\n", f);
        }
        if (s->image) {
            fputs("<img class=\"logo\" alt=\"\" src=\"", f);
            esc(f, s->image);
            fputs("\">\n", f);
        }
        fputs("<div class=\"body\"><h1>", f);
        text(f, &s->title, l);
        fputs("</h1><div class=\"bar\"></div><p>", f);
        text(f, &s->text, l);
        fputs("</p></div>\n<div class=\"foot\"><div class=\"invite\"><div class=\"mark\"></div><div><b>", f);
        text(f, &c->invitation, LANG_DE);
        fputs("</b>", f);
        if (ktext_has(&c->invitation, LANG_EN)) {
            fputs("<span>", f);
            text(f, &c->invitation, LANG_EN);
            fputs("</span>", f);
        }
        fputs("</div></div>\n<div class=\"dots\">", f);
        for (size_t k = 0; k < c->n_slides; k++)
            fputs(k == i ? "<i class=\"on\"></i>" : "<i></i>", f);
        fputs("</div></div>\n</a>\n", f);
    }
    fputs("</body></html>\n", f);
    return fclose(f) == 0 ? 0 : -1;
}

static void langs(FILE *f, lang on)
{
    static const char *names[LANG_COUNT] = {"Deutsch", "English", "Leichte Sprache"};
    fputs("<nav class=\"langs\">", f);
    for (int k = 0; k < LANG_COUNT; k++)
        fprintf(f, "<a href=\"#\"%s>%s</a>", k == (int)on ? " class=\"on\"" : "", names[k]);
    fputs("</nav>", f);
}

static int write_menu(const kcontent *c)
{
    FILE *f = create("menu.html");
    if (!f)
        return -1;
    lang l = c->default_lang;
    head(f, c, ktext_get(&c->menu_title, l));
    fputs("<body><div class=\"screen\">\n<div class=\"top\"><div><small>", f);
    text(f, &c->title, l);
    fputs("</small><h1>", f);
    text(f, &c->menu_title, l);
    fputs("</h1></div>", f);
    langs(f, l);
    fputs("</div>\n<div class=\"tiles\">\n", f);
    for (size_t i = 0; i < c->n_domains; i++) {
        const kdomain *d = &c->domains[i];
        char href[512];
        page_link(href, sizeof href, d, 0);
        fprintf(f, "<a class=\"tile\" href=\"%s\" style=\"background: ", href);
        hex(f, d->color);
        fputs("\"><div class=\"disc\" style=\"background: ", f);
        hex(f, shade(d->color, 70));
        fputs("\">", f);
        if (d->icon) {
            fputs("<img alt=\"\" src=\"", f);
            esc(f, d->icon);
            fputs("\">", f);
        }
        fputs("</div><h2>", f);
        text(f, &d->title, l);
        fputs("</h2><p>", f);
        text(f, &d->summary, l);
        fputs("</p><span class=\"arrow\">→</span></a>\n", f);
    }
    fputs("</div></div></body></html>\n", f);
    return fclose(f) == 0 ? 0 : -1;
}

/* The QR code as SVG: one path of unit squares, with the 4-module quiet zone. */
static void qr_svg(FILE *f, const char *url)
{
    QRcode *qr = QRcode_encodeString(url, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!qr)
        return;
    int side = qr->width + 8;
    fprintf(f, "<svg viewBox=\"0 0 %d %d\" shape-rendering=\"crispEdges\"><path d=\"", side, side);
    for (int y = 0; y < qr->width; y++)
        for (int x = 0; x < qr->width; x++)
            if (qr->data[y * qr->width + x] & 1)
                fprintf(f, "M%d %dh1v1h-1z", x + 4, y + 4);
    fputs("\"/></svg>", f);
    QRcode_free(qr);
}

static int write_page(const kcontent *c, const kdomain *d, size_t pi)
{
    char name[512];
    page_link(name, sizeof name, d, pi);
    FILE *f = create(name);
    if (!f)
        return -1;
    lang l = c->default_lang;
    const kpage *pg = &d->pages[pi];
    head(f, c, ktext_get(&d->title, l));
    /* the kiosk lightens the domain colour where it marks things on the
     * dark background; a fixed blend with white is close enough here */
    kcolor light = {(uint8_t)((d->color.r + 255) / 2), (uint8_t)((d->color.g + 255) / 2),
                    (uint8_t)((d->color.b + 255) / 2)};
    fputs("<body style=\"--dom-light: ", f);
    hex(f, light);
    fputs("\">\n<div class=\"header\" style=\"background: ", f);
    hex(f, d->color);
    fputs("\"><a class=\"btn\" href=\"menu.html\" style=\"background: ", f);
    hex(f, shade(d->color, 75));
    fputs("\">← Zurück</a><h1>", f);
    text(f, &d->title, l);
    fputs("</h1>", f);
    langs(f, l);
    fputs("<a class=\"btn\" href=\"menu.html\" style=\"background: ", f);
    hex(f, shade(d->color, 75));
    fputs("\">⌂ Übersicht</a></div>\n<div class=\"view\"><div class=\"col\">\n", f);
    if (d->n_pages > 1) {
        fputs("<nav class=\"tabs\">", f);
        for (size_t k = 0; k < d->n_pages; k++) {
            char href[512];
            page_link(href, sizeof href, d, k);
            fprintf(f, "<a href=\"%s\"%s>", href, k == pi ? " style=\"background: var(--accent); color: var(--bg)\"" : "");
            text(f, &d->pages[k].title, l);
            fputs("</a>", f);
        }
        fputs("</nav>\n", f);
    }
    fputs("<h2>", f);
    text(f, &pg->title, l);
    fputs("</h2><div class=\"rule\" style=\"background: var(--dom-light)\"></div>\n", f);
    for (size_t b = 0; b < pg->n_blocks; b++) {
        const kblock *k = &pg->blocks[b];
        switch (k->kind) {
        case BLOCK_HEADING:
            fputs("<h3>", f), text(f, &k->text, l), fputs("</h3>\n", f);
            break;
        case BLOCK_PARAGRAPH:
            fputs("<p>", f), text(f, &k->text, l), fputs("</p>\n", f);
            break;
        case BLOCK_BULLETS:
            fputs("<ul>", f);
            for (size_t i = 0; i < k->n_items; i++)
                fputs("<li>", f), text(f, &k->items[i], l), fputs("</li>", f);
            fputs("</ul>\n", f);
            break;
        case BLOCK_IMAGE:
            fputs("<figure class=\"figure\"><img alt=\"\" src=\"", f);
            esc(f, k->image);
            fputs("\">", f);
            if (ktext_get(&k->text, l))
                fputs("<figcaption>", f), text(f, &k->text, l), fputs("</figcaption>", f);
            fputs("</figure>\n", f);
            break;
        case BLOCK_LINK:
            fputs("<div class=\"card link\">", f);
            qr_svg(f, k->url);
            fputs("<div><b>", f), text(f, &k->text, l), fputs("</b><span>", f);
            esc(f, k->url);
            fputs("</span></div></div>\n", f);
            break;
        case BLOCK_FACT:
            fputs("<div class=\"card fact\"><b>", f), text(f, &k->value, l);
            fputs("</b><span>", f), text(f, &k->text, l), fputs("</span></div>\n", f);
            break;
        }
    }
    fputs("</div></div></body></html>\n", f);
    return fclose(f) == 0 ? 0 : -1;
}

/* What tests/bench/bench.sh needs to watch either kiosk: the colour the first
 * frame fills the screen with, and when the attract loop's cross-fades
 * start (ms after the first frame, one cycle; 0 is the fade back to the
 * first slide at the end of each cycle). */
static int write_schedule(const kcontent *c)
{
    FILE *f = create("schedule");
    if (!f)
        return -1;
    kcolor first = c->n_slides ? c->slides[0].color : c->theme.background;
    unsigned long total = 0;
    fputs("expect ", f);
    fprintf(f, "%02x%02x%02x\nfades 0", first.r, first.g, first.b);
    for (size_t i = 0; i < c->n_slides; i++) {
        if (i > 0)
            fprintf(f, ",%lu", total);
        total += c->slides[i].duration_ms;
    }
    fprintf(f, "\ncycle %lu\nfade_ms %u\n", total, NAV_DEFAULT_TRANSITION_MS);
    return fclose(f) == 0 ? 0 : -1;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: bench-html CONTENT_DIR FONTS_DIR OUT_DIR\n");
        return 2;
    }
    out_dir = argv[3];
    mkdir(out_dir, 0755);
    diag_list d;
    diag_init(&d);
    kcontent *c = content_load(argv[1], &d);
    if (!c) {
        diag_print(&d, stderr, 20);
        diag_free(&d);
        return 1;
    }
    int rc = 0;
    char from[4096];
    static const char *fonts[] = {"NotoSans-Regular.ttf", "NotoSans-Bold.ttf"};
    for (size_t i = 0; i < 2; i++) {
        char to[64];
        snprintf(from, sizeof from, "%s/%s", argv[2], fonts[i]);
        snprintf(to, sizeof to, "fonts/%s", fonts[i]);
        rc |= copy_file(from, to);
    }
    rc |= copy_image(c, c->logo);
    for (size_t i = 0; i < c->n_slides; i++)
        rc |= copy_image(c, c->slides[i].image);
    rc |= write_css(c) | write_attract(c) | write_menu(c) | write_schedule(c);
    size_t pages = 0;
    for (size_t i = 0; i < c->n_domains; i++) {
        const kdomain *dm = &c->domains[i];
        rc |= copy_image(c, dm->icon);
        for (size_t p = 0; p < dm->n_pages; p++, pages++) {
            rc |= write_page(c, dm, p);
            for (size_t b = 0; b < dm->pages[p].n_blocks; b++)
                if (dm->pages[p].blocks[b].kind == BLOCK_IMAGE)
                    rc |= copy_image(c, dm->pages[p].blocks[b].image);
        }
    }
    if (!rc)
        printf("bench-html: %s: attract loop (%zu slides), menu (%zu domains), %zu pages\n",
               out_dir, c->n_slides, c->n_domains, pages);
    content_free(c);
    diag_free(&d);
    return rc ? 1 : 0;
}
