/* Voice: what is said reaches a WAV file and, through SDL's disk audio
 * driver, the audio device; an interrupt drops a long text for a short one;
 * no audio device is no failure. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <SDL.h>

#include "voice.h"

static uint32_t rd32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void tmp_path(char *path, size_t size, const char *suffix)
{
    char t[] = "/tmp/kiosk-voice-XXXXXX";
    int fd = mkstemp(t);
    assert_true(fd >= 0);
    close(fd);
    unlink(t);
    snprintf(path, size, "%s%s", t, suffix);
}

/* the whole file; n: its size */
static unsigned char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    assert_true(size >= 0);
    unsigned char *buf = malloc((size_t)size + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)size, f), (size_t)size);
    fclose(f);
    *n = (size_t)size;
    return buf;
}

/* RMS of n little-endian 16-bit samples */
static double rms(const unsigned char *p, size_t n)
{
    double sum = 0;
    for (size_t i = 0; i < n; i++) {
        double s = (int16_t)(uint16_t)(p[2 * i] | p[2 * i + 1] << 8);
        sum += s * s;
    }
    return n ? sqrt(sum / (double)n) : 0;
}

/* A WAV written by the voice: checks the header, returns the samples (the
 * data chunk) and their count. */
static unsigned char *read_wav(const char *path, int rate, size_t *samples)
{
    size_t size;
    unsigned char *w = slurp(path, &size);
    assert_true(size >= 44);
    assert_memory_equal(w, "RIFF", 4);
    assert_int_equal(rd32(w + 4), size - 8);
    assert_memory_equal(w + 8, "WAVEfmt ", 8);
    assert_int_equal(w[20] | w[21] << 8, 1);  /* PCM */
    assert_int_equal(w[22] | w[23] << 8, 1);  /* mono */
    assert_int_equal(rd32(w + 24), (uint32_t)rate);
    assert_int_equal(w[34] | w[35] << 8, 16); /* bits */
    assert_memory_equal(w + 36, "data", 4);
    assert_int_equal(rd32(w + 40), size - 44);
    *samples = (size - 44) / 2;
    return w;
}

static void wait_quiet(voice *v)
{
    /* bounded: a few seconds of speech play in real time */
    for (int i = 0; i < 3000 && voice_busy(v); i++)
        SDL_Delay(10);
    assert_false(voice_busy(v));
}

static void test_sync_wav(void **st)
{
    (void)st;
    setenv("SDL_AUDIODRIVER", "dummy", 1); /* a device that plays into nothing */
    char path[64];
    tmp_path(path, sizeof path, ".wav");
    voice *v = voice_new(NULL, path, 1);
    assert_non_null(v);
    assert_int_equal(voice_has_device(v), 1);
    int rate = voice_rate(v);
    assert_true(rate >= 8000 && rate <= 48000);
    voice_say(v, "de", "Willkommen im Rathaus Kaiserslautern.", 0);
    voice_say(v, "en", "Welcome to Kaiserslautern town hall.", 0);
    /* synthesized inside voice_say: already handed to the device */
    size_t said = voice_samples_played(v);
    assert_true(said > (size_t)rate);
    voice_beep(v);
    size_t with_beep = voice_samples_played(v);
    voice_say(v, "en", "", 0); /* nothing */
    assert_int_equal(voice_samples_played(v), with_beep);
    voice_free(v);

    size_t n;
    unsigned char *w = read_wav(path, rate, &n);
    unlink(path);
    /* the two sentences and the chime, at the end */
    assert_int_equal(n, with_beep);
    assert_true(n > (size_t)rate / 2 && n < (size_t)rate * 10);
    assert_true(rms(w + 44, n) > 500);
    size_t beep = with_beep - said;
    assert_true(beep > (size_t)rate * 25 / 100 && beep < (size_t)rate * 35 / 100);
    assert_true(rms(w + 44 + 2 * said, beep) > 500);
    free(w);

    /* the chime alone: soft, but audible */
    tmp_path(path, sizeof path, ".wav");
    v = voice_new(NULL, path, 1);
    assert_non_null(v);
    voice_beep(v);
    voice_free(v);
    w = read_wav(path, rate, &n);
    unlink(path);
    assert_int_equal(n, beep);
    double r = rms(w + 44, n);
    assert_true(r > 500 && r < 8000);
    free(w);
}

static void test_no_device(void **st)
{
    (void)st;
    setenv("SDL_AUDIODRIVER", "no-such-driver", 1);
    char path[64];
    tmp_path(path, sizeof path, ".wav");
    voice *v = voice_new(NULL, path, 0);
    assert_non_null(v);
    assert_int_equal(voice_has_device(v), 0);
    int rate = voice_rate(v);
    voice_say(v, "de", "Guten Tag.", 0);
    wait_quiet(v);
    assert_int_equal(voice_samples_played(v), 0);
    voice_free(v);
    size_t n;
    unsigned char *w = read_wav(path, rate, &n);
    unlink(path);
    assert_true(n > (size_t)rate / 4);
    assert_true(rms(w + 44, n) > 500);
    free(w);
}

/* SDL's disk driver writes what the device plays to a file, in real time */
static voice *disk_voice(char *raw, size_t size)
{
    tmp_path(raw, size, ".raw");
    setenv("SDL_AUDIODRIVER", "disk", 1);
    setenv("SDL_DISKAUDIOFILE", raw, 1);
    voice *v = voice_new(NULL, NULL, 0);
    assert_non_null(v);
    assert_int_equal(voice_has_device(v), 1);
    return v;
}

static void test_disk_playback(void **st)
{
    (void)st;
    char raw[64];
    voice *v = disk_voice(raw, sizeof raw);
    int rate = voice_rate(v);
    voice_say(v, "de", "Guten Tag.", 0);
    assert_true(voice_busy(v));
    wait_quiet(v);
    size_t played = voice_samples_played(v);
    assert_true(played > (size_t)rate / 4 && played < (size_t)rate * 5);
    voice_free(v);
    size_t size;
    unsigned char *p = slurp(raw, &size);
    unlink(raw);
    /* the device played at least what was handed to it (and silence around) */
    assert_true(size / 2 >= played);
    int peak = 0;
    for (size_t i = 0; i < size / 2; i++) {
        int s = abs((int16_t)(uint16_t)(p[2 * i] | p[2 * i + 1] << 8));
        peak = s > peak ? s : peak;
    }
    assert_true(peak > 1000);
    assert_true(rms(p, size / 2) > 200);
    free(p);
}

static char *long_text(void)
{
    static const char sentence[] = "Kaiserslautern bewirbt sich als digitale Stadt, und dieses "
                                   "Terminal erzählt davon. ";
    size_t n = 40 * (sizeof sentence - 1);
    char *s = malloc(n + 1);
    assert_non_null(s);
    for (size_t i = 0; i < 40; i++)
        memcpy(s + i * (sizeof sentence - 1), sentence, sizeof sentence - 1);
    s[n] = '\0';
    return s; /* about three minutes of speech */
}

static void test_interrupt(void **st)
{
    (void)st;
    char raw[64];
    voice *v = disk_voice(raw, sizeof raw);
    int rate = voice_rate(v);
    char *text = long_text();
    voice_say(v, "de", text, 0);
    voice_say(v, "de", "Zurück.", 1);
    wait_quiet(v);
    /* the short text was heard, the long one not: its first piece alone
     * lasts far longer than this */
    size_t played = voice_samples_played(v);
    assert_true(played > (size_t)rate / 10);
    assert_true(played < (size_t)rate * 3);

    /* the long text is playing (its first piece handed to the device) and
     * the next piece in synthesis when the interrupt comes: the device's
     * queue is cleared and the piece in synthesis dropped */
    size_t before = voice_samples_played(v);
    voice_say(v, "de", text, 0);
    for (int i = 0; i < 2000 && voice_samples_played(v) == before; i++)
        SDL_Delay(5);
    assert_true(voice_samples_played(v) - before > (size_t)rate * 2); /* a sentence or more */
    voice_say(v, "de", "Zurück.", 1);
    wait_quiet(v);
    played = voice_samples_played(v) - before;
    assert_true(played > (size_t)rate / 10);
    assert_true(played < (size_t)rate * 3);

    /* queued behind: both are heard */
    before = voice_samples_played(v);
    voice_say(v, "en", "One.", 0);
    voice_say(v, "en", "Two.", 0);
    wait_quiet(v);
    size_t two = voice_samples_played(v) - before;
    assert_true(two > (size_t)rate * 6 / 10); /* two words and two pauses */

    /* stop: the long text is dropped, queued or in synthesis */
    before = voice_samples_played(v);
    voice_say(v, "de", text, 0);
    voice_say(v, "de", text, 0);
    voice_stop(v);
    wait_quiet(v);
    assert_true(voice_samples_played(v) - before < (size_t)rate * 3);
    free(text);
    voice_free(v);
    unlink(raw);
    voice_free(NULL);
}

/* An idle device is closed (no thread feeding silence to the hardware) and
 * opened again, and heard, for the next text. */
static void test_idle_close_and_reopen(void **st)
{
    (void)st;
    char raw[64];
    voice *v = disk_voice(raw, sizeof raw);
    int rate = voice_rate(v);
    voice_set_idle_close_ms(v, 200);
    assert_int_equal(voice_device_open(v), 1);
    voice_say(v, "de", "Eins.", 0);
    wait_quiet(v);
    for (int i = 0; i < 200 && voice_device_open(v); i++)
        SDL_Delay(10);
    assert_int_equal(voice_device_open(v), 0);
    assert_int_equal(voice_has_device(v), 1);
    size_t before = voice_samples_played(v);
    voice_say(v, "de", "Zwei.", 0);
    for (int i = 0; i < 200 && voice_samples_played(v) == before; i++)
        SDL_Delay(5);
    assert_int_equal(voice_device_open(v), 1);
    wait_quiet(v);
    assert_true(voice_samples_played(v) - before > (size_t)rate / 10);
    voice_set_idle_close_ms(v, 60000); /* keep it open to the end: the file is complete */
    voice_free(v);
    /* the disk driver started its file afresh on reopening: "Zwei" is in it */
    size_t size;
    unsigned char *p = slurp(raw, &size);
    unlink(raw);
    assert_true(rms(p, size / 2) > 200);
    free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sync_wav),
        cmocka_unit_test(test_no_device),
        cmocka_unit_test(test_disk_playback),
        cmocka_unit_test(test_interrupt),
        cmocka_unit_test(test_idle_close_and_reopen),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    SDL_Quit();
    return rc;
}
