#include "services/second_factor.hpp"

#include "services/admin_audit.hpp"

#include "common/crypto.hpp"
#include "identity/totp.hpp"
#include "storage/auth_repo.hpp"
#include "storage/break_glass_repo.hpp"
#include "storage/finding_repo.hpp"
#include "storage/people_repo.hpp"
#include "storage/second_factor_repo.hpp"

namespace mh::services {

namespace {

constexpr const char* kWrongCode = "is not a current code of your authenticator app (or it was used already)";
constexpr const char* kSignInExpired = "this sign-in has expired or was finished; sign in with your password again";

// A code as typed: digits, maybe with spaces ("123 456").
Result<std::string> code_digits(const std::string& typed) {
  auto digits = identity::normalize_totp_code(typed);
  if (!digits)
    return invalid("code", "is the " + std::to_string(identity::kTotpDigits) + "-digit code of your authenticator app");
  return *digits;
}

// The step of `code` for `secret` (base32), later than `last_used_step`, or invalid (code).
Result<std::int64_t> matching_step(const std::string& secret, const std::string& code, TimePoint now,
                                   std::int64_t last_used_step) {
  MH_TRY(digits, code_digits(code));
  MH_TRY(key, identity::base32_decode(secret));
  auto step = identity::match_totp(key, digits, now, last_used_step);
  if (!step) return invalid("code", kWrongCode);
  return *step;
}

std::vector<std::string> new_recovery_codes(UseCase& uc, PersonId person) {
  std::vector<std::string> codes, hashes;
  for (int i = 0; i < kRecoveryCodeCount; ++i) {
    codes.push_back(identity::new_recovery_code());
    hashes.push_back(token_hash(codes.back()));
  }
  storage::replace_recovery_codes(uc.db(), person, hashes, uc.now());
  return codes;
}

}  // namespace

bool second_factor_required_for_admins(sql::Connection& db) {
  return storage::program_setting(db, std::string(kRequireSecondFactorSetting)) == "1";
}

SecondFactorRequirement second_factor_requirement(sql::Connection& db) {
  const auto counts = storage::count_admin_second_factors(db);
  return {second_factor_required_for_admins(db), counts.administrators, counts.with_second_factor};
}

bool must_set_up_second_factor(sql::Connection& db, const Person& person) {
  return person.is_admin && second_factor_required_for_admins(db) && !storage::has_second_factor(db, person.id);
}

SecondFactorStatus second_factor_status(sql::Connection& db, const Person& person) {
  SecondFactorStatus s;
  if (auto f = storage::second_factor_of(db, person.id)) {
    s.enabled = f->confirmed_at.has_value();
    s.enabled_at = f->confirmed_at;
    s.setting_up = !s.enabled;
  }
  if (s.enabled) s.recovery_codes_left = storage::unused_recovery_codes(db, person.id);
  s.required = person.is_admin && second_factor_required_for_admins(db);
  return s;
}

std::string second_factor_issuer(const std::string& organisation) {
  std::string org;
  // A colon separates issuer and account in the app's label.
  for (char c : organisation) org.push_back(c == ':' ? ' ' : c);
  if (org.empty() || org == "Mentorhub") return "Mentorhub";
  return "Mentorhub " + org;
}

Result<SecondFactorEnrolment> start_second_factor(UseCase& uc, const Person& person, const std::string& issuer) {
  if (storage::has_second_factor(uc.db(), person.id))
    return conflict("you have a second factor already; turn it off first to set up another");
  const std::string secret = identity::base32_encode(identity::new_totp_secret());
  storage::save_unconfirmed_second_factor(uc.db(), person.id, secret, uc.now());
  return SecondFactorEnrolment{secret, identity::otpauth_uri(issuer, person.email, secret)};
}

Result<std::vector<std::string>> confirm_second_factor(UseCase& uc, const Person& person, const std::string& code,
                                                       const std::string& session_hash) {
  auto f = storage::second_factor_of(uc.db(), person.id);
  if (!f || f->confirmed_at)
    return conflict(f ? "your second factor is set up already" : "start setting up a second factor first", "code");
  MH_TRY(step, matching_step(f->secret, code, uc.now(), f->last_used_step));
  if (!storage::confirm_second_factor(uc.db(), person.id, step, uc.now()))
    return conflict("your second factor is set up already", "code");
  auto codes = new_recovery_codes(uc, person.id);
  if (!session_hash.empty()) storage::clear_enrol_only(uc.db(), session_hash);
  return codes;
}

Status check_second_factor_code(UseCase& uc, const Person& person, const std::string& code) {
  auto f = storage::second_factor_of(uc.db(), person.id);
  if (!f || !f->confirmed_at) return conflict("you have no second factor", "code");
  MH_TRY(step, matching_step(f->secret, code, uc.now(), f->last_used_step));
  if (!storage::use_totp_step(uc.db(), person.id, step)) return invalid("code", kWrongCode);
  return {};
}

Status turn_off_second_factor(UseCase& uc, const Person& person) {
  if (!storage::second_factor_of(uc.db(), person.id)) return conflict("you have no second factor");
  if (person.is_admin && second_factor_required_for_admins(uc.db()))
    return conflict("the organisation requires administrators to have a second factor; it stays on");
  storage::delete_second_factor(uc.db(), person.id);
  return {};
}

Result<std::vector<std::string>> regenerate_recovery_codes(UseCase& uc, const Person& person) {
  if (!storage::has_second_factor(uc.db(), person.id)) return conflict("you have no second factor");
  return new_recovery_codes(uc, person.id);
}

std::string begin_second_factor_sign_in(UseCase& uc, const Person& person, const std::string& client) {
  const std::string token = random_token();
  storage::delete_expired_challenges(uc.db(), uc.now());
  storage::insert_challenge(
      uc.db(), {token_hash(token), person.id, client, uc.now(), uc.now() + kSecondFactorChallengeLifetime});
  return token;
}

Result<Person> second_factor_sign_in_person(sql::Connection& db, const std::string& token, TimePoint now) {
  if (token.size() != 64) return Error{ErrorCode::unauthenticated, kSignInExpired, "challenge"};
  auto c = storage::find_live_challenge(db, token_hash(token), now);
  if (!c) return Error{ErrorCode::unauthenticated, kSignInExpired, "challenge"};
  auto person = storage::find_person(db, c->person_id);
  if (!person || !person->active) return Error{ErrorCode::unauthenticated, kSignInExpired, "challenge"};
  return std::move(*person);
}

Result<FinishedSecondFactor> finish_second_factor_sign_in(UseCase& uc, const std::string& token,
                                                          const std::string& code, const std::string& recovery_code) {
  MH_TRY(person, second_factor_sign_in_person(uc.db(), token, uc.now()));
  const std::string hash = token_hash(token);
  auto challenge = storage::find_live_challenge(uc.db(), hash, uc.now());
  FinishedSecondFactor out{person, challenge ? challenge->client : std::string(), false, 0};
  if (!recovery_code.empty()) {
    auto normal = identity::normalize_recovery_code(recovery_code);
    if (!normal) return invalid("recovery_code", "is a recovery code such as abcd-efgh-ijkl-mnop");
    if (!storage::use_recovery_code(uc.db(), person.id, token_hash(*normal), uc.now()))
      return invalid("recovery_code", "is not one of your unused recovery codes");
    out.used_recovery_code = true;
  } else {
    auto checked = check_second_factor_code(uc, person, code);
    if (!checked) {
      // No second factor any more (turned off meanwhile): the waiting sign-in is no good.
      if (checked.error().code == ErrorCode::conflict) return Error{ErrorCode::unauthenticated, kSignInExpired, "challenge"};
      return checked.error();
    }
  }
  if (!storage::delete_challenge(uc.db(), hash)) return Error{ErrorCode::unauthenticated, kSignInExpired, "challenge"};
  out.recovery_codes_left = storage::unused_recovery_codes(uc.db(), person.id);
  return out;
}

Status set_second_factor_requirement(UseCase& uc, const Person* actor, bool required,
                                     const std::string& keep_session_hash) {
  if (actor && !actor->is_admin) return forbidden("only a program administrator may change this");
  if (required && actor && !storage::has_second_factor(uc.db(), actor->id))
    return conflict("set up your own second factor first (your profile's Security tab), so that requiring one does "
                    "not lock you out",
                    "required_for_admins");
  const bool was = second_factor_required_for_admins(uc.db());
  storage::save_program_setting(uc.db(), std::string(kRequireSecondFactorSetting), required ? "1" : "0", uc.now());
  if (required == was) return {};
  int ended = 0;
  // Their API tokens too: a token made with a password alone would otherwise keep an
  // administrator's rights without the second factor now required of them.
  if (required) ended = storage::end_sessions_of_admins_without_second_factor(uc.db(), keep_session_hash);
  // Lifted: the sessions waiting to set one up may do everything again.
  else storage::clear_all_enrol_only(uc.db());
  record_admin_action(uc.db(), uc.now(), actor,
                      required ? admin_action::kSecondFactorRequired : admin_action::kSecondFactorNotRequired,
                      "organisation",
                      required ? "administrators must have a second factor to sign in with a password; " +
                                     std::to_string(ended) + " session(s) and API token(s) of administrators without one ended"
                               : "administrators may sign in with a password alone");
  return {};
}

}  // namespace mh::services
