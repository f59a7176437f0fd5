/* logsafe.c — see logsafe.h. */
#include "logsafe.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "utf8.h"

/* The escape for code point cp (n bytes at s), or "" when it is printable
 * and copied as it is. */
static const char *escape_of(const char *s, size_t n, uint32_t cp, char esc[12])
{
    esc[0] = '\0';
    if (n == 0) /* not UTF-8: the byte itself */
        snprintf(esc, 12, "\\x%02x", (unsigned)(unsigned char)s[0]);
    else if (cp == '\n')
        snprintf(esc, 12, "\\n");
    else if (cp == '\r')
        snprintf(esc, 12, "\\r");
    else if (cp == '\t')
        snprintf(esc, 12, "\\t");
    else if (cp < 0x20 || cp == 0x7f)
        snprintf(esc, 12, "\\x%02x", (unsigned)cp);
    else if ((cp >= 0x80 && cp <= 0x9f) || cp == 0x2028 || cp == 0x2029)
        snprintf(esc, 12, "\\u%04x", (unsigned)cp);
    return esc;
}

size_t logsafe_text(char *out, size_t size, const char *in)
{
    size_t w = 0, len = strlen(in);
    if (size == 0)
        return 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp = 0;
        size_t n = utf8_decode(in + i, len - i, &cp);
        char esc[12];
        const char *e = escape_of(in + i, n, cp, esc);
        size_t step = n ? n : 1;
        const char *piece = *e ? e : in + i;
        size_t plen = *e ? strlen(e) : step;
        if (w + plen >= size)
            break;
        memcpy(out + w, piece, plen);
        w += plen;
        i += step;
    }
    out[w] = '\0';
    return w;
}

size_t logsafe_url(char *out, size_t size, const char *url)
{
    char buf[4096];
    const char *scheme = strstr(url, "://");
    const char *auth = scheme ? scheme + 3 : url;
    /* the authority ends at the first '/', '?' or '#'; user information is
     * what comes before its last '@' */
    size_t alen = strcspn(auth, "/?#");
    const char *at = NULL;
    for (const char *p = auth; p < auth + alen; p++)
        if (*p == '@')
            at = p;
    if (at)
        snprintf(buf, sizeof(buf), "%.*s%s", (int)(auth - url), url, at + 1);
    else
        snprintf(buf, sizeof(buf), "%s", url);
    return logsafe_text(out, size, buf);
}
