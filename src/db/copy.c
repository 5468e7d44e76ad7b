/*
 * copy.c — COPY text format (see copy.h).
 */
#include <inttypes.h>
#include <stdio.h>

#include "db/copy.h"

void
copy_row_begin(struct copy_row *r, struct buf *out)
{
	r->out = out;
	r->fields = 0;
}

static void
copy_sep(struct copy_row *r)
{
	if (r->fields++ > 0)
		buf_putc(r->out, '\t');
}

void
copy_null(struct copy_row *r)
{
	copy_sep(r);
	buf_puts(r->out, "\\N");
}

void
copy_text(struct copy_row *r, const char *s)
{
	const char *p;

	if (s == NULL) {
		copy_null(r);
		return;
	}
	copy_sep(r);
	/* The characters COPY reads as structure, escaped. */
	for (p = s; *p != '\0'; p++) {
		switch (*p) {
		case '\\':
			buf_puts(r->out, "\\\\");
			break;
		case '\t':
			buf_puts(r->out, "\\t");
			break;
		case '\n':
			buf_puts(r->out, "\\n");
			break;
		case '\r':
			buf_puts(r->out, "\\r");
			break;
		default:
			buf_putc(r->out, *p);
		}
	}
}

void
copy_int(struct copy_row *r, int64_t n)
{
	copy_sep(r);
	buf_printf(r->out, "%" PRId64, n);
}

void
copy_date(struct copy_row *r, gs_date d)
{
	char day[GS_DATE_STRLEN];

	if (d == 0) {
		copy_null(r);
		return;
	}
	date_format(d, day);
	copy_sep(r);
	buf_puts(r->out, day);
}

void
copy_bool(struct copy_row *r, int b)
{
	copy_sep(r);
	buf_putc(r->out, b ? 't' : 'f');
}

void
copy_row_end(struct copy_row *r)
{
	buf_putc(r->out, '\n');
	r->fields = 0;
}
