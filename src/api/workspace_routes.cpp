// The relationship's workspace: the five actions' content for its two participants.
// 1 purpose, 2 logistics, 3 action plan, 4 meetings, notes and stories (5, the debrief, is in
// conclusion_routes.cpp).
#include <algorithm>

#include "api/json_io.hpp"
#include "api/relationship_access.hpp"
#include "api/relationship_json.hpp"
#include "api/routes.hpp"
#include "storage/people_repo.hpp"
#include "storage/workspace_repo.hpp"

namespace mh::api {

namespace {

// What the pair should do next, in the article's order.
std::vector<std::string> next_steps(const Relationship& r, const Purpose& p, const std::optional<Logistics>& l,
                                    const std::vector<Task>& tasks, bool has_upcoming, PersonId viewer) {
  std::vector<std::string> steps;
  if (r.state == RelState::fading)
    steps.push_back("This relationship is fading: schedule a meeting, or start concluding it with a debrief.");
  if (!is_workable(r.state)) return steps;
  const Role role = *r.role_of(viewer);
  if (p.version == 0) steps.push_back("Define your purpose: agree on objectives and the outcome you want.");
  else if (!p.agreed_by(role)) steps.push_back("Read the purpose and agree to it, or suggest changes.");
  else if (!p.is_agreed()) steps.push_back("Waiting for the other person to agree to the purpose.");
  if (!l) steps.push_back("Decide on logistics: how often and how you will meet, and how feedback should be given.");
  if (tasks.empty()) steps.push_back("Create an action plan: tasks with dates give you something to follow up on.");
  if (!has_upcoming) steps.push_back("Schedule your next meeting.");
  return steps;
}

json workspace_json(sql::Connection& db, const Relationship& r, PersonId viewer, TimePoint now,
                    const LifecycleSettings& settings) {
  auto mentee = storage::find_person(db, r.mentee_id);
  auto mentor = storage::find_person(db, r.mentor_id);
  json j = relationship_json(r, viewer, mentee ? &*mentee : nullptr, mentor ? &*mentor : nullptr);
  const Role role = *r.role_of(viewer);
  const Purpose purpose = storage::load_purpose(db, r.id);
  const auto logistics = storage::load_logistics(db, r.id);
  const auto tasks = storage::tasks_of(db, r.id);
  const auto meetings = storage::meetings_of(db, r.id);
  const auto stories = storage::stories_of(db, r.id);
  j["purpose"] = purpose_json(purpose, role);
  j["logistics"] = logistics_json(logistics);
  json task_items = json::array();
  for (const auto& t : tasks) task_items.push_back(task_json(t, now));
  j["tasks"] = task_items;
  json progress = json::array();
  for (const auto& p : progress_by_objective(purpose, tasks, now))
    progress.push_back({{"objective_id", p.objective_id ? id_json(*p.objective_id) : json(nullptr)},
                        {"open", p.open},
                        {"done", p.done},
                        {"dropped", p.dropped},
                        {"overdue", p.overdue}});
  j["progress"] = progress;
  json meeting_items = json::array();
  bool has_upcoming = false;
  for (const auto& m : meetings) {
    json mj = meeting_json(m);
    mj["stories"] = static_cast<int>(std::count_if(stories.begin(), stories.end(), [&](const Story& s) { return s.meeting_id == m.id; }));
    meeting_items.push_back(mj);
    if (m.status == MeetingStatus::scheduled && m.starts_at > now) has_upcoming = true;
  }
  j["meetings"] = meeting_items;
  json story_items = json::array();
  for (const auto& s : stories) story_items.push_back(story_json(s));
  j["stories"] = story_items;
  json questions = json::array();
  for (const auto& q : storage::info_requests_of(db, r.id)) questions.push_back(info_request_json(q));
  j["questions"] = questions;
  j["cadence_days"] = logistics ? logistics->cadence_days : settings.default_cadence_days;
  j["next_steps"] = next_steps(r, purpose, logistics, tasks, has_upcoming, viewer);
  return j;
}

http::Response get_workspace(Ctx& ctx) {
  const RelationshipId id = id_param(ctx.req, "id");
  auto out = ctx.store.read_value<json>([&](sql::Connection& db) -> Result<json> {
    MH_TRY(r, participant_relationship(db, ctx, id));
    return workspace_json(db, r, ctx.me().id, ctx.now, ctx.settings.lifecycle);
  });
  if (!out) return error_response(out.error());
  return json_response(200, *out);
}

Status require_workable(const Relationship& r) {
  if (is_workable(r.state)) return {};
  return conflict(std::string("the relationship is ") + to_string(r.state) +
                      (r.state == RelState::concluded ? "; it is read-only now" : "; this cannot change now"),
                  "state");
}

// Runs `work` on the relationship for a participant and answers with the whole workspace.
http::Response workspace_write(Ctx& ctx, int status, const std::function<Status(sql::Connection&, Relationship&)>& work) {
  const RelationshipId id = id_param(ctx.req, "id");
  auto out = ctx.store.write_value<json>([&](sql::Connection& db) -> Result<json> {
    MH_TRY(r, participant_relationship(db, ctx, id));
    MH_CHECK(work(db, r));
    return workspace_json(db, r, ctx.me().id, ctx.now, ctx.settings.lifecycle);
  });
  if (!out) return error_response(out.error());
  return json_response(status, *out);
}

// The purpose as both agreed it, without the fields that depend on who reads it.
json purpose_snapshot(const Purpose& p) {
  json j = purpose_json(p, Role::mentee);
  j.erase("agreed_by_me");
  j.erase("agreed_by_other");
  return j;
}

http::Response put_purpose(Ctx& ctx) {
  const json body = parse_object_body(ctx.req);
  reject_unknown_fields(body, {"objectives", "desired_outcome"});
  if (!body.contains("objectives")) throw_invalid("objectives", "is required");
  auto objectives = objectives_from_json(body["objectives"]);
  const std::string outcome = body.contains("desired_outcome") ? string_field(body["desired_outcome"], "desired_outcome") : "";
  return workspace_write(ctx, 200, [&](sql::Connection& db, Relationship& r) -> Status {
    Purpose p = storage::load_purpose(db, r.id);
    for (size_t i = 0; i < objectives.size(); ++i)
      if (objectives[i].id != 0 &&
          std::none_of(p.objectives.begin(), p.objectives.end(), [&](const Objective& o) { return o.id == objectives[i].id; }))
        return invalid("objectives[" + std::to_string(i) + "].id", "is not an objective of this relationship");
    const bool was_agreed = p.is_agreed();
    MH_CHECK(redraft_purpose(p, r.state, objectives, outcome));
    storage::save_purpose(db, r.id, p);
    const PersonId other = r.other_than(ctx.me().id);
    nudge(db, other, r.id, "purpose_to_agree",
          ctx.me().name + (was_agreed ? " changed the agreed purpose; please read and agree again."
                                      : " drafted your purpose; read it and agree, or suggest changes."),
          ctx.now);
    return {};
  });
}

http::Response agree(Ctx& ctx) {
  const json body = parse_object_body(ctx.req);
  reject_unknown_fields(body, {"version"});
  if (!body.contains("version")) throw_invalid("version", "is required: the version of the purpose you read");
  const int version = int_in_range(body["version"], "version", 1, 1000000);
  return workspace_write(ctx, 200, [&](sql::Connection& db, Relationship& r) -> Status {
    Purpose p = storage::load_purpose(db, r.id);
    MH_TRY(now_agreed, agree_purpose(p, r.state, *r.role_of(ctx.me().id), version, ctx.now));
    storage::save_purpose(db, r.id, p);
    if (now_agreed) {
      storage::set_first_agreed_purpose(db, r.id, purpose_snapshot(p).dump());
      if (r.state == RelState::starting)
        MH_CHECK(storage::change_state(db, r, RelState::active, ctx.me().id, ctx.now, "purpose agreed"));
      nudge(db, r.other_than(ctx.me().id), r.id, "purpose_agreed",
            "You both agreed the purpose (version " + std::to_string(p.version) + ").", ctx.now);
    }
    return {};
  });
}

http::Response put_logistics(Ctx& ctx) {
  const json body = parse_object_body(ctx.req);
  const Logistics l = logistics_from_json(body);
  if (body.contains("cadence_days")) int_in_range(body["cadence_days"], "cadence_days", kMinCadenceDays, kMaxCadenceDays);
  return workspace_write(ctx, 200, [&](sql::Connection& db, Relationship& r) -> Status {
    MH_CHECK(require_workable(r));
    MH_CHECK(validate_logistics(l, ctx.now));
    storage::save_logistics(db, r.id, l);
    return {};
  });
}

// Reads the task fields present in `body` into `t`.
void read_task_fields(const json& body, Task& t) {
  reject_unknown_fields(body, {"objective_id", "type", "title", "notes", "owner", "due", "status"});
  if (body.contains("title")) t.title = text_field(body, "title", 300);
  if (body.contains("notes")) t.notes = text_field(body, "notes", 4000);
  if (body.contains("type")) {
    auto type = parse_task_type(string_field(body["type"], "type"));
    if (!type)
      throw_invalid("type", "must be one of networking, assessment, informational_interview, shadowing, "
                            "formal_learning, project, outside_forum, other");
    t.type = *type;
  }
  if (body.contains("owner")) {
    const std::string owner = string_field(body["owner"], "owner");
    if (owner != "mentee" && owner != "mentor") throw_invalid("owner", "must be mentee or mentor");
    t.owner = owner == "mentor" ? Role::mentor : Role::mentee;
  }
  if (body.contains("objective_id"))
    t.objective_id = body["objective_id"].is_null() ? std::nullopt
                                                    : std::optional(id_from_json(body["objective_id"], "objective_id"));
  if (body.contains("due"))
    t.due = body["due"].is_null() ? std::nullopt : std::optional(date_from_json(body["due"], "due"));
}

http::Response add_task(Ctx& ctx) {
  const json body = parse_object_body(ctx.req);
  if (body.contains("status")) throw_invalid("status", "a new task is open");
  if (!body.contains("title")) throw_invalid("title", "is required");
  Task t;
  read_task_fields(body, t);
  t.created_at = ctx.now;
  return workspace_write(ctx, 201, [&](sql::Connection& db, Relationship& r) -> Status {
    MH_CHECK(require_workable(r));
    t.relationship_id = r.id;
    MH_CHECK(validate_task(t, storage::load_purpose(db, r.id)));
    storage::insert_task(db, t);
    return {};
  });
}

http::Response patch_task(Ctx& ctx) {
  const json body = parse_object_body(ctx.req);
  const TaskId task_id = id_param(ctx.req, "task_id");
  std::optional<TaskStatus> status;
  if (body.contains("status")) {
    status = parse_task_status(string_field(body["status"], "status"));
    if (!status) throw_invalid("status", "must be open, done or dropped");
  }
  return workspace_write(ctx, 200, [&](sql::Connection& db, Relationship& r) -> Status {
    MH_CHECK(require_workable(r));
    auto t = storage::find_task(db, r.id, task_id);
    if (!t) return not_found("no such task in this relationship");
    read_task_fields(body, *t);
    if (status) MH_CHECK(set_task_status(*t, *status, ctx.now));
    MH_CHECK(validate_task(*t, storage::load_purpose(db, r.id)));
    storage::update_task(db, *t);
    return {};
  });
}

// Scheduling or holding a meeting brings a fading relationship back to life.
Status revive_if_fading(sql::Connection& db, Relationship& r, const Ctx& ctx) {
  if (r.state != RelState::fading) return {};
  const Activity a = storage::load_activity(db, r, ctx.settings.lifecycle.default_cadence_days, ctx.now);
  if (!should_revive(a, ctx.now)) return {};
  return storage::change_state(db, r, RelState::active, ctx.me().id, ctx.now, "a meeting is planned again");
}

json meeting_detail(sql::Connection& db, const Meeting& m, const Relationship& r, PersonId viewer) {
  json j = meeting_json(m);
  j["my_private_note"] = storage::private_note(db, m.id, viewer);
  json stories = json::array();
  std::vector<Story> all = storage::stories_of(db, r.id);
  for (const auto& s : all)
    if (s.meeting_id == m.id) stories.push_back(story_json(s));
  j["stories"] = stories;
  j["story_hints"] = r.role_of(viewer) == Role::mentor ? json(story_hints(m.id, all)) : json::array();
  return j;
}

http::Response add_meeting(Ctx& ctx) {
  const json body = parse_object_body(ctx.req);
  reject_unknown_fields(body, {"starts_at", "duration_minutes", "medium", "where"});
  if (!body.contains("starts_at")) throw_invalid("starts_at", "is required");
  Meeting m;
  m.starts_at = time_from_json(body["starts_at"], "starts_at");
  if (body.contains("duration_minutes")) m.duration_minutes = int_in_range(body["duration_minutes"], "duration_minutes", 5, 480);
  const bool medium_given = body.contains("medium");
  if (medium_given) {
    auto medium = parse_medium(string_field(body["medium"], "medium"));
    if (!medium) throw_invalid("medium", "must be one of video, in_person, phone, chat");
    m.medium = *medium;
  }
  if (body.contains("where")) m.where = text_field(body, "where", 500);
  m.created_at = ctx.now;
  const RelationshipId id = id_param(ctx.req, "id");
  auto out = ctx.store.write_value<json>([&](sql::Connection& db) -> Result<json> {
    MH_TRY(r, participant_relationship(db, ctx, id));
    m.relationship_id = r.id;
    // The logistics the pair decided fill what this meeting does not say.
    if (auto l = storage::load_logistics(db, r.id)) {
      if (!medium_given) m.medium = l->medium;
      if (m.where.empty()) m.where = l->where;
    }
    MH_CHECK(validate_new_meeting(m, r.state, ctx.now));
    m.agenda = build_agenda(storage::load_purpose(db, r.id), storage::tasks_of(db, r.id), ctx.now);
    m.id = storage::insert_meeting(db, m);
    MH_CHECK(revive_if_fading(db, r, ctx));
    nudge(db, r.other_than(ctx.me().id), r.id, "meeting_scheduled",
          ctx.me().name + " scheduled a meeting on " + format_iso8601(m.starts_at) + ".", ctx.now);
    json j = meeting_detail(db, m, r, ctx.me().id);
    j["relationship_state"] = to_string(r.state);
    return j;
  });
  if (!out) return error_response(out.error());
  return json_response(201, *out);
}

// Loads a meeting of a relationship the caller takes part in.
template <class Work>
http::Response with_meeting(Ctx& ctx, bool write, const Work& work) {
  const RelationshipId id = id_param(ctx.req, "id");
  const MeetingId meeting_id = id_param(ctx.req, "meeting_id");
  auto run = [&](sql::Connection& db) -> Result<json> {
    MH_TRY(r, participant_relationship(db, ctx, id));
    auto m = storage::find_meeting(db, r.id, meeting_id);
    if (!m) return not_found("no such meeting in this relationship");
    if (write) MH_CHECK(require_workable(r));
    return work(db, r, *m);
  };
  auto out = write ? ctx.store.write_value<json>(run) : ctx.store.read_value<json>(run);
  if (!out) return error_response(out.error());
  return json_response(200, *out);
}

http::Response get_meeting(Ctx& ctx) {
  return with_meeting(ctx, false, [&](sql::Connection& db, Relationship& r, Meeting& m) -> Result<json> {
    return meeting_detail(db, m, r, ctx.me().id);
  });
}

http::Response patch_meeting(Ctx& ctx) {
  const json body = parse_object_body(ctx.req);
  reject_unknown_fields(body, {"status", "shared_notes", "starts_at", "duration_minutes", "medium", "where"});
  std::optional<MeetingStatus> status;
  if (body.contains("status")) {
    status = parse_meeting_status(string_field(body["status"], "status"));
    if (!status) throw_invalid("status", "must be scheduled, held, cancelled or no_show");
  }
  return with_meeting(ctx, true, [&](sql::Connection& db, Relationship& r, Meeting& m) -> Result<json> {
    if (body.contains("starts_at") || body.contains("duration_minutes")) {
      if (m.status != MeetingStatus::scheduled) return conflict("only a scheduled meeting can be moved", "starts_at");
      if (body.contains("starts_at")) m.starts_at = time_from_json(body["starts_at"], "starts_at");
      if (body.contains("duration_minutes"))
        m.duration_minutes = int_in_range(body["duration_minutes"], "duration_minutes", 5, 480);
      MH_CHECK(validate_new_meeting(m, r.state, ctx.now));
    }
    if (body.contains("medium")) {
      auto medium = parse_medium(string_field(body["medium"], "medium"));
      if (!medium) return invalid("medium", "must be one of video, in_person, phone, chat");
      m.medium = *medium;
    }
    if (body.contains("where")) m.where = text_field(body, "where", 500);
    if (body.contains("shared_notes")) m.shared_notes = text_field(body, "shared_notes", 20000);
    if (status) MH_CHECK(change_meeting_status(m, *status, ctx.now));
    storage::update_meeting(db, m);
    MH_CHECK(revive_if_fading(db, r, ctx));
    json j = meeting_detail(db, m, r, ctx.me().id);
    j["relationship_state"] = to_string(r.state);
    return j;
  });
}

http::Response put_private_note(Ctx& ctx) {
  const json body = parse_object_body(ctx.req);
  reject_unknown_fields(body, {"text"});
  if (!body.contains("text")) throw_invalid("text", "is required");
  const std::string text = text_field(body, "text", 20000);
  return with_meeting(ctx, true, [&](sql::Connection& db, Relationship& r, Meeting& m) -> Result<json> {
    storage::save_private_note(db, m.id, ctx.me().id, text, ctx.now);
    return meeting_detail(db, m, r, ctx.me().id);
  });
}

http::Response add_story(Ctx& ctx) {
  const json body = parse_object_body(ctx.req);
  reject_unknown_fields(body, {"story", "point"});
  Story s;
  s.story = body.contains("story") ? string_field(body["story"], "story") : "";
  s.point = body.contains("point") ? string_field(body["point"], "point") : "";

  if (auto ok = validate_story(s); !ok) throw ApiError(ok.error());
  auto resp = with_meeting(ctx, true, [&](sql::Connection& db, Relationship& r, Meeting& m) -> Result<json> {
    if (r.role_of(ctx.me().id) != Role::mentor)
      return forbidden("stories are logged by the mentor; the mentee answers them with a reflection");
    if (m.status == MeetingStatus::cancelled || m.status == MeetingStatus::no_show)
      return conflict(std::string("the meeting is ") + to_string(m.status) + "; no story was told in it", "status");
    if (m.starts_at > ctx.now) return conflict("the meeting has not started yet; log its stories when you meet", "status");
    s.meeting_id = m.id;
    s.teller_id = ctx.me().id;
    s.id = storage::insert_story(db, s, ctx.now);
    nudge(db, r.mentee_id, r.id, "story_to_reflect",
          ctx.me().name + " shared a story (" + s.point + "). What did you learn from it, or what can you apply?",
          ctx.now);
    json j = meeting_detail(db, m, r, ctx.me().id);
    j["story"] = story_json(s);
    return j;
  });
  if (resp.status == 200) resp.status = 201;
  return resp;
}

http::Response reflect(Ctx& ctx) {
  const json body = parse_object_body(ctx.req);
  reject_unknown_fields(body, {"reflection"});
  const std::string reflection = body.contains("reflection") ? string_field(body["reflection"], "reflection") : "";
  if (auto ok = validate_reflection(reflection); !ok) throw ApiError(ok.error());
  const StoryId story_id = id_param(ctx.req, "story_id");
  return workspace_write(ctx, 200, [&](sql::Connection& db, Relationship& r) -> Status {
    MH_CHECK(require_workable(r));
    if (r.role_of(ctx.me().id) != Role::mentee) return forbidden("the mentee reflects on the mentor's stories");
    const auto stories = storage::stories_of(db, r.id);
    if (std::none_of(stories.begin(), stories.end(), [&](const Story& s) { return s.id == story_id; }))
      return not_found("no such story in this relationship");
    storage::save_reflection(db, story_id, reflection, ctx.now);
    return {};
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
