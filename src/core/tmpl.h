/*
 * tmpl.h — the template engine: variables, sections/loops, partials and a
 * layout, escaping by default according to where in the HTML a value lands.
 *
 * Every page template starts with a declaration of what it expects:
 *
 *	{{!params
 *	  title: text
 *	  rows: list(name: text, url: url, active: bool)
 *	  user: map(display_name: text)?
 *	  body: html?
 *	}}
 *
 * Types: text, int, bool, url, html, list(...), map(...); a trailing '?'
 * marks an optional key. The compiler checks every {{key}} against the
 * declaration (the innermost section scope first, then outwards), so an
 * unknown key is a start-up error with file and line. Raw output,
 * {{{key}}}, is only accepted for keys declared html, and a value of type
 * html can only be made by the engine itself (a rendered page handed to the
 * layout) and by the Markdown renderer (markdown.c, cmark in safe mode):
 * the compiler, not discipline, keeps user strings out of raw slots.
 *
 * Escaping contexts, decided at compile time from the literal HTML around a
 * placeholder: element text and quoted attribute values are escaped
 * (& < > " '); url values in quoted href/src/action/formaction attributes
 * are additionally checked for a safe scheme (relative, http, https,
 * mailto; anything else renders as "#"); a placeholder inside a tag but
 * outside a quoted value, or inside <script>, <style> or a comment, is a
 * compile error. A section must end in the HTML context it started in.
 *
 * Files: every *.html under the template directory, named by its path
 * without the extension ("pages/entities", "layout"). Partials
 * ({{> partials/csrf}}) have no params block and are compiled in the scope
 * of each template that includes them.
 */
#ifndef GS_CORE_TMPL_H
#define GS_CORE_TMPL_H

#include <stddef.h>
#include <stdint.h>

#include "core/util.h"

struct tmpl_set;
struct tmpl;
struct tdata;
struct tlist;

/*
 * Loads and compiles every template under dir. On failure returns NULL and
 * writes "path:line: message" for the first error into err.
 */
struct tmpl_set *tmpl_set_load(const char *dir, struct buf *err);
/* Compiles templates from memory: names[i] with sources[i] (tests, fuzz). */
struct tmpl_set *tmpl_set_compile(const char *const *names,
    const char *const *sources, size_t n, struct buf *err);
void tmpl_set_free(struct tmpl_set *);
/* NULL when no template has that name. */
const struct tmpl *tmpl_get(const struct tmpl_set *, const char *name);
/* Number of templates and the i-th name (for the CSRF lint test). */
size_t tmpl_count(const struct tmpl_set *);
const char *tmpl_name(const struct tmpl_set *, size_t);

/*
 * Renders t with data into out (appending). GS_ERROR when the data does
 * not satisfy the declaration (a required key missing, a value of the wrong
 * type); err then names the template and the key, and out may hold a
 * partial rendering that the caller must discard.
 */
int tmpl_render(const struct tmpl *t, const struct tdata *data, struct buf *out,
    struct buf *err);
/*
 * Renders page, then layout with the same data plus the page's output as
 * the html value "content" (which the layout declares as content: html).
 */
int tmpl_render_layout(const struct tmpl *layout, const struct tmpl *page,
    struct tdata *data, struct buf *out, struct buf *err);

/*
 * Render data: a tree of maps and lists. Every string is copied into an
 * arena owned by the root, so all of it is released by one tdata_free().
 * Setting a key twice replaces the earlier value.
 */
struct tdata *tdata_new(void);
void tdata_free(struct tdata *root);
void tdata_text(struct tdata *, const char *key, const char *);
void tdata_textn(struct tdata *, const char *key, const char *, size_t);
void tdata_textf(struct tdata *, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void tdata_url(struct tdata *, const char *key, const char *);
void tdata_int(struct tdata *, const char *key, int64_t);
void tdata_bool(struct tdata *, const char *key, int);
struct tdata *tdata_map(struct tdata *, const char *key);
struct tlist *tdata_list(struct tdata *, const char *key);
struct tdata *tlist_add(struct tlist *);

#endif
