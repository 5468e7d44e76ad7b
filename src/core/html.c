/*
 * html.c — HTML escaping, the URL scheme allowlist and a small tokenizer
 * that tracks where literal template markup leaves a placeholder.
 *
 * The tokenizer follows the states of the WHATWG tokenizer that decide
 * whether a byte is element text, inside a tag, inside a quoted attribute
 * value, a comment or raw text; it gives up precision only in the
 * direction of refusing (a stray '=' is an error, not a guess). It must
 * never report a state in which escaping is enough when a browser would be
 * somewhere escaping is not.
 */
#include <string.h>

#include "core/html.h"
#include "core/util.h"

enum hs {
	HS_TEXT,
	HS_TAG_OPEN, /* "<" in text */
	HS_END_OPEN, /* "</" */
	HS_TAG_NAME,
	HS_BEFORE_ATTR, /* also after a quoted value */
	HS_ATTR_NAME,
	HS_AFTER_ATTR_NAME,
	HS_BEFORE_VALUE,
	HS_VALUE_DQ,
	HS_VALUE_SQ,
	HS_VALUE_UNQ,
	HS_MARKUP,      /* "<!" */
	HS_MARKUP_DASH, /* "<!-" */
	HS_COMMENT,     /* n: one of the CM_* below */
	HS_BOGUS,       /* <!doctype>, <?...>, </1...>: up to '>' */
	HS_RAW,         /* content of a raw text or RCDATA element */
	HS_RAW_LT,      /* "<" in raw text */
	HS_RAW_END,     /* "</" and n bytes of the element name */
};

/* Comment sub-states, as in the WHATWG tokenizer. */
enum {
	CM_BODY,
	CM_END_DASH,
	CM_END,
	CM_END_BANG,
	CM_START,
	CM_START_DASH,
};

enum elem {
	EL_OTHER,
	EL_SCRIPT,
	EL_STYLE,
	EL_TEXTAREA,
	EL_TITLE,
	EL_XMP,
	EL_IFRAME,
	EL_NOEMBED,
	EL_NOFRAMES,
	EL_NOSCRIPT,
	EL_PLAINTEXT,
};

/* Indexed by enum elem: elements whose content is not markup. */
static const char *const raw_elems[] = {
	NULL,
	"script",
	"style",
	"textarea",
	"title",
	"xmp",
	"iframe",
	"noembed",
	"noframes",
	"noscript",
	"plaintext",
};

enum attr_kind {
	AT_PLAIN,
	AT_URL,
	AT_SCRIPT,
};

static const char *const url_attrs[] = {
	"href",
	"src",
	"action",
	"formaction",
	"xlink:href",
	"data",
};

/* Attributes whose value a browser runs or parses as markup or CSS. */
static const char *const script_attrs[] = {
	"style",
	"srcdoc",
};

void
html_escape(struct buf *b, const char *s, size_t len)
{
	const char *rep;
	size_t i, start;

	buf_reserve(b, len);
	start = 0;
	for (i = 0; i < len; i++) {
		switch (s[i]) {
		case '&':
			rep = "&amp;";
			break;
		case '<':
			rep = "&lt;";
			break;
		case '>':
			rep = "&gt;";
			break;
		case '"':
			rep = "&quot;";
			break;
		case '\'':
			rep = "&#39;";
			break;
		default:
			continue;
		}
		buf_append(b, s + start, i - start);
		buf_puts(b, rep);
		start = i + 1;
	}
	buf_append(b, s + start, len - start);
}

static int
is_alpha(int c)
{
	return ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
}

/* The whitespace of the HTML tokenizer. */
static int
is_space(int c)
{
	return (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f');
}

/* Browsers drop leading C0 controls and spaces before parsing a URL. */
static void
url_trim(const char **s, size_t *len)
{
	while (*len > 0 && (unsigned char)**s <= 0x20) {
		(*s)++;
		(*len)--;
	}
}

static int
scheme_is(const char *s, size_t len, const char *scheme)
{
	size_t i;

	if (len != strlen(scheme))
		return (0);
	for (i = 0; i < len; i++) {
		if (ascii_lower(s[i]) != scheme[i])
			return (0);
	}
	return (1);
}

int
html_url_is_safe(const char *s, size_t len)
{
	size_t i;

	url_trim(&s, &len);
	if (len == 0)
		return (1);
	if (s[0] == '/' || s[0] == '?' || s[0] == '#' || s[0] == '.')
		return (1);
	for (i = 0; i < len; i++) {
		if (s[i] == '/' || s[i] == '?' || s[i] == '#')
			return (1);
		if (s[i] == ':')
			break;
	}
	if (i == len)
		return (1);
	return (scheme_is(s, i, "http") || scheme_is(s, i, "https") ||
	    scheme_is(s, i, "mailto"));
}

int
html_url_scheme_fixed(const char *s, size_t len)
{
	url_trim(&s, &len);
	if (len == 0)
		return (0);
	if (s[0] == '.')
		return (1);
	return (memchr(s, ':', len) != NULL || memchr(s, '/', len) != NULL ||
	    memchr(s, '?', len) != NULL || memchr(s, '#', len) != NULL);
}

void
html_ctx_init(struct html_ctx *h)
{
	memset(h, 0, sizeof(*h));
	h->state = HS_TEXT;
}

static void
name_clear(struct html_ctx *h)
{
	memset(h->name, 0, sizeof(h->name));
	h->namelen = 0;
}

static void
name_add(struct html_ctx *h, int c)
{
	if (h->namelen == 0xff)
		return;
	if (h->namelen >= sizeof(h->name) - 1) {
		h->namelen = 0xff;
		return;
	}
	h->name[h->namelen++] = ascii_lower((char)c);
}

static int
name_in(const struct html_ctx *h, const char *const *set, size_t n)
{
	size_t i;

	if (h->namelen == 0xff)
		return (0);
	for (i = 0; i < n; i++) {
		if (set[i] != NULL && strcmp(h->name, set[i]) == 0)
			return (1);
	}
	return (0);
}

/* Classifies the tag whose name was just read, then forgets the name. */
static void
tag_named(struct html_ctx *h)
{
	size_t i;

	h->elem = EL_OTHER;
	if (!h->endtag && h->namelen != 0xff) {
		for (i = 1; i < GS_NELEM(raw_elems); i++) {
			if (strcmp(h->name, raw_elems[i]) == 0)
				h->elem = (uint8_t)i;
		}
	}
	name_clear(h);
}

/* Classifies the attribute whose value is about to start. */
static void
attr_named(struct html_ctx *h)
{
	if (name_in(h, url_attrs, GS_NELEM(url_attrs)))
		h->attr = AT_URL;
	else if (name_in(h, script_attrs, GS_NELEM(script_attrs)) ||
	    (h->namelen >= 2 && h->name[0] == 'o' && h->name[1] == 'n'))
		h->attr = AT_SCRIPT;
	else
		h->attr = AT_PLAIN;
	name_clear(h);
}

static void
tag_emit(struct html_ctx *h)
{
	if (!h->endtag && h->elem != EL_OTHER) {
		h->state = HS_RAW;
	} else {
		h->state = HS_TEXT;
		h->elem = EL_OTHER;
	}
	h->endtag = 0;
	h->attr = AT_PLAIN;
	h->started = 0;
	h->n = 0;
	name_clear(h);
}

static void
before_attr(struct html_ctx *h)
{
	h->state = HS_BEFORE_ATTR;
	h->attr = AT_PLAIN;
	h->started = 0;
	h->n = 0;
	name_clear(h);
}

static void
text_state(struct html_ctx *h)
{
	h->state = HS_TEXT;
	h->elem = EL_OTHER;
	h->endtag = 0;
	h->n = 0;
}

static void
step_comment(struct html_ctx *h, int c)
{
	switch (h->n) {
	case CM_START:
	case CM_START_DASH:
		if (c == '>') {
			text_state(h);
			return;
		}
		if (c == '-') {
			h->n = h->n == CM_START ? CM_START_DASH : CM_END;
			return;
		}
		h->n = CM_BODY;
		return;
	case CM_END:
		if (c == '>')
			text_state(h);
		else if (c == '!')
			h->n = CM_END_BANG;
		else if (c != '-')
			h->n = CM_BODY;
		return;
	case CM_END_BANG:
		if (c == '>') {
			text_state(h);
			return;
		}
		h->n = c == '-' ? CM_END_DASH : CM_BODY;
		return;
	case CM_END_DASH:
		h->n = c == '-' ? CM_END : CM_BODY;
		return;
	default:
		if (c == '-')
			h->n = CM_END_DASH;
		return;
	}
}

/* Returns 1 when c must be looked at again in the new state. */
static int
step_raw_end(struct html_ctx *h, int c)
{
	const char *name = raw_elems[h->elem];
	size_t len = strlen(name);

	if (h->n < len) {
		if (ascii_lower((char)c) == name[h->n]) {
			h->n++;
			return (0);
		}
	} else if (is_space(c) || c == '/') {
		h->endtag = 1;
		h->elem = EL_OTHER;
		before_attr(h);
		return (0);
	} else if (c == '>') {
		text_state(h);
		return (0);
	}
	h->state = HS_RAW;
	h->n = 0;
	return (1);
}

/* Returns 1 when c must be looked at again in the new state. */
static int
step_tag(struct html_ctx *h, int c, const char **why)
{
	switch (h->state) {
	case HS_TAG_NAME:
		if (is_space(c) || c == '/') {
			tag_named(h);
			before_attr(h);
		} else if (c == '>') {
			tag_named(h);
			tag_emit(h);
		} else
			name_add(h, c);
		return (0);
	case HS_BEFORE_ATTR:
		if (c == '>')
			tag_emit(h);
		else if (c == '=')
			*why = "'=' without an attribute name in a tag";
		else if (!is_space(c) && c != '/') {
			h->state = HS_ATTR_NAME;
			name_add(h, c);
		}
		return (0);
	case HS_ATTR_NAME:
	case HS_AFTER_ATTR_NAME:
		if (is_space(c))
			h->state = HS_AFTER_ATTR_NAME;
		else if (c == '/')
			before_attr(h);
		else if (c == '=') {
			attr_named(h);
			h->state = HS_BEFORE_VALUE;
		} else if (c == '>')
			tag_emit(h);
		else if (h->state == HS_ATTR_NAME)
			name_add(h, c);
		else {
			name_clear(h);
			h->state = HS_ATTR_NAME;
			name_add(h, c);
		}
		return (0);
	case HS_BEFORE_VALUE:
		if (c == '"' || c == '\'') {
			h->state = c == '"' ? HS_VALUE_DQ : HS_VALUE_SQ;
			h->started = 0;
			return (0);
		}
		if (c == '>')
			tag_emit(h);
		else if (!is_space(c))
			h->state = HS_VALUE_UNQ;
		return (0);
	case HS_VALUE_DQ:
	case HS_VALUE_SQ:
		if (c == (h->state == HS_VALUE_DQ ? '"' : '\''))
			before_attr(h);
		else if (!is_space(c))
			h->started = 1;
		return (0);
	default: /* HS_VALUE_UNQ */
		if (is_space(c))
			before_attr(h);
		else if (c == '>')
			tag_emit(h);
		return (0);
	}
}

/* Returns 1 when c must be looked at again in the new state. */
static int
step_one(struct html_ctx *h, int c, const char **why)
{
	switch (h->state) {
	case HS_TEXT:
		if (c == '<')
			h->state = HS_TAG_OPEN;
		return (0);
	case HS_TAG_OPEN:
	case HS_END_OPEN:
		if (is_alpha(c)) {
			h->endtag = h->state == HS_END_OPEN;
			h->state = HS_TAG_NAME;
			name_add(h, c);
		} else if (h->state == HS_END_OPEN)
			h->state = c == '>' ? HS_TEXT : HS_BOGUS;
		else if (c == '/')
			h->state = HS_END_OPEN;
		else if (c == '!')
			h->state = HS_MARKUP;
		else if (c == '?')
			h->state = HS_BOGUS;
		else {
			h->state = HS_TEXT;
			return (1);
		}
		return (0);
	case HS_MARKUP:
	case HS_MARKUP_DASH:
		if (c == '-' && h->state == HS_MARKUP)
			h->state = HS_MARKUP_DASH;
		else if (c == '-') {
			h->state = HS_COMMENT;
			h->n = CM_START;
		} else {
			h->state = HS_BOGUS;
			return (1);
		}
		return (0);
	case HS_COMMENT:
		step_comment(h, c);
		return (0);
	case HS_BOGUS:
		if (c == '>')
			text_state(h);
		return (0);
	case HS_RAW:
		if (c == '<' && h->elem != EL_PLAINTEXT)
			h->state = HS_RAW_LT;
		return (0);
	case HS_RAW_LT:
		if (c == '/') {
			h->state = HS_RAW_END;
			h->n = 0;
		} else if (c != '<')
			h->state = HS_RAW;
		return (0);
	case HS_RAW_END:
		return (step_raw_end(h, c));
	default:
		return (step_tag(h, c, why));
	}
}

const char *
html_ctx_step(struct html_ctx *h, int c)
{
	const char *why = NULL;

	if (h->pending) {
		if (!is_space(c) && c != '/' && c != '>')
			return ("an attribute name goes on after a section; "
			        "put a space after it");
		h->pending = 0;
	}
	while (step_one(h, c, &why))
		;
	return (why);
}

enum html_slot
html_ctx_slot(const struct html_ctx *h)
{
	switch (h->state) {
	case HS_TEXT:
		return (HTML_SLOT_TEXT);
	case HS_VALUE_DQ:
	case HS_VALUE_SQ:
		if (h->attr == AT_URL)
			return (HTML_SLOT_URL_ATTR);
		if (h->attr == AT_SCRIPT)
			return (HTML_SLOT_SCRIPT_ATTR);
		return (HTML_SLOT_ATTR);
	case HS_MARKUP:
	case HS_MARKUP_DASH:
	case HS_COMMENT:
	case HS_BOGUS:
		return (HTML_SLOT_COMMENT);
	case HS_RAW:
	case HS_RAW_LT:
	case HS_RAW_END:
		if (h->elem == EL_SCRIPT)
			return (HTML_SLOT_SCRIPT);
		if (h->elem == EL_STYLE)
			return (HTML_SLOT_STYLE);
		/* A value after "</" could complete the end tag. */
		if (h->state != HS_RAW)
			return (HTML_SLOT_TAG);
		if (h->elem == EL_TEXTAREA || h->elem == EL_TITLE)
			return (HTML_SLOT_RCDATA);
		return (HTML_SLOT_RAWTEXT);
	default:
		return (HTML_SLOT_TAG);
	}
}

int
html_ctx_in_value(const struct html_ctx *h)
{
	return (h->state == HS_VALUE_DQ || h->state == HS_VALUE_SQ);
}

int
html_ctx_value_start(const struct html_ctx *h)
{
	return (html_ctx_in_value(h) && !h->started);
}

void
html_ctx_wrote(struct html_ctx *h)
{
	if (html_ctx_in_value(h))
		h->started = 1;
}

int
html_ctx_same(const struct html_ctx *a, const struct html_ctx *b)
{
	return (a->state == b->state && a->elem == b->elem &&
	    a->endtag == b->endtag && a->attr == b->attr && a->n == b->n &&
	    a->pending == b->pending && a->namelen == b->namelen &&
	    memcmp(a->name, b->name, sizeof(a->name)) == 0);
}

/*
 * The one tolerated difference is the boolean attribute idiom,
 * <input{{#on}} checked{{/on}}>: a section that runs at most once, begun
 * between attributes and ended in or after an attribute name. The name is
 * taken as finished, and the next byte must prove it (space, '/' or '>');
 * otherwise "hr{{/x}}ef" could build an href the compiler never saw.
 */
const char *
html_ctx_join(struct html_ctx *end, const struct html_ctx *start, int loops)
{
	struct html_ctx named;

	if (html_ctx_same(start, end)) {
		end->started = start->started && end->started;
		return (NULL);
	}
	/*
	 * <input{{#on}} checked{{/on}}>: where the body ran, the tag name
	 * ended at its space; where it did not, the byte after the section
	 * ends it (pending), so both agree on the element from there on.
	 */
	if (!loops && start->state == HS_TAG_NAME && !start->endtag) {
		named = *start;
		tag_named(&named);
		before_attr(&named);
		if (html_ctx_same(&named, end)) {
			end->pending = 1;
			return (NULL);
		}
		start = &named;
	}
	if (!loops && start->state == HS_BEFORE_ATTR && !start->pending &&
	    start->elem == end->elem && start->endtag == end->endtag &&
	    (end->state == HS_ATTR_NAME || end->state == HS_AFTER_ATTR_NAME ||
	        (end->state == HS_BEFORE_ATTR && end->pending))) {
		before_attr(end);
		end->pending = 1;
		return (NULL);
	}
	return ("section ends in a different HTML context than it starts");
}
