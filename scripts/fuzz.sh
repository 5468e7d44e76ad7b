#!/usr/bin/env bash
# fuzz.sh — a bounded libFuzzer smoke run of every parser target.
# Each target starts from its committed seeds (tests/fuzz/seeds/<name>/)
# and runs for GS_FUZZ_SECONDS (default 5); any crash, leak, sanitizer
# report or timeout fails the run and leaves the reproducer in build/fuzz/.
set -uo pipefail
secs=${GS_FUZZ_SECONDS:-5}
status=0
for f in "$@"; do
	name=$(basename "$f")
	seeds=tests/fuzz/seeds/${name#fuzz_}
	work=build/fuzz/corpus-$name
	mkdir -p "$work"
	[ -d "$seeds" ] && cp -n "$seeds"/* "$work"/ 2>/dev/null
	log=build/fuzz/$name.log
	if "$f" -max_total_time="$secs" -timeout=5 -rss_limit_mb=1024 \
	    -artifact_prefix=build/fuzz/"$name"- "$work" >"$log" 2>&1; then
		runs=$(grep -a "^Done" "$log" | awk '{print $2}')
		printf '  %-20s %s runs in %ss, no findings\n' "$name" "${runs:-?}" "$secs"
	else
		tail -40 "$log"
		echo "fuzz: $name FAILED (see $log)"
		status=1
	fi
done
exit $status
