/*
 * fields.h — the named, typed fields of a submitted body, whatever its
 * encoding: a JSON object (the API) or an HTML form (the pages).
 *
 * A reader of a request (core/caseinput.c) is written once against this
 * interface, so the two faces cannot drift apart: the same key, the same
 * type check, the same message. Each source decides only how its encoding
 * spells a value:
 *
 *	JSON	types are the JSON types; money is an integer of fen.
 *	form	every value is text; an empty field is an absent one; a
 *		checkbox is present or not; a repeated field is an array;
 *		money is typed in yuan under the key's "_yuan" name
 *		(fine_fen is read from fine_yuan) and read as fen.
 *
 * Errors are added to errs under the key the reader asked for.
 */
#ifndef GS_CORE_FIELDS_H
#define GS_CORE_FIELDS_H

#include <stddef.h>
#include <stdint.h>

#include "core/calendar.h"
#include "core/verr.h"

struct fields;
struct form;
struct json_writer;

struct fields_ops {
	/* A text value; NULL when absent (errs when of another type). */
	const char *(
	    *text)(const struct fields *, const char *key, struct verr *);
	/* An integer; GS_ERROR (and errs) when present but not one. */
	int (*integer)(const struct fields *, const char *key, int64_t *out,
	    int *present, struct verr *);
	/* An amount in fen (a key ending in _fen); as integer. */
	int (*money)(const struct fields *, const char *key, int64_t *out,
	    int *present, struct verr *);
	/* A yes/no value; def when absent. */
	int (*boolean)(const struct fields *, const char *key, int def,
	    struct verr *);
	/* The texts of an array into out (at most max); their count. */
	size_t (*texts)(const struct fields *, const char *key,
	    const char **out, size_t max, struct verr *);
	/*
	 * Named integers (the discretion calculator's factor tiers): a JSON
	 * object {"impact": 2}, or the form fields "key.impact". Their count
	 * (at most max); 0 and errs when one is not an integer.
	 */
	size_t (*int_map)(const struct fields *, const char *key,
	    const char **names, int64_t *values, size_t max, struct verr *);
	/*
	 * A list of records of text members names[0..nnames) (seized items,
	 * persons): a JSON array of objects [{"name": "..."}], or the
	 * repeated form fields "key.name" taken in order (a record whose
	 * fields are all blank is skipped). Record i's member j goes to
	 * out[i * nnames + j] (NULL when absent); their count, at most max.
	 * 0 and errs when the list is malformed or too long.
	 */
	size_t (*records)(const struct fields *, const char *key,
	    const char *const *names, size_t nnames, const char **out,
	    size_t max, struct verr *);
};

struct fields {
	const struct fields_ops *ops;
	const void *src;
	/* Form only: every value found is also written here as JSON (the
	 * shape a JSON body would have had), for the case history. */
	struct json_writer *echo;
};

const char *fields_text(const struct fields *, const char *, struct verr *);
int fields_int(const struct fields *, const char *, int64_t *, int *,
    struct verr *);
int fields_money(const struct fields *, const char *, int64_t *, int *,
    struct verr *);
int fields_bool(const struct fields *, const char *, int, struct verr *);
size_t fields_texts(const struct fields *, const char *, const char **, size_t,
    struct verr *);
size_t fields_int_map(const struct fields *, const char *, const char **,
    int64_t *, size_t, struct verr *);
size_t fields_records(const struct fields *, const char *, const char *const *,
    size_t, const char **, size_t, struct verr *);
/* An ISO 8601 instant with its offset; 0 when absent (errs when bad). */
time_t
fields_instant(const struct fields *f, const char *key, struct verr *errs);
/* A YYYY-MM-DD text as a day number; 0 when absent (errs when bad). */
gs_date fields_date(const struct fields *, const char *key, struct verr *);

/* The fields of a parsed form; echo may be NULL. */
void
fields_form(struct fields *, const struct form *, struct json_writer *echo);
/*
 * The form field that carries money key ("fine_fen" -> "fine_yuan") into
 * out; the key itself when it does not end in _fen.
 */
void fields_money_name(const char *key, char *out, size_t len);

#endif
