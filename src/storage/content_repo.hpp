// The content one-to-one relationships and circles share, one table each, keyed by what owns
// it: the purpose's objectives, the action plan and the debriefs. A relationship's and a circle's are the same
// rows and rules; only the owner differs, so one set of functions serves both and each caller
// says whose content it means. (What differs stays with its owner: how a purpose is agreed, on
// the relationship's or circle's row; meetings and circle sessions; stories.)
// Free functions over a connection inside a Store transaction; they never commit. Every lookup
// is scoped to its owner, so another owner's rows read as missing.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "domain/circle.hpp"
#include "domain/conclusion.hpp"
#include "storage/sql/connection.hpp"

namespace mh::storage {

// A relationship or a circle, as the owner of shared content. RelationshipId and CircleId are
// the same integer type, so the kind is named at the call (`ContentOwner::circle(id)`), never
// guessed from an overload.
class ContentOwner {
 public:
  static ContentOwner relationship(RelationshipId id) { return {Kind::relationship, id}; }
  static ContentOwner circle(CircleId id) { return {Kind::circle, id}; }

  // The column of the shared tables that holds this kind of owner ("relationship_id" or
  // "circle_id"); a constant, never input, so it may be written into SQL.
  const char* column() const;
  std::int64_t id() const { return id_; }
  bool is_circle() const { return kind_ == Kind::circle; }

 private:
  enum class Kind { relationship, circle };
  ContentOwner(Kind kind, std::int64_t id) : kind_(kind), id_(id) {}
  Kind kind_;
  std::int64_t id_;
};

// The owner's objectives in the purpose's order.
std::vector<Objective> objectives_of(sql::Connection& db, ContentOwner owner);
// Saves the owner's objectives in this order: those with id 0 are inserted (their ids written
// back), the others rewritten, and the owner's objectives no longer listed deleted (the tasks
// and action items that served them keep going without the link).
void save_objectives(sql::Connection& db, ContentOwner owner, std::vector<Objective>& objectives);

// The action plan: a relationship's tasks and a circle's action items are one table. An
// ActionItem carries either: a relationship's task is owned by a role (task.owner) and has no
// owner_id or created_by (0); a circle's is owned by a member (owner_id) and says who created it.
// task.relationship_id holds the owner's id, whichever kind it is.
TaskId insert_task(sql::Connection& db, ContentOwner owner, const ActionItem& item);
// Writes what can change: the objective, type, title, notes, role, due day, status, completion.
void update_task(sql::Connection& db, ContentOwner owner, const ActionItem& item);
std::optional<ActionItem> find_task(sql::Connection& db, ContentOwner owner, TaskId id);
// The owner's items in the order they were added; only one member's when `owned_by` says whose.
std::vector<ActionItem> tasks_of(sql::Connection& db, ContentOwner owner,
                                 std::optional<PersonId> owned_by = std::nullopt);
// The tasks alone, for a relationship's rules and views, which know no member owners.
std::vector<Task> plain_tasks(std::vector<ActionItem> items);

// Inserts the author's debrief, or replaces the one they submitted before.
void save_debrief(sql::Connection& db, ContentOwner owner, const Debrief& d);
// The owner's debriefs in the order they were submitted.
std::vector<Debrief> debriefs_of(sql::Connection& db, ContentOwner owner);

}  // namespace mh::storage
