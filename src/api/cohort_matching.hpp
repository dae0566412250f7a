// Running a cohort's matching job (load the cohort, match_cohort, write the preview with its
// statistics) on the server's background thread or from the CLI, and the preview as JSON. The
// use cases around it (making a cohort, its pins, queueing and applying a job) are
// services/cohorts.hpp.
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "api/json_io.hpp"
#include "common/clock.hpp"
#include "domain/relationship.hpp"
#include "matching/assignment.hpp"
#include "storage/cohorts_repo.hpp"
#include "services/cohorts.hpp"
#include "storage/store.hpp"

namespace mh::api {

using services::MatchingRequest;

// {"k": 1-500, "min_score": points 0-1000, "include_mentored": bool} with defaults; throws ApiError naming a bad field.
MatchingRequest matching_request_from_json(const json& body);

// Progress as the job reports it: phase name and percent.
using ProgressSink = std::function<void(const std::string& phase, int percent)>;

// Runs a queued job to its end (done with its preview, or failed with the reason), writing its
// progress to the store about twice a second and telling `progress` too (the CLI's bar).
// `cancel`, when set, stops it between phases (server shutdown).
void run_matching_job(Store& store, const Clock& clock, storage::MatchingJobId job, const ProgressSink& progress = {},
                      const std::atomic<bool>* cancel = nullptr);

// The preview's pairs and unmatched mentees with the people's names, for the API and the CLI.
json job_json(const storage::MatchingJob& job, const std::string& cohort_name);
json pair_json(const storage::JobPair& p, const Person* mentee, const Person* mentor);
json unmatched_json(const storage::JobUnmatched& u, const Person* mentee);

// Runs queued jobs one at a time on a background thread (a matching uses both cores and up to
// a few hundred MiB; two at once would only slow each other down).
class MatchingRunner {
 public:
  MatchingRunner(Store& store, const Clock& clock);
  ~MatchingRunner();
  MatchingRunner(const MatchingRunner&) = delete;
  MatchingRunner& operator=(const MatchingRunner&) = delete;
  void enqueue(storage::MatchingJobId job);
  // Tests only: while held, queued jobs wait (and stay `queued`) instead of starting, so a test
  // sees a job still running without racing the machine's speed.
  void hold_for_test(bool held);

 private:
  void loop();
  Store& store_;
  const Clock& clock_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<storage::MatchingJobId> queue_;
  bool held_ = false;  // guarded by mutex_
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

// A cohort read from a CSV (matching/cohort_csv.hpp) matched in memory, nothing stored: the
// summary, pairs and unmatched mentees as the preview shows them.
json csv_match_json(const matching::CohortMatch& m, const std::vector<Person>& people, const matching::Cohort& cohort);

// The preview's statistics: totals, score distribution, matched share per department, unmatched
// by reason. `people` gives each mentee's department.
json match_summary(const matching::CohortMatch& m, const matching::Cohort& cohort,
                   const std::function<const Person*(PersonId)>& person);

}  // namespace mh::api
