#include "common/result.hpp"

namespace mh {

const char* to_string(ErrorCode code) {
  switch (code) {
    case ErrorCode::invalid: return "invalid";
    case ErrorCode::not_found: return "not_found";
    case ErrorCode::conflict: return "conflict";
    case ErrorCode::forbidden: return "forbidden";
    case ErrorCode::unauthenticated: return "unauthenticated";
    case ErrorCode::rate_limited: return "rate_limited";
    case ErrorCode::unavailable: return "unavailable";
    case ErrorCode::internal: return "internal";
    case ErrorCode::bad_request: return "bad_request";
    case ErrorCode::unsupported_media_type: return "unsupported_media_type";
    case ErrorCode::method_not_allowed: return "method_not_allowed";
    case ErrorCode::second_factor_setup_required: return "second_factor_setup_required";
  }
  return "internal";
}

}  // namespace mh
