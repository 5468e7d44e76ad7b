/*
 * discretion.h — the fine discretion calculator (裁量, domain.md "Fine
 * discretion") over the violation types and factors in the database. The
 * arithmetic is core/money.c's discretion_amount().
 */
#ifndef GS_DB_DISCRETION_H
#define GS_DB_DISCRETION_H

#include "core/caseflow.h"
#include "core/util.h"
#include "db/db.h"

/*
 * The calculator's fine for violation_type with the tiers picked (factors
 * not picked count at tier 0) and, for types fined on the investment,
 * the investment. *amount is CASE_ASSESS_BAD_PICK for an unknown factor or
 * tier and CASE_ASSESS_NEEDS_INVESTMENT when the investment is missing.
 * The factors chosen and the derivation, in Chinese, are appended to why.
 * DB_NOTFOUND for an unknown violation type.
 */
/*
 * Row row of SQL_DISCRETION_FACTORS: its tiers' percentages into pct (at
 * most max; their count), and tier's label appended to out.
 */
size_t discretion_tiers(const PGresult *, int row, int *pct, size_t max);
void
discretion_tier_label(const PGresult *, int row, size_t tier, struct buf *out);

enum db_result db_discretion_assess(struct db *, const char *violation_type,
    const struct case_pick *picks, size_t npicks, int has_investment,
    int64_t investment_fen, int64_t *amount, struct buf *why);

#endif
