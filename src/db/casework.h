/*
 * casework.h — the work lists of the case screens: a user's open cases,
 * the deadlines of those cases falling due or overdue, the day's
 * inspections, the queues of cases waiting for review or approval, and
 * the officers who may investigate. Deadline statuses are computed with
 * the bureau's holiday calendar and due-soon rule by core/deadline.c, the
 * same arithmetic as the case page.
 */
#ifndef GS_DB_CASEWORK_H
#define GS_DB_CASEWORK_H

#include <stddef.h>

#include "core/calendar.h"
#include "core/caseflow.h"
#include "core/deadline.h"
#include "db/db.h"

#define CASEWORK_ROWS_MAX 200

/* What a deadline's status is measured against. */
struct due_clock {
	gs_date today;
	int due_soon_wd; /* rule deadline.due_soon_working_days */
	struct calendar cal;
};

/* The clock of bureau on today (YYYY-MM-DD); free it with due_clock_free. */
enum db_result db_due_clock(struct db *, const char *bureau, const char *today,
    struct due_clock *);
void due_clock_free(struct due_clock *);
/* The status of an unmet deadline due on effective (0: suspended, open). */
enum deadline_status
due_clock_status(const struct due_clock *, gs_date effective);

/*
 * The open cases user investigates or proposed, soonest deadline first:
 * id, case_no, state, entity name, violation name, next due, updated_at,
 * total.
 */
enum db_result db_case_mine(struct db *, const char *bureau, const char *user,
    int limit, PGresult **rows);

/* One deadline of the work list. Text points into the result. */
struct work_deadline {
	const char *case_id;
	const char *case_no; /* NULL before filing */
	const char *entity_name;
	enum case_state state;
	enum deadline_kind kind;
	int working;
	gs_date due_on;
	gs_date effective_due_on;
	enum deadline_status status; /* DS_DUE_SOON or DS_OVERDUE */
};

struct work_deadlines {
	PGresult *res;
	struct work_deadline *items;
	size_t n;
};

/* The deadlines of user's open cases due soon or overdue on clock's day,
 * overdue first. */
enum db_result db_work_deadlines(struct db *, const char *bureau,
    const char *user, const struct due_clock *, struct work_deadlines *);
void work_deadlines_free(struct work_deadlines *);

/*
 * The inspections user is on, on day: id, entity id, entity name,
 * address, outcome, clue id, everyone on it.
 */
enum db_result db_inspections_of(struct db *, const char *bureau,
    const char *user, const char *day, PGresult **rows);

/*
 * The cases waiting in any of states (of squad, unless NULL), longest
 * waiting first: id, case_no, state, entity name, USCC, violation, squad,
 * proposer, since, next deadline kind, its due date, proposed fine, total.
 */
enum db_result
db_case_queue(struct db *, const char *bureau, const enum case_state *states,
    size_t nstates, const char *squad, int limit, PGresult **rows);

/* Who may be named an investigator: id, name, squad name, squad id,
 * certificate valid on day. */
enum db_result
db_officers(struct db *, const char *bureau, const char *day, PGresult **rows);

#endif
