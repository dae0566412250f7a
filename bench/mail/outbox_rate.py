#!/usr/bin/env python3
"""The outbox's delivery rate: N messages already in the outbox (inserted with SQL, as use cases
leave them: pending, not yet rendered) are rendered, sent to a loopback SMTP server (aiosmtpd,
which keeps nothing but a count and the Message-IDs) and marked sent by `mentorhub serve
--smtp`. The time runs from the server's start to the last message's arrival; the script checks
that every message arrived exactly once. On PostgreSQL it also runs two servers on the same
database, which share the outbox through their leases.

    bench/mail/outbox_rate.py [--binary build/release/mentorhub] [--messages 3000] [--write-doc]
"""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from aiosmtpd.controller import Controller

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent / "tests" / "support"))
import benchlib  # noqa: E402

ROOT = benchlib.ROOT
BEGIN = "<!-- outbox-rate:begin -->"
END = "<!-- outbox-rate:end -->"


class Counter:
    def __init__(self):
        self.lock = threading.Lock()
        self.ids: list[str] = []
        self.last = 0.0

    async def handle_DATA(self, server, session, envelope):
        m = re.search(rb"^Message-ID: (\S+)", envelope.content, re.M)
        with self.lock:
            self.ids.append(m.group(1).decode() if m else "")
            self.last = time.monotonic()
        return "250 OK"

    def count(self):
        with self.lock:
            return len(self.ids)


def cli(binary: Path, database: str, *args: str) -> None:
    subprocess.run([str(binary), "--database", database, *args], check=True, capture_output=True, timeout=300)


SQLITE_FILL = """
WITH RECURSIVE s(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM s WHERE n + 1 < {n}),
     p(id, k) AS (SELECT id, ROW_NUMBER() OVER (ORDER BY id) - 1 FROM people WHERE active = 1)
INSERT INTO outbox (person_id, kind, message, link, token, state, attempts, next_attempt_at, created_at)
SELECT p.id, 'requests', 'Someone asks you to be their mentor. Please answer within 14 days.', '/requests',
       lower(hex(randomblob(32))), 'pending', 0, 0, 0
FROM s JOIN p ON p.k = s.n % (SELECT COUNT(*) FROM p);
"""

PG_FILL = """
WITH p AS (SELECT id, ROW_NUMBER() OVER (ORDER BY id) - 1 AS k FROM people WHERE active = 1)
INSERT INTO outbox (person_id, kind, message, link, token, state, attempts, next_attempt_at, created_at)
SELECT p.id, 'requests', 'Someone asks you to be their mentor. Please answer within 14 days.', '/requests',
       md5(random()::text || s.n) || md5(s.n::text || random()::text), 'pending', 0, 0, 0
FROM generate_series(0, {n} - 1) AS s(n) JOIN p ON p.k = s.n % (SELECT COUNT(*) FROM p);
"""


def fill(store: str, database: str, n: int, psql: Path | None) -> None:
    if store == "sqlite":
        import sqlite3
        with sqlite3.connect(database) as db:
            db.executescript(SQLITE_FILL.format(n=n))
    else:
        subprocess.run([str(psql), database, "-q", "-v", "ON_ERROR_STOP=1", "-c", PG_FILL.format(n=n)], check=True,
                       capture_output=True, timeout=300)


def run_case(binary: Path, store: str, database: str, servers: int, n: int, workdir: Path) -> dict:
    counter = Counter()
    port = benchlib.free_port()
    smtp = Controller(counter, hostname="127.0.0.1", port=port)
    smtp.start()
    procs = []
    try:
        start = time.monotonic()
        for i in range(servers):
            log = open(workdir / f"serve-{store}-{servers}-{i}.log", "wb")
            procs.append(subprocess.Popen(
                [str(binary), "--database", database, "serve", "--port", "0", "--threads", "2",
                 "--web-root", str(workdir), "--smtp", f"smtp://127.0.0.1:{port}", "--mail-from",
                 "mentoring@northwind.example", "--public-url", "https://mentoring.northwind.example",
                 "--mail-templates", str(ROOT / "templates" / "mail")],
                cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL))
        deadline = start + max(120, n / 20)
        while counter.count() < n and time.monotonic() < deadline:
            if any(p.poll() is not None for p in procs):
                raise RuntimeError(f"a server exited: {(workdir / f'serve-{store}-{servers}-0.log').read_text()[-1500:]}")
            time.sleep(0.02)
        elapsed = counter.last - start
        time.sleep(1.0)  # anything sent twice would arrive now
        cpu = 0.0
        for p in procs:
            try:
                fields = Path(f"/proc/{p.pid}/stat").read_text().rsplit(")", 1)[1].split()
                import os
                cpu += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
            except OSError:
                pass
        ids = list(counter.ids)
    finally:
        for p in procs:
            if p.poll() is None:
                p.terminate()  # our own children, by their PID
                p.wait(timeout=30)
        smtp.stop()
    return {"store": store, "servers": servers, "messages": n, "arrived": len(ids), "distinct": len(set(ids)),
            "seconds": elapsed, "rate": len(ids) / elapsed if elapsed > 0 else 0.0, "cpu": cpu}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--binary", default=str(ROOT / "build" / "release" / "mentorhub"))
    ap.add_argument("--messages", type=int, default=3000)
    ap.add_argument("--stores", default="sqlite,postgres")
    ap.add_argument("--write-doc", action="store_true", help="rewrite the section of docs/benchmarks.md")
    args = ap.parse_args()
    binary = Path(args.binary).resolve()
    results = []
    cluster = None
    with tempfile.TemporaryDirectory(prefix="mh-outbox-") as tmp:
        workdir = Path(tmp)
        try:
            for store in args.stores.split(","):
                psql = None
                for servers in ([1] if store == "sqlite" else [1, 2]):
                    if store == "sqlite":
                        database = str(workdir / f"outbox-{servers}.db")
                    else:
                        from pgcluster import PgCluster
                        if cluster is None:
                            cluster = PgCluster()
                            cluster.start()
                        psql = cluster.bin_dir / "psql"
                        database = cluster.fresh_database(f"outbox_{servers}")
                    cli(binary, database, "demo")
                    fill(store, database, args.messages, psql)
                    r = run_case(binary, store, database, servers, args.messages, workdir)
                    results.append(r)
                    print(f"{store:8} servers={servers} {r['arrived']}/{r['messages']} arrived, {r['distinct']} distinct, "
                          f"{r['seconds']:.2f} s, {r['rate']:.0f} messages/s, server CPU {r['cpu']:.1f} s", flush=True)
        finally:
            if cluster is not None:
                cluster.stop()
    ok = all(r["arrived"] == r["messages"] == r["distinct"] for r in results)
    if args.write_doc:
        m = benchlib.machine("bench/mail/outbox_rate.py")
        rows = "\n".join(
            f"| {r['store']} | {r['servers']} | {r['messages']} | {r['arrived']} | {r['distinct']} | {r['seconds']:.2f} | "
            f"{r['rate']:.0f} | {r['cpu']:.1f} |" for r in results)
        section = f"""{BEGIN}
## E-mail: the outbox's delivery rate

{m['date']}, commit {m['commit']}; {m['cpu']} ({m['nproc']} cores shared with other work, load average
{m['loadavg']} at the end), {m['ram_gib']:.1f} GiB, {m['os']}. Command: `{m['invocation']}`.

Messages already in the outbox (pending, not rendered), delivered by `mentorhub serve --smtp` to a
loopback aiosmtpd server: each is claimed (16 per transaction, with a lease), rendered from the
templates, marked handed over in its own transaction, sent over one kept-alive SMTP connection
per server and marked sent. Time from the servers' start to the last arrival; "distinct" counts
Message-IDs, so a message sent twice would show as arrived > distinct.

| store | servers | messages | arrived | distinct | seconds | messages/s | server CPU s |
| --- | --- | --- | --- | --- | --- | --- | --- |
{rows}

Each message costs three write transactions (claim shared by 16, render, hand-over, mark sent):
the hand-over commit is what makes a message never sent twice after a crash, and it is most of the
cost on a store that syncs every commit.
{END}
"""
        benchlib.write_doc(ROOT / "docs" / "benchmarks.md", section, BEGIN, END)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
