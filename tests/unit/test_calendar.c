/*
 * test_calendar.c — dates and statutory periods against the real 2026
 * calendar of 国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04).
 */
#include <string.h>

#include "unit.h"
#include "cal2026.h"
#include "core/calendar.h"
#include "core/util.h"

GS_SUITE(calendar);

static void
assert_date(gs_date got, const char *want)
{
	char buf[GS_DATE_STRLEN];

	date_format(got, buf);
	cr_assert_str_eq(buf, want);
}

Test(calendar, epoch_and_known_day_numbers)
{
	cr_assert_eq(date_from_ymd(1970, 1, 1), 0);
	cr_assert_eq(date_from_ymd(1969, 12, 31), -1);
	/* 30 years of 365 days plus the 7 leap days 1972 ... 1996. */
	cr_assert_eq(date_from_ymd(2000, 1, 1), 10957);
	cr_assert_eq(date_from_ymd(1900, 1, 1), -25567);
	assert_date(10957, "2000-01-01");
	assert_date(-25567, "1900-01-01");
	assert_date(0, "1970-01-01");
}

Test(calendar, ymd_round_trip_over_the_whole_supported_range)
{
	gs_date day;
	int y, m, dd;

	/* Every day from 1900-01-01 to 2999-12-31. */
	for (day = date_from_ymd(1900, 1, 1);
	     day <= date_from_ymd(2999, 12, 31); day++) {
		date_to_ymd(day, &y, &m, &dd);
		cr_assert_eq(date_from_ymd(y, m, dd), day);
	}
	/*
	 * 1100 years of 365 days plus 275 years divisible by 4 less the 8
	 * centuries not divisible by 400 (1900, 2100-2300, 2500-2700, 2900):
	 * 401500 + 267 days, so the last is 401766 days after the first.
	 */
	cr_assert_eq(date_from_ymd(2999, 12, 31) - date_from_ymd(1900, 1, 1),
	    401766);
}

Test(calendar, parse_is_strict)
{
	gs_date day;

	cr_assert_eq(date_parse("2028-02-29", &day), GS_OK);
	assert_date(day, "2028-02-29");
	cr_assert_eq(date_parse("2000-02-29", &day), GS_OK);
	cr_assert_eq(date_parse("1900-01-01", &day), GS_OK);
	cr_assert_eq(date_parse("2999-12-31", &day), GS_OK);

	cr_assert_eq(date_parse("2026-02-29", &day), GS_ERROR);
	cr_assert_eq(date_parse("1900-02-29", &day), GS_ERROR); /* not leap */
	cr_assert_eq(date_parse("2026-04-31", &day), GS_ERROR);
	cr_assert_eq(date_parse("2026-13-01", &day), GS_ERROR);
	cr_assert_eq(date_parse("2026-00-10", &day), GS_ERROR);
	cr_assert_eq(date_parse("2026-01-00", &day), GS_ERROR);
	cr_assert_eq(date_parse("1899-12-31", &day), GS_ERROR);
	cr_assert_eq(date_parse("3000-01-01", &day), GS_ERROR);
	cr_assert_eq(date_parse("2026-1-01", &day), GS_ERROR);
	cr_assert_eq(date_parse("2026-01-1", &day), GS_ERROR);
	cr_assert_eq(date_parse("2026/01/01", &day), GS_ERROR);
	cr_assert_eq(date_parse("2026-01-01 ", &day), GS_ERROR);
	cr_assert_eq(date_parse(" 2026-01-01", &day), GS_ERROR);
	cr_assert_eq(date_parse("+026-01-01", &day), GS_ERROR);
	cr_assert_eq(date_parse("2026-01", &day), GS_ERROR);
	cr_assert_eq(date_parse("", &day), GS_ERROR);
	cr_assert_eq(date_parse("２０２６-01-01", &day), GS_ERROR);
}

Test(calendar, weekday_of_known_dates)
{
	cr_assert_eq(date_weekday(d("1970-01-01")), 4); /* Thursday */
	cr_assert_eq(date_weekday(d("2000-01-01")), 6); /* Saturday */
	cr_assert_eq(date_weekday(d("2026-10-01")), 4); /* Thursday */
	cr_assert_eq(date_weekday(d("2026-02-17")), 2); /* 春节, Tuesday */
	cr_assert_eq(date_weekday(d("2026-03-15")), 7); /* Sunday */
	cr_assert_eq(date_weekday(d("2026-03-16")), 1); /* Monday */
	cr_assert_eq(date_weekday(d("1969-12-31")), 3); /* Wednesday */
}

Test(calendar, instant_to_shanghai_date)
{
	/*
	 * 2026-11-22T16:00:00Z is 1795363200 (20779 days * 86400 + 16 h),
	 * midnight of the 23rd in Shanghai; one second earlier it is still
	 * the 22nd there.
	 */
	assert_date(date_of_instant_shanghai((time_t)1795363200), "2026-11-23");
	assert_date(date_of_instant_shanghai((time_t)1795363199), "2026-11-22");
	/* Before 1970: 1969-12-31T16:00:00Z is 1970-01-01 00:00 in Shanghai. */
	assert_date(date_of_instant_shanghai((time_t)-28800), "1970-01-01");
	assert_date(date_of_instant_shanghai((time_t)-28801), "1969-12-31");
}

Test(calendar, add_months_clamps_to_month_end)
{
	assert_date(date_add_months(d("2026-01-31"), 1), "2026-02-28");
	assert_date(date_add_months(d("2028-01-31"), 1), "2028-02-29");
	assert_date(date_add_months(d("2026-11-30"), 3), "2027-02-28");
	assert_date(date_add_months(d("2026-03-31"), -1), "2026-02-28");
	assert_date(date_add_months(d("2026-01-15"), -1), "2025-12-15");
	assert_date(date_add_months(d("2026-05-15"), 12), "2027-05-15");
	assert_date(date_add_months(d("2026-05-15"), 0), "2026-05-15");
}

Test(calendar, month_end_is_the_last_day_of_the_month)
{
	assert_date(date_month_end(d("2026-02-10")), "2026-02-28");
	assert_date(date_month_end(d("2024-02-01")), "2024-02-29");
	assert_date(date_month_end(d("2026-12-31")), "2026-12-31");
	assert_date(date_month_end(d("2026-04-30")), "2026-04-30");
	assert_date(date_month_end(d("2026-04-01")), "2026-04-30");
}

Test(calendar, workday_rules)
{
	struct calendar cal;

	calendar_2026(&cal);
	cr_assert_eq(cal.nholidays, 33); /* 3+9+3+5+3+3+7, dup dropped */
	cr_assert_eq(cal.nworkdays, 6);
	cr_assert(calendar_is_workday(&cal, d("2026-09-30")));     /* Wed */
	cr_assert_not(calendar_is_workday(&cal, d("2026-10-01"))); /* 国庆 */
	cr_assert_not(calendar_is_workday(&cal, d("2026-10-05"))); /* Mon */
	cr_assert_not(calendar_is_workday(&cal, d("2026-10-11"))); /* Sun */
	cr_assert(calendar_is_workday(&cal, d("2026-10-10"))); /* 调休 Sat */
	cr_assert(calendar_is_workday(&cal, d("2026-01-04"))); /* 调休 Sun */
	cr_assert_not(calendar_is_workday(&cal, d("2026-03-14"))); /* Sat */
	cr_assert(calendar_is_workday(&cal, d("2026-03-13")));     /* Fri */
	calendar_free(&cal);
}

Test(calendar, five_working_days_across_national_day)
{
	struct calendar cal;

	/*
	 * From Wed 2026-09-30: Oct 1-7 are holidays; Thu Oct 8 = 1,
	 * Fri Oct 9 = 2, make-up Sat Oct 10 = 3, Sun Oct 11 no,
	 * Mon Oct 12 = 4, Tue Oct 13 = 5.
	 */
	calendar_2026(&cal);
	assert_date(calendar_add_working_days(&cal, d("2026-09-30"), 5),
	    "2026-10-13");
	calendar_free(&cal);
}

Test(calendar, seven_working_days_across_makeup_sunday_and_mid_autumn)
{
	struct calendar cal;

	/*
	 * From Fri 2026-09-18: Sat 19 no, make-up Sun 20 = 1, Mon 21 = 2,
	 * Tue 22 = 3, Wed 23 = 4, Thu 24 = 5, Fri 25 - Sun 27 中秋 no,
	 * Mon 28 = 6, Tue 29 = 7.
	 */
	calendar_2026(&cal);
	assert_date(calendar_add_working_days(&cal, d("2026-09-18"), 7),
	    "2026-09-29");
	calendar_free(&cal);
}

Test(calendar, zero_and_one_working_days)
{
	struct calendar cal;

	calendar_2026(&cal);
	/* 0 is the start itself, even on a holiday. */
	assert_date(calendar_add_working_days(&cal, d("2026-10-03"), 0),
	    "2026-10-03");
	/* From Fri 2026-02-13: make-up Sat 14 is the next working day. */
	assert_date(calendar_add_working_days(&cal, d("2026-02-13"), 1),
	    "2026-02-14");
	/* From Sat 2026-02-14: Sun 15 - Mon 23 春节, Tue 24 = 1. */
	assert_date(calendar_add_working_days(&cal, d("2026-02-14"), 1),
	    "2026-02-24");
	calendar_free(&cal);
}

Test(calendar, period_ending_on_holiday_moves_to_next_workday)
{
	struct calendar cal;

	/* 2026-09-16 + 15 = 2026-10-01 (国庆); Oct 1-7 off; Thu Oct 8. */
	calendar_2026(&cal);
	assert_date(calendar_add_days(&cal, d("2026-09-16"), 15), "2026-10-08");
	calendar_free(&cal);
}

Test(calendar, period_ending_on_sunday_moves_to_monday)
{
	struct calendar cal;

	/* Sun 2026-03-01 + 14 = Sun 2026-03-15, no holiday near: Mon 16. */
	calendar_2026(&cal);
	assert_date(calendar_add_days(&cal, d("2026-03-01"), 14), "2026-03-16");
	calendar_free(&cal);
}

Test(calendar, period_ending_on_makeup_saturday_stays)
{
	struct calendar cal;

	/* 2026-09-30 + 10 = Sat 2026-10-10, a make-up working day. */
	calendar_2026(&cal);
	assert_date(calendar_add_days(&cal, d("2026-09-30"), 10), "2026-10-10");
	/* An ordinary working day is kept: Wed 2026-03-04 + 7 = Wed 03-11. */
	assert_date(calendar_add_days(&cal, d("2026-03-04"), 7), "2026-03-11");
	calendar_free(&cal);
}

Test(calendar, next_workday)
{
	struct calendar cal;

	calendar_2026(&cal);
	assert_date(calendar_next_workday(&cal, d("2026-09-30")), "2026-09-30");
	/* 元旦 2027 is not in this calendar: Fri 2027-01-01 is worked. */
	assert_date(calendar_next_workday(&cal, d("2027-01-01")), "2027-01-01");
	/* Sat 2026-05-02 in 劳动节 1-5; Wed 6 is the first day back. */
	assert_date(calendar_next_workday(&cal, d("2026-05-02")), "2026-05-06");
	calendar_free(&cal);
}

Test(calendar, working_days_between_across_national_day)
{
	struct calendar cal;

	calendar_2026(&cal);
	/* (Sep 30, Oct 10]: Oct 1-7 off, Thu 8, Fri 9, Sat 10 (调休) = 3. */
	cr_assert_eq(calendar_working_days_between(&cal, d("2026-09-30"),
	                 d("2026-10-10")),
	    3);
	/*
	 * (Sep 24, Oct 13]: Sep 25-27 off, Mon 28, Tue 29, Wed 30 = 3,
	 * Oct 1-7 off, 8, 9, 10, 12, 13 = 5, total 8.
	 */
	cr_assert_eq(calendar_working_days_between(&cal, d("2026-09-24"),
	                 d("2026-10-13")),
	    8);
	/* Agrees with add_working_days: 7 from Sep 18 is Sep 29. */
	cr_assert_eq(calendar_working_days_between(&cal, d("2026-09-18"),
	                 d("2026-09-29")),
	    7);
	/* Empty and reversed ranges. */
	cr_assert_eq(calendar_working_days_between(&cal, d("2026-10-13"),
	                 d("2026-10-13")),
	    0);
	cr_assert_eq(calendar_working_days_between(&cal, d("2026-10-13"),
	                 d("2026-09-30")),
	    0);
	calendar_free(&cal);
}

Test(calendar, empty_calendar_counts_weekdays_only)
{
	struct calendar cal;

	/* Without a holiday list 2026-10-01 is an ordinary Thursday. */
	calendar_init(&cal);
	calendar_finish(&cal);
	assert_date(calendar_add_working_days(&cal, d("2026-09-30"), 5),
	    "2026-10-07");
	cr_assert_eq(calendar_working_days_between(&cal, d("2026-09-30"),
	                 d("2026-10-10")),
	    7);
	calendar_free(&cal);
}

Test(calendar, many_holidays_grow_the_lists)
{
	struct calendar cal;
	gs_date day;

	/* All of 2027 a holiday except one make-up day per month. */
	calendar_init(&cal);
	for (day = d("2027-01-01"); day <= d("2027-12-31"); day++)
		calendar_add_holiday(&cal, day);
	for (day = d("2027-01-15"); day <= d("2027-12-15");
	     day = date_add_months(day, 1))
		calendar_add_workday(&cal, day);
	calendar_finish(&cal);
	cr_assert_eq(cal.nholidays, 365);
	cr_assert_eq(cal.nworkdays, 12);
	assert_date(calendar_next_workday(&cal, d("2027-01-16")), "2027-02-15");
	cr_assert_eq(calendar_working_days_between(&cal, d("2026-12-31"),
	                 d("2027-12-31")),
	    12);
	calendar_free(&cal);
}
