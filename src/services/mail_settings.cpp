#include "services/mail_settings.hpp"

#include "storage/outbox_repo.hpp"

namespace mh::services {

std::vector<MailKind> mail_kinds_off(sql::Connection& db, const Person& person) {
  return storage::mail_kinds_off(db, person.id);
}

std::vector<MailKind> change_mail_kinds(sql::Connection& db, const Person& person,
                                        const std::vector<std::pair<MailKind, bool>>& changes, TimePoint now) {
  for (const auto& [kind, on] : changes) storage::set_mail_kind(db, person.id, kind, on, now);
  return storage::mail_kinds_off(db, person.id);
}

std::optional<PersonId> unsubscribe_owner(sql::Connection& db, const std::string& token) {
  return storage::mail_token_owner(db, token);
}

Status unsubscribe(sql::Connection& db, const std::string& token, MailKind kind, TimePoint now) {
  const auto owner = storage::mail_token_owner(db, token);
  if (!owner) return not_found("this unsubscribe address names nothing");
  storage::set_mail_kind(db, *owner, kind, false, now);
  return {};
}

}  // namespace mh::services
