/*
 * log.h — one logging call for every layer.
 *
 * Lines are JSON objects, one per line, written with a single write(2) so
 * that lines from several worker processes never interleave. The current
 * request id (per thread) is added to every line so that an error can be
 * found from the access log entry of the request that hit it.
 */
#ifndef GS_CORE_LOG_H
#define GS_CORE_LOG_H

#include <stddef.h>

enum log_level {
	LOG_LEVEL_DEBUG,
	LOG_LEVEL_INFO,
	LOG_LEVEL_WARN,
	LOG_LEVEL_ERROR,
};

/* Logs "msg" with the calling function's name. */
#define gs_log(level, ...) gs_log_at((level), __func__, __VA_ARGS__)

void gs_log_at(enum log_level, const char *where, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Sets (or clears with NULL) the request id of this thread's lines. */
void gs_log_request(const char *request_id);
/* Writes a complete line as given (the access log); adds the newline. */
void gs_log_line(const char *json, size_t len);
/* Now as ISO 8601 in Asia/Shanghai with milliseconds. */
void gs_log_timestamp(char *out, size_t len);
/* "text" instead of JSON, for gsctl on a terminal. */
void gs_log_plain(int on);

#endif
