#include "jobs/lifecycle_tick.hpp"

#include "services/conclusion.hpp"
#include "services/reminders.hpp"
#include "storage/relationships_repo.hpp"

namespace mh::jobs {

Result<TickReport> run_lifecycle_tick(Store& store, TimePoint now, const LifecycleSettings& settings) {
  TickReport report;
  auto candidates = store.read_value<std::vector<Relationship>>([&](sql::Connection& db) -> Result<std::vector<Relationship>> {
    return storage::relationships_in(db, {RelState::requested, RelState::starting, RelState::active, RelState::fading});
  });
  if (!candidates) return candidates.error();
  for (const Relationship& seen : *candidates) {
    auto step = store.write_value<services::LifecycleStep>(
        [&](sql::Connection& db) -> Result<services::LifecycleStep> {
          services::UseCase uc(db, now, settings);
          return services::check_lifecycle(uc, seen.id);
        });
    if (!step) return step.error();
    switch (*step) {
      case services::LifecycleStep::expired: ++report.expired; break;
      case services::LifecycleStep::faded: ++report.faded; break;
      case services::LifecycleStep::revived: ++report.revived; break;
      case services::LifecycleStep::reminded_of_purpose: ++report.reminded; break;
      case services::LifecycleStep::none: break;
    }
  }
  // One pass over what is due, in one transaction: each reminder is written at most once by its
  // unique key, so a pass that runs again (or on another server) adds nothing.
  auto sent = store.write_value<int>([&](sql::Connection& db) -> Result<int> {
    services::UseCase uc(db, now, settings);
    return services::send_due_reminders(uc).total();
  });
  if (!sent) return sent.error();
  report.notified = *sent;
  return report;
}

}  // namespace mh::jobs
