// What both drivers promise the store alike (storage/sql/connection.hpp), run on SQLite in memory
// and on a fresh database of the throwaway PostgreSQL cluster: values stored and read back, new
// ids, counts of changed rows, the kinds of constraint failures, and transactions.
#include <chrono>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "storage/sql/connection.hpp"
#include "storage/sql/connection_testing.hpp"
#include "storage/sql/pool.hpp"
#include "support/fresh_database.hpp"

namespace mh::sql {
namespace {

using testing::kind_of_failure;

class ConnectionContract : public ::testing::TestWithParam<std::string>, protected testing::TestDatabase {
 protected:
  void SetUp() override {
    MH_FRESH_DATABASE_OR_SKIP(url, GetParam(), "connection_contract");
    open_with_tables(url);
  }
};

TEST_P(ConnectionContract, RoundTripsEveryValueTypeAndNull) {
  EXPECT_EQ(conn_->dialect(), GetParam() == "sqlite" ? Dialect::sqlite : Dialect::postgres);
  const std::vector<Value> params = {std::int64_t{-9223372036854775807 - 1}, 0.1, std::string("héllo 'x' ?"), nullptr,
                                     std::string()};
  // PostgreSQL types a bare parameter as text, so its statement says what each one is.
  const ResultSet result = conn_->execute(conn_->dialect() == Dialect::sqlite
                                              ? "SELECT ?, ?, ?, ?, ?"
                                              : "SELECT CAST(? AS BIGINT), CAST(? AS DOUBLE PRECISION), "
                                                "CAST(? AS TEXT), CAST(? AS BIGINT), CAST(? AS TEXT)",
                                          params);
  ASSERT_EQ(result.rows.size(), 1u);
  const Row& row = result.rows[0];
  ASSERT_EQ(row.size(), 5u);
  EXPECT_EQ(row.at(0), params[0]);
  EXPECT_EQ(row.at(1), params[1]);
  EXPECT_EQ(row.at(2), params[2]);
  EXPECT_TRUE(row.is_null(3));
  EXPECT_EQ(row.at(4), Value(std::string()));
  EXPECT_FALSE(row.is_null(4));
  EXPECT_EQ(row.int64(0), -9223372036854775807 - 1);
  EXPECT_DOUBLE_EQ(row.real(1), 0.1);
  EXPECT_EQ(row.text(3), "");
  EXPECT_EQ(row.int64(3), 0);
  EXPECT_EQ(row.opt_int64(3), std::nullopt);
  EXPECT_EQ(row.opt_text(3), std::nullopt);
  EXPECT_EQ(row.opt_text(2), "héllo 'x' ?");
}

// Beyond a double's precision, a whole number stays exact.
TEST_P(ConnectionContract, KeepsLargeIntegersExact) {
  const auto rows = conn_->execute(conn_->dialect() == Dialect::sqlite ? "SELECT ?" : "SELECT CAST(? AS BIGINT)",
                                   std::vector<Value>{std::int64_t{-9007199254740993}})
                        .rows;
  EXPECT_EQ(rows.at(0).int64(0), -9007199254740993);
}

TEST_P(ConnectionContract, StoresAndReadsBackValuesFromATable) {
  conn_->execute("INSERT INTO people (email, score, age, active, note) VALUES (?, ?, ?, ?, ?)",
                 std::vector<Value>{std::string("a@example.org"), 2.5, std::int64_t{40}, std::int64_t{0}, nullptr});
  const auto rows = conn_->execute("SELECT email, score, age, active, note FROM people").rows;
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].at(0), Value(std::string("a@example.org")));
  EXPECT_EQ(rows[0].at(1), Value(2.5));
  EXPECT_DOUBLE_EQ(rows[0].real(1), 2.5);
  EXPECT_EQ(rows[0].at(2), Value(std::int64_t{40}));
  EXPECT_EQ(rows[0].at(3), Value(std::int64_t{0}));
  EXPECT_TRUE(rows[0].is_null(4));
}

TEST_P(ConnectionContract, ReturningGivesTheNewId) {
  const auto first = conn_->execute("INSERT INTO people (email) VALUES (?) RETURNING id",
                                    std::vector<Value>{std::string("a@example.org")});
  const auto second = conn_->execute("INSERT INTO people (email) VALUES (?) RETURNING id",
                                     std::vector<Value>{std::string("b@example.org")});
  ASSERT_EQ(first.rows.size(), 1u);
  ASSERT_EQ(second.rows.size(), 1u);
  EXPECT_EQ(first.rows[0].at(0), Value(std::int64_t{1}));
  EXPECT_EQ(second.rows[0].int64(0), 2);
  EXPECT_EQ(second.affected, 1);
}

TEST_P(ConnectionContract, CountsAffectedRowsOnlyForTheStatementThatChangedThem) {
  for (const char* email : {"a@x", "b@x", "c@x"})
    EXPECT_EQ(conn_->execute("INSERT INTO people (email, age) VALUES (?, 1)", std::vector<Value>{std::string(email)})
                  .affected,
              1);
  EXPECT_EQ(conn_->execute("UPDATE people SET age = 2 WHERE email <> ?", std::vector<Value>{std::string("a@x")})
                .affected,
            2);
  // A SELECT after the UPDATE, and an UPDATE that matches nothing, changed nothing.
  EXPECT_EQ(conn_->execute("SELECT * FROM people").affected, 0);
  EXPECT_EQ(conn_->execute("UPDATE people SET age = 3 WHERE id = 99").affected, 0);
  EXPECT_EQ(conn_->execute("DELETE FROM people").affected, 3);
}

TEST_P(ConnectionContract, MapsConstraintFailuresToTheirKindsAndStaysUsable) {
  conn_->execute("INSERT INTO people (email) VALUES ('a@x')");
  EXPECT_EQ(kind_of_failure(*conn_, "INSERT INTO people (email) VALUES (?)", {std::string("a@x")}),
            Error::Kind::unique_violation);
  EXPECT_EQ(kind_of_failure(*conn_, "INSERT INTO posts (author) VALUES (?)", {std::int64_t{42}}),
            Error::Kind::foreign_key_violation);
  EXPECT_EQ(kind_of_failure(*conn_, "INSERT INTO people (email, age) VALUES ('c@x', ?)", {std::int64_t{-1}}),
            Error::Kind::check_violation);
  EXPECT_EQ(kind_of_failure(*conn_, "SELEKT 1", {}), Error::Kind::other);
  EXPECT_TRUE(conn_->healthy());
  EXPECT_EQ(conn_->execute("SELECT COUNT(*) FROM people").rows[0].int64(0), 1);
}

TEST_P(ConnectionContract, RollbackDiscardsAndCommitKeeps) {
  conn_->begin(true);
  conn_->execute("INSERT INTO people (email) VALUES ('gone@x')");
  conn_->rollback();
  conn_->begin(true, Connection::Isolation::serializable);
  conn_->execute("INSERT INTO people (email) VALUES ('kept@x')");
  conn_->commit();
  const auto rows = conn_->execute("SELECT email FROM people").rows;
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].text(0), "kept@x");
  conn_->rollback();  // nothing open: a no-op, not an error
}

TEST_P(ConnectionContract, PoolHandsOutDistinctConnectionsReusesThemAndSaysBusyWhenNoneIsFree) {
  Pool pool(url_, 2);
  EXPECT_EQ(pool.dialect(), conn_->dialect());
  Connection* a_seen = nullptr;
  Connection* b_seen = nullptr;
  {
    auto a = pool.acquire();
    auto b = pool.acquire();
    EXPECT_NE(a.get(), b.get());
    a_seen = a.get();
    b_seen = b.get();
    a->execute("INSERT INTO people (email) VALUES ('x@x')");
    EXPECT_EQ(b->execute("SELECT COUNT(*) FROM people").rows[0].int64(0), 1);
    try {
      pool.acquire(std::chrono::milliseconds(20));
      FAIL() << "no error";
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), Error::Kind::busy);
    }
  }
  // Returned connections are reused, not replaced by new ones.
  auto again = pool.acquire();
  auto again2 = pool.acquire();
  EXPECT_TRUE(again.get() == a_seen || again.get() == b_seen);
  EXPECT_TRUE(again2.get() == a_seen || again2.get() == b_seen);
}

INSTANTIATE_TEST_SUITE_P(BothDrivers, ConnectionContract, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace mh::sql
