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

void append_group(std::string& out, const report::Group& g) {
  std::vector<std::string> row{g.name, g.suppressed ? "true" : "false"};
  if (g.suppressed) {
    row.resize(2 + 2 + std::size(kStates) + 13);
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
  csv::append_row(out, row);
}

}  // namespace

Result<report::Report> program_report(sql::Connection& db, const Person* actor, const ReportQuery& query) {
  if (actor && !actor->is_admin) return forbidden("only administrators read program reports");
  if (!report::months_between(query.from, query.from)) return invalid("from", "must be a month, YYYY-MM");
  if (!report::months_between(query.to, query.to)) return invalid("to", "must be a month, YYYY-MM");
  const auto months = report::months_between(query.from, query.to);
  if (!months) return invalid("to", "must be the month of from or later, at most ten years on");
  return report::build_report(storage::report_facts(db, query.grouping), months->first, months->second);
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
                        "ratings", "average_rating"})
    header.push_back(h);
  csv::append_row(out, header);
  append_group(out, r.total);
  for (const auto& g : r.groups) append_group(out, g);
  return out;
}

}  // namespace mh::services
