/*
 * json.h — a strict JSON (RFC 8259) reader and a streaming writer.
 *
 * The reader builds a small tree: objects keep their members in document
 * order, duplicate keys are an error, text must be valid UTF-8, nesting is
 * limited to JSON_DEPTH_MAX, and nothing but whitespace may follow the
 * value. Numbers keep their source text; those without fraction or
 * exponent that fit an int64 are also available as integers, so money in
 * fen never passes through a double.
 *
 * The writer escapes everything a browser could misread (<, >, & and
 * U+2028/2029 as \u escapes) so its output is safe inside HTML too.
 */
#ifndef GS_CORE_JSON_H
#define GS_CORE_JSON_H

#include <stddef.h>
#include <stdint.h>

#include "core/calendar.h"
#include "core/util.h"

#define JSON_DEPTH_MAX 32

enum json_type {
	JSON_NULL,
	JSON_BOOL,
	JSON_NUMBER,
	JSON_STRING,
	JSON_ARRAY,
	JSON_OBJECT,
};

struct json_value;

struct json_member {
	const char *key;
	size_t keylen;
	struct json_value *value;
};

struct json_value {
	enum json_type type;
	union {
		int boolean;
		struct {
			const char *text; /* as written */
			int is_int;
			int64_t i; /* valid when is_int */
			double d;
		} num;
		struct {
			const char *s; /* NUL-terminated, may hold \0 */
			size_t len;
		} str;
		struct {
			struct json_value **items;
			size_t n;
		} arr;
		struct {
			struct json_member *members;
			size_t n;
		} obj;
	} u;
};

struct json_error {
	size_t offset;     /* byte offset of the problem */
	int line;          /* 1-based */
	char message[128]; /* English, for logs; callers map to 中文 */
};

struct json_doc;

/* NULL on error, with err filled in. */
struct json_doc *json_parse(const char *, size_t, struct json_error *);
void json_free(struct json_doc *);
const struct json_value *json_root(const struct json_doc *);

/* Member of an object by key, NULL when absent or v is not an object. */
const struct json_value *json_get(const struct json_value *v, const char *key);
/*
 * GS_OK when every member key of obj is in allowed (NULL-terminated);
 * otherwise GS_ERROR with *unknown set to the first stranger's key.
 * When obj is not an object: GS_ERROR with *unknown set to NULL.
 */
int json_only_keys(const struct json_value *obj, const char *const *allowed,
    const char **unknown);

struct json_writer {
	struct buf *out;
	int depth;
	uint8_t first[JSON_DEPTH_MAX + 1];
};

/*
 * The writer: key is the member name inside an object and must be NULL
 * inside an array or at the top level.
 */
void jw_init(struct json_writer *, struct buf *);
void jw_object_begin(struct json_writer *, const char *key);
void jw_object_end(struct json_writer *);
void jw_array_begin(struct json_writer *, const char *key);
void jw_array_end(struct json_writer *);
void jw_string(struct json_writer *, const char *key, const char *);
void jw_stringn(struct json_writer *, const char *key, const char *, size_t);
/* A string, or null when the value is NULL. */
void jw_string_or_null(struct json_writer *, const char *key, const char *);
void jw_int(struct json_writer *, const char *key, int64_t);
void jw_bool(struct json_writer *, const char *key, int);
void jw_null(struct json_writer *, const char *key);
/* A number already formatted (e.g. numeric text from PostgreSQL). */
void jw_number_text(struct json_writer *, const char *key, const char *);
/* Appends JSON text that is already valid (a jsonb column). */
void jw_raw(struct json_writer *, const char *key, const char *, size_t);
/* Writes a parsed value and everything under it, keys with \0 included. */
void jw_value(struct json_writer *, const char *key, const struct json_value *);
/* A day as "YYYY-MM-DD", an instant as ISO 8601 in Shanghai; 0 is null. */
void jw_date(struct json_writer *, const char *key, gs_date);
void jw_instant(struct json_writer *, const char *key, time_t);

/*
 * Appends s as a quoted, escaped JSON string. Bytes that are not UTF-8
 * become U+FFFD, so the output is always valid JSON.
 */
void json_escape_string(struct buf *, const char *, size_t);

#endif
