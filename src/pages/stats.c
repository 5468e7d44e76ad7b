/*
 * pages/stats.c — the penalty statistics for management (domain.md
 * section 8): GET /stats, the figures of a date range with the same range
 * a year earlier, per group; GET /stats/monthly, the printable monthly
 * report (A4, templates/print/stats_monthly.html).
 *
 * The page reads its query and its report exactly as the JSON API and the
 * exports do (api/stats.h), and writes every number with
 * stats_value_text / stats_change_text, so the screen, the JSON, the CSV
 * and the workbook agree. Everything is rendered on the server; the
 * charts (assets/js/stats.js with the vendored ECharts) only draw what the
 * JSON API answers for the URLs the page hands them in data-src.
 */
#include <stdio.h>
#include <string.h>

#include "api/stats.h"
#include "pages/pages.h"
#include "web/assets.h"
#include "web/handlers.h"

/* The figures shown as cards at the top of the page. */
static const enum stat_figure card_figures[] = { SF_CASES_FILED,
	SF_PENALTY_DECISIONS, SF_FINES_FEN, SF_SUPPORTING_MEASURE_CASES,
	SF_DETENTION_TRANSFER_CASES, SF_CRIMINAL_TRANSFER_CASES,
	SF_PERSONS_DETAINED, SF_PERSONS_COERCIVE };

/* The columns of the table of groups. */
static const enum stat_figure group_figures[] = { SF_CASES_FILED,
	SF_PENALTY_DECISIONS, SF_FINES_FEN, SF_PAID_FEN,
	SF_SUPPORTING_MEASURE_CASES, SF_DETENTION_TRANSFER_CASES,
	SF_CRIMINAL_TRANSFER_CASES, SF_CLUES };

/* "up", "down" or "flat" for the colour of a change; "none" without a
 * base to compare with. */
static const char *
change_class(int64_t cur, int64_t prev)
{
	int64_t pm;

	if (!stats_change_permille(cur, prev, &pm))
		return ("none");
	return (pm > 0 ? "up" : pm < 0 ? "down" : "flat");
}

/* value, prev, change and change_class of figure f into d. */
static void
figure_values(struct tdata *d, enum stat_figure f,
    const struct stat_totals *cur, const struct stat_totals *prev)
{
	char text[48];

	stats_value_text(f, cur->v[f], text, sizeof(text));
	tdata_text(d, "value", text);
	if (stat_figure_def(f)->snapshot) {
		tdata_text(d, "prev", "—");
		tdata_text(d, "change", "—");
		tdata_text(d, "change_class", "none");
		return;
	}
	stats_value_text(f, prev->v[f], text, sizeof(text));
	tdata_text(d, "prev", text);
	stats_change_text(cur->v[f], prev->v[f], text, sizeof(text));
	tdata_text(d, "change", text);
	tdata_text(d, "change_class", change_class(cur->v[f], prev->v[f]));
}

/* The page's query as a URL: path with from, to and group_by. */
static void
query_url(struct buf *b, const char *path, const struct stats_request *q,
    enum stat_group_by by)
{
	char f[GS_DATE_STRLEN], t[GS_DATE_STRLEN];

	date_format(q->from, f);
	date_format(q->to, t);
	buf_reset(b);
	buf_puts(b, path);
	url_param(b, "from", f);
	url_param(b, "to", t);
	if (by != SG_NONE)
		url_param(b, "group_by", stat_group_by_code(by));
}

static void
tdata_query_url(struct tdata *d, const char *key, const char *path,
    const struct stats_request *q, enum stat_group_by by)
{
	struct buf b;

	buf_init(&b);
	query_url(&b, path, q, by);
	tdata_url(d, key, b.data);
	buf_free(&b);
}

/* The form: what was asked (as typed when it was refused). */
static void
stats_form(struct web_ctx *ctx, struct tdata *d, const struct stats_request *q,
    int valid)
{
	const struct form *f = web_query(ctx);
	char from[GS_DATE_STRLEN], to[GS_DATE_STRLEN];
	const char *by;
	struct tlist *l;
	int g;

	date_format(q->from, from);
	date_format(q->to, to);
	by = form_get(f, "group_by");
	if (valid || by == NULL)
		by = stat_group_by_code(q->by);
	tdata_text(d, "from",
	    valid || form_get(f, "from") == NULL ? from : form_get(f, "from"));
	tdata_text(d, "to",
	    valid || form_get(f, "to") == NULL ? to : form_get(f, "to"));
	l = tdata_list(d, "groupings");
	for (g = 0; g < SG__MAX; g++)
		option_pick(l, stat_group_by_code((enum stat_group_by)g),
		    stat_group_by_label((enum stat_group_by)g), by);
}

static void
stats_cards(struct tdata *d, const struct stat_report *r)
{
	struct tlist *l;
	struct tdata *c;
	size_t i;

	l = tdata_list(d, "cards");
	for (i = 0; i < GS_NELEM(card_figures); i++) {
		c = tlist_add(l);
		tdata_text(c, "label", stat_figure_def(card_figures[i])->label);
		figure_values(c, card_figures[i], &r->total, &r->prev_total);
	}
}

static void
stats_figures(struct tdata *d, const struct stat_report *r)
{
	struct tlist *l;
	struct tdata *row;
	int f;

	l = tdata_list(d, "figures");
	for (f = 0; f < SF__MAX; f++) {
		row = tlist_add(l);
		tdata_text(row, "label",
		    stat_figure_def((enum stat_figure)f)->label);
		tdata_text(row, "code",
		    stat_figure_def((enum stat_figure)f)->code);
		figure_values(row, (enum stat_figure)f, &r->total,
		    &r->prev_total);
	}
}

static void
stats_groups(struct tdata *d, const struct stat_report *r)
{
	struct tlist *cols, *rows, *cells;
	struct tdata *row;
	size_t i, j;

	tdata_bool(d, "grouped", r->by != SG_NONE);
	tdata_text(d, "group_title", stat_group_by_label(r->by));
	tdata_bool(d, "truncated", r->truncated);
	tdata_bool(d, "no_groups", r->ngroups == 0);
	cols = tdata_list(d, "group_cols");
	for (j = 0; j < GS_NELEM(group_figures); j++)
		tdata_text(tlist_add(cols), "label",
		    stat_figure_def(group_figures[j])->label);
	rows = tdata_list(d, "groups");
	for (i = 0; i < r->ngroups; i++) {
		row = tlist_add(rows);
		tdata_text(row, "label", r->groups[i].label);
		cells = tdata_list(row, "cells");
		for (j = 0; j < GS_NELEM(group_figures); j++)
			figure_values(tlist_add(cells), group_figures[j],
			    &r->groups[i].cur, &r->groups[i].prev);
	}
}

/* Links: the exports, the monthly report of 截止日期's month, the charts'
 * JSON. */
static void
stats_links(struct tdata *d, const struct stats_request *q)
{
	int y, m, day;

	tdata_query_url(d, "csv_url", "/api/v1/stats/penalties.csv", q, q->by);
	tdata_query_url(d, "xlsx_url", "/api/v1/stats/penalties.xlsx", q,
	    q->by);
	tdata_query_url(d, "trend_src", "/api/v1/stats/penalties", q, SG_MONTH);
	tdata_query_url(d, "breakdown_src", "/api/v1/stats/penalties", q,
	    q->by);
	date_to_ymd(q->to, &y, &m, &day);
	tdata_textf(d, "month", "%04d-%02d", y, m);
	tdata_textf(d, "month_label", "%d年%d月", y, m);
	url_setf(d, "monthly_url", "/stats/monthly?month=%04d-%02d", y, m);
}

/* GET /stats */
int
serve_stats(struct web_ctx *ctx)
{
	struct stats_request q;
	struct stat_report r;
	struct verr errs;
	struct tdata *d;
	char f[GS_DATE_STRLEN], t[GS_DATE_STRLEN];

	verr_init(&errs);
	if (!stats_request_read(ctx, &q, &errs)) {
		d = web_page(ctx);
		tdata_text(d, "title", "处罚统计");
		tdata_text(d, "filter_error", errs.items[0].message);
		stats_form(ctx, d, &q, 0);
		return (
		    web_render(ctx, HTTP_STATUS_UNPROCESSABLE, "pages/stats"));
	}
	if (!stats_report_load(ctx, &q, &r))
		return (KORE_RESULT_OK);
	d = web_page(ctx);
	tdata_text(d, "title", "处罚统计");
	stats_form(ctx, d, &q, 1);
	tdata_url(d, "echarts_url", assets_url("vendor/echarts.min.js"));
	tdata_url(d, "stats_js_url", assets_url("js/stats.js"));
	date_format(r.from, f);
	date_format(r.to, t);
	tdata_textf(d, "period", "%s 至 %s", f, t);
	date_format(r.prev_from, f);
	date_format(r.prev_to, t);
	tdata_textf(d, "prev_period", "%s 至 %s", f, t);
	tdata_bool(d, "report", 1);
	stats_cards(d, &r);
	stats_figures(d, &r);
	stats_groups(d, &r);
	stats_links(d, &q);
	stats_free(&r);
	return (web_render(ctx, HTTP_STATUS_OK, "pages/stats"));
}

/* ---- the monthly report ----------------------------------------------- */

/* month=YYYY-MM into its first day; last month when absent. */
static int
month_read(struct web_ctx *ctx, gs_date today, gs_date *first)
{
	const char *s = form_get(web_query(ctx), "month");
	int y, m, d;

	if (s == NULL || *s == '\0') {
		date_to_ymd(today, &y, &m, &d);
		*first = date_add_months(date_from_ymd(y, m, 1), -1);
		return (GS_OK);
	}
	if (strlen(s) != 7 || s[4] != '-' || strspn(s, "0123456789") != 4 ||
	    strspn(s + 5, "0123456789") != 2)
		return (GS_ERROR);
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	if (y < 1990 || y > 2200 || m < 1 || m > 12)
		return (GS_ERROR);
	*first = date_from_ymd(y, m, 1);
	return (GS_OK);
}

/* "2026年3月1日至2026年3月31日" */
static void
period_cn(struct tdata *d, const char *key, gs_date from, gs_date to)
{
	char f[32], t[32];

	date_cn(from, f);
	date_cn(to, t);
	tdata_textf(d, key, "%s至%s", f, t);
}

static void
monthly_rows(struct tdata *d, const struct stat_report *month,
    const struct stat_report *ytd)
{
	struct tdata *row, *cell;
	struct tlist *l;
	int f;

	l = tdata_list(d, "rows");
	for (f = 0; f < SF__MAX; f++) {
		row = tlist_add(l);
		tdata_text(row, "label",
		    stat_figure_def((enum stat_figure)f)->label);
		cell = tdata_map(row, "month");
		figure_values(cell, (enum stat_figure)f, &month->total,
		    &month->prev_total);
		cell = tdata_map(row, "ytd");
		figure_values(cell, (enum stat_figure)f, &ytd->total,
		    &ytd->prev_total);
	}
}

static void
monthly_fill(struct web_ctx *ctx, struct tdata *d, const struct stat_report *m,
    const struct stat_report *ytd, gs_date today)
{
	char made[32];
	int y, mo, day;

	date_to_ymd(m->from, &y, &mo, &day);
	tdata_textf(d, "title", "行政处罚统计月报（%d年%d月）", y, mo);
	tdata_text(d, "bureau", ctx->user.bureau_name);
	tdata_textf(d, "month_label", "%d年%d月", y, mo);
	tdata_textf(d, "prev_month_label", "%d年%d月", y - 1, mo);
	period_cn(d, "period", m->from, m->to);
	period_cn(d, "prev_period", m->prev_from, m->prev_to);
	period_cn(d, "ytd_period", ytd->from, ytd->to);
	period_cn(d, "prev_ytd_period", ytd->prev_from, ytd->prev_to);
	date_cn(today, made);
	tdata_text(d, "made_on", made);
	monthly_rows(d, m, ytd);
}

/* GET /stats/monthly?month=YYYY-MM */
int
serve_stats_monthly(struct web_ctx *ctx)
{
	struct stats_request q;
	struct stat_report month, ytd;
	struct verr errs;
	struct tdata *d;
	struct buf out;
	char today[16];
	int y, m, day, ok;

	memset(&q, 0, sizeof(q));
	web_today(today);
	(void)date_parse(today, &q.today);
	q.by = SG_NONE;
	if (!month_read(ctx, q.today, &q.from)) {
		verr_init(&errs);
		verr_add(&errs, "month", "月份的格式应为 YYYY-MM");
		return (web_invalid(ctx, &errs));
	}
	q.to = date_month_end(q.from);
	if (!stats_report_load(ctx, &q, &month))
		return (KORE_RESULT_OK);
	date_to_ymd(q.from, &y, &m, &day);
	q.from = date_from_ymd(y, 1, 1);
	if (!stats_report_load(ctx, &q, &ytd)) {
		stats_free(&month);
		return (KORE_RESULT_OK);
	}
	d = tdata_new();
	tdata_url(d, "css_url", assets_url("css/print.css"));
	monthly_fill(ctx, d, &month, &ytd, q.today);
	buf_init(&out);
	ok = print_render("print/stats_monthly", d, &out) == GS_OK;
	tdata_free(d);
	stats_free(&month);
	stats_free(&ytd);
	if (!ok) {
		buf_free(&out);
		return (web_error(ctx, HTTP_STATUS_INTERNAL_ERROR, "internal",
		    "月报渲染失败"));
	}
	return (web_html(ctx, HTTP_STATUS_OK, &out));
}
