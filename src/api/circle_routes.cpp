// Mentoring circles over HTTP: each handler reads its request, runs one use case of
// services/circles.hpp in one store transaction (so two people joining for the last place have
// one winner and the other is waitlisted), and answers with the view of circle_json.hpp.
// Administrators get counts and states only (admin_overview).
#include <algorithm>
#include <functional>

#include "api/circle_json.hpp"
#include "api/errors.hpp"
#include "api/json_io.hpp"
#include "api/relationship_json.hpp"
#include "api/routes.hpp"
#include "services/circle_listing.hpp"
#include "services/circle_views.hpp"
#include "services/circles.hpp"

namespace mh::api {

namespace {

using services::CircleView;
using services::UseCase;

// ---------------------------------------------------------------------------------------------
// Reading requests

std::string required_text(const json& body, const char* field, size_t max) {
  if (!body.contains(field)) throw_invalid(field, "is required");
  return text_field(body, field, max);
}

// The circle's settings present in `body`; size_limit is range-checked by the domain.
services::CircleSettings circle_settings(const json& body) {
  services::CircleSettings s;
  if (body.contains("topic")) s.topic = string_field(body["topic"], "topic");
  if (body.contains("description")) s.description = string_field(body["description"], "description");
  if (body.contains("size_limit")) s.size_limit = int_in_range(body["size_limit"], "size_limit", 0, 1000000);
  if (body.contains("cadence_days")) s.cadence_days = int_in_range(body["cadence_days"], "cadence_days", 0, 1000000);
  if (body.contains("medium")) s.medium = medium_from_json(body["medium"]);
  if (body.contains("membership")) {
    auto m = parse_membership(string_field(body["membership"], "membership"));
    if (!m) throw_invalid("membership", "must be open or by_request");
    s.membership = *m;
  }
  return s;
}

std::optional<bool> bool_query(const Ctx& ctx, const char* name) {
  const std::string* v = ctx.req.query_param(name);
  if (!v) return std::nullopt;
  if (*v != "true" && *v != "false") throw_invalid(name, "must be true or false");
  return *v == "true";
}

// ---------------------------------------------------------------------------------------------
// Reading what a view shows, then rendering it

Result<json> workspace_of(sql::Connection& db, const CircleView& v, const Person& me, TimePoint now) {
  MH_TRY(content, services::circle_content(db, me, v));
  return workspace_json(v, content, me.id, now);
}

json card_of(sql::Connection& db, const CircleView& v, PersonId me) {
  return card_json(v.circle, v.roster, services::card_people(db, v.circle), me);
}

Result<json> session_of(sql::Connection& db, const CircleView& v, const CircleSession& s, PersonId me) {
  MH_TRY(session, services::circle_session_view(db, v, s));
  return session_detail(v, session, me);
}

Result<json> debriefs_of(sql::Connection& db, const CircleView& v, const Person& me) {
  MH_TRY(debriefs, services::circle_debriefs(db, me, v));
  return debrief_summary(v, debriefs);
}

json action_item_of(sql::Connection& db, const ActionItem& item, TimePoint now) {
  return action_item_json(item, services::action_item_owners(db, {item}), now);
}

// ---------------------------------------------------------------------------------------------
// Running a use case on the path's circle

using Step = std::function<Result<json>(UseCase&, CircleView&)>;

// In one write transaction: loads the path's circle `{id}` as the caller stands in it, runs
// `step` and answers `status` with what it rendered, or the error.
http::Response circle_write(Ctx& ctx, int status, const Step& step) {
  const CircleId id = id_param(ctx.req, "id");
  auto out = ctx.use_case<json>([&](services::UseCase& uc) -> Result<json> {
    MH_TRY(v, services::circle_for(uc.db(), ctx.me(), id));
    return step(uc, v);
  });
  return respond(out, status);
}

// A use case whose answer is the circle's workspace.
http::Response workspace_write(Ctx& ctx, const std::function<Status(UseCase&, CircleView&)>& use_case) {
  return circle_write(ctx, 200, [&](UseCase& uc, CircleView& v) -> Result<json> {
    MH_CHECK(use_case(uc, v));
    return workspace_of(uc.db(), v, ctx.me(), ctx.now);
  });
}

// A use case whose answer is the circle's card, as the caller now stands in it.
http::Response card_write(Ctx& ctx, const std::function<Status(UseCase&, CircleView&)>& use_case) {
  return circle_write(ctx, 200, [&](UseCase& uc, CircleView& v) -> Result<json> {
    MH_CHECK(use_case(uc, v));
    return card_of(uc.db(), v, ctx.me().id);
  });
}

// A use case whose answer is the debriefs as the caller may see them.
http::Response debrief_write(Ctx& ctx, const std::function<Status(UseCase&, CircleView&)>& use_case) {
  return circle_write(ctx, 200, [&](UseCase& uc, CircleView& v) -> Result<json> {
    MH_CHECK(use_case(uc, v));
    return debriefs_of(uc.db(), v, ctx.me());
  });
}

// A use case on one session whose answer is the session as the caller sees it.
http::Response session_write(Ctx& ctx, int status,
                             const std::function<Result<CircleSession>(UseCase&, CircleView&, CircleSessionId)>& use_case) {
  const CircleSessionId session_id = id_param(ctx.req, "session_id");
  return circle_write(ctx, status, [&](UseCase& uc, CircleView& v) -> Result<json> {
    MH_TRY(s, use_case(uc, v, session_id));
    return session_of(uc.db(), v, s, ctx.me().id);
  });
}

// A read of the path's circle content (host and members only).
http::Response content_read(Ctx& ctx, const std::function<Result<json>(UseCase&, CircleView&)>& render) {
  const CircleId id = id_param(ctx.req, "id");
  auto out = ctx.store.read_value<json>([&](sql::Connection& db) -> Result<json> {
    UseCase uc(db, ctx.now, ctx.settings.lifecycle);
    MH_TRY(v, services::circle_content_for(db, ctx.me(), id));
    return render(uc, v);
  });
  return respond(out, 200);
}

// ---------------------------------------------------------------------------------------------
// The circle and its members

http::Response create_circle(Ctx& ctx) {
  const json body = parse_object_body(ctx.req);
  reject_unknown_fields(body, {"host_id", "topic", "description", "size_limit", "cadence_days", "medium", "membership"});
  const PersonId host_id = body.contains("host_id") ? id_from_json(body["host_id"], "host_id") : ctx.me().id;
  const services::CircleSettings settings = circle_settings(body);
  auto out = ctx.use_case<json>([&](services::UseCase& uc) -> Result<json> {
    MH_TRY(c, services::create_circle(uc, ctx.me(), ctx.is_admin(), host_id, settings));
    return card_json(c, {}, services::card_people(uc.db(), c), ctx.me().id);
  });
  if (!out) return error_response(out.error());
  auto resp = json_response(201, *out);
  resp.set_header("Location", "/api/v1/circles/" + (*out)["id"].get<std::string>());
  return resp;
}

http::Response list_circles(Ctx& ctx) {
  services::CircleListing listing;
  if (const std::string* s = ctx.req.query_param("state")) {
    listing.state = parse_circle_state(*s);
    if (!listing.state) throw_invalid("state", "must be active, concluding or concluded");
  }
  listing.accepting = bool_query(ctx, "open");
  listing.mine = bool_query(ctx, "mine").value_or(false);
  listing.limit = limit_param(ctx.req, 50, 100);
  listing.after = cursor_param(ctx.req);
  auto out = ctx.store.read_value<json>([&](sql::Connection& db) -> Result<json> {
    const services::CirclePage page = services::circle_page(db, ctx.me(), listing);
    json items = json::array();
    for (const auto& v : page.items) items.push_back(card_json(v.circle, v.roster, page.people, ctx.me().id));
    return json{{"items", items}, {"next_cursor", page.next ? id_json(*page.next) : json(nullptr)}};
  });
  return respond(out, 200);
}

http::Response get_circle(Ctx& ctx) {
  const CircleId id = id_param(ctx.req, "id");
  auto out = ctx.store.read_value<json>([&](sql::Connection& db) -> Result<json> {
    MH_TRY(v, services::circle_for(db, ctx.me(), id));
    return card_of(db, v, ctx.me().id);
  });
  return respond(out, 200);
}

http::Response get_workspace(Ctx& ctx) {
  return content_read(ctx, [&](UseCase& uc, CircleView& v) -> Result<json> {
    return workspace_of(uc.db(), v, ctx.me(), ctx.now);
  });
}

http::Response patch_circle(Ctx& ctx) {
  const json body = parse_object_body(ctx.req);
  reject_unknown_fields(body, {"topic", "description", "size_limit", "cadence_days", "medium", "membership"});
  const services::CircleSettings settings = circle_settings(body);
  return workspace_write(ctx, [&](UseCase& uc, CircleView& v) {
    return services::change_circle_settings(uc, ctx.me(), v, settings);
  });
}

http::Response set_accepting(Ctx& ctx, bool accepting) {
  return workspace_write(ctx, [&](UseCase& uc, CircleView& v) {
    return services::set_accepting_members(uc, ctx.me(), v, accepting);
  });
}

http::Response close_circle(Ctx& ctx) { return set_accepting(ctx, false); }
http::Response reopen_circle(Ctx& ctx) { return set_accepting(ctx, true); }

http::Response join(Ctx& ctx) {
  const json body = optional_object_body(ctx.req);
  reject_unknown_fields(body, {"message"});
  const std::string message = body.contains("message") ? text_field(body, "message", 2000) : "";
  return card_write(ctx, [&](UseCase& uc, CircleView& v) { return services::join_circle(uc, ctx.me(), v, message); });
}

http::Response leave(Ctx& ctx) {
  return card_write(ctx, [&](UseCase& uc, CircleView& v) { return services::leave_circle(uc, ctx.me(), v); });
}

// The host's decision on the path's person (approve, remove), answered with the workspace.
http::Response member_write(Ctx& ctx, Status (*decide)(UseCase&, const Person&, CircleView&, PersonId)) {
  const PersonId person = id_param(ctx.req, "person_id");
  return workspace_write(ctx, [&](UseCase& uc, CircleView& v) { return decide(uc, ctx.me(), v, person); });
}

http::Response approve(Ctx& ctx) { return member_write(ctx, services::approve_member); }

http::Response decline(Ctx& ctx) {
  const json body = parse_object_body(ctx.req);
  reject_unknown_fields(body, {"reason"});
  const std::string reason = required_text(body, "reason", 2000);
  const PersonId person = id_param(ctx.req, "person_id");
  return workspace_write(ctx, [&](UseCase& uc, CircleView& v) {
    return services::decline_member(uc, ctx.me(), v, person, reason);
  });
}

http::Response remove_person(Ctx& ctx) { return member_write(ctx, services::remove_member); }

// ---------------------------------------------------------------------------------------------
// The purpose, sessions, stories and action items

http::Response put_purpose(Ctx& ctx) {
  const json body = parse_object_body(ctx.req);
  reject_unknown_fields(body, {"objectives", "desired_outcome"});
  if (!body.contains("objectives")) throw_invalid("objectives", "is required");
  auto objectives = objectives_from_json(body["objectives"]);
  std::string outcome = body.contains("desired_outcome") ? string_field(body["desired_outcome"], "desired_outcome") : "";
  return workspace_write(ctx, [&](UseCase& uc, CircleView& v) {
    return services::draft_circle_purpose(uc, ctx.me(), v, std::move(objectives), std::move(outcome));
  });
}

http::Response agree(Ctx& ctx) {
  const json body = parse_object_body(ctx.req);
  const int version = int_in_range(sole_field(body, "version", "the version of the purpose you read"), "version", 1, 1000000);
  return workspace_write(ctx, [&](UseCase& uc, CircleView& v) {
    return services::agree_to_circle_purpose(uc, ctx.me(), v, version);
  });
}

http::Response add_session(Ctx& ctx) {
  const json body = parse_object_body(ctx.req);
  reject_unknown_fields(body, {"starts_at", "duration_minutes", "medium", "where"});
  if (!body.contains("starts_at")) throw_invalid("starts_at", "is required");
  services::NewCircleSession in;
  in.starts_at = time_from_json(body["starts_at"], "starts_at", ctx.me().timezone);
  if (body.contains("duration_minutes"))
    in.duration_minutes = int_in_range(body["duration_minutes"], "duration_minutes", 5, 480);
  if (body.contains("medium")) in.medium = medium_from_json(body["medium"]);
  if (body.contains("where")) in.where = text_field(body, "where", 500);
  return circle_write(ctx, 201, [&](UseCase& uc, CircleView& v) -> Result<json> {
    MH_TRY(s, services::schedule_circle_session(uc, ctx.me(), v, in));
    return session_of(uc.db(), v, s, ctx.me().id);
  });
}

http::Response get_session(Ctx& ctx) {
  const CircleSessionId session_id = id_param(ctx.req, "session_id");
  return content_read(ctx, [&](UseCase& uc, CircleView& v) -> Result<json> {
    MH_TRY(s, services::circle_session_of(uc, v, session_id));
    return session_of(uc.db(), v, s, ctx.me().id);
  });
}

http::Response patch_session(Ctx& ctx) {
  const json body = parse_object_body(ctx.req);
  reject_unknown_fields(body, {"status", "notes", "starts_at", "duration_minutes", "medium", "where"});
  services::CircleSessionChanges c;
  if (body.contains("status")) {
    c.status = parse_meeting_status(string_field(body["status"], "status"));
    if (!c.status || *c.status == MeetingStatus::no_show) throw_invalid("status", "must be scheduled, held or cancelled");
  }
  if (body.contains("starts_at")) c.starts_at = time_from_json(body["starts_at"], "starts_at", ctx.me().timezone);
  if (body.contains("duration_minutes"))
    c.duration_minutes = int_in_range(body["duration_minutes"], "duration_minutes", 5, 480);
  if (body.contains("medium")) c.medium = medium_from_json(body["medium"]);
  if (body.contains("where")) c.where = text_field(body, "where", 500);
  if (body.contains("notes")) c.notes = text_field(body, "notes", 20000);
  return session_write(ctx, 200, [&](UseCase& uc, CircleView& v, CircleSessionId id) {
    return services::change_circle_session(uc, ctx.me(), v, id, c);
  });
}

http::Response put_attendance(Ctx& ctx) {
  const json body = parse_object_body(ctx.req);
  reject_unknown_fields(body, {"attendance"});
  if (!body.contains("attendance") || !body["attendance"].is_array() || body["attendance"].empty())
    throw_invalid("attendance", "must be a list of {person_id, status}");
  std::vector<std::pair<PersonId, Attendance>> entries;
  for (size_t i = 0; i < body["attendance"].size(); ++i) {
    const json& e = body["attendance"][i];
    const std::string f = "attendance[" + std::to_string(i) + "]";
    if (!e.is_object()) throw_invalid(f, "must be an object {person_id, status}");
    reject_unknown_fields(e, {"person_id", "status"}, f);
    if (!e.contains("person_id")) throw_invalid(f + ".person_id", "is required");
    if (!e.contains("status")) throw_invalid(f + ".status", "is required");
    auto a = parse_attendance(string_field(e["status"], f + ".status"));
    if (!a) throw_invalid(f + ".status", "must be present, absent or excused");
    entries.emplace_back(id_from_json(e["person_id"], f + ".person_id"), *a);
  }
  return session_write(ctx, 200, [&](UseCase& uc, CircleView& v, CircleSessionId id) {
    return services::record_attendance(uc, ctx.me(), v, id, entries);
  });
}

http::Response add_story(Ctx& ctx) {
  const Story story = story_from_json(parse_object_body(ctx.req));
  const CircleSessionId session_id = id_param(ctx.req, "session_id");
  return circle_write(ctx, 201, [&](UseCase& uc, CircleView& v) -> Result<json> {
    MH_TRY(told, services::tell_circle_story(uc, ctx.me(), v, session_id, story));
    MH_TRY(session, services::circle_session_view(uc.db(), v, told.first));
    json j = session_detail(v, session, ctx.me().id);
    j["story"] = story_with_reflections(told.second, {}, session.people, ctx.me().id);  // none yet
    return j;
  });
}

http::Response reflect(Ctx& ctx) {
  const std::string reflection = reflection_from_json(parse_object_body(ctx.req));
  const StoryId story_id = id_param(ctx.req, "story_id");
  return workspace_write(ctx, [&](UseCase& uc, CircleView& v) {
    return services::reflect_on_circle_story(uc, ctx.me(), v, story_id, reflection);
  });
}

http::Response add_action_item(Ctx& ctx) {
  const json body = parse_object_body(ctx.req);
  reject_unknown_fields(body, {"owner_id", "objective_id", "type", "title", "notes", "due"});
  if (!body.contains("title")) throw_invalid("title", "is required");
  const services::TaskChanges fields = task_fields_from_json(body);
  std::optional<PersonId> owner;
  if (body.contains("owner_id")) owner = id_from_json(body["owner_id"], "owner_id");
  return circle_write(ctx, 201, [&](UseCase& uc, CircleView& v) -> Result<json> {
    MH_TRY(item, services::add_action_item(uc, ctx.me(), v, owner, fields));
    return action_item_of(uc.db(), item, ctx.now);
  });
}

http::Response list_action_items(Ctx& ctx) {
  std::optional<PersonId> owner;
  if (const std::string* v = ctx.req.query_param("owner_id")) owner = id_from_json(json(*v), "owner_id");
  return content_read(ctx, [&](UseCase& uc, CircleView& v) -> Result<json> {
    MH_TRY(found, services::action_items_for(uc, ctx.me(), v, owner));
    const services::CirclePeople owners = services::action_item_owners(uc.db(), found);
    json items = json::array();
    for (const auto& item : found) items.push_back(action_item_json(item, owners, ctx.now));
    return json{{"items", items}};
  });
}

http::Response patch_action_item(Ctx& ctx) {
  const json body = parse_object_body(ctx.req);
  reject_unknown_fields(body, {"objective_id", "type", "title", "notes", "due", "status"});
  const services::TaskChanges changes = task_fields_from_json(body);
  const ActionItemId item_id = id_param(ctx.req, "item_id");
  return circle_write(ctx, 200, [&](UseCase& uc, CircleView& v) -> Result<json> {
    MH_TRY(item, services::change_action_item(uc, ctx.me(), v, item_id, changes));
    return action_item_of(uc.db(), item, ctx.now);
  });
}

// ---------------------------------------------------------------------------------------------
// Concluding

http::Response conclude(Ctx& ctx) {
  return debrief_write(ctx, [&](UseCase& uc, CircleView& v) {
    return services::start_circle_conclusion(uc, ctx.me(), v);
  });
}

http::Response put_debrief(Ctx& ctx) {
  Debrief d = debrief_from_json(parse_object_body(ctx.req));
  return debrief_write(ctx, [&](UseCase& uc, CircleView& v) {
    return services::submit_circle_debrief(uc, ctx.me(), v, d);
  });
}

http::Response get_debrief(Ctx& ctx) {
  return content_read(ctx, [&](UseCase& uc, CircleView& v) -> Result<json> {
    return debriefs_of(uc.db(), v, ctx.me());
  });
}

// States and counts only: an administrator watches health, never content.
http::Response admin_overview(Ctx& ctx) {
  std::optional<CircleState> state;
  if (const std::string* s = ctx.req.query_param("state")) {
    state = parse_circle_state(*s);
    if (!state) throw_invalid("state", "must be active, concluding or concluded");
  }
  auto out = ctx.store.read_value<json>([&](sql::Connection& db) -> Result<json> {
    MH_TRY(overview, services::circle_overview(db, ctx.me(), state));
    json counts = json::object();
    for (const auto& [s, n] : overview.counts) counts[to_string(s)] = n;
    json items = json::array();
    for (const auto& [c, n] : overview.items) {
      items.push_back(
          {{"id", id_json(c.id)},
           {"state", to_string(c.state)},
           {"host_id", id_json(c.host_id)},
           {"membership", to_string(c.membership)},
           {"accepting_members", c.accepting_members},
           {"size_limit", c.size_limit},
           {"members", n.members},
           {"waitlisted", n.waitlisted},
           {"requested", n.requested},
           {"left", n.left},
           {"purpose_agreed", n.purpose_agreed},
           {"sessions_held", n.sessions_held},
           {"sessions_scheduled", n.sessions_scheduled},
           {"action_items", n.action_items},
           {"action_items_done", n.action_items_done},
           {"debriefs_submitted", n.debriefs},
           {"created_at", format_iso8601(c.created_at)},
           {"concluded_at", opt_time_json(c.concluded_at)}});
    }
    return json{{"counts", counts}, {"items", items}};
  });
  return respond(out, 200);
}

}  // namespace

void add_circle_routes(Routes& routes) {
  routes.add("POST", "/api/v1/circles", Access::person, create_circle);
  routes.add("GET", "/api/v1/circles", Access::person, list_circles);
  routes.add("GET", "/api/v1/circles/{id}", Access::person, get_circle);
  routes.add("PATCH", "/api/v1/circles/{id}", Access::person, patch_circle);
  routes.add("GET", "/api/v1/circles/{id}/workspace", Access::person, get_workspace);
  routes.add("POST", "/api/v1/circles/{id}/close", Access::person, close_circle);
  routes.add("POST", "/api/v1/circles/{id}/reopen", Access::person, reopen_circle);
  routes.add("POST", "/api/v1/circles/{id}/join", Access::person, join);
  routes.add("POST", "/api/v1/circles/{id}/leave", Access::person, leave);
  routes.add("POST", "/api/v1/circles/{id}/members/{person_id}/approve", Access::person, approve);
  routes.add("POST", "/api/v1/circles/{id}/members/{person_id}/decline", Access::person, decline);
  routes.add("POST", "/api/v1/circles/{id}/members/{person_id}/remove", Access::person, remove_person);
  routes.add("PUT", "/api/v1/circles/{id}/purpose", Access::person, put_purpose);
  routes.add("POST", "/api/v1/circles/{id}/purpose/agree", Access::person, agree);
  routes.add("POST", "/api/v1/circles/{id}/sessions", Access::person, add_session);
  routes.add("GET", "/api/v1/circles/{id}/sessions/{session_id}", Access::person, get_session);
  routes.add("PATCH", "/api/v1/circles/{id}/sessions/{session_id}", Access::person, patch_session);
  routes.add("PUT", "/api/v1/circles/{id}/sessions/{session_id}/attendance", Access::person, put_attendance);
  routes.add("POST", "/api/v1/circles/{id}/sessions/{session_id}/stories", Access::person, add_story);
  routes.add("POST", "/api/v1/circles/{id}/stories/{story_id}/reflection", Access::person, reflect);
  routes.add("POST", "/api/v1/circles/{id}/action-items", Access::person, add_action_item);
  routes.add("GET", "/api/v1/circles/{id}/action-items", Access::person, list_action_items);
  routes.add("PATCH", "/api/v1/circles/{id}/action-items/{item_id}", Access::person, patch_action_item);
  routes.add("POST", "/api/v1/circles/{id}/conclude", Access::person, conclude);
  routes.add("PUT", "/api/v1/circles/{id}/debrief", Access::person, put_debrief);
  routes.add("GET", "/api/v1/circles/{id}/debrief", Access::person, get_debrief);
  routes.add("GET", "/api/v1/admin/circles", Access::admin, admin_overview);
}

}  // namespace mh::api
