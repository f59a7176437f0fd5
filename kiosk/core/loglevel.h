/* loglevel.h — the log levels and their names, shared by the configuration
 * (core) and the logger (ops/log.h). */
#ifndef KIOSK_LOGLEVEL_H
#define KIOSK_LOGLEVEL_H

typedef enum { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR } log_level;

int log_parse_level(const char *s, log_level *out); /* "debug".."error"; 0 on success */
const char *log_level_name(log_level l);            /* "debug".."error" */

#endif
