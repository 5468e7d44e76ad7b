/*
 * caseflow.h — the life of a penalty case (domain.md section 4) as one
 * table: state x action -> next state, the roles that may act, who among
 * them is excluded (maker-checker), and the guard.
 *
 * The service layer gathers the facts of a case and of the acting user
 * into struct case_facts; this module decides. Nothing here reads the
 * database or the clock: "today" and every rule value arrive in the facts,
 * so a unit test can walk every transition.
 *
 * Two kinds of guard: fact guards depend only on the case and the user
 * (two investigators, an evidence item, the statement period) and decide
 * allowed_actions; input guards look at the submitted fields as well (a
 * hearing request dated after its period, a fine above the notice).
 */
#ifndef GS_CORE_CASEFLOW_H
#define GS_CORE_CASEFLOW_H

#include <stdint.h>

#include "core/calendar.h"
#include "core/util.h"
#include "core/verr.h"

enum case_state {
	CS_PROPOSED,
	CS_NOT_FILED,
	CS_INVESTIGATING,
	CS_UNDER_REVIEW,
	CS_NOTIFIED,
	CS_HEARING,
	CS_LEGAL_REVIEW,
	CS_COLLECTIVE_DISCUSSION,
	CS_AWAITING_DECISION,
	CS_DECIDED,
	CS_EXECUTING,
	CS_CLOSED,
	CS_ARCHIVED,
	CS_REVOKED,
	CS__MAX
};

enum case_action {
	CA_APPROVE_FILING,
	CA_REJECT_FILING,
	CA_SUBMIT_REPORT,
	CA_RETURN,
	CA_NOTIFY,
	CA_REQUEST_HEARING,
	CA_RECORD_HEARING,
	CA_SUBMIT_LEGAL_REVIEW,
	CA_LEGAL_APPROVE,
	CA_RECORD_DISCUSSION,
	CA_DECIDE,
	CA_SERVE,
	CA_RECORD_PAYMENT,
	CA_CLOSE,
	CA_ARCHIVE,
	CA_REVOKE,
	CA_EXTEND,
	CA_SUSPEND,
	CA_RESUME,
	CA_ASSESS,
	CA__MAX
};

enum case_outcome {
	CO_NONE,
	CO_PENALTY,
	CO_NO_PENALTY,
	CO_JUDICIAL_TRANSFER,
	CO__MAX
};

enum case_no_penalty_reason {
	CNP_NONE,
	CNP_MINOR,
	CNP_FIRST_OFFENCE,
	CNP_NO_FAULT,
	CNP_NOT_ESTABLISHED,
	CNP__MAX
};

/* Penalties besides the fine (行政处罚法 art. 9), as a bit mask. */
enum case_other_penalty {
	COP_WARNING,
	COP_CONFISCATION,
	COP_PRODUCTION_SUSPENSION,
	COP_CLOSURE,
	COP_LICENCE_REVOCATION,
	COP__MAX
};
#define COP_BIT(p) (1u << (p))
/* The ones that make a case heard, reviewed and discussed. */
#define COP_MAJOR                                                    \
	(COP_BIT(COP_PRODUCTION_SUSPENSION) | COP_BIT(COP_CLOSURE) | \
	    COP_BIT(COP_LICENCE_REVOCATION))

/*
 * Time that does not count: the first five stop the decision clock
 * (domain.md section 3), the last two stop the late surcharge (art. 72).
 */
enum case_suspension {
	CSUS_NONE,
	CSUS_HEARING,
	CSUS_MONITORING,
	CSUS_APPRAISAL,
	CSUS_PUBLIC_NOTICE,
	CSUS_CRIMINAL_TRANSFER,
	CSUS_RECONSIDERATION,
	CSUS_LITIGATION,
	CSUS__MAX
};

/* How a case may close (2010 办法 art. 67). */
enum case_close_basis {
	CCB_NONE,
	CCB_PAID,
	CCB_COURT_ACCEPTED,
	CCB_NOTHING_TO_EXECUTE,
	CCB__MAX
};

/* The rulebook values the guards need, read for the case's dates. */
struct case_rules {
	int min_investigators;
	int64_t hearing_org_fen;
	int64_t hearing_individual_fen;
	int64_t legal_review_fen;
	int64_t collective_fen;
	int filing_extension_days;
	int decision_extension_days;
	int further_extension_days;
};

#define CASE_NO_FINE (-1)

struct case_facts {
	enum case_state state;
	gs_date today;

	/* The acting user and how they relate to this case. */
	uint32_t roles; /* ROLE_BIT mask */
	int is_proposer;
	int is_investigator;
	int is_reporter; /* submitted the investigation report */
	int in_squad;    /* a member of the case's squad */

	/* The case. */
	int party_individual;
	int investigators_valid; /* with a certificate valid today */
	int evidence_count;
	int64_t proposed_fine_fen; /* CASE_NO_FINE before the notice */
	uint32_t other_penalties;  /* COP_BIT mask from the notice */
	gs_date statement_due;     /* 0 before the notice */
	gs_date hearing_request_due;
	int hearing_held;
	int legal_reviewed;
	int discussion_held;
	int discussion_sent; /* legal staff sent it to discussion */
	enum case_outcome outcome;
	int64_t outstanding_fen; /* fine + surcharge - paid, as of today */
	int filing_extended;
	int decision_extensions;
	enum case_suspension open_suspension;
	gs_date open_suspension_from;
	int64_t discretion_fen; /* the calculator's fine; CASE_NO_FINE: none */

	struct case_rules rules;
};

/* One discretion factor as chosen on the calculator: its tier, 0 first. */
struct case_pick {
	const char *code;
	int64_t tier;
};

#define CASE_PICKS_MAX 8
/* assessed_fen when the factors are unknown, or an investment is needed. */
#define CASE_ASSESS_BAD_PICK (-1)
#define CASE_ASSESS_NEEDS_INVESTMENT (-2)

/* The submitted fields of an action; "has" flags tell absent from zero. */
struct case_input {
	const char *reason;
	const char *text_md; /* report_md, record_md or opinion_md */
	int has_proposed_fine;
	int64_t proposed_fine_fen;
	uint32_t other_penalties;
	int other_penalties_bad;
	gs_date served_on;
	gs_date requested_on;
	gs_date held_on;
	gs_date decided_on;
	gs_date paid_on;
	gs_date on;
	enum case_outcome outcome;
	int has_fine;
	int64_t fine_fen;
	enum case_no_penalty_reason no_penalty_reason;
	const char *method; /* service method */
	int has_amount;
	int64_t amount_fen;
	int days;
	enum case_suspension kind;
	int waived; /* the party waived its statement and hearing rights */
	int send_to_discussion;
	enum case_close_basis basis;
	gs_date court_accepted_on;
	gs_date
	    discussion_on; /* collective discussion behind a further extension */
	/* The discretion calculator (assess) and departures from it. */
	struct case_pick picks[CASE_PICKS_MAX];
	size_t npicks;
	int has_investment;
	int64_t investment_fen; /* the project's investment (no_eia) */
	int64_t assessed_fen;   /* computed by the service before the check */
	const char *discretion_reason;
};

enum case_verdict {
	CASE_ALLOWED,
	CASE_WRONG_STATE, /* 409 transition_not_allowed */
	CASE_FORBIDDEN,   /* 403: this user may not */
	CASE_GUARD,       /* 422: a rule says not now, or a field is wrong */
};

const char *case_state_code(enum case_state);
const char *case_state_label(enum case_state);
enum case_state case_state_from(const char *); /* CS__MAX when unknown */
const char *case_action_code(enum case_action);
const char *case_action_label(enum case_action);
enum case_action case_action_from(const char *); /* CA__MAX when unknown */
const char *case_outcome_code(enum case_outcome);
const char *case_outcome_label(enum case_outcome);
enum case_outcome case_outcome_from(const char *);
const char *case_no_penalty_reason_code(enum case_no_penalty_reason);
const char *case_no_penalty_reason_label(enum case_no_penalty_reason);
enum case_no_penalty_reason case_no_penalty_reason_from(const char *);
const char *case_other_penalty_code(enum case_other_penalty);
const char *case_other_penalty_label(enum case_other_penalty);
enum case_other_penalty case_other_penalty_from(const char *);
const char *case_suspension_code(enum case_suspension);
const char *case_suspension_label(enum case_suspension);
enum case_suspension case_suspension_from(const char *);
const char *case_close_basis_code(enum case_close_basis);
const char *case_close_basis_label(enum case_close_basis);
enum case_close_basis case_close_basis_from(const char *);

/*
 * The labels of the penalties in mask appended to out, each after sep
 * when out already holds text ("警告、没收违法所得").
 */
void case_other_penalties_text(uint32_t mask, const char *sep, struct buf *out);
/* other_penalties as a COP_BIT mask from/to a text[] literal. */
uint32_t case_other_penalties_from_pg(const char *literal);
void case_other_penalties_to_pg(uint32_t mask, struct buf *out);
/* Reconsideration and litigation stop the surcharge; the other kinds the
 * decision clock. */
int case_suspension_stops_surcharge(enum case_suspension);

/*
 * The roles among held that row_roles names and that reach a case: an
 * officer acts on cases they investigate, a squad leader on the squad's
 * cases and their own, legal staff and the head on all. The measures
 * (core/measure.c) ask the same.
 */
uint32_t case_reaching_roles(uint32_t held, uint32_t row_roles,
    int is_investigator, int in_squad);

/* The eight sources of a clue (domain.md section 4): code and label. */
#define CLUE_SOURCES 8
extern const struct code_label clue_sources[CLUE_SOURCES];
/* The label of a source code; "" when unknown. */
const char *clue_source_label(const char *code);

/* Closed, archived, not filed or revoked: nothing more happens. */
int case_state_final(enum case_state);

/* The rules of domain.md section 4 that depend on the notice. */
int case_hearing_eligible(const struct case_facts *);
int case_legal_review_required(const struct case_facts *);
int case_discussion_required(const struct case_facts *);

/*
 * May this user take action a now? With in == NULL only the fact guards
 * run (allowed_actions); with the submitted fields the input guards run
 * too. A refusal adds its reason to errs (field-named when a field is at
 * fault) unless errs is NULL.
 */
enum case_verdict caseflow_check(const struct case_facts *, enum case_action a,
    const struct case_input *in, struct verr *errs);
/* Bit mask (1 << action) of everything caseflow_check allows without input. */
uint32_t caseflow_allowed(const struct case_facts *);
/* The state after action a, which caseflow_check allowed. */
enum case_state caseflow_next(const struct case_facts *, enum case_action a,
    const struct case_input *in);

#endif
