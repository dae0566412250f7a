#include "cli/import_command.hpp"

#include <chrono>
#include <cstdio>

#include "cli/command_line.hpp"
#include "cli/progress_bar.hpp"
#include "common/file_text.hpp"
#include "common/timezone_names.hpp"
#include "domain/people_import.hpp"
#include "services/people_import.hpp"

namespace mh::cli {

namespace {

void print_people(const char* verb, const std::vector<services::ImportedPerson>& people, std::size_t count) {
  for (const auto& p : people) {
    std::string changes;
    for (const auto& c : p.changes) changes += (changes.empty() ? ": " : ", ") + c;
    std::printf("  %s %s %s <%s>%s\n", verb, p.employee_id.empty() ? "-" : p.employee_id.c_str(), p.name.c_str(),
                p.email.c_str(), changes.c_str());
  }
  if (count > people.size()) std::printf("  ... and %zu more to %s\n", count - people.size(), verb);
}

}  // namespace

int import_people(Store& store, const ImportOptions& o) {
  const auto read = file_bytes(o.file);
  if (!read) return fail("cannot read " + o.file);
  const std::string& text = *read;

  const auto started = std::chrono::steady_clock::now();
  ProgressBar bar;
  const ImportProgressFn progress = [&bar](const ImportProgress& p) { bar.show(p.phase, p.done, p.total); };
  const HrFile file = read_hr_file(text, timezone_problem, {}, progress);
  services::PeopleImportOptions options;
  options.dry_run = o.dry_run;
  options.complete = o.complete;
  const LifecycleSettings rules;
  auto run = [&](sql::Connection& db) -> Result<services::PeopleImportReport> {
    services::UseCase uc(db, SystemClock().now(), rules);
    return services::import_people(uc, nullptr, file, options, progress);
  };
  // A dry run only reads, so it never waits for writers.
  auto report = o.dry_run ? store.read_value<services::PeopleImportReport>(run)
                          : store.write_value<services::PeopleImportReport>(run);
  bar.show("done", 100);
  if (!report) return fail(report.error().message);
  const auto& r = *report;
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  std::printf("%s: %zu %s of people read", o.file.c_str(), r.rows, r.rows == 1 ? "row" : "rows");
  // Said only when the file is not plain CSV, so a surprise (a file saved by Excel) is visible.
  if (r.encoding != "UTF-8" || r.separator != ',')
    std::printf(" (%s, fields separated by %s)", r.encoding.c_str(), csv::separator_name(r.separator));
  std::printf("\n");
  if (r.header_line > 1)
    std::printf("column names on line %d; %s above them ignored\n", r.header_line,
                r.header_line == 2 ? "the line" : ("the " + std::to_string(r.header_line - 1) + " lines").c_str());
  if (!r.ignored_columns.empty()) {
    std::string list;
    for (const auto& c : r.ignored_columns) list += (list.empty() ? "" : ", ") + c;
    std::printf("ignored columns: %s\n", list.c_str());
  }
  const bool would = !r.applied;
  std::printf("%s %zu, %s %zu, unchanged %zu, %s %zu\n", would ? "would create" : "created", r.created,
              would ? "update" : "updated", r.updated, r.unchanged, would ? "deactivate" : "deactivated", r.deactivated);
  print_people("create", r.created_people, r.created);
  print_people("update", r.updated_people, r.updated);
  print_people("deactivate", r.deactivated_people, r.deactivated);
  if (r.leavers_skipped > 0)
    std::printf("%zu %s marked as left and never in Mentorhub: not created\n", r.leavers_skipped,
                r.leavers_skipped == 1 ? "row" : "rows");
  if (r.cohort_memberships > 0)
    std::printf("%s %zu %s\n", would ? "would add to cohorts:" : "added to cohorts:", r.cohort_memberships,
                r.cohort_memberships == 1 ? "membership" : "memberships");
  if (r.applied && (r.relationships_concluding > 0 || r.requests_withdrawn > 0))
    std::printf("asked %zu relationship(s) to conclude; withdrew %zu waiting request(s)\n", r.relationships_concluding,
                r.requests_withdrawn);
  if (!r.problems.empty()) {
    const std::size_t total = r.problems.size() + r.more_problems;
    std::printf("%zu %s; nothing was imported:\n", total, total == 1 ? "problem" : "problems");
    for (const auto& p : r.problems) std::printf("  %s\n", csv::to_string(p).c_str());
    if (r.more_problems > 0) std::printf("  and %zu more\n", r.more_problems);
    return 1;
  }
  if (r.applied) std::printf("imported in %.1f s\n", seconds);
  else std::printf("dry run: nothing was written; run again without --dry-run to import\n");
  return 0;
}

}  // namespace mh::cli
