// Mentoring circles: creating one (a mentor, or an administrator on a mentor's behalf),
// browsing them, joining or asking to join, the waitlist, leaving and removal, closing to new
// members, and the circle's content for its host and members: the purpose, group sessions with
// attendance and notes, the host's stories and members' reflections, each member's own action
// items, and the debriefs that conclude it. Administrators get counts and states only.
// Every write is one store transaction, so two people joining for the last place have one
// winner and the other is waitlisted.
#include <algorithm>
#include <map>
#include <set>

#include "api/json_io.hpp"
#include "api/relationship_access.hpp"
#include "api/relationship_json.hpp"
#include "api/routes.hpp"
#include "domain/circle.hpp"
#include "storage/circles_repo.hpp"
#include "storage/people_repo.hpp"

namespace mh::api {

namespace {

// ---------------------------------------------------------------------------------------------
// Reading bodies

std::string required_text(const json& body, const char* field, size_t max) {
  if (!body.contains(field)) throw_invalid(field, "is required");
  std::string t = text_field(body, field, max);
  if (t.find_first_not_of(" \t\r\n") == std::string::npos) throw_invalid(field, "must not be empty");
  return t;
}

// A body that may be left out entirely: no body reads as {}.
json optional_body(const http::Request& req) {
  if (req.body.empty()) return json::object();
  return parse_object_body(req);
}

Medium medium_field(const json& v) {
  auto m = parse_medium(string_field(v, "medium"));
  if (!m) throw_invalid("medium", "must be one of video, in_person, phone, chat");
  return *m;
}

// Applies the circle's settings present in `body`; size_limit is range-checked by the domain.
void read_circle_settings(const json& body, Circle& c) {
  if (body.contains("topic")) c.topic = string_field(body["topic"], "topic");
  if (body.contains("description")) c.description = string_field(body["description"], "description");
  if (body.contains("size_limit")) c.size_limit = int_in_range(body["size_limit"], "size_limit", 0, 1000000);
  if (body.contains("cadence_days")) c.cadence_days = int_in_range(body["cadence_days"], "cadence_days", 0, 1000000);
  if (body.contains("medium")) c.medium = medium_field(body["medium"]);
  if (body.contains("membership")) {
    auto m = parse_membership(string_field(body["membership"], "membership"));
    if (!m) throw_invalid("membership", "must be open or by_request");
    c.membership = *m;
  }
}

// ---------------------------------------------------------------------------------------------
// Loading a circle for a caller

struct Loaded {
  Circle circle;
  std::vector<CircleMember> roster;
  CircleRole role = CircleRole::none;
};

Result<Loaded> load_circle(sql::Connection& db, const Ctx& ctx, CircleId id) {
  auto c = storage::find_circle(db, id);
  if (!c) return not_found("no such circle");
  Loaded l{std::move(*c), storage::roster_of(db, id)};
  l.role = circle_role(l.circle, ctx.me().id, l.roster);
  return l;
}

// The circle if the caller is its host or a member: 404 if there is none, 403 for anyone else,
// administrators included (they see counts and states in the overview, never content).
Result<Loaded> content_circle(sql::Connection& db, const Ctx& ctx, CircleId id) {
  MH_TRY(l, load_circle(db, ctx, id));
  if (l.role == CircleRole::none)
    return forbidden("only the circle's host and members can see or change its content");
  return l;
}

Status require_host(const Loaded& l, const char* what) {
  if (l.role != CircleRole::host) return forbidden(std::string("only the circle's host ") + what);
  return {};
}

// ---------------------------------------------------------------------------------------------
// JSON

json person_ref(const std::optional<Person>& p, PersonId id) {
  if (!p) return {{"id", id_json(id)}, {"name", nullptr}, {"title", nullptr}, {"timezone", nullptr}};
  return {{"id", id_json(p->id)}, {"name", p->name}, {"title", p->title}, {"timezone", p->timezone}};
}

json person_ref(sql::Connection& db, PersonId id) { return person_ref(storage::find_person(db, id), id); }

// What anyone signed in sees: enough to decide whether to join.
json card_json(sql::Connection& db, const Circle& c, const std::vector<CircleMember>& roster, PersonId viewer) {
  const int members = count_status(roster, MemberStatus::member);
  json my_status = nullptr;
  if (viewer == c.host_id) my_status = "host";
  else if (const CircleMember* m = find_member(roster, viewer)) my_status = to_string(m->status);
  const auto position = waitlist_position(roster, viewer);
  return {{"id", id_json(c.id)},
          {"topic", c.topic},
          {"description", c.description},
          {"host", person_ref(db, c.host_id)},
          {"created_by", id_json(c.created_by)},
          {"size_limit", c.size_limit},
          {"cadence_days", c.cadence_days},
          {"medium", to_string(c.medium)},
          {"membership", to_string(c.membership)},
          {"accepting_members", c.accepting_members},
          {"state", to_string(c.state)},
          {"members", members},
          {"waitlisted", count_status(roster, MemberStatus::waitlisted)},
          {"places_free", std::max(0, c.size_limit - members)},
          {"my_status", my_status},
          {"my_waitlist_position", position ? json(*position) : json(nullptr)},
          {"created_at", format_iso8601(c.created_at)},
          {"updated_at", format_iso8601(c.updated_at)},
          {"concluding_at", opt_time_json(c.concluding_at)},
          {"concluded_at", opt_time_json(c.concluded_at)}};
}

json circle_purpose_json(const CirclePurpose& p) {
  json j = purpose_json(p.as_purpose(), Role::mentee);
  for (const char* k : {"agreed_by_me", "agreed_by_other", "agreed_by_mentee", "agreed_by_mentor"}) j.erase(k);
  j["agreed_by_host"] = p.is_agreed();
  return j;
}

json session_json(const CircleSession& s) {
  return {{"id", id_json(s.id)},
          {"starts_at", format_iso8601(s.starts_at)},
          {"duration_minutes", s.duration_minutes},
          {"medium", to_string(s.medium)},
          {"where", s.where},
          {"status", to_string(s.status)},
          {"notes", s.notes}};
}

json action_item_json(sql::Connection& db, const ActionItem& item, TimePoint now) {
  json j = task_json(item.task, now);
  j.erase("owner");
  j["owner"] = person_ref(db, item.owner_id);
  j["created_by"] = id_json(item.created_by);
  return j;
}

json story_with_reflections(sql::Connection& db, const Story& s, const std::vector<storage::CircleReflection>& all,
                            PersonId viewer) {
  json reflections = json::array();
  json mine = nullptr;
  for (const auto& r : all) {
    if (r.story_id != s.id) continue;
    reflections.push_back({{"person", person_ref(db, r.person_id)},
                           {"reflection", r.reflection},
                           {"reflected_at", format_iso8601(r.reflected_at)}});
    if (r.person_id == viewer) mine = r.reflection;
  }
  return {{"id", id_json(s.id)},
          {"session_id", id_json(s.meeting_id)},
          {"teller_id", id_json(s.teller_id)},
          {"story", s.story},
          {"point", s.point},
          {"reflections", reflections},
          {"my_reflection", mine},
          {"question_for_members", "What did you learn from this story, or what can you apply?"}};
}

// Stories as the one-to-one hints see them: "reflected" once any member reflected.
std::vector<Story> stories_for_hints(const std::vector<Story>& stories,
                                     const std::vector<storage::CircleReflection>& reflections) {
  std::vector<Story> out = stories;
  for (Story& s : out)
    if (std::any_of(reflections.begin(), reflections.end(), [&](const auto& r) { return r.story_id == s.id; }))
      s.reflection = "reflected";
  return out;
}

AttendanceSummary summary_of(CircleSessionId session, const std::vector<storage::AttendanceRecord>& records) {
  AttendanceSummary a;
  for (const auto& r : records) {
    if (r.session_id != session) continue;
    if (r.status == Attendance::present) ++a.present;
    if (r.status == Attendance::absent) ++a.absent;
    if (r.status == Attendance::excused) ++a.excused;
  }
  return a;
}

json summary_json(const AttendanceSummary& a) {
  return {{"present", a.present}, {"absent", a.absent}, {"excused", a.excused}};
}

std::vector<std::string> next_steps(const Loaded& l, const CirclePurpose& p, const std::vector<CircleSession>& sessions,
                                    const std::vector<ActionItem>& my_items, const std::vector<Story>& stories,
                                    const std::vector<storage::CircleReflection>& reflections,
                                    const std::vector<Debrief>& debriefs, PersonId viewer, TimePoint now) {
  std::vector<std::string> steps;
  const Circle& c = l.circle;
  if (c.state == CircleState::concluding) {
    if (std::none_of(debriefs.begin(), debriefs.end(), [&](const Debrief& d) { return d.author_id == viewer; }))
      steps.push_back("Write your debrief: what was achieved, and what you would do differently next time.");
    return steps;
  }
  if (c.state != CircleState::active) return steps;
  if (l.role == CircleRole::host) {
    if (p.version == 0) steps.push_back("Define the circle's purpose: objectives and the outcome you want together.");
    else if (!p.is_agreed()) steps.push_back("Read the drafted purpose and agree to it.");
    const int requests = count_status(l.roster, MemberStatus::requested);
    if (requests > 0) steps.push_back("Answer " + std::to_string(requests) + (requests == 1 ? " request" : " requests") +
                                      " to join.");
    const bool upcoming = std::any_of(sessions.begin(), sessions.end(), [&](const CircleSession& s) {
      return s.status == MeetingStatus::scheduled && s.starts_at > now;
    });
    if (!upcoming) steps.push_back("Schedule the next group session.");
  } else {
    if (my_items.empty())
      steps.push_back("Add your own action items: tasks with dates give you something to follow up on.");
    const auto unreflected = std::count_if(stories.begin(), stories.end(), [&](const Story& s) {
      return std::none_of(reflections.begin(), reflections.end(),
                          [&](const auto& r) { return r.story_id == s.id && r.person_id == viewer; });
    });
    if (unreflected > 0)
      steps.push_back("Reflect on the host's stories: what did you learn, or what can you apply?");
  }
  return steps;
}

json workspace_json(sql::Connection& db, const Loaded& l, PersonId viewer, TimePoint now) {
  const Circle& c = l.circle;
  const bool host = l.role == CircleRole::host;
  json j = card_json(db, c, l.roster, viewer);
  json members = json::array();
  for (const auto& m : l.roster)
    if (m.status == MemberStatus::member)
      members.push_back({{"person", person_ref(db, m.person_id)}, {"since", format_iso8601(m.since)}});
  j["member_list"] = members;
  if (host) {
    json line = json::array();
    int position = 0;
    for (const auto& m : waitlist(l.roster))
      line.push_back({{"person", person_ref(db, m.person_id)}, {"position", ++position}, {"since", format_iso8601(m.since)}});
    json requests = json::array();
    for (const auto& m : l.roster)
      if (m.status == MemberStatus::requested)
        requests.push_back({{"person", person_ref(db, m.person_id)},
                            {"message", m.message},
                            {"requested_at", format_iso8601(m.requested_at)}});
    j["waitlist"] = line;
    j["requests"] = requests;
  } else {
    j["waitlist"] = nullptr;
    j["requests"] = nullptr;
  }
  const CirclePurpose purpose = storage::load_circle_purpose(db, c.id);
  j["purpose"] = circle_purpose_json(purpose);
  const auto sessions = storage::circle_sessions_of(db, c.id);
  const auto attendance = storage::attendance_of(db, c.id);
  const auto stories = storage::circle_stories_of(db, c.id);
  const auto reflections = storage::circle_reflections_of(db, c.id);
  json session_items = json::array();
  for (const auto& s : sessions) {
    json sj = session_json(s);
    sj["attendance"] = summary_json(summary_of(s.id, attendance));
    sj["stories"] = static_cast<int>(
        std::count_if(stories.begin(), stories.end(), [&](const Story& x) { return x.meeting_id == s.id; }));
    session_items.push_back(sj);
  }
  j["sessions"] = session_items;
  json story_items = json::array();
  for (const auto& s : stories) story_items.push_back(story_with_reflections(db, s, reflections, viewer));
  j["stories"] = story_items;
  const auto items = storage::action_items_of(db, c.id, host ? std::nullopt : std::optional<PersonId>(viewer));
  json item_items = json::array();
  for (const auto& item : items) item_items.push_back(action_item_json(db, item, now));
  j["action_items"] = item_items;
  const auto debriefs = storage::circle_debriefs_of(db, c.id);
  j["debrief"] = {{"submitted_by_me", std::any_of(debriefs.begin(), debriefs.end(),
                                                  [&](const Debrief& d) { return d.author_id == viewer; })},
                  {"submitted", static_cast<int>(debriefs.size())}};
  j["next_steps"] = next_steps(l, purpose, sessions, host ? std::vector<ActionItem>{} : items, stories, reflections,
                               debriefs, viewer, now);
  return j;
}

json session_detail(sql::Connection& db, const Loaded& l, const CircleSession& s, PersonId viewer) {
  json j = session_json(s);
  const auto records = storage::attendance_of(db, l.circle.id);
  std::map<PersonId, Attendance> by_person;
  for (const auto& r : records)
    if (r.session_id == s.id) by_person[r.person_id] = r.status;
  json attendance = json::array();
  std::set<PersonId> listed;
  for (const auto& m : l.roster) {
    if (m.status != MemberStatus::member && !by_person.count(m.person_id)) continue;
    auto it = by_person.find(m.person_id);
    attendance.push_back({{"person", person_ref(db, m.person_id)},
                          {"status", it == by_person.end() ? json(nullptr) : json(to_string(it->second))}});
    listed.insert(m.person_id);
  }
  j["attendance"] = attendance;
  j["attendance_summary"] = summary_json(summary_of(s.id, records));
  const auto all = storage::circle_stories_of(db, l.circle.id);
  const auto reflections = storage::circle_reflections_of(db, l.circle.id);
  json stories = json::array();
  for (const auto& st : all)
    if (st.meeting_id == s.id) stories.push_back(story_with_reflections(db, st, reflections, viewer));
  j["stories"] = stories;
  j["story_hints"] = l.role == CircleRole::host ? json(story_hints(s.id, stories_for_hints(all, reflections)))
                                                : json::array();
  return j;
}

// Before the circle is concluded each sees only their own debrief, so nobody is swayed.
json debrief_summary(sql::Connection& db, const Loaded& l, PersonId viewer) {
  const auto debriefs = storage::circle_debriefs_of(db, l.circle.id);
  const bool all = l.circle.state == CircleState::concluded;
  json items = json::array();
  for (const auto& d : debriefs)
    if (all || d.author_id == viewer) {
      json dj = debrief_json(d);
      dj["author"] = person_ref(db, d.author_id);
      items.push_back(dj);
    }
  const int expected = 1 + count_status(l.roster, MemberStatus::member);
  return {{"circle_id", id_json(l.circle.id)},
          {"state", to_string(l.circle.state)},
          {"purpose", circle_purpose_json(storage::load_circle_purpose(db, l.circle.id))},
          {"submitted_by_me",
           std::any_of(debriefs.begin(), debriefs.end(), [&](const Debrief& d) { return d.author_id == viewer; })},
          {"submitted", static_cast<int>(debriefs.size())},
          {"expected", expected},
          {"debriefs", items}};
}

// ---------------------------------------------------------------------------------------------
// Membership changes, each recorded with who and when

void record(sql::Connection& db, const Circle& c, std::optional<PersonId> person, std::optional<PersonId> actor,
            std::string from, std::string to, TimePoint now, std::string note = {}) {
  storage::insert_circle_event(db, {c.id, person, actor, std::move(from), std::move(to), now, std::move(note)});
}

void set_status(sql::Connection& db, const Circle& c, CircleMember& m, MemberStatus to, std::optional<PersonId> actor,
                TimePoint now, std::string note = {}) {
  const std::string from = to_string(m.status);
  m.status = to;
  m.since = now;
  storage::save_member(db, m);
  record(db, c, m.person_id, actor, from, to_string(to), now, std::move(note));
}

std::string quoted(const Circle& c) { return "\"" + c.topic + "\""; }

// Fills free places from the waitlist, in order.
void promote(sql::Connection& db, const Circle& c, std::vector<CircleMember>& roster, TimePoint now) {
  for (PersonId p : promotions(c, roster)) {
    auto it = std::find_if(roster.begin(), roster.end(), [&](const CircleMember& m) { return m.person_id == p; });
    set_status(db, c, *it, MemberStatus::member, std::nullopt, now, "a place freed up");
    nudge(db, p, std::nullopt, "circle_place",
          "A place freed up in the circle " + quoted(c) + ": you have moved up from the waitlist and are a member now.",
          now);
  }
}

void touch(sql::Connection& db, Circle& c, TimePoint now) {
  c.updated_at = now;
  storage::update_circle(db, c);
}

void nudge_members(sql::Connection& db, const Loaded& l, PersonId except, const char* kind, const std::string& message,
                   TimePoint now);

// Concludes a concluding circle once the host and every current member have written their
// debrief (the last debrief, or the last member without one leaving).
void conclude_if_all_debriefed(sql::Connection& db, Loaded& l, TimePoint now) {
  if (l.circle.state != CircleState::concluding) return;
  if (!all_debriefed(l.circle, l.roster, storage::circle_debriefs_of(db, l.circle.id))) return;
  l.circle.state = CircleState::concluded;
  l.circle.concluded_at = now;
  l.circle.accepting_members = false;
  touch(db, l.circle, now);
  record(db, l.circle, std::nullopt, std::nullopt, "concluding", "concluded", now, "every debrief submitted");
  nudge_members(db, l, 0, "concluded",
                "The circle " + quoted(l.circle) + " is concluded: read everyone's debriefs side by side.", now);
}

// ---------------------------------------------------------------------------------------------
// Handlers

// Runs `work` on a circle whose content the caller may see and answers with the workspace.
http::Response content_write(Ctx& ctx, int status, const std::function<Status(sql::Connection&, Loaded&)>& work) {
  const CircleId id = id_param(ctx.req, "id");
  auto out = ctx.store.write_value<json>([&](sql::Connection& db) -> Result<json> {
    MH_TRY(l, content_circle(db, ctx, id));
    MH_CHECK(work(db, l));
    return workspace_json(db, l, ctx.me().id, ctx.now);
  });
  return respond(out, status);
}

http::Response create_circle(Ctx& ctx) {
  const json body = parse_object_body(ctx.req);
  reject_unknown_fields(body, {"host_id", "topic", "description", "size_limit", "cadence_days", "medium", "membership"});
  PersonId host_id = ctx.me().id;
  if (body.contains("host_id")) host_id = id_from_json(body["host_id"], "host_id");
  if (host_id != ctx.me().id && !ctx.is_admin())
    throw ApiError(403, "forbidden", "only a program administrator may create a circle on a mentor's behalf",
                   "host_id");
  if (!body.contains("topic")) throw_invalid("topic", "is required");
  Circle c;
  read_circle_settings(body, c);
  c.host_id = host_id;
  c.created_by = ctx.me().id;
  c.created_at = c.updated_at = ctx.now;
  auto out = ctx.store.write_value<json>([&](sql::Connection& db) -> Result<json> {
    auto host = storage::find_person(db, host_id);
    if (!host) return invalid("host_id", "no person has this id");
    MH_CHECK(check_can_host(*host));
    MH_CHECK(validate_circle(c));
    c.id = storage::insert_circle(db, c);
    const bool on_behalf = c.created_by != c.host_id;
    record(db, c, std::nullopt, ctx.me().id, "", "active", ctx.now,
           on_behalf ? "created by an administrator on the host's behalf" : "created");
    if (on_behalf)
      nudge(db, c.host_id, std::nullopt, "circle_created",
            ctx.me().name + " created the circle " + quoted(c) + " for you to host. Define its purpose with your members.",
            ctx.now);
    return card_json(db, c, {}, ctx.me().id);
  });
  if (!out) return error_response(out.error());
  auto resp = json_response(201, *out);
  resp.set_header("Location", "/api/v1/circles/" + (*out)["id"].get<std::string>());
  return resp;
}

std::optional<bool> bool_query(const Ctx& ctx, const char* name) {
  const std::string* v = ctx.req.query_param(name);
  if (!v) return std::nullopt;
  if (*v != "true" && *v != "false") throw_invalid(name, "must be true or false");
  return *v == "true";
}

http::Response list_circles(Ctx& ctx) {
  storage::CircleFilter f;
  if (const std::string* s = ctx.req.query_param("state")) {
    f.state = parse_circle_state(*s);
    if (!f.state) throw_invalid("state", "must be active, concluding or concluded");
  }
  f.accepting = bool_query(ctx, "open");
  if (bool_query(ctx, "mine").value_or(false)) f.involving = ctx.me().id;
  f.limit = limit_param(ctx.req, 50, 100);
  f.after = cursor_param(ctx.req);
  auto out = ctx.store.read_value<json>([&](sql::Connection& db) -> Result<json> {
    storage::CircleFilter g = f;
    ++g.limit;  // one more tells whether there is a next page
    auto circles = storage::list_circles(db, g);
    json next = nullptr;
    if (static_cast<int>(circles.size()) > f.limit) {
      circles.resize(static_cast<size_t>(f.limit));
      next = id_json(circles.back().id);
    }
    json items = json::array();
    for (const auto& c : circles) items.push_back(card_json(db, c, storage::roster_of(db, c.id), ctx.me().id));
    return json{{"items", items}, {"next_cursor", next}};
  });
  return respond(out, 200);
}

http::Response get_circle(Ctx& ctx) {
  const CircleId id = id_param(ctx.req, "id");
  auto out = ctx.store.read_value<json>([&](sql::Connection& db) -> Result<json> {
    MH_TRY(l, load_circle(db, ctx, id));
    return card_json(db, l.circle, l.roster, ctx.me().id);
  });
  return respond(out, 200);
}

http::Response get_workspace(Ctx& ctx) {
  const CircleId id = id_param(ctx.req, "id");
  auto out = ctx.store.read_value<json>([&](sql::Connection& db) -> Result<json> {
    MH_TRY(l, content_circle(db, ctx, id));
    return workspace_json(db, l, ctx.me().id, ctx.now);
  });
  return respond(out, 200);
}

http::Response patch_circle(Ctx& ctx) {
  const json body = parse_object_body(ctx.req);
  reject_unknown_fields(body, {"topic", "description", "size_limit", "cadence_days", "medium", "membership"});
  return content_write(ctx, 200, [&](sql::Connection& db, Loaded& l) -> Status {
    MH_CHECK(require_host(l, "changes its settings"));
    MH_CHECK(check_circle_workable(l.circle));
    Circle changed = l.circle;
    read_circle_settings(body, changed);
    MH_CHECK(validate_circle(changed));
    MH_CHECK(check_new_size_limit(l.circle, changed.size_limit, l.roster));
    const bool grew = changed.size_limit > l.circle.size_limit;
    l.circle = changed;
    touch(db, l.circle, ctx.now);
    if (grew) promote(db, l.circle, l.roster, ctx.now);
    return {};
  });
}

http::Response set_accepting(Ctx& ctx, bool accepting) {
  return content_write(ctx, 200, [&](sql::Connection& db, Loaded& l) -> Status {
    MH_CHECK(require_host(l, accepting ? "reopens it to new members" : "closes it to new members"));
    MH_CHECK(check_circle_workable(l.circle));
    if (l.circle.accepting_members == accepting) return {};
    l.circle.accepting_members = accepting;
    touch(db, l.circle, ctx.now);
    record(db, l.circle, std::nullopt, ctx.me().id, accepting ? "closed" : "open", accepting ? "open" : "closed",
           ctx.now, accepting ? "reopened to new members" : "closed to new members");
    if (accepting) promote(db, l.circle, l.roster, ctx.now);
    return {};
  });
}

http::Response close_circle(Ctx& ctx) { return set_accepting(ctx, false); }
http::Response reopen_circle(Ctx& ctx) { return set_accepting(ctx, true); }

http::Response join(Ctx& ctx) {
  const CircleId id = id_param(ctx.req, "id");
  const json body = optional_body(ctx.req);
  reject_unknown_fields(body, {"message"});
  const std::string message = body.contains("message") ? text_field(body, "message", 2000) : "";
  auto out = ctx.store.write_value<json>([&](sql::Connection& db) -> Result<json> {
    MH_TRY(l, load_circle(db, ctx, id));
    const PersonId me = ctx.me().id;
    MH_CHECK(check_can_join(l.circle, me, l.roster));
    const MemberStatus to =
        l.circle.membership == Membership::by_request ? MemberStatus::requested : admission(l.circle, l.roster);
    const CircleMember* existing = find_member(l.roster, me);
    CircleMember m;
    if (existing) m = *existing;
    m.circle_id = l.circle.id;
    m.person_id = me;
    const std::string from = existing ? to_string(existing->status) : "";
    m.status = to;
    m.queue = storage::next_queue_number(db, l.circle.id);
    m.message = message;
    m.decline_reason.clear();
    m.requested_at = m.since = ctx.now;
    storage::save_member(db, m);
    record(db, l.circle, me, me, from, to_string(to), ctx.now,
           existing ? "rejoined" : (to == MemberStatus::requested ? "asked to join" : "joined"));
    if (existing) *std::find_if(l.roster.begin(), l.roster.end(), [&](const auto& x) { return x.person_id == me; }) = m;
    else l.roster.push_back(m);
    const std::string who = ctx.me().name;
    if (to == MemberStatus::requested)
      nudge(db, l.circle.host_id, std::nullopt, "circle_request",
            who + " asks to join your circle " + quoted(l.circle) + (message.empty() ? "." : ": " + message), ctx.now);
    else
      nudge(db, l.circle.host_id, std::nullopt, "circle_joined",
            who + (to == MemberStatus::member ? " joined your circle " : " joined the waitlist of your circle ") +
                quoted(l.circle) + ".",
            ctx.now);
    return card_json(db, l.circle, l.roster, me);
  });
  return respond(out, 200);
}

http::Response leave(Ctx& ctx) {
  const CircleId id = id_param(ctx.req, "id");
  auto out = ctx.store.write_value<json>([&](sql::Connection& db) -> Result<json> {
    MH_TRY(l, load_circle(db, ctx, id));
    const PersonId me = ctx.me().id;
    auto it = std::find_if(l.roster.begin(), l.roster.end(), [&](const auto& x) { return x.person_id == me; });
    MH_CHECK(check_can_leave(l.circle, me, it == l.roster.end() ? nullptr : &*it));
    const bool was_member = it->status == MemberStatus::member;
    set_status(db, l.circle, *it, MemberStatus::left, me, ctx.now);
    if (was_member) {
      nudge(db, l.circle.host_id, std::nullopt, "circle_left", ctx.me().name + " left your circle " + quoted(l.circle) + ".",
            ctx.now);
      promote(db, l.circle, l.roster, ctx.now);
      conclude_if_all_debriefed(db, l, ctx.now);
    }
    return card_json(db, l.circle, l.roster, me);
  });
  return respond(out, 200);
}

// Runs a host's decision on one person's row.
http::Response with_person(Ctx& ctx, const std::function<Status(sql::Connection&, Loaded&, CircleMember*)>& work) {
  const PersonId person = id_param(ctx.req, "person_id");
  return content_write(ctx, 200, [&](sql::Connection& db, Loaded& l) -> Status {
    auto it = std::find_if(l.roster.begin(), l.roster.end(), [&](const auto& x) { return x.person_id == person; });
    return work(db, l, it == l.roster.end() ? nullptr : &*it);
  });
}

http::Response approve(Ctx& ctx) {
  return with_person(ctx, [&](sql::Connection& db, Loaded& l, CircleMember* row) -> Status {
    MH_CHECK(check_can_answer_request(l.circle, ctx.me().id, row));
    if (!l.circle.accepting_members) return conflict("the circle is closed to new members; reopen it first", "state");
    const MemberStatus to = admission(l.circle, l.roster);
    row->queue = storage::next_queue_number(db, l.circle.id);
    set_status(db, l.circle, *row, to, ctx.me().id, ctx.now, "request approved");
    nudge(db, row->person_id, std::nullopt, "circle_approved",
          ctx.me().name + " welcomed you to the circle " + quoted(l.circle) +
              (to == MemberStatus::member ? "." : ". It is full for now: you are on the waitlist and will move up in order."),
          ctx.now);
    return {};
  });
}

http::Response decline(Ctx& ctx) {
  const json body = parse_object_body(ctx.req);
  reject_unknown_fields(body, {"reason"});
  const std::string reason = required_text(body, "reason", 2000);
  return with_person(ctx, [&](sql::Connection& db, Loaded& l, CircleMember* row) -> Status {
    MH_CHECK(check_can_answer_request(l.circle, ctx.me().id, row));
    row->decline_reason = reason;
    set_status(db, l.circle, *row, MemberStatus::declined, ctx.me().id, ctx.now);
    nudge(db, row->person_id, std::nullopt, "circle_declined",
          ctx.me().name + " declined your request to join " + quoted(l.circle) + ": " + reason, ctx.now);
    return {};
  });
}

http::Response remove_person(Ctx& ctx) {
  return with_person(ctx, [&](sql::Connection& db, Loaded& l, CircleMember* row) -> Status {
    MH_CHECK(check_can_remove(l.circle, ctx.me().id, row));
    const bool was_member = row->status == MemberStatus::member;
    set_status(db, l.circle, *row, MemberStatus::removed, ctx.me().id, ctx.now);
    nudge(db, row->person_id, std::nullopt, "circle_removed",
          "The host removed you from the circle " + quoted(l.circle) + ".", ctx.now);
    if (was_member) {
      promote(db, l.circle, l.roster, ctx.now);
      conclude_if_all_debriefed(db, l, ctx.now);
    }
    return {};
  });
}

void nudge_members(sql::Connection& db, const Loaded& l, PersonId except, const char* kind, const std::string& message,
                   TimePoint now) {
  if (l.circle.host_id != except) nudge(db, l.circle.host_id, std::nullopt, kind, message, now);
  for (const auto& m : l.roster)
    if (m.status == MemberStatus::member && m.person_id != except) nudge(db, m.person_id, std::nullopt, kind, message, now);
}

http::Response put_purpose(Ctx& ctx) {
  const json body = parse_object_body(ctx.req);
  reject_unknown_fields(body, {"objectives", "desired_outcome"});
  if (!body.contains("objectives")) throw_invalid("objectives", "is required");
  auto objectives = objectives_from_json(body["objectives"]);
  const std::string outcome = body.contains("desired_outcome") ? string_field(body["desired_outcome"], "desired_outcome") : "";
  return content_write(ctx, 200, [&](sql::Connection& db, Loaded& l) -> Status {
    CirclePurpose p = storage::load_circle_purpose(db, l.circle.id);
    for (size_t i = 0; i < objectives.size(); ++i)
      if (objectives[i].id != 0 && std::none_of(p.objectives.begin(), p.objectives.end(),
                                                [&](const Objective& o) { return o.id == objectives[i].id; }))
        return invalid("objectives[" + std::to_string(i) + "].id", "is not an objective of this circle");
    MH_CHECK(redraft_circle_purpose(p, l.circle, objectives, outcome));
    storage::save_circle_purpose(db, l.circle.id, p);
    if (l.role != CircleRole::host)
      nudge(db, l.circle.host_id, std::nullopt, "purpose_to_agree",
            ctx.me().name + " drafted the purpose of " + quoted(l.circle) + "; read it and agree, or change it.", ctx.now);
    return {};
  });
}

http::Response agree(Ctx& ctx) {
  const json body = parse_object_body(ctx.req);
  reject_unknown_fields(body, {"version"});
  if (!body.contains("version")) throw_invalid("version", "is required: the version of the purpose you read");
  const int version = int_in_range(body["version"], "version", 1, 1000000);
  return content_write(ctx, 200, [&](sql::Connection& db, Loaded& l) -> Status {
    CirclePurpose p = storage::load_circle_purpose(db, l.circle.id);
    MH_TRY(now_agreed, agree_circle_purpose(p, l.circle, ctx.me().id, version, ctx.now));
    if (!now_agreed) return {};
    storage::save_circle_purpose(db, l.circle.id, p);
    record(db, l.circle, std::nullopt, ctx.me().id, "", "purpose_agreed", ctx.now,
           "purpose version " + std::to_string(p.version) + " agreed");
    nudge_members(db, l, ctx.me().id, "purpose_agreed",
                  "The host agreed the purpose of " + quoted(l.circle) + " (version " + std::to_string(p.version) + ").",
                  ctx.now);
    return {};
  });
}

http::Response add_session(Ctx& ctx) {
  const json body = parse_object_body(ctx.req);
  reject_unknown_fields(body, {"starts_at", "duration_minutes", "medium", "where"});
  if (!body.contains("starts_at")) throw_invalid("starts_at", "is required");
  CircleSession s;
  s.starts_at = time_from_json(body["starts_at"], "starts_at");
  if (body.contains("duration_minutes"))
    s.duration_minutes = int_in_range(body["duration_minutes"], "duration_minutes", 5, 480);
  const bool medium_given = body.contains("medium");
  if (medium_given) s.medium = medium_field(body["medium"]);
  if (body.contains("where")) s.where = text_field(body, "where", 500);
  s.created_at = ctx.now;
  const CircleId id = id_param(ctx.req, "id");
  auto out = ctx.store.write_value<json>([&](sql::Connection& db) -> Result<json> {
    MH_TRY(l, content_circle(db, ctx, id));
    MH_CHECK(require_host(l, "schedules group sessions"));
    if (!medium_given) s.medium = l.circle.medium;
    s.circle_id = l.circle.id;
    MH_CHECK(validate_new_session(s, l.circle, ctx.now));
    s.id = storage::insert_circle_session(db, s);
    nudge_members(db, l, ctx.me().id, "circle_session_scheduled",
                  "A session of " + quoted(l.circle) + " is scheduled on " + format_iso8601(s.starts_at) + ".", ctx.now);
    return session_detail(db, l, s, ctx.me().id);
  });
  return respond(out, 201);
}

// Loads a session of a circle whose content the caller may see.
http::Response with_session(Ctx& ctx, bool write, int status,
                            const std::function<Result<json>(sql::Connection&, Loaded&, CircleSession&)>& work) {
  const CircleId id = id_param(ctx.req, "id");
  const CircleSessionId session_id = id_param(ctx.req, "session_id");
  auto run = [&](sql::Connection& db) -> Result<json> {
    MH_TRY(l, content_circle(db, ctx, id));
    auto s = storage::find_circle_session(db, l.circle.id, session_id);
    if (!s) return not_found("no such session in this circle");
    if (write) MH_CHECK(check_circle_workable(l.circle));
    return work(db, l, *s);
  };
  auto out = write ? ctx.store.write_value<json>(run) : ctx.store.read_value<json>(run);
  return respond(out, status);
}

http::Response get_session(Ctx& ctx) {
  return with_session(ctx, false, 200, [&](sql::Connection& db, Loaded& l, CircleSession& s) -> Result<json> {
    return session_detail(db, l, s, ctx.me().id);
  });
}

http::Response patch_session(Ctx& ctx) {
  const json body = parse_object_body(ctx.req);
  reject_unknown_fields(body, {"status", "notes", "starts_at", "duration_minutes", "medium", "where"});
  std::optional<MeetingStatus> status;
  if (body.contains("status")) {
    status = parse_meeting_status(string_field(body["status"], "status"));
    if (!status || *status == MeetingStatus::no_show) throw_invalid("status", "must be scheduled, held or cancelled");
  }
  return with_session(ctx, true, 200, [&](sql::Connection& db, Loaded& l, CircleSession& s) -> Result<json> {
    const bool host_fields = status || body.contains("starts_at") || body.contains("duration_minutes") ||
                             body.contains("medium") || body.contains("where");
    if (host_fields) MH_CHECK(require_host(l, "moves, holds or cancels a session; members may edit the notes"));
    if (body.contains("starts_at") || body.contains("duration_minutes")) {
      if (s.status != MeetingStatus::scheduled) return conflict("only a scheduled session can be moved", "starts_at");
      if (body.contains("starts_at")) s.starts_at = time_from_json(body["starts_at"], "starts_at");
      if (body.contains("duration_minutes"))
        s.duration_minutes = int_in_range(body["duration_minutes"], "duration_minutes", 5, 480);
      MH_CHECK(validate_new_session(s, l.circle, ctx.now));
    }
    if (body.contains("medium")) s.medium = medium_field(body["medium"]);
    if (body.contains("where")) s.where = text_field(body, "where", 500);
    if (body.contains("notes")) s.notes = text_field(body, "notes", 20000);
    if (status) MH_CHECK(change_session_status(s, *status, ctx.now));
    storage::update_circle_session(db, s);
    return session_detail(db, l, s, ctx.me().id);
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
  return with_session(ctx, true, 200, [&](sql::Connection& db, Loaded& l, CircleSession& s) -> Result<json> {
    for (size_t i = 0; i < entries.size(); ++i) {
      const auto& [person, a] = entries[i];
      const CircleMember* m = find_member(l.roster, person);
      if (!m || m->status != MemberStatus::member)
        return invalid("attendance[" + std::to_string(i) + "].person_id", "is not a member of the circle");
      MH_CHECK(check_attendance(s, a, ctx.me().id, l.circle.host_id, person, ctx.now));
      storage::save_attendance(db, {s.id, person, a, ctx.me().id, ctx.now});
    }
    return session_detail(db, l, s, ctx.me().id);
  });
}

http::Response add_story(Ctx& ctx) {
  const json body = parse_object_body(ctx.req);
  reject_unknown_fields(body, {"story", "point"});
  Story story;
  story.story = body.contains("story") ? string_field(body["story"], "story") : "";
  story.point = body.contains("point") ? string_field(body["point"], "point") : "";
  if (auto ok = validate_story(story); !ok) throw ApiError(ok.error());
  return with_session(ctx, true, 201, [&](sql::Connection& db, Loaded& l, CircleSession& s) -> Result<json> {
    MH_CHECK(check_can_tell_story(s, l.circle, ctx.me().id, ctx.now));
    story.meeting_id = s.id;
    story.teller_id = ctx.me().id;
    story.id = storage::insert_circle_story(db, l.circle.id, story, ctx.now);
    nudge_members(db, l, ctx.me().id, "story_to_reflect",
                  ctx.me().name + " shared a story in " + quoted(l.circle) + " (" + story.point +
                      "). What did you learn from it, or what can you apply?",
                  ctx.now);
    json j = session_detail(db, l, s, ctx.me().id);
    j["story"] = story_with_reflections(db, story, {}, ctx.me().id);
    return j;
  });
}

http::Response reflect(Ctx& ctx) {
  const json body = parse_object_body(ctx.req);
  reject_unknown_fields(body, {"reflection"});
  const std::string reflection = body.contains("reflection") ? string_field(body["reflection"], "reflection") : "";
  if (auto ok = validate_reflection(reflection); !ok) throw ApiError(ok.error());
  const StoryId story_id = id_param(ctx.req, "story_id");
  return content_write(ctx, 200, [&](sql::Connection& db, Loaded& l) -> Status {
    if (l.role != CircleRole::member) return forbidden("members reflect on the host's stories");
    MH_CHECK(check_circle_workable(l.circle));
    const auto stories = storage::circle_stories_of(db, l.circle.id);
    if (std::none_of(stories.begin(), stories.end(), [&](const Story& s) { return s.id == story_id; }))
      return not_found("no such story in this circle");
    storage::save_circle_reflection(db, {story_id, ctx.me().id, reflection, ctx.now});
    return {};
  });
}

// Reads the action item fields present in `body` into `t`.
void read_item_fields(const json& body, Task& t) {
  if (body.contains("title")) t.title = text_field(body, "title", 300);
  if (body.contains("notes")) t.notes = text_field(body, "notes", 4000);
  if (body.contains("type")) {
    auto type = parse_task_type(string_field(body["type"], "type"));
    if (!type)
      throw_invalid("type", "must be one of networking, assessment, informational_interview, shadowing, "
                            "formal_learning, project, outside_forum, other");
    t.type = *type;
  }
  if (body.contains("objective_id"))
    t.objective_id = body["objective_id"].is_null() ? std::nullopt
                                                    : std::optional(id_from_json(body["objective_id"], "objective_id"));
  if (body.contains("due"))
    t.due = body["due"].is_null() ? std::nullopt : std::optional(date_from_json(body["due"], "due"));
}

http::Response add_action_item(Ctx& ctx) {
  const json body = parse_object_body(ctx.req);
  reject_unknown_fields(body, {"owner_id", "objective_id", "type", "title", "notes", "due"});
  if (!body.contains("title")) throw_invalid("title", "is required");
  ActionItem item;
  read_item_fields(body, item.task);
  std::optional<PersonId> owner;
  if (body.contains("owner_id")) owner = id_from_json(body["owner_id"], "owner_id");
  item.task.created_at = ctx.now;
  item.created_by = ctx.me().id;
  const CircleId id = id_param(ctx.req, "id");
  auto out = ctx.store.write_value<json>([&](sql::Connection& db) -> Result<json> {
    MH_TRY(l, content_circle(db, ctx, id));
    MH_CHECK(check_circle_workable(l.circle));
    if (l.role == CircleRole::member) {
      if (owner && *owner != ctx.me().id)
        return forbidden("a member adds their own action items; the host may add one for any member");
      item.owner_id = ctx.me().id;
    } else {
      if (!owner) return invalid("owner_id", "is required: the member whose action item this is");
      item.owner_id = *owner;
    }
    item.task.relationship_id = l.circle.id;
    MH_CHECK(validate_action_item(item, storage::load_circle_purpose(db, l.circle.id), l.roster));
    item.task.id = storage::insert_action_item(db, item);
    if (item.owner_id != ctx.me().id)
      nudge(db, item.owner_id, std::nullopt, "circle_action_item",
            ctx.me().name + " added an action item for you in " + quoted(l.circle) + ": " + item.task.title, ctx.now);
    return action_item_json(db, item, ctx.now);
  });
  return respond(out, 201);
}

http::Response list_action_items(Ctx& ctx) {
  std::optional<PersonId> owner;
  if (const std::string* v = ctx.req.query_param("owner_id")) owner = id_from_json(json(*v), "owner_id");
  const CircleId id = id_param(ctx.req, "id");
  auto out = ctx.store.read_value<json>([&](sql::Connection& db) -> Result<json> {
    MH_TRY(l, content_circle(db, ctx, id));
    if (l.role == CircleRole::member) {
      if (owner && *owner != ctx.me().id)
        return forbidden("a member's action items are seen by that member and the host only");
      owner = ctx.me().id;
    }
    json items = json::array();
    for (const auto& item : storage::action_items_of(db, l.circle.id, owner))
      items.push_back(action_item_json(db, item, ctx.now));
    return json{{"items", items}};
  });
  return respond(out, 200);
}

http::Response patch_action_item(Ctx& ctx) {
  const json body = parse_object_body(ctx.req);
  reject_unknown_fields(body, {"objective_id", "type", "title", "notes", "due", "status"});
  std::optional<TaskStatus> status;
  if (body.contains("status")) {
    status = parse_task_status(string_field(body["status"], "status"));
    if (!status) throw_invalid("status", "must be open, done or dropped");
  }
  const CircleId id = id_param(ctx.req, "id");
  const ActionItemId item_id = id_param(ctx.req, "item_id");
  auto out = ctx.store.write_value<json>([&](sql::Connection& db) -> Result<json> {
    MH_TRY(l, content_circle(db, ctx, id));
    auto item = storage::find_action_item(db, l.circle.id, item_id);
    if (!item) return not_found("no such action item in this circle");
    if (!can_see_action_item(l.circle, *item, ctx.me().id))
      return forbidden("a member's action items are seen and changed by that member and the host only");
    MH_CHECK(check_circle_workable(l.circle));
    read_item_fields(body, item->task);
    if (status) MH_CHECK(set_task_status(item->task, *status, ctx.now));
    // A member who has left keeps their items, but they can no longer change.
    MH_CHECK(validate_action_item(*item, storage::load_circle_purpose(db, l.circle.id), l.roster));
    storage::update_action_item(db, *item);
    return action_item_json(db, *item, ctx.now);
  });
  return respond(out, 200);
}

http::Response conclude(Ctx& ctx) {
  const CircleId id = id_param(ctx.req, "id");
  auto out = ctx.store.write_value<json>([&](sql::Connection& db) -> Result<json> {
    MH_TRY(l, content_circle(db, ctx, id));
    MH_CHECK(check_can_start_circle_conclusion(l.circle, ctx.me().id));
    l.circle.state = CircleState::concluding;
    l.circle.concluding_at = ctx.now;
    touch(db, l.circle, ctx.now);
    record(db, l.circle, std::nullopt, ctx.me().id, "active", "concluding", ctx.now);
    nudge_members(db, l, ctx.me().id, "concluding",
                  ctx.me().name + " started concluding the circle " + quoted(l.circle) +
                      ". Write your debrief: what was achieved, and what you would do differently next time.",
                  ctx.now);
    return debrief_summary(db, l, ctx.me().id);
  });
  return respond(out, 200);
}

http::Response put_debrief(Ctx& ctx) {
  const CircleId id = id_param(ctx.req, "id");
  Debrief d = debrief_from_json(parse_object_body(ctx.req));
  d.author_id = ctx.me().id;
  d.submitted_at = ctx.now;
  auto out = ctx.store.write_value<json>([&](sql::Connection& db) -> Result<json> {
    MH_TRY(l, content_circle(db, ctx, id));
    MH_CHECK(validate_circle_debrief(d, l.circle, storage::load_circle_purpose(db, l.circle.id), l.roster));
    storage::save_circle_debrief(db, l.circle.id, d);
    conclude_if_all_debriefed(db, l, ctx.now);
    return debrief_summary(db, l, ctx.me().id);
  });
  return respond(out, 200);
}

http::Response get_debrief(Ctx& ctx) {
  const CircleId id = id_param(ctx.req, "id");
  auto out = ctx.store.read_value<json>([&](sql::Connection& db) -> Result<json> {
    MH_TRY(l, content_circle(db, ctx, id));
    return debrief_summary(db, l, ctx.me().id);
  });
  return respond(out, 200);
}

// States and counts only: an administrator watches health, never content.
http::Response admin_overview(Ctx& ctx) {
  std::optional<CircleState> state;
  if (const std::string* s = ctx.req.query_param("state")) {
    state = parse_circle_state(*s);
    if (!state) throw_invalid("state", "must be active, concluding or concluded");
  }
  auto out = ctx.store.read_value<json>([&](sql::Connection& db) -> Result<json> {
    json counts = {{"active", 0}, {"concluding", 0}, {"concluded", 0}};
    json items = json::array();
    for (const Circle& c : storage::all_circles(db)) {
      counts[to_string(c.state)] = counts[to_string(c.state)].get<int>() + 1;
      if (state && c.state != *state) continue;
      const auto roster = storage::roster_of(db, c.id);
      const auto sessions = storage::circle_sessions_of(db, c.id);
      const auto items_of = storage::action_items_of(db, c.id, std::nullopt);
      auto sessions_in = [&](MeetingStatus s) {
        return static_cast<int>(
            std::count_if(sessions.begin(), sessions.end(), [&](const CircleSession& x) { return x.status == s; }));
      };
      items.push_back(
          {{"id", id_json(c.id)},
           {"state", to_string(c.state)},
           {"host_id", id_json(c.host_id)},
           {"membership", to_string(c.membership)},
           {"accepting_members", c.accepting_members},
           {"size_limit", c.size_limit},
           {"members", count_status(roster, MemberStatus::member)},
           {"waitlisted", count_status(roster, MemberStatus::waitlisted)},
           {"requested", count_status(roster, MemberStatus::requested)},
           {"left", count_status(roster, MemberStatus::left) + count_status(roster, MemberStatus::removed)},
           {"purpose_agreed", storage::load_circle_purpose(db, c.id).is_agreed()},
           {"sessions_held", sessions_in(MeetingStatus::held)},
           {"sessions_scheduled", sessions_in(MeetingStatus::scheduled)},
           {"action_items", static_cast<int>(items_of.size())},
           {"action_items_done", static_cast<int>(std::count_if(items_of.begin(), items_of.end(), [](const ActionItem& i) {
              return i.task.status == TaskStatus::done;
            }))},
           {"debriefs_submitted", static_cast<int>(storage::circle_debriefs_of(db, c.id).size())},
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
