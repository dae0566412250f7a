// The program report (services/reports.hpp) for administrators: GET /api/v1/admin/reports/program
// as JSON for the web app's charts, and .../program.csv to download. Query: from and to (months,
// YYYY-MM; the last twelve months by default) and group_by (none, department, cohort).
#include "api/errors.hpp"
#include "api/json_io.hpp"
#include "api/routes.hpp"
#include "services/reports.hpp"

namespace mh::api {

namespace {

services::ReportQuery query_of(const Ctx& ctx) {
  services::ReportQuery q = services::last_twelve_months(ctx.now);
  if (const std::string* v = ctx.req.query_param("from")) q.from = *v;
  if (const std::string* v = ctx.req.query_param("to")) q.to = *v;
  if (const std::string* v = ctx.req.query_param("group_by")) {
    const auto g = storage::parse_report_grouping(*v);
    if (!g) throw_invalid("group_by", "must be none, department, cohort or program");
    q.grouping = *g;
  }
  return q;
}

json optional_number(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

json figures_json(const report::Figures& f, const std::vector<report::Month>& months) {
  json by_month = json::array();
  for (std::size_t i = 0; i < months.size(); ++i)
    by_month.push_back({{"month", months[i].name},
                        {"states", f.by_month.empty() ? json::object() : json(f.by_month[i])},
                        {"meetings_held", f.meetings_by_month.empty() ? 0 : f.meetings_by_month[i]}});
  return {{"people", f.people},
          {"relationships", f.relationships},
          {"states_now", f.by_state.empty() ? json::object() : json(f.by_state)},
          {"by_month", by_month},
          {"accepted", f.accepted},
          {"purpose_agreed", f.purpose_agreed},
          {"first_meetings", f.first_meetings},
          {"median_days_to_first_meeting", optional_number(f.median_days_to_first_meeting)},
          {"tasks", f.tasks},
          {"tasks_done", f.tasks_done},
          {"faded", f.faded},
          {"recovered", f.recovered},
          {"concluded", f.concluded},
          {"objectives_rated", f.objectives_rated},
          {"objectives_achieved", f.objectives_achieved},
          {"ratings", f.ratings},
          {"average_rating", optional_number(f.average_rating)}};
}

json group_json(const report::Group& g, const std::vector<report::Month>& months) {
  return {{"name", g.name},
          {"suppressed", g.suppressed},
          {"suppressed_because", g.suppressed ? json(g.suppressed_because) : json(nullptr)},
          {"figures", g.suppressed ? json(nullptr) : figures_json(g.figures, months)}};
}

json format_json(const report::FormatFigures& f, const std::vector<report::Month>& months, bool circles) {
  if (f.suppressed) return {{"suppressed", true}, {"figures", nullptr}};
  json by_month = json::array();
  for (std::size_t i = 0; i < months.size(); ++i) by_month.push_back({{"month", months[i].name}, {"held", f.held_by_month[i]}});
  json figures = {{"people", f.people}, {"held", f.held}, {"cancelled", f.cancelled}, {"by_month", by_month}};
  if (circles) {
    figures["attendance_present"] = f.present;
    figures["attendance_recorded"] = f.recorded;
  } else {
    figures["ratings"] = f.ratings;
    figures["average_rating"] = optional_number(f.average_rating);
  }
  return {{"suppressed", false}, {"figures", figures}};
}

http::Response program(Ctx& ctx) {
  const services::ReportQuery q = query_of(ctx);
  auto out = ctx.store.read_value<json>([&](sql::Connection& db) -> Result<json> {
    MH_TRY(r, services::program_report(db, &ctx.me(), q, ctx.now));
    json groups = json::array();
    for (const auto& g : r.groups) groups.push_back(group_json(g, r.months));
    return json{{"from", q.from},
                {"to", q.to},
                {"group_by", storage::to_string(q.grouping)},
                {"minimum_group_people", report::kMinimumGroupPeople},
                {"total", group_json(r.total, r.months)},
                {"groups", groups},
                {"circles", format_json(r.circles, r.months, true)},
                {"flash", format_json(r.flash, r.months, false)}};
  });
  return respond(out, 200);
}

http::Response program_csv(Ctx& ctx) {
  const services::ReportQuery q = query_of(ctx);
  return csv_download(ctx.store.read_value<std::string>([&](sql::Connection& db) -> Result<std::string> {
                        MH_TRY(r, services::program_report(db, &ctx.me(), q, ctx.now));
                        return services::report_csv(r);
                      }),
                      "program-report-" + q.from + "-to-" + q.to + ".csv");
}

}  // namespace

void add_report_routes(Routes& routes) {
  routes.add("GET", "/api/v1/admin/reports/program", Access::admin, program);
  routes.add("GET", "/api/v1/admin/reports/program.csv", Access::admin, program_csv);
}

}  // namespace mh::api
