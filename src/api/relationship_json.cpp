#include "api/relationship_json.hpp"

#include <algorithm>

#include "api/errors.hpp"
#include "common/typed_time.hpp"

namespace mh::api {

json id_json(std::int64_t id) { return std::to_string(id); }
json opt_time_json(const std::optional<TimePoint>& t) { return t ? json(format_iso8601(*t)) : json(nullptr); }

namespace {
// A participant as the other people of a relationship or a circle see them.
void write_person_fields(JsonWriter& w, const Person& p) {
  w.begin_object();
  w.key("active").boolean(p.active);
  w.key("id").string(std::to_string(p.id));
  w.key("name").string(p.name);
  w.key("timezone").string(p.timezone);
  w.key("title").string(p.title);
  w.end_object();
}

// A relationship's participant: null when the person no longer exists.
void write_person_ref(JsonWriter& w, const Person* p) {
  if (!p) {
    w.null();
    return;
  }
  write_person_fields(w, *p);
}

void write_time(JsonWriter& w, TimePoint t) { w.string(iso8601_text(t).view()); }
void write_time_or_null(JsonWriter& w, const std::optional<TimePoint>& t) {
  if (t) write_time(w, *t);
  else w.null();
}
}  // namespace

json person_ref(const std::optional<Person>& p, PersonId id) {
  if (!p) return {{"id", id_json(id)}, {"name", nullptr}, {"title", nullptr}, {"timezone", nullptr}, {"active", false}};
  JsonWriter w;
  write_person_fields(w, *p);
  return json::parse(w.text());
}

// Members in the order of their names, as a document would write them.
void write_relationship(JsonWriter& w, const Relationship& r, PersonId viewer, const Person* mentee,
                        const Person* mentor) {
  const auto role = r.role_of(viewer);
  // Each participant sees the other's address, to reach them outside the app, while the
  // relationship is live (accepted until concluded); never while a request waits, nor once it has
  // ended. Only the two participants are ever answered a relationship.
  const Person* partner = role == Role::mentee ? mentor : role == Role::mentor ? mentee : nullptr;
  w.begin_object();
  w.key("activated_at");
  write_time_or_null(w, r.activated_at);
  w.key("answered_at");
  write_time_or_null(w, r.answered_at);
  w.key("concluded_at");
  write_time_or_null(w, r.concluded_at);
  w.key("decline_reason").string(r.decline_reason);
  w.key("draft_purpose").string(r.draft_purpose);
  w.key("expires_at");
  write_time(w, r.expires_at);
  w.key("format").string(to_string(r.format));
  w.key("id").string(std::to_string(r.id));
  w.key("initiated_by").string(r.initiator_id == r.mentee_id ? "mentee" : "mentor");
  w.key("mentee");
  write_person_ref(w, mentee);
  w.key("mentor");
  write_person_ref(w, mentor);
  w.key("message").string(r.message);
  w.key("my_role");
  if (role) w.string(to_string(*role));
  else w.null();
  w.key("partner_email");
  if (partner && is_live(r.state)) w.string(partner->email);
  else w.null();
  w.key("proposed_by_program").boolean(r.proposed_by_program);
  w.key("requested_at");
  write_time(w, r.requested_at);
  w.key("state").string(to_string(r.state));
  w.key("updated_at");
  write_time(w, r.updated_at);
  w.key("waiting_for_me").boolean(r.state == RelState::requested && viewer == r.recipient());
  w.end_object();
}

json relationship_json(const Relationship& r, PersonId viewer, const Person* mentee, const Person* mentor) {
  JsonWriter w;
  write_relationship(w, r, viewer, mentee, mentor);
  return json::parse(w.text());
}

json state_change_json(const StateChange& c) {
  return {{"actor_id", c.actor ? id_json(*c.actor) : json(nullptr)},
          {"from", to_string(c.from)},
          {"to", to_string(c.to)},
          {"at", format_iso8601(c.at)},
          {"note", c.note}};
}

json info_request_json(const storage::InfoRequest& q) {
  return {{"id", id_json(q.id)},
          {"asked_by", id_json(q.asked_by)},
          {"question", q.question},
          {"answer", q.answer ? json(*q.answer) : json(nullptr)},
          {"asked_at", format_iso8601(q.asked_at)},
          {"answered_at", opt_time_json(q.answered_at)}};
}

json purpose_json(const Purpose& p, Role viewer_role) {
  json objectives = json::array();
  for (const auto& o : p.objectives)
    objectives.push_back({{"id", id_json(o.id)},
                          {"category", to_string(o.category)},
                          {"description", o.description},
                          {"success_measure", o.success_measure}});
  const Role other = viewer_role == Role::mentee ? Role::mentor : Role::mentee;
  return {{"version", p.version},
          {"objectives", objectives},
          {"desired_outcome", p.desired_outcome},
          {"agreed", p.is_agreed()},
          {"agreed_at", opt_time_json(p.agreed_at)},
          {"agreed_by_me", p.agreed_by(viewer_role)},
          {"agreed_by_other", p.agreed_by(other)},
          {"agreed_by_mentee", p.agreed_by(Role::mentee)},
          {"agreed_by_mentor", p.agreed_by(Role::mentor)}};
}

json logistics_json(const std::optional<Logistics>& l) {
  if (!l) return nullptr;
  return {{"cadence_days", l->cadence_days},
          {"medium", to_string(l->medium)},
          {"where", l->where},
          {"feedback_preference", l->feedback_preference},
          {"mentee_learning", l->mentee_learning},
          {"mentor_learning", l->mentor_learning},
          {"review_date", l->review_date ? json(format_date(*l->review_date)) : json(nullptr)},
          {"hints", hints_json(logistics_hints(*l))}};
}

json task_json(const Task& t, TimePoint now) {
  return {{"id", id_json(t.id)},
          {"objective_id", t.objective_id ? id_json(*t.objective_id) : json(nullptr)},
          {"type", to_string(t.type)},
          {"title", t.title},
          {"notes", t.notes},
          {"owner", to_string(t.owner)},
          {"due", t.due ? json(format_date(*t.due)) : json(nullptr)},
          {"status", to_string(t.status)},
          {"overdue", is_overdue(t, now)},
          {"created_at", format_iso8601(t.created_at)},
          {"completed_at", opt_time_json(t.completed_at)}};
}

json meeting_json(const Meeting& m) {
  json agenda = json::array();
  for (const auto& a : m.agenda) agenda.push_back({{"kind", to_string(a.kind)}, {"ref_id", id_json(a.ref_id)}, {"text", a.text}});
  return {{"id", id_json(m.id)},
          {"starts_at", format_iso8601(m.starts_at)},
          {"duration_minutes", m.duration_minutes},
          {"medium", to_string(m.medium)},
          {"where", m.where},
          {"status", to_string(m.status)},
          {"agenda", agenda},
          {"shared_notes", m.shared_notes},
          {"recorded_afterwards", m.recorded_afterwards}};
}

json story_json(const Story& s) {
  return {{"id", id_json(s.id)},
          {"meeting_id", id_json(s.meeting_id)},
          {"teller_id", id_json(s.teller_id)},
          {"story", s.story},
          {"point", s.point},
          {"reflection", s.reflection.empty() ? json(nullptr) : json(s.reflection)},
          {"reflected_at", opt_time_json(s.reflected_at)},
          {"question_for_mentee", "What did you learn from this story, or what can you apply?"}};
}

json debrief_json(const Debrief& d) {
  json outcomes = json::array();
  for (const auto& [id, o] : d.outcomes) outcomes.push_back({{"objective_id", id_json(id)}, {"outcome", to_string(o)}});
  return {{"author_id", id_json(d.author_id)},
          {"outcomes", outcomes},
          {"achieved", d.achieved},
          {"still_to_do", d.still_to_do},
          {"do_differently", d.do_differently},
          {"rating", d.rating ? json(*d.rating) : json(nullptr)},
          {"submitted_at", format_iso8601(d.submitted_at)}};
}

json notification_json(const storage::Notification& n) {
  return {{"id", id_json(n.id)},
          {"kind", n.kind},
          {"subject", n.subject},
          {"relationship_id", n.relationship_id ? id_json(*n.relationship_id) : json(nullptr)},
          {"message", n.message},
          {"link", n.link},
          {"created_at", format_iso8601(n.created_at)},
          {"read", n.read_at.has_value()},
          {"read_at", opt_time_json(n.read_at)}};
}

json hints_json(const std::vector<std::string>& hints) { return hints; }

std::vector<Objective> objectives_from_json(const json& v) {
  if (!v.is_array()) throw_invalid("objectives", "must be a list of objectives");
  std::vector<Objective> out;
  for (size_t i = 0; i < v.size(); ++i) {
    const std::string f = "objectives[" + std::to_string(i) + "]";
    if (!v[i].is_object()) throw_invalid(f, "must be an object {category, description, success_measure}");
    reject_unknown_fields(v[i], {"id", "category", "description", "success_measure"}, f);
    Objective o;
    if (v[i].contains("id") && !v[i]["id"].is_null()) {
      o.id = id_from_json(v[i]["id"], f + ".id");
      for (const Objective& earlier : out)
        if (earlier.id == o.id) throw_invalid(f + ".id", "lists the same objective twice");
    }
    if (!v[i].contains("category")) throw_invalid(f + ".category", "is required");
    auto cat = parse_objective_category(string_field(v[i]["category"], f + ".category"));
    if (!cat)
      throw_invalid(f + ".category", "must be one of networking, career_options, skill_gaps, skill_coaching, other");
    o.category = *cat;
    if (!v[i].contains("description")) throw_invalid(f + ".description", "is required");
    o.description = string_field(v[i]["description"], f + ".description");
    if (v[i].contains("success_measure")) o.success_measure = string_field(v[i]["success_measure"], f + ".success_measure");
    out.push_back(std::move(o));
  }
  return out;
}

TimePoint time_from_json(const json& v, const std::string& field, std::string_view zone) {
  const std::string in = zone_or_utc(zone);
  if (!v.is_string()) throw_invalid(field, typed_time_hint(in));
  auto t = parse_typed_time(v.get<std::string>(), offsets_of_zone(in));
  if (!t) throw_invalid(field, typed_time_hint(in));
  return *t;
}

services::TaskChanges task_fields_from_json(const json& body) {
  services::TaskChanges c;
  if (body.contains("title")) c.title = text_field(body, "title", 300);
  if (body.contains("notes")) c.notes = text_field(body, "notes", 4000);
  if (body.contains("type")) {
    auto type = parse_task_type(string_field(body["type"], "type"));
    if (!type)
      throw_invalid("type", "must be one of networking, assessment, informational_interview, shadowing, "
                            "formal_learning, project, outside_forum, other");
    c.type = *type;
  }
  if (body.contains("objective_id"))
    c.objective_id = body["objective_id"].is_null() ? std::nullopt
                                                    : std::optional(id_from_json(body["objective_id"], "objective_id"));
  if (body.contains("due"))
    c.due = body["due"].is_null() ? std::nullopt : std::optional(date_from_json(body["due"], "due"));
  if (body.contains("status")) {
    c.status = parse_task_status(string_field(body["status"], "status"));
    if (!c.status) throw_invalid("status", "must be open, done or dropped");
  }
  return c;
}

Medium medium_from_json(const json& v) {
  auto medium = parse_medium(string_field(v, "medium"));
  if (!medium) throw_invalid("medium", "must be one of video, in_person, phone, chat");
  return *medium;
}

TimePoint date_from_json(const json& v, const std::string& field) {
  if (!v.is_string() || v.get<std::string>().size() != 10) throw_invalid(field, "must be a date such as 2026-12-01");
  auto t = parse_iso8601(v.get<std::string>());
  if (!t) throw_invalid(field, "must be a date such as 2026-12-01");
  return *t;
}

Logistics logistics_from_json(const json& body) {
  reject_unknown_fields(body, {"cadence_days", "medium", "where", "feedback_preference", "mentee_learning",
                               "mentor_learning", "review_date"});
  Logistics l;
  if (body.contains("cadence_days")) l.cadence_days = static_cast<int>(int_field(body["cadence_days"], "cadence_days"));
  if (body.contains("medium")) {
    auto m = parse_medium(string_field(body["medium"], "medium"));
    if (!m) throw_invalid("medium", "must be one of video, in_person, phone, chat");
    l.medium = *m;
  }
  if (body.contains("where")) l.where = string_field(body["where"], "where");
  if (body.contains("feedback_preference"))
    l.feedback_preference = string_field(body["feedback_preference"], "feedback_preference");
  if (body.contains("mentee_learning")) l.mentee_learning = string_field(body["mentee_learning"], "mentee_learning");
  if (body.contains("mentor_learning")) l.mentor_learning = string_field(body["mentor_learning"], "mentor_learning");
  if (body.contains("review_date") && !body["review_date"].is_null())
    l.review_date = date_from_json(body["review_date"], "review_date");
  return l;
}

Story story_from_json(const json& body) {
  reject_unknown_fields(body, {"story", "point"});
  Story s;
  s.story = body.contains("story") ? string_field(body["story"], "story") : "";
  s.point = body.contains("point") ? string_field(body["point"], "point") : "";
  return s;
}

std::string reflection_from_json(const json& body) {
  reject_unknown_fields(body, {"reflection"});
  return body.contains("reflection") ? string_field(body["reflection"], "reflection") : "";
}

Debrief debrief_from_json(const json& body) {
  reject_unknown_fields(body, {"outcomes", "achieved", "still_to_do", "do_differently", "rating"});
  Debrief d;
  if (!body.contains("outcomes") || !body["outcomes"].is_array())
    throw_invalid("outcomes", "must be a list of {objective_id, outcome} for every objective");
  const json& outcomes = body["outcomes"];
  for (size_t i = 0; i < outcomes.size(); ++i) {
    const std::string f = "outcomes[" + std::to_string(i) + "]";
    if (!outcomes[i].is_object()) throw_invalid(f, "must be an object {objective_id, outcome}");
    reject_unknown_fields(outcomes[i], {"objective_id", "outcome"}, f);
    if (!outcomes[i].contains("objective_id")) throw_invalid(f + ".objective_id", "is required");
    if (!outcomes[i].contains("outcome")) throw_invalid(f + ".outcome", "is required");
    auto o = parse_objective_outcome(string_field(outcomes[i]["outcome"], f + ".outcome"));
    if (!o) throw_invalid(f + ".outcome", "must be achieved, partly or not_achieved");
    d.outcomes.emplace_back(id_from_json(outcomes[i]["objective_id"], f + ".objective_id"), *o);
  }
  if (body.contains("achieved")) d.achieved = string_field(body["achieved"], "achieved");
  if (body.contains("still_to_do")) d.still_to_do = string_field(body["still_to_do"], "still_to_do");
  if (body.contains("do_differently")) d.do_differently = string_field(body["do_differently"], "do_differently");
  if (body.contains("rating") && !body["rating"].is_null()) d.rating = int_in_range(body["rating"], "rating", 1, 5);
  return d;
}

// The views of one relationship: they render what services/relationship_views.hpp read.

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

}  // namespace

json relationship_card_json(const services::RelationshipCard& c, PersonId viewer, bool with_questions) {
  json j = relationship_json(c.relationship, viewer, c.mentee ? &*c.mentee : nullptr, c.mentor ? &*c.mentor : nullptr);
  if (with_questions) {
    json questions = json::array();
    for (const auto& q : c.questions) questions.push_back(info_request_json(q));
    j["questions"] = questions;
  }
  return j;
}

json workspace_json(const services::WorkspaceView& v, PersonId viewer, TimePoint now, const LifecycleSettings& settings) {
  const Relationship& r = v.relationship;
  json j = relationship_card_json(v, viewer, true);
  const Role role = *r.role_of(viewer);
  // Its program, by name: which settings it runs under, never anything of the program's others.
  j["program"] = {{"id", id_json(v.program.id)}, {"name", v.program.fields.name}, {"is_default", v.program.is_default}};
  j["purpose"] = purpose_json(v.purpose, role);
  j["logistics"] = logistics_json(v.logistics);
  json task_items = json::array();
  for (const auto& t : v.tasks) task_items.push_back(task_json(t, now));
  j["tasks"] = task_items;
  json progress = json::array();
  for (const auto& p : progress_by_objective(v.purpose, v.tasks, now))
    progress.push_back({{"objective_id", p.objective_id ? id_json(*p.objective_id) : json(nullptr)},
                        {"open", p.open},
                        {"done", p.done},
                        {"dropped", p.dropped},
                        {"overdue", p.overdue}});
  j["progress"] = progress;
  json meeting_items = json::array();
  bool has_upcoming = false;
  for (const auto& [m, link] : v.meetings) {
    json mj = meeting_json(m);
    mj["video_url"] = link_or_null(link);
    mj["stories"] = static_cast<int>(
        std::count_if(v.stories.begin(), v.stories.end(), [&](const Story& s) { return s.meeting_id == m.id; }));
    meeting_items.push_back(mj);
    if (m.status == MeetingStatus::scheduled && m.starts_at > now) has_upcoming = true;
  }
  j["meetings"] = meeting_items;
  json story_items = json::array();
  for (const auto& s : v.stories) story_items.push_back(story_json(s));
  j["stories"] = story_items;
  j["cadence_days"] = v.logistics ? v.logistics->cadence_days : settings.default_cadence_days;
  j["next_steps"] = next_steps(r, v.purpose, v.logistics, v.tasks, has_upcoming, viewer);
  return j;
}

json shared_content_json(const services::WorkspaceView& v, TimePoint now, const LifecycleSettings& settings) {
  // The workspace as built for the mentee, less what was the mentee's own: their role, their
  // side of the purpose's agreement, what waits for them and their next steps. Private notes are
  // never in a workspace (each is read from its own meeting by its author), nor video links.
  json j = workspace_json(v, v.relationship.mentee_id, now, settings);
  j["my_role"] = nullptr;
  j["waiting_for_me"] = false;
  j.erase("next_steps");
  if (j.contains("purpose") && j["purpose"].is_object())
    for (const char* k : {"agreed_by_me", "agreed_by_other"}) j["purpose"].erase(k);
  return j;
}

json debrief_summary(const services::DebriefView& v, PersonId viewer) {
  const Relationship& r = v.relationship;
  json items = json::array();
  for (const auto& d : v.debriefs) items.push_back(debrief_json(d));
  const std::string& first = v.purpose_agreed_at_start;
  return json{{"relationship_id", id_json(r.id)},
              {"state", to_string(r.state)},
              {"purpose_agreed_at_start", first.empty() ? json(nullptr) : json::parse(first, nullptr, false)},
              {"purpose", purpose_json(v.purpose, *r.role_of(viewer))},
              {"submitted_by_me", v.submitted_by_me},
              {"submitted_by_other", v.submitted_by_other},
              {"debriefs", items}};
}

}  // namespace mh::api
