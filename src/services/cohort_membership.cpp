#include "services/cohort_membership.hpp"

#include <algorithm>
#include <set>
#include <unordered_map>

#include "domain/availability.hpp"
#include "domain/program.hpp"
#include "services/admin_audit.hpp"
#include "services/cohorts.hpp"
#include "services/use_case.hpp"
#include "storage/people_repo.hpp"
#include "storage/programs_repo.hpp"

namespace mh::services {

using storage::CohortRole;

namespace {

std::chrono::sys_days today(TimePoint now) { return std::chrono::floor<std::chrono::days>(now); }

// The cohort and whether its program is closed.
struct CohortInProgram {
  storage::CohortRecord cohort;
  std::string program_name;
  bool program_closed = false;
};

Result<CohortInProgram> cohort_in_program(sql::Connection& db, storage::CohortId id) {
  auto c = storage::find_cohort(db, id);
  if (!c) return not_found("no such cohort");
  auto program = storage::find_program(db, c->program_id);
  return CohortInProgram{std::move(*c), program ? program->fields.name : std::string(),
                         program && program->closed()};
}

Result<CohortInProgram> open_program_cohort(sql::Connection& db, storage::CohortId id) {
  MH_TRY(found, cohort_in_program(db, id));
  if (found.program_closed) return conflict("the program " + found.program_name + " is closed");
  return found;
}

bool can_mentor(const Person& p) { return p.active && p.mentor_capacity > 0 && p.offers(Format::one_to_one); }

std::string day_or_none(const std::optional<std::chrono::sys_days>& d) {
  return storage::day_text(d).value_or("none");
}

MyCohort as_seen(const CohortInProgram& c, std::vector<CohortRole> roles, TimePoint now) {
  return {c.cohort, c.program_name,
          takes_signups(c.cohort.signup_open, c.program_closed, c.cohort.ends_on, today(now)), std::move(roles)};
}

}  // namespace

Status update_cohort(sql::Connection& db, const Person& admin, storage::CohortId id, const CohortChange& change,
                     TimePoint now) {
  MH_CHECK(require_cohort_administrator(admin));
  MH_TRY(found, open_program_cohort(db, id));
  const storage::CohortRecord before = found.cohort;
  storage::CohortRecord after = before;
  if (change.name) {
    if (change.name->find_first_not_of(" \t") == std::string::npos) return invalid("name", "must not be empty");
    if (change.name->size() > 100) return invalid("name", "at most 100 bytes");
    if (auto other = storage::find_cohort_by_name(db, *change.name); other && other->id != id)
      return conflict("a cohort with this name exists already", "name");
    after.name = *change.name;
  }
  if (change.description) {
    if (change.description->size() > 2000) return invalid("description", "at most 2000 bytes");
    after.description = *change.description;
  }
  if (change.starts_on) after.starts_on = *change.starts_on;
  if (change.ends_on) after.ends_on = *change.ends_on;
  if (change.signup_open) after.signup_open = *change.signup_open;
  MH_CHECK(validate_date_range(after.starts_on, after.ends_on));
  storage::update_cohort(db, after);

  std::string detail;
  auto add = [&](const std::string& what) { detail += (detail.empty() ? "" : ", ") + what; };
  if (before.name != after.name) add("name \"" + before.name + "\" -> \"" + after.name + "\"");
  if (before.description != after.description) add("description");
  if (before.starts_on != after.starts_on)
    add("starts_on " + day_or_none(before.starts_on) + " -> " + day_or_none(after.starts_on));
  if (before.ends_on != after.ends_on)
    add("ends_on " + day_or_none(before.ends_on) + " -> " + day_or_none(after.ends_on));
  if (before.signup_open != after.signup_open) add(after.signup_open ? "sign-up opened" : "sign-up closed");
  record_admin_action(db, now, admin.id,
                      is_extension(before.ends_on, after.ends_on) ? admin_action::kCohortExtended
                                                                  : admin_action::kCohortChanged,
                      subject("cohort", id), detail.empty() ? "nothing changed" : detail);
  return {};
}

Result<AddedMembers> add_cohort_members(sql::Connection& db, const Person& admin, storage::CohortId id,
                                        CohortRole role, const std::vector<PersonId>& people, TimePoint now) {
  MH_CHECK(require_cohort_administrator(admin));
  MH_TRY(found, open_program_cohort(db, id));
  (void)found;
  const auto existing = storage::cohort_members(db, id, role);
  std::set<PersonId> members(existing.begin(), existing.end());
  std::vector<PersonId> fresh;
  AddedMembers out;
  for (std::size_t i = 0; i < people.size(); ++i) {
    auto p = storage::find_person(db, people[i]);
    if (!p || !p->active) return invalid("person_ids[" + std::to_string(i) + "]", "no active person has this id");
    if (members.insert(people[i]).second) fresh.push_back(people[i]);
    else ++out.already;
  }
  storage::insert_cohort_members(db, id, role, fresh);
  out.added = static_cast<int>(fresh.size());
  out.counts = storage::count_cohort_members(db, id);
  if (out.added > 0)
    record_admin_action(db, now, admin.id, admin_action::kCohortMembersAdded, subject("cohort", id),
                        count_of(out.added, role == CohortRole::mentee ? "mentee" : "mentor",
                                 role == CohortRole::mentee ? "mentees" : "mentors") +
                            " added");
  return out;
}

Status remove_cohort_member(sql::Connection& db, const Person& admin, storage::CohortId id, CohortRole role,
                            PersonId person, TimePoint now) {
  MH_CHECK(require_cohort_administrator(admin));
  MH_TRY(found, open_program_cohort(db, id));
  (void)found;
  if (!storage::remove_cohort_member(db, id, role, person))
    return not_found(std::string("this person is not a ") + storage::to_string(role) + " of the cohort");
  record_admin_action(db, now, admin.id, admin_action::kCohortMemberRemoved, subject("cohort", id),
                      std::string(storage::to_string(role)) + " " + std::to_string(person) + " removed");
  return {};
}

MyCohorts my_cohorts(sql::Connection& db, const Person& me, TimePoint now) {
  std::unordered_map<std::int64_t, storage::ProgramRecord> programs;
  for (auto& p : storage::list_programs(db)) programs.emplace(p.id, std::move(p));
  MyCohorts out;
  out.can_mentor = can_mentor(me);
  for (auto& [cohort, roles] : storage::signup_or_member_cohorts(db, me.id)) {
    const auto program = programs.find(cohort.program_id);
    CohortInProgram c{cohort, program == programs.end() ? std::string() : program->second.fields.name,
                      program != programs.end() && program->second.closed()};
    MyCohort seen = as_seen(c, roles, now);
    // A cohort whose sign-up has ended shows only to its members.
    if (seen.open || !seen.joined_as.empty()) out.items.push_back(std::move(seen));
  }
  std::sort(out.items.begin(), out.items.end(), [](const MyCohort& a, const MyCohort& b) {
    const auto& as = a.cohort.starts_on;
    const auto& bs = b.cohort.starts_on;
    if (as.has_value() != bs.has_value()) return as.has_value();
    if (as && *as != *bs) return *as < *bs;
    return a.cohort.name < b.cohort.name;
  });
  return out;
}

Result<MyCohort> join_cohort(sql::Connection& db, const Person& me, storage::CohortId id, CohortRole role,
                             TimePoint now) {
  MH_TRY(c, cohort_in_program(db, id));
  std::vector<CohortRole> roles;
  for (CohortRole r : {CohortRole::mentee, CohortRole::mentor})
    if (storage::is_cohort_member(db, id, r, me.id)) roles.push_back(r);
  const bool open = as_seen(c, {}, now).open;
  // A cohort neither open nor theirs is nobody else's business.
  if (!open && roles.empty()) return not_found("no such cohort");
  if (std::find(roles.begin(), roles.end(), role) == roles.end()) {
    if (!open) return conflict("this cohort is not taking sign-ups");
    if (!me.active) return forbidden("a deactivated account cannot sign up");
    if (role == CohortRole::mentor && !can_mentor(me))
      return invalid("role", "your profile does not offer one-to-one mentoring with a free place: offer it in your "
                             "profile first");
    storage::insert_cohort_members(db, id, role, {me.id});
    roles.push_back(role);
    std::sort(roles.begin(), roles.end());
  }
  return as_seen(c, roles, now);
}

Status leave_cohort(sql::Connection& db, const Person& me, storage::CohortId id, CohortRole role, TimePoint now) {
  MH_TRY(c, cohort_in_program(db, id));
  if (!storage::is_cohort_member(db, id, role, me.id))
    return not_found(std::string("you are not a ") + storage::to_string(role) + " of this cohort");
  if (!as_seen(c, {}, now).open)
    return conflict("sign-up has closed: ask the program administrator to take you out");
  storage::remove_cohort_member(db, id, role, me.id);
  return {};
}

}  // namespace mh::services
