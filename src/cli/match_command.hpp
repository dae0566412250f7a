// `mentorhub cohort ...` and `mentorhub match ...`: cohorts and their matching from the command
// line, through the same service as the server's runner (services/cohort_matching_job.hpp), so a
// matching run here is a job in the store like one started from the web app. Exit codes: 0 done,
// 1 failed (one line on stderr), 2 bad usage.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "storage/store.hpp"

namespace mh::cli {

struct CohortCreateOptions {
  std::string name, description, department;
  bool everyone = false;
  std::vector<long long> mentees, mentors;
};
int cohort_create(Store& store, const CohortCreateOptions& o);
int cohort_list(Store& store);

struct MatchOptions {
  std::string cohort;  // by name
  std::string csv;     // or a CSV file: nothing stored
  bool apply = false;  // otherwise a preview
  int k = 50;
  double min_score = 0.01;
  bool include_mentored = false;  // also mentees who already have a mentor
  bool json = false;
};
// `store` may be null for --csv.
int match(Store* store, const MatchOptions& o);

}  // namespace mh::cli
