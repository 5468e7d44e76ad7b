/*
 * pages/documents.c — the legal documents of a case as A4 print pages
 * (domain.md "Documents"): one template (templates/print/document.html)
 * filled from the case as it stands, the document's row (number, date,
 * narrative in Markdown) and the party. The dossier export renders the
 * same pages into its ZIP (document_render()).
 */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "core/caseinput.h"
#include "core/log.h"
#include "core/markdown.h"
#include "core/tmpl.h"
#include "db/evidence.h"
#include "db/inspections.h"
#include "pages/pages.h"
#include "web/assets.h"
#include "web/handlers.h"

int
print_render(const char *name, struct tdata *d, struct buf *out)
{
	const struct tmpl *layout, *page;
	struct buf err;
	int ok;

	buf_init(&err);
	layout = tmpl_get(web_templates, "print/layout");
	page = tmpl_get(web_templates, name);
	ok = layout != NULL && page != NULL &&
	    tmpl_render_layout(layout, page, d, out, &err);
	if (!ok)
		gs_log(LOG_LEVEL_ERROR, "render %s: %s", name,
		    err.data != NULL ? err.data : "no such template");
	buf_free(&err);
	return (ok ? GS_OK : GS_ERROR);
}

/* "2026年11月23日", as documents write dates; "" for none. */
void
date_cn(gs_date d, char out[32])
{
	int y, m, day;

	*out = '\0';
	if (d == 0)
		return;
	date_to_ymd(d, &y, &m, &day);
	(void)snprintf(out, 32, "%d年%d月%d日", y, m, day);
}

static void
tdata_date_cn(struct tdata *d, const char *key, gs_date day)
{
	char buf[32];

	date_cn(day, buf);
	if (*buf != '\0')
		tdata_text(d, key, buf);
}

static void
tdata_yuan(struct tdata *d, const char *key, int64_t fen)
{
	char buf[32];

	if (fen == CASE_NO_FINE)
		return;
	money_format_yuan(fen, buf, sizeof(buf));
	tdata_text(d, key, buf);
}

static void
other_penalties_text(struct tdata *d, uint32_t mask)
{
	struct buf b;

	buf_init(&b);
	case_other_penalties_text(mask, "；", &b);
	if (b.len > 0)
		tdata_text(d, "other_penalties", b.data);
	buf_free(&b);
}

void
tdata_joined(struct tdata *d, const char *key, const PGresult *res, int col)
{
	struct buf b;
	int row;

	buf_init(&b);
	for (row = 0; row < PQntuples(res); row++)
		buf_printf(&b, "%s%s", row > 0 ? "、" : "",
		    PQgetvalue(res, row, col));
	tdata_text(d, key, b.data != NULL ? b.data : "");
	buf_free(&b);
}

/* The case's facts as the document states them. */
static void
case_facts(struct tdata *c, const struct case_view *v, const PGresult *party,
    const PGresult *inv)
{
	const struct case_rec *r = &v->rec;
	char buf[32];

	tdata_text(c, "case_no", r->case_no != NULL ? r->case_no : "");
	tdata_text(c, "violation", r->violation_name);
	tdata_text(c, "legal_basis", PQgetvalue(party, 0, 3));
	tdata_date_cn(c, "discovered_on", r->discovered_on);
	tdata_date_cn(c, "filed_on", r->filed_on);
	tdata_date_cn(c, "served_on", r->served_on);
	tdata_date_cn(c, "notice_served_on", r->notice_served_on);
	tdata_joined(c, "investigators", inv, 1);
	tdata_text(c, "proposer", r->proposer_name);
	tdata_yuan(c, "fine_yuan",
	    r->outcome == CO_PENALTY && r->fine_fen > 0 ? r->fine_fen :
	                                                  CASE_NO_FINE);
	tdata_yuan(c, "proposed_yuan",
	    r->proposed_fine_fen > 0 ? r->proposed_fine_fen : CASE_NO_FINE);
	other_penalties_text(c, r->other_penalties);
	if (r->discretion_detail != NULL)
		tdata_text(c, "discretion_detail", r->discretion_detail);
	if (r->discretion_reason != NULL)
		tdata_text(c, "discretion_reason", r->discretion_reason);
	if (r->outcome == CO_NO_PENALTY)
		tdata_text(c, "no_penalty_reason",
		    case_no_penalty_reason_label(r->no_penalty_reason));
	if (r->service_method != NULL)
		tdata_text(c, "service_method",
		    code_label_of(case_service_methods, CASE_SERVICE_METHODS,
		        r->service_method));
	if (r->close_basis != CCB_NONE)
		tdata_text(c, "close_basis",
		    case_close_basis_label(r->close_basis));
	tdata_int(c, "payment_days", v->clock.payment_days);
	tdata_int(c, "statement_days", v->clock.statement_working_days);
	tdata_int(c, "hearing_days", v->clock.hearing_request_working_days);
	tdata_bool(c, "hearing_eligible", case_hearing_eligible(&v->facts));
	money_format_yuan(v->money.outstanding_fen, buf, sizeof(buf));
	tdata_text(c, "outstanding_yuan", buf);
	money_format_yuan(v->money.paid_fen, buf, sizeof(buf));
	tdata_text(c, "paid_yuan", buf);
	money_format_yuan(v->money.surcharge_fen, buf, sizeof(buf));
	tdata_text(c, "surcharge_yuan", buf);
}

static void
evidence_list(struct tdata *d, const PGresult *ev)
{
	struct tlist *l = tdata_list(d, "evidence");
	struct tdata *e;
	int row;

	for (row = 0; row < PQntuples(ev); row++) {
		e = tlist_add(l);
		tdata_int(e, "n", row + 1);
		tdata_text(e, "kind",
		    evidence_kind_label(PQgetvalue(ev, row, 2)));
		tdata_text(e, "description", PQgetvalue(ev, row, 3));
		tdata_text(e, "collected_on", PQgetvalue(ev, row, 4));
	}
}

/* Which body the template writes for kind. */
static void
kind_flags(struct tdata *d, enum doc_kind k)
{
	tdata_bool(d, "is_filing", k == DOC_FILING_APPROVAL);
	tdata_bool(d, "is_notice",
	    k == DOC_PENALTY_NOTICE || k == DOC_HEARING_NOTICE);
	tdata_bool(d, "is_decision", k == DOC_PENALTY_DECISION);
	tdata_bool(d, "is_no_penalty", k == DOC_NO_PENALTY_DECISION);
	tdata_bool(d, "is_service", k == DOC_SERVICE_RECEIPT);
	tdata_bool(d, "is_closure", k == DOC_CLOSURE_APPROVAL);
	tdata_bool(d, "is_demand", k == DOC_DEMAND);
	tdata_bool(d, "is_record",
	    k == DOC_HEARING_RECORD || k == DOC_LEGAL_REVIEW ||
	        k == DOC_DISCUSSION_RECORD || k == DOC_INQUIRY_RECORD ||
	        k == DOC_INSPECTION_RECORD || k == DOC_CORRECTION_ORDER);
}

/* The document's own row: title, number, issuer, date, narrative. */
static int
document_head(struct tdata *d, const PGresult *doc, const PGresult *party,
    enum doc_kind k)
{
	struct tdata *h;
	const char *md;
	gs_date issued;

	h = tdata_map(d, "doc");
	tdata_text(h, "title", doc_kind_title(k));
	if (!PQgetisnull(doc, 0, 3))
		tdata_text(h, "doc_no", PQgetvalue(doc, 0, 3));
	tdata_text(h, "bureau", PQgetvalue(party, 0, 2));
	if (date_parse(PQgetvalue(doc, 0, 4), &issued))
		tdata_date_cn(h, "issued_on", issued);
	tdata_text(d, "title", doc_kind_title(k));
	md = PQgetvalue(doc, 0, 5);
	if (*md != '\0' &&
	    tdata_markdown(d, "narrative", md, strlen(md)) != GS_OK)
		return (GS_ERROR);
	return (GS_OK);
}

static void
party_facts(struct tdata *d, const struct case_view *v, const PGresult *party)
{
	struct tdata *p = tdata_map(d, "party");

	tdata_text(p, "name", v->rec.entity_name);
	tdata_text(p, "uscc", v->rec.entity_uscc);
	tdata_text(p, "address", PQgetvalue(party, 0, 0));
	tdata_text(p, "legal_rep", PQgetvalue(party, 0, 1));
	tdata_bool(p, "individual", v->rec.party_individual);
}

/* Fills d from the rows; GS_ERROR when a narrative is not text. */
static int
document_fill(struct tdata *d, const struct case_view *v, const PGresult *doc,
    const PGresult *party, const PGresult *inv, const PGresult *ev)
{
	const char *report = v->rec.report_md;
	enum doc_kind k = doc_kind_from(PQgetvalue(doc, 0, 2));

	if (k == DOC__MAX || document_head(d, doc, party, k) != GS_OK)
		return (GS_ERROR);
	party_facts(d, v, party);
	case_facts(tdata_map(d, "c"), v, party, inv);
	kind_flags(d, k);
	evidence_list(d, ev);
	if (tdata_markdown(d, "summary", v->rec.summary_md,
	        strlen(v->rec.summary_md)) != GS_OK)
		return (GS_ERROR);
	if (report != NULL &&
	    tdata_markdown(d, "report", report, strlen(report)) != GS_OK)
		return (GS_ERROR);
	return (GS_OK);
}

enum db_result
document_render(struct db *db, const struct case_actor *ca, const char *id,
    const char *css_url, struct buf *out)
{
	PGresult *doc = NULL, *party = NULL, *inv = NULL, *ev = NULL;
	struct case_view v;
	struct tdata *d;
	char today[16];
	enum db_result r;

	if (!uuid_valid(id, strlen(id)))
		return (DB_NOTFOUND);
	if ((r = DB_QUERY_ONE(db, SQL_DOCUMENT_GET, &doc, ca->a.bureau_id,
	         id)) != DB_OK)
		return (r);
	web_today(today);
	if ((r = db_case_view(db, ca, PQgetvalue(doc, 0, 1), today, &v)) !=
	    DB_OK) {
		PQclear(doc);
		return (r);
	}
	if ((r = DB_QUERY_ONE(db, SQL_DOCUMENT_PARTY, &party, v.rec.id)) !=
	        DB_OK ||
	    (r = DB_QUERY(db, SQL_CASE_INVESTIGATORS, &inv, v.rec.id)) !=
	        DB_OK ||
	    (r = DB_QUERY(db, SQL_EVIDENCE_OF_CASE, &ev, v.rec.id)) != DB_OK)
		goto done;
	d = tdata_new();
	tdata_url(d, "css_url", css_url);
	if (document_fill(d, &v, doc, party, inv, ev) != GS_OK ||
	    print_render("print/document", d, out) != GS_OK) {
		gs_log(LOG_LEVEL_ERROR, "document %s: cannot render", id);
		r = DB_ERROR;
	}
	tdata_free(d);
done:
	PQclear(doc);
	PQclear(party);
	PQclear(inv);
	PQclear(ev);
	case_view_free(&v);
	return (r);
}

/* GET /documents/{id}: the document as an A4 print page. */
int
serve_document_print(struct web_ctx *ctx)
{
	struct case_actor ca;
	struct buf out;
	struct db *db;
	enum db_result r;

	if ((db = web_db(ctx)) == NULL)
		return (KORE_RESULT_OK);
	ca = api_case_actor(ctx, "documents.print");
	buf_init(&out);
	r = document_render(db, &ca, ctx->caps.v[0],
	    assets_url("css/print.css"), &out);
	if (r != DB_OK) {
		buf_free(&out);
		return (web_db_error(ctx, r, NULL));
	}
	return (web_html(ctx, HTTP_STATUS_OK, &out));
}

/* The 现场检查笔录 of an inspection as an A4 page. */
static int
inspection_fill(struct tdata *d, const PGresult *row, const PGresult *officers,
    const PGresult *bureau)
{
	struct tdata *i, *o;
	struct tlist *l;
	const char *md;
	gs_date on;
	int r;

	tdata_text(d, "title", "现场检查（勘察）笔录");
	tdata_text(d, "bureau", PQgetvalue(bureau, 0, 0));
	i = tdata_map(d, "i");
	tdata_text(i, "entity_name", PQgetvalue(row, 0, INC_ENTITY_NAME));
	tdata_text(i, "entity_uscc", PQgetvalue(row, 0, INC_ENTITY_USCC));
	tdata_text(i, "entity_address", PQgetvalue(row, 0, INC_ENTITY_ADDRESS));
	tdata_text(i, "legal_rep", PQgetvalue(row, 0, INC_ENTITY_LEGAL_REP));
	if (date_parse(PQgetvalue(row, 0, INC_INSPECTED_ON), &on))
		tdata_date_cn(i, "inspected_on", on);
	tdata_text(i, "outcome",
	    inspection_outcome_label(PQgetvalue(row, 0, INC_OUTCOME)));
	l = tdata_list(d, "officers");
	for (r = 0; r < PQntuples(officers); r++) {
		o = tlist_add(l);
		tdata_text(o, "display_name", PQgetvalue(officers, r, 1));
		tdata_text(o, "cert_no", PQgetvalue(officers, r, 2));
	}
	md = PQgetvalue(row, 0, INC_FINDINGS_MD);
	return (tdata_markdown(d, "findings", md, strlen(md)));
}

/* GET /inspections/{id}/record */
int
serve_inspection_record(struct web_ctx *ctx)
{
	PGresult *row, *officers, *bureau;
	struct buf out;
	struct tdata *d;
	struct db *db;
	enum db_result r;
	int ok;

	if ((db = web_db(ctx)) == NULL)
		return (KORE_RESULT_OK);
	if ((r = db_inspection_get(db, ctx->user.bureau_id, ctx->caps.v[0],
	         &row, &officers)) != DB_OK)
		return (web_db_error(ctx, r, NULL));
	if ((r = DB_QUERY_ONE(db, SQL_BUREAU_NAME, &bureau,
	         ctx->user.bureau_id)) != DB_OK) {
		PQclear(row);
		PQclear(officers);
		return (web_db_error(ctx, r, NULL));
	}
	d = tdata_new();
	tdata_url(d, "css_url", assets_url("css/print.css"));
	buf_init(&out);
	ok = inspection_fill(d, row, officers, bureau) == GS_OK &&
	    print_render("print/inspection", d, &out) == GS_OK;
	tdata_free(d);
	PQclear(row);
	PQclear(officers);
	PQclear(bureau);
	if (!ok) {
		buf_free(&out);
		return (web_error(ctx, HTTP_STATUS_INTERNAL_ERROR, "internal",
		    "笔录渲染失败"));
	}
	return (web_html(ctx, HTTP_STATUS_OK, &out));
}
