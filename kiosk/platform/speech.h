/* speech.h — text to speech with espeak-ng, into 16-bit PCM in memory.
 *
 * A speech collects everything said into one mono buffer at the engine's
 * sample rate, which speech_write_wav() saves as a WAV file. espeak-ng keeps
 * global state, so there is one speech at a time, used from one thread.
 * Playing the sound is not this module's business.
 *
 * Not pure core: it calls the speech engine. */
#ifndef KIOSK_SPEECH_H
#define KIOSK_SPEECH_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "content.h"

typedef struct speech speech;

/* Start the engine (data_dir NULL: espeak-ng's own data). NULL when it
 * cannot start, with the reason in the log. The engine starts once per
 * process (espeak-ng cannot start twice): a later speech_new, after
 * speech_free, uses it as the first one started it, data_dir included. */
speech *speech_new(const char *data_dir);
void speech_free(speech *sp); /* accepts NULL */

/* Say text (UTF-8) with espeak-ng's voice of that name (a language's
 * klang.voice: "de", "en-gb", "tr") and append it to the buffer, followed
 * by a short pause. A voice espeak-ng does not have speaks German, said
 * once in the log. 0, or -1; or 1 when cancelled (see speech_set_cancel;
 * part of the text may be in the buffer, without the pause). */
int speech_say(speech *sp, const char *voice, const char *text);
/* 1 when espeak-ng has a voice of that name (kiosk --check asks). */
int speech_has_voice(const speech *sp, const char *voice);

/* While *flag is non-zero (flag not NULL), a speech_say stops at the
 * engine's next piece of samples and returns 1: another thread can stop a
 * long synthesis that is no longer wanted. The flag stays the caller's. */
void speech_set_cancel(speech *sp, atomic_int *flag);

/* Append n samples made elsewhere (a chime) to the buffer. 0, or -1. */
int speech_append(speech *sp, const int16_t *pcm, size_t n);

/* Keep only the first n samples (0: empty the buffer, keeping its memory),
 * so a long-running speaker does not collect everything it ever said. */
void speech_truncate(speech *sp, size_t n);

/* The samples said so far (borrowed, valid until the next speech_say or
 * speech_append). */
const int16_t *speech_samples(const speech *sp, size_t *n);
int speech_rate(const speech *sp);

/* Save the samples as a mono 16-bit PCM WAV file. 0, or -1 (errno set). */
int speech_write_wav(const speech *sp, const char *path);
/* The same for n samples from sample from (one language of several said
 * into one buffer). -1 with EINVAL when they are not all in the buffer. */
int speech_write_wav_part(const speech *sp, const char *path, size_t from, size_t n);

/* What speech_say_content said, in characters (code points): every text,
 * and those written in the language itself (the rest are its fallbacks'). */
typedef struct speech_count {
    size_t chars, own;
} speech_count;

/* Say every text of the content — title, slides, menu, each domain's
 * title, summary and pages — as a visitor in language l reads them, each
 * in the declared voice of the language it is written in: l's own texts
 * in l's voice, a text l falls back to in its language's (German in the
 * German voice). Adds what was said to *n. 0, or -1. */
int speech_say_content(speech *sp, const kcontent *c, lang l, speech_count *n);

#endif
