// Break-glass access over HTTP (services/break_glass.hpp): an administrator opens one
// relationship's shared content by stating a reason, reads it while the grant lasts, and every
// administrator reads (and downloads) the administrators' audit trail.
#include "api/errors.hpp"
#include "api/json_io.hpp"
#include "api/relationship_access.hpp"
#include "api/relationship_json.hpp"
#include "api/routes.hpp"
#include "common/csv.hpp"
#include "services/break_glass.hpp"
#include "storage/people_repo.hpp"

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
  reject_unknown_fields(body, {"reason"});
  if (!body.contains("reason")) throw_invalid("reason", "is required: say why the content must be opened");
  const std::string reason = string_field(body["reason"], "reason");
  auto out = ctx.store.write_value<json>([&](sql::Connection& db) -> Result<json> {
    services::UseCase uc(db, ctx.now, ctx.settings.lifecycle);
    MH_TRY(grant, services::open_break_glass(uc, ctx.me(), id, reason));
    return grant_json(grant);
  });
  return respond(out, 201);
}

http::Response content(Ctx& ctx) {
  const RelationshipId id = id_param(ctx.req, "id");
  auto out = ctx.store.read_value<json>([&](sql::Connection& db) -> Result<json> {
    MH_TRY(read, services::break_glass_relationship(db, ctx.me(), id, ctx.now));
    json j = shared_content_json(db, read.relationship, ctx.now, ctx.settings.lifecycle);
    j["break_glass"] = grant_json(read.grant);
    return j;
  });
  return respond(out, 200);
}

json audit_entry_json(sql::Connection& db, const storage::AdminAuditEntry& e) {
  std::optional<Person> actor = e.actor ? storage::find_person(db, *e.actor) : std::nullopt;
  return {{"id", id_json(e.id)},
          {"actor", e.actor ? person_ref(actor, *e.actor) : json(nullptr)},
          {"action", e.action},
          {"subject", e.subject},
          {"detail", e.detail},
          {"at", format_iso8601(e.at)}};
}

http::Response audit(Ctx& ctx) {
  const int limit = limit_param(ctx.req, 50, 200);
  const auto before = cursor_param(ctx.req);
  auto out = ctx.store.read_value<json>([&](sql::Connection& db) -> Result<json> {
    MH_TRY(found, services::read_admin_audit(db, ctx.me(), limit + 1, before));
    json next = nullptr;
    if (static_cast<int>(found.size()) > limit) {
      found.resize(static_cast<size_t>(limit));
      next = id_json(found.back().id);
    }
    json items = json::array();
    for (const auto& e : found) items.push_back(audit_entry_json(db, e));
    return json{{"items", items}, {"next_cursor", next}};
  });
  return respond(out, 200);
}

// The whole trail, oldest first, as the CSV an auditor opens in a spreadsheet.
http::Response audit_csv(Ctx& ctx) {
  return csv_download(ctx.store.read_value<std::string>([&](sql::Connection& db) -> Result<std::string> {
    std::string out;
    csv::append_row(out, {"id", "at", "actor_id", "actor_name", "action", "subject", "detail"});
    std::vector<storage::AdminAuditEntry> all;
    std::optional<std::int64_t> before;
    for (;;) {
      MH_TRY(page, services::read_admin_audit(db, ctx.me(), 1000, before));
      if (page.empty()) break;
      before = page.back().id;
      all.insert(all.end(), page.begin(), page.end());
    }
    for (auto it = all.rbegin(); it != all.rend(); ++it) {
      std::optional<Person> actor = it->actor ? storage::find_person(db, *it->actor) : std::nullopt;
      csv::append_row(out, {std::to_string(it->id), format_iso8601(it->at),
                            it->actor ? std::to_string(*it->actor) : std::string(), actor ? actor->name : std::string(),
                            it->action, it->subject, it->detail});
    }
    return out;
  }),
                      "admin-audit.csv");
}

}  // namespace

void add_break_glass_routes(Routes& routes) {
  routes.add("POST", "/api/v1/admin/relationships/{id}/break-glass", Access::admin, open_by_reason);
  routes.add("GET", "/api/v1/admin/relationships/{id}/content", Access::admin, content);
  routes.add("GET", "/api/v1/admin/audit", Access::admin, audit);
  routes.add("GET", "/api/v1/admin/audit/export.csv", Access::admin, audit_csv);
}

}  // namespace mh::api
