/*
 * evidence.c — evidence rows and the custody log (see evidence.h).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core/router.h"
#include "db/evidence.h"

/* 行政处罚法 art. 46. */
const struct code_label evidence_kinds[EVIDENCE_KINDS] = {
	{ "documentary", "书证" },
	{ "physical", "物证" },
	{ "audiovisual", "视听资料" },
	{ "electronic", "电子数据" },
	{ "witness", "证人证言" },
	{ "statement", "当事人陈述" },
	{ "expert_opinion", "鉴定意见" },
	{ "onsite_record", "勘验笔录、现场笔录" },
	{ "monitoring_report", "监测报告" },
};

const char *
evidence_kind_label(const char *code)
{
	return (code_label_of(evidence_kinds, EVIDENCE_KINDS, code));
}

int
evidence_validate(const struct evidence_new *in, const char *today,
    struct verr *errs)
{
	gs_date d, t;

	if (code_label_find(evidence_kinds, EVIDENCE_KINDS, in->kind) ==
	    EVIDENCE_KINDS)
		verr_add(errs, "kind",
		    "证据种类只能是 documentary、physical、audiovisual、"
		    "electronic、witness、statement、expert_opinion、"
		    "onsite_record 或 monitoring_report");
	if (in->description == NULL || *in->description == '\0')
		verr_add(errs, "description", "请填写证据说明");
	else if (utf8_length(in->description, strlen(in->description)) > 2000)
		verr_add(errs, "description", "证据说明最多 2000 字");
	if (in->collected_on == NULL || !date_parse(in->collected_on, &d))
		verr_add(errs, "collected_on", "请填写收集日期（YYYY-MM-DD）");
	else if (date_parse(today, &t) && d > t)
		verr_add(errs, "collected_on", "收集日期不能晚于今天");
	if ((in->lat == NULL) != (in->lng == NULL))
		verr_add(errs, in->lat == NULL ? "lat" : "lng",
		    "经纬度须同时填写");
	if (in->filename == NULL || *in->filename == '\0')
		verr_add(errs, "file", "请选择要上传的文件");
	return (errs->n == 0);
}

enum db_result
db_evidence_create(struct db *d, const struct case_actor *ca,
    const struct evidence_new *in, struct verr *errs, char id[40])
{
	PGresult *res;
	const char *state;
	char size[24];
	enum db_result r;

	if ((r = db_begin_write(d, &ca->a)) != DB_OK)
		return (r);
	if ((r = DB_QUERY_ONE(d, SQL_CASE_STATE_SHARE, &res, ca->a.bureau_id,
	         in->case_id)) != DB_OK)
		goto fail;
	state = PQgetvalue(res, 0, 0);
	if (case_state_final(case_state_from(state))) {
		verr_add(errs, "case", "案件已%s，不能再添加证据",
		    case_state_label(case_state_from(state)));
		PQclear(res);
		r = DB_CONFLICT;
		goto fail;
	}
	PQclear(res);
	(void)snprintf(size, sizeof(size), "%" PRId64, in->size);
	r = DB_QUERY_ONE(d, SQL_EVIDENCE_CREATE, &res, ca->a.bureau_id,
	    in->case_id, in->kind, in->description, in->collected_on,
	    ca->a.user_id, in->lat, in->lng, in->sha256, size, in->filename,
	    in->content_type != NULL ? in->content_type :
	                               "application/octet-stream",
	    ca->a.user_id);
	if (r == DB_INVALID)
		verr_add(errs, "lat", "经纬度超出范围");
	if (r != DB_OK)
		goto fail;
	(void)snprintf(id, 40, "%s", PQgetvalue(res, 0, 0));
	PQclear(res);
	if ((r = db_evidence_custody(d, ca, id, "uploaded")) != DB_OK)
		goto fail;
	return (db_commit(d));
fail:
	db_rollback(d);
	return (r);
}

enum db_result
db_evidence_custody(struct db *d, const struct case_actor *ca,
    const char *evidence_id, const char *action)
{
	return (DB_QUERY(d, SQL_EVIDENCE_CUSTODY_ADD, NULL, ca->a.bureau_id,
	    evidence_id, action, ca->a.user_id, ca->display_name));
}

enum db_result
db_evidence_exported(struct db *d, const struct case_actor *ca,
    const char *case_id)
{
	return (DB_QUERY(d, SQL_EVIDENCE_CUSTODY_EXPORTED, NULL,
	    ca->a.bureau_id, case_id, ca->a.user_id, ca->display_name));
}
