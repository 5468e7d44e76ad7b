/*
 * cal2026.h — the real 2026 holiday calendar of 国务院办公厅关于2026年部分
 * 节假日安排的通知 (2025-11-04), for the suites that count periods.
 */
#ifndef GS_TESTS_CAL2026_H
#define GS_TESTS_CAL2026_H

#include "core/calendar.h"
#include "core/util.h"

/* Holidays as ranges, make-up working days one by one. */
static const char *const holiday_ranges[][2] = {
	{ "2026-01-01", "2026-01-03" }, /* 元旦 */
	{ "2026-02-15", "2026-02-23" }, /* 春节 */
	{ "2026-04-04", "2026-04-06" }, /* 清明节 */
	{ "2026-05-01", "2026-05-05" }, /* 劳动节 */
	{ "2026-06-19", "2026-06-21" }, /* 端午节 */
	{ "2026-09-25", "2026-09-27" }, /* 中秋节 */
	{ "2026-10-01", "2026-10-07" }, /* 国庆节 */
};

static const char *const makeup_days[] = {
	"2026-01-04", /* Sunday */
	"2026-02-14", /* Saturday */
	"2026-02-28", /* Saturday */
	"2026-05-09", /* Saturday */
	"2026-09-20", /* Sunday */
	"2026-10-10", /* Saturday */
};

static gs_date
d(const char *s)
{
	gs_date date;

	cr_assert_eq(date_parse(s, &date), GS_OK, "bad test date %s", s);
	return (date);
}

/*
 * Added in reverse and with a duplicate, so the test also depends on
 * calendar_finish() sorting and de-duplicating.
 */
static void
calendar_2026(struct calendar *cal)
{
	size_t i;
	gs_date day;

	calendar_init(cal);
	for (i = GS_NELEM(holiday_ranges); i > 0; i--) {
		for (day = d(holiday_ranges[i - 1][0]);
		     day <= d(holiday_ranges[i - 1][1]); day++)
			calendar_add_holiday(cal, day);
	}
	calendar_add_holiday(cal, d("2026-10-01"));
	for (i = GS_NELEM(makeup_days); i > 0; i--)
		calendar_add_workday(cal, d(makeup_days[i - 1]));
	calendar_finish(cal);
}

#endif
