# greensword — 绿剑执法办案系统
#
# make run     install what is missing, build, start the embedded PostgreSQL,
#              migrate, seed, serve on http://127.0.0.1:$GS_HTTP_PORT
# make test    everything: build, lint, unit (ASan+UBSan), integration,
#              browser journeys, fuzz smoke
# make bench   throughput and latency against ceilings measured in the run
#
# Variables a user may set are documented in README.md and docs/operations.md.

SHELL		:= /bin/bash
.DEFAULT_GOAL	:= all

GS_VAR_DIR	?= $(CURDIR)/var
GS_HTTP_PORT	?= 8888
export GS_VAR_DIR GS_HTTP_PORT

BUILD		:= build
CC		:= cc
CLANG		:= clang

KORE_FEATURES	:= $(shell cat /usr/share/kore/features 2>/dev/null)

WARN		:= -Wall -Wextra -Werror -pedantic -Wstrict-prototypes \
		   -Wmissing-prototypes -Wshadow -Wpointer-arith -Wcast-qual \
		   -Wformat=2 -Wvla -Wimplicit-fallthrough -Wwrite-strings
HARDEN		:= -fno-common -fstack-protector-strong -D_FORTIFY_SOURCE=2
BASE_CFLAGS	:= -std=gnu11 -O2 -g $(WARN) $(HARDEN) -Isrc \
		   -I/usr/include/postgresql

CORE_SRC	:= $(sort $(wildcard src/core/*.c))
DB_SRC		:= $(sort $(wildcard src/db/*.c))
WEB_SRC		:= $(sort $(wildcard src/web/*.c src/pages/*.c src/api/*.c))
CLI_SRC		:= $(sort $(wildcard src/cli/*.c))
HEADERS		:= $(wildcard src/*/*.h src/*/*.def)

# The Kore module: position-independent, built with Kore's feature flags or
# struct http_request changes shape under us (see docs/architecture.md).
PIC_OBJ		:= $(patsubst src/%.c,$(BUILD)/pic/%.o,$(CORE_SRC) $(DB_SRC) \
		   $(WEB_SRC))
# gsctl: core + db + cli, linked with libpq directly.
CLI_OBJ		:= $(patsubst src/%.c,$(BUILD)/cli/%.o,$(CORE_SRC) $(DB_SRC) \
		   $(CLI_SRC))
# Unit tests link the core compiled with sanitizers.
SAN_FLAGS	:= -fsanitize=address,undefined -fno-sanitize-recover=all \
		   -fno-omit-frame-pointer
SAN_OBJ		:= $(patsubst src/%.c,$(BUILD)/san/%.o,$(CORE_SRC))
UNIT_SRC	:= $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN	:= $(patsubst tests/unit/%.c,$(BUILD)/unit/%,$(UNIT_SRC))
FUZZ_SRC	:= $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BIN	:= $(patsubst tests/fuzz/%.c,$(BUILD)/fuzz/%,$(FUZZ_SRC))
FUZZ_OBJ	:= $(patsubst src/%.c,$(BUILD)/fuzzobj/%.o,$(CORE_SRC))

LIBS		:= -lsodium -lcmark -lxlsxwriter

MODULE		:= $(BUILD)/greensword.so
GSCTL		:= $(BUILD)/gsctl
# ECharts for the statistics page, from npm (package-lock.json), copied
# into assets/ at build time: assets are served from memory, never from a
# CDN, and the page links it through assets_url(), which stops the worker
# when a file is missing. So `all` makes it, and every target that starts
# a server (run, integration, e2e, bench) depends on `all`: a clean clone
# gets it from the npm step (npm ci, again whenever the lock file
# changes), and the copy follows the lock file. The copy is not committed
# (.gitignore): the lock file says which ECharts it is.
VENDOR_JS	:= assets/vendor/echarts.min.js

# Keep the sanitizer objects: make would delete them as intermediates and
# rebuild the whole core for every unit or fuzz run.
.SECONDARY: $(SAN_OBJ) $(FUZZ_OBJ)

.PHONY: all deps run test unit integration e2e fuzz lint check-format \
	format bench clean npm

all: deps $(MODULE) $(GSCTL) $(VENDOR_JS)

deps:
	@scripts/deps.sh build

$(BUILD)/pic/%.o: src/%.c $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(BASE_CFLAGS) $(KORE_FEATURES) -fPIC -c $< -o $@

$(BUILD)/cli/%.o: src/%.c $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(BASE_CFLAGS) -c $< -o $@

$(BUILD)/san/%.o: src/%.c $(HEADERS)
	@mkdir -p $(dir $@)
	$(CLANG) $(BASE_CFLAGS) -O1 $(SAN_FLAGS) -c $< -o $@

$(BUILD)/fuzzobj/%.o: src/%.c $(HEADERS)
	@mkdir -p $(dir $@)
	$(CLANG) $(BASE_CFLAGS) -O1 -fsanitize=fuzzer-no-link,address,undefined \
	    -c $< -o $@

$(MODULE): $(PIC_OBJ)
	$(CC) -shared $(PIC_OBJ) -o $@ $(LIBS)

$(GSCTL): $(CLI_OBJ)
	$(CC) $(CLI_OBJ) -o $@ $(LIBS) -lpq

$(BUILD)/unit/%: tests/unit/%.c $(wildcard tests/unit/*.h) $(SAN_OBJ)
	@mkdir -p $(dir $@)
	$(CLANG) $(BASE_CFLAGS) -O1 $(SAN_FLAGS) -Itests/unit $< $(SAN_OBJ) \
	    -o $@ -lcriterion $(LIBS)

$(BUILD)/fuzz/%: tests/fuzz/%.c $(FUZZ_OBJ)
	@mkdir -p $(dir $@)
	$(CLANG) $(BASE_CFLAGS) -O1 -fsanitize=fuzzer,address,undefined \
	    $< $(FUZZ_OBJ) -o $@ $(LIBS)

$(VENDOR_JS): package-lock.json
	@scripts/deps.sh npm
	@mkdir -p $(dir $@)
	cp node_modules/echarts/dist/echarts.min.js $@

run: all npm
	@scripts/run.sh

npm:
	@scripts/deps.sh npm

test: deps
	@scripts/deps.sh test
	$(MAKE) --no-print-directory all
	$(MAKE) --no-print-directory lint
	$(MAKE) --no-print-directory unit
	$(MAKE) --no-print-directory fuzz
	$(MAKE) --no-print-directory integration
	$(MAKE) --no-print-directory e2e
	@echo "make test: all suites passed"

unit: $(UNIT_BIN)
	@scripts/unit.sh $(UNIT_BIN)

fuzz: $(FUZZ_BIN)
	@scripts/fuzz.sh $(FUZZ_BIN)

integration: all
	@scripts/integration.sh

e2e: all npm
	@scripts/e2e.sh

lint: check-format
	@scripts/lint.sh

check-format:
	@scripts/format.sh check

format:
	@scripts/format.sh fix

bench: all
	@scripts/deps.sh bench
	@scripts/bench.sh

clean:
	rm -rf $(BUILD)
