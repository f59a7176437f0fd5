/* content_media.c — what a content file points at: images, checked on disk
 * through kfile.h (form, existence, size, type, and that they stay inside
 * the content folder), and web addresses. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "content_check.h"
#include "kfile.h"
#include "klimits.h"

int cl_has_ext(const char *s, const char *ext)
{
    size_t n = strlen(s), e = strlen(ext);
    return n > e && strcasecmp(s + n - e, ext) == 0;
}

/* 0 when the image path p (quoted as q) is well formed: relative, with '/'
 * between folders, no control character, no '..', '.' or empty segment. */
static int image_path_form(cl_loader *L, const ynode *n, const char *p, const char *q)
{
    if (p[0] == '/') {
        cl_err(L, n, "image path '%s' is absolute; write it relative to the content folder", q);
        return -1;
    }
    if (strchr(p, '\\')) {
        cl_err(L, n, "image path '%s' contains '\\'; use '/' between folders", q);
        return -1;
    }
    for (const char *s = p; *s; s++) {
        if ((unsigned char)*s < 0x20 || *s == 0x7F) {
            cl_err(L, n, "image path contains a control character");
            return -1;
        }
    }
    for (const char *seg = p;;) {
        const char *end = strchr(seg, '/');
        size_t len = end ? (size_t)(end - seg) : strlen(seg);
        if (len == 2 && seg[0] == '.' && seg[1] == '.') {
            cl_err(L, n,
                   "image path '%s' contains '..'; images must stay inside the content folder", q);
            return -1;
        }
        if (len == 0 || (len == 1 && seg[0] == '.')) {
            cl_err(L, n, "image path '%s' has an empty or '.' segment", q);
            return -1;
        }
        if (!end)
            return 0;
        seg = end + 1;
    }
}

enum { IMG_PNG, IMG_JPEG, IMG_SVG };

/* s past the XML prolog an SVG may start with: a byte-order mark, white
 * space, the declaration, comments and a DOCTYPE. */
static const char *svg_prolog_end(const char *s)
{
    if (memcmp(s, "\xEF\xBB\xBF", 3) == 0)
        s += 3;
    for (;;) {
        s += strspn(s, " \t\r\n");
        const char *close = strncmp(s, "<?", 2) == 0         ? "?>"
                            : strncmp(s, "<!--", 4) == 0      ? "-->"
                            : strncmp(s, "<!DOCTYPE", 9) == 0 ? ">"
                                                              : NULL;
        if (!close)
            return s;
        const char *e = strstr(s + 2, close);
        if (!e)
            return s;
        s = e + strlen(close);
    }
}

/* 0 when the SVG text t (quoted as q) has an <svg> root that is closed and
 * says its size: what SDL2_image's rasterizer needs to draw it at any size. */
static int svg_text(cl_loader *L, const ynode *n, const char *t, const char *q)
{
    const char *s = svg_prolog_end(t);
    if (strncmp(s, "<svg", 4) != 0 || !strchr(" \t\r\n>/", s[4] ? s[4] : '!')) {
        cl_err(L, n, "image '%s' is not an SVG file (it does not start with <svg>)", q);
        return -1;
    }
    const char *tag_end = strchr(s, '>');
    if (!tag_end) {
        cl_err(L, n, "image '%s' is a broken SVG file: its <svg> tag is not closed", q);
        return -1;
    }
    size_t tag_len = (size_t)(tag_end - s);
    char tag[1024];
    snprintf(tag, sizeof tag, "%.*s", (int)(tag_len < sizeof tag ? tag_len : sizeof tag - 1), s);
    if (!strstr(tag, "viewBox=") && !(strstr(tag, " width=") && strstr(tag, " height="))) {
        cl_err(L, n, "image '%s' is an SVG without a size; give its <svg> a viewBox", q);
        return -1;
    }
    if (tag_end[-1] != '/' && !strstr(tag_end, "</svg>")) {
        cl_err(L, n, "image '%s' is a broken SVG file: it ends before </svg>", q);
        return -1;
    }
    return 0;
}

/* 0 when the file real (quoted as q) is of type kind: a PNG or JPEG by its
 * magic number, an SVG by its text. */
static int image_type(cl_loader *L, const ynode *n, const char *real, const char *q, int kind)
{
    if (kind == IMG_SVG) {
        char *t = NULL;
        size_t len = 0;
        if (kfile_read(real, KIOSK_MAX_IMAGE_BYTES, 0, &t, &len) != 0) {
            cl_err(L, n, "cannot open image '%s': %s", q, strerror(errno));
            return -1;
        }
        int rc;
        if (memchr(t, '\0', len)) { /* binary: a renamed PNG or JPEG */
            cl_err(L, n, "image '%s' is not an SVG file (it does not start with <svg>)", q);
            rc = -1;
        } else {
            rc = svg_text(L, n, t, q);
        }
        free(t);
        return rc;
    }
    /* The extension must tell the truth: a renamed file fails here, not on
     * the kiosk's screen. */
    unsigned char magic[8] = {0};
    long got = kfile_head(real, magic, sizeof(magic));
    if (got < 0) {
        cl_err(L, n, "cannot open image '%s': %s", q, strerror(errno));
        return -1;
    }
    int png = kind == IMG_PNG;
    int ok = png ? got == 8 && memcmp(magic, "\x89PNG\r\n\x1a\n", 8) == 0
                 : got >= 3 && memcmp(magic, "\xFF\xD8\xFF", 3) == 0;
    if (!ok) {
        cl_err(L, n, "image '%s' is not a %s file", q, png ? "PNG" : "JPEG");
        return -1;
    }
    return 0;
}

/* 0 when the image p (quoted as q) is a regular file inside the content
 * folder, within the size limit, and of the type its extension says. */
static int image_file(cl_loader *L, const ynode *n, const char *p, const char *q, int kind)
{
    kfile_info st;
    char *real = kfile_inside(L->rootreal, p, &st);
    if (!real) {
        if (errno == ENOENT || errno == ENOTDIR)
            cl_err(L, n, "image '%s' not found", q);
        else if (errno == EXDEV)
            cl_err(L, n, "image '%s' is outside the content folder (through a symbolic link)", q);
        else
            cl_err(L, n, "cannot open image '%s': %s", q, strerror(errno));
        return -1;
    }
    int rc = -1;
    if (st.type != KFILE_REGULAR) {
        cl_err(L, n, "image '%s' is not a regular file", q);
        goto done;
    }
    if (st.size > KIOSK_MAX_IMAGE_BYTES) {
        cl_err(L, n, "image '%s' is too big (%lld bytes; the limit is %d MiB)", q, st.size,
               KIOSK_MAX_IMAGE_BYTES / (1024 * 1024));
        goto done;
    }
    rc = image_type(L, n, real, q, kind);
    if (rc == 0)
        cl_note_file(L, p); /* the publisher publishes what the loader accepted */
done:
    free(real);
    return rc;
}

/* An image path at n; svg: SVG is allowed besides PNG and JPEG. */
static const char *get_image(cl_loader *L, const ynode *n, int svg)
{
    cl_clipbuf cb;
    if (n->kind != YNODE_SCALAR || ynode_is_null(n)) {
        cl_err(L, n, "expected an image path, got %s", ynode_describe(n));
        return NULL;
    }
    const char *p = n->str, *q = cl_clip(&cb, p);
    if (n->len > KIOSK_MAX_PATH) {
        cl_err(L, n, "image path is longer than %d bytes", KIOSK_MAX_PATH);
        return NULL;
    }
    if (image_path_form(L, n, p, q))
        return NULL;
    int kind = cl_has_ext(p, ".png")                                 ? IMG_PNG
               : cl_has_ext(p, ".jpg") || cl_has_ext(p, ".jpeg")     ? IMG_JPEG
               : svg && cl_has_ext(p, ".svg")                        ? IMG_SVG
                                                                     : -1;
    if (kind < 0) {
        cl_err(L, n, "image '%s' has an unsupported type; use .png, .jpg%s", q,
               svg ? ", .jpeg or .svg" : " or .jpeg");
        return NULL;
    }
    if (image_file(L, n, p, q, kind))
        return NULL;
    const char *kept = cl_keep(L, n);
    cl_note_source(L, kept, n);
    return kept;
}

const char *cl_get_image(cl_loader *L, const ynode *n)
{
    return get_image(L, n, 0);
}

const char *cl_get_picture(cl_loader *L, const ynode *n)
{
    return get_image(L, n, 1);
}

const char *cl_get_url(cl_loader *L, const ynode *n)
{
    cl_clipbuf cb;
    if (n->kind != YNODE_SCALAR || ynode_is_null(n)) {
        cl_err(L, n, "expected a web address, got %s", ynode_describe(n));
        return NULL;
    }
    const char *u = n->str;
    if (n->len > KIOSK_MAX_URL) {
        cl_err(L, n, "web address is longer than %d bytes", KIOSK_MAX_URL);
        return NULL;
    }
    size_t scheme = strncasecmp(u, "https://", 8) == 0  ? 8
                    : strncasecmp(u, "http://", 7) == 0 ? 7
                                                        : 0;
    if (!scheme) {
        cl_err(L, n, "web address '%s' must start with https:// or http://", cl_clip(&cb, u));
        return NULL;
    }
    for (const char *s = u; *s; s++) {
        if ((unsigned char)*s <= 0x20 || *s == 0x7F) {
            cl_err(L, n, "web address '%s' contains a space or control character", cl_clip(&cb, u));
            return NULL;
        }
    }
    if (u[scheme] == '\0' || u[scheme] == '/') {
        cl_err(L, n, "web address '%s' has no host name", cl_clip(&cb, u));
        return NULL;
    }
    return cl_keep(L, n);
}
