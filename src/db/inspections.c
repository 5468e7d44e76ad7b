/*
 * inspections.c — on-site inspections (see inspections.h).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core/calendar.h"
#include "core/router.h"
#include "db/inspections.h"
#include "db/org.h"
#include "db/rulebook.h"

static const struct code_label inspection_outcomes[] = {
	{ "compliant", "未发现违法" },
	{ "violation_found", "发现违法行为" },
	{ "correction_ordered", "责令改正" },
};

const char *
inspection_outcome_label(const char *code)
{
	return (code_label_of(inspection_outcomes,
	    GS_NELEM(inspection_outcomes), code));
}

static int
uuid_or_null(const char *s)
{
	return (s == NULL || uuid_valid(s, strlen(s)));
}

static void
inspection_validate(const struct inspection_new *in, gs_date today,
    struct verr *errs)
{
	gs_date on;
	size_t n;

	if (in->entity_id == NULL ||
	    !uuid_valid(in->entity_id, strlen(in->entity_id)))
		verr_add(errs, "entity_id", "请选择被检查的单位");
	if (!uuid_or_null(in->clue_id))
		verr_add(errs, "clue_id", "线索编号格式不正确");
	if (!uuid_or_null(in->draw_id))
		verr_add(errs, "draw_id", "抽查编号格式不正确");
	if (in->inspected_on == NULL || !date_parse(in->inspected_on, &on))
		verr_add(errs, "inspected_on", "请填写检查日期（YYYY-MM-DD）");
	else if (on > today)
		verr_add(errs, "inspected_on", "检查日期不能晚于今天");
	n = in->findings_md != NULL ?
	    utf8_length(in->findings_md, strlen(in->findings_md)) :
	    0;
	if (n == 0 || n > 100000)
		verr_add(errs, "findings_md", "请填写检查情况（最多 10 万字）");
	if (in->outcome == NULL ||
	    code_label_find(inspection_outcomes, GS_NELEM(inspection_outcomes),
	        in->outcome) == GS_NELEM(inspection_outcomes))
		verr_add(errs, "outcome",
		    "检查结论只能是 compliant、violation_found 或 "
		    "correction_ordered");
}

/* At least the rulebook's number of officers, each certified that day. */
static enum db_result
inspectors_check(struct db *d, const char *bureau,
    const struct inspection_new *in, struct verr *errs, PGresult **rows,
    const char **certs)
{
	int64_t min;
	enum db_result r;

	*rows = NULL;
	if ((r = db_rule_value(d, bureau, "investigation.min_officers",
	         in->inspected_on, &min)) != DB_OK)
		return (r);
	if ((int64_t)in->ninspectors < min) {
		verr_add(errs, "inspector_ids",
		    "现场检查须由至少 %" PRId64 " 名持有效执法证的执法人员进行",
		    min);
		return (DB_INVALID);
	}
	return (db_officers_check(d, bureau, in->inspector_ids, in->ninspectors,
	    in->inspected_on, "inspector_ids", errs, rows, certs));
}

static void
inspection_fk_error(const struct db *d, struct verr *errs)
{
	if (strstr(d->constraint, "entity") != NULL)
		verr_add(errs, "entity_id", "被检查的单位不存在");
	else if (strstr(d->constraint, "clue") != NULL)
		verr_add(errs, "clue_id", "线索不存在");
	else
		verr_add(errs, "inspection", "数据不符合要求");
}

enum db_result
db_inspection_create(struct db *d, const struct db_actor *a,
    const struct inspection_new *in, const char *today, struct verr *errs,
    char id[40])
{
	const char *certs[INSPECTION_OFFICERS_MAX];
	PGresult *res, *officers = NULL;
	gs_date now;
	enum db_result r;
	size_t i;

	if (!date_parse(today, &now))
		return (DB_ERROR);
	inspection_validate(in, now, errs);
	if (in->ninspectors > INSPECTION_OFFICERS_MAX)
		verr_add(errs, "inspector_ids", "检查人员最多 %d 名",
		    INSPECTION_OFFICERS_MAX);
	if (errs->n > 0)
		return (DB_INVALID);
	if ((r = db_begin_write(d, a)) != DB_OK)
		return (r);
	if ((r = inspectors_check(d, a->bureau_id, in, errs, &officers,
	         certs)) != DB_OK)
		goto fail;
	r = DB_QUERY_ONE(d, SQL_INSPECTION_CREATE, &res, a->bureau_id,
	    in->entity_id, in->clue_id, in->draw_id, in->inspected_on,
	    in->findings_md, in->outcome, a->user_id);
	if (r == DB_INVALID)
		inspection_fk_error(d, errs);
	if (r != DB_OK)
		goto fail;
	(void)snprintf(id, 40, "%s", PQgetvalue(res, 0, 0));
	PQclear(res);
	for (i = 0; i < in->ninspectors; i++)
		if ((r = DB_QUERY(d, SQL_INSPECTION_OFFICER_ADD, NULL,
		         a->bureau_id, id, in->inspector_ids[i], certs[i])) !=
		    DB_OK)
			goto fail;
	if (in->clue_id != NULL &&
	    (r = DB_QUERY(d, SQL_CLUE_CLOSE_IF_OPEN, NULL, a->bureau_id,
	         in->clue_id, "inspected", in->inspected_on)) != DB_OK)
		goto fail;
	PQclear(officers);
	return (db_commit(d));
fail:
	PQclear(officers);
	db_rollback(d);
	return (r);
}

enum db_result
db_inspection_get(struct db *d, const char *bureau, const char *id,
    PGresult **row, PGresult **officers)
{
	enum db_result r;

	*officers = NULL;
	if (!uuid_valid(id, strlen(id)))
		return (DB_NOTFOUND);
	if ((r = DB_QUERY_ONE(d, SQL_INSPECTION_GET, row, bureau, id)) != DB_OK)
		return (r);
	if ((r = DB_QUERY(d, SQL_INSPECTION_OFFICERS, officers, bureau, id)) !=
	    DB_OK) {
		PQclear(*row);
		*row = NULL;
	}
	return (r);
}

enum db_result
db_inspection_list(struct db *d, const char *bureau,
    const struct inspection_filter *f, PGresult **res)
{
	char limit[16], offset[24];

	(void)snprintf(limit, sizeof(limit), "%d", f->per_page);
	(void)snprintf(offset, sizeof(offset), "%" PRId64,
	    (int64_t)(f->page - 1) * f->per_page);
	return (DB_QUERY(d, SQL_INSPECTION_LIST, res, bureau, f->entity_id,
	    f->on, f->officer_id, f->clue_id, limit, offset));
}
