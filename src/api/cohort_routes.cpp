// Cohorts and their matching, for program administrators only: make a cohort from a list or a
// filter, pin or forbid pairs, start a matching (a background job), follow its progress, page
// through the preview, apply it as proposals. Administrators see who is paired and why (the
// profile factors), never relationships' content.
#include <algorithm>

#include "api/cohort_matching.hpp"
#include "services/cohorts.hpp"
#include "api/directory.hpp"
#include "api/errors.hpp"
#include "api/json_io.hpp"
#include "api/relationship_access.hpp"
#include "api/relationship_json.hpp"
#include "api/routes.hpp"
#include "matching/profiles.hpp"
#include "services/admin_audit.hpp"
#include "services/cohort_membership.hpp"
#include "storage/cohorts_repo.hpp"
#include "storage/people_repo.hpp"
#include "storage/programs_repo.hpp"

namespace mh::api {

namespace {

using storage::CohortId;
using storage::CohortRole;
using storage::JobState;
using storage::MatchingJob;

constexpr std::size_t kMaxListed = 200'000;

std::vector<PersonId> id_list(const json& v, const std::string& field) {
  if (!v.is_array()) throw_invalid(field, "must be a list of person ids");
  if (v.size() > kMaxListed) throw_invalid(field, "at most 200000 people");
  std::vector<PersonId> out;
  out.reserve(v.size());
  for (std::size_t i = 0; i < v.size(); ++i) out.push_back(id_from_json(v[i], field + "[" + std::to_string(i) + "]"));
  return out;
}

const Person* named(const DirectorySnapshot& snap, PersonId id) { return snap.person(id); }

json cohort_json(sql::Connection& db, const storage::CohortRecord& c, TimePoint now, bool with_details,
                 const DirectorySnapshot& snap) {
  const auto counts = storage::count_cohort_members(db, c.id);
  const auto jobs = storage::jobs_of_cohort(db, c.id, with_details ? 20 : 1);
  const auto program = storage::find_program(db, c.program_id);
  json out{{"id", id_json(c.id)},
           {"name", c.name},
           {"description", c.description},
           {"program_id", id_json(c.program_id)},
           {"program_name", program ? program->fields.name : ""},
           {"program_open", program && !program->closed()},
           {"starts_on", day_json(c.starts_on)},
           {"ends_on", day_json(c.ends_on)},
           {"signup_open", c.signup_open},
           {"selection", json::parse(c.selection, nullptr, false)},
           {"created_at", format_iso8601(c.created_at)},
           {"mentees", counts.mentees},
           {"mentors", counts.mentors},
           {"latest_matching", jobs.empty() ? json(nullptr) : job_json(services::effective(jobs[0], now), c.name)}};
  if (!with_details) return out;
  json rules = json::array();
  for (const auto& r : storage::pair_rules(db, c.id)) {
    const Person* mentee = named(snap, r.mentee_id);
    const Person* mentor = named(snap, r.mentor_id);
    rules.push_back({{"mentee_id", id_json(r.mentee_id)},
                     {"mentee_name", mentee ? json(mentee->name) : json(nullptr)},
                     {"mentor_id", id_json(r.mentor_id)},
                     {"mentor_name", mentor ? json(mentor->name) : json(nullptr)},
                     {"kind", storage::to_string(r.kind)},
                     {"created_at", format_iso8601(r.created_at)}});
  }
  json history = json::array();
  for (const auto& j : jobs) {
    json brief = job_json(services::effective(j, now), c.name);
    brief.erase("summary");
    if (auto s = json::parse(j.summary, nullptr, false); s.is_object())
      brief["matched"] = s["matched"], brief["total_score"] = s["total_score"];
    history.push_back(brief);
  }
  out["rules"] = rules;
  out["matchings"] = history;
  return out;
}

Result<storage::CohortRecord> cohort_of(sql::Connection& db, const Ctx& ctx) {
  auto c = storage::find_cohort(db, id_param(ctx.req, "id"));
  if (!c) return not_found("no such cohort");
  return std::move(*c);
}

http::Response create(Ctx& ctx) {
  const json body = parse_object_body(ctx.req);
  reject_unknown_fields(body, {"name", "description", "mentee_ids", "mentor_ids", "filter", "program_id", "starts_on",
                               "ends_on", "signup_open"});
  // text_field reads body[name] of a const object, which must exist (an assertion otherwise).
  if (!body.contains("name")) throw_invalid("name", "is required");
  const std::string name = text_field(body, "name", 100);
  if (name.find_first_not_of(" \t") == std::string::npos) throw_invalid("name", "must not be empty");
  const std::string description = body.contains("description") ? text_field(body, "description", 2000) : "";
  services::CohortPlan plan;
  if (body.contains("program_id")) plan.program_id = id_from_json(body["program_id"], "program_id");
  if (body.contains("starts_on")) plan.starts_on = day_or_null_field(body["starts_on"], "starts_on");
  if (body.contains("ends_on")) plan.ends_on = day_or_null_field(body["ends_on"], "ends_on");
  if (body.contains("signup_open")) plan.signup_open = bool_field(body["signup_open"], "signup_open");
  services::CohortSelection selection;
  const bool listed = body.contains("mentee_ids") || body.contains("mentor_ids");
  if (listed && body.contains("filter")) throw_invalid("filter", "give either mentee_ids and mentor_ids, or a filter");
  if (!listed && !body.contains("filter") && plan.signup_open) {
    selection.signup_only = true;  // people sign themselves up
  } else if (listed) {
    if (!body.contains("mentee_ids")) throw_invalid("mentee_ids", "is required with mentor_ids");
    if (!body.contains("mentor_ids")) throw_invalid("mentor_ids", "is required with mentee_ids");
    selection.mentee_ids = id_list(body["mentee_ids"], "mentee_ids");
    selection.mentor_ids = id_list(body["mentor_ids"], "mentor_ids");
  } else {
    if (!body.contains("filter"))
      throw_invalid("filter", "give mentee_ids and mentor_ids, or a filter, or open the cohort for sign-up");
    const json& f = body["filter"];
    if (!f.is_object()) throw_invalid("filter", "must be an object, e.g. {\"department\": \"Engineering\"} or {} for everyone");
    reject_unknown_fields(f, {"department"}, "filter");
    if (f.contains("department") && !f["department"].is_null())
      selection.department = string_field(f["department"], "filter.department");
  }
  auto out = ctx.store.write_value<json>([&](sql::Connection& db) -> Result<json> {
    MH_TRY(id, services::create_cohort(db, name, description, selection, ctx.me().id, ctx.now, plan));
    const auto snap = ctx.directory.current(db, ctx.now);
    return cohort_json(db, *storage::find_cohort(db, id), ctx.now, true, *snap);
  });
  return respond(out, 201);
}

http::Response list(Ctx& ctx) {
  auto out = ctx.store.read_value<json>([&](sql::Connection& db) -> Result<json> {
    const auto snap = ctx.directory.current(db, ctx.now);
    json items = json::array();
    for (const auto& c : storage::list_cohorts(db)) items.push_back(cohort_json(db, c, ctx.now, false, *snap));
    return json{{"items", items}};
  });
  return respond(out, 200);
}

http::Response show(Ctx& ctx) {
  auto out = ctx.store.read_value<json>([&](sql::Connection& db) -> Result<json> {
    MH_TRY(c, cohort_of(db, ctx));
    const auto snap = ctx.directory.current(db, ctx.now);
    return cohort_json(db, c, ctx.now, true, *snap);
  });
  return respond(out, 200);
}

// PATCH /cohorts/{id}: name, description, dates, sign-up (services/cohort_membership.hpp).
http::Response update(Ctx& ctx) {
  const json body = parse_object_body(ctx.req);
  reject_unknown_fields(body, {"name", "description", "starts_on", "ends_on", "signup_open"});
  services::CohortChange change;
  if (body.contains("name")) change.name = text_field(body, "name", 100);
  if (body.contains("description")) change.description = text_field(body, "description", 2000);
  if (body.contains("starts_on")) change.starts_on = day_or_null_field(body["starts_on"], "starts_on");
  if (body.contains("ends_on")) change.ends_on = day_or_null_field(body["ends_on"], "ends_on");
  if (body.contains("signup_open")) change.signup_open = bool_field(body["signup_open"], "signup_open");
  auto out = ctx.store.write_value<json>([&](sql::Connection& db) -> Result<json> {
    MH_TRY(c, cohort_of(db, ctx));
    MH_CHECK(services::update_cohort(db, ctx.me(), c.id, change, ctx.now));
    const auto snap = ctx.directory.current(db, ctx.now);
    return cohort_json(db, *storage::find_cohort(db, c.id), ctx.now, true, *snap);
  });
  return respond(out, 200);
}

http::Response members(Ctx& ctx) {
  CohortRole role = CohortRole::mentee;
  if (const std::string* r = ctx.req.query_param("role")) {
    if (*r == "mentor") role = CohortRole::mentor;
    else if (*r != "mentee") throw_invalid("role", "must be mentee or mentor");
  }
  const int limit = limit_param(ctx.req, 50, 500);
  const auto after = cursor_param(ctx.req);
  // A part of the name, case-insensitive: pickers search 20,000 mentors without loading them.
  const std::string* q = ctx.req.query_param("q");
  if (q && q->size() > 100) throw_invalid("q", "at most 100 characters");
  const std::string query = q ? matching::key_of(*q) : "";
  auto out = ctx.store.read_value<json>([&](sql::Connection& db) -> Result<json> {
    MH_TRY(c, cohort_of(db, ctx));
    const auto snap = ctx.directory.current(db, ctx.now);
    auto ids = storage::cohort_members(db, c.id, role);
    if (!query.empty())
      std::erase_if(ids, [&](PersonId id) {
        const Person* p = snap->person(id);
        return !p || matching::key_of(p->name).find(query) == std::string::npos;
      });
    auto it = after ? std::upper_bound(ids.begin(), ids.end(), *after) : ids.begin();
    json items = json::array();
    for (; it != ids.end() && static_cast<int>(items.size()) < limit; ++it) {
      const Person* p = snap->person(*it);
      json item{{"id", id_json(*it)}, {"active", p != nullptr}};
      if (p) {
        item["name"] = p->name, item["title"] = p->title, item["department"] = p->department;
        if (role == CohortRole::mentor) {
          auto live = snap->live_mentees.find(p->id);
          item["capacity"] = p->mentor_capacity;
          item["live_mentees"] = live == snap->live_mentees.end() ? 0 : live->second;
        }
      }
      items.push_back(item);
    }
    return json{{"items", items}, {"next_cursor", it != ids.end() && !items.empty() ? items.back()["id"] : json(nullptr)}};
  });
  return respond(out, 200);
}


// PUT /cohorts/{id}/rules/{mentee_id}/{mentor_id} {"kind": "pin" | "forbid"}
http::Response put_rule(Ctx& ctx) {
  const json body = parse_object_body(ctx.req);
  reject_unknown_fields(body, {"kind"});
  if (!body.contains("kind")) throw_invalid("kind", "is required: pin or forbid");
  const auto kind = storage::parse_pair_rule_kind(string_field(body["kind"], "kind"));
  if (!kind) throw_invalid("kind", "must be pin or forbid");
  const PersonId mentee = id_param(ctx.req, "mentee_id");
  const PersonId mentor = id_param(ctx.req, "mentor_id");
  auto out = ctx.store.write_value<json>([&](sql::Connection& db) -> Result<json> {
    MH_TRY(c, cohort_of(db, ctx));
    MH_CHECK(services::set_pair_rule(db, c.id, mentee, mentor, *kind, ctx.me().id, ctx.now));
    const auto snap = ctx.directory.current(db, ctx.now);
    return cohort_json(db, c, ctx.now, true, *snap);
  });
  return respond(out, 200);
}

http::Response delete_rule(Ctx& ctx) {
  const PersonId mentee = id_param(ctx.req, "mentee_id");
  const PersonId mentor = id_param(ctx.req, "mentor_id");
  auto out = ctx.store.write_value<json>([&](sql::Connection& db) -> Result<json> {
    MH_TRY(c, cohort_of(db, ctx));
    MH_CHECK(services::remove_pair_rule(db, c.id, mentee, mentor, ctx.me().id, ctx.now));
    const auto snap = ctx.directory.current(db, ctx.now);
    return cohort_json(db, c, ctx.now, true, *snap);
  });
  return respond(out, 200);
}

http::Response start(Ctx& ctx) {
  const json body = ctx.req.body.empty() ? json::object() : parse_object_body(ctx.req);
  const services::MatchingRequest request = matching_request_from_json(body);
  const CohortId cohort = id_param(ctx.req, "id");
  std::string cohort_name;
  auto job = ctx.store.write_value<MatchingJob>([&](sql::Connection& db) -> Result<MatchingJob> {
    auto c = storage::find_cohort(db, cohort);
    if (!c) return not_found("no such cohort");
    cohort_name = c->name;
    return services::queue_matching(db, cohort, request, ctx.me().id, ctx.now);
  });
  if (!job) return error_response(job.error());
  ctx.matching.enqueue(job->id);
  http::Response r = json_response(202, job_json(*job, cohort_name));
  r.headers.emplace_back("Location", "/api/v1/matchings/" + std::to_string(job->id));
  return r;
}

Result<std::pair<MatchingJob, std::string>> job_of(sql::Connection& db, const Ctx& ctx) {
  auto job = storage::find_matching_job(db, id_param(ctx.req, "id"));
  if (!job) return not_found("no such matching");
  auto c = storage::find_cohort(db, job->cohort_id);
  return std::pair{services::effective(*job, ctx.now), c ? c->name : std::string()};
}

http::Response show_job(Ctx& ctx) {
  auto out = ctx.store.read_value<json>([&](sql::Connection& db) -> Result<json> {
    MH_TRY(j, job_of(db, ctx));
    return job_json(j.first, j.second);
  });
  return respond(out, 200);
}

Status require_preview(const MatchingJob& job) {
  if (job.state == JobState::done || job.state == JobState::applied) return {};
  if (job.state == JobState::failed) return conflict("this matching failed: " + job.error);
  return conflict("this matching is still running (" + std::to_string(job.percent) + "%); ask again when it is done");
}

// A page of a finished preview's rows (pairs or unmatched mentees), keyed by mentee id.
template <class Fetch, class ToJson>
http::Response preview_page(Ctx& ctx, Fetch fetch, ToJson to_json) {
  const int limit = limit_param(ctx.req, 50, 500);
  const auto after = cursor_param(ctx.req);
  auto out = ctx.store.read_value<json>([&](sql::Connection& db) -> Result<json> {
    MH_TRY(j, job_of(db, ctx));
    MH_CHECK(require_preview(j.first));
    const auto snap = ctx.directory.current(db, ctx.now);
    auto rows = fetch(db, j.first.id, after, limit + 1);
    json next = nullptr;
    if (static_cast<int>(rows.size()) > limit) {
      rows.resize(static_cast<std::size_t>(limit));
      next = id_json(rows.back().mentee_id);
    }
    json items = json::array();
    for (const auto& row : rows) items.push_back(to_json(row, *snap));
    return json{{"items", items}, {"next_cursor", next}};
  });
  return respond(out, 200);
}

http::Response pairs(Ctx& ctx) {
  return preview_page(ctx, storage::job_pairs, [](const storage::JobPair& p, const DirectorySnapshot& snap) {
    return pair_json(p, snap.person(p.mentee_id), snap.person(p.mentor_id));
  });
}

http::Response unmatched(Ctx& ctx) {
  std::optional<std::string> reason;
  if (const std::string* r = ctx.req.query_param("reason")) {
    if (*r != "no_eligible_mentor" && *r != "below_min_score" && *r != "mentors_full")
      throw_invalid("reason", "must be no_eligible_mentor, below_min_score or mentors_full");
    reason = *r;
  }
  auto fetch = [&](sql::Connection& db, storage::MatchingJobId job, std::optional<PersonId> after, int limit) {
    return storage::job_unmatched(db, job, after, limit, reason);
  };
  return preview_page(ctx, fetch, [](const storage::JobUnmatched& u, const DirectorySnapshot& snap) {
    return unmatched_json(u, snap.person(u.mentee_id));
  });
}

http::Response apply(Ctx& ctx) {
  auto out = ctx.store.write_value<json>([&](sql::Connection& db) -> Result<json> {
    const storage::MatchingJobId id = id_param(ctx.req, "id");
    MH_TRY(applied, services::apply_matching(db, id, &ctx.me(), ctx.now, ctx.settings.lifecycle));
    MH_TRY(j, job_of(db, ctx));
    const auto snap = ctx.directory.current(db, ctx.now);
    json skipped = json::array();
    for (const auto& p : applied.skipped)
      skipped.push_back(pair_json(p, snap->person(p.mentee_id), snap->person(p.mentor_id)));
    return json{{"created", applied.created}, {"skipped", skipped}, {"matching", job_json(j.first, j.second)}};
  });
  return respond(out, 200);
}

// The departments of the active people, with how many seek and offer one-to-one mentoring: what
// a department filter would put in a cohort, without paging through everyone.
http::Response departments(Ctx& ctx) {
  auto out = ctx.store.read_value<json>([&](sql::Connection& db) -> Result<json> {
    json items = json::array();
    for (const auto& d : storage::department_counts(db))
      items.push_back({{"department", d.department}, {"people", d.people}, {"seeking_one_to_one", d.seeking_one_to_one},
                       {"offering_one_to_one", d.offering_one_to_one}});
    return json{{"items", items}};
  });
  return respond(out, 200);
}

}  // namespace

void add_cohort_routes(Routes& routes) {
  routes.add("GET", "/api/v1/admin/departments", Access::admin, departments);
  routes.add("POST", "/api/v1/cohorts", Access::admin, create);
  routes.add("GET", "/api/v1/cohorts", Access::admin, list);
  routes.add("GET", "/api/v1/cohorts/{id}", Access::admin, show);
  routes.add("PATCH", "/api/v1/cohorts/{id}", Access::admin, update);
  routes.add("GET", "/api/v1/cohorts/{id}/members", Access::admin, members);
  routes.add("PUT", "/api/v1/cohorts/{id}/rules/{mentee_id}/{mentor_id}", Access::admin, put_rule);
  routes.add("DELETE", "/api/v1/cohorts/{id}/rules/{mentee_id}/{mentor_id}", Access::admin, delete_rule);
  routes.add("POST", "/api/v1/cohorts/{id}/matchings", Access::admin, start);
  routes.add("GET", "/api/v1/matchings/{id}", Access::admin, show_job);
  routes.add("GET", "/api/v1/matchings/{id}/pairs", Access::admin, pairs);
  routes.add("GET", "/api/v1/matchings/{id}/unmatched", Access::admin, unmatched);
  routes.add("POST", "/api/v1/matchings/{id}/apply", Access::admin, apply);
}

}  // namespace mh::api
