# pg.sh — the embedded PostgreSQL cluster, sourced by run.sh, the test and
# bench scripts. Everything lives under one folder ($1 of the functions,
# normally $GS_VAR_DIR/pg): data, unix socket, log, port and passwords.
# Nothing system-wide is touched: no system cluster, no /var/run socket.
#
# PostgreSQL refuses to run as root. As root we run its binaries inside a
# user namespace in which we are an ordinary uid (unshare --map-user): the
# files stay root's on disk, so the cluster works wherever root can write,
# even in a 0700 mktemp folder that the system 'postgres' user could not
# enter.

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
PG_DBNAME=greensword

pg_as_owner() {
	if [ "$(id -u)" -eq 0 ]; then
		unshare --user --map-user=1000 --map-group=1000 -- "$@"
	else
		"$@"
	fi
}

# A TCP port on 127.0.0.1 that nothing listens on, from $1 upwards.
pg_free_port() {
	local p=${1:-54320}
	while (exec 3<>/dev/tcp/127.0.0.1/"$p") 2>/dev/null; do
		p=$((p + 1))
	done
	echo "$p"
}

pg_random_password() {
	head -c 24 /dev/urandom | base64 | tr -d '/+=' | head -c 32
}

# pg_init DIR: initdb on first use (owner gs_owner, scram passwords, UTF-8),
# then the application role gs_app, which owns nothing.
pg_init() {
	local dir=$1
	[ -f "$dir/data/PG_VERSION" ] && return 0
	mkdir -p "$dir/run"
	chmod 700 "$dir"
	(umask 077
	 pg_random_password >"$dir/owner.pw"
	 pg_random_password >"$dir/app.pw")
	echo "greensword: creating the embedded PostgreSQL cluster in $dir/data"
	pg_as_owner "$PGBIN/initdb" -D "$dir/data" -U gs_owner \
	    --pwfile="$dir/owner.pw" --auth-local=scram-sha-256 \
	    --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 \
	    >"$dir/initdb.log" 2>&1 || {
		cat "$dir/initdb.log" >&2
		echo "greensword: initdb failed (log above)" >&2
		return 1
	}
	cat >>"$dir/data/postgresql.conf" <<-EOF
	# greensword embedded cluster
	listen_addresses = '127.0.0.1'
	unix_socket_directories = '$dir/run'
	timezone = 'Asia/Shanghai'
	log_timezone = 'Asia/Shanghai'
	max_connections = 200
	shared_buffers = 256MB
	EOF
	pg_free_port 54320 >"$dir/port"
	PG_NEEDS_ROLES=1
}

pg_port() {
	cat "$1/port"
}

# pg_tune DIR: the planner settings of our own, rewritten at every start so
# that a cluster made by an earlier version gets them too.
# random_page_cost: the data is local and fits in memory, so an index probe
# costs about what a sequential read does. With the default (4) the planner
# read tables of a few pages (app_user, rule, holiday) whole for one row
# and re-checked row-level security on every row: the case page's context
# statement took 0.9 ms of CPU, 0.68 ms with 1.1 (pgbench, `make bench` data).
pg_tune() {
	local data=$1/data
	cat >"$data/greensword.conf" <<-EOF
	# written by scripts/pg.sh (pg_tune) at every start; edits are lost
	random_page_cost = 1.1
	EOF
	grep -q "^include_if_exists 'greensword.conf'" "$data/postgresql.conf" ||
	    echo "include_if_exists 'greensword.conf'" >>"$data/postgresql.conf"
}

# pg_start DIR: start the cluster if it is not running (a port taken by
# someone else since the last run is replaced by a free one).
pg_start() {
	local dir=$1 port
	if pg_as_owner "$PGBIN/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
		return 0
	fi
	pg_tune "$dir"
	port=$(pg_port "$dir")
	if (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null; then
		port=$(pg_free_port $((port + 1)))
		echo "$port" >"$dir/port"
	fi
	pg_as_owner "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/postgresql.log" \
	    -o "-p $port" -w -t 60 start >/dev/null || {
		tail -20 "$dir/postgresql.log" >&2
		echo "greensword: PostgreSQL did not start (log: $dir/postgresql.log)" >&2
		return 1
	}
	if [ "${PG_NEEDS_ROLES:-0}" = 1 ]; then
		pg_create_roles "$dir"
		PG_NEEDS_ROLES=0
	fi
}

pg_stop() {
	local dir=$1
	[ -f "$dir/data/postmaster.pid" ] || return 0
	pg_as_owner "$PGBIN/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop \
	    >/dev/null 2>&1 || true
}

pg_owner_url() {
	local dir=$1
	echo "host=127.0.0.1 port=$(pg_port "$dir") dbname=$PG_DBNAME user=gs_owner password=$(cat "$dir/owner.pw") sslmode=disable gssencmode=disable"
}

pg_app_url() {
	local dir=$1
	echo "host=127.0.0.1 port=$(pg_port "$dir") dbname=$PG_DBNAME user=gs_app password=$(cat "$dir/app.pw") sslmode=disable gssencmode=disable"
}

pg_create_roles() {
	local dir=$1 url
	url="host=127.0.0.1 port=$(pg_port "$dir") dbname=postgres user=gs_owner password=$(cat "$dir/owner.pw") sslmode=disable"
	psql -q -X -v ON_ERROR_STOP=1 -d "$url" \
	    -v app_pw="$(cat "$dir/app.pw")" >/dev/null <<-'EOF'
	CREATE ROLE gs_app LOGIN PASSWORD :'app_pw' NOSUPERUSER NOCREATEDB NOCREATEROLE;
	CREATE DATABASE greensword OWNER gs_owner ENCODING 'UTF8' TEMPLATE template0 LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8';
	REVOKE ALL ON DATABASE greensword FROM PUBLIC;
	GRANT CONNECT, TEMPORARY ON DATABASE greensword TO gs_app;
	EOF
}
