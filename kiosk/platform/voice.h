/* voice.h — speaks texts aloud through the default SDL audio device (the
 * Pi's headphone jack), synthesized with speech.h (espeak-ng), for the
 * speech mode of blind visitors; and a soft chime.
 *
 * In async mode a worker thread owns the speech engine and synthesizes what
 * voice_say queues (a small bounded queue; when it is full the oldest text
 * waiting gives way), so the UI never waits; long texts are said sentence
 * group by sentence group, so the first words sound before the rest is
 * synthesized. In sync mode the caller's thread synthesizes inside
 * voice_say (scripted runs, tests: deterministic). Either way the samples go
 * to the device with SDL_QueueAudio, mono 16-bit at espeak's rate.
 *
 * An interrupt (voice_say with interrupt, voice_stop) drops what is queued
 * and what the device still holds, and a generation counter discards a
 * synthesis in progress. The voice copies every text it is given; the
 * caller owns its strings. All functions are called from one thread (the
 * app's); the worker is internal.
 *
 * An open SDL audio device keeps a thread feeding the hardware even when it
 * only plays silence, so in async mode the worker closes the device after
 * 10 s without sound and opens it again for the next text (a few ms, once).
 *
 * Not pure core: SDL audio and the speech engine. */
#ifndef KIOSK_VOICE_H
#define KIOSK_VOICE_H

#include <stddef.h>

#include "content.h"

typedef struct voice voice;

/* Start speech output. data_dir: espeak-ng data or NULL. wav_out: if not
 * NULL, everything said (and every chime) is also appended to one buffer and
 * written there as a WAV file at voice_free() — as synthesized, not as cut
 * by interrupts; a synthesis discarded by an interrupt is left out. sync:
 * synthesize in the caller's thread inside voice_say; else a worker thread
 * does it. Opens the default SDL audio device (SDL_InitSubSystem(
 * SDL_INIT_AUDIO) itself; SDL_AUDIODRIVER chooses as usual); when there is
 * none, logs one warning and goes on (WAV output still works). NULL only
 * when the speech engine cannot start (or no memory). */
voice *voice_new(const char *data_dir, const char *wav_out, int sync);
/* Accepts NULL. Drops what is still queued, waits for the worker, closes the
 * device (what it still holds is not heard) and writes wav_out. */
void voice_free(voice *v);

/* Say text (UTF-8, cut at KIOSK_MAX_SPEAK_BYTES) with espeak-ng's voice
 * name (a language's klang.voice; one it lacks speaks German). interrupt:
 * first stop what is playing and drop what is queued (a new touch in
 * explore mode); else queue behind it. Returns at once in async mode. */
void voice_say(voice *v, const char *name, const char *text, int interrupt);
void voice_stop(voice *v);            /* silence now: drops the queue and the device's samples */
void voice_beep(voice *v);            /* a short, soft two-tone chime (the idle warning), ~300 ms,
                                       * queued behind what is being said */
int voice_has_device(const voice *v); /* 1 when an SDL audio device opened (it may be
                                       * closed now for being idle) */

/* 1 while something is queued, being synthesized or still in the device's
 * queue (the last ~50 ms the device is playing do not count). */
int voice_busy(const voice *v);
/* Samples handed to the audio device so far, less those an interrupt or
 * voice_stop dropped before they were played: once voice_busy is 0, what
 * was heard. 0 without a device. At speech_rate's rate (mono). */
size_t voice_samples_played(const voice *v);
/* How long the device may stay silent before the worker closes it
 * (default 10 s; tests shorten it). */
void voice_set_idle_close_ms(voice *v, unsigned ms);
/* 1 while the audio device is open. */
int voice_device_open(const voice *v);
/* The sample rate of everything above (espeak's, e.g. 22050). */
int voice_rate(const voice *v);

#endif
