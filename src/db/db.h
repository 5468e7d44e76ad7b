/*
 * db.h — PostgreSQL access for greensword, on plain libpq.
 *
 * One layer serves the Kore workers (which borrow their PGconn from Kore's
 * pgsql pool), Kore tasks and gsctl (which open their own). Every runtime
 * statement is named in the table of sql.c and runs as a prepared
 * statement, prepared once per connection on first use; values always
 * travel as parameters, never inside SQL text.
 *
 * Transactions belong to the service function that owns the unit of work:
 * db_begin_write() opens one for a bureau and an actor; every audited
 * change made inside lands in the chain with that actor when the
 * transaction commits (deferred triggers, migrations/0009), which is the
 * only time the bureau's chain lock is held. Reads run outside
 * transactions with the bureau set on the connection (db_set_bureau),
 * which row-level security enforces a second time.
 */
#ifndef GS_DB_DB_H
#define GS_DB_DB_H

#include <stddef.h>
#include <stdint.h>

#include <libpq-fe.h>

#include "core/util.h"
#include "db/sql.h"

enum db_result {
	DB_OK,
	DB_NOTFOUND, /* no row where exactly one was expected */
	DB_CONFLICT, /* unique violation, or a stale version */
	DB_INVALID,  /* a check, foreign key or not-null constraint */
	DB_ERROR,    /* anything else: logged where it happened */
};

struct db {
	PGconn *conn;
	int backend_pid;
	int in_txn;
	char bureau[40]; /* bureau set on the session, "" none */
	uint8_t prepared[SQL__MAX];
	/* SQLSTATE and constraint of the last failure, for messages. */
	char sqlstate[6];
	char constraint[64];
};

/* Who is acting, for the audit chain. */
struct db_actor {
	const char *bureau_id;
	const char *user_id;    /* NULL for the system */
	const char *username;   /* "system" for gsctl */
	const char *context;    /* "entities.create" */
	const char *request_id; /* "" outside HTTP */
};

/*
 * Attaches conn to d. When conn is not the connection d last served (or
 * its backend changed after a reset), the prepared-statement and bureau
 * caches start over.
 */
void db_attach(struct db *d, PGconn *conn);
/* Opens a connection of our own (gsctl, tasks); NULL and a log line on failure. */
PGconn *db_connect(const char *conninfo);

/*
 * Runs statement id with n text parameters (NULL is SQL NULL). On DB_OK
 * *res (when res is not NULL) holds the result for the caller to PQclear;
 * otherwise it is NULL. A statement expected to return rows returns DB_OK
 * with zero rows: DB_NOTFOUND is for db_query_one.
 */
enum db_result db_query(struct db *d, enum sql_id id, PGresult **res, int n,
    const char *const *params);
/* As db_query, and DB_NOTFOUND unless exactly one row came back. */
enum db_result db_query_one(struct db *d, enum sql_id id, PGresult **res, int n,
    const char *const *params);

#define DB_NARGS(...) \
	((int)(sizeof((const char *[]){ __VA_ARGS__ }) / sizeof(const char *)))
#define DB_QUERY(d, id, res, ...)                         \
	db_query((d), (id), (res), DB_NARGS(__VA_ARGS__), \
	    (const char *const[]){ __VA_ARGS__ })
#define DB_QUERY_ONE(d, id, res, ...)                         \
	db_query_one((d), (id), (res), DB_NARGS(__VA_ARGS__), \
	    (const char *const[]){ __VA_ARGS__ })

/* One statement of a pipeline; its parameters must outlive db_pipeline. */
struct db_step {
	enum sql_id id;
	int n;
	const char *const *params;
	int one; /* DB_NOTFOUND unless exactly one row */
};

#define DB_STEP(id, ...)                                    \
	{                                                   \
		(id), DB_NARGS(__VA_ARGS__),                \
		    (const char *const[]){ __VA_ARGS__ }, 0 \
	}
#define DB_STEP_ONE(id, ...)                                \
	{                                                   \
		(id), DB_NARGS(__VA_ARGS__),                \
		    (const char *const[]){ __VA_ARGS__ }, 1 \
	}
#define DB_STEP_BARE(id)         \
	{                        \
		(id), 0, NULL, 0 \
	}

/*
 * Runs n statements in one round trip (libpq pipeline mode), in order and
 * each as db_query or db_query_one would: res[i] (when res is not NULL)
 * holds step i's result. On failure every result is cleared, the steps
 * after the failed one have not run, and a transaction the steps opened
 * is left for db_rollback. A statement whose parameters depend on an
 * earlier one's answer cannot be in the same pipeline.
 */
enum db_result
db_pipeline(struct db *d, const struct db_step *steps, int n, PGresult **res);
/*
 * Two pipelines on two connections at once: both are sent before either
 * answer is read, so that PostgreSQL works on them side by side (a
 * backend each, a core each). Each as db_pipeline; on any failure every
 * result of both is cleared and the first failure is returned.
 */
enum db_result
db_pipeline_pair(struct db *a, const struct db_step *sa, int na, PGresult **ra,
    struct db *b, const struct db_step *sb, int nb, PGresult **rb);
/* The most steps of one pipeline that db_begin_write_with builds. */
#define DB_PIPELINE_MAX 8

/* Sets the bureau the connection may see (row-level security). */
enum db_result db_set_bureau(struct db *d, const char *bureau_id);
/* BEGIN and the actor settings the audit records carry. */
enum db_result db_begin_write(struct db *d, const struct db_actor *);
/*
 * The same, and the nmore statements of more in the same round trip, their
 * results in res (as db_pipeline). On failure the transaction is rolled
 * back.
 */
enum db_result db_begin_write_with(struct db *d, const struct db_actor *,
    const struct db_step *more, int nmore, PGresult **res);
enum db_result db_commit(struct db *d);
/* Safe to call when no transaction is open. */
void db_rollback(struct db *d);

/*
 * COPY ... FROM STDIN (statement id, run as it is: COPY takes no
 * parameters): begin, send rows in COPY text format (db/copy.h builds
 * them), end. On any failure the COPY is over and the transaction
 * aborted (db_rollback).
 */
enum db_result db_copy_begin(struct db *, enum sql_id id);
enum db_result db_copy_put(struct db *, const char *data, size_t len);
enum db_result db_copy_end(struct db *, enum sql_id id);

/* Value of column col of row 0 (NULL when SQL NULL). */
const char *db_value(const PGresult *, int row, int col);
/* 1 when the text is PostgreSQL's boolean true. */
int db_bool(const char *);

#endif
