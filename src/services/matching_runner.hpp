// The server's cohort matching runner: queued jobs run one at a time on a background thread
// (a matching uses both cores and up to a few hundred MiB; two at once would only slow each
// other down), each through run_matching_job (services/cohort_matching_job.hpp). Destroying the
// runner stops the job it is running (the job fails, saying to run it again); jobs still waiting
// stay queued in the store, and effective() (services/cohorts.hpp) shows them failed once they
// have waited too long.
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include "common/clock.hpp"
#include "storage/cohorts_repo.hpp"
#include "storage/store.hpp"

namespace mh::services {

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

}  // namespace mh::services
