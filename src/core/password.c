/*
 * password.c — argon2id through libsodium (see password.h).
 * sodium_init() has been called by the process before any of these run.
 */
#include <string.h>

#include <sodium.h>

#include "core/password.h"
#include "core/util.h"

#define PW_OPSLIMIT 2ULL
#define PW_MEMLIMIT (19U * 1024U * 1024U)

/* Any valid hash with the current parameters: only its cost matters. */
static const char dummy_hash[PASSWORD_HASH_LEN] =
    "$argon2id$v=19$m=19456,t=2,p=1$PRnK4OSCYO1oZt7+Mk54eg$"
    "qbEJaZtvLY06csDBR/xMC6ZFKTqXK7XjkdjiLMMQpeQ";

int
password_hash(const char *pw, char out[PASSWORD_HASH_LEN])
{
	if (crypto_pwhash_str(out, pw, strlen(pw), PW_OPSLIMIT, PW_MEMLIMIT) !=
	    0)
		return (GS_ERROR);
	return (GS_OK);
}

int
password_verify(const char *hash, const char *pw)
{
	return (crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0);
}

void
password_verify_dummy(const char *pw)
{
	volatile int r;

	r = crypto_pwhash_str_verify(dummy_hash, pw, strlen(pw));
	(void)r;
}

int
password_needs_rehash(const char *hash)
{
	return (crypto_pwhash_str_needs_rehash(hash, PW_OPSLIMIT,
	            PW_MEMLIMIT) != 0);
}

const char *
password_problem(const char *pw, const char *username)
{
	size_t len;

	len = strlen(pw);
	if (len > PASSWORD_MAX_BYTES)
		return ("密码过长（最多128字节）");
	if (!utf8_valid_text(pw, len))
		return ("密码含有无效字符");
	if (utf8_length(pw, len) < PASSWORD_MIN_CHARS)
		return ("密码至少需要10个字符");
	if (username != NULL && strcmp(pw, username) == 0)
		return ("密码不能与用户名相同");
	return (NULL);
}
