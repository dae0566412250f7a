// Candidate generation for cohort matching: for every mentee, the best K eligible mentors by
// integer score, as a compact bipartite graph the assignment solvers share (assignment.hpp,
// lemon_reference.hpp). Pure C++: profiles in, a graph out; no I/O. Uses several threads (one
// mentee range at a time each); the result does not depend on their number.
//
// Exact, not heuristic: the list of a mentee is exactly its top K eligible mentors by
// (score desc, mentor id asc), plus its pinned mentor. Scoring all N x M pairs is avoided thus:
//  1. Inverted indexes (wanted skill -> holders with levels, title -> mentors, department ->
//     mentors, plus former managers and recommendations) find the mentors that can score through
//     those terms, and gather each one's sum of wanted levels and flags.
//  2. For each of them an integer upper bound: every term of score() rounded up to a hundredth
//     (skill points from the level sum, the others from a 12-byte record per mentor and small
//     per-mentee tables), plus one hundredth for rounding. Exact scores only for the K best
//     bounds, then for any other bound that still reaches the K-th exact score.
//  3. Every other mentor can only score through the experience gap, an outside perspective,
//     timezones, a shared medium, free places and responsiveness. Those mentors are grouped in
//     classes (timezone, external or not, band of 4 years), sorted by their free-place plus
//     responsiveness points; classes and mentors are visited by decreasing bound and the scan
//     stops when the bound falls below the K-th score (a threshold algorithm).
// A bound is never below the exact integer score, so no pair that could enter a list is skipped;
// the tests compare the lists with scoring every pair (build_candidates_exhaustive), and the
// benchmark does at 1k x 300 and 10k x 2k.
//
// The score of a pair is matching::score's, as an integer number of hundredths of a point
// (integer_score). candidates.cpp evaluates it with a string-free copy of score()'s arithmetic
// (the same terms, added in the same order, so bit for bit the same double); tests compare the
// two on random profiles, and match_cohort (assignment.hpp) re-scores every chosen pair with
// matching::score itself for its explanation and refuses to answer if the integers disagree.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "common/result.hpp"
#include "matching/scoring.hpp"

namespace mh::matching {

// Hundredths of a point, rounded half away from zero: the objective the solvers maximise.
std::int32_t integer_score(double score);

struct Cohort {
  std::vector<MenteeProfile> mentees;
  std::vector<MentorProfile> mentors;  // capacity - live_mentees = the places this matching may fill
  Weights weights;
  std::vector<std::string> emerging;                      // sorted keys, as for score()
  std::vector<std::pair<PersonId, PersonId>> pinned;     // (mentee, mentor): must be matched
  std::vector<std::pair<PersonId, PersonId>> forbidden;  // (mentee, mentor): never
};

struct CandidateOptions {
  int k = 50;             // candidates per mentee (>= 1)
  int min_score = 1;      // hundredths of a point; >= 1: a pair worth 0 never improves the total
  int threads = 0;        // 0: std::thread::hardware_concurrency()
  // When set, counts the mentees whose lists are done, for a progress bar in another thread.
  std::atomic<int>* mentees_done = nullptr;
};

// Why a mentee has no candidate (before any assignment).
enum class Eligibility : std::uint8_t {
  has_candidates,     // at least one mentor scores >= min_score (or a pin)
  no_eligible_mentor, // every mentor is excluded by a hard rule, forbidden or has no free place
  below_min_score,    // eligible mentors exist, none scores min_score
};

struct CandidateStats {
  std::int64_t pairs_total = 0;         // mentees x mentors with a free place
  std::int64_t pairs_bounded = 0;       // pairs whose integer upper bound was computed
  std::int64_t pairs_scored = 0;        // pairs whose exact score was computed
  std::int64_t arcs = 0;
  int threads = 0;
};

// Mentees and mentors are indexed in increasing id order, whatever the input order.
struct CandidateGraph {
  std::vector<PersonId> mentee_ids;       // sorted
  std::vector<PersonId> mentor_ids;       // sorted
  std::vector<std::int32_t> mentee_input; // mentee index -> position in Cohort::mentees
  std::vector<std::int32_t> mentor_input; // mentor index -> position in Cohort::mentors
  std::vector<std::int32_t> capacity;     // free places per mentor (0 for none)
  // CSR: the arcs of mentee i are [offset[i], offset[i+1]), best first (score desc, mentor id asc).
  std::vector<std::int64_t> offset;
  std::vector<std::int32_t> arc_mentor;
  std::vector<std::int32_t> arc_score;
  std::vector<std::int32_t> pinned;       // per mentee: mentor index or -1 (its arc is in the list)
  std::vector<Eligibility> eligibility;   // per mentee
  std::vector<std::int32_t> eligible_count;  // per mentee: mentors allowed by the hard rules
  int k = 0;
  int min_score = 0;
  CandidateStats stats;

  int mentees() const { return static_cast<int>(mentee_ids.size()); }
  int mentors() const { return static_cast<int>(mentor_ids.size()); }
  std::int64_t arcs() const { return static_cast<std::int64_t>(arc_mentor.size()); }
};

// Checks the cohort (duplicate people, unknown ids in pins or prohibitions, a pin that breaks a
// hard rule or a prohibition, a mentee pinned twice, more pins on a mentor than free places)
// and builds the candidate graph. Errors are `invalid` with the field at fault.
Result<CandidateGraph> build_candidates(const Cohort& cohort, const CandidateOptions& options = {});

// Every eligible pair (K = all mentors, the same rules): the reference for the tests and for
// measuring what pruning to K costs. Scores all pairs; for small cohorts.
Result<CandidateGraph> build_candidates_exhaustive(const Cohort& cohort, int min_score = 1);

// The integer score of one pair by the string-free evaluator candidates.cpp uses (for tests).
std::int32_t fast_integer_score(const MenteeProfile& mentee, const MentorProfile& mentor, const Weights& w,
                                const std::vector<std::string>& emerging);

}  // namespace mh::matching
