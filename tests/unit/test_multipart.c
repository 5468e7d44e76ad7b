/*
 * test_multipart.c — bodies shaped like what Chrome and Firefox send for
 * the CSV import and case forms, the errors a broken client produces, and
 * the file names an inspector's desktop can come up with.
 */
#include <string.h>

#include "unit.h"
#include "core/multipart.h"
#include "core/util.h"

GS_SUITE(multipart);

#define B "----WebKitFormBoundaryx7Q2mZ"
#define CD "Content-Disposition: form-data; "

static int
parse(const char *body, struct multipart *mp)
{
	return (multipart_parse(body, strlen(body), B, mp));
}

static void
expect_rejected(const char *body)
{
	struct multipart mp;

	cr_assert_eq(parse(body, &mp), GS_ERROR, "accepted: %s", body);
	cr_assert_eq(mp.n, 0);
}

/*
 * The sanitised file name of a one-part body whose disposition ends in
 * the given filename parameter.
 */
static char *
filename_of(const char *param)
{
	struct multipart mp;
	struct buf b;
	char *name;

	buf_init(&b);
	buf_printf(&b,
	    "--" B "\r\n" CD "name=\"f\"; %s\r\n\r\nx\r\n--" B "--\r\n", param);
	cr_assert_eq(parse(b.data, &mp), GS_OK, "rejected: %s", param);
	cr_assert_eq(mp.n, 1);
	name = xstrdup(mp.parts[0].filename);
	multipart_free(&mp);
	buf_free(&b);
	return (name);
}

static void
expect_filename(const char *param, const char *want)
{
	char *got;

	got = filename_of(param);
	cr_expect_str_eq(got, want, "for %s", param);
	free(got);
}

Test(multipart, browser_body_with_field_textarea_and_chinese_csv)
{
	static const char body[] =
	    "--" B "\r\n" CD "name=\"case_no\"\r\n"
	    "\r\n"
	    "绿环罚〔2024〕17号\r\n"
	    "--" B "\r\n" CD "name=\"facts\"\r\n"
	    "\r\n"
	    "第一行\r\n第二行\r\n"
	    "--" B "\r\n" CD "name=\"file\"; filename=\"污染源名录.csv\"\r\n"
	    "Content-Type: text/csv\r\n"
	    "\r\n"
	    "名称,统一社会信用代码\r\n某化工厂,91330100MA2B3C4D5E\r\n"
	    "\r\n"
	    "--" B "--\r\n";
	struct multipart mp;
	const struct multipart_part *p;

	cr_assert_eq(parse(body, &mp), GS_OK);
	cr_assert_eq(mp.n, 3);

	p = multipart_get(&mp, "case_no");
	cr_assert_not_null(p);
	cr_assert_null(p->filename);
	cr_assert_null(p->content_type);
	cr_assert_eq(p->len, strlen("绿环罚〔2024〕17号"));
	cr_assert_eq(memcmp(p->data, "绿环罚〔2024〕17号", p->len), 0);

	p = multipart_get(&mp, "facts");
	cr_assert_eq(p->len, 20);
	cr_assert_eq(memcmp(p->data, "第一行\r\n第二行", 20), 0);

	p = multipart_get(&mp, "file");
	cr_assert_str_eq(p->filename, "污染源名录.csv");
	cr_assert_str_eq(p->content_type, "text/csv");
	/* The file's own trailing CRLF stays; only the delimiter's goes. */
	cr_assert_eq(p->len, 66);
	cr_assert_eq(memcmp(p->data + 62, "5E\r\n", 4), 0);
	/* Data points into the body rather than at a copy. */
	cr_assert(p->data > body && p->data < body + sizeof(body));

	cr_assert_null(multipart_get(&mp, "missing"));
	cr_assert_null(multipart_get(&mp, "File"));
	multipart_free(&mp);
	cr_assert_eq(mp.n, 0);
}

Test(multipart, binary_file_with_partial_boundary_bytes)
{
	/*
	 * A delimiter short of its last byte, a boundary line without the
	 * CRLF before it, bare CR and LF, NUL and 0xff: all file data.
	 */
	static const char data[] = "\x00\xff\r\n------WebKitFormBoundaryx7Q2m"
	                           "\x00\r\n--\r\r\n\n\x00--" B "\r\n";
	static const char head[] =
	    "--" B "\r\n" CD "name=\"photo\"; filename=\"现场.jpg\"\r\n"
	    "Content-Type: image/jpeg\r\n\r\n";
	static const char tail[] = "\r\n--" B "--\r\n";
	struct multipart mp;
	struct buf b;

	buf_init(&b);
	buf_append(&b, head, sizeof(head) - 1);
	buf_append(&b, data, sizeof(data) - 1);
	buf_append(&b, tail, sizeof(tail) - 1);
	cr_assert_eq(multipart_parse(b.data, b.len, B, &mp), GS_OK);
	cr_assert_eq(mp.n, 1);
	cr_assert_eq(mp.parts[0].len, 75);
	cr_assert_eq(memcmp(mp.parts[0].data, data, 75), 0);
	cr_assert_str_eq(mp.parts[0].filename, "现场.jpg");
	cr_assert_str_eq(mp.parts[0].content_type, "image/jpeg");
	multipart_free(&mp);
	buf_free(&b);
}

Test(multipart, preamble_epilogue_and_empty_values)
{
	struct multipart mp;

	cr_assert_eq(parse("This is a preamble.\r\n--" B "\r\n" CD
	                   "name=\"a\"\r\n"
	                   "\r\n"
	                   "\r\n--" B "\r\n" CD "name=\"b\"\r\n"
	                   "\r\n"
	                   "2\r\n--" B "--\r\nepilogue\r\n--" B "\r\ngarbage",
	                 &mp),
	    GS_OK);
	cr_assert_eq(mp.n, 2);
	cr_assert_str_eq(mp.parts[0].name, "a");
	cr_assert_eq(mp.parts[0].len, 0);
	cr_assert_str_eq(mp.parts[1].name, "b");
	cr_assert_eq(mp.parts[1].len, 1);
	cr_assert_eq(mp.parts[1].data[0], '2');
	multipart_free(&mp);

	/* Headers, then the delimiter at once: the part has no data. */
	cr_assert_eq(parse("--" B "\r\n" CD "name=\"a\"\r\n\r\n--" B "--", &mp),
	    GS_OK);
	cr_assert_eq(mp.n, 1);
	cr_assert_eq(mp.parts[0].len, 0);
	multipart_free(&mp);

	/* What Chrome sends for a form without a successful control. */
	cr_assert_eq(parse("--" B "--\r\n", &mp), GS_OK);
	cr_assert_eq(mp.n, 0);
}

Test(multipart, header_names_any_case_and_unquoted_values)
{
	struct multipart mp;

	cr_assert_eq(parse("--" B "\r\n"
	                   "content-disposition:FORM-DATA ;NAME = 企业名称 ;"
	                   " FileName=a.txt; filename*=UTF-8''x.txt\r\n"
	                   "CONTENT-TYPE:   text/plain; charset=UTF-8  \r\n"
	                   "X-Unknown: ignored\r\n"
	                   "\r\n"
	                   "v\r\n--" B "--",
	                 &mp),
	    GS_OK);
	cr_assert_eq(mp.n, 1);
	cr_assert_str_eq(mp.parts[0].name, "企业名称");
	cr_assert_str_eq(mp.parts[0].filename, "a.txt");
	cr_assert_str_eq(mp.parts[0].content_type, "text/plain; charset=UTF-8");
	cr_assert_not_null(multipart_get(&mp, "企业名称"));
	multipart_free(&mp);
}

Test(multipart, quoted_values_unescape_quotes)
{
	struct multipart mp;

	cr_assert_eq(parse("--" B "\r\n" CD "name=\"a\\\"b;c\\\\d\"\r\n\r\n"
	                   "x\r\n--" B "--\r\n",
	                 &mp),
	    GS_OK);
	cr_assert_str_eq(mp.parts[0].name, "a\"b;c\\d");
	multipart_free(&mp);
}

Test(multipart, first_part_of_a_repeated_name)
{
	struct multipart mp;
	const struct multipart_part *p;

	cr_assert_eq(parse("--" B "\r\n" CD "name=\"tag\"\r\n\r\n"
	                   "一\r\n--" B "\r\n" CD "name=\"tag\"\r\n\r\n"
	                   "二\r\n--" B "--\r\n",
	                 &mp),
	    GS_OK);
	cr_assert_eq(mp.n, 2);
	p = multipart_get(&mp, "tag");
	cr_assert_eq(p, &mp.parts[0]);
	cr_assert_eq(memcmp(p->data, "一", p->len), 0);
	multipart_free(&mp);
}

Test(multipart, boundary_quoted_or_not)
{
	char out[MULTIPART_BOUNDARY_MAX + 1];

	cr_assert_eq(multipart_boundary("multipart/form-data; boundary=" B,
	                 out),
	    GS_OK);
	cr_assert_str_eq(out, B);
	cr_assert_eq(multipart_boundary("Multipart/Form-Data;charset=utf-8;"
	                                "BOUNDARY=\"a b:c\"",
	                 out),
	    GS_OK);
	cr_assert_str_eq(out, "a b:c");
	cr_assert_eq(
	    multipart_boundary("  multipart/form-data ; boundary = xyz ;", out),
	    GS_OK);
	cr_assert_str_eq(out, "xyz");
	/* 70 characters is the most RFC 2046 allows. */
	cr_assert_eq(
	    multipart_boundary("multipart/form-data; boundary="
	                       "0123456789012345678901234567890123456789"
	                       "012345678901234567890123456789",
	        out),
	    GS_OK);
	cr_assert_eq(strlen(out), 70);
}

Test(multipart, boundary_rejects_other_types_and_bad_values)
{
	static const char *const bad[] = {
		"application/x-www-form-urlencoded",
		"multipart/mixed; boundary=abc",
		"multipart/form-data-x; boundary=abc",
		"text/plain; boundary=abc",
		"",
		"multipart/form-data",
		"multipart/form-data; charset=utf-8",
		"multipart/form-data; boundary=",
		"multipart/form-data; boundary=\"\"",
		"multipart/form-data; boundary=\"abc",
		"multipart/form-data; boundary=a; boundary=b",
		"multipart/form-data; boundary",
		"multipart/form-data; boundary=ab\x01",
		"multipart/form-data; boundary=\"ab \"",
		"multipart/form-data; boundary=边界",
		"multipart/form-data; boundary="
		"0123456789012345678901234567890123456789"
		"0123456789012345678901234567890",
	};
	char out[MULTIPART_BOUNDARY_MAX + 1];
	size_t i;

	for (i = 0; i < GS_NELEM(bad); i++) {
		memcpy(out, "junk", 5);
		cr_expect_eq(multipart_boundary(bad[i], out), GS_ERROR,
		    "accepted: %s", bad[i]);
		cr_expect_str_eq(out, "", "left over for: %s", bad[i]);
	}
}

Test(multipart, missing_closing_boundary)
{
	expect_rejected("--" B "\r\n" CD "name=\"a\"\r\n\r\nvalue");
	expect_rejected("--" B "\r\n" CD "name=\"a\"\r\n\r\nvalue\r\n--" B);
	expect_rejected(
	    "--" B "\r\n" CD "name=\"a\"\r\n\r\nvalue\r\n--" B "\r\n");
	expect_rejected("--" B "\r\n" CD "name=\"a\"\r\n\r\nvalue\r\n--" B "-");
	/* No boundary line at all, or one that is only a prefix. */
	expect_rejected("");
	expect_rejected("name=value");
	expect_rejected("--" B);
	expect_rejected("--" B "x\r\n" CD "name=\"a\"\r\n\r\nv\r\n--" B "--");
	/* The delimiter must be followed by CRLF or "--". */
	expect_rejected(
	    "--" B "\r\n" CD "name=\"a\"\r\n\r\nv\r\n--" B "x\r\n--" B "--");
}

Test(multipart, only_crlf_lines)
{
	expect_rejected("--" B "\n" CD "name=\"a\"\n\nv\n--" B "--\n");
	expect_rejected("--" B "\r\n" CD "name=\"a\"\n\r\n\r\nv\r\n--" B "--");
	expect_rejected("--" B "\r\n" CD "name=\"a\"\r\n\r\nv\n--" B "--");
}

Test(multipart, headers_not_terminated)
{
	struct multipart mp;
	struct buf b;

	expect_rejected("--" B "\r\n" CD "name=\"a\"\r\nv\r\n--" B "--\r\n");
	expect_rejected("--" B "\r\n" CD "name=\"a\"");

	/* 8 KiB of header lines is the most a part may carry. */
	buf_init(&b);
	buf_puts(&b, "--" B "\r\n" CD "name=\"a\"\r\nX-Pad: ");
	while (b.len < 8192 + strlen("--" B "\r\n") - 2)
		buf_putc(&b, 'p');
	buf_puts(&b, "\r\n\r\nv\r\n--" B "--\r\n");
	cr_assert_eq(parse(b.data, &mp), GS_OK);
	cr_assert_eq(mp.n, 1);
	multipart_free(&mp);

	buf_reset(&b);
	buf_puts(&b, "--" B "\r\n" CD "name=\"a\"\r\nX-Pad: ");
	while (b.len < 8192 + strlen("--" B "\r\n") - 1)
		buf_putc(&b, 'p');
	buf_puts(&b, "\r\n\r\nv\r\n--" B "--\r\n");
	expect_rejected(b.data);
	buf_free(&b);
}

Test(multipart, malformed_headers)
{
	/* No colon, a blank before it, a folded line, an empty name. */
	expect_rejected("--" B "\r\n" CD "name=\"a\"\r\nX-Pad\r\n\r\n"
	                "v\r\n--" B "--");
	expect_rejected("--" B "\r\nContent-Disposition : form-data; "
	                "name=\"a\"\r\n\r\nv\r\n--" B "--");
	expect_rejected("--" B "\r\nContent-Disposition: form-data;\r\n"
	                " name=\"a\"\r\n\r\nv\r\n--" B "--");
	expect_rejected("--" B "\r\n" CD "name=\"a\"\r\n: x\r\n\r\n"
	                "v\r\n--" B "--");
	/* Not form-data, an unterminated quote, junk after a quote. */
	expect_rejected("--" B "\r\nContent-Disposition: attachment; "
	                "name=\"a\"\r\n\r\nv\r\n--" B "--");
	expect_rejected("--" B "\r\n" CD "name=\"a\r\n\r\nv\r\n--" B "--");
	expect_rejected("--" B "\r\n" CD "name=\"a\"b\r\n\r\nv\r\n--" B "--");
	/* Two dispositions or two names: refused rather than guessed. */
	expect_rejected("--" B "\r\n" CD "name=\"a\"\r\n" CD
	                "name=\"b\"\r\n\r\nv\r\n--" B "--");
	expect_rejected("--" B "\r\nContent-Disposition: form-data\r\n" CD
	                "name=\"b\"\r\n\r\nv\r\n--" B "--");
	expect_rejected("--" B "\r\n" CD "name=\"a\"; name=\"b\"\r\n\r\n"
	                "v\r\n--" B "--");
	expect_rejected("--" B "\r\n" CD "name=\"a\"; filename=\"x\"; "
	                "filename=\"y\"\r\n\r\nv\r\n--" B "--");
}

Test(multipart, part_without_a_name)
{
	expect_rejected("--" B "\r\n\r\nv\r\n--" B "--");
	expect_rejected("--" B "\r\nContent-Type: text/plain\r\n\r\n"
	                "v\r\n--" B "--");
	expect_rejected("--" B "\r\nContent-Disposition: form-data\r\n\r\n"
	                "v\r\n--" B "--");
	expect_rejected("--" B "\r\n" CD "filename=\"a.csv\"\r\n\r\n"
	                "v\r\n--" B "--");
	expect_rejected("--" B "\r\n" CD "name=\"\"\r\n\r\nv\r\n--" B "--");
	/* A good first part is not kept when a later one fails. */
	expect_rejected("--" B "\r\n" CD "name=\"ok\"; filename=\"a\"\r\n"
	                "Content-Type: text/csv\r\n\r\n"
	                "v\r\n--" B "\r\n" CD "x=1\r\n\r\nv\r\n--" B "--");
}

Test(multipart, names_file_names_and_types_must_be_utf8)
{
	expect_rejected("--" B "\r\n" CD "name=\"\xd5\xfb\xb8\xc4\"\r\n\r\n"
	                "v\r\n--" B "--");
	expect_rejected(
	    "--" B "\r\n" CD "name=\"a\x01\"\r\n\r\nv\r\n--" B "--");
	expect_rejected(
	    "--" B "\r\n" CD "name=\"a\"; "
	    "filename=\"\xce\xdb\xc8\xbe.csv\"\r\n\r\nv\r\n--" B "--");
	expect_rejected("--" B "\r\n" CD "name=\"a\"\r\n"
	                "Content-Type: text/\x7f\r\n\r\nv\r\n--" B "--");
}

Test(multipart, too_many_parts)
{
	struct multipart mp;
	struct buf b;
	size_t i;

	buf_init(&b);
	for (i = 0; i < MULTIPART_PARTS_MAX; i++)
		buf_printf(&b, "--" B "\r\n" CD "name=\"f%zu\"\r\n\r\n%zu\r\n",
		    i, i);
	buf_puts(&b, "--" B "--\r\n");
	cr_assert_eq(parse(b.data, &mp), GS_OK);
	cr_assert_eq(mp.n, 64);
	cr_assert_str_eq(mp.parts[63].name, "f63");
	multipart_free(&mp);

	buf_reset(&b);
	for (i = 0; i < MULTIPART_PARTS_MAX + 1; i++)
		buf_printf(&b, "--" B "\r\n" CD "name=\"f%zu\"\r\n\r\n%zu\r\n",
		    i, i);
	buf_puts(&b, "--" B "--\r\n");
	expect_rejected(b.data);
	buf_free(&b);
}

Test(multipart, boundary_argument_checked)
{
	struct multipart mp;
	static const char body[] = "--\r\n" CD "name=\"a\"\r\n\r\nv\r\n----";

	cr_assert_eq(multipart_parse(body, sizeof(body) - 1, "", &mp),
	    GS_ERROR);
	cr_assert_eq(mp.n, 0);
	cr_assert_eq(multipart_parse(NULL, 0, B, &mp), GS_ERROR);
	cr_assert_eq(mp.n, 0);
}

Test(multipart, free_is_safe_on_an_empty_result)
{
	struct multipart mp;

	mp.n = 0;
	multipart_free(&mp);
	cr_assert_eq(mp.n, 0);
	cr_assert_eq(parse("--" B "\r\n\r\n", &mp), GS_ERROR);
	multipart_free(&mp);
	multipart_free(&mp);
	cr_assert_eq(mp.n, 0);
	cr_assert_null(multipart_get(&mp, "a"));
}

Test(multipart, filename_keeps_only_the_base_name)
{
	expect_filename("filename=\"../../etc/passwd\"", "passwd");
	expect_filename("filename=\"C:\\Users\\li\\Desktop\\污染源名录.csv\"",
	    "污染源名录.csv");
	expect_filename("filename=\"\\\\server\\share\\a.csv\"", "a.csv");
	expect_filename("filename=/tmp/x/报表.xlsx", "报表.xlsx");
	expect_filename("filename=\"dir/..\"", "file");
	expect_filename("filename=\".\"", "file");
}

Test(multipart, filename_loses_quotes_and_control_characters)
{
	expect_filename("filename=\"a\\\"b'c.csv\"", "abc.csv");
	expect_filename("filename=\"a\x01\tb\x7f\x1b[31m.csv\"", "ab[31m.csv");
	/* U+0085 (NEL) is a C1 control; U+00A0 and 中 are not. */
	expect_filename("filename=\"a\xc2\x85\xc2\xa0中.csv\"",
	    "a\xc2\xa0中.csv");
	expect_filename("filename=\"  月报 .csv  \"", "月报 .csv");
}

Test(multipart, empty_filename_becomes_file)
{
	expect_filename("filename=\"\"", "file");
	expect_filename("filename=", "file");
	expect_filename("filename=\"   \"", "file");
	expect_filename("filename=\"C:\\dir\\\x01\"", "file");
	expect_filename("filename=\"/tmp/\"", "file");
}

Test(multipart, long_filename_cut_on_a_character)
{
	struct buf param, want;
	size_t i;

	/* 67 three-byte characters are 201 bytes; 66 of them are 198. */
	buf_init(&param);
	buf_init(&want);
	buf_puts(&param, "filename=\"");
	for (i = 0; i < 67; i++) {
		buf_puts(&param, "污");
		if (i < 66)
			buf_puts(&want, "污");
	}
	buf_puts(&param, "\"");
	cr_assert_eq(want.len, 198);
	expect_filename(param.data, want.data);

	/* ASCII is cut at exactly 200 bytes, after the spaces are gone. */
	buf_reset(&param);
	buf_reset(&want);
	buf_puts(&param, "filename=\"  ");
	for (i = 0; i < 250; i++) {
		buf_putc(&param, 'a');
		if (i < 200)
			buf_putc(&want, 'a');
	}
	buf_puts(&param, "\"");
	expect_filename(param.data, want.data);
	buf_free(&param);
	buf_free(&want);
}

/* Quadratic searching would take minutes here, not milliseconds. */
Test(multipart, large_body_with_near_delimiters_is_linear, .timeout = 20)
{
	static const char near[] = "\r\n------WebKitFormBoundaryx7Q2m";
	struct multipart mp;
	struct buf b;
	size_t i, n;

	buf_init(&b);
	buf_puts(&b,
	    "--" B "\r\n" CD "name=\"f\"; filename=\"big.bin\"\r\n\r\n");
	n = (32u << 20) / (sizeof(near) - 1);
	buf_reserve(&b, n * (sizeof(near) - 1) + 64);
	for (i = 0; i < n; i++)
		buf_append(&b, near, sizeof(near) - 1);
	buf_puts(&b, "\r\n--" B "--\r\n");
	cr_assert_eq(parse(b.data, &mp), GS_OK);
	cr_assert_eq(mp.parts[0].len, n * (sizeof(near) - 1));
	multipart_free(&mp);
	buf_free(&b);
}
