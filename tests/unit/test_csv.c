/*
 * test_csv.c — the import reader: RFC 4180 records, and errors that name
 * the physical line an import report shows.
 */
#include <stdio.h>
#include <string.h>

#include "unit.h"
#include "core/csv.h"

GS_SUITE(csv);

static void
open_str(struct csv_reader *r, const char *s)
{
	csv_open(r, s, strlen(s));
}

/* The next record must begin on line and hold exactly want (NULL ends). */
static void
expect_row(struct csv_reader *r, int line, const char *const *want)
{
	size_t i, n;

	for (n = 0; want[n] != NULL; n++)
		;
	cr_assert_eq(csv_next(r), CSV_ROW, "error: %s at line %d", r->error,
	    r->error_line);
	cr_assert_eq(r->row_line, line);
	cr_assert_eq(r->nfields, n, "got %zu fields, want %zu", r->nfields, n);
	for (i = 0; i < n; i++) {
		cr_assert_eq(r->fields[i].len, strlen(want[i]));
		cr_assert_str_eq(r->fields[i].s, want[i]);
	}
}

static void
expect_error(struct csv_reader *r, int line, const char *msg)
{
	cr_assert_eq(csv_next(r), CSV_ERROR);
	cr_assert_eq(r->error_line, line);
	cr_assert_str_eq(r->error, msg);
	/* The reader stays stopped. */
	cr_assert_eq(csv_next(r), CSV_ERROR);
	cr_assert_eq(r->error_line, line);
}

#define ROW(...) ((const char *const[]){ __VA_ARGS__, NULL })

Test(csv, simple_rows)
{
	struct csv_reader r;

	open_str(&r, "a,b,c\n1,2,3\n");
	expect_row(&r, 1, ROW("a", "b", "c"));
	expect_row(&r, 2, ROW("1", "2", "3"));
	cr_assert_eq(csv_next(&r), CSV_EOF);
	cr_assert_eq(csv_next(&r), CSV_EOF);
	csv_close(&r);
}

Test(csv, empty_input_and_empty_fields)
{
	struct csv_reader r;

	open_str(&r, "");
	cr_assert_eq(csv_next(&r), CSV_EOF);
	csv_close(&r);

	/* Two commas are three empty fields; "" is one empty field. */
	open_str(&r, ",,\n\"\"\nx,\n");
	expect_row(&r, 1, ROW("", "", ""));
	expect_row(&r, 2, ROW(""));
	expect_row(&r, 3, ROW("x", ""));
	cr_assert_eq(csv_next(&r), CSV_EOF);
	csv_close(&r);
}

Test(csv, quoted_fields_with_commas_and_doubled_quotes)
{
	struct csv_reader r;

	open_str(&r, "\"永康市, 东城街道\",\"他说\"\"停工\"\"\",\"\"\"\"\n");
	expect_row(&r, 1, ROW("永康市, 东城街道", "他说\"停工\"", "\""));
	cr_assert_eq(csv_next(&r), CSV_EOF);
	csv_close(&r);
}

Test(csv, embedded_crlf_keeps_later_row_lines_right)
{
	struct csv_reader r;

	/* Row 2 spans physical lines 2-3, so row 3 begins on line 4. */
	open_str(&r,
	    "姓名,备注\r\n"
	    "张三,\"第一行\r\n第二行\"\r\n"
	    "李四,无\r\n");
	expect_row(&r, 1, ROW("姓名", "备注"));
	expect_row(&r, 2, ROW("张三", "第一行\r\n第二行"));
	expect_row(&r, 4, ROW("李四", "无"));
	cr_assert_eq(csv_next(&r), CSV_EOF);
	csv_close(&r);
}

Test(csv, bom_is_skipped)
{
	struct csv_reader r;

	open_str(&r, "\xef\xbb\xbf编号,名称\n1,绿剑\n");
	expect_row(&r, 1, ROW("编号", "名称"));
	cr_assert_eq(r.fields[0].len, 6);
	expect_row(&r, 2, ROW("1", "绿剑"));
	csv_close(&r);

	/* Only at the start: elsewhere it is an ordinary character. */
	open_str(&r,
	    "a\n\xef\xbb\xbf"
	    "b\n");
	expect_row(&r, 1, ROW("a"));
	expect_row(&r, 2,
	    ROW("\xef\xbb\xbf"
	        "b"));
	csv_close(&r);
}

Test(csv, crlf_endings_and_last_row_without_newline)
{
	struct csv_reader r;

	open_str(&r, "a,b\r\nc,d\r\ne,f");
	expect_row(&r, 1, ROW("a", "b"));
	expect_row(&r, 2, ROW("c", "d"));
	expect_row(&r, 3, ROW("e", "f"));
	cr_assert_eq(csv_next(&r), CSV_EOF);
	csv_close(&r);

	/* A quoted last field without newline, and a trailing empty one. */
	open_str(&r, "\"x\"\ny,");
	expect_row(&r, 1, ROW("x"));
	expect_row(&r, 2, ROW("y", ""));
	cr_assert_eq(csv_next(&r), CSV_EOF);
	csv_close(&r);
}

Test(csv, blank_lines_are_skipped)
{
	struct csv_reader r;

	open_str(&r, "\na\n\n\r\nb\n\n");
	expect_row(&r, 2, ROW("a"));
	expect_row(&r, 5, ROW("b"));
	cr_assert_eq(csv_next(&r), CSV_EOF);
	csv_close(&r);
}

Test(csv, fields_survive_storage_growth)
{
	struct csv_reader r;
	char data[1024], want[901];

	/* The storage starts at 256 bytes and moves while this row grows. */
	memset(want, 'x', 900);
	want[900] = '\0';
	snprintf(data, sizeof(data), "a,%s,b\nc\n", want);
	open_str(&r, data);
	expect_row(&r, 1, ROW("a", want, "b"));
	expect_row(&r, 2, ROW("c"));
	csv_close(&r);
}

Test(csv, unterminated_quote_names_the_line_it_began)
{
	struct csv_reader r;

	open_str(&r, "a,b\nc,\"开始\n继续\n");
	expect_row(&r, 1, ROW("a", "b"));
	expect_error(&r, 2, "引号未闭合");
	csv_close(&r);
}

Test(csv, quote_inside_unquoted_field)
{
	struct csv_reader r;

	open_str(&r, "a,b\nc,d\"e\n");
	expect_row(&r, 1, ROW("a", "b"));
	expect_error(&r, 2, "未加引号的字段中出现引号");
	csv_close(&r);

	/* A space before the quote makes the field unquoted. */
	open_str(&r, "a, \"b\"\n");
	expect_error(&r, 1, "未加引号的字段中出现引号");
	csv_close(&r);
}

Test(csv, characters_after_closing_quote)
{
	struct csv_reader r;

	open_str(&r, "a\n\"x\"y,z\n");
	expect_row(&r, 1, ROW("a"));
	expect_error(&r, 2, "引号后出现多余字符");
	csv_close(&r);

	/* The field began on line 1; the stray character is on line 2. */
	open_str(&r, "\"a\nb\" \n");
	expect_error(&r, 2, "引号后出现多余字符");
	csv_close(&r);
}

Test(csv, invalid_utf8)
{
	struct csv_reader r;

	/* GBK "环境" (\xbb\xb7\xbe\xb3), as a spreadsheet might save it. */
	open_str(&r, "ok\n\xbb\xb7\xbe\xb3\n");
	expect_row(&r, 1, ROW("ok"));
	expect_error(&r, 2, "不是有效的 UTF-8 文本");
	csv_close(&r);

	/* Inside a quoted field, on its third line. */
	open_str(&r, "\"多\n行\n\xff\"\n");
	expect_error(&r, 3, "不是有效的 UTF-8 文本");
	csv_close(&r);

	/* Overlong "/", a surrogate, and a sequence cut by the end. */
	open_str(&r, "\xc0\xaf\n");
	expect_error(&r, 1, "不是有效的 UTF-8 文本");
	csv_close(&r);
	open_str(&r, "\xed\xa0\x80\n");
	expect_error(&r, 1, "不是有效的 UTF-8 文本");
	csv_close(&r);
	open_str(&r, "a\n\xe7\xbb");
	expect_row(&r, 1, ROW("a"));
	expect_error(&r, 2, "不是有效的 UTF-8 文本");
	csv_close(&r);
}

Test(csv, nul_and_control_characters)
{
	struct csv_reader r;

	csv_open(&r, "a\nb\0c\n", 6);
	expect_row(&r, 1, ROW("a"));
	expect_error(&r, 2, "含有空字符（NUL）");
	csv_close(&r);

	open_str(&r, "a\x1b[31m\n");
	expect_error(&r, 1, "含有不允许的控制字符");
	csv_close(&r);

	/* TAB is text. */
	open_str(&r, "a\tb\n");
	expect_row(&r, 1, ROW("a\tb"));
	csv_close(&r);
}

Test(csv, bare_carriage_return)
{
	struct csv_reader r;

	/* Old Mac line ends would otherwise make one long record. */
	open_str(&r, "a,b\rc,d\r");
	expect_error(&r, 1, "出现单独的回车符（行尾应为 LF 或 CRLF）");
	csv_close(&r);

	/* Inside quotes it is part of the value. */
	open_str(&r, "\"a\rb\"\n");
	expect_row(&r, 1, ROW("a\rb"));
	csv_close(&r);
}

Test(csv, too_many_fields)
{
	struct csv_reader r;
	char data[512];
	size_t n;

	/* 64 fields: 63 commas on line 1 are fine. */
	memset(data, 0, sizeof(data));
	n = 0;
	data[n++] = 'x';
	data[n++] = '\n';
	memset(data + n, ',', CSV_FIELDS_MAX - 1);
	n += CSV_FIELDS_MAX - 1;
	data[n++] = '\n';
	/* 65 fields on line 3. */
	memset(data + n, ',', CSV_FIELDS_MAX);
	n += CSV_FIELDS_MAX;
	data[n++] = '\n';

	csv_open(&r, data, n);
	expect_row(&r, 1, ROW("x"));
	cr_assert_eq(csv_next(&r), CSV_ROW);
	cr_assert_eq(r.nfields, 64);
	expect_error(&r, 3, "字段数超过 64 个");
	csv_close(&r);
}

Test(csv, field_too_long)
{
	struct csv_reader r;
	char *data;
	size_t n;

	/* 65536 bytes are allowed; 65537 are not, quoted or not. */
	n = CSV_FIELD_LEN_MAX;
	data = malloc(n + 8);
	cr_assert_not_null(data);
	memset(data, 'x', n);
	data[n] = '\n';
	csv_open(&r, data, n + 1);
	cr_assert_eq(csv_next(&r), CSV_ROW);
	cr_assert_eq(r.fields[0].len, 65536);
	csv_close(&r);

	data[0] = 'y';
	data[1] = '\n';
	memset(data + 2, 'x', n + 1);
	csv_open(&r, data, n + 3);
	expect_row(&r, 1, ROW("y"));
	expect_error(&r, 2, "字段长度超过 65536 字节");
	csv_close(&r);

	data[2] = '"';
	memset(data + 3, 'x', n + 1);
	data[n + 4] = '"';
	csv_open(&r, data, n + 5);
	expect_row(&r, 1, ROW("y"));
	expect_error(&r, 2, "字段长度超过 65536 字节");
	csv_close(&r);
	free(data);
}
