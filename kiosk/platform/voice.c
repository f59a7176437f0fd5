/* voice.c — speech through SDL audio. See voice.h. */
#include "voice.h"

#include <math.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>

#include "klimits.h"
#include "log.h"
#include "speech.h"

/* A long text is synthesized in pieces of about CHUNK_BYTES, the first
 * shorter: it sounds once it is synthesized, the rest while it plays. */
#define FIRST_CHUNK_BYTES 160
#define CHUNK_BYTES 400
#define BEEP_MS 300      /* the chime: two tones of half this each */
#define BEEP_AMP 6000.0  /* about -15 dBFS: soft beside the voice */
/* After this long without sound the worker closes the audio device: an
 * open SDL device keeps a thread feeding silence to the hardware, which an
 * idle kiosk should not pay for. The next text opens it again. */
#define IDLE_CLOSE_MS 10000

typedef struct item {
    int beep;
    char voice[32]; /* espeak-ng's voice name */
    char *text;     /* owned */
} item;

struct voice {
    speech *sp; /* the worker's (or in sync mode the caller's) alone */
    int rate;
    int sync;
    char *wav_out;
    int audio; /* this voice started SDL's audio subsystem */
    int has_device; /* a device opened at the start: one is there to reopen */
    SDL_AudioDeviceID dev; /* under mu once the worker runs; 0 while closed */
    uint64_t last_sound;   /* SDL_GetTicks64() when samples were last queued */
    unsigned idle_close_ms;
    SDL_Thread *thread;
    /* set by an interrupt, cleared when the next text starts: stops a long
     * synthesis at once instead of when it ends (speech_set_cancel) */
    atomic_int cancel;
    /* below: under mu */
    SDL_mutex *mu;
    SDL_cond *cv;
    item q[KIOSK_MAX_VOICE_QUEUE];
    size_t head, n;
    unsigned gen; /* bumped by every interrupt: a synthesis of an older one is dropped */
    int quit;
    int working; /* the worker is synthesizing */
    size_t played;
};

/* ---- under v->mu ---------------------------------------------------------- */

static void drop_queue(voice *v)
{
    for (; v->n; v->n--) {
        free(v->q[v->head].text);
        v->head = (v->head + 1) % KIOSK_MAX_VOICE_QUEUE;
    }
}

/* Silence: nothing queued, nothing in the device, the synthesis in progress
 * is dropped when it ends. */
static void hush(voice *v)
{
    drop_queue(v);
    v->gen++;
    atomic_store(&v->cancel, 1);
    if (v->dev) {
        size_t left = SDL_GetQueuedAudioSize(v->dev) / sizeof(int16_t);
        SDL_ClearQueuedAudio(v->dev);
        v->played -= left < v->played ? left : v->played;
    }
}

/* Open the default device, playing (an empty queue plays silence). 0, or
 * -1 with the reason logged once by the caller. */
static SDL_AudioDeviceID open_dev(int rate)
{
    SDL_AudioSpec want, have;
    SDL_zero(want);
    want.freq = rate;
    want.format = AUDIO_S16SYS;
    want.channels = 1;
    want.samples = 1024; /* ~50 ms: an interrupt is heard at once */
    /* no allowed changes: SDL converts to whatever the hardware takes */
    SDL_AudioDeviceID dev = SDL_OpenAudioDevice(NULL, 0, &want, &have, 0);
    if (dev)
        SDL_PauseAudioDevice(dev, 0);
    return dev;
}

/* Under mu: the device was closed for being idle; open it again. */
static int reopen(voice *v)
{
    if (!v->has_device)
        return 0;
    v->dev = open_dev(v->rate);
    if (!v->dev)
        log_warn("voice", "cannot open the audio device again: %s", SDL_GetError());
    return v->dev != 0;
}

/* Under mu: close the device when it has played everything and been
 * silent for IDLE_CLOSE_MS. Returns how long to wait before looking again,
 * or 0 when there is nothing to look after. */
static uint32_t close_when_idle(voice *v)
{
    if (!v->dev)
        return 0;
    uint64_t now = SDL_GetTicks64();
    if (SDL_GetQueuedAudioSize(v->dev) > 0)
        v->last_sound = now;
    if (now - v->last_sound >= v->idle_close_ms) {
        SDL_CloseAudioDevice(v->dev);
        v->dev = 0;
        return 0;
    }
    return (uint32_t)(v->idle_close_ms - (now - v->last_sound)) + 10;
}

/* ---- the synthesizing side (worker, or the caller in sync mode) ----------- */

/* Hand samples of generation gen to the device; 0, or -1 when an interrupt
 * came in between and they are to be dropped. */
static int emit(voice *v, const int16_t *pcm, size_t n, unsigned gen)
{
    int rc = 0;
    SDL_LockMutex(v->mu);
    if (gen != v->gen || v->quit) {
        rc = -1;
    } else if (n && (v->dev || reopen(v))) {
        if (SDL_QueueAudio(v->dev, pcm, (Uint32)(n * sizeof *pcm)) == 0)
            v->played += n;
        else
            log_warn("voice", "cannot queue audio: %s", SDL_GetError());
        v->last_sound = SDL_GetTicks64();
    }
    SDL_UnlockMutex(v->mu);
    return rc;
}

/* Emit what speech holds from sample n0 on. Without wav_out the buffer is
 * emptied (it would grow for the kiosk's whole life); a dropped piece is
 * cut from it either way. 0, or -1 when dropped. */
static int flush(voice *v, size_t n0, unsigned gen)
{
    size_t n;
    const int16_t *pcm = speech_samples(v->sp, &n);
    int rc = emit(v, pcm + n0, n - n0, gen);
    speech_truncate(v->sp, rc != 0 ? n0 : v->wav_out ? n : 0);
    return rc;
}

static void chime(voice *v, unsigned gen)
{
    size_t n = (size_t)v->rate * BEEP_MS / 1000, half = n / 2;
    int16_t *pcm = malloc(n * sizeof *pcm);
    if (!pcm)
        return;
    /* a falling pair (E6 then C6), each struck and fading like a bell, with
     * a 5 ms rise so it does not click */
    for (size_t i = 0; i < n; i++) {
        double f = i < half ? 1318.5 : 1046.5;
        double t = (double)(i < half ? i : i - half) / v->rate;
        double env = exp(-t / 0.06) * (t < 0.005 ? t / 0.005 : 1.0);
        pcm[i] = (int16_t)lrint(BEEP_AMP * env * sin(2 * M_PI * f * t));
    }
    size_t n0;
    speech_samples(v->sp, &n0);
    if (speech_append(v->sp, pcm, n) == 0)
        flush(v, n0, gen);
    free(pcm);
}

/* The length of the next piece of s: the whole when it has at most max
 * bytes, else up to the last sentence end (else space) within max, never
 * inside a UTF-8 sequence. */
static size_t piece(const char *s, size_t max)
{
    size_t len = strlen(s);
    if (len <= max)
        return len;
    size_t cut = 0, space = 0;
    for (size_t i = 1; i < max; i++) {
        if (s[i] == ' ' || s[i] == '\n') {
            space = i;
            if (strchr(".!?:;\n", s[i - 1]) || s[i] == '\n')
                cut = i;
        }
    }
    if (!cut)
        cut = space;
    if (!cut) {
        cut = max;
        while (cut > 1 && ((unsigned char)s[cut] & 0xC0) == 0x80)
            cut--;
    }
    return cut;
}

static int current(voice *v, unsigned gen)
{
    SDL_LockMutex(v->mu);
    int ok = gen == v->gen && !v->quit;
    SDL_UnlockMutex(v->mu);
    return ok;
}

/* text is the voice's copy: cut in place into pieces */
static void speak(voice *v, const char *name, char *text, unsigned gen)
{
    char *p = text;
    while (*p && current(v, gen)) {
        size_t k = piece(p, p == text ? FIRST_CHUNK_BYTES : CHUNK_BYTES);
        char keep = p[k];
        p[k] = '\0';
        size_t n0;
        speech_samples(v->sp, &n0);
        int rc = speech_say(v->sp, name, p);
        p[k] = keep;
        if (rc != 0) {
            speech_truncate(v->sp, n0);
            return; /* cancelled, or speech logged why */
        }
        if (flush(v, n0, gen) != 0)
            return;
        p += k;
    }
}

static void perform(voice *v, item *it, unsigned gen)
{
    if (it->beep)
        chime(v, gen);
    else
        speak(v, it->voice, it->text, gen);
}

static int worker(void *arg)
{
    voice *v = arg;
    SDL_LockMutex(v->mu);
    for (;;) {
        while (!v->quit && !v->n) {
            uint32_t wait = close_when_idle(v);
            if (wait)
                SDL_CondWaitTimeout(v->cv, v->mu, wait);
            else
                SDL_CondWait(v->cv, v->mu);
        }
        if (v->quit)
            break;
        item it = v->q[v->head];
        v->head = (v->head + 1) % KIOSK_MAX_VOICE_QUEUE;
        v->n--;
        unsigned gen = v->gen;
        atomic_store(&v->cancel, 0);
        v->working = 1;
        SDL_UnlockMutex(v->mu);
        perform(v, &it, gen);
        free(it.text);
        SDL_LockMutex(v->mu);
        v->working = 0;
    }
    SDL_UnlockMutex(v->mu);
    return 0;
}

/* ---- the caller's side ------------------------------------------------------ */

static void open_device(voice *v)
{
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
        log_warn("voice", "no audio (%s): speech is not heard", SDL_GetError());
        return;
    }
    v->audio = 1;
    v->dev = open_dev(v->rate);
    if (!v->dev) {
        log_warn("voice", "no audio device (%s): speech is not heard", SDL_GetError());
        return;
    }
    v->has_device = 1;
    v->last_sound = SDL_GetTicks64();
    log_info("voice", "speaking through %s at %d Hz", SDL_GetCurrentAudioDriver(), v->rate);
}

voice *voice_new(const char *data_dir, const char *wav_out, int sync)
{
    voice *v = calloc(1, sizeof *v);
    if (!v)
        return NULL;
    v->sync = sync;
    v->idle_close_ms = IDLE_CLOSE_MS;
    atomic_init(&v->cancel, 0);
    v->mu = SDL_CreateMutex();
    v->cv = SDL_CreateCond();
    if (!v->mu || !v->cv)
        goto fail;
    if (wav_out && !(v->wav_out = strdup(wav_out)))
        goto fail;
    v->sp = speech_new(data_dir);
    if (!v->sp)
        goto fail;
    v->rate = speech_rate(v->sp);
    speech_set_cancel(v->sp, &v->cancel);
    open_device(v);
    if (!sync) {
        v->thread = SDL_CreateThread(worker, "voice", v);
        if (!v->thread) {
            log_warn("voice", "no worker thread (%s): speaking in the caller's", SDL_GetError());
            v->sync = 1;
        }
    }
    return v;
fail:
    voice_free(v);
    return NULL;
}

void voice_free(voice *v)
{
    if (!v)
        return;
    if (v->thread) {
        SDL_LockMutex(v->mu);
        v->quit = 1;
        atomic_store(&v->cancel, 1);
        drop_queue(v);
        SDL_CondSignal(v->cv);
        SDL_UnlockMutex(v->mu);
        SDL_WaitThread(v->thread, NULL);
    }
    if (v->dev)
        SDL_CloseAudioDevice(v->dev);
    if (v->audio)
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
    if (v->sp && v->wav_out && speech_write_wav(v->sp, v->wav_out) != 0)
        log_error("voice", "cannot write %s", v->wav_out);
    speech_free(v->sp);
    if (v->cv)
        SDL_DestroyCond(v->cv);
    if (v->mu)
        SDL_DestroyMutex(v->mu);
    free(v->wav_out);
    free(v);
}

/* a copy of text, cut at KIOSK_MAX_SPEAK_BYTES on a character boundary */
static char *copy_text(const char *text)
{
    size_t len = strlen(text);
    if (len > KIOSK_MAX_SPEAK_BYTES) {
        len = KIOSK_MAX_SPEAK_BYTES;
        while (len > 0 && ((unsigned char)text[len] & 0xC0) == 0x80)
            len--;
    }
    char *s = malloc(len + 1);
    if (s) {
        memcpy(s, text, len);
        s[len] = '\0';
    }
    return s;
}

static void enqueue(voice *v, int beep, const char *name, const char *text, int interrupt)
{
    char *copy = NULL;
    item it = {.beep = beep};
    snprintf(it.voice, sizeof it.voice, "%s", name);
    if (text && !(copy = copy_text(text))) {
        log_error("voice", "out of memory");
        return;
    }
    SDL_LockMutex(v->mu);
    if (interrupt)
        hush(v);
    unsigned gen = v->gen;
    if (v->sync) {
        atomic_store(&v->cancel, 0);
        SDL_UnlockMutex(v->mu);
        it.text = copy;
        perform(v, &it, gen);
        free(copy);
        return;
    }
    if (v->n == KIOSK_MAX_VOICE_QUEUE) {
        log_warn("voice", "%d texts waiting: the oldest is not said", KIOSK_MAX_VOICE_QUEUE);
        free(v->q[v->head].text);
        v->head = (v->head + 1) % KIOSK_MAX_VOICE_QUEUE;
        v->n--;
    }
    it.text = copy;
    v->q[(v->head + v->n) % KIOSK_MAX_VOICE_QUEUE] = it;
    v->n++;
    SDL_CondSignal(v->cv);
    SDL_UnlockMutex(v->mu);
}

void voice_say(voice *v, const char *name, const char *text, int interrupt)
{
    if (!text || !*text) {
        if (interrupt)
            voice_stop(v);
        return;
    }
    enqueue(v, 0, name, text, interrupt);
}

void voice_stop(voice *v)
{
    SDL_LockMutex(v->mu);
    hush(v);
    SDL_UnlockMutex(v->mu);
}

void voice_beep(voice *v)
{
    enqueue(v, 1, "de", NULL, 0);
}

int voice_has_device(const voice *v)
{
    return v->has_device;
}

int voice_busy(const voice *v)
{
    SDL_LockMutex(v->mu);
    int busy = v->n > 0 || v->working || (v->dev && SDL_GetQueuedAudioSize(v->dev) > 0);
    SDL_UnlockMutex(v->mu);
    return busy;
}

size_t voice_samples_played(const voice *v)
{
    SDL_LockMutex(v->mu);
    size_t n = v->played;
    SDL_UnlockMutex(v->mu);
    return n;
}

void voice_set_idle_close_ms(voice *v, unsigned ms)
{
    SDL_LockMutex(v->mu);
    v->idle_close_ms = ms;
    SDL_CondSignal(v->cv); /* the worker may be waiting on the old time */
    SDL_UnlockMutex(v->mu);
}

int voice_device_open(const voice *v)
{
    SDL_LockMutex(v->mu);
    int open = v->dev != 0;
    SDL_UnlockMutex(v->mu);
    return open;
}

int voice_rate(const voice *v)
{
    return v->rate;
}
