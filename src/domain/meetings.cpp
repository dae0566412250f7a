#include "domain/meetings.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "domain/enum_names.hpp"
#include "domain/text.hpp"

namespace mh {

namespace {
constexpr EnumNames<MeetingStatus, 4> kStatuses{{"scheduled", "held", "cancelled", "no_show"}};
constexpr EnumNames<AgendaItem::Kind, 3> kKinds{{"overdue_task", "open_task", "objective"}};

}  // namespace

const char* to_string(MeetingStatus s) { return kStatuses.name(s); }
std::optional<MeetingStatus> parse_meeting_status(std::string_view s) { return kStatuses.parse(s); }
const char* to_string(AgendaItem::Kind k) { return kKinds.name(k); }
std::optional<AgendaItem::Kind> parse_agenda_kind(std::string_view s) { return kKinds.parse(s); }

std::vector<AgendaItem> build_agenda(const Purpose& purpose, const std::vector<Task>& tasks, TimePoint now) {
  std::vector<const Task*> overdue, open;
  for (const Task& t : tasks) {
    if (is_overdue(t, now)) overdue.push_back(&t);
    else if (t.status == TaskStatus::open) open.push_back(&t);
  }
  // Earliest due first; undated tasks after dated ones; ties by id so the order is stable.
  auto by_due = [](const Task* a, const Task* b) {
    if (a->due.has_value() != b->due.has_value()) return a->due.has_value();
    if (a->due && *a->due != *b->due) return *a->due < *b->due;
    return a->id < b->id;
  };
  std::sort(overdue.begin(), overdue.end(), by_due);
  std::sort(open.begin(), open.end(), by_due);
  std::vector<AgendaItem> agenda;
  for (const Task* t : overdue)
    agenda.push_back({AgendaItem::Kind::overdue_task, t->id, "Overdue since " + format_date(*t->due) + ": " + t->title});
  for (const Task* t : open)
    agenda.push_back({AgendaItem::Kind::open_task, t->id,
                      t->due ? t->title + " (due " + format_date(*t->due) + ")" : t->title});
  for (const Objective& o : purpose.objectives)
    agenda.push_back({AgendaItem::Kind::objective, o.id, "Progress on: " + o.description});
  return agenda;
}

Status validate_new_meeting(const Meeting& m, RelState state, TimePoint now) {
  if (!is_workable(state))
    return conflict(std::string("the relationship is ") + to_string(state) + "; no meeting can be scheduled", "state");
  if (m.starts_at <= now) return invalid("starts_at", "must be in the future");
  if (m.starts_at > now + std::chrono::days(366)) return invalid("starts_at", "must be within the next year");
  if (m.duration_minutes < 5 || m.duration_minutes > 480)
    return invalid("duration_minutes", "must be between 5 and 480 minutes");
  if (m.where.size() > 500) return invalid("where", "is longer than 500 characters");
  return {};
}

Status validate_recorded_meeting(const Meeting& m, RelState state, TimePoint now) {
  if (!is_workable(state))
    return conflict(std::string("the relationship is ") + to_string(state) + "; no meeting can be recorded", "state");
  if (m.starts_at > now) return invalid("starts_at", "a meeting recorded as held must have started already");
  if (m.starts_at < now - std::chrono::days(366)) return invalid("starts_at", "must be within the past year");
  if (m.duration_minutes < 5 || m.duration_minutes > 480)
    return invalid("duration_minutes", "must be between 5 and 480 minutes");
  if (m.where.size() > 500) return invalid("where", "is longer than 500 characters");
  return {};
}

Status change_meeting_status(Meeting& m, MeetingStatus to, TimePoint now) {
  if (m.status == to) return {};
  if (m.status != MeetingStatus::scheduled)
    return conflict(std::string("the meeting is ") + to_string(m.status) + "; its status cannot change", "status");
  if ((to == MeetingStatus::held || to == MeetingStatus::no_show) && m.starts_at > now)
    return conflict("the meeting has not started yet", "status");
  m.status = to;
  return {};
}

std::vector<std::string> story_hints(MeetingId meeting, const std::vector<Story>& all_stories) {
  std::vector<std::string> hints;
  const auto in_meeting = std::count_if(all_stories.begin(), all_stories.end(),
                                        [&](const Story& s) { return s.meeting_id == meeting; });
  if (in_meeting > kMaxStoriesPerMeeting)
    hints.push_back("That is " + std::to_string(in_meeting) +
                    " stories in this meeting. Stories help crystallise a point, but be careful not to dominate the "
                    "conversation: leave room for your mentee.");
  // Earlier: told before the latest story of this meeting, in another meeting.
  StoryId latest = 0;
  for (const Story& s : all_stories)
    if (s.meeting_id == meeting) latest = std::max(latest, s.id);
  const auto unreflected = std::count_if(all_stories.begin(), all_stories.end(), [&](const Story& s) {
    return s.meeting_id != meeting && s.id < latest && s.reflection.empty();
  });
  if (unreflected > 0)
    hints.push_back(std::to_string(unreflected) + (unreflected == 1 ? " earlier story has" : " earlier stories have") +
                    " no reflection yet. When you share a story, ask what they learned from it or can apply.");
  return hints;
}

Status validate_story(const Story& s) {
  if (blank(s.story)) return invalid("story", "must not be empty");
  if (s.story.size() > 4000) return invalid("story", "is longer than 4000 characters");
  if (blank(s.point)) return invalid("point", "say which point the story makes");
  if (s.point.size() > 1000) return invalid("point", "is longer than 1000 characters");
  return {};
}

Status validate_reflection(const std::string& reflection) {
  if (blank(reflection)) return invalid("reflection", "must not be empty");
  if (reflection.size() > 4000) return invalid("reflection", "is longer than 4000 characters");
  return {};
}

}  // namespace mh
