#include "services/people.hpp"

#include <algorithm>
#include <string_view>

#include "common/timezone_names.hpp"
#include "domain/access.hpp"
#include "domain/own_data.hpp"
#include "services/admin_audit.hpp"
#include "storage/auth_repo.hpp"
#include "storage/people_repo.hpp"
#include "storage/profile_writes.hpp"

namespace mh::services {

namespace {

// A new manager exists, is active and is not managed by the person, however indirectly. An
// unchanged reporting line (`manager_before` is the stored manager) is not re-checked, so a
// deactivated manager does not lock their reports' profiles.
Status check_manager(sql::Connection& db, const Person& p, std::optional<PersonId> manager_before) {
  if (!p.manager_id || p.manager_id == manager_before) return {};
  auto m = storage::find_person(db, *p.manager_id);
  if (!m) return invalid("manager_id", "no person has this id");
  if (!m->active) return invalid("manager_id", "this person is deactivated");
  return check_no_manager_cycle(p.id, p.manager_id, [&](PersonId id) { return storage::manager_of(db, id); });
}

// Everything a record must satisfy beyond its own fields: the e-mail is free, the managers
// exist, and the reporting line has no cycle. `before` is the stored record a change starts from
// (none for a new person): what it already had (its address, manager and former managers) was
// checked when it was written, so only what changed is read again; a bio edit reads nothing.
Status check_against_store(sql::Connection& db, const Person& p, const Person* before, int year) {
  MH_CHECK(validate_person(p, year, timezone_problem));
  if (!before || before->email != p.email)
    if (auto other = storage::find_person_by_email(db, p.email); other && other->id != p.id)
      return conflict("another person already has this e-mail address", "email");
  MH_CHECK(check_manager(db, p, before ? before->manager_id : std::nullopt));
  if (before && before->former_manager_ids == p.former_manager_ids) return {};
  for (size_t i = 0; i < p.former_manager_ids.size(); ++i) {
    const PersonId id = p.former_manager_ids[i];
    const std::string field = "former_manager_ids[" + std::to_string(i) + "]";
    if (id == p.id) return invalid(field, "nobody is their own former manager");
    if (!storage::find_person(db, id)) return invalid(field, "no person has this id");
  }
  return {};
}

// What an administrator's change says in the audit trail: the fields it touched (never their
// values, except the rights it changed).
std::string change_detail(const std::vector<std::string>& fields, const Person& before, const Person& after) {
  std::string detail;
  for (const auto& field : fields) detail += (detail.empty() ? "changed " : ", ") + field;
  if (before.is_admin != after.is_admin)
    detail += after.is_admin ? "; administrator rights granted" : "; administrator rights removed";
  return detail;
}

bool names(const std::vector<std::string>& fields, std::string_view field) {
  return std::find(fields.begin(), fields.end(), field) != fields.end();
}

}  // namespace

bool describes_only(const std::vector<std::string>& fields) {
  static constexpr std::string_view kDescriptive[] = {
      "name",     "title",    "bio",         "skills",   "languages",         "media",
      "aspirations", "timezone", "career_start_year", "location", "organisation", "monthly_availability_hours"};
  return std::all_of(fields.begin(), fields.end(), [](const std::string& f) {
    return std::find(std::begin(kDescriptive), std::end(kDescriptive), f) != std::end(kDescriptive);
  });
}

Result<Person> change_person(UseCase& uc, const Person& actor, PersonId id, const ProfileChange& change,
                             bool administering) {
  if (!(administering ? actor.is_admin : actor.id == id)) return forbidden("only an administrator changes someone else's record");
  sql::Connection& db = uc.db();
  if (describes_only(change.fields)) storage::use_row_locks(db);  // before the transaction's first statement
  auto p = storage::find_person_for_update(db, id);
  if (!p) return not_found("no such person");
  if (is_erased(*p)) return conflict("this person deleted their account; what is left of it cannot change", "id");
  const Person before = *p;
  MH_CHECK(change.apply(*p));
  if (actor.is_admin && p->id == actor.id && !p->is_admin)
    return conflict("you cannot remove your own administrator rights", "is_admin");
  if (actor.is_admin && p->id == actor.id && !p->active) return conflict("you cannot deactivate yourself", "active");
  // A manager who stops being the manager becomes a former manager: they know where you started.
  if (before.manager_id && before.manager_id != p->manager_id && !names(change.fields, "former_manager_ids")) {
    auto& f = p->former_manager_ids;
    if (std::find(f.begin(), f.end(), *before.manager_id) == f.end()) f.push_back(*before.manager_id);
  }
  MH_CHECK(check_against_store(db, *p, &before, year_of(uc.now())));
  p->updated_at = uc.now();
  storage::update_person(db, before, *p);
  p->row_version = before.row_version + 1;  // as the write set it: the row is locked, so no one else's came between
  if (!p->active) {
    storage::delete_tokens_of(db, p->id, "session");
    storage::delete_tokens_of(db, p->id, "api");
  }
  if (administering) {
    namespace act = admin_action;
    const char* action = before.active == p->active ? act::kPersonUpdated
                         : p->active                ? act::kPersonReactivated
                                                    : act::kPersonDeactivated;
    // An actor without an id (the command line, a SCIM provider) has no person to point at.
    record_admin_action(db, uc.now(), &actor, action, subject("person", p->id),
                        action == act::kPersonUpdated ? change_detail(change.fields, before, *p) : p->name);
  }
  return std::move(*p);
}

Result<Person> add_person(UseCase& uc, const Person& admin, Person p, const std::string& password_hash) {
  if (!admin.is_admin) return forbidden("only an administrator adds people");
  MH_CHECK(check_against_store(uc.db(), p, nullptr, year_of(uc.now())));
  p.id = storage::insert_person(uc.db(), p, password_hash);
  // The command line and SCIM providers act as administrators without an id (admin_audit.hpp).
  record_admin_action(uc.db(), uc.now(), &admin, admin_action::kPersonCreated, subject("person", p.id),
                      p.name + " <" + p.email + ">" + (p.is_admin ? ", administrator" : ""));
  return p;
}

}  // namespace mh::services
