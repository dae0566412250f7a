// A person's second factor in the store: the TOTP secret (base32, kept as it is: the project has
// no encryption key of its own that a database dump would lack), its confirmation and the last
// time step a code was used for; the single-use recovery codes, kept only as hashes
// (common/crypto.hpp token_hash); and the sign-ins waiting for a code after the password, kept as
// the hash of their token. Free functions over a connection inside a Store transaction; they
// never commit. Stateless.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "domain/person.hpp"
#include "storage/sql/connection.hpp"

namespace mh::storage {

struct SecondFactor {
  PersonId person_id = 0;
  std::string secret;  // base32 (RFC 4648)
  TimePoint created_at{};
  std::optional<TimePoint> confirmed_at;  // none while it is being set up
  std::int64_t last_used_step = -1;       // the TOTP step of the last code accepted
};

std::optional<SecondFactor> second_factor_of(sql::Connection& db, PersonId person);
// A confirmed second factor exists for the person.
bool has_second_factor(sql::Connection& db, PersonId person);
// Starts (or starts again) setting up: the unconfirmed secret replaces an unconfirmed one.
// The caller checked there is no confirmed one.
void save_unconfirmed_second_factor(sql::Connection& db, PersonId person, const std::string& secret, TimePoint now);
// Confirms the unconfirmed secret with the step of its first code; false if it was confirmed
// or removed meanwhile.
bool confirm_second_factor(sql::Connection& db, PersonId person, std::int64_t step, TimePoint now);
// Records that the code of `step` was used, if `step` is later than the last one used; false
// when another request used this step's code (or a later one) first.
bool use_totp_step(sql::Connection& db, PersonId person, std::int64_t step);
// Removes the second factor, its recovery codes and the sign-ins waiting for a code.
void delete_second_factor(sql::Connection& db, PersonId person);

// The person's recovery codes become exactly these (hashes); the old ones stop working.
void replace_recovery_codes(sql::Connection& db, PersonId person, const std::vector<std::string>& code_hashes,
                            TimePoint now);
// Uses up the unused recovery code with this hash; false when there is none.
bool use_recovery_code(sql::Connection& db, PersonId person, const std::string& code_hash, TimePoint now);
int unused_recovery_codes(sql::Connection& db, PersonId person);

// A sign-in that passed the password and waits for a code.
struct SecondFactorChallenge {
  std::string token_hash;
  PersonId person_id = 0;
  std::string client;  // the browser, for the session it becomes
  TimePoint created_at{};
  TimePoint expires_at{};
};
void insert_challenge(sql::Connection& db, const SecondFactorChallenge& c);
// The unexpired challenge with this hash.
std::optional<SecondFactorChallenge> find_live_challenge(sql::Connection& db, const std::string& token_hash,
                                                         TimePoint now);
// True if the challenge was there to delete (of two requests finishing it, one wins).
bool delete_challenge(sql::Connection& db, const std::string& token_hash);
void delete_expired_challenges(sql::Connection& db, TimePoint now);

// Administrators (active) and how many of them have a confirmed second factor.
struct AdminSecondFactors {
  long long administrators = 0;
  long long with_second_factor = 0;
};
AdminSecondFactors count_admin_second_factors(sql::Connection& db);
// Ends the sessions and revokes the API tokens of every administrator without a confirmed second
// factor, except the session `keep_hash`; how many.
int end_sessions_of_admins_without_second_factor(sql::Connection& db, const std::string& keep_hash);
// Every session that could only set up a second factor becomes a full one (the requirement was
// lifted); how many.
int clear_all_enrol_only(sql::Connection& db);

}  // namespace mh::storage
