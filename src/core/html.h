/*
 * html.h — everything the core knows about HTML: escaping, the URL scheme
 * check, and a tokenizer that follows literal markup one byte at a time so
 * the template compiler can tell where in a document a placeholder lands.
 *
 * This is the only place in the tree that escapes HTML. It never decodes
 * or rewrites markup, and it never allocates except through struct buf.
 */
#ifndef GS_CORE_HTML_H
#define GS_CORE_HTML_H

#include <stddef.h>
#include <stdint.h>

#include "core/util.h"

/* Appends s with & < > " ' written as &amp; &lt; &gt; &quot; &#39;. */
void html_escape(struct buf *, const char *s, size_t len);

/*
 * 1 when a URL may be placed at the start of an href/src/action value:
 * after skipping leading spaces and control characters it is relative
 * (starts with '/', '?', '#' or '.', or has no ':' before its first '/',
 * '?' or '#') or its scheme is http, https or mailto (any case).
 */
int html_url_is_safe(const char *s, size_t len);

/*
 * 1 when nothing appended to the (safe) URL can change its scheme: it
 * starts with '/', '?', '#' or '.', or holds one of ':', '/', '?', '#'.
 * "edit" is not fixed: "edit" followed by ":alert(1)" would be a scheme.
 */
int html_url_scheme_fixed(const char *s, size_t len);

/* What a value written at the current point of a document would be. */
enum html_slot {
	HTML_SLOT_TEXT,        /* element content */
	HTML_SLOT_RCDATA,      /* <textarea> or <title> content */
	HTML_SLOT_ATTR,        /* a quoted attribute value */
	HTML_SLOT_URL_ATTR,    /* a quoted href/src/action/formaction... */
	HTML_SLOT_SCRIPT_ATTR, /* a quoted on* / style / srcdoc value */
	HTML_SLOT_TAG,         /* inside a tag, outside a quoted value */
	HTML_SLOT_COMMENT,     /* <!-- -->, <!doctype>, <?...> */
	HTML_SLOT_SCRIPT,      /* <script> content */
	HTML_SLOT_STYLE,       /* <style> content */
	HTML_SLOT_RAWTEXT,     /* <xmp>, <iframe>, <noscript>... content */
};

/*
 * The tokenizer state. Plain data: copy it to remember a point, compare
 * two with html_ctx_same(). Fields are private to html.c.
 */
struct html_ctx {
	uint8_t state;
	uint8_t elem;    /* element of the tag or raw text we are in */
	uint8_t endtag;  /* the tag being read is an end tag */
	uint8_t attr;    /* kind of the attribute being read */
	uint8_t started; /* the quoted value has content already */
	uint8_t pending; /* an attribute name may continue (sections) */
	uint8_t n;       /* comment or end-tag matching progress */
	uint8_t namelen; /* bytes in name, 0xff when it overflowed */
	char name[16];   /* tag or attribute name, lowercase */
};

void html_ctx_init(struct html_ctx *);
/*
 * Advances over one byte of literal markup. Returns NULL, or a message
 * when the byte makes the document ambiguous ('=' without an attribute
 * name; an attribute name that goes on after a section).
 */
const char *html_ctx_step(struct html_ctx *, int c);
enum html_slot html_ctx_slot(const struct html_ctx *);
/* 1 inside a quoted attribute value that has no content yet. */
int html_ctx_value_start(const struct html_ctx *);
/* 1 inside a quoted attribute value. */
int html_ctx_in_value(const struct html_ctx *);
/* Records that a placeholder wrote a value at this point. */
void html_ctx_wrote(struct html_ctx *);
/* 1 when both are the same tokenizer state (content flags aside). */
int html_ctx_same(const struct html_ctx *, const struct html_ctx *);
/*
 * The state after a section that began at start and whose body ended at
 * end; end is updated in place. loops is 1 when the body may run more
 * than once. Returns NULL or why the two cannot be reconciled.
 */
const char *
html_ctx_join(struct html_ctx *end, const struct html_ctx *start, int loops);

#endif
