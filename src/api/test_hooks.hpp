// Routes for tests only. This file and test_hooks.cpp are compiled into the library
// mh_api_test_hooks, which only the test build of the server (`mentorhub_for_test`) links, so
// the product binary cannot answer them whatever its flags.
// Thread-safety: the clock is shared by every request; FakeClock is safe across threads.
#pragma once

#include "api/app.hpp"
#include "common/clock.hpp"

namespace mh::notify {
class OutboxSender;
}

namespace mh::api {

// POST /api/v1/test/clock {"advance_days", "advance_seconds"}: moves `clock` forward, then runs
// the lifecycle checks at the new time, so end-to-end tests can make a relationship fade.
void add_test_clock_route_for_test(Routes& routes, FakeClock& clock);

// POST /api/v1/test/stall-next-commit: the next write transaction to commit waits 30 seconds
// first, holding everything it wrote uncommitted, so a test can kill the server in the middle
// of a write (the crash tests) instead of hoping to hit it.
void add_commit_stall_route_for_test(Routes& routes);

// POST /api/v1/test/matchings/hold {"held": true|false}: while held, cohort matching jobs stay
// queued instead of starting (MatchingRunner::hold_for_test); releasing starts them.
void add_matching_hold_route_for_test(Routes& routes);

// POST /api/v1/test/mail {"run": true, "digests": false, "exit_at": "handed_over"}: runs one pass
// of the outbox's sender now and answers what it did; `exit_at` (claimed, handed_over, sent)
// makes the process die at that point of the next message's way instead, as a crash would.
void add_test_mail_route_for_test(Routes& routes, notify::OutboxSender& sender);

}  // namespace mh::api
