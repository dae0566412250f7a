// Matching a cohort from a CSV of people, for trying the matching out before a program's people
// are in Mentorhub: nothing is stored, the answer is the preview itself. Administrators only.
// The program's weights and emerging skills apply, so the result is what the cohort would get.
#include "api/cohort_json.hpp"
#include "api/errors.hpp"
#include "api/json_io.hpp"
#include "services/program_settings.hpp"
#include "api/routes.hpp"
#include "matching/cohort_csv.hpp"

namespace mh::api {

namespace {

// 422 with every problem of the file in `details` as well as in the message, so that a client
// can list them (line, column, value, reason) rather than parse the text.
http::Response csv_problems_response(const matching::CsvRead& read) {
  const auto text_or_null = [](const std::string& s) { return s.empty() ? json(nullptr) : json(s); };
  json details = json::array();
  for (const csv::Problem& p : read.problems)
    details.push_back({{"line", p.line},
                       {"column", text_or_null(p.column)},
                       {"value", text_or_null(p.value)},
                       {"reason", p.reason.empty() ? p.message : p.reason}});
  return json_response(422, {{"error",
                              {{"code", "invalid"},
                               {"message", matching::problems_message(read)},
                               {"field", "csv"},
                               {"details", std::move(details)},
                               {"more_problems", read.more_problems}}}});
}

// POST /api/v1/matchings/from-csv {"csv": "...", "k": 50, "min_score": 0.01}
http::Response match_csv(Ctx& ctx) {
  json body = parse_object_body(ctx.req);
  if (!body.contains("csv")) throw_invalid("csv", "is required: the people as CSV text (see docs/examples/cohort.csv)");
  const std::string text = file_text_field(body["csv"], "csv");
  body.erase("csv");
  const MatchingRequest request = matching_request_from_json(body);
  matching::CsvRead read = matching::read_cohort_csv(text, ctx.now);
  if (!read.problems.empty()) return csv_problems_response(read);
  matching::CsvCohort& parsed = read.cohort;
  auto settings = ctx.store.read_value<services::ProgramSettings>(
      [&](sql::Connection& db) -> Result<services::ProgramSettings> { return services::load_settings(db); });
  if (!settings) return error_response(settings.error());
  matching::Cohort& cohort = parsed.cohort;
  cohort.weights = settings->weights;
  cohort.emerging = settings->emerging_keys();
  matching::MatchOptions options;
  options.candidates.k = request.k;
  options.candidates.min_score = request.min_score;
  auto result = matching::match_cohort(cohort, options);
  if (!result) return error_response(result.error());
  std::vector<Person> people;
  people.reserve(parsed.people.size());
  for (auto& p : parsed.people) people.push_back(std::move(p.person));
  return json_response(200, csv_match_json(*result, people, cohort));
}

}  // namespace

void add_csv_matching_routes(Routes& routes) {
  routes.add("POST", "/api/v1/matchings/from-csv", Access::admin, match_csv);
}

}  // namespace mh::api
