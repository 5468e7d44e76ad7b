/*
 * inspections.h — on-site inspections (现场检查): at least the rulebook's
 * number of officers, each with a certificate valid on the day (行政处罚法
 * art. 42), findings in Markdown, an outcome; linked to a clue or a draw.
 */
#ifndef GS_DB_INSPECTIONS_H
#define GS_DB_INSPECTIONS_H

#include "core/verr.h"
#include "db/db.h"

/* Columns of INSPECTION_COLS (sql.def), in order. */
enum inspection_col {
	INC_ID,
	INC_ENTITY_ID,
	INC_ENTITY_NAME,
	INC_ENTITY_USCC,
	INC_ENTITY_ADDRESS,
	INC_ENTITY_LEGAL_REP,
	INC_CLUE_ID,
	INC_DRAW_ID,
	INC_INSPECTED_ON,
	INC_FINDINGS_MD,
	INC_OUTCOME,
	INC_VERSION,
	INC_CREATED_AT,
	INC_OFFICER_NAMES,
	INC__MAX
};

#define INSPECTION_OFFICERS_MAX 16

struct inspection_new {
	const char *entity_id;
	const char *clue_id; /* or NULL */
	const char *draw_id; /* or NULL */
	const char *inspected_on;
	const char *const *inspector_ids;
	size_t ninspectors;
	const char *findings_md;
	const char *outcome;
};

struct inspection_filter {
	const char *entity_id;
	const char *on;
	const char *officer_id;
	const char *clue_id;
	int page, per_page;
};

const char *inspection_outcome_label(const char *code);

/*
 * Records an inspection with its officers (their certificate numbers as
 * valid that day) and marks an open clue as inspected. DB_INVALID with
 * errs naming the field, the officer and the problem.
 */
enum db_result db_inspection_create(struct db *, const struct db_actor *,
    const struct inspection_new *, const char *today, struct verr *errs,
    char id[40]);
/* One inspection (INSPECTION_COLS); DB_NOTFOUND for another bureau's. */
enum db_result db_inspection_get(struct db *, const char *bureau,
    const char *id, PGresult **row, PGresult **officers);
/* A page of inspections (INSPECTION_COLS then the total). */
enum db_result db_inspection_list(struct db *, const char *bureau,
    const struct inspection_filter *, PGresult **res);

#endif
