// What an operator does for someone locked out of their account, on the command line (`mentorhub
// user reset-password`, `user make-admin`, `second-factor remove`): the same rules and audit
// trail whoever calls them. Each finds the person by e-mail, needs an administrator as actor (the
// command line's operator is one, without an id) and writes its audit entry in the same
// transaction, so a refused action leaves nothing behind.
#pragma once

#include <string>

#include "common/result.hpp"
#include "domain/person.hpp"
#include "services/use_case.hpp"

namespace mh::services {

// Sets the person's password to `password_hash`. Whoever knew the old one is signed out
// everywhere and any unused set-password or reset link stops working, as after a reset by link.
Result<Person> set_password_for(UseCase& uc, const Person& actor, const std::string& email,
                                const std::string& password_hash);

// Gives the person administrator rights (a conflict when they have them already).
Result<Person> grant_administrator_rights(UseCase& uc, const Person& actor, const std::string& email);

// Removes the person's second factor (a phone lost with its recovery codes) and ends their
// browser sessions, so the next sign-in is with the password alone and can enrol again.
Result<Person> remove_second_factor_of(UseCase& uc, const Person& actor, const std::string& email);

}  // namespace mh::services
