/*
 * test_audit.c — the audit chain's canonical bytes and link hash must be
 * what gs_audit_canonical() and gs_audit_link() in
 * migrations/0001_platform.sql produce: "gs-audit-v1\n", then for each of
 * the twelve fields octet_length(coalesce(t, '')) || ':' || t || '\n'.
 *
 * The hashes below were computed outside this code:
 *   { head -c 32 /dev/zero; printf '<canonical bytes>'; } | sha256sum
 * and cross-checked with python3 hashlib.sha256(bytes(32) + canonical).
 * The first one was also reproduced by PostgreSQL 15 itself, with
 * gs_audit_field() from the migration over the same values typed as the
 * table has them (bigint, uuid, timestamptz via to_char, jsonb::text):
 * sha256('\x00...00' || convert_to(<fields>, 'UTF8')).
 */
#include <string.h>

#include "unit.h"
#include "core/audit.h"
#include "core/util.h"

GS_SUITE(audit);

/* seq 5 of a bureau: an entity renamed by 张三 from the web form. */
static const char *const record[AUDIT_NFIELDS] = {
	"5",
	"0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b",
	"2026-03-14T08:30:05.123456Z",
	NULL, /* actor_id: NULL, as for direct SQL */
	"张三",
	"entity.update",
	"web",
	"entity",
	"7d0c6f1e-2a3b-4c5d-8e9f-a0b1c2d3e4f5",
	"{\"name\": \"旧名称\"}",
	"{\"name\": \"绿剑化工有限公司\"}",
	"req-01",
};

/*
 * 张三 is 2 characters and 6 octets; 旧名称 makes the before value 15
 * characters and 21 octets; 绿剑化工有限公司 makes the after value 20
 * characters and 36 octets.
 */
static const char canonical[] = "gs-audit-v1\n"
                                "1:5\n"
                                "36:0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b\n"
                                "27:2026-03-14T08:30:05.123456Z\n"
                                "0:\n"
                                "6:张三\n"
                                "13:entity.update\n"
                                "3:web\n"
                                "6:entity\n"
                                "36:7d0c6f1e-2a3b-4c5d-8e9f-a0b1c2d3e4f5\n"
                                "21:{\"name\": \"旧名称\"}\n"
                                "36:{\"name\": \"绿剑化工有限公司\"}\n"
                                "6:req-01\n";

static void
link_hex(const uint8_t prev[AUDIT_HASH_LEN],
    const char *const fields[AUDIT_NFIELDS], char hex[2 * AUDIT_HASH_LEN + 1])
{
	uint8_t out[AUDIT_HASH_LEN];

	audit_link(prev, fields, out);
	hex_encode(out, AUDIT_HASH_LEN, hex);
}

Test(audit, canonical_form_byte_for_byte)
{
	struct buf b;

	buf_init(&b);
	audit_canonical(&b, record);
	cr_assert_eq(b.len, 245);
	cr_assert_eq(b.len, sizeof(canonical) - 1);
	cr_assert_eq(memcmp(b.data, canonical, b.len), 0, "got:\n%s", b.data);
	buf_free(&b);
}

Test(audit, lengths_are_octets_not_characters)
{
	const char *f[AUDIT_NFIELDS] = { NULL };
	struct buf b;

	f[4] = "绿剑";
	buf_init(&b);
	audit_canonical(&b, f);
	cr_assert_str_eq(b.data,
	    "gs-audit-v1\n0:\n0:\n0:\n0:\n6:绿剑\n0:\n0:\n0:\n0:\n0:\n0:\n0:\n");
	buf_free(&b);
}

Test(audit, null_and_empty_are_the_same)
{
	const char *nulls[AUDIT_NFIELDS] = { NULL };
	const char *empties[AUDIT_NFIELDS];
	struct buf a, b;
	size_t i;

	for (i = 0; i < AUDIT_NFIELDS; i++)
		empties[i] = "";
	buf_init(&a);
	buf_init(&b);
	audit_canonical(&a, nulls);
	audit_canonical(&b, empties);
	cr_assert_str_eq(a.data,
	    "gs-audit-v1\n0:\n0:\n0:\n0:\n0:\n0:\n0:\n0:\n"
	    "0:\n0:\n0:\n0:\n");
	cr_assert_str_eq(a.data, b.data);
	buf_free(&a);
	buf_free(&b);
}

Test(audit, canonical_appends_to_what_is_there)
{
	struct buf b;

	buf_init(&b);
	buf_puts(&b, "x");
	audit_canonical(&b, record);
	cr_assert_eq(b.len, 1 + 245);
	cr_assert_eq(memcmp(b.data + 1, canonical, 245), 0);
	buf_free(&b);
}

Test(audit, field_contents_cannot_imitate_a_boundary)
{
	const char *a[AUDIT_NFIELDS] = { NULL }, *b[AUDIT_NFIELDS] = { NULL };
	struct buf ba, bb;

	/* "x\n1:y" in one field vs "x" and "y" in two. */
	a[9] = "x\n1:y";
	a[10] = NULL;
	b[9] = "x";
	b[10] = "y";
	buf_init(&ba);
	buf_init(&bb);
	audit_canonical(&ba, a);
	audit_canonical(&bb, b);
	cr_assert_str_neq(ba.data, bb.data);
	buf_free(&ba);
	buf_free(&bb);
}

Test(audit, first_link_hashes_thirty_two_zero_bytes_then_the_record)
{
	uint8_t zero[AUDIT_HASH_LEN];
	char hex[2 * AUDIT_HASH_LEN + 1];

	memset(zero, 0, sizeof(zero));
	link_hex(zero, record, hex);
	cr_assert_str_eq(hex,
	    "de9c59dee54048cfaf7f704a42419e8f063a7dd2b8193b86f0473043f156dce1");
}

Test(audit, link_depends_on_the_previous_hash)
{
	uint8_t prev[AUDIT_HASH_LEN];
	char hex[2 * AUDIT_HASH_LEN + 1];
	size_t i;

	/* prev = 00 01 02 ... 1f */
	for (i = 0; i < AUDIT_HASH_LEN; i++)
		prev[i] = (uint8_t)i;
	link_hex(prev, record, hex);
	cr_assert_str_eq(hex,
	    "312e2708324baa1426ae86bb46d49fad364ed6545d9f7c37b22ba247b2760176");
}

Test(audit, link_of_an_all_null_record)
{
	const char *nulls[AUDIT_NFIELDS] = { NULL };
	uint8_t zero[AUDIT_HASH_LEN];
	char hex[2 * AUDIT_HASH_LEN + 1];

	memset(zero, 0, sizeof(zero));
	link_hex(zero, nulls, hex);
	cr_assert_str_eq(hex,
	    "6505d437916ae581b1aa92f2794492c172ca8556594d3b7476f0af3a79ce05ad");
}

Test(audit, one_changed_byte_changes_the_link)
{
	const char *f[AUDIT_NFIELDS];
	uint8_t zero[AUDIT_HASH_LEN];
	char a[2 * AUDIT_HASH_LEN + 1], b[2 * AUDIT_HASH_LEN + 1];

	memset(zero, 0, sizeof(zero));
	memcpy(f, record, sizeof(f));
	link_hex(zero, f, a);
	f[0] = "6";
	link_hex(zero, f, b);
	cr_assert_str_neq(a, b);
}

Test(audit, action_labels)
{
	cr_assert_str_eq(audit_action_label("entity.insert"), "登记检查对象");
	cr_assert_str_eq(audit_action_label("entity.update"), "修改检查对象");
	cr_assert_str_eq(audit_action_label("app_user.insert"), "创建用户");
	cr_assert_str_eq(audit_action_label("app_user.update"), "修改用户");
	cr_assert_str_eq(audit_action_label("squad.insert"), "创建中队");
	cr_assert_str_eq(audit_action_label("squad.update"), "修改中队");
	cr_assert_str_eq(audit_action_label("rule.insert"), "规则新版本");
	cr_assert_str_eq(audit_action_label("rule.update"), "规则版本截止");
	cr_assert_str_eq(audit_action_label("holiday.insert"), "新增节假日");
	cr_assert_str_eq(audit_action_label("holiday.delete"), "删除节假日");
	cr_assert_str_eq(audit_action_label("api_token.insert"),
	    "创建接口令牌");
	cr_assert_str_eq(audit_action_label("api_token.update"),
	    "撤销接口令牌");
	cr_assert_str_eq(audit_action_label("session.signin"), "登录");
	cr_assert_str_eq(audit_action_label("session.signout"), "退出登录");
	cr_assert_str_eq(audit_action_label("password.change"), "修改密码");
}

Test(audit, unknown_action_is_shown_as_its_code)
{
	const char *code = "squad.delete";

	cr_assert_eq(audit_action_label(code), code);
	cr_assert_str_eq(audit_action_label("Entity.Update"), "Entity.Update");
	cr_assert_str_eq(audit_action_label(""), "");
}

Test(audit, context_labels)
{
	cr_assert_str_eq(audit_context_label("entities.import"),
	    "批量导入检查对象");
	cr_assert_str_eq(audit_context_label("users.create"), "用户管理");
	cr_assert_str_eq(audit_context_label(""), "数据库直接操作");
	/* An unknown context is shown as it is, never dropped. */
	cr_assert_str_eq(audit_context_label("cases.file"), "cases.file");
}
