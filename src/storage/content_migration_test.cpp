// The migrations that put circles' and relationships' shared content into one table each: a
// database built as release 23 left it, with rows in both old tables, is migrated, and every
// row and every reference in it must still say the same thing. On SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "storage/content_repo.hpp"
#include "storage/migrations.hpp"
#include "storage/sql/connection.hpp"
#include "support/pg_cluster.hpp"
#include "support/sqlite_test_db.hpp"

namespace mh::storage {
namespace {

using sql::Value;

constexpr long long kNow = 1767225600;  // 2026-01-01T00:00:00Z
constexpr int kBeforeSharedContent = 23;

class ContentMigrationTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    std::string url;
    if (GetParam() == "sqlite") {
      url = test::fresh_sqlite_path_for_test("content_migration_test");
    } else {
      MH_SHARED_PG_CLUSTER_OR_SKIP(cluster);
      url = cluster->fresh_database();
    }
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
  void old_debrief(const char* table, const char* owner_column, std::int64_t owner, std::int64_t author,
                   const std::string& outcomes, long long at) {
    db_->execute(std::string("INSERT INTO ") + table + " (" + owner_column +
                     ", author_id, outcomes, achieved, rating, submitted_at) VALUES (?, ?, ?, ?, ?, ?)",
                 std::vector<Value>{owner, author, outcomes, std::string("achieved by ") + std::to_string(author),
                                    std::int64_t{4}, std::int64_t{at}});
  }

  std::unique_ptr<sql::Connection> db_;
};

TEST_P(ContentMigrationTest, EveryDebriefOfARelationshipOrACircleIsKeptUnderItsOwner) {
  const auto mentee = person("mentee@example.com"), mentor = person("mentor@example.com");
  const auto host = person("host@example.com"), member = person("member@example.com");
  const auto rel = relationship(mentee, mentor);
  // The first circle has the first relationship's id: the owner's kind, not its id, tells them apart.
  const auto same_id_circle = circle(host);
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

INSTANTIATE_TEST_SUITE_P(BothStores, ContentMigrationTest, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace mh::storage
