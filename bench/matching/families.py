#!/usr/bin/python3
"""The cohort families benchmark: the exact solver on shaped cohorts against LEMON and greedy.

For each family (contended, flat, sparse, pins: bench/matching/cohort_families.hpp) and each size
(default 10k x 2k, 50k x 10k, 100k x 20k mentees x mentors, K = 50, one seed), each in its own
process: Mentorhub end to end (the family's scoring and lists, the exact solve, its certificate,
the explanations) and LEMON NetworkSimplex on the same graph, `--repeat` times each (medians
reported), interleaved so both see the same machine load, and the greedy baseline once. Checks
that every exact total agrees, then writes its section of docs/benchmarks.md between markers.
"""

import argparse
import datetime
import json
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(HERE))
from benchlib import loadavg, write_doc  # noqa: E402
from bench import commit, fmt_mib, fmt_s, log, machine, run_json, size_name  # noqa: E402

BEGIN = "<!-- bench/matching-families:begin (written by bench/matching/families.sh; edit the script, not this section) -->"
END = "<!-- bench/matching-families:end -->"
FAMILIES = {
    "contended": "10 skills, wanted Zipf-like (1.2, 2-5 each), mentors holding them nearly uniformly (1-4 each): "
                 "the popular skills are scarce; score = 6,000 x covered share + quality (0-300) + pair noise (0-300)",
    "flat": "6 skills, 300 x covered share + 3 quality levels, no noise: a handful of distinct scores, huge ties "
            "(lists break them by mentor id, so everyone lists the same mentors)",
    "sparse": "one skill per 10 mentors (2,000 at 20,000; Zipf 0.8), one wanted; only mentors covering it are "
              "candidates: few candidates per mentee (about 28-30 at every size), many with none",
    "pins": "contended, plus 3% of the pairs forbidden (before the lists) and 3% of the mentees pinned to a listed "
            "mentor with a pin place left",
}


def median_run(runs, key):
    ok = sorted((r for r in runs if key in r), key=lambda r: r[key])
    return ok[(len(ok) - 1) // 2] if ok else (runs[-1] if runs else {})


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--binary", type=Path, default=ROOT / "build/release/bench_matching")
    ap.add_argument("--families", default=",".join(FAMILIES))
    ap.add_argument("--sizes", default="10000x2000,50000x10000,100000x20000")
    ap.add_argument("--k", type=int, default=50)
    ap.add_argument("--seed", type=int, default=20260110)
    ap.add_argument("--repeat", type=int, default=3, help="runs of Mentorhub and of LEMON per instance (medians)")
    ap.add_argument("--doc", type=Path, default=ROOT / "docs/benchmarks.md")
    ap.add_argument("--no-doc", action="store_true", help="print the section instead of writing it")
    ap.add_argument("--no-cost-scaling", action="store_true", help="skip LEMON CostScaling (run once per instance)")
    ap.add_argument("--save", type=Path, help="also write the raw results to this JSON file")
    ap.add_argument("--from-saved", type=Path, help="write the section from a --save file instead of measuring")
    args = ap.parse_args()

    if args.from_saved:
        saved = json.loads(args.from_saved.read_text())
        return finish(args, saved["info"], saved["rows"])
    started = time.perf_counter()
    when = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    load_start = loadavg()
    rows = []
    for family in args.families.split(","):
        for size in args.sizes.split(","):
            n, m = (int(v) for v in size.split("x"))
            base = [str(args.binary), "family", "--family", family, "--mentees", str(n), "--mentors", str(m),
                    "--k", str(args.k), "--seed", str(args.seed)]
            ours, lemon = [], []
            load = loadavg().split()[0]
            for r in range(args.repeat):
                log(f"[{family} {size_name(n, m)}] Mentorhub and LEMON, run {r + 1}/{args.repeat}")
                ours.append(run_json(base + ["--solver", "ours"]))
                lemon.append(run_json(base + ["--solver", "lemon"]))
            log(f"[{family} {size_name(n, m)}] greedy")
            greedy = run_json(base + ["--solver", "greedy"])
            cost_scaling = {}
            if not args.no_cost_scaling:
                log(f"[{family} {size_name(n, m)}] LEMON CostScaling")
                cost_scaling = run_json(base + ["--solver", "lemon_cs"])
            rows.append({"family": family, "n": n, "m": m, "name": size_name(n, m), "load": load,
                         "ours": median_run(ours, "end_to_end_s"), "ours_solve": [r.get("solve_s") for r in ours],
                         "ours_solve_cpu": [r.get("solve_cpu_s") for r in ours],
                         "ours_e2e": [r.get("end_to_end_s") for r in ours],
                         "ours_e2e_cpu": [r.get("end_to_end_cpu_s") for r in ours],
                         "lemon": median_run(lemon, "solve_s"), "lemon_solve": [r.get("solve_s") for r in lemon],
                         "lemon_solve_cpu": [r.get("solve_cpu_s") for r in lemon],
                         "greedy": greedy, "cost_scaling": cost_scaling})
    info = {"when": when, "commit": commit(), "machine": machine(), "load_start": load_start, "load_end": loadavg(),
            "minutes": (time.perf_counter() - started) / 60, "k": args.k, "seed": args.seed, "repeat": args.repeat}
    if args.save:
        args.save.write_text(json.dumps({"info": info, "rows": rows}, indent=1))
    return finish(args, info, rows)


def finish(args, info, rows):
    section = report(info, rows)
    print(section)
    if not args.no_doc:
        write_doc(args.doc, section, BEGIN, END)
        log(f"wrote {args.doc}")
    return 0 if all(agree(r) for r in rows) else 1


def agree(row):
    cs = row.get("cost_scaling") or {}
    return "total" in row["ours"] and row["ours"].get("total") == row["lemon"].get("total") and row["ours"].get(
        "certified") is True and ("total" not in cs or cs["total"] == row["ours"]["total"])


def goals(rows):
    """Issue 22's goals at 100k x 20k, family by family, from this run: wall clock first, CPU time in brackets."""
    big = [r for r in rows if r["n"] == 100000 and "total" in r["ours"]]
    if not big:
        return []

    def verdict(ok):
        return "met" if ok else "**not met**"

    lines = ["### Goals at 100k x 20k (issue 22), from this run", "",
             "Each cell: met or not by the wall clock, with the wall clock and (in brackets) the CPU time. The "
             "wall clock includes waiting for a CPU when the machine is shared.", "",
             "| family | solve under 1.5 s | end to end under 5 s and 2 GiB | at least 5x LEMON NetworkSimplex | "
             "growth from 10k x 2k at most 12x | same optimum as LEMON, certified |",
             "| --- | --- | --- | --- | --- | --- |"]
    for r in big:
        s, sc = med(r["ours_solve"]), med(r["ours_solve_cpu"])
        e, ec = med(r["ours_e2e"]), med(r["ours_e2e_cpu"])
        ls, lsc = med(r["lemon_solve"]), med(r["lemon_solve_cpu"])
        peak = r["ours"].get("peak_mib")
        small = next((x for x in rows if x["family"] == r["family"] and x["n"] == 10000), None)
        cell_growth = "-"
        if small and med(small["ours_solve"]) and med(small["ours_solve_cpu"]):
            g, gc = s / med(small["ours_solve"]), sc / med(small["ours_solve_cpu"])
            cell_growth = f"{verdict(g <= 12)}: {g:.1f}x ({gc:.1f}x)"
        ratio = f"{verdict(ls / s >= 5)}: {ls / s:.1f}x ({lsc / sc:.1f}x)" if s and ls and sc and lsc else "-"
        lines.append(
            f"| {r['family']} | {verdict(s < 1.5)}: {fmt_s(s)} ({fmt_s(sc)}) | "
            f"{verdict(e < 5 and (peak or 0) < 2048)}: {fmt_s(e)} ({fmt_s(ec)}), {fmt_mib(peak)} | {ratio} | "
            f"{cell_growth} | {'yes' if agree(r) else '**NO**'} |")
    return lines + [""]


# Written by hand from profiles (perf and the solver's own counters) of the commits named; kept
# here so the section is whole when the benchmark rewrites it.
WHERE_THE_TIME_WENT = [
    "### Where the solve's time went, and what changed (profiles of 2026-12-04 and 2026-12-05)",
    "",
    "Earlier the same day (from commit 1a00e78): building the mentors' incoming arc lists in score order was "
    "most of the solve, mostly page faults; the table became 8 bytes an arc with transparent huge pages, each "
    "mentor's arcs are ordered lazily as the solve reads them, and the searches keep only mentors in their "
    "heap. LEMON's CostScaling (Goldberg's cost scaling, its column above) is no faster than NetworkSimplex "
    "here, so neither an auction nor a hand-written cost-scaling solver was built.",
    "",
    "Then the growth from 10k to 100k, which was 16.1x (contended), 46.2x (flat) and 18.3x (pins) on a quiet "
    "machine. The solver's phase timers (the table above; `bench_matching family ... --solver ours` prints "
    "them) showed that the work itself grows about linearly (contended: 1.3 to 14.0 million arcs scanned, "
    "searches 9.6x), and that what grew faster was first touching fresh memory: the solve touched about 80 MB "
    "of new pages at 100k (the 40 MB table, and a 40 MB cache of w - u beside it, touched on every one of its "
    "huge pages) against 8 MB at 10k. A page fault costs 10-15 microseconds on this virtual machine; with "
    "huge pages granted that is 20-40 faults, but with the process's huge pages turned off "
    "(PR_SET_THP_DISABLE) the 100k setup took 0.17 s CPU for 9,770 faults, and after large free blocks had "
    "been handed back to the host (the machine reports free memory in 8 MiB blocks; reproduced by freeing "
    "3 GB four seconds before a run) flat's 100k solve took 0.05-0.20 s CPU against 0.015 s at 10k: the "
    "swings of the quiet run (flat 0.16-0.31 s). Changes: the table holds one integer key per arc, "
    "(top score - score) above the mentee index, 4 bytes when it fits (8 otherwise), so it is half the memory "
    "and plain integer order; the w - u cache is gone (reading the mentee's dual in the search instead was "
    "measured no slower: 0.117 s against 0.120-0.139 s at 100k contended); the table's pages are mapped by "
    "one madvise(MADV_POPULATE_WRITE) call (with huge pages refused: 9 instead of 15 microseconds a page); "
    "and a mentor's next chunk of arcs is chosen by a threshold from a sample of 64 keys and one partition "
    "pass instead of nth_element (flat's greedy pass at 100k: 0.0165 to 0.0074 s). The solve now touches "
    "20 MB of fresh memory at 100k; freeing 3 GB before each run, flat's 100k solve is 0.039-0.056 s CPU "
    "against 0.004 s at 10k. Per phase, 10k to 100k in one run of 5 repeats each at load 22 (CPU medians): "
    "contended setup 0.0021 to 0.026 s, greedy 0.0024 to 0.021 s, search 0.0135 to 0.125 s (9.4x in all); "
    "flat 8.7x; sparse 10.9x; pins 9.6x.",
    "",
    "The run of 2026-12-04 15:53 UTC (commit faa8f68, a quiet machine, load 0.2-1.6) met every goal but the "
    "growth: 13.7x (contended), 26.1x (flat), 12.4x (sparse) and 12.4x (pins); an earlier run of the same code "
    "on a busy machine (load 12-22 on 2 CPUs, 35.6 minutes) missed the end-to-end goal by the wall clock only "
    "(1.6-1.8 s of CPU, most of the rest waiting for a CPU). Its phase table said where: the search grew about "
    "linearly (contended 0.0128 to 0.128 s, 10.0x), while *setup*, which built the 20 MB table of the mentors' "
    "incoming arcs, grew 41-46x (flat 0.0022 to 0.082 s), and flat's whole 10k solve is 4 ms, so setup alone "
    "put it far above 12x. Setup at 10k works in the caches (a 2 MB table); at 100k it read 40 MB of candidate "
    "arcs twice and scattered 5 million keys into a table that does not fit in them, and on this virtual "
    "machine its time also swings with the host's backing of fresh memory (0.05 s in the busy run, 0.09 s in "
    "the quiet one). Building the table on both CPUs (each thread counting and placing the arcs of half the "
    "mentees, each mapping half of the fresh pages) was measured and not kept: at 100k, three runs each in the "
    "same minute at load 1.2-2.2, flat went from 0.090-0.138 s to 0.048-0.070 s, but contended from "
    "0.179-0.196 s to 0.256-0.312 s and pins from 0.169-0.219 s to 0.234-0.329 s: where a few popular mentors "
    "hold most arcs, both threads write into the same mentors' ranges and fight over the same cache lines.",
    "",
    "Then (2026-12-05) the table holds only what the solve can read. The solve reads a mentor's arcs only down "
    "to its first unmatched mentee; counted at 100k, that is at most 160 arcs deep (flat), 618 (contended), 112 "
    "(sparse) and 657 (pins), of up to 35,432 a mentor (in flat 836 mentors hold all 5 million arcs), and the "
    "arcs ever put in order are 1.7% (flat) to 10% (sparse) of the table. A mentor with more than 8,192 arcs "
    "now gets a window of its best 1,024-2,048 (every key up to a threshold, cut back as it fills); should the "
    "solve reach a window's end, every window is rebuilt 4 times larger, each mentor keeping its ordered prefix "
    "and pointer, so the assignment is the same (a test checks it, duals included, with windows of 2-16 arcs, "
    "which are rebuilt many times). The first pass counts the arcs from the mentor column alone (20 MB read "
    "instead of 40 MB at 100k), and a mentor's starting price comes from its first ordered key. At 100k, flat's "
    "table went from 5.0 to 2.4 million keys (20 to 10 MB), contended's from 5.0 to 4.7 million. Setup CPU at "
    "100k, least of 5 runs each at load 3.2-3.8, interleaved with the previous build: flat 0.0227 to 0.0161 s, "
    "contended 0.0264 to 0.0265 s, sparse 0.0185 to 0.0187 s. Tried and not kept, at 100k on the same load "
    "(the filling pass alone): windows for every mentor above 1,024 arcs (flat's table 1.3 million keys, but "
    "contended's filling pass went from 0.021 s to 0.035-0.036 s: where a mentor's arcs come in random key "
    "order, cutting its window back costs more than writing them); cutting windows back by nth_element instead "
    "of a sampled threshold and two plain passes (contended 0.044-0.046 s against 0.035-0.036 s); writing every "
    "key without a branch (flat 0.0094-0.0097 s to 0.017 s). Not measured: the cache-aware two-pass scatter "
    "(it would write and read the 5 million arcs once more, and this machine reads about 5 GB/s on one CPU).",
    "",
    "A caution on the growth figures: on the shared machine of 2026-12-05 the previous build also grew within "
    "12x. Measured in the same minutes at load 1.5-1.7 (3 runs each, CPU medians of the solve), flat grew 9.8x "
    "before (0.0032 to 0.0310 s) and 6.0x after (0.0035 to 0.0208 s), contended 9.1x before (0.0172 to "
    "0.1565 s) and 9.4x after (0.0178 to 0.1678 s). What put the quiet run above 12x was mostly setup at "
    "100k (contended, flat and pins 0.08-0.12 s there, against 0.02-0.04 s on the busy machine), most likely "
    "the host's backing of fresh memory, which freeing 3 GB four seconds before each run no longer reproduced; the windowed table halves "
    "flat's fresh memory at 100k (20 to 10 MB) but leaves contended's, sparse's and pins' about as they were, so "
    "whether a quiet run now meets 12x on those three is not shown by these runs.",
    "",
    "The quiet run of 2026-12-05 23:45 UTC (commit e561468, load 0.8-1.2, the benchmark alone) met every goal "
    "but sparse's growth: contended 9.6x, flat 6.5x, pins 9.9x, sparse 15.3x. The sparse family was then not the "
    "same cohort at every size: its pool was 2,000 skills whatever the size, so at 10k x 2k a skill had about 1.5 "
    "mentors and a mentee 12.1 candidates, at 100k x 20k 15 mentors and 29.6 candidates; its candidate graph "
    "grew 24x (121,102 to 2,960,700 arcs) for 10x the people, and the solve 15.3x. Its pool now grows with "
    "the mentors (one skill per 10; the 100k x 20k instance is unchanged, arc for arc), so a mentee has "
    "27.7, 28.9 and 29.6 candidates at 10k, 50k and 100k (the column in the phase table). Measured on that "
    "instance before the run below (5 runs each, CPU medians, load about 1): the solve 0.0047 to 0.0568 s; "
    "setup 0.0013 to 0.018 s, greedy 0.0023 to 0.022 s, search 0.0008 to 0.015 s, where the search's own work "
    "grows 13.8x (26,572 to 367,482 arcs scanned; 9.6x the searches, each reading more of the popular "
    "skills' mentors). A prefetch of the next mentees' state in the search's scan was tried and not kept "
    "(search 0.014-0.016 s at 100k either way).",
    "",
]


def phases(rows):
    """The solver's own phase timers in the median end-to-end run of each row: CPU seconds of the solving
    thread (minor page faults in brackets)."""
    have = [r for r in rows if "phase_setup_cpu_s" in r["ours"]]
    if not have:
        return []
    lines = ["### The solve by phase (the solver's own timers, median run)", "",
             "CPU time of the solving thread in each phase, with its minor page faults in brackets: *setup* is the "
             "state and the mentors' incoming arcs (the one big table), *greedy* the warm start, *search* the "
             "shortest-path searches (with the ordering of the arcs they read), *finish* writing the result.", "",
             "| family | size | candidate arcs (a mentee) | setup | greedy | search | finish | searches | arcs scanned |",
             "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for r in have:
        o = r["ours"]
        cells = [f"{o.get(f'phase_{p}_cpu_s', 0):.4f} s ({o.get(f'phase_{p}_faults', 0):,})"
                 for p in ("setup", "greedy", "search", "finish")]
        arcs = o.get("arcs", 0)
        lines.append(f"| {r['family']} | {r['name']} | {arcs:,} ({arcs / r['n']:.1f}) | " + " | ".join(cells) +
                     f" | {o.get('searches', 0):,} | {o.get('arcs_scanned', 0):,} |")
    return lines + [""]


def med(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def report(info, rows):
    mach = info["machine"]
    lines = [BEGIN, "", "## Cohort matching: the solver on shaped cohort families", ""]
    lines += [
        "The exact solver (`src/matching/assignment.cpp`) on cohorts shaped to be hard in different ways, "
        "generated by the benchmark's own scoring (`bench/matching/cohort_families.cpp`, not the product's "
        f"`matching::score`), K = {info['k']}, capacities 1-5 scaled to about 0.6 places per mentee, seed "
        f"{info['seed']}:",
        "",
    ]
    lines += [f"- **{name}**: {text}." for name, text in FAMILIES.items()]
    lines += [
        "",
        "*Mentorhub end to end* is the family's scoring and top-K lists (both CPUs), the exact solve, the "
        "optimality certificate check and every chosen pair's explanation (its score from its parts, checked "
        "against the arc), in one process; *solve* is the solver alone. LEMON NetworkSimplex, LEMON CostScaling "
        "(Goldberg's cost-scaling push-relabel, run once: a measure of that route) and greedy run on the same "
        "candidate graph, built first and not counted; LEMON's times include building its network. "
        f"Medians of {info['repeat']} runs, Mentorhub and LEMON interleaved so both see the same load; each time is "
        "wall clock / CPU time of the process (the end to end CPU time adds up both threads of the lists, so it "
        "can exceed the wall clock); the CPU time is what a shared machine disturbs least. *load* is the "
        "1-minute load average when the row started; *peak* is the process's peak resident memory from the "
        "start of the measured part (people included). This section is written by the benchmark; to measure "
        "again:",
        "",
        "```sh",
        "bench/matching/families.sh     # builds bench_matching if needed; about 10-20 minutes",
        "bench/matching/families.sh --sizes 10000x2000 --repeat 1 --no-doc   # a quick look",
        "```",
        "",
        f"This run: {info['when']}, commit {info['commit']}, {info['minutes']:.1f} minutes; {mach['cpu']}, "
        f"{mach['cpus']} logical CPUs, {mach['ram']}, {mach['os']}; load average {info['load_start']} at the "
        f"start, {info['load_end']} at the end (a shared machine: compare within a row).",
        "",
    ]
    busy = any(float(x) > (mach["cpus"] or 1) for x in (info["load_start"].split()[0], info["load_end"].split()[0]))
    if busy:
        lines += ["**The machine was busy** (load average above its CPUs): other work shared the two CPUs, so the "
                  "wall-clock times include waiting for a CPU and swing from run to run; the wall-clock growth across "
                  "sizes below is not reliable from such a run (the CPU times are steadier, though the other work "
                  "also shares the caches). Compare Mentorhub and LEMON within a row only.", ""]
    lines += [
        "| family | size | load | Mentorhub solve (wall / CPU) | Mentorhub end to end (wall / CPU) | peak | "
        "LEMON, same graph (wall / CPU) | LEMON / Mentorhub solve (wall, CPU) | LEMON CostScaling (once, wall / CPU) "
        "| greedy | greedy % of optimum | matched / places | same optimum, certified |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in rows:
        o, l, g = r["ours"], r["lemon"], r["greedy"]
        if "error" in o or "total" not in o:
            lines.append(f"| {r['family']} | {r['name']} | {r['load']} | failed: {o.get('error', '-')} | | | | | | | | | |")
            continue
        s, ls = med(r["ours_solve"]), med(r["lemon_solve"])
        sc, lsc = med(r["ours_solve_cpu"]), med(r["lemon_solve_cpu"])
        ratio = (f"{ls / s:.1f}x" if s and ls else "-") + ", " + (f"{lsc / sc:.1f}x" if sc and lsc else "-")
        gp = f"{100.0 * g['total'] / o['total']:.2f} %" if "total" in g and o["total"] else "-"
        cs = r.get("cost_scaling") or {}
        cs_text = f"{fmt_s(cs.get('solve_s'))} / {fmt_s(cs.get('solve_cpu_s'))}" if "solve_s" in cs else \
            (f"failed: {cs['error']}" if "error" in cs else "-")
        lines.append(
            f"| {r['family']} | {r['name']} | {r['load']} | {fmt_s(s)} / {fmt_s(sc)} | {fmt_s(med(r['ours_e2e']))} / "
            f"{fmt_s(med(r['ours_e2e_cpu']))} | {fmt_mib(o.get('peak_mib'))} | {fmt_s(ls)} / {fmt_s(lsc)} | {ratio} | {cs_text} | "
            f"{fmt_s(g.get('solve_s'))} | {gp} | {o['matched']:,} / {o['places']:,} | {'yes' if agree(r) else '**NO**'} |")
    lines.append("")
    growth = []
    for fam in dict.fromkeys(r["family"] for r in rows):
        small = next((r for r in rows if r["family"] == fam and r["n"] == 10000), None)
        big = next((r for r in rows if r["family"] == fam and r["n"] == 100000), None)
        if small and big and med(small["ours_solve"]) and med(big["ours_solve"]):
            cpu = ""
            if med(small["ours_solve_cpu"]) and med(big["ours_solve_cpu"]):
                cpu = f" (CPU {med(big['ours_solve_cpu']) / med(small['ours_solve_cpu']):.1f}x)"
            growth.append(f"{fam} {med(big['ours_solve']) / med(small['ours_solve']):.1f}x{cpu}")
    if growth:
        lines += ["Growth of the solve from 10k x 2k to 100k x 20k (10x the people), wall clock (CPU time): " +
                  ", ".join(growth) + ".", ""]
    cs_rows = [r for r in rows if "solve_s" in (r.get("cost_scaling") or {}) and med(r["ours_solve"]) and
               med(r["lemon_solve"])]
    if cs_rows:
        slower = sum(1 for r in cs_rows if r["cost_scaling"]["solve_s"] > med(r["lemon_solve"]))
        times = [r["cost_scaling"]["solve_s"] / med(r["ours_solve"]) for r in cs_rows]
        lines += [f"LEMON CostScaling in this run: slower than LEMON NetworkSimplex on {slower} of {len(cs_rows)} "
                  f"instances, {min(times):.0f}-{max(times):.0f}x Mentorhub's solve (wall clock).", ""]
    lines += goals(rows)
    lines += phases(rows)
    lines += WHERE_THE_TIME_WENT
    lines.append(END)
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
