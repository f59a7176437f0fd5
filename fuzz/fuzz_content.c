/* libFuzzer target: arbitrary bytes through the whole content loader.
 *
 * A small valid content tree is written to a temporary folder once. Each
 * input replaces one of its YAML files — the first byte picks which — and
 * the tree is loaded with content_load(), exactly as `kiosk --check` does,
 * so the YAML tree, every validator, image and path checks and the model
 * building all see the fuzzed bytes. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "content.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const files[] = {"kiosk.yaml", "attract.yaml", "domains/energie.yaml",
                                    "domains/mobilitaet.yaml"};
static const char good_kiosk[] =
    "schema: 1\n"
    "title:\n  de: Kaiserslautern\n  en: Kaiserslautern\n"
    "organisation: Stadt Kaiserslautern\n"
    "invitation: Bitte berühren\n"
    "menu_title: Themen\n"
    "logo: images/logo.png\n"
    "theme: {background: \"#0d1b2a\"}\n"
    "menu: [energie, mobilitaet]\n";
static const char good_attract[] =
    "slides:\n"
    "  - id: a\n    title: A\n    text: X\n    domain: energie\n    duration: 9\n"
    "  - id: b\n    title: B\n    text: {de: Y, en: Z}\n    image: images/foto.jpg\n";
static const char good_energie[] =
    "title: Energie\nsummary: Netze\ncolor: \"#e9c46a\"\nicon: images/logo.png\n"
    "pages:\n  - id: p\n    title: P\n    blocks:\n"
    "      - heading: H\n      - bullets: [a, {de: b}]\n"
    "      - fact: \"2018\"\n        text: T\n"
    "      - link: https://example.org\n        label: L\n"
    "      - image: images/logo.png\n        caption: C\n";
static const char good_mobilitaet[] =
    "title: Mobilität\nsummary: Bus\ncolor: \"#2a9d8f\"\n"
    "pages:\n  - id: start\n    title: Start\n    blocks:\n      - paragraph: Text\n";
static const char *const good[] = {good_kiosk, good_attract, good_energie, good_mobilitaet};

static char root[256];

static void put(const char *rel, const void *buf, size_t len)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/%s", root, rel);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(buf, 1, len, f) != len)
        abort();
    fclose(f);
}

static void cleanup(void)
{
    char path[512];
    const char *rels[] = {"kiosk.yaml", "attract.yaml", "domains/energie.yaml",
                          "domains/mobilitaet.yaml", "images/logo.png", "images/foto.jpg",
                          "images/raus.png", "images/ordner.png", "domains", "images", ""};
    for (size_t i = 0; i < sizeof(rels) / sizeof(rels[0]); i++) {
        snprintf(path, sizeof(path), "%s/%s", root, rels[i]);
        remove(path);
    }
}

static void setup(void)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(root, sizeof(root), "%s/kiosk-fuzz.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(root))
        abort();
    atexit(cleanup);
    char path[512];
    snprintf(path, sizeof(path), "%s/domains", root);
    mkdir(path, 0755);
    snprintf(path, sizeof(path), "%s/images", root);
    mkdir(path, 0755);
    snprintf(path, sizeof(path), "%s/images/ordner.png", root);
    mkdir(path, 0755);
    put("images/logo.png", "\x89PNG\r\n\x1a\n", 8);
    put("images/foto.jpg", "\xFF\xD8\xFF\xE0", 4);
    snprintf(path, sizeof(path), "%s/images/raus.png", root);
    if (symlink("/etc/hostname", path) != 0)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!root[0])
        setup();
    size_t pick = size ? data[0] % 4 : 0;
    for (size_t i = 0; i < 4; i++) {
        if (i == pick)
            put(files[i], size ? data + 1 : data, size ? size - 1 : 0);
        else
            put(files[i], good[i], strlen(good[i]));
    }
    diag_list d;
    diag_init(&d);
    kcontent *c = content_load(root, &d);
    if (c) {
        /* A model came back: it must be complete and consistent. */
        if (d.errors || c->n_domains < 1 || c->n_slides < 1 || !ktext_get(&c->title, LANG_EN))
            __builtin_trap();
        for (size_t i = 0; i < c->n_slides; i++)
            if (c->slides[i].domain >= (int)c->n_domains || !c->slides[i].id)
                __builtin_trap();
        for (size_t i = 0; i < c->n_domains; i++)
            if (!c->domains[i].n_pages || !ktext_get(&c->domains[i].title, LANG_LS))
                __builtin_trap();
    } else if (d.errors == 0) {
        __builtin_trap(); /* refused without saying why */
    }
    content_free(c);
    diag_free(&d);
    return 0;
}
