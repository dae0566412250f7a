// Action 4, meetings and stories. Scheduling a meeting builds its agenda from the action
// plan (overdue tasks first, then open tasks, then the objectives), so the pair always has
// something to follow up on. A mentor logs the stories they tell and the point each makes;
// the mentee is asked what they learned or will apply. Too many stories in one meeting, or
// stories left without a reflection, give the mentor a gentle hint, never a block.
// Pure; thread-safe values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "domain/plan.hpp"
#include "domain/purpose.hpp"

namespace mh {

using MeetingId = std::int64_t;
using StoryId = std::int64_t;

enum class MeetingStatus { scheduled, held, cancelled, no_show };
const char* to_string(MeetingStatus s);
std::optional<MeetingStatus> parse_meeting_status(std::string_view s);

struct AgendaItem {
  enum class Kind { overdue_task, open_task, objective };
  Kind kind = Kind::objective;
  std::int64_t ref_id = 0;  // the task or objective
  std::string text;
  bool operator==(const AgendaItem&) const = default;
};
const char* to_string(AgendaItem::Kind k);
std::optional<AgendaItem::Kind> parse_agenda_kind(std::string_view s);

struct Meeting {
  MeetingId id = 0;
  RelationshipId relationship_id = 0;
  TimePoint starts_at{};
  int duration_minutes = 60;
  Medium medium = Medium::video;
  std::string where;
  MeetingStatus status = MeetingStatus::scheduled;
  std::vector<AgendaItem> agenda;
  std::string shared_notes;
  TimePoint created_at{};
  bool recorded_afterwards = false;  // written down after it happened, held from the start
  int calendar_sequence = 0;  // RFC 5545 SEQUENCE: raised by the store when time, place or cancellation change
};

struct Story {
  StoryId id = 0;
  MeetingId meeting_id = 0;
  PersonId teller_id = 0;
  std::string story;
  std::string point;  // the point it makes
  std::string reflection;  // what the mentee learned or will apply; empty until answered
  std::optional<TimePoint> reflected_at;
};

inline constexpr int kMaxStoriesPerMeeting = 2;

// The agenda for a new meeting: overdue tasks, then open tasks (by due date), then objectives.
std::vector<AgendaItem> build_agenda(const Purpose& purpose, const std::vector<Task>& tasks, TimePoint now);

// A new meeting must start in the future (within a year) and last 5 to 480 minutes, in a
// workable relationship.
Status validate_new_meeting(const Meeting& m, RelState state, TimePoint now);

// scheduled -> held (only once it has started) | cancelled | no_show; a held meeting stays
// held. 409 naming the status otherwise.
Status change_meeting_status(Meeting& m, MeetingStatus to, TimePoint now);
// A meeting the pair records after it happened: in a workable relationship, started by `now` and
// at most a year ago, with the duration and place limits of a new meeting.
Status validate_recorded_meeting(const Meeting& m, RelState state, TimePoint now);

// The mentor's hints after logging a story in `meeting`, given every story of the relationship.
std::vector<std::string> story_hints(MeetingId meeting, const std::vector<Story>& all_stories);

Status validate_story(const Story& s);
Status validate_reflection(const std::string& reflection);

}  // namespace mh
