#!/usr/bin/env python3
"""The recommendation benchmark: one mentee's recommendations among 20,000 mentors.

Started by bench/recommend/run.sh (`make bench`); see bench/recommend/README.md. On a synthetic
organisation of 100,000 people with 20,000 available mentors (bench/recommend/synthetic_org.*):

1. the scoring code: build/release/bench_recommend (Google Benchmark) times
   matching::recommend(limit 10) over the interned MentorTable for 1,000 different mentees,
   with two named references (the same ranking on the profiles' strings, and the naive one);
2. HTTP: bench_recommend_seed writes the same organisation into a fresh SQLite database through
   storage::insert_person (one transaction), `mentorhub serve` runs on it (127.0.0.1, a free
   port), 32 mentees sign in and get a personal API token, one request warms the directory
   snapshot (timed: the cold request), then wrk (bounded: -t/-c/-d) measures
   GET /api/v1/me/recommendations?limit=10 rotating over the mentees, with 8 connections and
   with 1 (one request at a time: one mentee's latency), and GET /healthz as the ceiling.

It prints a summary and writes the "Recommendations" section of docs/benchmarks.md between its
markers, leaving every other section alone. Everything it starts (the server, wrk) is stopped
by its PID when it ends, also on Ctrl-C or SIGTERM, and the temporary folder is removed.
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
sys.path.insert(0, str(HERE.parent))
from benchlib import (Server, Stop, add_doc_arguments, http_call, loadavg, machine, non_2xx, on_signal,  # noqa: E402
                      publish, run_wrk, session_cookie, socket_errors, wait_for_log)
PASSWORD = "mentorhub-bench"  # bench_recommend_seed gives everyone this password
GOAL_MS = 20.0
BEGIN = "<!-- bench/recommend:begin (written by bench/recommend/run.sh; edit the script, not this section) -->"
END = "<!-- bench/recommend:end -->"
REC_PATH = "/api/v1/me/recommendations?limit=10"


def log(msg: str) -> None:
    print(f"[bench/recommend] {msg}", flush=True)


# -- HTTP ------------------------------------------------------------------------------------

def call(port: int, method: str, path: str, body=None, headers=None, timeout=120):
    return http_call(port, method, path, body, headers, timeout)


def api_token(port: int, email: str) -> str:
    """Signs in with the shared password and creates a personal API token."""
    status, hdrs, raw = call(port, "POST", "/api/v1/auth/login", {"email": email, "password": PASSWORD})
    if status != 200:
        raise RuntimeError(f"sign-in of {email} -> {status}: {raw[:300]!r}")
    csrf = json.loads(raw)["csrf_token"]
    cookie = session_cookie(hdrs)
    status, _, raw = call(port, "POST", "/api/v1/me/tokens", {"label": "bench/recommend"},
                          {"Cookie": cookie, "X-CSRF-Token": csrf})
    if status != 201:
        raise RuntimeError(f"token for {email} -> {status}: {raw[:300]!r}")
    return json.loads(raw)["token"]


# -- the server ------------------------------------------------------------------------------

ACCESS_LINE = re.compile(rb"\] \S+ GET (\S+) (\d{3}) ([\d.]+)ms")


def server_times(log_path: Path, offset: int, prefix: str) -> dict:
    """Server-side time of the requests of one run whose path starts with `prefix` (access log)."""
    ts = []
    with open(log_path, "rb") as f:
        f.seek(offset)
        for line in f:
            m = ACCESS_LINE.search(line)
            if m and m.group(1).decode(errors="replace").startswith(prefix):
                ts.append(float(m.group(3)))
    ts.sort()
    if not ts:
        return {"count": 0}
    pct = lambda q: ts[min(len(ts) - 1, max(0, int(round(q / 100 * len(ts) + 0.5)) - 1))]  # noqa: E731
    return {"count": len(ts), "p50": pct(50), "p90": pct(90), "p99": pct(99), "max": ts[-1]}


# -- wrk -------------------------------------------------------------------------------------

def wrk(threads: int, connections: int, seconds: int, port: int, data_dir: Path, path: str, auth: bool) -> dict:
    cmd = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout=10s", "--latency",
           "-s", str(HERE / "recommend.lua"), f"http://127.0.0.1:{port}"]
    env = dict(os.environ, MH_BENCH_DATA=str(data_dir), MH_BENCH_PATH=path, MH_BENCH_AUTH="1" if auth else "0")
    result, _ = run_wrk(cmd, env, seconds)
    result["command"] = " ".join(["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout=10s",
                                  "-s", "bench/recommend/recommend.lua", "http://127.0.0.1:PORT"])
    return result


# -- the two halves --------------------------------------------------------------------------

def run_scoring(args, workdir: Path) -> dict:
    out_json = workdir / "scoring.json"
    cmd = [str(args.bench_binary), f"--benchmark_out={out_json}", "--benchmark_out_format=json"]
    env = dict(os.environ, MH_BENCH_CALLS=str(args.calls))
    if args.scale != 1:
        env["MH_BENCH_SCALE"] = str(args.scale)
    log("scoring: " + " ".join(["build/release/bench_recommend", *cmd[1:2]]) + f" (MH_BENCH_CALLS={args.calls})")
    started = time.monotonic()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=900)
    sys.stdout.write(proc.stderr)
    sys.stdout.write(proc.stdout)
    if proc.returncode != 0:
        raise RuntimeError(f"bench_recommend failed ({proc.returncode}); a non-zero exit 3 means a reference "
                           f"ranked other mentors than recommend()")
    report = json.loads(out_json.read_text())
    rows = {}
    for b in report["benchmarks"]:
        rows[b["name"].split("/iterations:")[0]] = {
            "mean_ms": b["real_time"], "cpu_mean_ms": b["cpu_time"], "calls": int(b["calls"]),
            "p50": b["p50_ms"], "p90": b["p90_ms"], "p99": b["p99_ms"], "max": b["max_ms"],
            "cpu_p50": b["cpu_p50_ms"], "cpu_p99": b["cpu_p99_ms"]}
    setup = re.search(r"synthetic organisation: .*", proc.stderr)
    return {"rows": rows, "context": report.get("context", {}), "setup_line": setup.group(0) if setup else "",
            "seconds": time.monotonic() - started}


def run_http(args, workdir: Path) -> dict:
    db = workdir / "recommend.db"
    mentees_file = workdir / "mentees.txt"
    cmd = [str(args.seed_binary), "--database", str(db), "--mentees-out", str(mentees_file)]
    if args.scale != 1:
        cmd += ["--scale", str(args.scale)]
    log("http: writing the synthetic organisation into a fresh SQLite database (bench_recommend_seed)")
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=900)
    sys.stdout.write(proc.stderr)
    if proc.returncode != 0:
        raise RuntimeError(f"bench_recommend_seed failed ({proc.returncode}): {proc.stderr[-800:]}")
    seed = json.loads(next(l for l in proc.stdout.splitlines() if l.startswith("SEED_JSON "))[len("SEED_JSON "):])
    seed["db_mib"] = sum(p.stat().st_size for p in workdir.glob("recommend.db*")) / 1024 / 1024

    server = Server(args.binary, db, workdir, start_timeout=60)
    try:
        port = server.start()
        log(f"http: mentorhub serve on 127.0.0.1:{port} (pid {server.proc.pid}), RSS {server.rss_mib():.0f} MiB")
        sample = [l.split() for l in mentees_file.read_text().splitlines() if l.strip()]
        step = max(1, len(sample) // args.mentees)
        chosen = sample[::step][:args.mentees]
        t0 = time.monotonic()
        with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
            tokens = list(pool.map(lambda m: api_token(port, m[1]), chosen))
        log(f"http: {len(tokens)} mentees signed in and got an API token in {time.monotonic() - t0:.1f} s")
        data_dir = workdir / "data"
        data_dir.mkdir()
        (data_dir / "tokens.txt").write_text("\n".join(tokens) + "\n")

        # The first request builds the directory snapshot (100,000 people read, 20,000 mentor
        # profiles): the cold time. The second, for the same mentee, is warm.
        auth = {"Authorization": f"Bearer {tokens[0]}"}
        offset = server.log_path.stat().st_size
        cold = []
        for _ in range(2):
            t = time.perf_counter()
            status, _, raw = call(port, "GET", REC_PATH, headers=auth)
            cold.append((time.perf_counter() - t) * 1000)
            if status != 200:
                raise RuntimeError(f"GET {REC_PATH} -> {status}: {raw[:300]!r}")
        body = json.loads(raw)
        wait_for_log()
        first_server = None
        with open(server.log_path, "rb") as f:
            f.seek(offset)
            for line in f:
                m = ACCESS_LINE.search(line)
                if m and m.group(1).startswith(b"/api/v1/me/recommendations"):
                    first_server = float(m.group(3))
                    break
        warm_rss = server.rss_mib()
        log(f"http: cold request {cold[0]:.0f} ms (server {first_server} ms), then warm {cold[1]:.1f} ms; "
            f"{len(body['items'])} items; RSS {warm_rss:.0f} MiB")

        runs = {}
        plan = [
            ("healthz", args.threads, args.connections, "/healthz", False),
            ("recommend_c8", args.threads, args.connections, REC_PATH, True),
            ("recommend_c1", 1, 1, REC_PATH, True),
        ]
        for name, t, c, path, with_auth in plan:
            if args.warmup > 0:
                wrk(t, c, args.warmup, port, data_dir, path, with_auth)
            log(f"http: {name}: wrk -t{t} -c{c} -d{args.duration}s {path}")
            offset = server.log_path.stat().st_size
            cpu0 = server.cpu_seconds()
            r = wrk(t, c, args.duration, port, data_dir, path, with_auth)
            wait_for_log()
            r["server"] = server_times(server.log_path, offset, path.split("?")[0])
            r["server_cpu_ms_per_request"] = (server.cpu_seconds() - cpu0) * 1000 / max(1, r["requests"])
            if not server.alive():
                raise RuntimeError(f"the server died during {name}: {server.log_tail()}")
            lat = r["latency_ms"]
            log(f"http: {name}: {r['rps']:.1f} req/s, p50 {lat['p50']:.1f} ms, p90 {lat['p90']:.1f} ms, "
                f"p99 {lat['p99']:.1f} ms, non-2xx {non_2xx(r)}, socket errors {socket_errors(r)}, "
                f"server CPU {r['server_cpu_ms_per_request']:.2f} ms a request")
            runs[name] = r

        # What a change costs the next request: the snapshot is refreshed when the change
        # counters move. A relationship change (a mentoring request, its withdrawal) keeps the
        # people but refreshes places and responsiveness; a profile edit reads again who changed.
        refresh = {"relationship": [], "profile": [], "after": []}

        def timed_get(who: int) -> float:
            t = time.perf_counter()
            status, _, raw = call(port, "GET", REC_PATH, headers={"Authorization": f"Bearer {tokens[who]}"})
            if status != 200:
                raise RuntimeError(f"GET {REC_PATH} -> {status}: {raw[:300]!r}")
            return (time.perf_counter() - t) * 1000

        asker = {"Authorization": f"Bearer {tokens[0]}"}
        editor = {"Authorization": f"Bearer {tokens[2 % len(tokens)]}"}
        for round_ in range(8):
            mentor_id = body["items"][round_]["mentor"]["id"]
            status, hdrs, raw = call(port, "POST", "/api/v1/relationships",
                                     {"mentor_id": mentor_id, "message": "Would you mentor me?",
                                      "draft_purpose": "Benchmark: a request withdrawn at once."}, asker)
            if status != 201:
                raise RuntimeError(f"POST /api/v1/relationships -> {status}: {raw[:300]!r}")
            rel_id = json.loads(raw)["id"]
            refresh["relationship"].append(timed_get(1 % len(tokens)))
            refresh["after"].append(timed_get(1 % len(tokens)))
            status, _, raw = call(port, "POST", f"/api/v1/relationships/{rel_id}/withdraw", {}, asker)
            if status != 200:
                raise RuntimeError(f"withdraw -> {status}: {raw[:300]!r}")
            refresh["relationship"].append(timed_get(1 % len(tokens)))
            status, _, raw = call(port, "PATCH", "/api/v1/me", {"bio": f"Benchmark bio, edit {round_}."}, editor)
            if status != 200:
                raise RuntimeError(f"PATCH /api/v1/me -> {status}: {raw[:300]!r}")
            refresh["profile"].append(timed_get(1 % len(tokens)))
            refresh["after"].append(timed_get(1 % len(tokens)))
        log("http: next request after a relationship change " + ", ".join(f"{x:.0f}" for x in refresh["relationship"])
            + " ms; after a profile edit " + ", ".join(f"{x:.0f}" for x in refresh["profile"]) + " ms; unchanged "
            + ", ".join(f"{x:.0f}" for x in refresh["after"]) + " ms")
        return {"refresh": refresh,"seed": seed, "cold_ms": cold[0], "cold_server_ms": first_server, "warm_ms": cold[1],
                "rss_mib": warm_rss, "runs": runs, "mentees": len(tokens), "items": len(body["items"])}
    finally:
        server.stop()


# -- the machine -----------------------------------------------------------------------------

# -- the report ------------------------------------------------------------------------------

def f_ms(x) -> str:
    if x is None:
        return "–"
    return f"{x:.2f}" if x < 10 else f"{x:.1f}"


SCORING_ROWS = [
    ("recommend/matching::recommend",
     "**`matching::recommend`** over the `MentorTable` (the product's code: keys interned once per snapshot)"),
    ("reference/string_keys_top10_then_explain",
     "reference: the same ranking on the profiles' strings (`recommend()` over `vector<MentorProfile>`, the "
     "product's code before the keys were interned)"),
    ("reference/explain_all_then_full_sort",
     "reference, naive baseline: `matching::score` with reasons for every mentor, `std::sort` of all, first 10"),
]


def report(args, m: dict, scoring: dict | None, http_r: dict | None, elapsed: float, loadavg_end: str) -> str:
    people = http_r["seed"]["people"] if http_r else int(scoring["context"].get("people", 0)) if scoring else 0
    mentors = http_r["seed"]["mentors"] if http_r else int(scoring["context"].get("mentors", 0)) if scoring else 0
    out = [BEGIN, "", "## Recommendations: one mentee among 20,000 mentors", ""]
    out += [
        f"One mentee's recommendations (`limit=10`) on a synthetic organisation of {people:,} people with {mentors:,} "
        "available mentors (capacity 1-5, offering one-to-one; ~24 departments, a reporting tree, 300 skills with "
        "levels, aspirations, experience, 16 timezones, media, 1,000 external experts, former managers; seeded, so "
        "every run builds the same people: `bench/recommend/synthetic_org.cpp`). First through the scoring code "
        "(Google Benchmark), then through HTTP with wrk. This section is written by the benchmark; to measure "
        "again:", "",
        "```sh",
        "make bench                 # builds the release preset, runs bench/store/run.sh, then this",
        "bench/recommend/run.sh     # only this, with build/release already built (about 2-3 minutes)",
        "```", "",
        f"This run: `{m['invocation']}`, {m['date']}, commit {m['commit']}, {elapsed / 60:.1f} minutes.", "",
        "| machine | |", "| --- | --- |",
        f"| CPU | {m['cpu']} {('(' + m['mhz'] + ')') if m['mhz'] else ''}, {m['nproc']} logical CPUs (nproc) |",
        f"| RAM | {m['ram_gib']:.1f} GiB |",
        f"| OS | {m['os']}, Linux {m['kernel']} |",
        f"| load average | {m['loadavg']} at the start, {loadavg_end} at the end (1, 5, 15 min) |",
        f"| tools | {m['wrk']}; Google Benchmark {args.gbench_version}; release preset (RelWithDebInfo, -O2) |",
        "",
    ]
    if m["nproc"] and float(m["loadavg"].split()[0]) > m["nproc"]:
        out += [f"**The machine was busy** (load average above its {m['nproc']} CPUs): wall-clock figures include "
                "time the benchmark waited for a CPU. The CPU-time columns of the scoring table are the code's own "
                "cost; compare runs from the same machine only.", ""]

    verdict = []
    if scoring:
        ours = scoring["rows"]["recommend/matching::recommend"]
        verdict.append(("scoring code, p99 of one call", ours["p99"]))
        verdict.append(("the same in CPU time only", ours["cpu_p99"]))
    if http_r:
        verdict.append(("HTTP, one request at a time (wrk -c1), p99", http_r["runs"]["recommend_c1"]["latency_ms"]["p99"]))
        verdict.append(("HTTP, 8 connections (wrk -c8), p99", http_r["runs"]["recommend_c8"]["latency_ms"]["p99"]))
    # The goal is one mentee's latency: the scoring call and one HTTP request at a time (the
    # 8-connection p99 is reported, not judged: it is queueing on this machine's CPUs).
    judged = [v for k, v in verdict if "8 connections" not in k]
    met = bool(judged) and all(v < GOAL_MS for v in judged)
    out += ["### Goal: under 20 ms p99 for one mentee", ""]
    cpu_ok = bool(scoring) and scoring["rows"]["recommend/matching::recommend"]["cpu_p99"] < GOAL_MS
    out += [f"**{'Met' if met else 'Not met'}.** " + "; ".join(f"{k}: {f_ms(v)} ms" for k, v in verdict) + ". "
            "Judged on one mentee's latency (the scoring call, in wall-clock and CPU time, and one HTTP request "
            "at a time); the 8-connection p99 is reported for throughput, as queueing on this machine."
            + (" The code's own CPU time is under the goal; the wall-clock tail is time spent waiting for a "
               "CPU on this busy machine (see the load average and the profile below)." if not met and cpu_ok
               else ""), ""]

    if scoring:
        out += ["### Through the scoring code", ""]
        out += [f"`build/release/bench_recommend` (run with `MH_BENCH_CALLS={args.calls}`"
                + (f", `MH_BENCH_SCALE={args.scale}`" if args.scale != 1 else "") +
                "): each call scores every mentor for one mentee and keeps the best 10, rotating over "
                f"{scoring['context'].get('mentees_sampled', '1000')} mentees spread over the organisation. Each call "
                "is timed on its own (wall clock and the thread's CPU time); percentiles are nearest-rank over the "
                f"calls. Setup: {scoring['setup_line'].removeprefix('synthetic organisation: ')}. (Google Benchmark "
                "warns \"Library was built as DEBUG\": that is Debian's libbenchmark package; the percentiles are "
                "our own clock readings around each call of our -O2 code.)", ""]
        out += ["| what | calls | p50 ms | p90 ms | p99 ms | max ms | CPU p50 ms | CPU p99 ms | mean ms |",
                "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
        for key, label in SCORING_ROWS:
            r = scoring["rows"].get(key)
            if r:
                out.append(f"| {label} | {r['calls']} | {f_ms(r['p50'])} | {f_ms(r['p90'])} | {f_ms(r['p99'])} | "
                           f"{f_ms(r['max'])} | {f_ms(r['cpu_p50'])} | {f_ms(r['cpu_p99'])} | {f_ms(r['mean_ms'])} |")
        out.append("")
        rows = scoring["rows"]
        if all(k in rows for k, _ in SCORING_ROWS):
            o = rows["recommend/matching::recommend"]
            t = rows["reference/string_keys_top10_then_explain"]
            n = rows["reference/explain_all_then_full_sort"]
            out += [f"Read in CPU time: `recommend()` takes {o['cpu_p50']:.2f} ms at the median and "
                    f"{o['cpu_p99']:.2f} ms at p99; the same ranking on the keys' strings {t['cpu_p50']:.1f} / "
                    f"{t['cpu_p99']:.1f} ms, {t['cpu_p50'] / o['cpu_p50']:.1f}x more; the naive baseline (explain "
                    f"all {mentors:,}, sort all) {n['cpu_p50']:.1f} / {n['cpu_p99']:.1f} ms, "
                    f"{n['cpu_p50'] / o['cpu_p50']:.1f}x more. The string path gives the same lists with the same "
                    "factors, points and reasons, and the naive baseline the same ranked mentors with bit-identical "
                    f"scores ({scoring['context'].get('reference_check', '')}).", ""]

    if http_r:
        seed, runs = http_r["seed"], http_r["runs"]
        out += ["### Through HTTP", ""]
        out += [f"`bench_recommend_seed` wrote the {seed['people']:,} people ({seed['mentors']:,} mentors) into a "
                f"fresh SQLite database with `storage::insert_person`, in one transaction with cached prepared "
                f"statements: **{seed['insert_s']:.1f} s** ({seed['insert_cpu_s']:.1f} s of CPU; "
                f"{seed['insert_us_per_person']:.0f} µs a person; {seed['db_mib']:.0f} MiB on disk). Its full-text "
                f"indexing (`index_person`, FTS5 trigrams) costs {seed['index_us_per_person']:.0f} µs a person at "
                f"that size, {100 * seed['index_us_per_person'] / seed['insert_us_per_person']:.0f}% of an insert; "
                "the 10,000-person batches took " + ", ".join(f"{c:.1f}" for c in seed["chunk_s"]) + " s.", ""]
        out += [f"`mentorhub serve` (default threads) on 127.0.0.1; {http_r['mentees']} mentees spread over the "
                "organisation signed in (one shared password) and each got a personal API token; the wrk script "
                "(`bench/recommend/recommend.lua`) sends each request with the next mentee's token. Each wrk run "
                f"follows a {args.warmup} s warm-up with the same settings.", ""]
        out += [f"- **Cold**: `serve` builds the directory snapshot before it listens (all {people:,} active people "
                f"read, {mentors:,} mentor profiles, their keys interned), so the first request after start only "
                f"ranks: **{f_ms(http_r['cold_ms'])} ms** "
                f"(server-side {f_ms(http_r['cold_server_ms'])} ms); the next request for the same mentee took "
                f"{f_ms(http_r['warm_ms'])} ms. Server RSS after warm-up: {http_r['rss_mib']:.0f} MiB.",
                "- **After a change** (measured after the wrk runs, eight rounds, one request each): the snapshot is "
                "refreshed by the first request after the store's change counters move, and that request pays for "
                "it. After a relationship change (a mentoring request, then its withdrawal: places and "
                "responsiveness are read again, the people and profiles shared with the previous snapshot): "
                + ", ".join(f_ms(x) for x in http_r["refresh"]["relationship"]) + " ms; after a profile edit "
                "(`PATCH /api/v1/me`: the people stamped since the last refresh read through an index, the one who "
                "changed read again (row versions tell two edits within a second apart), the rest shared: the people "
                "and the mentor table are held in chunks, and only the chunk of the one who changed is copied; the "
                "seeded people are stamped a day before the run): " + ", ".join(f_ms(x) for x in http_r["refresh"]["profile"])
                + " ms; the next request, nothing changed: " + ", ".join(f_ms(x) for x in http_r["refresh"]["after"])
                + " ms. The wrk runs above change nothing, so they never pay this.", ""]
        out += ["| run | wrk | req/s | p50 ms | p90 ms | p99 ms | max ms | server p50 ms | server p99 ms | server CPU ms a request | non-2xx | socket errors |",
                "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
        labels = {"healthz": ("reference: `GET /healthz` (the server's ceiling)", f"-t{args.threads} -c{args.connections}"),
                  "recommend_c8": ("`GET /api/v1/me/recommendations?limit=10`", f"-t{args.threads} -c{args.connections}"),
                  "recommend_c1": ("the same, one request at a time", "-t1 -c1")}
        for name in ("healthz", "recommend_c8", "recommend_c1"):
            r = runs[name]
            lat, srv = r["latency_ms"], r["server"]
            label, w = labels[name]
            out.append(f"| {label} | `{w} -d{args.duration}s` | {r['rps']:,.1f} | {f_ms(lat['p50'])} | "
                       f"{f_ms(lat['p90'])} | {f_ms(lat['p99'])} | {f_ms(lat['max'])} | {f_ms(srv.get('p50'))} | "
                       f"{f_ms(srv.get('p99'))} | {f_ms(r['server_cpu_ms_per_request'])} | {non_2xx(r)} | "
                       f"{socket_errors(r)} |")
        out += ["", "Latency columns are wrk's (client side, including queueing when all connections are busy); "
                "the server p50/p99 come from the access log (time in the handler, 0.1 ms resolution); server CPU "
                "is the process's user + system time over the run divided by the requests (the cost of a request "
                "whatever else the machine runs). With 8 connections the server's 4 workers share this machine's "
                "CPUs with wrk, so requests queue behind one another and p50 is several service times; the "
                "one-connection run is one mentee's latency.", ""]
    profile = HERE / "profile.md"
    if profile.exists():
        out += [profile.read_text().rstrip("\n"), ""]
    out.append(END)
    return "\n".join(out) + "\n"


# -- main ------------------------------------------------------------------------------------

def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    build = Path(os.environ.get("MENTORHUB", ROOT / "build/release/mentorhub")).parent
    ap.add_argument("--binary", type=Path, default=Path(os.environ.get("MENTORHUB", build / "mentorhub")))
    ap.add_argument("--bench-binary", type=Path, default=build / "bench_recommend")
    ap.add_argument("--seed-binary", type=Path, default=build / "bench_recommend_seed")
    ap.add_argument("--calls", type=int, default=1000, help="timed recommend() calls (the references: half as "
                                                            "many, a fifth for the naive baseline)")
    ap.add_argument("--threads", type=int, default=2, help="wrk threads (-t) of the loaded runs")
    ap.add_argument("--connections", type=int, default=8, help="wrk connections (-c) of the loaded runs")
    ap.add_argument("--duration", type=int, default=15, help="seconds per measured wrk run (-d)")
    ap.add_argument("--warmup", type=int, default=3, help="seconds of wrk warm-up before each run (0: none)")
    ap.add_argument("--mentees", type=int, default=32, help="mentees with API tokens for the HTTP runs")
    ap.add_argument("--scale", type=float, default=1.0, help="organisation size factor (0.1: 10,000 people; "
                                                             "for a quick look, never for the record)")
    ap.add_argument("--skip-scoring", action="store_true")
    ap.add_argument("--skip-http", action="store_true")
    add_doc_arguments(ap)
    args = ap.parse_args()

    if not 1 <= args.threads <= 16 or not args.threads <= args.connections <= 256 or not 1 <= args.duration <= 120:
        ap.error("keep the load bounded: 1-16 threads, threads <= connections <= 256, 1-120 s")
    if not 0 < args.scale <= 1 or not 1 <= args.calls <= 100000 or not 1 <= args.mentees <= 200:
        ap.error("--scale in (0, 1], --calls 1-100000, --mentees 1-200")
    needed = ([] if args.skip_scoring else [args.bench_binary]) + ([] if args.skip_http else [args.binary, args.seed_binary])
    for b in needed:
        if not (b.is_file() and os.access(b, os.X_OK)):
            ap.error(f"{b} is not built; run `make bench` (or cmake --build --preset release; the bench targets "
                     "need Google Benchmark, libbenchmark-dev)")
    if not args.skip_http and shutil.which("wrk") is None:
        ap.error("wrk is not installed (apt-get install wrk)")
    args.gbench_version = "unknown"
    try:
        out = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "libbenchmark-dev"], capture_output=True, text=True)
        if out.returncode == 0 and out.stdout:
            args.gbench_version = out.stdout.strip()
    except OSError:
        pass

    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, on_signal)

    started = time.monotonic()
    m = machine("bench/recommend/run.sh")
    log(f"{m['cpu']}, {m['nproc']} CPUs, {m['ram_gib']:.1f} GiB; load average {m['loadavg']}")
    workdir = Path(tempfile.mkdtemp(prefix="mh-bench-recommend-"))
    scoring = http_r = None
    try:
        if not args.skip_scoring:
            scoring = run_scoring(args, workdir)
        if not args.skip_http:
            http_r = run_http(args, workdir)
    except Stop as e:
        log(f"stopped ({e}); the server is stopped and {workdir} removed")
        return 130
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    section = report(args, m, scoring, http_r, time.monotonic() - started, loadavg())
    if args.scale != 1:
        log("--scale is not 1: the section is printed, not written")
    publish(section, args.doc, args.no_doc or args.scale != 1, BEGIN, END, log)
    log(f"done in {(time.monotonic() - started) / 60:.1f} min")
    return 0


if __name__ == "__main__":
    sys.exit(main())
