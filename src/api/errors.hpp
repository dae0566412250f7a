// How failures become HTTP answers. Domain and store failures are Result errors with an
// ErrorCode; this is the one place that maps a code to a status. Input problems found while
// reading a request (malformed JSON, a wrong type) are thrown as ApiError from the json_io
// helpers and caught by the route wrapper in app.cpp, so handlers stay short.
// Stateless; thread-safe.
#pragma once

#include <stdexcept>
#include <string>

#include "common/result.hpp"
#include "http/message.hpp"

namespace mh::api {

int http_status(ErrorCode code);

// {"error": {"code": ..., "message": ..., "field": ...}} with the given status.
http::Response error_response(int status, const std::string& code, const std::string& message,
                              const std::string& field = {});
http::Response error_response(const Error& e);

// An input error with its status (400, 415, 422, ...).
class ApiError : public std::runtime_error {
 public:
  ApiError(int status, std::string code, const std::string& message, std::string field = {})
      : std::runtime_error(message), status_(status), code_(std::move(code)), field_(std::move(field)) {}
  explicit ApiError(const Error& e)
      : std::runtime_error(e.message), status_(http_status(e.code)), code_(to_string(e.code)), field_(e.field) {}
  int status() const { return status_; }
  const std::string& code() const { return code_; }
  const std::string& field() const { return field_; }

 private:
  int status_;
  std::string code_;
  std::string field_;
};

// 422 naming the field.
[[noreturn]] void throw_invalid(const std::string& field, const std::string& message);

}  // namespace mh::api
