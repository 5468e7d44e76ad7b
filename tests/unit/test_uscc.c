/*
 * test_uscc.c — GB 32100-2015 check characters, worked out by hand.
 *
 * Values: 0-9 are 0-9, then A=10 B=11 C=12 D=13 E=14 F=15 G=16 H=17 J=18
 * K=19 L=20 M=21 N=22 P=23 Q=24 R=25 T=26 U=27 W=28 X=29 Y=30.
 * Weights: 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28.
 */
#include <string.h>

#include "unit.h"
#include "core/uscc.h"

GS_SUITE(uscc);

static enum uscc_result
validate(const char *s, char out[USCC_LEN + 1])
{
	return (uscc_validate(s, strlen(s), out));
}

Test(uscc, published_example_is_valid)
{
	char out[USCC_LEN + 1];

	/*
	 * 91350100M000100Y4 + 3:
	 * 9*1 + 1*3 + 3*9 + 5*27 + 0*19 + 1*26 + 0*16 + 0*17 + M(21)*20
	 * + 0*29 + 0*25 + 0*13 + 1*8 + 0*24 + 0*10 + Y(30)*30 + 4*28
	 * = 9 + 3 + 27 + 135 + 26 + 420 + 8 + 900 + 112 = 1640;
	 * 1640 = 52 * 31 + 28, 31 - 28 = 3.
	 */
	cr_assert_eq(uscc_check_char("91350100M000100Y4"), '3');
	cr_assert_eq(validate("91350100M000100Y43", out), USCC_OK);
	cr_assert_str_eq(out, "91350100M000100Y43");
}

Test(uscc, check_characters_computed_by_hand)
{
	char out[USCC_LEN + 1];

	/*
	 * Prefix 91330784MA2D0000 weighs 9*1 + 1*3 + 3*9 + 3*27 + 0*19
	 * + 7*26 + 8*16 + 4*17 + M(21)*20 + A(10)*29 + 2*25 + D(13)*13
	 * = 9 + 3 + 27 + 81 + 182 + 128 + 68 + 420 + 290 + 50 + 169 = 1427;
	 * the 17th character has weight 28.
	 *
	 * ...1: 1427 + 28 = 1455 = 46 * 31 + 29, 31 - 29 = 2 -> '2'.
	 * ...0: 1427 = 46 * 31 + 1, 31 - 1 = 30 -> 'Y'.
	 * ...E: 1427 + 14 * 28 = 1819 = 58 * 31 + 21, 31 - 21 = 10 -> 'A'.
	 * ...M: 1427 + 21 * 28 = 2015 = 65 * 31 + 0, 31 - 0 = 31 -> '0'.
	 */
	cr_assert_eq(uscc_check_char("91330784MA2D00001"), '2');
	cr_assert_eq(uscc_check_char("91330784MA2D00000"), 'Y');
	cr_assert_eq(uscc_check_char("91330784MA2D0000E"), 'A');
	cr_assert_eq(uscc_check_char("91330784MA2D0000M"), '0');

	cr_assert_eq(validate("91330784MA2D000012", out), USCC_OK);
	cr_assert_eq(validate("91330784MA2D00000Y", out), USCC_OK);
	cr_assert_eq(validate("91330784MA2D0000EA", out), USCC_OK);
	cr_assert_eq(validate("91330784MA2D0000M0", out), USCC_OK);
	cr_assert_str_eq(out, "91330784MA2D0000M0");
}

Test(uscc, check_char_refuses_bad_input)
{
	/* Lowercase is canonicalised by uscc_validate, not here. */
	cr_assert_eq(uscc_check_char("91330784ma2d00001"), '\0');
	cr_assert_eq(uscc_check_char("91330784MA2D0000I"), '\0');
	/* Short: stops at the NUL instead of reading past it. */
	cr_assert_eq(uscc_check_char("9133"), '\0');
	cr_assert_eq(uscc_check_char(""), '\0');
}

Test(uscc, wrong_check_character)
{
	char out[USCC_LEN + 1];

	cr_assert_eq(validate("91330784MA2D000013", out), USCC_CHECK_DIGIT);
	cr_assert_eq(validate("91350100M000100Y44", out), USCC_CHECK_DIGIT);
	/* Two digits swapped keep the sum of values but not of weights. */
	cr_assert_eq(validate("93150100M000100Y43", out), USCC_CHECK_DIGIT);
	cr_assert_str_eq(uscc_message(USCC_CHECK_DIGIT),
	    "统一社会信用代码校验位不正确");
}

Test(uscc, lowercase_and_spaces_are_canonicalised)
{
	char out[USCC_LEN + 1];
	char in[] = "  91350100m000100y43 ";

	cr_assert_eq(uscc_validate(in, strlen(in), out), USCC_OK);
	cr_assert_str_eq(out, "91350100M000100Y43");
	cr_assert_eq(validate("91330784ma2d0000ea", out), USCC_OK);
	cr_assert_str_eq(out, "91330784MA2D0000EA");
	/* Only len bytes are read: the trailing '9' is outside. */
	cr_assert_eq(uscc_validate("91350100M000100Y439", 18, out), USCC_OK);
	cr_assert_str_eq(out, "91350100M000100Y43");
}

Test(uscc, wrong_length)
{
	char out[USCC_LEN + 1];

	cr_assert_eq(validate("91350100M000100Y4", out), USCC_LENGTH); /* 17 */
	cr_assert_eq(validate("91350100M000100Y430", out), USCC_LENGTH);
	/* A space inside is not trimmed: 19 characters. */
	cr_assert_eq(validate("91350100M 000100Y43", out), USCC_LENGTH);
	cr_assert_str_eq(uscc_message(USCC_LENGTH), "统一社会信用代码应为18位");
}

Test(uscc, forbidden_letters)
{
	char out[USCC_LEN + 1];

	/* The check would be right if O were read as 0: still refused. */
	cr_assert_eq(validate("91350100MO00100Y43", out), USCC_CHARSET);
	cr_assert_eq(validate("91330784MA2D00001I", out), USCC_CHARSET);
	cr_assert_eq(validate("S1330784MA2D000012", out), USCC_CHARSET);
	cr_assert_eq(validate("91330784MA2D0000V2", out), USCC_CHARSET);
	cr_assert_eq(validate("9133078zMA2D000012", out), USCC_CHARSET);
	cr_assert_eq(validate("91330784MA2D-00012", out), USCC_CHARSET);
	/* 18 characters, one a full-width digit (3 bytes): charset. */
	cr_assert_eq(validate("９1350100M000100Y43", out), USCC_CHARSET);
	cr_assert_str_eq(uscc_message(USCC_CHARSET),
	    "统一社会信用代码含有不允许的字符（不使用I、O、S、V、Z）");
}

Test(uscc, empty)
{
	char out[USCC_LEN + 1];

	cr_assert_eq(validate("", out), USCC_EMPTY);
	cr_assert_eq(validate("    ", out), USCC_EMPTY);
	cr_assert_eq(uscc_validate(NULL, 0, out), USCC_EMPTY);
	cr_assert_str_eq(uscc_message(USCC_EMPTY), "请填写统一社会信用代码");
}
