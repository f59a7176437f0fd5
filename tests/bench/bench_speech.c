/* bench_speech — how soon a blind visitor hears something: the speech
 * engine's start, the synthesis time of what speech mode says most (a
 * control's label, a scene's announcement, a paragraph), the real-time
 * factor over the whole bundled content, and the delay from voice_say() to
 * the first samples handed to the audio device (SDL's dummy driver, the
 * worker thread as in the kiosk). Prints medians of many runs. */
#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "content.h"
#include "speech.h"
#include "voice.h"
#include "bench_util.h"

#define RUNS 15

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return v[n / 2];
}

/* Median synthesis time of text, and the length of the speech it makes. */
static void synth(speech *sp, const char *l, const char *what, const char *text)
{
    double t[RUNS];
    size_t n = 0;
    for (int i = 0; i < RUNS; i++) {
        speech_truncate(sp, 0);
        double t0 = now_ms();
        if (speech_say(sp, l, text) != 0) {
            fprintf(stderr, "bench_speech: synthesis failed\n");
            exit(1);
        }
        t[i] = now_ms() - t0;
        speech_samples(sp, &n);
    }
    printf("  %-34s %7.1f ms for %5.2f s of speech (%zu characters)\n", what, median(t, RUNS),
           (double)n / speech_rate(sp), strlen(text));
}

int main(void)
{
    printf("bench_speech: espeak-ng, synthesis medians of %d runs\n", RUNS);
    double t0 = now_ms();
    speech *sp = speech_new(NULL);
    if (!sp)
        return 1;
    printf("  %-34s %7.1f ms\n", "engine start", now_ms() - t0);
    synth(sp, "de", "a control's label", "Große Schrift, aus");
    synth(sp, "de", "a scene's announcement", "Seite Energie, 3 Abschnitte");
    synth(sp, "de", "a paragraph (the first part said)",
          "Der Digitalverband Bitkom und der Deutsche Städte- und Gemeindebund richten den "
          "Wettbewerb aus. Gesucht wird eine Stadt, die zeigt, was digitale Technik bringt.");

    diag_list d;
    diag_init(&d);
    kcontent *c = content_load("content", &d);
    diag_free(&d);
    if (!c)
        return 1;
    for (size_t l = 0; l < c->n_langs; l++) {
        speech_truncate(sp, 0);
        speech_count chars = {0, 0};
        size_t n = 0;
        double s0 = now_ms();
        if (speech_say_content(sp, c, (lang)l, &chars) != 0)
            return 1;
        double ms = now_ms() - s0;
        speech_samples(sp, &n);
        double secs = (double)n / speech_rate(sp);
        printf("  whole content, %s: %zu characters, %.1f s of speech in %.0f ms: %.0fx real time\n",
               content_lang_code(c, (lang)l), chars.chars, secs, ms, secs * 1000 / ms);
    }
    content_free(c);
    speech_free(sp);

    /* the kiosk's path: the worker synthesizes, SDL plays */
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    voice *v = voice_new(NULL, NULL, 0);
    if (!v || !voice_has_device(v)) {
        fprintf(stderr, "bench_speech: no voice with SDL's dummy audio driver\n");
        return 1;
    }
    double first[RUNS];
    for (int i = 0; i < RUNS; i++) {
        size_t before = voice_samples_played(v);
        double s0 = now_ms();
        voice_say(v, "de",
                  "Auch die Energie gehört zu den vier Feldern der Bewerbung. Gewinnt "
                  "Kaiserslautern, sollen wichtige Infrastrukturen in diesem Bereich ab Anfang "
                  "2018 neueste digitale Technik bekommen. Was digitale Anwendungen bringen "
                  "könnten: Energie dort nutzen, wo sie gebraucht wird.",
                  1);
        while (voice_samples_played(v) == before && now_ms() - s0 < 5000)
            SDL_Delay(1);
        first[i] = now_ms() - s0;
        voice_stop(v);
    }
    printf("  %-34s %7.1f ms (a 260-character paragraph, interrupting)\n",
           "voice_say to the first samples", median(first, RUNS));
    voice_free(v);
    SDL_Quit();
    return 0;
}
