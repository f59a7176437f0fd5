/* bench_load — how long content_load() takes: the bundled content, and a
 * generated tree of 1,000 pages (50 domains x 20 pages with paragraphs,
 * bullets, facts and links in two languages). Prints the median and the
 * fastest of many runs in milliseconds. Target: well under 100 ms for
 * 1,000 pages, so a new content generation validates between two frames of
 * the attract loop's cross-fade, even on a Raspberry Pi. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "content.h"
#include "bench_util.h"

#define RUNS 41
#define DOMAINS 50
#define PAGES 20

static FILE *open_in(const char *dir, const char *rel)
{
    char path[1024];
    snprintf(path, sizeof(path), "%s/%s", dir, rel);
    FILE *f = fopen(path, "w");
    if (!f) {
        perror(path);
        exit(1);
    }
    return f;
}

/* Writes the generated tree into dir; returns the number of bytes of YAML. */
static long generate(const char *dir)
{
    char path[1024];
    long bytes = 0;
    snprintf(path, sizeof(path), "%s/domains", dir);
    mkdir(path, 0755);
    snprintf(path, sizeof(path), "%s/images", dir);
    mkdir(path, 0755);
    FILE *f = open_in(dir, "images/icon.png");
    fwrite("\x89PNG\r\n\x1a\n", 1, 8, f);
    fclose(f);

    f = open_in(dir, "kiosk.yaml");
    fprintf(f, "schema: 1\ntitle:\n  de: Benchmark-Stadt\n  en: Benchmark City\n"
               "organisation: Stadt\ninvitation:\n  de: Bitte berühren\n  en: Please touch\n"
               "menu_title: Themen\ntheme:\n  background: \"#0d1b2a\"\nmenu:\n");
    for (int d = 0; d < DOMAINS; d++)
        fprintf(f, "  - bereich-%02d\n", d);
    bytes += ftell(f);
    fclose(f);

    f = open_in(dir, "attract.yaml");
    fprintf(f, "slides:\n");
    for (int s = 0; s < 10; s++)
        fprintf(f,
                "  - id: folie-%d\n    title:\n      de: Folie %d\n      en: Slide %d\n"
                "    text:\n      de: Ein Satz über die digitale Stadt.\n"
                "      en: A sentence about the digital city.\n    duration: 10\n"
                "    domain: bereich-%02d\n",
                s, s, s, s);
    bytes += ftell(f);
    fclose(f);

    for (int d = 0; d < DOMAINS; d++) {
        char rel[64];
        snprintf(rel, sizeof(rel), "domains/bereich-%02d.yaml", d);
        f = open_in(dir, rel);
        fprintf(f,
                "title:\n  de: Bereich %d\n  en: Domain %d\nsummary:\n  de: Worum es geht\n"
                "  en: What it is about\ncolor: \"#2a9d8f\"\nicon: images/icon.png\npages:\n",
                d, d);
        for (int p = 0; p < PAGES; p++)
            fprintf(f,
                    "  - id: seite-%d\n    title:\n      de: Seite %d\n      en: Page %d\n"
                    "    blocks:\n"
                    "      - heading:\n          de: Überblick\n          en: Overview\n"
                    "      - paragraph:\n"
                    "          de: Kaiserslautern vernetzt Strom, Wärme und Verkehr, damit die "
                    "Stadt Energie spart und Bürgerinnen und Bürger schneller ans Ziel kommen.\n"
                    "          en: Kaiserslautern connects power, heat and traffic so the city "
                    "saves energy and people reach their goals faster.\n"
                    "      - bullets:\n"
                    "          - de: Intelligente Stromzähler\n            en: Smart meters\n"
                    "          - de: Busse nach Bedarf\n            en: Buses on demand\n"
                    "          - de: Offene Daten\n            en: Open data\n"
                    "      - fact: \"150+\"\n        text:\n          de: Menschen arbeiten mit\n"
                    "          en: people take part\n"
                    "      - link: https://www.kaiserslautern.de/digital/%d/%d\n"
                    "        label:\n          de: Mehr erfahren\n          en: Learn more\n",
                    p, p, p, d, p);
        bytes += ftell(f);
        fclose(f);
    }
    return bytes;
}

/* Loads dir RUNS times; prints one row. Returns 0 when every load worked. */
static int bench(const char *label, const char *dir)
{
    double t[RUNS];
    size_t pages = 0;
    for (int i = 0; i < RUNS; i++) {
        diag_list d;
        diag_init(&d);
        double t0 = now_ms();
        kcontent *c = content_load(dir, &d);
        t[i] = now_ms() - t0;
        if (!c) {
            fprintf(stderr, "bench_load: %s does not load:\n", dir);
            diag_print(&d, stderr, 20);
            diag_free(&d);
            return -1;
        }
        pages = content_page_count(c);
        content_free(c);
        diag_free(&d);
    }
    qsort(t, RUNS, sizeof(t[0]), cmp_double);
    printf("%-34s %6zu %10.2f %10.2f %10.2f\n", label, pages, t[RUNS / 2], t[0], t[RUNS - 1]);
    return 0;
}

int main(void)
{
    char dir[] = "/tmp/kiosk-bench.XXXXXX";
    int rc = 0;
    printf("content_load, %d runs each (ms)\n", RUNS);
    printf("%-34s %6s %10s %10s %10s\n", "tree", "pages", "median", "min", "max");
    if (access("content/kiosk.yaml", F_OK) == 0)
        rc |= bench("bundled content/", "content");
    else
        printf("%-34s (content/kiosk.yaml not found, skipped)\n", "bundled content/");
    rc |= bench("tests/fixtures/good", "tests/fixtures/good");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    long bytes = generate(dir);
    char label[64];
    snprintf(label, sizeof(label), "generated %dx%d (%ld KiB YAML)", DOMAINS, PAGES, bytes / 1024);
    rc |= bench(label, dir);
    char cmd[128];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        rc = -1;
    return rc ? 1 : 0;
}
