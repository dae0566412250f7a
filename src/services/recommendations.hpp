// A manager recommends a mentor to one of their direct reports: the rules (only one's own
// report, an active mentor who is neither the report nor the manager), the row, and the report's
// notification, in the caller's transaction. The manager learns nothing more; the report reads
// what they were recommended. Depends on storage and domain only. Not safe across threads: a
// UseCase belongs to one transaction.
#pragma once

#include <string>
#include <vector>

#include "services/use_case.hpp"
#include "storage/finding_repo.hpp"

namespace mh::services {

// not_found for an unknown or inactive report; forbidden unless `actor` is the report's manager;
// invalid (mentor_id) for an unknown, inactive or unfitting mentor, invalid (note) beyond 1000 bytes.
Result<storage::MentorRecommendation> recommend_mentor(UseCase& uc, const Person& actor, PersonId report_id,
                                                       PersonId mentor_id, const std::string& note);

// A manager's recommendation as the report reads it: who recommended whom, by name (empty for a
// person no longer in the store).
struct MentorRecommendationView {
  storage::MentorRecommendation recommendation;
  std::string manager_name;
  std::string mentor_name, mentor_title;
};
// The recommendations made to `actor` (never anyone else's), oldest first.
std::vector<MentorRecommendationView> my_mentor_recommendations(sql::Connection& db, const Person& actor);

}  // namespace mh::services
