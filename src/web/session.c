/*
 * session.c — who is asking: session cookies, bearer tokens, CSRF, and
 * signing in and out.
 *
 * A session token is 256 random bits, sent only in an HttpOnly,
 * SameSite=Strict cookie and stored only as its SHA-256. The CSRF token is
 * a separate random value bound to the session, compared in constant time.
 * Sign-in failures are counted per account name and per address in the
 * database (all workers and app servers share them); the answer never
 * reveals whether an account exists, in its text or in its timing.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "core/log.h"
#include "db/audit.h"
#include "db/pgarray.h"
#include "web/web.h"

#define SESSION_COOKIE "gs_session"
#define LOGIN_COOKIE "gs_login"

void
web_random_token(char out[64])
{
	unsigned char raw[32];

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(out, 64, raw, sizeof(raw),
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

void
web_token_hash(const char *token, char out[80])
{
	unsigned char h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, (const unsigned char *)token, strlen(token));
	out[0] = '\\';
	out[1] = 'x';
	hex_encode(h, sizeof(h), out + 2);
}

static void
set_cookie(struct web_ctx *ctx, const char *name, const char *value, int clear)
{
	char line[256];

	(void)snprintf(line, sizeof(line),
	    "%s=%s; Path=/; HttpOnly; SameSite=Strict%s%s", name, value,
	    clear ? "; Max-Age=0" : "",
	    web_settings.secure_cookies ? "; Secure" : "");
	http_response_header(ctx->req, "set-cookie", line);
}

static const char *
cookie(struct web_ctx *ctx, const char *name)
{
	char *v;

	http_populate_cookies(ctx->req);
	if (!http_request_cookie(ctx->req, name, &v))
		return (NULL);
	return (v);
}

/* Fills ctx->user from a SESSION_USER or TOKEN_USER row. */
static void
user_from_row(struct web_ctx *ctx, const PGresult *res)
{
	struct web_user *u = &ctx->user;
	const char *squad;

	u->signed_in = 1;
	(void)snprintf(u->id, sizeof(u->id), "%s", PQgetvalue(res, 0, 0));
	(void)snprintf(u->bureau_id, sizeof(u->bureau_id), "%s",
	    PQgetvalue(res, 0, 1));
	(void)snprintf(u->username, sizeof(u->username), "%s",
	    PQgetvalue(res, 0, 2));
	(void)snprintf(u->display_name, sizeof(u->display_name), "%s",
	    PQgetvalue(res, 0, 3));
	u->roles = roles_from_pg_array(PQgetvalue(res, 0, 4));
	squad = db_value(res, 0, 5);
	(void)snprintf(u->squad_id, sizeof(u->squad_id), "%s",
	    squad ? squad : "");
	(void)snprintf(u->bureau_name, sizeof(u->bureau_name), "%s",
	    PQgetvalue(res, 0, 7));
	u->registry_rev = strtoll(PQgetvalue(res, 0, 9), NULL, 10);
}

static int
auth_bearer(struct web_ctx *ctx, struct db *d, const char *token)
{
	PGresult *res;
	char hash[80];
	enum db_result r;

	web_token_hash(token, hash);
	r = DB_QUERY_ONE(d, SQL_TOKEN_USER, &res, hash);
	if (r == DB_NOTFOUND)
		return (web_error(ctx, HTTP_STATUS_UNAUTHORIZED,
		            "invalid_token", "令牌无效或已撤销"),
		    0);
	if (r != DB_OK)
		return (web_db_error(ctx, r, NULL), 0);
	user_from_row(ctx, res);
	ctx->user.via_token = 1;
	(void)snprintf(ctx->user.token_id, sizeof(ctx->user.token_id), "%s",
	    PQgetvalue(res, 0, 6));
	if (db_set_bureau(d, ctx->user.bureau_id) != DB_OK) {
		PQclear(res);
		return (web_db_error(ctx, DB_ERROR, NULL), 0);
	}
	if (db_bool(PQgetvalue(res, 0, 8)))
		(void)DB_QUERY(d, SQL_TOKEN_TOUCH, NULL, ctx->user.token_id);
	PQclear(res);
	return (1);
}

static int
auth_cookie(struct web_ctx *ctx, struct db *d, const char *token)
{
	PGresult *res;
	char idle[16];
	enum db_result r;

	web_token_hash(token, ctx->user.session_hash);
	r = DB_QUERY_ONE(d, SQL_SESSION_USER, &res, ctx->user.session_hash);
	if (r == DB_NOTFOUND) {
		/* Expired or signed out elsewhere: forget the cookie. */
		set_cookie(ctx, SESSION_COOKIE, "", 1);
		ctx->user.session_hash[0] = '\0';
		return (1);
	}
	if (r != DB_OK)
		return (web_db_error(ctx, r, NULL), 0);
	user_from_row(ctx, res);
	(void)snprintf(ctx->user.csrf, sizeof(ctx->user.csrf), "%s",
	    PQgetvalue(res, 0, 6));
	if (db_set_bureau(d, ctx->user.bureau_id) != DB_OK) {
		PQclear(res);
		return (web_db_error(ctx, DB_ERROR, NULL), 0);
	}
	/* Extend the idle limit at most once a minute, not on every hit. */
	if (db_bool(PQgetvalue(res, 0, 8))) {
		(void)snprintf(idle, sizeof(idle), "%d",
		    web_settings.session_idle_minutes);
		(void)DB_QUERY(d, SQL_SESSION_TOUCH, NULL,
		    ctx->user.session_hash, idle);
	}
	PQclear(res);
	return (1);
}

int
web_authenticate(struct web_ctx *ctx)
{
	struct db *d;
	const char *auth, *token;

	auth = web_header(ctx, "authorization");
	token = cookie(ctx, SESSION_COOKIE);
	if (auth == NULL && (token == NULL || *token == '\0'))
		return (1);
	if ((d = web_db_conn(ctx)) == NULL)
		return (0);
	if (auth != NULL) {
		if (strncasecmp(auth, "Bearer ", 7) != 0)
			return (web_error(ctx, HTTP_STATUS_UNAUTHORIZED,
			            "invalid_token",
			            "Authorization 须为 Bearer 令牌"),
			    0);
		return (auth_bearer(ctx, d, auth + 7));
	}
	return (auth_cookie(ctx, d, token));
}

/* 1 when the request comes from our own pages (Origin, when sent). */
static int
same_origin(struct web_ctx *ctx)
{
	const char *origin, *host, *p;

	if ((origin = web_header(ctx, "origin")) == NULL)
		return (1);
	host = ctx->req->host;
	if ((p = strstr(origin, "://")) == NULL)
		return (0);
	return (strcmp(p + 3, host) == 0);
}

static int
token_equal(const char *a, const char *b)
{
	size_t len;

	len = strlen(a);
	if (len == 0 || len != strlen(b))
		return (0);
	return (sodium_memcmp(a, b, len) == 0);
}

int
web_csrf_ok(struct web_ctx *ctx)
{
	const char *sent;

	if (ctx->user.via_token)
		return (1);
	if (!same_origin(ctx))
		return (0);
	if ((sent = web_header(ctx, "x-csrf-token")) == NULL) {
		if (!web_form(ctx, web_settings.import_body_max))
			return (0);
		sent = web_param(ctx, "_csrf");
	}
	return (sent != NULL && token_equal(sent, ctx->user.csrf));
}

void
web_login_token_issue(struct web_ctx *ctx, char out[64])
{
	web_random_token(out);
	set_cookie(ctx, LOGIN_COOKIE, out, 0);
}

int
web_login_token_ok(struct web_ctx *ctx)
{
	const char *c, *sent;

	if (!same_origin(ctx))
		return (0);
	c = cookie(ctx, LOGIN_COOKIE);
	sent = web_param(ctx, "_login");
	return (c != NULL && sent != NULL && token_equal(c, sent));
}

/* "user:<name>" and "addr:<address>" as a PostgreSQL text[] literal's
 * elements; the name is already lowercase ASCII-checked. */
static void
throttle_keys(struct web_ctx *ctx, const char *username, char *user_key,
    size_t ulen, char *addr_key, size_t alen)
{
	char addr[64];

	web_client_addr(ctx, addr, sizeof(addr));
	(void)snprintf(user_key, ulen, "user:%s", username);
	(void)snprintf(addr_key, alen, "addr:%s", addr);
}

/* Account names are lowercase; anything else cannot exist. */
static void
normalise_username(const char *in, char out[40])
{
	size_t i;

	for (i = 0; i < 39 && in[i] != '\0'; i++)
		out[i] = (char)tolower((unsigned char)in[i]);
	out[i] = '\0';
}

static int
login_begin(struct web_ctx *ctx, struct db *d, const char *username,
    const char *password, enum login_outcome *outcome)
{
	PGresult *res;
	struct pgarray keys;
	char ukey[64], akey[80];
	const char *hash;
	enum db_result r;

	normalise_username(username, ctx->pw.username);
	throttle_keys(ctx, ctx->pw.username, ukey, sizeof(ukey), akey,
	    sizeof(akey));
	pgarray_init(&keys);
	pgarray_add(&keys, ukey);
	pgarray_add(&keys, akey);
	r = DB_QUERY(d, SQL_THROTTLE_LOCKED, &res, pgarray_finish(&keys));
	pgarray_free(&keys);
	if (r != DB_OK) {
		*outcome = LOGIN_ERROR;
		return (web_db_error(ctx, r, NULL));
	}
	if (PQntuples(res) > 0) {
		PQclear(res);
		*outcome = LOGIN_THROTTLED;
		return (KORE_RESULT_OK);
	}
	PQclear(res);

	hash = NULL;
	r = DB_QUERY(d, SQL_AUTH_USER, &res, ctx->pw.username);
	if (r != DB_OK) {
		*outcome = LOGIN_ERROR;
		return (web_db_error(ctx, r, NULL));
	}
	if (PQntuples(res) == 1 && db_bool(PQgetvalue(res, 0, 3))) {
		ctx->pw.known = 1;
		(void)snprintf(ctx->pw.user_id, sizeof(ctx->pw.user_id), "%s",
		    PQgetvalue(res, 0, 0));
		(void)snprintf(ctx->pw.bureau_id, sizeof(ctx->pw.bureau_id),
		    "%s", PQgetvalue(res, 0, 1));
		hash = PQgetvalue(res, 0, 2);
	}
	/* Unknown or inactive: the same work against a dummy hash. */
	(void)web_pw_start(ctx, PW_VERIFY, hash, password, NULL);
	PQclear(res);
	return (KORE_RESULT_RETRY);
}

static int
login_fail(struct web_ctx *ctx, struct db *d)
{
	char ukey[64], akey[80], max[16], mins[16], maxa[16];

	throttle_keys(ctx, ctx->pw.username, ukey, sizeof(ukey), akey,
	    sizeof(akey));
	(void)snprintf(max, sizeof(max), "%d", web_settings.login_max_failures);
	(void)snprintf(maxa, sizeof(maxa), "%d",
	    web_settings.login_max_failures_addr);
	(void)snprintf(mins, sizeof(mins), "%d",
	    web_settings.login_lock_minutes);
	if (DB_QUERY(d, SQL_THROTTLE_FAIL, NULL, ukey, max, mins) != DB_OK ||
	    DB_QUERY(d, SQL_THROTTLE_FAIL, NULL, akey, maxa, mins) != DB_OK)
		return (GS_ERROR);
	gs_log(LOG_LEVEL_WARN, "sign-in failed for %s", ukey);
	return (GS_OK);
}

/* Creates the session row (with its audit event) and sets the cookie. */
static enum db_result
session_start(struct web_ctx *ctx, struct db *d)
{
	struct db_actor a;
	PGresult *res;
	char token[64], csrf[64], hash[80], idle[16], abs[16];
	char addr[64];
	const char *agent;
	enum db_result r;

	web_random_token(token);
	web_random_token(csrf);
	web_token_hash(token, hash);
	web_client_addr(ctx, addr, sizeof(addr));
	agent = web_header(ctx, "user-agent");
	(void)snprintf(idle, sizeof(idle), "%d",
	    web_settings.session_idle_minutes);
	(void)snprintf(abs, sizeof(abs), "%d",
	    web_settings.session_absolute_hours);

	a.bureau_id = ctx->pw.bureau_id;
	a.user_id = ctx->pw.user_id;
	a.username = ctx->pw.username;
	a.context = "session.signin";
	a.request_id = ctx->request_id;
	if ((r = db_begin_write(d, &a)) != DB_OK)
		return (r);
	r = DB_QUERY(d, SQL_SESSION_CREATE, NULL, hash, a.bureau_id, a.user_id,
	    csrf, idle, abs, addr, agent ? agent : "");
	if (r == DB_OK)
		r = db_audit_event(d, &a, "session.signin", "app_user",
		    a.user_id, NULL, NULL);
	if (r == DB_OK)
		r = db_commit(d);
	if (r != DB_OK) {
		db_rollback(d);
		return (r);
	}
	set_cookie(ctx, SESSION_COOKIE, token, 0);
	/* The new session is this request's identity from now on. */
	if ((r = DB_QUERY_ONE(d, SQL_SESSION_USER, &res, hash)) != DB_OK)
		return (r);
	user_from_row(ctx, res);
	(void)snprintf(ctx->user.csrf, sizeof(ctx->user.csrf), "%s", csrf);
	(void)snprintf(ctx->user.session_hash, sizeof(ctx->user.session_hash),
	    "%s", hash);
	PQclear(res);
	return (db_set_bureau(d, ctx->user.bureau_id));
}

int
web_login(struct web_ctx *ctx, const char *username, const char *password,
    enum login_outcome *outcome)
{
	struct db *d;
	char ukey[64], akey[80];
	enum db_result r;

	if (web_pw_running(ctx))
		return (KORE_RESULT_RETRY);
	if ((d = web_db(ctx)) == NULL) {
		*outcome = LOGIN_ERROR;
		return (KORE_RESULT_OK);
	}
	if (!ctx->pw.started)
		return (login_begin(ctx, d, username, password, outcome));

	if (!ctx->pw.known || !ctx->pw.verified) {
		if (!login_fail(ctx, d)) {
			*outcome = LOGIN_ERROR;
			return (web_db_error(ctx, DB_ERROR, NULL));
		}
		*outcome = LOGIN_FAILED;
		return (KORE_RESULT_OK);
	}
	throttle_keys(ctx, ctx->pw.username, ukey, sizeof(ukey), akey,
	    sizeof(akey));
	(void)DB_QUERY(d, SQL_THROTTLE_CLEAR, NULL, ukey);
	if ((r = session_start(ctx, d)) != DB_OK) {
		*outcome = LOGIN_ERROR;
		return (web_db_error(ctx, r, NULL));
	}
	*outcome = LOGIN_OK;
	return (KORE_RESULT_OK);
}

void
web_session_end(struct web_ctx *ctx)
{
	struct db_actor a;
	struct db *d;

	set_cookie(ctx, SESSION_COOKIE, "", 1);
	if (ctx->user.session_hash[0] == '\0' || (d = web_db(ctx)) == NULL)
		return;
	a = web_actor(ctx, "session.signout");
	if (db_begin_write(d, &a) != DB_OK)
		return;
	if (DB_QUERY(d, SQL_SESSION_DELETE, NULL, ctx->user.session_hash) !=
	        DB_OK ||
	    db_audit_event(d, &a, "session.signout", "app_user", ctx->user.id,
	        NULL, NULL) != DB_OK ||
	    db_commit(d) != DB_OK)
		db_rollback(d);
}
