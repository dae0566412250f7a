// People's records: an administrator adds a person; a person changes their own profile, or an
// administrator anyone's record. The rules every such write obeys live here (the e-mail is
// free, managers exist and the reporting line has no cycle, nobody removes their own rights or
// deactivates themself, a replaced manager becomes a former manager, a deactivated person is
// signed out everywhere, an administrator's change is in the audit trail), whoever calls them.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "domain/person.hpp"
#include "services/use_case.hpp"
#include "storage/sql/connection.hpp"

namespace mh::services {

// A change of a person's record as the caller asked for it.
struct ProfileChange {
  // The fields it names, as the API spells them ("bio", "manager_id", ...): the audit trail
  // lists them (never their values), and they decide how the write is isolated.
  std::vector<std::string> fields;
  // Writes the change onto the stored person. It may refuse (a field the editor may not set, a
  // wrong value) by returning an error or throwing; either way nothing is written.
  std::function<Status(Person&)> apply;
};

// Changes person `id`: `actor` themself, or anyone when `administering` (an administrator's
// change of someone's record, written to the audit trail: changed, deactivated, reactivated).
// A change of only what describes the person (describes_only) runs with the person's row
// locked at READ COMMITTED, so that edits by different people never fail each other.
Result<Person> change_person(UseCase& uc, const Person& actor, PersonId id, const ProfileChange& change,
                             bool administering);

// Adds `p` (its id ignored) with `password_hash` (empty: no password yet), by administrator `admin`
// (the command line's operator, without an id, is recorded as the command line).
Result<Person> add_person(UseCase& uc, const Person& admin, Person p, const std::string& password_hash);

// Whether the fields touch only what describes the person to others: nothing another
// transaction's rule reads (requests, acceptances and matching read capacity, formats, the
// reporting line, being active or external).
bool describes_only(const std::vector<std::string>& fields);

}  // namespace mh::services
