#include "api/throttle.hpp"

#include "api/errors.hpp"

namespace mh::api {

http::Response error_response_with_retry(const Ctx& ctx, const Error& e) {
  auto r = error_response(e);
  if (e.code == ErrorCode::rate_limited) r.set_header("Retry-After", std::to_string(ctx.settings.failure_window.count()));
  return r;
}

std::optional<http::Response> refuse_if_throttled(Ctx& ctx, const std::vector<AttemptLimit>& limits) {
  const Seconds window = ctx.settings.failure_window;
  auto allowed = ctx.store.read(
      [&](sql::Connection& db) -> Status { return services::check_attempts(db, limits, ctx.now, window); });
  if (allowed) return std::nullopt;
  if (allowed.error().code != ErrorCode::rate_limited) throw ApiError(allowed.error());
  return error_response_with_retry(ctx, allowed.error());
}

AttemptLimit own_password_attempts(const Ctx& ctx) {
  return {"password:" + std::to_string(ctx.me().id), ctx.settings.max_password_failures};
}

void count_attempt(Ctx& ctx, const std::string& subject) {
  auto counted = ctx.store.write([&](sql::Connection& db) -> Status {
    services::count_attempt(db, subject, ctx.now, ctx.settings.failure_window);
    return {};
  });
  if (!counted) throw ApiError(counted.error());
}

}  // namespace mh::api
