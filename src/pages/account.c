/*
 * pages/account.c — the own account: password change and API tokens.
 */
#include <stdio.h>
#include <string.h>

#include "db/org.h"
#include "db/tokens.h"
#include "pages/pages.h"
#include "web/handlers.h"

static int
account_page(struct web_ctx *ctx, int status, const struct verr *errs,
    const char *new_token, const char *token_error)
{
	struct tdata *d, *me, *e, *t;
	struct tlist *list;
	struct buf roles;
	struct db *db;
	PGresult *rows;
	int i, r;

	if ((db = web_db(ctx)) == NULL)
		return (KORE_RESULT_OK);
	if (db_token_list(db, ctx->user.id, &rows) != DB_OK)
		return (web_db_error(ctx, DB_ERROR, NULL));
	d = web_page(ctx);
	tdata_text(d, "title", "我的账号");
	me = tdata_map(d, "me");
	tdata_text(me, "display_name", ctx->user.display_name);
	tdata_text(me, "username", ctx->user.username);
	tdata_text(me, "bureau_name", ctx->user.bureau_name);
	buf_init(&roles);
	for (r = 0; r < ROLE__MAX; r++) {
		if (ctx->user.roles & ROLE_BIT(r))
			buf_printf(&roles, "%s%s", roles.len ? "、" : "",
			    role_label((enum role)r));
	}
	tdata_text(me, "roles", roles.data ? roles.data : "");
	buf_free(&roles);
	if (errs != NULL) {
		e = tdata_map(d, "errors");
		for (i = 0; i < (int)errs->n; i++)
			tdata_text(e, errs->items[i].field,
			    errs->items[i].message);
	}
	if (new_token != NULL)
		tdata_text(d, "new_token", new_token);
	if (token_error != NULL)
		tdata_text(d, "token_error", token_error);
	list = tdata_list(d, "tokens");
	for (i = 0; i < PQntuples(rows); i++) {
		t = tlist_add(list);
		tdata_text(t, "id", PQgetvalue(rows, i, 0));
		tdata_text(t, "name", PQgetvalue(rows, i, 1));
		tdata_text(t, "created", PQgetvalue(rows, i, 2));
		if (!PQgetisnull(rows, i, 3))
			tdata_text(t, "last_used", PQgetvalue(rows, i, 3));
		tdata_bool(t, "revoked", db_bool(PQgetvalue(rows, i, 4)));
	}
	tdata_bool(d, "has_tokens", PQntuples(rows) > 0);
	PQclear(rows);
	return (web_render(ctx, status, "pages/account"));
}

int
serve_account(struct web_ctx *ctx)
{
	return (account_page(ctx, HTTP_STATUS_OK, NULL, NULL, NULL));
}

/*
 * Changing the own password: the current one is verified and the new one
 * hashed in one task; then the hash is stored and every other session of
 * the user ends. Shared with the API (api/account.c).
 */
int
account_password_change(struct web_ctx *ctx, const char *current,
    const char *password, const char *confirm, struct verr *errs,
    enum db_result *result)
{
	struct db_actor a;
	struct db *db;
	PGresult *res;
	const char *problem;
	enum db_result r;

	*result = DB_INVALID;
	if (web_pw_running(ctx))
		return (KORE_RESULT_RETRY);
	if (!ctx->pw.started) {
		if (current == NULL || *current == '\0')
			verr_add(errs, "current", "请输入当前密码");
		if (password == NULL ||
		    (problem = password_problem(password,
		         ctx->user.username)) != NULL)
			verr_add(errs, "password", "%s",
			    password == NULL ? "请输入新密码" : problem);
		else if (confirm != NULL && strcmp(password, confirm) != 0)
			verr_add(errs, "confirm", "两次输入的新密码不一致");
		if (errs->n > 0)
			return (KORE_RESULT_OK);
		if ((db = web_db(ctx)) == NULL) {
			*result = DB_ERROR;
			return (KORE_RESULT_OK);
		}
		r = DB_QUERY_ONE(db, SQL_USER_PASSWORD_HASH, &res,
		    ctx->user.bureau_id, ctx->user.id);
		if (r != DB_OK) {
			*result = r;
			return (KORE_RESULT_OK);
		}
		(void)web_pw_start(ctx, PW_VERIFY_AND_HASH,
		    PQgetvalue(res, 0, 0), current, password);
		PQclear(res);
		return (KORE_RESULT_RETRY);
	}
	if (!ctx->pw.verified) {
		verr_add(errs, "current", "当前密码不正确");
		return (KORE_RESULT_OK);
	}
	if (!ctx->pw.hashed || (db = web_db(ctx)) == NULL) {
		*result = DB_ERROR;
		return (KORE_RESULT_OK);
	}
	a = web_actor(ctx, "account.password");
	*result = db_user_set_password(db, &a, ctx->user.id, ctx->pw.new_hash,
	    ctx->user.via_token ? NULL : ctx->user.session_hash);
	return (KORE_RESULT_OK);
}

int
serve_account_password(struct web_ctx *ctx)
{
	struct verr errs;
	enum db_result r;
	int rc;

	verr_init(&errs);
	rc = account_password_change(ctx, web_param(ctx, "current"),
	    web_param(ctx, "password"), web_param(ctx, "confirm"), &errs, &r);
	if (rc == KORE_RESULT_RETRY)
		return (rc);
	if (errs.n > 0)
		return (account_page(ctx, HTTP_STATUS_UNPROCESSABLE, &errs,
		    NULL, NULL));
	if (r != DB_OK)
		return (web_db_error(ctx, r, NULL));
	web_flash(ctx, "password");
	return (web_redirect(ctx, "/account"));
}

/* Creates a token for the user; token receives the secret, shown once. */
enum db_result
account_token_create(struct web_ctx *ctx, const char *name, struct verr *errs,
    char token[80], char id[40])
{
	struct db_actor a;
	struct db *db;
	char body[64], hash[80];

	if ((db = web_db(ctx)) == NULL)
		return (DB_ERROR);
	web_random_token(body);
	/* A prefix makes leaked tokens easy to recognise and grep for. */
	(void)snprintf(token, 80, "gs_%s", body);
	web_token_hash(token, hash);
	a = web_actor(ctx, "tokens.create");
	return (db_token_create(db, &a, name, hash, errs, id));
}

int
serve_account_token_create(struct web_ctx *ctx)
{
	struct verr errs;
	char token[80], id[40];
	enum db_result r;

	verr_init(&errs);
	r = account_token_create(ctx, web_param(ctx, "name"), &errs, token, id);
	if (r == DB_INVALID)
		return (account_page(ctx, HTTP_STATUS_UNPROCESSABLE, NULL, NULL,
		    errs.items[0].message));
	if (r != DB_OK)
		return (web_db_error(ctx, r, &errs));
	/* Rendered directly, not redirected: the token is shown only once. */
	return (account_page(ctx, HTTP_STATUS_CREATED, NULL, token, NULL));
}

int
serve_account_token_revoke(struct web_ctx *ctx)
{
	struct db_actor a;
	struct db *db;
	enum db_result r;

	if ((db = web_db(ctx)) == NULL)
		return (KORE_RESULT_OK);
	a = web_actor(ctx, "tokens.revoke");
	if ((r = db_token_revoke(db, &a, ctx->caps.v[0])) != DB_OK)
		return (web_db_error(ctx, r, NULL));
	web_flash(ctx, "token_revoked");
	return (web_redirect(ctx, "/account"));
}
