/*
 * caseimport.h — one line of the legacy case import (POST
 * /api/v1/cases/import, NDJSON: one JSON object a line), read and
 * validated; and the body cut into lines.
 *
 * Pure: no Kore, no libpq, no globals, no clock (today is an argument).
 * The service reads a line, imports it, frees it and reads the next, so
 * memory stays flat however long the file is; the errors of every line go
 * to one capped list the answer reports as {"line","field","message"}.
 *
 * Refinements of the agreed API (names and semantics unchanged):
 * - IMPORT_LINE_MAX: a longer line is one error with field "" and is not
 *   parsed, which bounds the memory one line may take.
 * - import_lines skips a UTF-8 byte order mark at the start of the body
 *   (as the CSV reader does) and hands fn the line without its LF or CRLF.
 * - null counts as absent for every optional member, not only for
 *   filed_on and decision.
 * - IMPORT_FIELD_LEN names the 48 of import_error.field; struct
 *   import_errors is declared before import_line_read, which needs it.
 *
 * The entity CSV import (db/entities.h) keeps its own errors as struct
 * entity_import_error.
 */
#ifndef GS_CORE_CASEIMPORT_H
#define GS_CORE_CASEIMPORT_H

#include <stddef.h>
#include <stdint.h>

#include "core/calendar.h"
#include "core/caseflow.h"
#include "core/entity.h"
#include "core/json.h"
#include "core/measure.h"
#include "core/verr.h"

#define IMPORT_MEASURES_MAX 16
#define IMPORT_TRANSFERS_MAX 8
#define IMPORT_NO_AMOUNT (-1)
#define IMPORT_ERRORS_MAX 1000
#define IMPORT_LINE_MAX (64 * 1024) /* bytes, without the line end */
#define IMPORT_FIELD_LEN 48

/* A supporting measure: one of the four kinds that are not transfers. */
struct import_measure {
	enum measure_kind kind;
	gs_date decided_on;
	int64_t amount_fen; /* IMPORT_NO_AMOUNT unless daily_penalty */
};

/* A transfer to the police: MK_DETENTION_TRANSFER or MK_CRIMINAL_TRANSFER. */
struct import_transfer {
	enum measure_kind kind;
	gs_date transferred_on;
	int64_t persons_detained; /* 0 unless detention */
	int64_t persons_coercive; /* 0 unless criminal */
};

/* A valid line. Text points into the parsed line's document. */
struct import_case {
	const char *case_no;
	struct entity_input entity; /* validated; entity.uscc_canon filled */
	int party_individual;
	const char *violation_type;
	const char *clue_source;
	gs_date discovered_on, filed_on; /* 0 when absent */
	enum case_state state; /* CS_CLOSED, _ARCHIVED, _REVOKED, _NOT_FILED */
	gs_date closed_on;     /* or the day of revoking / not filing */
	int has_decision;
	enum case_outcome outcome;     /* CO_NONE without a decision */
	gs_date decided_on, served_on; /* 0 when absent */
	int64_t fine_fen;              /* CASE_NO_FINE unless penalty */
	/* CNP_NONE unless the outcome is CO_NO_PENALTY. */
	enum case_no_penalty_reason no_penalty_reason;
	int hearing_held, legal_review, collective_discussion;
	int64_t paid_fen; /* IMPORT_NO_AMOUNT when absent */
	struct import_measure measures[IMPORT_MEASURES_MAX];
	size_t nmeasures;
	struct import_transfer transfers[IMPORT_TRANSFERS_MAX];
	size_t ntransfers;
};

/* One error of the file: its line (from 1), the field path and the
 * message (中文). field is "" when the whole line is wrong. */
struct import_error {
	size_t line;
	size_t seq; /* order of finding, within a line */
	char field[IMPORT_FIELD_LEN];
	char message[VERR_MESSAGE_LEN];
};

/*
 * A growable list of errors: the first IMPORT_ERRORS_MAX are kept in
 * items[0 .. n); total counts every error added, kept or not.
 */
struct import_errors {
	struct import_error *items;
	size_t n, cap, total;
};

void import_errors_init(struct import_errors *);
void import_errors_free(struct import_errors *);
/* Adds an error; a field or message too long is cut at a character. */
void import_errors_add(struct import_errors *, size_t line, const char *field,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Puts the kept errors in line order, those of one line as found (checks
 * of the whole file come after the reading). */
void import_errors_sort(struct import_errors *);

/* The reader of one line: owns the JSON document the strings point into. */
struct import_line {
	struct json_doc *doc;
	struct import_case c;
};

/*
 * Parses and validates line n (len bytes without its newline; a trailing
 * \r is ignored) as of today. On success GS_OK and *out filled: free it
 * with import_line_free. Otherwise GS_ERROR, every problem found added to
 * errs with line n, and *out left empty (import_line_free is harmless).
 */
int import_line_read(const char *s, size_t len, size_t n, gs_date today,
    struct import_line *out, struct import_errors *errs);
void import_line_free(struct import_line *);

/*
 * Splits a body into lines on LF: calls fn(line, len, n, arg) for each line
 * that is not blank (only spaces, tabs or CR), without its LF or CRLF; n
 * counts every line from 1, blank ones included, so errors name the line a
 * user sees. A last line without a newline counts. GS_OK when every line
 * was handed over; GS_ERROR as soon as fn returns GS_ERROR.
 */
int import_lines(const char *body, size_t len,
    int (*fn)(const char *, size_t, size_t, void *), void *arg);

#endif
