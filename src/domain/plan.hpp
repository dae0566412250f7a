// Action 3, the action plan: tasks with a type, an owner, a due date, a status and the
// objective they serve. "Having tasks and dates will build in accountability": overdue tasks
// are flagged and completion is counted per objective. Pure; thread-safe values.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "domain/purpose.hpp"
#include "domain/relationship.hpp"

namespace mh {

using TaskId = std::int64_t;

enum class TaskType {
  networking,  // a contact to make or a meeting to join
  assessment,
  informational_interview,
  shadowing,
  formal_learning,
  project,
  outside_forum,
  other,
};
enum class TaskStatus { open, done, dropped };

const char* to_string(TaskType t);
const char* to_string(TaskStatus s);
std::optional<TaskType> parse_task_type(std::string_view s);
std::optional<TaskStatus> parse_task_status(std::string_view s);

struct Task {
  TaskId id = 0;
  RelationshipId relationship_id = 0;
  std::optional<ObjectiveId> objective_id;
  TaskType type = TaskType::other;
  std::string title;
  std::string notes;
  Role owner = Role::mentee;
  std::optional<TimePoint> due;  // a day: midnight UTC at its start
  TaskStatus status = TaskStatus::open;
  TimePoint created_at{};
  std::optional<TimePoint> completed_at;
};

// Open and its due day has passed.
bool is_overdue(const Task& t, TimePoint now);

// Checks a task's own fields and that its objective belongs to the purpose.
Status validate_task(const Task& t, const Purpose& purpose);

// Status changes: open -> done | dropped, and back to open.
Status set_task_status(Task& t, TaskStatus status, TimePoint now);

struct ObjectiveProgress {
  std::optional<ObjectiveId> objective_id;  // none: tasks not tied to an objective
  int open = 0;
  int done = 0;
  int dropped = 0;
  int overdue = 0;
};
// Completion counts per objective, in the purpose's order, then the unassigned tasks.
std::vector<ObjectiveProgress> progress_by_objective(const Purpose& purpose, const std::vector<Task>& tasks,
                                                     TimePoint now);

}  // namespace mh
