/*
 * csv.c — an RFC 4180 reader over a buffer in memory.
 *
 * One record per csv_next(): the decoded fields are copied into
 * r->storage, each followed by a NUL. While a row is read the buffer may
 * move as it grows, so only offsets are kept and the field pointers are
 * built once the row is complete. Every character is checked as it is
 * read, which lets an error name the physical line it is on.
 */
#include <stdio.h>
#include <string.h>

#include "core/csv.h"

#define UTF8_BOM "\xef\xbb\xbf"

/* The messages an import report shows after "第 N 行：". */
#define E_UNTERMINATED "引号未闭合"
#define E_STRAY_QUOTE "未加引号的字段中出现引号"
#define E_AFTER_QUOTE "引号后出现多余字符"
#define E_BARE_CR "出现单独的回车符（行尾应为 LF 或 CRLF）"
#define E_UTF8 "不是有效的 UTF-8 文本"
#define E_NUL "含有空字符（NUL）"
#define E_CONTROL "含有不允许的控制字符"
#define E_TOO_MANY "字段数超过 64 个"
#define E_TOO_LONG "字段长度超过 65536 字节"

static int csv_fail(struct csv_reader *, int, const char *);
static int at_line_end(const struct csv_reader *);
static void skip_line_end(struct csv_reader *);
static void skip_blank_lines(struct csv_reader *);
static size_t utf8_lead_len(unsigned char);
static int field_start(struct csv_reader *);
static int field_append(struct csv_reader *, const char *, size_t);
static int field_take_char(struct csv_reader *);
static int read_unquoted(struct csv_reader *);
static int read_quoted(struct csv_reader *);
static void build_fields(struct csv_reader *);

void
csv_open(struct csv_reader *r, const char *data, size_t len)
{
	memset(r, 0, sizeof(*r));
	r->data = data;
	r->len = len;
	r->line = 1;
	buf_init(&r->storage);
	if (len >= 3 && memcmp(data, UTF8_BOM, 3) == 0)
		r->pos = 3;
}

void
csv_close(struct csv_reader *r)
{
	buf_free(&r->storage);
	r->nfields = 0;
}

/*
 * Records the error and returns GS_ERROR; r->error being set is also what
 * stops the reader.
 */
static int
csv_fail(struct csv_reader *r, int line, const char *msg)
{
	(void)snprintf(r->error, sizeof(r->error), "%s", msg);
	r->error_line = line;
	r->nfields = 0;
	return (GS_ERROR);
}

/* 1 when pos is at LF or CRLF. A lone CR is not a line end. */
static int
at_line_end(const struct csv_reader *r)
{
	if (r->pos >= r->len)
		return (0);
	if (r->data[r->pos] == '\n')
		return (1);
	return (r->data[r->pos] == '\r' && r->pos + 1 < r->len &&
	    r->data[r->pos + 1] == '\n');
}

static void
skip_line_end(struct csv_reader *r)
{
	if (r->data[r->pos] == '\r')
		r->pos++;
	r->pos++;
	r->line++;
}

static void
skip_blank_lines(struct csv_reader *r)
{
	while (at_line_end(r))
		skip_line_end(r);
}

/* Length of the UTF-8 sequence a lead byte announces; 0 if it cannot lead. */
static size_t
utf8_lead_len(unsigned char c)
{
	if (c < 0x80)
		return (1);
	if (c >= 0xc2 && c <= 0xdf)
		return (2);
	if (c >= 0xe0 && c <= 0xef)
		return (3);
	if (c >= 0xf0 && c <= 0xf4)
		return (4);
	return (0);
}

static int
field_start(struct csv_reader *r)
{
	if (r->nfields == CSV_FIELDS_MAX)
		return (csv_fail(r, r->line, E_TOO_MANY));
	r->offsets[r->nfields++] = r->storage.len;
	return (GS_OK);
}

static int
field_append(struct csv_reader *r, const char *s, size_t len)
{
	size_t flen;

	flen = r->storage.len - r->offsets[r->nfields - 1];
	if (flen + len > CSV_FIELD_LEN_MAX)
		return (csv_fail(r, r->line, E_TOO_LONG));
	buf_append(&r->storage, s, len);
	return (GS_OK);
}

/*
 * Appends the character at pos, checking it is text: no NUL, no control
 * other than TAB (line ends are handled by the callers), well-formed UTF-8.
 */
static int
field_take_char(struct csv_reader *r)
{
	const char *p;
	unsigned char c;
	size_t n;

	p = r->data + r->pos;
	c = (unsigned char)*p;
	if (c == '\0')
		return (csv_fail(r, r->line, E_NUL));
	n = utf8_lead_len(c);
	if (n == 0 || n > r->len - r->pos)
		return (csv_fail(r, r->line, E_UTF8));
	/* utf8_valid_text() also refuses controls; tell them apart first. */
	if (n == 1 && ((c < 0x20 && c != '\t') || c == 0x7f))
		return (csv_fail(r, r->line, E_CONTROL));
	if (n > 1 && !utf8_valid_text(p, n))
		return (csv_fail(r, r->line, E_UTF8));
	if (field_append(r, p, n) != GS_OK)
		return (GS_ERROR);
	r->pos += n;
	return (GS_OK);
}

/* Reads up to the comma or line end that closes the field, or the end. */
static int
read_unquoted(struct csv_reader *r)
{
	char c;

	while (r->pos < r->len) {
		c = r->data[r->pos];
		if (c == ',' || at_line_end(r))
			return (GS_OK);
		if (c == '"')
			return (csv_fail(r, r->line, E_STRAY_QUOTE));
		if (c == '\r')
			return (csv_fail(r, r->line, E_BARE_CR));
		if (field_take_char(r) != GS_OK)
			return (GS_ERROR);
	}
	return (GS_OK);
}

/* pos is at the opening quote; line ends inside are part of the field. */
static int
read_quoted(struct csv_reader *r)
{
	int begin;
	char c;

	begin = r->line;
	r->pos++;
	for (;;) {
		if (r->pos >= r->len)
			return (csv_fail(r, begin, E_UNTERMINATED));
		c = r->data[r->pos];
		if (c == '"') {
			if (r->pos + 1 < r->len && r->data[r->pos + 1] == '"') {
				if (field_append(r, "\"", 1) != GS_OK)
					return (GS_ERROR);
				r->pos += 2;
				continue;
			}
			r->pos++;
			break;
		}
		if (c == '\n' || c == '\r') {
			if (field_append(r, &c, 1) != GS_OK)
				return (GS_ERROR);
			if (c == '\n')
				r->line++;
			r->pos++;
			continue;
		}
		if (field_take_char(r) != GS_OK)
			return (GS_ERROR);
	}

	if (r->pos < r->len && r->data[r->pos] != ',' && !at_line_end(r))
		return (csv_fail(r, r->line, E_AFTER_QUOTE));
	return (GS_OK);
}

/* Only now that the storage has stopped moving can pointers be taken. */
static void
build_fields(struct csv_reader *r)
{
	size_t i, end;

	for (i = 0; i < r->nfields; i++) {
		end = i + 1 < r->nfields ? r->offsets[i + 1] : r->storage.len;
		r->fields[i].s = r->storage.data + r->offsets[i];
		/* Less the NUL that closes every field. */
		r->fields[i].len = end - r->offsets[i] - 1;
	}
}

enum csv_result
csv_next(struct csv_reader *r)
{
	int rc;

	if (r->error[0] != '\0')
		return (CSV_ERROR);

	r->nfields = 0;
	skip_blank_lines(r);
	if (r->pos >= r->len)
		return (CSV_EOF);

	buf_reset(&r->storage);
	r->row_line = r->line;
	for (;;) {
		if (field_start(r) != GS_OK)
			return (CSV_ERROR);
		if (r->pos < r->len && r->data[r->pos] == '"')
			rc = read_quoted(r);
		else
			rc = read_unquoted(r);
		if (rc != GS_OK)
			return (CSV_ERROR);
		/* The field's NUL; room for it is not counted in the limit. */
		buf_append(&r->storage, "", 1);

		if (r->pos < r->len && r->data[r->pos] == ',') {
			r->pos++;
			continue;
		}
		if (r->pos < r->len)
			skip_line_end(r);
		break;
	}

	build_fields(r);
	return (CSV_ROW);
}
