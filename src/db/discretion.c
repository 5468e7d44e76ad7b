/*
 * discretion.c — the discretion calculator over the database (see
 * discretion.h).
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "core/money.h"
#include "db/discretion.h"

#define FACTORS_MAX 16
#define TIERS_MAX 8

/* The integers of a PostgreSQL int[] literal "{0,6,18}"; their count. */
static size_t
int_array(const char *lit, int *out, size_t max)
{
	const char *p = lit;
	char *end;
	size_t n = 0;
	long v;

	if (*p++ != '{')
		return (0);
	while (*p != '\0' && *p != '}' && n < max) {
		v = strtol(p, &end, 10);
		if (end == p)
			return (0);
		out[n++] = (int)v;
		p = *end == ',' ? end + 1 : end;
	}
	return (n);
}

/* Element i of a text[] literal of plain words "{轻微,一般}" into out. */
static void
text_element(const char *lit, size_t i, struct buf *out)
{
	const char *p = lit + 1, *e;

	while (i-- > 0 && (p = strchr(p, ',')) != NULL)
		p++;
	if (p == NULL)
		return;
	e = p + strcspn(p, ",}");
	buf_append(out, p, (size_t)(e - p));
}

size_t
discretion_tiers(const PGresult *res, int row, int *pct, size_t max)
{
	return (int_array(PQgetvalue(res, row, 2), pct, max));
}

void
discretion_tier_label(const PGresult *res, int row, size_t tier,
    struct buf *out)
{
	text_element(PQgetvalue(res, row, 3), tier, out);
}

/* The tier picked for code: 0 when not picked, -1 when picked twice. */
static int64_t
picked_tier(const struct case_pick *picks, size_t n, const char *code,
    size_t *used)
{
	int64_t tier = 0;
	size_t i, seen = 0;

	for (i = 0; i < n; i++) {
		if (strcmp(picks[i].code, code) == 0) {
			tier = picks[i].tier;
			seen++;
		}
	}
	*used += seen;
	return (seen > 1 ? -1 : tier);
}

/*
 * The factors' percentages for the picks, with their names and tiers
 * appended to why; the count, or -1 for an unknown factor or tier.
 */
static int
factor_percents(const PGresult *res, const struct case_pick *picks,
    size_t npicks, int *pct, struct buf *why)
{
	int tiers[TIERS_MAX];
	size_t used = 0, ntiers;
	int64_t tier;
	int row;

	for (row = 0; row < PQntuples(res) && row < FACTORS_MAX; row++) {
		ntiers = discretion_tiers(res, row, tiers, TIERS_MAX);
		tier =
		    picked_tier(picks, npicks, PQgetvalue(res, row, 0), &used);
		if (tier < 0 || (size_t)tier >= ntiers)
			return (-1);
		pct[row] = tiers[tier];
		buf_printf(why, "%s：", PQgetvalue(res, row, 1));
		discretion_tier_label(res, row, (size_t)tier, why);
		buf_printf(why, " %d%%；", pct[row]);
	}
	return (used == npicks ? row : -1);
}

enum db_result
db_discretion_assess(struct db *d, const char *violation_type,
    const struct case_pick *picks, size_t npicks, int has_investment,
    int64_t investment_fen, int64_t *amount, struct buf *why)
{
	struct discretion dc;
	PGresult *vt, *factors;
	int pct[FACTORS_MAX], n;
	int64_t v[5];
	enum db_result r;
	int i;

	if ((r = DB_QUERY_ONE(d, SQL_VIOLATION_TYPE_RANGE, &vt,
	         violation_type)) != DB_OK)
		return (r);
	for (i = 0; i < 5; i++)
		(void)parse_int64(PQgetvalue(vt, 0, i + 1), &v[i]);
	memset(&dc, 0, sizeof(dc));
	dc.min_fen = v[0];
	dc.max_fen = v[1];
	dc.base_percent = (int)v[4];
	if (strcmp(PQgetvalue(vt, 0, 0), "investment") == 0) {
		PQclear(vt);
		if (!has_investment || investment_fen <= 0) {
			*amount = CASE_ASSESS_NEEDS_INVESTMENT;
			return (DB_OK);
		}
		/* Basis points of the investment (e.g. 1 %–5 % for no EIA). */
		dc.min_fen = investment_fen / 10000 * v[2];
		dc.max_fen = investment_fen / 10000 * v[3];
		buf_printf(why,
		    "按总投资额 %" PRId64 " 分的 %" PRId64 "‱–%" PRId64
		    "‱ 计罚；",
		    investment_fen, v[2], v[3]);
	} else
		PQclear(vt);
	if ((r = db_query(d, SQL_DISCRETION_FACTORS, &factors, 0, NULL)) !=
	    DB_OK)
		return (r);
	n = factor_percents(factors, picks, npicks, pct, why);
	PQclear(factors);
	if (n < 0) {
		*amount = CASE_ASSESS_BAD_PICK;
		return (DB_OK);
	}
	dc.factor_percents = pct;
	dc.nfactors = (size_t)n;
	*amount = discretion_amount(&dc, why);
	return (DB_OK);
}
