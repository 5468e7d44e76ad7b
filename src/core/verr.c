/*
 * verr.c — collecting field errors (see verr.h). Fixed size: a form with
 * more than VERR_MAX wrong fields reports the first VERR_MAX.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/verr.h"

void
verr_init(struct verr *v)
{
	v->n = 0;
}

const char *
verr_get(const struct verr *v, const char *field)
{
	size_t i;

	for (i = 0; i < v->n; i++) {
		if (strcmp(v->items[i].field, field) == 0)
			return (v->items[i].message);
	}
	return (NULL);
}

void
verr_add(struct verr *v, const char *field, const char *fmt, ...)
{
	va_list ap;

	if (v->n == VERR_MAX || verr_get(v, field) != NULL)
		return;
	(void)snprintf(v->items[v->n].field, VERR_FIELD_LEN, "%s", field);
	va_start(ap, fmt);
	(void)vsnprintf(v->items[v->n].message, VERR_MESSAGE_LEN, fmt, ap);
	va_end(ap);
	v->n++;
}
