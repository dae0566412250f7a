#!/usr/bin/env bash
# The cohort families benchmark (bench/matching/README.md): the exact solver, LEMON NetworkSimplex
# and greedy on the contended, flat, sparse and pins families at 10k, 50k and 100k mentees, then
# its section of docs/benchmarks.md. About 10 minutes. Options: bench/matching/families.py --help.
set -euo pipefail
BENCH_SCRIPT=families.py exec "$(dirname "$0")/run.sh" "$@"
