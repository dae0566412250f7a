// Action 5: starting to conclude, each participant's debrief, the side-by-side summary
// against the purpose agreed at the start, and a follow-up relationship with a new purpose.
#include <algorithm>

#include "api/json_io.hpp"
#include "api/relationship_access.hpp"
#include "api/relationship_json.hpp"
#include "api/routes.hpp"
#include "services/conclusion.hpp"
#include "services/relationship_views.hpp"
#include "services/requests.hpp"

namespace mh::api {

namespace {

// Runs a use case on the path's relationship and answers with the debrief summary.
http::Response conclusion_write(Ctx& ctx, const std::function<Status(services::UseCase&, Relationship&)>& use_case) {
  return relationship_write(ctx, 200, [&](services::UseCase& uc, Relationship& r) -> Result<json> {
    MH_CHECK(use_case(uc, r));
    MH_TRY(v, services::debrief_view(uc.db(), ctx.me(), r));
    return debrief_summary(v, ctx.me().id);
  });
}

http::Response conclude(Ctx& ctx) {
  return conclusion_write(ctx, [&](services::UseCase& uc, Relationship& r) {
    return services::start_concluding(uc, ctx.me(), r);
  });
}

http::Response put_debrief(Ctx& ctx) {
  const Debrief d = debrief_from_json(parse_object_body(ctx.req));
  return conclusion_write(ctx, [&](services::UseCase& uc, Relationship& r) {
    return services::submit_debrief(uc, ctx.me(), r, d);
  });
}

http::Response get_debrief(Ctx& ctx) {
  const RelationshipId id = id_param(ctx.req, "id");
  auto out = ctx.store.read_value<json>([&](sql::Connection& db) -> Result<json> {
    MH_TRY(r, services::participant_relationship(db, ctx.me(), id));
    MH_TRY(v, services::debrief_view(db, ctx.me(), r));
    return debrief_summary(v, ctx.me().id);
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
  auto out = ctx.use_case_locking_rows<json>([&](services::UseCase& uc) -> Result<json> {
    MH_TRY(r, services::propose_follow_up(uc, ctx.me(), id, message, draft));
    MH_TRY(card, services::relationship_card(uc.db(), ctx.me(), r));
    return relationship_card_json(card, ctx.me().id, false);
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
