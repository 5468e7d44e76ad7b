#!/usr/bin/env bash
# integration.sh — the real server on a throwaway database and free ports,
# driven over HTTP by node:test (tests/integration/*.test.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/testenv.sh
export GS_SECCOMP_TRACE=1
trap testenv_stop EXIT
testenv_start
status=0
node --test --test-concurrency=1 --test-reporter=spec tests/integration/ ||
	status=$?
if [ $status -ne 0 ]; then
	echo "--- last lines of the server log ---"
	tail -40 "$GS_TEST_DIR/kore.log"
fi
# A worker killed by the sandbox or a crash fails the run even when the
# tests did not notice.
if grep -E "seccomp violation|sandbox violation|died|Segmentation|AddressSanitizer" \
    "$GS_TEST_DIR/kore.log"; then
	echo "integration: the server log shows a crashed worker"
	status=1
fi
exit $status
