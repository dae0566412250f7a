#!/usr/bin/env bash
# The soak (bench/README.md): the store benchmark's read and write mixes in turns for 10 minutes
# per store (SQLite, then a throwaway PostgreSQL cluster with normal durability), the server's
# memory read every 10 s, then its section of docs/benchmarks.md. wrk is bounded in threads,
# connections and time; everything listens on 127.0.0.1 and everything started is stopped at the
# end, on failure, Ctrl-C or SIGTERM. Exits 1 when a request failed or the memory grew.
#
#   make soak                                   # builds first, then runs this
#   bench/soak/run.sh --minutes 1 --stores sqlite --no-doc   # a quick look
#   bench/soak/run.sh --help
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
export MENTORHUB="${MENTORHUB:-$root/build/release/mentorhub}"
mentorhub="$MENTORHUB"
if [[ ! -x "$mentorhub" ]]; then
  echo "bench/soak: $mentorhub is not built; run \`make soak\` (or cmake --build --preset release)" >&2
  exit 2
fi
command -v wrk >/dev/null || { echo "bench/soak: wrk is not installed (apt-get install wrk)" >&2; exit 2; }
cd "$root"
exec python3 "$here/soak.py" "$@"
