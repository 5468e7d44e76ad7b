/* Force-included by scripts/lint.sh so that cppcheck, which does not read
 * Kore's headers, understands the one Kore macro used at file scope. */
#define KORE_SECCOMP_FILTER(name, ...) \
	struct sock_filter _scfilt[] = { __VA_ARGS__ };
