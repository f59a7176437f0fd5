#include "version.h"

const char *kiosk_version(void)
{
    return KIOSK_VERSION;
}

const char *kiosk_revision(void)
{
    return KIOSK_GIT_REV;
}
