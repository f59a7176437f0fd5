/* shotup.h — uploads screenshots for operators with HTTP PUT, on a thread.
 *
 * The UI saves a PNG and calls shotup_submit(), which only copies the path
 * and wakes the thread: it never waits for the network. The thread reads
 * the file and PUTs it to the URL (a URL ending in '/' gets the file's name
 * appended). Connection and whole-transfer timeouts are bounded; a shot
 * submitted while one is uploading replaces any older waiting one (only the
 * newest matters). Failures are logged (rate-limited, log.h) and counted
 * (shotup_failures, and health_error(HEALTH_ERR_IO)). */
#ifndef KIOSK_SHOTUP_H
#define KIOSK_SHOTUP_H

typedef struct shotup shotup;

/* Start the upload thread for url (copied). NULL on failure (logged). */
shotup *shotup_start(const char *url);
/* Queue path (copied) for upload; never blocks on the network. */
void shotup_submit(shotup *s, const char *path);
/* Stop the thread (aborting a transfer) and free. Accepts NULL. */
void shotup_stop(shotup *s);
/* Uploads that succeeded / failed so far. */
unsigned long shotup_done(shotup *s);
unsigned long shotup_failures(shotup *s);

#endif
