/*
 * dispatch.c — the one Kore handler: routing, authentication, the
 * permission check, CSRF, and the access log.
 *
 * Order of the checks, and why: an unknown path is 404 for everyone (it
 * reveals nothing); a known path with another method is 405; then the
 * caller must be signed in (401 for the API, a redirect to /login for
 * pages); then the route's permission (403); then, for a state change
 * made with a session cookie, the CSRF token (403). Only then does a
 * handler run, so no handler can forget a check.
 */
#include <sys/mman.h>
#include <sys/socket.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "core/log.h"
#include "web/assets.h"
#include "web/handlers.h"
#include "web/web.h"

static const struct route routes[] = {
#define ROUTE(method, pattern, perm, handler) \
	{ #method, pattern, perm, handler, #handler },
#include "web/routes.def"
#undef ROUTE
};

static void
web_ctx_cleanup(struct web_ctx *ctx)
{
	if (ctx->cleaned)
		return;
	/*
	 * A task reads what the request holds (an import the spooled
	 * upload, argon2id the password): nothing goes, and the password is
	 * not wiped, while one runs. Kore calls onfree before it looks at
	 * the request's tasks, and again on every pass until they are done
	 * (a client that went away mid-import).
	 */
	if (web_import_running(ctx) || web_pw_running(ctx))
		return;
	ctx->cleaned = 1;
	web_db_release(ctx);
	web_pw_wipe(ctx);
	web_import_free(ctx);
	if (ctx->page != NULL)
		tdata_free(ctx->page);
	ctx->page = NULL;
	buf_free(&ctx->body);
	form_free(&ctx->form);
	multipart_free(&ctx->mp);
	form_free(&ctx->query);
	if (ctx->json != NULL)
		json_free(ctx->json);
	ctx->json = NULL;
	if (ctx->spool != NULL)
		(void)munmap(ctx->spool, ctx->spool_len);
	ctx->spool = NULL;
}

/* Kore frees the request (and our state after this) on every path,
 * including a client that went away while a task was running. */
static void
web_ctx_onfree(struct http_request *req)
{
	struct web_ctx *ctx;

	if ((ctx = http_state_get(req)) != NULL)
		web_ctx_cleanup(ctx);
}

void
web_client_addr(struct web_ctx *ctx, char *out, size_t len)
{
	struct connection *c;
	const char *fwd;
	size_t n;

	if (web_settings.trust_proxy &&
	    (fwd = web_header(ctx, "x-forwarded-for")) != NULL) {
		/* nginx appends the peer it saw last: take the last hop. */
		if (strrchr(fwd, ',') != NULL)
			fwd = strrchr(fwd, ',') + 1;
		while (*fwd == ' ')
			fwd++;
		n = strcspn(fwd, " ");
		(void)snprintf(out, len, "%.*s", (int)n, fwd);
		return;
	}
	c = ctx->req->owner;
	out[0] = '\0';
	if (c == NULL)
		return;
	if (c->family == AF_INET)
		(void)inet_ntop(AF_INET, &c->addr.ipv4.sin_addr, out,
		    (socklen_t)len);
	else if (c->family == AF_INET6)
		(void)inet_ntop(AF_INET6, &c->addr.ipv6.sin6_addr, out,
		    (socklen_t)len);
	else
		(void)snprintf(out, len, "unix");
}

static void
access_log(struct web_ctx *ctx)
{
	struct json_writer w;
	struct buf line;
	char addr[64], ts[64];
	uint64_t ms;

	ms = kore_time_ms() - ctx->start_ms;
	web_client_addr(ctx, addr, sizeof(addr));
	buf_init(&line);
	jw_init(&w, &line);
	gs_log_timestamp(ts, sizeof(ts));
	jw_object_begin(&w, NULL);
	jw_string(&w, "t", ts);
	jw_string(&w, "level", "info");
	jw_string(&w, "type", "access");
	jw_string(&w, "req", ctx->request_id);
	jw_string(&w, "method", http_method_text(ctx->req->method));
	jw_string(&w, "path", ctx->req->path);
	jw_int(&w, "status", ctx->req->status);
	jw_int(&w, "ms", (int64_t)ms);
	jw_string(&w, "user", ctx->user.signed_in ? ctx->user.username : "");
	jw_string(&w, "addr", addr);
	jw_int(&w, "worker", (int64_t)getpid());
	jw_object_end(&w);
	gs_log_line(line.data, line.len);
	buf_free(&line);
}

static const struct route *
route_find(struct web_ctx *ctx, int *method_mismatch)
{
	const char *method;
	size_t i;

	*method_mismatch = 0;
	method = http_method_text(ctx->req->method);
	if (ctx->req->method == HTTP_METHOD_HEAD)
		method = "GET";
	for (i = 0; i < GS_NELEM(routes); i++) {
		if (!route_match(routes[i].pattern, ctx->req->path, &ctx->caps))
			continue;
		if (strcmp(routes[i].method, method) == 0)
			return (&routes[i]);
		*method_mismatch = 1;
	}
	return (NULL);
}

static int
changes_state(const struct http_request *req)
{
	return (req->method == HTTP_METHOD_POST ||
	    req->method == HTTP_METHOD_PUT ||
	    req->method == HTTP_METHOD_PATCH ||
	    req->method == HTTP_METHOD_DELETE);
}

/* KORE_RESULT_OK when the handler may run; otherwise the answer is sent. */
static int
web_admit(struct web_ctx *ctx)
{
	int mismatch;

	if ((ctx->route = route_find(ctx, &mismatch)) == NULL) {
		if (mismatch)
			return (web_error(ctx, HTTP_STATUS_METHOD_NOT_ALLOWED,
			            "method_not_allowed", "不支持该请求方法"),
			    0);
		return (web_error(ctx, HTTP_STATUS_NOT_FOUND, "not_found",
		            "页面不存在"),
		    0);
	}
	if (!web_authenticate(ctx))
		return (0);
	if (ctx->route->perm == PERM_PUBLIC)
		return (1);
	if (!ctx->user.signed_in) {
		if (ctx->api)
			return (web_error(ctx, HTTP_STATUS_UNAUTHORIZED,
			            "unauthenticated", "请先登录"),
			    0);
		return (web_redirect(ctx, "/login"), 0);
	}
	if (!perm_allows(ctx->user.roles, ctx->route->perm))
		return (web_error(ctx, HTTP_STATUS_FORBIDDEN, "forbidden",
		            "您没有执行此操作的权限"),
		    0);
	/* Pages read their forms through web_param(): parse the body once,
	 * here, whichever way the CSRF token arrives. An evidence upload may
	 * be as large as the API's (it is spooled to disk, not the heap). */
	if (changes_state(ctx->req) && !ctx->api &&
	    !web_form(ctx,
	        ctx->route->perm == PERM_EVIDENCE_WRITE ?
	            web_settings.evidence_body_max :
	            ctx->route->perm == PERM_CASE_IMPORT ?
	            web_settings.case_import_body_max :
	            web_settings.import_body_max))
		return (0);
	if (changes_state(ctx->req) && !web_csrf_ok(ctx))
		return (web_error(ctx, HTTP_STATUS_FORBIDDEN, "csrf",
		            "请求校验失败（CSRF），请刷新页面后重试"),
		    0);
	return (1);
}

static void
web_ctx_init(struct web_ctx *ctx, struct http_request *req)
{
	unsigned char id[8];

	ctx->req = req;
	ctx->start_ms = kore_time_ms();
	randombytes_buf(id, sizeof(id));
	hex_encode(id, sizeof(id), ctx->request_id);
	ctx->api = strncmp(req->path, "/api/", 5) == 0;
	buf_init(&ctx->body);
}

int
gs_dispatch(struct http_request *req)
{
	struct web_ctx *ctx;
	int r;

	if (strncmp(req->path, "/assets/", 8) == 0)
		return (assets_serve(req));

	if ((ctx = http_state_get(req)) == NULL) {
		ctx = http_state_create(req, sizeof(*ctx), web_ctx_onfree);
		web_ctx_init(ctx, req);
		gs_log_request(ctx->request_id);
		if (!web_admit(ctx))
			goto done;
	}
	gs_log_request(ctx->request_id);
	r = ctx->route->handler(ctx);
	if (r == KORE_RESULT_RETRY) {
		/* Waiting on a task: do not hold a connection meanwhile. */
		web_db_release(ctx);
		gs_log_request(NULL);
		return (KORE_RESULT_RETRY);
	}
done:
	access_log(ctx);
	web_ctx_cleanup(ctx);
	gs_log_request(NULL);
	return (KORE_RESULT_OK);
}
