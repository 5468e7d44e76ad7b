/*
 * audit.c — recomputing audit chain links (see audit.h).
 */
#include <string.h>

#include <sodium.h>

#include "core/audit.h"

void
audit_canonical(struct buf *out, const char *const fields[AUDIT_NFIELDS])
{
	const char *f;
	size_t i, len;

	buf_puts(out, "gs-audit-v1\n");
	for (i = 0; i < AUDIT_NFIELDS; i++) {
		f = fields[i] != NULL ? fields[i] : "";
		len = strlen(f);
		buf_printf(out, "%zu:", len);
		buf_append(out, f, len);
		buf_putc(out, '\n');
	}
}

void
audit_link(const uint8_t prev[AUDIT_HASH_LEN],
    const char *const fields[AUDIT_NFIELDS], uint8_t out[AUDIT_HASH_LEN])
{
	crypto_hash_sha256_state st;
	struct buf b;

	buf_init(&b);
	audit_canonical(&b, fields);
	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, prev, AUDIT_HASH_LEN);
	crypto_hash_sha256_update(&st, (const unsigned char *)b.data, b.len);
	crypto_hash_sha256_final(&st, out);
	buf_free(&b);
}

struct label {
	const char *code;
	const char *label;
};

static const struct label action_labels[] = {
	{ "entity.insert", "登记检查对象" },
	{ "entity.update", "修改检查对象" },
	{ "app_user.insert", "创建用户" },
	{ "app_user.update", "修改用户" },
	{ "squad.insert", "创建中队" },
	{ "squad.update", "修改中队" },
	{ "rule.insert", "规则新版本" },
	{ "rule.update", "规则版本截止" },
	{ "holiday.insert", "新增节假日" },
	{ "holiday.delete", "删除节假日" },
	{ "api_token.insert", "创建接口令牌" },
	{ "api_token.update", "撤销接口令牌" },
	{ "session.signin", "登录" },
	{ "session.signout", "退出登录" },
	{ "password.change", "修改密码" },
};

/* Where a change came from: the `context` the code passes to the actor. */
static const struct label context_labels[] = {
	{ "entities.create", "登记检查对象" },
	{ "entities.update", "编辑检查对象" },
	{ "entities.import", "批量导入检查对象" },
	{ "entities.seed", "演示数据" },
	{ "users.create", "用户管理" },
	{ "users.update", "用户管理" },
	{ "users.seed", "初始化" },
	{ "squads.create", "中队管理" },
	{ "squads.seed", "初始化" },
	{ "bureau.seed", "初始化" },
	{ "holidays.update", "节假日日历" },
	{ "rulebook.update", "规则库" },
	{ "tokens.create", "接口令牌" },
	{ "tokens.revoke", "接口令牌" },
	{ "account.password", "修改密码" },
	{ "session.signin", "登录" },
	{ "session.signout", "退出登录" },
};

/* The label of code in table, or the code itself when it has none. */
static const char *
label_of(const struct label *table, size_t n, const char *code)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (strcmp(table[i].code, code) == 0)
			return (table[i].label);
	}
	return (code);
}

const char *
audit_action_label(const char *action)
{
	return (label_of(action_labels, GS_NELEM(action_labels), action));
}

const char *
audit_context_label(const char *context)
{
	if (context[0] == '\0')
		return ("数据库直接操作");
	return (label_of(context_labels, GS_NELEM(context_labels), context));
}
