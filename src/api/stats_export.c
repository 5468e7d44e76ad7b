/*
 * api/stats_export.c — the penalty statistics as files to take away:
 * GET /api/v1/stats/penalties.csv and /api/v1/stats/penalties.xlsx.
 *
 * Same query, same report and same texts as the JSON and the page
 * (stats_request_read, stats_report_load, stats_value_text,
 * stats_change_text), so the three give the same numbers. Long form, one
 * row per group and figure: 分组, 指标, 本期, 上年同期, 同比; the whole
 * range first (分组 合计, every figure in core/stats.c's order), then each
 * group (the figures of the whole range only are not in the groups, and
 * have no year-on-year: their 上年同期 is blank and their 同比 "—").
 * Money is 万元 with two decimals, rounded as the screen rounds it.
 *
 * Both files are written under GS_VAR_DIR/tmp, unlinked and sent from the
 * descriptor (web_send_fd): libxlsxwriter 1.1.4 can only write a named
 * file. Nothing here must ever write a cell as a formula.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "api/stats.h"
#include "core/log.h"
#include "web/handlers.h"

#define EXPORT_TOTAL "合计"
#define EXPORT_SHEET "处罚统计"
#define XLSX_TYPE \
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

static const char *const export_header[] = { "分组", "指标", "本期", "上年同期",
	"同比" };

/* One row of an export, as both writers take it. */
struct export_row {
	const char *group;   /* 合计 or the group's label */
	const char *figure;  /* the figure's label */
	enum stat_unit unit; /* 万元 with two decimals, a percentage, … */
	char cur[48];        /* the number, no thousands separators */
	char prev[48];       /* "" for a figure of the whole range only */
	char change[24];     /* "+12.5%" or "—" */
};

typedef int (*export_sink)(void *, const struct export_row *);

/* v as stats_value_text() writes it, without its thousands separators. */
static void
number_text(enum stat_figure f, int64_t v, char *out, size_t len)
{
	char text[48];
	const char *p;
	size_t o = 0;

	stats_value_text(f, v, text, sizeof(text));
	for (p = text; *p != '\0' && o + 1 < len; p++) {
		if (*p != ',')
			out[o++] = *p;
	}
	out[o] = '\0';
}

static int
rows_of(const char *group, const struct stat_totals *cur,
    const struct stat_totals *prev, int in_group, export_sink sink, void *arg)
{
	const struct stat_figure_def *def;
	struct export_row row;
	int f;

	for (f = 0; f < SF__MAX; f++) {
		def = stat_figure_def((enum stat_figure)f);
		if (in_group && def->whole_range)
			continue;
		memset(&row, 0, sizeof(row));
		row.group = group;
		row.figure = def->label;
		row.unit = def->unit;
		number_text((enum stat_figure)f, cur->v[f], row.cur,
		    sizeof(row.cur));
		if (def->snapshot) {
			(void)snprintf(row.change, sizeof(row.change), "—");
		} else {
			number_text((enum stat_figure)f, prev->v[f], row.prev,
			    sizeof(row.prev));
			stats_change_text(cur->v[f], prev->v[f], row.change,
			    sizeof(row.change));
		}
		if (!sink(arg, &row))
			return (GS_ERROR);
	}
	return (GS_OK);
}

/* Every row of the report, the whole range first, then the groups. */
static int
export_rows(const struct stat_report *r, export_sink sink, void *arg)
{
	size_t i;

	if (!rows_of(EXPORT_TOTAL, &r->total, &r->prev_total, 0, sink, arg))
		return (GS_ERROR);
	for (i = 0; i < r->ngroups; i++) {
		if (!rows_of(r->groups[i].label, &r->groups[i].cur,
		        &r->groups[i].prev, 1, sink, arg))
			return (GS_ERROR);
	}
	return (GS_OK);
}

/* "处罚统计_2026-01-01_2026-12-31.csv" */
static void
export_name(const struct stats_request *q, const char *ext, char *out,
    size_t len)
{
	char f[GS_DATE_STRLEN], t[GS_DATE_STRLEN];

	date_format(q->from, f);
	date_format(q->to, t);
	(void)snprintf(out, len, "%s_%s_%s.%s", EXPORT_SHEET, f, t, ext);
}

/* The query read and the report loaded; GS_ERROR when answered (422, or
 * the database failed). */
static int
export_report(struct web_ctx *ctx, struct stats_request *q,
    struct stat_report *r)
{
	struct verr errs;

	verr_init(&errs);
	if (!stats_request_read(ctx, q, &errs)) {
		(void)web_invalid(ctx, &errs);
		return (GS_ERROR);
	}
	return (stats_report_load(ctx, q, r));
}

static int
export_failed(struct web_ctx *ctx)
{
	return (web_error(ctx, HTTP_STATUS_INTERNAL_ERROR, "internal",
	    "统计报表导出失败"));
}

/* ---- CSV -------------------------------------------------------------- */

/*
 * One field, RFC 4180: quoted when it holds a comma, a quote or a line
 * end. A label a spreadsheet would run as a formula (a squad or township
 * a user named "=...") gets a leading apostrophe (OWASP's advice against
 * CSV injection), so it stays text. Numbers and 同比 are ours: digits, or
 * "+12.5%" / "-3.0%", which a spreadsheet reads as a number.
 */
static void
csv_field(struct buf *b, const char *s, int text)
{
	const char *p;

	if (text &&
	    (*s == '=' || *s == '+' || *s == '-' || *s == '@' || *s == '\t' ||
	        *s == '\r')) {
		buf_putc(b, '"');
		buf_putc(b, '\'');
	} else if (strpbrk(s, ",\"\r\n") != NULL) {
		buf_putc(b, '"');
	} else {
		buf_puts(b, s);
		return;
	}
	for (p = s; *p != '\0'; p++) {
		if (*p == '"')
			buf_putc(b, '"');
		buf_putc(b, *p);
	}
	buf_putc(b, '"');
}

static int
csv_row(void *arg, const struct export_row *row)
{
	struct buf *b = arg;

	csv_field(b, row->group, 1);
	buf_putc(b, ',');
	csv_field(b, row->figure, 1);
	buf_putc(b, ',');
	csv_field(b, row->cur, 0);
	buf_putc(b, ',');
	csv_field(b, row->prev, 0);
	buf_putc(b, ',');
	csv_field(b, row->change, 0);
	buf_puts(b, "\r\n");
	return (GS_OK);
}

static void
csv_write(const struct stat_report *r, struct buf *b)
{
	size_t i;

	/* A byte order mark: Excel then reads the file as UTF-8. */
	buf_puts(b, "\xEF\xBB\xBF");
	for (i = 0; i < GS_NELEM(export_header); i++) {
		if (i > 0)
			buf_putc(b, ',');
		csv_field(b, export_header[i], 1);
	}
	buf_puts(b, "\r\n");
	(void)export_rows(r, csv_row, b);
}

/* GET /api/v1/stats/penalties.csv */
int
serve_api_stats_penalties_csv(struct web_ctx *ctx)
{
	struct stats_request q;
	struct stat_report r;
	struct buf b;
	char name[128], ref[64];
	int fd, ok;

	if (!export_report(ctx, &q, &r))
		return (KORE_RESULT_OK);
	buf_init(&b);
	csv_write(&r, &b);
	stats_free(&r);
	fd = web_spool_file("stats-csv");
	ok = fd != -1 && fd_write_all(fd, b.data, b.len);
	buf_free(&b);
	if (!ok) {
		if (fd != -1)
			(void)close(fd);
		return (export_failed(ctx));
	}
	export_name(&q, "csv", name, sizeof(name));
	(void)snprintf(ref, sizeof(ref), "gs-stats-csv:%s", ctx->request_id);
	return (web_send_fd(ctx, fd, ref, "text/csv; charset=utf-8", name));
}

/* ---- XLSX ------------------------------------------------------------- */

struct xlsx {
	lxw_worksheet *ws;
	lxw_format *money;
	lxw_format *percent;
	lxw_row_t row;
	lxw_error error;
};

/* A number cell from the text the CSV writes, so both say the same (a
 * rate's "12.5%" is the fraction 0.125, shown as a percentage). */
static void
xlsx_number(struct xlsx *x, lxw_col_t col, const char *text,
    enum stat_unit unit)
{
	lxw_format *fmt = NULL;
	double v;
	lxw_error e;

	if (*text == '\0')
		return;
	v = strtod(text, NULL);
	if (unit == SU_FEN)
		fmt = x->money;
	if (unit == SU_PERMILLE) {
		v /= 100;
		fmt = x->percent;
	}
	e = worksheet_write_number(x->ws, x->row, col, v, fmt);
	if (e != LXW_NO_ERROR)
		x->error = e;
}

static void
xlsx_string(struct xlsx *x, lxw_col_t col, const char *s, lxw_format *fmt)
{
	lxw_error e;

	if ((e = worksheet_write_string(x->ws, x->row, col, s, fmt)) !=
	    LXW_NO_ERROR)
		x->error = e;
}

static int
xlsx_row(void *arg, const struct export_row *row)
{
	struct xlsx *x = arg;

	xlsx_string(x, 0, row->group, NULL);
	xlsx_string(x, 1, row->figure, NULL);
	xlsx_number(x, 2, row->cur, row->unit);
	xlsx_number(x, 3, row->prev, row->unit);
	xlsx_string(x, 4, row->change, NULL);
	x->row++;
	return (x->error == LXW_NO_ERROR);
}

/* The workbook of r into the file path; GS_ERROR (logged) on failure. */
static int
xlsx_write(const struct stat_report *r, const char *path, char *tmpdir)
{
	static const double widths[] = { 24, 30, 14, 14, 10 };
	lxw_workbook_options opt;
	lxw_workbook *wb;
	lxw_format *bold;
	struct xlsx x;
	lxw_error e;
	size_t i;

	memset(&opt, 0, sizeof(opt));
	opt.tmpdir = tmpdir;
	if ((wb = workbook_new_opt(path, &opt)) == NULL) {
		gs_log(LOG_LEVEL_ERROR, "%s: cannot create %s", __func__, path);
		return (GS_ERROR);
	}
	memset(&x, 0, sizeof(x));
	x.error = LXW_NO_ERROR;
	x.ws = workbook_add_worksheet(wb, EXPORT_SHEET);
	bold = workbook_add_format(wb);
	x.money = workbook_add_format(wb);
	x.percent = workbook_add_format(wb);
	if (x.ws == NULL || bold == NULL || x.money == NULL ||
	    x.percent == NULL) {
		x.error = LXW_ERROR_MEMORY_MALLOC_FAILED;
	} else {
		format_set_bold(bold);
		format_set_num_format(x.money, "0.00");
		format_set_num_format(x.percent, "0.0%");
		for (i = 0; i < GS_NELEM(widths); i++)
			(void)worksheet_set_column(x.ws, (lxw_col_t)i,
			    (lxw_col_t)i, widths[i], NULL);
		for (i = 0; i < GS_NELEM(export_header); i++)
			xlsx_string(&x, (lxw_col_t)i, export_header[i], bold);
		worksheet_freeze_panes(x.ws, 1, 0);
		x.row = 1;
		(void)export_rows(r, xlsx_row, &x);
	}
	/* Closing writes the file and frees the workbook, whatever came
	 * before. */
	e = workbook_close(wb);
	if (x.error != LXW_NO_ERROR || e != LXW_NO_ERROR) {
		gs_log(LOG_LEVEL_ERROR, "%s: %s", __func__,
		    lxw_strerror(x.error != LXW_NO_ERROR ? x.error : e));
		return (GS_ERROR);
	}
	return (GS_OK);
}

/* The workbook written to a unique file under GS_VAR_DIR/tmp, opened and
 * unlinked; -1 (logged) on failure. */
static int
xlsx_file(const struct stat_report *r)
{
	char tmpdir[1024], path[1100];
	int fd;

	(void)snprintf(tmpdir, sizeof(tmpdir), "%s/tmp", web_settings.var_dir);
	(void)snprintf(path, sizeof(path), "%s/stats-xlsx.XXXXXX", tmpdir);
	/* A name of our own; libxlsxwriter opens it again by name. */
	if ((fd = mkstemp(path)) == -1) {
		gs_log(LOG_LEVEL_ERROR, "%s: %s: %s", __func__, path,
		    strerror(errno));
		return (-1);
	}
	(void)close(fd);
	if (!xlsx_write(r, path, tmpdir))
		fd = -1;
	else if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		gs_log(LOG_LEVEL_ERROR, "%s: %s: %s", __func__, path,
		    strerror(errno));
	(void)unlink(path); /* gone with the descriptor */
	return (fd);
}

/* GET /api/v1/stats/penalties.xlsx */
int
serve_api_stats_penalties_xlsx(struct web_ctx *ctx)
{
	struct stats_request q;
	struct stat_report r;
	char name[128], ref[64];
	int fd;

	if (!export_report(ctx, &q, &r))
		return (KORE_RESULT_OK);
	fd = xlsx_file(&r);
	stats_free(&r);
	if (fd == -1)
		return (export_failed(ctx));
	export_name(&q, "xlsx", name, sizeof(name));
	(void)snprintf(ref, sizeof(ref), "gs-stats-xlsx:%s", ctx->request_id);
	return (web_send_fd(ctx, fd, ref, XLSX_TYPE, name));
}
