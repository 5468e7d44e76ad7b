/*
 * api/imports.c — the legacy case import over HTTP (shared api.md,
 * docs/api.md "Legacy import"): POST /api/v1/cases/import with an NDJSON
 * body, and the progress of the signed-in user's latest import.
 */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "db/imports.h"
#include "web/handlers.h"

void
import_errors_json(struct json_writer *w, const struct import_errors *e)
{
	size_t i;

	jw_array_begin(w, "lines");
	for (i = 0; i < e->n; i++) {
		jw_object_begin(w, NULL);
		jw_int(w, "line", (int64_t)e->items[i].line);
		jw_string(w, "field", e->items[i].field);
		jw_string(w, "message", e->items[i].message);
		jw_object_end(w);
	}
	jw_array_end(w);
	jw_int(w, "errors_total", (int64_t)e->total);
}

/* The answer to a finished import: 200 with what was imported and
 * skipped, 422 with every line's errors, or the database's failure. */
static int
import_answer(struct web_ctx *ctx, const struct case_import_outcome *o,
    enum db_result r)
{
	struct json_writer w;
	struct buf b;
	char msg[128];

	if (o->state == CIS_FAILED)
		return (web_db_error(ctx, r != DB_OK ? r : DB_ERROR, NULL));
	buf_init(&b);
	jw_init(&w, &b);
	jw_object_begin(&w, NULL);
	if (o->state == CIS_REFUSED) {
		(void)snprintf(msg, sizeof(msg),
		    "文件中有 %zu 处错误，未导入任何案件", o->errors.total);
		jw_object_begin(&w, "error");
		jw_string(&w, "code", "validation");
		jw_string(&w, "message", msg);
		import_errors_json(&w, &o->errors);
		jw_object_end(&w);
		jw_object_end(&w);
		return (api_send(ctx, HTTP_STATUS_UNPROCESSABLE, &b));
	}
	jw_int(&w, "imported", o->imported);
	jw_int(&w, "lines", o->lines);
	jw_raw(&w, "skipped", o->skipped.data, o->skipped.len);
	jw_object_end(&w);
	return (api_send(ctx, HTTP_STATUS_OK, &b));
}

static int
is_ndjson(struct web_ctx *ctx)
{
	static const char *const types[] = { "application/x-ndjson",
		"application/ndjson", "application/jsonl", NULL };
	const char *ct = web_header(ctx, "content-type");
	size_t i, n;

	for (i = 0; ct != NULL && types[i] != NULL; i++) {
		n = strlen(types[i]);
		if (strncasecmp(ct, types[i], n) == 0 &&
		    (ct[n] == '\0' || ct[n] == ';'))
			return (1);
	}
	return (0);
}

int
serve_api_cases_import(struct web_ctx *ctx)
{
	const struct case_import_outcome *o;
	enum db_result r;

	if (ctx->import == NULL) {
		if (!is_ndjson(ctx))
			return (web_error(ctx, HTTP_STATUS_BAD_REQUEST,
			    "bad_request",
			    "请以 Content-Type: application/x-ndjson 提交，"
			    "每行一个案件（JSON 对象）"));
		if (!web_spool_body(ctx, web_settings.case_import_body_max))
			return (KORE_RESULT_OK);
		return (web_import_start(ctx,
		    ctx->spool != NULL ? ctx->spool : "", ctx->spool_len));
	}
	if (web_import_running(ctx))
		return (KORE_RESULT_RETRY);
	o = web_import_outcome(ctx, &r);
	return (import_answer(ctx, o, r));
}

int
serve_api_cases_import_progress(struct web_ctx *ctx)
{
	static const struct api_col cols[] = { { "id", API_TEXT },
		{ "state", API_TEXT }, { "phase", API_TEXT },
		{ "bytes_total", API_INT }, { "bytes_read", API_INT },
		{ "lines_total", API_INT }, { "lines_read", API_INT },
		{ "imported", API_INT }, { "skipped", API_INT },
		{ "errors", API_INT }, { "started_at", API_TEXT },
		{ "finished_at", API_TEXT } };
	struct json_writer w;
	struct buf b;
	struct db *db;
	PGresult *row;
	enum db_result r;

	if ((db = web_db(ctx)) == NULL)
		return (KORE_RESULT_OK);
	r = db_case_import_latest(db, ctx->user.bureau_id, ctx->user.id, &row);
	if (r != DB_OK && r != DB_NOTFOUND)
		return (web_db_error(ctx, r, NULL));
	buf_init(&b);
	jw_init(&w, &b);
	jw_object_begin(&w, NULL);
	if (r == DB_NOTFOUND) {
		jw_string(&w, "state", "idle");
	} else {
		api_row_members(&w, row, 0, cols, (int)GS_NELEM(cols));
		PQclear(row);
	}
	jw_object_end(&w);
	return (api_send(ctx, HTTP_STATUS_OK, &b));
}
