# The two commands of the README: `make run` and `make test`. Both install what is missing
# first (scripts/install-deps), then build.
PRESET ?= release
BIN := build/$(PRESET)/mentorhub
DB ?= mentorhub.db
PORT ?= 8080
JOBS ?= $(shell nproc)

.PHONY: all deps web build run test unit fuzz asan-build asan asan-ci tsan tsan-ci bench bench-http soak clean

all: build

deps:
	@scripts/install-deps

# The web app (web/README.md): install-deps runs `npm ci`, then Vite builds web/dist, which
# `mentorhub serve` serves. Rebuilt only when its sources change.
WEB_SOURCES := $(shell find web/src web/public -type f 2>/dev/null) web/index.html web/package.json \
               web/package-lock.json web/vite.config.ts web/tsconfig.json docs/openapi.yaml

web: web/dist/index.html

web/dist/index.html: $(WEB_SOURCES) | deps
	@cd web && npm run --silent build

build: deps web
	@cmake --preset $(PRESET) >/dev/null
	@cmake --build --preset $(PRESET) -j $(JOBS)

run: build
	@if [ ! -f "$(DB)" ]; then $(BIN) --database "$(DB)" demo; else $(BIN) --database "$(DB)" demo --sign-ins; fi
	@echo "Mentorhub: open http://127.0.0.1:$(PORT) (Ctrl-C stops the server)"
	@$(BIN) --database "$(DB)" serve --port $(PORT)

# The longest tests start first (their COST in CMakeLists.txt); each API suite runs its modules
# three at a time itself (pytest-xdist).
test: build
	@ctest --preset $(PRESET) -j $(JOBS)

unit: build
	@ctest --preset $(PRESET) -L unit -j $(JOBS)

# The unit tests and the SQLite API suite on the asan preset (AddressSanitizer and
# UndefinedBehaviorSanitizer, build/asan); a sanitizer report fails them. asan-ci, which CI
# runs, takes the API modules that feed the server hostile input only.
ASAN_ENV := ASAN_OPTIONS=detect_leaks=1:halt_on_error=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ASAN_API := tests/api/test_hostile.py tests/api/test_http.py tests/api/test_auth.py tests/api/test_people.py \
            tests/api/test_cohort_csv.py
asan-build: deps
	@cmake --preset asan >/dev/null
	@cmake --build --preset asan -j $(JOBS)

asan: asan-build
	@$(ASAN_ENV) ctest --preset asan -j $(JOBS) -L unit
	@$(ASAN_ENV) ctest --preset asan -R '^api_sqlite$$'

asan-ci: asan-build
	@$(ASAN_ENV) ctest --preset asan -j $(JOBS) -L unit
	@$(ASAN_ENV) /usr/bin/python3 -m pytest -q -p no:cacheprovider -n $(JOBS) --dist loadfile $(ASAN_API) --store=sqlite \
	  --binary=build/asan/mentorhub_for_test --product-binary=build/asan/mentorhub

# ThreadSanitizer on the tests of the code that threads share: the HTTP server (its I/O
# threads, workers, deadlines and shutdown), the connection pool and the store (races,
# retries, the database-wide lock), on SQLite and PostgreSQL; a report fails them. CI runs
# tsan-ci, the server's tests alone: they build from 19 sources, the store's from 69.
TSAN_ENV := TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 MH_REQUIRE_POSTGRES=1
tsan: deps
	@cmake --preset tsan >/dev/null
	@cmake --build --preset tsan -j $(JOBS) --target mh_http_tests mh_storage_tests
	@cd build/tsan && $(TSAN_ENV) ./mh_http_tests
	@cd build/tsan && $(TSAN_ENV) ./mh_storage_tests

tsan-ci: deps
	@cmake --preset tsan >/dev/null
	@cmake --build --preset tsan -j $(JOBS) --target mh_http_tests
	@cd build/tsan && $(TSAN_ENV) ./mh_http_tests

# The libFuzzer targets (fuzz/README.md), each for FUZZ_SECONDS, in their own clang build.
FUZZ_SECONDS ?= 60
fuzz: deps
	@scripts/fuzz --seconds $(FUZZ_SECONDS)

# The store benchmark (bench/README.md): wrk mixes against SQLite and PostgreSQL beside a minimal
# Beast server (the machine's ceiling), about 3 minutes, then its section of docs/benchmarks.md. Then the recommendation benchmark (one
# mentee among 20,000 mentors: scoring code and HTTP, about 2-3 minutes), then its section. Then the
# program report at 10,000 and 100,000 people (about 2 minutes), then its section.
# Then the cohort matching benchmark (100,000 x 20,000 against LEMON, greedy and scipy, about
# 5-10 minutes), then its section, then the solver on the cohort families (about 10 minutes); then the same matching as a job through the store, with
# applying it (about 3 minutes), then its section.
bench: build
	@cmake --build --preset $(PRESET) -j $(JOBS) --target bench_beast_ceiling
	@MENTORHUB=$(BIN) bench/store/run.sh
	@MENTORHUB=$(BIN) bench/recommend/run.sh
	@bench/reports/run.sh
	@BENCH_MATCHING=build/$(PRESET)/bench_matching bench/matching/run.sh
	@BENCH_MATCHING=build/$(PRESET)/bench_matching bench/matching/families.sh
	@MENTORHUB=$(BIN) bench/matching/job.sh --seed build/$(PRESET)/bench_recommend_seed --matcher build/$(PRESET)/bench_matching

# The HTTP benchmark alone (bench/store/run.sh): the minimal Beast server, then SQLite and
# PostgreSQL, each mix on each in turn; writes its section of docs/benchmarks.md. BASELINE=path
# to another mentorhub binary measures it in the same run as "before".
bench-http: build
	@cmake --build --preset $(PRESET) -j $(JOBS) --target bench_beast_ceiling
	@MENTORHUB=$(BIN) bench/store/run.sh $(if $(BASELINE),--baseline $(BASELINE) --baseline-label "$(or $(BASELINE_LABEL),$(BASELINE))")

# The soak (bench/soak/run.sh): the read and write mixes in turns for MINUTES (10) per store, the
# server's memory every 10 s; writes its section of docs/benchmarks.md, fails on an error or growth.
MINUTES ?= 10
soak: build
	@MENTORHUB=$(BIN) bench/soak/run.sh --minutes $(MINUTES)

clean:
	rm -rf build web/dist
