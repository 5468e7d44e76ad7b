/*
 * api/account.c — sessions, the own user, API tokens (docs/api.md).
 */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "db/tokens.h"
#include "pages/pages.h"
#include "web/handlers.h"

static void
me_write(struct json_writer *w, struct web_ctx *ctx)
{
	int r;

	jw_object_begin(w, "user");
	jw_string(w, "id", ctx->user.id);
	jw_string(w, "username", ctx->user.username);
	jw_string(w, "display_name", ctx->user.display_name);
	jw_array_begin(w, "roles");
	for (r = 0; r < ROLE__MAX; r++) {
		if (ctx->user.roles & ROLE_BIT(r))
			jw_string(w, NULL, role_code((enum role)r));
	}
	jw_array_end(w);
	jw_object_begin(w, "bureau");
	jw_string(w, "id", ctx->user.bureau_id);
	jw_string(w, "name", ctx->user.bureau_name);
	jw_object_end(w);
	if (ctx->user.squad_id[0] != '\0') {
		jw_object_begin(w, "squad");
		jw_string(w, "id", ctx->user.squad_id);
		jw_object_end(w);
	} else
		jw_null(w, "squad");
	jw_object_end(w);
}

int
serve_api_session_create(struct web_ctx *ctx)
{
	static const char *const allowed[] = { "username", "password", NULL };
	const struct json_value *body;
	struct json_writer w;
	struct buf b;
	enum login_outcome outcome;
	struct verr errs;
	const char *user, *pw;
	int r;

	if ((body = web_json_body(ctx, allowed)) == NULL)
		return (KORE_RESULT_OK);
	verr_init(&errs);
	user = api_str(body, "username", &errs);
	pw = api_str(body, "password", &errs);
	if (user == NULL || *user == '\0')
		verr_add(&errs, "username", "请输入用户名");
	if (pw == NULL || *pw == '\0')
		verr_add(&errs, "password", "请输入密码");
	if (errs.n > 0)
		return (web_invalid(ctx, &errs));

	if ((r = web_login(ctx, user, pw, &outcome)) == KORE_RESULT_RETRY)
		return (r);
	switch (outcome) {
	case LOGIN_OK:
		break;
	case LOGIN_FAILED:
		return (web_error(ctx, HTTP_STATUS_UNAUTHORIZED,
		    "invalid_credentials", "用户名或密码错误"));
	case LOGIN_THROTTLED:
		return (web_error(ctx, HTTP_STATUS_TOO_MANY_REQUESTS,
		    "throttled", "登录失败次数过多，请稍后再试"));
	case LOGIN_ERROR:
		return (KORE_RESULT_OK);
	}
	buf_init(&b);
	jw_init(&w, &b);
	jw_object_begin(&w, NULL);
	me_write(&w, ctx);
	jw_string(&w, "csrf_token", ctx->user.csrf);
	jw_object_end(&w);
	(void)web_json(ctx, HTTP_STATUS_OK, &b);
	buf_free(&b);
	return (KORE_RESULT_OK);
}

int
serve_api_session_delete(struct web_ctx *ctx)
{
	web_session_end(ctx);
	return (api_no_content(ctx));
}

int
serve_api_me(struct web_ctx *ctx)
{
	struct json_writer w;
	struct buf b;

	buf_init(&b);
	jw_init(&w, &b);
	jw_object_begin(&w, NULL);
	me_write(&w, ctx);
	jw_object_end(&w);
	(void)web_json(ctx, HTTP_STATUS_OK, &b);
	buf_free(&b);
	return (KORE_RESULT_OK);
}

int
serve_api_me_password(struct web_ctx *ctx)
{
	static const char *const allowed[] = { "current_password",
		"new_password", NULL };
	const struct json_value *body;
	struct verr errs;
	enum db_result r;
	int rc;

	if ((body = web_json_body(ctx, allowed)) == NULL)
		return (KORE_RESULT_OK);
	verr_init(&errs);
	rc = account_password_change(ctx,
	    api_str(body, "current_password", &errs),
	    api_str(body, "new_password", &errs), NULL, &errs, &r);
	if (rc == KORE_RESULT_RETRY)
		return (rc);
	if (errs.n > 0) {
		/* API field names differ from the form's. */
		if (verr_get(&errs, "current") != NULL)
			verr_add(&errs, "current_password", "%s",
			    verr_get(&errs, "current"));
		if (verr_get(&errs, "password") != NULL)
			verr_add(&errs, "new_password", "%s",
			    verr_get(&errs, "password"));
		return (web_invalid(ctx, &errs));
	}
	if (r != DB_OK)
		return (web_db_error(ctx, r, NULL));
	return (api_no_content(ctx));
}

int
serve_api_tokens_create(struct web_ctx *ctx)
{
	static const char *const allowed[] = { "name", NULL };
	const struct json_value *body;
	struct json_writer w;
	struct verr errs;
	struct buf b;
	char token[80], id[40];
	enum db_result r;

	if ((body = web_json_body(ctx, allowed)) == NULL)
		return (KORE_RESULT_OK);
	verr_init(&errs);
	r = account_token_create(ctx, api_str(body, "name", &errs), &errs,
	    token, id);
	if (r != DB_OK)
		return (web_db_error(ctx, r, &errs));
	buf_init(&b);
	jw_init(&w, &b);
	jw_object_begin(&w, NULL);
	jw_string(&w, "id", id);
	jw_string(&w, "token", token);
	jw_object_end(&w);
	(void)web_json(ctx, HTTP_STATUS_CREATED, &b);
	buf_free(&b);
	return (KORE_RESULT_OK);
}

int
serve_api_tokens_list(struct web_ctx *ctx)
{
	struct json_writer w;
	struct buf b;
	struct db *db;
	PGresult *rows;
	int i;

	if ((db = web_db(ctx)) == NULL)
		return (KORE_RESULT_OK);
	if (db_token_list(db, ctx->user.id, &rows) != DB_OK)
		return (web_db_error(ctx, DB_ERROR, NULL));
	buf_init(&b);
	jw_init(&w, &b);
	jw_object_begin(&w, NULL);
	jw_array_begin(&w, "items");
	for (i = 0; i < PQntuples(rows); i++) {
		jw_object_begin(&w, NULL);
		jw_string(&w, "id", PQgetvalue(rows, i, 0));
		jw_string(&w, "name", PQgetvalue(rows, i, 1));
		jw_string(&w, "created_at", PQgetvalue(rows, i, 2));
		jw_string_or_null(&w, "last_used_at", db_value(rows, i, 3));
		jw_bool(&w, "revoked", db_bool(PQgetvalue(rows, i, 4)));
		jw_object_end(&w);
	}
	jw_array_end(&w);
	jw_int(&w, "total", PQntuples(rows));
	jw_object_end(&w);
	PQclear(rows);
	(void)web_json(ctx, HTTP_STATUS_OK, &b);
	buf_free(&b);
	return (KORE_RESULT_OK);
}

int
serve_api_tokens_revoke(struct web_ctx *ctx)
{
	struct db_actor a;
	struct db *db;
	enum db_result r;

	if ((db = web_db(ctx)) == NULL)
		return (KORE_RESULT_OK);
	a = web_actor(ctx, "tokens.revoke");
	if ((r = db_token_revoke(db, &a, ctx->caps.v[0])) != DB_OK)
		return (web_db_error(ctx, r, NULL));
	return (api_no_content(ctx));
}
