/* version.h — the program's version and source revision, compiled into one
 * object only, so a new commit does not rebuild everything. */
#ifndef KIOSK_VERSION_H
#define KIOSK_VERSION_H

const char *kiosk_version(void);   /* "0.1.0", from the VERSION file */
const char *kiosk_revision(void);  /* short git revision, or "unknown" */

#endif
