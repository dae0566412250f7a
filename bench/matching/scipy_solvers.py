#!/usr/bin/python3
"""scipy's assignment solvers on a candidate graph exported by `bench_matching export`.

Run with Debian's /usr/bin/python3 (python3-scipy). One solver per process, so that the peak
memory (ru_maxrss) is that solver's. Prints one JSON object.

  --mode dense   scipy.optimize.linear_sum_assignment on the dense mentees x places matrix
                 (each mentor's places expanded into columns; a non-candidate pair weighs 0,
                 which is the same as leaving the place empty)
  --mode sparse  scipy.sparse.csgraph.min_weight_full_bipartite_matching (maximize=True) on the
                 candidate graph with places expanded into columns and one dummy row per place,
                 so that a matching covering every place exists; every weight is the score + 1
                 (a sparse matrix drops explicit zeros), and the dummy rows weigh 1, so the
                 total score is the matching's weight minus the number of places.

The graph file: b"MHCG1\\0\\0\\0", int64 mentees, mentors, arcs; int64 offset[mentees + 1];
int32 arc_mentor[arcs]; int32 arc_score[arcs]; int32 capacity[mentors] (little-endian).
"""

import argparse
import json
import resource
import sys
import time

import numpy as np


def load(path):
    with open(path, "rb") as f:
        if f.read(8)[:5] != b"MHCG1":
            raise SystemExit(f"{path}: not a candidate graph")
        n, m, arcs = (int(x) for x in np.fromfile(f, dtype="<i8", count=3))
        offset = np.fromfile(f, dtype="<i8", count=n + 1)
        mentor = np.fromfile(f, dtype="<i4", count=arcs)
        score = np.fromfile(f, dtype="<i4", count=arcs)
        capacity = np.fromfile(f, dtype="<i4", count=m)
    mentee = np.repeat(np.arange(n, dtype=np.int64), np.diff(offset))
    return n, m, mentee, mentor.astype(np.int64), score.astype(np.int64), capacity.astype(np.int64)


def expand_places(mentee, mentor, score, capacity):
    """Every arc once per place of its mentor: (row, place column, score)."""
    first_place = np.concatenate(([0], np.cumsum(capacity)[:-1]))
    reps = capacity[mentor]
    rows = np.repeat(mentee, reps)
    weights = np.repeat(score, reps)
    starts = np.repeat(first_place[mentor], reps)
    # 0, 1, ..., reps-1 for each arc
    within = np.arange(reps.sum(), dtype=np.int64) - np.repeat(np.cumsum(reps) - reps, reps)
    return rows, starts + within, weights


def peak_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def dense(n, m, mentee, mentor, score, capacity):
    from scipy.optimize import linear_sum_assignment

    places = int(capacity.sum())
    t0 = time.perf_counter()
    rows, cols, weights = expand_places(mentee, mentor, score, capacity)
    matrix = np.zeros((n, places), dtype=np.float64)
    matrix[rows, cols] = weights
    del rows, cols, weights
    t1, c1 = time.perf_counter(), time.process_time()
    r, c = linear_sum_assignment(matrix, maximize=True)
    t2, c2 = time.perf_counter(), time.process_time()
    chosen = matrix[r, c]
    return {"build_s": t1 - t0, "solve_s": t2 - t1, "solve_cpu_s": c2 - c1, "total": int(round(chosen.sum())),
            "matched": int((chosen > 0).sum()), "places": places}


def sparse(n, m, mentee, mentor, score, capacity):
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import min_weight_full_bipartite_matching

    places = int(capacity.sum())
    t0 = time.perf_counter()
    rows, cols, weights = expand_places(mentee, mentor, score, capacity)
    dummy = np.arange(places, dtype=np.int64)
    rows = np.concatenate((rows, n + dummy))
    cols = np.concatenate((cols, dummy))
    weights = np.concatenate((weights + 1, np.ones(places, dtype=np.int64))).astype(np.float64)
    graph = csr_matrix((weights, (rows, cols)), shape=(n + places, places))
    del rows, cols, weights
    t1, c1 = time.perf_counter(), time.process_time()
    r, c = min_weight_full_bipartite_matching(graph, maximize=True)
    t2, c2 = time.perf_counter(), time.process_time()
    chosen = np.asarray(graph[r, c]).ravel()
    real = r < n
    return {"build_s": t1 - t0, "solve_s": t2 - t1, "solve_cpu_s": c2 - c1, "total": int(round(chosen.sum() - places)),
            "matched": int(real.sum()), "places": places}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--graph", required=True)
    ap.add_argument("--mode", choices=("dense", "sparse"), required=True)
    args = ap.parse_args()
    n, m, mentee, mentor, score, capacity = load(args.graph)
    result = (dense if args.mode == "dense" else sparse)(n, m, mentee, mentor, score, capacity)
    import scipy

    result.update({"mode": args.mode, "mentees": n, "mentors": m, "arcs": int(len(mentor)),
                   "peak_mib": peak_mib(), "scipy": scipy.__version__, "numpy": np.__version__})
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
