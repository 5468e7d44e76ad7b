#!/usr/bin/env bash
# unit.sh — run every criterion suite built under ASan+UBSan; any failure,
# crash or leak (the suites' .fini aborts on a leak) fails the run.
set -uo pipefail
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
status=0
tested=0
for t in "$@"; do
	out=$("$t" --jobs 2 2>&1)
	rc=$?
	line=$(grep -a "Synthesis" <<<"$out" | tail -1)
	n=$(sed -n 's/.*Tested: \([0-9]*\).*/\1/p' <<<"$line")
	tested=$((tested + ${n:-0}))
	# A leak found by a suite's .fini shows only as "crashed during its
	# setup or teardown" while the synthesis still counts a pass.
	if [ $rc -ne 0 ] || ! grep -q "Failing: 0 | Crashing: 0" <<<"$line" ||
	    grep -q "crashed during its setup or teardown" <<<"$out"; then
		echo "$out"
		echo "unit: $(basename "$t") FAILED (exit $rc)"
		status=1
	else
		printf '  %-28s %s\n' "$(basename "$t")" "${line#*Synthesis: }"
	fi
done
echo "unit: $tested tests in $# suites"
exit $status
