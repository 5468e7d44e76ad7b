/*
 * tmpl_trusted.h — the one way to put an html value into render data.
 *
 * Only tmpl.c (a rendered page handed to its layout) and markdown.c (cmark
 * in safe mode) may include this header; a lint checks that nothing else
 * does. Anything passed here is written out unescaped by {{{key}}}.
 */
#ifndef GS_CORE_TMPL_TRUSTED_H
#define GS_CORE_TMPL_TRUSTED_H

#include <stddef.h>

struct tdata;

/* Sets key to a copy of html[0 .. len), to be written out as it is. */
void tdata_html_trusted(struct tdata *, const char *key, const char *html,
    size_t len);

#endif
