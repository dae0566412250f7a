#!/usr/bin/env python3
"""One person's relationships list with a long history: `GET /api/v1/relationships` (the first page
of 50, every role and state) for a demo person who also has N withdrawn requests, half as mentee
and half as mentor, against a baseline binary in the same run.

The demo organisation is seeded by the baseline, the history written straight into the SQLite
file (20,000 requests through the API would take minutes and measure something else), then each
server in turn serves the same file: the baseline first (its own schema), then the measured
binary (which migrates it forward). wrk -t1 -c4 for 6 s after 2 s of warm-up, on 127.0.0.1 only.

    python3 bench/store/relationships_page.py --baseline OLD/mentorhub --binary build/release/mentorhub \\
        --relationships 100,5000,20000
"""
from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
import bench  # noqa: E402


def wrk_page(binary: Path, db: str, work: Path, token: str, label: str) -> dict:
    srv = bench.Server(binary, db, work, label)
    port = srv.start()
    try:
        lua = work / "page.lua"
        lua.write_text('wrk.method = "GET"\nwrk.path = "/api/v1/relationships"\n'
                       f'wrk.headers["Authorization"] = "Bearer {token}"\n')
        url = f"http://127.0.0.1:{port}"
        subprocess.run(["wrk", "-t1", "-c4", "-d2s", "-s", str(lua), url], capture_output=True, timeout=60)
        out = subprocess.run(["wrk", "-t1", "-c4", "-d6s", "--latency", "-s", str(lua), url],
                             capture_output=True, text=True, timeout=60).stdout
    finally:
        srv.stop()
    found = {}
    for line in out.splitlines():
        words = line.split()
        if line.startswith("Requests/sec:"):
            found["rps"] = float(words[1])
        elif words[:1] in (["50%"], ["99%"]):
            value = words[1]
            ms = float(value[:-2]) if value.endswith("ms") else float(value[:-2]) / 1000 if value.endswith("us") \
                else float(value[:-1]) * 1000
            found[words[0]] = ms
    return found


def one_size(args, n: int) -> tuple[dict, dict]:
    with tempfile.TemporaryDirectory(prefix="mh-relpage-") as tmp:
        work = Path(tmp)
        db = str(work / "mentorhub.db")
        seeder = bench.Server(args.baseline, db, work, "seed")
        seeder.seed()
        port = seeder.start()
        try:
            bench.prepare_people(bench.Client(port), work, 1)
        finally:
            seeder.stop()
        person, token = (work / "tokens.txt").read_text().split()[:2]
        c = sqlite3.connect(db)
        others = [r[0] for r in c.execute("SELECT id FROM people WHERE id != ? LIMIT 50", (int(person),))]
        rows = []
        for i in range(n):
            other = others[i % len(others)]
            mentee, mentor = (int(person), other) if i % 2 == 0 else (other, int(person))
            rows.append((mentee, mentor, mentee, "one_to_one", "withdrawn", "", "", "", 0, 0, 0, 0))
        c.executemany("INSERT INTO relationships (mentee_id, mentor_id, initiator_id, format, state, message, "
                      "draft_purpose, decline_reason, requested_at, expires_at, updated_at, proposed_by_program) "
                      "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", rows)
        c.commit()
        c.close()
        return wrk_page(args.baseline, db, work, token, "before"), wrk_page(args.binary, db, work, token, "after")


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--binary", type=Path, default=bench.ROOT / "build/release/mentorhub")
    p.add_argument("--baseline", type=Path, required=True)
    p.add_argument("--relationships", default="100,5000,20000", help="comma-separated history sizes")
    args = p.parse_args()
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    print("| relationships in the history | before: requests/s | p50 ms | p99 ms | after: requests/s | p50 ms | p99 ms |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for n in (int(x) for x in args.relationships.split(",")):
        before, after = one_size(args, n)
        print(f"| {n:,} | {before.get('rps', 0):,.0f} | {before.get('50%', 0):.2f} | {before.get('99%', 0):.1f} | "
              f"{after.get('rps', 0):,.0f} | {after.get('50%', 0):.2f} | {after.get('99%', 0):.1f} |", flush=True)
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
