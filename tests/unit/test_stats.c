/*
 * test_stats.c — the statistics report from what the database counted:
 * totals and groups, the supporting-measure total as the sum of its five
 * kinds, the average fine, months of the year before matched to the
 * range's, and the change in per mille. Every expected number is worked
 * out in the comment above it.
 */
#include <stdio.h>
#include <string.h>

#include "unit.h"
#include "core/stats.h"

GS_SUITE(stats);

static gs_date
d(const char *s)
{
	gs_date day;

	cr_assert(date_parse(s, &day), "bad test date %s", s);
	return (day);
}

static const struct stat_group *
group(const struct stat_report *r, const char *key)
{
	size_t i;

	for (i = 0; i < r->ngroups; i++) {
		if (strcmp(r->groups[i].key, key) == 0)
			return (&r->groups[i]);
	}
	return (NULL);
}

/*
 * 2026 by month. Five cases filed: two in January, three in March. One
 * case had seizures in January and in March: once in each month, once in
 * the year. One case had a daily penalty in March, one a criminal
 * transfer in March. The year before: four filed in January 2025 and
 * seven in February 2025, a month 2026 has none of.
 */
static void
month_report(struct stat_report *r)
{
	stats_init(r, d("2026-01-01"), d("2026-12-31"), SG_MONTH);
	cr_assert(stats_add(r, 0, NULL, "cases_filed", 5));
	cr_assert(stats_add(r, 0, "2026-03", "cases_filed", 3));
	cr_assert(stats_add(r, 0, "2026-01", "cases_filed", 2));
	cr_assert(stats_add(r, 0, NULL, "seizure_cases", 1));
	cr_assert(stats_add(r, 0, "2026-01", "seizure_cases", 1));
	cr_assert(stats_add(r, 0, "2026-03", "seizure_cases", 1));
	cr_assert(stats_add(r, 0, NULL, "daily_penalty_cases", 1));
	cr_assert(stats_add(r, 0, "2026-03", "daily_penalty_cases", 1));
	cr_assert(stats_add(r, 0, NULL, "criminal_transfer_cases", 1));
	cr_assert(stats_add(r, 0, "2026-03", "criminal_transfer_cases", 1));
	cr_assert(stats_add(r, 0, NULL, "penalty_decisions", 2));
	cr_assert(stats_add(r, 0, NULL, "fines_fen", 3000001));
	cr_assert(stats_add(r, 0, NULL, "clues.patrol", 4));
	cr_assert(stats_add(r, 0, NULL, "clues.media", 1));
	cr_assert(stats_add(r, 0, NULL, "credit.red", 3));
	cr_assert(stats_add(r, 0, "2026-01", "credit.red", 3));
	cr_assert(stats_add(r, 1, NULL, "cases_filed", 11));
	cr_assert(stats_add(r, 1, "2025-01", "cases_filed", 4));
	cr_assert(stats_add(r, 1, "2025-02", "cases_filed", 7));
	stats_finish(r, NULL, NULL);
}

Test(stats, the_supporting_total_is_the_sum_of_the_five_kinds)
{
	struct stat_report r;

	month_report(&r);
	/* Year: seizure 1 + daily 1 + criminal 1 = 3 (one case, two months
	 * of seizures, is one seizure case). */
	cr_expect_eq(r.total.v[SF_SUPPORTING_MEASURE_CASES], 3);
	/* March: seizure 1 + daily 1 + criminal 1 = 3; January: 1. The
	 * months add up to 4, more than the year's 3, by design. */
	cr_expect_eq(group(&r, "2026-03")->cur.v[SF_SUPPORTING_MEASURE_CASES],
	    3);
	cr_expect_eq(group(&r, "2026-01")->cur.v[SF_SUPPORTING_MEASURE_CASES],
	    1);
	/* Clues in all: 4 + 1. */
	cr_expect_eq(r.total.v[SF_CLUES], 5);
	stats_free(&r);
}

Test(stats, the_average_fine_is_rounded_half_up_to_the_fen)
{
	struct stat_report r;

	month_report(&r);
	/* 3,000,001 fen / 2 decisions = 1,500,000.5: 1,500,001 fen. */
	cr_expect_eq(r.total.v[SF_AVERAGE_FINE_FEN], 1500001);
	/* No decision, no average (not a division by zero). */
	cr_expect_eq(group(&r, "2026-01")->cur.v[SF_AVERAGE_FINE_FEN], 0);
	stats_free(&r);
}

Test(stats, the_problem_found_rate_is_per_mille_of_the_inspections)
{
	struct stat_report r;
	char text[48];

	stats_init(&r, d("2026-01-01"), d("2026-12-31"), SG_MONTH);
	cr_assert(stats_add(&r, 0, NULL, "double_random_inspections", 8));
	cr_assert(stats_add(&r, 0, NULL, "double_random_problems", 3));
	cr_assert(stats_add(&r, 1, NULL, "double_random_inspections", 6));
	cr_assert(stats_add(&r, 1, NULL, "double_random_problems", 1));
	/* Draws have no groups: a month's row is dropped. */
	cr_assert(stats_add(&r, 0, "2026-01", "double_random_problems", 3));
	stats_finish(&r, NULL, NULL);
	/* 3 / 8 = 375 per mille; 1 / 6 = 166.67, half up: 167. */
	cr_expect_eq(r.total.v[SF_DOUBLE_RANDOM_PROBLEM_RATE], 375);
	cr_expect_eq(r.prev_total.v[SF_DOUBLE_RANDOM_PROBLEM_RATE], 167);
	cr_expect_eq(group(&r, "2026-01")->cur.v[SF_DOUBLE_RANDOM_PROBLEMS], 0);
	stats_value_text(SF_DOUBLE_RANDOM_PROBLEM_RATE, 375, text,
	    sizeof(text));
	cr_expect_str_eq(text, "37.5%");
	/* Draws have a year before; today's grades do not. */
	cr_expect_not(stat_figure_def(SF_DOUBLE_RANDOM_PROBLEM_RATE)->snapshot);
	cr_expect(stat_figure_def(SF_CREDIT_RED)->snapshot);
	stats_free(&r);
	/* No inspection, no rate (not a division by zero). */
	stats_init(&r, d("2026-01-01"), d("2026-12-31"), SG_NONE);
	stats_finish(&r, NULL, NULL);
	cr_expect_eq(r.total.v[SF_DOUBLE_RANDOM_PROBLEM_RATE], 0);
	stats_free(&r);
}

Test(stats, months_of_the_year_before_meet_the_same_months)
{
	struct stat_report r;

	month_report(&r);
	/* Every month of 2026, in order, the quiet ones too. */
	cr_assert_eq(r.ngroups, 12);
	cr_expect_str_eq(r.groups[0].key, "2026-01");
	cr_expect_str_eq(r.groups[0].label, "2026年1月");
	cr_expect_str_eq(r.groups[11].key, "2026-12");
	/* January 2026 compares with January 2025 (2 against 4); February
	 * had nothing in 2026 and 7 in 2025; March 3 against nothing. */
	cr_expect_eq(group(&r, "2026-01")->cur.v[SF_CASES_FILED], 2);
	cr_expect_eq(group(&r, "2026-01")->prev.v[SF_CASES_FILED], 4);
	cr_expect_eq(group(&r, "2026-02")->cur.v[SF_CASES_FILED], 0);
	cr_expect_eq(group(&r, "2026-02")->prev.v[SF_CASES_FILED], 7);
	cr_expect_eq(group(&r, "2026-03")->prev.v[SF_CASES_FILED], 0);
	cr_expect_eq(r.prev_total.v[SF_CASES_FILED], 11);
	/* Today's credit grades are a total only. */
	cr_expect_eq(r.total.v[SF_CREDIT_RED], 3);
	cr_expect_eq(group(&r, "2026-01")->cur.v[SF_CREDIT_RED], 0);
	stats_free(&r);
}

Test(stats, a_range_of_part_of_a_year_has_its_own_months)
{
	struct stat_report r;

	/* 15 November to 10 February: November, December, January,
	 * February. */
	stats_init(&r, d("2025-11-15"), d("2026-02-10"), SG_MONTH);
	cr_assert_eq(r.ngroups, 4);
	cr_expect_str_eq(r.groups[0].key, "2025-11");
	cr_expect_str_eq(r.groups[3].key, "2026-02");
	stats_free(&r);
}

static void
squad_name(const char *key, char *out, size_t len, void *arg)
{
	(void)arg;
	(void)snprintf(out, len, "%s",
	    *key == '\0'              ? "未分配中队" :
	        strcmp(key, "a") == 0 ? "一中队" :
	                                "二中队");
}

Test(stats, groups_other_than_months_go_largest_first_with_their_labels)
{
	struct stat_report r;

	stats_init(&r, d("2026-01-01"), d("2026-06-30"), SG_SQUAD);
	cr_assert(stats_add(&r, 0, "a", "cases_filed", 2));
	cr_assert(stats_add(&r, 0, "b", "cases_filed", 5));
	cr_assert(stats_add(&r, 0, "", "cases_filed", 2));
	cr_assert(stats_add(&r, 1, "b", "cases_filed", 4));
	/* A squad with cases only the year before is shown, at 0. */
	cr_assert(stats_add(&r, 1, "c", "cases_filed", 6));
	stats_finish(&r, squad_name, NULL);
	cr_assert_eq(r.ngroups, 4);
	/* 5, then the two 2s by key: "" before "a". */
	cr_expect_str_eq(r.groups[0].label, "二中队");
	cr_expect_str_eq(r.groups[1].label, "未分配中队");
	cr_expect_str_eq(r.groups[2].label, "一中队");
	cr_expect_str_eq(r.groups[3].key, "c");
	cr_expect_eq(r.groups[3].prev.v[SF_CASES_FILED], 6);
	cr_expect_eq(r.groups[0].prev.v[SF_CASES_FILED], 4);
	stats_free(&r);
}

Test(stats, an_unknown_figure_is_an_error_and_no_grouping_keeps_totals)
{
	struct stat_report r;

	stats_init(&r, d("2026-01-01"), d("2026-01-31"), SG_NONE);
	cr_expect_not(stats_add(&r, 0, NULL, "cases_invented", 1));
	cr_expect(stats_add(&r, 0, "", "cases_filed", 1));
	cr_expect(stats_add(&r, 0, NULL, "cases_filed", 1));
	stats_finish(&r, NULL, NULL);
	cr_expect_eq(r.ngroups, 0);
	cr_expect_eq(r.total.v[SF_CASES_FILED], 1);
	stats_free(&r);
}

Test(stats, the_year_before_keeps_the_day_or_the_last_of_february)
{
	gs_date f, t;

	stats_prev_range(d("2024-02-29"), d("2024-03-31"), &f, &t);
	cr_expect_eq(f, d("2023-02-28"));
	cr_expect_eq(t, d("2023-03-31"));
	stats_prev_range(d("2026-01-01"), d("2026-12-31"), &f, &t);
	cr_expect_eq(f, d("2025-01-01"));
	cr_expect_eq(t, d("2025-12-31"));
	/* February 2025 against the whole of February 2024, 29th too; a
	 * range ending mid-month keeps its day. */
	stats_prev_range(d("2025-02-01"), d("2025-02-28"), &f, &t);
	cr_expect_eq(f, d("2024-02-01"));
	cr_expect_eq(t, d("2024-02-29"));
	stats_prev_range(d("2025-01-01"), d("2025-02-27"), &f, &t);
	cr_expect_eq(t, d("2024-02-27"));
	/* and back: February 2024 (29 days) against February 2023's 28 */
	stats_prev_range(d("2024-02-01"), d("2024-02-29"), &f, &t);
	cr_expect_eq(t, d("2023-02-28"));
}

Test(stats, change_in_per_mille_rounds_half_away_from_zero)
{
	char out[32];
	int64_t pm;

	/* 5 against 4: +25.0 %. */
	cr_assert(stats_change_permille(5, 4, &pm));
	cr_expect_eq(pm, 250);
	stats_change_text(5, 4, out, sizeof(out));
	cr_expect_str_eq(out, "+25.0%");
	stats_change_text(95, 100, out, sizeof(out));
	cr_expect_str_eq(out, "-5.0%");
	/* +0.05 % and -0.05 % are half a per mille each way. */
	cr_assert(stats_change_permille(10005, 10000, &pm));
	cr_expect_eq(pm, 1);
	cr_assert(stats_change_permille(9995, 10000, &pm));
	cr_expect_eq(pm, -1);
	cr_assert(stats_change_permille(10004, 10000, &pm));
	cr_expect_eq(pm, 0);
	/* Nothing the year before: no percentage to give. */
	cr_expect_not(stats_change_permille(1, 0, &pm));
	stats_change_text(1, 0, out, sizeof(out));
	cr_expect_str_eq(out, "—");
}

Test(stats, money_reads_in_wan_yuan)
{
	char out[48];

	/* 123,456,789 fen = ¥1,234,567.89 = 123.4567889 万元. */
	stats_value_text(SF_FINES_FEN, 123456789, out, sizeof(out));
	cr_expect_str_eq(out, "123.46");
	/* 5,000 fen is half of a hundredth of a 万元: up. */
	stats_value_text(SF_FINES_FEN, 5000, out, sizeof(out));
	cr_expect_str_eq(out, "0.01");
	stats_value_text(SF_FINES_FEN, 4999, out, sizeof(out));
	cr_expect_str_eq(out, "0.00");
	stats_value_text(SF_CASES_FILED, 1234, out, sizeof(out));
	cr_expect_str_eq(out, "1234");
	cr_expect_eq(stat_figure_from("persons_coercive"), SF_PERSONS_COERCIVE);
	cr_expect_eq(stat_group_by_from("month"), SG_MONTH);
	cr_expect_eq(stat_group_by_from("week"), SG__MAX);
}
