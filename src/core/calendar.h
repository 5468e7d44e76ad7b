/*
 * calendar.h — dates and the statutory clock's arithmetic.
 *
 * A date is a day number (days since 1970-01-01) in the bureau's time
 * zone, Asia/Shanghai. Working days come from a holiday calendar: a day is
 * a working day when it is Monday to Friday and not a declared holiday, or
 * when it is a declared make-up working day (调休上班), whatever its
 * weekday. Periods follow 行政处罚法 art. 85 and 行政强制法 art. 69 as the
 * rulebook types them: the start day is never counted, and a period whose
 * last day is not a working day ends on the next working day.
 * Pure: no Kore, no libpq, no globals.
 */
#ifndef GS_CORE_CALENDAR_H
#define GS_CORE_CALENDAR_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

typedef int32_t gs_date;

#define GS_DATE_STRLEN 11 /* "YYYY-MM-DD" and NUL */

/* Strict YYYY-MM-DD (years 1900-2999), a real calendar date. */
int date_parse(const char *, gs_date *);
void date_format(gs_date, char out[GS_DATE_STRLEN]);
gs_date date_from_ymd(int y, int m, int d);
void date_to_ymd(gs_date, int *y, int *m, int *d);
/* ISO weekday: 1 = Monday ... 7 = Sunday. */
int date_weekday(gs_date);
/* The date in Asia/Shanghai (UTC+8 since 1991, no DST) at instant t. */
gs_date date_of_instant_shanghai(time_t t);
/* Same day of month n months later, clamped to the month's last day. */
gs_date date_add_months(gs_date, int n);
/* The last day of the month d is in. */
gs_date date_month_end(gs_date d);

/*
 * Instants (clocks counted in hours: an emergency seizure's approval, a
 * criminal transfer). Read from ISO 8601 with seconds optional and an
 * offset or Z ("2026-12-04T09:30+08:00"); written in Asia/Shanghai
 * ("2026-12-04T09:30:00+08:00").
 */
#define GS_INSTANT_STRLEN 26
int instant_parse(const char *, time_t *);
void instant_format(time_t, char out[GS_INSTANT_STRLEN]);
/* Midnight starting day d in Asia/Shanghai. */
time_t instant_of_date_shanghai(gs_date d);

struct calendar {
	gs_date *holidays; /* sorted, unique */
	size_t nholidays;
	gs_date *workdays; /* make-up working days, sorted, unique */
	size_t nworkdays;
};

void calendar_init(struct calendar *);
void calendar_free(struct calendar *);
void calendar_add_holiday(struct calendar *, gs_date);
void calendar_add_workday(struct calendar *, gs_date);
/* Sorts and de-duplicates; call after adding, before querying. */
void calendar_finish(struct calendar *);

int calendar_is_workday(const struct calendar *, gs_date);
/* d itself when it is a working day, else the next working day. */
gs_date calendar_next_workday(const struct calendar *, gs_date);
/* The n-th working day after start (start not counted); n >= 0. */
gs_date
calendar_add_working_days(const struct calendar *, gs_date start, int n);
/*
 * start + n calendar days (start not counted), moved to the next working
 * day when that day is a weekend or holiday.
 */
gs_date calendar_add_days(const struct calendar *, gs_date start, int n);
/* Working days in (from, to]: after from, up to and including to. */
int calendar_working_days_between(const struct calendar *, gs_date from,
    gs_date to);

#endif
