#include "services/workspace.hpp"

#include <algorithm>

#include "storage/content_repo.hpp"
#include "storage/relationships_repo.hpp"
#include "storage/workspace_repo.hpp"

namespace mh::services {

Status draft_purpose(UseCase& uc, const Person& actor, Relationship& r, std::vector<Objective> objectives,
                     std::string desired_outcome) {
  MH_CHECK(require_participant(r, actor));
  Purpose p = storage::load_purpose(uc.db(), r.id);
  for (size_t i = 0; i < objectives.size(); ++i)
    if (objectives[i].id != 0 && std::none_of(p.objectives.begin(), p.objectives.end(),
                                              [&](const Objective& o) { return o.id == objectives[i].id; }))
      return invalid("objectives[" + std::to_string(i) + "].id", "is not an objective of this relationship");
  const bool was_agreed = p.is_agreed();
  MH_CHECK(redraft_purpose(p, r.state, std::move(objectives), std::move(desired_outcome)));
  storage::save_purpose(uc.db(), r.id, p);
  uc.notify(relationship_notice(r, r.other_than(actor.id), "purpose_to_agree",
                                actor.name + (was_agreed ? " changed the agreed purpose; please read and agree again."
                                                         : " drafted your purpose; read it and agree, or suggest changes."),
                                "purpose")
                .on("version:" + std::to_string(p.version)));
  return {};
}

Status agree_to_purpose(UseCase& uc, const Person& actor, Relationship& r, int version) {
  MH_CHECK(require_participant(r, actor));
  Purpose p = storage::load_purpose(uc.db(), r.id);
  MH_TRY(now_agreed, agree_purpose(p, r.state, *r.role_of(actor.id), version, uc.now()));
  storage::save_purpose(uc.db(), r.id, p);
  if (!now_agreed) return {};
  storage::set_first_agreed_purpose(uc.db(), r.id, p);
  if (r.state == RelState::starting) MH_CHECK(uc.change_state(r, RelState::active, actor.id, "purpose agreed"));
  uc.notify(relationship_notice(r, r.other_than(actor.id), "purpose_agreed",
                                "You both agreed the purpose (version " + std::to_string(p.version) + ").", "purpose")
                .on("version:" + std::to_string(p.version)));
  return {};
}

Status set_logistics(UseCase& uc, const Person& actor, Relationship& r, const Logistics& logistics) {
  MH_CHECK(require_participant(r, actor));
  MH_CHECK(require_workable(r));
  MH_CHECK(validate_logistics(logistics, uc.now()));
  storage::save_logistics(uc.db(), r.id, logistics);
  return {};
}

void TaskChanges::apply_to(Task& t) const {
  if (objective_id) t.objective_id = *objective_id;
  if (type) t.type = *type;
  if (title) t.title = *title;
  if (notes) t.notes = *notes;
  if (owner) t.owner = *owner;
  if (due) t.due = *due;
}

Result<Task> add_task(UseCase& uc, const Person& actor, Relationship& r, const TaskChanges& changes) {
  MH_CHECK(require_participant(r, actor));
  if (changes.status) return invalid("status", "a new task is open");
  if (!changes.title) return invalid("title", "is required");
  MH_CHECK(require_workable(r));
  Task t;
  changes.apply_to(t);
  t.relationship_id = r.id;
  t.created_at = uc.now();
  MH_CHECK(validate_task(t, storage::load_purpose(uc.db(), r.id)));
  t.id = storage::insert_task(uc.db(), storage::ContentOwner::relationship(r.id), ActionItem{t});
  return t;
}

Result<Task> change_task(UseCase& uc, const Person& actor, Relationship& r, TaskId id, const TaskChanges& changes) {
  MH_CHECK(require_participant(r, actor));
  MH_CHECK(require_workable(r));
  const auto owner = storage::ContentOwner::relationship(r.id);
  auto item = storage::find_task(uc.db(), owner, id);
  if (!item) return not_found("no such task in this relationship");
  Task& t = item->task;
  changes.apply_to(t);
  if (changes.status) MH_CHECK(set_task_status(t, *changes.status, uc.now()));
  MH_CHECK(validate_task(t, storage::load_purpose(uc.db(), r.id)));
  storage::update_task(uc.db(), owner, *item);
  return std::move(t);
}

Status revive_if_fading(UseCase& uc, Relationship& r, std::optional<PersonId> by) {
  if (r.state != RelState::fading) return {};
  const Activity a = storage::load_activity(uc.db(), r, uc.rules().default_cadence_days, uc.now());
  if (!should_revive(a, uc.now())) return {};
  return uc.change_state(r, RelState::active, by, "a meeting is planned again");
}

Result<Meeting> schedule_meeting(UseCase& uc, const Person& actor, Relationship& r, const NewMeeting& in) {
  MH_CHECK(require_participant(r, actor));
  Meeting m;
  m.relationship_id = r.id;
  m.starts_at = in.starts_at;
  if (in.duration_minutes) m.duration_minutes = *in.duration_minutes;
  if (in.medium) m.medium = *in.medium;
  m.where = in.where;
  m.created_at = uc.now();
  // The logistics the pair decided fill what this meeting does not say.
  if (auto l = storage::load_logistics(uc.db(), r.id)) {
    if (!in.medium) m.medium = l->medium;
    if (m.where.empty()) m.where = l->where;
  }
  if (in.already_held) {
    MH_CHECK(validate_recorded_meeting(m, r.state, uc.now()));
    m.status = MeetingStatus::held;
    m.recorded_afterwards = true;
    m.shared_notes = in.shared_notes;
  } else {
    if (!in.shared_notes.empty()) return invalid("shared_notes", "are written once the meeting has been held");
    MH_CHECK(validate_new_meeting(m, r.state, uc.now()));
  }
  const auto tasks = storage::plain_tasks(storage::tasks_of(uc.db(), storage::ContentOwner::relationship(r.id)));
  m.agenda = build_agenda(storage::load_purpose(uc.db(), r.id), tasks, uc.now());
  m.id = storage::insert_meeting(uc.db(), m);
  MH_CHECK(revive_if_fading(uc, r, actor.id));
  if (in.already_held)
    uc.notify(relationship_notice(r, r.other_than(actor.id), "meeting_recorded",
                                  actor.name + " recorded your meeting of " + format_iso8601(m.starts_at) + ".",
                                  "meetings")
                  .about(subject("meeting", m.id)));
  else {
    const std::string what = actor.name + " scheduled a meeting on " + format_iso8601(m.starts_at) + ".";
    Notified told;
    told.person_id = r.other_than(actor.id);
    const auto id = uc.notify(
        relationship_notice(r, told.person_id, "meeting_scheduled", what, "meetings").about(subject("meeting", m.id)));
    if (id) told.id = *id;
    uc.mail_meeting_change(r, m, what, id ? std::optional<Notified>(told) : std::nullopt);
  }
  return m;
}

Result<Meeting> meeting_of(const UseCase& uc, const Relationship& r, MeetingId id) {
  auto m = storage::find_meeting(uc.db(), r.id, id);
  if (!m) return not_found("no such meeting in this relationship");
  return std::move(*m);
}

Result<Meeting> change_meeting(UseCase& uc, const Person& actor, Relationship& r, MeetingId id,
                               const MeetingChanges& changes) {
  MH_CHECK(require_participant(r, actor));
  MH_TRY(m, meeting_of(uc, r, id));
  MH_CHECK(require_workable(r));
  const Meeting before = m;
  if (changes.starts_at || changes.duration_minutes) {
    if (m.status != MeetingStatus::scheduled) return conflict("only a scheduled meeting can be moved", "starts_at");
    if (changes.starts_at) m.starts_at = *changes.starts_at;
    if (changes.duration_minutes) m.duration_minutes = *changes.duration_minutes;
    MH_CHECK(validate_new_meeting(m, r.state, uc.now()));
  }
  if (changes.medium) m.medium = *changes.medium;
  if (changes.where) m.where = *changes.where;
  if (changes.shared_notes) m.shared_notes = *changes.shared_notes;
  if (changes.status) MH_CHECK(change_meeting_status(m, *changes.status, uc.now()));
  storage::update_meeting(uc.db(), m);
  MH_CHECK(revive_if_fading(uc, r, actor.id));
  // What a calendar shows changed: both calendars get the new invitation or the cancellation.
  const bool cancelled = m.status == MeetingStatus::cancelled && before.status != MeetingStatus::cancelled;
  if (cancelled)
    uc.mail_meeting_change(r, m, actor.name + " cancelled the meeting of " + format_iso8601(m.starts_at) + ".");
  else if (m.status == MeetingStatus::scheduled &&
           (m.starts_at != before.starts_at || m.duration_minutes != before.duration_minutes ||
            m.medium != before.medium || m.where != before.where))
    uc.mail_meeting_change(r, m,
                           actor.name + " changed the meeting: " + format_iso8601(m.starts_at) + ", " +
                               std::to_string(m.duration_minutes) + " minutes" +
                               (m.where.empty() ? std::string() : ", " + m.where) + ".");
  return m;
}

void call_off_meetings_to_come(UseCase& uc, const Relationship& r, const std::string& why) {
  for (Meeting m : storage::meetings_of(uc.db(), r.id)) {
    if (m.status != MeetingStatus::scheduled || m.starts_at <= uc.now()) continue;
    if (!change_meeting_status(m, MeetingStatus::cancelled, uc.now())) continue;  // the domain's rule, as by hand
    storage::update_meeting(uc.db(), m);
    uc.mail_meeting_change(r, m, why);
  }
}

Status save_private_note(UseCase& uc, const Person& actor, Relationship& r, MeetingId id, const std::string& text) {
  MH_CHECK(require_participant(r, actor));
  MH_TRY(m, meeting_of(uc, r, id));
  MH_CHECK(require_workable(r));
  storage::save_private_note(uc.db(), m.id, actor.id, text, uc.now());
  return {};
}

Result<Story> add_story(UseCase& uc, const Person& actor, Relationship& r, MeetingId id, Story story) {
  MH_CHECK(require_participant(r, actor));
  MH_CHECK(validate_story(story));
  MH_TRY(m, meeting_of(uc, r, id));
  MH_CHECK(require_workable(r));
  if (r.role_of(actor.id) != Role::mentor)
    return forbidden("stories are logged by the mentor; the mentee answers them with a reflection");
  if (m.status == MeetingStatus::cancelled || m.status == MeetingStatus::no_show)
    return conflict(std::string("the meeting is ") + to_string(m.status) + "; no story was told in it", "status");
  if (m.starts_at > uc.now()) return conflict("the meeting has not started yet; log its stories when you meet", "status");
  story.meeting_id = m.id;
  story.teller_id = actor.id;
  story.id = storage::insert_story(uc.db(), story, uc.now());
  uc.notify(relationship_notice(r, r.mentee_id, "story_to_reflect",
                                actor.name + " shared a story (" + story.point +
                                    "). What did you learn from it, or what can you apply?",
                                "meetings")
                .about(subject("story", story.id)));
  return story;
}

Status reflect_on_story(UseCase& uc, const Person& actor, Relationship& r, StoryId id, const std::string& reflection) {
  MH_CHECK(require_participant(r, actor));
  MH_CHECK(validate_reflection(reflection));
  MH_CHECK(require_workable(r));
  if (r.role_of(actor.id) != Role::mentee) return forbidden("the mentee reflects on the mentor's stories");
  const auto stories = storage::stories_of(uc.db(), r.id);
  if (std::none_of(stories.begin(), stories.end(), [&](const Story& s) { return s.id == id; }))
    return not_found("no such story in this relationship");
  storage::save_reflection(uc.db(), id, reflection, uc.now());
  return {};
}

}  // namespace mh::services
