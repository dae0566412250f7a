#include "jobs/lifecycle_pass.hpp"

namespace mh::jobs {

namespace {
// The advisory lock key of the lifecycle pass; any fixed number other jobs do not use.
constexpr std::int64_t kLifecyclePassLock = 0x6d686c6966650001;  // "mhlife" 1
}  // namespace

Result<std::optional<TickReport>> run_lifecycle_pass(Store& store, TimePoint now, const LifecycleSettings& settings,
                                                     IfRunningElsewhere if_running) {
  std::optional<Result<TickReport>> report;
  auto ran = store.run_exclusive(kLifecyclePassLock, if_running == IfRunningElsewhere::wait,
                                 [&] { report = run_lifecycle_tick(store, now, settings); });
  if (!ran) return ran.error();
  if (!*ran) return std::optional<TickReport>{};
  if (!*report) return report->error();
  return std::optional<TickReport>{std::move(**report)};
}

}  // namespace mh::jobs
