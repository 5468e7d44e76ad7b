/*
 * rulebook.c — versioned rules (see rulebook.h).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/calendar.h"
#include "core/log.h"
#include "db/rulebook.h"

enum db_result
db_rule_list(struct db *d, const char *bureau, const char *date,
    PGresult **rows)
{
	return (DB_QUERY(d, SQL_RULE_LIST, rows, bureau, date));
}

enum db_result
db_rule_history(struct db *d, const char *bureau, const char *key,
    PGresult **rows)
{
	return (DB_QUERY(d, SQL_RULE_HISTORY, rows, bureau, key));
}

enum db_result
db_rule_value(struct db *d, const char *bureau, const char *key,
    const char *date, int64_t *value)
{
	PGresult *res;
	enum db_result r;

	r = DB_QUERY_ONE(d, SQL_RULE_VALUE, &res, bureau, key, date);
	if (r == DB_ERROR && strcmp(d->sqlstate, "P0002") == 0)
		return (DB_NOTFOUND);
	if (r != DB_OK)
		return (r);
	*value = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	PQclear(res);
	return (DB_OK);
}

static int
rule_check(struct db *d, const char *key, int64_t value, const char *from,
    const char *note, struct verr *errs, enum db_result *r)
{
	PGresult *def;
	int64_t min, max;
	gs_date dt;

	if ((*r = DB_QUERY_ONE(d, SQL_RULE_DEF, &def, key)) != DB_OK)
		return (0);
	min = strtoll(PQgetvalue(def, 0, 3), NULL, 10);
	max = strtoll(PQgetvalue(def, 0, 4), NULL, 10);
	PQclear(def);
	if (value < min || value > max)
		verr_add(errs, "value",
		    "取值应在 %" PRId64 " 到 %" PRId64 " 之间", min, max);
	if (from == NULL || !date_parse(from, &dt))
		verr_add(errs, "effective_from", "生效日期应为 YYYY-MM-DD");
	if (note != NULL && utf8_length(note, strlen(note)) > 200)
		verr_add(errs, "note", "说明最多200个字");
	if (errs->n > 0) {
		*r = DB_INVALID;
		return (0);
	}
	return (1);
}

enum db_result
db_rule_set(struct db *d, const struct db_actor *a, const char *key,
    int64_t value, const char *from, const char *note, struct verr *errs)
{
	PGresult *latest;
	char v[24], before[GS_DATE_STRLEN];
	gs_date start, prev;
	enum db_result r;

	if (!rule_check(d, key, value, from, note, errs, &r))
		return (r);
	(void)date_parse(from, &start);
	(void)snprintf(v, sizeof(v), "%" PRId64, value);
	if ((r = db_begin_write(d, a)) != DB_OK)
		return (r);
	r = DB_QUERY(d, SQL_RULE_LATEST_LOCK, &latest, a->bureau_id, key);
	if (r != DB_OK)
		goto fail;
	if (PQntuples(latest) == 1) {
		(void)date_parse(PQgetvalue(latest, 0, 1), &prev);
		if (start <= prev) {
			verr_add(errs, "effective_from",
			    "生效日期须晚于现行版本的生效日期 %s",
			    PQgetvalue(latest, 0, 1));
			PQclear(latest);
			r = DB_INVALID;
			goto fail;
		}
		date_format(start - 1, before);
		r = DB_QUERY(d, SQL_RULE_CLOSE, NULL, PQgetvalue(latest, 0, 0),
		    before);
	}
	PQclear(latest);
	if (r == DB_OK)
		r = DB_QUERY(d, SQL_RULE_INSERT, NULL, a->bureau_id, key, v,
		    from, note ? note : "", a->user_id);
	if (r != DB_OK)
		goto fail;
	return (db_commit(d));
fail:
	db_rollback(d);
	return (r);
}

enum db_result
db_rule_values(const PGresult *res, int from, int to, int col, int n,
    int64_t *out)
{
	uint8_t seen[64] = { 0 };
	int64_t i;
	int row, have = 0;

	if (n < 1 || n > (int)sizeof(seen))
		return (DB_ERROR);
	for (row = from; row < to; row++) {
		if (!parse_int64(PQgetvalue(res, row, col - 1), &i) || i < 1 ||
		    i > n)
			continue;
		/* Two spans of one rule must not cover the same day. */
		if (seen[i - 1]++) {
			gs_log(LOG_LEVEL_ERROR, "rulebook: two values of %s",
			    PQgetvalue(res, row, col + 1));
			return (DB_ERROR);
		}
		if (PQgetisnull(res, row, col) ||
		    !parse_int64(PQgetvalue(res, row, col), &out[i - 1])) {
			gs_log(LOG_LEVEL_ERROR, "rulebook: no value of %s",
			    PQgetvalue(res, row, col + 1));
			return (DB_ERROR);
		}
		have++;
	}
	if (have != n) {
		gs_log(LOG_LEVEL_ERROR, "rulebook: %d of %d rules", have, n);
		return (DB_ERROR);
	}
	return (DB_OK);
}
