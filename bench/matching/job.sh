#!/usr/bin/env bash
# Cohort matching as a job through the store at 100,000 x 20,000 (bench/matching/job.py): seeds
# a SQLite database, makes a cohort of everyone, runs `mentorhub match` three times and once with
# --apply, then writes its section of docs/benchmarks.md. About a minute.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [[ -z ${MENTORHUB:-} ]]; then
  cmake --preset release >/dev/null
  cmake --build --preset release --target mentorhub bench_recommend_seed bench_matching >/dev/null
fi
exec /usr/bin/python3 bench/matching/job.py --mentorhub "${MENTORHUB:-build/release/mentorhub}" "$@"
