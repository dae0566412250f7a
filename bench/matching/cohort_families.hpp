// Cohort families for the solver benchmark and the solver's exactness tests: candidate graphs
// built by the benchmark's own scoring, not the product's (matching::score is not needed to
// measure a solver, and these families are shaped on purpose).
//
// Every family draws mentors with skills (a small pool, popularity Zipf-like unless said) and
// an individual quality, mentees with wanted skills, capacities 1-5 scaled to about
// `places_per_mentee`, and scores a pair as
//   share_points * (wanted skills the mentor covers / wanted skills) + quality_j + noise(i, j)
// (integers). A mentee's list is its best K mentors by (score desc, mentor id asc) among those
// allowed (not forbidden; in the sparse family only mentors covering a wanted skill).
//  - contended: 10 skills, Zipf 1.2, 2-5 wanted; the share dominates and the same few hundred
//    high-quality mentors top most lists; small noise, so many scores are close.
//  - flat: 6 skills, no quality spread beyond 3 levels, no noise: a few distinct scores, huge ties.
//  - sparse: one skill per 10 mentors (2,000 at 20,000 mentors; Zipf 0.8), one wanted, only
//    coverers are candidates: few candidates per mentee (about as many at every size), many
//    mentees with none or unmatched.
//  - pins: contended, plus 3% of the pairs forbidden and 3% of the mentees pinned (to a listed
//    mentor with a pin place left) at scale.
// Seeded and deterministic: only raw std::mt19937 output and an integer hash are used.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "matching/candidates.hpp"

namespace mh::bench {

enum class Family { contended, flat, sparse, pins };
const char* family_name(Family f);
bool parse_family(const std::string& name, Family& out);
std::vector<Family> all_families();

struct FamilySpec {
  Family family = Family::contended;
  int mentees = 10'000;
  int mentors = 2'000;
  int k = 50;
  std::uint32_t seed = 20260110;
  double places_per_mentee = 0.6;
  int threads = 0;  // for scoring the lists (0: hardware concurrency)
};

// The people of a family: generated once, before anything is timed.
struct FamilyPeople {
  FamilySpec spec;
  std::vector<std::uint32_t> mentor_skills;  // bitmask over the family's skills (bit set = holds)
  std::vector<std::int32_t> mentor_quality;
  std::vector<std::int32_t> capacity;
  std::vector<std::vector<std::int32_t>> mentee_wants;  // skill indexes (sparse family: any of 2,000)
  std::vector<std::vector<std::int32_t>> mentor_skill_list;  // the sparse family's skills per mentor
  int share_points = 0, noise = 0;
  bool coverers_only = false;
  int forbid_percent = 0;
};

FamilyPeople make_people(const FamilySpec& spec);

// Scoring and the top-K lists (the part an end-to-end run times as "candidates").
matching::CandidateGraph build_family_graph(const FamilyPeople& people);

// The score of one pair, from its parts (the family's "explanation" of a pair).
struct FamilyScore {
  std::int32_t share = 0, quality = 0, noise = 0, total = 0;
  bool forbidden = false;
};
FamilyScore family_score(const FamilyPeople& people, int mentee, int mentor);

// Small instances for the tests: the whole graph at once.
inline matching::CandidateGraph make_family_graph(const FamilySpec& spec) {
  return build_family_graph(make_people(spec));
}

}  // namespace mh::bench
