/*
 * form.c — application/x-www-form-urlencoded parsing and encoding.
 *
 * Every name and value is decoded into its own allocation, so a field
 * stays valid however the form is used; forms are small and short-lived.
 */
#include <stdlib.h>
#include <string.h>

#include "core/form.h"
#include "core/util.h"

static int hex_value(char);
static char *form_decode(const char *, size_t, size_t *);
static int form_add_pair(struct form *, const char *, size_t);
static void form_append(struct form *, char *, char *, size_t);

static int
hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return (c - '0');
	if (c >= 'a' && c <= 'f')
		return (c - 'a' + 10);
	if (c >= 'A' && c <= 'F')
		return (c - 'A' + 10);
	return (-1);
}

/*
 * Decodes len bytes of s ('+' to space, %XX to a byte) into a new
 * NUL-terminated string, or NULL on a bad escape or when the result is not
 * UTF-8 text (which also keeps NUL out of names and values).
 */
static char *
form_decode(const char *s, size_t len, size_t *outlen)
{
	char *out;
	size_t i, n;
	int hi, lo;

	out = xmalloc(len + 1);
	n = 0;
	for (i = 0; i < len; i++) {
		if (s[i] == '+') {
			out[n++] = ' ';
		} else if (s[i] == '%') {
			if (len - i < 3 || (hi = hex_value(s[i + 1])) < 0 ||
			    (lo = hex_value(s[i + 2])) < 0) {
				free(out);
				return (NULL);
			}
			out[n++] = (char)((hi << 4) | lo);
			i += 2;
		} else {
			out[n++] = s[i];
		}
	}
	out[n] = '\0';

	if (!utf8_valid_text(out, n)) {
		free(out);
		return (NULL);
	}
	*outlen = n;
	return (out);
}

/* Decodes one non-empty "name[=value]" and appends it to the form. */
static int
form_add_pair(struct form *f, const char *s, size_t len)
{
	const char *eq;
	size_t nlen, vlen;
	char *name, *value;

	if (f->n == FORM_FIELDS_MAX)
		return (GS_ERROR);

	if ((eq = memchr(s, '=', len)) != NULL) {
		nlen = (size_t)(eq - s);
		vlen = len - nlen - 1;
	} else {
		nlen = len;
		vlen = 0;
	}
	if ((name = form_decode(s, nlen, &nlen)) == NULL)
		return (GS_ERROR);
	if ((value = form_decode(s + len - vlen, vlen, &vlen)) == NULL) {
		free(name);
		return (GS_ERROR);
	}

	form_append(f, name, value, vlen);
	return (GS_OK);
}

/* Takes ownership of name and value. */
static void
form_append(struct form *f, char *name, char *value, size_t vlen)
{
	struct form_field *field;

	/* Grows by doubling; the array has exactly n fields when n is 2^k. */
	if ((f->n & (f->n - 1)) == 0)
		f->fields = xrealloc(f->fields,
		    (f->n == 0 ? 1 : f->n * 2) * sizeof(*f->fields));
	field = &f->fields[f->n++];
	field->name = name;
	field->value = value;
	field->len = vlen;
}

int
form_add(struct form *f, const char *name, const char *value, size_t len)
{
	if (f->n >= FORM_FIELDS_MAX || !utf8_valid_text(name, strlen(name)) ||
	    !utf8_valid_text(value, len) || memchr(value, '\0', len) != NULL)
		return (GS_ERROR);
	form_append(f, xstrdup(name), xstrndup(value, len), len);
	return (GS_OK);
}

int
form_parse(const char *s, size_t len, struct form *out)
{
	const char *amp;
	size_t plen;

	out->fields = NULL;
	out->n = 0;
	while (len > 0) {
		if ((amp = memchr(s, '&', len)) != NULL)
			plen = (size_t)(amp - s);
		else
			plen = len;
		if (plen > 0 && form_add_pair(out, s, plen) != GS_OK) {
			form_free(out);
			return (GS_ERROR);
		}
		if (amp == NULL)
			break;
		s += plen + 1;
		len -= plen + 1;
	}
	return (GS_OK);
}

void
form_free(struct form *f)
{
	size_t i;

	for (i = 0; i < f->n; i++) {
		free(f->fields[i].name);
		free(f->fields[i].value);
	}
	free(f->fields);
	f->fields = NULL;
	f->n = 0;
}

const char *
form_get(const struct form *f, const char *name)
{
	return (form_get_nth(f, name, 0));
}

size_t
form_count(const struct form *f, const char *name)
{
	size_t i, count;

	count = 0;
	for (i = 0; i < f->n; i++) {
		if (strcmp(f->fields[i].name, name) == 0)
			count++;
	}
	return (count);
}

const char *
form_get_nth(const struct form *f, const char *name, size_t nth)
{
	size_t i;

	for (i = 0; i < f->n; i++) {
		if (strcmp(f->fields[i].name, name) != 0)
			continue;
		if (nth == 0)
			return (f->fields[i].value);
		nth--;
	}
	return (NULL);
}

void
form_encode(struct buf *b, const char *s)
{
	static const char digits[] = "0123456789ABCDEF";
	const unsigned char *p;
	char esc[3];

	/* RFC 3986 unreserved characters stand for themselves. */
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' ||
		    *p == '.' || *p == '~') {
			buf_putc(b, (char)*p);
			continue;
		}
		esc[0] = '%';
		esc[1] = digits[*p >> 4];
		esc[2] = digits[*p & 0x0f];
		buf_append(b, esc, sizeof(esc));
	}
}
