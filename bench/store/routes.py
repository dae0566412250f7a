#!/usr/bin/env python3
"""One route at a time: the server's CPU time a request for each route of the read mix and for a
profile edit, each alone under load, against a baseline binary in the same run (SQLite).

The mixes (bench.py) say how fast the server is; this says which route the time goes to. Each
binary seeds its own demo organisation, one demo person gets an API token, and each route runs
alone under `wrk -t1 -c8` for 5 s after 2 s of warm-up (`PATCH /api/v1/me` with a new bio each
time), the baseline first and then the measured binary, on 127.0.0.1 only. The server's CPU
time (user + system, /proc) over the measured run, divided by its requests, is the figure to
compare: it does not depend on how much of the machine wrk took.

    python3 bench/store/routes.py --baseline OLD/mentorhub --binary build/release/mentorhub --rounds 2
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
import bench  # noqa: E402

ROUTES = ["/api/v1/me", "/api/v1/people?limit=20", "/api/v1/people/{other}", "/api/v1/relationships"]
PATCH = "PATCH /api/v1/me"


def lua_for(route: str, token: str) -> str:
    if route == PATCH:
        return ('local n = 0\nrequest = function()\n  n = n + 1\n'
                '  return wrk.format("PATCH", "/api/v1/me", {["Content-Type"] = "application/json", '
                f'["Authorization"] = "Bearer {token}"}}, \'{{"bio":"bio number \' .. n .. \' from a bench"}}\')\nend\n')
    return f'wrk.method = "GET"\nwrk.path = "{route}"\nwrk.headers["Authorization"] = "Bearer {token}"\n'


def wrk(lua: Path, url: str, seconds: int) -> tuple[int, float, int]:
    out = subprocess.run(["wrk", "-t1", "-c8", f"-d{seconds}s", "-s", str(lua), url],
                         capture_output=True, text=True, timeout=seconds + 30).stdout
    requests = rps = 0.0
    non_2xx = 0
    for line in out.splitlines():
        words = line.split()
        if "requests in" in line:
            requests = int(words[0])
        elif line.startswith("Requests/sec:"):
            rps = float(words[1])
        elif "Non-2xx" in line:
            non_2xx = int(words[-1])
    return int(requests), rps, non_2xx


def measure(binary: Path, label: str) -> dict[str, tuple[float, float, int]]:
    """{route: (requests/s, server CPU ms a request, non-2xx)} for one binary on a fresh demo."""
    with tempfile.TemporaryDirectory(prefix="mh-routes-") as tmp:
        work = Path(tmp)
        srv = bench.Server(binary, str(work / "mentorhub.db"), work, label)
        srv.seed()
        port = srv.start()
        try:
            bench.prepare_people(bench.Client(port), work, 1)
            person, token = (work / "tokens.txt").read_text().split()[:2]
            _, page = bench.Client(port).ok("GET", "/api/v1/people?limit=3",
                                            headers={"Authorization": f"Bearer {token}"})
            other = next(p["id"] for p in page["items"] if p["id"] != person)
            url = f"http://127.0.0.1:{port}"
            found = {}
            for route in ROUTES + [PATCH]:
                lua = work / "route.lua"
                lua.write_text(lua_for(route.replace("{other}", other), token))
                wrk(lua, url, 2)
                cpu_before = srv.cpu_seconds()
                requests, rps, non_2xx = wrk(lua, url, 5)
                cpu_ms = (srv.cpu_seconds() - cpu_before) * 1000 / max(requests, 1)
                found[route] = (rps, cpu_ms, non_2xx)
            return found
        finally:
            srv.stop()


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--binary", type=Path, default=bench.ROOT / "build/release/mentorhub")
    p.add_argument("--baseline", type=Path, required=True)
    p.add_argument("--rounds", type=int, default=1, help="baseline then binary, this many times")
    args = p.parse_args()
    args.binary, args.baseline = args.binary.resolve(), args.baseline.resolve()  # the servers run elsewhere
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    print("| route | round | before: requests/s | before: server CPU ms a request | after: requests/s | "
          "after: server CPU ms a request | non-2xx |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in range(1, args.rounds + 1):
        before, after = measure(args.baseline, "before"), measure(args.binary, "after")
        for route in ROUTES + [PATCH]:
            b, a = before[route], after[route]
            name = route if route == PATCH else f"GET {route}"
            print(f"| `{name}` | {r} | {b[0]:,.0f} | {b[1]:.3f} | {a[0]:,.0f} | {a[1]:.3f} | {b[2] + a[2]} |",
                  flush=True)
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
