#include "services/matching_runner.hpp"

#include <exception>

#include <spdlog/spdlog.h>

#include "services/cohort_matching_job.hpp"

namespace mh::services {

using storage::MatchingJobId;

MatchingRunner::MatchingRunner(Store& store, const Clock& clock)
    : store_(store), clock_(clock), thread_([this] { loop(); }) {}

MatchingRunner::~MatchingRunner() {
  {
    // Set under the mutex: between the loop's look at the flag and its wait, a flag set and a
    // notification sent without it would be missed, and the join below would wait for ever.
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void MatchingRunner::enqueue(MatchingJobId job) {
  {
    std::lock_guard lock(mutex_);
    queue_.push_back(job);
  }
  wake_.notify_one();
}

void MatchingRunner::hold_for_test(bool held) {
  {
    std::lock_guard lock(mutex_);
    held_ = held;
  }
  wake_.notify_all();
}

void MatchingRunner::loop() {
  for (;;) {
    MatchingJobId job = 0;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return stopping_ || (!queue_.empty() && !held_); });
      if (stopping_) return;
      job = queue_.front();
      queue_.pop_front();
    }
    try {
      run_matching_job(store_, clock_, job, {}, &stopping_);
    } catch (const std::exception& e) {
      spdlog::error("matching {} stopped: {}", job, e.what());
    }
  }
}

}  // namespace mh::services
