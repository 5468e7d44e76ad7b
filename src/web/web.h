/*
 * web.h — the Kore glue: the request context every handler receives, and
 * the helpers through which handlers read input and answer.
 *
 * Kore calls exactly one function of ours, gs_dispatch(); it matches the
 * route (routes.def), authenticates, checks the route's permission and the
 * CSRF token, then calls the handler with a struct web_ctx. Handlers are
 * thin: they turn input into core structs, call a service in src/db and
 * turn the result into HTML (pages/) or JSON (api/). Nothing here decides
 * a business rule.
 */
#ifndef GS_WEB_WEB_H
#define GS_WEB_WEB_H

#include <sys/types.h>

#include <stdint.h>

#include <kore/kore.h>
#include <kore/http.h>
#include <kore/pgsql.h>
#include <kore/tasks.h>

#include "core/form.h"
#include "core/json.h"
#include "core/multipart.h"
#include "core/password.h"
#include "core/perm.h"
#include "core/router.h"
#include "core/tmpl.h"
#include "core/verr.h"
#include "db/db.h"

/* Statuses Kore's enum lacks. */
#define HTTP_STATUS_UNPROCESSABLE 422
#define HTTP_STATUS_TOO_MANY_REQUESTS 429

struct web_user {
	int signed_in;
	int via_token; /* bearer token: no cookie, no CSRF */
	uint32_t roles;
	char id[40];
	char bureau_id[40];
	char squad_id[40];
	char token_id[40];
	char username[40];
	char display_name[200];
	char bureau_name[300];
	char csrf[80];
	char session_hash[80]; /* \x + hex SHA-256 of the cookie */
	/* bureau_rev.registry as of this request (db_entity_index). */
	int64_t registry_rev;
};

/*
 * Password work (argon2id) runs in a Kore task so that the worker's event
 * loop keeps serving others. The struct lives inside the request context,
 * which Kore frees only after the task is done, whatever the client does.
 */
enum pw_op {
	PW_VERIFY,          /* pw against hash */
	PW_HASH,            /* pw into new_hash */
	PW_VERIFY_AND_HASH, /* pw against hash, then pw2 into new_hash */
};

struct pw_work {
	struct kore_task task; /* first: the entry casts */
	int started;
	enum pw_op op;
	char hash[PASSWORD_HASH_LEN];
	char pw[PASSWORD_MAX_BYTES + 1];
	char pw2[PASSWORD_MAX_BYTES + 1];
	int verified;
	int hashed;
	char new_hash[PASSWORD_HASH_LEN];
	/* What the first half of a handler found, for its second half. */
	int known;
	char user_id[40];
	char bureau_id[40];
	char username[40];
};

struct web_ctx;
typedef int (*web_handler)(struct web_ctx *);

struct route {
	const char *method;
	const char *pattern;
	enum perm perm;
	web_handler handler;
	const char *handler_name;
};

struct web_ctx {
	struct http_request *req;
	const struct route *route;
	struct route_captures caps; /* path placeholders */
	char request_id[24];
	int api; /* answers in JSON */
	struct web_user user;
	uint64_t start_ms;

	struct kore_pgsql sql; /* borrowed connection */
	int have_sql;
	struct db *db;
	struct kore_pgsql sql2; /* a second one, for two reads at once */
	int have_sql2;
	struct db *db2;

	struct tdata *page; /* HTML render data */
	struct buf body;
	int body_read;
	struct form form;    /* urlencoded body */
	struct multipart mp; /* multipart body */
	int form_parsed;
	struct form query;
	int query_parsed;
	struct json_doc *json;
	void *spool; /* a multipart body, on disk and mapped (web_form) */
	size_t spool_len;

	struct pw_work pw;
	struct import_work *import; /* a legacy case import (importtask.c) */
	int cleaned;
};

/* Settings read once from the environment at start-up (module.c). */
struct web_settings {
	const char *db_url;
	const char *var_dir;
	const char *root; /* templates/ and assets/ live here */
	int secure_cookies;
	int trust_proxy;
	int session_idle_minutes;
	int session_absolute_hours;
	int login_max_failures; /* per account name */
	int login_max_failures_addr;
	int login_lock_minutes;
	size_t json_body_max;
	size_t import_body_max;
	size_t evidence_body_max;    /* one upload: file and fields */
	size_t case_import_body_max; /* the legacy case import's file */
	const char *today;           /* GS_TODAY or NULL */
};

extern struct web_settings web_settings;
extern struct tmpl_set *web_templates;

/* dispatch.c */
int gs_dispatch(struct http_request *);
/* The request's client address (X-Forwarded-For behind a trusted proxy). */
void web_client_addr(struct web_ctx *, char *out, size_t len);

/* db.c: the request's connection, with the user's bureau set (NULL and a
 * 503 answer already sent when the database is unavailable). */
struct db *web_db(struct web_ctx *);
/* The connection without setting a bureau: only for the sign-in lookups,
 * which go through SECURITY DEFINER functions. */
struct db *web_db_conn(struct web_ctx *);
/* A second connection with the user's bureau, for a read that runs two
 * statements side by side (db_pipeline_pair); NULL, and nothing answered,
 * when the worker's pool has none free: the caller then uses web_db's. */
struct db *web_db_second(struct web_ctx *);
void web_db_release(struct web_ctx *);
/* A db_actor for the signed-in user, for write transactions. */
struct db_actor web_actor(struct web_ctx *, const char *context);

/* input.c */
/* Reads the body (at most max bytes, else 413 sent and GS_ERROR). */
int web_body(struct web_ctx *, size_t max);
/*
 * Parses a form body, urlencoded or multipart (at most max bytes). A
 * multipart body is spooled to an unlinked file under GS_VAR_DIR/tmp and
 * mapped (ctx->spool), so an upload does not sit in the worker's heap.
 * On malformed input answers 400/413 and returns GS_ERROR.
 */
int web_form(struct web_ctx *, size_t max);
/* A new unlinked file under GS_VAR_DIR/tmp named after tag; -1 (logged). */
int web_spool_file(const char *tag);
/* A form field (after web_form), or NULL. */
const char *web_param(struct web_ctx *, const char *name);
/* The i-th value of a repeated urlencoded field (checkboxes), or NULL. */
const char *web_param_nth(struct web_ctx *, const char *name, size_t i);
/* A file part of a multipart form, or NULL. */
const struct multipart_part *web_file(struct web_ctx *, const char *name);
/* The query string, parsed. Never NULL. */
const struct form *web_query(struct web_ctx *);
/*
 * The JSON object body. Unknown keys (not in allowed) and malformed JSON
 * answer 400/422 themselves and return NULL.
 */
const struct json_value *
web_json_body(struct web_ctx *, const char *const *allowed);
const char *web_header(struct web_ctx *, const char *name);
/* A query parameter as a positive integer in [1, max], else def. */
int64_t
web_query_int(struct web_ctx *, const char *name, int64_t def, int64_t max);

/* respond.c: each answers the request and returns KORE_RESULT_OK. */
struct tdata *web_page(struct web_ctx *);
int web_render(struct web_ctx *, int status, const char *tmpl);
int web_redirect(struct web_ctx *, const char *location);
/* Answers with a whole HTML page rendered outside the layout; frees it. */
int web_html(struct web_ctx *, int status, struct buf *page);
int web_json(struct web_ctx *, int status, const struct buf *);
int
web_error(struct web_ctx *, int status, const char *code, const char *message);
int web_invalid(struct web_ctx *, const struct verr *);
/* The answer for a service's failure: 404, 409, 422 (errs) or 500. */
int web_db_error(struct web_ctx *, enum db_result, const struct verr *errs);
/* Sets the one-shot message shown after the next redirect. */
void web_flash(struct web_ctx *, const char *code);
void web_security_headers(struct web_ctx *);
/*
 * Sends a file as an attachment named name, from the page cache through
 * Kore's file references (never copied into the worker's heap). web_send_fd
 * takes fd (ref_name must be unique to it); web_send_file opens path.
 */
int web_send_fd(struct web_ctx *, int fd, const char *ref_name,
    const char *type, const char *name);
int web_send_file(struct web_ctx *, const char *path, const char *type,
    const char *name);

/*
 * importtask.c: the legacy case import (db/imports.h) in a Kore task with
 * connections of its own, so that the worker goes on serving (the upload
 * screen's progress among others) while a large file is imported.
 * web_import_start takes data (which must outlive the task: the request's
 * spool) and returns KORE_RESULT_RETRY for the handler to return, or
 * KORE_RESULT_OK when it could not start (answered). The handler runs
 * again when the task is done: web_import_running is then 0 and
 * web_import_outcome gives the result.
 */
struct case_import_outcome;
int web_import_start(struct web_ctx *, const char *data, size_t len);
int web_import_running(struct web_ctx *);
/* Frees what an import kept (once its task is done; dispatch.c). */
void web_import_free(struct web_ctx *);
/* The outcome and the service's result; NULL before a start. */
const struct case_import_outcome *
web_import_outcome(struct web_ctx *, enum db_result *r);
/* The request body spooled and mapped (ctx->spool, ctx->spool_len), at
 * most max bytes; answers 413/400/500 itself on GS_ERROR. */
int web_spool_body(struct web_ctx *, size_t max);

/* pwtask.c: starts the work and returns KORE_RESULT_RETRY for the
 * handler to return; the handler runs again when the task is done. */
int web_pw_start(struct web_ctx *, enum pw_op, const char *hash, const char *pw,
    const char *pw2);
/* 1 while the task runs (the handler then returns KORE_RESULT_RETRY). */
int web_pw_running(struct web_ctx *);
void web_pw_wipe(struct web_ctx *);

/* session.c */
enum login_outcome {
	LOGIN_OK,
	LOGIN_FAILED,    /* wrong name or password: never says which */
	LOGIN_THROTTLED, /* too many failures: 429 */
	LOGIN_ERROR,     /* the database failed; answered already */
};

/*
 * Signs in: the throttle, the lookup, argon2id in a task, the session.
 * Returns KORE_RESULT_RETRY while the password is being checked (return
 * that from the handler); KORE_RESULT_OK with *outcome set when done, and
 * on LOGIN_OK the session cookie set and ctx->user filled.
 */
int web_login(struct web_ctx *, const char *username, const char *password,
    enum login_outcome *outcome);
int web_authenticate(struct web_ctx *);
int web_csrf_ok(struct web_ctx *);
/* Ends the cookie session (row and cookie), with an audit event. */
void web_session_end(struct web_ctx *);
/* The pre-session token of the sign-in form (cookie gs_login). */
void web_login_token_issue(struct web_ctx *, char out[64]);
int web_login_token_ok(struct web_ctx *);
/* A fresh random token as text (43 base64url characters). */
void web_random_token(char out[64]);
/* \x + hex SHA-256 of token, the form PostgreSQL reads as bytea. */
void web_token_hash(const char *token, char out[80]);

/* Today in the bureau's time zone, or GS_TODAY. */
void web_today(char out[16]);
/* Now; under GS_TODAY, that day at the present time of day (Shanghai). */
time_t web_now(void);

#endif
