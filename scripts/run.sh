#!/usr/bin/env bash
# run.sh — what `make run` does after building: prepare $GS_VAR_DIR, start
# the embedded PostgreSQL (unless GS_DB_URL points elsewhere), migrate,
# seed, and serve in the foreground. Ctrl-C stops Kore, then PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

export GS_VAR_DIR=${GS_VAR_DIR:-$root/var}
export GS_HTTP_PORT=${GS_HTTP_PORT:-8888}
export GS_DEMO=${GS_DEMO:-1}
export GS_ROOT=$root
mkdir -p "$GS_VAR_DIR"
GS_VAR_DIR=$(cd "$GS_VAR_DIR" && pwd)
mkdir -p "$GS_VAR_DIR/log"

# shellcheck source=scripts/pg.sh
. scripts/pg.sh

embedded=0
if [ -z "${GS_DB_URL:-}" ]; then
	embedded=1
	pg_init "$GS_VAR_DIR/pg"
	pg_start "$GS_VAR_DIR/pg"
	export GS_DB_OWNER_URL=$(pg_owner_url "$GS_VAR_DIR/pg")
	export GS_DB_URL=$(pg_app_url "$GS_VAR_DIR/pg")
	echo "greensword: PostgreSQL on 127.0.0.1:$(pg_port "$GS_VAR_DIR/pg") (data in $GS_VAR_DIR/pg)"
fi

stop_pg() {
	if [ "$embedded" = 1 ]; then
		echo "greensword: stopping PostgreSQL"
		pg_stop "$GS_VAR_DIR/pg"
	fi
}

if ! build/gsctl migrate || ! build/gsctl seed; then
	stop_pg
	exit 1
fi

kore_pid=
shutdown() {
	trap - INT TERM
	if [ -n "$kore_pid" ] && kill -0 "$kore_pid" 2>/dev/null; then
		echo "greensword: stopping Kore"
		kill -TERM "$kore_pid" 2>/dev/null || true
		wait "$kore_pid" 2>/dev/null || true
	fi
	stop_pg
	exit 0
}
trap shutdown INT TERM

cat <<EOF

  绿剑执法办案系统 greensword is starting on  http://127.0.0.1:$GS_HTTP_PORT/
  Logs: $GS_VAR_DIR/log/greensword.log (JSON lines) · Ctrl-C stops everything

EOF

# Kore in the foreground, no chroot or privilege drop (development); its
# output goes to the terminal and, line by line, to the log file. In its
# own session: at shutdown Kore can signal its whole process group
# (SIGQUIT), which would otherwise reach make; Ctrl-C reaches Kore through
# the trap above.
setsid stdbuf -oL -eL kore -f -n -r -c conf/greensword.conf \
    > >(tee -a "$GS_VAR_DIR/log/greensword.log") 2>&1 &
kore_pid=$!
wait "$kore_pid" || true
kore_pid=
stop_pg
