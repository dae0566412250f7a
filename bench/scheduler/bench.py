#!/usr/bin/env python3
"""The scheduler's pass and the daily digest for an organisation of 100,000 people (issue 17).

Started by bench/scheduler/run.sh. For each size (100,000 people, and 10,000 as the reference of
how the pass grows, in the same run) it makes a fresh SQLite database: the people through
`mentorhub import` (an HR file: 13 time zones, managers), then relationships written with SQL as
the use cases leave them (0.3 per person, seeded): requests waiting (some past their expiry,
some about to expire), starting pairs without an agreed purpose, active pairs whose last held
meeting is 0 to 3 cadences ago (7, 14 or 30 days; a long gap fades them), fading pairs that met
again (they revive), meetings tomorrow and within the hour, open tasks past due, review dates
passed. Then, on the test build's movable clock (`mentorhub_for_test serve --test-clock`, so
the occasions fall where the data says):

  1. the lifecycle pass (POST /api/v1/test/clock, which runs `jobs::run_lifecycle_pass`), timed,
     with its counts; then the same pass again: it must find nothing to do and write no
     notification (the run fails otherwise: correctness at scale, never timing);
  2. the digest (POST /api/v1/test/mail with digests: `OutboxSender::run_digests`), timed, with
     how many were queued; then again: none (the run fails otherwise).

It prints a summary and writes its section of docs/benchmarks.md between its markers.
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
import benchlib  # noqa: E402
from benchlib import ROOT, Stop, on_signal  # noqa: E402

BEGIN = "<!-- bench/scheduler:begin (written by bench/scheduler/run.sh; edit the script, not this section) -->"
END = "<!-- bench/scheduler:end -->"
NOW = 1796634000  # 2026-12-07T09:00:00Z, a Monday: the clock the server starts on
DAY = 86400
ZONES = ["Europe/London", "Europe/Berlin", "Europe/Lisbon", "Asia/Kolkata", "Asia/Tokyo", "Australia/Sydney",
         "America/New_York", "America/Chicago", "America/Los_Angeles", "America/Sao_Paulo", "Africa/Lagos",
         "Asia/Singapore", "Pacific/Auckland"]


def log(msg: str) -> None:
    print(f"[bench/scheduler] {msg}", flush=True)


def people_csv(path: Path, n: int, rng: random.Random) -> None:
    with open(path, "w", newline="") as f:
        f.write("Employee ID,Name,Email,Manager ID,Time Zone\n")
        for i in range(n):
            manager = "" if i < 10 else f"E{rng.randrange(0, i // 8 + 1)}"
            f.write(f"E{i},Person {i},person{i}@example.org,{manager},{ZONES[i % len(ZONES)]}\n")


def seed_relationships(db: Path, n_people: int, rng: random.Random) -> dict:
    con = sqlite3.connect(db)
    ids = [r[0] for r in con.execute("SELECT id FROM people ORDER BY id")]
    mentors = ids[: max(1, len(ids) // 5)]
    shape = {"requested": 0, "starting": 0, "active": 0, "fading": 0, "concluded": 0}
    rel_rows, meetings, tasks = [], [], []
    for k in range(int(n_people * 0.3)):
        mentee, mentor = rng.choice(ids), rng.choice(mentors)
        if mentee == mentor:
            continue
        roll = rng.random()
        cadence = rng.choice([7, 14, 30])
        state = ("requested" if roll < 0.15 else "starting" if roll < 0.25 else "active" if roll < 0.80
                 else "fading" if roll < 0.95 else "concluded")
        shape[state] += 1
        requested = NOW - rng.randrange(1, 60) * DAY
        expires = requested + 14 * DAY if state != "requested" else NOW + rng.randrange(-5 * DAY, 10 * DAY)
        activated = None if state == "requested" else requested + DAY
        agreed = None if state in ("requested", "starting") else activated + DAY
        review = NOW - rng.randrange(0, 10) * DAY if state == "active" and rng.random() < 0.1 else None
        rel_rows.append((mentee, mentor, mentee, state, requested, expires, activated, activated,
                         NOW - 2 * DAY, cadence, agreed, review, 0 if state == "requested" else 1))
        if state in ("active", "fading", "concluded"):
            gap = rng.uniform(0, 3 * cadence) * DAY
            if state == "fading" and rng.random() < 0.3:
                gap = rng.uniform(0, 2) * DAY  # met again: revives
            meetings.append((len(rel_rows), int(NOW - gap), "held"))
            r = rng.random()
            if r < 0.05:
                meetings.append((len(rel_rows), NOW + DAY - 600, "scheduled"))  # tomorrow
            elif r < 0.07:
                meetings.append((len(rel_rows), NOW + 1800, "scheduled"))  # within the hour
            if rng.random() < 0.3:
                tasks.append((len(rel_rows), NOW - rng.randrange(1, 20) * DAY))  # overdue
    first = (con.execute("SELECT COALESCE(MAX(id), 0) FROM relationships").fetchone()[0]) + 1
    con.executemany(
        "INSERT INTO relationships (mentee_id, mentor_id, initiator_id, state, requested_at, expires_at, answered_at, "
        "activated_at, updated_at, cadence_days, purpose_agreed_at, review_date, logistics_set) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rel_rows)
    con.executemany("INSERT INTO meetings (relationship_id, starts_at, duration_minutes, medium, status, created_at) "
                    "VALUES (?, ?, 60, 'video', ?, ?)", [(first + i - 1, at, st, NOW - 30 * DAY) for i, at, st in meetings])
    con.executemany("INSERT INTO tasks (relationship_id, type, title, owner, due, status, created_at) "
                    "VALUES (?, 'networking', 'Meet the forecasting team', 'mentee', ?, 'open', ?)",
                    [(first + i - 1, due, NOW - 30 * DAY) for i, due in tasks])
    con.commit()
    con.close()
    shape.update(meetings=len(meetings), tasks=len(tasks), relationships=len(rel_rows))
    return shape


def count(db: Path, table: str) -> int:
    con = sqlite3.connect(db)
    try:
        return con.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
    finally:
        con.close()


class ClockServer(benchlib.Server):
    """`mentorhub_for_test serve` on the movable clock, started at NOW, with mail on (the digest
    is mail) to a loopback port nobody listens on: queued mail waits in the outbox, retried
    later, and the benchmark sends none. It runs in the checkout, for its mail templates."""

    def __init__(self, binary: Path, db: Path, workdir: Path):
        start = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(NOW))
        super().__init__(binary, db, workdir, start_timeout=120, cwd=ROOT,
                         extra_args=["--test-clock", start, "--smtp", f"smtp://127.0.0.1:{benchlib.free_port()}",
                                     "--mail-from", "mentorhub@example.org"])

    def post(self, path: str, body: dict) -> tuple[dict, float]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=600)
        try:
            t = time.perf_counter()
            conn.request("POST", path, json.dumps(body), {"Content-Type": "application/json"})
            r = conn.getresponse()
            raw = r.read()
            elapsed = time.perf_counter() - t
        finally:
            conn.close()
        if r.status != 200:
            raise RuntimeError(f"POST {path} -> {r.status}: {raw[:300]!r}")
        return json.loads(raw), elapsed


def run_size(args, n: int, workdir: Path) -> dict:
    rng = random.Random(20261207 + n)
    db = workdir / f"org{n}.db"
    subprocess.run([str(args.product_binary), "--database", str(db), "migrate"], check=True, capture_output=True)
    csv = workdir / f"people{n}.csv"
    people_csv(csv, n, rng)
    t = time.perf_counter()
    subprocess.run([str(args.product_binary), "--database", str(db), "import", str(csv)], check=True, capture_output=True)
    import_s = time.perf_counter() - t
    shape = seed_relationships(db, n, rng)
    log(f"{n:,} people imported in {import_s:.1f} s; {shape}")
    server = ClockServer(args.binary, db, workdir)
    server.start()
    try:
        notifications_before = count(db, "notifications")
        first, first_s = server.post("/api/v1/test/clock", {"advance_seconds": 0})
        notifications = count(db, "notifications") - notifications_before
        second, second_s = server.post("/api/v1/test/clock", {"advance_seconds": 0})
        if any(second[k] for k in ("expired", "faded", "revived", "reminded", "notified")) or \
                count(db, "notifications") != notifications_before + notifications:
            raise RuntimeError(f"the second pass did something: {second}")
        digest, digest_s = server.post("/api/v1/test/mail", {"run": False, "digests": True})
        again, again_s = server.post("/api/v1/test/mail", {"run": False, "digests": True})
        if again["digests"]:
            raise RuntimeError(f"a second digest run queued {again['digests']} digests")
        # The server's own sender also queues due digests every 2 seconds, so some may have gone
        # before the run above: the outbox holds them all, each person's once.
        con = sqlite3.connect(db)
        total, people_with = con.execute(
            "SELECT COUNT(*), COUNT(DISTINCT person_id) FROM outbox WHERE kind = 'digest'").fetchone()
        con.close()
        if total != people_with:
            raise RuntimeError(f"{total} digests for {people_with} people")
        log(f"{n:,}: pass {first_s:.2f} s {first}, {notifications} notifications; again {second_s:.2f} s; "
            f"digest run {digest['digests']} in {digest_s:.2f} s ({total} in all), again {again_s:.2f} s")
        return {"n": n, "import_s": import_s, "shape": shape, "pass_s": first_s, "pass": first,
                "notifications": notifications, "again_s": second_s, "digest_s": digest_s,
                "digests": digest["digests"], "digests_total": total, "digest_again_s": again_s}
    finally:
        server.stop()


def section(m: dict, results: list[dict]) -> str:
    big, small = results[-1], results[0]
    rows = ["| people | relationships | meetings | tasks | pass | what the pass did | notifications written | "
            "pass again (nothing to do) | digests in all | queued by the timed run | digest run | digest again |",
            "| ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in results:
        p = r["pass"]
        did = (f"{p['expired']} expired, {p['faded']} faded, {p['revived']} revived, {p['reminded']} reminded of "
               f"their purpose, {p['notified']} reminders")
        rows.append(f"| {r['n']:,} | {r['shape']['relationships']:,} | {r['shape']['meetings']:,} | "
                    f"{r['shape']['tasks']:,} | {r['pass_s']:.2f} s | {did} | {r['notifications']:,} | "
                    f"{r['again_s']:.2f} s | {r['digests_total']:,} | {r['digests']:,} | {r['digest_s']:.2f} s | "
                    f"{r['digest_again_s']:.2f} s |")
    growth = big["pass_s"] / small["pass_s"] if small["pass_s"] else 0
    return "\n".join([
        BEGIN,
        "## The scheduler's pass and the daily digest (issue 17)",
        "",
        f"Machine: {m['cpu']} ({m['nproc']} cores), {m['os']}; commit {m['commit']}; {m['date']}; load average "
        f"{m['loadavg']} at the start. Command: `{m['invocation']}`.",
        "",
        "Each organisation is imported from an HR file and given relationships (0.3 per person, in every state the "
        "scheduler acts on: see bench/scheduler/bench.py); the server runs on the test build's movable clock, "
        "started on a Monday at 09:00 UTC. The pass is `jobs::run_lifecycle_pass` (what `mentorhub tick` and the "
        "server's timer run): each relationship its own transaction. The digest is `OutboxSender::run_digests`: one "
        "per person with something new, after 07:00 in their own zone (here 9 of the 13 zones). Both run twice; "
        "the second run must do nothing, or the benchmark fails. The server's own sender also queues the digests "
        "due every 2 seconds, so part of them may go while the pass still runs: \"digests in all\" counts the "
        "outbox (one per person, checked), \"queued by the timed run\" what the timed call found left.",
        "",
        *rows,
        "",
        f"The 10,000-people organisation is the reference in the same run: 10x the people took {growth:.1f}x the "
        "pass's time. The outbox's delivery rate to a loopback SMTP server is measured by "
        "bench/mail/outbox_rate.py (its own section).",
        END,
        "",
    ])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--binary", type=Path, default=ROOT / "build/release/mentorhub_for_test")
    ap.add_argument("--product-binary", type=Path, default=ROOT / "build/release/mentorhub")
    ap.add_argument("--sizes", default="10000,100000")
    benchlib.add_doc_arguments(ap)
    args = ap.parse_args()
    signal.signal(signal.SIGTERM, on_signal)
    m = benchlib.machine("bench/scheduler/run.sh")
    results = []
    try:
        with tempfile.TemporaryDirectory(prefix="mh-bench-scheduler-") as tmp:
            for n in [int(s) for s in args.sizes.split(",")]:
                results.append(run_size(args, n, Path(tmp)))
    except Stop:
        return 130
    text = section(m, results)
    benchlib.publish(text, args.doc, args.no_doc, BEGIN, END, log)
    return 0


if __name__ == "__main__":
    sys.exit(main())
