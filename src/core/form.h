/*
 * form.h — application/x-www-form-urlencoded bodies and query strings.
 *
 * Kore silently drops undeclared or "invalid" parameters, reads only the
 * first 19 and refuses control characters (a textarea's CRLF), so the web
 * layer parses forms itself with this reader and validates fields in C with
 * messages that name them.
 */
#ifndef GS_CORE_FORM_H
#define GS_CORE_FORM_H

#include <stddef.h>

#define FORM_FIELDS_MAX 512

struct form_field {
	char *name;
	char *value; /* decoded, NUL-terminated */
	size_t len;
};

struct form {
	struct form_field *fields;
	size_t n;
};

/*
 * Parses s (len bytes; '+' is a space, %XX a byte). GS_ERROR on a bad
 * escape, a decoded value that is not valid UTF-8 text, or more than
 * FORM_FIELDS_MAX fields; out is then empty. Empty pairs ("a=1&&b=2") are
 * skipped; a name without '=' has the empty value.
 */
int form_parse(const char *s, size_t len, struct form *out);
void form_free(struct form *);
/*
 * Appends a copy of one field (a multipart text part); GS_ERROR when the
 * value is not valid UTF-8 text or the form is full.
 */
int form_add(struct form *, const char *name, const char *value, size_t len);
/* The first value of name, or NULL. */
const char *form_get(const struct form *, const char *name);
/* How many fields have this name (multi-valued checkboxes). */
size_t form_count(const struct form *, const char *name);
/* The i-th value of name, or NULL. */
const char *form_get_nth(const struct form *, const char *name, size_t i);
/* Percent-encodes s for a query string value into b. */
struct buf;
void form_encode(struct buf *, const char *s);

#endif
