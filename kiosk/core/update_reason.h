/* update_reason.h — why a content update failed: one table for every place
 * that names it.
 *
 * The names are stable: log lines say "reason=http_404", the metric
 * kiosk_update_failures_total{reason="http_404"} counts it, and the alert
 * rules in tools/monitoring/ and docs/updates.md use the same words. A fixed
 * set, so the number of metric series stays bounded. */
#ifndef KIOSK_UPDATE_REASON_H
#define KIOSK_UPDATE_REASON_H

typedef enum {
    UPDATE_OK = 0,          /* updated, or already current */
    UPDATE_NETWORK,         /* DNS, connection refused, TLS, reset, other transfer errors */
    UPDATE_HTTP_404,        /* HTTP 404 / 410: manifest or object missing on the server */
    UPDATE_HTTP_5XX,        /* server error */
    UPDATE_HTTP_ERROR,      /* any other unexpected HTTP status */
    UPDATE_TIMEOUT,         /* connect or total time limit reached */
    UPDATE_TOO_SLOW,        /* body trickled below the minimum rate */
    UPDATE_TRUNCATED,       /* fewer bytes than announced */
    UPDATE_HASH,            /* an object does not match its SHA-256 */
    UPDATE_SIGNATURE,       /* manifest.yaml.sig missing, malformed or not matching */
    UPDATE_WRONG_KEY,       /* signed, but not with our key */
    UPDATE_WRONG_CHANNEL,   /* signed for another channel than the one configured */
    UPDATE_REVOKED_KEY,     /* signed with a publishing key the root's key list revokes */
    UPDATE_UNKNOWN_KEY,     /* signed with a key that is not on the root's key list */
    UPDATE_KEYS_ROLLBACK,   /* a key list older than the newest one accepted */
    UPDATE_EXPIRED,         /* a newer manifest whose expiry has passed */
    UPDATE_BAD_MANIFEST,    /* signed, but not a valid manifest */
    UPDATE_BAD_PATH,        /* a path that would leave the content tree */
    UPDATE_TOO_LARGE,       /* a file, the tree or a response over its limit */
    UPDATE_DOWNGRADE,       /* version older than the one shown */
    UPDATE_INVALID_CONTENT, /* signed and complete, but content_load refuses it */
    UPDATE_DISK_FULL,       /* not enough space in the state directory */
    UPDATE_LOCAL_ERROR,     /* file-system error, out of memory, busy state dir */
    UPDATE_STOPPED,         /* interrupted by a stop request; not a failure */
    UPDATE_REASON_COUNT
} update_reason;

/* "http_404", ...; "unknown" for a value outside the table. */
const char *update_reason_name(update_reason r);
/* The reason named s; 0 on success, -1 when s names none. */
int update_reason_parse(const char *s, update_reason *out);
/* 1 for a reason that counts as a failed update (not ok, not stopped). */
int update_reason_is_failure(update_reason r);

#endif
