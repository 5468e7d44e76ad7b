/*
 * casework.c — the work lists of the case screens (see casework.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/casework.h"
#include "db/holidays.h"
#include "db/pgarray.h"
#include "db/rulebook.h"

/* The far end of the calendar a work list needs: decision periods of
 * 90 days with extensions and suspensions. */
#define CLOCK_DAYS_AHEAD 800

enum db_result
db_due_clock(struct db *d, const char *bureau, const char *today,
    struct due_clock *c)
{
	char to[GS_DATE_STRLEN];
	int64_t wd;
	enum db_result r;

	memset(c, 0, sizeof(*c));
	calendar_init(&c->cal);
	if (!date_parse(today, &c->today))
		return (DB_INVALID);
	if ((r = db_rule_value(d, bureau, "deadline.due_soon_working_days",
	         today, &wd)) != DB_OK)
		return (r);
	c->due_soon_wd = (int)wd;
	date_format(c->today + CLOCK_DAYS_AHEAD, to);
	return (db_calendar_load(d, bureau, today, to, &c->cal));
}

void
due_clock_free(struct due_clock *c)
{
	calendar_free(&c->cal);
}

enum deadline_status
due_clock_status(const struct due_clock *c, gs_date effective)
{
	if (effective == 0)
		return (DS_OPEN);
	return (deadline_status_of(&c->cal, c->today, effective, 0,
	    c->due_soon_wd));
}

/* The final states, as a text[] literal: "open" is everything else. */
static const char *
final_states(struct pgarray *a)
{
	int s;

	pgarray_init(a);
	for (s = 0; s < CS__MAX; s++) {
		if (case_state_final((enum case_state)s))
			pgarray_add(a, case_state_code((enum case_state)s));
	}
	return (pgarray_finish(a));
}

enum db_result
db_case_mine(struct db *d, const char *bureau, const char *user, int limit,
    PGresult **rows)
{
	struct pgarray finals;
	char lim[16];
	enum db_result r;

	(void)snprintf(lim, sizeof(lim), "%d", limit);
	r = DB_QUERY(d, SQL_CASE_MINE_OPEN, rows, bureau, user,
	    final_states(&finals), lim);
	pgarray_free(&finals);
	return (r);
}

static gs_date
value_date(const PGresult *res, int row, int col)
{
	const char *v = db_value(res, row, col);
	gs_date day;

	return (v != NULL && date_parse(v, &day) ? day : 0);
}

/* Overdue before due soon, then by date (the query's order). */
static int
work_deadline_cmp(const void *a, const void *b)
{
	const struct work_deadline *x = a, *y = b;

	if (x->status != y->status)
		return (x->status == DS_OVERDUE ? -1 : 1);
	return ((x->effective_due_on > y->effective_due_on) -
	    (x->effective_due_on < y->effective_due_on));
}

enum db_result
db_work_deadlines(struct db *d, const char *bureau, const char *user,
    const struct due_clock *c, struct work_deadlines *out)
{
	struct work_deadline *w;
	struct pgarray finals;
	char last[GS_DATE_STRLEN];
	enum db_result r;
	int row;

	memset(out, 0, sizeof(*out));
	/* Anything due after the due-soon window is neither. */
	date_format(calendar_add_working_days(&c->cal, c->today,
	                c->due_soon_wd),
	    last);
	r = DB_QUERY(d, SQL_CASE_DEADLINES_MINE, &out->res, bureau, user,
	    final_states(&finals), last);
	pgarray_free(&finals);
	if (r != DB_OK)
		return (r);
	if (PQntuples(out->res) > 0)
		out->items =
		    xcalloc((size_t)PQntuples(out->res), sizeof(*out->items));
	for (row = 0; row < PQntuples(out->res); row++) {
		w = &out->items[out->n];
		w->case_id = db_value(out->res, row, 0);
		w->case_no = db_value(out->res, row, 1);
		w->state = case_state_from(db_value(out->res, row, 2));
		w->entity_name = db_value(out->res, row, 3);
		w->kind = deadline_kind_from(db_value(out->res, row, 4));
		w->working = db_bool(db_value(out->res, row, 5));
		w->due_on = value_date(out->res, row, 6);
		w->effective_due_on = value_date(out->res, row, 7);
		w->status = due_clock_status(c, w->effective_due_on);
		if (w->kind != DK__MAX &&
		    (w->status == DS_OVERDUE || w->status == DS_DUE_SOON))
			out->n++;
	}
	if (out->n > 1)
		qsort(out->items, out->n, sizeof(*out->items),
		    work_deadline_cmp);
	return (DB_OK);
}

void
work_deadlines_free(struct work_deadlines *w)
{
	if (w->res != NULL)
		PQclear(w->res);
	free(w->items);
	memset(w, 0, sizeof(*w));
}

enum db_result
db_inspections_of(struct db *d, const char *bureau, const char *user,
    const char *day, PGresult **rows)
{
	return (
	    DB_QUERY(d, SQL_INSPECTIONS_OF_OFFICER, rows, bureau, user, day));
}

enum db_result
db_case_queue(struct db *d, const char *bureau, const enum case_state *states,
    size_t nstates, const char *squad, int limit, PGresult **rows)
{
	struct pgarray codes;
	char lim[16];
	enum db_result r;
	size_t i;

	pgarray_init(&codes);
	for (i = 0; i < nstates; i++)
		pgarray_add(&codes, case_state_code(states[i]));
	(void)snprintf(lim, sizeof(lim), "%d", limit);
	r = DB_QUERY(d, SQL_CASE_QUEUE, rows, bureau, pgarray_finish(&codes),
	    lim, squad);
	pgarray_free(&codes);
	return (r);
}

enum db_result
db_officers(struct db *d, const char *bureau, const char *day, PGresult **rows)
{
	return (DB_QUERY(d, SQL_OFFICERS_ACTIVE, rows, bureau, day));
}
