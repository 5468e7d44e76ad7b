/*
 * pgarray.c — array literal encoding (see pgarray.h): every element is
 * double-quoted, with backslash and double quote escaped, which is all the
 * array input syntax requires of a quoted element.
 */
#include <stdlib.h>

#include "db/pgarray.h"

void
pgarray_init(struct pgarray *a)
{
	buf_init(&a->b);
	buf_putc(&a->b, '{');
	a->n = 0;
	a->closed = 0;
}

void
pgarray_add(struct pgarray *a, const char *s)
{
	if (a->closed)
		abort();
	if (a->n++ > 0)
		buf_putc(&a->b, ',');
	if (s == NULL) {
		buf_puts(&a->b, "NULL"); /* unquoted: SQL NULL */
		return;
	}
	buf_putc(&a->b, '"');
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			buf_putc(&a->b, '\\');
		buf_putc(&a->b, *s);
	}
	buf_putc(&a->b, '"');
}

const char *
pgarray_finish(struct pgarray *a)
{
	if (!a->closed) {
		buf_putc(&a->b, '}');
		a->closed = 1;
	}
	return (a->b.data);
}

void
pgarray_free(struct pgarray *a)
{
	buf_free(&a->b);
}
