#!/usr/bin/env python3
"""The store benchmark: the same HTTP mixes against SQLite and PostgreSQL, on this machine.

Started by bench/store/run.sh (`make bench`); see bench/README.md. For each store it seeds the
demo organisation into a fresh database (a SQLite file in a temporary folder; a database in a
throwaway PostgreSQL cluster with PostgreSQL's normal durability settings), starts
`mentorhub serve` on a free loopback port, signs in some demo people and gives each a personal
API token, then runs wrk (bounded: -t/-c/-d) with three Lua scripts, each after a short warm-up
with the same script:

  ceiling.lua  GET /healthz, the server's ceiling on this machine (no auth, one SELECT 1)
  read.lua     90% reads, 10% PATCH /api/v1/me
  write.lua    50% reads, 25% PATCH /api/v1/me, 25% request a mentor / withdraw the request

It prints a summary and writes its section of docs/benchmarks.md (between markers, leaving any
other section alone). Everything listens on 127.0.0.1 only, and everything it starts (servers,
the cluster) is stopped when it ends, also on Ctrl-C or SIGTERM.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT / "tests" / "support"))
sys.path.insert(0, str(HERE.parent))
import benchlib  # noqa: E402
from benchlib import Stop, command_output, non_2xx, on_signal, socket_errors, write_doc  # noqa: E402

PASSWORD = "mentorhub-demo"
ADMIN = "admin@northwind.example"
MIXES = [
    ("ceiling", "Reference: GET /healthz (no store work beyond `SELECT 1`)"),
    ("read", "Read-heavy mix: 90% reads, 10% PATCH /api/v1/me"),
    ("write", "Write-heavy mix: 50% reads, 25% PATCH /api/v1/me, 25% request a mentor, then withdraw"),
]
BEGIN = "<!-- bench/store:begin (written by bench/store/run.sh; edit the script, not this section) -->"
END = "<!-- bench/store:end -->"

# PostgreSQL's own defaults, which tests/support/pgcluster.py turns off for the tests' speed.
PG_DURABLE = {"fsync": "on", "synchronous_commit": "on", "full_page_writes": "on", "shared_buffers": "128MB"}


def log(msg: str) -> None:
    print(f"[bench] {msg}", flush=True)


class Client:
    def __init__(self, port: int):
        self.port = port

    def call(self, method: str, path: str, body=None, headers=None) -> tuple[int, dict, object]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            h = dict(headers or {})
            data = None
            if body is not None:
                data = json.dumps(body).encode()
                h["Content-Type"] = "application/json"
            conn.request(method, path, body=data, headers=h)
            r = conn.getresponse()
            raw = r.read()
            hdrs = {}
            for k, v in r.getheaders():
                hdrs.setdefault(k.lower(), []).append(v)
            try:
                payload = json.loads(raw) if raw else None
            except ValueError:
                payload = raw.decode(errors="replace")
            return r.status, hdrs, payload
        finally:
            conn.close()

    def ok(self, method: str, path: str, body=None, headers=None, expect=(200, 201)):
        status, hdrs, payload = self.call(method, path, body, headers)
        if status not in expect:
            raise RuntimeError(f"{method} {path} -> {status}: {payload}")
        return hdrs, payload

    def sign_in(self, email: str) -> dict:
        """Signs in and returns the headers of a cookie-authenticated write (cookie + CSRF)."""
        hdrs, payload = self.ok("POST", "/api/v1/auth/login", {"email": email, "password": PASSWORD})
        session = next(c.split(";", 1)[0] for c in hdrs.get("set-cookie", []) if c.startswith("mh_session="))
        return {"Cookie": session, "X-CSRF-Token": payload["csrf_token"]}


# -- the server ------------------------------------------------------------------------------

class Server(benchlib.Server):
    """A server of one store, which can seed that store with the demo first."""

    def __init__(self, binary: Path, database: str, workdir: Path, name: str):
        super().__init__(binary, database, workdir, log_name=f"serve-{name}.log")
        self.name = name

    def seed(self) -> None:
        subprocess.run([str(self.binary), "--database", self.database, "demo"], cwd=self.workdir, check=True,
                       stdout=subprocess.DEVNULL)


# -- the people the load runs as ---------------------------------------------------------------

def prepare_people(client: Client, data_dir: Path, count: int) -> dict:
    """Writes tokens.txt, people.txt and cursors.txt for the Lua scripts; returns a summary."""
    admin = client.sign_in(ADMIN)
    people, cursor = [], None
    while True:
        path = "/api/v1/people?limit=100" + (f"&cursor={cursor}" if cursor else "")
        _, page = client.ok("GET", path, headers=admin)
        people += page["items"]
        cursor = page["next_cursor"]
        if not cursor:
            break
    cursors, cursor = [], None
    while True:
        path = "/api/v1/people?limit=20" + (f"&cursor={cursor}" if cursor else "")
        _, page = client.ok("GET", path, headers=admin)
        cursor = page["next_cursor"]
        if not cursor:
            break
        cursors.append(cursor)

    # The demo's own relationships: the write mix must not trip over them (a mentee's open
    # requests, a pair already engaged, a mentor with no free place), so they are avoided.
    _, overview = client.ok("GET", "/api/v1/admin/relationships", headers=admin)
    final = {"declined", "withdrawn", "expired", "concluded"}
    open_requests: dict[str, int] = {}
    taken: dict[str, int] = {}
    engaged: set[tuple[str, str]] = set()
    for r in overview["items"]:
        if r["state"] in final:
            continue
        if r["state"] == "requested":
            open_requests[r["mentee_id"]] = open_requests.get(r["mentee_id"], 0) + 1
        taken[r["mentor_id"]] = taken.get(r["mentor_id"], 0) + 1
        engaged |= {(r["mentee_id"], r["mentor_id"]), (r["mentor_id"], r["mentee_id"])}

    people.sort(key=lambda p: int(p["id"]))
    candidates = [p for p in people if p["email"] != ADMIN and not open_requests.get(p["id"])]
    step = max(1, len(candidates) // count)
    chosen = candidates[::step][:count]
    chosen_ids = {p["id"] for p in chosen}
    mentors = [p for p in people if p["id"] not in chosen_ids and p["email"] != ADMIN
               and (p.get("mentor_capacity") or 0) - taken.get(p["id"], 0) >= 1]
    if len(mentors) < 4:
        raise RuntimeError("the demo has too few mentors with a free place for the write mix")

    def token_for(person: dict) -> str:
        write = client.sign_in(person["email"])
        _, payload = client.ok("POST", "/api/v1/me/tokens", {"label": "bench/store"}, headers=write)
        return payload["token"]

    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        tokens = list(pool.map(token_for, chosen))

    lines = []
    for i, (person, token) in enumerate(zip(chosen, tokens)):
        picks, k = [], i * 3
        while len(picks) < 3:
            m = mentors[k % len(mentors)]
            k += 1
            if (m["id"] != person.get("manager_id") and m["id"] not in picks
                    and (person["id"], m["id"]) not in engaged):
                picks.append(m["id"])
        lines.append(" ".join([person["id"], token, *picks]))
    (data_dir / "tokens.txt").write_text("\n".join(lines) + "\n")
    (data_dir / "people.txt").write_text("\n".join(p["id"] for p in people) + "\n")
    (data_dir / "cursors.txt").write_text("\n".join(cursors) + "\n")
    return {"people": len(people), "bench_people": len(chosen), "mentors": len(mentors), "cursors": len(cursors),
            "relationships": len(overview["items"]), "live_relationships": sum(taken.values()), "tokens": tokens}


def withdraw_open_requests(client: Client, tokens: list[str]) -> int:
    """Withdraws the requests a write run left open, so the next run starts with free slots."""
    withdrawn = 0
    for token in tokens:
        auth = {"Authorization": f"Bearer {token}"}
        _, page = client.ok("GET", "/api/v1/relationships?state=requested&role=mentee&limit=100", headers=auth)
        for r in page["items"]:
            client.ok("POST", f"/api/v1/relationships/{r['id']}/withdraw", {}, headers=auth)
            withdrawn += 1
    return withdrawn


# -- wrk -------------------------------------------------------------------------------------

def wrk(args, mix: str, port: int, data_dir: Path, seconds: int) -> tuple[dict, str]:
    cmd = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{seconds}s", f"--timeout={args.timeout}s",
           "-s", str(HERE / f"{mix}.lua"), f"http://127.0.0.1:{port}"]
    env = dict(os.environ, MH_BENCH_LUA=str(HERE), MH_BENCH_DATA=str(data_dir), MH_BENCH_THREADS=str(args.threads))
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=seconds + 60)
    if out.returncode != 0:
        raise RuntimeError(f"wrk failed ({out.returncode}): {out.stderr.strip()} {out.stdout[-500:]}")
    line = next((l for l in out.stdout.splitlines() if l.startswith("BENCH_JSON ")), None)
    if line is None:
        raise RuntimeError(f"wrk printed no BENCH_JSON line:\n{out.stdout}\n{out.stderr}")
    return json.loads(line[len("BENCH_JSON "):]), out.stdout


class Target:
    """One store with its server up and its benchmark people signed in."""

    def __init__(self, args, store: str, database: str, workdir: Path, pg_log: Path | None = None):
        self.args, self.store, self.pg_log = args, store, pg_log
        self.server = Server(args.binary, database, workdir, store)
        self.data_dir = workdir / f"data-{store}"
        self.results: dict = {}
        self.people: dict = {}

    def prepare(self) -> None:
        log(f"{self.store}: seeding the demo organisation")
        self.server.seed()
        port = self.server.start()
        log(f"{self.store}: mentorhub serve on 127.0.0.1:{port} (pid {self.server.proc.pid})")
        self.client = Client(port)
        self.data_dir.mkdir()
        self.people = prepare_people(self.client, self.data_dir, self.args.people)
        log(f"{self.store}: {self.people['bench_people']} people with API tokens, {self.people['people']} people, "
            f"{self.people['mentors']} mentors, {self.people['cursors'] + 1} list pages")

    def run(self, mix: str) -> None:
        args, server, port = self.args, self.server, self.server.port
        if args.warmup > 0:
            wrk(args, mix, port, self.data_dir, args.warmup)
            if mix == "write":
                time.sleep(0.5)
                withdraw_open_requests(self.client, self.people["tokens"])
        log(f"{self.store}: {mix} mix, {args.duration} s")
        offset = server.log_path.stat().st_size
        pg_offset = self.pg_log.stat().st_size if self.pg_log else 0
        result, raw = wrk(args, mix, port, self.data_dir, args.duration)
        result["wrk_stdout"] = raw
        time.sleep(0.5)  # requests still in the server when wrk stopped
        result["routes"] = route_stats(server.log_path, offset)
        if self.pg_log:
            result["pg_errors"] = pg_errors(self.pg_log, pg_offset)
        if mix == "write":
            result["left_open"] = withdraw_open_requests(self.client, self.people["tokens"])
        if not server.alive():
            raise RuntimeError(f"the {self.store} server died during the {mix} mix: {server.log_tail()}")
        lat = result["latency_ms"]
        log(f"{self.store}: {mix}: {result['rps']:.0f} req/s, p50 {lat['p50']:.2f} ms, p99 {lat['p99']:.2f} ms, "
            f"non-2xx {non_2xx(result)}, socket errors {socket_errors(result)}")
        self.results[mix] = result

    def summary(self) -> dict:
        return {"results": self.results, "people": {k: v for k, v in self.people.items() if k != "tokens"}}


ACCESS_LINE = re.compile(rb"\] \S+ (GET|POST|PATCH|PUT|DELETE|HEAD) (\S+) (\d{3}) ([\d.]+)ms")


def route_stats(log_path: Path, offset: int) -> dict:
    """Server-side time and statuses per route, from the access-log lines of one run."""
    times: dict[str, list[float]] = {}
    statuses: dict[str, dict[str, int]] = {}
    with open(log_path, "rb") as f:
        f.seek(offset)
        for line in f:
            m = ACCESS_LINE.search(line)
            if not m:
                continue
            route = m.group(1).decode() + " " + re.sub(r"/\d+(?=/|$)", "/{id}", m.group(2).decode())
            times.setdefault(route, []).append(float(m.group(4)))
            st = statuses.setdefault(route, {})
            st[m.group(3).decode()] = st.get(m.group(3).decode(), 0) + 1
    out = {}
    for route, ts in times.items():
        ts.sort()
        pct = lambda q: ts[min(len(ts) - 1, int(q / 100 * len(ts)))]  # noqa: E731
        out[route] = {"count": len(ts), "p50": pct(50), "p99": pct(99), "statuses": statuses[route]}
    return out


PG_LINE = re.compile(r"^\S+ \S+ \S+ \[(\d+)\] (ERROR|STATEMENT|DETAIL|HINT):\s+(.*)$")


def pg_errors(log_path: Path, offset: int) -> list[dict]:
    """PostgreSQL's ERROR lines of one run (each failed attempt, retried or not), by message and statement.

    PostgreSQL logs every failed statement (log_min_error_statement = error), so this counts the
    serialization failures the store retried, which the HTTP answers never show."""
    with open(log_path, "rb") as f:
        f.seek(offset)
        lines = f.read().decode(errors="replace").splitlines()
    counts: dict[tuple[str, str], int] = {}
    for i, line in enumerate(lines):
        m = PG_LINE.match(line)
        if not m or m.group(2) != "ERROR":
            continue
        statement = ""
        for follow in lines[i + 1:i + 5]:
            f = PG_LINE.match(follow)
            if not f or f.group(1) != m.group(1):
                continue
            if f.group(2) == "STATEMENT":
                statement = f.group(3)
                break
            if f.group(2) == "ERROR":
                break
        statement = re.sub(r"\s+", " ", statement)
        words = statement.split(" ") if statement else []
        short = " ".join(words[:4]) + (" ..." if len(words) > 4 else "") if words else "(none logged)"
        key = (m.group(3).strip(), short)
        counts[key] = counts.get(key, 0) + 1
    return [{"message": k[0], "statement": k[1], "count": n}
            for k, n in sorted(counts.items(), key=lambda kv: -kv[1])]


# -- PostgreSQL ------------------------------------------------------------------------------

def start_durable_cluster():
    """A throwaway cluster from tests/support/pgcluster.py, switched back to durable settings."""
    from pgcluster import PgCluster  # noqa: E402  (tests/support is on sys.path)

    cluster = PgCluster()
    cluster.start()
    data = cluster.dir / "data"
    with open(data / "postgresql.conf", "a", encoding="utf-8") as conf:
        conf.write("\n# bench/store: PostgreSQL's normal durability (the test settings above turn it off)\n")
        for key, value in PG_DURABLE.items():
            conf.write(f"{key} = {value}\n")
    # shared_buffers needs a restart; pg_ctl restart keeps the port (postmaster.opts).
    cluster._run("pg_ctl", "-D", str(data), "-l", str(cluster.dir / "server.log"), "-m", "fast", "-w", "-t", "60",
                 "restart")
    settings = {}
    for key in ["server_version", *PG_DURABLE, "wal_sync_method", "max_connections"]:
        out = subprocess.run([str(cluster.bin_dir / "psql"), "-h", "127.0.0.1", "-p", str(cluster.port), "-U",
                              "postgres", "-d", "mentorhub", "-Atc", f"SHOW {key}"],
                             capture_output=True, text=True, check=True, stdin=subprocess.DEVNULL)
        settings[key] = out.stdout.strip()
    for key, value in PG_DURABLE.items():
        if settings[key] != value:
            raise RuntimeError(f"PostgreSQL {key} is {settings[key]}, expected {value}")
    return cluster, settings


# -- the machine -----------------------------------------------------------------------------

def machine() -> dict:
    """benchlib's description of the machine, with what a store benchmark depends on too."""
    m = benchlib.machine("bench/store/run.sh")
    m["sqlite"] = command_output("sqlite3", "--version").split(" ")[0] or "unknown"
    m["disk"] = command_output("df", "--output=fstype", tempfile.gettempdir()).splitlines()[-1].strip()
    return m


# -- the report ------------------------------------------------------------------------------

def fmt_rps(x: float) -> str:
    return f"{x:,.0f}"


def fmt_ms(x: float) -> str:
    return f"{x:.2f}" if x < 10 else f"{x:.1f}"


def report(args, m: dict, pg_settings: dict, runs: dict) -> str:
    stores = [s for s in ("sqlite", "postgres") if s in runs]
    label = {"sqlite": "SQLite", "postgres": "PostgreSQL"}
    wrk_cmd = (f"wrk -t{args.threads} -c{args.connections} -d{args.duration}s --timeout={args.timeout}s "
               f"-s bench/store/MIX.lua http://127.0.0.1:PORT")
    workers = max(4, 2 * m["nproc"])
    out = [BEGIN, "", "## Store benchmark: SQLite and PostgreSQL", ""]
    out += [
        "The same HTTP mixes against each store, in one run on one machine, everything on 127.0.0.1. This "
        "section is written by the benchmark; to measure again:", "",
        "```sh", "make bench            # builds the release preset, runs this (bench/store/run.sh), then the other benchmarks",
        "bench/store/run.sh    # this one only, with build/release/mentorhub already built", "```", "",
        f"Each mix is `{wrk_cmd}` (MIX = `ceiling`, `read`, `write`) after a {args.warmup} s warm-up with the "
        f"same script. Both servers are up during the whole run (the idle one costs nothing) and each mix runs "
        f"on SQLite and right after on PostgreSQL, so that both stores see the same machine. This run was "
        f"`{m['invocation']}` and took {runs.get('_elapsed', 0):.0f} s in all.", "",
        "| | |", "| --- | --- |",
        f"| date | {m['date']} |",
        f"| CPU | {m['cpu']}, {m['nproc']} logical CPUs (`nproc`) |",
        f"| RAM | {m['ram_gib']:.1f} GiB |",
        f"| system | {m['os']}, Linux {m['kernel']}, temporary files on {m['disk']} |",
        f"| other load | load average {m['loadavg']} (1, 5, 15 min) when the run started, "
        f"{runs.get('_loadavg_end', '?')} when it ended |",
        f"| Mentorhub | release preset, commit {m['commit']}; `serve` defaults: {m['nproc']} I/O threads, "
        f"{workers} worker threads, a store pool of {workers + 2} connections; access log to a file |",
        f"| SQLite | {m['sqlite']}, a file in a temporary folder; Mentorhub's settings: WAL, `synchronous=NORMAL`, "
        f"busy timeout 5 s |",
    ]
    if pg_settings:
        out.append(
            f"| PostgreSQL | {pg_settings.get('server_version', '?')}, a throwaway cluster on the same disk, over TCP "
            f"on 127.0.0.1, with **normal durability**: `fsync={pg_settings['fsync']}`, "
            f"`synchronous_commit={pg_settings['synchronous_commit']}`, "
            f"`full_page_writes={pg_settings['full_page_writes']}`, "
            f"`shared_buffers={pg_settings['shared_buffers']}`, `wal_sync_method={pg_settings['wal_sync_method']}` "
            f"(the tests' cluster, `tests/support/pgcluster.py`, turns durability off for speed; the benchmark "
            f"turns it back on) |")
    out.append(f"| load generator | {m['wrk']}, {args.threads} threads, {args.connections} connections, on the same "
               f"machine (it competes with the server{' and PostgreSQL' if pg_settings else ''} for the CPUs) |")
    first = runs[stores[0]]["people"]
    out += [
        "",
        f"Data: the demo organisation (`mentorhub demo`: {first['people']} people, {first['relationships']} "
        f"relationships of which {first['live_relationships']} not finished), seeded fresh for each store. The load runs as {first['bench_people']} demo people, each with a personal API "
        f"token (`Authorization: Bearer`, so no CSRF); each wrk thread takes its own share of them and picks one "
        f"at random for each request, so writes spread over {first['bench_people']} rows.",
        "",
        "- **ceiling** (reference): `GET /healthz`, no authentication and one `SELECT 1`: what the server "
        "itself can do on this machine (HTTP, routing, the worker pool, the access log). The gap between it and "
        "the mixes is the cost of real store work (the token lookup, the queries, the transactions).",
        "- **read**: 90% reads, evenly `GET /api/v1/me`, `GET /api/v1/people?limit=20` (rotating through "
        "every page's real cursor), `GET /api/v1/people/{random id}`, `GET /api/v1/relationships`; "
        "10% `PATCH /api/v1/me` with a new bio.",
        "- **write**: 50% the same reads (relationships as `?state=requested`), 25% `PATCH /api/v1/me`, 25% a "
        "mentoring request's life: `POST /api/v1/relationships` (a mentee asks one of three mentors of their "
        "own, chosen with a free place and no relationship with them) and later `POST /api/v1/relationships/{id}/withdraw`; each is one transaction (`BEGIN IMMEDIATE` on "
        "SQLite, `SERIALIZABLE` on PostgreSQL) that checks the hard rules (open requests, the pair, the mentor's "
        "places) and writes the audit trail and a nudge. Requests left open at the end of a run are withdrawn "
        "before the next.",
        "",
        "requests/s and latency are wrk's, over all the requests of a mix (the scripts' `done()` prints the "
        "percentiles). Non-2xx counts every answer outside 200-299; socket errors are wrk's "
        "connect/read/write/timeout errors. The per-route tables are the server's own time from its access log "
        "(0.1 ms resolution): from reading the request to writing the answer, so they include the wait for a "
        f"free worker thread ({workers} workers for {args.connections} connections), not the network or wrk.",
    ]
    try:
        busy = float(m["loadavg"].split()[0]) >= 0.5 * m["nproc"]
    except ValueError:
        busy = False
    if busy:
        out += ["", f"**Note:** the machine was busy with other work when this run started (load average "
                f"{m['loadavg'].split()[0]} on {m['nproc']} CPUs), so the absolute figures are lower and noisier "
                f"than on an idle machine. Both stores ran alternately under the same conditions, so the ratio "
                f"between them is the sturdier figure."]
    for mix, title in MIXES:
        out += ["", f"### {title}", "",
                "| store | requests/s | p50 ms | p90 ms | p99 ms | max ms | requests | non-2xx | socket errors |",
                "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
        for s in stores:
            r = runs[s]["results"][mix]
            lat = r["latency_ms"]
            out.append(f"| {label[s]} | **{fmt_rps(r['rps'])}** | {fmt_ms(lat['p50'])} | {fmt_ms(lat['p90'])} | "
                       f"{fmt_ms(lat['p99'])} | {fmt_ms(lat['max'])} | {r['requests']:,} | {non_2xx(r)} | "
                       f"{socket_errors(r)} |")
        if mix == "ceiling":
            continue
        routes = sorted({rt for s in stores for rt in runs[s]["results"][mix]["routes"]},
                        key=lambda rt: (not rt.startswith("GET"), rt))
        head = "| route (server-side) |" + "".join(f" {label[s]} n | p50 ms | p99 ms |" for s in stores) + " non-2xx |"
        out += ["", head, "| --- |" + " ---: | ---: | ---: |" * len(stores) + " --- |"]
        for rt in routes:
            row = f"| `{rt}` |"
            bad = []
            for s in stores:
                st = runs[s]["results"][mix]["routes"].get(rt)
                if st is None:
                    row += " 0 | | |"
                    continue
                row += f" {st['count']:,} | {fmt_ms(st['p50'])} | {fmt_ms(st['p99'])} |"
                for code, n in sorted(st["statuses"].items()):
                    if not code.startswith("2"):
                        bad.append(f"{label[s]}: {n} x {code}")
            out.append(row + f" {', '.join(bad) if bad else '0'} |")
    problems = []
    for s in stores:
        for mix, _ in MIXES:
            r = runs[s]["results"][mix]
            for code, n in sorted(r["statuses"].items()):
                if 200 <= int(code) < 300:
                    continue
                where = [f"`{rt}` {st['statuses'][code]}" for rt, st in sorted(r["routes"].items())
                         if code in st["statuses"]]
                problems.append(f"- {label[s]}, {mix} mix: {n} x {code} of {r['requests']:,} requests "
                                f"({100 * n / max(1, r['requests']):.2f}%), on {', '.join(where) or '?'}:")
                for key, count in sorted(r["samples"].items(), key=lambda kv: -kv[1]):
                    if key.split(" ", 1)[0] == code:
                        body = key.split(" ", 1)[1].replace("|", "\\|")[:260]
                        problems.append(f"  - {count} x `{body}`")
    out.append("")
    if problems:
        out += ["**Answers outside 2xx**, by route, with their bodies:", "", *problems]
        text = "\n".join(problems)
        if "could not serialize" in text:
            notes = []
            if "concurrent update" in text:
                notes.append("*concurrent update* means two transactions changed the same row at once; PostgreSQL's "
                             "log below says which row")
            if "read/write dependencies" in text:
                notes.append("*read/write dependencies* means PostgreSQL's serializable checks saw two "
                             "transactions that read what the other wrote; they are not exact per row, so the "
                             "transactions of different people can collide too")
            out += ["", "These are PostgreSQL serialization failures (SQLSTATE 40001) still failing after the "
                    "store's eight attempts with jittered back-off (`Store::run`), so the server answered 503 "
                    "`unavailable` and the client may retry. " + "".join(n[0].upper() + n[1:] + ". " for n in notes)
                    + "SQLite cannot fail this way: its writers wait for the single write lock instead."]
    elif any(socket_errors(runs[s]["results"][mx]) for s in stores for mx, _ in MIXES):
        out.append("Every answer in every mix was 2xx; wrk's socket errors are counted above.")
    else:
        out.append("Every answer in every mix was 2xx (no 4xx, no 5xx), and wrk reported no socket errors.")
    if "postgres" in stores:
        pg = runs["postgres"]["results"]
        rows = [(mix, e) for mix, _ in MIXES for e in pg[mix].get("pg_errors", [])]
        out += ["", "**PostgreSQL's own log** counts every failed attempt, including the serialization failures "
                "that the store retried with success, which the HTTP answers never show (the caches' change "
                "counters are sequences on PostgreSQL since migration 5, so writes no longer conflict on them):", ""]
        if rows:
            out += ["| mix | requests | failed attempts | PostgreSQL's message | the failing statement |",
                    "| --- | ---: | ---: | --- | --- |"]
            for mix, _ in MIXES:
                errors = pg[mix].get("pg_errors", [])
                for e in errors[:5]:
                    message = e["message"].replace("could not serialize access due to ", "serialization: ")
                    out.append(f"| {mix} | {pg[mix]['requests']:,} | {e['count']:,} | {message} | "
                               f"`{e['statement']}` |")
                if len(errors) > 5:
                    rest = sum(e["count"] for e in errors[5:])
                    out.append(f"| {mix} | {pg[mix]['requests']:,} | {rest:,} | the same, on "
                               f"{len(errors) - 5} other statements | |")
        else:
            out.append("no error at all in any mix.")
    out += ["", when_to_move(runs, stores, m), "", END]
    return "\n".join(out) + "\n"


def when_to_move(runs: dict, stores: list[str], m: dict) -> str:
    head = "### When to move to PostgreSQL"
    if "sqlite" not in stores or "postgres" not in stores:
        return head + "\n\n(This run measured one store only; run both for this comparison.)"
    sq, pg = runs["sqlite"]["results"], runs["postgres"]["results"]

    def times(mix: str) -> str:
        r = sq[mix]["rps"] / pg[mix]["rps"]
        if r >= 1.1:
            return f"{r:.1f}x fewer requests/s"
        if r <= 1 / 1.1:
            return f"{1 / r:.1f}x more requests/s"
        return "about as many requests/s"

    def p(store: dict, mix: str, q: str = "p99") -> str:
        return fmt_ms(store[mix]["latency_ms"][q])

    def route_p50(store: dict, route: str) -> str:
        st = store["read"]["routes"].get(route)
        return fmt_ms(st["p50"]) if st else "?"

    pg_503 = sum(n for mix in ("read", "write") for code, n in pg[mix]["statuses"].items() if code == "503")
    slower = sq["read"]["rps"] > pg["read"]["rps"]
    lines = [
        head, "",
        f"**What this run measured.** On this {m['nproc']}-CPU machine, shared by wrk, the server and the "
        f"database, one Mentorhub server on PostgreSQL served {fmt_rps(pg['read']['rps'])} requests/s on the "
        f"read-heavy mix against SQLite's {fmt_rps(sq['read']['rps'])} ({times('read')}; p99 {p(pg, 'read')} ms "
        f"against {p(sq, 'read')} ms) and {fmt_rps(pg['write']['rps'])} against {fmt_rps(sq['write']['rps'])} on "
        f"the write-heavy mix ({times('write')}; p99 {p(pg, 'write')} ms against {p(sq, 'write')} ms). Even the ceiling's "
        f"lone `SELECT 1` shows the difference ({fmt_rps(pg['ceiling']['rps'])} against "
        f"{fmt_rps(sq['ceiling']['rps'])} requests/s): SQLite is a library call inside the server, while each "
        f"PostgreSQL query is a round trip over TCP to another process that needs the same CPUs, and a request "
        f"makes several queries (the token, the person, each listed person's details: `GET "
        f"/api/v1/people?limit=20` took {route_p50(pg, 'GET /api/v1/people')} ms at the median on PostgreSQL, "
        f"{route_p50(sq, 'GET /api/v1/people')} ms on SQLite).",
    ]
    if pg_503:
        lines[-1] += (f" Under concurrent writes PostgreSQL also refused {pg_503} "
                      f"request{'s' if pg_503 != 1 else ''} with 503 after eight serialization retries (above); "
                      f"SQLite's writers queued on its lock instead.")
    worst = max(pg["write"]["routes"].items(), key=lambda kv: kv[1]["p99"], default=None)
    if worst and worst[0].startswith("POST /api/v1/relationships") and worst[1]["p99"] > 1.5 * pg["read"]["latency_ms"]["p99"]:
        lines[-1] += (f" Its slowest route was `{worst[0]}` (p99 {fmt_ms(worst[1]['p99'])} ms server-side), the "
                      f"transaction that reads the most before it writes: serialization failures are retried "
                      f"after a jittered back-off.")
    counter = sum(e["count"] for e in pg["write"].get("pg_errors", []) if "change_counters" in e["statement"])
    failed = sum(e["count"] for e in pg["write"].get("pg_errors", []))
    if counter:
        lines[-1] += (f" In the write mix PostgreSQL logged {failed:,} failed attempts for "
                      f"{fmt_rps(pg['write']['requests'])} requests, {counter:,} of them on the single "
                      f"`change_counters` row that every profile edit and every relationship change bumps: as it "
                      f"stands, writes of one kind serialize on that row on PostgreSQL too, and pay retries besides.")
    lines[-1] += (" So PostgreSQL does not make one machine faster" if slower else
                  " So on one machine the choice is not about speed")
    lines[-1] += (", and either store is far above a mentoring program's needs: even 10,000 people making 100 "
                  "requests each in the same busy hour is under 300 requests per second.")
    lines += [
        "",
        "**Stay on SQLite** while one server on one machine is enough: there is no database server to run, a "
        "backup is one file, and it is the fastest store Mentorhub has. Its limits are structural, not speed: "
        "one writer at a time (writes queue on the database lock, up to the 5 s busy timeout, so long write "
        "bursts show as latency first), and one machine (the file cannot be shared by servers on several "
        "machines, and that machine is a single point of failure).",
        "",
        "**Move to PostgreSQL** (`mentorhub copy --from mentorhub.db --to postgresql://...`: ids kept, counts "
        "verified) when you need one of: several servers behind a load balancer (sessions, API tokens and "
        "sign-in counters live in the database, so any server can answer any request); surviving the loss of a "
        "machine (replication, failover, managed backups and point-in-time recovery); or more concurrent writers "
        "than one lock serves (PostgreSQL runs write transactions side by side at `SERIALIZABLE`, and Mentorhub "
        "retries the conflicts"
        + ("; that gain needs the `change_counters` hot row above gone first" if counter else "")
        + "). "
        + (f"Budget for the measured cost: the same machine served {sq['read']['rps'] / pg['read']['rps']:.1f}x "
           "fewer read-heavy requests on PostgreSQL here, so give PostgreSQL its own machine and count on adding "
           "servers, not on one server going faster." if slower else
           "On this machine it cost no read-heavy throughput, so the operational cost of running a database "
           "server is the price to weigh."),
    ]
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--binary", type=Path, default=Path(os.environ.get("MENTORHUB", ROOT / "build/release/mentorhub")))
    ap.add_argument("--stores", default="sqlite,postgres", help="comma-separated: sqlite, postgres")
    ap.add_argument("--threads", type=int, default=2, help="wrk threads (-t)")
    ap.add_argument("--connections", type=int, default=32, help="wrk connections (-c)")
    ap.add_argument("--duration", type=int, default=15, help="seconds per measured run (-d)")
    ap.add_argument("--warmup", type=int, default=3, help="seconds of warm-up before each run (0: none)")
    ap.add_argument("--timeout", type=int, default=10, help="wrk request timeout in seconds")
    ap.add_argument("--people", type=int, default=32, help="demo people with API tokens")
    ap.add_argument("--doc", type=Path, default=ROOT / "docs/benchmarks.md")
    ap.add_argument("--no-doc", action="store_true", help="print the section instead of writing it")
    args = ap.parse_args()

    if not 1 <= args.threads <= 16 or not args.threads <= args.connections <= 256 or not 1 <= args.duration <= 120:
        ap.error("keep the load bounded: 1-16 threads, threads <= connections <= 256, 1-120 s")
    args.binary = args.binary.resolve()  # the servers run in a temporary folder
    if not (args.binary.is_file() and os.access(args.binary, os.X_OK)):
        ap.error(f"{args.binary} is not built; run `make bench` (or cmake --build --preset release)")
    if shutil.which("wrk") is None:
        ap.error("wrk is not installed (apt-get install wrk)")
    stores = [s.strip() for s in args.stores.split(",") if s.strip()]
    if not stores or any(s not in ("sqlite", "postgres") for s in stores):
        ap.error("--stores takes sqlite and/or postgres")

    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, on_signal)

    started = time.monotonic()
    m = machine()
    runs: dict = {}
    pg_settings: dict = {}
    cluster = None
    targets: list[Target] = []
    workdir = Path(tempfile.mkdtemp(prefix="mh-bench-"))
    try:
        for store in stores:
            if store == "sqlite":
                database = str(workdir / "mentorhub.db")
            else:
                log("postgres: starting a throwaway cluster with normal durability")
                cluster, pg_settings = start_durable_cluster()
                log(f"postgres: PostgreSQL {pg_settings['server_version']} on 127.0.0.1:{cluster.port} "
                    f"(fsync={pg_settings['fsync']}, synchronous_commit={pg_settings['synchronous_commit']})")
                database = cluster.fresh_database("bench")
            pg_log = cluster.dir / "server.log" if store == "postgres" else None
            targets.append(Target(args, store, database, workdir, pg_log))
            targets[-1].prepare()
        # Both servers are up (an idle one costs nothing); each mix runs on one store right after
        # the other, so that both see the same machine, even when other work comes and goes.
        for mix, _title in MIXES:
            for target in targets:
                target.run(mix)
        for target in targets:
            runs[target.store] = target.summary()
    except Stop as e:
        log(f"stopped by {e}")
        return 130
    finally:
        for target in targets:
            target.server.stop()
        if cluster is not None:
            cluster.stop()
        shutil.rmtree(workdir, ignore_errors=True)

    runs["_elapsed"] = time.monotonic() - started
    runs["_loadavg_end"] = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    section = report(args, m, pg_settings, runs)
    if args.no_doc:
        print(section)
    else:
        write_doc(args.doc, section, BEGIN, END)
        log(f"wrote {args.doc}")
    log(f"done in {runs['_elapsed']:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
