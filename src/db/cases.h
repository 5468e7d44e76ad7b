/*
 * cases.h — the penalty case's services: propose, read (with its clocks,
 * money and allowed actions computed as of a date), list, and take an
 * action. The decisions are core/caseflow.c's; this layer gathers the
 * facts, applies the outcome in one transaction and keeps the stored
 * clocks (case_deadline) in step.
 */
#ifndef GS_DB_CASES_H
#define GS_DB_CASES_H

#include <stdint.h>

#include "core/caseflow.h"
#include "core/caseinput.h"
#include "core/deadline.h"
#include "core/docno.h"
#include "core/entity_index.h"
#include "core/money.h"
#include "core/verr.h"
#include "db/db.h"
#include "db/pgarray.h"

/* Who acts: the audit actor plus what the state machine asks about. */
struct case_actor {
	struct db_actor a;
	const char *display_name;
	uint32_t roles;
};

/* One case row, typed; text points into the PGresult (or the request). */
struct case_rec {
	const char *id;
	const char *case_no;
	const char *entity_id;
	const char *clue_id;
	const char *inspection_id;
	const char *violation_type;
	const char *summary_md;
	const char *squad_id;
	const char *proposed_by;
	const char *report_md;
	const char *reported_by;
	const char *decision_no;
	const char *service_method;
	const char *created_at;
	const char *updated_at;
	const char *entity_name;
	const char *entity_uscc;
	const char *squad_name;
	const char *violation_name;
	const char *proposer_name;
	const char *discretion_detail; /* factors and derivation */
	const char *discretion_reason; /* why a fine departs from it */
	const char *violation_text;    /* an imported case's own wording */
	int imported;                  /* brought by the legacy import */
	int party_individual;
	enum case_state state;
	gs_date discovered_on;
	gs_date received_on;
	gs_date filing_decided_on;
	gs_date filed_on;
	int filing_extension_days;
	int decision_extension_days;
	int decision_extensions;
	gs_date notice_served_on;
	int64_t proposed_fine_fen; /* CASE_NO_FINE when none */
	uint32_t other_penalties;
	gs_date rights_ended_on;
	gs_date hearing_requested_on;
	gs_date hearing_held_on;
	gs_date legal_reviewed_on;
	int discussion_sent;
	gs_date discussion_held_on;
	enum case_outcome outcome;
	int64_t fine_fen; /* CASE_NO_FINE when none */
	enum case_no_penalty_reason no_penalty_reason;
	gs_date decided_on;
	gs_date served_on;
	gs_date closed_on;
	enum case_close_basis close_basis;
	gs_date court_accepted_on;
	gs_date ended_on;
	gs_date published_on;
	int64_t discretion_fen; /* CASE_NO_FINE until assessed */
	int64_t version;
	/* Numbers issued in this transaction live here. */
	char case_no_buf[DOCNO_LEN];
	char decision_no_buf[DOCNO_LEN];
};

#define CASE_SUSPENSIONS_MAX 64

struct case_money {
	int64_t fine_fen;
	int64_t surcharge_fen;
	int64_t paid_fen;
	int64_t outstanding_fen;
	gs_date payment_due; /* 0 before service */
};

/* A case as seen by one user on one date. */
struct case_view {
	PGresult *row;
	struct case_rec rec;
	gs_date as_of;
	struct case_facts facts;
	struct clock_rules clock;
	struct deadline deadlines[DK__MAX];
	size_t ndeadlines;
	struct case_money money;
	struct {
		enum case_suspension kind;
		struct date_span span;
	} suspensions[CASE_SUSPENSIONS_MAX];
	size_t nsuspensions;
	uint32_t allowed; /* caseflow_allowed() */
	/* Read once per view; a transition recomputes from them. */
	struct calendar cal;
	int rate_bp;
	int cap_percent;
	/* Kept by db_case_begin_locked, for a later recomputation. */
	struct payment *payments;
	size_t npayments;
};

void case_view_free(struct case_view *);

/*
 * Proposes a case (struct case_new: core/caseinput.h; state proposed); the proposer and the named officers
 * become its investigators. DB_INVALID with errs naming fields.
 */
enum db_result db_case_create(struct db *, const struct case_actor *,
    const struct case_new *, const char *today, struct verr *errs, char id[40]);

/*
 * The case as of as_of (YYYY-MM-DD) for this actor: deadlines, money and
 * allowed actions computed. DB_NOTFOUND outside the bureau.
 */
enum db_result db_case_view(struct db *, const struct case_actor *,
    const char *id, const char *as_of, struct case_view *);
/*
 * The same, and the lists named (statements whose one parameter is the
 * case id: SQL_CASE_EVENTS, ...) in the same round trip, their results in
 * res for the caller to PQclear.
 */
#define CASE_VIEW_LISTS_MAX 4
enum db_result db_case_view_with(struct db *, const struct case_actor *,
    const char *id, const char *as_of, struct case_view *,
    const enum sql_id *lists, int nlists, PGresult **res);

/*
 * Opens a write transaction on case id for another aggregate of the case
 * (its measures): BEGIN, the case row locked (so that the case row comes
 * first in every writer's lock order), its context as of today into v,
 * and the nmore statements of more in the same round trip, their results
 * in res for the caller to PQclear. On failure the transaction is rolled
 * back. The caller commits or rolls back, and frees v.
 */
enum db_result db_case_begin_locked(struct db *, const struct case_actor *,
    const char *id, const char *today, struct case_view *v,
    const struct db_step *more, int nmore, PGresult **res);
/*
 * Inside that transaction: opens (kind) or closes (kind CSUS_NONE) the
 * case's suspension on day on, as the system does for a pending criminal
 * transfer; the clocks are recomputed and the case row written (version
 * + 1) with a history entry of action suspend / resume and detail.
 */
enum db_result db_case_apply_suspension(struct db *, const struct case_actor *,
    struct case_view *v, enum case_suspension kind, gs_date on,
    const char *detail);
/*
 * A document of the case, of measure_id when not NULL: numbered by its
 * kind for the year of on (prefix: the bureau's); the number to out when
 * out is not NULL. Inside the caller's transaction.
 */
enum db_result db_document_issue(struct db *, const struct case_actor *,
    const char *prefix, const char *case_id, const char *measure_id,
    enum doc_kind kind, gs_date on, const char *md, char *out);

/* The result of db_case_act beyond enum db_result. */
struct case_act_result {
	enum case_verdict verdict;
	int stale;        /* the version was not the current one */
	uint32_t allowed; /* on a refusal: what this user may do now */
};

/*
 * Takes action a on case id at version, with the submitted fields in
 * (investigator_ids for approve_filing) and the body kept in the
 * history as detail (JSON text). DB_OK when done; otherwise the refusal
 * is in res (verdict, stale) and errs.
 */
enum db_result db_case_act(struct db *, const struct case_actor *,
    const char *id, enum case_action a, int64_t version,
    const struct case_input *in, const char *const *investigator_ids,
    size_t ninvestigators, const char *detail_json, const char *today,
    struct case_act_result *res, struct verr *errs);

struct case_filter {
	const char *state;
	const char *squad_id;
	int overdue;
	const char *q;
	const char *investigator_id;
	int page;
	int per_page;
	int64_t registry_rev; /* the session's: the list's entities */
};

/*
 * The list: rows of one of the SQL_CASE_LIST variants, all with the same
 * columns (CASE_LIST_COL_*), and the entity of each row from the worker's
 * registry (db/entities.c), valid until the next registry lookup.
 */
enum {
	CASE_LIST_COL_ID,
	CASE_LIST_COL_CASE_NO,
	CASE_LIST_COL_STATE,
	CASE_LIST_COL_ENTITY_ID,
	CASE_LIST_COL_VIOLATION,
	CASE_LIST_COL_VIOLATION_NAME,
	CASE_LIST_COL_SQUAD_ID,
	CASE_LIST_COL_SQUAD_NAME,
	CASE_LIST_COL_DISCOVERED_ON,
	CASE_LIST_COL_FILED_ON,
	CASE_LIST_COL_FINE_FEN,
	CASE_LIST_COL_VERSION,
	CASE_LIST_COL_UPDATED_AT,
	CASE_LIST_COL_NEXT_DUE_ON,
	CASE_LIST_COL_TOTAL
};

struct case_list {
	PGresult *rows;
	const struct entity_row **entities; /* one per row */
	int64_t total; /* every match, not only this page */
};

enum db_result db_case_list(struct db *, const char *bureau,
    const struct case_filter *, const char *today, struct case_list *);
void case_list_free(struct case_list *);

/*
 * Clocks as the array parameters of CASE_DEADLINES_PUT and
 * MEASURE_DEADLINES_PUT (kind, working, party, due, due at, effective
 * due, met): one row per deadline added. A clock with no effective day
 * (open: it cannot go overdue now) writes NULL there.
 */
struct deadline_rows {
	struct pgarray kind, working, party, due, at, eff, met;
};

void deadline_rows_init(struct deadline_rows *);
void
deadline_rows_add(struct deadline_rows *, const struct deadline *, int open);
void deadline_rows_free(struct deadline_rows *);

#endif
