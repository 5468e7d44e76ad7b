/*
 * stats.h — the penalty statistics of a bureau for a date range (core/
 * stats.h assembles them; migrations/0014 counts them from the cases).
 */
#ifndef GS_DB_STATS_H
#define GS_DB_STATS_H

#include "core/stats.h"
#include "db/db.h"

/*
 * The report for [from, to] grouped by by, with the same range a year
 * earlier, as of today (the overdue figure depends on it); squads are
 * labelled by name. With a second connection (second not NULL, same
 * bureau) the year before is counted on it at the same time: a year of a
 * large bureau is most of a second of one backend's time. out is
 * initialised here; stats_free() it.
 */
enum db_result db_stats_penalties(struct db *, struct db *second,
    const char *bureau, gs_date from, gs_date to, enum stat_group_by by,
    gs_date today, struct stat_report *out);

#endif
