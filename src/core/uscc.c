/*
 * uscc.c — validation of the unified social credit code (统一社会信用代码)
 * by its GB 32100-2015 check character.
 *
 * Only the alphabet, the length and the check character are verified; the
 * registration-authority, type and region parts are not, because the
 * registry adds codes faster than a table here would follow.
 */
#include <string.h>

#include "core/uscc.h"
#include "core/util.h"

#define USCC_MODULUS 31

/* Index in this string is the character's value (I O S V Z are left out). */
static const char uscc_alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

static const int uscc_weights[USCC_LEN - 1] = { 1, 3, 9, 27, 19, 26, 16, 17, 20,
	29, 25, 13, 8, 24, 10, 30, 28 };

static int uscc_value(char);

/* The value of an uppercase code character, -1 when it is not one. */
static int
uscc_value(char c)
{
	const char *p;

	/* strchr() would also find the terminating NUL. */
	if (c == '\0')
		return (-1);
	if ((p = strchr(uscc_alphabet, c)) == NULL)
		return (-1);
	return ((int)(p - uscc_alphabet));
}

enum uscc_result
uscc_validate(const char *s, size_t len, char out[USCC_LEN + 1])
{
	char code[USCC_LEN + 1];
	size_t i;

	if (s == NULL)
		return (USCC_EMPTY);
	while (len > 0 && s[0] == ' ') {
		s++;
		len--;
	}
	while (len > 0 && s[len - 1] == ' ')
		len--;
	if (len == 0)
		return (USCC_EMPTY);

	/*
	 * Counted in characters, not bytes, so that a code typed with a
	 * full-width digit is told "bad character" rather than "bad length".
	 */
	if (utf8_length(s, len) != USCC_LEN)
		return (USCC_LENGTH);
	if (len != USCC_LEN)
		return (USCC_CHARSET);

	for (i = 0; i < USCC_LEN; i++) {
		code[i] = ascii_upper(s[i]);
		if (uscc_value(code[i]) < 0)
			return (USCC_CHARSET);
	}
	code[USCC_LEN] = '\0';

	if (uscc_check_char(code) != code[USCC_LEN - 1])
		return (USCC_CHECK_DIGIT);

	memcpy(out, code, sizeof(code));
	return (USCC_OK);
}

const char *
uscc_message(enum uscc_result result)
{
	switch (result) {
	case USCC_OK:
		return ("统一社会信用代码正确");
	case USCC_EMPTY:
		return ("请填写统一社会信用代码");
	case USCC_LENGTH:
		return ("统一社会信用代码应为18位");
	case USCC_CHARSET:
		return ("统一社会信用代码含有不允许的字符"
		        "（不使用I、O、S、V、Z）");
	case USCC_CHECK_DIGIT:
		return ("统一社会信用代码校验位不正确");
	}
	return ("统一社会信用代码无效");
}

char
uscc_check_char(const char *first17)
{
	int sum, v, check;
	size_t i;

	sum = 0;
	/* Stops at the first bad character, so a short string is safe. */
	for (i = 0; i < USCC_LEN - 1; i++) {
		if ((v = uscc_value(first17[i])) < 0)
			return ('\0');
		sum += v * uscc_weights[i];
	}
	/* 31 - 0 would be 31, which the standard writes as 0. */
	check = (USCC_MODULUS - sum % USCC_MODULUS) % USCC_MODULUS;
	return (uscc_alphabet[check]);
}
