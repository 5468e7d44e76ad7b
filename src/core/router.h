/*
 * router.h — matching request paths against route patterns.
 *
 * A pattern is a path whose segments are literals or typed placeholders:
 * {id} a lowercase UUID, {year} four digits, {key} a rulebook key
 * ([a-z_] words joined by dots), {token} letters, digits, '-' and '_'. A
 * malformed id therefore never reaches a handler or the database: the
 * route does not match and the answer is 404.
 */
#ifndef GS_CORE_ROUTER_H
#define GS_CORE_ROUTER_H

#include <stddef.h>

#define ROUTE_CAPTURES_MAX 4
#define ROUTE_CAPTURE_LEN 64

struct route_captures {
	size_t n;
	char v[ROUTE_CAPTURES_MAX][ROUTE_CAPTURE_LEN];
};

/* 1 when path matches pattern, with the placeholders' values in caps. */
int
route_match(const char *pattern, const char *path, struct route_captures *caps);
/* 1 when s is a canonical lowercase UUID (8-4-4-4-12 hex digits). */
int uuid_valid(const char *s, size_t len);

#endif
