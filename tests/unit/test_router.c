/*
 * test_router.c — path patterns with typed placeholders. A path that does
 * not match is a 404 before any handler or query runs, so the placeholder
 * types are a first line of input validation.
 */
#include <string.h>

#include "unit.h"
#include "core/router.h"

GS_SUITE(router);

#define UUID "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"

static struct route_captures caps;

static int
match(const char *pattern, const char *path)
{
	memset(&caps, 0x5a, sizeof(caps));
	return (route_match(pattern, path, &caps));
}

Test(router, literal_paths)
{
	cr_assert(match("/entities", "/entities"));
	cr_assert_eq(caps.n, 0);
	cr_assert(match("/admin/users/new", "/admin/users/new"));
	cr_assert_not(match("/entities", "/entitie"));
	cr_assert_not(match("/entities", "/entitiesx"));
	cr_assert_not(match("/entities", "/Entities"));
	cr_assert_not(match("/admin/users", "/admin"));
	cr_assert_not(match("/admin", "/admin/users"));
	cr_assert_not(match("/entities", "entities"));
	cr_assert_not(match("/entities", ""));
}

Test(router, root)
{
	cr_assert(match("/", "/"));
	cr_assert_eq(caps.n, 0);
	cr_assert_not(match("/", ""));
	cr_assert_not(match("/", "//"));
	cr_assert_not(match("/", "/entities"));
	cr_assert_not(match("/entities", "/"));
}

Test(router, trailing_slash_does_not_match)
{
	cr_assert_not(match("/entities", "/entities/"));
	cr_assert_not(match("/entities/", "/entities"));
	cr_assert(match("/entities/", "/entities/"));
	cr_assert_not(match("/entities/{id}", "/entities/" UUID "/"));
	/* An empty segment is not an empty id. */
	cr_assert_not(match("/entities/{id}", "/entities/"));
	cr_assert_not(match("/entities/{id}/edit", "/entities//edit"));
	cr_assert_not(match("/entities", "//entities"));
}

Test(router, id_is_a_lowercase_uuid)
{
	cr_assert(match("/entities/{id}", "/entities/" UUID));
	cr_assert_eq(caps.n, 1);
	cr_assert_str_eq(caps.v[0], UUID);

	cr_assert(match("/entities/{id}/edit", "/entities/" UUID "/edit"));
	cr_assert_eq(caps.n, 1);
	cr_assert_str_eq(caps.v[0], UUID);
	cr_assert_not(match("/entities/{id}/edit", "/entities/" UUID "/show"));

	/* Uppercase hex. */
	cr_assert_not(match("/entities/{id}",
	    "/entities/0190A1B2-C3D4-7E5F-8A9B-0C1D2E3F4A5B"));
	cr_assert_not(match("/entities/{id}",
	    "/entities/0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5B"));
	/* 35 characters: one hex digit short at the end. */
	cr_assert_not(match("/entities/{id}",
	    "/entities/0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5"));
	/* 37 characters. */
	cr_assert_not(match("/entities/{id}", "/entities/" UUID "0"));
	/* 32 hex digits without dashes. */
	cr_assert_not(match("/entities/{id}",
	    "/entities/0190a1b2c3d47e5f8a9b0c1d2e3f4a5b"));
	/* 36 characters, dashes moved. */
	cr_assert_not(match("/entities/{id}",
	    "/entities/0190a1b2c-3d4-7e5f-8a9b-0c1d2e3f4a5b"));
	/* Non-hex letter in the right shape. */
	cr_assert_not(match("/entities/{id}",
	    "/entities/0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5g"));
	cr_assert_not(match("/entities/{id}", "/entities/new"));
	cr_assert_not(match("/entities/{id}", "/entities/1"));
	cr_assert_not(match("/entities/{id}", "/entities/' OR 1=1 --"));
}

Test(router, uuid_valid_directly)
{
	cr_assert(uuid_valid(UUID, 36));
	cr_assert(uuid_valid("00000000-0000-0000-0000-000000000000", 36));
	cr_assert(uuid_valid("ffffffff-ffff-ffff-ffff-ffffffffffff", 36));
	cr_assert_not(uuid_valid(UUID, 35));
	cr_assert_not(uuid_valid(UUID "x", 37));
	cr_assert_not(uuid_valid("FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF", 36));
	cr_assert_not(uuid_valid("{0190a1b-c3d4-7e5f-8a9b-0c1d2e3f4a5b}", 36));
	cr_assert_not(uuid_valid("", 0));
}

Test(router, year_is_four_digits)
{
	cr_assert(match("/admin/holidays/{year}", "/admin/holidays/2026"));
	cr_assert_eq(caps.n, 1);
	cr_assert_str_eq(caps.v[0], "2026");
	cr_assert(match("/admin/holidays/{year}", "/admin/holidays/0000"));
	cr_assert_not(match("/admin/holidays/{year}", "/admin/holidays/202"));
	cr_assert_not(match("/admin/holidays/{year}", "/admin/holidays/20260"));
	cr_assert_not(match("/admin/holidays/{year}", "/admin/holidays/２026"));
	cr_assert_not(match("/admin/holidays/{year}", "/admin/holidays/-202"));
	cr_assert_not(match("/admin/holidays/{year}", "/admin/holidays/20a6"));
	cr_assert_not(match("/admin/holidays/{year}", "/admin/holidays/"));
}

Test(router, key_is_dotted_lowercase_words)
{
	cr_assert(
	    match("/admin/rulebook/{key}", "/admin/rulebook/decision.days"));
	cr_assert_eq(caps.n, 1);
	cr_assert_str_eq(caps.v[0], "decision.days");
	cr_assert(match("/api/v1/rulebook/{key}",
	    "/api/v1/rulebook/daily_penalty.correction_service_working_days"));
	cr_assert_str_eq(caps.v[0],
	    "daily_penalty.correction_service_working_days");
	cr_assert(match("/admin/rulebook/{key}", "/admin/rulebook/a.b.c"));
	/* The same shape as rule_def.key: at least two words. */
	cr_assert_not(match("/admin/rulebook/{key}", "/admin/rulebook/draw"));

	cr_assert_not(match("/admin/rulebook/{key}", "/admin/rulebook/.days"));
	cr_assert_not(
	    match("/admin/rulebook/{key}", "/admin/rulebook/decision."));
	cr_assert_not(match("/admin/rulebook/{key}", "/admin/rulebook/."));
	cr_assert_not(
	    match("/admin/rulebook/{key}", "/admin/rulebook/Decision.days"));
	cr_assert_not(
	    match("/admin/rulebook/{key}", "/admin/rulebook/decision.days2"));
	cr_assert_not(
	    match("/admin/rulebook/{key}", "/admin/rulebook/decision-days"));
	cr_assert_not(
	    match("/admin/rulebook/{key}", "/admin/rulebook/decision%2edays"));
}

/* An empty word between dots is not a key. */
Test(router, key_refuses_empty_word_between_dots)
{
	cr_assert_not(
	    match("/admin/rulebook/{key}", "/admin/rulebook/decision..days"));
}

Test(router, token_is_letters_digits_dash_underscore)
{
	cr_assert(match("/t/{token}", "/t/Ab-9_z"));
	cr_assert_str_eq(caps.v[0], "Ab-9_z");
	cr_assert_not(match("/t/{token}", "/t/a.b"));
	cr_assert_not(match("/t/{token}", "/t/a+b"));
	cr_assert_not(match("/t/{token}", "/t/a%20b"));
	cr_assert_not(match("/t/{token}", "/t/令牌"));
}

Test(router, unknown_placeholder_type_never_matches)
{
	cr_assert_not(match("/x/{name}", "/x/abc"));
	cr_assert_not(match("/x/{ID}", "/x/" UUID));
	/* "{}" is too short to be a placeholder: it is a literal. */
	cr_assert(match("/x/{}", "/x/{}"));
	cr_assert_eq(caps.n, 0);
	cr_assert_not(match("/x/{}", "/x/a"));
}

Test(router, several_captures_in_order)
{
	cr_assert(match("/a/{id}/b/{year}/c/{key}/d/{token}",
	    "/a/" UUID "/b/2026/c/x.y/d/T0k"));
	cr_assert_eq(caps.n, ROUTE_CAPTURES_MAX);
	cr_assert_str_eq(caps.v[0], UUID);
	cr_assert_str_eq(caps.v[1], "2026");
	cr_assert_str_eq(caps.v[2], "x.y");
	cr_assert_str_eq(caps.v[3], "T0k");
}

Test(router, more_placeholders_than_captures_never_match)
{
	/* ROUTE_CAPTURES_MAX is 4: a fifth placeholder cannot be stored. */
	cr_assert_eq(ROUTE_CAPTURES_MAX, 4);
	cr_assert(
	    match("/{year}/{year}/{year}/{year}", "/2021/2022/2023/2024"));
	cr_assert_eq(caps.n, 4);
	cr_assert_not(match("/{year}/{year}/{year}/{year}/{year}",
	    "/2021/2022/2023/2024/2025"));
	cr_assert_eq(caps.n, 4);
	cr_assert_str_eq(caps.v[3], "2024");
}

Test(router, over_long_segment_is_refused)
{
	char path[3 + ROUTE_CAPTURE_LEN + 1];

	/* 63 characters fit with their NUL in 64 bytes. */
	path[0] = '/';
	path[1] = 't';
	path[2] = '/';
	memset(path + 3, 'a', ROUTE_CAPTURE_LEN - 1);
	path[3 + ROUTE_CAPTURE_LEN - 1] = '\0';
	cr_assert(match("/t/{token}", path));
	cr_assert_eq(strlen(caps.v[0]), 63);

	/* 64 characters do not. */
	memset(path + 3, 'a', ROUTE_CAPTURE_LEN);
	path[3 + ROUTE_CAPTURE_LEN] = '\0';
	cr_assert_eq(strlen(path), 67);
	cr_assert_not(match("/t/{token}", path));
	cr_assert_not(match("/t/{key}", path));
}

Test(router, captures_reset_between_calls)
{
	cr_assert(match("/entities/{id}", "/entities/" UUID));
	cr_assert_eq(caps.n, 1);
	cr_assert_eq(route_match("/entities", "/entities", &caps), 1);
	cr_assert_eq(caps.n, 0);
}
