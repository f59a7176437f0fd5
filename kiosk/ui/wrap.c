/* wrap.c — word wrap and text measure. See wrap.h. */
#include "wrap.h"

#include <stdint.h>

#include "utf8.h"

static int is_space(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\r';
}

/* End of the next word starting at s: up to a space or newline, or just after
 * a hyphen or slash. */
static const char *word_end(const char *s)
{
    while (*s && is_space(*s))
        s++;
    while (*s && !is_space(*s) && *s != '\n') {
        char ch = *s++;
        if ((ch == '-' || ch == '/') && *s && !is_space(*s) && *s != '\n')
            break;
    }
    return s;
}

size_t wrap_fit(const layout_measure *m, int bold, int px, const char *s, size_t len, int width)
{
    size_t best = 0, off = 0;
    while (off < len) {
        uint32_t cp;
        size_t n = utf8_decode(s + off, len - off, &cp);
        if (!n)
            n = 1;
        if (m->text_width(m->ctx, bold, px, s, off + n) > width && best > 0)
            break;
        off += n;
        best = off;
    }
    return best;
}

/* The end of the line that starts at start: as many words as fit, or a
 * word broken inside when it alone is wider. Its width goes to *w. */
static const char *line_end(const layout_measure *m, int bold, int px, const char *start, int width,
                            int *w)
{
    const char *end = start, *q = start;
    *w = 0;
    for (;;) {
        const char *e = word_end(q);
        int ew = m->text_width(m->ctx, bold, px, start, (size_t)(e - start));
        if (ew <= width) {
            end = e;
            *w = ew;
            q = e;
            if (!*q || *q == '\n')
                return end;
            continue;
        }
        if (end == start) { /* one word wider than the line: break inside it */
            end = start + wrap_fit(m, bold, px, start, (size_t)(e - start), width);
            *w = m->text_width(m->ctx, bold, px, start, (size_t)(end - start));
        }
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
                lines[n] = (wrap_line){start, 0, 0};
            n++;
            s++;
            continue;
        }
        int w;
        const char *end = line_end(m, bold, px, start, width, &w);
        size_t len = (size_t)(end - start);
        while (len && is_space(start[len - 1]))
            len--;
        if (n < max)
            lines[n] = (wrap_line){start, len, w};
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
            int w = m->text_width(m->ctx, bold, px, s, (size_t)(e - s));
            if (w > best)
                best = w;
        }
        s = e;
    }
    return best;
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
