#include "services/circles.hpp"

#include <algorithm>

#include "storage/content_repo.hpp"
#include "storage/circles_repo.hpp"
#include "storage/people_repo.hpp"

namespace mh::services {

namespace {

std::string quoted(const Circle& c) { return "\"" + c.topic + "\""; }

// Occasions of things that may rightly happen again to the same person in the same circle (a
// second request after a decline, a promotion after leaving and rejoining): the moment it
// happened, and who it was about when the recipient is someone else.
std::string now_occasion(const UseCase& uc) { return format_iso8601(uc.now()); }
std::string person_occasion(const UseCase& uc, PersonId who) {
  return subject("person", who) + "@" + format_iso8601(uc.now());
}

CircleMember* row_of(CircleView& v, PersonId person) {
  auto it = std::find_if(v.roster.begin(), v.roster.end(), [&](const CircleMember& m) { return m.person_id == person; });
  return it == v.roster.end() ? nullptr : &*it;
}

Status require_host(const CircleView& v, const char* what) {
  if (v.role != CircleRole::host) return forbidden(std::string("only the circle's host ") + what);
  return {};
}


void touch(UseCase& uc, Circle& c) {
  c.updated_at = uc.now();
  storage::update_circle(uc.db(), c);
}

// Moves one person's standing and records it with who and why.
void set_status(UseCase& uc, const Circle& c, CircleMember& m, MemberStatus to, std::optional<PersonId> by,
                std::string note = {}) {
  const std::string from = to_string(m.status);
  m.status = to;
  m.since = uc.now();
  storage::save_member(uc.db(), m);
  uc.record_circle_change({c.id, m.person_id, by, from, to_string(to), std::move(note)});
}

// Fills free places from the waitlist, in order.
void promote(UseCase& uc, CircleView& v) {
  for (PersonId p : promotions(v.circle, v.roster)) {
    set_status(uc, v.circle, *row_of(v, p), MemberStatus::member, std::nullopt, "a place freed up");
    uc.notify(circle_notice(v.circle.id, p, "circle_place",
                            "A place freed up in the circle " + quoted(v.circle) +
                                ": you have moved up from the waitlist and are a member now.")
                  .on(now_occasion(uc)));
  }
}

// Tells the host and every member, but `except` (the person acting), what `notice` says.
void notify_circle(UseCase& uc, const CircleView& v, PersonId except, const Notice& notice) {
  auto tell = [&](PersonId p) {
    Notice n = notice;
    n.person = p;
    uc.notify(std::move(n));
  };
  if (v.circle.host_id != except) tell(v.circle.host_id);
  for (const auto& m : v.roster)
    if (m.status == MemberStatus::member && m.person_id != except) tell(m.person_id);
}

// Concludes a concluding circle once the host and every current member have written their
// debrief (the last debrief, or the last member without one leaving).
Status conclude_if_all_debriefed(UseCase& uc, CircleView& v) {
  if (v.circle.state != CircleState::concluding) return {};
  if (!all_debriefed(v.circle, v.roster, storage::debriefs_of(uc.db(), storage::ContentOwner::circle(v.circle.id)))) return {};
  MH_CHECK(uc.change_circle_state(v.circle, CircleState::concluded, std::nullopt, "every debrief submitted"));
  const int called_off = call_off_circle_sessions_to_come(uc, v.circle);
  notify_circle(uc, v, 0,
                circle_notice(v.circle.id, 0, "concluded",
                              "The circle " + quoted(v.circle) + " is concluded: read everyone's debriefs side by side." +
                                  sessions_called_off(called_off)));
  return {};
}

// After a member is gone: the next in line moves up, and the circle may now be fully debriefed.
Status after_member_left(UseCase& uc, CircleView& v) {
  promote(uc, v);
  return conclude_if_all_debriefed(uc, v);
}

}  // namespace

int call_off_circle_sessions_to_come(UseCase& uc, const Circle& c) {
  int called_off = 0;
  for (CircleSession s : storage::circle_sessions_of(uc.db(), c.id)) {
    if (s.status != MeetingStatus::scheduled || s.starts_at <= uc.now()) continue;
    if (!change_session_status(s, MeetingStatus::cancelled, uc.now())) continue;  // the domain's rule, as by hand
    storage::update_circle_session(uc.db(), s);
    ++called_off;
  }
  return called_off;
}

std::string sessions_called_off(int count) {
  if (count == 0) return {};
  if (count == 1) return " Its session still to come is cancelled.";
  return " Its " + std::to_string(count) + " sessions still to come are cancelled.";
}

Status require_content(const CircleView& v) {
  if (v.role == CircleRole::none) return forbidden("only the circle's host and members can see or change its content");
  return {};
}

CirclePeople card_people(sql::Connection& db, const Circle& c) { return read_named_people(db, {c.host_id}); }

CircleView circle_view_of(sql::Connection& db, const Person& actor, Circle c) {
  const CircleId id = c.id;
  CircleView v{std::move(c), storage::roster_of(db, id)};
  v.role = circle_role(v.circle, actor.id, v.roster);
  return v;
}

Result<CircleView> circle_for(sql::Connection& db, const Person& actor, CircleId id) {
  auto c = storage::find_circle(db, id);
  if (!c) return not_found("no such circle");
  return circle_view_of(db, actor, std::move(*c));
}

Result<CircleView> circle_content_for(sql::Connection& db, const Person& actor, CircleId id) {
  MH_TRY(v, circle_for(db, actor, id));
  MH_CHECK(require_content(v));
  return v;
}

void CircleSettings::apply_to(Circle& c) const {
  if (topic) c.topic = *topic;
  if (description) c.description = *description;
  if (size_limit) c.size_limit = *size_limit;
  if (cadence_days) c.cadence_days = *cadence_days;
  if (medium) c.medium = *medium;
  if (membership) c.membership = *membership;
}

Result<Circle> create_circle(UseCase& uc, const Person& actor, bool actor_is_admin, PersonId host_id,
                             const CircleSettings& settings) {
  if (host_id != actor.id && !actor_is_admin)
    return Error{ErrorCode::forbidden, "only a program administrator may create a circle on a mentor's behalf",
                 "host_id"};
  if (!settings.topic) return invalid("topic", "is required");
  auto host = storage::find_person(uc.db(), host_id);
  if (!host) return invalid("host_id", "no person has this id");
  MH_CHECK(check_can_host(*host));
  Circle c;
  settings.apply_to(c);
  c.host_id = host_id;
  c.created_by = actor.id;
  c.created_at = c.updated_at = uc.now();
  MH_CHECK(validate_circle(c));
  c.id = storage::insert_circle(uc.db(), c);
  const bool on_behalf = c.created_by != c.host_id;
  uc.record_circle_change({c.id, std::nullopt, actor.id, "", "active",
                           on_behalf ? "created by an administrator on the host's behalf" : "created"});
  if (on_behalf)
    uc.notify(circle_notice(c.id, c.host_id, "circle_created",
                            actor.name + " created the circle " + quoted(c) +
                                " for you to host. Define its purpose with your members."));
  return c;
}

Status change_circle_settings(UseCase& uc, const Person& /*actor*/, CircleView& v, const CircleSettings& settings) {
  MH_CHECK(require_content(v));
  MH_CHECK(require_host(v, "changes its settings"));
  MH_CHECK(check_circle_workable(v.circle));
  Circle changed = v.circle;
  settings.apply_to(changed);
  MH_CHECK(validate_circle(changed));
  MH_CHECK(check_new_size_limit(v.circle, changed.size_limit, v.roster));
  const bool grew = changed.size_limit > v.circle.size_limit;
  v.circle = changed;
  touch(uc, v.circle);
  if (grew) promote(uc, v);
  return {};
}

Status set_accepting_members(UseCase& uc, const Person& actor, CircleView& v, bool accepting) {
  MH_CHECK(require_content(v));
  MH_CHECK(require_host(v, accepting ? "reopens it to new members" : "closes it to new members"));
  MH_CHECK(check_circle_workable(v.circle));
  if (v.circle.accepting_members == accepting) return {};
  v.circle.accepting_members = accepting;
  touch(uc, v.circle);
  uc.record_circle_change({v.circle.id, std::nullopt, actor.id, accepting ? "closed" : "open",
                           accepting ? "open" : "closed",
                           accepting ? "reopened to new members" : "closed to new members"});
  if (accepting) promote(uc, v);
  return {};
}

Status join_circle(UseCase& uc, const Person& actor, CircleView& v, const std::string& message) {
  MH_CHECK(check_can_join(v.circle, actor.id, v.roster));
  const MemberStatus to =
      v.circle.membership == Membership::by_request ? MemberStatus::requested : admission(v.circle, v.roster);
  CircleMember* existing = row_of(v, actor.id);
  CircleMember m = existing ? *existing : CircleMember{};
  m.circle_id = v.circle.id;
  m.person_id = actor.id;
  const std::string from = existing ? to_string(existing->status) : "";
  m.status = to;
  m.queue = storage::next_queue_number(uc.db(), v.circle.id);
  m.message = message;
  m.decline_reason.clear();
  m.requested_at = m.since = uc.now();
  storage::save_member(uc.db(), m);
  uc.record_circle_change({v.circle.id, actor.id, actor.id, from, to_string(to),
                           existing ? "rejoined" : (to == MemberStatus::requested ? "asked to join" : "joined")});
  if (existing) *existing = m;
  else v.roster.push_back(m);
  if (to == MemberStatus::requested)
    uc.notify(circle_notice(v.circle.id, v.circle.host_id, "circle_request",
                            actor.name + " asks to join your circle " + quoted(v.circle) +
                                (message.empty() ? "." : ": " + message))
                  .on(person_occasion(uc, actor.id)));
  else
    uc.notify(circle_notice(v.circle.id, v.circle.host_id, "circle_joined",
                            actor.name +
                                (to == MemberStatus::member ? " joined your circle " : " joined the waitlist of your circle ") +
                                quoted(v.circle) + ".")
                  .on(person_occasion(uc, actor.id)));
  return {};
}

Status leave_circle(UseCase& uc, const Person& actor, CircleView& v) {
  CircleMember* row = row_of(v, actor.id);
  MH_CHECK(check_can_leave(v.circle, actor.id, row));
  const bool was_member = row->status == MemberStatus::member;
  set_status(uc, v.circle, *row, MemberStatus::left, actor.id);
  if (!was_member) return {};
  uc.notify(circle_notice(v.circle.id, v.circle.host_id, "circle_left",
                          actor.name + " left your circle " + quoted(v.circle) + ".")
                .on(person_occasion(uc, actor.id)));
  return after_member_left(uc, v);
}

Status approve_member(UseCase& uc, const Person& actor, CircleView& v, PersonId person) {
  MH_CHECK(require_content(v));
  CircleMember* row = row_of(v, person);
  MH_CHECK(check_can_answer_request(v.circle, actor.id, row));
  if (!v.circle.accepting_members) return conflict("the circle is closed to new members; reopen it first", "state");
  const MemberStatus to = admission(v.circle, v.roster);
  row->queue = storage::next_queue_number(uc.db(), v.circle.id);
  set_status(uc, v.circle, *row, to, actor.id, "request approved");
  uc.notify(circle_notice(v.circle.id, person, "circle_approved",
                          actor.name + " welcomed you to the circle " + quoted(v.circle) +
                              (to == MemberStatus::member
                                   ? "."
                                   : ". It is full for now: you are on the waitlist and will move up in order."))
                .on(now_occasion(uc)));
  return {};
}

Status decline_member(UseCase& uc, const Person& actor, CircleView& v, PersonId person, const std::string& reason) {
  MH_CHECK(require_content(v));
  CircleMember* row = row_of(v, person);
  MH_CHECK(check_can_answer_request(v.circle, actor.id, row));
  MH_CHECK(check_required_text("reason", reason, 2000));
  row->decline_reason = reason;
  set_status(uc, v.circle, *row, MemberStatus::declined, actor.id);
  uc.notify(circle_notice(v.circle.id, person, "circle_declined",
                          actor.name + " declined your request to join " + quoted(v.circle) + ": " + reason)
                .on(now_occasion(uc)));
  return {};
}

Status remove_member(UseCase& uc, const Person& actor, CircleView& v, PersonId person) {
  MH_CHECK(require_content(v));
  CircleMember* row = row_of(v, person);
  MH_CHECK(check_can_remove(v.circle, actor.id, row));
  const bool was_member = row->status == MemberStatus::member;
  set_status(uc, v.circle, *row, MemberStatus::removed, actor.id);
  uc.notify(circle_notice(v.circle.id, person, "circle_removed",
                          "The host removed you from the circle " + quoted(v.circle) + ".")
                .on(now_occasion(uc)));
  return was_member ? after_member_left(uc, v) : Status{};
}

Status draft_circle_purpose(UseCase& uc, const Person& actor, CircleView& v, std::vector<Objective> objectives,
                            std::string desired_outcome) {
  MH_CHECK(require_content(v));
  CirclePurpose p = storage::load_circle_purpose(uc.db(), v.circle.id);
  for (std::size_t i = 0; i < objectives.size(); ++i)
    if (objectives[i].id != 0 && std::none_of(p.objectives.begin(), p.objectives.end(),
                                              [&](const Objective& o) { return o.id == objectives[i].id; }))
      return invalid("objectives[" + std::to_string(i) + "].id", "is not an objective of this circle");
  MH_CHECK(redraft_circle_purpose(p, v.circle, std::move(objectives), std::move(desired_outcome)));
  storage::save_circle_purpose(uc.db(), v.circle.id, p);
  if (v.role != CircleRole::host)
    uc.notify(circle_notice(v.circle.id, v.circle.host_id, "purpose_to_agree",
                            actor.name + " drafted the purpose of " + quoted(v.circle) + "; read it and agree, or change it.")
                  .on("version:" + std::to_string(p.version)));
  return {};
}

Status agree_to_circle_purpose(UseCase& uc, const Person& actor, CircleView& v, int version) {
  MH_CHECK(require_content(v));
  CirclePurpose p = storage::load_circle_purpose(uc.db(), v.circle.id);
  MH_TRY(now_agreed, agree_circle_purpose(p, v.circle, actor.id, version, uc.now()));
  if (!now_agreed) return {};
  storage::save_circle_purpose(uc.db(), v.circle.id, p);
  const std::string agreed = "purpose version " + std::to_string(p.version) + " agreed";
  uc.record_circle_change({v.circle.id, std::nullopt, actor.id, "", "purpose_agreed", agreed});
  notify_circle(uc, v, actor.id,
                circle_notice(v.circle.id, 0, "purpose_agreed",
                              "The host agreed the purpose of " + quoted(v.circle) + " (version " +
                                  std::to_string(p.version) + ").")
                    .on("version:" + std::to_string(p.version)));
  return {};
}

Result<CircleSession> schedule_circle_session(UseCase& uc, const Person& actor, CircleView& v,
                                              const NewCircleSession& in) {
  MH_CHECK(require_content(v));
  MH_CHECK(require_host(v, "schedules group sessions"));
  CircleSession s;
  s.circle_id = v.circle.id;
  s.starts_at = in.starts_at;
  if (in.duration_minutes) s.duration_minutes = *in.duration_minutes;
  s.medium = in.medium.value_or(v.circle.medium);
  s.where = in.where;
  s.created_at = uc.now();
  MH_CHECK(validate_new_session(s, v.circle, uc.now()));
  s.id = storage::insert_circle_session(uc.db(), s);
  notify_circle(uc, v, actor.id,
                circle_notice(v.circle.id, 0, "circle_session_scheduled",
                              "A session of " + quoted(v.circle) + " is scheduled on " + format_iso8601(s.starts_at) + ".")
                    .about(subject("circle_session", s.id)));
  return s;
}

Result<CircleSession> circle_session_of(const UseCase& uc, const CircleView& v, CircleSessionId id) {
  MH_CHECK(require_content(v));
  auto s = storage::find_circle_session(uc.db(), v.circle.id, id);
  if (!s) return not_found("no such session in this circle");
  return std::move(*s);
}

Result<CircleSession> change_circle_session(UseCase& uc, const Person& /*actor*/, CircleView& v, CircleSessionId id,
                                            const CircleSessionChanges& changes) {
  MH_TRY(s, circle_session_of(uc, v, id));
  MH_CHECK(check_circle_workable(v.circle));
  const bool host_fields = changes.status || changes.starts_at || changes.duration_minutes || changes.medium ||
                           changes.where;
  if (host_fields) MH_CHECK(require_host(v, "moves, holds or cancels a session; members may edit the notes"));
  if (changes.starts_at || changes.duration_minutes) {
    if (s.status != MeetingStatus::scheduled) return conflict("only a scheduled session can be moved", "starts_at");
    if (changes.starts_at) s.starts_at = *changes.starts_at;
    if (changes.duration_minutes) s.duration_minutes = *changes.duration_minutes;
    MH_CHECK(validate_new_session(s, v.circle, uc.now()));
  }
  if (changes.medium) s.medium = *changes.medium;
  if (changes.where) s.where = *changes.where;
  if (changes.notes) s.notes = *changes.notes;
  if (changes.status) MH_CHECK(change_session_status(s, *changes.status, uc.now()));
  storage::update_circle_session(uc.db(), s);
  return s;
}

Result<CircleSession> record_attendance(UseCase& uc, const Person& actor, CircleView& v, CircleSessionId id,
                                        const std::vector<std::pair<PersonId, Attendance>>& entries) {
  MH_TRY(s, circle_session_of(uc, v, id));
  MH_CHECK(check_circle_workable(v.circle));
  if (entries.empty()) return invalid("attendance", "must be a list of {person_id, status}");
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const auto& [person, a] = entries[i];
    const CircleMember* m = find_member(v.roster, person);
    if (!m || m->status != MemberStatus::member)
      return invalid("attendance[" + std::to_string(i) + "].person_id", "is not a member of the circle");
    MH_CHECK(check_attendance(s, a, actor.id, v.circle.host_id, person, uc.now()));
    storage::save_attendance(uc.db(), {s.id, person, a, actor.id, uc.now()});
  }
  return s;
}

Result<std::pair<CircleSession, Story>> tell_circle_story(UseCase& uc, const Person& actor, CircleView& v,
                                                          CircleSessionId id, Story story) {
  MH_TRY(s, circle_session_of(uc, v, id));
  MH_CHECK(check_circle_workable(v.circle));
  MH_CHECK(validate_story(story));
  MH_CHECK(check_can_tell_story(s, v.circle, actor.id, uc.now()));
  story.meeting_id = s.id;
  story.teller_id = actor.id;
  story.id = storage::insert_circle_story(uc.db(), v.circle.id, story, uc.now());
  notify_circle(uc, v, actor.id,
                circle_notice(v.circle.id, 0, "story_to_reflect",
                              actor.name + " shared a story in " + quoted(v.circle) + " (" + story.point +
                                  "). What did you learn from it, or what can you apply?")
                    .about(subject("circle_story", story.id)));
  return std::pair{std::move(s), std::move(story)};
}

Status reflect_on_circle_story(UseCase& uc, const Person& actor, CircleView& v, StoryId id,
                               const std::string& reflection) {
  MH_CHECK(require_content(v));
  MH_CHECK(validate_reflection(reflection));
  if (v.role != CircleRole::member) return forbidden("members reflect on the host's stories");
  MH_CHECK(check_circle_workable(v.circle));
  const auto stories = storage::circle_stories_of(uc.db(), v.circle.id);
  if (std::none_of(stories.begin(), stories.end(), [&](const Story& s) { return s.id == id; }))
    return not_found("no such story in this circle");
  storage::save_circle_reflection(uc.db(), {id, actor.id, reflection, uc.now()});
  return {};
}

Result<ActionItem> add_action_item(UseCase& uc, const Person& actor, CircleView& v, std::optional<PersonId> owner,
                                   const TaskChanges& fields) {
  MH_CHECK(require_content(v));
  if (!fields.title) return invalid("title", "is required");
  if (fields.status) return invalid("status", "a new action item is open");
  MH_CHECK(check_circle_workable(v.circle));
  ActionItem item;
  fields.apply_to(item.task);
  item.task.created_at = uc.now();
  item.task.relationship_id = v.circle.id;
  item.created_by = actor.id;
  if (v.role == CircleRole::member) {
    if (owner && *owner != actor.id)
      return forbidden("a member adds their own action items; the host may add one for any member");
    item.owner_id = actor.id;
  } else {
    if (!owner) return invalid("owner_id", "is required: the member whose action item this is");
    item.owner_id = *owner;
  }
  MH_CHECK(validate_action_item(item, storage::load_circle_purpose(uc.db(), v.circle.id), v.roster));
  item.task.id = storage::insert_task(uc.db(), storage::ContentOwner::circle(v.circle.id), item);
  if (item.owner_id != actor.id)
    uc.notify(circle_notice(v.circle.id, item.owner_id, "circle_action_item",
                            actor.name + " added an action item for you in " + quoted(v.circle) + ": " + item.task.title)
                  .about(subject("action_item", item.task.id)));
  return item;
}

Result<ActionItem> action_item_for(const UseCase& uc, const Person& actor, const CircleView& v, ActionItemId id) {
  MH_CHECK(require_content(v));
  auto item = storage::find_task(uc.db(), storage::ContentOwner::circle(v.circle.id), id);
  if (!item) return not_found("no such action item in this circle");
  if (!can_see_action_item(v.circle, *item, actor.id))
    return forbidden("a member's action items are seen and changed by that member and the host only");
  return std::move(*item);
}

Result<std::vector<ActionItem>> action_items_for(const UseCase& uc, const Person& actor, const CircleView& v,
                                                std::optional<PersonId> owner) {
  MH_CHECK(require_content(v));
  if (v.role == CircleRole::member) {
    if (owner && *owner != actor.id) return forbidden("a member's action items are seen by that member and the host only");
    owner = actor.id;
  }
  return storage::tasks_of(uc.db(), storage::ContentOwner::circle(v.circle.id), owner);
}

Result<ActionItem> change_action_item(UseCase& uc, const Person& actor, CircleView& v, ActionItemId id,
                                      const TaskChanges& changes) {
  MH_TRY(item, action_item_for(uc, actor, v, id));
  MH_CHECK(check_circle_workable(v.circle));
  changes.apply_to(item.task);
  if (changes.status) MH_CHECK(set_task_status(item.task, *changes.status, uc.now()));
  // A member who has left keeps their items, but they can no longer change.
  MH_CHECK(validate_action_item(item, storage::load_circle_purpose(uc.db(), v.circle.id), v.roster));
  storage::update_task(uc.db(), storage::ContentOwner::circle(v.circle.id), item);
  return item;
}

Status start_circle_conclusion(UseCase& uc, const Person& actor, CircleView& v) {
  MH_CHECK(require_content(v));
  MH_CHECK(check_can_start_circle_conclusion(v.circle, actor.id));
  MH_CHECK(uc.change_circle_state(v.circle, CircleState::concluding, actor.id));
  notify_circle(uc, v, actor.id,
                circle_notice(v.circle.id, 0, "concluding",
                              actor.name + " started concluding the circle " + quoted(v.circle) +
                                  ". Write your debrief: what was achieved, and what you would do differently next "
                                  "time."));
  return {};
}

Status submit_circle_debrief(UseCase& uc, const Person& actor, CircleView& v, Debrief debrief) {
  MH_CHECK(require_content(v));
  debrief.author_id = actor.id;
  debrief.submitted_at = uc.now();
  MH_CHECK(validate_circle_debrief(debrief, v.circle, storage::load_circle_purpose(uc.db(), v.circle.id), v.roster));
  storage::save_debrief(uc.db(), storage::ContentOwner::circle(v.circle.id), debrief);
  return conclude_if_all_debriefed(uc, v);
}

}  // namespace mh::services
