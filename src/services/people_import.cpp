#include "services/people_import.hpp"

#include <unordered_map>

#include "services/admin_audit.hpp"
#include "services/conclusion.hpp"
#include "storage/auth_repo.hpp"
#include "storage/people_repo.hpp"
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
  if (progress) progress({"checking", file.rows.size(), file.rows.size()});

  PeopleImportReport report;
  report.rows = file.rows.size();
  report.created = plan.creates.size();
  report.updated = plan.updates.size();
  report.unchanged = plan.unchanged;
  report.deactivated = plan.deactivations.size();
  report.ignored_columns = file.ignored_columns;
  report.problems = plan.problems.kept();
  report.more_problems = plan.problems.left_out();
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
  if (options.dry_run || !plan.problems.empty()) return report;

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
  // One entry for the whole file: what it did, not every row (the file is the administrator's).
  if (total > 0)
    record_admin_action(uc.db(), uc.now(), actor, admin_action::kPeopleImported, "people",
                        count_of(static_cast<std::int64_t>(report.created), "person", "people") + " created, " +
                            std::to_string(report.updated) + " updated, " + std::to_string(report.deactivated) +
                            " deactivated" + (options.complete ? " (a complete file)" : ""));
  report.applied = true;
  return report;
}

}  // namespace mh::services
