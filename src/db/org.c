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
