// A second factor for signing in with a password: a TOTP authenticator app (RFC 6238, see
// identity/totp.hpp) and ten single-use recovery codes. A person sets one up (start: a new secret
// shown once; confirm: the first code from the app, which answers with the recovery codes, shown
// once and kept only hashed), turns it off or makes new recovery codes (the caller has checked a
// current code or the password), and from then on a password sign-in waits for a code or a
// recovery code before it becomes a session. An organisation may require one for administrators:
// an administrator who signs in with a password without one gets a session that can do nothing
// but set one up. Single sign-on is left to the identity provider and never asks for a code here.
//
// Codes are checked in the use case's transaction: a code's time step is recorded, so a code
// works once and no older code works after it. Nothing here logs, and no error carries a secret
// or a code. Depends on identity, storage and domain. Not safe across threads: a UseCase belongs
// to one transaction.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "services/use_case.hpp"

namespace mh::services {

inline constexpr int kRecoveryCodeCount = 10;
// How long a sign-in waits for its code after the password.
inline constexpr Seconds kSecondFactorChallengeLifetime = std::chrono::minutes(5);
// The organisation's setting (program_settings): "1" when administrators must have a second factor.
inline constexpr std::string_view kRequireSecondFactorSetting = "require_second_factor_for_admins";

bool second_factor_required_for_admins(sql::Connection& db);
// The requirement as administrators see it: whether it is on, and how many of them have a
// confirmed second factor.
struct SecondFactorRequirement {
  bool required_for_admins = false;
  long long administrators = 0;
  long long with_second_factor = 0;
};
SecondFactorRequirement second_factor_requirement(sql::Connection& db);
// A password sign-in of `person` may only set up a second factor: an administrator without one
// while the organisation requires it.
bool must_set_up_second_factor(sql::Connection& db, const Person& person);

struct SecondFactorStatus {
  bool enabled = false;                 // confirmed: sign-ins ask for a code
  std::optional<TimePoint> enabled_at;  // when it was confirmed
  bool setting_up = false;              // started, not yet confirmed
  int recovery_codes_left = 0;
  bool required = false;  // the organisation requires one of this person (an administrator)
};
SecondFactorStatus second_factor_status(sql::Connection& db, const Person& person);

// The authenticator app's issuer: "Mentorhub", then the organisation's name when it has another.
std::string second_factor_issuer(const std::string& organisation);

// Starts setting up: a new secret (replacing one being set up), shown this once.
struct SecondFactorEnrolment {
  std::string secret;       // base32, for typing into the app
  std::string otpauth_uri;  // for the QR code
};
// conflict when the person has a second factor already (turn it off first).
Result<SecondFactorEnrolment> start_second_factor(UseCase& uc, const Person& person, const std::string& issuer);

// Confirms the secret with a code from the app; answers the ten recovery codes (shown this once).
// The session `session_hash`, if it could only set up a second factor, becomes a full session.
// conflict (code) when nothing is being set up; invalid (code) for a wrong or malformed code.
Result<std::vector<std::string>> confirm_second_factor(UseCase& uc, const Person& person, const std::string& code,
                                                       const std::string& session_hash);

// Checks a current code of the person's confirmed second factor and uses its time step up.
// conflict when they have none; invalid (code) for a wrong, malformed or already used code.
Status check_second_factor_code(UseCase& uc, const Person& person, const std::string& code);

// Turns the second factor off (the caller checked a code or the password): the secret, the
// recovery codes and the sign-ins waiting for a code go. conflict when there is none, or when the
// organisation requires one of this person.
Status turn_off_second_factor(UseCase& uc, const Person& person);

// Ten new recovery codes replace the old ones (the caller checked a code or the password).
// conflict when the person has no second factor.
Result<std::vector<std::string>> regenerate_recovery_codes(UseCase& uc, const Person& person);

// After the password: a sign-in waiting for a code, for kSecondFactorChallengeLifetime; the token
// comes back once and is kept only as its hash.
std::string begin_second_factor_sign_in(UseCase& uc, const Person& person, const std::string& client);

// The active person a waiting sign-in belongs to (for counting their wrong codes first);
// unauthenticated when the token is unknown or expired.
Result<Person> second_factor_sign_in_person(sql::Connection& db, const std::string& token, TimePoint now);

// Finishes a waiting sign-in with a code or a recovery code (exactly one non-empty); the waiting
// sign-in is gone, and so is a recovery code used. unauthenticated as above (also for the
// second of two requests racing with one token); invalid (code or recovery_code) for a wrong one.
struct FinishedSecondFactor {
  Person person;
  std::string client;
  bool used_recovery_code = false;
  int recovery_codes_left = 0;
};
Result<FinishedSecondFactor> finish_second_factor_sign_in(UseCase& uc, const std::string& token,
                                                          const std::string& code, const std::string& recovery_code);

// The organisation's requirement, set by an administrator (`actor`) or the operator at the
// command line (nullptr). Turning it on ends the browser sessions of every administrator without
// a second factor but the session `keep_session_hash`, so their next sign-in asks them to set one
// up; an administrator turning it on must have one themselves (conflict otherwise). Turning it
// off lifts the limit of the sessions that could only set one up. Written to the administrators'
// audit trail.
Status set_second_factor_requirement(UseCase& uc, const Person* actor, bool required,
                                     const std::string& keep_session_hash);

}  // namespace mh::services
