#include "api/throttle.hpp"

#include "api/errors.hpp"
#include "storage/auth_repo.hpp"

namespace mh::api {

std::optional<http::Response> refuse_if_throttled(Ctx& ctx, const std::vector<AttemptLimit>& limits) {
  const Seconds window = ctx.settings.failure_window;
  auto used_up = ctx.store.read_value<bool>([&](sql::Connection& db) -> Result<bool> {
    for (const auto& limit : limits)
      if (storage::failures_in_window(db, limit.subject, ctx.now, window) >= limit.max) return true;
    return false;
  });
  if (!used_up) throw ApiError(used_up.error());
  if (!*used_up) return std::nullopt;
  auto r = error_response(rate_limited("too many attempts; wait " + std::to_string(window.count() / 60) +
                                       " minutes and try again"));
  r.set_header("Retry-After", std::to_string(window.count()));
  return r;
}

void count_attempt(Ctx& ctx, const std::string& subject) {
  auto counted = ctx.store.write([&](sql::Connection& db) -> Status {
    storage::record_failure(db, subject, ctx.now, ctx.settings.failure_window);
    return {};
  });
  if (!counted) throw ApiError(counted.error());
}

}  // namespace mh::api
