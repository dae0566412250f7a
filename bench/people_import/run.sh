#!/usr/bin/env bash
# The people import at 100,000 rows on SQLite and PostgreSQL (bench/people_import/bench.py):
# writes an HR export, times a dry run, the import, a re-import, updates and a complete import
# with the product binary, and writes its section of docs/benchmarks.md. A few minutes.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [[ -z ${MENTORHUB:-} ]]; then
  cmake --preset release >/dev/null
  cmake --build --preset release --target mentorhub >/dev/null
fi
exec /usr/bin/python3 bench/people_import/bench.py --mentorhub "${MENTORHUB:-build/release/mentorhub}" "$@"
