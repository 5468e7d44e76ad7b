/*
 * pages/disclosure.c — the public disclosure of penalty decisions (no
 * sign-in), as a page and as JSON for the provincial platform. Which
 * fields are public is decided in the database, by gs_disclosures()
 * (migration 0006), the only way this face reaches case rows.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "pages/pages.h"
#include "web/handlers.h"

#define DISCLOSURE_PER_PAGE 50

enum {
	DC_BUREAU,
	DC_NO,
	DC_DECIDED,
	DC_PUBLISHED,
	DC_PARTY,
	DC_USCC,
	DC_VIOLATION,
	DC_BASIS,
	DC_FINE,
	DC_OTHERS,
	DC_TOTAL
};

static int
bureau_code_valid(const char *s)
{
	size_t n = strlen(s);

	return (n >= 2 && n <= 32 &&
	    strspn(s,
	        "abcdefghijklmnopqrstuvwxyz"
	        "0123456789-") == n);
}

/* "罚款 150,000.00 元；警告" from the fine and the other penalties. */
static void
penalty_text(const PGresult *res, int row, struct buf *out)
{
	int64_t fen;
	char yuan[32];

	if (parse_int64(PQgetvalue(res, row, DC_FINE), &fen) && fen > 0) {
		money_format_yuan(fen, yuan, sizeof(yuan));
		buf_printf(out, "罚款 %s 元", yuan);
	}
	case_other_penalties_text(case_other_penalties_from_pg(
	                              PQgetvalue(res, row, DC_OTHERS)),
	    "；", out);
}

/* The page of disclosures; 0 when the request was answered (bad code). */
static int
disclosures(struct web_ctx *ctx, int64_t page, PGresult **res)
{
	char limit[16], offset[24];
	struct db *db;
	enum db_result r;

	if (!bureau_code_valid(ctx->caps.v[0])) {
		(void)web_error(ctx, HTTP_STATUS_NOT_FOUND, "not_found",
		    "没有这个执法机关");
		return (0);
	}
	if ((db = web_db(ctx)) == NULL)
		return (0);
	(void)snprintf(limit, sizeof(limit), "%d", DISCLOSURE_PER_PAGE);
	(void)snprintf(offset, sizeof(offset), "%" PRId64,
	    (page - 1) * DISCLOSURE_PER_PAGE);
	if ((r = DB_QUERY(db, SQL_DISCLOSURES, res, ctx->caps.v[0], limit,
	         offset)) != DB_OK) {
		(void)web_db_error(ctx, r, NULL);
		return (0);
	}
	return (1);
}

static int64_t
total_of(const PGresult *res)
{
	int64_t n = 0;

	if (PQntuples(res) > 0)
		(void)parse_int64(PQgetvalue(res, 0, DC_TOTAL), &n);
	return (n);
}

static void
page_url(struct buf *b, const void *arg, int64_t n)
{
	buf_printf(b, "/disclosure/%s?page=%" PRId64, (const char *)arg, n);
}

int
serve_disclosure(struct web_ctx *ctx)
{
	struct tdata *d, *row;
	struct tlist *rows;
	PGresult *res;
	struct buf pen;
	int64_t page, total;
	int i;

	page = web_query_int(ctx, "page", 1, 100000);
	if (!disclosures(ctx, page, &res))
		return (KORE_RESULT_OK);
	d = web_page(ctx);
	tdata_text(d, "title", "行政处罚决定公示");
	total = total_of(res);
	if (PQntuples(res) > 0)
		tdata_text(d, "bureau", PQgetvalue(res, 0, DC_BUREAU));
	rows = tdata_list(d, "rows");
	for (i = 0; i < PQntuples(res); i++) {
		row = tlist_add(rows);
		tdata_text(row, "decision_no", PQgetvalue(res, i, DC_NO));
		tdata_text(row, "decided_on", PQgetvalue(res, i, DC_DECIDED));
		tdata_text(row, "published_on",
		    PQgetvalue(res, i, DC_PUBLISHED));
		tdata_text(row, "party", PQgetvalue(res, i, DC_PARTY));
		if (!PQgetisnull(res, i, DC_USCC))
			tdata_text(row, "uscc", PQgetvalue(res, i, DC_USCC));
		tdata_text(row, "violation", PQgetvalue(res, i, DC_VIOLATION));
		tdata_text(row, "legal_basis", PQgetvalue(res, i, DC_BASIS));
		buf_init(&pen);
		penalty_text(res, i, &pen);
		tdata_text(row, "penalty", pen.data != NULL ? pen.data : "");
		buf_free(&pen);
	}
	tdata_bool(d, "empty", PQntuples(res) == 0);
	tdata_int(d, "total", total);
	pager_add(d, page,
	    total == 0 ?
	        1 :
	        (total + DISCLOSURE_PER_PAGE - 1) / DISCLOSURE_PER_PAGE,
	    page_url, ctx->caps.v[0]);
	PQclear(res);
	return (web_render(ctx, HTTP_STATUS_OK, "pages/disclosure"));
}

int
serve_api_disclosure(struct web_ctx *ctx)
{
	static const struct api_col cols[] = { { "bureau", API_TEXT },
		{ "decision_no", API_TEXT }, { "decided_on", API_TEXT },
		{ "published_on", API_TEXT }, { "party", API_TEXT },
		{ "uscc", API_TEXT }, { "violation", API_TEXT },
		{ "legal_basis", API_TEXT }, { "fine_fen", API_INT } };
	struct json_writer w;
	PGresult *res;
	struct buf b, pen;
	int i;

	if (!disclosures(ctx, web_query_int(ctx, "page", 1, 100000), &res))
		return (KORE_RESULT_OK);
	buf_init(&b);
	jw_init(&w, &b);
	jw_object_begin(&w, NULL);
	jw_array_begin(&w, "items");
	for (i = 0; i < PQntuples(res); i++) {
		jw_object_begin(&w, NULL);
		api_row_members(&w, res, i, cols, (int)GS_NELEM(cols));
		buf_init(&pen);
		penalty_text(res, i, &pen);
		jw_string(&w, "penalty", pen.data != NULL ? pen.data : "");
		buf_free(&pen);
		jw_object_end(&w);
	}
	jw_array_end(&w);
	jw_int(&w, "total", total_of(res));
	jw_object_end(&w);
	PQclear(res);
	return (api_send(ctx, HTTP_STATUS_OK, &b));
}
