// The relationship's workspace: the five actions' content for its two participants.
// 1 purpose, 2 logistics, 3 action plan, 4 meetings, notes and stories (5, the debrief, is in
// conclusion_routes.cpp).
#include <algorithm>

#include "api/json_io.hpp"
#include "api/relationship_access.hpp"
#include "api/relationship_json.hpp"
#include "api/routes.hpp"
#include "services/relationship_views.hpp"
#include "services/workspace.hpp"

namespace mh::api {

namespace {

http::Response get_workspace(Ctx& ctx) {
  const RelationshipId id = id_param(ctx.req, "id");
  auto out = ctx.store.read_value<json>([&](sql::Connection& db) -> Result<json> {
    MH_TRY(r, services::participant_relationship(db, ctx.me(), id));
    MH_TRY(v, services::workspace_view(db, ctx.me(), r));
    return workspace_json(v, ctx.me().id, ctx.now, ctx.settings.lifecycle);
  });
  if (!out) return error_response(out.error());
  return json_response(200, *out);
}

// Runs one use case on the relationship of the path and answers with the whole workspace.
http::Response workspace_write(Ctx& ctx, int status,
                               const std::function<Status(services::UseCase&, Relationship&)>& use_case) {
  return relationship_write(ctx, status, [&](services::UseCase& uc, Relationship& r) -> Result<json> {
    MH_CHECK(use_case(uc, r));
    MH_TRY(v, services::workspace_view(uc.db(), ctx.me(), r));
    return workspace_json(v, ctx.me().id, ctx.now, ctx.settings.lifecycle);
  });
}

http::Response put_purpose(Ctx& ctx) {
  const json body = parse_object_body(ctx.req);
  reject_unknown_fields(body, {"objectives", "desired_outcome"});
  if (!body.contains("objectives")) throw_invalid("objectives", "is required");
  auto objectives = objectives_from_json(body["objectives"]);
  const std::string outcome = body.contains("desired_outcome") ? string_field(body["desired_outcome"], "desired_outcome") : "";
  return workspace_write(ctx, 200, [&](services::UseCase& uc, Relationship& r) {
    return services::draft_purpose(uc, ctx.me(), r, objectives, outcome);
  });
}

http::Response agree(Ctx& ctx) {
  const json body = parse_object_body(ctx.req);
  const int version = int_in_range(sole_field(body, "version", "the version of the purpose you read"), "version", 1, 1000000);
  return workspace_write(ctx, 200, [&](services::UseCase& uc, Relationship& r) {
    return services::agree_to_purpose(uc, ctx.me(), r, version);
  });
}

http::Response put_logistics(Ctx& ctx) {
  const json body = parse_object_body(ctx.req);
  const Logistics l = logistics_from_json(body);
  if (body.contains("cadence_days")) int_in_range(body["cadence_days"], "cadence_days", kMinCadenceDays, kMaxCadenceDays);
  return workspace_write(ctx, 200, [&](services::UseCase& uc, Relationship& r) {
    return services::set_logistics(uc, ctx.me(), r, l);
  });
}

// The task fields present in `body`.
services::TaskChanges task_changes(const json& body) {
  reject_unknown_fields(body, {"objective_id", "type", "title", "notes", "owner", "due", "status"});
  services::TaskChanges c = task_fields_from_json(body);
  if (body.contains("owner")) {
    const std::string owner = string_field(body["owner"], "owner");
    if (owner != "mentee" && owner != "mentor") throw_invalid("owner", "must be mentee or mentor");
    c.owner = owner == "mentor" ? Role::mentor : Role::mentee;
  }
  return c;
}

http::Response add_task(Ctx& ctx) {
  const json body = parse_object_body(ctx.req);
  if (body.contains("status")) throw_invalid("status", "a new task is open");
  const services::TaskChanges changes = task_changes(body);
  return workspace_write(ctx, 201, [&](services::UseCase& uc, Relationship& r) -> Status {
    MH_TRY(t, services::add_task(uc, ctx.me(), r, changes));
    return {};
  });
}

http::Response patch_task(Ctx& ctx) {
  const services::TaskChanges changes = task_changes(parse_object_body(ctx.req));
  const TaskId task_id = id_param(ctx.req, "task_id");
  return workspace_write(ctx, 200, [&](services::UseCase& uc, Relationship& r) -> Status {
    MH_TRY(t, services::change_task(uc, ctx.me(), r, task_id, changes));
    return {};
  });
}

// A meeting as its participant reads it (services::meeting_view): their private note, the stories
// told in it, the mentor's hints.
json meeting_detail(const services::MeetingView& v) {
  json j = meeting_json(v.item.meeting);
  j["video_url"] = link_or_null(v.item.video_link);
  j["my_private_note"] = v.my_private_note;
  json stories = json::array();
  for (const auto& s : v.stories) stories.push_back(story_json(s));
  j["stories"] = stories;
  j["story_hints"] = v.story_hints;
  return j;
}

// Runs a use case on a meeting of the path's relationship and answers with the meeting.
http::Response meeting_write(Ctx& ctx, int status,
                             const std::function<Result<Meeting>(services::UseCase&, Relationship&)>& use_case) {
  return relationship_write(ctx, status, [&](services::UseCase& uc, Relationship& r) -> Result<json> {
    MH_TRY(m, use_case(uc, r));
    MH_TRY(v, services::meeting_view(uc.db(), ctx.me(), r, m));
    json j = meeting_detail(v);
    j["relationship_state"] = to_string(r.state);
    return j;
  });
}

http::Response add_meeting(Ctx& ctx) {
  const json body = parse_object_body(ctx.req);
  reject_unknown_fields(body, {"starts_at", "duration_minutes", "medium", "where", "held", "shared_notes"});
  if (!body.contains("starts_at")) throw_invalid("starts_at", "is required");
  services::NewMeeting in;
  if (body.contains("held")) in.already_held = bool_field(body["held"], "held");
  if (body.contains("shared_notes")) in.shared_notes = text_field(body, "shared_notes", 20000);
  in.starts_at = time_from_json(body["starts_at"], "starts_at", ctx.me().timezone);
  if (body.contains("duration_minutes"))
    in.duration_minutes = int_in_range(body["duration_minutes"], "duration_minutes", 5, 480);
  if (body.contains("medium")) in.medium = medium_from_json(body["medium"]);
  if (body.contains("where")) in.where = text_field(body, "where", 500);
  return meeting_write(ctx, 201, [&](services::UseCase& uc, Relationship& r) {
    return services::schedule_meeting(uc, ctx.me(), r, in);
  });
}

http::Response get_meeting(Ctx& ctx) {
  const RelationshipId id = id_param(ctx.req, "id");
  const MeetingId meeting_id = id_param(ctx.req, "meeting_id");
  auto out = ctx.store.read_value<json>([&](sql::Connection& db) -> Result<json> {
    services::UseCase uc(db, ctx.now, ctx.settings.lifecycle);
    MH_TRY(r, services::participant_relationship(db, ctx.me(), id));
    MH_TRY(m, services::meeting_of(uc, r, meeting_id));
    MH_TRY(v, services::meeting_view(db, ctx.me(), r, m));
    return meeting_detail(v);
  });
  if (!out) return error_response(out.error());
  return json_response(200, *out);
}

http::Response patch_meeting(Ctx& ctx) {
  const json body = parse_object_body(ctx.req);
  reject_unknown_fields(body, {"status", "shared_notes", "starts_at", "duration_minutes", "medium", "where"});
  const MeetingId meeting_id = id_param(ctx.req, "meeting_id");
  services::MeetingChanges c;
  if (body.contains("status")) {
    c.status = parse_meeting_status(string_field(body["status"], "status"));
    if (!c.status) throw_invalid("status", "must be scheduled, held, cancelled or no_show");
  }
  if (body.contains("starts_at")) c.starts_at = time_from_json(body["starts_at"], "starts_at", ctx.me().timezone);
  if (body.contains("duration_minutes"))
    c.duration_minutes = int_in_range(body["duration_minutes"], "duration_minutes", 5, 480);
  if (body.contains("medium")) c.medium = medium_from_json(body["medium"]);
  if (body.contains("where")) c.where = text_field(body, "where", 500);
  if (body.contains("shared_notes")) c.shared_notes = text_field(body, "shared_notes", 20000);
  return meeting_write(ctx, 200, [&](services::UseCase& uc, Relationship& r) {
    return services::change_meeting(uc, ctx.me(), r, meeting_id, c);
  });
}

http::Response put_private_note(Ctx& ctx) {
  const json body = parse_object_body(ctx.req);
  reject_unknown_fields(body, {"text"});
  if (!body.contains("text")) throw_invalid("text", "is required");
  const std::string text = text_field(body, "text", 20000);
  const MeetingId meeting_id = id_param(ctx.req, "meeting_id");
  auto resp = meeting_write(ctx, 200, [&](services::UseCase& uc, Relationship& r) -> Result<Meeting> {
    MH_CHECK(services::save_private_note(uc, ctx.me(), r, meeting_id, text));
    return services::meeting_of(uc, r, meeting_id);
  });
  return resp;
}

http::Response add_story(Ctx& ctx) {
  const Story s = story_from_json(parse_object_body(ctx.req));
  const MeetingId meeting_id = id_param(ctx.req, "meeting_id");
  return relationship_write(ctx, 201, [&](services::UseCase& uc, Relationship& r) -> Result<json> {
    MH_TRY(story, services::add_story(uc, ctx.me(), r, meeting_id, s));
    MH_TRY(m, services::meeting_of(uc, r, meeting_id));
    MH_TRY(v, services::meeting_view(uc.db(), ctx.me(), r, m));
    json j = meeting_detail(v);
    j["story"] = story_json(story);
    return j;
  });
}

http::Response reflect(Ctx& ctx) {
  const std::string reflection = reflection_from_json(parse_object_body(ctx.req));
  const StoryId story_id = id_param(ctx.req, "story_id");
  return workspace_write(ctx, 200, [&](services::UseCase& uc, Relationship& r) {
    return services::reflect_on_story(uc, ctx.me(), r, story_id, reflection);
  });
}

}  // namespace

void add_workspace_routes(Routes& routes) {
  routes.add("GET", "/api/v1/relationships/{id}", Access::person, get_workspace);
  routes.add("PUT", "/api/v1/relationships/{id}/purpose", Access::person, put_purpose);
  routes.add("POST", "/api/v1/relationships/{id}/purpose/agree", Access::person, agree);
  routes.add("PUT", "/api/v1/relationships/{id}/logistics", Access::person, put_logistics);
  routes.add("POST", "/api/v1/relationships/{id}/tasks", Access::person, add_task);
  routes.add("PATCH", "/api/v1/relationships/{id}/tasks/{task_id}", Access::person, patch_task);
  routes.add("POST", "/api/v1/relationships/{id}/meetings", Access::person, add_meeting);
  routes.add("GET", "/api/v1/relationships/{id}/meetings/{meeting_id}", Access::person, get_meeting);
  routes.add("PATCH", "/api/v1/relationships/{id}/meetings/{meeting_id}", Access::person, patch_meeting);
  routes.add("PUT", "/api/v1/relationships/{id}/meetings/{meeting_id}/private-note", Access::person, put_private_note);
  routes.add("POST", "/api/v1/relationships/{id}/meetings/{meeting_id}/stories", Access::person, add_story);
  routes.add("POST", "/api/v1/relationships/{id}/stories/{story_id}/reflection", Access::person, reflect);
}

}  // namespace mh::api
