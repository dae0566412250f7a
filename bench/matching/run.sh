#!/usr/bin/env bash
# The cohort matching benchmark (bench/matching/README.md): Mentorhub's matcher, LEMON
# NetworkSimplex, greedy and scipy at 1k x 300, 10k x 2k, 50k x 10k and 100k x 20k, then its
# section of docs/benchmarks.md. About 5-10 minutes. Options: bench/matching/bench.py --help.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${BENCH_MATCHING:-build/release/bench_matching}
if [[ -z ${BENCH_MATCHING:-} ]]; then
  cmake --preset release >/dev/null
  cmake --build --preset release --target bench_matching >/dev/null
fi
# families.sh runs the families benchmark through this same script (BENCH_SCRIPT).
exec /usr/bin/python3 "bench/matching/${BENCH_SCRIPT:-bench.py}" --binary "$BIN" "$@"
