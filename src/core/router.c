/*
 * router.c — path patterns with typed placeholders (see router.h).
 * Pure string work: no allocation, nothing kept between calls.
 */
#include <string.h>

#include "router.h"

int
uuid_valid(const char *s, size_t len)
{
	size_t i;

	if (len != 36)
		return (0);
	for (i = 0; i < len; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (s[i] != '-')
				return (0);
		} else if (!((s[i] >= '0' && s[i] <= '9') ||
		               (s[i] >= 'a' && s[i] <= 'f')))
			return (0);
	}
	return (1);
}

static int
segment_is(const char *s, size_t len, const char *allowed)
{
	size_t i;

	if (len == 0)
		return (0);
	for (i = 0; i < len; i++) {
		if (strchr(allowed, s[i]) == NULL || s[i] == '\0')
			return (0);
	}
	return (1);
}

/*
 * A rulebook key is [a-z_] words joined by single dots, at least two words:
 * the same shape rule_def.key is CHECKed against, so a malformed key is a 404
 * here and never reaches the database.
 */
static int
key_valid(const char *s, size_t len)
{
	size_t i, dots;

	if (!segment_is(s, len, "abcdefghijklmnopqrstuvwxyz_."))
		return (0);
	if (s[0] == '.' || s[len - 1] == '.')
		return (0);
	dots = 0;
	for (i = 0; i < len; i++) {
		if (s[i] != '.')
			continue;
		if (s[i + 1] == '.')
			return (0);
		dots++;
	}
	return (dots > 0);
}

static int
placeholder_accepts(const char *type, size_t tlen, const char *s, size_t len)
{
	if (tlen == 2 && strncmp(type, "id", 2) == 0)
		return (uuid_valid(s, len));
	if (tlen == 4 && strncmp(type, "year", 4) == 0)
		return (len == 4 && segment_is(s, len, "0123456789"));
	if (tlen == 3 && strncmp(type, "key", 3) == 0)
		return (key_valid(s, len));
	if (tlen == 5 && strncmp(type, "token", 5) == 0)
		return (segment_is(s, len,
		    "abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_"));
	return (0);
}

int
route_match(const char *pattern, const char *path, struct route_captures *caps)
{
	size_t plen, slen;

	caps->n = 0;
	for (;;) {
		if (*pattern == '\0' || *path == '\0')
			return (*pattern == '\0' && *path == '\0');
		if (*pattern != '/' || *path != '/')
			return (0);
		pattern++;
		path++;
		plen = strcspn(pattern, "/");
		slen = strcspn(path, "/");

		if (plen > 2 && pattern[0] == '{' && pattern[plen - 1] == '}') {
			if (slen == 0 || slen >= ROUTE_CAPTURE_LEN ||
			    caps->n == ROUTE_CAPTURES_MAX ||
			    !placeholder_accepts(pattern + 1, plen - 2, path,
			        slen))
				return (0);
			memcpy(caps->v[caps->n], path, slen);
			caps->v[caps->n][slen] = '\0';
			caps->n++;
		} else if (plen != slen || strncmp(pattern, path, plen) != 0)
			return (0);
		pattern += plen;
		path += slen;
	}
}
