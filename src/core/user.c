/*
 * user.c — validation of user accounts (see user.h).
 */
#include <stdio.h>
#include <string.h>

#include "core/calendar.h"
#include "core/password.h"
#include "core/perm.h"
#include "core/router.h"
#include "core/user.h"
#include "core/util.h"

static int
username_valid(const char *s)
{
	size_t i, len;

	len = strlen(s);
	if (len < 2 || len > 32)
		return (0);
	for (i = 0; i < len; i++) {
		if ((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9'))
			continue;
		if (i > 0 && (s[i] == '_' || s[i] == '.' || s[i] == '-'))
			continue;
		return (0);
	}
	return (1);
}

static int
present(const char *s)
{
	return (s != NULL && *s != '\0');
}

int
user_validate(const struct user_input *in, int creating, struct verr *errs)
{
	const char *problem;
	size_t before, len;
	gs_date d;

	before = errs->n;
	if (creating) {
		if (!present(in->username))
			verr_add(errs, "username", "请填写用户名");
		else if (!username_valid(in->username))
			verr_add(errs, "username",
			    "用户名为2-32位小写字母、数字或 _ . -，以字母或数字开头");
		if (!present(in->password))
			verr_add(errs, "password", "请填写初始密码");
		else if ((problem = password_problem(in->password,
		              in->username)) != NULL)
			verr_add(errs, "password", "%s", problem);
	}
	if (!present(in->display_name)) {
		verr_add(errs, "display_name", "请填写姓名");
	} else {
		len = strlen(in->display_name);
		if (!utf8_valid_text(in->display_name, len) ||
		    strpbrk(in->display_name, "\r\n\t") != NULL ||
		    utf8_length(in->display_name, len) > 64)
			verr_add(errs, "display_name",
			    "姓名最多64个字，不含控制字符");
	}
	if (in->roles_bad)
		verr_add(errs, "roles",
		    "角色只能是 officer、squad_leader、legal、head、analyst、admin");
	else if (in->roles == 0)
		verr_add(errs, "roles", "至少选择一个角色");
	if (present(in->squad_id) &&
	    !uuid_valid(in->squad_id, strlen(in->squad_id)))
		verr_add(errs, "squad_id", "中队不存在");
	if (present(in->cert_no) != present(in->cert_valid_until)) {
		verr_add(errs,
		    present(in->cert_no) ? "cert_valid_until" : "cert_no",
		    "执法证号与有效期须同时填写");
	} else if (present(in->cert_no)) {
		len = strlen(in->cert_no);
		if (!utf8_valid_text(in->cert_no, len) ||
		    utf8_length(in->cert_no, len) > 32 ||
		    strpbrk(in->cert_no, "\r\n\t ") != NULL)
			verr_add(errs, "cert_no",
			    "执法证号最多32个字符，不含空格");
		if (!date_parse(in->cert_valid_until, &d))
			verr_add(errs, "cert_valid_until",
			    "有效期应为 YYYY-MM-DD 格式的日期");
	}
	return (errs->n == before ? GS_OK : GS_ERROR);
}

void
user_roles_pg_array(uint32_t mask, char *out, size_t len)
{
	struct buf b;

	buf_init(&b);
	roles_to_pg_array(mask, &b);
	(void)snprintf(out, len, "%s", b.data);
	buf_free(&b);
}
