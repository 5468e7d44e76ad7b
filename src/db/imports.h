/*
 * imports.h — the legacy case import (shared api.md, POST
 * /api/v1/cases/import): a bureau's history from an older system, one
 * case a line of NDJSON, all or nothing.
 *
 * Every line is read and checked first (core/caseimport.c) while it is
 * copied into a staging table of the import's transaction; if any line is
 * wrong nothing is written and every error is reported with its line.
 * Otherwise set-based statements write entities (created when new),
 * clues, cases in their final state, their histories, measures,
 * transfers and payments; a case number the bureau already has is
 * skipped and reported, never written twice. Memory stays flat: one line
 * at a time, the rows streamed to PostgreSQL with COPY.
 *
 * Progress goes to case_import through a second connection, outside the
 * import's transaction, so that an upload screen can follow it.
 */
#ifndef GS_DB_IMPORTS_H
#define GS_DB_IMPORTS_H

#include <stddef.h>
#include <stdint.h>

#include "core/caseimport.h"
#include "db/db.h"

enum case_import_state {
	CIS_DONE,
	CIS_REFUSED, /* errors: nothing imported */
	CIS_FAILED,  /* the database failed: nothing imported */
};

struct case_import_outcome {
	enum case_import_state state;
	int64_t imported;
	int64_t lines;
	struct import_errors errors;
	/* The case numbers skipped (already present), as a JSON array. */
	struct buf skipped;
	int64_t nskipped;
};

void case_import_outcome_free(struct case_import_outcome *);

/* Starts the record of an import of bytes bytes in lines lines: its id
 * into id. */
enum db_result db_case_import_start(struct db *, const struct db_actor *,
    int64_t bytes, int64_t lines, char id[40]);

/* What one import is: who, which file, as of when. */
struct case_import_req {
	const struct db_actor *actor;
	const char *job_id; /* db_case_import_start's */
	const char *data;   /* NDJSON */
	size_t len;
	const char *sha256; /* of data, hex: in the audit record */
	gs_date today;
	/* Called now and then with how much of data has been read: the
	 * caller may drop it from memory (it is never read again). */
	void (*consumed)(const char *data, size_t len, void *arg);
	void *consumed_arg;
};

/*
 * Imports q->data on d in one transaction, with its progress written
 * through progress (a second connection; may be NULL). The outcome says
 * what happened; DB_OK unless the database failed (then out->state is
 * CIS_FAILED). The import's record ends in either case.
 */
enum db_result db_case_import_run(struct db *d, struct db *progress,
    const struct case_import_req *q, struct case_import_outcome *out);

/* The user's latest import (SQL_IMPORT_JOB_LATEST); DB_NOTFOUND: none. */
enum db_result db_case_import_latest(struct db *, const char *bureau,
    const char *user, PGresult **row);

#endif
