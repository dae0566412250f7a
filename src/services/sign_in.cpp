#include "services/sign_in.hpp"

#include "common/crypto.hpp"
#include "services/attempts.hpp"
#include "services/second_factor.hpp"
#include "storage/access_repo.hpp"
#include "storage/auth_repo.hpp"
#include "storage/finding_repo.hpp"
#include "storage/people_repo.hpp"
#include "storage/second_factor_repo.hpp"

namespace mh::services {

namespace {

// Verifying against a real hash even for unknown addresses keeps the answer time the same, so
// timing does not reveal who has an account.
const std::string& decoy_hash() {
  static const std::string h = hash_password("not a password anyone has");
  return h;
}

// A browser's cookie longer than any token is not one: it is not looked up.
constexpr std::size_t kLongestToken = 128;

std::string account_subject(const std::string& email) { return "account:" + email; }
std::string address_subject(const SignInClient& client) { return "address:" + client.address; }
std::string code_subject(PersonId person) { return "second-factor:" + std::to_string(person); }
std::string code_address_subject(const SignInClient& client) { return "second-factor-address:" + client.address; }

}  // namespace

OpenedSession open_session(sql::Connection& db, const Person& person, const std::string& client, bool enrol_only,
                           const std::string& previous_token, TimePoint now, Seconds ttl) {
  OpenedSession out{random_token(), random_token(), now + ttl, enrol_only};
  storage::delete_expired_tokens(db, now);
  if (!previous_token.empty() && previous_token.size() <= kLongestToken)
    storage::delete_token(db, token_hash(previous_token));
  storage::insert_token(db, storage::AuthToken{token_hash(out.token), person.id, "session", "", out.csrf_token, now,
                                               out.expires_at, client, enrol_only});
  storage::record_sign_in(db, person.id, now);
  return out;
}

void sign_out(sql::Connection& db, const std::string& session_token_hash) {
  storage::delete_token(db, session_token_hash);
}

SignInPage sign_in_page(sql::Connection& db) {
  return {storage::program_setting(db, std::string(storage::kDemoSignInsSetting)), sign_in_options(db)};
}

Result<SignedIn> sign_in_with_password(Store& store, const std::string& email, const std::string& password,
                                       const SignInClient& client, const SignInLimits& limits,
                                       const LifecycleSettings& rules, TimePoint now) {
  const std::string account = account_subject(email);
  const std::string address = address_subject(client);
  struct Found {
    std::optional<Person> person;
    std::string hash;
  };
  MH_TRY(found, store.read_value<Found>([&](sql::Connection& db) -> Result<Found> {
    // Before any password is checked, so the answer says nothing about the account.
    MH_CHECK(check_password_sign_in_allowed(db, email));
    MH_CHECK(check_attempts(db, {{account, limits.per_account}, {address, limits.per_address}}, now, limits.window,
                            "failed sign-ins"));
    Found f;
    f.person = storage::find_person_by_email(db, email);
    if (f.person) f.hash = storage::password_hash_of(db, f.person->id);
    return f;
  }));

  const bool has_hash = !found.hash.empty();
  const bool right = verify_password(password, has_hash ? found.hash : decoy_hash()) && has_hash;
  if (!right || !found.person->active) {
    MH_CHECK(store.write([&](sql::Connection& db) -> Status {
      count_attempt(db, account, now, limits.window);
      count_attempt(db, address, now, limits.window);
      return {};
    }));
    return unauthenticated("wrong e-mail or password");
  }

  SignedIn out{std::move(*found.person), std::nullopt, std::nullopt, -1};
  MH_CHECK(store.write([&](sql::Connection& db) -> Status {
    out.challenge.reset();
    out.session.reset();
    clear_attempts(db, account);
    // A person with a second factor gives a code before there is a session; an administrator whom
    // the organisation requires to have one, and who has none, gets a session that can only set
    // one up.
    if (storage::has_second_factor(db, out.person.id)) {
      UseCase uc(db, now, rules);
      out.challenge = begin_second_factor_sign_in(uc, out.person, client.description);
      return {};
    }
    out.session = open_session(db, out.person, client.description, must_set_up_second_factor(db, out.person),
                               client.previous_token, now, limits.session_ttl);
    return {};
  }));
  return out;
}

Result<SignedIn> sign_in_with_second_factor(Store& store, const std::string& challenge, const std::string& code,
                                            const std::string& recovery_code, const SignInClient& client,
                                            const SignInLimits& limits, const LifecycleSettings& rules,
                                            TimePoint now) {
  // Whose sign-in it is comes first, so that wrong codes count against the person.
  MH_TRY(person, store.read_value<Person>([&](sql::Connection& db) -> Result<Person> {
    MH_TRY(p, second_factor_sign_in_person(db, challenge, now));
    MH_CHECK(check_attempts(db, {{code_subject(p.id), limits.per_account}, {code_address_subject(client), limits.per_address}},
                            now, limits.window));
    return p;
  }));
  SignedIn out{std::move(person), std::nullopt, std::nullopt, -1};
  auto finished = store.write_value<FinishedSecondFactor>([&](sql::Connection& db) -> Result<FinishedSecondFactor> {
    UseCase uc(db, now, rules);
    MH_TRY(f, finish_second_factor_sign_in(uc, challenge, code, recovery_code));
    clear_attempts(db, code_subject(f.person.id));
    out.session = open_session(db, f.person, f.client, false, client.previous_token, now, limits.session_ttl);
    return f;
  });
  if (!finished) {
    // A wrong code is counted (in a transaction of its own: the one that refused it rolled back).
    if (finished.error().code == ErrorCode::invalid)
      MH_CHECK(store.write([&](sql::Connection& db) -> Status {
        count_attempt(db, code_subject(out.person.id), now, limits.window);
        count_attempt(db, code_address_subject(client), now, limits.window);
        return {};
      }));
    return finished.error();
  }
  out.person = std::move(finished->person);
  out.recovery_codes_left = finished->recovery_codes_left;
  return out;
}

Status confirm_own_password(Store& store, const Person& person, const std::string& password, const Error& wrong,
                            const AttemptLimit& limit, Seconds window, TimePoint now) {
  MH_TRY(stored, store.read_value<std::string>([&](sql::Connection& db) -> Result<std::string> {
    MH_CHECK(check_attempts(db, {limit}, now, window));
    return storage::password_hash_of(db, person.id);
  }));
  if (!stored.empty() && verify_password(password, stored)) return {};
  MH_CHECK(store.write([&](sql::Connection& db) -> Status {
    count_attempt(db, limit.subject, now, window);
    return {};
  }));
  return wrong;
}

bool has_password(sql::Connection& db, const Person& person) { return !storage::password_hash_of(db, person.id).empty(); }

}  // namespace mh::services
