# testenv.sh — a throwaway greensword for tests and benchmarks, sourced by
# integration.sh, e2e.sh and bench.sh: its own PostgreSQL cluster and Kore
# on free ports under a fresh folder, removed again by testenv_stop.
#
# After testenv_start: GS_URL, GS_DB_URL (gs_app), GS_DB_OWNER_URL,
# GS_TEST_DIR, GS_ADMIN_PASSWORD and GS_DEMO_PASSWORD are exported.

. "$(dirname "${BASH_SOURCE[0]}")/pg.sh"

TESTENV_KORE_PID=

testenv_start() {
	local port i conf
	GS_TEST_DIR=$(mktemp -d "${TMPDIR:-/tmp}/greensword-test.XXXXXX")
	export GS_TEST_DIR
	export GS_VAR_DIR=$GS_TEST_DIR/var
	mkdir -p "$GS_VAR_DIR"
	pg_init "$GS_VAR_DIR/pg" >/dev/null
	pg_start "$GS_VAR_DIR/pg"
	export GS_DB_OWNER_URL=$(pg_owner_url "$GS_VAR_DIR/pg")
	export GS_DB_URL=$(pg_app_url "$GS_VAR_DIR/pg")
	export GS_ADMIN_PASSWORD=admin-test-password
	export GS_DEMO_PASSWORD=demo-test-password
	build/gsctl migrate >/dev/null
	GS_DEMO=1 build/gsctl seed >/dev/null
	port=$(pg_free_port $((18000 + RANDOM % 2000)))
	export GS_HTTP_PORT=$port
	export GS_URL=http://127.0.0.1:$port
	export GS_ROOT=$PWD
	# Tests present their own client addresses (X-Forwarded-For) so
	# that throttling by address can be exercised without lock-outs
	# leaking from one test into another.
	export GS_TRUST_PROXY=1
	export GS_LOGIN_MAX_FAILURES_ADDR=${GS_LOGIN_MAX_FAILURES_ADDR:-8}
	# With GS_SECCOMP_TRACE=1 a syscall outside the sandbox is logged
	# ("seccomp violation") instead of killing the worker, so that a test
	# run can name it; the test scripts fail on such a line.
	conf=${TESTENV_CONF:-conf/greensword.conf}
	if [ "${GS_SECCOMP_TRACE:-0}" = 1 ]; then
		sed 's/^seccomp_tracing no/seccomp_tracing yes/' "$conf" \
		    >"$GS_TEST_DIR/traced.conf"
		conf=$GS_TEST_DIR/traced.conf
	fi
	# Its own session: at shutdown Kore can signal its whole process
	# group (SIGQUIT), and that group would be make's ("make: *** Quit").
	setsid stdbuf -oL -eL kore -f -n -r -c "$conf" \
	    >"$GS_TEST_DIR/kore.log" 2>&1 &
	TESTENV_KORE_PID=$!
	for i in $(seq 1 100); do
		if curl -sf "$GS_URL/healthz" >/dev/null 2>&1; then
			return 0
		fi
		if ! kill -0 "$TESTENV_KORE_PID" 2>/dev/null; then
			break
		fi
		sleep 0.2
	done
	cat "$GS_TEST_DIR/kore.log" >&2
	echo "testenv: greensword did not start" >&2
	return 1
}

testenv_stop() {
	if [ -n "$TESTENV_KORE_PID" ]; then
		kill -TERM "$TESTENV_KORE_PID" 2>/dev/null || true
		wait "$TESTENV_KORE_PID" 2>/dev/null || true
		TESTENV_KORE_PID=
	fi
	if [ -n "${GS_TEST_DIR:-}" ] && [ -d "$GS_TEST_DIR" ]; then
		pg_stop "$GS_VAR_DIR/pg"
		if [ "${GS_KEEP_TEST_DIR:-0}" = 1 ]; then
			echo "testenv: kept $GS_TEST_DIR"
		else
			rm -rf "$GS_TEST_DIR"
		fi
	fi
}

# testenv_node_suite NAME DIR: the node:test files of DIR against a fresh
# server (with the sandbox in tracing mode); returns non-zero when a test
# failed or when the server log shows a crashed or sandbox-killed worker,
# even if no test noticed.
testenv_node_suite() {
	local name=$1 dir=$2 status=0
	export GS_SECCOMP_TRACE=1
	testenv_start
	node --test --test-concurrency=1 --test-reporter=spec "$dir" ||
		status=$?
	if [ $status -ne 0 ]; then
		echo "--- last lines of the server log ---"
		tail -40 "$GS_TEST_DIR/kore.log"
	fi
	if grep -E "seccomp violation|sandbox violation|died|Segmentation|AddressSanitizer" \
	    "$GS_TEST_DIR/kore.log"; then
		echo "$name: the server log shows a crashed worker"
		status=1
	fi
	# Keep the whole server log and database of a failed run to look at.
	[ $status -eq 0 ] || GS_KEEP_TEST_DIR=1
	return $status
}
