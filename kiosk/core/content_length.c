/* content_length.c — texts past the length a resident reads
 * (content_length.h). */
#include "content_length.h"

#include <string.h>

#include "utf8.h"

typedef struct len_run {
    const kcontent *c;
    diag_list *d;
    int n;
} len_run;

/* Each language of t against max characters; what names the text. */
static void check(len_run *r, const ktext *t, size_t max, const char *what)
{
    for (int l = 0; l < LANG_MAX; l++) {
        const char *s = t->t[l];
        if (!s)
            continue;
        int seen = 0; /* a text written once for every language: one warning */
        for (int k = 0; k < l && !seen; k++)
            seen = t->t[k] == s;
        size_t n = utf8_count(s, strlen(s));
        const ksource *src = content_source(r->c, s);
        if (seen || n <= max || !src)
            continue;
        diag_add(r->d, DIAG_WARNING, src->file, src->line, src->col,
                 "%s is %zu characters long; a resident at a kiosk reads at most %zu: "
                 "shorten it or split it",
                 what, n, max);
        r->n++;
    }
}

static void check_block(len_run *r, const kblock *b)
{
    switch (b->kind) {
    case BLOCK_HEADING:
        check(r, &b->text, CONTENT_MAX_TITLE, "the heading");
        break;
    case BLOCK_PARAGRAPH:
        check(r, &b->text, CONTENT_MAX_PARAGRAPH, "the paragraph");
        break;
    case BLOCK_BULLETS:
        for (size_t i = 0; i < b->n_items; i++)
            check(r, &b->items[i], CONTENT_MAX_BULLET, "the bullet");
        break;
    case BLOCK_IMAGE:
        check(r, &b->text, CONTENT_MAX_SHORT, "the caption");
        break;
    case BLOCK_LINK:
        check(r, &b->text, CONTENT_MAX_SHORT, "the link's label");
        break;
    case BLOCK_FACT:
        check(r, &b->value, CONTENT_MAX_TITLE, "the fact's figure");
        check(r, &b->text, CONTENT_MAX_BULLET, "the fact's text");
        break;
    }
}

int content_length_check(const kcontent *c, diag_list *d)
{
    len_run r = {.c = c, .d = d};
    check(&r, &c->title, CONTENT_MAX_TITLE, "the title");
    check(&r, &c->subtitle, CONTENT_MAX_SHORT, "the subtitle");
    check(&r, &c->invitation, CONTENT_MAX_SHORT, "the invitation");
    check(&r, &c->menu_title, CONTENT_MAX_TITLE, "the menu's title");
    for (size_t i = 0; i < c->n_slides; i++) {
        check(&r, &c->slides[i].title, CONTENT_MAX_TITLE, "the slide's title");
        check(&r, &c->slides[i].text, CONTENT_MAX_SLIDE_TEXT, "the slide's text");
    }
    for (size_t i = 0; i < c->n_domains; i++) {
        const kdomain *dom = &c->domains[i];
        check(&r, &dom->title, CONTENT_MAX_TITLE, "the domain's title");
        check(&r, &dom->summary, CONTENT_MAX_SHORT, "the summary");
        for (size_t p = 0; p < dom->n_pages; p++) {
            check(&r, &dom->pages[p].title, CONTENT_MAX_TITLE, "the page's title");
            for (size_t b = 0; b < dom->pages[p].n_blocks; b++)
                check_block(&r, &dom->pages[p].blocks[b]);
        }
    }
    return r.n;
}
