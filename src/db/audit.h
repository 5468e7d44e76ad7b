/*
 * audit.h — checking a bureau's audit chain, and named audit events.
 */
#ifndef GS_DB_AUDIT_H
#define GS_DB_AUDIT_H

#include <stdint.h>

#include "db/db.h"

struct audit_report {
	int intact;
	int64_t records;    /* records checked */
	int64_t broken_seq; /* first broken record, when !intact */
	char problem[160];  /* 中文: what is wrong there */
};

/*
 * Walks the chain of bureau_id from the first record, recomputing every
 * link; stops at the first broken one. Reads in batches so memory stays
 * flat whatever the chain's length. DB_ERROR only when the database fails.
 */
enum db_result
db_audit_verify(struct db *, const char *bureau_id, struct audit_report *);

/*
 * Appends a named event (session.signin, password.change) to the chain
 * inside the caller's write transaction. It takes the bureau's chain lock
 * at once, so it is the transaction's last statement before the commit:
 * waiting for any other lock while holding the chain could deadlock with a
 * committing writer. before/after: JSON text or NULL.
 */
enum db_result db_audit_event(struct db *, const struct db_actor *,
    const char *action, const char *object_type, const char *object_id,
    const char *before, const char *after);

#endif
