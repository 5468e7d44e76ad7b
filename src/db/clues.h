/*
 * clues.h — clues (线索): registered with their source, assigned to a
 * squad or officer, closed with an outcome. A clue not acted on by its
 * filing-decision day (stored at registration from the rulebook and the
 * holiday calendar) is overdue.
 */
#ifndef GS_DB_CLUES_H
#define GS_DB_CLUES_H

#include "core/calendar.h"
#include "core/deadline.h"
#include "core/verr.h"
#include "core/caseflow.h"
#include "db/db.h"

/* Columns of CLUE_COLS (sql.def), in order. */
enum clue_col {
	CLC_ID,
	CLC_SOURCE,
	CLC_ENTITY_ID,
	CLC_ENTITY_NAME,
	CLC_RECEIVED_ON,
	CLC_SUMMARY,
	CLC_SQUAD_ID,
	CLC_SQUAD_NAME,
	CLC_ASSIGNEE_ID,
	CLC_ASSIGNEE_NAME,
	CLC_OUTCOME,
	CLC_OUTCOME_ON,
	CLC_OUTCOME_NOTE,
	CLC_FILING_DUE_ON,
	CLC_VERSION,
	CLC_CREATED_AT,
	CLC__MAX
};

struct clue_new {
	const char *source;
	const char *entity_id;   /* or NULL */
	const char *entity_name; /* as reported, when entity_id is NULL */
	const char *received_on;
	const char *summary;
	const char *squad_id;    /* or NULL */
	const char *assignee_id; /* or NULL */
};

struct clue_filter {
	int open;           /* only clues without an outcome */
	int overdue;        /* only open clues past their filing day */
	const char *source; /* or NULL */
	const char *assignee_id;
	const char *squad_id;
	const char *q; /* summary or party */
	int page, per_page;
};

/* What a clue's status is computed against: the calendar around today. */
struct clue_clock {
	struct calendar cal;
	gs_date today;
	int due_soon_wd;
};

const char *clue_outcome_label(const char *code);

/* Registers a clue; its filing day is computed here. */
enum db_result db_clue_create(struct db *, const struct db_actor *,
    const struct clue_new *, const char *today, struct verr *errs, char id[40]);
/* One clue (CLUE_COLS); DB_NOTFOUND for another bureau's. */
enum db_result
db_clue_get(struct db *, const char *bureau, const char *id, PGresult **res);
/* A page of clues (CLUE_COLS then the total). */
enum db_result db_clue_list(struct db *, const char *bureau,
    const struct clue_filter *, const char *today, PGresult **res);
/* Assigns to a squad and/or an officer of the bureau; stale → conflict. */
enum db_result db_clue_assign(struct db *, const struct db_actor *,
    const char *id, int64_t version, const char *squad_id,
    const char *assignee_id, struct verr *errs);
/* Records what became of an open clue; a closed one → DB_CONFLICT. */
enum db_result
db_clue_outcome(struct db *, const struct db_actor *, const char *id,
    int64_t version, const char *outcome, const char *outcome_on,
    const char *note, const char *today, struct verr *errs);

enum db_result db_clue_clock_load(struct db *, const char *bureau,
    const char *today, struct clue_clock *);
void clue_clock_free(struct clue_clock *);
/* The filing-decision clock of the clue in row of res. */
enum deadline_status
clue_status(const struct clue_clock *, const PGresult *res, int row);

#endif
