// The program report for administrators (domain/program_report.hpp): aggregates only, small
// groups hidden, as figures for the API and as CSV. Read-only, in the caller's read transaction.
#pragma once

#include <string>

#include "domain/program_report.hpp"
#include "services/use_case.hpp"
#include "storage/reports_repo.hpp"

namespace mh::services {

struct ReportQuery {
  std::string from, to;  // "YYYY-MM", inclusive
  storage::ReportGrouping grouping = storage::ReportGrouping::none;
};

// Forbidden for anyone but an administrator (`actor` nullptr: the command line); invalid naming
// `from` or `to` for a month that is not YYYY-MM, a range that runs backwards or over ten years.
Result<report::Report> program_report(sql::Connection& db, const Person* actor, const ReportQuery& query,
                                      TimePoint now);

// The 12 months up to and including `now`'s: the default period.
ReportQuery last_twelve_months(TimePoint now);

// One row per group and one for "All": group, suppressed, people, relationships, the states at
// the period's end, accepted, purpose_agreed, median_days_to_first_meeting, meetings_held,
// tasks, tasks_done, faded, recovered, concluded, objectives_rated, objectives_achieved,
// ratings, average_rating; then, on the "All" row only, circle_sessions_held,
// circle_sessions_cancelled, circle_attendance_present, circle_attendance_recorded, flash_sessions,
// flash_sessions_cancelled, flash_ratings, flash_average_rating, flash_people ("hidden" in the first
// of a format's columns when fewer than 5 people took part). A hidden group's figures are empty.
std::string report_csv(const report::Report& r);

}  // namespace mh::services
