/*
 * password.h — argon2id password hashes (libsodium) and the password rules.
 *
 * Parameters: OWASP's argon2id minimum (19 MiB, 2 passes, 1 lane), about
 * 55 ms on this machine: slow enough to hurt a guesser, small enough that a
 * Kore worker hashing in a task stays well under its memory budget. The
 * parameters travel inside each hash string, so raising them later only
 * needs password_needs_rehash() at the next sign-in.
 * Hashing is CPU-bound: call these from a Kore task or gsctl, never on a
 * worker's event loop.
 */
#ifndef GS_CORE_PASSWORD_H
#define GS_CORE_PASSWORD_H

#include <stddef.h>

#define PASSWORD_HASH_LEN 128 /* crypto_pwhash_STRBYTES */
#define PASSWORD_MIN_CHARS 10
#define PASSWORD_MAX_BYTES 128

/* GS_ERROR only when the system is out of memory. */
int password_hash(const char *pw, char out[PASSWORD_HASH_LEN]);
/* 1 when pw matches hash. */
int password_verify(const char *hash, const char *pw);
/*
 * Spends the same work as a real verification against a fixed hash, so
 * that "no such user" cannot be told apart from "wrong password" by time.
 */
void password_verify_dummy(const char *pw);
int password_needs_rehash(const char *hash);
/* NULL when pw is acceptable for username, else a Chinese reason. */
const char *password_problem(const char *pw, const char *username);

#endif
