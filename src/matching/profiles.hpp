// Profiles built from people: what the scoring needs of a Person, as a mentor and as a mentee,
// with keys lower-cased and lists sorted. Shared by the directory snapshot (recommendations),
// cohort matching and the benchmarks, so that all of them score the same person the same way.
// Pure apart from the timezone offset, which reads the system's zone files (common/timezones).
#pragma once

#include "common/clock.hpp"
#include "domain/person.hpp"
#include "matching/scoring.hpp"

namespace mh::matching {

// `p` as a mentor; live_mentees and responsiveness are left for the caller (they come from
// relationships, not from the profile).
MentorProfile mentor_profile(const Person& p, TimePoint now);

// `p` as a mentee, from the profile alone; recommendations and engagements (which come from
// the store) are left empty.
MenteeProfile mentee_profile(const Person& p, TimePoint now);

// Lower-cased, trimmed, sorted and without duplicates.
std::vector<std::string> sorted_keys(const std::vector<std::string>& items);

}  // namespace mh::matching
