/*
 * audit.c — verification of the hash chain and named audit events.
 * The chain itself is written by the database (gs_audit_link trigger).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core/audit.h"
#include "core/log.h"
#include "core/util.h"
#include "db/audit.h"

#define AUDIT_BATCH "5000"

static int
audit_check_row(const PGresult *res, int row, uint8_t prev[AUDIT_HASH_LEN],
    int64_t expect_seq, struct audit_report *rep)
{
	const char *fields[AUDIT_NFIELDS];
	uint8_t stored_prev[AUDIT_HASH_LEN], stored[AUDIT_HASH_LEN];
	uint8_t computed[AUDIT_HASH_LEN];
	int64_t seq;
	int i;

	for (i = 0; i < AUDIT_NFIELDS; i++)
		fields[i] = db_value(res, row, i);
	if (!parse_int64(fields[0], &seq))
		seq = -1;
	rep->broken_seq = seq;

	if (seq != expect_seq) {
		(void)snprintf(rep->problem, sizeof(rep->problem),
		    "序号不连续：应为 %" PRId64 "，实为 %" PRId64, expect_seq,
		    seq);
		rep->broken_seq = expect_seq;
		return (0);
	}
	if (!hex_decode(PQgetvalue(res, row, 12), stored_prev,
	        AUDIT_HASH_LEN) ||
	    !hex_decode(PQgetvalue(res, row, 13), stored, AUDIT_HASH_LEN)) {
		(void)snprintf(rep->problem, sizeof(rep->problem),
		    "哈希值格式错误");
		return (0);
	}
	if (memcmp(stored_prev, prev, AUDIT_HASH_LEN) != 0) {
		(void)snprintf(rep->problem, sizeof(rep->problem),
		    "前一记录哈希不符（记录被删除或替换）");
		return (0);
	}
	audit_link(prev, fields, computed);
	if (memcmp(computed, stored, AUDIT_HASH_LEN) != 0) {
		(void)snprintf(rep->problem, sizeof(rep->problem),
		    "记录内容与哈希不符（记录被篡改）");
		return (0);
	}
	memcpy(prev, stored, AUDIT_HASH_LEN);
	return (1);
}

static int
audit_check_head(struct db *d, const char *bureau_id, int64_t last_seq,
    const uint8_t last[AUDIT_HASH_LEN], struct audit_report *rep)
{
	PGresult *res;
	uint8_t head[AUDIT_HASH_LEN];
	int64_t seq;
	enum db_result r;

	r = DB_QUERY(d, SQL_AUDIT_HEAD, &res, bureau_id);
	if (r != DB_OK)
		return (-1);
	if (PQntuples(res) == 0) {
		PQclear(res);
		return (last_seq == 0 ? 1 : 0);
	}
	if (!parse_int64(PQgetvalue(res, 0, 0), &seq) ||
	    !hex_decode(PQgetvalue(res, 0, 1), head, AUDIT_HASH_LEN))
		seq = -1;
	PQclear(res);
	if (seq != last_seq || memcmp(head, last, AUDIT_HASH_LEN) != 0) {
		rep->broken_seq = last_seq + 1;
		(void)snprintf(rep->problem, sizeof(rep->problem),
		    "链尾与记录不符：链头序号 %" PRId64
		    "，最后一条记录 %" PRId64 "（末尾记录被删除）",
		    seq, last_seq);
		return (0);
	}
	return (1);
}

enum db_result
db_audit_verify(struct db *d, const char *bureau_id, struct audit_report *rep)
{
	PGresult *res;
	uint8_t prev[AUDIT_HASH_LEN];
	char after[24];
	int64_t last;
	int i, n, ok;

	memset(rep, 0, sizeof(*rep));
	memset(prev, 0, sizeof(prev));
	last = 0;
	for (;;) {
		(void)snprintf(after, sizeof(after), "%" PRId64, last);
		if (DB_QUERY(d, SQL_AUDIT_CHAIN, &res, bureau_id, after,
		        AUDIT_BATCH) != DB_OK)
			return (DB_ERROR);
		n = PQntuples(res);
		for (i = 0; i < n; i++) {
			if (!audit_check_row(res, i, prev, last + 1, rep)) {
				PQclear(res);
				return (DB_OK);
			}
			last++;
			rep->records++;
		}
		PQclear(res);
		if (n == 0)
			break;
	}
	ok = audit_check_head(d, bureau_id, last, prev, rep);
	if (ok < 0)
		return (DB_ERROR);
	rep->intact = ok;
	return (DB_OK);
}

enum db_result
db_audit_event(struct db *d, const struct db_actor *a, const char *action,
    const char *object_type, const char *object_id, const char *before,
    const char *after)
{
	return (DB_QUERY(d, SQL_AUDIT_EVENT, NULL, a->bureau_id, a->user_id,
	    a->username, action, a->context, object_type, object_id, before,
	    after, a->request_id ? a->request_id : ""));
}
