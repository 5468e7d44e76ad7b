/*
 * markdown.h — user Markdown (case notes, descriptions) to html values.
 *
 * Rendered by libcmark in its safe default mode: raw HTML is replaced by
 * a comment and links or images with javascript:, vbscript:, file: or
 * most data: URLs lose their target. The unsafe option is never used.
 */
#ifndef GS_CORE_MARKDOWN_H
#define GS_CORE_MARKDOWN_H

#include <stddef.h>

struct tdata;

/*
 * Renders md[0 .. len) and sets key in the map to the result as an html
 * value (for {{{key}}}). GS_ERROR, leaving the map alone, when md is not
 * valid UTF-8 text (control characters other than tab, CR, LF included).
 */
int tdata_markdown(struct tdata *, const char *key, const char *md, size_t len);

#endif
