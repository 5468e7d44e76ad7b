/*
 * multipart.h — multipart/form-data bodies (RFC 7578), for forms that carry
 * a file (the CSV import) or a textarea.
 *
 * Parses a body held in memory. Parts are named by their
 * Content-Disposition; a part with a filename is a file. Values point into
 * the body (not copied); names and file names are copied and sanitised.
 */
#ifndef GS_CORE_MULTIPART_H
#define GS_CORE_MULTIPART_H

#include <stddef.h>

#define MULTIPART_PARTS_MAX 64
#define MULTIPART_BOUNDARY_MAX 70

struct multipart_part {
	char *name;         /* form field name */
	char *filename;     /* NULL for a plain field; else the
					 * base name, without path, control
					 * characters or quotes */
	char *content_type; /* as given, or NULL */
	const char *data;   /* into the body */
	size_t len;
};

struct multipart {
	struct multipart_part parts[MULTIPART_PARTS_MAX];
	size_t n;
};

/*
 * The boundary parameter of a Content-Type header value
 * ("multipart/form-data; boundary=xyz", quoted or not) into out. GS_ERROR
 * when the type is not multipart/form-data or the boundary is missing,
 * empty or longer than MULTIPART_BOUNDARY_MAX.
 */
int multipart_boundary(const char *content_type,
    char out[MULTIPART_BOUNDARY_MAX + 1]);
/*
 * Parses body into mp. GS_ERROR on malformed input (missing boundary
 * lines, a part without a name, headers not terminated, more than
 * MULTIPART_PARTS_MAX parts, a missing closing boundary); mp is then empty.
 */
int multipart_parse(const char *body, size_t len, const char *boundary,
    struct multipart *mp);
void multipart_free(struct multipart *);
/* The first part with this name, or NULL. */
const struct multipart_part *
multipart_get(const struct multipart *, const char *name);

#endif
