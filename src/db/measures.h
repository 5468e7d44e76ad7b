/*
 * measures.h — the services of supporting measures and transfers to the
 * police: propose, read (with clocks and allowed actions as of a date),
 * act. The decisions are core/measure.c's; this layer gathers the facts
 * (the measure, its case as the acting user sees it, the rulebook, the
 * holiday calendar) and applies the outcome in one transaction that locks
 * the case row first, like every writer of a case.
 */
#ifndef GS_DB_MEASURES_H
#define GS_DB_MEASURES_H

#include <stdint.h>
#include <time.h>

#include "core/caseinput.h"
#include "core/measure.h"
#include "db/cases.h"

/* One measure as read, typed; text points into the PGresult. */
struct measure_view {
	const char *id;
	const char *case_id;
	const char *doc_no;
	const char *facts_md;
	const char *place;
	const char *police_agency;
	const char *end_reason;
	const char *created_by;
	const char *approved_by;
	const char *created_at;
	const char *updated_at;
	int64_t version;
	struct measure_rec m;
	struct deadline deadlines[MEASURE_DEADLINES_MAX];
	size_t ndeadlines;
	uint32_t allowed;           /* measure_allowed() for the reader */
	char doc_no_buf[DOCNO_LEN]; /* a number issued in this transaction */
};

/* The measures of one case (or the one measure of a page). */
struct measure_list {
	PGresult *rows;
	struct measure_view *items;
	size_t n;
	struct measure_rules rules;
};

void measure_list_free(struct measure_list *);

/*
 * The measures of the case cv shows, with their clocks as of cv->as_of
 * and now, and what the actor cv was read for may do with each.
 */
enum db_result db_case_measures(struct db *, const struct case_actor *,
    const struct case_view *cv, time_t now, struct measure_list *out);

/* A measure's page: its case, itself and what hangs from it. */
struct measure_page {
	struct case_view cv;
	struct measure_list l; /* one item */
	PGresult *officers;    /* SQL_MEASURE_OFFICERS */
	PGresult *items;       /* SQL_MEASURE_ITEMS */
	PGresult *persons;     /* SQL_MEASURE_PERSONS */
	PGresult *events;      /* SQL_MEASURE_EVENTS */
	PGresult *documents;   /* SQL_MEASURE_DOCUMENTS */
};

/* The measure id as of as_of (YYYY-MM-DD); DB_NOTFOUND outside the
 * bureau. */
enum db_result db_measure_page(struct db *, const struct case_actor *,
    const char *id, const char *as_of, time_t now, struct measure_page *);
void measure_page_free(struct measure_page *);

/* The answer of a proposal or an action beyond enum db_result. */
struct measure_act_result {
	enum case_verdict verdict;
	int stale;        /* the version was not the current one */
	uint32_t allowed; /* on a refusal: what this user may do now */
};

/*
 * Proposes b (a measure, or a transfer when its kind is one) in case
 * case_id, with detail (the body as JSON) in its history. DB_OK and its id;
 * otherwise the refusal in res and errs (DB_INVALID: 403 or 422 by
 * res->verdict; DB_NOTFOUND: no such case).
 */
enum db_result
db_measure_create(struct db *, const struct case_actor *, const char *case_id,
    const struct measure_body *b, const char *detail, const char *today,
    time_t now, struct measure_act_result *res, struct verr *errs, char id[40]);

/*
 * Takes action a on measure id at b->version, which must be a transfer
 * when transfer is set and a measure otherwise (DB_NOTFOUND if not).
 * DB_OK when done; otherwise DB_CONFLICT (wrong state, or res->stale),
 * DB_INVALID (403 or 422 by res->verdict, errs), DB_NOTFOUND.
 */
enum db_result db_measure_act(struct db *, const struct case_actor *,
    const char *id, int transfer, enum measure_action a,
    const struct measure_body *b, const char *detail, const char *today,
    time_t now, struct measure_act_result *res, struct verr *errs);

#endif
