#!/usr/bin/env bash
# e2e.sh — browser journeys: the real server on a throwaway database and free
# ports (scripts/testenv.sh), driven by headless Debian chromium through
# playwright-core (tests/e2e/*.test.mjs). Screenshots go to test-output/e2e/.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules/playwright-core ]; then
	echo "e2e: node_modules/playwright-core is missing: run scripts/deps.sh npm" >&2
	exit 1
fi
export GS_CHROMIUM=${GS_CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$GS_CHROMIUM" ]; then
	echo "e2e: $GS_CHROMIUM is missing: run scripts/deps.sh test" >&2
	exit 1
fi

export GS_E2E_OUT=$PWD/test-output/e2e
rm -rf "$GS_E2E_OUT"
mkdir -p "$GS_E2E_OUT"

. scripts/testenv.sh
trap testenv_stop EXIT
status=0
testenv_node_suite e2e tests/e2e/ || status=$?
echo "e2e: screenshots in $GS_E2E_OUT"
exit $status
