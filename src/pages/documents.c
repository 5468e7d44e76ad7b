/*
 * pages/documents.c — the legal documents of a case as A4 print pages
 * (domain.md "Documents"): one template (templates/print/document.html)
 * filled from the case as it stands, the document's row (number, date,
 * narrative in Markdown) and the party. The documents of a supporting
 * measure or a transfer (the case_document rows with a measure) have
 * their own template (templates/print/measure_document.html), filled
 * from the measure as its page reads it (db_measure_page). The dossier
 * export renders the same pages into its ZIP (document_render()).
 */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "core/caseinput.h"
#include "core/json.h"
#include "core/log.h"
#include "core/markdown.h"
#include "core/tmpl.h"
#include "db/evidence.h"
#include "db/inspections.h"
#include "db/measures.h"
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

/* ---- the documents of measures and transfers ------------------------- */

/* The column of DOCUMENT_GET with the document's measure (NULL for a
 * document of the case). */
#define DOCUMENT_MEASURE_COL 6

/* The legal basis a measure's documents cite, by the measure's kind. */
static const char *
measure_basis(enum measure_kind k)
{
	switch (k) {
	case MK_SEIZURE:
		return (
		    "《中华人民共和国环境保护法》第二十五条、"
		    "《中华人民共和国行政强制法》和《环境保护主管部门实施查封、"
		    "扣押办法》");
	case MK_DAILY_PENALTY:
		return (
		    "《中华人民共和国环境保护法》第五十九条和《环境保护主管部门"
		    "实施按日连续处罚办法》");
	case MK_PRODUCTION_LIMIT:
	case MK_PRODUCTION_SUSPENSION:
		return (
		    "《中华人民共和国环境保护法》第六十条和《环境保护主管部门"
		    "实施限制生产、停产整治办法》");
	case MK_DETENTION_TRANSFER:
		return (
		    "《中华人民共和国环境保护法》第六十三条和《行政主管部门移送"
		    "适用行政拘留环境违法案件暂行办法》");
	case MK_CRIMINAL_TRANSFER:
		return ("《行政执法机关移送涉嫌犯罪案件的规定》");
	default:
		return ("");
	}
}

/* The reason given with the last action a of the history (its detail). */
static void
event_reason(struct tdata *d, const char *key, const PGresult *ev,
    const char *action)
{
	const struct json_value *jv;
	struct json_error err;
	struct json_doc *doc;
	int i;

	for (i = PQntuples(ev) - 1; i >= 0; i--) {
		if (strcmp(PQgetvalue(ev, i, 0), action) == 0)
			break;
	}
	if (i < 0 ||
	    (doc = json_parse(PQgetvalue(ev, i, 5),
	         (size_t)PQgetlength(ev, i, 5), &err)) == NULL)
		return;
	if ((jv = json_get(json_root(doc), "reason")) != NULL &&
	    jv->type == JSON_STRING)
		tdata_text(d, key, jv->u.str.s);
	json_free(doc);
}

static void
tdata_instant_cn(struct tdata *d, const char *key, time_t t)
{
	char buf[64], day[32], iso[GS_INSTANT_STRLEN];

	if (t == 0)
		return;
	date_cn(date_of_instant_shanghai(t), day);
	instant_format(t, iso);
	(void)snprintf(buf, sizeof(buf), "%s%.2s时%.2s分", day, iso + 11,
	    iso + 14);
	tdata_text(d, key, buf);
}

/* Officers of the measure (SQL_MEASURE_OFFICERS) as "姓名（执法证号）、…". */
static void
officers_text(struct tdata *d, const PGresult *o)
{
	struct buf b;
	int i;

	buf_init(&b);
	for (i = 0; i < PQntuples(o); i++)
		buf_printf(&b, "%s%s（执法证号 %s）", i > 0 ? "、" : "",
		    PQgetvalue(o, i, 1), PQgetvalue(o, i, 2));
	tdata_text(d, "officers", b.data != NULL ? b.data : "");
	buf_free(&b);
}

/* The period of a seizure or a limit, as the decision states it. */
static void
measure_period(struct tdata *t, const struct measure_page *p)
{
	const struct measure_rec *m = &p->l.items[0].m;
	gs_date from, until;

	if (m->kind == MK_SEIZURE && m->period_days > 0) {
		tdata_int(t, "period_days", m->period_days);
		if ((from = m->effective_from) != 0) {
			tdata_date_cn(t, "from", from);
			until =
			    calendar_add_days(&p->cv.cal, from, m->period_days);
			tdata_date_cn(t, "until", until);
			if (m->extension_days > 0)
				tdata_date_cn(t, "extended_until",
				    calendar_add_days(&p->cv.cal, from,
				        m->period_days + m->extension_days));
		}
	}
	if (m->kind == MK_PRODUCTION_LIMIT && m->period_months > 0)
		tdata_int(t, "period_months", m->period_months);
	if (m->kind == MK_PRODUCTION_LIMIT && m->served_on != 0) {
		tdata_date_cn(t, "from", m->served_on);
		if (m->extension_months > 0)
			tdata_date_cn(t, "extended_until",
			    limit_end(&p->cv.cal, m->served_on,
			        m->period_months, m->extension_months));
	}
	tdata_int(t, "extension_days", m->extension_days);
	tdata_int(t, "extension_months", m->extension_months);
}

/* What the document says of the measure. */
static int
measure_facts(struct tdata *t, const struct measure_page *p)
{
	const struct measure_view *v = &p->l.items[0];
	const struct measure_rec *m = &v->m;
	const struct case_rec *c = &p->cv.rec;
	const char *md;

	tdata_text(t, "kind", measure_kind_label(m->kind));
	tdata_text(t, "decision_title",
	    doc_kind_title(measure_decision_doc(m->kind)));
	if (c->case_no != NULL)
		tdata_text(t, "case_no", c->case_no);
	tdata_text(t, "violation", c->violation_name);
	tdata_text(t, "basis", measure_basis(m->kind));
	if (v->doc_no != NULL)
		tdata_text(t, "decision_no", v->doc_no);
	tdata_date_cn(t, "decided_on", m->decided_on);
	tdata_date_cn(t, "monitoring_on", m->monitoring_on);
	tdata_bool(t, "emergency", m->emergency);
	tdata_instant_cn(t, "started_at", m->started_at);
	tdata_instant_cn(t, "approved_at", m->approved_at);
	if (v->place != NULL && *v->place != '\0')
		tdata_text(t, "place", v->place);
	officers_text(t, p->officers);
	measure_period(t, p);
	event_reason(t, "extension_reason", p->events, "extend");
	if (v->end_reason != NULL && *v->end_reason != '\0')
		tdata_text(t, "end_reason", v->end_reason);
	tdata_date_cn(t, "extended_on", m->extended_on);
	tdata_date_cn(t, "release_decided_on", m->release_decided_on);
	tdata_date_cn(t, "released_on", m->released_on);
	tdata_date_cn(t, "served_on", m->served_on);
	tdata_int(t, "plan_days", p->l.rules.plan_wd);
	tdata_int(t, "payment_days", p->cv.clock.payment_days);
	tdata_int(t, "reinspection_days", p->l.rules.reinspection_days);
	tdata_int(t, "release_verify_days", p->l.rules.release_verify_wd);
	tdata_date_cn(t, "reported_on", m->reported_on);
	tdata_instant_cn(t, "transferred_at", m->transferred_at);
	if (v->police_agency != NULL && *v->police_agency != '\0')
		tdata_text(t, "police_agency", v->police_agency);
	tdata_date_cn(t, "procuratorate_copied_on", m->procuratorate_copied_on);
	if (c->decision_no != NULL)
		tdata_text(t, "penalty_decision_no", c->decision_no);
	tdata_date_cn(t, "penalty_decided_on", c->decided_on);
	tdata_yuan(t, "fine_yuan",
	    c->outcome == CO_PENALTY && c->fine_fen > 0 ? c->fine_fen :
	                                                  CASE_NO_FINE);
	md = v->facts_md != NULL && *v->facts_md != '\0' ? v->facts_md :
	                                                   c->summary_md;
	return (tdata_markdown(t, "facts", md, strlen(md)));
}

/* Columns of SQL_MEASURE_ITEMS (seq, name, quantity, note) or
 * SQL_MEASURE_CASE_ITEMS (name, quantity, note, decision number). */
static void
items_list(struct tdata *d, const PGresult *res, int first)
{
	struct tlist *l = tdata_list(d, "items");
	struct tdata *t;
	int i;

	for (i = 0; res != NULL && i < PQntuples(res); i++) {
		t = tlist_add(l);
		tdata_int(t, "n", i + 1);
		tdata_text(t, "name", PQgetvalue(res, i, first));
		tdata_text(t, "quantity", PQgetvalue(res, i, first + 1));
		tdata_text(t, "note", PQgetvalue(res, i, first + 2));
		if (first == 0 && !PQgetisnull(res, i, 3))
			tdata_text(t, "decision_no", PQgetvalue(res, i, 3));
	}
}

static void
persons_list(struct tdata *d, const PGresult *res)
{
	struct tlist *l = tdata_list(d, "persons");
	struct tdata *t;
	int i;

	for (i = 0; i < PQntuples(res); i++) {
		t = tlist_add(l);
		tdata_int(t, "n", i + 1);
		tdata_text(t, "name", PQgetvalue(res, i, 1));
		tdata_text(t, "role", PQgetvalue(res, i, 2));
	}
}

/* The round a 按日连续处罚决定书 decides: the one with its number. */
static void
round_of(struct tdata *d, const struct measure_page *p, const char *doc_no)
{
	const struct measure_rec *m = &p->l.items[0].m;
	const struct measure_round_rec *r = NULL;
	struct tdata *t;
	char fine[48], amount[48];
	size_t i, k = 0;

	for (i = 0; i < m->nrounds && r == NULL; i++) {
		if (*doc_no != '\0' &&
		    strcmp(m->rounds[i].decision_no, doc_no) == 0) {
			r = &m->rounds[i];
			k = i + 1;
		}
	}
	if (r == NULL)
		return;
	t = tdata_map(d, "round");
	tdata_int(t, "n", (int64_t)k);
	tdata_bool(t, "first", k == 1);
	tdata_date_cn(t, "counted_from", r->counted_from);
	tdata_date_cn(t, "first_day", r->counted_from + 1);
	tdata_date_cn(t, "reinspected_on", r->reinspected_on);
	tdata_int(t, "days", r->days);
	money_format_yuan(p->cv.rec.fine_fen > 0 ? p->cv.rec.fine_fen : 0, fine,
	    sizeof(fine));
	tdata_text(t, "fine_yuan", fine);
	money_format_yuan(r->amount_fen, amount, sizeof(amount));
	tdata_text(t, "amount_yuan", amount);
}

/* A 送达回证 of the measure serves the document issued just before it. */
static void
served_document(struct tdata *d, const struct measure_page *p,
    const char *doc_id)
{
	enum doc_kind k, served = DOC__MAX;
	const char *no = NULL;
	struct tdata *t;
	int row;

	for (row = 0; row < PQntuples(p->documents); row++) {
		if (strcmp(PQgetvalue(p->documents, row, 0), doc_id) == 0)
			break;
		k = doc_kind_from(PQgetvalue(p->documents, row, 1));
		if (k == DOC_SERVICE_RECEIPT || k == DOC_SEIZURE_LIST ||
		    k == DOC_TRANSFER_LIST || k == DOC__MAX)
			continue;
		served = k;
		no = PQgetisnull(p->documents, row, 2) ?
		    NULL :
		    PQgetvalue(p->documents, row, 2);
	}
	if (served == DOC__MAX)
		return;
	t = tdata_map(d, "served");
	tdata_text(t, "title", doc_kind_title(served));
	if (no != NULL)
		tdata_text(t, "doc_no", no);
}

/* Which body the template writes for kind k of a measure's document. */
static void
measure_kind_flags(struct tdata *d, enum doc_kind k)
{
	tdata_bool(d, "is_seizure_decision", k == DOC_SEIZURE_DECISION);
	tdata_bool(d, "is_seizure_list", k == DOC_SEIZURE_LIST);
	tdata_bool(d, "is_seizure_extension", k == DOC_SEIZURE_EXTENSION);
	tdata_bool(d, "is_seizure_release", k == DOC_SEIZURE_RELEASE);
	tdata_bool(d, "is_limit_decision",
	    k == DOC_LIMIT_DECISION || k == DOC_SUSPENSION_DECISION);
	tdata_bool(d, "is_suspension", k == DOC_SUSPENSION_DECISION);
	tdata_bool(d, "is_limit_extension", k == DOC_LIMIT_EXTENSION);
	tdata_bool(d, "is_limit_release", k == DOC_LIMIT_RELEASE);
	tdata_bool(d, "is_daily_decision", k == DOC_DAILY_PENALTY_DECISION);
	tdata_bool(d, "is_correction_order", k == DOC_CORRECTION_ORDER);
	tdata_bool(d, "is_detention", k == DOC_DETENTION_TRANSFER);
	tdata_bool(d, "is_criminal", k == DOC_CRIMINAL_TRANSFER);
	tdata_bool(d, "is_transfer_list", k == DOC_TRANSFER_LIST);
	tdata_bool(d, "is_service", k == DOC_SERVICE_RECEIPT);
}

/* The page of document doc (its row) of measure mid. */
static enum db_result
measure_document_render(struct db *db, const struct case_actor *ca,
    const PGresult *doc, const char *mid, const char *css_url, struct buf *out)
{
	PGresult *party = NULL, *ev = NULL, *citems = NULL;
	struct measure_page p;
	enum doc_kind k = doc_kind_from(PQgetvalue(doc, 0, 2));
	struct tdata *d;
	char today[16];
	enum db_result r;

	web_today(today);
	if ((r = db_measure_page(db, ca, mid, today, web_now(), &p)) != DB_OK)
		return (r);
	if ((r = DB_QUERY_ONE(db, SQL_DOCUMENT_PARTY, &party, p.cv.rec.id)) !=
	    DB_OK)
		goto done;
	if (k == DOC_TRANSFER_LIST &&
	    ((r = DB_QUERY(db, SQL_EVIDENCE_OF_CASE, &ev, p.cv.rec.id)) !=
	            DB_OK ||
	        (r = DB_QUERY(db, SQL_MEASURE_CASE_ITEMS, &citems,
	             ca->a.bureau_id, p.cv.rec.id)) != DB_OK))
		goto done;
	d = tdata_new();
	tdata_url(d, "css_url", css_url);
	if (document_head(d, doc, party, k) != GS_OK ||
	    measure_facts(tdata_map(d, "m"), &p) != GS_OK)
		r = DB_ERROR;
	else {
		party_facts(d, &p.cv, party);
		measure_kind_flags(d, k);
		if (k == DOC_TRANSFER_LIST)
			items_list(d, citems, 0);
		else
			items_list(d, p.items, 1);
		persons_list(d, p.persons);
		if (ev != NULL)
			evidence_list(d, ev);
		else
			(void)tdata_list(d, "evidence");
		if (k == DOC_DAILY_PENALTY_DECISION)
			round_of(d, &p, PQgetvalue(doc, 0, 3));
		if (k == DOC_SERVICE_RECEIPT)
			served_document(d, &p, PQgetvalue(doc, 0, 0));
		if (print_render("print/measure_document", d, out) != GS_OK)
			r = DB_ERROR;
	}
	if (r != DB_OK)
		gs_log(LOG_LEVEL_ERROR, "document %s: cannot render",
		    PQgetvalue(doc, 0, 0));
	tdata_free(d);
done:
	PQclear(party);
	PQclear(ev);
	PQclear(citems);
	measure_page_free(&p);
	return (r);
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
	if (!PQgetisnull(doc, 0, DOCUMENT_MEASURE_COL)) {
		r = measure_document_render(db, ca, doc,
		    PQgetvalue(doc, 0, DOCUMENT_MEASURE_COL), css_url, out);
		PQclear(doc);
		return (r);
	}
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
