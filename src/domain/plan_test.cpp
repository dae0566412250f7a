// Action 3, the action plan: tasks, their due days, their status and progress per objective.
#include "domain/plan.hpp"

#include <gtest/gtest.h>

#include "domain/testing.hpp"

#include <string>
#include <utility>
#include <vector>

namespace mh {
namespace {

using namespace mh::testing;


Task task(TaskId id, std::optional<ObjectiveId> objective, std::optional<TimePoint> due = std::nullopt,
          TaskStatus status = TaskStatus::open) {
  Task t;
  t.id = id;
  t.relationship_id = 7;
  t.objective_id = objective;
  t.type = TaskType::informational_interview;
  t.title = "Interview a product manager";
  t.due = due;
  t.status = status;
  return t;
}

// ---------------------------------------------------------------------------------------------
// Overdue: open, and the due day has passed.

TEST(TaskOverdue, ATaskDueTodayIsNotOverdue) {
  const Task t = task(1, kCareer, at("2026-11-23"));

  EXPECT_FALSE(is_overdue(t, at("2026-11-23T23:59:59Z")));
}

TEST(TaskOverdue, ATaskIsOverdueFromTheStartOfTheDayAfterItsDueDate) {
  const Task t = task(1, kCareer, at("2026-11-23"));

  EXPECT_TRUE(is_overdue(t, at("2026-11-24T00:00:00Z")));
}

TEST(TaskOverdue, StaysOverdueAsTimePasses) {
  FakeClock clock(at("2026-11-23T09:00:00Z"));
  const Task t = task(1, kCareer, at("2026-11-23"));
  ASSERT_FALSE(is_overdue(t, clock.now()));

  clock.advance(days(10));

  EXPECT_TRUE(is_overdue(t, clock.now()));
}

TEST(TaskOverdue, ADoneTaskIsNeverOverdue) {
  const Task t = task(1, kCareer, at("2026-11-01"), TaskStatus::done);

  EXPECT_FALSE(is_overdue(t, at("2026-12-01T00:00:00Z")));
}

TEST(TaskOverdue, ADroppedTaskIsNeverOverdue) {
  const Task t = task(1, kCareer, at("2026-11-01"), TaskStatus::dropped);

  EXPECT_FALSE(is_overdue(t, at("2026-12-01T00:00:00Z")));
}

TEST(TaskOverdue, ATaskWithoutADueDateIsNeverOverdue) {
  const Task t = task(1, kCareer);

  EXPECT_FALSE(is_overdue(t, at("2030-01-01T00:00:00Z")));
}

// ---------------------------------------------------------------------------------------------
// validate_task

TEST(TaskValidation, AcceptsATaskForOneOfTheObjectives) {
  EXPECT_TRUE(validate_task(task(1, kNetwork), purpose_with_two_objectives()));
}

TEST(TaskValidation, AcceptsATaskThatServesNoObjective) {
  EXPECT_TRUE(validate_task(task(1, std::nullopt), purpose_with_two_objectives()));
}

TEST(TaskValidation, NeedsATitle) {
  Task t = task(1, kCareer);
  t.title = "   ";

  const Status s = validate_task(t, purpose_with_two_objectives());

  EXPECT_EQ(code_of(s), "invalid");
  EXPECT_EQ(field_of(s), "title");
}

TEST(TaskValidation, RejectsAnOverlongTitle) {
  Task t = task(1, kCareer);
  t.title = std::string(301, 'x');

  EXPECT_EQ(field_of(validate_task(t, purpose_with_two_objectives())), "title");
}

TEST(TaskValidation, TheObjectiveMustBelongToThisRelationshipsPurpose) {
  const Task t = task(1, ObjectiveId{999});

  const Status s = validate_task(t, purpose_with_two_objectives());

  EXPECT_EQ(code_of(s), "invalid");
  EXPECT_EQ(field_of(s), "objective_id");
}

TEST(TaskValidation, NoObjectiveCanBeChosenBeforeThePurposeIsDrafted) {
  EXPECT_EQ(field_of(validate_task(task(1, kCareer), Purpose{})), "objective_id");
}

// ---------------------------------------------------------------------------------------------
// set_task_status

TEST(TaskStatusChange, MarkingDoneSetsTheCompletionTime) {
  Task t = task(1, kCareer);
  const TimePoint now = at("2026-11-25T16:00:00Z");

  ASSERT_TRUE(set_task_status(t, TaskStatus::done, now));

  EXPECT_EQ(t.status, TaskStatus::done);
  EXPECT_EQ(t.completed_at, now);
}

TEST(TaskStatusChange, ReopeningADoneTaskClearsTheCompletionTime) {
  Task t = task(1, kCareer);
  ASSERT_TRUE(set_task_status(t, TaskStatus::done, at("2026-11-25T16:00:00Z")));

  ASSERT_TRUE(set_task_status(t, TaskStatus::open, at("2026-11-26T16:00:00Z")));

  EXPECT_EQ(t.status, TaskStatus::open);
  EXPECT_FALSE(t.completed_at.has_value());
}

// BUG (disabled until fixed in plan.cpp): set_task_status stamps completed_at every time it is
// called with `done`, so a PATCH that edits a done task's title and sends its unchanged status
// along (api/workspace_routes.cpp patch_task) moves the completion time to the edit time.
TEST(TaskStatusChange, MarkingADoneTaskDoneAgainKeepsTheFirstCompletionTime) {
  Task t = task(1, kCareer);
  const TimePoint finished = at("2026-11-25T16:00:00Z");
  ASSERT_TRUE(set_task_status(t, TaskStatus::done, finished));

  ASSERT_TRUE(set_task_status(t, TaskStatus::done, at("2026-12-10T10:00:00Z")));

  EXPECT_EQ(t.completed_at, finished);
}

TEST(TaskStatusChange, DroppingATaskLeavesNoCompletionTime) {
  Task t = task(1, kCareer);

  ASSERT_TRUE(set_task_status(t, TaskStatus::dropped, at("2026-11-25T16:00:00Z")));

  EXPECT_EQ(t.status, TaskStatus::dropped);
  EXPECT_FALSE(t.completed_at.has_value());
}

TEST(TaskStatusChange, TypeAndStatusNamesRoundTrip) {
  for (auto s : {TaskStatus::open, TaskStatus::done, TaskStatus::dropped})
    EXPECT_EQ(parse_task_status(to_string(s)), s) << to_string(s);
  for (auto t : {TaskType::networking, TaskType::assessment, TaskType::informational_interview, TaskType::shadowing,
                 TaskType::formal_learning, TaskType::project, TaskType::outside_forum, TaskType::other})
    EXPECT_EQ(parse_task_type(to_string(t)), t) << to_string(t);
  EXPECT_FALSE(parse_task_status("blocked"));
}

// ---------------------------------------------------------------------------------------------
// progress_by_objective

TEST(PlanProgress, CountsTasksPerObjectiveInThePurposesOrder) {
  const TimePoint now = at("2026-11-23T09:00:00Z");
  const std::vector<Task> tasks = {
      task(1, kNetwork),
      task(2, kCareer, std::nullopt, TaskStatus::done),
      task(3, kCareer),
      task(4, kCareer, std::nullopt, TaskStatus::dropped),
      task(5, kNetwork, std::nullopt, TaskStatus::done),
  };

  const auto progress = progress_by_objective(purpose_with_two_objectives(), tasks, now);

  ASSERT_EQ(progress.size(), 2u);
  EXPECT_EQ(progress[0].objective_id, kCareer);
  EXPECT_EQ(progress[0].open, 1);
  EXPECT_EQ(progress[0].done, 1);
  EXPECT_EQ(progress[0].dropped, 1);
  EXPECT_EQ(progress[1].objective_id, kNetwork);
  EXPECT_EQ(progress[1].open, 1);
  EXPECT_EQ(progress[1].done, 1);
  EXPECT_EQ(progress[1].dropped, 0);
}

TEST(PlanProgress, CountsOverdueTasksAmongTheOpenOnes) {
  const TimePoint now = at("2026-11-23T09:00:00Z");
  const std::vector<Task> tasks = {
      task(1, kCareer, at("2026-11-20")),  // overdue
      task(2, kCareer, at("2026-11-23")),  // due today
      task(3, kCareer, at("2026-11-01"), TaskStatus::done),
  };

  const auto progress = progress_by_objective(purpose_with_two_objectives(), tasks, now);

  EXPECT_EQ(progress[0].open, 2);
  EXPECT_EQ(progress[0].overdue, 1);
  EXPECT_EQ(progress[0].done, 1);
}

TEST(PlanProgress, AnObjectiveWithoutTasksCountsZero) {
  const auto progress = progress_by_objective(purpose_with_two_objectives(), {task(1, kCareer)}, at("2026-11-23"));

  ASSERT_EQ(progress.size(), 2u);
  EXPECT_EQ(progress[1].objective_id, kNetwork);
  EXPECT_EQ(progress[1].open + progress[1].done + progress[1].dropped + progress[1].overdue, 0);
}

TEST(PlanProgress, TasksWithoutAnObjectiveComeLast) {
  const std::vector<Task> tasks = {task(1, std::nullopt), task(2, kCareer), task(3, std::nullopt, std::nullopt, TaskStatus::done)};

  const auto progress = progress_by_objective(purpose_with_two_objectives(), tasks, at("2026-11-23"));

  ASSERT_EQ(progress.size(), 3u);
  EXPECT_FALSE(progress[2].objective_id.has_value());
  EXPECT_EQ(progress[2].open, 1);
  EXPECT_EQ(progress[2].done, 1);
}

TEST(PlanProgress, NoUnassignedEntryWhenEveryTaskServesAnObjective) {
  const auto progress =
      progress_by_objective(purpose_with_two_objectives(), {task(1, kCareer), task(2, kNetwork)}, at("2026-11-23"));

  EXPECT_EQ(progress.size(), 2u);
}

}  // namespace
}  // namespace mh
