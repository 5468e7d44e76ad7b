/*
 * api/clues.c — clues over JSON (docs/api.md "Clues"): register, list
 * (open, overdue, by source, squad or assignee, searched), show, assign,
 * record the outcome. Each clue carries its filing-decision clock.
 */
#include <string.h>

#include "api/api.h"
#include "db/clues.h"
#include "web/handlers.h"

static const struct api_col clue_cols[CLC__MAX] = { { "id", API_TEXT },
	{ "source", API_TEXT }, { "entity_id", API_TEXT },
	{ "entity_name", API_TEXT }, { "received_on", API_TEXT },
	{ "summary", API_TEXT }, { "squad_id", API_TEXT },
	{ "squad_name", API_TEXT }, { "assignee_id", API_TEXT },
	{ "assignee_name", API_TEXT }, { "outcome", API_TEXT },
	{ "outcome_on", API_TEXT }, { "outcome_note", API_TEXT },
	{ "filing_due_on", API_TEXT }, { "version", API_INT },
	{ "created_at", API_TEXT } };

/* One clue with its labels and the status of its filing clock. */
static void
clue_write(struct json_writer *w, const PGresult *res, int row,
    const struct clue_clock *clock)
{
	jw_object_begin(w, NULL);
	api_row_members(w, res, row, clue_cols, CLC__MAX);
	jw_string(w, "source_label",
	    clue_source_label(PQgetvalue(res, row, CLC_SOURCE)));
	jw_string(w, "outcome_label",
	    clue_outcome_label(PQgetvalue(res, row, CLC_OUTCOME)));
	jw_string(w, "filing_status",
	    deadline_status_code(clue_status(clock, res, row)));
	jw_object_end(w);
}

/* Answers with the rows of res as one clue or a page of them. */
static int
clues_answer(struct web_ctx *ctx, struct db *db, PGresult *res, int list,
    int status)
{
	struct clue_clock clock;
	struct json_writer w;
	struct buf b;
	char today[16];
	enum db_result r;
	int64_t total = 0;
	int row;

	web_today(today);
	if ((r = db_clue_clock_load(db, ctx->user.bureau_id, today, &clock)) !=
	    DB_OK) {
		PQclear(res);
		return (web_db_error(ctx, r, NULL));
	}
	buf_init(&b);
	jw_init(&w, &b);
	if (list) {
		jw_object_begin(&w, NULL);
		jw_array_begin(&w, "items");
	}
	for (row = 0; row < PQntuples(res); row++)
		clue_write(&w, res, row, &clock);
	if (list) {
		jw_array_end(&w);
		if (PQntuples(res) > 0)
			(void)parse_int64(PQgetvalue(res, 0, CLC__MAX), &total);
		jw_int(&w, "total", total);
		jw_object_end(&w);
	}
	clue_clock_free(&clock);
	PQclear(res);
	return (api_send(ctx, status, &b));
}

static int
clue_answer(struct web_ctx *ctx, const char *id, int status)
{
	PGresult *res;
	struct db *db;
	enum db_result r;

	if ((db = web_db(ctx)) == NULL)
		return (KORE_RESULT_OK);
	if ((r = db_clue_get(db, ctx->user.bureau_id, id, &res)) != DB_OK)
		return (web_db_error(ctx, r, NULL));
	return (clues_answer(ctx, db, res, 0, status));
}

static const char *const clue_fields[] = { "source", "entity_id", "entity_name",
	"received_on", "summary", "squad_id", "assignee_id", NULL };

int
serve_api_clues_create(struct web_ctx *ctx)
{
	const struct json_value *body;
	struct clue_new in;
	struct db_actor a;
	struct verr errs;
	struct db *db;
	char id[40], today[16];
	enum db_result r;

	if ((body = web_json_body(ctx, clue_fields)) == NULL)
		return (KORE_RESULT_OK);
	verr_init(&errs);
	in.source = api_str(body, "source", &errs);
	in.entity_id = api_str(body, "entity_id", &errs);
	in.entity_name = api_str(body, "entity_name", &errs);
	in.received_on = api_str(body, "received_on", &errs);
	in.summary = api_str(body, "summary", &errs);
	in.squad_id = api_str(body, "squad_id", &errs);
	in.assignee_id = api_str(body, "assignee_id", &errs);
	if (errs.n > 0)
		return (web_invalid(ctx, &errs));
	if ((db = web_db(ctx)) == NULL)
		return (KORE_RESULT_OK);
	web_today(today);
	a = web_actor(ctx, "clues.create");
	if ((r = db_clue_create(db, &a, &in, today, &errs, id)) != DB_OK)
		return (web_db_error(ctx, r, &errs));
	return (clue_answer(ctx, id, HTTP_STATUS_CREATED));
}

int
serve_api_clues_show(struct web_ctx *ctx)
{
	return (clue_answer(ctx, ctx->caps.v[0], HTTP_STATUS_OK));
}

/* A query parameter that must be a uuid; 0 (answered) when it is not. */
static int
query_uuid(struct web_ctx *ctx, const char *name, const char **out)
{
	*out = form_get(web_query(ctx), name);
	if (*out != NULL && !uuid_valid(*out, strlen(*out))) {
		(void)web_error(ctx, HTTP_STATUS_UNPROCESSABLE, "validation",
		    "查询参数格式不正确");
		return (0);
	}
	return (1);
}

int
serve_api_clues_list(struct web_ctx *ctx)
{
	struct clue_filter f;
	const struct form *q;
	const char *v;
	PGresult *res;
	struct db *db;
	char today[16];
	enum db_result r;

	q = web_query(ctx);
	memset(&f, 0, sizeof(f));
	v = form_get(q, "open");
	f.open = v != NULL && strcmp(v, "1") == 0;
	v = form_get(q, "overdue");
	f.overdue = v != NULL && strcmp(v, "1") == 0;
	f.source = form_get(q, "source");
	f.q = form_get(q, "q");
	v = form_get(q, "mine");
	if (v != NULL && strcmp(v, "1") == 0)
		f.assignee_id = ctx->user.id;
	if (!query_uuid(ctx, "squad_id", &f.squad_id))
		return (KORE_RESULT_OK);
	f.page = (int)web_query_int(ctx, "page", 1, 1000000);
	f.per_page = (int)web_query_int(ctx, "per_page", 50, 200);
	if ((db = web_db(ctx)) == NULL)
		return (KORE_RESULT_OK);
	web_today(today);
	if ((r = db_clue_list(db, ctx->user.bureau_id, &f, today, &res)) !=
	    DB_OK)
		return (web_db_error(ctx, r, NULL));
	return (clues_answer(ctx, db, res, 1, HTTP_STATUS_OK));
}

static const char *const assign_fields[] = { "version", "squad_id",
	"assignee_id", NULL };
static const char *const outcome_fields[] = { "version", "outcome",
	"outcome_on", "note", NULL };

/* The body of a clue update with its required version; NULL if answered. */
static const struct json_value *
update_body(struct web_ctx *ctx, const char *const *fields, int64_t *version,
    struct verr *errs)
{
	const struct json_value *body;
	int present;

	if ((body = web_json_body(ctx, fields)) == NULL)
		return (NULL);
	verr_init(errs);
	(void)api_int(body, "version", version, &present, errs);
	if (!present && errs->n == 0)
		verr_add(errs, "version", "请提供线索的当前版本号 version");
	return (body);
}

int
serve_api_clues_assign(struct web_ctx *ctx)
{
	const struct json_value *body;
	const char *squad, *assignee;
	struct db_actor a;
	struct verr errs;
	struct db *db;
	int64_t version;
	enum db_result r;

	if ((body = update_body(ctx, assign_fields, &version, &errs)) == NULL)
		return (KORE_RESULT_OK);
	squad = api_str(body, "squad_id", &errs);
	assignee = api_str(body, "assignee_id", &errs);
	if (errs.n > 0)
		return (web_invalid(ctx, &errs));
	if ((db = web_db(ctx)) == NULL)
		return (KORE_RESULT_OK);
	a = web_actor(ctx, "clues.assign");
	if ((r = db_clue_assign(db, &a, ctx->caps.v[0], version, squad,
	         assignee, &errs)) != DB_OK)
		return (web_db_error(ctx, r, &errs));
	return (clue_answer(ctx, ctx->caps.v[0], HTTP_STATUS_OK));
}

int
serve_api_clues_outcome(struct web_ctx *ctx)
{
	const struct json_value *body;
	const char *outcome, *on, *note;
	struct db_actor a;
	struct verr errs;
	struct db *db;
	char today[16];
	int64_t version;
	enum db_result r;

	if ((body = update_body(ctx, outcome_fields, &version, &errs)) == NULL)
		return (KORE_RESULT_OK);
	outcome = api_str(body, "outcome", &errs);
	on = api_str(body, "outcome_on", &errs);
	note = api_str(body, "note", &errs);
	if (errs.n > 0)
		return (web_invalid(ctx, &errs));
	if ((db = web_db(ctx)) == NULL)
		return (KORE_RESULT_OK);
	web_today(today);
	a = web_actor(ctx, "clues.outcome");
	if ((r = db_clue_outcome(db, &a, ctx->caps.v[0], version, outcome, on,
	         note, today, &errs)) != DB_OK)
		return (web_db_error(ctx, r, &errs));
	return (clue_answer(ctx, ctx->caps.v[0], HTTP_STATUS_OK));
}
