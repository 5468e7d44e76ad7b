/*
 * api.h — helpers shared by the JSON handlers: typed reads of request
 * fields that name the field when the type is wrong, and list envelopes.
 */
#ifndef GS_API_API_H
#define GS_API_API_H

#include <stdint.h>

#include "core/calendar.h"
#include "core/caseimport.h"
#include "core/fields.h"
#include "db/cases.h"
#include "web/web.h"

/*
 * The string member key of obj, NULL when absent or null. A member of the
 * wrong type adds a message for key to errs and returns NULL.
 */
const char *
api_str(const struct json_value *obj, const char *key, struct verr *errs);
/* An integer member; GS_ERROR (and errs) when present but not an integer,
 * *present tells whether it was there. */
int api_int(const struct json_value *obj, const char *key, int64_t *out,
    int *present, struct verr *errs);
/* A number member as text (coordinates); errs when not a number. */
const char *api_number_text(const struct json_value *obj, const char *key,
    struct verr *errs);
/* A boolean member; def when absent. */
int api_bool(const struct json_value *obj, const char *key, int def,
    struct verr *errs);
/* A YYYY-MM-DD member as a day number; 0 when absent (errs when bad). */
gs_date
api_date(const struct json_value *obj, const char *key, struct verr *errs);
/* The strings of an array member into out (at most max); their count. */
size_t api_str_array(const struct json_value *obj, const char *key,
    const char **out, size_t max, struct verr *errs);
/* The members of obj as a field source (core/fields.h), read with the
 * functions above. */
void api_fields(struct fields *, const struct json_value *obj);
/* How a result column goes into JSON. */
enum api_col_kind {
	API_TEXT,   /* a string */
	API_INT,    /* an integer (bigint columns) */
	API_NUMBER, /* a number as PostgreSQL wrote it (numeric) */
	API_RAW,    /* JSON text (jsonb columns) */
};

struct api_col {
	const char *name;
	enum api_col_kind kind;
};

/* Columns 0..ncols-1 of one row as members of the open object; NULL as null. */
void api_row_members(struct json_writer *, const PGresult *, int row,
    const struct api_col *, int ncols);
/* The same for columns first..first+ncols-1. */
void api_row_members_from(struct json_writer *, const PGresult *, int row,
    int first, const struct api_col *, int ncols);
/* Every row as an object, in an array member key; returns the row count. */
int api_rows(struct json_writer *, const char *key, const PGresult *,
    const struct api_col *, int ncols);
/* A day (null for 0), an amount (null for CASE_NO_FINE), a code (null
 * for none) and an instant (null for 0) as members. */
void jw_fen(struct json_writer *, const char *key, int64_t fen);
void jw_code(struct json_writer *, const char *key, const char *code);
/* Statutory clocks as an array member: kind, counting, due_on, due_at,
 * effective_due_on, status, met_on, party. */
void api_deadlines(struct json_writer *, const char *key,
    const struct deadline *, size_t n);
/* The errors of an import as "lines" [{line, field, message}] and
 * "errors_total" members of the open object (api/imports.c). */
void import_errors_json(struct json_writer *, const struct import_errors *);
/* The signed-in user as the case services' actor (api/cases.c). */
struct case_actor api_case_actor(struct web_ctx *, const char *context);
/* Answers 204 with the security headers. */
int api_no_content(struct web_ctx *);
/* Answers with the JSON in b and frees it. */
int api_send(struct web_ctx *, int status, struct buf *b);

#endif
