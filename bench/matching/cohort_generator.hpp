// A seeded synthetic cohort for the cohort matching benchmark (bench/matching/): mentors and
// mentees as the scoring sees them (matching::MentorProfile / MenteeProfile), with skills and
// levels from a pool of 300 (each department leaning on its own 40), titles by seniority,
// 24 departments of uneven size, experience, nine timezones (each department mostly in one),
// meeting media, responsiveness histories, 5% external mentors, managers, former managers,
// managers' recommendations and existing pairings inside the cohort (the hard rules bite),
// mentor capacities 1-5 scaled so the cohort has about 0.6 places per mentee, and about 1% of
// the pairs that share a wanted skill forbidden by the administrator.
//
// Deterministic: only the raw output of std::mt19937 (modulo) is used, never a distribution, so
// the same seed gives the same cohort on every platform.
#pragma once

#include <cstdint>

#include "matching/candidates.hpp"

namespace mh::bench {

struct CohortSpec {
  int mentees = 100'000;
  int mentors = 20'000;
  std::uint32_t seed = 20260110;
  double places_per_mentee = 0.6;
  double forbidden_share = 0.01;  // of the (mentee, mentor) pairs that share a wanted skill
};

// Mentors get ids 1..mentors, mentees mentors+1..mentors+mentees.
matching::Cohort make_cohort(const CohortSpec& spec);

}  // namespace mh::bench
