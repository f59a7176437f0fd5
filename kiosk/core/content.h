/* content.h — the content model: what the kiosk shows.
 *
 * A content tree (a directory, see content/README.md) is loaded by
 * content_load() into one kcontent. Everything in it — strings, arrays,
 * paths — lives in the kcontent's arena and is freed whole by content_free().
 * The model is read-only after loading; pointers into it stay valid until
 * content_free(), so the UI can hold them for as long as it shows this
 * generation and drop them all when the next one is swapped in.
 *
 * Pure core: no SDL, no network. */
#ifndef KIOSK_CONTENT_H
#define KIOSK_CONTENT_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "klimits.h"

struct arena;

/* Languages are the content's (kiosk.yaml `languages:`, content/README.md):
 * a lang is an index into its kcontent's table, in the order the language
 * switch shows them. German ("de") is required and always index 0; a tree
 * without `languages:` declares de, en, leicht — LANG_EN and LANG_LS name
 * their indexes there and LANG_COUNT their number, for tests only (the
 * program asks the table). */
#define LANG_MAX 12
typedef uint8_t lang;
enum { LANG_DE = 0, LANG_EN = 1, LANG_LS = 2, LANG_COUNT = 3 };

/* The UI's own words in one language (kstrings.h): texts[i] is str_id i's,
 * NULL where the table leaves it out. Lives in the content's arena. */
typedef struct kstrtab {
    const char **texts;
    size_t n;
    const char *file; /* where it was read, for messages */
} kstrtab;

typedef struct klang {
    const char *code;     /* "de", "en", "leicht", "tr", "pt-BR" */
    const char *name;     /* in itself: "Deutsch", "Türkçe" */
    const char *voice;    /* espeak-ng voice name */
    int rtl;              /* written right to left */
    int easy;             /* an easy-to-read variant (Leichte Sprache's rules) */
    int required;         /* every text must be written in it (German: always) */
    int fallback;         /* index it falls back to, or -1: German */
    int variant_of;       /* index of the language it is a variant of, or -1 */
    kstrtab strings;      /* the UI's words (texts NULL until loaded) */
    int line, col;        /* where it was declared (0: the default three) */
} klang;

/* One text in every language it was written in. NULL where missing; a
 * language left out holds the text of its fallback chain (content.h:
 * klang.fallback, then German), marked in `filled`. */
typedef struct ktext {
    const char *t[LANG_MAX];
    uint16_t filled; /* bit l: t[l] is a fallback's text, not written in l */
} ktext;

/* The text in language l, or German when l was not written. Never NULL for
 * a loaded, required text; may be NULL for an optional text left out. */
const char *ktext_get(const ktext *t, lang l);
/* 1 when the text exists in language l itself (no fallback). */
int ktext_has(const ktext *t, lang l);
/* The language ktext_get(t, l) was written in: l, or the fallback whose
 * text it shows, or German. */
lang ktext_written_in(const ktext *t, lang l);

/* A month: what a text's facts are as of ("Stand: März 2017"). year 0:
 * none given. */
typedef struct kdate {
    int year;  /* 1900 .. 2999, or 0 */
    int month; /* 1 .. 12 */
} kdate;

typedef struct kcolor {
    uint8_t r, g, b;
} kcolor;

/* Parse "#rrggbb" or "#rgb". 0 on success. */
int kcolor_parse(const char *s, kcolor *out);

typedef enum {
    BLOCK_HEADING,   /* text */
    BLOCK_PARAGRAPH, /* text */
    BLOCK_BULLETS,   /* items[n_items] */
    BLOCK_IMAGE,     /* image, text = caption (optional) */
    BLOCK_LINK,      /* url, text = label; shown with a QR code */
    BLOCK_FACT       /* value (big figure) + text (what it means) */
} block_kind;

typedef struct kblock {
    block_kind kind;
    ktext text;
    ktext *items;      /* BLOCK_BULLETS */
    size_t n_items;
    ktext value;       /* BLOCK_FACT: "150+", "2018" */
    const char *image; /* BLOCK_IMAGE: path relative to the content root */
    const char *url;   /* BLOCK_LINK */
    int line;          /* source position, for diagnostics at run time */
} kblock;

typedef struct kpage {
    const char *id;
    ktext title;
    kblock *blocks;
    size_t n_blocks;
} kpage;

typedef struct kdomain {
    const char *id;     /* file stem of domains/<id>.yaml */
    ktext title;
    ktext summary;      /* one line for the menu tile */
    kcolor color;       /* tile and page accent */
    const char *icon;   /* optional image path, relative to the content root */
    const char *image;  /* optional picture (PNG, JPEG or SVG), cropped to fill */
    kpage *pages;       /* at least one */
    size_t n_pages;
    const char *file;   /* "domains/<id>.yaml", for diagnostics */
    kdate as_of;        /* its own as_of, else kiosk.yaml's (year 0: none) */
} kdomain;

typedef struct kslide {
    const char *id;
    ktext title;
    ktext text;
    const char *image;      /* optional picture (PNG, JPEG or SVG), cropped to fill */
    kcolor color;           /* background */
    unsigned duration_ms;
    int domain;             /* index into domains, or -1: where a tap leads */
    kdate as_of;            /* its own as_of, else its domain's, else kiosk.yaml's */
} kslide;

/* Where a text or an image path of the model was written: s is the kept
 * string itself (every language of a text has its own entry, a text written
 * once for all languages one), file relative to the root. Kept so that a
 * problem found after loading (kiosk --check: a cut text, an image that
 * does not decode) is reported at the line and column that wrote it. */
typedef struct ksource {
    const char *s;
    size_t len;
    const char *file;
    int line, col;
} ksource;

typedef struct ktheme {
    kcolor background;  /* screen background */
    kcolor surface;     /* cards and tiles background */
    kcolor text;        /* body text */
    kcolor muted;       /* secondary text */
    kcolor accent;      /* buttons, progress, highlights */
} ktheme;

typedef struct kcontent {
    struct arena *arena;  /* owns everything below */
    const char *root;     /* the directory it was loaded from */
    ktext title;          /* "Kaiserslautern – digitale Stadt" */
    ktext subtitle;
    ktext organisation;   /* who runs this kiosk */
    ktext invitation;     /* "Berühren Sie den Bildschirm" on the attract loop */
    ktext menu_title;     /* heading of the domain menu */
    const char *logo;     /* optional image path */
    klang langs[LANG_MAX]; /* the declared languages, German first */
    size_t n_langs;
    lang default_lang;
    kdate as_of;          /* kiosk.yaml's as_of: the default of domains and slides */
    ktheme theme;
    kslide *slides;
    size_t n_slides;
    kdomain *domains;     /* in menu order */
    size_t n_domains;
    /* Every file of the tree the loader read and accepted (the YAML files,
     * also of domains not in the menu, and every image they name), relative
     * to root, sorted, each once: what a kiosk needs of the tree, and all
     * that kiosk-publish publishes. */
    const char **files;
    size_t n_files;
    ksource *sources;     /* every text and image path of the model */
    size_t n_sources;
} kcontent;

/* Load and validate the content tree at dir. Every problem found is added to
 * d (file names relative to dir). Returns the model when there were no
 * errors (warnings are allowed), NULL otherwise. The caller owns the result
 * and frees it with content_free(). */
kcontent *content_load(const char *dir, diag_list *d);
void content_free(kcontent *c);  /* accepts NULL */

/* The languages of a tree without `languages:`: de, en, leicht (c->langs). */
void content_default_langs(kcontent *c);
/* How many languages c has: its declared ones, or the default three when
 * it has none (a model built by hand). */
size_t content_n_langs(const kcontent *c);
/* Language l of c (German for an index out of range). */
const klang *content_lang(const kcontent *c, lang l);
/* The index of the language with this code in c, or -1. */
int content_lang_index(const kcontent *c, const char *code);
/* l's code; "de" out of range. */
const char *content_lang_code(const kcontent *c, lang l);
/* 1 when l is set by Leichte Sprache's rules (an easy-to-read variant). */
int klang_easy(const kcontent *c, lang l);
/* The first declared language other than German and its easy variants,
 * or German: the second language the attract loop shows. */
lang content_second_lang(const kcontent *c);
/* 1 when code is a language code a content may declare: 2-3 lowercase
 * letters, optionally "-" and a 2-letter or 3-digit region, or "leicht". */
int lang_code_valid(const char *code);

/* Index of the domain with this id, or -1. */
int content_domain_index(const kcontent *c, const char *id);
/* Join the content root and a content-relative path into buf, for fopen.
 * Returns 0, or -1 when it does not fit. */
int content_path(const kcontent *c, const char *rel, char *buf, size_t size);
/* The source of the model's string that holds the byte p (p may point
 * into the middle of a text: a line the layout wrapped), or NULL. */
const ksource *content_source(const kcontent *c, const char *p);
/* The first source whose string contains the len bytes at text (a copy the
 * layout made: a hyphenated line), or NULL. */
const ksource *content_source_find(const kcontent *c, const char *text, size_t len);
/* Total number of pages in all domains (for metrics and benchmarks). */
size_t content_page_count(const kcontent *c);

#endif
