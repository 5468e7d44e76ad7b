/*
 * pages/case_page.c — one case (案件): its facts and money, the timeline
 * of its history, its statutory clocks, documents and evidence, and a
 * form for each action this user may take now (and only those: the
 * state machine's allowed set as the service computed it).
 *
 * An action's form (pages/case_actions.c) posts the fields
 * core/caseinput.c reads; a refusal renders this page again with the
 * service's message, the form open and what was typed kept. The case's
 * supporting measures and transfers, and the forms that propose them,
 * are pages/measures.c's (one more round trip: db_case_measures).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "core/markdown.h"
#include "db/casework.h"
#include "db/evidence.h"
#include "pages/pages.h"
#include "web/handlers.h"

/* Why the page is shown again after a post, and with what. */
struct page_state {
	int status;
	const char *alert;          /* the refusal, at the top */
	enum case_action failed;    /* its form opens again; CA__MAX: none */
	const struct verr *errs;    /* next to the fields */
	int upload_failed;          /* the evidence form, as typed */
	const char *measure_posted; /* a proposal form (measures.c), as typed */
};

/* ---- what the case is ------------------------------------------------- */

void
fact_add(struct tlist *l, const char *label, const char *value)
{
	struct tdata *f;

	if (value == NULL || *value == '\0')
		return;
	f = tlist_add(l);
	tdata_text(f, "label", label);
	tdata_text(f, "value", value);
}

void
fact_date(struct tlist *l, const char *label, gs_date d)
{
	char buf[GS_DATE_STRLEN];

	if (d == 0)
		return;
	date_format(d, buf);
	fact_add(l, label, buf);
}

void
yuan_text(int64_t fen, char *out, size_t len)
{
	money_format_yuan(fen, out, len);
	(void)strncat(out, " 元", len - strlen(out) - 1);
}

static void
fact_yuan(struct tlist *l, const char *label, int64_t fen)
{
	char buf[48];

	if (fen == CASE_NO_FINE)
		return;
	yuan_text(fen, buf, sizeof(buf));
	fact_add(l, label, buf);
}

/* The notice and what follows from it (告知). */
static void
facts_notice(struct tlist *l, const struct case_view *v)
{
	const struct case_rec *r = &v->rec;
	struct buf b;

	/* The calculator's answer stands before the notice quotes it. */
	fact_yuan(l, "裁量计算结果", r->discretion_fen);
	fact_add(l, "裁量依据", r->discretion_detail);
	fact_add(l, "偏离裁量的理由", r->discretion_reason);
	if (r->notice_served_on == 0)
		return;
	fact_date(l, "告知书送达", r->notice_served_on);
	fact_yuan(l, "拟罚款", r->proposed_fine_fen);
	buf_init(&b);
	case_other_penalties_text(r->other_penalties, "、", &b);
	fact_add(l, "拟其他处罚", b.data);
	buf_reset(&b);
	if (case_hearing_eligible(&v->facts))
		buf_puts(&b, "可申请听证");
	if (case_legal_review_required(&v->facts))
		buf_printf(&b, "%s须法制审核", b.len ? "、" : "");
	if (case_discussion_required(&v->facts))
		buf_printf(&b, "%s须集体讨论", b.len ? "、" : "");
	fact_add(l, "程序要求", b.data);
	buf_free(&b);
	fact_date(l, "申请听证", r->hearing_requested_on);
	fact_date(l, "举行听证", r->hearing_held_on);
	fact_date(l, "法制审核通过", r->legal_reviewed_on);
	fact_date(l, "集体讨论", r->discussion_held_on);
}

/* The decision and its execution. */
static void
facts_decision(struct tlist *l, const struct case_view *v)
{
	const struct case_rec *r = &v->rec;

	if (r->outcome == CO_NONE)
		return;
	fact_add(l, "决定结果", case_outcome_label(r->outcome));
	fact_yuan(l, "罚款", r->fine_fen);
	fact_add(l, "不予处罚理由",
	    case_no_penalty_reason_label(r->no_penalty_reason));
	fact_date(l, "决定日期", r->decided_on);
	fact_add(l, "决定书文号", r->decision_no);
	fact_date(l, "决定书送达", r->served_on);
	fact_add(l, "送达方式",
	    code_label_of(case_service_methods, CASE_SERVICE_METHODS,
	        r->service_method));
	fact_date(l, "结案日期", r->closed_on);
	fact_add(l, "结案依据", case_close_basis_label(r->close_basis));
}

static void
facts_add(struct tdata *d, const struct case_view *v)
{
	const struct case_rec *r = &v->rec;
	struct tlist *l;

	l = tdata_list(d, "facts");
	if (r->imported)
		fact_add(l, "来源", "自旧系统导入的历史案件");
	fact_add(l, "当事人类型", r->party_individual ? "个人" : "单位");
	fact_add(l, "违法行为", r->violation_name);
	if (r->imported)
		fact_add(l, "原违法行为表述", r->violation_text);
	fact_add(l, "承办中队", r->squad_name);
	fact_add(l, "提出人", r->proposer_name);
	fact_date(l, "发现日期", r->discovered_on);
	if (r->received_on != r->discovered_on)
		fact_date(l, "线索接收", r->received_on);
	fact_date(l, "立案日期", r->filed_on);
	facts_notice(l, v);
	facts_decision(l, v);
	fact_date(l, "终止日期", r->state == CS_CLOSED ? 0 : r->ended_on);
	fact_add(l, "最近更新", r->updated_at);
}

static void
money_add(struct tdata *d, const struct case_view *v)
{
	struct tdata *m;
	char buf[48];

	if (v->rec.outcome != CO_PENALTY)
		return;
	m = tdata_map(d, "money");
	money_format_yuan(v->money.fine_fen, buf, sizeof(buf));
	tdata_text(m, "fine", buf);
	money_format_yuan(v->money.surcharge_fen, buf, sizeof(buf));
	tdata_text(m, "surcharge", buf);
	money_format_yuan(v->money.paid_fen, buf, sizeof(buf));
	tdata_text(m, "paid", buf);
	money_format_yuan(v->money.outstanding_fen, buf, sizeof(buf));
	tdata_text(m, "outstanding", buf);
	tdata_bool(m, "owing", v->money.outstanding_fen > 0);
	if (v->money.payment_due != 0) {
		date_format(v->money.payment_due, buf);
		tdata_text(m, "payment_due", buf);
	}
}

/* ---- the timeline ----------------------------------------------------- */

/* Columns of SQL_CASE_EVENTS: action, from, to, actor, at, detail. */
static void
timeline_add(struct tdata *d, PGresult *ev)
{
	enum case_state from, to;
	struct tlist *l;
	struct tdata *t;
	const char *action;
	int i;

	l = tdata_list(d, "timeline");
	for (i = 0; i < PQntuples(ev); i++) {
		t = tlist_add(l);
		action = PQgetvalue(ev, i, 0);
		from = case_state_from(PQgetvalue(ev, i, 1));
		to = case_state_from(PQgetvalue(ev, i, 2));
		tdata_text(t, "action",
		    strcmp(action, "create") == 0 ?
		        "提出立案申请" :
		        case_action_label(case_action_from(action)));
		tdata_text(t, "actor", PQgetvalue(ev, i, 3));
		tdata_text(t, "at", PQgetvalue(ev, i, 4));
		tdata_bool(t, "moved", from != to);
		tdata_text(t, "to", case_state_label(to));
		tdata_text(t, "to_code", case_state_code(to));
		case_detail_add(t, PQgetvalue(ev, i, 5),
		    (size_t)PQgetlength(ev, i, 5));
	}
}

/* ---- clocks, documents, evidence -------------------------------------- */

/* The case's clocks into d; the number overdue. */
static int64_t
deadlines_add(struct tdata *d, const struct case_view *v)
{
	const struct deadline *dl;
	char buf[GS_DATE_STRLEN];
	struct tlist *l;
	struct tdata *t;
	size_t i;
	int64_t overdue = 0;

	l = tdata_list(d, "deadlines");
	for (i = 0; i < v->ndeadlines; i++) {
		dl = &v->deadlines[i];
		t = tlist_add(l);
		tdata_text(t, "kind", deadline_kind_label(dl->kind));
		tdata_text(t, "counting", dl->working ? "工作日" : "自然日");
		date_format(dl->due_on, buf);
		tdata_text(t, "due", buf);
		if (dl->effective_due_on != dl->due_on) {
			date_format(dl->effective_due_on, buf);
			tdata_text(t, "effective", buf);
		}
		tdata_text(t, "status", deadline_status_label(dl->status));
		tdata_text(t, "status_code", deadline_status_code(dl->status));
		tdata_bool(t, "party", dl->party);
		if (dl->met_on != 0) {
			date_format(dl->met_on, buf);
			tdata_text(t, "met_on", buf);
		}
		overdue += dl->status == DS_OVERDUE;
	}
	l = tdata_list(d, "suspensions");
	for (i = 0; i < v->nsuspensions; i++) {
		t = tlist_add(l);
		tdata_text(t, "kind",
		    case_suspension_label(v->suspensions[i].kind));
		date_format(v->suspensions[i].span.from, buf);
		tdata_text(t, "from", buf);
		if (v->suspensions[i].span.to != 0) {
			date_format(v->suspensions[i].span.to, buf);
			tdata_text(t, "to", buf);
		}
	}
	return (overdue);
}

/* Columns of SQL_CASE_DOCUMENTS (and SQL_MEASURE_DOCUMENTS): id, kind,
 * number, issued on. The print pages live at /documents/{id}. */
void
documents_add(struct tdata *d, PGresult *docs)
{
	struct tlist *l;
	struct tdata *t;
	int i;

	l = tdata_list(d, "documents");
	for (i = 0; i < PQntuples(docs); i++) {
		t = tlist_add(l);
		url_setf(t, "url", "/documents/%s", PQgetvalue(docs, i, 0));
		tdata_text(t, "title",
		    doc_kind_title(doc_kind_from(PQgetvalue(docs, i, 1))));
		if (!PQgetisnull(docs, i, 2))
			tdata_text(t, "doc_no", PQgetvalue(docs, i, 2));
		tdata_text(t, "issued_on", PQgetvalue(docs, i, 3));
	}
}

static void
size_text(int64_t n, char *out, size_t len)
{
	if (n < 1024)
		(void)snprintf(out, len, "%" PRId64 " B", n);
	else if (n < 1024 * 1024)
		(void)snprintf(out, len, "%.1f KB", (double)n / 1024);
	else
		(void)snprintf(out, len, "%.1f MB", (double)n / 1048576);
}

/* Columns of SQL_EVIDENCE_OF_CASE (EVIDENCE_COLS). */
static void
evidence_add(struct tdata *d, PGresult *ev)
{
	struct tlist *l;
	struct tdata *t;
	char size[32];
	int64_t n;
	int i;

	l = tdata_list(d, "evidence");
	for (i = 0; i < PQntuples(ev); i++) {
		t = tlist_add(l);
		url_setf(t, "url", "/api/v1/evidence/%s/content",
		    PQgetvalue(ev, i, 0));
		tdata_text(t, "kind",
		    evidence_kind_label(PQgetvalue(ev, i, 2)));
		tdata_text(t, "description", PQgetvalue(ev, i, 3));
		tdata_text(t, "collected_on", PQgetvalue(ev, i, 4));
		tdata_text(t, "filename", PQgetvalue(ev, i, 10));
		n = 0;
		(void)parse_int64(PQgetvalue(ev, i, 9), &n);
		size_text(n, size, sizeof(size));
		tdata_text(t, "size", size);
		tdata_textn(t, "sha", PQgetvalue(ev, i, 8), 12);
		tdata_text(t, "uploader", PQgetvalue(ev, i, 12));
		tdata_text(t, "at", PQgetvalue(ev, i, 13));
	}
}

/* The upload form: empty, or as posted with its errors. */
static void
upload_add(struct web_ctx *ctx, struct tdata *d, const struct page_state *st,
    const char *today)
{
	struct tdata *u, *e;
	struct tlist *l;
	const char *kind, *v;
	size_t i;

	u = tdata_map(d, "upload");
	url_setf(u, "url", "/cases/%s/evidence", ctx->caps.v[0]);
	kind = st->upload_failed ? web_param(ctx, "kind") : NULL;
	l = tdata_list(u, "kinds");
	for (i = 0; i < EVIDENCE_KINDS; i++)
		option_pick(l, evidence_kinds[i].code, evidence_kinds[i].label,
		    kind);
	v = st->upload_failed ? web_param(ctx, "description") : NULL;
	tdata_text(u, "description", v != NULL ? v : "");
	v = st->upload_failed ? web_param(ctx, "collected_on") : NULL;
	tdata_text(u, "collected_on", v != NULL ? v : today);
	v = st->upload_failed ? web_param(ctx, "lat") : NULL;
	tdata_text(u, "lat", v != NULL ? v : "");
	v = st->upload_failed ? web_param(ctx, "lng") : NULL;
	tdata_text(u, "lng", v != NULL ? v : "");
	tdata_bool(u, "open", st->upload_failed);
	e = tdata_map(u, "errors");
	for (i = 0; st->upload_failed && st->errs != NULL && i < st->errs->n;
	     i++)
		tdata_text(e, st->errs->items[i].field,
		    st->errs->items[i].message);
}

/* Columns of SQL_CASE_INVESTIGATORS: id, name, certificate, valid until. */
static void
investigators_add(struct tdata *d, PGresult *inv, const char *today)
{
	struct tlist *l;
	struct tdata *t;
	const char *until;
	int i;

	l = tdata_list(d, "investigators");
	for (i = 0; i < PQntuples(inv); i++) {
		t = tlist_add(l);
		tdata_text(t, "name", PQgetvalue(inv, i, 1));
		tdata_text(t, "cert", PQgetvalue(inv, i, 2));
		until = db_value(inv, i, 3);
		tdata_bool(t, "cert_ok",
		    until != NULL && *PQgetvalue(inv, i, 2) != '\0' &&
		        strcmp(until, today) >= 0);
	}
}

/* ---- the page --------------------------------------------------------- */

/* Everything the page shows besides the case row itself: the first four
 * come with the case (lists, below), the others when an action needs them. */
static const enum sql_id lists[] = { SQL_CASE_INVESTIGATORS, SQL_CASE_EVENTS,
	SQL_CASE_DOCUMENTS, SQL_EVIDENCE_OF_CASE };

struct case_rows {
	PGresult *inv;
	PGresult *events;
	PGresult *docs;
	PGresult *evidence;
	PGresult *officers; /* approve_filing allowed, or measures proposable */
	PGresult *factors;  /* only when assess is allowed */
};

static void
case_rows_free(struct case_rows *c)
{
	PQclear(c->inv);
	PQclear(c->events);
	PQclear(c->docs);
	PQclear(c->evidence);
	PQclear(c->officers);
	PQclear(c->factors);
	memset(c, 0, sizeof(*c));
}

/* The rows an allowed action needs (rows has the lists already); the
 * officers also for the forms that propose measures. */
static enum db_result
case_rows_load(struct db *db, const char *bureau, const struct case_view *v,
    const char *today, int may_propose, struct case_rows *c)
{
	enum db_result r;

	if ((v->allowed & (1u << CA_ASSESS)) &&
	    (r = db_query(db, SQL_DISCRETION_FACTORS, &c->factors, 0, NULL)) !=
	        DB_OK)
		return (r);
	if ((v->allowed & (1u << CA_APPROVE_FILING)) || may_propose)
		return (db_officers(db, bureau, today, &c->officers));
	return (DB_OK);
}

static void
head_add(struct tdata *d, const struct case_view *v)
{
	const struct case_rec *r = &v->rec;
	struct tdata *c;

	c = tdata_map(d, "c");
	if (r->case_no != NULL)
		tdata_text(c, "case_no", r->case_no);
	tdata_text(c, "state", case_state_label(r->state));
	tdata_text(c, "state_code", case_state_code(r->state));
	url_setf(c, "entity_url", "/entities/%s", r->entity_id);
	url_setf(c, "dossier_url", "/cases/%s/dossier", r->id);
	tdata_text(c, "entity_name", r->entity_name);
	tdata_text(c, "entity_uscc", r->entity_uscc);
	tdata_text(c, "violation", r->violation_name);
	if (!tdata_markdown(c, "summary", r->summary_md, strlen(r->summary_md)))
		(void)tdata_markdown(c, "summary", "", 0);
	if (r->report_md != NULL &&
	    !tdata_markdown(c, "report", r->report_md, strlen(r->report_md)))
		(void)tdata_markdown(c, "report", "", 0);
}

static int
case_page(struct web_ctx *ctx, const struct page_state *st)
{
	PGresult *res[GS_NELEM(lists)];
	struct measure_forms mf;
	struct measure_list ml;
	struct case_actor ca;
	struct case_view v;
	struct case_rows rows;
	struct case_forms fc;
	struct tdata *d;
	struct db *db;
	char today[16];
	enum db_result r;
	int64_t overdue;
	int rc, may;

	if ((db = web_db(ctx)) == NULL)
		return (KORE_RESULT_OK);
	web_today(today);
	ca = api_case_actor(ctx, "cases.show");
	memset(&rows, 0, sizeof(rows));
	if ((r = db_case_view_with(db, &ca, ctx->caps.v[0], today, &v, lists,
	         (int)GS_NELEM(lists), res)) != DB_OK)
		return (web_db_error(ctx, r, NULL));
	rows.inv = res[0];
	rows.events = res[1];
	rows.docs = res[2];
	rows.evidence = res[3];
	may = measures_may_propose(ctx->user.roles, &v);
	if ((r = case_rows_load(db, ctx->user.bureau_id, &v, today, may,
	         &rows)) != DB_OK ||
	    (r = db_case_measures(db, &ca, &v, web_now(), &ml)) != DB_OK) {
		case_rows_free(&rows);
		case_view_free(&v);
		return (web_db_error(ctx, r, NULL));
	}
	d = web_page(ctx);
	tdata_textf(d, "title", "%s",
	    v.rec.case_no != NULL ? v.rec.case_no : v.rec.entity_name);
	tdata_text(d, "csrf", ctx->user.csrf);
	tdata_int(d, "version", v.rec.version);
	if (st->alert != NULL)
		tdata_text(d, "alert", st->alert);
	head_add(d, &v);
	facts_add(d, &v);
	money_add(d, &v);
	investigators_add(d, rows.inv, today);
	overdue = deadlines_add(d, &v);
	memset(&mf, 0, sizeof(mf));
	mf.ctx = ctx;
	mf.v = &v;
	mf.l = &ml;
	mf.may_propose = may;
	mf.posted = st->measure_posted;
	mf.errs = st->errs;
	mf.today = today;
	mf.officers = rows.officers;
	mf.investigators = rows.inv;
	overdue += case_measures_add(d, &mf);
	tdata_int(d, "overdue_count", overdue);
	timeline_add(d, rows.events);
	documents_add(d, rows.docs);
	evidence_add(d, rows.evidence);
	if (perm_allows(ctx->user.roles, PERM_EVIDENCE_WRITE) &&
	    !case_state_final(v.rec.state))
		upload_add(ctx, d, st, today);
	memset(&fc, 0, sizeof(fc));
	fc.ctx = ctx;
	fc.v = &v;
	fc.posted = st->failed;
	fc.errs = st->errs;
	fc.today = today;
	fc.officers = rows.officers;
	fc.factors = rows.factors;
	fc.investigators = rows.inv;
	case_actions_add(d, &fc);
	rc = web_render(ctx, st->status, "pages/case");
	measure_list_free(&ml);
	case_rows_free(&rows);
	case_view_free(&v);
	return (rc);
}

int
case_page_refused(struct web_ctx *ctx, int status, const char *alert,
    const char *posted, const struct verr *errs)
{
	struct page_state st;

	memset(&st, 0, sizeof(st));
	st.status = status;
	st.alert = alert;
	st.failed = CA__MAX;
	st.errs = errs;
	st.measure_posted = posted;
	return (case_page(ctx, &st));
}

int
serve_cases_show(struct web_ctx *ctx)
{
	struct page_state st;

	memset(&st, 0, sizeof(st));
	st.status = HTTP_STATUS_OK;
	st.failed = CA__MAX;
	return (case_page(ctx, &st));
}
int
serve_cases_act(struct web_ctx *ctx)
{
	struct case_act_result res;
	struct case_refusal why;
	struct case_act_body in;
	struct page_state st;
	struct json_writer w;
	struct case_actor ca;
	struct fields f;
	struct verr errs;
	struct buf detail;
	struct db *db;
	char today[16], context[64], url[96], text[VERR_MESSAGE_LEN + 128];
	enum case_action a;
	enum db_result r;
	int rc;

	if ((a = case_action_from(ctx->caps.v[1])) == CA__MAX)
		return (web_error(ctx, HTTP_STATUS_NOT_FOUND, "not_found",
		    "没有这个案件操作"));
	verr_init(&errs);
	buf_init(&detail);
	jw_init(&w, &detail);
	jw_object_begin(&w, NULL);
	fields_form(&f, &ctx->form, &w);
	case_act_read(&f, &in, &errs);
	jw_object_end(&w);
	memset(&st, 0, sizeof(st));
	st.failed = a;
	st.errs = &errs;
	if (errs.n > 0) {
		case_refusal_text(a, &errs, text, sizeof(text));
		st.status = HTTP_STATUS_UNPROCESSABLE;
		st.alert = text;
		rc = case_page(ctx, &st);
		buf_free(&detail);
		return (rc);
	}
	if ((db = web_db(ctx)) == NULL) {
		buf_free(&detail);
		return (KORE_RESULT_OK);
	}
	web_today(today);
	(void)snprintf(context, sizeof(context), "cases.%s",
	    case_action_code(a));
	ca = api_case_actor(ctx, context);
	r = db_case_act(db, &ca, ctx->caps.v[0], a, in.version, &in.in,
	    in.investigator_ids, in.ninvestigators, detail.data, today, &res,
	    &errs);
	buf_free(&detail);
	if (r == DB_OK) {
		web_flash(ctx, "case_acted");
		(void)snprintf(url, sizeof(url), "/cases/%s", ctx->caps.v[0]);
		return (web_redirect(ctx, url));
	}
	if (case_refusal(r, &res, &errs, &why)) {
		st.status = why.status;
		st.alert = why.message;
		return (case_page(ctx, &st));
	}
	if (r != DB_INVALID)
		return (web_db_error(ctx, r, &errs));
	case_refusal_text(a, &errs, text, sizeof(text));
	st.status = HTTP_STATUS_UNPROCESSABLE;
	st.alert = text;
	return (case_page(ctx, &st));
}

int
serve_cases_evidence_create(struct web_ctx *ctx)
{
	struct evidence_receipt rec;
	struct page_state st;
	struct verr errs;
	struct db *db;
	char url[112];
	enum db_result r;

	if ((db = web_db(ctx)) == NULL)
		return (KORE_RESULT_OK);
	verr_init(&errs);
	r = evidence_receive(ctx, db, ctx->caps.v[0], &rec, &errs);
	if (r == DB_OK) {
		web_flash(ctx, "evidence_added");
		(void)snprintf(url, sizeof(url), "/cases/%s#evidence",
		    ctx->caps.v[0]);
		return (web_redirect(ctx, url));
	}
	if (r == DB_NOTFOUND || errs.n == 0)
		return (web_db_error(ctx, r, &errs));
	memset(&st, 0, sizeof(st));
	st.status = r == DB_CONFLICT ? HTTP_STATUS_CONFLICT :
	    r == DB_ERROR            ? HTTP_STATUS_INTERNAL_ERROR :
	                               HTTP_STATUS_UNPROCESSABLE;
	st.alert = errs.items[0].message;
	st.failed = CA__MAX;
	st.errs = &errs;
	st.upload_failed = 1;
	return (case_page(ctx, &st));
}
