// The PostgreSQL driver and the pool against a throwaway cluster (tests/support/pg_cluster);
// each test gets its own fresh database, so tests do not see each other's tables.
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "storage/postgres/pg_connection.hpp"
#include "storage/sql/connection.hpp"
#include "storage/sql/connection_testing.hpp"
#include "storage/sql/pool.hpp"
#include "support/pg_cluster.hpp"

namespace mh::sql {
namespace {

using namespace std::chrono_literals;

using testing::kind_of_failure;

class PgConnectionTest : public ::testing::Test, protected testing::TestDatabase {
 protected:
  void SetUp() override {
    MH_SHARED_PG_CLUSTER_OR_SKIP(cluster);
    open_with_tables(cluster->fresh_database());
  }
};

TEST(PgPlaceholders, AreNumberedInOrderOutsideLiteralsIdentifiersAndComments) {
  int count = 0;
  EXPECT_EQ(rewrite_placeholders("SELECT ?, '?', 'it''s ?', ? -- why?\n, \"a?\" /* ? /* ? */ ? */ ?",
                                 count),
            "SELECT $1, '?', 'it''s ?', $2 -- why?\n, \"a?\" /* ? /* ? */ ? */ $3");
  EXPECT_EQ(count, 3);
  EXPECT_EQ(rewrite_placeholders("SELECT E'\\'?', ?", count), "SELECT E'\\'?', $1");
  EXPECT_EQ(count, 1);
  EXPECT_EQ(rewrite_placeholders("SELECT 1", count), "SELECT 1");
  EXPECT_EQ(count, 0);
}

TEST_F(PgConnectionTest, TypesCellsByColumnType) {
  const auto rows = conn_->execute(
      "SELECT true, false, CAST(7 AS SMALLINT), CAST(2.5 AS NUMERIC), CAST(1.5 AS REAL), "
      "CAST(SUM(x) AS NUMERIC), DATE '2026-11-25', ? "
      "FROM (VALUES (1), (2)) AS v(x)",
      std::vector<Value>{std::int64_t{5}})
                        .rows;
  ASSERT_EQ(rows.size(), 1u);
  const Row& row = rows[0];
  EXPECT_EQ(row.at(0), Value(std::int64_t{1}));
  EXPECT_EQ(row.at(1), Value(std::int64_t{0}));
  EXPECT_EQ(row.at(2), Value(std::int64_t{7}));
  EXPECT_EQ(row.at(3), Value(2.5));
  EXPECT_EQ(row.at(4), Value(1.5));
  EXPECT_EQ(row.int64(5), 3);  // numeric arrives as a double; int64() accepts a whole one
  EXPECT_EQ(row.text(6), "2026-11-25");
  // An untyped parameter comes back as text; int64() still reads it.
  EXPECT_EQ(row.at(7), Value(std::string("5")));
  EXPECT_EQ(row.int64(7), 5);
}

TEST_F(PgConnectionTest, LeavesPlaceholdersInsideStringLiteralsAlone) {
  const auto rows =
      conn_->execute("SELECT '?', 'it''s ?', CAST(? AS TEXT)", std::vector<Value>{std::string("v")})
          .rows;
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].text(0), "?");
  EXPECT_EQ(rows[0].text(1), "it's ?");
  EXPECT_EQ(rows[0].text(2), "v");
  EXPECT_THROW(conn_->execute("SELECT ?", std::vector<Value>{}), Error);
}

TEST_F(PgConnectionTest, CommitOfAFailedTransactionThrowsInsteadOfPretending) {
  conn_->begin(true);
  conn_->execute("INSERT INTO people (email) VALUES ('a@x')");
  EXPECT_THROW(conn_->execute("INSERT INTO people (email) VALUES ('a@x')"), Error);
  EXPECT_THROW(conn_->commit(), Error);
  EXPECT_EQ(conn_->execute("SELECT COUNT(*) FROM people").rows[0].int64(0), 0);
}

TEST_F(PgConnectionTest, TheBeginTravelsWithTheFirstStatementAndTakesEffect) {
  conn_->begin(false, Connection::Isolation::serializable);
  EXPECT_EQ(conn_->execute("SHOW transaction_isolation").rows[0].text(0), "serializable");
  EXPECT_EQ(conn_->execute("SHOW transaction_read_only").rows[0].text(0), "on");
  conn_->commit();
  EXPECT_EQ(conn_->execute("SHOW transaction_read_only").rows[0].text(0), "off");
  // A transaction that ran nothing commits or rolls back as nothing.
  conn_->begin(true);
  conn_->commit();
  conn_->begin(true);
  conn_->rollback();
  // A first statement the server refuses leaves the transaction failed, as any other would:
  // one it cannot prepare, and one that fails as it runs.
  conn_->begin(true);
  EXPECT_THROW(conn_->execute("SELECT * FROM nowhere"), Error);
  EXPECT_THROW(conn_->commit(), Error);
  EXPECT_TRUE(conn_->healthy());
  const std::string failing = "SELECT 1 / (COUNT(*) - COUNT(*)) FROM people";
  EXPECT_THROW(conn_->execute(failing), Error);  // prepared now, outside any transaction
  conn_->begin(true);
  EXPECT_THROW(conn_->execute(failing), Error);
  EXPECT_THROW(conn_->commit(), Error);
  EXPECT_TRUE(conn_->healthy());
  conn_->begin(true, Connection::Isolation::repeatable_read);
  conn_->execute("INSERT INTO people (email) VALUES (?)", std::vector<Value>{std::string("first@x")});
  conn_->commit();
  EXPECT_EQ(conn_->execute("SELECT COUNT(*) FROM people").rows[0].int64(0), 1);
  // A script after begin() runs inside the transaction.
  conn_->begin(true);
  conn_->execute_script("INSERT INTO people (email) VALUES ('script@x')");
  conn_->rollback();
  EXPECT_EQ(conn_->execute("SELECT COUNT(*) FROM people").rows[0].int64(0), 1);
}

TEST_F(PgConnectionTest, ReadOnlyTransactionsRefuseWrites) {
  conn_->begin(false, Connection::Isolation::repeatable_read);
  EXPECT_EQ(kind_of_failure(*conn_, "INSERT INTO people (email) VALUES ('a@x')", {}),
            Error::Kind::other);
  conn_->rollback();
}

// A read at READ COMMITTED (every read of the store) opens no transaction: each statement has a
// snapshot of its own either way, and the COMMIT would be one more round trip. It still refuses
// to write, as READ ONLY did.
TEST_F(PgConnectionTest, AReadAtReadCommittedRunsEachStatementAloneAndStillRefusesWrites) {
  conn_->begin(false);
  conn_->execute("SELECT pg_sleep(0.3)");
  // Inside a transaction now() is when it began, before the sleep; alone, when this statement did.
  EXPECT_EQ(
      conn_->execute("SELECT CASE WHEN clock_timestamp() - now() < interval '200 milliseconds' THEN 1 ELSE 0 END")
          .rows[0]
          .int64(0),
      1);
  EXPECT_EQ(conn_->execute("  with n AS (SELECT COUNT(*) AS c FROM people) SELECT c FROM n").rows[0].int64(0), 0);
  EXPECT_EQ(kind_of_failure(*conn_, "INSERT INTO people (email) VALUES ('a@x')", {}), Error::Kind::other);
  EXPECT_EQ(kind_of_failure(*conn_, "\n  delete FROM people", {}), Error::Kind::other);
  EXPECT_THROW(conn_->execute_script("UPDATE people SET email = 'b@x'"), Error);
  conn_->commit();
  // After it, writes run again, in a transaction or alone.
  conn_->begin(true);
  conn_->execute("INSERT INTO people (email) VALUES ('a@x')");
  conn_->commit();
  conn_->begin(false);
  conn_->rollback();
  conn_->execute("INSERT INTO people (email) VALUES ('b@x')");
  EXPECT_EQ(conn_->execute("SELECT COUNT(*) FROM people").rows[0].int64(0), 2);
}

// Statements whose results nobody reads travel with the next statement that is waited for, or
// with the COMMIT: in the same round trip, and still all or nothing.
TEST_F(PgConnectionTest, UnreadWritesLandWithTheCommitAndTheirFailureFailsTheTransaction) {
  auto count = [&] { return connect(url_)->execute("SELECT COUNT(*) FROM people").rows[0].int64(0); };
  const std::string insert = "INSERT INTO people (email) VALUES (?)";
  conn_->begin(true);
  conn_->execute_unread(insert, std::vector<Value>{std::string("a@x")});
  conn_->execute_unread(insert, std::vector<Value>{std::string("b@x")});
  EXPECT_EQ(count(), 0);  // not committed yet (and perhaps not even sent)
  conn_->commit();
  EXPECT_EQ(count(), 2);

  // A queued failure comes out at the COMMIT, which then commits nothing.
  conn_->begin(true);
  conn_->execute_unread(insert, std::vector<Value>{std::string("c@x")});
  conn_->execute_unread(insert, std::vector<Value>{std::string("a@x")});
  conn_->execute_unread(insert, std::vector<Value>{std::string("d@x")});
  try {
    conn_->commit();
    ADD_FAILURE() << "no error from the commit";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), Error::Kind::unique_violation) << e.what();
  }
  EXPECT_EQ(count(), 2);
  EXPECT_TRUE(conn_->healthy());

  // Or at the next statement that is waited for; the rollback ends the transaction.
  conn_->begin(true);
  conn_->execute_unread(insert, std::vector<Value>{std::string("b@x")});
  EXPECT_EQ(kind_of_failure(*conn_, "SELECT COUNT(*) FROM people", {}), Error::Kind::unique_violation);
  conn_->rollback();
  EXPECT_EQ(conn_->execute("SELECT COUNT(*) FROM people").rows[0].int64(0), 2);

  // The statement waited for sees what was queued before it; a statement new to the connection
  // is prepared after the queue is sent; a rollback drops what is queued.
  conn_->begin(true);
  conn_->execute_unread(insert, std::vector<Value>{std::string("e@x")});
  EXPECT_EQ(conn_->execute("SELECT COUNT(*) FROM people").rows[0].int64(0), 3);
  conn_->execute_unread("UPDATE people SET note = ? WHERE email = ?",
                        std::vector<Value>{std::string("queued"), std::string("e@x")});
  conn_->execute_unread(insert, std::vector<Value>{std::string("f@x")});
  conn_->rollback();
  EXPECT_EQ(count(), 2);

  // Outside a transaction, at once.
  conn_->execute_unread(insert, std::vector<Value>{std::string("g@x")});
  EXPECT_EQ(count(), 3);
  // And in a read, refused as any write is.
  conn_->begin(false);
  EXPECT_THROW(conn_->execute_unread(insert, std::vector<Value>{std::string("h@x")}), Error);
  conn_->commit();
  EXPECT_EQ(count(), 3);
}

TEST_F(PgConnectionTest, ConcurrentSerializableWriteSkewIsASerializationFailure) {
  auto other = connect(url_);
  conn_->begin(true, Connection::Isolation::serializable);
  other->begin(true, Connection::Isolation::serializable);
  conn_->execute("SELECT COUNT(*) FROM people");
  other->execute("SELECT COUNT(*) FROM people");
  conn_->execute("INSERT INTO people (email) VALUES ('a@x')");
  other->execute("INSERT INTO people (email) VALUES ('b@x')");
  conn_->commit();
  try {
    other->commit();
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), Error::Kind::serialization_failure) << e.what();
  }
  other->rollback();
}

TEST_F(PgConnectionTest, ReadsTheNewShapeOfATableAfterItChanges) {
  conn_->execute("INSERT INTO people (email) VALUES ('a@x')");
  EXPECT_EQ(conn_->execute("SELECT * FROM people").rows[0].size(), 6u);
  conn_->execute_script("ALTER TABLE people ADD COLUMN extra TEXT");
  EXPECT_EQ(conn_->execute("SELECT * FROM people").rows[0].size(), 7u);
}

TEST_F(PgConnectionTest, RunsScriptsQuietlyAndReportsTheirErrors) {
  conn_->execute_script("DROP TABLE IF EXISTS nothing_here; CREATE TABLE t (x INTEGER);");
  EXPECT_THROW(conn_->execute_script("CREATE TABLE t (x INTEGER)"), Error);
}

TEST_F(PgConnectionTest, ABrokenConnectionSaysSoAndThePoolReplacesIt) {
  Pool pool(url_, 1);
  EXPECT_EQ(pool.dialect(), Dialect::postgres);
  {
    auto lease = pool.acquire();
    const std::int64_t pid = lease->execute("SELECT pg_backend_pid()").rows[0].int64(0);
    conn_->execute("SELECT pg_terminate_backend(CAST(? AS INTEGER))", std::vector<Value>{pid});
    try {
      lease->execute("SELECT 1");
      FAIL() << "no error";
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), Error::Kind::connection) << e.what();
    }
    EXPECT_FALSE(lease->healthy());
  }
  auto lease = pool.acquire();
  EXPECT_TRUE(lease->healthy());
  EXPECT_EQ(lease->execute("SELECT 1").rows[0].int64(0), 1);
}

TEST_F(PgConnectionTest, PoolLetsManyThreadsShareFewConnections) {
  Pool pool(url_, 3);
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&pool, t] {
      for (int i = 0; i < 10; ++i) {
        auto lease = pool.acquire(10s);
        lease->execute("INSERT INTO people (email) VALUES (?)",
                       std::vector<Value>{std::to_string(t) + "-" + std::to_string(i) + "@x"});
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(conn_->execute("SELECT COUNT(*) FROM people").rows[0].int64(0), 80);
}

TEST_F(PgConnectionTest, DiscardingIdleConnectionsMakesTheNextAcquireOpenAFreshOne) {
  Pool pool(url_, 2);
  std::int64_t before = 0;
  {
    auto lease = pool.acquire();
    before = lease->execute("SELECT pg_backend_pid()").rows[0].int64(0);
  }
  pool.discard_idle();
  auto lease = pool.acquire();
  EXPECT_NE(lease->execute("SELECT pg_backend_pid()").rows[0].int64(0), before);
  // The discarded connection freed its slot: both slots can be lent again.
  auto second = pool.acquire(20ms);
  EXPECT_TRUE(second->healthy());
}

TEST(PgConnection, ReportsAnUnreachableServerAsAConnectionError) {
  MH_SHARED_PG_CLUSTER_OR_SKIP(cluster);
  // The cluster's port with a database that does not exist: fails fast and locally.
  const std::string url =
      "postgres://postgres@127.0.0.1:" + std::to_string(cluster->port()) + "/no_such_db";
  try {
    connect(url);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), Error::Kind::connection);
    EXPECT_NE(std::string(e.what()).find("no_such_db"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace mh::sql
