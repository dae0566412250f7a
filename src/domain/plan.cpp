#include "domain/plan.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "domain/enum_names.hpp"

namespace mh {

namespace {
constexpr EnumNames<TaskType, 8> kTypes{{"networking", "assessment", "informational_interview", "shadowing",
    "formal_learning", "project", "outside_forum", "other"}};
constexpr EnumNames<TaskStatus, 3> kStatuses{{"open", "done", "dropped"}};

}  // namespace

const char* to_string(TaskType t) { return kTypes.name(t); }
const char* to_string(TaskStatus s) { return kStatuses.name(s); }
std::optional<TaskType> parse_task_type(std::string_view s) { return kTypes.parse(s); }
std::optional<TaskStatus> parse_task_status(std::string_view s) { return kStatuses.parse(s); }

bool is_overdue(const Task& t, TimePoint now) {
  return t.status == TaskStatus::open && t.due && now >= *t.due + std::chrono::days(1);
}

Status validate_task(const Task& t, const Purpose& purpose) {
  if (std::all_of(t.title.begin(), t.title.end(), [](unsigned char c) { return std::isspace(c); }))
    return invalid("title", "must not be empty");
  if (t.title.size() > 300) return invalid("title", "is longer than 300 characters");
  if (t.notes.size() > 4000) return invalid("notes", "is longer than 4000 characters");
  if (t.objective_id &&
      std::none_of(purpose.objectives.begin(), purpose.objectives.end(),
                   [&](const Objective& o) { return o.id == *t.objective_id; }))
    return invalid("objective_id", "is not one of this relationship's objectives");
  return {};
}

Status set_task_status(Task& t, TaskStatus status, TimePoint now) {
  if (t.status == status) return {};  // keep the first completion time
  t.status = status;
  if (status == TaskStatus::done) t.completed_at = now;
  else t.completed_at.reset();
  return {};
}

std::vector<ObjectiveProgress> progress_by_objective(const Purpose& purpose, const std::vector<Task>& tasks,
                                                     TimePoint now) {
  std::vector<ObjectiveProgress> out;
  for (const auto& o : purpose.objectives) out.push_back({o.id});
  ObjectiveProgress unassigned;
  for (const Task& t : tasks) {
    auto it = std::find_if(out.begin(), out.end(), [&](const auto& p) { return t.objective_id && p.objective_id == t.objective_id; });
    ObjectiveProgress& p = it == out.end() ? unassigned : *it;
    if (t.status == TaskStatus::open) ++p.open;
    if (t.status == TaskStatus::done) ++p.done;
    if (t.status == TaskStatus::dropped) ++p.dropped;
    if (is_overdue(t, now)) ++p.overdue;
  }
  if (unassigned.open + unassigned.done + unassigned.dropped > 0) out.push_back(unassigned);
  return out;
}

}  // namespace mh
