// The SQLite driver, the Row accessors and the pool, on ":memory:" and on temporary files.
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "storage/sql/connection.hpp"
#include "storage/sql/connection_testing.hpp"
#include "storage/sql/pool.hpp"
#include "storage/sqlite/sqlite_connection.hpp"

namespace mh::sql {
namespace {

using namespace std::chrono_literals;

using testing::kind_of_failure;

std::unique_ptr<Connection> memory_db() {
  auto conn = connect(":memory:");
  testing::create_test_tables(*conn);
  return conn;
}

// A file database in a fresh directory, removed afterwards (with its -wal and -shm files).
class SqliteFile : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("mh-sqlite-test-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / "test.db").string();
    connect(path_)->execute_script("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT)");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::filesystem::path dir_;
  std::string path_;
};

// /metrics reports the heap SQLite holds; Mentorhub counts it itself (SQLite's own statistics
// take a process-wide lock on every allocation). What a connection holds shows, and goes when
// it closes.
TEST(SqliteConnection, TheHeapSqliteHoldsIsCountedAndGivenBackWhenAConnectionCloses) {
  const long long at_start = sqlite_heap_bytes();
  long long holding = 0;
  {
    auto conn = memory_db();
    conn->execute("CREATE TABLE filler (text TEXT)");
    for (int i = 0; i < 200; ++i)
      conn->execute("INSERT INTO filler (text) VALUES (?)", std::vector<Value>{std::string(4000, 'x')});
    holding = sqlite_heap_bytes();
    // 200 rows of 4,000 bytes in an in-memory database are its pages: at least 800,000 bytes.
    EXPECT_GT(holding - at_start, 800'000);
  }
  EXPECT_LT(sqlite_heap_bytes(), holding - 800'000);
}

// SQLite lets a row name its own id; one already taken is a unique violation like any other.
TEST(SqliteConnection, AnExplicitIdAlreadyTakenIsAUniqueViolation) {
  auto conn = memory_db();
  conn->execute("INSERT INTO people (id, email) VALUES (1, 'a@x')");
  EXPECT_EQ(kind_of_failure(*conn, "INSERT INTO people (id, email) VALUES (?, 'b@x')", {std::int64_t{1}}),
            Error::Kind::unique_violation);
}

TEST(SqliteConnection, SaysWhichConstraintFailed) {
  auto conn = memory_db();
  conn->execute("INSERT INTO people (email) VALUES ('a@x')");
  try {
    conn->execute("INSERT INTO people (email) VALUES ('a@x')");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("people.email"), std::string::npos) << e.what();
  }
}

TEST(SqliteConnection, RejectsASecondStatementAndAWrongNumberOfValues) {
  auto conn = memory_db();
  EXPECT_THROW(conn->execute("SELECT 1; SELECT 2"), Error);
  EXPECT_NO_THROW(conn->execute("SELECT 1; -- a trailing comment"));
  EXPECT_THROW(conn->execute("SELECT ?", std::vector<Value>{}), Error);
  EXPECT_THROW(conn->execute("SELECT ?", std::vector<Value>{std::int64_t{1}, std::int64_t{2}}),
               Error);
  // A failed execution leaves the cached statement usable.
  EXPECT_EQ(conn->execute("SELECT ?", std::vector<Value>{std::int64_t{7}}).rows[0].int64(0), 7);
}

TEST(SqliteConnection, ReportsAFileThatCannotBeOpenedAsAConnectionError) {
  try {
    connect("/nonexistent-dir/sub/x.db");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), Error::Kind::connection);
  }
}

TEST(Row, ReadsIntegersFromTextAndWholeRealsButNotFromWords) {
  const Row row({std::string("42"), 3.0, std::string("4x"), 2.5, std::int64_t{5}, nullptr});
  EXPECT_EQ(row.int64(0), 42);
  EXPECT_EQ(row.int64(1), 3);
  EXPECT_THROW(row.int64(2), Error);
  EXPECT_THROW(row.int64(3), Error);
  EXPECT_DOUBLE_EQ(row.real(4), 5.0);
  EXPECT_THROW(row.text(4), Error);
  EXPECT_EQ(row.text(5), "");
  EXPECT_THROW(row.int64(6), std::out_of_range);
}

TEST(ConnectUrl, TellsPostgresUrlsFromSqlitePaths) {
  EXPECT_TRUE(is_postgres_url("postgresql://u@h/db"));
  EXPECT_TRUE(is_postgres_url("postgres://u@h/db"));
  EXPECT_FALSE(is_postgres_url("mentorhub.db"));
  EXPECT_FALSE(is_postgres_url(":memory:"));
  EXPECT_FALSE(is_postgres_url("/var/lib/postgresql.db"));
}

TEST_F(SqliteFile, AWriterAndAConcurrentReaderWorkSideBySide) {
  auto writer = connect(path_);
  auto reader = connect(path_);
  EXPECT_EQ(reader->execute("PRAGMA journal_mode").rows[0].text(0), "wal");
  writer->execute("INSERT INTO items (name) VALUES ('committed')");

  writer->begin(true);  // BEGIN IMMEDIATE: holds the write lock from here
  writer->execute("INSERT INTO items (name) VALUES ('pending')");
  // WAL: the reader neither waits for the writer nor sees its uncommitted row. (A reader that
  // had to wait could only wait in vain: the writer commits below, on this same thread, so the
  // read would end in a busy error, not in a slow answer.)
  reader->begin(false);
  EXPECT_EQ(reader->execute("SELECT COUNT(*) FROM items").rows[0].int64(0), 1);
  reader->commit();
  writer->commit();
  EXPECT_EQ(reader->execute("SELECT COUNT(*) FROM items").rows[0].int64(0), 2);
}

TEST_F(SqliteFile, ASecondWriterWaitsForTheFirstInsteadOfFailing) {
  auto first = connect(path_);
  auto second = connect(path_);
  first->begin(true);
  first->execute("INSERT INTO items (name) VALUES ('one')");
  std::thread committer([&] {
    std::this_thread::sleep_for(200ms);
    first->commit();
  });
  second->begin(true);  // waits (busy timeout) until the first commits
  second->execute("INSERT INTO items (name) VALUES ('two')");
  second->commit();
  committer.join();
  EXPECT_EQ(second->execute("SELECT COUNT(*) FROM items").rows[0].int64(0), 2);
}

TEST_F(SqliteFile, PoolThrowsBusyWhenExhaustedAfterTheWait) {
  Pool pool(path_, 1);
  auto held = pool.acquire();
  const auto start = std::chrono::steady_clock::now();
  try {
    pool.acquire(50ms);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), Error::Kind::busy);
    EXPECT_STREQ(e.what(), "no database connection free");
  }
  EXPECT_GE(std::chrono::steady_clock::now() - start, 50ms);
}

TEST_F(SqliteFile, PoolBlocksUntilAConnectionComesBack) {
  Pool pool(path_, 1);
  std::atomic<bool> released{false};
  auto held = std::make_unique<Pool::Lease>(pool.acquire());
  std::thread releaser([&] {
    std::this_thread::sleep_for(100ms);
    released = true;
    held.reset();
  });
  auto next = pool.acquire(5s);
  EXPECT_TRUE(released);
  releaser.join();
}

TEST_F(SqliteFile, PoolRollsBackATransactionLeftOpen) {
  Pool pool(path_, 1);
  {
    auto lease = pool.acquire();
    lease->begin(true);
    lease->execute("INSERT INTO items (name) VALUES ('forgotten')");
  }
  auto lease = pool.acquire();
  EXPECT_EQ(lease->execute("SELECT COUNT(*) FROM items").rows[0].int64(0), 0);
  lease->begin(true);  // would fail if the old transaction were still open
  lease->commit();
}

TEST(SqlitePool, UsesOneConnectionForAnInMemoryDatabase) {
  Pool pool(":memory:", 8);
  EXPECT_EQ(pool.size(), 1);
  {
    auto lease = pool.acquire();
    lease->execute_script("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1);");
  }
  auto lease = pool.acquire();
  EXPECT_EQ(lease->execute("SELECT x FROM t").rows[0].int64(0), 1);
  EXPECT_THROW(pool.acquire(10ms), Error);
}

TEST(SqlitePool, RefusesASizeBelowOne) { EXPECT_THROW(Pool(":memory:", 0), std::invalid_argument); }

TEST_F(SqliteFile, SynchronousIsNormalUnlessTheDatabaseNameAsksForFull) {
  EXPECT_EQ(connect(path_)->execute("PRAGMA synchronous").rows[0].int64(0), 1);  // NORMAL
  auto durable = connect("file:" + path_ + "?synchronous=full");
  EXPECT_EQ(durable->execute("PRAGMA synchronous").rows[0].int64(0), 2);  // FULL
  // The same file either way: the URI names it, it does not copy it.
  durable->execute("INSERT INTO items (name) VALUES ('kept')");
  EXPECT_EQ(connect(path_)->execute("SELECT COUNT(*) FROM items").rows[0].int64(0), 1);
}

TEST_F(SqliteFile, AnUnknownSynchronousSettingIsRefusedNotIgnored) {
  try {
    connect("file:" + path_ + "?synchronous=sometimes");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), Error::Kind::connection);
    EXPECT_NE(std::string(e.what()).find("synchronous must be normal, full or extra"), std::string::npos) << e.what();
  }
}

// Readers that overlap (one always holds a read transaction) never give SQLite's own upkeep the
// moment it needs to start the WAL over; under steady writes it then grows without end.
TEST_F(SqliteFile, UnderReadersThatNeverPauseTheWalStillStartsOverInsteadOfGrowing) {
  auto writer = connect(path_);
  std::atomic<bool> writing = true;
  std::atomic<int> reads = 0;
  std::thread readers([&] {
    auto a = connect(path_);
    auto b = connect(path_);
    auto open = [&](Connection& c) {
      c.begin(false);
      c.execute("SELECT COUNT(*) FROM items");  // the read begins at its first statement
      ++reads;
    };
    open(*a);
    while (writing) {
      open(*b);
      a->commit();
      std::this_thread::sleep_for(200us);
      open(*a);
      b->commit();
      std::this_thread::sleep_for(200us);
    }
    a->commit();
  });
  const std::string page_filler(16 * 1024, 'x');  // a commit of about five pages
  std::uintmax_t largest_wal = 0;
  for (int i = 0; i < 4000; ++i) {  // about 80 MB written through the WAL in all
    writer->execute("INSERT INTO items (name) VALUES (?)", std::vector<Value>{page_filler});
    if (i % 100 == 0) largest_wal = std::max(largest_wal, std::filesystem::file_size(path_ + "-wal"));
  }
  writing = false;
  readers.join();
  ASSERT_GT(reads.load(), 100) << "the readers did overlap the writes";
  // The WAL starts over past 32 MiB and its file is cut back to 32 MiB. A RESTART that a reader
  // held up past its 100 ms (a busy machine) is tried again 8 MiB later: room for a few of those,
  // far below the 98 MB this reached without the upkeep.
  EXPECT_LT(largest_wal, std::uintmax_t{64} << 20);
  EXPECT_EQ(connect(path_)->execute("SELECT COUNT(*) FROM items").rows[0].int64(0), 4000);
}

// A reader that keeps one old snapshot open stops the WAL from starting over, however long a
// commit waits for it. The commits past 32 MiB then do not each wait 100 ms for it: after a
// RESTART that could not finish, the next is tried only after 8 MiB more.
TEST_F(SqliteFile, AReaderThatHoldsAnOldSnapshotDoesNotMakeEveryLaterCommitWait) {
  SqliteConnection writer(path_);
  auto reader = connect(path_);
  reader->begin(false);
  reader->execute("SELECT COUNT(*) FROM items");  // holds the snapshot from before any write
  const std::string page_filler(16 * 1024, 'x');  // a commit of about five pages
  for (int i = 0; i < 2400; ++i)                  // about 12,000 pages through the WAL
    writer.execute("INSERT INTO items (name) VALUES (?)", std::vector<Value>{page_filler});
  // Tried at 8,192 pages, then once every 2,048 more; without the back-off every commit past
  // 8,192 pages (some 600 of them) would have tried, each waiting 100 ms.
  const auto wal_frames = static_cast<long long>((std::filesystem::file_size(path_ + "-wal") - 32) / (4096 + 24));
  ASSERT_GT(wal_frames, 8192 + 2048) << "the WAL grew past the limit and one back-off";
  EXPECT_GE(writer.wal_restarts_tried(), 2);
  EXPECT_LE(writer.wal_restarts_tried(), 1 + (wal_frames - 8192) / 2048);
  EXPECT_EQ(reader->execute("SELECT COUNT(*) FROM items").rows[0].int64(0), 0) << "the reader's snapshot held";
  reader->commit();
  // Once the reader is gone, the next commit past the limit starts the WAL over.
  for (int i = 0; i < 450; ++i)
    writer.execute("INSERT INTO items (name) VALUES (?)", std::vector<Value>{page_filler});
  EXPECT_LT(std::filesystem::file_size(path_ + "-wal"), std::uintmax_t{40} << 20);
}

// Past 1,000 pages SQLite's own upkeep would checkpoint after every commit while a reader keeps
// the WAL from starting over; a connection here checkpoints once per 1,000 more pages.
TEST_F(SqliteFile, PastAThousandPagesACommitCheckpointsOncePerThousandMorePagesNotEveryTime) {
  SqliteConnection writer(path_);
  auto reader = connect(path_);
  reader->begin(false);
  reader->execute("SELECT COUNT(*) FROM items");  // the WAL cannot start over while this lasts
  const std::string page_filler(8 * 1024, 'x');   // a commit of a few pages
  int commits_past_a_thousand = 0;
  for (int i = 0; i < 1200; ++i) {
    writer.execute("INSERT INTO items (name) VALUES (?)", std::vector<Value>{page_filler});
    const auto frames = (std::filesystem::file_size(path_ + "-wal") - 32) / (4096 + 24);
    commits_past_a_thousand += frames >= 1000;
  }
  reader->commit();
  const auto wal_frames = static_cast<long long>((std::filesystem::file_size(path_ + "-wal") - 32) / (4096 + 24));
  ASSERT_GT(commits_past_a_thousand, 500) << "enough commits ran past 1,000 pages";
  ASSERT_LT(wal_frames, 8192) << "below the RESTART, which has its own tests";
  EXPECT_GE(writer.wal_checkpoints_run(), 1);
  EXPECT_LE(writer.wal_checkpoints_run(), wal_frames / 1000);
}

}  // namespace
}  // namespace mh::sql
