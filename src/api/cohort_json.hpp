// A cohort matching as JSON: the request that queues one, the job with its summary, the
// preview's pairs and unmatched mentees with the people's names, and a CSV cohort matched in
// memory. Running the job is services/cohort_matching_job.hpp; the use cases around it (making a
// cohort, its pins, queueing and applying a job) are services/cohorts.hpp.
#pragma once

#include <string>
#include <vector>

#include "api/json_io.hpp"
#include "domain/person.hpp"
#include "matching/assignment.hpp"
#include "services/cohorts.hpp"
#include "storage/cohorts_repo.hpp"

namespace mh::api {

using services::MatchingRequest;

// {"k": 1-500, "min_score": points 0-1000, "include_mentored": bool} with defaults; throws ApiError naming a bad field.
MatchingRequest matching_request_from_json(const json& body);

// The preview's pairs and unmatched mentees with the people's names, for the API and the CLI.
json job_json(const storage::MatchingJob& job, const std::string& cohort_name);
json pair_json(const storage::JobPair& p, const Person* mentee, const Person* mentor);
json unmatched_json(const storage::JobUnmatched& u, const Person* mentee);

// A cohort read from a CSV (matching/cohort_csv.hpp) matched in memory, nothing stored: the
// summary (services::match_summary_json), pairs and unmatched mentees as the preview shows them.
json csv_match_json(const matching::CohortMatch& m, const std::vector<Person>& people, const matching::Cohort& cohort);

}  // namespace mh::api
