#include "storage/content_repo.hpp"

#include <algorithm>
#include <string>

#include <nlohmann/json.hpp>

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

}  // namespace

const char* ContentOwner::column() const { return kind_ == Kind::circle ? "circle_id" : "relationship_id"; }

std::vector<Objective> objectives_of(sql::Connection& db, ContentOwner owner) {
  std::vector<Objective> out;
  for (const auto& o : db.execute("SELECT id, category, description, success_measure FROM objectives WHERE " +
                                      std::string(owner.column()) + " = ? ORDER BY position",
                                  std::vector<Value>{owner.id()})
                           .rows)
    out.push_back({o.int64(0), sql::decoded(o.text(1), parse_objective_category, "objective category"), o.text(2),
                   o.text(3)});
  return out;
}

namespace {

ObjectiveId insert_objective(sql::Connection& db, ContentOwner owner, std::int64_t position, const Objective& o) {
  return db
      .execute("INSERT INTO objectives (" + std::string(owner.column()) +
                   ", position, category, description, success_measure) VALUES (?, ?, ?, ?, ?) RETURNING id",
               std::vector<Value>{owner.id(), position, to_string(o.category), o.description, o.success_measure})
      .rows.at(0)
      .int64(0);
}

// Deletes the objective after unlinking what served it (the foreign keys would set the links
// NULL too; saying so here keeps it true whatever the table's constraint says).
void delete_objective(sql::Connection& db, ObjectiveId id) {
  for (const char* q : {"UPDATE tasks SET objective_id = NULL WHERE objective_id = ?",
                        "UPDATE circle_action_items SET objective_id = NULL WHERE objective_id = ?",
                        "DELETE FROM objectives WHERE id = ?"})
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
  std::vector<Debrief> out;
  for (const auto& row : db.execute("SELECT author_id, outcomes, achieved, still_to_do, do_differently, rating, "
                                    "submitted_at FROM debriefs WHERE " + std::string(owner.column()) +
                                        " = ? ORDER BY submitted_at, author_id",
                                    std::vector<Value>{owner.id()})
                             .rows)
    out.push_back(debrief_from_row(row));
  return out;
}

}  // namespace mh::storage
