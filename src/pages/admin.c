/*
 * pages/admin.c — the organisation's screens: users, squads, the holiday
 * calendar, the rulebook and the audit chain.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "db/audit.h"
#include "db/holidays.h"
#include "db/org.h"
#include "db/rulebook.h"
#include "pages/pages.h"
#include "web/handlers.h"

#define USERS_PER_PAGE 50

static void
users_page_url(struct buf *b, const void *arg, int64_t page)
{
	(void)arg;
	buf_reset(b);
	buf_printf(b, "/admin/users?page=%" PRId64, page);
}

/* The roles of a PostgreSQL array as "执法人员、中队长". */
static void
roles_label(const char *pgarray, struct buf *out)
{
	uint32_t mask;
	int r;

	mask = roles_from_pg_array(pgarray);
	buf_reset(out);
	for (r = 0; r < ROLE__MAX; r++) {
		if (mask & ROLE_BIT(r))
			buf_printf(out, "%s%s", out->len ? "、" : "",
			    role_label((enum role)r));
	}
	if (out->data == NULL)
		buf_reserve(out, 0);
}

int
serve_admin_users(struct web_ctx *ctx)
{
	struct user_row u;
	struct tdata *d, *row;
	struct tlist *l;
	struct buf roles;
	struct db *db;
	PGresult *rows;
	int64_t page, total;
	enum db_result r;
	int i;

	page = web_query_int(ctx, "page", 1, 100000);
	if ((db = web_db(ctx)) == NULL)
		return (KORE_RESULT_OK);
	if ((r = db_user_list(db, ctx->user.bureau_id, page, USERS_PER_PAGE,
	         &rows, &total)) != DB_OK)
		return (web_db_error(ctx, r, NULL));
	d = web_page(ctx);
	tdata_text(d, "title", "用户管理");
	tdata_int(d, "total", total);
	l = tdata_list(d, "users");
	buf_init(&roles);
	for (i = 0; i < PQntuples(rows); i++) {
		user_row_read(rows, i, &u);
		row = tlist_add(l);
		tdata_text(row, "id", u.id);
		tdata_text(row, "username", u.username);
		tdata_text(row, "display_name", u.display_name);
		roles_label(u.roles, &roles);
		tdata_text(row, "roles", roles.data);
		tdata_text(row, "squad", u.squad_name ? u.squad_name : "");
		tdata_text(row, "cert_no", u.cert_no ? u.cert_no : "");
		tdata_text(row, "cert_valid_until",
		    u.cert_valid_until ? u.cert_valid_until : "");
		tdata_bool(row, "active", db_bool(u.active));
	}
	buf_free(&roles);
	PQclear(rows);
	pager_add(d, page,
	    total == 0 ? 1 : (total + USERS_PER_PAGE - 1) / USERS_PER_PAGE,
	    users_page_url, NULL);
	return (web_render(ctx, HTTP_STATUS_OK, "admin/users"));
}

/* The user form: new (id NULL) or edit, with values and errors. */
static int
user_form(struct web_ctx *ctx, int status, const char *id, const char *version,
    const struct user_input *in, int active, const char *username,
    const struct verr *errs)
{
	struct tdata *d, *v, *e, *o;
	struct tlist *roles, *squads;
	struct db *db;
	PGresult *sq;
	size_t i;
	int r;
	char url[64];

	if ((db = web_db(ctx)) == NULL)
		return (KORE_RESULT_OK);
	if (db_squad_list(db, ctx->user.bureau_id, &sq) != DB_OK)
		return (web_db_error(ctx, DB_ERROR, NULL));
	d = web_page(ctx);
	tdata_text(d, "title", id ? "修改用户" : "新建用户");
	tdata_text(d, "csrf", ctx->user.csrf);
	tdata_bool(d, "editing", id != NULL);
	(void)snprintf(url, sizeof(url),
	    id ? "/admin/users/%s" : "/admin/users", id ? id : "");
	tdata_url(d, "action", url);
	if (version != NULL)
		tdata_text(d, "version", version);
	v = tdata_map(d, "v");
	tdata_text(v, "username", username ? username : "");
	tdata_text(v, "display_name", in->display_name ? in->display_name : "");
	tdata_text(v, "cert_no", in->cert_no ? in->cert_no : "");
	tdata_text(v, "cert_valid_until",
	    in->cert_valid_until ? in->cert_valid_until : "");
	tdata_bool(v, "active", active);
	roles = tdata_list(d, "roles");
	for (r = 0; r < ROLE__MAX; r++) {
		o = tlist_add(roles);
		tdata_text(o, "value", role_code((enum role)r));
		tdata_text(o, "label", role_label((enum role)r));
		tdata_bool(o, "checked", (in->roles & ROLE_BIT(r)) != 0);
	}
	squads = tdata_list(d, "squads");
	for (i = 0; i < (size_t)PQntuples(sq); i++) {
		o = tlist_add(squads);
		tdata_text(o, "value", PQgetvalue(sq, (int)i, 0));
		tdata_text(o, "label", PQgetvalue(sq, (int)i, 1));
		tdata_bool(o, "selected",
		    in->squad_id != NULL &&
		        strcmp(in->squad_id, PQgetvalue(sq, (int)i, 0)) == 0);
	}
	PQclear(sq);
	e = tdata_map(d, "errors");
	for (i = 0; errs != NULL && i < errs->n; i++)
		tdata_text(e, errs->items[i].field, errs->items[i].message);
	return (web_render(ctx, status, "admin/user_form"));
}

int
serve_admin_users_new(struct web_ctx *ctx)
{
	struct user_input in;

	memset(&in, 0, sizeof(in));
	in.roles = ROLE_BIT(ROLE_OFFICER);
	return (user_form(ctx, HTTP_STATUS_OK, NULL, NULL, &in, 1, NULL, NULL));
}

static void
user_input_from_form(struct web_ctx *ctx, struct user_input *in)
{
	const char *v;
	size_t i;
	enum role r;

	memset(in, 0, sizeof(*in));
	in->username = web_param(ctx, "username");
	in->display_name = web_param(ctx, "display_name");
	in->password = web_param(ctx, "password");
	in->squad_id = web_param(ctx, "squad_id");
	in->cert_no = web_param(ctx, "cert_no");
	in->cert_valid_until = web_param(ctx, "cert_valid_until");
	for (i = 0; (v = web_param_nth(ctx, "roles", i)) != NULL; i++) {
		if ((r = role_from_code(v)) == ROLE__MAX)
			in->roles_bad = 1;
		else
			in->roles |= ROLE_BIT(r);
	}
}

int
serve_admin_users_create(struct web_ctx *ctx)
{
	struct user_input in;
	struct db_actor a;
	struct verr errs;
	struct db *db;
	char id[40], url[96];
	enum db_result r;

	user_input_from_form(ctx, &in);
	verr_init(&errs);
	/* Validate before spending argon2id on a form that will bounce. */
	if (!ctx->pw.started && !user_validate(&in, 1, &errs))
		return (user_form(ctx, HTTP_STATUS_UNPROCESSABLE, NULL, NULL,
		    &in, 1, in.username, &errs));
	if (!ctx->pw.started)
		return (web_pw_start(ctx, PW_HASH, NULL, in.password, NULL));
	if (web_pw_running(ctx))
		return (KORE_RESULT_RETRY);
	if (!ctx->pw.hashed)
		return (web_db_error(ctx, DB_ERROR, NULL));
	if ((db = web_db(ctx)) == NULL)
		return (KORE_RESULT_OK);
	a = web_actor(ctx, "users.create");
	r = db_user_create(db, &a, &in, ctx->pw.new_hash, &errs, id);
	if ((r == DB_INVALID || r == DB_CONFLICT) && errs.n > 0)
		return (user_form(ctx,
		    r == DB_CONFLICT ? HTTP_STATUS_CONFLICT :
		                       HTTP_STATUS_UNPROCESSABLE,
		    NULL, NULL, &in, 1, in.username, &errs));
	if (r != DB_OK)
		return (web_db_error(ctx, r, &errs));
	web_flash(ctx, "created");
	(void)snprintf(url, sizeof(url), "/admin/users/%s", id);
	return (web_redirect(ctx, url));
}

int
serve_admin_users_edit(struct web_ctx *ctx)
{
	struct user_input in;
	struct user_row u;
	struct db *db;
	PGresult *res;
	enum db_result r;
	int rc;

	if ((db = web_db(ctx)) == NULL)
		return (KORE_RESULT_OK);
	if ((r = db_user_get(db, ctx->user.bureau_id, ctx->caps.v[0], &res)) !=
	    DB_OK)
		return (web_db_error(ctx, r, NULL));
	user_row_read(res, 0, &u);
	memset(&in, 0, sizeof(in));
	in.display_name = u.display_name;
	in.roles = roles_from_pg_array(u.roles);
	in.squad_id = u.squad_id;
	in.cert_no = u.cert_no;
	in.cert_valid_until = u.cert_valid_until;
	rc = user_form(ctx, HTTP_STATUS_OK, u.id, u.version, &in,
	    db_bool(u.active), u.username, NULL);
	PQclear(res);
	return (rc);
}

int
serve_admin_users_update(struct web_ctx *ctx)
{
	struct user_input in;
	struct db_actor a;
	struct verr errs;
	struct db *db;
	const char *version;
	int64_t ver;
	int active;
	char url[96];
	enum db_result r;

	user_input_from_form(ctx, &in);
	active = web_param(ctx, "active") != NULL;
	version = web_param(ctx, "version");
	if (version == NULL || !parse_int64(version, &ver))
		return (web_error(ctx, HTTP_STATUS_BAD_REQUEST, "bad_request",
		    "表单缺少版本号，请刷新后重试"));
	if ((db = web_db(ctx)) == NULL)
		return (KORE_RESULT_OK);
	verr_init(&errs);
	a = web_actor(ctx, "users.update");
	r = db_user_update(db, &a, ctx->caps.v[0], ver, &in, active, &errs);
	if (r == DB_CONFLICT && errs.n == 0)
		verr_add(&errs, "form", "该用户已被他人修改，请刷新后重新编辑");
	if ((r == DB_INVALID || r == DB_CONFLICT) && errs.n > 0)
		return (user_form(ctx,
		    r == DB_CONFLICT ? HTTP_STATUS_CONFLICT :
		                       HTTP_STATUS_UNPROCESSABLE,
		    ctx->caps.v[0], version, &in, active,
		    web_param(ctx, "username"), &errs));
	if (r != DB_OK)
		return (web_db_error(ctx, r, &errs));
	web_flash(ctx, "saved");
	(void)snprintf(url, sizeof(url), "/admin/users/%s", ctx->caps.v[0]);
	return (web_redirect(ctx, url));
}

static int
squads_page(struct web_ctx *ctx, int status, const struct verr *errs)
{
	struct tdata *d, *s;
	struct tlist *l;
	struct db *db;
	PGresult *rows;
	int i;

	if ((db = web_db(ctx)) == NULL)
		return (KORE_RESULT_OK);
	if (db_squad_list(db, ctx->user.bureau_id, &rows) != DB_OK)
		return (web_db_error(ctx, DB_ERROR, NULL));
	d = web_page(ctx);
	tdata_text(d, "title", "中队");
	tdata_text(d, "csrf", ctx->user.csrf);
	if (errs != NULL && errs->n > 0)
		tdata_text(d, "error", errs->items[0].message);
	l = tdata_list(d, "squads");
	for (i = 0; i < PQntuples(rows); i++) {
		s = tlist_add(l);
		tdata_text(s, "name", PQgetvalue(rows, i, 1));
		tdata_text(s, "members", PQgetvalue(rows, i, 2));
	}
	PQclear(rows);
	return (web_render(ctx, status, "admin/squads"));
}

int
serve_admin_squads(struct web_ctx *ctx)
{
	return (squads_page(ctx, HTTP_STATUS_OK, NULL));
}

int
serve_admin_squads_create(struct web_ctx *ctx)
{
	struct db_actor a;
	struct verr errs;
	struct db *db;
	char id[40];
	enum db_result r;

	if ((db = web_db(ctx)) == NULL)
		return (KORE_RESULT_OK);
	verr_init(&errs);
	a = web_actor(ctx, "squads.create");
	r = db_squad_create(db, &a, web_param(ctx, "name"), &errs, id);
	if (r == DB_INVALID || r == DB_CONFLICT)
		return (squads_page(ctx,
		    r == DB_CONFLICT ? HTTP_STATUS_CONFLICT :
		                       HTTP_STATUS_UNPROCESSABLE,
		    &errs));
	if (r != DB_OK)
		return (web_db_error(ctx, r, NULL));
	web_flash(ctx, "created");
	return (web_redirect(ctx, "/admin/squads"));
}

/* "YYYY-MM-DD name" lines of one kind, for the textarea. */
static void
holiday_lines(PGresult *days, const char *kind, struct buf *out)
{
	int i;

	buf_reset(out);
	for (i = 0; i < PQntuples(days); i++) {
		if (strcmp(PQgetvalue(days, i, 1), kind) != 0)
			continue;
		buf_printf(out, "%s %s\n", PQgetvalue(days, i, 0),
		    PQgetvalue(days, i, 2));
	}
	if (out->data == NULL)
		buf_reserve(out, 0);
}

static int
holidays_page(struct web_ctx *ctx, int status, int year,
    const struct verr *errs)
{
	struct tdata *d, *y;
	struct tlist *years;
	struct buf lines;
	struct db *db;
	PGresult *days, *st, *all;
	int i;

	if ((db = web_db(ctx)) == NULL)
		return (KORE_RESULT_OK);
	if (db_holiday_year(db, ctx->user.bureau_id, year, &days, &st) != DB_OK)
		return (web_db_error(ctx, DB_ERROR, NULL));
	if (db_holiday_years(db, ctx->user.bureau_id, &all) != DB_OK) {
		PQclear(days);
		PQclear(st);
		return (web_db_error(ctx, DB_ERROR, NULL));
	}
	d = web_page(ctx);
	tdata_text(d, "title", "节假日");
	tdata_int(d, "year", year);
	tdata_textf(d, "action", "%d", year);
	tdata_bool(d, "can_edit",
	    perm_allows(ctx->user.roles, PERM_CALENDAR_ADMIN));
	if (ctx->user.csrf[0] != '\0')
		tdata_text(d, "csrf", ctx->user.csrf);
	buf_init(&lines);
	holiday_lines(days, "holiday", &lines);
	tdata_text(d, "holidays", lines.data);
	holiday_lines(days, "workday", &lines);
	tdata_text(d, "workdays", lines.data);
	buf_free(&lines);
	if (PQntuples(st) == 1) {
		tdata_bool(d, "provisional", db_bool(PQgetvalue(st, 0, 0)));
		tdata_text(d, "note", PQgetvalue(st, 0, 1));
	} else {
		tdata_bool(d, "provisional", 1);
		tdata_text(d, "note", "本年度尚未录入");
	}
	years = tdata_list(d, "years");
	for (i = 0; i < PQntuples(all); i++) {
		y = tlist_add(years);
		tdata_text(y, "year", PQgetvalue(all, i, 0));
		tdata_bool(y, "current", atoi(PQgetvalue(all, i, 0)) == year);
		tdata_bool(y, "provisional", db_bool(PQgetvalue(all, i, 1)));
	}
	if (errs != NULL && errs->n > 0)
		tdata_text(d, "error", errs->items[0].message);
	PQclear(days);
	PQclear(st);
	PQclear(all);
	return (web_render(ctx, status, "admin/holidays"));
}

int
serve_admin_holidays(struct web_ctx *ctx)
{
	char today[16];
	int year;

	web_today(today);
	year = (int)web_query_int(ctx, "year", atoi(today), 2100);
	if (year < 2000)
		year = atoi(today);
	return (holidays_page(ctx, HTTP_STATUS_OK, year, NULL));
}

/* Parses "YYYY-MM-DD [name]" lines; GS_ERROR names the bad line in errs. */
static int
parse_day_lines(const char *text, const char *field, struct holiday_day **out,
    size_t *n, struct verr *errs)
{
	const char *p, *eol;
	size_t len, cap, lineno;

	*out = NULL;
	*n = 0;
	cap = 0;
	lineno = 0;
	for (p = text ? text : ""; *p != '\0'; p = *eol ? eol + 1 : eol) {
		eol = p + strcspn(p, "\r\n");
		lineno++;
		while (p < eol && (*p == ' ' || *p == '\t'))
			p++;
		if (p == eol)
			continue;
		len = (size_t)(eol - p);
		if (len < 10 || (len > 10 && p[10] != ' ' && p[10] != '\t')) {
			verr_add(errs, field, "第 %zu 行应为“YYYY-MM-DD 名称”",
			    lineno);
			return (GS_ERROR);
		}
		if (*n == cap) {
			cap = cap ? cap * 2 : 32;
			*out = xrealloc(*out, cap * sizeof(**out));
		}
		(void)snprintf((*out)[*n].date, sizeof((*out)[*n].date),
		    "%.10s", p);
		p += 10;
		while (p < eol && (*p == ' ' || *p == '\t'))
			p++;
		(void)snprintf((*out)[*n].name, sizeof((*out)[*n].name), "%.*s",
		    (int)(eol - p), p);
		(*n)++;
	}
	return (GS_OK);
}

int
serve_admin_holidays_update(struct web_ctx *ctx)
{
	struct holiday_year_input in;
	struct db_actor a;
	struct verr errs;
	struct db *db;
	enum db_result r;
	char url[80];

	memset(&in, 0, sizeof(in));
	verr_init(&errs);
	in.year = atoi(ctx->caps.v[0]);
	in.provisional = web_param(ctx, "provisional") != NULL;
	in.note = web_param(ctx, "note");
	r = DB_INVALID;
	if (web_param(ctx, "holidays") == NULL ||
	    web_param(ctx, "workdays") == NULL)
		verr_add(&errs, "holidays", "表单不完整，请刷新后重试");
	else if (parse_day_lines(web_param(ctx, "holidays"), "holidays",
	             &in.holidays, &in.nholidays, &errs) &&
	    parse_day_lines(web_param(ctx, "workdays"), "workdays",
	        &in.workdays, &in.nworkdays, &errs)) {
		if ((db = web_db(ctx)) == NULL) {
			free(in.holidays);
			free(in.workdays);
			return (KORE_RESULT_OK);
		}
		a = web_actor(ctx, "holidays.update");
		r = db_holiday_replace(db, &a, &in, &errs);
	}
	free(in.holidays);
	free(in.workdays);
	if (r == DB_INVALID)
		return (holidays_page(ctx, HTTP_STATUS_UNPROCESSABLE, in.year,
		    &errs));
	if (r != DB_OK)
		return (web_db_error(ctx, r, NULL));
	web_flash(ctx, "saved");
	(void)snprintf(url, sizeof(url), "/admin/holidays?year=%d", in.year);
	return (web_redirect(ctx, url));
}

static const char *
unit_label(const char *unit)
{
	static const struct {
		const char *unit;
		const char *label;
	} units[] = {
		{ "calendar_days", "日" },
		{ "working_days", "个工作日" },
		{ "hours", "小时" },
		{ "months", "个月" },
		{ "years", "年" },
		{ "fen", "分" },
		{ "bp", "基点" },
		{ "percent", "%" },
		{ "count", "" },
	};
	size_t i;

	for (i = 0; i < GS_NELEM(units); i++) {
		if (strcmp(units[i].unit, unit) == 0)
			return (units[i].label);
	}
	return (unit);
}

/* Money rules are stored in fen and shown in yuan. */
static void
rule_display(const char *unit, const char *value, struct tdata *r)
{
	int64_t v;

	if (value == NULL) {
		tdata_text(r, "display", "（未设置）");
		return;
	}
	if (strcmp(unit, "fen") == 0 && parse_int64(value, &v))
		tdata_textf(r, "display", "%" PRId64 ".%02" PRId64 " 元",
		    v / 100, v % 100);
	else
		tdata_textf(r, "display", "%s %s", value, unit_label(unit));
}

static int
rulebook_page(struct web_ctx *ctx, int status, const char *bad_key,
    const struct verr *errs)
{
	struct tdata *d, *r;
	struct tlist *l;
	struct db *db;
	PGresult *rows;
	char today[16];
	const char *key;
	int i;

	web_today(today);
	if ((db = web_db(ctx)) == NULL)
		return (KORE_RESULT_OK);
	if (db_rule_list(db, ctx->user.bureau_id, today, &rows) != DB_OK)
		return (web_db_error(ctx, DB_ERROR, NULL));
	d = web_page(ctx);
	tdata_text(d, "title", "规则库");
	tdata_text(d, "today", today);
	tdata_bool(d, "can_edit",
	    perm_allows(ctx->user.roles, PERM_RULEBOOK_ADMIN));
	if (ctx->user.csrf[0] != '\0')
		tdata_text(d, "csrf", ctx->user.csrf);
	l = tdata_list(d, "rules");
	for (i = 0; i < PQntuples(rows); i++) {
		key = PQgetvalue(rows, i, 0);
		r = tlist_add(l);
		tdata_text(r, "key", key);
		tdata_text(r, "category", PQgetvalue(rows, i, 1));
		tdata_text(r, "label", PQgetvalue(rows, i, 2));
		rule_display(PQgetvalue(rows, i, 3), db_value(rows, i, 4), r);
		tdata_text(r, "value",
		    PQgetisnull(rows, i, 4) ? "" : PQgetvalue(rows, i, 4));
		tdata_text(r, "since",
		    PQgetisnull(rows, i, 5) ? "" : PQgetvalue(rows, i, 5));
		tdata_text(r, "source", PQgetvalue(rows, i, 6));
		tdata_bool(r, "unconfirmed", db_bool(PQgetvalue(rows, i, 7)));
		tdata_text(r, "versions", PQgetvalue(rows, i, 11));
		if (bad_key != NULL && strcmp(bad_key, key) == 0 &&
		    errs != NULL && errs->n > 0)
			tdata_text(r, "error", errs->items[0].message);
	}
	PQclear(rows);
	return (web_render(ctx, status, "admin/rulebook"));
}

int
serve_admin_rulebook(struct web_ctx *ctx)
{
	return (rulebook_page(ctx, HTTP_STATUS_OK, NULL, NULL));
}

int
serve_admin_rulebook_update(struct web_ctx *ctx)
{
	struct db_actor a;
	struct verr errs;
	struct db *db;
	const char *value, *from;
	int64_t v;
	enum db_result r;

	verr_init(&errs);
	value = web_param(ctx, "value");
	from = web_param(ctx, "effective_from");
	if (value == NULL || !parse_int64(value, &v)) {
		verr_add(&errs, "value", "请输入整数");
		return (rulebook_page(ctx, HTTP_STATUS_UNPROCESSABLE,
		    ctx->caps.v[0], &errs));
	}
	if ((db = web_db(ctx)) == NULL)
		return (KORE_RESULT_OK);
	a = web_actor(ctx, "rulebook.update");
	r = db_rule_set(db, &a, ctx->caps.v[0], v, from, web_param(ctx, "note"),
	    &errs);
	if (r == DB_INVALID)
		return (rulebook_page(ctx, HTTP_STATUS_UNPROCESSABLE,
		    ctx->caps.v[0], &errs));
	if (r != DB_OK)
		return (web_db_error(ctx, r, NULL));
	web_flash(ctx, "saved");
	return (web_redirect(ctx, "/admin/rulebook"));
}

int
serve_admin_audit(struct web_ctx *ctx)
{
	struct audit_report rep;
	struct tdata *d, *r;
	struct tlist *l;
	struct db *db;
	PGresult *rows;
	int i;

	if ((db = web_db(ctx)) == NULL)
		return (KORE_RESULT_OK);
	if (db_audit_verify(db, ctx->user.bureau_id, &rep) != DB_OK ||
	    DB_QUERY(db, SQL_AUDIT_RECENT, &rows, ctx->user.bureau_id, "100",
	        "0") != DB_OK)
		return (web_db_error(ctx, DB_ERROR, NULL));
	d = web_page(ctx);
	tdata_text(d, "title", "审计链");
	tdata_bool(d, "intact", rep.intact);
	tdata_int(d, "records", rep.records);
	if (!rep.intact) {
		tdata_int(d, "broken_seq", rep.broken_seq);
		tdata_text(d, "problem", rep.problem);
	}
	l = tdata_list(d, "recent");
	for (i = 0; i < PQntuples(rows); i++) {
		r = tlist_add(l);
		tdata_text(r, "seq", PQgetvalue(rows, i, 0));
		tdata_text(r, "at", PQgetvalue(rows, i, 1));
		tdata_text(r, "actor", PQgetvalue(rows, i, 2));
		tdata_text(r, "action",
		    audit_action_label(PQgetvalue(rows, i, 3)));
		tdata_text(r, "context",
		    audit_context_label(PQgetvalue(rows, i, 4)));
		tdata_textf(r, "object", "%s %s", PQgetvalue(rows, i, 5),
		    PQgetvalue(rows, i, 6));
	}
	PQclear(rows);
	return (web_render(ctx, HTTP_STATUS_OK, "admin/audit"));
}
