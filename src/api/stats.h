/*
 * api/stats.h — what the statistics' faces share: the query (from, to,
 * group_by) read the same way by the JSON API, the exports and the page,
 * and the report loaded for it.
 */
#ifndef GS_API_STATS_H
#define GS_API_STATS_H

#include "core/stats.h"
#include "web/web.h"

struct stats_request {
	gs_date from, to; /* inclusive; this year so far by default */
	enum stat_group_by by;
	gs_date today;
};

/* Reads ?from=&to=&group_by=; GS_ERROR with errs naming the field. */
int
stats_request_read(struct web_ctx *, struct stats_request *, struct verr *errs);
/* The report for q; GS_ERROR when the database failed (answered). */
int stats_report_load(struct web_ctx *, const struct stats_request *q,
    struct stat_report *r);
/* The report as the API's JSON object. */
void stats_json(struct json_writer *, const struct stat_report *);

#endif
