/* speech.c — espeak-ng into memory. See speech.h. */
#include "speech.h"

#include <errno.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <espeak-ng/speak_lib.h>

#include "log.h"
#include "utf8.h"

#define PAUSE_MS 300 /* between texts: a listener hears where one ends */
#define MISSING_MAX 8 /* voices remembered as missing, each logged once */

struct speech {
    int16_t *pcm;
    size_t n, cap;
    int rate;
    int failed;
    atomic_int *cancel; /* see speech_set_cancel */
    int cancelled;
    char missing[MISSING_MAX][32]; /* voices espeak-ng did not have: logged once each */
};

static int active; /* espeak-ng is one engine per process */
/* Its sample rate once started. espeak-ng 1.51 cannot be started again in
 * the same process: after espeak_Terminate and a new espeak_Initialize its
 * queue thread hangs the next Synchronize or Terminate. So the engine starts
 * once, with the first data_dir, and stays until the process ends. */
static int engine_rate;

static int append(speech *sp, const short *wav, size_t n)
{
    if (sp->n + n > sp->cap) {
        size_t cap = sp->cap ? sp->cap : 65536;
        while (cap < sp->n + n)
            cap *= 2;
        int16_t *p = realloc(sp->pcm, cap * sizeof *p);
        if (!p)
            return -1;
        sp->pcm = p;
        sp->cap = cap;
    }
    if (wav)
        memcpy(sp->pcm + sp->n, wav, n * sizeof *wav);
    else
        memset(sp->pcm + sp->n, 0, n * sizeof *sp->pcm);
    sp->n += n;
    return 0;
}

/* espeak-ng hands the samples over in pieces; wav NULL marks the end. */
static int on_samples(short *wav, int n, espeak_EVENT *ev)
{
    speech *sp = ev ? ev->user_data : NULL;
    if (!sp || !wav || n <= 0)
        return 0;
    if (sp->cancel && atomic_load(sp->cancel)) {
        sp->cancelled = 1;
        return 1; /* stop synthesis */
    }
    if (append(sp, wav, (size_t)n) != 0) {
        sp->failed = 1;
        return 1; /* stop synthesis */
    }
    return 0;
}

speech *speech_new(const char *data_dir)
{
    if (active) {
        log_error("speech", "the speech engine is already in use");
        return NULL;
    }
    speech *sp = calloc(1, sizeof *sp);
    if (!sp)
        return NULL;
    if (!engine_rate) {
        int rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, data_dir, 0);
        if (rate <= 0) {
            log_error("speech", "espeak-ng does not start (data in %s)", data_dir ? data_dir : "its default place");
            free(sp);
            return NULL;
        }
        espeak_SetSynthCallback(on_samples);
        engine_rate = rate;
    }
    sp->rate = engine_rate;
    active = 1;
    return sp;
}

void speech_free(speech *sp)
{
    if (!sp)
        return;
    active = 0; /* the engine itself stays: see engine_rate */
    free(sp->pcm);
    free(sp);
}

/* A voice by its name ("de", "en-GB-x-rp") or, failing that, by the
 * language it speaks ("en-gb", "tr"). 0 when one is set. */
static int select_voice(const char *voice)
{
    if (!voice || !*voice)
        return -1;
    if (espeak_SetVoiceByName(voice) == EE_OK)
        return 0;
    espeak_VOICE want;
    memset(&want, 0, sizeof want);
    want.languages = voice;
    return espeak_SetVoiceByProperties(&want) == EE_OK ? 0 : -1;
}

int speech_has_voice(const speech *sp, const char *voice)
{
    (void)sp; /* the engine is the process's: sp says it runs */
    return select_voice(voice) == 0;
}

/* 1 the first time voice is found missing (then it is logged), 0 after. */
static int first_missing(speech *sp, const char *voice)
{
    for (size_t i = 0; i < MISSING_MAX && sp->missing[i][0]; i++)
        if (strncmp(sp->missing[i], voice, sizeof sp->missing[i] - 1) == 0)
            return 0;
    size_t i = 0;
    while (i + 1 < MISSING_MAX && sp->missing[i][0])
        i++; /* a full list reuses its last place */
    snprintf(sp->missing[i], sizeof sp->missing[i], "%s", voice);
    return 1;
}

int speech_say(speech *sp, const char *voice, const char *text)
{
    if (!text || !*text)
        return 0;
    if (select_voice(voice) != 0) {
        if (first_missing(sp, voice && *voice ? voice : "(none)"))
            log_warn("speech", "espeak-ng has no voice '%s': speaking German", voice && *voice ? voice : "(none)");
        if (espeak_SetVoiceByName("de") != EE_OK) {
            log_error("speech", "no de voice (is espeak-ng-data installed?)");
            return -1;
        }
    }
    sp->failed = 0;
    sp->cancelled = 0;
    espeak_ERROR e = espeak_Synth(text, strlen(text) + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8,
                                  NULL, sp);
    if (e == EE_OK)
        e = espeak_Synchronize();
    if (sp->cancelled)
        return 1;
    if (e != EE_OK || sp->failed) {
        log_error("speech", "synthesis failed (%d)", (int)e);
        return -1;
    }
    return append(sp, NULL, (size_t)sp->rate * PAUSE_MS / 1000);
}

void speech_set_cancel(speech *sp, atomic_int *flag)
{
    sp->cancel = flag;
}

int speech_append(speech *sp, const int16_t *pcm, size_t n)
{
    return n ? append(sp, pcm, n) : 0;
}

void speech_truncate(speech *sp, size_t n)
{
    if (n < sp->n)
        sp->n = n;
}

const int16_t *speech_samples(const speech *sp, size_t *n)
{
    *n = sp->n;
    return sp->pcm;
}

int speech_rate(const speech *sp)
{
    return sp->rate;
}

static void le16(unsigned char *p, unsigned v)
{
    p[0] = (unsigned char)(v & 0xff);
    p[1] = (unsigned char)((v >> 8) & 0xff);
}

static void le32(unsigned char *p, uint32_t v)
{
    le16(p, v & 0xffff);
    le16(p + 2, v >> 16);
}

int speech_write_wav(const speech *sp, const char *path)
{
    return speech_write_wav_part(sp, path, 0, sp->n);
}

int speech_write_wav_part(const speech *sp, const char *path, size_t from, size_t n)
{
    if (from > sp->n || n > sp->n - from) {
        errno = EINVAL;
        return -1;
    }
    if (n > (UINT32_MAX - 36) / 2) {
        errno = EFBIG;
        return -1;
    }
    uint32_t data = (uint32_t)(n * 2);
    unsigned char h[44];
    memcpy(h, "RIFF", 4);
    le32(h + 4, 36 + data);
    memcpy(h + 8, "WAVEfmt ", 8);
    le32(h + 16, 16);                   /* fmt chunk size */
    le16(h + 20, 1);                    /* PCM */
    le16(h + 22, 1);                    /* mono */
    le32(h + 24, (uint32_t)sp->rate);
    le32(h + 28, (uint32_t)sp->rate * 2); /* bytes per second */
    le16(h + 32, 2);                    /* bytes per frame */
    le16(h + 34, 16);                   /* bits per sample */
    memcpy(h + 36, "data", 4);
    le32(h + 40, data);
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    int rc = -1;
    if (fwrite(h, 1, sizeof h, f) != sizeof h)
        goto out;
    /* samples little-endian, whatever the machine */
    for (size_t i = from; i < from + n; i++) {
        unsigned char s[2];
        le16(s, (uint16_t)sp->pcm[i]);
        if (fwrite(s, 1, 2, f) != 2)
            goto out;
    }
    rc = 0;
out:
    if (fclose(f) != 0)
        rc = -1;
    return rc;
}

/* One text as a visitor in l hears it, in the voice of the language it is
 * written in (a fallback's German in the German voice). */
static int say(speech *sp, const kcontent *c, lang l, const ktext *t, speech_count *n)
{
    const char *s = ktext_get(t, l);
    if (!s || !*s)
        return 0;
    lang w = ktext_written_in(t, l);
    size_t k = utf8_count(s, strlen(s));
    n->chars += k;
    if (w == l)
        n->own += k;
    return speech_say(sp, content_lang(c, w)->voice, s);
}

static int say_domain(speech *sp, const kcontent *c, lang l, const kdomain *d, speech_count *n)
{
    if (say(sp, c, l, &d->title, n) || say(sp, c, l, &d->summary, n))
        return -1;
    for (size_t p = 0; p < d->n_pages; p++) {
        const kpage *pg = &d->pages[p];
        if (say(sp, c, l, &pg->title, n))
            return -1;
        for (size_t b = 0; b < pg->n_blocks; b++) {
            const kblock *k = &pg->blocks[b];
            if (k->kind == BLOCK_FACT && say(sp, c, l, &k->value, n))
                return -1;
            for (size_t q = 0; q < k->n_items; q++)
                if (say(sp, c, l, &k->items[q], n))
                    return -1;
            if (say(sp, c, l, &k->text, n))
                return -1;
        }
    }
    return 0;
}

int speech_say_content(speech *sp, const kcontent *c, lang l, speech_count *n)
{
    if (say(sp, c, l, &c->title, n) || say(sp, c, l, &c->subtitle, n) ||
        say(sp, c, l, &c->invitation, n))
        return -1;
    for (size_t i = 0; i < c->n_slides; i++)
        if (say(sp, c, l, &c->slides[i].title, n) || say(sp, c, l, &c->slides[i].text, n))
            return -1;
    if (say(sp, c, l, &c->menu_title, n))
        return -1;
    for (size_t i = 0; i < c->n_domains; i++)
        if (say_domain(sp, c, l, &c->domains[i], n))
            return -1;
    return 0;
}
