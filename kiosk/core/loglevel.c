#include "loglevel.h"

#include <string.h>

static const char *const level_names[] = {"debug", "info", "warn", "error"};

int log_parse_level(const char *s, log_level *out)
{
    for (int i = 0; i < 4; i++)
        if (strcmp(s, level_names[i]) == 0) {
            *out = (log_level)i;
            return 0;
        }
    return -1;
}

const char *log_level_name(log_level l)
{
    return (unsigned)l < 4 ? level_names[l] : "?";
}
