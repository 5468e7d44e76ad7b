/*
 * api/inspections.c — on-site inspections over JSON (docs/api.md
 * "Inspections"): record one, show it with its officers, list them.
 */
#include <string.h>

#include "api/api.h"
#include "db/inspections.h"
#include "web/handlers.h"

static const struct api_col inspection_cols[INC__MAX] = { { "id", API_TEXT },
	{ "entity_id", API_TEXT }, { "entity_name", API_TEXT },
	{ "entity_uscc", API_TEXT }, { "entity_address", API_TEXT },
	{ "entity_legal_rep", API_TEXT }, { "clue_id", API_TEXT },
	{ "draw_id", API_TEXT }, { "inspected_on", API_TEXT },
	{ "findings_md", API_TEXT }, { "outcome", API_TEXT },
	{ "version", API_INT }, { "created_at", API_TEXT },
	{ "officer_names", API_TEXT } };

static void
inspection_members(struct json_writer *w, const PGresult *res, int row)
{
	api_row_members(w, res, row, inspection_cols, INC__MAX);
	jw_string(w, "outcome_label",
	    inspection_outcome_label(PQgetvalue(res, row, INC_OUTCOME)));
}

static int
inspection_answer(struct web_ctx *ctx, const char *id, int status)
{
	static const struct api_col officer_cols[] = { { "id", API_TEXT },
		{ "display_name", API_TEXT }, { "cert_no", API_TEXT } };
	PGresult *row, *officers;
	struct json_writer w;
	struct buf b;
	struct db *db;
	enum db_result r;

	if ((db = web_db(ctx)) == NULL)
		return (KORE_RESULT_OK);
	if ((r = db_inspection_get(db, ctx->user.bureau_id, id, &row,
	         &officers)) != DB_OK)
		return (web_db_error(ctx, r, NULL));
	buf_init(&b);
	jw_init(&w, &b);
	jw_object_begin(&w, NULL);
	inspection_members(&w, row, 0);
	(void)api_rows(&w, "officers", officers, officer_cols,
	    (int)GS_NELEM(officer_cols));
	jw_object_end(&w);
	PQclear(row);
	PQclear(officers);
	return (api_send(ctx, status, &b));
}

static const char *const inspection_fields[] = { "entity_id", "clue_id",
	"draw_id", "inspected_on", "inspector_ids", "findings_md", "outcome",
	NULL };

int
serve_api_inspections_create(struct web_ctx *ctx)
{
	const char *ids[INSPECTION_OFFICERS_MAX + 1];
	const struct json_value *body;
	struct inspection_new in;
	struct db_actor a;
	struct verr errs;
	struct db *db;
	char id[40], today[16];
	enum db_result r;

	if ((body = web_json_body(ctx, inspection_fields)) == NULL)
		return (KORE_RESULT_OK);
	verr_init(&errs);
	in.entity_id = api_str(body, "entity_id", &errs);
	in.clue_id = api_str(body, "clue_id", &errs);
	in.draw_id = api_str(body, "draw_id", &errs);
	in.inspected_on = api_str(body, "inspected_on", &errs);
	in.findings_md = api_str(body, "findings_md", &errs);
	in.outcome = api_str(body, "outcome", &errs);
	in.ninspectors =
	    api_str_array(body, "inspector_ids", ids, GS_NELEM(ids), &errs);
	in.inspector_ids = ids;
	if (errs.n > 0)
		return (web_invalid(ctx, &errs));
	if ((db = web_db(ctx)) == NULL)
		return (KORE_RESULT_OK);
	web_today(today);
	a = web_actor(ctx, "inspections.create");
	if ((r = db_inspection_create(db, &a, &in, today, &errs, id)) != DB_OK)
		return (web_db_error(ctx, r, &errs));
	return (inspection_answer(ctx, id, HTTP_STATUS_CREATED));
}

int
serve_api_inspections_show(struct web_ctx *ctx)
{
	return (inspection_answer(ctx, ctx->caps.v[0], HTTP_STATUS_OK));
}

int
serve_api_inspections_list(struct web_ctx *ctx)
{
	struct inspection_filter f;
	const struct form *q;
	struct json_writer w;
	const char *v, *bad;
	struct buf b;
	struct db *db;
	PGresult *res;
	enum db_result r;
	int64_t total = 0;
	gs_date day;
	int row;

	q = web_query(ctx);
	memset(&f, 0, sizeof(f));
	f.entity_id = form_get(q, "entity_id");
	f.clue_id = form_get(q, "clue_id");
	f.on = form_get(q, "on");
	v = form_get(q, "mine");
	if (v != NULL && strcmp(v, "1") == 0)
		f.officer_id = ctx->user.id;
	bad = NULL;
	if (f.entity_id != NULL &&
	    !uuid_valid(f.entity_id, strlen(f.entity_id)))
		bad = "entity_id 格式不正确";
	else if (f.clue_id != NULL && !uuid_valid(f.clue_id, strlen(f.clue_id)))
		bad = "clue_id 格式不正确";
	else if (f.on != NULL && !date_parse(f.on, &day))
		bad = "on 的格式应为 YYYY-MM-DD";
	if (bad != NULL)
		return (web_error(ctx, HTTP_STATUS_UNPROCESSABLE, "validation",
		    bad));
	f.page = (int)web_query_int(ctx, "page", 1, 1000000);
	f.per_page = (int)web_query_int(ctx, "per_page", 50, 200);
	if ((db = web_db(ctx)) == NULL)
		return (KORE_RESULT_OK);
	if ((r = db_inspection_list(db, ctx->user.bureau_id, &f, &res)) !=
	    DB_OK)
		return (web_db_error(ctx, r, NULL));
	buf_init(&b);
	jw_init(&w, &b);
	jw_object_begin(&w, NULL);
	jw_array_begin(&w, "items");
	for (row = 0; row < PQntuples(res); row++) {
		jw_object_begin(&w, NULL);
		inspection_members(&w, res, row);
		jw_object_end(&w);
	}
	jw_array_end(&w);
	if (PQntuples(res) > 0)
		(void)parse_int64(PQgetvalue(res, 0, INC__MAX), &total);
	jw_int(&w, "total", total);
	jw_object_end(&w);
	PQclear(res);
	return (api_send(ctx, HTTP_STATUS_OK, &b));
}
