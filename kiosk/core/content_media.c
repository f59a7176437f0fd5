/* content_media.c — what a content file points at: images, checked on disk
 * through kfile.h (form, existence, size, type, and that they stay inside
 * the content folder), and web addresses. */
#include <errno.h>
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

/* 0 when the image p (quoted as q) is a regular file inside the content
 * folder, within the size limit, and of the type its extension says. */
static int image_file(cl_loader *L, const ynode *n, const char *p, const char *q, int png)
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
    /* The extension must tell the truth: a renamed file fails here, not on
     * the kiosk's screen. */
    unsigned char magic[8] = {0};
    long got = kfile_head(real, magic, sizeof(magic));
    if (got < 0) {
        cl_err(L, n, "cannot open image '%s': %s", q, strerror(errno));
        goto done;
    }
    int ok = png ? got == 8 && memcmp(magic, "\x89PNG\r\n\x1a\n", 8) == 0
                 : got >= 3 && memcmp(magic, "\xFF\xD8\xFF", 3) == 0;
    if (!ok) {
        cl_err(L, n, "image '%s' is not a %s file", q, png ? "PNG" : "JPEG");
    } else {
        cl_note_file(L, p);
        rc = 0;
    }
done:
    free(real);
    return rc;
}

const char *cl_get_image(cl_loader *L, const ynode *n)
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
    int png = cl_has_ext(p, ".png");
    if (!png && !cl_has_ext(p, ".jpg") && !cl_has_ext(p, ".jpeg")) {
        cl_err(L, n, "image '%s' has an unsupported type; use .png, .jpg or .jpeg", q);
        return NULL;
    }
    return image_file(L, n, p, q, png) ? NULL : cl_keep(L, n);
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
