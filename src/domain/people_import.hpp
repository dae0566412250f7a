// The people import: reading the export of an HR system (one row per employee) and planning what
// importing it would change, so that a dry run and the import itself say exactly the same thing.
// Pure C++ over text and values: the stored people come in as a list and the time zone check is
// injected, so every rule here is tested without a database or the tz files. The writes are
// services/people_import's. Values only; the functions are safe to call from several threads.
//
// The file (people_import_format() gives the same text for --help and the docs):
//  - CSV read by common/csv (RFC 4180: quoted commas, quotes and line breaks; LF or CRLF; a
//    byte-order mark and blank rows ignored), UTF-8; or as Excel saves it elsewhere
//    (common/file_text.hpp): Windows-1252 or UTF-16, fields separated by semicolons or tabs.
//  - The first row names the columns, in any order, ignoring case, spaces and punctuation
//    ("EmployeeID" too), under the names HR systems use ("Employee ID", "Worker ID",
//    "employee_number"; "Email Address", "Work Email"; "Manager ID", "Manager Employee ID",
//    "Reports To"; "Job Title"; "Dept"; "Hire Date"; ...). Other columns are ignored and listed.
//  - employee_id, email and the name (name, or first_name and last_name) are required; title,
//    department, manager_employee_id (or manager_email, or manager_name: one person's name, also
//    when an id column holds names), start_date, location, timezone, skills, cohort and
//    cohort_role (a mentoring cohort to join, by name, as mentee or mentor) are optional,
//    and a column the file does not have leaves that field of a stored person as it is.
//  - A status column ("Status", "Active Status") marks leavers (Terminated, Inactive, No): a
//    stored one is deactivated, a new one not created; a leaver is nobody's manager. An
//    employment_status column (a contract kind, "Full-Time") marks only those it says left.
//  - An empty manager means nobody (the top of the organisation); an empty timezone or skills
//    value changes nothing. Skills are "SQL:4; Excel" (level 1 to 5, 3 when not given); an import
//    adds the skills a person does not list yet and never removes or lowers one they wrote.
// A row matches a stored person by employee id, or else by e-mail when that person has no
// employee id yet (people created by hand before the first import).
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "common/csv.hpp"
#include "domain/person.hpp"

namespace mh {

// A skill named without a level is taken as competent.
inline constexpr int kImportedSkillLevel = 3;

// A mentoring cohort a row joins (the `cohort` and `cohort_role` columns).
struct HrCohort {
  std::string name;
  bool as_mentor = false;
};

// One row of the file, checked. Optional columns the file lacks are nullopt.
struct HrRow {
  int line = 0;  // where the row starts
  std::string employee_id;
  std::string name;
  std::string email;  // normalised (lower case)
  std::optional<std::string> title;
  std::optional<std::string> department;
  std::optional<std::string> manager_employee_id;  // "" for nobody
  std::optional<std::string> manager_email;        // normalised; "" for nobody; used when the id is missing or empty
  std::optional<std::string> manager_name;         // "" for nobody; used when the id and the e-mail are missing or empty
  std::optional<std::string> start_date;           // YYYY-MM-DD, or "" when empty
  std::optional<std::string> location;
  std::optional<std::string> timezone;  // nullopt also when the value is empty
  std::vector<Skill> skills;
  std::optional<HrCohort> cohort;  // nullopt when the column is missing or empty
  bool left = false;  // the employment status says they left: deactivated if stored, else not created
};

// How far a long import has got, for progress bars: the phase ("reading", "checking",
// "writing") and how much of it is done.
struct ImportProgress {
  const char* phase = "";
  std::size_t done = 0;
  std::size_t total = 0;
};
using ImportProgressFn = std::function<void(const ImportProgress&)>;

struct HrFile {
  std::vector<HrRow> rows;                  // the rows without problems, in file order
  std::unordered_set<std::string> employee_ids;  // every employee id of the file, bad rows included
  std::unordered_set<std::string> emails;        // every e-mail of the file (normalised), bad rows included
  std::unordered_set<std::string> names;         // every name of the file (person_name_key), bad rows included,
                                                 // when it has a manager id or name column
  std::vector<std::string> ignored_columns;  // as written in the header
  csv::ProblemList problems;                 // one per bad row (its first), in line order
  std::string encoding = "UTF-8";            // how the bytes were read (common/file_text.hpp)
  char separator = ',';                      // between fields, as the header row has it
  int header_line = 1;                       // where the column names are: a report's title and
                                             // date above them (up to 10 rows) are passed over
};

struct HrReadLimits {
  std::size_t max_rows = 1'000'000;
  std::size_t max_field_bytes = 10'000;
  std::size_t max_problems = 100;  // kept; the others are counted
};

// A name as a manager column may write it, for comparing: ASCII letters in lower case, runs of
// spaces as one, none at the ends. ("Ana  Silva" and "ana silva" are the same person's.)
std::string person_name_key(std::string_view name);

// Reads and checks every row: the required values, e-mail addresses, dates, zones, skills, and
// employee ids and e-mails given twice. Never fails: everything wrong is in `problems`.
HrFile read_hr_file(std::string_view text, const TimezoneCheck& timezone_problem, const HrReadLimits& limits = {},
                    const ImportProgressFn& progress = {});

struct ImportOptions {
  // The file lists everyone: active employees missing from it are deactivated.
  bool complete = false;
  // The administrator importing, whom their own import never deactivates.
  std::optional<PersonId> actor;
};

// A row to create or update. The manager is a stored person or another row of the file (then
// created or updated by the same import); `manager_set` is false when the file has no manager
// column, and the stored manager stays.
struct PlannedPerson {
  std::size_t row = 0;                // index into HrFile::rows
  std::optional<PersonId> id;         // the stored person, for an update
  std::vector<std::string> changes;   // what an update changes: "name", "manager", ...
  bool manager_set = false;
  std::optional<PersonId> manager_id;        // a stored manager
  std::optional<std::size_t> manager_row;    // a manager who is a row of the file
  int depth = 0;  // creates: how many new managers stand above (0: none), the order to insert in
};

struct ImportPlan {
  csv::ProblemList problems;  // the file's and those against the stored people, in line order
  std::vector<PlannedPerson> creates;  // by depth, so managers are created before their reports
  std::vector<PlannedPerson> updates;  // in file order
  std::size_t unchanged = 0;
  std::vector<PersonId> deactivations;  // ascending: missing from a complete file, or marked as leavers
  std::size_t leavers_skipped = 0;  // rows of people who left and were never in Mentorhub
};

// What importing `file` over `stored` (everyone, deactivated people included) would do; checks
// what needs the stored people too: e-mails another person has, managers nobody has as employee
// id (or only a person a complete import deactivates), and circles of managers through the file
// and the stored reporting lines.
ImportPlan plan_import(const HrFile& file, const std::vector<Person>& stored, const ImportOptions& options);

// The person `row` makes of `before` (a stored person, or a new one when null) at `now`: the
// file's values, skills added, the manager given (`manager`), and a manager who changes kept as
// a former manager.
Person apply_hr_row(const HrRow& row, const Person* before, std::optional<PersonId> manager, bool manager_set,
                    TimePoint now);

// The format in a few lines, for --help and the docs.
const char* people_import_format();

}  // namespace mh
