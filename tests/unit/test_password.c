/*
 * test_password.c — argon2id hashing through libsodium and the password
 * rules. Each hash or verification at the real parameters costs ~55 ms, so
 * the slow tests are few and do several checks each.
 */
#include <string.h>

#include <sodium.h>

#include "unit.h"
#include "core/password.h"
#include "core/util.h"

static void
password_init(void)
{
	if (sodium_init() < 0)
		abort();
}

TestSuite(password, .init = password_init, .fini = gs_leak_check);

Test(password, hash_then_verify)
{
	char h1[PASSWORD_HASH_LEN], h2[PASSWORD_HASH_LEN];

	cr_assert_eq(password_hash("绿剑执法 correct horse", h1), GS_OK);
	/* The parameters travel in the string: argon2id, 19 MiB, 2 passes. */
	cr_assert_eq(strncmp(h1, "$argon2id$v=19$m=19456,t=2,p=1$",
	                 strlen("$argon2id$v=19$m=19456,t=2,p=1$")),
	    0, "%s", h1);
	cr_assert(password_verify(h1, "绿剑执法 correct horse"));
	cr_assert_not(password_verify(h1, "绿剑执法 correct horsE"));
	cr_assert_not(password_verify(h1, ""));
	cr_assert_not(password_needs_rehash(h1));

	/* A fresh salt each time: same password, different string. */
	cr_assert_eq(password_hash("绿剑执法 correct horse", h2), GS_OK);
	cr_assert_str_neq(h1, h2);
}

Test(password, older_parameters_need_rehash_but_still_verify)
{
	char old[crypto_pwhash_STRBYTES];

	cr_assert_eq(crypto_pwhash_str(old, "0123456789abc", 13, 3,
	                 8U * 1024U * 1024U),
	    0);
	cr_assert_eq(strncmp(old, "$argon2id$v=19$m=8192,t=3,p=1$",
	                 strlen("$argon2id$v=19$m=8192,t=3,p=1$")),
	    0, "%s", old);
	cr_assert(password_needs_rehash(old));
	cr_assert(password_verify(old, "0123456789abc"));
	cr_assert_not(password_verify(old, "0123456789abd"));
}

Test(password, malformed_hash_never_verifies)
{
	cr_assert_not(password_verify("", "0123456789"));
	cr_assert_not(password_verify("$argon2id$v=19$m=19456,t=2,p=1$", "x"));
	cr_assert_not(
	    password_verify("plaintext-password", "plaintext-password"));
	/* Not a hash we know: rehash it at the next sign-in. */
	cr_assert(password_needs_rehash("plaintext-password"));
	cr_assert(password_needs_rehash(""));
	/* Spends time, answers nothing, must not crash. */
	password_verify_dummy("0123456789");
}

Test(password, length_counts_characters_not_bytes)
{
	/* Nine Chinese characters are 27 bytes but 9 characters. */
	cr_assert_str_eq(password_problem("绿剑执法办案系统密", NULL),
	    "密码至少需要10个字符");
	cr_assert_null(password_problem("绿剑执法办案系统密码", NULL));
	cr_assert_str_eq(password_problem("123456789", NULL),
	    "密码至少需要10个字符");
	cr_assert_null(password_problem("1234567890", NULL));
	cr_assert_str_eq(password_problem("", NULL), "密码至少需要10个字符");
}

Test(password, must_differ_from_username)
{
	cr_assert_str_eq(password_problem("zhangsan.01", "zhangsan.01"),
	    "密码不能与用户名相同");
	cr_assert_null(password_problem("zhangsan.01", "zhangsan"));
	cr_assert_null(password_problem("Zhangsan.01", "zhangsan.01"));
	/* A short password equal to the username is first of all short. */
	cr_assert_str_eq(password_problem("zhangsan", "zhangsan"),
	    "密码至少需要10个字符");
}

Test(password, at_most_128_bytes)
{
	char pw[130];
	size_t i;

	memset(pw, 'a', 128);
	pw[128] = '\0';
	cr_assert_null(password_problem(pw, NULL));
	pw[128] = 'a';
	pw[129] = '\0';
	cr_assert_str_eq(password_problem(pw, NULL), "密码过长（最多128字节）");

	/* 43 Chinese characters: 129 bytes. */
	memset(pw, 0, sizeof(pw));
	for (i = 0; i < 43; i++)
		memcpy(pw + 3 * i, "密", 3);
	cr_assert_eq(strlen(pw), 129);
	cr_assert_str_eq(password_problem(pw, NULL), "密码过长（最多128字节）");
	pw[126] = '\0'; /* 42 characters, 126 bytes */
	cr_assert_null(password_problem(pw, NULL));
}

Test(password, invalid_text_is_refused)
{
	cr_assert_str_eq(password_problem("0123456789\xff", NULL),
	    "密码含有无效字符");
	cr_assert_str_eq(password_problem("01234\x01"
	                                  "56789",
	                     NULL),
	    "密码含有无效字符");
	cr_assert_str_eq(password_problem("0123456789\x7f", NULL),
	    "密码含有无效字符");
	/* Truncated UTF-8 sequence at the end. */
	cr_assert_str_eq(password_problem("0123456789\xe5\xaf", NULL),
	    "密码含有无效字符");
}
