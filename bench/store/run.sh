#!/usr/bin/env bash
# The store benchmark: the same read-heavy and write-heavy HTTP mixes (wrk, bounded in time and
# connections, 127.0.0.1 only) against SQLite and against a throwaway PostgreSQL cluster with
# normal durability, beside a minimal Beast server (the machine's ceiling), then its section of
# docs/benchmarks.md. See bench/README.md.
#
#   make bench-http            # builds the release preset and the reference first, then runs this
#   bench/store/run.sh         # uses an already built build/release/mentorhub (or $MENTORHUB) and
#                              # build/release/bench_beast_ceiling (or $MH_BEAST_CEILING)
#   bench/store/run.sh --help  # options: --stores, --threads/--connections/--duration, --no-doc, ...
#
# It builds nothing. Everything it starts (the servers, the cluster, wrk) is stopped when it
# ends, on success, failure, Ctrl-C or SIGTERM: bench.py's finally blocks and signal handlers
# play the part of a trap, and the cluster also has pgcluster.py's atexit hook and watchdog.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
export MENTORHUB="${MENTORHUB:-$root/build/release/mentorhub}"

export MH_BEAST_CEILING="${MH_BEAST_CEILING:-$root/build/release/bench_beast_ceiling}"

if [[ ! -x "$MH_BEAST_CEILING" ]]; then
  echo "bench/store: $MH_BEAST_CEILING is not built; run \`make bench-http\` (or cmake --build --preset release --target bench_beast_ceiling)" >&2
  exit 2
fi
if [[ ! -x "$MENTORHUB" ]]; then
  echo "bench/store: $MENTORHUB is not built; run \`make bench\` (or cmake --build --preset release)" >&2
  exit 2
fi
command -v wrk >/dev/null || { echo "bench/store: wrk is not installed (apt-get install wrk)" >&2; exit 2; }
command -v python3 >/dev/null || { echo "bench/store: python3 is not installed" >&2; exit 2; }

cd "$root"   # a relative $MENTORHUB (the Makefile's build/release/mentorhub) is relative to here
exec python3 "$here/bench.py" "$@"
