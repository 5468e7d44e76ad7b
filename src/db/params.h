/*
 * params.h — the text parameters of one statement, built value by value
 * (dates, integers, instants, texts), each with its own small buffer: for
 * the statements that write a whole row (CASE_UPDATE, MEASURE_UPDATE).
 * This encodes values; it never builds SQL.
 */
#ifndef GS_DB_PARAMS_H
#define GS_DB_PARAMS_H

#include <stdint.h>
#include <time.h>

#include "core/calendar.h"

#define PARAMS_MAX 40
#define PARAM_LEN 96

struct params {
	const char *v[PARAMS_MAX];
	char buf[PARAMS_MAX][PARAM_LEN];
	int n;
};

void params_init(struct params *);
/* s as it is (NULL is SQL NULL); it must outlive the statement. */
void param_text(struct params *, const char *s);
/* A day; 0 is NULL. */
void param_date(struct params *, gs_date);
/* An integer; none (when null_when is set and n equals it) is NULL. */
void param_int(struct params *, int64_t n, int null_when, int64_t none);
/* An instant as seconds since the epoch; 0 is NULL. */
void param_instant(struct params *, time_t);

#endif
