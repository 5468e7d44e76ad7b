#!/usr/bin/env bash
# deps.sh — install what a step needs and is missing, nothing more.
#
#   deps.sh build   compiler, Kore, libraries, the PostgreSQL 15 server
#   deps.sh test    + clang (sanitizers, libFuzzer), criterion, chromium,
#                   clang-format, cppcheck, Node.js, then npm ci
#   deps.sh npm     npm ci when package-lock.json changed since the last one
#   deps.sh bench   + wrk and pgbench
#
# Debian packages only (apt-get); front-end and test packages from npm with
# the committed package-lock.json. Nothing else is fetched.
set -euo pipefail
cd "$(dirname "$0")/.."

build_pkgs=(gcc make libc6-dev kore libsodium-dev libcmark-dev libxlsxwriter-dev
	libpq-dev postgresql-15 postgresql-client-15 ca-certificates)
test_pkgs=(clang libclang-rt-14-dev libcriterion-dev clang-format cppcheck
	chromium fonts-wqy-microhei nodejs curl)
bench_pkgs=(wrk postgresql-client-15)

missing() {
	local p out=()
	for p in "$@"; do
		if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
		    grep -q "install ok installed"; then
			out+=("$p")
		fi
	done
	echo "${out[@]:-}"
}

install() {
	local need
	need=$(missing "$@")
	[ -z "$need" ] && return 0
	echo "deps: installing missing Debian packages: $need"
	local sudo=()
	if [ "$(id -u)" -ne 0 ]; then
		if command -v sudo >/dev/null; then
			sudo=(sudo)
		else
			echo "deps: need root to install: $need" >&2
			exit 1
		fi
	fi
	# Node.js may come from NodeSource (it ships npm inside); only ask
	# Debian for npm when there is no npm at all.
	if [[ " $need " == *" nodejs "* ]] && ! command -v npm >/dev/null; then
		need="$need npm"
	fi
	export DEBIAN_FRONTEND=noninteractive
	"${sudo[@]}" apt-get update -q >/dev/null ||
		"${sudo[@]}" apt-get update -q
	# shellcheck disable=SC2086
	"${sudo[@]}" apt-get install -y -q --no-install-recommends $need
}

npm_ci() {
	local stamp=node_modules/.gs-lock-sha
	local want
	want=$(sha256sum package-lock.json | cut -d' ' -f1)
	if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
		return 0
	fi
	command -v npm >/dev/null || install nodejs
	echo "deps: npm ci"
	npm ci --no-audit --no-fund --loglevel=error
	echo "$want" >"$stamp"
}

case "${1:-build}" in
build) install "${build_pkgs[@]}" ;;
test) install "${build_pkgs[@]}" "${test_pkgs[@]}"; npm_ci ;;
npm) npm_ci ;;
bench) install "${build_pkgs[@]}" "${bench_pkgs[@]}" ;;
*) echo "usage: $0 build|test|npm|bench" >&2; exit 2 ;;
esac
