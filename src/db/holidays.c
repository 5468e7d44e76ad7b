/*
 * holidays.c — the holiday calendar (see holidays.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/holidays.h"
#include "db/pgarray.h"

enum db_result
db_holiday_year(struct db *d, const char *bureau, int year, PGresult **days,
    PGresult **status)
{
	char from[16], to[16], y[8];
	enum db_result r;

	*status = NULL;
	(void)snprintf(from, sizeof(from), "%04d-01-01", year);
	(void)snprintf(to, sizeof(to), "%04d-12-31", year);
	(void)snprintf(y, sizeof(y), "%d", year);
	if ((r = DB_QUERY(d, SQL_HOLIDAY_RANGE, days, bureau, from, to)) !=
	    DB_OK)
		return (r);
	if ((r = DB_QUERY(d, SQL_HOLIDAY_YEAR_GET, status, bureau, y)) !=
	    DB_OK) {
		PQclear(*days);
		*days = NULL;
	}
	return (r);
}

enum db_result
db_holiday_years(struct db *d, const char *bureau, PGresult **rows)
{
	return (DB_QUERY(d, SQL_HOLIDAY_YEARS, rows, bureau));
}

/* Checks one list: dates of the year, no repeats, none in other. */
static void
check_days(const struct holiday_day *days, size_t n, int year,
    const struct holiday_day *other, size_t nother, const char *field,
    struct verr *errs)
{
	gs_date dt;
	size_t i, j;
	int y, m, dd;

	for (i = 0; i < n; i++) {
		if (!date_parse(days[i].date, &dt)) {
			verr_add(errs, field, "日期格式应为 YYYY-MM-DD：%s",
			    days[i].date);
			return;
		}
		date_to_ymd(dt, &y, &m, &dd);
		if (y != year) {
			verr_add(errs, field, "%s 不在 %d 年内", days[i].date,
			    year);
			return;
		}
		for (j = 0; j < i; j++) {
			if (strcmp(days[i].date, days[j].date) == 0) {
				verr_add(errs, field, "%s 重复", days[i].date);
				return;
			}
		}
		for (j = 0; j < nother; j++) {
			if (strcmp(days[i].date, other[j].date) == 0) {
				verr_add(errs, field,
				    "%s 不能既是节假日又是调休工作日",
				    days[i].date);
				return;
			}
		}
	}
}

static enum db_result
insert_days(struct db *d, const char *bureau, const struct holiday_day *days,
    size_t n, const char *kind)
{
	struct pgarray dates, names;
	enum db_result r;
	size_t i;

	if (n == 0)
		return (DB_OK);
	pgarray_init(&dates);
	pgarray_init(&names);
	for (i = 0; i < n; i++) {
		pgarray_add(&dates, days[i].date);
		pgarray_add(&names, days[i].name);
	}
	r = DB_QUERY(d, SQL_HOLIDAY_INSERT, NULL, bureau,
	    pgarray_finish(&dates), kind, pgarray_finish(&names));
	pgarray_free(&dates);
	pgarray_free(&names);
	return (r);
}

enum db_result
db_holiday_replace(struct db *d, const struct db_actor *a,
    const struct holiday_year_input *in, struct verr *errs)
{
	char y[8];
	enum db_result r;

	check_days(in->holidays, in->nholidays, in->year, in->workdays,
	    in->nworkdays, "holidays", errs);
	check_days(in->workdays, in->nworkdays, in->year, NULL, 0, "workdays",
	    errs);
	if (in->note != NULL && utf8_length(in->note, strlen(in->note)) > 200)
		verr_add(errs, "note", "说明最多200个字");
	if (errs->n > 0)
		return (DB_INVALID);
	(void)snprintf(y, sizeof(y), "%d", in->year);
	if ((r = db_begin_write(d, a)) != DB_OK)
		return (r);
	if ((r = DB_QUERY(d, SQL_HOLIDAY_DELETE_YEAR, NULL, a->bureau_id, y)) ==
	        DB_OK &&
	    (r = insert_days(d, a->bureau_id, in->holidays, in->nholidays,
	         "holiday")) == DB_OK &&
	    (r = insert_days(d, a->bureau_id, in->workdays, in->nworkdays,
	         "workday")) == DB_OK)
		r = DB_QUERY(d, SQL_HOLIDAY_YEAR_SET, NULL, a->bureau_id, y,
		    in->provisional ? "true" : "false",
		    in->note ? in->note : "");
	if (r != DB_OK) {
		db_rollback(d);
		return (r);
	}
	return (db_commit(d));
}

void
calendar_read(const PGresult *res, int from, int to, int col,
    struct calendar *cal)
{
	gs_date dt;
	int i;

	calendar_init(cal);
	for (i = from; i < to; i++) {
		if (!date_parse(PQgetvalue(res, i, col), &dt))
			continue;
		if (strcmp(PQgetvalue(res, i, col + 1), "workday") == 0)
			calendar_add_workday(cal, dt);
		else
			calendar_add_holiday(cal, dt);
	}
	calendar_finish(cal);
}

enum db_result
db_calendar_load(struct db *d, const char *bureau, const char *from,
    const char *to, struct calendar *cal)
{
	PGresult *res;
	enum db_result r;

	calendar_init(cal);
	if ((r = DB_QUERY(d, SQL_HOLIDAY_RANGE, &res, bureau, from, to)) !=
	    DB_OK)
		return (r);
	calendar_read(res, 0, PQntuples(res), 0, cal);
	PQclear(res);
	return (DB_OK);
}

enum db_result
db_calendar_span(struct db *d, const char *bureau, gs_date from, gs_date to,
    struct calendar *cal)
{
	char a[GS_DATE_STRLEN], b[GS_DATE_STRLEN];

	date_format(from, a);
	date_format(to, b);
	return (db_calendar_load(d, bureau, a, b, cal));
}
