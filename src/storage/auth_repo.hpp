// Sessions, API tokens and sign-in failure counters in the store (so any server sharing the
// database can check a session or count failures). Tokens are kept only as their hash.
// Free functions over a connection inside a Store transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "domain/person.hpp"
#include "storage/sql/connection.hpp"

namespace mh::storage {

struct AuthToken {
  std::string token_hash;
  PersonId person_id = 0;
  std::string kind;  // "session" or "api"
  std::string label;
  std::string csrf_token;  // sessions only
  TimePoint created_at{};
  TimePoint expires_at{};
  std::string client;  // sessions: the browser and system it was signed in from ("Firefox on Linux")
  // A session that may only set up a second factor (services/second_factor.hpp): an administrator
  // signed in with a password while the organisation requires one and they have none yet.
  bool enrol_only = false;
};

void insert_token(sql::Connection& db, const AuthToken& t);
// The unexpired token with this hash, or nullopt.
std::optional<AuthToken> find_live_token(sql::Connection& db, const std::string& token_hash, TimePoint now);
// The session becomes a full one (its person has just set up a second factor).
void clear_enrol_only(sql::Connection& db, const std::string& token_hash);
// Returns true if a token was removed.
bool delete_token(sql::Connection& db, const std::string& token_hash);
void delete_tokens_of(sql::Connection& db, PersonId person, const std::string& kind);
void delete_expired_tokens(sql::Connection& db, TimePoint now);
// Unexpired tokens of one kind, oldest first.
std::vector<AuthToken> list_tokens_of(sql::Connection& db, PersonId person, const std::string& kind, TimePoint now);
// Deletes every token of `kind` of the person but the one with `keep_hash` (none when empty);
// how many.
int delete_tokens_of_except(sql::Connection& db, PersonId person, const std::string& kind, const std::string& keep_hash);

// Failed sign-ins per subject ("account:<email>" or "address:<ip>"), counted in a window
// that restarts when it has passed. Returns the failures in the current window.
int failures_in_window(sql::Connection& db, const std::string& subject, TimePoint now, Seconds window);
int record_failure(sql::Connection& db, const std::string& subject, TimePoint now, Seconds window);
void clear_failures(sql::Connection& db, const std::string& subject);

}  // namespace mh::storage
