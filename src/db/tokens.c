/*
 * tokens.c — API tokens (see tokens.h). Creation and revocation are
 * audited by the api_token row trigger; the token itself never is.
 */
#include <stdio.h>
#include <string.h>

#include "db/tokens.h"

enum db_result
db_token_create(struct db *d, const struct db_actor *a, const char *name,
    const char *token_hash, struct verr *errs, char id[40])
{
	PGresult *res;
	size_t len;
	enum db_result r;

	len = name != NULL ? strlen(name) : 0;
	if (len == 0 || !utf8_valid_text(name, len) ||
	    strpbrk(name, "\r\n\t") != NULL || utf8_length(name, len) > 64) {
		verr_add(errs, "name", "请填写令牌用途（1-64个字）");
		return (DB_INVALID);
	}
	if ((r = db_begin_write(d, a)) != DB_OK)
		return (r);
	r = DB_QUERY_ONE(d, SQL_TOKEN_CREATE, &res, a->bureau_id, a->user_id,
	    name, token_hash);
	if (r != DB_OK) {
		db_rollback(d);
		return (r);
	}
	(void)snprintf(id, 40, "%s", PQgetvalue(res, 0, 0));
	PQclear(res);
	return (db_commit(d));
}

enum db_result
db_token_revoke(struct db *d, const struct db_actor *a, const char *id)
{
	enum db_result r;

	if ((r = db_begin_write(d, a)) != DB_OK)
		return (r);
	r = DB_QUERY_ONE(d, SQL_TOKEN_REVOKE, NULL, id, a->user_id);
	if (r != DB_OK) {
		db_rollback(d);
		return (r);
	}
	return (db_commit(d));
}

enum db_result
db_token_list(struct db *d, const char *user_id, PGresult **rows)
{
	return (DB_QUERY(d, SQL_TOKEN_LIST, rows, user_id));
}
