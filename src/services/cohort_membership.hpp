// Who is in a cohort after it is made (issue 18: "people join a cohort by import, by an
// administrator, or by signing up while it is open"): administrators change a cohort's dates and
// sign-up (moving its end later extends it), add people and take them out; anyone signs up, or
// takes back their sign-up, while the cohort is open. A matching reads the members when it runs.
// Each runs in the caller's transaction; administrators' actions are audited.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "domain/person.hpp"
#include "storage/cohorts_repo.hpp"
#include "storage/sql/connection.hpp"

namespace mh::services {

// The members a request changes; a date's inner nullopt clears it.
struct CohortChange {
  std::optional<std::string> name, description;
  std::optional<std::optional<std::chrono::sys_days>> starts_on, ends_on;
  std::optional<bool> signup_open;
};

// Administrators only. Conflict when the cohort's program is closed or the name is another
// cohort's; invalid `name` (empty, too long), `description` (too long), `ends_on` (before
// `starts_on`). Audited as `cohort_extended` when the end moves later, else `cohort_changed`.
Status update_cohort(sql::Connection& db, const Person& admin, storage::CohortId id, const CohortChange& change,
                     TimePoint now);

struct AddedMembers {
  int added = 0, already = 0;
  storage::MemberCounts counts;  // the cohort's members afterwards
};
// Administrators only. Each id an active person (invalid naming `person_ids[i]`); conflict when
// the program is closed.
Result<AddedMembers> add_cohort_members(sql::Connection& db, const Person& admin, storage::CohortId id,
                                        storage::CohortRole role, const std::vector<PersonId>& people, TimePoint now);
// Administrators only: not_found when the person is not a member in that role.
Status remove_cohort_member(sql::Connection& db, const Person& admin, storage::CohortId id, storage::CohortRole role,
                            PersonId person, TimePoint now);

// A cohort as a person sees it: never its other members.
struct MyCohort {
  storage::CohortRecord cohort;
  std::string program_name;
  bool open = false;  // taking sign-ups now
  std::vector<storage::CohortRole> joined_as;
};
struct MyCohorts {
  bool can_mentor = false;  // the person's profile offers one-to-one mentoring with a place
  std::vector<MyCohort> items;
};
// The cohorts open for sign-up and the ones `me` is in, by start date (undated last) then name.
MyCohorts my_cohorts(sql::Connection& db, const Person& me, TimePoint now);

// Signs `me` up while the cohort is open: not_found for a cohort neither open nor theirs,
// conflict when sign-up is closed, invalid `role` for a mentor without a one-to-one place.
// Joining again changes nothing.
Result<MyCohort> join_cohort(sql::Connection& db, const Person& me, storage::CohortId id, storage::CohortRole role,
                             TimePoint now);
// Takes back the sign-up while the cohort is open: not_found when not a member in that role,
// conflict once sign-up has closed.
Status leave_cohort(sql::Connection& db, const Person& me, storage::CohortId id, storage::CohortRole role,
                    TimePoint now);

}  // namespace mh::services
