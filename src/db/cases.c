/*
 * cases.c — the penalty case's services (see cases.h).
 *
 * A transition is one transaction: lock the case row, gather the facts
 * (the actor's relation, counts, the rulebook on today's date, the holiday
 * calendar, suspensions and payments), ask core/caseflow.c, apply, write
 * the history, the side records, the recomputed clocks, and the row with
 * its version moved on. The audit records come from the row triggers.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/entity_index.h"
#include "core/log.h"
#include "core/perm.h"
#include "core/router.h"
#include "db/cases.h"
#include "db/discretion.h"
#include "db/entities.h"
#include "db/holidays.h"
#include "db/org.h"
#include "db/params.h"
#include "db/pgarray.h"
#include "db/rulebook.h"

enum case_col {
	CC_ID,
	CC_CASE_NO,
	CC_ENTITY_ID,
	CC_CLUE_ID,
	CC_INSPECTION_ID,
	CC_VIOLATION_TYPE,
	CC_PARTY_KIND,
	CC_SUMMARY_MD,
	CC_DISCOVERED_ON,
	CC_RECEIVED_ON,
	CC_SQUAD_ID,
	CC_PROPOSED_BY,
	CC_STATE,
	CC_FILING_DECIDED_ON,
	CC_FILED_ON,
	CC_FILING_EXTENSION_DAYS,
	CC_DECISION_EXTENSION_DAYS,
	CC_DECISION_EXTENSIONS,
	CC_REPORT_MD,
	CC_REPORTED_BY,
	CC_NOTICE_SERVED_ON,
	CC_PROPOSED_FINE_FEN,
	CC_OTHER_PENALTIES,
	CC_RIGHTS_ENDED_ON,
	CC_HEARING_REQUESTED_ON,
	CC_HEARING_HELD_ON,
	CC_LEGAL_REVIEWED_ON,
	CC_DISCUSSION_SENT,
	CC_DISCUSSION_HELD_ON,
	CC_OUTCOME,
	CC_FINE_FEN,
	CC_NO_PENALTY_REASON,
	CC_DECIDED_ON,
	CC_DECISION_NO,
	CC_SERVED_ON,
	CC_SERVICE_METHOD,
	CC_CLOSED_ON,
	CC_CLOSE_BASIS,
	CC_COURT_ACCEPTED_ON,
	CC_ENDED_ON,
	CC_PUBLISHED_ON,
	CC_DISCRETION_FEN,
	CC_DISCRETION_DETAIL,
	CC_DISCRETION_REASON,
	CC_VERSION,
	CC_CREATED_AT,
	CC_UPDATED_AT,
	CC_ENTITY_NAME,
	CC_ENTITY_USCC,
	CC_SQUAD_NAME,
	CC_VIOLATION_NAME,
	CC_PROPOSER_NAME,
	CC_IMPORTED,
	CC_VIOLATION_TEXT,
	CC__MAX
};

/* ---- reading a row ---------------------------------------------------- */

static gs_date
col_date(const PGresult *res, int col)
{
	const char *v = db_value(res, 0, col);
	gs_date d;

	return (v != NULL && date_parse(v, &d) ? d : 0);
}

static int64_t
col_int(const PGresult *res, int col, int64_t def)
{
	const char *v = db_value(res, 0, col);
	int64_t n;

	return (v != NULL && parse_int64(v, &n) ? n : def);
}

static void
case_rec_read(const PGresult *res, struct case_rec *r)
{
	const char *v;

	memset(r, 0, sizeof(*r));
	r->id = db_value(res, 0, CC_ID);
	r->case_no = db_value(res, 0, CC_CASE_NO);
	r->entity_id = db_value(res, 0, CC_ENTITY_ID);
	r->clue_id = db_value(res, 0, CC_CLUE_ID);
	r->inspection_id = db_value(res, 0, CC_INSPECTION_ID);
	r->violation_type = db_value(res, 0, CC_VIOLATION_TYPE);
	v = db_value(res, 0, CC_PARTY_KIND);
	r->party_individual = v != NULL && strcmp(v, "individual") == 0;
	r->summary_md = db_value(res, 0, CC_SUMMARY_MD);
	r->discovered_on = col_date(res, CC_DISCOVERED_ON);
	r->received_on = col_date(res, CC_RECEIVED_ON);
	r->squad_id = db_value(res, 0, CC_SQUAD_ID);
	r->proposed_by = db_value(res, 0, CC_PROPOSED_BY);
	r->state = case_state_from(db_value(res, 0, CC_STATE));
	r->filing_decided_on = col_date(res, CC_FILING_DECIDED_ON);
	r->filed_on = col_date(res, CC_FILED_ON);
	r->filing_extension_days =
	    (int)col_int(res, CC_FILING_EXTENSION_DAYS, 0);
	r->decision_extension_days =
	    (int)col_int(res, CC_DECISION_EXTENSION_DAYS, 0);
	r->decision_extensions = (int)col_int(res, CC_DECISION_EXTENSIONS, 0);
	r->report_md = db_value(res, 0, CC_REPORT_MD);
	r->reported_by = db_value(res, 0, CC_REPORTED_BY);
	r->notice_served_on = col_date(res, CC_NOTICE_SERVED_ON);
	r->proposed_fine_fen = col_int(res, CC_PROPOSED_FINE_FEN, CASE_NO_FINE);
	r->other_penalties =
	    case_other_penalties_from_pg(db_value(res, 0, CC_OTHER_PENALTIES));
	r->rights_ended_on = col_date(res, CC_RIGHTS_ENDED_ON);
	r->hearing_requested_on = col_date(res, CC_HEARING_REQUESTED_ON);
	r->hearing_held_on = col_date(res, CC_HEARING_HELD_ON);
	r->legal_reviewed_on = col_date(res, CC_LEGAL_REVIEWED_ON);
	r->discussion_sent = db_bool(db_value(res, 0, CC_DISCUSSION_SENT));
	r->discussion_held_on = col_date(res, CC_DISCUSSION_HELD_ON);
	v = db_value(res, 0, CC_OUTCOME);
	r->outcome = v != NULL ? case_outcome_from(v) : CO_NONE;
	if (r->outcome == CO__MAX)
		r->outcome = CO_NONE;
	r->fine_fen = col_int(res, CC_FINE_FEN, CASE_NO_FINE);
	v = db_value(res, 0, CC_NO_PENALTY_REASON);
	r->no_penalty_reason =
	    v != NULL ? case_no_penalty_reason_from(v) : CNP_NONE;
	if (r->no_penalty_reason == CNP__MAX)
		r->no_penalty_reason = CNP_NONE;
	r->decided_on = col_date(res, CC_DECIDED_ON);
	r->decision_no = db_value(res, 0, CC_DECISION_NO);
	r->served_on = col_date(res, CC_SERVED_ON);
	r->service_method = db_value(res, 0, CC_SERVICE_METHOD);
	r->closed_on = col_date(res, CC_CLOSED_ON);
	v = db_value(res, 0, CC_CLOSE_BASIS);
	r->close_basis = v != NULL ? case_close_basis_from(v) : CCB_NONE;
	if (r->close_basis == CCB__MAX)
		r->close_basis = CCB_NONE;
	r->court_accepted_on = col_date(res, CC_COURT_ACCEPTED_ON);
	r->ended_on = col_date(res, CC_ENDED_ON);
	r->published_on = col_date(res, CC_PUBLISHED_ON);
	r->discretion_fen = col_int(res, CC_DISCRETION_FEN, CASE_NO_FINE);
	r->discretion_detail = db_value(res, 0, CC_DISCRETION_DETAIL);
	r->discretion_reason = db_value(res, 0, CC_DISCRETION_REASON);
	r->version = col_int(res, CC_VERSION, 0);
	r->created_at = db_value(res, 0, CC_CREATED_AT);
	r->updated_at = db_value(res, 0, CC_UPDATED_AT);
	r->entity_name = db_value(res, 0, CC_ENTITY_NAME);
	r->entity_uscc = db_value(res, 0, CC_ENTITY_USCC);
	r->squad_name = db_value(res, 0, CC_SQUAD_NAME);
	r->violation_name = db_value(res, 0, CC_VIOLATION_NAME);
	r->proposer_name = db_value(res, 0, CC_PROPOSER_NAME);
	r->imported = db_bool(db_value(res, 0, CC_IMPORTED));
	r->violation_text = db_value(res, 0, CC_VIOLATION_TEXT);
}

/* ---- facts, clocks and money ------------------------------------------ */

static int
same_id(const char *a, const char *b)
{
	return (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* Rows [from, to) of res whose values start at column col. */
struct rows {
	const PGresult *res;
	int from, to, col;
};

/* Every row of res, from its first column. */
static struct rows
rows_all(const PGresult *res)
{
	struct rows rs;

	rs.res = res;
	rs.from = 0;
	rs.to = PQntuples(res);
	rs.col = 0;
	return (rs);
}

/* The rules of CASE_RULE_KEYS (sql.def), one row each: position, value,
 * key. A rule the rulebook lacks on the day is a configuration error. */
static enum db_result
rules_read(const struct rows *rs, struct case_view *v)
{
	int64_t n[18];
	enum db_result r;

	if ((r = db_rule_values(rs->res, rs->from, rs->to, rs->col, 18, n)) !=
	    DB_OK)
		return (r);
	v->facts.rules.min_investigators = (int)n[0];
	v->facts.rules.hearing_org_fen = n[1];
	v->facts.rules.hearing_individual_fen = n[2];
	v->facts.rules.legal_review_fen = n[3];
	v->facts.rules.collective_fen = n[4];
	v->facts.rules.filing_extension_days = (int)n[5];
	v->facts.rules.decision_extension_days = (int)n[6];
	v->facts.rules.further_extension_days = (int)n[7];
	v->clock.filing_days = (int)n[8];
	v->clock.decision_days = (int)n[9];
	v->clock.statement_working_days = (int)n[10];
	v->clock.hearing_request_working_days = (int)n[11];
	v->clock.service_working_days = (int)n[12];
	v->clock.payment_days = (int)n[13];
	v->clock.disclosure_working_days = (int)n[14];
	v->clock.due_soon_working_days = (int)n[15];
	v->rate_bp = (int)n[16];
	v->cap_percent = (int)n[17];
	return (DB_OK);
}

/* Suspensions, oldest first: kind, from, to (NULL while open). */
static void
suspensions_read(const struct rows *rs, struct case_view *v)
{
	const PGresult *res = rs->res;
	size_t i;
	int row, c = rs->col;

	v->facts.open_suspension = CSUS_NONE;
	v->facts.open_suspension_from = 0;
	for (row = rs->from, i = 0; row < rs->to && i < CASE_SUSPENSIONS_MAX;
	     row++) {
		v->suspensions[i].kind =
		    case_suspension_from(PQgetvalue(res, row, c));
		if (!date_parse(PQgetvalue(res, row, c + 1),
		        &v->suspensions[i].span.from))
			continue;
		if (PQgetisnull(res, row, c + 2) ||
		    !date_parse(PQgetvalue(res, row, c + 2),
		        &v->suspensions[i].span.to))
			v->suspensions[i].span.to = 0;
		if (v->suspensions[i].span.to == 0) {
			v->facts.open_suspension = v->suspensions[i].kind;
			v->facts.open_suspension_from =
			    v->suspensions[i].span.from;
		}
		i++;
	}
	v->nsuspensions = i;
}

static enum db_result
load_suspensions(struct db *d, struct case_view *v)
{
	struct rows rs;
	PGresult *res;
	enum db_result r;

	if ((r = DB_QUERY(d, SQL_CASE_SUSPENSIONS, &res, v->rec.id)) != DB_OK)
		return (r);
	rs = rows_all(res);
	suspensions_read(&rs, v);
	PQclear(res);
	return (DB_OK);
}

struct payments {
	struct payment *p;
	size_t n;
};

/* Payments, oldest first: paid on, amount. */
static void
payments_read(const struct rows *rs, struct payments *out)
{
	int64_t amount;
	int row, c = rs->col;

	out->p = NULL;
	out->n = 0;
	if (rs->to > rs->from)
		out->p = xcalloc((size_t)(rs->to - rs->from), sizeof(*out->p));
	for (row = rs->from; row < rs->to; row++) {
		if (!date_parse(PQgetvalue(rs->res, row, c),
		        &out->p[out->n].paid_on) ||
		    !parse_int64(PQgetvalue(rs->res, row, c + 1), &amount))
			continue;
		out->p[out->n++].amount_fen = amount;
	}
}

/* Spans of the suspensions that stop one clock (decision or surcharge). */
static size_t
spans_of(const struct case_view *v, int surcharge, struct date_span *out)
{
	size_t i, n = 0;
	int late;

	for (i = 0; i < v->nsuspensions; i++) {
		late = case_suspension_stops_surcharge(v->suspensions[i].kind);
		if (late == surcharge)
			out[n++] = v->suspensions[i].span;
	}
	return (n);
}

/* The first day the fine and the surcharge accrued by then were paid. */
static gs_date
paid_in_full_on(const struct surcharge_input *si, const struct payments *p)
{
	int64_t total = 0;
	size_t i;

	for (i = 0; i < p->n; i++) {
		total += p->p[i].amount_fen;
		if (total >=
		    si->fine_fen + surcharge_accrued(si, p->p[i].paid_on))
			return (p->p[i].paid_on);
	}
	return (0);
}

/*
 * Deadlines and money of the case as of v->as_of, from v->rec, the
 * suspensions and the payments; then the facts that depend on them.
 */
static void
case_compute(struct case_view *v, const struct calendar *cal,
    const struct payments *p, int rate_bp, int cap_percent)
{
	struct date_span dspans[CASE_SUSPENSIONS_MAX];
	struct date_span sspans[CASE_SUSPENSIONS_MAX];
	struct surcharge_input si;
	struct case_dates cd;
	const struct case_rec *r = &v->rec;
	size_t i;

	memset(&cd, 0, sizeof(cd));
	cd.received_on = r->received_on;
	cd.filing_decided_on = r->filing_decided_on;
	cd.filed_on = r->filed_on;
	cd.filing_extension_days = r->filing_extension_days;
	cd.decision_extension_days = r->decision_extension_days;
	cd.suspensions = dspans;
	cd.nsuspensions = spans_of(v, 0, dspans);
	cd.notice_served_on = r->notice_served_on;
	cd.hearing_eligible = case_hearing_eligible(&v->facts);
	cd.rights_ended_on = r->rights_ended_on;
	cd.decided_on = r->decided_on;
	cd.penalty = r->outcome == CO_PENALTY;
	cd.fine_due = r->outcome == CO_PENALTY && r->fine_fen > 0;
	cd.served_on = r->served_on;
	cd.published_on = r->published_on;
	cd.ended = r->state == CS_REVOKED || r->state == CS_NOT_FILED;

	/* The payment due date first: the surcharge counts from it. */
	memset(&v->money, 0, sizeof(v->money));
	if (cd.fine_due && r->served_on != 0)
		v->money.payment_due =
		    calendar_add_days(cal, r->served_on, v->clock.payment_days);
	memset(&si, 0, sizeof(si));
	si.fine_fen = r->fine_fen > 0 ? r->fine_fen : 0;
	si.due = v->money.payment_due;
	si.rate_bp = rate_bp;
	si.cap_percent = cap_percent;
	si.payments = p->p;
	si.npayments = p->n;
	si.excluded = sspans;
	si.nexcluded = spans_of(v, 1, sspans);
	cd.paid_in_full_on =
	    v->money.payment_due != 0 ? paid_in_full_on(&si, p) : 0;

	v->ndeadlines =
	    case_deadlines(&cd, &v->clock, cal, v->as_of, v->deadlines);
	v->money.fine_fen = si.fine_fen;
	v->money.surcharge_fen =
	    v->money.payment_due != 0 ? surcharge_accrued(&si, v->as_of) : 0;
	v->money.paid_fen = payments_total(p->p, p->n, v->as_of);
	v->money.outstanding_fen =
	    v->money.fine_fen + v->money.surcharge_fen - v->money.paid_fen;
	if (v->money.outstanding_fen < 0)
		v->money.outstanding_fen = 0;

	v->facts.outstanding_fen = v->money.outstanding_fen;
	for (i = 0; i < v->ndeadlines; i++) {
		if (v->deadlines[i].kind == DK_STATEMENT)
			v->facts.statement_due = v->deadlines[i].due_on;
		else if (v->deadlines[i].kind == DK_HEARING_REQUEST)
			v->facts.hearing_request_due = v->deadlines[i].due_on;
	}
	/* Not eligible: the period still counts for the guards' dates. */
	if (v->facts.hearing_request_due == 0 && r->notice_served_on != 0)
		v->facts.hearing_request_due = calendar_add_working_days(cal,
		    r->notice_served_on, v->clock.hearing_request_working_days);
}

static void
facts_from_rec(struct case_view *v)
{
	const struct case_rec *r = &v->rec;
	struct case_facts *f = &v->facts;

	f->state = r->state;
	f->party_individual = r->party_individual;
	f->proposed_fine_fen = r->proposed_fine_fen;
	f->discretion_fen = r->discretion_fen;
	f->other_penalties = r->other_penalties;
	f->hearing_held = r->hearing_held_on != 0;
	f->legal_reviewed = r->legal_reviewed_on != 0;
	f->discussion_held = r->discussion_held_on != 0;
	f->discussion_sent = r->discussion_sent;
	f->outcome = r->outcome;
	f->filing_extended = r->filing_extension_days > 0;
	f->decision_extensions = r->decision_extensions;
}

/* The acting user's relation to the case (one row): is an investigator,
 * investigators with a valid certificate, evidence items, own squad. */
static enum db_result
actor_facts_read(const struct rows *rs, const struct case_actor *ca,
    struct case_view *v)
{
	const PGresult *res = rs->res;
	int64_t n;
	int row = rs->from, c = rs->col;

	if (rs->to - rs->from != 1)
		return (DB_ERROR);
	v->facts.roles = ca->roles;
	v->facts.is_investigator = db_bool(db_value(res, row, c));
	v->facts.investigators_valid =
	    parse_int64(PQgetvalue(res, row, c + 1), &n) ? (int)n : 0;
	v->facts.evidence_count =
	    parse_int64(PQgetvalue(res, row, c + 2), &n) ? (int)n : 0;
	v->facts.in_squad = same_id(db_value(res, row, c + 3), v->rec.squad_id);
	v->facts.is_proposer = same_id(ca->a.user_id, v->rec.proposed_by);
	v->facts.is_reporter = same_id(ca->a.user_id, v->rec.reported_by);
	return (DB_OK);
}

/* The next rows of CASE_CONTEXT with key k, from *next on. */
static struct rows
context_rows(const PGresult *res, int *next, const char *k)
{
	struct rows rs;

	rs.res = res;
	rs.from = rs.to = *next;
	rs.col = 2;
	while (
	    rs.to < PQntuples(res) && strcmp(PQgetvalue(res, rs.to, 0), k) == 0)
		rs.to++;
	*next = rs.to;
	return (rs);
}

/* Clocks, money and allowed actions from what v holds: no I/O. */
static void
case_clocks(struct case_view *v, const struct payments *p)
{
	case_compute(v, &v->cal, p, v->rate_bp, v->cap_percent);
	v->allowed = caseflow_allowed(&v->facts);
}

/* The CASE_CONTEXT step of case id for this actor on date (YYYY-MM-DD). */
#define CONTEXT_STEP(ca, id, date)                                          \
	DB_STEP(SQL_CASE_CONTEXT, (ca)->a.bureau_id, (id), (ca)->a.user_id, \
	    (date))

/*
 * Everything about v->rec as of v->as_of for this actor, from the answer
 * of CONTEXT_STEP (which this clears): facts, rules, suspensions,
 * payments (into p, for the caller to free), calendar, clocks.
 */
static enum db_result
case_context_read(const struct case_actor *ca, struct case_view *v,
    PGresult *res, struct payments *p)
{
	struct rows facts, rules, susp, pay, days;
	enum db_result r;
	int next = 0;

	p->p = NULL;
	p->n = 0;
	v->facts.today = v->as_of;
	facts_from_rec(v);
	facts = context_rows(res, &next, "1");
	rules = context_rows(res, &next, "2");
	susp = context_rows(res, &next, "3");
	pay = context_rows(res, &next, "4");
	days = context_rows(res, &next, "5");
	if ((r = actor_facts_read(&facts, ca, v)) != DB_OK ||
	    (r = rules_read(&rules, v)) != DB_OK) {
		PQclear(res);
		return (r);
	}
	suspensions_read(&susp, v);
	payments_read(&pay, p);
	calendar_read(res, days.from, days.to, days.col, &v->cal);
	PQclear(res);
	case_clocks(v, p);
	return (DB_OK);
}

void
case_view_free(struct case_view *v)
{
	if (v->row != NULL)
		PQclear(v->row);
	v->row = NULL;
	calendar_free(&v->cal);
	free(v->payments);
	v->payments = NULL;
	v->npayments = 0;
}

enum db_result
db_case_view(struct db *d, const struct case_actor *ca, const char *id,
    const char *as_of, struct case_view *v)
{
	return (db_case_view_with(d, ca, id, as_of, v, NULL, 0, NULL));
}

enum db_result
db_case_view_with(struct db *d, const struct case_actor *ca, const char *id,
    const char *as_of, struct case_view *v, const enum sql_id *lists,
    int nlists, PGresult **res)
{
	/* Each list takes the case id as its one parameter. */
	const char *const list_params[] = { id };
	struct db_step steps[2 + CASE_VIEW_LISTS_MAX] = {
		DB_STEP_ONE(SQL_CASE_GET, ca->a.bureau_id, id),
		CONTEXT_STEP(ca, id, as_of),
	};
	PGresult *out[2 + CASE_VIEW_LISTS_MAX];
	struct payments p;
	enum db_result r;
	int i;

	memset(v, 0, sizeof(*v));
	if (!date_parse(as_of, &v->as_of) || nlists < 0 ||
	    nlists > CASE_VIEW_LISTS_MAX)
		return (DB_INVALID);
	for (i = 0; i < nlists; i++) {
		steps[2 + i].id = lists[i];
		steps[2 + i].n = 1;
		steps[2 + i].params = list_params;
		steps[2 + i].one = 0;
	}
	if ((r = db_pipeline(d, steps, 2 + nlists, out)) != DB_OK)
		return (r);
	v->row = out[0];
	case_rec_read(v->row, &v->rec);
	r = case_context_read(ca, v, out[1], &p);
	free(p.p);
	for (i = 0; i < nlists; i++) {
		if (r == DB_OK && res != NULL)
			res[i] = out[2 + i];
		else
			PQclear(out[2 + i]);
	}
	if (r != DB_OK)
		case_view_free(v);
	return (r);
}

/* The case row (out[0], locked) and its context (out[1]) into v: both
 * results are taken over. */
static enum db_result
case_read_locked(const struct case_actor *ca, struct case_view *v,
    PGresult *out[2], struct payments *p)
{
	v->row = out[0];
	case_rec_read(v->row, &v->rec);
	return (case_context_read(ca, v, out[1], p));
}

/* ---- writing ---------------------------------------------------------- */

static const char *
code_or_null(const char *code)
{
	return (code != NULL && *code != '\0' ? code : NULL);
}

static enum db_result
case_write(struct db *d, const char *bureau, const struct case_rec *r)
{
	struct params p;
	struct buf others;
	enum db_result res;

	params_init(&p);
	param_text(&p, bureau);
	param_text(&p, r->id);
	param_int(&p, r->version, 0, 0);
	param_text(&p, r->case_no);
	param_text(&p, r->squad_id);
	param_text(&p, case_state_code(r->state));
	param_date(&p, r->filing_decided_on);
	param_date(&p, r->filed_on);
	param_int(&p, r->filing_extension_days, 0, 0);
	param_int(&p, r->decision_extension_days, 0, 0);
	param_int(&p, r->decision_extensions, 0, 0);
	param_text(&p, r->report_md);
	param_text(&p, r->reported_by);
	param_date(&p, r->notice_served_on);
	param_int(&p, r->proposed_fine_fen, 1, CASE_NO_FINE);
	buf_init(&others);
	case_other_penalties_to_pg(r->other_penalties, &others);
	param_text(&p, others.data);
	param_date(&p, r->rights_ended_on);
	param_date(&p, r->hearing_requested_on);
	param_date(&p, r->hearing_held_on);
	param_date(&p, r->legal_reviewed_on);
	param_text(&p, r->discussion_sent ? "true" : "false");
	param_date(&p, r->discussion_held_on);
	param_text(&p, code_or_null(case_outcome_code(r->outcome)));
	param_int(&p, r->fine_fen, 1, CASE_NO_FINE);
	param_text(&p,
	    code_or_null(case_no_penalty_reason_code(r->no_penalty_reason)));
	param_date(&p, r->decided_on);
	param_text(&p, r->decision_no);
	param_date(&p, r->served_on);
	param_text(&p, r->service_method);
	param_date(&p, r->closed_on);
	param_text(&p, code_or_null(case_close_basis_code(r->close_basis)));
	param_date(&p, r->court_accepted_on);
	param_date(&p, r->ended_on);
	param_date(&p, r->published_on);
	param_int(&p, r->discretion_fen, 1, CASE_NO_FINE);
	param_text(&p, r->discretion_detail);
	param_text(&p, r->discretion_reason);
	res = db_query_one(d, SQL_CASE_UPDATE, NULL, p.n, p.v);
	buf_free(&others);
	return (res);
}

void
deadline_rows_init(struct deadline_rows *x)
{
	pgarray_init(&x->kind);
	pgarray_init(&x->working);
	pgarray_init(&x->party);
	pgarray_init(&x->due);
	pgarray_init(&x->at);
	pgarray_init(&x->eff);
	pgarray_init(&x->met);
}

static void
array_date(struct pgarray *a, gs_date d)
{
	char buf[GS_DATE_STRLEN];

	if (d == 0) {
		pgarray_add(a, NULL);
		return;
	}
	date_format(d, buf);
	pgarray_add(a, buf);
}

void
deadline_rows_add(struct deadline_rows *x, const struct deadline *dl, int open)
{
	char sec[24];

	pgarray_add(&x->kind, deadline_kind_code(dl->kind));
	pgarray_add(&x->working, dl->working ? "t" : "f");
	pgarray_add(&x->party, dl->party ? "t" : "f");
	array_date(&x->due, dl->due_on);
	(void)snprintf(sec, sizeof(sec), "%" PRId64, (int64_t)dl->due_at);
	pgarray_add(&x->at, sec);
	array_date(&x->eff, open ? 0 : dl->effective_due_on);
	array_date(&x->met, dl->status == DS_MET ? dl->met_on : 0);
}

void
deadline_rows_free(struct deadline_rows *x)
{
	pgarray_free(&x->kind);
	pgarray_free(&x->working);
	pgarray_free(&x->party);
	pgarray_free(&x->due);
	pgarray_free(&x->at);
	pgarray_free(&x->eff);
	pgarray_free(&x->met);
}

/* Makes the stored clocks the ones just computed (one statement). */
static enum db_result
deadlines_write(struct db *d, const char *bureau, const struct case_view *v)
{
	struct deadline_rows x;
	const struct deadline *dl;
	enum db_result r;
	size_t i;

	deadline_rows_init(&x);
	for (i = 0; i < v->ndeadlines; i++) {
		dl = &v->deadlines[i];
		/* A running suspension keeps the decision clock from going
		 * overdue in the lists while it lasts. */
		deadline_rows_add(&x, dl,
		    dl->kind == DK_DECISION &&
		        v->facts.open_suspension != CSUS_NONE &&
		        !case_suspension_stops_surcharge(
		            v->facts.open_suspension));
	}
	r = DB_QUERY(d, SQL_CASE_DEADLINES_PUT, NULL, bureau, v->rec.id,
	    pgarray_finish(&x.kind), pgarray_finish(&x.working),
	    pgarray_finish(&x.party), pgarray_finish(&x.due),
	    pgarray_finish(&x.eff), pgarray_finish(&x.met));
	deadline_rows_free(&x);
	return (r);
}

/* Takes the next number of kind for today's year into out. */
static enum db_result
doc_number(struct db *d, const char *bureau, const char *prefix,
    enum doc_kind kind, gs_date today, char out[DOCNO_LEN])
{
	PGresult *res;
	char year[8];
	int64_t n;
	enum db_result r;
	int y, m, dd;

	date_to_ymd(today, &y, &m, &dd);
	(void)snprintf(year, sizeof(year), "%d", y);
	if ((r = DB_QUERY_ONE(d, SQL_DOC_NEXT_NO, &res, bureau, year,
	         doc_kind_code(kind))) != DB_OK)
		return (r);
	n = col_int(res, 0, 0);
	PQclear(res);
	if (!docno_format(prefix, doc_kind_mark(kind), y, n, out, DOCNO_LEN))
		return (DB_ERROR);
	return (DB_OK);
}

static enum db_result
document_add(struct db *d, const struct case_actor *ca, const char *case_id,
    const char *measure_id, enum doc_kind kind, const char *doc_no, gs_date on,
    const char *md)
{
	char date[GS_DATE_STRLEN];

	date_format(on, date);
	return (DB_QUERY(d, SQL_CASE_DOCUMENT_ADD, NULL, ca->a.bureau_id,
	    case_id, doc_kind_code(kind), doc_no, date, md != NULL ? md : "",
	    ca->a.user_id, measure_id));
}

enum db_result
db_document_issue(struct db *d, const struct case_actor *ca, const char *prefix,
    const char *case_id, const char *measure_id, enum doc_kind kind, gs_date on,
    const char *md, char *out)
{
	char no[DOCNO_LEN];
	enum db_result r;

	if (*doc_kind_mark(kind) == '\0')
		return (document_add(d, ca, case_id, measure_id, kind, NULL, on,
		    md));
	if ((r = doc_number(d, ca->a.bureau_id, prefix, kind, on, no)) != DB_OK)
		return (r);
	if (out != NULL)
		memcpy(out, no, DOCNO_LEN);
	return (document_add(d, ca, case_id, measure_id, kind, no, on, md));
}

/* A document of the case itself (not of a measure). */
static enum db_result
document_issue(struct db *d, const struct case_actor *ca, const char *prefix,
    const char *case_id, enum doc_kind kind, gs_date on, const char *md,
    char *out)
{
	return (
	    db_document_issue(d, ca, prefix, case_id, NULL, kind, on, md, out));
}

/*
 * Officers named as investigators must be the bureau's active officers
 * or squad leaders; unknown ids are a field error.
 */
static enum db_result
investigators_add(struct db *d, const struct case_actor *ca,
    const char *case_id, const char *const *ids, size_t n, struct verr *errs)
{
	PGresult *res;
	enum db_result r;
	size_t i;

	if (n == 0)
		return (DB_OK);
	if ((r = db_officers_check(d, ca->a.bureau_id, ids, n, NULL,
	         "investigator_ids", errs, &res, NULL)) != DB_OK)
		return (r);
	PQclear(res);
	for (i = 0; i < n; i++) {
		if ((r = DB_QUERY(d, SQL_CASE_INVESTIGATOR_ADD, NULL,
		         ca->a.bureau_id, case_id, ids[i])) != DB_OK)
			return (r);
	}
	return (DB_OK);
}

static enum db_result
event_add(struct db *d, const struct case_actor *ca, const char *case_id,
    const char *action, enum case_state from, enum case_state to,
    const char *detail)
{
	return (DB_QUERY(d, SQL_CASE_EVENT_ADD, NULL, ca->a.bureau_id, case_id,
	    action, case_state_code(from), case_state_code(to), ca->a.user_id,
	    ca->display_name, detail != NULL ? detail : "{}"));
}

/* ---- proposing -------------------------------------------------------- */

static int
uuid_valid_text(const char *s)
{
	return (s != NULL && uuid_valid(s, strlen(s)));
}

static int
case_new_validate(const struct case_new *in, gs_date today, gs_date *disc,
    struct verr *errs)
{
	if (!uuid_valid_text(in->entity_id))
		verr_add(errs, "entity_id", "请选择当事人（检查对象）");
	if (in->clue_id != NULL && !uuid_valid_text(in->clue_id))
		verr_add(errs, "clue_id", "线索编号格式不正确");
	if (in->inspection_id != NULL && !uuid_valid_text(in->inspection_id))
		verr_add(errs, "inspection_id", "检查记录编号格式不正确");
	if (in->violation_type == NULL || *in->violation_type == '\0')
		verr_add(errs, "violation_type", "请选择违法行为类型");
	if (in->summary_md == NULL || *in->summary_md == '\0')
		verr_add(errs, "summary_md", "请填写案情摘要");
	else if (strlen(in->summary_md) > 100000)
		verr_add(errs, "summary_md",
		    "案情摘要过长（最多 100000 字节）");
	if (in->party_kind == NULL ||
	    (strcmp(in->party_kind, "organisation") != 0 &&
	        strcmp(in->party_kind, "individual") != 0))
		verr_add(errs, "party_kind",
		    "当事人类型只能是 organisation（单位）或 individual（个人）");
	if (in->discovered_on == NULL || !date_parse(in->discovered_on, disc))
		verr_add(errs, "discovered_on", "请填写发现日期（YYYY-MM-DD）");
	else if (*disc > today)
		verr_add(errs, "discovered_on", "发现日期不能晚于今天");
	return (errs->n == 0);
}

/* A foreign key the database refused, as the field the user gave. */
static void
case_fk_error(const struct db *d, struct verr *errs)
{
	if (strstr(d->constraint, "entity") != NULL)
		verr_add(errs, "entity_id", "当事人不存在");
	else if (strstr(d->constraint, "clue") != NULL)
		verr_add(errs, "clue_id", "线索不存在");
	else if (strstr(d->constraint, "inspection") != NULL)
		verr_add(errs, "inspection_id", "检查记录不存在");
	else if (strstr(d->constraint, "violation") != NULL)
		verr_add(errs, "violation_type", "违法行为类型不存在");
	else
		verr_add(errs, "case", "数据不符合要求");
}

enum db_result
db_case_create(struct db *d, const struct case_actor *ca,
    const struct case_new *in, const char *today, struct verr *errs,
    char id[40])
{
	char buf[GS_DATE_STRLEN], date[GS_DATE_STRLEN];
	/* The new case locked and read, once it has an id (below). */
	struct db_step steps[] = {
		DB_STEP_ONE(SQL_CASE_LOCK, ca->a.bureau_id, id),
		CONTEXT_STEP(ca, id, date),
	};
	PGresult *out[2];
	struct case_view v;
	struct payments p;
	PGresult *res;
	gs_date now, disc, received;
	const char *received_s;
	enum db_result r;

	if (!date_parse(today, &now) ||
	    !case_new_validate(in, now, &disc, errs))
		return (DB_INVALID);
	if ((r = db_begin_write(d, &ca->a)) != DB_OK)
		return (r);
	/* The filing period counts from the clue's receipt when there is one. */
	received_s = in->discovered_on;
	if (in->clue_id != NULL) {
		r = DB_QUERY_ONE(d, SQL_CLUE_GET, &res, ca->a.bureau_id,
		    in->clue_id);
		if (r == DB_NOTFOUND) {
			verr_add(errs, "clue_id", "线索不存在");
			r = DB_INVALID;
		}
		if (r != DB_OK)
			goto fail;
		if (date_parse(PQgetvalue(res, 0, 4), &received) &&
		    received < disc) {
			date_format(received, buf);
			received_s = buf;
		}
		PQclear(res);
	}
	r = DB_QUERY_ONE(d, SQL_CASE_CREATE, &res, ca->a.bureau_id,
	    in->entity_id, in->clue_id, in->inspection_id, in->violation_type,
	    in->party_kind, in->summary_md, in->discovered_on, received_s, NULL,
	    ca->a.user_id);
	if (r == DB_INVALID)
		case_fk_error(d, errs);
	if (r != DB_OK)
		goto fail;
	(void)snprintf(id, 40, "%s", PQgetvalue(res, 0, 0));
	PQclear(res);
	if ((r = investigators_add(d, ca, id, &ca->a.user_id,
	         (ca->roles &
	             (ROLE_BIT(ROLE_OFFICER) | ROLE_BIT(ROLE_SQUAD_LEADER))) ?
	             1 :
	             0,
	         errs)) != DB_OK ||
	    (r = investigators_add(d, ca, id, in->investigator_ids,
	         in->ninvestigators, errs)) != DB_OK ||
	    (r = event_add(d, ca, id, "create", CS_PROPOSED, CS_PROPOSED,
	         NULL)) != DB_OK)
		goto fail;
	if (in->clue_id != NULL &&
	    (r = DB_QUERY(d, SQL_CLUE_CLOSE_IF_OPEN, NULL, ca->a.bureau_id,
	         in->clue_id, "case_proposed", today)) != DB_OK)
		goto fail;

	/* The new case's first clock: the filing decision. */
	memset(&v, 0, sizeof(v));
	v.as_of = now;
	date_format(now, date);
	p.p = NULL;
	if ((r = db_pipeline(d, steps, 2, out)) == DB_OK)
		r = case_read_locked(ca, &v, out, &p);
	if (r == DB_OK)
		r = deadlines_write(d, ca->a.bureau_id, &v);
	if (r == DB_OK)
		r = DB_QUERY(d, SQL_CASE_NEXT_DUE, NULL, ca->a.bureau_id, id);
	free(p.p);
	case_view_free(&v);
	if (r != DB_OK)
		goto fail;
	return (db_commit(d));
fail:
	db_rollback(d);
	return (r);
}

/* ---- acting ----------------------------------------------------------- */

struct act {
	struct db *d;
	const struct case_actor *ca;
	const char *prefix; /* the bureau's document prefix */
	struct case_view *v;
	const struct case_input *in;
	struct payments *payments;
	gs_date today;
	const char *derivation; /* of the discretion calculator (assess) */
};

/* Opens (kind != CSUS_NONE) or closes the suspension on day on. */
static enum db_result
act_suspension(struct act *x, enum case_suspension kind, gs_date on)
{
	char date[GS_DATE_STRLEN];

	date_format(on, date);
	if (kind != CSUS_NONE)
		return (DB_QUERY(x->d, SQL_CASE_SUSPEND, NULL,
		    x->ca->a.bureau_id, x->v->rec.id,
		    case_suspension_code(kind), date, x->ca->a.user_id));
	return (DB_QUERY(x->d, SQL_CASE_RESUME, NULL, x->ca->a.bureau_id,
	    x->v->rec.id, date, x->ca->a.user_id));
}

static enum db_result
act_extend(struct act *x)
{
	struct case_rec *r = &x->v->rec;
	char days[16], disc[GS_DATE_STRLEN];
	int filing = r->state == CS_PROPOSED;

	(void)snprintf(days, sizeof(days), "%d", x->in->days);
	if (filing) {
		r->filing_extension_days += x->in->days;
	} else {
		r->decision_extension_days += x->in->days;
		r->decision_extensions++;
	}
	if (x->in->discussion_on != 0)
		date_format(x->in->discussion_on, disc);
	return (DB_QUERY(x->d, SQL_CASE_EXTENSION_ADD, NULL, x->ca->a.bureau_id,
	    r->id, filing ? "filing_decision" : "decision", days, x->in->reason,
	    x->ca->a.user_id, x->in->discussion_on != 0 ? disc : NULL));
}

static enum db_result
act_payment(struct act *x)
{
	char amount[24], date[GS_DATE_STRLEN];
	/* The payment, and all of them read back in the same round trip: the
	 * surcharge and the payment clock are recomputed from them. */
	struct db_step steps[] = {
		DB_STEP(SQL_CASE_PAYMENT_ADD, x->ca->a.bureau_id, x->v->rec.id,
		    amount, date, x->ca->a.user_id),
		DB_STEP(SQL_CASE_PAYMENTS, x->v->rec.id),
	};
	PGresult *out[2];
	struct rows rs;
	enum db_result r;

	(void)snprintf(amount, sizeof(amount), "%" PRId64, x->in->amount_fen);
	date_format(x->in->paid_on, date);
	if ((r = db_pipeline(x->d, steps, 2, out)) != DB_OK)
		return (r);
	PQclear(out[0]);
	free(x->payments->p);
	rs = rows_all(out[1]);
	payments_read(&rs, x->payments);
	PQclear(out[1]);
	return (DB_OK);
}

/* The reason kept for a fine that departs from the calculator, or NULL. */
static const char *
departure(const struct case_rec *r, int64_t fine, const struct case_input *in)
{
	if (fine == 0 || fine == r->discretion_fen)
		return (NULL);
	return (in->discretion_reason);
}

static enum db_result
act_decide(struct act *x)
{
	struct case_rec *r = &x->v->rec;
	enum doc_kind kind;

	r->outcome = x->in->outcome;
	r->fine_fen = r->outcome == CO_PENALTY ? x->in->fine_fen : CASE_NO_FINE;
	r->no_penalty_reason =
	    r->outcome == CO_NO_PENALTY ? x->in->no_penalty_reason : CNP_NONE;
	r->decided_on = x->in->decided_on;
	if (r->outcome == CO_PENALTY) {
		r->discretion_reason = departure(r, r->fine_fen, x->in);
		/*
		 * Published with the decision: gs_disclosures() (migration
		 * 0006) shows only the public fields, and revoking withdraws.
		 */
		r->published_on = x->in->decided_on;
	}
	if (r->rights_ended_on == 0)
		r->rights_ended_on = x->in->decided_on;
	if (r->outcome == CO_JUDICIAL_TRANSFER)
		return (DB_OK);
	kind = r->outcome == CO_PENALTY ? DOC_PENALTY_DECISION :
	                                  DOC_NO_PENALTY_DECISION;
	r->decision_no = r->decision_no_buf;
	return (document_issue(x->d, x->ca, x->prefix, r->id, kind,
	    x->in->decided_on, NULL, r->decision_no_buf));
}

/* Changes the record and writes the side rows for action a. */
static enum db_result
act_apply(struct act *x, enum case_action a)
{
	struct case_rec *r = &x->v->rec;
	const struct case_input *in = x->in;

	switch (a) {
	case CA_APPROVE_FILING:
		r->filing_decided_on = r->filed_on = x->today;
		r->case_no = r->case_no_buf;
		return (document_issue(x->d, x->ca, x->prefix, r->id,
		    DOC_FILING_APPROVAL, x->today, NULL, r->case_no_buf));
	case CA_REJECT_FILING:
		r->filing_decided_on = r->ended_on = x->today;
		return (DB_OK);
	case CA_SUBMIT_REPORT:
		r->report_md = in->text_md;
		r->reported_by = x->ca->a.user_id;
		return (DB_OK);
	case CA_ASSESS:
		r->discretion_fen = in->assessed_fen;
		r->discretion_detail = x->derivation;
		r->discretion_reason = NULL;
		return (DB_OK);
	case CA_NOTIFY:
		r->discretion_reason = departure(r, in->proposed_fine_fen, in);
		r->notice_served_on = in->served_on;
		r->proposed_fine_fen = in->proposed_fine_fen;
		r->other_penalties = in->other_penalties;
		r->rights_ended_on = 0;
		return (document_issue(x->d, x->ca, x->prefix, r->id,
		    DOC_PENALTY_NOTICE, in->served_on, NULL, NULL));
	case CA_REQUEST_HEARING:
		r->hearing_requested_on = in->requested_on;
		/* The hearing does not count towards the decision period. */
		if (x->v->facts.open_suspension != CSUS_NONE)
			return (DB_OK);
		return (act_suspension(x, CSUS_HEARING, in->requested_on));
	case CA_RECORD_HEARING:
		r->hearing_held_on = in->held_on;
		r->rights_ended_on = in->held_on;
		if (x->v->facts.open_suspension == CSUS_HEARING &&
		    act_suspension(x, CSUS_NONE, in->held_on) != DB_OK)
			return (DB_ERROR);
		return (document_issue(x->d, x->ca, x->prefix, r->id,
		    DOC_HEARING_RECORD, in->held_on, in->text_md, NULL));
	case CA_SUBMIT_LEGAL_REVIEW:
		r->rights_ended_on = x->today;
		return (DB_OK);
	case CA_LEGAL_APPROVE:
		r->legal_reviewed_on = x->today;
		r->discussion_sent =
		    r->discussion_sent || in->send_to_discussion;
		return (document_issue(x->d, x->ca, x->prefix, r->id,
		    DOC_LEGAL_REVIEW, x->today, in->text_md, NULL));
	case CA_RECORD_DISCUSSION:
		r->discussion_held_on = in->held_on;
		return (document_issue(x->d, x->ca, x->prefix, r->id,
		    DOC_DISCUSSION_RECORD, in->held_on, in->text_md, NULL));
	case CA_DECIDE:
		return (act_decide(x));
	case CA_SERVE:
		r->served_on = in->served_on;
		r->service_method = in->method;
		return (document_add(x->d, x->ca, r->id, NULL,
		    DOC_SERVICE_RECEIPT, NULL, in->served_on, NULL));
	case CA_RECORD_PAYMENT:
		return (act_payment(x));
	case CA_CLOSE:
		r->closed_on = x->today;
		r->close_basis = in->basis != CCB_NONE ? in->basis :
		    r->outcome != CO_PENALTY ? CCB_NOTHING_TO_EXECUTE :
		                               CCB_PAID;
		r->court_accepted_on = in->court_accepted_on;
		return (document_add(x->d, x->ca, r->id, NULL,
		    DOC_CLOSURE_APPROVAL, NULL, x->today, NULL));
	case CA_REVOKE:
		r->ended_on = x->today;
		return (DB_OK);
	case CA_EXTEND:
		return (act_extend(x));
	case CA_SUSPEND:
		return (act_suspension(x, in->kind, in->on));
	case CA_RESUME:
		return (act_suspension(x, CSUS_NONE, in->on));
	case CA_RETURN:
	case CA_ARCHIVE:
	default:
		return (DB_OK);
	}
}

/*
 * Suspensions as they are after action a: read again only when a wrote
 * them (every writer of a case holds its row lock, taken by CASE_LOCK, so
 * the others keep what the context read; a payment reads the payments
 * back itself, act_payment).
 */
static enum db_result
act_recompute(struct act *x, enum case_action a)
{
	if (a == CA_REQUEST_HEARING || a == CA_RECORD_HEARING ||
	    a == CA_SUSPEND || a == CA_RESUME) {
		x->v->nsuspensions = 0;
		x->v->facts.open_suspension = CSUS_NONE;
		return (load_suspensions(x->d, x->v));
	}
	return (DB_OK);
}

enum db_result
db_case_act(struct db *d, const struct case_actor *ca, const char *id,
    enum case_action a, int64_t version, const struct case_input *in,
    const char *const *investigator_ids, size_t ninvestigators,
    const char *detail_json, const char *today, struct case_act_result *res,
    struct verr *errs)
{
	char prefix[DOCNO_PREFIX_MAX + 1];
	struct db_step steps[] = {
		DB_STEP_ONE(SQL_CASE_LOCK, ca->a.bureau_id, id),
		CONTEXT_STEP(ca, id, today),
		DB_STEP_ONE(SQL_BUREAU_DOC_PREFIX, ca->a.bureau_id),
	};
	PGresult *out[3];
	struct case_input assessed;
	struct case_view v;
	struct payments p = { NULL, 0 };
	struct buf why;
	struct act x;
	enum case_state from;
	enum db_result r;

	memset(res, 0, sizeof(*res));
	memset(&v, 0, sizeof(v));
	if (!date_parse(today, &v.as_of))
		return (DB_INVALID);
	buf_init(&why);
	/* BEGIN, the case locked, its context and the document prefix: one
	 * round trip. */
	if ((r = db_begin_write_with(d, &ca->a, steps, 3, out)) != DB_OK) {
		buf_free(&why);
		return (r);
	}
	(void)snprintf(prefix, sizeof(prefix), "%s", PQgetvalue(out[2], 0, 0));
	PQclear(out[2]);
	if ((r = case_read_locked(ca, &v, out, &p)) != DB_OK)
		goto fail;
	/* The calculator runs first: its answer is what the guard checks. */
	if (a == CA_ASSESS && in->npicks > 0) {
		assessed = *in;
		in = &assessed;
		if ((r = db_discretion_assess(d, v.rec.violation_type,
		         in->picks, in->npicks, in->has_investment,
		         in->investment_fen, &assessed.assessed_fen, &why)) !=
		    DB_OK)
			goto fail;
	}

	/* 409 wrong state, 403 not this user, 409 stale, 422 a guard. */
	res->verdict = caseflow_check(&v.facts, a, in, errs);
	res->allowed = v.allowed;
	if (res->verdict == CASE_WRONG_STATE ||
	    res->verdict == CASE_FORBIDDEN) {
		r = res->verdict == CASE_WRONG_STATE ? DB_CONFLICT : DB_INVALID;
		goto fail;
	}
	if (version != v.rec.version) {
		res->stale = 1;
		r = DB_CONFLICT;
		goto fail;
	}
	if (res->verdict != CASE_ALLOWED) {
		r = DB_INVALID;
		goto fail;
	}

	from = v.rec.state;
	memset(&x, 0, sizeof(x));
	x.d = d;
	x.ca = ca;
	x.prefix = prefix;
	x.v = &v;
	x.in = in;
	x.payments = &p;
	x.today = v.as_of;
	x.derivation = why.data;
	if (a == CA_APPROVE_FILING &&
	    (r = investigators_add(d, ca, v.rec.id, investigator_ids,
	         ninvestigators, errs)) != DB_OK) {
		res->verdict = CASE_GUARD;
		goto fail;
	}
	v.rec.state = caseflow_next(&v.facts, a, in);
	if ((r = act_apply(&x, a)) != DB_OK ||
	    (r = event_add(d, ca, v.rec.id, case_action_code(a), from,
	         v.rec.state, detail_json)) != DB_OK ||
	    (r = act_recompute(&x, a)) != DB_OK)
		goto fail;

	/* The clocks as they stand after the action, then the row. */
	facts_from_rec(&v);
	case_clocks(&v, &p);
	if ((r = deadlines_write(d, ca->a.bureau_id, &v)) != DB_OK)
		goto fail;
	r = case_write(d, ca->a.bureau_id, &v.rec);
	if (r == DB_NOTFOUND) {
		res->stale = 1;
		r = DB_CONFLICT;
	}
	if (r != DB_OK)
		goto fail;
	r = db_commit(d);
	goto done;
fail:
	db_rollback(d);
done:
	free(p.p);
	case_view_free(&v);
	buf_free(&why);
	return (r);
}

enum db_result
db_case_begin_locked(struct db *d, const struct case_actor *ca, const char *id,
    const char *today, struct case_view *v, const struct db_step *more,
    int nmore, PGresult **res)
{
	struct db_step steps[DB_PIPELINE_MAX] = {
		DB_STEP_ONE(SQL_CASE_LOCK, ca->a.bureau_id, id),
		CONTEXT_STEP(ca, id, today),
	};
	PGresult *out[DB_PIPELINE_MAX];
	struct payments p;
	enum db_result r;
	int i;

	memset(v, 0, sizeof(*v));
	if (!date_parse(today, &v->as_of) || nmore < 0 ||
	    nmore > DB_PIPELINE_MAX - 4)
		return (DB_INVALID);
	for (i = 0; i < nmore; i++)
		steps[2 + i] = more[i];
	if ((r = db_begin_write_with(d, &ca->a, steps, 2 + nmore, out)) !=
	    DB_OK)
		return (r);
	for (i = 0; i < nmore; i++)
		res[i] = out[2 + i];
	if ((r = case_read_locked(ca, v, out, &p)) != DB_OK) {
		for (i = 0; i < nmore; i++)
			PQclear(res[i]);
		free(p.p);
		case_view_free(v);
		db_rollback(d);
		return (r);
	}
	v->payments = p.p;
	v->npayments = p.n;
	return (DB_OK);
}

enum db_result
db_case_apply_suspension(struct db *d, const struct case_actor *ca,
    struct case_view *v, enum case_suspension kind, gs_date on,
    const char *detail)
{
	struct payments p = { v->payments, v->npayments };
	struct act x;
	enum db_result r;

	memset(&x, 0, sizeof(x));
	x.d = d;
	x.ca = ca;
	x.v = v;
	x.today = v->as_of;
	if ((r = act_suspension(&x, kind, on)) != DB_OK ||
	    (r = event_add(d, ca, v->rec.id,
	         case_action_code(kind != CSUS_NONE ? CA_SUSPEND : CA_RESUME),
	         v->rec.state, v->rec.state, detail)) != DB_OK ||
	    (r = act_recompute(&x,
	         kind != CSUS_NONE ? CA_SUSPEND : CA_RESUME)) != DB_OK)
		return (r);
	facts_from_rec(v);
	case_clocks(v, &p);
	if ((r = deadlines_write(d, ca->a.bureau_id, v)) != DB_OK)
		return (r);
	if ((r = case_write(d, ca->a.bureau_id, &v->rec)) == DB_OK)
		v->rec.version++;
	return (r);
}

/* The searched list: the entities q matches from the registry, then
 * their cases (CASE_SEARCH). */
static enum db_result
case_search(struct db *d, const char *bureau, const struct case_filter *f,
    const struct entity_index *idx, const char *today, const char *limit,
    const char *offset, PGresult **rows)
{
	const struct entity_row **hits;
	struct pgarray ids;
	enum db_result r;
	size_t i, n;

	n = entity_index_matches(idx, f->q, &hits);
	pgarray_init(&ids);
	for (i = 0; i < n; i++)
		pgarray_add(&ids, hits[i]->id);
	free(hits);
	r = DB_QUERY(d, SQL_CASE_SEARCH, rows, bureau, f->state, f->squad_id,
	    f->overdue ? "true" : "false", today, f->investigator_id, limit,
	    offset, pgarray_finish(&ids), f->q);
	pgarray_free(&ids);
	return (r);
}

/*
 * The list variant for the filters given (sql.def): all cases or one
 * state keep a cached plan and read their total from case_state_count;
 * the other filters, and a search, are planned for their values.
 */
static enum db_result
case_list_rows(struct db *d, const char *bureau, const struct case_filter *f,
    const struct entity_index *idx, const char *today, PGresult **rows)
{
	char limit[16], offset[24];
	const char *overdue = f->overdue ? "true" : "false";

	(void)snprintf(limit, sizeof(limit), "%d", f->per_page);
	(void)snprintf(offset, sizeof(offset), "%lld",
	    (long long)(f->page - 1) * f->per_page);
	if (f->q != NULL && *f->q != '\0')
		return (
		    case_search(d, bureau, f, idx, today, limit, offset, rows));
	if (f->squad_id != NULL || f->overdue || f->investigator_id != NULL)
		return (DB_QUERY(d, SQL_CASE_LIST, rows, bureau, f->state,
		    f->squad_id, overdue, today, f->investigator_id, limit,
		    offset));
	if (f->state != NULL)
		return (DB_QUERY(d, SQL_CASE_LIST_STATE, rows, bureau, f->state,
		    limit, offset));
	return (DB_QUERY(d, SQL_CASE_LIST_ALL, rows, bureau, limit, offset));
}

/*
 * The entity of each row from the registry. An entity made after the
 * session's registry counter was read (and a case for it since) is not in
 * that copy: the registry is read again, once, and every row looked up in
 * the new copy (the old one is gone).
 */
static enum db_result
case_list_entities(struct db *d, const char *bureau, int64_t rev,
    struct entity_index *idx, struct case_list *l)
{
	const char *id;
	enum db_result r;
	int i, n, reloaded = 0;

	n = PQntuples(l->rows);
	l->entities = xcalloc((size_t)n + 1, sizeof(*l->entities));
	for (i = 0; i < n; i++) {
		id = PQgetvalue(l->rows, i, CASE_LIST_COL_ENTITY_ID);
		if ((l->entities[i] = entity_index_find(idx, id)) != NULL)
			continue;
		if (reloaded) {
			gs_log(LOG_LEVEL_ERROR,
			    "case list: entity %s of case %s is not in the "
			    "registry",
			    id, PQgetvalue(l->rows, i, CASE_LIST_COL_ID));
			return (DB_ERROR);
		}
		if ((r = db_entity_index_reload(d, bureau, rev, &idx)) != DB_OK)
			return (r);
		reloaded = 1;
		i = -1;
	}
	return (DB_OK);
}

enum db_result
db_case_list(struct db *d, const char *bureau, const struct case_filter *f,
    const char *today, struct case_list *l)
{
	struct entity_index *idx;
	enum db_result r;

	memset(l, 0, sizeof(*l));
	if ((r = db_entity_index(d, bureau, f->registry_rev, &idx)) != DB_OK ||
	    (r = case_list_rows(d, bureau, f, idx, today, &l->rows)) != DB_OK ||
	    (r = case_list_entities(d, bureau, f->registry_rev, idx, l)) !=
	        DB_OK) {
		case_list_free(l);
		return (r);
	}
	if (PQntuples(l->rows) > 0)
		(void)parse_int64(PQgetvalue(l->rows, 0, CASE_LIST_COL_TOTAL),
		    &l->total);
	return (DB_OK);
}

void
case_list_free(struct case_list *l)
{
	PQclear(l->rows);
	free(l->entities);
	memset(l, 0, sizeof(*l));
}
