// The administrators' audit trail over HTTP (services/admin_audit.hpp): every administrator
// reads it page by page and downloads it whole as CSV. Entries name their administrator; the
// command line is nobody (`actor` null).
#include <unordered_map>

#include "api/errors.hpp"
#include "api/json_io.hpp"
#include "api/relationship_json.hpp"
#include "api/routes.hpp"
#include "common/csv.hpp"
#include "services/admin_audit.hpp"
#include "storage/people_repo.hpp"

namespace mh::api {

namespace {

// The administrators of a listing, each read once however many entries they wrote.
class Actors {
 public:
  explicit Actors(sql::Connection& db) : db_(db) {}

  const std::optional<Person>& find(PersonId id) {
    auto it = known_.find(id);
    if (it == known_.end()) it = known_.emplace(id, storage::find_person(db_, id)).first;
    return it->second;
  }

 private:
  sql::Connection& db_;
  std::unordered_map<PersonId, std::optional<Person>> known_;
};

json audit_entry_json(Actors& actors, const storage::AdminAuditEntry& e) {
  return {{"id", id_json(e.id)},
          {"actor", e.actor ? person_ref(actors.find(*e.actor), *e.actor) : json(nullptr)},
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
    Actors actors(db);
    json items = json::array();
    for (const auto& e : found) items.push_back(audit_entry_json(actors, e));
    return json{{"items", items}, {"next_cursor", next}};
  });
  return respond(out, 200);
}

// The whole trail, oldest first, as the CSV an auditor opens in a spreadsheet.
http::Response audit_csv(Ctx& ctx) {
  return csv_download(ctx.store.read_value<std::string>([&](sql::Connection& db) -> Result<std::string> {
    std::vector<storage::AdminAuditEntry> all;
    std::optional<std::int64_t> before;
    for (;;) {
      MH_TRY(page, services::read_admin_audit(db, ctx.me(), 1000, before));
      if (page.empty()) break;
      before = page.back().id;
      all.insert(all.end(), page.begin(), page.end());
    }
    Actors actors(db);
    std::string out;
    csv::append_row(out, {"id", "at", "actor_id", "actor_name", "action", "subject", "detail"});
    for (auto it = all.rbegin(); it != all.rend(); ++it) {
      const std::optional<Person>* actor = it->actor ? &actors.find(*it->actor) : nullptr;
      csv::append_row(out, {std::to_string(it->id), format_iso8601(it->at),
                            it->actor ? std::to_string(*it->actor) : std::string(),
                            actor && *actor ? (*actor)->name : std::string(), it->action, it->subject, it->detail});
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
