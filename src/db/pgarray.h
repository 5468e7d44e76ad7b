/*
 * pgarray.h — PostgreSQL array literals ("{"a","b\"c"}") as parameter
 * values, for statements that take many rows at once through unnest().
 * This encodes a value; it never builds SQL.
 */
#ifndef GS_DB_PGARRAY_H
#define GS_DB_PGARRAY_H

#include "core/util.h"

struct pgarray {
	struct buf b;
	size_t n;
	int closed;
};

void pgarray_init(struct pgarray *);
/* Appends one element; NULL is an SQL NULL element. */
void pgarray_add(struct pgarray *, const char *);
/* The literal; no element may be added afterwards. */
const char *pgarray_finish(struct pgarray *);
void pgarray_free(struct pgarray *);

#endif
