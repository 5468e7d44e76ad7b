#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "unit.h"
#include "core/util.h"

GS_SUITE(util);

Test(util, buf_grows_and_stays_terminated)
{
	struct buf b;
	int i;

	buf_init(&b);
	for (i = 0; i < 1000; i++)
		buf_puts(&b, "绿剑");
	cr_assert_eq(b.len, 6000);
	cr_assert_eq(b.data[b.len], '\0');
	buf_printf(&b, "%d", 42);
	cr_assert_str_eq(b.data + 6000, "42");
	buf_free(&b);
}

Test(util, hex_round_trip_and_rejects_bad_digits)
{
	uint8_t in[4] = { 0x00, 0xab, 0x7f, 0xff }, out[4];
	char hex[9];

	hex_encode(in, 4, hex);
	cr_assert_str_eq(hex, "00ab7fff");
	cr_assert_eq(hex_decode(hex, out, 4), GS_OK);
	cr_assert_eq(memcmp(in, out, 4), 0);
	cr_assert_eq(hex_decode("00ag7fff", out, 4), GS_ERROR);
	cr_assert_eq(hex_decode("00ab7ff", out, 4), GS_ERROR);
}

Test(util, utf8_validation)
{
	cr_assert(utf8_valid_text("永康市东城街道", strlen("永康市东城街道")));
	cr_assert(utf8_valid_text("a\tb\r\nc", 6));
	cr_assert_not(utf8_valid_text("\xc0\xaf", 2));     /* overlong */
	cr_assert_not(utf8_valid_text("\xed\xa0\x80", 3)); /* surrogate */
	cr_assert_not(utf8_valid_text("a\0b", 3));
	cr_assert_not(utf8_valid_text("\xe6\xb0", 2)); /* truncated */
	cr_assert_eq(utf8_length("永康a", strlen("永康a")), 3);
}

Test(util, fd_write_all_writes_everything_or_fails_with_errno)
{
	static const char text[] = "绿剑执法办案系统";
	char back[sizeof(text)];
	FILE *f;
	int fds[2];

	cr_assert_not_null(f = tmpfile());
	cr_assert_eq(fd_write_all(fileno(f), text, sizeof(text)), GS_OK);
	cr_assert_eq(pread(fileno(f), back, sizeof(back), 0),
	    (ssize_t)sizeof(back));
	cr_assert_eq(memcmp(back, text, sizeof(text)), 0);
	fclose(f);

	/* A pipe nobody reads from: EPIPE (SIGPIPE is ignored here). */
	cr_assert_eq(pipe(fds), 0);
	close(fds[0]);
	signal(SIGPIPE, SIG_IGN);
	cr_assert_eq(fd_write_all(fds[1], text, sizeof(text)), GS_ERROR);
	cr_assert_eq(errno, EPIPE);
	close(fds[1]);
}

Test(util, parse_int64_is_strict)
{
	int64_t v;

	cr_assert_eq(parse_int64("-42", &v), GS_OK);
	cr_assert_eq(v, -42);
	cr_assert_eq(parse_int64("42x", &v), GS_ERROR);
	cr_assert_eq(parse_int64(" 42", &v), GS_ERROR);
	cr_assert_eq(parse_int64("", &v), GS_ERROR);
	cr_assert_eq(parse_int64("99999999999999999999", &v), GS_ERROR);
}
