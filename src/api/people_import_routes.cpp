// People from HR, for administrators: the import of an HR export (a dry run first, then the
// import itself) through services::import_people, the same use case as `mentorhub import`; and
// the CSV exports of everyone's profile and of every relationship's metadata (states, dates,
// counts; never content) through services/exports.hpp, as `mentorhub export` writes them.
#include "api/errors.hpp"
#include "api/json_io.hpp"
#include "api/routes.hpp"
#include "common/timezone_names.hpp"
#include "services/exports.hpp"
#include "services/people_import.hpp"

namespace mh::api {

namespace {

json people_json(const std::vector<services::ImportedPerson>& people, bool with_changes) {
  json out = json::array();
  for (const auto& p : people) {
    json j = {{"line", p.line > 0 ? json(p.line) : json(nullptr)},
              {"id", p.id ? json(std::to_string(*p.id)) : json(nullptr)},
              {"employee_id", p.employee_id},
              {"name", p.name},
              {"email", p.email}};
    if (with_changes) j["changes"] = p.changes;
    out.push_back(std::move(j));
  }
  return out;
}

json report_json(const services::PeopleImportReport& r) {
  json problems = json::array();
  for (const auto& p : r.problems) problems.push_back({{"line", p.line}, {"message", p.message}});
  return {{"applied", r.applied},
          {"rows", r.rows},
          {"created", r.created},
          {"updated", r.updated},
          {"unchanged", r.unchanged},
          {"deactivated", r.deactivated},
          {"leavers_skipped", r.leavers_skipped},
          {"relationships_concluding", r.relationships_concluding},
          {"cohort_memberships", r.cohort_memberships},
          {"requests_withdrawn", r.requests_withdrawn},
          {"created_people", people_json(r.created_people, false)},
          {"updated_people", people_json(r.updated_people, true)},
          {"deactivated_people", people_json(r.deactivated_people, false)},
          {"ignored_columns", r.ignored_columns},
          {"separator", std::string(1, r.separator)},
          {"header_line", r.header_line},
          {"problems", problems},
          {"more_problems", r.more_problems}};
}

// POST /api/v1/admin/people/import {"csv": "...", "dry_run": true, "complete": false}
http::Response import_people(Ctx& ctx) {
  json body = parse_object_body(ctx.req);
  reject_unknown_fields(body, {"csv", "dry_run", "complete"});
  if (!body.contains("csv")) throw_invalid("csv", "is required: the people as CSV text, as an HR system exports them");
  const std::string text = file_text_field(body["csv"], "csv");
  services::PeopleImportOptions options;
  options.dry_run = body.contains("dry_run") ? bool_field(body["dry_run"], "dry_run") : true;
  options.complete = body.contains("complete") ? bool_field(body["complete"], "complete") : false;
  body = json();  // the text is copied; a large body need not be held twice

  const HrFile file = read_hr_file(text, timezone_problem);
  auto run = [&](sql::Connection& db) -> Result<services::PeopleImportReport> {
    services::UseCase uc(db, ctx.now, ctx.settings.lifecycle);
    return services::import_people(uc, &ctx.me(), file, options);
  };
  auto report = options.dry_run ? ctx.store.read_value<services::PeopleImportReport>(run)
                                : ctx.store.write_value<services::PeopleImportReport>(run);
  if (!report) return error_response(report.error());
  if (!report->problems.empty() && !options.dry_run) {
    csv::ProblemList list(report->problems.size());
    for (const auto& p : report->problems) list.add(p);
    std::string message = list.message();
    if (report->more_problems > 0)
      message += "\nand " + std::to_string(report->more_problems) + " more problem" + (report->more_problems == 1 ? "" : "s");
    json out = {{"error", {{"code", "invalid"}, {"message", "nothing was imported:\n" + message}, {"field", "csv"}}},
                {"report", report_json(*report)}};
    return json_response(422, out);
  }
  return json_response(200, report_json(*report));
}

http::Response export_people(Ctx& ctx) {
  return csv_download(ctx.store.read_value<std::string>(
                          [&](sql::Connection& db) { return services::export_people_csv(db, &ctx.me()); }),
                      "people.csv");
}

http::Response export_relationships(Ctx& ctx) {
  return csv_download(ctx.store.read_value<std::string>(
                          [&](sql::Connection& db) { return services::export_relationships_csv(db, &ctx.me()); }),
                      "relationships.csv");
}

}  // namespace

void add_people_import_routes(Routes& routes) {
  routes.add("POST", "/api/v1/admin/people/import", Access::admin, import_people);
  routes.add("GET", "/api/v1/admin/people/export.csv", Access::admin, export_people);
  routes.add("GET", "/api/v1/admin/relationships/export.csv", Access::admin, export_relationships);
}

}  // namespace mh::api
