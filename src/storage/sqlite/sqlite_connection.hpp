// The SQLite driver of sql::Connection, on libsqlite3. Opens (creating if missing) one
// database file in WAL mode with foreign keys on, a 5 s busy timeout and synchronous=NORMAL,
// so one writer and many readers on separate connections can run side by side. Statements
// are prepared once per distinct SQL text and kept for the connection's life, because the
// store's SQL is a fixed set of strings that repeat. ":memory:" opens a private in-memory
// database (tests). Depends on libsqlite3 only; sqlite3.h stays out of this header.
// Not thread-safe: the connection is opened without SQLite's own mutex, and the pool gives
// it to one thread at a time.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "storage/sql/connection.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace mh::sql {

// Bytes of heap SQLite holds in this process: every connection's page cache (up to 2 MiB each
// by default, filling as the database grows) and prepared statements. For /metrics.
long long sqlite_heap_bytes();

// Gives SQLite an allocator that counts its heap without SQLite's own statistics, whose mutex
// every allocation takes. Once per process, before the first database opens: every SQLite
// connection and backup of Mentorhub's calls it first.
void use_counting_allocator();

class SqliteConnection final : public Connection {
 public:
  // Throws sql::Error(connection) when the file cannot be opened or configured.
  explicit SqliteConnection(const std::string& path);
  ~SqliteConnection() override;

  Dialect dialect() const override { return Dialect::sqlite; }
  ResultSet execute(std::string_view sql, std::span<const Value> params = {}) override;
  void execute_script(std::string_view sql) override;
  void begin(bool write, Isolation isolation = Isolation::read_committed) override;
  void commit() override;
  void rollback() noexcept override;
  bool healthy() const override { return db_ != nullptr; }

  // RESTART checkpoints this connection has tried after its commits (each may wait up to 100 ms
  // for readers of old pages): how often it made a commit wait, for the tests.
  long long wal_restarts_tried() const { return wal_restarts_tried_; }
  // PASSIVE checkpoints this connection has run after its commits (each copies pages back and
  // syncs twice): once per 1,000 more pages of WAL, not after every commit.
  long long wal_checkpoints_run() const { return wal_checkpoints_run_; }

 private:
  // Heterogeneous lookup, so a string_view of SQL finds its statement without a copy.
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  sqlite3_stmt* prepare(std::string_view sql);
  // Keeps the WAL short under readers that never pause (sqlite_connection.cpp).
  static int keep_the_wal_short(void* self, sqlite3* db, const char* schema, int pages);

  sqlite3* db_ = nullptr;
  int wal_pages_seen_ = 0;        // the WAL's size after this connection's last commit
  int checkpoint_at_pages_ = 0;   // the WAL size that makes a commit copy pages back
  int restart_wal_at_pages_ = 0;  // the WAL size that makes a commit try a RESTART (0: as soon as it is due)
  long long wal_restarts_tried_ = 0;
  long long wal_checkpoints_run_ = 0;
  std::unordered_map<std::string, sqlite3_stmt*, Hash, std::equal_to<>> statements_;
};

}  // namespace mh::sql
