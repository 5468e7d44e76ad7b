/*
 * deadline.h — the statutory clocks of a case (domain.md section 3): which
 * deadlines apply, when each falls due by law and after suspensions, and
 * whether it is open, due soon, overdue or met.
 */
#ifndef GS_CORE_DEADLINE_H
#define GS_CORE_DEADLINE_H

#include <stddef.h>
#include <time.h>

#include "core/calendar.h"
#include "core/money.h"

enum deadline_kind {
	DK_FILING_DECISION,
	DK_STATEMENT,
	DK_HEARING_REQUEST,
	DK_DECISION,
	DK_SERVICE,
	DK_PAYMENT,
	DK_DISCLOSURE,
	/* The clocks of supporting measures and transfers (core/measure.h). */
	DK_CORRECTION_SERVICE,
	DK_REINSPECTION,
	DK_SEIZURE_APPROVAL,
	DK_SEIZURE_END,
	DK_RELEASE_VERIFICATION,
	DK_SEIZURE_RELEASE,
	DK_LIMIT_SERVICE,
	DK_LIMIT_END,
	DK_RECTIFICATION_PLAN,
	DK_FOLLOW_UP_INSPECTION,
	DK_TRANSFER_APPROVAL,
	DK_TRANSFER,
	DK_POLICE_DECISION,
	DK__MAX
};

enum deadline_status {
	DS_OPEN,
	DS_DUE_SOON,
	DS_OVERDUE,
	DS_MET,
	DS__MAX
};

struct deadline {
	enum deadline_kind kind;
	int party;      /* the party's period: runs out, never overdue */
	int working;    /* counted in working days */
	gs_date due_on; /* by law, with approved extensions */
	gs_date effective_due_on; /* after suspension intervals */
	gs_date met_on;           /* 0 while not met */
	time_t due_at; /* a clock in hours: the instant; 0 for days */
	enum deadline_status status;
};

/* Rulebook values, in their units (see rule_def). */
struct clock_rules {
	int filing_days;
	int decision_days;
	int statement_working_days;
	int hearing_request_working_days;
	int service_working_days;
	int payment_days;
	int disclosure_working_days;
	int due_soon_working_days;
};

/* What has happened in the case; 0 where it has not (yet). */
struct case_dates {
	gs_date received_on;       /* the clue, else when discovered */
	gs_date filing_decided_on; /* filed or refused */
	gs_date filed_on;
	int filing_extension_days;
	int decision_extension_days;
	const struct date_span *suspensions; /* of the decision clock */
	size_t nsuspensions;
	gs_date notice_served_on;
	int hearing_eligible;
	gs_date rights_ended_on; /* the case moved past the notice */
	gs_date decided_on;
	int penalty;  /* outcome is a penalty */
	int fine_due; /* a fine to pay */
	gs_date served_on;
	gs_date paid_in_full_on;
	gs_date published_on;
	int ended; /* revoked or not filed: unmet clocks stop */
};

const char *deadline_kind_code(enum deadline_kind);
const char *deadline_kind_label(enum deadline_kind);
enum deadline_kind deadline_kind_from(const char *); /* DK__MAX when unknown */
const char *deadline_status_code(enum deadline_status);
const char *deadline_status_label(enum deadline_status);

/* Status of one deadline as of a date. */
enum deadline_status deadline_status_of(const struct calendar *, gs_date as_of,
    gs_date effective_due, gs_date met_on, int due_soon_wd);

/*
 * Suspended days of spans [from, to) up to as_of (a running span counts
 * through as_of).
 */
int suspended_days(const struct date_span *, size_t, gs_date as_of);

/* The deadlines that apply to the case as of as_of, in legal order. */
size_t case_deadlines(const struct case_dates *, const struct clock_rules *,
    const struct calendar *, gs_date as_of, struct deadline out[DK__MAX]);

#endif
