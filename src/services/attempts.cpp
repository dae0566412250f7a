#include "services/attempts.hpp"

#include "storage/auth_repo.hpp"

namespace mh::services {

Status check_attempts(sql::Connection& db, const std::vector<AttemptLimit>& limits, TimePoint now, Seconds window,
                      std::string_view what) {
  for (const auto& limit : limits)
    if (storage::failures_in_window(db, limit.subject, now, window) >= limit.max)
      return rate_limited("too many " + std::string(what) + "; wait " + std::to_string(window.count() / 60) +
                          " minutes and try again");
  return {};
}

void count_attempt(sql::Connection& db, const std::string& subject, TimePoint now, Seconds window) {
  storage::record_failure(db, subject, now, window);
}

void clear_attempts(sql::Connection& db, const std::string& subject) { storage::clear_failures(db, subject); }

}  // namespace mh::services
