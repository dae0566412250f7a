// Attempt counters for the routes that take or make credentials (changing a password, a reset
// link, minting API tokens, single sign-on), so that guessing a password or minting tokens in a
// loop is slowed to a handful per window. The rules are the services' (services/attempts.hpp);
// this is their HTTP side: the 429 with Retry-After. Stateless; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "api/app.hpp"
#include "services/attempts.hpp"

namespace mh::api {

using services::AttemptLimit;

// error_response(e), with Retry-After (the failure window) when it is rate_limited.
http::Response error_response_with_retry(const Ctx& ctx, const Error& e);

// The 429 answer (with Retry-After) when any subject has used up its attempts within the
// window; nothing when all may go on. Reads the store in its own transaction.
std::optional<http::Response> refuse_if_throttled(Ctx& ctx, const std::vector<AttemptLimit>& limits);

// The attempts a signed-in person has to type their own password (changing it, deleting their
// account), so that a stolen session cannot become a way to guess the password behind it.
AttemptLimit own_password_attempts(const Ctx& ctx);

// Counts one attempt against `subject` in its own write transaction; a store failure is an
// ApiError, so the attempt is never made uncounted.
void count_attempt(Ctx& ctx, const std::string& subject);

}  // namespace mh::api
