#!/usr/bin/env bash
# The scheduler's pass and the daily digest at 10,000 and 100,000 people (bench/scheduler/bench.py):
# imports an organisation, writes relationships in every state the scheduler acts on, runs the
# pass and the digest twice on the test build's movable clock (the second run must do nothing),
# and writes its section of docs/benchmarks.md. A few minutes.
set -euo pipefail
cd "$(dirname "$0")/../.."
cmake --preset release >/dev/null
cmake --build --preset release --target mentorhub mentorhub_for_test >/dev/null
exec /usr/bin/python3 bench/scheduler/bench.py "$@"
