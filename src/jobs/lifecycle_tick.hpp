// The lifecycle's scheduled checks: unanswered requests expire, relationships without a
// meeting held or scheduled within twice their cadence become fading (and both people are
// notified), and fading ones with a meeting again become active; then the reminders that come
// with time (services/reminders.hpp), each written once. Run by the server on a timer,
// by `mentorhub tick`, and by POST /api/v1/admin/tick; driven by the time passed in, so tests
// use a fake clock. Each relationship is its own transaction, one call of
// services::check_lifecycle. Safe to run from several servers
// at once: a transition already made by another is simply skipped.
#pragma once

#include "common/clock.hpp"
#include "common/result.hpp"
#include "domain/relationship.hpp"
#include "storage/store.hpp"

namespace mh::jobs {

struct TickReport {
  int expired = 0;
  int faded = 0;
  int revived = 0;
  int reminded = 0;  // starting relationships reminded to agree their purpose
  int notified = 0;  // reminders written: requests expiring, meetings near, tasks overdue, reviews due
};

Result<TickReport> run_lifecycle_tick(Store& store, TimePoint now, const LifecycleSettings& settings);

}  // namespace mh::jobs
