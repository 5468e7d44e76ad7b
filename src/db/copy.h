/*
 * copy.h — rows in PostgreSQL's COPY text format (tab-separated, \N for
 * NULL, backslash escapes), built field by field into a buffer that the
 * caller sends with db_copy_put. This encodes values; it never builds SQL.
 */
#ifndef GS_DB_COPY_H
#define GS_DB_COPY_H

#include <stdint.h>

#include "core/calendar.h"
#include "core/util.h"

struct copy_row {
	struct buf *out;
	int fields; /* in the current row */
};

void copy_row_begin(struct copy_row *, struct buf *out);
/* A text field; NULL is SQL NULL. */
void copy_text(struct copy_row *, const char *);
void copy_int(struct copy_row *, int64_t);
/* A day; 0 is NULL. */
void copy_date(struct copy_row *, gs_date);
void copy_bool(struct copy_row *, int);
void copy_null(struct copy_row *);
void copy_row_end(struct copy_row *);

#endif
