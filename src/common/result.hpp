// Result<T>: the value of an operation that can fail in a foreseeable way (bad input, a
// missing row, a conflict). Shaped like C++23 std::expected so we can switch later.
// Depends on nothing but std; safe to copy across threads like any value type.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace mh {

// A client acts differently on each code; add one only if a client would.
// Only src/api maps codes to HTTP statuses (api/errors.cpp).
enum class ErrorCode {
  invalid,          // 422: a value is not acceptable; `field` names it
  not_found,        // 404
  conflict,         // 409: the state, a capacity or a duplicate forbids it; change something first
  forbidden,        // 403
  unauthenticated,  // 401
  rate_limited,     // 429
  unavailable,      // 503: the same call may succeed on retry
  internal,         // 500: a bug or broken infrastructure
  bad_request,      // 400: the request cannot be read at all (not JSON, not UTF-8, nested too deep)
  unsupported_media_type,        // 415: the body is not sent as JSON
  method_not_allowed,            // 405: the path exists, the method does not
  second_factor_setup_required,  // 403: this session may only set up its second factor
};

const char* to_string(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::internal;
  std::string message;
  std::string field;  // empty when no single field is at fault
};

inline Error invalid(std::string field, std::string message) {
  return Error{ErrorCode::invalid, std::move(message), std::move(field)};
}
inline Error not_found(std::string message) { return Error{ErrorCode::not_found, std::move(message), {}}; }
inline Error conflict(std::string message, std::string field = {}) {
  return Error{ErrorCode::conflict, std::move(message), std::move(field)};
}
inline Error forbidden(std::string message) { return Error{ErrorCode::forbidden, std::move(message), {}}; }
inline Error unauthenticated(std::string message) {
  return Error{ErrorCode::unauthenticated, std::move(message), {}};
}
inline Error rate_limited(std::string message) { return Error{ErrorCode::rate_limited, std::move(message), {}}; }
inline Error bad_request(std::string message) { return Error{ErrorCode::bad_request, std::move(message), {}}; }

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}              // NOLINT: implicit like expected
  Result(Error error) : v_(std::move(error)) {}          // NOLINT
  bool has_value() const { return v_.index() == 0; }
  explicit operator bool() const { return has_value(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

// Result<void>: success or an Error.
template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : e_(std::move(error)) {}  // NOLINT
  bool has_value() const { return !e_.has_value(); }
  explicit operator bool() const { return has_value(); }
  const Error& error() const { return *e_; }

 private:
  std::optional<Error> e_;
};

using Status = Result<void>;

// The success or the error of `r`, without its value.
template <class T>
Status status_of(const Result<T>& r) {
  if (!r) return r.error();
  return {};
}

}  // namespace mh

// Propagates the error of a Result-returning expression, else binds its value.
#define MH_TRY(var, expr)                          \
  auto var##_result_ = (expr);                     \
  if (!var##_result_) return var##_result_.error(); \
  auto var = std::move(var##_result_).value()

#define MH_CHECK(expr)                       \
  do {                                       \
    auto mh_status_ = (expr);                \
    if (!mh_status_) return mh_status_.error(); \
  } while (0)
