// A cohort from a CSV file of people, so that an administrator can try cohort matching without a
// database (`mentorhub match --csv FILE` and the API call this). Pure C++: the text comes in as a
// string; the only outside look-ups are the tz database's, for validating zones and for the
// profiles' UTC offsets (common/timezones). Thread-safe (no shared state).
//
// The format (cohort_csv_format() gives the same text for --help and the docs):
//  - RFC 4180 CSV, read by common/csv: comma-separated; a field may be enclosed in double
//    quotes, and then holds commas, line breaks and doubled quotes ("" for one "). Lines end in
//    LF or CRLF. A UTF-8 byte-order mark is ignored, and so are blank lines (and rows whose
//    every field is empty, which spreadsheets export for empty rows). Text is UTF-8, or as Excel
//    saves it (common/file_text.hpp). Spaces around a value are dropped.
//  - The first row names the columns, in any order, ignoring case and punctuation ("Manager ID"
//    and "ManagerID" are manager_id); "organization", "manager" and "time zone" are
//    accepted for organisation, manager_id and timezone. An unknown or repeated column is
//    refused. Every row has as many fields as the header. Up to 10 rows above the header (a
//    spreadsheet's title) are passed over (csv::find_header).
//  - Columns (only the first three are required; an empty value means "not given"):
//      id                  the person's id, a positive whole number, unique in the file
//      name                required
//      role                mentee, mentor, both, or none for someone listed only as a manager
//      department, title   free text
//      organisation        for an external person: their own organisation (shown in the
//                          explanation of an outside perspective)
//      career_start_year   the year the career started (experience is counted from it), within
//                          the last 70 years
//      external            true/false, yes/no or 1/0; empty is false
//      manager_id          the current manager's id, which must be the id of a row of the file
//                          (with role none if the manager takes no part): there is no other
//                          place to look a manager up, and a mistyped id would silently lose
//                          the rule that nobody is matched with their own manager. Managers
//                          may not go round in a circle (A manages B, B manages A).
//      former_manager_ids  ids separated by semicolons; these may be people outside the file
//                          (they only add a factor when they are mentors in it)
//      skills              "SQL:4; pivot tables:3": name and level 1 (beginner) to 5 (expert)
//      wanted_skills, aspired_roles, aspired_departments
//                          lists separated by semicolons
//      timezone            an IANA name such as Europe/Paris; empty is UTC
//      media               video, in_person, phone, chat, separated by semicolons
//      capacity            mentors only: how many mentees at once, 0 to 20; empty is 1
//    In list columns a line break inside a quoted field separates items like a semicolon does,
//    as a spreadsheet cell with several lines would; in other columns it is refused.
//  - Mentors of the cohort: role mentor or both (a mentor with capacity 0 is in the cohort with
//    no place, so the matching says so rather than the mentor silently missing). Mentees: role
//    mentee or both.
//  - At most 1,000,000 data rows and 10,000 bytes per field.
// Every problem of the file is reported at once, in line order, each as "line N: ..." naming
// the column, where N is the line of the file (the header's first line is 1 when nothing
// precedes it) on which the row starts; one problem per row (its first), at most
// kMaxCsvProblems of them and then how many more there are. A file with any problem gives no
// cohort at all.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "common/clock.hpp"
#include "common/csv.hpp"
#include "common/result.hpp"
#include "domain/person.hpp"
#include "matching/candidates.hpp"

namespace mh::matching {

struct CsvPerson {
  Person person;
  bool mentee = false;
  bool mentor = false;
  int line = 0;  // where the row starts
};

struct CsvCohort {
  std::vector<CsvPerson> people;  // in file order
  // Profiles built with mentor_profile / mentee_profile (profiles.hpp) at `now`, in file order;
  // default weights, no emerging skills, pins or prohibitions.
  Cohort cohort;
};

// The file's limits; the defaults are the format's. Smaller ones let tests reach them cheaply.
struct CsvLimits {
  std::size_t max_rows = 1'000'000;
  std::size_t max_field_bytes = 10'000;
};

inline constexpr std::size_t kMaxCsvProblems = 100;

// Everything read from a file: the cohort when `problems` is empty; otherwise the first
// kMaxCsvProblems problems in line order, `more_problems` counting the rest, and no people.
struct CsvRead {
  CsvCohort cohort;
  std::vector<csv::Problem> problems;
  std::size_t more_problems = 0;
};

CsvRead read_cohort_csv(std::string_view text, TimePoint now, const CsvLimits& limits = {});

// The problems of a read in one text, one per line ("line 3: name is required\nline 7: ...",
// then "and N more problems" when there are more than kMaxCsvProblems).
std::string problems_message(const CsvRead& read);

// read_cohort_csv as a Result: the error is `invalid`, field "csv", with one problem per line
// of its message ("line 3: name is required\nline 7: ...", then "and N more problems" when
// there are more than kMaxCsvProblems).
Result<CsvCohort> parse_cohort_csv(std::string_view text, TimePoint now, const CsvLimits& limits = {});

// The format in a few lines, for --help and the docs.
const char* cohort_csv_format();

}  // namespace mh::matching
