/*
 * multipart.c — multipart/form-data bodies (RFC 7578 over the framing of
 * RFC 2046), as browsers send them: CRLF line ends only.
 *
 * Kore hands us the whole body in memory, so the parser walks it once:
 * every search starts where the previous one ended and memmem() is linear,
 * which keeps a CSV import of tens of MiB cheap. Part data is not copied;
 * only the short strings taken from part headers are.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* memmem() */
#endif

#include <stdlib.h>
#include <string.h>

#include "core/multipart.h"
#include "core/util.h"

#define HEADERS_MAX 8192     /* bytes of header lines in one part */
#define FILENAME_MAX_LEN 200 /* bytes, after sanitising */

/* One "; name=value" parameter of a header value. */
struct param {
	const char *name; /* into the header, not terminated */
	size_t nlen;      /* 0 for an empty parameter */
	char *value;      /* decoded copy, NUL-terminated */
	size_t vlen;
};

static int is_ows(char);
static int span_is(const char *, const char *, const char *);
static const char *skip_ows(const char *, const char *);
static const char *trim_end(const char *, const char *);
static const char *find(const char *, const char *, const char *, size_t);
static const char *value_quoted(const char *, const char *, struct param *);
static const char *value_token(const char *, const char *, struct param *);
static int param_next(const char **, const char *, struct param *);
static int boundary_valid(const char *, size_t);
static int is_dropped(unsigned char);
static size_t copy_run(char *, const char *, size_t);
static char *filename_sanitise(const char *, size_t);
static int part_set_name(struct multipart_part *, struct param *);
static int part_set_filename(struct multipart_part *, const struct param *);
static int form_data_parse(const char *, const char *, struct multipart_part *);
static int header_parse(const char *, const char *, struct multipart_part *);
static int headers_parse(const char *, const char *, struct multipart_part *);
static void part_clear(struct multipart_part *);
static int part_parse(const char *, const char *, const char *, size_t,
    struct multipart_part *, const char **);

static int
is_ows(char c)
{
	return (c == ' ' || c == '\t');
}

/* 1 when the bytes from s to end are lit, ignoring ASCII case. */
static int
span_is(const char *s, const char *end, const char *lit)
{
	size_t i, len;

	len = strlen(lit);
	if ((size_t)(end - s) != len)
		return (0);
	for (i = 0; i < len; i++) {
		if (ascii_lower(s[i]) != ascii_lower(lit[i]))
			return (0);
	}
	return (1);
}

static const char *
skip_ows(const char *s, const char *end)
{
	while (s < end && is_ows(*s))
		s++;
	return (s);
}

static const char *
trim_end(const char *s, const char *end)
{
	while (end > s && is_ows(end[-1]))
		end--;
	return (end);
}

/* memmem() over s..end, which may be shorter than the needle. */
static const char *
find(const char *s, const char *end, const char *needle, size_t nlen)
{
	if ((size_t)(end - s) < nlen)
		return (NULL);
	return (memmem(s, (size_t)(end - s), needle, nlen));
}

/*
 * A quoted-string starting after its opening quote. Only \" and \\ are
 * escapes: old Internet Explorer sends the full Windows path unescaped
 * (filename="C:\Users\li\污染源名录.csv"), and taking every backslash as an
 * escape would glue the path together before its base name is taken.
 */
static const char *
value_quoted(const char *s, const char *end, struct param *p)
{
	char *out;
	size_t n;

	out = xmalloc((size_t)(end - s) + 1);
	n = 0;
	while (s < end && *s != '"') {
		if (*s == '\\' && end - s > 1 && (s[1] == '"' || s[1] == '\\'))
			s++;
		out[n++] = *s++;
	}
	if (s == end) {
		free(out);
		return (NULL);
	}
	out[n] = '\0';
	p->value = out;
	p->vlen = n;
	return (s + 1);
}

/* An unquoted value runs to the next ';', without surrounding blanks. */
static const char *
value_token(const char *s, const char *end, struct param *p)
{
	const char *stop;

	if ((stop = memchr(s, ';', (size_t)(end - s))) == NULL)
		stop = end;
	p->vlen = (size_t)(trim_end(s, stop) - s);
	p->value = xstrndup(s, p->vlen);
	return (stop);
}

/*
 * Reads the parameter at *sp ("; name=value", blanks allowed around each
 * part) and moves *sp past it. An empty parameter (a trailing ';') has
 * an empty name. GS_ERROR on a parameter without '=' or a name, or an
 * unterminated quoted value. On GS_OK the caller frees p->value.
 */
static int
param_next(const char **sp, const char *end, struct param *p)
{
	const char *s;

	memset(p, 0, sizeof(*p));
	s = skip_ows(*sp, end);
	p->name = s;
	if (s == end) {
		*sp = end;
		return (GS_OK);
	}
	if (*s != ';')
		return (GS_ERROR);
	s = skip_ows(s + 1, end);
	p->name = s;
	if (s == end || *s == ';') {
		*sp = s;
		return (GS_OK);
	}

	while (s < end && *s != '=' && *s != ';' && !is_ows(*s))
		s++;
	p->nlen = (size_t)(s - p->name);
	s = skip_ows(s, end);
	if (p->nlen == 0 || s == end || *s != '=')
		return (GS_ERROR);
	s = skip_ows(s + 1, end);

	if (s < end && *s == '"')
		s = value_quoted(s + 1, end, p);
	else
		s = value_token(s, end, p);
	if (s == NULL)
		return (GS_ERROR);
	*sp = s;
	return (GS_OK);
}

/* RFC 2046 bchars: a boundary must survive any mail gateway unquoted. */
static int
boundary_valid(const char *s, size_t len)
{
	static const char other[] = "'()+_,-./:=? ";
	size_t i;
	char c;

	if (len == 0 || len > MULTIPART_BOUNDARY_MAX || s[len - 1] == ' ')
		return (0);
	for (i = 0; i < len; i++) {
		c = s[i];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9'))
			continue;
		if (c == '\0' || strchr(other, c) == NULL)
			return (0);
	}
	return (1);
}

int
multipart_boundary(const char *content_type,
    char out[MULTIPART_BOUNDARY_MAX + 1])
{
	const char *s, *end, *type;
	struct param p;
	int found;

	out[0] = '\0';
	end = content_type + strlen(content_type);
	type = skip_ows(content_type, end);
	s = type;
	while (s < end && *s != ';' && !is_ows(*s))
		s++;
	if (!span_is(type, s, "multipart/form-data"))
		return (GS_ERROR);

	found = 0;
	while (s < end) {
		if (param_next(&s, end, &p) != GS_OK)
			goto fail;
		if (span_is(p.name, p.name + p.nlen, "boundary")) {
			/* Two boundaries: no way to tell which one is meant. */
			if (found || !boundary_valid(p.value, p.vlen)) {
				free(p.value);
				goto fail;
			}
			memcpy(out, p.value, p.vlen + 1);
			found = 1;
		}
		free(p.value);
	}
	if (found)
		return (GS_OK);
fail:
	out[0] = '\0';
	return (GS_ERROR);
}

/* Bytes a file name loses: ASCII controls and both quote characters. */
static int
is_dropped(unsigned char c)
{
	return (c < 0x20 || c == 0x7f || c == '"' || c == '\'');
}

/*
 * Copies len bytes of well-formed UTF-8 to out without the C1 controls
 * (U+0080..U+009F, C2 80..C2 9F); returns the bytes written.
 */
static size_t
copy_run(char *out, const char *s, size_t len)
{
	size_t i, n;

	n = 0;
	for (i = 0; i < len; i++) {
		if ((unsigned char)s[i] == 0xc2 && i + 1 < len &&
		    (unsigned char)s[i + 1] <= 0x9f) {
			i++;
			continue;
		}
		out[n++] = s[i];
	}
	return (n);
}

/*
 * The file name to keep: the base name without controls or quotes, trimmed
 * and at most FILENAME_MAX_LEN bytes of whole characters; "file" when
 * nothing is left. NULL when the name is not UTF-8.
 */
static char *
filename_sanitise(const char *s, size_t len)
{
	const char *base, *end, *run;
	char *out;
	size_t i, n, start;

	base = s;
	for (i = 0; i < len; i++) {
		if (s[i] == '/' || s[i] == '\\')
			base = s + i + 1;
	}
	end = s + len;

	/*
	 * Dropped bytes are ASCII, which never occurs inside a UTF-8
	 * sequence, so the name is well-formed exactly when every run
	 * between them is; checking the runs keeps a dropped byte from
	 * joining two halves of a broken sequence into a valid one.
	 */
	out = xmalloc((size_t)(end - base) + 1);
	n = 0;
	while (base < end) {
		run = base;
		while (base < end && !is_dropped((unsigned char)*base))
			base++;
		if (!utf8_valid_text(run, (size_t)(base - run))) {
			free(out);
			return (NULL);
		}
		n += copy_run(out + n, run, (size_t)(base - run));
		if (base < end)
			base++;
	}

	start = 0;
	while (start < n && out[start] == ' ')
		start++;
	if (n - start > FILENAME_MAX_LEN) {
		n = start + FILENAME_MAX_LEN;
		while (n > start && ((unsigned char)out[n] & 0xc0) == 0x80)
			n--;
	}
	while (n > start && out[n - 1] == ' ')
		n--;
	memmove(out, out + start, n - start);
	n -= start;
	out[n] = '\0';

	/* "." and ".." name a directory, not the file that was sent. */
	if (n == 0 || strcmp(out, ".") == 0 || strcmp(out, "..") == 0) {
		free(out);
		return (xstrdup("file"));
	}
	return (out);
}

/* Takes p->value as the part's name. */
static int
part_set_name(struct multipart_part *part, struct param *p)
{
	if (part->name != NULL || p->vlen == 0 ||
	    !utf8_valid_text(p->value, p->vlen))
		return (GS_ERROR);
	part->name = p->value;
	p->value = NULL;
	return (GS_OK);
}

static int
part_set_filename(struct multipart_part *part, const struct param *p)
{
	if (part->filename != NULL)
		return (GS_ERROR);
	part->filename = filename_sanitise(p->value, p->vlen);
	return (part->filename == NULL ? GS_ERROR : GS_OK);
}

/*
 * "form-data; name=...; filename=...". Other parameters are ignored, among
 * them filename*= (RFC 7578 4.2 says senders must not use it). A repeated
 * name or filename is an error rather than a guess.
 */
static int
form_data_parse(const char *s, const char *end, struct multipart_part *part)
{
	const char *type;
	struct param p;
	int rc;

	type = s;
	while (s < end && *s != ';' && !is_ows(*s))
		s++;
	if (!span_is(type, s, "form-data"))
		return (GS_ERROR);

	while (s < end) {
		if (param_next(&s, end, &p) != GS_OK)
			return (GS_ERROR);
		rc = GS_OK;
		if (span_is(p.name, p.name + p.nlen, "name"))
			rc = part_set_name(part, &p);
		else if (span_is(p.name, p.name + p.nlen, "filename"))
			rc = part_set_filename(part, &p);
		free(p.value);
		if (rc != GS_OK)
			return (GS_ERROR);
	}
	return (GS_OK);
}

/* One header line without its CRLF. Unknown headers are ignored. */
static int
header_parse(const char *s, const char *end, struct multipart_part *part)
{
	const char *colon, *c;

	/* A bare CR or LF means the sender does not use CRLF lines. */
	if (memchr(s, '\r', (size_t)(end - s)) != NULL ||
	    memchr(s, '\n', (size_t)(end - s)) != NULL)
		return (GS_ERROR);
	if ((colon = memchr(s, ':', (size_t)(end - s))) == NULL || colon == s)
		return (GS_ERROR);
	/* Blanks in a name include obsolete line folding: both refused. */
	for (c = s; c < colon; c++) {
		if (is_ows(*c))
			return (GS_ERROR);
	}

	if (span_is(s, colon, "content-disposition")) {
		/*
		 * One disposition, carrying the name: a second one is
		 * refused, not merged, even after one without a name.
		 */
		if (part->name != NULL)
			return (GS_ERROR);
		s = skip_ows(colon + 1, end);
		if (form_data_parse(s, trim_end(s, end), part) != GS_OK)
			return (GS_ERROR);
		return (part->name == NULL ? GS_ERROR : GS_OK);
	}
	if (span_is(s, colon, "content-type")) {
		s = skip_ows(colon + 1, end);
		end = trim_end(s, end);
		if (part->content_type != NULL ||
		    !utf8_valid_text(s, (size_t)(end - s)))
			return (GS_ERROR);
		part->content_type = xstrndup(s, (size_t)(end - s));
	}
	return (GS_OK);
}

/* The header lines from s to end, each ending in CRLF. */
static int
headers_parse(const char *s, const char *end, struct multipart_part *part)
{
	const char *eol;

	while (s < end) {
		eol = find(s, end, "\r\n", 2);
		if (header_parse(s, eol, part) != GS_OK)
			return (GS_ERROR);
		s = eol + 2;
	}
	return (part->name == NULL ? GS_ERROR : GS_OK);
}

static void
part_clear(struct multipart_part *part)
{
	free(part->name);
	free(part->filename);
	free(part->content_type);
	memset(part, 0, sizeof(*part));
}

/*
 * One part starting at s, just after the CRLF of its boundary line, up to
 * the next delimiter (CRLF "--" boundary, delim of dlen bytes); *next is
 * set just past that delimiter. On GS_ERROR the part holds nothing.
 */
static int
part_parse(const char *s, const char *end, const char *delim, size_t dlen,
    struct multipart_part *part, const char **next)
{
	const char *blank, *close, *limit;

	memset(part, 0, sizeof(*part));

	/*
	 * Searching from the boundary line's own CRLF sees a part without
	 * headers; the limit keeps an unterminated header block from
	 * costing a search through the rest of the body.
	 */
	limit = end;
	if ((size_t)(end - (s - 2)) > HEADERS_MAX + 4)
		limit = s - 2 + HEADERS_MAX + 4;
	if ((blank = find(s - 2, limit, "\r\n\r\n", 4)) == NULL)
		return (GS_ERROR);
	if (headers_parse(s, blank + 2, part) != GS_OK) {
		part_clear(part);
		return (GS_ERROR);
	}

	/* The blank line's CRLF may double as the delimiter's: no data. */
	if ((close = find(blank + 2, end, delim, dlen)) == NULL) {
		part_clear(part);
		return (GS_ERROR);
	}
	part->data = blank + 4;
	part->len = 0;
	if (close == blank + 2)
		part->data = close;
	else
		part->len = (size_t)(close - part->data);
	*next = close + dlen;
	return (GS_OK);
}

int
multipart_parse(const char *body, size_t len, const char *boundary,
    struct multipart *mp)
{
	char delim[4 + MULTIPART_BOUNDARY_MAX];
	const char *s, *end;
	size_t blen, dlen;

	mp->n = 0;
	blen = strlen(boundary);
	if (blen == 0 || blen > MULTIPART_BOUNDARY_MAX)
		return (GS_ERROR);
	memcpy(delim, "\r\n--", 4);
	memcpy(delim + 4, boundary, blen);
	dlen = 4 + blen;
	if (body == NULL || len < dlen - 2)
		return (GS_ERROR);
	end = body + len;

	/* Without a preamble the first boundary line has no CRLF before. */
	if (memcmp(body, delim + 2, dlen - 2) == 0)
		s = body + dlen - 2;
	else if ((s = find(body, end, delim, dlen)) != NULL)
		s += dlen;
	else
		return (GS_ERROR);

	/* s is just past a boundary: "--" closes, CRLF starts a part. */
	for (;;) {
		if (end - s >= 2 && s[0] == '-' && s[1] == '-')
			return (GS_OK);
		if (end - s < 2 || s[0] != '\r' || s[1] != '\n')
			break;
		if (mp->n == MULTIPART_PARTS_MAX)
			break;
		if (part_parse(s + 2, end, delim, dlen, &mp->parts[mp->n],
		        &s) != GS_OK)
			break;
		mp->n++;
	}
	multipart_free(mp);
	return (GS_ERROR);
}

void
multipart_free(struct multipart *mp)
{
	size_t i;

	for (i = 0; i < mp->n; i++)
		part_clear(&mp->parts[i]);
	mp->n = 0;
}

const struct multipart_part *
multipart_get(const struct multipart *mp, const char *name)
{
	size_t i;

	for (i = 0; i < mp->n; i++) {
		if (strcmp(mp->parts[i].name, name) == 0)
			return (&mp->parts[i]);
	}
	return (NULL);
}
