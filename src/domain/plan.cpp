#include "domain/plan.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "domain/enum_names.hpp"

namespace mh {

namespace {
constexpr std::array<std::pair<TaskType, const char*>, 8> kTypes{{
    {TaskType::networking, "networking"},
    {TaskType::assessment, "assessment"},
    {TaskType::informational_interview, "informational_interview"},
    {TaskType::shadowing, "shadowing"},
    {TaskType::formal_learning, "formal_learning"},
    {TaskType::project, "project"},
    {TaskType::outside_forum, "outside_forum"},
    {TaskType::other, "other"},
}};
constexpr std::array<std::pair<TaskStatus, const char*>, 3> kStatuses{{
    {TaskStatus::open, "open"}, {TaskStatus::done, "done"}, {TaskStatus::dropped, "dropped"}}};

}  // namespace

const char* to_string(TaskType t) { return name_of(kTypes, t); }
const char* to_string(TaskStatus s) { return name_of(kStatuses, s); }
std::optional<TaskType> parse_task_type(std::string_view s) { return value_of(kTypes, s); }
std::optional<TaskStatus> parse_task_status(std::string_view s) { return value_of(kStatuses, s); }

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
