// Requests and offers, their answers, and the relationship's states and audit trail.
#include <algorithm>

#include "api/json_io.hpp"
#include "api/relationship_access.hpp"
#include "api/relationship_json.hpp"
#include "api/routes.hpp"
#include "services/relationship_views.hpp"
#include "services/requests.hpp"

namespace mh::api {

namespace {

// Runs one use case that answers with the relationship, and renders it for the caller.
http::Response relationship_use_case(Ctx& ctx, int status,
                                     const std::function<Result<Relationship>(services::UseCase&)>& use_case) {
  // Each of these use cases locks the rows its rules read (the relationship it answers, the
  // people whose requests and places it counts), so it runs at READ COMMITTED.
  auto out = ctx.use_case_locking_rows<json>([&](services::UseCase& uc) -> Result<json> {
    MH_TRY(r, use_case(uc));
    MH_TRY(card, services::relationship_card(uc.db(), ctx.me(), r));
    return relationship_card_json(card, ctx.me().id, true);
  });
  if (!out) return error_response(out.error());
  return json_response(status, *out);
}

http::Response create(Ctx& ctx) {
  const json body = parse_object_body(ctx.req);
  reject_unknown_fields(body, {"mentor_id", "mentee_id", "format", "message", "draft_purpose"});
  const bool has_mentor = body.contains("mentor_id"), has_mentee = body.contains("mentee_id");
  if (has_mentor == has_mentee)
    throw_invalid("mentor_id", "give mentor_id to request a mentor, or mentee_id to offer to mentor someone");
  if (body.contains("format") && string_field(body["format"], "format") != "one_to_one")
    throw_invalid("format", "must be one_to_one here; circles and flash sessions have their own pages");
  const PersonId me = ctx.me().id;
  const PersonId other = id_from_json(has_mentor ? body["mentor_id"] : body["mentee_id"], has_mentor ? "mentor_id" : "mentee_id");
  services::RequestInput in;
  in.by_mentee = has_mentor;
  in.mentee = has_mentor ? me : other;
  in.mentor = has_mentor ? other : me;
  in.message = body.contains("message") ? string_field(body["message"], "message") : "";
  in.draft_purpose = body.contains("draft_purpose") ? string_field(body["draft_purpose"], "draft_purpose") : "";
  RelationshipId created = 0;
  auto resp = relationship_use_case(ctx, 201, [&](services::UseCase& uc) {
    auto r = services::send_request(uc, ctx.me(), in);
    if (r) created = r->id;
    return r;
  });
  if (resp.status == 201) resp.set_header("Location", "/api/v1/relationships/" + std::to_string(created));
  return resp;
}

http::Response list(Ctx& ctx) {
  std::optional<RelState> state;
  if (const std::string* s = ctx.req.query_param("state")) {
    state = parse_rel_state(*s);
    if (!state) throw_invalid("state", "is not a relationship state");
  }
  std::optional<Role> role;
  if (const std::string* s = ctx.req.query_param("role")) {
    if (*s != "mentee" && *s != "mentor") throw_invalid("role", "must be mentee or mentor");
    role = *s == "mentee" ? Role::mentee : Role::mentor;
  }
  const int limit = limit_param(ctx.req, 50, 100);
  const auto cursor = cursor_param(ctx.req);
  auto page = ctx.store.read_value<std::string>([&](sql::Connection& db) -> Result<std::string> {
    const auto mine = services::my_relationships(db, ctx.me(), state, role, cursor, limit);
    JsonWriter w;
    w.begin_object().key("items").begin_array();
    for (const Relationship& r : mine.relationships)
      write_relationship(w, r, ctx.me().id, mine.person(r.mentee_id), mine.person(r.mentor_id));
    w.end_array().key("next_cursor");
    if (mine.next) w.string(std::to_string(*mine.next));
    else w.null();
    w.end_object();
    return w.take();
  });
  if (!page) return error_response(page.error());
  return json_text_response(200, std::move(*page));
}

http::Response events(Ctx& ctx) {
  const RelationshipId id = id_param(ctx.req, "id");
  auto out = ctx.store.read_value<json>([&](sql::Connection& db) -> Result<json> {
    MH_TRY(changes, services::state_changes(db, ctx.me(), id));
    json items = json::array();
    for (const auto& c : changes) items.push_back(state_change_json(c));
    return json{{"items", items}};
  });
  if (!out) return error_response(out.error());
  return json_response(200, *out);
}

http::Response accept(Ctx& ctx) {
  const RelationshipId id = id_param(ctx.req, "id");
  return relationship_use_case(ctx, 200, [&](services::UseCase& uc) { return services::accept_request(uc, ctx.me(), id); });
}

http::Response decline(Ctx& ctx) {
  const RelationshipId id = id_param(ctx.req, "id");
  const json body = parse_object_body(ctx.req);
  const std::string reason = string_field(sole_field(body, "reason", "tell the requester why, kindly"), "reason");
  return relationship_use_case(ctx, 200,
                               [&](services::UseCase& uc) { return services::decline_request(uc, ctx.me(), id, reason); });
}

http::Response withdraw(Ctx& ctx) {
  const RelationshipId id = id_param(ctx.req, "id");
  return relationship_use_case(ctx, 200, [&](services::UseCase& uc) { return services::withdraw_request(uc, ctx.me(), id); });
}

// A required text field, as given (the use case judges its content).
std::string required_string(const json& body, const char* field) {
  if (!body.contains(field)) throw_invalid(field, "is required");
  return string_field(body[field], field);
}

http::Response ask(Ctx& ctx) {
  const RelationshipId id = id_param(ctx.req, "id");
  const json body = parse_object_body(ctx.req);
  reject_unknown_fields(body, {"question"});
  const std::string question = required_string(body, "question");
  return relationship_use_case(ctx, 201,
                               [&](services::UseCase& uc) { return services::ask_question(uc, ctx.me(), id, question); });
}

http::Response answer(Ctx& ctx) {
  const RelationshipId id = id_param(ctx.req, "id");
  const std::int64_t qid = id_param(ctx.req, "question_id");
  const json body = parse_object_body(ctx.req);
  reject_unknown_fields(body, {"answer"});
  const std::string text = required_string(body, "answer");
  return relationship_use_case(
      ctx, 200, [&](services::UseCase& uc) { return services::answer_question(uc, ctx.me(), id, qid, text); });
}

}  // namespace

void add_relationship_routes(Routes& routes) {
  routes.add("POST", "/api/v1/relationships", Access::person, create);
  routes.add("GET", "/api/v1/relationships", Access::person, list);
  routes.add("GET", "/api/v1/relationships/{id}/events", Access::person, events);
  routes.add("POST", "/api/v1/relationships/{id}/accept", Access::person, accept);
  routes.add("POST", "/api/v1/relationships/{id}/decline", Access::person, decline);
  routes.add("POST", "/api/v1/relationships/{id}/withdraw", Access::person, withdraw);
  routes.add("POST", "/api/v1/relationships/{id}/questions", Access::person, ask);
  routes.add("POST", "/api/v1/relationships/{id}/questions/{question_id}/answer", Access::person, answer);
}

}  // namespace mh::api
