/*
 * rulebook.h — the bureau's rules (every number of the law), versioned by
 * effective date. A change never overwrites: it closes the current version
 * the day before the new one starts.
 */
#ifndef GS_DB_RULEBOOK_H
#define GS_DB_RULEBOOK_H

#include <stdint.h>

#include "core/verr.h"
#include "db/db.h"

/*
 * Every rule with its value on date (YYYY-MM-DD): key, category, label,
 * unit, value, effective_from, source, unconfirmed, min, max, default,
 * number of versions.
 */
enum db_result db_rule_list(struct db *, const char *bureau, const char *date,
    PGresult **rows);
/* The versions of one rule, newest first. */
enum db_result db_rule_history(struct db *, const char *bureau, const char *key,
    PGresult **rows);
/*
 * A new version of key from effective_from (YYYY-MM-DD, after the current
 * version's start). DB_NOTFOUND for an unknown key; DB_INVALID with errs
 * (value out of its range, a bad or too early date, a note too long).
 */
enum db_result db_rule_set(struct db *, const struct db_actor *,
    const char *key, int64_t value, const char *effective_from,
    const char *note, struct verr *errs);
/*
 * The values of n rules read in one statement (CASE_CONTEXT, MEASURE_RULES):
 * rows [from, to) of res, each with the rule's position (1..n) in column
 * col - 1, its value in col and its key in col + 1. A rule with no value
 * on the day, or two, is a configuration error: logged with its key,
 * DB_ERROR.
 */
enum db_result db_rule_values(const PGresult *res, int from, int to, int col,
    int n, int64_t *out);
/* The value of key on date; DB_NOTFOUND when none applies. */
enum db_result db_rule_value(struct db *, const char *bureau, const char *key,
    const char *date, int64_t *value);

#endif
