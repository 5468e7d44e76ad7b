/*
 * json.c — a strict JSON (RFC 8259) reader and a streaming writer.
 *
 * The reader sees untrusted request bodies and import lines; the writer
 * produces every JSON response and JSON embedded in pages. This module
 * must never accept anything RFC 8259 rejects (two layers that read a
 * lenient document differently let data slip past validation), must never
 * emit text a browser could take for markup, and must never call Kore or
 * libpq or keep global state: it is linked into unit tests, fuzzers and
 * gsctl as well as the web module.
 *
 * A parsed document lives in one arena of a few large chunks, so a
 * document is freed in a handful of free() calls however many values it
 * holds. The parse is linear in the input (duplicate keys in a large
 * object cost n log n, never n squared) because imports feed it lines of
 * many MiB and request bodies are chosen by whoever sends them.
 */
#include <inttypes.h>
#include <stdalign.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/json.h"

/* The first chunk is sized from the input; later ones double up to a cap. */
#define ARENA_CHUNK_MIN 1024
#define ARENA_CHUNK_MAX (16 * 1024 * 1024)

/*
 * Objects with at most this many members are checked for duplicate keys
 * pair by pair; larger ones are sorted, so a hostile object with a million
 * members costs n log n rather than n squared.
 */
#define DUP_PAIRWISE_MAX 16

/*
 * Writer state per depth in json_writer.first[]: besides "first", a bit
 * saying the container is an object, so a key in the wrong place is caught.
 */
#define JW_FIRST 0x01  /* nothing written at this depth yet */
#define JW_OBJECT 0x02 /* the container here is an object */

/* UTF-8 for U+FFFD, written in place of bytes that are not UTF-8. */
#define UTF8_REPLACEMENT "\xef\xbf\xbd"

struct json_chunk {
	struct json_chunk *next;
	size_t size;
	size_t used;
	max_align_t data[];
};

struct json_doc {
	struct json_chunk *chunks; /* the head is being filled */
	size_t next_size;
	struct json_value *root;
};

/* An object member while its object is still open. */
struct pending_member {
	const char *key;
	size_t keylen;
	size_t offset; /* of the key's opening quote */
	struct json_value *value;
};

struct parser {
	const char *in;
	size_t len;
	size_t pos;
	int depth;
	struct json_doc *doc;
	struct json_error *err;

	/* Scratch space reused for every string and container. */
	struct buf text;
	struct json_value **items;
	size_t nitems;
	size_t items_cap;
	struct pending_member *members;
	size_t nmembers;
	size_t members_cap;
	struct pending_member *sorted;
	size_t sorted_cap;
};

static struct json_chunk *chunk_new(size_t);
static void *arena_alloc(struct json_doc *, size_t, size_t);
static char *arena_strndup(struct json_doc *, const char *, size_t);

static size_t utf8_decode(const unsigned char *, size_t, uint32_t *);
static void utf8_encode(struct buf *, uint32_t);

static int fail(struct parser *, size_t, const char *);
static void skip_whitespace(struct parser *);
static int parse_document(struct parser *);
static int parse_value(struct parser *, struct json_value **);
static int parse_array(struct parser *, struct json_value *);
static int parse_object(struct parser *, struct json_value *);
static int parse_member(struct parser *);
static int parse_string(struct parser *, const char **, size_t *);
static int parse_escape(struct parser *, size_t);
static int parse_hex4(struct parser *, size_t, uint32_t *);
static int parse_number(struct parser *, struct json_value *);
static int parse_literal(struct parser *, struct json_value *, const char *,
    enum json_type, int);
static int check_duplicates(struct parser *, size_t);
static int member_cmp(const void *, const void *);
static int
same_key(const struct pending_member *, const struct pending_member *);
static void push_item(struct parser *, struct json_value *);
static void push_member(struct parser *, const struct pending_member *);

static void jw_misuse(const char *, const char *) __attribute__((noreturn));
static size_t key_len(const char *);
static void jw_prefix(struct json_writer *, const char *, size_t);
static void jw_open(struct json_writer *, const char *, size_t, int);
static void jw_close(struct json_writer *, int);
static void jw_valuen(struct json_writer *, const char *, size_t,
    const struct json_value *);
static const char *escape_of(const unsigned char *, size_t, size_t *, char *);

struct json_doc *
json_parse(const char *data, size_t len, struct json_error *err)
{
	struct parser p;
	struct json_doc *doc;
	int ok;

	if (err != NULL)
		memset(err, 0, sizeof(*err));

	/* Small bodies fit the first chunk; big imports start big. */
	doc = xcalloc(1, sizeof(*doc));
	doc->next_size = len < ARENA_CHUNK_MAX / 4 ? len * 4 : ARENA_CHUNK_MAX;
	if (doc->next_size < ARENA_CHUNK_MIN)
		doc->next_size = ARENA_CHUNK_MIN;

	memset(&p, 0, sizeof(p));
	p.in = data;
	p.len = len;
	p.doc = doc;
	p.err = err;
	buf_init(&p.text);

	ok = parse_document(&p);

	buf_free(&p.text);
	free(p.items);
	free(p.members);
	free(p.sorted);

	if (ok != GS_OK) {
		json_free(doc);
		return (NULL);
	}
	return (doc);
}

void
json_free(struct json_doc *doc)
{
	struct json_chunk *c, *next;

	if (doc == NULL)
		return;
	for (c = doc->chunks; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	free(doc);
}

const struct json_value *
json_root(const struct json_doc *doc)
{
	if (doc == NULL)
		return (NULL);
	return (doc->root);
}

const struct json_value *
json_get(const struct json_value *v, const char *key)
{
	const struct json_member *m;
	size_t i, keylen;

	if (v == NULL || v->type != JSON_OBJECT)
		return (NULL);

	keylen = strlen(key);
	for (i = 0; i < v->u.obj.n; i++) {
		m = &v->u.obj.members[i];
		if (m->keylen == keylen && memcmp(m->key, key, keylen) == 0)
			return (m->value);
	}
	return (NULL);
}

int
json_only_keys(const struct json_value *obj, const char *const *allowed,
    const char **unknown)
{
	const struct json_member *m;
	size_t i, j;

	if (unknown != NULL)
		*unknown = NULL;
	if (obj == NULL || obj->type != JSON_OBJECT)
		return (GS_ERROR);

	for (i = 0; i < obj->u.obj.n; i++) {
		m = &obj->u.obj.members[i];
		for (j = 0; allowed[j] != NULL; j++) {
			if (strlen(allowed[j]) == m->keylen &&
			    memcmp(allowed[j], m->key, m->keylen) == 0)
				break;
		}
		if (allowed[j] == NULL) {
			if (unknown != NULL)
				*unknown = m->key;
			return (GS_ERROR);
		}
	}
	return (GS_OK);
}

static struct json_chunk *
chunk_new(size_t size)
{
	struct json_chunk *c;

	if (size > SIZE_MAX - sizeof(*c)) {
		fprintf(stderr, "greensword: json: arena chunk too large\n");
		abort();
	}
	c = xmalloc(sizeof(*c) + size);
	c->next = NULL;
	c->size = size;
	c->used = 0;
	return (c);
}

/* align must be a power of two no larger than alignof(max_align_t). */
static void *
arena_alloc(struct json_doc *doc, size_t size, size_t align)
{
	struct json_chunk *c;
	size_t off;

	if ((c = doc->chunks) != NULL) {
		off = (c->used + align - 1) & ~(align - 1);
		if (off <= c->size && size <= c->size - off) {
			c->used = off + size;
			return ((unsigned char *)c->data + off);
		}
	}

	if (size > doc->next_size && doc->chunks != NULL) {
		/*
		 * An outsized request (a long string) gets a chunk of its
		 * own behind the head, which keeps the space left in the
		 * head for the small values that follow.
		 */
		c = chunk_new(size);
		c->next = doc->chunks->next;
		doc->chunks->next = c;
	} else {
		c = chunk_new(size > doc->next_size ? size : doc->next_size);
		c->next = doc->chunks;
		doc->chunks = c;
		if (doc->next_size < ARENA_CHUNK_MAX)
			doc->next_size *= 2;
	}
	c->used = size;
	return (c->data);
}

static char *
arena_strndup(struct json_doc *doc, const char *s, size_t len)
{
	char *p;

	p = arena_alloc(doc, len + 1, 1);
	if (len > 0)
		memcpy(p, s, len);
	p[len] = '\0';
	return (p);
}

/*
 * Length of the well-formed UTF-8 sequence at s (n bytes left), 0 when
 * malformed: overlong forms, surrogates and values past U+10FFFF are
 * refused as PostgreSQL would refuse them. util.c has the same check but
 * does not export the per-sequence step.
 */
static size_t
utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	size_t len, i;
	uint32_t c, min;

	c = s[0];
	if (c < 0x80) {
		*cp = c;
		return (1);
	} else if ((c & 0xe0) == 0xc0) {
		len = 2;
		c &= 0x1f;
		min = 0x80;
	} else if ((c & 0xf0) == 0xe0) {
		len = 3;
		c &= 0x0f;
		min = 0x800;
	} else if ((c & 0xf8) == 0xf0) {
		len = 4;
		c &= 0x07;
		min = 0x10000;
	} else
		return (0);

	if (len > n)
		return (0);
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return (0);
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return (0);
	*cp = c;
	return (len);
}

static void
utf8_encode(struct buf *b, uint32_t cp)
{
	unsigned char out[4];
	size_t n;

	if (cp < 0x80) {
		out[0] = (unsigned char)cp;
		n = 1;
	} else if (cp < 0x800) {
		out[0] = (unsigned char)(0xc0 | (cp >> 6));
		out[1] = (unsigned char)(0x80 | (cp & 0x3f));
		n = 2;
	} else if (cp < 0x10000) {
		out[0] = (unsigned char)(0xe0 | (cp >> 12));
		out[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (unsigned char)(0x80 | (cp & 0x3f));
		n = 3;
	} else {
		out[0] = (unsigned char)(0xf0 | (cp >> 18));
		out[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3f));
		out[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
		out[3] = (unsigned char)(0x80 | (cp & 0x3f));
		n = 4;
	}
	buf_append(b, out, n);
}

/*
 * Records the error and returns GS_ERROR for the caller to pass up. Every
 * parse function returns at once on error, so only the first is kept.
 */
static int
fail(struct parser *p, size_t offset, const char *message)
{
	size_t i;
	int line;

	if (p->err == NULL)
		return (GS_ERROR);

	/* Counting lines only here keeps the happy path free of it. */
	line = 1;
	for (i = 0; i < offset && i < p->len; i++) {
		if (p->in[i] == '\n' && line < INT32_MAX)
			line++;
	}
	p->err->offset = offset;
	p->err->line = line;
	(void)snprintf(p->err->message, sizeof(p->err->message), "%s", message);
	return (GS_ERROR);
}

static void
skip_whitespace(struct parser *p)
{
	char c;

	while (p->pos < p->len) {
		c = p->in[p->pos];
		if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
			break;
		p->pos++;
	}
}

static int
parse_document(struct parser *p)
{
	skip_whitespace(p);
	if (p->pos == p->len)
		return (fail(p, p->pos, "empty input"));
	if (parse_value(p, &p->doc->root) != GS_OK)
		return (GS_ERROR);
	skip_whitespace(p);
	if (p->pos != p->len)
		return (fail(p, p->pos, "unexpected data after the value"));
	return (GS_OK);
}

/* Parses the value at p->pos, whitespace already skipped. */
static int
parse_value(struct parser *p, struct json_value **out)
{
	struct json_value *v;

	if (p->pos == p->len)
		return (fail(p, p->pos, "unexpected end of input"));

	v = arena_alloc(p->doc, sizeof(*v), alignof(struct json_value));
	memset(v, 0, sizeof(*v));
	*out = v;

	switch (p->in[p->pos]) {
	case '{':
		return (parse_object(p, v));
	case '[':
		return (parse_array(p, v));
	case '"':
		v->type = JSON_STRING;
		return (parse_string(p, &v->u.str.s, &v->u.str.len));
	case 't':
		return (parse_literal(p, v, "true", JSON_BOOL, 1));
	case 'f':
		return (parse_literal(p, v, "false", JSON_BOOL, 0));
	case 'n':
		return (parse_literal(p, v, "null", JSON_NULL, 0));
	case '-':
	case '0':
	case '1':
	case '2':
	case '3':
	case '4':
	case '5':
	case '6':
	case '7':
	case '8':
	case '9':
		return (parse_number(p, v));
	default:
		return (fail(p, p->pos, "unexpected character"));
	}
}

static int
parse_array(struct parser *p, struct json_value *v)
{
	struct json_value *item;
	size_t base, n, comma;

	if (p->depth == JSON_DEPTH_MAX)
		return (fail(p, p->pos, "nesting too deep"));
	p->depth++;
	p->pos++;
	base = p->nitems;

	skip_whitespace(p);
	if (p->pos < p->len && p->in[p->pos] == ']') {
		p->pos++;
		goto done;
	}

	for (;;) {
		if (parse_value(p, &item) != GS_OK)
			return (GS_ERROR);
		push_item(p, item);

		skip_whitespace(p);
		if (p->pos == p->len)
			return (fail(p, p->pos, "unexpected end of input"));
		if (p->in[p->pos] == ']') {
			p->pos++;
			break;
		}
		if (p->in[p->pos] != ',')
			return (fail(p, p->pos, "expected ',' or ']'"));
		comma = p->pos++;
		skip_whitespace(p);
		if (p->pos < p->len && p->in[p->pos] == ']')
			return (fail(p, comma, "trailing comma"));
	}

done:
	v->type = JSON_ARRAY;
	n = p->nitems - base;
	if (n > 0) {
		v->u.arr.items = arena_alloc(p->doc, n * sizeof(*p->items),
		    alignof(struct json_value *));
		memcpy(v->u.arr.items, p->items + base, n * sizeof(*p->items));
	}
	v->u.arr.n = n;
	p->nitems = base;
	p->depth--;
	return (GS_OK);
}

static int
parse_object(struct parser *p, struct json_value *v)
{
	struct json_member *members;
	size_t base, n, i, comma;

	if (p->depth == JSON_DEPTH_MAX)
		return (fail(p, p->pos, "nesting too deep"));
	p->depth++;
	p->pos++;
	base = p->nmembers;

	skip_whitespace(p);
	if (p->pos < p->len && p->in[p->pos] == '}') {
		p->pos++;
		goto done;
	}

	for (;;) {
		if (parse_member(p) != GS_OK)
			return (GS_ERROR);

		skip_whitespace(p);
		if (p->pos == p->len)
			return (fail(p, p->pos, "unexpected end of input"));
		if (p->in[p->pos] == '}') {
			p->pos++;
			break;
		}
		if (p->in[p->pos] != ',')
			return (fail(p, p->pos, "expected ',' or '}'"));
		comma = p->pos++;
		skip_whitespace(p);
		if (p->pos < p->len && p->in[p->pos] == '}')
			return (fail(p, comma, "trailing comma"));
	}

	if (check_duplicates(p, base) != GS_OK)
		return (GS_ERROR);

done:
	v->type = JSON_OBJECT;
	n = p->nmembers - base;
	if (n > 0) {
		members = arena_alloc(p->doc, n * sizeof(*members),
		    alignof(struct json_member));
		for (i = 0; i < n; i++) {
			members[i].key = p->members[base + i].key;
			members[i].keylen = p->members[base + i].keylen;
			members[i].value = p->members[base + i].value;
		}
		v->u.obj.members = members;
	}
	v->u.obj.n = n;
	p->nmembers = base;
	p->depth--;
	return (GS_OK);
}

/* One "key": value pair, pushed onto the pending members. */
static int
parse_member(struct parser *p)
{
	struct pending_member m;

	if (p->pos == p->len)
		return (fail(p, p->pos, "unexpected end of input"));
	if (p->in[p->pos] != '"')
		return (fail(p, p->pos, "expected a string key"));

	m.offset = p->pos;
	if (parse_string(p, &m.key, &m.keylen) != GS_OK)
		return (GS_ERROR);

	skip_whitespace(p);
	if (p->pos == p->len)
		return (fail(p, p->pos, "unexpected end of input"));
	if (p->in[p->pos] != ':')
		return (fail(p, p->pos, "expected ':'"));
	p->pos++;

	skip_whitespace(p);
	if (parse_value(p, &m.value) != GS_OK)
		return (GS_ERROR);
	push_member(p, &m);
	return (GS_OK);
}

/*
 * The string at p->pos (its opening quote), decoded into the arena. Runs
 * of plain characters are copied whole; escapes are decoded one by one.
 */
static int
parse_string(struct parser *p, const char **s, size_t *len)
{
	const unsigned char *in = (const unsigned char *)p->in;
	size_t start, run, n;
	uint32_t cp;

	start = p->pos++;
	buf_reset(&p->text);
	run = p->pos;

	for (;;) {
		if (p->pos == p->len)
			return (fail(p, start, "unterminated string"));
		if (in[p->pos] == '"')
			break;
		if (in[p->pos] == '\\') {
			buf_append(&p->text, in + run, p->pos - run);
			if (parse_escape(p, start) != GS_OK)
				return (GS_ERROR);
			run = p->pos;
			continue;
		}
		if (in[p->pos] < 0x20)
			return (fail(p, p->pos, "control character in string"));
		if (in[p->pos] < 0x80) {
			p->pos++;
			continue;
		}
		if ((n = utf8_decode(in + p->pos, p->len - p->pos, &cp)) == 0)
			return (fail(p, p->pos, "invalid UTF-8 in string"));
		p->pos += n;
	}
	buf_append(&p->text, in + run, p->pos - run);
	p->pos++;

	*len = p->text.len;
	*s = arena_strndup(p->doc, p->text.data, p->text.len);
	return (GS_OK);
}

/*
 * The escape at p->pos (its backslash), appended to p->text. start is the
 * string's opening quote, where an unterminated string is reported.
 */
static int
parse_escape(struct parser *p, size_t start)
{
	size_t esc;
	uint32_t cp, lo;
	char c;

	esc = p->pos;
	if (esc + 1 == p->len)
		return (fail(p, start, "unterminated string"));

	switch (p->in[esc + 1]) {
	case '"':
		c = '"';
		break;
	case '\\':
		c = '\\';
		break;
	case '/':
		c = '/';
		break;
	case 'b':
		c = '\b';
		break;
	case 'f':
		c = '\f';
		break;
	case 'n':
		c = '\n';
		break;
	case 'r':
		c = '\r';
		break;
	case 't':
		c = '\t';
		break;
	case 'u':
		if (parse_hex4(p, esc, &cp) != GS_OK)
			return (GS_ERROR);
		p->pos = esc + 6;
		if (cp >= 0xdc00 && cp <= 0xdfff)
			return (fail(p, esc, "lone surrogate in \\u escape"));
		if (cp >= 0xd800 && cp <= 0xdbff) {
			/* Only a low surrogate escape may follow a high one. */
			if (p->len - p->pos < 2 || p->in[p->pos] != '\\' ||
			    p->in[p->pos + 1] != 'u')
				return (fail(p, esc,
				    "lone surrogate in \\u escape"));
			if (parse_hex4(p, p->pos, &lo) != GS_OK)
				return (GS_ERROR);
			if (lo < 0xdc00 || lo > 0xdfff)
				return (fail(p, esc,
				    "lone surrogate in \\u escape"));
			cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
			p->pos += 6;
		}
		utf8_encode(&p->text, cp);
		return (GS_OK);
	default:
		return (fail(p, esc, "invalid escape in string"));
	}

	buf_putc(&p->text, c);
	p->pos = esc + 2;
	return (GS_OK);
}

/* The four hex digits of the \u escape at esc (its backslash). */
static int
parse_hex4(struct parser *p, size_t esc, uint32_t *cp)
{
	size_t i;
	char c;

	*cp = 0;
	for (i = esc + 2; i < esc + 6; i++) {
		if (i >= p->len)
			return (fail(p, esc, "invalid \\u escape"));
		c = p->in[i];
		if (c >= '0' && c <= '9')
			*cp = (*cp << 4) | (uint32_t)(c - '0');
		else if (c >= 'a' && c <= 'f')
			*cp = (*cp << 4) | (uint32_t)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			*cp = (*cp << 4) | (uint32_t)(c - 'A' + 10);
		else
			return (fail(p, esc, "invalid \\u escape"));
	}
	return (GS_OK);
}

/*
 * A number exactly as RFC 8259 spells it. The magnitude of an integer is
 * accumulated here rather than by strtoll so that its limit is decided on
 * the digits themselves: "1.0" and "1e2" are never integers.
 */
static int
parse_number(struct parser *p, struct json_value *v)
{
	const char *in = p->in;
	size_t start, pos;
	uint64_t mag, limit;
	unsigned int digit;
	int neg, integral, overflow;

	start = pos = p->pos;
	mag = 0;
	neg = overflow = 0;
	integral = 1;

	if (in[pos] == '-') {
		neg = 1;
		pos++;
	}
	if (pos == p->len || in[pos] < '0' || in[pos] > '9')
		return (fail(p, start, "invalid number"));
	if (in[pos] == '0') {
		pos++;
		if (pos < p->len && in[pos] >= '0' && in[pos] <= '9')
			return (fail(p, start, "leading zero in number"));
	}
	while (pos < p->len && in[pos] >= '0' && in[pos] <= '9') {
		digit = (unsigned int)(in[pos] - '0');
		if (mag > (UINT64_MAX - digit) / 10)
			overflow = 1;
		else
			mag = mag * 10 + digit;
		pos++;
	}

	if (pos < p->len && in[pos] == '.') {
		integral = 0;
		pos++;
		if (pos == p->len || in[pos] < '0' || in[pos] > '9')
			return (fail(p, start, "invalid number"));
		while (pos < p->len && in[pos] >= '0' && in[pos] <= '9')
			pos++;
	}

	if (pos < p->len && (in[pos] == 'e' || in[pos] == 'E')) {
		integral = 0;
		pos++;
		if (pos < p->len && (in[pos] == '+' || in[pos] == '-'))
			pos++;
		if (pos == p->len || in[pos] < '0' || in[pos] > '9')
			return (fail(p, start, "invalid number"));
		while (pos < p->len && in[pos] >= '0' && in[pos] <= '9')
			pos++;
	}

	v->type = JSON_NUMBER;
	v->u.num.text = arena_strndup(p->doc, in + start, pos - start);
	limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	if (integral && !overflow && mag <= limit) {
		v->u.num.is_int = 1;
		if (neg && mag == (uint64_t)INT64_MAX + 1)
			v->u.num.i = INT64_MIN;
		else if (neg)
			v->u.num.i = -(int64_t)mag;
		else
			v->u.num.i = (int64_t)mag;
	}
	/* The grammar above is a subset of strtod's in the C locale. */
	v->u.num.d = strtod(v->u.num.text, NULL);
	p->pos = pos;
	return (GS_OK);
}

static int
parse_literal(struct parser *p, struct json_value *v, const char *word,
    enum json_type type, int boolean)
{
	size_t n;

	n = strlen(word);
	if (p->len - p->pos < n || memcmp(p->in + p->pos, word, n) != 0)
		return (fail(p, p->pos, "invalid literal"));
	v->type = type;
	v->u.boolean = boolean;
	p->pos += n;
	return (GS_OK);
}

/*
 * Reports the first member, in document order, whose key an earlier
 * member of the same object already has.
 */
static int
check_duplicates(struct parser *p, size_t base)
{
	const struct pending_member *m;
	size_t n, i, j, dup;

	m = p->members + base;
	n = p->nmembers - base;

	if (n <= DUP_PAIRWISE_MAX) {
		for (j = 1; j < n; j++) {
			for (i = 0; i < j; i++) {
				if (same_key(&m[i], &m[j]))
					return (fail(p, m[j].offset,
					    "duplicate key"));
			}
		}
		return (GS_OK);
	}

	if (p->sorted_cap < n) {
		p->sorted_cap = n;
		free(p->sorted);
		p->sorted = xcalloc(n, sizeof(*p->sorted));
	}
	memcpy(p->sorted, m, n * sizeof(*m));
	qsort(p->sorted, n, sizeof(*p->sorted), member_cmp);

	/* Equal keys sort together in document order: the later is a dup. */
	dup = SIZE_MAX;
	for (i = 1; i < n; i++) {
		if (same_key(&p->sorted[i - 1], &p->sorted[i]) &&
		    p->sorted[i].offset < dup)
			dup = p->sorted[i].offset;
	}
	if (dup != SIZE_MAX)
		return (fail(p, dup, "duplicate key"));
	return (GS_OK);
}

/* By key bytes, then by position in the document. */
static int
member_cmp(const void *a, const void *b)
{
	const struct pending_member *x = a, *y = b;
	size_t n;
	int r;

	n = x->keylen < y->keylen ? x->keylen : y->keylen;
	if (n > 0 && (r = memcmp(x->key, y->key, n)) != 0)
		return (r);
	if (x->keylen != y->keylen)
		return (x->keylen < y->keylen ? -1 : 1);
	if (x->offset != y->offset)
		return (x->offset < y->offset ? -1 : 1);
	return (0);
}

static int
same_key(const struct pending_member *a, const struct pending_member *b)
{
	if (a->keylen != b->keylen)
		return (0);
	return (memcmp(a->key, b->key, a->keylen) == 0);
}

static void
push_item(struct parser *p, struct json_value *v)
{
	if (p->nitems == p->items_cap) {
		p->items_cap = p->items_cap ? p->items_cap * 2 : 64;
		p->items = xrealloc(p->items, p->items_cap * sizeof(*p->items));
	}
	p->items[p->nitems++] = v;
}

static void
push_member(struct parser *p, const struct pending_member *m)
{
	if (p->nmembers == p->members_cap) {
		p->members_cap = p->members_cap ? p->members_cap * 2 : 32;
		p->members =
		    xrealloc(p->members, p->members_cap * sizeof(*p->members));
	}
	p->members[p->nmembers++] = *m;
}

void
jw_init(struct json_writer *w, struct buf *out)
{
	memset(w, 0, sizeof(*w));
	w->out = out;
	w->first[0] = JW_FIRST;
}

void
jw_object_begin(struct json_writer *w, const char *key)
{
	jw_open(w, key, key_len(key), 1);
}

void
jw_object_end(struct json_writer *w)
{
	jw_close(w, 1);
}

void
jw_array_begin(struct json_writer *w, const char *key)
{
	jw_open(w, key, key_len(key), 0);
}

void
jw_array_end(struct json_writer *w)
{
	jw_close(w, 0);
}

void
jw_string(struct json_writer *w, const char *key, const char *s)
{
	if (s == NULL)
		jw_misuse("NULL string (use jw_string_or_null)", key);
	jw_stringn(w, key, s, strlen(s));
}

void
jw_stringn(struct json_writer *w, const char *key, const char *s, size_t len)
{
	jw_prefix(w, key, key_len(key));
	json_escape_string(w->out, s, len);
}

void
jw_string_or_null(struct json_writer *w, const char *key, const char *s)
{
	if (s == NULL)
		jw_null(w, key);
	else
		jw_stringn(w, key, s, strlen(s));
}

void
jw_int(struct json_writer *w, const char *key, int64_t v)
{
	jw_prefix(w, key, key_len(key));
	buf_printf(w->out, "%" PRId64, v);
}

void
jw_bool(struct json_writer *w, const char *key, int v)
{
	jw_prefix(w, key, key_len(key));
	buf_puts(w->out, v ? "true" : "false");
}

void
jw_null(struct json_writer *w, const char *key)
{
	jw_prefix(w, key, key_len(key));
	buf_puts(w->out, "null");
}

void
jw_number_text(struct json_writer *w, const char *key, const char *text)
{
	jw_prefix(w, key, key_len(key));
	buf_puts(w->out, text);
}

void
jw_raw(struct json_writer *w, const char *key, const char *json, size_t len)
{
	jw_prefix(w, key, key_len(key));
	buf_append(w->out, json, len);
}

void
jw_value(struct json_writer *w, const char *key, const struct json_value *v)
{
	jw_valuen(w, key, key_len(key), v);
}

void
jw_date(struct json_writer *w, const char *key, gs_date d)
{
	char buf[GS_DATE_STRLEN];

	if (d == 0) {
		jw_null(w, key);
		return;
	}
	date_format(d, buf);
	jw_string(w, key, buf);
}

void
jw_instant(struct json_writer *w, const char *key, time_t t)
{
	char buf[GS_INSTANT_STRLEN];

	if (t == 0) {
		jw_null(w, key);
		return;
	}
	instant_format(t, buf);
	jw_string(w, key, buf);
}

/* The writer takes keys as C strings; NULL means no key. */
static size_t
key_len(const char *key)
{
	return (key != NULL ? strlen(key) : 0);
}

/*
 * Misuse of the writer is a bug in the caller, and carrying on would send
 * a client malformed JSON, so it stops the worker like any other fatal().
 */
static void
jw_misuse(const char *what, const char *key)
{
	if (key != NULL)
		fprintf(stderr, "greensword: json writer: %s (key \"%s\")\n",
		    what, key);
	else
		fprintf(stderr, "greensword: json writer: %s\n", what);
	abort();
}

/*
 * What comes before any value: a comma when it is not the first at this
 * depth, then the key inside an object. key is NULL for no key.
 */
static void
jw_prefix(struct json_writer *w, const char *key, size_t keylen)
{
	uint8_t *state;

	state = &w->first[w->depth];
	if (w->depth == 0) {
		if (key != NULL)
			jw_misuse("key at the top level", key);
		/* One document per jw_init: two would need a separator. */
		if (!(*state & JW_FIRST))
			jw_misuse("second value at the top level", NULL);
	} else if (*state & JW_OBJECT) {
		if (key == NULL)
			jw_misuse("value without a key in an object", NULL);
	} else if (key != NULL) {
		jw_misuse("key inside an array", key);
	}

	if (*state & JW_FIRST)
		*state &= (uint8_t)~JW_FIRST;
	else
		buf_putc(w->out, ',');
	if (key != NULL) {
		json_escape_string(w->out, key, keylen);
		buf_putc(w->out, ':');
	}
}

static void
jw_open(struct json_writer *w, const char *key, size_t keylen, int object)
{
	if (w->depth == JSON_DEPTH_MAX)
		jw_misuse("nesting deeper than JSON_DEPTH_MAX", key);
	jw_prefix(w, key, keylen);
	w->depth++;
	w->first[w->depth] = JW_FIRST | (object ? JW_OBJECT : 0);
	buf_putc(w->out, object ? '{' : '[');
}

static void
jw_close(struct json_writer *w, int object)
{
	int open_object;

	if (w->depth == 0)
		jw_misuse("end without a begin", NULL);
	open_object = (w->first[w->depth] & JW_OBJECT) != 0;
	if (open_object && !object)
		jw_misuse("jw_array_end closes an object", NULL);
	if (!open_object && object)
		jw_misuse("jw_object_end closes an array", NULL);
	buf_putc(w->out, object ? '}' : ']');
	w->depth--;
}

static void
jw_valuen(struct json_writer *w, const char *key, size_t keylen,
    const struct json_value *v)
{
	const struct json_member *m;
	size_t i;

	switch (v->type) {
	case JSON_NULL:
		jw_prefix(w, key, keylen);
		buf_puts(w->out, "null");
		break;
	case JSON_BOOL:
		jw_prefix(w, key, keylen);
		buf_puts(w->out, v->u.boolean ? "true" : "false");
		break;
	case JSON_NUMBER:
		jw_prefix(w, key, keylen);
		buf_puts(w->out, v->u.num.text);
		break;
	case JSON_STRING:
		jw_prefix(w, key, keylen);
		json_escape_string(w->out, v->u.str.s, v->u.str.len);
		break;
	case JSON_ARRAY:
		jw_open(w, key, keylen, 0);
		for (i = 0; i < v->u.arr.n; i++)
			jw_valuen(w, NULL, 0, v->u.arr.items[i]);
		jw_close(w, 0);
		break;
	case JSON_OBJECT:
		jw_open(w, key, keylen, 1);
		for (i = 0; i < v->u.obj.n; i++) {
			m = &v->u.obj.members[i];
			jw_valuen(w, m->key, m->keylen, m->value);
		}
		jw_close(w, 1);
		break;
	}
}

void
json_escape_string(struct buf *b, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	const char *esc;
	size_t i, run, adv;
	char tmp[8];

	buf_reserve(b, len + 2);
	buf_putc(b, '"');
	for (i = run = 0; i < len; i += adv) {
		if ((esc = escape_of(p + i, len - i, &adv, tmp)) == NULL)
			continue;
		buf_append(b, s + run, i - run);
		buf_puts(b, esc);
		run = i + adv;
	}
	buf_append(b, s + run, len - run);
	buf_putc(b, '"');
}

/*
 * The replacement for the character at p (n bytes left), or NULL when it
 * is copied as is; *adv is its length in bytes. tmp holds a \u00XX escape.
 * Bytes that are not UTF-8 become U+FFFD so the output stays valid JSON.
 */
static const char *
escape_of(const unsigned char *p, size_t n, size_t *adv, char *tmp)
{
	uint32_t cp;

	*adv = 1;
	switch (p[0]) {
	case '"':
		return ("\\\"");
	case '\\':
		return ("\\\\");
	case '\b':
		return ("\\b");
	case '\f':
		return ("\\f");
	case '\n':
		return ("\\n");
	case '\r':
		return ("\\r");
	case '\t':
		return ("\\t");
	/* A string that closes a <script> or opens an entity in HTML. */
	case '<':
		return ("\\u003c");
	case '>':
		return ("\\u003e");
	case '&':
		return ("\\u0026");
	default:
		break;
	}

	if (p[0] < 0x20) {
		memcpy(tmp, "\\u00", 4);
		hex_encode(p, 1, tmp + 4);
		return (tmp);
	}
	if (p[0] < 0x80)
		return (NULL);

	if ((*adv = utf8_decode(p, n, &cp)) == 0) {
		*adv = 1;
		return (UTF8_REPLACEMENT);
	}
	/* Line terminators in JavaScript, though not in JSON. */
	if (cp == 0x2028)
		return ("\\u2028");
	if (cp == 0x2029)
		return ("\\u2029");
	return (NULL);
}
