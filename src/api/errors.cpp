#include "api/errors.hpp"

#include <nlohmann/json.hpp>

namespace mh::api {

int http_status(ErrorCode code) {
  switch (code) {
    case ErrorCode::invalid: return 422;
    case ErrorCode::not_found: return 404;
    case ErrorCode::conflict: return 409;
    case ErrorCode::forbidden: return 403;
    case ErrorCode::unauthenticated: return 401;
    case ErrorCode::rate_limited: return 429;
    case ErrorCode::unavailable: return 503;
    case ErrorCode::internal: return 500;
    case ErrorCode::bad_request: return 400;
    case ErrorCode::unsupported_media_type: return 415;
    case ErrorCode::method_not_allowed: return 405;
    case ErrorCode::second_factor_setup_required: return 403;
  }
  return 500;
}

http::Response error_response(const Error& e) {
  http::Response r;
  r.status = http_status(e.code);
  r.body = nlohmann::json{{"error", {{"code", to_string(e.code)}, {"message", e.message}, {"field", e.field}}}}.dump();
  // 503: the database is restarting or busy; clients and proxies may retry shortly, not at once.
  if (e.code == ErrorCode::unavailable) r.set_header("Retry-After", "2");
  return r;
}

void throw_invalid(const std::string& field, const std::string& message) {
  throw ApiError(invalid(field, field + " " + message));
}

}  // namespace mh::api
