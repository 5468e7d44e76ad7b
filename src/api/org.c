/*
 * api/org.c — users, squads, the holiday calendar, the rulebook and the
 * audit check over JSON (docs/api.md). The same services as the admin
 * screens in pages/admin.c.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "db/audit.h"
#include "db/holidays.h"
#include "db/org.h"
#include "db/rulebook.h"
#include "web/handlers.h"

static void
user_write(struct json_writer *w, const struct user_row *u)
{
	uint32_t mask;
	int64_t v;
	int r;

	jw_object_begin(w, NULL);
	jw_string(w, "id", u->id);
	jw_string(w, "username", u->username);
	jw_string(w, "display_name", u->display_name);
	jw_array_begin(w, "roles");
	mask = roles_from_pg_array(u->roles);
	for (r = 0; r < ROLE__MAX; r++) {
		if (mask & ROLE_BIT(r))
			jw_string(w, NULL, role_code((enum role)r));
	}
	jw_array_end(w);
	jw_string_or_null(w, "squad_id", u->squad_id);
	jw_string_or_null(w, "squad_name", u->squad_name);
	jw_string_or_null(w, "cert_no", u->cert_no);
	jw_string_or_null(w, "cert_valid_until", u->cert_valid_until);
	jw_bool(w, "active", db_bool(u->active));
	jw_int(w, "version", parse_int64(u->version, &v) ? v : 0);
	jw_string(w, "created_at", u->created_at);
	jw_object_end(w);
}

int
serve_api_users_list(struct web_ctx *ctx)
{
	struct user_row u;
	struct json_writer w;
	struct buf b;
	struct db *db;
	PGresult *rows;
	int64_t page, per_page, total;
	enum db_result r;
	int i;

	page = web_query_int(ctx, "page", 1, 1000000);
	per_page = web_query_int(ctx, "per_page", 50, 200);
	if ((db = web_db(ctx)) == NULL)
		return (KORE_RESULT_OK);
	if ((r = db_user_list(db, ctx->user.bureau_id, page, per_page, &rows,
	         &total)) != DB_OK)
		return (web_db_error(ctx, r, NULL));
	buf_init(&b);
	jw_init(&w, &b);
	jw_object_begin(&w, NULL);
	jw_array_begin(&w, "items");
	for (i = 0; i < PQntuples(rows); i++) {
		user_row_read(rows, i, &u);
		user_write(&w, &u);
	}
	jw_array_end(&w);
	jw_int(&w, "total", total);
	jw_object_end(&w);
	PQclear(rows);
	return (api_send(ctx, HTTP_STATUS_OK, &b));
}

int
serve_api_users_show(struct web_ctx *ctx)
{
	struct user_row u;
	struct json_writer w;
	struct buf b;
	struct db *db;
	PGresult *res;
	enum db_result r;

	if ((db = web_db(ctx)) == NULL)
		return (KORE_RESULT_OK);
	if ((r = db_user_get(db, ctx->user.bureau_id, ctx->caps.v[0], &res)) !=
	    DB_OK)
		return (web_db_error(ctx, r, NULL));
	user_row_read(res, 0, &u);
	buf_init(&b);
	jw_init(&w, &b);
	user_write(&w, &u);
	PQclear(res);
	return (api_send(ctx, HTTP_STATUS_OK, &b));
}

/* roles: ["officer", ...] into in->roles. */
static void
roles_from_json(const struct json_value *obj, struct user_input *in,
    struct verr *errs)
{
	const struct json_value *v, *it;
	size_t i;
	enum role r;

	if ((v = json_get(obj, "roles")) == NULL)
		return;
	if (v->type != JSON_ARRAY) {
		verr_add(errs, "roles", "应为角色代码的数组");
		return;
	}
	in->roles = 0;
	for (i = 0; i < v->u.arr.n; i++) {
		it = v->u.arr.items[i];
		if (it->type != JSON_STRING ||
		    (r = role_from_code(it->u.str.s)) == ROLE__MAX)
			in->roles_bad = 1;
		else
			in->roles |= ROLE_BIT(r);
	}
}

int
serve_api_users_create(struct web_ctx *ctx)
{
	static const char *const allowed[] = { "username", "display_name",
		"password", "roles", "squad_id", "cert_no", "cert_valid_until",
		NULL };
	const struct json_value *body;
	struct user_input in;
	struct json_writer w;
	struct db_actor a;
	struct verr errs;
	struct buf b;
	struct db *db;
	char id[40];
	enum db_result r;

	if ((body = web_json_body(ctx, allowed)) == NULL)
		return (KORE_RESULT_OK);
	memset(&in, 0, sizeof(in));
	verr_init(&errs);
	in.username = api_str(body, "username", &errs);
	in.display_name = api_str(body, "display_name", &errs);
	in.password = api_str(body, "password", &errs);
	in.squad_id = api_str(body, "squad_id", &errs);
	in.cert_no = api_str(body, "cert_no", &errs);
	in.cert_valid_until = api_str(body, "cert_valid_until", &errs);
	roles_from_json(body, &in, &errs);
	if (!ctx->pw.started) {
		if (!user_validate(&in, 1, &errs) || errs.n > 0)
			return (web_invalid(ctx, &errs));
		return (web_pw_start(ctx, PW_HASH, NULL, in.password, NULL));
	}
	if (web_pw_running(ctx))
		return (KORE_RESULT_RETRY);
	if (!ctx->pw.hashed)
		return (web_db_error(ctx, DB_ERROR, NULL));
	if ((db = web_db(ctx)) == NULL)
		return (KORE_RESULT_OK);
	a = web_actor(ctx, "users.create");
	if ((r = db_user_create(db, &a, &in, ctx->pw.new_hash, &errs, id)) !=
	    DB_OK)
		return (web_db_error(ctx, r, &errs));
	buf_init(&b);
	jw_init(&w, &b);
	jw_object_begin(&w, NULL);
	jw_string(&w, "id", id);
	jw_object_end(&w);
	return (api_send(ctx, HTTP_STATUS_CREATED, &b));
}

/* A PATCH member: absent keeps cur, null clears, a string replaces. */
static const char *
patch_str(const struct json_value *body, const char *key, const char *cur,
    struct verr *errs)
{
	const struct json_value *v;

	if ((v = json_get(body, key)) == NULL)
		return (cur);
	if (v->type == JSON_NULL)
		return (NULL);
	return (api_str(body, key, errs));
}

int
serve_api_users_update(struct web_ctx *ctx)
{
	static const char *const allowed[] = { "display_name", "roles",
		"squad_id", "cert_no", "cert_valid_until", "active", "version",
		NULL };
	const struct json_value *body;
	struct user_input in;
	struct user_row cur;
	struct db_actor a;
	struct verr errs;
	struct db *db;
	PGresult *res;
	int64_t version;
	int present, active, rc;
	enum db_result r;

	if ((body = web_json_body(ctx, allowed)) == NULL)
		return (KORE_RESULT_OK);
	verr_init(&errs);
	(void)api_int(body, "version", &version, &present, &errs);
	if (!present && errs.n == 0)
		verr_add(&errs, "version", "请提供记录的当前版本号 version");
	if (errs.n > 0)
		return (web_invalid(ctx, &errs));
	if ((db = web_db(ctx)) == NULL)
		return (KORE_RESULT_OK);
	if ((r = db_user_get(db, ctx->user.bureau_id, ctx->caps.v[0], &res)) !=
	    DB_OK)
		return (web_db_error(ctx, r, NULL));
	user_row_read(res, 0, &cur);
	memset(&in, 0, sizeof(in));
	in.display_name =
	    patch_str(body, "display_name", cur.display_name, &errs);
	in.roles = roles_from_pg_array(cur.roles);
	roles_from_json(body, &in, &errs);
	in.squad_id = patch_str(body, "squad_id", cur.squad_id, &errs);
	in.cert_no = patch_str(body, "cert_no", cur.cert_no, &errs);
	in.cert_valid_until =
	    patch_str(body, "cert_valid_until", cur.cert_valid_until, &errs);
	active = api_bool(body, "active", db_bool(cur.active), &errs);
	if (errs.n > 0) {
		PQclear(res);
		return (web_invalid(ctx, &errs));
	}
	a = web_actor(ctx, "users.update");
	r = db_user_update(db, &a, ctx->caps.v[0], version, &in, active, &errs);
	PQclear(res);
	if (r != DB_OK)
		return (web_db_error(ctx, r, &errs));
	/* The answer is the user as it now is. */
	ctx->api = 1;
	rc = serve_api_users_show(ctx);
	return (rc);
}

int
serve_api_squads_list(struct web_ctx *ctx)
{
	struct json_writer w;
	struct buf b;
	struct db *db;
	PGresult *rows;
	int64_t n;
	int i;

	if ((db = web_db(ctx)) == NULL)
		return (KORE_RESULT_OK);
	if (db_squad_list(db, ctx->user.bureau_id, &rows) != DB_OK)
		return (web_db_error(ctx, DB_ERROR, NULL));
	buf_init(&b);
	jw_init(&w, &b);
	jw_object_begin(&w, NULL);
	jw_array_begin(&w, "items");
	for (i = 0; i < PQntuples(rows); i++) {
		jw_object_begin(&w, NULL);
		jw_string(&w, "id", PQgetvalue(rows, i, 0));
		jw_string(&w, "name", PQgetvalue(rows, i, 1));
		jw_int(&w, "members",
		    parse_int64(PQgetvalue(rows, i, 2), &n) ? n : 0);
		jw_object_end(&w);
	}
	jw_array_end(&w);
	jw_int(&w, "total", PQntuples(rows));
	jw_object_end(&w);
	PQclear(rows);
	return (api_send(ctx, HTTP_STATUS_OK, &b));
}

int
serve_api_squads_create(struct web_ctx *ctx)
{
	static const char *const allowed[] = { "name", NULL };
	const struct json_value *body;
	struct json_writer w;
	struct db_actor a;
	struct verr errs;
	struct buf b;
	struct db *db;
	char id[40];
	enum db_result r;

	if ((body = web_json_body(ctx, allowed)) == NULL)
		return (KORE_RESULT_OK);
	if ((db = web_db(ctx)) == NULL)
		return (KORE_RESULT_OK);
	verr_init(&errs);
	a = web_actor(ctx, "squads.create");
	if ((r = db_squad_create(db, &a, api_str(body, "name", &errs), &errs,
	         id)) != DB_OK)
		return (web_db_error(ctx, r, &errs));
	buf_init(&b);
	jw_init(&w, &b);
	jw_object_begin(&w, NULL);
	jw_string(&w, "id", id);
	jw_object_end(&w);
	return (api_send(ctx, HTTP_STATUS_CREATED, &b));
}

static void
days_write(struct json_writer *w, const char *key, PGresult *days,
    const char *kind)
{
	int i;

	jw_array_begin(w, key);
	for (i = 0; i < PQntuples(days); i++) {
		if (strcmp(PQgetvalue(days, i, 1), kind) == 0)
			jw_string(w, NULL, PQgetvalue(days, i, 0));
	}
	jw_array_end(w);
}

int
serve_api_holidays_show(struct web_ctx *ctx)
{
	struct json_writer w;
	struct buf b;
	struct db *db;
	PGresult *days, *st;
	int year;

	year = atoi(ctx->caps.v[0]);
	if ((db = web_db(ctx)) == NULL)
		return (KORE_RESULT_OK);
	if (db_holiday_year(db, ctx->user.bureau_id, year, &days, &st) != DB_OK)
		return (web_db_error(ctx, DB_ERROR, NULL));
	buf_init(&b);
	jw_init(&w, &b);
	jw_object_begin(&w, NULL);
	jw_int(&w, "year", year);
	days_write(&w, "holidays", days, "holiday");
	days_write(&w, "workdays", days, "workday");
	jw_bool(&w, "provisional",
	    PQntuples(st) == 0 || db_bool(PQgetvalue(st, 0, 0)));
	jw_string(&w, "note", PQntuples(st) == 1 ? PQgetvalue(st, 0, 1) : "");
	jw_object_end(&w);
	PQclear(days);
	PQclear(st);
	return (api_send(ctx, HTTP_STATUS_OK, &b));
}

/* A JSON array of date strings into days; errs names key when not. */
static int
days_from_json(const struct json_value *body, const char *key,
    struct holiday_day **days, size_t *n, struct verr *errs)
{
	const struct json_value *v, *it;
	size_t i;

	*days = NULL;
	*n = 0;
	if ((v = json_get(body, key)) == NULL)
		return (GS_OK);
	if (v->type != JSON_ARRAY) {
		verr_add(errs, key, "应为日期字符串的数组");
		return (GS_ERROR);
	}
	*days = xcalloc(v->u.arr.n + 1, sizeof(**days));
	for (i = 0; i < v->u.arr.n; i++) {
		it = v->u.arr.items[i];
		if (it->type != JSON_STRING || it->u.str.len != 10) {
			verr_add(errs, key, "第 %zu 项应为 YYYY-MM-DD", i + 1);
			return (GS_ERROR);
		}
		memcpy((*days)[i].date, it->u.str.s, 10);
	}
	*n = v->u.arr.n;
	return (GS_OK);
}

int
serve_api_holidays_replace(struct web_ctx *ctx)
{
	static const char *const allowed[] = { "holidays", "workdays",
		"provisional", "note", NULL };
	const struct json_value *body;
	struct holiday_year_input in;
	struct db_actor a;
	struct verr errs;
	struct db *db;
	enum db_result r;

	if ((body = web_json_body(ctx, allowed)) == NULL)
		return (KORE_RESULT_OK);
	if ((db = web_db(ctx)) == NULL)
		return (KORE_RESULT_OK);
	memset(&in, 0, sizeof(in));
	verr_init(&errs);
	in.year = atoi(ctx->caps.v[0]);
	in.provisional = api_bool(body, "provisional", 0, &errs);
	in.note = api_str(body, "note", &errs);
	/* A year is replaced whole: both lists must be given, even empty. */
	if (json_get(body, "holidays") == NULL)
		verr_add(&errs, "holidays", "请提供 holidays（可为空数组）");
	if (json_get(body, "workdays") == NULL)
		verr_add(&errs, "workdays", "请提供 workdays（可为空数组）");
	r = DB_INVALID;
	if (days_from_json(body, "holidays", &in.holidays, &in.nholidays,
	        &errs) &&
	    days_from_json(body, "workdays", &in.workdays, &in.nworkdays,
	        &errs) &&
	    errs.n == 0) {
		a = web_actor(ctx, "holidays.update");
		r = db_holiday_replace(db, &a, &in, &errs);
	}
	free(in.holidays);
	free(in.workdays);
	if (r != DB_OK)
		return (web_db_error(ctx, r, &errs));
	return (serve_api_holidays_show(ctx));
}

int
serve_api_rulebook_list(struct web_ctx *ctx)
{
	struct json_writer w;
	struct buf b;
	struct db *db;
	PGresult *rows;
	const char *date;
	char today[16];
	gs_date d;
	int64_t n;
	int i;

	web_today(today);
	date = form_get(web_query(ctx), "as_of");
	if (date == NULL)
		date = today;
	else if (!date_parse(date, &d))
		return (web_error(ctx, HTTP_STATUS_UNPROCESSABLE, "validation",
		    "as_of 应为 YYYY-MM-DD"));
	if ((db = web_db(ctx)) == NULL)
		return (KORE_RESULT_OK);
	if (db_rule_list(db, ctx->user.bureau_id, date, &rows) != DB_OK)
		return (web_db_error(ctx, DB_ERROR, NULL));
	buf_init(&b);
	jw_init(&w, &b);
	jw_object_begin(&w, NULL);
	jw_string(&w, "as_of", date);
	jw_array_begin(&w, "items");
	for (i = 0; i < PQntuples(rows); i++) {
		jw_object_begin(&w, NULL);
		jw_string(&w, "key", PQgetvalue(rows, i, 0));
		jw_string(&w, "category", PQgetvalue(rows, i, 1));
		jw_string(&w, "label", PQgetvalue(rows, i, 2));
		jw_string(&w, "unit", PQgetvalue(rows, i, 3));
		if (PQgetisnull(rows, i, 4))
			jw_null(&w, "value");
		else
			jw_number_text(&w, "value", PQgetvalue(rows, i, 4));
		jw_string_or_null(&w, "effective_from", db_value(rows, i, 5));
		jw_string(&w, "source", PQgetvalue(rows, i, 6));
		jw_bool(&w, "unconfirmed", db_bool(PQgetvalue(rows, i, 7)));
		jw_number_text(&w, "min", PQgetvalue(rows, i, 8));
		jw_number_text(&w, "max", PQgetvalue(rows, i, 9));
		jw_number_text(&w, "default", PQgetvalue(rows, i, 10));
		jw_int(&w, "versions",
		    parse_int64(PQgetvalue(rows, i, 11), &n) ? n : 0);
		jw_object_end(&w);
	}
	jw_array_end(&w);
	jw_int(&w, "total", PQntuples(rows));
	jw_object_end(&w);
	PQclear(rows);
	return (api_send(ctx, HTTP_STATUS_OK, &b));
}

int
serve_api_rulebook_update(struct web_ctx *ctx)
{
	static const char *const allowed[] = { "value", "effective_from",
		"note", NULL };
	const struct json_value *body;
	struct json_writer w;
	struct db_actor a;
	struct verr errs;
	struct buf b;
	struct db *db;
	const char *from;
	char today[16];
	int64_t value;
	int present;
	enum db_result r;

	if ((body = web_json_body(ctx, allowed)) == NULL)
		return (KORE_RESULT_OK);
	verr_init(&errs);
	(void)api_int(body, "value", &value, &present, &errs);
	if (!present && errs.n == 0)
		verr_add(&errs, "value", "请提供整数 value");
	from = api_str(body, "effective_from", &errs);
	web_today(today);
	if (from == NULL)
		from = today;
	if (errs.n > 0)
		return (web_invalid(ctx, &errs));
	if ((db = web_db(ctx)) == NULL)
		return (KORE_RESULT_OK);
	a = web_actor(ctx, "rulebook.update");
	r = db_rule_set(db, &a, ctx->caps.v[0], value, from,
	    api_str(body, "note", &errs), &errs);
	if (r != DB_OK)
		return (web_db_error(ctx, r, &errs));
	buf_init(&b);
	jw_init(&w, &b);
	jw_object_begin(&w, NULL);
	jw_string(&w, "key", ctx->caps.v[0]);
	jw_int(&w, "value", value);
	jw_string(&w, "effective_from", from);
	jw_object_end(&w);
	return (api_send(ctx, HTTP_STATUS_OK, &b));
}

int
serve_api_audit_verify(struct web_ctx *ctx)
{
	struct audit_report rep;
	struct json_writer w;
	struct buf b;
	struct db *db;

	if ((db = web_db(ctx)) == NULL)
		return (KORE_RESULT_OK);
	if (db_audit_verify(db, ctx->user.bureau_id, &rep) != DB_OK)
		return (web_db_error(ctx, DB_ERROR, NULL));
	buf_init(&b);
	jw_init(&w, &b);
	jw_object_begin(&w, NULL);
	jw_bool(&w, "intact", rep.intact);
	jw_int(&w, "records", rep.records);
	if (!rep.intact) {
		jw_int(&w, "broken_seq", rep.broken_seq);
		jw_string(&w, "problem", rep.problem);
	}
	jw_object_end(&w);
	return (api_send(ctx, HTTP_STATUS_OK, &b));
}
