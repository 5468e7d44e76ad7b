/*
 * fuzz_multipart.c — the first input line is a Content-Type value and the
 * rest the body. The line goes through multipart_boundary(); the body is
 * parsed with the boundary that gives or, when the line is not a valid
 * Content-Type, with the line itself as the boundary, so that the fuzzer
 * can reach the parser without first learning the header syntax.
 *
 * Checked on success: every part's data lies inside the body and is
 * followed by CRLF "--" boundary; names are non-empty UTF-8 text found
 * again by multipart_get(); file names are non-empty, at most 200 bytes,
 * UTF-8 text without a path separator, quote or control character.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/multipart.h"
#include "core/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
check_filename(const char *f)
{
	size_t len, i;

	len = strlen(f);
	if (len == 0 || len > 200 || !utf8_valid_text(f, len))
		abort();
	for (i = 0; i < len; i++) {
		if (f[i] == '/' || f[i] == '\\' || f[i] == '"' ||
		    f[i] == '\'' || (unsigned char)f[i] < 0x20 || f[i] == 0x7f)
			abort();
	}
	if (f[0] == ' ' || f[len - 1] == ' ')
		abort();
}

static void
check_parts(const struct multipart *mp, const char *body, size_t len,
    const char *boundary)
{
	const struct multipart_part *p;
	size_t i, blen, off;

	blen = strlen(boundary);
	if (mp->n > MULTIPART_PARTS_MAX)
		abort();
	for (i = 0; i < mp->n; i++) {
		p = &mp->parts[i];
		if (p->data < body || p->len > len ||
		    (size_t)(p->data - body) > len - p->len)
			abort();
		off = (size_t)(p->data - body) + p->len;
		if (len - off < 4 + blen ||
		    memcmp(body + off, "\r\n--", 4) != 0 ||
		    memcmp(body + off + 4, boundary, blen) != 0)
			abort();
		if (p->name[0] == '\0' ||
		    !utf8_valid_text(p->name, strlen(p->name)))
			abort();
		if (multipart_get(mp, p->name) == NULL ||
		    strcmp(multipart_get(mp, p->name)->name, p->name) != 0)
			abort();
		if (p->filename != NULL)
			check_filename(p->filename);
		if (p->content_type != NULL &&
		    !utf8_valid_text(p->content_type, strlen(p->content_type)))
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	char boundary[MULTIPART_BOUNDARY_MAX + 1];
	struct multipart mp;
	const uint8_t *nl;
	char *line, *body;
	size_t llen, blen;

	if ((nl = memchr(data, '\n', len)) == NULL)
		return (0);
	llen = (size_t)(nl - data);
	line = xstrndup((const char *)data, llen);

	if (multipart_boundary(line, boundary) == GS_OK) {
		blen = strlen(boundary);
		if (blen == 0 || blen > MULTIPART_BOUNDARY_MAX)
			abort();
	} else {
		if (boundary[0] != '\0')
			abort();
		blen = strnlen(line, MULTIPART_BOUNDARY_MAX);
		memcpy(boundary, line, blen);
		boundary[blen] = '\0';
	}

	/* A copy of exactly the body's size, so ASan sees any overread. */
	len -= llen + 1;
	body = xmalloc(len);
	if (len > 0)
		memcpy(body, nl + 1, len);
	if (multipart_parse(body, len, boundary, &mp) == GS_OK) {
		check_parts(&mp, body, len, boundary);
		multipart_free(&mp);
		if (mp.n != 0)
			abort();
	} else if (mp.n != 0)
		abort();

	free(body);
	free(line);
	return (0);
}
