// The administrators' audit trail over HTTP (services/admin_audit.hpp): every administrator
// reads it page by page and downloads it whole as CSV. Entries name their administrator; the
// command line is nobody (`actor` null).
#include "api/errors.hpp"
#include "api/json_io.hpp"
#include "api/relationship_json.hpp"
#include "api/routes.hpp"
#include "common/csv.hpp"
#include "services/admin_audit.hpp"

namespace mh::api {

namespace {

json audit_entry_json(const services::AdminAuditView& view, const storage::AdminAuditEntry& e) {
  return {{"id", id_json(e.id)},
          {"actor", e.actor ? person_ref(view.actor_of(e), *e.actor) : json(nullptr)},
          {"action", e.action},
          {"subject", e.subject},
          {"detail", e.detail},
          {"at", format_iso8601(e.at)}};
}

http::Response audit(Ctx& ctx) {
  const int limit = limit_param(ctx.req, 50, 200);
  const auto before = cursor_param(ctx.req);
  auto out = ctx.store.read_value<json>([&](sql::Connection& db) -> Result<json> {
    MH_TRY(page, services::admin_audit_page(db, ctx.me(), limit, before));
    json items = json::array();
    for (const auto& e : page.view.entries) items.push_back(audit_entry_json(page.view, e));
    return json{{"items", items}, {"next_cursor", page.more ? id_json(page.view.entries.back().id) : json(nullptr)}};
  });
  return respond(out, 200);
}

// The whole trail, oldest first, as the CSV an auditor opens in a spreadsheet.
http::Response audit_csv(Ctx& ctx) {
  return csv_download(ctx.store.read_value<std::string>([&](sql::Connection& db) -> Result<std::string> {
    MH_TRY(trail, services::whole_admin_audit(db, ctx.me()));
    std::string out;
    csv::append_row(out, {"id", "at", "actor_id", "actor_name", "action", "subject", "detail"});
    for (const auto& e : trail.entries) {
      const std::optional<Person>& actor = trail.actor_of(e);
      csv::append_row(out, {std::to_string(e.id), format_iso8601(e.at), e.actor ? std::to_string(*e.actor) : std::string(),
                            actor ? actor->name : std::string(), e.action, e.subject, e.detail});
    }
    return out;
  }),
                      "admin-audit.csv");
}

}  // namespace

void add_admin_audit_routes(Routes& routes) {
  routes.add("GET", "/api/v1/admin/audit", Access::admin, audit);
  routes.add("GET", "/api/v1/admin/audit/export.csv", Access::admin, audit_csv);
}

}  // namespace mh::api
