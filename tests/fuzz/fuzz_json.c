/*
 * fuzz_json.c — libFuzzer target for the JSON reader and writer.
 *
 * Oracles: any input either parses or fails with a sane error; a parsed
 * tree written back by the writer parses again to an equal tree and
 * writes back to the same bytes; and any bytes at all, escaped as a
 * string, parse back as a string: the same text when they were valid
 * UTF-8, a repaired one (U+FFFD) otherwise.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/json.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static int json_equal(const struct json_value *, const struct json_value *);
static void check_error(const struct json_error *, size_t);
static void check_round_trip(const struct json_value *);
static void check_escape(const uint8_t *, size_t);
static void fuzz_fail(const char *, const char *);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct json_error err;
	struct json_doc *doc;

	doc = json_parse((const char *)data, size, &err);
	if (doc == NULL)
		check_error(&err, size);
	else
		check_round_trip(json_root(doc));
	json_free(doc);

	check_escape(data, size);
	return (0);
}

static void
fuzz_fail(const char *what, const char *detail)
{
	fprintf(stderr, "fuzz_json: %s: %s\n", what, detail);
	abort();
}

static void
check_error(const struct json_error *err, size_t size)
{
	if (err->offset > size || err->line < 1 || err->message[0] == '\0')
		fuzz_fail("bad error report", err->message);
}

static void
check_round_trip(const struct json_value *root)
{
	struct json_writer w;
	struct json_error err;
	struct json_doc *again;
	struct buf first, second;

	buf_init(&first);
	jw_init(&w, &first);
	jw_value(&w, NULL, root);

	if ((again = json_parse(first.data, first.len, &err)) == NULL)
		fuzz_fail("writer output does not parse", err.message);
	if (!json_equal(root, json_root(again)))
		fuzz_fail("round trip changed the tree", first.data);

	/* Written output is canonical: writing it again changes nothing. */
	buf_init(&second);
	jw_init(&w, &second);
	jw_value(&w, NULL, json_root(again));
	if (first.len != second.len ||
	    memcmp(first.data, second.data, first.len) != 0)
		fuzz_fail("second write differs", second.data);

	json_free(again);
	buf_free(&first);
	buf_free(&second);
}

static void
check_escape(const uint8_t *data, size_t size)
{
	struct buf b;
	struct json_error err;
	struct json_doc *doc;
	const struct json_value *v;

	buf_init(&b);
	json_escape_string(&b, (const char *)data, size);
	if ((doc = json_parse(b.data, b.len, &err)) == NULL)
		fuzz_fail("escaped string does not parse", err.message);
	v = json_root(doc);
	if (v->type != JSON_STRING)
		fuzz_fail("escaped string is not a string", b.data);
	/*
	 * Valid text comes back byte for byte; otherwise each bad byte
	 * became a 3-byte U+FFFD, so nothing can have been dropped.
	 */
	if (utf8_valid_text((const char *)data, size) &&
	    (v->u.str.len != size || memcmp(v->u.str.s, data, size) != 0))
		fuzz_fail("escaped text changed", b.data);
	if (v->u.str.len < size)
		fuzz_fail("escaped text lost bytes", b.data);
	json_free(doc);
	buf_free(&b);
}

static int
json_equal(const struct json_value *a, const struct json_value *b)
{
	size_t i;

	if (a->type != b->type)
		return (0);
	switch (a->type) {
	case JSON_NULL:
		return (1);
	case JSON_BOOL:
		return (a->u.boolean == b->u.boolean);
	case JSON_NUMBER:
		if (strcmp(a->u.num.text, b->u.num.text) != 0 ||
		    a->u.num.is_int != b->u.num.is_int)
			return (0);
		return (!a->u.num.is_int || a->u.num.i == b->u.num.i);
	case JSON_STRING:
		return (a->u.str.len == b->u.str.len &&
		    memcmp(a->u.str.s, b->u.str.s, a->u.str.len) == 0);
	case JSON_ARRAY:
		if (a->u.arr.n != b->u.arr.n)
			return (0);
		for (i = 0; i < a->u.arr.n; i++) {
			if (!json_equal(a->u.arr.items[i], b->u.arr.items[i]))
				return (0);
		}
		return (1);
	case JSON_OBJECT:
		if (a->u.obj.n != b->u.obj.n)
			return (0);
		for (i = 0; i < a->u.obj.n; i++) {
			if (a->u.obj.members[i].keylen !=
			        b->u.obj.members[i].keylen ||
			    memcmp(a->u.obj.members[i].key,
			        b->u.obj.members[i].key,
			        a->u.obj.members[i].keylen) != 0)
				return (0);
			if (!json_equal(a->u.obj.members[i].value,
			        b->u.obj.members[i].value))
				return (0);
		}
		return (1);
	}
	return (0);
}
