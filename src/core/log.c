/*
 * log.c — JSON lines on standard error (see log.h). The clock is the
 * system's, printed in Asia/Shanghai like every other time a user sees.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "core/json.h"
#include "core/log.h"
#include "core/util.h"

static __thread char log_request_id[40];
static int log_plain;

static const char *const level_names[] = {
	"debug",
	"info",
	"warn",
	"error",
};

void
gs_log_request(const char *request_id)
{
	if (request_id == NULL)
		log_request_id[0] = '\0';
	else
		(void)snprintf(log_request_id, sizeof(log_request_id), "%s",
		    request_id);
}

void
gs_log_plain(int on)
{
	log_plain = on;
}

static void
log_write(const char *s, size_t len)
{
	ssize_t n;

	while (len > 0) {
		n = write(STDERR_FILENO, s, len);
		if (n <= 0)
			return;
		s += n;
		len -= (size_t)n;
	}
}

void
gs_log_line(const char *json, size_t len)
{
	struct buf b;

	buf_init(&b);
	buf_append(&b, json, len);
	buf_putc(&b, '\n');
	log_write(b.data, b.len);
	buf_free(&b);
}

void
gs_log_timestamp(char *out, size_t len)
{
	struct timeval tv;
	struct tm tm;
	time_t t;

	(void)gettimeofday(&tv, NULL);
	/* Asia/Shanghai has been UTC+8 without DST since 1991. */
	t = tv.tv_sec + 8 * 3600;
	(void)gmtime_r(&t, &tm);
	(void)snprintf(out, len, "%04d-%02d-%02dT%02d:%02d:%02d.%03d+08:00",
	    (tm.tm_year + 1900) % 10000, (tm.tm_mon + 1) % 100,
	    tm.tm_mday % 100, tm.tm_hour % 100, tm.tm_min % 100,
	    tm.tm_sec % 100, (int)(tv.tv_usec / 1000) % 1000);
}

void
gs_log_at(enum log_level level, const char *where, const char *fmt, ...)
{
	struct json_writer w;
	struct buf msg, line;
	va_list ap;
	char ts[64];

	buf_init(&msg);
	va_start(ap, fmt);
	buf_vprintf(&msg, fmt, ap);
	va_end(ap);

	buf_init(&line);
	if (log_plain) {
		buf_printf(&line, "%s: %s\n", level_names[level], msg.data);
	} else {
		gs_log_timestamp(ts, sizeof(ts));
		jw_init(&w, &line);
		jw_object_begin(&w, NULL);
		jw_string(&w, "t", ts);
		jw_string(&w, "level", level_names[level]);
		if (log_request_id[0] != '\0')
			jw_string(&w, "req", log_request_id);
		jw_string(&w, "where", where);
		jw_stringn(&w, "msg", msg.data, msg.len);
		jw_object_end(&w);
		buf_putc(&line, '\n');
	}
	log_write(line.data, line.len);
	buf_free(&line);
	buf_free(&msg);
}
