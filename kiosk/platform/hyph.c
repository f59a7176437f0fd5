/* hyph.c — hyphenation patterns for the layout, at the edge. See hyph.h. */
#include "hyph.h"

#include <hyphen.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "log.h"
#include "utf8.h"

enum { P_DE, P_EN, P_UK, P_COUNT };

static const char *const files[P_COUNT] = {"hyph_de_DE.dic", "hyph_en_US.dic", "hyph_uk_UA.dic"};

struct hyph {
    char *dir[2]; /* where to look, in order */
    pthread_t thread;
    pthread_mutex_t mu;
    int done; /* under mu; the dictionaries are written before it turns 1 */
    HyphenDict *dict[P_COUNT];
};

static HyphenDict *load_one(char *const dir[2], const char *file)
{
    char path[4096];
    for (int i = 0; i < 2; i++)
        if (dir[i] && snprintf(path, sizeof path, "%s/%s", dir[i], file) < (int)sizeof path &&
            access(path, R_OK) == 0)
            return hnj_hyphen_load(path);
    return NULL;
}

static void *loader(void *arg)
{
    hyph *h = arg;
    /* behind the frames: this thread only (Linux gives threads their own nice) */
    setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), 10);
    for (int i = 0; i < P_COUNT; i++) {
        h->dict[i] = load_one(h->dir, files[i]);
        if (!h->dict[i])
            log_warn("ui", "no hyphenation patterns %s (in %s or %s): words break only where "
                     "they must", files[i], h->dir[0] ? h->dir[0] : "-",
                     h->dir[1] ? h->dir[1] : "-");
    }
    pthread_mutex_lock(&h->mu);
    h->done = 1;
    pthread_mutex_unlock(&h->mu);
    return NULL;
}

/* Frees what hyph_open allocated before its thread started. */
static void drop(hyph *h)
{
    free(h->dir[0]);
    free(h->dir[1]);
    free(h);
}

hyph *hyph_open(const char *dir, const char *fallback)
{
    hyph *h = calloc(1, sizeof *h);
    if (!h)
        return NULL;
    if ((dir && !(h->dir[0] = strdup(dir))) || (fallback && !(h->dir[1] = strdup(fallback)))) {
        drop(h);
        return NULL;
    }
    pthread_mutex_init(&h->mu, NULL);
    if (pthread_create(&h->thread, NULL, loader, h) != 0) {
        pthread_mutex_destroy(&h->mu);
        drop(h);
        return NULL;
    }
    return h;
}

void hyph_wait(hyph *h)
{
    while (h && !hyph_ready(h))
        usleep(20000);
}

int hyph_ready(hyph *h)
{
    if (!h)
        return 0;
    pthread_mutex_lock(&h->mu);
    int done = h->done;
    pthread_mutex_unlock(&h->mu);
    return done;
}

void hyph_free(hyph *h)
{
    if (!h)
        return;
    pthread_join(h->thread, NULL);
    for (int i = 0; i < P_COUNT; i++)
        if (h->dict[i])
            hnj_hyphen_free(h->dict[i]);
    pthread_mutex_destroy(&h->mu);
    drop(h);
}

/* The lower case of a Latin-1 or Cyrillic capital (the patterns' letters
 * are lower case); any other letter as it is. */
static uint32_t lower(uint32_t cp)
{
    if ((cp >= 'A' && cp <= 'Z') || (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) ||
        (cp >= 0x410 && cp <= 0x42F))
        return cp + 0x20;
    if (cp >= 0x400 && cp <= 0x40F) /* Ѐ..Џ: Є, І, Ї among them */
        return cp + 0x50;
    if (cp == 0x490) /* Ґ */
        return 0x491;
    return cp;
}

/* cp in UTF-8 at out (a code point below U+10000: the letters above).
 * Returns its length. */
static size_t put_utf8(char *out, uint32_t cp)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    out[0] = (char)(0xE0 | (cp >> 12));
    out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
}

/* The word in the dictionary's encoding, lower case (the patterns are):
 * UTF-8, or ISO 8859-1. Where each letter ends in word goes to ends.
 * Returns the number of letters, or -1 for one Latin-1 cannot spell. */
static int spell(const HyphenDict *d, const char *word, size_t len, char *out, size_t *ends)
{
    int n = 0;
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t k = utf8_decode(word + i, len - i, &cp);
        if (!k)
            return -1;
        uint32_t lc = lower(cp);
        if (d->utf8 && lc < 0x10000) {
            o += put_utf8(out + o, lc);
        } else if (d->utf8) {
            memcpy(out + o, word + i, k);
            o += k;
        } else {
            if (lc > 0xFF)
                return -1;
            out[o++] = (char)lc;
        }
        i += k;
        ends[n++] = i;
    }
    out[o] = '\0';
    return n;
}

/* The patterns for a language's code: German's for "de" and "de-AT",
 * English's for "en", "en-GB", Ukrainian's for "uk"; none for the others
 * (never guessed: Debian has no libhyphen patterns for Turkish or Arabic). */
static int patterns_of(const char *lg)
{
    if (lg && strncmp(lg, "uk", 2) == 0 && (!lg[2] || lg[2] == '-'))
        return P_UK;
    if (lg && strncmp(lg, "de", 2) == 0 && (!lg[2] || lg[2] == '-'))
        return P_DE;
    if (lg && strncmp(lg, "en", 2) == 0 && (!lg[2] || lg[2] == '-'))
        return P_EN;
    return -1;
}

int hyph_marks(void *ctx, const char *lg, const char *word, size_t len, char *marks)
{
    hyph *h = ctx;
    if (!hyph_ready(h) || len == 0 || len > 200)
        return -1;
    int which = patterns_of(lg);
    const HyphenDict *d = which >= 0 ? h->dict[which] : NULL;
    if (!d)
        return -1;
    char buf[4 * 200 + 8];
    size_t ends[201];
    int n = spell(d, word, len, buf, ends);
    if (n < 2)
        return -1;
    size_t blen = strlen(buf);
    char hy[4 * 200 + 8] = {0};
    char **rep = NULL;
    int *pos = NULL, *cut = NULL;
    if (hnj_hyphen_hyphenate2((HyphenDict *)d, buf, (int)blen, hy, NULL, &rep, &pos, &cut) != 0)
        return -1;
    int marks_n = 0;
    /* hy has one entry a letter; an odd one allows a hyphen after it. Breaks
     * that change the spelling (rep) are not taken: the layout cannot respell. */
    for (int i = 0; i + 1 < n; i++)
        if ((hy[i] & 1) && !(rep && rep[i])) {
            marks[ends[i] - 1] = 1;
            marks_n++;
        }
    if (rep) {
        for (size_t i = 0; i < blen; i++)
            free(rep[i]);
        free(rep);
        free(pos);
        free(cut);
    }
    return marks_n;
}

/* libhyphen 2.8.8 loses some 900 bytes of the German patterns when it frees
 * them (hnj_hyphen_load then hnj_hyphen_free alone shows it): once per load,
 * in the library, not here. The sanitizer builds' leak checker reads this
 * hook and leaves that one out; other builds never call it. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:libhyphen.so\n";
}
