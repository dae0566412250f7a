#include "services/exports.hpp"

#include <unordered_map>

#include "common/csv.hpp"
#include "storage/people_repo.hpp"
#include "storage/relationships_repo.hpp"

namespace mh::services {

namespace {

std::string when(std::optional<TimePoint> t) { return t ? format_iso8601(*t) : std::string(); }
const char* yes_no(bool b) { return b ? "true" : "false"; }

}  // namespace

Result<std::string> export_people_csv(sql::Connection& db, const Person* actor) {
  if (actor && !actor->is_admin) return forbidden("only administrators export people");
  const std::vector<Person> people = storage::all_people(db);
  std::unordered_map<PersonId, const Person*> by_id;
  for (const Person& p : people) by_id.emplace(p.id, &p);
  std::string out;
  out.reserve(people.size() * 160);
  csv::append_row(out, {"person_id", "employee_id", "name", "email", "title", "department", "manager_person_id",
                        "manager_employee_id", "start_date", "location", "timezone", "skills", "external",
                        "organisation", "admin", "active", "created_at"});
  for (const Person& p : people) {
    std::string skills;
    for (const Skill& s : p.skills) skills += (skills.empty() ? "" : "; ") + s.name + ":" + std::to_string(s.level);
    std::string manager_employee_id;
    if (p.manager_id)
      if (auto it = by_id.find(*p.manager_id); it != by_id.end()) manager_employee_id = it->second->employee_id;
    csv::append_row(out, {std::to_string(p.id), p.employee_id, p.name, p.email, p.title, p.department,
                          p.manager_id ? std::to_string(*p.manager_id) : std::string(), manager_employee_id,
                          p.start_date, p.location, p.timezone, skills, yes_no(p.is_external), p.organisation,
                          yes_no(p.is_admin), yes_no(p.active), format_iso8601(p.created_at)});
  }
  return out;
}

Result<std::string> export_relationships_csv(sql::Connection& db, const Person* actor) {
  if (actor && !actor->is_admin) return forbidden("only administrators export relationships");
  std::string out;
  csv::append_row(out, {"relationship_id", "format", "state", "mentee_id", "mentor_id", "initiated_by",
                        "proposed_by_program", "requested_at", "answered_at", "activated_at", "concluded_at",
                        "updated_at", "purpose_agreed", "objectives", "tasks", "tasks_done", "meetings",
                        "meetings_held", "program_id", "program"});
  for (const auto& m : storage::all_relationship_metadata(db))
    csv::append_row(out, {std::to_string(m.id), m.format, m.state, std::to_string(m.mentee_id),
                          std::to_string(m.mentor_id), m.initiator_id == m.mentor_id ? "mentor" : "mentee",
                          yes_no(m.proposed_by_program), format_iso8601(m.requested_at), when(m.answered_at),
                          when(m.activated_at), when(m.concluded_at), format_iso8601(m.updated_at),
                          yes_no(m.purpose_agreed), std::to_string(m.objectives), std::to_string(m.tasks),
                          std::to_string(m.tasks_done), std::to_string(m.meetings), std::to_string(m.meetings_held),
                          std::to_string(m.program_id), m.program});
  return out;
}

}  // namespace mh::services
