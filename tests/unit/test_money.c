/*
 * test_money.c — the late surcharge (start day, partial payments, excluded
 * days, cap) and the discretion formula, each number worked out by hand.
 */
#include <string.h>

#include "unit.h"
#include "core/money.h"

GS_SUITE(money);

static gs_date
ymd(int y, int m, int d)
{
	return (date_from_ymd(y, m, d));
}

static struct surcharge_input
fine(int64_t fen, gs_date due)
{
	struct surcharge_input in;

	memset(&in, 0, sizeof(in));
	in.fine_fen = fen;
	in.due = due;
	in.rate_bp = 300;
	in.cap_percent = 100;
	return (in);
}

Test(money, surcharge_starts_the_day_after_the_due_date)
{
	struct surcharge_input in = fine(1000000, ymd(2026, 12, 1));

	cr_expect_eq(surcharge_accrued(&in, ymd(2026, 11, 30)), 0);
	cr_expect_eq(surcharge_accrued(&in, ymd(2026, 12, 1)), 0);
	/* one day late: 3 % of ¥10,000 = ¥300 */
	cr_expect_eq(surcharge_accrued(&in, ymd(2026, 12, 2)), 30000);
	cr_expect_eq(surcharge_accrued(&in, ymd(2026, 12, 11)), 300000);
}

Test(money, surcharge_is_capped_at_the_fine)
{
	struct surcharge_input in = fine(1000000, ymd(2026, 12, 1));

	/* 33 days = 99 %, the 34th would be 102 % */
	cr_expect_eq(surcharge_accrued(&in, ymd(2027, 1, 3)), 990000);
	cr_expect_eq(surcharge_accrued(&in, ymd(2027, 1, 4)), 1000000);
	cr_expect_eq(surcharge_accrued(&in, ymd(2028, 1, 1)), 1000000);
	in.cap_percent = 50;
	cr_expect_eq(surcharge_accrued(&in, ymd(2028, 1, 1)), 500000);
}

Test(money, partial_payments_reduce_the_base_from_the_next_day)
{
	struct payment p[] = { { 0, 400000 }, { 0, 600000 } };
	struct surcharge_input in = fine(1000000, ymd(2026, 12, 1));

	p[0].paid_on = ymd(2026, 12, 3); /* day 2 still on the full fine */
	p[1].paid_on = ymd(2026, 12, 5);
	in.payments = p;
	in.npayments = 2;
	/* 12-02: 30,000; 12-03: 30,000; 12-04, 12-05: 18,000 each; then 0 */
	cr_expect_eq(surcharge_accrued(&in, ymd(2026, 12, 3)), 60000);
	cr_expect_eq(surcharge_accrued(&in, ymd(2026, 12, 5)), 96000);
	cr_expect_eq(surcharge_accrued(&in, ymd(2027, 6, 1)), 96000);
	cr_expect_eq(payments_total(p, 2, ymd(2026, 12, 4)), 400000);
	cr_expect_eq(payments_total(p, 2, ymd(2026, 12, 5)), 1000000);
}

Test(money, paid_on_the_due_date_owes_nothing)
{
	struct payment p = { 0, 1000000 };
	struct surcharge_input in = fine(1000000, ymd(2026, 12, 1));

	p.paid_on = ymd(2026, 12, 1);
	in.payments = &p;
	in.npayments = 1;
	cr_expect_eq(surcharge_accrued(&in, ymd(2027, 1, 1)), 0);
}

Test(money, reconsideration_days_do_not_accrue)
{
	struct date_span ex = { 0, 0 };
	struct surcharge_input in = fine(1000000, ymd(2026, 12, 1));

	ex.from = ymd(2026, 12, 3);
	ex.to = ymd(2026, 12, 13); /* resumed on the 13th: 10 days out */
	in.excluded = &ex;
	in.nexcluded = 1;
	/* 12-02, 12-13, 12-14 accrue */
	cr_expect_eq(surcharge_accrued(&in, ymd(2026, 12, 14)), 90000);
	ex.to = 0; /* still running */
	cr_expect_eq(surcharge_accrued(&in, ymd(2026, 12, 14)), 30000);
}

Test(money, fractions_of_a_fen_are_summed_before_rounding)
{
	struct surcharge_input in = fine(1001, ymd(2026, 12, 1));

	/* 3 % of 10.01 yuan is 30.03 fen a day */
	cr_expect_eq(surcharge_accrued(&in, ymd(2026, 12, 2)), 30);
	/* 34 days: 1,021.02 fen; rounding each day would give 1,020 */
	in.cap_percent = 200;
	cr_expect_eq(surcharge_accrued(&in, ymd(2027, 1, 4)), 1021);
	in.cap_percent = 100;
	cr_expect_eq(surcharge_accrued(&in, ymd(2027, 1, 4)), 1001);
}

Test(money, discretion_formula)
{
	/* ¥100,000 to ¥1,000,000; base 20 %, impact 18 %, duration 11 % */
	int factors[] = { 18, 11 };
	struct discretion dc = { 10000000, 100000000, 20, factors, 2 };
	struct buf why;

	buf_init(&why);
	cr_expect_eq(discretion_amount(&dc, &why), 49000000);
	cr_expect_not_null(strstr(why.data, "49%"));
	buf_free(&why);
	/* capped at 100 % */
	factors[0] = 70;
	factors[1] = 27;
	cr_expect_eq(discretion_amount(&dc, NULL), 100000000);
	/* clamped to the minimum */
	dc.base_percent = 0;
	factors[0] = factors[1] = 0;
	cr_expect_eq(discretion_amount(&dc, NULL), 10000000);
	/* rounded to the yuan, half up: 33 % of 333,333.33 yuan */
	dc.min_fen = 0;
	dc.max_fen = 33333333;
	dc.base_percent = 33;
	cr_expect_eq(discretion_amount(&dc, NULL), 11000000);
	dc.base_percent = 1;
	dc.max_fen = 5050; /* 50.5 fen rounds to one yuan */
	cr_expect_eq(discretion_amount(&dc, NULL), 100);
}

Test(money, yuan_format)
{
	char out[32];

	money_format_yuan(123456789, out, sizeof(out));
	cr_expect_str_eq(out, "1,234,567.89");
	money_format_yuan(5, out, sizeof(out));
	cr_expect_str_eq(out, "0.05");
	money_format_yuan(100000, out, sizeof(out));
	cr_expect_str_eq(out, "1,000.00");
	money_format_yuan(-2050, out, sizeof(out));
	cr_expect_str_eq(out, "-20.50");
}

static void
expect_yuan(const char *s, int64_t fen)
{
	int64_t out = -1;

	cr_assert(money_parse_yuan(s, &out), "refused: %s", s);
	cr_expect_eq(out, fen, "%s: %lld", s, (long long)out);
}

static void
expect_not_yuan(const char *s)
{
	int64_t out = 77;

	cr_expect_not(money_parse_yuan(s, &out), "accepted: %s", s);
	cr_expect_eq(out, 77, "%s changed the output", s);
}

Test(money, yuan_as_typed)
{
	expect_yuan("50000", 5000000);
	expect_yuan("50,000", 5000000);
	expect_yuan("1,234,567.89", 123456789);
	expect_yuan("1234.5", 123450);
	expect_yuan("0.05", 5);
	expect_yuan("0", 0);
	expect_yuan(" 300 ", 30000);
	expect_yuan("\xc2\xa5"
	            "1,000",
	    100000); /* ¥ */
	expect_yuan("\xef\xbf\xa5"
	            "20",
	    2000);                               /* fullwidth ￥ */
	expect_yuan("3000\xe5\x85\x83", 300000); /* 元 */
	expect_yuan("9999999999999.99", 999999999999999);
}

Test(money, yuan_refuses_what_is_not_an_amount)
{
	expect_not_yuan("");
	expect_not_yuan("   ");
	expect_not_yuan("-5");
	expect_not_yuan("+5");
	expect_not_yuan("1.234");
	expect_not_yuan("1.");
	expect_not_yuan(".5");
	expect_not_yuan("12,34");
	expect_not_yuan("1234,567");
	expect_not_yuan(",100");
	expect_not_yuan("100,");
	expect_not_yuan("1,000.5.5");
	expect_not_yuan("4\xe4\xb8\x87"); /* 4万 */
	expect_not_yuan("1e5");
	expect_not_yuan("10000000000000");
	expect_not_yuan(NULL);
}
