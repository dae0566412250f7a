// The signed-in person's notifications (only ever their own: every query is scoped to them, so
// another person's id is simply unknown), the administrator's content-free overview of
// relationships, and running the lifecycle checks now.

#include "api/json_io.hpp"
#include "api/relationship_access.hpp"
#include "api/relationship_json.hpp"
#include "api/routes.hpp"
#include "jobs/lifecycle_pass.hpp"
#include "services/admin_audit.hpp"
#include "services/inbox.hpp"
#include "services/relationship_overview.hpp"

namespace mh::api {

namespace {

http::Response list_notifications(Ctx& ctx) {
  const int limit = limit_param(ctx.req, 50, 100);
  const auto before = cursor_param(ctx.req);
  bool unread_only = false;
  if (const std::string* v = ctx.req.query_param("unread")) {
    if (*v != "true" && *v != "false") throw_invalid("unread", "must be true or false");
    unread_only = *v == "true";
  }
  auto out = ctx.store.read_value<json>([&](sql::Connection& db) -> Result<json> {
    const services::InboxPage page = services::inbox_page(db, ctx.me(), unread_only, limit, before);
    json items = json::array();
    for (const auto& n : page.items) items.push_back(notification_json(n));
    return json{{"items", items},
                {"next_cursor", page.next_cursor ? id_json(*page.next_cursor) : json(nullptr)},
                {"unread", page.unread}};
  });
  if (!out) return error_response(out.error());
  return json_response(200, *out);
}

http::Response read_notification(Ctx& ctx) {
  const std::int64_t id = id_param(ctx.req, "id");
  auto done = ctx.store.write([&](sql::Connection& db) { return services::mark_read(db, ctx.me(), id, ctx.now); });
  if (!done) return error_response(done.error());
  return no_content();
}

http::Response dismiss_notification(Ctx& ctx) {
  const std::int64_t id = id_param(ctx.req, "id");
  auto done = ctx.store.write([&](sql::Connection& db) { return services::dismiss(db, ctx.me(), id, ctx.now); });
  if (!done) return error_response(done.error());
  return no_content();
}

http::Response read_all_notifications(Ctx& ctx) {
  auto marked = ctx.store.write_value<int>(
      [&](sql::Connection& db) -> Result<int> { return services::mark_all_read(db, ctx.me(), ctx.now); });
  if (!marked) return error_response(marked.error());
  return json_response(200, {{"marked", *marked}});
}

// States, dates and counts only: an administrator watches health, never content.
http::Response admin_overview(Ctx& ctx) {
  services::OverviewFilter filter;
  if (const std::string* s = ctx.req.query_param("state")) {
    filter.state = parse_rel_state(*s);
    if (!filter.state) throw_invalid("state", "is not a relationship state");
  }
  if (const std::string* v = ctx.req.query_param("program_id")) filter.program = id_from_json(json(*v), "program_id");
  auto out = ctx.store.read_value<json>([&](sql::Connection& db) -> Result<json> {
    MH_TRY(overview, services::relationship_overview(db, ctx.me(), filter, ctx.now, ctx.settings.lifecycle));
    json counts = json::object();
    for (const auto& [state, n] : overview.counts) counts[to_string(state)] = n;
    json items = json::array();
    for (const services::OverviewRow& row : overview.items) {
      const Relationship& r = row.relationship;
      const storage::RelationshipMetadata& m = row.facts;
      items.push_back({{"id", id_json(r.id)},
                       {"state", to_string(r.state)},
                       {"mentee_id", id_json(r.mentee_id)},
                       {"mentor_id", id_json(r.mentor_id)},
                       {"requested_at", format_iso8601(r.requested_at)},
                       {"activated_at", opt_time_json(r.activated_at)},
                       {"concluded_at", opt_time_json(r.concluded_at)},
                       {"updated_at", format_iso8601(r.updated_at)},
                       {"purpose_agreed", m.purpose_agreed},
                       {"not_started", row.not_started},
                       {"tasks", m.tasks},
                       {"tasks_done", m.tasks_done},
                       {"meetings_held", m.meetings_held},
                       {"program_id", id_json(m.program_id)},
                       {"program", m.program}});
    }
    return json{{"counts", counts}, {"not_started", overview.not_started}, {"items", items}};
  });
  if (!out) return error_response(out.error());
  return json_response(200, *out);
}

http::Response tick(Ctx& ctx) {
  // Waits for another server's pass if one is running, then runs its own (finding what is left).
  auto pass = jobs::run_lifecycle_pass(ctx.store, ctx.now, ctx.settings.lifecycle, jobs::IfRunningElsewhere::wait);
  if (!pass) return error_response(pass.error());
  const jobs::TickReport* report = &**pass;
  // The pass runs in transactions of its own (as the scheduler's does); its entry follows it.
  auto logged = ctx.store.write([&](sql::Connection& db) -> Status {
    services::record_admin_action(db, ctx.now, ctx.me().id, services::admin_action::kLifecycleRun, "program",
                                  std::to_string(report->expired) + " expired, " + std::to_string(report->faded) +
                                      " faded, " + std::to_string(report->revived) + " revived, " +
                                      std::to_string(report->reminded) + " reminded");
    return {};
  });
  if (!logged) return error_response(logged.error());
  return json_response(200, {{"expired", report->expired},
                             {"faded", report->faded},
                             {"revived", report->revived},
                             {"reminded", report->reminded},
                             {"notified", report->notified}});
}

}  // namespace

void add_notification_routes(Routes& routes) {
  routes.add("GET", "/api/v1/me/notifications", Access::person, list_notifications);
  routes.add("POST", "/api/v1/me/notifications/read-all", Access::person, read_all_notifications);
  routes.add("POST", "/api/v1/me/notifications/{id}/read", Access::person, read_notification);
  routes.add("POST", "/api/v1/me/notifications/{id}/dismiss", Access::person, dismiss_notification);
  routes.add("GET", "/api/v1/admin/relationships", Access::admin, admin_overview);
  routes.add("POST", "/api/v1/admin/tick", Access::admin, tick);
}

}  // namespace mh::api
