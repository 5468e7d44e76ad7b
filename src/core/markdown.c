/*
 * markdown.c — Markdown to html values through libcmark.
 *
 * This file may make html values (it includes tmpl_trusted.h) because
 * cmark's default mode does not pass raw HTML or dangerous URLs through.
 * It must never pass the unsafe option, and never hand out cmark's output
 * other than as the html value it sets.
 */
#include <stdlib.h>
#include <string.h>

#include <cmark.h>

#include "core/markdown.h"
#include "core/tmpl_trusted.h"
#include "core/util.h"

int
tdata_markdown(struct tdata *d, const char *key, const char *md, size_t len)
{
	char *html;

	if (len > 0 && !utf8_valid_text(md, len))
		return (GS_ERROR);
	html = cmark_markdown_to_html(len > 0 ? md : "", len,
	    CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8);
	if (html == NULL)
		return (GS_ERROR);
	tdata_html_trusted(d, key, html, strlen(html));
	free(html);
	return (GS_OK);
}
