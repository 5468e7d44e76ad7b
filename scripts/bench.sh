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
} | tee "$out/results.txt"
