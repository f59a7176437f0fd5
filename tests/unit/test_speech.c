/* Speech: both voices say something, the buffer grows by what was said,
 * the WAV header describes the samples, one engine at a time. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <cmocka.h>

#include "speech.h"

static uint32_t rd32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void test_say_and_save(void **st)
{
    (void)st;
    speech *sp = speech_new(NULL);
    assert_non_null(sp);
    assert_null(speech_new(NULL)); /* espeak-ng is one engine per process */
    int rate = speech_rate(sp);
    assert_true(rate >= 8000 && rate <= 48000);
    size_t n0, n1, n2;
    speech_samples(sp, &n0);
    assert_int_equal(n0, 0);
    assert_int_equal(speech_say(sp, "de", "Willkommen im Rathaus Kaiserslautern"), 0);
    const int16_t *pcm = speech_samples(sp, &n1);
    /* about two seconds of speech, not silence */
    assert_true(n1 > (size_t)rate && n1 < (size_t)rate * 10);
    int peak = 0;
    for (size_t i = 0; i < n1; i++)
        peak = abs(pcm[i]) > peak ? abs(pcm[i]) : peak;
    assert_true(peak > 1000);
    assert_int_equal(speech_say(sp, "en", "Welcome to Kaiserslautern town hall"), 0);
    speech_samples(sp, &n2);
    assert_true(n2 > n1 + (size_t)rate / 2);
    /* a declared voice by its language ("en-gb", "tr"); one espeak-ng does
     * not have speaks German rather than nothing */
    assert_true(speech_has_voice(sp, "de"));
    assert_true(speech_has_voice(sp, "en-gb"));
    assert_true(speech_has_voice(sp, "tr"));
    assert_false(speech_has_voice(sp, "xx-nowhere"));
    assert_false(speech_has_voice(sp, ""));
    speech_samples(sp, &n0);
    assert_int_equal(speech_say(sp, "xx-nowhere", "Guten Tag"), 0);
    speech_samples(sp, &n2);
    assert_true(n2 > n0 + (size_t)rate / 4);
    /* nothing to say adds nothing */
    assert_int_equal(speech_say(sp, "en", ""), 0);
    speech_samples(sp, &n0);
    assert_int_equal(n0, n2);

    /* samples from elsewhere are appended; truncating drops the tail */
    const int16_t chime[3] = {100, -200, 300};
    assert_int_equal(speech_append(sp, chime, 3), 0);
    pcm = speech_samples(sp, &n0);
    assert_int_equal(n0, n2 + 3);
    assert_int_equal(pcm[n2 + 1], -200);
    assert_int_equal(speech_append(sp, NULL, 0), 0);
    speech_truncate(sp, n2);
    speech_samples(sp, &n0);
    assert_int_equal(n0, n2);
    speech_truncate(sp, n2 + 100); /* never grows */
    speech_samples(sp, &n0);
    assert_int_equal(n0, n2);

    char path[] = "/tmp/kiosk-speech-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    assert_int_equal(speech_write_wav(sp, path), 0);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    unsigned char h[44];
    assert_int_equal(fread(h, 1, sizeof h, f), sizeof h);
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fclose(f);
    unlink(path);
    assert_memory_equal(h, "RIFF", 4);
    assert_memory_equal(h + 8, "WAVEfmt ", 8);
    assert_int_equal(rd32(h + 4), (uint32_t)size - 8);
    assert_int_equal(h[20] | h[21] << 8, 1);  /* PCM */
    assert_int_equal(h[22] | h[23] << 8, 1);  /* mono */
    assert_int_equal(rd32(h + 24), (uint32_t)rate);
    assert_int_equal(h[34] | h[35] << 8, 16); /* bits */
    assert_memory_equal(h + 36, "data", 4);
    assert_int_equal(rd32(h + 40), n2 * 2);
    assert_int_equal(size, 44 + (long)n2 * 2);
    assert_int_equal(speech_write_wav(sp, "/nonexistent-dir/x.wav"), -1);
    /* a part: the samples from..from+n, with a header of its own */
    assert_int_equal(speech_write_wav_part(sp, path, n2 - 10, 10), 0);
    f = fopen(path, "rb");
    assert_non_null(f);
    assert_int_equal(fread(h, 1, sizeof h, f), sizeof h);
    fseek(f, 0, SEEK_END);
    size = ftell(f);
    fclose(f);
    unlink(path);
    assert_int_equal(rd32(h + 40), 20);
    assert_int_equal(size, 44 + 20);
    errno = 0;
    assert_int_equal(speech_write_wav_part(sp, path, n2 - 10, 11), -1); /* past the end */
    assert_int_equal(errno, EINVAL);
    assert_int_equal(speech_write_wav_part(sp, path, n2 + 1, 0), -1);
    assert_int_equal(access(path, F_OK), -1); /* and writes nothing */
    speech_free(sp);

    /* the engine can be started again once freed */
    sp = speech_new(NULL);
    assert_non_null(sp);
    /* a cancelled synthesis stops at once and says so; the flag lowered,
     * speech goes on */
    atomic_int cancel;
    atomic_init(&cancel, 1);
    speech_set_cancel(sp, &cancel);
    assert_int_equal(speech_say(sp, "de", "Willkommen im Rathaus Kaiserslautern"), 1);
    speech_samples(sp, &n0);
    assert_int_equal(n0, 0);
    atomic_store(&cancel, 0);
    assert_int_equal(speech_say(sp, "de", "Hallo"), 0);
    size_t hallo;
    speech_samples(sp, &hallo);
    assert_true(hallo > 0);
    speech_set_cancel(sp, NULL);
    speech_truncate(sp, 0);
    /* nothing of the cancelled text comes back later */
    assert_int_equal(speech_say(sp, "de", "Hallo"), 0);
    speech_samples(sp, &n0);
    /* (the engine varies by a few samples from one call to the next) */
    assert_true(n0 + (size_t)rate / 20 > hallo && n0 < hallo + (size_t)rate / 20);
    speech_truncate(sp, 0);
    /* an emptied buffer takes new speech from its start */
    assert_int_equal(speech_say(sp, "de", "Hallo"), 0);
    speech_truncate(sp, 0);
    speech_samples(sp, &n0);
    assert_int_equal(n0, 0);
    assert_int_equal(speech_say(sp, "de", "Hallo"), 0);
    speech_samples(sp, &n0);
    assert_true(n0 > 0);
    speech_free(sp);
    speech_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_say_and_save),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
