/*
 * entity_index.c — the registry list in memory (see entity_index.h).
 */
#define _GNU_SOURCE /* qsort_r */
#include <stdlib.h>
#include <string.h>

#include "core/entity_index.h"
#include "core/util.h"

static const char *const sort_names[ENTITY_SORT__MAX] = {
	[ENTITY_SORT_NAME] = "name",
	[ENTITY_SORT_USCC] = "uscc",
	[ENTITY_SORT_TOWNSHIP] = "township",
	[ENTITY_SORT_INDUSTRY] = "industry",
	[ENTITY_SORT_CATEGORY] = "category",
	[ENTITY_SORT_GRADE] = "grade",
	[ENTITY_SORT_UPDATED] = "updated",
};

const char *
entity_sort_name(enum entity_sort s)
{
	return (s < ENTITY_SORT__MAX ? sort_names[s] : "name");
}

enum entity_sort
entity_sort_from(const char *s)
{
	int i;

	for (i = 0; i < ENTITY_SORT__MAX; i++) {
		if (strcmp(sort_names[i], s) == 0)
			return ((enum entity_sort)i);
	}
	return (ENTITY_SORT__MAX);
}

static const char *
text(const char *s)
{
	return (s != NULL ? s : "");
}

/* ASCII letters lower-cased; everything else (CJK above all) as it is. */
static void
fold_into(struct buf *b, const char *s)
{
	for (s = text(s); *s != '\0'; s++)
		buf_putc(b, ascii_lower(*s));
}

static int
str_compare(const void *a, const void *b)
{
	return (strcmp(*(const char *const *)a, *(const char *const *)b));
}

/* The distinct non-empty values of one column, sorted; they point into rows. */
static const char **
distinct(const struct entity_row *rows, size_t n,
    const char *(*get)(const struct entity_row *), size_t *count)
{
	const char **v;
	size_t i, k;

	v = xcalloc(n + 1, sizeof(*v));
	for (i = 0; i < n; i++)
		v[i] = text(get(&rows[i]));
	qsort(v, n, sizeof(*v), str_compare);
	for (i = k = 0; i < n; i++) {
		if (*v[i] != '\0' && (k == 0 || strcmp(v[k - 1], v[i]) != 0))
			v[k++] = v[i];
	}
	*count = k;
	return (v);
}

static const char *
get_township(const struct entity_row *r)
{
	return (r->township);
}

static const char *
get_industry(const struct entity_row *r)
{
	return (r->industry);
}

/* Row numbers by the rows' ids (arg: the rows). */
static int
id_compare(const void *pa, const void *pb, void *arg)
{
	const struct entity_row *rows = arg;

	return (strcmp(rows[*(const uint32_t *)pa].id,
	    rows[*(const uint32_t *)pb].id));
}

const struct entity_row *
entity_index_find(const struct entity_index *idx, const char *id)
{
	size_t lo = 0, hi = idx->n, mid;
	int r;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		r = strcmp(id, idx->rows[idx->by_id[mid]].id);
		if (r == 0)
			return (&idx->rows[idx->by_id[mid]]);
		if (r < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return (NULL);
}

void
entity_index_init(struct entity_index *idx, struct entity_row *rows, size_t n)
{
	struct buf names;
	size_t i;

	memset(idx, 0, sizeof(*idx));
	idx->rows = rows;
	idx->n = n;
	idx->name_at = xcalloc(n + 1, sizeof(*idx->name_at));
	buf_init(&names);
	for (i = 0; i < n; i++) {
		idx->name_at[i] = names.len;
		fold_into(&names, rows[i].name);
		buf_putc(&names, '\n');
	}
	idx->name_at[n] = names.len;
	idx->names = buf_release(&names, NULL);
	idx->townships = distinct(rows, n, get_township, &idx->ntownships);
	idx->industries = distinct(rows, n, get_industry, &idx->nindustries);
	idx->by_id = xcalloc(n + 1, sizeof(*idx->by_id));
	for (i = 0; i < n; i++)
		idx->by_id[i] = (uint32_t)i;
	qsort_r(idx->by_id, n, sizeof(*idx->by_id), id_compare, rows);
}

void
entity_index_free(struct entity_index *idx)
{
	int s, d;

	free(idx->names);
	free(idx->name_at);
	for (s = 0; s < ENTITY_SORT__MAX; s++) {
		for (d = 0; d < 2; d++)
			free(idx->order[s][d]);
	}
	free(idx->townships);
	free(idx->industries);
	free(idx->by_id);
	free(idx->rows);
	memset(idx, 0, sizeof(*idx));
}

struct order_ctx {
	const struct entity_row *rows;
	enum entity_sort sort;
	int desc;
};

static int
int64_compare(int64_t a, int64_t b)
{
	return ((a > b) - (a < b));
}

/*
 * Credit grades from best to worst (环境信用: 绿 蓝 黄 红 黑); ascending by
 * grade lists the best first. An unknown code sorts after the known ones.
 */
static int
grade_rank(const char *g)
{
	static const char *const order[] = { "green", "blue", "yellow", "red",
		"black" };
	size_t i;

	for (i = 0; i < GS_NELEM(order); i++) {
		if (strcmp(order[i], g) == 0)
			return ((int)i);
	}
	return ((int)i);
}

/*
 * The primary key of a sort. An unrated entity (no credit grade) comes
 * after the rated ones in both directions: "grade, descending" lists the
 * worst grades first, not the unrated.
 */
static int
primary_compare(const struct entity_row *a, const struct entity_row *b,
    enum entity_sort sort, int *nulls)
{
	*nulls = 0;
	switch (sort) {
	case ENTITY_SORT_NAME:
		return (0);
	case ENTITY_SORT_USCC:
		return (strcmp(text(a->uscc), text(b->uscc)));
	case ENTITY_SORT_TOWNSHIP:
		return (strcmp(text(a->township), text(b->township)));
	case ENTITY_SORT_INDUSTRY:
		return (strcmp(text(a->industry), text(b->industry)));
	case ENTITY_SORT_CATEGORY:
		return (strcmp(text(a->category), text(b->category)));
	case ENTITY_SORT_GRADE:
		if ((a->credit_grade == NULL) != (b->credit_grade == NULL)) {
			*nulls = a->credit_grade == NULL ? 1 : -1;
			return (0);
		}
		if (a->credit_grade == NULL)
			return (0);
		return (
		    grade_rank(a->credit_grade) - grade_rank(b->credit_grade));
	case ENTITY_SORT_UPDATED:
		return (int64_compare(a->updated_us, b->updated_us));
	case ENTITY_SORT__MAX:
		break;
	}
	return (0);
}

/*
 * Each sort is total: ties fall to the name, then to the id, so that a page
 * boundary never moves between requests. Descending reverses the whole
 * order, except that the unrated stay last.
 */
static int
order_compare(const void *pa, const void *pb, void *arg)
{
	const struct order_ctx *c = arg;
	const struct entity_row *a, *b;
	int r, nulls;

	a = &c->rows[*(const uint32_t *)pa];
	b = &c->rows[*(const uint32_t *)pb];
	r = primary_compare(a, b, c->sort, &nulls);
	if (nulls != 0)
		return (nulls);
	if (r == 0)
		r = strcmp(text(a->name), text(b->name));
	if (r == 0)
		r = strcmp(text(a->id), text(b->id));
	return (c->desc ? -r : r);
}

static const uint32_t *
order_of(struct entity_index *idx, enum entity_sort sort, int desc)
{
	struct order_ctx c;
	uint32_t *o;
	size_t i;

	if ((o = idx->order[sort][desc]) != NULL)
		return (o);
	o = xcalloc(idx->n + 1, sizeof(*o));
	for (i = 0; i < idx->n; i++)
		o[i] = (uint32_t)i;
	c.rows = idx->rows;
	c.sort = sort;
	c.desc = desc;
	qsort_r(o, idx->n, sizeof(*o), order_compare, &c);
	idx->order[sort][desc] = o;
	return (o);
}

/* Letters and digits only could be the start of a USCC. */
static int
maybe_uscc(const char *q)
{
	for (; *q != '\0'; q++) {
		if (!((*q >= '0' && *q <= '9') || (*q >= 'A' && *q <= 'Z') ||
		        (*q >= 'a' && *q <= 'z')))
			return (0);
	}
	return (1);
}

/* A USCC prefix compared without regard to the case of its letters. */
static int
uscc_has_prefix(const char *uscc, const char *q)
{
	for (; *q != '\0'; q++, uscc++) {
		if (*uscc != ascii_upper(*q))
			return (0);
	}
	return (1);
}

static int
filter_is(const char *want, const char *have)
{
	return (want == NULL || *want == '\0' || strcmp(want, text(have)) == 0);
}

static int
grade_is(const char *want, const char *have)
{
	if (want == NULL || *want == '\0')
		return (1);
	if (strcmp(want, "none") == 0)
		return (have == NULL);
	return (have != NULL && strcmp(want, have) == 0);
}

/* The row whose folded name holds byte offset at (a binary search). */
static size_t
row_at(const struct entity_index *idx, size_t at)
{
	size_t lo, hi, mid;

	lo = 0;
	hi = idx->n;
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (idx->name_at[mid] <= at)
			lo = mid;
		else
			hi = mid;
	}
	return (lo);
}

/*
 * Marks in hit the rows whose name holds q. One strstr over all the names
 * rather than one a row: the search visits the matches, not every row
 * (and glibc's strstr is vectorised, its memmem is not). Names end in a
 * newline, which no name and no matching query holds, so no match spans
 * two names.
 */
static void
mark_names(const struct entity_index *idx, const char *q, uint8_t *hit)
{
	const char *p, *m;
	size_t row;

	if (strchr(q, '\n') != NULL)
		return;
	p = idx->names;
	while ((m = strstr(p, q)) != NULL) {
		row = row_at(idx, (size_t)(m - idx->names));
		hit[row] = 1;
		p = idx->names + idx->name_at[row + 1];
	}
}

/* A query of letters and digits also matches the start of the USCC. */
static void
mark_usccs(const struct entity_index *idx, const char *q, uint8_t *hit)
{
	size_t i;

	for (i = 0; i < idx->n; i++) {
		if (!hit[i] && uscc_has_prefix(text(idx->rows[i].uscc), q))
			hit[i] = 1;
	}
}

/*
 * The rows q matches, marked in an array of idx->n bytes for the caller
 * to free; NULL when q is empty (every row matches).
 */
static uint8_t *
mark_query(const struct entity_index *idx, const char *q)
{
	struct buf qfold;
	uint8_t *hit = NULL;

	buf_init(&qfold);
	fold_into(&qfold, q);
	if (qfold.len > 0) {
		hit = xcalloc(idx->n, 1);
		mark_names(idx, qfold.data, hit);
		if (maybe_uscc(q))
			mark_usccs(idx, q, hit);
	}
	buf_free(&qfold);
	return (hit);
}

size_t
entity_index_matches(const struct entity_index *idx, const char *q,
    const struct entity_row ***out)
{
	uint8_t *hit;
	size_t i, n = 0;

	*out = NULL;
	if (idx->n == 0 || (hit = mark_query(idx, q)) == NULL)
		return (0);
	for (i = 0; i < idx->n; i++)
		n += hit[i];
	if (n > 0)
		*out = xcalloc(n, sizeof(**out));
	for (i = 0, n = 0; i < idx->n; i++) {
		if (hit[i])
			(*out)[n++] = &idx->rows[i];
	}
	free(hit);
	return (n);
}

static int
filters_pass(const struct entity_row *r, const struct entity_query *q)
{
	return (filter_is(q->category, r->category) &&
	    filter_is(q->township, r->township) &&
	    filter_is(q->industry, r->industry) &&
	    grade_is(q->grade, r->credit_grade));
}

/*
 * A query matches the name as a substring, ASCII letters in any case; a
 * query of letters and digits also matches the start of the USCC. The
 * filters must all hold.
 */
size_t
entity_index_query(struct entity_index *idx, const struct entity_query *q,
    const struct entity_row **out, size_t *nout)
{
	const struct entity_row *r;
	const uint32_t *o;
	uint8_t *hit;
	size_t i, total, first, per_page;

	*nout = 0;
	if (idx->n == 0)
		return (0);
	per_page = q->per_page > 0 ? (size_t)q->per_page : 0;
	first = q->page > 1 ? (size_t)(q->page - 1) * per_page : 0;
	hit = mark_query(idx, q->q);
	o = order_of(idx,
	    q->sort < ENTITY_SORT__MAX ? q->sort : ENTITY_SORT_NAME,
	    q->desc ? 1 : 0);
	total = 0;
	for (i = 0; i < idx->n; i++) {
		r = &idx->rows[o[i]];
		if ((hit != NULL && !hit[o[i]]) || !filters_pass(r, q))
			continue;
		if (total >= first && *nout < per_page)
			out[(*nout)++] = r;
		total++;
	}
	free(hit);
	return (total);
}
