/*
 * params.c — statement parameters built value by value (see params.h).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/log.h"
#include "db/params.h"

void
params_init(struct params *p)
{
	p->n = 0;
}

/* The next slot; a statement with more is a programmer's error. */
static int
param_next(struct params *p)
{
	if (p->n >= PARAMS_MAX) {
		gs_log(LOG_LEVEL_ERROR, "more than %d parameters", PARAMS_MAX);
		abort();
	}
	return (p->n++);
}

void
param_text(struct params *p, const char *s)
{
	p->v[param_next(p)] = s;
}

void
param_date(struct params *p, gs_date d)
{
	int i = param_next(p);

	if (d == 0) {
		p->v[i] = NULL;
		return;
	}
	date_format(d, p->buf[i]);
	p->v[i] = p->buf[i];
}

void
param_int(struct params *p, int64_t n, int null_when, int64_t none)
{
	int i = param_next(p);

	if (null_when && n == none) {
		p->v[i] = NULL;
		return;
	}
	(void)snprintf(p->buf[i], PARAM_LEN, "%" PRId64, n);
	p->v[i] = p->buf[i];
}

void
param_instant(struct params *p, time_t t)
{
	int i = param_next(p);

	if (t == 0) {
		p->v[i] = NULL;
		return;
	}
	(void)snprintf(p->buf[i], PARAM_LEN, "%" PRId64, (int64_t)t);
	p->v[i] = p->buf[i];
}
