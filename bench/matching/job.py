#!/usr/bin/python3
"""Cohort matching as an administrator runs it: a job through the store, not the matcher alone.

Seeds the synthetic organisation of 100,000 people and 20,000 mentors into a fresh SQLite
database (bench_recommend_seed, the recommendation benchmark's generator), makes a cohort of
everyone (`mentorhub cohort create --everyone`), then runs `mentorhub match --cohort --json`
three times (each a job: load the cohort from the store, candidates, exact solve, explanations,
write the preview's rows) and once with --apply on a copy of the database (one proposal per pair,
in one transaction). Each run is its own process, so its peak memory is its own (/usr/bin/time).
The reference in the same run is the matcher alone on the same machine (bench_matching at the
same size), so what the store adds is visible. Writes its section of docs/benchmarks.md.
"""

import argparse
import datetime
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import ROOT, commit, fmt_mib, fmt_s, log, machine  # noqa: E402
from benchlib import loadavg, write_doc  # noqa: E402

BEGIN = "<!-- bench/matching-job:begin (written by bench/matching/job.sh; edit the script, not this section) -->"
END = "<!-- bench/matching-job:end -->"


def timed(cmd):
    """Runs cmd under /usr/bin/time; returns (stdout, wall seconds, peak MiB)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as t:
        t0 = time.perf_counter()
        out = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", t.name, *cmd], capture_output=True, text=True)
        wall = time.perf_counter() - t0
        if out.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)} failed: {out.stderr.strip()[-400:]}")
        peak_kib = int(Path(t.name).read_text().strip().splitlines()[-1])
    return out.stdout, wall, peak_kib / 1024


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mentorhub", default="build/release/mentorhub")
    ap.add_argument("--seed", default="build/release/bench_recommend_seed")
    ap.add_argument("--matcher", default="build/release/bench_matching")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--doc", default=str(ROOT / "docs" / "benchmarks.md"))
    args = ap.parse_args()
    mentorhub, seed, matcher = (str(Path(p).resolve()) for p in (args.mentorhub, args.seed, args.matcher))
    load_start = loadavg()
    work = Path(tempfile.mkdtemp(prefix="mh-match-job-"))
    try:
        db = work / "org.db"
        log("seeding 100,000 people (bench_recommend_seed)")
        subprocess.run([seed, "--database", str(db), "--mentees-out", str(work / "mentees.txt")], check=True,
                       capture_output=True)
        out, create_s, _ = timed([mentorhub, "--database", str(db), "cohort", "create", "Everyone", "--everyone"])
        log(out.strip())
        runs = []
        for i in range(args.runs):
            log(f"match run {i + 1} of {args.runs}")
            out, wall, peak = timed([mentorhub, "--database", str(db), "match", "--cohort", "Everyone", "--json"])
            runs.append({"job": json.loads(out), "wall": wall, "peak": peak})
        apply_db = work / "apply.db"
        shutil.copy(db, apply_db)
        for suffix in ("-wal", "-shm"):
            if Path(str(db) + suffix).exists():
                shutil.copy(str(db) + suffix, str(apply_db) + suffix)
        log("match --apply")
        out, apply_wall, apply_peak = timed([mentorhub, "--database", str(apply_db), "match", "--cohort", "Everyone",
                                             "--apply", "--json"])
        applied = json.loads(out)
        log("the matcher alone at the same size (bench_matching)")
        ref = subprocess.run([matcher, "ours", "--mentees", "100000", "--mentors", "20000"],
                             capture_output=True, text=True)
        ref_json = None
        if ref.returncode == 0:
            lines = [l for l in ref.stdout.splitlines() if l.startswith("{")]
            ref_json = json.loads(lines[-1]) if lines else None
    finally:
        shutil.rmtree(work, ignore_errors=True)

    section = report(runs, applied, apply_wall, apply_peak, ref_json, load_start, create_s)
    print(section)
    write_doc(Path(args.doc), section, BEGIN, END)
    log(f"wrote {args.doc}")
    return 0


def report(runs, applied, apply_wall, apply_peak, ref, load_start, create_s):
    mach = machine()
    med = lambda xs: statistics.median(xs)  # noqa: E731
    t = lambda r, k: r["job"]["summary"]["timings_s"].get(k, 0.0)  # noqa: E731
    s = runs[0]["job"]["summary"]
    same = len({(r["job"]["summary"]["matched"], r["job"]["summary"]["total_score"]) for r in runs}) == 1
    phases = ["load", "candidates", "solve", "explain", "save", "total"]
    when = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        BEGIN,
        "## Cohort matching as a job through the store (100,000 people, 20,000 mentors)",
        "",
        f"Measured {when} on commit {commit()} with `bench/matching/job.sh` (about a minute). The synthetic "
        "organisation of the recommendation benchmark in a fresh SQLite database; one cohort of everyone "
        f"({s['mentees']:,} mentees seeking one-to-one mentoring, {s['mentors']:,} mentors with "
        f"{s['places']:,} free places); `mentorhub match --cohort Everyone --json` {len(runs)} times, each a "
        "process of its own, then `--apply` on a copy of the database.",
        "",
        f"| machine | {mach['cpu']}, {mach['cpus']} logical CPUs, {mach['ram']}, {mach['os']}; load average "
        f"{load_start} at the start, {loadavg()} at the end |",
        "| --- | --- |",
        "",
        "| phase (median of the runs) | seconds |",
        "| --- | ---: |",
    ]
    for p in phases:
        lines.append(f"| {p} | {med([t(r, p) for r in runs]):.2f} |")
    lines += [
        f"| whole process (wall clock, includes start-up and printing) | {med([r['wall'] for r in runs]):.2f} |",
        "",
        f"Peak memory of the process: {fmt_mib(med([r['peak'] for r in runs]))}. Matched {s['matched']:,} of "
        f"{s['mentees']:,} ({s['matched_share'] * 100:.1f}%), total score {s['total_score']:,.2f}; "
        + ("every run gave the same total." if same else "**the runs disagree**.")
        + f" Making the cohort (`cohort create --everyone`, 119,000 member rows): {fmt_s(create_s)}.",
        "",
        f"Applying (`--apply`: the same job, then one proposal per pair in one transaction, with its audit "
        f"row and two nudges): {applied['applied']['created']:,} proposals created, "
        f"{len(applied['applied']['skipped'])} skipped; the whole process took {fmt_s(apply_wall)} (peak "
        f"{fmt_mib(apply_peak)}), of which the job was {applied['summary']['timings_s']['total']:.2f} s.",
        "",
    ]
    if ref and "end_to_end_s" in ref:
        lines += [
            f"Reference in the same run, the matcher alone on the generated cohort of the same size "
            f"(`bench_matching`, no store): {fmt_s(ref['end_to_end_s'])} end to end, peak "
            f"{fmt_mib(ref.get('process_peak_mib', ref.get('peak_mib')))}. What the job adds is reading 119,000 people from the store and "
            "building their profiles (load) and writing the preview's rows (save).",
            "",
        ]
    lines.append(END)
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
