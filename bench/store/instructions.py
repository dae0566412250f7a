#!/usr/bin/env python3
"""Instructions a request: the store benchmark's routes, one at a time, under callgrind.

wrk's requests per second move with whatever else the machine runs; the instructions the server
executes for one request do not (to a few parts in a thousand). So a change to the request path
is measured here first: each binary serves the demo organisation on SQLite under
`valgrind --tool=callgrind`, signed-in as a demo person with an API token, and for each route
the counters are zeroed (callgrind_control -z), N requests sent one after the other on one
kept-alive connection, and the counters dumped; the figure is the server's user-space
instructions (callgrind's Ir, every thread) over N. System calls and waits are not in it (see
the wrk mixes for those), nor is PostgreSQL's side.

    bench/store/instructions.py --binary build/release/mentorhub --baseline OLD/mentorhub \\
        --baseline-label abc1234 [--requests 30] [--edits-first 0]

Prints a Markdown table, the baseline first. Everything listens on 127.0.0.1; every server it
starts is stopped by its PID when it ends, and its folder (database, callgrind's files) removed.
"""

from __future__ import annotations

import argparse
import glob
import http.client
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))
import benchlib  # noqa: E402
from bench import Client  # noqa: E402

PERSON = 2  # the demo's second person by id: not an administrator; a mentor with one request received
ROUTES = [
    ("GET", "/api/v1/me"),
    ("GET", "/api/v1/people?limit=20"),
    ("GET", "/api/v1/people/{me}"),
    ("GET", "/api/v1/relationships"),
    ("PATCH", "/api/v1/me"),
    ("GET", "/api/v1/directory?q=engineering"),
]
COLD_PAGE = "GET /api/v1/people?limit=20, each later page once (no text held)"


def instructions(binary: Path, requests: int, edits_first: int, keep: Path | None = None) -> dict[str, float]:
    work = Path(tempfile.mkdtemp(prefix="mh-instructions-"))
    db = str(work / "mentorhub.db")
    subprocess.run([str(binary), "--database", db, "demo"], check=True, stdout=subprocess.DEVNULL)
    under_callgrind = work / "callgrind.sh"
    under_callgrind.write_text(f'#!/bin/sh\nexec valgrind --tool=callgrind --callgrind-out-file={work}/cg.%p '
                               f'"{binary.resolve()}" "$@"\n')
    under_callgrind.chmod(0o755)
    server = benchlib.Server(under_callgrind, db, work, start_timeout=180)
    try:
        client = Client(server.start())
        email = sqlite_email(db, PERSON)
        _, token = client.ok("POST", "/api/v1/me/tokens", {"label": "instructions"}, headers=client.sign_in(email))
        auth = {"Authorization": f"Bearer {token['token']}", "Content-Type": "application/json"}
        _, me = client.ok("GET", "/api/v1/me", headers=auth)
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=120)

        def send(method: str, path: str, count: int) -> None:
            for i in range(count):
                body = json.dumps({"bio": f"Mentoring engineers in data platforms, edit {i}."}) if method == "PATCH" else None
                conn.request(method, path, body=body, headers=auth)
                answer = conn.getresponse()
                answer.read()
                if answer.status != 200:
                    raise RuntimeError(f"{method} {path} -> {answer.status}")

        send("PATCH", "/api/v1/me", edits_first)
        out = {}
        # A page of the directory that no request has read yet (the server holds none of its people's
        # texts): the first page three times unmeasured, then every later page once.
        send("GET", "/api/v1/people?limit=20", 3)
        conn.request("GET", "/api/v1/people?limit=20", headers=auth)
        cursor = json.loads(conn.getresponse().read())["next_cursor"]
        subprocess.run(["callgrind_control", "-z", str(server.proc.pid)], check=True, capture_output=True)
        pages = 0
        seen = set()
        while cursor:
            if cursor in seen:
                raise RuntimeError(f"the people list came back to cursor {cursor}")
            seen.add(cursor)
            conn.request("GET", f"/api/v1/people?limit=20&cursor={cursor}", headers=auth)
            answer = conn.getresponse()
            body = answer.read()
            if answer.status != 200:
                raise RuntimeError(f"GET /api/v1/people?cursor={cursor} -> {answer.status}")
            cursor = json.loads(body)["next_cursor"]
            pages += 1
        subprocess.run(["callgrind_control", "-d", str(server.proc.pid)], check=True, capture_output=True)
        out[COLD_PAGE] = dumped_instructions(work) / max(pages, 1)
        for method, pattern in ROUTES:
            path = pattern.replace("{me}", str(me["id"]))
            send(method, path, 3)  # statements prepared, caches warm
            subprocess.run(["callgrind_control", "-z", str(server.proc.pid)], check=True, capture_output=True)
            send(method, path, requests)
            subprocess.run(["callgrind_control", "-d", str(server.proc.pid)], check=True, capture_output=True)
            out[f"{method} {pattern}"] = dumped_instructions(work) / requests
            if keep:  # for callgrind_annotate: one file a route, named after it
                keep.mkdir(parents=True, exist_ok=True)
                slug = re.sub(r"[^a-z0-9]+", "-", f"{method} {pattern}".lower()).strip("-")
                shutil.copy(newest_dump(work), keep / f"{slug}.callgrind")
        return out
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)


def sqlite_email(db: str, person_id: int) -> str:
    import sqlite3
    with sqlite3.connect(db) as con:
        return con.execute("SELECT email FROM people WHERE id = ?", (person_id,)).fetchone()[0]


def newest_dump(work: Path) -> Path:
    """Callgrind writes one file per dump; the newest is the last route's."""
    return Path(sorted(glob.glob(str(work / "cg.*")), key=os.path.getmtime)[-1])


def dumped_instructions(work: Path) -> int:
    """The Ir total of the newest dump, once callgrind has finished writing it."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if glob.glob(str(work / "cg.*")):
            m = re.search(r"^(?:summary|totals): (\d+)", newest_dump(work).read_text(errors="replace"), re.M)
            if m:
                return int(m.group(1))
        time.sleep(0.2)
    raise RuntimeError("callgrind wrote no dump")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--binary", type=Path, default=HERE.parent.parent / "build/release/mentorhub")
    ap.add_argument("--baseline", type=Path, default=None, help="another build, measured in the same run")
    ap.add_argument("--baseline-label", default="baseline")
    ap.add_argument("--requests", type=int, default=30, help="requests a route, after 3 unmeasured")
    ap.add_argument("--edits-first", type=int, default=0,
                    help="profile edits before measuring (a search index that has taken many edits)")
    ap.add_argument("--keep-profiles", type=Path, default=None,
                    help="a folder to keep this build's callgrind dump of each route in (for callgrind_annotate)")
    args = ap.parse_args()
    for tool in ("valgrind", "callgrind_control"):
        if subprocess.run(["sh", "-c", f"command -v {tool}"], capture_output=True).returncode != 0:
            ap.error(f"{tool} is needed (apt-get install valgrind)")
    runs = []
    if args.baseline:
        runs.append((args.baseline_label, instructions(args.baseline, args.requests, args.edits_first)))
    runs.append(("this build", instructions(args.binary, args.requests, args.edits_first, args.keep_profiles)))
    print("| route | " + " | ".join(f"{label}: instructions a request" for label, _ in runs) +
          (" | change |" if len(runs) == 2 else " |"))
    print("| --- |" + " ---: |" * (len(runs) + (1 if len(runs) == 2 else 0)))
    for route in runs[0][1]:
        cells = [f"{r[route] / 1000:,.1f}k" for _, r in runs]
        if len(runs) == 2:
            cells.append(f"{(runs[1][1][route] / runs[0][1][route] - 1) * 100:+.1f} %")
        print(f"| `{route}` | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
