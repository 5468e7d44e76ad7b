/*
 * measures.c — supporting measures and transfers (see measures.h).
 *
 * Every write is one transaction that locks the case row first
 * (db_case_begin_locked: the case's context, rulebook and calendar come
 * with it), then the measure, asks core/measure.c, applies the step with
 * its side rows (rounds, testing time, documents, the case's suspension
 * for a criminal transfer), writes the history and the measure's clocks
 * (measure_deadline, and the case's next deadline), and the row with its
 * version moved on. The audit records come from the row triggers.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "core/router.h"
#include "db/measures.h"
#include "db/org.h"
#include "db/params.h"
#include "db/pgarray.h"
#include "db/rulebook.h"

enum measure_col {
	MCOL_ID,
	MCOL_CASE_ID,
	MCOL_KIND,
	MCOL_STATE,
	MCOL_DECIDED_ON,
	MCOL_DOC_NO,
	MCOL_FACTS_MD,
	MCOL_EMERGENCY,
	MCOL_STARTED_AT,
	MCOL_MONITORING_ON,
	MCOL_PLACE,
	MCOL_PERIOD_DAYS,
	MCOL_PERIOD_MONTHS,
	MCOL_EXTENSION_DAYS,
	MCOL_EXTENSION_MONTHS,
	MCOL_EXTENDED_ON,
	MCOL_APPROVED_AT,
	MCOL_APPROVED_BY,
	MCOL_EFFECTIVE_FROM,
	MCOL_SERVED_ON,
	MCOL_RELEASE_APPLIED_ON,
	MCOL_RELEASE_REFUSED_ON,
	MCOL_RELEASE_DECIDED_ON,
	MCOL_RELEASED_ON,
	MCOL_PLAN_SUBMITTED_ON,
	MCOL_COMPLETION_REPORTED_ON,
	MCOL_FOLLOW_UP_ON,
	MCOL_REPORTED_ON,
	MCOL_TRANSFERRED_AT,
	MCOL_POLICE_AGENCY,
	MCOL_PROCURATORATE_COPIED_ON,
	MCOL_COMPLEXITY,
	MCOL_MORE_REQUESTED_ON,
	MCOL_RESUBMITTED_ON,
	MCOL_POLICE_DECIDED_ON,
	MCOL_PERSONS_DETAINED,
	MCOL_PERSONS_COERCIVE,
	MCOL_OUTCOME_ON,
	MCOL_ENDED_ON,
	MCOL_END_REASON,
	MCOL_CREATED_BY,
	MCOL_VERSION,
	MCOL_CREATED_AT,
	MCOL_UPDATED_AT,
	MCOL_NPERSONS
};

#define MEASURE_RULES_N 23

/* ---- reading ---------------------------------------------------------- */

static gs_date
col_date(const PGresult *res, int row, int col)
{
	const char *v = db_value(res, row, col);
	gs_date d;

	return (v != NULL && date_parse(v, &d) ? d : 0);
}

static int64_t
col_int(const PGresult *res, int row, int col, int64_t def)
{
	const char *v = db_value(res, row, col);
	int64_t n;

	return (v != NULL && parse_int64(v, &n) ? n : def);
}

static void
measure_row_read(const PGresult *res, int row, struct measure_view *v)
{
	struct measure_rec *m = &v->m;
	const char *s;

	memset(v, 0, sizeof(*v));
	v->id = db_value(res, row, MCOL_ID);
	v->case_id = db_value(res, row, MCOL_CASE_ID);
	v->doc_no = db_value(res, row, MCOL_DOC_NO);
	v->facts_md = db_value(res, row, MCOL_FACTS_MD);
	v->place = db_value(res, row, MCOL_PLACE);
	v->police_agency = db_value(res, row, MCOL_POLICE_AGENCY);
	v->end_reason = db_value(res, row, MCOL_END_REASON);
	v->created_by = db_value(res, row, MCOL_CREATED_BY);
	v->approved_by = db_value(res, row, MCOL_APPROVED_BY);
	v->created_at = db_value(res, row, MCOL_CREATED_AT);
	v->updated_at = db_value(res, row, MCOL_UPDATED_AT);
	v->version = col_int(res, row, MCOL_VERSION, 0);
	m->kind = measure_kind_from(db_value(res, row, MCOL_KIND));
	m->state = measure_state_from(db_value(res, row, MCOL_STATE));
	m->decided_on = col_date(res, row, MCOL_DECIDED_ON);
	m->emergency = db_bool(db_value(res, row, MCOL_EMERGENCY));
	m->started_at = (time_t)col_int(res, row, MCOL_STARTED_AT, 0);
	m->monitoring_on = col_date(res, row, MCOL_MONITORING_ON);
	m->period_days = (int)col_int(res, row, MCOL_PERIOD_DAYS, 0);
	m->period_months = (int)col_int(res, row, MCOL_PERIOD_MONTHS, 0);
	m->extension_days = (int)col_int(res, row, MCOL_EXTENSION_DAYS, 0);
	m->extension_months = (int)col_int(res, row, MCOL_EXTENSION_MONTHS, 0);
	m->extended_on = col_date(res, row, MCOL_EXTENDED_ON);
	m->approved_at = (time_t)col_int(res, row, MCOL_APPROVED_AT, 0);
	m->effective_from = col_date(res, row, MCOL_EFFECTIVE_FROM);
	m->served_on = col_date(res, row, MCOL_SERVED_ON);
	m->release_applied_on = col_date(res, row, MCOL_RELEASE_APPLIED_ON);
	m->release_refused_on = col_date(res, row, MCOL_RELEASE_REFUSED_ON);
	m->release_decided_on = col_date(res, row, MCOL_RELEASE_DECIDED_ON);
	m->released_on = col_date(res, row, MCOL_RELEASED_ON);
	m->plan_submitted_on = col_date(res, row, MCOL_PLAN_SUBMITTED_ON);
	m->completion_reported_on =
	    col_date(res, row, MCOL_COMPLETION_REPORTED_ON);
	m->follow_up_on = col_date(res, row, MCOL_FOLLOW_UP_ON);
	m->reported_on = col_date(res, row, MCOL_REPORTED_ON);
	m->transferred_at = (time_t)col_int(res, row, MCOL_TRANSFERRED_AT, 0);
	m->procuratorate_copied_on =
	    col_date(res, row, MCOL_PROCURATORATE_COPIED_ON);
	s = db_value(res, row, MCOL_COMPLEXITY);
	m->complexity = s != NULL ? measure_complexity_from(s) : MC_NORMAL;
	if (m->complexity == MC__MAX)
		m->complexity = MC_NORMAL;
	m->more_requested_on = col_date(res, row, MCOL_MORE_REQUESTED_ON);
	m->resubmitted_on = col_date(res, row, MCOL_RESUBMITTED_ON);
	m->police_decided_on = col_date(res, row, MCOL_POLICE_DECIDED_ON);
	m->persons_detained =
	    (int)col_int(res, row, MCOL_PERSONS_DETAINED, MEASURE_NO_COUNT);
	m->persons_coercive =
	    (int)col_int(res, row, MCOL_PERSONS_COERCIVE, MEASURE_NO_COUNT);
	m->outcome_on = col_date(res, row, MCOL_OUTCOME_ON);
	m->ended_on = col_date(res, row, MCOL_ENDED_ON);
	m->npersons = (int)col_int(res, row, MCOL_NPERSONS, 0);
}

/* Rows of MEASURE_PARTS for measure v (rounds, testing time). */
static void
measure_parts_read(const PGresult *parts, struct measure_view *v)
{
	struct measure_round_rec *r;
	struct date_span *x;
	struct measure_rec *m = &v->m;
	int row;

	m->nrounds = m->nexclusions = 0;
	for (row = 0; row < PQntuples(parts); row++) {
		if (strcmp(PQgetvalue(parts, row, 1), v->id) != 0)
			continue;
		if (*PQgetvalue(parts, row, 0) == 'r' &&
		    m->nrounds < MEASURE_ROUNDS_MAX) {
			r = &m->rounds[m->nrounds++];
			r->counted_from = col_date(parts, row, 3);
			r->reinspected_on = col_date(parts, row, 4);
			r->days = (int)col_int(parts, row, 5, 0);
			r->amount_fen =
			    col_int(parts, row, 6, MEASURE_NO_COUNT);
			r->decided_on = col_date(parts, row, 7);
			(void)snprintf(r->decision_no, sizeof(r->decision_no),
			    "%s", PQgetvalue(parts, row, 8));
		} else if (*PQgetvalue(parts, row, 0) == 'x' &&
		    m->nexclusions < MEASURE_EXCLUSIONS_MAX) {
			x = &m->exclusions[m->nexclusions++];
			x->from = col_date(parts, row, 3);
			x->to = col_date(parts, row, 4);
		}
	}
}

/* MEASURE_RULES into r (struct measure_rules, in its order). */
static enum db_result
measure_rules_read(const PGresult *res, struct measure_rules *r)
{
	int64_t n[MEASURE_RULES_N];
	enum db_result e;

	if ((e = db_rule_values(res, 0, PQntuples(res), 1, MEASURE_RULES_N,
	         n)) != DB_OK)
		return (e);
	r->min_officers = (int)n[0];
	r->correction_service_wd = (int)n[1];
	r->reinspection_days = (int)n[2];
	r->seizure_max_days = (int)n[3];
	r->seizure_extension_max_days = (int)n[4];
	r->seizure_emergency_hours = (int)n[5];
	r->release_verify_wd = (int)n[6];
	r->release_serve_wd = (int)n[7];
	r->limit_service_wd = (int)n[8];
	r->limit_max_months = (int)n[9];
	r->limit_extension_max_months = (int)n[10];
	r->plan_wd = (int)n[11];
	r->follow_up_days = (int)n[12];
	r->detention_transfer_wd = (int)n[13];
	r->detention_police_more_days = (int)n[14];
	r->detention_police_reject_days = (int)n[15];
	r->criminal_min_officers = (int)n[16];
	r->criminal_head_days = (int)n[17];
	r->criminal_transfer_hours = (int)n[18];
	r->criminal_police_days = (int)n[19];
	r->criminal_police_complex_days = (int)n[20];
	r->criminal_police_special_days = (int)n[21];
	r->due_soon_wd = (int)n[22];
	return (DB_OK);
}

static int
same_id(const char *a, const char *b)
{
	return (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* What the guards ask, for this actor on the case cv shows. */
static void
measure_facts_of(struct measure_facts *f, const struct case_view *cv,
    const struct case_actor *ca, const struct measure_view *mv,
    const struct measure_rules *r, time_t now)
{
	memset(f, 0, sizeof(*f));
	f->m = mv != NULL ? &mv->m : NULL;
	f->today = cv->as_of;
	f->now = now;
	f->cal = &cv->cal;
	f->roles = ca->roles;
	f->is_investigator = cv->facts.is_investigator;
	f->in_squad = cv->facts.in_squad;
	f->is_creator = mv != NULL && same_id(ca->a.user_id, mv->created_by);
	f->case_state = cv->rec.state;
	/* A decision since revoked is no decision to build on. */
	f->case_penalty_decided = cv->rec.outcome == CO_PENALTY &&
	    cv->rec.decided_on != 0 && cv->rec.state != CS_REVOKED;
	f->case_decided_on = cv->rec.decided_on;
	f->case_fine_fen = cv->rec.fine_fen;
	f->rules = *r;
}

/* Clocks and allowed actions of every measure of l, from what it holds. */
static void
measure_list_compute(struct measure_list *l, const struct case_view *cv,
    const struct case_actor *ca, time_t now)
{
	struct measure_facts f;
	struct measure_view *v;
	size_t i;

	for (i = 0; i < l->n; i++) {
		v = &l->items[i];
		v->ndeadlines = measure_deadlines(&v->m, &l->rules, &cv->cal,
		    cv->as_of, now, v->deadlines);
		measure_facts_of(&f, cv, ca, v, &l->rules, now);
		v->allowed = measure_allowed(&f);
	}
}

/* The ids of l's measures as a uuid[] literal. */
static void
measure_ids(const PGresult *rows, struct pgarray *ids)
{
	int row;

	pgarray_init(ids);
	for (row = 0; row < PQntuples(rows); row++)
		pgarray_add(ids, PQgetvalue(rows, row, MCOL_ID));
}

/*
 * The list from its rows (taken over), the rules and the parts (read
 * here); clocks not yet computed.
 */
static enum db_result
measure_list_read(struct db *d, const char *bureau, PGresult *rows,
    PGresult *rules, struct measure_list *l)
{
	struct pgarray ids;
	PGresult *parts;
	enum db_result r;
	int row;

	memset(l, 0, sizeof(*l));
	l->rows = rows;
	if ((r = measure_rules_read(rules, &l->rules)) != DB_OK)
		return (r);
	l->n = (size_t)PQntuples(rows);
	if (l->n == 0)
		return (DB_OK);
	l->items = xcalloc(l->n, sizeof(*l->items));
	for (row = 0; row < PQntuples(rows); row++)
		measure_row_read(rows, row, &l->items[row]);
	measure_ids(rows, &ids);
	r = DB_QUERY(d, SQL_MEASURE_PARTS, &parts, bureau,
	    pgarray_finish(&ids));
	pgarray_free(&ids);
	if (r != DB_OK)
		return (r);
	for (row = 0; row < PQntuples(rows); row++)
		measure_parts_read(parts, &l->items[row]);
	PQclear(parts);
	return (DB_OK);
}

void
measure_list_free(struct measure_list *l)
{
	if (l->rows != NULL)
		PQclear(l->rows);
	free(l->items);
	memset(l, 0, sizeof(*l));
}

enum db_result
db_case_measures(struct db *d, const struct case_actor *ca,
    const struct case_view *cv, time_t now, struct measure_list *out)
{
	char day[GS_DATE_STRLEN];
	struct db_step steps[] = {
		DB_STEP(SQL_MEASURES_OF_CASE, ca->a.bureau_id, cv->rec.id),
		DB_STEP(SQL_MEASURE_RULES, ca->a.bureau_id, day),
	};
	PGresult *res[2];
	enum db_result r;

	memset(out, 0, sizeof(*out));
	date_format(cv->as_of, day);
	if ((r = db_pipeline(d, steps, 2, res)) != DB_OK)
		return (r);
	r = measure_list_read(d, ca->a.bureau_id, res[0], res[1], out);
	PQclear(res[1]);
	if (r != DB_OK) {
		measure_list_free(out);
		return (r);
	}
	measure_list_compute(out, cv, ca, now);
	return (DB_OK);
}

void
measure_page_free(struct measure_page *p)
{
	case_view_free(&p->cv);
	measure_list_free(&p->l);
	PQclear(p->officers);
	PQclear(p->items);
	PQclear(p->persons);
	PQclear(p->events);
	PQclear(p->documents);
	memset(p, 0, sizeof(*p));
}

/* The case of measure id (which never changes) into case_id. */
static enum db_result
measure_case_of(struct db *d, const char *bureau, const char *id,
    char case_id[40])
{
	PGresult *res;
	enum db_result r;

	if (!uuid_valid(id, strlen(id)))
		return (DB_NOTFOUND);
	if ((r = DB_QUERY_ONE(d, SQL_MEASURE_CASE, &res, bureau, id)) != DB_OK)
		return (r);
	(void)snprintf(case_id, 40, "%s", PQgetvalue(res, 0, 0));
	PQclear(res);
	return (DB_OK);
}

enum db_result
db_measure_page(struct db *d, const struct case_actor *ca, const char *id,
    const char *as_of, time_t now, struct measure_page *p)
{
	const char *const mine[] = { ca->a.bureau_id, id };
	struct db_step steps[] = {
		DB_STEP_ONE(SQL_MEASURE_GET, ca->a.bureau_id, id),
		DB_STEP(SQL_MEASURE_RULES, ca->a.bureau_id, as_of),
		{ SQL_MEASURE_OFFICERS, 2, mine, 0 },
		{ SQL_MEASURE_ITEMS, 2, mine, 0 },
		{ SQL_MEASURE_PERSONS, 2, mine, 0 },
		{ SQL_MEASURE_EVENTS, 2, mine, 0 },
		{ SQL_MEASURE_DOCUMENTS, 2, mine, 0 },
	};
	PGresult *res[GS_NELEM(steps)];
	char case_id[40];
	enum db_result r;

	memset(p, 0, sizeof(*p));
	if ((r = measure_case_of(d, ca->a.bureau_id, id, case_id)) != DB_OK ||
	    (r = db_case_view(d, ca, case_id, as_of, &p->cv)) != DB_OK)
		return (r);
	if ((r = db_pipeline(d, steps, (int)GS_NELEM(steps), res)) != DB_OK) {
		case_view_free(&p->cv);
		return (r);
	}
	p->officers = res[2];
	p->items = res[3];
	p->persons = res[4];
	p->events = res[5];
	p->documents = res[6];
	r = measure_list_read(d, ca->a.bureau_id, res[0], res[1], &p->l);
	PQclear(res[1]);
	if (r != DB_OK) {
		measure_page_free(p);
		return (r);
	}
	measure_list_compute(&p->l, &p->cv, ca, now);
	return (DB_OK);
}

/* ---- writing ---------------------------------------------------------- */

/* What one step of a measure needs besides the case view. */
struct mact {
	struct db *d;
	const struct case_actor *ca;
	struct case_view *cv;
	struct measure_view *v;
	const struct measure_input *in;
	const char *prefix;
	gs_date today;
	time_t now;
	enum measure_state from; /* before the action */
};

static enum db_result
measure_write(struct db *d, const char *bureau, const struct measure_view *v)
{
	const struct measure_rec *m = &v->m;
	struct params p;

	params_init(&p);
	param_text(&p, bureau);
	param_text(&p, v->id);
	param_int(&p, v->version, 0, 0);
	param_text(&p, measure_state_code(m->state));
	param_text(&p, v->doc_no);
	param_int(&p, m->extension_days, 0, 0);
	param_int(&p, m->extension_months, 0, 0);
	param_date(&p, m->extended_on);
	param_instant(&p, m->approved_at);
	param_text(&p, v->approved_by);
	param_date(&p, m->effective_from);
	param_date(&p, m->served_on);
	param_date(&p, m->release_applied_on);
	param_date(&p, m->release_decided_on);
	param_date(&p, m->released_on);
	param_date(&p, m->plan_submitted_on);
	param_date(&p, m->completion_reported_on);
	param_date(&p, m->follow_up_on);
	param_instant(&p, m->transferred_at);
	param_text(&p, v->police_agency != NULL ? v->police_agency : "");
	param_date(&p, m->procuratorate_copied_on);
	param_text(&p, measure_complexity_code(m->complexity));
	param_date(&p, m->more_requested_on);
	param_date(&p, m->police_decided_on);
	param_int(&p, m->persons_detained, 1, MEASURE_NO_COUNT);
	param_int(&p, m->persons_coercive, 1, MEASURE_NO_COUNT);
	param_date(&p, m->outcome_on);
	param_date(&p, m->ended_on);
	param_text(&p, v->end_reason != NULL ? v->end_reason : "");
	param_date(&p, m->resubmitted_on);
	param_date(&p, m->decided_on);
	param_date(&p, m->release_refused_on);
	return (db_query_one(d, SQL_MEASURE_UPDATE, NULL, p.n, p.v));
}

/* The stored clocks of the measure become v's, and the case's next
 * deadline follows. */
static enum db_result
measure_clocks_write(struct db *d, const char *bureau,
    const struct measure_view *v)
{
	struct deadline_rows x;
	enum db_result r;
	size_t i;

	deadline_rows_init(&x);
	for (i = 0; i < v->ndeadlines; i++)
		deadline_rows_add(&x, &v->deadlines[i],
		    v->deadlines[i].effective_due_on == 0);
	r = DB_QUERY(d, SQL_MEASURE_DEADLINES_PUT, NULL, bureau, v->id,
	    v->case_id, pgarray_finish(&x.kind), pgarray_finish(&x.working),
	    pgarray_finish(&x.party), pgarray_finish(&x.due),
	    pgarray_finish(&x.at), pgarray_finish(&x.eff),
	    pgarray_finish(&x.met));
	deadline_rows_free(&x);
	if (r == DB_OK)
		r = DB_QUERY(d, SQL_CASE_NEXT_DUE, NULL, bureau, v->case_id);
	return (r);
}

static enum db_result
measure_event_add(struct db *d, const struct case_actor *ca, const char *id,
    const char *action, enum measure_state from, enum measure_state to,
    const char *detail)
{
	return (DB_QUERY(d, SQL_MEASURE_EVENT_ADD, NULL, ca->a.bureau_id, id,
	    action, measure_state_code(from), measure_state_code(to),
	    ca->a.user_id, ca->display_name, detail != NULL ? detail : "{}"));
}

/* A document of the measure; a numbered one becomes its number when
 * doc_no is set. */
static enum db_result
mact_document(struct mact *x, enum doc_kind kind, gs_date on, int doc_no)
{
	char no[DOCNO_LEN];
	enum db_result r;

	if ((r = db_document_issue(x->d, x->ca, x->prefix, x->v->case_id,
	         x->v->id, kind, on, NULL, no)) != DB_OK)
		return (r);
	if (doc_no && *doc_kind_mark(kind) != '\0') {
		memcpy(x->v->doc_no_buf, no, DOCNO_LEN);
		x->v->doc_no = x->v->doc_no_buf;
	}
	return (DB_OK);
}

/* The measure's decision (measure_decision_doc), numbered: its number
 * becomes the measure's. */
static enum db_result
mact_decision(struct mact *x, gs_date on)
{
	return (mact_document(x, measure_decision_doc(x->v->m.kind), on, 1));
}

/* The instant an action records: the one given, else now. */
static time_t
mact_at(const struct mact *x)
{
	return (x->in->at != 0 ? x->in->at : x->now);
}

static enum db_result
mact_approve(struct mact *x)
{
	struct measure_rec *m = &x->v->m;
	gs_date day;
	enum db_result r;

	m->approved_at = mact_at(x);
	x->v->approved_by = x->ca->a.user_id;
	day = date_of_instant_shanghai(m->approved_at);
	if (measure_kind_is_transfer(m->kind))
		return (DB_OK);
	/* The head's approval is the decision: its document, its service
	 * clock and the statistics count from this day, not the proposal's. */
	m->decided_on = day;
	if (m->kind == MK_SEIZURE)
		m->effective_from = m->emergency ?
		    date_of_instant_shanghai(m->started_at) :
		    day;
	if ((r = mact_decision(x, day)) != DB_OK)
		return (r);
	if (m->kind == MK_SEIZURE)
		return (mact_document(x, DOC_SEIZURE_LIST, day, 0));
	return (DB_OK);
}

static enum db_result
mact_refuse(struct mact *x)
{
	struct measure_rec *m = &x->v->m;

	x->v->approved_by = x->ca->a.user_id;
	x->v->end_reason = x->in->reason;
	if (x->from != MS_AWAITING_APPROVAL) {
		m->ended_on = x->today;
		return (DB_OK);
	}
	/* An emergency seizure refused is released at once. */
	m->release_decided_on = x->today;
	return (mact_document(x, DOC_SEIZURE_RELEASE, x->today, 0));
}

static enum db_result
round_set(struct mact *x, const struct measure_round_rec *r, size_t seq,
    const char *decision_no)
{
	struct params p;

	params_init(&p);
	param_text(&p, x->ca->a.bureau_id);
	param_text(&p, x->v->id);
	param_int(&p, (int64_t)seq, 0, 0);
	param_date(&p, r->reinspected_on);
	param_int(&p, r->days, 1, 0);
	param_int(&p, r->amount_fen, 1, MEASURE_NO_COUNT);
	param_date(&p, r->decided_on);
	param_text(&p, decision_no);
	return (db_query(x->d, SQL_MEASURE_ROUND_SET, NULL, p.n, p.v));
}

static enum db_result
round_add(struct mact *x, size_t seq, gs_date counted_from)
{
	struct params p;

	params_init(&p);
	param_text(&p, x->ca->a.bureau_id);
	param_text(&p, x->v->id);
	param_int(&p, (int64_t)seq, 0, 0);
	param_date(&p, counted_from);
	return (db_query(x->d, SQL_MEASURE_ROUND_ADD, NULL, p.n, p.v));
}

static enum db_result
mact_reinspect(struct mact *x)
{
	struct measure_rec *m = &x->v->m;
	struct measure_round_rec r = m->rounds[m->nrounds - 1];

	r.reinspected_on = x->in->on;
	r.amount_fen = MEASURE_NO_COUNT;
	r.decided_on = 0;
	if (x->in->continuing == 1)
		r.days = daily_penalty_days(r.counted_from, r.reinspected_on);
	else {
		r.days = 0;
		m->ended_on = x->in->on;
	}
	return (round_set(x, &r, m->nrounds, NULL));
}

static enum db_result
mact_decide_round(struct mact *x)
{
	struct measure_rec *m = &x->v->m;
	struct measure_round_rec r = m->rounds[m->nrounds - 1];
	char no[DOCNO_LEN];
	enum db_result e;

	if (!daily_penalty_amount(x->cv->rec.fine_fen, r.days, &r.amount_fen))
		return (DB_INVALID);
	r.decided_on = x->in->on;
	if ((e = db_document_issue(x->d, x->ca, x->prefix, x->v->case_id,
	         x->v->id, DOC_DAILY_PENALTY_DECISION, r.decided_on, NULL,
	         no)) != DB_OK ||
	    (e = round_set(x, &r, m->nrounds, no)) != DB_OK)
		return (e);
	/* 按日连续处罚办法: re-inspected again, the days count on from
	 * this re-inspection. */
	return (round_add(x, m->nrounds + 1, r.reinspected_on));
}

static enum db_result
mact_extend(struct mact *x)
{
	struct measure_rec *m = &x->v->m;

	m->extended_on = x->in->on;
	if (m->kind == MK_SEIZURE)
		m->extension_days = x->in->days;
	else
		m->extension_months = x->in->months;
	return (mact_document(x,
	    m->kind == MK_SEIZURE ? DOC_SEIZURE_EXTENSION : DOC_LIMIT_EXTENSION,
	    x->in->on, 0));
}

static enum db_result
mact_testing(struct mact *x, int start)
{
	char day[GS_DATE_STRLEN];

	date_format(x->in->on, day);
	return (DB_QUERY(x->d,
	    start ? SQL_MEASURE_EXCLUSION_ADD : SQL_MEASURE_EXCLUSION_END, NULL,
	    x->ca->a.bureau_id, x->v->id, day));
}

static enum db_result
mact_release(struct mact *x)
{
	struct measure_rec *m = &x->v->m;

	if (m->kind == MK_SEIZURE) {
		m->release_decided_on = x->in->on;
		x->v->end_reason = x->in->reason;
		return (mact_document(x, DOC_SEIZURE_RELEASE, x->in->on, 0));
	}
	m->released_on = x->in->on;
	return (mact_document(x, DOC_LIMIT_RELEASE, x->in->on, 0));
}

/* A service receipt (送达回证) of the measure. */
static enum db_result
mact_served(struct mact *x)
{
	return (mact_document(x, DOC_SERVICE_RECEIPT, x->in->on, 0));
}

/*
 * The pending time of a criminal transfer does not count towards the
 * case's decision (domain.md section 5): the case is suspended from the
 * transfer to the police's decision, when its decision clock runs. While
 * another suspension is open that one covers the time, and its end hands
 * over to a criminal one (CASE_RESUME); the police's decision on one of
 * two transfers leaves the case suspended for the other.
 */
static enum db_result
case_clock_for_transfer(struct mact *x, int start, gs_date on)
{
	const struct case_view *cv = x->cv;
	PGresult *res;
	char detail[160];
	int64_t others = 0;
	enum db_result r;
	int running = cv->rec.filed_on != 0 && cv->rec.decided_on == 0 &&
	    !case_state_final(cv->rec.state);

	if (x->v->m.kind != MK_CRIMINAL_TRANSFER || !running)
		return (DB_OK);
	if (start && cv->facts.open_suspension != CSUS_NONE)
		return (DB_OK);
	if (!start && cv->facts.open_suspension != CSUS_CRIMINAL_TRANSFER)
		return (DB_OK);
	if (!start) {
		if ((r = DB_QUERY_ONE(x->d, SQL_CASE_CRIMINAL_PENDING, &res,
		         x->ca->a.bureau_id, x->v->case_id, x->v->id)) != DB_OK)
			return (r);
		(void)parse_int64(PQgetvalue(res, 0, 0), &others);
		PQclear(res);
		if (others > 0)
			return (DB_OK);
	}
	(void)snprintf(detail, sizeof(detail),
	    "{\"kind\":\"criminal_transfer\",\"measure_id\":\"%s\"}", x->v->id);
	return (db_case_apply_suspension(x->d, x->ca, x->cv,
	    start ? CSUS_CRIMINAL_TRANSFER : CSUS_NONE, on, detail));
}

/* The case's in-force seizures go to the police with the transfer. */
static enum db_result
hand_over(struct mact *x, gs_date on)
{
	static const char reason[] = "随涉嫌犯罪案件移交公安机关";
	char day[GS_DATE_STRLEN], detail[120];
	struct pgarray ids;
	PGresult *res;
	enum db_result r;
	int row;

	date_format(on, day);
	if ((r = DB_QUERY(x->d, SQL_MEASURE_HAND_OVER, &res, x->ca->a.bureau_id,
	         x->v->case_id, day, reason)) != DB_OK)
		return (r);
	pgarray_init(&ids);
	for (row = 0; row < PQntuples(res); row++)
		pgarray_add(&ids, PQgetvalue(res, row, 0));
	(void)snprintf(detail, sizeof(detail),
	    "{\"reason\":\"%s\",\"transfer_id\":\"%s\"}", reason, x->v->id);
	if (PQntuples(res) > 0)
		r = DB_QUERY(x->d, SQL_MEASURE_HANDED_OVER_EVENTS, NULL,
		    x->ca->a.bureau_id, pgarray_finish(&ids), x->ca->a.user_id,
		    x->ca->display_name, detail);
	pgarray_free(&ids);
	PQclear(res);
	return (r);
}

static enum db_result
mact_transfer(struct mact *x)
{
	struct measure_rec *m = &x->v->m;
	gs_date day;
	enum db_result r;

	m->transferred_at = mact_at(x);
	day = date_of_instant_shanghai(m->transferred_at);
	x->v->police_agency = x->in->police_agency;
	if (x->in->procuratorate_copied_on != 0)
		m->procuratorate_copied_on = x->in->procuratorate_copied_on;
	if (x->in->has_complexity)
		m->complexity = x->in->complexity;
	if ((r = mact_decision(x, day)) != DB_OK ||
	    (r = mact_document(x, DOC_TRANSFER_LIST, day, 0)) != DB_OK)
		return (r);
	if (m->kind == MK_CRIMINAL_TRANSFER && x->in->hand_over &&
	    (r = hand_over(x, day)) != DB_OK)
		return (r);
	return (case_clock_for_transfer(x, 1, day));
}

static enum db_result
mact_police(struct mact *x, int rejected)
{
	struct measure_rec *m = &x->v->m;

	m->police_decided_on = x->in->on;
	if (rejected) {
		m->ended_on = x->in->on;
		x->v->end_reason = x->in->reason;
	}
	return (case_clock_for_transfer(x, 0, x->in->on));
}

static enum db_result
mact_outcome(struct mact *x)
{
	struct measure_rec *m = &x->v->m;

	m->outcome_on = x->in->on;
	if (m->kind == MK_DETENTION_TRANSFER)
		m->persons_detained = (int)x->in->persons_detained;
	else
		m->persons_coercive = (int)x->in->persons_coercive;
	return (DB_OK);
}

/* Changes the record and writes the side rows of action a. */
static enum db_result
mact_apply(struct mact *x, enum measure_action a)
{
	struct measure_rec *m = &x->v->m;
	const struct measure_input *in = x->in;
	enum db_result r;

	switch (a) {
	case MA_APPROVE:
		return (mact_approve(x));
	case MA_REFUSE:
		return (mact_refuse(x));
	case MA_SERVE_ORDER:
		m->served_on = in->on;
		if ((r = round_add(x, 1, in->on)) != DB_OK)
			return (r);
		return (mact_served(x));
	case MA_REINSPECT:
		return (mact_reinspect(x));
	case MA_DECIDE_ROUND:
		return (mact_decide_round(x));
	case MA_END:
	case MA_DISPOSE:
		m->ended_on = in->on;
		x->v->end_reason = in->reason;
		return (DB_OK);
	case MA_SERVE:
		m->served_on = in->on;
		return (mact_served(x));
	case MA_EXTEND:
		return (mact_extend(x));
	case MA_START_TESTING:
		return (mact_testing(x, 1));
	case MA_END_TESTING:
		return (mact_testing(x, 0));
	case MA_APPLY_RELEASE:
		m->release_applied_on = in->on;
		m->release_refused_on = 0; /* a new application */
		return (DB_OK);
	case MA_RELEASE:
		return (mact_release(x));
	case MA_REFUSE_RELEASE:
		/* Answered: the verification clock is met by the refusal,
		 * which the history keeps with its reason. */
		m->release_refused_on = in->on;
		return (DB_OK);
	case MA_SERVE_RELEASE:
		m->released_on = in->on;
		return (mact_served(x));
	case MA_SUBMIT_PLAN:
		m->plan_submitted_on = in->on;
		return (DB_OK);
	case MA_REPORT_COMPLETION:
		m->completion_reported_on = in->on;
		return (DB_OK);
	case MA_FOLLOW_UP:
		m->follow_up_on = in->on;
		return (DB_OK);
	case MA_TRANSFER:
		return (mact_transfer(x));
	case MA_REQUEST_MORE:
		m->more_requested_on = in->on;
		return (DB_OK);
	case MA_RESUBMIT:
		m->resubmitted_on = in->on;
		return (DB_OK);
	case MA_POLICE_ACCEPT:
		return (mact_police(x, 0));
	case MA_POLICE_REJECT:
		return (mact_police(x, 1));
	case MA_RECORD_OUTCOME:
		return (mact_outcome(x));
	default:
		return (DB_ERROR);
	}
}

/* The measure as it stands in the transaction (after its writes), with
 * its clocks as of today. */
static enum db_result
measure_reread(struct db *d, const struct case_actor *ca,
    const struct case_view *cv, const char *id, time_t now,
    const struct measure_rules *rules, struct measure_list *l)
{
	struct pgarray ids;
	PGresult *row, *parts;
	enum db_result r;

	memset(l, 0, sizeof(*l));
	if ((r = DB_QUERY_ONE(d, SQL_MEASURE_GET, &row, ca->a.bureau_id, id)) !=
	    DB_OK)
		return (r);
	l->rows = row;
	l->rules = *rules;
	l->n = 1;
	l->items = xcalloc(1, sizeof(*l->items));
	measure_row_read(row, 0, &l->items[0]);
	pgarray_init(&ids);
	pgarray_add(&ids, id);
	r = DB_QUERY(d, SQL_MEASURE_PARTS, &parts, ca->a.bureau_id,
	    pgarray_finish(&ids));
	pgarray_free(&ids);
	if (r != DB_OK)
		return (r);
	measure_parts_read(parts, &l->items[0]);
	PQclear(parts);
	measure_list_compute(l, cv, ca, now);
	return (DB_OK);
}

/* Re-reads the measure after its writes and stores its clocks. */
static enum db_result
measure_finish(struct db *d, const struct case_actor *ca,
    const struct case_view *cv, const char *id, time_t now,
    const struct measure_rules *rules)
{
	struct measure_list l;
	enum db_result r;

	if ((r = measure_reread(d, ca, cv, id, now, rules, &l)) == DB_OK)
		r = measure_clocks_write(d, ca->a.bureau_id, &l.items[0]);
	measure_list_free(&l);
	return (r);
}

/* ---- proposing -------------------------------------------------------- */

/* Officers, items and persons of a new measure. */
static enum db_result
measure_lists_add(struct db *d, const struct case_actor *ca, const char *id,
    const struct measure_body *b, const char *const *certs)
{
	struct pgarray a1, a2, a3;
	enum db_result r = DB_OK;
	size_t i;

	if (b->nofficers > 0) {
		pgarray_init(&a1);
		pgarray_init(&a2);
		for (i = 0; i < b->nofficers; i++) {
			pgarray_add(&a1, b->officer_ids[i]);
			pgarray_add(&a2, certs[i]);
		}
		r = DB_QUERY(d, SQL_MEASURE_OFFICERS_ADD, NULL, ca->a.bureau_id,
		    id, pgarray_finish(&a1), pgarray_finish(&a2));
		pgarray_free(&a1);
		pgarray_free(&a2);
	}
	if (r == DB_OK && b->in.nitems > 0) {
		pgarray_init(&a1);
		pgarray_init(&a2);
		pgarray_init(&a3);
		for (i = 0; i < b->in.nitems; i++) {
			pgarray_add(&a1, b->items[i * MEASURE_ITEM_FIELDS]);
			pgarray_add(&a2, b->items[i * MEASURE_ITEM_FIELDS + 1]);
			pgarray_add(&a3, b->items[i * MEASURE_ITEM_FIELDS + 2]);
		}
		r = DB_QUERY(d, SQL_MEASURE_ITEMS_ADD, NULL, ca->a.bureau_id,
		    id, pgarray_finish(&a1), pgarray_finish(&a2),
		    pgarray_finish(&a3));
		pgarray_free(&a1);
		pgarray_free(&a2);
		pgarray_free(&a3);
	}
	if (r == DB_OK && b->in.npersons > 0) {
		pgarray_init(&a1);
		pgarray_init(&a2);
		for (i = 0; i < b->in.npersons; i++) {
			pgarray_add(&a1, b->persons[i * MEASURE_PERSON_FIELDS]);
			pgarray_add(&a2,
			    b->persons[i * MEASURE_PERSON_FIELDS + 1]);
		}
		r = DB_QUERY(d, SQL_MEASURE_PERSONS_ADD, NULL, ca->a.bureau_id,
		    id, pgarray_finish(&a1), pgarray_finish(&a2));
		pgarray_free(&a1);
		pgarray_free(&a2);
	}
	return (r);
}

static enum db_result
measure_insert(struct db *d, const struct case_actor *ca, const char *case_id,
    const struct measure_input *in, char id[40])
{
	struct params p;
	PGresult *res;
	enum db_result r;

	params_init(&p);
	param_text(&p, ca->a.bureau_id);
	param_text(&p, case_id);
	param_text(&p, measure_kind_code(in->kind));
	param_text(&p, measure_state_code(measure_initial_state(in)));
	param_date(&p, in->decided_on);
	param_text(&p, in->facts_md);
	param_text(&p, in->emergency ? "true" : "false");
	param_instant(&p, in->emergency ? in->started_at : 0);
	param_date(&p, in->monitoring_on);
	param_text(&p, in->place);
	param_int(&p, in->kind == MK_SEIZURE ? in->days : 0, 1, 0);
	param_int(&p, in->kind == MK_PRODUCTION_LIMIT ? in->months : 0, 1, 0);
	param_date(&p, in->reported_on);
	param_text(&p, ca->a.user_id);
	if ((r = db_query_one(d, SQL_MEASURE_CREATE, &res, p.n, p.v)) != DB_OK)
		return (r);
	(void)snprintf(id, 40, "%s", PQgetvalue(res, 0, 0));
	PQclear(res);
	return (DB_OK);
}

/* The day the officers' certificates must be valid on. */
static gs_date
certificate_day(const struct measure_input *in, gs_date today)
{
	if (in->kind == MK_CRIMINAL_TRANSFER && in->reported_on != 0)
		return (in->reported_on);
	if (in->decided_on != 0)
		return (in->decided_on);
	return (today);
}

/* The officers named must be the bureau's, certified on the day. */
static enum db_result
officers_check(struct db *d, const struct case_actor *ca,
    const struct measure_body *b, gs_date today, struct verr *errs,
    PGresult **rows, const char **certs)
{
	char day[GS_DATE_STRLEN];

	*rows = NULL;
	if (b->nofficers == 0)
		return (DB_OK);
	date_format(certificate_day(&b->in, today), day);
	return (db_officers_check(d, ca->a.bureau_id, b->officer_ids,
	    b->nofficers, day, "officer_ids", errs, rows, certs));
}

/* The refusal of the machine as a result: 409, 403 or 422. */
static enum db_result
refusal(struct measure_act_result *res, enum case_verdict v)
{
	res->verdict = v;
	return (v == CASE_WRONG_STATE ? DB_CONFLICT : DB_INVALID);
}

enum db_result
db_measure_create(struct db *d, const struct case_actor *ca,
    const char *case_id, const struct measure_body *b, const char *detail,
    const char *today, time_t now, struct measure_act_result *res,
    struct verr *errs, char id[40])
{
	char day[GS_DATE_STRLEN + 1];
	struct db_step more[] = {
		DB_STEP(SQL_MEASURE_RULES, ca->a.bureau_id, day),
		DB_STEP_ONE(SQL_BUREAU_DOC_PREFIX, ca->a.bureau_id),
	};
	const char *certs[CASE_INVESTIGATORS_MAX];
	struct measure_input in = b->in;
	struct measure_rules rules;
	struct measure_facts f;
	struct measure_view v;
	struct case_view cv;
	struct mact x;
	PGresult *out[2], *officers = NULL;
	enum db_result r;

	memset(res, 0, sizeof(*res));
	(void)snprintf(day, sizeof(day), "%s", today);
	if (!uuid_valid(case_id, strlen(case_id)))
		return (DB_NOTFOUND);
	if ((r = db_case_begin_locked(d, ca, case_id, today, &cv, more, 2,
	         out)) != DB_OK)
		return (r);
	r = measure_rules_read(out[0], &rules);
	PQclear(out[0]);
	if (r == DB_OK)
		r = officers_check(d, ca, b, cv.as_of, errs, &officers, certs);
	if (r == DB_INVALID)
		res->verdict = CASE_GUARD;
	if (r != DB_OK)
		goto fail;
	in.nofficers_valid = b->nofficers;
	measure_facts_of(&f, &cv, ca, NULL, &rules, now);
	if ((res->verdict = measure_create_check(&f, &in, errs)) !=
	    CASE_ALLOWED) {
		r = refusal(res, res->verdict);
		goto fail;
	}
	if ((r = measure_insert(d, ca, case_id, &in, id)) != DB_OK ||
	    (r = measure_lists_add(d, ca, id, b, certs)) != DB_OK ||
	    (r = measure_event_add(d, ca, id, "create", MS__MAX,
	         measure_initial_state(&in), detail)) != DB_OK)
		goto fail;
	/* 按日连续处罚 starts with its correction order (责令改正决定书). */
	if (in.kind == MK_DAILY_PENALTY) {
		memset(&v, 0, sizeof(v));
		v.id = id;
		v.case_id = case_id;
		memset(&x, 0, sizeof(x));
		x.d = d;
		x.ca = ca;
		x.cv = &cv;
		x.v = &v;
		x.in = &in;
		x.prefix = PQgetvalue(out[1], 0, 0);
		if ((r = mact_document(&x, DOC_CORRECTION_ORDER, in.decided_on,
		         1)) != DB_OK ||
		    (r = DB_QUERY(d, SQL_MEASURE_SET_DOC_NO, NULL,
		         ca->a.bureau_id, id, v.doc_no)) != DB_OK)
			goto fail;
	}
	if ((r = measure_finish(d, ca, &cv, id, now, &rules)) != DB_OK)
		goto fail;
	PQclear(out[1]);
	PQclear(officers);
	case_view_free(&cv);
	return (db_commit(d));
fail:
	db_rollback(d);
	PQclear(out[1]);
	PQclear(officers);
	case_view_free(&cv);
	return (r);
}

/* ---- acting ----------------------------------------------------------- */

enum db_result
db_measure_act(struct db *d, const struct case_actor *ca, const char *id,
    int transfer, enum measure_action a, const struct measure_body *b,
    const char *detail, const char *today, time_t now,
    struct measure_act_result *res, struct verr *errs)
{
	char case_id[40], day[GS_DATE_STRLEN + 1];
	struct db_step more[] = {
		DB_STEP_ONE(SQL_MEASURE_LOCK, ca->a.bureau_id, id),
		DB_STEP(SQL_MEASURE_RULES, ca->a.bureau_id, day),
		DB_STEP_ONE(SQL_BUREAU_DOC_PREFIX, ca->a.bureau_id),
	};
	struct measure_list l;
	struct measure_facts f;
	struct case_view cv;
	struct mact x;
	PGresult *out[3];
	enum measure_state from;
	enum db_result r;

	memset(res, 0, sizeof(*res));
	memset(&l, 0, sizeof(l));
	(void)snprintf(day, sizeof(day), "%s", today);
	if ((r = measure_case_of(d, ca->a.bureau_id, id, case_id)) != DB_OK ||
	    (r = db_case_begin_locked(d, ca, case_id, today, &cv, more, 3,
	         out)) != DB_OK)
		return (r);
	r = measure_list_read(d, ca->a.bureau_id, out[0], out[1], &l);
	PQclear(out[1]);
	if (r == DB_OK &&
	    measure_kind_is_transfer(l.items[0].m.kind) != transfer)
		r = DB_NOTFOUND;
	if (r != DB_OK)
		goto fail;
	measure_list_compute(&l, &cv, ca, now);
	measure_facts_of(&f, &cv, ca, &l.items[0], &l.rules, now);
	res->allowed = l.items[0].allowed;

	/* 409 wrong state, 403 not this user, 409 stale, 422 a guard. */
	res->verdict = measure_check(&f, a, &b->in, errs);
	if (res->verdict == CASE_WRONG_STATE ||
	    res->verdict == CASE_FORBIDDEN) {
		r = refusal(res, res->verdict);
		goto fail;
	}
	if (b->version != l.items[0].version) {
		res->stale = 1;
		r = DB_CONFLICT;
		goto fail;
	}
	if (res->verdict != CASE_ALLOWED) {
		r = DB_INVALID;
		goto fail;
	}

	memset(&x, 0, sizeof(x));
	x.d = d;
	x.ca = ca;
	x.cv = &cv;
	x.v = &l.items[0];
	x.in = &b->in;
	x.prefix = PQgetvalue(out[2], 0, 0);
	x.today = cv.as_of;
	x.now = now;
	from = x.from = x.v->m.state;
	x.v->m.state = measure_next(&f, a, &b->in);
	if ((r = mact_apply(&x, a)) != DB_OK ||
	    (r = measure_event_add(d, ca, id, measure_action_code(a), from,
	         x.v->m.state, detail)) != DB_OK)
		goto fail;
	r = measure_write(d, ca->a.bureau_id, x.v);
	if (r == DB_NOTFOUND) {
		res->stale = 1;
		r = DB_CONFLICT;
	}
	if (r != DB_OK ||
	    (r = measure_finish(d, ca, &cv, id, now, &l.rules)) != DB_OK)
		goto fail;
	PQclear(out[2]);
	measure_list_free(&l);
	case_view_free(&cv);
	return (db_commit(d));
fail:
	db_rollback(d);
	PQclear(out[2]);
	measure_list_free(&l);
	case_view_free(&cv);
	return (r);
}
