// The lifecycle pass run by one server at a time: of all the servers sharing a database, only
// the one holding the pass's database-wide lock (Store::run_exclusive) runs it, so a pass's
// nudges and transitions are made once, not once per server. Each step is still its own
// transaction that re-reads its relationship, so even without the lock nothing would be done
// twice; the lock keeps the servers from all doing the same work, and the counts they report
// honest.
#pragma once

#include <optional>

#include "jobs/lifecycle_tick.hpp"

namespace mh::jobs {

enum class IfRunningElsewhere {
  skip,  // the timer: another server is doing it now, and the next period comes anyway
  wait,  // an administrator or a test asked for it: wait, then run (finding what is left)
};

// The pass's report, or nullopt when it was skipped because another server was running it.
Result<std::optional<TickReport>> run_lifecycle_pass(Store& store, TimePoint now, const LifecycleSettings& settings,
                                                     IfRunningElsewhere if_running);

}  // namespace mh::jobs
