// The people import as one use case: a file read by domain/people_import, planned against
// everyone stored, and, unless it is a dry run, written in the caller's one transaction: new
// people, changed people (a manager who changes kept as a former manager), and with a complete
// file the deactivation of the employees missing from it, whose relationships are asked to
// conclude. The command line and the API both call import_people. No JSON, no HTTP. One call
// belongs to one transaction; not safe across threads.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "domain/people_import.hpp"
#include "services/use_case.hpp"

namespace mh::services {

struct PeopleImportOptions {
  bool dry_run = true;    // plan and report only; nothing is written
  bool complete = false;  // the file lists every employee (see ImportOptions)
};

// One person of the report: who, and for an update what changes.
struct ImportedPerson {
  int line = 0;  // 0 for someone deactivated (not in the file)
  std::optional<PersonId> id;  // stored, or created by this import
  std::string employee_id;
  std::string name;
  std::string email;
  std::vector<std::string> changes;
};

// What an import did or, for a dry run, would do. Lists hold at most kImportListed people each;
// the counts are complete.
inline constexpr std::size_t kImportListed = 100;
struct PeopleImportReport {
  bool applied = false;  // written (never with problems, never for a dry run)
  std::size_t rows = 0;  // rows of people read without a problem
  std::size_t created = 0, updated = 0, unchanged = 0, deactivated = 0;
  std::size_t leavers_skipped = 0;  // rows of people who left and were never in Mentorhub: not created
  std::size_t relationships_concluding = 0, requests_withdrawn = 0;
  std::size_t cohort_memberships = 0;  // people added to a cohort (the `cohort` column)
  std::vector<ImportedPerson> created_people, updated_people, deactivated_people;
  std::vector<std::string> ignored_columns;
  std::string encoding = "UTF-8";  // how the file's bytes were read (HrFile::encoding)
  char separator = ',';            // between its fields (HrFile::separator)
  int header_line = 1;             // where its column names are (HrFile::header_line)
  std::vector<csv::Problem> problems;  // every bad row's first problem, in line order (at most 100)
  std::size_t more_problems = 0;       // problems beyond those listed
};

// Imports `file` (read_hr_file's result) as `actor` (an administrator; nullptr for the command
// line, run by whoever holds the database). Forbidden for anyone but an administrator. A file
// with any problem writes nothing and reports every problem: that is not an error, so a dry run
// and an import answer alike; callers refusing an import with problems check `problems`.
// `progress` is called as the plan and the writes advance.
Result<PeopleImportReport> import_people(UseCase& uc, const Person* actor, const HrFile& file,
                                         const PeopleImportOptions& options, const ImportProgressFn& progress = {});

}  // namespace mh::services
