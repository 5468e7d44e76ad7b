/*
 * respond.c — every answer leaves through here: HTML pages in the layout,
 * JSON, errors in both forms, redirects; each with the security headers.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core/calendar.h"
#include "core/log.h"
#include "web/assets.h"
#include "web/web.h"

#define CSP                                                            \
	"default-src 'self'; script-src 'self'; style-src 'self'; "    \
	"img-src 'self' data:; font-src 'self'; connect-src 'self'; "  \
	"object-src 'none'; base-uri 'none'; frame-ancestors 'none'; " \
	"form-action 'self'"

/* The navigation: shown to those whose roles carry the permission. */
static const struct {
	const char *url;
	const char *label;
	enum perm perm;
} nav[] = {
	{ "/", "工作台", PERM_SIGNED_IN },
	{ "/cases", "案件", PERM_CASE_READ },
	{ "/queues/approvals", "待审批", PERM_QUEUE_APPROVALS },
	{ "/queues/legal-review", "法制审核", PERM_QUEUE_LEGAL_REVIEW },
	{ "/entities", "污染源库", PERM_ENTITY_READ },
	{ "/stats", "统计", PERM_STATS_READ },
	{ "/cases/import", "历史导入", PERM_CASE_IMPORT },
	{ "/admin/users", "用户", PERM_USER_ADMIN },
	{ "/admin/squads", "中队", PERM_SQUAD_ADMIN },
	{ "/admin/rulebook", "规则库", PERM_RULEBOOK_READ },
	{ "/admin/holidays", "节假日", PERM_CALENDAR_READ },
	{ "/admin/audit", "审计", PERM_AUDIT_READ },
};

/* One-shot messages after a redirect: a code in a cookie, never text. */
static const struct {
	const char *code;
	const char *message;
} flashes[] = {
	{ "saved", "已保存" },
	{ "created", "已创建" },
	{ "imported", "导入成功" },
	{ "password", "密码已修改，其他设备上的登录已退出" },
	{ "signed_out", "您已退出登录" },
	{ "token_revoked", "令牌已撤销" },
	{ "expired", "登录已过期，请重新登录" },
	{ "case_proposed", "立案申请已提交" },
	{ "case_acted", "已办理" },
	{ "evidence_added", "证据已上传" },
	{ "measure_proposed", "措施已提出" },
	{ "transfer_proposed", "移送已提出" },
};

void
web_security_headers(struct web_ctx *ctx)
{
	struct http_request *req = ctx->req;

	http_response_header(req, "content-security-policy", CSP);
	http_response_header(req, "x-content-type-options", "nosniff");
	http_response_header(req, "x-frame-options", "DENY");
	http_response_header(req, "referrer-policy", "same-origin");
	http_response_header(req, "x-request-id", ctx->request_id);
	http_response_header(req, "cache-control", "no-store");
}

void
web_flash(struct web_ctx *ctx, const char *code)
{
	char cookie[128];

	(void)snprintf(cookie, sizeof(cookie),
	    "gs_flash=%s; Path=/; SameSite=Strict; HttpOnly; Max-Age=60%s",
	    code, web_settings.secure_cookies ? "; Secure" : "");
	http_response_header(ctx->req, "set-cookie", cookie);
}

/* The flash message of this request, consuming the cookie. */
static const char *
flash_take(struct web_ctx *ctx)
{
	char *code;
	size_t i;

	http_populate_cookies(ctx->req);
	if (!http_request_cookie(ctx->req, "gs_flash", &code))
		return (NULL);
	http_response_header(ctx->req, "set-cookie",
	    "gs_flash=; Path=/; SameSite=Strict; HttpOnly; Max-Age=0");
	for (i = 0; i < GS_NELEM(flashes); i++) {
		if (strcmp(flashes[i].code, code) == 0)
			return (flashes[i].message);
	}
	return (NULL);
}

static int
nav_matches(const char *url, const char *path)
{
	size_t len;

	if (strcmp(url, "/") == 0)
		return (strcmp(path, "/") == 0);
	len = strlen(url);
	return (strncmp(path, url, len) == 0 &&
	    (path[len] == '\0' || path[len] == '/'));
}

/* The item of path: the longest URL it lies under (/cases/import is
 * 历史导入, not 案件), among those roles may see; GS_NELEM(nav) if none. */
static size_t
nav_active(uint32_t roles, const char *path)
{
	size_t i, best = GS_NELEM(nav);

	for (i = 0; i < GS_NELEM(nav); i++) {
		if (perm_allows(roles, nav[i].perm) &&
		    nav_matches(nav[i].url, path) &&
		    (best == GS_NELEM(nav) ||
		        strlen(nav[i].url) > strlen(nav[best].url)))
			best = i;
	}
	return (best);
}

static void
page_layout(struct web_ctx *ctx, struct tdata *d)
{
	struct tlist *items, *roles;
	struct tdata *it, *u;
	const char *flash;
	size_t i, active;
	int r;

	tdata_text(d, "title", "绿剑执法办案系统");
	tdata_url(d, "css_url", assets_url("css/app.css"));
	tdata_url(d, "js_url", assets_url("js/app.js"));
	tdata_url(d, "icon_url", assets_url("img/favicon.svg"));
	tdata_text(d, "request_id", ctx->request_id);
	if ((flash = flash_take(ctx)) != NULL)
		tdata_text(d, "flash", flash);
	if (!ctx->user.signed_in)
		return;
	u = tdata_map(d, "user");
	tdata_text(u, "display_name", ctx->user.display_name);
	tdata_text(u, "username", ctx->user.username);
	tdata_text(u, "bureau_name", ctx->user.bureau_name);
	roles = tdata_list(u, "roles");
	for (r = 0; r < ROLE__MAX; r++) {
		if (ctx->user.roles & ROLE_BIT(r))
			tdata_text(tlist_add(roles), "label",
			    role_label((enum role)r));
	}
	tdata_text(d, "csrf", ctx->user.csrf);
	items = tdata_list(d, "nav");
	active = nav_active(ctx->user.roles, ctx->req->path);
	for (i = 0; i < GS_NELEM(nav); i++) {
		if (!perm_allows(ctx->user.roles, nav[i].perm))
			continue;
		it = tlist_add(items);
		tdata_url(it, "url", nav[i].url);
		tdata_text(it, "label", nav[i].label);
		tdata_bool(it, "active", i == active);
	}
}

struct tdata *
web_page(struct web_ctx *ctx)
{
	if (ctx->page == NULL) {
		ctx->page = tdata_new();
		page_layout(ctx, ctx->page);
	}
	return (ctx->page);
}

static void
respond_plain(struct web_ctx *ctx, int status, const char *text)
{
	web_security_headers(ctx);
	http_response_header(ctx->req, "content-type",
	    "text/plain; charset=utf-8");
	http_response(ctx->req, status, text, strlen(text));
}

int
web_render(struct web_ctx *ctx, int status, const char *name)
{
	const struct tmpl *layout, *page;
	struct buf out, err;

	layout = tmpl_get(web_templates, "layout");
	page = tmpl_get(web_templates, name);
	buf_init(&out);
	buf_init(&err);
	if (layout == NULL || page == NULL ||
	    !tmpl_render_layout(layout, page, web_page(ctx), &out, &err)) {
		gs_log(LOG_LEVEL_ERROR, "render %s: %s", name,
		    err.data ? err.data : "no such template");
		respond_plain(ctx, HTTP_STATUS_INTERNAL_ERROR,
		    "服务器内部错误（页面渲染失败）\n");
	} else {
		web_security_headers(ctx);
		http_response_header(ctx->req, "content-type",
		    "text/html; charset=utf-8");
		http_response(ctx->req, status, out.data, out.len);
	}
	buf_free(&out);
	buf_free(&err);
	return (KORE_RESULT_OK);
}

int
web_html(struct web_ctx *ctx, int status, struct buf *page)
{
	web_security_headers(ctx);
	http_response_header(ctx->req, "content-type",
	    "text/html; charset=utf-8");
	http_response(ctx->req, status, page->data, page->len);
	buf_free(page);
	return (KORE_RESULT_OK);
}

int
web_redirect(struct web_ctx *ctx, const char *location)
{
	web_security_headers(ctx);
	http_response_header(ctx->req, "location", location);
	http_response(ctx->req, HTTP_STATUS_SEE_OTHER, NULL, 0);
	return (KORE_RESULT_OK);
}

int
web_json(struct web_ctx *ctx, int status, const struct buf *body)
{
	web_security_headers(ctx);
	http_response_header(ctx->req, "content-type",
	    "application/json; charset=utf-8");
	http_response(ctx->req, status, body->data, body->len);
	return (KORE_RESULT_OK);
}

static int
json_error(struct web_ctx *ctx, int status, const char *code,
    const char *message, const struct verr *errs)
{
	struct json_writer w;
	struct buf b;
	size_t i;

	buf_init(&b);
	jw_init(&w, &b);
	jw_object_begin(&w, NULL);
	jw_object_begin(&w, "error");
	jw_string(&w, "code", code);
	jw_string(&w, "message", message);
	if (errs != NULL && errs->n > 0) {
		jw_object_begin(&w, "fields");
		for (i = 0; i < errs->n; i++)
			jw_string(&w, errs->items[i].field,
			    errs->items[i].message);
		jw_object_end(&w);
	}
	jw_object_end(&w);
	jw_object_end(&w);
	(void)web_json(ctx, status, &b);
	buf_free(&b);
	return (KORE_RESULT_OK);
}

int
web_error(struct web_ctx *ctx, int status, const char *code,
    const char *message)
{
	struct tdata *d;

	if (ctx->api)
		return (json_error(ctx, status, code, message, NULL));
	d = web_page(ctx);
	tdata_textf(d, "title", "%d %s", status, http_status_text(status));
	tdata_int(d, "status", status);
	tdata_text(d, "message", message);
	return (web_render(ctx, status, "errors/error"));
}

int
web_invalid(struct web_ctx *ctx, const struct verr *errs)
{
	const char *message;

	message = errs->n > 0 ? errs->items[0].message : "输入有误";
	if (ctx->api)
		return (json_error(ctx, 422, "validation", message, errs));
	return (web_error(ctx, 422, "validation", message));
}

int
web_db_error(struct web_ctx *ctx, enum db_result r, const struct verr *errs)
{
	switch (r) {
	case DB_NOTFOUND:
		return (web_error(ctx, HTTP_STATUS_NOT_FOUND, "not_found",
		    "记录不存在"));
	case DB_CONFLICT:
		if (errs != NULL && errs->n > 0 && ctx->api)
			return (json_error(ctx, HTTP_STATUS_CONFLICT,
			    "conflict", errs->items[0].message, errs));
		return (web_error(ctx, HTTP_STATUS_CONFLICT, "conflict",
		    errs != NULL && errs->n > 0 ?
		        errs->items[0].message :
		        "数据已被他人修改，请刷新后重试"));
	case DB_INVALID:
		if (errs != NULL && errs->n > 0)
			return (web_invalid(ctx, errs));
		return (web_error(ctx, 422, "validation", "输入有误"));
	case DB_OK:
	case DB_ERROR:
		break;
	}
	return (web_error(ctx, HTTP_STATUS_INTERNAL_ERROR, "internal",
	    "服务器内部错误，请稍后重试"));
}

void
web_today(char out[16])
{
	char date[GS_DATE_STRLEN];

	if (web_settings.today != NULL) {
		(void)snprintf(out, 16, "%s", web_settings.today);
		return;
	}
	date_format(date_of_instant_shanghai(time(NULL)), date);
	(void)snprintf(out, 16, "%s", date);
}

time_t
web_now(void)
{
	time_t now = time(NULL);
	gs_date today;
	int64_t secs;

	if (web_settings.today == NULL ||
	    !date_parse(web_settings.today, &today))
		return (now);
	/* GS_TODAY at the time of day it is now in Shanghai. */
	secs = ((int64_t)now + 8 * 3600) % 86400;
	return (instant_of_date_shanghai(today) + (time_t)secs);
}

/* RFC 5987 filename*: UTF-8 bytes, percent-encoded outside attr-char. */
static void
disposition(const char *name, struct buf *out)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p;

	buf_puts(out, "attachment; filename=\"download\"; filename*=UTF-8''");
	for (p = (const unsigned char *)name; *p != '\0'; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("!#$&+-.^_`|~", *p)) {
			buf_putc(out, (char)*p);
		} else {
			buf_putc(out, '%');
			buf_putc(out, hex[*p >> 4]);
			buf_putc(out, hex[*p & 15]);
		}
	}
}

/* The headers of an attachment download. */
static void
attachment_headers(struct web_ctx *ctx, const char *type, const char *name)
{
	struct buf cd;

	buf_init(&cd);
	disposition(name, &cd);
	web_security_headers(ctx);
	http_response_header(ctx->req, "content-type", type);
	http_response_header(ctx->req, "content-disposition", cd.data);
	buf_free(&cd);
}

static struct kore_server *
request_server(struct web_ctx *ctx)
{
	return (ctx->req->owner->owner->server);
}

int
web_send_fd(struct web_ctx *ctx, int fd, const char *ref_name, const char *type,
    const char *name)
{
	struct kore_fileref *ref;
	struct stat st;

	if (fstat(fd, &st) == -1 || st.st_size <= 0 ||
	    (ref = kore_fileref_create(request_server(ctx), ref_name, fd,
	         st.st_size, &st.st_mtim)) == NULL) {
		(void)close(fd);
		return (web_error(ctx, HTTP_STATUS_INTERNAL_ERROR, "internal",
		    "文件暂时无法发送"));
	}
	attachment_headers(ctx, type, name);
	http_response_fileref(ctx->req, HTTP_STATUS_OK, ref);
	return (KORE_RESULT_OK);
}

int
web_send_file(struct web_ctx *ctx, const char *path, const char *type,
    const char *name)
{
	struct kore_fileref *ref;
	int fd;

	/* Kore caches a file by path: one that is out already is shared. */
	if ((ref = kore_fileref_get(path, request_server(ctx)->tls)) != NULL) {
		attachment_headers(ctx, type, name);
		http_response_fileref(ctx->req, HTTP_STATUS_OK, ref);
		return (KORE_RESULT_OK);
	}
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		gs_log(LOG_LEVEL_ERROR, "send %s: %s", path, strerror(errno));
		return (web_error(ctx, HTTP_STATUS_INTERNAL_ERROR, "internal",
		    "文件暂时无法发送"));
	}
	return (web_send_fd(ctx, fd, path, type, name));
}
