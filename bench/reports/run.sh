#!/usr/bin/env bash
# The program report at 10,000 and 100,000 people (bench/reports/bench.py), beside the
# relationships export as the reference, and its section of docs/benchmarks.md. A few minutes.
set -euo pipefail
cd "$(dirname "$0")/../.."
cmake --preset release >/dev/null
cmake --build --preset release --target mentorhub >/dev/null
exec /usr/bin/python3 bench/reports/bench.py "$@"
