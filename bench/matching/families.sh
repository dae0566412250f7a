#!/usr/bin/env bash
# The cohort families benchmark (bench/matching/README.md): the exact solver, LEMON NetworkSimplex
# and greedy on the contended, flat, sparse and pins families at 10k, 50k and 100k mentees, then
# its section of docs/benchmarks.md. About 10 minutes. Options: bench/matching/families.py --help.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${BENCH_MATCHING:-build/release/bench_matching}
if [[ -z ${BENCH_MATCHING:-} ]]; then
  cmake --preset release >/dev/null
  cmake --build --preset release --target bench_matching >/dev/null
fi
exec /usr/bin/python3 bench/matching/families.py --binary "$BIN" "$@"
