// The facts the program report counts (domain/program_report.hpp), read for every relationship
// in a handful of statements whatever their number: states and dates, the state changes, held
// meetings' start times, task counts, the mentee's debrief outcomes and both ratings; never a
// word of content.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "domain/program_report.hpp"
#include "storage/sql/connection.hpp"

namespace mh::storage {

// How relationships are grouped: not at all, by the mentee's department, by the cohort whose
// matching proposed them, or by the program they started in.
enum class ReportGrouping { none, department, cohort, program };
// "none", "department", "cohort", "program" (the API's and the command line's words) and back.
const char* to_string(ReportGrouping g);
std::optional<ReportGrouping> parse_report_grouping(std::string_view s);

inline constexpr const char* kNoDepartment = "(no department)";
inline constexpr const char* kNoCohort = "(not from a cohort)";

std::vector<report::RelationshipFacts> report_facts(sql::Connection& db, ReportGrouping grouping);

// Every circle session: its start, the host and everyone whose attendance was recorded, held or
// cancelled, and how many were present of those recorded.
std::vector<report::SessionFacts> circle_session_facts(sql::Connection& db);
// Every flash session: its start, mentor and mentee, cancelled or not, and the mentee's rating.
std::vector<report::SessionFacts> flash_session_facts(sql::Connection& db);

}  // namespace mh::storage
