/*
 * api/entities.c — the entity registry over JSON (docs/api.md).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "db/entities.h"
#include "web/handlers.h"

static void
entity_write(struct json_writer *w, const struct entity_row *e)
{
	int64_t v;

	jw_object_begin(w, NULL);
	jw_string(w, "id", e->id);
	jw_string(w, "uscc", e->uscc);
	jw_string(w, "name", e->name);
	jw_string(w, "address", e->address);
	jw_string(w, "township", e->township);
	jw_string(w, "industry", e->industry);
	jw_string(w, "category", e->category);
	jw_string_or_null(w, "legal_rep", e->legal_rep);
	if (e->lat != NULL && e->lng != NULL) {
		jw_number_text(w, "lat", e->lat);
		jw_number_text(w, "lng", e->lng);
	} else {
		jw_null(w, "lat");
		jw_null(w, "lng");
	}
	jw_string(w, "status", e->status);
	jw_string_or_null(w, "credit_grade", e->credit_grade);
	jw_int(w, "version", parse_int64(e->version, &v) ? v : 0);
	jw_string(w, "updated_at", e->updated_at);
	jw_string(w, "created_at", e->created_at);
	jw_object_end(w);
}

int
serve_api_entities_list(struct web_ctx *ctx)
{
	const struct entity_row *rows[ENTITY_PAGE_MAX];
	struct entity_query q;
	struct entity_index *idx;
	struct json_writer w;
	const struct form *f;
	struct buf b;
	struct db *db;
	const char *v;
	size_t total, n, i;
	enum db_result r;

	f = web_query(ctx);
	memset(&q, 0, sizeof(q));
	q.q = form_get(f, "q");
	q.category = form_get(f, "category");
	q.township = form_get(f, "township");
	q.industry = form_get(f, "industry");
	q.grade = form_get(f, "grade");
	q.sort = ENTITY_SORT_NAME;
	if ((v = form_get(f, "sort")) != NULL) {
		if ((q.sort = entity_sort_from(v)) == ENTITY_SORT__MAX)
			return (web_error(ctx, HTTP_STATUS_UNPROCESSABLE,
			    "validation",
			    "sort 只能是 name、uscc、township、"
			    "industry、category、grade 或 updated"));
	}
	v = form_get(f, "dir");
	q.desc = v != NULL && strcmp(v, "desc") == 0;
	q.page = web_query_int(ctx, "page", 1, 1000000);
	q.per_page = web_query_int(ctx, "per_page", 50, ENTITY_PAGE_MAX);
	if ((db = web_db(ctx)) == NULL)
		return (KORE_RESULT_OK);
	if ((r = db_entity_index(db, ctx->user.bureau_id,
	         ctx->user.registry_rev, &idx)) != DB_OK)
		return (web_db_error(ctx, r, NULL));
	total = entity_index_query(idx, &q, rows, &n);
	buf_init(&b);
	jw_init(&w, &b);
	jw_object_begin(&w, NULL);
	jw_array_begin(&w, "items");
	for (i = 0; i < n; i++)
		entity_write(&w, rows[i]);
	jw_array_end(&w);
	jw_int(&w, "total", (int64_t)total);
	jw_object_end(&w);
	return (api_send(ctx, HTTP_STATUS_OK, &b));
}

int
serve_api_entities_show(struct web_ctx *ctx)
{
	struct entity_row e;
	struct json_writer w;
	struct buf b;
	struct db *db;
	PGresult *res;
	enum db_result r;

	if ((db = web_db(ctx)) == NULL)
		return (KORE_RESULT_OK);
	if ((r = db_entity_get(db, ctx->user.bureau_id, ctx->caps.v[0],
	         &res)) != DB_OK)
		return (web_db_error(ctx, r, NULL));
	entity_row_read(res, 0, &e);
	buf_init(&b);
	jw_init(&w, &b);
	entity_write(&w, &e);
	PQclear(res);
	return (api_send(ctx, HTTP_STATUS_OK, &b));
}

static const char *const entity_fields[] = { "uscc", "name", "address",
	"township", "industry", "category", "legal_rep", "lat", "lng", "status",
	"version", NULL };

/* Overlays the body's members on in (absent: keep; null: clear). */
static void
entity_input_json(const struct json_value *body, struct entity_input *in,
    struct verr *errs)
{
	const struct {
		const char *key;
		const char **field;
	} text[] = {
		{ "uscc", &in->uscc },
		{ "name", &in->name },
		{ "address", &in->address },
		{ "township", &in->township },
		{ "industry", &in->industry },
		{ "category", &in->category },
		{ "legal_rep", &in->legal_rep },
		{ "status", &in->status },
	};
	const struct json_value *v;
	size_t i;

	for (i = 0; i < GS_NELEM(text); i++) {
		if ((v = json_get(body, text[i].key)) == NULL)
			continue;
		*text[i].field = v->type == JSON_NULL ?
		    NULL :
		    api_str(body, text[i].key, errs);
	}
	if (json_get(body, "lat") != NULL)
		in->lat = api_number_text(body, "lat", errs);
	if (json_get(body, "lng") != NULL)
		in->lng = api_number_text(body, "lng", errs);
}

int
serve_api_entities_create(struct web_ctx *ctx)
{
	const struct json_value *body;
	struct entity_input in;
	struct json_writer w;
	struct db_actor a;
	struct verr errs;
	struct buf b;
	struct db *db;
	char id[40];
	enum db_result r;

	if ((body = web_json_body(ctx, entity_fields)) == NULL)
		return (KORE_RESULT_OK);
	memset(&in, 0, sizeof(in));
	verr_init(&errs);
	entity_input_json(body, &in, &errs);
	if (json_get(body, "version") != NULL)
		verr_add(&errs, "version", "新建时不能提供 version");
	if (errs.n > 0)
		return (web_invalid(ctx, &errs));
	if ((db = web_db(ctx)) == NULL)
		return (KORE_RESULT_OK);
	a = web_actor(ctx, "entities.create");
	if ((r = db_entity_create(db, &a, &in, &errs, id)) != DB_OK)
		return (web_db_error(ctx, r, &errs));
	buf_init(&b);
	jw_init(&w, &b);
	jw_object_begin(&w, NULL);
	jw_string(&w, "id", id);
	jw_object_end(&w);
	return (api_send(ctx, HTTP_STATUS_CREATED, &b));
}

int
serve_api_entities_update(struct web_ctx *ctx)
{
	const struct json_value *body;
	struct entity_input in;
	struct entity_row cur;
	struct db_actor a;
	struct verr errs;
	struct db *db;
	PGresult *res;
	int64_t version;
	int present;
	enum db_result r;

	if ((body = web_json_body(ctx, entity_fields)) == NULL)
		return (KORE_RESULT_OK);
	verr_init(&errs);
	(void)api_int(body, "version", &version, &present, &errs);
	if (!present && errs.n == 0)
		verr_add(&errs, "version", "请提供记录的当前版本号 version");
	if (errs.n > 0)
		return (web_invalid(ctx, &errs));
	if ((db = web_db(ctx)) == NULL)
		return (KORE_RESULT_OK);
	if ((r = db_entity_get(db, ctx->user.bureau_id, ctx->caps.v[0],
	         &res)) != DB_OK)
		return (web_db_error(ctx, r, NULL));
	entity_row_read(res, 0, &cur);
	memset(&in, 0, sizeof(in));
	in.uscc = cur.uscc;
	in.name = cur.name;
	in.address = cur.address;
	in.township = cur.township;
	in.industry = cur.industry;
	in.category = cur.category;
	in.legal_rep = cur.legal_rep;
	in.lat = cur.lat;
	in.lng = cur.lng;
	in.status = cur.status;
	entity_input_json(body, &in, &errs);
	if (errs.n > 0) {
		PQclear(res);
		return (web_invalid(ctx, &errs));
	}
	a = web_actor(ctx, "entities.update");
	r = db_entity_update(db, &a, ctx->caps.v[0], version, &in, &errs);
	PQclear(res);
	if (r != DB_OK)
		return (web_db_error(ctx, r, &errs));
	return (serve_api_entities_show(ctx));
}

int
serve_api_entities_history(struct web_ctx *ctx)
{
	struct json_writer w;
	struct buf b;
	struct db *db;
	PGresult *res, *hist;
	int64_t seq;
	enum db_result r;
	int i;

	if ((db = web_db(ctx)) == NULL)
		return (KORE_RESULT_OK);
	if ((r = db_entity_get(db, ctx->user.bureau_id, ctx->caps.v[0],
	         &res)) != DB_OK)
		return (web_db_error(ctx, r, NULL));
	PQclear(res);
	if ((r = DB_QUERY(db, SQL_AUDIT_OBJECT, &hist, ctx->user.bureau_id,
	         "entity", ctx->caps.v[0], "500")) != DB_OK)
		return (web_db_error(ctx, r, NULL));
	buf_init(&b);
	jw_init(&w, &b);
	jw_object_begin(&w, NULL);
	jw_string(&w, "entity_id", ctx->caps.v[0]);
	jw_array_begin(&w, "items");
	for (i = 0; i < PQntuples(hist); i++) {
		jw_object_begin(&w, NULL);
		jw_string(&w, "kind", "change");
		jw_int(&w, "seq",
		    parse_int64(PQgetvalue(hist, i, 0), &seq) ? seq : 0);
		jw_string(&w, "at", PQgetvalue(hist, i, 1));
		jw_string(&w, "actor", PQgetvalue(hist, i, 2));
		jw_string(&w, "action", PQgetvalue(hist, i, 3));
		jw_string(&w, "context", PQgetvalue(hist, i, 4));
		if (PQgetisnull(hist, i, 5))
			jw_null(&w, "before");
		else
			jw_raw(&w, "before", PQgetvalue(hist, i, 5),
			    (size_t)PQgetlength(hist, i, 5));
		if (PQgetisnull(hist, i, 6))
			jw_null(&w, "after");
		else
			jw_raw(&w, "after", PQgetvalue(hist, i, 6),
			    (size_t)PQgetlength(hist, i, 6));
		jw_object_end(&w);
	}
	jw_array_end(&w);
	jw_int(&w, "total", PQntuples(hist));
	jw_object_end(&w);
	PQclear(hist);
	return (api_send(ctx, HTTP_STATUS_OK, &b));
}

int
serve_api_entities_import(struct web_ctx *ctx)
{
	struct import_report rep;
	struct json_writer w;
	struct db_actor a;
	struct buf b;
	struct db *db;
	const char *ct;
	enum db_result r;
	size_t i;

	ct = web_header(ctx, "content-type");
	if (ct == NULL || strncasecmp(ct, "text/csv", 8) != 0)
		return (web_error(ctx, HTTP_STATUS_UNSUPPORTED_MEDIA_TYPE,
		    "unsupported_media_type",
		    "请以 Content-Type: text/csv 提交 CSV 文件"));
	if (!web_body(ctx, web_settings.import_body_max))
		return (KORE_RESULT_OK);
	if ((db = web_db(ctx)) == NULL)
		return (KORE_RESULT_OK);
	a = web_actor(ctx, "entities.import");
	r = db_entity_import_csv(db, &a, ctx->body.data, ctx->body.len, &rep);
	if (r != DB_OK && r != DB_INVALID) {
		import_report_free(&rep);
		return (web_db_error(ctx, r, NULL));
	}
	buf_init(&b);
	jw_init(&w, &b);
	jw_object_begin(&w, NULL);
	if (r == DB_OK) {
		jw_int(&w, "imported", rep.imported);
	} else {
		jw_object_begin(&w, "error");
		jw_string(&w, "code", "validation");
		jw_string(&w, "message", "文件有错误，未导入任何记录");
		jw_array_begin(&w, "lines");
		for (i = 0; i < rep.nerrors; i++) {
			jw_object_begin(&w, NULL);
			jw_int(&w, "line", rep.errors[i].line);
			jw_string(&w, "field", rep.errors[i].field);
			jw_string(&w, "message", rep.errors[i].message);
			jw_object_end(&w);
		}
		jw_array_end(&w);
		jw_bool(&w, "truncated", rep.more);
		jw_object_end(&w);
	}
	jw_object_end(&w);
	import_report_free(&rep);
	return (api_send(ctx,
	    r == DB_OK ? HTTP_STATUS_OK : HTTP_STATUS_UNPROCESSABLE, &b));
}
