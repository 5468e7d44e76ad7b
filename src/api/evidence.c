/*
 * api/evidence.c — evidence upload, metadata with the custody log, and
 * download (always as an attachment, re-hashed on the way out).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "core/evstore.h"
#include "core/log.h"
#include "db/evidence.h"
#include "web/handlers.h"

static void
evidence_dir(char *out, size_t len)
{
	(void)snprintf(out, len, "%s/evidence", web_settings.var_dir);
}

int
serve_api_evidence_create(struct web_ctx *ctx)
{
	const struct multipart_part *file;
	char dir[1024], sha[EVSTORE_HEX_LEN], id[40], today[16];
	struct evidence_new in;
	struct case_actor ca;
	struct json_writer w;
	struct verr errs;
	struct buf b;
	struct db *db;
	enum db_result r;

	if (!web_form(ctx, web_settings.evidence_body_max))
		return (KORE_RESULT_OK);
	web_today(today);
	file = web_file(ctx, "file");
	memset(&in, 0, sizeof(in));
	in.case_id = ctx->caps.v[0];
	in.kind = web_param(ctx, "kind");
	in.description = web_param(ctx, "description");
	in.collected_on = web_param(ctx, "collected_on");
	in.lat = web_param(ctx, "lat");
	in.lng = web_param(ctx, "lng");
	if (in.lat != NULL && *in.lat == '\0')
		in.lat = NULL;
	if (in.lng != NULL && *in.lng == '\0')
		in.lng = NULL;
	in.filename = file != NULL ? file->filename : NULL;
	in.content_type = file != NULL ? file->content_type : NULL;
	verr_init(&errs);
	if (!evidence_validate(&in, today, &errs))
		return (web_invalid(ctx, &errs));
	evidence_dir(dir, sizeof(dir));
	if (!evstore_put(dir, file->data, file->len, sha)) {
		gs_log(LOG_LEVEL_ERROR, "evidence store %s: cannot write", dir);
		return (web_error(ctx, HTTP_STATUS_INTERNAL_ERROR, "internal",
		    "证据文件保存失败"));
	}
	in.sha256 = sha;
	in.size = (int64_t)file->len;
	if ((db = web_db(ctx)) == NULL)
		return (KORE_RESULT_OK);
	ca = api_case_actor(ctx, "evidence.create");
	if ((r = db_evidence_create(db, &ca, &in, &errs, id)) != DB_OK)
		return (web_db_error(ctx, r, &errs));
	buf_init(&b);
	jw_init(&w, &b);
	jw_object_begin(&w, NULL);
	jw_string(&w, "id", id);
	jw_string(&w, "sha256", sha);
	jw_int(&w, "size", in.size);
	jw_object_end(&w);
	return (api_send(ctx, HTTP_STATUS_CREATED, &b));
}

/* EVIDENCE_COLS, as JSON members. */
static const struct api_col evidence_cols[] = { { "id", API_TEXT },
	{ "case_id", API_TEXT }, { "kind", API_TEXT },
	{ "description", API_TEXT }, { "collected_on", API_TEXT },
	{ "collected_by", API_TEXT }, { "lat", API_NUMBER },
	{ "lng", API_NUMBER }, { "sha256", API_TEXT }, { "size", API_INT },
	{ "filename", API_TEXT }, { "content_type", API_TEXT },
	{ "uploaded_by_name", API_TEXT }, { "created_at", API_TEXT } };
static const struct api_col custody_cols[] = { { "action", API_TEXT },
	{ "user", API_TEXT }, { "at", API_TEXT } };

int
serve_api_evidence_show(struct web_ctx *ctx)
{
	struct case_actor ca;
	struct json_writer w;
	struct buf b;
	struct db *db;
	PGresult *res, *log;
	enum db_result r;

	if ((db = web_db(ctx)) == NULL)
		return (KORE_RESULT_OK);
	if ((r = DB_QUERY_ONE(db, SQL_EVIDENCE_GET, &res, ctx->user.bureau_id,
	         ctx->caps.v[0])) != DB_OK)
		return (web_db_error(ctx, r, NULL));
	ca = api_case_actor(ctx, "evidence.show");
	if ((r = db_evidence_custody(db, &ca, ctx->caps.v[0], "viewed")) !=
	        DB_OK ||
	    (r = DB_QUERY(db, SQL_EVIDENCE_CUSTODY, &log, ctx->caps.v[0])) !=
	        DB_OK) {
		PQclear(res);
		return (web_db_error(ctx, r, NULL));
	}
	buf_init(&b);
	jw_init(&w, &b);
	jw_object_begin(&w, NULL);
	api_row_members(&w, res, 0, evidence_cols,
	    (int)GS_NELEM(evidence_cols));
	(void)api_rows(&w, "custody", log, custody_cols,
	    (int)GS_NELEM(custody_cols));
	jw_object_end(&w);
	PQclear(res);
	PQclear(log);
	return (api_send(ctx, HTTP_STATUS_OK, &b));
}

int
serve_api_evidence_content(struct web_ctx *ctx)
{
	struct evstore_file f;
	struct case_actor ca;
	struct db *db;
	PGresult *res;
	char dir[1024], path[1200];
	enum db_result r;
	int ok;

	if ((db = web_db(ctx)) == NULL)
		return (KORE_RESULT_OK);
	if ((r = DB_QUERY_ONE(db, SQL_EVIDENCE_GET, &res, ctx->user.bureau_id,
	         ctx->caps.v[0])) != DB_OK)
		return (web_db_error(ctx, r, NULL));
	ca = api_case_actor(ctx, "evidence.download");
	evidence_dir(dir, sizeof(dir));
	ok = evstore_open(dir, PQgetvalue(res, 0, 8), &f);
	if (ok != 1) {
		/* Never a silent pass: the alarm goes to the custody log. */
		gs_log(LOG_LEVEL_ERROR,
		    "evidence %s: stored bytes %s (sha256 %s)", ctx->caps.v[0],
		    ok == 0 ? "missing" : "do not match",
		    PQgetvalue(res, 0, 8));
		(void)db_evidence_custody(db, &ca, ctx->caps.v[0],
		    "hash_mismatch");
		evstore_close(&f);
		PQclear(res);
		return (web_error(ctx, HTTP_STATUS_INTERNAL_ERROR,
		    "evidence_integrity",
		    "证据文件校验失败：存储内容与登记的 SHA-256 不一致，"
		    "已记录告警"));
	}
	if ((r = db_evidence_custody(db, &ca, ctx->caps.v[0], "downloaded")) !=
	    DB_OK) {
		evstore_close(&f);
		PQclear(res);
		return (web_db_error(ctx, r, NULL));
	}
	evstore_close(&f);
	/* Verified: now sent from the page cache, not the worker's heap. */
	evstore_path(dir, PQgetvalue(res, 0, 8), path, sizeof(path));
	(void)web_send_file(ctx, path, "application/octet-stream",
	    PQgetvalue(res, 0, 10));
	PQclear(res);
	return (KORE_RESULT_OK);
}
