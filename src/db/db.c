/*
 * db.c — prepared statements, transactions and SQLSTATE mapping on libpq.
 *
 * Must never build SQL from values: every statement comes from sql.def and
 * every value travels as a parameter. SQLSTATE is mapped to enum db_result
 * here and nowhere else.
 */
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "core/util.h"
#include "db/db.h"

static void
db_reset_caches(struct db *d)
{
	memset(d->prepared, 0, sizeof(d->prepared));
	d->bureau[0] = '\0';
	d->in_txn = 0;
}

void
db_attach(struct db *d, PGconn *conn)
{
	int pid;

	pid = PQbackendPID(conn);
	if (d->conn != conn || d->backend_pid != pid) {
		d->conn = conn;
		d->backend_pid = pid;
		db_reset_caches(d);
	}
	d->sqlstate[0] = '\0';
	d->constraint[0] = '\0';
}

/* Server notices (NOTICE: relation exists, skipping) are not errors. */
static void
db_notice(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

PGconn *
db_connect(const char *conninfo)
{
	PGconn *conn;

	conn = PQconnectdb(conninfo);
	if (conn == NULL || PQstatus(conn) != CONNECTION_OK) {
		gs_log(LOG_LEVEL_ERROR, "cannot connect to PostgreSQL: %s",
		    conn ? PQerrorMessage(conn) : "out of memory");
		if (conn != NULL)
			PQfinish(conn);
		return (NULL);
	}
	PQsetNoticeProcessor(conn, db_notice, NULL);
	return (conn);
}

static enum db_result
db_map_error(struct db *d, const PGresult *res, enum sql_id id)
{
	const char *state, *constraint, *msg;

	state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
	constraint = PQresultErrorField(res, PG_DIAG_CONSTRAINT_NAME);
	(void)snprintf(d->sqlstate, sizeof(d->sqlstate), "%s",
	    state ? state : "");
	(void)snprintf(d->constraint, sizeof(d->constraint), "%s",
	    constraint ? constraint : "");

	if (state != NULL && strcmp(state, "23505") == 0)
		return (DB_CONFLICT);
	if (state != NULL &&
	    (strcmp(state, "23514") == 0 || strcmp(state, "23503") == 0 ||
	        strcmp(state, "23502") == 0 || strcmp(state, "22P02") == 0 ||
	        strcmp(state, "22007") == 0 || strcmp(state, "22008") == 0 ||
	        strcmp(state, "22003") == 0))
		return (DB_INVALID);

	msg = PQresultErrorMessage(res);
	gs_log(LOG_LEVEL_ERROR, "%s failed: %s %s", sql_name(id),
	    state ? state : "", msg ? msg : "");
	return (DB_ERROR);
}

static int
db_prepare(struct db *d, enum sql_id id)
{
	PGresult *res;
	int ok;

	if (d->prepared[id])
		return (GS_OK);
	res = PQprepare(d->conn, sql_name(id), sql_text(id), 0, NULL);
	ok = PQresultStatus(res) == PGRES_COMMAND_OK;
	if (!ok) {
		gs_log(LOG_LEVEL_ERROR, "prepare %s: %s", sql_name(id),
		    PQresultErrorMessage(res));
	}
	PQclear(res);
	if (ok)
		d->prepared[id] = 1;
	return (ok ? GS_OK : GS_ERROR);
}

/* Reconnects: the new backend has no prepared statements or settings. */
static void
db_reconnect(struct db *d)
{
	PQreset(d->conn);
	db_reset_caches(d);
	d->backend_pid = PQbackendPID(d->conn);
}

/*
 * An idle connection the server has closed (a restart, an administrator's
 * pg_terminate_backend) still says CONNECTION_OK until it is used, and
 * the statement sent on it fails: the first request of every worker after
 * a database restart answered 500. Such a connection is readable while
 * idle, so look before sending.
 */
static int
db_closed_while_idle(struct db *d)
{
	struct pollfd pfd;

	if (d->in_txn || PQtransactionStatus(d->conn) != PQTRANS_IDLE)
		return (0);
	pfd.fd = PQsocket(d->conn);
	pfd.events = POLLIN;
	pfd.revents = 0;
	/* We never LISTEN, so an idle connection has nothing to say but
	 * goodbye (the server's FATAL, then end of file). */
	return (pfd.fd >= 0 && poll(&pfd, 1, 0) > 0);
}

/* The connection is usable, reset once if it was lost. */
static int
db_ready(struct db *d)
{
	if (d->conn == NULL)
		return (GS_ERROR);
	if (PQstatus(d->conn) != CONNECTION_OK || db_closed_while_idle(d)) {
		gs_log(LOG_LEVEL_WARN, "connection lost, resetting");
		db_reconnect(d);
		if (PQstatus(d->conn) != CONNECTION_OK)
			return (GS_ERROR);
	}
	return (GS_OK);
}

/*
 * What statement id answered with res (which this takes over): DB_OK with
 * the result in *out (when out is not NULL), DB_NOTFOUND when one row was
 * expected and not exactly one came, or the mapped failure.
 */
static enum db_result
db_result_of(struct db *d, enum sql_id id, int one, PGresult *res,
    PGresult **out)
{
	ExecStatusType st;
	enum db_result r;

	st = PQresultStatus(res);
	if (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK) {
		if (one && PQntuples(res) != 1) {
			PQclear(res);
			return (DB_NOTFOUND);
		}
		if (out != NULL)
			*out = res;
		else
			PQclear(res);
		return (DB_OK);
	}
	r = db_map_error(d, res, id);
	PQclear(res);
	if (PQstatus(d->conn) != CONNECTION_OK)
		db_reset_caches(d);
	return (r);
}

static enum db_result
db_exec(struct db *d, enum sql_id id, int one, PGresult **out, int n,
    const char *const *params)
{
	PGresult *res;

	if (out != NULL)
		*out = NULL;
	if (id >= SQL__MAX || !db_ready(d))
		return (DB_ERROR);
	/* A failed prepare inside a transaction aborts it: say so. */
	if (!db_prepare(d, id))
		return (DB_ERROR);
	res = PQexecPrepared(d->conn, sql_name(id), n, params, NULL, NULL, 0);
	return (db_result_of(d, id, one, res, out));
}

enum db_result
db_query(struct db *d, enum sql_id id, PGresult **out, int n,
    const char *const *params)
{
	return (db_exec(d, id, 0, out, n, params));
}

enum db_result
db_query_one(struct db *d, enum sql_id id, PGresult **out, int n,
    const char *const *params)
{
	return (db_exec(d, id, 1, out, n, params));
}

/* Sends the steps and a sync; GS_ERROR when libpq could not. */
static int
pipeline_send(struct db *d, const struct db_step *steps, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		if (!PQsendQueryPrepared(d->conn, sql_name(steps[i].id),
		        steps[i].n, steps[i].params, NULL, NULL, 0))
			return (GS_ERROR);
	}
	return (PQpipelineSync(d->conn) ? GS_OK : GS_ERROR);
}

/* Prepares and sends the steps of a pipeline; pipeline_finish reads them. */
static enum db_result
pipeline_start(struct db *d, const struct db_step *steps, int n, PGresult **out)
{
	int i;

	for (i = 0; out != NULL && i < n; i++)
		out[i] = NULL;
	if (!db_ready(d))
		return (DB_ERROR);
	for (i = 0; i < n; i++) {
		if (steps[i].id >= SQL__MAX || !db_prepare(d, steps[i].id))
			return (DB_ERROR);
	}
	if (!PQenterPipelineMode(d->conn) || !pipeline_send(d, steps, n)) {
		gs_log(LOG_LEVEL_ERROR, "pipeline: %s",
		    PQerrorMessage(d->conn));
		/* The connection is in an unknown state: start it over. */
		db_reconnect(d);
		return (DB_ERROR);
	}
	return (DB_OK);
}

/* Clears the n results of out (NULL ones too) after a failure. */
static void
results_clear(PGresult **out, int n)
{
	int i;

	for (i = 0; out != NULL && i < n; i++) {
		PQclear(out[i]);
		out[i] = NULL;
	}
}

/* Waits for the answers of a started pipeline and leaves pipeline mode. */
static enum db_result
pipeline_finish(struct db *d, const struct db_step *steps, int n,
    PGresult **out)
{
	PGresult *res, *more;
	enum db_result r = DB_OK, ri;
	int i;

	/* Each step answers with its result and a NULL; the sync ends it. */
	for (i = 0; i < n; i++) {
		if ((res = PQgetResult(d->conn)) == NULL)
			break; /* the connection failed: nothing more comes */
		while ((more = PQgetResult(d->conn)) != NULL)
			PQclear(more);
		if (PQresultStatus(res) == PGRES_PIPELINE_ABORTED) {
			PQclear(res);
			continue;
		}
		ri = db_result_of(d, steps[i].id, steps[i].one, res,
		    out != NULL ? &out[i] : NULL);
		if (r == DB_OK)
			r = ri;
	}
	if (i < n && r == DB_OK) {
		gs_log(LOG_LEVEL_ERROR, "pipeline: %s",
		    PQerrorMessage(d->conn));
		r = DB_ERROR;
	}
	while ((res = PQgetResult(d->conn)) != NULL) {
		if (PQresultStatus(res) == PGRES_PIPELINE_SYNC) {
			PQclear(res);
			break;
		}
		PQclear(res);
	}
	(void)PQexitPipelineMode(d->conn);
	d->in_txn = PQtransactionStatus(d->conn) != PQTRANS_IDLE;
	if (r != DB_OK)
		results_clear(out, n);
	return (r);
}

enum db_result
db_pipeline(struct db *d, const struct db_step *steps, int n, PGresult **out)
{
	enum db_result r;

	if ((r = pipeline_start(d, steps, n, out)) != DB_OK)
		return (r);
	return (pipeline_finish(d, steps, n, out));
}

enum db_result
db_pipeline_pair(struct db *a, const struct db_step *sa, int na, PGresult **ra,
    struct db *b, const struct db_step *sb, int nb, PGresult **rb)
{
	enum db_result r, r_b;

	if ((r = pipeline_start(a, sa, na, ra)) != DB_OK)
		return (r);
	r_b = pipeline_start(b, sb, nb, rb);
	/* Both run now (unless b could not start); answers read in turn. */
	r = pipeline_finish(a, sa, na, ra);
	if (r_b == DB_OK)
		r_b = pipeline_finish(b, sb, nb, rb);
	if (r == DB_OK && r_b == DB_OK)
		return (DB_OK);
	results_clear(ra, na);
	results_clear(rb, nb);
	return (r != DB_OK ? r : r_b);
}

enum db_result
db_set_bureau(struct db *d, const char *bureau_id)
{
	enum db_result r;

	if (strcmp(d->bureau, bureau_id) == 0)
		return (DB_OK);
	/* Inside a transaction the setting would be undone by a rollback. */
	if (d->in_txn) {
		gs_log(LOG_LEVEL_ERROR, "bureau changed inside a transaction");
		return (DB_ERROR);
	}
	if ((r = DB_QUERY(d, SQL_SET_BUREAU, NULL, bureau_id)) != DB_OK)
		return (r);
	(void)snprintf(d->bureau, sizeof(d->bureau), "%s", bureau_id);
	return (DB_OK);
}

enum db_result
db_begin_write(struct db *d, const struct db_actor *a)
{
	return (db_begin_write_with(d, a, NULL, 0, NULL));
}

enum db_result
db_begin_write_with(struct db *d, const struct db_actor *a,
    const struct db_step *more, int nmore, PGresult **res)
{
	struct db_step steps[DB_PIPELINE_MAX] = {
		DB_STEP_BARE(SQL_BEGIN),
		DB_STEP(SQL_BEGIN_WRITE, a->bureau_id, a->user_id, a->username,
		    a->context, a->request_id ? a->request_id : ""),
	};
	PGresult *out[DB_PIPELINE_MAX];
	enum db_result r;
	int i;

	if (d->in_txn) {
		gs_log(LOG_LEVEL_ERROR, "nested transaction");
		return (DB_ERROR);
	}
	if (nmore < 0 || nmore > DB_PIPELINE_MAX - 2)
		return (DB_ERROR);
	for (i = 0; i < nmore; i++)
		steps[2 + i] = more[i];
	r = db_pipeline(d, steps, 2 + nmore, out);
	PQclear(out[0]);
	PQclear(out[1]);
	for (i = 0; i < nmore; i++) {
		if (res != NULL)
			res[i] = out[2 + i];
		else
			PQclear(out[2 + i]);
	}
	if (r != DB_OK)
		db_rollback(d);
	return (r);
}

enum db_result
db_commit(struct db *d)
{
	enum db_result r;

	r = db_query(d, SQL_COMMIT, NULL, 0, NULL);
	d->in_txn = 0;
	return (r);
}

void
db_rollback(struct db *d)
{
	if (d->conn == NULL)
		return;
	if (PQtransactionStatus(d->conn) != PQTRANS_IDLE)
		(void)db_query(d, SQL_ROLLBACK, NULL, 0, NULL);
	d->in_txn = 0;
}

enum db_result
db_copy_begin(struct db *d, enum sql_id id)
{
	PGresult *res;
	enum db_result r;

	if (id >= SQL__MAX || !db_ready(d))
		return (DB_ERROR);
	/* No parameters: COPY takes none (its rows come after). */
	res = PQexecParams(d->conn, sql_text(id), 0, NULL, NULL, NULL, NULL, 0);
	if (PQresultStatus(res) == PGRES_COPY_IN) {
		PQclear(res);
		return (DB_OK);
	}
	r = db_result_of(d, id, 0, res, NULL);
	return (r == DB_OK ? DB_ERROR : r);
}

enum db_result
db_copy_put(struct db *d, const char *data, size_t len)
{
	if (len > INT32_MAX || PQputCopyData(d->conn, data, (int)len) != 1) {
		gs_log(LOG_LEVEL_ERROR, "copy: %s", PQerrorMessage(d->conn));
		return (DB_ERROR);
	}
	return (DB_OK);
}

enum db_result
db_copy_end(struct db *d, enum sql_id id)
{
	PGresult *res, *more;
	enum db_result r;

	if (PQputCopyEnd(d->conn, NULL) != 1) {
		gs_log(LOG_LEVEL_ERROR, "copy end: %s",
		    PQerrorMessage(d->conn));
		return (DB_ERROR);
	}
	if ((res = PQgetResult(d->conn)) == NULL)
		return (DB_ERROR);
	while ((more = PQgetResult(d->conn)) != NULL)
		PQclear(more);
	r = db_result_of(d, id, 0, res, NULL);
	return (r);
}

const char *
db_value(const PGresult *res, int row, int col)
{
	if (PQgetisnull(res, row, col))
		return (NULL);
	return (PQgetvalue(res, row, col));
}

int
db_bool(const char *s)
{
	return (s != NULL && s[0] == 't');
}
