#include "domain/own_data.hpp"

namespace mh {

std::string erased_email(PersonId id) { return "deleted-" + std::to_string(id) + "@" + kErasedEmailDomain; }

bool is_erased_email(std::string_view email) {
  const std::string suffix = std::string("@") + kErasedEmailDomain;
  return email.size() > suffix.size() && normalize_email(email).ends_with(suffix);
}

bool is_erased(const Person& p) { return !p.active && is_erased_email(p.email); }

Person erased_profile(const Person& p, TimePoint now) {
  Person out;
  out.id = p.id;
  out.email = erased_email(p.id);
  out.name = kDeletedPersonName;
  out.active = false;
  out.is_admin = false;
  out.created_at = p.created_at;
  out.updated_at = now;
  return out;
}

DeletionConfirmation confirmation_for(bool has_password) {
  return has_password ? DeletionConfirmation::password : DeletionConfirmation::typed;
}

Status check_typed_confirmation(std::string_view typed) {
  while (!typed.empty() && (typed.front() == ' ' || typed.front() == '\t')) typed.remove_prefix(1);
  while (!typed.empty() && (typed.back() == ' ' || typed.back() == '\t')) typed.remove_suffix(1);
  if (typed != kDeletionConfirmationWord)
    return invalid("confirmation", std::string("type ") + kDeletionConfirmationWord + " to confirm");
  return {};
}

Status check_may_delete(const Person& p, long long other_active_admins) {
  if (p.is_admin && other_active_admins < 1)
    return conflict(
        "you are the last administrator: make someone else an administrator before deleting your account",
        "is_admin");
  return {};
}

}  // namespace mh
