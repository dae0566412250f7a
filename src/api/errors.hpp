// How failures become HTTP answers. Every failure is an Error (its code, a message for people,
// the field at fault) from the store up; this is the one place that maps a code to a status.
// Input problems found while reading a request (malformed JSON, a wrong type) are the same Error
// thrown as ApiError from the json_io helpers and caught by the route wrapper in app.cpp, so
// handlers stay short.
// Stateless; thread-safe.
#pragma once

#include <stdexcept>
#include <string>

#include "common/result.hpp"
#include "http/message.hpp"

namespace mh::api {

int http_status(ErrorCode code);

// {"error": {"code": ..., "message": ..., "field": ...}} with the status of the code.
http::Response error_response(const Error& e);

// An Error found while reading a request, thrown out of the reading helpers.
class ApiError : public std::runtime_error {
 public:
  explicit ApiError(Error e) : std::runtime_error(e.message), error_(std::move(e)) {}
  const Error& error() const { return error_; }

 private:
  Error error_;
};

// 422 naming the field.
[[noreturn]] void throw_invalid(const std::string& field, const std::string& message);

}  // namespace mh::api
