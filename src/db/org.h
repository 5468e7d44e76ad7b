/*
 * org.h — the organisation's services: users and squads. Passwords arrive
 * already hashed (hashing is slow and runs in a task or in gsctl).
 */
#ifndef GS_DB_ORG_H
#define GS_DB_ORG_H

#include <stdint.h>

#include "core/user.h"
#include "core/verr.h"
#include "db/db.h"

/* Columns of a user row (USER_COLS in sql.def), as text. */
struct user_row {
	const char *id;
	const char *username;
	const char *display_name;
	const char *roles; /* PostgreSQL array text */
	const char *squad_id;
	const char *squad_name;
	const char *cert_no;
	const char *cert_valid_until;
	const char *active;
	const char *version;
	const char *created_at;
};

void user_row_read(const PGresult *, int row, struct user_row *);

/*
 * Checks that each of ids is an active officer (or squad leader) of the
 * bureau, listed once, and, when on (YYYY-MM-DD) is given, holds a
 * certificate valid that day. Problems go to errs under field, naming
 * the officer; DB_INVALID then. On DB_OK, certs[i] (when certs is not
 * NULL) is officer i's certificate number, pointing into *rows, which
 * the caller clears.
 */
enum db_result db_officers_check(struct db *, const char *bureau,
    const char *const *ids, size_t n, const char *on, const char *field,
    struct verr *errs, PGresult **rows, const char **certs);

enum db_result db_user_list(struct db *, const char *bureau, int64_t page,
    int64_t per_page, PGresult **rows, int64_t *total);
enum db_result
db_user_get(struct db *, const char *bureau, const char *id, PGresult **row);
/*
 * Validates (creating) and inserts. DB_INVALID with errs; DB_CONFLICT and
 * errs.username when the name is taken anywhere.
 */
enum db_result
db_user_create(struct db *, const struct db_actor *, const struct user_input *,
    const char *password_hash, struct verr *errs, char id[40]);
/* Validates and updates if version is current; DB_NOTFOUND, DB_CONFLICT. */
enum db_result
db_user_update(struct db *, const struct db_actor *, const char *id,
    int64_t version, const struct user_input *, int active, struct verr *errs);
/*
 * Sets a new password hash and ends the user's other sessions (all of
 * them when keep_token_hash is NULL), with an audit event.
 */
enum db_result db_user_set_password(struct db *, const struct db_actor *,
    const char *id, const char *password_hash, const char *keep_token_hash);

enum db_result db_squad_list(struct db *, const char *bureau, PGresult **rows);
/* DB_CONFLICT (errs.name) when the bureau has a squad of that name. */
enum db_result db_squad_create(struct db *, const struct db_actor *,
    const char *name, struct verr *errs, char id[40]);

#endif
