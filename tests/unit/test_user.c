/*
 * test_user.c — user_validate() on create and on update, and the roles
 * written back to PostgreSQL as a text[] literal.
 */
#include <string.h>

#include "unit.h"
#include "core/perm.h"
#include "core/user.h"
#include "core/util.h"

GS_SUITE(user);

static struct user_input in;
static struct verr errs;

static void
good(void)
{
	memset(&in, 0, sizeof(in));
	in.username = "zhangsan";
	in.display_name = "张三";
	in.password = "绿剑执法办案系统初始密码";
	in.roles = ROLE_BIT(ROLE_OFFICER);
	in.squad_id = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";
	in.cert_no = "33070012345";
	in.cert_valid_until = "2028-02-29";
	verr_init(&errs);
}

static int
check(int creating)
{
	return (user_validate(&in, creating, &errs));
}

Test(user, complete_user_is_valid_on_create_and_update)
{
	good();
	cr_assert_eq(check(1), GS_OK);
	cr_assert_eq(errs.n, 0);
	cr_assert_eq(check(0), GS_OK);
	cr_assert_eq(errs.n, 0);
}

Test(user, update_ignores_username_and_password)
{
	good();
	in.username = NULL;
	in.password = NULL;
	cr_assert_eq(check(0), GS_OK);

	good();
	in.username = "Bad Name";
	in.password = "short";
	cr_assert_eq(check(0), GS_OK);
	cr_assert_eq(errs.n, 0);
}

Test(user, create_requires_username_and_password)
{
	good();
	in.username = NULL;
	in.password = "";
	cr_assert_eq(check(1), GS_ERROR);
	cr_assert_eq(errs.n, 2);
	cr_assert_str_eq(verr_get(&errs, "username"), "请填写用户名");
	cr_assert_str_eq(verr_get(&errs, "password"), "请填写初始密码");
}

static void
username(const char *name, int ok)
{
	good();
	in.username = name;
	cr_assert_eq(check(1), ok ? GS_OK : GS_ERROR, "username \"%s\"", name);
	if (!ok)
		cr_assert_str_eq(verr_get(&errs, "username"),
		    "用户名为2-32位小写字母、数字或 _ . -，以字母或数字开头");
}

Test(user, username_rules)
{
	username("ab", 1);
	username("9lives", 1);
	username("zhang.san_01-x", 1);
	username("a-", 1);
	/* 32 characters. */
	username("abcdefghijklmnopqrstuvwxyz012345", 1);

	username("a", 0);
	/* 33 characters. */
	username("abcdefghijklmnopqrstuvwxyz0123456", 0);
	username("_zhang", 0);
	username(".zhang", 0);
	username("-zhang", 0);
	username("Zhang", 0);
	username("zhang san", 0);
	username("zhang@bureau", 0);
	username("张三", 0);
}

Test(user, password_policy_applies_on_create)
{
	good();
	in.password = "123456789"; /* nine characters */
	cr_assert_eq(check(1), GS_ERROR);
	cr_assert_str_eq(verr_get(&errs, "password"), "密码至少需要10个字符");

	good();
	in.username = "zhangsan.01";
	in.password = "zhangsan.01";
	cr_assert_eq(check(1), GS_ERROR);
	cr_assert_eq(errs.n, 1);
	cr_assert_str_eq(verr_get(&errs, "password"), "密码不能与用户名相同");

	good();
	in.password = "1234567890";
	cr_assert_eq(check(1), GS_OK);
}

Test(user, display_name_required_up_to_sixty_four_characters)
{
	char buf[3 * 65 + 1];
	size_t i;

	good();
	in.display_name = "";
	cr_assert_eq(check(0), GS_ERROR);
	cr_assert_str_eq(verr_get(&errs, "display_name"), "请填写姓名");

	good();
	in.display_name = NULL;
	cr_assert_eq(check(1), GS_ERROR);
	cr_assert_str_eq(verr_get(&errs, "display_name"), "请填写姓名");

	for (i = 0; i < 64; i++)
		memcpy(buf + 3 * i, "张", 3);
	buf[3 * 64] = '\0';
	good();
	in.display_name = buf;
	cr_assert_eq(check(0), GS_OK);

	memcpy(buf + 3 * 64, "张", 3);
	buf[3 * 65] = '\0';
	good();
	in.display_name = buf;
	cr_assert_eq(check(0), GS_ERROR);
	cr_assert_str_eq(verr_get(&errs, "display_name"),
	    "姓名最多64个字，不含控制字符");

	good();
	in.display_name = "张\n三";
	cr_assert_eq(check(0), GS_ERROR);
	cr_assert_str_eq(verr_get(&errs, "display_name"),
	    "姓名最多64个字，不含控制字符");

	good();
	in.display_name = "张\xff";
	cr_assert_eq(check(0), GS_ERROR);
	cr_assert_str_eq(verr_get(&errs, "display_name"),
	    "姓名最多64个字，不含控制字符");
}

Test(user, roles_bad_or_empty)
{
	good();
	in.roles = 0;
	cr_assert_eq(check(0), GS_ERROR);
	cr_assert_str_eq(verr_get(&errs, "roles"), "至少选择一个角色");

	/* An unknown role is reported even beside known ones. */
	good();
	in.roles_bad = 1;
	cr_assert_eq(check(0), GS_ERROR);
	cr_assert_str_eq(verr_get(&errs, "roles"),
	    "角色只能是 officer、squad_leader、legal、head、analyst、admin");

	/* Both: the unknown role is what the user is told. */
	good();
	in.roles = 0;
	in.roles_bad = 1;
	cr_assert_eq(check(0), GS_ERROR);
	cr_assert_eq(errs.n, 1);
	cr_assert_str_eq(verr_get(&errs, "roles"),
	    "角色只能是 officer、squad_leader、legal、head、analyst、admin");

	good();
	in.roles = ROLE_BIT(ROLE_ADMIN) | ROLE_BIT(ROLE_HEAD);
	cr_assert_eq(check(0), GS_OK);
}

Test(user, squad_must_be_a_uuid_when_given)
{
	good();
	in.squad_id = NULL;
	cr_assert_eq(check(0), GS_OK);
	good();
	in.squad_id = "";
	cr_assert_eq(check(0), GS_OK);

	good();
	in.squad_id = "一中队";
	cr_assert_eq(check(0), GS_ERROR);
	cr_assert_str_eq(verr_get(&errs, "squad_id"), "中队不存在");

	good();
	in.squad_id = "0190A1B2-C3D4-7E5F-8A9B-0C1D2E3F4A5B";
	cr_assert_eq(check(0), GS_ERROR);
	cr_assert_str_eq(verr_get(&errs, "squad_id"), "中队不存在");
}

Test(user, certificate_number_and_date_come_together)
{
	good();
	in.cert_no = NULL;
	in.cert_valid_until = NULL;
	cr_assert_eq(check(0), GS_OK);

	good();
	in.cert_valid_until = "";
	cr_assert_eq(check(0), GS_ERROR);
	cr_assert_eq(errs.n, 1);
	cr_assert_str_eq(verr_get(&errs, "cert_valid_until"),
	    "执法证号与有效期须同时填写");
	cr_assert_null(verr_get(&errs, "cert_no"));

	good();
	in.cert_no = NULL;
	cr_assert_eq(check(0), GS_ERROR);
	cr_assert_eq(errs.n, 1);
	cr_assert_str_eq(verr_get(&errs, "cert_no"),
	    "执法证号与有效期须同时填写");
	cr_assert_null(verr_get(&errs, "cert_valid_until"));
}

Test(user, certificate_number_rules)
{
	good();
	in.cert_no = "浙J07-000123";
	cr_assert_eq(check(0), GS_OK);

	/* 32 bytes. */
	good();
	in.cert_no = "33070012345678901234567890123456";
	cr_assert_eq(check(0), GS_OK);

	good();
	in.cert_no = "330700123456789012345678901234567";
	cr_assert_eq(check(0), GS_ERROR);
	cr_assert_str_eq(verr_get(&errs, "cert_no"),
	    "执法证号最多32个字符，不含空格");

	good();
	in.cert_no = "3307 0012345";
	cr_assert_eq(check(0), GS_ERROR);
	cr_assert_str_eq(verr_get(&errs, "cert_no"),
	    "执法证号最多32个字符，不含空格");

	good();
	in.cert_no = "33070012345\t";
	cr_assert_eq(check(0), GS_ERROR);
	cr_assert_str_eq(verr_get(&errs, "cert_no"),
	    "执法证号最多32个字符，不含空格");
}

/* The limit counts characters, as the column CHECK does, not bytes. */
Test(user, certificate_number_counts_characters_not_bytes)
{
	good();
	in.cert_no = "浙江省金华市永康市环保执法0001";
	cr_assert_eq(check(0), GS_OK);
}

Test(user, certificate_date_format)
{
	static const char *bad[] = {
		"2026/12/31",
		"2026-1-1",
		"2026-13-01",
		"2026-02-29", /* 2026 is not a leap year */
		"2026-04-31",
		"26-12-31",
		"2026-12-31 ",
		"2026-12-3",
		"1899-12-31",
		"二〇二六年",
	};
	size_t i;

	good();
	in.cert_valid_until = "2026-12-31";
	cr_assert_eq(check(0), GS_OK);
	good();
	in.cert_valid_until = "2028-02-29";
	cr_assert_eq(check(0), GS_OK);

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		good();
		in.cert_valid_until = bad[i];
		cr_assert_eq(check(0), GS_ERROR, "%s", bad[i]);
		cr_assert_str_eq(verr_get(&errs, "cert_valid_until"),
		    "有效期应为 YYYY-MM-DD 格式的日期");
	}
}

Test(user, every_field_wrong_on_create)
{
	memset(&in, 0, sizeof(in));
	verr_init(&errs);
	in.username = "X";
	in.password = "123";
	in.squad_id = "1";
	in.cert_no = "a b";
	in.cert_valid_until = "tomorrow";
	cr_assert_eq(check(1), GS_ERROR);
	cr_assert_eq(errs.n, 7);
	cr_assert_str_eq(errs.items[0].field, "username");
	cr_assert_str_eq(errs.items[1].field, "password");
	cr_assert_str_eq(errs.items[2].field, "display_name");
	cr_assert_str_eq(errs.items[3].field, "roles");
	cr_assert_str_eq(errs.items[4].field, "squad_id");
	cr_assert_str_eq(errs.items[5].field, "cert_no");
	cr_assert_str_eq(errs.items[6].field, "cert_valid_until");
}

Test(user, roles_as_pg_array)
{
	char out[128];

	user_roles_pg_array(0, out, sizeof(out));
	cr_assert_str_eq(out, "{}");
	user_roles_pg_array(ROLE_BIT(ROLE_OFFICER), out, sizeof(out));
	cr_assert_str_eq(out, "{officer}");
	/* In enum order whatever order they were chosen in. */
	user_roles_pg_array(ROLE_BIT(ROLE_HEAD) | ROLE_BIT(ROLE_OFFICER), out,
	    sizeof(out));
	cr_assert_str_eq(out, "{officer,head}");
	user_roles_pg_array(0x3f, out, sizeof(out));
	cr_assert_str_eq(out,
	    "{officer,squad_leader,legal,head,analyst,admin}");
	/* Bits past the last role are dropped. */
	user_roles_pg_array(0xffffffffu, out, sizeof(out));
	cr_assert_str_eq(out,
	    "{officer,squad_leader,legal,head,analyst,admin}");
	/* The output truncates to the buffer and stays terminated. */
	user_roles_pg_array(ROLE_BIT(ROLE_OFFICER), out, 5);
	cr_assert_str_eq(out, "{off");
}

Test(user, roles_pg_array_round_trips)
{
	char out[128];
	uint32_t mask;

	for (mask = 0; mask < (1u << ROLE__MAX); mask++) {
		user_roles_pg_array(mask, out, sizeof(out));
		cr_assert_eq(roles_from_pg_array(out), mask, "%s", out);
	}
}
