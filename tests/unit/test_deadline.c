/*
 * test_deadline.c — a case's statutory clocks on the real 2026 calendar:
 * across the National Day holiday and its make-up Saturday, a period
 * ending on a holiday, suspensions, statuses.
 */
#include <string.h>

#include "unit.h"
#include "cal2026.h"
#include "core/deadline.h"

GS_SUITE(deadline);

static const struct clock_rules rules = {
	.filing_days = 15,
	.decision_days = 90,
	.statement_working_days = 5,
	.hearing_request_working_days = 5,
	.service_working_days = 7,
	.payment_days = 15,
	.disclosure_working_days = 7,
	.due_soon_working_days = 3,
};

static const struct deadline *
find(const struct deadline *dl, size_t n, enum deadline_kind k)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (dl[i].kind == k)
			return (&dl[i]);
	}
	return (NULL);
}

static void
expect_date(gs_date got, const char *want)
{
	char buf[GS_DATE_STRLEN];

	date_format(got, buf);
	cr_expect_str_eq(buf, want);
}

Test(deadline, filing_decision_statuses)
{
	struct deadline dl[DK__MAX];
	struct case_dates cd;
	struct calendar cal;
	size_t n;

	calendar_2026(&cal);
	memset(&cd, 0, sizeof(cd));
	cd.received_on = d("2026-11-10");
	n = case_deadlines(&cd, &rules, &cal, d("2026-11-19"), dl);
	cr_assert_eq(n, 1);
	expect_date(dl[0].due_on, "2026-11-25");
	cr_expect_eq(dl[0].working, 0);
	cr_expect_eq(dl[0].party, 0);
	cr_expect_eq(dl[0].status, DS_OPEN); /* 4 working days left */
	n = case_deadlines(&cd, &rules, &cal, d("2026-11-20"), dl);
	cr_expect_eq(dl[0].status, DS_DUE_SOON);
	n = case_deadlines(&cd, &rules, &cal, d("2026-11-25"), dl);
	cr_expect_eq(dl[0].status, DS_DUE_SOON);
	n = case_deadlines(&cd, &rules, &cal, d("2026-11-26"), dl);
	cr_expect_eq(dl[0].status, DS_OVERDUE);
	cd.filing_extension_days = 15;
	n = case_deadlines(&cd, &rules, &cal, d("2026-11-26"), dl);
	expect_date(dl[0].due_on, "2026-12-10");
	cr_expect_eq(dl[0].status, DS_OPEN);
	cd.filing_decided_on = d("2026-11-24");
	n = case_deadlines(&cd, &rules, &cal, d("2026-11-26"), dl);
	cr_expect_eq(dl[0].status, DS_MET);
	calendar_free(&cal);
}

Test(deadline, statement_across_national_day_and_the_makeup_saturday)
{
	struct deadline dl[DK__MAX];
	const struct deadline *s;
	struct case_dates cd;
	struct calendar cal;
	size_t n;

	calendar_2026(&cal);
	memset(&cd, 0, sizeof(cd));
	cd.notice_served_on = d("2026-09-29");
	cd.hearing_eligible = 1;
	n = case_deadlines(&cd, &rules, &cal, d("2026-10-09"), dl);
	cr_assert_eq(n, 2);
	/* 9-30, 10-08, 10-09, 10-10 (make-up Saturday), 10-12 */
	s = find(dl, n, DK_STATEMENT);
	cr_assert_not_null(s);
	expect_date(s->due_on, "2026-10-12");
	cr_expect_eq(s->working, 1);
	cr_expect_eq(s->party, 1);
	cr_expect_eq(s->status, DS_DUE_SOON);
	cr_assert_not_null(find(dl, n, DK_HEARING_REQUEST));
	/* a party's period runs out; it is not the bureau's overdue work */
	n = case_deadlines(&cd, &rules, &cal, d("2026-10-13"), dl);
	s = find(dl, n, DK_STATEMENT);
	cr_expect_eq(s->status, DS_MET);
	expect_date(s->met_on, "2026-10-12");
	cd.hearing_eligible = 0;
	n = case_deadlines(&cd, &rules, &cal, d("2026-10-13"), dl);
	cr_expect_null(find(dl, n, DK_HEARING_REQUEST));
	calendar_free(&cal);
}

Test(deadline, decision_ending_on_a_holiday_and_suspensions)
{
	struct date_span susp[2];
	struct deadline dl[DK__MAX];
	const struct deadline *x;
	struct case_dates cd;
	struct calendar cal;
	size_t n;

	calendar_2026(&cal);
	memset(&cd, 0, sizeof(cd));
	cd.filed_on = d("2026-07-03");
	n = case_deadlines(&cd, &rules, &cal, d("2026-09-01"), dl);
	x = find(dl, n, DK_DECISION);
	cr_assert_not_null(x);
	/* 90 days fall on 10-01, a holiday: the next working day */
	expect_date(x->due_on, "2026-10-08");
	expect_date(x->effective_due_on, "2026-10-08");

	/* monitoring from 08-01, resumed 08-11: ten days do not count */
	susp[0].from = d("2026-08-01");
	susp[0].to = d("2026-08-11");
	cd.suspensions = susp;
	cd.nsuspensions = 1;
	n = case_deadlines(&cd, &rules, &cal, d("2026-09-01"), dl);
	x = find(dl, n, DK_DECISION);
	expect_date(x->due_on, "2026-10-08");
	expect_date(x->effective_due_on, "2026-10-12"); /* 10-11 is Sunday */

	/* a running suspension counts through as_of */
	susp[1].from = d("2026-08-20");
	susp[1].to = 0;
	cd.nsuspensions = 2;
	cr_expect_eq(suspended_days(susp, 2, d("2026-08-22")), 13);
	n = case_deadlines(&cd, &rules, &cal, d("2026-08-22"), dl);
	x = find(dl, n, DK_DECISION);
	expect_date(x->effective_due_on, "2026-10-14");

	/* an extension moves the legal due date itself */
	cd.nsuspensions = 0;
	cd.decision_extension_days = 30;
	n = case_deadlines(&cd, &rules, &cal, d("2026-09-01"), dl);
	x = find(dl, n, DK_DECISION);
	expect_date(x->due_on, "2026-11-02"); /* 10-31 is a Saturday */
	calendar_free(&cal);
}

Test(deadline, service_payment_disclosure_after_the_decision)
{
	struct deadline dl[DK__MAX];
	const struct deadline *x;
	struct case_dates cd;
	struct calendar cal;
	size_t n;

	calendar_2026(&cal);
	memset(&cd, 0, sizeof(cd));
	cd.filed_on = d("2026-08-01");
	cd.decided_on = d("2026-09-24");
	cd.penalty = 1;
	cd.fine_due = 1;
	n = case_deadlines(&cd, &rules, &cal, d("2026-09-30"), dl);
	x = find(dl, n, DK_DECISION);
	cr_expect_eq(x->status, DS_MET);
	x = find(dl, n, DK_SERVICE);
	cr_assert_not_null(x);
	/* mid-autumn 9-25..27, then 9-28..30, 10-08, 10-09, 10-10, 10-12 */
	expect_date(x->due_on, "2026-10-12");
	cr_assert_not_null(find(dl, n, DK_DISCLOSURE));
	cr_expect_null(find(dl, n, DK_PAYMENT));

	cd.served_on = d("2026-09-28");
	n = case_deadlines(&cd, &rules, &cal, d("2026-10-23"), dl);
	x = find(dl, n, DK_PAYMENT);
	cr_assert_not_null(x);
	expect_date(x->due_on, "2026-10-13");
	cr_expect_eq(x->status, DS_OVERDUE);
	cd.paid_in_full_on = d("2026-10-20");
	n = case_deadlines(&cd, &rules, &cal, d("2026-10-23"), dl);
	cr_expect_eq(find(dl, n, DK_PAYMENT)->status, DS_MET);
	/* a no-penalty decision is neither paid nor disclosed */
	cd.penalty = 0;
	cd.fine_due = 0;
	n = case_deadlines(&cd, &rules, &cal, d("2026-10-23"), dl);
	cr_expect_null(find(dl, n, DK_PAYMENT));
	cr_expect_null(find(dl, n, DK_DISCLOSURE));
	calendar_free(&cal);
}

Test(deadline, payment_due_on_a_holiday_moves)
{
	struct deadline dl[DK__MAX];
	struct case_dates cd;
	struct calendar cal;
	size_t n;

	calendar_2026(&cal);
	memset(&cd, 0, sizeof(cd));
	cd.decided_on = d("2026-09-10");
	cd.served_on = d("2026-09-16");
	cd.fine_due = 1;
	n = case_deadlines(&cd, &rules, &cal, d("2026-09-20"), dl);
	/* 15 days after 09-16 is 10-01 */
	expect_date(find(dl, n, DK_PAYMENT)->due_on, "2026-10-08");
	calendar_free(&cal);
}

Test(deadline, an_ended_case_keeps_only_what_was_met)
{
	struct deadline dl[DK__MAX];
	struct case_dates cd;
	struct calendar cal;
	size_t n;

	calendar_2026(&cal);
	memset(&cd, 0, sizeof(cd));
	cd.received_on = d("2026-06-01");
	cd.filing_decided_on = d("2026-06-05");
	cd.filed_on = d("2026-06-05");
	cd.ended = 1;
	n = case_deadlines(&cd, &rules, &cal, d("2026-11-23"), dl);
	cr_assert_eq(n, 1);
	cr_expect_eq(dl[0].kind, DK_FILING_DECISION);
	cr_expect_str_eq(deadline_kind_code(DK_DECISION), "decision");
	cr_expect_str_eq(deadline_status_code(DS_DUE_SOON), "due_soon");
	calendar_free(&cal);
}
