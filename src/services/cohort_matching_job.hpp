// Running a cohort's matching job as one use case: load the cohort (profiles, the program's
// weights, places taken, pins and prohibitions), match_cohort, and write the job's progress, its
// preview (one row per pair and per unmatched mentee) and its statistics summary. The server's
// runner (services/matching_runner.hpp) and `mentorhub match` both call run_matching_job, so a
// matching is the same job wherever it runs. Queueing and applying a job are services/cohorts.hpp;
// rendering it as JSON is api/cohort_json.hpp.
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "domain/person.hpp"
#include "matching/assignment.hpp"
#include "storage/cohorts_repo.hpp"
#include "storage/sql/connection.hpp"
#include "storage/store.hpp"

namespace mh::services {

// Progress as the job reports it: phase name and percent.
using ProgressSink = std::function<void(const std::string& phase, int percent)>;

// A pin the matching cannot honour (people and places change between pinning and running),
// reported in the summary's `ignored_pins` rather than failing the job.
struct IgnoredPin {
  PersonId mentee_id = 0;
  PersonId mentor_id = 0;
  std::string reason;
};

// A cohort ready for match_cohort, with what the preview needs to name people.
struct LoadedCohort {
  std::string name;
  matching::Cohort cohort;
  std::vector<Person> people;  // active members
  std::unordered_map<PersonId, std::size_t> index_of;
  std::vector<IgnoredPin> ignored_pins;
  int inactive_members = 0;
  int external_mentors_left_out = 0;
  int mentored_mentees_left_out = 0;  // have a mentor already; included only when asked
  int forbidden = 0;

  const Person* person(PersonId id) const {
    auto it = index_of.find(id);
    return it == index_of.end() ? nullptr : &people[it->second];
  }
};

// Reads cohort `id` in the caller's transaction: its active members' profiles as of `now`, the
// program's weights, the pins it can honour and its prohibitions. Mentees who already have a
// mentor are left out unless `include_mentored`. not_found when there is no such cohort.
Result<LoadedCohort> load_cohort(sql::Connection& db, storage::CohortId id, TimePoint now, bool include_mentored);

// Runs a queued job to its end (done with its preview, or failed with the reason), writing its
// progress to the store about twice a second and telling `progress` too (the CLI's bar).
// `cancel`, when set, stops it between phases and within a solve (server shutdown); the job then
// fails, saying to run it again, with no preview written.
void run_matching_job(Store& store, const Clock& clock, storage::MatchingJobId job, const ProgressSink& progress = {},
                      const std::atomic<bool>* cancel = nullptr);

// The preview's statistics as JSON text (the job row's `summary` holds them with the job's own
// figures added): totals, score distribution, matched share per department, unmatched by
// reason, the candidates and the timings. `person` gives each mentee's department.
std::string match_summary_json(const matching::CohortMatch& m, const matching::Cohort& cohort,
                               const std::function<const Person*(PersonId)>& person);

// A matched pair and an unmatched mentee as the preview's rows (the factors as JSON text).
storage::JobPair preview_pair(const matching::MatchedPair& p);
storage::JobUnmatched preview_unmatched(const matching::UnmatchedMentee& u);

}  // namespace mh::services
