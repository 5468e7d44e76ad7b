/*
 * fuzz_entity_index.c — the registry list in memory. The input is split
 * at the first 0xff byte: before it, names (one per line) to index; after
 * it, the query. Every row the fast search (one strstr over all names)
 * reports must hold the query, and the count must equal a naive scan.
 */
#define _GNU_SOURCE /* strcasestr */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/entity_index.h"
#include "core/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define MAX_ROWS 64

/* A copy with ASCII letters lower-cased, done the slow obvious way. */
static char *
lowered(const char *s)
{
	char *f, *p;

	f = xstrdup(s);
	for (p = f; *p != '\0'; p++)
		*p = ascii_lower(*p);
	return (f);
}

static size_t
naive_count(const struct entity_row *rows, size_t n, const char *q)
{
	size_t i, k;
	char *f;

	for (i = k = 0; i < n; i++) {
		f = lowered(rows[i].name);
		if (*q == '\0' || (strchr(q, '\n') == NULL && strstr(f, q)))
			k++;
		free(f);
	}
	return (k);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	const struct entity_row *out[ENTITY_PAGE_MAX];
	struct entity_index idx;
	struct entity_query q;
	struct entity_row *rows;
	const uint8_t *sep;
	char *names, *line, *save, *query, *qf;
	size_t n, nout, total, i;

	if ((sep = memchr(data, 0xff, len)) == NULL)
		return (0);
	names = xstrndup((const char *)data, (size_t)(sep - data));
	query = xstrndup((const char *)sep + 1, len - (size_t)(sep - data) - 1);
	rows = xcalloc(MAX_ROWS, sizeof(*rows));
	n = 0;
	for (line = strtok_r(names, "\n", &save); line != NULL && n < MAX_ROWS;
	     line = strtok_r(NULL, "\n", &save)) {
		rows[n].id = "id";
		rows[n].uscc = "";
		rows[n].name = line;
		n++;
	}
	entity_index_init(&idx, rows, n);
	memset(&q, 0, sizeof(q));
	/* Lower case only: the USCC prefix rule is not under test here. */
	qf = lowered(query);
	q.q = qf;
	q.page = 1;
	q.per_page = ENTITY_PAGE_MAX;
	total = entity_index_query(&idx, &q, out, &nout);
	/* Every USCC is empty, so only names can match. */
	if (total != naive_count(rows, n, qf) || nout > total)
		abort();
	for (i = 0; i < nout; i++) {
		if (*qf != '\0' && strcasestr(out[i]->name, qf) == NULL)
			abort();
	}
	entity_index_free(&idx);
	free(qf);
	free(query);
	free(names);
	return (0);
}
