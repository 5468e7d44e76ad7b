#!/usr/bin/env bash
# bench.sh — `make bench`: greensword's throughput and latency as ratios to
# ceilings measured in the same run on the same machine:
#
#   ceiling A  a static Kore route (src/web/ceiling.c), wrk -c32
#   ceiling B  pgbench -S -M prepared -c32 on the same PostgreSQL cluster
#
# and the targets of the issues (docs/architecture.md lists them). Every
# run starts a fresh server and database (scripts/testenv.sh), imports the
# generated registry through the API (timed, with the workers' memory
# sampled), writes GS_BENCH_CASES (default 100,000) cases across it with
# tests/bench/cases.sql (timed), then loads each page for
# GS_BENCH_SECONDS (default 10). Case transitions are compared with
# ceiling C, 32 pgbench clients updating one row: every write of a
# bureau queues on the row of its audit chain until it commits.
# Then issue 4: GS_BENCH_STATS_CASES (default 1,000,000) cases of a
# bureau of their own (tests/bench/stats_gen.sql, timed), the year's
# statistics by month against the same figures by hand in SQL
# (tests/bench/stats_hand.sql) with a few totals compared, and the legacy
# import of GS_BENCH_IMPORT_CASES (default 100,000) cases
# (tests/bench/import_gen.mjs) with its progress polled, posted twice.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/testenv.sh

secs=${GS_BENCH_SECONDS:-10}
conns=32
out=build/bench
mkdir -p "$out"

# The bench configuration: the development one plus the ceiling route.
conf=$out/bench.conf
sed 's|^\troute ^/\.\*\$ gs_dispatch|\troute /bench/ceiling gs_bench_ceiling\n&|' \
    conf/greensword.conf >"$conf"
grep -q gs_bench_ceiling "$conf" || { echo "bench: cannot add the ceiling route"; exit 1; }
export TESTENV_CONF=$conf
export GS_LOGIN_MAX_FAILURES_ADDR=100000
trap testenv_stop EXIT
testenv_start

# CPU time (user, nice, system, irq, softirq) of the whole machine in
# ticks (1/100 s): with wrk, Kore and PostgreSQL on the same two cores,
# the CPU a request costs is steadier than its rate when the machine is
# shared, and says where a ratio comes from.
busy_ticks() {
	awk '/^cpu / {print $2 + $3 + $4 + $7 + $8}' /proc/stat
}
# cpu_ms TICKS COUNT: milliseconds of CPU per request.
cpu_ms() {
	awk -v t="$1" -v n="$2" 'BEGIN { printf "%.2f", (n > 0 ? t * 10 / n : 0) }'
}

worker_pids() {
	pgrep -P "$TESTENV_KORE_PID" | tr '\n' ' '
}

# Largest VmRSS (KiB) of any worker, sampled every 50 ms until the file
# $1.stop appears; written to $1.
sample_rss() {
	local file=$1 max=0 pid rss
	while [ ! -e "$file.stop" ]; do
		for pid in $(worker_pids); do
			rss=$(awk '/^VmRSS/ {print $2}' /proc/"$pid"/status 2>/dev/null || echo 0)
			[ "${rss:-0}" -gt "$max" ] && max=$rss
		done
		echo "$max" >"$file"
		sleep 0.05
	done
}

login() {
	local jar=$1 user=$2
	curl -sf -c "$jar" -H 'content-type: application/json' \
	    -d "{\"username\":\"$user\",\"password\":\"$GS_DEMO_PASSWORD\"}" \
	    "$GS_URL/api/v1/session" | sed 's/.*"csrf_token":"\([^"]*\)".*/\1/'
}

cookie_of() {
	awk '$6 == "gs_session" {print "gs_session=" $7}' "$1"
}

# --- the registry: 5,000 entities through the import API -------------
rows=${GS_BENCH_ENTITIES:-5000}
node tests/bench/gen.mjs "$rows" >"$out/entities.csv"
csrf=$(login "$out/leader.jar" leader1)
rm -f "$out/rss-import" "$out/rss-import.stop"
sample_rss "$out/rss-import" &
sampler=$!
import_s=$(curl -s -o "$out/import.json" -w '%{time_total}' -b "$out/leader.jar" \
    -H "x-csrf-token: $csrf" -H 'content-type: text/csv' \
    --data-binary @"$out/entities.csv" "$GS_URL/api/v1/entities/import")
touch "$out/rss-import.stop"
wait "$sampler"
grep -q "\"imported\":$rows" "$out/import.json" ||
	{ echo "bench: import failed: $(cat "$out/import.json")"; exit 1; }
rss_import=$(cat "$out/rss-import")

# --- the cases: 100,000 by SQL as the owner, through the triggers ------
ncases=${GS_BENCH_CASES:-100000}
now_s() { date +%s.%N; }
t0=$(now_s)
psql -X -q -v ON_ERROR_STOP=1 -d "$GS_DB_OWNER_URL" -v cases="$ncases" \
    -v bureau=demo -f tests/bench/cases.sql >"$out/cases.log" 2>&1 ||
	{ cat "$out/cases.log"; echo "bench: case generation failed"; exit 1; }
t1=$(now_s)
# Fresh statistics, as autovacuum would give data that has settled, and
# the ~1.5 GB just written flushed, so that no checkpoint of it runs while
# the pages are measured.
psql -q -X -d "$GS_DB_OWNER_URL" -c "VACUUM ANALYZE" -c "CHECKPOINT" >/dev/null
t2=$(now_s)
gen_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", b - a }')
vacuum_s=$(awk -v a="$t1" -v b="$t2" 'BEGIN { printf "%.0f", b - a }')
gen_audit=$(sed -n 's/.* with \([0-9]*\) audit records.*/\1/p' "$out/cases.log")

# --- ceiling B: pgbench on the same cluster -------------------------
pgdb="host=127.0.0.1 port=$(pg_port "$GS_VAR_DIR/pg") user=gs_owner password=$(cat "$GS_VAR_DIR/pg/owner.pw") sslmode=disable"
psql -q -X -d "$pgdb dbname=postgres" -c 'CREATE DATABASE pgbench' >/dev/null
pgbench -q -i -s 10 "$pgdb dbname=pgbench" >"$out/pgbench-init.log" 2>&1
pgbench -S -M prepared -c "$conns" -j 2 -T 2 "$pgdb dbname=pgbench" >/dev/null 2>&1
b0=$(busy_ticks)
pgbench -S -M prepared -c "$conns" -j 2 -T "$secs" "$pgdb dbname=pgbench" \
    >"$out/pgbench.log" 2>&1
b1=$(busy_ticks)
pg_tps=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$out/pgbench.log" | head -1)
pg_cpu=$(cpu_ms $((b1 - b0)) "$(awk '/actually processed/ {print $NF}' "$out/pgbench.log")")

# --- ceiling C: 32 clients updating one row -------------------------
echo 'UPDATE pgbench_branches SET bbalance = bbalance + 1 WHERE bid = 1;' \
    >"$out/one-row.sql"
pgbench -n -M prepared -c "$conns" -j 2 -T "$secs" -f "$out/one-row.sql" \
    "$pgdb dbname=pgbench" >"$out/pgbench-one-row.log" 2>&1
pg_one_tps=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$out/pgbench-one-row.log" |
    head -1)

# --- the pages under wrk --------------------------------------------
officer_csrf=$(login "$out/officer.jar" officer1)
cookie=$(cookie_of "$out/officer.jar")
: "$officer_csrf"
q=$(node -e 'process.stdout.write(encodeURIComponent("青山"))')
qc=$(node -e 'process.stdout.write(encodeURIComponent("化工"))')

declare -A RPS P99 ERR CPU
# run_wrk NAME PATH [HEADER [SCRIPT ARG...]]: a 2 s warm-up, then
# GS_BENCH_SECONDS with the workers' memory sampled.
run_wrk() {
	local name=$1 path=$2 hdr=${3:-} script=${4:-}
	local args=(-t2 -c"$conns" --latency) sargs=()
	[ -n "$hdr" ] && args+=(-H "$hdr")
	[ -n "$script" ] && args+=(-s "$script") && sargs=(-- "${@:5}")
	wrk "${args[@]}" -d2s "$GS_URL$path" "${sargs[@]}" >/dev/null 2>&1
	rm -f "$out/rss-$name" "$out/rss-$name.stop"
	sample_rss "$out/rss-$name" &
	local s=$! b0 b1
	b0=$(busy_ticks)
	wrk "${args[@]}" -d"${secs}s" "$GS_URL$path" "${sargs[@]}" \
	    >"$out/wrk-$name.log" 2>&1
	b1=$(busy_ticks)
	touch "$out/rss-$name.stop"
	CPU[$name]=$(cpu_ms $((b1 - b0)) "$(awk '/requests in/ {print $1}' "$out/wrk-$name.log")")
	wait "$s"
	RPS[$name]=$(awk '/^Requests\/sec/ {print $2}' "$out/wrk-$name.log")
	P99[$name]=$(awk '$1 == "99%" {print $2}' "$out/wrk-$name.log")
	ERR[$name]=$(( $(awk '/Non-2xx/ {print $NF}' "$out/wrk-$name.log" | head -1 || true) + 0 ))
	local sock
	sock=$(awk '/Socket errors/ {gsub(/,/, ""); print $4 + $6 + $8 + $10}' "$out/wrk-$name.log")
	ERR[$name]=$(( ${ERR[$name]} + ${sock:-0} ))
}

run_wrk ceiling /bench/ceiling
run_wrk login /login
run_wrk entities "/entities?q=$q" "Cookie: $cookie"
run_wrk api_entities "/api/v1/entities?q=$q" "Cookie: $cookie"
run_wrk common "/entities?q=$qc" "Cookie: $cookie"
rss_load=0
for n in ceiling login entities api_entities common; do
	r=$(cat "$out/rss-$n")
	[ "$r" -gt "$rss_load" ] && rss_load=$r
done
count_of() {
	curl -s -b "$out/officer.jar" "$GS_URL/api/v1/entities?q=$1" |
	    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const j=JSON.parse(s);console.log(j.items.length+" of "+j.total)})'
}
shown=$(count_of "$q")
shown_common=$(count_of "$qc")

# --- the cases under wrk ------------------------------------------------
# The list filtered by state and searched by entity name, and the case
# page over a spread of ids (every state) as an officer; the transition
# record_payment (executing → executing, 100 fen) as the head, on every
# executing case at once: tests/bench/case_pay.lua keeps each case on one
# connection at a time and sends the version the last answer gave.
psql -X -At -d "$GS_DB_OWNER_URL" -c "SELECT id FROM case_file
    ORDER BY hashtext(id::text) LIMIT 2000" >"$out/case-ids.txt"
run_wrk case_list "/api/v1/cases?state=investigating&per_page=50" \
    "Cookie: $cookie"
run_wrk case_search "/api/v1/cases?q=$q&per_page=50" "Cookie: $cookie"
run_wrk case_page / "Cookie: $cookie" tests/bench/case_show.lua \
    "$out/case-ids.txt"
case_count() {
	curl -s -b "$out/officer.jar" "$GS_URL/api/v1/cases?$1" |
	    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const j=JSON.parse(s);console.log(j.items.length+" of "+j.total)})'
}
shown_state=$(case_count "state=investigating&per_page=50")
shown_q=$(case_count "q=$q&per_page=50")
head_csrf=$(login "$out/head.jar" head1)
head_cookie=$(cookie_of "$out/head.jar")
paid_on=$(TZ=Asia/Shanghai date +%F)
pay_cases() {
	psql -X -At -F' ' -d "$GS_DB_OWNER_URL" -c "SELECT id, version
	    FROM case_file WHERE state = 'executing' AND outcome = 'penalty'
	    ORDER BY id" >"$out/pay-cases.txt"
}
audit_seq() {
	psql -X -At -d "$GS_DB_OWNER_URL" -c "SELECT sum(seq) FROM audit_head"
}
# A transition queues behind the bureau's other writes: a slow answer is
# not an error (--timeout 10s), only a refusal or a broken socket is.
pay_args=(-t2 -c"$conns" --latency --timeout 10s -H "Cookie: $head_cookie"
    -H "X-CSRF-Token: $head_csrf" -s tests/bench/case_pay.lua)
pay_cases
wrk "${pay_args[@]}" -d2s "$GS_URL" -- "$out/pay-cases.txt" 2 "$paid_on" \
    >/dev/null 2>&1
pay_cases
npay=$(wc -l <"$out/pay-cases.txt")
seq0=$(audit_seq)
b0=$(busy_ticks)
wrk "${pay_args[@]}" -d"${secs}s" "$GS_URL" -- "$out/pay-cases.txt" 2 \
    "$paid_on" >"$out/wrk-pay.log" 2>&1
b1=$(busy_ticks)
seq1=$(audit_seq)
pay_ok=$(sed -n 's/^transitions: ok=\([0-9]*\).*/\1/p' "$out/wrk-pay.log")
pay_cpu=$(cpu_ms $((b1 - b0)) "$(awk '/requests in/ {print $1}' "$out/wrk-pay.log")")
pay_other=$(sed -n 's/^transitions: .* other=\([0-9]*\).*/\1/p' "$out/wrk-pay.log")
pay_rate=$(sed -n 's/^transitions: .* rate=\([0-9.]*\).*/\1/p' "$out/wrk-pay.log")
pay_p99=$(awk '$1 == "99%" {print $2}' "$out/wrk-pay.log")
pay_sock=$(awk '/Socket errors/ {gsub(/,/, ""); print $4 + $6 + $8 + $10}' \
    "$out/wrk-pay.log")
pay_err=$(( ${pay_other:-0} + ${pay_sock:-0} ))
pay_audit=$(( seq1 - seq0 ))

# --- dossier export: a case with 50 MiB of evidence ---------------------
# Five 10 MiB files on one investigating case, then the signed ZIP timed
# with curl while the workers' memory is sampled (the export is written to
# disk and sent from the page cache, so it must stay flat).
dossier_case=$(curl -s -b "$out/head.jar" \
    "$GS_URL/api/v1/cases?state=investigating&per_page=1" |
    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).items[0].id))')
for i in 1 2 3 4 5; do
	head -c 10485760 /dev/urandom >"$out/evidence-$i.bin"
	code=$(curl -s -o /dev/null -w '%{http_code}' -b "$out/head.jar" \
	    -H "X-CSRF-Token: $head_csrf" -F kind=audiovisual \
	    -F "description=现场视频 $i" -F collected_on=2026-01-05 \
	    -F "file=@$out/evidence-$i.bin;filename=video-$i.mp4" \
	    "$GS_URL/api/v1/cases/$dossier_case/evidence")
	[ "$code" = 201 ] || { echo "bench: evidence upload answered $code"; exit 1; }
done
rm -f "$out/rss-dossier" "$out/rss-dossier.stop"
sample_rss "$out/rss-dossier" &
sampler=$!
dossier_s=$(curl -s -o "$out/dossier.zip" -w '%{time_total}' -b "$out/head.jar" \
    "$GS_URL/cases/$dossier_case/dossier/export")
touch "$out/rss-dossier.stop"
wait "$sampler"
rss_dossier=$(cat "$out/rss-dossier")
dossier_mib=$(( $(stat -c %s "$out/dossier.zip") / 1048576 ))
build/gsctl verify-dossier "$out/dossier.zip" >"$out/dossier-verify.txt" 2>&1 &&
	dossier_ok=verified || dossier_ok=REJECTED

# --- statistics over 1,000,000 cases (issue 4) --------------------------
# tests/bench/stats_gen.sql writes a bureau of its own (statsbench) with
# GS_BENCH_STATS_CASES (default 1,000,000) cases, ten years of them,
# straight into the tables as the owner (no triggers: that bureau's audit
# chain is not part of the bench). Then the analyst's statistics of 2026
# grouped by month (with 2025 for the year-on-year figures) are timed
# with curl against the same figures written by hand in SQL
# (tests/bench/stats_hand.sql, both years in one query) run with psql on
# the same cluster: one warm-up, then five runs of each, medians compared.
# A few of the page's totals must equal the hand SQL's. A problem of these
# sections is collected in bench_failures and fails the bench at the end,
# after the report.
bench_failures=()
median() {	# median of the numbers given
	printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 }
	    END { if (NR == 0) print 0; else if (NR % 2) print v[(NR + 1) / 2];
	          else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
stats_cases=${GS_BENCH_STATS_CASES:-1000000}
echo "bench: writing $stats_cases cases for the statistics (tests/bench/stats_gen.sql)"
t0=$(now_s)
psql -X -q -v ON_ERROR_STOP=1 -d "$GS_DB_OWNER_URL" -v cases="$stats_cases" \
    -f tests/bench/stats_gen.sql >"$out/stats-gen.log" 2>&1 ||
	{ cat "$out/stats-gen.log"; echo "bench: statistics generation failed"; exit 1; }
t1=$(now_s)
psql -q -X -d "$GS_DB_OWNER_URL" -c "VACUUM ANALYZE case_file, clue, case_deadline,
    case_payment, case_measure, measure_round, inspection" -c "CHECKPOINT" >/dev/null
t2=$(now_s)
stats_gen_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", b - a }')
stats_vacuum_s=$(awk -v a="$t1" -v b="$t2" 'BEGIN { printf "%.0f", b - a }')
echo "bench: $(tail -1 "$out/stats-gen.log"); VACUUM ANALYZE, CHECKPOINT ${stats_vacuum_s} s"

stats_from=2026-01-01 stats_to=2026-12-31
stats_path="/api/v1/stats/penalties?from=$stats_from&to=$stats_to&group_by=month"
api_s=() hand_ms=() stats_page_s=- stats_hand_s=- stats_ratio=- stats_check=-
if ! login "$out/analyst.jar" statsanalyst >/dev/null ||
    [ -z "$(cookie_of "$out/analyst.jar")" ]; then
	bench_failures+=("statsanalyst cannot sign in with the demo password")
else
	# the warm-up, checked; then five runs
	read -r http_code http_s < <(curl -s -o "$out/stats-api.json" -w '%{http_code} %{time_total}\n' \
	    --max-time 300 -b "$out/analyst.jar" "$GS_URL$stats_path")
	if [ "$http_code" = 404 ]; then
		bench_failures+=("GET $stats_path answered 404: no statistics endpoint yet")
	elif [ "$http_code" != 200 ]; then
		bench_failures+=("GET $stats_path answered $http_code after $http_s s: $(head -c 300 "$out/stats-api.json")")
	else
		for i in 1 2 3 4 5; do
			read -r http_code http_s < <(curl -s -o "$out/stats-api.json" \
			    -w '%{http_code} %{time_total}\n' --max-time 300 \
			    -b "$out/analyst.jar" "$GS_URL$stats_path")
			[ "$http_code" = 200 ] || { bench_failures+=("GET $stats_path answered $http_code in run $i"); break; }
			api_s+=("$(awk -v s="$http_s" 'BEGIN { printf "%.3f", s }')")
		done
		[ ${#api_s[@]} -eq 5 ] && stats_page_s=$(median "${api_s[@]}")
	fi
fi
hand_args=(-X -q -v ON_ERROR_STOP=1 -d "$GS_DB_OWNER_URL" -v bureau=statsbench
    -v from="$stats_from" -v to="$stats_to" -v prev_from=2025-01-01
    -v prev_to=2025-12-31)
if psql "${hand_args[@]}" -c '\timing on' -f tests/bench/stats_hand.sql \
    -f tests/bench/stats_hand.sql -f tests/bench/stats_hand.sql \
    -f tests/bench/stats_hand.sql -f tests/bench/stats_hand.sql \
    -f tests/bench/stats_hand.sql -o /dev/null >"$out/stats-hand-timing.log" 2>&1 &&
    psql "${hand_args[@]}" --csv -f tests/bench/stats_hand.sql \
    >"$out/stats-hand.csv" 2>&1; then
	# "Time: 812.345 ms" (with " (00:01.234)" past a second): the first
	# is the warm-up
	mapfile -t hand_ms < <(sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' \
	    "$out/stats-hand-timing.log" | tail -n +2)
	[ ${#hand_ms[@]} -eq 5 ] &&
	    stats_hand_s=$(awk -v m="$(median "${hand_ms[@]}")" 'BEGIN { printf "%.3f", m / 1000 }')
else
	bench_failures+=("tests/bench/stats_hand.sql failed: $(tail -3 "$out/stats-hand-timing.log" "$out/stats-hand.csv" 2>/dev/null | tr '\n' ' ')")
fi
if [ "$stats_page_s" != - ] && [ "$stats_hand_s" != - ]; then
	stats_ratio=$(awk -v a="$stats_page_s" -v b="$stats_hand_s" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
fi
# The page's totals of 2026 against the hand SQL's: these five must be
# equal; the other figures both have, and those of the previous year, are
# listed when they differ, not judged.
if [ "$stats_page_s" != - ] && [ -s "$out/stats-hand.csv" ]; then
	stats_check=$(node - "$out/stats-api.json" "$out/stats-hand.csv" <<-'NODE'
	const fs = require('fs');
	const [api, csv] = process.argv.slice(2);
	const must = ['cases_filed', 'penalty_decisions', 'fines_fen', 'seizure_cases',
	  'supporting_measure_cases'];
	let j;
	try { j = JSON.parse(fs.readFileSync(api, 'utf8')); } catch (e) {
	  console.log('MISMATCH: the answer is not JSON'); process.exit(0);
	}
	const flatten = (totals) => {
	  const flat = {};
	  for (const [k, v] of Object.entries(totals || {})) {
	    if (v && typeof v === 'object') for (const [s, n] of Object.entries(v)) flat[k + '.' + s] = n;
	    else flat[k] = v;
	  }
	  return flat;
	};
	const lines = fs.readFileSync(csv, 'utf8').trim().split('\n').map((l) => l.split(','));
	const head = lines[0];
	const row = lines.find((r) => r[0] === 'current' && r[1] === '');
	const prev = lines.find((r) => r[0] === 'previous' && r[1] === '');
	if (!row) { console.log('MISMATCH: no totals row in the hand SQL output'); process.exit(0); }
	const bad = [], other = [];
	const cur = flatten(j && j.totals), before = flatten(j && j.previous && j.previous.totals);
	head.forEach((k, i) => {
	  if (i < 2) return;
	  const want = row[i], got = cur[k];
	  const same = got !== undefined && got !== null && String(got) === want;
	  if (must.includes(k) && !same) bad.push(`${k} ${got === undefined ? 'missing' : got} != ${want}`);
	  else if (!must.includes(k) && got !== undefined && !same) other.push(`${k} ${got} != ${want}`);
	  if (prev && before[k] !== undefined && String(before[k]) !== prev[i])
	    other.push(`previous ${k} ${before[k]} != ${prev[i]}`);
	});
	const shown = must.map((k) => `${k} ${row[head.indexOf(k)]}`).join(', ');
	let out = bad.length ? 'MISMATCH: ' + bad.join(', ') : 'equal (' + shown + ')';
	if (other.length) out += '; also differ (not judged): ' + other.join(', ');
	console.log(out);
	NODE
	)
	case $stats_check in
	MISMATCH*) bench_failures+=("statistics of 2026, API against hand SQL: $stats_check") ;;
	esac
fi
echo "bench: statistics page ${stats_page_s} s, hand SQL ${stats_hand_s} s (medians of 5)"

# --- legacy import of 100,000 cases (issue 4) ----------------------------
# tests/bench/import_gen.mjs writes the NDJSON of an older system's cases;
# the head posts it (timed, the workers' memory sampled) while the
# import's progress is polled every 0.5 s, then posts it again: every
# case number is then known and nothing may be imported twice.
import_n=${GS_BENCH_IMPORT_CASES:-100000}
node tests/bench/import_gen.mjs "$import_n" "$out/import.ndjson" 2>"$out/import-gen.log"
cimport_s=- cimport_got=- cimport_again=- rss_cimport=0 rss_cimport0=0
progress_samples=0 progress_mid=0 progress_by=lines progress_note=""
imp_csrf=$(login "$out/head-import.jar" head1 || true)
for pid in $(worker_pids); do
	r=$(awk '/^VmRSS/ {print $2}' /proc/"$pid"/status 2>/dev/null || echo 0)
	[ "${r:-0}" -gt "$rss_cimport0" ] && rss_cimport0=$r
done
# progress_poll FILE: one line per poll, "<status>\t<body>", until
# FILE.stop appears
progress_poll() {
	local file=$1 r
	: >"$file"
	while [ ! -e "$file.stop" ]; do
		r=$(curl -s --max-time 2 -w '\t%{http_code}' -b "$out/head-import.jar" \
		    "$GS_URL/api/v1/cases/import/progress" | tr -d '\n' || true)
		printf '%s\t%s\n' "${r##*$'\t'}" "${r%$'\t'*}" >>"$file"
		sleep 0.5
	done
}
rm -f "$out/rss-cimport" "$out/rss-cimport.stop" "$out/import-progress.log" \
    "$out/import-progress.log.stop"
sample_rss "$out/rss-cimport" &
sampler=$!
progress_poll "$out/import-progress.log" &
poller=$!
read -r http_code http_s < <(curl -s -o "$out/cases-import.json" \
    -w '%{http_code} %{time_total}\n' --max-time 900 -b "$out/head-import.jar" \
    -H "x-csrf-token: $imp_csrf" -H 'content-type: application/x-ndjson' \
    --data-binary @"$out/import.ndjson" "$GS_URL/api/v1/cases/import")
touch "$out/rss-cimport.stop" "$out/import-progress.log.stop"
wait "$sampler" "$poller"
rss_cimport=$(cat "$out/rss-cimport")
imported_of() {
	node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{
	    try { const j = JSON.parse(s); console.log(Number.isInteger(j.imported) ? j.imported : "-") }
	    catch (e) { console.log("-") } })' <"$1"
}
if [ "$http_code" = 404 ]; then
	bench_failures+=("POST /api/v1/cases/import answered 404: no legacy import yet")
elif [ "$http_code" != 200 ]; then
	bench_failures+=("POST /api/v1/cases/import answered $http_code after $http_s s: $(head -c 300 "$out/cases-import.json")")
else
	cimport_s=$(awk -v s="$http_s" 'BEGIN { printf "%.1f", s }')
	cimport_got=$(imported_of "$out/cases-import.json")
	[ "$cimport_got" = "$import_n" ] ||
		bench_failures+=("legacy import: $cimport_got of $import_n cases imported")
	read -r http_code http_s < <(curl -s -o "$out/cases-import-again.json" \
	    -w '%{http_code} %{time_total}\n' --max-time 900 -b "$out/head-import.jar" \
	    -H "x-csrf-token: $imp_csrf" -H 'content-type: application/x-ndjson' \
	    --data-binary @"$out/import.ndjson" "$GS_URL/api/v1/cases/import")
	cimport_again=$(imported_of "$out/cases-import-again.json")
	[ "$http_code" = 200 ] && [ "$cimport_again" = 0 ] ||
		bench_failures+=("legacy import posted again: status $http_code, $cimport_again imported (0 expected)")
fi
# the polls: answered with progress, and caught mid-way at least once
if ! grep -q $'^200\t' "$out/import-progress.log"; then
	if grep -q $'^404\t' "$out/import-progress.log"; then
		progress_note="no progress endpoint"
	else
		progress_note="no progress answer ($(cut -f1 "$out/import-progress.log" | sort -u | tr '\n' ' '))"
	fi
else
	# mid-way: 0 < lines_read < lines_total as agreed; an answer without
	# lines_total is judged by bytes_read < bytes_total, and said so
	read -r progress_samples progress_mid progress_by < <(node -e '
	const lines = require("fs").readFileSync(process.argv[1], "utf8").split("\n");
	let n = 0, mid = 0, bytes = 0;
	for (const l of lines) {
	  const [code, body] = [l.slice(0, l.indexOf("\t")), l.slice(l.indexOf("\t") + 1)];
	  if (code !== "200") continue;
	  n++;
	  let j;
	  try { j = JSON.parse(body); } catch (e) { continue; }
	  if (j.lines_total !== undefined) {
	    if (j.lines_read > 0 && j.lines_read < j.lines_total) mid++;
	  } else if (j.bytes_total !== undefined) {
	    bytes++;
	    if (j.bytes_read > 0 && j.bytes_read < j.bytes_total) mid++;
	  }
	}
	console.log(n, mid, bytes ? "bytes" : "lines");' "$out/import-progress.log")
	if [ "$progress_mid" -gt 0 ]; then
		progress_note="seen mid-way"
		[ "$progress_by" = bytes ] &&
			progress_note="seen mid-way by bytes_read/bytes_total: the answer has no lines_total"
	else
		progress_note="never seen mid-way"
		bench_failures+=("import progress: $progress_samples answers, none with 0 < lines_read < lines_total")
	fi
fi
echo "bench: legacy import of $import_n cases: ${cimport_s} s, $cimport_got imported, again $cimport_again; progress: $progress_note"

# --- the report -------------------------------------------------------
ms() {	# wrk latency ("3.21ms", "1.02s", "850.00us") in milliseconds
	awk -v v="$1" 'BEGIN {
		if (v ~ /us$/) { sub(/us$/, "", v); print v / 1000 }
		else if (v ~ /ms$/) { sub(/ms$/, "", v); print v + 0 }
		else if (v ~ /s$/) { sub(/s$/, "", v); print v * 1000 }
		else print -1 }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
verdict() { awk -v v="$1" -v t="$2" 'BEGIN { print (v + 0 >= t + 0) ? "ok" : "MISSED" }'; }
below() { awk -v v="$1" -v t="$2" 'BEGIN { print (v + 0 < t + 0) ? "ok" : "MISSED" }'; }

{
echo "greensword bench — $(date -Iseconds), $(nproc) cores, wrk -t2 -c$conns ${secs}s"
echo
printf '%-34s %12s %10s %8s %8s\n' "measurement" "req/s" "p99 ms" "errors" "cpu ms"
printf '%-34s %12s %10s %8s %8s\n' "ceiling A: static Kore route" "${RPS[ceiling]}" "$(ms "${P99[ceiling]}")" "${ERR[ceiling]}" "${CPU[ceiling]}"
printf '%-34s %12s %10s %8s %8s\n' "ceiling B: pgbench -S -M prepared" "$pg_tps" "-" "-" "$pg_cpu"
printf '%-34s %12s %10s %8s %8s\n' "GET /login (sign-in page)" "${RPS[login]}" "$(ms "${P99[login]}")" "${ERR[login]}" "${CPU[login]}"
printf '%-34s %12s %10s %8s %8s\n' "GET /entities?q=青山 ($shown)" "${RPS[entities]}" "$(ms "${P99[entities]}")" "${ERR[entities]}" "${CPU[entities]}"
printf '%-34s %12s %10s %8s %8s\n' "GET /api/v1/entities?q=青山" "${RPS[api_entities]}" "$(ms "${P99[api_entities]}")" "${ERR[api_entities]}" "${CPU[api_entities]}"
printf '%-34s %12s %10s %8s %8s\n' "GET /entities?q=化工 ($shown_common)" "${RPS[common]}" "$(ms "${P99[common]}")" "${ERR[common]}" "${CPU[common]}"
printf '%-34s %12s %10s %8s\n' "ceiling C: pgbench one-row UPDATE" "$pg_one_tps" "-" "-"
printf '%-34s %12s %10s %8s %8s\n' "GET /api/v1/cases?state= ($shown_state)" "${RPS[case_list]}" "$(ms "${P99[case_list]}")" "${ERR[case_list]}" "${CPU[case_list]}"
printf '%-34s %12s %10s %8s %8s\n' "GET /api/v1/cases?q=青山 ($shown_q)" "${RPS[case_search]}" "$(ms "${P99[case_search]}")" "${ERR[case_search]}" "${CPU[case_search]}"
printf '%-34s %12s %10s %8s %8s\n' "GET /api/v1/cases/{id} (2000 ids)" "${RPS[case_page]}" "$(ms "${P99[case_page]}")" "${ERR[case_page]}" "${CPU[case_page]}"
printf '%-34s %12s %10s %8s %8s\n' "POST …/record_payment ($npay)" "$pay_rate" "$(ms "$pay_p99")" "$pay_err" "$pay_cpu"
echo
echo "targets (issue 2)"
r1=$(ratio "${RPS[login]}" "${RPS[ceiling]}")
r2=$(ratio "${RPS[login]}" "$pg_tps")
r3=$(ratio "${RPS[entities]}" "${RPS[ceiling]}")
r4=$(ratio "${RPS[entities]}" "$pg_tps")
printf '  sign-in page / ceiling A   %s  (>= 0.50: %s)\n' "$r1" "$(verdict "$r1" 0.5)"
printf '  sign-in page / ceiling B   %s  (>= 0.50: %s)\n' "$r2" "$(verdict "$r2" 0.5)"
printf '  entity list  / ceiling A   %s  (>= 0.50: %s)\n' "$r3" "$(verdict "$r3" 0.5)"
printf '  entity list  / ceiling B   %s  (>= 0.50: %s)\n' "$r4" "$(verdict "$r4" 0.5)"
printf '  p99 sign-in / list         %s / %s ms  (< 50: %s / %s)\n' \
    "$(ms "${P99[login]}")" "$(ms "${P99[entities]}")" \
    "$(below "$(ms "${P99[login]}")" 50)" "$(below "$(ms "${P99[entities]}")" 50)"
printf '  errors under load          %s  (0: %s)\n' \
    "$(( ${ERR[login]} + ${ERR[entities]} + ${ERR[api_entities]} ))" \
    "$(below "$(( ${ERR[login]} + ${ERR[entities]} + ${ERR[api_entities]} ))" 1)"
printf '  CSV import of %s entities  %s s  (< 5: %s)\n' "$rows" "$import_s" "$(below "$import_s" 5)"
printf '  worker RSS, import / load  %s / %s MiB  (< 64: %s / %s)\n' \
    "$((rss_import / 1024))" "$((rss_load / 1024))" \
    "$(below "$rss_import" 65536)" "$(below "$rss_load" 65536)"
echo
echo "targets (issue 3): $ncases cases over $rows entities"
r5=$(ratio "${RPS[case_list]}" "$pg_tps")
r6=$(ratio "${RPS[case_search]}" "$pg_tps")
r7=$(ratio "${RPS[case_page]}" "$pg_tps")
r8=$(ratio "$pay_rate" "$pg_one_tps")
case_err=$(( ${ERR[case_list]} + ${ERR[case_search]} + ${ERR[case_page]} ))
printf '  case list    / ceiling B   %s  (>= 0.50: %s)\n' "$r5" "$(verdict "$r5" 0.5)"
printf '  case search  / ceiling B   %s  (>= 0.50: %s)\n' "$r6" "$(verdict "$r6" 0.5)"
printf '  case page    / ceiling B   %s  (>= 0.50: %s)\n' "$r7" "$(verdict "$r7" 0.5)"
printf '  p99 list / search / page   %s / %s / %s ms  (< 50: %s / %s / %s)\n' \
    "$(ms "${P99[case_list]}")" "$(ms "${P99[case_search]}")" \
    "$(ms "${P99[case_page]}")" "$(below "$(ms "${P99[case_list]}")" 50)" \
    "$(below "$(ms "${P99[case_search]}")" 50)" \
    "$(below "$(ms "${P99[case_page]}")" 50)"
printf '  errors under load          %s  (0: %s)\n' "$case_err" "$(below "$case_err" 1)"
# The same comparison by CPU a request (B's CPU over the page's): what the
# ratio would be if both ran alone on the two cores; reported, not judged.
printf '  by CPU: list / search / page  %s / %s / %s of B (B %s ms a transaction)\n' \
    "$(ratio "$pg_cpu" "${CPU[case_list]}")" \
    "$(ratio "$pg_cpu" "${CPU[case_search]}")" \
    "$(ratio "$pg_cpu" "${CPU[case_page]}")" "$pg_cpu"
printf '  transitions/s              %s  (>= 500: %s; / ceiling C %s)\n' \
    "$pay_rate" "$(verdict "$pay_rate" 500)" "$r8"
printf '  transitions: 200s, errors  %s, %s  (0 errors: %s); p99 %s ms\n' \
    "${pay_ok:-0}" "$pay_err" "$(below "$pay_err" 1)" "$(ms "$pay_p99")"
printf '  audit chain during them    %s records (%s per 200)\n' "$pay_audit" \
    "$(ratio "$pay_audit" "${pay_ok:-0}")"
printf '  case generation            %s s + VACUUM ANALYZE, CHECKPOINT %s s (%s audit records)\n' \
    "$gen_s" "$vacuum_s" "${gen_audit:-?}"
printf '  dossier export             %s MiB in %s s  (< 3: %s), %s\n' \
    "$dossier_mib" "$dossier_s" "$(below "$dossier_s" 3)" "$dossier_ok"
printf '  worker RSS during export   %s MiB  (< 64: %s)\n' \
    "$((rss_dossier / 1024))" "$(below "$rss_dossier" 65536)"
echo
echo "targets (issue 4): statistics over $stats_cases cases, legacy import of $import_n"
printf '  statistics generation      %s s + VACUUM ANALYZE, CHECKPOINT %s s\n' \
    "$stats_gen_s" "$stats_vacuum_s"
# A figure not measured ("-") is MISSED, never ok.
judged() {	# judged VALUE VERDICT-FUNCTION LIMIT
	if [ "$1" = - ]; then echo MISSED; else "$2" "$1" "$3"; fi
}
# shellcheck disable=SC2317 # called through judged
not_above() { awk -v v="$1" -v t="$2" 'BEGIN { print (v + 0 <= t + 0) ? "ok" : "MISSED" }'; }
printf '  stats page, 2026 by month  %s s median of 5 (%s)  (< 1: %s)\n' \
    "$stats_page_s" "$([ ${#api_s[@]} -gt 0 ] && echo "${api_s[*]} s" || echo not measured)" \
    "$(judged "$stats_page_s" below 1)"
printf '  the same by hand in SQL    %s s median of 5 (%s)\n' \
    "$stats_hand_s" "$([ ${#hand_ms[@]} -gt 0 ] && echo "${hand_ms[*]} ms" || echo not measured)"
printf '  page / hand SQL            %s  (<= 3: %s)\n' "$stats_ratio" \
    "$(judged "$stats_ratio" not_above 3)"
printf '  page totals = hand SQL     %s\n' "$stats_check"
printf '  legacy import              %s of %s cases in %s s  (< 60: %s)\n' \
    "$cimport_got" "$import_n" "$cimport_s" "$(judged "$cimport_s" below 60)"
printf '  the same file again        %s imported  (0: %s)\n' "$cimport_again" \
    "$([ "$cimport_again" = 0 ] && echo ok || echo MISSED)"
printf '  worker RSS during import   %s MiB, %s before  (< 64: %s)\n' \
    "$((rss_cimport / 1024))" "$((rss_cimport0 / 1024))" \
    "$(judged "$([ "$cimport_s" = - ] && echo - || echo "$rss_cimport")" below 65536)"
printf '  import progress            %s answers, %s mid-way  (%s)\n' \
    "$progress_samples" "$progress_mid" "$progress_note"
if [ ${#bench_failures[@]} -gt 0 ]; then
	echo
	for f in "${bench_failures[@]}"; do
		echo "bench: FAILED: $f"
	done
fi
} | tee "$out/results.txt"
# The issue-4 sections fail the bench after the report.
[ ${#bench_failures[@]} -eq 0 ] || exit 1
