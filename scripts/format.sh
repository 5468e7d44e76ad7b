#!/usr/bin/env bash
# format.sh check|fix — clang-format (the repo's .clang-format) over every
# C file of ours. `make check-format` fails on any difference.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files -co --exclude-standard -- 'src/*.c' 'src/*.h' \
    'tests/unit/*.c' 'tests/unit/*.h' 'tests/fuzz/*.c' | sort -u)
if [ "${1:-check}" = fix ]; then
	clang-format -i "${files[@]}"
	exit 0
fi
bad=0
for f in "${files[@]}"; do
	if ! clang-format "$f" | cmp -s - "$f"; then
		echo "format: $f differs from clang-format (run make format)"
		bad=1
	fi
done
[ $bad = 0 ] && echo "format: ${#files[@]} files clean"
exit $bad
