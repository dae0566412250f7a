// The cohort assignment: on a candidate graph (candidates.hpp), the assignment that maximises the
// total integer score with each mentee at most one mentor, each mentor at most its free places,
// pins forced and prohibitions never (they are not arcs). Exact, deterministic, pure C++.
//
// Method (solve): pins are placed first (they are forced; the optimum with pins is the pins plus
// the optimum of the rest with the mentors' remaining places). The rest is the linear programme
//   max sum w_ij x_ij  s.t.  sum_j x_ij <= 1 (dual u_i >= 0),  sum_i x_ij <= c_j (dual p_j >= 0)
// solved as a min-cost flow with each mentor one node of capacity c_j (not c_j repeated slots),
// by successive shortest augmenting paths with potentials (Dijkstra on reduced costs). The duals
// are kept feasible (u_i + p_j >= w_ij on every arc, u, p >= 0) and complementary slack for every
// settled node (a matched pair is tight, u_i + p_j = w_ij; an unmatched mentee has u_i = 0; a
// mentor with a free place has p_j = 0). The searches start from the scarcer side:
//  - from the mentors (the usual cohort, fewer places than mentees): p_j starts at the mentor's
//    best score, u = 0, nobody matched; warm start, the greedy pass: each mentor in turn takes
//    its best unmatched mentees while its best choice is unmatched (searches that end at once,
//    p_j falling to the score taken); then each mentor still having a free place and p_j > 0
//    runs Dijkstra (mentor -> mentee: u_i + p_j - w_ij; mentee -> its mentor: 0; an unmatched
//    mentee ends it at 0, a mentor giving up a place at p_j). Matched mentees stay matched, so
//    each mentor's arcs sorted by score have a matched prefix and a monotone pointer to the
//    first unmatched mentee, and only that prefix needs scanning. The arcs by mentor are put
//    in that order lazily, a chunk at a time as the pointer reaches them: most of a popular
//    mentor's arcs are never read, and ordering all of them was most of the solve. For the same
//    reason the table of arcs by mentor keeps, of a mentor with very many, only a window of its
//    best (every arc up to a threshold), rebuilt larger should the pointer reach its end.
//  - from the mentees otherwise: p = 0, u_i = best score, greedy on the tight arcs, then
//    Dijkstra from each unmatched mentee with u_i > 0.
// After each search the settled nodes' potentials move by (distance to the end - their
// distance), which keeps every reduced cost >= 0 and makes the path tight; then the path is
// augmented. At the end every node is settled, so (x, u, p) are primal and dual feasible and
// complementary slack: x is optimal for the LP, whose optimum is integral (bipartite
// b-matching), so it is the optimum over all integral assignments on the graph. `certify`
// re-checks those conditions from scratch on the result, independently of the solver, and
// match_cohort refuses an answer that fails it.
//
// Deterministic: mentors are processed in index order (mentees: best score desc, then index),
// arcs in (score desc, index asc) order, and the Dijkstra heap breaks ties by node index; indexes
// follow ids (candidates.hpp), so the same input gives the same assignment whatever the order of
// the input lists.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "matching/candidates.hpp"

namespace mh::matching {

enum class Unmatched : std::uint8_t {
  matched,
  no_eligible_mentor,  // every mentor is excluded by a hard rule, forbidden, or has no free place
  below_min_score,     // eligible mentors exist, none reaches the minimum score
  mentors_full,        // every candidate mentor (its best K) is full with pairs worth more in total
};
const char* to_string(Unmatched u);
std::string explain(Unmatched u);

struct SolveStats {
  int pinned = 0;
  int greedy_matched = 0;     // matched by the warm start
  int searches = 0;           // Dijkstra runs
  std::int64_t nodes_settled = 0;
  std::int64_t arcs_scanned = 0;
  int window_refills = 0;     // times the mentors' windows of incoming arcs were rebuilt larger
  // Where the solve's time goes, by phase: this thread's CPU seconds and minor page faults (for
  // the benchmark's profile; zero where the system cannot tell). setup: the state and the
  // mentors' incoming arcs; greedy: the warm start; search: the shortest-path searches; finish:
  // writing the result.
  struct Phase {
    double cpu_s = 0;
    std::int64_t minor_faults = 0;
  };
  Phase setup, greedy, search, finish;
};

struct Assignment {
  std::vector<std::int32_t> mentor_of;  // per mentee index: mentor index or -1
  std::vector<Unmatched> reason;        // per mentee index (matched for the matched)
  std::int64_t total_score = 0;         // hundredths of a point, pins included
  int matched = 0;
  // The dual solution (empty for heuristics): u per mentee, p per mentor, in hundredths.
  std::vector<std::int64_t> u, p;
  SolveStats stats;
  bool cancelled = false;  // stopped by SolveControl::cancel: not optimal, no duals
};

// What a long solve reports and obeys, read and written across threads. All optional.
struct SolveControl {
  const std::atomic<bool>* cancel = nullptr;  // when it turns true the solve stops within milliseconds
  std::atomic<int>* places_done = nullptr;    // contested places settled so far ...
  std::atomic<int>* places_total = nullptr;   // ... of this many (set once the warm start is done)
  // For the tests: how many of a mentor's incoming arcs the solver's table first holds (0: its
  // default; at least 2). The answer is the same whatever it is.
  std::int64_t mentor_window = 0;
};

// The exact optimum on the graph. With a control whose cancel turns true, it stops early and
// returns an assignment with `cancelled` set (feasible, not optimal, no duals).
Assignment solve(const CandidateGraph& g, const SolveControl& control = {});

// The same optimum by successive shortest paths alone (the method described above), for
// comparison in the tests and the benchmark.
Assignment solve_ssp(const CandidateGraph& g, const SolveControl& control = {});

// The baseline: pins, then every arc by (score desc, mentee id, mentor id), taken when both
// sides are free. Not optimal.
Assignment greedy(const CandidateGraph& g);

// Checks that `a` is feasible on `g` (arcs of the graph, pins, capacities, one mentor each, the
// total) and, when it carries duals, that they prove it optimal (dual feasibility, complementary
// slackness, equal objectives). Empty when all holds, else the first violation found.
std::string certify(const CandidateGraph& g, const Assignment& a);

// The unmatched reasons of an assignment (filled by solve and greedy already).
void fill_reasons(const CandidateGraph& g, Assignment& a);

// End to end for a cohort: candidates, the optimum, and for every pair its explanation.
// Where a running match_cohort is, for a progress bar: written by the matching, read by any
// other thread.
struct MatchProgress {
  enum Phase : int { candidates, solving, explaining, finished };
  std::atomic<int> phase{candidates};
  std::atomic<int> mentees_done{0};  // mentees whose candidates are known
  // While solving: contested places settled, of solve_total (0 until the warm start is done).
  std::atomic<int> solve_done{0};
  std::atomic<int> solve_total{0};
};

struct MatchOptions {
  CandidateOptions candidates;
  MatchProgress* progress = nullptr;
  // When set and it turns true during the solve, match_cohort stops within milliseconds and
  // returns an `unavailable` error ("cancelled").
  const std::atomic<bool>* cancel = nullptr;
};

struct MatchedPair {
  PersonId mentee_id = 0;
  PersonId mentor_id = 0;
  std::int32_t score = 0;  // hundredths of a point
  bool pinned = false;
  Scored explanation;      // matching::score on the pair: its factors
};

struct UnmatchedMentee {
  PersonId mentee_id = 0;
  Unmatched reason = Unmatched::no_eligible_mentor;
  int eligible_mentors = 0;
  int candidates = 0;
};

struct MatchTimings {
  double candidates_s = 0, solve_s = 0, explain_s = 0;              // wall clock
  double candidates_cpu_s = 0, solve_cpu_s = 0, explain_cpu_s = 0;  // CPU time of the process (all threads)
};

struct CohortMatch {
  std::vector<MatchedPair> pairs;          // by mentee id
  std::vector<UnmatchedMentee> unmatched;  // by mentee id
  std::int64_t total_score = 0;
  CandidateStats candidate_stats;
  SolveStats solve_stats;
  MatchTimings timings;
};

Result<CohortMatch> match_cohort(const Cohort& cohort, const MatchOptions& options = {});

}  // namespace mh::matching
