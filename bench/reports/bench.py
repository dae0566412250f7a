#!/usr/bin/env python3
"""The program report over 100,000 people and 50,000 relationships (issue 18).

Started by bench/reports/run.sh. For each size (10,000 people as the reference of how the report
grows, and 100,000, in the same run) it makes a fresh SQLite database: people through `mentorhub
import` from an HR file whose departments are very unequal (a few large, many of a handful of
people, so that hiding small groups has work to do), then relationships written with SQL as the
use cases leave them (0.5 per person, seeded), each with its state changes in
relationship_events, held meetings over the past year, tasks, and debriefs with outcomes and
ratings for the concluded ones. PostgreSQL (a throwaway cluster, tests/support/pgcluster.py) gets
a copy of that database through `mentorhub copy`, so both stores answer over identical rows
(`--stores sqlite` for SQLite alone). On each, `mentorhub serve`, an administrator signs in, and
each of these is asked five times and its median taken:

  - GET /api/v1/admin/reports/program (no grouping, by department, by cohort) and its CSV;
  - GET /api/v1/admin/relationships/export.csv: the reference, the same relationships' metadata
    read and written out without the report's arithmetic, in the same run.

Correctness at scale, checked and never timed: the report's relationships and states equal the
export's, and no shown department has fewer than five people. It prints a summary and writes its
section of docs/benchmarks.md between its markers.
"""

from __future__ import annotations

import argparse
import csv
import http.client
import io
import json
import random
import re
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parent.parent / "tests" / "support"))
import benchlib  # noqa: E402
from benchlib import ROOT, Stop, on_signal  # noqa: E402

BEGIN = "<!-- bench/reports:begin (written by bench/reports/run.sh; edit the script, not this section) -->"
END = "<!-- bench/reports:end -->"
DAY = 86400
NOW = int(time.time())
ADMIN, PASSWORD = "report.admin@example.org", "a long benchmark password"
REPEAT = 5
STORE_NAMES = {"sqlite": "SQLite", "postgres": "PostgreSQL"}


def log(msg: str) -> None:
    print(f"[bench/reports] {msg}", flush=True)


def people_csv(path: Path, n: int, rng: random.Random) -> None:
    # Zipf-like departments: department k holds about 1/k of the people; most of the 400 are tiny.
    weights = [1 / k for k in range(1, 401)]
    with open(path, "w", newline="") as f:
        f.write("Employee ID,Name,Email,Manager ID,Department\n")
        for i in range(n):
            manager = "" if i < 10 else f"E{rng.randrange(0, i // 8 + 1)}"
            dept = rng.choices(range(400), weights)[0]
            f.write(f"E{i},Person {i},person{i}@example.org,{manager},Department {dept:03d}\n")


# A relationship's path through the states, with the days between steps.
PATHS = [
    (0.10, ["requested"]),
    (0.06, ["declined"]),
    (0.04, ["expired"]),
    (0.10, ["accepted", "starting"]),
    (0.40, ["accepted", "starting", "active"]),
    (0.10, ["accepted", "starting", "active", "fading"]),
    (0.05, ["accepted", "starting", "active", "fading", "active"]),
    (0.15, ["accepted", "starting", "active", "concluding", "concluded"]),
]


def seed(db: Path, n_people: int, rng: random.Random) -> dict:
    con = sqlite3.connect(db)
    ids = [r[0] for r in con.execute("SELECT id FROM people ORDER BY id")]
    mentors = ids[: max(1, len(ids) // 5)]
    first = con.execute("SELECT COALESCE(MAX(id), 0) FROM relationships").fetchone()[0] + 1
    rels, events, meetings, tasks, debriefs = [], [], [], [], []
    weights = [w for w, _ in PATHS]
    for k in range(n_people // 2):
        rid = first + len(rels)
        mentee, mentor = rng.choice(ids), rng.choice(mentors)
        if mentee == mentor:
            mentor = mentors[(mentors.index(mentor) + 1) % len(mentors)]
        path = rng.choices([p for _, p in PATHS], weights)[0]
        t = NOW - rng.randrange(30, 360) * DAY
        requested, previous = t, "requested"
        activated = concluded = agreed = None
        for state in path if path != ["requested"] else []:
            t += rng.randrange(1, 20) * DAY
            events.append((rid, previous, state, min(t, NOW - 60)))
            if state == "active" and activated is None:
                activated = min(t, NOW - 60)
            if state == "concluded":
                concluded = min(t, NOW - 60)
            previous = state
        if activated:
            agreed = activated
            for _ in range(rng.randrange(1, 8)):
                meetings.append((rid, rng.randrange(activated, NOW)))
            for _ in range(rng.randrange(0, 5)):
                tasks.append((rid, "done" if rng.random() < 0.6 else "open"))
        if concluded:
            outcomes = json.dumps([{"objective_id": j, "outcome": rng.choice(["achieved", "partly", "not_achieved"])}
                                   for j in range(rng.randrange(1, 4))])
            debriefs.append((rid, mentee, outcomes, rng.randrange(2, 6), concluded))
            debriefs.append((rid, mentor, "[]", rng.randrange(2, 6), concluded))
        rels.append((mentee, mentor, mentee, previous, requested, requested + 14 * DAY,
                     events[-1][3] if path != ["requested"] else None, activated, concluded, NOW - DAY,
                     1 if agreed else 0, 1 if agreed else 0, 1 if agreed else 0, agreed))
    con.executemany(
        "INSERT INTO relationships (mentee_id, mentor_id, initiator_id, state, requested_at, expires_at, answered_at, "
        "activated_at, concluded_at, updated_at, purpose_version, mentee_agreed_version, mentor_agreed_version, "
        "purpose_agreed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rels)
    con.executemany("INSERT INTO relationship_events (relationship_id, from_state, to_state, at) VALUES (?, ?, ?, ?)",
                    events)
    con.executemany("INSERT INTO meetings (relationship_id, starts_at, duration_minutes, medium, status, created_at) "
                    "VALUES (?, ?, 60, 'video', 'held', ?)", [(r, at, at - DAY) for r, at in meetings])
    con.executemany("INSERT INTO tasks (relationship_id, type, title, owner, status, created_at) "
                    "VALUES (?, 'networking', 'Meet the forecasting team', 'mentee', ?, ?)", [(r, s, NOW - DAY) for r, s in tasks])
    con.executemany("INSERT INTO debriefs (relationship_id, author_id, outcomes, rating, submitted_at) "
                    "VALUES (?, ?, ?, ?, ?)", debriefs)
    con.commit()
    con.close()
    return {"relationships": len(rels), "events": len(events), "meetings": len(meetings), "tasks": len(tasks),
            "debriefs": len(debriefs)}


class Server(benchlib.Server):
    """benchlib's server, started, with an administrator signed in for timed GETs."""

    def __init__(self, binary: Path, db: Path, workdir: Path):
        super().__init__(binary, db, workdir, start_timeout=120)
        self.cookie = None
        self.start()
        status, body, headers = self.request("POST", "/api/v1/auth/login", {"email": ADMIN, "password": PASSWORD})
        if status != 200:
            raise RuntimeError(f"sign-in: {status} {body[:200]!r}")
        self.cookie = "; ".join(v.split(";")[0] for k, v in headers if k.lower() == "set-cookie")

    def request(self, method: str, path: str, body: dict | None = None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=600)
        try:
            headers = {"Content-Type": "application/json"}
            if self.cookie:
                headers["Cookie"] = self.cookie
            conn.request(method, path, json.dumps(body) if body is not None else None, headers)
            r = conn.getresponse()
            return r.status, r.read(), r.getheaders()
        finally:
            conn.close()

    def timed(self, path: str) -> tuple[float, bytes]:
        times, body = [], b""
        for _ in range(REPEAT):
            t = time.perf_counter()
            status, body, _ = self.request("GET", path)
            times.append(time.perf_counter() - t)
            if status != 200:
                raise RuntimeError(f"GET {path} -> {status}: {body[:300]!r}")
        return statistics.median(times), body


def build_sqlite(binary: Path, n: int, workdir: Path) -> tuple[Path, dict]:
    """A fresh SQLite database of n imported people and their seeded relationships."""
    rng = random.Random(20261205 + n)
    db = workdir / f"org{n}.db"
    subprocess.run([str(binary), "--database", str(db), "migrate"], check=True, capture_output=True)
    people = workdir / f"people{n}.csv"
    people_csv(people, n, rng)
    subprocess.run([str(binary), "--database", str(db), "import", str(people)], check=True, capture_output=True)
    subprocess.run([str(binary), "--database", str(db), "user", "create", "--email", ADMIN, "--name", "Report Admin",
                    "--password", PASSWORD, "--admin"], check=True, capture_output=True)
    shape = seed(db, n, rng)
    log(f"{n:,} people; {shape}")
    return db, shape


def measure(binary: Path, database: str, store: str, n: int, shape: dict, workdir: Path) -> dict:
    server = Server(binary, database, workdir)
    try:
        year = time.strftime("%Y", time.gmtime(NOW))
        period = f"from={int(year) - 1}-{time.strftime('%m', time.gmtime(NOW))}&to={year}-{time.strftime('%m', time.gmtime(NOW))}"
        out = {"n": n, "store": store, "shape": shape}
        out["export_s"], export = server.timed("/api/v1/admin/relationships/export.csv")
        for g in ("none", "department", "cohort"):
            out[g], body = server.timed(f"/api/v1/admin/reports/program?{period}&group_by={g}")
            if g == "department":
                report = json.loads(body)
        out["csv_s"], _ = server.timed(f"/api/v1/admin/reports/program.csv?{period}&group_by=department")
        # Checked, not timed: the report counts what the export lists (everything is inside the
        # period but what ended before it), and shows no small department.
        rows = list(csv.DictReader(io.StringIO(export.decode())))
        total = report["total"]["figures"]
        states = Counter(r["state"] for r in rows)
        if total["states_now"].get("active", 0) != states["active"] or total["states_now"].get("fading", 0) != states["fading"]:
            raise RuntimeError(f"report {total['states_now']} against the export {dict(states)}")
        shown = [g for g in report["groups"] if not g["suppressed"]]
        if any(g["figures"]["people"] < 5 for g in shown) or sum(1 for g in report["groups"] if g["suppressed"]) == 1:
            raise RuntimeError("a small group is shown")
        out["groups"], out["shown"] = len(report["groups"]), len(shown)
        log(f"{store}, {n:,}: report {out['none']:.3f} s, by department {out['department']:.3f} s ({out['shown']} of "
            f"{out['groups']} shown), by cohort {out['cohort']:.3f} s, CSV {out['csv_s']:.3f} s; "
            f"export (reference) {out['export_s']:.3f} s")
        return out
    finally:
        server.stop()


def run_size(binary: Path, n: int, workdir: Path, stores: list[str], cluster) -> list[dict]:
    """The same organisation measured on each store: PostgreSQL gets a copy of the SQLite one
    (`mentorhub copy`), so both answer over identical rows."""
    db, shape = build_sqlite(binary, n, workdir)
    results = []
    for store in stores:
        database = str(db)
        if store == "postgres":
            database = cluster.fresh_database(f"report{n}")
            subprocess.run([str(binary), "copy", "--from", str(db), "--to", database], check=True, capture_output=True)
        results.append(measure(binary, database, store, n, shape, workdir))
    return results


def section(m: dict, results: list[dict]) -> str:
    rows = ["| store | people | relationships | state changes | meetings held | report | by department (groups shown) | "
            "by cohort | CSV by department | reference: relationships export |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in results:
        s = r["shape"]
        rows.append(f"| {STORE_NAMES[r['store']]} | {r['n']:,} | {s['relationships']:,} | {s['events']:,} | {s['meetings']:,} | "
                    f"{r['none'] * 1000:.0f} ms | {r['department'] * 1000:.0f} ms ({r['shown']} of {r['groups']}) | "
                    f"{r['cohort'] * 1000:.0f} ms | {r['csv_s'] * 1000:.0f} ms | {r['export_s'] * 1000:.0f} ms |")
    growth = []
    for store in dict.fromkeys(r["store"] for r in results):
        mine = [r for r in results if r["store"] == store]
        if len(mine) > 1 and mine[0]["department"]:
            growth.append(f"{STORE_NAMES[store]} {mine[-1]['department'] / mine[0]['department']:.1f}x")
    return "\n".join([
        BEGIN,
        "## The program report (issue 18)",
        "",
        f"Machine: {m['cpu']} ({m['nproc']} cores), {m['os']}; commit {m['commit']}; {m['date']}; load average "
        f"{m['loadavg']} at the start. Command: `{m['invocation']}`.",
        "",
        "SQLite, and PostgreSQL (a throwaway cluster on loopback, "
        f"{m.get('postgres', 'not run')}) holding a copy of the same database made with `mentorhub copy`. "
        "People imported from an HR file with 400 very unequal departments (department k holds about "
        "1/k of the people); 0.5 relationships per person over the past year along eight paths through the "
        "states (each step in relationship_events), held meetings, tasks, and both debriefs of the concluded "
        "ones. Each figure is the median of 5 requests by a signed-in administrator, over the last 12 months. "
        "The reference is the relationships' CSV export in the same run: the same rows read and written "
        "without the report's arithmetic. Checked, not timed: the report's states equal the export's, and no "
        "shown department has fewer than 5 people.",
        "",
        *rows,
        "",
        f"10x the people took {', '.join(growth) or 'not measured'} the time by department. The goal is under a "
        "second at 100,000 people and 50,000 relationships.",
        END,
        "",
    ])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--binary", type=Path, default=ROOT / "build/release/mentorhub")
    ap.add_argument("--sizes", default="10000,100000")
    benchlib.add_doc_arguments(ap)
    ap.add_argument("--stores", default="sqlite,postgres")
    args = ap.parse_args()
    stores = args.stores.split(",")
    signal.signal(signal.SIGTERM, on_signal)
    m = benchlib.machine("bench/reports/run.sh")
    results, cluster = [], None
    try:
        if "postgres" in stores:
            from pgcluster import PgCluster  # noqa: E402  (tests/support is on sys.path)

            cluster = PgCluster()
            cluster.start()
            version = subprocess.run([str(cluster.bin_dir / "postgres"), "--version"], capture_output=True,
                                     text=True).stdout
            m["postgres"] = "PostgreSQL " + (re.search(r"\d+\.\d+", version) or re.search(r".*", version)).group(0)
        with tempfile.TemporaryDirectory(prefix="mh-bench-reports-") as tmp:
            for n in [int(s) for s in args.sizes.split(",")]:
                results += run_size(args.binary, n, Path(tmp), stores, cluster)
    except Stop:
        return 130
    finally:
        if cluster:
            cluster.stop()
    results.sort(key=lambda r: (r["store"] != "sqlite", r["n"]))
    text = section(m, results)
    benchlib.publish(text, args.doc, args.no_doc, BEGIN, END, log)
    return 0


if __name__ == "__main__":
    sys.exit(main())
