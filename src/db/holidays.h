/*
 * holidays.h — a bureau's holiday calendar, one year at a time.
 */
#ifndef GS_DB_HOLIDAYS_H
#define GS_DB_HOLIDAYS_H

#include "core/calendar.h"
#include "core/verr.h"
#include "db/db.h"

struct holiday_day {
	char date[GS_DATE_STRLEN];
	char name[64];
};

struct holiday_year_input {
	int year;
	struct holiday_day *holidays;
	size_t nholidays;
	struct holiday_day *workdays;
	size_t nworkdays;
	int provisional;
	const char *note;
};

/* Days of the year (date, kind, name) and the year's status row. */
enum db_result db_holiday_year(struct db *, const char *bureau, int year,
    PGresult **days, PGresult **status);
/* Years the calendar covers (year, provisional). */
enum db_result
db_holiday_years(struct db *, const char *bureau, PGresult **rows);
/*
 * Replaces the whole year. DB_INVALID with errs when a date is outside
 * the year, repeated, or both a holiday and a make-up working day.
 */
enum db_result db_holiday_replace(struct db *, const struct db_actor *,
    const struct holiday_year_input *, struct verr *errs);
/*
 * The calendar of rows [from, to) of res, whose columns col and col + 1
 * are the day (YYYY-MM-DD) and its kind (holiday or workday): finished.
 */
void calendar_read(const PGresult *, int from, int to, int col,
    struct calendar *cal);
/* Loads the calendar of [from, to] into cal (finished). */
enum db_result db_calendar_load(struct db *, const char *bureau,
    const char *from, const char *to, struct calendar *cal);
/* The same for days as gs_date. */
enum db_result db_calendar_span(struct db *, const char *bureau, gs_date from,
    gs_date to, struct calendar *cal);

#endif
