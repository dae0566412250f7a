#include "api/test_hooks.hpp"

#include <atomic>
#include <chrono>
#include <memory>
#include <thread>

#include "api/errors.hpp"
#include "api/cohort_matching.hpp"
#include "api/json_io.hpp"
#include "jobs/lifecycle_pass.hpp"

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
