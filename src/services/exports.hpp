// CSV exports for administrators: everyone's profile as the people import reads it back (with
// Mentorhub's ids, whether the person is active, and when they were created), and every
// relationship's metadata: who, the state, the dates and counts, never content (no messages,
// purposes, notes, stories or debriefs). Read-only; both run in the caller's read transaction.
// No JSON, no HTTP. Thread-safe (no shared state).
#pragma once

#include <string>

#include "services/use_case.hpp"

namespace mh::services {

// The columns: person_id, employee_id, name, email, title, department, manager_person_id,
// manager_employee_id, start_date, location, timezone, skills ("SQL:5; Excel:4"), external,
// organisation, admin, active, created_at. Deactivated people are included. Forbidden for
// anyone but an administrator (`actor` nullptr: the command line).
Result<std::string> export_people_csv(sql::Connection& db, const Person* actor);

// The columns: relationship_id, format, state, mentee_id, mentor_id, initiated_by (mentee or
// mentor), proposed_by_program, requested_at, answered_at, activated_at, concluded_at,
// updated_at, purpose_agreed, objectives, tasks, tasks_done, meetings, meetings_held, program_id,
// program (its name; the default program when no cohort of another started it). Times in
// ISO 8601 UTC, empty when they have not happened. Forbidden for anyone but an administrator.
Result<std::string> export_relationships_csv(sql::Connection& db, const Person* actor);

}  // namespace mh::services
