// Runs the lifecycle checks inside the server every `period` (expiring requests, fading
// relationships), on its own thread so no request waits for it. Stops and joins on
// destruction. Safe with several servers on one database (see lifecycle_tick.hpp).
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "common/clock.hpp"
#include "domain/relationship.hpp"
#include "storage/store.hpp"

namespace mh::jobs {

class Ticker {
 public:
  Ticker(Store& store, const Clock& clock, LifecycleSettings settings, std::chrono::seconds period);
  ~Ticker();
  Ticker(const Ticker&) = delete;
  Ticker& operator=(const Ticker&) = delete;

 private:
  void loop();

  Store& store_;
  const Clock& clock_;
  LifecycleSettings settings_;
  std::chrono::seconds period_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace mh::jobs
