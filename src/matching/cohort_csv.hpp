// A cohort from a CSV file of people, so that an administrator can try cohort matching without a
// database (`mentorhub match --csv FILE` and the API call this). Pure C++: the text comes in as a
// string; the only outside look-ups are the tz database's, for validating zones and for the
// profiles' UTC offsets (common/timezones). Thread-safe (no shared state).
//
// The format (cohort_csv_format() gives the same text for --help and the docs):
//  - RFC 4180 CSV: comma-separated; a field may be enclosed in double quotes, and then holds
//    commas, line breaks and doubled quotes ("" for one "). Lines end in LF or CRLF. A UTF-8
//    byte-order mark is ignored, and so are blank lines (and rows whose every field is empty,
//    which spreadsheets export for empty rows). Text must be UTF-8. Spaces around a value are
//    dropped.
//  - The first row names the columns, in any order, case-insensitively; an unknown or repeated
//    column is refused. Every row has as many fields as the header.
//  - Columns (only the first three are required; an empty value means "not given"):
//      id                  the person's id, a positive whole number, unique in the file
//      name                required
//      role                mentee, mentor or both
//      department, title   free text
//      organisation        for an external person: their own organisation (shown in the
//                          explanation of an outside perspective)
//      career_start_year   the year the career started (experience is counted from it), within
//                          the last 70 years
//      external            true/false, yes/no or 1/0; empty is false
//      manager_id          the current manager's id; may be someone outside the file
//      former_manager_ids  ids separated by semicolons
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
// Errors are `invalid` with field "csv" and a message "line N: ..." naming the column, where N
// is the line of the file (the header's first line is 1 when nothing precedes it) on which the
// row starts.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "common/clock.hpp"
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

Result<CsvCohort> parse_cohort_csv(std::string_view text, TimePoint now, const CsvLimits& limits = {});

// The format in a few lines, for --help and the docs.
const char* cohort_csv_format();

}  // namespace mh::matching
