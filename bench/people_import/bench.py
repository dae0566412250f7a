#!/usr/bin/env python3
"""The people import at 100,000 rows, on SQLite and PostgreSQL (`mentorhub import`).

Started by bench/people_import/run.sh. It writes an HR export unlike the test fixtures: the
column names of another HR system (Worker ID, First Name / Last Name, Business Title, Supervisor
ID, Original Hire Date, Competencies, and columns the import ignores such as Cost Center), a
byte-order mark, CRLF, quoted commas, quotes and line breaks, non-ASCII names, managers listed
after their reports, a reporting tree eight levels deep. Seeded, so every run writes the same
file. For each store it times, on a fresh database, with the product binary:

  1. a dry run on the empty database (read, check, plan: nothing written),
  2. the import of the 100,000 people (one transaction),
  3. the same file again (nothing changes),
  4. a file where 5% changed title and 1% changed manager (updates; former managers kept),
  5. that file without 1% of the people, with --complete (deactivations).

The PostgreSQL database is in a throwaway cluster (tests/support/pgcluster.py) switched back to
PostgreSQL's normal durability. It prints a summary and writes its section of
docs/benchmarks.md between its markers. Everything it starts is stopped when it ends.
"""

from __future__ import annotations

import argparse
import random
import resource
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parent.parent / "tests" / "support"))
import benchlib  # noqa: E402
from benchlib import ROOT, Stop, on_signal, write_doc  # noqa: E402

BEGIN = "<!-- bench/people_import:begin (written by bench/people_import/run.sh; edit the script, not this section) -->"
END = "<!-- bench/people_import:end -->"
PG_DURABLE = {"fsync": "on", "synchronous_commit": "on", "full_page_writes": "on"}
GOAL_SECONDS = 60.0

FIRST = ["Zoë", "Łukasz", "Ana", "Tomás", "Ngozi", "Mei", "Oskar", "Priya", "Søren", "Amélie", "Kenji", "Fatima",
         "Jón", "Chloé", "Dmitri", "Aoife", "Mateus", "Ingrid", "Yusuf", "Hana"]
LAST = ["Silva", "Nowak", "O'Brien", "García", "Okafor", "Chen", "Lindqvist", "Iyer", "Müller", "Dubois", "Sato",
        "Haddad", "Björnsson", "Martin", "Ivanov", "Byrne", "Costa", "Hansen", "Demir", "Novák"]
DEPARTMENTS = ["Finance", "Sales, EMEA", "Sales, Americas", "Engineering", "Product", "People & Culture",
               "Legal", "Customer \"Success\"", "Marketing", "Operations", "Data", "Security"]
TITLES = ["Analyst", "Senior Analyst", "Engineer", "Staff Engineer", "Manager, Sales", "Director", "Designer",
          "Account Executive", "Counsel", "Recruiter", "Data Scientist", "Support Lead"]
ZONES = ["Europe/Paris", "Europe/London", "America/New_York", "America/Sao_Paulo", "Asia/Tokyo", "Asia/Kolkata",
         "Africa/Lagos", "Australia/Sydney", "Europe/Warsaw", "America/Chicago"]
SKILLS = [f"Skill {i}" for i in range(200)] + ["SQL", "Excel", "Negotiation", "Python", "Public speaking"]
OFFICES = ["Lisbon", "Warsaw", "New York, NY", "São Paulo", "Tokyo", "Bengaluru", "Lagos", "Sydney"]


def log(msg: str) -> None:
    print(f"[bench] {msg}", flush=True)


def quote(v: str) -> str:
    if any(c in v for c in ',"\r\n'):
        return '"' + v.replace('"', '""') + '"'
    return v


def organisation(n: int, seed: int = 18):
    """n employees in a tree: each level's people report to someone of the level above."""
    rng = random.Random(seed)
    people = []
    levels = [1, 8, 60, 400, 2500, 12000, 40000]
    level_of = []
    for level, size in enumerate(levels):
        level_of += [level] * size
    level_of += [len(levels)] * max(0, n - len(level_of))
    level_of = level_of[:n]
    by_level: dict[int, list[int]] = {}
    for i in range(n):
        lvl = level_of[i]
        manager = rng.choice(by_level[lvl - 1]) if lvl > 0 else None
        by_level.setdefault(lvl, []).append(i)
        first, last = rng.choice(FIRST), rng.choice(LAST)
        skills = rng.sample(SKILLS, rng.randint(0, 4))
        people.append({
            "worker": f"W{100000 + i * 7}",
            "first": first,
            "last": last,
            "email": f"{first.lower()}.{last.lower()}.{i}@corp.example".replace("'", "").replace("ë", "e")
            .replace("ł", "l").replace("á", "a").replace("ø", "o").replace("é", "e").replace("ó", "o")
            .replace("í", "i").replace("ü", "u").replace("ö", "o").replace("ş", "s"),
            "title": rng.choice(TITLES),
            "department": rng.choice(DEPARTMENTS),
            "manager": manager,
            "hired": f"{rng.randint(1995, 2026)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "office": rng.choice(OFFICES),
            "zone": rng.choice(ZONES),
            "skills": "\n".join(f"{s}:{rng.randint(1, 5)}" if rng.random() < 0.5 else s for s in skills),
        })
    return people


def write_file(path: Path, people, order) -> int:
    header = ["Worker ID", "First Name", "Last Name", "Work Email", "Business Title", "Department Name",
              "Supervisor ID", "Original Hire Date", "Office", "Time Zone", "Competencies", "Cost Center",
              "Employment Status"]
    lines = ["\ufeff" + ",".join(header)]
    for i in order:
        p = people[i]
        manager = people[p["manager"]]["worker"] if p["manager"] is not None else ""
        row = [p["worker"], p["first"], p["last"], p["email"], p["title"], p["department"], manager, p["hired"],
               p["office"], p["zone"], p["skills"], f"CC-{i % 97}", "Active"]
        lines.append(",".join(quote(v) for v in row))
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path.stat().st_size


def run_import(binary: Path, database: str, path: Path, *flags: str) -> tuple[float, float, str]:
    """Wall-clock seconds, the import process's own CPU seconds (user + system; on PostgreSQL the
    server's work is not in it), and its summary line."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    r = subprocess.run([str(binary), "--database", database, "import", str(path), *flags], capture_output=True,
                       text=True, timeout=600)
    seconds = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if r.returncode != 0:
        raise RuntimeError(f"import {' '.join(flags)} failed ({r.returncode}): {r.stdout[-2000:]} {r.stderr[-2000:]}")
    summary = next((line for line in r.stdout.splitlines() if line.startswith(("would create", "created"))), "")
    return seconds, cpu, summary


def start_durable_cluster():
    cluster = benchlib.start_durable_cluster(PG_DURABLE, "bench/people_import: PostgreSQL's normal durability")
    return cluster, benchlib.pg_show(cluster, "server_version")


STEPS = [
    ("dry run on the empty database", "first", ("--dry-run",)),
    ("import (creates everyone)", "first", ()),
    ("the same file again", "first", ()),
    ("5% new titles, 1% new managers", "changed", ()),
    ("1% missing, `--complete`", "fewer", ("--complete",)),
]


def measure(binary: Path, database: str, files: dict) -> list:
    r = subprocess.run([str(binary), "--database", database, "migrate"], capture_output=True, text=True, timeout=120)
    if r.returncode != 0:
        raise RuntimeError("migrate failed: " + r.stderr)
    out = []
    for name, which, flags in STEPS:
        seconds, cpu, summary = run_import(binary, database, files[which], *flags)
        log(f"  {name}: {seconds:.2f} s, {cpu:.2f} s CPU ({summary})")
        out.append((name, seconds, cpu, summary))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mentorhub", default=str(ROOT / "build" / "release" / "mentorhub"))
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--doc", default=str(ROOT / "docs" / "benchmarks.md"))
    ap.add_argument("--no-doc", action="store_true", help="print only; leave docs/benchmarks.md alone")
    args = ap.parse_args()
    signal.signal(signal.SIGTERM, on_signal)
    binary = Path(args.mentorhub).resolve()
    info = benchlib.machine("bench/people_import/run.sh")
    work = Path(tempfile.mkdtemp(prefix="mh-import-bench-"))
    cluster = None
    started = time.monotonic()
    try:
        people = organisation(args.rows)
        rng = random.Random(7)
        order = list(range(len(people)))
        rng.shuffle(order)  # managers are not before their reports
        files = {"first": work / "people.csv", "changed": work / "changed.csv", "fewer": work / "fewer.csv"}
        size = write_file(files["first"], people, order)
        for i in rng.sample(range(len(people)), len(people) // 20):
            people[i]["title"] = people[i]["title"] + " II"
        leaves = [i for i in range(len(people)) if people[i]["manager"] is not None and i > 60000]
        for i in rng.sample(leaves, len(people) // 100):
            candidates = [j for j in range(1, 70) if j != i]
            people[i]["manager"] = rng.choice(candidates)
        write_file(files["changed"], people, order)
        managers = {p["manager"] for p in people if p["manager"] is not None}
        leaving = set(rng.sample([i for i in range(len(people)) if i not in managers], len(people) // 100))
        write_file(files["fewer"], people, [i for i in order if i not in leaving])
        log(f"file: {len(people)} rows, {size / 1e6:.1f} MB, in {work}")

        results = {}
        log("SQLite")
        results["SQLite"] = measure(binary, str(work / "import.db"), files)
        log("PostgreSQL: starting a throwaway cluster")
        cluster, version = start_durable_cluster()
        log("PostgreSQL " + version)
        results[f"PostgreSQL {version}"] = measure(binary, cluster.fresh_database("import_bench"), files)
    except Stop as e:
        log(f"stopped: {e}")
        return 1
    finally:
        if cluster is not None:
            cluster.stop()
    elapsed = (time.monotonic() - started) / 60
    info["loadavg_end"] = benchlib.loadavg()

    worst = max(s for rows in results.values() for _, s, _, _ in rows)
    worst_cpu = max(c for rows in results.values() for _, _, c, _ in rows)
    lines = [BEGIN, "", f"## People import: {args.rows:,} rows from an HR export", "",
             f"`mentorhub import` of one HR export of {args.rows:,} people ({size / 1e6:.1f} MB; "
             "`bench/people_import/bench.py` writes it: another HR system's column names and extra columns, a "
             "byte-order mark, CRLF, quoted commas, quotes and line breaks, non-ASCII names, managers after their "
             "reports, a reporting tree eight levels deep), each step a separate run of the product binary on the "
             "same database, timed from outside (process start to exit: reading the file, checking every row, "
             "planning against everyone stored, writing in one transaction). PostgreSQL runs in a throwaway "
             "cluster with its normal durability (fsync, synchronous commit, full-page writes on). To measure "
             "again:", "", "```sh", "bench/people_import/run.sh      # builds the release preset's mentorhub first",
             "```", "", f"This run: `{info['invocation']}`, {info['date']}, commit {info['commit']}, "
             f"{elapsed:.1f} minutes.", "", "| machine | |", "| --- | --- |",
             f"| CPU | {info['cpu']} ({info['mhz']}), {info['nproc']} logical CPUs |",
             f"| RAM | {info['ram_gib']:.1f} GiB |", f"| OS | {info['os']}, Linux {info['kernel']} |",
             f"| load average | {info['loadavg']} at the start, {info['loadavg_end']} at the end (1, 5, 15 min) |",
             "", f"### Goal: 100,000 rows well under a minute on both stores", "",
             (f"**Met.** The slowest step took {worst:.1f} s of wall-clock time ({worst_cpu:.1f} s of the "
              "import's own CPU at most)." if worst < GOAL_SECONDS / 2 else
              f"**{'Under a minute, but not well under,' if worst < GOAL_SECONDS else 'Not met'} in wall-clock time "
              f"on this run**: the slowest step took {worst:.1f} s, while the import's own CPU time was "
              f"{worst_cpu:.1f} s at most (see the load below: the rest is waiting for a CPU)."), "",
             "| step | " + " | ".join(f"{store} s (CPU s)" for store in results) + " | what it did |",
             "| --- | " + " | ".join("---:" for _ in results) + " | --- |"]
    stores = list(results)
    for k, (name, _, _) in enumerate(STEPS):
        cells = " | ".join(f"{results[s][k][1]:.1f} ({results[s][k][2]:.1f})" for s in stores)
        lines.append(f"| {name} | {cells} | {results[stores[0]][k][3]} |")
    if float(info["loadavg"].split()[0]) > (info["nproc"] or 1):
        lines += ["", "**The machine was busy** (load average above its CPUs, other builds and tests running): "
                  "wall-clock times include waiting for a CPU; the CPU column is the import process's own work "
                  "(on PostgreSQL the server's share is not in it)."]
    lines += ["", END, ""]
    section = "\n".join(lines)
    print(section)
    if not args.no_doc:
        write_doc(Path(args.doc), section, BEGIN, END)
        log(f"wrote {args.doc}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
