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
  }
  return 500;
}

http::Response error_response(int status, const std::string& code, const std::string& message,
                              const std::string& field) {
  http::Response r;
  r.status = status;
  r.body = nlohmann::json{{"error", {{"code", code}, {"message", message}, {"field", field}}}}.dump();
  // 503: the database is restarting or busy; clients and proxies may retry shortly, not at once.
  if (status == 503) r.set_header("Retry-After", "2");
  return r;
}

http::Response error_response(const Error& e) {
  return error_response(http_status(e.code), to_string(e.code), e.message, e.field);
}

void throw_invalid(const std::string& field, const std::string& message) {
  throw ApiError(422, "invalid", field + " " + message, field);
}

}  // namespace mh::api
