// Signing in with a password, answering a second factor's challenge, and the browser session
// every sign-in ends with (single sign-on opens its session here too).
//
// A password sign-in spans transactions so that none of them waits for argon2id (~70 ms) while
// other writers queue behind it: a read (may this address sign in with a password, has it or the
// client failed too often, who is it and what is their hash), the password checked outside any
// transaction (against a decoy hash when there is nobody, so the answer takes as long whoever is
// asked about), and a write (the failure counted, or the session or the challenge made). So these
// take the Store, as single sign-on does. Stateless; thread-safe.
#pragma once

#include <optional>
#include <string>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "domain/person.hpp"
#include "services/attempts.hpp"
#include "services/single_sign_on.hpp"
#include "services/use_case.hpp"
#include "storage/store.hpp"

namespace mh::services {

// A browser session as opened: its token (only its hash is stored) and the CSRF token the page
// echoes with every change.
struct OpenedSession {
  std::string token;
  std::string csrf_token;
  TimePoint expires_at{};
  bool enrol_only = false;  // may only set up a second factor (services/second_factor.hpp)
};

// Opens a session for `person` in the caller's transaction: expired tokens swept, the session
// the browser came with (`previous_token`, as its cookie held it) ended, so that a session id
// planted before the sign-in, or left by someone else on a shared machine, is worth nothing
// after it; the sign-in recorded (the person has now signed in).
OpenedSession open_session(sql::Connection& db, const Person& person, const std::string& client, bool enrol_only,
                           const std::string& previous_token, TimePoint now, Seconds ttl);

// Signing out: the browser session with this hash ends. (An API token is revoked explicitly,
// never by signing out.)
void sign_out(sql::Connection& db, const std::string& session_token_hash);

// What the sign-in page needs before anyone signs in: the demo accounts (their JSON as `mentorhub
// demo` stored it, on a demo database only), single sign-on and whether passwords are allowed.
struct SignInPage {
  std::optional<std::string> demo_sign_ins;
  SsoSignInOptions options;
};
SignInPage sign_in_page(sql::Connection& db);

// How often signing in may fail within `window`: per account (the address asked for) and per
// client address; and how long a session lasts. The server's settings give them (api/app.hpp).
struct SignInLimits {
  Seconds window{};
  int per_account = 0;
  int per_address = 0;
  Seconds session_ttl{};
};

// Who is signing in, from where.
struct SignInClient {
  std::string address;         // the client's network address: what throttling counts
  std::string description;     // "Firefox on Linux", shown in the person's sessions
  std::string previous_token;  // the session cookie the browser came with, if any
};

// A sign-in that got past the password (or the code): either a session, or, for a person with a
// second factor, the challenge to answer with a code.
struct SignedIn {
  Person person;
  std::optional<OpenedSession> session;
  std::optional<std::string> challenge;  // its token, shown once; expires after kSecondFactorChallengeLifetime
  int recovery_codes_left = -1;          // after a second factor: how many recovery codes are left
};

// `email` normalised. forbidden when password sign-in is turned off for this address;
// rate_limited when the account or the client address has failed too often in the window;
// unauthenticated ("wrong e-mail or password", the same for every reason: no such person, no
// password, a wrong one, a deactivated person), counted against both.
Result<SignedIn> sign_in_with_password(Store& store, const std::string& email, const std::string& password,
                                       const SignInClient& client, const SignInLimits& limits,
                                       const LifecycleSettings& rules, TimePoint now);

// Answers the challenge of a password sign-in with the code of an authenticator app or a
// recovery code (exactly one non-empty). unauthenticated for an unknown or expired challenge;
// rate_limited when the person or the client address has given too many wrong codes; invalid
// (code or recovery_code) for a wrong one, counted against both.
Result<SignedIn> sign_in_with_second_factor(Store& store, const std::string& challenge, const std::string& code,
                                            const std::string& recovery_code, const SignInClient& client,
                                            const SignInLimits& limits, const LifecycleSettings& rules,
                                            TimePoint now);

// A signed-in person proves it is them with their password (to change it, to delete their
// account, to turn their second factor off), so that a stolen session cannot do those, nor guess
// the password behind it: the password checked outside any transaction, a wrong one counted
// against `limit`'s subject. rate_limited once the subject has used up its attempts in `window`;
// `wrong` (an invalid error naming the field) for a wrong password or when the person has none.
Status confirm_own_password(Store& store, const Person& person, const std::string& password, const Error& wrong,
                            const AttemptLimit& limit, Seconds window, TimePoint now);

// Whether `person` has a password (one who signs in only through the identity provider has none).
bool has_password(sql::Connection& db, const Person& person);

}  // namespace mh::services
