#include "jobs/ticker.hpp"

#include "jobs/lifecycle_pass.hpp"

#include <spdlog/spdlog.h>

#include "jobs/lifecycle_tick.hpp"

namespace mh::jobs {

Ticker::Ticker(Store& store, const Clock& clock, LifecycleSettings settings, std::chrono::seconds period)
    : store_(store), clock_(clock), settings_(settings), period_(period), thread_([this] { loop(); }) {}

Ticker::~Ticker() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void Ticker::loop() {
  std::unique_lock lock(mutex_);
  while (!wake_.wait_for(lock, period_, [this] { return stopping_; })) {
    lock.unlock();
    auto pass = run_lifecycle_pass(store_, clock_.now(), settings_, IfRunningElsewhere::skip);
    if (!pass) {
      spdlog::error("lifecycle check failed: {}", pass.error().message);
    } else if (!*pass) {
      spdlog::debug("lifecycle check skipped: another server is running it");
    } else if (const TickReport& report = **pass; report.expired + report.faded + report.revived + report.reminded + report.notified > 0) {
      spdlog::info("lifecycle check: {} expired, {} faded, {} revived, {} reminded to agree a purpose, {} reminders",
                   report.expired, report.faded, report.revived, report.reminded, report.notified);
    }
    lock.lock();
  }
}

}  // namespace mh::jobs
