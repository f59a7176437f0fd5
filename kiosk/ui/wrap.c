/* wrap.c — word wrap and text measure. See wrap.h. */
#include "wrap.h"

#include <stdint.h>
#include <string.h>

#include "utf8.h"

static int is_space(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\r';
}

/* Leichte Sprache keeps a word whole at its hyphens and never hyphenates. */
static int leicht(const layout_measure *m)
{
    return klang_easy(m->c, m->lg);
}

/* End of the next word starting at s: up to a space or newline, or just after
 * a slash, or a hyphen unless keep_hyphens. */
static const char *word_end(const char *s, int keep_hyphens)
{
    while (*s && is_space(*s))
        s++;
    while (*s && !is_space(*s) && *s != '\n') {
        char ch = *s++;
        if ((ch == '/' || (ch == '-' && !keep_hyphens)) && *s && !is_space(*s) && *s != '\n')
            break;
    }
    return s;
}

/* 1 when the text before e ends a sentence and a space follows: ". ", "? ",
 * "! ", ": " — not the dot of an ordinal ("1. Mai", "24. Oktober"), though
 * a year ends one ("im Jahr 2017. Dann"). */
static int sentence_end(const char *start, const char *e)
{
    if (e - start < 2 || !is_space(*e))
        return 0;
    char p = e[-1];
    if (p != '.' && p != '?' && p != '!' && p != ':')
        return 0;
    int digits = 0;
    for (const char *d = e - 1; d > start && d[-1] >= '0' && d[-1] <= '9'; d--)
        digits++;
    return !(p == '.' && digits >= 1 && digits <= 2);
}

/* The width of s[0..len) set in the measure's direction. */
static int tw(const layout_measure *m, int bold, int px, const char *s, size_t len)
{
    return m->text_width(m->ctx, bold, px, s, len, m->rtl);
}

static int hyphen_width(const layout_measure *m, int bold, int px)
{
    return tw(m, bold, px, WRAP_HYPHEN, sizeof WRAP_HYPHEN - 1);
}

/* 1 for a byte that may stand before or after a word's letters: ASCII
 * punctuation, or a byte of a typographic quote or dash (U+2010..U+203F). */
static int is_mark(const char *p, const char *lo, const char *hi)
{
    unsigned char c = (unsigned char)*p;
    if (c < 0x80)
        return !((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'));
    /* inside E2 80 xx: look at the sequence this byte belongs to */
    for (const char *q = p; q >= lo && q > p - 3; q--)
        if ((unsigned char)q[0] == 0xE2 && q + 2 < hi && (unsigned char)q[1] == 0x80)
            return 1;
    return 0;
}

static int is_letter(unsigned char c)
{
    return c >= 0x80 || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* 1 when the len bytes at w occur in keep as a word of their own (quotes
 * and dashes around it, „herzlich digital“, end it too). */
int wrap_kept(const char *keep, const char *w, size_t len)
{
    for (const char *p = keep; p && len && *p; p++)
        if (*p == *w && strncmp(p, w, len) == 0 &&
            (p == keep || !is_letter((unsigned char)p[-1]) || is_mark(p - 1, keep, p)) &&
            (!is_letter((unsigned char)p[len]) || is_mark(p + len, keep, p + len + 3)))
            return 1;
    return 0;
}

/* 1 when the word at a (len bytes), or its stem before a mark inside it
 * ("Bitkom’s"), is a word of keep. */
static int kept_word(const char *keep, const char *a, size_t len)
{
    if (wrap_kept(keep, a, len))
        return 1;
    for (size_t i = 1; keep && i < len; i++)
        if (is_mark(a + i, a, a + len))
            return wrap_kept(keep, a, i);
    return 0;
}

/* A break inside the word w0..w1 for the line from start, width wide (the
 * line up to q is base wide): the longest prefix that ends where the
 * hyphenation allows and fits with its hyphen. NULL when there is none. */
static const char *hyphen_point(const layout_measure *m, int bold, int px, const char *start,
                                const char *q, int base, const char *w0, const char *w1,
                                int width)
{
    if (!m->hyphenate || leicht(m))
        return NULL;
    const char *a = w0, *b = w1; /* the letters, without the marks around them */
    while (a < b && is_mark(a, w0, w1))
        a++;
    while (b > a && is_mark(b - 1, w0, w1))
        b--;
    char marks[256] = {0};
    size_t len = (size_t)(b - a);
    if (len < 4 || len >= sizeof marks || kept_word(m->keep, a, len) ||
        m->hyphenate(m->hctx, content_lang_code(m->c, m->lg), a, len, marks) <= 0)
        return NULL;
    int hw = hyphen_width(m, bold, px);
    for (size_t i = len - 1; i-- > 0;) {
        if (!marks[i])
            continue;
        /* as in line_end: the part measured apart, the whole line near the edge */
        int pw = base + tw(m, bold, px, q, (size_t)(a + i + 1 - q)) + hw;
        if (pw >= width - 2 && pw <= width + 2)
            pw = tw(m, bold, px, start, (size_t)(a + i + 1 - start)) + hw;
        if (pw <= width)
            return a + i + 1;
    }
    return NULL;
}

int wrap_is_address(const char *s, const char *e)
{
    for (; s < e && *s; s++)
        if (*s == '/' || *s == '@' ||
            (*s == '.' && s + 1 < e && ((s[1] | 0x20) >= 'a' && (s[1] | 0x20) <= 'z')))
            return 1;
    return 0;
}

size_t wrap_fit(const layout_measure *m, int bold, int px, const char *s, size_t len, int width)
{
    size_t best = 0, off = 0;
    while (off < len) {
        uint32_t cp;
        size_t n = utf8_decode(s + off, len - off, &cp);
        if (!n)
            n = 1;
        if (tw(m, bold, px, s, off + n) > width && best > 0)
            break;
        off += n;
        best = off;
    }
    return best;
}

/* A word that alone is wider than a line, cut where it must: as much as
 * fits with a hyphen after it (none in an address, or after a hyphen). */
static const char *cut_word(const layout_measure *m, int bold, int px, const char *start,
                            const char *e, int width, int *w, int *hyph)
{
    int hw = wrap_is_address(start, e) ? 0 : hyphen_width(m, bold, px);
    const char *end = start + wrap_fit(m, bold, px, start, (size_t)(e - start), width - hw);
    *hyph = hw > 0 && end[-1] != '-';
    *w = tw(m, bold, px, start, (size_t)(end - start)) + (*hyph ? hw : 0);
    return end;
}

/* The end of the line that starts at start: as many words as fit, then a
 * hyphenated part of the next one when the line is empty or would stay a
 * fifth or more empty, else a word cut inside when it alone is wider. Its
 * width goes to *w, whether it ends in a hyphen to *hyph. */
static const char *line_end(const layout_measure *m, int bold, int px, const char *start, int width,
                            int *w, int *hyph)
{
    const char *end = start, *q = start;
    *w = 0;
    *hyph = 0;
    for (;;) {
        const char *e = word_end(q, leicht(m));
        /* the line so far and the next word (with its space) measured apart:
         * a word is measured once at a size, not each line it might end;
         * near the edge, where kerning across the space could tip it, the
         * whole line */
        int ew = *w + tw(m, bold, px, q, (size_t)(e - q));
        if (ew >= width - 2 && ew <= width + 2)
            ew = tw(m, bold, px, start, (size_t)(e - start));
        if (ew <= width) {
            end = e;
            *w = ew;
            q = e;
            if (!*q || *q == '\n' || (leicht(m) && sentence_end(start, q)))
                return end;
            continue;
        }
        if (end == start || width - *w >= width / 5) {
            const char *w0 = q;
            while (is_space(*w0))
                w0++;
            const char *h = hyphen_point(m, bold, px, start, q, *w, w0, e, width);
            if (h) {
                *w = tw(m, bold, px, start, (size_t)(h - start)) +
                     hyphen_width(m, bold, px);
                *hyph = 1;
                return h;
            }
        }
        if (end == start)
            end = cut_word(m, bold, px, start, e, width, w, hyph);
        return end;
    }
}

size_t wrap_lines(const layout_measure *m, int bold, int px, const char *text, int width,
                  wrap_line *lines, size_t max)
{
    size_t n = 0;
    const char *s = text ? text : "";
    if (width < 1)
        width = 1;
    while (*s && n < WRAP_MAX_LINES) {
        while (is_space(*s))
            s++;
        if (!*s)
            break;
        const char *start = s;
        if (*s == '\n') { /* an empty line keeps its place */
            if (n < max)
                lines[n] = (wrap_line){start, 0, 0, 0};
            n++;
            s++;
            continue;
        }
        int w, hyph;
        const char *end = line_end(m, bold, px, start, width, &w, &hyph);
        size_t len = (size_t)(end - start);
        while (len && is_space(start[len - 1]))
            len--;
        if (n < max)
            lines[n] = (wrap_line){start, len, w, hyph};
        n++;
        s = end;
        if (*s == '\n')
            s++;
    }
    return n;
}

int wrap_widest_word(const layout_measure *m, const char *s, int bold, int px)
{
    int best = 0;
    while (*s) {
        while (*s == ' ' || *s == '\n')
            s++;
        const char *e = s;
        while (*e && *e != ' ' && *e != '\n')
            e++;
        if (e > s) {
            int w = tw(m, bold, px, s, (size_t)(e - s));
            if (w > best)
                best = w;
        }
        s = e;
    }
    return best;
}

int wrap_fit_px(const layout_measure *m, const char *s, int bold, int px, int min_px, int width)
{
    while (px > min_px && wrap_widest_word(m, s, bold, px) > width)
        px = px * 92 / 100 > min_px ? px * 92 / 100 : min_px;
    return px;
}

/* Noto Sans's ascent + descent is 1.362 em. */
int wrap_line_box(int px)
{
    return (px * 1362 + 999) / 1000;
}

int wrap_advance(int px, double lh)
{
    int adv = (int)(px * lh + 0.5);
    return adv > wrap_line_box(px) ? adv : wrap_line_box(px);
}

int wrap_height(const layout_measure *m, int width, const char *s, int bold, int px, double lh,
                int max_lines, size_t *n_lines)
{
    size_t n = wrap_lines(m, bold, px, s, width, NULL, 0);
    if (n_lines)
        *n_lines = n;
    if (max_lines > 0 && n > (size_t)max_lines)
        n = (size_t)max_lines;
    if (!n)
        return 0;
    return (int)(n - 1) * wrap_advance(px, lh) + wrap_line_box(px);
}
