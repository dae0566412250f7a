#include "api/test_hooks.hpp"

#include <atomic>
#include <chrono>
#include <memory>
#include <thread>

#include "api/errors.hpp"
#include "api/json_io.hpp"
#include "jobs/lifecycle_pass.hpp"
#include "notify/sender.hpp"
#include "services/matching_runner.hpp"

#include <cstdlib>

namespace mh::api {

void add_test_clock_route_for_test(Routes& routes, FakeClock& clock) {
  routes.add("POST", "/api/v1/test/clock", Access::anyone, [&clock](Ctx& ctx) {
    const json body = parse_object_body(ctx.req);
    reject_unknown_fields(body, {"advance_days", "advance_seconds"});
    std::int64_t seconds = 0;
    if (body.contains("advance_days")) seconds += int_field(body["advance_days"], "advance_days") * 86400;
    if (body.contains("advance_seconds")) seconds += int_field(body["advance_seconds"], "advance_seconds");
    if (seconds < 0 || seconds > 3650LL * 86400)
      throw_invalid("advance_days", "time only moves forward, by at most ten years");
    clock.advance(Seconds(seconds));
    const TimePoint now = clock.now();
    auto pass = jobs::run_lifecycle_pass(ctx.store, now, ctx.settings.lifecycle, jobs::IfRunningElsewhere::wait);
    if (!pass) return error_response(pass.error());
    const jobs::TickReport* report = &**pass;
    return json_response(200, {{"now", format_iso8601(now)},
                               {"expired", report->expired},
                               {"faded", report->faded},
                               {"revived", report->revived},
                               {"reminded", report->reminded},
                               {"notified", report->notified}});
  });
}

void add_commit_stall_route_for_test(Routes& routes) {
  routes.add("POST", "/api/v1/test/stall-next-commit", Access::anyone, [](Ctx& ctx) {
    auto armed = std::make_shared<std::atomic<bool>>(true);
    ctx.store.fail_commits_for_test([armed] {
      if (armed->exchange(false)) std::this_thread::sleep_for(std::chrono::seconds(30));
      return false;  // then commit as usual (if the process is still there)
    });
    return json_response(200, {{"armed", true}});
  });
}

void add_matching_hold_route_for_test(Routes& routes) {
  routes.add("POST", "/api/v1/test/matchings/hold", Access::anyone, [](Ctx& ctx) {
    const json body = parse_object_body(ctx.req);
    reject_unknown_fields(body, {"held"});
    if (!body.contains("held")) throw_invalid("held", "is required (true or false)");
    const bool held = bool_field(body["held"], "held");
    ctx.matching.hold_for_test(held);
    return json_response(200, {{"held", held}});
  });
}

}  // namespace mh::api

namespace mh::api {

void add_test_mail_route_for_test(Routes& routes, notify::OutboxSender& sender) {
  routes.add("POST", "/api/v1/test/mail", Access::anyone, [&sender](Ctx& ctx) {
    const json body = optional_object_body(ctx.req);
    reject_unknown_fields(body, {"run", "digests", "exit_at"});
    if (body.contains("exit_at")) {
      const std::string point = string_field(body["exit_at"], "exit_at");
      if (point != "claimed" && point != "handed_over" && point != "sent")
        throw_invalid("exit_at", "is claimed, handed_over or sent");
      sender.set_fault_for_test([point](const char* at) {
        if (point == at) std::_Exit(70);
      });
      sender.wake();
      return json_response(202, {{"exit_at", point}});
    }
    const bool run = !body.contains("run") || bool_field(body["run"], "run");
    const bool digests = body.contains("digests") && bool_field(body["digests"], "digests");
    notify::PassReport report;
    if (run) report = sender.run_once(digests);
    else if (digests) report.digests = sender.run_digests();
    return json_response(200, {{"sent", report.sent},
                               {"retried", report.retried},
                               {"failed", report.failed},
                               {"skipped", report.skipped},
                               {"doubtful", report.doubtful},
                               {"digests", report.digests}});
  });
}

}  // namespace mh::api
