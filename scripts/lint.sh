#!/usr/bin/env bash
# lint.sh — the project's own rules, each a grep that fails the build when
# a dangerous thing appears outside its one home, then cppcheck.
set -uo pipefail
cd "$(dirname "$0")/.."
status=0
fail() { echo "lint: $*"; status=1; }

# 1. SQL lives in src/db/sql.def only (and the migrations).
if grep -rnE '"(SELECT|INSERT|UPDATE|DELETE|CREATE|ALTER|DROP|BEGIN|COMMIT|ROLLBACK)[ "]' \
    src --include='*.c' --include='*.h'; then
	fail "SQL text outside src/db/sql.def"
fi
# 2. PQexec (unparameterised) only for running migration files.
if grep -rn 'PQexec(' src | grep -v '^src/db/migrate.c:'; then
	fail "PQexec outside src/db/migrate.c"
fi
# 3. Markdown is always rendered in safe mode.
if grep -rn 'CMARK_OPT_UNSAFE' src | grep -vE '^[^:]+:[0-9]+: *(/?\*|//)'; then
	fail "CMARK_OPT_UNSAFE is forbidden"
fi
# 4. HTML escaping happens in src/core/html.c only.
if grep -rnE '&(amp|lt|gt|quot|#39);' src --include='*.c' | grep -v '^src/core/html.c:'; then
	fail "HTML escaping outside src/core/html.c"
fi
# 5. Trusted HTML can be made only by the engine and the Markdown renderer.
if grep -rln '#include "core/tmpl_trusted.h"' src |
    grep -vE '^src/core/(tmpl|markdown)\.c$'; then
	fail "tmpl_trusted.h included outside tmpl.c and markdown.c"
fi
# 6. Every form that posts carries the CSRF token (or, on the sign-in
#    page, the pre-session token).
for t in $(grep -rlis '<form[^>]*method="post"' templates); do
	if ! grep -qE '\{\{> *partials/(csrf|login_token) *\}\}' "$t"; then
		fail "$t: a posting form without {{> partials/csrf}}"
	fi
done
# 7. No raw Kore body access outside the input layer.
if grep -rn 'http_populate_post\|http_populate_multipart_form\|http_argument_get' src; then
	fail "Kore's parameter parsing bypasses our validation; use web_form()"
fi

# 8. cppcheck over everything.
inc=/usr/include/x86_64-linux-gnu/sys
[ -f "$inc/queue.h" ] || inc=/usr/include/sys
if ! cppcheck --quiet --enable=warning,style,performance,portability \
    --suppress=variableScope --suppress=missingIncludeSystem \
    --suppress=unusedStructMember --inline-suppr --error-exitcode=1 \
    -D__linux__ -DKORE_USE_PGSQL -DKORE_USE_TASKS \
    --include="$inc/queue.h" --include=tests/cppcheck.h \
    -Isrc -I/usr/include/postgresql \
    src 2>&1; then
	fail "cppcheck reported problems"
fi
[ $status = 0 ] && echo "lint: clean"
exit $status
