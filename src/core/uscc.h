/*
 * uscc.h — the unified social credit code (统一社会信用代码), GB 32100-2015.
 *
 * 18 characters from 0-9 A-H J-N P-R T-U W-Y; the last is a check
 * character: weights 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28 over
 * the first 17 values, check = 31 - (sum mod 31), 31 meaning 0.
 */
#ifndef GS_CORE_USCC_H
#define GS_CORE_USCC_H

#include <stddef.h>

#define USCC_LEN 18

enum uscc_result {
	USCC_OK,
	USCC_EMPTY,
	USCC_LENGTH,      /* not 18 characters */
	USCC_CHARSET,     /* a character outside the code's alphabet */
	USCC_CHECK_DIGIT, /* well-formed, wrong check character */
};

/*
 * Validates s (len bytes). Lowercase letters are accepted and leading or
 * trailing spaces ignored; on USCC_OK, out holds the canonical uppercase
 * code and a NUL.
 */
enum uscc_result
uscc_validate(const char *s, size_t len, char out[USCC_LEN + 1]);
/* A user-facing Chinese sentence for a result. */
const char *uscc_message(enum uscc_result);
/* The check character for 17 valid characters, or '\0' if they are not. */
char uscc_check_char(const char *first17);

#endif
