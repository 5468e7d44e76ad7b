/*
 * stats.c — the penalty statistics (see stats.h): the range and the year
 * before counted side by side on two connections (or one after the other
 * in one round trip on one), with the squads' names.
 */
#include <stdio.h>
#include <string.h>

#include "core/log.h"
#include "db/stats.h"

/* Adds every row of res (key, figure, value) to r. */
static enum db_result
rows_add(struct stat_report *r, int prev, const PGresult *res)
{
	int64_t n;
	int row;

	for (row = 0; row < PQntuples(res); row++) {
		if (!parse_int64(PQgetvalue(res, row, 2), &n) ||
		    !stats_add(r, prev,
		        PQgetisnull(res, row, 0) ? NULL :
		                                   PQgetvalue(res, row, 0),
		        PQgetvalue(res, row, 1), n)) {
			gs_log(LOG_LEVEL_ERROR, "statistics: figure %s unknown",
			    PQgetvalue(res, row, 1));
			return (DB_ERROR);
		}
	}
	return (DB_OK);
}

/* The squad of key (its id) by name, from SQUAD_LIST (id, name, ...). */
static void
squad_label(const char *key, char *out, size_t len, void *arg)
{
	const PGresult *squads = arg;
	int row;

	for (row = 0; *key != '\0' && row < PQntuples(squads); row++) {
		if (strcmp(PQgetvalue(squads, row, 0), key) == 0) {
			(void)snprintf(out, len, "%s",
			    PQgetvalue(squads, row, 1));
			return;
		}
	}
	(void)snprintf(out, len, "%s", *key == '\0' ? "未分配中队" : key);
}

/* Township and industry keys are their names; an empty one is none. */
static void
plain_label(const char *key, char *out, size_t len, void *arg)
{
	(void)arg;
	(void)snprintf(out, len, "%s", *key == '\0' ? "（未登记）" : key);
}

enum db_result
db_stats_penalties(struct db *d, struct db *second, const char *bureau,
    gs_date from, gs_date to, enum stat_group_by by, gs_date today,
    struct stat_report *out)
{
	char f[GS_DATE_STRLEN], t[GS_DATE_STRLEN], pf[GS_DATE_STRLEN],
	    pt[GS_DATE_STRLEN], now[GS_DATE_STRLEN];
	const char *group = stat_group_by_code(by);
	/* The range and the squads, then the year before. */
	struct db_step steps[] = {
		DB_STEP(SQL_STATS_PENALTIES, bureau, f, t, group, now),
		DB_STEP(SQL_SQUAD_LIST, bureau),
		DB_STEP(SQL_STATS_PENALTIES, bureau, pf, pt, group, now),
	};
	PGresult *res[3];
	enum db_result r;
	int i;

	stats_init(out, from, to, by);
	date_format(from, f);
	date_format(to, t);
	date_format(out->prev_from, pf);
	date_format(out->prev_to, pt);
	date_format(today, now);
	r = second != NULL ?
	    db_pipeline_pair(d, steps, 2, res, second, steps + 2, 1, res + 2) :
	    db_pipeline(d, steps, 3, res);
	if (r != DB_OK) {
		stats_free(out);
		return (r);
	}
	/* The range first: its groups come before the year before's. */
	if ((r = rows_add(out, 0, res[0])) == DB_OK &&
	    (r = rows_add(out, 1, res[2])) == DB_OK)
		stats_finish(out, by == SG_SQUAD ? squad_label : plain_label,
		    res[1]);
	for (i = 0; i < 3; i++)
		PQclear(res[i]);
	if (r != DB_OK)
		stats_free(out);
	return (r);
}
