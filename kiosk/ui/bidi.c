/* bidi.c — the bidirectional algorithm through FriBidi. See bidi.h. */
#include "bidi.h"

#include <fribidi.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

struct bidi_par {
    size_t n, len;            /* code points, bytes */
    FriBidiParType base;
    FriBidiChar *cp;
    size_t *off;              /* byte offset of each code point; off[n] = len */
    FriBidiCharType *types;
    FriBidiLevel *levels;
};

void bidi_par_free(bidi_par *p)
{
    if (!p)
        return;
    free(p->cp);
    free(p->off);
    free(p->types);
    free(p->levels);
    free(p);
}

/* The code points of s and where each starts; an invalid byte is U+FFFD. */
static void decode(bidi_par *p, const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        uint32_t c;
        size_t k = utf8_decode(s + i, len - i, &c);
        if (!k) {
            c = 0xFFFD;
            k = 1;
        }
        p->off[p->n] = i;
        p->cp[p->n++] = c;
        i += k;
    }
    p->off[p->n] = len;
}

bidi_par *bidi_par_new(const char *s, size_t len, int rtl)
{
    bidi_par *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    size_t cap = len ? len : 1;
    p->len = len;
    p->base = rtl ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR;
    p->cp = malloc(cap * sizeof *p->cp);
    p->off = malloc((cap + 1) * sizeof *p->off);
    p->types = malloc(cap * sizeof *p->types);
    p->levels = malloc(cap * sizeof *p->levels);
    FriBidiBracketType *br = malloc(cap * sizeof *br);
    if (!p->cp || !p->off || !p->types || !p->levels || !br || len > (size_t)INT32_MAX / 2)
        goto fail;
    decode(p, s, len);
    FriBidiStrIndex n = (FriBidiStrIndex)p->n;
    fribidi_get_bidi_types(p->cp, n, p->types);
    fribidi_get_bracket_types(p->cp, n, p->types, br);
    FriBidiParType base = p->base;
    if (n && !fribidi_get_par_embedding_levels_ex(p->types, br, n, &base, p->levels))
        goto fail;
    free(br);
    return p;
fail:
    free(br);
    bidi_par_free(p);
    return NULL;
}

/* The index of the code point holding byte off (p->n past the end). */
static size_t index_of(const bidi_par *p, size_t off)
{
    size_t lo = 0, hi = p->n;
    while (lo < hi) { /* the last code point starting at or before off */
        size_t mid = (lo + hi + 1) / 2;
        if (p->off[mid] <= off)
            lo = mid;
        else
            hi = mid - 1;
    }
    return off >= p->len ? p->n : lo;
}

int bidi_level(const bidi_par *p, size_t off)
{
    size_t i = index_of(p, off);
    return i < p->n ? p->levels[i] : -1;
}

/* Visual positions [0, n) of the line mapped to logical indices (map,
 * absolute) with their levels after L1: cut into runs. */
static size_t cut_runs(const bidi_par *p, const FriBidiStrIndex *map, const FriBidiLevel *lv,
                       size_t a, size_t n, bidi_run *runs, size_t max)
{
    size_t count = 0, v = 0;
    while (v < n) {
        size_t e = v + 1;
        int level = lv[map[a + v] - (FriBidiStrIndex)a];
        int step = level & 1 ? -1 : 1;
        while (e < n && lv[map[a + e] - (FriBidiStrIndex)a] == level &&
               map[a + e] == map[a + e - 1] + step)
            e++;
        size_t lo = (size_t)map[a + (step > 0 ? v : e - 1)];
        size_t hi = (size_t)map[a + (step > 0 ? e - 1 : v)];
        if (count < max)
            runs[count] = (bidi_run){p->off[lo], p->off[hi + 1] - p->off[lo], level & 1, level};
        count++;
        v = e;
    }
    return count;
}

size_t bidi_line(const bidi_par *p, size_t start, size_t end, bidi_run *runs, size_t max)
{
    size_t a = index_of(p, start), b = index_of(p, end > p->len ? p->len : end);
    if (b <= a)
        return 0;
    size_t n = b - a;
    FriBidiStrIndex *map = malloc(p->n * sizeof *map);
    FriBidiLevel *lv = malloc(p->n * sizeof *lv);
    size_t count = 0;
    if (map && lv) {
        for (size_t i = 0; i < p->n; i++)
            map[i] = (FriBidiStrIndex)i;
        memcpy(lv, p->levels, p->n * sizeof *lv);
        /* no flags: shaping mirrors and orders marks itself (HarfBuzz) */
        if (fribidi_reorder_line(0, p->types, (FriBidiStrIndex)n, (FriBidiStrIndex)a, p->base, lv,
                                 NULL, map))
            count = cut_runs(p, map, lv + a, a, n, runs, max);
    }
    free(map);
    free(lv);
    return count;
}

int bidi_has_rtl(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        uint32_t c;
        size_t k = utf8_decode(s + i, len - i, &c);
        if (!k) {
            i++;
            continue;
        }
        if ((c >= 0x0590 && c <= 0x08FF) || (c >= 0xFB1D && c <= 0xFDFF) ||
            (c >= 0xFE70 && c <= 0xFEFF) || (c >= 0x10800 && c <= 0x10FFF) ||
            (c >= 0x1E800 && c <= 0x1EFFF) || c == 0x200F || c == 0x202B || c == 0x202E ||
            c == 0x2067)
            return 1;
        i += k;
    }
    return 0;
}

size_t bidi_runs(const char *s, size_t len, int rtl, bidi_run *runs, size_t max)
{
    if (!len)
        return 0;
    if (!rtl && !bidi_has_rtl(s, len)) {
        if (max)
            runs[0] = (bidi_run){0, len, 0, 0};
        return 1;
    }
    bidi_par *p = bidi_par_new(s, len, rtl);
    size_t n = p ? bidi_line(p, 0, len, runs, max) : 0;
    bidi_par_free(p);
    return n;
}

int bidi_is_arabic(uint32_t cp)
{
    return (cp >= 0x0600 && cp <= 0x06FF) || (cp >= 0x0750 && cp <= 0x077F) ||
           (cp >= 0x0870 && cp <= 0x08FF) || (cp >= 0xFB50 && cp <= 0xFDFF) ||
           (cp >= 0xFE70 && cp <= 0xFEFF);
}

uint32_t bidi_mirror(uint32_t cp)
{
    FriBidiChar m;
    return fribidi_get_mirror_char(cp, &m) ? m : cp;
}
