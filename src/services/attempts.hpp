// Attempt counters for the use cases that take or make credentials (signing in, a second
// factor's code, changing a password, a reset link, minting API tokens), so that guessing in a
// loop is slowed to a handful per window. The counts live in the store (sign_in_failures), so
// every server sharing a database counts together. Stateless; depends on storage only.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "storage/sql/connection.hpp"

namespace mh::services {

struct AttemptLimit {
  std::string subject;  // "account:ann@example.com", "password:12", ...
  int max = 0;          // attempts allowed within the window
};

// rate_limited ("too many <what>; wait N minutes and try again") when any subject has used up
// its attempts in the `window` ending at `now`; success when all may go on.
Status check_attempts(sql::Connection& db, const std::vector<AttemptLimit>& limits, TimePoint now, Seconds window,
                      std::string_view what = "attempts");

// Counts one attempt against `subject`, in the caller's transaction.
void count_attempt(sql::Connection& db, const std::string& subject, TimePoint now, Seconds window);

// Forgets `subject`'s attempts (a sign-in that succeeded).
void clear_attempts(sql::Connection& db, const std::string& subject);

}  // namespace mh::services
