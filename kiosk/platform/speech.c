/* speech.c — espeak-ng into memory. See speech.h. */
#include "speech.h"

#include <errno.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <espeak-ng/speak_lib.h>

#include "log.h"

#define PAUSE_MS 300 /* between texts: a listener hears where one ends */

struct speech {
    int16_t *pcm;
    size_t n, cap;
    int rate;
    int failed;
    atomic_int *cancel; /* see speech_set_cancel */
    int cancelled;
    char missing[32]; /* the last voice espeak-ng did not have: logged once */
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

int speech_has_voice(speech *sp, const char *voice)
{
    (void)sp; /* the engine is the process's: sp says it runs */
    return select_voice(voice) == 0;
}

int speech_say(speech *sp, const char *voice, const char *text)
{
    if (!text || !*text)
        return 0;
    if (select_voice(voice) != 0) {
        if (!voice || strcmp(sp->missing, voice) != 0) { /* one line per missing voice */
            log_warn("speech", "espeak-ng has no voice '%s': speaking German",
                     voice ? voice : "(none)");
            snprintf(sp->missing, sizeof sp->missing, "%s", voice ? voice : "");
        }
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
    if (sp->n > (UINT32_MAX - 36) / 2) {
        errno = EFBIG;
        return -1;
    }
    uint32_t data = (uint32_t)(sp->n * 2);
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
    for (size_t i = 0; i < sp->n; i++) {
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

static int say(speech *sp, const char *v, lang l, const ktext *t, size_t *chars)
{
    const char *s = ktext_get(t, l);
    if (!s || !*s)
        return 0;
    *chars += strlen(s);
    return speech_say(sp, v, s);
}

int speech_say_content(speech *sp, const kcontent *c, lang l, size_t *chars)
{
    const char *v = content_lang(c, l)->voice;
    if (say(sp, v, l, &c->title, chars) || say(sp, v, l, &c->subtitle, chars) ||
        say(sp, v, l, &c->invitation, chars))
        return -1;
    for (size_t i = 0; i < c->n_slides; i++)
        if (say(sp, v, l, &c->slides[i].title, chars) || say(sp, v, l, &c->slides[i].text, chars))
            return -1;
    if (say(sp, v, l, &c->menu_title, chars))
        return -1;
    for (size_t i = 0; i < c->n_domains; i++) {
        const kdomain *d = &c->domains[i];
        if (say(sp, v, l, &d->title, chars) || say(sp, v, l, &d->summary, chars))
            return -1;
        for (size_t p = 0; p < d->n_pages; p++) {
            const kpage *pg = &d->pages[p];
            if (say(sp, v, l, &pg->title, chars))
                return -1;
            for (size_t b = 0; b < pg->n_blocks; b++) {
                const kblock *k = &pg->blocks[b];
                if (k->kind == BLOCK_FACT && say(sp, v, l, &k->value, chars))
                    return -1;
                for (size_t q = 0; q < k->n_items; q++)
                    if (say(sp, v, l, &k->items[q], chars))
                        return -1;
                if (say(sp, v, l, &k->text, chars))
                    return -1;
            }
        }
    }
    return 0;
}
