#include "update_reason.h"

#include <string.h>

static const char *const names[UPDATE_REASON_COUNT] = {
    [UPDATE_OK] = "ok",
    [UPDATE_NETWORK] = "network",
    [UPDATE_HTTP_404] = "http_404",
    [UPDATE_HTTP_5XX] = "http_5xx",
    [UPDATE_HTTP_ERROR] = "http_error",
    [UPDATE_TIMEOUT] = "timeout",
    [UPDATE_TOO_SLOW] = "too_slow",
    [UPDATE_TRUNCATED] = "truncated",
    [UPDATE_HASH] = "hash",
    [UPDATE_SIGNATURE] = "signature",
    [UPDATE_WRONG_KEY] = "wrong_key",
    [UPDATE_WRONG_CHANNEL] = "wrong_channel",
    [UPDATE_REVOKED_KEY] = "revoked_key",
    [UPDATE_UNKNOWN_KEY] = "unknown_key",
    [UPDATE_KEYS_ROLLBACK] = "keys_rollback",
    [UPDATE_EXPIRED] = "expired",
    [UPDATE_BAD_MANIFEST] = "bad_manifest",
    [UPDATE_BAD_PATH] = "bad_path",
    [UPDATE_TOO_LARGE] = "too_large",
    [UPDATE_DOWNGRADE] = "downgrade",
    [UPDATE_INVALID_CONTENT] = "invalid_content",
    [UPDATE_DISK_FULL] = "disk_full",
    [UPDATE_LOCAL_ERROR] = "local_error",
    [UPDATE_STOPPED] = "stopped",
};

const char *update_reason_name(update_reason r)
{
    return (unsigned)r < UPDATE_REASON_COUNT ? names[r] : "unknown";
}

int update_reason_parse(const char *s, update_reason *out)
{
    for (int i = 0; s && i < UPDATE_REASON_COUNT; i++)
        if (strcmp(s, names[i]) == 0) {
            *out = (update_reason)i;
            return 0;
        }
    return -1;
}

int update_reason_is_failure(update_reason r)
{
    return (unsigned)r < UPDATE_REASON_COUNT && r != UPDATE_OK && r != UPDATE_STOPPED;
}
