#include "storage/content_repo.hpp"

#include <algorithm>
#include <string>

#include <nlohmann/json.hpp>

#include "storage/sql/rows.hpp"
#include "storage/sql/time_values.hpp"

namespace mh::storage {

using nlohmann::json;
using sql::Value;

namespace {

// The outcomes as stored: [{"objective_id": 3, "outcome": "achieved"}, ...].
std::string outcomes_text(const Debrief& d) {
  json outcomes = json::array();
  for (const auto& [id, outcome] : d.outcomes) outcomes.push_back({{"objective_id", id}, {"outcome", to_string(outcome)}});
  return outcomes.dump();
}

Debrief debrief_from_row(const sql::Row& row) {
  Debrief d;
  d.author_id = row.int64(0);
  for (const auto& o : json::parse(row.text(1), nullptr, false))
    if (o.is_object())
      d.outcomes.emplace_back(o.value("objective_id", std::int64_t{0}),
                              sql::decoded(o.value("outcome", ""), parse_objective_outcome, "objective outcome"));
  d.achieved = row.text(2);
  d.still_to_do = row.text(3);
  d.do_differently = row.text(4);
  if (auto r = row.opt_int64(5)) d.rating = static_cast<int>(*r);
  d.submitted_at = sql::time_of(row, 6);
  return d;
}

constexpr const char* kTaskColumns =
    "id, objective_id, type, title, notes, owner, owner_id, due, status, created_by, created_at, completed_at";


ActionItem task_from_row(const sql::Row& r, ContentOwner owner) {
  ActionItem item;
  Task& t = item.task;
  t.id = r.int64(0);
  t.relationship_id = owner.id();
  t.objective_id = r.opt_int64(1);
  t.type = sql::decoded(r.text(2), parse_task_type, "task type");
  t.title = r.text(3);
  t.notes = r.text(4);
  // A circle's item has no role; the domain's default stands, as it always did.
  t.owner = !r.is_null(5) && r.text(5) == "mentor" ? Role::mentor : Role::mentee;
  item.owner_id = r.opt_int64(6).value_or(0);
  t.due = sql::optional_time_of(r, 7);
  t.status = sql::decoded(r.text(8), parse_task_status, "task status");
  item.created_by = r.opt_int64(9).value_or(0);
  t.created_at = sql::time_of(r, 10);
  t.completed_at = sql::optional_time_of(r, 11);
  return item;
}

}  // namespace

const char* ContentOwner::column() const { return kind_ == Kind::circle ? "circle_id" : "relationship_id"; }

std::vector<Objective> objectives_of(sql::Connection& db, ContentOwner owner) {
  return sql::all_rows<Objective>(db,
                                  "SELECT id, category, description, success_measure FROM objectives WHERE " +
                                      std::string(owner.column()) + " = ? ORDER BY position",
                                  {owner.id()}, [&](const sql::Row& o) -> Objective {
                                    return {o.int64(0),
                                            sql::decoded(o.text(1), parse_objective_category, "objective category"),
                                            o.text(2), o.text(3)};
                                  });
}

namespace {

ObjectiveId insert_objective(sql::Connection& db, ContentOwner owner, std::int64_t position, const Objective& o) {
  return sql::returned_id(
      db,
      "INSERT INTO objectives (" + std::string(owner.column()) +
          ", position, category, description, success_measure) VALUES (?, ?, ?, ?, ?) RETURNING id",
      std::vector<Value>{owner.id(), position, to_string(o.category), o.description, o.success_measure});
}

// Deletes the objective after unlinking what served it (the foreign keys would set the links
// NULL too; saying so here keeps it true whatever the table's constraint says).
void delete_objective(sql::Connection& db, ObjectiveId id) {
  for (const char* q : {"UPDATE tasks SET objective_id = NULL WHERE objective_id = ?", "DELETE FROM objectives WHERE id = ?"})
    db.execute(q, std::vector<Value>{id});
}

}  // namespace

void save_objectives(sql::Connection& db, ContentOwner owner, std::vector<Objective>& objectives) {
  const std::string column = owner.column();
  std::vector<ObjectiveId> kept;
  for (std::size_t i = 0; i < objectives.size(); ++i) {
    Objective& o = objectives[i];
    const auto position = static_cast<std::int64_t>(i);
    if (o.id == 0)
      o.id = insert_objective(db, owner, position, o);
    else
      db.execute("UPDATE objectives SET position = ?, category = ?, description = ?, success_measure = ? WHERE id = ? "
                 "AND " + column + " = ?",
                 std::vector<Value>{position, to_string(o.category), o.description, o.success_measure, o.id,
                                    owner.id()});
    kept.push_back(o.id);
  }
  for (const auto& row : db.execute("SELECT id FROM objectives WHERE " + column + " = ?", std::vector<Value>{owner.id()}).rows)
    if (std::find(kept.begin(), kept.end(), row.int64(0)) == kept.end()) delete_objective(db, row.int64(0));
}

// The role goes in `owner` for a relationship; the member and creator in `owner_id` and
// `created_by` for a circle. The table's CHECK refuses any other mix.
TaskId insert_task(sql::Connection& db, ContentOwner owner, const ActionItem& item) {
  const Task& t = item.task;
  const bool circle = owner.is_circle();
  return sql::returned_id(
      db,
      "INSERT INTO tasks (" + std::string(owner.column()) +
          ", objective_id, type, title, notes, owner, owner_id, due, status, created_by, created_at, "
          "completed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      std::vector<Value>{owner.id(), sql::optional_id(t.objective_id), to_string(t.type), t.title, t.notes,
                         circle ? Value(nullptr) : Value(std::string(to_string(t.owner))),
                         circle ? Value(item.owner_id) : Value(nullptr), sql::optional_time(t.due), to_string(t.status),
                         circle ? Value(item.created_by) : Value(nullptr), sql::unix_seconds(t.created_at),
                         sql::optional_time(t.completed_at)});
}

void update_task(sql::Connection& db, ContentOwner owner, const ActionItem& item) {
  const Task& t = item.task;
  // A circle's item keeps its NULL role (the CHECK wants none); a task's role may change.
  db.execute("UPDATE tasks SET objective_id = ?, type = ?, title = ?, notes = ?, owner = CASE WHEN owner IS NULL THEN "
             "NULL ELSE ? END, due = ?, status = ?, completed_at = ? WHERE id = ? AND " + std::string(owner.column()) +
                 " = ?",
             std::vector<Value>{sql::optional_id(t.objective_id), to_string(t.type), t.title, t.notes,
                                std::string(to_string(t.owner)), sql::optional_time(t.due), to_string(t.status),
                                sql::optional_time(t.completed_at), t.id, owner.id()});
}

std::optional<ActionItem> find_task(sql::Connection& db, ContentOwner owner, TaskId id) {
  auto rs = db.execute("SELECT " + std::string(kTaskColumns) + " FROM tasks WHERE id = ? AND " +
                           std::string(owner.column()) + " = ?",
                       std::vector<Value>{id, owner.id()});
  if (rs.rows.empty()) return std::nullopt;
  return task_from_row(rs.rows[0], owner);
}

std::vector<ActionItem> tasks_of(sql::Connection& db, ContentOwner owner, std::optional<PersonId> owned_by) {
  std::string q = "SELECT " + std::string(kTaskColumns) + " FROM tasks WHERE " + owner.column() + " = ?";
  std::vector<Value> params{owner.id()};
  if (owned_by) {
    q += " AND owner_id = ?";
    params.emplace_back(*owned_by);
  }
  std::vector<ActionItem> out;
  for (const auto& row : db.execute(q + " ORDER BY id", params).rows) out.push_back(task_from_row(row, owner));
  return out;
}

std::vector<Task> plain_tasks(std::vector<ActionItem> items) {
  std::vector<Task> out;
  out.reserve(items.size());
  for (ActionItem& item : items) out.push_back(std::move(item.task));
  return out;
}

void save_debrief(sql::Connection& db, ContentOwner owner, const Debrief& d) {
  // The owner's unique index (owner, author) is the conflict target: a second submission
  // replaces the first.
  const std::string column = owner.column();
  db.execute("INSERT INTO debriefs (" + column +
                 ", author_id, outcomes, achieved, still_to_do, do_differently, rating, submitted_at) VALUES (?, ?, ?, "
                 "?, ?, ?, ?, ?) ON CONFLICT (" + column +
                 ", author_id) DO UPDATE SET outcomes = excluded.outcomes, achieved = excluded.achieved, still_to_do = "
                 "excluded.still_to_do, do_differently = excluded.do_differently, rating = excluded.rating, "
                 "submitted_at = excluded.submitted_at",
             std::vector<Value>{owner.id(), d.author_id, outcomes_text(d), d.achieved, d.still_to_do, d.do_differently,
                                d.rating ? Value(std::int64_t{*d.rating}) : Value(nullptr),
                                sql::unix_seconds(d.submitted_at)});
}

std::vector<Debrief> debriefs_of(sql::Connection& db, ContentOwner owner) {
  return sql::all_rows<Debrief>(db,
                                "SELECT author_id, outcomes, achieved, still_to_do, do_differently, rating, "
                                "submitted_at FROM debriefs WHERE " +
                                    std::string(owner.column()) + " = ? ORDER BY submitted_at, author_id",
                                {owner.id()}, [&](const sql::Row& row) -> Debrief { return debrief_from_row(row); });
}

}  // namespace mh::storage
