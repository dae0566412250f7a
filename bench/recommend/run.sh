#!/usr/bin/env bash
# The recommendation benchmark: one mentee's recommendations among the 20,000 mentors of a
# synthetic organisation of 100,000 people, through the scoring code (Google Benchmark) and
# through HTTP (wrk, bounded in time and connections, 127.0.0.1 only), then its section of
# docs/benchmarks.md. See bench/recommend/README.md.
#
#   make bench                     # builds the release preset first, runs bench/store, then this
#   bench/recommend/run.sh         # uses the already built build/release binaries (or $MENTORHUB's folder)
#   bench/recommend/run.sh --help  # options: --calls, --duration, --skip-http, --no-doc, --scale, ...
#
# It builds nothing: build/release/{mentorhub,bench_recommend,bench_recommend_seed} must exist
# (`cmake --build --preset release`; the bench targets need libbenchmark-dev). Everything it
# starts (the server, wrk) is stopped by its PID when it ends, on success, failure, Ctrl-C or
# SIGTERM (bench.py's finally blocks and signal handlers), and its temporary folder removed.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
export MENTORHUB="${MENTORHUB:-$root/build/release/mentorhub}"
bin="$(dirname "$MENTORHUB")"

for b in "$MENTORHUB" "$bin/bench_recommend" "$bin/bench_recommend_seed"; do
  if [[ ! -x "$b" ]]; then
    echo "bench/recommend: $b is not built; run \`make bench\` (or cmake --build --preset release; the bench targets need libbenchmark-dev)" >&2
    exit 2
  fi
done
command -v wrk >/dev/null || { echo "bench/recommend: wrk is not installed (apt-get install wrk)" >&2; exit 2; }
command -v python3 >/dev/null || { echo "bench/recommend: python3 is not installed" >&2; exit 2; }

cd "$root"
exec python3 "$here/bench.py" "$@"
