/*
 * pages/auth.c — sign-in, sign-out, the start page and the own account.
 */
#include <string.h>

#include "core/log.h"
#include "db/entities.h"
#include "pages/pages.h"
#include "web/handlers.h"

int
serve_healthz(struct web_ctx *ctx)
{
	static const char ok[] = "{\"status\":\"ok\"}";
	struct buf b;
	struct db *d;

	ctx->api = 1;
	if ((d = web_db(ctx)) == NULL)
		return (KORE_RESULT_OK);
	if (db_query(d, SQL_HEALTH, NULL, 0, NULL) != DB_OK)
		return (web_error(ctx, HTTP_STATUS_SERVICE_UNAVAILABLE,
		    "unavailable", "数据库不可用"));
	buf_init(&b);
	buf_puts(&b, ok);
	(void)web_json(ctx, HTTP_STATUS_OK, &b);
	buf_free(&b);
	return (KORE_RESULT_OK);
}

/* A redirect target after sign-in: a local path, nothing else. */
static const char *
safe_next(const char *next)
{
	if (next == NULL || next[0] != '/' || next[1] == '/' ||
	    next[1] == '\\' || strpbrk(next, "\r\n") != NULL)
		return ("/");
	return (next);
}

static int
login_page(struct web_ctx *ctx, int status, const char *error)
{
	struct tdata *d;
	const char *v;
	char token[64];

	d = web_page(ctx);
	tdata_text(d, "title", "登录");
	web_login_token_issue(ctx, token);
	tdata_text(d, "login_token", token);
	if (error != NULL)
		tdata_text(d, "error", error);
	if ((v = web_param(ctx, "username")) != NULL)
		tdata_text(d, "username", v);
	v = web_param(ctx, "next");
	if (v == NULL)
		v = form_get(web_query(ctx), "next");
	if (v != NULL && strcmp(safe_next(v), "/") != 0)
		tdata_text(d, "next", v);
	return (web_render(ctx, status, "pages/login"));
}

int
serve_login_form(struct web_ctx *ctx)
{
	return (login_page(ctx, HTTP_STATUS_OK, NULL));
}

int
serve_login(struct web_ctx *ctx)
{
	enum login_outcome outcome;
	const char *user, *pw;
	int r;

	if (!web_form(ctx, web_settings.json_body_max))
		return (KORE_RESULT_OK);
	if (!ctx->pw.started && !web_login_token_ok(ctx))
		return (login_page(ctx, HTTP_STATUS_FORBIDDEN,
		    "登录页面已过期，请重新输入"));
	user = web_param(ctx, "username");
	pw = web_param(ctx, "password");
	if (user == NULL || *user == '\0' || pw == NULL || *pw == '\0')
		return (login_page(ctx, HTTP_STATUS_UNPROCESSABLE,
		    "请输入用户名和密码"));

	r = web_login(ctx, user, pw, &outcome);
	if (r == KORE_RESULT_RETRY)
		return (r);
	switch (outcome) {
	case LOGIN_OK:
		return (web_redirect(ctx, safe_next(web_param(ctx, "next"))));
	case LOGIN_FAILED:
		return (login_page(ctx, HTTP_STATUS_UNAUTHORIZED,
		    "用户名或密码错误"));
	case LOGIN_THROTTLED:
		return (login_page(ctx, HTTP_STATUS_TOO_MANY_REQUESTS,
		    "登录失败次数过多，请稍后再试"));
	case LOGIN_ERROR:
		break;
	}
	return (KORE_RESULT_OK);
}

int
serve_logout(struct web_ctx *ctx)
{
	web_session_end(ctx);
	web_flash(ctx, "signed_out");
	return (web_redirect(ctx, "/login"));
}

static void
home_card(struct tlist *cards, const char *url, const char *title,
    const char *text)
{
	struct tdata *c;

	c = tlist_add(cards);
	tdata_url(c, "url", url);
	tdata_text(c, "title", title);
	tdata_text(c, "text", text);
}

int
serve_home(struct web_ctx *ctx)
{
	static const struct {
		enum perm perm;
		const char *url;
		const char *title;
		const char *text;
	} links[] = {
		{ PERM_CASE_READ, "/cases", "案件",
		    "行政处罚案件：查询、办理、期限" },
		{ PERM_CASE_PROPOSE, "/cases/new", "立案申请",
		    "对发现的违法行为提出立案" },
		{ PERM_QUEUE_APPROVALS, "/queues/approvals", "待审批",
		    "立案审批与处罚决定" },
		{ PERM_QUEUE_LEGAL_REVIEW, "/queues/legal-review", "法制审核",
		    "待审核的案件" },
		{ PERM_ENTITY_READ, "/entities", "污染源库",
		    "检查对象名录：登记、查询、一厂一档" },
		{ PERM_ENTITY_WRITE, "/entities/new", "登记检查对象",
		    "新增一家企业或其他检查对象" },
		{ PERM_ENTITY_IMPORT, "/entities/import", "批量导入",
		    "从 CSV 文件导入检查对象名录" },
		{ PERM_USER_ADMIN, "/admin/users", "用户管理",
		    "执法人员、角色与执法证" },
		{ PERM_SQUAD_ADMIN, "/admin/squads", "中队", "中队设置" },
		{ PERM_RULEBOOK_READ, "/admin/rulebook", "规则库",
		    "法定期限、金额与比例（按生效日期管理）" },
		{ PERM_CALENDAR_READ, "/admin/holidays", "节假日",
		    "法定节假日与调休工作日" },
		{ PERM_AUDIT_READ, "/admin/audit", "审计链",
		    "操作记录与完整性校验" },
		{ PERM_SIGNED_IN, "/account", "我的账号",
		    "修改密码、接口令牌" },
	};
	struct entity_index *idx;
	struct tdata *d;
	struct tlist *cards;
	struct db *db;
	size_t i;

	d = web_page(ctx);
	tdata_text(d, "title", "工作台");
	tdata_textf(d, "greeting", "%s，您好", ctx->user.display_name);
	cards = tdata_list(d, "cards");
	for (i = 0; i < GS_NELEM(links); i++) {
		if (perm_allows(ctx->user.roles, links[i].perm))
			home_card(cards, links[i].url, links[i].title,
			    links[i].text);
	}
	tdata_bool(d, "show_registry", 0);
	tdata_bool(d, "show_casework", 0);
	/* Those who investigate see their case work first. */
	if (perm_allows(ctx->user.roles, PERM_CASE_PROPOSE) &&
	    !home_casework(ctx, d))
		return (KORE_RESULT_OK);
	if (perm_allows(ctx->user.roles, PERM_ENTITY_READ)) {
		if ((db = web_db(ctx)) == NULL)
			return (KORE_RESULT_OK);
		if (db_entity_index(db, ctx->user.bureau_id,
		        ctx->user.registry_rev, &idx) == DB_OK) {
			tdata_bool(d, "show_registry", 1);
			tdata_int(d, "entity_total", (int64_t)idx->n);
		}
	}
	return (web_render(ctx, HTTP_STATUS_OK, "pages/home"));
}
