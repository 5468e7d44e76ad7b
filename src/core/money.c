/*
 * money.c — the late surcharge and the discretion formula.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "money.h"
#include "util.h"

int64_t
payments_total(const struct payment *p, size_t n, gs_date as_of)
{
	int64_t sum = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (p[i].paid_on <= as_of)
			sum += p[i].amount_fen;
	}
	return (sum);
}

static int
day_excluded(const struct surcharge_input *in, gs_date d)
{
	size_t i;

	for (i = 0; i < in->nexcluded; i++) {
		if (d >= in->excluded[i].from &&
		    (in->excluded[i].to == 0 || d < in->excluded[i].to))
			return (1);
	}
	return (0);
}

int64_t
surcharge_accrued(const struct surcharge_input *in, gs_date as_of)
{
	int64_t cap, unpaid, sum = 0; /* in 1/10000 fen */
	gs_date d;

	if (in->fine_fen <= 0 || in->due == 0 || in->rate_bp <= 0)
		return (0);
	cap = in->fine_fen * in->cap_percent / 100;
	for (d = in->due + 1; d <= as_of; d++) {
		if (day_excluded(in, d))
			continue;
		/* A payment made on day d does not spare day d. */
		unpaid = in->fine_fen -
		    payments_total(in->payments, in->npayments, d - 1);
		if (unpaid <= 0)
			break;
		sum += unpaid * in->rate_bp;
		if (sum / 10000 >= cap)
			return (cap);
	}
	return (sum / 10000);
}

int64_t
discretion_amount(const struct discretion *dc, struct buf *why)
{
	char min[32], max[32], out[32];
	int64_t amount;
	size_t i;
	int pct;

	pct = dc->base_percent;
	for (i = 0; i < dc->nfactors; i++)
		pct += dc->factor_percents[i];
	if (pct > 100)
		pct = 100;
	if (pct < 0)
		pct = 0;
	/* Round to the yuan, half up, then keep inside the statutory range. */
	amount = (dc->max_fen * pct / 100 + 50) / 100 * 100;
	if (amount < dc->min_fen)
		amount = dc->min_fen;
	if (amount > dc->max_fen)
		amount = dc->max_fen;
	if (why == NULL)
		return (amount);
	money_format_yuan(dc->max_fen, max, sizeof(max));
	money_format_yuan(dc->min_fen, min, sizeof(min));
	money_format_yuan(amount, out, sizeof(out));
	buf_printf(why, "（基础 %d%%", dc->base_percent);
	for (i = 0; i < dc->nfactors; i++)
		buf_printf(why, " + %d%%", dc->factor_percents[i]);
	buf_printf(why,
	    "，至多 100%%）= %d%% × 法定最高 %s 元，限于 [%s, %s] 元并取整到元："
	    "%s 元",
	    pct, max, min, max, out);
	return (amount);
}

void
money_format_yuan(int64_t fen, char *out, size_t len)
{
	char digits[32];
	size_t n, i, o = 0;
	int64_t yuan;
	int neg = fen < 0;

	if (neg)
		fen = -fen;
	yuan = fen / 100;
	n = (size_t)snprintf(digits, sizeof(digits), "%" PRId64, yuan);
	if (len == 0)
		return;
	if (neg && o + 1 < len)
		out[o++] = '-';
	for (i = 0; i < n && o + 1 < len; i++) {
		if (i > 0 && (n - i) % 3 == 0 && o + 1 < len)
			out[o++] = ',';
		if (o + 1 < len)
			out[o++] = digits[i];
	}
	out[o] = '\0';
	(void)snprintf(out + o, len - o, ".%02d", (int)(fen % 100));
}

#define YUAN_DIGITS_MAX \
	13 /* 10^13 yuan: far above any fine, far below overflow */

static int
skip_prefix(const char **s, const char *prefix)
{
	size_t n = strlen(prefix);

	if (strncmp(*s, prefix, n) != 0)
		return (0);
	*s += n;
	return (1);
}

int
money_parse_yuan(const char *s, int64_t *fen)
{
	const char *end;
	int64_t yuan = 0, cents = 0;
	int digits = 0, group = -1, decimals = 0;
	size_t len;

	if (s == NULL)
		return (GS_ERROR);
	while (*s == ' ')
		s++;
	if (!skip_prefix(&s, "\xc2\xa5"))              /* ¥ */
		(void)skip_prefix(&s, "\xef\xbf\xa5"); /* fullwidth ￥ */
	len = strlen(s);
	while (len > 0 && s[len - 1] == ' ')
		len--;
	if (len >= 3 && memcmp(s + len - 3, "\xe5\x85\x83", 3) == 0) /* 元 */
		len -= 3;
	end = s + len;
	for (; s < end && *s != '.'; s++) {
		if (*s == ',') {
			/* A separator after 1-3 digits, then groups of three. */
			if (digits == 0 || (group >= 0 && group != 3) ||
			    (group < 0 && digits > 3))
				return (GS_ERROR);
			group = 0;
			continue;
		}
		if (*s < '0' || *s > '9' || ++digits > YUAN_DIGITS_MAX)
			return (GS_ERROR);
		if (group >= 0)
			group++;
		yuan = yuan * 10 + (*s - '0');
	}
	if (digits == 0 || (group >= 0 && group != 3))
		return (GS_ERROR);
	if (s < end) { /* the '.' */
		for (s++; s < end; s++) {
			if (*s < '0' || *s > '9' || ++decimals > 2)
				return (GS_ERROR);
			cents = cents * 10 + (*s - '0');
		}
		if (decimals == 0)
			return (GS_ERROR);
		if (decimals == 1)
			cents *= 10;
	}
	*fen = yuan * 100 + cents;
	return (GS_OK);
}
