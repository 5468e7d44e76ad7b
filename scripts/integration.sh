#!/usr/bin/env bash
# integration.sh — the real server on a throwaway database and free ports,
# driven over HTTP by node:test (tests/integration/*.test.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/testenv.sh
# A 5 MiB evidence limit, so that a test can cross it cheaply; it is above
# the 4 MiB from which Kore spools a body to disk (conf), so both hold.
export GS_EVIDENCE_MAX_MIB=5
trap testenv_stop EXIT
testenv_node_suite integration tests/integration/
