/*
 * clues.c — clue registration, assignment and outcome (see clues.h).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core/router.h"
#include "db/clues.h"
#include "db/holidays.h"
#include "db/org.h"
#include "db/rulebook.h"

static const struct code_label clue_outcomes[] = {
	{ "inspected", "已现场检查" },
	{ "case_proposed", "已提请立案" },
	{ "no_violation", "未发现违法" },
	{ "referred", "已移送其他部门" },
};

const char *
clue_outcome_label(const char *code)
{
	return (code_label_of(clue_outcomes, GS_NELEM(clue_outcomes), code));
}

static int
optional_uuid(const char *s)
{
	return (s == NULL || uuid_valid(s, strlen(s)));
}

static int
text_ok(const char *s, size_t min, size_t max)
{
	size_t n;

	if (s == NULL)
		return (min == 0);
	n = utf8_length(s, strlen(s));
	return (n >= min && n <= max);
}

static void
clue_new_validate(const struct clue_new *in, gs_date today, gs_date *received,
    struct verr *errs)
{
	if (in->source == NULL ||
	    code_label_find(clue_sources, CLUE_SOURCES, in->source) ==
	        CLUE_SOURCES)
		verr_add(errs, "source",
		    "线索来源只能是 public_report、online_monitoring、"
		    "double_random、patrol、assigned、referral、media 或 "
		    "campaign");
	if (!optional_uuid(in->entity_id))
		verr_add(errs, "entity_id", "当事人编号格式不正确");
	if (in->entity_id == NULL &&
	    (in->entity_name == NULL || *in->entity_name == '\0'))
		verr_add(errs, "entity_id",
		    "请选择当事人，或填写 entity_name（尚未入库的当事人名称）");
	if (!text_ok(in->entity_name, 0, 200))
		verr_add(errs, "entity_name", "当事人名称最多 200 字");
	if (in->received_on == NULL || !date_parse(in->received_on, received))
		verr_add(errs, "received_on", "请填写收到日期（YYYY-MM-DD）");
	else if (*received > today)
		verr_add(errs, "received_on", "收到日期不能晚于今天");
	if (!text_ok(in->summary, 1, 4000))
		verr_add(errs, "summary", "请填写线索内容（最多 4000 字）");
	if (!optional_uuid(in->squad_id))
		verr_add(errs, "squad_id", "中队编号格式不正确");
	if (!optional_uuid(in->assignee_id))
		verr_add(errs, "assignee_id", "承办人编号格式不正确");
}

/* The clue's filing day: the rulebook's period from receipt, holidays moved. */
static enum db_result
filing_due(struct db *d, const char *bureau, const char *received_s,
    gs_date received, char out[GS_DATE_STRLEN])
{
	struct calendar cal;
	enum db_result r;
	int64_t days;

	if ((r = db_rule_value(d, bureau, "clue.filing_decision_days",
	         received_s, &days)) != DB_OK)
		return (r);
	if ((r = db_calendar_span(d, bureau, received, received + days + 60,
	         &cal)) != DB_OK)
		return (r);
	date_format(calendar_add_days(&cal, received, (int)days), out);
	calendar_free(&cal);
	return (DB_OK);
}

/* The assignee must be one of the bureau's active officers. */
static enum db_result
assignee_check(struct db *d, const char *bureau, const char *assignee_id,
    struct verr *errs)
{
	PGresult *res;
	enum db_result r;

	if (assignee_id == NULL)
		return (DB_OK);
	r = db_officers_check(d, bureau, &assignee_id, 1, NULL, "assignee_id",
	    errs, &res, NULL);
	PQclear(res);
	return (r);
}

static void
clue_fk_error(const struct db *d, struct verr *errs)
{
	if (strstr(d->constraint, "entity") != NULL)
		verr_add(errs, "entity_id", "当事人不存在");
	else if (strstr(d->constraint, "squad") != NULL)
		verr_add(errs, "squad_id", "中队不存在");
	else
		verr_add(errs, "clue", "数据不符合要求");
}

enum db_result
db_clue_create(struct db *d, const struct db_actor *a,
    const struct clue_new *in, const char *today, struct verr *errs,
    char id[40])
{
	PGresult *res;
	gs_date now, received = 0;
	char due[GS_DATE_STRLEN];
	enum db_result r;

	if (!date_parse(today, &now))
		return (DB_ERROR);
	clue_new_validate(in, now, &received, errs);
	if (errs->n > 0)
		return (DB_INVALID);
	if ((r = db_begin_write(d, a)) != DB_OK)
		return (r);
	if ((r = assignee_check(d, a->bureau_id, in->assignee_id, errs)) !=
	        DB_OK ||
	    (r = filing_due(d, a->bureau_id, in->received_on, received, due)) !=
	        DB_OK)
		goto fail;
	r = DB_QUERY_ONE(d, SQL_CLUE_CREATE, &res, a->bureau_id, in->source,
	    in->entity_id, in->entity_id == NULL ? in->entity_name : "",
	    in->received_on, in->summary, in->squad_id, in->assignee_id,
	    a->user_id, due);
	if (r == DB_INVALID)
		clue_fk_error(d, errs);
	if (r != DB_OK)
		goto fail;
	(void)snprintf(id, 40, "%s", PQgetvalue(res, 0, 0));
	PQclear(res);
	return (db_commit(d));
fail:
	db_rollback(d);
	return (r);
}

enum db_result
db_clue_get(struct db *d, const char *bureau, const char *id, PGresult **res)
{
	if (!uuid_valid(id, strlen(id)))
		return (DB_NOTFOUND);
	return (DB_QUERY_ONE(d, SQL_CLUE_GET, res, bureau, id));
}

enum db_result
db_clue_list(struct db *d, const char *bureau, const struct clue_filter *f,
    const char *today, PGresult **res)
{
	char limit[16], offset[24];

	(void)snprintf(limit, sizeof(limit), "%d", f->per_page);
	(void)snprintf(offset, sizeof(offset), "%" PRId64,
	    (int64_t)(f->page - 1) * f->per_page);
	return (DB_QUERY(d, SQL_CLUE_LIST, res, bureau, f->open ? "t" : "f",
	    f->overdue ? today : NULL, f->source, f->assignee_id, f->squad_id,
	    f->q, limit, offset));
}

/*
 * Locks the clue and checks its version: DB_NOTFOUND, DB_CONFLICT (stale,
 * or closed when open_only) with the reason in errs.
 */
static enum db_result
clue_lock(struct db *d, const char *bureau, const char *id, int64_t version,
    int open_only, struct verr *errs)
{
	PGresult *res;
	enum db_result r;
	int64_t v;

	if (!uuid_valid(id, strlen(id)))
		return (DB_NOTFOUND);
	if ((r = DB_QUERY_ONE(d, SQL_CLUE_LOCK, &res, bureau, id)) != DB_OK)
		return (r);
	if (!parse_int64(PQgetvalue(res, 0, 0), &v) || v != version) {
		verr_add(errs, "version", "线索已被他人修改，请刷新后重试");
		r = DB_CONFLICT;
	} else if (open_only && !PQgetisnull(res, 0, 1)) {
		verr_add(errs, "outcome", "线索已有处理结果：%s",
		    clue_outcome_label(PQgetvalue(res, 0, 1)));
		r = DB_CONFLICT;
	}
	PQclear(res);
	return (r);
}

/* Runs an UPDATE of one clue (the version as its third parameter). */
static enum db_result
clue_update(struct db *d, const struct db_actor *a, const char *id,
    int64_t version, int open_only, struct verr *errs, enum sql_id q,
    const char *p4, const char *p5, const char *p6)
{
	char v[24];
	enum db_result r;

	if ((r = clue_lock(d, a->bureau_id, id, version, open_only, errs)) !=
	    DB_OK)
		return (r);
	(void)snprintf(v, sizeof(v), "%" PRId64, version);
	if (q == SQL_CLUE_ASSIGN)
		r = DB_QUERY_ONE(d, q, NULL, a->bureau_id, id, v, p4, p5);
	else
		r = DB_QUERY_ONE(d, q, NULL, a->bureau_id, id, v, p4, p5, p6);
	if (r == DB_INVALID)
		clue_fk_error(d, errs);
	return (r);
}

enum db_result
db_clue_assign(struct db *d, const struct db_actor *a, const char *id,
    int64_t version, const char *squad_id, const char *assignee_id,
    struct verr *errs)
{
	enum db_result r;

	if (!optional_uuid(squad_id))
		verr_add(errs, "squad_id", "中队编号格式不正确");
	if (!optional_uuid(assignee_id))
		verr_add(errs, "assignee_id", "承办人编号格式不正确");
	if (squad_id == NULL && assignee_id == NULL)
		verr_add(errs, "squad_id", "请指定承办中队或承办人");
	if (errs->n > 0)
		return (DB_INVALID);
	if ((r = db_begin_write(d, a)) != DB_OK)
		return (r);
	if ((r = assignee_check(d, a->bureau_id, assignee_id, errs)) != DB_OK ||
	    (r = clue_update(d, a, id, version, 0, errs, SQL_CLUE_ASSIGN,
	         squad_id, assignee_id, NULL)) != DB_OK) {
		db_rollback(d);
		return (r);
	}
	return (db_commit(d));
}

enum db_result
db_clue_outcome(struct db *d, const struct db_actor *a, const char *id,
    int64_t version, const char *outcome, const char *outcome_on,
    const char *note, const char *today, struct verr *errs)
{
	gs_date on, now;
	enum db_result r;

	if (outcome == NULL ||
	    code_label_find(clue_outcomes, GS_NELEM(clue_outcomes), outcome) ==
	        GS_NELEM(clue_outcomes))
		verr_add(errs, "outcome",
		    "处理结果只能是 inspected、case_proposed、no_violation 或 "
		    "referred");
	if (outcome_on == NULL || !date_parse(outcome_on, &on))
		verr_add(errs, "outcome_on", "请填写处理日期（YYYY-MM-DD）");
	else if (date_parse(today, &now) && on > now)
		verr_add(errs, "outcome_on", "处理日期不能晚于今天");
	if (!text_ok(note, 0, 2000))
		verr_add(errs, "note", "说明最多 2000 字");
	if (outcome != NULL && strcmp(outcome, "referred") == 0 &&
	    !text_ok(note, 1, 2000))
		verr_add(errs, "note", "移送其他部门时请写明移送单位");
	if (errs->n > 0)
		return (DB_INVALID);
	if ((r = db_begin_write(d, a)) != DB_OK)
		return (r);
	if ((r = clue_update(d, a, id, version, 1, errs, SQL_CLUE_OUTCOME,
	         outcome, outcome_on, note != NULL ? note : "")) != DB_OK) {
		db_rollback(d);
		return (r);
	}
	return (db_commit(d));
}

enum db_result
db_clue_clock_load(struct db *d, const char *bureau, const char *today,
    struct clue_clock *c)
{
	int64_t soon;
	enum db_result r;

	if (!date_parse(today, &c->today))
		return (DB_ERROR);
	if ((r = db_rule_value(d, bureau, "deadline.due_soon_working_days",
	         today, &soon)) != DB_OK)
		return (r);
	c->due_soon_wd = (int)soon;
	/* Open clues fall due within the filing period (+ extension) ahead. */
	return (db_calendar_span(d, bureau, c->today - 400, c->today + 60,
	    &c->cal));
}

void
clue_clock_free(struct clue_clock *c)
{
	calendar_free(&c->cal);
}

enum deadline_status
clue_status(const struct clue_clock *c, const PGresult *res, int row)
{
	gs_date due, met = 0;

	if (!date_parse(PQgetvalue(res, row, CLC_FILING_DUE_ON), &due))
		return (DS_OPEN);
	if (!PQgetisnull(res, row, CLC_OUTCOME_ON))
		(void)date_parse(PQgetvalue(res, row, CLC_OUTCOME_ON), &met);
	return (
	    deadline_status_of(&c->cal, c->today, due, met, c->due_soon_wd));
}
