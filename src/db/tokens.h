/*
 * tokens.h — API tokens: created for the signed-in user, shown once,
 * stored as a hash, revocable by their owner.
 */
#ifndef GS_DB_TOKENS_H
#define GS_DB_TOKENS_H

#include "core/verr.h"
#include "db/db.h"

/* Validates name (1-64 characters) and stores the token's hash. */
enum db_result db_token_create(struct db *, const struct db_actor *,
    const char *name, const char *token_hash, struct verr *errs, char id[40]);
/* DB_NOTFOUND unless id is an unrevoked token of user_id. */
enum db_result
db_token_revoke(struct db *, const struct db_actor *, const char *id);
/* id, name, created, last used, revoked — newest first. */
enum db_result db_token_list(struct db *, const char *user_id, PGresult **rows);

#endif
