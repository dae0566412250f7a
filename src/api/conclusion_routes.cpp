// Action 5: starting to conclude, each participant's debrief, the side-by-side summary
// against the purpose agreed at the start, and a follow-up relationship with a new purpose.
#include <algorithm>

#include "api/json_io.hpp"
#include "api/relationship_access.hpp"
#include "api/relationship_json.hpp"
#include "api/routes.hpp"
#include "storage/people_repo.hpp"
#include "storage/workspace_repo.hpp"

namespace mh::api {

namespace {

// Before both have submitted, each sees only their own debrief, so neither is swayed.
json debrief_summary(sql::Connection& db, const Relationship& r, PersonId viewer) {
  const auto debriefs = storage::debriefs_of(db, r.id);
  const bool both = r.state == RelState::concluded;
  json items = json::array();
  for (const auto& d : debriefs)
    if (both || d.author_id == viewer) items.push_back(debrief_json(d));
  const std::string first = storage::first_agreed_purpose(db, r.id);
  json agreed = first.empty() ? json(nullptr) : json::parse(first, nullptr, false);
  const bool mine = std::any_of(debriefs.begin(), debriefs.end(), [&](const Debrief& d) { return d.author_id == viewer; });
  const bool theirs = std::any_of(debriefs.begin(), debriefs.end(), [&](const Debrief& d) { return d.author_id != viewer; });
  return {{"relationship_id", id_json(r.id)},
          {"state", to_string(r.state)},
          {"purpose_agreed_at_start", agreed},
          {"purpose", purpose_json(storage::load_purpose(db, r.id), *r.role_of(viewer))},
          {"submitted_by_me", mine},
          {"submitted_by_other", theirs},
          {"debriefs", items}};
}

http::Response conclude(Ctx& ctx) {
  const RelationshipId id = id_param(ctx.req, "id");
  auto out = ctx.store.write_value<json>([&](sql::Connection& db) -> Result<json> {
    MH_TRY(r, participant_relationship(db, ctx, id));
    MH_CHECK(check_can_start_concluding(r.state));
    MH_CHECK(storage::change_state(db, r, RelState::concluding, ctx.me().id, ctx.now));
    nudge(db, r.other_than(ctx.me().id), r.id, "concluding",
          ctx.me().name + " started concluding your mentoring. Write your debrief: what was achieved, what still "
                          "needs doing, and what you would do differently next time.",
          ctx.now);
    return debrief_summary(db, r, ctx.me().id);
  });
  if (!out) return error_response(out.error());
  return json_response(200, *out);
}

http::Response put_debrief(Ctx& ctx) {
  const RelationshipId id = id_param(ctx.req, "id");
  Debrief d = debrief_from_json(parse_object_body(ctx.req));
  d.author_id = ctx.me().id;
  d.submitted_at = ctx.now;
  auto out = ctx.store.write_value<json>([&](sql::Connection& db) -> Result<json> {
    MH_TRY(r, participant_relationship(db, ctx, id));
    MH_CHECK(validate_debrief(d, storage::load_purpose(db, r.id), r.state));
    storage::save_debrief(db, r.id, d);
    const auto all = storage::debriefs_of(db, r.id);
    const bool both = std::any_of(all.begin(), all.end(), [&](const Debrief& x) { return x.author_id == r.mentee_id; }) &&
                      std::any_of(all.begin(), all.end(), [&](const Debrief& x) { return x.author_id == r.mentor_id; });
    if (both) {
      MH_CHECK(storage::change_state(db, r, RelState::concluded, std::nullopt, ctx.now, "both debriefs submitted"));
      for (PersonId p : {r.mentee_id, r.mentor_id})
        nudge(db, p, r.id, "concluded", "Your mentoring is concluded: read both debriefs side by side.", ctx.now);
    } else {
      nudge(db, r.other_than(ctx.me().id), r.id, "debrief_waiting",
            ctx.me().name + " submitted their debrief; yours concludes the relationship.", ctx.now);
    }
    return debrief_summary(db, r, ctx.me().id);
  });
  if (!out) return error_response(out.error());
  return json_response(200, *out);
}

http::Response get_debrief(Ctx& ctx) {
  const RelationshipId id = id_param(ctx.req, "id");
  auto out = ctx.store.read_value<json>([&](sql::Connection& db) -> Result<json> {
    MH_TRY(r, participant_relationship(db, ctx, id));
    return debrief_summary(db, r, ctx.me().id);
  });
  if (!out) return error_response(out.error());
  return json_response(200, *out);
}

http::Response follow_up(Ctx& ctx) {
  const RelationshipId id = id_param(ctx.req, "id");
  const json body = parse_object_body(ctx.req);
  reject_unknown_fields(body, {"message", "draft_purpose"});
  const std::string message = body.contains("message") ? string_field(body["message"], "message") : "";
  std::optional<std::string> draft;
  if (body.contains("draft_purpose")) draft = string_field(body["draft_purpose"], "draft_purpose");
  auto out = ctx.store.write_value<json>([&](sql::Connection& db) -> Result<json> {
    MH_TRY(old, participant_relationship(db, ctx, id));
    if (old.state != RelState::concluded)
      return conflict(std::string("the relationship is ") + to_string(old.state) +
                          "; a follow-up is proposed after concluding",
                      "state");
    auto mentee = storage::find_person(db, old.mentee_id);
    auto mentor = storage::find_person(db, old.mentor_id);
    PairFacts facts{mentee ? &*mentee : nullptr, mentor ? &*mentor : nullptr};
    if (mentee && mentor) {
      facts.live_relationship_between_them = storage::pair_is_engaged(db, mentee->id, mentor->id);
      facts.mentor_live_relationships = storage::live_mentees_of(db, mentor->id);
      facts.mentee_open_requests = storage::open_requests_sent_by(db, mentee->id);
    }
    MH_CHECK(check_can_request(facts, ctx.me().id, ctx.settings.lifecycle));
    const std::string prefill = draft ? *draft : follow_up_purpose(storage::debriefs_of(db, old.id));
    MH_TRY(r, new_request(ctx.me().id, old.mentee_id, old.mentor_id, message, prefill, ctx.now, ctx.settings.lifecycle));
    r.id = storage::insert_relationship(db, r);
    storage::insert_state_change(db, {r.id, ctx.me().id, RelState::requested, RelState::requested, ctx.now,
                                      "follow-up of relationship " + std::to_string(old.id)});
    nudge(db, r.recipient(), r.id, "request_received",
          ctx.me().name + " proposes a new mentoring relationship with a new purpose.", ctx.now);
    return relationship_json(r, ctx.me().id, mentee ? &*mentee : nullptr, mentor ? &*mentor : nullptr);
  });
  if (!out) return error_response(out.error());
  auto resp = json_response(201, *out);
  resp.set_header("Location", "/api/v1/relationships/" + (*out)["id"].get<std::string>());
  return resp;
}

}  // namespace

void add_conclusion_routes(Routes& routes) {
  routes.add("POST", "/api/v1/relationships/{id}/conclude", Access::person, conclude);
  routes.add("PUT", "/api/v1/relationships/{id}/debrief", Access::person, put_debrief);
  routes.add("GET", "/api/v1/relationships/{id}/debrief", Access::person, get_debrief);
  routes.add("POST", "/api/v1/relationships/{id}/follow-up", Access::person, follow_up);
}

}  // namespace mh::api
