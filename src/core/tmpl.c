/*
 * tmpl.c — the template engine: declarations, compilation to a flat list
 * of operations, render data (tdata) and rendering.
 *
 * Compilation happens once, at start-up, in three passes over the set:
 * each source is cut into tokens (syntax and the params block), partial
 * references are checked (unknown names, recursion, depth), then every
 * page is compiled with its partials inlined, resolving each key against
 * the declarations and deciding from the surrounding HTML how its value
 * is written. Rendering then only follows the operations: no parsing, no
 * allocation besides the output buffer, keys found by a hint index.
 *
 * This file must never write a value unescaped unless the compiler proved
 * it html, and never make an html value except the layout's "content".
 * No Kore, no libpq, no globals besides constants.
 */
#include <sys/types.h>
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/html.h"
#include "core/tmpl.h"
#include "core/tmpl_trusted.h"
#include "core/util.h"

#define TMPL_NEST_MAX 32                /* sections inside sections */
#define TMPL_PARTIAL_MAX 8              /* partials inside partials */
#define TMPL_DECL_DEPTH 16              /* list(map(list(...))) */
#define TMPL_KEY_MAX 256                /* bytes in a key or partial name */
#define TMPL_OPS_MAX 100000             /* operations after inlining */
#define TMPL_SCAN_MAX (4 * 1024 * 1024) /* markup after inlining */
#define TMPL_DIR_DEPTH 16

#define ARENA_CHUNK 4096
#define ARENA_CHUNK_MAX (64 * 1024)

enum ttype {
	T_TEXT,
	T_INT,
	T_BOOL,
	T_URL,
	T_HTML,
	T_LIST,
	T_MAP,
};

static const char *const type_names[] = {
	"text",
	"int",
	"bool",
	"url",
	"html",
	"list",
	"map",
};

/* One declared key; the params block itself is a map without a name. */
struct tdecl {
	char *name;
	size_t len;
	uint32_t hash;
	uint32_t index; /* among its siblings */
	uint8_t type;
	uint8_t optional;
	struct tdecl *fields; /* list items, map members */
	size_t nfields;
	const struct tdecl *parent;
};

/*
 * Render data. Everything lives in one arena owned by the root, so a
 * handler builds a page's data with no frees and drops it in one call.
 */
struct tarena_chunk {
	struct tarena_chunk *next;
	size_t used;
	size_t size;
	max_align_t data[];
};

struct tarena {
	struct tarena_chunk *chunks;
	struct tdata *root;
};

struct tval {
	uint8_t type;
	union {
		struct {
			const char *s;
			size_t len;
		} str;
		int64_t i;
		int b;
		struct tdata *map;
		struct tlist *list;
	} u;
};

struct tentry {
	const char *key;
	size_t klen;
	uint32_t hash;
	struct tval v;
};

struct tdata {
	struct tarena *arena;
	struct tentry *ent;
	uint32_t n;
	uint32_t cap;
	struct tdata *next;           /* the next item of a list */
	const struct tdata *fallback; /* searched when ent misses */
};

struct tlist {
	struct tarena *arena;
	struct tdata *head;
	struct tdata *tail;
	size_t n;
};

/* Compiled form. */
enum tok_kind {
	TK_TEXT,
	TK_VALUE,
	TK_RAW,
	TK_SECTION,
	TK_INVERTED,
	TK_CLOSE,
	TK_PARTIAL,
};

struct tok {
	uint8_t kind;
	int line;
	size_t off; /* text, key or name in the pool */
	size_t len;
	size_t match; /* a section's close token */
	struct tmpl *partial;
};

enum op_kind {
	OP_TEXT,
	OP_VALUE,
	OP_SECTION,
	OP_INVERTED,
};

enum op_esc {
	ESC_TEXT, /* html_escape */
	ESC_URL,  /* scheme check, then html_escape */
	ESC_RAW,  /* html values in element text */
};

/* More of the same attribute follows: keep "edit" from becoming a scheme. */
#define OPF_GUARD 0x01

struct op {
	uint8_t kind;
	uint8_t esc;
	uint8_t flags;
	uint16_t scope; /* scope level of the key's first part */
	uint16_t nseg;  /* parts of a dotted key */
	uint32_t seg;   /* first part in tmpl.segs */
	size_t end;     /* sections: index past the body */
	const char *text;
	size_t len;
};

struct tmpl {
	char *name;
	char *where; /* name or path, for messages */
	int partial;
	int has_params;
	struct tdecl params;
	char *pool;       /* literal text, keys, names */
	struct tok *toks; /* freed after compilation */
	size_t ntoks;
	struct op *ops;
	size_t nops;
	size_t opcap;
	const struct tdecl **segs;
	size_t nsegs;
	size_t segcap;
	int mark; /* partial graph walk */
	int height;
};

struct tmpl_set {
	struct tmpl **t;
	size_t n;
};

static int fail(struct buf *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Writes the message into err (when there is one) and returns GS_ERROR. */
static int
fail(struct buf *err, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return (GS_ERROR);
	buf_reset(err);
	va_start(ap, fmt);
	buf_vprintf(err, fmt, ap);
	va_end(ap);
	return (GS_ERROR);
}

/* FNV-1a: keys are short, and both sides hash them once. */
static uint32_t
key_hash(const char *s, size_t len)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return (h);
}

static int
is_space(int c)
{
	return (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	    c == '\v');
}

static int
is_ident_start(int c)
{
	return ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_');
}

static int
is_ident(int c)
{
	return (is_ident_start(c) || (c >= '0' && c <= '9'));
}

/*
 * Render data.
 */

static void *
arena_alloc(struct tarena *a, size_t len)
{
	struct tarena_chunk *c;
	size_t align, size;
	void *p;

	align = _Alignof(max_align_t);
	if (len > SIZE_MAX / 2)
		abort();
	len = (len + align - 1) & ~(align - 1);
	if (len == 0)
		len = align;

	c = a->chunks;
	if (c == NULL || c->size - c->used < len) {
		/* Chunks double up to a ceiling; a big string gets its own. */
		size = ARENA_CHUNK;
		if (c != NULL)
			size = c->size < ARENA_CHUNK_MAX / 2 ? c->size * 2 :
			                                       ARENA_CHUNK_MAX;
		if (size < len)
			size = len;
		c = xmalloc(sizeof(*c) + size);
		c->used = 0;
		c->size = size;
		c->next = a->chunks;
		a->chunks = c;
	}
	p = (unsigned char *)c->data + c->used;
	c->used += len;
	return (p);
}

static char *
arena_strndup(struct tarena *a, const char *s, size_t len)
{
	char *p;

	p = arena_alloc(a, len + 1);
	if (len > 0)
		memcpy(p, s, len);
	p[len] = '\0';
	return (p);
}

static struct tdata *
map_new(struct tarena *a)
{
	struct tdata *m;

	m = arena_alloc(a, sizeof(*m));
	memset(m, 0, sizeof(*m));
	m->arena = a;
	return (m);
}

/* The value for key in m, added empty at the end when it is new. */
static struct tval *
map_slot(struct tdata *m, const char *key)
{
	struct tentry *e;
	size_t len;
	uint32_t h, i;

	len = strlen(key);
	h = key_hash(key, len);
	for (i = 0; i < m->n; i++) {
		e = &m->ent[i];
		if (e->hash == h && e->klen == len &&
		    memcmp(e->key, key, len) == 0)
			return (&e->v);
	}
	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 8;
		e = arena_alloc(m->arena, m->cap * sizeof(*e));
		if (m->n > 0)
			memcpy(e, m->ent, m->n * sizeof(*e));
		m->ent = e;
	}
	e = &m->ent[m->n++];
	e->key = arena_strndup(m->arena, key, len);
	e->klen = len;
	e->hash = h;
	memset(&e->v, 0, sizeof(e->v));
	return (&e->v);
}

static void
map_set_str(struct tdata *m, const char *key, uint8_t type, const char *s,
    size_t len)
{
	struct tval *v;
	const char *copy;

	copy = arena_strndup(m->arena, s, len);
	v = map_slot(m, key);
	v->type = type;
	v->u.str.s = copy;
	v->u.str.len = len;
}

struct tdata *
tdata_new(void)
{
	struct tarena *a;

	a = xcalloc(1, sizeof(*a));
	a->root = map_new(a);
	return (a->root);
}

void
tdata_free(struct tdata *root)
{
	struct tarena *a;
	struct tarena_chunk *c, *next;

	/* Maps inside the tree belong to the root's arena: nothing to do. */
	if (root == NULL || root->arena == NULL || root->arena->root != root)
		return;
	a = root->arena;
	for (c = a->chunks; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	free(a);
}

void
tdata_text(struct tdata *m, const char *key, const char *s)
{
	tdata_textn(m, key, s, s != NULL ? strlen(s) : 0);
}

void
tdata_textn(struct tdata *m, const char *key, const char *s, size_t len)
{
	map_set_str(m, key, T_TEXT, s, len);
}

void
tdata_textf(struct tdata *m, const char *key, const char *fmt, ...)
{
	struct tval *v;
	va_list ap;
	char *p;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0) {
		map_set_str(m, key, T_TEXT, "", 0);
		return;
	}
	p = arena_alloc(m->arena, (size_t)n + 1);
	va_start(ap, fmt);
	(void)vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	v = map_slot(m, key);
	v->type = T_TEXT;
	v->u.str.s = p;
	v->u.str.len = (size_t)n;
}

void
tdata_url(struct tdata *m, const char *key, const char *s)
{
	map_set_str(m, key, T_URL, s, s != NULL ? strlen(s) : 0);
}

void
tdata_html_trusted(struct tdata *m, const char *key, const char *html,
    size_t len)
{
	map_set_str(m, key, T_HTML, html, len);
}

void
tdata_int(struct tdata *m, const char *key, int64_t i)
{
	struct tval *v;

	v = map_slot(m, key);
	v->type = T_INT;
	v->u.i = i;
}

void
tdata_bool(struct tdata *m, const char *key, int b)
{
	struct tval *v;

	v = map_slot(m, key);
	v->type = T_BOOL;
	v->u.b = b != 0;
}

struct tdata *
tdata_map(struct tdata *m, const char *key)
{
	struct tdata *child;
	struct tval *v;

	child = map_new(m->arena);
	v = map_slot(m, key);
	v->type = T_MAP;
	v->u.map = child;
	return (child);
}

struct tlist *
tdata_list(struct tdata *m, const char *key)
{
	struct tlist *l;
	struct tval *v;

	l = arena_alloc(m->arena, sizeof(*l));
	memset(l, 0, sizeof(*l));
	l->arena = m->arena;
	v = map_slot(m, key);
	v->type = T_LIST;
	v->u.list = l;
	return (l);
}

struct tdata *
tlist_add(struct tlist *l)
{
	struct tdata *item;

	item = map_new(l->arena);
	if (l->tail != NULL)
		l->tail->next = item;
	else
		l->head = item;
	l->tail = item;
	l->n++;
	return (item);
}

/*
 * Declarations: the params block.
 */

struct pparse {
	const char *p;
	const char *end;
	int line;
	const char *where;
	struct buf *err;
};

static int pp_fail(struct pparse *pp, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int
pp_fail(struct pparse *pp, const char *fmt, ...)
{
	va_list ap;

	if (pp->err == NULL)
		return (GS_ERROR);
	buf_reset(pp->err);
	buf_printf(pp->err, "%s:%d: params: ", pp->where, pp->line);
	va_start(ap, fmt);
	buf_vprintf(pp->err, fmt, ap);
	va_end(ap);
	return (GS_ERROR);
}

static void
decl_free(struct tdecl *d)
{
	size_t i;

	for (i = 0; i < d->nfields; i++)
		decl_free(&d->fields[i]);
	free(d->fields);
	free(d->name);
	d->fields = NULL;
	d->nfields = 0;
	d->name = NULL;
}

/* Once the tree no longer moves: parents and sibling positions. */
static void
decl_link(struct tdecl *d)
{
	size_t i;

	for (i = 0; i < d->nfields; i++) {
		d->fields[i].parent = d;
		d->fields[i].index = (uint32_t)i;
		decl_link(&d->fields[i]);
	}
}

static const struct tdecl *
decl_field(const struct tdecl *d, const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < d->nfields; i++) {
		if (d->fields[i].len == len &&
		    memcmp(d->fields[i].name, name, len) == 0)
			return (&d->fields[i]);
	}
	return (NULL);
}

/* Skips spaces, and commas between entries when commas is set. */
static void
pp_skip(struct pparse *pp, int commas)
{
	while (pp->p < pp->end &&
	    (is_space(*pp->p) || (commas && *pp->p == ','))) {
		if (*pp->p == '\n')
			pp->line++;
		pp->p++;
	}
}

static size_t
pp_ident(struct pparse *pp)
{
	size_t n;

	if (pp->p >= pp->end || !is_ident_start(*pp->p))
		return (0);
	for (n = 1; pp->p + n < pp->end && is_ident(pp->p[n]); n++)
		;
	return (n);
}

static int pp_fields(struct pparse *, struct tdecl *, int, int);

static int
pp_type(struct pparse *pp, struct tdecl *d, int depth)
{
	const char *s;
	size_t n, i;

	s = pp->p;
	if ((n = pp_ident(pp)) == 0)
		return (pp_fail(pp, "expected a type after '%s:'", d->name));
	pp->p += n;
	for (i = 0; i < GS_NELEM(type_names); i++) {
		if (strlen(type_names[i]) == n &&
		    memcmp(s, type_names[i], n) == 0)
			break;
	}
	if (i == GS_NELEM(type_names))
		return (pp_fail(pp, "unknown type '%.*s' for '%s'", (int)n, s,
		    d->name));
	d->type = (uint8_t)i;
	if (d->type != T_LIST && d->type != T_MAP)
		return (GS_OK);

	pp_skip(pp, 0);
	if (pp->p >= pp->end || *pp->p != '(')
		return (pp_fail(pp, "expected '(' after %s for '%s'",
		    type_names[d->type], d->name));
	if (depth >= TMPL_DECL_DEPTH)
		return (pp_fail(pp, "types nested too deeply"));
	pp->p++;
	return (pp_fields(pp, d, depth + 1, 1));
}

static int
pp_decl(struct pparse *pp, struct tdecl *owner, int depth)
{
	struct tdecl d;
	size_t n;

	memset(&d, 0, sizeof(d));
	if ((n = pp_ident(pp)) == 0)
		return (pp_fail(pp, "expected a key name"));
	if (decl_field(owner, pp->p, n) != NULL)
		return (pp_fail(pp, "duplicate key '%.*s'", (int)n, pp->p));
	d.name = xstrndup(pp->p, n);
	d.len = n;
	d.hash = key_hash(d.name, n);
	pp->p += n;

	pp_skip(pp, 0);
	if (pp->p >= pp->end || *pp->p != ':') {
		pp_fail(pp, "expected ':' after '%s'", d.name);
		goto fail;
	}
	pp->p++;
	pp_skip(pp, 0);
	if (pp_type(pp, &d, depth) != GS_OK)
		goto fail;
	pp_skip(pp, 0);
	if (pp->p < pp->end && *pp->p == '?') {
		d.optional = 1;
		pp->p++;
	}

	owner->fields = xrealloc(owner->fields,
	    (owner->nfields + 1) * sizeof(*owner->fields));
	owner->fields[owner->nfields++] = d;
	return (GS_OK);

fail:
	decl_free(&d);
	return (GS_ERROR);
}

/* Entries up to the end of the block, or up to ')' when paren is set. */
static int
pp_fields(struct pparse *pp, struct tdecl *owner, int depth, int paren)
{
	for (;;) {
		pp_skip(pp, 1);
		if (pp->p >= pp->end) {
			if (paren)
				return (pp_fail(pp,
				    "expected ')' to close the fields of '%s'",
				    owner->name));
			return (GS_OK);
		}
		if (*pp->p == ')') {
			if (!paren)
				return (pp_fail(pp, "unexpected ')'"));
			pp->p++;
			return (GS_OK);
		}
		if (pp_decl(pp, owner, depth) != GS_OK)
			return (GS_ERROR);
	}
}

/*
 * Lexing: a source becomes tokens whose strings are copied into the
 * template's pool, so the source can go as soon as this pass is done.
 */

struct lexer {
	struct tmpl *t;
	const char *p;
	int line;
	struct buf pool;
	size_t tokcap;
	size_t text_end; /* pool end after the last text token */
	size_t stack[TMPL_NEST_MAX];
	size_t depth;
	int tags;  /* tags seen so far */
	int wrote; /* text other than spaces seen */
	struct buf *err;
};

static int lex_fail(struct lexer *lx, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
lex_fail(struct lexer *lx, int line, const char *fmt, ...)
{
	va_list ap;

	if (lx->err == NULL)
		return (GS_ERROR);
	buf_reset(lx->err);
	buf_printf(lx->err, "%s:%d: ", lx->t->where, line);
	va_start(ap, fmt);
	buf_vprintf(lx->err, fmt, ap);
	va_end(ap);
	return (GS_ERROR);
}

static struct tok *
lex_tok(struct lexer *lx, uint8_t kind, int line)
{
	struct tmpl *t = lx->t;
	struct tok *tok;

	if (t->ntoks == lx->tokcap) {
		lx->tokcap = lx->tokcap ? lx->tokcap * 2 : 64;
		t->toks = xrealloc(t->toks, lx->tokcap * sizeof(*t->toks));
	}
	tok = &t->toks[t->ntoks++];
	memset(tok, 0, sizeof(*tok));
	tok->kind = kind;
	tok->line = line;
	return (tok);
}

static int
count_lines(const char *s, size_t len)
{
	size_t i;
	int n = 0;

	for (i = 0; i < len; i++) {
		if (s[i] == '\n')
			n++;
	}
	return (n);
}

static void
lex_text(struct lexer *lx, const char *s, size_t len)
{
	struct tmpl *t = lx->t;
	struct tok *tok;
	size_t i;

	if (len == 0)
		return;
	for (i = 0; i < len && !lx->wrote; i++) {
		if (!is_space(s[i]))
			lx->wrote = 1;
	}
	/* Text on both sides of a comment is one token. */
	if (t->ntoks > 0 && t->toks[t->ntoks - 1].kind == TK_TEXT &&
	    lx->text_end == lx->pool.len) {
		tok = &t->toks[t->ntoks - 1];
		tok->len += len;
	} else {
		tok = lex_tok(lx, TK_TEXT, lx->line);
		tok->off = lx->pool.len;
		tok->len = len;
	}
	buf_append(&lx->pool, s, len);
	lx->text_end = lx->pool.len;
	lx->line += count_lines(s, len);
}

/* a, a.b, a.b.c: identifiers joined by single dots. */
static int
valid_key(const char *s, size_t len)
{
	size_t i;
	int start = 1;

	if (len == 0 || len > TMPL_KEY_MAX)
		return (0);
	for (i = 0; i < len; i++) {
		if (s[i] == '.' && !start && i + 1 < len) {
			start = 1;
			continue;
		}
		if (start ? !is_ident_start(s[i]) : !is_ident(s[i]))
			return (0);
		start = 0;
	}
	return (1);
}

static int
valid_partial_name(const char *s, size_t len)
{
	size_t i;

	if (len == 0 || len > TMPL_KEY_MAX)
		return (0);
	for (i = 0; i < len; i++) {
		if (!is_ident(s[i]) && s[i] != '/' && s[i] != '.' &&
		    s[i] != '-')
			return (0);
	}
	return (1);
}

static void
trim(const char **s, size_t *len)
{
	while (*len > 0 && is_space(**s)) {
		(*s)++;
		(*len)--;
	}
	while (*len > 0 && is_space((*s)[*len - 1]))
		(*len)--;
}

static size_t
lex_string(struct lexer *lx, const char *s, size_t len)
{
	size_t off;

	off = lx->pool.len;
	buf_append(&lx->pool, s, len);
	buf_putc(&lx->pool, '\0');
	return (off);
}

static int
lex_params(struct lexer *lx, const char *body, const char *end, int line)
{
	struct pparse pp;
	struct tmpl *t = lx->t;

	if (t->partial)
		return (lex_fail(lx, line,
		    "a partial cannot declare params; "
		    "it uses those of the template that includes it"));
	if (t->has_params)
		return (lex_fail(lx, line, "a second params block"));
	if (lx->tags > 0 || lx->wrote)
		return (lex_fail(lx, line, "the params block must come first"));

	pp.p = body;
	pp.end = end;
	pp.line = line;
	pp.where = t->where;
	pp.err = lx->err;
	t->has_params = 1;
	t->params.type = T_MAP;
	if (pp_fields(&pp, &t->params, 0, 0) != GS_OK)
		return (GS_ERROR);
	decl_link(&t->params);
	return (GS_OK);
}

static int
lex_section(struct lexer *lx, uint8_t kind, const char *key, size_t len,
    int line)
{
	struct tmpl *t = lx->t;
	struct tok *tok, *open;
	const char *okey;
	size_t off;

	if (kind == TK_CLOSE) {
		if (lx->depth == 0)
			return (lex_fail(lx, line,
			    "stray close tag '{{/%.*s}}'", (int)len, key));
		open = &t->toks[lx->stack[lx->depth - 1]];
		okey = lx->pool.data + open->off;
		if (open->len != len || memcmp(okey, key, len) != 0)
			return (lex_fail(lx, line,
			    "'{{/%.*s}}' does not close "
			    "'{{%c%s}}' opened on line %d",
			    (int)len, key, open->kind == TK_SECTION ? '#' : '^',
			    okey, open->line));
		lx->depth--;
		open->match = t->ntoks;
		off = open->off; /* lex_tok() may move the tokens */
		tok = lex_tok(lx, kind, line);
		tok->off = off;
		tok->len = len;
		return (GS_OK);
	}
	if (lx->depth == TMPL_NEST_MAX)
		return (lex_fail(lx, line, "sections nested more than %d deep",
		    TMPL_NEST_MAX));
	lx->stack[lx->depth++] = t->ntoks;
	tok = lex_tok(lx, kind, line);
	tok->off = lex_string(lx, key, len);
	tok->len = len;
	return (GS_OK);
}

/* Up to 40 bytes of s for a message: not past the line, nor mid-UTF-8. */
static size_t
snippet_len(const char *s)
{
	size_t n;

	n = strcspn(s, "\n");
	if (n <= 40)
		return (n);
	n = 40;
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	return (n);
}

static uint8_t
sigil_kind(char c)
{
	switch (c) {
	case '#':
		return (TK_SECTION);
	case '^':
		return (TK_INVERTED);
	case '/':
		return (TK_CLOSE);
	default:
		return (TK_PARTIAL);
	}
}

/* One tag at lx->p ("{{"), leaving lx->p after it. */
static int
lex_tag(struct lexer *lx)
{
	const char *open, *close, *in, *next;
	size_t len;
	uint8_t kind;
	int line, triple;
	struct tok *tok;

	open = lx->p;
	line = lx->line;
	triple = open[2] == '{';
	in = open + (triple ? 3 : 2);
	if ((close = strstr(in, triple ? "}}}" : "}}")) == NULL)
		return (lex_fail(lx, line, "unclosed tag '%.*s'",
		    (int)snippet_len(open), open));
	next = close + (triple ? 3 : 2);
	lx->line += count_lines(open, (size_t)(next - open));
	len = (size_t)(close - in);
	lx->p = next;
	trim(&in, &len);

	if (triple) {
		kind = TK_RAW;
	} else if (len > 0 && in[0] == '!') {
		if (len >= 7 && memcmp(in, "!params", 7) == 0 &&
		    (len == 7 || is_space(in[7]))) {
			line += count_lines(open, (size_t)(in - open));
			if (lex_params(lx, in + 7, in + len, line) != GS_OK)
				return (GS_ERROR);
			/* The block's own line end is not page content. */
			if (lx->p[0] == '\r' && lx->p[1] == '\n')
				lx->p++;
			if (lx->p[0] == '\n') {
				lx->p++;
				lx->line++;
			}
		}
		lx->tags++;
		return (GS_OK);
	} else if (len > 0 && strchr("#^/>", in[0]) != NULL) {
		kind = sigil_kind(in[0]);
		in++;
		len--;
		trim(&in, &len);
	} else {
		kind = TK_VALUE;
	}
	lx->tags++;

	if (len == 0)
		return (lex_fail(lx, line, "empty tag"));
	if (kind == TK_PARTIAL) {
		if (!valid_partial_name(in, len))
			return (lex_fail(lx, line,
			    "invalid partial name '%.*s'", (int)len, in));
		tok = lex_tok(lx, kind, line);
		tok->off = lex_string(lx, in, len);
		tok->len = len;
		return (GS_OK);
	}
	if (!valid_key(in, len))
		return (lex_fail(lx, line, "invalid key '%.*s'", (int)len, in));
	if (kind == TK_SECTION || kind == TK_INVERTED || kind == TK_CLOSE)
		return (lex_section(lx, kind, in, len, line));
	tok = lex_tok(lx, kind, line);
	tok->off = lex_string(lx, in, len);
	tok->len = len;
	return (GS_OK);
}

/* Reports the line of the first byte that is not UTF-8 text. */
static int
check_text(const char *where, const char *s, size_t len, struct buf *err)
{
	const char *nl;
	size_t n;
	int line;

	for (line = 1; len > 0; line++) {
		nl = memchr(s, '\n', len);
		n = nl != NULL ? (size_t)(nl - s) : len;
		if (!utf8_valid_text(s, n))
			return (fail(err, "%s:%d: not valid UTF-8 text", where,
			    line));
		if (nl == NULL)
			break;
		s += n + 1;
		len -= n + 1;
	}
	return (GS_OK);
}

static int
lex(struct tmpl *t, const char *src, struct buf *err)
{
	struct lexer lx;
	const char *q;
	struct tok *open;
	int rc = GS_ERROR;

	if (check_text(t->where, src, strlen(src), err) != GS_OK)
		return (GS_ERROR);

	memset(&lx, 0, sizeof(lx));
	lx.t = t;
	lx.p = src;
	lx.line = 1;
	lx.err = err;
	lx.text_end = SIZE_MAX;
	buf_init(&lx.pool);

	while (*lx.p != '\0') {
		if ((q = strstr(lx.p, "{{")) == NULL) {
			lex_text(&lx, lx.p, strlen(lx.p));
			break;
		}
		lex_text(&lx, lx.p, (size_t)(q - lx.p));
		lx.p = q;
		if (lex_tag(&lx) != GS_OK)
			goto done;
	}
	if (lx.depth > 0) {
		open = &t->toks[lx.stack[lx.depth - 1]];
		lex_fail(&lx, open->line, "unclosed section '{{%c%s}}'",
		    open->kind == TK_SECTION ? '#' : '^',
		    lx.pool.data + open->off);
		goto done;
	}
	if (!t->partial && !t->has_params) {
		lex_fail(&lx, 1,
		    "missing {{!params ...}} block (pages must "
		    "declare what they render; use {{!params}} for none)");
		goto done;
	}
	rc = GS_OK;
done:
	t->pool = buf_release(&lx.pool, NULL);
	return (rc);
}

/*
 * Partial references: every name exists and is a partial, no partial
 * includes itself, and no chain is deeper than TMPL_PARTIAL_MAX.
 */

static struct tmpl *
set_find(const struct tmpl_set *set, const char *name)
{
	size_t i;

	for (i = 0; i < set->n; i++) {
		if (strcmp(set->t[i]->name, name) == 0)
			return (set->t[i]);
	}
	return (NULL);
}

static int
is_partial_name(const char *name)
{
	return (strncmp(name, "partials/", 9) == 0);
}

static int
link_partials(struct tmpl_set *set, struct tmpl *t, struct buf *err)
{
	struct tok *tok;
	const char *name;
	size_t i;

	for (i = 0; i < t->ntoks; i++) {
		tok = &t->toks[i];
		if (tok->kind != TK_PARTIAL)
			continue;
		name = t->pool + tok->off;
		if ((tok->partial = set_find(set, name)) == NULL)
			return (fail(err, "%s:%d: unknown partial '%s'",
			    t->where, tok->line, name));
		if (!tok->partial->partial)
			return (fail(err,
			    "%s:%d: '%s' is not a partial (only "
			    "templates under partials/ can be included)",
			    t->where, tok->line, name));
	}
	return (GS_OK);
}

/* Depth-first, remembering each template's height below it. */
static int
walk_partials(struct tmpl *t, int depth, struct buf *err)
{
	struct tok *tok;
	struct tmpl *p;
	size_t i;

	t->mark = 1;
	t->height = 0;
	for (i = 0; i < t->ntoks; i++) {
		tok = &t->toks[i];
		if (tok->kind != TK_PARTIAL)
			continue;
		p = tok->partial;
		if (p->mark == 1)
			return (fail(err,
			    "%s:%d: partial recursion: '%s' includes itself",
			    t->where, tok->line, p->name));
		if (depth + 1 > TMPL_PARTIAL_MAX)
			return (fail(err,
			    "%s:%d: partials nested more than %d deep",
			    t->where, tok->line, TMPL_PARTIAL_MAX));
		if (p->mark == 0 && walk_partials(p, depth + 1, err) != GS_OK)
			return (GS_ERROR);
		if (p->height + 1 > t->height)
			t->height = p->height + 1;
		if (depth + t->height > TMPL_PARTIAL_MAX)
			return (fail(err,
			    "%s:%d: partials nested more than %d deep",
			    t->where, tok->line, TMPL_PARTIAL_MAX));
	}
	t->mark = 2;
	return (GS_OK);
}

/*
 * Compilation of one page, partials inlined where they are included.
 */

struct frame {
	const struct tmpl *t;
	int line;
};

struct compiler {
	struct tmpl *t; /* owner of the operations */
	struct buf *err;
	struct html_ctx h;
	const struct tdecl *scope[TMPL_NEST_MAX + 1];
	size_t nscope;
	size_t nest;
	struct frame frames[TMPL_PARTIAL_MAX + 1];
	size_t depth;
	size_t value_from; /* first op of this attribute */
	size_t scanned;
};

struct ref {
	const struct tdecl *decl; /* the last part */
	uint16_t scope;
	uint16_t nseg;
	uint32_t seg;
};

/* "page:12: partials/row:3: message": the page line is the inclusion. */
static int cfail(struct compiler *c, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
cfail(struct compiler *c, int line, const char *fmt, ...)
{
	va_list ap;
	size_t i;

	if (c->err == NULL)
		return (GS_ERROR);
	c->frames[c->depth].line = line;
	buf_reset(c->err);
	for (i = 0; i <= c->depth; i++)
		buf_printf(c->err, "%s:%d: ", c->frames[i].t->where,
		    c->frames[i].line);
	va_start(ap, fmt);
	buf_vprintf(c->err, fmt, ap);
	va_end(ap);
	return (GS_ERROR);
}

static int
op_new(struct compiler *c, int line, uint8_t kind, size_t *idx)
{
	struct tmpl *t = c->t;

	if (t->nops == TMPL_OPS_MAX)
		return (cfail(c, line,
		    "template too large once its partials are included"));
	if (t->nops == t->opcap) {
		t->opcap = t->opcap ? t->opcap * 2 : 64;
		t->ops = xrealloc(t->ops, t->opcap * sizeof(*t->ops));
	}
	*idx = t->nops++;
	memset(&t->ops[*idx], 0, sizeof(t->ops[*idx]));
	t->ops[*idx].kind = kind;
	return (GS_OK);
}

static void
seg_add(struct tmpl *t, const struct tdecl *d)
{
	if (t->nsegs == t->segcap) {
		t->segcap = t->segcap ? t->segcap * 2 : 32;
		t->segs = xrealloc(t->segs, t->segcap * sizeof(*t->segs));
	}
	t->segs[t->nsegs++] = d;
}

/*
 * The first part of a key is looked up from the innermost scope
 * outwards; the others are members of the map before them.
 */
static int
resolve(struct compiler *c, const char *key, int line, struct ref *r)
{
	const struct tdecl *d = NULL;
	const char *s, *dot;
	size_t len, lvl;

	s = key;
	dot = strchr(s, '.');
	len = dot != NULL ? (size_t)(dot - s) : strlen(s);
	for (lvl = c->nscope; lvl-- > 0;) {
		if ((d = decl_field(c->scope[lvl], s, len)) != NULL)
			break;
	}
	if (d == NULL)
		return (cfail(c, line, "unknown key '%s'", key));
	r->scope = (uint16_t)lvl;
	r->seg = (uint32_t)c->t->nsegs;
	r->nseg = 1;
	seg_add(c->t, d);

	while (dot != NULL) {
		if (d->type != T_MAP)
			return (
			    cfail(c, line, "'%.*s' in '%s' is %s, not a map",
			        (int)len, s, key, type_names[d->type]));
		s = dot + 1;
		dot = strchr(s, '.');
		len = dot != NULL ? (size_t)(dot - s) : strlen(s);
		if ((d = decl_field(d, s, len)) == NULL)
			return (cfail(c, line, "unknown key '%s'", key));
		seg_add(c->t, d);
		r->nseg++;
	}
	r->decl = d;
	return (GS_OK);
}

/* Section tags and values may not split "checked{{/x}}ed" (html.c). */
static int
check_pending(struct compiler *c, int line)
{
	if (c->h.pending)
		return (cfail(c, line,
		    "an attribute name may go on after the "
		    "section before this tag; put a space after it"));
	return (GS_OK);
}

static int
compile_text(struct compiler *c, const struct tmpl *src, const struct tok *tok)
{
	const char *s, *why;
	size_t i, idx;
	int line, was;

	s = src->pool + tok->off;
	line = tok->line;
	c->scanned += tok->len;
	if (c->scanned > TMPL_SCAN_MAX)
		return (cfail(c, line,
		    "template too large once its partials are included"));
	for (i = 0; i < tok->len; i++) {
		was = html_ctx_in_value(&c->h);
		if ((why = html_ctx_step(&c->h, (unsigned char)s[i])) != NULL)
			return (cfail(c, line, "%s", why));
		if (!was && html_ctx_in_value(&c->h))
			c->value_from = c->t->nops;
		if (s[i] == '\n')
			line++;
	}
	if (op_new(c, tok->line, OP_TEXT, &idx) != GS_OK)
		return (GS_ERROR);
	c->t->ops[idx].text = s;
	c->t->ops[idx].len = tok->len;
	return (GS_OK);
}

/*
 * A url written first in an attribute is followed by more data: mark it
 * so that a bare "edit" cannot become the scheme "edit:..." (see render).
 */
static void
guard_urls(struct compiler *c)
{
	size_t i;

	for (i = c->value_from; i < c->t->nops; i++) {
		if (c->t->ops[i].kind == OP_VALUE &&
		    c->t->ops[i].esc == ESC_URL)
			c->t->ops[i].flags |= OPF_GUARD;
	}
}

/* How a value of type d lands in the current HTML context, or an error. */
static int
value_escape(struct compiler *c, const struct tok *tok, const char *key,
    const struct tdecl *d, uint8_t *esc)
{
	int raw = tok->kind == TK_RAW;

	switch (html_ctx_slot(&c->h)) {
	case HTML_SLOT_TEXT:
		*esc = raw ? ESC_RAW : ESC_TEXT;
		return (GS_OK);
	case HTML_SLOT_RCDATA:
	case HTML_SLOT_ATTR:
	case HTML_SLOT_URL_ATTR:
		if (raw)
			return (cfail(c, tok->line,
			    "html value '%s' can only "
			    "be written as element content",
			    key));
		*esc = ESC_TEXT;
		if (html_ctx_slot(&c->h) != HTML_SLOT_URL_ATTR)
			return (GS_OK);
		break;
	case HTML_SLOT_SCRIPT_ATTR:
		if (d->type == T_INT || d->type == T_BOOL) {
			*esc = ESC_TEXT;
			return (GS_OK);
		}
		return (cfail(c, tok->line,
		    "'%s' is %s: only int and bool "
		    "values may go in a script or style attribute",
		    key, type_names[d->type]));
	case HTML_SLOT_TAG:
		return (cfail(c, tok->line,
		    "'%s' is inside a tag: a value "
		    "can only go in a quoted attribute value",
		    key));
	case HTML_SLOT_COMMENT:
		return (
		    cfail(c, tok->line, "'%s' is inside an HTML comment", key));
	case HTML_SLOT_SCRIPT:
		return (cfail(c, tok->line, "'%s' is inside <script>", key));
	case HTML_SLOT_STYLE:
		return (cfail(c, tok->line, "'%s' is inside <style>", key));
	default:
		return (cfail(c, tok->line,
		    "'%s' is inside raw text (<xmp>, <iframe>, <noscript>...)",
		    key));
	}

	/* A quoted href/src/action/formaction value. */
	if (html_ctx_value_start(&c->h)) {
		if (d->type == T_TEXT)
			return (cfail(c, tok->line,
			    "'%s' is text at the start "
			    "of a url attribute: use a url value",
			    key));
		if (d->type == T_URL)
			*esc = ESC_URL;
	} else if (d->type == T_TEXT || d->type == T_URL) {
		guard_urls(c);
	}
	return (GS_OK);
}

static int
compile_value(struct compiler *c, const struct tmpl *src, const struct tok *tok)
{
	const char *key;
	struct ref r;
	struct op *op;
	size_t idx;
	uint8_t esc;

	key = src->pool + tok->off;
	if (check_pending(c, tok->line) != GS_OK ||
	    resolve(c, key, tok->line, &r) != GS_OK)
		return (GS_ERROR);
	switch (r.decl->type) {
	case T_LIST:
	case T_MAP:
		return (cfail(c, tok->line, "'%s' is a %s: use it as a section",
		    key, type_names[r.decl->type]));
	case T_HTML:
		if (tok->kind != TK_RAW)
			return (cfail(c, tok->line,
			    "'%s' is html: write it as {{{%s}}}", key, key));
		break;
	default:
		if (tok->kind == TK_RAW)
			return (cfail(c, tok->line,
			    "'%s' is %s, not html: write it as {{%s}}", key,
			    type_names[r.decl->type], key));
		break;
	}
	if (value_escape(c, tok, key, r.decl, &esc) != GS_OK)
		return (GS_ERROR);
	html_ctx_wrote(&c->h);

	if (op_new(c, tok->line, OP_VALUE, &idx) != GS_OK)
		return (GS_ERROR);
	op = &c->t->ops[idx];
	op->esc = esc;
	op->scope = r.scope;
	op->seg = r.seg;
	op->nseg = r.nseg;
	return (GS_OK);
}

static int
compile_range(struct compiler *, const struct tmpl *, size_t, size_t);

static int
compile_section(struct compiler *c, const struct tmpl *src, size_t i)
{
	const struct tok *tok = &src->toks[i];
	const char *key, *why;
	struct html_ctx start;
	struct ref r;
	struct op *op;
	size_t idx;
	int push, inverted;

	key = src->pool + tok->off;
	inverted = tok->kind == TK_INVERTED;
	if (check_pending(c, tok->line) != GS_OK ||
	    resolve(c, key, tok->line, &r) != GS_OK)
		return (GS_ERROR);
	if (c->nest == TMPL_NEST_MAX)
		return (cfail(c, tok->line,
		    "sections nested more than %d "
		    "deep once partials are included",
		    TMPL_NEST_MAX));
	if (op_new(c, tok->line, inverted ? OP_INVERTED : OP_SECTION, &idx) !=
	    GS_OK)
		return (GS_ERROR);
	op = &c->t->ops[idx];
	op->scope = r.scope;
	op->seg = r.seg;
	op->nseg = r.nseg;

	push = !inverted && (r.decl->type == T_LIST || r.decl->type == T_MAP);
	if (push)
		c->scope[c->nscope++] = r.decl;
	c->nest++;
	start = c->h;
	if (compile_range(c, src, i + 1, tok->match) != GS_OK)
		return (GS_ERROR);
	c->nest--;
	if (push)
		c->nscope--;
	c->t->ops[idx].end = c->t->nops;

	why = html_ctx_join(&c->h, &start, !inverted && r.decl->type == T_LIST);
	if (why != NULL)
		return (cfail(c, src->toks[tok->match].line,
		    "'{{%c%s}}' (line %d): %s", inverted ? '^' : '#', key,
		    tok->line, why));
	return (GS_OK);
}

static int
compile_partial(struct compiler *c, const struct tok *tok)
{
	int rc;

	if (check_pending(c, tok->line) != GS_OK)
		return (GS_ERROR);
	if (c->depth == TMPL_PARTIAL_MAX)
		return (cfail(c, tok->line, "partials nested more than %d deep",
		    TMPL_PARTIAL_MAX));
	c->frames[c->depth].line = tok->line;
	c->depth++;
	c->frames[c->depth].t = tok->partial;
	c->frames[c->depth].line = 0;
	rc = compile_range(c, tok->partial, 0, tok->partial->ntoks);
	c->depth--;
	return (rc);
}

static int
compile_range(struct compiler *c, const struct tmpl *src, size_t from,
    size_t to)
{
	const struct tok *tok;
	size_t i;
	int rc;

	for (i = from; i < to; i++) {
		tok = &src->toks[i];
		switch (tok->kind) {
		case TK_TEXT:
			rc = compile_text(c, src, tok);
			break;
		case TK_VALUE:
		case TK_RAW:
			rc = compile_value(c, src, tok);
			break;
		case TK_SECTION:
		case TK_INVERTED:
			rc = compile_section(c, src, i);
			i = tok->match;
			break;
		case TK_PARTIAL:
			rc = compile_partial(c, tok);
			break;
		default:
			rc = GS_OK; /* closes are consumed by sections */
			break;
		}
		if (rc != GS_OK)
			return (GS_ERROR);
	}
	return (GS_OK);
}

static int
compile_page(struct tmpl *t, struct buf *err)
{
	struct compiler c;

	memset(&c, 0, sizeof(c));
	c.t = t;
	c.err = err;
	html_ctx_init(&c.h);
	c.scope[0] = &t->params;
	c.nscope = 1;
	c.frames[0].t = t;
	return (compile_range(&c, t, 0, t->ntoks));
}

/*
 * Template sets.
 */

static struct tmpl *
tmpl_new(const char *name, const char *where)
{
	struct tmpl *t;

	t = xcalloc(1, sizeof(*t));
	t->name = xstrdup(name);
	t->where = xstrdup(where);
	t->partial = is_partial_name(name);
	t->params.type = T_MAP;
	return (t);
}

static void
tmpl_free(struct tmpl *t)
{
	decl_free(&t->params);
	free(t->name);
	free(t->where);
	free(t->pool);
	free(t->toks);
	free(t->ops);
	free(t->segs);
	free(t);
}

void
tmpl_set_free(struct tmpl_set *set)
{
	size_t i;

	if (set == NULL)
		return;
	for (i = 0; i < set->n; i++)
		tmpl_free(set->t[i]);
	free(set->t);
	free(set);
}

static int
set_add(struct tmpl_set *set, const char *name, const char *where,
    const char *src, struct buf *err)
{
	struct tmpl *t;

	if (set_find(set, name) != NULL)
		return (fail(err, "%s:1: a second template named '%s'", where,
		    name));
	t = tmpl_new(name, where);
	set->t = xrealloc(set->t, (set->n + 1) * sizeof(*set->t));
	set->t[set->n++] = t;
	return (lex(t, src, err));
}

/* Passes two and three, once every source is lexed. */
static int
set_finish(struct tmpl_set *set, struct buf *err)
{
	size_t i;
	int rc = GS_OK;

	for (i = 0; i < set->n && rc == GS_OK; i++)
		rc = link_partials(set, set->t[i], err);
	for (i = 0; i < set->n && rc == GS_OK; i++) {
		if (set->t[i]->mark == 0)
			rc = walk_partials(set->t[i], 0, err);
	}
	for (i = 0; i < set->n && rc == GS_OK; i++) {
		if (!set->t[i]->partial)
			rc = compile_page(set->t[i], err);
	}
	/* Operations point into pools, never at tokens. */
	for (i = 0; i < set->n; i++) {
		free(set->t[i]->toks);
		set->t[i]->toks = NULL;
		set->t[i]->ntoks = 0;
	}
	return (rc);
}

struct tmpl_set *
tmpl_set_compile(const char *const *names, const char *const *sources, size_t n,
    struct buf *err)
{
	struct tmpl_set *set;
	size_t i;

	set = xcalloc(1, sizeof(*set));
	for (i = 0; i < n; i++) {
		if (set_add(set, names[i], names[i], sources[i], err) != GS_OK)
			goto fail;
	}
	if (set_finish(set, err) != GS_OK)
		goto fail;
	return (set);
fail:
	tmpl_set_free(set);
	return (NULL);
}

struct file {
	char *name;
	char *path;
};

struct filelist {
	struct file *f;
	size_t n;
};

static int
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return (n > m && strcmp(s + n - m, suffix) == 0);
}

static int
walk_dir(struct filelist *fl, const char *dir, const char *rel, int depth,
    struct buf *err)
{
	DIR *d;
	struct dirent *de;
	struct stat st;
	struct buf path, name;
	int rc = GS_OK;

	if (depth > TMPL_DIR_DEPTH)
		return (fail(err, "%s: directories nested too deeply", dir));
	if ((d = opendir(dir)) == NULL)
		return (fail(err, "%s: %s", dir, strerror(errno)));
	buf_init(&path);
	buf_init(&name);
	while (rc == GS_OK && (de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		buf_reset(&path);
		buf_printf(&path, "%s/%s", dir, de->d_name);
		buf_reset(&name);
		buf_printf(&name, "%s%s%s", rel, rel[0] ? "/" : "", de->d_name);
		if (stat(path.data, &st) == -1) {
			rc = fail(err, "%s: %s", path.data, strerror(errno));
		} else if (S_ISDIR(st.st_mode)) {
			rc = walk_dir(fl, path.data, name.data, depth + 1, err);
		} else if (S_ISREG(st.st_mode) &&
		    ends_with(name.data, ".html")) {
			name.len -= 5;
			name.data[name.len] = '\0';
			fl->f = xrealloc(fl->f, (fl->n + 1) * sizeof(*fl->f));
			fl->f[fl->n].name = xstrdup(name.data);
			fl->f[fl->n].path = xstrdup(path.data);
			fl->n++;
		}
	}
	closedir(d);
	buf_free(&path);
	buf_free(&name);
	return (rc);
}

static int
file_cmp(const void *a, const void *b)
{
	return (strcmp(((const struct file *)a)->name,
	    ((const struct file *)b)->name));
}

static int
read_file(const char *path, struct buf *out, struct buf *err)
{
	FILE *fp;
	char chunk[8192];
	size_t n;
	int rc = GS_OK;

	if ((fp = fopen(path, "r")) == NULL)
		return (fail(err, "%s: %s", path, strerror(errno)));
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		buf_append(out, chunk, n);
	if (ferror(fp))
		rc = fail(err, "%s: read error", path);
	fclose(fp);
	if (rc == GS_OK)
		buf_append(out, "", 0); /* an empty file is "" */
	return (rc);
}

struct tmpl_set *
tmpl_set_load(const char *dir, struct buf *err)
{
	struct filelist fl;
	struct tmpl_set *set;
	struct buf src;
	size_t i;
	int rc;

	memset(&fl, 0, sizeof(fl));
	set = xcalloc(1, sizeof(*set));
	buf_init(&src);
	rc = walk_dir(&fl, dir, "", 0, err);
	if (fl.n > 0)
		qsort(fl.f, fl.n, sizeof(*fl.f), file_cmp);
	for (i = 0; i < fl.n && rc == GS_OK; i++) {
		buf_reset(&src);
		rc = read_file(fl.f[i].path, &src, err);
		/* A NUL would end the source early: UTF-8 text has none. */
		if (rc == GS_OK)
			rc = check_text(fl.f[i].path, src.data, src.len, err);
		if (rc == GS_OK)
			rc = set_add(set, fl.f[i].name, fl.f[i].path, src.data,
			    err);
	}
	buf_free(&src);
	if (rc == GS_OK)
		rc = set_finish(set, err);
	for (i = 0; i < fl.n; i++) {
		free(fl.f[i].name);
		free(fl.f[i].path);
	}
	free(fl.f);
	if (rc != GS_OK) {
		tmpl_set_free(set);
		return (NULL);
	}
	return (set);
}

const struct tmpl *
tmpl_get(const struct tmpl_set *set, const char *name)
{
	return (set_find(set, name));
}

size_t
tmpl_count(const struct tmpl_set *set)
{
	return (set->n);
}

const char *
tmpl_name(const struct tmpl_set *set, size_t i)
{
	if (i >= set->n)
		return (NULL);
	return (set->t[i]->name);
}

/*
 * Rendering.
 */

struct render {
	const struct tmpl *t;
	struct buf *out;
	struct buf *err;
	const struct tdata *scope[TMPL_NEST_MAX + 1];
	size_t nscope;
};

static int
entry_is(const struct tentry *e, const struct tdecl *d)
{
	return (e->hash == d->hash && e->klen == d->len &&
	    memcmp(e->key, d->name, d->len) == 0);
}

/*
 * Handlers usually set keys in the order they are declared, so the
 * declaration's position is tried before the scan.
 */
static const struct tval *
map_find(const struct tdata *m, const struct tdecl *d)
{
	uint32_t i;

	for (; m != NULL; m = m->fallback) {
		if (d->index < m->n && entry_is(&m->ent[d->index], d))
			return (&m->ent[d->index].v);
		for (i = 0; i < m->n; i++) {
			if (entry_is(&m->ent[i], d))
				return (&m->ent[i].v);
		}
	}
	return (NULL);
}

static void
key_path(struct buf *b, const struct tdecl *d)
{
	if (d->parent != NULL && d->parent->name != NULL) {
		key_path(b, d->parent);
		buf_putc(b, '.');
	}
	buf_puts(b, d->name);
}

static int
check_value(struct render *r, const struct tdecl *d, const struct tval *v)
{
	struct buf path;

	if ((v == NULL && d->optional) || (v != NULL && v->type == d->type))
		return (GS_OK);
	if (r->err == NULL)
		return (GS_ERROR);
	buf_init(&path);
	key_path(&path, d);
	if (v == NULL)
		fail(r->err, "template '%s': missing required key '%s'",
		    r->t->name, path.data);
	else
		fail(r->err, "template '%s': key '%s' is declared %s but is %s",
		    r->t->name, path.data, type_names[d->type],
		    type_names[v->type]);
	buf_free(&path);
	return (GS_ERROR);
}

/* Enters a map: checks it against its declaration once, up front. */
static int
scope_push(struct render *r, const struct tdata *m, const struct tdecl *d)
{
	size_t i;

	for (i = 0; i < d->nfields; i++) {
		if (check_value(r, &d->fields[i], map_find(m, &d->fields[i])) !=
		    GS_OK)
			return (GS_ERROR);
	}
	r->scope[r->nscope++] = m;
	return (GS_OK);
}

/* *out is NULL for an absent optional key (or one inside an absent map). */
static int
lookup(struct render *r, const struct op *op, const struct tval **out)
{
	const struct tdata *m;
	const struct tdecl *d;
	const struct tval *v = NULL;
	uint16_t i;

	m = r->scope[op->scope];
	for (i = 0; i < op->nseg; i++) {
		d = r->t->segs[op->seg + i];
		v = map_find(m, d);
		if (check_value(r, d, v) != GS_OK)
			return (GS_ERROR);
		if (v == NULL)
			break;
		if (v->type == T_MAP)
			m = v->u.map;
	}
	*out = v;
	return (GS_OK);
}

static void
put_int(struct buf *b, int64_t i)
{
	char tmp[24], *p;
	uint64_t u;

	p = tmp + sizeof(tmp);
	u = i < 0 ? (uint64_t)0 - (uint64_t)i : (uint64_t)i;
	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u > 0);
	if (i < 0)
		*--p = '-';
	buf_append(b, p, (size_t)(tmp + sizeof(tmp) - p));
}

static void
put_url(struct render *r, const struct op *op, const char *s, size_t len)
{
	if (!html_url_is_safe(s, len)) {
		buf_putc(r->out, '#');
		return;
	}
	if ((op->flags & OPF_GUARD) && !html_url_scheme_fixed(s, len))
		buf_puts(r->out, "./");
	html_escape(r->out, s, len);
}

static int
render_value(struct render *r, const struct op *op)
{
	const struct tval *v;

	if (lookup(r, op, &v) != GS_OK)
		return (GS_ERROR);
	if (v == NULL)
		return (GS_OK);
	switch (v->type) {
	case T_INT:
		put_int(r->out, v->u.i);
		break;
	case T_BOOL:
		buf_puts(r->out, v->u.b ? "true" : "false");
		break;
	case T_HTML:
		if (op->esc == ESC_RAW)
			buf_append(r->out, v->u.str.s, v->u.str.len);
		break;
	default:
		if (op->esc == ESC_URL)
			put_url(r, op, v->u.str.s, v->u.str.len);
		else
			html_escape(r->out, v->u.str.s, v->u.str.len);
		break;
	}
	return (GS_OK);
}

static int render_ops(struct render *, size_t, size_t);

static int
is_true(const struct tval *v)
{
	if (v == NULL)
		return (0);
	switch (v->type) {
	case T_BOOL:
		return (v->u.b);
	case T_INT:
		return (v->u.i != 0);
	case T_LIST:
		return (v->u.list->n > 0);
	case T_MAP:
		return (1);
	default:
		return (v->u.str.len > 0);
	}
}

static int
render_section(struct render *r, size_t i)
{
	const struct op *op = &r->t->ops[i];
	const struct tdecl *d;
	const struct tval *v;
	const struct tdata *item;

	if (lookup(r, op, &v) != GS_OK)
		return (GS_ERROR);
	d = r->t->segs[op->seg + op->nseg - 1];
	if (op->kind == OP_INVERTED) {
		if (is_true(v))
			return (GS_OK);
		return (render_ops(r, i + 1, op->end));
	}
	if (!is_true(v))
		return (GS_OK);
	if (d->type != T_LIST && d->type != T_MAP)
		return (render_ops(r, i + 1, op->end));

	item = d->type == T_LIST ? v->u.list->head : v->u.map;
	for (; item != NULL; item = item->next) {
		if (scope_push(r, item, d) != GS_OK ||
		    render_ops(r, i + 1, op->end) != GS_OK)
			return (GS_ERROR);
		r->nscope--;
		if (d->type == T_MAP)
			break;
	}
	return (GS_OK);
}

static int
render_ops(struct render *r, size_t from, size_t to)
{
	const struct op *op;
	size_t i;

	for (i = from; i < to; i++) {
		op = &r->t->ops[i];
		switch (op->kind) {
		case OP_TEXT:
			buf_append(r->out, op->text, op->len);
			break;
		case OP_VALUE:
			if (render_value(r, op) != GS_OK)
				return (GS_ERROR);
			break;
		default:
			if (render_section(r, i) != GS_OK)
				return (GS_ERROR);
			i = op->end - 1;
			break;
		}
	}
	return (GS_OK);
}

int
tmpl_render(const struct tmpl *t, const struct tdata *data, struct buf *out,
    struct buf *err)
{
	static const struct tdata empty;
	struct render r;

	if (t == NULL)
		return (fail(err, "no such template"));
	if (t->partial)
		return (fail(err,
		    "template '%s': a partial cannot be rendered on its own",
		    t->name));
	memset(&r, 0, sizeof(r));
	r.t = t;
	r.out = out;
	r.err = err;
	if (scope_push(&r, data != NULL ? data : &empty, &t->params) != GS_OK)
		return (GS_ERROR);
	/* Even an empty page leaves out a terminated string. */
	buf_append(out, "", 0);
	return (render_ops(&r, 0, t->nops));
}

/*
 * The layout sees the caller's data through a one-entry map in front of
 * it, so nothing is copied and the caller's map is left as it was.
 */
int
tmpl_render_layout(const struct tmpl *layout, const struct tmpl *page,
    struct tdata *data, struct buf *out, struct buf *err)
{
	struct tdata front;
	struct tentry content;
	struct buf body;
	int rc;

	buf_init(&body);
	if (tmpl_render(page, data, &body, err) != GS_OK) {
		buf_free(&body);
		return (GS_ERROR);
	}
	memset(&content, 0, sizeof(content));
	content.key = "content";
	content.klen = strlen(content.key);
	content.hash = key_hash(content.key, content.klen);
	content.v.type = T_HTML;
	content.v.u.str.s = body.data != NULL ? body.data : "";
	content.v.u.str.len = body.len;

	memset(&front, 0, sizeof(front));
	front.ent = &content;
	front.n = front.cap = 1;
	front.fallback = data;
	rc = tmpl_render(layout, &front, out, err);
	buf_free(&body);
	return (rc);
}
