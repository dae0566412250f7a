// The migrations that put circles' and relationships' shared content into one table each: a
// database built as release 23 left it, with rows in both old tables, is migrated, and every
// row and every reference in it must still say the same thing. On SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "storage/content_repo.hpp"
#include "storage/migrations.hpp"
#include "storage/sql/connection.hpp"
#include "support/fresh_database.hpp"

namespace mh::storage {
namespace {

using sql::Value;

constexpr long long kNow = 1767225600;  // 2026-01-01T00:00:00Z
constexpr int kBeforeSharedContent = 23;

class ContentMigrationTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    MH_FRESH_DATABASE_OR_SKIP(url, GetParam(), "content_migration_test");
    db_ = sql::connect(url);
    apply_migrations(*db_, kNow, kBeforeSharedContent);
    ASSERT_EQ(schema_version(*db_), kBeforeSharedContent);
  }

  // The id of a row inserted with `sql` (which ends in RETURNING id).
  std::int64_t insert(const std::string& sql, std::vector<Value> params) {
    return db_->execute(sql, params).rows.at(0).int64(0);
  }
  std::int64_t person(const std::string& email) {
    return insert("INSERT INTO people (email, name, created_at, updated_at) VALUES (?, ?, ?, ?) RETURNING id",
                  {email, std::string("Someone"), kNow, kNow});
  }
  std::int64_t relationship(std::int64_t mentee, std::int64_t mentor) {
    return insert("INSERT INTO relationships (mentee_id, mentor_id, initiator_id, state, requested_at, expires_at, "
                  "updated_at) VALUES (?, ?, ?, 'concluding', ?, ?, ?) RETURNING id",
                  {mentee, mentor, mentee, kNow, kNow, kNow});
  }
  std::int64_t circle(std::int64_t host) {
    return insert("INSERT INTO circles (host_id, created_by, topic, size_limit, cadence_days, medium, membership, "
                  "state, created_at, updated_at) VALUES (?, ?, 'Topic', 6, 14, 'video', 'open', 'concluding', ?, ?) "
                  "RETURNING id",
                  {host, host, kNow, kNow});
  }
  // The people, the relationship and the circle the old rows belong to. Both old tables number
  // from 1, so the circle has the relationship's id.
  struct Owners {
    std::int64_t mentee, mentor, host, member, rel, circle;
  };
  Owners owners() {
    const auto mentee = person("mentee@example.com"), mentor = person("mentor@example.com");
    const auto host = person("host@example.com"), member = person("member@example.com");
    return {mentee, mentor, host, member, relationship(mentee, mentor), circle(host)};
  }
  void old_debrief(const char* table, const char* owner_column, std::int64_t owner, std::int64_t author,
                   const std::string& outcomes, long long at) {
    db_->execute(std::string("INSERT INTO ") + table + " (" + owner_column +
                     ", author_id, outcomes, achieved, rating, submitted_at) VALUES (?, ?, ?, ?, ?, ?)",
                 std::vector<Value>{owner, author, outcomes, std::string("achieved by ") + std::to_string(author),
                                    std::int64_t{4}, std::int64_t{at}});
  }

  std::int64_t old_objective(const char* table, const char* owner_column, std::int64_t owner, int position,
                             const std::string& description) {
    return insert(std::string("INSERT INTO ") + table + " (" + owner_column +
                      ", position, category, description) VALUES (?, ?, 'other', ?) RETURNING id",
                  {owner, std::int64_t{position}, description});
  }
  Value link(std::optional<std::int64_t> objective) { return objective ? Value(*objective) : Value(nullptr); }
  std::int64_t old_task(std::int64_t rel, std::optional<std::int64_t> objective, const std::string& title) {
    return insert("INSERT INTO tasks (relationship_id, objective_id, type, title, owner, status, created_at) VALUES "
                  "(?, ?, 'other', ?, 'mentee', 'open', ?) RETURNING id",
                  {rel, link(objective), title, kNow});
  }
  std::int64_t old_action_item(std::int64_t circle, std::int64_t owner, std::optional<std::int64_t> objective,
                               const std::string& title) {
    return insert("INSERT INTO circle_action_items (circle_id, owner_id, objective_id, type, title, status, "
                  "created_by, created_at) VALUES (?, ?, ?, 'other', ?, 'open', ?, ?) RETURNING id",
                  {circle, owner, link(objective), title, owner, kNow});
  }

  std::unique_ptr<sql::Connection> db_;
};

// Each action item's objective, by its title.
std::map<std::string, std::optional<ObjectiveId>> objective_by_title(const std::vector<ActionItem>& items) {
  std::map<std::string, std::optional<ObjectiveId>> out;
  for (const ActionItem& a : items) out[a.task.title] = a.task.objective_id;
  return out;
}

TEST_P(ContentMigrationTest, EveryDebriefOfARelationshipOrACircleIsKeptUnderItsOwner) {
  // The circle has the relationship's id: the owner's kind, not its id, tells them apart.
  const auto [mentee, mentor, host, member, rel, same_id_circle] = owners();
  ASSERT_EQ(same_id_circle, rel);
  old_debrief("debriefs", "relationship_id", rel, mentee, R"([{"objective_id":1,"outcome":"achieved"}])", kNow + 2);
  old_debrief("debriefs", "relationship_id", rel, mentor, R"([{"objective_id":1,"outcome":"partly"}])", kNow + 1);
  old_debrief("circle_debriefs", "circle_id", same_id_circle, member, "[]", kNow + 3);

  EXPECT_GE(apply_migrations(*db_, kNow), 1);

  const auto of_rel = debriefs_of(*db_, ContentOwner::relationship(rel));
  ASSERT_EQ(of_rel.size(), 2u);
  EXPECT_EQ(of_rel[0].author_id, mentor);  // submitted first
  EXPECT_EQ(of_rel[1].author_id, mentee);
  EXPECT_EQ(of_rel[1].achieved, "achieved by " + std::to_string(mentee));
  ASSERT_EQ(of_rel[1].outcomes.size(), 1u);
  EXPECT_EQ(of_rel[1].outcomes[0].first, 1);
  EXPECT_EQ(of_rel[1].rating, 4);
  const auto of_circle = debriefs_of(*db_, ContentOwner::circle(same_id_circle));
  ASSERT_EQ(of_circle.size(), 1u);
  EXPECT_EQ(of_circle[0].author_id, member);

  // After the migration a second debrief replaces the author's first, per owner.
  Debrief again = of_circle[0];
  again.achieved = "more";
  save_debrief(*db_, ContentOwner::circle(same_id_circle), again);
  EXPECT_EQ(debriefs_of(*db_, ContentOwner::circle(same_id_circle)).at(0).achieved, "more");
  EXPECT_EQ(debriefs_of(*db_, ContentOwner::relationship(rel)).size(), 2u);
}

TEST_P(ContentMigrationTest, RelationshipObjectivesKeepTheirIdsAndEveryReferenceToACircleObjectiveFollowsItsNewId) {
  const auto [mentee, mentor, host, member, rel, c] = owners();
  // Both old tables number from 1: the circle's objectives have the relationship's ids.
  const auto first = old_objective("objectives", "relationship_id", rel, 0, "first");
  const auto second = old_objective("objectives", "relationship_id", rel, 1, "second");
  const auto listen = old_objective("circle_objectives", "circle_id", c, 0, "listen");
  const auto speak = old_objective("circle_objectives", "circle_id", c, 1, "speak");
  ASSERT_EQ(listen, first);
  const auto t1 = old_task(rel, first, "t1"), t2 = old_task(rel, second, "t2"), t3 = old_task(rel, std::nullopt, "t3");
  old_action_item(c, member, speak, "a-speak");
  old_action_item(c, member, listen, "a-listen");
  old_action_item(c, member, std::nullopt, "a-none");
  old_debrief("debriefs", "relationship_id", rel, mentee,
              R"([{"objective_id":)" + std::to_string(second) + R"(,"outcome":"achieved"}])", kNow);
  old_debrief("circle_debriefs", "circle_id", c, member,
              R"([{"objective_id":)" + std::to_string(speak) + R"(,"outcome":"achieved"},{"objective_id":)" +
                  std::to_string(listen) + R"(,"outcome":"partly"}])",
              kNow);

  EXPECT_GE(apply_migrations(*db_, kNow), 2);

  const auto of_rel = objectives_of(*db_, ContentOwner::relationship(rel));
  ASSERT_EQ(of_rel.size(), 2u);
  EXPECT_EQ(of_rel[0].id, first);
  EXPECT_EQ(of_rel[0].description, "first");
  EXPECT_EQ(of_rel[1].id, second);
  const auto of_circle = objectives_of(*db_, ContentOwner::circle(c));
  ASSERT_EQ(of_circle.size(), 2u);
  EXPECT_EQ(of_circle[0].description, "listen");
  EXPECT_EQ(of_circle[1].description, "speak");
  const ObjectiveId new_listen = of_circle[0].id, new_speak = of_circle[1].id;
  EXPECT_GT(new_listen, second);
  EXPECT_GT(new_speak, new_listen);

  // The tasks point at the same objectives as before.
  const auto tasks = plain_tasks(tasks_of(*db_, ContentOwner::relationship(rel)));
  ASSERT_EQ(tasks.size(), 3u);
  EXPECT_EQ(tasks[0].id, t1);
  EXPECT_EQ(tasks[0].objective_id, first);
  EXPECT_EQ(tasks[1].id, t2);
  EXPECT_EQ(tasks[1].objective_id, second);
  EXPECT_EQ(tasks[2].id, t3);
  EXPECT_EQ(tasks[2].objective_id, std::nullopt);
  // The action items and the circle's debrief point at their objectives' new ids.
  const auto items = objective_by_title(tasks_of(*db_, ContentOwner::circle(c)));
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items.at("a-speak"), new_speak);
  EXPECT_EQ(items.at("a-listen"), new_listen);
  EXPECT_EQ(items.at("a-none"), std::nullopt);
  const auto circle_debrief = debriefs_of(*db_, ContentOwner::circle(c)).at(0);
  ASSERT_EQ(circle_debrief.outcomes.size(), 2u);
  EXPECT_EQ(circle_debrief.outcomes[0].first, new_speak);
  EXPECT_EQ(circle_debrief.outcomes[0].second, ObjectiveOutcome::achieved);
  EXPECT_EQ(circle_debrief.outcomes[1].first, new_listen);
  EXPECT_EQ(circle_debrief.outcomes[1].second, ObjectiveOutcome::partly);
  EXPECT_EQ(debriefs_of(*db_, ContentOwner::relationship(rel)).at(0).outcomes.at(0).first, second);

  // New objectives are numbered after every kept one (PostgreSQL's sequence moved past them),
  // and a removed one unlinks its action items.
  std::vector<Objective> redrafted{of_circle[1], Objective{0, of_circle[0].category, "new", ""}};
  save_objectives(*db_, ContentOwner::circle(c), redrafted);
  EXPECT_GT(redrafted[1].id, new_speak);
  EXPECT_EQ(objective_by_title(tasks_of(*db_, ContentOwner::circle(c))).at("a-listen"), std::nullopt);
  // The tasks' link is still a foreign key.
  EXPECT_THROW(old_task(rel, redrafted[1].id + 100, "nowhere"), sql::Error);
}

TEST_P(ContentMigrationTest, TasksKeepTheirIdsAndActionItemsAreRenumberedWithTheirOwnersObjectivesAndReminders) {
  const auto [mentee, mentor, host, member, rel, c] = owners();
  const auto goal = old_objective("objectives", "relationship_id", rel, 0, "goal");
  const auto shared = old_objective("circle_objectives", "circle_id", c, 0, "shared");
  const auto t1 = old_task(rel, goal, "t1"), t2 = old_task(rel, std::nullopt, "t2");
  db_->execute("UPDATE tasks SET owner = 'mentor' WHERE id = ?", std::vector<Value>{t2});
  // Both old tables number from 1: the first action item has the first task's id.
  const auto a1 = old_action_item(c, member, shared, "a1");
  const auto a2 = old_action_item(c, host, std::nullopt, "a2");
  ASSERT_EQ(a1, t1);
  db_->execute("INSERT INTO notifications (person_id, kind, message, created_at, subject, occasion, link) VALUES "
               "(?, 'task_overdue', 'due', ?, ?, 'due:2026-01-01', '/') ",
               std::vector<Value>{member, kNow, "action_item:" + std::to_string(a1)});

  EXPECT_GE(apply_migrations(*db_, kNow), 3);  // 24, 25 and 26, and any later one

  const auto tasks = tasks_of(*db_, ContentOwner::relationship(rel));
  ASSERT_EQ(tasks.size(), 2u);
  EXPECT_EQ(tasks[0].task.id, t1);
  EXPECT_EQ(tasks[0].task.objective_id, goal);
  EXPECT_EQ(tasks[0].task.owner, Role::mentee);
  EXPECT_EQ(tasks[1].task.id, t2);
  EXPECT_EQ(tasks[1].task.owner, Role::mentor);
  const ObjectiveId new_shared = objectives_of(*db_, ContentOwner::circle(c)).at(0).id;
  const auto items = tasks_of(*db_, ContentOwner::circle(c));
  ASSERT_EQ(items.size(), 2u);
  // The old id plus the largest task id.
  EXPECT_EQ(items[0].task.id, a1 + t2);
  EXPECT_EQ(items[0].task.title, "a1");
  EXPECT_EQ(items[0].task.objective_id, new_shared);
  EXPECT_EQ(items[0].owner_id, member);
  EXPECT_EQ(items[0].created_by, member);
  EXPECT_EQ(items[1].task.id, a2 + t2);
  EXPECT_EQ(items[1].owner_id, host);
  EXPECT_EQ(tasks_of(*db_, ContentOwner::circle(c), host).size(), 1u);
  EXPECT_FALSE(find_task(*db_, ContentOwner::relationship(rel), items[0].task.id));
  EXPECT_FALSE(find_task(*db_, ContentOwner::circle(c), t2));
  // The reminder already sent names the item's new id, so it is not sent again.
  EXPECT_EQ(db_->execute("SELECT subject FROM notifications").rows.at(0).text(0),
            "action_item:" + std::to_string(items[0].task.id));

  // New items are numbered after every kept one, and each kind keeps to its own columns.
  ActionItem next = items[1];
  next.task.title = "next";
  const TaskId next_id = insert_task(*db_, ContentOwner::circle(c), next);
  EXPECT_GT(next_id, items[1].task.id);
  EXPECT_THROW(db_->execute("INSERT INTO tasks (circle_id, type, title, owner, status, created_at) VALUES (?, 'other', "
                            "'x', 'mentee', 'open', ?)",
                            std::vector<Value>{c, kNow}),
               sql::Error);
  ActionItem changed = tasks[1];
  changed.task.owner = Role::mentee;
  changed.task.status = TaskStatus::done;
  update_task(*db_, ContentOwner::relationship(rel), changed);
  const auto reread = find_task(*db_, ContentOwner::relationship(rel), t2);
  ASSERT_TRUE(reread);
  EXPECT_EQ(reread->task.owner, Role::mentee);
  EXPECT_EQ(reread->task.status, TaskStatus::done);
}

INSTANTIATE_TEST_SUITE_P(BothStores, ContentMigrationTest, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace mh::storage
