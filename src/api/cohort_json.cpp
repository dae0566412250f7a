#include "api/cohort_json.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <unordered_map>

#include "api/errors.hpp"
#include "api/relationship_json.hpp"
#include "services/cohort_matching_job.hpp"

namespace mh::api {

using storage::MatchingJob;

MatchingRequest matching_request_from_json(const json& body) {
  reject_unknown_fields(body, {"k", "min_score", "include_mentored"});
  MatchingRequest r;
  if (body.contains("include_mentored")) r.include_mentored = bool_field(body["include_mentored"], "include_mentored");
  if (body.contains("k")) r.k = int_in_range(body["k"], "k", 1, 500);
  if (body.contains("min_score")) {
    if (!body["min_score"].is_number() || body["min_score"].get<double>() < 0 || body["min_score"].get<double>() > 1000)
      throw_invalid("min_score", "must be a number of points from 0 to 1000");
    // A pair worth nothing never improves the total, so the floor is one hundredth.
    r.min_score = std::max(1, static_cast<int>(std::lround(body["min_score"].get<double>() * 100)));
  }
  return r;
}

namespace {

double points(std::int64_t hundredths) { return static_cast<double>(hundredths) / 100.0; }

json person_brief(PersonId id, const Person* p) {
  if (!p) return {{"id", id_json(id)}, {"name", nullptr}, {"title", nullptr}, {"department", nullptr}};
  return {{"id", id_json(id)}, {"name", p->name}, {"title", p->title}, {"department", p->department}};
}

}  // namespace

json job_json(const MatchingJob& job, const std::string& cohort_name) {
  json summary = nullptr;
  if (!job.summary.empty()) summary = json::parse(job.summary, nullptr, false);
  return {{"id", id_json(job.id)},
          {"cohort_id", id_json(job.cohort_id)},
          {"cohort_name", cohort_name},
          {"state", storage::to_string(job.state)},
          {"phase", job.phase},
          {"percent", job.percent},
          {"k", job.k},
          {"min_score", points(job.min_score)},
          {"include_mentored", job.include_mentored},
          {"started_by", job.started_by ? id_json(*job.started_by) : json(nullptr)},
          {"created_at", format_iso8601(job.created_at)},
          {"updated_at", format_iso8601(job.updated_at)},
          {"finished_at", opt_time_json(job.finished_at)},
          {"error", job.error.empty() ? json(nullptr) : json(job.error)},
          {"summary", summary},
          {"applied_by", job.applied_by ? id_json(*job.applied_by) : json(nullptr)},
          {"applied_at", opt_time_json(job.applied_at)}};
}

json pair_json(const storage::JobPair& p, const Person* mentee, const Person* mentor) {
  return {{"mentee", person_brief(p.mentee_id, mentee)},
          {"mentor", person_brief(p.mentor_id, mentor)},
          {"score", points(p.score)},
          {"pinned", p.pinned},
          {"factors", json::parse(p.factors, nullptr, false)},
          {"relationship_id", p.relationship_id ? id_json(*p.relationship_id) : json(nullptr)},
          {"not_applied", p.not_applied.empty() ? json(nullptr) : json(p.not_applied)}};
}

json unmatched_json(const storage::JobUnmatched& u, const Person* mentee) {
  std::string explanation = u.reason;
  for (auto r : {matching::Unmatched::no_eligible_mentor, matching::Unmatched::below_min_score,
                 matching::Unmatched::mentors_full})
    if (u.reason == matching::to_string(r)) explanation = matching::explain(r);
  return {{"mentee", person_brief(u.mentee_id, mentee)},
          {"reason", u.reason},
          {"explanation", explanation},
          {"eligible_mentors", u.eligible_mentors},
          {"candidates", u.candidates}};
}

json csv_match_json(const matching::CohortMatch& m, const std::vector<Person>& people, const matching::Cohort& cohort) {
  std::unordered_map<PersonId, const Person*> by_id;
  for (const auto& p : people) by_id[p.id] = &p;
  auto person = [&](PersonId id) -> const Person* {
    auto it = by_id.find(id);
    return it == by_id.end() ? nullptr : it->second;
  };
  json pairs = json::array(), unmatched = json::array();
  for (const auto& p : m.pairs)
    pairs.push_back(pair_json(services::preview_pair(p), person(p.mentee_id), person(p.mentor_id)));
  for (const auto& u : m.unmatched) unmatched.push_back(unmatched_json(services::preview_unmatched(u), person(u.mentee_id)));
  return {{"summary", json::parse(services::match_summary_json(m, cohort, person))},
          {"pairs", pairs},
          {"unmatched", unmatched}};
}

}  // namespace mh::api
