#include "services/reports.hpp"

#include <cstdio>
#include <numeric>

#include "common/csv.hpp"

namespace mh::services {

namespace {

// The states a report counts, in the lifecycle's order.
constexpr RelState kStates[] = {RelState::requested, RelState::accepted,  RelState::starting,
                                RelState::active,    RelState::fading,    RelState::concluding,
                                RelState::concluded, RelState::declined,  RelState::withdrawn,
                                RelState::expired};

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

constexpr std::size_t kFormatColumns = 9;

// The circles' and flash mentoring's columns, which only the "All" row fills.
void append_formats(std::vector<std::string>& row, const report::Report* r) {
  if (!r) {
    row.resize(row.size() + kFormatColumns);
    return;
  }
  const auto figures = [&](const report::FormatFigures& f, bool with_attendance) {
    std::vector<std::string> cells;
    if (f.suppressed) {
      cells.assign(with_attendance ? 4 : 5, "");
      cells[0] = "hidden";
      return cells;
    }
    cells.push_back(std::to_string(f.held));
    cells.push_back(std::to_string(f.cancelled));
    if (with_attendance) {
      cells.push_back(std::to_string(f.present));
      cells.push_back(std::to_string(f.recorded));
    } else {
      cells.push_back(std::to_string(f.ratings));
      cells.push_back(f.average_rating ? number(*f.average_rating) : std::string());
      cells.push_back(std::to_string(f.people));
    }
    return cells;
  };
  for (auto&& c : figures(r->circles, true)) row.push_back(std::move(c));
  for (auto&& c : figures(r->flash, false)) row.push_back(std::move(c));
}

void append_group(std::string& out, const report::Group& g, const report::Report* formats) {
  std::vector<std::string> row{g.name, g.suppressed ? "true" : "false"};
  if (g.suppressed) {
    row.resize(2 + 2 + std::size(kStates) + 13);
    append_formats(row, formats);
    csv::append_row(out, row);
    return;
  }
  const report::Figures& f = g.figures;
  row.push_back(std::to_string(f.people));
  row.push_back(std::to_string(f.relationships));
  for (RelState s : kStates) {
    const auto it = f.by_state.find(to_string(s));
    row.push_back(std::to_string(it == f.by_state.end() ? 0 : it->second));
  }
  const int held = std::accumulate(f.meetings_by_month.begin(), f.meetings_by_month.end(), 0);
  for (const std::string& cell :
       {std::to_string(f.accepted), std::to_string(f.purpose_agreed),
        f.median_days_to_first_meeting ? number(*f.median_days_to_first_meeting) : std::string(),
        std::to_string(held), std::to_string(f.tasks), std::to_string(f.tasks_done), std::to_string(f.faded),
        std::to_string(f.recovered), std::to_string(f.concluded), std::to_string(f.objectives_rated),
        std::to_string(f.objectives_achieved), std::to_string(f.ratings),
        f.average_rating ? number(*f.average_rating) : std::string()})
    row.push_back(cell);
  append_formats(row, formats);
  csv::append_row(out, row);
}

}  // namespace

Result<report::Report> program_report(sql::Connection& db, const Person* actor, const ReportQuery& query, TimePoint now) {
  if (actor && !actor->is_admin) return forbidden("only administrators read program reports");
  if (!report::months_between(query.from, query.from)) return invalid("from", "must be a month, YYYY-MM");
  if (!report::months_between(query.to, query.to)) return invalid("to", "must be a month, YYYY-MM");
  const auto months = report::months_between(query.from, query.to);
  if (!months) return invalid("to", "must be the month of from or later, at most ten years on");
  report::Report r = report::build_report(storage::report_facts(db, query.grouping), months->first, months->second);
  // Without a grouping every relationship falls in one nameless group, the total again: no groups.
  if (query.grouping == storage::ReportGrouping::none) r.groups.clear();
  r.circles = report::format_figures(storage::circle_session_facts(db), months->first, months->second, now);
  r.flash = report::format_figures(storage::flash_session_facts(db), months->first, months->second, now);
  return r;
}

ReportQuery last_twelve_months(TimePoint now) {
  using namespace std::chrono;
  const year_month_day today(floor<days>(now));
  const year_month last = today.year() / today.month();
  ReportQuery q;
  q.to = report::month_of(now);
  q.from = report::month_of(TimePoint(sys_days((last - months(11)) / 1)));
  return q;
}

std::string report_csv(const report::Report& r) {
  std::string out;
  std::vector<std::string> header{"group", "suppressed", "people", "relationships"};
  for (RelState s : kStates) header.push_back(std::string("now_") + to_string(s));
  for (const char* h : {"accepted", "purpose_agreed", "median_days_to_first_meeting", "meetings_held", "tasks",
                        "tasks_done", "faded", "recovered", "concluded", "objectives_rated", "objectives_achieved",
                        "ratings", "average_rating", "circle_sessions_held", "circle_sessions_cancelled",
                        "circle_attendance_present", "circle_attendance_recorded", "flash_sessions",
                        "flash_sessions_cancelled", "flash_ratings", "flash_average_rating", "flash_people"})
    header.push_back(h);
  csv::append_row(out, header);
  append_group(out, r.total, &r);
  for (const auto& g : r.groups) append_group(out, g, nullptr);
  return out;
}

}  // namespace mh::services
