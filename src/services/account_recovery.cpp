#include "services/account_recovery.hpp"

#include "services/admin_audit.hpp"
#include "storage/access_repo.hpp"
#include "storage/auth_repo.hpp"
#include "storage/people_repo.hpp"
#include "storage/second_factor_repo.hpp"

namespace mh::services {

namespace {

Result<Person> person_to_recover(UseCase& uc, const Person& actor, const std::string& email) {
  if (!actor.is_admin) return forbidden("only an administrator recovers someone's account");
  auto p = storage::find_person_by_email(uc.db(), normalize_email(email));
  if (!p) return not_found("no person with e-mail " + email);
  return std::move(*p);
}

}  // namespace

Result<Person> set_password_for(UseCase& uc, const Person& actor, const std::string& email,
                                const std::string& password_hash) {
  MH_TRY(p, person_to_recover(uc, actor, email));
  storage::set_password_hash(uc.db(), p.id, password_hash);
  storage::revoke_pending_links(uc.db(), p.id, std::nullopt, uc.now());
  storage::delete_tokens_of(uc.db(), p.id, "session");
  record_admin_action(uc.db(), uc.now(), &actor, admin_action::kPasswordSet, subject("person", p.id),
                      "a new password set on the command line; their browser sessions ended");
  return p;
}

Result<Person> grant_administrator_rights(UseCase& uc, const Person& actor, const std::string& email) {
  MH_TRY(p, person_to_recover(uc, actor, email));
  if (p.is_admin) return conflict(email + " is an administrator already");
  p.is_admin = true;
  p.updated_at = uc.now();
  storage::update_person(uc.db(), p);
  record_admin_action(uc.db(), uc.now(), &actor, admin_action::kPersonUpdated, subject("person", p.id),
                      "administrator rights granted");
  return p;
}

Result<Person> remove_second_factor_of(UseCase& uc, const Person& actor, const std::string& email) {
  MH_TRY(p, person_to_recover(uc, actor, email));
  if (!storage::has_second_factor(uc.db(), p.id)) return conflict(email + " has no second factor");
  storage::delete_second_factor(uc.db(), p.id);
  storage::delete_tokens_of(uc.db(), p.id, "session");
  record_admin_action(uc.db(), uc.now(), &actor, admin_action::kSecondFactorRemoved, subject("person", p.id),
                      "their second factor removed on the command line; their browser sessions ended");
  return p;
}

}  // namespace mh::services
