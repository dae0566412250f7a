// Which kinds of mail a person gets: read and changed by the person, and one kind switched off
// through the unsubscribe address every mail carries (RFC 8058), which needs no session: its
// token names the person. No JSON, no HTTP.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/mail.hpp"
#include "services/use_case.hpp"

namespace mh::services {

// The kinds the person has switched off (every other kind is on).
std::vector<MailKind> mail_kinds_off(sql::Connection& db, const Person& person);

// Switches the kinds named on or off (the others stay) and answers the kinds now off.
std::vector<MailKind> change_mail_kinds(sql::Connection& db, const Person& person,
                                        const std::vector<std::pair<MailKind, bool>>& changes, TimePoint now);

// The person an unsubscribe token names, or none.
std::optional<PersonId> unsubscribe_owner(sql::Connection& db, const std::string& token);

// Switches `kind` off for the person the token names; not found when it names nobody.
Status unsubscribe(sql::Connection& db, const std::string& token, MailKind kind, TimePoint now);

}  // namespace mh::services
