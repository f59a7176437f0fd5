/* content_check.h — the content loader's own parts, shared by its files and
 * used by nothing else (content.h is the loader's public face):
 *
 *   content_load.c    the tree: its files, kiosk.yaml, attract.yaml
 *   content_values.c  keys and single values: texts, ids, colours, lists
 *   content_media.c   image paths (checked on disk) and web addresses
 *   content_domain.c  domains/<id>.yaml: pages and their blocks
 *   content_langs.c   kiosk.yaml's languages: and a text's fallbacks
 *
 * Every check reports its problems through cl_err() at the node's position
 * and keeps what the model needs in the model's arena. */
#ifndef KIOSK_CONTENT_CHECK_H
#define KIOSK_CONTENT_CHECK_H

#include <stddef.h>

#include "arena.h"
#include "content.h"
#include "yamltree.h"

typedef struct cl_loader {
    const char *dir;
    char *rootreal;   /* kfile_real of dir (malloc'd), for containment checks */
    diag_list *d;
    kcontent *c;
    arena *a;         /* where kept strings go: the model's arena */
    const char *file; /* the file being checked, relative to dir */
    char **dfiles;    /* ids of domains/<id>.yaml found, sorted (malloc'd) */
    size_t n_dfiles;
    int menu_ok;      /* kiosk.yaml had a usable menu, so "not in the menu" is known */
    char **used;      /* files read and accepted so far (malloc'd; kcontent.files) */
    size_t n_used, cap_used;
    ksource *src;     /* where the model's strings were written (malloc'd; kcontent.sources) */
    size_t n_src, cap_src;
} cl_loader;

/* Notes that the file rel of the tree was read and accepted. */
void cl_note_file(cl_loader *L, const char *rel);

/* Notes that the model's string s was written at node n of L->file (only
 * for the model itself: a domain left out of the menu is checked in an
 * arena of its own, which is freed). */
void cl_note_source(cl_loader *L, const char *s, const ynode *n);

/* An error at node n (or about the whole file when n is NULL). */
void cl_err(cl_loader *L, const ynode *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* A user's value fit to quote in a message (see ytree_clip). */
typedef struct cl_clipbuf {
    char s[YTREE_CLIP + 8];
} cl_clipbuf;
const char *cl_clip(cl_clipbuf *b, const char *s);

/* ---- content_values.c ---- */
int cl_in_list(const char *s, const char *const *list);
/* The allowed word closest to s (case ignored) when it is likely a typo. */
const char *cl_suggest(const char *s, const char *const *allowed);
/* Reports an unknown key; returns the allowed key it is a typo of, or NULL. */
const char *cl_unknown_key(cl_loader *L, const ynode *key, const char *const *allowed);
/* Reports keys of map not in allowed and required keys missing from it. */
void cl_check_keys(cl_loader *L, const ynode *map, const char *const *allowed,
                   const char *const *required);
/* n's string, kept in the model's arena. */
const char *cl_keep(cl_loader *L, const ynode *n);
/* 1 when s[0..len) is a valid id. */
int cl_valid_id(const char *s, size_t len);
/* The getters report what is wrong with n and return -1 (or NULL). */
int cl_get_text(cl_loader *L, const ynode *n, ktext *out);
const char *cl_get_id(cl_loader *L, const ynode *n);
int cl_get_color(cl_loader *L, const ynode *n, kcolor *out);
int cl_get_duration(cl_loader *L, const ynode *n, unsigned *ms);
/* A month as "YYYY-MM" (as_of). */
int cl_get_month(cl_loader *L, const ynode *n, kdate *out);
/* A list of at least min and at most max entries of what. */
int cl_get_list(cl_loader *L, const ynode *n, size_t min, size_t max, const char *what);

/* ---- content_media.c ---- */
/* 1 when the name s ends in ext (case ignored) after at least one byte. */
int cl_has_ext(const char *s, const char *ext);
/* An image path: checked for form, existence, size, type and that it stays
 * inside the content folder. Returns the kept path or NULL after reporting. */
const char *cl_get_image(cl_loader *L, const ynode *n);
/* A picture of a slide or domain: an image, or an SVG drawn at any size. */
const char *cl_get_picture(cl_loader *L, const ynode *n);
const char *cl_get_url(cl_loader *L, const ynode *n);

/* ---- content_langs.c ---- */
/* The `languages:` list of kiosk.yaml into L->c->langs (n NULL: the
 * default three). */
void cl_get_langs(cl_loader *L, const ynode *n);
/* The declared codes as a NULL-ended list in buf, for messages. */
const char *const *cl_lang_codes(const kcontent *c, const char **buf);
/* "de, en and leicht" (last " and ") or "de, en or leicht" (" or "): the
 * declared codes for a message. */
const char *cl_lang_list(const kcontent *c, const char *last, char *buf, size_t size);
/* kiosk.yaml's default_language: a declared code. */
void cl_get_default_lang(cl_loader *L, const ynode *v);
/* Fills the languages t leaves out from their fallback chains. */
void cl_fill_fallbacks(const kcontent *c, ktext *t);

/* ---- content_domain.c ---- */
void cl_check_domain(cl_loader *L, const ynode *root, kdomain *dom);

#endif
