/*
 * test_verr.c — collecting field errors: the first message of a field is
 * the one the user sees, and a form reports at most VERR_MAX fields.
 */
#include <stdio.h>
#include <string.h>

#include "unit.h"
#include "core/verr.h"

GS_SUITE(verr);

Test(verr, starts_empty)
{
	struct verr v;

	verr_init(&v);
	cr_assert_eq(v.n, 0);
	cr_assert_null(verr_get(&v, "uscc"));
	cr_assert_null(verr_get(&v, ""));
}

Test(verr, formats_the_message)
{
	struct verr v;

	verr_init(&v);
	verr_add(&v, "name", "%s不能超过%zu个字", "名称", (size_t)200);
	cr_assert_eq(v.n, 1);
	cr_assert_str_eq(v.items[0].field, "name");
	cr_assert_str_eq(verr_get(&v, "name"), "名称不能超过200个字");
}

Test(verr, first_error_per_field_wins)
{
	struct verr v;

	verr_init(&v);
	verr_add(&v, "lat", "经纬度须同时填写");
	verr_add(&v, "lng", "经度不对");
	verr_add(&v, "lat", "纬度不对");
	cr_assert_eq(v.n, 2);
	cr_assert_str_eq(verr_get(&v, "lat"), "经纬度须同时填写");
	cr_assert_str_eq(verr_get(&v, "lng"), "经度不对");
	cr_assert_str_eq(v.items[0].field, "lat");
	cr_assert_str_eq(v.items[1].field, "lng");
}

Test(verr, field_names_are_exact)
{
	struct verr v;

	verr_init(&v);
	verr_add(&v, "name", "x");
	cr_assert_null(verr_get(&v, "Name"));
	cr_assert_null(verr_get(&v, "nam"));
	cr_assert_null(verr_get(&v, "name "));
	cr_assert_null(verr_get(&v, "names"));
}

Test(verr, at_most_verr_max_fields)
{
	struct verr v;
	char field[16];
	int i;

	cr_assert_eq(VERR_MAX, 16);
	verr_init(&v);
	for (i = 0; i < 20; i++) {
		(void)snprintf(field, sizeof(field), "f%d", i);
		verr_add(&v, field, "错误%d", i);
	}
	cr_assert_eq(v.n, 16);
	cr_assert_str_eq(verr_get(&v, "f0"), "错误0");
	cr_assert_str_eq(verr_get(&v, "f15"), "错误15");
	cr_assert_null(verr_get(&v, "f16"));
	cr_assert_null(verr_get(&v, "f19"));
	/* Full: a repeat of a known field is still ignored, n stays. */
	verr_add(&v, "f3", "again");
	cr_assert_eq(v.n, 16);
	cr_assert_str_eq(verr_get(&v, "f3"), "错误3");
}

Test(verr, init_forgets_everything)
{
	struct verr v;

	verr_init(&v);
	verr_add(&v, "uscc", "a");
	verr_init(&v);
	cr_assert_eq(v.n, 0);
	cr_assert_null(verr_get(&v, "uscc"));
	verr_add(&v, "uscc", "b");
	cr_assert_str_eq(verr_get(&v, "uscc"), "b");
}

Test(verr, long_message_is_cut_and_terminated)
{
	struct verr v;
	char big[VERR_MESSAGE_LEN * 2];

	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	verr_init(&v);
	verr_add(&v, "address", "%s", big);
	cr_assert_eq(strlen(verr_get(&v, "address")), VERR_MESSAGE_LEN - 1);
}
