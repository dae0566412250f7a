// The relationship's workspace, the five actions' content for its two participants: 1 the
// purpose, 2 the logistics, 3 the action plan, 4 meetings, notes and stories (5, the debrief, is
// in conclusion.hpp). Each function is one use case inside the caller's transaction (see
// use_case.hpp), open to the relationship's mentee and mentor only.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/logistics.hpp"
#include "domain/meetings.hpp"
#include "domain/plan.hpp"
#include "domain/purpose.hpp"
#include "services/use_case.hpp"

namespace mh::services {

// Drafts or redrafts the purpose (objectives with id 0 are new; others must be this
// relationship's), bumping its version so earlier agreements no longer count; the other person is
// asked to read it. Each participant then agrees to the version they read.
Status draft_purpose(UseCase& uc, const Person& actor, Relationship& r, std::vector<Objective> objectives,
                     std::string desired_outcome);
// Agrees to purpose `version`; when both have, a starting relationship becomes active and the
// purpose as agreed is kept for the debrief.
Status agree_to_purpose(UseCase& uc, const Person& actor, Relationship& r, int version);
Status set_logistics(UseCase& uc, const Person& actor, Relationship& r, const Logistics& logistics);

// The task fields a change gives; absent ones stay as they are.
struct TaskChanges {
  std::optional<std::optional<ObjectiveId>> objective_id;
  std::optional<TaskType> type;
  std::optional<std::string> title;
  std::optional<std::string> notes;
  std::optional<Role> owner;
  std::optional<std::optional<TimePoint>> due;  // a day: midnight UTC at its start
  std::optional<TaskStatus> status;
  void apply_to(Task& t) const;
};
// A new open task; `changes.title` is required and `changes.status` refused.
Result<Task> add_task(UseCase& uc, const Person& actor, Relationship& r, const TaskChanges& changes);
Result<Task> change_task(UseCase& uc, const Person& actor, Relationship& r, TaskId id, const TaskChanges& changes);

// A meeting to schedule, or to record after it happened (`already_held`): what it does not say
// comes from the pair's logistics.
struct NewMeeting {
  TimePoint starts_at{};
  std::optional<int> duration_minutes;
  std::optional<Medium> medium;
  std::string where;
  bool already_held = false;
  std::string shared_notes;  // only for a meeting recorded afterwards
};
// Schedules a future meeting, or records one that already happened (held from the start, marked
// `recorded_afterwards`); the other participant is told either way.
Result<Meeting> schedule_meeting(UseCase& uc, const Person& actor, Relationship& r, const NewMeeting& in);

struct MeetingChanges {
  std::optional<TimePoint> starts_at;
  std::optional<int> duration_minutes;
  std::optional<Medium> medium;
  std::optional<std::string> where;
  std::optional<std::string> shared_notes;
  std::optional<MeetingStatus> status;
};
// Moves (only a scheduled meeting), edits, or holds / cancels / marks a no-show.
Result<Meeting> change_meeting(UseCase& uc, const Person& actor, Relationship& r, MeetingId id,
                               const MeetingChanges& changes);
// When `r` has ended: its meetings still to come are cancelled, and both calendars get the
// cancellation with `why`, so that nobody keeps a slot for a meeting that will not happen.
void call_off_meetings_to_come(UseCase& uc, const Relationship& r, const std::string& why);
// The meeting `id` of `r`, for reading or writing: not_found if it is not one of r's.
Result<Meeting> meeting_of(const UseCase& uc, const Relationship& r, MeetingId id);
// The actor's own note on a meeting; nobody else ever reads it.
Status save_private_note(UseCase& uc, const Person& actor, Relationship& r, MeetingId id, const std::string& text);
// The mentor logs a story told in a meeting that has started and was not cancelled; the mentee
// is asked what they learned.
Result<Story> add_story(UseCase& uc, const Person& actor, Relationship& r, MeetingId id, Story story);
// The mentee reflects on a story.
Status reflect_on_story(UseCase& uc, const Person& actor, Relationship& r, StoryId id, const std::string& reflection);

// Scheduling or holding a meeting brings a fading relationship back to life.
Status revive_if_fading(UseCase& uc, Relationship& r, std::optional<PersonId> by);

}  // namespace mh::services
