// Attempt counters for the routes that take or make credentials (sign-in, changing a password,
// creating an API token), so that guessing a password or minting tokens in a loop is slowed to a
// handful per window. The counts live in the store (sign_in_failures), so every server sharing
// a database counts together. Stateless; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "api/app.hpp"

namespace mh::api {

struct AttemptLimit {
  std::string subject;  // "account:ann@example.com", "password:12", ...
  int max = 0;          // attempts allowed within Settings::failure_window
};

// The 429 answer (with Retry-After) when any subject has used up its attempts within the
// window; nothing when all may go on. Reads the store in its own transaction.
std::optional<http::Response> refuse_if_throttled(Ctx& ctx, const std::vector<AttemptLimit>& limits);

// Counts one attempt against `subject` in its own write transaction; a store failure is an
// ApiError, so the attempt is never made uncounted.
void count_attempt(Ctx& ctx, const std::string& subject);

}  // namespace mh::api
