#include <signal.h>
#include <string.h>

#include "unit.h"
#include "core/json.h"

GS_SUITE(json);

static struct json_doc *
parse_ok(const char *s)
{
	struct json_error err;
	struct json_doc *doc;

	doc = json_parse(s, strlen(s), &err);
	cr_assert_not_null(doc, "%s: offset %zu: %s", s, err.offset,
	    err.message);
	return (doc);
}

static void
assert_parse_error(const char *s, size_t len, size_t offset, int line,
    const char *message)
{
	struct json_error err;
	struct json_doc *doc;

	doc = json_parse(s, len, &err);
	cr_assert_null(doc, "accepted: %s", s);
	cr_expect_eq(err.offset, offset, "%s: offset %zu, want %zu", s,
	    err.offset, offset);
	cr_expect_eq(err.line, line, "%s: line %d, want %d", s, err.line, line);
	cr_expect_str_eq(err.message, message, "%s", s);
}

#define PARSE_ERROR(s, offset, line, message) \
	assert_parse_error((s), sizeof(s) - 1, (offset), (line), (message))

static const struct json_value *
parse_number(struct json_doc **doc, const char *s)
{
	const struct json_value *v;

	*doc = parse_ok(s);
	v = json_root(*doc);
	cr_assert_eq(v->type, JSON_NUMBER);
	return (v);
}

Test(json, parses_nested_objects_and_arrays)
{
	static const char in[] =
	    " {\"case\": {\"id\": 42, \"tags\": [\"a\", \"b\"],\r\n"
	    "\t\"closed\": false, \"open\": true, \"note\": null},\n"
	    "\"list\": [[], {}, -1.5e3]} ";
	struct json_doc *doc;
	const struct json_value *root, *c, *tags, *list;

	doc = parse_ok(in);
	root = json_root(doc);
	cr_assert_eq(root->type, JSON_OBJECT);
	cr_assert_eq(root->u.obj.n, 2);
	cr_assert_str_eq(root->u.obj.members[0].key, "case");
	cr_assert_str_eq(root->u.obj.members[1].key, "list");

	c = json_get(root, "case");
	cr_assert_eq(json_get(c, "id")->u.num.i, 42);
	tags = json_get(c, "tags");
	cr_assert_eq(tags->type, JSON_ARRAY);
	cr_assert_eq(tags->u.arr.n, 2);
	cr_assert_str_eq(tags->u.arr.items[1]->u.str.s, "b");
	cr_assert_eq(json_get(c, "closed")->type, JSON_BOOL);
	cr_assert_eq(json_get(c, "closed")->u.boolean, 0);
	cr_assert_eq(json_get(c, "open")->u.boolean, 1);
	cr_assert_eq(json_get(c, "note")->type, JSON_NULL);

	list = json_get(root, "list");
	cr_assert_eq(list->u.arr.n, 3);
	cr_assert_eq(list->u.arr.items[0]->type, JSON_ARRAY);
	cr_assert_eq(list->u.arr.items[0]->u.arr.n, 0);
	cr_assert_eq(list->u.arr.items[1]->type, JSON_OBJECT);
	cr_assert_eq(list->u.arr.items[1]->u.obj.n, 0);
	cr_assert_str_eq(list->u.arr.items[2]->u.num.text, "-1.5e3");
	cr_assert_eq(list->u.arr.items[2]->u.num.d, -1500.0);
	json_free(doc);
}

Test(json, decodes_every_escape)
{
	struct json_doc *doc;
	const struct json_value *v;

	doc = parse_ok("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u0041\\u00e9\\u7EFF\"");
	v = json_root(doc);
	cr_assert_eq(v->type, JSON_STRING);
	cr_assert_eq(v->u.str.len, 14);
	cr_assert_str_eq(v->u.str.s, "\"\\/\b\f\n\r\tA\xc3\xa9\xe7\xbb\xbf");
	json_free(doc);
}

Test(json, combines_surrogate_pair_into_four_byte_utf8)
{
	struct json_doc *doc;

	doc = parse_ok("\"\\ud83d\\uDE00\"");
	cr_assert_eq(json_root(doc)->u.str.len, 4);
	cr_assert_str_eq(json_root(doc)->u.str.s, "\xf0\x9f\x98\x80");
	cr_assert_str_eq(json_root(doc)->u.str.s, "😀");
	json_free(doc);
}

Test(json, keeps_chinese_text_and_embedded_nul)
{
	static const char want[] = "永康市\0东城街道";
	struct json_doc *doc;
	const struct json_value *v;

	doc = parse_ok("{\"当事人\":\"永康市\\u0000东城街道\"}");
	cr_assert_str_eq(json_root(doc)->u.obj.members[0].key, "当事人");
	v = json_get(json_root(doc), "当事人");
	cr_assert_eq(v->u.str.len, 22);
	cr_assert_eq(memcmp(v->u.str.s, want, sizeof(want)), 0);
	json_free(doc);
}

Test(json, integers_are_exact_to_the_int64_limits)
{
	struct json_doc *doc;
	const struct json_value *v;

	v = parse_number(&doc, "9223372036854775807");
	cr_assert_eq(v->u.num.is_int, 1);
	cr_assert_eq(v->u.num.i, INT64_MAX);
	json_free(doc);

	v = parse_number(&doc, "-9223372036854775808");
	cr_assert_eq(v->u.num.is_int, 1);
	cr_assert_eq(v->u.num.i, INT64_MIN);
	json_free(doc);

	v = parse_number(&doc, "9223372036854775808");
	cr_assert_eq(v->u.num.is_int, 0);
	cr_assert_str_eq(v->u.num.text, "9223372036854775808");
	cr_assert_eq(v->u.num.d, 9223372036854775808.0);
	json_free(doc);

	v = parse_number(&doc, "-9223372036854775809");
	cr_assert_eq(v->u.num.is_int, 0);
	json_free(doc);

	v = parse_number(&doc, "184467440737095516160");
	cr_assert_eq(v->u.num.is_int, 0);
	json_free(doc);

	v = parse_number(&doc, "-0");
	cr_assert_eq(v->u.num.is_int, 1);
	cr_assert_eq(v->u.num.i, 0);
	json_free(doc);
}

Test(json, fraction_or_exponent_is_never_an_integer)
{
	struct json_doc *doc;
	const struct json_value *v;

	v = parse_number(&doc, "1.0");
	cr_assert_eq(v->u.num.is_int, 0);
	cr_assert_eq(v->u.num.d, 1.0);
	json_free(doc);

	v = parse_number(&doc, "1e2");
	cr_assert_eq(v->u.num.is_int, 0);
	cr_assert_eq(v->u.num.d, 100.0);
	cr_assert_str_eq(v->u.num.text, "1e2");
	json_free(doc);

	v = parse_number(&doc, "0.25E-1");
	cr_assert_eq(v->u.num.is_int, 0);
	cr_assert_eq(v->u.num.d, 0.025);
	json_free(doc);
}

Test(json, rejects_structural_errors_with_offset_and_line)
{
	PARSE_ERROR("[1,2,]", 4, 1, "trailing comma");
	PARSE_ERROR("{\"a\":1,\n}", 6, 1, "trailing comma");
	PARSE_ERROR("[1,,2]", 3, 1, "unexpected character");
	PARSE_ERROR("[1 2]", 3, 1, "expected ',' or ']'");
	PARSE_ERROR("{\"a\" 1}", 5, 1, "expected ':'");
	PARSE_ERROR("{1:2}", 1, 1, "expected a string key");
	PARSE_ERROR("{}\n x", 4, 2, "unexpected data after the value");
	PARSE_ERROR("1 2", 2, 1, "unexpected data after the value");
	PARSE_ERROR("[1", 2, 1, "unexpected end of input");
	PARSE_ERROR("{\n  \"a\": tru\n}", 9, 2, "invalid literal");
	PARSE_ERROR("\xef\xbb\xbf{}", 0, 1, "unexpected character");
	PARSE_ERROR("{}\f", 2, 1, "unexpected data after the value");
	PARSE_ERROR("[1]\0", 3, 1, "unexpected data after the value");
}

Test(json, rejects_empty_input)
{
	PARSE_ERROR("", 0, 1, "empty input");
	PARSE_ERROR(" \r\n\t", 4, 2, "empty input");
	cr_assert_null(json_parse(NULL, 0, NULL));
}

Test(json, rejects_numbers_outside_the_grammar)
{
	PARSE_ERROR("[01]", 1, 1, "leading zero in number");
	PARSE_ERROR("-00", 0, 1, "leading zero in number");
	PARSE_ERROR("+1", 0, 1, "unexpected character");
	PARSE_ERROR(".5", 0, 1, "unexpected character");
	PARSE_ERROR("NaN", 0, 1, "unexpected character");
	PARSE_ERROR("-Infinity", 0, 1, "invalid number");
	PARSE_ERROR("[1.]", 1, 1, "invalid number");
	PARSE_ERROR("1e", 0, 1, "invalid number");
	PARSE_ERROR("1e+", 0, 1, "invalid number");
	PARSE_ERROR("-", 0, 1, "invalid number");
	PARSE_ERROR("0x10", 1, 1, "unexpected data after the value");
}

Test(json, rejects_bad_strings_at_the_offending_byte)
{
	PARSE_ERROR("[\"\\ud800\"]", 2, 1, "lone surrogate in \\u escape");
	PARSE_ERROR("\"\\udc00\"", 1, 1, "lone surrogate in \\u escape");
	PARSE_ERROR("\"ab\\ud83d\\u0041\"", 3, 1,
	    "lone surrogate in \\u escape");
	PARSE_ERROR("\"\\ud83d\\ud83d\"", 1, 1, "lone surrogate in \\u escape");
	PARSE_ERROR("\"\\u12G4\"", 1, 1, "invalid \\u escape");
	PARSE_ERROR("\"\\x\"", 1, 1, "invalid escape in string");
	PARSE_ERROR("{\"a\":\"b\tc\"}", 7, 1, "control character in string");
	PARSE_ERROR("\"line\nbreak\"", 5, 1, "control character in string");
	PARSE_ERROR("\"a\0b\"", 2, 1, "control character in string");
	PARSE_ERROR("\"\xc3\x28\"", 1, 1, "invalid UTF-8 in string");
	PARSE_ERROR("\"x\xc0\xaf\"", 2, 1, "invalid UTF-8 in string");
	PARSE_ERROR("\"\xed\xa0\x80\"", 1, 1, "invalid UTF-8 in string");
	PARSE_ERROR("\"\xe7\xbb\"", 1, 1, "invalid UTF-8 in string");
	PARSE_ERROR("[\n\"abc", 2, 2, "unterminated string");
	PARSE_ERROR("\"abc\\", 0, 1, "unterminated string");
}

Test(json, rejects_duplicate_keys_at_the_second_one)
{
	PARSE_ERROR("{\"a\":1,\n\"b\":2,\n\"a\":3}", 15, 3, "duplicate key");
	/* The same key in different objects is fine. */
	json_free(parse_ok("{\"a\":{\"a\":1},\"b\":{\"a\":2}}"));
	/* Keys compare as decoded text. */
	PARSE_ERROR("{\"a\":1,\"\\u0061\":2}", 7, 1, "duplicate key");
	/* A \0 inside makes a different key. */
	json_free(parse_ok("{\"a\":1,\"a\\u0000\":2}"));
}

Test(json, rejects_duplicate_keys_in_large_objects)
{
	struct buf b;
	struct json_error err;
	struct json_doc *doc;
	size_t dup_offset;
	int i;

	buf_init(&b);
	buf_putc(&b, '{');
	for (i = 0; i < 100; i++)
		buf_printf(&b, "\"k%d\":%d,", i, i);
	buf_puts(&b, "\"k99x\":0,");
	dup_offset = b.len;
	buf_puts(&b, "\"k42\":1,\"k7\":2}");

	doc = json_parse(b.data, b.len, &err);
	cr_assert_null(doc);
	cr_assert_eq(err.offset, dup_offset);
	cr_assert_str_eq(err.message, "duplicate key");

	/* Without the duplicates it parses, members in document order. */
	b.data[dup_offset - 1] = '}';
	doc = json_parse(b.data, dup_offset, &err);
	cr_assert_not_null(doc, "%s", err.message);
	cr_assert_eq(json_root(doc)->u.obj.n, 101);
	cr_assert_str_eq(json_root(doc)->u.obj.members[100].key, "k99x");
	cr_assert_eq(json_get(json_root(doc), "k42")->u.num.i, 42);
	json_free(doc);
	buf_free(&b);
}

Test(json, limits_nesting_to_32_levels)
{
	struct buf b;
	char deep[66];
	int i;

	memset(deep, '[', 32);
	memset(deep + 32, ']', 32);
	deep[64] = '\0';
	json_free(parse_ok(deep));

	memset(deep, '[', 33);
	memset(deep + 33, ']', 33);
	assert_parse_error(deep, 66, 32, 1, "nesting too deep");

	/* Objects count too: 16 of {"k":[ make 32 levels, {} is the 33rd. */
	buf_init(&b);
	for (i = 0; i < 16; i++)
		buf_puts(&b, "{\"k\":[");
	buf_puts(&b, "{}");
	for (i = 0; i < 16; i++)
		buf_puts(&b, "]}");
	assert_parse_error(b.data, b.len, 96, 1, "nesting too deep");
	buf_free(&b);
}

Test(json, large_input_parses_in_linear_time, .timeout = 20)
{
	struct buf b;
	struct json_error err;
	struct json_doc *doc;
	int i;

	/* 300 000 members: a quadratic duplicate check would not finish. */
	buf_init(&b);
	buf_putc(&b, '{');
	for (i = 0; i < 300000; i++)
		buf_printf(&b, "%s\"案件%d\":[%d,\"%d\"]", i ? "," : "", i, i,
		    i);
	buf_putc(&b, '}');
	doc = json_parse(b.data, b.len, &err);
	cr_assert_not_null(doc, "%s", err.message);
	cr_assert_eq(json_root(doc)->u.obj.n, 300000);
	cr_assert_str_eq(json_root(doc)->u.obj.members[299999].key,
	    "案件299999");
	json_free(doc);
	buf_free(&b);
}

Test(json, get_matches_whole_keys_only)
{
	struct json_doc *doc;
	const struct json_value *root;

	doc = parse_ok("{\"name\":\"张三\",\"a\\u0000b\":1,\"n\":2}");
	root = json_root(doc);
	cr_assert_str_eq(json_get(root, "name")->u.str.s, "张三");
	cr_assert_eq(json_get(root, "n")->u.num.i, 2);
	cr_assert_null(json_get(root, "nam"));
	cr_assert_null(json_get(root, "names"));
	cr_assert_null(json_get(root, "a"));
	cr_assert_null(json_get(json_get(root, "n"), "n"));
	cr_assert_null(json_get(NULL, "n"));
	json_free(doc);
}

Test(json, only_keys_names_the_first_stranger)
{
	static const char *const allowed[] = { "title", "amount", NULL };
	struct json_doc *doc;
	const char *unknown;

	doc = parse_ok("{\"amount\":100,\"title\":\"x\"}");
	unknown = "unset";
	cr_assert_eq(json_only_keys(json_root(doc), allowed, &unknown), GS_OK);
	json_free(doc);

	doc = parse_ok("{\"title\":\"x\",\"admin\":true,\"role\":1}");
	cr_assert_eq(json_only_keys(json_root(doc), allowed, &unknown),
	    GS_ERROR);
	cr_assert_str_eq(unknown, "admin");
	json_free(doc);

	doc = parse_ok("{\"title\\u0000\":1}");
	cr_assert_eq(json_only_keys(json_root(doc), allowed, &unknown),
	    GS_ERROR);
	json_free(doc);

	doc = parse_ok("[\"title\"]");
	cr_assert_eq(json_only_keys(json_root(doc), allowed, &unknown),
	    GS_ERROR);
	cr_assert_null(unknown);
	json_free(doc);

	doc = parse_ok("{}");
	cr_assert_eq(json_only_keys(json_root(doc), allowed, NULL), GS_OK);
	json_free(doc);
}

Test(json, writer_output_is_compact_and_html_safe)
{
	struct json_writer w;
	struct buf b;

	buf_init(&b);
	jw_init(&w, &b);
	jw_object_begin(&w, NULL);
	jw_string(&w, "title", "</script><b>&amp;");
	jw_string(&w, "当事人", "永康市\"绿剑\"\\");
	jw_stringn(&w, "ctl", "\n\r\t\b\f\x01\x1f\0\x7f", 9);
	jw_string(&w, "js",
	    "a\xe2\x80\xa8"
	    "b\xe2\x80\xa9");
	jw_int(&w, "min", INT64_MIN);
	jw_int(&w, "max", INT64_MAX);
	jw_array_begin(&w, "list");
	jw_bool(&w, NULL, 1);
	jw_bool(&w, NULL, 0);
	jw_null(&w, NULL);
	jw_string_or_null(&w, NULL, NULL);
	jw_string_or_null(&w, NULL, "x");
	jw_number_text(&w, NULL, "12.50");
	jw_object_begin(&w, NULL);
	jw_object_end(&w);
	jw_array_begin(&w, NULL);
	jw_array_end(&w);
	jw_array_end(&w);
	jw_raw(&w, "raw", "{\"k\": [1, 2]}", 13);
	jw_string(&w, "k\"<", "");
	jw_object_end(&w);

	cr_assert_str_eq(b.data,
	    "{\"title\":\"\\u003c/script\\u003e\\u003cb\\u003e\\u0026amp;\","
	    "\"当事人\":\"永康市\\\"绿剑\\\"\\\\\","
	    "\"ctl\":\"\\n\\r\\t\\b\\f\\u0001\\u001f\\u0000\x7f\","
	    "\"js\":\"a\\u2028b\\u2029\","
	    "\"min\":-9223372036854775808,"
	    "\"max\":9223372036854775807,"
	    "\"list\":[true,false,null,null,\"x\",12.50,{},[]],"
	    "\"raw\":{\"k\": [1, 2]},"
	    "\"k\\\"\\u003c\":\"\"}");
	buf_free(&b);
}

Test(json, escape_replaces_bytes_that_are_not_utf8)
{
	struct buf b;

	buf_init(&b);
	buf_puts(&b, "prefix ");
	json_escape_string(&b,
	    "a\xff"
	    "b\xe7\xbb"
	    "c\xed\xa0\x80",
	    9);
	/* One U+FFFD for each byte that does not start a valid sequence. */
	cr_assert_str_eq(b.data,
	    "prefix \"a\xef\xbf\xbd"
	    "b\xef\xbf\xbd\xef\xbf\xbd"
	    "c\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"");
	buf_free(&b);
}

Test(json, round_trip_through_the_writer)
{
	static const char in[] =
	    "{ \"id\" : 7, \"名称\": \"绿剑 <行动>\","
	    "\"amount\": -12.50e1, \"tags\": [ \"\\ud83d\\ude00\", null,"
	    " true, {\"a\\u0000b\": []} ], \"big\": 18446744073709551616 }";
	struct json_writer w;
	struct buf b;
	struct json_doc *doc, *again;
	const struct json_value *v, *tags;

	doc = parse_ok(in);
	buf_init(&b);
	jw_init(&w, &b);
	jw_value(&w, NULL, json_root(doc));
	cr_assert_str_eq(b.data,
	    "{\"id\":7,\"名称\":\"绿剑 \\u003c行动\\u003e\","
	    "\"amount\":-12.50e1,\"tags\":[\"😀\",null,true,"
	    "{\"a\\u0000b\":[]}],\"big\":18446744073709551616}");

	again = parse_ok(b.data);
	v = json_root(again);
	cr_assert_eq(json_get(v, "id")->u.num.i, 7);
	cr_assert_str_eq(json_get(v, "名称")->u.str.s, "绿剑 <行动>");
	cr_assert_eq(json_get(v, "amount")->u.num.d, -125.0);
	tags = json_get(v, "tags");
	cr_assert_str_eq(tags->u.arr.items[0]->u.str.s, "😀");
	cr_assert_eq(tags->u.arr.items[3]->u.obj.members[0].keylen, 3);
	cr_assert_eq(json_get(v, "big")->u.num.is_int, 0);
	json_free(again);
	json_free(doc);
	buf_free(&b);
}

Test(json, writer_nests_to_the_limit_and_appends)
{
	struct json_writer w;
	struct buf b;
	int i;

	buf_init(&b);
	buf_puts(&b, "data: ");
	jw_init(&w, &b);
	for (i = 0; i < JSON_DEPTH_MAX; i++)
		jw_array_begin(&w, NULL);
	jw_int(&w, NULL, 1);
	for (i = 0; i < JSON_DEPTH_MAX; i++)
		jw_array_end(&w);
	cr_assert_eq(b.len, 6 + 32 + 1 + 32);
	cr_assert_eq(memcmp(b.data, "data: [[[", 9), 0);
	cr_assert_eq(memcmp(b.data + 38, "1]]]", 4), 0);
	buf_free(&b);
}

static void
misuse_setup(struct json_writer *w, struct buf *b)
{
	buf_init(b);
	jw_init(w, b);
}

Test(json, writer_aborts_on_key_inside_array, .signal = SIGABRT)
{
	struct json_writer w;
	struct buf b;

	misuse_setup(&w, &b);
	jw_array_begin(&w, NULL);
	jw_int(&w, "n", 1);
}

Test(json, writer_aborts_on_missing_key_in_object, .signal = SIGABRT)
{
	struct json_writer w;
	struct buf b;

	misuse_setup(&w, &b);
	jw_object_begin(&w, NULL);
	jw_int(&w, NULL, 1);
}

Test(json, writer_aborts_on_end_without_begin, .signal = SIGABRT)
{
	struct json_writer w;
	struct buf b;

	misuse_setup(&w, &b);
	jw_object_end(&w);
}

Test(json, writer_aborts_on_mismatched_end, .signal = SIGABRT)
{
	struct json_writer w;
	struct buf b;

	misuse_setup(&w, &b);
	jw_array_begin(&w, NULL);
	jw_object_end(&w);
}

Test(json, writer_aborts_on_depth_overflow, .signal = SIGABRT)
{
	struct json_writer w;
	struct buf b;
	int i;

	misuse_setup(&w, &b);
	for (i = 0; i <= JSON_DEPTH_MAX; i++)
		jw_object_begin(&w, i == 0 ? NULL : "k");
}

Test(json, writer_aborts_on_second_top_level_value, .signal = SIGABRT)
{
	struct json_writer w;
	struct buf b;

	misuse_setup(&w, &b);
	jw_int(&w, NULL, 1);
	jw_int(&w, NULL, 2);
}
