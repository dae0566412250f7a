// A synthetic organisation for the recommendation benchmark: by default 100,000 people, of
// whom 20,000 are available mentors (capacity 1-5, offering one-to-one), in ~24 departments
// with a reporting tree (CEO, heads, directors, team leads), skills with levels from a pool of
// 300, aspirations, experience, timezones, media, 1,000 external experts and former managers.
//
// Seeded and deterministic: only the modulo of raw std::mt19937 output is used (as the demo
// does), never a distribution, so every run on every platform builds the same people.
//
// People come out in insertion order (everyone's manager and former managers come earlier),
// with ids 1..N equal to their position + 1, which is what a fresh SQLite database assigns
// when they are inserted in that order; the seed tool checks it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "domain/person.hpp"
#include "matching/scoring.hpp"

namespace mh::bench {

struct SyntheticOptions {
  int people = 100'000;         // including the externals
  int mentors = 20'000;         // including every external
  int externals = 1'000;
  std::uint32_t seed = 20260107;
  int mentee_sample = 1'000;    // mentees the benchmarks rotate through (spread over the org)
};

struct SyntheticOrg {
  std::vector<Person> people;         // id = position + 1; manager_id and former managers refer to ids
  std::vector<PersonId> mentee_ids;   // the sample: internal people spread over the whole org
  std::vector<std::string> skill_pool;
  int mentors = 0;                    // people with capacity > 0 offering one-to-one
};

// Builds the organisation; `now` sets created_at and the experience (career start years).
// Every person passes validate_person (checked; throws std::runtime_error otherwise).
SyntheticOrg make_synthetic_org(const SyntheticOptions& o, TimePoint now);

// The program's default emerging skills as the API scores them (keys, sorted): the same list
// as ProgramSettings in src/api/finding_routes.cpp.
std::vector<std::string> default_emerging_keys();

// Profiles for these people come from matching/profiles.hpp, as the API builds them: a seeded
// database has no relationships and no managers' recommendations.

}  // namespace mh::bench
