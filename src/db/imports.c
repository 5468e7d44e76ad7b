/*
 * imports.c — the legacy case import (see imports.h).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/docno.h"
#include "core/json.h"
#include "core/log.h"
#include "db/audit.h"
#include "db/copy.h"
#include "db/imports.h"
#include "db/pgarray.h"

/* Rows are sent to PostgreSQL in chunks of about this many bytes. */
#define COPY_CHUNK (256 * 1024)
/* Progress is written at most this often (lines), and once a second. */
#define PROGRESS_LINES 5000

struct import_run {
	struct db *d;
	struct db *progress;
	const struct case_import_req *q;
	struct case_import_outcome *out;
	struct buf rows;
	size_t done;     /* bytes of the body behind the current line */
	int64_t line_no; /* of the current line, blank ones counted */
	time_t progress_at;
	enum db_result failed; /* DB_OK while COPY goes well */
};

void
case_import_outcome_free(struct case_import_outcome *o)
{
	import_errors_free(&o->errors);
	buf_free(&o->skipped);
	memset(o, 0, sizeof(*o));
}

/* ---- progress ---------------------------------------------------------- */

/* The progress row, through the second connection (best effort: a
 * failure to report progress does not fail the import). */
static void
progress_write(struct import_run *x, const char *phase, int force)
{
	char bytes[24], lines[24], errors[24];
	time_t now = time(NULL);

	if (x->progress == NULL || (!force && now == x->progress_at))
		return;
	x->progress_at = now;
	(void)snprintf(bytes, sizeof(bytes), "%zu", x->done);
	(void)snprintf(lines, sizeof(lines), "%" PRId64, x->line_no);
	(void)snprintf(errors, sizeof(errors), "%zu", x->out->errors.total);
	(void)DB_QUERY(x->progress, SQL_IMPORT_JOB_PROGRESS, NULL,
	    x->q->actor->bureau_id, x->q->job_id, phase, bytes, lines, errors);
}

static void
progress_end(struct import_run *x)
{
	char imported[24], skipped[24], errors[24];
	const char *state;
	/* Without its second connection the record is closed on the first,
	 * idle again once the import committed or rolled back. */
	struct db *d = x->progress != NULL ? x->progress : x->d;

	state = x->out->state == CIS_DONE ? "done" :
	    x->out->state == CIS_REFUSED  ? "refused" :
	                                    "failed";
	(void)snprintf(imported, sizeof(imported), "%" PRId64,
	    x->out->imported);
	(void)snprintf(skipped, sizeof(skipped), "%" PRId64, x->out->nskipped);
	(void)snprintf(errors, sizeof(errors), "%zu", x->out->errors.total);
	(void)DB_QUERY(d, SQL_IMPORT_JOB_END, NULL, x->q->actor->bureau_id,
	    x->q->job_id, state, imported, skipped, errors, x->q->sha256);
}

/* ---- staging ----------------------------------------------------------- */

/* The columns of IMPORT_COPY after line and rk. */
#define STAGE_COLUMNS 29
/* Where the case columns end and the measure ones start. */
#define STAGE_CASE_COLUMNS 24

static void
copy_nulls(struct copy_row *r, int n)
{
	while (n-- > 0)
		copy_null(r);
}

static void
copy_fen(struct copy_row *r, int64_t fen, int64_t none)
{
	if (fen == none)
		copy_null(r);
	else
		copy_int(r, fen);
}

static const char *
code_or_null(const char *code)
{
	return (code != NULL && *code != '\0' ? code : NULL);
}

/* The case row of line n. */
static void
stage_case(struct buf *out, size_t n, const struct import_case *c)
{
	struct copy_row r;

	copy_row_begin(&r, out);
	copy_int(&r, (int64_t)n);
	copy_text(&r, "c");
	copy_text(&r, c->case_no);
	copy_text(&r, c->entity.uscc_canon);
	copy_text(&r, c->entity.name);
	copy_text(&r, c->entity.address);
	copy_text(&r, c->entity.township);
	copy_text(&r, c->entity.industry);
	copy_text(&r, c->entity.category);
	copy_text(&r, code_or_null(c->entity.legal_rep));
	copy_text(&r, c->party_individual ? "individual" : "organisation");
	copy_text(&r, c->violation_type);
	copy_text(&r, c->clue_source);
	copy_date(&r, c->discovered_on);
	copy_date(&r, c->filed_on);
	copy_text(&r, case_state_code(c->state));
	copy_date(&r, c->closed_on);
	copy_text(&r,
	    c->has_decision ? code_or_null(case_outcome_code(c->outcome)) :
	                      NULL);
	copy_date(&r, c->decided_on);
	copy_date(&r, c->served_on);
	copy_fen(&r, c->fine_fen, CASE_NO_FINE);
	copy_text(&r,
	    code_or_null(case_no_penalty_reason_code(c->no_penalty_reason)));
	copy_bool(&r, c->hearing_held);
	copy_bool(&r, c->legal_review);
	copy_bool(&r, c->collective_discussion);
	copy_fen(&r, c->paid_fen, IMPORT_NO_AMOUNT);
	copy_nulls(&r, STAGE_COLUMNS - STAGE_CASE_COLUMNS);
	copy_row_end(&r);
}

/* A measure ('m') or transfer ('t') row of line n. */
static void
stage_measure(struct buf *out, size_t n, const char *rk, enum measure_kind kind,
    gs_date on, int64_t amount, int64_t detained, int64_t coercive)
{
	struct copy_row r;

	copy_row_begin(&r, out);
	copy_int(&r, (int64_t)n);
	copy_text(&r, rk);
	copy_nulls(&r, STAGE_CASE_COLUMNS);
	copy_text(&r, measure_kind_code(kind));
	copy_date(&r, on);
	copy_fen(&r, amount, IMPORT_NO_AMOUNT);
	if (*rk == 't') {
		copy_int(&r, kind == MK_DETENTION_TRANSFER ? detained : 0);
		copy_int(&r, kind == MK_CRIMINAL_TRANSFER ? coercive : 0);
	} else {
		copy_nulls(&r, 2);
	}
	copy_row_end(&r);
}

static void
stage_rows(struct buf *out, size_t n, const struct import_case *c)
{
	size_t i;

	stage_case(out, n, c);
	for (i = 0; i < c->nmeasures; i++)
		stage_measure(out, n, "m", c->measures[i].kind,
		    c->measures[i].decided_on, c->measures[i].amount_fen, 0, 0);
	for (i = 0; i < c->ntransfers; i++)
		stage_measure(out, n, "t", c->transfers[i].kind,
		    c->transfers[i].transferred_on, IMPORT_NO_AMOUNT,
		    c->transfers[i].persons_detained,
		    c->transfers[i].persons_coercive);
}

static enum db_result
rows_flush(struct import_run *x)
{
	enum db_result r;

	if (x->rows.len == 0)
		return (DB_OK);
	r = db_copy_put(x->d, x->rows.data, x->rows.len);
	buf_reset(&x->rows);
	return (r);
}

/* One line (import_lines' callback): read, checked, staged. A wrong
 * line is reported and the reading goes on, so that every error of the
 * file is found; the right ones are staged all the same, so that a case
 * number a later line repeats is found with the rest, not on a second
 * try (the stage goes with the rollback). */
static int
line_stage(const char *s, size_t len, size_t n, void *arg)
{
	struct import_run *x = arg;
	struct import_line l;

	x->done = (size_t)(s - x->q->data) + len;
	x->line_no = (int64_t)n;
	x->out->lines++;
	if (import_line_read(s, len, n, x->q->today, &l, &x->out->errors)) {
		stage_rows(&x->rows, n, &l.c);
		if (x->rows.len >= COPY_CHUNK && x->failed == DB_OK)
			x->failed = rows_flush(x);
	}
	import_line_free(&l);
	if (x->out->lines % PROGRESS_LINES == 0) {
		progress_write(x, "reading", 0);
		if (x->q->consumed != NULL)
			x->q->consumed(x->q->data, x->done, x->q->consumed_arg);
	}
	return (x->failed == DB_OK ? GS_OK : GS_ERROR);
}

/* ---- checks and writes -------------------------------------------------- */

/* A case number twice in the file: an error on each later line. */
static enum db_result
duplicates_check(struct import_run *x)
{
	PGresult *res;
	const char *lines;
	enum db_result r;
	long first, line;
	char *p, *end;
	int row;

	if ((r = db_query(x->d, SQL_IMPORT_DUPLICATES, &res, 0, NULL)) != DB_OK)
		return (r);
	for (row = 0; row < PQntuples(res); row++) {
		/* "{3,17}": the first line keeps the number. */
		lines = PQgetvalue(res, row, 1);
		first = strtol(lines + 1, &end, 10);
		for (p = end; *p == ','; p = end) {
			line = strtol(p + 1, &end, 10);
			import_errors_add(&x->out->errors, (size_t)line,
			    "case_no", "案号 %s 与第 %ld 行重复",
			    PQgetvalue(res, row, 0), first);
		}
	}
	PQclear(res);
	return (DB_OK);
}

/* Lines whose case number the bureau has: skipped, listed. */
static enum db_result
skip_present(struct import_run *x)
{
	struct json_writer w;
	PGresult *res;
	enum db_result r;
	int row;

	if ((r = DB_QUERY(x->d, SQL_IMPORT_SKIP, &res,
	         x->q->actor->bureau_id)) != DB_OK)
		return (r);
	jw_init(&w, &x->out->skipped);
	jw_array_begin(&w, NULL);
	for (row = 0; row < PQntuples(res); row++)
		jw_string(&w, NULL, PQgetvalue(res, row, 0));
	jw_array_end(&w);
	x->out->nskipped = PQntuples(res);
	PQclear(res);
	return (DB_OK);
}

/* The writes, in foreign-key order, each one statement over the stage. */
static enum db_result
writes(struct import_run *x)
{
	const struct db_actor *a = x->q->actor;
	const char *b = a->bureau_id, *u = a->user_id;
	PGresult *res;
	enum db_result r;

	if ((r = DB_QUERY(x->d, SQL_IMPORT_ENTITIES, NULL, b, u)) != DB_OK ||
	    (r = DB_QUERY(x->d, SQL_IMPORT_CLUES, NULL, b, u)) != DB_OK ||
	    (r = DB_QUERY(x->d, SQL_IMPORT_CASES, NULL, b, u)) != DB_OK ||
	    (r = DB_QUERY(x->d, SQL_IMPORT_PAYMENTS, NULL, b, u)) != DB_OK ||
	    (r = DB_QUERY(x->d, SQL_IMPORT_MEASURES, NULL, b, u)) != DB_OK ||
	    (r = DB_QUERY(x->d, SQL_IMPORT_ROUNDS, NULL, b)) != DB_OK)
		return (r);
	if ((r = db_query_one(x->d, SQL_IMPORT_COUNT, &res, 0, NULL)) != DB_OK)
		return (r);
	(void)parse_int64(PQgetvalue(res, 0, 0), &x->out->imported);
	PQclear(res);
	return (DB_OK);
}

/* Counters past the numbers the file brought in the bureau's own form. */
static enum db_result
doc_counters(struct import_run *x)
{
	struct pgarray kinds, marks;
	enum db_result r;
	int k;

	pgarray_init(&kinds);
	pgarray_init(&marks);
	for (k = 0; k < DOC__MAX; k++) {
		if (*doc_kind_mark((enum doc_kind)k) == '\0')
			continue;
		pgarray_add(&kinds, doc_kind_code((enum doc_kind)k));
		pgarray_add(&marks, doc_kind_mark((enum doc_kind)k));
	}
	r = DB_QUERY(x->d, SQL_IMPORT_DOC_COUNTERS, NULL,
	    x->q->actor->bureau_id, pgarray_finish(&kinds),
	    pgarray_finish(&marks));
	pgarray_free(&kinds);
	pgarray_free(&marks);
	return (r);
}

/* The import itself in the chain: the file's hash and what it did. The
 * chain lock is taken here, so this is the transaction's last statement. */
static enum db_result
import_audit(struct import_run *x)
{
	struct json_writer w;
	struct buf after;
	enum db_result r;

	buf_init(&after);
	jw_init(&w, &after);
	jw_object_begin(&w, NULL);
	jw_string(&w, "sha256", x->q->sha256);
	jw_int(&w, "bytes", (int64_t)x->q->len);
	jw_int(&w, "lines", x->out->lines);
	jw_int(&w, "imported", x->out->imported);
	jw_int(&w, "skipped", x->out->nskipped);
	jw_object_end(&w);
	r = db_audit_event(x->d, x->q->actor, "cases.import", "case_import",
	    x->q->job_id, NULL, after.data);
	buf_free(&after);
	return (r);
}

/* Reads and stages every line inside the open transaction. */
static enum db_result
stage_all(struct import_run *x)
{
	enum db_result r;

	if ((r = db_query(x->d, SQL_IMPORT_STAGE, NULL, 0, NULL)) != DB_OK ||
	    (r = db_copy_begin(x->d, SQL_IMPORT_COPY)) != DB_OK)
		return (r);
	(void)import_lines(x->q->data, x->q->len, line_stage, x);
	if (x->failed == DB_OK)
		x->failed = rows_flush(x);
	r = db_copy_end(x->d, SQL_IMPORT_COPY);
	if (x->failed != DB_OK)
		return (x->failed);
	return (r);
}

enum db_result
db_case_import_run(struct db *d, struct db *progress,
    const struct case_import_req *q, struct case_import_outcome *out)
{
	struct import_run x;
	enum db_result r;

	memset(out, 0, sizeof(*out));
	import_errors_init(&out->errors);
	buf_init(&out->skipped);
	memset(&x, 0, sizeof(x));
	x.d = d;
	x.progress = progress;
	x.q = q;
	x.out = out;
	buf_init(&x.rows);
	if ((r = db_begin_write(d, q->actor)) != DB_OK)
		goto failed;
	if ((r = stage_all(&x)) != DB_OK)
		goto failed;
	if (out->lines == 0)
		import_errors_add(&out->errors, 1, "", "文件中没有案件");
	x.done = q->len;
	progress_write(&x, "checking", 1);
	if ((r = db_query(d, SQL_IMPORT_ANALYZE, NULL, 0, NULL)) != DB_OK ||
	    (r = duplicates_check(&x)) != DB_OK)
		goto failed;
	import_errors_sort(&out->errors);
	if (out->errors.total > 0) {
		db_rollback(d);
		out->state = CIS_REFUSED;
		goto end;
	}
	progress_write(&x, "writing", 1);
	if ((r = DB_QUERY(d, SQL_IMPORT_LOCK, NULL, q->actor->bureau_id)) !=
	        DB_OK ||
	    (r = skip_present(&x)) != DB_OK || (r = writes(&x)) != DB_OK ||
	    (r = doc_counters(&x)) != DB_OK ||
	    (r = import_audit(&x)) != DB_OK || (r = db_commit(d)) != DB_OK)
		goto failed;
	out->state = CIS_DONE;
	goto end;
failed:
	db_rollback(d);
	out->state = CIS_FAILED;
	out->imported = 0;
end:
	buf_free(&x.rows);
	if (out->state != CIS_DONE) {
		buf_reset(&out->skipped);
		out->nskipped = 0;
	}
	x.done = q->len;
	progress_end(&x);
	return (out->state == CIS_FAILED ? r : DB_OK);
}

enum db_result
db_case_import_start(struct db *d, const struct db_actor *a, int64_t bytes,
    int64_t lines, char id[40])
{
	char n[24], l[24];
	PGresult *res;
	enum db_result r;

	(void)snprintf(n, sizeof(n), "%" PRId64, bytes);
	(void)snprintf(l, sizeof(l), "%" PRId64, lines);
	if ((r = DB_QUERY_ONE(d, SQL_IMPORT_JOB_CREATE, &res, a->bureau_id,
	         a->user_id, n, l)) != DB_OK)
		return (r);
	(void)snprintf(id, 40, "%s", PQgetvalue(res, 0, 0));
	PQclear(res);
	return (DB_OK);
}

enum db_result
db_case_import_latest(struct db *d, const char *bureau, const char *user,
    PGresult **row)
{
	return (DB_QUERY_ONE(d, SQL_IMPORT_JOB_LATEST, row, bureau, user));
}
