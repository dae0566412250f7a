#include "services/people_import.hpp"

#include <map>
#include <set>
#include <unordered_map>

#include "services/admin_audit.hpp"
#include "services/conclusion.hpp"
#include "storage/auth_repo.hpp"
#include "storage/cohorts_repo.hpp"
#include "storage/people_repo.hpp"
#include "storage/programs_repo.hpp"
#include "storage/relationships_repo.hpp"

namespace mh::services {

namespace {

ImportedPerson listed(const HrRow& row, std::optional<PersonId> id, std::vector<std::string> changes = {}) {
  return ImportedPerson{row.line, id, row.employee_id, row.name, row.email, std::move(changes)};
}

// Every few hundred people, so a progress bar moves without costing the import.
void report_progress(const ImportProgressFn& progress, std::size_t done, std::size_t total) {
  if (progress && (done % 500 == 0 || done == total)) progress({"writing", done, total});
}

// A row's cohort to join, found by name.
struct CohortJoin {
  std::size_t row = 0;
  storage::CohortId cohort = 0;
  storage::CohortRole role = storage::CohortRole::mentee;
};

// The cohorts the rows name: each must exist in an open program, else a problem on the row's line.
std::vector<CohortJoin> cohort_joins(sql::Connection& db, const HrFile& file, csv::ProblemList& problems) {
  std::unordered_map<std::string, std::optional<storage::CohortId>> usable;  // by name; nullopt: refused
  std::unordered_map<std::string, std::string> why;
  std::vector<CohortJoin> joins;
  for (std::size_t i = 0; i < file.rows.size(); ++i) {
    const HrRow& row = file.rows[i];
    if (!row.cohort) continue;
    const std::string& name = row.cohort->name;
    if (!usable.contains(name)) {
      const auto cohort = storage::find_cohort_by_name(db, name);
      const auto program = cohort ? storage::find_program(db, cohort->program_id) : std::nullopt;
      if (!cohort) why[name] = csv::shown(name) + " names no cohort; create it first";
      else if (program && program->closed())
        why[name] = csv::shown(name) + " is in the program " + program->fields.name + ", which is closed";
      usable[name] = why.contains(name) ? std::nullopt : std::optional(cohort->id);
    }
    if (const auto id = usable[name])
      joins.push_back({i, *id, row.cohort->as_mentor ? storage::CohortRole::mentor : storage::CohortRole::mentee});
    else
      problems.add(csv::in_column(row.line, "cohort", csv::shown(name), why[name]));
  }
  return joins;
}

}  // namespace

Result<PeopleImportReport> import_people(UseCase& uc, const Person* actor, const HrFile& file,
                                         const PeopleImportOptions& options, const ImportProgressFn& progress) {
  if (actor && !actor->is_admin) return forbidden("only administrators import people");
  if (progress) progress({"checking", 0, file.rows.size()});
  const std::vector<Person> stored = storage::all_people(uc.db());
  ImportOptions plan_options;
  plan_options.complete = options.complete;
  if (actor) plan_options.actor = actor->id;
  const ImportPlan plan = plan_import(file, stored, plan_options);
  csv::ProblemList cohort_problems;
  const std::vector<CohortJoin> joins = cohort_joins(uc.db(), file, cohort_problems);
  const csv::ProblemList problems = csv::ProblemList::merge(plan.problems, cohort_problems);
  if (progress) progress({"checking", file.rows.size(), file.rows.size()});

  PeopleImportReport report;
  report.rows = file.rows.size();
  report.created = plan.creates.size();
  report.updated = plan.updates.size();
  report.unchanged = plan.unchanged;
  report.leavers_skipped = plan.leavers_skipped;
  report.deactivated = plan.deactivations.size();
  report.ignored_columns = file.ignored_columns;
  report.encoding = file.encoding;
  report.separator = file.separator;
  report.header_line = file.header_line;
  report.problems = problems.kept();
  report.more_problems = problems.left_out();
  std::unordered_map<PersonId, const Person*> by_id;
  by_id.reserve(stored.size());
  for (const Person& p : stored) by_id.emplace(p.id, &p);
  for (const PlannedPerson& c : plan.creates) {
    if (report.created_people.size() >= kImportListed) break;
    report.created_people.push_back(listed(file.rows[c.row], std::nullopt));
  }
  for (const PlannedPerson& u : plan.updates) {
    if (report.updated_people.size() >= kImportListed) break;
    report.updated_people.push_back(listed(file.rows[u.row], u.id, u.changes));
  }
  for (PersonId id : plan.deactivations) {
    if (report.deactivated_people.size() >= kImportListed) break;
    const Person& p = *by_id.at(id);
    report.deactivated_people.push_back(ImportedPerson{0, id, p.employee_id, p.name, p.email, {}});
  }
  // Who would join a cohort they are not in yet.
  // A row is the stored person with its employee id, or else with its e-mail (as plan_import matches).
  std::unordered_map<std::string, PersonId> by_employee_id, by_email;
  for (const Person& p : stored) (p.employee_id.empty() ? by_email[p.email] : by_employee_id[p.employee_id]) = p.id;
  auto stored_id = [&](const HrRow& row) -> std::optional<PersonId> {
    if (auto it = by_employee_id.find(row.employee_id); it != by_employee_id.end()) return it->second;
    if (auto it = by_email.find(row.email); it != by_email.end()) return it->second;
    return std::nullopt;
  };
  std::map<std::pair<storage::CohortId, storage::CohortRole>, std::set<PersonId>> members;
  auto member = [&](const CohortJoin& j, PersonId id) {
    const auto key = std::pair{j.cohort, j.role};
    if (!members.contains(key)) {
      const auto ids = storage::cohort_members(uc.db(), j.cohort, j.role);
      members[key] = std::set<PersonId>(ids.begin(), ids.end());
    }
    return !members[key].insert(id).second;  // and counts them in from now on
  };
  std::vector<CohortJoin> new_joins;
  for (const CohortJoin& j : joins) {
    const auto id = stored_id(file.rows[j.row]);
    if (!id || !member(j, *id)) new_joins.push_back(j);
  }
  report.cohort_memberships = new_joins.size();
  if (options.dry_run || !problems.empty()) return report;

  const std::size_t total = plan.creates.size() + plan.updates.size() + plan.deactivations.size();
  std::size_t done = 0;
  if (progress) progress({"writing", 0, total});

  // New people, a depth at a time: each one's manager is stored before them.
  std::vector<PersonId> new_id(file.rows.size(), 0);
  auto manager_of = [&](const PlannedPerson& p) -> std::optional<PersonId> {
    if (p.manager_row) return new_id.at(*p.manager_row);
    return p.manager_id;
  };
  for (std::size_t start = 0; start < plan.creates.size();) {
    std::size_t end = start;
    while (end < plan.creates.size() && plan.creates[end].depth == plan.creates[start].depth) ++end;
    // Bounded slices keep the progress bar moving within a large depth.
    for (std::size_t slice = start; slice < end; slice += 1000) {
      const std::size_t slice_end = std::min(end, slice + 1000);
      std::vector<Person> people;
      people.reserve(slice_end - slice);
      for (std::size_t k = slice; k < slice_end; ++k) {
        const PlannedPerson& c = plan.creates[k];
        people.push_back(apply_hr_row(file.rows[c.row], nullptr, manager_of(c), true, uc.now()));
      }
      const std::vector<PersonId> ids = storage::insert_people(uc.db(), people);
      for (std::size_t k = slice; k < slice_end; ++k) new_id[plan.creates[k].row] = ids[k - slice];
      done += slice_end - slice;
      if (progress) progress({"writing", done, total});
    }
    start = end;
  }
  for (std::size_t i = 0; i < plan.creates.size() && i < report.created_people.size(); ++i)
    report.created_people[i].id = new_id[plan.creates[i].row];

  for (const PlannedPerson& u : plan.updates) {
    const Person& before = *by_id.at(*u.id);
    storage::update_person(uc.db(), apply_hr_row(file.rows[u.row], &before, manager_of(u), u.manager_set, uc.now()));
    report_progress(progress, ++done, total);
  }

  for (PersonId id : plan.deactivations) {
    Person p = *by_id.at(id);
    p.active = false;
    p.updated_at = uc.now();
    storage::update_person(uc.db(), p);
    storage::delete_tokens_of(uc.db(), id, "session");
    storage::delete_tokens_of(uc.db(), id, "api");
    for (Relationship& r : storage::relationships_of(uc.db(), id, std::nullopt)) {
      const RelState was = r.state;
      MH_CHECK(conclude_for_departure(uc, r, p));
      if (was == RelState::requested) ++report.requests_withdrawn;
      else if (r.state == RelState::concluding && was != RelState::concluding) ++report.relationships_concluding;
    }
    report_progress(progress, ++done, total);
  }
  // The cohorts last, when everyone named has an id.
  for (const CohortJoin& j : new_joins) {
    const PersonId id = new_id[j.row] != 0 ? new_id[j.row] : *stored_id(file.rows[j.row]);
    storage::insert_cohort_members(uc.db(), j.cohort, j.role, {id});
  }
  // One entry for the whole file: what it did, not every row (the file is the administrator's).
  if (total > 0 || !new_joins.empty())
    record_admin_action(uc.db(), uc.now(), actor, admin_action::kPeopleImported, "people",
                        count_of(static_cast<std::int64_t>(report.created), "person", "people") + " created, " +
                            std::to_string(report.updated) + " updated, " + std::to_string(report.deactivated) +
                            " deactivated" + (options.complete ? " (a complete file)" : "") +
                            (new_joins.empty() ? "" : ", " + count_of(static_cast<std::int64_t>(new_joins.size()),
                                                                      "cohort membership", "cohort memberships") +
                                                           " added"));
  report.applied = true;
  return report;
}

}  // namespace mh::services
