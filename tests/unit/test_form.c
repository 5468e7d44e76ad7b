/*
 * test_form.c — urlencoded bodies as the web layer sees them: textareas
 * with CRLF, checkboxes with many values, Chinese names and places.
 */
#include <string.h>

#include "unit.h"
#include "core/form.h"
#include "core/util.h"

GS_SUITE(form);

static int
parse(const char *s, struct form *f)
{
	return (form_parse(s, strlen(s), f));
}

static void
expect_rejected(const char *s)
{
	struct form f;

	cr_assert_eq(parse(s, &f), GS_ERROR, "accepted: %s", s);
	cr_assert_null(f.fields);
	cr_assert_eq(f.n, 0);
}

Test(form, basic_pairs)
{
	struct form f;

	/* 张 = E5 BC A0, 三 = E4 B8 89; lowercase hex works too. */
	cr_assert_eq(parse("name=%E5%BC%A0%e4%b8%89&age=42&note=a+b%2Bc", &f),
	    GS_OK);
	cr_assert_eq(f.n, 3);
	cr_assert_str_eq(f.fields[0].name, "name");
	cr_assert_str_eq(f.fields[0].value, "张三");
	cr_assert_eq(f.fields[0].len, 6);
	cr_assert_str_eq(form_get(&f, "age"), "42");
	cr_assert_str_eq(form_get(&f, "note"), "a b+c");
	cr_assert_null(form_get(&f, "missing"));
	cr_assert_null(form_get(&f, "Age"));
	form_free(&f);
	cr_assert_eq(f.n, 0);
}

Test(form, value_may_contain_equals_and_names_are_decoded)
{
	struct form f;

	cr_assert_eq(parse("q=a%3Db=c&%E5%90%8D+1=x", &f), GS_OK);
	cr_assert_str_eq(form_get(&f, "q"), "a=b=c");
	cr_assert_str_eq(form_get(&f, "名 1"), "x");
	form_free(&f);
}

Test(form, multi_valued_names)
{
	struct form f;

	cr_assert_eq(parse("law=1&law=2&case=9&law=3", &f), GS_OK);
	cr_assert_eq(form_count(&f, "law"), 3);
	cr_assert_eq(form_count(&f, "case"), 1);
	cr_assert_eq(form_count(&f, "none"), 0);
	cr_assert_str_eq(form_get(&f, "law"), "1");
	cr_assert_str_eq(form_get_nth(&f, "law", 1), "2");
	cr_assert_str_eq(form_get_nth(&f, "law", 2), "3");
	cr_assert_null(form_get_nth(&f, "law", 3));
	form_free(&f);
}

Test(form, empty_pairs_skipped_and_bare_names)
{
	struct form f;

	cr_assert_eq(parse("&a=1&&b=2&", &f), GS_OK);
	cr_assert_eq(f.n, 2);
	cr_assert_str_eq(f.fields[1].name, "b");
	form_free(&f);

	/* "flag" has the empty value, as does "empty="; "=v" a blank name. */
	cr_assert_eq(parse("flag&empty=&=v", &f), GS_OK);
	cr_assert_eq(f.n, 3);
	cr_assert_str_eq(form_get(&f, "flag"), "");
	cr_assert_eq(f.fields[0].len, 0);
	cr_assert_str_eq(form_get(&f, "empty"), "");
	cr_assert_str_eq(form_get(&f, ""), "v");
	form_free(&f);

	cr_assert_eq(parse("", &f), GS_OK);
	cr_assert_eq(f.n, 0);
	form_free(&f);
}

Test(form, encode_escapes_all_but_unreserved)
{
	struct buf b;

	buf_init(&b);
	form_encode(&b, "AZaz09-_.~ +%/&=");
	cr_assert_str_eq(b.data, "AZaz09-_.~%20%2B%25%2F%26%3D");
	buf_reset(&b);
	/* 环 = E7 8E AF, 境 = E5 A2 83. */
	form_encode(&b, "环境 a&b=c~._-");
	cr_assert_str_eq(b.data, "%E7%8E%AF%E5%A2%83%20a%26b%3Dc~._-");
	/* Appends to what is there; the empty string adds nothing. */
	form_encode(&b, "");
	buf_puts(&b, "&");
	form_encode(&b, "\r\n");
	cr_assert_str_eq(b.data, "%E7%8E%AF%E5%A2%83%20a%26b%3Dc~._-&%0D%0A");
	buf_free(&b);
}

Test(form, chinese_round_trip_through_encode)
{
	static const char *const values[] = { "永康市东城街道 1 号",
		"《环境保护法》第59条 & 第63条", "罚款 = 10,000 元 / 100%" };
	struct form f;
	struct buf b;
	size_t i;

	buf_init(&b);
	for (i = 0; i < GS_NELEM(values); i++) {
		if (i > 0)
			buf_putc(&b, '&');
		form_encode(&b, "地址");
		buf_putc(&b, '=');
		form_encode(&b, values[i]);
	}
	cr_assert_eq(form_parse(b.data, b.len, &f), GS_OK);
	cr_assert_eq(form_count(&f, "地址"), 3);
	for (i = 0; i < GS_NELEM(values); i++) {
		cr_assert_str_eq(form_get_nth(&f, "地址", i), values[i]);
		cr_assert_eq(f.fields[i].len, strlen(values[i]));
	}
	form_free(&f);
	buf_free(&b);
}

Test(form, textarea_crlf_and_tab_kept)
{
	struct form f;

	/* 第一行 CR LF 第二行, then a TAB. */
	cr_assert_eq(parse("note=%E7%AC%AC%E4%B8%80%E8%A1%8C%0D%0A"
	                   "%E7%AC%AC%E4%BA%8C%E8%A1%8C%09end",
	                 &f),
	    GS_OK);
	cr_assert_str_eq(form_get(&f, "note"), "第一行\r\n第二行\tend");
	cr_assert_eq(f.fields[0].len, 9 + 2 + 9 + 1 + 3);
	form_free(&f);
}

Test(form, bad_escapes_rejected)
{
	expect_rejected("a=%");
	expect_rejected("a=%4");
	expect_rejected("a=%zz");
	expect_rejected("a=%4g");
	expect_rejected("a=1&b=50%"); /* after a good field: all dropped */
	expect_rejected("%G1=x");
	expect_rejected("a=%%41");
}

Test(form, only_len_bytes_are_read)
{
	struct form f;

	/* The escape is cut by len: the '1' after it is not part of it. */
	cr_assert_eq(form_parse("a=%41", 4, &f), GS_ERROR);
	cr_assert_eq(form_parse("a=%41&b=2", 5, &f), GS_OK);
	cr_assert_eq(f.n, 1);
	cr_assert_str_eq(form_get(&f, "a"), "A");
	form_free(&f);
}

Test(form, invalid_utf8_rejected)
{
	expect_rejected("a=%FF");
	expect_rejected("a=%C0%AF");    /* overlong "/" */
	expect_rejected("a=%E5%BC");    /* cut short */
	expect_rejected("a=%ED%A0%80"); /* surrogate */
	expect_rejected("a=\xff");      /* raw, not escaped */
	expect_rejected("a=%00");
	expect_rejected("%00=1");
	expect_rejected("a=%1B%5B31m");    /* ESC: not text */
	expect_rejected("a=1&%D6%D0=GBK"); /* GBK 中 in a name */
}

Test(form, too_many_fields)
{
	struct form f;
	struct buf b;
	size_t i;

	buf_init(&b);
	for (i = 0; i < FORM_FIELDS_MAX; i++)
		buf_puts(&b, "f=1&");
	cr_assert_eq(form_parse(b.data, b.len, &f), GS_OK);
	cr_assert_eq(f.n, 512);
	cr_assert_eq(form_count(&f, "f"), 512);
	form_free(&f);

	/* Empty pairs do not count; one more real field does. */
	buf_puts(&b, "&&&");
	cr_assert_eq(form_parse(b.data, b.len, &f), GS_OK);
	form_free(&f);
	buf_puts(&b, "g");
	cr_assert_eq(form_parse(b.data, b.len, &f), GS_ERROR);
	cr_assert_null(f.fields);
	cr_assert_eq(f.n, 0);
	buf_free(&b);
}
