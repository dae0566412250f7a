// Cohorts and their matching, for program administrators only: make a cohort from a list or a
// filter, pin or forbid pairs, start a matching (a background job), follow its progress, page
// through the preview, apply it as proposals. Administrators see who is paired and why (the
// profile factors), never relationships' content.
#include "api/cohort_json.hpp"
#include "services/directory.hpp"
#include "services/matching_runner.hpp"
#include "api/errors.hpp"
#include "api/json_io.hpp"
#include "api/relationship_access.hpp"
#include "api/relationship_json.hpp"
#include "api/routes.hpp"
#include "matching/profiles.hpp"
#include "services/admin_audit.hpp"
#include "services/cohort_membership.hpp"
#include "services/cohort_views.hpp"
#include "services/cohorts.hpp"

namespace mh::api {

namespace {

using storage::CohortId;
using storage::CohortRole;

constexpr std::size_t kMaxListed = 200'000;

std::vector<PersonId> id_list(const json& v, const std::string& field) {
  if (!v.is_array()) throw_invalid(field, "must be a list of person ids");
  if (v.size() > kMaxListed) throw_invalid(field, "at most 200000 people");
  std::vector<PersonId> out;
  out.reserve(v.size());
  for (std::size_t i = 0; i < v.size(); ++i) out.push_back(id_from_json(v[i], field + "[" + std::to_string(i) + "]"));
  return out;
}

const Person* named(const services::DirectorySnapshot& snap, PersonId id) { return snap.person(id); }

// A cohort as a list shows it; one read alone (services::cohort_view, which brings its rules)
// also shows its rules with the people's names and its recent matchings.
json cohort_json(const services::CohortView& v, const services::DirectorySnapshot& snap) {
  const storage::CohortRecord& c = v.cohort;
  json out{{"id", id_json(c.id)},
           {"name", c.name},
           {"description", c.description},
           {"program_id", id_json(c.program_id)},
           {"program_name", v.program ? v.program->fields.name : ""},
           {"program_open", v.program && !v.program->closed()},
           {"starts_on", day_json(c.starts_on)},
           {"ends_on", day_json(c.ends_on)},
           {"signup_open", c.signup_open},
           {"selection", json::parse(c.selection, nullptr, false)},
           {"created_at", format_iso8601(c.created_at)},
           {"mentees", v.counts.mentees},
           {"mentors", v.counts.mentors},
           {"latest_matching", v.matchings.empty() ? json(nullptr) : job_json(v.matchings[0], c.name)}};
  if (!v.rules) return out;
  json rules = json::array();
  for (const auto& r : *v.rules) {
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
  for (const auto& j : v.matchings) {
    json brief = job_json(j, c.name);
    brief.erase("summary");
    if (auto s = json::parse(j.summary, nullptr, false); s.is_object())
      brief["matched"] = s["matched"], brief["total_score"] = s["total_score"];
    history.push_back(brief);
  }
  out["rules"] = rules;
  out["matchings"] = history;
  return out;
}

// Cohort `id` alone, as the administrator acting sees it.
Result<json> shown_cohort(sql::Connection& db, Ctx& ctx, CohortId id) {
  MH_TRY(view, services::cohort_view(db, ctx.me(), id, ctx.now));
  const auto snap = ctx.directory.current(db, ctx.now);
  return cohort_json(view, *snap);
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
    return shown_cohort(db, ctx, id);
  });
  return respond(out, 201);
}

http::Response list(Ctx& ctx) {
  auto out = ctx.store.read_value<json>([&](sql::Connection& db) -> Result<json> {
    MH_TRY(views, services::cohort_views(db, ctx.me(), ctx.now));
    const auto snap = ctx.directory.current(db, ctx.now);
    json items = json::array();
    for (const auto& v : views) items.push_back(cohort_json(v, *snap));
    return json{{"items", items}};
  });
  return respond(out, 200);
}

http::Response show(Ctx& ctx) {
  const CohortId id = id_param(ctx.req, "id");
  auto out = ctx.store.read_value<json>([&](sql::Connection& db) -> Result<json> { return shown_cohort(db, ctx, id); });
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
  const CohortId id = id_param(ctx.req, "id");
  auto out = ctx.store.write_value<json>([&](sql::Connection& db) -> Result<json> {
    MH_CHECK(services::update_cohort(db, ctx.me(), id, change, ctx.now));
    return shown_cohort(db, ctx, id);
  });
  return respond(out, 200);
}

http::Response members(Ctx& ctx) {
  CohortRole role = CohortRole::mentee;
  if (const std::string* r = ctx.req.query_param("role")) {
    if (*r == "mentor") role = CohortRole::mentor;
    else if (*r != "mentee") throw_invalid("role", "must be mentee or mentor");
  }
  services::CohortMemberQuery query;
  query.role = role;
  query.limit = limit_param(ctx.req, 50, 500);
  query.after = cursor_param(ctx.req);
  // A part of the name, case-insensitive: pickers search 20,000 mentors without loading them.
  const std::string* q = ctx.req.query_param("q");
  if (q && q->size() > 100) throw_invalid("q", "at most 100 characters");
  const std::string name_part = q ? matching::key_of(*q) : "";
  const CohortId id = id_param(ctx.req, "id");
  auto out = ctx.store.read_value<json>([&](sql::Connection& db) -> Result<json> {
    const auto snap = ctx.directory.current(db, ctx.now);
    if (!name_part.empty())
      query.keep = [&](PersonId member) {
        const Person* p = snap->person(member);
        return p && matching::key_of(p->name).find(name_part) != std::string::npos;
      };
    MH_TRY(page, services::cohort_member_page(db, ctx.me(), id, query));
    json items = json::array();
    for (PersonId member : page.items) {
      const Person* p = snap->person(member);
      json item{{"id", id_json(member)}, {"active", p != nullptr}};
      if (p) {
        item["name"] = p->name, item["title"] = p->title, item["department"] = p->department;
        if (role == CohortRole::mentor) {
          item["capacity"] = p->mentor_capacity;
          item["live_mentees"] = snap->live_mentees_of(p->id);
        }
      }
      items.push_back(item);
    }
    return json{{"items", items}, {"next_cursor", page.next_after ? id_json(*page.next_after) : json(nullptr)}};
  });
  return respond(out, 200);
}


// PUT /cohorts/{id}/rules/{mentee_id}/{mentor_id} {"kind": "pin" | "forbid"}
http::Response put_rule(Ctx& ctx) {
  const json body = parse_object_body(ctx.req);
  const auto kind = storage::parse_pair_rule_kind(string_field(sole_field(body, "kind", "pin or forbid"), "kind"));
  if (!kind) throw_invalid("kind", "must be pin or forbid");
  const PersonId mentee = id_param(ctx.req, "mentee_id");
  const PersonId mentor = id_param(ctx.req, "mentor_id");
  const CohortId id = id_param(ctx.req, "id");
  auto out = ctx.store.write_value<json>([&](sql::Connection& db) -> Result<json> {
    MH_CHECK(services::set_pair_rule(db, id, mentee, mentor, *kind, ctx.me().id, ctx.now));
    return shown_cohort(db, ctx, id);
  });
  return respond(out, 200);
}

http::Response delete_rule(Ctx& ctx) {
  const PersonId mentee = id_param(ctx.req, "mentee_id");
  const PersonId mentor = id_param(ctx.req, "mentor_id");
  const CohortId id = id_param(ctx.req, "id");
  auto out = ctx.store.write_value<json>([&](sql::Connection& db) -> Result<json> {
    MH_CHECK(services::remove_pair_rule(db, id, mentee, mentor, ctx.me().id, ctx.now));
    return shown_cohort(db, ctx, id);
  });
  return respond(out, 200);
}

http::Response start(Ctx& ctx) {
  const json body = ctx.req.body.empty() ? json::object() : parse_object_body(ctx.req);
  const services::MatchingRequest request = matching_request_from_json(body);
  const CohortId cohort = id_param(ctx.req, "id");
  auto queued = ctx.store.write_value<services::MatchingView>([&](sql::Connection& db) -> Result<services::MatchingView> {
    MH_TRY(job, services::queue_matching(db, cohort, request, ctx.me().id, ctx.now));
    return services::matching_view(db, ctx.me(), job.id, ctx.now);
  });
  if (!queued) return error_response(queued.error());
  ctx.matching.enqueue(queued->job.id);
  http::Response r = json_response(202, job_json(queued->job, queued->cohort_name));
  r.headers.emplace_back("Location", "/api/v1/matchings/" + std::to_string(queued->job.id));
  return r;
}

http::Response show_job(Ctx& ctx) {
  const storage::MatchingJobId id = id_param(ctx.req, "id");
  auto out = ctx.store.read_value<json>([&](sql::Connection& db) -> Result<json> {
    MH_TRY(m, services::matching_view(db, ctx.me(), id, ctx.now));
    return job_json(m.job, m.cohort_name);
  });
  return respond(out, 200);
}

// A page of a finished preview's rows (pairs or unmatched mentees) that `read` reads from the
// services, each with its people's names.
template <class Read, class ToJson>
http::Response preview_page(Ctx& ctx, Read read, ToJson to_json) {
  services::PreviewQuery query;
  query.limit = limit_param(ctx.req, 50, 500);
  query.after = cursor_param(ctx.req);
  const storage::MatchingJobId id = id_param(ctx.req, "id");
  auto out = ctx.store.read_value<json>([&](sql::Connection& db) -> Result<json> {
    MH_TRY(page, read(db, id, query));
    const auto snap = ctx.directory.current(db, ctx.now);
    json items = json::array();
    for (const auto& row : page.items) items.push_back(to_json(row, *snap));
    return json{{"items", items}, {"next_cursor", page.next_after ? id_json(*page.next_after) : json(nullptr)}};
  });
  return respond(out, 200);
}

http::Response pairs(Ctx& ctx) {
  auto read = [&](sql::Connection& db, storage::MatchingJobId id, const services::PreviewQuery& query) {
    return services::matching_pairs(db, ctx.me(), id, query, ctx.now);
  };
  return preview_page(ctx, read, [](const storage::JobPair& p, const services::DirectorySnapshot& snap) {
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
  auto read = [&](sql::Connection& db, storage::MatchingJobId id, const services::PreviewQuery& query) {
    return services::matching_unmatched(db, ctx.me(), id, query, reason, ctx.now);
  };
  return preview_page(ctx, read, [](const storage::JobUnmatched& u, const services::DirectorySnapshot& snap) {
    return unmatched_json(u, snap.person(u.mentee_id));
  });
}

http::Response apply(Ctx& ctx) {
  auto out = ctx.store.write_value_locking_rows<json>([&](sql::Connection& db) -> Result<json> {
    const storage::MatchingJobId id = id_param(ctx.req, "id");
    MH_TRY(applied, services::apply_matching(db, id, &ctx.me(), ctx.now, ctx.settings.lifecycle));
    MH_TRY(m, services::matching_view(db, ctx.me(), id, ctx.now));
    const auto snap = ctx.directory.current(db, ctx.now);
    json skipped = json::array();
    for (const auto& p : applied.skipped)
      skipped.push_back(pair_json(p, snap->person(p.mentee_id), snap->person(p.mentor_id)));
    return json{{"created", applied.created}, {"skipped", skipped}, {"matching", job_json(m.job, m.cohort_name)}};
  });
  return respond(out, 200);
}

// The departments of the active people, with how many seek and offer one-to-one mentoring: what
// a department filter would put in a cohort, without paging through everyone.
http::Response departments(Ctx& ctx) {
  auto out = ctx.store.read_value<json>([&](sql::Connection& db) -> Result<json> {
    MH_TRY(departments, services::cohort_departments(db, ctx.me()));
    json items = json::array();
    for (const auto& d : departments)
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
