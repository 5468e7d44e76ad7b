/*
 * fuzz_router.c — route_match() over any pattern and path. The input is
 * split at its first NUL or newline: pattern before, path after (empty
 * when there is no separator). Whatever the answer, the captures counted
 * are NUL-terminated within their slot; on a match each is a non-empty
 * substring of the path, and putting the captures back into the pattern's
 * placeholders gives the path again. A pattern without braces matches
 * exactly itself.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/router.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* The pattern with each placeholder replaced by its capture, or NULL. */
static char *
rebuild(const char *pattern, const struct route_captures *caps)
{
	char *out, *o;
	size_t plen, k;

	/* Each placeholder (>= 3 bytes) gives way to at most 63 bytes. */
	if ((out = malloc(strlen(pattern) + caps->n * ROUTE_CAPTURE_LEN + 1)) ==
	    NULL)
		abort();
	o = out;
	k = 0;
	while (*pattern != '\0') {
		if (*pattern == '/') {
			*o++ = *pattern++;
			continue;
		}
		plen = strcspn(pattern, "/");
		if (plen > 2 && pattern[0] == '{' && pattern[plen - 1] == '}') {
			if (k == caps->n)
				abort();
			memcpy(o, caps->v[k], strlen(caps->v[k]));
			o += strlen(caps->v[k]);
			k++;
		} else {
			memcpy(o, pattern, plen);
			o += plen;
		}
		pattern += plen;
	}
	*o = '\0';
	if (k != caps->n)
		abort();
	return (out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct route_captures caps;
	char *pattern, *path, *again;
	size_t cut, i;
	int rc;

	for (cut = 0; cut < len; cut++) {
		if (data[cut] == '\0' || data[cut] == '\n')
			break;
	}
	if ((pattern = malloc(cut + 1)) == NULL)
		abort();
	memcpy(pattern, data, cut);
	pattern[cut] = '\0';
	if (cut < len) {
		/* The path ends at the next NUL, as a C string would. */
		if ((path = strndup((const char *)data + cut + 1,
		         len - cut - 1)) == NULL)
			abort();
	} else if ((path = strdup("")) == NULL)
		abort();

	memset(&caps, 0xa5, sizeof(caps));
	rc = route_match(pattern, path, &caps);
	if (rc != 0 && rc != 1)
		abort();
	if (caps.n > ROUTE_CAPTURES_MAX)
		abort();
	for (i = 0; i < caps.n; i++) {
		if (memchr(caps.v[i], '\0', ROUTE_CAPTURE_LEN) == NULL)
			abort();
		if (caps.v[i][0] == '\0' || strchr(caps.v[i], '/') != NULL)
			abort();
		if (strstr(path, caps.v[i]) == NULL)
			abort();
	}

	if (rc == 1) {
		again = rebuild(pattern, &caps);
		if (strcmp(again, path) != 0)
			abort();
		free(again);
	}
	if (strchr(pattern, '{') == NULL) {
		if (rc !=
		    (strcmp(pattern, path) == 0 &&
		        (pattern[0] == '/' || pattern[0] == '\0')))
			abort();
	}

	free(pattern);
	free(path);
	return (0);
}
