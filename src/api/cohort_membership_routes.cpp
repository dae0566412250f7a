// Who is in a cohort after it is made (services/cohort_membership.hpp): administrators add people
// and take them out; every signed-in person sees the cohorts open for sign-up and the ones they
// are in, and signs up or takes it back while a cohort is open. A person never sees who else
// signed up.
#include "api/errors.hpp"
#include "api/json_io.hpp"
#include "api/relationship_access.hpp"
#include "api/relationship_json.hpp"
#include "api/routes.hpp"
#include "services/cohort_membership.hpp"

namespace mh::api {

namespace {

using storage::CohortRole;

constexpr std::size_t kMaxListed = 200'000;

// The {role} of a path: 404 for anything else, as for an unknown resource.
CohortRole role_param(const Ctx& ctx) {
  const auto it = ctx.req.params.find("role");
  if (it != ctx.req.params.end() && it->second == "mentee") return CohortRole::mentee;
  if (it != ctx.req.params.end() && it->second == "mentor") return CohortRole::mentor;
  throw ApiError(not_found("no such role: mentee or mentor"));
}

json my_cohort_json(const services::MyCohort& c) {
  json roles = json::array();
  for (CohortRole r : c.joined_as) roles.push_back(storage::to_string(r));
  return {{"id", id_json(c.cohort.id)},
          {"name", c.cohort.name},
          {"description", c.cohort.description},
          {"program_id", id_json(c.cohort.program_id)},
          {"program_name", c.program_name},
          {"starts_on", day_json(c.cohort.starts_on)},
          {"ends_on", day_json(c.cohort.ends_on)},
          {"open", c.open},
          {"joined_as", roles}};
}

// POST /cohorts/{id}/members {"role": "mentee" | "mentor", "person_ids": [...]}
http::Response add_members(Ctx& ctx) {
  const json body = parse_object_body(ctx.req);
  reject_unknown_fields(body, {"role", "person_ids"});
  const std::string role_text = text_field(body, "role", 10);
  if (role_text != "mentee" && role_text != "mentor") throw_invalid("role", "must be mentee or mentor");
  const CohortRole role = role_text == "mentee" ? CohortRole::mentee : CohortRole::mentor;
  if (!body.contains("person_ids")) throw_invalid("person_ids", "is required: the people to add");
  const json& list = body["person_ids"];
  if (!list.is_array() || list.empty()) throw_invalid("person_ids", "must be a list of at least one person id");
  if (list.size() > kMaxListed) throw_invalid("person_ids", "at most 200000 people");
  std::vector<PersonId> people;
  for (std::size_t i = 0; i < list.size(); ++i)
    people.push_back(id_from_json(list[i], "person_ids[" + std::to_string(i) + "]"));
  const auto id = id_param(ctx.req, "id");
  auto out = ctx.store.write_value<json>([&](sql::Connection& db) -> Result<json> {
    MH_TRY(added, services::add_cohort_members(db, ctx.me(), id, role, people, ctx.now));
    return json{{"added", added.added}, {"already", added.already}, {"mentees", added.counts.mentees},
                {"mentors", added.counts.mentors}};
  });
  return respond(out, 200);
}

http::Response remove_member(Ctx& ctx) {
  const auto id = id_param(ctx.req, "id");
  const CohortRole role = role_param(ctx);
  const auto person = id_param(ctx.req, "person_id");
  auto out = ctx.store.write([&](sql::Connection& db) -> Status {
    return services::remove_cohort_member(db, ctx.me(), id, role, person, ctx.now);
  });
  if (!out) return error_response(out.error());
  return no_content();
}

http::Response mine(Ctx& ctx) {
  auto out = ctx.store.read_value<json>([&](sql::Connection& db) -> Result<json> {
    const services::MyCohorts mine = services::my_cohorts(db, ctx.me(), ctx.now);
    json items = json::array();
    for (const auto& c : mine.items) items.push_back(my_cohort_json(c));
    return json{{"can_mentor", mine.can_mentor}, {"items", items}};
  });
  return respond(out, 200);
}

http::Response join(Ctx& ctx) {
  const auto id = id_param(ctx.req, "id");
  const CohortRole role = role_param(ctx);
  auto out = ctx.store.write_value<json>([&](sql::Connection& db) -> Result<json> {
    MH_TRY(c, services::join_cohort(db, ctx.me(), id, role, ctx.now));
    return my_cohort_json(c);
  });
  return respond(out, 200);
}

http::Response leave(Ctx& ctx) {
  const auto id = id_param(ctx.req, "id");
  const CohortRole role = role_param(ctx);
  auto out = ctx.store.write(
      [&](sql::Connection& db) -> Status { return services::leave_cohort(db, ctx.me(), id, role, ctx.now); });
  if (!out) return error_response(out.error());
  return no_content();
}

}  // namespace

void add_cohort_membership_routes(Routes& routes) {
  routes.add("POST", "/api/v1/cohorts/{id}/members", Access::admin, add_members);
  routes.add("DELETE", "/api/v1/cohorts/{id}/members/{role}/{person_id}", Access::admin, remove_member);
  routes.add("GET", "/api/v1/me/cohorts", Access::person, mine);
  routes.add("PUT", "/api/v1/me/cohorts/{id}/{role}", Access::person, join);
  routes.add("DELETE", "/api/v1/me/cohorts/{id}/{role}", Access::person, leave);
}

}  // namespace mh::api
