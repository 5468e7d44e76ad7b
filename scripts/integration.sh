#!/usr/bin/env bash
# integration.sh — the real server on a throwaway database and free ports,
# driven over HTTP by node:test (tests/integration/*.test.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/testenv.sh
trap testenv_stop EXIT
testenv_node_suite integration tests/integration/
