/*
 * unit.h — shared by every criterion suite.
 *
 * Criterion 2.4.1 lets a LeakSanitizer report pass with exit status 0, so
 * every suite is declared with GS_SUITE(), whose .fini runs a recoverable
 * leak check inside the test's own process and aborts when it finds one.
 * clang 14 does not define __SANITIZE_ADDRESS__, hence __has_feature too.
 */
#ifndef GS_TESTS_UNIT_H
#define GS_TESTS_UNIT_H

#include <stdlib.h>

#include <criterion/criterion.h>

#if defined(__SANITIZE_ADDRESS__)
#define GS_HAVE_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define GS_HAVE_ASAN 1
#endif
#endif

#if defined(GS_HAVE_ASAN)
#include <sanitizer/lsan_interface.h>

static void
gs_leak_check(void)
{
	if (__lsan_do_recoverable_leak_check() != 0)
		abort();
}
#else
static void
gs_leak_check(void)
{
}
#endif

#define GS_SUITE(name) TestSuite(name, .fini = gs_leak_check)

#endif
