/*
 * measure.h — the supporting measures of the Environmental Protection Law
 * and the transfers to the police (domain.md section 5), as one table of
 * kind x action x from-states -> next state, the roles that may act, and
 * the guard; with their period arithmetic and statutory clocks.
 *
 * The six kinds are one family in the law and in the statistics (the
 * 配套办法案件 figure is the sum of five per-kind counts): a decision in a
 * case, a few steps, clocks, documents, a history. As in caseflow.h, the
 * service gathers the facts (the measure as stored, its case, the acting
 * user, today, now and the rulebook) and this module decides; nothing here
 * reads the database or the clock.
 */
#ifndef GS_CORE_MEASURE_H
#define GS_CORE_MEASURE_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "core/calendar.h"
#include "core/caseflow.h"
#include "core/deadline.h"
#include "core/docno.h"
#include "core/money.h"
#include "core/verr.h"

enum measure_kind {
	MK_DAILY_PENALTY,
	MK_SEIZURE,
	MK_PRODUCTION_LIMIT,
	MK_PRODUCTION_SUSPENSION,
	MK_DETENTION_TRANSFER,
	MK_CRIMINAL_TRANSFER,
	MK__MAX
};

enum measure_state {
	MS_PROPOSED,          /* waiting for the head's approval */
	MS_AWAITING_APPROVAL, /* emergency seizure done, approval to follow */
	MS_REFUSED,
	MS_ORDERED,               /* daily penalty: correction order to serve */
	MS_AWAITING_REINSPECTION, /* daily penalty */
	MS_CONTINUING,      /* daily penalty: not corrected, round to decide */
	MS_CORRECTED,       /* daily penalty: corrected at re-inspection */
	MS_DECIDED,         /* limit or suspension: decision to serve */
	MS_IN_FORCE,        /* seizure, limit, suspension */
	MS_RELEASE_APPLIED, /* seizure */
	MS_RELEASE_DECIDED, /* seizure: release to serve */
	MS_COMPLETION_REPORTED, /* limit, suspension */
	MS_RELEASED,
	MS_FOLLOWED_UP, /* limit, suspension: follow-up inspection done */
	MS_DISPOSED,    /* seizure: items dealt with by law or handed over */
	MS_APPROVED,    /* transfer: approved, to send */
	MS_TRANSFERRED,
	MS_MORE_REQUESTED, /* detention: the police asked for more */
	MS_ACCEPTED,
	MS_REJECTED,
	MS_CONCLUDED,
	MS_ENDED,    /* daily penalty stopped by the head */
	MS_IMPORTED, /* from an older system: dates only */
	MS__MAX
};

enum measure_action {
	MA_APPROVE,
	MA_REFUSE,
	MA_SERVE_ORDER,
	MA_REINSPECT,
	MA_DECIDE_ROUND,
	MA_END,
	MA_SERVE,
	MA_EXTEND,
	MA_START_TESTING,
	MA_END_TESTING,
	MA_APPLY_RELEASE,
	MA_RELEASE,
	MA_REFUSE_RELEASE,
	MA_SERVE_RELEASE,
	MA_DISPOSE,
	MA_SUBMIT_PLAN,
	MA_REPORT_COMPLETION,
	MA_FOLLOW_UP,
	MA_TRANSFER,
	MA_REQUEST_MORE,
	MA_RESUBMIT,
	MA_POLICE_ACCEPT,
	MA_POLICE_REJECT,
	MA_RECORD_OUTCOME,
	MA__MAX
};

/* The police's decision period of a criminal transfer. */
enum measure_complexity {
	MC_NORMAL,
	MC_COMPLEX,
	MC_SPECIAL,
	MC__MAX
};

/* The rulebook values (rule_def keys in comments), in their units. */
struct measure_rules {
	int min_officers;          /* investigation.min_officers */
	int correction_service_wd; /* daily_penalty.correction_service_... */
	int reinspection_days;     /* daily_penalty.reinspection_days */
	int seizure_max_days;      /* seizure.max_days */
	int seizure_extension_max_days;
	int seizure_emergency_hours;
	int release_verify_wd;
	int release_serve_wd;
	int limit_service_wd; /* limit.service_working_days */
	int limit_max_months;
	int limit_extension_max_months;
	int plan_wd;
	int follow_up_days;
	int detention_transfer_wd; /* detention.transfer_working_days */
	int detention_police_more_days;
	int detention_police_reject_days;
	int criminal_min_officers; /* criminal.min_officers */
	int criminal_head_days;
	int criminal_transfer_hours;
	int criminal_police_days;
	int criminal_police_complex_days;
	int criminal_police_special_days;
	int due_soon_wd; /* deadline.due_soon_working_days */
};

#define MEASURE_NO_COUNT (-1)
#define MEASURE_ROUNDS_MAX 64
#define MEASURE_EXCLUSIONS_MAX 32

/* A round of a daily penalty (measure_round). */
struct measure_round_rec {
	gs_date counted_from;   /* the day before the first counted day */
	gs_date reinspected_on; /* 0 while the re-inspection is due */
	int days;
	int64_t amount_fen; /* MEASURE_NO_COUNT until decided */
	gs_date decided_on;
	char decision_no[DOCNO_LEN]; /* its decision's number; "" until then */
};

/* A measure as stored; 0 (or MEASURE_NO_COUNT) where a step has not
 * happened. */
struct measure_rec {
	enum measure_kind kind;
	enum measure_state state;
	gs_date decided_on;
	int emergency;
	time_t started_at;
	gs_date monitoring_on;
	int period_days;
	int period_months;
	int extension_days;
	int extension_months;
	gs_date extended_on;
	time_t approved_at;
	gs_date effective_from;
	gs_date served_on;
	gs_date release_applied_on;
	gs_date release_refused_on; /* that application refused */
	gs_date release_decided_on;
	gs_date released_on;
	gs_date plan_submitted_on;
	gs_date completion_reported_on;
	gs_date follow_up_on;
	gs_date reported_on;
	time_t transferred_at;
	gs_date procuratorate_copied_on;
	enum measure_complexity complexity;
	gs_date more_requested_on;
	gs_date resubmitted_on;
	gs_date police_decided_on;
	int persons_detained; /* MEASURE_NO_COUNT until recorded */
	int persons_coercive;
	gs_date outcome_on;
	gs_date ended_on;
	int npersons; /* persons the transfer names */
	struct measure_round_rec rounds[MEASURE_ROUNDS_MAX];
	size_t nrounds;
	struct date_span exclusions[MEASURE_EXCLUSIONS_MAX]; /* testing */
	size_t nexclusions;
};

/* What the guards ask about. */
struct measure_facts {
	const struct measure_rec *m; /* NULL when proposing a new one */
	gs_date today;
	time_t now;
	const struct calendar *cal; /* the bureau's holidays */

	/* The acting user: as for the case (caseflow.h). */
	uint32_t roles;
	int is_investigator;
	int in_squad;
	int is_creator; /* proposed this measure */

	/* The case. */
	enum case_state case_state;
	int case_penalty_decided; /* a penalty decision made by the bureau */
	gs_date case_decided_on;  /* its day; 0 when none */
	int64_t case_fine_fen;    /* its fine; CASE_NO_FINE when none */

	struct measure_rules rules;
};

/* The submitted fields of a proposal or an action. */
struct measure_input {
	enum measure_kind kind; /* proposal */
	gs_date decided_on;
	gs_date monitoring_on;
	gs_date reported_on; /* criminal transfer: the officers' report */
	gs_date on;          /* the day the action records */
	time_t at;           /* the instant it records; 0: now */
	int emergency;
	time_t started_at;
	int days;       /* 0 absent, -1 not a usable number */
	int months;     /* the same */
	int continuing; /* reinspect: -1 absent, 0 corrected, 1 continuing */
	enum measure_complexity complexity;
	int has_complexity;
	gs_date procuratorate_copied_on;
	int has_persons_detained;
	int64_t persons_detained;
	int has_persons_coercive;
	int64_t persons_coercive;
	const char *reason;
	const char *facts_md;
	const char *place;
	const char *police_agency;
	/* Lists the service validates; the guards count them. */
	size_t nofficers_valid; /* officers named with a certificate today */
	size_t nitems;
	size_t npersons;
	int hand_over; /* criminal transfer: seizures holding items go too */
};

const char *measure_kind_code(enum measure_kind);
const char *measure_kind_label(enum measure_kind);
enum measure_kind measure_kind_from(const char *); /* MK__MAX unknown */
/* A transfer's kind in the API ("detention", "criminal"). */
const char *measure_transfer_code(enum measure_kind);
enum measure_kind measure_transfer_from(const char *);
int measure_kind_is_transfer(enum measure_kind);
/*
 * The document that decides a measure of kind k (a daily penalty's is the
 * correction order, a transfer's its letter of transfer); its number is
 * the measure's.
 */
enum doc_kind measure_decision_doc(enum measure_kind k);
const char *measure_state_code(enum measure_state);
const char *measure_state_label(enum measure_state);
enum measure_state measure_state_from(const char *);
const char *measure_action_code(enum measure_action);
const char *measure_action_label(enum measure_action);
enum measure_action measure_action_from(const char *);
const char *measure_complexity_code(enum measure_complexity);
const char *measure_complexity_label(enum measure_complexity);
enum measure_complexity measure_complexity_from(const char *);

/* Nothing more happens to a measure of kind k in state s. */
int measure_is_final(enum measure_kind k, enum measure_state s);

/*
 * May this user propose a measure of in->kind in this case now? The
 * case's state and decision, the officers and items named, the period
 * asked for. A refusal adds its reason to errs naming the field.
 */
enum case_verdict measure_create_check(const struct measure_facts *,
    const struct measure_input *in, struct verr *errs);
/* The state a new measure starts in. */
enum measure_state measure_initial_state(const struct measure_input *);

/* As caseflow_check, for action a on f->m. */
enum case_verdict measure_check(const struct measure_facts *,
    enum measure_action a, const struct measure_input *in, struct verr *errs);
/* Bit mask (1 << action) of what measure_check allows without input. */
uint32_t measure_allowed(const struct measure_facts *);
/* The state after action a, which measure_check allowed. */
enum measure_state measure_next(const struct measure_facts *,
    enum measure_action a, const struct measure_input *in);

/* ---- arithmetic ------------------------------------------------------- */

/*
 * Days of a daily-penalty round: from the day after counted_from (the
 * correction order's service, or the previous re-inspection) to the
 * re-inspection day, both counted; calendar days (the violation does not
 * rest on holidays). 0 when the re-inspection is not after counted_from.
 */
int daily_penalty_days(gs_date counted_from, gs_date reinspected_on);
/* fine x days into *out; GS_ERROR on overflow or a negative operand. */
int daily_penalty_amount(int64_t fine_fen, int days, int64_t *out);
/* The sum of the decided rounds' amounts. */
int64_t daily_penalty_total(const struct measure_rec *);

/*
 * The last day of a seizure in force from start: days (+ the extension)
 * counted from the day after start, plus the testing days of excl up to
 * as_of, moved to the next working day (calendar.h). *running is set when
 * a testing span is still open (the end is then not yet known and the
 * day returned is a lower bound).
 */
gs_date seizure_end(const struct calendar *, gs_date start, int days,
    int extension_days, const struct date_span *excl, size_t nexcl,
    gs_date as_of, int *running);
/*
 * The last day of a production limit served on served: months (+ the
 * extension) later on the same day of the month (the month's last day when
 * it has none), moved to the next working day.
 */
gs_date limit_end(const struct calendar *, gs_date served, int months,
    int extension_months);
/* An instant plus hours. */
time_t instant_add_hours(time_t, int hours);

/* ---- clocks ----------------------------------------------------------- */

#define MEASURE_DEADLINES_MAX 8

/*
 * The deadlines of m as of as_of and now, in legal order: correction
 * service and re-inspection (daily penalty); approval, end, release
 * verification and release service (seizure); service, end, plan and
 * follow-up (limit, suspension); head decision, transfer and the police's
 * decision (transfers; the police's is a party period, never the bureau's
 * overdue work). A clock in hours carries due_at and goes overdue by the
 * instant.
 */
size_t measure_deadlines(const struct measure_rec *,
    const struct measure_rules *, const struct calendar *, gs_date as_of,
    time_t now, struct deadline out[MEASURE_DEADLINES_MAX]);

#endif
