/*
 * money.h — amounts in integer fen: the late surcharge (加处罚款) and the
 * fine discretion formula (裁量). Pure arithmetic; rule values arrive as
 * arguments.
 */
#ifndef GS_CORE_MONEY_H
#define GS_CORE_MONEY_H

#include <stddef.h>
#include <stdint.h>

#include "core/calendar.h"
#include "core/util.h"

struct payment {
	gs_date paid_on;
	int64_t amount_fen;
};

/* The days from <= d < to that do not count; to == 0 while still running. */
struct date_span {
	gs_date from;
	gs_date to;
};

struct surcharge_input {
	int64_t fine_fen;
	gs_date due;     /* last day to pay; accrual starts the day after */
	int rate_bp;     /* per day, of the unpaid fine: 300 = 3 % */
	int cap_percent; /* of the fine: 100 */
	const struct payment *payments;
	size_t npayments;
	const struct date_span *excluded; /* reconsideration, litigation */
	size_t nexcluded;
};

/*
 * The surcharge accrued up to and including as_of (行政处罚法 art. 72,
 * 行政强制法 art. 45): for each day after the due date that is not
 * excluded, rate_bp of the fine still unpaid at the start of that day
 * (payments go to the fine first), summed in exact fractions of a fen,
 * rounded down, capped at cap_percent of the fine.
 */
int64_t surcharge_accrued(const struct surcharge_input *, gs_date as_of);

/* Sum of payments made on or before as_of. */
int64_t payments_total(const struct payment *, size_t, gs_date as_of);

/* One discretion factor as chosen: its tier's percentage. */
struct discretion {
	int64_t min_fen;
	int64_t max_fen;
	int base_percent;
	const int *factor_percents;
	size_t nfactors;
};

/*
 * domain.md "Fine discretion": min(100 %, base + sum of factors) x the
 * statutory maximum, rounded to the yuan (half up), clamped to [min, max].
 * Appends the derivation in Chinese to why unless it is NULL.
 */
int64_t discretion_amount(const struct discretion *, struct buf *why);

/* "12,345.67" for display (元 with two decimals, thousands separated). */
void money_format_yuan(int64_t fen, char *out, size_t len);
/*
 * An amount as a person types it in yuan into *fen: "50000", "50,000",
 * "1234.5", "¥1,234.56", "3000元"; spaces around it are ignored. GS_ERROR,
 * *fen unchanged, for anything else: a sign, more than two decimals,
 * thousands separators out of place, or more than 10^13 yuan.
 */
int money_parse_yuan(const char *s, int64_t *fen);

#endif
