#include "version.h"

/* The Makefile passes both to this file alone (so only it is rebuilt when
 * they change); a build without them, such as the arm64 core tests, says so. */
#ifndef KIOSK_VERSION
#define KIOSK_VERSION "unknown"
#endif
#ifndef KIOSK_GIT_REV
#define KIOSK_GIT_REV "unknown"
#endif

const char *kiosk_version(void)
{
    return KIOSK_VERSION;
}

const char *kiosk_revision(void)
{
    return KIOSK_GIT_REV;
}
