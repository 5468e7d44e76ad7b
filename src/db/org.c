/*
 * org.c — users and squads (see org.h).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"
#include "db/audit.h"
#include "db/org.h"
#include "db/pgarray.h"

void
user_row_read(const PGresult *res, int row, struct user_row *u)
{
	const char **f[] = {
		&u->id,
		&u->username,
		&u->display_name,
		&u->roles,
		&u->squad_id,
		&u->squad_name,
		&u->cert_no,
		&u->cert_valid_until,
		&u->active,
		&u->version,
		&u->created_at,
	};
	size_t i;

	for (i = 0; i < GS_NELEM(f); i++)
		*f[i] = db_value(res, row, (int)i);
}

enum db_result
db_user_list(struct db *d, const char *bureau, int64_t page, int64_t per_page,
    PGresult **rows, int64_t *total)
{
	PGresult *res;
	char limit[24], offset[24];
	enum db_result r;

	*rows = NULL;
	if ((r = DB_QUERY_ONE(d, SQL_USER_COUNT, &res, bureau)) != DB_OK)
		return (r);
	*total = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	PQclear(res);
	(void)snprintf(limit, sizeof(limit), "%" PRId64, per_page);
	(void)snprintf(offset, sizeof(offset), "%" PRId64,
	    (page - 1) * per_page);
	return (DB_QUERY(d, SQL_USER_LIST, rows, bureau, limit, offset));
}

enum db_result
db_user_get(struct db *d, const char *bureau, const char *id, PGresult **row)
{
	return (DB_QUERY_ONE(d, SQL_USER_GET, row, bureau, id));
}

static const char *
null_if_empty(const char *s)
{
	return (s != NULL && *s != '\0' ? s : NULL);
}

/* Maps a failed write of user fields onto the field at fault. */
static void
user_write_error(struct db *d, enum db_result r, struct verr *errs)
{
	if (r == DB_CONFLICT && strstr(d->constraint, "username") != NULL)
		verr_add(errs, "username", "用户名已存在");
	else if (r == DB_INVALID && strstr(d->constraint, "squad") != NULL)
		verr_add(errs, "squad_id", "中队不存在");
}

enum db_result
db_user_create(struct db *d, const struct db_actor *a,
    const struct user_input *in, const char *password_hash, struct verr *errs,
    char id[40])
{
	PGresult *res;
	char roles[128];
	enum db_result r;

	if (!user_validate(in, 1, errs))
		return (DB_INVALID);
	user_roles_pg_array(in->roles, roles, sizeof(roles));
	if ((r = db_begin_write(d, a)) != DB_OK)
		return (r);
	r = DB_QUERY_ONE(d, SQL_USER_CREATE, &res, a->bureau_id, in->username,
	    in->display_name, password_hash, roles, null_if_empty(in->squad_id),
	    null_if_empty(in->cert_no), null_if_empty(in->cert_valid_until));
	if (r != DB_OK) {
		db_rollback(d);
		user_write_error(d, r, errs);
		return (r);
	}
	(void)snprintf(id, 40, "%s", PQgetvalue(res, 0, 0));
	PQclear(res);
	return (db_commit(d));
}

enum db_result
db_user_update(struct db *d, const struct db_actor *a, const char *id,
    int64_t version, const struct user_input *in, int active, struct verr *errs)
{
	char roles[128], ver[24];
	enum db_result r;

	if (!user_validate(in, 0, errs))
		return (DB_INVALID);
	user_roles_pg_array(in->roles, roles, sizeof(roles));
	(void)snprintf(ver, sizeof(ver), "%" PRId64, version);
	if ((r = db_begin_write(d, a)) != DB_OK)
		return (r);
	if ((r = DB_QUERY_ONE(d, SQL_USER_LOCK, NULL, a->bureau_id, id)) !=
	    DB_OK)
		goto fail;
	r = DB_QUERY_ONE(d, SQL_USER_UPDATE, NULL, a->bureau_id, id,
	    in->display_name, roles, null_if_empty(in->squad_id),
	    null_if_empty(in->cert_no), null_if_empty(in->cert_valid_until),
	    active ? "true" : "false", ver);
	if (r == DB_NOTFOUND)
		r = DB_CONFLICT; /* locked above: the version was stale */
	if (r != DB_OK)
		goto fail;
	return (db_commit(d));
fail:
	db_rollback(d);
	user_write_error(d, r, errs);
	return (r);
}

enum db_result
db_user_set_password(struct db *d, const struct db_actor *a, const char *id,
    const char *password_hash, const char *keep_token_hash)
{
	enum db_result r;

	if ((r = db_begin_write(d, a)) != DB_OK)
		return (r);
	r = DB_QUERY_ONE(d, SQL_USER_SET_PASSWORD, NULL, a->bureau_id, id,
	    password_hash);
	if (r == DB_OK)
		r = DB_QUERY(d, SQL_SESSION_DELETE_OTHERS, NULL, id,
		    keep_token_hash != NULL ? keep_token_hash : "\\x");
	if (r == DB_OK)
		r = db_audit_event(d, a, "password.change", "app_user", id,
		    NULL, NULL);
	if (r != DB_OK) {
		db_rollback(d);
		return (r);
	}
	return (db_commit(d));
}

enum db_result
db_squad_list(struct db *d, const char *bureau, PGresult **rows)
{
	return (DB_QUERY(d, SQL_SQUAD_LIST, rows, bureau));
}

enum db_result
db_squad_create(struct db *d, const struct db_actor *a, const char *name,
    struct verr *errs, char id[40])
{
	PGresult *res;
	size_t len;
	enum db_result r;

	len = name != NULL ? strlen(name) : 0;
	if (len == 0 || !utf8_valid_text(name, len) ||
	    strpbrk(name, "\r\n\t") != NULL || utf8_length(name, len) > 64) {
		verr_add(errs, "name", "中队名称为1-64个字");
		return (DB_INVALID);
	}
	if ((r = db_begin_write(d, a)) != DB_OK)
		return (r);
	r = DB_QUERY_ONE(d, SQL_SQUAD_CREATE, &res, a->bureau_id, name);
	if (r != DB_OK) {
		db_rollback(d);
		if (r == DB_CONFLICT)
			verr_add(errs, "name", "已有同名中队");
		return (r);
	}
	(void)snprintf(id, 40, "%s", PQgetvalue(res, 0, 0));
	PQclear(res);
	return (db_commit(d));
}

/* The row of OFFICERS_BY_ID for id, or -1. */
static int
officer_row(const PGresult *res, const char *id)
{
	int row;

	for (row = 0; row < PQntuples(res); row++)
		if (strcmp(PQgetvalue(res, row, 0), id) == 0)
			return (row);
	return (-1);
}

/* One officer's problem on day on (NULL: no certificate check). */
static void
officer_problem(const PGresult *res, int row, size_t i, const char *on,
    const char *field, struct verr *errs)
{
	const char *name, *until;

	if (row < 0 || !db_bool(PQgetvalue(res, row, 4)) ||
	    !db_bool(PQgetvalue(res, row, 5))) {
		verr_add(errs, field, "第 %zu 位不是本局在职的执法人员", i + 1);
		return;
	}
	if (on == NULL)
		return;
	name = PQgetvalue(res, row, 1);
	until = PQgetvalue(res, row, 3);
	if (*PQgetvalue(res, row, 2) == '\0')
		verr_add(errs, field, "%s 没有执法证", name);
	else if (PQgetisnull(res, row, 3) || strcmp(until, on) < 0)
		verr_add(errs, field,
		    "%s 的执法证在 %s 已不在有效期内（有效期至 %s）", name, on,
		    *until != '\0' ? until : "未登记");
}

enum db_result
db_officers_check(struct db *d, const char *bureau, const char *const *ids,
    size_t n, const char *on, const char *field, struct verr *errs,
    PGresult **rows, const char **certs)
{
	struct pgarray arr;
	enum db_result r;
	size_t i, j;
	int row;

	*rows = NULL;
	pgarray_init(&arr);
	for (i = 0; i < n; i++)
		pgarray_add(&arr, ids[i]);
	r = DB_QUERY(d, SQL_OFFICERS_BY_ID, rows, bureau, pgarray_finish(&arr));
	pgarray_free(&arr);
	if (r == DB_INVALID)
		verr_add(errs, field, "执法人员编号格式不正确");
	if (r != DB_OK)
		return (r);
	for (i = 0; i < n; i++) {
		for (j = 0; j < i; j++)
			if (strcmp(ids[i], ids[j]) == 0)
				verr_add(errs, field, "第 %zu 位执法人员重复",
				    i + 1);
		row = officer_row(*rows, ids[i]);
		officer_problem(*rows, row, i, on, field, errs);
		if (certs != NULL && row >= 0)
			certs[i] = PQgetvalue(*rows, row, 2);
	}
	if (errs->n > 0) {
		PQclear(*rows);
		*rows = NULL;
		return (DB_INVALID);
	}
	return (DB_OK);
}
