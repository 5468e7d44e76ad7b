/*
 * pages/cases.c — the case list (filters and paging in the URL, as the
 * API reads them) and the proposal form (立案申请); with the pieces both
 * faces share: the list's query, the answer to a refused action, and the
 * evidence upload.
 *
 * Nothing here decides a rule of the case: proposals and actions are read
 * by core/caseinput.c and judged by the services in src/db.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "core/log.h"
#include "db/casework.h"
#include "db/entities.h"
#include "db/evidence.h"
#include "pages/pages.h"
#include "web/handlers.h"

#define LIST_PER_PAGE 50
#define ENTITY_MATCHES 20

/* ---- shared with the API ---------------------------------------------- */

int
case_refusal(enum db_result r, const struct case_act_result *res,
    const struct verr *errs, struct case_refusal *out)
{
	if (r == DB_OK || r == DB_NOTFOUND || r == DB_ERROR)
		return (0);
	if (res->verdict == CASE_WRONG_STATE) {
		out->status = HTTP_STATUS_CONFLICT;
		out->code = "transition_not_allowed";
		out->message = "案件当前状态下不能执行此操作";
	} else if (res->verdict == CASE_FORBIDDEN) {
		out->status = HTTP_STATUS_FORBIDDEN;
		out->code = "forbidden";
		out->message =
		    errs->n > 0 ? errs->items[0].message : "您不能执行此操作";
	} else if (res->stale) {
		out->status = HTTP_STATUS_CONFLICT;
		out->code = "stale_version";
		out->message = "案件已被他人修改，请刷新后重试";
	} else {
		return (0);
	}
	return (1);
}

/* A query value, NULL when absent or empty. */
static const char *
query_value(const struct form *q, const char *name)
{
	const char *v = form_get(q, name);

	return (v != NULL && *v != '\0' ? v : NULL);
}

void
case_filter_read(struct web_ctx *ctx, struct case_filter *f, struct verr *errs)
{
	const struct form *q;
	const char *v;

	q = web_query(ctx);
	memset(f, 0, sizeof(*f));
	f->state = query_value(q, "state");
	if (f->state != NULL && case_state_from(f->state) == CS__MAX) {
		verr_add(errs, "state", "state 不是有效的案件状态");
		f->state = NULL;
	}
	f->squad_id = query_value(q, "squad_id");
	if (f->squad_id != NULL &&
	    !uuid_valid(f->squad_id, strlen(f->squad_id))) {
		verr_add(errs, "squad_id", "squad_id 格式不正确");
		f->squad_id = NULL;
	}
	v = form_get(q, "overdue");
	f->overdue = v != NULL && strcmp(v, "1") == 0;
	f->q = query_value(q, "q");
	f->registry_rev = ctx->user.registry_rev;
	v = form_get(q, "mine");
	if (v != NULL && strcmp(v, "1") == 0)
		f->investigator_id = ctx->user.id;
	f->page = (int)web_query_int(ctx, "page", 1, 1000000);
	f->per_page = (int)web_query_int(ctx, "per_page", LIST_PER_PAGE, 200);
}

void
evidence_dir(char *out, size_t len)
{
	(void)snprintf(out, len, "%s/evidence", web_settings.var_dir);
}

/* An optional form field: NULL when empty. */
static const char *
param_or_null(struct web_ctx *ctx, const char *name)
{
	const char *v = web_param(ctx, name);

	return (v != NULL && *v != '\0' ? v : NULL);
}

enum db_result
evidence_receive(struct web_ctx *ctx, struct db *db, const char *case_id,
    struct evidence_receipt *out, struct verr *errs)
{
	const struct multipart_part *file;
	struct evidence_new in;
	struct case_actor ca;
	char dir[1024], today[16];

	web_today(today);
	file = web_file(ctx, "file");
	memset(&in, 0, sizeof(in));
	in.case_id = case_id;
	in.kind = web_param(ctx, "kind");
	in.description = web_param(ctx, "description");
	in.collected_on = web_param(ctx, "collected_on");
	in.lat = param_or_null(ctx, "lat");
	in.lng = param_or_null(ctx, "lng");
	in.filename = file != NULL ? file->filename : NULL;
	in.content_type = file != NULL ? file->content_type : NULL;
	if (!evidence_validate(&in, today, errs))
		return (DB_INVALID);
	evidence_dir(dir, sizeof(dir));
	if (!evstore_put(dir, file->data, file->len, out->sha256)) {
		gs_log(LOG_LEVEL_ERROR, "evidence store %s: cannot write", dir);
		verr_add(errs, "file", "证据文件保存失败");
		return (DB_ERROR);
	}
	in.sha256 = out->sha256;
	in.size = out->size = (int64_t)file->len;
	ca = api_case_actor(ctx, "evidence.create");
	return (db_evidence_create(db, &ca, &in, errs, out->id));
}

/* ---- shared by the case screens --------------------------------------- */

void
url_setf(struct tdata *d, const char *key, const char *fmt, ...)
{
	struct buf b;
	va_list ap;

	buf_init(&b);
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	tdata_url(d, key, b.data != NULL ? b.data : "");
	buf_free(&b);
}

void
case_row_add(struct tdata *r, const char *id, const char *case_no,
    const char *state)
{
	enum case_state s = case_state_from(state);

	url_setf(r, "url", "/cases/%s", id);
	if (case_no != NULL && *case_no != '\0')
		tdata_text(r, "case_no", case_no);
	tdata_text(r, "state", case_state_label(s));
	tdata_text(r, "state_code", case_state_code(s));
}

void
due_add(struct tdata *r, const struct due_clock *c, const char *date)
{
	enum deadline_status st;
	gs_date d;

	if (date == NULL || !date_parse(date, &d))
		return;
	st = due_clock_status(c, d);
	tdata_text(r, "due", date);
	tdata_text(r, "due_status", deadline_status_label(st));
	tdata_text(r, "due_class", deadline_status_code(st));
}

void
case_row_read(struct tdata *t, const PGresult *res, int i,
    const struct case_cols *c, const struct due_clock *clock)
{
	case_row_add(t, PQgetvalue(res, i, c->id), db_value(res, i, c->case_no),
	    PQgetvalue(res, i, c->state));
	if (c->entity >= 0)
		tdata_text(t, "entity", PQgetvalue(res, i, c->entity));
	if (c->uscc >= 0)
		tdata_text(t, "uscc", PQgetvalue(res, i, c->uscc));
	tdata_text(t, "violation", PQgetvalue(res, i, c->violation));
	due_add(t, clock, db_value(res, i, c->due));
}

/* ---- the list --------------------------------------------------------- */

static void
list_url(struct buf *b, const void *arg, int64_t page)
{
	const struct case_filter *f = arg;
	char num[24];

	buf_reset(b);
	buf_puts(b, "/cases");
	url_param(b, "state", f->state);
	url_param(b, "squad_id", f->squad_id);
	if (f->overdue)
		url_param(b, "overdue", "1");
	if (f->investigator_id != NULL)
		url_param(b, "mine", "1");
	url_param(b, "q", f->q);
	if (page > 1) {
		(void)snprintf(num, sizeof(num), "%" PRId64, page);
		url_param(b, "page", num);
	}
}

static void
list_filters(struct tdata *d, const struct case_filter *f, PGresult *squads)
{
	struct tlist *l;
	int i;

	tdata_text(d, "q", f->q != NULL ? f->q : "");
	tdata_bool(d, "overdue", f->overdue);
	tdata_bool(d, "mine", f->investigator_id != NULL);
	l = tdata_list(d, "states");
	for (i = 0; i < CS__MAX; i++)
		option_pick(l, case_state_code((enum case_state)i),
		    case_state_label((enum case_state)i), f->state);
	l = tdata_list(d, "squads");
	for (i = 0; i < PQntuples(squads); i++)
		option_pick(l, PQgetvalue(squads, i, 0),
		    PQgetvalue(squads, i, 1), f->squad_id);
}

/* Columns of SQL_CASE_LIST; the entity from the registry. */
static void
list_rows(struct tdata *d, const struct case_list *cl,
    const struct due_clock *c)
{
	static const struct case_cols cols = { CASE_LIST_COL_ID,
		CASE_LIST_COL_CASE_NO, CASE_LIST_COL_STATE, -1, -1,
		CASE_LIST_COL_VIOLATION_NAME, CASE_LIST_COL_NEXT_DUE_ON };
	struct tlist *l;
	struct tdata *r;
	int i;

	l = tdata_list(d, "rows");
	for (i = 0; i < PQntuples(cl->rows); i++) {
		r = tlist_add(l);
		case_row_read(r, cl->rows, i, &cols, c);
		tdata_text(r, "entity", cl->entities[i]->name);
		tdata_text(r, "uscc", cl->entities[i]->uscc);
		tdata_text(r, "squad",
		    PQgetvalue(cl->rows, i, CASE_LIST_COL_SQUAD_NAME));
		tdata_text(r, "discovered_on",
		    PQgetvalue(cl->rows, i, CASE_LIST_COL_DISCOVERED_ON));
	}
}

int
serve_cases_list(struct web_ctx *ctx)
{
	struct case_filter f;
	struct due_clock clock;
	struct verr errs;
	struct tdata *d;
	struct db *db;
	struct case_list cl;
	PGresult *squads = NULL;
	char today[16];
	enum db_result r;

	verr_init(&errs);
	case_filter_read(ctx, &f, &errs);
	f.per_page = LIST_PER_PAGE;
	if ((db = web_db(ctx)) == NULL)
		return (KORE_RESULT_OK);
	web_today(today);
	if ((r = db_case_list(db, ctx->user.bureau_id, &f, today, &cl)) !=
	    DB_OK)
		return (web_db_error(ctx, r, NULL));
	if ((r = DB_QUERY(db, SQL_SQUAD_LIST, &squads, ctx->user.bureau_id)) !=
	        DB_OK ||
	    (r = db_due_clock(db, ctx->user.bureau_id, today, &clock)) !=
	        DB_OK) {
		case_list_free(&cl);
		PQclear(squads);
		return (web_db_error(ctx, r, NULL));
	}
	d = web_page(ctx);
	tdata_text(d, "title", "案件");
	if (errs.n > 0)
		tdata_text(d, "filter_error", errs.items[0].message);
	tdata_int(d, "total", cl.total);
	tdata_bool(d, "can_propose",
	    perm_allows(ctx->user.roles, PERM_CASE_PROPOSE));
	list_filters(d, &f, squads);
	list_rows(d, &cl, &clock);
	tdata_bool(d, "empty", PQntuples(cl.rows) == 0);
	pager_add(d, f.page,
	    cl.total == 0 ? 1 : (cl.total + f.per_page - 1) / f.per_page,
	    list_url, &f);
	due_clock_free(&clock);
	case_list_free(&cl);
	PQclear(squads);
	return (web_render(ctx, HTTP_STATUS_OK, "pages/cases"));
}

/* ---- the proposal ----------------------------------------------------- */

/* The proposal's party: the one chosen, or the matches of a search. */
static enum db_result
propose_entities(struct web_ctx *ctx, struct db *db, struct tdata *d,
    const char *chosen, const char *search)
{
	const struct entity_row *rows[ENTITY_MATCHES];
	struct entity_query q;
	struct entity_index *idx;
	struct entity_row row;
	struct tdata *e;
	struct tlist *l;
	PGresult *res;
	size_t i, n;
	enum db_result r;

	l = tdata_list(d, "matches");
	if (chosen != NULL && uuid_valid(chosen, strlen(chosen)) &&
	    db_entity_get(db, ctx->user.bureau_id, chosen, &res) == DB_OK) {
		entity_row_read(res, 0, &row);
		e = tlist_add(l);
		tdata_text(e, "id", row.id);
		tdata_text(e, "name", row.name);
		tdata_text(e, "uscc", row.uscc);
		tdata_text(e, "township", row.township);
		tdata_bool(e, "checked", 1);
		PQclear(res);
	}
	tdata_bool(d, "searched", search != NULL);
	if (search == NULL)
		return (DB_OK);
	if ((r = db_entity_index(db, ctx->user.bureau_id,
	         ctx->user.registry_rev, &idx)) != DB_OK)
		return (r);
	memset(&q, 0, sizeof(q));
	q.q = search;
	q.sort = ENTITY_SORT_NAME;
	q.page = 1;
	q.per_page = ENTITY_MATCHES;
	(void)entity_index_query(idx, &q, rows, &n);
	for (i = 0; i < n; i++) {
		if (chosen != NULL && strcmp(rows[i]->id, chosen) == 0)
			continue;
		e = tlist_add(l);
		tdata_text(e, "id", rows[i]->id);
		tdata_text(e, "name", rows[i]->name);
		tdata_text(e, "uscc", rows[i]->uscc);
		tdata_text(e, "township", rows[i]->township);
		tdata_bool(e, "checked", 0);
	}
	return (DB_OK);
}

static int
chosen(const char *const *ids, size_t n, const char *id)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (strcmp(ids[i], id) == 0)
			return (1);
	}
	return (0);
}

/* The officers who may be named investigators (the proposer is one by
 * proposing). */
static void
propose_officers(struct web_ctx *ctx, struct tdata *d, PGresult *res,
    const struct case_new *in)
{
	struct tdata *o;
	struct tlist *l;
	int i;

	l = tdata_list(d, "officers");
	for (i = 0; i < PQntuples(res); i++) {
		if (strcmp(PQgetvalue(res, i, 0), ctx->user.id) == 0)
			continue;
		o = tlist_add(l);
		tdata_text(o, "id", PQgetvalue(res, i, 0));
		tdata_text(o, "name", PQgetvalue(res, i, 1));
		tdata_text(o, "squad", PQgetvalue(res, i, 2));
		tdata_bool(o, "cert_ok", db_bool(PQgetvalue(res, i, 4)));
		tdata_bool(o, "checked",
		    chosen(in->investigator_ids, in->ninvestigators,
		        PQgetvalue(res, i, 0)));
	}
}

static void
propose_values(struct tdata *d, const struct case_new *in, PGresult *types,
    const char *today)
{
	struct tdata *v;
	struct tlist *l;
	int i;

	v = tdata_map(d, "v");
	tdata_text(v, "summary_md", in->summary_md ? in->summary_md : "");
	tdata_text(v, "discovered_on",
	    in->discovered_on ? in->discovered_on : today);
	tdata_bool(v, "individual",
	    in->party_kind != NULL &&
	        strcmp(in->party_kind, "individual") == 0);
	if (in->inspection_id != NULL)
		tdata_text(d, "inspection_id", in->inspection_id);
	if (in->clue_id != NULL)
		tdata_text(d, "clue_id", in->clue_id);
	l = tdata_list(d, "violation_types");
	for (i = 0; i < PQntuples(types); i++)
		option_pick(l, PQgetvalue(types, i, 0), PQgetvalue(types, i, 1),
		    in->violation_type);
}

static void
errors_add(struct tdata *d, const char *key, const struct verr *errs)
{
	struct tdata *e;
	size_t i;

	e = tdata_map(d, key);
	for (i = 0; errs != NULL && i < errs->n; i++)
		tdata_text(e, errs->items[i].field, errs->items[i].message);
}

/* The form, empty or as submitted with its errors. */
static int
propose_form(struct web_ctx *ctx, int status, const struct case_new *in,
    const char *search, const struct verr *errs)
{
	PGresult *types = NULL, *officers = NULL;
	struct tdata *d;
	struct db *db;
	char today[16];
	enum db_result r;

	if ((db = web_db(ctx)) == NULL)
		return (KORE_RESULT_OK);
	web_today(today);
	d = web_page(ctx);
	if ((r = DB_QUERY(db, SQL_VIOLATION_TYPES, &types, today)) != DB_OK ||
	    (r = db_officers(db, ctx->user.bureau_id, today, &officers)) !=
	        DB_OK ||
	    (r = propose_entities(ctx, db, d, in->entity_id, search)) !=
	        DB_OK) {
		PQclear(types);
		PQclear(officers);
		return (web_db_error(ctx, r, NULL));
	}
	tdata_text(d, "title", "立案申请");
	tdata_text(d, "csrf", ctx->user.csrf);
	tdata_text(d, "today", today);
	tdata_text(d, "entity_q", search != NULL ? search : "");
	propose_values(d, in, types, today);
	propose_officers(ctx, d, officers, in);
	errors_add(d, "errors", errs);
	PQclear(types);
	PQclear(officers);
	return (web_render(ctx, status, "pages/case_new"));
}

int
serve_cases_new(struct web_ctx *ctx)
{
	const struct form *q;
	struct case_new in;

	q = web_query(ctx);
	memset(&in, 0, sizeof(in));
	in.entity_id = query_value(q, "entity_id");
	in.inspection_id = query_value(q, "inspection_id");
	in.clue_id = query_value(q, "clue_id");
	return (propose_form(ctx, HTTP_STATUS_OK, &in,
	    query_value(q, "entity_q"), NULL));
}

int
serve_cases_create(struct web_ctx *ctx)
{
	struct case_new_body in;
	struct case_actor ca;
	struct fields f;
	struct verr errs;
	struct db *db;
	char id[40], url[96], today[16];
	enum db_result r;

	verr_init(&errs);
	fields_form(&f, &ctx->form, NULL);
	case_new_read(&f, &in, &errs);
	if (errs.n > 0)
		return (propose_form(ctx, HTTP_STATUS_UNPROCESSABLE, &in.n,
		    NULL, &errs));
	if ((db = web_db(ctx)) == NULL)
		return (KORE_RESULT_OK);
	web_today(today);
	ca = api_case_actor(ctx, "cases.create");
	r = db_case_create(db, &ca, &in.n, today, &errs, id);
	if (r == DB_INVALID && errs.n > 0)
		return (propose_form(ctx, HTTP_STATUS_UNPROCESSABLE, &in.n,
		    NULL, &errs));
	if (r != DB_OK)
		return (web_db_error(ctx, r, &errs));
	web_flash(ctx, "case_proposed");
	(void)snprintf(url, sizeof(url), "/cases/%s", id);
	return (web_redirect(ctx, url));
}
