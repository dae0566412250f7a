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
from benchlib import Stop, command_output, non_2xx, on_signal, run_wrk, socket_errors, wait_for_log  # noqa: E402

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
        status, hdrs, raw = benchlib.http_call(self.port, method, path, body, headers)
        try:
            payload = json.loads(raw) if raw else None
        except ValueError:
            payload = raw.decode(errors="replace")
        return status, hdrs, payload

    def ok(self, method: str, path: str, body=None, headers=None, expect=(200, 201)):
        status, hdrs, payload = self.call(method, path, body, headers)
        if status not in expect:
            raise RuntimeError(f"{method} {path} -> {status}: {payload}")
        return hdrs, payload

    def sign_in(self, email: str) -> dict:
        """Signs in and returns the headers of a cookie-authenticated write (cookie + CSRF)."""
        hdrs, payload = self.ok("POST", "/api/v1/auth/login", {"email": email, "password": PASSWORD})
        session = benchlib.session_cookie(hdrs)
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
    return run_wrk(cmd, env, seconds)


class Target:
    """One store served by one Mentorhub binary (the one measured, or the baseline it is compared
    with), with its server up and its benchmark people signed in."""

    def __init__(self, args, store: str, binary: Path, database: str, workdir: Path, pg_log: Path | None = None,
                 before: bool = False):
        self.args, self.store, self.pg_log, self.before = args, store, pg_log, before
        self.key = store + ("-before" if before else "")
        self.server = Server(binary, database, workdir, self.key)
        self.data_dir = workdir / f"data-{self.key}"
        self.results: dict = {}
        self.people: dict = {}
        self.threads = ""

    def prepare(self) -> None:
        log(f"{self.key}: seeding the demo organisation")
        self.server.seed()
        port = self.server.start()
        m = re.search(rb"\((\d+) I/O threads, (\d+) workers\)", self.server.log_path.read_bytes()[:8192])
        self.threads = f"{m.group(1).decode()} I/O threads, {m.group(2).decode()} workers" if m else "?"
        log(f"{self.key}: mentorhub serve on 127.0.0.1:{port} (pid {self.server.proc.pid}, {self.threads})")
        self.client = Client(port)
        self.data_dir.mkdir()
        self.people = prepare_people(self.client, self.data_dir, self.args.people)
        log(f"{self.key}: {self.people['bench_people']} people with API tokens, {self.people['people']} people, "
            f"{self.people['mentors']} mentors, {self.people['cursors'] + 1} list pages")

    def run(self, mix: str) -> None:
        args, server, port = self.args, self.server, self.server.port
        if args.warmup > 0:
            wrk(args, mix, port, self.data_dir, args.warmup)
            if mix == "write":
                time.sleep(0.5)
                withdraw_open_requests(self.client, self.people["tokens"])
        log(f"{self.key}: {mix} mix, {args.duration} s")
        offset = server.log_path.stat().st_size
        pg_offset = self.pg_log.stat().st_size if self.pg_log else 0
        cpu_before = server.cpu_seconds()
        with Profiler(args.perf, server.proc.pid, f"{self.key}-{mix}", args.duration):
            result, raw = wrk(args, mix, port, self.data_dir, args.duration)
        result["server_cpu_s"] = server.cpu_seconds() - cpu_before
        result["wrk_stdout"] = raw
        wait_for_log()  # and requests still in the server when wrk stopped
        result["routes"] = route_stats(server.log_path, offset)
        if self.pg_log:
            result["pg_errors"] = pg_errors(self.pg_log, pg_offset)
        if mix == "write":
            result["left_open"] = withdraw_open_requests(self.client, self.people["tokens"])
            # A quarter of the mix is a request's life; when write.lua stops recognising the
            # answers, every slot stays "creating" and the mix silently becomes profile edits.
            total = sum(r["count"] for r in result["routes"].values())
            asked = result["routes"].get("POST /api/v1/relationships", {}).get("count", 0)
            withdrawn = result["routes"].get("POST /api/v1/relationships/{id}/withdraw", {}).get("count", 0)
            if total and min(asked, withdrawn) < 0.05 * total:
                raise RuntimeError(f"the {self.key} write mix made {asked} requests and {withdrawn} withdrawals in "
                                   f"{total} requests: bench/store/write.lua no longer follows the answers")
        if not server.alive():
            raise RuntimeError(f"the {self.key} server died during the {mix} mix: {server.log_tail()}")
        lat = result["latency_ms"]
        log(f"{self.key}: {mix}: {result['rps']:.0f} req/s, p50 {lat['p50']:.2f} ms, p99 {lat['p99']:.2f} ms, "
            f"non-2xx {non_2xx(result)}, socket errors {socket_errors(result)}")
        self.results[mix] = result

    def summary(self) -> dict:
        return {"results": self.results, "people": {k: v for k, v in self.people.items() if k != "tokens"},
                "rss_mib": self.server.rss_mib(), "threads": self.threads, "store": self.store,
                "before": self.before}


class Reference:
    """The minimal Beast server (bench/store/beast_ceiling.cpp): one small JSON body for every
    request. Its ceiling mix is the machine's ceiling in this run."""

    def __init__(self, args, workdir: Path):
        self.args, self.workdir = args, workdir
        self.proc: subprocess.Popen | None = None
        self.port = 0
        self.runs: list[dict] = []

    def start(self) -> None:
        self.proc = subprocess.Popen([str(self.args.reference), "--port", "0"], stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, text=True)
        line = self.proc.stdout.readline()
        m = re.search(r"listening on 127\.0\.0\.1:(\d+) \((\d+) I/O threads\)", line)
        if not m:
            raise RuntimeError(f"the reference server did not say its port: {line!r}")
        self.port, self.threads = int(m.group(1)), int(m.group(2))
        log(f"reference: minimal Beast server on 127.0.0.1:{self.port} (pid {self.proc.pid}, {self.threads} I/O "
            f"threads)")

    def run(self, when: str) -> None:
        if self.args.warmup > 0:
            wrk(self.args, "ceiling", self.port, self.workdir, self.args.warmup)
        log(f"reference ({when}): ceiling mix, {self.args.duration} s")
        result, _ = wrk(self.args, "ceiling", self.port, self.workdir, self.args.duration)
        result["when"] = when
        result["loadavg"] = benchlib.loadavg()
        lat = result["latency_ms"]
        log(f"reference ({when}): {result['rps']:.0f} req/s, p50 {lat['p50']:.2f} ms, p99 {lat['p99']:.2f} ms")
        self.runs.append(result)

    def stop(self) -> None:
        if self.proc is not None:
            benchlib.stop_process(self.proc, 10)
        self.proc = None


class Profiler:
    """With --perf DIR: `perf record` of one server (by PID) while a mix runs, then a text
    summary (the hottest functions by self time, and by DSO) in DIR/NAME.txt."""

    def __init__(self, out_dir: Path | None, pid: int, name: str, seconds: int):
        self.out_dir, self.pid, self.name, self.seconds = out_dir, pid, name, seconds
        self.proc: subprocess.Popen | None = None

    def __enter__(self):
        if self.out_dir is None:
            return self
        self.data = self.out_dir / f"{self.name}.data"
        self.proc = subprocess.Popen(["perf", "record", "-F", "499", "--call-graph", "dwarf,8192", "-o",
                                      str(self.data), "-p", str(self.pid), "--", "sleep", str(self.seconds)],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return self

    def __exit__(self, *exc):
        if self.proc is None:
            return False
        self.proc.wait(timeout=self.seconds + 60)
        text = [f"# {self.name}: perf record -F 499 --call-graph dwarf -p <server> for {self.seconds} s", ""]
        for title, options in (("Self time by library", ["--no-children", "--sort", "dso", "--percent-limit", "0.5"]),
                               ("Self time by function", ["--no-children", "--sort", "sym", "--percent-limit", "0.5"]),
                               ("Time including callees, by function", ["--children", "--sort", "sym",
                                                                        "--percent-limit", "2"])):
            out = subprocess.run(["perf", "report", "-i", str(self.data), "--stdio", "-g", "none", *options],
                                 capture_output=True, text=True, timeout=600)
            text += [f"## {title}", "", *compact_profile(out.stdout, 60), ""]
        (self.out_dir / f"{self.name}.txt").write_text("\n".join(text))
        self.data.unlink(missing_ok=True)  # tens of megabytes; the summary is what is kept
        log(f"profile: {self.out_dir / (self.name + '.txt')}")
        return False


# Frames that only carry a call (Asio's handlers, std::function, inlined copies) say nothing.
PLUMBING = re.compile(r"\(inlined\)|boost::asio::|std::_Function|std::__invoke|std::function|_M_invoke|"
                      r"^\S+\s+\S+\s+\[.\] 0x[0-9a-f]+$")


def compact_profile(report: str, limit: int) -> list[str]:
    """perf report's lines without comments, template arguments or plumbing frames, at most
    `limit` of them, each at most 150 characters."""
    out = []
    for line in report.splitlines():
        line = line.rstrip()
        if not line or line.startswith("#"):
            continue
        previous = None
        while previous != line:
            previous, line = line, re.sub(r"<[^<>]*>", "", line)
        line = re.sub(r"\[abi:cxx11\]|json_abi_v3_11_2::", "", line)
        if PLUMBING.search(line.strip()):
            continue
        out.append(line[:150])
        if len(out) >= limit:
            break
    return out


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
    cluster = benchlib.start_durable_cluster(
        PG_DURABLE, "bench/store: PostgreSQL's normal durability (the test settings above turn it off)")
    settings = {key: benchlib.pg_show(cluster, key)
                for key in ["server_version", *PG_DURABLE, "wal_sync_method", "max_connections"]}
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


LABEL = {"sqlite": "SQLite", "postgres": "PostgreSQL"}

# The goals of issue 21, judged on each run (never in tests): requests/s at least, p99 under.
GOALS = {"sqlite": {"read": (20000, 10.0), "write": (5000, None)},
         "postgres": {"read": (8000, 20.0), "write": (3000, None)}}
HEALTHZ_SHARE = 0.8


def target_label(runs: dict, key: str, args) -> str:
    t = runs[key]
    return LABEL[t["store"]] + (f", before ({args.baseline_label})" if t["before"] else "")


def result_row(label: str, r: dict, ref_rps: float | None = None) -> str:
    lat = r["latency_ms"]
    share = f" | {100 * r['rps'] / ref_rps:.0f} %" if ref_rps else " | "
    cpu = r.get("server_cpu_s")
    per_request = f"{1000 * cpu / max(1, r['requests']):.3f}" if cpu is not None else ""
    return (f"| {label} | **{fmt_rps(r['rps'])}**{share} | {fmt_ms(lat['p50'])} | {fmt_ms(lat['p90'])} | "
            f"{fmt_ms(lat['p99'])} | {fmt_ms(lat['max'])} | {r['requests']:,} | {per_request} | {non_2xx(r)} | "
            f"{socket_errors(r)} |")


def goals(args, runs: dict, keys: list[str], ref_rps: float, busy: bool) -> list[str]:
    """The issue's goals against this run's figures: met, not met, or met on a busy machine
    (then not claimed)."""
    def verdict(ok: bool) -> str:
        if not ok:
            return "**not met**"
        return "met, but on a busy machine: not claimed" if busy else "**met**"

    out = ["", "### The goals (issue 21) in this run", "",
           "| goal | store | this run | verdict |", "| --- | --- | --- | --- |"]
    for key in keys:
        t = runs[key]
        store, res = t["store"], t["results"]
        if "ceiling" in res and ref_rps:
            share = res["ceiling"]["rps"] / ref_rps
            out.append(f"| `/healthz` at least {HEALTHZ_SHARE:.0%} of the minimal server | {LABEL[store]} | "
                       f"{100 * share:.0f} % ({fmt_rps(res['ceiling']['rps'])} of {fmt_rps(ref_rps)}) | "
                       f"{verdict(share >= HEALTHZ_SHARE)} |")
        if "read" in res:
            rps, p99 = GOALS[store]["read"]
            r = res["read"]
            ok = r["rps"] >= rps and r["latency_ms"]["p99"] < p99
            out.append(f"| read mix at least {fmt_rps(rps)} requests/s, p99 under {p99:.0f} ms | {LABEL[store]} | "
                       f"{fmt_rps(r['rps'])}/s, p99 {fmt_ms(r['latency_ms']['p99'])} ms | {verdict(ok)} |")
        if "write" in res:
            rps, _ = GOALS[store]["write"]
            r = res["write"]
            bad = non_2xx(r) + socket_errors(r)
            ok = r["rps"] >= rps and bad == 0
            out.append(f"| write mix at least {fmt_rps(rps)} requests/s, no answer outside 2xx | {LABEL[store]} | "
                       f"{fmt_rps(r['rps'])}/s, {bad} outside 2xx or failed | {verdict(ok)} |")
            if store == "postgres":
                # The read mix writes nothing but profile edits, each by its own person; in the write
                # mix only the statements on a profile's tables are surely edits'.
                edits = sum(e["count"] for e in res.get("read", {}).get("pg_errors", []) if "serialize" in e["message"])
                edits += sum(e["count"] for e in r.get("pg_errors", [])
                             if "serialize" in e["message"] and re.search(
                                 r"\b(people|person_skills|person_former_managers|people_search)\b", e["statement"]))
                out.append(f"| no serialization retry on edits by different people | {LABEL[store]} | "
                           f"{edits} failed attempts (every one of the read mix, where only profile edits write, and "
                           f"those on a profile's tables in the write mix) | {verdict(edits == 0)} |")
    return out


def report(args, m: dict, pg_settings: dict, runs: dict) -> str:
    keys = [k for k in runs if not k.startswith("_")]
    after = [k for k in keys if not runs[k]["before"]]
    stores = [runs[k]["store"] for k in after]
    mixes = [(mx, title) for mx, title in MIXES if mx in args.mix_list]
    refs = runs.get("_reference", [])
    ref_rps = max((r["rps"] for r in refs), default=0.0)
    wrk_cmd = (f"wrk -t{args.threads} -c{args.connections} -d{args.duration}s --timeout={args.timeout}s "
               f"-s bench/store/MIX.lua http://127.0.0.1:PORT")
    out = [BEGIN, "", "## Store benchmark: SQLite and PostgreSQL, beside the machine's ceiling", ""]
    out += [
        "The same HTTP mixes against each store and against a minimal Boost.Beast server, in one run on one "
        "machine, everything on 127.0.0.1. This section is written by the benchmark; to measure again:", "",
        "```sh", "make bench            # builds the release preset, runs this (bench/store/run.sh), then the other benchmarks",
        "bench/store/run.sh    # this one only, with build/release/mentorhub and bench_beast_ceiling built",
        "bench/store/run.sh --baseline OLD/mentorhub --baseline-label abc1234   # before and after, in one run",
        "```", "",
        f"Each mix is `{wrk_cmd}` (MIX = `ceiling`, `read`, `write`) after a {args.warmup} s warm-up with the "
        f"same script. Every server is up during the whole run (an idle one costs nothing) and each mix runs on "
        f"every server one right after the other, so that all see the same machine. The reference (below) runs "
        f"first and last. This run was `{m['invocation']}` and took {runs.get('_elapsed', 0):.0f} s in all.", "",
        "| | |", "| --- | --- |",
        f"| date | {m['date']} |",
        f"| CPU | {m['cpu']}, {m['nproc']} logical CPUs (`nproc`) |",
        f"| RAM | {m['ram_gib']:.1f} GiB |",
        f"| system | {m['os']}, Linux {m['kernel']}, temporary files on {m['disk']} |",
        f"| other load | load average {m['loadavg']} (1, 5, 15 min) when the run started, "
        f"{runs.get('_loadavg_end', '?')} when it ended |",
        f"| Mentorhub | release preset, commit {m['commit']}; `serve` defaults: {runs[after[0]]['threads']}; "
        f"access log to a file |",
    ]
    if args.baseline:
        before = [k for k in keys if runs[k]["before"]]
        out.append(f"| before | `{args.baseline_label}`, the same benchmark on a database of its own "
                   f"({runs[before[0]]['threads'] if before else '?'}) |")
    out.append(f"| reference | `bench_beast_ceiling` (`bench/store/beast_ceiling.cpp`): Boost.Beast, "
               f"{runs.get('_reference_threads', '?')} I/O threads, one coroutine per connection, the same "
               f"`{{\"status\":\"ok\"}}` for every request, no routing, worker pool, store or log |")
    out.append(f"| SQLite | {m['sqlite']}, a file in a temporary folder; Mentorhub's settings: WAL, "
               f"`synchronous=NORMAL`, busy timeout 5 s |")
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
    first = runs[after[0]]["people"]
    out += [
        "",
        f"Data: the demo organisation (`mentorhub demo`: {first['people']} people, {first['relationships']} "
        f"relationships of which {first['live_relationships']} not finished), seeded fresh for each server. The "
        f"load runs as {first['bench_people']} demo people, each with a personal API token (`Authorization: "
        f"Bearer`, so no CSRF); each wrk thread takes its own share of them and picks one at random for each "
        f"request, so writes spread over {first['bench_people']} rows.",
        "",
        "- **reference**: the minimal Beast server under the `ceiling` script: what HTTP alone costs on this "
        "machine with wrk beside it. Every other figure is read against it.",
        "- **ceiling**: `GET /healthz`, no authentication and one `SELECT 1`: the server itself (HTTP, routing, "
        "the worker pool, the access log). The gap to the mixes is the cost of real work.",
        "- **read**: 90% reads, evenly `GET /api/v1/me`, `GET /api/v1/people?limit=20` (rotating through "
        "every page's real cursor), `GET /api/v1/people/{random id}`, `GET /api/v1/relationships`; "
        "10% `PATCH /api/v1/me` with a new bio.",
        "- **write**: 50% the same reads (relationships as `?state=requested`), 25% `PATCH /api/v1/me`, 25% a "
        "mentoring request's life: `POST /api/v1/relationships` (a mentee asks one of three mentors of their "
        "own, chosen with a free place and no relationship with them) and later "
        "`POST /api/v1/relationships/{id}/withdraw`, each one transaction that checks the hard rules (open "
        "requests, the pair, the mentor's places) and writes the audit trail and a notification. Requests left "
        "open at the end of a run are withdrawn before the next.",
        "",
        "requests/s and latency are wrk's, over all the requests of a mix (the scripts' `done()` prints the "
        "percentiles); *% ref.* is requests/s against the reference's best run; *server CPU ms a request* is the "
        "server process's CPU time (user + system) during the run over its requests. Non-2xx counts every "
        "answer outside 200-299; socket errors are wrk's connect/read/write/timeout errors. The per-route tables "
        "are the server's own time from its access log (0.1 ms resolution): from reading the request to writing "
        "the answer, so they include the wait for a free worker thread, not the network or wrk.",
    ]
    try:
        busy = float(m["loadavg"].split()[0]) >= 0.5 * m["nproc"]
    except ValueError:
        busy = False
    if busy:
        out += ["", f"**The machine was busy** with other work when this run started (load average "
                f"{m['loadavg'].split()[0]} on {m['nproc']} CPUs, before the benchmark's own load), so the absolute "
                f"figures are lower and noisier than on an idle machine, and no goal is claimed from this run. "
                f"Every server ran alternately under the same conditions, so the ratios between them (and to "
                f"the reference) are the sturdier figures."]
    head = ("| server | requests/s | % ref. | p50 ms | p90 ms | p99 ms | max ms | requests | server CPU ms a request "
            "| non-2xx | socket errors |")
    rule = "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    for mix, title in mixes:
        out += ["", f"### {title}", "", head, rule]
        if mix == "ceiling":
            for r in refs:
                lat = r["latency_ms"]
                out.append(f"| reference, minimal Beast server ({r['when']}; load {r['loadavg'].split()[0]}) | "
                           f"**{fmt_rps(r['rps'])}** | {100 * r['rps'] / ref_rps:.0f} % | {fmt_ms(lat['p50'])} | "
                           f"{fmt_ms(lat['p90'])} | {fmt_ms(lat['p99'])} | {fmt_ms(lat['max'])} | {r['requests']:,} | "
                           f" | {non_2xx(r)} | {socket_errors(r)} |")
        for k in keys:
            if mix in runs[k]["results"]:
                out.append(result_row(target_label(runs, k, args), runs[k]["results"][mix], ref_rps or None))
        if mix == "ceiling":
            continue
        for store in dict.fromkeys(runs[k]["store"] for k in keys):
            cols = [k for k in keys if runs[k]["store"] == store]
            routes = sorted({rt for k in cols for rt in runs[k]["results"][mix]["routes"]},
                            key=lambda rt: (not rt.startswith("GET"), rt))
            out += ["", "| route, server-side (" + LABEL[store] + ") |" +
                    "".join(f" {target_label(runs, k, args)}: n | p50 ms | p99 ms |" for k in cols) + " non-2xx |",
                    "| --- |" + " ---: | ---: | ---: |" * len(cols) + " --- |"]
            for rt in routes:
                row = f"| `{rt}` |"
                bad = []
                for k in cols:
                    st = runs[k]["results"][mix]["routes"].get(rt)
                    if st is None:
                        row += " 0 | | |"
                        continue
                    row += f" {st['count']:,} | {fmt_ms(st['p50'])} | {fmt_ms(st['p99'])} |"
                    for code, n in sorted(st["statuses"].items()):
                        if not code.startswith("2"):
                            bad.append(f"{target_label(runs, k, args)}: {n} x {code}")
                out.append(row + f" {', '.join(bad) if bad else '0'} |")
    out += goals(args, runs, after, ref_rps, busy)
    out += ["", "Resident memory of each server at the end of the run (demo organisation): " +
            ", ".join(f"{target_label(runs, k, args)} {runs[k]['rss_mib']:.0f} MiB" for k in keys) + "."]
    problems = []
    for k in keys:
        for mix, _ in mixes:
            r = runs[k]["results"][mix]
            for code, n in sorted(r["statuses"].items()):
                if 200 <= int(code) < 300:
                    continue
                where = [f"`{rt}` {st['statuses'][code]}" for rt, st in sorted(r["routes"].items())
                         if code in st["statuses"]]
                problems.append(f"- {target_label(runs, k, args)}, {mix} mix: {n} x {code} of {r['requests']:,} "
                                f"requests ({100 * n / max(1, r['requests']):.2f}%), on {', '.join(where) or '?'}:")
                for sample, count in sorted(r["samples"].items(), key=lambda kv: -kv[1]):
                    if sample.split(" ", 1)[0] == code:
                        body = sample.split(" ", 1)[1].replace("|", "\\|")[:260]
                        problems.append(f"  - {count} x `{body}`")
    out.append("")
    if problems:
        out += ["**Answers outside 2xx**, by route, with their bodies:", "", *problems]
        if "could not serialize" in "\n".join(problems):
            out += ["", "These are PostgreSQL serialization failures (SQLSTATE 40001) still failing after the "
                    "store's eight attempts with jittered back-off (`Store::run`), so the server answered 503 "
                    "`unavailable` and the client may retry."]
    elif any(socket_errors(runs[k]["results"][mx]) for k in keys for mx, _ in mixes):
        out.append("Every answer in every mix was 2xx; wrk's socket errors are counted above.")
    else:
        out.append("Every answer in every mix was 2xx (no 4xx, no 5xx), and wrk reported no socket errors.")
    pg_keys = [k for k in keys if runs[k]["store"] == "postgres"]
    if pg_keys:
        out += ["", "**PostgreSQL's own log** counts every failed attempt, including the serialization failures "
                "that the store retried with success, which the HTTP answers never show:", ""]
        rows = [(k, mix, e) for k in pg_keys for mix, _ in mixes for e in runs[k]["results"][mix].get("pg_errors", [])]
        if rows:
            out += ["| server | mix | requests | failed attempts | PostgreSQL's message | the failing statement |",
                    "| --- | --- | ---: | ---: | --- | --- |"]
            for k in pg_keys:
                for mix, _ in mixes:
                    r = runs[k]["results"][mix]
                    errors = r.get("pg_errors", [])
                    for e in errors[:5]:
                        message = e["message"].replace("could not serialize access due to ", "serialization: ")
                        out.append(f"| {target_label(runs, k, args)} | {mix} | {r['requests']:,} | {e['count']:,} | "
                                   f"{message} | `{e['statement']}` |")
                    if len(errors) > 5:
                        rest = sum(e["count"] for e in errors[5:])
                        out.append(f"| {target_label(runs, k, args)} | {mix} | {r['requests']:,} | {rest:,} | the "
                                   f"same, on {len(errors) - 5} other statements | |")
        else:
            out.append("no error at all in any mix.")
    current = {runs[k]["store"]: runs[k] for k in after}
    if "read" in args.mix_list and "write" in args.mix_list and "ceiling" in args.mix_list:
        out += ["", when_to_move(current, stores, m)]
    out += ["", END]
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


def add_load_arguments(ap: argparse.ArgumentParser, connections: int) -> None:
    """The wrk load on a store's server, as Target and wrk() read it: this benchmark's and the soak's
    (bench/soak/soak.py), which runs these mixes too. `connections` is the default of -c."""
    ap.add_argument("--threads", type=int, default=2, help="wrk threads (-t)")
    ap.add_argument("--connections", type=int, default=connections, help="wrk connections (-c)")
    ap.add_argument("--timeout", type=int, default=10, help="wrk request timeout in seconds")
    ap.add_argument("--people", type=int, default=32, help="demo people with API tokens")


def parse_stores(ap: argparse.ArgumentParser, stores: str) -> list[str]:
    """The stores of --stores, or an argparse error if it names none or another."""
    names = [s.strip() for s in stores.split(",") if s.strip()]
    if not names or any(s not in ("sqlite", "postgres") for s in names):
        ap.error("--stores takes sqlite and/or postgres")
    return names


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--binary", type=Path, default=Path(os.environ.get("MENTORHUB", ROOT / "build/release/mentorhub")))
    ap.add_argument("--reference", type=Path,
                    default=Path(os.environ.get("MH_BEAST_CEILING", ROOT / "build/release/bench_beast_ceiling")),
                    help="the minimal Beast server (bench/store/beast_ceiling.cpp), the machine's ceiling")
    ap.add_argument("--baseline", type=Path, default=None,
                    help="another mentorhub binary (say, built from main) to measure in the same run, as 'before'")
    ap.add_argument("--baseline-label", default="", help="what the baseline is, for the report (e.g. a commit)")
    ap.add_argument("--perf", type=Path, default=None,
                    help="record each Mentorhub server with perf during each mix; text summaries into this folder")
    ap.add_argument("--stores", default="sqlite,postgres", help="comma-separated: sqlite, postgres")
    ap.add_argument("--mixes", default="ceiling,read,write", help="comma-separated: ceiling, read, write")
    add_load_arguments(ap, connections=32)
    ap.add_argument("--duration", type=int, default=15, help="seconds per measured run (-d)")
    ap.add_argument("--warmup", type=int, default=3, help="seconds of warm-up before each run (0: none)")
    benchlib.add_doc_arguments(ap)
    args = ap.parse_args()

    if not 1 <= args.threads <= 16 or not args.threads <= args.connections <= 256 or not 1 <= args.duration <= 120:
        ap.error("keep the load bounded: 1-16 threads, threads <= connections <= 256, 1-120 s")
    args.binary = args.binary.resolve()  # the servers run in a temporary folder
    for what, path in (("mentorhub", args.binary), ("the reference server", args.reference),
                       ("the baseline", args.baseline)):
        if path is not None and not (path.is_file() and os.access(path, os.X_OK)):
            ap.error(f"{what}: {path} is not built; run `make bench` (or cmake --build --preset release)")
    args.reference = args.reference.resolve()
    if args.baseline is not None:
        args.baseline = args.baseline.resolve()
        args.baseline_label = args.baseline_label or args.baseline.name
    if args.perf is not None:
        if shutil.which("perf") is None:
            ap.error("--perf needs perf (apt-get install linux-perf)")
        args.perf = args.perf.resolve()
        args.perf.mkdir(parents=True, exist_ok=True)
    if shutil.which("wrk") is None:
        ap.error("wrk is not installed (apt-get install wrk)")
    stores = parse_stores(ap, args.stores)
    mixes = [x.strip() for x in args.mixes.split(",") if x.strip()]
    if not mixes or any(x not in dict(MIXES) for x in mixes):
        ap.error("--mixes takes ceiling, read and/or write")
    args.mix_list = mixes

    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, on_signal)

    started = time.monotonic()
    m = machine()
    runs: dict = {}
    pg_settings: dict = {}
    cluster = None
    targets: list[Target] = []
    workdir = Path(tempfile.mkdtemp(prefix="mh-bench-"))
    reference = Reference(args, workdir)
    try:
        reference.start()
        for store in stores:
            if store == "postgres":
                log("postgres: starting a throwaway cluster with normal durability")
                cluster, pg_settings = start_durable_cluster()
                log(f"postgres: PostgreSQL {pg_settings['server_version']} on 127.0.0.1:{cluster.port} "
                    f"(fsync={pg_settings['fsync']}, synchronous_commit={pg_settings['synchronous_commit']})")
            pg_log = cluster.dir / "server.log" if store == "postgres" else None
            variants = ([(args.baseline, True)] if args.baseline else []) + [(args.binary, False)]
            for binary, before in variants:
                name = "bench_before" if before else "bench"
                database = (str(workdir / f"{name}.db") if store == "sqlite" else cluster.fresh_database(name))
                targets.append(Target(args, store, binary, database, workdir, pg_log, before))
                targets[-1].prepare()
        # Every server is up (an idle one costs nothing); each mix runs on one target right after
        # the other, so that all see the same machine, even when other work comes and goes. The
        # reference runs first and last, so the report shows how much the machine drifted.
        reference.run("first")
        for mix in mixes:
            for target in targets:
                target.run(mix)
        reference.run("last")
        for target in targets:
            runs[target.key] = target.summary()
    except Stop as e:
        log(f"stopped by {e}")
        return 130
    finally:
        reference.stop()
        for target in targets:
            target.server.stop()
        if cluster is not None:
            cluster.stop()
        shutil.rmtree(workdir, ignore_errors=True)

    runs["_elapsed"] = time.monotonic() - started
    runs["_loadavg_end"] = benchlib.loadavg()
    runs["_reference"] = reference.runs
    runs["_reference_threads"] = reference.threads
    section = report(args, m, pg_settings, runs)
    benchlib.publish(section, args.doc, args.no_doc, BEGIN, END, log)
    log(f"done in {runs['_elapsed']:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
