// Break-glass access over HTTP (services/break_glass.hpp): an administrator opens one
// relationship's shared content by stating a reason and reads it while the grant lasts (the
// opening is in the administrators' audit trail: admin_audit_routes.cpp).
#include "api/errors.hpp"
#include "api/json_io.hpp"
#include "api/relationship_access.hpp"
#include "api/relationship_json.hpp"
#include "api/routes.hpp"
#include "services/break_glass.hpp"
#include "services/relationship_views.hpp"

namespace mh::api {

namespace {

json grant_json(const BreakGlassGrant& g) {
  return {{"id", id_json(g.id)},
          {"relationship_id", id_json(g.relationship_id)},
          {"reason", g.reason},
          {"opened_at", format_iso8601(g.opened_at)},
          {"expires_at", format_iso8601(g.expires_at)}};
}

http::Response open_by_reason(Ctx& ctx) {
  const RelationshipId id = id_param(ctx.req, "id");
  const json body = parse_object_body(ctx.req);
  const std::string reason = string_field(sole_field(body, "reason", "say why the content must be opened"), "reason");
  auto out = ctx.use_case<json>([&](services::UseCase& uc) -> Result<json> {
    MH_TRY(grant, services::open_break_glass(uc, ctx.me(), id, reason));
    return grant_json(grant);
  });
  return respond(out, 201);
}

http::Response content(Ctx& ctx) {
  const RelationshipId id = id_param(ctx.req, "id");
  auto out = ctx.store.read_value<json>([&](sql::Connection& db) -> Result<json> {
    MH_TRY(read, services::break_glass_relationship(db, ctx.me(), id, ctx.now));
    json j = shared_content_json(services::shared_workspace(db, read.relationship), ctx.now, ctx.settings.lifecycle);
    j["break_glass"] = grant_json(read.grant);
    return j;
  });
  return respond(out, 200);
}

}  // namespace

void add_break_glass_routes(Routes& routes) {
  routes.add("POST", "/api/v1/admin/relationships/{id}/break-glass", Access::admin, open_by_reason);
  routes.add("GET", "/api/v1/admin/relationships/{id}/content", Access::admin, content);
}

}  // namespace mh::api
