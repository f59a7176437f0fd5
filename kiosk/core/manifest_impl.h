/* manifest_impl.h — what the manifest's files share and nothing else uses
 * (manifest.h is the module's public face):
 *
 *   manifest.c         names (paths, hashes, channels), building a manifest
 *   manifest_notice.c  emergency notices and RFC 3339 times
 *   manifest_emit.c    writing manifest.yaml and notice documents
 *   manifest_parse.c   reading them (libyaml's events, every limit checked)
 *   manifest_sign.c    SHA-256, Ed25519 keys and signatures (libsodium) */
#ifndef KIOSK_MANIFEST_IMPL_H
#define KIOSK_MANIFEST_IMPL_H

#include <stddef.h>

/* An ASCII letter or digit, whatever the locale. */
int manifest_alnum(char c);
/* printf into err (size bytes) when err is not NULL. */
void manifest_set_err(char *err, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* A notice text: valid UTF-8, not empty, bounded, no control characters
 * except line breaks. NULL when fine, else why not ("too long" is the one
 * that is a limit). */
const char *manifest_notice_text_problem(const char *v, size_t len);

#endif
