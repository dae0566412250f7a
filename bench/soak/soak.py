#!/usr/bin/env python3
"""The soak: the store benchmark's read and write mixes, in turns, for minutes on end against one
server per store, with the server's memory read every 10 s. It shows that nothing grows (caches,
queues, connections, the access log's buffer) and that no request fails when the server has been
up for a while, which a 15-second benchmark cannot show.

Started by bench/soak/run.sh (`make soak`); see bench/README.md. It reuses the store benchmark's
set-up (bench/store/bench.py: the demo organisation, people with API tokens, the wrk Lua mixes, a
PostgreSQL cluster with normal durability) and writes its section of docs/benchmarks.md.
Everything listens on 127.0.0.1 only; wrk is bounded in threads, connections and time; all it
starts is stopped when it ends, also on Ctrl-C or SIGTERM.

Memory is judged after a warm-up (the first two minutes, in which caches fill): the resident size
at the end against its highest value at the end of the warm-up, and the slope of a straight line
through every sample after it. "No growth" means the end is within 2% (or 2 MiB) of the warm-up's
high point and the slope is under 0.5 MiB a minute. On SQLite the server's /metrics also gives the
heap SQLite holds (its page caches, which fill as the database grows, up to 2,000 KiB a connection
by default, and its statements); what is judged there is the resident size less that heap, and
the heap is reported beside it.
"""

from __future__ import annotations

import argparse
import os
import re
import urllib.request
import signal
import sys
import tempfile
import threading
import time
from pathlib import Path
from types import SimpleNamespace

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT / "tests" / "support"))
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parent / "store"))
import benchlib  # noqa: E402
import bench as store_bench  # noqa: E402  (bench/store/bench.py)
from benchlib import Stop, non_2xx, on_signal, socket_errors  # noqa: E402

BEGIN = "<!-- bench/soak:begin (written by bench/soak/run.sh; edit the script, not this section) -->"
END = "<!-- bench/soak:end -->"
SAMPLE_EVERY_S = 10
WARMUP_S = 120


def log(msg: str) -> None:
    print(f"[soak] {msg}", flush=True)


def sqlite_heap_mib(port: int) -> float | None:
    """SQLite's heap in the server (mentorhub_sqlite_heap_bytes on /metrics), or None (PostgreSQL)."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10) as r:
        found = re.search(r"^mentorhub_sqlite_heap_bytes (\S+)$", r.read().decode(), re.M)
    return float(found.group(1)) / (1 << 20) if found else None


class MemorySampler(threading.Thread):
    """Reads the server's resident size (and SQLite's heap in it) every SAMPLE_EVERY_S seconds until
    stopped."""

    def __init__(self, server):
        super().__init__(daemon=True)
        self.server = server
        self.samples: list[tuple[float, float]] = []  # (seconds since start, MiB)
        self.heap: list[tuple[float, float]] = []     # the same times, SQLite's heap in MiB
        self.stopped = threading.Event()
        self.start_time = time.monotonic()

    def sample(self) -> None:
        t = time.monotonic() - self.start_time
        self.samples.append((t, self.server.rss_mib()))
        heap = sqlite_heap_mib(self.server.port)
        if heap is not None:
            self.heap.append((t, heap))

    def run(self) -> None:
        while not self.stopped.is_set():
            self.sample()
            self.stopped.wait(SAMPLE_EVERY_S)

    def stop(self) -> None:
        self.stopped.set()
        self.join()
        self.sample()

    def judged(self) -> list[tuple[float, float]]:
        """What is judged: the resident size, less SQLite's heap when there is one."""
        if len(self.heap) != len(self.samples):
            return self.samples
        return [(t, rss - heap) for (t, rss), (_, heap) in zip(self.samples, self.heap)]


def slope_mib_per_min(samples: list[tuple[float, float]]) -> float:
    """Least-squares slope of resident size against time, in MiB a minute."""
    if len(samples) < 2:
        return 0.0
    n = len(samples)
    mt = sum(t for t, _ in samples) / n
    mr = sum(r for _, r in samples) / n
    var = sum((t - mt) ** 2 for t, _ in samples)
    if var == 0:
        return 0.0
    return sum((t - mt) * (r - mr) for t, r in samples) / var * 60


def judge_memory(samples: list[tuple[float, float]]) -> dict:
    warm = [s for s in samples if s[0] <= WARMUP_S]
    after = [s for s in samples if s[0] >= WARMUP_S]
    warm_high = max((r for _, r in warm), default=0.0)
    end = samples[-1][1] if samples else 0.0
    slope = slope_mib_per_min(after)
    allowed = max(2.0, warm_high * 0.02)
    return {"start": samples[0][1] if samples else 0.0, "warm_high": warm_high, "end": end,
            "high": max((r for _, r in samples), default=0.0), "slope": slope,
            "judged": len(after) >= 2, "no_growth": len(after) >= 2 and end - warm_high <= allowed and slope < 0.5}


def soak_store(args, store: str, workdir: Path, cluster) -> dict:
    if store == "postgres":
        database = cluster.fresh_database("soak")
        pg_log = cluster.dir / "server.log"
    else:
        database = str(workdir / "soak.db")
        pg_log = None
    bench_args = SimpleNamespace(people=args.people, warmup=0, duration=args.chunk, threads=args.threads,
                                 connections=args.connections, timeout=args.timeout, perf=None)
    target = store_bench.Target(bench_args, store, args.binary, database, workdir, pg_log=pg_log)
    target.prepare()
    server = target.server
    sampler = MemorySampler(server)
    sampler.start()
    totals = {"requests": 0, "non_2xx": 0, "socket_errors": 0, "chunks": 0, "statuses": {}}
    deadline = time.monotonic() + args.minutes * 60
    mixes = ["read", "write"]
    log(f"{store}: {args.minutes} min of the read and write mixes in turns of {args.chunk} s")
    try:
        while time.monotonic() < deadline:
            mix = mixes[totals["chunks"] % 2]
            seconds = max(1, min(args.chunk, int(deadline - time.monotonic())))
            result, _ = store_bench.wrk(bench_args, mix, server.port, target.data_dir, seconds)
            if mix == "write":
                time.sleep(0.5)
                store_bench.withdraw_open_requests(target.client, target.people["tokens"])
            totals["chunks"] += 1
            totals["requests"] += result["requests"]
            totals["non_2xx"] += non_2xx(result)
            totals["socket_errors"] += socket_errors(result)
            for code, n in result["statuses"].items():
                totals["statuses"][code] = totals["statuses"].get(code, 0) + n
            if not server.alive():
                raise RuntimeError(f"the {store} server died during the soak: {server.log_tail()}")
            log(f"{store}: {sampler.samples[-1][0]:.0f} s, {server.rss_mib():.1f} MiB, {mix}: "
                f"{result['rps']:.0f} req/s, non-2xx {non_2xx(result)}, socket errors {socket_errors(result)}")
    finally:
        sampler.stop()
        elapsed = sampler.samples[-1][0]
        server.stop()
    memory = judge_memory(sampler.judged())
    return {"store": store, "threads": target.threads, "people": target.people, "elapsed_s": elapsed,
            "samples": sampler.samples, "heap": sampler.heap, "memory": memory,
            "rss": judge_memory(sampler.samples), **totals}


def memory_word(mem: dict) -> str:
    if not mem["judged"]:
        return "not judged (shorter than the warm-up)"
    return "no growth" if mem["no_growth"] else "**grew**"


def report(args, m: dict, runs: list[dict]) -> str:
    out = [BEGIN, "## Soak: the read and write mixes for minutes on end, memory every 10 s (issue 20)", ""]
    out.append(
        f"One `mentorhub serve` per store, the demo organisation, {args.people} people with API tokens; the store "
        f"benchmark's read mix (90% reads) and write mix (50% reads, 25% profile edits, 25% requests then "
        f"withdrawals) in turns of {args.chunk} s by wrk (-t{args.threads} -c{args.connections}, "
        f"--timeout {args.timeout}s), for {args.minutes} minutes a store; the server's resident size read every "
        f"{SAMPLE_EVERY_S} s. No growth: after a two-minute warm-up (caches filling), the end within 2% (or 2 MiB) of "
        "the warm-up's high point and the slope of the samples after it under 0.5 MiB a minute. On SQLite, what is "
        "judged is the resident size less the heap SQLite reports holding (`mentorhub_sqlite_heap_bytes` on "
        "/metrics: its page caches, which fill as the database grows, up to 2,000 KiB a pooled connection by "
        "default, and its prepared statements), and that heap is shown beside it.")
    out += ["", "```sh", "bench/soak/run.sh                     # both stores, 10 minutes each (make soak)",
            "bench/soak/run.sh --minutes 1 --stores sqlite --no-doc   # a quick look", "```", ""]
    out.append(f"This run: {m['date']}, commit {m['commit']}; {m['cpu']} ({m['mhz']}), {m['nproc']} logical CPUs, "
               f"{m['ram_gib']:.1f} GiB, {m['os']}, Linux {m['kernel']}; {m['wrk']}; load average {m['loadavg']} "
               f"at the start, {m.get('loadavg_end', '?')} at the end. Command: `{m['invocation']}`.")
    out += ["", "| store | minutes | requests | req/s | non-2xx | socket errors | resident size: start, after warm-up, "
            "end, highest (slope after warm-up) | SQLite's heap: start, end, highest | judged: start, after warm-up, "
            "end, highest | slope after warm-up | memory |",
            "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]

    def four(mem: dict) -> str:
        return f"{mem['start']:.1f}, {mem['warm_high']:.1f}, {mem['end']:.1f}, {mem['high']:.1f} MiB"

    for r in runs:
        mem, rss, heap = r["memory"], r.get("rss", r["memory"]), r.get("heap") or []
        minutes = r["elapsed_s"] / 60
        heap_cell = (f"{heap[0][1]:.1f}, {heap[-1][1]:.1f}, {max(h for _, h in heap):.1f} MiB" if heap
                     else "(none: PostgreSQL's caches are its own processes')")
        out.append(
            f"| {r['store']} | {minutes:.1f} | {r['requests']:,} | {r['requests'] / max(1, r['elapsed_s']):,.0f} | "
            f"{r['non_2xx']} | {r['socket_errors']} | {four(rss)} ({rss['slope']:+.2f} MiB/min) | {heap_cell} | "
            f"{four(mem) if heap else 'the resident size'} | {mem['slope']:+.2f} MiB/min | {memory_word(mem)} |")
    out.append("")
    for r in runs:
        series = ", ".join(f"{mib:.1f}" for _, mib in r["samples"])
        out.append(f"Resident size of the {r['store']} server every {SAMPLE_EVERY_S} s (MiB): {series}.")
        out.append("")
        if r.get("heap"):
            series = ", ".join(f"{mib:.1f}" for _, mib in r["heap"])
            out.append(f"SQLite's heap in it at the same times (MiB): {series}.")
            out.append("")
    failures = [r for r in runs if r["non_2xx"] or r["socket_errors"] or not r["memory"]["no_growth"]]
    # A run too short to judge the memory is a look, not a verdict.
    out.append("Verdict: " + ("every request answered 2xx and the memory did not grow, on every store." if not failures
                              else "**not clean**: " + "; ".join(
                                  f"{r['store']}: {r['non_2xx']} non-2xx ({r['statuses']}), "
                                  f"{r['socket_errors']} socket errors, memory "
                                  f"{memory_word(r['memory'])}" for r in failures) + "."))
    out += ["", END, ""]
    return "\n".join(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--binary", type=Path, default=Path(os.environ.get("MENTORHUB", ROOT / "build/release/mentorhub")))
    ap.add_argument("--stores", default="sqlite,postgres", help="comma-separated: sqlite, postgres")
    ap.add_argument("--minutes", type=float, default=10, help="minutes of load per store")
    ap.add_argument("--chunk", type=int, default=30, help="seconds of one mix before the other")
    store_bench.add_load_arguments(ap, connections=16)
    benchlib.add_doc_arguments(ap)
    args = ap.parse_args()
    if not 0.5 <= args.minutes <= 60 or not 5 <= args.chunk <= 120:
        ap.error("keep the load bounded: 0.5-60 minutes a store, chunks of 5-120 s")
    if not 1 <= args.threads <= 16 or not args.threads <= args.connections <= 256:
        ap.error("keep the load bounded: 1-16 threads, threads <= connections <= 256")
    args.binary = args.binary.resolve()
    stores = store_bench.parse_stores(ap, args.stores)
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, on_signal)

    m = benchlib.machine("bench/soak/run.sh")
    runs, cluster = [], None
    workdir = Path(tempfile.mkdtemp(prefix="mh-soak-"))
    try:
        if "postgres" in stores:
            cluster, _ = store_bench.start_durable_cluster()
        for store in stores:
            runs.append(soak_store(args, store, workdir, cluster))
    except Stop as e:
        log(f"stopped: {e}")
        return 130
    finally:
        if cluster is not None:
            cluster.stop()
    m["loadavg_end"] = benchlib.loadavg()
    section = report(args, m, runs)
    benchlib.publish(section, args.doc, args.no_doc, BEGIN, END, log)
    clean = all(not r["non_2xx"] and not r["socket_errors"] and r["memory"]["no_growth"] for r in runs)
    return 0 if clean else 1


if __name__ == "__main__":
    sys.exit(main())
