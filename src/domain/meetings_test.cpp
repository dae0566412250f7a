// Action 4, meetings and stories: the agenda built from the plan, scheduling rules, meeting
// status changes, and the hints a mentor gets about the stories they tell.
#include "domain/meetings.hpp"

#include <gtest/gtest.h>

#include "domain/testing.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace mh {
namespace {

using namespace mh::testing;

Task task(TaskId id, std::string title, std::optional<TimePoint> due, TaskStatus status = TaskStatus::open) {
  Task t;
  t.id = id;
  t.title = std::move(title);
  t.due = due;
  t.status = status;
  return t;
}

using Kind = AgendaItem::Kind;

std::vector<std::int64_t> ids_of(const std::vector<AgendaItem>& agenda) {
  std::vector<std::int64_t> ids;
  for (const auto& item : agenda) ids.push_back(item.ref_id);
  return ids;
}
std::vector<Kind> kinds_of(const std::vector<AgendaItem>& agenda) {
  std::vector<Kind> kinds;
  for (const auto& item : agenda) kinds.push_back(item.kind);
  return kinds;
}

// ---------------------------------------------------------------------------------------------
// build_agenda

TEST(Agenda, ListsOverdueTasksFirstThenOpenTasksThenObjectives) {
  const std::vector<Task> tasks = {
      task(1, "Read the product book", at("2026-11-30")),
      task(2, "Book a shadowing day", at("2026-11-10")),  // overdue
  };

  const auto agenda = build_agenda(purpose_with_two_objectives(), tasks, kNow);

  EXPECT_EQ(kinds_of(agenda), (std::vector<Kind>{Kind::overdue_task, Kind::open_task, Kind::objective, Kind::objective}));
  EXPECT_EQ(ids_of(agenda), (std::vector<std::int64_t>{2, 1, 11, 12}));
}

TEST(Agenda, PutsTheLongestOverdueTaskFirst) {
  const std::vector<Task> tasks = {
      task(1, "Send the CV", at("2026-11-20")),
      task(2, "Book a shadowing day", at("2026-11-10")),
      task(3, "Take the assessment", at("2026-11-15")),
  };

  const auto agenda = build_agenda(Purpose{}, tasks, kNow);

  EXPECT_EQ(ids_of(agenda), (std::vector<std::int64_t>{2, 3, 1}));
  EXPECT_EQ(kinds_of(agenda), (std::vector<Kind>(3, Kind::overdue_task)));
}

TEST(Agenda, OrdersOpenTasksByDueDateWithUndatedTasksLast) {
  const std::vector<Task> tasks = {
      task(1, "Join the product forum", std::nullopt),
      task(2, "Read the product book", at("2026-12-20")),
      task(3, "Interview a product manager", at("2026-11-30")),
  };

  const auto agenda = build_agenda(Purpose{}, tasks, kNow);

  EXPECT_EQ(ids_of(agenda), (std::vector<std::int64_t>{3, 2, 1}));
}

TEST(Agenda, BreaksTiesInDueDateByTaskId) {
  const std::vector<Task> tasks = {
      task(9, "Second", at("2026-11-30")),
      task(4, "First", at("2026-11-30")),
  };

  EXPECT_EQ(ids_of(build_agenda(Purpose{}, tasks, kNow)), (std::vector<std::int64_t>{4, 9}));
}

TEST(Agenda, ATaskDueTodayIsOpenNotOverdue) {
  const auto agenda = build_agenda(Purpose{}, {task(1, "Send the CV", at("2026-11-23"))}, kNow);

  ASSERT_EQ(agenda.size(), 1u);
  EXPECT_EQ(agenda[0].kind, Kind::open_task);
}

TEST(Agenda, LeavesOutDoneAndDroppedTasks) {
  const std::vector<Task> tasks = {
      task(1, "Done long ago", at("2026-11-01"), TaskStatus::done),
      task(2, "Dropped", at("2026-11-01"), TaskStatus::dropped),
      task(3, "Still open", at("2026-12-01")),
  };

  const auto agenda = build_agenda(Purpose{}, tasks, kNow);

  EXPECT_EQ(ids_of(agenda), (std::vector<std::int64_t>{3}));
}

TEST(Agenda, WithoutTasksListsTheObjectives) {
  const auto agenda = build_agenda(purpose_with_two_objectives(), {}, kNow);

  EXPECT_EQ(kinds_of(agenda), (std::vector<Kind>{Kind::objective, Kind::objective}));
  EXPECT_EQ(agenda[0].text, "Progress on: Explore product management");
}

TEST(Agenda, SaysSinceWhenATaskIsOverdue) {
  const auto agenda = build_agenda(Purpose{}, {task(2, "Book a shadowing day", at("2026-11-10"))}, kNow);

  ASSERT_EQ(agenda.size(), 1u);
  EXPECT_EQ(agenda[0].text, "Overdue since 2026-11-10: Book a shadowing day");
}

TEST(Agenda, KindNamesRoundTrip) {
  for (auto k : {Kind::overdue_task, Kind::open_task, Kind::objective})
    EXPECT_EQ(parse_agenda_kind(to_string(k)), k) << to_string(k);
  EXPECT_FALSE(parse_agenda_kind("lunch"));
}

// ---------------------------------------------------------------------------------------------
// validate_new_meeting

Meeting meeting_at(TimePoint starts_at, int minutes = 60) {
  Meeting m;
  m.id = 5;
  m.relationship_id = 7;
  m.starts_at = starts_at;
  m.duration_minutes = minutes;
  return m;
}

TEST(MeetingValidation, AcceptsAnHourNextWeek) {
  EXPECT_TRUE(validate_new_meeting(meeting_at(kNow + days(7)), RelState::active, kNow));
}

TEST(MeetingValidation, RejectsMeetingInThePast) {
  const Status s = validate_new_meeting(meeting_at(kNow - 1h), RelState::active, kNow);

  EXPECT_EQ(code_of(s), "invalid");
  EXPECT_EQ(field_of(s), "starts_at");
}

TEST(MeetingValidation, RejectsMeetingStartingRightNow) {
  EXPECT_EQ(field_of(validate_new_meeting(meeting_at(kNow), RelState::active, kNow)), "starts_at");
}

TEST(MeetingValidation, RejectsMeetingMoreThanAYearAhead) {
  EXPECT_EQ(field_of(validate_new_meeting(meeting_at(kNow + days(400)), RelState::active, kNow)), "starts_at");
}

TEST(MeetingValidation, RejectsMeetingShorterThanFiveMinutes) {
  const Status s = validate_new_meeting(meeting_at(kNow + days(1), 4), RelState::active, kNow);

  EXPECT_EQ(code_of(s), "invalid");
  EXPECT_EQ(field_of(s), "duration_minutes");
}

TEST(MeetingValidation, RejectsMeetingLongerThanEightHours) {
  EXPECT_EQ(field_of(validate_new_meeting(meeting_at(kNow + days(1), 481), RelState::active, kNow)),
            "duration_minutes");
}

TEST(MeetingValidation, AcceptsFiveMinutesAndEightHours) {
  EXPECT_TRUE(validate_new_meeting(meeting_at(kNow + days(1), 5), RelState::active, kNow));
  EXPECT_TRUE(validate_new_meeting(meeting_at(kNow + days(1), 480), RelState::active, kNow));
}

TEST(MeetingValidation, CanBeScheduledWhileStartingOrFading) {
  EXPECT_TRUE(validate_new_meeting(meeting_at(kNow + days(1)), RelState::starting, kNow));
  EXPECT_TRUE(validate_new_meeting(meeting_at(kNow + days(1)), RelState::fading, kNow));
}

TEST(MeetingValidation, RejectsMeetingInANonWorkableRelationship) {
  for (RelState state : kAllStates) {
    if (is_workable(state)) continue;

    const Status s = validate_new_meeting(meeting_at(kNow + days(1)), state, kNow);

    EXPECT_EQ(code_of(s), "conflict") << to_string(state);
    EXPECT_TRUE(contains(message_of(s), to_string(state))) << message_of(s);
  }
}

// ---------------------------------------------------------------------------------------------
// change_meeting_status

TEST(MeetingStatusChange, CannotBeHeldBeforeItStarts) {
  Meeting m = meeting_at(kNow + 1h);

  const Status s = change_meeting_status(m, MeetingStatus::held, kNow);

  EXPECT_EQ(code_of(s), "conflict");
  EXPECT_EQ(m.status, MeetingStatus::scheduled);
}

TEST(MeetingStatusChange, CanBeHeldOnceItHasStarted) {
  FakeClock clock(kNow);
  Meeting m = meeting_at(kNow + 1h);

  clock.advance(1h);

  ASSERT_TRUE(change_meeting_status(m, MeetingStatus::held, clock.now()));
  EXPECT_EQ(m.status, MeetingStatus::held);
}

TEST(MeetingStatusChange, CannotBeANoShowBeforeItStarts) {
  Meeting m = meeting_at(kNow + 1h);

  EXPECT_EQ(code_of(change_meeting_status(m, MeetingStatus::no_show, kNow)), "conflict");
}

TEST(MeetingStatusChange, CanBeCancelledBeforeItStarts) {
  Meeting m = meeting_at(kNow + days(2));

  ASSERT_TRUE(change_meeting_status(m, MeetingStatus::cancelled, kNow));
  EXPECT_EQ(m.status, MeetingStatus::cancelled);
}

TEST(MeetingStatusChange, AHeldMeetingCannotBeCancelled) {
  Meeting m = meeting_at(kNow - 2h);
  ASSERT_TRUE(change_meeting_status(m, MeetingStatus::held, kNow));

  const Status s = change_meeting_status(m, MeetingStatus::cancelled, kNow);

  EXPECT_EQ(code_of(s), "conflict");
  EXPECT_TRUE(contains(message_of(s), "held")) << message_of(s);
  EXPECT_EQ(m.status, MeetingStatus::held);
}

TEST(MeetingStatusChange, ACancelledMeetingCannotBeHeld) {
  Meeting m = meeting_at(kNow - 2h);
  ASSERT_TRUE(change_meeting_status(m, MeetingStatus::cancelled, kNow - 3h));

  const Status s = change_meeting_status(m, MeetingStatus::held, kNow);

  EXPECT_EQ(code_of(s), "conflict");
  EXPECT_TRUE(contains(message_of(s), "cancelled")) << message_of(s);
}

TEST(MeetingStatusChange, ACancelledMeetingCannotBeScheduledAgain) {
  Meeting m = meeting_at(kNow + days(1));
  ASSERT_TRUE(change_meeting_status(m, MeetingStatus::cancelled, kNow));

  EXPECT_EQ(code_of(change_meeting_status(m, MeetingStatus::scheduled, kNow)), "conflict");
}

TEST(MeetingStatusChange, SettingTheSameStatusAgainIsHarmless) {
  Meeting m = meeting_at(kNow - 2h);
  ASSERT_TRUE(change_meeting_status(m, MeetingStatus::held, kNow));

  EXPECT_TRUE(change_meeting_status(m, MeetingStatus::held, kNow));
  EXPECT_EQ(m.status, MeetingStatus::held);
}

TEST(MeetingStatusChange, StatusNamesRoundTrip) {
  for (auto s : {MeetingStatus::scheduled, MeetingStatus::held, MeetingStatus::cancelled, MeetingStatus::no_show})
    EXPECT_EQ(parse_meeting_status(to_string(s)), s) << to_string(s);
  EXPECT_FALSE(parse_meeting_status("postponed"));
}

// ---------------------------------------------------------------------------------------------
// story_hints

constexpr MeetingId kEarlierMeeting = 1;
constexpr MeetingId kThisMeeting = 2;

Story story(StoryId id, MeetingId meeting, std::string reflection = "") {
  Story s;
  s.id = id;
  s.meeting_id = meeting;
  s.teller_id = 2;
  s.story = "When I moved from support to product, I shadowed a PM for a month.";
  s.point = "Shadowing shows the job before you ask for it";
  s.reflection = std::move(reflection);
  return s;
}

TEST(StoryHints, NoHintForOneStory) { EXPECT_TRUE(story_hints(kThisMeeting, {story(1, kThisMeeting)}).empty()); }

TEST(StoryHints, NoHintForTwoStoriesInOneMeeting) {
  EXPECT_TRUE(story_hints(kThisMeeting, {story(1, kThisMeeting), story(2, kThisMeeting)}).empty());
}

TEST(StoryHints, AHintAtTheThirdStoryInOneMeeting) {
  const auto hints = story_hints(kThisMeeting, {story(1, kThisMeeting), story(2, kThisMeeting), story(3, kThisMeeting)});

  ASSERT_EQ(hints.size(), 1u);
  EXPECT_TRUE(contains(hints[0], "3 stories")) << hints[0];
}

TEST(StoryHints, StoriesInOtherMeetingsDoNotCountTowardsTheLimit) {
  const std::vector<Story> stories = {story(1, kEarlierMeeting, "I will ask to shadow"),
                                      story(2, kEarlierMeeting, "I will ask to shadow"),
                                      story(3, kThisMeeting), story(4, kThisMeeting)};

  EXPECT_TRUE(story_hints(kThisMeeting, stories).empty());
}

TEST(StoryHints, AHintWhenAnEarlierMeetingsStoryHasNoReflection) {
  const auto hints = story_hints(kThisMeeting, {story(1, kEarlierMeeting), story(2, kThisMeeting)});

  ASSERT_EQ(hints.size(), 1u);
  EXPECT_TRUE(contains(hints[0], "1 earlier story has no reflection")) << hints[0];
}

TEST(StoryHints, NoHintWhenEarlierStoriesHaveReflections) {
  const auto hints = story_hints(kThisMeeting, {story(1, kEarlierMeeting, "I will ask to shadow"), story(2, kThisMeeting)});

  EXPECT_TRUE(hints.empty());
}

TEST(StoryHints, AStoryJustToldInThisMeetingIsNotYetAskedForAReflection) {
  EXPECT_TRUE(story_hints(kThisMeeting, {story(1, kThisMeeting)}).empty());
}

TEST(StoryHints, CountsEveryEarlierStoryWithoutAReflection) {
  const auto hints = story_hints(kThisMeeting, {story(1, kEarlierMeeting), story(2, kEarlierMeeting), story(3, kThisMeeting)});

  ASSERT_EQ(hints.size(), 1u);
  EXPECT_TRUE(contains(hints[0], "2 earlier stories have no reflection")) << hints[0];
}

// ---------------------------------------------------------------------------------------------
// validate_story and validate_reflection

TEST(StoryValidation, AcceptsAStoryWithItsPoint) { EXPECT_TRUE(validate_story(story(1, kThisMeeting))); }

TEST(StoryValidation, NeedsThePointTheStoryMakes) {
  Story s = story(1, kThisMeeting);
  s.point = " ";

  const Status st = validate_story(s);

  EXPECT_EQ(code_of(st), "invalid");
  EXPECT_EQ(field_of(st), "point");
}

TEST(StoryValidation, NeedsTheStory) {
  Story s = story(1, kThisMeeting);
  s.story.clear();

  EXPECT_EQ(field_of(validate_story(s)), "story");
}

TEST(StoryValidation, AReflectionMustSaySomething) {
  EXPECT_EQ(field_of(validate_reflection("\n")), "reflection");
  EXPECT_TRUE(validate_reflection("I will ask my manager about shadowing"));
}

}  // namespace
}  // namespace mh
