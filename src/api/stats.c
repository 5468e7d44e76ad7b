/*
 * api/stats.c — the penalty statistics over JSON (shared api.md
 * "Statistics", docs/api.md): GET /api/v1/stats/penalties. The CSV and
 * XLSX exports and the page read the same report (stats_request_read,
 * db_stats_penalties), so all three give the same numbers.
 */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "api/stats.h"
#include "db/stats.h"
#include "web/handlers.h"

/* The longest range a request may ask for, in days: ten years. */
#define STATS_RANGE_MAX_DAYS 3660

int
stats_request_read(struct web_ctx *ctx, struct stats_request *q,
    struct verr *errs)
{
	const struct form *f = web_query(ctx);
	const char *from, *to, *by;
	char today[16];
	int y, m, d;

	memset(q, 0, sizeof(q[0]));
	web_today(today);
	(void)date_parse(today, &q->today);
	from = form_get(f, "from");
	to = form_get(f, "to");
	by = form_get(f, "group_by");
	/* This year so far unless told. */
	date_to_ymd(q->today, &y, &m, &d);
	q->from = date_from_ymd(y, 1, 1);
	q->to = q->today;
	if (from != NULL && *from != '\0' && !date_parse(from, &q->from))
		verr_add(errs, "from", "起始日期的格式应为 YYYY-MM-DD");
	if (to != NULL && *to != '\0' && !date_parse(to, &q->to))
		verr_add(errs, "to", "截止日期的格式应为 YYYY-MM-DD");
	q->by = SG_NONE;
	if (by != NULL && *by != '\0' &&
	    (q->by = stat_group_by_from(by)) == SG__MAX) {
		q->by = SG_NONE;
		verr_add(errs, "group_by",
		    "分组只能是 squad、township、industry、source、month 或 "
		    "none");
	}
	if (errs->n == 0 && q->to < q->from)
		verr_add(errs, "to", "截止日期不能早于起始日期");
	if (errs->n == 0 && q->to - q->from >= STATS_RANGE_MAX_DAYS)
		verr_add(errs, "to", "统计期间最长十年");
	return (errs->n == 0);
}

int
stats_report_load(struct web_ctx *ctx, const struct stats_request *q,
    struct stat_report *r)
{
	struct db *db;
	enum db_result e;

	if ((db = web_db(ctx)) == NULL)
		return (GS_ERROR);
	if ((e = db_stats_penalties(db, web_db_second(ctx), ctx->user.bureau_id,
	         q->from, q->to, q->by, q->today, r)) != DB_OK) {
		(void)web_db_error(ctx, e, NULL);
		return (GS_ERROR);
	}
	return (GS_OK);
}

/* The figures of prefix ("clues.") as an object keyed by what follows. */
static void
sub_figures(struct json_writer *w, const char *key, const char *prefix,
    const struct stat_totals *t)
{
	const struct stat_figure_def *def;
	size_t n = strlen(prefix);
	int f;

	jw_object_begin(w, key);
	for (f = 0; f < SF__MAX; f++) {
		def = stat_figure_def(f);
		if (strncmp(def->code, prefix, n) == 0)
			jw_int(w, def->code + n, t->v[f]);
	}
	jw_object_end(w);
}

/* Every figure: the plain ones flat, the families as objects. */
static void
totals_write(struct json_writer *w, const char *key,
    const struct stat_totals *t)
{
	const struct stat_figure_def *def;
	int f;

	jw_object_begin(w, key);
	for (f = 0; f < SF__MAX; f++) {
		def = stat_figure_def(f);
		if (strchr(def->code, '.') == NULL)
			jw_int(w, def->code, t->v[f]);
	}
	sub_figures(w, "clues_by_source", "clues.", t);
	sub_figures(w, "no_penalty_by_reason", "no_penalty.", t);
	sub_figures(w, "credit_grades", "credit.", t);
	jw_object_end(w);
}

/* The change of every figure that has one, in per mille (null: no
 * base): in a group, only of the figures that have groups. */
static void
change_write(struct json_writer *w, const struct stat_totals *cur,
    const struct stat_totals *prev, int in_group)
{
	const struct stat_figure_def *def;
	int64_t pm;
	int f;

	jw_object_begin(w, "change_permille");
	for (f = 0; f < SF__MAX; f++) {
		def = stat_figure_def(f);
		if (def->snapshot || (in_group && def->whole_range))
			continue;
		if (stats_change_permille(cur->v[f], prev->v[f], &pm))
			jw_int(w, def->code, pm);
		else
			jw_null(w, def->code);
	}
	jw_object_end(w);
}

void
stats_json(struct json_writer *w, const struct stat_report *r)
{
	const struct stat_group *g;
	size_t i;

	jw_object_begin(w, NULL);
	jw_date(w, "from", r->from);
	jw_date(w, "to", r->to);
	jw_string(w, "group_by", stat_group_by_code(r->by));
	totals_write(w, "totals", &r->total);
	jw_object_begin(w, "previous");
	jw_date(w, "from", r->prev_from);
	jw_date(w, "to", r->prev_to);
	totals_write(w, "totals", &r->prev_total);
	jw_object_end(w);
	change_write(w, &r->total, &r->prev_total, 0);
	jw_array_begin(w, "groups");
	for (i = 0; i < r->ngroups; i++) {
		g = &r->groups[i];
		jw_object_begin(w, NULL);
		jw_string(w, "key", g->key);
		jw_string(w, "label", g->label);
		totals_write(w, "totals", &g->cur);
		jw_object_begin(w, "previous");
		totals_write(w, "totals", &g->prev);
		jw_object_end(w);
		change_write(w, &g->cur, &g->prev, 1);
		jw_object_end(w);
	}
	jw_array_end(w);
	jw_bool(w, "truncated", r->truncated);
	jw_object_end(w);
}

int
serve_api_stats_penalties(struct web_ctx *ctx)
{
	struct stats_request q;
	struct stat_report r;
	struct json_writer w;
	struct verr errs;
	struct buf b;

	verr_init(&errs);
	if (!stats_request_read(ctx, &q, &errs))
		return (web_invalid(ctx, &errs));
	if (!stats_report_load(ctx, &q, &r))
		return (KORE_RESULT_OK);
	buf_init(&b);
	jw_init(&w, &b);
	stats_json(&w, &r);
	stats_free(&r);
	return (api_send(ctx, HTTP_STATUS_OK, &b));
}
