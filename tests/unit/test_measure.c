/*
 * test_measure.c — supporting measures and transfers: the day count of a
 * daily penalty, seizure and limit periods with extensions and excluded
 * testing time, the transfer clocks (24 hours, 3 days, 3 working days),
 * and the state machine's refusals. Every expected date is worked out by
 * hand against the real 2026 calendar (cal2026.h) in the comment above it.
 */
#include <string.h>

#include "unit.h"
#include "cal2026.h"
#include "core/measure.h"
#include "core/perm.h"

GS_SUITE(measure);

#define O ROLE_BIT(ROLE_OFFICER)
#define SL ROLE_BIT(ROLE_SQUAD_LEADER)
#define HD ROLE_BIT(ROLE_HEAD)
#define AN ROLE_BIT(ROLE_ANALYST)

static const struct measure_rules rules = {
	.min_officers = 2,
	.correction_service_wd = 3,
	.reinspection_days = 30,
	.seizure_max_days = 30,
	.seizure_extension_max_days = 30,
	.seizure_emergency_hours = 24,
	.release_verify_wd = 5,
	.release_serve_wd = 3,
	.limit_service_wd = 7,
	.limit_max_months = 3,
	.limit_extension_max_months = 3,
	.plan_wd = 15,
	.follow_up_days = 30,
	.detention_transfer_wd = 3,
	.detention_police_more_days = 3,
	.detention_police_reject_days = 5,
	.criminal_min_officers = 2,
	.criminal_head_days = 3,
	.criminal_transfer_hours = 24,
	.criminal_police_days = 3,
	.criminal_police_complex_days = 7,
	.criminal_police_special_days = 30,
	.due_soon_wd = 3,
};

static time_t
at(const char *s)
{
	time_t t;

	cr_assert(instant_parse(s, &t), "bad test instant %s", s);
	return (t);
}

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

/* Facts of a head (or whoever) acting on m in an investigating case. */
static struct measure_facts
facts_of(const struct measure_rec *m, uint32_t roles, const char *today)
{
	struct measure_facts f;

	memset(&f, 0, sizeof(f));
	f.m = m;
	f.today = d(today);
	f.now = instant_of_date_shanghai(f.today) + 10 * 3600;
	f.roles = roles;
	f.is_investigator = 1;
	f.case_state = CS_INVESTIGATING;
	f.case_fine_fen = CASE_NO_FINE;
	f.rules = rules;
	return (f);
}

/* ---- instants ---------------------------------------------------------- */

Test(measure, instants_read_with_offsets_and_write_in_shanghai)
{
	char out[GS_INSTANT_STRLEN];
	time_t t;

	cr_assert(instant_parse("2026-12-04T09:30+08:00", &t));
	instant_format(t, out);
	cr_expect_str_eq(out, "2026-12-04T09:30:00+08:00");
	cr_assert(instant_parse("2026-12-03T23:15:07Z", &t));
	instant_format(t, out);
	cr_expect_str_eq(out, "2026-12-04T07:15:07+08:00");
	cr_expect_eq(date_of_instant_shanghai(t), d("2026-12-04"));
	cr_assert(instant_parse("2026-12-03T23:15:07.981Z", &t));
	instant_format(t, out);
	cr_expect_str_eq(out, "2026-12-04T07:15:07+08:00");
	cr_expect_not(instant_parse("2026-12-03T23:15:07.Z", &t));
	cr_expect_not(instant_parse("2026-12-04T24:00+08:00", &t));
	cr_expect_not(instant_parse("2026-12-04 09:30", &t));
	cr_expect_not(instant_parse("2026-02-30T09:30Z", &t));
	cr_expect_not(instant_parse("2026-12-04T09:30+8", &t));
}

/* ---- daily penalty ----------------------------------------------------- */

Test(measure, daily_penalty_counts_from_the_day_after_service_to_reinspection)
{
	int64_t amount;

	/* Served on Monday 28 September; re-inspected Thursday 8 October:
	 * 29 and 30 September, then 1 to 8 October (the National Day
	 * holiday included: the discharge did not rest) = 2 + 8 = 10. */
	cr_expect_eq(daily_penalty_days(d("2026-09-28"), d("2026-10-08")), 10);
	/* The service day itself does not count; the next day does. */
	cr_expect_eq(daily_penalty_days(d("2026-09-28"), d("2026-09-28")), 0);
	cr_expect_eq(daily_penalty_days(d("2026-09-28"), d("2026-09-29")), 1);
	/* Across a month end in February: 27 Feb to 3 Mar = 28 Feb, 1, 2, 3
	 * Mar = 4 days. */
	cr_expect_eq(daily_penalty_days(d("2026-02-27"), d("2026-03-03")), 4);
	/* ¥100,000 a day for 10 days. */
	cr_assert(daily_penalty_amount(10000000, 10, &amount));
	cr_expect_eq(amount, 100000000);
	cr_expect_not(daily_penalty_amount(INT64_MAX / 2, 3, &amount));
	cr_expect_not(daily_penalty_amount(-1, 3, &amount));
}

Test(measure, daily_penalty_clocks_move_off_holidays)
{
	struct deadline dl[MEASURE_DEADLINES_MAX];
	const struct deadline *x;
	struct measure_rec m;
	struct calendar cal;
	size_t n;

	calendar_2026(&cal);
	memset(&m, 0, sizeof(m));
	m.kind = MK_DAILY_PENALTY;
	m.state = MS_AWAITING_REINSPECTION;
	m.decided_on = d("2026-09-24");
	/* Report on Thursday 24 September: 25-27 are 中秋 holidays, so the
	 * three working days are 28, 29 and 30 September. */
	m.monitoring_on = d("2026-09-24");
	m.served_on = d("2026-09-01");
	m.rounds[0].counted_from = d("2026-09-01");
	m.rounds[0].amount_fen = MEASURE_NO_COUNT;
	m.nrounds = 1;
	n = measure_deadlines(&m, &rules, &cal, d("2026-09-15"), 0, dl);
	cr_assert_not_null(x = find(dl, n, DK_CORRECTION_SERVICE));
	cr_expect_eq(x->due_on, d("2026-09-30"));
	cr_expect_eq(x->working, 1);
	/* Served 1 September + 30 days = 1 October, a holiday until the
	 * 7th: the re-inspection is due Thursday 8 October. */
	cr_assert_not_null(x = find(dl, n, DK_REINSPECTION));
	cr_expect_eq(x->due_on, d("2026-10-08"));
	cr_expect_eq(x->status, DS_OPEN);
	calendar_free(&cal);
}

Test(measure, daily_penalty_rounds_accumulate)
{
	struct measure_rec m;

	memset(&m, 0, sizeof(m));
	m.kind = MK_DAILY_PENALTY;
	m.rounds[0].amount_fen = 100000000;
	m.rounds[1].amount_fen = 50000000;
	m.rounds[2].amount_fen = MEASURE_NO_COUNT; /* not yet decided */
	m.nrounds = 3;
	cr_expect_eq(daily_penalty_total(&m), 150000000);
}

Test(measure, reinspection_decides_between_continuing_and_corrected)
{
	struct measure_input in;
	struct measure_facts f;
	struct measure_rec m;
	struct verr errs;

	memset(&m, 0, sizeof(m));
	m.kind = MK_DAILY_PENALTY;
	m.state = MS_AWAITING_REINSPECTION;
	m.decided_on = d("2026-09-20");
	m.rounds[0].counted_from = d("2026-09-28");
	m.nrounds = 1;
	f = facts_of(&m, O, "2026-10-08");
	memset(&in, 0, sizeof(in));
	in.on = d("2026-10-08");
	in.continuing = -1;
	verr_init(&errs);
	cr_expect_eq(measure_check(&f, MA_REINSPECT, &in, &errs), CASE_GUARD);
	cr_expect_not_null(verr_get(&errs, "continuing"));
	in.continuing = 1;
	cr_expect_eq(measure_check(&f, MA_REINSPECT, &in, NULL), CASE_ALLOWED);
	cr_expect_eq(measure_next(&f, MA_REINSPECT, &in), MS_CONTINUING);
	in.continuing = 0;
	cr_expect_eq(measure_next(&f, MA_REINSPECT, &in), MS_CORRECTED);
	/* Continuing on the service day itself would count no day. */
	in.continuing = 1;
	in.on = d("2026-09-28");
	verr_init(&errs);
	cr_expect_eq(measure_check(&f, MA_REINSPECT, &in, &errs), CASE_GUARD);
	cr_expect_not_null(verr_get(&errs, "on"));
	/* The round decision is the head's, and needs a fine to multiply. */
	m.state = MS_CONTINUING;
	m.rounds[0].reinspected_on = d("2026-10-08");
	m.rounds[0].days = 10;
	f.case_penalty_decided = 1;
	f.case_fine_fen = 10000000;
	cr_expect_eq(measure_check(&f, MA_DECIDE_ROUND, NULL, NULL),
	    CASE_FORBIDDEN);
	f.roles = HD;
	cr_expect_eq(measure_check(&f, MA_DECIDE_ROUND, NULL, NULL),
	    CASE_ALLOWED);
	f.case_fine_fen = 0;
	cr_expect_eq(measure_check(&f, MA_DECIDE_ROUND, NULL, NULL),
	    CASE_GUARD);
}

/* ---- seizure ----------------------------------------------------------- */

Test(measure, seizure_period_with_extension_and_testing_time)
{
	struct date_span excl[2];
	struct calendar cal;
	int running;

	calendar_2026(&cal);
	/* 2 March + 30 days = Wednesday 1 April. */
	cr_expect_eq(seizure_end(&cal, d("2026-03-02"), 30, 0, NULL, 0,
	                 d("2026-03-10"), &running),
	    d("2026-04-01"));
	cr_expect_not(running);
	/* + a 30-day extension = 1 May, a holiday until the 5th: 6 May. */
	cr_expect_eq(seizure_end(&cal, d("2026-03-02"), 30, 30, NULL, 0,
	                 d("2026-03-10"), &running),
	    d("2026-05-06"));
	/* Testing 10 to 15 March (5 days, [from, to)) = 2 March + 35 = 6
	 * April, 清明 until the 6th: 7 April. */
	excl[0].from = d("2026-03-10");
	excl[0].to = d("2026-03-15");
	cr_expect_eq(seizure_end(&cal, d("2026-03-02"), 30, 0, excl, 1,
	                 d("2026-04-20"), &running),
	    d("2026-04-07"));
	/* A second span still running on 20 March (from the 18th: the 18th,
	 * 19th and 20th so far) is counted up to that day and flagged. */
	excl[1].from = d("2026-03-18");
	excl[1].to = 0;
	cr_expect_eq(seizure_end(&cal, d("2026-03-02"), 30, 0, excl, 2,
	                 d("2026-03-20"), &running),
	    calendar_add_days(&cal, d("2026-03-02"), 38));
	cr_expect(running);
	calendar_free(&cal);
}

static struct measure_rec
seizure_in_force(void)
{
	struct measure_rec m;

	memset(&m, 0, sizeof(m));
	m.kind = MK_SEIZURE;
	m.state = MS_IN_FORCE;
	m.decided_on = d("2026-11-02");
	m.effective_from = d("2026-11-02");
	m.period_days = 30;
	return (m);
}

Test(measure, a_seizure_extends_once_within_the_rulebook_days)
{
	struct measure_rec m = seizure_in_force();
	struct measure_facts f = facts_of(&m, HD, "2026-11-20");
	struct measure_input in;
	struct verr errs;

	memset(&in, 0, sizeof(in));
	in.on = d("2026-11-20");
	in.reason = "需要进一步调查";
	in.days = 31;
	verr_init(&errs);
	cr_expect_eq(measure_check(&f, MA_EXTEND, &in, &errs), CASE_GUARD);
	cr_expect_str_eq(verr_get(&errs, "days"),
	    "延长天数须在 1 到 30 天之间");
	in.days = 30;
	cr_expect_eq(measure_check(&f, MA_EXTEND, &in, NULL), CASE_ALLOWED);
	/* Extended once: a second extension is refused, and not offered. */
	m.extension_days = 30;
	m.extended_on = d("2026-11-20");
	verr_init(&errs);
	cr_expect_eq(measure_check(&f, MA_EXTEND, &in, &errs), CASE_GUARD);
	cr_expect_str_eq(verr_get(&errs, "days"), "期限只能延长一次");
	cr_expect_eq(measure_allowed(&f) & (1u << MA_EXTEND), 0);
	/* Only the head extends. */
	m.extended_on = 0;
	f.roles = O;
	cr_expect_eq(measure_check(&f, MA_EXTEND, &in, NULL), CASE_FORBIDDEN);
}

Test(measure, an_extension_is_decided_before_the_period_runs_out)
{
	struct measure_rec m = seizure_in_force();
	struct measure_facts f = facts_of(&m, HD, "2026-12-03");
	struct measure_input in;
	struct calendar cal;
	struct verr errs;

	calendar_2026(&cal);
	f.cal = &cal;
	memset(&in, 0, sizeof(in));
	in.reason = "需要进一步调查";
	in.days = 10;
	/* In force from Monday 2 November: 30 days end Wednesday 2
	 * December, a working day. Extended on the 2nd: allowed. */
	in.on = d("2026-12-02");
	cr_expect_eq(measure_check(&f, MA_EXTEND, &in, NULL), CASE_ALLOWED);
	/* On the 3rd the seizure has run out: refused, and not offered. */
	in.on = d("2026-12-03");
	verr_init(&errs);
	cr_expect_eq(measure_check(&f, MA_EXTEND, &in, &errs), CASE_GUARD);
	cr_expect_str_eq(verr_get(&errs, "on"),
	    "查封、扣押期限已届满，不能再延长");
	cr_expect_eq(measure_allowed(&f) & (1u << MA_EXTEND), 0);
	/* Testing time still running keeps the end open. */
	m.exclusions[0].from = d("2026-11-20");
	m.nexclusions = 1;
	cr_expect_eq(measure_check(&f, MA_EXTEND, &in, NULL), CASE_ALLOWED);
	calendar_free(&cal);
}

Test(measure, an_emergency_seizure_is_approved_within_24_hours_or_released)
{
	struct deadline dl[MEASURE_DEADLINES_MAX];
	const struct deadline *x;
	struct measure_rec m;
	struct measure_facts f;
	struct calendar cal;
	struct verr errs;
	size_t n;

	calendar_2026(&cal);
	memset(&m, 0, sizeof(m));
	m.kind = MK_SEIZURE;
	m.state = MS_AWAITING_APPROVAL;
	m.emergency = 1;
	m.decided_on = d("2026-12-03");
	m.started_at = at("2026-12-03T16:00+08:00");
	m.period_days = 30;
	f = facts_of(&m, HD, "2026-12-04");
	f.now = at("2026-12-04T15:59+08:00");
	cr_expect_eq(measure_check(&f, MA_APPROVE, NULL, NULL), CASE_ALLOWED);
	n = measure_deadlines(&m, &rules, &cal, f.today, f.now, dl);
	cr_assert_not_null(x = find(dl, n, DK_SEIZURE_APPROVAL));
	cr_expect_eq(x->due_at, at("2026-12-04T16:00+08:00"));
	cr_expect_eq(x->status, DS_DUE_SOON);
	f.now = at("2026-12-04T16:01+08:00");
	verr_init(&errs);
	cr_expect_eq(measure_check(&f, MA_APPROVE, NULL, &errs), CASE_GUARD);
	cr_expect_not_null(verr_get(&errs, "at"));
	n = measure_deadlines(&m, &rules, &cal, f.today, f.now, dl);
	cr_expect_eq(find(dl, n, DK_SEIZURE_APPROVAL)->status, DS_OVERDUE);
	/* Refusing (or releasing) it is always possible: it must go. */
	cr_expect_eq(measure_check(&f, MA_RELEASE, NULL, NULL), CASE_ALLOWED);
	m.state = MS_AWAITING_APPROVAL;
	cr_expect_eq(measure_next(&f, MA_REFUSE, NULL), MS_RELEASE_DECIDED);
	calendar_free(&cal);
}

Test(measure, seizure_release_on_application_verify_5_serve_3_working_days)
{
	struct deadline dl[MEASURE_DEADLINES_MAX];
	struct measure_rec m = seizure_in_force();
	const struct deadline *x;
	struct calendar cal;
	size_t n;

	calendar_2026(&cal);
	m.effective_from = d("2026-09-01");
	m.state = MS_RELEASE_APPLIED;
	/* Applied Thursday 24 September: 25-27 holidays, 28, 29, 30
	 * September, then 1-7 October holidays, 8 and 9 October. */
	m.release_applied_on = d("2026-09-24");
	n = measure_deadlines(&m, &rules, &cal, d("2026-09-25"), 0, dl);
	cr_assert_not_null(x = find(dl, n, DK_RELEASE_VERIFICATION));
	cr_expect_eq(x->due_on, d("2026-10-09"));
	/* Decided Friday 4 December: 7, 8, 9 December. */
	m.state = MS_RELEASE_DECIDED;
	m.release_decided_on = d("2026-12-04");
	n = measure_deadlines(&m, &rules, &cal, d("2026-12-04"), 0, dl);
	cr_assert_not_null(x = find(dl, n, DK_SEIZURE_RELEASE));
	cr_expect_eq(x->due_on, d("2026-12-09"));
	cr_expect_eq(find(dl, n, DK_RELEASE_VERIFICATION)->status, DS_MET);
	cr_expect_eq(find(dl, n, DK_SEIZURE_END)->status, DS_MET);
	/* Refused on Monday 28 September instead: the seizure stands, and
	 * the verification was met by the refusal, not lost. */
	m.state = MS_IN_FORCE;
	m.release_decided_on = 0;
	m.release_refused_on = d("2026-09-28");
	n = measure_deadlines(&m, &rules, &cal, d("2026-10-20"), 0, dl);
	cr_assert_not_null(x = find(dl, n, DK_RELEASE_VERIFICATION));
	cr_expect_eq(x->status, DS_MET);
	cr_expect_eq(x->met_on, d("2026-09-28"));
	calendar_free(&cal);
}

Test(measure, a_seizure_needs_two_officers_items_and_a_lawful_period)
{
	struct measure_facts f = facts_of(NULL, O, "2026-12-04");
	struct measure_input in;
	struct verr errs;

	memset(&in, 0, sizeof(in));
	in.kind = MK_SEIZURE;
	in.decided_on = d("2026-12-04");
	in.nofficers_valid = 1;
	in.nitems = 1;
	in.days = 30;
	verr_init(&errs);
	cr_expect_eq(measure_create_check(&f, &in, &errs), CASE_GUARD);
	cr_expect_not_null(verr_get(&errs, "officer_ids"));
	in.nofficers_valid = 2;
	in.nitems = 0;
	verr_init(&errs);
	cr_expect_eq(measure_create_check(&f, &in, &errs), CASE_GUARD);
	cr_expect_not_null(verr_get(&errs, "items"));
	in.nitems = 3;
	in.days = 31;
	verr_init(&errs);
	cr_expect_eq(measure_create_check(&f, &in, &errs), CASE_GUARD);
	cr_expect_not_null(verr_get(&errs, "period_days"));
	in.days = 30;
	cr_expect_eq(measure_create_check(&f, &in, NULL), CASE_ALLOWED);
	cr_expect_eq(measure_initial_state(&in), MS_PROPOSED);
	in.emergency = 1;
	cr_expect_eq(measure_create_check(&f, &in, NULL), CASE_GUARD);
	in.started_at = f.now - 3600;
	cr_expect_eq(measure_create_check(&f, &in, NULL), CASE_ALLOWED);
	cr_expect_eq(measure_initial_state(&in), MS_AWAITING_APPROVAL);
	/* Not the case's officer, nor an analyst. */
	f.is_investigator = 0;
	cr_expect_eq(measure_create_check(&f, &in, NULL), CASE_FORBIDDEN);
	f.roles = AN;
	cr_expect_eq(measure_create_check(&f, &in, NULL), CASE_FORBIDDEN);
	/* Nor in a case that has ended. */
	f.roles = HD;
	f.case_state = CS_CLOSED;
	cr_expect_eq(measure_create_check(&f, &in, NULL), CASE_GUARD);
}

/* ---- production limit and suspension ---------------------------------- */

Test(measure, limit_period_in_months_with_one_extension)
{
	struct deadline dl[MEASURE_DEADLINES_MAX];
	struct calendar cal;
	struct measure_rec m;
	size_t n;

	calendar_2026(&cal);
	/* 31 January + 3 months: April has no 31st, so its last day, 30
	 * April (a Thursday). */
	cr_expect_eq(limit_end(&cal, d("2026-01-31"), 3, 0), d("2026-04-30"));
	/* + 3 more: 31 July, a Friday. */
	cr_expect_eq(limit_end(&cal, d("2026-01-31"), 3, 3), d("2026-07-31"));
	/* 2 February + 3 months = 2 May, 劳动节 until the 5th: 6 May. */
	cr_expect_eq(limit_end(&cal, d("2026-02-02"), 3, 0), d("2026-05-06"));

	memset(&m, 0, sizeof(m));
	m.kind = MK_PRODUCTION_LIMIT;
	m.state = MS_IN_FORCE;
	/* Decided Monday 28 September: 7 working days are 29, 30 Sept, then
	 * 8, 9, 10 (a make-up Saturday), 12, 13 October. */
	m.decided_on = d("2026-09-28");
	m.served_on = d("2026-03-02");
	m.period_months = 3;
	n = measure_deadlines(&m, &rules, &cal, d("2026-03-05"), 0, dl);
	cr_expect_eq(find(dl, n, DK_LIMIT_SERVICE)->due_on, d("2026-10-13"));
	/* Served Monday 2 March + 15 working days = Monday 23 March. */
	cr_expect_eq(find(dl, n, DK_RECTIFICATION_PLAN)->due_on,
	    d("2026-03-23"));
	/* 2 June, a Tuesday. */
	cr_expect_eq(find(dl, n, DK_LIMIT_END)->due_on, d("2026-06-02"));
	cr_expect_null(find(dl, n, DK_FOLLOW_UP_INSPECTION));
	/* Released 1 June: follow-up within 30 days, 1 July. */
	m.state = MS_RELEASED;
	m.released_on = d("2026-06-01");
	n = measure_deadlines(&m, &rules, &cal, d("2026-06-05"), 0, dl);
	cr_expect_eq(find(dl, n, DK_FOLLOW_UP_INSPECTION)->due_on,
	    d("2026-07-01"));
	cr_expect_eq(find(dl, n, DK_LIMIT_END)->status, DS_MET);
	calendar_free(&cal);
}

Test(measure, a_limit_beyond_the_rulebook_months_is_refused)
{
	struct measure_facts f = facts_of(NULL, SL, "2026-12-04");
	struct measure_input in;
	struct verr errs;

	memset(&in, 0, sizeof(in));
	in.kind = MK_PRODUCTION_LIMIT;
	in.decided_on = d("2026-12-04");
	in.months = 4;
	verr_init(&errs);
	cr_expect_eq(measure_create_check(&f, &in, &errs), CASE_GUARD);
	cr_expect_str_eq(verr_get(&errs, "period_months"),
	    "限制生产期限须在 1 到 3 个月之间");
	in.months = 3;
	cr_expect_eq(measure_create_check(&f, &in, NULL), CASE_ALLOWED);
	/* A suspension has no period of months. */
	in.kind = MK_PRODUCTION_SUSPENSION;
	in.months = 0;
	cr_expect_eq(measure_create_check(&f, &in, NULL), CASE_ALLOWED);
	/* A decision dated tomorrow is refused. */
	in.decided_on = d("2026-12-05");
	verr_init(&errs);
	cr_expect_eq(measure_create_check(&f, &in, &errs), CASE_GUARD);
	cr_expect_not_null(verr_get(&errs, "decided_on"));
}

/* ---- transfers --------------------------------------------------------- */

Test(measure, a_detention_transfer_needs_the_bureau_s_penalty_decision_first)
{
	struct measure_facts f = facts_of(NULL, O, "2026-12-04");
	struct measure_input in;
	struct verr errs;

	memset(&in, 0, sizeof(in));
	in.kind = MK_DETENTION_TRANSFER;
	in.npersons = 1;
	verr_init(&errs);
	cr_expect_eq(measure_create_check(&f, &in, &errs), CASE_GUARD);
	cr_expect_str_eq(verr_get(&errs, "case"),
	    "本案尚未作出行政处罚决定，不能采取此项措施");
	f.case_penalty_decided = 1;
	f.case_state = CS_EXECUTING;
	cr_expect_eq(measure_create_check(&f, &in, NULL), CASE_ALLOWED);
	in.npersons = 0;
	cr_expect_eq(measure_create_check(&f, &in, NULL), CASE_GUARD);
	/* A daily penalty needs it too, with a fine to multiply. */
	in.kind = MK_DAILY_PENALTY;
	in.decided_on = d("2026-12-04");
	f.case_fine_fen = 0;
	cr_expect_eq(measure_create_check(&f, &in, NULL), CASE_GUARD);
	f.case_fine_fen = 5000000;
	cr_expect_eq(measure_create_check(&f, &in, NULL), CASE_ALLOWED);
}

Test(measure, a_revoked_penalty_stops_what_builds_on_it)
{
	struct measure_rec m;
	struct measure_facts f;
	struct measure_input in;
	struct verr errs;

	/* A detention transfer proposed on a penalty decision since
	 * revoked: the head may not approve it, nor send an approved one. */
	memset(&m, 0, sizeof(m));
	m.kind = MK_DETENTION_TRANSFER;
	m.state = MS_PROPOSED;
	m.decided_on = d("2026-12-01");
	f = facts_of(&m, HD, "2026-12-04");
	f.case_state = CS_REVOKED;
	verr_init(&errs);
	cr_expect_eq(measure_check(&f, MA_APPROVE, NULL, &errs), CASE_GUARD);
	cr_expect_str_eq(verr_get(&errs, "case"),
	    "本案行政处罚决定已撤销，不能再采取此项措施");
	m.state = MS_APPROVED;
	m.approved_at = at("2026-12-02T09:00:00+08:00");
	cr_expect_eq(measure_allowed(&f) & (1u << MA_TRANSFER), 0);
	/* Standing again (another case): both go ahead. */
	f.case_state = CS_EXECUTING;
	f.case_penalty_decided = 1;
	cr_expect_neq(measure_allowed(&f) & (1u << MA_TRANSFER), 0);
	m.state = MS_PROPOSED;
	cr_expect_eq(measure_check(&f, MA_APPROVE, NULL, NULL), CASE_ALLOWED);

	/* A daily penalty's round is not decided on a revoked decision. */
	memset(&m, 0, sizeof(m));
	m.kind = MK_DAILY_PENALTY;
	m.state = MS_CONTINUING;
	m.decided_on = d("2026-11-02");
	m.nrounds = 1;
	m.rounds[0].counted_from = d("2026-11-03");
	m.rounds[0].reinspected_on = d("2026-11-20");
	m.rounds[0].days = 17;
	m.rounds[0].amount_fen = MEASURE_NO_COUNT;
	f = facts_of(&m, HD, "2026-12-04");
	f.case_fine_fen = 5000000;
	f.case_state = CS_REVOKED;
	cr_expect_eq(measure_allowed(&f) & (1u << MA_DECIDE_ROUND), 0);
	f.case_state = CS_EXECUTING;
	f.case_penalty_decided = 1;
	cr_expect_neq(measure_allowed(&f) & (1u << MA_DECIDE_ROUND), 0);
	/* The stored rounds are bounded: the last one is not opened. */
	m.nrounds = MEASURE_ROUNDS_MAX;
	m.rounds[MEASURE_ROUNDS_MAX - 1] = m.rounds[0];
	verr_init(&errs);
	memset(&in, 0, sizeof(in));
	in.on = d("2026-12-04");
	cr_expect_eq(measure_check(&f, MA_DECIDE_ROUND, &in, &errs),
	    CASE_GUARD);
	cr_expect_str_eq(verr_get(&errs, "on"),
	    "按日连续处罚的轮次已达上限（64 轮）");
}

Test(measure, a_correction_order_follows_the_penalty_it_builds_on)
{
	struct measure_facts f = facts_of(NULL, O, "2026-12-04");
	struct measure_input in;
	struct verr errs;

	f.case_state = CS_EXECUTING;
	f.case_penalty_decided = 1;
	f.case_decided_on = d("2026-12-01");
	f.case_fine_fen = 5000000;
	memset(&in, 0, sizeof(in));
	in.kind = MK_DAILY_PENALTY;
	in.decided_on = d("2026-11-30");
	verr_init(&errs);
	cr_expect_eq(measure_create_check(&f, &in, &errs), CASE_GUARD);
	cr_expect_str_eq(verr_get(&errs, "decided_on"),
	    "责令改正日期不能早于原行政处罚决定日期");
	in.decided_on = d("2026-12-01");
	cr_expect_eq(measure_create_check(&f, &in, NULL), CASE_ALLOWED);
}

Test(measure, transfer_clocks_24_hours_3_days_3_working_days)
{
	struct deadline dl[MEASURE_DEADLINES_MAX];
	const struct deadline *x;
	struct measure_rec m;
	struct calendar cal;
	size_t n;

	calendar_2026(&cal);
	memset(&m, 0, sizeof(m));
	m.kind = MK_CRIMINAL_TRANSFER;
	m.state = MS_PROPOSED;
	m.persons_coercive = MEASURE_NO_COUNT;
	/* Reported Wednesday 30 September: 3 days = 3 October, a holiday
	 * until the 7th, so the head decides by 8 October. */
	m.reported_on = d("2026-09-30");
	n = measure_deadlines(&m, &rules, &cal, d("2026-10-01"), 0, dl);
	cr_assert_not_null(x = find(dl, n, DK_TRANSFER_APPROVAL));
	cr_expect_eq(x->due_on, d("2026-10-08"));
	cr_expect_eq(x->working, 0);
	/* Approved at 10:00 on 4 December: transferred by 10:00 the 5th. */
	m.state = MS_APPROVED;
	m.approved_at = at("2026-12-04T10:00+08:00");
	n = measure_deadlines(&m, &rules, &cal, d("2026-12-05"),
	    at("2026-12-05T09:59+08:00"), dl);
	cr_assert_not_null(x = find(dl, n, DK_TRANSFER));
	cr_expect_eq(x->due_at, at("2026-12-05T10:00+08:00"));
	cr_expect_eq(x->status, DS_DUE_SOON);
	cr_expect_eq(find(dl, n, DK_TRANSFER_APPROVAL)->status, DS_MET);
	n = measure_deadlines(&m, &rules, &cal, d("2026-12-05"),
	    at("2026-12-05T10:01+08:00"), dl);
	cr_expect_eq(find(dl, n, DK_TRANSFER)->status, DS_OVERDUE);
	/* Sent at 09:00 the 5th: met; the police have 3 days (the 8th, a
	 * Tuesday), 7 when complex (the 12th, a Saturday: the 14th). */
	m.state = MS_TRANSFERRED;
	m.transferred_at = at("2026-12-05T09:00+08:00");
	n = measure_deadlines(&m, &rules, &cal, d("2026-12-05"),
	    at("2026-12-05T10:01+08:00"), dl);
	cr_expect_eq(find(dl, n, DK_TRANSFER)->status, DS_MET);
	cr_assert_not_null(x = find(dl, n, DK_POLICE_DECISION));
	cr_expect_eq(x->due_on, d("2026-12-08"));
	cr_expect(x->party);
	m.complexity = MC_COMPLEX;
	n = measure_deadlines(&m, &rules, &cal, d("2026-12-05"), 0, dl);
	cr_expect_eq(find(dl, n, DK_POLICE_DECISION)->due_on, d("2026-12-14"));

	/* Detention: approved Wednesday 30 September, 3 working days are 8
	 * and 9 October and Saturday the 10th (a make-up working day). */
	memset(&m, 0, sizeof(m));
	m.kind = MK_DETENTION_TRANSFER;
	m.state = MS_APPROVED;
	m.approved_at = at("2026-09-30T15:00+08:00");
	n = measure_deadlines(&m, &rules, &cal, d("2026-10-08"), 0, dl);
	cr_assert_not_null(x = find(dl, n, DK_TRANSFER));
	cr_expect_eq(x->due_on, d("2026-10-10"));
	cr_expect_eq(x->working, 1);
	cr_expect_eq(x->due_at, 0);
	calendar_free(&cal);
}

Test(measure, the_proposer_does_not_approve_and_outcomes_are_bounded)
{
	struct measure_rec m;
	struct measure_facts f;
	struct measure_input in;
	struct verr errs;

	memset(&m, 0, sizeof(m));
	m.kind = MK_DETENTION_TRANSFER;
	m.state = MS_PROPOSED;
	m.npersons = 2;
	f = facts_of(&m, HD, "2026-12-04");
	f.case_state = CS_EXECUTING;
	f.case_penalty_decided = 1;
	f.is_creator = 1;
	cr_expect_eq(measure_check(&f, MA_APPROVE, NULL, NULL), CASE_FORBIDDEN);
	f.is_creator = 0;
	cr_expect_eq(measure_check(&f, MA_APPROVE, NULL, NULL), CASE_ALLOWED);
	cr_expect_eq(measure_next(&f, MA_APPROVE, NULL), MS_APPROVED);
	/* Wrong state: nothing to transfer before the approval. */
	cr_expect_eq(measure_check(&f, MA_TRANSFER, NULL, NULL),
	    CASE_WRONG_STATE);
	/* Two persons were transferred: three cannot be detained. */
	m.state = MS_ACCEPTED;
	memset(&in, 0, sizeof(in));
	in.on = d("2026-12-04");
	in.has_persons_detained = 1;
	in.persons_detained = 3;
	verr_init(&errs);
	cr_expect_eq(measure_check(&f, MA_RECORD_OUTCOME, &in, &errs),
	    CASE_GUARD);
	cr_expect_str_eq(verr_get(&errs, "persons_detained"),
	    "拘留人数不能多于移送的 2 人");
	in.persons_detained = 2;
	cr_expect_eq(measure_check(&f, MA_RECORD_OUTCOME, &in, NULL),
	    CASE_ALLOWED);
	/* An archived case is frozen. */
	f.case_state = CS_ARCHIVED;
	cr_expect_eq(measure_check(&f, MA_RECORD_OUTCOME, &in, NULL),
	    CASE_WRONG_STATE);
}

Test(measure, a_criminal_report_needs_two_officers)
{
	struct measure_facts f = facts_of(NULL, O, "2026-12-04");
	struct measure_input in;
	struct verr errs;

	memset(&in, 0, sizeof(in));
	in.kind = MK_CRIMINAL_TRANSFER;
	in.reported_on = d("2026-12-04");
	in.nofficers_valid = 1;
	verr_init(&errs);
	cr_expect_eq(measure_create_check(&f, &in, &errs), CASE_GUARD);
	cr_expect_not_null(verr_get(&errs, "officer_ids"));
	in.nofficers_valid = 2;
	cr_expect_eq(measure_create_check(&f, &in, NULL), CASE_ALLOWED);
}

Test(measure, codes_round_trip)
{
	int i;

	for (i = 0; i < MK__MAX; i++)
		cr_expect_eq((int)measure_kind_from(measure_kind_code(i)), i);
	for (i = 0; i < MS__MAX; i++)
		cr_expect_eq((int)measure_state_from(measure_state_code(i)), i);
	for (i = 0; i < MA__MAX; i++)
		cr_expect_eq((int)measure_action_from(measure_action_code(i)),
		    i);
	cr_expect_eq(measure_transfer_from("criminal"), MK_CRIMINAL_TRANSFER);
	cr_expect_eq(measure_transfer_from("detention"), MK_DETENTION_TRANSFER);
	cr_expect_eq(measure_transfer_from("seizure"), MK__MAX);
	cr_expect_eq(measure_transfer_from(""), MK__MAX);
	for (i = 0; i < DK__MAX; i++)
		cr_expect_eq((int)deadline_kind_from(deadline_kind_code(i)), i);
}
