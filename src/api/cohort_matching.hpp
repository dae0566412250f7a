// Cohort matching as a service over the store: making a cohort (from a list or a filter),
// running a matching job (load the cohort, match_cohort, write the preview), and applying a
// preview as one-to-one proposals. The HTTP routes (cohort_routes.cpp), the server's job runner
// and the CLI (`mentorhub match`) all call these, so a job behaves the same wherever it runs.
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
#include "storage/store.hpp"

namespace mh::api {

// Who is in a new cohort: listed people, or everyone active (in one department, if given)
// who seeks one-to-one mentoring as mentees and who offers it with a place as mentors.
struct CohortSelection {
  std::optional<std::vector<PersonId>> mentee_ids, mentor_ids;  // both given: a list
  std::optional<std::string> department;                        // a filter otherwise
  json to_json() const;
};

// Creates the cohort with its members, in the caller's transaction. Errors name the field:
// `name` (taken: 409), `mentee_ids[3]` (no such active person), `filter` (selects nobody).
Result<storage::CohortId> create_cohort(sql::Connection& db, const std::string& name, const std::string& description,
                                        const CohortSelection& selection, std::optional<PersonId> by, TimePoint now);

// A job is abandoned when its server stopped: no heartbeat for this long.
inline constexpr Seconds kJobHeartbeatTimeout{120};
inline constexpr Seconds kQueuedJobTimeout{30 * 60};
// The job as callers should see it: a queued or running job without a heartbeat is failed.
storage::MatchingJob effective(storage::MatchingJob job, TimePoint now);

struct MatchingRequest {
  int k = 50;
  int min_score = 1;  // hundredths of a point
  // Mentees who already have a mentor (starting, active, fading) are left out unless this is set.
  bool include_mentored = false;
};

// {"k": 1-500, "min_score": points 0-1000, "include_mentored": bool} with defaults; throws ApiError naming a bad field.
MatchingRequest matching_request_from_json(const json& body);

// Queues a job for the cohort (409 while another one is queued or running).
Result<storage::MatchingJob> queue_matching(sql::Connection& db, storage::CohortId cohort, const MatchingRequest& request,
                                            std::optional<PersonId> by, TimePoint now);

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

// Applies a done job: one proposal (a request in the lifecycle's `requested` state, the mentee
// as initiator, the mentor to accept or decline) per pair that the lifecycle's rules still
// allow; the others are reported with the reason. One transaction. 409 unless the job is done
// and is the cohort's latest.
struct AppliedMatching {
  int created = 0;
  std::vector<storage::JobPair> skipped;  // with not_applied
};
Result<AppliedMatching> apply_matching(sql::Connection& db, storage::MatchingJobId job, const Person* actor,
                                       TimePoint now, const LifecycleSettings& lifecycle);

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
