/* manifest_notice.c — emergency notices (manifest.h): comparing, whether one
 * is showing now, their texts' rules, and the RFC 3339 times they start and
 * end at, parsed and formatted without the C library's time zone state. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "klimits.h"
#include "manifest.h"
#include "manifest_impl.h"
#include "utf8.h"

void manifest_notice_free(manifest_notice *n)
{
    if (!n)
        return;
    free(n->de);
    free(n->en);
    free(n->leicht);
    free(n);
}

static char *dup_or_null(const char *s, int *failed)
{
    char *d = s ? strdup(s) : NULL;
    if (s && !d)
        *failed = 1;
    return d;
}

manifest_notice *manifest_notice_dup(const manifest_notice *n)
{
    int failed = 0;
    manifest_notice *d = n ? calloc(1, sizeof(*d)) : NULL;
    if (!d)
        return NULL;
    d->de = dup_or_null(n->de, &failed);
    d->en = dup_or_null(n->en, &failed);
    d->leicht = dup_or_null(n->leicht, &failed);
    d->starts = n->starts;
    d->ends = n->ends;
    if (failed) {
        manifest_notice_free(d);
        return NULL;
    }
    return d;
}

static int str_same(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

int manifest_notice_same(const manifest_notice *a, const manifest_notice *b)
{
    if (!a || !b)
        return !a && !b;
    return str_same(a->de, b->de) && str_same(a->en, b->en) && str_same(a->leicht, b->leicht) &&
           a->starts == b->starts && a->ends == b->ends;
}

int manifest_notice_active(const manifest_notice *n, int64_t now)
{
    return n && now >= n->starts && now < n->ends;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
 * days_from_civil), so no time zone database and no libc state is needed. */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

static int digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

int manifest_time_parse(const char *s, int64_t *out)
{
    static const unsigned mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y, mo, d, h, mi, se, oh = 0, om = 0, sign = 0;
    if (!s || strlen(s) < 20 || digits(s, 4, &y) || s[4] != '-' || digits(s + 5, 2, &mo) || s[7] != '-' ||
        digits(s + 8, 2, &d) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || digits(s + 11, 2, &h) ||
        s[13] != ':' || digits(s + 14, 2, &mi) || s[16] != ':' || digits(s + 17, 2, &se))
        return -1;
    const char *p = s + 19;
    if (*p == '.') {
        p++;
        if (*p < '0' || *p > '9')
            return -1;
        while (*p >= '0' && *p <= '9')
            p++;
    }
    if ((*p == 'Z' || *p == 'z') && p[1] == '\0') {
        sign = 0;
    } else if ((*p == '+' || *p == '-') && strlen(p) == 6 && !digits(p + 1, 2, &oh) && p[3] == ':' &&
               !digits(p + 4, 2, &om) && oh <= 23 && om <= 59) {
        sign = *p == '+' ? 1 : -1;
    } else {
        return -1;
    }
    if (y < 1970 || mo < 1 || mo > 12 || d < 1 || (unsigned)d > mdays[mo - 1] || h > 23 || mi > 59 || se > 60)
        return -1;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (mo == 2 && d == 29 && !leap)
        return -1;
    int64_t t = days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 + h * 3600 + mi * 60 + (se == 60 ? 59 : se);
    t -= sign * (oh * 3600 + om * 60);
    *out = t;
    return 0;
}

void manifest_time_format(int64_t t, char *buf, size_t size)
{
    /* civil_from_days */
    int64_t z = (t >= 0 ? t : t - 86399) / 86400;
    int64_t secs = t - z * 86400;
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t y = (int64_t)yoe + era * 400;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    unsigned d = doy - (153 * mp + 2) / 5 + 1;
    unsigned m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
    snprintf(buf, size, "%04lld-%02u-%02uT%02d:%02d:%02dZ", (long long)y, m, d, (int)(secs / 3600),
             (int)(secs / 60 % 60), (int)(secs % 60));
}

const char *manifest_notice_text_problem(const char *v, size_t len)
{
    if (len == 0)
        return "empty";
    if (len > KIOSK_MAX_NOTICE_TEXT)
        return "too long";
    size_t bad;
    if (!utf8_valid(v, len, &bad))
        return "not valid UTF-8";
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)v[i];
        if ((ch < 0x20 && ch != '\n') || ch == 0x7f)
            return "control character";
    }
    return NULL;
}

